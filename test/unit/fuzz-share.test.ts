/**
 * The seeded fuzzes' shares (test/support/fuzz-share.ts): the four matrix legs' quarters together are every default case
 * once, and a share name that is not k/n fails the run instead of running all or nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzShare, shareOf, shareRuns, shareSeeds, takesAllCases } from '../support/fuzz-share.js';

test('unset: every case; the four quarters are disjoint and together are every seed, each in order', () => {
  assert.deepEqual(fuzzShare({}), { index: 0, of: 1 });
  assert.equal(takesAllCases({ index: 0, of: 1 }), true);
  assert.deepEqual(shareSeeds(7, 100, { index: 0, of: 1 }), [100, 101, 102, 103, 104, 105, 106]);
  const quarters = [1, 2, 3, 4].map((k) => shareSeeds(301, 1000, fuzzShare({ FGAC_FUZZ_SHARE: `${k}/4` })));
  const all = quarters.flat().sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: 301 }, (_x, i) => 1000 + i));
  for (const q of quarters) {
    assert.ok(q.length === 75 || q.length === 76, String(q.length));
    assert.deepEqual(q, [...q].sort((a, b) => a - b));
  }
  assert.equal(takesAllCases(fuzzShare({ FGAC_FUZZ_SHARE: '2/4' })), false);
  assert.deepEqual(shareOf(['a', 'b', 'c', 'd', 'e'], { index: 1, of: 2 }), ['b', 'd']);
});

test('a property check takes its part of the runs from a seed of its own per share', () => {
  assert.deepEqual(shareRuns(300, 7, { index: 0, of: 1 }), { numRuns: 300, seed: 7 });
  const seeds = new Set([1, 2, 3, 4].map((k) => shareRuns(250, 7, fuzzShare({ FGAC_FUZZ_SHARE: `${k}/4` })).seed));
  assert.equal(seeds.size, 4);
  assert.equal(shareRuns(250, 7, { index: 3, of: 4 }).numRuns, 63);
  assert.equal(shareRuns(1, 7, { index: 3, of: 4 }).numRuns, 1);
});

test('a share that is not k/n with 1 <= k <= n fails', () => {
  for (const bad of ['0/4', '5/4', '1/0', '1', 'a/b', '1/4/2', '-1/4', ' /4']) {
    assert.throws(() => fuzzShare({ FGAC_FUZZ_SHARE: bad }), /FGAC_FUZZ_SHARE: expected k\/n/, bad);
  }
  assert.deepEqual(fuzzShare({ FGAC_FUZZ_SHARE: ' 3/4 ' }), { index: 2, of: 4 });
});
