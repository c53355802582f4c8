/**
 * `SecurityApi`: typed, concurrency-safe helpers for the security plugin's REST API on top of any
 * opensearch-js `Client` (only `client.transport.request` is used).
 *
 * Concurrency model of the plugin, which these helpers build on: every write loads the whole config
 * document of its type (roles, rolesmapping, ...), applies the change and saves it with
 * `if_seq_no`/`if_primary_term`; a concurrent write in between makes it fail with 409 CONFLICT and nothing
 * is applied. PUT replaces an entity wholesale, so a client-side read-modify-write with PUT loses changes
 * made between the read and the write; PATCH applies its operations to the state current at the server.
 * The helpers therefore write with PATCH wherever they can and retry 409s from a fresh read.
 */
import { SecurityApiError } from '../errors/classes.js';
import { toTypedError } from '../errors/classify.js';
import { changedFields, type ApiEntity, type SecurityResourceKind } from './canonical.js';
import { DEFAULT_FLAVOUR, flavourFromRoot, type RootInfo, type SecurityApiPrefix, type SecurityFlavour } from './compat.js';
import type { PluginDialect } from './masked-fields.js';
import {
  fromApiActionGroup,
  fromApiRole,
  fromApiRoleMapping,
  fromApiTenant,
  fromApiUser,
  invalidUserNameMessage,
  SecurityModelError,
  toApiActionGroup,
  toApiRole,
  toApiRoleMapping,
  toApiTenant,
  toApiUser,
  type ActionGroup,
  type ApiActionGroup,
  type ApiRole,
  type ApiRoleMapping,
  type ApiTenant,
  type ApiUser,
  type InternalUser,
  type Role,
  type RoleMapping,
  type Stored,
  type Tenant,
  type UserShape,
} from './model.js';
import { fieldOperations, nonEmptyBody } from './operations.js';
import { assertSupportedOperations, pointer, type JsonPatchOperation } from './patch.js';
import { applySecurityPlan, planSecurity, type DesiredSecurityConfig, type PlanOptions, type SecurityApplyResult, type SecurityPlan } from './plan.js';

/** The part of an opensearch-js `Client` this module uses; any `Client` of @opensearch-project/opensearch 2.x/3.x fits. */
export interface SecurityTransportClient {
  transport: {
    request(params: { method: string; path: string; body?: unknown }): Promise<{ body: unknown; statusCode: number | null }>;
  };
}

/** Options of {@link SecurityApi}. Anything not given is detected from `GET /` on first use. */
export interface SecurityApiOptions {
  prefix?: SecurityApiPrefix;
  userShape?: UserShape;
  /** Masked-field validation rules: `v2` (OpenSearch 1.x/2.x) or `v3` (OpenSearch 3.x). */
  dialect?: PluginDialect;
  /** Attempts of a write that keeps failing with 409 CONFLICT (default 12). */
  conflictAttempts?: number;
  /** Milliseconds to wait before verifying a write that replaced a whole list or created a mapping (default 200). */
  settleMs?: number;
}

/** The `{status, message}` body of a successful write, with the HTTP status. */
export interface WriteResult {
  statusCode: number;
  /** `OK` or `CREATED`. */
  status: string;
  message: string;
}

/** What `ensure` did. */
export interface EnsureResult {
  name: string;
  action: 'created' | 'updated' | 'unchanged';
  /** Top-level fields that differed (empty when created or unchanged). */
  changedFields: string[];
}

/** `GET _plugins/_security/authinfo`. */
export interface AuthInfo {
  user?: string;
  user_name?: string;
  user_requested_tenant?: string | null;
  remote_address?: string | null;
  backend_roles?: string[];
  custom_attribute_names?: string[];
  roles?: string[];
  tenants?: Record<string, boolean>;
  principal?: string | null;
  peer_certificates?: string | number;
  sso_logout_url?: string | null;
}

/** `GET _plugins/_security/health`. */
export interface SecurityHealth {
  message: string | null;
  mode: string;
  status: string;
  settings?: Record<string, unknown>;
}

