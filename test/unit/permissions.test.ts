/**
 * explainPermission / explainSecurityException on hand-written roles and action groups: static and
 * nested custom groups, loops, wildcard actions, cluster vs index actions, index patterns with
 * `${user.name}`, near misses, and explanations of the tutorial's real denial body.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionResolver, groupTable } from '../../src/explain/action-resolver.js';
import type { ApiResponse } from '@opensearch-project/opensearch';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { parseSecurityReason } from '../../src/errors/classify.js';
import { fromApiActionGroup, fromApiRole, type ApiActionGroup, type ApiRole } from '../../src/security/model.js';
import {
  explainPermission,
  explainSecurityException,
  isClusterAction,
  mappedRoles,
  staticGroupFor,
  type PermissionRoles,
} from '../../src/explain/index.js';

const SEARCH = 'indices:data/read/search';

/** The tutorial's roles, as `SecurityApi.roles.listRaw()` returns them (DLS as a string). */
const tutorialRoles: Record<string, ApiRole> = {
  'new-role': {
    reserved: false, hidden: false, static: false,
    cluster_permissions: [],
    index_permissions: [{
      index_patterns: ['flights*'], allowed_actions: ['read'], dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], masked_fields: ['Dest'],
    }],
    tenant_permissions: [],
  },
  all_access: {
    reserved: true, hidden: false, static: true,
    cluster_permissions: ['*'],
    index_permissions: [{ index_patterns: ['*'], allowed_actions: ['*'] }],
    tenant_permissions: [{ tenant_patterns: ['*'], allowed_actions: ['kibana_all_write'] }],
  },
};

function denial(reason: string, path: string): SecurityExceptionError {
  const meta = {
    body: { error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason }, status: 403 },
    statusCode: 403,
    headers: {},
    warnings: null,
    meta: { context: null, name: 'opensearch-js', request: { params: { method: 'GET', path }, options: {}, id: 1 }, connection: null, attempts: 0, aborted: false },
  } as unknown as ApiResponse;
  return new SecurityExceptionError(meta, parseSecurityReason(reason, path), { method: 'GET', path });
}

describe('isClusterAction (PrivilegesEvaluator.isClusterPerm)', () => {
  test('cluster-level and index-level actions', () => {
    for (const a of [
      'cluster:monitor/health', 'cluster:admin/search/template/render', 'indices:admin/template/put', 'indices:admin/index_template/get',
      'indices:data/read/scroll', 'indices:data/read/scroll/clear', 'indices:data/write/bulk', 'indices:data/read/mget',
      'indices:data/read/msearch', 'indices:data/read/msearch/template', 'indices:data/read/mtv', 'indices:data/write/reindex',
    ]) assert.equal(isClusterAction(a), true, a);
    for (const a of [SEARCH, 'indices:data/write/bulk[s]', 'indices:data/read/mget[shard]', 'indices:data/write/index', 'indices:admin/create', 'indices:monitor/stats']) {
      assert.equal(isClusterAction(a), false, a);
    }
  });
});

