/**
 * Bulk ingestion that accounts for every record: reads arrays, iterables and async iterables one
 * record at a time (at most `concurrency` chunks in flight plus the one being filled are held),
 * chunks by bytes and count, retries transient failures per item, and gives exactly one outcome
 * per record taken, whatever the server answers, the records hold or the callbacks do.
 */
import type { Client } from '@opensearch-project/opensearch';
import { isClientClosedError } from '../client/client-closed.js';
import { boundedWait } from '../client/deadline.js';
import { redactedCause } from '../auth/credentials.js';
import { redactText } from '../errors/redact.js';
import { secretsOf, type SecretSet } from '../errors/secrets.js';
import { bulkBodyOf, runChunk } from './attempts.js';
import { ChunkBuilder, groupUnusable, labelFrom, labelOf, prepareItem, readRecord, type PreparedItem } from './chunk.js';
import { ConfigError } from '../errors/classes.js';
import { IngestSourceError, InvalidRecordError } from './errors.js';
import { resolveIngestOptions } from './options.js';
import { IngestState, type Pending } from './run-state.js';
import { bulkSender } from './send.js';
import { openSource, type RecordSource, type SourceStep } from './source.js';
import type { IngestOptions, IngestRecord, IngestReport, IngestSource } from './types.js';

/** Records read between two turns given to the event loop. */
const YIELD_EVERY = 1024;

const noop = (): void => undefined;

/** Resolves on the next turn of the event loop (after I/O callbacks and due timers). */
const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Bulk-ingests `records` (an array, iterable or async iterable). Resolves with one outcome per
 * record taken, in input order; record-level problems never make it throw. Throws ConfigError for
 * bad options or arguments (before anything is sent), and IngestSourceError (carrying the report
 * of the records taken so far) when the input itself throws.
 */
