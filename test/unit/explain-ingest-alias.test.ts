/**
 * checkPermission's local path on writes through ingest pipelines and aliases, each case as the real 2.19.4 node
 * answered it (test/integration/permission-ingest-alias.test.ts) or as OpenSearch's IngestService reads (a pipeline
 * with processors, which that node cannot run): a missing pipeline (requested, the index's default or final, a
 * template's) fails the write after the top-level checks and before index creation and bulk[s]; one without
 * processors changes nothing; one with processors leaves the verdict undecided unless a top-level check is refused;
 * an alias without a write index fails the write before bulk[s]; the mapping update names the alias's write index.
 * The admin client is a stub answering the reads.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission, type CheckPermissionClient, type CheckPermissionOptions } from '../../src/explain/check-permission.js';
import { requiredPrivileges } from '../../src/explain/request-actions.js';
import type { PermissionRoles } from '../../src/explain/types.js';
import { resolveDateMath } from '../../src/fgac/date-math.js';

const caller = { transport: { request: async () => { throw new Error('the caller is not asked'); } } } as unknown as CheckPermissionClient;

type Answers = Record<string, [number, unknown]>;

function admin(answers: Answers, seen: string[] = []): CheckPermissionClient {
  return {
    transport: {
      request: async ({ path }: { path: string }) => {
        seen.push(path);
        const answer = answers[path.split('?')[0] ?? ''];
        if (answer === undefined) throw Object.assign(new Error(`unexpected ${path}`), { meta: { statusCode: 500, body: {} } });
        const [status, body] = answer;
        if (status >= 400) throw Object.assign(new Error(`${status}`), { meta: { statusCode: status, body } });
        return { statusCode: status, body };
      },
    },
  } as unknown as CheckPermissionClient;
}

const SETTINGS = '/_settings/index.default_pipeline,index.final_pipeline';
const today = resolveDateMath('<logs-{now/d}>');
/** Today's index of `<logs-{now/d}>` (it exists, with a missing default pipeline). */
const TODAY = today.kind === 'resolved' ? today.name : 'logs-unresolved';
const mapping = { mappings: { properties: { n: { type: 'integer' } } } };
const BASE: Answers = {
  '/_plugins/_security/api/securityconfig': [200, { config: { dynamic: {} } }],
  '/_plugins/_security/api/roles': [200, {}],
  '/_cluster/settings': [200, { persistent: {}, transient: {}, defaults: { 'action.auto_create_index': 'true' } }],
  '/_cat/indices': [200, ['plain', 'defmiss', 'finmiss', 'procs', 'a', 'b', 'c', TODAY].map((index) => ({ index, status: 'open' }))],
  '/_ingest/pipeline': [200, { empty: { processors: [] }, setter: { processors: [{ set: { field: '_index', value: 'elsewhere' } }] } }],
  [SETTINGS]: [200, {
    defmiss: { settings: { 'index.default_pipeline': 'missing' } },
    finmiss: { settings: { 'index.default_pipeline': 'empty', 'index.final_pipeline': 'missing' } },
    procs: { settings: { 'index.default_pipeline': 'setter' } },
    [TODAY]: { settings: { 'index.default_pipeline': 'missing' } },
  }],
  '/_index_template': [200, { index_templates: [
    { name: 'tdef', index_template: { index_patterns: ['tdef-*'], priority: 10, template: { settings: { index: { default_pipeline: 'missing' } } } } },
    { name: 'tcomp', index_template: { index_patterns: ['tcomp-*'], priority: 10, composed_of: ['ct'], template: { settings: { index: { number_of_replicas: '0' } } } } },
    { name: 'tok', index_template: { index_patterns: ['tok-*'], priority: 10, template: { settings: { index: { default_pipeline: 'empty' } } } } },
  ] }],
  '/_component_template': [200, { component_templates: [{ name: 'ct', component_template: { template: { settings: { index: { final_pipeline: 'missing' } } } } }] }],
  '/_template': [200, { legacy: { order: 3, index_patterns: ['tv1-*'], settings: { index: { final_pipeline: 'missing' } } } }],
  '/_alias/plain': [404, {}], '/_alias/defmiss': [404, {}],
  '/a/_mapping': [200, { a: mapping }], '/plain/_mapping': [200, { plain: mapping }],
  '/_alias/al-w': [200, { a: { aliases: { 'al-w': { is_write_index: true } } }, b: { aliases: { 'al-w': {} } } }],
  '/_alias/al-nowi': [200, { a: { aliases: { 'al-nowi': {} } }, b: { aliases: { 'al-nowi': {} } } }],
  '/_alias/al-false': [200, { c: { aliases: { 'al-false': { is_write_index: false } } } }],
  '/plain/_doc/d1': [200, { _index: 'plain', _id: 'd1', found: true, _source: { n: 1 } }],
  '/defmiss/_doc/d1': [200, { _index: 'defmiss', _id: 'd1', found: true, _source: { n: 1 } }],
};
const CLUSTER = ['plain', 'defmiss', 'finmiss', 'procs', 'a', 'b', 'c', TODAY];
const ALIASES = { 'al-w': ['a', 'b'], 'al-nowi': ['a', 'b'], 'al-false': ['c'] };

