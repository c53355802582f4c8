/**
 * Retrying the security plugin's 409 CONFLICT (a concurrent write to the same configuration type won):
 * the decision is the SDK's one (`isConflictRetryable` of src/retry/decision.ts), the waits are the
 * SDK's one back-off (`computeDelay`, abortable `sleep` of src/retry/backoff.ts), and every operation is
 * bounded by attempts, by `maxElapsedMs` and by the caller's abort signal.
 */
import { MAX_TIMER_MS, optionalSignal, typeName } from '../client/options-check.js';
import { ConfigError } from '../errors/classes.js';
import { computeDelay, sleep } from '../retry/backoff.js';
import { isConflictRetryable } from '../retry/decision.js';
import { opt } from '../errors/own.js';

/** How the helpers retry writes the plugin refused with 409 CONFLICT. */
export interface ConflictRetryOptions {
  /** Attempts of a write that keeps failing with 409 CONFLICT (default 12). */
  conflictAttempts?: number;
  /** Milliseconds to wait before verifying a write that replaced a whole list or created a mapping (default 200). */
  settleMs?: number;
  /** No retry of one operation starts later than this after its first attempt, in ms (default 60 000). */
  maxElapsedMs?: number;
  /** Ends every request in flight and every wait between attempts at once; the abort reason is thrown. */
  signal?: AbortSignal;
}

/** Defaults of {@link ConflictRetryOptions}, and the back-off used between conflicting attempts. */
export const CONFLICT_DEFAULTS = { conflictAttempts: 12, settleMs: 200, maxElapsedMs: 60_000, minDelayMs: 25, maxDelayMs: 1000 } as const;

/** ConflictRetryOptions validated, defaults filled in. */
export interface ResolvedConflictOptions {
  conflictAttempts: number;
  settleMs: number;
  maxElapsedMs: number;
  signal: AbortSignal | undefined;
}

/** Most attempts accepted (a larger number is a mistake, not a policy: maxElapsedMs bounds the run anyway). */
const MAX_CONFLICT_ATTEMPTS = 1000;

function number(name: string, value: unknown, fallback: number, integer: boolean, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max || (integer && !Number.isInteger(value))) {
    throw new ConfigError(name, `${name} must be a finite ${integer ? 'integer' : 'number'} from 0 to ${max}, got ${typeof value === 'number' ? String(value) : typeName(value)}`);
  }
  return value;
}

/** Validates the options (ConfigError naming the bad one) and fills in the defaults; `conflictAttempts` 0 means 1. */
export function resolveConflictOptions(options: ConflictRetryOptions): ResolvedConflictOptions {
  const signal = opt(options, 'signal');
  optionalSignal('signal', 'signal', signal);
  return {
    conflictAttempts: Math.max(1, number('conflictAttempts', opt(options, 'conflictAttempts'), CONFLICT_DEFAULTS.conflictAttempts, true, MAX_CONFLICT_ATTEMPTS)),
    settleMs: number('settleMs', opt(options, 'settleMs'), CONFLICT_DEFAULTS.settleMs, false, MAX_TIMER_MS),
    maxElapsedMs: number('maxElapsedMs', opt(options, 'maxElapsedMs'), CONFLICT_DEFAULTS.maxElapsedMs, false, Number.MAX_SAFE_INTEGER),
    signal,
  };
}

/** The attempts of one operation: its clock starts when it is made. */
export class ConflictRound {
  readonly #options: ResolvedConflictOptions;
  readonly #started = performance.now();

  /** @internal */
  constructor(options: ResolvedConflictOptions) {
    this.#options = options;
  }

  /**
   * Waits before the attempt after failed attempt `attempt` (1-based). Resolves false, at once, when no
   * attempt is left (`conflictAttempts` used, or the wait would end past `maxElapsedMs`), and false after the wait
   * when it did end past it; rejects with the abort reason as soon as the signal aborts.
   */
  async next(attempt: number): Promise<boolean> {
    const { conflictAttempts, maxElapsedMs, signal } = this.#options;
    if (signal?.aborted) throw signal.reason;
    if (attempt >= conflictAttempts) return false;
    const delayMs = computeDelay(attempt, CONFLICT_DEFAULTS);
    if (performance.now() - this.#started + delayMs > maxElapsedMs) return false;
    await sleep(delayMs, signal);
    // a timer that fired late (a stalled event loop, a frozen Lambda) starts no attempt past maxElapsedMs
    return performance.now() - this.#started <= maxElapsedMs;
  }
}

/**
 * The words a "could not ... in N attempts" message ends with, naming why the last attempt failed when it was the
 * plugin's 409 CONFLICT (another write to the same configuration type won); empty for any other failure.
 */
export function conflictExhausted(last: unknown): string {
  return isConflictRetryable(last) ? ': a conflict: the last attempt was refused with 409 CONFLICT (another write to the same configuration type won)' : '';
}

/** The conflict-retry policy of one SecurityApi. */
export class ConflictRetry {
  readonly #options: ResolvedConflictOptions;

  constructor(options: ConflictRetryOptions = {}) {
    this.#options = resolveConflictOptions(options);
  }

  /** Most attempts of one operation. */
  get attempts(): number {
    return this.#options.conflictAttempts;
  }

  /** The caller's abort signal, if any. */
  get signal(): AbortSignal | undefined {
    return this.#options.signal;
  }

  /** Starts the attempts of one operation. */
  begin(): ConflictRound {
    return new ConflictRound(this.#options);
  }

  /** Runs a write, repeating it while it fails with 409 CONFLICT and attempts and time are left. */
  async run<T>(write: () => Promise<T>): Promise<T> {
    const round = this.begin();
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (!isConflictRetryable(err) || !(await round.next(attempt))) throw err;
      }
    }
  }

  /** Waits `settleMs` (abortable) before a write is verified by reading it back. */
  settle(): Promise<void> {
    return sleep(this.#options.settleMs, this.#options.signal);
  }
}
