/**
 * verifyHits without `pluginVersion` on a hit the REAL node served (2.19.4, or 3.4 with FGAC_DOMAIN_DIR=.local-domain/opensearch-3)
 * under FLS `['~a?c', '~secret']` (no `.` or `*`: 2.x compares `a?c` as an exact name and shows `abc`, 3.x reads it as a
 * wildcard and hides it; `secret` is hidden by both) and `name::SHA-256`. The node is the referee of what it serves (the
 * SDK's readings with its version must reproduce the hit, and verifyHits with the version passes it); then the served hit
 * is tampered with: a hidden field added back (after and before the undecided `abc`) or the masked value cleared must be
 * found without a version although `abc` stays undecided, and the untampered hit is never a violation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { filterDocument } from '../../src/verify/fls.js';
import { maskDocument } from '../../src/verify/masking.js';
import { verifyHits } from '../../src/verify/verifier.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, putSecurity, restAnswer } from '../support/local-clients.js';

const conn = loadConnection();
const VERSION = conn.opensearch.version;
const API = '/_plugins/_security/api';
const USER = 'vh54-walk-user';
const PASSWORD = 'Vh54-walk-Passw0rd!3';
const ROLE = 'vh54-walk-role';
const INDEX = 'vh54-undecided-walk';
const FLS = ['~a?c', '~secret'];
const MASKED = ['name::SHA-256'];
const DOC = { abc: 'p', secret: 's', zz: 'u', name: 'Ann' };
const { master, make, closeAll } = localBasicClients(conn);
const user = make(USER, PASSWORD);

type Hit = { _index: string; _id: string; _source: Record<string, unknown> };
let served: Hit;
const expectations = (more: Partial<AccessExpectations> = {}): AccessExpectations => ({
  indices: [{ indexPatterns: [INDEX], rules: [{ fls: FLS, maskedFields: MASKED }] }],
  originals: new Map([[`${INDEX}/1`, DOC]]),
  ...more,
});
const verify = (source: Record<string, unknown>, more: Partial<AccessExpectations> = {}): ReturnType<typeof verifyHits> =>
  verifyHits({ hits: { hits: [{ ...served, _source: source }] } }, expectations(more));
const undecidedAbc = (r: ReturnType<typeof verifyHits>): boolean => r.unverifiable.some((u) => u.aspect === 'fls' && u.path === 'abc' && /pass pluginVersion/.test(u.reason));

before(async () => {
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  const put = await restAnswer(master, 'PUT', `/${INDEX}/_doc/1?refresh=true`, DOC);
  assert.ok(put.status < 300, JSON.stringify(put.body));
  await putSecurity(master, `${API}/roles/${ROLE}`, { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], fls: FLS, masked_fields: MASKED }] });
  await putSecurity(master, `${API}/internalusers/${USER}`, { password: PASSWORD, opendistro_security_roles: [ROLE] });
  const search = await restAnswer(user, 'POST', `/${INDEX}/_search`, { query: { match_all: {} } });
  assert.equal(search.status, 200, JSON.stringify(search.body));
  const hits = (search.body as { hits: { hits: Hit[] } }).hits.hits;
  assert.equal(hits.length, 1);
  served = hits[0] as Hit;
});

after(async () => {
  await restAnswer(master, 'DELETE', `${API}/internalusers/${USER}`);
  await restAnswer(master, 'DELETE', `${API}/roles/${ROLE}`);
  await restAnswer(master, 'DELETE', `/${INDEX}`);
  await closeAll();
});

describe(`an undecided FLS field next to certain findings, on the real ${VERSION} node`, () => {
  test('the node serves what the SDK reads with its version, and verifyHits with the version passes it', () => {
    const want = maskDocument(filterDocument(DOC, [FLS], { pluginVersion: VERSION }), MASKED, { pluginVersion: VERSION });
    assert.deepEqual(served._source, want);
    assert.equal('secret' in served._source, false, 'the node hides secret');
    assert.notEqual(served._source.name, DOC.name, 'the node masks name');
    assert.equal(verify(served._source, { pluginVersion: VERSION }).status, 'pass');
  });

  test('without a version the served hit is no violation (unverifiable where it shows abc)', () => {
    const r = verify(served._source);
    assert.deepEqual(r.findings, []);
    assert.equal(r.status, 'abc' in served._source ? 'unverifiable' : 'pass');
    if ('abc' in served._source) assert.ok(undecidedAbc(r), JSON.stringify(r.unverifiable));
  });

  test('secret added back (after, and before, the undecided abc) is an fls-leak without a version', () => {
    const withAbc = { abc: DOC.abc, ...served._source };
    for (const source of [{ ...withAbc, secret: DOC.secret }, { secret: DOC.secret, ...withAbc }]) {
      const r = verify(source);
      assert.deepEqual(r.findings.map((f) => [f.kind, f.path]), [['fls-leak', 'secret']], JSON.stringify(Object.keys(source)));
      assert.ok(undecidedAbc(r), JSON.stringify(r.unverifiable));
      assert.equal(verify(source, { pluginVersion: VERSION }).findings.some((f) => f.kind === 'fls-leak' && f.path === 'secret'), true, 'with the version too');
    }
  });

  test('name shown clear (after abc) is unmasked without a version; its served mask is recomputed', () => {
    const r = verify({ abc: DOC.abc, ...served._source, name: DOC.name });
    assert.deepEqual(r.findings.map((f) => [f.kind, f.path]), [['unmasked', 'name']]);
    assert.ok(undecidedAbc(r));
    assert.equal(verify({ abc: DOC.abc, ...served._source }).hits[0]?.masksRecomputed, 1);
  });
});
