/**
 * `plugins.security.dfm_empty_overrides_all` against the REAL plugin: the main run and the matrix's 3.x leg
 * have it off (the default), the matrix's `dfm` leg starts a node with it on (FGAC_NODE_SETTINGS). For role
 * sets where one grant restricts an index with DLS, FLS or masking and another grant does not, the test
 * sends as the mapped user a search, an `_update` and a profiled search, and requires checkPermission's
 * DLS/FLS valve verdict and verifyHits (given the same flag) to agree with what the node did.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission } from '../../src/explain/check-permission.js';
import type { RequestDescription } from '../../src/explain/request-actions.js';
import { expectationsFromRoles, fieldTypesFromMapping, verifyHits, type RoleLike } from '../../src/verify/index.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, localMasking } from '../support/local-clients.js';

const conn = loadConnection();
/** Whether this node was started with the setting on (the matrix's dfm leg). */
const DFM = /plugins\.security\.dfm_empty_overrides_all:\s*true/.test(process.env.FGAC_NODE_SETTINGS ?? '');
const X = 'p9-dfm-x';
const Y = 'p9-dfm-y';
const PASSWORD = 'P9-dfm!Check#41zQ';
const EVEN = '{"term":{"tag":"even"}}';
const { make, master, closeAll } = localBasicClients(conn);

type Grant = Record<string, unknown>;
/** Each scenario: the index permissions of one role per inner list, all mapped to one user. */
const SCENARIOS: Record<string, Grant[][]> = {
  'DLS + a plain grant': [[{ index_patterns: [X], allowed_actions: ['crud'], dls: EVEN }], [{ index_patterns: [X], allowed_actions: ['crud'] }]],
  'FLS in one role, DLS in another': [[{ index_patterns: [X], allowed_actions: ['crud'], fls: ['~secret'] }], [{ index_patterns: [X], allowed_actions: ['crud'], dls: EVEN }]],
  'DLS on *, plain on the index': [[{ index_patterns: ['*'], allowed_actions: ['crud'], dls: EVEN }], [{ index_patterns: [X], allowed_actions: ['crud'] }]],
  'plain on *, DLS on the index': [[{ index_patterns: ['*'], allowed_actions: ['crud'] }], [{ index_patterns: [X], allowed_actions: ['crud'], dls: EVEN }]],
  'plain read on a pattern, DLS on the index': [[{ index_patterns: ['p9-dfm-*'], allowed_actions: ['read'] }], [{ index_patterns: [X], allowed_actions: ['crud'], dls: EVEN }]],
  'masking on the index, plain on another': [[{ index_patterns: [X], allowed_actions: ['crud'], masked_fields: ['secret'] }], [{ index_patterns: [Y], allowed_actions: ['crud'] }]],
  'DLS and plain on another index, FLS on this one': [
    [{ index_patterns: [Y], allowed_actions: ['crud'], dls: EVEN }, { index_patterns: [X], allowed_actions: ['crud'], fls: ['~secret'] }],
    [{ index_patterns: [Y], allowed_actions: ['crud'] }],
  ],
  'two grants of one role': [[{ index_patterns: [X], allowed_actions: ['crud'], dls: EVEN }, { index_patterns: ['p9-dfm-x*'], allowed_actions: ['read'] }]],
};

const slugOf = (name: string): string => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
const rolesOf = (name: string): string[] => SCENARIOS[name]!.map((_, i) => `p9-dfm-${slugOf(name)}-${i}`);
const userOf = (name: string): string => `p9-dfm-${slugOf(name)}`;

/** One PATCH per resource type for every scenario (each security write is slow; 30 of them took a minute). */
async function patchAll(op: 'add' | 'remove'): Promise<void> {
  const names = Object.keys(SCENARIOS);
  const ops = (type: string, entries: Array<[string, unknown]>): Promise<unknown> => master.transport.request({
    method: 'PATCH', path: `/_plugins/_security/api/${type}`,
    body: entries.map(([key, value]) => (op === 'add' ? { op, path: `/${key}`, value } : { op, path: `/${key}` })) as never,
  });
  const users = names.map((n): [string, unknown] => [userOf(n), { password: PASSWORD, backend_roles: [] }]);
  const roles = names.flatMap((n) => rolesOf(n).map((r, i): [string, unknown] => [r, { cluster_permissions: ['indices:data/write/bulk'], index_permissions: SCENARIOS[n]![i] }]));
  const mappings = names.flatMap((n) => rolesOf(n).map((r): [string, unknown] => [r, { users: [userOf(n)] }]));
  if (op === 'remove') {
    // only what exists can be removed: a leftover of an interrupted run, or this run's own
    const existing = async (type: string, list: Array<[string, unknown]>): Promise<Array<[string, unknown]>> => {
      const body = (await master.transport.request({ method: 'GET', path: `/_plugins/_security/api/${type}` })).body as Record<string, unknown>;
      return list.filter(([k]) => Object.hasOwn(body, k));
    };
    for (const [type, list] of [['rolesmapping', mappings], ['roles', roles], ['internalusers', users]] as const) {
      const present = await existing(type, list);
      if (present.length > 0) await ops(type, present);
    }
    return;
  }
  await ops('internalusers', users);
  await ops('roles', roles);
  await ops('rolesmapping', mappings);
}

