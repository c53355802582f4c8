/** The errors `ingest` puts on failed outcomes that are not the cluster's own refusals. */
import type { IngestReport } from './types.js';

/** Why a record cannot be sent at all (outcome kind `invalid_record`). */
export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
}

/**
 * The bulk response did not account for this record (outcome kind `response_mismatch`): the item at
 * its position was missing, null, malformed, or named another document. The record may or may not
 * have been stored; sending it again is safe (its id is fixed).
 */
export class BulkResponseMismatchError extends Error {
  override readonly name = 'BulkResponseMismatchError';
}

/** Ingestion was stopped by its signal before this record was acknowledged (outcome kind `aborted` or `deadline`). */
export class IngestAbortedError extends Error {
  override readonly name = 'IngestAbortedError';
  /** Whether the record may have been stored: a bulk request carrying it was cut in flight, or an earlier one ended without a readable answer. */
  readonly inFlight: boolean;

  constructor(message: string, inFlight: boolean, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.inFlight = inFlight;
  }
}

/** fifo mode: an earlier record of the same message group failed, so this one is reported failed to keep order. */
export class FifoGroupFailedError extends Error {
  override readonly name = 'FifoGroupFailedError';
  /** The group, and the input position of the earlier record that failed. */
  constructor(message: string, readonly groupId: string, readonly failedPosition: number) {
    super(message);
  }
}

/**
 * The input iterable threw (or its `next()` misbehaved) while `ingest` was reading it. Thrown after
 * every record already taken has its outcome; `report` holds them. `ingest` gives it a message and a
 * `cause` redacted with the client's secrets (the cause a copy of what the input threw).
 */
export class IngestSourceError extends Error {
  override readonly name = 'IngestSourceError';

  constructor(message: string, readonly report: IngestReport, cause: unknown) {
    super(message, { cause });
  }
}
