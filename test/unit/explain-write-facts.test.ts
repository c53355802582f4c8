/**
 * checkPermission's local path where the cluster and the document decide what a request checks (each case as the
 * real 2.19.4 node answered it: test/integration/permission-differential.test.ts and the measurements in
 * src/explain/write-plan.ts): action.auto_create_index, `_update` on missing indices and documents (noop, upsert),
 * dynamic mapping updates, `_cat/indices`, an index created with aliases, respect_request_indices_options, and
 * date-math patterns merged per action key as the plugin's ActionPrivileges does. The admin client is a stub that
 * answers the reads (cluster settings, the document, the mapping, the templates, securityconfig) and records them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission, type CheckPermissionClient, type CheckPermissionOptions } from '../../src/explain/check-permission.js';
import { explainPermission } from '../../src/explain/permission.js';
import type { PermissionRoles } from '../../src/explain/types.js';

/** The caller: never asked (the subject is given). */
const caller = { transport: { request: async () => { throw new Error('the caller is not asked'); } } } as unknown as CheckPermissionClient;

/** What the stub admin answers: path (without query) -> [status, body]. */
type Answers = Record<string, [number, unknown]>;

function admin(answers: Answers, seen: string[] = []): CheckPermissionClient {
  return {
    transport: {
      request: async ({ path }: { path: string }) => {
        seen.push(path);
        const bare = path.split('?')[0] ?? '';
        const answer = answers[bare];
        if (answer === undefined) throw Object.assign(new Error(`unexpected ${path}`), { meta: { statusCode: 500, body: {} } });
        const [status, body] = answer;
        if (status >= 400) throw Object.assign(new Error(`${status}`), { meta: { statusCode: status, body } });
        return { statusCode: status, body };
      },
    },
  } as unknown as CheckPermissionClient;
}

const BASE: Answers = {
  '/_plugins/_security/api/securityconfig': [200, { config: { dynamic: { do_not_fail_on_forbidden: false } } }],
  '/_cluster/settings': [200, { persistent: {}, transient: {}, defaults: { 'action.auto_create_index': 'true' } }],
  // no ingest pipeline exists, and no index names one (ingest-pipelines.ts)
  '/_ingest/pipeline': [404, {}],
  '/_settings/index.default_pipeline,index.final_pipeline': [200, {}],
  '/_index_template': [200, { index_templates: [] }],
  '/_template': [200, {}],
  // read only when a closed index would decide the verdict (the write fails with 400 before its shard-level checks)
  '/_cat/indices': [200, [{ index: 'logs-1', status: 'open' }, { index: 'other', status: 'open' }]],
  '/logs-1/_mapping': [200, { 'logs-1': { mappings: { properties: { n: { type: 'integer' }, tag: { type: 'keyword' } } } } }],
  '/logs-1/_doc/d1': [200, { _index: 'logs-1', _id: 'd1', found: true, _source: { n: 1, tag: 'a' } }],
  '/logs-1/_doc/gone': [404, { _index: 'logs-1', _id: 'gone', found: false }],
  '/_alias/logs-1': [404, { error: 'alias [logs-1] missing', status: 404 }],
  // an alias of two indices: a write goes to its write index
  '/_alias/logs-w': [200, { 'logs-1': { aliases: { 'logs-w': { is_write_index: true } } }, 'logs-2': { aliases: { 'logs-w': {} } } }],
  '/_alias/logs-nowrite': [200, { 'logs-1': { aliases: { 'logs-nowrite': {} } }, 'logs-2': { aliases: { 'logs-nowrite': {} } } }],
};

const rule = (actions: string[], patterns = ['logs-*']) => ({ index_patterns: patterns, allowed_actions: actions });
const ROLES: PermissionRoles = {
  updater: { index_permissions: [rule(['indices:data/write/update'])] },
  updaterCreator: { index_permissions: [rule(['indices:data/write/update', 'indices:admin/create'])] },
  // every write action, index creation, no mapping update
  noMapping: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['indices:data/write/*', 'indices:admin/create'])] },
  writer: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['write'])] },
  creator: { index_permissions: [rule(['indices:admin/create'])] },
  monitor: { cluster_permissions: ['cluster_monitor'], index_permissions: [rule(['indices_monitor'])] },
  settingsOnly: { cluster_permissions: ['cluster:monitor/state'], index_permissions: [rule(['indices:monitor/settings/get'])] },
  reader: { index_permissions: [rule(['read'])] },
};
const CLUSTER = ['logs-1', 'other'];

