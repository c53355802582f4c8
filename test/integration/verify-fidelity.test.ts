/**
 * verifyHits against what the REAL plugin returns to a restricted user (differential): DLS on metadata
 * fields, aliases, copy_to targets, unindexed and nested fields, dotted keys and numbers in keyword fields;
 * masks of non-string values in docvalue_fields/fields with the version's default algorithm; masked `_id`;
 * multi-fields of masked fields. Run once per node (FGAC_DOMAIN_DIR=/var/tmp/d34 for 3.4.0).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restCaller } from '../support/local-clients.js';
import { fieldTypesFromMapping, type FieldTypes } from '../../src/verify/dls/index.js';
import { expectationsFromRoles, type RoleLike } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { compareAccess } from '../../src/verify/compare.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';

const conn = loadConnection();
const MAJOR = pluginMajorVersion(conn.opensearch.version) ?? 2;
const INDEX = 'vf-fidelity';
const ROLE = 'vf-role';
const USER = 'vf-user';
const PASSWORD = 'Vf-fidelity!Check#27q';
const clients = localBasicClients(conn);
const rest = restCaller(clients.master);
const subject = clients.make(USER, PASSWORD);
// the node's own default algorithm: no defaultAlgorithm given, only the version (finding 3)
const MASKING = { salt: conn.salt, pluginVersion: conn.opensearch.version };

const MAPPING = {
  properties: {
    k: { type: 'keyword', copy_to: 'all' },
    all: { type: 'keyword' },
    ka: { type: 'alias', path: 'k' },
    dis: { type: 'object', enabled: false },
    ck: { type: 'keyword', index: false, doc_values: false },
    o: { type: 'object', properties: { x: { type: 'keyword' } } },
    nest: { type: 'nested', properties: { x: { type: 'keyword' } } },
    kn: { type: 'keyword' },
    m: { type: 'keyword' },
    h: { type: 'keyword' },
    mtext: { type: 'text', fields: { raw: { type: 'keyword' } } },
  },
};
// raw JSON: the number texts (1.0, 1e2) are what a keyword field indexes
const DOCS = [
  '{"k":"alpha","dis":{"a":1},"ck":"v","o.x":"dotted","nest":[{"x":"nx"}],"kn":1.0,"m":["str",7,false],"h":"hh","mtext":"red fox"}',
  '{"k":"beta","o":{"x":"obj"},"kn":1e2,"m":12345,"h":"hh"}',
  '{"k":"gamma","kn":"x","nest":[{"x":"no"}],"m":"s2"}',
];

interface Hit { _id: string; _source: Record<string, unknown> }
let types: FieldTypes;
let originals: Map<string, unknown>;

async function putRole(perm: Record<string, unknown>): Promise<RoleLike> {
  const role = { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], ...perm }] };
  await rest('PUT', `/_plugins/_security/api/roles/${ROLE}`, role);
  return { name: ROLE, ...role } as RoleLike;
}

async function search(client: typeof subject, extra: Record<string, unknown> = {}): Promise<{ body: unknown; ids: string[] }> {
  const r = await client.search({ index: INDEX, body: { size: 50, query: { match_all: {} }, sort: [{ k: 'asc' }], ...extra } });
  const ids = (r.body as unknown as { hits: { hits: Hit[] } }).hits.hits.map((h) => h._id);
  return { body: r.body, ids };
}

describe(`verify fidelity against the real plugin (${conn.opensearch.version})`, () => {
  before(async () => {
    await rest('DELETE', `/${INDEX}`).catch(() => undefined);
    await rest('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: MAPPING });
    for (const [i, doc] of DOCS.entries()) await rest('PUT', `/${INDEX}/_doc/${i}?refresh=true`, doc);
    await rest('PUT', `/_plugins/_security/api/internalusers/${USER}`, { password: PASSWORD, backend_roles: [] });
    await putRole({ dls: '{"match_none":{}}' });
    await rest('PUT', `/_plugins/_security/api/rolesmapping/${ROLE}`, { users: [USER] });
    types = fieldTypesFromMapping((await rest('GET', `/${INDEX}/_mapping`)).body);
    const all = (await search(clients.master)).body as { hits: { hits: Hit[] } };
    originals = new Map(all.hits.hits.map((h) => [`${INDEX}/${h._id}`, h._source]));
    assert.equal(originals.size, DOCS.length);
  });

  after(async () => {
    for (const path of [`rolesmapping/${ROLE}`, `roles/${ROLE}`, `internalusers/${USER}`]) await rest('DELETE', `/_plugins/_security/api/${path}`).catch(() => undefined);
    await rest('DELETE', `/${INDEX}`).catch(() => undefined);
    await clients.closeAll();
  });

  /** Per document: what the node did (returned to the user or not) and the SDK's DLS verdict on the admin's copy. */
  async function dlsCase(dls: object): Promise<{ returned: string[]; verdicts: Record<string, string>; userStatus: string; dlsViolations: number }> {
    const role = await putRole({ dls: JSON.stringify(dls) });
    const exp = { ...expectationsFromRoles([role], INDEX, undefined, { ...MASKING, fieldTypes: types }), originals };
    const user = await search(subject);
    const mine = verifyHits(user.body, exp);
    const admin = verifyHits((await search(clients.master)).body, exp);
    const verdicts = Object.fromEntries(admin.hits.map((h) => [h.id, h.dls.result]));
    // differential: never a match the node refused, never a no-match the node returned
    for (const [id, v] of Object.entries(verdicts)) {
      if (user.ids.includes(id)) assert.notEqual(v, 'no-match', `${JSON.stringify(dls)}: false violation on ${id}`);
      else assert.notEqual(v, 'match', `${JSON.stringify(dls)}: missed violation on ${id}`);
    }
    return { returned: user.ids, verdicts, userStatus: mine.status, dlsViolations: mine.counts.dlsViolations };
  }

  test('DLS on _index and _id is answered from the hit (finding 1)', async () => {
    const byIndex = await dlsCase({ term: { _index: INDEX } });
    assert.deepEqual(byIndex.returned, ['0', '1', '2']);
    assert.deepEqual(byIndex.verdicts, { 0: 'match', 1: 'match', 2: 'match' });
    const byId = await dlsCase({ terms: { _id: ['1'] } });
    assert.deepEqual(byId.returned, ['1']);
    assert.deepEqual(byId.verdicts, { 0: 'no-match', 1: 'match', 2: 'no-match' });
    const exists = await dlsCase({ exists: { field: '_id' } });
    assert.equal(exists.userStatus, 'pass');
  });

  test('an alias is read at its path, a copy_to target is unverifiable (finding 2)', async () => {
    const alias = await dlsCase({ term: { ka: 'alpha' } });
    assert.deepEqual(alias.returned, ['0']);
    assert.deepEqual(alias.verdicts, { 0: 'match', 1: 'no-match', 2: 'no-match' });
    const copy = await dlsCase({ term: { all: 'alpha' } });
    assert.deepEqual(copy.returned, ['0']);
    assert.equal(copy.dlsViolations, 0);
    assert.equal(copy.verdicts['0'], 'unverifiable');
  });

  test('numbers in a keyword field are unverifiable: the node compares their source text (finding 4)', async () => {
    const texts = await dlsCase({ terms: { kn: ['1.0', '1e2'] } });
    assert.deepEqual(texts.returned, ['0', '1']);
    assert.equal(texts.dlsViolations, 0);
    const one = await dlsCase({ term: { kn: '1' } });
    assert.deepEqual(one.returned, []);
    assert.equal(one.verdicts['0'], 'unverifiable');
  });

  test('enabled:false and unindexed fields have no value, dotted keys make an object, nested fields are not the root\'s (findings 5, 6, 10)', async () => {
    const dis = await dlsCase({ bool: { must_not: { exists: { field: 'dis' } } } });
    assert.deepEqual(dis.returned, ['0', '1', '2']);
    assert.deepEqual(dis.verdicts, { 0: 'match', 1: 'match', 2: 'match' });
    const ck = await dlsCase({ exists: { field: 'ck' } });
    assert.deepEqual(ck.returned, []);
    assert.equal(ck.verdicts['0'], 'no-match');
    const dotted = await dlsCase({ exists: { field: 'o' } });
    assert.deepEqual(dotted.returned, ['0', '1']);
    assert.deepEqual(dotted.verdicts, { 0: 'match', 1: 'match', 2: 'no-match' });
    const nested = await dlsCase({ bool: { should: [{ term: { 'nest.x': 'nx' } }, { term: { k: 'gamma' } }] } });
    assert.deepEqual(nested.returned, ['2']);
    assert.deepEqual(nested.verdicts, { 0: 'no-match', 1: 'no-match', 2: 'match' });
  });

  test('masks in docvalue_fields and fields, non-string values included, with the version\'s default algorithm (findings 3, 7)', async () => {
    const role = await putRole({ masked_fields: ['m', 'h::SHA-256'] });
    const exp = { ...expectationsFromRoles([role], INDEX, undefined, MASKING), originals };
    for (const extra of [{ docvalue_fields: ['m'] }, { fields: ['m'] }, {}]) {
      const r = verifyHits((await search(subject, extra)).body, exp);
      assert.equal(r.status, 'pass', `${JSON.stringify(extra)}: ${JSON.stringify(r.findings)}`);
      assert.ok(r.hits.reduce((n, h) => n + h.masksRecomputed, 0) >= 3, 'masks recomputed, not shape-checked');
    }
  });

  test('masked_fields matching _id: no false DLS violation, and compareAccess does not pair (finding 8)', async () => {
    const role = await putRole({ masked_fields: ['*'], dls: '{"ids":{"values":["0"]}}' });
    const exp = { ...expectationsFromRoles([role], INDEX, undefined, { ...MASKING, fieldTypes: types }), originals };
    const user = await search(subject, { sort: undefined });
    const r = verifyHits(user.body, exp);
    assert.equal(r.counts.dlsViolations, 0);
    // 3.x returns the document under a masked _id; 2.x returns nothing
    assert.equal(user.ids.length, MAJOR >= 3 ? 1 : 0);
    // 3.x: the original is found through the masked _id (maskedHitId), so the hit's masks are recomputed and it passes
    if (MAJOR >= 3) {
      assert.equal(r.hits[0]?.status, 'pass', JSON.stringify(r.hits[0]));
      assert.ok((r.hits[0]?.masksRecomputed ?? 0) > 0, JSON.stringify(r.hits[0]));
    }
    await putRole({ masked_fields: ['*'] });
    const c = await compareAccess(clients.master, subject, { index: INDEX, body: { query: { match_all: {} } } });
    assert.deepEqual(c.extra, []);
    assert.deepEqual(c.missing, []);
    assert.equal(c.unpaired.length, DOCS.length);
  });

  test('a multi-field of a masked field shows the clear value and verifyHits reports it (finding 9)', async () => {
    const role = await putRole({ masked_fields: ['mtext'] });
    const exp = { ...expectationsFromRoles([role], INDEX, undefined, MASKING), originals };
    const user = await search(subject, { query: { term: { k: 'alpha' } }, docvalue_fields: ['mtext.raw'] });
    const fields = ((user.body as { hits: { hits: Array<{ fields?: Record<string, unknown> }> } }).hits.hits[0]?.fields ?? {})['mtext.raw'];
    assert.deepEqual(fields, ['red fox'], 'the plugin leaves the multi-field clear');
    const r = verifyHits(user.body, exp);
    assert.deepEqual(r.findings.map((f) => [f.kind, f.path]), [['unmasked', 'mtext.raw']]);
  });
});
