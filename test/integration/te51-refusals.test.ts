/**
 * te51: refusals of the REAL security plugin (2.19.x, and 3.x with FGAC_DOMAIN_DIR=.local-domain/opensearch-3)
 * that the typed errors get wrong. Each case makes its own index, roles and users (prefix `te51t-`) and removes them.
 *
 * Findings demonstrated (these tests FAIL on the code they were written against):
 *  - a scroll continued by another user: 403 whose error.type is search_phase_execution_exception and whose
 *    root_cause is the plugin's security_exception ("Wrong user in reader context") -> plain ResponseError, not a
 *    permission error;
 *  - SecurityApiError.resourceState / resourceName read from the first `'..' is reserved` anywhere in the message:
 *    a missing role whose name holds `' is reserved.` reads as reserved, and SecurityApi roles.get throws instead of
 *    returning undefined;
 *  - `indices` of a refused `/_search/scroll` is `['*']` although the request targets no index pattern;
 *  - ingest of an update for a DLS user: kind `server` on 2.x (whole bulk refused with a 500 security_exception)
 *    where 3.x says `security` for the same refusal.
 * The remaining tests pass: they pin what was checked and found right.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { basicUserClient, masterRest } from '../support/refusal-fixtures.js';
import { SecurityApiError, SecurityExceptionError, isPermissionError, isRetryable } from '../../src/errors/classes.js';
import { SecurityApi } from '../../src/security/api.js';
import { ingest } from '../../src/ingest/ingest.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = conn.users.master;
const PW = 'Te51t-Pw-5521!zq-Long';
const INDEX = 'te51t-a';
const LONG = 'te51t-long';
const READER = 'te51t-reader';
const DLS_ROLE = 'te51t-dls';
const PLAIN = 'te51t-plain';
const DLS_USER = 'te51t-dlsu';
const NOMAP = 'te51t-nomap';
const ODD = 'te51t-o ]x[ and User [é, q';
const QUOTED_ROLE = "te51t-q' is reserved. z";
const ECHO = 'no permissions for [indices:admin/delete] and User [name=root, backend_roles=[all_access], requestedTenant=null]';
const e = encodeURIComponent;

const { admin, must } = masterRest(conn, ca);
const basic = (username: string, password = PW): ReturnType<typeof basicUserClient> => basicUserClient(conn, ca, username, password);
async function refusal(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => assert.fail('expected a refusal'), (err: unknown) => err);
}

describe(`te51 refusals of the real plugin (${conn.opensearch.version})`, () => {
  before(async () => {
    for (const i of [INDEX, LONG]) await admin('DELETE', `/${i}`);
    await must('PUT', `/${INDEX}`, { settings: { number_of_replicas: 0 } });
    await must('PUT', `/${LONG}`, { settings: { number_of_replicas: 0 }, mappings: { properties: { n: { type: 'long' } } } });
    await must('PUT', `/${INDEX}/_doc/1?refresh=true`, { x: 1, secret: 's' });
    await must('PUT', `/${INDEX}/_doc/2?refresh=true`, { x: 2, secret: 't' });
    const cluster = ['indices:data/write/bulk', 'indices:data/read/scroll', 'indices:data/read/scroll/clear'];
    await must('PUT', `/_plugins/_security/api/roles/${READER}`, { cluster_permissions: cluster, index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'] }, { index_patterns: [LONG], allowed_actions: ['crud'] }] });
    await must('PUT', `/_plugins/_security/api/roles/${DLS_ROLE}`, { cluster_permissions: cluster, index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read', 'crud'], dls: '{"term":{"x":1}}' }] });
    await must('PUT', `/_plugins/_security/api/internalusers/${PLAIN}`, { password: PW, backend_roles: ['te51t-br'] });
    await must('PUT', `/_plugins/_security/api/internalusers/${e(ODD)}`, { password: PW, backend_roles: ['te51t [b]', 'ü-br'] });
    await must('PUT', `/_plugins/_security/api/internalusers/${DLS_USER}`, { password: PW, backend_roles: [] });
    await must('PUT', `/_plugins/_security/api/internalusers/${NOMAP}`, { password: PW, backend_roles: [] });
    await must('PUT', `/_plugins/_security/api/rolesmapping/${READER}`, { users: [PLAIN, ODD] });
    await must('PUT', `/_plugins/_security/api/rolesmapping/${DLS_ROLE}`, { users: [DLS_USER] });
  });
  after(async () => {
    for (const u of [PLAIN, ODD, DLS_USER, NOMAP]) await admin('DELETE', `/_plugins/_security/api/internalusers/${e(u)}`);
    for (const r of [READER, DLS_ROLE]) {
      await admin('DELETE', `/_plugins/_security/api/rolesmapping/${r}`);
      await admin('DELETE', `/_plugins/_security/api/roles/${r}`);
    }
    await admin('DELETE', `/_plugins/_security/api/roles/${e(QUOTED_ROLE)}`);
    for (const i of [INDEX, LONG]) await admin('DELETE', `/${i}`);
  });

  // FINDING: fails today (plain ResponseError, isPermissionError false)
  test('a scroll continued by another user ("Wrong user in reader context", 403) is a permission error', async () => {
    const r = await request(`${conn.opensearch.url}/${INDEX}/_search?scroll=1m&size=1`, { method: 'POST', basic: `${master.username}:${master.password}`, ca, body: '{}' });
    const scrollId = r.json<{ _scroll_id: string }>()._scroll_id;
    const client = basic(PLAIN);
    try {
      const err = await refusal(client.scroll({ body: { scroll: '1m', scroll_id: scrollId } }));
      const body = (err as { meta?: { statusCode?: number; body?: { error?: { root_cause?: Array<{ type?: string; reason?: string }> } } } }).meta;
      assert.equal(body?.statusCode, 403);
      assert.equal(body?.body?.error?.root_cause?.[0]?.type, 'security_exception');
      assert.equal(body?.body?.error?.root_cause?.[0]?.reason, 'Wrong user in reader context');
      assert.ok(isPermissionError(err), `expected a permission error, got ${(err as Error).constructor.name}: ${(err as Error).message}`);
      assert.ok(err instanceof SecurityExceptionError);
    } finally {
      await client.close();
    }
  });

  // FINDING: fails today (indices ['*'])
  test('a refused /_search/scroll names no indices (the body names none, the path targets none)', async () => {
    const client = basic(NOMAP);
    try {
      const err = await refusal(client.scroll({ body: { scroll: '1m', scroll_id: 'FGluY2x1ZGVfY29udGV4dF91dWlkDXF1ZXJ5QW5kRmV0Y2gBFk' } }));
      assert.ok(err instanceof SecurityExceptionError, String(err));
      assert.deepEqual(err.actions, ['indices:data/read/scroll']);
      assert.equal(err.indices, null, `indices invented from the path: ${JSON.stringify(err.indices)}`);
    } finally {
      await client.close();
    }
  });

  // FINDING: fails today (resourceState 'reserved', resourceName 'te51t-q'; roles.get throws)
  test("a missing role whose name holds \"' is reserved.\" is not-found: SecurityApi roles.get answers undefined", async () => {
    await admin('DELETE', `/_plugins/_security/api/roles/${e(QUOTED_ROLE)}`);
    const client = basic(master.username, master.password);
    try {
      const err = await refusal(client.transport.request({ method: 'GET', path: `/_plugins/_security/api/roles/${e(QUOTED_ROLE)}` }));
      assert.ok(err instanceof SecurityApiError, String(err));
      assert.equal(err.statusCode, 404);
      assert.equal(err.apiStatus, 'NOT_FOUND');
      assert.equal(err.resourceState, 'not-found', `name text read as state: ${err.resourceState} (${err.reason})`);
      assert.equal(err.resourceName, QUOTED_ROLE);
      const api = new SecurityApi(client);
      assert.equal(await api.roles.get(QUOTED_ROLE), undefined);
    } finally {
      await client.close();
    }
  });

  test("the DLS/FLS valve's 500 refusals (update, profile) are SecurityExceptionErrors: not retryable, the reason as the plugin wrote it", async () => {
    const client = basic(DLS_USER);
    try {
      for (const [call, reason] of [
        [() => client.update({ index: INDEX, id: '1', body: { doc: { x: 1 } } }), 'Update is not supported when FLS or DLS or Fieldmasking is activated'],
        [() => client.search({ index: INDEX, body: { profile: true, query: { match_all: {} } } }), 'Profiling is not supported when DLS is activated'],
      ] as const) {
        const err = await refusal(call());
        assert.equal((err as { meta?: { statusCode?: number } }).meta?.statusCode, 500);
        assert.ok(err instanceof SecurityExceptionError, `${(err as Error).constructor.name}: ${(err as Error).message}`);
        assert.ok(isPermissionError(err));
        assert.equal(err.reason, reason);
        assert.deepEqual(err.actions, []);
        assert.equal(isRetryable(err), false);
      }
    } finally {
      await client.close();
    }
  });

  // FINDING on 2.x: fails today (kind 'server' on 2.19, 'security' on 3.4 for the same plugin refusal)
  test('ingest: an update refused for a DLS user is kind security on every version', async () => {
    const client = basic(DLS_USER);
    try {
      const report = await ingest(client, [{ index: INDEX, action: 'update', id: '1', document: { x: 1 } }]);
      const outcome = report.outcomes[0] as { status: string; kind?: string; retryable?: boolean };
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.retryable, false);
      assert.equal(outcome.kind, 'security');
    } finally {
      await client.close();
    }
  });

  test('a user and backend roles holding brackets, `User [`, ` and `, unicode: named exactly (2.x and 3.x order)', async () => {
    const client = basic(ODD);
    try {
      const err = await refusal(client.search({ index: 'te51t-nope', size: 0 }, { headers: { securitytenant: 'te51t t, [x]' } }));
      assert.ok(err instanceof SecurityExceptionError, String(err));
      assert.deepEqual(err.actions, ['indices:data/read/search']);
      assert.equal(err.user?.name, ODD);
      assert.deepEqual([...(err.user?.backendRoles ?? [])].sort(), ['te51t [b]', 'ü-br'].sort());
      assert.equal(err.requestedTenant, 'te51t t, [x]');
      assert.equal(err.ambiguous, false);
      const named = await refusal(client.transport.request({ method: 'GET', path: '/_plugins/_security/whoamiprotected' }));
      assert.ok(named instanceof SecurityExceptionError, String(named));
      assert.equal(named.statusCode, 401);
      assert.equal(named.anyOf, true);
      assert.equal(named.user?.name, ODD);
      const api = await refusal(client.transport.request({ method: 'GET', path: '/_plugins/_security/api/roles' }));
      assert.ok(api instanceof SecurityApiError, String(api));
      assert.equal(api.user, ODD);
      assert.deepEqual(api.securityRoles, [READER]);
    } finally {
      await client.close();
    }
  });

  test("a document value holding the plugin's denial text, echoed by a 400 mapping failure, stays unclassified (request and bulk item)", async () => {
    const client = basic(PLAIN);
    try {
      const err = await refusal(client.index({ index: LONG, id: '1', body: { n: ECHO } }));
      assert.equal((err as Error).constructor.name, 'ResponseError');
      assert.equal(isPermissionError(err), false);
      const report = await ingest(client, [{ index: LONG, id: 'i1', document: { n: ECHO } }]);
      const outcome = report.outcomes[0] as { status: string; kind?: string; error?: unknown };
      assert.equal(outcome.kind, 'mapping');
      assert.equal(isPermissionError(outcome.error), false);
    } finally {
      await client.close();
    }
  });
});
