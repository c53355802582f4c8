import { P as PluginDialect, M as MaskedFieldExpression, a as MaskedFieldError, W as Writable, R as RoleJson, b as RoleMappingJson, c as ResourceFlags, A as ActionGroupJson, I as IndexPermissionJson, T as TenantPermissionJson } from './role-shape-ZTCjTHaq.js';
export { f as formatMaskedFieldExpression } from './role-shape-ZTCjTHaq.js';

/**
 * The security plugin's static action groups and roles (static_action_groups.yml / static_roles.yml,
 * identical in OpenSearch 2.19 and 3.x), as literal types that still accept custom names.
 */
/** Cluster-level static action groups. */
type ClusterActionGroupName = 'cluster_all' | 'cluster_monitor' | 'cluster_composite_ops_ro' | 'cluster_composite_ops' | 'manage_snapshots' | 'cluster_manage_index_templates' | 'cluster_manage_pipelines';
/** Index-level static action groups. */
type IndexActionGroupName = 'indices_all' | 'read' | 'write' | 'crud' | 'data_access' | 'search' | 'get' | 'delete' | 'index' | 'create_index' | 'manage' | 'manage_aliases' | 'indices_monitor' | 'suggest' | 'manage_data_streams' | 'manage_point_in_time';
/** Tenant-level (Dashboards saved objects) static action groups; the plugin's type is `kibana`. */
type TenantActionGroupName = 'kibana_all_read' | 'kibana_all_write';
/** Every static action group name. `unlimited` (`*`) has type `all`. */
type StaticActionGroupName = ClusterActionGroupName | IndexActionGroupName | TenantActionGroupName | 'unlimited';
/** A custom action group or a raw action name: any string, without collapsing the literal unions above. */
type CustomName = string & {};
/** An entry of a role's `cluster_permissions`: a static group, a `cluster:`/`indices:` action pattern or any custom name. */
type ClusterPermission = ClusterActionGroupName | 'unlimited' | `cluster:${string}` | `indices:${string}` | '*' | CustomName;
/** An entry of an index permission's `allowed_actions`. */
type IndexAction = IndexActionGroupName | 'unlimited' | `indices:${string}` | '*' | CustomName;
/** An entry of a tenant permission's `allowed_actions`. */
type TenantAction = TenantActionGroupName | CustomName;
/** An entry of an action group's `allowed_actions`. */
type ActionGroupMember = StaticActionGroupName | `cluster:${string}` | `indices:${string}` | `kibana:${string}` | '*' | CustomName;
/** The `type` of an action group as stored by the plugin. */
type ActionGroupType = 'cluster' | 'index' | 'kibana' | 'all';
/** One entry of the static catalogue. */
interface StaticActionGroup {
    readonly type: ActionGroupType;
    readonly allowed_actions: readonly string[];
    readonly description: string;
}
/** The static action groups shipped with the security plugin (OpenSearch 2.19 / 3.x). */
declare const STATIC_ACTION_GROUPS: Readonly<Record<StaticActionGroupName, StaticActionGroup>>;
/** Names of the static roles of the open-source plugin (reserved and static: the REST API refuses to change them). */
declare const STATIC_ROLE_NAMES: readonly ["all_access", "kibana_user", "own_index", "manage_snapshots", "kibana_server", "logstash", "readall_and_monitor", "readall"];
/** A static role name. */
type StaticRoleName = (typeof STATIC_ROLE_NAMES)[number];
/** Roles that Amazon OpenSearch Service adds and the open-source plugin lacks (not exhaustive). */
declare const AWS_SERVICE_ROLE_NAMES: readonly ["security_manager", "opensearch_dashboards_user", "ultrawarm_manager", "ml_full_access"];
/** A role name: static, Amazon-provided, or custom. */
type RoleName = StaticRoleName | (typeof AWS_SERVICE_ROLE_NAMES)[number] | CustomName;
/** True when `name` is one of the static action groups. */
declare function isStaticActionGroup(name: string): name is StaticActionGroupName;

/** The outcome of {@link parseMaskedFieldExpression}. */
type MaskedFieldParseResult = {
    ok: true;
    source: string;
    expression: MaskedFieldExpression;
    warnings: string[];
} | {
    ok: false;
    source: string;
    error: MaskedFieldError;
};
/** Options of {@link parseMaskedFieldExpression}. */
interface MaskedFieldParseOptions {
    /** Rules and messages of which plugin generation (default `v2`, the OpenSearch 2.x line). */
    dialect?: PluginDialect;
    /** Digest names your domain's JCA providers offer beyond {@link KNOWN_DIGEST_ALGORITHMS}. */
    extraAlgorithms?: readonly string[];
}
/**
 * Parses and validates one masked-field expression (`field`, `field::ALGO`, `field::/re/::rep(::/re/::rep)*`).
 * Stricter than the server in one respect: an entry the server accepts but that fails once a value reaches
 * it (a replacement string the JDK rejects, a broken `/regex/` field pattern) is rejected here, since it
 * fails every search it applies to.
 */
