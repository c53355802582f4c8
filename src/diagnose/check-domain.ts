/**
 * `checkDomain(client)`: an online probe of a domain with fine-grained access control. It asks the
 * security plugin who the client is (`GET _plugins/_security/authinfo`, falling back to
 * `_opendistro/_security`), tells which recommended configuration of the Amazon OpenSearch Service
 * guide that identity fits, and turns every way the probe can fail (domain access policy, rejected,
 * expired or mis-signed credentials, security not initialised, TLS, network) into a problem and a fix
 * instead of an exception. Only the client's own transport (`client.transport.request`) is used.
 */
import { errors } from '@opensearch-project/opensearch';
import type { AuthMode } from '../config.js';
import {
  AccessPolicyDeniedError,
  ConfigError,
  CredentialsError,
  ExpiredCredentialsError,
  IndexNotFoundError,
  SecurityExceptionError,
  ServiceUnavailableError,
  SignatureMismatchError,
  ThrottledError,
  UnauthorizedError,
  isTlsFailureMessage,
} from '../errors/classes.js';
import { toTypedError } from '../errors/classify.js';
import { redactText } from '../errors/redact.js';

/** The part of an opensearch-js `Client` checkDomain uses; any `Client` (or one made by createClient) fits. */
export interface CheckDomainClient {
  transport: {
    request(
      params: { method: string; path: string },
      options?: { maxRetries?: number; requestTimeout?: number },
    ): Promise<{ body: unknown; statusCode: number | null }>;
  };
}

/** Options of {@link checkDomain}. */
export interface CheckDomainOptions {
  /** Retries of each probe request (default 0: report the first failure instead of backing off; an expired token still gets one forced refresh). */
  retries?: number;
  /** Timeout of each probe request in ms (default: the client's). */
  requestTimeoutMs?: number;
  /** Also read `<prefix>/api/account` to learn whether the user is in the internal user database (default true; failures are ignored). */
  account?: boolean;
  /** Security plugin prefix; default `_plugins/_security`, then `_opendistro/_security` when the first is missing. */
  prefix?: '_plugins/_security' | '_opendistro/_security';
}

/** What kind of principal the plugin sees, from its name (and the account API / client auth mode). */
export type PrincipalKind = 'iam-role' | 'iam-user' | 'iam-assumed-role' | 'cognito-user' | 'internal-user' | 'external-user';

/** Who the client is, as the security plugin sees it. */
export interface DomainIdentity {
  /** `user_name`: an internal user, an IAM ARN, `Cognito/<pool>/<user>`, ... */
  user: string;
  backendRoles: string[];
  /** Mapped security roles (what FGAC evaluates). */
  roles: string[];
  /** Tenants and whether they are writable. */
  tenants: Record<string, boolean>;
  /** The `securitytenant` the request asked for, null when none. */
  requestedTenant: string | null;
  kind: PrincipalKind;
  /** From `<prefix>/api/account` `is_internal_user`; undefined when not read. */
  internalUser: boolean | undefined;
  /** Mapped to `all_access`. */
  master: boolean;
  /** Mapped to `security_manager` (Amazon OpenSearch Service) or `all_access`: may use the security REST API. */
  securityManager: boolean;
  /** The security plugin prefix that answered. */
  prefix: string;
}

/** A recommended configuration of the Amazon OpenSearch Service FGAC guide (fgac-reference.md §1). */
export type RecommendedConfiguration = 'a' | 'b' | 'c' | 'd';

/** Which recommended configuration what the probe saw matches. */
export interface ConfigurationMatch {
  /**
   * `iam-master`: an IAM principal with all_access (master user = IAM ARN); `iam-principal`: a limited IAM
   * principal; `cognito`: a Cognito identity; `internal-master` / `internal-user`: the internal user database;
   * `external`: SAML/JWT/LDAP/proxy; `unmapped`: authenticated but mapped to no role.
   */
  id: 'iam-master' | 'iam-principal' | 'cognito' | 'internal-master' | 'internal-user' | 'external' | 'unmapped';
  /** The guide's configurations (a) to (d) this is consistent with. */
  recommended: RecommendedConfiguration[];
  summary: string;
}

/** Stable identifiers of the problems checkDomain recognises. */
export type DiagnosisCode =
  | 'access_policy_unsigned'
  | 'access_policy_principal'
  | 'credentials_rejected'
  | 'no_credentials'
  | 'identity_not_accepted'
  | 'credentials_expired'
  | 'credentials_invalid'
  | 'signature_mismatch'
  | 'clock_skew'
  | 'credentials_unavailable'
  | 'config'
  | 'security_not_initialized'
  | 'unavailable'
  | 'throttled'
  | 'forbidden'
  | 'no_security_plugin'
  | 'no_roles'
  | 'tenant_not_available'
  | 'tls'
  | 'unreachable'
  | 'timeout'
  | 'unexpected';

