/**
 * The references the security plugin checks when it writes an entity, checked by plan() before anything is sent,
 * so that apply does not stop part-way on a refusal that was certain (2.19 and 3.4 alike): a role mapping, or an
 * internal user's `opendistro_security_roles`, naming a role that will not exist ("role 'x' not found"), an action
 * group listing itself ("cannot be an allowed_action of itself") and an action group named like an existing role
 * ("is an existing role"). Only the entities the plan writes are judged.
 */
import type { ApiEntity } from './canonical.js';
import type { ModelIssue } from './model-error.js';
import { SecurityModelError } from './model-error.js';
import type { ActionGroup, InternalUser } from './model.js';
import type { DesiredSecurityConfig, PlanSource, SecurityPlan } from './plan.js';

/** Names of `kind` the plan creates or changes. */
function written(plan: SecurityPlan, kind: 'roleMappings' | 'users' | 'actionGroups'): string[] {
  return [...plan[kind].created, ...plan[kind].changed.map((c) => c.name)];
}

function issue(path: string, message: string): ModelIssue {
  return { path, message, exact: false };
}

/**
 * Throws a SecurityModelError naming every entity the plan writes whose reference the plugin would refuse.
 * `nodeRoles` are the roles plan() read (when the file has a roles section); otherwise they are read here, once,
 * and only when a mapping, a user with roles or an action group is written.
 */
export async function assertPlanReferences(source: PlanSource, desired: DesiredSecurityConfig, plan: SecurityPlan, nodeRoles?: Record<string, ApiEntity>): Promise<void> {
  const mappings = written(plan, 'roleMappings');
  const users = written(plan, 'users').filter((name) => (desired.users?.[name]?.opendistro_security_roles ?? []).length > 0);
  const groups = written(plan, 'actionGroups');
  if (mappings.length + users.length + groups.length === 0) return;
  const onNode = new Set(Object.keys(nodeRoles ?? (await source.resource('roles').listRaw())));
  const deleted = new Set(plan.roles.deleted);
  const inFile = new Set(Object.keys(desired.roles ?? {}));
  const missing = (role: string): string | undefined => {
    if (inFile.has(role)) return undefined;
    if (deleted.has(role)) return `the role '${role}', which this plan deletes (prune)`;
    return onNode.has(role) ? undefined : `the role '${role}', which exists neither on the domain nor in the file's roles`;
  };
  const issues: ModelIssue[] = [];
  for (const name of mappings) {
    const why = missing(name);
    if (why !== undefined) issues.push(issue(`roleMappings.${name}`, `maps ${why}: the plugin refuses it (role not found)`));
  }
  for (const name of users) {
    for (const role of (desired.users?.[name] as InternalUser).opendistro_security_roles ?? []) {
      const why = missing(role);
      if (why !== undefined) issues.push(issue(`users.${name}.opendistro_security_roles`, `names ${why}: the plugin refuses it (role not found)`));
    }
  }
  for (const name of groups) {
    // action groups are written before roles: the roles the plugin compares with are the domain's
    if (onNode.has(name)) issues.push(issue(`actionGroups.${name}`, `is named like the existing role '${name}': the plugin refuses an action group named like a role`));
    if (((desired.actionGroups?.[name] as ActionGroup).allowed_actions ?? []).includes(name)) {
      issues.push(issue(`actionGroups.${name}.allowed_actions`, 'holds the action group itself: the plugin refuses an action group that is an allowed_action of itself'));
    }
  }
  if (issues.length > 0) throw new SecurityModelError('plan', issues);
}