declare function parseMaskedFieldExpression(source: string, options?: MaskedFieldParseOptions): MaskedFieldParseResult;

/**
 * Document-level security query text <-> query. The API stores a role's `dls` as a string holding a
 * query DSL object, into which the plugin substitutes variables textually before parsing it
 * (`${user.name}`, `${user.roles}`, `${user.securityRoles}`, `${attr.internal.X}`, `${attr.jwt.X}`,
 * `${attr.ldap.X}`, `${attr.proxy.X}` and their `_` spellings). Inside JSON strings a variable is just
 * text; a variable that stands for JSON itself (e.g. `${user.roles}` expands to `"a","b"`) is a
 * {@link DlsVariable} and serialised unquoted.
 *
 * Parsing follows the plugin (JsonXContent + parseInnerQueryBuilder): duplicate keys are refused,
 * comments are white space, the query must be an object and text after it is never read (checked
 * against OpenSearch 2.19.4). Validation of roles (security/) and verification of responses
 * (verify/) both read DLS here, so they give the same verdict.
 */

/** A variable that is substituted as raw JSON text (not inside a string), e.g. `[${user.roles}]`. */
declare class DlsVariable {
    /** The name between `${` and `}`, e.g. `user.roles`. */
    readonly name: string;
    constructor(name: string);
    /** The text the plugin substitutes, `${name}`. */
    toString(): string;
}
/** A JSON value inside a DLS query, possibly with raw variables. */
type DlsValue = string | number | boolean | null | DlsVariable | DlsValue[] | DlsObject;
/** A JSON object inside a DLS query (`undefined` members are omitted when serialised). */
interface DlsObject {
    [key: string]: DlsValue | undefined;
}
/** A DLS query: a query DSL object such as `{ match: { FlightDelay: true } }`. */
type DlsQuery = DlsObject;
/** Thrown when a DLS string is not one the plugin can parse (not JSON, duplicate keys, not an object). */
declare class DlsParseError extends Error {
    readonly name = "DlsParseError";
}
/** Creates a raw variable, e.g. `dlsVariable('user.roles')` serialises as `${user.roles}`. */
declare function dlsVariable(name: string): DlsVariable;
/** Serialises a query into the string the API stores in `dls` (compact JSON; raw variables unquoted). */
declare function serializeDls(query: DlsQuery): string;
/**
 * Parses the API's `dls` string into a query; raw (unquoted) variables become {@link DlsVariable}s. Throws
 * {@link DlsParseError} where the plugin fails, and for text after the query (a query cannot hold it).
 */
declare function parseDls(text: string): DlsQuery;
/** True when two DLS queries (objects or API strings) are the same query, ignoring whitespace and key order. */
declare function dlsEquals(a: DlsQuery | string, b: DlsQuery | string): boolean;

/** A typed FLS entry: a field pattern to include, or one to exclude. */
type FlsEntry = {
    include: string;
    exclude?: never;
} | {
    exclude: string;
    include?: never;
};
/** Shorthand for `{ include: pattern }`. */
declare function flsInclude(pattern: string): FlsEntry;
/** Shorthand for `{ exclude: pattern }`. */
declare function flsExclude(pattern: string): FlsEntry;

/**
 * Typed models of the security REST API's entities (roles, internal users, role mappings, action groups,
 * tenants), their wire shapes, and the conversions between the two. Roles are where typing pays off: `dls`
 * is a query object instead of a JSON string, `fls` entries are include/exclude patterns, and masked fields
 * are parsed and validated with the plugin's rules before anything is sent.
 */