/** One problem found, and what to do about it. */
export interface Diagnosis {
  code: DiagnosisCode;
  /** `error`: the client cannot work as it is; `warning`: it works, but probably not as meant. */
  severity: 'error' | 'warning';
  problem: string;
  fix: string;
  /** The (typed, redacted) error behind it, when a request failed. */
  error?: Error;
}

/** What checkDomain found. */
export interface DomainCheckReport {
  /** True when the plugin authenticated the client and mapped it to at least one role (no `error` diagnosis). */
  ok: boolean;
  /** The client's auth mode, when it was made by createClient. */
  authMode?: AuthMode;
  identity?: DomainIdentity;
  configuration?: ConfigurationMatch;
  diagnosis: Diagnosis[];
}

const POLICY_EXAMPLE = 'Allow Principal AWS "*" Action es:ESHttp* Resource <domain-arn>/*';

function rec(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The auth mode of a client made by createClient (its transport carries the strategy), else undefined. */
function authModeOf(client: CheckDomainClient): AuthMode | undefined {
  try {
    const mode = rec(rec(client.transport as unknown)?.authStrategy)?.mode;
    return mode === 'iam' || mode === 'basic' || mode === 'cognito' || mode === 'none' ? mode : undefined;
  } catch {
    return undefined;
  }
}

const IAM_ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+/;
const IAM_USER = /^arn:aws[a-z-]*:iam::\d{12}:user\/.+/;
const ASSUMED_ROLE = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/.+/;
const COGNITO_USER = /^Cognito\/[^/]+\/.+/;

/** Classifies a principal name the way FGAC on Amazon OpenSearch Service names them. */
export function principalKindOf(user: string, hints: { internalUser?: boolean; authMode?: AuthMode } = {}): PrincipalKind {
  if (IAM_ROLE.test(user)) return 'iam-role';
  if (IAM_USER.test(user)) return 'iam-user';
  if (ASSUMED_ROLE.test(user)) return 'iam-assumed-role';
  if (COGNITO_USER.test(user)) return 'cognito-user';
  if (hints.internalUser === true) return 'internal-user';
  if (hints.internalUser === undefined && hints.authMode === 'basic') return 'internal-user';
  return 'external-user';
}

/** Builds the identity from an authinfo body. */
export function identityFromAuthInfo(
  authinfo: unknown,
  hints: { internalUser?: boolean; authMode?: AuthMode; prefix?: string } = {},
): DomainIdentity {
  const info = rec(authinfo) ?? {};
  const user = typeof info.user_name === 'string' ? info.user_name : '';
  const roles = strings(info.roles);
  const tenants: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(rec(info.tenants) ?? {})) if (typeof v === 'boolean') tenants[k] = v;
  const requested = info.user_requested_tenant;
  return {
    user,
    backendRoles: strings(info.backend_roles),
    roles,
    tenants,
    requestedTenant: typeof requested === 'string' && requested !== '' ? requested : null,
    kind: principalKindOf(user, hints),
    internalUser: hints.internalUser,
    master: roles.includes('all_access'),
    securityManager: roles.includes('all_access') || roles.includes('security_manager'),
    prefix: hints.prefix ?? '_plugins/_security',
  };
}

