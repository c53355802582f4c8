/**
 * Writes whose answer is lost after the node applied them, and 409s after another writer's change, against the REAL
 * plugin through a loopback proxy (test/support/hook-proxy.ts: it drops an answer, or answers 409 after a raw write
 * it sends to the node first, the interleaving a busy cluster produces). What the node stored is read back each time.
 * Entities named `pla-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/index.js';
import { SecurityApi, SecurityModelError } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { startHookProxy, type Hook } from '../support/hook-proxy.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const ROLE = 'pla-role';
const USER = 'pla-user';
const PASSWORD = 'Pla-lost!Answer#4821q';
const BASE = '/_plugins/_security/api';

const direct = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const b = new SecurityApi(direct);
let hook: Hook = async () => false;
let proxy: Awaited<ReturnType<typeof startHookProxy>>;
let viaProxy: ReturnType<typeof createClient>;
let a: SecurityApi;

/** A raw write straight to the node (another admin's tool). */
async function rawWrite(method: string, path: string, body?: unknown): Promise<void> {
  const res = await direct.transport.request(body === undefined ? { method, path: `${BASE}/${path}` } : { method, path: `${BASE}/${path}`, body: body as Record<string, unknown> });
  assert.ok((res.statusCode ?? 0) < 300, `${method} ${path}: ${res.statusCode}`);
}

/** Forwards the first request matching `when` to the node and drops its answer; counts the matching requests. */
function dropFirstAnswer(when: (method: string, url: string) => boolean): { sent: () => number } {
  let n = 0;
  hook = async (req, _body, forward, res) => {
    if (!when(req.method ?? '', req.url ?? '')) return false;
    n++;
    if (n > 1) return false;
    const up = await forward();
    assert.ok(up.status < 300, `the node applied it (${up.status})`);
    res.socket?.destroy();
    return true;
  };
  return { sent: () => n };
}

/** Before the first request matching `when`, runs `meanwhile` against the node, then answers that request 409 itself. */
function conflictAfter(when: (method: string, url: string) => boolean, meanwhile: () => Promise<void>): void {
  hook = async (req, _body, _forward, res) => {
    if (!when(req.method ?? '', req.url ?? '')) return false;
    hook = async () => false;
    await meanwhile();
    res.writeHead(409, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'CONFLICT', message: 'Version conflict (the node answered another writer first)' }));
    return true;
  };
}

before(async () => {
  proxy = await startHookProxy(conn.opensearch.url, ca, (req, body, forward, res) => hook(req, body, forward, res));
  viaProxy = createClient({ node: proxy.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.master }, retry: { retries: 2, minDelayMs: 10, maxDelayMs: 20 } });
  a = new SecurityApi(viaProxy);
});

after(async () => {
  hook = async () => false;
  await b.roleMappings.delete(ROLE).catch(() => undefined);
  await b.roles.delete(ROLE).catch(() => undefined);
  await b.users.delete(USER).catch(() => undefined);
  await viaProxy.close();
  await direct.close();
  await proxy.close();
});

