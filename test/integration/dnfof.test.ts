/**
 * `do_not_fail_on_forbidden` on the REAL domain (2.19, or 3.4 in the matrix): the test switches the
 * plugin's config.dynamic flags through the security REST API (the local domain allows it) and, for a
 * user whose role covers `dnf-a*` only, sends requests over allowed, forbidden, mixed, wildcard and alias
 * targets. explainPermission, told the same flags, the aliases and the cluster's indices, must say what the
 * node did: refused (403) or allowed, and on which indices the answer came (`narrowedTo`); so must
 * checkPermission's local path, which reads the flags and the indices itself with the admin client, and
 * its default (the server's dry-run on 3.2+, which honours the flags). The flags are restored afterwards. Files run one at a time (`--test-concurrency=1`), so no other test sees them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission } from '../../src/explain/check-permission.js';
import { explainPermission } from '../../src/explain/permission.js';
import { indexAliasesFrom } from '../../src/fgac/aliases.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restAnswer } from '../support/local-clients.js';

const conn = loadConnection();
const USER = 'dnf-user';
const PASSWORD = 'Qx4-Tb8-Mn3-Vc7!';
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);
const API = '/_plugins/_security/api';
const ROLE = {
  cluster_permissions: ['cluster_composite_ops_ro'],
  index_permissions: [{ index_patterns: ['dnf-a*'], allowed_actions: ['read', 'indices:monitor/*', 'indices:admin/mappings/get', 'indices:admin/aliases/get'] }],
};

const send = restAnswer;

async function setFlags(on: boolean, empty: boolean): Promise<void> {
  const r = await send(master, 'PATCH', `${API}/securityconfig`, [
    { op: 'add', path: '/config/dynamic/do_not_fail_on_forbidden', value: on },
    { op: 'add', path: '/config/dynamic/do_not_fail_on_forbidden_empty', value: empty },
  ]);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // the node reloads its configuration: wait until a mixed search answers as the flags say
  const deadline = Date.now() + 15_000;
  for (;;) {
    const probe = await send(user, 'GET', '/dnf-a1,dnf-b1/_search');
    if ((probe.status === 200) === on) return;
    if (Date.now() > deadline) throw new Error(`do_not_fail_on_forbidden=${on} not in effect after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Which indices an answer came from, per endpoint. */
const readers = {
  hits: (b: unknown) => ((b as { hits: { hits: Array<{ _index: string }> } }).hits.hits.map((h) => h._index)),
  fieldCaps: (b: unknown) => (b as { indices: string[] }).indices,
  resolve: (b: unknown) => (b as { indices: Array<{ name: string }> }).indices.map((i) => i.name),
  stats: (b: unknown) => Object.keys((b as { indices: object }).indices),
  keys: (b: unknown) => Object.keys(b as object),
  none: () => [] as string[],
};

const CASES: Array<{ path: string; action: string; index: string; read: keyof typeof readers }> = [
  { path: '/dnf-a1/_search?size=50', action: 'indices:data/read/search', index: 'dnf-a1', read: 'hits' },
  { path: '/dnf-b1/_search?size=50', action: 'indices:data/read/search', index: 'dnf-b1', read: 'hits' },
  { path: '/dnf-a1,dnf-b1/_search?size=50', action: 'indices:data/read/search', index: 'dnf-a1,dnf-b1', read: 'hits' },
  { path: '/dnf-*/_search?size=50', action: 'indices:data/read/search', index: 'dnf-*', read: 'hits' },
  { path: '/dnf-b*/_search?size=50', action: 'indices:data/read/search', index: 'dnf-b*', read: 'hits' },
  { path: '/dnf-zz*/_search?size=50', action: 'indices:data/read/search', index: 'dnf-zz*', read: 'hits' },
  { path: '/*/_search?size=50', action: 'indices:data/read/search', index: '*', read: 'hits' },
  { path: '/dnf-mixed/_search?size=50', action: 'indices:data/read/search', index: 'dnf-mixed', read: 'hits' },
  { path: '/dnf-onlyb/_search?size=50', action: 'indices:data/read/search', index: 'dnf-onlyb', read: 'hits' },
  { path: '/dnf-a1,dnf-b1/_field_caps?fields=*', action: 'indices:data/read/field_caps', index: 'dnf-a1,dnf-b1', read: 'fieldCaps' },
  { path: '/dnf-b1/_field_caps?fields=*', action: 'indices:data/read/field_caps', index: 'dnf-b1', read: 'fieldCaps' },
  { path: '/_resolve/index/dnf-b*', action: 'indices:admin/resolve/index', index: 'dnf-b*', read: 'resolve' },
  { path: '/dnf-a1,dnf-b1/_stats', action: 'indices:monitor/stats', index: 'dnf-a1,dnf-b1', read: 'stats' },
  { path: '/dnf-b1/_stats', action: 'indices:monitor/stats', index: 'dnf-b1', read: 'stats' },
  { path: '/dnf-b1/_settings', action: 'indices:monitor/settings/get', index: 'dnf-b1', read: 'keys' },
  { path: '/dnf-b1/_doc/1', action: 'indices:data/read/get', index: 'dnf-b1', read: 'none' },
  { path: '/dnf-a1,dnf-b1/_mapping', action: 'indices:admin/mappings/get', index: 'dnf-a1,dnf-b1', read: 'none' },
];