const rule = (actions: string[], patterns = ['*']) => ({ index_patterns: patterns, allowed_actions: actions });
const DOC = ['indices:data/write/index', 'indices:data/write/update', 'indices:data/write/delete'];
const ROLES: PermissionRoles = {
  // the document actions and index creation, not bulk[s]
  noShard: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule([...DOC, 'indices:admin/create'])] },
  // every write and mapping update, no index creation
  noCreate: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['indices:data/write/*', 'indices:admin/mapping/put'])] },
  // every write, the mapping update on `a` only
  mappingA: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['indices:data/write/*', 'indices:admin/create']), rule(['indices:admin/mapping/put'], ['a'])] },
  // everything
  writer: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['write', 'indices:admin/create', 'indices:admin/mapping/put'])] },
  // nothing on procs
  notProcs: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['write', 'indices:admin/create', 'indices:admin/mapping/put'], ['plain'])] },
};

const check = (role: string, method: string, path: string, body?: unknown, extra: Partial<CheckPermissionOptions> & { answers?: Answers; seen?: string[] } = {}) => {
  const { answers, seen, ...options } = extra;
  return checkPermission(caller, { method, path, ...(body !== undefined ? { body } : {}) }, {
    mode: 'local', pluginVersion: '2.19.4', roles: ROLES, aliases: ALIASES, clusterIndices: CLUSTER, subject: { name: 'u', roles: [role] },
    actionGroups: {}, admin: admin({ ...BASE, ...answers }, seen), ...options,
  });
};
const verdict = (r: { allowed: boolean | null; missingPrivileges: string[] }): [boolean | null, string[]] => [r.allowed, r.missingPrivileges];
const REFUSED_SHARD: [boolean, string[]] = [false, ['indices:data/write/bulk[s]']];

