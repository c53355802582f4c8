/** Who a command is about: the caller as the domain sees it, or a named internal user, and their role definitions. */
import { mappedRoles, SecurityApi } from '../../index.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../usage-error.js';

/** A principal and the roles FGAC evaluates for it. */
export interface Subject {
  name: string;
  backendRoles: string[];
  roles: string[];
  /** Where the roles came from. */
  source: 'authinfo' | 'internal-user';
}

/** The caller as its own authinfo says. */
export async function callerSubject(ctx: CliContext): Promise<Subject> {
  const me = await new SecurityApi(ctx.caller()).authInfo();
  return { name: me.user_name ?? me.user ?? '', backendRoles: me.backend_roles ?? [], roles: me.roles ?? [], source: 'authinfo' };
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
  return { name, backendRoles, roles, source: 'internal-user' };
}
