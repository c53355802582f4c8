/**
 * er53: the REAL security plugin's messages the SDK did not read (2.19.x, and 3.x with FGAC_DOMAIN_DIR=.local-domain/opensearch-3).
 * Own users, roles and indices (prefix `er53t-`), removed after; one user cannot carry the prefix: it is named as the node's
 * admin certificate DN (plugins.security.authcz.admin_dn), and removed after too.
 *
 * Findings (both tests FAIL on the code before er53):
 *  - an internal user whose name is the admin DN, logging in by HTTP basic: 403, text/plain, exactly
 *    "Cannot authenticate user because admin user is not permitted to login via HTTP" (BackendRegistry): the SDK threw an
 *    anonymous ForbiddenError (origin 'unknown').
 *  - `/er53t-*\/_search` by a user who may read er53t-a only: 403 naming no index; the SDK said "on [er53t-*]".
 * Not reproducible here: the plugin's "not initialised" answers (a running domain is initialised) and the allowlist's
 * refusal (enabling it is a cluster-wide change only the super admin's certificate may make): test/unit/er53-plugin-messages.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { basicUserClient, masterRest } from '../support/refusal-fixtures.js';
import { SecurityExceptionError, isPermissionError, isRetryable } from '../../src/errors/classes.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const PW = 'Er53t-Pw-8813!zq-Long';
const USER = 'er53t-user';
const ROLE = 'er53t-read-a';
const A = 'er53t-idx-a';
const B = 'er53t-idx-b';
const ADMIN_DN = 'CN=admin.fgac.local,OU=fgac,O=opensearch-fgac,C=US';
const e = encodeURIComponent;

const { admin, must } = masterRest(conn, ca);

function asRefusal(err: unknown): SecurityExceptionError {
  assert.ok(err instanceof SecurityExceptionError, `expected a SecurityExceptionError, got ${(err as Error).constructor.name}: ${(err as Error).message}`);
  assert.ok(isPermissionError(err));
  assert.equal(isRetryable(err), false);
  return err;
}

describe(`er53 plugin messages on the live node (${conn.opensearch.version})`, () => {
  before(async () => {
    for (const i of [A, B]) {
      await admin('DELETE', `/${i}`);
      await must('PUT', `/${i}`, { settings: { number_of_replicas: 0 } });
    }
    await must('PUT', `/_plugins/_security/api/roles/${ROLE}`, { index_permissions: [{ index_patterns: [A], allowed_actions: ['read'] }] });
    for (const u of [USER, ADMIN_DN]) await must('PUT', `/_plugins/_security/api/internalusers/${e(u)}`, { password: PW });
    await must('PUT', `/_plugins/_security/api/rolesmapping/${ROLE}`, { users: [USER] });
  });
  after(async () => {
    for (const u of [USER, ADMIN_DN]) await admin('DELETE', `/_plugins/_security/api/internalusers/${e(u)}`);
    await admin('DELETE', `/_plugins/_security/api/rolesmapping/${ROLE}`);
    await admin('DELETE', `/_plugins/_security/api/roles/${ROLE}`);
    for (const i of [A, B]) await admin('DELETE', `/${i}`);
  });

  test('a user named as the admin DN logging in by HTTP: the plugin\'s plain-text refusal, read as one', async () => {
    const raw = await request(`${conn.opensearch.url}/_cluster/health`, { basic: `${ADMIN_DN}:${PW}`, ca });
    assert.equal(raw.status, 403);
    assert.equal(raw.text, 'Cannot authenticate user because admin user is not permitted to login via HTTP');
    const client = basicUserClient(conn, ca, ADMIN_DN, PW);
    try {
      const err = await client.cluster.health().then(() => assert.fail('expected a refusal'), (x: unknown) => x);
      const r = asRefusal(err);
      assert.equal(r.refusal, 'admin_login_via_http');
      assert.equal(r.user, null);
      assert.equal(r.reason, raw.text);
      assert.match(r.message, /DN of an admin certificate/);
    } finally {
      await client.close();
    }
  });

  test('a refused /er53t-*/_search: the node names no index; the message says one or more of the indices matching the pattern', async () => {
    const client = basicUserClient(conn, ca, USER, PW);
    try {
      await client.search({ index: A, body: { query: { match_all: {} } } });
      const err = await client.search({ index: 'er53t-idx-*', body: { query: { match_all: {} } } }).then(() => assert.fail('expected a refusal'), (x: unknown) => x);
      const r = asRefusal(err);
      assert.deepEqual(r.actions, ['indices:data/read/search']);
      assert.ok(!r.reason.includes('er53t-idx'), `the node named an index: ${r.reason}`);
      assert.deepEqual(r.indices, ['er53t-idx-*']);
      assert.equal(r.message, `User ${USER} (no backend roles) lacks indices:data/read/search on one or more of the indices matching [er53t-idx-*]`);
    } finally {
      await client.close();
    }
  });
});
