/**
 * checkPermission's server path against a loopback stub speaking the 3.2+ dry-run as a real 3.4.0
 * node does (`?perform_permission_check=true` -> 200 `{accessAllowed, missingPrivileges}`; 500
 * class_cast_exception where the REST handler casts its response, e.g. `GET /` and `_count`; the
 * security plugin's own REST API ignores the parameter and executes), the version gate, the request
 * table, and aliases / data streams. test/integration/check-permission-server.test.ts runs the same
 * against the real node when the local domain is 3.2+.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { checkPermission, hasPermissionDryRun } from '../../src/explain/check-permission.js';
import { ConfigError } from '../../src/errors/classes.js';
import { requiredPrivileges } from '../../src/explain/request-actions.js';
import { explainPermission } from '../../src/explain/permission.js';
import { containersOf, expandAliases, indexAliasesFrom } from '../../src/fgac/aliases.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
let client: Client;
let version = '3.4.0';
let dryRunReply: unknown = { accessAllowed: false, missingPrivileges: ['indices:data/write/index'] };
/** False: the stub drops `perform_permission_check` (a proxy that strips it) and executes what it gets. */
let honour = true;
/** What `GET /` answers instead of an OpenSearch root of `version`. */
let rootOverride: unknown;
/** True: `GET /` is refused (a caller without cluster:monitor/main), so the version cannot be read. */
let mainRefused = false;
/** Requests the stub executed although they carried the dry-run parameter (what the plugin's REST API does). */
const executed: string[] = [];
const CLASS_CAST = { error: { root_cause: [], type: 'class_cast_exception', reason: 'class org.opensearch.security.action.simulate.PermissionCheckResponse cannot be cast to class org.opensearch.action.main.MainResponse' }, status: 500 };
const UNEXPECTED = { error: { root_cause: [], type: 'security_exception', reason: 'Unexpected exception indices:monitor/settings/get' }, status: 500 };

const ROLES = { 'reader': { cluster_permissions: [], index_permissions: [{ index_patterns: ['logs-alias'], allowed_actions: ['read'] }] } };

before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    const url = new URL(req.url.replace(/^\/_opendistro\/_security\//, '/_plugins/_security/'), 'http://x');
    const dryRun = honour && url.searchParams.get('perform_permission_check') === 'true';
    if (dryRun && url.pathname.startsWith('/_plugins/')) {
      executed.push(`${req.method} ${url.pathname}`);
      return { status: 200, body: { status: 'OK', message: 'executed' } };
    }
    if (dryRun && (url.pathname === '/' || url.pathname.endsWith('/_count'))) return { status: 500, body: CLASS_CAST };
    if (dryRun && url.pathname === '/_cat/indices') return { status: 500, body: UNEXPECTED };
    if (dryRun) return { body: dryRunReply };
    if (req.method === 'PUT' || req.method === 'DELETE') return { status: 201, body: { result: 'executed' } };
    if (url.pathname === '/' && mainRefused) return { status: 403, body: { error: { type: 'security_exception', reason: 'no permissions for [cluster:monitor/main]' }, status: 403 } };
    if (url.pathname === '/') return { body: rootOverride ?? { version: { distribution: 'opensearch', number: version } } };
    if (url.pathname === '/_plugins/_security/authinfo') return { body: { user_name: 'alice', backend_roles: ['b'], roles: ['reader'] } };
    if (url.pathname === '/_plugins/_security/api/roles') return { body: ROLES };
    if (url.pathname === '/_plugins/_security/api/actiongroups') return { body: {} };
    if (url.pathname === '/_alias') return { body: { 'logs-1': { aliases: { 'logs-alias': {} } } } };
    if (url.pathname === '/_data_stream') return { body: { data_streams: [] } };
    // no ingest pipeline exists, and no index names one
    if (url.pathname === '/_ingest/pipeline') return { status: 404, body: {} };
    if (url.pathname === '/_settings/index.default_pipeline,index.final_pipeline') return { body: {} };
    return { status: 500, body: { error: `unexpected ${req.method} ${req.url}` } };
  };
  client = new Client({ node: stub.url });
});

after(async () => {
  await client.close();
  await stub.close();
});

