/**
 * Helper 222 (review 217), on the real node (2.19 by default, 3.4 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3):
 * verifyHits without `fieldTypes` (the README's first example) must not take one reading of a value whose field type
 * it does not know. The node reads a number by its mapped type (a dynamic long truncates 5.7 to 5, a text field holds
 * the source text "5.0" and the token "5" of -5), "" is no value of a numeric field, a keyword's null_value indexes a
 * null, and a lowercase normalizer's doc values hold the mask of "àbc" for "ÀBC". For every document and role, the
 * SDK's verdict without fieldTypes never contradicts what the node shows (a hidden document is never `match`, a
 * shown one never `no-match`); the cases the old code decided wrongly are now unverifiable, and with fieldTypes the
 * mapped ones are decided.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import { fieldTypesFromMapping, type FieldTypes } from '../../src/verify/dls/index.js';
import { expectationsFromRoles, maskValue, verifyHits } from '../../src/verify/index.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restAnswer, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const rest = restCaller(master);
const version = conn.opensearch.version;
const PASSWORD = 'H222-untyped!Read#4kQ';
const IDX = 'h222-untyped';
const NIDX = 'h222-untyped-norm';
const SIDX = 'h222-untyped-sort';
// bulk lines in order: the first `n` (5) makes the dynamic mapping a long; raw text keeps 5.0 and -5 as written
const DOCS: Array<[string, string]> = [
  ['1', '{"n": 5}'], ['2', '{"n": 5.7}'], ['3', '{"n": 6}'], ['4', '{"n": ""}'],
  ['5', '{"l": 5.7}'], ['6', '{"t": 5.0}'], ['7', '{"t": -5}'], ['8', '{"nv": null}'], ['9', '{"nv": "x"}'],
];
const ROLES: Record<string, unknown> = {
  range: { range: { n: { gt: 5 } } },
  long: { term: { l: 5 } },
  text: { term: { t: 5 } },
  exists: { exists: { field: 'n' } },
  nonull: { bool: { must_not: { exists: { field: 'nv' } } } },
};
const roleName = (r: string): string => `h222-role-${r}`;
const userName = (r: string): string => `h222-user-${r}`;
const roleBody = (r: string): Record<string, unknown> => r === 'mask'
  ? { index_permissions: [{ index_patterns: [NIDX, SIDX], allowed_actions: ['read'], masked_fields: ['k', 'm'] }] }
  : { index_permissions: [{ index_patterns: [IDX], allowed_actions: ['read'], dls: JSON.stringify(ROLES[r]) }] };
const NAMES = [...Object.keys(ROLES), 'mask'];
const SECURITY = '/_plugins/_security/api';
const patch = (endpoint: string, ops: unknown[]): Promise<void> => afterConflicts(() => master.transport.request({ method: 'PATCH', path: `${SECURITY}/${endpoint}`, body: ops as never }));

type Hit = { _index: string; _id: string; _source: Record<string, unknown> };
let all: Hit[] = [];
let fieldTypes: FieldTypes;

before(async () => {
  for (const ix of [IDX, NIDX, SIDX]) await rest('DELETE', `/${ix}`).catch(() => undefined);
  await rest('PUT', `/${SIDX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { m: { type: 'keyword', fields: { f: { type: 'float' } } } } } });
  await rest('PUT', `/${SIDX}/_doc/a`, { m: '5.70000001' });
  await rest('PUT', `/${IDX}`, {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: { properties: { l: { type: 'long' }, t: { type: 'text' }, nv: { type: 'keyword', null_value: 'N/A' } } },
  });
  await rest('PUT', `/${NIDX}`, {
    settings: { number_of_shards: 1, number_of_replicas: 0, analysis: { normalizer: { lc: { type: 'custom', filter: ['lowercase'] } } } },
    mappings: { properties: { k: { type: 'keyword', normalizer: 'lc' } } },
  });
  for (const [id, body] of DOCS) {
    await master.transport.request({ method: 'PUT', path: `/${IDX}/_doc/${id}`, body, headers: { 'content-type': 'application/json' } } as never);
  }
  await rest('PUT', `/${NIDX}/_doc/a`, { k: 'ÀBC' });
  await rest('POST', `/${IDX},${NIDX},${SIDX}/_refresh`);
  fieldTypes = fieldTypesFromMapping((await rest('GET', `/${IDX}`)).body);
  all = ((await rest('POST', `/${IDX}/_search`, { size: 100, sort: [{ _id: 'asc' }] })).body as { hits: { hits: Hit[] } }).hits.hits;
  const hash = bcrypt.hashSync(PASSWORD, 4);
  await patch('roles', NAMES.map((r) => ({ op: 'add', path: `/${roleName(r)}`, value: roleBody(r) })));
  await patch('internalusers', NAMES.map((r) => ({ op: 'add', path: `/${userName(r)}`, value: { hash, backend_roles: [] } })));
  await patch('rolesmapping', NAMES.map((r) => ({ op: 'add', path: `/${roleName(r)}`, value: { users: [userName(r)] } })));
});

after(async () => {
  for (const ix of [IDX, NIDX, SIDX]) await rest('DELETE', `/${ix}`).catch(() => undefined);
  for (const [endpoint, names] of [['rolesmapping', NAMES.map(roleName)], ['roles', NAMES.map(roleName)], ['internalusers', NAMES.map(userName)]] as const) {
    await restAnswer(master, 'PATCH', `${SECURITY}/${endpoint}`, names.map((n) => ({ op: 'remove', path: `/${n}` })));
  }
  await closeAll();
});

/** The ids the role's user sees, and verifyHits' DLS verdict (m/n/u) of every document, as if returned, with and without fieldTypes. */
async function judged(r: string): Promise<{ shown: string[]; without: Record<string, string>; withTypes: Record<string, string> }> {
  const s = await restAnswer(make(userName(r), PASSWORD), 'POST', `/${IDX}/_search`, { size: 100, query: { match_all: {} } });
  assert.equal(s.status, 200, r);
  const shown = (s.body as { hits: { hits: Hit[] } }).hits.hits.map((h) => h._id).sort();
  const verdicts = (types: FieldTypes | undefined): Record<string, string> => Object.fromEntries(all.map((h) => {
    const exp = expectationsFromRoles({ [roleName(r)]: roleBody(r) } as Parameters<typeof expectationsFromRoles>[0], IDX, { name: userName(r) }, { pluginVersion: version, ...(types ? { fieldTypes: types } : {}) });
    return [h._id, (verifyHits({ hits: { hits: [h] } }, exp).hits[0]?.dls.result ?? '?')[0] as string];
  }));
  return { shown, without: verdicts(undefined), withTypes: verdicts(fieldTypes) };
}