describe('explainPermission: the tutorial role', () => {
  test('GET _search (all indices): new-role grants read only on flights*, a near miss; all_access would grant', () => {
    const r = explainPermission(tutorialRoles, undefined, { action: SEARCH, index: '*', user: { name: 'new-user', roles: ['new-role'] } });
    assert.equal(r.level, 'index');
    assert.equal(r.granted, false);
    assert.deepEqual(r.grants, []);
    assert.deepEqual(r.uncoveredIndices, ['*']);
    assert.deepEqual(r.rolesEvaluated, ['new-role']);
    assert.equal(r.nearMisses.length, 1);
    const miss = r.nearMisses[0]!;
    assert.equal(miss.role, 'new-role');
    assert.equal(miss.kind, 'other_indices');
    assert.deepEqual(miss.patterns, ['flights*']);
    assert.deepEqual(miss.indices, ['*']);
    assert.match(miss.reason, /new-role grants indices:data\/read\/search via read \(indices:data\/read\*\) only on \[flights\*\], not on \[\*\]/);
    assert.deepEqual(r.wouldGrant, [{ role: 'all_access', permission: 'index', pattern: '*', index: '*', via: ['*'] }]);
  });

  test('_all is all indices', () => {
    const r = explainPermission(tutorialRoles, undefined, { action: SEARCH, index: '_all', user: { roles: ['new-role'] } });
    assert.deepEqual(r.indices, ['*']);
    assert.equal(r.granted, false);
  });

  test('GET flights/_search: granted by new-role via read', () => {
    const r = explainPermission(tutorialRoles, undefined, { action: SEARCH, index: 'flights', user: { roles: ['new-role'] } });
    assert.equal(r.granted, true);
    assert.deepEqual(r.grants, [{ role: 'new-role', permission: 'index', pattern: 'flights*', index: 'flights', via: ['read', 'indices:data/read*'] }]);
    assert.deepEqual(r.nearMisses, []);
  });

  test('without mapped roles every role is evaluated', () => {
    const r = explainPermission(tutorialRoles, undefined, { action: SEARCH, index: 'movies' });
    assert.equal(r.granted, true);
    assert.deepEqual(r.rolesEvaluated, ['new-role', 'all_access']);
    assert.deepEqual(r.grants.map((g) => g.role), ['all_access']);
    assert.deepEqual(r.nearMisses, [], 'no near misses about what another role covers');
    assert.deepEqual(r.wouldGrant, []);
  });

  test('typed roles (fromApiRole) and action groups in all three shapes give the same answer', () => {
    const typed: PermissionRoles = Object.fromEntries(Object.entries(tutorialRoles).map(([n, r]) => [n, fromApiRole(r)]));
    const raw: Record<string, ApiActionGroup> = { my_read: { allowed_actions: ['indices:data/read/search'], type: 'index', reserved: false } };
    const roles: PermissionRoles = { ...typed, mine: { index_permissions: [{ index_patterns: ['movies'], allowed_actions: ['my_read'] }] } };
    for (const groups of [raw, { my_read: fromApiActionGroup(raw.my_read!) }, { my_read: ['indices:data/read/search'] }]) {
      const r = explainPermission(roles, groups, { action: SEARCH, index: 'movies', user: { roles: ['mine', 'new-role'] } });
      assert.equal(r.granted, true);
      assert.deepEqual(r.grants[0]?.via, ['my_read', 'indices:data/read/search']);
    }
  });
});

