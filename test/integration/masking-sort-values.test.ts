/**
 * `hit.sort` of a sort on a numeric or date multi-field of a masked keyword: on the REAL node the multi-field
 * indexed the clear value, so the sort value is the clear value read as a number or a date (epoch ms, an
 * ISO date-time without an offset read as UTC), which no string check sees. verifyHits ties it to the masked
 * field (original and mapping known) and passes what the node really shows for sorts that reveal nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { fieldTypesFromMapping } from '../../src/verify/dls/mapping.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import type { FieldTypeInfo } from '../../src/verify/dls/types.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, localMasking, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const INDEX = 'fix7-mask-sort';
const USER = 'fix7-mask-sort-user';
const ROLE = 'fix7_mask_sort';
const PASSWORD = 'Fix7-mask-sort-Passw0rd!5';
const DOCS = { d1: { when: '2024-03-01T10:00:00', num: '42', name: 'Alice Smith', kw: 'zz' }, d2: { when: '2024-03-02', num: '7.9', name: 'Bob', kw: 'yy' } } as const;
const MAPPING = {
  properties: {
    when: { type: 'keyword', fields: { d: { type: 'date' } } },
    num: { type: 'keyword', fields: { n: { type: 'long' }, x: { type: 'double' } } },
    name: { type: 'text', fields: { keyword: { type: 'keyword' } } },
    kw: { type: 'keyword' },
  },
};
const roles = { [ROLE]: { cluster_permissions: ['cluster_composite_ops_ro'], index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], masked_fields: ['when', 'num', 'name'] }] } };
const { master, make, closeAll } = localBasicClients(conn);
const request = restCaller(master);
const MASKING = localMasking(conn);
const originals = new Map(Object.entries(DOCS).map(([id, d]) => [`${INDEX}/${id}`, d]));
let user: Client;
let fieldTypes: Record<string, FieldTypeInfo>;

type Hit = { _id: string; sort?: unknown[]; _source?: Record<string, unknown> };
type Body = { hits: { hits: Hit[] } };

async function search(sortOn: string, ...then: string[]): Promise<Body> {
  return (await user.search({ index: INDEX, body: { query: { match_all: {} }, sort: [{ [sortOn]: 'asc' }, ...then] } })).body as never;
}

const verify = (body: unknown, withOriginals = true) => verifyHits(body, expectationsFromRoles(roles, INDEX, { name: USER }, { ...MASKING, fieldTypes, ...(withOriginals ? { originals } : {}) }));
/** Without the mapping (fieldTypes), with or without the originals. */
const verifyUnmapped = (body: unknown, withOriginals: boolean) => verifyHits(body, expectationsFromRoles(roles, INDEX, { name: USER }, { ...MASKING, ...(withOriginals ? { originals } : {}) }));
const sorts = (body: Body) => body.hits.hits.map((h) => [h._id, ...(h.sort ?? [])]);
const findings = (r: ReturnType<typeof verifyHits>) => r.findings.map((f) => [f.id, f.kind, f.location, f.path]);

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await request('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: MAPPING });
  for (const [id, d] of Object.entries(DOCS)) await request('PUT', `/${INDEX}/_doc/${id}?refresh=true`, d);
  fieldTypes = fieldTypesFromMapping((await request('GET', `/${INDEX}`)).body);
  await afterConflicts(() => request('PUT', `/_plugins/_security/api/roles/${ROLE}`, roles[ROLE]));
  await afterConflicts(() => request('PUT', `/_plugins/_security/api/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: [ROLE] }));
  user = make(USER, PASSWORD);
});

after(async () => {
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/roles/${ROLE}`).catch(() => undefined);
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

describe(`sort values of numeric and date multi-fields of masked keywords, on the real ${VERSION} node`, () => {
  test('a date multi-field of a masked keyword sorts by the clear date in UTC epoch ms: reported, unverifiable without originals', async () => {
    const body = await search('when.d');
    assert.deepEqual(sorts(body), [['d1', 1709287200000], ['d2', 1709337600000]], 'the node returns when.d in clear, the date-time without offset read as UTC');
    assert.ok(body.hits.hits.every((h) => h._source?.when !== DOCS[h._id as keyof typeof DOCS].when), '_source shows the mask');
    const known = verify(body);
    assert.equal(known.status, 'violation');
    assert.deepEqual(findings(known), [['d1', 'unmasked', 'sort', 'when'], ['d2', 'unmasked', 'sort', 'when']]);
    const unknown = verify(body, false);
    assert.equal(unknown.status, 'unverifiable');
    assert.equal(unknown.unverifiable.filter((u) => /hit\.sort value .* \(sort\[0\]\)/.test(u.reason)).length, 2);
  });

  test('numeric multi-fields of a masked keyword sort by the clear number (a long truncates 7.9): reported', async () => {
    for (const [field, expected] of [['num.n', [['d2', 7], ['d1', 42]]], ['num.x', [['d2', 7.9], ['d1', 42]]]] as const) {
      const body = await search(field);
      assert.deepEqual(sorts(body), expected, `the node returns ${field} in clear`);
      const known = verify(body);
      assert.deepEqual(findings(known), [['d2', 'unmasked', 'sort', 'num'], ['d1', 'unmasked', 'sort', 'num']], field);
      assert.equal(verify(body, false).status, 'unverifiable');
    }
  });

  test('sorts that reveal nothing pass: name.keyword and the masked keyword itself (masked by the node), _id, _score', async () => {
    for (const field of ['name.keyword', 'when', 'num']) {
      const body = await search(field);
      const key = field.replace(/\.keyword$/, '');
      for (const h of body.hits.hits) assert.equal(h.sort?.[0], h._source?.[key], `the node sorts ${field} by the mask _source shows`);
    }
    assert.deepEqual(sorts(await search('_id')), [['d1', 'd1'], ['d2', 'd2']], 'a sort on _id returns the id');
    assert.deepEqual(sorts(await search('_score')), [['d1', 1], ['d2', 1]], 'a sort on _score returns the score');
    for (const field of ['name.keyword', 'when', 'num', '_id', '_score', 'kw']) {
      const report = verify(await search(field));
      assert.equal(report.status, 'pass', `${field}: ${JSON.stringify([report.findings, report.unverifiable])}`);
    }
  });

  test('the clear date or number planted in a real answer is reported', async () => {
    const body = await search('kw');
    const planted = structuredClone(body);
    const [h1, h2] = planted.hits.hits;
    assert.ok(h1 !== undefined && h2 !== undefined && h1._id === 'd2' && h2._id === 'd1');
    h1.sort = ['yy', 1709337600000];
    h2.sort = ['zz', 42];
    assert.deepEqual(findings(verify(planted)), [['d2', 'unmasked', 'sort', 'when'], ['d1', 'unmasked', 'sort', 'num']]);
  });

  test('without the mapping: _score and _doc sorts pass (no originals: numbers are not checked), a clear date or number the originals hold is still reported', async () => {
    for (const [on, then] of [['_score', '_doc'], ['_doc', '_score'], ['kw', '_doc']] as const) {
      const body = await search(on, then);
      assert.ok(body.hits.hits.every((h) => h.sort?.length === 2 && h.sort.some((v) => typeof v === 'number')), `${on}, ${then}: the node returns numbers`);
      for (const withOriginals of [false, true]) {
        const r = verifyUnmapped(body, withOriginals);
        assert.equal(r.status, 'pass', `${on}, ${then}, originals ${withOriginals}: ${JSON.stringify(r.unverifiable)}`);
      }
    }
    // a PIT page carries no implicit `_shard_doc` tie-breaker (2.19.4 and 3.4.0): its last value is the request's last key
    const pit = (await user.transport.request({ method: 'POST', path: `/${INDEX}/_search/point_in_time`, querystring: { keep_alive: '1m' } })).body as { pit_id: string };
    try {
      const page = (await user.search({ body: { pit: { id: pit.pit_id, keep_alive: '1m' }, query: { match_all: {} }, sort: [{ kw: 'asc' }] } })).body as Body;
      assert.deepEqual(sorts(page), [['d2', 'yy'], ['d1', 'zz']]);
      assert.equal(verifyUnmapped(page, false).status, 'pass');
    } finally {
      await request('DELETE', '/_search/point_in_time', { pit_id: [pit.pit_id] }).catch(() => undefined);
    }
    assert.deepEqual(findings(verifyUnmapped(await search('when.d'), true)), [['d1', 'unmasked', 'sort', 'when'], ['d2', 'unmasked', 'sort', 'when']]);
    assert.deepEqual(findings(verifyUnmapped(await search('num.n'), true)), [['d2', 'unmasked', 'sort', 'num'], ['d1', 'unmasked', 'sort', 'num']]);
  });
});
