/**
 * `_delete_by_query`, `_update_by_query` and `_reindex` (the reindex module), measured on 2.19.4 and 3.4.0 with the
 * module installed (test/integration/h185-by-query.test.ts). The REST action is checked first (`indices:data/write/
 * delete/byquery` / `update/byquery` on the index, the cluster-level `indices:data/write/reindex`); the module then
 * sends its sub-requests with the caller's context, each checked as the caller's own: a search of the source
 * (`indices:data/read/search`; a missing source ends it with 404, `_reindex` before the search, as a dest alias without
 * a write index or whose write index is a source does with 400: ReindexValidator), for each batch of hits a bulk
 * (`indices:data/write/bulk`, then `bulk[s]` with `indices:data/write/delete` / `index` on the written indices: for
 * update / delete by query each hit's own concrete index, whatever alias or wildcard the path names; `_reindex` to a
 * missing dest checks `indices:admin/create` first and `indices:admin/mapping/put` for a document adding a field), then
 * `indices:data/read/scroll` for the next batch, and `indices:admin/refresh` of the written indices with `?refresh`.
 * With `?slices=auto` the module first asks for the source's shards (`indices:admin/shards/search_shards` on the
 * sources, after the REST action and `_reindex`'s validation, before the search: a missing source's 404 then comes
 * from it); `slices=<n>` does not (measured on 2.19.4, test/integration/h197-by-query-slices.test.ts).
 * A refused sub-request fails the whole request (403; the counts so far in the body). The bulk, scroll and refresh
 * happen only when the search finds a document, so their refusals depend on it. A refused clear-scroll is only logged.
 * DLS, FLS and masking on the source refuse nothing: the search is filtered (a DLS-hidden document is neither deleted
 * nor copied; `_reindex` copies FLS-filtered and masked sources, `_update_by_query` writes masked values back).
 * With `wait_for_completion=false` the node answers 200 and a task whatever the privileges (the task is registered
 * before any check, even the REST action's): a refusal is the task's result. The plan is then the same (the verdict is
 * the operation's), with a note saying so.
 */
import type { PlanResult, RequiredPrivilege, WriteItem } from './request-plan.js';
import { field, hasField } from '../errors/own.js';
import { nodeFlag, nodeQuery, waitsForCompletion } from '../fgac/query-params.js';
import { requestIndexList } from '../fgac/request-names.js';

const SEARCH = 'indices:data/read/search';
const BULK = 'indices:data/write/bulk';
const SCROLL = 'indices:data/read/scroll';
const REFRESH = 'indices:admin/refresh';
const SEARCH_SHARDS = 'indices:admin/shards/search_shards';

/** The note of a request answered with a task: why `allowed` is not the HTTP status the node answers. */
export const TASK_NOTE = 'with wait_for_completion=false the node answers 200 and a task even when a check is refused: the verdict is the operation\'s, and a refusal is the task\'s result (GET _tasks/<id>), nothing done';

/** `?slices` as the node reads it: `auto`, a positive integer (1 when absent), undefined for another value (400 before any check). */
function slicesOf(value: string | undefined): 'auto' | number | undefined {
  if (value === undefined) return 1;
  if (value === 'auto') return 'auto';
  // Integer.parseInt: an optional sign, decimal digits, at most 2^31-1; 0 or less is refused too
  const n = /^\+?\d+$/.test(value) ? Number(value) : Number.NaN;
  return n >= 1 && n <= 2147483647 ? n : undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Which of the three requests: its REST action's check and what its bulk writes. */
export type ByQueryKind = 'delete_by_query' | 'update_by_query' | 'reindex';

/** The request as planned: its kind, the index of the path (by-query), the parsed body and the query string (after the first `?`). */
export interface ByQueryRequest {
  kind: ByQueryKind;
  indices?: string[];
  body: unknown;
  query: string | undefined;
}

/**
 * `source.index` as the node reads it (measured on 2.19.4): a string split as a path's list (fgac/request-names.ts:
 * `,a` names `` and `a`, `a,` names `a`), a list taken element by element as written (`["a,b"]` is the one name `a,b`,
 * `["", "a"]` names ``); no name at all is the node's 400. Undefined when not names or none.
 */
function namesOf(value: unknown): string[] | undefined {
  const names = typeof value === 'string' ? requestIndexList(value)
    : Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value as string[]] : undefined;
  return names !== undefined && names.length > 0 ? names : undefined;
}

/** Keys the node reads in each part of the body; another fails the request (400) before any check. Not all it reads. */
const KNOWN_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  byQuery: new Set(['query', 'max_docs', 'conflicts', 'slice', 'sort', '_source', 'size', 'seq_no_primary_term', 'version']),
  reindex: new Set(['source', 'dest', 'conflicts', 'max_docs', 'size']),
  source: new Set(['index', 'query', 'size', '_source', 'sort', 'slice', 'remote']),
  dest: new Set(['index', 'op_type', 'version_type', 'pipeline', 'routing']),
};

