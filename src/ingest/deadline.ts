/** An AbortSignal that fires shortly before a Lambda invocation runs out of time. */
import { onAbort } from '../client/abort-listen.js';
import { isOptionsObject, refuseUnknownKeys, optionalSignal, typeName } from '../client/options-check.js';
import { guarded, readOnce } from '../client/options-snapshot.js';
import { ConfigError } from '../errors/classes.js';

/** The part of the Lambda Context the deadline is derived from. */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

/** Options of deadlineSignal. */
export interface DeadlineSignalOptions {
  /** Time kept back for answering (building the batch response, logging), in ms (default 1000). */
  marginMs?: number | undefined;
  /** Also abort when this signal aborts (e.g. a shutdown signal of your own). */
  signal?: AbortSignal | undefined;
}

/**
 * A signal that aborts `marginMs` before `context.getRemainingTimeInMillis()` runs out, with a
 * `TimeoutError` DOMException as its reason: pass it as `ingest`'s `signal` and the records not
 * acknowledged by then are reported failed with kind `deadline` (retryable) instead of the
 * invocation being killed with no answer. The timer does not keep the process alive. When the time
 * left is not more than `marginMs`, the signal is aborted already and its reason says so (not thrown,
 * so that the handler still reports every record; each record's error repeats it).
 */
export function deadlineSignal(context: RemainingTime, given: DeadlineSignalOptions = {}): AbortSignal {
  const read = guarded('context', () => (context as Partial<RemainingTime> | null | undefined)?.getRemainingTimeInMillis);
  if (typeof read !== 'function') {
    throw new ConfigError('context', 'deadlineSignal needs the Lambda context (an object with getRemainingTimeInMillis())');
  }
  if (given !== undefined && !isOptionsObject(given)) throw new ConfigError('options', `deadlineSignal options must be an object, got ${typeName(given)}`);
  const options = readOnce(given ?? {}, '') as DeadlineSignalOptions;
  refuseUnknownKeys('', options as Record<string, unknown>, ['marginMs', 'signal'], 'of deadlineSignal');
  const marginMs = options.marginMs ?? 1000;
  if (typeof marginMs !== 'number' || !Number.isInteger(marginMs) || marginMs < 0 || marginMs > 2 ** 31 - 1) {
    throw new ConfigError('marginMs', `deadlineSignal option marginMs must be an integer >= 0, got ${typeof marginMs === 'number' ? String(marginMs) : typeName(marginMs)}`);
  }
  const signal: unknown = options.signal;
  optionalSignal('signal', 'deadlineSignal option signal', signal);
  // what a throwing context says is not repeated (it is the caller's object, not ours)
  const remaining: unknown = guarded('context', () => (read as () => unknown).call(context));
  if (typeof remaining !== 'number' || Number.isNaN(remaining)) {
    throw new ConfigError('context', `context.getRemainingTimeInMillis() returned ${typeof remaining === 'number' ? String(remaining) : typeName(remaining)}, not a number of milliseconds`);
  }
  const deadline = remaining > marginMs
    ? AbortSignal.timeout(Math.min(Math.max(1, Math.floor(remaining - marginMs)), 2 ** 31 - 1))
    : AbortSignal.abort(noTimeLeft(remaining, marginMs));
  return signal === undefined ? deadline : eitherOf(deadline, signal);
}

/** The controller of each combined signal, alive exactly as long as its signal is. */
const controllers = new WeakMap<AbortSignal, AbortController>();
/** Ends a combined signal's two waits once nothing holds the signal any more. */
const dropWaits = new FinalizationRegistry<() => void>((stop) => stop());

/**
 * A signal that aborts with the first of `deadline` and the caller's `signal` (AbortSignal.any writes onto the
 * caller's signal, which an aborted frozen one refuses; an unaborted frozen or sealed one is refused before, see
 * isAbortSignal): its waits end when either does. The waits hold it only weakly, so a
 * signal the handler dropped takes its waits with it: the caller's long-lived signal keeps nothing per invocation,
 * and the deadline's timer goes when nothing listens to it (Node clears a collected timeout signal's timer).
 */
function eitherOf(deadline: AbortSignal, signal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (deadline.aborted) controller.abort(deadline.reason);
  else if (signal.aborted) controller.abort(signal.reason);
  else {
    controllers.set(controller.signal, controller);
    const combined = new WeakRef(controller.signal);
    const abort = (reason: unknown): void => {
      const held = combined.deref();
      if (held !== undefined) controllers.get(held)?.abort(reason);
    };
    const stopDeadline = onAbort(deadline, () => {
      stopSignal();
      abort(deadline.reason);
    });
    const stopSignal = onAbort(signal, () => {
      stopDeadline();
      abort(signal.reason);
    });
    dropWaits.register(controller.signal, () => {
      stopDeadline();
      stopSignal();
    });
  }
  return controller.signal;
}

/** Marks abort reasons whose message explains the deadline (ingest repeats it on each record's error); shared by every copy of the package. */
const kExplained = Symbol.for('opensearch-fgac.deadline-explained');

/**
 * The reason of a signal that aborts at once: the time left was already within the margin. Not
 * thrown: the handler must still report every record (each fails with kind `deadline`, retryable),
 * and each record's error says this.
 */
function noTimeLeft(remaining: number, marginMs: number): DOMException {
  const reason = new DOMException(
    `the remaining time (${Math.max(0, Math.floor(remaining))} ms) was not more than marginMs (${marginMs} ms) when deadlineSignal was called: ` +
    'raise the function timeout or lower marginMs', 'TimeoutError');
  Object.defineProperty(reason, kExplained, { value: true });
  return reason;
}

/** The message of an abort reason made by deadlineSignal that explains itself (undefined for any other reason). */
export function explainedDeadline(reason: unknown): string | undefined {
  if (typeof reason !== 'object' || reason === null) return undefined;
  try {
    return (reason as { [kExplained]?: unknown })[kExplained] === true ? String((reason as DOMException).message) : undefined;
  } catch {
    return undefined;
  }
}
