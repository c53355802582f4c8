/**
 * Regression cases of the write-permission review (each as the real 2.19.4 node answered it; the same requests are
 * replayed against the node in test/integration/permission-write-review.test.ts):
 * - what the node refuses with 400 before checking any privilege (a malformed bulk line, an unknown action or
 *   parameter, a bulk body not ended by a newline, an id over 512 bytes, invalid versioning, an invalid `_update`
 *   body, an unknown query parameter, an empty pipeline name): the verdict is unknown, never a refusal;
 * - bulk action names are looked up as own keys (`constructor`, `__proto__` are no action), and an `_index` that is
 *   not a string is not replaced by the path's index;
 * - a write to a closed index fails (400) before its shard-level checks: read with admin, else undecided;
 * - an `_update` with if_seq_no / if_primary_term whose document has others ends with 409 before the bulk actions;
 *   a scripted upsert's script decides whether anything is written;
 * - the body is planned from its text as sent: a getter deep in it is read once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission, type CheckPermissionClient, type CheckPermissionOptions } from '../../src/explain/check-permission.js';
import { requiredPrivileges } from '../../src/explain/request-actions.js';
import type { PermissionRoles } from '../../src/explain/types.js';

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

const OPEN: [number, unknown] = [200, [{ index: 'logs-1', status: 'open' }, { index: 'logs-2', status: 'open' }, { index: 'shut', status: 'close' }]];
const BASE: Answers = {
  '/_plugins/_security/api/securityconfig': [200, { config: { dynamic: {} } }],
  '/_cluster/settings': [200, { persistent: {}, transient: {}, defaults: { 'action.auto_create_index': 'true' } }],
  // no ingest pipeline exists, and no index names one (ingest-pipelines.ts)
  '/_ingest/pipeline': [404, {}],
  '/_settings/index.default_pipeline,index.final_pipeline': [200, {}],
  '/_index_template': [200, { index_templates: [] }],
  '/_template': [200, {}],
  '/_cat/indices': OPEN,
  '/_alias/logs-1': [404, { status: 404 }],
  '/logs-1/_doc/d1': [200, { _index: 'logs-1', _id: 'd1', found: true, _seq_no: 4, _primary_term: 1, _source: { n: 1, tag: 'a' } }],
  '/logs-1/_doc/gone': [404, { _index: 'logs-1', _id: 'gone', found: false }],
  '/logs-1/_mapping': [200, { 'logs-1': { mappings: { properties: { n: { type: 'integer' }, tag: { type: 'keyword' } } } } }],
};

const rule = (actions: string[], patterns = ['logs-*', 'shut']) => ({ index_patterns: patterns, allowed_actions: actions });
const ROLES: PermissionRoles = {
  // the document actions and index creation, the cluster-level bulk, but not the shard-level bulk[s]
  noShard: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['indices:data/write/index', 'indices:data/write/update', 'indices:data/write/delete', 'indices:admin/create'])] },
  noMapping: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['indices:data/write/*', 'indices:admin/create'])] },
  logsOnly: { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [rule(['write'], ['logs-1'])] },
};
const CLUSTER = ['logs-1', 'logs-2', 'shut'];

const check = (role: string, method: string, path: string, body?: unknown, extra: Partial<CheckPermissionOptions> & { answers?: Answers; seen?: string[] } = {}) => {
  const { answers, seen, ...options } = extra;
  return checkPermission(caller, { method, path, ...(body !== undefined ? { body } : {}) }, {
    mode: 'local', pluginVersion: '2.19.4', roles: ROLES, aliases: {}, clusterIndices: CLUSTER, subject: { name: 'u', roles: [role] },
    actionGroups: {}, admin: admin({ ...BASE, ...answers }, seen), ...options,
  });
};

const unknown = (method: string, path: string, body?: unknown): string => {
  const r = requiredPrivileges({ method, path, ...(body !== undefined ? { body } : {}) });
  assert.equal(r.known, false, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(r)}`);
  return r.known ? '' : r.reason;
};

describe('requests the node refuses (400) before any privilege: the plan is unknown', () => {
  test('bulk: unknown or prototype action names, non-string names, unknown parameters, blank source lines, no final newline, no action', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'upsert']) {
      assert.match(unknown('POST', '/_bulk', `{"${name}":{"_index":"logs-1","_id":"q"}}\n{"n":1}\n`), /unknown/, name);
    }
    unknown('POST', '/logs-1/_bulk', '{"index":{"_index":5,"_id":"q"}}\n{"n":1}\n');
    unknown('POST', '/logs-1/_bulk', '{"index":{"_index":null}}\n{"n":1}\n');
    unknown('POST', '/logs-1/_bulk', '{"index":{"_index":{}}}\n{"n":1}\n');
    unknown('POST', '/logs-1/_bulk', '{"index":{"_id":7}}\n{"n":1}\n');
    unknown('POST', '/logs-1/_bulk', '{"index":5}\n{"n":1}\n');
    unknown('POST', '/_bulk', '{"index":{"_index":"logs-1","foo":1}}\n{"n":1}\n');
    unknown('POST', '/_bulk', '{"index":{"_index":"logs-1","_type":"_doc"}}\n{"n":1}\n');
    unknown('POST', '/_bulk', '{"index":{"_index":"logs-1","require_alias":"true"}}\n{"n":1}\n');
    unknown('POST', '/_bulk', '{"index":{"_index":"logs-1","pipeline":""}}\n{"n":1}\n');
    unknown('POST', '/_bulk', '{"index":{"_index":"logs-1"}}\n\n{"n":1}\n');
    unknown('POST', '/_bulk', '{"index":{"_index":"logs-1"}}\n');
    unknown('POST', '/_bulk', '{"index":{"_index":"logs-1"}}\n{"n":1}');
    unknown('POST', '/_bulk', '');
    unknown('POST', '/_bulk', '\n\n');
    unknown('POST', '/_bulk?pipeline=', '{"index":{"_index":"logs-1"}}\n{"n":1}\n');
    unknown('POST', '/_bulk?type=x', '{"index":{"_index":"logs-1"}}\n{"n":1}\n');
    unknown('POST', '/_bulk', '{"update":{"_index":"logs-1","_id":"d1"}}\n{"doc":{"a":1},"script":{"source":"x"}}\n');
    unknown('POST', '/_bulk', `{"index":{"_index":"logs-1","_id":"${'x'.repeat(513)}"}}\n{"n":1}\n`);
    unknown('POST', '/_msearch', '{"index":"logs-1"}\n{}');
  });
  test('bulk: what the node reads as the parser does stays known (a blank action line, CRLF, op_type, numeric versions)', () => {
    for (const body of [
      '\n{"index":{"_index":"logs-1","_id":"q"}}\n{"n":1}\n',
      '{"index":{"_index":"logs-1","_id":"q"}}\r\n{"n":1}\r\n',
      '{"index":{"_index":"logs-1","_id":"q","op_type":"create","routing":"r"}}\n{"n":1}\n',
      '{"delete":{"_index":"logs-1","_id":"q","version":3,"version_type":"external"}}\n',
      '{"update":{"_index":"logs-1","_id":"q","if_seq_no":1,"if_primary_term":1}}\n{"doc":{"a":1}}\n',
      '{"create":{"_index":"logs-1","_id":"q"}}\n{"n":1}\n',
    ]) assert.equal(requiredPrivileges({ method: 'POST', path: '/_bulk?refresh=true', body }).known, true, JSON.stringify(body));
  });
  test('single writes: id over 512 bytes, unknown or repeated parameters, invalid versioning, an empty pipeline, an invalid _update body', () => {
    unknown('PUT', `/logs-1/_doc/${'é'.repeat(257)}`, { n: 1 });
    unknown('PUT', '/logs-1/_doc/1?foo=bar', { n: 1 });
    // a repeated parameter: the node reads its last value (h192), here one it refuses
    unknown('PUT', '/logs-1/_doc/1?refresh=true&refresh=maybe', { n: 1 });
    unknown('PUT', '/logs-1/_doc/1?pipeline=', { n: 1 });
    unknown('PUT', '/logs-1/_doc/1?if_seq_no=5', { n: 1 });
    unknown('PUT', '/logs-1/_doc/1?version=5', { n: 1 });
    unknown('PUT', '/logs-1/_create/1?version=5&version_type=external', { n: 1 });
    unknown('PUT', '/logs-1/_doc/1?op_type=create&if_seq_no=1&if_primary_term=1', { n: 1 });
    unknown('PUT', '/logs-1/_doc/1?op_type=delete', { n: 1 });
    unknown('DELETE', '/logs-1/_doc/1?version_type=external');
    unknown('POST', '/logs-1/_update/1', {});
    unknown('POST', '/logs-1/_update/1', { doc: { a: 1 }, script: { source: 'x' } });
    unknown('POST', '/logs-1/_update/1', { doc: { a: 1 }, extra: true });
    unknown('POST', '/logs-1/_update/1', { script: { source: 'x' }, doc_as_upsert: true });
    unknown('POST', '/logs-1/_update/1?retry_on_conflict=2&if_seq_no=0&if_primary_term=1', { doc: { a: 1 } });
    unknown('POST', '/logs-1/_update/1?if_seq_no=0&if_primary_term=1', { doc: { a: 1 }, doc_as_upsert: true });
    for (const [method, path, body] of [
      ['PUT', `/logs-1/_doc/${'x'.repeat(512)}?refresh=wait_for&routing=r&timeout=1m`, { n: 1 }],
      ['PUT', '/logs-1/_doc/1?version=5&version_type=external_gte', { n: 1 }],
      ['PUT', '/logs-1/_doc/1?if_seq_no=0&if_primary_term=1', { n: 1 }],
      ['DELETE', '/logs-1/_doc/1?version=5&version_type=external', undefined],
      ['POST', '/logs-1/_update/1?retry_on_conflict=3', { script: { source: 'x' }, upsert: { n: 1 }, scripted_upsert: true }],
    ] as const) assert.equal(requiredPrivileges({ method, path, ...(body !== undefined ? { body } : {}) }).known, true, path);
  });
  test('checkPermission answers null for them, never a refusal (the old plan refused bulk[s] or threw on `constructor`)', async () => {
    for (const [path, body] of [
      ['/_bulk', '{"constructor":{"_index":"logs-1","_id":"q"}}\n{"n":1}\n'],
      ['/_bulk', '{"index":{"_index":"logs-1","_id":"q"}}\n{"n":1}'],
      ['/logs-1/_doc/1?pipeline=', { n: 1 }],
      [`/logs-1/_doc/${'x'.repeat(600)}`, { n: 1 }],
    ] as const) {
      const r = await check('noShard', path.includes('_bulk') ? 'POST' : 'PUT', path, body);
      assert.deepEqual([r.allowed, r.missingPrivileges], [null, []], path);
      assert.ok((r.reason ?? '') !== '', path);
    }
  });
  test('an _index that is not a string is not judged as the path\'s index (the node writes to "5")', async () => {
    const r = await check('logsOnly', 'POST', '/logs-1/_bulk', '{"index":{"_index":5,"_id":"q"}}\n{"n":1}\n');
    assert.equal(r.allowed, null);
  });
});

describe('cluster and document facts the old model assumed', () => {
  test('a write to a closed index fails before its shard-level checks (read with admin); unreadable: undecided', async () => {
    for (const [method, path, body] of [['PUT', '/shut/_doc/1', { n: 1 }], ['DELETE', '/shut/_doc/1', undefined]] as const) {
      const seen: string[] = [];
      const r = await check('noShard', method, path, body, { seen });
      assert.deepEqual([r.allowed, r.missingPrivileges], [true, []], `${method} ${path}: 400 index_closed, not 403`);
      assert.ok(seen.includes('/_cat/indices'));
      const unread = await check('noShard', method, path, body, { answers: { '/_cat/indices': [403, {}] } });
      assert.equal(unread.allowed, null, `${method} ${path}: whether it is open is not known`);
      assert.match(unread.reason ?? '', /is open/);
    }
    const open = await check('noShard', 'PUT', '/logs-1/_doc/1', { n: 1 });
    assert.deepEqual([open.allowed, open.missingPrivileges], [false, ['indices:data/write/bulk[s]']]);
    const bulk = await check('noShard', 'POST', '/_bulk', '{"delete":{"_index":"shut","_id":"d1"}}\n{"delete":{"_index":"logs-1","_id":"zz"}}\n');
    assert.equal(bulk.allowed, false, 'the open index\'s item is refused at bulk[s]');
    const quiet: string[] = [];
    await check('noShard', 'PUT', '/logs-new/_doc/1', { n: 1 }, { seen: quiet });
    assert.equal(quiet.includes('/_cat/indices'), false, 'a fresh index is open: nothing to read');
  });
  test('_update with if_seq_no / if_primary_term: another sequence number ends with 409 before the bulk actions', async () => {
    const conflict = await check('noShard', 'POST', '/logs-1/_update/d1?if_seq_no=999&if_primary_term=1', { doc: { tag: 'b' } });
    assert.deepEqual([conflict.allowed, conflict.missingPrivileges], [true, []]);
    const other = await check('noShard', 'POST', '/logs-1/_update/d1?if_seq_no=4&if_primary_term=2', { doc: { tag: 'b' } });
    assert.equal(other.allowed, true);
    const match = await check('noShard', 'POST', '/logs-1/_update/d1?if_seq_no=4&if_primary_term=1', { doc: { tag: 'b' } });
    assert.deepEqual([match.allowed, match.missingPrivileges], [false, ['indices:data/write/bulk[s]']]);
    const missing = await check('noShard', 'POST', '/logs-1/_update/gone?if_seq_no=0&if_primary_term=1', { doc: { tag: 'b' } });
    assert.equal(missing.allowed, true);
  });
  test('a scripted upsert of a missing document: its script decides whether anything is written', async () => {
    const r = await check('noShard', 'POST', '/logs-1/_update/gone', { scripted_upsert: true, script: { source: "ctx.op = 'none'" }, upsert: {} });
    assert.equal(r.allowed, null);
    const fresh = await check('noShard', 'POST', '/logs-new/_update/1', { scripted_upsert: true, script: { source: "ctx.op = 'none'" }, upsert: {} });
    assert.equal(fresh.allowed, null);
    // scripted_upsert without a script is a plain upsert
    const plain = await check('noShard', 'POST', '/logs-1/_update/gone', { scripted_upsert: true, doc: { a: 1 }, upsert: { n: 2 } });
    assert.deepEqual([plain.allowed, plain.missingPrivileges], [false, ['indices:data/write/bulk[s]']]);
  });
});

describe('hostile arguments', () => {
  test('a getter deep in the body is read once: the plan is made from the text that is sent', async () => {
    let reads = 0;
    const live = { get x(): string { reads++; if (reads > 1) throw new Error('second read'); return 'v'; } };
    const body = { a: { b: { c: { d: live } } } };
    const r = await check('noMapping', 'PUT', '/logs-1/_doc/1', body);
    assert.equal(reads, 1);
    assert.deepEqual([r.allowed, r.missingPrivileges], [false, ['indices:admin/mapping/put']]);
  });
  test('requiredPrivileges reads method, path and body once each', () => {
    const reads: Record<string, number> = {};
    const paths = ['/logs-1/_doc/1', '/_bulk'];
    const request = new Proxy({ method: 'PUT', path: '', body: { n: 1 } }, {
      get(target, key) {
        const k = String(key);
        reads[k] = (reads[k] ?? 0) + 1;
        return k === 'path' ? paths[Math.min(reads.path ?? 1, 2) - 1] : Reflect.get(target, key);
      },
    });
    const r = requiredPrivileges(request);
    assert.deepEqual([reads.method, reads.path, reads.body], [1, 1, 1]);
    assert.equal(r.known, true);
    if (r.known) assert.deepEqual(r.checks.map((c) => c.action), ['indices:data/write/index', 'indices:data/write/bulk', 'indices:data/write/bulk[s]', 'indices:data/write/index']);
  });
  test('many bulk items and long names cost linear time (no quadratic re-reading)', () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `{"index":{"_index":"logs-${i % 7}","_id":"${'k'.repeat(1 + (i % 300))}"}}\n{"n":${i}}\n`).join('');
    const r = requiredPrivileges({ method: 'POST', path: '/_bulk', body });
    assert.equal(r.known, true);
    if (r.known) assert.equal(r.checks.length, 1 + 20_000 * 2);
  });
});
