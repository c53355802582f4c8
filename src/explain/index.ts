/** Why a principal may or may not do an action: local explanations from role, action group and mapping definitions. */
export { explainPermission } from './permission.js';
export { explainSecurityException, staticGroupFor } from './security-exception.js';
export type { ExplainSecurityExceptionOptions, RolesSource, SecurityExceptionExplanation } from './security-exception.js';
export { isClusterAction } from './action-resolver.js';
export { mappedRoles } from './role-mappings.js';
export { checkPermission, checkPrivilegesLocally, hasPermissionDryRun } from './check-permission.js';
export type { CheckPermissionClient, CheckPermissionOptions, PermissionCheck } from './check-permission.js';
export type { PrivilegeVerdict } from './verdicts.js';
export { requiredPrivileges, privilegesOfAction } from './request-actions.js';
export type { ActionDescription, RequestDescription, RequestPrivileges, RequiredPrivilege } from './request-actions.js';
export type {
  ActionLevel, NearMissKind, PermissionActionGroup, PermissionActionGroups, PermissionExplanation, PermissionGrant, PermissionIndexRule,
  PermissionNearMiss, PermissionQuery, PermissionRole, PermissionRoleMapping, PermissionRoles, PermissionSubject,
} from './types.js';
