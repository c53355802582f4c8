/**
 * A wait that ends at once on abort or when a time budget runs out (credentials, abortable
 * requests). The hard deadline of one HTTP attempt is the transport's own timer (transport.ts).
 */

/**
 * `promise`, unless `signal` aborts first (rejects with its reason) or `ms` pass first (rejects
 * with `onTimeout()`). The abort listener and the timer are removed either way.
 */
export function boundedWait<T>(promise: Promise<T>, signal: AbortSignal | undefined, ms: number, onTimeout: () => unknown): Promise<T> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      finish();
      reject(signal?.reason);
    };
    const finish = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    if (Number.isFinite(ms)) {
      timer = setTimeout(() => {
        finish();
        reject(onTimeout());
      }, Math.min(Math.max(0, ms), 2 ** 31 - 1));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}