/** An index permission as the API stores it. */
type ApiIndexPermission = Writable<IndexPermissionJson>;
/** A tenant permission as the API stores it. */
type ApiTenantPermission = Writable<TenantPermissionJson>;
/** A role as the API stores it. */
type ApiRole = Writable<RoleJson>;
/** A role mapping as the API stores it. */
type ApiRoleMapping = Writable<RoleMappingJson>;
/** An action group as the API stores it. */
type ApiActionGroup = Writable<ActionGroupJson>;
/** An internal user as the API stores it (`roles` instead of `backend_roles` on Elasticsearch 6.x). */
interface ApiUser extends ResourceFlags {
    /** bcrypt hash; GET returns it blanked (""). */
    hash?: string;
    /** Plain-text password, write-only: the server hashes it. */
    password?: string;
    backend_roles?: string[];
    roles?: string[];
    opendistro_security_roles?: string[];
    attributes?: Record<string, string>;
    description?: string;
}
/** A tenant as the API stores it. */
interface ApiTenant extends ResourceFlags {
    description?: string;
}
/** A masked field: an expression string (`Dest`, `Dest::SHA-256`, `Dest::/x/::y`) or its parsed form. */
type MaskedField = string | MaskedFieldExpression;
/** An index permission with typed DLS, FLS and masking. */
interface IndexPermission {
    index_patterns: string[];
    allowed_actions?: IndexAction[];
    /** A query DSL object; a string is passed through verbatim (and is what unparseable server values become). */
    dls?: DlsQuery | string;
    fls?: FlsEntry[];
    masked_fields?: MaskedField[];
}
/** A tenant permission. */
interface TenantPermission {
    tenant_patterns: string[];
    allowed_actions?: TenantAction[];
}
/** A role. */
interface Role {
    description?: string;
    cluster_permissions?: ClusterPermission[];
    index_permissions?: IndexPermission[];
    tenant_permissions?: TenantPermission[];
}
/** An internal user. `password` (or a bcrypt `hash`) is required to create one, never returned. */
interface InternalUser {
    password?: string;
    hash?: string;
    backend_roles?: string[];
    /** Roles assigned directly, without a role mapping. */
    opendistro_security_roles?: RoleName[];
    attributes?: Record<string, string>;
    description?: string;
}
/** A role mapping: who gets a role. */
interface RoleMapping {
    users?: string[];
    backend_roles?: string[];
    /** All of these backend roles are needed (in addition to one of `backend_roles`, if any). */
    and_backend_roles?: string[];
    hosts?: string[];
    description?: string;
}
/** An action group. */
interface ActionGroup {
    allowed_actions: ActionGroupMember[];
    type?: ActionGroupType;
    description?: string;
}
/** A tenant. */
interface Tenant {
    description?: string;
}
/** An entity as read from the server: the model plus its flags. */
type Stored<T> = T & ResourceFlags;
/** How internal users carry backend roles: `backend_roles` (ODFE 7.x, OpenSearch) or `roles` (Elasticsearch 6.x). */
type UserShape = 'backend_roles' | 'roles';
/** One problem found by client-side validation; `path` points into the entity (e.g. `index_permissions[0].masked_fields[1]`). */
interface ModelIssue {
    path: string;
    message: string;
    /** True when `message` is the text the plugin itself would return. */
    exact: boolean;
}
/** Errors (which would be rejected or break evaluation) and warnings (accepted but probably not meant). */
interface ValidationReport {
    errors: ModelIssue[];
    warnings: ModelIssue[];
}
/** Thrown by the `toApi*` conversions when client-side validation finds errors. */
declare class SecurityModelError extends Error {
    readonly name = "SecurityModelError";
    readonly issues: ModelIssue[];
    constructor(entity: string, issues: ModelIssue[]);
}
/** Options shared by the conversions. */
interface ModelOptions {
    /** Plugin generation whose masked-field rules apply (default `v2`). */
    dialect?: PluginDialect;
    /** Extra MessageDigest names the domain offers. */
    extraAlgorithms?: MaskedFieldParseOptions['extraAlgorithms'];
    /** Skip client-side validation (default false). */
    skipValidation?: boolean;
}
/** Validates a role on the client: masked fields, FLS patterns, DLS and required index patterns. */
declare function validateRole(role: Role, options?: ModelOptions): ValidationReport;
/** Converts a typed role into the API's shape (DLS serialised, FLS `~` prefixes, masked-field strings). Throws {@link SecurityModelError}. */
declare function toApiRole(role: Role, options?: ModelOptions): ApiRole;
/** Converts a role as returned by the API into the typed model (DLS parsed; unparseable DLS stays a string). */
declare function fromApiRole(json: ApiRole, options?: Pick<ModelOptions, 'dialect' | 'extraAlgorithms'>): Stored<Role>;
/** Converts a typed user into the API's shape for the given user shape. */
declare function toApiUser(user: InternalUser, options?: {
    userShape?: UserShape;
}): ApiUser;
/** Converts a user as returned by the API into the typed model (hash dropped, `roles` read as backend roles). */
declare function fromApiUser(json: ApiUser): Stored<InternalUser>;
/** Converts a typed role mapping into the API's shape. */
declare function toApiRoleMapping(mapping: RoleMapping): ApiRoleMapping;
/** Converts a role mapping as returned by the API into the typed model. */
declare function fromApiRoleMapping(json: ApiRoleMapping): Stored<RoleMapping>;
/** Converts a typed action group into the API's shape. */
declare function toApiActionGroup(group: ActionGroup): ApiActionGroup;
/** Converts an action group as returned by the API into the typed model. */
declare function fromApiActionGroup(json: ApiActionGroup): Stored<ActionGroup>;
/** Converts a typed tenant into the API's shape. */
declare function toApiTenant(tenant: Tenant): ApiTenant;
/** Converts a tenant as returned by the API into the typed model. */
declare function fromApiTenant(json: ApiTenant): Stored<Tenant>;

/** The path prefix of the security plugin's endpoints. */
type SecurityApiPrefix = '_plugins/_security' | '_opendistro/_security';
/** What the client assumes about the cluster's security API. */
interface SecurityFlavour {
    prefix: SecurityApiPrefix;
    userShape: UserShape;
    /** Masked-field rules and messages: `v3` for OpenSearch 3.x, `v2` otherwise. */
    dialect: PluginDialect;
    /** `version.distribution` (`opensearch`) or `elasticsearch` when absent; `unknown` when GET / was refused. */
    distribution: string;
    /** `version.number`, or `unknown`. */
    version: string;
}

