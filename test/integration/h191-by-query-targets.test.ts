/**
 * h191: where `_delete_by_query`, `_update_by_query` and `_reindex` write, and how their query string is read, judged by
 * checkPermission's local path (with admin) and really sent as a user whose role lacks or holds what the node checks:
 * - update / delete by query write each document found to its own concrete index (the bulk's `bulk[s]` and item
 *   action name it), whatever the path names: an alias without a write index, a wildcard (no index is created);
 * - `_reindex` validates its dest against its sources before the search (ReindexValidator): a dest alias without a
 *   write index (400), a dest whose write index is a source (400), a missing source (404) end it after the REST action;
 * - the query string as the node reads it (RestUtils.decodeQueryString): a repeated parameter's last value wins
 *   (`wait_for_completion`, `refresh`), `;` separates parameters.
 * Each case states the local verdict (null: it depends on whether the search finds a document) and whether the node
 * lets the request through (not a 403). Needs the reindex module (test/domain installs it). Own users, roles, indices
 * and aliases (prefix `h191-`), removed after.
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
const PASSWORD = testPassword('Hbt');
const A1 = 'h191-a-1';
const A2 = 'h191-a-2';
/** An alias over both, without a write index; another with A1 as its write index. */
const A = 'h191-a';
const AW = 'h191-aw';
const D = 'h191-d';
const INDICES = [A1, A2, D];
const userOf = (role: string): string => role.replace('h191-r-', 'h191-u-');

const ALL = { query: { match_all: {} } };
const DBQ = 'indices:data/write/delete/byquery';
const UBQ = 'indices:data/write/update/byquery';
const SEARCH = 'indices:data/read/search';
const BULK = 'indices:data/write/bulk';
const SHARD = 'indices:data/write/bulk[s]';
const SCROLL = 'indices:data/read/scroll';
const REINDEX = 'indices:data/write/reindex';
const DELETE = 'indices:data/write/delete';
const INDEX = 'indices:data/write/index';

interface Case {
  name: string;
  cluster: string[];
  index: Array<{ index_patterns: string[]; allowed_actions: string[] }>;
  request: RequestDescription;
  /** checkPermission's local verdict (null: undecided). */
  local: boolean | null;
  /** Whether the node lets the request through (not a 403). */
  node: boolean;
}

const on = (names: string[], actions: string[]): Case['index'][number] => ({ index_patterns: names, allowed_actions: actions });
const post = (path: string, body: unknown = ALL): RequestDescription => ({ method: 'POST', path, body });
const reindex = (source: string, dest: string): RequestDescription => post('/_reindex', { source: { index: source }, dest: { index: dest } });

const CASES: Case[] = [
  // the review's input: the writes were dropped (allowed: true), the node refuses the delete on each index
  { name: 'dbq through an alias without a write index, without the delete', cluster: [BULK, SCROLL], index: [on(['h191-a*'], [DBQ, SEARCH, SHARD])], request: post(`/${A}/_delete_by_query`), local: null, node: false },
  { name: 'ubq through an alias without a write index, writing one of its indices only', cluster: [BULK, SCROLL], index: [on(['h191-a*'], [UBQ, SEARCH]), on([A1], [SHARD, INDEX])], request: post(`/${A}/_update_by_query`), local: null, node: false },
  { name: 'dbq of a wildcard, without the delete', cluster: [BULK, SCROLL], index: [on(['h191-a*'], [DBQ, SEARCH, SHARD])], request: post('/h191-a-*/_delete_by_query'), local: null, node: false },
  // a wildcard is no missing index: nothing is created
  { name: 'ubq of a wildcard with all it needs on its indices (no indices:admin/create)', cluster: [BULK, SCROLL], index: [on(['h191-a*'], [UBQ, SEARCH, SHARD, INDEX])], request: post('/h191-a-*/_update_by_query'), local: true, node: true },
  // ReindexValidator, after the REST action and before the search
  { name: 'reindex into an alias without a write index (400 before the search)', cluster: [REINDEX], index: [], request: reindex(A1, A), local: true, node: true },
  { name: 'reindex into an alias whose write index is the source (400 before the search)', cluster: [REINDEX], index: [], request: reindex(A1, AW), local: true, node: true },
  { name: 'reindex of a missing source (404 before the search)', cluster: [REINDEX], index: [], request: reindex('h191-missing', D), local: true, node: true },
  // the query string as the node reads it
  { name: 'dbq with wait_for_completion=false&wait_for_completion=true (waits: the search is checked)', cluster: [], index: [on([A1], [DBQ])], request: post(`/${A1}/_delete_by_query?wait_for_completion=false&wait_for_completion=true`), local: false, node: false },
  { name: 'dbq with wait_for_completion=true&wait_for_completion=false (a task)', cluster: [], index: [on([A1], [DBQ])], request: post(`/${A1}/_delete_by_query?wait_for_completion=true&wait_for_completion=false`), local: false, node: false },
  { name: 'dbq with refresh=true;wait_for_completion=false (";" separates: a task)', cluster: [], index: [on([A1], [DBQ])], request: post(`/${A1}/_delete_by_query?refresh=true;wait_for_completion=false`), local: false, node: false },
  { name: 'dbq with refresh=true&refresh=false (no refresh) without indices:admin/refresh', cluster: [BULK, SCROLL], index: [on([A1], [DBQ, SEARCH, SHARD, DELETE])], request: post(`/${A1}/_delete_by_query?refresh=true&refresh=false`), local: true, node: true },
];
const ROLES = CASES.map((_, i) => `h191-r-${i}`);