describe('explainPermission: action groups', () => {
  const groups = {
    team_read: { allowed_actions: ['team_search', 'indices:admin/mappings/get'] },
    team_search: { allowed_actions: ['indices:data/read/search*', 'suggest'] },
    team_all: ['team_read', 'write'],
    loop_a: ['loop_b'],
    loop_b: ['loop_a', 'indices:data/write/index*'],
    self: ['self'],
  };

  test('nested custom groups resolve through static ones, with the whole chain', () => {
    const roles: PermissionRoles = { team: { index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['team_all'] }] } };
    const search = explainPermission(roles, groups, { action: SEARCH, index: 'logs-1' });
    assert.deepEqual(search.grants[0]?.via, ['team_all', 'team_read', 'team_search', 'indices:data/read/search*']);
    const suggest = explainPermission(roles, groups, { action: 'indices:data/read/suggest', index: 'logs-1' });
    assert.deepEqual(suggest.grants[0]?.via, ['team_all', 'team_read', 'team_search', 'suggest', 'indices:data/read/suggest*']);
    const write = explainPermission(roles, groups, { action: 'indices:data/write/update', index: 'logs-1' });
    assert.deepEqual(write.grants[0]?.via, ['team_all', 'write', 'indices:data/write*']);
    const del = explainPermission(roles, groups, { action: 'indices:admin/delete', index: 'logs-1' });
    assert.equal(del.granted, false);
    assert.equal(del.nearMisses[0]?.kind, 'action_not_allowed');
    assert.match(del.nearMisses[0]!.reason, /covers logs-1 with \[logs-\*\] but allows only \[team_all\]/);
  });

  test('loops terminate, are reported, and do not hide members after the loop', () => {
    const roles: PermissionRoles = { r: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['loop_a', 'self'] }] } };
    const ok = explainPermission(roles, groups, { action: 'indices:data/write/index', index: 'x' });
    assert.equal(ok.granted, true);
    assert.deepEqual(ok.grants[0]?.via, ['loop_a', 'loop_b', 'indices:data/write/index*']);
    const no = explainPermission(roles, groups, { action: SEARCH, index: 'x' });
    assert.equal(no.granted, false);
    assert.ok(no.warnings.includes('action group loop: loop_a -> loop_b -> loop_a'), no.warnings.join('|'));
    assert.ok(no.warnings.includes('action group loop: self -> self'), no.warnings.join('|'));
  });

  test('a large diamond of groups stays linear', () => {
    const diamond = (levels: number): Record<string, string[]> => {
      const groups: Record<string, string[]> = {};
      for (let i = 0; i < levels; i++) groups[`g${i}`] = [`g${i + 1}`, `h${i + 1}`];
      for (let i = 0; i <= levels; i++) groups[`h${i}`] = [`g${i}`];
      groups[`g${levels}`] = ['indices:nothing'];
      return groups;
    };
    // Counted, not timed: each of the 33 groups of a 16-level diamond is expanded at most once (walking every
    // path instead expands 2^17 times).
    const resolver = new ActionResolver(groupTable(diamond(16)));
    assert.equal(resolver.chain('g0', SEARCH), undefined);
    assert.ok(resolver.expansions <= 33, `${resolver.expansions} expansions for 33 groups`);
    // and explainPermission on 200 levels (2^201 paths) returns at all
    const roles: PermissionRoles = { r: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['g0'] }] } };
    const r = explainPermission(roles, diamond(200), { action: SEARCH, index: 'x' });
    assert.equal(r.granted, false);
  });

  test('custom groups override static ones of the same name', () => {
    const roles: PermissionRoles = { r: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['read'] }] } };
    assert.equal(explainPermission(roles, { read: ['indices:data/read/get'] }, { action: SEARCH, index: 'x' }).granted, false);
    assert.equal(explainPermission(roles, undefined, { action: SEARCH, index: 'x' }).granted, true);
  });

  test('an entry that is neither a group nor an action is a near miss (misspelt group)', () => {
    const roles: PermissionRoles = { r: { index_permissions: [{ index_patterns: ['flights*'], allowed_actions: ['raed'] }] } };
    const e = explainPermission(roles, undefined, { action: SEARCH, index: 'flights' });
    assert.equal(e.granted, false);
    const unknown = e.nearMisses.find((n) => n.kind === 'unknown_entry');
    assert.match(unknown?.reason ?? '', /\[raed\]/);
  });
});

