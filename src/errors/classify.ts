/**
 * The one classifier: status + headers + body (JSON or text) of a refused request -> which typed
 * error it is and its parsed fields. Covers the shapes of fgac-reference.md §2 (security plugin,
 * Amazon OpenSearch Service edge, OpenSearch Serverless, security REST API). Never throws.
 */
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import {
  AccessPolicyDeniedError,
  ExpiredCredentialsError,
  IndexNotFoundError,
  SecurityApiError,
  SecurityExceptionError,
  ServiceUnavailableError,
  SignatureMismatchError,
  ThrottledError,
  UnauthorizedError,
  humanMessage,
  isFgacError,
  requestIdFromHeaders,
  type AccessPolicyDeniedDetails,
  type ExpiredCredentialsDetails,
  type FgacResponseErrorKind,
  type IndexNotFoundDetails,
  type SecurityApiDetails,
  type SecurityExceptionDetails,
  type SecurityResourceState,
  type ServiceUnavailableDetails,
  type SignatureMismatchDetails,
  type SignatureProblem,
  type ThrottledDetails,
  type ThrottleSource,
  type UnauthorizedDetails,
} from './classes.js';
import { jsonSafeOwn, safeJsonText } from './json-safe.js';
import { redactApiResponse, redactExcerpt, redactText, redactValue, setOwn } from './redact.js';

/** What the classifier looks at. `body` as opensearch-js gives it: parsed JSON, a string, or anything else. */
export interface ResponseShape {
  statusCode: number | null | undefined;
  headers?: Record<string, unknown> | null;
  body?: unknown;
  method?: string;
  path?: string;
}

/** Parsed fields per kind. */
export interface DetailsByKind {
  unauthorized: UnauthorizedDetails;
  security_exception: SecurityExceptionDetails;
  access_policy_denied: AccessPolicyDeniedDetails;
  expired_credentials: ExpiredCredentialsDetails;
  signature_mismatch: SignatureMismatchDetails;
  throttled: ThrottledDetails;
  index_not_found: IndexNotFoundDetails;
  security_api: SecurityApiDetails;
  unavailable: ServiceUnavailableDetails;
}

/** A kind with its parsed details, or `unclassified` (the plain ResponseError stays). */
export type Verdict =
  | { [K in FgacResponseErrorKind]: { kind: K; details: DetailsByKind[K] } }[FgacResponseErrorKind]
  | { kind: 'unclassified'; details: null };

/** The classifier's verdict plus the request coordinates and a human (redacted) message. */
export type Classification = Verdict & {
  statusCode: number;
  method: string;
  path: string;
  requestId: string | undefined;
  message: string;
};

/** Only this much of a text body is searched by the kind predicates (bodies can be huge). */
const MAX_TEXT = 64 * 1024;
/** JSON text bodies up to this size are parsed when opensearch-js left them as a string. */
const MAX_JSON_PARSE = 1024 * 1024;

function rec(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function header(headers: Record<string, unknown> | null | undefined, name: string): string | undefined {
  if (headers === null || headers === undefined || typeof headers !== 'object') return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== name) continue;
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** Retry-After (delta seconds or HTTP date) -> milliseconds from `now`; undefined when absent or malformed. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || text.length > 100) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
  }
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The body as JSON (when it is or parses as an object) and as text: `text` whole (anything shown
 * to a user is cut from it only after redaction), `head` its first MAX_TEXT characters for the
 * kind predicates.
 */
interface BodyView {
  json: Record<string, unknown> | undefined;
  text: string;
  head: string;
}

function view(json: Record<string, unknown> | undefined, text: string): BodyView {
  return { json, text, head: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text };
}