/** Which recommended configuration (fgac-reference.md §1) an identity fits. */
export function matchConfiguration(identity: DomainIdentity, authMode?: AuthMode): ConfigurationMatch {
  const iam = identity.kind === 'iam-role' || identity.kind === 'iam-user' || identity.kind === 'iam-assumed-role';
  if (identity.roles.length === 0) {
    return {
      id: 'unmapped',
      recommended: [],
      summary: `${identity.user} is authenticated but mapped to no role: FGAC refuses it everything except authinfo`,
    };
  }
  if (identity.kind === 'cognito-user' || authMode === 'cognito') {
    return {
      id: 'cognito',
      recommended: ['c'],
      summary: identity.kind === 'cognito-user'
        ? `a Cognito user pool user (${identity.user}): Dashboards sign-in through Amazon Cognito, configuration (c)`
        : `Cognito identity pool credentials, seen as ${identity.user}: the identity pool role is mapped in FGAC, as in configuration (c)` +
          `${identity.master ? ' (it is a master user: all_access)' : ''}`,
    };
  }
  if (iam && identity.master) {
    return {
      id: 'iam-master',
      recommended: ['a', 'c', 'd'],
      summary: `the master user is an IAM principal (${identity.user} has all_access) and API calls are SigV4-signed: configurations (a), (c) and (d)`,
    };
  }
  if (iam) {
    return {
      id: 'iam-principal',
      recommended: ['a', 'b', 'c', 'd'],
      summary: `a limited IAM principal (${identity.user}, roles ${identity.roles.join(', ')}) making SigV4-signed API calls, as every recommended configuration allows`,
    };
  }
  if (identity.kind === 'internal-user') {
    return identity.master
      ? {
          id: 'internal-master',
          recommended: ['b'],
          summary: `the master user is an internal user (${identity.user} has all_access) authenticated with HTTP basic: configuration (b)`,
        }
      : {
          id: 'internal-user',
          recommended: ['b'],
          summary: `an internal user of the internal user database (${identity.user}, roles ${identity.roles.join(', ')}) with HTTP basic: configuration (b)`,
        };
  }
  return {
    id: 'external',
    recommended: [],
    summary: `${identity.user} comes from an external identity provider (SAML, JWT, LDAP or proxy authentication), not one of the guide's API-client configurations`,
  };
}

function statusOf(err: unknown): number | undefined {
  const e = rec(err);
  const direct = e?.statusCode;
  if (typeof direct === 'number') return direct;
  const meta = rec(e?.meta)?.statusCode;
  return typeof meta === 'number' ? meta : undefined;
}

function asError(err: unknown): Error | undefined {
  return err instanceof Error ? err : undefined;
}

function withError(d: Omit<Diagnosis, 'error'>, err: unknown): Diagnosis {
  const e = asError(err);
  return e === undefined ? d : { ...d, error: e };
}

function describeUnknown(err: unknown): string {
  try {
    return redactText(err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);
  } catch {
    return 'an unprintable value was thrown';
  }
}