describe('the 3.2+ server dry-run', () => {
  test('the request is sent as given plus perform_permission_check=true, and the answer is the server\'s', async () => {
    version = '3.4.0';
    dryRunReply = { accessAllowed: false, missingPrivileges: ['indices:data/write/index'] };
    stub.received.length = 0;
    const r = await checkPermission(client, { method: 'PUT', path: '/logs-1/_doc/7?refresh=true', body: { a: 1 } });
    assert.deepEqual(r, {
      source: 'server', allowed: false, missingPrivileges: ['indices:data/write/index'], checks: [], itemLevel: false, pluginVersion: '3.4.0',
      notJudgedByServer: [{ action: 'indices:data/write/bulk' }, { action: 'indices:data/write/bulk[s]', indices: ['logs-1'] }],
    });
    const sent = stub.received.at(-1);
    assert.equal(sent?.method, 'PUT');
    const url = new URL(sent?.url ?? '', 'http://x');
    assert.equal(url.pathname, '/logs-1/_doc/7');
    assert.equal(url.searchParams.get('refresh'), 'true');
    assert.equal(url.searchParams.get('perform_permission_check'), 'true');
    assert.deepEqual(JSON.parse(Buffer.from(sent?.body ?? []).toString('utf8')), { a: 1 });
    assert.equal(stub.received.filter((q) => q.url.startsWith('/_plugins/_security/api')).length, 0, 'no definitions are read');
  });

  test("what the dry-run does not judge (a single-document write's bulk actions) is judged locally when definitions are at hand", async () => {
    version = '3.4.0';
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    const put = { method: 'PUT', path: '/logs-1/_doc/7', body: { a: 1 } };
    const bare = await checkPermission(client, put);
    assert.deepEqual([bare.source, bare.allowed, bare.notJudgedByServer?.map((c) => c.action)], ['server', null, ['indices:data/write/bulk', 'indices:data/write/bulk[s]']]);
    assert.match(bare.reason ?? '', /does not judge indices:data\/write\/bulk; indices:data\/write\/bulk\[s\] on logs-1 .*options\.admin or options\.roles/);
    const judged = await checkPermission(client, put, { admin: client });
    assert.equal(judged.source, 'server');
    assert.equal(judged.allowed, false, 'the reader role has no bulk privileges');
    assert.deepEqual(judged.missingPrivileges, ['indices:data/write/bulk', 'indices:data/write/bulk[s]']);
    assert.deepEqual(judged.checks.map((c) => [c.action, c.granted]), [['indices:data/write/bulk', false], ['indices:data/write/bulk[s]', false]]);
    assert.equal(judged.notJudgedByServer, undefined);
    const search = await checkPermission(client, { method: 'GET', path: '/logs-1/_search' }, { admin: client });
    assert.deepEqual([search.allowed, search.checks, search.notJudgedByServer], [true, [], undefined], 'a search is judged by the server alone');
  });

  test('allowed, itemLevel for a bulk request, and 3.2.0 is the first version with the dry-run', async () => {
    version = '3.2.0';
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    const r = await checkPermission(client, { method: 'POST', path: '/_bulk', body: '{"index":{"_index":"logs-1"}}\n{"a":1}\n' });
    assert.equal(r.source, 'server');
    assert.equal(r.allowed, null, 'granted at the top level, its items are not judged by the dry-run');
    assert.deepEqual(r.notJudgedByServer?.map((c) => c.action), ['indices:data/write/bulk[s]', 'indices:data/write/index']);
    assert.equal(r.itemLevel, true);
    for (const [v, yes] of [['3.2.0', true], ['3.2.0.0', true], ['3.10.1', true], ['4.0.0', true], ['3.1.9', false], ['2.19.4', false], ['unknown', false]] as const) {
      assert.equal(hasPermissionDryRun(v), yes, v);
    }
    assert.equal(hasPermissionDryRun(undefined), false);
  });

  test('a reply without the documented shape is an error, not a verdict', async () => {
    version = '3.4.0';
    dryRunReply = { took: 1, hits: { hits: [] } };
    await assert.rejects(checkPermission(client, { method: 'GET', path: '/logs-1/_search' }), /accessAllowed, missingPrivileges/);
  });

  test('a request that changes something is sent as a dry-run only after a harmless dry-run was answered in its shape', async () => {
    version = '3.4.0';
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    honour = false;
    try {
      const fresh = new Client({ node: stub.url });
      stub.received.length = 0;
      const refused = await checkPermission(fresh, { method: 'DELETE', path: '/logs-1' }, { mode: 'server' }).then(() => undefined, (e: unknown) => e);
      assert.ok(refused instanceof ConfigError && refused.option === 'options.mode' && /did not answer a harmless dry-run/.test(refused.message), String(refused));
      const local = await checkPermission(fresh, { method: 'PUT', path: '/logs-1/_doc/7', body: { a: 1 } }, { admin: fresh });
      assert.equal(local.source, 'local', 'auto mode falls back to the local explanation');
      assert.deepEqual(stub.received.filter((q) => q.method === 'PUT' || q.method === 'DELETE'), [], 'the write was never sent');
      assert.ok(stub.received.some((q) => q.method === 'GET' && q.url === '/_cluster/health?perform_permission_check=true'), 'the probe was');
      honour = true;
      const server = await checkPermission(fresh, { method: 'DELETE', path: '/logs-1' }, { mode: 'server' });
      assert.equal(server.source, 'server', 'a failed probe is not remembered: once the server answers, the dry-run is used');
      await fresh.close();
    } finally {
      honour = true;
    }
  });

  test('the dry-run proof speaks for one node and one answer: several nodes, HEAD, a wrong-shape answer, a `#` in the path', async () => {
    version = '3.4.0';
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    const two = new Client({ nodes: [stub.url, stub.url.replace('127.0.0.1', 'localhost')] });
    const one = new Client({ node: stub.url });
    try {
      stub.received.length = 0;
      const several = await checkPermission(two, { method: 'DELETE', path: '/logs-1' }, { mode: 'server' }).then(() => undefined, (e: unknown) => e);
      assert.ok(several instanceof ConfigError && /several nodes/.test(several.message), String(several));
      const head = await checkPermission(one, { method: 'HEAD', path: '/logs-1' }, { mode: 'server' }).then(() => undefined, (e: unknown) => e);
      assert.ok(head instanceof ConfigError && /HEAD answer carries no body/.test(head.message), String(head));
      assert.equal((await checkPermission(one, { method: 'HEAD', path: '/logs-1' }, { admin: one })).source, 'local', 'auto answers HEAD locally');
      assert.deepEqual(stub.received.filter((q) => q.method === 'DELETE' || q.method === 'HEAD'), [], 'nothing was sent but probes and reads');
      const hash = await checkPermission(one, { method: 'DELETE', path: '/logs-1/_doc/1#' }).then(() => undefined, (e: unknown) => e);
      assert.ok(hash instanceof ConfigError && hash.option === 'request.path', String(hash));
      stub.received.length = 0;
      await checkPermission(one, { method: 'PUT', path: '/logs-1/_doc/1?refresh=true?pipeline=x', body: { a: 1 } });
      const sent = new URL(stub.received.at(-1)?.url ?? '', 'http://x');
      assert.equal(sent.searchParams.get('refresh'), 'true?pipeline=x', 'a second ? stays in the query, as the server reads it');
      dryRunReply = { took: 1 };
      const wrong = await checkPermission(one, { method: 'PUT', path: '/logs-1/_doc/2', body: { a: 1 } }, { mode: 'server' }).then(() => undefined, (e: unknown) => e);
      assert.match(String(wrong), /may have EXECUTED/);
      stub.received.length = 0;
      const after = await checkPermission(one, { method: 'PUT', path: '/logs-1/_doc/3', body: { a: 1 } }, { mode: 'server' }).then(() => undefined, (e: unknown) => e);
      assert.ok(after instanceof ConfigError, 'the proof was dropped: the next write waits for a new one (which fails)');
      assert.deepEqual(stub.received.filter((q) => q.method === 'PUT'), []);
    } finally {
      dryRunReply = { accessAllowed: true, missingPrivileges: [] };
      await two.close();
      await one.close();
    }
  });

  test("a plugin's REST path is never sent as a dry-run, however it is spelled (the security API executes it)", async () => {
    version = '3.4.0';
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    executed.length = 0;
    stub.received.length = 0;
    const spellings = ['/_plugins/_security/api/internalusers/bob', '/_opendistro/_security/api/roles/r', '//_plugins/_security/api/roles/r',
      '/%5Fplugins/_security/api/roles/r', '/_PLUGINS/_security/api/roles/r', '/_plugins/_ism/add/logs-1', '/logs-1/../_plugins/_security/api/roles/r',
      '/logs-1/%2E%2E/_opendistro/_security/api/roles/r', '/%2F_plugins/_security/api/roles/r',
      // a malformed escape elsewhere (the query) does not switch decoding off; matrix parameters and backslashes
      '/%5Fplugins/_security/api/internalusers/x?a=%', '/%5Fplugins/_security/api/internalusers/x%E0%A4%A', '/_plugins;v=1/_security/api/roles/r',
      '/logs-1\\..\\_plugins/_security/api/roles/r', '/%255Fplugins/_security/api/roles/r', '/%25255Fopendistro/_security/api/roles/r'];
    for (const path of spellings) {
      const refused = await checkPermission(client, { method: 'DELETE', path }, { mode: 'server' }).then(() => undefined, (e: unknown) => e);
      assert.ok(refused instanceof ConfigError && refused.option === 'options.mode' && /plugin's REST endpoint/.test(refused.message), `${path}: ${String(refused)}`);
      const local = await checkPermission(client, { method: 'DELETE', path }, { admin: client });
      assert.equal(local.source, 'local', path);
      assert.match(local.fallbackReason ?? '', /never sent/, path);
    }
    assert.deepEqual(executed, [], 'nothing was executed');
    assert.equal(stub.received.filter((q) => q.method === 'DELETE').length, 0, 'no DELETE left the client');
  });

  test('a dry-run the server evaluated but could not answer (500 class cast, Unexpected exception) is local in auto, an error in server mode', async () => {
    version = '3.4.0';
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    const one = new Client({ node: stub.url });
    try {
      for (const path of ['/logs-1/_count', '/_cat/indices']) {
        const auto = await checkPermission(one, { method: 'GET', path }, { admin: one });
        assert.equal(auto.source, 'local', path);
        assert.match(auto.fallbackReason ?? '', /could not return the verdict/, path);
        const strict = await checkPermission(one, { method: 'GET', path }, { mode: 'server' }).then(() => undefined, (e: unknown) => e);
        assert.ok(strict instanceof ConfigError && /nothing was executed/.test(strict.message), `${path}: ${String(strict)}`);
      }
      assert.equal((await checkPermission(one, { method: 'GET', path: '/logs-1/_search' })).source, 'server', 'the proof survives a lost verdict');
      dryRunReply = { error: 'x' };
      const other = await checkPermission(one, { method: 'GET', path: '/logs-1/_search' }).then(() => undefined, (e: unknown) => e);
      assert.match(String(other), /may have EXECUTED/, 'any other answer is still an error');
    } finally {
      dryRunReply = { accessAllowed: true, missingPrivileges: [] };
      await one.close();
    }
  });

  test('a caller that cannot read the version still gets the dry-run once the probe proves it; without proof, server mode names the version', async () => {
    version = '3.4.0';
    dryRunReply = { accessAllowed: false, missingPrivileges: ['indices:data/read/search'] };
    mainRefused = true;
    const fresh = new Client({ node: stub.url });
    try {
      const r = await checkPermission(fresh, { method: 'GET', path: '/logs-1/_search' }, { mode: 'server' });
      assert.deepEqual([r.source, r.allowed, r.pluginVersion], ['server', false, undefined]);
      honour = false;
      const other = new Client({ node: stub.url });
      const refused = await checkPermission(other, { method: 'GET', path: '/logs-1/_search' }, { mode: 'server' }).then(() => undefined, (e: unknown) => e);
      assert.ok(refused instanceof ConfigError && /3\.2 or later \(detected no version\)/.test(refused.message), String(refused));
      await other.close();
    } finally {
      mainRefused = false;
      honour = true;
      await fresh.close();
    }
  });

  test('a root that is not OpenSearch\'s own number (Elasticsearch, Open Distro, 1.x reporting 7.10.2) has the pre-3.x rules and no dry-run', async () => {
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    for (const [number, distribution] of [['7.10.2', undefined], ['7.10.2', 'opensearch'], ['7.10.2', 'elasticsearch']] as const) {
      rootOverride = { version: { number, ...(distribution !== undefined ? { distribution } : {}) } };
      stub.received.length = 0;
      const r = await checkPermission(client, { method: 'GET', path: '/logs-1/_search' }, { admin: client });
      assert.equal(r.source, 'local', `${number} ${String(distribution)}`);
      assert.equal(r.fallbackReason, undefined);
      assert.match(r.pluginVersion ?? '', /^0-/);
      assert.equal(stub.received.some((q) => q.url.includes('perform_permission_check')), false, 'no dry-run, no probe');
    }
    rootOverride = undefined;
  });

  test('parameters that reshape the answer (format, filter_path) are left out of the dry-run', async () => {
    version = '3.4.0';
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    stub.received.length = 0;
    const r = await checkPermission(client, { method: 'GET', path: '/logs-1/_search?format=yaml&filter_path=took&q=a' });
    assert.equal(r.source, 'server');
    const sent = new URL(stub.received.at(-1)?.url ?? '', 'http://x');
    assert.deepEqual([...sent.searchParams.keys()].sort(), ['perform_permission_check', 'q']);
  });

  test('below 3.2 the local path answers (marked local), following the alias; mode server is refused', async () => {
    version = '3.1.0';
    dryRunReply = { accessAllowed: true, missingPrivileges: [] };
    stub.received.length = 0;
    const r = await checkPermission(client, { method: 'GET', path: '/logs-1/_search' }, { admin: client });
    assert.equal(r.source, 'local');
    assert.equal(r.allowed, true);
    assert.equal(r.checks[0]?.explanation.grants[0]?.pattern, 'logs-alias');
    const w = await checkPermission(client, { method: 'DELETE', path: '/logs-1/_doc/1' }, { admin: client });
    assert.equal(w.allowed, false);
    assert.deepEqual(w.missingPrivileges, ['indices:data/write/delete', 'indices:data/write/bulk', 'indices:data/write/bulk[s]']);
    assert.equal(stub.received.some((q) => q.url.includes('perform_permission_check')), false, 'no dry-run is sent to a 3.1 node');
    await assert.rejects(checkPermission(client, { method: 'GET', path: '/logs-1/_search' }, { mode: 'server' }), /3\.2 or later \(detected 3\.1\.0\)/);
    await assert.rejects(checkPermission(client, { method: 'GET', path: '/logs-1/_search' }), /needs options\.admin/);
  });
});

describe('hostile input', () => {
  test('a bad client, request or option is a ConfigError naming it, before anything is sent', async () => {
    stub.received.length = 0;
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const cases: Array<[unknown, unknown, unknown, string]> = [
      [{}, { method: 'GET', path: '/x' }, {}, 'client'],
      [client, null, {}, 'request'],
      [client, { method: 'GET', path: 'x' }, {}, 'request.path'],
      [client, { method: 'G E T', path: '/x' }, {}, 'request.method'],
      [client, { method: 'GET', path: '/日本/_search' }, {}, 'request.path'],
      [client, { method: 'GET', path: '/índex/_search' }, {}, 'request.path'],
      [client, { method: 'POST', path: '/x/_search', body: Buffer.from('{}') }, {}, 'request.body'],
      [client, { method: 'POST', path: '/x/_search', body: { a: 1n } }, {}, 'request.body'],
      [client, { method: 'POST', path: '/x/_search', body: circular }, {}, 'request.body'],
      [client, { method: 'POST', path: '/x/_search', body: 42 }, {}, 'request.body'],
      [client, { action: '' }, {}, 'request.action'],
      [client, { method: 'GET', path: '/x' }, { mode: 'sometimes' }, 'options.mode'],
      [client, { method: 'GET', path: '/x' }, { admin: 'root' }, 'options.admin'],
      [client, { method: 'GET', path: '/x' }, { pluginVersion: 3 }, 'options.pluginVersion'],
      [client, { method: 'GET', path: '/x' }, null, 'options'],
    ];
    for (const [c, r, o, option] of cases) {
      const err = await (checkPermission as (...a: unknown[]) => Promise<unknown>)(c, r, o).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ConfigError, `${option}: ${String(err)}`);
      assert.equal(err.option, option);
    }
    assert.equal(stub.received.length, 0);
  });
});

