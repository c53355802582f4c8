import { ApiResponse, ClientOptions, Client } from '@opensearch-project/opensearch';
import { b as FgacResponseError, R as ResponseErrorContext, j as RequestCoordinates, U as UnauthorizedError, S as SecurityExceptionError, A as AccessPolicyDeniedError, E as ExpiredCredentialsError, g as SignatureMismatchError, e as ForbiddenError, C as ConfigError, a as CredentialsError, k as SecretSet } from './permission-errors-DJiM4zlv.cjs';
import { A as AuthMode } from './mode-names-DutUs5-9.cjs';

/** How a variable is read. */
interface EnvReadFlags {
    /** A password, token or secret: never echoed; inner spaces kept. */
    secret?: boolean;
}
/** Typed, checked access to the variables of one environment. */
declare class EnvReader {
    #private;
    constructor(env: NodeJS.ProcessEnv);
    /** The value, or undefined when unset or blank; refused with surrounding whitespace or control characters. */
    string(name: string, flags?: EnvReadFlags): string | undefined;
    /** A required value. */
    required(name: string, why: string, flags?: EnvReadFlags): string;
    /** `true/1/yes/gzip` or `false/0/no/none` (any case). */
    boolean(name: string): boolean | undefined;
    /** A decimal integer in [min, max] (digits only: `0x10`, `1e3`, `5.0` and `+5` are refused). */
    integer(name: string, min: number, max: number): number | undefined;
    /** An AWS region name. */
    region(name: string): string | undefined;
    /** One of `values` (compared in lower case). */
    oneOf<T extends string>(name: string, values: readonly T[]): T | undefined;
    /** An http(s) URL. */
    url(name: string): string | undefined;
    /** A comma-separated list of http(s) URLs. */
    urls(name: string, why: string): string[];
    /** The bytes of the file a variable names, read now. */
    file(name: string): Buffer | undefined;
}

/** SigV4 service: `es` for managed domains, `aoss` for OpenSearch Serverless. */
type AwsService = 'es' | 'aoss';
/** The SigV4 scope of a client. */
interface SigV4Scope {
    region: string;
    service: AwsService;
    /** Host to sign and send instead of the node's (tunnels, VPC endpoints). */
    signingHost?: string;
}

/**
 * The response errors that are not about permissions: throttling, a missing index, the security
 * REST API's own refusals and an unavailable domain or gateway.
 */

