/** `opensearch-fgac/security`: typed, lost-update-safe helpers for the security REST API and the role model. */

// The API and its resources (constructed by SecurityApi, so their classes are types here)
export { SecurityApi, SecurityApiUnavailableError } from '../security/index.js';
export type {
  SecurityApiOptions, SecurityApplyResult, PlanProgress, ConflictRetryOptions, MasterUserProgress, MasterUserResult, DesiredSecurityConfig, PlanOptions, ResourcePlan,
  SecurityPlan, SkippedEntity, AuthInfo, SecurityHealth, AccountApi, AccountInfo, ActionGroupsApi, SecurityResourceApi, EnsureResult, RoleMappingsApi,
  MappingListField, MappingUpdateResult, RolesApi, TenancyConfigApi, TenancyConfig, TenantsApi, UsersApi, UserEnsureOptions, UserDeleteOptions,
  SecurityResponse, SecurityTransportClient, WriteResult, PermissionsInfo, JsonPatchOperation,
} from '../security/index.js';

// The typed model, its validation and the wire shape
export {
  SecurityModelError, validateRole, fromApiRole, fromApiUser, fromApiRoleMapping, fromApiActionGroup, fromApiTenant,
  toApiRole, toApiUser, toApiRoleMapping, toApiActionGroup, toApiTenant,
} from '../security/index.js';
export type {
  Role, IndexPermission, TenantPermission, InternalUser, RoleMapping, ActionGroup, Tenant, Stored, ModelIssue, ModelOptions,
  ApiRole, ApiIndexPermission, ApiTenantPermission, ApiUser, ApiRoleMapping, ApiActionGroup, ApiTenant, SecurityResourceKind,
} from '../security/index.js';

// DLS queries, FLS entries, masked fields and action groups as the plugin reads them
export { DlsParseError, parseDls, serializeDls, dlsEquals, dlsVariable, flsExclude, flsInclude } from '../security/index.js';
export type { DlsQuery, DlsObject, DlsValue, DlsVariable, FlsEntry, MaskedField } from '../security/index.js';
export { parseMaskedFieldExpression, formatMaskedFieldExpression, checkJavaRegex } from '../security/index.js';
export type { JavaRegexCheck } from '../security/index.js';
export type { MaskedFieldParseOptions, MaskedFieldParseResult } from '../security/masked-fields.js';
export type { MaskedFieldExpression } from '../fgac/masked-field.js';
export type { ValidationReport } from '../security/model.js';
export type { SecurityFlavour } from '../security/compat.js';
export type { StaticActionGroup } from '../fgac/action-groups.js';
export { STATIC_ACTION_GROUPS, isStaticActionGroup } from '../security/index.js';
export type { ActionGroupMember, ClusterPermission, IndexAction, TenantAction, RoleName } from '../security/index.js';
