/**
 * te52: the REAL security plugin's refusals before privileges are evaluated (2.19.x, and 3.x with
 * FGAC_DOMAIN_DIR=.local-domain/opensearch-3), and what a multi-index refusal's body says. Own users, roles and
 * indices (prefix `te52t-`), removed after.
 *
 * Findings (the first five tests FAIL on the code before te52: ForbiddenError, origin 'unknown'):
 *  - `opendistro_security_impersonate_as` by a user not allowed to impersonate (these nodes configure no
 *    rest_impersonation_user, so an unknown target gets the same answer): 403 `{"error":{"status":"error","reason":
 *    "'<user>' is not allowed to impersonate as '<target>'"}}`; an admin DN as target: `It is not allowed to impersonate
 *    as an adminuser  '<dn>'` (two spaces); a header starting `_opendistro_security_`: 403 with the plugin's fixed
 *    "Illegal parameter in http or transport request found. ..." text, naming no user (it is refused before authentication).
 *  - `_plugins_security_*` headers are not reserved: such a request is evaluated as usual.
 *  - `/a,b/_search` refused: the reason names no index on either node (`no permissions for [indices:data/read/search]
 *    and User [..]`), though the user may read `a`: the refused index is one or more of the path's.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { basicUserClient, masterRest } from '../support/refusal-fixtures.js';
import { SecurityExceptionError, isPermissionError, isRetryable } from '../../src/errors/classes.js';
import { parsePluginAuthRefusal } from '../../src/errors/parse-plugin-refusals.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const PW = 'Te52t-Pw-8813!zq-Long';
const USER = 'te52t-user';
const TARGET = 'te52t-target';
const HOSTILE = "te52t-h' is not allowed to impersonate as 'x";
const ROLE = 'te52t-read-a';
const A = 'te52t-idx-a';
const B = 'te52t-idx-b';
const ADMIN_DN = 'CN=admin.fgac.local,OU=fgac,O=opensearch-fgac,C=US';
const e = encodeURIComponent;

const { admin, must } = masterRest(conn, ca);
const basic = (username: string, password = PW): ReturnType<typeof basicUserClient> => basicUserClient(conn, ca, username, password);
/** What the SDK throws for `GET path` sent with `headers`, and what the node answered (the referee). */
async function refused(username: string, path: string, headers: Record<string, string>): Promise<{ err: unknown; status: number; reason: string | undefined }> {
  const raw = await request(`${conn.opensearch.url}${path}`, { basic: `${username}:${PW}`, ca, headers });
  const reason = (raw.json<{ error?: { reason?: string } }>().error ?? {}).reason;
  const client = basic(username);
  try {
    const err = await client.transport.request({ method: 'GET', path }, { headers }).then(() => assert.fail('expected a refusal'), (x: unknown) => x);
    return { err, status: raw.status, reason };
  } finally {
    await client.close();
  }
}
function asRefusal(err: unknown): SecurityExceptionError {
  assert.ok(err instanceof SecurityExceptionError, `expected a SecurityExceptionError, got ${(err as Error).constructor.name}: ${(err as Error).message}`);
  assert.ok(isPermissionError(err));
  assert.equal(isRetryable(err), false);
  return err;
}