describe('explainPermission: wildcard actions and cluster vs index', () => {
  const roles: PermissionRoles = {
    reader: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['indices:data/read*'] }] },
    monitor: { cluster_permissions: ['cluster_monitor'] },
    clusterstar: { cluster_permissions: ['cluster:*'] },
    everything: { cluster_permissions: ['*'] },
    composite: { cluster_permissions: ['cluster_composite_ops_ro'] },
    misplaced: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['cluster:monitor/*', 'indices:data/read/msearch'] }] },
    searchInCluster: { cluster_permissions: ['indices:data/read/search'] },
    regex: { index_permissions: [{ index_patterns: ['/flig.ts-[0-9]+/'], allowed_actions: ['indices:data/read/se?rch'] }] },
  };

  test('indices:data/read* on * grants search on any index and on all indices', () => {
    const r = explainPermission(roles, undefined, { action: SEARCH, index: ['flights', 'movies', '*'], user: { roles: ['reader'] } });
    assert.equal(r.granted, true);
    assert.deepEqual(r.grants.map((g) => [g.index, g.pattern, g.via]), [
      ['flights', '*', ['indices:data/read*']], ['movies', '*', ['indices:data/read*']], ['*', '*', ['indices:data/read*']],
    ]);
  });

  test('cluster actions: group, cluster:*, *; only cluster_permissions count', () => {
    const health = 'cluster:monitor/health';
    const r = explainPermission(roles, undefined, { action: health, index: 'ignored' });
    assert.equal(r.level, 'cluster');
    assert.equal(r.indices, null);
    assert.deepEqual(r.grants, [
      { role: 'monitor', permission: 'cluster', via: ['cluster_monitor', 'cluster:monitor/*'] },
      { role: 'clusterstar', permission: 'cluster', via: ['cluster:*'] },
      { role: 'everything', permission: 'cluster', via: ['*'] },
    ]);
    const only = explainPermission(roles, undefined, { action: health, user: { roles: ['misplaced', 'reader'] } });
    assert.equal(only.granted, false);
    const miss = only.nearMisses.find((n) => n.role === 'misplaced');
    assert.equal(miss?.kind, 'wrong_section');
    assert.match(miss?.reason ?? '', /only in index_permissions \(on \[\*\]\)/);
    assert.deepEqual(only.wouldGrant.map((g) => g.role), ['monitor', 'clusterstar', 'everything']);
  });

  test('msearch is cluster-level: cluster_composite_ops_ro grants it, index_permissions do not', () => {
    const msearch = 'indices:data/read/msearch';
    const r = explainPermission(roles, undefined, { action: msearch, user: { roles: ['composite', 'misplaced', 'reader'] } });
    assert.equal(r.level, 'cluster');
    assert.deepEqual(r.grants, [{ role: 'composite', permission: 'cluster', via: ['cluster_composite_ops_ro', msearch] }]);
    assert.deepEqual(r.nearMisses, [], 'granted: no near misses');
    const without = explainPermission(roles, undefined, { action: msearch, user: { roles: ['misplaced', 'reader'] } });
    assert.equal(without.granted, false);
    assert.deepEqual(without.nearMisses.map((n) => [n.role, n.kind]), [['misplaced', 'wrong_section'], ['reader', 'wrong_section']]);
    // cluster:* (cluster_all) does not cover it: the action name starts with indices:.
    assert.deepEqual(without.wouldGrant.map((g) => g.role), ['everything', 'composite']);
  });

  test('an index action listed in cluster_permissions is a wrong-section near miss', () => {
    const r = explainPermission(roles, undefined, { action: SEARCH, index: 'flights', user: { roles: ['searchInCluster'] } });
    assert.equal(r.granted, false);
    assert.equal(r.nearMisses[0]?.kind, 'wrong_section');
    assert.match(r.nearMisses[0]!.reason, /in cluster_permissions; the plugin checks index-level actions against index_permissions only/);
  });

  test('/regex/ index patterns and ? in actions', () => {
    const r = explainPermission(roles, undefined, { action: SEARCH, index: 'flights-12,flights-x', user: { roles: ['regex'] } });
    assert.deepEqual(r.grants.map((g) => g.index), ['flights-12']);
    assert.deepEqual(r.uncoveredIndices, ['flights-x']);
    assert.equal(r.granted, false);
  });

  test('several indices covered by different roles; missing and unmapped roles', () => {
    const rs: PermissionRoles = {
      f: { index_permissions: [{ index_patterns: ['flights*'], allowed_actions: ['read'] }] },
      m: { index_permissions: [{ index_patterns: ['movies'], allowed_actions: ['search'] }, { index_patterns: ['audit'], allowed_actions: ['write'] }] },
    };
    const both = explainPermission(rs, undefined, { action: SEARCH, index: 'flights,movies', user: { roles: ['f', 'm', 'gone'] } });
    assert.equal(both.granted, true);
    assert.deepEqual(both.grants.map((g) => [g.role, g.index, g.via[0]]), [['f', 'flights', 'read'], ['m', 'movies', 'search']]);
    assert.deepEqual(both.missingRoles, ['gone']);
    assert.deepEqual(both.nearMisses.map((n) => n.kind), ['role_not_found']);
    const part = explainPermission(rs, undefined, { action: SEARCH, index: ['flights', 'movies', 'audit'], user: { roles: ['f'] } });
    assert.equal(part.granted, false);
    assert.deepEqual(part.uncoveredIndices, ['movies', 'audit']);
    assert.deepEqual(part.wouldGrant.map((g) => [g.role, g.index]), [['m', 'movies']]);
    const audit = explainPermission(rs, undefined, { action: SEARCH, index: 'audit', user: { roles: ['m'] } });
    assert.deepEqual(audit.nearMisses.map((n) => n.kind), ['other_indices', 'action_not_allowed']);
  });

  test('without an index: every pattern that grants the action', () => {
    const r = explainPermission(tutorialRoles, undefined, { action: 'indices:data/read/get', user: { roles: ['new-role', 'all_access'] } });
    assert.equal(r.granted, true);
    assert.equal(r.indices, null);
    assert.deepEqual(r.grants.map((g) => [g.role, g.pattern]), [['new-role', 'flights*'], ['all_access', '*']]);
    const none = explainPermission(tutorialRoles, undefined, { action: 'indices:data/write/index', user: { roles: ['new-role'] } });
    assert.equal(none.granted, false);
  });

  test('an empty action is refused', () => {
    assert.throws(() => explainPermission(roles, undefined, { action: '' }), TypeError);
  });
});

