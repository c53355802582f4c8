/**
 * The DLS/FLS valve under `dfm_empty_overrides_all` on 2.x, where no node of the suite runs with it on: each row
 * was observed on a scratch 2.19.4 node started with the setting (FGAC_NODE_SETTINGS, 2026-12-02), and off on the
 * suite's node. 3.x is judged against a real node by test/integration/dfm-empty-overrides.test.ts (matrix leg dfm).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dlsFlsRefusal } from '../../src/explain/dls-fls-valve.js';
import type { PermissionRoles } from '../../src/explain/types.js';

const X = 'x';
const Y = 'y';
const EVEN = '{"term":{"tag":"even"}}';
const update = [{ action: 'indices:data/write/update', indices: [X] }];
const search = [{ action: 'indices:data/read/search', indices: [X] }];
const profile = JSON.stringify({ profile: true, size: 0 });

/** Role sets (one role per inner list) and what the 2.19.4 node did with `_update` and a profiled search on x. */
const ROWS: Array<[string, Array<Array<Record<string, unknown>>>, { off: [boolean, boolean]; on: [boolean, boolean] }]> = [
  ['DLS + a plain grant', [[{ index_patterns: [X], dls: EVEN }], [{ index_patterns: [X] }]], { off: [true, true], on: [false, false] }],
  ['FLS in one role, DLS in another', [[{ index_patterns: [X], fls: ['~secret'] }], [{ index_patterns: [X], dls: EVEN }]], { off: [true, true], on: [false, false] }],
  ['DLS on *, plain on the index', [[{ index_patterns: ['*'], dls: EVEN }], [{ index_patterns: [X] }]], { off: [true, true], on: [false, false] }],
  ['plain on *, DLS on the index', [[{ index_patterns: ['*'] }], [{ index_patterns: [X], dls: EVEN }]], { off: [true, true], on: [false, false] }],
  ['masking on the index, plain on another', [[{ index_patterns: [X], masked_fields: ['secret'] }], [{ index_patterns: [Y] }]], { off: [true, false], on: [true, false] }],
  ['DLS and plain on y, FLS on x', [[{ index_patterns: [Y], dls: EVEN }, { index_patterns: [X], fls: ['~secret'] }], [{ index_patterns: [Y] }]], { off: [true, true], on: [true, false] }],
  ['two grants of one role', [[{ index_patterns: [X], dls: EVEN }, { index_patterns: ['x*'] }]], { off: [true, true], on: [false, false] }],
];

describe('the 2.x valve with dfm_empty_overrides_all off and on (observed on 2.19.4)', () => {
  for (const [name, grants, expected] of ROWS) {
    test(name, () => {
      const roles: PermissionRoles = Object.fromEntries(grants.map((g, i) => [`r${i}`, { index_permissions: g.map((p) => ({ allowed_actions: ['crud'], ...p })) }]));
      const subject = { name: 'u', roles: Object.keys(roles) };
      for (const dfm of [false, true]) {
        const context = { pluginVersion: '2.19.4', dfmEmptyOverridesAll: dfm };
        const [updateRefused, profileRefused] = expected[dfm ? 'on' : 'off'];
        assert.equal(dlsFlsRefusal(update, undefined, roles, subject, context) !== undefined, updateRefused, `${name}, dfm ${dfm}: _update`);
        assert.equal(dlsFlsRefusal(search, profile, roles, subject, context) !== undefined, profileRefused, `${name}, dfm ${dfm}: profile`);
      }
    });
  }

  test("2.x asks the whole configuration for DLS: a DLS entry whose wildcard patterns land on unknown indices still counts; the cluster's names decide", () => {
    const roles: PermissionRoles = {
      a: { index_permissions: [{ index_patterns: ['y*'], allowed_actions: ['crud'], dls: EVEN }, { index_patterns: [X], allowed_actions: ['crud'], fls: ['~s'] }] },
      b: { index_permissions: [{ index_patterns: ['y1'], allowed_actions: ['crud'] }] },
    } as unknown as PermissionRoles;
    const subject = { name: 'u', roles: ['a', 'b'] };
    assert.notEqual(dlsFlsRefusal(search, profile, roles, subject, { pluginVersion: '2.19.4', dfmEmptyOverridesAll: true }), undefined);
    assert.equal(dlsFlsRefusal(search, profile, roles, subject, { pluginVersion: '2.19.4', dfmEmptyOverridesAll: true, clusterIndices: ['x', 'y1'] }), undefined);
    assert.notEqual(dlsFlsRefusal(search, profile, roles, subject, { pluginVersion: '2.19.4', dfmEmptyOverridesAll: true, clusterIndices: ['x', 'y1', 'y2'] }), undefined);
  });
});
