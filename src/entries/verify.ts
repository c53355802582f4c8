/** `opensearch-fgac/verify`: client-side verification of DLS, FLS and masking, and permission explanations. Re-exports only. */
export * from '../verify/index.js';
export { explainPermission, explainSecurityException, mappedRoles, checkPermission, hasPermissionDryRun, requiredPrivileges } from '../explain/index.js';
export type {
  PermissionRoles, PermissionActionGroups, PermissionQuery, PermissionGrant, PermissionNearMiss, PermissionExplanation,
  SecurityExceptionExplanation, CheckPermissionClient, CheckPermissionOptions, PermissionCheck, PrivilegeVerdict, ActionDescription,
  RequestDescription, RequestPrivileges, RequiredPrivilege,
} from '../explain/index.js';