const SETTINGS = { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { a: { type: 'integer' } } } };

const DOCS = [{ index: { _index: A1, _id: '1' } }, { a: 1 }, { index: { _index: A2, _id: '2' } }, { a: 2 }];
const ndjson = (lines: readonly unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

/** Once per file: two indices with a document each, the aliases over them, an empty dest. */
async function seed(): Promise<void> {
  await restAnswer(master, 'DELETE', `/${INDICES.join(',')}?ignore_unavailable=true`);
  await Promise.all(INDICES.map((i) => restOk(master, 'PUT', `/${i}`, SETTINGS)));
  await restOk(master, 'POST', '/_bulk?refresh=true', ndjson(DOCS));
  await restOk(master, 'POST', '/_aliases', { actions: [
    { add: { index: A1, alias: A } }, { add: { index: A2, alias: A } },
    { add: { index: A1, alias: AW, is_write_index: true } }, { add: { index: A2, alias: AW } },
  ] });
}

/**
 * Before each case, the documents seed() wrote, without creating indices again (a by-query may have deleted or rewritten
 * them; no case changes a mapping or an alias, and the only reindex into the dest has a missing source): the two
 * documents written back, any copy of them in the dest deleted.
 */
async function reset(): Promise<void> {
  await restOk(master, 'POST', '/_bulk?refresh=true', ndjson([...DOCS, { delete: { _index: D, _id: '1' } }, { delete: { _index: D, _id: '2' } }]));
}

describe(`h191 by-query targets and query string: checkPermission against the node (${conn.opensearch.version})`, () => {
  before(async () => {
    await requireReindexModule(master);
    await seed();
    await putRoleUsers(master, Object.fromEntries(CASES.map((c, i) => [ROLES[i] as string, { cluster_permissions: c.cluster, index_permissions: c.index }])), userOf, PASSWORD);
  });
  after(async () => {
    await deleteRoleUsers(master, ROLES, userOf);
    await restAnswer(master, 'DELETE', `/${INDICES.join(',')}?ignore_unavailable=true`);
    await closeAll();
  });

  for (const [i, c] of CASES.entries()) {
    test(c.name, async () => {
      await reset();
      const client = make(userOf(ROLES[i] as string), PASSWORD);
      const { local, node } = await judgeByQuery(client, master, c.request);
      const seen = `local ${String(local.allowed)} (missing ${local.missingPrivileges.join(', ')}; ${local.reason ?? ''}; checks ${local.checks.map((v) => `${v.action}${v.indices !== undefined ? ` ${v.indices.join(',')}` : ''}${v.granted ? '' : ' refused'}`).join(' | ')}), node ${node.status} ${node.text}`;
      assert.equal(node.allowed, c.node, `the node: ${seen}`);
      assert.equal(local.allowed, c.local, `checkPermission: ${seen}`);
      // undecided only for the documents the search finds, never for want of a plan or of the cluster's names
      if (c.local === null) assert.ok(/finds a document/.test(local.reason ?? '') && !/indices not known/.test(local.reason ?? ''), `undecided for another reason: ${seen}`);
    });
  }
});
