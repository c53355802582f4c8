/**
 * Hostile documents and queries for the verifier and the DLS reader: nesting deeper than the SDK
 * follows (MAX_NESTING_DEPTH) and cyclic objects never crash a call or turn into a verdict (a hit
 * is unverifiable, a DLS text is `too-deep`, a pure helper throws a RangeError saying so), other
 * hits are still judged, and a field named `__proto__` stays a field. OpenSearch itself stores and
 * queries deeper nesting (test/integration/verify-dls.test.ts, docs/NOTES.md), so "too deep" is
 * never reported as the server's verdict.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDlsText, parseDls } from '../../src/fgac/dls.js';
import { MAX_NESTING_DEPTH } from '../../src/fgac/json.js';
import { validateRole } from '../../src/security/model.js';
import { prepareDls, evaluateDls } from '../../src/verify/dls/index.js';
import { diffDocuments } from '../../src/verify/compare.js';
import { filterDocument, visibleFields } from '../../src/verify/fls.js';
import { maskDocument } from '../../src/verify/masking.js';
import { verifyHits } from '../../src/verify/verifier.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';

/** `leaf` inside `depth` objects (`{a:{a:...}}`) or arrays (`[[...]]`). */
function nested(depth: number, leaf: unknown, kind: 'object' | 'array'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

function cyclicObject(): unknown {
  const doc: Record<string, unknown> = { Dest: 'x', inner: {} };
  (doc.inner as Record<string, unknown>).back = doc;
  return doc;
}

function cyclicArray(): unknown {
  const list: unknown[] = ['x'];
  list.push(list);
  return { Dest: list };
}

const expectations = (rule: Record<string, unknown>): AccessExpectations => ({ indices: [{ indexPatterns: ['flights'], rules: [rule] }] });
const hit = (id: string, source: unknown) => ({ _index: 'flights', _id: id, _source: source });

/** Sources too deep (or cyclic) to walk, one of each shape. */
const TOO_DEEP: Array<[string, () => unknown]> = [
  ['objects, just past the limit', () => nested(MAX_NESTING_DEPTH + 1, 'v', 'object')],
  ['objects, 100 000 levels', () => nested(100_000, 'v', 'object')],
  ['arrays under a field, 100 000 levels', () => ({ Dest: nested(100_000, 'v', 'array') })],
  ['a cyclic object', cyclicObject],
  ['a cyclic array', cyclicArray],
];

describe('verifyHits on sources the SDK cannot walk', () => {
  for (const [name, make] of TOO_DEEP) {
    test(`${name}: that hit is unverifiable, the next hit is still judged`, () => {
      for (const rule of [{ fls: ['~FlightNum'] }, { maskedFields: ['Dest'] }, { fls: ['~FlightNum'], maskedFields: ['Dest'] }]) {
        // the second hit leaks FlightNum (FLS) or an unmasked Dest: a violation either way
        const response = { hits: { hits: [hit('deep', make()), hit('leak', { FlightNum: 'F1', Dest: 'Zurich' })] } };
        const report = verifyHits(response, expectations(rule));
        const deep = report.hits.find((h) => h.id === 'deep');
        const leak = report.hits.find((h) => h.id === 'leak');
        assert.ok(deep !== undefined && leak !== undefined);
        assert.ok(deep.unverifiable.some((u) => u.aspect === 'hit' && /nests deeper than 1000 levels/.test(u.reason)), JSON.stringify(deep.unverifiable));
        assert.notEqual(deep.status, 'pass');
        assert.equal(leak.status, 'violation', JSON.stringify(rule));
        assert.equal(report.status, 'violation');
      }
    });
  }

  test('a source exactly at the limit is walked and judged', () => {
    const source = { Dest: nested(MAX_NESTING_DEPTH - 1, 'Zurich', 'array') };
    const report = verifyHits({ hits: { hits: [hit('1', source)] } }, expectations({ maskedFields: ['Dest'] }));
    assert.equal(report.status, 'violation');
    assert.ok(report.findings.some((f) => f.kind.includes('mask')), JSON.stringify(report.findings.map((f) => f.kind)));
  });

  test('DLS over a document with arrays nested past the limit: unverifiable, not a crash', () => {
    const doc = { Carrier: nested(50_000, 'JetBeats', 'array') };
    const result = evaluateDls('{"term":{"Carrier":"JetBeats"}}', doc);
    assert.equal(result.result, 'unverifiable');
    const report = verifyHits({ hits: { hits: [hit('1', doc)] } }, expectations({ dls: '{"term":{"Carrier":"JetBeats"}}' }));
    assert.ok(report.unverifiable.some((u) => u.aspect === 'dls'));
  });
});

describe('DLS text nested past the limit is too deep to judge, never "rejected"', () => {
  const inBool = (levels: number): string => `${'{"bool":{"must":'.repeat(levels)}{"match_all":{}}${'}}'.repeat(levels)}`;

  test('at the limit it is read; one level more is too-deep everywhere the text is judged', () => {
    // 2 * levels + 2 levels of JSON nesting
    const atLimit = inBool((MAX_NESTING_DEPTH - 2) / 2);
    assert.equal(checkDlsText(atLimit).status, 'ok');
    assert.equal(prepareDls(atLimit).ok, true);
    assert.equal(evaluateDls(atLimit, { a: 1 }).result, 'match');
    for (const text of [`{"bool":{"must":[${atLimit}]}}`, inBool(5000), `${'['.repeat(200_000)}`]) {
      const check = checkDlsText(text, { rawVariables: true });
      assert.equal(check.status, 'too-deep', text.slice(0, 40));
      const prepared = prepareDls(text);
      assert.equal(prepared.ok, false);
      if (!prepared.ok) {
        assert.equal(prepared.result.result, 'unverifiable');
        assert.doesNotMatch(prepared.result.reason ?? '', /server would reject/);
      }
      const warnings = validateRole({ index_permissions: [{ index_patterns: ['flights'], dls: text, allowed_actions: ['read'] }] }).warnings;
      assert.ok(warnings.some((w) => w.path.endsWith('.dls') && /nests deeper/.test(w.message)), JSON.stringify(warnings).slice(0, 200));
      assert.throws(() => parseDls(text), (e: unknown) => e instanceof RangeError && /nests deeper/.test(e.message));
    }
  });
});

describe('document helpers on hostile documents', () => {
  const helpers: Array<[string, (doc: unknown) => unknown]> = [
    ['filterDocument', (doc) => filterDocument(doc, ['~FlightNum'])],
    ['visibleFields', (doc) => visibleFields(doc, ['~FlightNum'])],
    // 3.x masks strings inside nested arrays, so it walks them (2.x leaves nested arrays as they are)
    ['maskDocument', (doc) => maskDocument(doc, ['Dest'], { pluginVersion: '3.1.0' })],
    ['diffDocuments', (doc) => diffDocuments('flights', '1', doc, { Dest: 'x' })],
  ];
  for (const [name, run] of helpers) {
    test(`${name}: too deep or cyclic is a RangeError that says so; at the limit it works`, () => {
      for (const [shape, make] of TOO_DEEP) {
        assert.throws(() => run(make()), (e: unknown) => e instanceof RangeError && /nests deeper than 1000 levels \(or holds a cycle\)/.test(e.message), `${name} on ${shape}`);
      }
      assert.doesNotThrow(() => run({ Dest: nested(MAX_NESTING_DEPTH - 2, 'Zurich', 'array') }));
    });
  }

  test('a field named __proto__ stays an own field of the filtered and masked copies', () => {
    const doc = JSON.parse('{"__proto__":{"FlightNum":"F1","Dest":"Zurich"},"Dest":"Rome","FlightNum":"F2"}') as Record<string, unknown>;
    const filtered = filterDocument(doc, ['~FlightNum', '~__proto__.FlightNum']);
    assert.equal(Object.getPrototypeOf(filtered), Object.prototype);
    assert.deepEqual(Object.keys(filtered), ['__proto__', 'Dest']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(filtered, '__proto__')?.value, { Dest: 'Zurich' });
    const masked = maskDocument(doc, ['Dest', '__proto__.Dest'], { salt: 'salt-123456789abcdef' }) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(masked), Object.prototype);
    const inner = Object.getOwnPropertyDescriptor(masked, '__proto__')?.value as Record<string, unknown>;
    assert.equal(inner.FlightNum, 'F1');
    assert.notEqual(inner.Dest, 'Zurich');
    assert.notEqual(masked.Dest, 'Rome');
    assert.equal(inner.Dest === masked.Dest, false);
  });
});
