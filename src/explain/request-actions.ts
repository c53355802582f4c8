/**
 * Which privileges a REST request needs, for the local path of `checkPermission`: a small table of common
 * requests (measured against OpenSearch 2.19.4 + security 2.19.4.0). A single-document write goes through
 * the bulk machinery, so the plugin checks the document action, then the cluster-level
 * `indices:data/write/bulk`, then `indices:data/write/bulk[s]` together with the item's action on the
 * index. Bulk, mget and msearch check their top-level action first and each item's action later; a
 * refused item is reported inside a 200 response, not as a 403. Anything else is `unknown`.
 */
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';

/** A request as opensearch-js describes it (`client.transport.request` parameters). */
export interface RequestDescription {
  method: string;
  /** The path, e.g. `/flights/_search` (a query string is ignored). */
  path: string;
  body?: unknown;
}

/** One privilege check the plugin makes for a request: an action, on indices unless cluster-level. */
export interface RequiredPrivilege {
  action: string;
  /** Indices (or aliases / data streams) named by the request; absent for cluster-level actions. */
  indices?: string[];
  /** True when a refusal shows up as an item error inside a 200 response (bulk, mget, msearch items). */
  itemLevel?: boolean;
}

/** What a request needs: the checks in the order the plugin makes them, or `unknown`. */
export type RequestPrivileges = { known: true; checks: RequiredPrivilege[] } | { known: false; reason: string };

const BULK = 'indices:data/write/bulk';
const BULK_SHARD = 'indices:data/write/bulk[s]';

function splitPath(path: string): string[] {
  const bare = path.split('?')[0] ?? '';
  return bare.split('/').filter((s) => s !== '').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

const indexList = (segment: string): string[] => segment.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** The checks of a single-document write (`action` on `index`). */
function singleWrite(action: string, index: string[], itemAction: string): RequiredPrivilege[] {
  return [{ action, indices: index }, { action: BULK }, { action: BULK_SHARD, indices: index }, { action: itemAction, indices: index }];
}

function ndjsonLines(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'string') return undefined;
  const out: unknown[] = [];
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      return undefined;
    }
  }
  return out;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const BULK_OPS: Record<string, string> = {
  index: 'indices:data/write/index', create: 'indices:data/write/index', delete: 'indices:data/write/delete', update: 'indices:data/write/update',
};

function bulkChecks(body: unknown, defaultIndex: string | undefined): RequestPrivileges {
  const lines = ndjsonLines(body);
  if (lines === undefined) return { known: false, reason: 'bulk body is not NDJSON or an array' };
  const checks: RequiredPrivilege[] = [{ action: BULK }];
  for (let i = 0; i < lines.length; i++) {
    const meta = lines[i];
    if (!isRecord(meta)) return { known: false, reason: `bulk line ${i + 1} is not an action` };
    const op = Object.keys(meta)[0] ?? '';
    const action = BULK_OPS[op];
    if (action === undefined) return { known: false, reason: `bulk operation ${op} is unknown` };
    const params = meta[op];
    const index = isRecord(params) && typeof params._index === 'string' ? params._index : defaultIndex;
    if (index === undefined) return { known: false, reason: `bulk line ${i + 1} names no index` };
    checks.push({ action: BULK_SHARD, indices: [index], itemLevel: true }, { action, indices: [index], itemLevel: true });
    if (op !== 'delete') i++;
  }
  return { known: true, checks };
}

function msearchChecks(body: unknown, defaultIndex: string | undefined): RequestPrivileges {
  const lines = ndjsonLines(body);
  if (lines === undefined) return { known: false, reason: 'msearch body is not NDJSON or an array' };
  const checks: RequiredPrivilege[] = [{ action: 'indices:data/read/msearch' }];
  for (let i = 0; i < lines.length; i += 2) {
    const header = lines[i];
    const idx = isRecord(header) ? header.index : undefined;
    const indices = typeof idx === 'string' ? indexList(idx) : Array.isArray(idx) ? idx.filter((x): x is string => typeof x === 'string') : defaultIndex !== undefined ? indexList(defaultIndex) : ['*'];
    checks.push({ action: 'indices:data/read/search', indices, itemLevel: true });
  }
  return { known: true, checks };
}

