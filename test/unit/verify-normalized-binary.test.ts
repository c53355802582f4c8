/**
 * Two mapping types the verifier read wrongly (helper 138, both nodes 2.19.4 and 3.4.0 agree):
 * - a keyword with a normalizer: its doc values (`fields`, `docvalue_fields`) hold the mask of the NORMALIZED term
 *   (`lowercase`: "ABC" -> mask("abc")), `_source` the mask of the original; a correct answer was a `wrong-mask`;
 * - a `binary` field is never searchable: `exists` finds it only when stored or in doc values, and any other query on
 *   it fails the whole search (the DLS is unverifiable, never a verdict).
 * The node-side truth is test/integration/fidelity-uncovered-mappings.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyHits } from '../../src/verify/verifier.js';
import { expectationsFromRoles, type RoleLike } from '../../src/verify/expectations.js';
import { evaluateDls, fieldTypesFromMapping } from '../../src/verify/dls/index.js';
import { maskValue } from '../../src/fgac/masking.js';

const SALT = 'unit-test-salt-normalized-0123';
const V = '2.19.4';
const m = (v: string): string => maskValue(v, { salt: SALT, pluginVersion: V });
const role: RoleLike = { name: 'r', index_permissions: [{ index_patterns: ['nb-i'], masked_fields: ['nk'], allowed_actions: ['read'] }] };
const response = (...hits: object[]): unknown => ({ hits: { total: { value: hits.length, relation: 'eq' }, hits: hits.map((h) => ({ _index: 'nb-i', ...h })) } });
const mapping = (nk: object): unknown => ({ 'nb-i': { mappings: { properties: { nk } } } });
const expectations = (originals: Record<string, unknown>, nk?: object) => ({
  ...expectationsFromRoles([role], 'nb-i', undefined, { salt: SALT, pluginVersion: V, ...(nk !== undefined ? { fieldTypes: fieldTypesFromMapping(mapping(nk)) } : {}) }),
  originals: new Map(Object.entries(originals).map(([id, d]) => [`nb-i/${id}`, d])),
});

describe('a masked keyword with a normalizer', () => {
  test('lowercase: doc values masked from the lower-cased term pass, with or without the mapping', () => {
    const answer = response({ _id: '1', _source: { nk: m('ABC') }, fields: { nk: [m('abc')] } });
    assert.equal(verifyHits(answer, expectations({ 1: { nk: 'ABC' } }, { type: 'keyword', normalizer: 'lowercase' })).status, 'pass');
    assert.equal(verifyHits(answer, expectations({ 1: { nk: 'ABC' } })).status, 'pass');
  });

  test('lowercase: the lower-cased term in clear is unmasked, another mask is wrong', () => {
    const clear = verifyHits(response({ _id: '1', _source: { nk: m('ABC') }, fields: { nk: ['abc'] } }), expectations({ 1: { nk: 'ABC' } }, { type: 'keyword', normalizer: 'lowercase' }));
    assert.equal(clear.status, 'violation');
    assert.ok(clear.hits[0]?.findings.some((f) => f.kind === 'unmasked'), JSON.stringify(clear.hits[0]?.findings));
    const wrong = verifyHits(response({ _id: '1', _source: { nk: m('ABC') }, fields: { nk: [m('abd')] } }), expectations({ 1: { nk: 'ABC' } }, { type: 'keyword', normalizer: 'lowercase' }));
    assert.ok(wrong.hits[0]?.findings.some((f) => f.kind === 'wrong-mask'), JSON.stringify(wrong.hits[0]?.findings));
  });

  test('a field without a normalizer in the mapping still gets the finding for the lower-cased mask', () => {
    const r = verifyHits(response({ _id: '1', _source: { nk: m('ABC') }, fields: { nk: [m('abc')] } }), expectations({ 1: { nk: 'ABC' } }, { type: 'keyword' }));
    assert.ok(r.hits[0]?.findings.some((f) => f.kind === 'wrong-mask'), JSON.stringify(r.hits[0]?.findings));
  });

  test('a custom normalizer, or lowercase of text outside ASCII, is unverifiable, not a finding', () => {
    for (const [nk, original] of [[{ type: 'keyword', normalizer: 'my_folding' }, 'Crème'], [{ type: 'keyword', normalizer: 'lowercase' }, 'İSTANBUL']] as const) {
      const r = verifyHits(response({ _id: '1', _source: { nk: m(original) }, fields: { nk: [m('something-else')] } }), expectations({ 1: { nk: original } }, nk));
      assert.equal(r.hits[0]?.findings.length, 0, JSON.stringify(r.hits[0]?.findings));
      assert.ok(r.hits[0]?.unverifiable.some((u) => u.path === 'nk' && /normalizer/.test(u.reason)), JSON.stringify(r.hits[0]?.unverifiable));
    }
  });
});

describe('a binary field under DLS', () => {
  const doc = { bin: 'aGVsbG8=' };
  const types = (bin: object) => fieldTypesFromMapping({ 'nb-i': { mappings: { properties: { bin } } } });
  test('exists: no match unless stored or in doc values', () => {
    assert.equal(evaluateDls({ exists: { field: 'bin' } }, doc, { fieldTypes: types({ type: 'binary' }) }).result, 'no-match');
    assert.equal(evaluateDls({ bool: { must_not: { exists: { field: 'bin' } } } }, doc, { fieldTypes: types({ type: 'binary' }) }).result, 'match');
    assert.equal(evaluateDls({ exists: { field: 'bin' } }, doc, { fieldTypes: types({ type: 'binary', doc_values: true }) }).result, 'match');
    assert.equal(evaluateDls({ exists: { field: 'bin' } }, doc, { fieldTypes: types({ type: 'binary', store: true }) }).result, 'match');
  });
  test('any other query on it is unverifiable (the node fails the search)', () => {
    for (const bin of [{ type: 'binary' }, { type: 'binary', doc_values: true }, { type: 'binary', store: true }]) {
      for (const q of [{ term: { bin: 'aGVsbG8=' } }, { match: { bin: 'x' } }, { bool: { should: [{ term: { other: 1 } }, { prefix: { bin: 'a' } }] } }]) {
        // also for a document without the field: the node fails the search whatever the document holds
        for (const d of [doc, { other: 2 }]) {
          const r = evaluateDls(q, d, { fieldTypes: types(bin) });
          assert.equal(r.result, 'unverifiable', `${JSON.stringify(bin)} ${JSON.stringify(q)} ${JSON.stringify(d)}: ${JSON.stringify(r)}`);
        }
      }
    }
  });
});
