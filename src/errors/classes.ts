/**
 * Every error class of this package in one import: the base classes, the 401/403 classes, the
 * service classes and the guards. Response errors extend opensearch-js `errors.ResponseError`, so
 * `instanceof errors.ResponseError`, `.meta.body`, `.statusCode`, `.body` and `.headers` keep working;
 * their `meta` is a redacted copy of the original.
 */
export {
  FgacResponseError,
  ConfigError,
  CredentialsError,
  MAX_MESSAGE_LENGTH,
  humanMessage,
  requestIdFromHeaders,
  requestOf,
} from './base.js';
export type { FgacResponseErrorKind, FgacErrorKind, ResponseErrorContext, RequestCoordinates, FgacUser } from './base.js';
export {
  UnauthorizedError,
  SecurityExceptionError,
  AccessPolicyDeniedError,
  ExpiredCredentialsError,
  SignatureMismatchError,
  ForbiddenError,
} from './permission-errors.js';
export type {
  UnauthorizedReason,
  UnauthorizedDetails,
  SecurityExceptionDetails,
  AccessPolicyDeniedDetails,
  ExpiredCredentialsDetails,
  SignatureProblem,
  SignatureMismatchDetails,
  ForbiddenOrigin,
  ForbiddenDetails,
} from './permission-errors.js';
export { ThrottledError, IndexNotFoundError, SecurityApiError, ServiceUnavailableError } from './service-errors.js';
export type {
  ThrottleSource,
  ThrottledDetails,
  IndexNotFoundDetails,
  SecurityResourceState,
  SecurityApiDetails,
  ServiceUnavailableDetails,
} from './service-errors.js';
export { isFgacError, isPermissionError, isRetryable, isTlsFailureMessage } from './guards.js';
export type { PermissionError, FgacError } from './guards.js';