const check = (role: string, method: string, path: string, body?: unknown, extra: Partial<CheckPermissionOptions> & { answers?: Answers; seen?: string[] } = {}) => {
  const { answers, seen, ...options } = extra;
  return checkPermission(caller, { method, path, ...(body !== undefined ? { body } : {}) }, {
    mode: 'local', pluginVersion: '2.19.4', roles: ROLES, aliases: {}, clusterIndices: CLUSTER, subject: { name: 'u', roles: [role] },
    actionGroups: {}, admin: admin({ ...BASE, ...answers }, seen), ...options,
  });
};

describe('action.auto_create_index decides what a write to a missing index checks', () => {
  test('auto-created: indices:admin/create, then the shard-level checks and the mapping of the fresh index', async () => {
    const r = await check('writer', 'PUT', '/logs-new/_doc/1', { n: 1 });
    assert.deepEqual([r.allowed, r.missingPrivileges], [false, ['indices:admin/create']]);
  });
  test('forbidden by the setting (false, a -pattern, or no +pattern matching): 404 before any shard-level check', async () => {
    for (const setting of ['false', '-logs-new*,+*', '+other-*']) {
      const answers: Answers = { '/_cluster/settings': [200, { persistent: { 'action.auto_create_index': setting }, transient: {}, defaults: {} }] };
      const r = await check('writer', 'PUT', '/logs-new/_doc/1', { n: 1 }, { answers });
      assert.equal(r.allowed, true, setting);
      assert.deepEqual(r.checks.map((c) => c.action), ['indices:data/write/index', 'indices:data/write/bulk'], setting);
      const u = await check('updater', 'POST', '/logs-new/_update/1', { doc: { n: 1 }, doc_as_upsert: true }, { answers });
      assert.equal(u.allowed, true, `${setting}: the update fails with 404`);
    }
    const transient: Answers = { '/_cluster/settings': [200, { persistent: { 'action.auto_create_index': 'true' }, transient: { 'action.auto_create_index': 'false' }, defaults: {} }] };
    assert.equal((await check('writer', 'PUT', '/logs-new/_doc/1', { n: 1 }, { answers: transient })).allowed, true, 'transient wins');
    assert.equal((await check('writer', 'PUT', '/logs-new/_doc/1', { n: 1 }, { autoCreateIndex: false })).allowed, true, 'options.autoCreateIndex');
  });
  test('a setting that cannot be read, or a forbidden name that may be a system index, is undecided', async () => {
    const unread = await check('writer', 'PUT', '/logs-new/_doc/1', { n: 1 }, { answers: { '/_cluster/settings': [403, {}] } });
    assert.equal(unread.allowed, null);
    assert.match(unread.reason ?? '', /action\.auto_create_index could not be read/);
    const system = await check('writer', 'PUT', '/.logs-sys/_doc/1', { n: 1 }, { roles: { writer: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['write'], ['*'])] } }, autoCreateIndex: false });
    assert.equal(system.allowed, null);
    assert.match(system.reason ?? '', /system index/);
  });
});