/** The problem and fix for a failed authinfo request. Never throws. */
export function diagnoseError(err: unknown, authMode?: AuthMode): Diagnosis {
  const typed = toTypedError(err);
  const d = (code: DiagnosisCode, problem: string, fix: string): Diagnosis => withError({ code, severity: 'error', problem, fix }, typed);

  if (typed instanceof AccessPolicyDeniedError) {
    const resource = typed.resource ?? '<domain-arn>/*';
    if (typed.anonymous) {
      return d(
        'access_policy_unsigned',
        `The domain access policy refused an unsigned (anonymous) request for ${typed.action}: it names IAM principals, so requests must be SigV4-signed` +
          `${authMode === 'basic' ? ', and HTTP basic requests cannot also be signed' : ''} (AWS: ${typed.awsMessage.trim()})`,
        `Use auth mode 'iam' (or 'cognito') with a principal the policy allows, or change the policy to the recommended one (${POLICY_EXAMPLE}) ` +
          'and let fine-grained access control decide who may do what (configuration b for internal users).',
      );
    }
    return d(
      'access_policy_principal',
      `The domain access policy does not allow ${typed.principal} to perform ${typed.action} on ${resource}` +
        `${typed.explicitDeny ? ' (an explicit Deny statement matched)' : ''} (AWS: ${typed.awsMessage.trim()})`,
      `Add ${typed.principal.includes(':assumed-role/') ? 'the IAM role behind this session (its role ARN)' : 'this principal'} to the policy's Principal` +
        `${typed.explicitDeny ? ' and remove or narrow the Deny statement' : ''}, or use the recommended policy (${POLICY_EXAMPLE}) and map the principal in FGAC instead.`,
    );
  }
  if (typed instanceof ExpiredCredentialsError) {
    return typed.reason === 'expired'
      ? d(
          'credentials_expired',
          'AWS rejected the request because its security token is expired, and the one forced credential refresh did not produce valid credentials',
          'Give the client a credential provider (or the default chain) that returns fresh credentials with their `expiration`, not a static copy of ' +
            'temporary credentials; check that the machine clock is right.',
        )
      : d(
          'credentials_invalid',
          'AWS does not recognise the access key, or the session token does not belong to it',
          'Use accessKeyId, secretAccessKey and sessionToken from the same source (temporary keys need their session token), issued for the ' +
            "domain's AWS partition and not revoked.",
        );
  }
  if (typed instanceof SignatureMismatchError) {
    switch (typed.problem) {
      case 'clock_skew':
        return d('clock_skew', `AWS rejected the signature because the request time is too far from its clock (${typed.awsMessage.trim()})`,
          "Synchronise the machine's clock (NTP); SigV4 allows five minutes of skew.");
      case 'credential_scope':
        return d('signature_mismatch', `The signature's credential scope is wrong (${typed.awsMessage.trim()})`,
          "Set auth.region to the domain's region and auth.service to 'es' for domains or 'aoss' for OpenSearch Serverless.");
      case 'malformed':
        return d('signature_mismatch', `AWS could not parse the Authorization header (${typed.awsMessage.trim()})`,
          'Make sure nothing between the client and the domain (proxy, tunnel) rewrites the Authorization or x-amz-* headers.');
      default:
        return d(
          'signature_mismatch',
          'AWS computed a different SigV4 signature than the client sent',
          "Check the secret access key; set auth.region to the domain's region and auth.service ('es' or 'aoss'); when `node` is a tunnel, VPC " +
            'endpoint or proxy, set auth.signingHost to the domain host; make sure no proxy changes the path, query or body; check the clock.',
        );
    }
  }
  if (typed instanceof UnauthorizedError) {
    if (authMode === 'none') {
      return d('no_credentials', 'The security plugin requires authentication and the client sends no credentials (auth mode none)',
        "Choose auth mode 'basic' (internal user), 'iam' or 'cognito'.");
    }
    if (authMode === 'iam' || authMode === 'cognito') {
      return d(
        'identity_not_accepted',
        `The signed request reached the security plugin, but no authentication domain accepted it (${typed.message})`,
        'SigV4 identities are only understood behind the Amazon OpenSearch Service endpoint: point `node` at the domain endpoint, or use ' +
          "auth mode 'basic' for a self-managed cluster.",
      );
    }
    return d(
      'credentials_rejected',
      `The security plugin rejected the credentials (${typed.message}); a wrong password and an unknown user look the same`,
      'Check auth.username and auth.password against the internal user database (on Amazon OpenSearch Service the internal user database must be ' +
        "enabled for basic auth); if the user comes from another backend (LDAP, SAML), check that backend.",
    );
  }
  if (typed instanceof ServiceUnavailableError) {
    return typed.securityNotInitialized
      ? d('security_not_initialized', 'The security plugin is not initialised: its configuration index is missing or not loaded yet',
        'Wait until the cluster has started; on a self-managed cluster load the security configuration (securityadmin.sh, or ' +
          'plugins.security.allow_default_init_securityindex) and check the node logs.')
      : d('unavailable', `The domain answered ${statusOf(typed) ?? 503}: ${typed.message}`,
        'Retry later; check the domain health and, behind a proxy or load balancer, that it reaches the nodes.');
  }
  if (typed instanceof ThrottledError) {
    return d('throttled', `The probe was throttled (${typed.message})`, 'Retry later, or with `retries` > 0.');
  }
  if (typed instanceof SecurityExceptionError) {
    return d('forbidden', `The security plugin refused even authinfo: ${typed.message}`,
      'The endpoint may restrict authinfo; ask an administrator to check the user\'s role mapping.');
  }
  if (typed instanceof CredentialsError) {
    return d('credentials_unavailable', `The client could not obtain credentials from ${typed.source}: ${typed.message}`,
      typed.source.startsWith('cognito')
        ? 'Check the Cognito user pool, app client (and secret), identity pool, user name and password or tokens.'
        : 'Check the credential source: environment variables, profile, role of the Lambda/ECS task or instance, or the provider passed in `credentials`.');
  }
  if (typed instanceof ConfigError) {
    return d('config', `The client configuration cannot work: ${typed.message}`, `Fix the option ${typed.option}.`);
  }
  if (typed instanceof errors.TimeoutError) {
    return d('timeout', `The probe timed out: ${redactText(typed.message)}`,
      'Check that the endpoint is reachable from here (VPC domains only from inside the VPC, security groups, proxies) or raise requestTimeoutMs.');
  }
  if (typed instanceof errors.ConnectionError) {
    const message = redactText(typed.message);
    return isTlsFailureMessage(message)
      ? d('tls', `TLS verification of the endpoint failed: ${message}`,
        "Pass the CA that signed the domain's certificate as ssl.ca, use the host name the certificate was issued for (or ssl.servername); " +
          'do not turn verification off outside local tests.')
      : d('unreachable', `Could not connect to the endpoint: ${message}`,
        'Check the node URL and port, DNS, the VPC (security groups, routes; VPC domains are not reachable from outside) and any proxy.');
  }
  return d('unexpected', `The probe failed: ${describeUnknown(err)}`, 'See `error` for details.');
}

