/**
 * The retry policy: exponential back-off with full jitter on 429, 502, 503, 504, connection errors
 * and timeouts, honouring Retry-After; bounded attempts and elapsed time; one forced credential
 * refresh + retry on an expired token; never repeats a write that may already have been applied
 * unless the caller opts in. Every attempt calls `attempt` again, so it is signed again.
 */
import pRetry from 'p-retry';
import { errors } from '@opensearch-project/opensearch';
import { ConfigError, ExpiredCredentialsError, isFgacError, isTlsFailureMessage } from './errors/classes.js';
import { toTypedError } from './errors/classify.js';

/** Options of the retry policy. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). 0 disables retrying (the expired-token refresh still happens). */
  retries?: number;
  /** Base of the exponential back-off: the cap of the first delay, in ms (default 100). */
  minDelayMs?: number;
  /** Cap of any delay, Retry-After included, in ms (default 20 000). */
  maxDelayMs?: number;
  /** No attempt starts later than this after the first one, in ms (default 60 000). */
  maxElapsedMs?: number;
  /** Also repeat non-idempotent writes whose connection died after the request was sent (default false). */
  retryUnsafeWrites?: boolean;
  /** Called before each retry (errors it throws are ignored). */
  onRetry?: (info: RetryInfo) => void;
  /** Aborts the waiting between attempts; the abort reason is thrown. */
  signal?: AbortSignal;
}

/** Why a failed attempt is retried. */
export type RetryReason = 'throttled' | 'unavailable' | 'connect_failed' | 'connection_lost' | 'timeout';

/** What onRetry receives. */
export interface RetryInfo {
  /** The attempt that failed (1-based; every HTTP attempt counts, the post-refresh one included). */
  attempt: number;
  /** The error of that attempt (typed when it was a response). */
  error: unknown;
  reason: RetryReason | 'expired_credentials';
  /** Wait before the next attempt, in ms. */
  delayMs: number;
  /** Time since the first attempt started, in ms. */
  elapsedMs: number;
  method: string;
  path: string;
}

/** Whether one error may be retried, and why (not). */
export interface RetryDecision {
  retry: boolean;
  reason: RetryReason | 'unsafe_write' | 'tls_failure' | 'not_retryable';
  /** Retry-After of the response, in ms. */
  retryAfterMs?: number;
}

/** The request a retry decision is about. */
export interface RetryRequest {
  method: string;
  path: string;
}

const DEFAULTS = { retries: 3, minDelayMs: 100, maxDelayMs: 20_000, maxElapsedMs: 60_000 } as const;

/** RetryOptions with every default filled in. */
export type ResolvedRetryOptions = Required<Pick<RetryOptions, 'retries' | 'minDelayMs' | 'maxDelayMs' | 'maxElapsedMs' | 'retryUnsafeWrites'>> &
  Pick<RetryOptions, 'onRetry' | 'signal'>;

function checkNumber(name: string, value: unknown, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`retry.${name}`, `retry.${name} must be a finite ${integer ? 'integer' : 'number'} >= 0, got ${String(value)}`);
  }
  return value;
}

/** Validates options and fills in the defaults; throws ConfigError naming the bad option. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const retries = checkNumber('retries', options.retries, DEFAULTS.retries, true);
  const minDelayMs = checkNumber('minDelayMs', options.minDelayMs, DEFAULTS.minDelayMs, false);
  const maxDelayMs = checkNumber('maxDelayMs', options.maxDelayMs, Math.max(DEFAULTS.maxDelayMs, minDelayMs), false);
  const maxElapsedMs = checkNumber('maxElapsedMs', options.maxElapsedMs, DEFAULTS.maxElapsedMs, false);
  if (maxDelayMs < minDelayMs) throw new ConfigError('retry.maxDelayMs', `retry.maxDelayMs (${maxDelayMs}) is below retry.minDelayMs (${minDelayMs})`);
  if (options.onRetry !== undefined && typeof options.onRetry !== 'function') throw new ConfigError('retry.onRetry', 'retry.onRetry must be a function');
  return {
    retries,
    minDelayMs,
    maxDelayMs,
    maxElapsedMs,
    retryUnsafeWrites: options.retryUnsafeWrites === true,
    onRetry: options.onRetry,
    signal: options.signal,
  };
}

/**
 * Delay before the attempt after failed attempt number `attempt` (1-based): full jitter,
 * `random() * min(maxDelayMs, minDelayMs * 2^(attempt-1))`, but at least Retry-After; never above maxDelayMs.
 */