function mgetChecks(body: unknown, defaultIndex: string | undefined): RequestPrivileges {
  const docs = isRecord(body) && Array.isArray(body.docs) ? body.docs : undefined;
  const checks: RequiredPrivilege[] = [{ action: 'indices:data/read/mget' }];
  if (docs === undefined) {
    if (defaultIndex === undefined) return { known: false, reason: 'mget body without docs' };
    checks.push({ action: 'indices:data/read/mget[shard]', indices: [defaultIndex], itemLevel: true });
    return { known: true, checks };
  }
  for (const d of docs as unknown[]) {
    const index = isRecord(d) && typeof d._index === 'string' ? d._index : defaultIndex;
    if (index === undefined) return { known: false, reason: 'mget doc names no index' };
    checks.push({ action: 'indices:data/read/mget[shard]', indices: [index], itemLevel: true });
  }
  return { known: true, checks };
}

const CLUSTER_GETS: Record<string, string> = {
  '': 'cluster:monitor/main',
  '_cluster/health': 'cluster:monitor/health',
  '_cluster/state': 'cluster:monitor/state',
  '_cluster/stats': 'cluster:monitor/stats',
  '_cluster/settings': 'cluster:monitor/settings',
  '_cat/health': 'cluster:monitor/health',
  '_nodes': 'cluster:monitor/nodes/info',
  '_nodes/stats': 'cluster:monitor/nodes/stats',
  '_index_template': 'indices:admin/index_template/get',
  '_template': 'indices:admin/template/get',
};

/** The privileges a request needs, from the table; `known: false` with a reason otherwise. */
export function requiredPrivileges(request: RequestDescription): RequestPrivileges {
  try {
    return requiredPrivilegesOf(request);
  } catch (error) {
    throw inputFailure('requiredPrivileges', error);
  }
}

function requiredPrivilegesOf(request: RequestDescription): RequestPrivileges {
  if (request === null || typeof request !== 'object' || typeof request.method !== 'string' || typeof request.path !== 'string') {
    throw new ArgumentTypeError('requiredPrivileges: request must be { method: string, path: string }');
  }
  const method = request.method.toUpperCase();
  const parts = splitPath(request.path);
  const [first, second, third] = parts;
  const unknown = (): RequestPrivileges => ({ known: false, reason: `${method} ${request.path} is not in the request table` });
  const read = method === 'GET' || method === 'POST';
  // `_all` names every index, as `*` does (GET /_all/_count), not an endpoint
  if (first === undefined || (first.startsWith('_') && first !== '_all')) {
    const key = parts.join('/');
    if (method === 'GET' && Object.prototype.hasOwnProperty.call(CLUSTER_GETS, key)) return { known: true, checks: [{ action: CLUSTER_GETS[key] as string }] };
    if (read && key === '_search') return { known: true, checks: [{ action: 'indices:data/read/search', indices: ['*'] }] };
    if (method === 'GET' && key === '_mapping') return { known: true, checks: [{ action: 'indices:admin/mappings/get', indices: ['*'] }] };
    if (method === 'GET' && key === '_settings') return { known: true, checks: [{ action: 'indices:monitor/settings/get', indices: ['*'] }] };
    if (read && key === '_count') return { known: true, checks: [{ action: 'indices:data/read/search', indices: ['*'] }] };
    if ((method === 'POST' || method === 'PUT') && key === '_bulk') return bulkChecks(request.body, undefined);
    if (read && key === '_msearch') return msearchChecks(request.body, undefined);
    if (read && key === '_mget') return mgetChecks(request.body, undefined);
    if (read && key === '_search/scroll') return { known: true, checks: [{ action: 'indices:data/read/scroll' }] };
    return unknown();
  }
  const indices = indexList(first);
  const one = indices.length === 1 ? indices : undefined;
  if (second === undefined) {
    if (method === 'PUT') return { known: true, checks: [{ action: 'indices:admin/create', indices }] };
    if (method === 'DELETE') return { known: true, checks: [{ action: 'indices:admin/delete', indices }] };
    if (method === 'GET') return { known: true, checks: [{ action: 'indices:admin/get', indices }] };
    return unknown();
  }
  if (read && (second === '_search' || second === '_count') && third === undefined) {
    return { known: true, checks: [{ action: 'indices:data/read/search', indices }] };
  }
  if (read && second === '_msearch') return msearchChecks(request.body, first);
  if (read && second === '_mget') return mgetChecks(request.body, one?.[0]);
  if ((method === 'POST' || method === 'PUT') && second === '_bulk') return bulkChecks(request.body, one?.[0]);
  if (method === 'GET' && second === '_mapping') {
    return { known: true, checks: [{ action: third === 'field' ? 'indices:admin/mappings/fields/get' : 'indices:admin/mappings/get', indices }] };
  }
  if (method === 'GET' && second === '_settings') return { known: true, checks: [{ action: 'indices:monitor/settings/get', indices }] };
  if ((method === 'POST' || method === 'GET') && second === '_refresh') return { known: true, checks: [{ action: 'indices:admin/refresh', indices }] };
  if (one !== undefined && third !== undefined && parts.length === 3) {
    if (second === '_doc') {
      if (method === 'GET' || method === 'HEAD') return { known: true, checks: [{ action: 'indices:data/read/get', indices: one }] };
      if (method === 'PUT' || method === 'POST') return { known: true, checks: singleWrite('indices:data/write/index', one, 'indices:data/write/index') };
      if (method === 'DELETE') return { known: true, checks: singleWrite('indices:data/write/delete', one, 'indices:data/write/delete') };
    }
    if (second === '_create' && (method === 'PUT' || method === 'POST')) {
      return { known: true, checks: singleWrite('indices:data/write/index', one, 'indices:data/write/index') };
    }
    if (second === '_update' && method === 'POST') return { known: true, checks: singleWrite('indices:data/write/update', one, 'indices:data/write/index') };
    if (second === '_source' && method === 'GET') return { known: true, checks: [{ action: 'indices:data/read/get', indices: one }] };
  }
  if (one !== undefined && second === '_doc' && parts.length === 2 && method === 'POST') {
    return { known: true, checks: singleWrite('indices:data/write/index', one, 'indices:data/write/index') };
  }
  return unknown();
}

