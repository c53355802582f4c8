/**
 * The security plugin's configuration for the tutorial scenario of the Amazon OpenSearch Service
 * FGAC guide: a master user, `new-user` / `new-backend-role` mapped to `new-role` (DLS + FLS +
 * masking on flights*), and the tutorial's IAM role ARNs mapped as backend roles.
 */
import bcrypt from 'bcryptjs';
import { toYaml, type YamlValue } from './yaml.js';
import { LIMITED_ROLE_ARN, MASTER_ROLE_ARN, EDGE_SOURCE_ADDRESS } from './paths.js';

export interface DomainUsers {
  master: { username: string; password: string };
  limited: { username: string; password: string };
}

const meta = (type: string): YamlValue => ({ type, config_version: 2 });

/** The tutorial's limited role, as the guide builds it in Dashboards. */
export const NEW_ROLE = {
  cluster_permissions: ['cluster_composite_ops_ro'],
  index_permissions: [{
    index_patterns: ['flights*'],
    dls: '{"match": {"FlightDelay": true}}',
    fls: ['~FlightNum'],
    masked_fields: ['Dest'],
    allowed_actions: ['read'],
  }],
};

function configYml(): YamlValue {
  const internalProxies = EDGE_SOURCE_ADDRESS.replaceAll('.', '\\.');
  return {
    _meta: meta('config'),
    config: {
      dynamic: {
        http: {
          anonymous_auth_enabled: false,
          xff: { enabled: true, internalProxies, remoteIpHeader: 'x-forwarded-for' },
        },
        authc: {
          // Only the edge (connecting from EDGE_SOURCE_ADDRESS) may assert an identity by header.
          proxy_auth_domain: {
            description: 'IAM identities asserted by the local edge after SigV4 verification',
            http_enabled: true, transport_enabled: false, order: 0,
            http_authenticator: { type: 'proxy', challenge: false,
              config: { user_header: 'x-proxy-user', roles_header: 'x-proxy-roles' } },
            authentication_backend: { type: 'noop' },
          },
          basic_internal_auth_domain: {
            description: 'HTTP basic against the internal user database',
            http_enabled: true, transport_enabled: true, order: 1,
            http_authenticator: { type: 'basic', challenge: true },
            authentication_backend: { type: 'intern' },
          },
        },
      },
    },
  };
}

function rolesYml(): YamlValue {
  return {
    _meta: meta('roles'),
    // Amazon OpenSearch Service ships this role; the open-source plugin does not.
    security_manager: {
      description: 'Manage the security plugin (as on Amazon OpenSearch Service)',
      cluster_permissions: ['cluster:admin/opendistro_security/*', 'cluster:admin/security/*', 'restapi:admin/*'],
    },
    'new-role': { description: 'FGAC tutorial limited role', ...NEW_ROLE },
  };
}

function rolesMappingYml(): YamlValue {
  return {
    _meta: meta('rolesmapping'),
    all_access: { users: ['master-user'], backend_roles: [MASTER_ROLE_ARN], description: 'Master users' },
    security_manager: { users: ['master-user'], backend_roles: [MASTER_ROLE_ARN] },
    'new-role': { users: [], backend_roles: ['new-backend-role', LIMITED_ROLE_ARN] },
  };
}

function internalUsersYml(users: DomainUsers): YamlValue {
  return {
    _meta: meta('internalusers'),
    [users.master.username]: { hash: bcrypt.hashSync(users.master.password, 10), backend_roles: [], description: 'Master user' },
    [users.limited.username]: { hash: bcrypt.hashSync(users.limited.password, 10), backend_roles: ['new-backend-role'], description: 'FGAC tutorial limited user' },
  };
}

/** File name -> YAML text for config/opensearch-security/. */
export function securityConfigFiles(users: DomainUsers): Record<string, string> {
  return {
    'config.yml': toYaml(configYml()),
    'roles.yml': toYaml(rolesYml()),
    'roles_mapping.yml': toYaml(rolesMappingYml()),
    'internal_users.yml': toYaml(internalUsersYml(users)),
    'action_groups.yml': toYaml({ _meta: meta('actiongroups') }),
    'tenants.yml': toYaml({ _meta: meta('tenants'), analysts: { description: 'A tenant for tests' } }),
    'nodes_dn.yml': toYaml({ _meta: meta('nodesdn') }),
    'allowlist.yml': toYaml({ _meta: meta('allowlist'), config: { enabled: false, requests: {} } }),
    'audit.yml': toYaml({ _meta: meta('audit'), config: { enabled: false } }),
  };
}