before(async () => {
  await patchAll('remove');
  await patchAll('add');
  for (const index of [X, Y]) {
    await master.transport.request({ method: 'DELETE', path: `/${index}` }).catch(() => undefined);
    await master.transport.request({
      method: 'PUT', path: `/${index}`,
      body: { settings: { number_of_replicas: 0 }, mappings: { properties: { n: { type: 'integer' }, tag: { type: 'keyword' }, secret: { type: 'keyword' } } } },
    });
    for (let i = 0; i < 4; i++) await master.transport.request({ method: 'PUT', path: `/${index}/_doc/d${i}`, body: { n: i, tag: i % 2 === 0 ? 'even' : 'odd', secret: `s${i}` } });
    await master.transport.request({ method: 'POST', path: `/${index}/_refresh` });
  }
});

after(async () => {
  for (const index of [X, Y]) await master.transport.request({ method: 'DELETE', path: `/${index}` }).catch(() => undefined);
  await patchAll('remove').catch(() => undefined);
  await closeAll();
});

/** What the node did with a request: ran it, or refused it in the DLS/FLS valve. */
async function outcome(client: ReturnType<typeof make>, request: RequestDescription & { method: string; path: string }): Promise<'ran' | 'valve'> {
  try {
    await client.transport.request({ method: request.method, path: request.path, body: request.body as Record<string, unknown> });
    return 'ran';
  } catch (e) {
    const text = JSON.stringify((e as { meta?: { body?: unknown } }).meta?.body ?? String(e));
    assert.match(text, /not supported when/, `${request.method} ${request.path}: refused for another reason: ${text.slice(0, 300)}`);
    return 'valve';
  }
}

describe(`dfm_empty_overrides_all ${DFM ? 'on' : 'off'}: the valve and verifyHits agree with the real ${conn.opensearch.version} plugin`, () => {
  const seen = new Map<string, string>();
  for (const name of Object.keys(SCENARIOS)) {
    test(name, async () => {
      const roleNames = rolesOf(name);
      const user = userOf(name);
      const client = make(user, PASSWORD);
      try {
        const requests = {
          update: { method: 'POST', path: `/${X}/_update/d1`, body: { doc: { n: 1 } } },
          profile: { method: 'POST', path: `/${X}/_search`, body: { profile: true, size: 0 } },
        };
        for (const [label, request] of Object.entries(requests)) {
          const real = await outcome(client, request);
          const checked = await checkPermission(client, request, { admin: master, mode: 'local', dfmEmptyOverridesAll: DFM });
          const predicted = checked.refusedUnderDlsFls !== undefined ? 'valve' : 'ran';
          assert.equal(checked.allowed, predicted === 'ran', `${label}: ${JSON.stringify(checked)}`);
          assert.equal(predicted, real, `${label}: the node ${real === 'valve' ? 'refused it in the valve' : 'ran it'}; checkPermission: ${JSON.stringify(checked.refusedUnderDlsFls)}`);
          seen.set(`${name}/${label}`, real);
        }
        const res = await client.search({ index: X, body: { query: { match_all: {} }, size: 10 } });
        const roles: Record<string, RoleLike> = {};
        for (const role of roleNames) roles[role] = (await master.transport.request({ method: 'GET', path: `/_plugins/_security/api/roles/${role}` })).body[role] as RoleLike;
        const fieldTypes = fieldTypesFromMapping((await master.transport.request({ method: 'GET', path: `/${X}/_mapping` })).body);
        const originals = new Map<string, unknown>();
        for (let i = 0; i < 4; i++) originals.set(`${X}/d${i}`, { n: i, tag: i % 2 === 0 ? 'even' : 'odd', secret: `s${i}` });
        const expectations = expectationsFromRoles(roles, X, { name: user, securityRoles: roleNames }, { ...localMasking(conn), originals, fieldTypes, dfmEmptyOverridesAll: DFM });
        const report = verifyHits(res.body, expectations);
        assert.deepEqual(report.findings, [], 'what the node returned is what the roles promise under this setting');
        assert.deepEqual(report.unverifiable, [], 'every hit was judged');
        const hits = (res.body as { hits: { hits: unknown[] } }).hits.hits.length;
        seen.set(`${name}/hits`, String(hits));
        if (DFM && hits === 4 && (name === 'DLS + a plain grant' || name === 'DLS on *, plain on the index')) {
          // read without the setting, the odd documents the node now returns would be DLS leaks: the flag decided
          const strict = verifyHits(res.body, { ...expectations, dfmEmptyOverridesAll: false });
          assert.ok(strict.findings.some((f) => f.kind === 'dls-violation'), JSON.stringify(strict.findings));
        }
      } finally {
        await client.close();
      }
    });
  }

  test('the node really runs with the setting this run expects', () => {
    // off: the plain grant does not lift the DLS of the other (2 of 4 documents, _update refused); on: it does
    assert.equal(seen.get('DLS + a plain grant/hits'), DFM ? '4' : '2');
    assert.equal(seen.get('DLS + a plain grant/update'), DFM ? 'ran' : 'valve');
  });
});
