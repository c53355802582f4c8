/**
 * Declarative configuration: `plan(desired)` compares a desired set of roles, role mappings, users, action
 * groups and tenants with the cluster and returns, per resource type, the JSON Patch operations for one
 * collection PATCH. Changed entities are patched field by field (`add /<name>/<field>`), so fields the plan
 * does not touch keep concurrent changes. A plan never shows a password or hash: those values read
 * `[REDACTED]` (see plan-secrets.ts). The plan depends only on {@link PlanSource}, not on SecurityApi.
 */
import { optionalBoolean, refuseUnknownKeys, requirePlainRecord } from '../client/options-check.js';
import { changedFields, type ApiEntity, type SecurityResourceKind } from './canonical.js';
import { flavourPluginVersion, type SecurityFlavour } from './compat.js';
import type { InternalUser } from './model.js';
import { assertWithinRestLimits, entityAfterPatch } from './input-limits.js';
import { fieldOperations, nonEmptyBody } from './operations.js';
import { newEntityNameProblem } from './entity-name.js';
import { SecurityModelError } from './model-error.js';
import { misreadEntityError, pointer, wholeEntityPointerMisread, type JsonPatchOperation, type JsonValue } from './patch.js';
import { assertPlanReferences, readForChecks } from './plan-refs.js';
import { APPLY_ORDER, type DesiredSecurityConfig, type PlanCaller, type PlanOptions, type PlanSource, type ResourcePlan, type SecurityPlan } from './plan-types.js';
import { shownOperation } from './plan-secrets.js';
import { rememberSeen } from './plan-snapshot.js';
import { checkNewUser, checkPassword, checkUserName } from './resources/users.js';
import { unwritableReason } from './unwritable.js';
import { opt } from '../errors/own.js';

function emptyPlan(kind: SecurityResourceKind): ResourcePlan {
  return { kind, created: [], changed: [], unchanged: [], deleted: [], skipped: [], operations: [] };
}

/** The password (or hash) operation `updatePasswords` adds for an existing user. */
function passwordOperation(name: string, user: InternalUser): JsonPatchOperation | undefined {
  if (user.password !== undefined) return { op: 'add', path: pointer(name, 'password'), value: user.password };
  if (user.hash !== undefined) return { op: 'add', path: pointer(name, 'hash'), value: user.hash };
  return undefined;
}

