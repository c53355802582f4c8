/**
 * Role-mapping list edits against the REAL plugin when another client writes between the edit's read and its write
 * (staged with a loopback proxy that holds or precedes the edit's request), and the README's append advice.
 * - A creating PUT that the node answers 200, not 201, replaced a mapping another client created meanwhile: it is
 *   thrown, naming the mapping, read as "a write of ours may be in place" (never plain success).
 * - A removal whose mapping is deleted between its read and its PATCH reports every value asked.
 * - An append (`/<field>/-`) to an empty list is refused with 400 Missing field; the README says so and what works.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import { createClient } from '../../src/index.js';
import { SecurityApi, SecurityModelError, type MappingUpdateResult } from '../../src/security/index.js';
import { SecurityApiError } from '../../src/errors/classes.js';
import { answerLost } from '../../src/security/progress.js';
import { loadConnection } from '../domain/connection.js';
import { startHookProxy, type Hook, type Upstream } from '../support/hook-proxy.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const ROLE = 'h208-race';
const APPEND_ROLE = 'h208-append';
const ARN = 'arn:aws:iam::123456789012:role/H208';

const clientTo = (node: string) =>
  createClient({ node, ssl: { ca }, auth: { mode: 'basic', username: conn.users.master.username, password: conn.users.master.password }, retry: { retries: 0 } });
const direct = clientTo(conn.opensearch.url);
/** The other client: straight to the node. */
const b = new SecurityApi(direct, { settleMs: 50 });

let hook: Hook = async () => false;
let proxy: Awaited<ReturnType<typeof startHookProxy>>;
let aClient: ReturnType<typeof clientTo>;
/** The client under test: through the proxy. */
let a: SecurityApi;

const isMappingWrite = (method: string | undefined, url: string | undefined, m: string): boolean =>
  method === m && (url ?? '').endsWith(`/rolesmapping/${ROLE}`);

before(async () => {
  proxy = await startHookProxy(conn.opensearch.url, ca, (req, body, forward, res) => hook(req, body, forward, res));
  aClient = clientTo(proxy.url);
  a = new SecurityApi(aClient, { settleMs: 50 });
  await b.roles.put(ROLE, { description: 'h208 race' });
});

after(async () => {
  hook = async () => false;
  await b.roleMappings.delete(ROLE).catch(() => undefined);
  await b.roles.delete(ROLE).catch(() => undefined);
  await b.roles.delete(APPEND_ROLE).catch(() => undefined);
  await aClient.close();
  await direct.close();
  await proxy.close();
});

/** The error a call rejected with (fails when it resolved). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then((r) => assert.fail(`resolved: ${JSON.stringify(r)}`), (e: unknown) => e);
}

/** What a call resolved or rejected with. */
async function settle(p: Promise<unknown>): Promise<unknown> {
  return p.then((r) => r, (e: unknown) => e);
}

/** Forwards a request of the client under test to the node and relays the answer; returns its status. */
async function relayed(forward: () => Promise<Upstream>, res: http.ServerResponse): Promise<number> {
  const up = await forward();
  res.writeHead(up.status, { 'content-type': 'application/json' });
  res.end(up.body);
  return up.status;
}

/**
 * True when the staged PUT was refused 409 because a security write of another test file running at the same time
 * came between (nothing was replaced; the edit then re-read and appended): the scenario is run again, at most 5 times.
 */
function anotherTestsConflict(puts: readonly number[], run: number): boolean {
  return puts.includes(409) && run < 5;
}

/** Asserts `err` is the replaced-creation error naming ROLE, read as a write that may be in place. */
function assertReplacedCreation(err: unknown): void {
  assert.ok(err instanceof SecurityModelError, `a SecurityModelError, got ${String(err)}`);
  assert.match(err.message, new RegExp(`role mapping '${ROLE}' was answered 200, not 201: another client created that mapping`));
  assert.ok(answerLost(err), 'read as "a write of ours may be in place" (apply and addMasterUser: outcome unknown)');
}