describe('the request table', () => {
  test('single-document writes need the bulk actions too; bulk, mget and msearch are item-level', () => {
    const put = requiredPrivileges({ method: 'PUT', path: '/a/_doc/1' });
    assert.ok(put.known);
    assert.deepEqual(put.checks.map((c) => [c.action, c.indices ?? null]), [
      ['indices:data/write/index', ['a']], ['indices:data/write/bulk', null], ['indices:data/write/bulk[s]', ['a']], ['indices:data/write/index', ['a']],
    ]);
    const bulk = requiredPrivileges({ method: 'POST', path: '/_bulk', body: '{"delete":{"_index":"x","_id":"1"}}\n{"update":{"_index":"y","_id":"2"}}\n{"doc":{}}\n' });
    assert.ok(bulk.known);
    assert.deepEqual(bulk.checks.map((c) => c.action), ['indices:data/write/bulk', 'indices:data/write/bulk[s]', 'indices:data/write/delete', 'indices:data/write/bulk[s]', 'indices:data/write/update']);
    assert.deepEqual(bulk.checks.slice(1).map((c) => c.itemLevel), [true, true, true, true]);
    const ms = requiredPrivileges({ method: 'GET', path: '/d/_msearch', body: [{}, { size: 0 }, { index: 'e,f' }, {}] });
    assert.ok(ms.known);
    assert.deepEqual(ms.checks.map((c) => c.indices ?? null), [null, ['d'], ['e', 'f']]);
    const unknown = requiredPrivileges({ method: 'POST', path: '/a/_rank_eval' });
    assert.equal(unknown.known, false);
    assert.equal(requiredPrivileges({ method: 'POST', path: '/_bulk', body: 'not json' }).known, false);
  });
});

