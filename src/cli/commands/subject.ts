/** Who a command is about: the caller as the domain sees it, or a named internal user, and their role definitions. */
import { mappedRoles, SecurityApi } from '../../index.js';
import { subjectOf } from '../../explain/subject.js';
import { opt } from '../../errors/own.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';

/** A principal and the roles FGAC evaluates for it. */
export interface Subject {
  name: string;
  backendRoles: string[];
  roles: string[];
  /** Where the roles came from. */
  source: 'authinfo' | 'internal-user';
  /** Custom attribute values known (`${attr...}` in role patterns), and names whose values are not known. */
  attributes?: Record<string, string>;
  attributeNames?: readonly string[];
}

/** The caller as its own authinfo says (read as checkPermission reads it: explain/subject.ts subjectOf). */
export async function callerSubject(ctx: CliContext): Promise<Subject> {
  const me = await subjectOf(ctx.caller(), undefined, ctx.hasAdmin() ? ctx.admin() : undefined);
  return {
    name: me.name ?? '', backendRoles: [...(me.backendRoles ?? [])], roles: [...(me.roles ?? [])], source: 'authinfo',
    ...(opt(me, 'attributes') !== undefined ? { attributes: { ...me.attributes } } : {}),
    ...(opt(me, 'attributeNames') !== undefined ? { attributeNames: me.attributeNames as readonly string[] } : {}),
  };
}

/** A named internal user: its backend roles and direct roles, mapped through the role mappings (read as admin). */
export async function internalUserSubject(ctx: CliContext, name: string): Promise<Subject> {
  const security = new SecurityApi(ctx.admin());
  const [user, mappings] = await Promise.all([security.users.getRaw(name), security.roleMappings.listRaw()]);
  // no such user: a verdict about it would be about nobody (a mapping by name could still grant it roles)
  if (user === undefined) throw new UsageError(`--user ${name}: there is no internal user of that name`);
  const backendRoles = user?.backend_roles ?? [];
  const direct = user?.opendistro_security_roles ?? [];
  const roles = [...new Set([...mappedRoles(mappings, { name, backendRoles }), ...direct])];
  // an internal user's own attributes are `attr.internal.<key>` to the plugin
  const own = user?.attributes ?? {};
  const attributes = Object.fromEntries(Object.entries(own).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [`attr.internal.${k}`, v]));
  return { name, backendRoles, roles, source: 'internal-user', ...(Object.keys(attributes).length > 0 ? { attributes } : {}) };
}