function normalizeBody(body: unknown): BodyView {
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

/** `error.type` / `error.root_cause[0].type` and their reasons, from an OpenSearch error body. */
function openSearchError(json: Record<string, unknown> | undefined): { type?: string; reason?: string; error?: Record<string, unknown> } {
  const error = rec(json?.error);
  if (error === undefined) return {};
  const rootCause = Array.isArray(error.root_cause) ? rec(error.root_cause[0]) : undefined;
  return {
    type: str(error.type) ?? str(rootCause?.type),
    reason: str(error.reason) ?? str(rootCause?.reason),
    error,
  };
}

// ---------------------------------------------------------------- security plugin reason text

/** Splits `a, b, c` (the Java list format) into items. */
function splitList(inner: string): string[] {
  return inner
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reads the `[...]` starting at `open` (the index of `[`), honouring nesting; returns inner text and end. */
function bracketed(text: string, open: number): { inner: string; end: number } | undefined {
  if (text[open] !== '[') return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return { inner: text.slice(open + 1, i), end: i };
    }
  }
  return undefined;
}

/** Parses `User [name=X, backend_roles=[..], requestedTenant=T]` (and the older `roles=[..]`). */
function parseUser(text: string): { user: { name: string; backendRoles: string[] }; requestedTenant: string | null } | undefined {
  const start = text.indexOf('User [name=');
  if (start < 0) return undefined;
  const body = text.slice(start + 'User [name='.length);
  const marker = /, (backend_roles|roles)=\[/.exec(body);
  let name: string;
  let backendRoles: string[] = [];
  let rest = '';
  if (marker !== null) {
    name = body.slice(0, marker.index);
    const open = marker.index + marker[0].length - 1;
    const roles = bracketed(body, open);
    if (roles !== undefined) {
      backendRoles = splitList(roles.inner);
      rest = body.slice(roles.end + 1);
    }
  } else {
    const stop = body.search(/, requestedTenant=|\]/);
    name = stop < 0 ? body : body.slice(0, stop);
    rest = stop < 0 ? '' : body.slice(stop);
  }
  const tenantMatch = /requestedTenant=([^,\]]*)/.exec(rest);
  const tenantRaw = tenantMatch?.[1]?.trim();
  const requestedTenant = tenantRaw === undefined || tenantRaw === '' || tenantRaw === 'null' ? null : tenantRaw;
  name = name.trim();
  if (name === '') return undefined;
  return { user: { name, backendRoles }, requestedTenant };
}

const ALL_INDICES_ENDPOINTS = new Set([
  '_search', '_count', '_field_caps', '_validate', '_refresh', '_flush', '_stats', '_mapping', '_settings',
  '_segments', '_recovery', '_forcemerge', '_cache', '_search_shards', '_delete_by_query', '_update_by_query',
]);

