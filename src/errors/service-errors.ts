/**
 * The response errors that are not about permissions: throttling, a missing index, the security
 * REST API's own refusals and an unavailable domain or gateway.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';
import { FgacResponseError, list, type RequestCoordinates, type ResponseErrorContext } from './base.js';
import { redactText } from './redact.js';

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
    super(meta, () => new.target.describe(details), 'ThrottledError', ctx);
    this.retryAfterMs = details.retryAfterMs;
    this.source = details.source;
    this.reason = redactText(details.reason, ctx?.secrets);
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
    super(meta, () => new.target.describe(details), 'IndexNotFoundError', ctx);
    this.index = details.index;
    this.reason = redactText(details.reason, ctx?.secrets);
  }

  /** The human message for these details. */
  static describe(d: IndexNotFoundDetails): string {
    return d.index !== '' ? `Index [${d.index}] does not exist` : `Index does not exist: ${d.reason}`;
  }

  protected details(): Record<string, unknown> {
    return { index: this.index, reason: this.reason };
  }
}

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
  /** The type word of that message: `Resource`, or `user`/`role`/`rolesmapping`/`actiongroup`/`tenant` of `<type> 'x' not found.` (a user or mapping naming a missing role gets `role`). */
  resourceType?: string | undefined;
  /** For a FORBIDDEN whose message starts `No permission to access REST API: User `: the user and their security roles. */
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
  /** The type word of the message naming the resource (see {@link SecurityApiDetails.resourceType}). */
  readonly resourceType: string | undefined;
  readonly user: string | undefined;
  readonly securityRoles: string[] | undefined;

  constructor(meta: ApiResponse, details: SecurityApiDetails, ctx?: ResponseErrorContext) {
    super(meta, (request) => new.target.describe(details, request), 'SecurityApiError', ctx);
    this.apiStatus = details.apiStatus;
    this.reason = redactText(details.reason, ctx?.secrets);
    this.invalidKeys = [...details.invalidKeys];
    this.missingKeys = [...details.missingKeys];
    this.wrongDatatypes = { ...details.wrongDatatypes };
    this.resourceState = details.resourceState;
    this.resourceName = details.resourceName;
    this.resourceType = details.resourceType;
    this.user = details.user;
    this.securityRoles = details.securityRoles === undefined ? undefined : [...details.securityRoles];
  }

  /** The human message for these details. */
  static describe(d: SecurityApiDetails, request: Pick<RequestCoordinates, 'method' | 'path'> = { method: '', path: '' }): string {
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
      resourceType: this.resourceType,
      user: this.user,
      securityRoles: this.securityRoles,
    };
  }
}

/** Fields of a ServiceUnavailableError. */
export interface ServiceUnavailableDetails {
  /** The security plugin says it is not initialised yet (503 `OpenSearch Security not initialized.`, or one of its 500s saying so): the security index is not ready. */
  securityNotInitialized: boolean;
  retryAfterMs: number | undefined;
  bodyText: string | undefined;
}

/** 502, 503 or 504: the domain or a gateway is (temporarily) unavailable; or a 500 of the security plugin saying it is not initialised yet. Retryable. */
export class ServiceUnavailableError extends FgacResponseError {
  readonly kind = 'unavailable' as const;
  readonly securityNotInitialized: boolean;
  readonly retryAfterMs: number | undefined;
  readonly bodyText: string | undefined;

  constructor(meta: ApiResponse, details: ServiceUnavailableDetails, ctx?: ResponseErrorContext) {
    super(meta, (request) => new.target.describe(details, request.statusCode), 'ServiceUnavailableError', ctx);
    this.securityNotInitialized = details.securityNotInitialized;
    this.retryAfterMs = details.retryAfterMs;
    this.bodyText = details.bodyText === undefined ? undefined : redactText(details.bodyText, ctx?.secrets);
  }

  /** The human message for these details. */
  static describe(d: ServiceUnavailableDetails, statusCode: number | null = 503): string {
    if (d.securityNotInitialized) return `OpenSearch Security is not initialized yet (${statusCode ?? 503}): retry once the security index is ready`;
    const label = statusCode === 502 ? 'Bad gateway' : statusCode === 504 ? 'Gateway timeout' : 'Service unavailable';
    return `${label} (${statusCode ?? 503})${d.bodyText ? `: ${d.bodyText}` : ''}`;
  }

  protected details(): Record<string, unknown> {
    return { securityNotInitialized: this.securityNotInitialized, retryAfterMs: this.retryAfterMs, bodyText: this.bodyText };
  }
}
