/**
 * Roles as code against the real node (2.19.4 by default; 3.4.0 with FGAC_DOMAIN_DIR=/var/tmp/d34): a plan applied
 * after another admin's write never overwrites it (no lost update), differences the REST API refuses to write are
 * no "match", and a DLS number a double cannot hold is written and read back as stored. Entities named `pas-`.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi, SecurityModelError, type Role } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { startHookProxy } from '../support/hook-proxy.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const api = new SecurityApi(master);
const role = (patterns: string[]): Role => ({ index_permissions: [{ index_patterns: patterns, allowed_actions: ['read'] }] });

after(async () => {
  for (const name of ['pas-a', 'pas-b', 'pas-big', 'pas-lost']) {
    await api.roleMappings.delete(name).catch(() => undefined);
    await api.roles.delete(name).catch(() => undefined);
  }
});

describe('apply refuses a plan the domain moved away from', () => {
  test('another admin edits an entity the plan changes, or creates one it creates: nothing of that type is sent', async () => {
    await api.roles.put('pas-a', role(['pas-a-*']));
    await api.roleMappings.put('pas-a', { users: ['alice'] });
    // the plan: change role pas-a, create role pas-b, map pas-a to alice and bob
    const plan = await api.plan({ roles: { 'pas-a': role(['pas-a-*', 'pas-a2-*']), 'pas-b': role(['pas-b-*']) }, roleMappings: { 'pas-a': { users: ['alice', 'bob'] } } });
    assert.deepEqual(plan.roles.changed.map((c) => c.name), ['pas-a']);
    // meanwhile another admin adds carol to the mapping
    await api.roleMappings.put('pas-a', { users: ['alice', 'carol'] });
    await assert.rejects(api.apply(plan), (e: unknown) => {
      assert.ok(e instanceof SecurityModelError, String(e));
      assert.match(e.message, /roleMappings\.pas-a: changed on the domain since the plan was made/);
      const progress = (e as { planProgress?: { applied: Array<{ kind: string }>; failed: string; outcome: string } }).planProgress;
      assert.deepEqual(progress?.applied.map((a) => a.kind), ['roles'], 'the roles, unchanged since, were applied');
      assert.equal(progress?.failed, 'roleMappings');
      assert.equal(progress?.outcome, 'not_applied', 'nothing of roleMappings was sent');
      return true;
    });
    assert.deepEqual((await api.roleMappings.get('pas-a'))?.users, ['alice', 'carol'], "carol's grant is kept");
    // planned again, it applies
    const again = await api.plan({ roleMappings: { 'pas-a': { users: ['alice', 'bob'] } } });
    await api.apply(again);
    assert.deepEqual((await api.roleMappings.get('pas-a'))?.users, ['alice', 'bob']);

    // an entity the plan creates, created by someone else first
    await api.roles.delete('pas-b');
    const create = await api.plan({ roles: { 'pas-b': role(['pas-b-*']) } });
    assert.deepEqual(create.roles.created, ['pas-b']);
    await api.roles.put('pas-b', role(['someone-elses-*']));
    await assert.rejects(api.apply(create), /roles\.pas-b: changed on the domain/);
    assert.deepEqual((await api.roles.get('pas-b'))?.index_permissions?.[0]?.index_patterns, ['someone-elses-*']);
  });
});

describe('plan says whether the domain matches the file', () => {
  test('a difference on a reserved or static entity is skipped: empty, yet not matching', async () => {
    const plan = await api.plan({ roles: { kibana_user: role(['pas-not-the-real-one-*']) } });
    assert.equal(plan.empty, true, 'nothing can be written');
    assert.equal(plan.matches, false, 'and the domain differs from what was asked');
    assert.equal(plan.roles.skipped[0]?.name, 'kibana_user');
    const same = await api.plan({ roles: {} });
    assert.equal(same.matches, true);
  });
});

describe('DLS numbers a double cannot hold', () => {
  test('read and written back as stored: get + ensure changes nothing, and a plan of the stored text is empty', async () => {
    const dls = '{"term":{"account_id":9007199254740993}}';
    await master.transport.request({ method: 'PUT', path: '/_plugins/_security/api/roles/pas-big', body: { index_permissions: [{ index_patterns: ['pas-big'], allowed_actions: ['read'], dls }] } });
    const got = await api.roles.get('pas-big');
    assert.ok(got !== undefined);
    const ensured = await api.roles.ensure('pas-big', got);
    assert.equal(ensured.action, 'unchanged');
    const stored = (await api.roles.getRaw('pas-big'))?.index_permissions?.[0]?.dls;
    assert.equal(stored, dls, 'the node still holds ...993');
    const plan = await api.plan({ roles: { 'pas-big': got } });
    assert.equal(plan.empty, true);
    for (const text of ['{"term":{"code":1.0}}', '{"term":{"code":1e2}}']) {
      await master.transport.request({ method: 'PUT', path: '/_plugins/_security/api/roles/pas-big', body: { index_permissions: [{ index_patterns: ['pas-big'], allowed_actions: ['read'], dls: text }] } });
      const back = await api.roles.get('pas-big');
      await api.roles.ensure('pas-big', back as Role);
      assert.equal((await api.roles.getRaw('pas-big'))?.index_permissions?.[0]?.dls, text);
    }
  });
});

describe('an apply whose answer is lost says the outcome of that type is unknown', () => {
  test('a timeout, an abort or a foreign 200 after the node received the PATCH: planProgress.outcome is unknown, and the node applied it', async () => {
    const controller = new AbortController();
    let onPatch: () => void = () => undefined;
    let how: 'timeout' | 'abort' | 'foreign 200' = 'timeout';
    // the roles PATCH reaches the node; its answer is held past the client's timeout, or the caller aborts
    // meanwhile, or a gateway answers 200 with its own page instead of the node's answer
    const proxy = await startHookProxy(conn.opensearch.url, ca, async (req, _body, forward, res) => {
      if (req.method !== 'PATCH' || !(req.url ?? '').endsWith('/api/roles')) return false;
      await forward();
      if (how === 'foreign 200') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Request accepted</body></html>');
        return true;
      }
      onPatch();
      await new Promise((r) => setTimeout(r, 2500));
      res.socket?.destroy();
      return true;
    });
    const slow = new Client({ node: proxy.url, auth: conn.users.master, requestTimeout: 1000, maxRetries: 0 });
    try {
      for (how of ['timeout', 'abort', 'foreign 200'] as const) {
        await api.roles.delete('pas-lost').catch(() => undefined);
        const through = new SecurityApi(slow, how === 'abort' ? { signal: controller.signal } : {});
        onPatch = how === 'abort' ? () => controller.abort() : () => undefined;
        const plan = await through.plan({ roles: { 'pas-lost': role(['pas-lost-*']) } });
        const err = await through.apply(plan).then(() => undefined, (e: unknown) => e);
        const progress = (err as { planProgress?: { failed: string; outcome: string } } | undefined)?.planProgress;
        assert.deepEqual([progress?.failed, progress?.outcome], ['roles', 'unknown'], `${how}: ${String(err)}`);
        assert.ok((await api.roles.getRaw('pas-lost')) !== undefined, `${how}: the node applied it`);
      }
    } finally {
      await slow.close();
      await proxy.close();
    }
  });
});