describe(`te52 refusals before privileges, and multi-index refusals (${conn.opensearch.version})`, () => {
  before(async () => {
    for (const i of [A, B]) {
      await admin('DELETE', `/${i}`);
      await must('PUT', `/${i}`, { settings: { number_of_replicas: 0 } });
    }
    await must('PUT', `/_plugins/_security/api/roles/${ROLE}`, { index_permissions: [{ index_patterns: [A], allowed_actions: ['read'] }] });
    for (const u of [USER, TARGET, HOSTILE]) await must('PUT', `/_plugins/_security/api/internalusers/${e(u)}`, { password: PW, backend_roles: ['te52t-br'] });
    await must('PUT', `/_plugins/_security/api/rolesmapping/${ROLE}`, { users: [USER, HOSTILE] });
  });
  after(async () => {
    for (const u of [USER, TARGET, HOSTILE]) await admin('DELETE', `/_plugins/_security/api/internalusers/${e(u)}`);
    await admin('DELETE', `/_plugins/_security/api/rolesmapping/${ROLE}`);
    await admin('DELETE', `/_plugins/_security/api/roles/${ROLE}`);
    for (const i of [A, B]) await admin('DELETE', `/${i}`);
  });

  test('impersonation refused: a SecurityExceptionError whose message names the user and the target', async () => {
    for (const target of [TARGET, 'te52t-nobody-such']) {
      const { err, status, reason } = await refused(USER, `/${A}/_search`, { opendistro_security_impersonate_as: target });
      assert.equal(status, 403);
      assert.equal(reason, `'${USER}' is not allowed to impersonate as '${target}'`);
      const r = asRefusal(err);
      assert.equal(r.reason, reason);
      assert.deepEqual(r.actions, []);
      assert.ok(r.message.includes(USER) && r.message.includes(target), r.message);
      assert.deepEqual(parsePluginAuthRefusal(r.reason, { name: USER }), { refusal: 'impersonation_not_allowed', user: USER, impersonatedUser: target, ambiguous: false });
    }
  });

  test("a user and a target holding the template's words: still the plugin's refusal, split by the principal the client sent", async () => {
    const target = `y' is not allowed to impersonate as '${TARGET}`;
    const { err, reason } = await refused(HOSTILE, `/${A}/_search`, { opendistro_security_impersonate_as: target });
    assert.equal(reason, `'${HOSTILE}' is not allowed to impersonate as '${target}'`);
    const r = asRefusal(err);
    assert.ok(r.user === null || r.user.name === HOSTILE, `a guessed user: ${JSON.stringify(r.user)}`);
    assert.deepEqual(parsePluginAuthRefusal(r.reason, { name: HOSTILE }), { refusal: 'impersonation_not_allowed', user: HOSTILE, impersonatedUser: target, ambiguous: false });
    assert.equal(parsePluginAuthRefusal(r.reason)?.ambiguous, true);
  });

  test('impersonating an admin DN: the plugin names the DN', async () => {
    const { err, status, reason } = await refused(USER, '/_cluster/health', { opendistro_security_impersonate_as: ADMIN_DN });
    assert.equal(status, 403);
    assert.equal(reason, `It is not allowed to impersonate as an adminuser  '${ADMIN_DN}'`);
    const r = asRefusal(err);
    assert.ok(r.message.includes(ADMIN_DN), r.message);
    assert.equal(parsePluginAuthRefusal(r.reason)?.impersonatedUser, ADMIN_DN);
  });

  test('a reserved _opendistro_security_ header: the plugin\'s refusal (before authentication: it names no user)', async () => {
    const { err, status, reason } = await refused(USER, `/${A}/_search`, { _opendistro_security_te52: 'x' });
    assert.equal(status, 403);
    assert.match(reason ?? '', /^Illegal parameter in http or transport request found\.\r?\nThis means that one node/);
    const r = asRefusal(err);
    assert.equal(r.user, null);
    assert.equal(parsePluginAuthRefusal(r.reason)?.refusal, 'reserved_header');
    assert.ok(!r.message.includes(USER));
  });

  test("the client's password impersonated never reaches the message, the reason or the JSON", async () => {
    const { err, reason } = await refused(USER, `/${A}/_search`, { opendistro_security_impersonate_as: PW });
    assert.ok(reason?.includes(PW), 'the node echoes the target');
    const r = asRefusal(err);
    for (const text of [r.message, r.reason, JSON.stringify(r)]) assert.ok(!text.includes(PW), text);
    assert.ok(r.message.includes(USER), r.message);
  });

  test('a _plugins_security_ header is not reserved: the request is evaluated as usual', async () => {
    const { err, status } = await refused(USER, '/_cluster/health', { _plugins_security_te52: 'x' });
    assert.equal(status, 403);
    const r = asRefusal(err);
    assert.deepEqual(r.actions, ['cluster:monitor/health']);
    assert.equal(r.user?.name, USER);
  });

  test('a refused /a,b/_search: the node names no index though the user may read a (one or more of the path\'s was refused)', async () => {
    const client = basic(USER);
    try {
      await client.search({ index: A, body: { query: { match_all: {} } } });
      const err = await client.search({ index: [A, B], body: { query: { match_all: {} } } }).then(() => assert.fail('expected a refusal'), (x: unknown) => x);
      const r = asRefusal(err);
      assert.deepEqual(r.actions, ['indices:data/read/search']);
      assert.ok(!r.reason.includes(A) && !r.reason.includes(B), `the node named an index: ${r.reason}`);
      assert.deepEqual(r.indices, [A, B], 'the targets the path names');
    } finally {
      await client.close();
    }
  });
});
