/**
 * Property: the verifier never reports a pass for a document it could not evaluate. Queries mix
 * supported clauses with ones the local DLS evaluator does not implement; documents are arbitrary.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateDls, prepareDls, verifyHits, type AccessExpectations } from '../../src/verify/index.js';
import { evaluateReturnedDls } from '../../src/verify/dls/evaluate.js';

const field = fc.constantFrom('Carrier', 'Dest', 'n', 'tags', 'missing');
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 5 }), fc.boolean());
const unsupported = fc.oneof(
  fc.record({ script: fc.record({ script: fc.constant('doc["n"].value > 1') }) }),
  fc.record({ geo_distance: fc.record({ distance: fc.constant('1km'), loc: fc.constant('0,0') }) }),
  fc.record({ nested: fc.record({ path: fc.constant('people'), query: fc.constant({ match_all: {} }) }) }),
  fc.record({ more_like_this: fc.record({ like: fc.constant('x') }) }),
  fc.string({ minLength: 3, maxLength: 8 }).filter((s) => /^[a-z_]+$/.test(s)).map((t) => ({ [`x_${t}`]: {} })),
);
const leaf = fc.oneof(
  fc.constant({ match_all: {} }),
  fc.constant({ match_none: {} }),
  fc.tuple(field, scalar).map(([f, v]) => ({ term: { [f]: v } })),
  fc.tuple(field, scalar).map(([f, v]) => ({ match: { [f]: v } })),
  field.map((f) => ({ exists: { field: f } })),
  unsupported,
);
const query: fc.Arbitrary<object> = fc.letrec((tie) => ({
  q: fc.oneof({ depthSize: 'small' }, leaf, fc.record({ bool: fc.record({
    must: fc.array(tie('q'), { maxLength: 2 }), should: fc.array(tie('q'), { maxLength: 2 }),
    must_not: fc.array(tie('q'), { maxLength: 2 }), filter: fc.array(tie('q'), { maxLength: 2 }) }, { requiredKeys: [] }) })),
})).q as fc.Arbitrary<object>;
const doc = fc.record({ Carrier: scalar, Dest: scalar, n: scalar, tags: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }) }, { requiredKeys: [] });

test('a hit whose DLS could not be evaluated never passes, and neither does the report', () => {
  let unverifiableSeen = 0;
  fc.assert(fc.property(query, fc.array(doc, { minLength: 1, maxLength: 5 }), (q, docs) => {
    const hits = docs.map((d, i) => ({ _index: 'flights', _id: String(i), _source: d }));
    const originals = new Map(hits.map((h) => [`flights/${h._id}`, h._source]));
    const expectations: AccessExpectations = { indices: [{ indexPatterns: ['flights'], rules: [{ role: 'r', dls: JSON.stringify(q) }] }], originals };
    const report = verifyHits({ hits: { total: { value: hits.length }, hits } }, expectations);
    report.hits.forEach((h, i) => {
      // a returned hit: a "the node may refuse" doubt a refusal would have failed the search with is cleared (helper 196);
      // it only ever decides what evaluateDls left unverifiable
      const local = evaluateReturnedDls([prepareDls(q)], docs[i], {}, undefined);
      const alone = evaluateDls(q, docs[i]);
      if (alone.result !== 'unverifiable') assert.equal(local.result, alone.result);
      if (local.result === 'unverifiable') {
        unverifiableSeen++;
        assert.notEqual(h.status, 'pass', `hit ${i} of ${JSON.stringify(q)}`);
        assert.notEqual(report.status, 'pass');
      }
      if (h.status === 'pass') assert.equal(h.dls.result, 'match', 'a passing hit was evaluated and matched');
    });
    if (report.status === 'pass') assert.ok(report.hits.every((h) => h.status === 'pass' && h.dls.result === 'match'));
  }), { numRuns: 400, seed: 20261123 });
  assert.ok(unverifiableSeen > 0, 'the generator produced unverifiable cases');
});
