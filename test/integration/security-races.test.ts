/**
 * The security API's list edits and password change against the REAL plugin, with a loopback proxy in front of it
 * that forces the interleavings a busy cluster produces now and then: it holds one request of client A until
 * client B (straight to the node) has finished, drops an answer after the node applied the request, or answers a
 * write with something that is not the plugin's `{status: OK|CREATED}`. The node's state is read back each time.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import { createClient } from '../../src/index.js';
import { SecurityApi, SecurityModelError } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { startHookProxy, type Hook } from '../support/hook-proxy.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const ROLE = 'p12-race';
const USER = 'p12-race-user';
const FIRST = 'P12-race!First#0001x';
const SECOND = 'P12-race!Second#0002y';

const clientTo = (node: string, username = conn.users.master.username, password = conn.users.master.password) =>
  createClient({ node, ssl: { ca }, auth: { mode: 'basic', username, password }, retry: { retries: 2, minDelayMs: 10, maxDelayMs: 20 } });
const direct = clientTo(conn.opensearch.url);
/** Client B: straight to the node. */
const b = new SecurityApi(direct);

const usersNow = async (): Promise<string[] | undefined> => (await b.roleMappings.getRaw(ROLE))?.users;

/** A proxy whose hook is replaced per test, and client A's SecurityApi through it. */
let hook: Hook = async () => false;
let proxy: Awaited<ReturnType<typeof startHookProxy>>;
let a: SecurityApi;
let aClient: ReturnType<typeof clientTo>;

before(async () => {
  proxy = await startHookProxy(conn.opensearch.url, ca, (req, body, forward, res) => hook(req, body, forward, res));
  aClient = clientTo(proxy.url);
  a = new SecurityApi(aClient);
  await b.roles.put(ROLE, { cluster_permissions: ['cluster_monitor'] });
});

after(async () => {
  await b.roleMappings.delete(ROLE).catch(() => undefined);
  await b.roles.delete(ROLE).catch(() => undefined);
  await b.users.delete(USER).catch(() => undefined);
  await aClient.close();
  await direct.close();
  await proxy.close();
});

/** Holds A's first mapping read after one of its writes until `release()`; `held` resolves when it is held. */
function holdReadAfterWrite(): { held: Promise<void>; release: () => void } {
  let wrote = false;
  let release!: () => void;
  let onHeld!: () => void;
  const held = new Promise<void>((r) => { onHeld = r; });
  const gate = new Promise<void>((r) => { release = r; });
  hook = async (req) => {
    if (req.method === 'PATCH' || req.method === 'PUT') wrote = true;
    else if (wrote && req.method === 'GET' && (req.url ?? '').includes(`rolesmapping/${ROLE}`)) {
      hook = async () => false;
      onHeld();
      await gate;
    }
    return false;
  };
  return { held, release };
}