/** An action + index described directly (`{action, index}`) instead of a REST request. */
export interface ActionDescription {
  action: string;
  index?: string | readonly string[];
}

/** The checks for an action named directly: just that action (on the indices given). */
export function privilegesOfAction(description: ActionDescription): RequiredPrivilege[] {
  const { action, index } = description;
  if (index === undefined) return [{ action }];
  const indices = typeof index === 'string' ? indexList(index) : index.flatMap(indexList);
  return [{ action, indices }];
}

/**
 * The checks of `checks` as the plugin makes them when some written indices do not exist (`exists` answers false;
 * undefined: unknown, checks kept): a bulk or single-document write auto-creates each missing index that a
 * non-delete item writes to (`indices:admin/auto_create`, which the plugin checks as `indices:admin/create` on the
 * name, before the shard-level `bulk[s]`), and a delete item on a missing index fails with index_not_found before
 * any shard-level check (its `bulk[s]` and item checks are dropped). Measured on 2.19.4 (OpenSearch's
 * TransportBulkAction; the plugin maps auto_create to create at 2.19.4.0 and 3.4.0.0). Requests other than bulk and
 * single-document index/delete (an `_update` creates the index itself and is not measured) are returned as given.
 */
export function withAbsentIndices(checks: readonly RequiredPrivilege[], exists: (name: string) => boolean | undefined): RequiredPrivilege[] {
  if (checks[0]?.action === 'indices:data/write/update') return [...checks];
  const shard = (c: RequiredPrivilege | undefined): string | undefined => (c?.action === BULK_SHARD && c.indices?.length === 1 ? c.indices[0] : undefined);
  // the missing indices some non-delete item writes to: the plugin creates them (and checks that) first
  const created = new Set<string>();
  for (let i = 0; i < checks.length; i++) {
    const name = shard(checks[i]);
    const item = checks[i + 1];
    if (name !== undefined && exists(name) === false && item !== undefined && item.action !== 'indices:data/write/delete') created.add(name);
  }
  const out: RequiredPrivilege[] = [];
  const announced = new Set<string>();
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i] as RequiredPrivilege;
    const name = shard(check);
    const item = checks[i + 1];
    if (name === undefined || exists(name) !== false || item === undefined) {
      out.push(check);
      continue;
    }
    if (created.has(name)) {
      if (!announced.has(name)) out.push({ action: 'indices:admin/create', indices: [name], ...(check.itemLevel === true ? { itemLevel: true } : {}) });
      announced.add(name);
      out.push(check);
    } else if (item.action === 'indices:data/write/delete') {
      i++; // no shard-level check: the item fails with index_not_found
    } else {
      out.push(check);
    }
  }
  return out;
}
