/**
 * Diagnosis: a failed probe request (or what the identity shows) turned into a problem and a fix.
 * Pure: it reads the typed error of the error boundary, it sends nothing.
 */
import { errors } from '@opensearch-project/opensearch';
import type { AuthMode } from '../auth/modes.js';
import { modeSigns } from '../auth/mode-names.js';
import {
  AccessPolicyDeniedError,
  ConfigError,
  CredentialsError,
  ExpiredCredentialsError,
  SecurityExceptionError,
  ServiceUnavailableError,
  SignatureMismatchError,
  ThrottledError,
  UnauthorizedError,
  isTlsFailureMessage,
} from '../errors/classes.js';
import { isOversizedBodyMessage } from '../errors/guards.js';
import { isFgacErrorObject } from '../errors/base.js';
import { toTypedError } from '../errors/boundary.js';
import { openSearchErrorOf, rec, statusOf } from '../errors/body.js';
import { redactText } from '../errors/redact.js';
import { SecretSet, secretsOf } from '../errors/secrets.js';
import { connectionSecrets, errorRequestSecrets } from './connection-secrets.js';
import type { DomainIdentity } from './identity.js';
import { field, setOwn } from '../errors/own.js';

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
  | 'redirected'
  | 'response_too_large'
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

const POLICY_EXAMPLE = 'Allow Principal AWS "*" Action es:ESHttp* Resource <domain-arn>/*';


function asError(err: unknown): Error | undefined {
  if (!(err instanceof Error)) return undefined;
  // This package's errors and opensearch-js's have been through the error boundary (redacted).
  if (isFgacErrorObject(err) || err instanceof errors.OpenSearchClientError) return err;
  // Anything else (a TypeError, a network library's error) is handed back as a copy with its message
  // redacted and no stack (the stack repeats the message).
  const copy = new Error(redactText(String(err.message)));
  copy.name = String(err.name);
  copy.stack = `${copy.name}: ${copy.message}`;
  const code = field(err, 'code');
  if (typeof code === 'string') setOwn(copy, 'code', code);
  return copy;
}