describe(`lost answers and 409s on the real ${conn.opensearch.version} plugin`, () => {
  test('removeUsers whose PATCH answer is lost after the node applied it reports the value as removed by this call', async () => {
    await b.roles.put(ROLE, { cluster_permissions: ['cluster_monitor'] });
    await b.roleMappings.put(ROLE, { users: ['x', 'alice'] });
    dropFirstAnswer((m, url) => m === 'PATCH' && url.includes(`rolesmapping/${ROLE}`));
    const result = await a.roleMappings.removeUsers(ROLE, ['alice']);
    hook = async () => false;
    assert.deepEqual((await b.roleMappings.getRaw(ROLE))?.users, ['x'], 'the node removed it');
    assert.deepEqual([result.changed, result.unchanged], [['alice'], []], 'removed by this call, not "neither"');
  });

  test('addUsers whose creating PUT answer is lost reports the mapping as created by this call', async () => {
    await b.roleMappings.delete(ROLE).catch(() => undefined);
    dropFirstAnswer((m, url) => m === 'PUT' && url.includes(`rolesmapping/${ROLE}`));
    const result = await a.roleMappings.addUsers(ROLE, ['alice']);
    hook = async () => false;
    assert.deepEqual((await b.roleMappings.getRaw(ROLE))?.users, ['alice']);
    assert.deepEqual([result.created, result.changed], [true, ['alice']]);
  });

  test('ensure of a new user whose PUT answer is lost: the PUT is not sent again, and the call says it created the user', async () => {
    await b.users.delete(USER).catch(() => undefined);
    const puts = dropFirstAnswer((m, url) => m === 'PUT' && url.includes(`internalusers/${USER}`));
    const result = await a.users.ensure(USER, { password: PASSWORD, backend_roles: ['pla-br'], attributes: { team: 'a' } });
    hook = async () => false;
    assert.equal(puts.sent(), 1, 'one PUT: a re-send would replace any write that landed after the first');
    assert.equal(result.action, 'created');
    assert.deepEqual((await b.users.getRaw(USER))?.attributes, { team: 'a' });
  });

  test("ensure whose PATCH is answered 409 after another writer changed a field it had found equal: the result is the model", async () => {
    await b.roles.put(ROLE, { description: 'wanted', cluster_permissions: [] });
    conflictAfter((m, url) => m === 'PATCH' && url.includes(`roles/${ROLE}`), () => rawWrite('PATCH', `roles/${ROLE}`, [{ op: 'add', path: '/description', value: 'other' }]));
    const result = await a.roles.ensure(ROLE, { description: 'wanted', cluster_permissions: ['cluster_monitor'] });
    hook = async () => false;
    const stored = await b.roles.getRaw(ROLE);
    assert.equal(result.action, 'updated');
    assert.deepEqual([stored?.description, stored?.cluster_permissions], ['wanted', ['cluster_monitor']], 'the PATCH after the 409 is computed from a fresh read');
  });

  test('ensure whose PATCH finds the entity deleted meanwhile creates it (reads again) rather than failing with 404', async () => {
    await b.users.put(USER, { password: PASSWORD, backend_roles: ['old'] });
    let deleted = false;
    hook = async (req) => {
      if (!deleted && req.method === 'PATCH' && (req.url ?? '').includes(`internalusers/${USER}`)) {
        deleted = true;
        await rawWrite('DELETE', `internalusers/${USER}`);
      }
      return false;
    };
    const result = await a.users.ensure(USER, { password: PASSWORD, backend_roles: ['new'] });
    hook = async () => false;
    assert.equal(deleted, true);
    assert.equal(result.action, 'created');
    assert.deepEqual((await b.users.getRaw(USER))?.backend_roles, ['new']);
  });

  test('a PATCH removing a list entry by position is not re-sent after a 409 (the position may hold another entry by then)', async () => {
    await b.roles.put(ROLE, { cluster_permissions: ['cluster_monitor'] });
    await b.roleMappings.put(ROLE, { users: ['a', 'b', 'c'] });
    // 'b' is at position 1 when read; another admin removes 'a' first, so position 1 now holds 'c'
    conflictAfter((m, url) => m === 'PATCH' && url.includes(`rolesmapping/${ROLE}`), () => rawWrite('PATCH', `rolesmapping/${ROLE}`, [{ op: 'remove', path: '/users/0' }]));
    const error = await a.roleMappings.patch(ROLE, [{ op: 'remove', path: '/users/1' }]).then(() => undefined, (e: unknown) => e);
    hook = async () => false;
    assert.equal((error as { statusCode?: unknown } | undefined)?.statusCode, 409, `the 409 is the caller's to read again: ${String(error)}`);
    assert.deepEqual((await b.roleMappings.getRaw(ROLE))?.users, ['b', 'c'], "'c', another's entry, is not removed in 'b''s place");
  });

  test('an append is still retried after a 409', async () => {
    await b.roles.put(ROLE, { cluster_permissions: ['cluster_monitor'] });
    conflictAfter((m, url) => m === 'PATCH' && url.includes(`roles/${ROLE}`), () => rawWrite('PATCH', `roles/${ROLE}`, [{ op: 'add', path: '/cluster_permissions/-', value: 'indices_monitor' }]));
    await a.roles.patch(ROLE, [{ op: 'add', path: '/cluster_permissions/-', value: 'cluster_composite_ops_ro' }]);
    hook = async () => false;
    assert.deepEqual((await b.roles.getRaw(ROLE))?.cluster_permissions, ['cluster_monitor', 'indices_monitor', 'cluster_composite_ops_ro']);
  });

  test("apply whose PATCH is answered 409 after another admin changed an entity of the plan sends nothing more (no lost update)", async () => {
    await b.roles.put(ROLE, { cluster_permissions: ['cluster_monitor'] });
    const plan = await a.plan({ roles: { [ROLE]: { cluster_permissions: ['cluster_composite_ops_ro'] } } });
    let patches = 0;
    conflictAfter((m, url) => m === 'PATCH' && url.endsWith('/api/roles'), () => rawWrite('PUT', `roles/${ROLE}`, { cluster_permissions: ['cluster_monitor', 'indices_monitor'] }));
    const inner = hook;
    hook = async (req, body, forward, res) => {
      if (req.method === 'PATCH') patches++;
      return inner(req, body, forward, res);
    };
    const error = await a.apply(plan).then(() => undefined, (e: unknown) => e);
    hook = async () => false;
    assert.ok(error instanceof SecurityModelError, `refused: ${String(error)}`);
    assert.match(error.message, /changed on the domain since the plan was made/);
    assert.equal(patches, 1, 'the plan was not sent again over the change');
    assert.deepEqual((await b.roles.getRaw(ROLE))?.cluster_permissions, ['cluster_monitor', 'indices_monitor'], "the other admin's change stands");
  });
});
