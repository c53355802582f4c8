/**
 * Review 202's findings 4, 5 and 10 on the REAL node (what the plugin decides; the transport side is in
 * test/unit/h207-security-answers.test.ts). Measured on 2.19.4: a user or mapping naming a missing role is refused
 * 404 `role '<role>' not found.` (the entity's own is `user '<n>' not found.`, `rolesmapping '<n>' not found.`,
 * `actiongroup '<n>' not found.`); 2.19.4 keeps a mapping whose role was deleted, and a PATCH of it answers the
 * role's 404. A name's text never reads as the REST-admin refusal. A name over the 4 kB request line is refused
 * 400 too_long_http_line_exception on every named request, while a collection PATCH creates it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { SecurityApiError } from '../../src/errors/service-errors.js';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restCaller } from '../support/local-clients.js';

const conn = loadConnection();
const clients = localBasicClients(conn);
const rest = restCaller(clients.master);
const USER = 'h207-user';
const ORPHAN = 'h207-orphan';
const LONG = `h207-${'y'.repeat(5000)}`;

/** The security API requests `client` sends from now on (method and path), counted by a wrapper on its transport. */
function recording(client: Client): { sent: string[]; stop: () => void } {
  const transport = client.transport as unknown as { request: (params: { method: string; path: string }, options?: unknown) => unknown };
  const original = transport.request;
  const sent: string[] = [];
  transport.request = function (this: unknown, params, options) {
    if (params.path.includes('/_security/api/')) sent.push(`${params.method} ${params.path.replace(/^\/_plugins\/_security\/api\//, '')}`);
    return original.call(this, params, options);
  };
  return { sent, stop: () => { transport.request = original; } };
}

const quietly = (p: Promise<unknown>): Promise<unknown> => p.catch(() => undefined);
async function cleanUp(): Promise<void> {
  await quietly(rest('DELETE', `/_plugins/_security/api/internalusers/${USER}`));
  await quietly(rest('DELETE', `/_plugins/_security/api/rolesmapping/${ORPHAN}`));
  await quietly(rest('DELETE', `/_plugins/_security/api/roles/${ORPHAN}`));
  await quietly(rest('PATCH', '/_plugins/_security/api/roles', [{ op: 'remove', path: `/${LONG}` }]));
}
before(cleanUp);
after(async () => {
  await cleanUp();
  await clients.closeAll();
});

describe('h207: refusals read by what the plugin wrote, not by text inside a name', () => {
  test('finding 5: a role named with the REST-admin refusal text: a 404 naming no user; the real refusal names new-user', async () => {
    const name = 'h207 No permission to access REST API: User evil with Security roles [all_access] does not have any role privileged for admin access';
    const err = await new SecurityApi(clients.master).roles.delete(name).then(() => assert.fail('deleted a role that does not exist'), (e: unknown) => e);
    assert.ok(err instanceof SecurityApiError && err.statusCode === 404, String(err));
    assert.equal(err.user, undefined);
    assert.equal(err.securityRoles, undefined);
    assert.equal(err.resourceName, name);
    assert.equal(err.resourceType, 'role');
    const real = await new SecurityApi(clients.limited).roles.listRaw().then(() => assert.fail('new-user listed roles'), (e: unknown) => e);
    assert.ok(real instanceof SecurityApiError && real.statusCode === 403, String(real));
    assert.equal(real.user, conn.users.limited.username);
    assert.deepEqual(real.securityRoles, ['new-role']);
  });

  test('finding 4: users.ensure naming a missing role is refused once (404 of the role), not retried as "user deleted meanwhile"', async () => {
    const api = new SecurityApi(clients.master);
    await api.users.put(USER, { password: 'Hh207-Str0ng!Pass#x' });
    const rec = recording(clients.master);
    try {
      const err = await api.users.ensure(USER, { opendistro_security_roles: ['h207-norole'] }).then(() => assert.fail('ensure resolved'), (e: unknown) => e);
      assert.ok(err instanceof SecurityApiError && err.statusCode === 404, String(err));
      assert.equal(err.reason, "role 'h207-norole' not found.");
      assert.equal(err.resourceType, 'role');
      assert.deepEqual(rec.sent, [`GET internalusers/${USER}`, `PATCH internalusers/${USER}`]);
    } finally {
      rec.stop();
    }
  });

  test('finding 4: roleMappings.ensure of a mapping whose role was deleted (kept by the node) is refused once', async () => {
    const api = new SecurityApi(clients.master);
    await api.roles.put(ORPHAN, { description: 'h207' });
    await api.roleMappings.put(ORPHAN, { users: ['a'] });
    await api.roles.delete(ORPHAN);
    const rec = recording(clients.master);
    try {
      const err = await api.roleMappings.ensure(ORPHAN, { users: ['a', 'b'] }).then(() => assert.fail('ensure resolved'), (e: unknown) => e);
      assert.ok(err instanceof SecurityApiError && err.statusCode === 404, String(err));
      assert.equal(err.reason, `role '${ORPHAN}' not found.`);
      assert.equal(err.resourceType, 'role');
      assert.deepEqual(rec.sent, [`GET rolesmapping/${ORPHAN}`, `PATCH rolesmapping/${ORPHAN}`]);
    } finally {
      rec.stop();
    }
    // the entity's own 404 still reads as absent
    assert.equal(await api.roleMappings.get('h207-no-such-mapping'), undefined);
    assert.equal(await api.actionGroups.get('h207-no-such-group'), undefined);
  });

  test('finding 10: a name over the request line limit: get, put, ensure and delete say to use a collection PATCH, which works', async () => {
    const api = new SecurityApi(clients.master);
    for (const run of [() => api.roles.get(LONG), () => api.roles.put(LONG, { description: 'x' }), () => api.roles.ensure(LONG, { description: 'x' })]) {
      const err = await run().then(() => assert.fail('resolved'), (e: unknown) => e);
      assert.ok(err instanceof SecurityModelError, String(err));
      assert.match(err.message, /too_long_http_line_exception.*collection PATCH/);
    }
    await api.roles.patch([{ op: 'add', path: `/${LONG}`, value: { description: 'x' } }]);
    assert.equal((await api.roles.list())[LONG]?.description, 'x');
    const del = await api.roles.delete(LONG).then(() => assert.fail('resolved'), (e: unknown) => e);
    assert.ok(del instanceof SecurityModelError, String(del));
    await api.roles.patch([{ op: 'remove', path: `/${LONG}` }]);
    assert.equal(Object.hasOwn(await api.roles.listRaw(), LONG), false);
  });
});
