/**
 * The retry policy: exponential back-off with full jitter on 429, 502, 503, 504, connection errors
 * and timeouts, honouring Retry-After; bounded attempts and elapsed time; one forced credential
 * refresh + retry on an expired token; never repeats a write that may already have been applied
 * unless the caller opts in. Every attempt calls `attempt` again, so it is signed again.
 * p-retry is loaded on the first retry (a request that succeeds, or fails for good, at its first
 * attempt never loads it).
 */
import { ConfigError, ExpiredCredentialsError, SignatureMismatchError } from '../errors/classes.js';
import { toTypedError } from '../errors/boundary.js';
import { redactText } from '../errors/redact.js';
import { callObserver } from '../client/observer.js';
import { SecretSet } from '../errors/secrets.js';
import { fail, isOptionsObject, refuseUnknownKeys, typeName } from '../client/options-check.js';
import { readOnce } from '../client/options-snapshot.js';
import { computeDelay, sleep } from './backoff.js';
import { retryDecision } from './decision.js';
import { RETRY_OPTIONS_SHAPE, resolveRetryOptions, type ResolvedRetryOptions, type RetryInfo, type RetryOptions, type RetryReason } from './options.js';
import { hasField, opt, setOwn } from '../errors/own.js';

function annotate(error: unknown, attempts: number, elapsedMs: number): void {
  if (error === null || typeof error !== 'object') return;
  try {
    // defined, not assigned: a setter a polluted Object.prototype holds would keep the counts off the error
    setOwn(error, 'attempts', attempts);
    setOwn(error, 'elapsedMs', Math.round(elapsedMs));
  } catch {
    // frozen error: nothing to add
  }
}

/**
 * p-retry's function from its module. p-retry is ESM only: the ES build gets its namespace, the CommonJS
 * build a `require()` of it wrapped once more by the bundler's interop (`default` is then the namespace).
 */
function pRetryOf(mod: unknown): typeof import('p-retry').default {
  let m = mod as { default?: unknown } | undefined;
  for (let i = 0; i < 2 && typeof m !== 'function'; i++) m = m?.default as { default?: unknown } | undefined;
  if (typeof m !== 'function') throw new TypeError('p-retry did not load as a function');
  return m as unknown as typeof import('p-retry').default;
}

/** Marks an error p-retry must not retry by itself (we decide in shouldRetry). */
class AttemptFailed extends Error {
  constructor(readonly original: unknown) {
    super('attempt failed');
  }
}

/** A SigV4 signature refused for its time (the server's clock and ours differ by more than AWS allows). */
function isClockSkew(error: unknown): error is SignatureMismatchError {
  return error instanceof SignatureMismatchError && error.problem === 'clock_skew';
}

/** The request runWithRetry runs: its coordinates, the expired-token hook, the secrets to redact. */
export interface RetryContext {
  method: string;
  path: string;
  /** The query parameters as sent (an object or a string), when not in `path`: a conditional or create-only write is not repeated. */
  querystring?: unknown;
  /** Called once when an attempt fails with ExpiredCredentialsError: refresh, then the attempt is repeated. */
  onExpiredCredentials?: () => Promise<void>;
  /**
   * Called once when an attempt fails with a SignatureMismatchError of problem `clock_skew`: true when the signing
   * clock was corrected from the server's answer (the attempt is then repeated at once, as after a refresh).
   */
  onClockSkew?: (error: SignatureMismatchError) => boolean;
  /** The client's secrets: errors and onRetry payloads are redacted by their values too. */
  secrets?: SecretSet;
  /**
   * The first attempt already ran (the caller's fast path) and failed with this error: the policy
   * continues from there as if it had made that attempt itself (p-retry starts only when it is retryable).
   */
  firstFailure?: { error: unknown };
  /** performance.now() when the call started (default: now); maxElapsedMs counts from it. */
  startedAt?: number;
}

/**
 * Runs `attempt` (given the 1-based HTTP attempt number) under the retry policy. Errors pass the
 * error boundary (toTypedError, a no-op for errors that already did); the one finally thrown is
 * the last attempt's, with `attempts` and `elapsedMs`.
 */
