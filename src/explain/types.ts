/** What `explainPermission` and `explainSecurityException` take and return. */
import type { IndexAliases } from '../fgac/aliases.js';
import type { DlsUser } from '../fgac/dls-variables.js';
import type { ActionGroupJson, IndexPermissionJson, RoleJson, RoleMappingJson } from '../fgac/role-shape.js';

/** An index permission as far as action privileges go: the REST API JSON shape (`SecurityApi.roles.listRaw()`) or the typed model. */
export type PermissionIndexRule = Pick<IndexPermissionJson, 'index_patterns' | 'allowed_actions'>;

/** A role as far as action privileges go: the REST API JSON shape or the typed `Role` model. */
export type PermissionRole = Pick<RoleJson, 'cluster_permissions'> & { index_permissions?: readonly PermissionIndexRule[] };

/** A custom action group: the REST API JSON shape (`SecurityApi.actionGroups.listRaw()`), the typed model, or just its members. */
export type PermissionActionGroup = Pick<ActionGroupJson, 'allowed_actions'> | readonly string[];

/** A role mapping as far as users and backend roles go (REST API JSON shape or the typed model). */
export type PermissionRoleMapping = Pick<RoleMappingJson, 'users' | 'backend_roles' | 'and_backend_roles'>;

/** Role definitions keyed by role name. */
export type PermissionRoles = Readonly<Record<string, PermissionRole>>;

/** Custom action groups keyed by name; they are added to (and override) the static catalogue. */
export type PermissionActionGroups = Readonly<Record<string, PermissionActionGroup>>;

/**
 * Who asks: the mapped roles to evaluate and what `${...}` variables in index patterns resolve to. `name` and
 * `attributes` are the DLS user's; note that `roles` here are the mapped security roles (authinfo `roles`):
 * only these roles are evaluated (absent: every role given), and `backendRoles` are what `${user.roles}` means.
 */
export type PermissionSubject = Pick<DlsUser, 'name' | 'attributes'> & {
  roles?: readonly string[];
  backendRoles?: readonly string[];
  /**
   * Names of custom attributes the user has whose values are not known (authinfo `custom_attribute_names`): a
   * pattern using one of them (without a value in `attributes`) is undecided, not "matches nothing".
   */
  attributeNames?: readonly string[];
};

/** The question `explainPermission` answers. */
export interface PermissionQuery {
  /** The action, e.g. `indices:data/read/search` or `cluster:monitor/health`. */
  action: string;
  /**
   * Index-level actions: the index expressions (a comma-separated string is split, names are not trimmed) the request
   * targets, read as OpenSearch reads them (src/fgac/index-expressions.ts): `*` or an exact `_all` stands for all
   * indices, `-x` excludes only after a name holding `*`. With `clusterIndices` wildcards are expanded; without it (or
   * when the plugin judges the names as written: a missing name, a date-math name beside others) a wildcard is
   * covered only by a pattern covering all it can expand to. Absent: which patterns grant the action on any index.
   * Given but blank (`''`, `','`, `[]`): all indices, as the plugin reads a request that names none. Ignored for
   * cluster-level actions.
   */
  index?: string | readonly string[];
  user?: PermissionSubject;
  /**
   * Aliases and data streams (name -> concrete member indices, e.g. `indexAliasesFrom(GET _alias)`): a requested
   * alias is resolved to its members, and a role pattern covers an index when it matches the index, its data
   * stream or one of its aliases, as the plugin does. `indices` and grants then name the concrete indices.
   */
  aliases?: IndexAliases;
  /**
   * Plugin version whose `${...}` substitution rules apply to index patterns: up to 3.6 exact references only; 3.7+
   * also `${name:-default}` and `$${x}`. Absent: unknown (fgac/plugin-version.ts), and a pattern using that syntax is undecided.
   */
  pluginVersion?: string;
  /**
   * The cluster's `config.dynamic.do_not_fail_on_forbidden` (`GET <prefix>/api/securityconfig`, `_plugins/_security` or `_opendistro/_security`): for the
   * actions it covers (`DNFOF_ACTION_PATTERNS`: searches, counts, field_caps, resolve, ...), a request naming indices
   * the roles do not all cover runs on those they do (`narrowedTo`) instead of being refused; 403 only when none is
   * covered. Default false.
   */
  doNotFailOnForbidden?: boolean;
  /** `do_not_fail_on_forbidden_empty`: with doNotFailOnForbidden, such a request that keeps no index answers empty instead of 403 (a document read still 403s). */
  doNotFailOnForbiddenEmpty?: boolean;
  /**
   * The cluster's concrete index names (e.g. `_cat/indices?h=index&expand_wildcards=all`): wildcard expressions
   * (`*`, `_all`, `logs-*`) are expanded against them, as the plugin judges the indices they name (one that names
   * none is allowed: nothing to check). Without them a wildcard expression is judged as written (with
   * doNotFailOnForbidden a warning then says the cluster's indices decide). A plain requested name that is neither
   * one of them nor in `aliases` makes the plugin judge every requested name as written, as this then does: a
   * wildcard expression as the literal string, an alias by its own name.
   */
  clusterIndices?: readonly string[];
  /**
   * The closed ones among `clusterIndices` (`_cat/indices?h=index,status&expand_wildcards=all`, status `close`): the plugin
   * expands a request's wildcards (and `_all`) to open and hidden indices only, whatever its `expand_wildcards`, so a
   * closed index a wildcard matches is not judged (one named plainly is). Absent with `clusterIndices`: not known, and
   * a refusal resting only on indices a wildcard adds is undecided. `[]`: none is closed.
   */
  closedIndices?: readonly string[];
  /**
   * The instant (epoch milliseconds) date-math names (`<logs-{now/d}>`, in roles and in `index`) are resolved at, as the
   * plugin resolves them with the node's current time (src/fgac/date-math.ts). Default: the time of the call.
   */
  now?: number;
}