describe(`security API edits under forced interleavings on the real ${conn.opensearch.version} plugin`, () => {
  test("a removal that lands between A's add to an empty list and A's read-back stays removed", async () => {
    await b.roleMappings.put(ROLE, { users: [], backend_roles: ['p12-br'] });
    const { held, release } = holdReadAfterWrite();
    const adding = a.roleMappings.addUsers(ROLE, ['alice']);
    await held;
    assert.deepEqual(await usersNow(), ['alice'], "A's write reached the node");
    assert.deepEqual((await b.roleMappings.removeUsers(ROLE, ['alice'])).changed, ['alice']);
    release();
    const result = await adding;
    assert.deepEqual(result.changed, ['alice']);
    assert.deepEqual(await usersNow(), [], "B's later removal is not undone");
  });

  test("a mapping deleted after A created it is not created again", async () => {
    await b.roleMappings.delete(ROLE).catch(() => undefined);
    const { held, release } = holdReadAfterWrite();
    const adding = a.roleMappings.addUsers(ROLE, ['alice']);
    await held;
    await b.roleMappings.delete(ROLE);
    release();
    assert.equal((await adding).created, true);
    assert.equal(await b.roleMappings.getRaw(ROLE), undefined, "B's delete stands");
  });

  test("an add that lands between A's removal and A's read-back stays", async () => {
    await b.roleMappings.put(ROLE, { users: ['x', 'alice'] });
    const { held, release } = holdReadAfterWrite();
    const removing = a.roleMappings.removeUsers(ROLE, ['alice']);
    await held;
    assert.deepEqual(await usersNow(), ['x']);
    await b.roleMappings.addUsers(ROLE, ['alice']);
    release();
    const result = await removing;
    assert.deepEqual([result.changed, result.suspectedCollateral], [['alice'], []]);
    assert.deepEqual(await usersNow(), ['x', 'alice'], "B's later add is not undone");
  });

  test('a value present after a 409 was not added by this call: unchanged, not changed', async () => {
    await b.roleMappings.put(ROLE, { users: ['x'] });
    let first = true;
    hook = async (req, _body, _forward, res) => {
      if (req.method !== 'PATCH' || !first) return false;
      first = false;
      // another writer's append wins the race: the node has it, and A's own PATCH is answered 409
      await b.roleMappings.addUsers(ROLE, ['alice']);
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'CONFLICT', message: 'Version conflict (injected by the test proxy)' }));
      return true;
    };
    const result = await a.roleMappings.addUsers(ROLE, ['alice']);
    assert.deepEqual([result.changed, result.unchanged], [[], ['alice']]);
    assert.deepEqual(await usersNow(), ['x', 'alice']);
  });

  /** Holds the first whole-list write to the mapping until a second arrives, then lets the first land before the second (which replaces it). */
  function replaceFirstWrite(method: 'PUT' | 'PATCH'): void {
    let first: (() => void) | undefined;
    let firstLanded: Promise<void> | undefined;
    hook = async (req, _body, forward, res) => {
      if (req.method !== method || !(req.url ?? '').includes(`rolesmapping/${ROLE}`)) return false;
      if (first === undefined && firstLanded === undefined) {
        let landed!: () => void;
        firstLanded = new Promise<void>((r) => { landed = r; });
        await new Promise<void>((r) => { first = r; });
        const up = await forward();
        landed();
        res.writeHead(up.status, { 'content-type': 'application/json' });
        res.end(up.body);
        return true;
      }
      hook = async () => false;
      first?.();
      await firstLanded;
      return false;
    };
  }

  for (const [label, setup, method, edits] of [
    ['two edits of different lists create the same missing mapping: the replacing one throws, the replaced one is written again or lost loudly', () => b.roleMappings.delete(ROLE).catch(() => undefined), 'PUT',
      [(api: SecurityApi) => api.roleMappings.addUsers(ROLE, ['alice']), (api: SecurityApi) => api.roleMappings.addBackendRoles(ROLE, ['p12-grp'])]],
    ['two overlapping adds to an empty list: the value the second set left out is written again', () => b.roleMappings.put(ROLE, { users: [] }), 'PATCH',
      [(api: SecurityApi) => api.roleMappings.addUsers(ROLE, ['alice', 'bob']), (api: SecurityApi) => api.roleMappings.addUsers(ROLE, ['bob'])]],
  ] as const) {
    test(label, async () => {
      await setup();
      replaceFirstWrite(method);
      const other = new SecurityApi(aClient);
      const settled = await Promise.allSettled([edits[0](a), edits[1](other)]);
      hook = async () => false;
      const stored = await b.roleMappings.getRaw(ROLE);
      // a creating PUT answered 200 replaced the other edit's new mapping: that edit throws (h208). The replaced edit writes
      // its value again when its read-back comes after that PUT (not under load: then only the error tells)
      const thrown = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
      if (method === 'PUT') {
        assert.ok(thrown.length <= 1 && thrown.every((e) => e instanceof SecurityModelError && /answered 200, not 201/.test(e.message)), thrown.map(String).join('; '));
      } else {
        assert.deepEqual(thrown, []);
      }
      for (const s of settled) {
        if (s.status !== 'fulfilled') continue;
        for (const v of s.value.changed) {
          assert.ok((stored?.[s.value.field] ?? []).includes(v) || thrown.length === 1, `${v} reported added to ${s.value.field} is stored, or the edit that replaced it threw: ${JSON.stringify(stored)}`);
        }
      }
    });
  }

  test('a 2xx that is not the plugin\'s {status: OK|CREATED} is never reported as a list edit applied', async () => {
    await b.roleMappings.put(ROLE, { users: ['x'] });
    hook = async (req, _body, _forward, res: http.ServerResponse) => {
      if (req.method !== 'PATCH' && req.method !== 'PUT') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', message: 'not applied' }));
      return true;
    };
    try {
      await assert.rejects(a.roleMappings.addUsers(ROLE, ['alice']), SecurityModelError);
      await assert.rejects(a.roleMappings.removeUsers(ROLE, ['x']), SecurityModelError);
    } finally {
      hook = async () => false;
    }
    assert.deepEqual(await usersNow(), ['x'], 'nothing was stored');
  });

  test('changePassword is sent once: a lost answer is not re-sent with the old password (which would answer 401)', async () => {
    await b.users.put(USER, { password: FIRST });
    let sent = 0;
    hook = async (req, _body, forward, res) => {
      if (req.method !== 'PUT' || !(req.url ?? '').includes('/api/account')) return false;
      sent++;
      const up = await forward();
      assert.equal(up.status, 200, 'the node applied the change');
      res.socket?.destroy();
      return true;
    };
    const self = clientTo(proxy.url, USER, FIRST);
    try {
      const error = await new SecurityApi(self).account.changePassword(FIRST, SECOND).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof Error, 'the lost answer is an error');
      assert.notEqual((error as { statusCode?: unknown }).statusCode, 401, 'not a 401 from a second send');
      assert.equal(sent, 1);
    } finally {
      hook = async () => false;
      await self.close();
    }
    const withNew = clientTo(conn.opensearch.url, USER, SECOND);
    try {
      assert.equal((await withNew.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' })).statusCode, 200, 'the new password is in force');
    } finally {
      await withNew.close();
    }
  });
});
