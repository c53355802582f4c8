/**
 * The 401/403 response errors: who refused (the security plugin, the domain access policy, AWS's
 * SigV4 check, a gateway or OpenSearch Serverless) and the parsed fields of each refusal.
 */
import type { ApiResponse } from '@opensearch-project/opensearch';
import { FgacResponseError, list, type FgacUser, type ResponseErrorContext } from './base.js';
import { redactExcerpt, redactText } from './redact.js';
import { opt } from './own.js';
import type { PluginAuthRefusalKind } from './parse-plugin-refusals.js';
import { indicesPhrase } from './indices-phrase.js';

/** Why authentication failed. */
export type UnauthorizedReason = 'bad_credentials' | 'authentication_failed' | 'bearer_rejected' | 'unknown';

/** Fields of an UnauthorizedError. */
export interface UnauthorizedDetails {
  reason: UnauthorizedReason;
  /** The WWW-Authenticate challenge, e.g. `Basic realm="OpenSearch Security"`. */
  challenge: string | undefined;
  /** The (truncated, redacted) plain-text body, e.g. `Unauthorized`. */
  bodyText: string | undefined;
}

/** 401: the request carried no credentials, wrong ones, or a token no authentication domain accepted. */
export class UnauthorizedError extends FgacResponseError {
  readonly kind = 'unauthorized' as const;
  readonly reason: UnauthorizedReason;
  readonly challenge: string | undefined;
  readonly bodyText: string | undefined;

  constructor(meta: ApiResponse, details: UnauthorizedDetails, ctx?: ResponseErrorContext) {
    super(meta, () => new.target.describe(details), 'UnauthorizedError', ctx);
    this.reason = details.reason;
    this.challenge = details.challenge === undefined ? undefined : redactText(details.challenge, ctx?.secrets);
    this.bodyText = details.bodyText === undefined ? undefined : redactText(details.bodyText, ctx?.secrets);
  }

  /** The human message for these details. */
  static describe(d: UnauthorizedDetails): string {
    const challenge = d.challenge === undefined ? '' : ` (WWW-Authenticate: ${d.challenge})`;
    switch (d.reason) {
      case 'bad_credentials':
        return `Authentication failed: the username/password was missing or wrong${challenge}`;
      case 'authentication_failed':
        return `Authentication failed: no authentication domain of the security plugin accepted the request's credentials${challenge}`;
      case 'bearer_rejected':
        return `Authentication failed: the bearer token (JWT) was missing, invalid or expired${challenge}`;
      default:
        return `Authentication failed (401)${d.bodyText ? `: ${d.bodyText}` : ''}${challenge}`;
    }
  }

  protected details(): Record<string, unknown> {
    return { reason: this.reason, challenge: this.challenge, bodyText: this.bodyText };
  }
}

/**
 * What the client itself knows of the principal it sent (basic mode: its own user name). The plugin writes
 * names, backend roles and tenants unescaped, so a name holding `, backend_roles=[` can be read more than
 * one way: the known name (and roles, when known) picks the reading that names the principal sent.
 */
export interface KnownPrincipal {
  /** The user name the request authenticated as. */
  name: string;
  /** Its backend roles, when the client knows them (any order). */
  backendRoles?: readonly string[];
}

/** Fields of a SecurityExceptionError. */
export interface SecurityExceptionDetails {
  /** Actions the user lacks, e.g. `indices:data/read/search`. */
  actions: string[];
  /** True when any one of `actions` would do (`no permissions for [any of [..]]`: a REST route's legacy and new name). */
  anyOf?: boolean;
  /**
   * The user the plugin evaluated; null when the reason names injected roles, is unparsed, or its name is `ambiguous`.
   * With `ambiguous` and a user, the name is certain and its backend roles are not: `backendRoles` is then [].
   */
  user: FgacUser | null;
  /**
   * True when the reason names its principal in a way that reads more than one way (a name, backend role, tenant
   * or injected role holding the plugin's own delimiters, such as `, backend_roles=[`) and nothing the client
   * knows picks one: `user` (or `roles`) is then null rather than a guess (or, when only the backend roles are in
   * doubt, `user.backendRoles` is []), and `requestedTenant` is null unless every reading agrees on it.
   */
  ambiguous?: boolean;
  /** The tenant the request asked for (`requestedTenant=`), null when none. */
  requestedTenant: string | null;
  /** Injected roles (`associated roles [..]` format); null otherwise, and when they read more than one way (`ambiguous`). */
  roles: string[] | null;
  /**
   * The indices the request path targets (`*` for `/_search`), as written (a pattern stays one); null when unknown. The
   * plugin names none: with more than one, or a pattern, it refused one or more of them (of the indices it matches).
   */
  indices: string[] | null;
  /** The plugin's reason text. */
  reason: string;
  /**
   * Set when the plugin refused before evaluating any privilege (impersonation, a reserved header, an admin DN logging in
   * by HTTP credentials, an API not allowlisted): `user` is then the user refused impersonation (its backend roles are not
   * named: []), null when unnamed or in doubt (`ambiguous`) and for the other refusals.
   */
  refusal?: PluginAuthRefusalKind;
  /** The user the request asked to impersonate (`opendistro_security_impersonate_as`); null when not named or in doubt. */
  impersonatedUser?: string | null;
}