let original: { on: boolean; empty: boolean } = { on: false, empty: false };

before(async () => {
  const config = await send(master, 'GET', `${API}/securityconfig`);
  const dynamic = (config.body as { config: { dynamic: { do_not_fail_on_forbidden?: boolean; do_not_fail_on_forbidden_empty?: boolean } } }).config.dynamic;
  original = { on: dynamic.do_not_fail_on_forbidden === true, empty: dynamic.do_not_fail_on_forbidden_empty === true };
  for (const index of ['dnf-a1', 'dnf-a2', 'dnf-b1']) assert.ok((await send(master, 'PUT', `/${index}/_doc/1?refresh=true`, { name: index })).status < 300);
  await send(master, 'POST', '/_aliases', { actions: [
    { add: { index: 'dnf-a1', alias: 'dnf-mixed' } }, { add: { index: 'dnf-b1', alias: 'dnf-mixed' } }, { add: { index: 'dnf-b1', alias: 'dnf-onlyb' } },
  ] });
  assert.ok((await send(master, 'PUT', `${API}/roles/dnf-role`, ROLE)).status < 300);
  assert.ok((await send(master, 'PUT', `${API}/internalusers/${USER}`, { password: PASSWORD, backend_roles: [] })).status < 300);
  assert.ok((await send(master, 'PUT', `${API}/rolesmapping/dnf-role`, { users: [USER] })).status < 300);
});

after(async () => {
  await setFlags(original.on, original.empty).catch(() => undefined);
  await send(master, 'DELETE', `${API}/rolesmapping/dnf-role`);
  await send(master, 'DELETE', `${API}/roles/dnf-role`);
  await send(master, 'DELETE', `${API}/internalusers/${USER}`);
  for (const index of ['dnf-a1', 'dnf-a2', 'dnf-b1']) await send(master, 'DELETE', `/${index}`);
  await closeAll();
});

describe(`do_not_fail_on_forbidden, as the ${conn.opensearch.version} node does it`, () => {
  for (const [on, empty] of [[false, false], [true, false], [true, true]] as const) {
    test(`do_not_fail_on_forbidden ${on}, _empty ${empty}: explainPermission says what the node answered, for ${CASES.length} requests`, async () => {
      await setFlags(on, empty);
      const aliases = indexAliasesFrom((await send(master, 'GET', '/_alias')).body);
      const clusterIndices = ((await send(master, 'GET', '/_cat/indices?h=index&format=json&expand_wildcards=all')).body as Array<{ index: string }>).map((r) => r.index);
      const seen: string[] = [];
      let judgedByCheck = 0;
      for (const c of CASES) {
        const real = await send(user, 'GET', c.path);
        assert.ok(real.status === 200 || real.status === 403, `${c.path}: ${real.status} ${JSON.stringify(real.body).slice(0, 300)}`);
        const explained = explainPermission({ 'dnf-role': ROLE }, undefined, {
          action: c.action, index: c.index, user: { name: USER, roles: ['dnf-role'] }, aliases, clusterIndices,
          doNotFailOnForbidden: on, doNotFailOnForbiddenEmpty: empty,
        });
        const what = `${c.path} (${c.action})`;
        assert.equal(explained.granted, real.status === 200, `${what}: node ${real.status}, explainPermission granted=${explained.granted}`);
        if (!on) assert.equal(explained.narrowedTo, undefined, what);
        if (real.status === 200 && on) {
          const answered = [...new Set(readers[c.read](real.body))].sort();
          assert.ok(explained.narrowedTo !== undefined, `${what}: the node answered, explainPermission names no indices`);
          if (c.read !== 'none') assert.deepEqual([...explained.narrowedTo].sort(), answered, `${what}: indices`);
        }
        const checked = await checkPermission(user, { method: 'GET', path: c.path }, { admin: master, mode: 'local' });
        if (checked.allowed !== null) {
          judgedByCheck++;
          assert.equal(checked.allowed, real.status === 200, `${what}: node ${real.status}, checkPermission allowed=${checked.allowed} (${checked.missingPrivileges.join(', ')})`);
          if (real.status === 200 && on && c.read !== 'none') assert.deepEqual([...(checked.narrowedTo ?? [])].sort(), [...(explained.narrowedTo ?? [])].sort(), `${what}: checkPermission narrowedTo`);
        }
        // auto: the server's dry-run on 3.2+ (it honours the flags: measured on 3.4), the local path before
        const auto = await checkPermission(user, { method: 'GET', path: c.path }, { admin: master });
        if (auto.allowed !== null) assert.equal(auto.allowed, real.status === 200, `${what}: node ${real.status}, checkPermission (${auto.source}) allowed=${auto.allowed}`);
        seen.push(`${real.status} ${c.path} ${explained.narrowedTo?.join('+') ?? ''}`);
      }
      // the node did narrow in these modes (a test that could pass with every request refused would prove nothing)
      if (on) assert.ok(seen.includes('200 /dnf-a1,dnf-b1/_search?size=50 dnf-a1'), seen.join('\n'));
      if (empty) assert.ok(seen.some((s) => s.startsWith('200 /dnf-b1/_search')), seen.join('\n'));
      // checkPermission's table knows the search, field_caps, stats, settings, document and mapping requests at least
      assert.ok(judgedByCheck >= 12, `checkPermission judged ${judgedByCheck} of ${CASES.length}`);
    });
  }
});
