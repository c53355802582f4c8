/**
 * The security REST API helpers' writes under a stub that misbehaves the ways review F found: a list
 * edit must never be re-sent by the client's retry policy (a stale list landing late), the account,
 * tenancy and cache writes retry a 409 like the others, reads refuse entities that are not objects,
 * a 2xx naming another status is not "applied", an apply that stops part-way says where, and a prune
 * never removes the roles (and mappings) the caller holds. Loopback stub (transport behaviour only).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { startRecordingStub, type RecordingStub, type StubReply } from '../support/recording-stub.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';

let stub: RecordingStub;
/** Per test: the answer to a request that is not `GET /` (the flavour read). */
let answer: (req: ReceivedRequest, n: number) => StubReply = () => ({ body: { status: 'OK', message: 'done' } });
before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    if (req.url === '/') return { body: { version: { distribution: 'opensearch', number: '2.19.4' } } };
    return answer(req, stub.received.filter((r) => r.url !== '/').length - 1);
  };
});
after(async () => stub.close());

/** A client with the SDK's retry policy on (3 retries, short waits), as users run it. */
async function withApi<T>(run: (api: SecurityApi) => Promise<T>): Promise<T> {
  stub.received.length = 0;
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 3, minDelayMs: 1, maxDelayMs: 5 } });
  try {
    return await run(new SecurityApi(client, { settleMs: 1, conflictAttempts: 4 }));
  } finally {
    await client.close();
  }
}
const calls = (): string[] => stub.received.filter((r) => r.url !== '/').map((r) => `${r.method} ${r.url.replace('/_plugins/_security/api/', '')}`);

describe('list edits are sent once: a failure re-reads rather than re-sending a list computed from an older read', () => {
  test('addUsers on an empty list: a 429 to the whole-list PATCH is followed by a fresh GET, not a re-send', async () => {
    let users: string[] = [];
    let patches = 0;
    answer = (req) => {
      if (req.method === 'GET') return { body: { m: { users, backend_roles: [], hosts: [] } } };
      patches++;
      if (patches === 1) return { status: 429, headers: { 'retry-after': '0' }, body: { error: { type: 'too_many_requests', reason: 'stub' }, status: 429 } };
      users = ['alice'];
      return { body: { status: 'OK', message: 'patched' } };
    };
    const r = await withApi((api) => api.roleMappings.addUsers('m', ['alice']));
    assert.deepEqual(r.changed, ['alice']);
    const seq = calls();
    assert.deepEqual(seq.slice(0, 3), ['GET rolesmapping/m', 'PATCH rolesmapping/m', 'GET rolesmapping/m'], seq.join(' | '));
  });

  test('removeUsers: a 503 to the index-based PATCH is not re-sent (the index may point elsewhere by then)', async () => {
    let users = ['a', 'b', 'c'];
    let patches = 0;
    answer = (req) => {
      if (req.method === 'GET') return { body: { m: { users, backend_roles: [], hosts: [] } } };
      patches++;
      if (patches === 1) return { status: 503, body: { error: { type: 'unavailable', reason: 'stub' }, status: 503 } };
      users = users.filter((u) => u !== 'b');
      return { body: { status: 'OK', message: 'patched' } };
    };
    await withApi((api) => api.roleMappings.removeUsers('m', ['b']));
    const seq = calls();
    assert.deepEqual(seq.slice(0, 3), ['GET rolesmapping/m', 'PATCH rolesmapping/m', 'GET rolesmapping/m'], seq.join(' | '));
  });
});

describe('account, tenancy and cache writes retry the plugin\'s 409 like every write', () => {
  const writes: Array<[string, (api: SecurityApi) => Promise<unknown>, string]> = [
    ['account.changePassword', (api) => api.account.changePassword('Old-Pass-1234!', 'New-Pass-5678!x'), 'PUT account'],
    ['tenancyConfig.put', (api) => api.tenancyConfig.put({ multitenancy_enabled: true }), 'PUT tenancy/config'],
    ['flushCache', (api) => api.flushCache(), 'DELETE cache'],
  ];
  for (const [label, call, path] of writes) {
    test(`${label}: a 409 then OK -> two requests, resolved`, async () => {
      answer = (_req, n) => (n === 0
        ? { status: 409, body: { status: 'CONFLICT', message: '[internalusers]: version conflict, required seqNo [1]' } }
        // tenancy/config answers the configuration itself (measured on 2.19.4); the writes answer a status
        : { body: path.includes('tenancy/config') ? { default_tenant: '', private_tenant_enabled: true, multitenancy_enabled: true } : { status: 'OK', message: 'done' } });
      await withApi(call);
      assert.deepEqual(calls(), [path, path]);
    });
  }
});

