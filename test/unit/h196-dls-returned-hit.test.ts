/**
 * A hit the node RETURNED under DLS proves the node parsed and built the roles' OR-ed query (helper 196, from review
 * 195). Stop 57 made a clause the evaluator does not check (match_phrase, an unread match parameter, ...) a "the node
 * may refuse" doubt that turned every match into unverifiable, across roles and should siblings: ~8% of verifyHits
 * cells regressed. Measured, 2.19.4: an unparseable clause is a 500 in any position, an unbuildable one a 400 (also
 * 3.4.0); 3.4.0 drops a role whose clause it cannot parse. So verifyHits clears every such doubt with a 1.x/2.x
 * version, only the unbuildable kind otherwise; evaluateDls (documents not returned) keeps them. constant_score is
 * evaluated (its filter; boost and _name).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls, evaluateDlsQueries, type FieldTypes } from '../../src/verify/dls/index.js';
import { expectationsFromRoles, verifyHits } from '../../src/verify/index.js';

const TYPES: FieldTypes = { public: 'boolean', title: 'text', n: 'integer' };
const DOCS: Record<string, Record<string, unknown>> = {
  1: { public: true, title: 'the sales pipeline', n: 5 },
  2: { public: true, title: 'other news', n: 6 },
  3: { public: false, title: 'sales pipeline review', n: 7 },
  4: { public: false, title: 'nothing', n: 8 },
};
const A = { term: { public: true } };
const PHRASE = { match_phrase: { title: 'sales pipeline' } };
/** A match parameter read only when the node builds the query (an analyzer the index defines, not a built-in one). */
const BUILT = { match: { title: { query: 'sales', analyzer: 'h196_an' } } };

