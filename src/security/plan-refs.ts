/**
 * The references the security plugin checks when it writes an entity, checked by plan() before anything is sent,
 * so that apply does not stop part-way on a refusal that was certain (2.19 and 3.4 alike): a role mapping, or an
 * internal user's `opendistro_security_roles`, naming a role that will not exist ("role 'x' not found"), a user
 * naming a role whose mapping is reserved or static ("Resource 'x' is reserved."), an action group listing itself
 * ("cannot be an allowed_action of itself") or typed other than cluster/index ("Invalid action group type"), an
 * action group named like an existing role ("is an existing role"), and a role or action group the file gives
 * `restapi:admin/*` permissions (403 "Access denied", see unwritable.ts).
 * The entities the plan writes are judged; when it prunes roles, so is every mapping and user of the file.
 */
import { SecurityApiError } from '../errors/classes.js';
import type { ApiEntity, SecurityResourceKind } from './canonical.js';
import type { ModelIssue } from './model-error.js';
import { SecurityModelError } from './model-error.js';
import type { ActionGroup, InternalUser } from './model.js';
import type { DesiredSecurityConfig, PlanSource, SecurityPlan } from './plan-types.js';
import { actionGroupTypeRefusal } from './resources/action-groups.js';
import { holdsRestAdminPermissions, protectedState, REST_ADMIN_STATE } from './unwritable.js';

/** Names of `kind` the plan creates or changes. */
function written(plan: SecurityPlan, kind: 'roles' | 'roleMappings' | 'users' | 'actionGroups'): string[] {
  return [...plan[kind].created, ...plan[kind].changed.map((c) => c.name)];
}

/**
 * Every entity of `kind`, read only to check references; undefined when the caller may not read that endpoint (a
 * least-privilege admin with `restapi:admin/internalusers` alone answers 403 there): that check is then left to the
 * plugin at apply rather than failing the plan.
 */
export async function readForChecks(source: PlanSource, kind: SecurityResourceKind): Promise<Record<string, ApiEntity> | undefined> {
  try {
    return await source.resource(kind).listRaw();
  } catch (error) {
    if (error instanceof SecurityApiError && error.statusCode === 403) return undefined;
    throw error;
  }
}

function issue(path: string, message: string): ModelIssue {
  return { path, message, exact: false };
}

/** What plan() read from the node: the roles (file with roles or role mappings) and mappings (file with role mappings). */
export interface NodeEntities {
  roles?: Record<string, ApiEntity> | undefined;
  mappings?: Record<string, ApiEntity> | undefined;
}

/** The roles a user of the file names. */
function userRoles(desired: DesiredSecurityConfig, name: string): readonly string[] {
  return (desired.users?.[name] as InternalUser | undefined)?.opendistro_security_roles ?? [];
}

/** The file's roles and action groups the plan writes with `restapi:admin/*` permissions (those on the node are skipped). */
function restAdminIssues(desired: DesiredSecurityConfig, plan: SecurityPlan): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const kind of ['roles', 'actionGroups'] as const) {
    for (const name of written(plan, kind)) {
      if (!holdsRestAdminPermissions(kind, desired[kind]?.[name])) continue;
      const field = kind === 'roles' ? 'cluster_permissions' : 'allowed_actions';
      const why = 'the plugin refuses every REST caller, admin certificate included, to write it (Access denied); manage it outside the file';
      issues.push(issue(`${kind}.${name}.${field}`, `${REST_ADMIN_STATE}: ${why}`));
    }
  }
  return issues;
}

/**
 * Throws a SecurityModelError naming every entity the plan writes whose reference or permission the plugin would
 * refuse. The roles and mappings plan() did not read are read here, once, and only when something needs them.
 */
export async function assertPlanReferences(source: PlanSource, desired: DesiredSecurityConfig, plan: SecurityPlan, node: NodeEntities = {}): Promise<void> {
  const deleted = new Set(plan.roles.deleted);
  // when roles are pruned, the file's unchanged mappings and users must not name them either
  const mappings = deleted.size > 0 ? Object.keys(desired.roleMappings ?? {}) : written(plan, 'roleMappings');
  const users = (deleted.size > 0 ? Object.keys(desired.users ?? {}) : written(plan, 'users')).filter((name) => userRoles(desired, name).length > 0);
  const writtenMappings = new Set(written(plan, 'roleMappings'));
  const writtenUsers = new Set(written(plan, 'users'));
  const groups = written(plan, 'actionGroups');
  const issues = restAdminIssues(desired, plan);
  if (mappings.length + users.length + groups.length === 0) {
    if (issues.length > 0) throw new SecurityModelError('plan', issues);
    return;
  }
  const nodeRoles = node.roles ?? (await readForChecks(source, 'roles'));
  const onNode = nodeRoles === undefined ? undefined : new Set(Object.keys(nodeRoles));
  const inFile = new Set(Object.keys(desired.roles ?? {}));
  const missing = (role: string, isWritten: boolean): string | undefined => {
    if (inFile.has(role)) return undefined;
    if (deleted.has(role)) return `the role '${role}', which this plan deletes (prune)`;
    // roles the caller may not read: whether the role exists is left to the plugin
    return onNode === undefined || onNode.has(role) || !isWritten ? undefined : `the role '${role}', which is neither among the roles the domain lists (a hidden role is not listed) nor in the file's roles`;
  };
  for (const name of mappings) {
    const why = missing(name, writtenMappings.has(name));
    if (why !== undefined) issues.push(issue(`roleMappings.${name}`, `maps ${why}: the plugin refuses it (role not found)`));
  }
  const usersWritten = users.filter((name) => writtenUsers.has(name));
  const nodeMappings = node.mappings ?? (usersWritten.length > 0 ? (await readForChecks(source, 'roleMappings')) ?? {} : {});
  for (const name of users) {
    for (const role of userRoles(desired, name)) {
      const why = missing(role, writtenUsers.has(name));
      if (why !== undefined) issues.push(issue(`users.${name}.opendistro_security_roles`, `names ${why}: the plugin refuses it (role not found)`));
      const mapping = writtenUsers.has(name) && Object.hasOwn(nodeMappings, role) ? nodeMappings[role] : undefined;
      const state = mapping === undefined ? undefined : protectedState(mapping);
      if (state !== undefined) {
        issues.push(issue(`users.${name}.opendistro_security_roles`, `names the role '${role}', whose mapping is ${state}: the plugin refuses a user naming a role whose mapping is ${state}`));
      }
    }
  }
  for (const name of groups) {
    // action groups are written before roles: the roles the plugin compares with are the domain's
    if (onNode?.has(name) === true) issues.push(issue(`actionGroups.${name}`, `is named like the existing role '${name}': the plugin refuses an action group named like a role`));
    const group = desired.actionGroups?.[name] as ActionGroup;
    const badType = actionGroupTypeRefusal(group.type);
    if (badType !== undefined) issues.push({ path: `actionGroups.${name}.type`, message: badType, exact: true });
    if ((group.allowed_actions ?? []).includes(name)) {
      issues.push(issue(`actionGroups.${name}.allowed_actions`, 'holds the action group itself: the plugin refuses an action group that is an allowed_action of itself'));
    }
  }
  if (issues.length > 0) throw new SecurityModelError('plan', issues);
}