describe('what a server answers must be representable', () => {
  for (const bad of [null, 42, 'text', []]) {
    test(`an entity of ${JSON.stringify(bad)}: getRaw, ensure, plan and addUsers refuse it (SecurityModelError) and write nothing`, async () => {
      answer = (req) => (req.method === 'GET' ? { body: { r1: bad } } : { body: { status: 'OK', message: 'done' } });
      const runs: Array<(api: SecurityApi) => Promise<unknown>> = [
        (api) => api.roles.getRaw('r1'),
        (api) => api.roles.ensure('r1', { description: 'x' }),
        (api) => api.plan({ roles: { r1: { description: 'x' } } }),
        (api) => api.roleMappings.addUsers('r1', ['alice']),
      ];
      for (const run of runs) {
        const error = await withApi(run).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof SecurityModelError, String(error));
        assert.deepEqual(calls().filter((c) => !c.startsWith('GET')), []);
      }
    });
  }

  test('a 2xx write answer whose status is not OK or CREATED is not "applied"', async () => {
    answer = (req) => (req.method === 'GET'
      ? { body: { r1: { cluster_permissions: [], index_permissions: [], tenant_permissions: [] } } }
      : { body: { status: 'FORBIDDEN', message: 'Resource r1 is read-only.' } });
    const error = await withApi((api) => api.roles.ensure('r1', { cluster_permissions: ['cluster_monitor'] })).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SecurityModelError, String(error));
    assert.match(error.message, /not known to be applied/);
  });
});

test('an apply that stops part-way says what it applied, where it failed and what it did not send', async () => {
  answer = (req) => {
    if (req.method === 'GET') return { body: {} };
    if (req.url.endsWith('/internalusers')) return { status: 400, body: { status: 'error', reason: 'Weak password' } };
    return { body: { status: 'OK', message: 'patched' } };
  };
  const error = await withApi(async (api) => {
    const plan = await api.plan({ roles: { r: { cluster_permissions: ['cluster_monitor'] } }, roleMappings: { r: { users: ['u'] } }, users: { u: { password: 'weak' } } });
    return api.apply(plan);
  }).then(() => undefined, (e: unknown) => e);
  const progress = (error as { planProgress?: { applied: Array<{ kind: string }>; failed: string; pending: string[] } }).planProgress;
  assert.ok(progress !== undefined, String(error));
  assert.deepEqual(progress.applied.map((a) => a.kind), ['roles', 'roleMappings']);
  assert.equal(progress.failed, 'users');
  assert.deepEqual(progress.pending, []);
});

test('prune never removes the roles the caller holds, nor their mappings (it would lock the caller out)', async () => {
  const roles = { all_access: { reserved: false, cluster_permissions: ['*'] }, ops: { reserved: false }, old: { reserved: false } };
  const mappings = { all_access: { reserved: false, users: ['admin'] }, ops: { reserved: false, users: ['x'] }, old: { reserved: false, users: ['y'] } };
  answer = (req) => {
    if (req.url.includes('authinfo')) return { body: { user_name: 'admin', roles: ['all_access', 'ops'], backend_roles: [] } };
    if (req.url.endsWith('/roles')) return { body: roles };
    if (req.url.endsWith('/rolesmapping')) return { body: mappings };
    if (req.url.endsWith('/internalusers')) return { body: { admin: { reserved: false }, gone: { reserved: false } } };
    return { body: {} };
  };
  const plan = await withApi((api) => api.plan({ roles: {}, roleMappings: {}, users: {} }, { prune: true }));
  assert.deepEqual(plan.roles.deleted, ['old']);
  assert.deepEqual(plan.roleMappings.deleted, ['old']);
  assert.deepEqual(plan.users.deleted, ['gone']);
  assert.deepEqual(plan.roles.skipped.map((s) => s.name).sort(), ['all_access', 'ops']);
  assert.deepEqual(plan.roleMappings.skipped.map((s) => s.name).sort(), ['all_access', 'ops']);
  assert.match(plan.roleMappings.skipped[0]?.reason ?? '', /lock the caller out/);
});