/** `GET _plugins/_security/api/account`. */
export interface AccountInfo {
  user_name?: string;
  is_reserved?: boolean;
  is_hidden?: boolean;
  is_internal_user?: boolean;
  user_requested_tenant?: string | null;
  backend_roles?: string[];
  custom_attribute_names?: string[];
  tenants?: Record<string, boolean>;
  roles?: string[];
}

/** `_plugins/_security/api/tenancy/config` (OpenSearch 2.7+). */
export interface TenancyConfig {
  multitenancy_enabled?: boolean;
  private_tenant_enabled?: boolean;
  default_tenant?: string;
  sign_in_options?: string[];
}

/** A list field of a role mapping. */
export type MappingListField = 'users' | 'backend_roles' | 'and_backend_roles' | 'hosts';

/** Result of a safe role-mapping update. */
export interface MappingUpdateResult {
  role: string;
  field: MappingListField;
  /** The mapping did not exist and this call created it. */
  created: boolean;
  /** Values this call added (add) or removed (remove). */
  changed: string[];
  /** Values that were already present (add) or already absent (remove). */
  unchanged: string[];
  /**
   * remove only: values that were in the list when it was read, were not to be removed, and were gone
   * after the write. Usually a concurrent removal by someone else; see `removeValues` for the case where
   * it was this call.
   */
  suspectedCollateral: string[];
  /** Read-write rounds used. */
  attempts: number;
}

