/**
 * verifyHits never throws for a masked_fields regex the SDK declines for one name (UnsupportedJavaRegexError: Unicode
 * data the JDK classifies differently, `\b` next to a non-ASCII letter, V8's backtracking stack exhausted on one name):
 * over `_source`, `fields` (also a multi-field of a declined parent), `highlight`, `sort` and a DLS query reading that
 * name, the report says that name is unverifiable and still reports the certain leak elsewhere in the hit. Then the
 * metadata-field mask check under a masked_fields name clash, and `sort` values / multi-fields of a clashed field
 * (without a version: doubts, as in `_source`), while an unclashed field is still judged.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { verifyHits } from '../../src/verify/verifier.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';

type Hit = Record<string, unknown>;
type Report = ReturnType<typeof verifyHits>;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const response = (...hits: Hit[]): unknown => ({ hits: { hits: hits.map((h, i) => ({ _index: 'i', _id: String(i + 1), ...h })) } });
const exp = (rule: Record<string, unknown>, more: Partial<AccessExpectations> = {}): AccessExpectations =>
  ({ indices: [{ indexPatterns: ['i'], rules: [rule] }], ...more }) as AccessExpectations;
const kinds = (r: Report): string[][] => r.findings.map((f) => [f.kind, f.path ?? '', f.location ?? '']);
const doubtAt = (r: Report, aspect: string, path: string): boolean => r.unverifiable.some((u) => u.aspect === aspect && u.path === path);

// [regex, a name the SDK declines for it]: U+0870 is a letter JavaScript's Unicode tables and the JDK's disagree on;
// none matches `_id` (a masked _id would hide the originals)
const SHAPES: ReadonlyArray<[string, string]> = [
  ['/\\p{IsLatin}+/', 'x\u0870'],
  ['/\\p{L}.*/', 'q\u0870'],
  ['/[\\p{IsAlphabetic}]+/', 'a\u0870b'],
  ['/\\bn.*/', 'n\u00e9'],
  ['/w\\w*\\b.*/', 'w\u00e9'],
];
// declined for the long parent only: its lookahead lets the repeated group run (V8's backtracking stack overflows)
// where the name has no dot, and stops it on `<parent>.raw`, whose match the SDK computes (no entry: not masked)
const LONG = 'x'.repeat(5_000_000);
const STACK = '/(?=[^.]*$)(x)*/';

describe('a masked_fields regex declined for one name: a report, never a throw, and the certain leak elsewhere', () => {
  for (const [regex, name] of SHAPES) {
    const rule = { maskedFields: [`${regex}::SHA-256`, 'email::SHA-256'] };
    const orig = { [name]: 'v', email: 'a@b' };
    const originals = new Map([['i/1', orig], ['i/2', orig], ['i/3', orig], ['i/4', orig]]);

    test(`${regex} on ${JSON.stringify(name)}: _source, fields, highlight and sort`, () => {
      const r = verifyHits(response(
        { _source: { [name]: 'v', email: 'a@b' } },
        { _source: {}, fields: { [name]: ['v'], [`${name}.raw`]: ['v'], email: ['a@b'] } },
        { _source: { email: 'a@b' }, highlight: { [name]: ['<em>v</em>'] } },
        { _source: {}, sort: ['v', 'a@b'] },
      ), exp(rule, { originals }));
      assert.deepEqual(r.hits.map((h) => h.findings.map((f) => [f.kind, f.path, f.location])), [
        [['unmasked', 'email', '_source']], [['unmasked', 'email', 'fields']], [['unmasked', 'email', '_source']], [['unmasked', 'email', 'sort']],
      ]);
      assert.ok(doubtAt(r.hits[0] as unknown as Report, 'mask', name), JSON.stringify(r.hits[0]?.unverifiable));
      assert.ok(doubtAt(r.hits[1] as unknown as Report, 'mask', `${name}.raw`), JSON.stringify(r.hits[1]?.unverifiable));
      assert.ok(doubtAt(r.hits[2] as unknown as Report, 'mask', name), JSON.stringify(r.hits[2]?.unverifiable));
      // the sort value of the declined field: a doubt naming it, not a whole hit left unjudged
      assert.ok(doubtAt(r.hits[3] as unknown as Report, 'mask', name), JSON.stringify(r.hits[3]?.unverifiable));
    });

    test(`${regex} on ${JSON.stringify(name)}: a DLS query reading that name leaves DLS unverifiable, the leak is reported`, () => {
      const dls = JSON.stringify({ term: { [name]: 'v' } });
      const r = verifyHits(response({ _source: { [name]: sha256('v'), email: 'a@b' } }), exp({ ...rule, dls }, { originals }));
      assert.deepEqual(kinds(r), [['unmasked', 'email', '_source']]);
      assert.ok(r.unverifiable.some((u) => u.aspect === 'dls'), JSON.stringify(r.unverifiable));
    });
  }

  test('declined only for the parent of a fields key (the key itself is judged): the multi-field is a doubt', () => {
    const rule = { maskedFields: [`${STACK}::SHA-256`, 'email::SHA-256'] };
    const r = verifyHits(response({ _source: {}, fields: { [`${LONG}.raw`]: ['v'], email: ['a@b'] } }), exp(rule));
    assert.deepEqual(kinds(r), [['unmasked', 'email', 'fields']]);
    assert.ok(r.unverifiable.some((u) => u.aspect === 'mask' && u.path === `${LONG}.raw` && /multi-field/.test(u.reason)), JSON.stringify(r.unverifiable.map((u) => [u.aspect, u.reason.slice(0, 80)])));
  });

  test('a field of the mapping whose name is declined may be masked: a number in sort is not passed', () => {
    const [regex, name] = SHAPES[0] as [string, string];
    const fieldTypes = { [name]: 'keyword', [`${name}.n`]: { type: 'long', sourceField: name }, email: 'keyword' };
    const r = verifyHits(response({ _source: { email: sha256('a@b') }, sort: [5] }), { indices: [{ indexPatterns: ['i'], rules: [{ maskedFields: [`${regex}::SHA-256`, 'email::SHA-256'] }], fieldTypes }] } as AccessExpectations);
    assert.deepEqual(r.findings, []);
    // the sort value itself is the doubt, not the whole hit's sort left unjudged
    assert.ok(r.unverifiable.some((u) => u.aspect === 'mask' && /sort\[0\]/.test(u.reason)), JSON.stringify(r.unverifiable));
    assert.ok(!r.unverifiable.some((u) => u.aspect === 'hit'), JSON.stringify(r.unverifiable));
  });
});