export function computeDelay(attempt: number, options: RetryOptions = {}, retryAfterMs?: number, random: () => number = Math.random): number {
  const minDelayMs = options.minDelayMs ?? DEFAULTS.minDelayMs;
  const maxDelayMs = options.maxDelayMs ?? Math.max(DEFAULTS.maxDelayMs, minDelayMs);
  const n = Math.max(1, Math.floor(attempt));
  const cap = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(n - 1, 52));
  let r = random();
  if (!Number.isFinite(r) || r < 0) r = 0;
  if (r >= 1) r = 1;
  const jittered = Math.floor(r * cap);
  const floor = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 0;
  return Math.min(maxDelayMs, Math.max(jittered, Math.ceil(floor)));
}

const READ_ONLY_POST = new Set([
  '_count', '_msearch', '_mget', '_field_caps', '_validate', '_explain', '_termvectors', '_mtermvectors',
  '_analyze', '_rank_eval', '_render', '_search_shards',
]);

function segmentsOf(path: string): string[] {
  return ((path.split('?')[0] ?? '').split('/') ?? []).filter((s) => s !== '');
}

/**
 * True when sending the request twice has the effect of sending it once: GET/HEAD/OPTIONS, DELETE,
 * PUT except `_bulk`, and POST to read-only endpoints (_search except scroll/point_in_time, _count,
 * _msearch, _mget, _field_caps, _validate, _explain, _termvectors, _mtermvectors, _analyze, _rank_eval,
 * _render, _search_shards). POST _bulk, _doc, _update, *_by_query, PATCH and everything else are not.
 */
export function isIdempotentRequest(method: string, path: string): boolean {
  const m = (method ?? '').toUpperCase();
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return true;
  const segments = segmentsOf(path ?? '');
  if (m === 'DELETE') return true;
  if (m === 'PUT') return !segments.includes('_bulk');
  if (m !== 'POST') return false;
  const at = segments.findIndex((s) => s.startsWith('_'));
  const endpoint = at < 0 ? undefined : segments[at];
  if (endpoint === undefined) return false;
  if (endpoint === '_search') {
    const next = segments[at + 1];
    return next !== 'scroll' && next !== 'point_in_time';
  }
  return READ_ONLY_POST.has(endpoint);
}

/** True for a connection error raised before any byte of the request could be sent (safe to repeat). */
export function isConnectFailure(message: string): boolean {
  return /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)\b/.test(message);
}

