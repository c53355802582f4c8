/**
 * checkPermission against the REAL domain (2.19, or 3.4 in the matrix): for generated (principal, request,
 * index) triples the local verdict (roles, action groups and aliases read as the master user, the subject
 * from the caller's authinfo) must equal what the plugin then does when the request is really sent as that
 * principal (403 vs anything else; bulk / mget / msearch: an item refused inside the 200 response). On 3.2+
 * the server's own dry-run answers too, and must equal it as well.
 * Principals: master-user, new-user and p5-cp-user (p5-cp-role, created here). Indices: flights, movies,
 * p5-cp-data and the alias p5-cp-alias over it (the role grants read on the alias only: the plugin
 * follows the alias to the index). Writes to flights/movies are shaped to fail after the security check
 * (unparseable value, missing document), so the seeded data never changes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { SecurityApi } from '../../src/security/index.js';
import { checkPermission, hasPermissionDryRun, type PermissionCheck } from '../../src/explain/check-permission.js';
import type { RequestDescription } from '../../src/explain/request-actions.js';
import { indexAliasesFrom } from '../../src/fgac/aliases.js';
import { loadConnection } from '../domain/connection.js';
import { performAs } from '../support/plugin-outcome.js';
import { rng } from '../domain/seed-data.js';
import { localBasicClients, quickHash } from '../support/local-clients.js';

const conn = loadConnection();
const ROLE = 'p5-cp-role';
const USER = 'p5-cp-user';
const PASSWORD = 'P5-cp!Check#41zQ';
const HASH = quickHash(PASSWORD);
const INDEX = 'p5-cp-data';
const ALIAS = 'p5-cp-alias';
const STREAM = 'p5-cp-ds';
const TEMPLATE = 'p5-cp-ds-template';

const { make, master, limited, closeAll } = localBasicClients(conn);
const scratch = make(USER, PASSWORD);
const security = new SecurityApi(master);

before(async () => {
  await master.transport.request({ method: 'DELETE', path: `/${INDEX}` }).catch(() => undefined);
  await master.transport.request({
    method: 'PUT', path: `/${INDEX}`,
    body: { settings: { number_of_replicas: 0 }, mappings: { properties: { n: { type: 'integer' }, tag: { type: 'keyword' } } }, aliases: { [ALIAS]: {} } },
  });
  for (let i = 0; i < 5; i++) await master.transport.request({ method: 'PUT', path: `/${INDEX}/_doc/d${i}`, body: { n: i, tag: i % 2 === 0 ? 'even' : 'odd' } });
  await master.transport.request({ method: 'POST', path: `/${INDEX}/_refresh` });
  await master.transport.request({ method: 'DELETE', path: `/_data_stream/${STREAM}` }).catch(() => undefined);
  await master.transport.request({
    method: 'PUT', path: `/_index_template/${TEMPLATE}`,
    body: { index_patterns: [`${STREAM}*`], data_stream: {}, priority: 500, template: { settings: { number_of_replicas: 0 } } },
  });
  await master.transport.request({ method: 'POST', path: `/${STREAM}/_doc?refresh=true`, body: { '@timestamp': '2026-11-30T00:00:00Z', n: 1 } });
  await security.roles.putRaw(ROLE, {
    cluster_permissions: ['indices:data/write/bulk', 'cluster_monitor'],
    index_permissions: [
      { index_patterns: [ALIAS], allowed_actions: ['read'] },
      { index_patterns: [INDEX], allowed_actions: ['index'] },
      { index_patterns: ['movies'], allowed_actions: ['get', 'indices:data/read/search'] },
      { index_patterns: [STREAM], allowed_actions: ['read'] },
    ],
  });
  await security.users.putRaw(USER, { hash: HASH, backend_roles: [] });
  await security.roleMappings.putRaw(ROLE, { users: [USER] });
});

after(async () => {
  await security.roleMappings.delete(ROLE).catch(() => undefined);
  await security.users.delete(USER).catch(() => undefined);
  await security.roles.delete(ROLE).catch(() => undefined);
  await master.transport.request({ method: 'DELETE', path: `/${INDEX}` }).catch(() => undefined);
  await master.transport.request({ method: 'DELETE', path: `/_data_stream/${STREAM}` }).catch(() => undefined);
  await master.transport.request({ method: 'DELETE', path: `/_index_template/${TEMPLATE}` }).catch(() => undefined);
  await closeAll();
});

type Kind = 'search' | 'count' | 'get' | 'index' | 'delete' | 'update' | 'mapping' | 'health' | 'main' | 'bulk' | 'mget' | 'msearch';
const KINDS: Kind[] = ['search', 'count', 'get', 'index', 'delete', 'update', 'mapping', 'health', 'main', 'bulk', 'mget', 'msearch'];
const INDICES = ['flights', 'movies', INDEX, ALIAS];

/** A request of `kind` on `index` that never changes flights or movies. */
function requestFor(kind: Kind, index: string, n: number): RequestDescription {
  const seeded = index === 'flights' || index === 'movies';
  const writeBody = seeded ? { FlightDelayMin: 'p5-not-a-number', year: 'p5-not-a-number' } : { n, tag: 'p5' };
  const writeIndex = index === ALIAS ? INDEX : index;
  switch (kind) {
    case 'search': return { method: 'POST', path: `/${index}/_search`, body: { size: 1 } };
    case 'count': return { method: 'GET', path: `/${index}/_count` };
    case 'get': return { method: 'GET', path: `/${index}/_doc/${seeded ? (index === 'flights' ? 'flight-0001' : 'p5-missing') : 'd1'}` };
    case 'index': return { method: 'PUT', path: `/${writeIndex}/_doc/p5-cp-${n}`, body: writeBody };
    case 'delete': return { method: 'DELETE', path: `/${writeIndex}/_doc/p5-cp-missing-${n}` };
    case 'update': return { method: 'POST', path: `/${writeIndex}/_update/${seeded ? 'p5-cp-missing' : 'd2'}`, body: { doc: seeded ? { n } : { n } } };
    case 'mapping': return { method: 'GET', path: `/${index}/_mapping` };
    case 'health': return { method: 'GET', path: '/_cluster/health' };
    case 'main': return { method: 'GET', path: '/' };
    case 'bulk': return { method: 'POST', path: '/_bulk', body: `${JSON.stringify({ index: { _index: writeIndex, _id: `p5-cp-b${n}` } })}\n${JSON.stringify(writeBody)}\n` };
    case 'mget': return { method: 'POST', path: '/_mget', body: { docs: [{ _index: index, _id: 'd1' }] } };
    case 'msearch': return { method: 'POST', path: '/_msearch', body: `${JSON.stringify({ index })}\n${JSON.stringify({ size: 0 })}\n` };
  }
}




