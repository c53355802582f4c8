/**
 * The entities the security REST API refuses to write for every caller, TLS admin certificate included (2.19 and
 * 3.4 alike): hidden, static and reserved ones, and those touching REST API admin permissions. The plugin's
 * `isAllowedToChangeEntityWithRestAdminPermissions` answers 403 "Access denied" for a role whose
 * `cluster_permissions`, or an action group whose `allowed_actions`, hold an entry matching `restapi:admin/*`
 * (before or after the write, removal included), and for any write to the mapping of such a role (judged on the
 * role as stored on the node).
 */
import { SecurityApiError } from '../errors/classes.js';
import type { ResourceFlags } from './model.js';
import type { ApiEntity, SecurityResourceKind } from './canonical.js';
import { opt } from '../errors/own.js';

const REST_ADMIN_PREFIX = 'restapi:admin/';

/** Why an entity touching REST API admin permissions is refused (the plugin's "Access denied" does not say). */
export const REST_ADMIN_STATE = 'holds REST API admin permissions (restapi:admin/*)';

/** hidden, static or reserved: the state the REST API refuses to change, or undefined. */
export function protectedState(entity: ResourceFlags): string | undefined {
  if (opt(entity, 'hidden')) return 'hidden';
  if (opt(entity, 'static')) return 'static';
  if (opt(entity, 'reserved')) return 'reserved';
  return undefined;
}

/** True when a role (`kind` roles) or an action group (`kind` actionGroups) holds a `restapi:admin/…` permission. */
export function holdsRestAdminPermissions(kind: SecurityResourceKind, entity: unknown): boolean {
  if (typeof entity !== 'object' || entity === null) return false;
  const field = kind === 'roles' ? 'cluster_permissions' : kind === 'actionGroups' ? 'allowed_actions' : undefined;
  const list: unknown = field === undefined ? undefined : (entity as Record<string, unknown>)[field];
  return Array.isArray(list) && list.some((p) => typeof p === 'string' && p.startsWith(REST_ADMIN_PREFIX));
}

/**
 * Why the REST API refuses to write the entity `actual` of `kind` as stored on the node, or undefined: its
 * protected state, its REST admin permissions, or (a role mapping) those of its role in `nodeRoles`.
 */
export function unwritableReason(kind: SecurityResourceKind, name: string, actual: ApiEntity, nodeRoles: Record<string, ApiEntity> | undefined): string | undefined {
  const state = protectedState(actual);
  if (state !== undefined) return state;
  if (holdsRestAdminPermissions(kind, actual)) return REST_ADMIN_STATE;
  const role = kind === 'roleMappings' && nodeRoles !== undefined && Object.hasOwn(nodeRoles, name) ? nodeRoles[name] : undefined;
  if (role !== undefined && holdsRestAdminPermissions('roles', role)) return `its role ${REST_ADMIN_STATE}`;
  return undefined;
}

/** True when `err` is the plugin's refusal of an entity touching REST API admin permissions (403 "Access denied"). */
export function isRestAdminRefusal(err: unknown): err is SecurityApiError {
  return err instanceof SecurityApiError && err.statusCode === 403 && err.reason === 'Access denied';
}
