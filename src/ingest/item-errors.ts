/**
 * Failure kinds and retryability for ingestion, built on the SDK's one retry decision
 * (retry/decision.ts): a bulk item is judged as the single-document write it stands for, and a
 * whole bulk request as a write ingest may repeat (every record has a fixed id).
 */
import { errors } from '@opensearch-project/opensearch';
import { toTypedError } from '../errors/boundary.js';
import { isFgacError, isPermissionError } from '../errors/guards.js';
import { KINDS, isResponseKind } from '../errors/kinds.js';
import { isThrottleType } from '../errors/parse-aws.js';
import type { SecretSet } from '../errors/secrets.js';
import { classifyResponse } from '../errors/verdict.js';
import { hasOpenSearchErrorType, isConnectFailure, isOwn503, retryDecision } from '../retry/decision.js';
import type { IngestFailureKind } from './types.js';

/** The `error` object OpenSearch puts on a failed bulk item. */
export interface BulkItemError {
  type?: string;
  reason?: string;
  [key: string]: unknown;
}

const MAPPING_TYPES = new Set(['mapper_parsing_exception', 'strict_dynamic_mapping_exception', 'document_parsing_exception']);
const REJECTED_TYPES = new Set(['es_rejected_execution_exception', 'rejected_execution_exception']);

/** A bulk item is one document written with a fixed id: repeating it is safe, like a PUT of that document. */
const ITEM_WRITE = { method: 'PUT', path: '/_doc' } as const;
/** A whole bulk request as ingest sends it: every record has a fixed id, so repeating it is safe too. */
const BULK_WRITE = { method: 'POST', path: '/_bulk' } as const;

function responseError(status: number, body: unknown, method: string, path: string): errors.ResponseError {
  const meta = {
    body, statusCode: status, headers: {}, warnings: null,
    meta: { context: null, name: 'opensearch-fgac-ingest', request: { params: { method, path }, options: {}, id: 0 },
      connection: null, attempts: 0, aborted: false },
  };
  // The client's own constructor types are loose (meta: any); the meta above has its documented shape.
  return new errors.ResponseError(meta as unknown as ConstructorParameters<typeof errors.ResponseError>[0]);
}

/** The method and path a bulk item's error is judged under (its typed error names them). */
const ITEM_REQUEST = { method: 'POST', path: '/_bulk' } as const;

/** A bulk item's error as the answer of its own request: the one body both its kind and its typed error are read from. */
function itemBody(status: number, error: BulkItemError): Record<string, unknown> {
  return { error: { root_cause: [{ type: error.type, reason: error.reason }], ...error }, status };
}

/**
 * The kind of a bulk item's typed error (errors/verdict.ts, the classifier itemTypedError builds it by), without building
 * it: `unclassified` when it stays a plain ResponseError. The kind never depends on the secrets or the principal.
 */
export function itemVerdictKind(status: number, error: BulkItemError): string {
  return classifyResponse({ statusCode: status, headers: {}, body: itemBody(status, error), method: ITEM_REQUEST.method, path: ITEM_REQUEST.path }, undefined, undefined, false).kind;
}

/**
 * The only statuses at which verdict.ts classifies an OpenSearch error (an item's always is one): 401, 403, 404, 429,
 * 500 (not initialised, the DLS/FLS valve), 502-504. At any other status the verdict is `unclassified` and is not asked:
 * it costs tens of microseconds, and a redelivered batch of creates answers 409 for every record (h219-item-kind
 * checks that every other status stays unclassified).
 */
const VERDICT_STATUSES: ReadonlySet<number> = new Set([401, 403, 404, 429, 500, 502, 503, 504]);

/**
 * The ingest kind and retryability of a typed error's kind (`unclassified`: undefined, judged by type and status): a
 * permission error (isPermissionError) is `security`; `unavailable` (502/503/504, the plugin's "not initialized" 500s
 * and 503s) is `server`; retryable as the kind table says (isRetryable).
 */
function fromTypedKind(kind: string): { kind: IngestFailureKind; retryable: boolean } | undefined {
  if (!isResponseKind(kind)) return undefined;
  const entry = KINDS[kind];
  if (entry.permission) return { kind: 'security', retryable: entry.retryable };
  if (kind === 'throttled') return { kind: 'throttled', retryable: entry.retryable };
  if (kind === 'unavailable') return { kind: 'server', retryable: entry.retryable };
  if (kind === 'index_not_found') return { kind: 'not_found', retryable: entry.retryable };
  return undefined;
}

/**
 * Decides the failure kind and retryability of a bulk item from its typed error's kind, so that the two never disagree
 * (`error`: the item's error, or its type alone). An item whose error stays unclassified is judged by its type and
 * status: the OpenSearch types for a rejected execution, a conflict, a mapping, a missing document or index; a 5xx by
 * the one retry decision; anything else (a 403 write block, a 400 `security_exception`) is `validation`.
 */
