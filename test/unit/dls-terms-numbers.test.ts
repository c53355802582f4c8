/**
 * `terms` on a numeric field reads its list into one set of numbers per field type: every answer must be the one
 * the same terms give as `term` clauses of a bool `should` (each compared by termEquals), over a seeded generator
 * of lists and documents for each numeric type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls } from '../../src/verify/index.js';
import { rng } from '../domain/seed-data.js';

const TYPES = ['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float', 'unsigned_long'];

const POOL: unknown[] = [0, -0, 1, 2, 3, -1, 7, 127, 128, 0.1, 0.5, 1.5, 16777217, 2 ** 53, '3', '0.1', ' 3', '1e2', 100, 1e2, '', 'x', true, null, 3.0000001];

test('terms on a numeric field: the set path answers as the term-by-term path, for every type and list', () => {
  const next = rng(20261203);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  let compared = 0;
  let matches = 0;
  for (let i = 0; i < 3000; i++) {
    const type = pick(TYPES);
    const list = Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(POOL));
    const values = Array.from({ length: Math.floor(next() * 3) }, () => pick(POOL.filter((v) => typeof v === 'number')));
    const doc = { n: values.length === 1 ? values[0] : values };
    const options = { fieldTypes: { n: type } };
    const terms = evaluateDls(JSON.stringify({ terms: { n: list } }), doc, options);
    const should = evaluateDls(JSON.stringify({ bool: { should: list.map((t) => ({ term: { n: t } })), minimum_should_match: 1 } }), doc, options);
    assert.equal(terms.result, should.result, `${type} ${JSON.stringify(list)} on ${JSON.stringify(doc)}: terms ${terms.result} (${terms.reason ?? ''}), should ${should.result} (${should.reason ?? ''})`);
    compared++;
    if (terms.result === 'match') matches++;
  }
  assert.equal(compared, 3000);
  assert.ok(matches > 100, `the generator reaches matches (${matches})`);
});

test('terms on a long field with a large list: one set, the listed value matches and an absent one does not', () => {
  const list = Array.from({ length: 5000 }, (_, i) => i * 3);
  const q = JSON.stringify({ terms: { n: list } });
  assert.equal(evaluateDls(q, { n: 2997 }, { fieldTypes: { n: 'long' } }).result, 'match');
  assert.equal(evaluateDls(q, { n: 2998 }, { fieldTypes: { n: 'long' } }).result, 'no-match');
  assert.equal(evaluateDls(q, { n: [1, 2, 14997] }, { fieldTypes: { n: 'long' } }).result, 'match');
});
