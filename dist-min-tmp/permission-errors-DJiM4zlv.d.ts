import { errors, ApiResponse } from '@opensearch-project/opensearch';
import { inspect, InspectOptionsStylized } from 'node:util';

/** How a secret is held. */
interface SecretOptions {
    /** A credential that is replaced on refresh (session tokens, temporary keys, Cognito tokens). */
    rotating?: boolean;
}
/** The secrets of one client, with every encoded form redaction must look for. */
declare class SecretSet {
    #private;
    /** `parent`: a set whose secrets this one also holds (e.g. one attempt's signature on top of the client's set). */
    constructor(parent?: SecretSet);
    /** Adds a secret (ignored when not a string or too short); its encoded forms are added too. */
    add(value: unknown, options?: SecretOptions): void;
    /** A new set holding this set's secrets (as they are now and later) plus `values`. */
    with(values: Iterable<unknown>): SecretSet;
    /** Every form to look for, longest first (so a longer form is replaced before its parts). */
    forms(): readonly string[];
    /** True when this set is `other` or holds it as a parent (so it redacts at least what `other` does). */
    inherits(other: SecretSet): boolean;
    /** True when no secret is held. */
    get empty(): boolean;
}

/**
 * The base classes of every error of this package: FgacResponseError (a refused response; extends
 * opensearch-js `errors.ResponseError`), ConfigError and CredentialsError, plus the mark that makes
 * `isFgacError` work across ESM/CJS copies and the request coordinates every response error carries.
 */

/** Discriminant of the response error classes (the kind table in kinds.ts has one entry per kind). */
type FgacResponseErrorKind = 'unauthorized' | 'security_exception' | 'access_policy_denied' | 'expired_credentials' | 'signature_mismatch' | 'forbidden' | 'throttled' | 'index_not_found' | 'security_api' | 'unavailable';
/** Discriminant of every error class of this package. */
type FgacErrorKind = FgacResponseErrorKind | 'config' | 'credentials';
/** Request coordinates used when the error's meta does not carry them, and the secrets to redact by value. */
interface ResponseErrorContext {
    method?: string;
    path?: string;
    /** Secrets of the client that sent the request: removed by value from everything the error holds. */
    secrets?: SecretSet;
}
/** The request a message describes, and the status it got. */
interface RequestCoordinates {
    method: string;
    path: string;
    statusCode: number | null;
}
/** An FGAC user as the security plugin prints it in a denial. */
interface FgacUser {
    name: string;
    backendRoles: string[];
}
/** Base class of every response error: statusCode, method, path, requestId and a `kind` discriminant. */
declare abstract class FgacResponseError extends errors.ResponseError {
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
    protected constructor(meta: ApiResponse, describe: (request: RequestCoordinates) => string, name: string, ctx?: ResponseErrorContext);
    /** Class-specific fields for toJSON and inspect. */
    protected abstract details(): Record<string, unknown>;
    /** A compact, redacted JSON form for logs. */
    toJSON(): Record<string, unknown>;
    /** Like ResponseError.toString (the JSON of the redacted body), but BigInt-safe: String(err) never throws. */
    toString(): string;
    /** util.inspect / console.log output: the stack and the redacted fields, never the raw meta. */
    [inspect.custom](_depth: number, options: InspectOptionsStylized): string;
}
/** A client option is missing, malformed or contradicts another one. */
declare class ConfigError extends Error {
    readonly kind: "config";
    /** The offending option, e.g. `auth.region` or `retry.retries`. */
    readonly option: string;
    constructor(option: string, message: string);
    /** A compact JSON form for logs. */
    toJSON(): Record<string, unknown>;
}
/** Credentials could not be obtained (provider failure, Cognito sign-in refused, missing env...). */
declare class CredentialsError extends Error {
    readonly kind: "credentials";
    /** Where the credentials were to come from, e.g. `cognito-idp:InitiateAuth`, `env`, `node-default-chain`. */
    readonly source: string;
    constructor(source: string, message: string, options?: {
        cause?: unknown;
    });
    /** A compact JSON form for logs (the cause reduced to its redacted name and message). */
    toJSON(): Record<string, unknown>;
}

/**
 * The 401/403 response errors: who refused (the security plugin, the domain access policy, AWS's
 * SigV4 check, a gateway or OpenSearch Serverless) and the parsed fields of each refusal.
 */