/** No verdict contradicts the node: a shown document is never no-match, a hidden one never match. */
function agrees(j: { shown: string[] }, v: Record<string, string>, what: string): void {
  for (const [id, d] of Object.entries(v)) {
    if (j.shown.includes(id)) assert.notEqual(d, 'n', `${what}: ${id} is shown, judged no-match`);
    else assert.notEqual(d, 'm', `${what}: ${id} is hidden, judged match`);
  }
}

describe(`verifyHits without fieldTypes reads a value of unknown type every way the node may (${version})`, () => {
  test('a dynamic long truncates 5.7: range gt 5 hides it (without fieldTypes: unverifiable, with: no-match)', async () => {
    const j = await judged('range');
    assert.deepEqual(j.shown, ['3']);
    agrees(j, j.without, 'range');
    assert.equal(j.without['2'], 'u');
    assert.equal(j.withTypes['2'], 'n');
    assert.equal(j.withTypes['3'], 'm');
  });
  test('an explicit long: term 5 shows {l: 5.7} (without fieldTypes: unverifiable, not a violation)', async () => {
    const j = await judged('long');
    assert.deepEqual(j.shown, ['5']);
    agrees(j, j.without, 'long');
    assert.equal(j.without['5'], 'u');
    assert.equal(j.withTypes['5'], 'm');
  });
  test('a text field holds the source text: term 5 hides {"t": 5.0} and shows {"t": -5} (token "5")', async () => {
    const j = await judged('text');
    assert.deepEqual(j.shown, ['7']);
    agrees(j, j.without, 'text');
    agrees(j, j.withTypes, 'text, fieldTypes');
    assert.equal(j.without['6'], 'u');
    assert.equal(j.without['7'], 'u');
  });
  test('"" in a numeric field is no value: exists hides {n: ""} (without fieldTypes: unverifiable, with: no-match)', async () => {
    const j = await judged('exists');
    assert.deepEqual(j.shown, ['1', '2', '3']);
    agrees(j, j.without, 'exists');
    assert.equal(j.without['4'], 'u');
    assert.equal(j.without['1'], 'm');
    assert.equal(j.withTypes['4'], 'n');
  });
  test('a null_value indexes a null: must_not exists hides {nv: null} (without fieldTypes: unverifiable)', async () => {
    const j = await judged('nonull');
    assert.deepEqual(j.shown, ['1', '2', '3', '4', '5', '6', '7']);
    agrees(j, j.without, 'nonull');
    agrees(j, j.withTypes, 'nonull, fieldTypes');
    assert.equal(j.without['8'], 'u');
    assert.equal(j.without['9'], 'n');
  });
  test('a lowercase normalizer: docvalue_fields hold mask("àbc") of "ÀBC"; without fieldTypes unverifiable, not a wrong mask', async () => {
    const s = await restAnswer(make(userName('mask'), PASSWORD), 'POST', `/${NIDX}/_search`, { docvalue_fields: ['k'] });
    assert.equal(s.status, 200);
    const opts = { salt: conn.salt, pluginVersion: version, defaultAlgorithm: conn.maskingAlgorithm };
    const hit = (s.body as { hits: { hits: Array<{ _source: { k: string }; fields: { k: string[] } }> } }).hits.hits[0];
    assert.equal(hit?._source.k, maskValue('ÀBC', opts));
    assert.deepEqual(hit?.fields.k, [maskValue('àbc', opts)]);
    const originals = new Map([[`${NIDX}/a`, { k: 'ÀBC' }]]);
    const nft = fieldTypesFromMapping((await rest('GET', `/${NIDX}`)).body);
    for (const types of [undefined, nft]) {
      const rep = verifyHits(s.body, expectationsFromRoles({ [roleName('mask')]: roleBody('mask') } as Parameters<typeof expectationsFromRoles>[0], NIDX, { name: userName('mask') }, { ...opts, originals, ...(types ? { fieldTypes: types } : {}) }));
      assert.deepEqual(rep.findings, [], types ? 'with fieldTypes' : 'without fieldTypes');
      assert.equal(rep.status, 'unverifiable');
    }
  });
  test('a float multi-field of a masked value: sort returns the clear float\'s shortest text; an unmasked finding with and without fieldTypes (old: pass)', async () => {
    const s = await restAnswer(make(userName('mask'), PASSWORD), 'POST', `/${SIDX}/_search`, { sort: [{ 'm.f': 'asc' }] });
    assert.equal(s.status, 200);
    const opts = { salt: conn.salt, pluginVersion: version, defaultAlgorithm: conn.maskingAlgorithm };
    const hit = (s.body as { hits: { hits: Array<{ _source: { m: string }; sort: unknown[] }> } }).hits.hits[0];
    assert.equal(hit?._source.m, maskValue('5.70000001', opts));
    // the float's shortest text (Float.toString), not the double 5.699999809265137 nor the clear 5.70000001
    assert.deepEqual(hit?.sort, [5.7]);
    const originals = new Map([[`${SIDX}/a`, { m: '5.70000001' }]]);
    const sft = fieldTypesFromMapping((await rest('GET', `/${SIDX}`)).body);
    for (const types of [undefined, sft]) {
      const rep = verifyHits(s.body, expectationsFromRoles({ [roleName('mask')]: roleBody('mask') } as Parameters<typeof expectationsFromRoles>[0], SIDX, { name: userName('mask') }, { ...opts, originals, ...(types ? { fieldTypes: types } : {}) }));
      assert.deepEqual(rep.findings.map((f) => `${f.kind}@${f.location ?? ''}:${f.path ?? ''}`), ['unmasked@sort:m'], types ? 'with fieldTypes' : 'without');
    }
  });
});