describe('aliases and data streams', () => {
  test('the table is read from GET _alias and GET _data_stream', () => {
    const t = indexAliasesFrom(
      { 'logs-1': { aliases: { logs: {}, recent: {} } }, 'logs-2': { aliases: { logs: {} } }, plain: { aliases: {} }, bad: 3 },
      { data_streams: [{ name: 'metrics', indices: [{ index_name: '.ds-metrics-000001' }, { index_name: '.ds-metrics-000002' }] }, { name: 7 }] },
    );
    assert.deepEqual(t, { logs: ['logs-1', 'logs-2'], recent: ['logs-1'], metrics: ['.ds-metrics-000001', '.ds-metrics-000002'] });
    assert.deepEqual(expandAliases(['logs', 'plain', 'logs-1'], t), ['logs-1', 'logs-2', 'plain']);
    assert.deepEqual(containersOf('logs-1', t), ['logs', 'recent']);
    assert.deepEqual(indexAliasesFrom({ x: { aliases: { ['__proto__']: {} } } }), JSON.parse('{"__proto__":["x"]}'));
  });

  test('explainPermission: a pattern on a data stream covers its backing indices; a request on the stream needs all of them', () => {
    const aliases = { metrics: ['.ds-metrics-000001', '.ds-metrics-000002'], logs: ['logs-1', 'logs-2'] };
    const roles = { ds: { index_permissions: [{ index_patterns: ['metr*'], allowed_actions: ['read'] }, { index_patterns: ['logs-1'], allowed_actions: ['read'] }] } };
    const onStream = explainPermission(roles, undefined, { action: 'indices:data/read/search', index: 'metrics', aliases });
    assert.equal(onStream.granted, true);
    // a table without the data-stream marker: `metrics` may be a stream (its members are named as its backing indices), so its name is judged too (h235)
    assert.deepEqual(onStream.indices, ['.ds-metrics-000001', '.ds-metrics-000002', 'metrics']);
    const onBacking = explainPermission(roles, undefined, { action: 'indices:data/read/search', index: '.ds-metrics-000002', aliases });
    assert.equal(onBacking.granted, true);
    const onAlias = explainPermission(roles, undefined, { action: 'indices:data/read/search', index: 'logs', aliases });
    assert.equal(onAlias.granted, false);
    assert.deepEqual(onAlias.uncoveredIndices, ['logs-2']);
    assert.equal(explainPermission(roles, undefined, { action: 'indices:data/read/search', index: '.ds-metrics-000002' }).granted, false, 'without the table');
  });
});

