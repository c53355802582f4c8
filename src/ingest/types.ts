/** Types of bulk ingestion: what goes in (records), what comes out (one outcome per record). */

/** The bulk action of a record; `index` when absent. */
export type IngestAction = 'index' | 'create' | 'update' | 'delete';

/** One record to ingest. */
export interface IngestRecord<TDoc = Record<string, unknown>> {
  /** Target index (or alias / data stream). */
  index: string;
  /** Defaults to `index`. */
  action?: IngestAction | undefined;
  /** Document id. Absent for index/create: a client-side id is generated so retries never duplicate. */
  id?: string | undefined;
  /** The document (index, create) or the partial document (update). Not used by delete. */
  document?: TDoc | undefined;
  /** update only: create the document with this body when it does not exist. */
  upsert?: TDoc | undefined;
  routing?: string | undefined;
  pipeline?: string | undefined;
  /** The caller's own identifier (Firehose recordId, SQS messageId, Kinesis sequence number). */
  key?: string | undefined;
  /** `fifo` mode: the message group (SQS MessageGroupId). Records without one form a single group. */
  groupId?: string | undefined;
}

/** What `ingest` reads: an array, any iterable, or an async iterable (a stream) of records. */
export type IngestSource<TDoc = Record<string, unknown>> = Iterable<IngestRecord<TDoc>> | AsyncIterable<IngestRecord<TDoc>>;

/** A record refused or failed, with the reason and whether trying again could help. */
export interface IngestFailure {
  status: 'failed';
  /** Position of the record in the input. */
  position: number;
  key?: string;
  action: IngestAction;
  index: string;
  id?: string;
  /** The typed error (e.g. SecurityExceptionError for an item refused by FGAC). */
  error: Error;
  /** A coarse kind for switch statements (see IngestFailureKind). */
  kind: IngestFailureKind;
  /** True when the same record could succeed later (throttling, 5xx, transport, abort, deadline, mismatch, transient credential failures). */
  retryable: boolean;
  attempts: number;
}

/**
 * Kinds of per-record failure: refusals by the cluster (security, mapping, validation, conflict,
 * not_found), transient ones (throttled, server, transport), `credentials` (the client's credentials:
 * a CredentialsError, nothing sent: wrong Cognito password, missing AWS SDK package, a provider that
 * failed, retryable when transient (a timeout, throttling, a 5xx or network failure of the credential
 * call); or an ExpiredCredentialsError after the client's one forced refresh, sent and refused, retryable
 * when the token is expired, not when invalid), `invalid_record` (the record cannot be
 * sent: bad fields, a document JSON cannot represent), `response_mismatch` (the bulk response did not
 * account for this record: missing, null, extra or other-id items; the record may or may not be
 * stored), `aborted` / `deadline` (the signal stopped ingestion before the record was acknowledged)
 * and `fifo_group_failed` (fifo mode: an earlier record of the same group failed).
 */
export type IngestFailureKind =
  | 'security' | 'mapping' | 'validation' | 'conflict' | 'not_found' | 'throttled' | 'server' | 'transport' | 'credentials'
  | 'invalid_record' | 'response_mismatch' | 'aborted' | 'deadline' | 'fifo_group_failed';

/** A record the cluster acknowledged. */
export interface IngestSuccess {
  status: 'indexed';
  position: number;
  key?: string;
  action: IngestAction;
  index: string;
  id: string;
  /** OpenSearch's item result: created, updated, deleted, noop, not_found (delete of a missing doc). */
  result: string;
  /** True when `id` was generated client-side. */
  generatedId: boolean;
  attempts: number;
  /**
   * Set when an earlier attempt of this call ended ambiguously (connection lost, timeout, unreadable answer) and may
   * have been applied: `result` is what the node answered the last attempt, which that earlier one may have caused
   * (a delete's `not_found`, an index's `updated` where this call created the document, an update's `noop`). Also on a
   * `create` with the caller's id whose retry got 409 "already exists" (`created`: most likely written by that
   * earlier attempt, but another writer using the same id cannot be ruled out).
   */
  ambiguous?: true;
}

/** One outcome per input record, in input order. */
export type IngestOutcome = IngestSuccess | IngestFailure;

/** Running totals, reported through `onProgress` and at the end. */
export interface IngestStats {
  /** Records taken from the input so far. */
  total: number;
  indexed: number;
  failed: number;
  /** Records sent again after a transient failure (item or whole request). */
  retries: number;
  bulkRequests: number;
  failuresByKind: Partial<Record<IngestFailureKind, number>>;
  elapsedMs: number;
  recordsPerSecond: number;
}

/** Options of `ingest`. Every numeric option must be a non-negative integer; a bad value is a ConfigError naming it. */
export interface IngestOptions {
  /** Largest bulk body in bytes (default 5 MiB; Amazon OpenSearch Service caps requests at 10-100 MiB by instance type). */
  maxBatchBytes?: number | undefined;
  /** Most records per bulk request (default 1000). */
  maxBatchCount?: number | undefined;
  /** Bulk requests in flight at once (default 2; fifo mode sends one at a time). */
  concurrency?: number | undefined;
  /** Attempts after the first for transiently failed items (default 5). */
  retries?: number | undefined;
  /** Backoff base and ceiling in ms (defaults 200 and 10_000); full jitter, at least minDelayMs / 2. */
  minDelayMs?: number | undefined;
  maxDelayMs?: number | undefined;
  /** `refresh` parameter of the bulk requests (default false). */
  refresh?: boolean | 'wait_for' | undefined;
  /** Called after every bulk response with the running totals (errors it throws are ignored). */
  onProgress?: ((stats: IngestStats) => void) | undefined;
  /** Called once per record as soon as its outcome is final (errors it throws are ignored). */
  onOutcome?: ((outcome: IngestOutcome) => void) | undefined;
  /** Which outcomes the report keeps: all (default), only failures, or none (stats only; use onOutcome). */
  outcomes?: 'all' | 'failed' | 'none' | undefined;
  /**
   * Stops ingestion and cancels the bulk requests in flight. Records not yet acknowledged fail with
   * kind `deadline` (when the reason is a TimeoutError, e.g. from deadlineSignal) or `aborted`, retryable.
   */
  signal?: AbortSignal | undefined;
  /** Id generator for records without an id (default crypto.randomUUID). */
  generateId?: (() => string) | undefined;
  /**
   * SQS FIFO mode: per `groupId`, once a record fails every later record of that group is reported
   * failed too (kind `fifo_group_failed`; not sent, or sent in the same request and reported), so the
   * queue redelivers them in order. Bulk requests are sent one at a time.
   */
  fifo?: boolean | undefined;
  /**
   * A `create` with the caller's id that answers 409 (the document exists) counts as `created` with
   * `ambiguous: true`, on every attempt. For ids derived from the message (SQS messageId, a Kinesis
   * sequence number): a record stored by an earlier delivery, but reported failed (its answer lost, the
   * deadline, a FIFO group failure), is then not a `conflict` on redelivery. Default false: a 409 is a
   * `conflict` unless an earlier attempt of this call may have stored the record.
   */
  idempotentCreate?: boolean | undefined;
}

/** The result of `ingest`. */
export interface IngestReport {
  /** One outcome per input record, in input order (only failures with `outcomes: 'failed'`, none with 'none'). */
  outcomes: IngestOutcome[];
  stats: IngestStats;
  /**
   * False when the signal stopped ingestion before a non-array input was read to its end: the records
   * not yet taken from the iterable have no outcome (an array input always gets one outcome per element).
   */
  complete: boolean;
}
