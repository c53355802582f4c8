/**
 * A misspelt rule in hand-written expectations (`dsl`, `FLS`, the plugin's own `masked_fields`) is a
 * ConfigError naming it, never a dropped rule that lets a leaking response pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors/classes.js';
import { verifyHits } from '../../src/verify/index.js';

// the hit leaks on every rule: DLS would exclude it, FLS hides FlightNum, Dest should be masked
const response = { hits: { hits: [{ _index: 'flights', _id: '1', _source: { FlightDelay: false, Dest: 'Zurich', FlightNum: 'X1' } }] } };
const rule = (r: Record<string, unknown>) => ({ indices: [{ indexPatterns: ['flights'], rules: [r] }] });

test('each correctly spelt rule finds its leak', () => {
  assert.equal(verifyHits(response, rule({ dls: '{"term":{"FlightDelay":true}}' })).status, 'violation');
  assert.equal(verifyHits(response, rule({ fls: ['~FlightNum'] })).status, 'violation');
  assert.equal(verifyHits(response, rule({ maskedFields: ['Dest'] })).status, 'violation');
});

test('a misspelt or foreign key is a ConfigError naming its path (and the name it meant)', () => {
  const cases: Array<[unknown, RegExp]> = [
    [rule({ dsl: '{"term":{"FlightDelay":true}}' }), /^expectations\.indices\[0\]\.rules\[0\]\.dsl$/],
    [rule({ FLS: ['~FlightNum'] }), /^expectations\.indices\[0\]\.rules\[0\]\.FLS$/],
    [rule({ masked_fields: ['Dest'] }), /^expectations\.indices\[0\]\.rules\[0\]\.masked_fields$/],
    [{ indices: [{ index_patterns: ['flights'], indexPatterns: ['flights'], rules: [] }] }, /^expectations\.indices\[0\]\.index_patterns$/],
    [{ ...rule({ dls: '{"match_all":{}}' }), sallt: 'x'.repeat(32) }, /^expectations\.sallt$/],
    [{ indices: [{ indexPatterns: ['flights'], rules: [], masking: { slat: 'x' } }] }, /^expectations\.indices\[0\]\.masking\.slat$/],
  ];
  for (const [expectations, option] of cases) {
    assert.throws(() => verifyHits(response, expectations as never), (e: unknown) => e instanceof ConfigError && option.test(e.option), JSON.stringify(expectations));
  }
  assert.throws(() => verifyHits(response, rule({ masked_fields: ['Dest'] }) as never), /did you mean maskedFields\?/);
});

test('a key set to undefined is no rule, and is accepted', () => {
  assert.equal(verifyHits(response, { ...rule({ dls: undefined, fls: ['~FlightNum'] }), salt: undefined } as never).status, 'violation');
});
