/** Turns ingestion outcomes into what AWS expects back from a Lambda (Firehose, SQS, Kinesis). */
import type { IngestOutcome } from './types.js';

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
  if (o.key === undefined) throw new TypeError(`outcome of record ${o.position} has no key: set IngestRecord.key to the recordId / messageId`);
  return o.key;
}

/**
 * Firehose transformation results: indexed -> Ok, failed -> ProcessingFailed (Firehose sends those to
 * its error output), and records the caller chose to skip -> Dropped. `data` echoes the input record.
 */
export function toFirehoseResponse(
  input: Array<{ recordId: string; data: string }>,
  outcomes: IngestOutcome[],
  options: { dropped?: ReadonlySet<string> } = {},
): { records: FirehoseResultRecord[] } {
  const byKey = new Map(outcomes.map((o) => [keyOf(o), o]));
  return {
    records: input.map(({ recordId, data }) => {
      if (options.dropped?.has(recordId)) return { recordId, result: 'Dropped', data };
      const outcome = byKey.get(recordId);
      if (!outcome) throw new Error(`no outcome for Firehose record ${recordId}: every input record must be ingested or dropped`);
      return { recordId, result: outcome.status === 'indexed' ? 'Ok' : 'ProcessingFailed', data };
    }),
  };
}

/**
 * Partial batch response for SQS and Kinesis event sources. Every failed record is reported so the
 * service redelivers it (its redrive policy / on-failure destination handles permanent failures);
 * pass `onlyRetryable: true` to report only failures that could succeed later.
 */
export function toBatchItemFailures(outcomes: IngestOutcome[], options: { onlyRetryable?: boolean } = {}): BatchItemFailuresResponse {
  return {
    batchItemFailures: outcomes
      .filter((o) => o.status === 'failed' && (!options.onlyRetryable || o.retryable))
      .map((o) => ({ itemIdentifier: keyOf(o) })),
  };
}