describe(`h208 role-mapping list edits racing another writer on the real ${conn.opensearch.version} plugin`, () => {
  test('h208 a mapping another admin creates between the edit\'s read and its creating PUT: the 200 is thrown, not success', async () => {
    for (let run = 1; ; run++) {
      await b.roleMappings.delete(ROLE).catch(() => undefined);
      const puts: number[] = [];
      hook = async (req, _body, forward, res) => {
        if (!isMappingWrite(req.method, req.url, 'PUT')) return false;
        // the other admin's mapping lands just before the edit's PUT, which the node then answers 200 (replaced)
        if (puts.length === 0) await b.roleMappings.put(ROLE, { users: ['carol'], hosts: ['h208-host'], description: 'made by the other admin' });
        puts.push(await relayed(forward, res));
        return true;
      };
      const outcome = await settle(a.roleMappings.addBackendRoles(ROLE, [ARN]));
      hook = async () => false;
      if (anotherTestsConflict(puts, run)) continue;
      assert.deepEqual(puts, [200]);
      assertReplacedCreation(outcome);
      const stored = await b.roleMappings.getRaw(ROLE);
      assert.deepEqual([stored?.backend_roles, stored?.users], [[ARN], []], 'the node replaced the other admin\'s mapping (what the error says)');
      return;
    }
  });

  test('h208 two SDK edits create the same missing mapping; the later PUT lands after the first edit finished: it throws', async () => {
    for (let run = 1; ; run++) {
      await b.roleMappings.delete(ROLE).catch(() => undefined);
      let release!: () => void;
      const firstDone = new Promise<void>((r) => { release = r; });
      let onHeld!: () => void;
      const held = new Promise<void>((r) => { onHeld = r; });
      const puts: number[] = [];
      hook = async (req, _body, forward, res) => {
        if (!isMappingWrite(req.method, req.url, 'PUT')) return false;
        if (puts.length === 0) {
          onHeld();
          await firstDone;
        }
        puts.push(await relayed(forward, res));
        return true;
      };
      let first: MappingUpdateResult | undefined;
      let outcome: unknown;
      try {
        // A (through the proxy) read "absent" and its PUT is held; B reads "absent" too, creates, verifies, finishes
        const later = settle(a.roleMappings.addBackendRoles(ROLE, [ARN]));
        await held;
        first = await b.roleMappings.addUsers(ROLE, ['alice']);
        release();
        outcome = await later;
      } finally {
        release();
        hook = async () => false;
      }
      if (anotherTestsConflict(puts, run)) continue;
      assert.deepEqual([first.created, first.changed], [true, ['alice']]);
      assert.deepEqual(puts, [200]);
      assertReplacedCreation(outcome);
      assert.deepEqual((await b.roleMappings.getRaw(ROLE))?.users, [], 'alice is gone: only the error tells');
      return;
    }
  });

  test('h208 five edits of one SecurityApi on a missing mapping: one creating PUT, the others wait and append, none throws', async () => {
    for (let run = 1; ; run++) {
      await b.roleMappings.delete(ROLE).catch(() => undefined);
      // the first PUT is held until all five edits have read the mapping as missing
      let reads = 0;
      let allRead!: () => void;
      const read = new Promise<void>((r) => { allRead = r; });
      const puts: number[] = [];
      hook = async (req, _body, forward, res) => {
        if (isMappingWrite(req.method, req.url, 'GET')) {
          await relayed(forward, res);
          if (++reads === 5) allRead();
          return true;
        }
        if (!isMappingWrite(req.method, req.url, 'PUT')) return false;
        if (puts.length === 0) await read;
        puts.push(await relayed(forward, res));
        return true;
      };
      const values = Array.from({ length: 5 }, (_, i) => `h208-br-${i}`);
      let results: MappingUpdateResult[];
      try {
        results = await Promise.all(values.map((v) => a.roleMappings.addBackendRoles(ROLE, [v])));
      } finally {
        allRead();
        hook = async () => false;
      }
      if (anotherTestsConflict(puts, run)) continue;
      assert.deepEqual(puts, [201], 'one creating PUT');
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.deepEqual(results.map((r) => r.changed), values.map((v) => [v]));
      assert.deepEqual([...((await b.roleMappings.getRaw(ROLE))?.backend_roles ?? [])].sort(), values);
      return;
    }
  });

  test('h208 removeUsers whose mapping is deleted between its read and its PATCH reports every value asked', async () => {
    await b.roleMappings.put(ROLE, { users: ['alice', 'bob'] });
    let fired = false;
    hook = async (req) => {
      if (fired || !isMappingWrite(req.method, req.url, 'PATCH')) return false;
      fired = true;
      await b.roleMappings.delete(ROLE);
      return false;
    };
    try {
      const r = await a.roleMappings.removeUsers(ROLE, ['bob', 'zed']);
      assert.ok(fired);
      assert.deepEqual([r.changed, r.unchanged], [[], ['bob', 'zed']], 'removed by someone else: already absent');
    } finally {
      hook = async () => false;
    }
    assert.equal(await b.roleMappings.getRaw(ROLE), undefined, 'the delete stands');
  });

  test('h208 README: an append to an empty list is refused with 400 Missing field, and the advised whole-list add works', async () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Security REST API helpers'));
    const advice = section.slice(section.indexOf("path: '/cluster_permissions/-'"), section.indexOf("path: '/cluster_permissions/-'") + 900);
    assert.match(advice, /Missing field/, 'the append advice says it fails on an empty list');
    assert.match(advice, /path: '\/cluster_permissions', value: \[value\]/, 'and names the whole-list add to use then');
    await b.roles.put(APPEND_ROLE, { description: 'no permissions yet' });
    const refused = await rejection(b.roles.patch(APPEND_ROLE, [{ op: 'add', path: '/cluster_permissions/-', value: 'cluster_monitor' }]));
    assert.ok(refused instanceof SecurityApiError && refused.statusCode === 400, `a 400 SecurityApiError, got ${String(refused)}`);
    assert.match(refused.message, /Missing field "cluster_permissions"/);
    await b.roles.patch(APPEND_ROLE, [{ op: 'add', path: '/cluster_permissions', value: ['cluster_monitor'] }]);
    await b.roles.patch(APPEND_ROLE, [{ op: 'add', path: '/cluster_permissions/-', value: 'cluster_composite_ops' }]);
    assert.deepEqual((await b.roles.getRaw(APPEND_ROLE))?.cluster_permissions, ['cluster_monitor', 'cluster_composite_ops']);
  });
});