export function classifyItem(status: number, error: BulkItemError | string | undefined): { kind: IngestFailureKind; retryable: boolean } {
  const e: BulkItemError = typeof error === 'string' ? { type: error } : error ?? {};
  const typed = VERDICT_STATUSES.has(status) ? fromTypedKind(itemVerdictKind(status, e)) : undefined;
  if (typed !== undefined) return typed;
  const type = typeof e.type === 'string' ? e.type : undefined;
  if (status === 429 || (type !== undefined && REJECTED_TYPES.has(type))) return { kind: 'throttled', retryable: true };
  if (type === 'version_conflict_engine_exception' || status === 409) return { kind: 'conflict', retryable: false };
  if (type !== undefined && MAPPING_TYPES.has(type)) return { kind: 'mapping', retryable: false };
  if (type === 'document_missing_exception' || type === 'index_not_found_exception' || status === 404) return { kind: 'not_found', retryable: false };
  if (status >= 500) {
    const judged = responseError(status, itemBody(status, e), ITEM_WRITE.method, ITEM_WRITE.path);
    return { kind: 'server', retryable: retryDecision(judged, ITEM_WRITE).retry };
  }
  return { kind: 'validation', retryable: false };
}

/**
 * Builds the typed error of one bulk item, as if the item had been its own request. Without a stack trace: it would
 * name ingest's own functions, never the caller's, and capturing and redacting it was a third of an item's cost.
 */
export function itemTypedError(status: number, error: BulkItemError, method: string, path: string, secrets?: SecretSet): Error {
  const body = itemBody(status, error);
  const limit = Error.stackTraceLimit;
  const unset = setStackTraceLimit(0);
  try {
    const typed = toTypedError(responseError(status, body, method, path), secrets === undefined ? {} : { secrets });
    return typed instanceof Error ? typed : new Error(String(error.reason ?? error.type ?? 'bulk item failed'));
  } finally {
    if (unset) setStackTraceLimit(limit);
  }
}

/** Sets Error.stackTraceLimit; false where it cannot be set (frozen intrinsics): the errors then keep their frames. */
function setStackTraceLimit(value: number): boolean {
  try {
    Error.stackTraceLimit = value;
    return true;
  } catch {
    return false;
  }
}

/** Longest (status, error) key remembered: a longer item error is made on its own. */
const MEMO_KEY_MAX = 16_384;

/**
 * itemTypedError for the items of one bulk answer, one typed error per distinct (status, error): a batch that fails
 * whole (a strict mapping, a missing permission) repeats one error per item, and redacting each copy again cost
 * ~150 us per record. Records failed by the same error share its object, as those of a failed whole request do.
 */
export function itemErrorsOfAnswer(method: string, path: string, secrets: () => SecretSet | undefined): (status: number, error: BulkItemError) => Error {
  const made = new Map<string, Error>();
  return (status, error) => {
    const key = memoKey(status, error);
    const known = key === undefined ? undefined : made.get(key);
    if (known !== undefined) return known;
    const typed = itemTypedError(status, error, method, path, secrets());
    if (key !== undefined) made.set(key, typed);
    return typed;
  };
}

/**
 * classifyItem for the items of one bulk answer, once per distinct (status, error) where it asks the verdict (tens of
 * microseconds each): a batch refused whole, or throttled item by item, repeats one error per record.
 */
export function itemKindsOfAnswer(): (status: number, error: BulkItemError) => { kind: IngestFailureKind; retryable: boolean } {
  const judged = new Map<string, { kind: IngestFailureKind; retryable: boolean }>();
  return (status, error) => {
    if (!VERDICT_STATUSES.has(status)) return classifyItem(status, error);
    const key = memoKey(status, error);
    const known = key === undefined ? undefined : judged.get(key);
    if (known !== undefined) return known;
    const result = classifyItem(status, error);
    if (key !== undefined) judged.set(key, result);
    return result;
  };
}

/** The memo key of an item's (status, error), undefined for one that cannot be written or is longer than MEMO_KEY_MAX. */
function memoKey(status: number, error: BulkItemError): string | undefined {
  let key: string;
  try {
    key = `${status} ${JSON.stringify(error)}`;
  } catch {
    return undefined;
  }
  return key.length > MEMO_KEY_MAX ? undefined : key;
}

/** How a failed whole bulk request affects its records. */
export interface RequestFailure {
  kind: IngestFailureKind;
  retryable: boolean;
  /** The request may have been applied (connection lost after sending, timeout, unreadable answer). */
  ambiguous: boolean;
  /** The request never left: the client could not obtain credentials to sign or authorize it. */
  notSent?: true;
  retryAfterMs?: number;
}

