/**
 * A user whose name holds the security plugin's own delimiter (`, backend_roles=[`), refused on the REAL node
 * in basic mode, with a `securitytenant` header holding `, requestedTenant=`. The plugin writes all three
 * unescaped, so its 403 reads more than one way: the typed error never names a wrong user (without the
 * principal: `ambiguous`, user null, tenant exact); given the principal the request was sent as, it names the
 * user, roles and tenant exactly. A plain-named user whose backend roles hold brackets: named with its roles
 * (`ops [eu]`), or with its name and no roles claimed when a role's `, ` stands beside a stray bracket.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client, errors } from '@opensearch-project/opensearch';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { toTypedError } from '../../src/errors/classify.js';
import { createClient } from '../../src/client/create-client.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = conn.users.master;
const NAME = 'f5hn-user, backend_roles=[f5hn-x';
const ROLE = 'f5hn-role';
const TENANT = 'f5hn-t, requestedTenant=f5hn-u';
const PASSWORD = 'F5hn-Pw-7391!xyz-q';
const userUrl = `${conn.opensearch.url}/_plugins/_security/api/internalusers/${encodeURIComponent(NAME)}`;

/** Writes to the security index, retried while another writer holds it (a version conflict is not ours). */
async function securityWrite(method: 'PUT' | 'DELETE', body?: unknown, url = userUrl): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const r = await request(url, { method, basic: `${master.username}:${master.password}`, ca, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (r.status !== 409 || attempt >= 20) return r.status;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('a user named with the plugin delimiters, refused in basic mode', () => {
  before(async () => {
    const status = await securityWrite('PUT', { password: PASSWORD, backend_roles: [ROLE] });
    assert.ok(status === 200 || status === 201, `the node refused the user (status ${status})`);
  });
  after(async () => {
    await securityWrite('DELETE');
  });

  test('the node writes the name unescaped (the text reads more than one way)', async () => {
    const r = await request(`${conn.opensearch.url}/flights/_search?size=0`, { basic: `${NAME}:${PASSWORD}`, ca, headers: { securitytenant: TENANT } });
    assert.equal(r.status, 403);
    const reason = r.json<{ error: { reason: string } }>().error.reason;
    assert.equal(reason, `no permissions for [indices:data/read/search] and User [name=${NAME}, backend_roles=[${ROLE}], requestedTenant=${TENANT}]`);
  });

  // basic mode knows its own user name: the boundary reads the ambiguous text by it
  test('createClient basic: the user exactly (anchored on its own user name), the tenant and action exact', async () => {
    const client = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', username: NAME, password: PASSWORD }, ssl: { ca } });
    try {
      const e = await client.search({ index: 'flights', size: 0 }, { headers: { securitytenant: TENANT } }).then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof SecurityExceptionError, String(e));
      assert.deepEqual(e.user, { name: NAME, backendRoles: [ROLE] });
      assert.equal(e.ambiguous, false);
      assert.equal(e.requestedTenant, TENANT);
      assert.deepEqual(e.actions, ['indices:data/read/search']);
    } finally {
      await client.close();
    }
  });

  test('with the principal the request was sent as: the user, its roles and the tenant exactly', async () => {
    const plain = new Client({ node: conn.opensearch.url, auth: { username: NAME, password: PASSWORD }, ssl: { ca } });
    try {
      const raw = await plain.search({ index: 'flights', size: 0 }, { headers: { securitytenant: TENANT } }).then(() => undefined, (err: unknown) => err);
      assert.ok(raw instanceof errors.ResponseError, String(raw));
      const e = toTypedError(raw, { principal: { name: NAME } });
      assert.ok(e instanceof SecurityExceptionError, String(e));
      assert.deepEqual(e.user, { name: NAME, backendRoles: [ROLE] });
      assert.equal(e.ambiguous, false);
      assert.equal(e.requestedTenant, TENANT);
      assert.equal(e.message, `User ${NAME} (backend roles: ${ROLE}, tenant: ${TENANT}) lacks indices:data/read/search on [flights]`);
    } finally {
      await plain.close();
    }
  });
});

describe('a plainly named user whose backend roles hold brackets, refused in basic mode', () => {
  const users = {
    exact: { name: 'f7hn-bob', roles: ['f7hn Data Team', 'f7hn-ops [eu]'] },
    doubt: { name: 'f7hn-eve', roles: ['f7hn-a], [f7hn-b'] },
  };
  const urlOf = (name: string): string => `${conn.opensearch.url}/_plugins/_security/api/internalusers/${encodeURIComponent(name)}`;
  before(async () => {
    for (const u of Object.values(users)) {
      const status = await securityWrite('PUT', { password: PASSWORD, backend_roles: u.roles }, urlOf(u.name));
      assert.ok(status === 200 || status === 201, `the node refused ${u.name} (status ${status})`);
    }
  });
  after(async () => {
    for (const u of Object.values(users)) await securityWrite('DELETE', undefined, urlOf(u.name));
  });

  async function refused(u: { name: string }): Promise<SecurityExceptionError> {
    const client = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', username: u.name, password: PASSWORD }, ssl: { ca } });
    try {
      const e = await client.search({ index: 'flights', size: 0 }).then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof SecurityExceptionError, String(e));
      return e;
    } finally {
      await client.close();
    }
  }

  test('brackets with no `, ` beside them: the user and both roles exactly', async () => {
    const e = await refused(users.exact);
    assert.match(e.reason, /backend_roles=\[(f7hn Data Team, f7hn-ops \[eu\]|f7hn-ops \[eu\], f7hn Data Team)\]/);
    assert.equal(e.ambiguous, false);
    assert.equal(e.user?.name, users.exact.name);
    assert.deepEqual([...(e.user?.backendRoles ?? [])].sort(), [...users.exact.roles].sort());
  });

  test('a role whose `, ` stands beside stray brackets: the name kept, no roles claimed, ambiguous', async () => {
    const e = await refused(users.doubt);
    assert.ok(e.reason.includes(`User [name=${users.doubt.name}, backend_roles=[f7hn-a], [f7hn-b], requestedTenant=`), e.reason);
    assert.equal(e.ambiguous, true);
    assert.deepEqual(e.user, { name: users.doubt.name, backendRoles: [] });
    assert.match(e.message, /^User f7hn-eve \(backend roles unreadable/);
  });
});