describe('a regex the SDK declines as a whole (for every name): a report, and the certain leak elsewhere', () => {
  // each refused by compileJavaRegex (UnsupportedJavaRegexError), which verifyHits threw from its rule compilation
  const WHOLE = ['/(?i)\\p{Lu}.*/', '/(a+)+$/', '/(x?)*y/', `/${'('.repeat(300)}a${')'.repeat(300)}/`];
  const originals = new Map([['i/1', { a: 'x', secret: 's', email: 'a@b' }]]);
  const hit = { _source: { a: 'x', secret: 's', email: 'a@b' }, fields: { 'a.raw': ['x'] }, highlight: { a: ['<em>x</em>'] }, sort: ['x'] };
  for (const p of WHOLE) {
    test(`masked_fields ${p.slice(0, 16)}: every masked match unknown, an FLS leak still reported`, () => {
      const r = verifyHits(response(hit), exp({ maskedFields: [`${p}::SHA-256`], fls: ['~secret'] }, { originals }));
      assert.deepEqual(kinds(r), [['fls-leak', 'secret', '_source']]);
      assert.ok(r.unverifiable.some((u) => u.aspect === 'mask' && u.path === 'a'), JSON.stringify(r.unverifiable));
    });
    test(`FLS ${p.slice(0, 16)}: what FLS shows is unknown, a clear masked value still reported`, () => {
      const r = verifyHits(response(hit), exp({ fls: [`~${p}`, '~secret'], maskedFields: ['email::SHA-256'] }, { originals }));
      assert.deepEqual(kinds(r), [['unmasked', 'email', '_source']]);
      assert.ok(r.unverifiable.some((u) => u.aspect === 'fls' && /cannot be told/.test(u.reason)), JSON.stringify(r.unverifiable));
    });
  }
});

describe('metadata fields under a masked_fields name clash', () => {
  test('2.x: the clash fails every search: a hit is not judged field by field (as the _source walk), it is unverifiable with that reason', () => {
    const r = verifyHits(response({ _source: { c: 'x' }, _routing: 'r1' }), exp({ maskedFields: ['c::SHA-256', 'c::SHA-512'] }, { pluginVersion: '2.19.4' }));
    assert.deepEqual(kinds(r), []);
    assert.ok(r.unverifiable.some((u) => u.aspect === 'mask' && u.path === undefined), JSON.stringify(r.unverifiable));
  });

  test('no version: a meta field the clash concerns is a doubt with its path; one it does not concern says pluginVersion', () => {
    const clashed = verifyHits(response({ _source: {}, _routing: 'r1' }), exp({ maskedFields: ['_routing::SHA-256', '_routing::SHA-512'] }));
    assert.ok(clashed.unverifiable.some((u) => u.aspect === 'mask' && u.path === '_routing' && /cannot be predicted/.test(u.reason)), JSON.stringify(clashed.unverifiable));
    const other = verifyHits(response({ _source: {}, _routing: 'r1' }), exp({ maskedFields: ['c::SHA-256', 'c::SHA-512', '_r*::SHA-256'] }));
    assert.ok(other.unverifiable.some((u) => u.aspect === 'mask' && u.path === '_routing' && /pluginVersion/.test(u.reason)), JSON.stringify(other.unverifiable));
  });
});

describe('sort values and multi-fields under a masked_fields name clash without a version', () => {
  const rule = { maskedFields: ['c::SHA-256', 'c::SHA-512', 'email::SHA-256'] };
  const orig = { c: 'x', email: 'a@b' };
  const originals = new Map([['i/1', orig], ['i/2', orig], ['i/3', orig]]);

  test('a sort value of the clashed field is a doubt (as in _source), one of an unclashed masked field is unmasked', () => {
    const r = verifyHits(response({ _source: {}, sort: ['x'] }, { _source: {}, sort: ['a@b'] }), exp(rule, { originals }));
    assert.deepEqual(r.hits.map((h) => h.findings.map((f) => [f.kind, f.path, f.location])), [[], [['unmasked', 'email', 'sort']]]);
    assert.ok(r.hits[0]?.unverifiable.some((u) => u.aspect === 'mask' && u.path === 'c' && /cannot be predicted/.test(u.reason)), JSON.stringify(r.hits[0]?.unverifiable));
  });

  test('a multi-field of the clashed field is a doubt, one of an unclashed masked field is unmasked', () => {
    const r = verifyHits(response({ _source: {}, fields: { 'c.raw': ['x'], 'email.raw': ['a@b'] } }), exp(rule, { originals }));
    assert.deepEqual(kinds(r), [['unmasked', 'email.raw', 'fields']]);
    assert.ok(r.unverifiable.some((u) => u.aspect === 'mask' && u.path === 'c.raw' && /cannot be predicted/.test(u.reason)), JSON.stringify(r.unverifiable));
  });
});
