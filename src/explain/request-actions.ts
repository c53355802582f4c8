/**
 * Which privileges a REST request needs, for the local path of `checkPermission`: a small table of common
 * requests (measured against OpenSearch 2.19.4 + security 2.19.4.0). A single-document write goes through
 * the bulk machinery, so the plugin checks the document action, then the cluster-level
 * `indices:data/write/bulk`, then `indices:data/write/bulk[s]` together with the item's action on the
 * index. Bulk, mget and msearch check their top-level action first and each item's action later; a
 * refused item is reported inside a 200 response, not as a 403. `_delete_by_query`, `_update_by_query` and `_reindex`
 * are planned in by-query.ts. Anything else is `unknown`.
 * What a write checks beyond that depends on the cluster and the document (auto-creating a missing index, a
 * mapping update, whether an `_update` changes its document): the request's plan keeps its writes apart
 * (`WriteItem`) and write-plan.ts expands them with what is known.
 */
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';
import { expandPlan, EXISTING } from './write-plan.js';
import { compareAndSetOf, itemParameters, parametersOfQuery, queryProblem, writeProblem, type WriteKind } from './write-validation.js';
import type { PlanResult, RequestPrivileges, RequiredPrivilege, WriteItem } from './request-plan.js';
import { opt, table } from '../errors/own.js';
import { byQueryPlan } from './by-query.js';
import { splitTarget, targetQuery } from '../fgac/query-params.js';
import { parseStrictJson, StrictJsonError } from '../fgac/json.js';
import { pathSegments } from '../fgac/request-path.js'; // the one reading of a path
import { requestIndexList, requestIndexNames } from '../fgac/index-expressions.js'; // an index list: split at commas, not trimmed

/** A request as opensearch-js describes it (`client.transport.request` parameters). */
export interface RequestDescription {
  method: string;
  /** The path, e.g. `/flights/_search` (a query string is ignored). */
  path: string;
  body?: unknown;
}

export type { PlanResult, RequestPlan, RequestPrivileges, RequiredPrivilege, WriteItem } from './request-plan.js';

const BULK = 'indices:data/write/bulk';


const plan = (head: RequiredPrivilege[], writes: WriteItem[] = []): PlanResult => ({ known: true, plan: { head, writes } });

/** A body as JSON: a string is parsed (undefined when it is not JSON). */
function jsonOf(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Why the node refuses a body before any privilege is checked, for what JSON.parse reads differently from it: a key
 * given twice in one object (the node's parser answers 400 json_parse_exception "Duplicate field"; JSON.parse keeps
 * the last, which judged `{"_index":"flights","_index":"movies"}` on movies). The body as one JSON text, else line by
 * line (NDJSON); a text JSON.parse refuses is left to the readers below. Only what the REST layer parses counts: a
 * document's source (an index or create, and their source lines in a bulk) is parsed at the shard, after the
 * privileges (`source`: the whole body is one). Undefined when nothing is found.
 */
function bodyRefusal(body: unknown, source: 'none' | 'whole' | 'bulk lines'): string | undefined {
  if (typeof body !== 'string' || source === 'whole') return undefined;
  const texts = jsonOf(body) !== undefined ? [body] : source === 'bulk lines' ? restParsedBulkLines(body) : body.split('\n');
  for (const text of texts) {
    const duplicate = duplicateKey(text);
    if (duplicate !== undefined) return `the body gives the key ${JSON.stringify(duplicate)} twice in one object (the node answers 400 json_parse_exception before checking privileges)`;
  }
  return undefined;
}

/** The lines of a bulk body the REST layer parses: every action line and an update's payload, not index/create sources. */
function restParsedBulkLines(body: string): string[] {
  const out: string[] = [];
  let skipNext = false;
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    out.push(line);
    const action = jsonOf(line);
    skipNext = isRecord(action) && (Object.hasOwn(action, 'index') || Object.hasOwn(action, 'create'));
  }
  return out;
}

/** The first key `text` (JSON that JSON.parse reads) gives twice in one object, as the node's parser reads it. */
function duplicateKey(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  try {
    parseStrictJson(text);
  } catch (e) {
    const m = e instanceof StrictJsonError ? /^duplicate key ("(?:[^"\\]|\\.)*") at offset \d+$/.exec(e.message) : null;
    if (m !== null) return JSON.parse(m[1] as string) as string;
  }
  return undefined;
}