describe('a missing pipeline fails the write after the top-level checks, before index creation and bulk[s]', () => {
  test('the index\'s default or final pipeline, a requested one, _none, one without processors', async () => {
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/plain/_doc/1', { n: 1 })), REFUSED_SHARD);
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/defmiss/_doc/1', { n: 1 })), [true, []], 'default pipeline missing: 400');
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/finmiss/_doc/1', { n: 1 })), [true, []], 'final pipeline missing: 400');
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/plain/_doc/1?pipeline=missing', { n: 1 })), [true, []]);
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/plain/_doc/1?pipeline=empty', { n: 1 })), REFUSED_SHARD, 'no processors: the document passes');
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/defmiss/_doc/1?pipeline=empty', { n: 1 })), REFUSED_SHARD, 'the request\'s pipeline replaces the default');
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/defmiss/_doc/1?pipeline=_none', { n: 1 })), REFUSED_SHARD);
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/finmiss/_doc/1?pipeline=_none', { n: 1 })), [true, []], 'the final pipeline runs after _none');
    const top = await check('notProcs', 'PUT', '/defmiss/_doc/1?pipeline=missing', { n: 1 });
    assert.deepEqual(verdict(top), [false, ['indices:data/write/index']], 'the top-level check comes first');
  });
  test('a fresh index: the v2 template (with its component templates) or the v1 templates give its pipelines; nothing is created', async () => {
    assert.deepEqual(verdict(await check('noCreate', 'PUT', '/new-1/_doc/1', { n: 1 })), [false, ['indices:admin/create']]);
    for (const name of ['tdef-1', 'tcomp-1', 'tv1-1']) assert.deepEqual(verdict(await check('noCreate', 'PUT', `/${name}/_doc/1`, { n: 1 })), [true, []], name);
    assert.deepEqual(verdict(await check('noCreate', 'PUT', '/tok-1/_doc/1', { n: 1 })), [false, ['indices:admin/create']]);
    const unread = await check('noCreate', 'PUT', '/tdef-1/_doc/1', { n: 1 }, { answers: { '/_index_template': [403, {}] } });
    assert.equal(unread.allowed, null);
    assert.match(unread.reason ?? '', /templates could not be read/);
  });
  test('a date-math name is looked up as written: the index\'s default pipeline does not apply', async () => {
    assert.deepEqual(verdict(await check('noShard', 'PUT', `/${TODAY}/_doc/1`, { n: 1 })), [true, []], 'by its name: the missing default pipeline fails it');
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/%3Clogs-%7Bnow%2Fd%7D%3E/_doc/1', { n: 1 })), REFUSED_SHARD);
  });
  test('bulk items: an upsert takes the line\'s or the bulk\'s pipeline, a doc_as_upsert document the index\'s only; deletes and plain updates none', async () => {
    const upsert = '{"update":{"_index":"plain","_id":"d1","pipeline":"missing"}}\n{"doc":{"n":2},"upsert":{"n":1}}\n';
    // the item fails (missing pipeline) before its shard-level checks: undecided (h241)
    assert.deepEqual(verdict(await check('noShard', 'POST', '/_bulk', upsert)), [null, []]);
    const bulkLevel = '{"update":{"_index":"plain","_id":"d1"}}\n{"doc":{"n":2},"upsert":{"n":1}}\n';
    assert.deepEqual(verdict(await check('noShard', 'POST', '/_bulk?pipeline=missing', bulkLevel)), [null, []]);
    const docAsUpsert = '{"update":{"_index":"plain","_id":"d1"}}\n{"doc":{"n":2},"doc_as_upsert":true}\n';
    assert.deepEqual(verdict(await check('noShard', 'POST', '/_bulk?pipeline=missing', docAsUpsert)), REFUSED_SHARD);
    assert.deepEqual(verdict(await check('noShard', 'POST', '/_bulk', docAsUpsert.replace('"plain"', '"defmiss"'))), [null, []]);
    const plainUpdate = '{"update":{"_index":"defmiss","_id":"d1","pipeline":"missing"}}\n{"doc":{"n":2}}\n';
    assert.deepEqual(verdict(await check('noShard', 'POST', '/_bulk', plainUpdate)), REFUSED_SHARD, 'an update without upsert hands no document to a pipeline');
    const mixed = '{"index":{"_index":"plain","_id":"1","pipeline":"missing"}}\n{"n":1}\n{"delete":{"_index":"plain","_id":"2"}}\n';
    assert.deepEqual(verdict(await check('noShard', 'POST', '/_bulk?pipeline=missing', mixed)), REFUSED_SHARD, 'the delete item is refused at bulk[s]');
  });
  test('a single _update: the cluster-level bulk is checked before the pipelines, bulk[s] after them', async () => {
    assert.deepEqual(verdict(await check('noShard', 'POST', '/plain/_update/d1', { doc: { n: 2 } })), REFUSED_SHARD);
    assert.deepEqual(verdict(await check('noShard', 'POST', '/defmiss/_update/d1', { doc: { n: 2 } })), [true, []]);
    const noBulk = await check('noShard', 'POST', '/defmiss/_update/d1', { doc: { n: 2 } }, { roles: { noShard: { index_permissions: [rule([...DOC])] } } });
    assert.deepEqual(verdict(noBulk), [false, ['indices:data/write/bulk']]);
  });
});