const DRY_RUN = hasPermissionDryRun(conn.opensearch.version);
const MAJOR = Number(conn.opensearch.version.split('.')[0]);

describe(`checkPermission agrees with the real ${conn.opensearch.version} plugin`, () => {
  test('generated (principal, request, index) triples: local verdict = what the server does', async () => {
    const principals: Array<[string, Client]> = [['master-user', master], ['new-user', limited], [USER, scratch]];
    const random = rng(1515);
    const triples: Array<{ who: string; client: Client; kind: Kind; index: string }> = [];
    for (const [who, client] of principals) for (const kind of KINDS) for (const index of INDICES) triples.push({ who, client, kind, index });
    // shuffled, so the order of writes and reads differs from the table order
    for (let i = triples.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [triples[i], triples[j]] = [triples[j] as (typeof triples)[number], triples[i] as (typeof triples)[number]];
    }
    let agreed = 0;
    let allowedCount = 0;
    let byServer = 0;
    let lost = 0;
    const disagreements: string[] = [];
    // The first triple of each principal reads everything itself; the rest reuse the same definitions (one read).
    const [roles, actionGroups, aliasBody] = await Promise.all([security.roles.listRaw(), security.actionGroups.listRaw(), master.transport.request({ method: 'GET', path: '/_alias' })]);
    const aliases = indexAliasesFrom(aliasBody.body);
    assert.deepEqual(aliases[ALIAS], [INDEX]);
    const seen = new Set<string>();
    for (const [n, t] of triples.entries()) {
      const request = requestFor(t.kind, t.index, n);
      const preloaded = seen.has(t.who) ? { roles, actionGroups, aliases, pluginVersion: conn.opensearch.version } : {};
      seen.add(t.who);
      const local: PermissionCheck = await checkPermission(t.client, request, { admin: master, mode: 'local', ...preloaded });
      assert.equal(local.source, 'local');
      assert.equal(local.pluginVersion, conn.opensearch.version);
      assert.notEqual(local.allowed, null, `${request.method} ${request.path} is in the table`);
      // auto: on 3.2+ the server's dry-run (nothing executed), else the local path again
      const auto: PermissionCheck = await checkPermission(t.client, request, { admin: master, ...preloaded });
      const server = await performAs(t.client, request);
      if (server.allowed) allowedCount++;
      if (local.allowed === server.allowed) agreed++;
      else disagreements.push(`${t.who} ${request.method} ${request.path}: local ${String(local.allowed)} (${local.missingPrivileges.join(', ')}), server ${String(server.allowed)}`);
      if (!DRY_RUN) {
        assert.deepEqual([auto.source, auto.fallbackReason], ['local', undefined], `${request.method} ${request.path}: no dry-run below 3.2`);
      } else if (auto.source === 'local') {
        // the REST handlers that cast their response (GET /, _count, _mapping on 3.4) lose the verdict
        lost++;
        assert.match(auto.fallbackReason ?? '', /could not return the verdict/, `${request.method} ${request.path}`);
        assert.equal(auto.allowed, local.allowed);
      } else {
        // what the dry-run does not judge (bulk actions of a single-document write, items) is judged locally with admin
        byServer++;
        if (auto.allowed !== server.allowed) disagreements.push(`${t.who} ${request.method} ${request.path}: dry-run ${String(auto.allowed)} (${auto.missingPrivileges.join(', ')}), server ${String(server.allowed)}`);
      }
      if (!server.allowed && server.named.length > 0) {
        for (const a of server.named) assert.ok(local.missingPrivileges.includes(a), `${t.who} ${request.method} ${request.path}: the plugin names ${a}, local misses ${local.missingPrivileges.join(', ')}`);
      }
    }
    console.log(`checkPermission triples: ${agreed}/${triples.length} agree (${allowedCount} allowed, ${triples.length - allowedCount} refused by the server)${DRY_RUN ? `; the server's dry-run answered ${byServer}, lost the verdict of ${lost}` : ''}`);
    assert.deepEqual(disagreements, []);
    if (DRY_RUN) assert.ok(byServer >= triples.length / 2, `the dry-run answered most triples (${byServer})`);
    assert.ok(triples.length >= 30);
    assert.ok(allowedCount >= 10 && triples.length - allowedCount >= 10, 'both verdicts are exercised');
  });

  test('the alias: p5-cp-role reads the index only through its alias pattern, and the local grant names the concrete index', async () => {
    const c = await checkPermission(scratch, { method: 'GET', path: `/${INDEX}/_search` }, { admin: master, mode: 'local' });
    assert.equal(c.allowed, true);
    const grant = c.checks[0]?.explanation.grants[0];
    assert.equal(grant?.pattern, ALIAS);
    assert.equal(grant?.index, INDEX);
    const withoutAliases = await checkPermission(scratch, { method: 'GET', path: `/${INDEX}/_search` }, { admin: master, aliases: {}, mode: 'local' });
    assert.equal(withoutAliases.allowed, false, 'without the alias table the pattern does not cover the index');
    assert.equal((await performAs(scratch, { method: 'GET', path: `/${INDEX}/_search` })).allowed, true, 'and the server allows it');
  });

  test('a data stream: a role pattern on the stream covers its backing index, locally and on the server', async () => {
    const streams = (await master.transport.request({ method: 'GET', path: `/_data_stream/${STREAM}` })).body as { data_streams: Array<{ indices: Array<{ index_name: string }> }> };
    const backing = streams.data_streams[0]?.indices[0]?.index_name as string;
    assert.match(backing, /^\.ds-p5-cp-ds-0+1$/);
    for (const [who, client, path] of [[USER, scratch, `/${STREAM}/_search`], [USER, scratch, `/${backing}/_search`], ['new-user', limited, `/${STREAM}/_search`], ['new-user', limited, `/${backing}/_search`]] as const) {
      const request = { method: 'GET', path };
      const local = await checkPermission(client, request, { admin: master, mode: 'local' });
      const auto = await checkPermission(client, request, { admin: master });
      const server = await performAs(client, request);
      assert.equal(local.allowed, server.allowed, `${who} ${path}: local ${String(local.allowed)}, server ${String(server.allowed)}`);
      assert.equal(auto.allowed, server.allowed, `${who} ${path}: ${auto.source} ${String(auto.allowed)}, server ${String(server.allowed)}`);
      assert.equal(local.allowed, who === USER, `${who} ${path}`);
      if (local.allowed === true) assert.deepEqual(local.checks[0]?.explanation.indices, path === `/${STREAM}/_search` ? [backing, STREAM] : [backing]);
    }
  });

  test('an action named directly, an unknown request, and the server path refused below 3.2', async () => {
    const direct = await checkPermission(limited, { action: 'indices:data/read/search', index: 'flights' }, { admin: master });
    assert.equal(direct.allowed, true);
    assert.deepEqual(direct.checks.map((x) => x.explanation.grants[0]?.role), ['new-role']);
    const put = await checkPermission(limited, { method: 'PUT', path: '/flights/_doc/1', body: { Dest: 'Oslo' } }, { admin: master, mode: 'local' });
    assert.deepEqual([put.source, put.allowed, put.missingPrivileges], ['local', false, ['indices:data/write/index', 'indices:data/write/bulk', 'indices:data/write/bulk[s]']]);
    assert.deepEqual(put.checks.map((x) => x.granted), [false, false, false, false]);
    const unknown = await checkPermission(limited, { method: 'POST', path: '/flights/_rank_eval' }, { admin: master, mode: 'local' });
    assert.equal(unknown.allowed, null);
    assert.match(unknown.reason ?? '', /not in the request table/);
    if (!DRY_RUN) {
      await assert.rejects(checkPermission(limited, { method: 'GET', path: '/flights/_search' }, { admin: master, mode: 'server' }), /3\.2 or later.*2\.19/);
      return;
    }
    const search = await checkPermission(limited, { method: 'GET', path: '/flights/_search' }, { mode: 'server' });
    assert.deepEqual([search.source, search.allowed, search.missingPrivileges], ['server', true, []]);
    const movies = await checkPermission(limited, { method: 'GET', path: '/movies/_search' }, { mode: 'server' });
    assert.deepEqual([movies.source, movies.allowed, movies.missingPrivileges], ['server', false, ['indices:data/read/search']]);
  });

  test('a role that may index but not bulk: the real write is refused, and so is the check (the dry-run alone says allowed)', async () => {
    const role = 'p5-cp-writer';
    const user = 'p5-cp-writer';
    await security.roles.putRaw(role, { cluster_permissions: [], index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['indices:data/write/index'] }] });
    await security.users.putRaw(user, { hash: HASH, backend_roles: [] });
    await security.roleMappings.putRaw(role, { users: [user] });
    const writer = make(user, PASSWORD);
    try {
      const request = { method: 'PUT', path: `/${INDEX}/_doc/p5-cp-writer`, body: { n: 1 } };
      const checked = await checkPermission(writer, request, { admin: master });
      assert.equal(checked.allowed, false);
      assert.ok(checked.missingPrivileges.includes('indices:data/write/bulk'), checked.missingPrivileges.join(', '));
      assert.equal(checked.source, DRY_RUN ? 'server' : 'local');
      if (DRY_RUN) {
        const bare = await checkPermission(writer, request);
        assert.deepEqual([bare.source, bare.allowed], ['server', null], "the plugin's dry-run judges the top-level action only: the rest is unjudged");
        assert.deepEqual(bare.notJudgedByServer?.map((c) => c.action), ['indices:data/write/bulk', 'indices:data/write/bulk[s]']);
      }
      const real = await performAs(writer, request);
      assert.deepEqual(real, { allowed: false, named: ['indices:data/write/bulk'], status: 403 }, 'the real write is refused for the cluster-level bulk action');
    } finally {
      await writer.close();
      await security.roleMappings.delete(role).catch(() => undefined);
      await security.users.delete(user).catch(() => undefined);
      await security.roles.delete(role).catch(() => undefined);
    }
  });

  test('under DLS/FLS the plugin refuses _update, bulk updates and a profiled search whatever the privileges; so does the check', async () => {
    const role = 'p5-cp-dls';
    const user = 'p5-cp-dls';
    await security.roles.putRaw(role, {
      cluster_permissions: ['indices:data/write/bulk'],
      index_permissions: [
        { index_patterns: [INDEX], allowed_actions: ['crud'], dls: '{"term":{"tag":"even"}}' },
        { index_patterns: ['movies'], allowed_actions: ['read'], fls: ['~director'] },
      ],
    });
    await security.users.putRaw(user, { hash: HASH, backend_roles: [] });
    await security.roleMappings.putRaw(role, { users: [user] });
    const restricted = make(user, PASSWORD);
    try {
      const cases: Array<[string, RequestDescription, string | undefined]> = [
        ['_update under DLS', { method: 'POST', path: `/${INDEX}/_update/d0`, body: { doc: { n: 0 } } }, 'Update is not supported'],
        ['bulk update item under DLS', { method: 'POST', path: '/_bulk', body: `${JSON.stringify({ update: { _index: INDEX, _id: 'd0' } })}\n{"doc":{"n":0}}\n` }, 'Update is not supported'],
        ['profiled search under DLS', { method: 'POST', path: `/${INDEX}/_search`, body: { profile: true, query: { match_all: {} } } }, 'Profiling is not supported'],
        ['terms min_doc_count 0 under DLS', { method: 'POST', path: `/${INDEX}/_search`, body: { size: 0, aggs: { t: { terms: { field: 'tag', min_doc_count: 0 } } } } }, 'min_doc_count 0 is not supported'],
        // 2.x asks "has DLS" of the user's whole configuration (DLS on p5-cp-data), 3.x of the searched indices
        ['profiled search on an FLS-only index', { method: 'POST', path: '/movies/_search', body: { profile: true, size: 1 } }, MAJOR < 3 ? 'Profiling is not supported' : undefined],
        ['plain search under DLS: runs', { method: 'POST', path: `/${INDEX}/_search`, body: { query: { match_all: {} } } }, undefined],
      ];
      for (const [label, request, refusal] of cases) {
        const checked = await checkPermission(restricted, request, { admin: master });
        let realText = '';
        try {
          const res = await restricted.transport.request({ ...request, ...(typeof request.body === 'string' ? { bulkBody: request.body, body: undefined } : {}) } as never);
          realText = JSON.stringify(res.body).slice(0, 2000);
        } catch (e) {
          realText = String((e as { meta?: { body?: unknown } }).meta?.body !== undefined ? JSON.stringify((e as { meta: { body: unknown } }).meta.body) : e);
        }
        if (refusal === undefined) {
          assert.equal(checked.allowed, true, `${label}: ${JSON.stringify(checked.refusedUnderDlsFls)}`);
          assert.equal(checked.refusedUnderDlsFls, undefined, label);
          assert.ok(!/not supported when/.test(realText), `${label}: the node ran it (${realText.slice(0, 200)})`);
        } else {
          assert.ok(realText.includes(refusal), `${label}: the node refuses it (${realText.slice(0, 300)})`);
          assert.equal(checked.allowed, false, `${label}: ${JSON.stringify(checked)}`);
          assert.ok(checked.refusedUnderDlsFls?.message.startsWith(refusal), `${label}: ${JSON.stringify(checked.refusedUnderDlsFls)}`);
          assert.deepEqual(checked.refusedUnderDlsFls?.indices, [request.path.includes('movies') ? 'movies' : INDEX], label);
          assert.deepEqual(checked.missingPrivileges, [], `${label}: no privilege is missing`);
        }
      }
    } finally {
      await restricted.close();
      await security.roleMappings.delete(role).catch(() => undefined);
      await security.users.delete(user).catch(() => undefined);
      await security.roles.delete(role).catch(() => undefined);
    }
  });

  test("the security API is never sent as a dry-run (3.4's own REST handlers would execute it)", async () => {
    const victim = 'p5-cp-victim';
    await security.users.putRaw(victim, { hash: HASH, backend_roles: [] });
    try {
      const request = { method: 'DELETE', path: `/_plugins/_security/api/internalusers/${victim}` };
      const auto = await checkPermission(master, request, { admin: master });
      assert.equal(auto.source, 'local');
      if (DRY_RUN) {
        assert.match(auto.fallbackReason ?? '', /never sent/);
        await assert.rejects(checkPermission(master, request, { mode: 'server' }), /plugin's REST endpoint/);
        // what the SDK avoids: the plugin itself executes the "dry-run"
        const raw = await master.transport.request({ method: 'PUT', path: `/_plugins/_security/api/roles/${victim}`, querystring: { perform_permission_check: 'true' }, body: { cluster_permissions: [] } });
        assert.equal(raw.statusCode, 201, 'the plugin created the role although the request asked for a dry-run');
        await security.roles.delete(victim);
      }
      assert.notEqual(await security.users.getRaw(victim), undefined, 'the user still exists');
    } finally {
      await security.users.delete(victim).catch(() => undefined);
    }
  });
});