/** A diagnosis carrying `err` when it is an Error. */
export function withError(d: Omit<Diagnosis, 'error'>, err: unknown): Diagnosis {
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

/** The status and reason of an answered error (the server's own words, redacted and bounded), if it is one. */
export function answerOf(e: unknown): string | undefined {
  if (!(e instanceof errors.ResponseError)) return undefined;
  const body: unknown = e.meta?.body;
  // the error-body reader the classifier uses (error.reason / type / root_cause, or a string `error`)
  const json = rec(body);
  const os = openSearchErrorOf(json);
  const reason = typeof body === 'string' ? body : os?.reason ?? os?.type ?? json?.message;
  let text = typeof reason === 'string' && reason.trim() !== '' ? `: ${reason.trim()}` : '';
  // a search's "all shards failed" hides why (a size over max_result_window: "Result window is too large ...")
  const root = firstRootCause(json);
  if (root !== undefined && !text.includes(root)) text += ` (${root})`;
  return redactText(`HTTP ${String(e.meta?.statusCode)}${text}`).slice(0, 500);
}

/** The reason of an OpenSearch error body's first root cause, if it has one. */
function firstRootCause(json: Record<string, unknown> | undefined): string | undefined {
  const error = rec(json === undefined ? undefined : field(json, 'error'));
  const first: unknown = Array.isArray(error?.root_cause) ? error.root_cause[0] : undefined;
  const reason = rec(first)?.reason;
  return typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : undefined;
}

/**
 * The problem and fix for a failed authinfo request. Never throws. `client`: the client that made the request, whose
 * secrets (and, for a plain opensearch-js Client, the credentials it sends) are removed by value too; needed for an
 * error that names no request (a DeserializationError of a body that echoed them).
 */
export function diagnoseError(err: unknown, authMode?: AuthMode, client?: object): Diagnosis {
  try {
    // an error of a plain opensearch-js client: the credentials its request carried are removed by value too
    const carried = [...errorRequestSecrets(err), ...(client !== undefined && client !== null ? connectionSecrets(client) : [])];
    const own = client !== undefined && client !== null ? clientSecrets(client) : undefined;
    const secrets = carried.length > 0 ? (own ?? new SecretSet()).with(carried) : own;
    return diagnoseTyped(toTypedError(err, secrets !== undefined ? { secrets } : {}), err, authMode);
  } catch {
    // an error whose type or fields cannot be read (a hostile Proxy): nothing of it is handed back
    return { code: 'unexpected', severity: 'error', problem: 'The probe failed with an error that cannot be read', fix: 'Check what the client or its transport throws.' };
  }
}

/** The secret set of a client made by createClient (its transport's); undefined for any other object. */
function clientSecrets(client: object): SecretSet | undefined {
  try {
    const transport = (client as { transport?: unknown }).transport;
    return transport !== null && typeof transport === 'object' ? secretsOf(transport) : undefined;
  } catch {
    return undefined;
  }
}

function diagnoseTyped(typed: unknown, err: unknown, authMode: AuthMode | undefined): Diagnosis {
  const d = (code: DiagnosisCode, problem: string, fix: string): Diagnosis => withError({ code, severity: 'error', problem, fix }, typed);
  // opensearch-js's own size limit (maxResponseSize, a declared content-length) and the SDK's counted one
  const tooLarge = (message: string): Diagnosis => d('response_too_large', `The endpoint answered with a body too long to read (${message})`,
    'Something other than the domain (a proxy, another service) probably answers at this URL: point `node` at the domain endpoint.');

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
    if (authMode !== undefined && modeSigns(authMode)) {
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
  if (typed instanceof errors.RequestAbortedError && /^The content length \(\d+\) is bigger than the maximum allowed/.test(typed.message)) {
    return tooLarge(redactText(typed.message));
  }
  if (typed instanceof errors.TimeoutError) {
    return d('timeout', `The probe timed out: ${redactText(typed.message)}`,
      'Check that the endpoint is reachable from here (VPC domains only from inside the VPC, security groups, proxies) or raise requestTimeoutMs.');
  }
  if (typed instanceof errors.ConnectionError) {
    const message = redactText(typed.message);
    if (isOversizedBodyMessage(message)) return tooLarge(message);
    return isTlsFailureMessage(message)
      ? d('tls', `TLS verification of the endpoint failed: ${message}`,
        "Pass the CA that signed the domain's certificate as ssl.ca, use the host name the certificate was issued for (or ssl.servername); " +
          'do not turn verification off outside local tests.')
      : d('unreachable', `Could not connect to the endpoint: ${message}`,
        'Check the node URL and port, DNS, the VPC (security groups, routes; VPC domains are not reachable from outside) and any proxy.');
  }
  return d('unexpected', `The probe failed: ${answerOf(typed) ?? describeUnknown(err)}`,
    'The domain (or a proxy in front of it) answered with an error this check does not know: its status and reason are in the problem.');
}

/** The diagnosis when no security plugin authinfo answered (`prefix` undefined) or it answered without a user name. */
export function noSecurityPlugin(prefix: string | undefined, tried: readonly string[], lastMissing: unknown): Diagnosis {
  return withError({
    code: 'no_security_plugin',
    severity: 'error',
    problem: prefix === undefined
      ? `The endpoint has no security plugin authinfo API (${tried.map((p) => `/${p}/authinfo`).join(', ')}): fine-grained access control is not enabled`
      : `/${prefix}/authinfo answered without a user name: this is not the security plugin's authinfo`,
    fix: 'Enable fine-grained access control on the domain (or install the security plugin), or point `node` at the domain endpoint.',
  }, lastMissing);
}

/** The diagnosis when authinfo answered with a redirect, which the client does not follow (a Dashboards or SSO URL, http -> https). */
export function redirected(prefix: string, status: number, location: string | undefined): Diagnosis {
  return {
    code: 'redirected',
    severity: 'error',
    problem: `/${prefix}/authinfo answered ${status} redirecting to ${location ?? 'a location it did not name'}; the client does not follow redirects`,
    fix: 'Point `node` at the domain endpoint itself (its https URL, not a Dashboards, SSO or load-balancer URL that redirects).',
  };
}

/** The client signs by a clock corrected from a server's Date (it works, but the machine's clock is off). */
export function correctedClock(offsetMs: number): Diagnosis {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  return {
    code: 'clock_skew',
    severity: 'warning',
    problem: `The machine's clock is ${seconds} s ${offsetMs > 0 ? 'behind' : 'ahead of'} the domain's: AWS refused a signature for it, and the client now signs by the domain's time (requests work)`,
    fix: "Synchronise the machine's clock (NTP): other clients and AWS SDK calls on this machine may not correct it.",
  };
}

/** What the identity itself shows: mapped to no role (error), a requested tenant the user does not have (warning). */
export function diagnoseIdentity(identity: DomainIdentity): Diagnosis[] {
  const found: Diagnosis[] = [];
  if (identity.roles.length === 0) {
    const iam = identity.kind === 'iam-role' || identity.kind === 'iam-assumed-role';
    const how = iam
      ? `map its IAM role ARN under backend_roles (e.g. SecurityApi.roleMappings.addBackendRoles('<role>', ['${identity.kind === 'iam-role' ? identity.user : '<role ARN>'}']))`
      : identity.backendRoles.length > 0
        ? `map the user under users, or one of its backend roles (${identity.backendRoles.join(', ')}) under backend_roles`
        : `map it under users (e.g. SecurityApi.roleMappings.addUsers('<role>', ['${identity.user}']))`;
    found.push({
      code: 'no_roles',
      severity: 'error',
      problem: `${identity.user} is authenticated but mapped to no role (authinfo roles is empty): every request except authinfo gets a 403 security_exception`,
      fix: `As a security admin, ${how}; check the spelling of existing mappings (backend roles and user names are case-sensitive).`,
    });
  }
  const tenant = identity.requestedTenant;
  if (tenant !== null && tenant !== '__user__' && !(tenant in identity.tenants) && identity.roles.length > 0) {
    found.push({
      code: 'tenant_not_available',
      severity: 'warning',
      problem: `The client requests tenant ${tenant}, which is not among the user's tenants (${Object.keys(identity.tenants).join(', ') || 'none'})`,
      fix: 'Use one of the listed tenants (or __user__ for the private tenant), or grant the tenant through a role\'s tenant_permissions.',
    });
  }
  return found;
}