/** AWS error names (beyond throttling) and Node network codes of a credential call that may work later. */
const TRANSIENT_CAUSES = new Set(['InternalErrorException', 'InternalFailure', 'InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException',
  'RequestTimeout', 'RequestTimeoutException', 'TimeoutError', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

function read<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/**
 * Whether a CredentialsError may not recur: its provider or Cognito call did not answer in time (the
 * SDK's "did not answer within N ms"), or its cause (a redacted copy keeping the AWS SDK's name, code,
 * `$fault` and `$metadata`) is throttling, a 5xx / server fault, or a network failure. A wrong password,
 * a missing package, a provider that returned nothing usable or threw anything else is not.
 */
export function isTransientCredentialsError(e: unknown): boolean {
  const message = read(() => (e as { message?: unknown }).message);
  if (typeof message === 'string' && / did not answer within \d+ ms/.test(message)) return true;
  const cause = read(() => (e as { cause?: unknown }).cause) as { name?: unknown; code?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown } } | undefined;
  if (cause === null || typeof cause !== 'object') return false;
  const status = read(() => cause.$metadata?.httpStatusCode);
  if (read(() => cause.$fault) === 'server' || status === 429 || (typeof status === 'number' && status >= 500)) return true;
  return [read(() => cause.name), read(() => cause.code)].some((n) => typeof n === 'string' && (isThrottleType(n) || TRANSIENT_CAUSES.has(n)));
}

/**
 * A failure of the client's credentials (kind `credentials`, neither sent nor ambiguous): a CredentialsError
 * (retryable when transient), or an ExpiredCredentialsError (the server refused the token after the client's
 * one forced refresh: retryable when it says expired, since a fresh process or a later refresh gets new
 * credentials; not when it says invalid). Undefined for any other error. By `kind`, so that errors of
 * another copy of the package (ESM and CommonJS builds) count too.
 */
function credentialsFailure(e: unknown): RequestFailure | undefined {
  if (!isFgacError(e)) return undefined;
  const kind = read(() => e.kind);
  if (kind === 'credentials') return { kind: 'credentials', retryable: isTransientCredentialsError(e), ambiguous: false, notSent: true };
  if (kind === 'expired_credentials') return { kind: 'credentials', retryable: read(() => (e as { reason?: unknown }).reason) === 'expired', ambiguous: false };
  return undefined;
}

/**
 * A zlib error (code Z_DATA_ERROR, Z_BUF_ERROR, ...): the server answered with a compressed body that
 * could not be decoded. A plain opensearch-js Client hands it on unwrapped (createClient makes it a
 * ConnectionError); either way the request was sent and its answer is unreadable.
 */
function isUndecodableAnswer(e: unknown): boolean {
  const code = read(() => (e as { code?: unknown } | null)?.code);
  return typeof code === 'string' && /^Z_[A-Z_]+$/.test(code);
}

function statusOf(e: unknown): number | undefined {
  const status = e instanceof errors.ResponseError ? e.meta?.statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** Judges the (typed) error of a whole bulk request by the one retry decision. */
export function classifyRequestFailure(e: unknown): RequestFailure {
  const credentials = credentialsFailure(e);
  if (credentials !== undefined) return credentials;
  const decision = retryDecision(e, BULK_WRITE, { retryUnsafeWrites: true });
  const after = decision.retryAfterMs !== undefined ? { retryAfterMs: decision.retryAfterMs } : {};
  // A 2xx whose body could not be read: the batch was very likely applied, its per-item results are unknown.
  if (e instanceof errors.DeserializationError) return { kind: 'response_mismatch', retryable: true, ambiguous: true };
  if (e instanceof errors.TimeoutError) return { kind: 'transport', retryable: decision.retry, ambiguous: true, ...after };
  if (e instanceof errors.NoLivingConnectionsError) return { kind: 'transport', retryable: true, ambiguous: false };
  if (e instanceof errors.ConnectionError) {
    return { kind: 'transport', retryable: decision.retry, ambiguous: !isConnectFailure(String(e.message ?? '')), ...after };
  }
  if (isUndecodableAnswer(e)) return { kind: 'transport', retryable: true, ambiguous: true };
  const status = statusOf(e);
  // 502/504 come from a proxy that may have forwarded the request; so does a 503 that is not
  // OpenSearch's own error (Envoy's "upstream ... reset before headers", an HTML page).
  const ambiguous = status === 502 || status === 504 || (status === 503 && !isOwn503(e));
  let kind: IngestFailureKind;
  if (status === undefined) kind = 'transport';
  // the typed error decides: a 403 cluster_block_exception (a write block) is not a permission refusal; the DLS/FLS
  // valve's 500 (2.x refuses a whole bulk holding an update item) is one, as 3.x's item-level refusal is
  else if (isPermissionError(e)) kind = 'security';
  else if (status === 429) kind = 'throttled';
  else if (status >= 500) kind = 'server';
  else if (status === 404) kind = 'not_found';
  else kind = 'validation';
  return { kind, retryable: decision.retry, ambiguous, ...after };
}

/**
 * A whole bulk request refused before anything ran, possibly over one of its records: 413 (too large
 * for the server), or 400 with OpenSearch's own error (a request validation such as an id too long).
 * Its records are sent again in halves, so that one bad record fails alone.
 */
export function refusedWhole(e: unknown): boolean {
  const status = statusOf(e);
  return status === 413 || (status === 400 && hasOpenSearchErrorType(e));
}
