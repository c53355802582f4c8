/**
 * Compile-time test (checked by `npx tsc --noEmit`, never executed): the typed models, once converted,
 * are assignable to the request types opensearch-js generates for the security API, and the typed model
 * rejects what it should. A `@ts-expect-error` that stops erroring fails the typecheck.
 */
import { Client } from '@opensearch-project/opensearch';
import type {
  Security_CreateActionGroup_Request,
  Security_CreateRole_Request,
  Security_CreateRoleMapping_Request,
  Security_CreateTenant_Request,
  Security_CreateUser_Request,
  Security_GetRole_ResponseBody,
  Security_GetRoleMappings_ResponseBody,
  Security_GetUser_ResponseBody,
  Security_PatchRoleMapping_RequestBody,
} from '@opensearch-project/opensearch/api/index.js';
import type * as Security_Common from '@opensearch-project/opensearch/api/_types/security._common.js';
import type { QueryContainer } from '@opensearch-project/opensearch/api/_types/_common.query_dsl.js';
import {
  SecurityApi,
  dlsVariable,
  fromApiRole,
  fromApiRoleMapping,
  fromApiUser,
  toApiActionGroup,
  toApiRole,
  toApiRoleMapping,
  toApiTenant,
  toApiUser,
  type ActionGroup,
  type DlsQuery,
  type FlsEntry,
  type InternalUser,
  type JsonPatchOperation,
  type Role,
  type RoleMapping,
} from '../../src/security/index.js';

const role: Role = {
  description: 'typed',
  // static groups, action patterns and custom names all fit
  cluster_permissions: ['cluster_composite_ops_ro', 'cluster:admin/opendistro/ism/*', 'my_custom_cluster_group'],
  index_permissions: [{
    index_patterns: ['flights*'],
    allowed_actions: ['read', 'indices:data/read/search*', 'my_custom_index_group'],
    dls: { bool: { must: [{ match: { FlightDelay: true } }, { terms: { Carrier: [dlsVariable('user.roles')] } }] } },
    fls: [{ exclude: 'FlightNum' }, { include: 'Dest' }],
    masked_fields: ['Dest', { kind: 'hash', field: 'Origin', algorithm: 'SHA-256' }],
  }],
  tenant_permissions: [{ tenant_patterns: ['analysts'], allowed_actions: ['kibana_all_read'] }],
};
const user: InternalUser = { password: 'x', backend_roles: ['b'], opendistro_security_roles: ['all_access', 'custom'], attributes: { dept: 'x' } };
const mapping: RoleMapping = { users: ['u'], backend_roles: ['arn:aws:iam::123456789012:role/r'], hosts: [] };
const group: ActionGroup = { allowed_actions: ['read', 'indices:data/read/get*'], type: 'index' };

// Converted models are valid bodies of the generated request types.
export const createRole: Security_CreateRole_Request = { role: 'r', body: toApiRole(role) };
export const createUser: Security_CreateUser_Request = { username: 'u', body: toApiUser(user) };
export const createMapping: Security_CreateRoleMapping_Request = { role: 'r', body: toApiRoleMapping(mapping) };
export const createGroup: Security_CreateActionGroup_Request = { action_group: 'g', body: toApiActionGroup(group) };
export const createTenant: Security_CreateTenant_Request = { tenant: 't', body: toApiTenant({ description: 'd' }) };
export const commonRole: Security_Common.Role = toApiRole(role);
export const commonIndexPermission: Security_Common.IndexPermission | undefined = toApiRole(role).index_permissions?.[0];

// And generated response bodies are accepted by the from* conversions.
declare const roleResponse: Security_GetRole_ResponseBody;
declare const userResponse: Security_GetUser_ResponseBody;
declare const mappingsResponse: Security_GetRoleMappings_ResponseBody;
export const typedRoles = Object.values(roleResponse).map((r) => fromApiRole(r));
export const typedUsers = Object.values(userResponse).map((u) => fromApiUser(u));
export const typedMappings = Object.values(mappingsResponse).map((m) => fromApiRoleMapping(m));

// opensearch-js query types can be used as DLS queries.
declare const generatedQuery: QueryContainer;
export const dlsFromGeneratedQuery: DlsQuery = generatedQuery;

// Any opensearch-js Client is accepted.
export const api = new SecurityApi(new Client({ node: 'https://localhost:9200' }));

// Patch operations whose value is an object fit the generated PatchOperation type...
export const objectPatch: Security_PatchRoleMapping_RequestBody = [{ op: 'add', path: '/r', value: toApiRoleMapping(mapping) }];
// ...but the generated type cannot express a string (or array) value, which appending to a list needs.
const append: JsonPatchOperation = { op: 'add', path: '/users/-', value: 'u' };
// @ts-expect-error Security_Common.PatchOperation types `value` as Record<string, any>
export const generatedAppend: Security_Common.PatchOperation = append;

// What the typed model refuses.
// @ts-expect-error an FLS entry is an include or an exclude, not both
export const both: FlsEntry = { include: 'a', exclude: 'b' };
// @ts-expect-error DLS is a query object, numbers are not queries
export const numericDls: Role = { index_permissions: [{ index_patterns: ['a'], dls: 42 }] };
// @ts-expect-error index permissions need index patterns
export const noPatterns: Role = { index_permissions: [{ allowed_actions: ['read'] }] };
// @ts-expect-error only add, replace and remove are supported by the plugin
export const testOp: JsonPatchOperation = { op: 'test', path: '/a', value: 1 };
// @ts-expect-error masked-field objects need a known kind
export const badMask: Role = { index_permissions: [{ index_patterns: ['a'], masked_fields: [{ kind: 'bogus', field: 'x' }] }] };
