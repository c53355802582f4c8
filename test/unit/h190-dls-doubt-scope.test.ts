/**
 * The "node may refuse this query" doubt of helper 188, narrowed and made cheap (helper 190). (1) Without a mapping
 * the values a document's field may hold are checked against each query value once per clause and type, not once
 * per document string and hit (counted through the global Number, never timed). (2) Well-formed date math from a date
 * (`2024-01-01||+1M`, `2024-01-01||/d`; `now` fails a DLS search on 2.19.4: "could not read the current timestamp") and the match parameters the node accepts whatever the index (a built-in analyzer,
 * fuzzy_transpositions false) raise no doubt: another role's match stands; malformed date math, an analyzer the
 * index may lack and fuzziness still do. (3) Without a mapping a numeric value any type that could hold the
 * document's value refuses is a doubt (a float refuses 1e39 beside a document's 1.5); byte and short read query
 * values as integers (measured, 2.19.4: a byte given 300 matches nothing, 3e9 fails the search).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDlsQueries, prepareDls, type FieldTypes } from '../../src/verify/dls/index.js';

const OPTS = { index: 'i', pluginVersion: '2.19.4' };
const verdict = (queries: unknown[], doc: unknown, types?: FieldTypes): string =>
  evaluateDlsQueries(queries.map((q) => JSON.stringify(q)), doc, { ...OPTS, id: '1', ...(types ? { fieldTypes: types } : {}) }).result;

/** Calls of the global Number(...) while `run` runs (parseNumeric and the numeric-string test call it once per value). */
function numberCalls(run: () => void): number {
  const real = globalThis.Number;
  let calls = 0;
  globalThis.Number = new Proxy(real, { apply: (t, self, args: unknown[]) => { calls++; return Reflect.apply(t, self, args); } });
  try { run(); } finally { globalThis.Number = real; }
  return calls;
}

describe('query values are checked once per clause, not per document value and hit', () => {
  test('a terms list of 300 against a document of 300 numeric strings', () => {
    const list = Array.from({ length: 300 }, (_, i) => String(i + 1));
    const q = prepareDls(JSON.stringify({ terms: { f: list } }));
    const docs = [0, 1, 2].map((d) => ({ f: Array.from({ length: 300 }, (_, i) => String(1000 * d + i)) }));
    // before: one check of every listed term per document string (90 000 parses per document)
    const calls = numberCalls(() => { for (const doc of docs) evaluateDlsQueries([q], doc, { ...OPTS, id: '1' }); });
    assert.ok(calls < 10_000, `${calls} Number() calls`);
  });
  test('a terms list of 300 against two numeric strings: the second and later hits parse no listed term', () => {
    // prepared once, as the verifier does for the documents of one index
    const q = prepareDls(JSON.stringify({ terms: { f: Array.from({ length: 300 }, (_, i) => i + 1) } }));
    const doc = (d: number): unknown => ({ f: [String(d), String(d + 1)] });
    numberCalls(() => evaluateDlsQueries([q], doc(0), { ...OPTS, id: '1' }));
    // before: 600 parses per hit (each string against each listed term)
    const later = numberCalls(() => { for (let d = 1; d <= 20; d++) evaluateDlsQueries([q], doc(d), { ...OPTS, id: '1' }); });
    assert.ok(later < 1000, `${later} Number() calls for 20 hits`);
  });
});

describe('date math and match parameters the node builds raise no doubt', () => {
  const DOC = { ts: '2024-05-01T00:00:00Z', public: true, t: 'hello world' };
  const PUBLIC = { term: { public: true } };
  const TYPES: FieldTypes = { ts: 'date', public: 'boolean', t: 'text' };
  test('well-formed date math in another role, without and with the mapping: match; malformed: unverifiable', () => {
    for (const b of ['2024-01-01||+1M', '2024-01-01||/d', '2024-01-01||', '2024-01-01T00:00:00Z||-1y/M+d']) {
      for (const types of [undefined, TYPES]) {
        assert.equal(verdict([{ range: { ts: { gte: b } } }, PUBLIC], DOC, types), 'match', `${b} ${types ? 'with' : 'without'}`);
        assert.equal(verdict([{ bool: { should: [PUBLIC, { range: { ts: { lte: b } } }] } }], DOC, types), 'match', `${b} in a should`);
      }
    }
    assert.equal(verdict([{ term: { ts: '2024-05-01||/d' } }, PUBLIC], DOC), 'match');
    // malformed date math, and any from now (2.19.4 reads no current time in a DLS query: 400), stays a doubt
    for (const b of ['now-30d', 'now/d', 'now', '2024-01-01||-30x', '2024-01-01||/2d', '2024-01-01||-', 'now||+1d', 'nope||+1d', '2024-01-01||-99999999999d']) {
      for (const types of [undefined, TYPES]) assert.equal(verdict([{ range: { ts: { gte: b } } }, PUBLIC], DOC, types), 'unverifiable', `${b} ${types ? 'with' : 'without'}`);
    }
  });
  test('a built-in analyzer or fuzzy_transpositions beside a match: match; an analyzer the index may lack: unverifiable', () => {
    const m = (p: Record<string, unknown>): unknown => ({ match: { t: { query: 'hello', ...p } } });
    for (const types of [undefined, TYPES]) {
      for (const a of ['standard', 'simple', 'whitespace', 'keyword', 'stop']) assert.equal(verdict([m({ analyzer: a }), PUBLIC], DOC, types), 'match', a);
      assert.equal(verdict([{ bool: { should: [PUBLIC, m({ fuzzy_transpositions: false, analyzer: 'standard' })] } }], DOC, types), 'match');
      for (const p of [{ analyzer: 'h190nosuch' }, { analyzer: 'Standard' }, { analyzer: 5 }, { fuzzy_transpositions: 'yes' }, { fuzziness: 'AUTO' }]) {
        assert.equal(verdict([m(p), PUBLIC], DOC, types), 'unverifiable', JSON.stringify(p));
      }
    }
  });
});

describe('numeric values against the types that could hold the document\'s value', () => {
  const OK = { term: { ok: true } };
  test('without a mapping: a float refuses 1e39 beside a decimal; a long refuses 1e20 beside 3e9', () => {
    assert.equal(verdict([{ term: { x: 1e39 } }, OK], { x: 1.5, ok: true }), 'unverifiable');
    assert.equal(verdict([{ range: { x: { lte: '1e39' } } }, OK], { x: 1.5, ok: true }), 'unverifiable');
    assert.equal(verdict([{ term: { x: 1e20 } }, OK], { x: 3e9, ok: true }), 'unverifiable');
    // an integer (or byte, short) holding 5 refuses 3e9; 300 matches nothing in a byte, which the node builds
    assert.equal(verdict([{ term: { x: 3e9 } }, OK], { x: 5, ok: true }), 'unverifiable');
    assert.equal(verdict([{ term: { x: 300 } }, OK], { x: 5, ok: true }), 'match');
  });
  test('with a byte or short mapping: a value beyond the type but within an integer is built (no failed search)', () => {
    for (const t of ['byte', 'short']) {
      const types: FieldTypes = { lvl: t, ok: 'boolean' };
      assert.equal(verdict([{ bool: { should: [OK, { term: { lvl: 300 } }] } }], { lvl: 5, ok: true }, types), 'match', t);
      assert.equal(verdict([{ term: { lvl: 40000 } }, OK], { lvl: 5, ok: true }, types), 'match', t);
      assert.equal(verdict([{ term: { lvl: 3e9 } }, OK], { lvl: 5, ok: true }, types), 'unverifiable', t);
    }
  });
});
