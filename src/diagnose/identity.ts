/**
 * Who the client is, as the security plugin sees it: the identity built from an authinfo body, the kind
 * of principal its name shows (IAM role/user/session, Cognito user, internal or external user), and which
 * recommended configuration of the Amazon OpenSearch Service FGAC guide it fits. Pure: no requests.
 */
import type { AuthMode } from '../auth/modes.js';
import { parseAuthInfo } from '../fgac/authinfo.js';
import { SECURITY_API_PREFIXES } from '../security/prefix.js';

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
  const info = parseAuthInfo(authinfo);
  const user = info?.name ?? '';
  const roles = info?.roles ?? [];
  return {
    user,
    backendRoles: info?.backendRoles ?? [],
    roles,
    tenants: info?.tenants ?? {},
    requestedTenant: info?.requestedTenant ?? null,
    kind: principalKindOf(user, hints),
    internalUser: hints.internalUser,
    master: roles.includes('all_access'),
    securityManager: roles.includes('all_access') || roles.includes('security_manager'),
    prefix: hints.prefix ?? SECURITY_API_PREFIXES[0],
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