/** Plans one resource type into `result`. */
async function planKind(
  source: PlanSource,
  kind: SecurityResourceKind,
  wanted: Record<string, unknown>,
  result: ResourcePlan,
  flavour: SecurityFlavour,
  options: PlanOptions & { caller?: PlanCaller; nodeRoles?: Record<string, ApiEntity> | undefined },
  bodies: ReadonlyMap<string, ApiEntity>,
): Promise<Record<string, ApiEntity>> {
  const resource = source.resource(kind);
  const pluginVersion = flavourPluginVersion(flavour);
  const actualAll = await resource.listRaw();
  /** Adds the entity's operations, as shown, with what plan() saw of it (apply checks it has not changed since). */
  const push = (name: string, ops: JsonPatchOperation[], actual: ApiEntity | undefined): void => {
    const shown = ops.map(shownOperation);
    result.operations.push(...shown);
    rememberSeen(shown, kind, name, actual, pluginVersion);
  };
  for (const [name, model] of Object.entries(wanted)) {
    const body = bodies.get(name) as ApiEntity;
    // own entries only: a role named `constructor` or `__proto__` is not Object.prototype's
    const actual = Object.hasOwn(actualAll, name) ? actualAll[name] : undefined;
    if (actual === undefined) {
      if (wholeEntityPointerMisread(name)) throw misreadEntityError(kind, name);
      const badName = newEntityNameProblem(name);
      if (badName !== undefined) {
        throw new SecurityModelError(kind, [{ path: 'name', message: `${JSON.stringify(name)} ${badName}: the plugin would create it, and it would be hard to name, print or delete; choose another name`, exact: false }]);
      }
      const refused = kind === 'roleMappings' ? unwritableReason(kind, name, {}, options.nodeRoles) : undefined;
      if (refused !== undefined) {
        result.skipped.push({ name, reason: `${refused}: the REST API refuses to create it` });
        continue;
      }
      if (kind === 'users') {
        checkUserName(name, `user '${name}'`);
        checkNewUser(model as InternalUser, `user '${name}'`);
      }
      // a collection PATCH: the 3.8+ plugin judges the entity's strings, not its name (a key)
      assertWithinRestLimits(kind, name, flavour, nonEmptyBody(kind, body));
      push(name, [{ op: 'add', path: pointer(name), value: nonEmptyBody(kind, body) as unknown as JsonValue }], undefined);
      result.created.push(name);
      continue;
    }
    const fields = changedFields(kind, body, actual, pluginVersion);
    const ops = fieldOperations(kind, body, actual, pointer(name), flavour.userShape, pluginVersion);
    if (kind === 'users' && options.updatePasswords) {
      const user = model as InternalUser;
      const op = passwordOperation(name, user);
      if (op !== undefined) {
        checkPassword(user, `user '${name}'`);
        ops.push(op);
        // the plan names every field an operation writes: the password too when another field changes
        const field = user.password !== undefined ? 'password' : 'hash';
        if (!fields.includes(field)) fields.push(field);
      }
    }
    if (ops.length === 0) {
      result.unchanged.push(name);
      continue;
    }
    const state = unwritableReason(kind, name, actual, options.nodeRoles);
    if (state !== undefined) {
      result.skipped.push({ name, reason: `${state}: the REST API refuses to change it (differs in ${fields.join(', ')})` });
      continue;
    }
    const base = pointer(name).length;
    assertWithinRestLimits(kind, name, flavour, entityAfterPatch(actual, ops.map((op) => ({ ...op, path: op.path.slice(base) }))), { before: actual });
    push(name, ops, actual);
    result.changed.push({ name, fields });
  }
  if (!opt(options, 'prune')) return actualAll;
  for (const [name, actual] of Object.entries(actualAll)) {
    if (Object.prototype.hasOwnProperty.call(wanted, name)) continue;
    const state = unwritableReason(kind, name, actual, options.nodeRoles);
    if (state !== undefined) {
      result.skipped.push({ name, reason: `${state}: prune never deletes it`, drift: false });
      continue;
    }
    if (kind === 'users' && name === options.caller?.name) {
      result.skipped.push({ name, reason: 'the calling user is never pruned' });
      continue;
    }
    if ((kind === 'roles' || kind === 'roleMappings') && options.caller?.roles.includes(name) === true) {
      result.skipped.push({ name, reason: 'the calling user holds this role: pruning it would lock the caller out' });
      continue;
    }
    if (wholeEntityPointerMisread(name)) {
      result.skipped.push({ name, reason: "holds '~0' or '~1': the plugin's collection PATCH would remove another entity; delete it with delete(name)" });
      continue;
    }
    push(name, [{ op: 'remove', path: pointer(name) }], actual);
    result.deleted.push(name);
  }
  return actualAll;
}

/** Each wanted entity of `kind` in the API's shape; a refusal of a model names the entity, as plan's other refusals do. */
async function convertAll(source: PlanSource, kind: SecurityResourceKind, wanted: Record<string, unknown>, flavour: SecurityFlavour): Promise<Map<string, ApiEntity>> {
  const resource = source.resource(kind);
  const bodies = new Map<string, ApiEntity>();
  for (const [name, model] of Object.entries(wanted)) {
    bodies.set(name, await resource.toApi(model, flavour).catch((err: unknown) => {
      throw err instanceof SecurityModelError ? new SecurityModelError(`${kind} '${name}'`, err.issues) : err;
    }));
  }
  return bodies;
}

