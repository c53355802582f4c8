/**
 * Typed errors for every way an OpenSearch domain with fine-grained access control refuses a
 * request, plus the SDK's own configuration and credential errors.
 *
 * Response errors extend opensearch-js `errors.ResponseError`, so `instanceof errors.ResponseError`,
 * `.meta.body`, `.meta.statusCode`, `.statusCode`, `.body` and `.headers` keep working. Their `meta`
 * is a redacted copy of the original (no Authorization, session tokens, signatures, passwords).
 */
import { inspect, type InspectOptionsStylized } from 'node:util';
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { jsonSafe, safeJsonText } from './json-safe.js';
import { redactApiResponse, redactExcerpt, redactText, redactValue } from './redact.js';

/** Marks every error class of this package, across ESM/CJS copies of the module. */
const FGAC_ERROR = Symbol.for('opensearch-fgac.error');

/** Discriminant of the response error classes. */
export type FgacResponseErrorKind =
  | 'unauthorized'
  | 'security_exception'
  | 'access_policy_denied'
  | 'expired_credentials'
  | 'signature_mismatch'
  | 'throttled'
  | 'index_not_found'
  | 'security_api'
  | 'unavailable';

/** Discriminant of every error class of this package. */
export type FgacErrorKind = FgacResponseErrorKind | 'config' | 'credentials';

/** Request coordinates used when the error's meta does not carry them. */
export interface ResponseErrorContext {
  method?: string;
  path?: string;
}

/** An FGAC user as the security plugin prints it in a denial. */
export interface FgacUser {
  name: string;
  backendRoles: string[];
}

const REQUEST_ID_HEADERS = ['x-amzn-requestid', 'x-amz-request-id', 'x-request-id', 'x-opaque-id'];

/** Longest human message of a response error (the parsed fields keep the full texts). */
export const MAX_MESSAGE_LENGTH = 1000;

