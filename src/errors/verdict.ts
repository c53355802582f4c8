/**
 * The classifier: status + headers + body of a refused request -> which typed error it is and its
 * parsed fields. Structure first: the status, then the body's shape (an OpenSearch error and its
 * `error.type`; an AWS endpoint error with a top-level message, `__type` or `x-amzn-ErrorType`; a
 * security REST API refusal; plain text or HTML). Text is only read where the shape says who wrote
 * it, and never inside an OpenSearch error (its reason can quote the user's documents). Never throws.
 */
import { MAX_MESSAGE_LENGTH, requestIdFromHeaders, type FgacResponseErrorKind } from './base.js';
import { failuresRefusalReason, header, isHtml, normalizeBody, openSearchErrorOf, rec, responseRetryAfter, str, wrappedSecurityReason, type BodyView, type OpenSearchErrorShape, type ResponseShape } from './body.js';
import { KINDS, type DetailsByKind } from './kinds.js';
import { awsErrorOf, awsHeaderType, isThrottleType, messageOf, parseAccessPolicy, parseExpired, parseSignature, throttleSource, type AwsErrorShape } from './parse-aws.js';
import { cutDenialReason, parseSecurityReason } from './parse-plugin.js';
import { parseAllowlistRefusal, parsePluginAuthRefusal, parsePluginTextRefusal, type PluginAuthRefusal } from './parse-plugin-refusals.js';
import { parseSecurityApi, parseSecurityApiBindFailure } from './parse-security-api.js';
import type { KnownPrincipal, SecurityExceptionDetails, UnauthorizedDetails } from './permission-errors.js';
import { redactExcerpt, redactText } from './redact.js';
import { redactStrings } from './redact-value.js';
import type { SecretSet } from './secrets.js';
import { isValveRefusal } from './valve-refusals.js';
import { isSecurityNotInitialised } from './not-initialised.js';
import { field, hasField } from './own.js';

export type { ResponseShape } from './body.js';
export type { DetailsByKind } from './kinds.js';

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

/**
 * A short excerpt of server text for a message: redacted first (by the client's secret values too: a
 * secret the cut went through would keep its first characters), then cut to 300 characters.
 */
function shortText(text: string | undefined, secrets: SecretSet | undefined): string | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  return redactExcerpt(t, 300, secrets);
}

const UNCLASSIFIED: Verdict = { kind: 'unclassified', details: null };

function unauthorized(input: ResponseShape, body: BodyView, secrets: SecretSet | undefined): Verdict {
  const challenge = header(input.headers, 'www-authenticate');
  let reason: UnauthorizedDetails['reason'] = 'unknown';
  if (/Authentication finally failed/i.test(body.head)) reason = 'authentication_failed';
  else if (/^\s*Bearer\b/i.test(challenge ?? '')) reason = 'bearer_rejected';
  else if (/^\s*Basic\b/i.test(challenge ?? '') || /^Unauthorized$/i.test(body.text.trim())) reason = 'bad_credentials';
  return { kind: 'unauthorized', details: { reason, challenge: challenge === undefined ? undefined : redactText(challenge), bodyText: shortText(body.text, secrets) } };
}

/**
 * The index an index_not_found reason names (`no such index [x]`), or ''. indexOf, not a regex: a reason of many
 * `no such index [` without a `]` (a hostile server's, one per bulk item) took a regex quadratic time.
 */
function indexInReason(reason: string): string {
  const marker = 'no such index [';
  const at = reason.indexOf(marker);
  if (at < 0) return '';
  const end = reason.indexOf(']', at + marker.length);
  return end < 0 ? '' : reason.slice(at + marker.length, end);
}

/**
 * The reason of a refusal by the security plugin, decided by status and error types: a 401/403 `security_exception`,
 * a 403 wrapping one (root cause or cause), or a 500 that is exactly one of the DLS/FLS valve's refusals.
 */
