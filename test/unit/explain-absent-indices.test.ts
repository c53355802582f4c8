/**
 * What the plugin checks when a request names an index the cluster does not have (found by the generated differential
 * test/integration/permission-differential.test.ts against 2.19.4; rules read in IndexResolverReplacer and
 * TransportBulkAction, the same at 2.19.4.0 and 3.4.0.0):
 * - a write to a missing index auto-creates it, which the plugin checks as `indices:admin/create` on the name
 *   (before the shard-level bulk[s]); a delete on a missing index fails with index_not_found before any shard check;
 * - one missing plain name among the requested ones makes the plugin judge every name as written: a wildcard
 *   expression as the literal string, an alias by its own name, not by what they resolve to.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission, type CheckPermissionClient } from '../../src/explain/check-permission.js';
import { explainPermission } from '../../src/explain/permission.js';
import { requestPlan, requiredPrivileges } from '../../src/explain/request-actions.js';
import { expandPlan } from '../../src/explain/write-plan.js';
import type { PermissionRoles } from '../../src/explain/types.js';
import { rng } from '../domain/seed-data.js';

/** A client the local path never calls (version, subject, roles and the cluster's indices are given). */
const offline = { transport: { request: async () => { throw new Error('no request expected'); } } } as unknown as CheckPermissionClient;

const ROLES: PermissionRoles = {
  writer: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['write'] }] },
  creator: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['write', 'create_index'] }] },
  deleter: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['indices:data/write/delete'] }] },
  regex: { index_permissions: [{ index_patterns: ['/logs-[0-9]+/', 'gone*'], allowed_actions: ['read'] }] },
  members: { index_permissions: [{ index_patterns: ['logs-1', 'logs-2', 'gone*'], allowed_actions: ['read'] }] },
};
const CLUSTER = ['logs-1', 'logs-2', 'other'];
const ALIASES = { 'logs-alias': ['logs-1', 'logs-2'] };

/** An admin client that answers only `_cat/indices` (every index of CLUSTER open). */
const openAdmin = { transport: { request: async (p: { path: string }) => {
  if (p.path !== '/_cat/indices') throw new Error(`no request to ${p.path} expected`);
  return { statusCode: 200, body: CLUSTER.map((index) => ({ index, status: 'open' })) };
} } } as unknown as CheckPermissionClient;

/** `clusterIndices` null: not given (the caller does not know the cluster's indices). */
const check = (role: string, method: string, path: string, body?: unknown, clusterIndices: readonly string[] | null = CLUSTER, admin?: CheckPermissionClient) => checkPermission(offline, { method, path, ...(body !== undefined ? { body } : {}) }, {
  // no index or template names an ingest pipeline (without admin it could not be read)
  mode: 'local', pluginVersion: '2.19.4', roles: ROLES, aliases: ALIASES, subject: { name: 'u', roles: [role] }, autoCreateIndex: true, ingestPipelines: false, ...(clusterIndices !== null ? { clusterIndices } : {}),
  ...(admin !== undefined ? { admin, actionGroups: {} } : {}),
});

/** A refusal that rests on bulk[s] of an existing index: undecided without knowing it is open, refused when it is. */
async function refusedWhenOpen(role: string, method: string, path: string, body?: unknown): Promise<void> {
  const unknown = await check(role, method, path, body);
  assert.equal(unknown.allowed, null, 'a closed index fails the write with 400 before bulk[s]: open or not is read with admin');
  assert.match(unknown.reason ?? '', /is open/);
  const open = await check(role, method, path, body, CLUSTER, openAdmin);
  assert.deepEqual([open.allowed, open.missingPrivileges], [false, ['indices:data/write/bulk[s]']]);
}

