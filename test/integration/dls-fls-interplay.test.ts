/**
 * DLS reads what the same user's FLS and masks leave of a document: on the REAL node (2.19 main domain,
 * 3.4 on the matrix leg) `must_not term s:a` lets the s=a document through when s is hidden or masked, and
 * `term s:a` then lets nothing through. verifyHits with the originals, and verifyHitsWithServer (whose
 * reader sees whole documents), must not call the first a DLS violation (it is unverifiable: the verdict
 * depends on the plugin's view), and still decide a query on a field the user sees.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { verifyHitsWithServer } from '../../src/verify/server-dls.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restCaller, localMasking } from '../support/local-clients.js';

const conn = loadConnection();
const INDEX = 'p5-dls-fls';
const ROLE = 'p5_dls_fls_role';
const USER = 'p5-dls-fls-user';
const PASSWORD = 'Dls-fls-Passw0rd!3';
const DOCS: Record<string, { s: string; t: string }> = { '1': { s: 'a', t: 'x' }, '2': { s: 'b', t: 'y' } };
const ORIGINALS = new Map(Object.entries(DOCS).map(([id, d]) => [`${INDEX}/${id}`, d]));
const FIELD_TYPES = { s: 'keyword', t: 'keyword' };
const MASKING = localMasking(conn);
const { master, make, closeAll } = localBasicClients(conn);
let user: Client;

const request = restCaller(master);

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await request('PUT', `/${INDEX}`, { mappings: { properties: { s: { type: 'keyword' }, t: { type: 'keyword' } } } });
  for (const [id, doc] of Object.entries(DOCS)) await request('PUT', `/${INDEX}/_doc/${id}`, doc);
  await request('POST', `/${INDEX}/_refresh`);
  await request('PUT', `/_plugins/_security/api/roles/${ROLE}`, { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'] }] });
  await request('PUT', `/_plugins/_security/api/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: [ROLE] });
  user = make(USER, PASSWORD);
});

after(async () => {
  await request('DELETE', `/_plugins/_security/api/roles/${ROLE}`).catch(() => undefined);
  await request('DELETE', `/_plugins/_security/api/internalusers/${USER}`).catch(() => undefined);
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

describe(`DLS on fields the user's FLS or masks change, on the real ${conn.opensearch.version} node`, () => {
  // [label, the role's permission, ids the node returns, DLS verdict verifyHits gives every returned hit]
  const cases: Array<[string, Record<string, unknown>, string[], string]> = [
    ['must_not on a hidden field', { dls: '{"bool":{"must_not":{"term":{"s":"a"}}}}', fls: ['~s'] }, ['1', '2'], 'unverifiable'],
    ['must_not on a masked field', { dls: '{"bool":{"must_not":{"term":{"s":"a"}}}}', masked_fields: ['s'] }, ['1', '2'], 'unverifiable'],
    ['term on a hidden field', { dls: '{"term":{"s":"a"}}', fls: ['~s'] }, [], 'unverifiable'],
    ['term on a masked field', { dls: '{"term":{"s":"a"}}', masked_fields: ['s'] }, [], 'unverifiable'],
    ['must_not on a field the user sees', { dls: '{"bool":{"must_not":{"term":{"s":"a"}}}}', fls: ['~t'] }, ['2'], 'match'],
  ];
  for (const [label, permission, ids, verdict] of cases) {
    test(`${label}: the node returns [${ids.join(', ')}]; verifyHits with originals: ${verdict}, no DLS violation`, async () => {
      const role = { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], ...permission }] };
      await request('PUT', `/_plugins/_security/api/roles/${ROLE}`, role);
      const res = await user.search({ index: INDEX, body: { query: { match_all: {} } } });
      const hits = (res.body.hits.hits as Array<{ _id: string }>).map((h) => h._id).sort();
      assert.deepEqual(hits, ids);
      const report = verifyHits(res.body, expectationsFromRoles({ [ROLE]: role }, INDEX, { name: USER }, { ...MASKING, originals: ORIGINALS, fieldTypes: FIELD_TYPES }));
      assert.equal(report.counts.dlsViolations, 0);
      for (const h of report.hits) assert.equal(h.dls.result, verdict, `${h.id}: ${JSON.stringify(h.dls)}`);
      // the cluster asked as the master user judges the whole document: no violation either
      const byServer = await verifyHitsWithServer(res.body, expectationsFromRoles({ [ROLE]: role }, INDEX, { name: USER }, { ...MASKING, fieldTypes: FIELD_TYPES }), { reader: master });
      assert.equal(byServer.counts.dlsViolations, 0);
      for (const h of byServer.hits) assert.equal(h.dls.result, verdict, `server path ${h.id}: ${JSON.stringify(h.dls)}`);
    });
  }

  test('a document the plugin would hide, forged into the answer, is still a DLS violation where the user sees the field', async () => {
    const role = { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], dls: '{"bool":{"must_not":{"term":{"s":"a"}}}}', fls: ['~t'] }] };
    const forged = { hits: { hits: [{ _index: INDEX, _id: '1', _source: { s: 'a' } }] } };
    const report = verifyHits(forged, expectationsFromRoles({ [ROLE]: role }, INDEX, { name: USER }, { ...MASKING, originals: ORIGINALS, fieldTypes: FIELD_TYPES }));
    assert.deepEqual(report.findings.map((f) => f.kind), ['dls-violation']);
  });
});