function pluginRefusal(statusCode: number, os: OpenSearchErrorShape): string | undefined {
  if ((statusCode === 401 || statusCode === 403) && os.type === 'security_exception') return os.reason ?? '';
  if (statusCode === 403) return wrappedSecurityReason(os.error);
  if (statusCode === 500 && isValveRefusal(os.type, os.reason)) return os.reason;
  return undefined;
}

/** The details of a refusal the plugin made before evaluating privileges (`reason`: its whole text). */
function earlyDetails(reason: string, early: PluginAuthRefusal): SecurityExceptionDetails {
  const user = early.user === null ? null : { name: early.user, backendRoles: [] };
  const details: SecurityExceptionDetails = { actions: [], user, requestedTenant: null, roles: null, indices: null, reason, refusal: early.refusal, impersonatedUser: early.impersonatedUser };
  if (early.ambiguous) details.ambiguous = true;
  return details;
}

/**
 * The reason of a 403 the plugin wrote before evaluating privileges (impersonation refused, a reserved header): its
 * SecurityResponse shape (`{"error":{"status":"error","reason":..}}`, no type) and a reason that is a whole template;
 * or the allowlist's `{"error":"<METHOD> <path> API not allowlisted","status":"FORBIDDEN"}`.
 */
function earlyPluginRefusal(json: Record<string, unknown> | undefined, os: OpenSearchErrorShape, known: KnownPrincipal | undefined): SecurityExceptionDetails | undefined {
  if (os.type !== undefined) return undefined;
  if (os.error === undefined) {
    const listed = json === undefined ? undefined : parseAllowlistRefusal(json);
    return listed === undefined ? undefined : earlyDetails(os.reason ?? '', listed);
  }
  if (field(os.error, 'status') !== 'error') return undefined;
  const reason = str(field(os.error, 'reason'));
  const early = reason === undefined ? undefined : parsePluginAuthRefusal(reason, known);
  return reason === undefined || early === undefined ? undefined : earlyDetails(reason, early);
}

/** An OpenSearch error (`{"error": .., "status": n}`): decided by status and `error.type` only. */
function fromOpenSearchError(input: ResponseShape, statusCode: number, body: BodyView, os: OpenSearchErrorShape, known: KnownPrincipal | undefined, secrets: SecretSet | undefined): Verdict {
  const refusal = pluginRefusal(statusCode, os);
  if (refusal !== undefined) return { kind: 'security_exception', details: parseSecurityReason(refusal, str(input.path), known) };
  if (statusCode === 404 && os.type === 'index_not_found_exception') {
    const reason = os.reason ?? '';
    const index = str(os.error?.index) ?? str(os.error?.['resource.id']) ?? indexInReason(reason);
    return { kind: 'index_not_found', details: { index, reason } };
  }
  if (statusCode === 403 && os.type !== undefined && /^(?:Forbidden|AccessDenied(?:Exception)?)$/i.test(os.type)) {
    // OpenSearch Serverless: {"status":403,"request-id":"..","error":{"reason":"403 Forbidden","type":"Forbidden"}}
    const serverless = (body.json !== undefined && hasField(body.json, 'request-id')) || /^403 Forbidden$/i.test(os.reason ?? '');
    return { kind: 'forbidden', details: { origin: serverless ? 'serverless' : 'unknown', bodyText: shortText(os.reason, secrets) } };
  }
  if (statusCode === 401) return unauthorized(input, body, secrets);
  const early = statusCode === 403 ? earlyPluginRefusal(body.json, os, known) : undefined;
  if (early !== undefined) return { kind: 'security_exception', details: early };
  // A 403 naming no error type ({"error":"..."} or {"error":{"reason":...}}): a bare refusal, as
  // the same status with a text or empty body is.
  if (statusCode === 403 && os.type === undefined) return { kind: 'forbidden', details: { origin: 'unknown', bodyText: shortText(os.reason, secrets) } };
  // a 500 of the security REST API binding the entity it was given (by path, status and error type: parse-security-api.ts)
  const bind = parseSecurityApiBindFailure(statusCode, input.path, os.type, os.reason);
  if (bind !== undefined) return { kind: 'security_api', details: bind };
  return UNCLASSIFIED;
}

