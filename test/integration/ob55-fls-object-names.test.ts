/**
 * What a search reads of an object's members under FLS naming the object, on the REAL node (2.19.4, or 3.4 with
 * FGAC_DOMAIN_DIR=.local-domain/opensearch-3). 1.x/2.x keep or drop each field of the index's field list by its own
 * name (DlsFlsFilterLeafReader): an included object `o` shows no `o.x` to exists/term queries, aggregations and
 * doc values, with or without the exact-name shortcut; an excluded `o` hides `o.x` only under the shortcut (no entry
 * holds `.` or `*`). 3.x checks every parent path (FieldPrivileges): `o` covers `o.x` both ways. isFieldVisible and
 * compileFls with the node's version must say what the node reads. verifyHits holds the node's response to what the
 * roles include and exclude: a member of an excluded object the node shows is an FLS leak, one of an included object is not.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { compileFls, isFieldVisible } from '../../src/verify/fls.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { loadConnection } from '../domain/connection.js';
import { afterConflicts } from '../support/settle.js';
import { localBasicClients, quickHash, restAnswer, restOk } from '../support/local-clients.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const MAJOR = pluginMajorVersion(VERSION) as number;
const API = '/_plugins/_security/api';
const USER = 'ob55-fls-user';
const ROLE = 'ob55-fls-role';
const PASSWORD = 'Ob55-fls-Passw0rd!5';
const INDEX = 'ob55-object-names';
const DOC = { o: { x: 'X', y: 'Y', t: 'tee' }, p: 'P', z: 'Z', q: { r: 'R' } };
/** Each leaf field and a value it holds (`o.t` is text with a keyword subfield). */
const VALUES: Record<string, string> = { 'o.x': 'X', 'o.y': 'Y', 'o.t': 'tee', 'o.t.keyword': 'tee', p: 'P', z: 'Z', 'q.r': 'R' };
const FIELDS = Object.keys(VALUES);
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);
const ok = (method: string, path: string, body?: unknown): Promise<void> => restOk(master, method, path, body);
const O = ['o.x', 'o.y', 'o.t', 'o.t.keyword'];

/** FLS lists, and the fields a search reads on 2.x and on 3.x (written from the plugins' sources, checked by the node). */
const CASES: Array<{ fls: string[]; v2: string[]; v3: string[] }> = [
  { fls: ['o'], v2: [], v3: O },
  { fls: ['o', 'p'], v2: ['p'], v3: [...O, 'p'] },
  { fls: ['o', 'q.r'], v2: ['q.r'], v3: [...O, 'q.r'] },
  { fls: ['o', 'z*'], v2: ['z'], v3: [...O, 'z'] },
  { fls: ['~o'], v2: ['p', 'z', 'q.r'], v3: ['p', 'z', 'q.r'] },
  { fls: ['o', '~o'], v2: ['p', 'z', 'q.r'], v3: ['p', 'z', 'q.r'] },
  // an entry with `.` or `*` turns 2.x's shortcut off: `~o` then hides only a field named `o`
  { fls: ['~o', '~q.r'], v2: [...O, 'p', 'z'], v3: ['p', 'z'] },
  { fls: ['~o', '~z*'], v2: [...O, 'p', 'q.r'], v3: ['p', 'q.r'] },
  { fls: ['o*'], v2: O, v3: O },
];

/** Hits of the user's search (the total). */
async function count(body: unknown): Promise<number> {
  const r = await restAnswer(user, 'POST', `/${INDEX}/_search`, body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body as { hits: { total: { value: number } } }).hits.total.value;
}

/** Whether `field` is read by each of: exists, term, terms aggregation and docvalue_fields (the last two on keyword fields). */
async function reads(field: string): Promise<boolean[]> {
  const out = [(await count({ query: { exists: { field } } })) > 0, (await count({ query: { term: { [field]: VALUES[field] } } })) > 0];
  if (field === 'o.t') return out;
  const agg = await restAnswer(user, 'POST', `/${INDEX}/_search`, { size: 0, aggs: { t: { terms: { field } } } });
  assert.equal(agg.status, 200, JSON.stringify(agg.body));
  out.push((agg.body as { aggregations: { t: { buckets: unknown[] } } }).aggregations.t.buckets.length > 0);
  const dv = await restAnswer(user, 'POST', `/${INDEX}/_search`, { docvalue_fields: [field], _source: false });
  assert.equal(dv.status, 200, JSON.stringify(dv.body));
  out.push((dv.body as { hits: { hits: Array<{ fields?: Record<string, unknown> }> } }).hits.hits[0]?.fields?.[field] !== undefined);
  return out;
}