function statusOf(error: unknown): number | undefined {
  if (!(error instanceof errors.ResponseError)) return undefined;
  const status = error.meta?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Whether `error` (of an attempt of `request`) should be retried by the policy. */
export function retryDecision(error: unknown, request: RetryRequest, options: Pick<RetryOptions, 'retryUnsafeWrites'> = {}): RetryDecision {
  const safe = options.retryUnsafeWrites === true || isIdempotentRequest(request.method, request.path);
  const status = statusOf(error);
  const retryAfterMs = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  const after = typeof retryAfterMs === 'number' ? { retryAfterMs } : {};
  if (status !== undefined) {
    // 429 and 503 mean the request was not processed; 502/504 come from a gateway whose upstream may have applied it.
    if (status === 429) return { retry: true, reason: 'throttled', ...after };
    if (status === 503) return { retry: true, reason: 'unavailable', ...after };
    if (status === 502 || status === 504) return safe ? { retry: true, reason: 'unavailable', ...after } : { retry: false, reason: 'unsafe_write' };
    return { retry: false, reason: 'not_retryable' };
  }
  if (isFgacError(error)) return { retry: false, reason: 'not_retryable' };
  if (error instanceof errors.TimeoutError) return safe ? { retry: true, reason: 'timeout' } : { retry: false, reason: 'unsafe_write' };
  if (error instanceof errors.ConnectionError) {
    const message = String(error.message ?? '');
    if (isTlsFailureMessage(message)) return { retry: false, reason: 'tls_failure' };
    if (isConnectFailure(message)) return { retry: true, reason: 'connect_failed' };
    return safe ? { retry: true, reason: 'connection_lost' } : { retry: false, reason: 'unsafe_write' };
  }
  return { retry: false, reason: 'not_retryable' };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function annotate(error: unknown, attempts: number, elapsedMs: number): void {
  if (error === null || typeof error !== 'object') return;
  try {
    Object.assign(error, { attempts, elapsedMs: Math.round(elapsedMs) });
  } catch {
    // frozen error: nothing to add
  }
}

/** Marks an error p-retry must not retry by itself (we decide in shouldRetry). */
class AttemptFailed extends Error {
  constructor(readonly original: unknown) {
    super('attempt failed');
  }
}

/**
 * Runs `attempt` (given the 1-based HTTP attempt number) under the retry policy. Errors are mapped
 * with toTypedError; the one finally thrown is the last attempt's, with `attempts` and `elapsedMs`.
 */
export async function runWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  ctx: { method: string; path: string; onExpiredCredentials?: () => Promise<void> },
  options?: RetryOptions,
): Promise<T> {
  const o = resolveRetryOptions(options);
  const request = { method: (ctx.method ?? '').toUpperCase(), path: ctx.path ?? '' };
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  let calls = 0;
  let refreshed = false;
  let lastError: unknown;

  const notify = (info: RetryInfo): void => {
    try {
      o.onRetry?.(info);
    } catch {
      // a failing observer must not change the outcome
    }
  };

  const callOnce = async (): Promise<T> => {
    calls += 1;
    try {
      return await attempt(calls);
    } catch (error) {
      throw toTypedError(error);
    }
  };

  const logicalAttempt = async (): Promise<T> => {
    try {
      try {
        return await callOnce();
      } catch (error) {
        if (error instanceof ExpiredCredentialsError && !refreshed && ctx.onExpiredCredentials !== undefined) {
          refreshed = true;
          notify({ attempt: calls, error, reason: 'expired_credentials', delayMs: 0, elapsedMs: elapsed(), ...request });
          await ctx.onExpiredCredentials();
          return await callOnce();
        }
        throw error;
      }
    } catch (error) {
      lastError = error;
      throw new AttemptFailed(error);
    }
  };

  try {
    return await pRetry(logicalAttempt, {
      retries: o.retries,
      minTimeout: 0,
      factor: 1,
      maxRetryTime: o.maxElapsedMs,
      shouldRetry: async ({ retriesConsumed }) => {
        const decision = retryDecision(lastError, request, o);
        if (!decision.retry) return false;
        const delayMs = computeDelay(retriesConsumed + 1, o, decision.retryAfterMs);
        if (elapsed() + delayMs > o.maxElapsedMs) return false;
        notify({ attempt: calls, error: lastError, reason: decision.reason as RetryReason, delayMs, elapsedMs: elapsed(), ...request });
        if (delayMs > 0) await sleep(delayMs, o.signal);
        return elapsed() <= o.maxElapsedMs;
      },
    });
  } catch (error) {
    // AttemptFailed carries the attempt's own error; anything else (an abort while waiting) is thrown as is.
    const final = error instanceof AttemptFailed ? error.original : error;
    annotate(final, calls, elapsed());
    throw final;
  }
}

/** runWithRetry with options already resolved (resolveRetryOptions); `signal` gives the caller's abort signal. */
export async function runWithResolvedRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  ctx: { method: string; path: string; onExpiredCredentials?: () => Promise<void> },
  o: ResolvedRetryOptions,
  signal: () => AbortSignal | undefined,
): Promise<T> {
  const s = signal();
  return runWithRetry(attempt, ctx, { ...o, ...(s !== undefined ? { signal: s } : {}) });
}