describe('explainPermission: ${user.*} in index patterns', () => {
  const roles: PermissionRoles = {
    own: { index_permissions: [{ index_patterns: ['logs-${user.name}-*', 'home_${user_name}'], allowed_actions: ['crud'] }] },
    dept: { index_permissions: [{ index_patterns: ['dept-${attr.internal.dept}'], allowed_actions: ['read'] }] },
  };

  test('the user name is substituted (dotted and underscore forms)', () => {
    const r = explainPermission(roles, undefined, { action: 'indices:data/write/index', index: ['logs-alice-1', 'home_alice'], user: { name: 'alice', roles: ['own'] } });
    assert.equal(r.granted, true);
    assert.deepEqual(r.grants.map((g) => [g.pattern, g.resolvedPattern, g.via]), [
      ['logs-${user.name}-*', 'logs-alice-*', ['crud', 'write', 'indices:data/write*']],
      ['home_${user_name}', 'home_alice', ['crud', 'write', 'indices:data/write*']],
    ]);
    const bob = explainPermission(roles, undefined, { action: 'indices:data/write/index', index: 'logs-alice-1', user: { name: 'bob', roles: ['own'] } });
    assert.equal(bob.granted, false);
    assert.equal(bob.nearMisses[0]?.kind, 'other_indices');
    assert.deepEqual(bob.nearMisses[0]?.patterns, ['logs-${user.name}-*', 'home_${user_name}']);
  });

  test('attributes are substituted; undefined variables are a near miss', () => {
    const sales = explainPermission(roles, undefined, { action: SEARCH, index: 'dept-sales', user: { roles: ['dept'], attributes: { 'attr.internal.dept': 'sales' } } });
    assert.equal(sales.granted, true);
    const none = explainPermission(roles, undefined, { action: SEARCH, index: 'dept-sales', user: { roles: ['dept'] } });
    assert.equal(none.granted, false);
    const miss = none.nearMisses.find((n) => n.kind === 'unresolved_variable');
    assert.match(miss?.reason ?? '', /dept-\$\{attr\.internal\.dept\} uses \$\{attr\.internal\.dept\}/);
  });
});

describe('mappedRoles', () => {
  test('users, backend_roles and and_backend_roles patterns', () => {
    const mappings = {
      'new-role': { users: [], backend_roles: ['new-backend-role'] },
      all_access: { users: ['master-user'], backend_roles: ['arn:aws:iam::123456789012:role/IAMMasterUserRole'] },
      team: { users: ['team-*'] },
      both: { and_backend_roles: ['a', 'b*'] },
      hostonly: { hosts: ['10.0.0.1'] } as Record<string, unknown>,
    };
    assert.deepEqual(mappedRoles(mappings, { name: 'new-user', backendRoles: ['new-backend-role'] }), ['new-role']);
    assert.deepEqual(mappedRoles(mappings, { name: 'master-user' }), ['all_access']);
    assert.deepEqual(mappedRoles(mappings, { name: 'team-x', backendRoles: ['a', 'bee'] }), ['team', 'both']);
    assert.deepEqual(mappedRoles(mappings, { name: 'y', backendRoles: ['a'] }), []);
  });
});

