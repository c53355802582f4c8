/**
 * Declarative configuration: `plan(desired)` compares a desired set of roles, role mappings, users, action
 * groups and tenants with the cluster and returns, per resource type, the JSON Patch operations for one
 * collection PATCH; `apply(plan)` sends them. Changed entities are patched field by field (`add
 * /<name>/<field>`), so fields the plan does not touch keep concurrent changes.
 */
import type { SecurityApi, SecurityResourceApi, WriteResult } from './api.js';
import { changedFields, type ApiEntity, type SecurityResourceKind } from './canonical.js';
import type { SecurityApiPrefix } from './compat.js';
import {
  invalidUserNameMessage,
  SecurityModelError,
  type ActionGroup,
  type InternalUser,
  type ResourceFlags,
  type Role,
  type RoleMapping,
  type Tenant,
} from './model.js';
import { fieldOperations, nonEmptyBody } from './operations.js';
import { pointer, type JsonPatchOperation, type JsonValue } from './patch.js';

/** The configuration to reach, by resource type and name. Types left out are not planned at all. */
export interface DesiredSecurityConfig {
  roles?: Record<string, Role>;
  roleMappings?: Record<string, RoleMapping>;
  users?: Record<string, InternalUser>;
  actionGroups?: Record<string, ActionGroup>;
  tenants?: Record<string, Tenant>;
}

/** Options of `plan`. */
export interface PlanOptions {
  /** Delete entities of the planned types that `desired` does not name (default false). */
  prune?: boolean;
  /** Write the password of existing users that have one in `desired` (hashes cannot be compared; default false). */
  updatePasswords?: boolean;
}

/** The plan for one resource type. */
export interface ResourcePlan {
  kind: SecurityResourceKind;
  created: string[];
  changed: Array<{ name: string; fields: string[] }>;
  unchanged: string[];
  /** Only with `prune: true`. */
  deleted: string[];
  /** Entities that differ but cannot be written (static, reserved, hidden) or that prune keeps (the calling user). */
  skipped: Array<{ name: string; reason: string }>;
  /** The body of one collection PATCH (`<prefix>/api/<endpoint>`). */
  operations: JsonPatchOperation[];
}

/** A plan for all resource types, in the order `apply` uses. */
export interface SecurityPlan {
  /** The API prefix the plan was read through (informational; the operations do not depend on it). */
  prefix: SecurityApiPrefix;
  actionGroups: ResourcePlan;
  tenants: ResourcePlan;
  roles: ResourcePlan;
  roleMappings: ResourcePlan;
  users: ResourcePlan;
  /** True when no operation is needed. */
  empty: boolean;
}

/** What `apply` sent. */
export interface SecurityApplyResult {
  applied: Array<{ kind: SecurityResourceKind; operations: number; result: WriteResult }>;
}

/** Dependency order: roles exist before mappings name them; users may name roles directly. */
export const APPLY_ORDER: readonly SecurityResourceKind[] = ['actionGroups', 'tenants', 'roles', 'roleMappings', 'users'];

function emptyPlan(kind: SecurityResourceKind): ResourcePlan {
  return { kind, created: [], changed: [], unchanged: [], deleted: [], skipped: [], operations: [] };
}

function protectedState(entity: ResourceFlags): string | undefined {
  if (entity.hidden) return 'hidden';
  if (entity.static) return 'static';
  if (entity.reserved) return 'reserved';
  return undefined;
}

function namespace(api: SecurityApi, kind: SecurityResourceKind): SecurityResourceApi<unknown, ApiEntity> {
  const byKind: Record<SecurityResourceKind, unknown> = {
    roles: api.roles,
    roleMappings: api.roleMappings,
    users: api.users,
    actionGroups: api.actionGroups,
    tenants: api.tenants,
  };
  return byKind[kind] as SecurityResourceApi<unknown, ApiEntity>;
}

/** Computes the plan; see {@link SecurityApi.plan}. */
export async function planSecurity(api: SecurityApi, desired: DesiredSecurityConfig, options: PlanOptions = {}): Promise<SecurityPlan> {
  const flavour = await api.flavour();
  const plan: SecurityPlan = {
    prefix: flavour.prefix,
    actionGroups: emptyPlan('actionGroups'),
    tenants: emptyPlan('tenants'),
    roles: emptyPlan('roles'),
    roleMappings: emptyPlan('roleMappings'),
    users: emptyPlan('users'),
    empty: true,
  };
  let caller: string | undefined;
  if (options.prune && desired.users !== undefined) caller = (await api.authInfo()).user_name;

  for (const kind of APPLY_ORDER) {
    const wanted = desired[kind] as Record<string, unknown> | undefined;
    if (wanted === undefined) continue;
    const ns = namespace(api, kind);
    const result = plan[kind];
    const actualAll = await ns.listRaw();
    for (const [name, model] of Object.entries(wanted)) {
      const body = ns.toApi(model, flavour);
      const actual = actualAll[name];
      if (actual === undefined) {
        if (kind === 'users') {
          const user = model as InternalUser;
          const nameError = invalidUserNameMessage(name);
          if (nameError !== null) throw new SecurityModelError(`user '${name}'`, [{ path: 'name', message: nameError, exact: true }]);
          if (user.password === undefined && user.hash === undefined) {
            throw new SecurityModelError(`user '${name}'`, [{ path: 'password', message: 'a new internal user needs a password or a hash', exact: false }]);
          }
        }
        result.operations.push({ op: 'add', path: pointer(name), value: nonEmptyBody(kind, body) as unknown as JsonValue });
        result.created.push(name);
        continue;
      }
      const fields = changedFields(kind, body, actual);
      const ops = fieldOperations(kind, body, actual, pointer(name), flavour.userShape);
      if (kind === 'users' && options.updatePasswords) {
        const user = model as InternalUser;
        if (user.password !== undefined) ops.push({ op: 'add', path: pointer(name, 'password'), value: user.password });
        else if (user.hash !== undefined) ops.push({ op: 'add', path: pointer(name, 'hash'), value: user.hash });
      }
      if (ops.length === 0) {
        result.unchanged.push(name);
        continue;
      }
      const state = protectedState(actual);
      if (state !== undefined) {
        result.skipped.push({ name, reason: `${state}: the REST API refuses to change it (differs in ${fields.join(', ') || 'password'})` });
        continue;
      }
      result.operations.push(...ops);
      result.changed.push({ name, fields: fields.length > 0 ? fields : ['password'] });
    }
    if (options.prune) {
      for (const [name, actual] of Object.entries(actualAll)) {
        if (Object.prototype.hasOwnProperty.call(wanted, name) || protectedState(actual) !== undefined) continue;
        if (kind === 'users' && name === caller) {
          result.skipped.push({ name, reason: 'the calling user is never pruned' });
          continue;
        }
        result.operations.push({ op: 'remove', path: pointer(name) });
        result.deleted.push(name);
      }
    }
  }
  plan.empty = APPLY_ORDER.every((kind) => plan[kind].operations.length === 0);
  return plan;
}

/** Applies a plan; see {@link SecurityApi.apply}. Each type is one atomic PATCH; a failure leaves earlier types applied. */
export async function applySecurityPlan(api: SecurityApi, plan: SecurityPlan): Promise<SecurityApplyResult> {
  const applied: SecurityApplyResult['applied'] = [];
  for (const kind of APPLY_ORDER) {
    const ops = plan[kind].operations;
    if (ops.length === 0) continue;
    const result = await namespace(api, kind).patch(ops);
    applied.push({ kind, operations: ops.length, result });
  }
  return { applied };
}
