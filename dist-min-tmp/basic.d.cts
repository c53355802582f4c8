import { Client } from '@opensearch-project/opensearch';
import { F as FgacClientOptions } from './redact-DLSYclMg.cjs';
export { A as AuthOptions, a as AuthStrategy, b as AwsCredentialIdentity, c as AwsCredentialIdentityProvider, d as AwsService, B as BasicAuthOptions, C as CognitoAuthOptions, e as FgacError, I as IamAuthOptions, f as IndexNotFoundError, N as NoAuthOptions, O as OutgoingRequest, P as PassthroughClientOptions, g as PermissionError, R as RequestAuthorizer, h as RetryInfo, i as RetryOptions, j as RetryReason, S as SecurityApiError, k as SecurityResourceState, l as ServiceUnavailableError, m as SignedParts, n as SslOptions, T as ThrottleSource, o as ThrottledError, p as authStrategyOf, q as fromEnv, r as isFgacError, s as isPermissionError, t as isRetryable, u as redactHeaders, v as redactText, w as redactUrl, x as runWithRetry, y as toTypedError, z as validateOptions } from './redact-DLSYclMg.cjs';
export { A as AccessPolicyDeniedError, C as ConfigError, a as CredentialsError, E as ExpiredCredentialsError, F as FgacErrorKind, b as FgacResponseError, c as FgacResponseErrorKind, d as FgacUser, e as ForbiddenError, f as ForbiddenOrigin, S as SecurityExceptionError, g as SignatureMismatchError, h as SignatureProblem, U as UnauthorizedError, i as UnauthorizedReason } from './permission-errors-DJiM4zlv.cjs';
export { A as AuthMode } from './mode-names-DutUs5-9.cjs';
import 'node:util';

/**
 * `opensearch-fgac/basic`: `opensearch-fgac/client` whose createClient includes the `basic` and
 * `none` modes only, so a bundle carries no SigV4, AWS credential or Cognito code. Another mode
 * is refused with a ConfigError naming `auth.mode`.
 */

/** createClient for modes `basic` and `none` (the common options are checked as the root's createClient checks them; another mode is refused at `auth.mode` without its options checked). */
declare function createClient(options: FgacClientOptions): Client;

export { FgacClientOptions, createClient };
