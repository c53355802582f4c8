/**
 * `hit.sort` carries field values the `_source` and `fields` checks never read: on the REAL node a sort
 * on the keyword multi-field `t.raw` of a masked (or FLS-excluded) text field `t` returns the clear
 * value. verifyHits reports it (original known) or marks it unverifiable (original unknown), never a pass.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, localMasking, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const INDEX = 'fab4-sort';
const PASSWORD = 'Fab4-sort-Passw0rd!3';
const DOCS: Record<string, { t: string; k: string; n: number }> = { d1: { t: 'hello world', k: 'alpha', n: 7 }, d2: { t: 'second doc', k: 'beta', n: 9 } };
const ROLES = {
  masked: { masked_fields: ['t', 'k'] },
  hidden: { fls: ['~t', '~n'] },
} as const;
const { master, make, closeAll } = localBasicClients(conn);
const request = restCaller(master);
const MASKING = localMasking(conn);
const originals = new Map(Object.entries(DOCS).map(([id, d]) => [`${INDEX}/${id}`, d]));
const users: Partial<Record<keyof typeof ROLES, Client>> = {};
const roleBodies = (name: keyof typeof ROLES) => ({
  [`fab4_sort_${name}`]: { cluster_permissions: ['cluster_composite_ops_ro'], index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], ...ROLES[name] }] },
});

/** A security API write, again after a version conflict (other tests write the security index too). */
async function write(method: string, path: string, body: unknown): Promise<void> {
  await afterConflicts(() => request(method, path, body));
}

async function search(who: keyof typeof ROLES, body: Record<string, unknown>): Promise<{ hits: { hits: Array<{ _id: string; sort?: unknown[]; _source?: Record<string, unknown> }> } }> {
  return (await (users[who] as Client).search({ index: INDEX, body })).body as never;
}

before(async () => {
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await request('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { t: { type: 'text', fields: { raw: { type: 'keyword' } } }, k: { type: 'keyword' }, n: { type: 'long' } } } });
  for (const [id, d] of Object.entries(DOCS)) await request('PUT', `/${INDEX}/_doc/${id}?refresh=true`, d);
  for (const name of Object.keys(ROLES) as (keyof typeof ROLES)[]) {
    const [role, body] = Object.entries(roleBodies(name))[0] as [string, unknown];
    await write('PUT', `/_plugins/_security/api/roles/${role}`, body);
    await write('PUT', `/_plugins/_security/api/internalusers/fab4-sort-${name}`, { password: PASSWORD, opendistro_security_roles: [role] });
    users[name] = make(`fab4-sort-${name}`, PASSWORD);
  }
});

after(async () => {
  for (const name of Object.keys(ROLES)) {
    await request('DELETE', `/_plugins/_security/api/internalusers/fab4-sort-${name}`).catch(() => undefined);
    await request('DELETE', `/_plugins/_security/api/roles/fab4_sort_${name}`).catch(() => undefined);
  }
  await request('DELETE', `/${INDEX}`).catch(() => undefined);
  await closeAll();
});

describe(`sort values of masked and hidden fields, on the real ${VERSION} node`, () => {
  test('a sort on the multi-field of a masked field: the node returns the clear value, verifyHits reports it', async () => {
    for (const source of [false, true]) {
      const body = await search('masked', { sort: [{ 't.raw': 'asc' }], _source: source });
      assert.deepEqual(body.hits.hits.map((h) => h.sort), [['hello world'], ['second doc']], 'the node returns t.raw in clear (what this test is about)');
      const known = verifyHits(body, expectationsFromRoles(roleBodies('masked'), INDEX, { name: 'fab4-sort-masked' }, { ...MASKING, originals }));
      assert.equal(known.status, 'violation');
      assert.deepEqual(known.findings.map((f) => [f.id, f.kind, f.location, f.path]), [['d1', 'unmasked', 'sort', 't'], ['d2', 'unmasked', 'sort', 't']]);
      const unknown = verifyHits(body, expectationsFromRoles(roleBodies('masked'), INDEX, { name: 'fab4-sort-masked' }, MASKING));
      assert.equal(unknown.status, 'unverifiable');
      assert.equal(unknown.unverifiable.filter((u) => /hit\.sort value/.test(u.reason)).length, 2);
    }
  });

  test('a sort on the masked keyword itself returns masked values: a pass with the originals', async () => {
    const body = await search('masked', { sort: [{ k: 'asc' }] });
    const hits = body.hits.hits;
    assert.equal(hits.length, 2);
    for (const h of hits) assert.equal(h.sort?.[0], h._source?.k, 'the sort value is the mask _source shows');
    assert.ok(hits.every((h) => h.sort?.[0] !== DOCS[h._id]?.k));
    const report = verifyHits(body, expectationsFromRoles(roleBodies('masked'), INDEX, { name: 'fab4-sort-masked' }, { ...MASKING, originals }));
    assert.equal(report.status, 'pass', JSON.stringify([report.findings, report.unverifiable]));
  });

  test('under `~t, ~n` the node sorts hidden fields as missing (a pass); a clear value planted in sort is a leak, or unverifiable without originals', async () => {
    // missing values: null for a keyword, Long.MAX_VALUE for a long
    for (const [sort, missing] of [[{ 't.raw': 'asc' }, null], [{ n: 'asc' }, 2 ** 63]] as const) {
      const body = await search('hidden', { sort: [sort], _source: false });
      assert.deepEqual(body.hits.hits.map((h) => h.sort), [[missing], [missing]], 'the node hides the doc values of t.raw and n from sort');
      const exp = expectationsFromRoles(roleBodies('hidden'), INDEX, { name: 'fab4-sort-hidden' }, { ...MASKING, originals });
      assert.equal(verifyHits(body, exp).status, 'pass');
    }
    const body = await search('hidden', { sort: [{ 't.raw': 'asc' }], _source: false });
    const planted = structuredClone(body);
    const [h1, h2] = planted.hits.hits;
    assert.ok(h1 !== undefined && h2 !== undefined);
    h1.sort = ['hello world'];
    h2.sort = [9];
    const known = verifyHits(planted, expectationsFromRoles(roleBodies('hidden'), INDEX, { name: 'fab4-sort-hidden' }, { ...MASKING, originals }));
    assert.deepEqual(known.findings.map((f) => [f.id, f.kind, f.location, f.path]), [['d1', 'fls-leak', 'sort', 't'], ['d2', 'fls-leak', 'sort', 'n']]);
    const unknown = verifyHits(planted, expectationsFromRoles(roleBodies('hidden'), INDEX, { name: 'fab4-sort-hidden' }, MASKING));
    assert.equal(unknown.status, 'unverifiable');
    assert.equal(unknown.unverifiable.filter((u) => /hit\.sort value/.test(u.reason)).length, 2);
  });
});