describe('checkPermission input', () => {
  test("a subject without its roles list (or of the wrong type), bad definitions and a bad index are ConfigErrors, never 'allowed'", async () => {
    const roles = { admin: { cluster_permissions: ['*'], index_permissions: [{ index_patterns: ['*'], allowed_actions: ['*'] }] } };
    const cases: Array<[Record<string, unknown>, unknown, string]> = [
      [{ mode: 'local', roles, subject: null }, undefined, 'options.subject'],
      [{ mode: 'local', roles, subject: 'alice' }, undefined, 'options.subject'],
      [{ mode: 'local', roles, subject: {} }, undefined, 'options.subject.roles'],
      [{ mode: 'local', roles, subject: { roles: 'admin' } }, undefined, 'options.subject.roles'],
      [{ mode: 'local', roles, subject: { roles: [], backendRoles: 'b' } }, undefined, 'options.subject.backendRoles'],
      [{ mode: 'local', roles: null, subject: { roles: [] } }, undefined, 'options.roles'],
      [{ mode: 'local', roles: new Map(), subject: { roles: [] } }, undefined, 'options.roles'],
      [{ mode: 'local', roles, subject: { roles: [] } }, 42, 'request.index'],
    ];
    for (const [options, index, option] of cases) {
      const request = index === undefined ? { action: 'indices:data/read/search', index: 'logs-1' } : { action: 'indices:data/read/search', index };
      const e = await checkPermission(client, request as never, options as never).then((r) => r, (err: unknown) => err);
      assert.ok(e instanceof ConfigError && e.option === option, `${option}: ${JSON.stringify(e)}`);
    }
    const denied = await checkPermission(client, { action: 'indices:data/read/search', index: 'logs-1' }, { mode: 'local', roles, subject: { roles: [] } });
    assert.equal(denied.allowed, false, 'a subject with no roles is denied');
  });
});