describe('_update', () => {
  test('on a missing index: create is checked; without upsert it ends with 404, with upsert the bulk actions follow', async () => {
    const refused = await check('updater', 'POST', '/logs-new/_update/1', { doc: { a: 1 } });
    assert.deepEqual([refused.allowed, refused.missingPrivileges], [false, ['indices:admin/create']]);
    const created = await check('updaterCreator', 'POST', '/logs-new/_update/1', { doc: { a: 1 } });
    assert.equal(created.allowed, true, 'document_missing_exception, not 403');
    const upsert = await check('updaterCreator', 'POST', '/logs-new/_update/1', { doc: { a: 1 }, doc_as_upsert: true });
    assert.deepEqual([upsert.allowed, upsert.missingPrivileges[0]], [false, 'indices:data/write/bulk']);
    const noMapping = await check('noMapping', 'POST', '/logs-new/_update/1', { doc: { a: 1 }, upsert: { a: 2 } });
    assert.deepEqual([noMapping.allowed, noMapping.missingPrivileges], [false, ['indices:admin/mapping/put']]);
  });
  test('on an existing index: the document decides (read with admin only when a bulk action is refused)', async () => {
    const seen: string[] = [];
    const changes = await check('updater', 'POST', '/logs-1/_update/d1', { doc: { tag: 'b' } }, { seen });
    assert.deepEqual([changes.allowed, changes.missingPrivileges[0]], [false, 'indices:data/write/bulk']);
    assert.ok(seen.includes('/logs-1/_doc/d1'));
    assert.equal((await check('updater', 'POST', '/logs-1/_update/d1', { doc: { tag: 'a' } })).allowed, true, 'a noop writes nothing');
    assert.equal((await check('updater', 'POST', '/logs-1/_update/d1', { doc: { tag: 'a' }, detect_noop: false })).allowed, false);
    assert.equal((await check('updater', 'POST', '/logs-1/_update/gone', { doc: { tag: 'b' } })).allowed, true, 'a missing document: 404');
    assert.equal((await check('updater', 'POST', '/logs-1/_update/gone', { doc: { tag: 'b' }, doc_as_upsert: true })).allowed, false);
    const equalNumber = await check('updater', 'POST', '/logs-1/_update/d1', { doc: { n: 1 } });
    assert.equal(equalNumber.allowed, null, 'Java tells 1 from 1.0');
    const script = await check('updater', 'POST', '/logs-1/_update/d1', { script: { source: 'ctx._source.n++' } });
    assert.equal(script.allowed, null);
    assert.match(script.reason ?? '', /whether logs-1\/d1 exists and the update changes it/);
    const aliases = { 'logs-w': ['logs-1', 'logs-2'], 'logs-nowrite': ['logs-1', 'logs-2'] };
    assert.equal((await check('updater', 'POST', '/logs-w/_update/d1', { doc: { tag: 'a' } }, { aliases })).allowed, true, 'read from the alias\'s write index: a noop');
    // measured on 2.19.4 (permission-ingest-alias.test.ts): the update fails with 400 before the bulk actions
    assert.equal((await check('updater', 'POST', '/logs-nowrite/_update/d1', { doc: { tag: 'a' } }, { aliases })).allowed, true, 'no write index: 400, no bulk action');
    const quiet: string[] = [];
    assert.equal((await check('writer', 'POST', '/logs-1/_update/d1', { doc: { tag: 'b' } }, { seen: quiet })).allowed, true);
    assert.equal(quiet.some((p) => p.includes('/_doc/')), false, 'nothing to read when every check is granted');
  });
});

describe('dynamic mapping updates: indices:admin/mapping/put', () => {
  test('a document adding a field to the mapping (read with admin), or any document to a fresh index', async () => {
    assert.equal((await check('noMapping', 'PUT', '/logs-1/_doc/2', { n: 2, tag: 'x' })).allowed, true);
    const adds = await check('noMapping', 'PUT', '/logs-1/_doc/2', { n: 2, extra: 'x' });
    assert.deepEqual([adds.allowed, adds.missingPrivileges], [false, ['indices:admin/mapping/put']]);
    const fresh = await check('noMapping', 'PUT', '/logs-new/_doc/2', {});
    assert.deepEqual([fresh.allowed, fresh.missingPrivileges], [false, ['indices:admin/mapping/put']]);
    const templated = await check('noMapping', 'PUT', '/logs-new/_doc/2', {}, { answers: { '/_index_template': [200, { index_templates: [{ name: 't', index_template: { index_patterns: ['logs-*'], template: { mappings: { properties: {} } } } }] }] } });
    assert.equal(templated.allowed, null, 'a template may give the fresh index its mapping');
    const bulk = await check('noMapping', 'POST', '/_bulk', '{"index":{"_index":"logs-1","_id":"b"}}\n{"extra":1}\n');
    assert.deepEqual([bulk.allowed, bulk.itemLevel, bulk.missingPrivileges], [false, true, ['indices:admin/mapping/put']]);
    const seen: string[] = [];
    const many = Array.from({ length: 50 }, (_, i) => `{"index":{"_index":"logs-1","_id":"b${i}"}}\n{"n":${i}}\n`).join('');
    assert.equal((await check('noMapping', 'POST', '/_bulk', many, { seen })).allowed, true);
    assert.equal(seen.filter((p) => p === '/logs-1/_mapping').length, 1, 'the mapping is read once for 50 items');
    const unread = await check('noMapping', 'PUT', '/logs-1/_doc/2', { extra: 'x' }, { answers: { '/logs-1/_mapping': [403, {}] } });
    assert.equal(unread.allowed, null);
  });
});

