/** A user's observer callback (onRetry, onOutcome, onProgress): whatever it throws or rejects with is ignored. */

/** Calls `callback(value)`; a throw or a rejected promise changes nothing (an unhandled rejection would end a Lambda). */
export function callObserver<T>(callback: ((value: T) => unknown) | undefined, value: T): void {
  if (callback === undefined) return;
  try {
    const result = callback(value);
    if (typeof (result as Promise<unknown> | null)?.then === 'function') (result as Promise<unknown>).then(undefined, () => undefined);
  } catch {
    // a failing observer must not change the outcome
  }
}