describe('checkPermission with do_not_fail_on_forbidden (local path; the real nodes: test/integration/dnfof.test.ts)', () => {
  const roles = { reader: { index_permissions: [{ index_patterns: ['a*'], allowed_actions: ['read'] }] } };
  const base = { mode: 'local' as const, roles, subject: { roles: ['reader'] }, clusterIndices: ['a1', 'a2', 'b1'] };

  test('given flags and indices: a mixed search is allowed and narrowed; off, it is refused; a wildcard naming no index is allowed', async () => {
    const on = await checkPermission(client, { action: 'indices:data/read/search', index: 'a1,b1' }, { ...base, doNotFailOnForbidden: true });
    assert.equal(on.allowed, true);
    assert.deepEqual(on.narrowedTo, ['a1']);
    const off = await checkPermission(client, { action: 'indices:data/read/search', index: 'a1,b1' }, { ...base, doNotFailOnForbidden: false });
    assert.equal(off.allowed, false);
    assert.equal(off.narrowedTo, undefined);
    const none = await checkPermission(client, { action: 'indices:data/read/search', index: 'zz*' }, base);
    assert.equal(none.allowed, true);
  });

  test('flags and indices of the wrong type are ConfigErrors naming the option', async () => {
    for (const [opts, name] of [[{ doNotFailOnForbidden: 'yes' }, 'options.doNotFailOnForbidden'], [{ doNotFailOnForbiddenEmpty: 0 }, 'options.doNotFailOnForbiddenEmpty'], [{ clusterIndices: 'a1' }, 'options.clusterIndices']] as const) {
      const err = await checkPermission(client, { action: 'indices:data/read/search', index: 'a1' }, { ...base, ...opts } as never).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ConfigError, String(err));
      assert.equal(err.option, name);
    }
  });
});
