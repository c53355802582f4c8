/** One client request that a signal can end at once (used by the security API and ingest). */
import { boundedWait } from './deadline.js';

/** A request promise of opensearch-js (it carries `abort()`). */
export type AbortablePromise<T> = PromiseLike<T> & { abort?: () => unknown };

/**
 * Starts the request (unless `signal` already aborted) and waits for it; when `signal` aborts, the
 * request's own `abort()` is called and the wait rejects at once with the signal's reason, even if
 * the transport ignores the abort. The listener is removed either way.
 */
export async function abortableRequest<T>(start: () => AbortablePromise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal?.aborted) throw signal.reason;
  const pending = start();
  if (signal === undefined) return pending;
  const onAbort = (): void => {
    try {
      pending.abort?.();
    } catch {
      // the bounded wait below reports the abort
    }
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const settled = Promise.resolve(pending);
  // The request may settle after the abort was reported: that must not become an unhandled rejection.
  settled.then(undefined, () => undefined);
  try {
    return await boundedWait(settled, signal, Number.POSITIVE_INFINITY, () => undefined);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
