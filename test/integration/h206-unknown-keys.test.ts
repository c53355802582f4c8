/**
 * Unknown keys against the real node (2.19.4 by default): the plugin refuses a misspelt key itself (400 invalid_keys
 * at the top, 500 unrecognized_property_exception in an index permission), and the SDK now refuses the same model
 * before any request is sent (it used to drop the key: a `dsl` typo created a role without DLS); a valid model, and
 * what GET returns for it, still converge. Entities named `h206-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi, SecurityModelError, type Role } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { restAnswer } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca: fs.readFileSync(conn.caFile) } });
const sent: string[] = [];
const request = master.transport.request.bind(master.transport);
master.transport.request = ((params: { method: string; path: string }, options?: unknown) => {
  sent.push(`${params.method} ${params.path}`);
  return request(params as never, options as never);
}) as typeof master.transport.request;
const api = new SecurityApi(master);
const P = '/_plugins/_security/api';
const ROLE = 'h206-role';
const USER = 'h206-user';
const GOOD: Role = { index_permissions: [{ index_patterns: ['h206*'], allowed_actions: ['read'], dls: { term: { owner: 'alice' } } }] };
const TYPO = { index_permissions: [{ index_patterns: ['h206*'], allowed_actions: ['read'], dsl: { term: { owner: 'alice' } } }] } as unknown as Role;

before(async () => {
  await api.roles.delete(ROLE).catch(() => undefined);
  await api.roles.getRaw(ROLE); // the flavour is known: later calls send only what they mean to
});

after(async () => {
  await api.roleMappings.delete(ROLE).catch(() => undefined);
  await api.users.delete(USER).catch(() => undefined);
  await api.roles.delete(ROLE).catch(() => undefined);
  await master.close();
});

describe('h206 unknown keys on the node', () => {
  test('the plugin refuses a misspelt key; the SDK refuses it before any request; a valid model and its GET converge', async () => {
    const nested = await restAnswer(master, 'PUT', `${P}/roles/${ROLE}`, { index_permissions: [{ index_patterns: ['h206*'], dsl: '{}' }] });
    assert.equal(nested.status, 500);
    assert.match(JSON.stringify(nested.body), /unrecognized_property_exception.*Unrecognized field \\"dsl\\"/);
    const top = await restAnswer(master, 'PUT', `${P}/rolesmapping/all_access`, { user: ['nobody'] });
    assert.equal(top.status, 400);
    assert.deepEqual((top.body as { invalid_keys?: unknown }).invalid_keys, { keys: 'user' });

    // put, ensure, plan, users.put and roleMappings.put refuse the typo before any request
    const calls: Array<[string, () => Promise<unknown>, string]> = [
      ['roles.put', () => api.roles.put(ROLE, TYPO), 'index_permissions[0].dsl'],
      ['roles.ensure', () => api.roles.ensure(ROLE, TYPO), 'index_permissions[0].dsl'],
      ['plan', () => api.plan({ roles: { [ROLE]: TYPO } }), 'index_permissions[0].dsl'],
      ['users.put', () => api.users.put(USER, { password: testPassword('Hkeys'), opendistro_security_role: [ROLE] } as never), 'opendistro_security_role'],
      ['roleMappings.put', () => api.roleMappings.put(ROLE, { user: ['alice'] } as never), 'user'],
    ];
    for (const [what, call, path] of calls) {
      sent.length = 0;
      await assert.rejects(call(), (e: unknown) => e instanceof SecurityModelError && e.issues.some((i) => i.path === path && /unknown key/.test(i.message)), what);
      assert.deepEqual(sent, [], what);
    }
    assert.equal(await api.roles.getRaw(ROLE), undefined);

    // a valid model converges, and what get returns (flags included) is unchanged when written back
    assert.equal((await api.roles.ensure(ROLE, GOOD)).action, 'created');
    const stored = await api.roles.get(ROLE);
    assert.ok(stored !== undefined && stored.reserved === false && stored.static === false);
    assert.match(String((await api.roles.getRaw(ROLE))?.index_permissions?.[0]?.dls), /"owner"/);
    assert.equal((await api.roles.ensure(ROLE, stored)).action, 'unchanged');
    assert.equal((await api.plan({ roles: { [ROLE]: stored } })).empty, true);
    await api.users.put(USER, { password: testPassword('Hkeys'), opendistro_security_roles: [ROLE] });
    const user = await api.users.get(USER);
    assert.ok(user !== undefined);
    assert.equal((await api.users.ensure(USER, user)).action, 'unchanged');
    await api.roleMappings.put(ROLE, { users: ['alice'] });
    const mapping = await api.roleMappings.get(ROLE);
    assert.ok(mapping !== undefined);
    assert.equal((await api.plan({ roleMappings: { [ROLE]: mapping }, users: { [USER]: user } })).empty, true);
  });
});
