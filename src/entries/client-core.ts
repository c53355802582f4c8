/**
 * What `opensearch-fgac/client`, `/basic` and `/iam` share: configuration, the typed errors,
 * redaction for logs and the retry policy. Each of those entries adds its own createClient (the
 * modes it includes); the root and `/client` include every mode.
 */

// Client factory and configuration
export { authStrategyOf } from '../client/build-client.js';
export { fromEnv } from '../client/from-env.js';
export { validateOptions } from '../client/options.js';
export type { FgacClientOptions } from '../client/options.js';
export type { AuthOptions, AuthMode } from '../auth/modes.js';
export type { IamAuthOptions } from '../auth/iam.js';
export type { BasicAuthOptions } from '../auth/basic.js';
export type { CognitoAuthOptions } from '../auth/cognito.js';
export type { NoAuthOptions } from '../auth/none.js';
export type { SslOptions } from '../client/tls.js';
export type { PassthroughClientOptions } from '../client/options-passthrough.js';
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '../auth/aws-credentials.js';
export type { AwsService } from '../auth/sigv4/scope.js';
export type { AuthStrategy, RequestAuthorizer, OutgoingRequest, SignedParts } from '../auth/strategy.js';

// Typed errors
export {
  FgacResponseError, UnauthorizedError, SecurityExceptionError, AccessPolicyDeniedError, ExpiredCredentialsError,
  SignatureMismatchError, ForbiddenError, ThrottledError, IndexNotFoundError, SecurityApiError, ServiceUnavailableError,
  ConfigError, CredentialsError, isFgacError, isPermissionError, isRetryable,
} from '../errors/classes.js';
export type {
  FgacResponseErrorKind, FgacErrorKind, FgacUser, PermissionError, FgacError, SecurityResourceState,
  UnauthorizedReason, SignatureProblem, ThrottleSource, ForbiddenOrigin,
} from '../errors/classes.js';
export { toTypedError } from '../errors/boundary.js';
export { redactUrl, redactText } from '../errors/redact.js';
export { redactHeaders } from '../errors/redact-value.js';
// The types the public signatures above name (a consumer emitting declarations must be able to name them too)
export type {
  UnauthorizedDetails, SecurityExceptionDetails, AccessPolicyDeniedDetails, ExpiredCredentialsDetails, SignatureMismatchDetails, ForbiddenDetails,
} from '../errors/permission-errors.js';
export type { ThrottledDetails, IndexNotFoundDetails, SecurityApiDetails, ServiceUnavailableDetails } from '../errors/service-errors.js';
export type { PluginAuthRefusalKind } from '../errors/parse-plugin-refusals.js';
export type { TypedErrorOptions } from '../errors/boundary.js';
export type { ResponseErrorContext } from '../errors/base.js';
export type { SecretSet } from '../errors/secrets.js';

// Retry policy
export { runWithRetry } from '../retry/index.js';
export type { RetryOptions, RetryInfo, RetryReason } from '../retry/index.js';
export type { RetryContext } from '../retry/run.js';
