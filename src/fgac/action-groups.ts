/**
 * The security plugin's static action groups and roles (static_action_groups.yml / static_roles.yml,
 * identical in OpenSearch 2.19 and 3.x), as literal types that still accept custom names.
 */

/** Cluster-level static action groups. */
export type ClusterActionGroupName =
  | 'cluster_all'
  | 'cluster_monitor'
  | 'cluster_composite_ops_ro'
  | 'cluster_composite_ops'
  | 'manage_snapshots'
  | 'cluster_manage_index_templates'
  | 'cluster_manage_pipelines';

/** Index-level static action groups. */
export type IndexActionGroupName =
  | 'indices_all'
  | 'read'
  | 'write'
  | 'crud'
  | 'data_access'
  | 'search'
  | 'get'
  | 'delete'
  | 'index'
  | 'create_index'
  | 'manage'
  | 'manage_aliases'
  | 'indices_monitor'
  | 'suggest'
  | 'manage_data_streams'
  | 'manage_point_in_time';

/** Tenant-level (Dashboards saved objects) static action groups; the plugin's type is `kibana`. */
export type TenantActionGroupName = 'kibana_all_read' | 'kibana_all_write';

/** Every static action group name. `unlimited` (`*`) has type `all`. */
export type StaticActionGroupName = ClusterActionGroupName | IndexActionGroupName | TenantActionGroupName | 'unlimited';

/** A custom action group or a raw action name: any string, without collapsing the literal unions above. */
export type CustomName = string & {};

/** An entry of a role's `cluster_permissions`: a static group, a `cluster:`/`indices:` action pattern or any custom name. */
export type ClusterPermission = ClusterActionGroupName | 'unlimited' | `cluster:${string}` | `indices:${string}` | '*' | CustomName;

/** An entry of an index permission's `allowed_actions`. */
export type IndexAction = IndexActionGroupName | 'unlimited' | `indices:${string}` | '*' | CustomName;

/** An entry of a tenant permission's `allowed_actions`. */
export type TenantAction = TenantActionGroupName | CustomName;

/** An entry of an action group's `allowed_actions`. */
export type ActionGroupMember = StaticActionGroupName | `cluster:${string}` | `indices:${string}` | `kibana:${string}` | '*' | CustomName;

/** The `type` of an action group as stored by the plugin. */
export type ActionGroupType = 'cluster' | 'index' | 'kibana' | 'all';

/** One entry of the static catalogue. */
export interface StaticActionGroup {
  readonly type: ActionGroupType;
  readonly allowed_actions: readonly string[];
  readonly description: string;
}

function frozenCatalogue<T extends Record<string, StaticActionGroup>>(groups: T): Readonly<T> {
  for (const group of Object.values(groups)) Object.freeze(Object.freeze(group).allowed_actions);
  return Object.freeze(groups);
}

