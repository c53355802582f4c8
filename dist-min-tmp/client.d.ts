import { F as FgacClientOptions } from './redact-CEhJUGlI.js';
export { A as AuthOptions, a as AuthStrategy, b as AwsCredentialIdentity, c as AwsCredentialIdentityProvider, d as AwsService, B as BasicAuthOptions, C as CognitoAuthOptions, e as FgacError, I as IamAuthOptions, f as IndexNotFoundError, N as NoAuthOptions, O as OutgoingRequest, P as PassthroughClientOptions, g as PermissionError, R as RequestAuthorizer, h as RetryInfo, i as RetryOptions, j as RetryReason, S as SecurityApiError, k as SecurityResourceState, l as ServiceUnavailableError, m as SignedParts, n as SslOptions, T as ThrottleSource, o as ThrottledError, p as authStrategyOf, q as fromEnv, r as isFgacError, s as isPermissionError, t as isRetryable, u as redactHeaders, v as redactText, w as redactUrl, x as runWithRetry, y as toTypedError, z as validateOptions } from './redact-CEhJUGlI.js';
export { A as AccessPolicyDeniedError, C as ConfigError, a as CredentialsError, E as ExpiredCredentialsError, F as FgacErrorKind, b as FgacResponseError, c as FgacResponseErrorKind, d as FgacUser, e as ForbiddenError, f as ForbiddenOrigin, S as SecurityExceptionError, g as SignatureMismatchError, h as SignatureProblem, U as UnauthorizedError, i as UnauthorizedReason } from './permission-errors-DJiM4zlv.js';
import { Client } from '@opensearch-project/opensearch';
export { A as AuthMode } from './mode-names-DutUs5-9.js';
import 'node:util';

/** createClient with every auth mode (the root and `opensearch-fgac/client`); the lean entries build theirs with createClientWith. */

/**
 * Creates a real @opensearch-project/opensearch `Client` (`instanceof Client` holds) whose
 * requests are authenticated per `options.auth`, retried per `options.retry` and fail with
 * typed errors. Synchronous and offline: credentials are fetched on the first request.
 * Throws ConfigError when the options cannot work.
 */
declare function createClient(options: FgacClientOptions): Client;

export { FgacClientOptions, createClient };