async function grant(fls: string[]): Promise<void> {
  await afterConflicts(() => ok('PUT', `${API}/roles/${ROLE}`, { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls }] }));
  await afterConflicts(() => ok('PUT', `${API}/internalusers/${USER}`, { hash: quickHash(PASSWORD), opendistro_security_roles: [ROLE] }));
}

before(async () => {
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  const keyword = { type: 'keyword' };
  await ok('PUT', `/${INDEX}`, { mappings: { properties: { o: { properties: { x: keyword, y: keyword, t: { type: 'text', fields: { keyword } } } }, p: keyword, z: keyword, q: { properties: { r: keyword } } } } });
  await ok('PUT', `/${INDEX}/_doc/1?refresh=true`, DOC);
});

after(async () => {
  await restAnswer(master, 'DELETE', `${API}/internalusers/${USER}`);
  await restAnswer(master, 'DELETE', `${API}/roles/${ROLE}`);
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  await closeAll();
});

describe(`FLS naming an object, what a search reads on the real ${VERSION} node`, () => {
  for (const c of CASES) {
    test(`fls ${JSON.stringify(c.fls)}`, async () => {
      await grant(c.fls);
      const readable: string[] = [];
      for (const field of FIELDS) {
        const ways = await reads(field);
        // queries, aggregations and doc values all read the same field list
        assert.ok(ways.every((w) => w === ways[0]), `${field}: exists, term, terms, docvalue_fields disagree: ${JSON.stringify(ways)}`);
        if (ways[0] === true) readable.push(field);
      }
      assert.deepEqual(readable.sort(), [...(MAJOR >= 3 ? c.v3 : c.v2)].sort(), 'the node, against what this test was written from');
      assert.deepEqual(FIELDS.filter((f) => isFieldVisible(f, [c.fls], 'leaf', { pluginVersion: VERSION })).sort(), readable, 'isFieldVisible with the node version');
      const compiled = compileFls([c.fls], { pluginVersion: VERSION });
      assert.deepEqual(FIELDS.filter((f) => compiled.isVisible(f, 'any')).sort(), readable, 'compileFls');
    });
  }

  test('verifyHits: under [\'o\'] the members the node shows (2.x: in _source; 3.x: in doc values) are no leak; absent ones are absent', async () => {
    await grant(['o']);
    const res = await restAnswer(user, 'POST', `/${INDEX}/_search`, { query: { match_all: {} }, docvalue_fields: ['o.x', 'o.y'] });
    assert.equal(res.status, 200);
    const hit = (res.body as { hits: { hits: Array<{ _source: { o?: unknown }; fields?: Record<string, unknown> }> } }).hits.hits[0];
    // 2.x's _source keeps the members (source filtering: `o` also matches `o.*`), 3.x's keeps the object without them
    // (FlsDocumentFilter judges each key on its full path); only 3.x's searches read them
    assert.deepEqual(hit?._source.o, MAJOR >= 3 ? {} : DOC.o);
    assert.equal(hit?.fields?.['o.x'] !== undefined, MAJOR >= 3, JSON.stringify(hit?.fields));
    const roles = { [ROLE]: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls: ['o'] }] } };
    const report = verifyHits(res.body, expectationsFromRoles(roles, INDEX, { name: USER }, { pluginVersion: VERSION }));
    assert.equal(report.status, 'pass', JSON.stringify(report.findings));
  });

  test('verifyHits: under [\'~o\', \'~z*\'] a member of o the node shows (2.x: its doc values) is an FLS leak', async () => {
    await grant(['~o', '~z*']);
    const res = await restAnswer(user, 'POST', `/${INDEX}/_search`, { query: { match_all: {} }, docvalue_fields: ['o.x', 'o.t.keyword', 'p'] });
    assert.equal(res.status, 200);
    const hit = (res.body as { hits: { hits: Array<{ _source: Record<string, unknown>; fields?: Record<string, unknown> }> } }).hits.hits[0];
    assert.deepEqual(Object.keys(hit?.fields ?? {}).sort(), MAJOR >= 3 ? ['p'] : ['o.t.keyword', 'o.x', 'p']);
    const roles = { [ROLE]: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls: ['~o', '~z*'] }] } };
    const report = verifyHits(res.body, expectationsFromRoles(roles, INDEX, { name: USER }, { pluginVersion: VERSION }));
    const found = [...new Set(report.findings.map((f) => `${f.kind} ${f.path} ${f.location}`))].sort();
    if (MAJOR >= 3) assert.equal(report.status, 'pass', JSON.stringify(report.findings));
    else assert.deepEqual([report.status, ...found], ['violation', 'fls-leak o.t.keyword fields', 'fls-leak o.x fields']);
    // the same response without a version: the roles exclude o on every generation
    assert.deepEqual(verifyHits(res.body, expectationsFromRoles(roles, INDEX, { name: USER })).status, MAJOR >= 3 ? 'pass' : 'violation');
  });
});
