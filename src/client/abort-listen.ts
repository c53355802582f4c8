/**
 * Listening to a caller's AbortSignal. A signal the caller shares (a Lambda deadline over an ingest run with
 * concurrency 16, one signal for many SecurityApi calls or clients) would otherwise carry one listener per wait
 * of ours, and past ten Node prints a MaxListenersExceededWarning on the caller's signal. Every wait of ours
 * therefore joins one listener per signal, which runs the waits' callbacks in the order they joined.
 */

/** Per caller signal, the callbacks of ours waiting for it to abort, and the one listener that runs them. */
const waiting = new WeakMap<AbortSignal, { callbacks: Set<() => void>; listener: () => void }>();

/**
 * Runs `run` once when `signal` aborts (not if it already has: check `aborted` first). Returns the function that
 * stops waiting; calling it after the abort, or twice, does nothing. The last wait to stop removes the listener, so a
 * signal that outlives the waits keeps nothing of ours.
 */
export function onAbort(signal: AbortSignal, run: () => void): () => void {
  let joined = waiting.get(signal);
  if (joined === undefined) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      waiting.delete(signal);
      for (const callback of [...callbacks]) {
        callbacks.delete(callback);
        try {
          callback();
        } catch (error) {
          // as a throwing listener of its own would: reported, and the other waits still end
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    };
    joined = { callbacks, listener };
    waiting.set(signal, joined);
    signal.addEventListener('abort', listener, { once: true });
  }
  // a function joins once per wait: a wrapper keeps two waits with the same callback apart
  const entry = (): void => run();
  const { callbacks, listener } = joined;
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0 || waiting.get(signal)?.listener !== listener) return;
    waiting.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}
