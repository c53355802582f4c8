/** `opensearch-fgac/verify`: client-side verification of DLS, FLS and masking, and permission explanations. Re-exports only. */
export * from '../verify/index.js';
export { explainPermission, explainSecurityException, mappedRoles } from '../explain/index.js';
export type {
  PermissionRoles, PermissionActionGroups, PermissionQuery, PermissionGrant, PermissionNearMiss, PermissionExplanation,
  SecurityExceptionExplanation,
} from '../explain/index.js';
