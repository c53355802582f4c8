/**
 * THE table of response error kinds: for each kind its class (which holds the fields and the
 * human description), whether it is a permission error and whether retrying may help. The
 * classifier builds and describes through it, the guards read it; a new kind is one class and
 * one row here.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';
import type { ConfigError, CredentialsError, FgacResponseError, FgacResponseErrorKind, RequestCoordinates, ResponseErrorContext } from './base.js';
import {
  AccessPolicyDeniedError,
  ExpiredCredentialsError,
  ForbiddenError,
  SecurityExceptionError,
  SignatureMismatchError,
  UnauthorizedError,
} from './permission-errors.js';
import { IndexNotFoundError, SecurityApiError, ServiceUnavailableError, ThrottledError } from './service-errors.js';

/** One row of the kind table. */
export interface KindEntry<D> {
  /** The class of this kind. */
  ErrorClass: new (meta: ApiResponse, details: D, ctx?: ResponseErrorContext) => FgacResponseError;
  /** The human message for parsed details (the class's own describe). */
  describe(details: D, request: RequestCoordinates): string;
  /** A 401/403 refusal of the principal (isPermissionError). */
  permission: boolean;
  /** Sending the same request again later may succeed (isRetryable). */
  retryable: boolean;
}

function entry<D>(
  ErrorClass: new (meta: ApiResponse, details: D, ctx?: ResponseErrorContext) => FgacResponseError,
  describe: (details: D, request: RequestCoordinates) => string,
  permission: boolean,
  retryable: boolean,
): KindEntry<D> {
  return { ErrorClass, describe, permission, retryable };
}

/** The kind table. */
export const KINDS = {
  unauthorized: entry(UnauthorizedError, (d) => UnauthorizedError.describe(d), true, false),
  security_exception: entry(SecurityExceptionError, (d) => SecurityExceptionError.describe(d), true, false),
  access_policy_denied: entry(AccessPolicyDeniedError, (d) => AccessPolicyDeniedError.describe(d), true, false),
  expired_credentials: entry(ExpiredCredentialsError, (d) => ExpiredCredentialsError.describe(d), true, false),
  signature_mismatch: entry(SignatureMismatchError, (d) => SignatureMismatchError.describe(d), true, false),
  forbidden: entry(ForbiddenError, (d) => ForbiddenError.describe(d), true, false),
  throttled: entry(ThrottledError, (d) => ThrottledError.describe(d), false, true),
  index_not_found: entry(IndexNotFoundError, (d) => IndexNotFoundError.describe(d), false, false),
  security_api: entry(SecurityApiError, (d, r) => SecurityApiError.describe(d, r), false, false),
  unavailable: entry(ServiceUnavailableError, (d, r) => ServiceUnavailableError.describe(d, r.statusCode), false, true),
} as const satisfies { [K in FgacResponseErrorKind]: KindEntry<never> };

/** Parsed fields per kind. */
export type DetailsByKind = { [K in FgacResponseErrorKind]: (typeof KINDS)[K] extends KindEntry<infer D> ? D : never };

/** True when `kind` is a response error kind of the table. */
export function isResponseKind(kind: unknown): kind is FgacResponseErrorKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(KINDS, kind);
}

/** Every 401/403 error class (the rows with `permission: true`). */
export type PermissionError =
  | UnauthorizedError
  | SecurityExceptionError
  | AccessPolicyDeniedError
  | ExpiredCredentialsError
  | SignatureMismatchError
  | ForbiddenError;

/** Every error class of this package. */
export type FgacError =
  | PermissionError
  | ThrottledError
  | IndexNotFoundError
  | SecurityApiError
  | ServiceUnavailableError
  | ConfigError
  | CredentialsError;