function pathSegments(path: string): string[] {
  const clean = (path.split('?')[0] ?? '').split('#')[0] ?? '';
  return clean
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** The indices an index-level request targets, from its path: `/a,b/_search` -> [a, b], `/_search` -> [*]. */
export function indicesFromPath(path: string | undefined, actions: readonly string[]): string[] | null {
  if (path === undefined || path === '' || actions.length === 0 || !actions.every((a) => a.startsWith('indices:'))) return null;
  const segments = pathSegments(path);
  const first = segments[0];
  if (first === undefined) return null;
  if (!first.startsWith('_')) return splitList(first);
  return ALL_INDICES_ENDPOINTS.has(first) ? ['*'] : null;
}

/** Parses a security plugin denial reason (`no permissions for [..] and User [..]` / `... and associated roles [..]`). */
export function parseSecurityReason(reason: string, path?: string): SecurityExceptionDetails {
  const details: SecurityExceptionDetails = { actions: [], user: null, requestedTenant: null, roles: null, indices: null, reason };
  const at = reason.indexOf('no permissions for [');
  if (at >= 0) {
    const actions = bracketed(reason, at + 'no permissions for '.length);
    if (actions !== undefined) {
      details.actions = splitList(actions.inner);
      const tail = reason.slice(actions.end + 1);
      const injected = tail.indexOf('associated roles [');
      if (injected >= 0 && !tail.includes('User [name=')) {
        const roles = bracketed(tail, injected + 'associated roles '.length);
        details.roles = roles === undefined ? [] : splitList(roles.inner);
      }
    }
  }
  const user = parseUser(reason);
  if (user !== undefined) {
    details.user = user.user;
    details.requestedTenant = user.requestedTenant;
  }
  details.indices = indicesFromPath(path, details.actions);
  return details;
}

// ---------------------------------------------------------------- AWS shapes

const ACCESS_POLICY = /User: (\S+) is not authorized to perform: ([A-Za-z0-9:*_-]+)(?: on resource: (\S+))?/;

function awsMessageOf(json: Record<string, unknown> | undefined, text: string): string {
  return str(json?.Message) ?? str(json?.message) ?? str(rec(json?.error)?.reason) ?? text;
}

function parseAccessPolicy(message: string): AccessPolicyDeniedDetails | undefined {
  const m = ACCESS_POLICY.exec(message);
  if (m === null || m[1] === undefined || m[2] === undefined) return undefined;
  return {
    principal: m[1],
    action: m[2],
    resource: m[3]?.replace(/[."',;]+$/, ''),
    explicitDeny: /with an explicit deny/i.test(message),
    noAllowingPolicy: /because no (?:resource-based|identity-based)? ?polic(?:y|ies) allows?/i.test(message),
    awsMessage: redactExcerpt(message, 2000),
  };
}

function parseExpired(message: string): ExpiredCredentialsDetails | undefined {
  if (/security token included in the request is expired|\bExpiredToken(?:Exception)?\b|token has expired/i.test(message)) {
    return { reason: 'expired', awsMessage: redactExcerpt(message, 2000) };
  }
  if (/security token included in the request is invalid|\bInvalidClientTokenId\b|\bUnrecognizedClientException\b|\bInvalidToken\b/i.test(message)) {
    return { reason: 'invalid', awsMessage: redactExcerpt(message, 2000) };
  }
  return undefined;
}

function quotedBlock(message: string, heading: string): string | undefined {
  const at = message.indexOf(heading);
  if (at < 0) return undefined;
  const open = message.indexOf("'", at + heading.length);
  if (open < 0) return undefined;
  const close = message.indexOf("'\n", open + 1);
  const end = close >= 0 ? close : message.lastIndexOf("'");
  if (end <= open) return undefined;
  return message.slice(open + 1, end);
}

function parseSignature(message: string): SignatureMismatchDetails | undefined {
  let problem: SignatureProblem | undefined;
  if (/signature we calculated does not match|Code=InvalidSignature|\bInvalidSignatureException\b|\bSignatureDoesNotMatch\b/i.test(message)) {
    problem = 'mismatch';
  } else if (/Signature expired:|Signature not yet current:|\bRequestTimeTooSkewed\b/i.test(message)) {
    problem = 'clock_skew';
  } else if (/Credential should be scoped|Date in Credential scope/i.test(message)) {
    problem = 'credential_scope';
  } else if (/Authorization header requires|Credential is malformed|\bIncompleteSignature(?:Exception)?\b|Invalid key=value pair/i.test(message)) {
    problem = 'malformed';
  }
  if (problem === undefined) return undefined;
  return {
    problem,
    canonicalRequest: quotedBlock(message, 'The Canonical String for this request should have been'),
    stringToSign: quotedBlock(message, 'The String-to-Sign should have been'),
    awsMessage: redactExcerpt(message, 4000),
  };
}

// ---------------------------------------------------------------- security REST API

function keysOf(value: unknown): string[] {
  const keys = str(rec(value)?.keys);
  return keys === undefined ? [] : splitList(keys);
}

function parseSecurityApi(json: Record<string, unknown>): SecurityApiDetails | undefined {
  const apiStatus = str(json.status);
  const reason = str(json.message) ?? str(json.reason);
  if (apiStatus === undefined || reason === undefined || 'error' in json) return undefined;
  const wrongDatatypes: Record<string, string> = {};
  for (const [k, v] of Object.entries(json)) {
    if (typeof v === 'string' && / expected$/.test(v) && k !== 'reason' && k !== 'message') setOwn(wrongDatatypes, k, v);
  }
  let resourceState: SecurityResourceState | undefined;
  let resourceName: string | undefined;
  const resource = /(?:Resource|^[\w ]+?) '([^']*)' (is reserved|is static|is not available|not found)\.?/i.exec(reason);
  if (resource !== null) {
    resourceName = resource[1];
    const state = (resource[2] ?? '').toLowerCase();
    resourceState = state === 'is reserved' ? 'reserved' : state === 'is static' ? 'static' : state === 'is not available' ? 'hidden' : 'not-found';
  }
  const admin = /User (\S+) with Security roles \[([^\]]*)\]/.exec(reason);
  return {
    apiStatus,
    reason,
    invalidKeys: keysOf(json.invalid_keys),
    missingKeys: keysOf(json.missing_mandatory_keys),
    wrongDatatypes,
    resourceState,
    resourceName,
    user: admin?.[1],
    securityRoles: admin?.[2] === undefined ? undefined : splitList(admin[2]),
  };
}

