/**
 * The base classes of every error of this package: FgacResponseError (a refused response; extends
 * opensearch-js `errors.ResponseError`), ConfigError and CredentialsError, plus the mark that makes
 * `isFgacError` work across ESM/CJS copies and the request coordinates every response error carries.
 */
import { inspect, type InspectOptions } from 'node:util';
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { jsonSafe, safeJsonText } from './json-safe.js';
import { redactExcerpt, redactText } from './redact.js';
import { redactApiResponse, redactValue } from './redact-value.js';
import type { SecretSet } from './secrets.js';
import { opt } from './own.js';
import { rec } from './body.js';

/** Marks every error class of this package, across ESM/CJS copies of the module. */
const FGAC_ERROR = Symbol.for('opensearch-fgac.error');

/** Discriminant of the response error classes (the kind table in kinds.ts has one entry per kind). */
export type FgacResponseErrorKind =
  | 'unauthorized'
  | 'security_exception'
  | 'access_policy_denied'
  | 'expired_credentials'
  | 'signature_mismatch'
  | 'forbidden'
  | 'throttled'
  | 'index_not_found'
  | 'security_api'
  | 'unavailable';

/** Discriminant of every error class of this package. */
export type FgacErrorKind = FgacResponseErrorKind | 'config' | 'credentials';

/** Request coordinates used when the error's meta does not carry them, and the secrets to redact by value. */
export interface ResponseErrorContext {
  method?: string;
  path?: string;
  /** Secrets of the client that sent the request: removed by value from everything the error holds. */
  secrets?: SecretSet;
}

/** The request a message describes, and the status it got. */
export interface RequestCoordinates {
  method: string;
  path: string;
  statusCode: number | null;
}

/** An FGAC user as the security plugin prints it in a denial. */
export interface FgacUser {
  name: string;
  backendRoles: string[];
}

const REQUEST_ID_HEADERS = ['x-amzn-requestid', 'x-amz-request-id', 'x-request-id', 'x-opaque-id'];

/** Longest human message of a response error (the parsed fields keep the full texts). */
export const MAX_MESSAGE_LENGTH = 1000;

/** A human error message: redacted (by key, and by value when `secrets` is given), then capped at MAX_MESSAGE_LENGTH characters. */
export function humanMessage(text: string, secrets?: SecretSet): string {
  return redactExcerpt(text, MAX_MESSAGE_LENGTH, secrets);
}

/** Items joined by `, ` (the lists in error messages). */
export function list(items: readonly string[]): string {
  return items.join(', ');
}

/** Marks `error` as an error of this package (what isFgacError checks). */
export function markFgacError(error: object): void {
  Object.defineProperty(error, FGAC_ERROR, { value: true });
}

/** True for any error class of this package (works across ESM/CJS copies). */
export function isFgacErrorObject(e: unknown): e is FgacResponseError | ConfigError | CredentialsError {
  if (typeof e !== 'object' || e === null) return false;
  try {
    return (e as Record<symbol, unknown>)[FGAC_ERROR] === true;
  } catch {
    return false;
  }
}

/** The request id of a response: x-amzn-requestid, x-amz-request-id, x-request-id or x-opaque-id. */
export function requestIdFromHeaders(headers: unknown): string | undefined {
  const h = rec(headers);
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
    const params = rec(rec(rec(rec(meta)?.meta)?.request)?.params);
    if (method === undefined && typeof params?.method === 'string') method = params.method;
    if (path === undefined && typeof params?.path === 'string') path = params.path;
  } catch {
    // hostile meta: use what we have
  }
  const cleanPath = (path ?? '').split('?')[0] ?? '';
  return { method: (method ?? '').toUpperCase(), path: redactText(cleanPath, opt(ctx, 'secrets')) };
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

  /** `describe` turns the (redacted) request coordinates into the human message. */
  protected constructor(meta: ApiResponse, describe: (request: RequestCoordinates) => string, name: string, ctx: ResponseErrorContext = {}) {
    const safe = redactApiResponse(meta, opt(ctx, 'secrets'));
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
    this.message = humanMessage(describe({ method, path, statusCode: safe.statusCode ?? null }), opt(ctx, 'secrets'));
    // Re-capture so the stack header carries the redacted human message and starts at the caller.
    Error.captureStackTrace(this, new.target);
    markFgacError(this);
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
  [inspect.custom](_depth: number, options: InspectOptions): string {
    const { name: _name, message: _message, ...rest } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`} ${inspect(rest, { ...options, depth: 4 })}`;
  }
}

/**
 * Everything between `scheme://` and the LAST `@` of a token: a URL that failed to parse may hold a
 * password with `/`, `?`, `#` or `@` in it, which the precise user-info pattern stops at.
 */
const LOOSE_USERINFO = /\b([a-z][a-z0-9+.-]{0,20}:\/\/)[^\s"'`]*@/gi;

function redactConfigText(text: string): string {
  return redactText(text.replace(LOOSE_USERINFO, (_m, scheme: string) => `${scheme}[REDACTED]@`));
}

/**
 * A ConfigError message without secrets. The `option: ` prefix the SDK writes is redacted apart
 * from the rest: `OPENSEARCH_PASSWORD: is not set` has the shape of a `name: value` line, and
 * redacting it whole would leave `OPENSEARCH_PASSWORD: [REDACTED]`, which says nothing.
 */
function configMessage(option: string, message: string): string {
  const prefix = `${option}: `;
  if (option === '') return redactConfigText(message);
  // a message that does not name its option gets it in front: the option named is the one a user must change
  if (!message.startsWith(prefix)) return message.includes(option) ? redactConfigText(message) : `${redactConfigText(option)}: ${redactConfigText(message)}`;
  return `${redactConfigText(option)}: ${redactConfigText(message.slice(prefix.length))}`;
}

/** A client option is missing, malformed or contradicts another one. */
export class ConfigError extends Error {
  readonly kind = 'config' as const;
  /** The offending option, e.g. `auth.region` or `retry.retries`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(configMessage(String(option), String(message)));
    this.name = 'ConfigError';
    this.option = option;
    markFgacError(this);
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
    markFgacError(this);
  }

  /** A compact JSON form for logs (the cause reduced to its redacted name and message). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, source: this.source, message: this.message, cause: redactValue(this.cause) };
  }
}
