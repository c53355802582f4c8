/** Typed, safe helpers for the security plugin's REST API (roles, users, role mappings, action groups, tenants). */
export * from './action-groups.js';
export * from './api.js';
export * from './canonical.js';
export * from './compat.js';
export * from './dls.js';
export * from './fls.js';
export * from './masked-fields.js';
export * from './model.js';
export * from './operations.js';
export * from './patch.js';
export * from './plan.js';
export { checkJavaRegex, checkJavaReplacement, countJavaGroups, type JavaRegexCheck, type JavaRegexGroups } from './java-regex.js';