/** The message of a refusal made before any privilege was evaluated. */
function earlyRefusal(d: SecurityExceptionDetails, refusal: PluginAuthRefusalKind): string {
  const target = opt(d, 'impersonatedUser') ?? null;
  switch (refusal) {
    case 'reserved_header':
      return "Security plugin refused the request before authentication: it carries a header reserved for the plugin's node-to-node traffic (a name starting with _opendistro_security_)";
    case 'impersonation_of_admin':
      return `Impersonating ${target ?? 'an admin'} refused: the DN of an admin certificate (plugins.security.authcz.admin_dn) cannot be impersonated`;
    case 'impersonation_unknown_user':
      return `Impersonating ${target ?? 'a user'} refused: no authentication backend knows that user`;
    case 'admin_login_via_http':
      return "Security plugin refused the login: the user's name is the DN of an admin certificate (plugins.security.authcz.admin_dn), which may authenticate only by that TLS client certificate, never by HTTP credentials";
    case 'not_allowlisted':
      return "Security plugin refused the request: the API is not in the plugin's allowlist (allowlist.yml / the allowlist REST API), which only the super admin may bypass";
    default:
      if (d.user === null || target === null) return `Impersonation refused (the user names hold the plugin's own words): ${redactExcerpt(d.reason, 300)}`;
      return `User ${d.user.name} may not impersonate ${target} (no plugins.security.authcz.rest_impersonation_user entry allows it)`;
  }
}

/** 403 (or 401 on named REST routes) from the security plugin: the user lacks a permission. */
export class SecurityExceptionError extends FgacResponseError {
  readonly kind = 'security_exception' as const;
  readonly actions: string[];
  /** True when any one of `actions` would do (a REST route known by a legacy and a new action name). */
  readonly anyOf: boolean;
  readonly user: FgacUser | null;
  /** True when the reason's principal could not be read unambiguously (`user` null, or named with `backendRoles` [] when only they are in doubt). */
  readonly ambiguous: boolean;
  readonly requestedTenant: string | null;
  readonly roles: string[] | null;
  readonly indices: string[] | null;
  readonly reason: string;
  /** Set when the plugin refused before evaluating privileges (impersonation, a reserved header, an admin DN's login, the allowlist); null otherwise. */
  readonly refusal: PluginAuthRefusalKind | null;
  /** The user the request asked to impersonate, when the plugin names it unambiguously; null otherwise. */
  readonly impersonatedUser: string | null;

  constructor(meta: ApiResponse, details: SecurityExceptionDetails, ctx?: ResponseErrorContext) {
    super(meta, () => new.target.describe(details), 'SecurityExceptionError', ctx);
    const secrets = ctx === undefined ? undefined : opt(ctx, 'secrets');
    this.refusal = opt(details, 'refusal') ?? null;
    const target = opt(details, 'impersonatedUser');
    this.impersonatedUser = target === undefined || target === null ? null : redactText(target, secrets);
    this.actions = [...details.actions];
    this.anyOf = opt(details, 'anyOf') === true;
    this.ambiguous = opt(details, 'ambiguous') === true;
    this.user = details.user === null ? null : { name: details.user.name, backendRoles: [...details.user.backendRoles] };
    this.requestedTenant = details.requestedTenant;
    this.roles = details.roles === null ? null : [...details.roles];
    this.indices = details.indices === null ? null : [...details.indices];
    this.reason = redactText(details.reason, secrets);
  }