/** How the helpers retry writes the plugin refused with 409 CONFLICT. */
interface ConflictRetryOptions {
    /** Attempts of a write that keeps failing with 409 CONFLICT (default 12). */
    conflictAttempts?: number;
    /** Milliseconds to wait before verifying a write that replaced a whole list or created a mapping (default 200). */
    settleMs?: number;
    /** No retry of one operation starts later than this after its first attempt, in ms (default 60 000). */
    maxElapsedMs?: number;
    /** Ends every request in flight and every wait between attempts at once; the abort reason is thrown. */
    signal?: AbortSignal;
}
/** ConflictRetryOptions validated, defaults filled in. */
interface ResolvedConflictOptions {
    conflictAttempts: number;
    settleMs: number;
    maxElapsedMs: number;
    signal: AbortSignal | undefined;
}
/** The attempts of one operation: its clock starts when it is made. */
declare class ConflictRound {
    #private;
    /** @internal */
    constructor(options: ResolvedConflictOptions);
    /**
     * Waits before the attempt after failed attempt `attempt` (1-based). Resolves false, at once, when no
     * attempt is left (`conflictAttempts` used, or the wait would end past `maxElapsedMs`); rejects with the
     * abort reason as soon as the signal aborts.
     */
    next(attempt: number): Promise<boolean>;
}
/** The conflict-retry policy of one SecurityApi. */
declare class ConflictRetry {
    #private;
    constructor(options?: ConflictRetryOptions);
    /** Most attempts of one operation. */
    get attempts(): number;
    /** The caller's abort signal, if any. */
    get signal(): AbortSignal | undefined;
    /** Starts the attempts of one operation. */
    begin(): ConflictRound;
    /** Runs a write, repeating it while it fails with 409 CONFLICT and attempts and time are left. */
    run<T>(write: () => Promise<T>): Promise<T>;
    /** Waits `settleMs` (abortable) before a write is verified by reading it back. */
    settle(): Promise<void>;
}

/** The resource kinds of the security REST API that this module manages. */
type SecurityResourceKind = 'roles' | 'roleMappings' | 'users' | 'actionGroups' | 'tenants';
/** An API entity of any managed kind. */
type ApiEntity = ApiRole | ApiRoleMapping | ApiUser | ApiActionGroup | ApiTenant;

/** RFC 6902 JSON Patch operations, limited to what the security plugin supports (`add`, `replace`, `remove`). */
/** A JSON value. */
type JsonValue = string | number | boolean | null | JsonValue[] | {
    [key: string]: JsonValue;
};
/** One supported JSON Patch operation. `replace` and `remove` fail on a missing path; `add` sets or replaces an object member. */
type JsonPatchOperation = {
    op: 'add';
    path: string;
    value: JsonValue;
} | {
    op: 'replace';
    path: string;
    value: JsonValue;
} | {
    op: 'remove';
    path: string;
};

/** The part of an opensearch-js `Client` this module uses; any `Client` of @opensearch-project/opensearch 2.x/3.x fits. */
interface SecurityTransportClient {
    transport: {
        request(params: {
            method: string;
            path: string;
            body?: unknown;
        }): Promise<{
            body: unknown;
            statusCode: number | null;
        }>;
    };
}
/** A successful response of the security REST API. */
interface SecurityResponse {
    statusCode: number;
    body: unknown;
}
/** What the resources need to talk to the plugin: one request below the security prefix. */
interface SecurityTransport {
    /**
     * Sends `method` to `<prefix>/<path>` (`path` like `api/roles/x` or `authinfo`). Non-2xx responses
     * reject with the typed, redacted errors of the error boundary (`SecurityApiError` for the REST API's own refusals).
     */
    request(method: string, path: string, body?: unknown): Promise<SecurityResponse>;
}

/** The `{status, message}` body the security REST API answers a successful write with. */

/** The `{status, message}` body of a successful write, with the HTTP status. */
interface WriteResult {
    statusCode: number;
    /** `OK` or `CREATED`. */
    status: string;
    message: string;
}

/**
 * The generic resource of the security REST API, written once: list, get, put, patch, delete and
 * ensure over `<prefix>/api/<endpoint>`, typed both ways. Concurrency model of the plugin, which this
 * builds on: every write loads the whole config document of its type (roles, rolesmapping, ...),
 * applies the change and saves it with `if_seq_no`/`if_primary_term`; a concurrent write in between
 * makes it fail with 409 CONFLICT and nothing is applied. PUT replaces an entity wholesale, so `ensure`
 * changes existing entities with PATCH (applied to the state current at the server) and every write
 * retries 409s.
 */

