/**
 * Bulk items the node fails before any shard-level (`bulk[s]`) check, whatever the roles say (measured on 2.19.4 and
 * 3.4.0: test/integration/h241-bulk-item-fates.test.ts): an index, update or delete op on a data stream (only op_type
 * create), a create with a custom routing on one, a create on a backing index, an index op on one without
 * if_seq_no/if_primary_term, a closed index, an alias without write index, require_alias on an index, a missing pipeline.
 * Such an item is undecided (`allowed: null`, the reason naming the item), as an mget item's is; at HEAD a role not
 * covering the name answered false (missing bulk[s]) and one covering it, or a closed index / alias without write index,
 * true. Another item's certain refusal still makes the request false; the request's other items are not changed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission, type CheckPermissionClient } from '../../src/explain/check-permission.js';
import { requestPlan } from '../../src/explain/request-actions.js';
import { bulkItemFate } from '../../src/explain/write-targets.js';
import { dataStreamFact, indexAliasesFrom } from '../../src/fgac/aliases.js';
import type { PermissionRoles } from '../../src/explain/types.js';

const caller = { transport: { request: async () => { throw new Error('the caller is not asked'); } } } as unknown as CheckPermissionClient;
const BACKING = '.ds-logs-000001';
/** `logs` a data stream (marked as read from GET _data_stream), `two` an alias over a and b (no write index). */
const ALIASES = indexAliasesFrom(
  { [BACKING]: { aliases: {} }, a: { aliases: { two: {} } }, b: { aliases: { two: {} } } },
  { data_streams: [{ name: 'logs', indices: [{ index_name: BACKING }] }] },
);
// the table as GET _alias gives it has no entry for the stream: add it as readDefinitions' table holds it
const TABLE = indexAliasesFrom(
  { [BACKING]: { aliases: { logs: {} } }, a: { aliases: { two: {} } }, b: { aliases: { two: {} } } },
  { data_streams: [{ name: 'logs', indices: [{ index_name: BACKING }] }] },
);
const CLUSTER = ['a', 'b', 'c', 'shut', BACKING];
const write = (patterns: string[]): PermissionRoles[string] => ({
  cluster_permissions: ['indices:data/write/bulk'],
  index_permissions: [{ index_patterns: patterns, allowed_actions: ['indices_all'] }],
} as PermissionRoles[string]);
const ROLES: PermissionRoles = {
  all: write(['*', '.ds-*']), onlyA: write(['a']),
  noDelete: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: ['*'], allowed_actions: ['indices:data/write/index', 'indices:data/write/bulk*', 'indices:admin/create', 'indices:admin/mapping/put'] }] } as PermissionRoles[string],
};
const ndjson = (...lines: unknown[]): string => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
const bulk = (role: string, body: string, extra: Record<string, unknown> = {}) => checkPermission(caller, { method: 'POST', path: '/_bulk', body }, {
  mode: 'local', pluginVersion: '2.19.4', roles: ROLES, aliases: TABLE, clusterIndices: CLUSTER, closedIndices: ['shut'],
  autoCreateIndex: true, ingestPipelines: false, subject: { name: 'u', roles: [role] }, ...extra,
});
const doc = { '@timestamp': '2026-12-08T00:00:00Z', n: 1 };
const isStream = (name: string): boolean | undefined => dataStreamFact(TABLE, name);

