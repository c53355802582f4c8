/**
 * BoundedCache keeps the last entry over its per-entry bound in one slot: a long DLS wildcard or masked-field entry
 * met once per document is computed once, not per document (a refused ~50 000-character wildcard took ~0.8 ms each
 * time), and no number of long inputs holds more than that one. Answers must not mix up long keys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from '../../src/fgac/bounded-cache.js';
import { evaluateDls, fieldTypesFromMapping } from '../../src/verify/dls/index.js';

test('the last long entry is kept, one at a time, outside the counted bounds', () => {
  const cache = new BoundedCache<number>({ entries: 4, chars: 100, maxEntryChars: 10 });
  const a = 'a'.repeat(50);
  const b = 'b'.repeat(50);
  cache.set(a, 1);
  assert.equal(cache.get(a), 1);
  assert.equal(cache.get(`${'a'.repeat(25)}${'a'.repeat(25)}`), 1, 'an equal key built another way');
  cache.set(b, 2);
  assert.equal(cache.get(b), 2);
  assert.equal(cache.get(a), undefined, 'only the last long entry is kept');
  assert.deepEqual(cache.size(), { entries: 0, chars: 0 });
  cache.set('short', 3);
  assert.equal(cache.get('short'), 3);
  assert.equal(cache.get(b), 2, 'a short entry does not drop the long one');
  // the slot itself is bounded: an entry over 1 M characters is computed each time, and drops the one kept
  const huge = 'h'.repeat(1_048_577);
  cache.set(huge, 4);
  assert.equal(cache.get(huge), undefined);
  assert.equal(cache.get(b), undefined);
});

test('long wildcards met in turn keep their own answers (pattern and case mode)', () => {
  const fieldTypes = fieldTypesFromMapping({ properties: { K: { type: 'keyword' } } });
  const long = 'q'.repeat(5000);
  const docs = [{ K: `${long}x` }, { K: `${long.toUpperCase()}x` }, { K: 'qx' }];
  const query = (value: string, ci: boolean): string => JSON.stringify({ wildcard: { K: { value, case_insensitive: ci } } });
  const expect: Record<string, string[]> = {
    [query(`${long}*`, false)]: ['match', 'no-match', 'no-match'],
    [query(`${long}*`, true)]: ['match', 'match', 'no-match'],
    [query(`*${long}y`, false)]: ['no-match', 'no-match', 'no-match'],
    [query(`${'z'.repeat(60_000)}*`, false)]: ['unverifiable', 'unverifiable', 'unverifiable'],
  };
  for (let round = 0; round < 3; round++) {
    for (const [q, results] of Object.entries(expect)) {
      docs.forEach((doc, i) => assert.equal(evaluateDls(q, doc, { fieldTypes }).result, results[i], `round ${round} doc ${i} ${q.slice(0, 60)}`));
    }
  }
});