// ---------------------------------------------------------------- the classifier

function throttleSource(text: string): ThrottleSource {
  if (/rejected_execution|rejected execution/i.test(text)) return 'rejected_execution';
  if (/circuit_breaking_exception|Data too large/i.test(text)) return 'circuit_breaker';
  if (/Too many requests|Throttl|Rate exceeded|SlowDown/i.test(text)) return 'aws';
  return 'unknown';
}

/** A short excerpt of server text for a message: redacted first, then cut to 300 characters. */
function shortText(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return redactExcerpt(t, 300);
}

function decide(input: ResponseShape, statusCode: number): Verdict {
  const { json, text, head } = normalizeBody(input.body);
  const path = typeof input.path === 'string' ? input.path : undefined;
  const retryAfterMs = parseRetryAfter(header(input.headers, 'retry-after'));
  const os = openSearchError(json);

  if (statusCode === 429) {
    const reason = os.reason ?? awsMessageOf(json, text);
    return { kind: 'throttled', details: { retryAfterMs, source: throttleSource(head), reason: shortText(reason) ?? '' } };
  }
  if (statusCode === 502 || statusCode === 503 || statusCode === 504) {
    return {
      kind: 'unavailable',
      details: {
        securityNotInitialized: /Security not initiali[sz]ed/i.test(head),
        retryAfterMs,
        bodyText: shortText(os.reason ?? awsMessageOf(json, text)),
      },
    };
  }
  if ((statusCode === 401 || statusCode === 403) && os.type === 'security_exception') {
    return { kind: 'security_exception', details: parseSecurityReason(os.reason ?? '', path) };
  }
  if (statusCode === 404 && os.type === 'index_not_found_exception') {
    const reason = os.reason ?? '';
    const index = str(os.error?.index) ?? str(os.error?.['resource.id']) ?? /no such index \[([^\]]*)\]/.exec(reason)?.[1] ?? '';
    return { kind: 'index_not_found', details: { index, reason } };
  }
  if (statusCode === 400 || statusCode === 401 || statusCode === 403) {
    const message = awsMessageOf(json, text);
    if (statusCode === 403) {
      const policy = parseAccessPolicy(message);
      if (policy !== undefined) return { kind: 'access_policy_denied', details: policy };
    }
    if (json === undefined || !('status' in json) || 'Message' in json || json.status === statusCode) {
      const expired = parseExpired(message);
      if (expired !== undefined) return { kind: 'expired_credentials', details: expired };
      const signature = parseSignature(message);
      if (signature !== undefined) return { kind: 'signature_mismatch', details: signature };
    }
  }
  if ((statusCode === 401 || statusCode === 403) && json === undefined && head.includes('no permissions for [')) {
    return { kind: 'security_exception', details: parseSecurityReason(text, path) };
  }
  if (statusCode === 401) {
    const challenge = header(input.headers, 'www-authenticate');
    const bodyText = shortText(text);
    let reason: UnauthorizedDetails['reason'] = 'unknown';
    if (/Authentication finally failed/i.test(head)) reason = 'authentication_failed';
    else if (/^\s*Bearer\b/i.test(challenge ?? '')) reason = 'bearer_rejected';
    else if (/^\s*Basic\b/i.test(challenge ?? '') || /^Unauthorized$/i.test(text.trim())) reason = 'bad_credentials';
    return { kind: 'unauthorized', details: { reason, challenge: challenge === undefined ? undefined : redactText(challenge), bodyText } };
  }
  if (json !== undefined) {
    const api = parseSecurityApi(json);
    if (api !== undefined) return { kind: 'security_api', details: api };
  }
  return { kind: 'unclassified', details: null };
}

