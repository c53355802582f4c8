/**
 * FLS with the node as referee: the `_source` the REAL plugin returns (2.19 on the main domain, 3.4 on
 * the matrix leg `opensearch-3`) for generated multi-role FLS rule sets over documents with nested
 * objects, arrays of objects and of plain values, keys holding dots and `.keyword` subfields must equal
 * `filterDocument(doc, rules, { pluginVersion })` (order of keys aside). And where a plugin's own
 * filtering shows a field the roles exclude, verifyHits (what the roles mean) reports it as a leak.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { filterDocument } from '../../src/verify/index.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { loadConnection } from '../domain/connection.js';
import { rng } from '../domain/seed-data.js';
import { localBasicClients, patchSecurity, quickHash, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const INDEX = 'p5-fls-truth';
const USER = 'p5-fls-truth-user';
const PASSWORD = 'Fls-truth-Passw0rd!9';
const HASH = quickHash(PASSWORD);
const ROLES = ['p5_fls_truth_a', 'p5_fls_truth_b', 'p5_fls_truth_c'];
const { master, make, closeAll } = localBasicClients(conn);
let user: Client;

/** Two documents: the shapes where the generations differ (see src/verify/fls-source.ts). */
const DOCS: Record<string, Record<string, unknown>> = {
  '1': { a: 'A', b: 'B', c: 'C', xa: 'XA', obj: { x: 'X', y: 'Y', inner: { p: 'P', q: 'Q' } }, arr: [{ m: 'M1', n: 'N1' }, { n: 'N2' }], name: 'Some Name' },
  '2': { tags: ['t1', 't2'], nums: [1, 2], 'dot.ted': 'D', o: { e: {} }, deep: { arr: [[{ k: 'K' }], ['p']] }, name: 'Other' },
};
const PATTERNS = ['a', 'b', 'c', 'obj', 'obj.x', 'obj.inner', 'obj.inner.p', 'obj.*', '*a', 'arr', 'arr.m', 'name', 'name.keyword', 'x*', 'ob?', 'ob?.x', '/o.*/',
  'tags', 'tags.x', 'nums.x', 'dot', 'dot.ted', 'o.e.z', 'o.e', 'deep', 'deep.arr.k', 'd*', '*.m', 't?gs'];

const request = restCaller(master);
const canon = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canon) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v;

/** The user's role list as last put (the user is put again only when it changes). */
let userRoles = '';

/** Puts one role per FLS list (a list of none: no FLS; one PATCH) and maps the user to them. */
async function grant(lists: readonly (readonly string[])[]): Promise<void> {
  await patchSecurity(master, 'roles', lists.map((fls, i) => ({ op: 'add', path: `/${ROLES[i] as string}`, value: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], ...(fls.length > 0 ? { fls } : {}) }] } })));
  const roles = ROLES.slice(0, lists.length);
  if (JSON.stringify(roles) !== userRoles) {
    await afterConflicts(() => request('PUT', `/_plugins/_security/api/internalusers/${USER}`, { hash: HASH, opendistro_security_roles: roles }));
    userRoles = JSON.stringify(roles);
  }
}

/** The user's `_source` of every document, by id (absent: no hit). */
async function sources(): Promise<Map<string, unknown>> {
  const res = await user.search({ index: INDEX, body: { query: { match_all: {} }, size: 10 } });
  return new Map((res.body.hits.hits as Array<{ _id: string; _source?: unknown }>).map((h) => [h._id, h._source ?? {}]));
}

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  // `deep` holds arrays mixing objects and plain values: kept in _source, not indexed
  await request('PUT', `/${INDEX}`, { mappings: { properties: { name: { type: 'text', fields: { keyword: { type: 'keyword' } } }, deep: { type: 'object', enabled: false } } } });
  for (const [id, doc] of Object.entries(DOCS)) await request('PUT', `/${INDEX}/_doc/${id}`, doc);
  await request('POST', `/${INDEX}/_refresh`);
  user = make(USER, PASSWORD);
});