export async function runWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  ctx: RetryContext,
  options?: RetryOptions,
): Promise<T> {
  if (typeof attempt !== 'function') throw new ConfigError('attempt', 'runWithRetry: attempt must be a function returning a promise');
  // read once, like createClient's options: a getter or Proxy that throws is a ConfigError naming it, without its text
  // a Map, Set or Date holds its entries elsewhere: as options it would read as none given (every default)
  if (options !== undefined && !isOptionsObject(options)) fail('retry', `runWithRetry needs its options as an object ${RETRY_OPTIONS_SHAPE}, got ${typeName(options)}`);
  return runResolved(attempt, checkedContext(ctx), resolveRetryOptions(readOnce(options, 'retry')));
}

const CONTEXT_KEYS = ['method', 'path', 'querystring', 'onExpiredCredentials', 'onClockSkew', 'secrets', 'firstFailure', 'startedAt'];

/** `ctx` of runWithRetry read once and checked field by field (ConfigError naming `ctx.<field>`). */
function checkedContext(given: unknown): RetryContext {
  if (!isOptionsObject(given)) fail('ctx', `runWithRetry needs ctx as an object { method?, path?, ... }, got ${typeName(given)}`);
  const ctx = readOnce(given, 'ctx');
  refuseUnknownKeys('ctx', ctx, CONTEXT_KEYS, 'of runWithRetry');
  for (const key of ['method', 'path'] as const) {
    if (ctx[key] !== undefined && typeof ctx[key] !== 'string') fail(`ctx.${key}`, `must be a string, got ${typeName(ctx[key])}`);
  }
  const q = ctx.querystring;
  // a Map's parameters would read as none: a create-only write would be taken for one safe to repeat
  if (q !== undefined && typeof q !== 'string' && !isOptionsObject(q)) fail('ctx.querystring', `must be a string or an object of parameters, got ${typeName(q)}`);
  for (const key of ['onExpiredCredentials', 'onClockSkew'] as const) {
    if (ctx[key] !== undefined && typeof ctx[key] !== 'function') fail(`ctx.${key}`, `must be a function, got ${typeName(ctx[key])}`);
  }
  if (ctx.secrets !== undefined && !(ctx.secrets instanceof SecretSet)) fail('ctx.secrets', `must be a SecretSet, got ${typeName(ctx.secrets)}`);
  const f = ctx.firstFailure;
  if (f !== undefined && (f === null || typeof f !== 'object' || !hasField(f, 'error'))) fail('ctx.firstFailure', `must be an object { error }, got ${typeName(f)}`);
  const s = ctx.startedAt;
  // NaN or a string would make every elapsed time NaN: no retry would ever be judged in time
  // a Date.now() reading (or any time still to come) would make every elapsed time negative: maxElapsedMs never ends the call
  if (s !== undefined && (typeof s !== 'number' || !Number.isFinite(s) || s > performance.now())) fail('ctx.startedAt', `must be a performance.now() reading (a finite number, not in the future), got ${typeof s === 'number' ? String(s) : typeName(s)}`);
  return ctx as unknown as RetryContext;
}