function describe(verdict: Verdict, statusCode: number, method: string, path: string, text: string): string {
  switch (verdict.kind) {
    case 'unauthorized':
      return UnauthorizedError.describe(verdict.details);
    case 'security_exception':
      return SecurityExceptionError.describe(verdict.details);
    case 'access_policy_denied':
      return AccessPolicyDeniedError.describe(verdict.details);
    case 'expired_credentials':
      return ExpiredCredentialsError.describe(verdict.details);
    case 'signature_mismatch':
      return SignatureMismatchError.describe(verdict.details);
    case 'throttled':
      return ThrottledError.describe(verdict.details);
    case 'index_not_found':
      return IndexNotFoundError.describe(verdict.details);
    case 'security_api':
      return SecurityApiError.describe(verdict.details, { method, path });
    case 'unavailable':
      return ServiceUnavailableError.describe(verdict.details, statusCode);
    default: {
      const detail = shortText(text);
      return `${method} ${path} failed with status ${statusCode}${detail ? `: ${detail}` : ''}`;
    }
  }
}

/**
 * A copy of parsed details with every string (keys too) redacted. Details are parsed from server
 * text that may echo the request (AWS puts the canonical request, session token included, in its
 * signature errors), and classifyResponse is public: what it returns must be as clean as an error.
 */
function redactDetails<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDetails(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, redactText(key), redactDetails(item, depth + 1));
  return out as T;
}

/** Classifies a refused response. Never throws: anything unexpected yields `unclassified`. */
export function classifyResponse(input: ResponseShape): Classification {
  let statusCode = 0;
  let method = '';
  let path = '';
  let requestId: string | undefined;
  try {
    statusCode = typeof input?.statusCode === 'number' && Number.isFinite(input.statusCode) ? input.statusCode : 0;
    method = typeof input?.method === 'string' ? input.method.toUpperCase() : '';
    path = typeof input?.path === 'string' ? redactExcerpt(input.path.split('?')[0] ?? '', 2000) : '';
    requestId = requestIdFromHeaders(input?.headers);
  } catch {
    // keep the defaults
  }
  try {
    const parsed = decide(input, statusCode);
    const verdict = { kind: parsed.kind, details: redactDetails(parsed.details) } as Verdict;
    const { text } = normalizeBody(input.body);
    return { ...verdict, statusCode, method, path, requestId, message: humanMessage(describe(verdict, statusCode, method, path, text)) };
  } catch {
    return { kind: 'unclassified', details: null, statusCode, method, path, requestId, message: `${method} ${path} failed with status ${statusCode}` };
  }
}

function isApiResponseLike(value: unknown): value is ApiResponse {
  const r = rec(value);
  return r !== undefined && 'meta' in r && 'statusCode' in r;
}

function defineHidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

/**
 * Redacts an opensearch-js error (other than a typed one) in place: its `meta` becomes a redacted
 * copy, its message is redacted, and it gets BigInt-safe renderings (`toJSON`, and for response
 * errors `toString`, which opensearch-js defines as the JSON of the body).
 */
