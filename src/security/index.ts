/** Typed, safe helpers for the security plugin's REST API (roles, users, role mappings, action groups, tenants). */
export * from '../fgac/action-groups.js';
export * from './api.js';
export * from './apply.js';
export * from './canonical.js';
export * from './compat.js';
export * from './conflict.js';
export {
  DlsVariable, DlsParseError, dlsVariable, serializeDls, parseDls, canonicalDls, dlsEquals, dlsVariableNames,
  type DlsValue, type DlsObject, type DlsQuery,
} from '../fgac/dls.js';
export * from '../fgac/fls-entry.js';
export * from './masked-fields.js';
export * from './master-user.js';
export * from './model.js';
export * from './operations.js';
export * from './patch.js';
export * from './plan.js';
export * from './plugin-status.js';
export * from './resources/account.js';
export * from './resources/action-groups.js';
export * from './resources/resource.js';
export * from './resources/role-mappings.js';
export * from './resources/roles.js';
export * from './resources/tenancy-config.js';
export * from './resources/tenants.js';
export * from './resources/users.js';
export * from './transport.js';
export * from './write-result.js';
export { checkJavaRegex, checkJavaReplacement, countJavaGroups, type JavaRegexCheck, type JavaRegexGroups } from '../fgac/java-regex/check.js';