describe('explainSecurityException', () => {
  const reason = 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]';

  test('the tutorial denial, roles from role mappings', () => {
    const error = denial(reason, '/_search');
    const before = JSON.stringify(error);
    const mappings = { 'new-role': { backend_roles: ['new-backend-role'] }, all_access: { users: ['master-user'] } };
    const x = explainSecurityException(error, tutorialRoles, undefined, { roleMappings: mappings });
    assert.equal(x.rolesSource, 'roleMappings');
    assert.deepEqual(x.roles, ['new-role']);
    assert.deepEqual(x.user, { name: 'new-user', backendRoles: ['new-backend-role'] });
    assert.equal(x.explanations.length, 1);
    assert.equal(x.explanation, x.explanations[0]);
    assert.equal(x.explanation?.granted, false);
    assert.equal(x.explanation?.nearMisses[0]?.kind, 'other_indices');
    assert.match(x.message, /^User new-user \(backend roles: new-backend-role\) lacks indices:data\/read\/search on \[\*\]\./);
    assert.match(x.message, /new-role grants indices:data\/read\/search via read \(indices:data\/read\*\) only on \[flights\*\], not on \[\*\]/);
    assert.match(x.message, /Fix: target only indices matching \[flights\*\], or give a mapped role indices:data\/read\/search \(e\.g\. action group read\) on \[\*\]; or map the user to a role that grants it: all_access\./);
    assert.equal(JSON.stringify(error), before, 'the error is not modified');
  });

  test('explicit userRoles win; without any role information every role is evaluated', () => {
    const error = denial(reason, '/_search');
    const explicit = explainSecurityException(error, tutorialRoles, {}, { userRoles: ['new-role'], roleMappings: {} });
    assert.equal(explicit.rolesSource, 'userRoles');
    assert.deepEqual(explicit.roles, ['new-role']);
    const all = explainSecurityException(error, tutorialRoles);
    assert.equal(all.rolesSource, 'all');
    assert.equal(all.roles, null);
    assert.equal(all.explanation?.granted, true);
    assert.match(all.message, /the user's mapped roles are unknown \(pass userRoles from authinfo, or roleMappings\), so all 2 roles given were evaluated/);
    assert.match(all.message, /Roles that grant it: all_access via \* on \*\./);
    assert.match(all.message, /Fix: map the user \(or one of its backend roles\) to one of all_access, or to a role granting the same\./);
  });

  test('injected roles and cluster actions', () => {
    const error = denial('no permissions for [cluster:monitor/health] and associated roles [new-role]', '/_cluster/health');
    const x = explainSecurityException(error, tutorialRoles);
    assert.equal(x.rolesSource, 'injected');
    assert.deepEqual(x.roles, ['new-role']);
    assert.equal(x.explanation?.level, 'cluster');
    assert.match(x.message, /^A request with injected roles \[new-role\] lacks cluster:monitor\/health\./);
    assert.match(x.message, /Fix: add cluster:monitor\/health \(e\.g\. action group cluster_monitor\) to the cluster_permissions of a mapped role; or map the user to a role that grants it: all_access\./);
  });

  test('a user mapped to no role', () => {
    const error = denial('no permissions for [cluster:monitor/main] and User [name=p8-nobody, backend_roles=[], requestedTenant=null]', '/');
    const x = explainSecurityException(error, tutorialRoles, undefined, { roleMappings: { 'new-role': { backend_roles: ['new-backend-role'] } } });
    assert.deepEqual(x.roles, []);
    assert.match(x.message, /no role with a definition/);
    assert.match(x.message, /The user has no role that could grant it\./);
  });

  test('a denial whose backend roles could not be read (ambiguous, the user named): roles unknown, every role evaluated, never "no backend roles"', () => {
    const error = denial('no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[a], [b], requestedTenant=null]', '/_search');
    assert.equal(error.ambiguous, true);
    assert.equal(error.user?.name, 'new-user');
    const x = explainSecurityException(error, tutorialRoles, undefined, { roleMappings: { 'new-role': { backend_roles: ['a], [b'] } } });
    assert.equal(x.rolesSource, 'all');
    assert.match(x.message, /^User new-user \(backend roles unreadable in the denial\) lacks indices:data\/read\/search/);
    assert.doesNotMatch(x.message, /no backend roles/);
  });

  test('a denial without actions', () => {
    const x = explainSecurityException(denial('something else', '/x'), tutorialRoles);
    assert.equal(x.explanation, undefined);
    assert.match(x.message, /names no action/);
  });
});