/** Who throttled. */
type ThrottleSource = 'aws' | 'rejected_execution' | 'circuit_breaker' | 'unknown';
/** Fields of a ThrottledError. */
interface ThrottledDetails {
    /** Retry-After in milliseconds (seconds or HTTP date), when the response had one. */
    retryAfterMs: number | undefined;
    source: ThrottleSource;
    /** Short reason from the body, e.g. `Too many requests`. */
    reason: string;
}
/** 429: throttled by AWS, a full thread-pool queue or a circuit breaker. Retryable. */
declare class ThrottledError extends FgacResponseError {
    readonly kind: "throttled";
    readonly retryAfterMs: number | undefined;
    readonly source: ThrottleSource;
    readonly reason: string;
    constructor(meta: ApiResponse, details: ThrottledDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: ThrottledDetails): string;
    protected details(): Record<string, unknown>;
}
/** Fields of an IndexNotFoundError. */
interface IndexNotFoundDetails {
    index: string;
    reason: string;
}
/** 404 index_not_found_exception (the user had the privilege; the index does not exist). */
declare class IndexNotFoundError extends FgacResponseError {
    readonly kind: "index_not_found";
    readonly index: string;
    readonly reason: string;
    constructor(meta: ApiResponse, details: IndexNotFoundDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: IndexNotFoundDetails): string;
    protected details(): Record<string, unknown>;
}
/** The state of a security resource that made the API refuse a change. */
type SecurityResourceState = 'reserved' | 'static' | 'hidden' | 'not-found';
/** Fields of a SecurityApiError. */
interface SecurityApiDetails {
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
declare class SecurityApiError extends FgacResponseError {
    readonly kind: "security_api";
    readonly apiStatus: string;
    readonly reason: string;
    readonly invalidKeys: string[];
    readonly missingKeys: string[];
    readonly wrongDatatypes: Record<string, string>;
    readonly resourceState: SecurityResourceState | undefined;
    readonly resourceName: string | undefined;
    readonly user: string | undefined;
    readonly securityRoles: string[] | undefined;
    constructor(meta: ApiResponse, details: SecurityApiDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: SecurityApiDetails, request?: Pick<RequestCoordinates, 'method' | 'path'>): string;
    protected details(): Record<string, unknown>;
}
/** Fields of a ServiceUnavailableError. */
interface ServiceUnavailableDetails {
    /** 503 `OpenSearch Security not initialized.`: the security index is not ready yet. */
    securityNotInitialized: boolean;
    retryAfterMs: number | undefined;
    bodyText: string | undefined;
}
/** 502, 503 or 504: the domain or a gateway is (temporarily) unavailable. Retryable. */
declare class ServiceUnavailableError extends FgacResponseError {
    readonly kind: "unavailable";
    readonly securityNotInitialized: boolean;
    readonly retryAfterMs: number | undefined;
    readonly bodyText: string | undefined;
    constructor(meta: ApiResponse, details: ServiceUnavailableDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: ServiceUnavailableDetails, statusCode?: number | null): string;
    protected details(): Record<string, unknown>;
}

/** Every 401/403 error class (the rows with `permission: true`). */
type PermissionError = UnauthorizedError | SecurityExceptionError | AccessPolicyDeniedError | ExpiredCredentialsError | SignatureMismatchError | ForbiddenError;
/** Every error class of this package. */
type FgacError = PermissionError | ThrottledError | IndexNotFoundError | SecurityApiError | ServiceUnavailableError | ConfigError | CredentialsError;

/** True for any error class of this package (works across ESM/CJS copies). */
declare function isFgacError(e: unknown): e is FgacError;
/** True for the 401/403 kinds: unauthorized, security_exception, access_policy_denied, expired_credentials, signature_mismatch, forbidden. */
declare function isPermissionError(e: unknown): e is PermissionError;
/**
 * True when the same request may succeed if sent again later without changing anything: 429, 502,
 * 503, 504, connection errors (except TLS verification failures) and timeouts. It does not look at
 * the method: runWithRetry additionally refuses to repeat a write that may already have been applied.
 */
declare function isRetryable(e: unknown): boolean;

/** Options of one wait for a value. */
interface CredentialWaitOptions {
    /** Stops this caller's wait at once (rejecting with the signal's reason); the shared provider call goes on for others. */
    signal?: AbortSignal;
}

/** The shape every auth strategy (iam, basic, cognito, none) shares. */

/** The final request of one attempt, exactly as it will be written to the socket. */
interface OutgoingRequest {
    method: string;
    /** `host[:port]` of the node the attempt goes to (the URL's host; default ports omitted). */
    host: string;
    /** Wire path plus `?query`, already percent-encoded. */
    path: string;
    /** Header names in any case. */
    headers: Record<string, string | number | string[] | undefined>;
    /** The body bytes sent (after gzip), if any. */
    body?: string | Buffer | null;
}
/** What a strategy adds to one attempt. */
interface SignedParts {
    /** Lower-case header names to set (replacing any header of the same name). */
    headers: Record<string, string>;
    /** The path to send instead of the original (SigV4 normalises the query string). */
    path?: string;
}
/** Authorization for one attempt: synchronous, so it can run on the final bytes. */
interface RequestAuthorizer {
    /** Generation of the credentials used (hand it back to `onExpired`). */
    readonly generation: number;
    /** When the credentials used expire (ms since the epoch), if known. */
    readonly expiresAt?: number;
    /** True when sign() ignores the request and always returns the same parts (e.g. basic): applied without building a request to sign. */
    readonly fixed?: boolean;
    /** Headers (and path) for the final request. */
    sign(request: OutgoingRequest): SignedParts;
}
/** An auth strategy: resolves credentials asynchronously, signs synchronously. */
interface AuthStrategy {
    /** The `auth.mode` that made it (`iam`, `basic`, `cognito`, `none`). */
    readonly mode: string;
    /** True when the signature covers the body (SigV4): streamed bodies are then buffered first. */
    readonly signsBody: boolean;
    /**
     * Credentials for one attempt (cached; refreshed before expiry; one provider call for concurrent
     * callers). An aborted `options.signal` ends the wait at once with the signal's reason.
     */
    authorize(options?: CredentialWaitOptions): Promise<RequestAuthorizer>;
    /**
     * What authorize() would resolve to, when that needs no provider call (cached credentials that
     * need no refresh yet); undefined when authorize() must be awaited. Lets the transport skip a
     * promise per request.
     */
    authorizeCached?(): RequestAuthorizer | undefined;
    /** Convenience: the auth headers for a request (authorize + sign). */
    headersFor(request: OutgoingRequest): Promise<Record<string, string>>;
    /** The server said the credentials expired: refresh once (no-op when a newer generation is cached). */
    onExpired?(usedGeneration?: number): Promise<void>;
}

/**
 * The shape every auth mode has: its options type, validation, environment variables and secrets
 * (the "spec") and, apart from it, its factory (the strategy code). An entry point lists the specs
 * and factories of the modes it includes (entries/*.ts, client/create-client.ts), so a bundle of a
 * lean entry carries neither of the other modes.
 */

/** What a mode's validation knows about the rest of the options. */
interface ModeValidationContext {
    /** The parsed node URLs. */
    nodes: readonly URL[];
    /** The environment (AWS_REGION fallbacks). */
    env: NodeJS.ProcessEnv;
    /** `allowInsecureHttp` as given. */
    allowInsecureHttp: boolean;
}
/** What a mode's validation worked out for its factory. */
interface ModeResolution {
    /** For SigV4 modes: the signing scope. */
    signing?: SigV4Scope;
}
/** One environment variable a mode reads. */
interface EnvVariable {
    name: string;
    /** The option it sets, e.g. `auth.password`. */
    option: string;
}
/** An auth mode's spec: options type `O`, chosen by `auth.mode`; no strategy code. */
interface AuthModeDefinition<O extends {
    mode: string;
}> {
    readonly mode: O['mode'];
    /** One line for messages and docs. */
    readonly description: string;
    /** Every key `auth` may have in this mode (`mode` included). */
    readonly keys: readonly string[];
    /** Checks the options (ConfigError naming `auth.<key>`); no network. */
    validate(auth: O, context: ModeValidationContext): ModeResolution;
    /** The environment variables the mode reads. */
    readonly env: readonly EnvVariable[];
    /** The options from the environment (ConfigError naming the variable). */
    fromEnv(read: EnvReader): O;
    /** The secret values written in the options (passwords, keys, tokens), for redaction. */
    secrets(auth: O): unknown[];
}

/** The `none` mode: no authentication, requests go out as they are (open local clusters). */

/** No authentication (open local clusters). */
interface NoAuthOptions {
    mode: 'none';
}

/** What a Cognito sign-in needs: the user pool, its app client, the user and the identity pool. */
interface CognitoSignInOptions {
    /** Region of the user pool (and, unless the node host names one, of the signature). */
    region: string;
    userPoolId: string;
    clientId: string;
    /** Set when the app client has a secret: SECRET_HASH is then sent. */
    clientSecret?: string;
    identityPoolId: string;
    username: string;
    /** USER_PASSWORD_AUTH; one of password, idToken or refreshToken is required. */
    password?: string;
    /** An id token obtained elsewhere (used until it expires, then refreshToken/password if given). */
    idToken?: string;
    /** REFRESH_TOKEN_AUTH token. */
    refreshToken?: string;
    /** Role to request from the identity pool (CustomRoleArn). */
    customRoleArn?: string;
    /** Endpoint overrides, e.g. a local moto server. */
    endpoints?: {
        cognitoIdp?: string;
        cognitoIdentity?: string;
    };
}
/** Cognito user pool sign-in -> identity pool credentials -> SigV4. */
interface CognitoAuthOptions extends CognitoSignInOptions {
    mode: 'cognito';
    /** SigV4 service of the domain (default detected from the host). */
    service?: AwsService;
    /** Host to sign when the node URL is a tunnel / VPC endpoint. */
    signingHost?: string;
}

/** HTTP basic auth against the security plugin's internal user database. */
interface BasicAuthOptions {
    mode: 'basic';
    username: string;
    /** The password, or an async provider (called once, the result cached for the client's life). */
    password: string | (() => Promise<string>);
}

/** AWS credentials (structurally an AWS SDK v3 `AwsCredentialIdentity`). */
interface AwsCredentialIdentity {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    /** When the credentials stop working; absent = refreshed on a TTL (15 min). */
    expiration?: Date;
}
/** An async source of AWS credentials (structurally an AWS SDK v3 `AwsCredentialIdentityProvider`). */
type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

/** IAM mode: AWS credentials (static, a provider, or the Node default chain) and SigV4 on every attempt (the spec: iam-mode.ts). */

/** IAM auth: every request signed with SigV4 (aws4). */
interface IamAuthOptions {
    mode: 'iam';
    /** Signing region; default: the region in a `*.<region>.es|aoss.amazonaws.com` host, then AWS_REGION, then AWS_DEFAULT_REGION. */
    region?: string;
    /** Default: `aoss` for `*.aoss.amazonaws.com` hosts, else `es`. */
    service?: AwsService;
    /** Static credentials or a provider; default: the Node default chain (@aws-sdk/credential-provider-node, loaded lazily). */
    credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
    /** Host to sign and send as `Host` when the node URL is a tunnel / VPC endpoint (e.g. `search-x.us-east-1.es.amazonaws.com`). */
    signingHost?: string;
}

/** Every auth mode by name (one row per name of mode-names.ts, no other). */
declare const AUTH_MODES: {
    readonly iam: AuthModeDefinition<IamAuthOptions>;
    readonly basic: AuthModeDefinition<BasicAuthOptions>;
    readonly cognito: AuthModeDefinition<CognitoAuthOptions>;
    readonly none: AuthModeDefinition<NoAuthOptions>;
};
/** The options type of one mode's definition. */
type OptionsOf<D> = D extends AuthModeDefinition<infer O> ? O : never;
/** How the client authenticates, chosen by `mode`. */
type AuthOptions = {
    [M in AuthMode]: OptionsOf<(typeof AUTH_MODES)[M]>;
}[AuthMode];

/** Options of the retry policy. */
interface RetryOptions {
    /** Retries after the first attempt (default 3). 0 disables retrying (the expired-token refresh still happens). */
    retries?: number;
    /** Base of the exponential back-off: the cap of the first delay, in ms (default 100). */
    minDelayMs?: number;
    /** Cap of any delay, Retry-After included, in ms (default 20 000). */
    maxDelayMs?: number;
    /** No attempt starts later than this after the first one, in ms (default 60 000). */
    maxElapsedMs?: number;
    /** Also repeat non-idempotent writes whose connection died after the request was sent (default false). */
    retryUnsafeWrites?: boolean;
    /** Called before each retry (errors it throws are ignored). */
    onRetry?: (info: RetryInfo) => void;
    /** Aborts the waiting between attempts; the abort reason is thrown. */
    signal?: AbortSignal;
}
/** Why a failed attempt is retried. */
type RetryReason = 'throttled' | 'unavailable' | 'connect_failed' | 'connection_lost' | 'timeout';
/** What onRetry receives. */
interface RetryInfo {
    /** The attempt that failed (1-based; every HTTP attempt counts, the post-refresh one included). */
    attempt: number;
    /** The error of that attempt (typed when it was a response). */
    error: unknown;
    reason: RetryReason | 'expired_credentials';
    /** Wait before the next attempt, in ms. */
    delayMs: number;
    /** Time since the first attempt started, in ms. */
    elapsedMs: number;
    method: string;
    path: string;
}

/** The request runWithRetry runs: its coordinates, the expired-token hook, the secrets to redact. */
interface RetryContext {
    method: string;
    path: string;
    /** Called once when an attempt fails with ExpiredCredentialsError: refresh, then the attempt is repeated. */
    onExpiredCredentials?: () => Promise<void>;
    /** The client's secrets: errors and onRetry payloads are redacted by their values too. */
    secrets?: SecretSet;
    /**
     * The first attempt already ran (the caller's fast path) and failed with this error: the policy
     * continues from there as if it had made that attempt itself (p-retry starts only when it is retryable).
     */
    firstFailure?: {
        error: unknown;
    };
    /** performance.now() when the call started (default: now); maxElapsedMs counts from it. */
    startedAt?: number;
}
/**
 * Runs `attempt` (given the 1-based HTTP attempt number) under the retry policy. Errors pass the
 * error boundary (toTypedError, a no-op for errors that already did); the one finally thrown is
 * the last attempt's, with `attempts` and `elapsedMs`.
 */
declare function runWithRetry<T>(attempt: (attemptNumber: number) => Promise<T>, ctx: RetryContext, options?: RetryOptions): Promise<T>;

/** `clientOptions`: the opensearch-js options passed through, checked by type; those this package owns are refused with the option to use instead. */

/** opensearch-js options passed through unchanged (those this package owns are excluded). */
type PassthroughClientOptions = Omit<ClientOptions, 'node' | 'nodes' | 'auth' | 'Connection' | 'Transport' | 'cloud' | 'ssl' | 'maxRetries' | 'requestTimeout' | 'compression'>;

/** PEM text or bytes, or a list of them. */
type PemInput = string | Buffer | Array<string | Buffer>;
/** TLS options for HTTPS nodes. */
interface SslOptions {
    /** PEM CA certificate(s) to trust instead of the default store (like Node's `ca`). */
    ca?: PemInput;
    /** Verify the server certificate (default true). `false` also requires `allowInsecureTls: true`. */
    rejectUnauthorized?: boolean;
    /** TLS server name (SNI + certificate name check), e.g. the domain host when the node URL is a tunnel. */
    servername?: string;
    /** mTLS: the client certificate chain (PEM); needs `key`. */
    cert?: PemInput;
    /** mTLS: the client private key (PEM); a secret, never echoed. */
    key?: PemInput;
    /** mTLS: a PKCS#12 bundle with the client certificate and key, instead of `cert` + `key`. */
    pfx?: Buffer | string;
    /** Passphrase of an encrypted `key` or `pfx`; a secret, never echoed. */
    passphrase?: string;
}

/**
 * Options of `createClient`: the common options and their resolution. Every option is checked
 * up front by type and range (ConfigError naming it); the auth options are checked by their
 * mode (auth/modes.ts), with the specs of the modes the entry includes (its ModeScope). No
 * ConfigError message holds a secret given in the options.
 */

/** Options of `createClient`. */
interface FgacClientOptions {
    /** Node URL(s), `https://host[:port][/prefix]`. */
    node: string | string[];
    auth: AuthOptions;
    /** Security tenant, sent as the `securitytenant` header (`global_tenant`, `__user__` or a name). */
    tenant?: string;
    ssl?: SslOptions;
    /** Per-attempt timeout in ms, an integer from 1 to 2^31 - 1 (default 30 000). Credentials are refreshed at least this long before they expire. */
    requestTimeoutMs?: number;
    /** gzip request bodies (signatures cover the compressed bytes). */
    compression?: boolean;
    /** Retry policy (see retry/options.ts). */
    retry?: RetryOptions;
    /** Allow basic credentials over plain http to a non-loopback host. */
    allowInsecureHttp?: boolean;
    /** Allow TLS without certificate verification (`ssl.rejectUnauthorized: false`, or an agent that does not verify). */
    allowInsecureTls?: boolean;
    /** Other opensearch-js Client options. */
    clientOptions?: PassthroughClientOptions;
}
/** Throws ConfigError (naming the option and the fix) when the options cannot work. */
declare function validateOptions(options: FgacClientOptions, env?: NodeJS.ProcessEnv): void;

/**
 * createClientWith: options -> auth strategy (from the entry's mode factories) -> signing Connection +
 * retrying Transport -> a real opensearch-js Client. It imports no mode's factory itself.
 */

/** The auth strategy behind a client made by createClient (or its child()), e.g. to sign a request sent another way. */
declare function authStrategyOf(client: Client): AuthStrategy | undefined;

/**
 * Options from environment variables, so a deployment swaps auth modes by configuration only.
 *
 * - `OPENSEARCH_URL` (required): node URL, or several separated by commas.
 * - `OPENSEARCH_AUTH` (required): `iam` | `basic` | `cognito` | `none`.
 * - `OPENSEARCH_USERNAME`, `OPENSEARCH_PASSWORD`: basic auth.
 * - `AWS_REGION` (or `AWS_DEFAULT_REGION`): iam signing region, cognito region fallback.
 * - `OPENSEARCH_SERVICE`: `es` | `aoss` (default detected from the host).
 * - `OPENSEARCH_SIGNING_HOST`: host to sign when `OPENSEARCH_URL` is a tunnel / VPC endpoint.
 * - `OPENSEARCH_TENANT`: security tenant (`securitytenant` header).
 * - `OPENSEARCH_CA_FILE`: PEM file of the CA to trust (read now).
 * - `OPENSEARCH_CERT_FILE`, `OPENSEARCH_KEY_FILE`, `OPENSEARCH_KEY_PASSPHRASE`: mTLS client certificate and key (PEM files, read now).
 * - `OPENSEARCH_REQUEST_TIMEOUT_MS`: per-attempt timeout in ms (decimal digits).
 * - `OPENSEARCH_COMPRESSION`: `true` to gzip request bodies.
 * - `OPENSEARCH_ALLOW_INSECURE_HTTP`: `true` to allow basic auth over http to a remote host.
 * - `COGNITO_REGION` (default `AWS_REGION`), `COGNITO_USER_POOL_ID`, `COGNITO_CLIENT_ID`,
 *   `COGNITO_CLIENT_SECRET`, `COGNITO_IDENTITY_POOL_ID`, `COGNITO_USERNAME`, `COGNITO_PASSWORD`,
 *   `COGNITO_ID_TOKEN`, `COGNITO_REFRESH_TOKEN`, `COGNITO_CUSTOM_ROLE_ARN`,
 *   `COGNITO_IDP_ENDPOINT`, `COGNITO_IDENTITY_ENDPOINT`.
 *
 * IAM credentials themselves come from the default AWS chain (AWS_ACCESS_KEY_ID, AWS_PROFILE,
 * web identity, ECS, IMDS...). A missing or invalid value (surrounding whitespace or a line break
 * included), or options that cannot work together, throw ConfigError naming the variable.
 */
declare function fromEnv(env?: NodeJS.ProcessEnv): FgacClientOptions;

/** Options of toTypedError. */
interface TypedErrorOptions {
    /** The secrets of the client that produced the error: removed by value as well as by key. */
    secrets?: SecretSet;
}
/**
 * Maps an opensearch-js ResponseError to its typed class (meta kept, redacted); every other error
 * is returned as the same object, scrubbed in place (opensearch-js errors always; other errors when
 * `options.secrets` is given, i.e. inside the client). Non-objects are returned unchanged. Runs once
 * per error: a second call returns at once. Never throws.
 */
declare function toTypedError(err: unknown, options?: TypedErrorOptions): unknown;

/**
 * Redaction of secrets (Authorization, AWS signatures and session tokens, cookies, passwords,
 * password hashes, bearer tokens) from text, headers, URLs and the `meta` of opensearch-js
 * errors: by key (header, field and parameter names), by shape (auth schemes, JWTs, JSON-patch
 * operations on a secret path) and, given a client's SecretSet, by value in every encoded form.
 * Every function here is total: it never throws, whatever it is given.
 */

/**
 * Removes secrets from free text: the values of `secrets` in any encoded form, JSON fields, header
 * lines, `key=value` pairs, JSON-patch values on secret paths, auth schemes, JWTs, URL user info.
 */
declare function redactText(text: string, secrets?: SecretSet): string;
/**
 * A copy of a header map: values of secret headers replaced whatever their type (string, array,
 * number...), the others redacted by content (strings as text, arrays and objects deeply).
 */
declare function redactHeaders<V>(headers: Readonly<Record<string, V>> | null | undefined, secrets?: SecretSet): Record<string, V | string>;
/** A URL (absolute or a path with a query) with credentials in its user info and secret query values removed. */
declare function redactUrl(url: string | URL, secrets?: SecretSet): string;

export { type AuthOptions as A, type BasicAuthOptions as B, type CognitoAuthOptions as C, type FgacClientOptions as F, type IamAuthOptions as I, type NoAuthOptions as N, type OutgoingRequest as O, type PassthroughClientOptions as P, type RequestAuthorizer as R, SecurityApiError as S, type ThrottleSource as T, type AuthStrategy as a, type AwsCredentialIdentity as b, type AwsCredentialIdentityProvider as c, type AwsService as d, type FgacError as e, IndexNotFoundError as f, type PermissionError as g, type RetryInfo as h, type RetryOptions as i, type RetryReason as j, type SecurityResourceState as k, ServiceUnavailableError as l, type SignedParts as m, type SslOptions as n, ThrottledError as o, authStrategyOf as p, fromEnv as q, isFgacError as r, isPermissionError as s, isRetryable as t, redactHeaders as u, redactText as v, redactUrl as w, runWithRetry as x, toTypedError as y, validateOptions as z };