describe('bulkItemFate: a data stream takes create only, its backing indices refuse create and an index op without cas', () => {
  test('on the stream', () => {
    for (const op of ['index', 'update', 'delete'] as const) assert.equal(bulkItemFate('logs', { op }, TABLE, isStream, 0).fails, 'yes', op);
    assert.equal(bulkItemFate('logs', { op: 'index', create: true }, TABLE, isStream, 0).fails, 'no');
    assert.equal(bulkItemFate('logs', { op: 'index', create: true, routing: 'r' }, TABLE, isStream, 0).fails, 'yes');
    assert.equal(bulkItemFate('logs', { op: 'index', create: true, routing: '' }, TABLE, isStream, 0).fails, 'unknown');
  });
  test('on a backing index named directly', () => {
    assert.equal(bulkItemFate(BACKING, { op: 'index', create: true }, TABLE, isStream, 0).fails, 'yes');
    assert.equal(bulkItemFate(BACKING, { op: 'index' }, TABLE, isStream, 0).fails, 'yes');
    assert.equal(bulkItemFate(BACKING, { op: 'index', cas: { seqNo: 0, primaryTerm: 1 } }, TABLE, isStream, 0).fails, 'no');
    for (const op of ['update', 'delete'] as const) assert.equal(bulkItemFate(BACKING, { op }, TABLE, isStream, 0).fails, 'no', op);
  });
  test('facts not known: undecided; an index of no stream: passes', () => {
    assert.equal(bulkItemFate(BACKING, { op: 'index' }, undefined, () => false, 0).fails, 'unknown', 'no table: a .ds- index may be a backing index');
    assert.equal(bulkItemFate('a', { op: 'index' }, undefined, () => false, 0).fails, 'no');
    const unmarked = { logs: [BACKING] };
    assert.equal(bulkItemFate('logs', { op: 'index' }, unmarked, (n) => dataStreamFact(unmarked, n), 0).fails, 'unknown', 'the table lost its stream marker');
    assert.equal(bulkItemFate(BACKING, { op: 'index' }, unmarked, (n) => dataStreamFact(unmarked, n), 0).fails, 'unknown');
    assert.equal(bulkItemFate('a', { op: 'index' }, TABLE, isStream, 0).fails, 'no');
    assert.equal(bulkItemFate('<logs-{now/q}>', { op: 'index' }, TABLE, isStream, 0).fails, 'unknown', 'a date-math name not resolved');
    assert.ok(ALIASES !== undefined);
  });
});

describe('WriteItem keeps create vs index, the compare-and-set pair and the routing of a bulk item', () => {
  test('a create action, an index with op_type create, if_seq_no/if_primary_term, routing (the line\'s, else ?routing)', () => {
    const plan = requestPlan({ method: 'POST', path: '/_bulk?routing=g', body: ndjson(
      { create: { _index: 'logs' } }, doc, { index: { _index: 'logs', op_type: 'create', routing: 'r' } }, doc,
      { index: { _index: BACKING, _id: '1', if_seq_no: 3, if_primary_term: 1 } }, doc, { delete: { _index: 'a', _id: '1' } },
    ) });
    assert.ok(plan.known);
    const w = plan.plan.writes.map((x) => [x.op, x.create, x.cas, x.routing]);
    assert.deepEqual(w, [['index', true, undefined, 'g'], ['index', true, undefined, 'r'], ['index', undefined, { seqNo: 3, primaryTerm: 1 }, 'g'], ['delete', undefined, undefined, 'g']]);
  });
});

