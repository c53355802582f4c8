/**
 * checkPermission's local path on mget items the node fails before any privilege check (write-targets.ts
 * singleIndexItemFate, applied in local-judge.ts): undecided (`allowed: null`, a reason naming the item and why),
 * whether the role covers the name or not; an index or an alias over one open index stays decided; without the facts
 * (which indices exist, which are closed) a plain name is undecided. Measured live: test/integration/h239-item-failures.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission, type CheckPermissionClient } from '../../src/explain/check-permission.js';
import { indexAliasesFrom } from '../../src/fgac/aliases.js';

const client = { transport: { request: async (): Promise<never> => { throw new Error('nothing is sent'); } } } as unknown as CheckPermissionClient;
const role = (patterns: string[]): object => ({ cluster_permissions: ['indices:data/read/mget'], index_permissions: [{ index_patterns: patterns, allowed_actions: ['read'] }] });
const roles = { all: role(['*']), few: role(['a1']) } as never;
const aliases = indexAliasesFrom(
  { a1: { aliases: { two: {}, one: {} } }, a2: { aliases: { two: {} } } },
  { data_streams: [{ name: 'logs', indices: [{ index_name: '.ds-logs-000001' }] }] },
);
const facts = { clusterIndices: ['a1', 'a2', 'shut', '.ds-logs-000001'], closedIndices: ['shut'], aliases };
const mget = (index: string): { method: string; path: string; body: unknown } => ({ method: 'POST', path: '/_mget', body: { docs: [{ _index: index, _id: '1' }] } });
const as = (who: 'all' | 'few', extra: object = facts): Parameters<typeof checkPermission>[2] =>
  ({ roles, subject: { name: who, roles: [who] }, pluginVersion: '2.19.4', mode: 'local', ...extra });

describe('mget items the node fails before judging them', () => {
  for (const [index, why] of [
    ['two', /item naming two .*alias has 2 indices: illegal_argument_exception/],
    ['a*', /item naming a\* .*wildcard .*index_not_found/],
    ['logs', /item naming logs .*data stream: index_not_found/],
    ['shut', /item naming shut .*shut is closed: index_closed_exception/],
    ['zz', /item naming zz .*no such index: index_not_found/],
    ['%3Ca1%3E', /item naming %3Ca1%3E .*no such index/],
    // review 240: an item's name is not split at commas (one missing name), and `_all` resolves to no index (source)
    ['a1,a2', /item naming a1,a2 .*no such index: index_not_found/],
    ['_all', /item naming _all .*not measured/],
  ] as const) {
    test(`${index}: null for a role covering it and for one that does not`, async () => {
      for (const who of ['all', 'few'] as const) {
        const r = await checkPermission(client, mget(index), as(who));
        assert.deepEqual([r.allowed, r.missingPrivileges], [null, []], `${who}: ${r.reason ?? ''}`);
        assert.match(r.reason ?? '', why);
      }
    });
  }

  test('an index, an alias over one index, a backing index and a date-math name of one stay decided', async () => {
    for (const index of ['a1', 'one', '<a1>']) {
      assert.equal((await checkPermission(client, mget(index), as('all'))).allowed, true, index);
      assert.equal((await checkPermission(client, mget(index), as('few'))).allowed, true, `${index}: mget[shard] is judged on the concrete index a1`);
    }
    assert.equal((await checkPermission(client, mget('.ds-logs-000001'), as('all'))).allowed, true);
    const refused = await checkPermission(client, mget('a2'), as('few'));
    assert.deepEqual([refused.allowed, refused.missingPrivileges], [false, ['indices:data/read/mget[shard]']]);
  });

  test('the path index of an mget without docs is an item too; one failing item with another surely refused is false', async () => {
    const r = await checkPermission(client, { method: 'POST', path: '/two/_mget', body: { ids: ['1'] } }, as('all'));
    assert.equal(r.allowed, null);
    const mixed = await checkPermission(client, { method: 'POST', path: '/_mget', body: { docs: [{ _index: 'zz', _id: '1' }, { _index: 'a2', _id: '1' }] } }, as('few'));
    assert.deepEqual([mixed.allowed, mixed.missingPrivileges], [false, ['indices:data/read/mget[shard]']]);
  });

  test('without the facts a plain name is undecided, naming what to pass', async () => {
    const bare = await checkPermission(client, mget('a1'), as('all', {}));
    assert.equal(bare.allowed, null);
    assert.match(bare.reason ?? '', /whether a1 exists is not known \(pass options\.clusterIndices, or admin\)/);
    const noClosed = await checkPermission(client, mget('a1'), as('all', { clusterIndices: ['a1'] }));
    assert.match(noClosed.reason ?? '', /whether a1 is closed is not known \(pass options\.closedIndices, or admin\)/);
    const copied = await checkPermission(client, mget('logs'), as('all', { ...facts, aliases: { ...aliases } }));
    assert.match(copied.reason ?? '', /whether logs is a data stream is not known/);
  });
});