  /** The human message for these details. */
  static describe(d: SecurityExceptionDetails): string {
    const what = d.actions.length > 0 ? `${opt(d, 'anyOf') === true ? 'any of ' : ''}${list(d.actions)}` : 'a permission this request needs';
    const refusal = opt(d, 'refusal');
    if (refusal !== undefined) return earlyRefusal(d, refusal);
    const on = indicesPhrase(d.indices);
    if (d.user !== null) {
      const roles = opt(d, 'ambiguous') === true ? "backend roles unreadable: one holds the plugin's delimiters" : d.user.backendRoles.length > 0 ? `backend roles: ${list(d.user.backendRoles)}` : 'no backend roles';
      const tenant = d.requestedTenant !== null ? `, tenant: ${d.requestedTenant}` : '';
      return `User ${d.user.name} (${roles}${tenant}) lacks ${what}${on}`;
    }
    if (d.roles !== null) return `Request with injected roles [${list(d.roles)}] lacks ${what}${on}`;
    if (d.ambiguous === true) {
      const tenant = d.requestedTenant !== null ? ` (tenant: ${d.requestedTenant})` : '';
      return `A principal the security plugin names ambiguously (a user name, backend role, tenant or role holds the plugin's own delimiters)${tenant} lacks ${what}${on}`;
    }
    return `Security plugin denied the request: ${redactExcerpt(d.reason, 300)}`;
  }

  protected details(): Record<string, unknown> {
    return {
      actions: this.actions,
      anyOf: this.anyOf,
      user: this.user,
      ambiguous: this.ambiguous,
      requestedTenant: this.requestedTenant,
      roles: this.roles,
      indices: this.indices,
      reason: this.reason,
      refusal: this.refusal,
      impersonatedUser: this.impersonatedUser,
    };
  }
}

/** Fields of an AccessPolicyDeniedError. */
export interface AccessPolicyDeniedDetails {
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
export class AccessPolicyDeniedError extends FgacResponseError {
  readonly kind = 'access_policy_denied' as const;
  readonly principal: string;
  readonly action: string;
  readonly resource: string | undefined;
  readonly explicitDeny: boolean;
  readonly noAllowingPolicy: boolean;
  readonly awsMessage: string;

  constructor(meta: ApiResponse, details: AccessPolicyDeniedDetails, ctx?: ResponseErrorContext) {
    super(meta, () => new.target.describe(details), 'AccessPolicyDeniedError', ctx);
    this.principal = details.principal;
    this.action = details.action;
    this.resource = details.resource;
    this.explicitDeny = details.explicitDeny;
    this.noAllowingPolicy = details.noAllowingPolicy;
    this.awsMessage = redactText(details.awsMessage, ctx?.secrets);
  }

  /** True when the request was not signed (AWS saw `anonymous`). */
  get anonymous(): boolean {
    return this.principal === 'anonymous';
  }

  /** The human message for these details. */
  static describe(d: AccessPolicyDeniedDetails): string {
    const who = d.principal === 'anonymous' ? 'Unsigned (anonymous) request' : `Request signed for ${d.principal}`;
    const on = d.resource !== undefined ? ` on ${d.resource}` : '';
    const why = d.explicitDeny ? ' (an explicit Deny statement matches)' : d.noAllowingPolicy ? ' (no statement allows it)' : '';
    return `${who} denied by the domain access policy: ${d.action}${on}${why}`;
  }

  protected details(): Record<string, unknown> {
    return {
      principal: this.principal,
      action: this.action,
      resource: this.resource,
      explicitDeny: this.explicitDeny,
      noAllowingPolicy: this.noAllowingPolicy,
      awsMessage: this.awsMessage,
    };
  }
}

/** Fields of an ExpiredCredentialsError. */
export interface ExpiredCredentialsDetails {
  /** `expired`: the session token expired; `invalid`: unknown key or a token that does not belong to it. */
  reason: 'expired' | 'invalid';
  awsMessage: string;
}

/** 403: AWS rejected the security token of a signed request (expired or invalid). */
export class ExpiredCredentialsError extends FgacResponseError {
  readonly kind = 'expired_credentials' as const;
  readonly reason: 'expired' | 'invalid';
  readonly awsMessage: string;

  constructor(meta: ApiResponse, details: ExpiredCredentialsDetails, ctx?: ResponseErrorContext) {
    super(meta, () => new.target.describe(details), 'ExpiredCredentialsError', ctx);
    this.reason = details.reason;
    this.awsMessage = redactText(details.awsMessage, ctx?.secrets);
  }

