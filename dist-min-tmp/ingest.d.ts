import { i as IngestOutcome, k as IngestReport } from './diagnose-vSafL-25.js';
export { I as IngestAction, f as IngestFailure, g as IngestFailureKind, h as IngestOptions, j as IngestRecord, l as IngestSource, m as IngestStats, n as IngestSuccess, q as ingest } from './diagnose-vSafL-25.js';
import './mode-names-DutUs5-9.js';
import '@opensearch-project/opensearch';

/** Turns ingestion outcomes into what AWS expects back from a Lambda (Firehose, SQS, Kinesis). */

/** One record of a Firehose data-transformation response. */
interface FirehoseResultRecord {
    recordId: string;
    result: 'Ok' | 'Dropped' | 'ProcessingFailed';
    /** Base64 data handed back to Firehose. */
    data: string;
}
/** The SQS / Kinesis / DynamoDB Streams partial batch response (ReportBatchItemFailures). */
interface BatchItemFailuresResponse {
    batchItemFailures: Array<{
        itemIdentifier: string;
    }>;
}
/**
 * Firehose transformation results: indexed -> Ok, failed -> ProcessingFailed (Firehose sends those to
 * its error output), and records the caller chose to skip -> Dropped. `data` echoes the input record.
 */
declare function toFirehoseResponse(input: Array<{
    recordId: string;
    data: string;
}>, outcomes: IngestOutcome[], options?: {
    dropped?: ReadonlySet<string>;
}): {
    records: FirehoseResultRecord[];
};
/**
 * Partial batch response for SQS and Kinesis event sources. Every failed record is reported so the
 * service redelivers it (its redrive policy / on-failure destination handles permanent failures);
 * pass `onlyRetryable: true` to report only failures that could succeed later.
 */
declare function toBatchItemFailures(outcomes: IngestOutcome[], options?: {
    onlyRetryable?: boolean;
}): BatchItemFailuresResponse;

/** The part of the Lambda Context the deadline is derived from. */
interface RemainingTime {
    getRemainingTimeInMillis(): number;
}
/** Options of deadlineSignal. */
interface DeadlineSignalOptions {
    /** Time kept back for answering (building the batch response, logging), in ms (default 1000). */
    marginMs?: number;
    /** Also abort when this signal aborts (e.g. a shutdown signal of your own). */
    signal?: AbortSignal;
}
/**
 * A signal that aborts `marginMs` before `context.getRemainingTimeInMillis()` runs out, with a
 * `TimeoutError` DOMException as its reason: pass it as `ingest`'s `signal` and the records not
 * acknowledged by then are reported failed with kind `deadline` (retryable) instead of the
 * invocation being killed with no answer. The timer does not keep the process alive.
 */
declare function deadlineSignal(context: RemainingTime, options?: DeadlineSignalOptions): AbortSignal;

/** The errors `ingest` puts on failed outcomes that are not the cluster's own refusals. */

/** Why a record cannot be sent at all (outcome kind `invalid_record`). */
declare class InvalidRecordError extends Error {
    readonly name = "InvalidRecordError";
}
/**
 * The bulk response did not account for this record (outcome kind `response_mismatch`): the item at
 * its position was missing, null, malformed, or named another document. The record may or may not
 * have been stored; sending it again is safe (its id is fixed).
 */
declare class BulkResponseMismatchError extends Error {
    readonly name = "BulkResponseMismatchError";
}
/** Ingestion was stopped by its signal before this record was acknowledged (outcome kind `aborted` or `deadline`). */
declare class IngestAbortedError extends Error {
    readonly name = "IngestAbortedError";
    /** Whether a bulk request carrying the record was cut while in flight (it may have been applied). */
    readonly inFlight: boolean;
    constructor(message: string, inFlight: boolean, cause?: unknown);
}
/** fifo mode: an earlier record of the same message group failed, so this one is reported failed to keep order. */
declare class FifoGroupFailedError extends Error {
    readonly groupId: string;
    readonly failedPosition: number;
    readonly name = "FifoGroupFailedError";
    /** The group, and the input position of the earlier record that failed. */
    constructor(message: string, groupId: string, failedPosition: number);
}
/**
 * The input iterable threw (or its `next()` misbehaved) while `ingest` was reading it. Thrown after
 * every record already taken has its outcome; `report` holds them.
 */
declare class IngestSourceError extends Error {
    readonly report: IngestReport;
    readonly name = "IngestSourceError";
    constructor(message: string, report: IngestReport, cause: unknown);
}

export { type BatchItemFailuresResponse, BulkResponseMismatchError, type DeadlineSignalOptions, FifoGroupFailedError, type FirehoseResultRecord, IngestAbortedError, IngestOutcome, IngestReport, IngestSourceError, InvalidRecordError, type RemainingTime, deadlineSignal, toBatchItemFailures, toFirehoseResponse };