describe('a write to an index the cluster does not have', () => {
  test('is an auto-create: indices:admin/create on the name, checked before bulk[s]', async () => {
    const refused = await check('writer', 'PUT', '/logs-new/_doc/1', { a: 1 });
    assert.equal(refused.allowed, false);
    assert.deepEqual(refused.missingPrivileges, ['indices:admin/create']);
    assert.deepEqual(refused.checks.map((c) => c.action), [
      'indices:data/write/index', 'indices:data/write/bulk', 'indices:admin/create', 'indices:data/write/bulk[s]', 'indices:data/write/index', 'indices:admin/mapping/put',
    ]);
    assert.equal((await check('creator', 'PUT', '/logs-new/_doc/1', { a: 1 })).allowed, true);
    assert.equal((await check('writer', 'PUT', '/logs-1/_doc/1', { a: 1 })).allowed, true, 'an existing index is not created');
    const unknown = await check('writer', 'PUT', '/logs-new/_doc/1', { a: 1 }, null);
    assert.equal(unknown.allowed, null, 'without the cluster\'s indices whether logs-new is created is unknown');
    assert.match(unknown.reason ?? '', /indices:admin\/create on logs-new .*whether logs-new exists/);
  });

  test('in a bulk: each missing index written by a non-delete item is created once; delete items on one need no shard check', async () => {
    const body = `${JSON.stringify({ index: { _index: 'logs-new' } })}\n{"a":1}\n${JSON.stringify({ create: { _index: 'logs-new' } })}\n{"a":2}\n`;
    const refused = await check('writer', 'POST', '/_bulk', body);
    assert.deepEqual([refused.allowed, refused.missingPrivileges], [false, ['indices:admin/create']]);
    assert.equal(refused.checks.filter((c) => c.action === 'indices:admin/create').length, 1);
    assert.equal((await check('creator', 'POST', '/_bulk', body)).allowed, true);
    const deletes = `${JSON.stringify({ delete: { _index: 'logs-new', _id: '1' } })}\n`;
    // the item fails with index_not_found before its shard-level checks, not 403: undecided, as an mget item's (h241)
    const missing = await check('deleter', 'POST', '/_bulk', deletes);
    assert.equal(missing.allowed, null, 'the item fails with index_not_found, not 403');
    assert.match(missing.reason ?? '', /the node fails bulk item 0 \(logs-new\) before its shard-level checks: no such index/);
    await refusedWhenOpen('deleter', 'POST', '/_bulk', `${JSON.stringify({ delete: { _index: 'logs-1', _id: '1' } })}\n`);
  });

  test('a single delete on a missing index: the delete and bulk actions are checked, no shard-level action', async () => {
    const missing = await check('deleter', 'DELETE', '/logs-new/_doc/1');
    assert.equal(missing.allowed, true);
    assert.deepEqual(missing.checks.map((c) => c.action), ['indices:data/write/delete', 'indices:data/write/bulk']);
    await refusedWhenOpen('deleter', 'DELETE', '/logs-1/_doc/1');
  });

  test('when existence is unknown the checks it decides carry dependsOn; requiredPrivileges assumes the index exists', () => {
    const put = requestPlan({ method: 'PUT', path: '/x/_doc/1', body: {} });
    assert.ok(put.known);
    const unknown = { known: false as const, why: 'whether x exists' };
    const expanded = expandPlan(put.plan, { exists: () => unknown, isAlias: () => unknown, autoCreates: () => ({ known: true, value: true }), mappings: false });
    assert.deepEqual(expanded.checks.map((c) => [c.action, c.dependsOn ?? null]), [
      ['indices:data/write/index', null], ['indices:data/write/bulk', null], ['indices:admin/create', 'whether x exists'],
      ['indices:data/write/bulk[s]', null], ['indices:data/write/index', null],
    ], 'auto-create on: the shard-level checks are made either way');
    const plain = requiredPrivileges({ method: 'PUT', path: '/x/_doc/1', body: {} });
    assert.ok(plain.known);
    assert.deepEqual(plain.checks.map((c) => c.action), ['indices:data/write/index', 'indices:data/write/bulk', 'indices:data/write/bulk[s]', 'indices:data/write/index']);
  });
});

