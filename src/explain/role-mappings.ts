/** Which roles a user is mapped to, from role mapping definitions. */
import { compileFieldPattern } from '../fgac/field-patterns.js';
import { stringList } from '../fgac/role-shape.js';
import { readUserObject } from '../fgac/dls-variables.js';
import { SUBJECT_FIELDS } from './permission.js';
import type { PermissionRoleMapping, PermissionSubject } from './types.js';

/**
 * The roles a user is mapped to by `mappings` (keyed by role name): a `users` pattern matches the name, a
 * `backend_roles` pattern matches one of its backend roles, or every `and_backend_roles` pattern matches
 * one. `hosts` mappings are not evaluated.
 */
export function mappedRoles(mappings: Readonly<Record<string, PermissionRoleMapping>>, user: { name: string; backendRoles?: readonly string[] }): string[] {
  if (mappings === null || typeof mappings !== 'object') throw new TypeError('mappedRoles: mappings must be an object of role name -> role mapping');
  const refuse = (path: string, message: string): never => {
    throw new TypeError(`mappedRoles: ${path} ${message}`);
  };
  const checked = readUserObject('user', user, SUBJECT_FIELDS, refuse) as PermissionSubject;
  if (checked.name === undefined) throw new TypeError('mappedRoles: user must be { name: string, backendRoles?: string[] }');
  const name = checked.name;
  const backend = checked.backendRoles ?? [];
  // Lists as the API returns them; anything else (a misbehaving server) maps nothing.
  const any = (patterns: unknown, values: readonly string[]): boolean => stringList(patterns).some((p) => safeMatcher(p)(values));
  const out: string[] = [];
  for (const [role, mapping] of Object.entries(mappings)) {
    if (mapping === null || typeof mapping !== 'object') continue;
    const byUser = any(mapping.users, [name]);
    const byBackend = any(mapping.backend_roles, backend);
    const and = Array.isArray(mapping.and_backend_roles) ? mapping.and_backend_roles : [];
    const byAnd = and.length > 0 && and.every((p) => typeof p === 'string' && safeMatcher(p)(backend));
    if (byUser || byBackend || byAnd) out.push(role);
  }
  return out;
}

function safeMatcher(pattern: string): (values: readonly string[]) => boolean {
  try {
    const m = compileFieldPattern(pattern);
    return (values) => values.some((v) => m(v));
  } catch {
    return () => false;
  }
}
