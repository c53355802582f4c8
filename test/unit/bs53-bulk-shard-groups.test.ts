/**
 * checkPermission's answer for each bulk item when items share a shard request (src/explain/bulk-shards.ts; measured
 * on 2.19.4 and 3.4.0 in test/integration/bs53-bulk-shard-groups.test.ts): the plugin judges a shard request once,
 * for all its items' actions on all their names, so one refused item fails every item on the same shard of the same
 * concrete index, whatever name it used; items on other indices are judged apart. Where the SDK cannot know the
 * grouping (several primary shards, shard counts not read, an alias's write index not known) the sharing items'
 * answer is undecided, never a certain grant. A refused auto-creation fails every item written to the name. The admin client is a stub answering the reads.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission, type CheckPermissionClient, type CheckPermissionOptions, type PermissionCheck } from '../../src/explain/check-permission.js';
import type { PermissionRoles } from '../../src/explain/types.js';

const caller = { transport: { request: async () => { throw new Error('the caller is not asked'); } } } as unknown as CheckPermissionClient;
type Answers = Record<string, [number, unknown]>;

function admin(answers: Answers): CheckPermissionClient {
  return {
    transport: {
      request: async ({ path }: { path: string }) => {
        const answer = answers[path.split('?')[0] ?? ''];
        if (answer === undefined) throw Object.assign(new Error(`unexpected ${path}`), { meta: { statusCode: 500, body: {} } });
        if (answer[0] >= 400) throw Object.assign(new Error(`${answer[0]}`), { meta: { statusCode: answer[0], body: answer[1] } });
        return { statusCode: answer[0], body: answer[1] };
      },
    },
  } as unknown as CheckPermissionClient;
}

const shards = (index: string, n: number): Answers => ({ [`/${index}/_settings/index.number_of_shards`]: [200, { [index]: { settings: { 'index.number_of_shards': String(n) } } }] });
const BASE: Answers = {
  '/_plugins/_security/api/securityconfig': [200, { config: { dynamic: { do_not_fail_on_forbidden: false } } }],
  '/_cluster/settings': [200, { persistent: {}, transient: {}, defaults: { 'action.auto_create_index': 'true' } }],
  '/_ingest/pipeline': [404, {}],
  '/_settings/index.default_pipeline,index.final_pipeline': [200, {}],
  '/_index_template': [200, { index_templates: [] }],
  '/_template': [200, {}],
  '/_cat/indices': [200, [{ index: 'a', status: 'open' }, { index: 'b', status: 'open' }]],
  '/_alias/al': [200, { a: { aliases: { al: { is_write_index: true } } } }],
  ...shards('a', 1), ...shards('b', 1),
};
const BULK = ['indices:data/write/bulk*', 'indices:admin/mapping/put'];
const ROLES: PermissionRoles = {
  noDelete: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: ['*'], allowed_actions: [...BULK, 'indices:data/write/index'] }] },
  concrete: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: ['a', 'b'], allowed_actions: [...BULK, 'crud'] }] },
};

const nd = (lines: unknown[]): string => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
const ix = (index: string, id = '1'): unknown[] => [{ index: { _index: index, _id: id } }, {}];
const del = (index: string, id = '2'): unknown[] => [{ delete: { _index: index, _id: id } }];

const bulk = (role: string, lines: unknown[], answers: Answers = {}, extra: Partial<CheckPermissionOptions> = {}): Promise<PermissionCheck> =>
  checkPermission(caller, { method: 'POST', path: '/_bulk', body: nd(lines) }, {
    mode: 'local', pluginVersion: '2.19.4', roles: ROLES, actionGroups: {}, aliases: { al: ['a'] }, clusterIndices: ['a', 'b'],
    subject: { name: 'u', roles: [role] }, ingestPipelines: false, admin: admin({ ...BASE, ...answers }), ...extra,
  });

/** The answer for bulk item `i`: refused (certain), granted, or undecided. */
function answerFor(check: PermissionCheck, i: number): 'refused' | 'granted' | 'undecided' {
  const mine = check.checks.filter((c) => c.item === i || (c.sharedWith ?? []).includes(i));
  assert.ok(mine.length > 0, `item ${i} has checks`);
  if (mine.some((c) => !c.granted && c.dependsOn === undefined && c.explanation.undecided === undefined)) return 'refused';
  return mine.some((c) => !c.granted || c.afterPipeline !== undefined) ? 'undecided' : 'granted';
}
const answers = (check: PermissionCheck, n: number): string[] => Array.from({ length: n }, (_, i) => answerFor(check, i));