/** Result of {@link SecurityApi.addMasterUser}. */
export interface MasterUserResult {
  /** Where the principal was mapped: `users` (internal user, IAM user ARN, other names) or `backend_roles` (IAM role ARN). */
  field: 'users' | 'backend_roles';
  mappings: MappingUpdateResult[];
  /** Roles not mapped: missing on this cluster, or their mapping is reserved for REST API admins. */
  skipped: Array<{ role: string; reason: string }>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isConflict(err: unknown): boolean {
  return err instanceof SecurityApiError && err.statusCode === 409;
}

function isNotFound(err: unknown): err is SecurityApiError {
  return err instanceof SecurityApiError && err.statusCode === 404 && err.resourceState === 'not-found';
}

function uniq(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function toWriteResult(res: { body: unknown; statusCode: number | null }): WriteResult {
  const body = (res.body ?? {}) as { status?: unknown; message?: unknown };
  return {
    statusCode: res.statusCode ?? 0,
    status: typeof body.status === 'string' ? body.status : String(body.status ?? ''),
    message: typeof body.message === 'string' ? body.message : '',
  };
}

/** CRUD on one resource type of the security REST API, typed both ways. */
export abstract class SecurityResourceApi<TModel, TApi extends ApiEntity> {
  /** @internal */
  protected readonly api: SecurityApi;
  /** The resource kind (as used by `plan`). */
  readonly kind: SecurityResourceKind;
  /** The endpoint below `<prefix>/api/`, e.g. `rolesmapping`. */
  readonly endpoint: string;

  protected constructor(api: SecurityApi, kind: SecurityResourceKind, endpoint: string) {
    this.api = api;
    this.kind = kind;
    this.endpoint = endpoint;
  }

  /** Converts a model into the API shape for this cluster (validating it). */
  abstract toApi(model: TModel, flavour: SecurityFlavour): TApi;

  /** Converts an API entity into the model. */
  abstract fromApi(json: TApi, flavour: SecurityFlavour): Stored<TModel>;

  private path(name?: string): string {
    return name === undefined ? `api/${this.endpoint}` : `api/${this.endpoint}/${encodeURIComponent(name)}`;
  }

  /** All entities as the API returns them (hidden ones omitted unless you are a REST admin). */
  async listRaw(): Promise<Record<string, TApi>> {
    const res = await this.api.request('GET', this.path());
    return (res.body ?? {}) as Record<string, TApi>;
  }

  /** All entities, typed. */
  async list(): Promise<Record<string, Stored<TModel>>> {
    const [raw, flavour] = await Promise.all([this.listRaw(), this.api.flavour()]);
    const out: Record<string, Stored<TModel>> = {};
    for (const [name, json] of Object.entries(raw)) out[name] = this.fromApi(json, flavour);
    return out;
  }

  /** One entity as the API returns it, or undefined when it does not exist. */
  async getRaw(name: string): Promise<TApi | undefined> {
    try {
      const res = await this.api.request('GET', this.path(name));
      return ((res.body ?? {}) as Record<string, TApi>)[name];
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** One entity, typed, or undefined when it does not exist. */
  async get(name: string): Promise<Stored<TModel> | undefined> {
    const [raw, flavour] = await Promise.all([this.getRaw(name), this.api.flavour()]);
    return raw === undefined ? undefined : this.fromApi(raw, flavour);
  }

  /** Creates or replaces an entity (PUT: replaces it wholesale). 201 when created, 200 when replaced. */
  async put(name: string, model: TModel): Promise<WriteResult> {
    const body = this.toApi(model, await this.api.flavour());
    return this.putRaw(name, body);
  }

  /** PUT with an API-shaped body, unvalidated. */
  async putRaw(name: string, body: TApi): Promise<WriteResult> {
    return this.api.withConflictRetry(async () =>
      toWriteResult(await this.api.request('PUT', this.path(name), nonEmptyBody(this.kind, body))));
  }

  /** PATCH the whole collection (paths start with `/<name>`). */
  patch(operations: JsonPatchOperation[]): Promise<WriteResult>;
  /** PATCH one entity (paths are relative to it, e.g. `/users/-`). */
  patch(name: string, operations: JsonPatchOperation[]): Promise<WriteResult>;
  async patch(nameOrOps: string | JsonPatchOperation[], maybeOps?: JsonPatchOperation[]): Promise<WriteResult> {
    const name = typeof nameOrOps === 'string' ? nameOrOps : undefined;
    const ops = typeof nameOrOps === 'string' ? (maybeOps ?? []) : nameOrOps;
    assertSupportedOperations(ops);
    return this.api.withConflictRetry(async () => toWriteResult(await this.api.request('PATCH', this.path(name), ops)));
  }

  /** Deletes an entity. */
  async delete(name: string): Promise<WriteResult> {
    return this.api.withConflictRetry(async () => toWriteResult(await this.api.request('DELETE', this.path(name))));
  }

  /** The body `ensure` creates an entity with (users check that it carries a password). */
  protected createBody(desired: TApi, _model: TModel): TApi {
    return desired;
  }

  /**
   * Makes the entity equal to `model` and writes nothing when it already is. Equality ignores fields the
   * server adds (reserved, hidden, static, hash), list order and DLS formatting. An existing entity is
   * changed with one PATCH of the differing top-level fields; a missing one is created with PUT.
   */
  async ensure(name: string, model: TModel): Promise<EnsureResult> {
    return this.ensureWith(name, model, []);
  }

  /** `ensure` with extra operations to apply when the entity exists (even if otherwise unchanged). */
  protected async ensureWith(name: string, model: TModel, extraOperations: JsonPatchOperation[]): Promise<EnsureResult> {
    const flavour = await this.api.flavour();
    const desired = this.toApi(model, flavour);
    const actual = await this.getRaw(name);
    if (actual === undefined) {
      const res = await this.putRaw(name, this.createBody(desired, model));
      return { name, action: res.statusCode === 201 ? 'created' : 'updated', changedFields: [] };
    }
    const fields = changedFields(this.kind, desired, actual);
    const ops = [...fieldOperations(this.kind, desired, actual, '', flavour.userShape), ...extraOperations];
    if (ops.length === 0) return { name, action: 'unchanged', changedFields: [] };
    await this.patch(name, ops);
    return { name, action: 'updated', changedFields: fields };
  }
}

/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */
export class RolesApi extends SecurityResourceApi<Role, ApiRole> {
  /** @internal */
  constructor(api: SecurityApi) {
    super(api, 'roles', 'roles');
  }

  /** Converts and validates a role for this cluster's dialect. */
  toApi(model: Role, flavour: SecurityFlavour): ApiRole {
    return toApiRole(model, { dialect: flavour.dialect });
  }

  /** Converts an API role into the typed model. */
  fromApi(json: ApiRole, flavour: SecurityFlavour): Stored<Role> {
    return fromApiRole(json, { dialect: flavour.dialect });
  }
}

/** Options of {@link UsersApi.ensure}. */
export interface UserEnsureOptions {
  /** Also set the password of an existing user (its hash cannot be compared, so this always writes). Default false. */
  updatePassword?: boolean;
}

/** `users` (internalusers). */
export class UsersApi extends SecurityResourceApi<InternalUser, ApiUser> {
  /** @internal */
  constructor(api: SecurityApi) {
    super(api, 'users', 'internalusers');
  }

  /** Converts a user for this cluster's user shape. */
  toApi(model: InternalUser, flavour: SecurityFlavour): ApiUser {
    return toApiUser(model, { userShape: flavour.userShape });
  }

  /** Converts an API user into the typed model. */
  fromApi(json: ApiUser): Stored<InternalUser> {
    return fromApiUser(json);
  }

  private checkName(name: string): void {
    const message = invalidUserNameMessage(name);
    if (message !== null) throw new SecurityModelError('user name', [{ path: 'name', message, exact: true }]);
  }

  /** Creates or replaces a user; an existing user keeps its password when none is given. */
  override async put(name: string, model: InternalUser): Promise<WriteResult> {
    this.checkName(name);
    return super.put(name, model);
  }

  protected override createBody(desired: ApiUser, model: InternalUser): ApiUser {
    if (model.password === undefined && model.hash === undefined) {
      throw new SecurityModelError('user', [{ path: 'password', message: 'a new internal user needs a password or a hash', exact: false }]);
    }
    return desired;
  }

  /**
   * Makes the user equal to `model` (backend roles, security roles, attributes, description). The password
   * (or hash) is only used to create the user, unless `updatePassword` is set: hashes cannot be compared,
   * so then it is always written.
   */
  override async ensure(name: string, model: InternalUser, options: UserEnsureOptions = {}): Promise<EnsureResult> {
    this.checkName(name);
    const extra: JsonPatchOperation[] = [];
    if (options.updatePassword && model.password !== undefined) extra.push({ op: 'add', path: '/password', value: model.password });
    else if (options.updatePassword && model.hash !== undefined) extra.push({ op: 'add', path: '/hash', value: model.hash });
    return this.ensureWith(name, model, extra);
  }
}

/** `roleMappings` (rolesmapping), with lost-update-free list edits. */
export class RoleMappingsApi extends SecurityResourceApi<RoleMapping, ApiRoleMapping> {
  /** @internal */
  constructor(api: SecurityApi) {
    super(api, 'roleMappings', 'rolesmapping');
  }

  /** Converts a role mapping into the API shape. */
  toApi(model: RoleMapping): ApiRoleMapping {
    return toApiRoleMapping(model);
  }

  /** Converts an API role mapping into the typed model. */
  fromApi(json: ApiRoleMapping): Stored<RoleMapping> {
    return fromApiRoleMapping(json);
  }

  /** Maps users to `role` (appends; creates the mapping if needed). */
  addUsers(role: string, users: readonly string[]): Promise<MappingUpdateResult> {
    return this.addValues(role, 'users', users);
  }

  /** Unmaps users from `role`. */
  removeUsers(role: string, users: readonly string[]): Promise<MappingUpdateResult> {
    return this.removeValues(role, 'users', users);
  }

  /** Maps backend roles (e.g. IAM role ARNs) to `role`. */
  addBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult> {
    return this.addValues(role, 'backend_roles', backendRoles);
  }

  /** Unmaps backend roles from `role`. */
  removeBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult> {
    return this.removeValues(role, 'backend_roles', backendRoles);
  }

  /** Adds backend roles that are all required (`and_backend_roles`). */
  addAndBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult> {
    return this.addValues(role, 'and_backend_roles', backendRoles);
  }

  /** Removes entries of `and_backend_roles`. */
  removeAndBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult> {
    return this.removeValues(role, 'and_backend_roles', backendRoles);
  }

  /** Maps hosts to `role`. */
  addHosts(role: string, hosts: readonly string[]): Promise<MappingUpdateResult> {
    return this.addValues(role, 'hosts', hosts);
  }

  /** Unmaps hosts from `role`. */
  removeHosts(role: string, hosts: readonly string[]): Promise<MappingUpdateResult> {
    return this.removeValues(role, 'hosts', hosts);
  }

  private async settledContains(role: string, field: MappingListField, values: readonly string[]): Promise<boolean> {
    await sleep(this.api.settleMs);
    const after = await this.getRaw(role);
    const list = after?.[field] ?? [];
    return values.every((v) => list.includes(v));
  }

  /**
   * Adds values to a list of the mapping without losing concurrent changes:
   * - non-empty list: one PATCH of `add /<field>/-` per missing value (appends commute; 409 -> re-read, retry);
   * - empty list: the plugin drops empty lists before applying a patch, so `/<field>/-` fails; the list is
   *   set with `add /<field>` and re-read after `settleMs`, and the round repeats if a concurrent writer's
   *   set replaced ours (and vice versa);
   * - no mapping: created with PUT (the role must exist), then verified the same way.
   */
  async addValues(role: string, field: MappingListField, values: readonly string[]): Promise<MappingUpdateResult> {
    const wanted = uniq(values);
    const result: MappingUpdateResult = { role, field, created: false, changed: [], unchanged: [], suspectedCollateral: [], attempts: 0 };
    if (wanted.length === 0) return result;
    const initiallyPresent = new Set<string>();
    const path = `api/rolesmapping/${encodeURIComponent(role)}`;
    let done = false;
    for (let attempt = 1; !done && attempt <= this.api.conflictAttempts; attempt++) {
      result.attempts = attempt;
      const current = await this.getRaw(role);
      const list = current?.[field] ?? [];
      if (attempt === 1) for (const v of wanted) if (list.includes(v)) initiallyPresent.add(v);
      const missing = wanted.filter((v) => !list.includes(v));
      if (current !== undefined && missing.length === 0) {
        done = true;
        break;
      }
      try {
        if (current === undefined) {
          const res = await this.api.request('PUT', path, { [field]: missing });
          if (res.statusCode === 201) result.created = true;
          done = await this.settledContains(role, field, wanted);
        } else if (list.length === 0) {
          await this.api.request('PATCH', path, [{ op: 'add', path: pointer(field), value: missing }]);
          done = await this.settledContains(role, field, wanted);
        } else {
          await this.api.request('PATCH', path, missing.map((value): JsonPatchOperation => ({ op: 'add', path: pointer(field, '-'), value })));
          done = true;
        }
      } catch (err) {
        if (!this.isRetryable(err, current === undefined)) throw err;
      }
      if (!done) await this.api.backoff(attempt);
    }
    if (!done) throw new Error(`could not add ${field} to role mapping '${role}' in ${result.attempts} attempts`);
    result.changed = wanted.filter((v) => !initiallyPresent.has(v));
    result.unchanged = wanted.filter((v) => initiallyPresent.has(v));
    return result;
  }

  /**
   * Removes values from a list of the mapping. The plugin has no `test` operation and no way to remove
   * by value, so this reads the list, removes the matching indices (highest first) in one PATCH, and re-reads:
   * - concurrent appends never shift existing indices, so they are safe;
   * - 409 (someone wrote in between at the server) -> re-read and retry;
   * - residual race: if another writer removes or reorders entries *before* one of ours between our read
   *   and our PATCH, the index can hit a different entry. The re-read then still shows our value (we retry)
   *   and the other entry is gone: it is reported in `suspectedCollateral`, not restored (it may equally
   *   have been the other writer's own removal).
   */
  async removeValues(role: string, field: MappingListField, values: readonly string[]): Promise<MappingUpdateResult> {
    const targets = new Set(uniq(values));
    const result: MappingUpdateResult = { role, field, created: false, changed: [], unchanged: [], suspectedCollateral: [], attempts: 0 };
    if (targets.size === 0) return result;
    const removed = new Set<string>();
    const path = `api/rolesmapping/${encodeURIComponent(role)}`;
    let initiallyAbsent: string[] | undefined;
    let done = false;
    for (let attempt = 1; !done && attempt <= this.api.conflictAttempts; attempt++) {
      result.attempts = attempt;
      const current = await this.getRaw(role);
      const list = current?.[field] ?? [];
      initiallyAbsent ??= [...targets].filter((v) => !list.includes(v));
      const indices = list.flatMap((v, i) => (targets.has(v) ? [i] : [])).sort((a, b) => b - a);
      if (current === undefined || indices.length === 0) {
        done = true;
        break;
      }
      try {
        await this.api.request('PATCH', path, indices.map((i): JsonPatchOperation => ({ op: 'remove', path: pointer(field, i) })));
        for (const i of indices) removed.add(list[i] as string);
        const after = (await this.getRaw(role))?.[field] ?? [];
        for (const v of list) {
          if (!targets.has(v) && !after.includes(v) && !result.suspectedCollateral.includes(v)) result.suspectedCollateral.push(v);
        }
        done = !after.some((v) => targets.has(v));
      } catch (err) {
        if (!this.isRetryable(err, false)) throw err;
      }
      if (!done) await this.api.backoff(attempt);
    }
    if (!done) throw new Error(`could not remove ${field} from role mapping '${role}' in ${result.attempts} attempts`);
    result.unchanged = initiallyAbsent ?? [];
    result.changed = [...targets].filter((v) => removed.has(v));
    return result;
  }

  /** 409, a list that changed shape under us (400 Missing field / index), or a mapping deleted meanwhile. */
  private isRetryable(err: unknown, creating: boolean): boolean {
    if (isConflict(err)) return true;
    if (!(err instanceof SecurityApiError)) return false;
    if (err.statusCode === 400 && /^Missing field |out of bound/i.test(err.reason)) return true;
    return !creating && err.statusCode === 404 && /^rolesmapping '/.test(err.reason);
  }
}

/** `actionGroups` (actiongroups). */
export class ActionGroupsApi extends SecurityResourceApi<ActionGroup, ApiActionGroup> {
  /** @internal */
  constructor(api: SecurityApi) {
    super(api, 'actionGroups', 'actiongroups');
  }

  /** Converts an action group into the API shape. */
  toApi(model: ActionGroup): ApiActionGroup {
    return toApiActionGroup(model);
  }

  /** Converts an API action group into the typed model. */
  fromApi(json: ApiActionGroup): Stored<ActionGroup> {
    return fromApiActionGroup(json);
  }
}

/** `tenants`. */
export class TenantsApi extends SecurityResourceApi<Tenant, ApiTenant> {
  /** @internal */
  constructor(api: SecurityApi) {
    super(api, 'tenants', 'tenants');
  }

  /** Converts a tenant into the API shape. */
  toApi(model: Tenant): ApiTenant {
    return toApiTenant(model);
  }

  /** Converts an API tenant into the typed model. */
  fromApi(json: ApiTenant): Stored<Tenant> {
    return fromApiTenant(json);
  }
}

/** `account`: the calling user's own account. */
export class AccountApi {
  private readonly api: SecurityApi;

  /** @internal */
  constructor(api: SecurityApi) {
    this.api = api;
  }

  /** The calling user's account details. */
  async get(): Promise<AccountInfo> {
    return (await this.api.request('GET', 'api/account')).body as AccountInfo;
  }

  /** Changes the calling internal user's password (not allowed for internal users on Amazon OpenSearch Service). */
  async changePassword(currentPassword: string, newPassword: string): Promise<WriteResult> {
    return toWriteResult(await this.api.request('PUT', 'api/account', { current_password: currentPassword, password: newPassword }));
  }
}

/** `tenancyConfig`: Dashboards multi-tenancy settings. */
export class TenancyConfigApi {
  private readonly api: SecurityApi;

  /** @internal */
  constructor(api: SecurityApi) {
    this.api = api;
  }

  /** Reads the tenancy configuration. */
  async get(): Promise<TenancyConfig> {
    return (await this.api.request('GET', 'api/tenancy/config')).body as TenancyConfig;
  }

  /** Updates the tenancy configuration; returns the resulting configuration. */
  async put(config: TenancyConfig): Promise<TenancyConfig> {
    return (await this.api.request('PUT', 'api/tenancy/config', config)).body as TenancyConfig;
  }
}

const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+/;
const ASSUMED_ROLE_ARN = /^arn:aws[a-zA-Z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/.+/;

/** Typed, safe helpers for the security plugin's REST API. */
export class SecurityApi {
  readonly users: UsersApi;
  readonly roles: RolesApi;
  readonly roleMappings: RoleMappingsApi;
  readonly actionGroups: ActionGroupsApi;
  readonly tenants: TenantsApi;
  readonly account: AccountApi;
  readonly tenancyConfig: TenancyConfigApi;
  /** @internal */
  readonly conflictAttempts: number;
  /** @internal */
  readonly settleMs: number;

  private readonly client: SecurityTransportClient;
  private readonly options: SecurityApiOptions;
  private detected: Promise<SecurityFlavour> | undefined;

  constructor(client: SecurityTransportClient, options: SecurityApiOptions = {}) {
    this.client = client;
    this.options = { ...options };
    this.conflictAttempts = Math.max(1, options.conflictAttempts ?? 12);
    this.settleMs = Math.max(0, options.settleMs ?? 200);
    this.users = new UsersApi(this);
    this.roles = new RolesApi(this);
    this.roleMappings = new RoleMappingsApi(this);
    this.actionGroups = new ActionGroupsApi(this);
    this.tenants = new TenantsApi(this);
    this.account = new AccountApi(this);
    this.tenancyConfig = new TenancyConfigApi(this);
  }

  /**
   * The prefix, user shape and dialect in use: the constructor's options, the rest detected once from `GET /`
   * (if `GET /` is refused with 403, OpenSearch 2.x defaults are assumed).
   */
  flavour(): Promise<SecurityFlavour> {
    const { prefix, userShape, dialect } = this.options;
    if (prefix !== undefined && userShape !== undefined && dialect !== undefined) {
      return Promise.resolve({ prefix, userShape, dialect, distribution: 'unknown', version: 'unknown' });
    }
    this.detected ??= this.detect().catch((err: unknown) => {
      this.detected = undefined;
      throw err;
    });
    return this.detected.then((found) => ({
      ...found,
      prefix: prefix ?? found.prefix,
      userShape: userShape ?? found.userShape,
      dialect: dialect ?? found.dialect,
    }));
  }

  private async detect(): Promise<SecurityFlavour> {
    try {
      const res = await this.client.transport.request({ method: 'GET', path: '/' });
      return flavourFromRoot((res.body ?? {}) as RootInfo);
    } catch (err) {
      const typed = toTypedError(err);
      if (typed instanceof Error && (typed as { statusCode?: unknown }).statusCode === 403) return DEFAULT_FLAVOUR;
      throw typed;
    }
  }

  /**
   * Sends a request below the security prefix (`path` like `api/roles/x` or `authinfo`). Non-2xx responses
   * throw the typed errors of `toTypedError` (`SecurityApiError` for the REST API's own refusals).
   */
  async request(method: string, path: string, body?: unknown): Promise<{ body: unknown; statusCode: number }> {
    const { prefix } = await this.flavour();
    try {
      const res = await this.client.transport.request(body === undefined
        ? { method, path: `/${prefix}/${path}` }
        : { method, path: `/${prefix}/${path}`, body });
      return { body: res.body, statusCode: res.statusCode ?? 0 };
    } catch (err) {
      throw toTypedError(err);
    }
  }

  /** @internal Runs a write, retrying 409 CONFLICT (a concurrent write to the same config type) with back-off. */
  async withConflictRetry<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (!isConflict(err) || attempt >= this.conflictAttempts) throw err;
        await this.backoff(attempt);
      }
    }
  }

  /** @internal Jittered back-off between attempts: up to 25 ms x 2^(attempt-1), capped at 1 s. */
  backoff(attempt: number): Promise<void> {
    const cap = Math.min(1000, 25 * 2 ** Math.min(attempt - 1, 6));
    return sleep(Math.floor(cap / 2 + Math.random() * (cap / 2)));
  }

  /** Who the plugin thinks the caller is (`GET <prefix>/authinfo`). */
  async authInfo(): Promise<AuthInfo> {
    return (await this.request('GET', 'authinfo')).body as AuthInfo;
  }

  /** Security plugin health (`GET <prefix>/health`). */
  async health(): Promise<SecurityHealth> {
    return (await this.request('GET', 'health')).body as SecurityHealth;
  }

  /** Flushes the plugin's authentication cache (`DELETE <prefix>/api/cache`). */
  async flushCache(): Promise<WriteResult> {
    return toWriteResult(await this.request('DELETE', 'api/cache'));
  }

  /**
   * Maps a principal to `all_access` and `security_manager`, as the Amazon OpenSearch Service guide does for
   * an additional master user: an IAM role ARN goes to `backend_roles`; an IAM user ARN, an internal user or
   * any other user name goes to `users`. An STS assumed-role ARN is refused: map its IAM role ARN instead.
   * A role missing on this cluster (open-source OpenSearch has no `security_manager`), or whose mapping the
   * caller may not change (the plugin refuses non-REST-admins for roles granting `restapi:admin/*`), is
   * reported in `skipped` instead of failing after `all_access` was already mapped.
   */
  async addMasterUser(userOrArn: string): Promise<MasterUserResult> {
    const assumed = ASSUMED_ROLE_ARN.exec(userOrArn);
    if (assumed !== null) {
      throw new RangeError(
        `${userOrArn} is an STS session; FGAC sees the role itself: map arn:aws:iam::${assumed[1]}:role/${assumed[2]} (with its path, if any)`,
      );
    }
    const field = ROLE_ARN.test(userOrArn) ? 'backend_roles' : 'users';
    const result: MasterUserResult = { field, mappings: [], skipped: [] };
    for (const role of ['all_access', 'security_manager']) {
      try {
        result.mappings.push(await this.roleMappings.addValues(role, field, [userOrArn]));
      } catch (err) {
        if (isNotFound(err) && err.resourceName === role) {
          result.skipped.push({ role, reason: err.reason });
        } else if (err instanceof SecurityApiError && err.statusCode === 403 && err.reason === 'Access denied') {
          result.skipped.push({
            role,
            reason: 'Access denied: the role grants REST API admin permissions (restapi:admin/*), so only a REST API admin may change its mapping',
          });
        } else {
          throw err;
        }
      }
    }
    return result;
  }

  /**
   * The JSON Patch operations (one collection PATCH per resource type) that turn the cluster's configuration
   * into `desired`. Only the types present in `desired` are planned; with `prune: true`, entities of those
   * types missing from `desired` are deleted (reserved, static and hidden ones, and the calling user, are skipped).
   */
  async plan(desired: DesiredSecurityConfig, options: PlanOptions = {}): Promise<SecurityPlan> {
    return planSecurity(this, desired, options);
  }

  /** Applies a plan: one PATCH per resource type with operations, in dependency order; 409s are retried. */
  async apply(plan: SecurityPlan): Promise<SecurityApplyResult> {
    return applySecurityPlan(this, plan);
  }
}