describe('_cat/indices and an index created with aliases', () => {
  test('_cat/indices checks settings/get, cluster state, stats and health; a missing name ends it after settings/get', async () => {
    const all = await check('monitor', 'GET', '/_cat/indices');
    assert.deepEqual([all.allowed, all.missingPrivileges], [false, ['indices:monitor/settings/get', 'indices:monitor/stats']]);
    assert.equal((await check('monitor', 'GET', '/_cat/indices/logs-1')).allowed, true);
    const stats = await check('settingsOnly', 'GET', '/_cat/indices/logs-1?format=json');
    assert.deepEqual([stats.allowed, stats.missingPrivileges], [false, ['indices:monitor/stats', 'cluster:monitor/health']]);
    const missing = await check('settingsOnly', 'GET', '/_cat/indices/logs-gone');
    assert.deepEqual([missing.allowed, missing.checks.length], [true, 1], 'index_not_found after the settings check');
    assert.equal((await check('reader', 'GET', '/_cat/indices/logs-gone')).allowed, false);
  });
  test('PUT an index with aliases also checks indices:admin/aliases on it', async () => {
    const r = await check('creator', 'PUT', '/logs-new', { aliases: { 'logs-x': {} } });
    assert.deepEqual([r.allowed, r.missingPrivileges], [false, ['indices:admin/aliases']]);
    assert.equal((await check('creator', 'PUT', '/logs-new', { aliases: {} })).allowed, true);
  });
});

describe('respect_request_indices_options', () => {
  test('on: a refusal on a wildcard, or with index options given, is undecided; off: decided', async () => {
    const on: Answers = { '/_plugins/_security/api/securityconfig': [200, { config: { dynamic: { respect_request_indices_options: true } } }] };
    const wildcard = await check('reader', 'GET', '/*/_search', undefined, { answers: on });
    assert.equal(wildcard.allowed, null);
    assert.match(wildcard.reason ?? '', /respect_request_indices_options is on/);
    assert.equal((await check('reader', 'GET', '/*/_search')).allowed, false);
    const options = await check('reader', 'GET', '/other/_search?ignore_unavailable=true', undefined, { answers: on });
    assert.equal(options.allowed, null);
    assert.equal((await check('reader', 'GET', '/other/_search', undefined, { answers: on })).allowed, false, 'a plain name without options is resolved the same');
  });
});

describe('date-math patterns merged per action key (ActionPrivileges)', () => {
  test('a refused expression under an exact permission does not shadow a wildcard permission\'s patterns of a non-well-known action', () => {
    const roles: PermissionRoles = {
      r: {
        index_permissions: [
          rule(['indices:monitor/settings/get'], ['<${user.name}-{now/d}>']),
          rule(['indices:monitor/*'], ['logs-m*', '<logs-{now/M{yyyy.MM}}*>']),
        ],
      },
    };
    const now = Date.parse('2026-12-03T12:00:00Z');
    const settings = explainPermission(roles, undefined, { action: 'indices:monitor/settings/get', index: 'logs-2026.12', user: { name: 'u', roles: ['r'] }, now });
    assert.equal(settings.granted, true);
    // a well-known action merges both rules into one pattern: the refused expression first shadows the other
    const wellKnown: PermissionRoles = { r: { index_permissions: [rule(['indices:data/read/search'], ['<${user.name}-{now/d}>']), rule(['indices:data/read/*'], ['<logs-{now/M{yyyy.MM}}*>'])] } };
    const search = explainPermission(wellKnown, undefined, { action: 'indices:data/read/search', index: 'logs-2026.12', user: { name: 'u', roles: ['r'] }, now });
    assert.equal(search.granted, false);
  });
});
