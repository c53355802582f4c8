/** One client request that a signal can end at once (used by the security API and ingest). */
import { onAbort } from './abort-listen.js';

/** A request promise of opensearch-js (it carries `abort()`). */
export type AbortablePromise<T> = PromiseLike<T> & { abort?: () => unknown };

/** Where the abort stands, as the request's answer sees it. */
interface Cut {
  /** The marker queued when the abort took effect has run: an answer handled later settled no earlier than the abort. */
  marked: boolean;
  /** The request had settled before the abort took effect (known once `marked`). */
  settledBefore: boolean;
}

/**
 * Starts the request (unless `signal` already aborted) and waits for it; when `signal` aborts (also inside `start`,
 * from a 'request' listener), the request's own `abort()` is called and the wait rejects with the signal's reason, even
 * if the transport ignores the abort. An answer that had already settled when the abort took effect (its callbacks not
 * yet run) is returned, or thrown, as it came: the request was carried out or refused, and reporting it as cut would
 * have the caller repeat it. A success that comes within the turn of the event loop after the abort is returned too
 * (the rejection waits that turn); a failure after the abort is the abort's. Settles exactly once; the listener is
 * removed either way.
 */
export async function abortableRequest<T>(start: () => AbortablePromise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal?.aborted) throw signal.reason;
  const pending = start();
  if (signal === undefined) return pending;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let stop = (): void => undefined;
    let cut: Cut | undefined;
    const settle = (how: () => void): void => {
      if (done) return;
      done = true;
      stop();
      how();
    };
    const rejectCut = (): void => settle(() => reject(signal.reason));
    const takeEffect = (): void => {
      if (done) return;
      const state: Cut = { marked: false, settledBefore: false };
      cut = state;
      // Settled already: the request's reactions registered now are queued ahead of the marker (abort() below may
      // settle it, but only after the marker is queued).
      const seen = (): void => {
        if (!state.marked) state.settledBefore = true;
      };
      try {
        pending.then(seen, seen);
      } catch {
        // a thenable that cannot be watched: its failure is the abort's
      }
      queueMicrotask(() => {
        state.marked = true;
      });
      try {
        pending.abort?.();
      } catch {
        // the rejection below reports the abort
      }
      setImmediate(rejectCut);
    };
    Promise.resolve(pending).then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => {
        // handled before the marker ran: it settled before the abort took effect, as did one the watch saw first
        if (cut === undefined || !cut.marked || cut.settledBefore) settle(() => reject(error));
        else rejectCut();
      },
    );
    // aborted inside start() (a listener of the client's 'request' event): onAbort would never run
    if (signal.aborted) takeEffect();
    else stop = onAbort(signal, takeEffect);
  });
}
