/**
 * A prepared DLS query keeps what it reads from each query object without a document (src/verify/dls/query-nodes.ts:
 * split, parameter check, the clause checks per mapping) from one document to the next. Every answer must be the one
 * a fresh evaluation of the same text gives, whatever the documents, the mapping (switched between documents) and the
 * query (a seeded generator of leaf and bool queries, unknown parameters, values a field type refuses); a query
 * object given a new body is read anew; evaluateDlsQueries of one query answers as anyOf of its one result.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anyOf, evaluateDls, evaluateDlsQueries, evaluatePreparedDls, prepareDls, type FieldTypes, type PreparedDls } from '../../src/verify/dls/index.js';
import { Rng } from '../support/seeded-rng.js';

const MAPPINGS: FieldTypes[] = [
  { kw: 'keyword', txt: 'text', b: 'boolean', n: 'long', f: 'float', d: 'date' },
  { kw: 'keyword', txt: 'keyword', b: 'keyword', n: 'keyword', f: 'double', d: 'keyword' },
];
const FIELDS = ['kw', 'txt', 'b', 'n', 'f', 'd', 'u', '_id', '_index'];
const VALUES: unknown[] = ['a', 'b', 'A', 'a b', '', 'true', 'false', true, false, 1, 2, 1.5, '2', ' 3', '2024-01-02', 'now-1d', null, ['a'], { x: 1 }];

function leaf(r: Rng): Record<string, unknown> {
  const field = r.pick(FIELDS);
  const value = r.pick(VALUES);
  switch (r.int(0, 7)) {
    case 0: return { term: { [field]: value } };
    case 1: return { term: { [field]: { value, ...(r.chance(0.3) ? { case_insensitive: r.pick([true, 'yes']) } : {}), ...(r.chance(0.1) ? { slop: 1 } : {}) } } };
    case 2: return { match: { [field]: r.chance(0.5) ? value : { query: value, ...(r.chance(0.3) ? { operator: r.pick(['and', 'or', 'xor']) } : {}), ...(r.chance(0.2) ? { minimum_should_match: r.pick([1, '50%', '2.0']) } : {}) } } };
    case 3: return { terms: { [field]: Array.from({ length: r.int(0, 3) }, () => r.pick(VALUES)) } };
    case 4: return { range: { [field]: { [r.pick(['gt', 'gte', 'lt', 'lte', 'from'])]: value, ...(r.chance(0.2) ? { format: 'yyyy' } : {}) } } };
    case 5: return { [r.pick(['prefix', 'wildcard'])]: { [field]: r.chance(0.7) ? r.pick(['a', 'a*', '?', 'A']) : value } };
    case 6: return { exists: { field, ...(r.chance(0.1) ? { boost: 2 } : {}) } };
    default: return r.chance(0.5) ? { ids: { values: ['d1', 'd2'] } } : { match_all: r.chance(0.8) ? {} : { x: 1 } };
  }
}

function query(r: Rng, depth = 0): Record<string, unknown> {
  if (depth > 1 || r.chance(0.6)) return leaf(r);
  const clauses = (): unknown[] => Array.from({ length: r.int(0, 2) }, () => query(r, depth + 1));
  return { bool: { must: clauses(), should: clauses(), must_not: clauses(), ...(r.chance(0.2) ? { minimum_should_match: r.pick([1, 2, '1']) } : {}) } };
}

function doc(r: Rng): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS.slice(0, 7)) if (r.chance(0.7)) out[f] = r.chance(0.15) ? [r.pick(VALUES), r.pick(VALUES)] : r.pick(VALUES);
  return out;
}

describe('prepared DLS queries across documents', () => {
  test('every document gets the answer a fresh evaluation gives (mapping switched between documents)', () => {
    const r = new Rng(20261203);
    let compared = 0;
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const text = JSON.stringify(query(r));
      const prepared = prepareDls(text, { pluginVersion: '2.19.4' });
      for (let j = 0; j < 12; j++) {
        const d = doc(r);
        const opts = { fieldTypes: MAPPINGS[j % 2] as FieldTypes, id: 'd1', index: 'i', pluginVersion: '2.19.4' };
        const got = evaluatePreparedDls(prepared, d, opts);
        const fresh = evaluateDls(text, d, opts);
        assert.deepEqual(got, fresh, `${text} on ${JSON.stringify(d)} (mapping ${j % 2})`);
        assert.deepEqual(evaluateDlsQueries([prepared], d, opts), anyOf([fresh]), `evaluateDlsQueries of one: ${text}`);
        seen.add(`${got.result}:${(got.reason ?? '').slice(0, 12)}`);
        compared++;
      }
    }
    assert.equal(compared, 4800);
    // the generator reaches matches, no-matches, unverifiable answers and searches the node may fail
    for (const kind of ['match:', 'no-match:', 'unverifiable:the node may']) assert.ok([...seen].some((s) => s.startsWith(kind)), `${kind} reached (${[...seen].length} kinds)`);
  });

  test('a query object given a new body, or its body new parameters, is read anew', () => {
    const q: Record<string, unknown> = { match: { b: true } };
    const prepared: PreparedDls = { ok: true, query: q as never };
    const opts = { fieldTypes: MAPPINGS[0] as FieldTypes };
    assert.equal(evaluatePreparedDls(prepared, { b: true }, opts).result, 'match');
    q.match = { b: false };
    assert.equal(evaluatePreparedDls(prepared, { b: true }, opts).result, 'no-match');
    q.match = { b: { query: true, fuzziness: 2 } };
    assert.deepEqual(evaluatePreparedDls(prepared, { b: true }, opts), { result: 'unverifiable', reason: 'match parameter fuzziness' });
    q.match = { n: 'x' };
    assert.match(evaluatePreparedDls(prepared, { n: 1 }, opts).reason ?? '', /may fail every search/);
    q.match = { n: '1' };
    assert.equal(evaluatePreparedDls(prepared, { n: 1 }, opts).result, 'match');
  });
});
