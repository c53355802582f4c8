/** Which roles a user is mapped to, from role mapping definitions. */
import { compileFieldPattern } from '../fgac/field-patterns.js';
import type { PermissionRoleMapping } from './types.js';

/**
 * The roles a user is mapped to by `mappings` (keyed by role name): a `users` pattern matches the name, a
 * `backend_roles` pattern matches one of its backend roles, or every `and_backend_roles` pattern matches
 * one. `hosts` mappings are not evaluated.
 */
export function mappedRoles(mappings: Readonly<Record<string, PermissionRoleMapping>>, user: { name: string; backendRoles?: readonly string[] }): string[] {
  const backend = user.backendRoles ?? [];
  const any = (patterns: readonly string[] | undefined, values: readonly string[]): boolean =>
    (patterns ?? []).some((p) => typeof p === 'string' && safeMatcher(p)(values));
  const out: string[] = [];
  for (const [role, mapping] of Object.entries(mappings)) {
    if (mapping === null || typeof mapping !== 'object') continue;
    const byUser = any(mapping.users, [user.name]);
    const byBackend = any(mapping.backend_roles, backend);
    const and = mapping.and_backend_roles ?? [];
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
