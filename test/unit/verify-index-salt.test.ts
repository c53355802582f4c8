/**
 * A salt given only per index (`indices[i].masking.salt`, no cluster `salt`) is a known salt for that index: its
 * masks are recomputed exactly from the originals (a wrong mask is a finding), as with the cluster salt.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyHits } from '../../src/verify/verifier.js';
import { expectationsFromRoles, type AccessExpectations, type RoleLike } from '../../src/verify/expectations.js';
import { maskValue } from '../../src/fgac/masking.js';

const SALT = 'per-index-salt-0123456789';
const ROLE: RoleLike = { name: 'masked', index_permissions: [{ index_patterns: ['people'], masked_fields: ['email'], allowed_actions: ['read'] }] };
const DOCS = [{ id: 'p1', email: 'a@example.com' }, { id: 'p2', email: 'b@example.com' }, { id: 'p3', email: 'c@example.com' }];
const ORIGINALS = new Map(DOCS.map((d) => [`people/${d.id}`, { email: d.email }]));

function response(maskOf: (email: string, id: string) => string): unknown {
  return { hits: { hits: DOCS.map((d) => ({ _index: 'people', _id: d.id, _source: { email: maskOf(d.email, d.id) } })) } };
}

function perIndexSalt(): AccessExpectations {
  const exp = expectationsFromRoles([ROLE], 'people', { name: 'u', roles: [] }, { fieldTypes: { email: 'keyword' }, originals: ORIGINALS });
  return { ...exp, indices: exp.indices.map((i) => ({ ...i, masking: { ...i.masking, salt: SALT } })) };
}

test('masks under a per-index salt are recomputed, not only shape-checked', () => {
  const r = verifyHits(response((e) => maskValue(e, { salt: SALT })), perIndexSalt());
  assert.equal(r.status, 'pass');
  assert.equal(r.counts.masksRecomputed, 3);
  assert.equal(r.counts.masksShapeChecked, 0);
});

test('a mask made with another salt is a wrong mask under a per-index salt', () => {
  const r = verifyHits(response((e, id) => maskValue(e, { salt: id === 'p2' ? 'another-salt-0123456789' : SALT })), perIndexSalt());
  assert.deepEqual(r.findings.map((f) => [f.kind, f.id]), [['wrong-mask', 'p2']]);
});