function redactErrorInPlace(err: object, response: boolean): void {
  const holder = err as { meta?: unknown; message?: unknown };
  try {
    const meta = holder.meta;
    if (meta !== undefined && meta !== null) {
      holder.meta = isApiResponseLike(meta) ? redactApiResponse(meta) : redactValue(meta);
    }
  } catch {
    // frozen or hostile: leave it
  }
  try {
    if (typeof holder.message === 'string') holder.message = redactText(holder.message);
  } catch {
    // frozen or hostile: leave it
  }
  try {
    defineHidden(err, 'toJSON', function toJSON(this: object): Record<string, unknown> {
      return jsonSafeOwn(this);
    });
    if (response) {
      defineHidden(err, 'toString', function toString(this: { meta?: { body?: unknown } }): string {
        let body: unknown;
        try {
          body = this.meta?.body;
        } catch {
          body = undefined;
        }
        return safeJsonText(body) ?? 'undefined';
      });
    }
  } catch {
    // non-extensible: leave it
  }
}

/** `err.statusCode` without trusting it: opensearch-js's getter reads `meta.body.status`. */
function statusOf(err: object, meta: ApiResponse): number | undefined {
  if (typeof meta.statusCode === 'number') return meta.statusCode;
  try {
    const status = (err as { statusCode?: unknown }).statusCode;
    return typeof status === 'number' ? status : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the typed error for a classification of `meta`. */
function build(meta: ApiResponse, c: Classification, ctx: { method: string; path: string }): unknown {
  switch (c.kind) {
    case 'unauthorized':
      return new UnauthorizedError(meta, c.details, ctx);
    case 'security_exception':
      return new SecurityExceptionError(meta, c.details, ctx);
    case 'access_policy_denied':
      return new AccessPolicyDeniedError(meta, c.details, ctx);
    case 'expired_credentials':
      return new ExpiredCredentialsError(meta, c.details, ctx);
    case 'signature_mismatch':
      return new SignatureMismatchError(meta, c.details, ctx);
    case 'throttled':
      return new ThrottledError(meta, c.details, ctx);
    case 'index_not_found':
      return new IndexNotFoundError(meta, c.details, ctx);
    case 'security_api':
      return new SecurityApiError(meta, c.details, ctx);
    case 'unavailable':
      return new ServiceUnavailableError(meta, c.details, ctx);
    default:
      return undefined;
  }
}

/**
 * Maps an opensearch-js ResponseError to its typed class (meta kept, redacted). Unclassified
 * ResponseErrors and other opensearch-js errors are returned as the same object with their `meta`
 * and message redacted; anything else is returned unchanged. Never throws.
 */
export function toTypedError(err: unknown): unknown {
  if (err === null || typeof err !== 'object' || isFgacError(err)) return err;
  let response: boolean;
  let client: boolean;
  try {
    response = err instanceof errors.ResponseError || ((err as { name?: unknown }).name === 'ResponseError' && isApiResponseLike((err as { meta?: unknown }).meta));
    client = response || err instanceof errors.OpenSearchClientError;
  } catch {
    return err; // not even its type can be read: not an opensearch-js error we can work on
  }
  if (response) {
    try {
      const meta = (err as { meta: ApiResponse }).meta;
      const params = rec(rec(rec(rec(meta)?.meta)?.request)?.params);
      const method = typeof params?.method === 'string' ? params.method : '';
      const path = typeof params?.path === 'string' ? params.path : '';
      const c = classifyResponse({ statusCode: statusOf(err, meta), headers: meta.headers, body: meta.body, method, path });
      const typed = build(meta, c, { method, path });
      if (typed !== undefined) return typed;
    } catch {
      // Reading the meta threw: the error still leaves here redacted, below.
    }
  }
  if (client) redactErrorInPlace(err, response);
  return err;
}
