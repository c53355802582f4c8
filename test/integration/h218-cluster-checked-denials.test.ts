/**
 * A refusal of an `indices:` action the plugin checks as cluster-level (bulk, mget, msearch, mtv: isClusterPerm) on the
 * real 2.19.4 node: a user whose role grants `indices_all` on the index is refused all four, and only a cluster
 * permission lifts it. The typed error names no index for those (an index permission cannot fix them) and still names
 * the path's index for an index-level refusal. Entities named `h218-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConnection } from '../domain/connection.js';
import { deleteRoleUsers, localBasicClients, putRoleUsers, restOk } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { explainSecurityException } from '../../src/explain/index.js';

const conn = loadConnection();
const clients = localBasicClients(conn);
const INDEX = 'h218-logs';
const INDEX_ONLY = 'h218-index-only';
const WITH_CLUSTER = 'h218-with-cluster';
const userOf = (role: string): string => `${role}-user`;
const password = testPassword('Hclusterchecked');
const ROLES = {
  [INDEX_ONLY]: { index_permissions: [{ index_patterns: ['h218-*'], allowed_actions: ['indices_all'] }] },
  [WITH_CLUSTER]: {
    cluster_permissions: ['indices:data/write/bulk', 'indices:data/read/mget', 'indices:data/read/msearch', 'indices:data/read/mtv'],
    index_permissions: [{ index_patterns: ['h218-*'], allowed_actions: ['indices_all'] }],
  },
};

type Call = { method: string; path: string; body?: Record<string, unknown>; bulkBody?: Array<Record<string, unknown>> };
const CALLS: Array<Call & { action: string }> = [
  { action: 'indices:data/write/bulk', method: 'POST', path: `/${INDEX}/_bulk`, bulkBody: [{ index: { _id: 'b1' } }, { a: 1 }] },
  { action: 'indices:data/read/mget', method: 'POST', path: `/${INDEX}/_mget`, body: { ids: ['1'] } },
  { action: 'indices:data/read/msearch', method: 'POST', path: `/${INDEX}/_msearch`, bulkBody: [{}, { query: { match_all: {} } }] },
  { action: 'indices:data/read/mtv', method: 'POST', path: `/${INDEX}/_mtermvectors`, body: { ids: ['1'] } },
];

before(async () => {
  await deleteRoleUsers(clients.master, Object.keys(ROLES), userOf);
  await putRoleUsers(clients.master, ROLES, userOf, password);
  await restOk(clients.master, 'PUT', `/${INDEX}`, {});
});

after(async () => {
  await clients.master.transport.request({ method: 'DELETE', path: `/${INDEX}` }).catch(() => undefined);
  await deleteRoleUsers(clients.master, Object.keys(ROLES), userOf);
  await clients.closeAll();
});

const send = (username: string, call: Call) => clients.make(username, password).transport.request({ method: call.method, path: call.path, ...(call.body !== undefined ? { body: call.body } : {}), ...(call.bulkBody !== undefined ? { bulkBody: call.bulkBody } : {}) });

async function refusal(username: string, call: Call): Promise<unknown> {
  try {
    await send(username, call);
  } catch (err) {
    return err;
  }
  return assert.fail(`${call.method} ${call.path} as ${username} should have been refused`);
}

describe('h218: a cluster-checked indices: action refused on the node', () => {
  for (const call of CALLS) {
    test(`${call.action}: indices_all on the index does not grant it; the error names no index`, async () => {
      const e = await refusal(userOf(INDEX_ONLY), call);
      assert.ok(e instanceof SecurityExceptionError, String(e));
      assert.equal(e.statusCode, 403);
      // what the node says: the action alone, no index
      assert.match(e.reason, new RegExp(`^no permissions for \\[${call.action.replaceAll('/', '\\/')}\\] and User \\[name=${userOf(INDEX_ONLY)}`));
      assert.deepEqual(e.actions, [call.action]);
      // before: [h218-logs] and "... lacks <action> on [h218-logs]", as if an index permission could lift it
      assert.equal(e.indices, null);
      assert.equal(e.message, `User ${userOf(INDEX_ONLY)} (no backend roles) lacks ${call.action}`);
      const x = explainSecurityException(e, ROLES, undefined, { userRoles: [INDEX_ONLY] });
      assert.match(x.message, new RegExp(`${call.action.replaceAll('/', '\\/')} \\(cluster-level\\).*add ${call.action.replaceAll('/', '\\/')}.* to the cluster_permissions`, 's'));
      // the cluster permission is what lifts it (same index permissions)
      const ok = await send(userOf(WITH_CLUSTER), call);
      assert.equal(ok.statusCode, 200);
    });
  }

  test('an index-level refusal still names the path index, as the node reads the path (not trimmed)', async () => {
    const e = await refusal(userOf(INDEX_ONLY), { method: 'POST', path: '/h218-logs,%20other/_search', body: {} });
    assert.ok(e instanceof SecurityExceptionError, String(e));
    assert.deepEqual(e.actions, ['indices:data/read/search']);
    // before: ["h218-logs", "other"] (trimmed): the node's second name is " other"
    assert.deepEqual(e.indices, ['h218-logs', ' other']);
    assert.equal(e.message, `User ${userOf(INDEX_ONLY)} (no backend roles) lacks indices:data/read/search on one or more of [h218-logs,  other]`);
  });
});
