/**
 * Helper 222 (review 217): without `fieldTypes` a value's field type is unknown, and every reading the node may have
 * made of it counts. A number is a long (5.7 truncated to 5), a double, a float, or the source text of a keyword or
 * text field ("5.0", lost to JSON.parse): term, terms, match and range on it are unverifiable, never a match or a
 * no-match taken from the double reading. `exists` on "" (no value of a numeric field) and a field set to null (a
 * null_value would index one) are unverifiable; so is a `fields` mask that only an unknown normalizer explains. With
 * `fieldTypes` the verdicts stay decided. (Node truth: test/integration/h222-untyped-readings.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls, maskValue, verifyHits } from '../../src/verify/index.js';

const r = (dls: string, doc: unknown, fieldTypes?: Record<string, string>): string => evaluateDls(dls, doc as Record<string, unknown>, fieldTypes ? { fieldTypes } : {}).result;

test('a number without fieldTypes: term, terms, match and range are unverifiable (review 217 cases)', () => {
  // the node (dynamic long: 5.7 indexed as 5) hides {x:5.7} under range gt 5; the double reading said match
  assert.equal(r('{"range":{"x":{"gt":5}}}', { x: 5.7 }), 'unverifiable');
  // an explicit long returns {x:5.7} under term 5; the double reading said no-match
  assert.equal(r('{"term":{"x":5}}', { x: 5.7 }), 'unverifiable');
  assert.equal(r('{"terms":{"x":[5]}}', { x: 5.7 }), 'unverifiable');
  assert.equal(r('{"match":{"x":5}}', { x: 5.7 }), 'unverifiable');
  // a long field matches 6.5 under lte 6 (6)
  assert.equal(r('{"range":{"x":{"lte":6}}}', { x: 6.5 }), 'unverifiable');
  assert.equal(r('{"range":{"x":{"lt":6}}}', { x: 6.5 }), 'unverifiable');
  // a text or keyword field holds the source text: {"x": 5.0} is "5.0", not the term 5; -5 is the token "5"
  assert.equal(r('{"term":{"x":5}}', { x: 5 }), 'unverifiable');
  assert.equal(r('{"term":{"x":5}}', { x: -5 }), 'unverifiable');
  assert.equal(r('{"bool":{"must_not":{"term":{"x":5}}}}', { x: 5 }), 'unverifiable');
  const hit = { hits: { hits: [{ _index: 'i', _id: '1', _source: { x: 5.7 } }] } };
  const rep = verifyHits(hit, { indices: [{ indexPatterns: ['i'], rules: [{ dls: '{"range":{"x":{"gt":5}}}' }] }], pluginVersion: '2.19.4' });
  assert.equal(rep.status, 'unverifiable');
  const rep2 = verifyHits(hit, { indices: [{ indexPatterns: ['i'], rules: [{ dls: '{"term":{"x":5}}' }] }], pluginVersion: '2.19.4' });
  assert.equal(rep2.findings.length, 0);
  assert.equal(rep2.status, 'unverifiable');
});

test('with fieldTypes the number is read by its type (decided)', () => {
  assert.equal(r('{"range":{"x":{"gt":5}}}', { x: 5.7 }, { x: 'long' }), 'no-match');
  assert.equal(r('{"range":{"x":{"gt":5}}}', { x: 5.7 }, { x: 'double' }), 'match');
  assert.equal(r('{"term":{"x":5}}', { x: 5.7 }, { x: 'long' }), 'match');
  assert.equal(r('{"range":{"x":{"lte":6}}}', { x: 6.5 }, { x: 'long' }), 'match');
  assert.equal(r('{"term":{"x":5}}', { x: 5 }, { x: 'long' }), 'match');
});

test('without fieldTypes booleans and exists on other values stay decided', () => {
  assert.equal(r('{"term":{"flag":true}}', { flag: true }), 'match');
  assert.equal(r('{"term":{"flag":true}}', { flag: false }), 'no-match');
  assert.equal(r('{"exists":{"field":"x"}}', { x: 5.7 }), 'match');
  assert.equal(r('{"exists":{"field":"x"}}', { x: 'a' }), 'match');
  assert.equal(r('{"exists":{"field":"x"}}', {}), 'no-match');
  assert.equal(r('{"term":{"x":5}}', {}), 'no-match');
});

test('exists without fieldTypes: "" is no value of a numeric field, null may be a null_value', () => {
  assert.equal(r('{"exists":{"field":"x"}}', { x: '' }), 'unverifiable');
  assert.equal(r('{"bool":{"must_not":{"exists":{"field":"x"}}}}', { x: '' }), 'unverifiable');
  assert.equal(r('{"exists":{"field":"o"}}', { o: { a: '' } }), 'unverifiable');
  assert.equal(r('{"exists":{"field":"o"}}', { o: { a: '', b: 1 } }), 'match');
  assert.equal(r('{"exists":{"field":"x"}}', { x: ['', 'a'] }), 'match');
  assert.equal(r('{"bool":{"must_not":{"exists":{"field":"x"}}}}', { x: null }), 'unverifiable');
  assert.equal(r('{"term":{"x":"N/A"}}', { x: null }), 'unverifiable');
  // with the mapping: "" in a long is no value, a null without null_value is none
  assert.equal(r('{"exists":{"field":"x"}}', { x: '' }, { x: 'long' }), 'no-match');
  assert.equal(r('{"exists":{"field":"x"}}', { x: '' }, { x: 'keyword' }), 'match');
  assert.equal(r('{"exists":{"field":"x"}}', { x: null }, { x: 'keyword' }), 'no-match');
});

const salt = 'fgac-local-salt-2f8a1c';
const mopts = { salt, pluginVersion: '2.19.4', defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT' } as const;
const m = (v: string): string => maskValue(v, mopts);
const maskRep = (orig: string, source: string, fieldsValue: string, fieldTypes?: Record<string, unknown>) => verifyHits(
  { hits: { hits: [{ _index: 'i', _id: 'a', _source: { k: source }, fields: { k: [fieldsValue] } }] } },
  { indices: [{ indexPatterns: ['i'], rules: [{ maskedFields: ['k'] }], ...(fieldTypes ? { fieldTypes } : {}) }], ...mopts, originals: new Map([['i/a', { k: orig }]]) } as Parameters<typeof verifyHits>[1],
);

test('fields mask without fieldTypes: what only a normalizer explains is unverifiable, never a wrong mask', () => {
  // lowercase normalizer, text outside ASCII: doc values hold mask("àbc")
  const a = maskRep('ÀBC', m('ÀBC'), m('àbc'));
  assert.deepEqual(a.findings, []);
  assert.equal(a.status, 'unverifiable');
  // an uppercase normalizer: doc values hold mask("ABC") of "abc"
  const b = maskRep('abc', m('abc'), m('ABC'));
  assert.deepEqual(b.findings, []);
  assert.equal(b.status, 'unverifiable');
  // controls: ASCII lowercase recomputed; the clear value is unmasked
  assert.equal(maskRep('Abc', m('Abc'), m('abc')).status, 'pass');
  assert.equal(maskRep('abc', m('abc'), 'abc').findings[0]?.kind, 'unmasked');
  // with the mapping (no normalizer) a differing mask stays a wrong mask
  assert.equal(maskRep('abc', m('abc'), m('ABC'), { k: 'keyword' }).findings[0]?.kind, 'wrong-mask');
});

test('sort values: a float multi-field of a masked value sorts by the float\'s shortest text (Float.toString)', () => {
  // measured on 2.19.4 (integration h222): "5.70000001" in a float multi-field sorts as 5.7
  const sortRep = (src: Record<string, unknown>, fieldTypes?: Record<string, unknown>) => verifyHits(
    { hits: { hits: [{ _index: 'i', _id: 'a', _source: src, sort: [5.7] }] } },
    { indices: [{ indexPatterns: ['i'], rules: [{ maskedFields: ['m'] }], ...(fieldTypes ? { fieldTypes } : {}) }], ...mopts, originals: new Map([['i/a', { ...src, m: '5.70000001' }]]) } as Parameters<typeof verifyHits>[1],
  );
  const masked = { m: m('5.70000001') };
  // old code passed both (its readings were 5.70000001, 5 and the double 5.699999809265137)
  assert.deepEqual(sortRep(masked).findings.map((x) => `${x.kind}@${x.location}`), ['unmasked@sort']);
  assert.deepEqual(sortRep(masked, { m: 'keyword', 'm.f': { type: 'float', sourceField: 'm' } }).findings.map((x) => `${x.kind}@${x.location}`), ['unmasked@sort']);
  // a visible field holding the same number explains it
  assert.equal(sortRep({ ...masked, y: 5.7 }).status, 'pass');
});
