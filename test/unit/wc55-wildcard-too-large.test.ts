/**
 * A DLS wildcard query whose pattern V8 cannot compile (a literal run of ~50 000 characters: "Regular expression too
 * large", raised at the RegExp's first exec, not at its construction) is unverifiable, with a reason. Before stop 55
 * the evaluator threw, and evaluateDls reported that as "an argument could not be read (a getter, Proxy...)": a
 * hostile role's query misreported as the caller's mistake.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls, fieldTypesFromMapping } from '../../src/verify/dls/index.js';

const fieldTypes = fieldTypesFromMapping({ properties: { Dest: { type: 'keyword' }, Body: { type: 'text' } } });
const DOC = { Dest: 'Zurich Airport', Body: 'fast flight' };

test('a wildcard too large to compile is unverifiable, in every segment position and case mode', () => {
  const run = 'a'.repeat(60_000);
  for (const [field, value, ci] of [
    ['Dest', run, false],
    ['Dest', `Z*${run}*t`, false],
    ['Dest', `${run}*`, true],
    ['Body', `*${run}`, false],
  ] as const) {
    const r = evaluateDls(JSON.stringify({ wildcard: { [field]: { value, case_insensitive: ci } } }), DOC, { fieldTypes });
    assert.equal(r.result, 'unverifiable', `${field} ${value.length}`);
    assert.match(r.reason ?? '', /wildcard pattern of \d+ characters, too large to evaluate here/);
  }
});

test('wildcards that compile are still decided, beside a refused one in the same bool', () => {
  assert.equal(evaluateDls(JSON.stringify({ wildcard: { Dest: 'Zur*Air?ort' } }), DOC, { fieldTypes }).result, 'match');
  assert.equal(evaluateDls(JSON.stringify({ wildcard: { Dest: { value: 'zur*', case_insensitive: true } } }), DOC, { fieldTypes }).result, 'match');
  const big = { wildcard: { Dest: 'b'.repeat(60_000) } };
  // false AND unverifiable is a no-match; true OR unverifiable a match
  assert.equal(evaluateDls(JSON.stringify({ bool: { must: [{ term: { Dest: 'Oslo' } }, big] } }), DOC, { fieldTypes }).result, 'no-match');
  assert.equal(evaluateDls(JSON.stringify({ bool: { should: [{ wildcard: { Dest: 'Z*' } }, big] } }), DOC, { fieldTypes }).result, 'match');
});