/** An AWS endpoint error: decided by its error type, then by AWS's own message. */
function fromAwsError(statusCode: number, aws: AwsErrorShape, retryAfterMs: number | undefined, secrets: SecretSet | undefined): Verdict | undefined {
  if (isThrottleType(aws.type)) return { kind: 'throttled', details: { retryAfterMs, source: 'aws', reason: shortText(aws.message, secrets) ?? '' } };
  if (statusCode === 403) {
    const policy = parseAccessPolicy(aws.message);
    if (policy !== undefined) return { kind: 'access_policy_denied', details: policy };
  }
  // A 400's message may quote the request (a document saying "token ... expired", "Signature expired: ..."): there only
  // AWS's error type decides, so document text never makes the client refresh credentials, correct its clock and re-send.
  const byText = statusCode !== 400;
  const expired = parseExpired(aws.message, aws.type, byText);
  if (expired !== undefined) return { kind: 'expired_credentials', details: expired };
  const signature = parseSignature(aws.message, aws.type, byText);
  if (signature !== undefined) return { kind: 'signature_mismatch', details: signature };
  return undefined;
}

function decide(input: ResponseShape, statusCode: number, known: KnownPrincipal | undefined, secrets: SecretSet | undefined): Verdict {
  const body = normalizeBody(input.body);
  const { json, text, head } = body;
  const retryAfterMs = responseRetryAfter(input.headers);
  const os = openSearchErrorOf(json);
  const page = json === undefined && isHtml(text, header(input.headers, 'content-type'));

  if (isSecurityNotInitialised({ statusCode, json, text, os, page })) {
    // a 500 too (2.x's privileges evaluator, the impersonation check): transient, and nothing was processed
    return { kind: 'unavailable', details: { securityNotInitialized: true, retryAfterMs, bodyText: shortText(os?.reason ?? messageOf(json, text), secrets) } };
  }
  if (statusCode === 429) {
    return { kind: 'throttled', details: { retryAfterMs, source: throttleSource(os?.type, head), reason: shortText(os?.reason ?? messageOf(json, text), secrets) ?? '' } };
  }
  if (statusCode === 502 || statusCode === 503 || statusCode === 504) {
    return {
      kind: 'unavailable',
      details: { securityNotInitialized: false, retryAfterMs, bodyText: shortText(os?.reason ?? messageOf(json, text), secrets) },
    };
  }
  if (os !== undefined) return fromOpenSearchError(input, statusCode, body, os, known, secrets);
  const failed = statusCode === 403 && json !== undefined ? failuresRefusalReason(json) : undefined;
  if (failed !== undefined) return { kind: 'security_exception', details: parseSecurityReason(failed, str(input.path), known) };

  const authStatus = statusCode === 400 || statusCode === 401 || statusCode === 403;
  const aws = awsErrorOf(json, input.headers, statusCode);
  if (aws !== undefined && (authStatus || isThrottleType(aws.type))) {
    const verdict = fromAwsError(statusCode, aws, retryAfterMs, secrets);
    if (verdict !== undefined) return verdict;
  }
  // JSON cut short (a body that opens as JSON but does not parse) may quote documents: read for no kind
  const cutJson = json === undefined && /^\s*[{[]/.test(head);
  if (cutJson && (statusCode === 401 || statusCode === 403)) {
    const reason = cutDenialReason(head);
    if (reason !== undefined) return { kind: 'security_exception', details: parseSecurityReason(reason, str(input.path), known) };
  }
  if (json === undefined && (statusCode === 401 || statusCode === 403) && !page && !cutJson) {
    // Plain text (not JSON, not a page) refusing the principal: the plugin or an AWS endpoint wrote it.
    // The plugin's own text first: the principal it names may hold an AWS error word (a role called
    // `x-ExpiredToken-rotator`). (A plain-text 400 may quote the request, so its text is never read for a kind.)
    const plain = statusCode === 403 ? parsePluginTextRefusal(text) : undefined;
    if (plain !== undefined) return { kind: 'security_exception', details: earlyDetails(text, plain) };
    if (head.trimStart().startsWith('no permissions for [')) {
      return { kind: 'security_exception', details: parseSecurityReason(text, str(input.path), known) };
    }
    // the plugin's text only where the plugin writes it, at the start: later it may be a quoted document's
    const verdict = fromAwsError(statusCode, { type: awsHeaderType(input.headers), message: text }, retryAfterMs, secrets);
    if (verdict !== undefined) return verdict;
  }
  if (statusCode === 401) return unauthorized(input, body, secrets);
  if (json !== undefined) {
    const api = parseSecurityApi(json, known);
    if (api !== undefined) return { kind: 'security_api', details: api };
  }
  if (statusCode === 403) {
    const reason = page ? (/<title>([^<]{1,200})<\/title>/i.exec(text)?.[1] ?? '403 Forbidden') : (aws?.message ?? (json === undefined ? text : undefined));
    return { kind: 'forbidden', details: { origin: page ? 'gateway' : 'unknown', bodyText: shortText(reason, secrets) } };
  }
  return UNCLASSIFIED;
}

/** `principal` when it has the shape of one (a public entry point: anything else counts as none). */
function knownPrincipal(principal: unknown): KnownPrincipal | undefined {
  const p = rec(principal);
  if (p === undefined || typeof p.name !== 'string' || p.name === '') return undefined;
  const roles = field(p, 'backendRoles');
  const backendRoles = Array.isArray(roles) && roles.every((r) => typeof r === 'string') ? [...(roles as string[])] : undefined;
  return backendRoles === undefined ? { name: p.name } : { name: p.name, backendRoles };
}

function describe(verdict: Verdict, statusCode: number, method: string, path: string, text: string, secrets: SecretSet | undefined): string {
  if (verdict.kind === 'unclassified') {
    const detail = shortText(text, secrets);
    return `${method} ${path} failed with status ${statusCode}${detail ? `: ${detail}` : ''}`;
  }
  const entry = KINDS[verdict.kind] as { describe(details: unknown, request: { method: string; path: string; statusCode: number }): string };
  return entry.describe(verdict.details, { method, path, statusCode });
}

/**
 * Classifies a refused response (`secrets`: the client's, removed by value too; `principal`: who the client sent the
 * request as, to read a user the server text names ambiguously by; `withMessage` false: `message` is left empty, for a
 * caller that words its own). Never throws: anything unexpected yields `unclassified`.
 */
export function classifyResponse(input: ResponseShape, secrets?: SecretSet, principal?: KnownPrincipal, withMessage = true): Classification {
  let statusCode = 0;
  let method = '';
  let path = '';
  let requestId: string | undefined;
  try {
    statusCode = typeof input?.statusCode === 'number' && Number.isFinite(input.statusCode) ? input.statusCode : 0;
    method = typeof input?.method === 'string' ? input.method.toUpperCase() : '';
    path = typeof input?.path === 'string' ? redactExcerpt(input.path.split('?')[0] ?? '', 2000, secrets) : '';
    requestId = requestIdFromHeaders(input?.headers);
  } catch {
    // keep the defaults
  }
  try {
    const parsed = decide(rec(input) === undefined ? { statusCode } : input, statusCode, knownPrincipal(principal), secrets);
    const verdict = { kind: parsed.kind, details: redactStrings(parsed.details, secrets) } as Verdict;
    if (!withMessage) return { ...verdict, statusCode, method, path, requestId, message: '' };
    const { text } = normalizeBody(input.body);
    return { ...verdict, statusCode, method, path, requestId, message: redactExcerpt(describe(verdict, statusCode, method, path, text, secrets), MAX_MESSAGE_LENGTH, secrets) };
  } catch {
    return { kind: 'unclassified', details: null, statusCode, method, path, requestId, message: `${method} ${path} failed with status ${statusCode}` };
  }
}