/** The query parameters of a path as the node reads them (fgac/query-params.ts); planOf answers first for a query the node refuses. */
const queryOf = (path: string): ReadonlyMap<string, string> => targetQuery(path) ?? new Map<string, string>();

const EXTERNAL = new Set(['external', 'external_gte']);

/** A single-document write: the document action and the cluster-level bulk action, then the write (write-plan.ts). */
function singleWrite(request: RequestDescription, kind: WriteKind, index: string, id: string | undefined): PlanResult {
  const query = queryOf(request.path);
  const op: WriteItem['op'] = kind === 'create' ? 'index' : kind;
  const document = op !== 'delete' ? jsonOf(request.body) : undefined;
  const p = parametersOfQuery(query);
  const problem = queryProblem(kind, query) ?? writeProblem(kind, id, p, document);
  // the path without its query: a query may carry a token (`?access_token=`), and the problem names the parameter
  if (problem !== undefined) return { known: false, reason: `${request.method.toUpperCase()} ${splitTarget(request.path).path}: ${problem}` };
  const action = op === 'index' ? 'indices:data/write/index' : op === 'delete' ? 'indices:data/write/delete' : 'indices:data/write/update';
  const cas = compareAndSetOf(p);
  const item: WriteItem = {
    index, op, single: true,
    ...(op !== 'delete' ? { document } : {}),
    ...(id !== undefined ? { id } : {}),
    ...(op === 'delete' && EXTERNAL.has(p.versionType ?? '') ? { createsIndex: true } : {}),
    ...(p.requireAlias === 'true' || p.requireAlias === '' ? { requireAlias: true } : {}),
    ...(cas !== undefined ? { cas } : {}),
    ...(op === 'index' && p.pipeline !== undefined ? { pipeline: p.pipeline } : {}),
  };
  return plan(op === 'update' ? [{ action, indices: [index] }] : [{ action, indices: [index] }, { action: BULK }], [item]);
}

/**
 * The lines of a bulk-shaped body (an array: one value a line; a string: NDJSON, which the node wants ended by a
 * newline), each with whether it was blank; undefined when it is neither or a line is not JSON.
 */