/** Whether the plugin checks an action against `cluster_permissions` or `index_permissions`. */
export type ActionLevel = 'cluster' | 'index';

/** One way a role grants the action. */
export interface PermissionGrant {
  role: string;
  permission: ActionLevel;
  /** The index pattern as written in the role (index permissions only). */
  pattern?: string;
  /** The pattern after `${...}` substitution, when that changed it. */
  resolvedPattern?: string;
  /** The requested index this grant covers (when indices were asked about). */
  index?: string;
  /** From the role's `allowed_actions` / `cluster_permissions` entry down to the action pattern that matched, e.g. `['read', 'indices:data/read*']`. */
  via: string[];
}

/** Why a near miss is one. */
export type NearMissKind =
  | 'other_indices'
  | 'action_not_allowed'
  | 'wrong_section'
  | 'unresolved_variable'
  | 'unknown_entry'
  | 'role_not_found'
  /** A pattern of a role allowing the action that this SDK cannot evaluate (date math, a Java regex it cannot run, an attribute without its value). */
  | 'undecided_pattern';

/** A role that almost grants the action, or a definition problem that explains why it does not. */
export interface PermissionNearMiss {
  role: string;
  kind: NearMissKind;
  reason: string;
  /** Index patterns involved (as written in the role). */
  patterns?: string[];
  /** Requested indices involved. */
  indices?: string[];
}

/** The answer of `explainPermission`. */
export interface PermissionExplanation {
  action: string;
  /** `cluster` when the plugin checks the action against cluster_permissions (PrivilegesEvaluator.isClusterPerm). */
  level: ActionLevel;
  /** Requested indices (normalised; `_all` -> `*`), null when none were given or the action is cluster-level. */
  indices: string[] | null;
  /** True when the evaluated roles grant the action (on every requested index). */
  granted: boolean;
  grants: PermissionGrant[];
  nearMisses: PermissionNearMiss[];
  /** Requested indices no evaluated role covers for this action. */
  uncoveredIndices: string[];
  /** Roles evaluated (the subject's mapped roles that have a definition, or every role). */
  rolesEvaluated: string[];
  /** Mapped roles without a definition among the roles given. */
  missingRoles: string[];
  /** When not granted: grants (of what is missing) by roles the subject is not mapped to (only when `user.roles` was given). */
  wouldGrant: PermissionGrant[];
  /** Definition problems met on the way, e.g. action group loops. */
  warnings: string[];
  /**
   * With `doNotFailOnForbidden` and an action it covers: the indices the plugin keeps (the request runs on these;
   * `[]`: an empty answer under doNotFailOnForbiddenEmpty, or a wildcard matching no index). Absent otherwise,
   * and when the request is refused.
   */
  narrowedTo?: string[];
  /**
   * When not granted: why that may be wrong, because a pattern or a requested name could not be evaluated (a
   * date-math name, a Java regex this SDK cannot run, an attribute whose value is not known). Absent otherwise.
   */
  undecided?: string[];
}
