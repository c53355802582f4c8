/**
 * A wait that ends at once on abort or when a time budget runs out (credentials, abortable
 * requests). The hard deadline of one HTTP attempt is the transport's own timer (transport.ts).
 */
import { onAbort } from './abort-listen.js';

/** Decides whether a bound's timer keeps the process alive: it gets the timer when set and when gone. */
export interface TimerKeeper {
  add(timer: ReturnType<typeof setTimeout>): void;
  delete(timer: ReturnType<typeof setTimeout>): void;
}

/**
 * `promise`, unless `signal` aborts first (rejects with its reason) or `ms` pass first (rejects
 * with `onTimeout()`). The abort listener and the timer are removed either way. `keeper` (a bound
 * on shared work) refs or unrefs the timer while it runs.
 */
export function boundedWait<T>(promise: Promise<T>, signal: AbortSignal | undefined, ms: number, onTimeout: () => unknown, keeper?: TimerKeeper): Promise<T> {
  if (signal?.aborted) {
    // the work goes on without a waiter: its failure must not become an unhandled rejection
    promise.then(undefined, () => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => void) | undefined;
    const finish = (): void => {
      if (timer !== undefined) {
        clearTimeout(timer);
        keeper?.delete(timer);
      }
      stop?.();
    };
    if (Number.isFinite(ms)) {
      timer = setTimeout(() => {
        finish();
        reject(onTimeout());
      }, Math.min(Math.max(0, ms), 2 ** 31 - 1));
      keeper?.add(timer);
    }
    if (signal !== undefined) {
      stop = onAbort(signal, () => {
        finish();
        reject(signal.reason);
      });
    }
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
