/** The one retry decision of the SDK: which failures may be repeated, and why (not). */
import { errors } from '@opensearch-project/opensearch';
import { isFgacError, isTlsFailureMessage } from '../errors/classes.js';
import { rec } from '../errors/body.js';
import { isOversizedBodyMessage } from '../errors/guards.js';
import type { RetryOptions, RetryReason } from './options.js';
import { field, opt } from '../errors/own.js';
import { stringify } from 'node:querystring';
import { nodeOpType, nodeQuery, splitTarget } from '../fgac/query-params.js';

/** Whether one error may be retried, and why (not). */
export interface RetryDecision {
  retry: boolean;
  reason: RetryReason | 'unsafe_write' | 'tls_failure' | 'not_retryable';
  /** Retry-After of the response, in ms. */
  retryAfterMs?: number;
}

/** The request a retry decision is about. */
export interface RetryRequest {
  method: string;
  path: string;
  /** The query parameters as sent (opensearch-js's `querystring`: an object or a string); `path` may also carry them after `?`. */
  querystring?: unknown;
}

const READ_ONLY_POST = new Set([
  '_count', '_msearch', '_mget', '_field_caps', '_validate', '_explain', '_termvectors', '_mtermvectors',
  '_analyze', '_rank_eval', '_render', '_search_shards',
]);

function segmentsOf(path: string): string[] {
  return splitTarget(path).path.split('/').filter((s) => s !== '');
}

/** Query parameters that make a write conditional or create-only: sent twice, the second answers 409/400 for the first's success. */
const CONDITIONAL_QUERY = new Set(['if_seq_no', 'if_primary_term', 'version', 'version_type']);

/**
 * `querystring` as opensearch-js writes it (a string as it is, an object as Serializer.qserialize writes it: undefined
 * left out, an array joined by commas); undefined when it cannot be written (opensearch-js would throw). Connection
 * then sends the path's own query (after its first `?`), `?` and this; measured on 2.19.4: `?refresh=true` with
 * `{op_type: 'create'}` reaches the node as refresh=`true?op_type=create`.
 */
function querystringText(querystring: unknown): string | undefined {
  let extra = '';
  try {
    if (typeof querystring === 'string') extra = querystring;
    else if (querystring !== null && typeof querystring === 'object') {
      // null prototype: an own `__proto__` parameter is kept as a parameter, as opensearch-js sends it
      const copy = Object.create(null) as Record<string, string | number | boolean | bigint>;
      for (const [key, value] of Object.entries(querystring as Record<string, unknown>)) {
        if (value !== undefined) copy[key] = Array.isArray(value) ? value.join(',') : (value as string);
      }
      extra = stringify(copy);
    }
  } catch {
    return undefined;
  }
  return extra;
}

/**
 * True when the query of `path` and `querystring` asks for a create-only or conditional write, or cannot be read: as
 * opensearch-js sends it (joined with `?`) or as another caller of isIdempotentRequest may (joined with `&`, a leading
 * `?` of a querystring string dropped). Either reading finding one makes a second send unsafe.
 */
function unsafeQuery(path: string, querystring: unknown): boolean {
  const text = querystringText(querystring);
  if (text === undefined) return true;
  const own = splitTarget(path).query;
  for (const join of ['?', '&'] as const) {
    const extra = join === '&' && text.startsWith('?') ? text.slice(1) : text;
    const sent = extra === '' ? own : own === undefined ? extra : `${own}${join}${extra}`;
    // read as the node reads it (fgac/query-params.ts)
    const query = nodeQuery(sent);
    if (query === undefined || nodeOpType(query.get('op_type')) === 'create' || query.has('create')) return true;
    if ([...query.keys()].some((key) => CONDITIONAL_QUERY.has(key))) return true;
  }
  return false;
}

/**
 * True when sending the request twice gives the caller what sending it once does: GET/HEAD/OPTIONS; PUT
 * that replaces (a document by id, mappings, settings, security REST API entities) except `_bulk`,
 * `_create`, creations (`PUT /<index>`, a snapshot, a data stream, `_clone`/`_split`/`_shrink`), the security plugin's
 * password change (`<prefix>/api/account`, conditional on the current password), `op_type=create`, `create=true` and conditional
 * writes (`if_seq_no`, `if_primary_term`, `version`, `version_type`), whose second send answers 409 or 400
 * for the first one's success; and POST to read-only endpoints (_search except scroll/point_in_time, _count,
 * _msearch, _mget, _field_caps, _validate, _explain, _termvectors, _mtermvectors, _analyze, _rank_eval,
 * _render, _search_shards). DELETE is not (a second send answers 404 for the first one's deletion), nor
 * POST _bulk, _doc, _update, *_by_query, PATCH and everything else.
 */
export function isIdempotentRequest(method: string, path: string, querystring?: unknown): boolean {
  const m = (method ?? '').toUpperCase();
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return true;
  const segments = segmentsOf(path ?? '');
  if (m === 'PUT') {
    if (segments.includes('_bulk') || segments.includes('_create')) return false;
    if (segments.length === 1 && !(segments[0] ?? '').startsWith('_')) return false;
    if (segments[0] === '_snapshot' && segments.length === 3) return false;
    // creations whose second send finds the target made: a data stream, an index cloned, split or shrunk into
    if (segments[0] === '_data_stream' && segments.length === 2) return false;
    if (segments.some((s) => s === '_clone' || s === '_split' || s === '_shrink')) return false;
    // the security plugin's own password change is conditional on the current password: a second send answers 401
    if (segments.length === 4 && segments[1] === '_security' && segments[2] === 'api' && segments[3] === 'account') return false;
    // a query that cannot be sent or that the node refuses (400) counts as not idempotent
    return !unsafeQuery(path ?? '', querystring);
  }
  if (m !== 'POST') return false;
  const at = segments.findIndex((s) => s.startsWith('_'));
  const endpoint = at < 0 ? undefined : segments[at];
  if (endpoint === undefined) return false;
  if (endpoint === '_search') {
    const next = segments[at + 1];
    return next !== 'scroll' && next !== 'point_in_time';
  }
  return READ_ONLY_POST.has(endpoint);
}

