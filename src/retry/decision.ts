/** The one retry decision of the SDK: which failures may be repeated, and why (not). */
import { errors } from '@opensearch-project/opensearch';
import { isFgacError, isTlsFailureMessage } from '../errors/classes.js';
import { isOversizedBodyMessage } from '../errors/guards.js';
import type { RetryOptions, RetryReason } from './options.js';

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
}

const READ_ONLY_POST = new Set([
  '_count', '_msearch', '_mget', '_field_caps', '_validate', '_explain', '_termvectors', '_mtermvectors',
  '_analyze', '_rank_eval', '_render', '_search_shards',
]);

function segmentsOf(path: string): string[] {
  return ((path.split('?')[0] ?? '').split('/') ?? []).filter((s) => s !== '');
}

/**
 * True when sending the request twice has the effect of sending it once: GET/HEAD/OPTIONS, DELETE,
 * PUT except `_bulk`, and POST to read-only endpoints (_search except scroll/point_in_time, _count,
 * _msearch, _mget, _field_caps, _validate, _explain, _termvectors, _mtermvectors, _analyze, _rank_eval,
 * _render, _search_shards). POST _bulk, _doc, _update, *_by_query, PATCH and everything else are not.
 */
export function isIdempotentRequest(method: string, path: string): boolean {
  const m = (method ?? '').toUpperCase();
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return true;
  const segments = segmentsOf(path ?? '');
  if (m === 'DELETE') return true;
  if (m === 'PUT') return !segments.includes('_bulk');
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

/** True for a connection error raised before any byte of the request could be sent (safe to repeat). */
export function isConnectFailure(message: string): boolean {
  return /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)\b/.test(message);
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
  const safe = options.retryUnsafeWrites === true || isIdempotentRequest(request.method, request.path);
  const status = statusOf(error);
  const retryAfterMs = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  const after = typeof retryAfterMs === 'number' ? { retryAfterMs } : {};
  if (status !== undefined) {
    // 429 and 503 mean the request was not processed; 502/504 come from a gateway whose upstream may have applied it.
    // AWS also throttles with 400 (ThrottlingException, a ThrottledError): not processed either
    if (status === 429 || (error as { kind?: unknown }).kind === 'throttled') return { retry: true, reason: 'throttled', ...after };
    if (status === 503) return { retry: true, reason: 'unavailable', ...after };
    if (status === 502 || status === 504) return safe ? { retry: true, reason: 'unavailable', ...after } : { retry: false, reason: 'unsafe_write' };
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