/**
 * What plan() is given, checked before any request: a misspelt type, a section of the wrong type
 * or a non-boolean `prune` must never read as "nothing wanted", which with prune deletes everything.
 */
function checkPlanInput(desired: unknown, options: unknown): void {
  const d = requirePlainRecord('desired', desired, 'resource type -> name -> definition');
  refuseUnknownKeys('desired', d, APPLY_ORDER, 'of plan() (a resource type)');
  for (const kind of APPLY_ORDER) if (d[kind] !== undefined) requirePlainRecord(`desired.${kind}`, d[kind], 'name -> definition');
  const o = requirePlainRecord('options', options, 'prune, updatePasswords');
  refuseUnknownKeys('options', o, ['prune', 'updatePasswords'], 'of plan()');
  optionalBoolean('options.prune', o.prune);
  optionalBoolean('options.updatePasswords', o.updatePasswords);
}

/**
 * The JSON Patch operations (one collection PATCH per resource type) that turn the cluster's configuration
 * into `desired`. Only the types present in `desired` are planned; with `prune: true`, entities of those
 * types missing from `desired` are deleted (unwritable ones: see unwritable.ts; the calling user, and the roles it
 * holds with their mappings, are skipped). A new entity whose name holds `~0` or `~1` is refused with a
 * SecurityModelError (the plugin's collection PATCH would create another one): create it with put or ensure; so
 * are references and permissions the plugin would refuse (plan-refs.ts: a mapping or user naming a missing or
 * pruned role or a role whose mapping is reserved, an action group listing itself or named like a role, a role or
 * action group gaining `restapi:admin/*` permissions).
 */
export async function planSecurity(source: PlanSource, desired: DesiredSecurityConfig, options: PlanOptions = {}): Promise<SecurityPlan> {
  checkPlanInput(desired, options);
  const flavour = await source.flavour();
  const plan: SecurityPlan = {
    prefix: flavour.prefix,
    actionGroups: emptyPlan('actionGroups'),
    tenants: emptyPlan('tenants'),
    roles: emptyPlan('roles'),
    roleMappings: emptyPlan('roleMappings'),
    users: emptyPlan('users'),
    empty: true,
    matches: true,
  };
  // every model converted (and so checked: shape, unknown keys, masked fields) before anything is read
  const bodies = new Map<SecurityResourceKind, Map<string, ApiEntity>>();
  for (const kind of APPLY_ORDER) {
    const wanted = desired[kind] as Record<string, unknown> | undefined;
    if (wanted !== undefined) bodies.set(kind, await convertAll(source, kind, wanted, flavour));
  }
  const prunesCaller = desired.users !== undefined || desired.roles !== undefined || desired.roleMappings !== undefined;
  const caller = options.prune === true && prunesCaller ? await source.caller() : undefined;
  let roles: Record<string, ApiEntity> | undefined;
  let mappings: Record<string, ApiEntity> | undefined;
  for (const kind of APPLY_ORDER) {
    const wanted = desired[kind] as Record<string, unknown> | undefined;
    if (wanted === undefined) continue;
    // a mapping is unwritable when its role on the node holds REST admin permissions (unwritable.ts)
    if (kind === 'roleMappings' && roles === undefined) roles = await readForChecks(source, 'roles');
    const actual = await planKind(source, kind, wanted, plan[kind], flavour, { ...options, ...(caller !== undefined ? { caller } : {}), nodeRoles: roles }, bodies.get(kind) ?? new Map());
    if (kind === 'roles') roles = actual;
    if (kind === 'roleMappings') mappings = actual;
  }
  await assertPlanReferences(source, desired, plan, { roles, mappings });
  plan.empty = APPLY_ORDER.every((kind) => plan[kind].operations.length === 0);
  plan.matches = plan.empty && APPLY_ORDER.every((kind) => plan[kind].skipped.every((s) => s.drift === false));
  return plan;
}
