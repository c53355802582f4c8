/** Turns ingestion outcomes into what AWS expects back from a Lambda (Firehose, SQS, Kinesis). */
import type { IngestOutcome, IngestReport } from './types.js';

/** One record of a Firehose data-transformation response. */
export interface FirehoseResultRecord {
  recordId: string;
  result: 'Ok' | 'Dropped' | 'ProcessingFailed';
  /** Base64 data handed back to Firehose. */
  data: string;
}

/** The SQS / Kinesis / DynamoDB Streams partial batch response (ReportBatchItemFailures). */
export interface BatchItemFailuresResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

function keyOf(o: IngestOutcome): string {
  if (o === null || typeof o !== 'object') throw new TypeError('outcomes must hold the outcome objects of an ingest report');
  if (typeof o.key !== 'string') throw new TypeError(`outcome of record ${o.position} has no key: set IngestRecord.key to the recordId / messageId`);
  return o.key;
}

function outcomeList(outcomes: unknown): IngestOutcome[] {
  if (Array.isArray(outcomes)) return outcomes as IngestOutcome[];
  const report = typeof outcomes === 'object' && outcomes !== null ? (outcomes as { outcomes?: unknown; complete?: unknown }) : undefined;
  if (!Array.isArray(report?.outcomes)) throw new TypeError('outcomes must be an ingest report or its outcomes array (ingest with outcomes: "all", or "failed" for toBatchItemFailures)');
  // Records an iterable still held when the run stopped (deadline, abort) have no outcome, and a
  // batch response cannot name what it never saw: refuse rather than drop them.
  if (report.complete !== true) {
    throw new Error('the ingest report is incomplete (the run stopped before taking every record: deadline, abort, or an input that threw): records not taken have no outcome; fail the whole batch, or pass an array so every record is taken');
  }
  return report.outcomes as IngestOutcome[];
}

/**
 * Firehose transformation results: a record whose outcomes all say indexed -> Ok; one with any
 * failed outcome (a record split into several documents shares its recordId) -> ProcessingFailed
 * (Firehose sends those to its error output); records the caller chose to skip -> Dropped. `data`
 * echoes the input record. Throws when an input record has no outcome, or an outcome names no input
 * record (a mapping mistake would otherwise lose or hide records).
 */
export function toFirehoseResponse(
  input: Array<{ recordId: string; data: string }>,
  outcomes: IngestOutcome[] | IngestReport,
  options: { dropped?: ReadonlySet<string> } = {},
): { records: FirehoseResultRecord[] } {
  if (!Array.isArray(input)) throw new TypeError('input must be the records array of the Firehose event');
  const dropped = options?.dropped;
  if (dropped !== undefined && typeof dropped?.has !== 'function') throw new TypeError('options.dropped must be a Set of recordIds');
  const indexed = new Map<string, boolean>();
  for (const o of outcomeList(outcomes)) {
    const key = keyOf(o);
    indexed.set(key, (indexed.get(key) ?? true) && o.status === 'indexed');
  }
  const seen = new Set<string>();
  const records = input.map((record): FirehoseResultRecord => {
    if (record === null || typeof record !== 'object' || typeof record.recordId !== 'string') throw new TypeError('every Firehose input record needs a string recordId');
    const { recordId, data } = record;
    seen.add(recordId);
    const ok = indexed.get(recordId);
    if (dropped?.has(recordId)) {
      if (ok !== undefined) throw new Error(`Firehose record ${recordId} is both dropped and ingested: a record is one or the other`);
      return { recordId, result: 'Dropped', data };
    }
    if (ok === undefined) throw new Error(`no outcome for Firehose record ${recordId}: every input record must be ingested or dropped`);
    return { recordId, result: ok ? 'Ok' : 'ProcessingFailed', data };
  });
  for (const key of indexed.keys()) {
    if (!seen.has(key)) throw new Error(`an outcome names ${JSON.stringify(key)}, which is not a recordId of the input: set IngestRecord.key to the recordId`);
  }
  return { records };
}

/**
 * Partial batch response for SQS and Kinesis event sources. Every failed record is reported once (a
 * message split into several records shares its key) so the service redelivers it (its redrive
 * policy / on-failure destination handles permanent failures); pass `onlyRetryable: true` to report
 * only failures that could succeed later. Needs the outcomes of failed records (ingest with
 * `outcomes: 'all'` or `'failed'`; with `'none'` there is nothing to report). Given the whole report,
 * it throws when the run stopped before taking every record (an iterable cut by the deadline): those
 * messages have no outcome, and leaving them out would tell the service they succeeded.
 */
export function toBatchItemFailures(outcomes: IngestOutcome[] | IngestReport, options: { onlyRetryable?: boolean } = {}): BatchItemFailuresResponse {
  const onlyRetryable = options?.onlyRetryable === true;
  const keys = new Set<string>();
  for (const o of outcomeList(outcomes)) {
    const key = keyOf(o);
    if (o.status === 'failed' && (!onlyRetryable || o.retryable)) keys.add(key);
  }
  return { batchItemFailures: [...keys].map((itemIdentifier) => ({ itemIdentifier })) };
}
