/** The one back-off and sleep of the SDK: full-jitter delays and an abortable wait. */
import { onAbort } from '../client/abort-listen.js';
import { RETRY_DEFAULTS } from './options.js';

/**
 * Delay before the attempt after failed attempt number `attempt` (1-based): full jitter,
 * `random() * min(maxDelayMs, minDelayMs * 2^(attempt-1))`, but at least Retry-After; never above maxDelayMs.
 */
export function computeDelay(attempt: number, options: { minDelayMs?: number; maxDelayMs?: number } = {}, retryAfterMs?: number, random: () => number = Math.random): number {
  const minDelayMs = options.minDelayMs ?? RETRY_DEFAULTS.minDelayMs;
  const maxDelayMs = options.maxDelayMs ?? Math.max(RETRY_DEFAULTS.maxDelayMs, minDelayMs);
  const n = Math.max(1, Math.floor(attempt));
  const cap = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(n - 1, 52));
  let r = random();
  if (!Number.isFinite(r) || r < 0) r = 0;
  if (r >= 1) r = 1;
  const jittered = Math.floor(r * cap);
  const floor = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 0;
  return Math.min(maxDelayMs, Math.max(jittered, Math.ceil(floor)));
}

/**
 * Waits `ms` milliseconds; rejects with the signal's reason as soon as `signal` aborts. The abort
 * listener is removed either way, so any number of waits on one signal leaves no listener behind.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      stop?.();
      resolve();
    }, ms);
    const stop = signal === undefined ? undefined : onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
