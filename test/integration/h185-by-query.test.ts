/**
 * h185: `_delete_by_query`, `_update_by_query` and `_reindex` (the reindex module, which test/domain installs under
 * modules/reindex) judged by checkPermission's local path and really sent as a user whose role lacks or holds each
 * action the plugin checks (src/explain/by-query.ts): the REST action, the search of the source, the bulk and its
 * shard-level and item actions, index creation and mapping update on a missing dest, the scroll, `?refresh`,
 * `wait_for_completion=false` (200 and a task even when refused: the task's result is the operation's verdict), DLS on the source. Each case states the local verdict (null: it depends on whether
 * the search finds a document) and what the node does; a decided local verdict must be the node's, and a refusal
 * must name the action the node names. Runs against the domain given (FGAC_DOMAIN_DIR); a node without the reindex
 * module FAILS (the module is installed by test/domain since h185: restart the domain). checkPermission's default
 * mode must give the same answer: on 3.4.0 the dry-run of these requests answers 500 (verdict lost, nothing run), and
 * with wait_for_completion=false a task (the verdict as its result), so it is not sent. Own users, roles and indices
 * (prefix `h185-`), removed after.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestDescription } from '../../src/explain/request-actions.js';
import { loadConnection } from '../domain/connection.js';
import { judgeByQuery } from '../support/by-query-judge.js';
import { deleteRoleUsers, localBasicClients, putRoleUsers, requireReindexModule, restAnswer, restOk } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const PASSWORD = testPassword('Hrx');
const S = 'h185-src';
const D = 'h185-dst';
const E = 'h185-empty';
const N = 'h185-new';
const userOf = (role: string): string => role.replace('h185-r-', 'h185-u-');

const ALL = { query: { match_all: {} } };
const DBQ = 'indices:data/write/delete/byquery';
const UBQ = 'indices:data/write/update/byquery';
const SEARCH = 'indices:data/read/search';
const BULK = 'indices:data/write/bulk';
const SHARD = 'indices:data/write/bulk[s]';
const SCROLL = 'indices:data/read/scroll';
const REINDEX = 'indices:data/write/reindex';
const CREATE = 'indices:admin/create';
const MAPPING = 'indices:admin/mapping/put';
const DLS = JSON.stringify({ term: { s: 'x' } });

interface Case {
  name: string;
  cluster: string[];
  index: Array<{ index_patterns: string[]; allowed_actions: string[]; dls?: string }>;
  request: RequestDescription;
  /** checkPermission's local verdict (null: undecided). */
  local: boolean | null;
  /** Whether the node lets the request through (not a 403). */
  node: boolean;
}

const on = (names: string[], actions: string[], dls?: string): Case['index'][number] => ({ index_patterns: names, allowed_actions: actions, ...(dls !== undefined ? { dls } : {}) });
const dbq = (path = `/${S}/_delete_by_query`): RequestDescription => ({ method: 'POST', path, body: ALL });
const ubq = (path = `/${S}/_update_by_query`, body: unknown = ALL): RequestDescription => ({ method: 'POST', path, ...(body !== undefined ? { body } : {}) });
const reindex = (source: string | string[], dest: string, query = ''): RequestDescription => ({ method: 'POST', path: `/_reindex${query}`, body: { source: { index: source }, dest: { index: dest } } });
const DBQ_ALL = [DBQ, SEARCH, SHARD, 'indices:data/write/delete'];
const UBQ_ALL = [UBQ, SEARCH, SHARD, 'indices:data/write/index'];
const DEST_ALL = [SHARD, 'indices:data/write/index', MAPPING];

