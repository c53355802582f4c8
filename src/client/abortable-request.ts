/** One client request that a signal can end at once (used by the security API and ingest). */
import { onAbort } from './abort-listen.js';

/** A request promise of opensearch-js (it carries `abort()`). */
export type AbortablePromise<T> = PromiseLike<T> & { abort?: () => unknown };

/**
 * Starts the request (unless `signal` already aborted) and waits for it; when `signal` aborts, the request's own
 * `abort()` is called and the wait rejects with the signal's reason, even if the transport ignores the abort. An
 * answer that had already arrived when the signal aborted (its promise settled, its callbacks not yet run) is
 * returned instead: the request was carried out, and reporting it as cut would have the caller repeat it. So the
 * rejection waits one turn of the event loop for such an answer. The listener is removed either way.
 */
export async function abortableRequest<T>(start: () => AbortablePromise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal?.aborted) throw signal.reason;
  const pending = start();
  if (signal === undefined) return pending;
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => {
      try {
        pending.abort?.();
      } catch {
        // the rejection below reports the abort
      }
      setImmediate(() => reject(signal.reason));
    });
    // a success settles the wait whenever it comes first; a failure after the abort is the abort's (reported above)
    Promise.resolve(pending).then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        if (!signal.aborted) reject(error);
      },
    );
  });
}
