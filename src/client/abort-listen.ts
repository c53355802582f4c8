/**
 * Listening to a caller's AbortSignal. A signal the caller shares (a Lambda deadline over an ingest run with
 * concurrency 16, one signal for many SecurityApi calls or clients) would otherwise carry one listener per wait
 * of ours, and past ten Node prints a MaxListenersExceededWarning on the caller's signal. Every wait of ours
 * therefore joins one listener per signal, which runs the waits' callbacks in the order they joined.
 */

/** Per caller signal, the callbacks of ours waiting for it to abort. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `run` once when `signal` aborts (not if it already has: check `aborted` first). Returns the function that
 * stops waiting; calling it after the abort, or twice, does nothing.
 */
export function onAbort(signal: AbortSignal, run: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (callbacks === undefined) {
    const joined = new Set<() => void>();
    callbacks = joined;
    waiting.set(signal, joined);
    signal.addEventListener('abort', () => {
      waiting.delete(signal);
      for (const callback of [...joined]) {
        joined.delete(callback);
        try {
          callback();
        } catch (error) {
          // as a throwing listener of its own would: reported, and the other waits still end
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }, { once: true });
  }
  // a function joins once per wait: a wrapper keeps two waits with the same callback apart
  const entry = (): void => run();
  callbacks.add(entry);
  const joined = callbacks;
  return () => void joined.delete(entry);
}
