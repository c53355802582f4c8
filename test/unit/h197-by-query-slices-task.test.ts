/**
 * h197: by-query and `_reindex` (src/explain/by-query.ts), three findings of review h195 measured on 2.19.4
 * (test/integration/h197-by-query-slices.test.ts): `?slices=auto` asks for the source's shards as the caller
 * (`indices:admin/shards/search_shards`, after the REST action, before the search); with `wait_for_completion=false`
 * the verdict is the operation's (the node answers 200 and a task holding the refusal: a note says so); a refusal that
 * depends on whether the search finds documents is listed in `conditionallyMissing`, not only in `reason`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestPlan, requiredPrivileges, type RequiredPrivilege } from '../../src/explain/request-actions.js';
import { checkPermission, type CheckPermissionClient } from '../../src/explain/check-permission.js';
import type { PermissionRoles } from '../../src/explain/types.js';

const ALL = { query: { match_all: {} } };
const SS = 'indices:admin/shards/search_shards';
const line = (c: RequiredPrivilege): string => `${c.action}${c.indices !== undefined ? ` ${c.indices.join(',')}` : ''}${c.dependsOn !== undefined ? ' ?' : ''}`;
const checksOf = (path: string, body: unknown = ALL): string[] => {
  const r = requiredPrivileges({ method: 'POST', path, body });
  assert.ok(r.known, `${path}: ${r.known ? '' : r.reason}`);
  return r.checks.map(line);
};
const REINDEX = { source: { index: ['a', 'b'] }, dest: { index: 'c' } };

const offline = { transport: { request: async () => { throw new Error('no request expected'); } } } as unknown as CheckPermissionClient;
const ROLES: PermissionRoles = {
  crud: { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: ['logs*'], allowed_actions: ['crud'] }] },
  read: { cluster_permissions: ['cluster_composite_ops'], index_permissions: [{ index_patterns: ['logs*'], allowed_actions: ['read'] }] },
  // the REST action and the search only: the bulk, its items and the scroll are refused if the search finds a document
  headOnly: { cluster_permissions: [], index_permissions: [{ index_patterns: ['logs*'], allowed_actions: ['indices:data/write/delete/byquery', 'indices:data/read/search'] }] },
};
const check = (role: string, path: string, body: unknown = ALL) => checkPermission(offline, { method: 'POST', path, body }, {
  mode: 'local', pluginVersion: '2.19.4', roles: ROLES, subject: { name: 'u', roles: [role] }, ingestPipelines: false, clusterIndices: ['logs'], aliases: {},
});

test('slices=auto: search_shards on the sources after the REST action, before the search (dbq, ubq, reindex)', () => {
  assert.deepEqual(checksOf('/logs/_delete_by_query?slices=auto').slice(0, 3), ['indices:data/write/delete/byquery logs', `${SS} logs`, 'indices:data/read/search logs']);
  assert.deepEqual(checksOf('/logs/_update_by_query?conflicts=proceed&slices=auto').slice(0, 3), ['indices:data/write/update/byquery logs', `${SS} logs`, 'indices:data/read/search logs']);
  assert.deepEqual(checksOf('/_reindex?slices=auto', REINDEX).slice(0, 3), ['indices:data/write/reindex', `${SS} a,b`, 'indices:data/read/search a,b']);
  // read as the node reads the query: the last value wins
  assert.ok(checksOf('/logs/_delete_by_query?slices=2&slices=auto').includes(`${SS} logs`));
});

test('slices absent or a number: no search_shards; another value is the node\'s 400 before any check (not planned)', () => {
  for (const q of ['', '?slices=2', '?slices=1', '?slices=%2B3', '?slices=auto&slices=5']) assert.ok(!checksOf(`/logs/_delete_by_query${q}`).some((c) => c.startsWith(SS)), q);
  for (const q of ['AUTO', '0', '', '-1', '+3', 'abc', '2.5', '99999999999']) {
    const r = requiredPrivileges({ method: 'POST', path: `/logs/_delete_by_query?slices=${q}`, body: ALL });
    assert.equal(r.known, false, q);
    assert.match(r.known ? '' : r.reason, /slices/);
  }
});

test('wait_for_completion=false: the same checks as a waiting request, and a note about the 200 and the task', () => {
  for (const [path, body] of [['/logs/_delete_by_query', ALL], ['/logs/_update_by_query', ALL], ['/_reindex', REINDEX]] as const) {
    assert.deepEqual(checksOf(`${path}?wait_for_completion=false`, body), checksOf(path, body), path);
    assert.deepEqual(checksOf(`${path}?wait_for_completion=false&slices=auto`, body), checksOf(`${path}?slices=auto`, body), path);
    const plan = requestPlan({ method: 'POST', path: `${path}?wait_for_completion=false`, body });
    assert.ok(plan.known);
    assert.match(plan.plan.note ?? '', /200 and a task/);
    const waiting = requestPlan({ method: 'POST', path, body });
    assert.equal(waiting.known && waiting.plan.note, undefined);
  }
});

test('checkPermission: slices=auto refused for a crud role (search_shards missing), slices=2 allowed', async () => {
  for (const path of ['/logs/_delete_by_query?slices=auto', '/logs/_update_by_query?slices=auto&conflicts=proceed']) {
    const r = await check('crud', path);
    assert.equal(r.allowed, false, path);
    assert.deepEqual(r.missingPrivileges, [SS], path);
  }
  const two = await check('crud', '/logs/_delete_by_query?slices=2');
  assert.equal(two.allowed, true);
  assert.deepEqual(two.missingPrivileges, []);
});

test('checkPermission, wait_for_completion=false with a read-only role: refused (the operation), with the task note', async () => {
  const r = await check('read', '/logs/_delete_by_query?wait_for_completion=false');
  assert.equal(r.allowed, false);
  assert.ok(r.missingPrivileges.includes('indices:data/write/delete/byquery'));
  assert.match(r.reason ?? '', /wait_for_completion=false.*200 and a task/);
  // the REST action and the search granted: no longer true on the REST action alone, undecided as a waiting request is
  const head = await check('headOnly', '/logs/_delete_by_query?wait_for_completion=false');
  assert.equal(head.allowed, null);
  assert.match(head.reason ?? '', /finds a document.*200 and a task/);
  // a waiting request carries no note
  assert.doesNotMatch((await check('read', '/logs/_delete_by_query')).reason ?? '', /task/);
});

test('undecided on the documents found: the refused later checks are listed as conditionally missing', async () => {
  const r = await check('headOnly', '/logs/_delete_by_query?refresh=true');
  assert.equal(r.allowed, null);
  assert.deepEqual(r.missingPrivileges, []);
  const listed = (r.conditionallyMissing ?? []).map(line);
  for (const a of ['indices:data/write/bulk ?', 'indices:data/write/bulk[s] logs ?', 'indices:data/write/delete logs ?', 'indices:data/read/scroll ?', 'indices:admin/refresh logs ?']) {
    assert.ok(listed.includes(a), `${a} in ${listed.join('; ')}`);
  }
  assert.ok((r.conditionallyMissing ?? []).every((c) => /finds a document/.test(c.dependsOn ?? '')));
  // granted ones are not listed; an allowed request has none
  assert.ok(!listed.some((l) => l.startsWith('indices:data/read/search')));
  assert.equal((await check('crud', '/logs/_delete_by_query')).conditionallyMissing, undefined);
});
