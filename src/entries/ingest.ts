/** `opensearch-fgac/ingest`: bulk ingestion with one outcome per record, and the Firehose/SQS/Kinesis adapters. Re-exports only. */
export { ingest } from './on-demand.js';
export { toFirehoseResponse, toBatchItemFailures } from '../ingest/adapters.js';
export { deadlineSignal } from '../ingest/deadline.js';
export type { DeadlineSignalOptions, RemainingTime } from '../ingest/deadline.js';
export { InvalidRecordError, BulkResponseMismatchError, IngestAbortedError, FifoGroupFailedError, IngestSourceError } from '../ingest/errors.js';
export type { IngestSource } from '../ingest/types.js';
export type { FirehoseResultRecord, BatchItemFailuresResponse } from '../ingest/adapters.js';
export type {
  IngestRecord, IngestAction, IngestOptions, IngestOutcome, IngestSuccess, IngestFailure, IngestFailureKind, IngestStats, IngestReport,
} from '../ingest/types.js';
