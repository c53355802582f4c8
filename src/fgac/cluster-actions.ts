/**
 * Which actions the security plugin checks against a role's `cluster_permissions`, some of them named `indices:`:
 * PrivilegesEvaluatorImpl.isClusterPerm, the same in 2.19.4.0 (and its legacy evaluator) and 3.4.0.0. A refusal of
 * such an action is decided before any index permission is read: no index permission can lift it. Not modelled: from
 * 3.6.0.0 the plugin's legacy evaluator also takes every action not named `indices:` (a plugin's own prefix) as
 * cluster-level; isIndexLevelAction answers the same for those on every line (they are not `indices:` actions).
 */

// SearchScrollAction.NAME and MultiSearchAction.NAME are matched as prefixes (`scroll/clear`, `msearch/template`)
const CLUSTER_PREFIXES = ['cluster:', 'indices:admin/template/', 'indices:admin/index_template/', 'indices:data/read/scroll', 'indices:data/read/msearch'];

// BulkAction, MultiGetAction, MultiTermVectorsAction, ReindexAction and RenderSearchTemplateAction (lang-mustache) NAMEs
const CLUSTER_EXACT: ReadonlySet<string> = new Set([
  'indices:data/write/bulk',
  'indices:data/read/mget',
  'indices:data/read/mtv',
  'indices:data/write/reindex',
  'indices:data/read/search/template/render',
]);

/**
 * True when the plugin evaluates `action` against `cluster_permissions`: `cluster:*`, index and component template
 * actions, scroll, msearch (msearch template too), the composite bulk / mget / mtv / reindex actions and the search
 * template render action. Their shard- and item-level actions (`indices:data/write/bulk[s]`, `mget[shard]`) are index-level.
 */
export function isClusterAction(action: string): boolean {
  return CLUSTER_PREFIXES.some((p) => action.startsWith(p)) || CLUSTER_EXACT.has(action);
}

/** True when the plugin checks `action` against a role's index permissions: an `indices:` action it does not take as cluster-level. */
export function isIndexLevelAction(action: string): boolean {
  return action.startsWith('indices:') && !isClusterAction(action);
}
