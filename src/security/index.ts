/** Typed, safe helpers for the security plugin's REST API (roles, users, role mappings, action groups, tenants). */
export * from '../fgac/action-groups.js';
export { SecurityApi, type SecurityApiOptions } from './api.js';
export type { SecurityApplyResult } from './apply.js';
export * from './canonical.js';
export * from './compat.js';
export type { ConflictRetryOptions } from './conflict.js';
export {
  DlsVariable, DlsParseError, dlsVariable, serializeDls, parseDls, canonicalDls, dlsEquals, dlsVariableNames,
  type DlsValue, type DlsObject, type DlsQuery,
} from '../fgac/dls.js';
export * from '../fgac/fls-entry.js';
export * from './masked-fields.js';
export type { MasterUserResult } from './master-user.js';
export * from './model.js';
export * from './patch.js';
export type { DesiredSecurityConfig, PlanOptions, ResourcePlan, SecurityPlan } from './plan.js';
export type { AuthInfo, SecurityHealth } from './plugin-status.js';
export { AccountApi, type AccountInfo } from './resources/account.js';
export { ActionGroupsApi } from './resources/action-groups.js';
export { SecurityResourceApi, type EnsureResult } from './resources/resource.js';
export { RoleMappingsApi, type MappingListField, type MappingUpdateResult } from './resources/role-mappings.js';
export { RolesApi } from './resources/roles.js';
export { TenancyConfigApi, type TenancyConfig } from './resources/tenancy-config.js';
export { TenantsApi } from './resources/tenants.js';
export { UsersApi, type UserEnsureOptions } from './resources/users.js';
export type { SecurityResponse, SecurityTransportClient } from './transport.js';
export type { WriteResult } from './write-result.js';
export { SecurityApiUnavailableError, type PermissionsInfo } from './version-gate.js';
export { checkJavaRegex, checkJavaReplacement, countJavaGroups, type JavaRegexCheck, type JavaRegexGroups } from '../fgac/java-regex/check.js';
