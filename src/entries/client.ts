/** `opensearch-fgac/client`: the client factory, its options, the typed errors and the retry policy (no ingestion, security API or verification code). Re-exports only. */

// Client factory and configuration
export { createClient, authStrategyOf } from '../client.js';
export { fromEnv, validateOptions } from '../config.js';
export type {
  FgacClientOptions, AuthOptions, AuthMode, IamAuthOptions, BasicAuthOptions, CognitoAuthOptions, NoAuthOptions,
  SslOptions, PassthroughClientOptions, AwsCredentialIdentity, AwsCredentialIdentityProvider, AwsService,
} from '../config.js';
export type { AuthStrategy, RequestAuthorizer, OutgoingRequest, SignedParts } from '../auth/strategy.js';
export { CredentialCache, refreshBufferFor } from '../auth/credentials.js';

// Typed errors
export {
  FgacResponseError, UnauthorizedError, SecurityExceptionError, AccessPolicyDeniedError, ExpiredCredentialsError,
  SignatureMismatchError, ThrottledError, IndexNotFoundError, SecurityApiError, ServiceUnavailableError,
  ConfigError, CredentialsError, isFgacError, isPermissionError, isRetryable,
} from '../errors/classes.js';
export type {
  FgacResponseErrorKind, FgacErrorKind, FgacUser, PermissionError, FgacError, SecurityResourceState,
  UnauthorizedReason, SignatureProblem, ThrottleSource,
} from '../errors/classes.js';
export { classifyResponse, toTypedError } from '../errors/classify.js';
export { redactHeaders, redactUrl, redactText } from '../errors/redact.js';

// Retry policy
export { runWithRetry, computeDelay } from '../retry/index.js';
export type { RetryOptions, RetryInfo } from '../retry/index.js';