/** What a resource needs from its SecurityApi: the transport, the cluster's flavour, the conflict policy, the error boundary. */
interface ResourceContext {
    readonly transport: SecurityTransport;
    /** The prefix, user shape and dialect in use. */
    flavour(): Promise<SecurityFlavour>;
    readonly conflicts: ConflictRetry;
    /** Passes an error the helpers build themselves through the error boundary (redacted with the client's secrets). */
    typedError(err: unknown): unknown;
}
/** What `ensure` did. */
interface EnsureResult {
    name: string;
    action: 'created' | 'updated' | 'unchanged';
    /** Top-level fields that differed (empty when created or unchanged). */
    changedFields: string[];
}
/** How one resource type converts between the typed model and the API shape (per cluster flavour). */
interface ResourceCodec<TModel, TApi> {
    toApi(model: TModel, flavour: SecurityFlavour): TApi;
    fromApi(json: TApi, flavour: SecurityFlavour): Stored<TModel>;
}
/** CRUD on one resource type of the security REST API, typed both ways. */
declare abstract class SecurityResourceApi<TModel, TApi extends ApiEntity> {
    #private;
    /** @internal */
    protected readonly ctx: ResourceContext;
    /** The resource kind (as used by `plan`). */
    readonly kind: SecurityResourceKind;
    /** The endpoint below `<prefix>/api/`, e.g. `rolesmapping`. */
    readonly endpoint: string;
    protected constructor(ctx: ResourceContext, kind: SecurityResourceKind, endpoint: string, codec: ResourceCodec<TModel, TApi>);
    /** Converts a model into the API shape for this cluster (validating it). */
    toApi(model: TModel, flavour: SecurityFlavour): TApi;
    /** Converts an API entity into the model. */
    fromApi(json: TApi, flavour: SecurityFlavour): Stored<TModel>;
    /** The path of the collection, or of one entity, below the security prefix. */
    protected path(name?: string): string;
    /** All entities as the API returns them (hidden ones omitted unless you are a REST admin). */
    listRaw(): Promise<Record<string, TApi>>;
    /** All entities, typed. */
    list(): Promise<Record<string, Stored<TModel>>>;
    /** One entity as the API returns it, or undefined when it does not exist. */
    getRaw(name: string): Promise<TApi | undefined>;
    /** One entity, typed, or undefined when it does not exist. */
    get(name: string): Promise<Stored<TModel> | undefined>;
    /** Creates or replaces an entity (PUT: replaces it wholesale). 201 when created, 200 when replaced. */
    put(name: string, model: TModel): Promise<WriteResult>;
    /** PUT with an API-shaped body, unvalidated. */
    putRaw(name: string, body: TApi): Promise<WriteResult>;
    /** PATCH the whole collection (paths start with `/<name>`). */
    patch(operations: JsonPatchOperation[]): Promise<WriteResult>;
    /** PATCH one entity (paths are relative to it, e.g. `/users/-`). */
    patch(name: string, operations: JsonPatchOperation[]): Promise<WriteResult>;
    /** Deletes an entity. */
    delete(name: string): Promise<WriteResult>;
    /** The body `ensure` creates an entity with (users check that it carries a password). */
    protected createBody(desired: TApi, _model: TModel): TApi;
    /**
     * Makes the entity equal to `model` and writes nothing when it already is. Equality ignores fields the
     * server adds (reserved, hidden, static, hash), list order and DLS formatting. An existing entity is
     * changed with one PATCH of the differing top-level fields; a missing one is created with PUT.
     */
    ensure(name: string, model: TModel): Promise<EnsureResult>;
    /** `ensure` with extra operations to apply when the entity exists (even if otherwise unchanged). */
    protected ensureWith(name: string, model: TModel, extraOperations: JsonPatchOperation[]): Promise<EnsureResult>;
}

