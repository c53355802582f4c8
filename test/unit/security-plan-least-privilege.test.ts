/**
 * plan() for a least-privilege admin: a caller allowed only some security REST endpoints (`restapi:admin/internalusers`
 * or `.../actiongroups`) is answered 403 on GET roles and rolesmapping. The reads plan() makes only to check
 * references are then skipped (the plugin judges those references at apply): its plan of users, mappings or action
 * groups still works. A loopback stub answers as a 2.19 node does for such a caller (no REST caller can create such
 * a role on the local nodes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/index.js';
import { loopbackUrl } from '../support/loopback-client.js';

const json = (res: http.ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const server = http.createServer((req, res) => {
  req.resume();
  const url = (req.url ?? '').split('?')[0] ?? '';
  if (url === '/') return json(res, 200, { name: 'n', cluster_name: 'c', version: { distribution: 'opensearch', number: '2.19.4' } });
  if (url.endsWith('/authinfo')) return json(res, 200, { user_name: 'user-admin', roles: ['user_admin_role'], backend_roles: [], custom_attribute_names: [], tenants: {} });
  if (/\/api\/(roles|rolesmapping)\/?$/.test(url)) return json(res, 403, { status: 'FORBIDDEN', message: 'No permission to access REST API: User user-admin with Security roles [user_admin_role] does not have any access to endpoint ROLES' });
  if (/\/api\/internalusers\/?$/.test(url)) return json(res, 200, { 'old-user': { hash: '', reserved: false, hidden: false, backend_roles: [], attributes: {}, opendistro_security_roles: [], static: false } });
  if (/\/api\/actiongroups\/?$/.test(url)) return json(res, 200, { crud: { reserved: true, hidden: false, allowed_actions: ['indices:data/*'], type: 'index', static: true } });
  return json(res, 404, { status: 'NOT_FOUND', message: 'not handled by the stub' });
});
const url = loopbackUrl(server);

test('a caller that may not read roles or role mappings still plans users and action groups', async () => {
  const client = createClient({ node: url(), auth: { mode: 'basic', username: 'user-admin', password: 'Us3r-admin-pw!' }, allowInsecureHttp: true } as Parameters<typeof createClient>[0]);
  try {
    const api = new SecurityApi(client);
    const users = await api.plan({ users: { 'lp-user': { password: 'Strong-pass-1234!xyz', opendistro_security_roles: ['readall'] } } });
    assert.deepEqual(users.users.created, ['lp-user']);
    const groups = await api.plan({ actionGroups: { 'lp-group': { allowed_actions: ['indices:data/read/get'], type: 'index' } } });
    assert.deepEqual(groups.actionGroups.created, ['lp-group']);
    // a refusal of the planned type's own endpoint still fails the plan
    await assert.rejects(api.plan({ roles: { 'lp-role': { cluster_permissions: ['cluster_monitor'] } } }), (e: unknown) => (e as { statusCode?: unknown }).statusCode === 403);
  } finally {
    await client.close();
  }
});
