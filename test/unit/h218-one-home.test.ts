/**
 * One home each for Regex.simpleMatch (fgac/index-expressions.ts, re-exported by explain/auto-create.ts) and for "a
 * request name the cluster expands" (isRequestWildcard; explain/role-pattern.ts isIndexWildcard is the same function,
 * errors/indices-phrase.ts reads `_all` and wildcards through it). Behaviour unchanged: checked against an oracle.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllName, isRequestWildcard, simpleMatch } from '../../src/fgac/index-expressions.js';
import { simpleMatch as autoCreateSimpleMatch } from '../../src/explain/auto-create.js';
import { isIndexWildcard } from '../../src/explain/role-pattern.js';
import { indicesPhrase } from '../../src/errors/indices-phrase.js';
import { Rng } from '../support/seeded-rng.js';

/** Regex.simpleMatch as a regular expression: `*` any run (dots and newlines included), everything else itself. */
function oracle(pattern: string, s: string): boolean {
  const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('[\\s\\S]*');
  return new RegExp(`^${body}$`, 'u').test(s);
}

describe('one home', () => {
  test('simpleMatch and the wildcard test are single functions', () => {
    assert.equal(autoCreateSimpleMatch, simpleMatch);
    assert.equal(isIndexWildcard, isRequestWildcard);
  });

  test('simpleMatch agrees with the oracle (seeded, 20 000 pairs)', () => {
    const rng = new Rng(2180);
    const alphabet = ['a', 'b', '*', '.', '-', '?', '\n'];
    const word = (max: number): string => Array.from({ length: rng.int(0, max) }, () => rng.pick(alphabet)).join('');
    for (let n = 0; n < 20_000; n++) {
      const pattern = word(6);
      const s = word(8).replaceAll('*', rng.chance(0.5) ? '*' : 'a');
      assert.equal(simpleMatch(pattern, s), oracle(pattern, s), `${JSON.stringify(pattern)} ~ ${JSON.stringify(s)}`);
    }
  });

  test('wildcards: only `*` (a `?` is a literal); `_all` exactly', () => {
    assert.equal(isRequestWildcard('logs-*'), true);
    assert.equal(isRequestWildcard('logs-?'), false);
    assert.equal(isAllName('_all'), true);
    assert.equal(isAllName(' _all'), false);
    assert.equal(indicesPhrase(['_all']), ' on one or more of the indices matching [_all]');
    assert.equal(indicesPhrase([' _all']), ' on [ _all]');
    assert.equal(indicesPhrase(['logs-?']), ' on [logs-?]');
    assert.equal(indicesPhrase(['a', 'l*', '-l1']), ' on one or more of [a] and the indices matching [l*] except [l1]');
  });
});