describe('a request naming an index the cluster does not have: every name judged as written', () => {
  const explain = (role: string, index: string, clusterIndices: readonly string[] | null = CLUSTER, pluginVersion = '2.19.4') =>
    explainPermission(ROLES, undefined, { action: 'indices:data/read/search', index, user: { name: 'u', roles: [role] }, aliases: ALIASES, pluginVersion, ...(clusterIndices !== null ? { clusterIndices } : {}) });

  for (const version of ['2.19.4', '3.4.0']) {
    test(`a wildcard expression is matched as the literal string, an alias by its own name (${version})`, () => {
      // without the missing name both resolve: logs-* to logs-1, logs-2 (covered by the regex)
      assert.equal(explain('regex', 'logs-*', CLUSTER, version).granted, true);
      const literal = explain('regex', 'logs-*,gone-1', CLUSTER, version);
      assert.deepEqual([literal.granted, literal.indices, literal.uncoveredIndices], [false, ['logs-*', 'gone-1'], ['logs-*']]);
      assert.equal(explain('members', 'logs-alias', CLUSTER, version).granted, true, 'the alias resolves to its covered members');
      const alias = explain('members', 'logs-alias,gone-1', CLUSTER, version);
      assert.deepEqual([alias.granted, alias.uncoveredIndices], [false, ['logs-alias']]);
    });
  }

  test('without the cluster\'s indices, or with every name present, the names resolve as before', () => {
    assert.equal(explain('members', 'logs-alias,gone-1', null).granted, false);
    assert.equal(explain('members', 'logs-alias,logs-2').granted, true);
    assert.equal(explain('regex', 'logs-*,other').granted, false, 'other is not covered');
    assert.deepEqual(explain('regex', 'logs-*,other').uncoveredIndices, ['other']);
  });

  test('seeded: with one absent plain name the indices are the names as given; with none, wildcards and aliases are expanded', () => {
    const random = rng(3919);
    const pool = ['logs-*', 'logs-alias', 'logs-1', 'other', 'o*', 'gone-1', 'gone-2', '*'];
    let absentCases = 0;
    for (let n = 0; n < 300; n++) {
      const names = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pool[Math.floor(random() * pool.length)] as string))];
      const e = explain('members', names.join(','));
      if (names.some((x) => x.startsWith('gone'))) {
        absentCases++;
        assert.deepEqual(e.indices, names, names.join(','));
      } else {
        assert.ok(e.indices?.every((i) => CLUSTER.includes(i)), `${names.join(',')}: ${String(e.indices)}`);
      }
    }
    assert.ok(absentCases > 50 && absentCases < 250);
  });
});

describe('requests on every index that the request table left unknown', () => {
  test('_all as the index list, GET /_mapping and GET /_settings are the index-level checks on every index', () => {
    const cases: Array<[string, string, string]> = [
      ['GET', '/_all/_count', 'indices:data/read/search'],
      ['POST', '/_all/_search', 'indices:data/read/search'],
      ['GET', '/_all/_mapping', 'indices:admin/mappings/get'],
      ['GET', '/_mapping', 'indices:admin/mappings/get'],
      ['GET', '/_settings', 'indices:monitor/settings/get'],
    ];
    for (const [method, path, action] of cases) {
      const p = requiredPrivileges({ method, path });
      assert.ok(p.known, `${method} ${path}`);
      const [only] = p.checks;
      assert.equal(p.checks.length, 1);
      assert.equal(only?.action, action, path);
      assert.ok(only?.indices?.[0] === '*' || only?.indices?.[0] === '_all', path);
      const e = explainPermission(ROLES, undefined, { action, index: only?.indices ?? [], user: { name: 'u', roles: ['members'] }, clusterIndices: CLUSTER });
      assert.deepEqual([e.indices, e.granted], [CLUSTER, false], `${path}: every index of the cluster is judged, other is not covered`);
    }
  });
});