/** A 400/404 from the authinfo path: the prefix (or the whole security plugin) is missing. */
function isMissingEndpoint(err: unknown): boolean {
  if (err instanceof IndexNotFoundError) return true;
  const status = statusOf(err);
  return status === 400 || status === 404 || status === 405;
}

/**
 * Probes the domain with the client's own transport: who the client is (authinfo), which recommended
 * configuration that matches, and a problem + fix for each failure. Resolves for every failure it can
 * diagnose (access policy, 401, expired or invalid token, signature, 503, TLS, network, no roles); never
 * rejects for a failed request.
 */
export async function checkDomain(client: CheckDomainClient, options: CheckDomainOptions = {}): Promise<DomainCheckReport> {
  const authMode = authModeOf(client);
  const report: DomainCheckReport = { ok: false, ...(authMode !== undefined ? { authMode } : {}), diagnosis: [] };
  const requestOptions = {
    maxRetries: options.retries ?? 0,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeout: options.requestTimeoutMs } : {}),
  };
  const prefixes = options.prefix !== undefined ? [options.prefix] : ['_plugins/_security', '_opendistro/_security'];

  let authinfo: unknown;
  let prefix: string | undefined;
  let lastMissing: unknown;
  for (const candidate of prefixes) {
    try {
      const res = await client.transport.request({ method: 'GET', path: `/${candidate}/authinfo` }, requestOptions);
      authinfo = res.body;
      prefix = candidate;
      break;
    } catch (err) {
      const typed = toTypedError(err);
      if (isMissingEndpoint(typed)) {
        lastMissing = typed;
        continue;
      }
      report.diagnosis.push(diagnoseError(typed, authMode));
      return report;
    }
  }
  if (prefix === undefined || rec(authinfo) === undefined || typeof rec(authinfo)?.user_name !== 'string') {
    report.diagnosis.push(withError({
      code: 'no_security_plugin',
      severity: 'error',
      problem: prefix === undefined
        ? `The endpoint has no security plugin authinfo API (${prefixes.map((p) => `/${p}/authinfo`).join(', ')}): fine-grained access control is not enabled`
        : `/${prefix}/authinfo answered without a user name: this is not the security plugin's authinfo`,
      fix: 'Enable fine-grained access control on the domain (or install the security plugin), or point `node` at the domain endpoint.',
    }, lastMissing));
    return report;
  }

  let internalUser: boolean | undefined;
  if (options.account !== false) {
    try {
      const res = await client.transport.request({ method: 'GET', path: `/${prefix}/api/account` }, requestOptions);
      const flag = rec(res.body)?.is_internal_user;
      if (typeof flag === 'boolean') internalUser = flag;
    } catch {
      // Optional: some endpoints restrict the account API.
    }
  }

  const identity = identityFromAuthInfo(authinfo, { ...(internalUser !== undefined ? { internalUser } : {}), ...(authMode !== undefined ? { authMode } : {}), prefix });
  report.identity = identity;
  report.configuration = matchConfiguration(identity, authMode);

  if (identity.roles.length === 0) {
    const iam = identity.kind === 'iam-role' || identity.kind === 'iam-assumed-role';
    const how = iam
      ? `map its IAM role ARN under backend_roles (e.g. SecurityApi.roleMappings.addBackendRoles('<role>', ['${identity.kind === 'iam-role' ? identity.user : '<role ARN>'}']))`
      : identity.backendRoles.length > 0
        ? `map the user under users, or one of its backend roles (${identity.backendRoles.join(', ')}) under backend_roles`
        : `map it under users (e.g. SecurityApi.roleMappings.addUsers('<role>', ['${identity.user}']))`;
    report.diagnosis.push({
      code: 'no_roles',
      severity: 'error',
      problem: `${identity.user} is authenticated but mapped to no role (authinfo roles is empty): every request except authinfo gets a 403 security_exception`,
      fix: `As a security admin, ${how}; check the spelling of existing mappings (backend roles and user names are case-sensitive).`,
    });
  }

  const tenant = identity.requestedTenant;
  if (tenant !== null && tenant !== '__user__' && !(tenant in identity.tenants) && identity.roles.length > 0) {
    report.diagnosis.push({
      code: 'tenant_not_available',
      severity: 'warning',
      problem: `The client requests tenant ${tenant}, which is not among the user's tenants (${Object.keys(identity.tenants).join(', ') || 'none'})`,
      fix: 'Use one of the listed tenants (or __user__ for the private tenant), or grant the tenant through a role\'s tenant_permissions.',
    });
  }

  report.ok = !report.diagnosis.some((d) => d.severity === 'error');
  return report;
}
