/**
 * rulehome: one unknown-version policy (fgac/plugin-version.ts pluginVersionOrUnknown): a version not given is unknown
 * for every entry point, never one generation's. Version-dependent syntax is undecided (index patterns, as DLS queries
 * are unverifiable), and the DLS/FLS valve, which must answer yes or no, refuses when either generation refuses.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pluginVersionOrUnknown } from '../../src/fgac/plugin-version.js';
import { explainPermission } from '../../src/explain/index.js';
import { dlsFlsRefusal } from '../../src/explain/dls-fls-valve.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';

describe('rulehome: a plugin version not given', () => {
  test('is unknown, whatever the entry point', () => {
    assert.equal(pluginVersionOrUnknown(undefined), '');
    assert.equal(pluginVersionOrUnknown('unknown'), '');
    assert.equal(pluginVersionOrUnknown('2.19.4'), '2.19.4');
  });

  test('`${user.name:-x}` in a role pattern is undecided for explainPermission and expectationsFromRoles alike', () => {
    const roles = { r: { index_permissions: [{ index_patterns: ['logs-${user.name:-x}'], allowed_actions: ['read'], fls: ['a'] }] } };
    const x = explainPermission(roles, undefined, { action: 'indices:data/read/search', index: 'logs-x', user: { name: 'bob', roles: ['r'] } });
    assert.ok(x.undecided !== undefined, `granted ${x.granted}`);
    const e = expectationsFromRoles(roles, 'logs-x', { name: 'bob', securityRoles: ['r'] });
    assert.ok(e.indices[0]?.undecided !== undefined);
  });

  test('the valve refuses a profiled search when either generation would (2.x: FLS on the index and DLS elsewhere)', () => {
    const roles = { r: { index_permissions: [{ index_patterns: ['a'], allowed_actions: ['read'], fls: ['x'] }, { index_patterns: ['b'], allowed_actions: ['read'], dls: '{"match_all":{}}' }] } };
    const checks = [{ action: 'indices:data/read/search', indices: ['a'] }];
    const body = JSON.stringify({ profile: true });
    const subject = { name: 'u', roles: ['r'] };
    assert.notEqual(dlsFlsRefusal(checks, body, roles, subject, { pluginVersion: '2.19.4' }), undefined);
    assert.equal(dlsFlsRefusal(checks, body, roles, subject, { pluginVersion: '3.4.0' }), undefined);
    assert.notEqual(dlsFlsRefusal(checks, body, roles, subject), undefined);
  });
});