describe('a pipeline with processors, or pipelines that cannot be read: undecided unless a check before them is refused', () => {
  test('processors may send the document elsewhere, drop it or fail it', async () => {
    const granted = await check('writer', 'PUT', '/procs/_doc/1', { n: 1 });
    assert.equal(granted.allowed, null, 'every check granted, but the document may go to another index');
    assert.match(granted.reason ?? '', /"setter".*processors/);
    assert.ok(granted.checks.some((c) => c.action === 'indices:data/write/bulk[s]' && c.afterPipeline !== undefined));
    assert.deepEqual(verdict(await check('notProcs', 'PUT', '/procs/_doc/1', { n: 1 })), [false, ['indices:data/write/index']]);
    assert.equal((await check('writer', 'PUT', '/plain/_doc/1?pipeline=setter', { n: 1 })).allowed, null);
    assert.equal((await check('writer', 'POST', '/_bulk', '{"index":{"_index":"plain","pipeline":"setter"}}\n{"n":1}\n')).allowed, null);
    assert.equal((await check('writer', 'POST', '/_bulk', '{"delete":{"_index":"procs","_id":"1"}}\n')).allowed, true, 'a delete goes through no pipeline');
  });
  test('unreadable pipelines or settings, or no admin: undecided; ingestPipelines: false says none is set', async () => {
    const noPipelines: Answers = { '/_ingest/pipeline': [403, {}] };
    assert.equal((await check('writer', 'PUT', '/defmiss/_doc/1', { n: 1 }, { answers: noPipelines })).allowed, null, 'which pipelines exist is not known');
    assert.equal((await check('writer', 'PUT', '/plain/_doc/1', { n: 1 }, { answers: noPipelines })).allowed, true, 'plain names no pipeline');
    assert.equal((await check('writer', 'PUT', '/plain/_doc/1', { n: 1 }, { answers: { [SETTINGS]: [403, {}] } })).allowed, null, 'which pipelines plain names is not known');
    const offline = { mode: 'local' as const, pluginVersion: '2.19.4', roles: ROLES, aliases: {}, clusterIndices: CLUSTER, subject: { name: 'u', roles: ['writer'] } };
    const put = { method: 'PUT', path: '/plain/_doc/1', body: { n: 1 } };
    const unknown = await checkPermission(caller, put, offline);
    assert.equal(unknown.allowed, null);
    assert.match(unknown.reason ?? '', /read with admin/);
    assert.equal((await checkPermission(caller, put, { ...offline, ingestPipelines: false })).allowed, true);
    assert.equal((await checkPermission(caller, { ...put, path: '/plain/_doc/1?pipeline=p' }, { ...offline, ingestPipelines: false })).allowed, null, 'a requested pipeline is not read either');
    await assert.rejects(checkPermission(caller, put, { ...offline, ingestPipelines: true as unknown as false }), /options\.ingestPipelines/);
  });
  test('requiredPrivileges: a requested pipeline leaves the checks after it depending on it', () => {
    const r = requiredPrivileges({ method: 'PUT', path: '/plain/_doc/1?pipeline=p', body: { n: 1 } });
    assert.ok(r.known);
    const shard = r.checks.find((c) => c.action === 'indices:data/write/bulk[s]');
    assert.match(shard?.dependsOn ?? '', /"p"/);
    assert.equal(r.checks[0]?.dependsOn, undefined, 'the top-level check is made before the pipeline');
  });
});

describe('aliases: the write index', () => {
  test('without one the write fails (400) before bulk[s]: several members, or one flagged is_write_index false', async () => {
    for (const alias of ['al-nowi', 'al-false']) {
      assert.deepEqual(verdict(await check('noShard', 'PUT', `/${alias}/_doc/1`, { n: 1 })), [true, []], alias);
      assert.deepEqual(verdict(await check('noShard', 'DELETE', `/${alias}/_doc/1`)), [true, []], alias);
      // a bulk item the node fails before its shard-level checks is undecided, as an mget item's (h241)
      assert.deepEqual(verdict(await check('noShard', 'POST', '/_bulk', `{"index":{"_index":"${alias}"}}\n{"n":1}\n`)), [null, []], alias);
    }
    assert.deepEqual(verdict(await check('noShard', 'PUT', '/al-w/_doc/1', { n: 1 })), REFUSED_SHARD);
  });
  test('bulk[s] names the alias (every member), the mapping update the write index only', async () => {
    assert.deepEqual(verdict(await check('mappingA', 'PUT', '/al-w/_doc/1', { n: 1, added: 'x' })), [true, []]);
    const r = await check('mappingA', 'PUT', '/al-w/_doc/1', { n: 1, added: 'x' });
    assert.deepEqual(r.checks.find((c) => c.action === 'indices:admin/mapping/put')?.indices, ['a']);
    assert.deepEqual(verdict(await check('mappingA', 'PUT', '/plain/_doc/1', { n: 1, added: 'x' })), [false, ['indices:admin/mapping/put']]);
    const shardA = { index_permissions: [rule([...DOC]), rule(['indices:data/write/bulk*'], ['a'])], cluster_permissions: ['indices:data/write/bulk'] };
    assert.deepEqual(verdict(await check('x', 'PUT', '/al-w/_doc/1', { n: 1 }, { roles: { x: shardA }, subject: { name: 'u', roles: ['x'] } })), REFUSED_SHARD, 'measured: bulk[s] on every member');
  });
  test('aliases given without admin: which index is written to is not known, so a shard-level refusal is undecided', async () => {
    const r = await checkPermission(caller, { method: 'PUT', path: '/al-nowi/_doc/1', body: { n: 1 } }, {
      mode: 'local', pluginVersion: '2.19.4', roles: ROLES, aliases: ALIASES, clusterIndices: CLUSTER, subject: { name: 'u', roles: ['noShard'] }, ingestPipelines: false,
    });
    assert.equal(r.allowed, null);
    assert.match(r.reason ?? '', /write index/);
  });
});
