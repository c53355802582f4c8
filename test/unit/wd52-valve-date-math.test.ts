/**
 * The DLS/FLS valve (explain/dls-fls-valve.ts) beside a date-math name without `*`: the plugin judges every name of
 * the request by its text (fgac/index-expressions.ts dateMathFallsBack), so an alias is its own name there, not its
 * indices: a DLS rule on the alias's index does not make the valve refuse `<al>` or `<a1>,al`, while it still refuses
 * `al`, `a1,al` and a date-math name of the restricted index itself (seen on 2.19.4 and 3.4.0:
 * test/integration/wd52-valve-date-math.test.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dlsFlsRefusal } from '../../src/explain/dls-fls-valve.js';

// a DLS entry: PermissionIndexRule does not name `dls`, dlsFlsRefusal reads it
const roles = {
  r: {
    index_permissions: [
      { index_patterns: ['a*', 'al'], allowed_actions: ['indices_all'] },
      { index_patterns: ['b'], allowed_actions: ['indices_all'], dls: '{"match_all":{}}' },
    ],
  },
};
const subject = { name: 'u', roles: ['r'] };
const aliases = { al: ['b'] };
const UPDATE = 'indices:data/write/update';
const SEARCH = 'indices:data/read/search';
const PROFILE = JSON.stringify({ profile: true });

describe('the DLS/FLS valve judges an alias by its name beside a date-math name', () => {
  for (const pluginVersion of ['2.19.4', '3.4.0']) {
    const refused = (action: string, indices: string[], body?: string): string[] | undefined =>
      dlsFlsRefusal([{ action, indices }], body, roles, subject, { aliases, pluginVersion })?.indices;
    test(`${pluginVersion}: _update`, () => {
      assert.deepEqual(refused(UPDATE, ['al']), ['b']);
      assert.equal(refused(UPDATE, ['<al>']), undefined);
      assert.deepEqual(refused(UPDATE, ['<b>']), ['b']);
    });
    test(`${pluginVersion}: profiled search`, () => {
      assert.deepEqual(refused(SEARCH, ['a1', 'al'], PROFILE), ['b']);
      assert.equal(refused(SEARCH, ['<a1>', 'al'], PROFILE), undefined);
      assert.equal(refused(SEARCH, ['<al>'], PROFILE), undefined);
      assert.deepEqual(refused(SEARCH, ['<b>', 'al'], PROFILE), ['b']);
      // a date-math name with `*` is a wildcard expression: core resolves it, the alias is followed
      assert.deepEqual(refused(SEARCH, ['<a*>', 'al'], PROFILE), ['b']);
    });
  }
});
