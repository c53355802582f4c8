/** Turns ingestion outcomes into what AWS expects back from a Lambda (Firehose, SQS, Kinesis). */
import type { IngestOutcome, IngestReport } from './types.js';
import { opt } from '../errors/own.js';

/**
 * What a report's outcomes array was made from, kept on the array itself (a non-enumerable symbol, set
 * by ingest), so that `report.outcomes` passed alone still tells the adapters which outcomes it lacks.
 */
export const kCoverage = Symbol.for('opensearch-fgac.ingest-coverage');

/** The value under kCoverage. */
export interface Coverage {
  kept: 'all' | 'failed' | 'none';
  total: number;
  failed: number;
  complete: boolean;
}

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

/** The outcomes an adapter needs: every record's (Firehose), or every failed record's (SQS / Kinesis). */
type Need = 'all' | 'failed';

function coverageOf(list: unknown): Partial<Coverage> {
  try {
    const c = (list as { [kCoverage]?: unknown })[kCoverage];
    return typeof c === 'object' && c !== null ? (c as Partial<Coverage>) : {};
  } catch {
    return {};
  }
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * The outcomes of `given` (a report or its outcomes array), refused when they cannot answer for every
 * record: the run stopped before taking every record, or the report kept fewer outcomes than `need`
 * (`outcomes: 'none'`, or `'failed'` where every outcome is needed). What was kept is read from the
 * array's coverage mark (set by ingest), else from the counts of `report.stats`.
 */
function outcomeList(given: unknown, need: Need, adapter: string): IngestOutcome[] {
  let list: IngestOutcome[];
  let complete: unknown = true;
  let stats: { total?: unknown; failed?: unknown } | undefined;
  if (Array.isArray(given)) {
    list = given as IngestOutcome[];
  } else {
    const report = typeof given === 'object' && given !== null ? (given as { outcomes?: unknown; complete?: unknown; stats?: unknown }) : undefined;
    if (!Array.isArray(report?.outcomes)) throw new TypeError(`${adapter}: outcomes must be an ingest report or its outcomes array (ingest with outcomes: 'all'${need === 'failed' ? ", or 'failed'" : ''})`);
    list = report.outcomes as IngestOutcome[];
    complete = report.complete;
    stats = typeof report.stats === 'object' && report.stats !== null ? (report.stats as { total?: unknown; failed?: unknown }) : undefined;
  }
  const coverage = coverageOf(list);
  // Records an iterable still held when the run stopped (deadline, abort) have no outcome, and a
  // batch response cannot name what it never saw: refuse rather than drop them.
  if (complete !== true || coverage.complete === false) {
    throw new Error('the ingest report is incomplete (the run stopped before taking every record: deadline, abort, or an input that threw): records not taken have no outcome; fail the whole batch, or pass an array so every record is taken');
  }
  // The counts come from the mark ingest put on its own array. A list without it was built by the caller (a report
  // merged with a second run's, a filtered copy) or came through JSON: its stats may describe another list, so they
  // only refuse a list that holds no outcome at all for a run that had records (`outcomes: 'none'` through JSON).
  const marked = coverage.kept !== undefined;
  const statsTotal = count(stats?.total);
  const statsFailed = count(stats?.failed);
  const unmarkedEmpty = !marked && list.length === 0 && statsTotal !== undefined && statsTotal > 0;
  const total = marked ? count(coverage.total) : unmarkedEmpty ? statsTotal : undefined;
  const failed = marked ? count(coverage.failed) : unmarkedEmpty ? statsFailed : undefined;
  let seen = 0;
  let seenFailed = 0;
  for (const o of list) {
    if (o === null || typeof o !== 'object') continue;
    seen++;
    if (o.status === 'failed') seenFailed++;
  }
  const kept = coverage.kept;
  const keep = need === 'all' ? "keep outcomes: 'all' (the default)" : "keep outcomes: 'all' (the default) or 'failed'";
  const made = kept !== undefined ? `it was made with outcomes: '${kept}'` : "its stats count records it holds no outcome for: outcomes: 'none'?";
  if (need === 'all' && (kept === 'failed' || kept === 'none' || (total !== undefined && seen < total))) {
    throw new Error(`${adapter} needs the outcome of every record and this ingest report holds ${seen} of ${total ?? '?'} (${made}): ${keep}`);
  }
  if (need === 'failed' && (kept === 'none' || (failed !== undefined && seenFailed < failed))) {
    throw new Error(`${adapter} needs the outcome of every failed record and this ingest report holds ${seenFailed} of ${failed ?? '?'} (${made}); ` +
      `answering without them would report those messages delivered: ${keep}`);
  }
  return list;
}

/** One Firehose input record's recordId (a non-empty string) and data (a string: every response record must carry data). */
function firehoseInputRecord(record: unknown, i: number): { recordId: string; data: string } {
  if (record === null || typeof record !== 'object') throw new TypeError(`input[${i}] must be a Firehose record object`);
  const { recordId, data } = record as { recordId?: unknown; data?: unknown };
  if (typeof recordId !== 'string' || recordId === '') throw new TypeError(`input[${i}].recordId must be a non-empty string (every Firehose input record needs its recordId)`);
  if (typeof data !== 'string') throw new TypeError(`input[${i}].data must be a string: Firehose requires data (base64) in every response record`);
  return { recordId, data };
}

/**
 * Firehose transformation results: a record whose outcomes all say indexed -> Ok; one with any
 * failed outcome (a record split into several documents shares its recordId) -> ProcessingFailed
 * (Firehose sends those to its error output); records the caller chose to skip -> Dropped. `data`
 * echoes the input record. Throws when an input record has no outcome, or an outcome names no input
 * record (a mapping mistake would otherwise lose or hide records), for an input record without a
 * non-empty recordId or string data or whose recordId repeats (Firehose would refuse the whole
 * response), and for a report that does not hold
 * every record's outcome (made with `outcomes: 'failed'` or `'none'`, or cut short).
 */
export function toFirehoseResponse(
  input: Array<{ recordId: string; data: string }>,
  outcomes: IngestOutcome[] | IngestReport,
  options: { dropped?: ReadonlySet<string> } = {},
): { records: FirehoseResultRecord[] } {
  if (!Array.isArray(input)) throw new TypeError('input must be the records array of the Firehose event');
  const dropped = options === null || options === undefined ? undefined : opt(options, 'dropped');
  if (dropped !== undefined && typeof dropped?.has !== 'function') throw new TypeError('options.dropped must be a Set of recordIds');
  const indexed = new Map<string, boolean>();
  for (const o of outcomeList(outcomes, 'all', 'toFirehoseResponse')) {
    const key = keyOf(o);
    indexed.set(key, (indexed.get(key) ?? true) && o.status === 'indexed');
  }
  const seen = new Set<string>();
  const checked = input.map((record, i) => {
    const { recordId, data } = firehoseInputRecord(record, i);
    if (seen.has(recordId)) throw new TypeError(`input[${i}].recordId repeats ${JSON.stringify(recordId)}: Firehose refuses a response naming a recordId twice, so the input must hold each recordId once`);
    seen.add(recordId);
    return { recordId, data };
  });
  const records = checked.map(({ recordId, data }): FirehoseResultRecord => {
    const ok = indexed.get(recordId);
    if (dropped?.has(recordId)) {
      if (ok !== undefined) throw new Error(`Firehose record ${recordId} is both dropped and ingested: a record is one or the other`);
      return { recordId, result: 'Dropped', data };
    }
    if (ok === undefined) throw new Error(`no outcome for Firehose record ${recordId}: every input record must be ingested or dropped (and the outcomes of every record kept: outcomes: 'all')`);
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
 * `outcomes: 'all'` or `'failed'`): it throws for a report made with `outcomes: 'none'` (even one
 * without failures), for ingest's own outcomes array holding fewer failures than its run had (a list the
 * caller built, merged or filtered is taken as it is), and when the run stopped
 * before taking every record (an iterable cut by the deadline): leaving out messages whose outcome it
 * cannot see would tell the service they succeeded.
 */
export function toBatchItemFailures(outcomes: IngestOutcome[] | IngestReport, options: { onlyRetryable?: boolean } = {}): BatchItemFailuresResponse {
  const onlyRetryable = options !== null && options !== undefined && opt(options, 'onlyRetryable') === true;
  const keys = new Set<string>();
  for (const o of outcomeList(outcomes, 'failed', 'toBatchItemFailures')) {
    const key = keyOf(o);
    if (o.status === 'failed' && (!onlyRetryable || o.retryable)) keys.add(key);
  }
  return { batchItemFailures: [...keys].map((itemIdentifier) => ({ itemIdentifier })) };
}
