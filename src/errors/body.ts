/**
 * What the classifier reads of a refused response, made safe to read: the body as JSON and as
 * text whatever opensearch-js left it as, headers by case-insensitive name, Retry-After, and the
 * three structural shapes a body can have (an OpenSearch error, an AWS endpoint error, other).
 */
import { parseHttpDate } from './http-date.js';
import { safeJsonText } from './json-safe.js';
import { field, hasField } from './own.js';

/** What the classifier looks at. `body` as opensearch-js gives it: parsed JSON, a string, or anything else. */
export interface ResponseShape {
  statusCode: number | null | undefined;
  headers?: Record<string, unknown> | null;
  body?: unknown;
  method?: string;
  path?: string;
}

/** Only this much of a text body is searched by the kind predicates (bodies can be huge). */
const MAX_TEXT = 64 * 1024;
/** JSON text bodies up to this size are parsed when opensearch-js left them as a string. */
const MAX_JSON_PARSE = 1024 * 1024;

/** The value as a plain object, or undefined. */
export function rec(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The HTTP status of an error (`statusCode`, or `meta.statusCode`), if any. */
export function statusOf(err: unknown): number | undefined {
  const e = rec(err);
  const direct = e === undefined ? undefined : field(e, 'statusCode');
  if (typeof direct === 'number') return direct;
  const metaRecord = e === undefined ? undefined : rec(field(e, 'meta'));
  const meta = metaRecord === undefined ? undefined : field(metaRecord, 'statusCode');
  return typeof meta === 'number' ? meta : undefined;
}

/** The value when it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A header by case-insensitive name (first value of an array; numbers as text). */
export function header(headers: Record<string, unknown> | null | undefined, name: string): string | undefined {
  if (headers === null || headers === undefined || typeof headers !== 'object') return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== name) continue;
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The time a response's own `Date` header states (ms since the epoch); undefined when absent or not an HTTP-date. */
export function responseDate(headers: Record<string, unknown> | null | undefined): number | undefined {
  const value = header(headers, 'date');
  return value === undefined || value.length > 100 ? undefined : parseHttpDate(value.trim());
}

/**
 * A response's Retry-After in milliseconds. An HTTP-date is counted from the response's own `Date` when it has one:
 * the server states both by its clock, which may be minutes off ours.
 */
export function responseRetryAfter(headers: Record<string, unknown> | null | undefined): number | undefined {
  const value = header(headers, 'retry-after');
  return value === undefined ? undefined : parseRetryAfter(value, responseDate(headers) ?? Date.now());
}

/**
 * Retry-After (RFC 9110: delay-seconds, whole digits only, or an HTTP-date, always GMT) -> milliseconds from `now`;
 * undefined when absent or malformed (a fraction such as "1.5" is neither).
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || text.length > 100) return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
  }
  const at = parseHttpDate(text, now);
  return at === undefined ? undefined : Math.max(0, at - now);
}

/**
 * The body as JSON (when it is or parses as an object) and as text: `text` whole (anything shown
 * to a user is cut from it only after redaction), `head` its first MAX_TEXT characters for the
 * kind predicates.
 */
export interface BodyView {
  json: Record<string, unknown> | undefined;
  text: string;
  head: string;
}

function view(json: Record<string, unknown> | undefined, text: string): BodyView {
  return { json, text, head: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text };
}

function fromText(raw: string): BodyView {
  const trimmed = raw.trim();
  let json: Record<string, unknown> | undefined;
  if (trimmed.startsWith('{') && trimmed.length <= MAX_JSON_PARSE) {
    try {
      json = rec(JSON.parse(trimmed));
    } catch {
      json = undefined;
    }
  }
  return view(json, trimmed);
}

/** The body as JSON and text, whatever opensearch-js left it as. Never throws. */
export function normalizeBody(body: unknown): BodyView {
  if (body === null || body === undefined) return view(undefined, '');
  if (typeof body === 'string') return fromText(body);
  if (body instanceof Uint8Array) {
    const slice = body.subarray(0, MAX_JSON_PARSE);
    return fromText(Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('utf8'));
  }
  if (typeof body === 'object') {
    let text = '';
    try {
      text = safeJsonText(body) ?? '';
    } catch {
      text = '';
    }
    return view(rec(body), text);
  }
  return view(undefined, String(body));
}

/** An OpenSearch error body (`{"error": {...} | "text", "status": n}`): its type and reason, from `error` or `root_cause[0]`. */
export interface OpenSearchErrorShape {
  type: string | undefined;
  reason: string | undefined;
  error: Record<string, unknown> | undefined;
}

/** The OpenSearch error of a body, or undefined when the body is not one (no `error` key). */
export function openSearchErrorOf(json: Record<string, unknown> | undefined): OpenSearchErrorShape | undefined {
  if (json === undefined || !hasField(json, 'error')) return undefined;
  const error = rec(json.error);
  if (error === undefined) return { type: undefined, reason: str(json.error), error: undefined };
  const rootCause = Array.isArray(error.root_cause) ? rec(error.root_cause[0]) : undefined;
  return {
    type: str(error.type) ?? str(rootCause?.type),
    reason: str(error.reason) ?? str(rootCause?.reason),
    error,
  };
}

/** Root causes read at most: an answer listing more is not judged a wrapped refusal. */
const MAX_ROOT_CAUSES = 64;

/**
 * The reason of a `security_exception` the error wraps (a search phase failing on its shards because the plugin refused
 * them, e.g. a scroll of another user's context): only when EVERY root cause is one (`root_cause`, or without it the
 * innermost `caused_by`, bounded), so a refusal nested somewhere in another failure does not decide its kind.
 */
export function wrappedSecurityReason(error: Record<string, unknown> | undefined): string | undefined {
  if (error === undefined) return undefined;
  const listed = field(error, 'root_cause');
  let roots: unknown[];
  if (Array.isArray(listed) && listed.length > 0) {
    if (listed.length > MAX_ROOT_CAUSES) return undefined;
    roots = listed;
  } else {
    let cause = rec(field(error, 'caused_by'));
    for (let depth = 0; depth < 8; depth++) {
      const inner = cause === undefined ? undefined : rec(field(cause, 'caused_by'));
      if (inner === undefined) break;
      cause = inner;
    }
    roots = cause === undefined ? [] : [cause];
  }
  const refusals = roots.map(rec).filter((c): c is Record<string, unknown> => c !== undefined && field(c, 'type') === 'security_exception');
  const first = refusals[0];
  return first === undefined || refusals.length !== roots.length ? undefined : (str(field(first, 'reason')) ?? '');
}

/** Failures a by-query answer lists that are read at most: a longer list is not judged a refusal. */
const MAX_FAILURES = 10_000;

/**
 * The reason of the refusal a by-query or reindex answer reports in `failures` instead of `error` (the plugin
 * refused the bulk shard request the reindex module sent with the caller's privileges: a 403 with the counts and one
 * failure per item): only when EVERY failure is a `security_exception` (a bulk item's `cause`, a search failure's
 * `reason`), so a refusal beside another failure does not decide the kind. Types and reasons are the server's; the
 * documents' ids and indices beside them are never read.
 */
export function failuresRefusalReason(json: Record<string, unknown>): string | undefined {
  const failures = field(json, 'failures');
  if (hasField(json, 'error') || !Array.isArray(failures) || failures.length === 0 || failures.length > MAX_FAILURES) return undefined;
  let first: string | undefined;
  for (const entry of failures) {
    const failure = rec(entry);
    const cause = failure === undefined ? undefined : (rec(field(failure, 'cause')) ?? rec(field(failure, 'reason')));
    if (cause === undefined || field(cause, 'type') !== 'security_exception') return undefined;
    first ??= str(field(cause, 'reason')) ?? '';
  }
  return first;
}

/** True when `err` is an answered `status` whose OpenSearch error has `type` and a reason matching `reason` (a refusal read by its own words). */
export function isOpenSearchRefusal(err: unknown, status: number, type: string, reason: RegExp): boolean {
  const meta = rec(rec(err)?.meta);
  if (meta?.statusCode !== status) return false;
  const os = openSearchErrorOf(rec(meta.body));
  return os?.type === type && reason.test(os.reason ?? '');
}

const PAGE_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\b/i;
const PAGE_TAG = /^<(?:!doctype\s+html|html|head|body|title|center|h1)\b/i;

/**
 * True for an HTML page (a load balancer's, a proxy's, a WAF's): served as HTML, or starting with
 * a page tag, after an XML prolog and comments if any (read with indexOf: no backtracking on a hostile page).
 */
export function isHtml(text: string, contentType?: string): boolean {
  if (contentType !== undefined && PAGE_TYPE.test(contentType)) return true;
  let at = text.length - text.trimStart().length;
  if (text.startsWith('<?xml', at)) {
    const end = text.indexOf('?>', at);
    if (end < 0) return false;
    at = end + 2;
  }
  for (;;) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    if (!text.startsWith('<!--', at)) break;
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = end + 3;
  }
  return PAGE_TAG.test(text.slice(at, at + 16));
}