function ndjsonLines(body: unknown): Array<{ value: unknown; blank: boolean }> | undefined {
  if (Array.isArray(body)) return body.map((value) => ({ value, blank: false }));
  if (typeof body !== 'string' || !body.endsWith('\n')) return undefined;
  const out: Array<{ value: unknown; blank: boolean }> = [];
  for (const line of body.slice(0, -1).split('\n')) {
    if (line.trim() === '') {
      out.push({ value: undefined, blank: true });
      continue;
    }
    try {
      out.push({ value: JSON.parse(line), blank: false });
    } catch {
      return undefined;
    }
  }
  return out;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The bulk actions and the write kind each is (an own-property lookup: `__proto__`, `constructor` are no action). */
const BULK_OPS: ReadonlyMap<string, WriteKind> = new Map([['index', 'index'], ['create', 'create'], ['delete', 'delete'], ['update', 'update']]);

/**
 * A bulk body as BulkRequestParser reads it: a blank action line is skipped, a blank source line is an empty source
 * (400), an unknown action or parameter fails the whole request (400), and so does any item that fails validation.
 */
function bulkChecks(body: unknown, defaultIndex: string | undefined, path: string): PlanResult {
  const query = queryOf(path);
  const queryIssue = queryProblem('bulk', query);
  if (queryIssue !== undefined) return { known: false, reason: `bulk: ${queryIssue}` };
  const lines = ndjsonLines(body);
  if (lines === undefined) return { known: false, reason: 'bulk body is not NDJSON ended by a newline, or an array' };
  const requireAll = query.get('require_alias') === 'true' || query.get('require_alias') === '';
  const writes: WriteItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as { value: unknown; blank: boolean };
    if (line.blank) continue;
    const meta = line.value;
    if (!isRecord(meta)) return { known: false, reason: `bulk line ${i + 1} is not an action` };
    const name = Object.keys(meta)[0] ?? '';
    const kind = BULK_OPS.get(name);
    if (kind === undefined) return { known: false, reason: `bulk operation ${JSON.stringify(name)} is unknown (the node answers 400)` };
    const params = itemParameters(meta[name], kind);
    if (!params.ok) return { known: false, reason: `bulk line ${i + 1}: ${params.why}` };
    const op: WriteItem['op'] = kind === 'create' ? 'index' : kind;
    const index = params.index ?? defaultIndex;
    if (index === undefined) return { known: false, reason: `bulk line ${i + 1} names no index` };
    let document: unknown;
    if (op !== 'delete') {
      const source = lines[i + 1];
      if (source === undefined || source.blank) return { known: false, reason: `bulk line ${i + 1} has no source line: the node answers 400` };
      document = source.value;
      i++;
    }
    const id = opt(params, 'id');
    const problem = writeProblem(kind, id, params.p, document);
    if (problem !== undefined) return { known: false, reason: `bulk line ${op === 'delete' ? i + 1 : i}: ${problem}` };
    const requireAlias = opt(params, 'requireAlias') ?? requireAll;
    // the line's pipeline, else the bulk's: an index or create item's document, an update item's `upsert` (write-plan.ts)
    const pipeline = params.p.pipeline ?? query.get('pipeline') ?? undefined;
    // what a data stream and its backing indices decide on (write-targets.ts bulkItemFate): create or not, cas, routing
    const cas = compareAndSetOf(params.p);
    const given = opt(meta[name] as Record<string, unknown>, 'routing');
    const routing = typeof given === 'string' ? given : query.get('routing');
    writes.push({
      index, op, single: false,
      ...(kind === 'create' || params.p.opType === 'create' ? { create: true as const } : {}),
      ...(cas !== undefined ? { cas } : {}),
      ...(routing !== undefined ? { routing } : {}),
      ...(op !== 'delete' ? { document } : {}),
      ...(id !== undefined ? { id } : {}),
      ...(op === 'delete' && EXTERNAL.has(params.p.versionType ?? '') ? { createsIndex: true } : {}),
      ...(requireAlias ? { requireAlias: true } : {}),
      ...(op !== 'delete' && pipeline !== undefined ? { pipeline } : {}),
    });
  }
  // no action at all: the node answers 400 (no requests added)
  if (writes.length === 0) return { known: false, reason: 'bulk body holds no action (the node answers 400)' };
  return plan([{ action: BULK }], writes);
}

function msearchChecks(body: unknown, defaultIndex: string | undefined): PlanResult {
  // like a bulk body, a string must end with a newline (else the node answers 400 before any check)
  const read = ndjsonLines(body);
  if (read === undefined) return { known: false, reason: 'msearch body is not NDJSON ended by a newline, or an array' };
  const lines = read.filter((l) => !l.blank).map((l) => l.value);
  const checks: RequiredPrivilege[] = [{ action: 'indices:data/read/msearch' }];
  for (let i = 0; i < lines.length; i += 2) {
    const header = lines[i];
    const idx = isRecord(header) ? header.index : undefined;
    const indices = typeof idx === 'string' ? requestIndexList(idx) : Array.isArray(idx) ? idx.filter((x): x is string => typeof x === 'string') : defaultIndex !== undefined ? requestIndexList(defaultIndex) : ['*'];
    checks.push({ action: 'indices:data/read/search', indices, itemLevel: true });
  }
  return plan(checks);
}

function mgetChecks(given: unknown, defaultIndex: string | undefined): PlanResult {
  const body = jsonOf(given);
  const docs = isRecord(body) && Array.isArray(body.docs) ? body.docs : undefined;
  const checks: RequiredPrivilege[] = [{ action: 'indices:data/read/mget' }];
  if (docs === undefined) {
    if (defaultIndex === undefined) return { known: false, reason: 'mget body without docs' };
    checks.push({ action: 'indices:data/read/mget[shard]', indices: [defaultIndex], itemLevel: true });
    return plan(checks);
  }
  for (const d of docs as unknown[]) {
    const index = isRecord(d) && typeof d._index === 'string' ? d._index : defaultIndex;
    if (index === undefined) return { known: false, reason: 'mget doc names no index' };
    checks.push({ action: 'indices:data/read/mget[shard]', indices: [index], itemLevel: true });
  }
  return plan(checks);
}