/** A list field of a role mapping. */
type MappingListField = 'users' | 'backend_roles' | 'and_backend_roles' | 'hosts';
/** Result of a safe role-mapping update. */
interface MappingUpdateResult {
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
/** `roleMappings` (rolesmapping), with lost-update-free list edits. */
declare class RoleMappingsApi extends SecurityResourceApi<RoleMapping, ApiRoleMapping> {
    #private;
    /** @internal */
    constructor(ctx: ResourceContext);
    /** Maps users to `role` (appends; creates the mapping if needed). */
    addUsers(role: string, users: readonly string[]): Promise<MappingUpdateResult>;
    /** Unmaps users from `role`. */
    removeUsers(role: string, users: readonly string[]): Promise<MappingUpdateResult>;
    /** Maps backend roles (e.g. IAM role ARNs) to `role`. */
    addBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult>;
    /** Unmaps backend roles from `role`. */
    removeBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult>;
    /** Adds backend roles that are all required (`and_backend_roles`). */
    addAndBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult>;
    /** Removes entries of `and_backend_roles`. */
    removeAndBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult>;
    /** Maps hosts to `role`. */
    addHosts(role: string, hosts: readonly string[]): Promise<MappingUpdateResult>;
    /** Unmaps hosts from `role`. */
    removeHosts(role: string, hosts: readonly string[]): Promise<MappingUpdateResult>;
    /**
     * Adds values to a list of the mapping without losing concurrent changes:
     * - non-empty list: one PATCH of `add /<field>/-` per missing value (appends commute; 409 -> re-read, retry);
     * - empty list: the plugin drops empty lists before applying a patch, so `/<field>/-` fails; the list is
     *   set with `add /<field>` and re-read after `settleMs`, and the round repeats if a concurrent writer's
     *   set replaced ours (and vice versa);
     * - no mapping: created with PUT (the role must exist), then verified the same way.
     */
    addValues(role: string, field: MappingListField, values: readonly string[]): Promise<MappingUpdateResult>;
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
    removeValues(role: string, field: MappingListField, values: readonly string[]): Promise<MappingUpdateResult>;
}

/** Result of {@link addMasterUser}. */
interface MasterUserResult {
    /** Where the principal was mapped: `users` (internal user, IAM user ARN, other names) or `backend_roles` (IAM role ARN). */
    field: 'users' | 'backend_roles';
    mappings: MappingUpdateResult[];
    /** Roles not mapped: missing on this cluster, or their mapping is reserved for REST API admins. */
    skipped: Array<{
        role: string;
        reason: string;
    }>;
}

/**
 * Declarative configuration: `plan(desired)` compares a desired set of roles, role mappings, users, action
 * groups and tenants with the cluster and returns, per resource type, the JSON Patch operations for one
 * collection PATCH. Changed entities are patched field by field (`add /<name>/<field>`), so fields the plan
 * does not touch keep concurrent changes. A plan never shows a password or hash: those values read
 * `[REDACTED]` (see plan-secrets.ts). The plan depends only on {@link PlanSource}, not on SecurityApi.
 */

/** The configuration to reach, by resource type and name. Types left out are not planned at all. */
interface DesiredSecurityConfig {
    roles?: Record<string, Role>;
    roleMappings?: Record<string, RoleMapping>;
    users?: Record<string, InternalUser>;
    actionGroups?: Record<string, ActionGroup>;
    tenants?: Record<string, Tenant>;
}
/** Options of `plan`. */
interface PlanOptions {
    /** Delete entities of the planned types that `desired` does not name (default false). */
    prune?: boolean;
    /** Write the password of existing users that have one in `desired` (hashes cannot be compared; default false). */
    updatePasswords?: boolean;
}
/** The plan for one resource type. */
interface ResourcePlan {
    kind: SecurityResourceKind;
    created: string[];
    changed: Array<{
        name: string;
        fields: string[];
    }>;
    unchanged: string[];
    /** Only with `prune: true`. */
    deleted: string[];
    /** Entities that differ but cannot be written (static, reserved, hidden) or that prune keeps (the calling user). */
    skipped: Array<{
        name: string;
        reason: string;
    }>;
    /** The body of one collection PATCH (`<prefix>/api/<endpoint>`); password and hash values read `[REDACTED]`. */
    operations: JsonPatchOperation[];
}
/** A plan for all resource types, in the order `apply` uses. */
interface SecurityPlan {
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

/** `apply(plan)`: one collection PATCH per resource type with operations, in dependency order; 409s are retried. */

/** What `apply` sent. */
interface SecurityApplyResult {
    applied: Array<{
        kind: SecurityResourceKind;
        operations: number;
        result: WriteResult;
    }>;
}

/** Who the plugin thinks the caller is, its health, and its authentication cache (`authinfo`, `health`, `api/cache`). */

/** `GET _plugins/_security/authinfo`. */
interface AuthInfo {
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
interface SecurityHealth {
    message: string | null;
    mode: string;
    status: string;
    settings?: Record<string, unknown>;
}

/** A single-document endpoint of the security REST API (the caller's account, the tenancy config). */

/** One document at `<prefix>/<path>`, read and written through the security API's transport. */
declare abstract class SecurityEndpoint<T> {
    #private;
    /** @internal */
    constructor(transport: SecurityTransport, path: string);
    /** Reads the document. */
    get(): Promise<T>;
    /** Sends `body` with `method` to the document's path; resolves to the response. */
    protected send(method: 'PUT' | 'PATCH', body: unknown): ReturnType<SecurityTransport['request']>;
}

/** `account`: the calling user's own account (`<prefix>/api/account`). */

/** `GET _plugins/_security/api/account`. */
interface AccountInfo {
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
/** `account`: the calling user's own account. */
declare class AccountApi extends SecurityEndpoint<AccountInfo> {
    /** @internal */
    constructor(transport: SecurityTransport);
    /** Changes the calling internal user's password (not allowed for internal users on Amazon OpenSearch Service); both passwords are secrets of the client. */
    changePassword(currentPassword: string, newPassword: string): Promise<WriteResult>;
}

/** `actionGroups` (actiongroups): custom action groups. */

/** `actionGroups` (actiongroups). */
declare class ActionGroupsApi extends SecurityResourceApi<ActionGroup, ApiActionGroup> {
    /** @internal */
    constructor(ctx: ResourceContext);
}

/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */

/** `roles`: typed roles (DLS objects, FLS entries, validated masked fields). */
declare class RolesApi extends SecurityResourceApi<Role, ApiRole> {
    /** @internal */
    constructor(ctx: ResourceContext);
}

/** `tenancyConfig`: Dashboards multi-tenancy settings (`<prefix>/api/tenancy/config`, OpenSearch 2.7+). */

/** `_plugins/_security/api/tenancy/config` (OpenSearch 2.7+). */
interface TenancyConfig {
    multitenancy_enabled?: boolean;
    private_tenant_enabled?: boolean;
    default_tenant?: string;
    sign_in_options?: string[];
}
/** `tenancyConfig`: Dashboards multi-tenancy settings. */
declare class TenancyConfigApi extends SecurityEndpoint<TenancyConfig> {
    /** @internal */
    constructor(transport: SecurityTransport);
    /** Updates the tenancy configuration; returns the resulting configuration. */
    put(config: TenancyConfig): Promise<TenancyConfig>;
}

/** `tenants`: Dashboards tenants. */

/** `tenants`. */
declare class TenantsApi extends SecurityResourceApi<Tenant, ApiTenant> {
    /** @internal */
    constructor(ctx: ResourceContext);
}

/**
 * `users` (internalusers): internal users. Passwords and hashes are write-only: the transport adds
 * every one it sends to the client's secret set, so a refusal that echoes one is redacted by value.
 */

/** Options of {@link UsersApi.ensure}. */
interface UserEnsureOptions {
    /** Also set the password of an existing user (its hash cannot be compared, so this always writes). Default false. */
    updatePassword?: boolean;
}
/** `users` (internalusers). */
declare class UsersApi extends SecurityResourceApi<InternalUser, ApiUser> {
    /** @internal */
    constructor(ctx: ResourceContext);
    /** Creates or replaces a user; an existing user keeps its password when none is given. */
    put(name: string, model: InternalUser): Promise<WriteResult>;
    protected createBody(desired: ApiUser, model: InternalUser): ApiUser;
    /**
     * Makes the user equal to `model` (backend roles, security roles, attributes, description). The password
     * (or hash) is only used to create the user, unless `updatePassword` is set: hashes cannot be compared,
     * so then it is always written.
     */
    ensure(name: string, model: InternalUser, options?: UserEnsureOptions): Promise<EnsureResult>;
}

/** A security REST API call that the detected plugin version does not have. */
declare class SecurityApiUnavailableError extends Error {
    readonly name = "SecurityApiUnavailableError";
    /** The call, e.g. `flushUserCache`. */
    readonly operation: string;
    /** The first OpenSearch / plugin version that has it, e.g. `3.1.0`. */
    readonly requiredVersion: string;
    /** The version detected from `GET /` (`version.number`). */
    readonly detectedVersion: string;
    /** `opensearch`, `elasticsearch`, ... */
    readonly distribution: string;
    constructor(operation: string, requiredVersion: string, flavour: Pick<SecurityFlavour, 'version' | 'distribution'>);
}
/** `GET <prefix>/api/permissionsinfo`: whether the caller may use the security REST API, and which endpoints are disabled for it. */
interface PermissionsInfo {
    user?: string | null;
    user_name?: string | null;
    /** True when the caller has a role listed in `plugins.security.restapi.roles_enabled` (or is an admin). */
    has_api_access?: boolean;
    /** Endpoint (`ROLES`, `INTERNALUSERS`, `CACHE`, ...) -> HTTP methods the caller may not use. */
    disabled_endpoints?: Record<string, string[]>;
}

/** Options of {@link SecurityApi}. Anything of prefix, userShape and dialect not given is detected from `GET /` on first use. */
interface SecurityApiOptions extends ConflictRetryOptions {
    prefix?: SecurityApiPrefix;
    userShape?: UserShape;
    /** Masked-field validation rules: `v2` (OpenSearch 1.x/2.x) or `v3` (OpenSearch 3.x). */
    dialect?: PluginDialect;
}
/** Typed, safe helpers for the security plugin's REST API. */
declare class SecurityApi {
    #private;
    readonly users: UsersApi;
    readonly roles: RolesApi;
    readonly roleMappings: RoleMappingsApi;
    readonly actionGroups: ActionGroupsApi;
    readonly tenants: TenantsApi;
    readonly account: AccountApi;
    readonly tenancyConfig: TenancyConfigApi;
    /** Options are validated here: a bad client, `prefix`, `userShape`, `dialect`, `conflictAttempts`, `settleMs`, `maxElapsedMs` or `signal` is a ConfigError naming it. */
    constructor(client: SecurityTransportClient, options?: SecurityApiOptions);
    /**
     * The prefix, user shape and dialect in use: the constructor's options, the rest detected once from `GET /`
     * (if `GET /` is refused with 403, OpenSearch 2.x defaults are assumed).
     */
    flavour(): Promise<SecurityFlavour>;
    /**
     * Sends a request below the security prefix (`path` like `api/roles/x` or `authinfo`). Non-2xx responses
     * throw the typed errors of `toTypedError` (`SecurityApiError` for the REST API's own refusals), redacted.
     */
    request(method: string, path: string, body?: unknown): Promise<SecurityResponse>;
    /** Who the plugin thinks the caller is (`GET <prefix>/authinfo`). */
    authInfo(): Promise<AuthInfo>;
    /** Security plugin health (`GET <prefix>/health`). */
    health(): Promise<SecurityHealth>;
    /** Flushes the plugin's authentication cache (`DELETE <prefix>/api/cache`). */
    flushCache(): Promise<WriteResult>;
    /** Whether the caller may use the security REST API and which endpoints are disabled for it (`GET <prefix>/api/permissionsinfo`). */
    permissionsInfo(): Promise<PermissionsInfo>;
    /** Flushes the caches of one user (`DELETE _plugins/_security/api/cache/user/<name>`, plugin 3.1+; older: SecurityApiUnavailableError). */
    flushUserCache(username: string): Promise<WriteResult>;
    /**
     * Maps a principal to `all_access` and `security_manager`, as the Amazon OpenSearch Service guide does for
     * an additional master user (IAM role ARN -> `backend_roles`, anything else -> `users`; STS sessions refused);
     * roles missing here or reserved for REST API admins are reported in `skipped`.
     */
    addMasterUser(userOrArn: string): Promise<MasterUserResult>;
    /**
     * The JSON Patch operations (one collection PATCH per resource type) that turn the cluster's configuration
     * into `desired`. Only the types present in `desired` are planned; with `prune: true`, entities of those
     * types missing from `desired` are deleted (reserved, static and hidden ones, and the calling user, are skipped).
     * Password and hash values in the plan read `[REDACTED]`.
     */
    plan(desired: DesiredSecurityConfig, options?: PlanOptions): Promise<SecurityPlan>;
    /** Applies a plan made by `plan()`: one PATCH per resource type with operations, in dependency order; 409s are retried. */
    apply(plan: SecurityPlan): Promise<SecurityApplyResult>;
}

/** Capturing groups of a Java pattern: how many, and the names of the named ones. */
interface JavaRegexGroups {
    count: number;
    names: Map<string, number>;
}
/** Result of checking a Java regex with the JDK's grammar. */
type JavaRegexCheck = {
    ok: true;
    /** False only when the JDK's verdict cannot be known here (Unicode block or character names, `(?x)`). */
    verified: boolean;
    groups: JavaRegexGroups;
    /** Whether this library reproduces the pattern's matches (masks and field matches made with it are verifiable). */
    reproducible: boolean;
    /** Why the matches cannot be reproduced, when they cannot. */
    unsupported?: string;
    /** Java-only syntax the pattern uses (JavaScript's RegExp reads it differently or not at all). */
    javaOnly: string[];
} | {
    ok: false;
    /** The `PatternSyntaxException` message the JDK gives (description, index, pattern, caret). */
    message: string;
    /** The JDK's description alone, e.g. `Illegal repetition`. */
    description: string;
    /** The index the JDK reports (-1: none). */
    index: number;
};
/** Checks a Java regex the way `Pattern.compile` does, and says whether this library can reproduce its matches. */
declare function checkJavaRegex(source: string): JavaRegexCheck;

export { AccountApi, type AccountInfo, type ActionGroup, type ActionGroupMember, ActionGroupsApi, type ApiActionGroup, type ApiIndexPermission, type ApiRole, type ApiRoleMapping, type ApiTenant, type ApiTenantPermission, type ApiUser, type AuthInfo, type ClusterPermission, type ConflictRetryOptions, type DesiredSecurityConfig, type DlsObject, DlsParseError, type DlsQuery, type DlsValue, DlsVariable, type EnsureResult, type FlsEntry, type IndexAction, type IndexPermission, type InternalUser, type JavaRegexCheck, type JsonPatchOperation, type MappingListField, type MappingUpdateResult, type MaskedField, type MasterUserResult, type ModelIssue, type ModelOptions, type PermissionsInfo, type PlanOptions, type ResourcePlan, type Role, type RoleMapping, RoleMappingsApi, type RoleName, RolesApi, STATIC_ACTION_GROUPS, SecurityApi, type SecurityApiOptions, SecurityApiUnavailableError, type SecurityApplyResult, type SecurityHealth, SecurityModelError, type SecurityPlan, SecurityResourceApi, type SecurityResourceKind, type SecurityResponse, type SecurityTransportClient, type Stored, type TenancyConfig, TenancyConfigApi, type Tenant, type TenantAction, type TenantPermission, TenantsApi, type UserEnsureOptions, UsersApi, type WriteResult, checkJavaRegex, dlsEquals, dlsVariable, flsExclude, flsInclude, fromApiActionGroup, fromApiRole, fromApiRoleMapping, fromApiTenant, fromApiUser, isStaticActionGroup, parseDls, parseMaskedFieldExpression, serializeDls, toApiActionGroup, toApiRole, toApiRoleMapping, toApiTenant, toApiUser, validateRole };