describe('bulk items sharing a shard request are answered together', () => {
  test('a refused delete fails the index item on the same one-shard index, and names the action', async () => {
    const r = await bulk('noDelete', [...ix('a'), ...del('a')]);
    assert.deepEqual(answers(r, 2), ['refused', 'refused']);
    const why = r.checks.find((c) => c.item === 0 && !c.granted);
    assert.deepEqual([why?.action, why?.indices, why?.sharedWith], ['indices:data/write/delete', ['a'], [1]]);
    assert.deepEqual([r.allowed, r.missingPrivileges], [false, ['indices:data/write/delete']]);
  });

  test('items on another concrete index stay independent', async () => {
    const r = await bulk('noDelete', [...ix('a'), ...del('b')]);
    assert.deepEqual(answers(r, 2), ['granted', 'refused']);
  });

  test('an alias, a date-math name and the index itself share the index\'s shard request', async () => {
    assert.deepEqual(answers(await bulk('noDelete', [...ix('al'), ...del('a')]), 2), ['refused', 'refused']);
    assert.deepEqual(answers(await bulk('noDelete', [...ix('<al>'), ...del('a'), ...ix('b')]), 3), ['refused', 'refused', 'granted']);
    // each alone is granted; together the date-math name makes the plugin judge the alias by its name
    assert.deepEqual(answers(await bulk('concrete', [...ix('<a>')]), 1), ['granted']);
    assert.deepEqual(answers(await bulk('concrete', [...ix('al')]), 1), ['granted']);
    assert.deepEqual(answers(await bulk('concrete', [...ix('<a>'), ...ix('al')]), 2), ['refused', 'refused']);
  });

  test('several primary shards, or shard counts not read: undecided for the sharing items, never a certain grant', async () => {
    const two = await bulk('noDelete', [...ix('a'), ...del('a')], shards('a', 2));
    assert.deepEqual(answers(two, 2), ['undecided', 'refused']);
    assert.match(two.checks.find((c) => c.item === 0 && !c.granted)?.dependsOn ?? '', /2 primary shards/);
    assert.equal(two.allowed, false);
    const unread = await bulk('noDelete', [...ix('a'), ...del('a')], { '/a/_settings/index.number_of_shards': [403, {}] });
    assert.deepEqual(answers(unread, 2), ['undecided', 'refused']);
    const noAdmin = await bulk('noDelete', [...ix('a'), ...del('a')], {}, { admin: undefined, autoCreateIndex: true });
    // without admin the delete's own check is in doubt too (whether the index is open)
    assert.equal(answerFor(noAdmin, 0), 'undecided');
  });

  test('a refused auto-creation fails every item on the name, not only the first', async () => {
    // nobody may create: the index item creates `c`, the delete before it on the same name fails with it
    const r = await bulk('noDelete', [...del('c'), ...ix('c'), ...ix('c', '2'), ...ix('a')]);
    assert.deepEqual(answers(r, 4), ['refused', 'refused', 'refused', 'granted']);
    // made once, by the item that creates the index, for the others too
    assert.deepEqual(r.checks.filter((c) => c.action === 'indices:admin/create').map((c) => [c.item, c.sharedWith]), [[1, [0, 2]]]);
  });

  test('an alias whose write index is not known may share the index\'s shard request', async () => {
    const r = await bulk('noDelete', [...ix('al'), ...del('a')], { '/_alias/al': [500, {}] });
    assert.equal(answerFor(r, 0), 'undecided');
    // whether it fails before its shard request (no write index: 400) is not known either: undecided whatever its checks say (h241)
    assert.match(r.checks.find((c) => c.item === 0 && !c.granted)?.explanation.undecided?.join() ?? '', /whether the node fails bulk item 0 \(al\) before its shard-level checks: which index al writes to/);
    assert.match(r.checks.find((c) => c.item === 1 && !c.granted && c.sharedWith !== undefined)?.dependsOn ?? '', /whether bulk items 1 and 0 go to the same shard request/);
  });
});
