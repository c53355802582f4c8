/**
 * A role with an action pattern that does not compile: the plugin keeps what it processed before the failure
 * (ActionPrivileges 2.19.4.0, RoleBasedActionPrivileges 3.4.0.0), and on 2.x the config model fails to load.
 * rolesAsCompiled reduces each role to that; explainPermission over the result gives the node's verdicts
 * (measured on 2.19.4 and 3.4.0: test/integration/rx51-ignored-role.test.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rolesAsCompiled } from '../../src/explain/role-as-compiled.js';
import { actionPatternFailure } from '../../src/explain/action-resolver.js';
import { explainPermission } from '../../src/explain/permission.js';
import type { PermissionActionGroups, PermissionRoles } from '../../src/explain/types.js';

const SEARCH = 'indices:data/read/search';
const STATS = 'indices:monitor/stats';

function granted(roles: PermissionRoles, action: string, index: string | undefined, pluginVersion?: string, extra: { groups?: PermissionActionGroups; clusterIndices?: string[] } = {}): { granted: boolean; warnings: string[] } {
  const view = rolesAsCompiled(roles, extra.groups, action, { ...(pluginVersion !== undefined ? { pluginVersion } : {}), ...(extra.clusterIndices ? { clusterIndices: extra.clusterIndices } : {}) });
  const e = explainPermission(view.roles, extra.groups, { action, ...(index !== undefined ? { index } : {}) });
  return { granted: e.granted, warnings: view.warnings };
}

const CUT: PermissionRoles = {
  r: {
    cluster_permissions: ['cluster:monitor/health', 'cluster:monitor/main'],
    index_permissions: [
      { index_patterns: ['a'], allowed_actions: [SEARCH] },
      { index_patterns: ['b'], allowed_actions: ['/[/'] },
      { index_patterns: ['c'], allowed_actions: [SEARCH] },
    ],
  },
};

describe('actionPatternFailure', () => {
  test('a lone / and a regex the JDK refuses fail; exact names, globs and good regexes compile', () => {
    assert.ok(actionPatternFailure('/') !== undefined);
    assert.ok(actionPatternFailure('/[/') !== undefined);
    for (const ok of ['indices:data/read/search', 'indices:*', '/indices:.*/', 'read']) assert.equal(actionPatternFailure(ok), undefined, ok);
  });
});

describe('index permissions: kept up to the failing rule', () => {
  for (const version of ['2.19.4', '3.4.0', undefined]) {
    test(`${version ?? 'unknown version'}: the rule before the bad pattern grants, the one after does not`, () => {
      assert.equal(granted(CUT, SEARCH, 'a', version).granted, true);
      const c = granted(CUT, SEARCH, 'c', version);
      assert.equal(c.granted, false);
      assert.match(c.warnings.join('\n'), /Ignoring role.*"\/\[\/" does not compile/);
      // explainPermission reads the raw role as compiled itself (before: the raw role granted c)
      const direct = explainPermission(CUT, undefined, { action: SEARCH, index: 'c', ...(version !== undefined ? { pluginVersion: version } : {}) });
      assert.equal(direct.granted, false);
      assert.match(direct.warnings.join('\n'), /Ignoring role/);
    });
  }

  test('cluster permissions are not affected by a failing index permission', () => {
    assert.equal(granted(CUT, 'cluster:monitor/main', undefined, '2.19.4').granted, true);
  });

  test('a failing member of an action group drops that entry; entries before it are kept', () => {
    const groups = { g: { allowed_actions: [SEARCH, '/'] } };
    const roles = { r: { index_permissions: [{ index_patterns: ['x'], allowed_actions: ['indices:data/read/get', 'g'] }] } };
    assert.equal(granted(roles, 'indices:data/read/get', 'x', '3.4.0', { groups }).granted, true);
    const s = granted(roles, SEARCH, 'x', '3.4.0', { groups });
    assert.equal(s.granted, false);
    assert.match(s.warnings.join('\n'), /in action group g/);
  });

  test('the precomputed table skips a rule naming *: a well-known action on a later rule is granted, another is not', () => {
    const roles = { r: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['/[/'] }, { index_patterns: ['c'], allowed_actions: [SEARCH, STATS] }] } };
    // with the cluster's indices known: without them a rule reached only through the table is doubt (rc52)
    assert.equal(granted(roles, SEARCH, 'c', '2.19.4', { clusterIndices: ['c'] }).granted, true);
    assert.equal(granted(roles, STATS, 'c', '2.19.4', { clusterIndices: ['c'] }).granted, false);
  });

  test('3.2+ skips a failing rule whose patterns match no existing index (only when the cluster indices are known)', () => {
    assert.equal(granted(CUT, SEARCH, 'c', '3.4.0', { clusterIndices: ['a', 'c'] }).granted, true);
    assert.equal(granted(CUT, SEARCH, 'c', '3.4.0', { clusterIndices: ['a', 'b', 'c'] }).granted, false);
    assert.equal(granted(CUT, SEARCH, 'c', '3.1.0', { clusterIndices: ['a', 'c'] }).granted, false);
    assert.equal(granted(CUT, SEARCH, 'c', undefined, { clusterIndices: ['a', 'c'] }).granted, false);
  });
});

describe('cluster permissions', () => {
  const roles = {
    r: { cluster_permissions: ['cluster:monitor/health', '/[/', 'cluster:monitor/main'], index_permissions: [{ index_patterns: ['a'], allowed_actions: [SEARCH] }] },
  };

  test('3.x: kept up to the failure; index permissions unaffected', () => {
    assert.equal(granted(roles, 'cluster:monitor/health', undefined, '3.4.0').granted, true);
    assert.equal(granted(roles, 'cluster:monitor/main', undefined, '3.4.0').granted, false);
    assert.equal(granted(roles, SEARCH, 'a', '3.4.0').granted, true);
  });

  for (const version of ['2.19.4', undefined]) {
    test(`${version ?? 'unknown version'}: the config load fails, the role grants nothing`, () => {
      const h = granted(roles, 'cluster:monitor/health', undefined, version);
      assert.equal(h.granted, false);
      assert.match(h.warnings.join('\n'), /grants nothing.*Error while updating roles/);
      assert.equal(granted(roles, SEARCH, 'a', version).granted, false);
    });
  }

  test('3.x: a wildcard before the failure grants only the well-known cluster actions', () => {
    const wild = { r: { cluster_permissions: ['cluster:monitor/*', '/'] } };
    assert.equal(granted(wild, 'cluster:monitor/health', undefined, '3.4.0').granted, true);
    assert.equal(granted(wild, 'cluster:monitor/nodes/info', undefined, '3.4.0').granted, false);
    assert.equal(explainPermission(wild, undefined, { action: 'cluster:monitor/nodes/info', pluginVersion: '3.4.0' }).granted, false);
    assert.equal(explainPermission(wild, undefined, { action: 'cluster:monitor/health', pluginVersion: '3.4.0' }).granted, true);
  });

  test('a role whose patterns all compile is returned as it is, without a warning', () => {
    const ok = { r: { cluster_permissions: ['cluster_monitor'], index_permissions: [{ index_patterns: ['a'], allowed_actions: ['read'] }] } };
    const view = rolesAsCompiled(ok, undefined, SEARCH, { pluginVersion: '2.19.4' });
    assert.equal(view.roles.r, ok.r);
    assert.deepEqual(view.warnings, []);
  });
});
