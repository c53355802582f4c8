/** opensearch-fgac: the public surface. Re-exports only. */

// Client factory and configuration
export { createClient, authStrategyOf } from './client.js';
export { fromEnv, validateOptions } from './config.js';
export type {
  FgacClientOptions, AuthOptions, AuthMode, IamAuthOptions, BasicAuthOptions, CognitoAuthOptions, NoAuthOptions,
  SslOptions, PassthroughClientOptions, AwsCredentialIdentity, AwsCredentialIdentityProvider, AwsService,
} from './config.js';
export type { AuthStrategy, RequestAuthorizer, OutgoingRequest, SignedParts } from './auth/strategy.js';
export { CredentialCache, refreshBufferFor } from './auth/credentials.js';

// Typed errors
export {
  FgacResponseError, UnauthorizedError, SecurityExceptionError, AccessPolicyDeniedError, ExpiredCredentialsError,
  SignatureMismatchError, ThrottledError, IndexNotFoundError, SecurityApiError, ServiceUnavailableError,
  ConfigError, CredentialsError, isFgacError, isPermissionError, isRetryable,
} from './errors/classes.js';
export type {
  FgacResponseErrorKind, FgacErrorKind, FgacUser, PermissionError, FgacError, SecurityResourceState,
  UnauthorizedReason, SignatureProblem, ThrottleSource,
} from './errors/classes.js';
export { classifyResponse, toTypedError } from './errors/classify.js';
export { redactHeaders, redactUrl, redactText } from './errors/redact.js';

// Retry policy
export { runWithRetry, computeDelay } from './retry.js';
export type { RetryOptions, RetryInfo } from './retry.js';

// Ingestion
export { ingest } from './ingest/ingest.js';
export { toFirehoseResponse, toBatchItemFailures } from './ingest/adapters.js';
export type { FirehoseResultRecord, BatchItemFailuresResponse } from './ingest/adapters.js';
export type {
  IngestRecord, IngestAction, IngestOptions, IngestOutcome, IngestSuccess, IngestFailure, IngestFailureKind, IngestStats, IngestReport,
} from './ingest/types.js';

// Security REST API helpers and the typed role model
export * from './security/index.js';

// Client-side verification of DLS, FLS and masking
export * from './verify/index.js';

// Diagnostics: who am I, which recommended configuration is this, and why a request is refused
export { checkDomain, diagnoseError } from './diagnose/check-domain.js';
export type { CheckDomainClient, CheckDomainOptions, DomainCheckReport, DomainIdentity, PrincipalKind, ConfigurationMatch,
  RecommendedConfiguration, Diagnosis, DiagnosisCode } from './diagnose/check-domain.js';
export { explainPermission, explainSecurityException } from './verify/permissions.js';
export type { PermissionRoles, PermissionActionGroups, PermissionQuery, PermissionGrant, PermissionNearMiss, PermissionExplanation,
  SecurityExceptionExplanation } from './verify/permissions.js';