const CASES: Case[] = [
  { name: 'dbq without the REST action', cluster: [], index: [], request: dbq(), local: false, node: false },
  { name: 'dbq without the search', cluster: [], index: [on([S], [DBQ])], request: dbq(), local: false, node: false },
  { name: 'dbq without the bulk (documents found)', cluster: [], index: [on([S], [DBQ, SEARCH])], request: dbq(), local: null, node: false },
  { name: 'dbq without the item action', cluster: [BULK, SCROLL], index: [on([S], [DBQ, SEARCH, SHARD])], request: dbq(), local: null, node: false },
  { name: 'dbq without the scroll', cluster: [BULK], index: [on([S], DBQ_ALL)], request: dbq(), local: null, node: false },
  { name: 'dbq with all it needs', cluster: [BULK, SCROLL], index: [on([S], DBQ_ALL)], request: dbq(), local: true, node: true },
  { name: 'dbq of an empty index without the bulk', cluster: [], index: [on([E], [DBQ, SEARCH])], request: dbq(`/${E}/_delete_by_query`), local: null, node: true },
  { name: 'dbq with wait_for_completion=false and the REST action only', cluster: [], index: [on([S], [DBQ])], request: dbq(`/${S}/_delete_by_query?wait_for_completion=false`), local: false, node: false },
  { name: 'dbq with refresh=true without indices:admin/refresh', cluster: [BULK, SCROLL], index: [on([S], DBQ_ALL)], request: dbq(`/${S}/_delete_by_query?refresh=true`), local: null, node: false },
  { name: 'dbq under DLS on the index', cluster: [BULK, SCROLL], index: [on([S], DBQ_ALL, DLS)], request: dbq(), local: true, node: true },
  { name: 'ubq without the search', cluster: [BULK, SCROLL], index: [on([S], [UBQ])], request: ubq(), local: false, node: false },
  { name: 'ubq without the bulk', cluster: [], index: [on([S], [UBQ, SEARCH])], request: ubq(), local: null, node: false },
  { name: 'ubq with all it needs (no mapping update)', cluster: [BULK, SCROLL], index: [on([S], UBQ_ALL)], request: ubq(), local: true, node: true },
  { name: 'ubq without a body', cluster: [BULK, SCROLL], index: [on([S], UBQ_ALL)], request: ubq(`/${S}/_update_by_query`, undefined), local: true, node: true },
  { name: 'ubq under DLS on the index', cluster: [BULK, SCROLL], index: [on([S], UBQ_ALL, DLS)], request: ubq(), local: true, node: true },
  { name: 'reindex without the REST action', cluster: [], index: [on([S], [SEARCH]), on([D], DEST_ALL)], request: reindex(S, D), local: false, node: false },
  { name: 'reindex without the search', cluster: [REINDEX, BULK, SCROLL], index: [on([D], DEST_ALL)], request: reindex(S, D), local: false, node: false },
  { name: 'reindex of two sources, one not searchable', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([D], DEST_ALL)], request: reindex([S, E], D), local: false, node: false },
  { name: 'reindex without the bulk', cluster: [REINDEX, SCROLL], index: [on([S], [SEARCH]), on([D], DEST_ALL)], request: reindex(S, D), local: null, node: false },
  { name: 'reindex without the dest item action', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([D], [SHARD])], request: reindex(S, D), local: null, node: false },
  { name: 'reindex with all it needs', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([D], DEST_ALL)], request: reindex(S, D), local: true, node: true },
  { name: 'reindex without the mapping update (dest maps every field)', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([D], [SHARD, 'indices:data/write/index'])], request: reindex(S, D), local: null, node: true },
  { name: 'reindex to a missing dest without indices:admin/create', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([N], DEST_ALL)], request: reindex(S, N), local: null, node: false },
  { name: 'reindex to a missing dest with create and mapping', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([N], [...DEST_ALL, CREATE])], request: reindex(S, N), local: true, node: true },
  { name: 'reindex of an empty source with the search only', cluster: [REINDEX], index: [on([E], [SEARCH])], request: reindex(E, N), local: null, node: true },
  { name: 'reindex of a missing source (404 after the search)', cluster: [REINDEX], index: [on(['h185-missing'], [SEARCH])], request: reindex('h185-missing', D), local: true, node: true },
  { name: 'dbq of a missing index (404 after the search)', cluster: [], index: [on(['h185-missing'], [DBQ, SEARCH])], request: dbq('/h185-missing/_delete_by_query'), local: true, node: true },
  { name: 'reindex with wait_for_completion=false and the REST action only', cluster: [REINDEX], index: [], request: reindex(S, D, '?wait_for_completion=false'), local: false, node: false },
  // source.index as the node reads it (by-query.ts namesOf): a list's items are names as written, a text is split at commas
  // (a missing source name is the node's 404 after the search, whoever asks: the 'missing source' case above)
  { name: 'reindex of a list item holding a comma: one missing name, not two indices', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([D], DEST_ALL)], request: reindex([`${S},${E}`], D), local: true, node: true },
  { name: 'reindex of a list with an empty name: a missing name', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([D], DEST_ALL)], request: reindex(['', S], D), local: true, node: true },
  { name: 'reindex of a text with a leading empty name: a missing name', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([D], DEST_ALL)], request: reindex(`,${S}`, D), local: true, node: true },
  { name: 'reindex of a text with a trailing comma (no empty name)', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH]), on([D], DEST_ALL)], request: reindex(`${S},`, D), local: true, node: true },
  { name: 'reindex under DLS on the source', cluster: [REINDEX, BULK, SCROLL], index: [on([S], [SEARCH], DLS), on([D], DEST_ALL)], request: reindex(S, D), local: true, node: true },
];
const ROLES = CASES.map((_, i) => `h185-r-${i}`);