describe('staticGroupFor', () => {
  test('narrowest static group first', () => {
    assert.equal(staticGroupFor(SEARCH), 'read');
    assert.equal(staticGroupFor('indices:data/write/delete'), 'write');
    assert.equal(staticGroupFor('indices:admin/create'), 'create_index');
    assert.equal(staticGroupFor('cluster:monitor/health'), 'cluster_monitor');
    assert.equal(staticGroupFor('indices:data/read/msearch'), 'cluster_composite_ops_ro');
    assert.equal(staticGroupFor('cluster:admin/settings/update'), 'cluster_all');
  });
});

describe('the exported static action-group table', () => {
  test('is frozen to the leaves: an app cannot widen what explainPermission resolves through it', async () => {
    const { STATIC_ACTION_GROUPS } = await import('../../src/fgac/action-groups.js');
    const read = STATIC_ACTION_GROUPS.read;
    assert.throws(() => { (read.allowed_actions as string[]).push('indices:*'); }, TypeError);
    assert.throws(() => { (STATIC_ACTION_GROUPS as Record<string, unknown>).read = { type: 'index', allowed_actions: ['*'], description: '' }; }, TypeError);
    assert.throws(() => { (read as { allowed_actions: readonly string[] }).allowed_actions = ['*']; }, TypeError);
    const r = explainPermission(tutorialRoles, undefined, { action: 'indices:data/write/index', index: 'flights', user: { roles: ['new-role'] } });
    assert.equal(r.granted, false, 'read still does not grant a write');
  });
});

test('explainPermission refuses optional query parts of the wrong type at once (a 10 MB string as the alias table took minutes)', () => {
  const roles = { r: { cluster_permissions: [], index_permissions: [{ index_patterns: ['a*'], allowed_actions: ['read'] }] } };
  const bad: Array<[Record<string, unknown>, RegExp]> = [
    [{ aliases: 'x'.repeat(10_000_000) }, /query\.aliases/],
    [{ aliases: { a: 'b' } }, /query\.aliases/],
    [{ user: { roles: 42 } }, /query\.user\.roles/],
    [{ user: 'alice' }, /query\.user must/],
    [{ pluginVersion: 3 }, /query\.pluginVersion/],
  ];
  for (const [extra, message] of bad) {
    assert.throws(() => explainPermission(roles, undefined, { action: 'indices:data/read/search', index: 'a1', ...extra } as never), (e: unknown) => e instanceof TypeError && message.test(e.message), String(message));
  }
});

test('an index given but blank is every index, as the plugin reads a request that names none (never "any index")', () => {
  const roles: PermissionRoles = { r1: { index_permissions: [{ index_patterns: ['m*'], allowed_actions: ['read'] }] } };
  const user = { name: 'alice', roles: ['r1'], backendRoles: [] };
  const named = explainPermission(roles, {}, { action: SEARCH, index: 'movies', user });
  assert.equal(named.granted, true, 'the role grants movies');
  const all = explainPermission(roles, {}, { action: SEARCH, index: '*', user });
  assert.equal(all.granted, false, 'and not every index');
  for (const index of ['', ' ', ',', ' , ', [] as string[], ['', ' ']]) {
    const e = explainPermission(roles, {}, { action: SEARCH, index, user });
    assert.equal(e.granted, false, JSON.stringify(index));
    assert.deepEqual(e.indices, ['*'], JSON.stringify(index));
  }
});
