/** Which roles a user is mapped to, from role mapping definitions. */
import { compileFieldPattern } from '../fgac/field-patterns.js';
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { stringList } from '../fgac/role-shape.js';
import { readUserObject } from '../fgac/dls-variables.js';
import { SUBJECT_FIELDS } from './permission-query.js';
import type { PermissionRoleMapping, PermissionSubject } from './types.js';
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';
import { field } from '../errors/own.js';

/** A mapping pattern this SDK cannot evaluate (a Java regex it cannot run): whether it maps the user is unknown. */
export interface UndecidedMapping {
  role: string;
  pattern: string;
  reason: string;
}

/** The roles a user is mapped to, and the roles whose mapping could not be evaluated (not among `roles`: the user may hold them). */
export interface MappingVerdict {
  roles: string[];
  undecided: UndecidedMapping[];
}

/**
 * The roles a user is mapped to by `mappings` (keyed by role name): a `users` pattern matches the name, a
 * `backend_roles` pattern matches one of its backend roles, or every `and_backend_roles` pattern matches
 * one. `hosts` mappings are not evaluated. A role whose mapping needs a pattern this SDK cannot evaluate
 * is left out; {@link mappingVerdict} lists it.
 */
export function mappedRoles(mappings: Readonly<Record<string, PermissionRoleMapping>>, user: { name: string; backendRoles?: readonly string[] }): string[] {
  try {
    return mappedRolesOf(mappings, user);
  } catch (error) {
    throw inputFailure('mappedRoles', error);
  }
}

function mappedRolesOf(mappings: Readonly<Record<string, PermissionRoleMapping>>, user: { name: string; backendRoles?: readonly string[] }): string[] {
  return mappingVerdict(mappings, user).roles;
}

/** {@link mappedRoles}, plus the roles whose mapping could not be evaluated (a Java regex this SDK cannot run) and why. */
export function mappingVerdict(mappings: Readonly<Record<string, PermissionRoleMapping>>, user: { name: string; backendRoles?: readonly string[] }): MappingVerdict {
  if (mappings === null || typeof mappings !== 'object') throw new ArgumentTypeError('mappedRoles: mappings must be an object of role name -> role mapping');
  const refuse = (path: string, message: string): never => {
    throw new ArgumentTypeError(`mappedRoles: ${path} ${message}`);
  };
  const checked = readUserObject('user', user, SUBJECT_FIELDS, refuse) as PermissionSubject;
  if (checked.name === undefined) throw new ArgumentTypeError('mappedRoles: user must be { name: string, backendRoles?: string[] }');
  const name = checked.name;
  const backend = checked.backendRoles ?? [];
  const roles: string[] = [];
  const undecided: UndecidedMapping[] = [];
  for (const [role, mapping] of Object.entries(mappings)) {
    if (mapping === null || typeof mapping !== 'object') continue;
    const unknown: Array<{ pattern: string; reason: string }> = [];
    // true / false, or undefined when the pattern could not be evaluated (noted in `unknown`)
    const test = (pattern: string, values: readonly string[]): boolean | undefined => {
      const m = safeMatcher(pattern);
      if (typeof m === 'string') {
        unknown.push({ pattern, reason: m });
        return undefined;
      }
      return m(values);
    };
    // Lists as the API returns them; anything else (a misbehaving server) maps nothing.
    const any = (patterns: unknown, values: readonly string[]): boolean | undefined => {
      let out: boolean | undefined = false;
      for (const p of stringList(patterns)) {
        const r = test(p, values);
        if (r === true) return true;
        if (r === undefined) out = undefined;
      }
      return out;
    };
    // the mapping's own lists (one a polluted Object.prototype holds is none of them)
    const andGiven = field(mapping, 'and_backend_roles');
    const and = Array.isArray(andGiven) ? andGiven : [];
    let byAnd: boolean | undefined = and.length > 0;
    for (const p of and) {
      const r = typeof p === 'string' ? test(p, backend) : false;
      if (r === false) { byAnd = false; break; }
      if (r === undefined) byAnd = undefined;
    }
    const verdicts = [any(field(mapping, 'users') as PermissionRoleMapping['users'], [name]), any(field(mapping, 'backend_roles') as PermissionRoleMapping['backend_roles'], backend), byAnd];
    if (verdicts.includes(true)) roles.push(role);
    else if (verdicts.includes(undefined)) {
      for (const u of unknown) undecided.push({ role, pattern: u.pattern, reason: `${role}'s mapping pattern ${u.pattern} could not be evaluated (${u.reason}): whether it maps the user is unknown` });
    }
  }
  return { roles, undecided };
}

/** The pattern's matcher over a list of values; the reason as a string when this SDK cannot run it (a JDK-invalid pattern matches nothing). */
function safeMatcher(pattern: string): ((values: readonly string[]) => boolean) | string {
  try {
    const m = compileFieldPattern(pattern);
    return (values) => values.some((v) => m(v));
  } catch (err) {
    if (err instanceof UnsupportedMaskingError) return err.message;
    return () => false;
  }
}
