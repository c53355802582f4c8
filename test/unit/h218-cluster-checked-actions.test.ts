/**
 * One home for which actions the plugin checks as cluster-level (fgac/cluster-actions.ts, PrivilegesEvaluatorImpl
 * .isClusterPerm at 2.19.4.0 and 3.4.0.0), used by explain and by the denial parser: a refusal of such an action names
 * no index (no index permission lifts it; measured: test/integration/h218-cluster-checked-denials.test.ts). The denial
 * parser reads the path's index list as the node does (split at commas, nothing trimmed, cut at the first `?` only),
 * as explain's request table does.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { isClusterAction, isIndexLevelAction } from '../../src/fgac/cluster-actions.js';
import { isClusterAction as explainIsClusterAction } from '../../src/explain/action-resolver.js';
import { indicesFromPath } from '../../src/errors/parse-plugin.js';
import { toTypedError } from '../../src/errors/boundary.js';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { explainPermission } from '../../src/explain/permission.js';
import { requiredPrivileges } from '../../src/explain/request-actions.js';
import { Rng } from '../support/seeded-rng.js';

const SEARCH = 'indices:data/read/search';

describe('isClusterAction: the plugin table, one home', () => {
  test('explain uses the same function', () => {
    assert.equal(explainIsClusterAction, isClusterAction);
  });

  test('cluster-level: cluster:*, templates, scroll*, msearch*, bulk, mget, mtv, reindex, search template render', () => {
    for (const a of [
      'cluster:monitor/health', 'indices:admin/template/put', 'indices:admin/index_template/get', 'indices:data/read/scroll',
      'indices:data/read/scroll/clear', 'indices:data/write/bulk', 'indices:data/read/mget', 'indices:data/read/msearch',
      'indices:data/read/msearch/template', 'indices:data/read/mtv', 'indices:data/write/reindex',
      // RenderSearchTemplateAction.NAME (lang-mustache); before: taken as index-level
      'indices:data/read/search/template/render',
    ]) {
      assert.equal(isClusterAction(a), true, a);
      assert.equal(isIndexLevelAction(a), false, a);
    }
  });

  test('index-level: shard/item actions of the composite ones, search template (equals, not a prefix), plain actions', () => {
    for (const a of [SEARCH, 'indices:data/read/search/template', 'indices:data/write/bulk[s]', 'indices:data/read/mget[shard]', 'indices:data/read/mtv[shard]',
      'indices:data/write/bulk*', 'indices:data/write/reindex/x', 'indices:data/read/search/template/render/x', 'indices:admin/create']) {
      assert.equal(isClusterAction(a), false, a);
      assert.equal(isIndexLevelAction(a), true, a);
    }
    // neither: not checked against index permissions
    assert.equal(isIndexLevelAction('restapi:admin/roles'), false);
  });

  test('explainPermission: the render action is judged against cluster_permissions', () => {
    const roles = { r: { index_permissions: [{ index_patterns: ['*'], allowed_actions: ['indices:data/read/search/template/render'] }] } };
    const e = explainPermission(roles, undefined, { action: 'indices:data/read/search/template/render', index: 'logs', user: { name: 'u', roles: ['r'] } });
    assert.equal(e.level, 'cluster');
    assert.equal(e.granted, false);
    const c = explainPermission({ r: { cluster_permissions: ['indices:data/read/search/template/render'] } }, undefined, { action: 'indices:data/read/search/template/render', user: { name: 'u', roles: ['r'] } });
    assert.equal(c.granted, true);
  });
});

function denial(action: string, path: string): unknown {
  const reason = `no permissions for [${action}] and User [name=u1, backend_roles=[], requestedTenant=null]`;
  const body = { error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason }, status: 403 };
  const err = new errors.ResponseError({ body, statusCode: 403, headers: {}, warnings: null, meta: { request: { params: { method: 'POST', path } } } } as never);
  return toTypedError(err);
}

describe('a denial of a cluster-checked indices: action names no index', () => {
  for (const [action, path] of [
    ['indices:data/write/bulk', '/logs/_bulk'], ['indices:data/read/mget', '/logs/_mget'], ['indices:data/read/msearch', '/logs/_msearch'],
    ['indices:data/read/mtv', '/logs/_mtermvectors'], ['indices:data/read/msearch/template', '/logs/_msearch/template'],
    ['indices:data/write/reindex', '/_reindex'], ['indices:data/read/scroll', '/_search/scroll'],
  ]) {
    test(`${action} on ${path}`, () => {
      const e = denial(action as string, path as string);
      assert.ok(e instanceof SecurityExceptionError);
      // before: ["logs"] and "... lacks indices:data/write/bulk on [logs]"
      assert.equal(e.indices, null);
      assert.equal(e.message, `User u1 (no backend roles) lacks ${action}`);
      assert.equal(indicesFromPath(path, [action as string]), null);
    });
  }

  test('an index-level denial still names the path indices; a list with one cluster-checked action names none', () => {
    const e = denial(SEARCH, '/logs/_search');
    assert.ok(e instanceof SecurityExceptionError);
    assert.deepEqual(e.indices, ['logs']);
    assert.equal(e.message, 'User u1 (no backend roles) lacks indices:data/read/search on [logs]');
    assert.equal(indicesFromPath('/logs/_bulk', ['indices:data/write/index', 'indices:data/write/bulk']), null);
    assert.deepEqual(indicesFromPath('/logs/_doc/1', ['indices:data/write/index']), ['logs']);
  });
});

describe('indicesFromPath reads the path as the node does (and as explain/request-actions.ts does)', () => {
  test('split at commas, never trimmed; cut at the first ? only (splitTarget); empty names kept as the node keeps them (Java split: not a trailing one)', () => {
    // before: ["logs"], ["logs", "metrics"], ["a"] (cut at #), ["a", "b"]
    assert.deepEqual(indicesFromPath('/%20logs/_search', [SEARCH]), [' logs']);
    assert.deepEqual(indicesFromPath('/logs,%20metrics/_search', [SEARCH]), ['logs', ' metrics']);
    assert.deepEqual(indicesFromPath('/a#b/_search', [SEARCH]), ['a#b']);
    assert.deepEqual(indicesFromPath('/a%2C%20b/_search', [SEARCH]), ['a', ' b']);
    assert.deepEqual(indicesFromPath('/logs,,x/_search?q=a#x', [SEARCH]), ['logs', '', 'x']);
    assert.deepEqual(indicesFromPath('/logs,x,/_search', [SEARCH]), ['logs', 'x']);
    assert.deepEqual(indicesFromPath('/_all/_search', [SEARCH]), ['_all']);
    assert.deepEqual(indicesFromPath('/_search', [SEARCH]), ['*']);
    assert.equal(indicesFromPath('/_search/scroll', [SEARCH]), null);
  });

  test('agrees with requiredPrivileges on GET /<names>/_search over generated paths (seeded)', () => {
    const rng = new Rng(218);
    const parts = ['a', 'logs', ' ', '%20', ',', '%2C', '#', '%23', '_all', '-x', '*', '%', '%2', 'é', '%C3%A9', '?'];
    let compared = 0;
    for (let n = 0; n < 3000; n++) {
      let seg = '';
      const len = rng.int(1, 6);
      for (let k = 0; k < len; k++) seg += rng.pick(parts);
      const path = `/${seg}/_search`;
      const r = requiredPrivileges({ method: 'GET', path });
      if (!r.known) continue;
      const check = r.checks.find((c) => c.action === SEARCH);
      if (check?.indices === undefined) continue;
      compared++;
      assert.deepEqual(indicesFromPath(path, [SEARCH]), check.indices, path);
    }
    assert.ok(compared > 1000, `compared ${compared}`);
  });
});