export async function ingest<TDoc>(client: Client, records: IngestSource<TDoc> | Iterable<IngestRecord<TDoc>>, options: IngestOptions = {}): Promise<IngestReport> {
  const transport = (client as { transport?: object } | null | undefined)?.transport;
  const opts = resolveIngestOptions(options, transport !== undefined ? secretsOf(transport) : undefined);
  const send = bulkSender(client, opts.refresh);
  const state = new IngestState(opts, transport !== undefined ? secretsOf(transport) : undefined, (e) => isClientClosedError(e, client));
  let source: RecordSource;
  try {
    source = openSource(records);
  } catch (e) {
    // not an input at all: a ConfigError before anything is sent; an input that throws as it is opened is an input that throws
    if (e instanceof ConfigError) throw e;
    throw sourceFailure(state.report(false), e, state.secrets);
  }
  const signal = opts.signal;
  const builder = new ChunkBuilder<Pending>(opts.maxBatchBytes, opts.maxBatchCount, (p) => p.item.bytes);
  const inflight = new Set<Promise<void>>();

  const dispatch = async (chunk: Pending[]): Promise<void> => {
    // the body is built now, while earlier chunks are in flight, so that it leaves as soon as a slot frees
    const body = inflight.size >= opts.concurrency ? bulkBodyOf(chunk) : undefined;
    while (inflight.size >= opts.concurrency) await Promise.race(inflight);
    const task: Promise<void> = runChunk(state, send, chunk, body).finally(() => inflight.delete(task));
    inflight.add(task);
    // Node writes the request on its socket in a later tick (the agent hands the socket over in process.nextTick):
    // a turn of the event loop lets it leave now, not after the next chunk's records are read and prepared. Raced
    // with the chunk itself: under a test's fake timers (vitest, sinon, node:test mock.timers) setImmediate never fires.
    await Promise.race([nextTurn(), task.then(noop, noop)]);
  };

  /** Prepares one record; returns the chunk it closed, if any. */
  const take = (record: unknown, position: number): Pending[] | undefined => {
    let item: PreparedItem;
    // Read once: what is sent and what the outcome names come from the same read.
    const read = readRecord(record);
    try {
      item = prepareItem(read, position, opts.generateId);
    } catch (e) {
      const error = e instanceof InvalidRecordError ? e : new InvalidRecordError(redactText(`record ${position}: ${e instanceof Error ? e.message : 'cannot be prepared'}`, state.secrets));
      state.settleInvalid(position, labelFrom(read), error, groupUnusable(read));
      return undefined;
    }
    const p: Pending = { item, attempts: 0, ambiguous: false, done: false };
    const before = state.failedBefore(item);
    if (before !== undefined) {
      state.settleFifo(p, before, false);
      return undefined;
    }
    return builder.add(p);
  };

  let complete = true;
  let sourceError: { error: unknown } | undefined;
  let untilYield = YIELD_EVERY;
  try {
    for (;;) {
      // Records settled without a send (invalid, or behind a failed FIFO group) and sources that never
      // do I/O await only microtasks: give timers (the deadline's abort among them) their turn.
      if (--untilYield === 0) {
        untilYield = YIELD_EVERY;
        await nextTurn();
      }
      if (signal?.aborted || state.closedBy !== undefined) {
        complete = false;
        break;
      }
      const next = source.next();
      let step: SourceStep;
      if (next instanceof Promise) {
        // A slow async source must not hold ingest past its signal.
        next.then(undefined, () => undefined);
        try {
          step = await boundedWait(next, signal, Number.POSITIVE_INFINITY, () => undefined);
        } catch (e) {
          if (signal?.aborted !== true) throw e;
          complete = false;
          // a record the input had handed over as the signal aborted was read: it gets its outcome (not sent)
          const late = await handedOver(next);
          if (late !== undefined && !late.done) state.settleUntaken(state.stats.total++, labelOf(late.value));
          // the input had ended as the signal aborted: every record it had was taken
          if (late?.done === true) complete = true;
          break;
        }
      } else {
        step = next;
      }
      if (step.done) break;
      const closed = take(step.value, state.stats.total++);
      if (closed !== undefined) await dispatch(closed);
    }
  } catch (e) {
    // What the input would have yielded after the error is unknown: the report cannot be complete.
    sourceError = { error: e };
    complete = false;
  } finally {
    source.close();
  }
  const last = builder.take();
  if (last !== undefined) await dispatch(last);
  while (inflight.size > 0) await Promise.race(inflight);
  if (!complete && sourceError === undefined) {
    // An array's unread elements are known: each gets its outcome. A general iterable's rest is not read.
    let untaken = false;
    try {
      for (const [position, record] of source.rest()) {
        untaken = true;
        state.stats.total = position + 1;
        state.settleUntaken(position, labelOf(record));
      }
      if (untaken || Array.isArray(records)) complete = true;
    } catch (e) {
      // an array whose length (a Proxy's trap) throws once stopped: what it held after is unknown
      sourceError = { error: e };
    }
  }
  const report = state.report(complete);
  if (sourceError !== undefined) throw sourceFailure(report, sourceError.error, state.secrets);
  return report;
}

/**
 * The IngestSourceError of an input that threw, carrying the report of the records taken before. What the input
 * threw is foreign text (a database driver's message may name the connection string): the message and the cause
 * are redacted with the client's secrets, the cause a copy (name, message, stack frames, code) as a CredentialsError's.
 */
function sourceFailure(report: IngestReport, cause: unknown, secrets: SecretSet | undefined): IngestSourceError {
  let text: string;
  try {
    text = cause instanceof Error ? String(cause.message) : String(cause);
  } catch {
    text = 'an error was thrown whose text cannot be read';
  }
  return new IngestSourceError(redactText(`reading the records failed after ${report.stats.total} records: ${text}`, secrets), report, redactedCause(cause, secrets));
}

/** What `next` had settled with by the next turn of the event loop (undefined when it had not, or failed). */
async function handedOver(next: Promise<SourceStep>): Promise<SourceStep | undefined> {
  let step: SourceStep | undefined;
  next.then((s) => void (step = s), () => undefined);
  await nextTurn();
  return step;
}