const rolesOf = (dls: unknown[]): Parameters<typeof expectationsFromRoles>[0] =>
  Object.fromEntries(dls.map((d, i) => [`r${i}`, { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'], dls: JSON.stringify(d) }] }]));

/** verifyHits' DLS verdicts ('m', 'n', 'u') for documents 1-3 returned under `dls`. */
function verdicts(dls: unknown[], version: string | undefined, types: FieldTypes | undefined): string {
  const hits = ['1', '2', '3'].map((id) => ({ _index: 'i', _id: id, _source: DOCS[id] }));
  const exp = expectationsFromRoles(rolesOf(dls), 'i', { name: 'u' }, { ...(version ? { pluginVersion: version } : {}), ...(types ? { fieldTypes: types } : {}) });
  return verifyHits({ hits: { hits } }, exp).hits.map((h) => h.dls.result[0]).join('');
}

const VERSIONS = ['2.19.4', '1.3.20', '3.4.0', '3.7.0', undefined];
const gen2 = (v: string | undefined): boolean => v !== undefined && Number(v.split('.')[0]) < 3;

describe('verifyHits: a returned hit clears the "node may refuse" doubt where a refusal fails the search', () => {
  for (const types of [TYPES, undefined]) {
    const w = types ? 'with' : 'without';
    test(`second role of an unchecked type beside a matching role: the shown documents match, ${w} fieldTypes`, () => {
      for (const v of VERSIONS) {
        // 1 and 2 come through role A whatever B is (3.x drops B at most); 3 only through B, which is not evaluated
        assert.equal(verdicts([A, PHRASE], v, types), 'mmu', String(v));
        assert.equal(verdicts([PHRASE, A], v, types), 'mmu', String(v));
      }
      // a document not returned keeps the doubt (the node may have failed the search)
      const r = evaluateDlsQueries([JSON.stringify(A), JSON.stringify(PHRASE)], DOCS[1], { pluginVersion: '2.19.4', ...(types ? { fieldTypes: types } : {}) });
      assert.equal(r.result, 'unverifiable');
      assert.match(r.reason ?? '', /may refuse a role's DLS query \(a match_phrase query/);
    });

    test(`should sibling of an unchecked type: match on 1.x/2.x, unverifiable on 3.x or unknown (the role may be dropped), ${w} fieldTypes`, () => {
      const S = { bool: { should: [A, PHRASE] } };
      for (const v of VERSIONS) {
        const got = verdicts([S], v, types);
        assert.equal(got, gen2(v) ? 'mmu' : 'uuu', String(v));
      }
      const report = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: DOCS[1] }] } }, expectationsFromRoles(rolesOf([S]), 'i', { name: 'u' }, { pluginVersion: '3.4.0' }));
      assert.match(report.hits[0]?.dls.reason ?? '', /may not parse a role's DLS query \(a match_phrase query.*ignores the whole role/);
      // evaluateDls keeps the doubt on every version
      for (const v of VERSIONS) assert.equal(evaluateDls(S, DOCS[1] as object, { ...(v ? { pluginVersion: v } : {}), ...(types ? { fieldTypes: types } : {}) }).result, 'unverifiable');
    });

    test(`a doubt of what the node parses but may not build is cleared on every version, ${w} fieldTypes`, () => {
      // an analyzer the evaluator does not know is looked up when the node builds the query: a 400 on every version
      for (const v of VERSIONS) {
        assert.equal(verdicts([{ bool: { should: [A, BUILT] } }], v, types), 'mmu', String(v));
        // beside a clause the node may not parse, 3.x keeps that one
        assert.equal(verdicts([{ bool: { should: [A, BUILT, { match: { title: { query: 'x', fuzziness: 'AUTO' } } }] } }], v, types), gen2(v) ? 'mmu' : 'uuu', String(v));
        assert.equal(verdicts([{ bool: { should: [A, { match: { title: { query: 'x', analyzer: 'h196_an', fuzziness: 'AUTO' } } }] } }], v, types), gen2(v) ? 'mmu' : 'uuu', String(v));
      }
      assert.equal(evaluateDls({ bool: { should: [A, BUILT] } }, DOCS[1] as object, { pluginVersion: '3.4.0' }).result, 'unverifiable');
    });
  }

  test('without fieldTypes, a value a type the document suggests refuses is a doubt of building: cleared for a returned hit', () => {
    // n holds 5: were n an integer, "abc" is refused when the node builds the term (400 on both nodes)
    const S = { bool: { should: [A, { term: { n: 'abc' } }] } };
    for (const v of VERSIONS) assert.equal(verdicts([S], v, undefined), 'mmu', String(v));
    assert.equal(evaluateDls(S, DOCS[1] as object, { pluginVersion: '2.19.4' }).result, 'unverifiable');
    // with the mapping it is a clause that fails every search: never cleared (the node answers 400, no hit)
    for (const v of VERSIONS) assert.equal(verdicts([S], v, TYPES), 'uuu', String(v));
  });
});

describe('constant_score is evaluated (filter; boost and _name)', () => {
  test('its filter decides, its parameters are checked as the node parses them', () => {
    const cs = (body: unknown): string => ['1', '2', '3', '4'].map((id) => evaluateDls({ constant_score: body }, DOCS[id] as object, { fieldTypes: TYPES }).result[0]).join('');
    assert.equal(cs({ filter: A }), 'mmnn');
    assert.equal(cs({ filter: A, boost: 2, _name: 'x' }), 'mmnn');
    assert.equal(cs({ filter: { bool: { must_not: [A] } } }), 'nnmm');
    // measured, 2.19.4: each of these is a 500 for every search under the role
    for (const bad of [{ boost: 1 }, { filter: A, bogus: 1 }, { filter: [A] }, { query: A }, { filter: A, boost: -1 }, { filter: {} }]) {
      const r = evaluateDls({ constant_score: bad }, DOCS[1] as object, { fieldTypes: TYPES });
      assert.equal(r.result, 'unverifiable', JSON.stringify(bad));
      assert.match(r.reason ?? '', /may fail every search/, JSON.stringify(bad));
    }
    // beside another role, no doubt any more
    assert.equal(evaluateDlsQueries([JSON.stringify({ constant_score: { filter: A } }), JSON.stringify({ term: { n: 7 } })], DOCS[1], { fieldTypes: TYPES }).result, 'match');
  });
});
