/**
 * Review 237's findings on the REAL node (2.19.4 and 3.4.0 answer the same; the unit side is
 * test/unit/h238-security-bind-failures.test.ts): a nested unknown key or a string for a list, PUT or PATCH, is a 500
 * Jackson failure the SDK now gives as a SecurityApiError naming the field; roles.patch refuses those values (and
 * `dls: 5`, which both nodes store as the DLS text "5") before sending, leaving the role as it was; users.delete of the
 * calling user (an admin-capable h238 user) is refused unless allowSelf, which the node then honours.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SecurityApiError } from '../../src/errors/service-errors.js';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restCaller } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const clients = localBasicClients(conn);
const rest = restCaller(clients.master);
const api = new SecurityApi(clients.master);
const ROLE = 'h238-role';
const FRESH = 'h238-fresh';
const ADMIN = 'h238-admin';
const PASSWORD = testPassword('Hadmin');

const quietly = (p: Promise<unknown>): Promise<unknown> => p.catch(() => undefined);
async function cleanUp(): Promise<void> {
  for (const path of [`roles/${ROLE}`, `roles/${FRESH}`, `internalusers/${ADMIN}`]) await quietly(rest('DELETE', `/_plugins/_security/api/${path}`));
}
before(async () => {
  await cleanUp();
  await rest('PUT', `/_plugins/_security/api/roles/${ROLE}`, { cluster_permissions: ['cluster_monitor'], index_permissions: [{ index_patterns: ['h238-*'], allowed_actions: ['read'] }] });
});
after(async () => {
  await cleanUp();
  await clients.closeAll();
});

const failure = (p: Promise<unknown>): Promise<unknown> => p.then(() => assert.fail('expected a refusal'), (e: unknown) => e);

describe('h238: the plugin\'s 500 for an entity it cannot bind is a SecurityApiError naming the field', () => {
  test('PUT with a nested unknown key: invalidKeys names it; nothing created', async () => {
    const err = await failure(api.request('PUT', `api/roles/${FRESH}`, { index_permissions: [{ index_patterns: ['a'], zzz: 1 }] }));
    assert.ok(err instanceof SecurityApiError, String(err));
    assert.equal(err.statusCode, 500);
    assert.equal(err.apiStatus, 'INTERNAL_SERVER_ERROR');
    assert.deepEqual(err.invalidKeys, ['index_permissions[0].zzz']);
    assert.equal(await api.roles.getRaw(FRESH), undefined);
  });
  test('PATCH (entity and collection) with a nested unknown key or a string for a list', async () => {
    const entity = await failure(api.request('PATCH', `api/roles/${ROLE}`, [{ op: 'add', path: '/index_permissions/0/zzz', value: 1 }]));
    assert.ok(entity instanceof SecurityApiError, String(entity));
    assert.deepEqual(entity.invalidKeys, ['index_permissions[0].zzz']);
    const collection = await failure(api.request('PATCH', 'api/roles', [{ op: 'add', path: `/${ROLE}/index_permissions`, value: [{ index_patterns: 'a' }] }]));
    assert.ok(collection instanceof SecurityApiError, String(collection));
    assert.deepEqual(collection.wrongDatatypes, { 'index_permissions[0].index_patterns': 'Array expected' });
  });
});

describe('h238: roles.patch refuses misshapen values before sending', () => {
  test('unknown key, a string for a list, dls: 5: SecurityModelError, the role unchanged', async () => {
    const before = await api.roles.getRaw(ROLE);
    const cases: Array<[unknown[], string]> = [
      [[{ op: 'add', path: '/index_permissions/0/zzz', value: 1 }], 'index_permissions[0].zzz'],
      [[{ op: 'add', path: '/index_permissions', value: [{ index_patterns: 'a', allowed_actions: ['read'] }] }], 'index_permissions[0].index_patterns'],
      [[{ op: 'add', path: '/index_permissions', value: [{ index_patterns: ['a'], allowed_actions: ['read'], dls: 5 }] }], 'index_permissions[0].dls'],
    ];
    for (const [ops, path] of cases) {
      const err = await failure(api.roles.patch(ROLE, ops as never));
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.deepEqual(err.issues.map((i) => i.path), [path]);
    }
    assert.deepEqual(await api.roles.getRaw(ROLE), before);
  });
  test('a well-shaped patch of the same fields is applied', async () => {
    await api.roles.patch(ROLE, [{ op: 'add', path: '/index_permissions/0/dls', value: '{"term":{"team":"a"}}' }]);
    assert.equal((await api.roles.getRaw(ROLE))?.index_permissions?.[0]?.dls, '{"term":{"team":"a"}}');
  });
});

describe('h238: users.delete of the calling user', () => {
  test('refused naming `name` (the user still exists); allowSelf deletes it', async () => {
    await api.users.put(ADMIN, { password: PASSWORD, opendistro_security_roles: ['all_access', 'security_manager'] });
    const self = new SecurityApi(clients.make(ADMIN, PASSWORD));
    assert.equal((await self.authInfo()).user_name, ADMIN);
    const err = await failure(self.users.delete(ADMIN));
    assert.ok(err instanceof SecurityModelError, String(err));
    assert.deepEqual(err.issues.map((i) => i.path), ['name']);
    assert.notEqual(await api.users.getRaw(ADMIN), undefined);
    // the same caller may delete others (its admin rights are real)
    await api.roles.put(FRESH, { cluster_permissions: ['cluster_monitor'] });
    await self.roles.delete(FRESH);
    const result = await self.users.delete(ADMIN, { allowSelf: true });
    assert.equal(result.status, 'OK');
    assert.equal(await api.users.getRaw(ADMIN), undefined);
  });
});
