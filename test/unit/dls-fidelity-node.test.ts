/**
 * DLS verdicts pinned to what the plugin does. Every case marked "observed" was seen the same on the real
 * 2.19.4 and 3.4.0 nodes (a user mapped to a role with the DLS query searched the index; test/integration/
 * verify-dls-node-truth.test.ts repeats the decisive ones against the nodes). Where the node's answer depends
 * on something the SDK was not given, the verdict must be unverifiable, never a decided one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls, fieldTypesFromMapping, standardTokens, substituteUserVariables } from '../../src/verify/index.js';
import { verifyHits } from '../../src/verify/index.js';

type Verdict = 'match' | 'no-match' | 'unverifiable';
const judge = (dls: unknown, doc: unknown, mapping: unknown): Verdict =>
  evaluateDls(typeof dls === 'string' ? dls : JSON.stringify(dls), doc, { fieldTypes: fieldTypesFromMapping(mapping) }).result;
const props = (p: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown => ({ mappings: { ...extra, properties: p } });

describe('Q1 numbers the node does not index', () => {
  const m = props({ l: { type: 'long' }, d: { type: 'double' }, n: { type: 'long', ignore_malformed: true }, b: { type: 'byte', ignore_malformed: true }, i: { type: 'integer', ignore_malformed: true } });
  test('"" in a numeric field is no value (observed)', () => {
    for (const doc of [{ l: '' }, { l: [null, ''] }, { d: '' }]) {
      const f = Object.keys(doc)[0] as string;
      assert.equal(judge({ exists: { field: f } }, doc, m), 'no-match', JSON.stringify(doc));
      assert.equal(judge({ bool: { must_not: { exists: { field: f } } } }, doc, m), 'match', JSON.stringify(doc));
    }
    assert.equal(judge({ exists: { field: 'l' } }, { l: ['', 5] }, m), 'match');
  });
  test('under ignore_malformed, strings Java does not parse are not indexed (observed: "0x10", " 6 ", "abc" in a long; 300, -200 in a byte)', () => {
    for (const v of ['0x10', ' 6 ', 'abc', '0b1', '1_000']) {
      assert.equal(judge({ exists: { field: 'n' } }, { n: v }, m), 'no-match', v);
      assert.equal(judge({ term: { n: 16 } }, { n: v }, m), 'no-match', v);
    }
    for (const v of [300, -200, '300']) {
      assert.equal(judge({ range: { b: { gte: 100 } } }, { b: v }, m), 'no-match', String(v));
      assert.equal(judge({ exists: { field: 'b' } }, { b: v }, m), 'no-match', String(v));
    }
    assert.equal(judge({ term: { b: 100 } }, { b: '100' }, m), 'match');
    // the forms Java reads stay values: " 6 " in an integer or double (Double.parseDouble trims), "+5", "1e3" in a long
    assert.equal(judge({ term: { i: 6 } }, { i: ' 6 ' }, m), 'match');
    assert.equal(judge({ term: { d: 7 } }, { d: ' 7 ' }, m), 'match');
    assert.equal(judge({ term: { l: 5 } }, { l: '+5' }, m), 'match');
    assert.equal(judge({ term: { l: 1000 } }, { l: '1e3' }, m), 'match');
  });
  test('without ignore_malformed known, a value the node rejects is unverifiable; Java-only forms too', () => {
    assert.equal(judge({ exists: { field: 'l' } }, { l: '0x10' }, m), 'unverifiable');
    assert.equal(judge({ term: { l: 16 } }, { l: '0x10' }, m), 'unverifiable');
    assert.equal(judge({ term: { i: 1 } }, { i: '1d' }, m), 'unverifiable');
    assert.equal(judge({ term: { i: 0 } }, { i: 'NaN' }, m), 'unverifiable');
  });
  test('fieldTypesFromMapping keeps ignore_malformed and coerce, also from the index settings of GET <index>', () => {
    const t = fieldTypesFromMapping({ x: { mappings: { properties: { a: { type: 'long' }, c: { type: 'integer', coerce: false } } }, settings: { index: { mapping: { ignore_malformed: 'true' } } } } });
    assert.equal(t.a?.ignoreMalformed, true);
    assert.equal(t.c?.coerce, false);
    assert.equal(judge({ term: { c: 5 } }, { c: '5' }, { mappings: { properties: { c: { type: 'integer', coerce: false } } } }), 'unverifiable');
  });
});

describe('Q2 fields the mapping does not list', () => {
  test('dynamic: false at the root or on an object: not indexed (observed)', () => {
    const m = props({ kw: { type: 'keyword' }, o: { dynamic: false, properties: { y: { type: 'long' } } } }, { dynamic: false });
    assert.equal(judge({ bool: { must_not: { range: { level: { gte: 3 } } } } }, { kw: 'x', level: 5 }, m), 'match');
    assert.equal(judge({ term: { ub: true } }, { ub: true }, m), 'no-match');
    assert.equal(judge({ exists: { field: 'un' } }, { un: 5 }, m), 'no-match');
    const mo = props({ o: { dynamic: false, properties: { y: { type: 'long' } } } });
    assert.equal(judge({ term: { 'o.x': 5 } }, { o: { x: 5 } }, mo), 'no-match');
    assert.equal(judge({ exists: { field: 'o' } }, { o: { x: 5 } }, mo), 'no-match');
    assert.equal(judge({ term: { 'o.y': 5 } }, { o: { y: 5 } }, mo), 'match');
  });
  test('dynamic strict likewise; an unlisted field of a dynamic mapping is unverifiable (stale mapping)', () => {
    assert.equal(judge({ term: { un: 5 } }, { un: 5 }, props({ kw: { type: 'keyword' } }, { dynamic: 'strict' })), 'no-match');
    assert.equal(judge({ term: { un: 5 } }, { un: 5 }, props({ kw: { type: 'keyword' } })), 'unverifiable');
    // without any fieldTypes the number's type is unknown (helper 222: a long, a double, a float, or the source text of a
    // keyword or text field read it differently): unverifiable, the reason asking for fieldTypes
    const untyped = evaluateDls({ term: { un: 5 } }, { un: 5 });
    assert.equal(untyped.result, 'unverifiable');
    assert.match(untyped.reason ?? '', /fieldTypes/);
    // typed as dynamic mapping would (an integral JSON number becomes a long): decided
    assert.equal(evaluateDls({ term: { un: 5 } }, { un: 5 }, { fieldTypes: { un: 'long' } }).result, 'match');
    assert.equal(evaluateDls({ term: { un: 5 } }, { un: 6 }, { fieldTypes: { un: 'long' } }).result, 'no-match');
  });
});

describe('Q3 exists on fields that are not searchable (observed)', () => {
  test('stored-only keyword and long are found by exists; other queries on them are unverifiable', () => {
    const m = props({ k: { type: 'keyword', index: false, doc_values: false, store: true }, n: { type: 'long', index: false, doc_values: false, store: true } });
    assert.equal(judge({ exists: { field: 'k' } }, { k: 'x' }, m), 'match');
    assert.equal(judge({ exists: { field: 'n' } }, { n: 5 }, m), 'match');
    assert.equal(judge({ exists: { field: 'k' } }, {}, m), 'no-match');
    assert.equal(judge({ term: { k: 'x' } }, { k: 'x' }, m), 'unverifiable');
  });
  test('text with index: false is not found', () => {
    const m = props({ t: { type: 'text', index: false } });
    assert.equal(judge({ bool: { must_not: { exists: { field: 't' } } } }, { t: 'hello' }, m), 'match');
  });
});

describe('Q4 query parameters read as the plugin reads them (observed)', () => {
  const m = props({ l: { type: 'long' }, k: { type: 'keyword' } });
  test('range keys in JSON order, the later overriding', () => {
    assert.equal(judge('{"range":{"l":{"gt":5,"include_lower":true}}}', { l: 5 }, m), 'match');
    assert.equal(judge('{"range":{"l":{"gte":5,"gt":6}}}', { l: 6 }, m), 'no-match');
    assert.equal(judge('{"range":{"l":{"gte":7,"from":5}}}', { l: 6 }, m), 'match');
  });
  test('"true"/"false" strings are booleans; other values unverifiable', () => {
    assert.equal(judge('{"range":{"l":{"from":6,"include_lower":"false"}}}', { l: 6 }, m), 'no-match');
    assert.equal(judge('{"term":{"k":{"value":"abc","case_insensitive":"true"}}}', { k: 'ABC' }, m), 'match');
    assert.equal(judge('{"prefix":{"k":{"value":"ab","case_insensitive":"true"}}}', { k: 'ABC' }, m), 'match');
    assert.equal(judge('{"term":{"k":{"value":"abc","case_insensitive":"yes"}}}', { k: 'ABC' }, m), 'unverifiable');
  });
  test('adjust_pure_negative: false with only must_not clauses matches nothing', () => {
    assert.equal(judge({ bool: { must_not: { term: { l: 5 } }, adjust_pure_negative: false } }, { l: 6 }, m), 'no-match');
    assert.equal(judge({ bool: { must_not: { term: { l: 5 } }, adjust_pure_negative: 'true' } }, { l: 6 }, m), 'match');
    assert.equal(judge({ bool: { must: { term: { l: 6 } }, must_not: { term: { l: 5 } }, adjust_pure_negative: false } }, { l: 6 }, m), 'match');
  });
});

describe('Q5 text analysis (observed)', () => {
  test('the document is tokenised by the index analyzer, not the search analyzer', () => {
    const m = props({ tws: { type: 'text', analyzer: 'whitespace', search_analyzer: 'standard' } });
    assert.equal(judge({ term: { tws: 'Hello' } }, { tws: 'Hello World' }, m), 'unverifiable');
    assert.equal(judge({ bool: { must_not: { match: { tws: 'hello' } } } }, { tws: 'Hello World' }, m), 'unverifiable');
  });
  test('an index default analyzer in the settings of GET <index> makes text unverifiable', () => {
    const body = { x: { mappings: { properties: { t: { type: 'text' } } }, settings: { index: { analysis: { analyzer: { default: { type: 'whitespace' } } } } } } };
    assert.equal(judge({ bool: { must_not: { match: { t: 'hello' } } } }, { t: 'Hello World' }, body), 'unverifiable');
    const flat = { x: { mappings: { properties: { t: { type: 'text' } } }, settings: { 'index.analysis.analyzer.default.type': 'standard' } } };
    assert.equal(judge({ match: { t: 'hello' } }, { t: 'Hello World' }, flat), 'match');
  });
  test('the standard tokenizer cuts words at 255 characters', () => {
    assert.deepEqual(standardTokens('a'.repeat(300)), ['a'.repeat(255), 'a'.repeat(45)]);
    const m = props({ t: { type: 'text' } });
    assert.equal(judge({ term: { t: 'a'.repeat(255) } }, { t: 'a'.repeat(300) }, m), 'match');
    assert.equal(judge({ term: { t: 'a'.repeat(300) } }, { t: 'a'.repeat(300) }, m), 'no-match');
  });
});

test('Q6 match zero_terms_query all matches a document without the field (observed)', () => {
  const m = props({ t: { type: 'text' } });
  assert.equal(judge({ match: { t: { query: '!!!', zero_terms_query: 'all' } } }, {}, m), 'match');
  assert.equal(judge({ match: { t: { query: '!!!' } } }, { t: 'x' }, m), 'no-match');
});

describe('Q7 partial dates and 4-digit numbers (observed)', () => {
  const m = props({ dt: { type: 'date' }, em: { type: 'date', format: 'epoch_millis' } });
  test('a year or month rounds up to its first day at 23:59:59.999', () => {
    assert.equal(judge({ range: { dt: { gt: '2020' } } }, { dt: '2020-06-15T00:00:00Z' }, m), 'match');
    assert.equal(judge({ range: { dt: { gt: '2020' } } }, { dt: '2020-01-01T12:00:00Z' }, m), 'no-match');
    assert.equal(judge({ range: { dt: { lte: '2020-05' } } }, { dt: '2020-05-02' }, m), 'no-match');
    assert.equal(judge({ term: { dt: '2020-05' } }, { dt: '2020-05-01T10:00:00Z' }, m), 'match');
    assert.equal(judge({ term: { dt: '2020-05' } }, { dt: '2020-05-20' }, m), 'no-match');
  });
  test('a 4-digit number is a year under the default format, epoch millis under epoch_millis', () => {
    assert.equal(judge({ range: { dt: { gte: '2000-01-01' } } }, { dt: 2020 }, m), 'match');
    assert.equal(judge({ term: { dt: 2020 } }, { dt: '2020-01-01T05:00:00Z' }, m), 'match');
    assert.equal(judge({ range: { dt: { gte: 2020 } } }, { dt: '2019-12-31' }, m), 'no-match');
    assert.equal(judge({ range: { dt: { gte: 86400000 } } }, { dt: '1970-01-02' }, m), 'match');
    assert.equal(judge({ range: { em: { gte: '2000-01-01' } } }, { em: 2020 }, m), 'unverifiable');
    assert.equal(judge({ range: { em: { lte: 3000 } } }, { em: 2020 }, m), 'match');
  });
});

// The timeouts below guard against a hang and measure nothing (as in hostile-cost.test.ts): the sizes make a
// quadratic pass take many minutes, a linear one well under a second, so a loaded machine cannot fail them.
describe('boost values the node accepts (stop 48)', () => {
  test('a boost of 0 (or one that rounds to 0 as a float) is decided; a negative or non-numeric one fails the search', () => {
    const m = props({ k: { type: 'keyword' } });
    for (const boost of [0, '0', 1e-50, 1, 2.5, '2']) assert.equal(judge({ term: { k: { value: 'x', boost } } }, { k: 'x' }, m), 'match', String(boost));
    for (const boost of [-1, 'abc', 1e40]) assert.equal(judge({ term: { k: { value: 'x', boost } } }, { k: 'x' }, m), 'unverifiable', String(boost));
  });
});

describe('F4 evaluation cost and huge token lists', () => {
  test('terms x values and bool clauses x values stay near linear', { timeout: 60_000 }, () => {
    const m = props({ k: { type: 'keyword' } });
    const values = Array.from({ length: 300_000 }, (_, i) => `v${i}`);
    // 65 535 terms (+1 below): index.max_terms_count's default 65 536; a longer list fails the search on the node
    const terms = Array.from({ length: 65_535 }, (_, i) => `t${i}`);
    const bool = { bool: { should: Array.from({ length: 300 }, (_, i) => ({ term: { k: `t${i}` } })) } };
    assert.equal(judge({ terms: { k: terms } }, { k: values }, m), 'no-match');
    assert.equal(judge({ terms: { k: [...terms, 'v299999'] } }, { k: values }, m), 'match');
    assert.equal(judge(bool, { k: values.slice(0, 30_000) }, m), 'no-match');
    assert.equal(judge({ terms: { k: [...terms, 'x', 'v299999'] } }, { k: values }, m), 'unverifiable', 'more than 65 536 terms: the node fails the search');
  });
  test('a text of 200 000 tokens is judged, and verifyHits judges the other hits', () => {
    const big = 'a '.repeat(200000);
    const m = props({ t: { type: 'text' } });
    assert.equal(judge({ term: { t: 'a' } }, { t: big }, m), 'match');
    const res = { hits: { hits: [{ _index: 'i', _id: '1', _source: { t: big } }, { _index: 'i', _id: '2', _source: { t: 'b' } }] } };
    const report = verifyHits(res, { indices: [{ indexPatterns: ['i'], rules: [{ dls: '{"term":{"t":"a"}}' }], fieldTypes: fieldTypesFromMapping(m) }] });
    assert.deepEqual(report.findings.map((f) => [f.kind, f.id]), [['dls-violation', '2']]);
  });
});

test('F6 $${ escapes without a closing brace are linear', { timeout: 60_000 }, () => {
  const q = `{"term":{"a":"${'$${'.repeat(300000)}"}}`;
  const sub = substituteUserVariables(q, {}, { pluginVersion: '3.7.0' });
  assert.equal(sub.escapes.length, 300000);
});