const MAPPINGS = { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { a: { type: 'integer' }, s: { type: 'keyword' } } } };
const SOURCE_DOCS = [{ index: { _index: S, _id: '1' } }, { a: 1, s: 'x' }, { index: { _index: S, _id: '2' } }, { a: 2, s: 'y' }];
const ndjson = (lines: readonly unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

/** Once per file: the source with two documents, an empty dest and an empty index (never written: only searched); the missing dest deleted. */
async function seed(): Promise<void> {
  await restAnswer(master, 'DELETE', `/${[S, D, E, N].join(',')}?ignore_unavailable=true`);
  await Promise.all([S, D, E].map((i) => restOk(master, 'PUT', `/${i}`, MAPPINGS)));
  await restOk(master, 'POST', '/_bulk?refresh=true', ndjson(SOURCE_DOCS));
}

/**
 * Before each case, the state seed() made, without creating indices again: the missing dest deleted (a reindex may have
 * created it), the source's two documents written back (a by-query may have deleted or rewritten them), the two a
 * reindex copies into the dest deleted (the dest's mapping already holds every field the source has, so a copy never
 * changes it; ids are kept by a reindex).
 */
async function reset(): Promise<void> {
  await restAnswer(master, 'DELETE', `/${N}?ignore_unavailable=true`);
  await restOk(master, 'POST', '/_bulk?refresh=true', ndjson([...SOURCE_DOCS, { delete: { _index: D, _id: '1' } }, { delete: { _index: D, _id: '2' } }]));
}

describe(`h185 _delete_by_query, _update_by_query, _reindex: checkPermission against the node (${conn.opensearch.version})`, () => {
  before(async () => {
    await requireReindexModule(master);
    await seed();
    await putRoleUsers(master, Object.fromEntries(CASES.map((c, i) => [ROLES[i] as string, { cluster_permissions: c.cluster, index_permissions: c.index }])), userOf, PASSWORD);
  });
  after(async () => {
    await deleteRoleUsers(master, ROLES, userOf);
    await restAnswer(master, 'DELETE', `/${[S, D, E, N].join(',')}?ignore_unavailable=true`);
    await closeAll();
  });

  for (const [i, c] of CASES.entries()) {
    test(c.name, async () => {
      await reset();
      const client = make(userOf(ROLES[i] as string), PASSWORD);
      const { local, node } = await judgeByQuery(client, master, c.request);
      const seen = `local ${String(local.allowed)} (missing ${local.missingPrivileges.join(', ')}; ${local.reason ?? ''}), node ${node.status} ${node.named?.join(', ') ?? node.text}`;
      // a 403 names the actions it refuses
      assert.ok(node.named !== undefined, `${c.request.method} ${c.request.path}: a 403 naming no action: ${node.text}`);
      assert.equal(node.allowed, c.node, `the node: ${seen}`);
      assert.equal(local.allowed, c.local, `checkPermission: ${seen}`);
      // undecided only for what it depends on (the documents found), never for want of a plan
      if (c.local === null) assert.ok(local.checks.length > 0 && /finds a document/.test(local.reason ?? ''), `checkPermission undecided for another reason: ${seen}`);
      if (local.allowed === false) {
        for (const named of node.named ?? []) assert.ok(local.missingPrivileges.includes(named), `the node names ${named}: ${seen}`);
      }
    });
  }
});