describe('checkPermission: a bulk item the node fails before bulk[s] is undecided, naming the item', () => {
  const FAILING: Array<[string, string, RegExp]> = [
    ['index op on a data stream', ndjson({ index: { _index: 'logs' } }, doc), /bulk item 0 \(logs\) .*op_type create/],
    ['update on a data stream', ndjson({ update: { _index: 'logs', _id: '1' } }, { doc: { n: 2 } }), /bulk item 0 \(logs\) .*op_type create/],
    ['delete on a data stream', ndjson({ delete: { _index: 'logs', _id: '1' } }), /bulk item 0 \(logs\) .*op_type create/],
    ['create with routing on a data stream', ndjson({ create: { _index: 'logs', routing: 'r' } }, doc), /bulk item 0 \(logs\) .*custom routing/],
    ['create on a backing index', ndjson({ create: { _index: BACKING } }, doc), /bulk item 0 \(\.ds-logs-000001\) .*refuses op_type create/],
    ['index without cas on a backing index', ndjson({ index: { _index: BACKING, _id: '1' } }, doc), /bulk item 0 \(\.ds-logs-000001\) .*if_seq_no/],
    ['a closed index', ndjson({ index: { _index: 'shut', _id: '1' } }, { n: 1 }), /bulk item 0 \(shut\) .*closed/],
    // given as options.aliases without admin, which index two writes to is not known: undecided too
    ['an alias without write index', ndjson({ delete: { _index: 'two', _id: '1' } }), /bulk item 0 \(two\) .*write index/],
    ['require_alias on an index', ndjson({ index: { _index: 'c', _id: '1', require_alias: true } }, { n: 1 }), /bulk item 0 \(c\) .*require_alias/],
  ];
  for (const [what, body, why] of FAILING) {
    test(`${what}: null for a role covering it (old: true or false) and for one that does not (old: false)`, async () => {
      for (const role of ['all', 'onlyA']) {
        const r = await bulk(role, body);
        assert.deepEqual([r.allowed, r.missingPrivileges], [null, []], `${role}: ${r.reason ?? ''}`);
        assert.match(r.reason ?? '', why, role);
      }
    });
  }

  test('controls: a create on the stream, a cas index on a backing index, an update on one stay decided', async () => {
    for (const body of [ndjson({ create: { _index: 'logs' } }, doc), ndjson({ index: { _index: 'logs', op_type: 'create' } }, doc),
      ndjson({ index: { _index: BACKING, _id: '1', if_seq_no: 0, if_primary_term: 1 } }, doc), ndjson({ update: { _index: BACKING, _id: '1' } }, { doc: { n: 2 } })]) {
      assert.deepEqual([(await bulk('all', body)).allowed, (await bulk('onlyA', body)).missingPrivileges], [true, ['indices:data/write/bulk[s]', (body.includes('update') ? 'indices:data/write/update' : 'indices:data/write/index')]], body);
    }
  });

  test('another item: its own verdict stands (a certain refusal: false; granted: the request is null for the failing one)', async () => {
    const refusedB = ndjson({ index: { _index: 'logs' } }, doc, { index: { _index: 'b', _id: '1' } }, { n: 1 });
    const r = await bulk('onlyA', refusedB);
    assert.deepEqual([r.allowed, r.missingPrivileges], [false, ['indices:data/write/bulk[s]', 'indices:data/write/index']]);
    assert.ok(r.checks.some((c) => c.item === 1 && !c.granted && c.explanation.undecided === undefined), 'item 1 refused for certain');
    const grantedA = ndjson({ index: { _index: 'logs' } }, doc, { index: { _index: 'a', _id: '1' } }, { n: 1 });
    const g = await bulk('onlyA', grantedA);
    assert.equal(g.allowed, null);
    assert.ok(g.checks.filter((c) => c.item === 1).every((c) => c.granted), 'item 1 granted');
    assert.doesNotMatch(g.reason ?? '', /bulk item 1/);
  });

  test('without the closed indices (no admin, no closedIndices) an item on an existing index is undecided; with them decided', async () => {
    const body = ndjson({ index: { _index: 'a', _id: '1' } }, { n: 1 });
    const bare = await bulk('all', body, { closedIndices: undefined });
    assert.equal(bare.allowed, null);
    assert.match(bare.reason ?? '', /whether the node fails bulk item 0 \(a\) before its shard-level checks: whether the index a writes to is open/);
    assert.equal((await bulk('all', body)).allowed, true);
  });
});

describe('a bulk delete on a name another item creates reaches its shard level (created before any item goes there)', () => {
  test('judged: refused for a role without delete (old: no check for it, true), granted for one with it', async () => {
    for (const body of [ndjson({ index: { _index: 'fresh', _id: '1' } }, { n: 1 }, { delete: { _index: 'fresh', _id: 'z' } }),
      ndjson({ delete: { _index: 'fresh', _id: 'z' } }, { index: { _index: 'fresh', _id: '1' } }, { n: 1 })]) {
      const refused = await bulk('noDelete', body);
      assert.deepEqual([refused.allowed, refused.missingPrivileges], [false, ['indices:data/write/delete']], body);
      const granted = await bulk('all', body);
      assert.equal(granted.allowed, true, `${body}: ${granted.reason ?? ''}`);
    }
  });
  test('a delete alone on a missing name still fails before its shard level: undecided', async () => {
    const r = await bulk('noDelete', ndjson({ delete: { _index: 'fresh', _id: 'z' } }));
    assert.equal(r.allowed, null);
    assert.match(r.reason ?? '', /bulk item 0 \(fresh\) before its shard-level checks: no such index/);
  });
});
