/**
 * Who checkPermission judges when no subject is given: the caller's `authinfo` (user, backend roles,
 * mapped roles, the names of custom attributes), with the values of an internal user's own
 * `attr.internal.*` attributes read with `admin` from the internal user database.
 */
import type { CheckPermissionClient } from './dry-run.js';
import type { PermissionSubject } from './types.js';
import { ArgumentTypeError } from '../fgac/argument-error.js';
import { parseAuthInfo } from '../fgac/authinfo.js';
import { SecurityPrefixReader as SecurityReader } from '../security/prefix.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * `given`, or the subject read from the caller's authinfo (and admin's read of internal attributes), below the prefix
 * `reader` detects (one reader per call: the same prefix for every read of it).
 */
export async function subjectOf(client: CheckPermissionClient, given: PermissionSubject | undefined, admin: CheckPermissionClient | undefined, reader = new SecurityReader()): Promise<PermissionSubject> {
  if (given !== undefined) return given;
  const info = parseAuthInfo((await reader.get(client, 'authinfo')).body);
  if (info === undefined) throw new ArgumentTypeError('checkPermission: authinfo is not an object');
  // authinfo names the user's custom attributes but not their values: a pattern using one is then undecided,
  // unless admin can read the values of an internal user's own (`attr.internal.<key>`)
  const { name, attributeNames } = info;
  const attributes = admin !== undefined && name !== undefined ? await internalAttributes(admin, name, attributeNames, reader) : {};
  const unknown = attributeNames.filter((n) => !Object.prototype.hasOwnProperty.call(attributes, n));
  return {
    ...(name !== undefined ? { name } : {}),
    backendRoles: info.backendRoles,
    roles: info.roles,
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(unknown.length > 0 ? { attributeNames: unknown } : {}),
  };
}

const INTERNAL_ATTRIBUTE = 'attr.internal.';

/**
 * The values of the `attr.internal.*` attributes authinfo names, from the internal user database (read with
 * admin). Nothing when the user is not an internal one (404), hidden, or admin may not read it: those stay unknown.
 */
async function internalAttributes(admin: CheckPermissionClient, name: string, names: readonly string[], reader: SecurityReader): Promise<Record<string, string>> {
  const wanted = names.filter((n) => n.startsWith(INTERNAL_ATTRIBUTE));
  if (wanted.length === 0) return {};
  let body: unknown;
  try {
    body = (await reader.get(admin, `api/internalusers/${encodeURIComponent(name)}`)).body;
  } catch {
    return {};
  }
  const entry = isRecord(body) && Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
  const stored = isRecord(entry) && isRecord(entry.attributes) ? entry.attributes : {};
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const n of wanted) {
    const key = n.slice(INTERNAL_ATTRIBUTE.length);
    const value = Object.prototype.hasOwnProperty.call(stored, key) ? stored[key] : undefined;
    if (typeof value === 'string') attributes[n] = value;
  }
  return attributes;
}