/** The static action groups shipped with the security plugin (OpenSearch 2.19 / 3.x). */
// Frozen to the leaves: explainPermission resolves groups through this table, so an app must not
// be able to widen or narrow it by writing to the export.
export const STATIC_ACTION_GROUPS: Readonly<Record<StaticActionGroupName, StaticActionGroup>> = frozenCatalogue({
  kibana_all_write: { type: 'kibana', allowed_actions: ['kibana:saved_objects/*/write'], description: 'Allow writing in all OpenSearch Dashboards apps' },
  kibana_all_read: { type: 'kibana', allowed_actions: ['kibana:saved_objects/*/read'], description: 'Allow reading in all OpenSearch Dashboards apps' },
  cluster_all: { type: 'cluster', allowed_actions: ['cluster:*'], description: 'Allow everything on cluster level' },
  crud: { type: 'index', allowed_actions: ['read', 'write'], description: 'Allow all read/write operations on data' },
  search: {
    type: 'index',
    allowed_actions: ['indices:data/read/search*', 'indices:data/read/msearch*', 'indices:admin/resolve/index', 'suggest'],
    description: 'Allow searching',
  },
  data_access: { type: 'index', allowed_actions: ['indices:data/*', 'crud'], description: 'Allow all read/write operations on data' },
  create_index: { type: 'index', allowed_actions: ['indices:admin/create', 'indices:admin/mapping/put'], description: 'Allow creating new indices' },
  write: { type: 'index', allowed_actions: ['indices:data/write*', 'indices:admin/mapping/put'], description: 'Allow writing data' },
  manage_aliases: { type: 'index', allowed_actions: ['indices:admin/aliases*'], description: 'Allow managing index aliases' },
  read: {
    type: 'index',
    allowed_actions: ['indices:data/read*', 'indices:admin/mappings/fields/get*', 'indices:admin/resolve/index'],
    description: 'Allow all read operations',
  },
  indices_all: { type: 'index', allowed_actions: ['indices:*'], description: 'Allow readonly everything with indices and data' },
  delete: { type: 'index', allowed_actions: ['indices:data/write/delete*'], description: 'Allow deleting documents' },
  cluster_composite_ops: {
    type: 'cluster',
    allowed_actions: ['indices:data/write/bulk', 'indices:admin/aliases*', 'indices:data/write/reindex', 'cluster_composite_ops_ro'],
    description: 'Allow read/write bulk and m* operations',
  },
  cluster_composite_ops_ro: {
    type: 'cluster',
    allowed_actions: [
      'indices:data/read/mget', 'indices:data/read/msearch', 'indices:data/read/mtv', 'indices:admin/aliases/exists*',
      'indices:admin/aliases/get*', 'indices:data/read/scroll', 'indices:admin/resolve/index',
    ],
    description: 'Allow readonly bulk and m* operations',
  },
  get: { type: 'index', allowed_actions: ['indices:data/read/get*', 'indices:data/read/mget*'], description: 'Allow get' },
  manage: { type: 'index', allowed_actions: ['indices:monitor/*', 'indices:admin/*'], description: 'Allow indices management' },
  cluster_monitor: { type: 'cluster', allowed_actions: ['cluster:monitor/*'], description: 'Allow monitoring the cluster' },
  manage_snapshots: { type: 'cluster', allowed_actions: ['cluster:admin/snapshot/*', 'cluster:admin/repository/*'], description: 'Allow snapshots' },
  index: {
    type: 'index',
    allowed_actions: ['indices:data/write/index*', 'indices:data/write/update*', 'indices:admin/mapping/put', 'indices:data/write/bulk*'],
    description: 'Allow indexing',
  },
  unlimited: { type: 'all', allowed_actions: ['*'], description: 'Allow all' },
  indices_monitor: { type: 'index', allowed_actions: ['indices:monitor/*'], description: 'Allow monitoring indices' },
  suggest: { type: 'index', allowed_actions: ['indices:data/read/suggest*'], description: 'Allow suggestions' },
  cluster_manage_index_templates: {
    type: 'cluster',
    allowed_actions: ['indices:admin/template/*', 'indices:admin/index_template/*', 'cluster:admin/component_template/*'],
    description: 'Manage index templates',
  },
  cluster_manage_pipelines: { type: 'cluster', allowed_actions: ['cluster:admin/ingest/pipeline/*'], description: 'Manage pipelines' },
  manage_data_streams: {
    type: 'index',
    allowed_actions: ['indices:admin/data_stream/*', 'indices:monitor/data_stream/stats'],
    description: 'Manage data streams',
  },
  manage_point_in_time: {
    type: 'index',
    allowed_actions: [
      'indices:data/read/point_in_time/create', 'indices:data/read/point_in_time/delete', 'indices:data/read/point_in_time/readall',
      'indices:data/read/search', 'indices:monitor/point_in_time/segments',
    ],
    description: 'Manage point in time actions',
  },
});


/** Names of the static roles of the open-source plugin (reserved and static: the REST API refuses to change them). */
export const STATIC_ROLE_NAMES = [
  'all_access', 'kibana_user', 'own_index', 'manage_snapshots', 'kibana_server', 'logstash', 'readall_and_monitor', 'readall',
] as const;

/** A static role name. */
export type StaticRoleName = (typeof STATIC_ROLE_NAMES)[number];

/** Roles that Amazon OpenSearch Service adds and the open-source plugin lacks (not exhaustive). */
export const AWS_SERVICE_ROLE_NAMES = ['security_manager', 'opensearch_dashboards_user', 'ultrawarm_manager', 'ml_full_access'] as const;

/** A role name: static, Amazon-provided, or custom. */
export type RoleName = StaticRoleName | (typeof AWS_SERVICE_ROLE_NAMES)[number] | CustomName;

/** True when `name` is one of the static action groups. */
export function isStaticActionGroup(name: string): name is StaticActionGroupName {
  return Object.prototype.hasOwnProperty.call(STATIC_ACTION_GROUPS, name);
}
