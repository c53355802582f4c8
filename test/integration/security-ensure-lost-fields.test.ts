/**
 * `ensure` reports every field its own writes changed, also those of a PATCH whose answer was lost after the node
 * applied it when a later attempt (after another writer's change) wrote other fields: against the REAL plugin through
 * a loopback proxy that forwards the PATCH, lets a raw writer change the role on the node, then drops the answer.
 * The property check (security-concurrency-property) judges the store by these fields: a missing one hid that the
 * call removed a value. Entities named `pelf-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/index.js';
import { SecurityApi } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { relay, startHookProxy, type Hook } from '../support/hook-proxy.js';
import { afterConflicts } from '../support/settle.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const ROLE = 'pelf-role';
const BASE = '/_plugins/_security/api';

const direct = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const b = new SecurityApi(direct);
let hook: Hook = async () => false;
let proxy: Awaited<ReturnType<typeof startHookProxy>>;
let viaProxy: ReturnType<typeof createClient>;
let a: SecurityApi;

/** A raw PATCH straight to the node (another admin's tool), sent again after a 409 of another test's write. */
async function rawPatch(path: string, ops: unknown[]): Promise<void> {
  await afterConflicts(async () => {
    const res = await direct.transport.request({ method: 'PATCH', path: `${BASE}/${path}`, body: ops as unknown as Record<string, unknown> });
    assert.ok((res.statusCode ?? 0) < 300, `PATCH ${path}: ${res.statusCode}`);
  });
}

/**
 * The first `meanwhile.length` PATCHes of the role the node applies are forwarded, then the raw `meanwhile[i]` runs
 * on the node, then the answer is dropped (one the node refused, a 409 of another writer, is relayed); later requests
 * pass. Returns the bodies the node applied.
 */
function applyThenChangeThenDrop(meanwhile: Array<() => Promise<void>>): string[] {
  const applied: string[] = [];
  hook = async (req, body, forward, res) => {
    if (req.method !== 'PATCH' || !(req.url ?? '').includes(`roles/${ROLE}`) || applied.length >= meanwhile.length) return false;
    const up = await forward();
    if (up.status >= 300) {
      relay(res, up);
      return true;
    }
    const change = meanwhile[applied.length] as () => Promise<void>;
    applied.push(body.toString('utf8'));
    await change();
    res.socket?.destroy();
    return true;
  };
  return applied;
}

before(async () => {
  proxy = await startHookProxy(conn.opensearch.url, ca, (req, body, forward, res) => hook(req, body, forward, res));
  viaProxy = createClient({ node: proxy.url, ssl: { ca }, auth: { mode: 'basic', ...conn.users.master }, retry: { retries: 2, minDelayMs: 10, maxDelayMs: 20 } });
  a = new SecurityApi(viaProxy);
});

after(async () => {
  hook = async () => false;
  await b.roles.delete(ROLE).catch(() => undefined);
  await viaProxy.close();
  await direct.close();
  await proxy.close();
});

const INITIAL = { cluster_permissions: ['cluster_monitor'], index_permissions: [{ index_patterns: ['pelf-a*'], allowed_actions: ['read'] }] };
const DESIRED = { cluster_permissions: ['cluster_monitor'], index_permissions: [] };

describe(`ensure after a lost answer on the real ${conn.opensearch.version} plugin: changedFields`, () => {
  test("a lost PATCH of index_permissions, then another writer's cluster change, then a PATCH of cluster_permissions: both fields are reported", async () => {
    await b.roles.put(ROLE, INITIAL);
    const applied = applyThenChangeThenDrop([() => rawPatch(`roles/${ROLE}`, [{ op: 'add', path: '/cluster_permissions/-', value: 'cluster:monitor/health' }])]);
    const result = await a.roles.ensure(ROLE, DESIRED);
    hook = async () => false;
    assert.equal(applied.length, 1);
    assert.match(applied[0] as string, /"\/index_permissions"/, 'the lost PATCH wrote index_permissions');
    const stored = await b.roles.getRaw(ROLE);
    assert.deepEqual([stored?.cluster_permissions, stored?.index_permissions], [['cluster_monitor'], []], 'the node holds the model');
    assert.equal(result.action, 'updated');
    assert.deepEqual([...result.changedFields].sort(), ['cluster_permissions', 'index_permissions'], 'the lost PATCH removed pelf-a*: index_permissions is a field this call changed');
  });

  test('two lost PATCHes of different fields, then the model found stored: both fields are reported', async () => {
    await b.roles.put(ROLE, INITIAL);
    const applied = applyThenChangeThenDrop([
      () => rawPatch(`roles/${ROLE}`, [{ op: 'add', path: '/cluster_permissions/-', value: 'cluster:monitor/health' }]),
      async () => undefined,
    ]);
    const result = await a.roles.ensure(ROLE, DESIRED);
    hook = async () => false;
    assert.equal(applied.length, 2);
    assert.match(applied[1] as string, /"\/cluster_permissions"/, 'the second lost PATCH wrote cluster_permissions');
    const stored = await b.roles.getRaw(ROLE);
    assert.deepEqual([stored?.cluster_permissions, stored?.index_permissions], [['cluster_monitor'], []]);
    assert.equal(result.action, 'updated');
    assert.deepEqual([...result.changedFields].sort(), ['cluster_permissions', 'index_permissions']);
  });
});
