/**
 * A user whose name holds the security plugin's own delimiter (`, backend_roles=[`), refused on the REAL node
 * in basic mode, with a `securitytenant` header holding `, requestedTenant=`. The plugin writes all three
 * unescaped, so its 403 reads more than one way: the typed error never names a wrong user (without the
 * principal: `ambiguous`, user null, tenant exact); given the principal the request was sent as, it names the
 * user, roles and tenant exactly.
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
async function securityWrite(method: 'PUT' | 'DELETE', body?: unknown): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const r = await request(userUrl, { method, basic: `${master.username}:${master.password}`, ca, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
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
