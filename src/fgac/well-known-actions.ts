/**
 * The plugin's WellKnownActions (the same at 2.19.4.0 and 3.4.0.0): the actions its precomputed privilege tables cover.
 * Which table answers changes what a role whose patterns do not compile, or hold date math, still grants.
 */

/** WellKnownActions.CLUSTER_ACTIONS. */
export const WELL_KNOWN_CLUSTER_ACTIONS: ReadonlySet<string> = new Set([
  'indices:data/read/mget', 'indices:data/write/bulk', 'indices:data/read/scroll', 'indices:data/read/msearch', 'indices:data/read/mtv',
  'indices:data/read/scroll/clear', 'cluster:monitor/main', 'cluster:monitor/stats', 'cluster:monitor/state', 'cluster:monitor/health',
  'cluster:monitor/nodes/stats',
]);

/** WellKnownActions.INDEX_ACTIONS. */
export const WELL_KNOWN_INDEX_ACTIONS: ReadonlySet<string> = new Set([
  'indices:data/write/index', 'indices:data/read/get', 'indices:data/read/tv', 'indices:data/write/delete', 'indices:data/write/update',
  'indices:data/read/search', 'indices:data/write/update/byquery', 'indices:data/write/delete/byquery', 'indices:data/write/bulk[s]',
  'indices:admin/mapping/put', 'indices:admin/mapping/auto_put', 'indices:admin/analyze', 'indices:admin/auto_create', 'indices:admin/refresh',
  'indices:admin/refresh[s]', 'indices:data/read/field_caps',
]);
