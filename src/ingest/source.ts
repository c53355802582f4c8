/** Reads the input of `ingest` one record at a time: arrays, iterables and async iterables alike. */
import { ConfigError } from '../errors/classes.js';

/** One step of the input: a record, or the end. */
export type SourceStep = { done: false; value: unknown } | { done: true };

/** The input, read one record at a time. */
export interface RecordSource {
  /** The next record; a promise only for async iterables. Throws (or rejects) when the input does. */
  next(): SourceStep | Promise<SourceStep>;
  /** Lets the iterable clean up when reading stops early (errors are ignored, never awaited). */
  close(): void;
  /** For an array: the elements not yet read, with their positions (to report them when stopped). */
  rest(): Iterable<[number, unknown]>;
}

function toStep(result: unknown): SourceStep {
  if (result === null || typeof result !== 'object') throw new TypeError(`the input iterator's next() returned ${result === null ? 'null' : typeof result}, not an iterator result`);
  const r = result as IteratorResult<unknown>;
  // truthy, as for...of reads it ({done: 1} ends the input too)
  return r.done ? { done: true } : { done: false, value: r.value };
}

function arraySource(records: readonly unknown[]): RecordSource {
  let next = 0;
  // Read as it was given: an array that grows or shrinks while ingest reads it (a callback splicing it) would
  // shift records past the reader unseen, in a report that says it is complete. It fails as an input that throws.
  const length = records.length;
  const unchanged = (): void => {
    if (records.length !== length) throw new TypeError(`the records array changed while ingest read it (length ${length}, now ${records.length}): pass a copy to change it meanwhile`);
  };
  return {
    next: () => {
      unchanged();
      return next < length ? { done: false, value: records[next++] } : { done: true };
    },
    close: () => undefined,
    *rest() {
      unchanged();
      for (; next < length; next++) {
        let value: unknown;
        try {
          value = records[next];
        } catch {
          value = undefined;
        }
        yield [next, value];
      }
    },
  };
}

function iteratorSource(iterator: Iterator<unknown> | AsyncIterator<unknown>, async: boolean): RecordSource {
  let finished = false;
  return {
    next: () => {
      const result = iterator.next();
      if (!async) {
        const step = toStep(result);
        if (step.done) finished = true;
        return step;
      }
      return Promise.resolve(result).then((r) => {
        const step = toStep(r);
        if (step.done) finished = true;
        return step;
      });
    },
    close: () => {
      if (finished) return;
      finished = true;
      try {
        const closing = iterator.return?.();
        if (closing !== undefined) Promise.resolve(closing).then(undefined, () => undefined);
      } catch {
        // the input's own cleanup failed: nothing more to do
      }
    },
    rest: () => [],
  };
}

/** Opens `records` for reading; ConfigError when it is neither an array, an iterable nor an async iterable. */
export function openSource(records: unknown): RecordSource {
  if (Array.isArray(records)) return arraySource(records);
  if (records !== null && typeof records === 'object') {
    const asyncIt = (records as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator];
    if (typeof asyncIt === 'function') return iteratorSource((asyncIt as () => AsyncIterator<unknown>).call(records), true);
    const syncIt = (records as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof syncIt === 'function') return iteratorSource((syncIt as () => Iterator<unknown>).call(records), false);
  }
  throw new ConfigError('records', `ingest needs an array, an iterable or an async iterable of records, got ${records === null ? 'null' : typeof records}`);
}