/** The first key of `o` outside `known`, or undefined. */
const strayKey = (o: Record<string, unknown>, known: ReadonlySet<string> | undefined): string | undefined => Object.keys(o).find((k) => known?.has(k) !== true);

/** The plan of one of the three requests, or why it is not planned (the node answers 400, or what runs is not known). */
export function byQueryPlan(r: ByQueryRequest): PlanResult {
  const what = r.kind === 'reindex' ? '_reindex' : `_${r.kind}`;
  const unknown = (why: string): PlanResult => ({ known: false, reason: `${what}: ${why}` });
  if (r.body !== undefined && !isRecord(r.body)) return unknown('the body is not a JSON object');
  const body: Record<string, unknown> = r.body ?? {};
  // a script decides per document what is written, or that it is deleted or left (ctx.op): not run here
  if (hasField(body, 'script')) return unknown('a script decides what each document becomes (not run by this SDK)');
  const stray = strayKey(body, KNOWN_KEYS[r.kind === 'reindex' ? 'reindex' : 'byQuery']);
  if (stray !== undefined) return unknown(`the body key ${JSON.stringify(stray)} is not modelled (the node may answer 400 before any check)`);
  // read as the node reads the query (fgac/query-params.ts: `;` separates too, a repeated parameter's last value wins)
  const params = nodeQuery(r.query);
  const waits = waitsForCompletion(r.query);
  const refresh = params === undefined ? undefined : nodeFlag(params, 'refresh', false);
  if (params === undefined || waits === undefined || refresh === undefined) return unknown('the query string has a malformed escape, or wait_for_completion or refresh is neither true nor false (the node answers 400)');
  const slices = slicesOf(params.get('slices'));
  if (slices === undefined) return unknown('slices is neither auto nor a positive integer (the node answers 400)');
  let head: RequiredPrivilege;
  let source: string[];
  let written: string;
  let op: WriteItem['op'];
  let pipeline = params.get('pipeline');
  if (r.kind === 'reindex') {
    const src = field(body, 'source');
    const dest = field(body, 'dest');
    if (!isRecord(src) || !isRecord(dest)) return unknown('the body needs source and dest (the node answers 400)');
    if (hasField(src, 'remote')) return unknown('reindex from a remote cluster is not modelled');
    const strayPart = strayKey(src, KNOWN_KEYS.source) ?? strayKey(dest, KNOWN_KEYS.dest);
    if (strayPart !== undefined) return unknown(`the body key ${JSON.stringify(strayPart)} is not modelled (the node may answer 400 before any check)`);
    const names = namesOf(field(src, 'index'));
    const target = field(dest, 'index');
    if (names === undefined || typeof target !== 'string' || target === '') return unknown('source.index and dest.index must name indices (the node answers 400)');
    // validated before any check: the node answers 400 whatever the privileges
    if (names.includes(target)) return unknown(`reindex cannot write into an index it reads from (${target}; the node answers 400)`);
    const destPipeline = field(dest, 'pipeline');
    pipeline = typeof destPipeline === 'string' ? destPipeline : undefined;
    head = { action: 'indices:data/write/reindex' };
    source = names;
    written = target;
    op = 'index';
  } else {
    const indices = r.indices ?? [];
    if (indices.length !== 1) return unknown('only one index (no list) is modelled for the written index');
    // _delete_by_query without a query fails validation (400) before any check
    if (r.kind === 'delete_by_query' && !hasField(body, 'query')) return unknown('the body has no query (the node answers 400)');
    head = { action: `indices:data/write/${r.kind === 'delete_by_query' ? 'delete' : 'update'}/byquery`, indices };
    source = indices;
    written = indices[0] as string;
    op = r.kind === 'delete_by_query' ? 'delete' : 'index';
    if (op === 'delete') pipeline = undefined;
  }
  const search: RequiredPrivilege = { action: SEARCH, indices: source };
  // slices=auto: the source's shards are asked for first, to count the slices
  const shards: RequiredPrivilege[] = slices === 'auto' ? [{ action: SEARCH_SHARDS, indices: source }] : [];
  const found = `whether the search of ${source.join(',')} finds a document (the writes and the scroll follow only then)`;
  const item: WriteItem = {
    index: written, op, single: true,
    // update / delete by query write each document to the concrete index it was found in; _reindex to its dest
    byQuery: { why: found, rewrites: r.kind === 'update_by_query', ...(r.kind === 'reindex' ? { sources: source } : { hitsOf: source }) },
    ...(pipeline !== undefined ? { pipeline } : {}),
  };
  return {
    known: true,
    plan: {
      head: [head, ...shards, search, { action: BULK, dependsOn: found }],
      writes: [item],
      tail: [{ action: SCROLL, dependsOn: found }, ...(refresh ? [{ action: REFRESH, indices: [written], dependsOn: found }] : [])],
      // a missing source: 404 after the first check naming it (search_shards or search); _reindex validates its source
      // and dest before it (write-plan.ts reachOf)
      absentEndsAfter: r.kind === 'reindex' ? 0 : 1,
      ...(waits ? {} : { note: TASK_NOTE }),
    },
  };
}