const CLUSTER_GETS: Record<string, string> = table({
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
});

/**
 * The privileges a request needs, from the table; `known: false` with a reason otherwise. A write's checks are those
 * made when every index it names exists and no document adds a field to a mapping (checkPermission asks the cluster);
 * an `_update`'s bulk checks depend on its document (`dependsOn`).
 */
export function requiredPrivileges(request: RequestDescription): RequestPrivileges {
  try {
    const planned = planOf(request);
    return planned.known ? { known: true, checks: expandPlan(planned.plan, EXISTING).checks } : planned;
  } catch (error) {
    throw inputFailure('requiredPrivileges', error);
  }
}

/** The request's plan: its checks before the cluster is consulted (see RequestPlan); `known: false` outside the table. */
export function requestPlan(request: RequestDescription): PlanResult {
  try {
    return planOf(request);
  } catch (error) {
    throw inputFailure('requiredPrivileges', error);
  }
}

const CAT_INDICES = (indices: string[]): PlanResult => ({
  known: true,
  plan: {
    // the REST handler's requests, in order (RestIndicesAction: settings, then state, then stats and health)
    head: [
      { action: 'indices:monitor/settings/get', indices }, { action: 'cluster:monitor/state' },
      { action: 'indices:monitor/stats', indices }, { action: 'cluster:monitor/health' },
    ],
    writes: [],
    absentEndsAfter: 0,
  },
});