  /** The human message for these details. */
  static describe(d: ExpiredCredentialsDetails): string {
    return d.reason === 'expired'
      ? 'The AWS security token of the request is expired: refresh the credentials and sign again'
      : 'The AWS security token of the request is invalid: the access key is unknown or the session token does not belong to it';
  }

  protected details(): Record<string, unknown> {
    return { reason: this.reason, awsMessage: this.awsMessage };
  }
}

/** What was wrong with the signature. */
export type SignatureProblem = 'mismatch' | 'clock_skew' | 'credential_scope' | 'malformed';

/** Fields of a SignatureMismatchError. */
export interface SignatureMismatchDetails {
  problem: SignatureProblem;
  /** The canonical request AWS computed, when it returned one (secrets redacted). */
  canonicalRequest: string | undefined;
  /** The string to sign AWS computed, when it returned one. */
  stringToSign: string | undefined;
  awsMessage: string;
}

/** 403: the SigV4 signature did not verify (mismatch, clock skew, wrong scope, malformed header). */
export class SignatureMismatchError extends FgacResponseError {
  readonly kind = 'signature_mismatch' as const;
  readonly problem: SignatureProblem;
  readonly canonicalRequest: string | undefined;
  readonly stringToSign: string | undefined;
  readonly awsMessage: string;

  constructor(meta: ApiResponse, details: SignatureMismatchDetails, ctx?: ResponseErrorContext) {
    super(meta, () => new.target.describe(details), 'SignatureMismatchError', ctx);
    const s = ctx?.secrets;
    this.problem = details.problem;
    this.canonicalRequest = details.canonicalRequest === undefined ? undefined : redactText(details.canonicalRequest, s);
    this.stringToSign = details.stringToSign === undefined ? undefined : redactText(details.stringToSign, s);
    this.awsMessage = redactText(details.awsMessage, s);
  }

  /** The human message for these details. */
  static describe(d: SignatureMismatchDetails): string {
    switch (d.problem) {
      case 'clock_skew':
        return `SigV4 signature rejected: the request time is too far from AWS's clock (${d.awsMessage})`;
      case 'credential_scope':
        return `SigV4 signature rejected: wrong credential scope (${d.awsMessage.trim()})`;
      case 'malformed':
        return `SigV4 signature rejected: malformed Authorization (${d.awsMessage.trim()})`;
      default:
        return (
          'SigV4 signature mismatch: AWS computed a different signature (check the secret key, region, service, ' +
          `signed host and body hash${d.canonicalRequest !== undefined ? '; see canonicalRequest for what AWS signed' : ''})`
        );
    }
  }

  protected details(): Record<string, unknown> {
    return {
      problem: this.problem,
      canonicalRequest: this.canonicalRequest,
      stringToSign: this.stringToSign,
      awsMessage: this.awsMessage,
    };
  }
}

/** Who answered a bare 403. */
export type ForbiddenOrigin = 'serverless' | 'gateway' | 'unknown';

/** Fields of a ForbiddenError. */
export interface ForbiddenDetails {
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
export class ForbiddenError extends FgacResponseError {
  readonly kind = 'forbidden' as const;
  readonly origin: ForbiddenOrigin;
  readonly bodyText: string | undefined;

  constructor(meta: ApiResponse, details: ForbiddenDetails, ctx?: ResponseErrorContext) {
    super(meta, () => new.target.describe(details), 'ForbiddenError', ctx);
    this.origin = details.origin;
    this.bodyText = details.bodyText === undefined ? undefined : redactText(details.bodyText, ctx?.secrets);
  }

  /** The human message for these details. */
  static describe(d: ForbiddenDetails): string {
    if (d.origin === 'serverless') {
      return 'Forbidden (403) by OpenSearch Serverless: no data access policy (or network policy) of the collection allows this principal and action';
    }
    if (d.origin === 'gateway') return `Forbidden (403) by a gateway in front of the domain (load balancer, proxy or WAF)${d.bodyText ? `: ${d.bodyText}` : ''}`;
    return `Forbidden (403)${d.bodyText ? `: ${d.bodyText}` : ''}`;
  }

  protected details(): Record<string, unknown> {
    return { origin: this.origin, bodyText: this.bodyText };
  }
}
