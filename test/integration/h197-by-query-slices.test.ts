/**
 * h197 (review h195): by-query and `_reindex` with `?slices=auto` and `?wait_for_completion=false`, judged by
 * checkPermission's local path (with admin; the default mode must agree) and really sent as a user:
 * - `slices=auto` asks for the source's shards as the caller (`indices:admin/shards/search_shards`, which `crud`,
 *   `read` and `write` leave out), before the search; `slices=2` does not;
 * - `wait_for_completion=false` answers 200 and a task even when the REST action is refused: the task's result holds
 *   the refusal. checkPermission's verdict is the operation's (as for a waiting request), with a note saying so;
 * - a refusal depending on whether the search finds documents is listed in `conditionallyMissing`.
 * Own users, roles and indices (prefix `h197-`), seeded once, removed after.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission, type PermissionCheck } from '../../src/explain/check-permission.js';
import type { RequestDescription } from '../../src/explain/request-actions.js';
import { loadConnection } from '../domain/connection.js';
import { deleteRoleUsers, localBasicClients, putRoleUsers, requireReindexModule, restAnswer, restOk } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const PASSWORD = testPassword('Hsq');
const S = 'h197-src';
const D = 'h197-dst';
const DBQ = 'indices:data/write/delete/byquery';
const SEARCH = 'indices:data/read/search';
const SS = 'indices:admin/shards/search_shards';
const X = { query: { term: { s: 'x' } } };
const userOf = (role: string): string => role.replace('h197-r-', 'h197-u-');
const ROLES: Record<string, unknown> = {
  'h197-r-crud': { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: ['h197-*'], allowed_actions: ['crud'] }] },
  'h197-r-crudss': { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: ['h197-*'], allowed_actions: ['crud', SS] }] },
  'h197-r-dbq': { cluster_permissions: [], index_permissions: [{ index_patterns: [S], allowed_actions: [DBQ] }] },
  'h197-r-dbqss': { cluster_permissions: [], index_permissions: [{ index_patterns: [S], allowed_actions: [DBQ, SS] }] },
  'h197-r-read': { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: [S], allowed_actions: ['read'] }] },
  'h197-r-head': { cluster_permissions: [], index_permissions: [{ index_patterns: [S], allowed_actions: [DBQ, SEARCH] }] },
};
const DOCS = [{ s: 'x' }, { s: 'x' }, { s: 'y' }].flatMap((d, i) => [{ index: { _index: S, _id: String(i + 1) } }, d]);
const ndjson = (lines: readonly unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');
const dbq = (q = ''): RequestDescription => ({ method: 'POST', path: `/${S}/_delete_by_query${q}`, body: X });
const ubq = (q: string): RequestDescription => ({ method: 'POST', path: `/${S}/_update_by_query${q}`, body: X });
const reindex = (q: string): RequestDescription => ({ method: 'POST', path: `/_reindex${q}`, body: { source: { index: S, ...X }, dest: { index: D } } });

interface Node { status: number; named: string[]; task?: string }
/** The request as the role's user: its status, the actions a 403 names, the task id of a 200 with a task. */
async function send(role: string, r: RequestDescription): Promise<Node> {
  const a = await restAnswer(make(userOf(role), PASSWORD), r.method, r.path, r.body);
  const b = a.body as { task?: unknown; error?: { reason?: string }; failures?: Array<{ cause?: { reason?: string } }> } | undefined;
  const reason = b?.error?.reason ?? b?.failures?.[0]?.cause?.reason ?? '';
  const named = /no permissions for \[(.*?)\]/.exec(reason)?.[1]?.split(', ') ?? [];
  return { status: a.status, named, ...(typeof b?.task === 'string' ? { task: b.task } : {}) };
}
/** checkPermission's local verdict (with admin), after asserting the default mode gives the same. */
async function judge(role: string, r: RequestDescription): Promise<PermissionCheck> {
  const client = make(userOf(role), PASSWORD);
  const local = await checkPermission(client, r, { admin: master, mode: 'local' });
  assert.equal((await checkPermission(client, r, { admin: master })).allowed, local.allowed, `mode auto ${r.path}`);
  return local;
}
/** A finished task's error (as the admin reads it). */
async function taskError(task: string): Promise<string> {
  const t = await restAnswer(master, 'GET', `/_tasks/${task}?wait_for_completion=true&timeout=30s`);
  const b = t.body as { completed?: boolean; error?: { type?: string; reason?: string } };
  assert.equal(b.completed, true, `task ${task}: ${JSON.stringify(b).slice(0, 300)}`);
  return `${b.error?.type ?? ''}: ${b.error?.reason ?? ''}`;
}
/** Both say the same: refused naming what the node names, or let through. */
function agree(local: PermissionCheck, node: Node, what: string): void {
  const seen = `${what}: local ${String(local.allowed)} (missing ${local.missingPrivileges.join(', ')}), node ${node.status} ${node.named.join(', ')}`;
  assert.equal(local.allowed, node.status !== 403, seen);
  for (const n of node.named) assert.ok(local.missingPrivileges.includes(n), seen);
}

