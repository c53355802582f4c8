/** Typed, safe helpers for the security plugin's REST API (roles, users, role mappings, action groups, tenants). */
export {
  isStaticActionGroup, STATIC_ACTION_GROUPS, STATIC_ROLE_NAMES, AWS_SERVICE_ROLE_NAMES, type ClusterActionGroupName,
  type IndexActionGroupName, type TenantActionGroupName, type StaticActionGroupName, type CustomName,
  type ClusterPermission, type IndexAction, type TenantAction, type ActionGroupMember, type ActionGroupType,
  type StaticActionGroup, type StaticRoleName, type RoleName,
} from '../fgac/action-groups.js';
export { SecurityApi, type SecurityApiOptions } from './api.js';
export type { PlanProgress, SecurityApplyResult } from './apply.js';
export {
  canonicalFields, changedFields, sameEntity, type SecurityResourceKind, type ApiEntity, type CanonicalValue,
} from './canonical.js';
export { flavourFromRoot, DEFAULT_FLAVOUR, type SecurityApiPrefix, type SecurityFlavour, type RootInfo } from './compat.js';
export type { ConflictRetryOptions } from './conflict.js';
export {
  DlsVariable, DlsParseError, dlsVariable, serializeDls, parseDls, canonicalDls, dlsEquals, dlsVariableNames,
  type DlsValue, type DlsObject, type DlsQuery,
} from '../fgac/dls.js';
export {
  parseFlsPattern, flsListWarnings, formatFlsEntry, toFlsEntry, flsInclude, flsExclude, type FlsEntry,
  type FlsPatternSyntax, type ParsedFlsPattern, type FlsError, type FlsParseResult,
} from '../fgac/fls-entry.js';
export {
  parseMaskedFieldExpression, formatMaskedFieldExpression, maskedFieldErrorKey, KNOWN_DIGEST_ALGORITHMS, KNOWN_DIGEST_ALGORITHMS_V3,
  type MaskedFieldError, type MaskedFieldErrorCode, type MaskedFieldExpression, type MaskRegexReplacement,
  type PluginDialect, type MaskedFieldParseResult, type MaskedFieldParseOptions,
} from './masked-fields.js';
export type { MasterUserProgress, MasterUserResult } from './master-user.js';
export {
  validateRole, toApiRole, fromApiRole, toApiUser, fromApiUser, toApiRoleMapping,
  fromApiRoleMapping, toApiActionGroup, fromApiActionGroup, toApiTenant, fromApiTenant,
  type ResourceFlags, type ApiIndexPermission, type ApiTenantPermission, type ApiRole, type ApiRoleMapping,
  type ApiActionGroup, type ApiUser, type ApiTenant, type MaskedField, type IndexPermission, type TenantPermission,
  type Role, type InternalUser, type RoleMapping, type ActionGroup, type Tenant, type Stored, type UserShape,
  type ValidationReport, type ModelOptions,
} from './model.js';
export { SecurityModelError, type ModelIssue } from './model-error.js';
export { escapePointerToken, pointer, checkedOperations, type JsonValue, type JsonPatchOperation } from './patch.js';
export type { DesiredSecurityConfig, PlanOptions, ResourcePlan, SecurityPlan, SkippedEntity } from './plan-types.js';
export type { AuthInfo, SecurityHealth } from './plugin-status.js';
export { AccountApi, type AccountInfo } from './resources/account.js';
export { ActionGroupsApi } from './resources/action-groups.js';
export { SecurityResourceApi, type EnsureResult } from './resources/resource.js';
export { RoleMappingsApi, type MappingListField, type MappingUpdateResult } from './resources/role-mappings.js';
export { RolesApi } from './resources/roles.js';
export { TenancyConfigApi, type TenancyConfig } from './resources/tenancy-config.js';
export { TenantsApi } from './resources/tenants.js';
export { UsersApi, invalidUserNameMessage, type UserEnsureOptions, type UserDeleteOptions } from './resources/users.js';
export type { SecurityResponse, SecurityTransportClient } from './transport.js';
export type { WriteResult } from './write-result.js';
export { SecurityApiUnavailableError, type PermissionsInfo } from './version-gate.js';
export { checkJavaRegex, checkJavaReplacement, countJavaGroups, type JavaRegexCheck, type JavaRegexGroups } from '../fgac/java-regex/check.js';
