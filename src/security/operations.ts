/** Building blocks of writes: non-empty bodies and field-level JSON Patch operations between two entities. */
import { changedFields, type ApiEntity, type SecurityResourceKind } from './canonical.js';
import type { UserShape } from './model.js';
import { pointer, type JsonPatchOperation, type JsonValue } from './patch.js';

/** The plugin rejects `{}` bodies ("Request body required for this action."): give empty entities a neutral field. */
export function nonEmptyBody(kind: SecurityResourceKind, body: ApiEntity): ApiEntity {
  if (Object.keys(body).length > 0) return body;
  switch (kind) {
    case 'roles':
      return { cluster_permissions: [] };
    case 'roleMappings':
      return { users: [] };
    case 'actionGroups':
      return { allowed_actions: [] };
    default:
      return { description: '' };
  }
}

const ARRAY_FIELDS = new Set([
  'cluster_permissions', 'index_permissions', 'tenant_permissions', 'users', 'backend_roles', 'roles', 'and_backend_roles', 'hosts',
  'opendistro_security_roles', 'allowed_actions',
]);

/**
 * JSON Patch operations that turn `actual` into `desired` field by field (`add` of the whole field, so
 * fields nobody changed are left alone). `base` is the pointer of the entity (`''` for an entity PATCH);
 * `pluginVersion` is the node's version (see {@link changedFields}).
 */
export function fieldOperations(
  kind: SecurityResourceKind,
  desired: ApiEntity,
  actual: ApiEntity,
  base: string,
  userShape: UserShape = 'backend_roles',
  pluginVersion?: string,
): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  const d = desired as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const field of changedFields(kind, desired, actual, pluginVersion)) {
    const wire = kind === 'users' && field === 'backend_roles' && userShape === 'roles' ? 'roles' : field;
    const value = d[wire];
    const path = `${base}${pointer(wire)}`;
    if (value !== undefined) ops.push({ op: 'add', path, value: value as JsonValue });
    else if (ARRAY_FIELDS.has(wire)) ops.push({ op: 'add', path, value: [] });
    else if (wire === 'attributes') ops.push({ op: 'add', path, value: {} });
    // a tenant holds nothing else: both nodes refuse the remove ("Request body required"); "" reads as none
    else if (kind === 'tenants' && wire === 'description') ops.push({ op: 'add', path, value: '' });
    else if (a[wire] !== undefined) ops.push({ op: 'remove', path });
  }
  return ops;
}

