/** Types of bulk ingestion: what goes in (records), what comes out (one outcome per record). */

/** The bulk action of a record; `index` when absent. */
export type IngestAction = 'index' | 'create' | 'update' | 'delete';

/** One record to ingest. */
export interface IngestRecord<TDoc = Record<string, unknown>> {
  /** Target index (or alias / data stream). */
  index: string;
  /** Defaults to `index`. */
  action?: IngestAction;
  /** Document id. Absent for index/create: a client-side id is generated so retries never duplicate. */
  id?: string;
  /** The document (index, create) or the partial document (update). Not used by delete. */
  document?: TDoc;
  /** update only: create the document with this body when it does not exist. */
  upsert?: TDoc;
  routing?: string;
  pipeline?: string;
  /** The caller's own identifier (Firehose recordId, SQS messageId, Kinesis sequence number). */
  key?: string;
}

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
  /** A coarse kind for switch statements: security, mapping, validation, conflict, not_found, throttled, server, transport, invalid_record. */
  kind: IngestFailureKind;
  /** True when the same record could succeed later (throttling, 5xx, transport). */
  retryable: boolean;
  attempts: number;
}

/** Kinds of per-record failure. */
export type IngestFailureKind =
  | 'security' | 'mapping' | 'validation' | 'conflict' | 'not_found' | 'throttled' | 'server' | 'transport' | 'invalid_record';

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
}

/** One outcome per input record, in input order. */
export type IngestOutcome = IngestSuccess | IngestFailure;

/** Running totals, reported through `onProgress` and at the end. */
export interface IngestStats {
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

/** Options of `ingest`. */
export interface IngestOptions {
  /** Largest bulk body in bytes (default 5 MiB; Amazon OpenSearch Service caps requests at 10-100 MiB by instance type). */
  maxBatchBytes?: number;
  /** Most records per bulk request (default 1000). */
  maxBatchCount?: number;
  /** Bulk requests in flight at once (default 2). */
  concurrency?: number;
  /** Attempts after the first for transiently failed items (default 5). */
  retries?: number;
  /** Backoff floor and ceiling in ms (defaults 200 and 10_000); full jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** `refresh` parameter of the bulk requests (default false). */
  refresh?: boolean | 'wait_for';
  /** Called after every bulk response with the running totals. */
  onProgress?: (stats: IngestStats) => void;
  /** Stops scheduling new work; records not yet sent fail with kind `transport`, retryable. */
  signal?: AbortSignal;
  /** Id generator for records without an id (default crypto.randomUUID). */
  generateId?: () => string;
}

/** The result of `ingest`. */
export interface IngestReport {
  /** Exactly one outcome per input record, in input order. */
  outcomes: IngestOutcome[];
  stats: IngestStats;
}
