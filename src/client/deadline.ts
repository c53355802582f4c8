/**
 * Time bounds of a request: the remaining budget of the whole call (retry.maxElapsedMs), a wait
 * that ends at once on abort or when the budget runs out (for credentials), and the hard
 * deadline of one HTTP attempt (requestTimeoutMs bounds the whole attempt, not the idle time).
 */

/** The budget of one call: started when the call started, `totalMs` long. */
export class CallBudget {
  readonly #started = performance.now();

  constructor(readonly totalMs: number) {}

  /** Milliseconds left (0 when exhausted). */
  remaining(): number {
    return Math.max(0, this.totalMs - (performance.now() - this.#started));
  }

  /** Milliseconds since the call started. */
  elapsed(): number {
    return performance.now() - this.#started;
  }
}

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

/** Fired by an attempt's timer: marks it expired and aborts the attempt. */
function expire(deadline: AttemptDeadline, target: { abort(): unknown }): void {
  deadline.expiredAt = performance.now();
  target.abort();
}

/** The hard deadline of one attempt (see attemptDeadline). */
export class AttemptDeadline {
  /** When the deadline fired (undefined while it has not). */
  expiredAt: number | undefined = undefined;
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(ms: number, target: { abort(): unknown }) {
    this.#timer = setTimeout(expire, Math.min(Math.max(1, ms), 2 ** 31 - 1), this, target);
  }

  /** True once the deadline fired. */
  expired(): boolean {
    return this.expiredAt !== undefined;
  }

  /** Cancels the deadline (the attempt ended first). */
  clear(): void {
    clearTimeout(this.#timer);
  }
}

/**
 * Calls `target.abort()` once `ms` after now unless cleared first: the hard deadline of one
 * attempt. A server trickling a byte at a time keeps a socket from going idle, but not past this
 * deadline. One timer and no closure per attempt.
 */
export function attemptDeadline(ms: number, target: { abort(): unknown }): AttemptDeadline {
  return new AttemptDeadline(ms, target);
}