function planOf(given: RequestDescription): PlanResult {
  if (given === null || typeof given !== 'object') throw new ArgumentTypeError('requiredPrivileges: request must be { method: string, path: string }');
  // each field read once: a getter or Proxy cannot pass the checks with one value and be planned with another
  const request: RequestDescription = { method: given.method, path: given.path, body: opt(given, 'body') };
  if (typeof request.method !== 'string' || typeof request.path !== 'string') {
    throw new ArgumentTypeError('requiredPrivileges: request must be { method: string, path: string }');
  }
  const method = request.method.toUpperCase();
  // a malformed percent-escape in the query: the node answers 400 to anyone before any check (the query is not shown)
  if (targetQuery(request.path) === undefined) return { known: false, reason: `${method} ${splitTarget(request.path).path}: its query string holds a malformed percent-escape (the node answers 400 before any check)` };
  // an empty segment (`//`): the node does not collapse it as pathSegments does (GET /flights//_search and
  // GET //flights/_search get 400 "no handler found", measured on 2.19.4; //_search reaches _search): not guessed at
  if (splitTarget(request.path).path.includes('//')) return { known: false, reason: `${method} ${splitTarget(request.path).path}: the path holds an empty segment (//), which the node does not skip (it answers 400 "no handler found" or routes it elsewhere); write one /` };
  const parts = pathSegments(request.path);
  const [first, second, third] = parts;
  const write = method === 'PUT' || method === 'POST';
  const documentSource = write && first !== undefined && !first.startsWith('_') && (second === '_doc' || second === '_create') && parts.length <= 3;
  const refused = bodyRefusal(request.body, documentSource ? 'whole' : write && (first === '_bulk' || second === '_bulk') ? 'bulk lines' : 'none');
  if (refused !== undefined) return { known: false, reason: `${method} ${splitTarget(request.path).path}: ${refused}` };
  const unknown = (): PlanResult => ({ known: false, reason: `${method} ${splitTarget(request.path).path} is not in the request table` });
  const read = method === 'GET' || method === 'POST';
  const one = (action: string, indices?: string[]): PlanResult => plan([{ action, ...(indices !== undefined ? { indices } : {}) }]);
  // `_all` names every index, as `*` does (GET /_all/_count), not an endpoint
  if (first === undefined || (first.startsWith('_') && first !== '_all')) {
    const key = parts.join('/');
    if (method === 'GET' && Object.prototype.hasOwnProperty.call(CLUSTER_GETS, key)) return one(CLUSTER_GETS[key] as string);
    if (read && key === '_search') return one('indices:data/read/search', ['*']);
    if (method === 'GET' && key === '_mapping') return one('indices:admin/mappings/get', ['*']);
    if (method === 'GET' && key === '_settings') return one('indices:monitor/settings/get', ['*']);
    if (read && key === '_count') return one('indices:data/read/search', ['*']);
    if ((method === 'POST' || method === 'PUT') && key === '_bulk') return bulkChecks(request.body, undefined, request.path);
    if (read && key === '_msearch') return msearchChecks(request.body, undefined);
    if (read && key === '_mget') return mgetChecks(request.body, undefined);
    if (read && key === '_search/scroll') return one('indices:data/read/scroll');
    if (method === 'POST' && key === '_reindex') return byQueryPlan({ kind: 'reindex', body: jsonOf(request.body), query: splitTarget(request.path).query });
    if (method === 'GET' && first === '_cat' && second === 'indices' && parts.length <= 3) return CAT_INDICES(third === undefined ? ['*'] : requestIndexList(third));
    return unknown();
  }
  const indices = requestIndexList(first);
  const single = indices.length === 1 ? indices[0] : undefined;
  if (second === undefined) {
    if (method === 'PUT') {
      // aliases given with the new index are checked too (PrivilegesEvaluator: CreateIndexRequest with aliases)
      const body = jsonOf(request.body);
      const aliases = isRecord(body) && isRecord(body.aliases) && Object.keys(body.aliases).length > 0;
      return plan([{ action: 'indices:admin/create', indices }, ...(aliases ? [{ action: 'indices:admin/aliases', indices }] : [])]);
    }
    if (method === 'DELETE') return one('indices:admin/delete', indices);
    if (method === 'GET') return one('indices:admin/get', indices);
    return unknown();
  }
  if (read && (second === '_search' || second === '_count') && third === undefined) return one('indices:data/read/search', indices);
  if (read && second === '_msearch') return msearchChecks(request.body, first);
  if (read && second === '_mget') return mgetChecks(request.body, single);
  if ((method === 'POST' || method === 'PUT') && second === '_bulk') return bulkChecks(request.body, single, request.path);
  if (method === 'POST' && (second === '_delete_by_query' || second === '_update_by_query') && third === undefined) {
    return byQueryPlan({ kind: second.slice(1) as 'delete_by_query' | 'update_by_query', indices, body: jsonOf(request.body), query: splitTarget(request.path).query });
  }
  if (method === 'GET' && second === '_mapping') return one(third === 'field' ? 'indices:admin/mappings/fields/get' : 'indices:admin/mappings/get', indices);
  if (method === 'GET' && second === '_settings') return one('indices:monitor/settings/get', indices);
  if ((method === 'POST' || method === 'GET') && second === '_refresh') return one('indices:admin/refresh', indices);
  if (single !== undefined && third !== undefined && parts.length === 3) {
    // a parameter the document read does not take (`expand_wildcards`, ...): 400 before any check
    const readProblem = (kind: 'get' | 'source'): PlanResult | undefined => {
      const problem = queryProblem(kind, queryOf(request.path));
      return problem === undefined ? undefined : { known: false, reason: `${method} ${splitTarget(request.path).path}: ${problem}` };
    };
    if (second === '_doc') {
      if (method === 'GET' || method === 'HEAD') return readProblem('get') ?? one('indices:data/read/get', [single]);
      if (method === 'PUT' || method === 'POST') return singleWrite(request, 'index', single, third);
      if (method === 'DELETE') return singleWrite(request, 'delete', single, third);
    }
    if (second === '_create' && (method === 'PUT' || method === 'POST')) return singleWrite(request, 'create', single, third);
    if (second === '_update' && method === 'POST') return singleWrite(request, 'update', single, third);
    if (second === '_source' && method === 'GET') return readProblem('source') ?? one('indices:data/read/get', [single]);
  }
  if (single !== undefined && second === '_doc' && parts.length === 2 && method === 'POST') return singleWrite(request, 'index', single, undefined);
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
  const indices = requestIndexNames(index);
  return [{ action, indices }];
}