after(async () => {
  for (const role of ROLES) await request('DELETE', `/_plugins/_security/api/roles/${role}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

describe(`FLS _source on the real ${VERSION} node`, () => {
  test('filterDocument with pluginVersion returns exactly what the node returns (32 seeded multi-role rule sets)', async () => {
    const r = rng(20261201);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const disagreements: string[] = [];
    let compared = 0;
    for (let n = 0; n < 32; n++) {
      const lists: string[][] = [];
      const roles = 1 + Math.floor(r() * 3);
      for (let k = 0; k < roles; k++) lists.push(Array.from({ length: Math.floor(r() * 3) }, () => (r() < 0.4 ? '~' : '') + pick(PATTERNS)));
      await grant(lists);
      const got = await sources();
      for (const [id, doc] of Object.entries(DOCS)) {
        const want = filterDocument(doc, lists, { pluginVersion: VERSION });
        compared++;
        if (JSON.stringify(canon(got.get(id))) !== JSON.stringify(canon(want))) disagreements.push(`${JSON.stringify(lists)} doc ${id}: node ${JSON.stringify(canon(got.get(id)))}, sdk ${JSON.stringify(canon(want))}`);
      }
    }
    assert.equal(compared, 64);
    assert.deepEqual(disagreements, []);
  });

  test('the shapes where 2.x and 3.x differ, each as the node returns it', async () => {
    // [rules, document id, field path whose presence differs between the generations, present on 3.x?]
    const cases: Array<[string[][], string, (s: Record<string, unknown>) => unknown, unknown, unknown]> = [
      [[['o']], '2', (s) => s.o, { e: {} }, {}], // 3.x: an included object keeps none of its members
      [[['tags.x']], '2', (s) => s.tags, undefined, ['t1', 't2']], // 3.x: an array at a parent path keeps its values
      [[['ob?.x']], '1', (s) => s.obj, undefined, { x: 'X' }], // 2.x: `?` is no wildcard in _source
      [[['~arr.m']], '1', (s) => s.arr, [{ n: 'N1' }, { n: 'N2' }], [{ n: 'N1' }, { n: 'N2' }]],
      [[['arr.m']], '1', (s) => s.arr, [{ m: 'M1' }], [{ m: 'M1' }, {}]], // 2.x drops emptied elements
      [[['o.e.z']], '2', (s) => s.o, undefined, { e: {} }], // 2.x drops emptied parents
    ];
    for (const [lists, id, part, v2, v3] of cases) {
      await grant(lists);
      const got = (await sources()).get(id) as Record<string, unknown>;
      assert.deepEqual(part(got), MAJOR >= 3 ? v3 : v2, `${JSON.stringify(lists)} on ${VERSION}`);
      assert.deepEqual(part(filterDocument(DOCS[id] as Record<string, unknown>, lists, { pluginVersion: VERSION })), MAJOR >= 3 ? v3 : v2);
    }
  });

  test('an exclusion of every field: 2.x also hides the metadata fields (hits without _id and _source), 3.x returns empty sources', async () => {
    await grant([['~*']]);
    const res = await user.search({ index: INDEX, body: { query: { match_all: {} }, size: 10 } });
    const hits = res.body.hits.hits as Array<{ _id?: unknown; _source?: unknown }>;
    assert.equal(hits.length, 2);
    if (MAJOR >= 3) assert.deepEqual(hits.map((h) => [h._id, h._source]).sort(), [['1', {}], ['2', {}]]);
    else assert.deepEqual(hits.map((h) => [h._id ?? null, h._source ?? null]), [[null, null], [null, null]]);
  });

  test('verifyHits reports a field the plugin shows although the roles exclude it (2.x: `~ob?.x`; 3.x: an array at a parent path)', async () => {
    const lists = MAJOR >= 3 ? [['tags.x']] : [['~ob?.x']];
    const leaked = MAJOR >= 3 ? 'tags' : 'obj.x';
    await grant(lists);
    const roles = Object.fromEntries(lists.map((fls, i) => [ROLES[i], { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls }] }]));
    const res = await user.search({ index: INDEX, body: { query: { match_all: {} } } });
    const report = verifyHits(res.body, expectationsFromRoles(roles, INDEX, { name: USER }, { pluginVersion: VERSION }));
    assert.equal(report.status, 'violation');
    assert.deepEqual([...new Set(report.findings.map((f) => `${f.kind} ${f.path}`))], [`fls-leak ${leaked}`]);
    for (const f of report.findings) assert.match(f.detail, new RegExp(`the ${MAJOR >= 3 ? 3 : 2}\\.x plugin's own _source filtering returns it`));
    // and filterDocument with the node's version predicts the field the node shows
    const doc = DOCS[MAJOR >= 3 ? '2' : '1'] as Record<string, unknown>;
    assert.ok(leaked.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], filterDocument(doc, lists, { pluginVersion: VERSION })) !== undefined);
    assert.equal(leaked.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], filterDocument(doc, lists)), undefined);
  });
});
