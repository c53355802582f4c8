/**
 * explainPermission with do_not_fail_on_forbidden (src/explain/dnfof.ts): the cases the real 2.19.4 and
 * 3.4.0 nodes answered in test/integration/dnfof.test.ts, written out so the rules hold without a domain,
 * plus the options' own checks.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { explainPermission } from '../../src/explain/permission.js';
import { dnfofApplies, dnfofEmptyAnswer, expandIndexWildcards } from '../../src/explain/dnfof.js';
import type { PermissionQuery } from '../../src/explain/types.js';

const ROLES = { reader: { index_permissions: [{ index_patterns: ['a*'], allowed_actions: ['read', 'indices:monitor/*', 'indices:admin/mappings/get'] }] } };
const CLUSTER = ['a1', 'a2', 'b1', '.opendistro_security'];
const SEARCH = 'indices:data/read/search';

function ask(query: Partial<PermissionQuery> & { index: string }): ReturnType<typeof explainPermission> {
  return explainPermission(ROLES, undefined, { action: SEARCH, user: { name: 'u', roles: ['reader'] }, clusterIndices: CLUSTER, ...query });
}

describe('do_not_fail_on_forbidden: which actions, what is kept', () => {
  test('the actions it applies to are the plugin DNFOF_MATCHER list; writes, mappings/get and cluster actions are not among them', () => {
    for (const a of ['indices:data/read/search', 'indices:data/read/field_caps', 'indices:data/read/get', 'indices:admin/mappings/fields/get', 'indices:admin/resolve/index', 'indices:monitor/stats', 'indices:monitor/settings/get', 'indices:admin/aliases/get', 'indices:admin/shards/search_shards']) {
      assert.equal(dnfofApplies(a), true, a);
    }
    for (const a of ['indices:data/write/index', 'indices:admin/mappings/get', 'indices:admin/get', 'cluster:monitor/health']) assert.equal(dnfofApplies(a), false, a);
  });

  test('off: a mixed request is refused, as before', () => {
    const r = ask({ index: 'a1,b1' });
    assert.equal(r.granted, false);
    assert.equal(r.narrowedTo, undefined);
    assert.deepEqual(r.uncoveredIndices, ['b1']);
  });

  test('on: a mixed request runs on the covered indices; names, wildcards, `*` and aliases alike', () => {
    assert.deepEqual(ask({ index: 'a1,b1', doNotFailOnForbidden: true }).narrowedTo, ['a1']);
    assert.deepEqual(ask({ index: '*', doNotFailOnForbidden: true }).narrowedTo, ['a1', 'a2']);
    assert.deepEqual(ask({ index: '_all', doNotFailOnForbidden: true }).narrowedTo, ['a1', 'a2']);
    const alias = ask({ index: 'mixed', doNotFailOnForbidden: true, aliases: { mixed: ['a1', 'b1'] } });
    assert.equal(alias.granted, true);
    assert.deepEqual(alias.narrowedTo, ['a1']);
    assert.deepEqual(alias.uncoveredIndices, ['b1']);
  });

  test('on: nothing covered is refused (403), unless _empty: then a search answers empty and a document read is still refused', () => {
    const refused = ask({ index: 'b1', doNotFailOnForbidden: true });
    assert.equal(refused.granted, false);
    assert.equal(refused.narrowedTo, undefined);
    const empty = ask({ index: 'b*', doNotFailOnForbidden: true, doNotFailOnForbiddenEmpty: true });
    assert.equal(empty.granted, true);
    assert.deepEqual(empty.narrowedTo, []);
    const get = ask({ action: 'indices:data/read/get', index: 'b1', doNotFailOnForbidden: true, doNotFailOnForbiddenEmpty: true });
    assert.equal(get.granted, false);
  });

  test('_empty on stats/settings/aliases answers for EVERY index of the cluster (as both nodes did), field_caps for the covered ones', () => {
    assert.equal(dnfofEmptyAnswer('indices:monitor/stats'), 'every-index');
    assert.equal(dnfofEmptyAnswer('indices:data/read/field_caps'), 'covered');
    const stats = ask({ action: 'indices:monitor/stats', index: 'b1', doNotFailOnForbidden: true, doNotFailOnForbiddenEmpty: true });
    assert.deepEqual(stats.narrowedTo, CLUSTER);
    assert.ok(stats.warnings.some((w) => /every index of the cluster, including those the roles do not cover/.test(w)));
    const caps = ask({ action: 'indices:data/read/field_caps', index: 'b1', doNotFailOnForbidden: true, doNotFailOnForbiddenEmpty: true });
    assert.deepEqual(caps.narrowedTo, ['a1', 'a2']);
    const unnamed = explainPermission(ROLES, undefined, { action: 'indices:monitor/stats', index: 'b1', user: { roles: ['reader'] }, doNotFailOnForbidden: true, doNotFailOnForbiddenEmpty: true });
    assert.equal(unnamed.granted, true);
    assert.equal(unnamed.narrowedTo, undefined);
    assert.ok(unnamed.warnings.some((w) => /pass query\.clusterIndices/.test(w)));
  });

  test('an action it does not cover is refused as before (mappings/get)', () => {
    const r = ask({ action: 'indices:admin/mappings/get', index: 'a1,b1', doNotFailOnForbidden: true, doNotFailOnForbiddenEmpty: true });
    assert.equal(r.granted, false);
    assert.equal(r.narrowedTo, undefined);
  });

  test('wildcards: expanded against clusterIndices in any mode (one naming no index is allowed); without the list a warning under dnfof', () => {
    // `-a2` after a wildcard is an exclusion (core's WildcardExpressionResolver): applied, not kept as a name
    assert.deepEqual(expandIndexWildcards(['a*', 'b1', 'a1', '-a2'], CLUSTER), ['a1', 'b1']);
    assert.equal(ask({ index: 'zz*' }).granted, true);
    assert.equal(ask({ index: 'a*,b*' }).granted, false);
    const written = explainPermission(ROLES, undefined, { action: SEARCH, index: 'x*', user: { roles: ['reader'] }, doNotFailOnForbidden: true });
    assert.ok(written.warnings.some((w) => /expands x\* against the cluster's indices/.test(w)), written.warnings.join('\n'));
  });

  test('options of the wrong type are TypeErrors naming them', () => {
    assert.throws(() => ask({ index: 'a1', doNotFailOnForbidden: 'yes' as unknown as boolean }), /query\.doNotFailOnForbidden must be a boolean/);
    assert.throws(() => ask({ index: 'a1', doNotFailOnForbiddenEmpty: 1 as unknown as boolean }), /query\.doNotFailOnForbiddenEmpty must be a boolean/);
    assert.throws(() => ask({ index: 'a1', clusterIndices: 'a1' as unknown as string[] }), /query\.clusterIndices must be a list of index names/);
  });
});