/** runWithRetry with checked context and resolved options. */
async function runResolved<T>(attempt: (attemptNumber: number) => Promise<T>, ctx: RetryContext, o: ResolvedRetryOptions): Promise<T> {
  const request = { method: (ctx.method ?? '').toUpperCase(), path: ctx.path ?? '', querystring: ctx.querystring };
  const secrets = opt(ctx, 'secrets');
  const boundary = { ...(secrets !== undefined ? { secrets } : {}) };
  const started = opt(ctx, 'startedAt') ?? performance.now();
  const elapsed = (): number => performance.now() - started;
  let calls = 0;
  let replay: { error: unknown } | undefined = opt(ctx, 'firstFailure');
  let refreshed = false;
  let corrected = false;
  let lastError: unknown;
  // the caller's own abort reason is theirs: it passes through untouched (never redacted nor annotated in place)
  const callers = (error: unknown): boolean => o.signal?.aborted === true && error === o.signal.reason;
  // (a function, not a narrowed property read: onRetry may abort between two reads)
  const abortedNow = (): boolean => o.signal?.aborted === true;
  const typed = (error: unknown): unknown => (callers(error) ? error : toTypedError(error, boundary));

  const notify = (info: RetryInfo): void => {
    if (o.onRetry === undefined) return;
    callObserver(o.onRetry, { ...info, path: redactText(info.path, ctx.secrets) });
  };

  const callOnce = async (): Promise<T> => {
    calls += 1;
    if (replay !== undefined) {
      // the caller's fast path made this attempt already: its failure goes through the same steps
      const { error } = replay;
      replay = undefined;
      throw typed(error);
    }
    try {
      return await attempt(calls);
    } catch (error) {
      throw typed(error);
    }
  };

  /** Sends again at once after a refusal one of the two hooks answers (each at most once per call, in either order). */
  const sentAgain = async (error: unknown): Promise<boolean> => {
    if (error instanceof ExpiredCredentialsError && !refreshed && ctx.onExpiredCredentials !== undefined) {
      refreshed = true;
      notify({ attempt: calls, error, reason: 'expired_credentials', delayMs: 0, elapsedMs: elapsed(), method: request.method, path: request.path });
      await ctx.onExpiredCredentials();
      return true;
    }
    if (isClockSkew(error) && !corrected && ctx.onClockSkew !== undefined) {
      corrected = true;
      if (!ctx.onClockSkew(error)) return false;
      notify({ attempt: calls, error, reason: 'clock_skew', delayMs: 0, elapsedMs: elapsed(), method: request.method, path: request.path });
      return true;
    }
    return false;
  };

  const logicalAttempt = async (): Promise<T> => {
    try {
      for (;;) {
        try {
          return await callOnce();
        } catch (error) {
          if (!(await sentAgain(error))) throw error;
        }
      }
    } catch (error) {
      lastError = error;
      throw new AttemptFailed(error);
    }
  };

  if (replay === undefined) {
    // The first attempt runs here, without p-retry (the signal is checked before it, as before every later
    // attempt); only its failure goes on to the policy below, as a replayed first failure. An answer is returned
    // even when the signal aborted (or close() came) after it arrived: the request was carried out, and reporting
    // it as not done would have the caller repeat it.
    // aborted already: the caller's own reason, untouched (as after any attempt)
    if (o.signal?.aborted === true) throw o.signal.reason;
    try {
      return await attempt(1);
    } catch (error) {
      replay = { error };
    }
  }

  {
    // A first failure that will not be retried ends here, without starting p-retry.
    if (callers(replay.error)) throw replay.error;
    const first = toTypedError(replay.error, boundary);
    const refreshable = (first instanceof ExpiredCredentialsError && ctx.onExpiredCredentials !== undefined) || (isClockSkew(first) && ctx.onClockSkew !== undefined);
    if (!refreshable && (o.retries <= 0 || !retryDecision(first, request, o).retry)) {
      annotate(first, 1, elapsed());
      throw first;
    }
  }

  try {
    const pRetry = pRetryOf(await import('p-retry'));
    return await pRetry(logicalAttempt, {
      retries: o.retries,
      minTimeout: 0,
      factor: 1,
      maxRetryTime: o.maxElapsedMs,
      shouldRetry: async ({ retriesConsumed }) => {
        // aborted (by the caller, or by client.close() ending a call with its last failure): no retry, no notice
        // of one, and the abort reason is thrown, as documented
        if (o.signal?.aborted === true) throw o.signal.reason;
        const decision = retryDecision(lastError, request, o);
        if (!decision.retry) return false;
        // the server asked for a longer wait than the policy allows: the error (with its retryAfterMs) goes to the caller instead of an early re-send
        const retryAfterMs = opt(decision, 'retryAfterMs');
        if (retryAfterMs !== undefined && retryAfterMs > o.maxDelayMs) return false;
        const delayMs = computeDelay(retriesConsumed + 1, o, retryAfterMs);
        if (elapsed() + delayMs >= o.maxElapsedMs) return false;
        notify({ attempt: calls, error: lastError, reason: decision.reason as RetryReason, delayMs, elapsedMs: elapsed(), method: request.method, path: request.path });
        if (delayMs > 0) await sleep(delayMs, o.signal);
        // aborted by onRetry itself with no wait (then the time left may be gone too): the caller's reason, not the failure
        if (abortedNow()) throw (o.signal as AbortSignal).reason;
        return elapsed() < o.maxElapsedMs;
      },
    });
  } catch (error) {
    // AttemptFailed carries the attempt's own error; anything else (an abort while waiting) is thrown as is.
    const original = error instanceof AttemptFailed ? error.original : error;
    if (callers(original)) throw original;
    const final = toTypedError(original, boundary);
    annotate(final, calls, elapsed());
    throw final;
  }
}

/** runWithRetry with options already resolved (resolveRetryOptions); `signal` gives the caller's abort signal. */
export async function runWithResolvedRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  ctx: RetryContext,
  o: ResolvedRetryOptions,
  signal: () => AbortSignal | undefined,
): Promise<T> {
  const s = signal();
  return runResolved(attempt, ctx, s !== undefined ? { ...o, signal: s } : o);
}
