/** Retry options: their types, defaults and validation (ConfigError naming the option). */
import { ConfigError } from '../errors/classes.js';
import { opt } from '../errors/own.js';
import { MAX_TIMER_MS, optionalSignal } from '../client/options-check.js';
import { optionalRetryCount } from '../client/timeouts-retries.js';

/** Options of the retry policy. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). 0 disables retrying (the expired-token refresh still happens). */
  retries?: number | undefined;
  /** Base of the exponential back-off: the cap of the first delay, in ms (default 100). */
  minDelayMs?: number | undefined;
  /** Cap of any delay, Retry-After included, in ms (default 20 000). */
  maxDelayMs?: number | undefined;
  /** No attempt starts later than this after the first one, in ms (default 60 000). */
  maxElapsedMs?: number | undefined;
  /** Also repeat non-idempotent writes whose connection died after the request was sent (default false). */
  retryUnsafeWrites?: boolean | undefined;
  /** Called before each retry (errors it throws are ignored). */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** Aborts the waiting between attempts; the abort reason is thrown. */
  signal?: AbortSignal | undefined;
}

/** Why a failed attempt is retried. */
export type RetryReason = 'throttled' | 'unavailable' | 'connect_failed' | 'connection_lost' | 'timeout';

/** What onRetry receives. */
export interface RetryInfo {
  /** The attempt that failed (1-based; every HTTP attempt counts, the post-refresh one included). */
  attempt: number;
  /** The error of that attempt (typed when it was a response). */
  error: unknown;
  /** Why: a retryable failure's reason, or `expired_credentials` / `clock_skew` (repeated at once after a credential refresh / a clock correction). */
  reason: RetryReason | 'expired_credentials' | 'clock_skew';
  /** Wait before the next attempt, in ms. */
  delayMs: number;
  /** Time since the first attempt started, in ms. */
  elapsedMs: number;
  method: string;
  path: string;
}

export const RETRY_DEFAULTS = { retries: 3, minDelayMs: 100, maxDelayMs: 20_000, maxElapsedMs: 60_000 } as const;

/** RetryOptions with every default filled in. */
export type ResolvedRetryOptions = Required<Pick<RetryOptions, 'retries' | 'minDelayMs' | 'maxDelayMs' | 'maxElapsedMs' | 'retryUnsafeWrites'>> &
  Pick<RetryOptions, 'onRetry' | 'signal'>;

/** Largest delay Node's timers accept; longer ones would fire at once. */
const MAX_DELAY_MS = MAX_TIMER_MS;
const KEYS = ['retries', 'minDelayMs', 'maxDelayMs', 'maxElapsedMs', 'retryUnsafeWrites', 'onRetry', 'signal'];

/** The retry options' shape as refusals of a non-object name it. */
export const RETRY_OPTIONS_SHAPE = '{ retries?, minDelayMs?, maxDelayMs?, maxElapsedMs?, retryUnsafeWrites?, onRetry?, signal? }';

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function checkNumber(name: string, value: unknown, fallback: number, integer: boolean, max: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`retry.${name}`, `retry.${name} must be a finite ${integer ? 'integer' : 'number'} from ${min} to ${max}, got ${describeValue(value)}`);
  }
  return value;
}

/** Validates options and fills in the defaults; throws ConfigError naming the bad option. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError('retry', `retry must be an object ${RETRY_OPTIONS_SHAPE}, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key) && (options as Record<string, unknown>)[key] !== undefined) {
      const name = /^\w{1,40}$/.test(key) ? key : '?';
      throw new ConfigError(`retry.${name}`, `retry.${name} is not a retry option; accepted: ${KEYS.join(', ')}`);
    }
  }
  // each option the options' own (what a polluted Object.prototype holds is none of them)
  // the one retry-count rule (a call's maxRetries, ingest's and checkDomain's retries too)
  const retries = optionalRetryCount('retry.retries', opt(options, 'retries')) ?? RETRY_DEFAULTS.retries;
  const minDelayMs = checkNumber('minDelayMs', opt(options, 'minDelayMs'), RETRY_DEFAULTS.minDelayMs, false, MAX_DELAY_MS);
  const maxDelayMs = checkNumber('maxDelayMs', opt(options, 'maxDelayMs'), Math.max(RETRY_DEFAULTS.maxDelayMs, minDelayMs), false, MAX_DELAY_MS);
  // 0 would end every call before its first attempt is sent
  const maxElapsedMs = checkNumber('maxElapsedMs', opt(options, 'maxElapsedMs'), RETRY_DEFAULTS.maxElapsedMs, false, Number.MAX_SAFE_INTEGER, 1);
  if (maxDelayMs < minDelayMs) throw new ConfigError('retry.maxDelayMs', `retry.maxDelayMs (${maxDelayMs}) is below retry.minDelayMs (${minDelayMs})`);
  const onRetry = opt(options, 'onRetry');
  const retryUnsafeWrites = opt(options, 'retryUnsafeWrites');
  const signal = opt(options, 'signal');
  if (onRetry !== undefined && typeof onRetry !== 'function') throw new ConfigError('retry.onRetry', `retry.onRetry must be a function, got ${describeValue(onRetry)}`);
  if (retryUnsafeWrites !== undefined && typeof retryUnsafeWrites !== 'boolean') {
    throw new ConfigError('retry.retryUnsafeWrites', `retry.retryUnsafeWrites must be true or false, got ${describeValue(retryUnsafeWrites)}`);
  }
  optionalSignal('retry.signal', 'retry.signal', signal, describeValue);
  return {
    retries,
    minDelayMs,
    maxDelayMs,
    maxElapsedMs,
    retryUnsafeWrites: retryUnsafeWrites === true,
    onRetry,
    signal,
  };
}