/** A human error message: redacted, then capped at MAX_MESSAGE_LENGTH characters. */
export function humanMessage(text: string): string {
  return redactExcerpt(text, MAX_MESSAGE_LENGTH);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The request id of a response: x-amzn-requestid, x-amz-request-id, x-request-id or x-opaque-id. */
export function requestIdFromHeaders(headers: unknown): string | undefined {
  const h = record(headers);
  if (h === undefined) return undefined;
  try {
    const lower = new Map<string, unknown>();
    for (const [k, v] of Object.entries(h)) lower.set(k.toLowerCase(), v);
    for (const name of REQUEST_ID_HEADERS) {
      const raw = lower.get(name);
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (typeof value === 'string' && value !== '') return value.slice(0, 200);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Method and path of the request an opensearch-js meta belongs to (query string excluded). */
export function requestOf(meta: unknown, ctx: ResponseErrorContext = {}): { method: string; path: string } {
  let method = ctx.method;
  let path = ctx.path;
  try {
    const params = record(record(record(record(meta)?.meta)?.request)?.params);
    if (method === undefined && typeof params?.method === 'string') method = params.method;
    if (path === undefined && typeof params?.path === 'string') path = params.path;
  } catch {
    // hostile meta: use what we have
  }
  const cleanPath = (path ?? '').split('?')[0] ?? '';
  return { method: (method ?? '').toUpperCase(), path: redactText(cleanPath) };
}

/** Base class of every response error: statusCode, method, path, requestId and a `kind` discriminant. */
export abstract class FgacResponseError extends errors.ResponseError {
  /** Discriminant for `switch (e.kind)`. */
  abstract readonly kind: FgacResponseErrorKind;
  /** HTTP method of the refused request (upper case). */
  readonly method: string;
  /** Path of the refused request, without the query string. */
  readonly path: string;
  /** x-amzn-requestid / x-amz-request-id / x-request-id / x-opaque-id of the response, when present. */
  readonly requestId: string | undefined;
  /** Set by runWithRetry on the error it finally throws: how many HTTP attempts were made. */
  attempts: number | undefined;
  /** Set by runWithRetry on the error it finally throws: milliseconds spent including back-off. */
  elapsedMs: number | undefined;

  protected constructor(meta: ApiResponse, message: string, name: string, ctx: ResponseErrorContext = {}) {
    const safe = redactApiResponse(meta);
    // opensearch-js's constructor dereferences body.error.root_cause entries and throws on odd
    // bodies; it only derives the message we replace anyway, so it gets a body-less copy.
    super({ ...safe, body: null } as ApiResponse);
    this.meta = safe;
    this.name = name;
    const { method, path } = requestOf(safe, ctx);
    this.method = method;
    this.path = path;
    this.requestId = requestIdFromHeaders(safe.headers);
    this.attempts = undefined;
    this.elapsedMs = undefined;
    this.message = humanMessage(message);
    // Re-capture so the stack header carries the redacted human message and starts at the caller.
    Error.captureStackTrace(this, new.target);
    Object.defineProperty(this, FGAC_ERROR, { value: true });
  }

  /** Class-specific fields for toJSON and inspect. */
  protected abstract details(): Record<string, unknown>;

  /** A compact, redacted JSON form for logs. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      kind: this.kind,
      message: this.message,
      statusCode: this.statusCode,
      method: this.method,
      path: this.path,
      requestId: this.requestId,
      ...this.details(),
      // jsonSafe: a BigInt in the body (enableLongNumeralSupport) must not make JSON.stringify(err) throw.
      body: jsonSafe(redactValue(this.meta.body)),
    };
    if (this.attempts !== undefined) json.attempts = this.attempts;
    if (this.elapsedMs !== undefined) json.elapsedMs = this.elapsedMs;
    return json;
  }

  /** Like ResponseError.toString (the JSON of the redacted body), but BigInt-safe: String(err) never throws. */
  override toString(): string {
    return safeJsonText(this.meta.body) ?? 'undefined';
  }

  /** util.inspect / console.log output: the stack and the redacted fields, never the raw meta. */
  [inspect.custom](_depth: number, options: InspectOptionsStylized): string {
    const { name: _name, message: _message, ...rest } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`} ${inspect(rest, { ...options, depth: 4 })}`;
  }
}

function list(items: readonly string[]): string {
  return items.join(', ');
}

// ---------------------------------------------------------------- 401

/** Why authentication failed. */
export type UnauthorizedReason = 'bad_credentials' | 'authentication_failed' | 'bearer_rejected' | 'unknown';

/** Fields of an UnauthorizedError. */
export interface UnauthorizedDetails {
  reason: UnauthorizedReason;
  /** The WWW-Authenticate challenge, e.g. `Basic realm="OpenSearch Security"`. */
  challenge: string | undefined;
  /** The (truncated, redacted) plain-text body, e.g. `Unauthorized`. */
  bodyText: string | undefined;
}

/** 401: the request carried no credentials, wrong ones, or a token no authentication domain accepted. */
export class UnauthorizedError extends FgacResponseError {
  readonly kind = 'unauthorized' as const;
  readonly reason: UnauthorizedReason;
  readonly challenge: string | undefined;
  readonly bodyText: string | undefined;

  constructor(meta: ApiResponse, details: UnauthorizedDetails, ctx?: ResponseErrorContext) {
    super(meta, UnauthorizedError.describe(details), 'UnauthorizedError', ctx);
    this.reason = details.reason;
    this.challenge = details.challenge;
    this.bodyText = details.bodyText;
  }

  /** The human message for these details. */
  static describe(d: UnauthorizedDetails): string {
    const challenge = d.challenge === undefined ? '' : ` (WWW-Authenticate: ${d.challenge})`;
    switch (d.reason) {
      case 'bad_credentials':
        return `Authentication failed: the username/password was missing or wrong${challenge}`;
      case 'authentication_failed':
        return `Authentication failed: no authentication domain of the security plugin accepted the request's credentials${challenge}`;
      case 'bearer_rejected':
        return `Authentication failed: the bearer token (JWT) was missing, invalid or expired${challenge}`;
      default:
        return `Authentication failed (401)${d.bodyText ? `: ${d.bodyText}` : ''}${challenge}`;
    }
  }

  protected details(): Record<string, unknown> {
    return { reason: this.reason, challenge: this.challenge, bodyText: this.bodyText };
  }
}

// ---------------------------------------------------------------- 403 security plugin

/** Fields of a SecurityExceptionError. */
export interface SecurityExceptionDetails {
  /** Actions the user lacks, e.g. `indices:data/read/search`. */
  actions: string[];
  /** The user the plugin evaluated; null when the reason names injected roles or is unparsed. */
  user: FgacUser | null;
  /** The tenant the request asked for (`requestedTenant=`), null when none. */
  requestedTenant: string | null;
  /** Injected roles (`associated roles [..]` format); null otherwise. */
  roles: string[] | null;
  /** Indices derived from the request path (`*` for `/_search`); null when unknown. */
  indices: string[] | null;
  /** The plugin's reason text. */
  reason: string;
}

/** 403 (or 401 on named REST routes) from the security plugin: the user lacks a permission. */
export class SecurityExceptionError extends FgacResponseError {
  readonly kind = 'security_exception' as const;
  readonly actions: string[];
  readonly user: FgacUser | null;
  readonly requestedTenant: string | null;
  readonly roles: string[] | null;
  readonly indices: string[] | null;
  readonly reason: string;

  constructor(meta: ApiResponse, details: SecurityExceptionDetails, ctx?: ResponseErrorContext) {
    super(meta, SecurityExceptionError.describe(details), 'SecurityExceptionError', ctx);
    this.actions = [...details.actions];
    this.user = details.user === null ? null : { name: details.user.name, backendRoles: [...details.user.backendRoles] };
    this.requestedTenant = details.requestedTenant;
    this.roles = details.roles === null ? null : [...details.roles];
    this.indices = details.indices === null ? null : [...details.indices];
    this.reason = redactText(details.reason);
  }

  /** The human message for these details. */
  static describe(d: SecurityExceptionDetails): string {
    const what = d.actions.length > 0 ? list(d.actions) : 'a permission this request needs';
    const on = d.indices !== null && d.indices.length > 0 ? ` on [${list(d.indices)}]` : '';
    if (d.user !== null) {
      const roles = d.user.backendRoles.length > 0 ? `backend roles: ${list(d.user.backendRoles)}` : 'no backend roles';
      const tenant = d.requestedTenant !== null ? `, tenant: ${d.requestedTenant}` : '';
      return `User ${d.user.name} (${roles}${tenant}) lacks ${what}${on}`;
    }
    if (d.roles !== null) return `Request with injected roles [${list(d.roles)}] lacks ${what}${on}`;
    return `Security plugin denied the request: ${redactExcerpt(d.reason, 300)}`;
  }

  protected details(): Record<string, unknown> {
    return {
      actions: this.actions,
      user: this.user,
      requestedTenant: this.requestedTenant,
      roles: this.roles,
      indices: this.indices,
      reason: this.reason,
    };
  }
}

// ---------------------------------------------------------------- 403 domain access policy

/** Fields of an AccessPolicyDeniedError. */
export interface AccessPolicyDeniedDetails {
  /** The IAM principal ARN, or `anonymous` for an unsigned request. */
  principal: string;
  /** The `es:` action, e.g. `es:ESHttpGet`. */
  action: string;
  /** The resource ARN when AWS names it. */
  resource: string | undefined;
  /** True when a Deny statement matched (not just no Allow). */
  explicitDeny: boolean;
  /** True when AWS said no resource-based policy allows the action. */
  noAllowingPolicy: boolean;
  /** AWS's own text. */
  awsMessage: string;
}

/** 403 from the domain access policy (IAM resource policy), before the request reached OpenSearch. */
export class AccessPolicyDeniedError extends FgacResponseError {
  readonly kind = 'access_policy_denied' as const;
  readonly principal: string;
  readonly action: string;
  readonly resource: string | undefined;
  readonly explicitDeny: boolean;
  readonly noAllowingPolicy: boolean;
  readonly awsMessage: string;

  constructor(meta: ApiResponse, details: AccessPolicyDeniedDetails, ctx?: ResponseErrorContext) {
    super(meta, AccessPolicyDeniedError.describe(details), 'AccessPolicyDeniedError', ctx);
    this.principal = details.principal;
    this.action = details.action;
    this.resource = details.resource;
    this.explicitDeny = details.explicitDeny;
    this.noAllowingPolicy = details.noAllowingPolicy;
    this.awsMessage = redactText(details.awsMessage);
  }

  /** True when the request was not signed (AWS saw `anonymous`). */
  get anonymous(): boolean {
    return this.principal === 'anonymous';
  }

  /** The human message for these details. */
  static describe(d: AccessPolicyDeniedDetails): string {
    const who = d.principal === 'anonymous' ? 'Unsigned (anonymous) request' : `Request signed for ${d.principal}`;
    const on = d.resource !== undefined ? ` on ${d.resource}` : '';
    const why = d.explicitDeny ? ' (an explicit Deny statement matches)' : d.noAllowingPolicy ? ' (no statement allows it)' : '';
    return `${who} denied by the domain access policy: ${d.action}${on}${why}`;
  }

  protected details(): Record<string, unknown> {
    return {
      principal: this.principal,
      action: this.action,
      resource: this.resource,
      explicitDeny: this.explicitDeny,
      noAllowingPolicy: this.noAllowingPolicy,
      awsMessage: this.awsMessage,
    };
  }
}

// ---------------------------------------------------------------- 403 expired / invalid token

/** Fields of an ExpiredCredentialsError. */
export interface ExpiredCredentialsDetails {
  /** `expired`: the session token expired; `invalid`: unknown key or a token that does not belong to it. */
  reason: 'expired' | 'invalid';
  awsMessage: string;
}

/** 403: AWS rejected the security token of a signed request (expired or invalid). */
export class ExpiredCredentialsError extends FgacResponseError {
  readonly kind = 'expired_credentials' as const;
  readonly reason: 'expired' | 'invalid';
  readonly awsMessage: string;

  constructor(meta: ApiResponse, details: ExpiredCredentialsDetails, ctx?: ResponseErrorContext) {
    super(meta, ExpiredCredentialsError.describe(details), 'ExpiredCredentialsError', ctx);
    this.reason = details.reason;
    this.awsMessage = redactText(details.awsMessage);
  }

  /** The human message for these details. */
  static describe(d: ExpiredCredentialsDetails): string {
    return d.reason === 'expired'
      ? 'The AWS security token of the request is expired: refresh the credentials and sign again'
      : 'The AWS security token of the request is invalid: the access key is unknown or the session token does not belong to it';
  }

  protected details(): Record<string, unknown> {
    return { reason: this.reason, awsMessage: this.awsMessage };
  }
}

// ---------------------------------------------------------------- 403 signature

/** What was wrong with the signature. */
export type SignatureProblem = 'mismatch' | 'clock_skew' | 'credential_scope' | 'malformed';

/** Fields of a SignatureMismatchError. */
export interface SignatureMismatchDetails {
  problem: SignatureProblem;
  /** The canonical request AWS computed, when it returned one (secrets redacted). */
  canonicalRequest: string | undefined;
  /** The string to sign AWS computed, when it returned one. */
  stringToSign: string | undefined;
  awsMessage: string;
}

/** 403: the SigV4 signature did not verify (mismatch, clock skew, wrong scope, malformed header). */
export class SignatureMismatchError extends FgacResponseError {
  readonly kind = 'signature_mismatch' as const;
  readonly problem: SignatureProblem;
  readonly canonicalRequest: string | undefined;
  readonly stringToSign: string | undefined;
  readonly awsMessage: string;

  constructor(meta: ApiResponse, details: SignatureMismatchDetails, ctx?: ResponseErrorContext) {
    super(meta, SignatureMismatchError.describe(details), 'SignatureMismatchError', ctx);
    this.problem = details.problem;
    this.canonicalRequest = details.canonicalRequest === undefined ? undefined : redactText(details.canonicalRequest);
    this.stringToSign = details.stringToSign === undefined ? undefined : redactText(details.stringToSign);
    this.awsMessage = redactText(details.awsMessage);
  }

  /** The human message for these details. */
  static describe(d: SignatureMismatchDetails): string {
    switch (d.problem) {
      case 'clock_skew':
        return `SigV4 signature rejected: the request time is too far from AWS's clock (${d.awsMessage})`;
      case 'credential_scope':
        return `SigV4 signature rejected: wrong credential scope (${d.awsMessage.trim()})`;
      case 'malformed':
        return `SigV4 signature rejected: malformed Authorization (${d.awsMessage.trim()})`;
      default:
        return (
          'SigV4 signature mismatch: AWS computed a different signature (check the secret key, region, service, ' +
          `signed host and body hash${d.canonicalRequest !== undefined ? '; see canonicalRequest for what AWS signed' : ''})`
        );
    }
  }

  protected details(): Record<string, unknown> {
    return {
      problem: this.problem,
      canonicalRequest: this.canonicalRequest,
      stringToSign: this.stringToSign,
      awsMessage: this.awsMessage,
    };
  }
}

// ---------------------------------------------------------------- 429

/** Who throttled. */
export type ThrottleSource = 'aws' | 'rejected_execution' | 'circuit_breaker' | 'unknown';

/** Fields of a ThrottledError. */
export interface ThrottledDetails {
  /** Retry-After in milliseconds (seconds or HTTP date), when the response had one. */
  retryAfterMs: number | undefined;
  source: ThrottleSource;
  /** Short reason from the body, e.g. `Too many requests`. */
  reason: string;
}

/** 429: throttled by AWS, a full thread-pool queue or a circuit breaker. Retryable. */
export class ThrottledError extends FgacResponseError {
  readonly kind = 'throttled' as const;
  readonly retryAfterMs: number | undefined;
  readonly source: ThrottleSource;
  readonly reason: string;

  constructor(meta: ApiResponse, details: ThrottledDetails, ctx?: ResponseErrorContext) {
    super(meta, ThrottledError.describe(details), 'ThrottledError', ctx);
    this.retryAfterMs = details.retryAfterMs;
    this.source = details.source;
    this.reason = redactText(details.reason);
  }

  /** The human message for these details. */
  static describe(d: ThrottledDetails): string {
    const source =
      d.source === 'rejected_execution'
        ? ' by a full OpenSearch thread pool queue'
        : d.source === 'circuit_breaker'
          ? ' by an OpenSearch circuit breaker'
          : d.source === 'aws'
            ? ' by AWS'
            : '';
    const after = d.retryAfterMs !== undefined ? `; retry after ${Math.ceil(d.retryAfterMs / 1000)} s` : '';
    return `Request throttled (429)${source}${d.reason ? `: ${d.reason}` : ''}${after}`;
  }

  protected details(): Record<string, unknown> {
    return { retryAfterMs: this.retryAfterMs, source: this.source, reason: this.reason };
  }
}

// ---------------------------------------------------------------- 404 index

/** Fields of an IndexNotFoundError. */
export interface IndexNotFoundDetails {
  index: string;
  reason: string;
}

/** 404 index_not_found_exception (the user had the privilege; the index does not exist). */
export class IndexNotFoundError extends FgacResponseError {
  readonly kind = 'index_not_found' as const;
  readonly index: string;
  readonly reason: string;

  constructor(meta: ApiResponse, details: IndexNotFoundDetails, ctx?: ResponseErrorContext) {
    super(meta, IndexNotFoundError.describe(details), 'IndexNotFoundError', ctx);
    this.index = details.index;
    this.reason = redactText(details.reason);
  }

  /** The human message for these details. */
  static describe(d: IndexNotFoundDetails): string {
    return d.index !== '' ? `Index [${d.index}] does not exist` : `Index does not exist: ${d.reason}`;
  }

  protected details(): Record<string, unknown> {
    return { index: this.index, reason: this.reason };
  }
}

// ---------------------------------------------------------------- security REST API

/** The state of a security resource that made the API refuse a change. */
export type SecurityResourceState = 'reserved' | 'static' | 'hidden' | 'not-found';

/** Fields of a SecurityApiError. */
export interface SecurityApiDetails {
  /** `status` of the body: a RestStatus name (`NOT_FOUND`, `FORBIDDEN`...) or `error` for validation. */
  apiStatus: string;
  /** `message` or `reason` of the body. */
  reason: string;
  /** `invalid_keys.keys`, split. */
  invalidKeys: string[];
  /** `missing_mandatory_keys.keys`, split. */
  missingKeys: string[];
  /** Fields reported with a wrong datatype: field -> expectation (e.g. `Array expected`). */
  wrongDatatypes: Record<string, string>;
  resourceState: SecurityResourceState | undefined;
  /** The resource named in the message (`Resource 'x' is static.`). */
  resourceName: string | undefined;
  /** For `No permission to access REST API`: the user and their security roles. */
  user: string | undefined;
  securityRoles: string[] | undefined;
}

/** An error of the security plugin's REST API (`_plugins/_security/api`): `{status,message}` or validation shape. */
export class SecurityApiError extends FgacResponseError {
  readonly kind = 'security_api' as const;
  readonly apiStatus: string;
  readonly reason: string;
  readonly invalidKeys: string[];
  readonly missingKeys: string[];
  readonly wrongDatatypes: Record<string, string>;
  readonly resourceState: SecurityResourceState | undefined;
  readonly resourceName: string | undefined;
  readonly user: string | undefined;
  readonly securityRoles: string[] | undefined;

  constructor(meta: ApiResponse, details: SecurityApiDetails, ctx?: ResponseErrorContext) {
    super(meta, SecurityApiError.describe(details, requestOf(meta, ctx)), 'SecurityApiError', ctx);
    this.apiStatus = details.apiStatus;
    this.reason = redactText(details.reason);
    this.invalidKeys = [...details.invalidKeys];
    this.missingKeys = [...details.missingKeys];
    this.wrongDatatypes = { ...details.wrongDatatypes };
    this.resourceState = details.resourceState;
    this.resourceName = details.resourceName;
    this.user = details.user;
    this.securityRoles = details.securityRoles === undefined ? undefined : [...details.securityRoles];
  }

  /** The human message for these details. */
  static describe(d: SecurityApiDetails, request: { method: string; path: string } = { method: '', path: '' }): string {
    const target = `${request.method} ${request.path}`.trim();
    const parts = [`Security API${target ? ` ${target}` : ''} refused (${d.apiStatus}): ${d.reason}`];
    if (d.invalidKeys.length > 0) parts.push(`invalid keys: ${list(d.invalidKeys)}`);
    if (d.missingKeys.length > 0) parts.push(`missing keys: ${list(d.missingKeys)}`);
    const wrong = Object.entries(d.wrongDatatypes);
    if (wrong.length > 0) parts.push(`wrong datatypes: ${wrong.map(([k, v]) => `${k} (${v})`).join(', ')}`);
    return parts.join('; ');
  }

  protected details(): Record<string, unknown> {
    return {
      apiStatus: this.apiStatus,
      reason: this.reason,
      invalidKeys: this.invalidKeys,
      missingKeys: this.missingKeys,
      wrongDatatypes: this.wrongDatatypes,
      resourceState: this.resourceState,
      resourceName: this.resourceName,
      user: this.user,
      securityRoles: this.securityRoles,
    };
  }
}

// ---------------------------------------------------------------- 502 / 503 / 504

/** Fields of a ServiceUnavailableError. */
export interface ServiceUnavailableDetails {
  /** 503 `OpenSearch Security not initialized.`: the security index is not ready yet. */
  securityNotInitialized: boolean;
  retryAfterMs: number | undefined;
  bodyText: string | undefined;
}

/** 502, 503 or 504: the domain or a gateway is (temporarily) unavailable. Retryable. */
export class ServiceUnavailableError extends FgacResponseError {
  readonly kind = 'unavailable' as const;
  readonly securityNotInitialized: boolean;
  readonly retryAfterMs: number | undefined;
  readonly bodyText: string | undefined;

  constructor(meta: ApiResponse, details: ServiceUnavailableDetails, ctx?: ResponseErrorContext) {
    super(meta, ServiceUnavailableError.describe(details, meta?.statusCode ?? null), 'ServiceUnavailableError', ctx);
    this.securityNotInitialized = details.securityNotInitialized;
    this.retryAfterMs = details.retryAfterMs;
    this.bodyText = details.bodyText;
  }

  /** The human message for these details. */
  static describe(d: ServiceUnavailableDetails, statusCode: number | null = 503): string {
    if (d.securityNotInitialized) return 'OpenSearch Security is not initialized yet (503): retry once the security index is ready';
    const label = statusCode === 502 ? 'Bad gateway' : statusCode === 504 ? 'Gateway timeout' : 'Service unavailable';
    return `${label} (${statusCode ?? 503})${d.bodyText ? `: ${d.bodyText}` : ''}`;
  }

  protected details(): Record<string, unknown> {
    return { securityNotInitialized: this.securityNotInitialized, retryAfterMs: this.retryAfterMs, bodyText: this.bodyText };
  }
}

// ---------------------------------------------------------------- non-response errors

/** A client option is missing, malformed or contradicts another one. */
export class ConfigError extends Error {
  readonly kind = 'config' as const;
  /** The offending option, e.g. `auth.region` or `retry.retries`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(redactText(message));
    this.name = 'ConfigError';
    this.option = option;
    Object.defineProperty(this, FGAC_ERROR, { value: true });
  }

  /** A compact JSON form for logs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, option: this.option, message: this.message };
  }
}

/** Credentials could not be obtained (provider failure, Cognito sign-in refused, missing env...). */
export class CredentialsError extends Error {
  readonly kind = 'credentials' as const;
  /** Where the credentials were to come from, e.g. `cognito-idp:InitiateAuth`, `env`, `node-default-chain`. */
  readonly source: string;

  constructor(source: string, message: string, options: { cause?: unknown } = {}) {
    super(redactText(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CredentialsError';
    this.source = source;
    Object.defineProperty(this, FGAC_ERROR, { value: true });
  }

  /** A compact JSON form for logs (the cause reduced to its redacted name and message). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, source: this.source, message: this.message, cause: redactValue(this.cause) };
  }
}

// ---------------------------------------------------------------- guards

/** Every 401/403 error class. */
export type PermissionError =
  | UnauthorizedError
  | SecurityExceptionError
  | AccessPolicyDeniedError
  | ExpiredCredentialsError
  | SignatureMismatchError;

/** Every error class of this package. */
export type FgacError =
  | PermissionError
  | ThrottledError
  | IndexNotFoundError
  | SecurityApiError
  | ServiceUnavailableError
  | ConfigError
  | CredentialsError;

/** True for any error class of this package (works across ESM/CJS copies). */
export function isFgacError(e: unknown): e is FgacError {
  if (typeof e !== 'object' || e === null) return false;
  try {
    return (e as Record<symbol, unknown>)[FGAC_ERROR] === true;
  } catch {
    return false;
  }
}

const PERMISSION_KINDS = new Set<string>(['unauthorized', 'security_exception', 'access_policy_denied', 'expired_credentials', 'signature_mismatch']);

/** True for 401/403 kinds: unauthorized, security_exception, access_policy_denied, expired_credentials, signature_mismatch. */
export function isPermissionError(e: unknown): e is PermissionError {
  return isFgacError(e) && PERMISSION_KINDS.has(e.kind);
}

/** True for a ConnectionError caused by TLS verification (retrying cannot help). */
export function isTlsFailureMessage(message: string): boolean {
  return /certificate|self[- ]signed|CERT_|SSL routines|wrong version number|altnames|unable to (?:verify|get local issuer)/i.test(message);
}

/**
 * True when the same request may succeed if sent again later without changing anything: 429, 502,
 * 503, 504, connection errors (except TLS verification failures) and timeouts. It does not look at
 * the method: runWithRetry additionally refuses to repeat a write that may already have been applied.
 */
export function isRetryable(e: unknown): boolean {
  if (e instanceof ThrottledError || e instanceof ServiceUnavailableError) return true;
  if (isFgacError(e)) return e.kind === 'throttled' || e.kind === 'unavailable';
  if (e instanceof errors.TimeoutError) return true;
  if (e instanceof errors.ConnectionError) return !isTlsFailureMessage(e.message);
  if (e instanceof errors.ResponseError) {
    const status = e.meta?.statusCode;
    return status === 429 || status === 502 || status === 503 || status === 504;
  }
  return false;
}