/** True when a response error's body is OpenSearch's own error (JSON with a string `error.type`). */
export function hasOpenSearchErrorType(e: unknown): boolean {
  const body = e instanceof errors.ResponseError ? (e.meta?.body as { error?: { type?: unknown } } | null | undefined) : undefined;
  return typeof body === 'object' && body !== null && typeof body.error === 'object' && body.error !== null && typeof body.error.type === 'string';
}

/**
 * True for a 503 that OpenSearch or its security plugin wrote itself (its JSON `error`, or the plugin's
 * "Security not initialized"): the request was not processed. Any other 503 (Envoy's "upstream ... reset
 * before headers", a load balancer's page) comes from a gateway that may have forwarded it, like 502/504.
 */
export function isOwn503(e: unknown): boolean {
  if ((e as { securityNotInitialized?: unknown } | null)?.securityNotInitialized === true) return true;
  if (!(e instanceof errors.ResponseError)) return false;
  const body = rec(e.meta?.body);
  const error = body?.error;
  // OpenSearch's error: an object with a type; or, with detailed errors off, exactly {error: "<text>", status: 503}.
  // A gateway's JSON (Envoy's {error, code}, Spring's {timestamp, path, status, error}) is not OpenSearch's.
  if (typeof error === 'object' && error !== null) return typeof (error as { type?: unknown }).type === 'string';
  return typeof error === 'string' && body?.status === 503 && Object.keys(body).length === 2;
}

/**
 * True for a connection error raised before the request could reach the server whole (safe to repeat): no connection
 * (refused, unresolvable, unreachable), or a write the socket refused (`write ECONNRESET` / `write EPIPE`: a kept-alive
 * socket the server or a load balancer closed while the client was idle or frozen, as a Lambda is between calls). A
 * server acts on a request only once it has read all of it, and the last bytes are in the write that failed. A
 * connection lost while waiting for the answer (`read ECONNRESET`, `socket hang up`) is not one: that request may
 * have been applied.
 */
export function isConnectFailure(message: string): boolean {
  return /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)\b|\bwrite (?:ECONNRESET|EPIPE)\b/.test(message);
}

function statusOf(error: unknown): number | undefined {
  if (!(error instanceof errors.ResponseError)) return undefined;
  const status = error.meta?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * True for a write refused with 409 CONFLICT: a concurrent write changed the same document first and
 * nothing of this one was applied (the security plugin's optimistic concurrency), so it may be repeated.
 */
export function isConflictRetryable(error: unknown): boolean {
  return statusOf(error) === 409;
}

/** Whether `error` (of an attempt of `request`) should be retried by the policy. */
export function retryDecision(error: unknown, request: RetryRequest, options: Pick<RetryOptions, 'retryUnsafeWrites'> = {}): RetryDecision {
  const safe = opt(options, 'retryUnsafeWrites') === true || isIdempotentRequest(request.method, request.path, opt(request, 'querystring'));
  const status = statusOf(error);
  const retryAfterMs = error !== null && typeof error === 'object' ? field(error, 'retryAfterMs') : undefined;
  const after = typeof retryAfterMs === 'number' ? { retryAfterMs } : {};
  if (status !== undefined) {
    // 429 and OpenSearch's own 503 mean the request was not processed; 502/504 and another 503 come from a
    // gateway whose upstream may have applied it. AWS also throttles with 400 (ThrottlingException, a ThrottledError): not processed either
    if (status === 429 || (error !== null && typeof error === 'object' && field(error, 'kind') === 'throttled')) return { retry: true, reason: 'throttled', ...after };
    if (status === 503 && isOwn503(error)) return { retry: true, reason: 'unavailable', ...after };
    // the plugin's own "not initialised" 500s (2.x privileges evaluator, the impersonation check) refuse before any processing
    if (status === 500 && isFgacError(error) && field(error, 'securityNotInitialized') === true) return { retry: true, reason: 'unavailable', ...after };
    if (status === 502 || status === 503 || status === 504) return safe ? { retry: true, reason: 'unavailable', ...after } : { retry: false, reason: 'unsafe_write' };
    return { retry: false, reason: 'not_retryable' };
  }
  if (isFgacError(error)) return { retry: false, reason: 'not_retryable' };
  if (error instanceof errors.TimeoutError) return safe ? { retry: true, reason: 'timeout' } : { retry: false, reason: 'unsafe_write' };
  if (error instanceof errors.ConnectionError) {
    const message = String(error.message ?? '');
    if (isTlsFailureMessage(message)) return { retry: false, reason: 'tls_failure' };
    if (isOversizedBodyMessage(message)) return { retry: false, reason: 'not_retryable' };
    if (isConnectFailure(message)) return { retry: true, reason: 'connect_failed' };
    return safe ? { retry: true, reason: 'connection_lost' } : { retry: false, reason: 'unsafe_write' };
  }
  return { retry: false, reason: 'not_retryable' };
}