describe(`h197 slices=auto, wait_for_completion=false, conditional refusals (${conn.opensearch.version})`, () => {
  before(async () => {
    await requireReindexModule(master);
    await restAnswer(master, 'DELETE', `/${S},${D}?ignore_unavailable=true`);
    const mappings = { mappings: { properties: { s: { type: 'keyword' } } } };
    await restOk(master, 'PUT', `/${S}`, { settings: { number_of_shards: 2, number_of_replicas: 0 }, ...mappings });
    await restOk(master, 'PUT', `/${D}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, ...mappings });
    await restOk(master, 'POST', '/_bulk?refresh=true', ndjson(DOCS));
    await putRoleUsers(master, ROLES, userOf, PASSWORD);
  });
  after(async () => {
    await deleteRoleUsers(master, Object.keys(ROLES), userOf);
    await restAnswer(master, 'DELETE', `/${S},${D}?ignore_unavailable=true`);
    await closeAll();
  });

  test('a crud role: slices=auto refused for search_shards (dbq, ubq, reindex), slices=2 allowed', async () => {
    for (const r of [dbq('?slices=auto'), ubq('?slices=auto&conflicts=proceed'), reindex('?slices=auto')]) {
      const local = await judge('h197-r-crud', r);
      const node = await send('h197-r-crud', r);
      assert.deepEqual(node.named, [SS], `${r.path}: node ${node.status}`);
      agree(local, node, r.path);
      assert.deepEqual(local.missingPrivileges, [SS], r.path);
    }
    // last: it deletes the two x documents (nothing later needs them)
    const two = dbq('?slices=2');
    const local = await judge('h197-r-crud', two);
    agree(local, await send('h197-r-crud', two), two.path);
    assert.equal(local.allowed, true);
    await restOk(master, 'POST', '/_bulk?refresh=true', ndjson(DOCS));
  });

  test('search_shards is checked before the search; granted, slices=auto goes through', async () => {
    for (const role of ['h197-r-dbq', 'h197-r-dbqss']) {
      const local = await judge(role, dbq('?slices=auto'));
      const node = await send(role, dbq('?slices=auto'));
      agree(local, node, role);
      assert.ok(node.named.includes(SEARCH), `${role}: ${node.named.join(', ')}`);
      assert.equal(local.missingPrivileges.includes(SS), role === 'h197-r-dbq', `${role}: ${local.missingPrivileges.join(', ')}`);
    }
    const local = await judge('h197-r-crudss', dbq('?slices=auto'));
    agree(local, await send('h197-r-crudss', dbq('?slices=auto')), 'crud + search_shards');
    assert.equal(local.allowed, true);
    await restOk(master, 'POST', '/_bulk?refresh=true', ndjson(DOCS));
  });

  test('wait_for_completion=false: 200 and a task holding the refusal; checkPermission judges the operation, with a note', async () => {
    for (const [role, q, refused] of [
      ['h197-r-read', '?wait_for_completion=false', DBQ], ['h197-r-read', '?wait_for_completion=false&slices=auto', DBQ],
      // the REST action alone granted (h185 said true): the task fails on the search
      ['h197-r-dbq', '?wait_for_completion=false', SEARCH],
    ] as const) {
      const local = await judge(role, dbq(q));
      const node = await send(role, dbq(q));
      assert.equal(node.status, 200, `${role} ${q}`);
      assert.ok(node.task !== undefined, `${role} ${q}: no task`);
      const error = await taskError(node.task);
      assert.match(error, /^security_exception: no permissions for \[/, `${role} ${q}`);
      assert.ok(error.includes(refused), `${role} ${q}: ${error}`);
      assert.equal(local.allowed, false, `${role} ${q}`);
      assert.ok(local.missingPrivileges.includes(refused), `${role} ${q}: ${local.missingPrivileges.join(', ')}`);
      assert.match(local.reason ?? '', /200 and a task/, `${role} ${q}`);
    }
  });

  test('undecided on the documents found: the refusal the node names is listed as conditionally missing', async () => {
    const r = dbq('?refresh=true');
    const local = await judge('h197-r-head', r);
    const node = await send('h197-r-head', r);
    assert.equal(node.status, 403);
    assert.equal(local.allowed, null);
    assert.deepEqual(local.missingPrivileges, []);
    const conditional = (local.conditionallyMissing ?? []).map((c) => c.action);
    for (const n of node.named) assert.ok(conditional.includes(n), `the node names ${n}; conditionally missing: ${conditional.join(', ')}`);
    assert.ok(conditional.includes('indices:admin/refresh'), conditional.join(', '));
  });
});