/** Why authentication failed. */
type UnauthorizedReason = 'bad_credentials' | 'authentication_failed' | 'bearer_rejected' | 'unknown';
/** Fields of an UnauthorizedError. */
interface UnauthorizedDetails {
    reason: UnauthorizedReason;
    /** The WWW-Authenticate challenge, e.g. `Basic realm="OpenSearch Security"`. */
    challenge: string | undefined;
    /** The (truncated, redacted) plain-text body, e.g. `Unauthorized`. */
    bodyText: string | undefined;
}
/** 401: the request carried no credentials, wrong ones, or a token no authentication domain accepted. */
declare class UnauthorizedError extends FgacResponseError {
    readonly kind: "unauthorized";
    readonly reason: UnauthorizedReason;
    readonly challenge: string | undefined;
    readonly bodyText: string | undefined;
    constructor(meta: ApiResponse, details: UnauthorizedDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: UnauthorizedDetails): string;
    protected details(): Record<string, unknown>;
}
/** Fields of a SecurityExceptionError. */
interface SecurityExceptionDetails {
    /** Actions the user lacks, e.g. `indices:data/read/search`. */
    actions: string[];
    /** The user the plugin evaluated; null when the reason names injected roles or is unparsed. */
    user: FgacUser | null;
    /** The tenant the request asked for (`requestedTenant=`), null when none. */
    requestedTenant: string | null;
    /** Injected roles (`associated roles [..]` format); null otherwise. */
    roles: string[] | null;
    /** Indices derived from the request path (`*` for `/_search`); null when unknown. */
    indices: string[] | null;
    /** The plugin's reason text. */
    reason: string;
}
/** 403 (or 401 on named REST routes) from the security plugin: the user lacks a permission. */
declare class SecurityExceptionError extends FgacResponseError {
    readonly kind: "security_exception";
    readonly actions: string[];
    readonly user: FgacUser | null;
    readonly requestedTenant: string | null;
    readonly roles: string[] | null;
    readonly indices: string[] | null;
    readonly reason: string;
    constructor(meta: ApiResponse, details: SecurityExceptionDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: SecurityExceptionDetails): string;
    protected details(): Record<string, unknown>;
}
/** Fields of an AccessPolicyDeniedError. */
interface AccessPolicyDeniedDetails {
    /** The IAM principal ARN, or `anonymous` for an unsigned request. */
    principal: string;
    /** The `es:` action, e.g. `es:ESHttpGet`. */
    action: string;
    /** The resource ARN when AWS names it. */
    resource: string | undefined;
    /** True when a Deny statement matched (not just no Allow). */
    explicitDeny: boolean;
    /** True when AWS said no resource-based policy allows the action. */
    noAllowingPolicy: boolean;
    /** AWS's own text. */
    awsMessage: string;
}
/** 403 from the domain access policy (IAM resource policy), before the request reached OpenSearch. */
declare class AccessPolicyDeniedError extends FgacResponseError {
    readonly kind: "access_policy_denied";
    readonly principal: string;
    readonly action: string;
    readonly resource: string | undefined;
    readonly explicitDeny: boolean;
    readonly noAllowingPolicy: boolean;
    readonly awsMessage: string;
    constructor(meta: ApiResponse, details: AccessPolicyDeniedDetails, ctx?: ResponseErrorContext);
    /** True when the request was not signed (AWS saw `anonymous`). */
    get anonymous(): boolean;
    /** The human message for these details. */
    static describe(d: AccessPolicyDeniedDetails): string;
    protected details(): Record<string, unknown>;
}
/** Fields of an ExpiredCredentialsError. */
interface ExpiredCredentialsDetails {
    /** `expired`: the session token expired; `invalid`: unknown key or a token that does not belong to it. */
    reason: 'expired' | 'invalid';
    awsMessage: string;
}
/** 403: AWS rejected the security token of a signed request (expired or invalid). */
declare class ExpiredCredentialsError extends FgacResponseError {
    readonly kind: "expired_credentials";
    readonly reason: 'expired' | 'invalid';
    readonly awsMessage: string;
    constructor(meta: ApiResponse, details: ExpiredCredentialsDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: ExpiredCredentialsDetails): string;
    protected details(): Record<string, unknown>;
}
/** What was wrong with the signature. */
type SignatureProblem = 'mismatch' | 'clock_skew' | 'credential_scope' | 'malformed';
/** Fields of a SignatureMismatchError. */
interface SignatureMismatchDetails {
    problem: SignatureProblem;
    /** The canonical request AWS computed, when it returned one (secrets redacted). */
    canonicalRequest: string | undefined;
    /** The string to sign AWS computed, when it returned one. */
    stringToSign: string | undefined;
    awsMessage: string;
}
/** 403: the SigV4 signature did not verify (mismatch, clock skew, wrong scope, malformed header). */
declare class SignatureMismatchError extends FgacResponseError {
    readonly kind: "signature_mismatch";
    readonly problem: SignatureProblem;
    readonly canonicalRequest: string | undefined;
    readonly stringToSign: string | undefined;
    readonly awsMessage: string;
    constructor(meta: ApiResponse, details: SignatureMismatchDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: SignatureMismatchDetails): string;
    protected details(): Record<string, unknown>;
}
/** Who answered a bare 403. */
type ForbiddenOrigin = 'serverless' | 'gateway' | 'unknown';
/** Fields of a ForbiddenError. */
interface ForbiddenDetails {
    /** `serverless`: OpenSearch Serverless (data access or network policy); `gateway`: an HTML page (load balancer, proxy, WAF). */
    origin: ForbiddenOrigin;
    /** The (truncated, redacted) reason or body text. */
    bodyText: string | undefined;
}
/**
 * 403 without the security plugin's or AWS's detail: OpenSearch Serverless (`{"status":403,
 * "error":{"type":"Forbidden"}}`: no data access or network policy allows the principal) or an
 * HTML/plain page from a load balancer, proxy or WAF in front of the domain.
 */
declare class ForbiddenError extends FgacResponseError {
    readonly kind: "forbidden";
    readonly origin: ForbiddenOrigin;
    readonly bodyText: string | undefined;
    constructor(meta: ApiResponse, details: ForbiddenDetails, ctx?: ResponseErrorContext);
    /** The human message for these details. */
    static describe(d: ForbiddenDetails): string;
    protected details(): Record<string, unknown>;
}

export { AccessPolicyDeniedError as A, ConfigError as C, ExpiredCredentialsError as E, type FgacErrorKind as F, type ResponseErrorContext as R, SecurityExceptionError as S, UnauthorizedError as U, CredentialsError as a, FgacResponseError as b, type FgacResponseErrorKind as c, type FgacUser as d, ForbiddenError as e, type ForbiddenOrigin as f, SignatureMismatchError as g, type SignatureProblem as h, type UnauthorizedReason as i, type RequestCoordinates as j, SecretSet as k };
