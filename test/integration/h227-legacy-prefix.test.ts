/**
 * checkPermission's reads of the security API (authinfo, roles, action groups, securityconfig) go below the prefix the
 * cluster answers, decided where SecurityApi and checkDomain decide it (security/prefix.ts), against the REAL 2.19.4
 * node behind a loopback proxy that only routes:
 * - a cluster that does not route `_plugins/_security` (Open Distro, older clusters): the proxy sends those requests to
 *   an unrouted path of the real node, whose own answer (400 no handler) comes back; the reads go to
 *   `_opendistro/_security`, which the real plugin answers, and the verdict is the one read straight from the node;
 * - a cluster whose `GET /` names another distribution (Open Distro): `_opendistro/_security` is read first, never
 *   `_plugins/_security`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createClient } from '../../src/index.js';
import { checkPermission } from '../../src/explain/check-permission.js';
import { subjectOf } from '../../src/explain/subject.js';
import { checkDomain } from '../../src/diagnose/index.js';
import { loadConnection } from '../domain/connection.js';
import { startHookProxy, relay, type Hook } from '../support/hook-proxy.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const { master, limited } = conn.users;

const clientTo = (node: string, login: { username: string; password: string }) =>
  createClient({ node, ssl: { ca }, auth: { mode: 'basic', ...login }, retry: { retries: 0 } });

/** Paths the proxy saw (after the hook). */
let seen: string[] = [];
let hook: Hook = async () => false;
let proxy: Awaited<ReturnType<typeof startHookProxy>>;
const clients: Array<ReturnType<typeof clientTo>> = [];
const make = (node: string, login: { username: string; password: string }) => {
  const c = clientTo(node, login);
  clients.push(c);
  return c;
};

/** `_plugins/_security` is not routed: the real node answers the same request on a path it has no handler for. */
const noPluginsPrefix: Hook = async (req, body, _forward, res) => {
  const url = req.url ?? '';
  if (!url.startsWith('/_plugins/_security/')) return false;
  const { forwarder } = await import('../support/hook-proxy.js');
  const { forward, agent } = forwarder(conn.opensearch.url, ca);
  try {
    req.url = url.replace('/_plugins/_security/', '/_plugins/_h227_unrouted/');
    relay(res, await forward(req, body));
  } finally {
    agent.destroy();
  }
  return true;
};

/** `GET /` answers as an Open Distro cluster does (no `version.distribution`, Elasticsearch's 7.10.2); the rest is the node's. */
const openDistroRoot: Hook = async (req, _body, forward, res) => {
  if (req.method !== 'GET' || req.url !== '/') return false;
  const up = await forward();
  const root = JSON.parse(up.body.toString('utf8')) as { version: Record<string, unknown> };
  delete root.version.distribution;
  root.version.number = '7.10.2';
  const body = Buffer.from(JSON.stringify(root));
  relay(res, { ...up, headers: { ...up.headers, 'content-length': String(body.length) }, body });
  return true;
};

before(async () => {
  proxy = await startHookProxy(conn.opensearch.url, ca, async (req, body, forward, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    return hook(req, body, forward, res);
  });
});

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await proxy.close();
});

const REQUEST = { action: 'indices:data/read/search', index: 'flights' } as const;

test('a cluster answering only _opendistro/_security: checkPermission reads there, with the verdict read straight from the node', async () => {
  const direct = await checkPermission(make(conn.opensearch.url, limited), REQUEST, { admin: make(conn.opensearch.url, master), mode: 'local' });
  hook = noPluginsPrefix;
  seen = [];
  const proxied = await checkPermission(make(proxy.url, limited), REQUEST, { admin: make(proxy.url, master), mode: 'local' });
  assert.equal(proxied.allowed, direct.allowed);
  assert.deepEqual(proxied.missingPrivileges, direct.missingPrivileges);
  assert.deepEqual(proxied.checks.map((c) => [c.action, c.granted]), direct.checks.map((c) => [c.action, c.granted]));
  for (const path of ['authinfo', 'api/roles', 'api/actiongroups']) {
    assert.ok(seen.includes(`GET /_opendistro/_security/${path}`), `${path} read below _opendistro/_security: ${seen.join(', ')}`);
  }
  // the prefix is detected once per call: one unrouted _plugins/_security read, not one per read
  assert.equal(seen.filter((s) => s.includes('/_plugins/_security/')).length, 1, seen.join(', '));
});

test('a cluster answering only _opendistro/_security: the subject (checkPermission, the CLI) is read from its authinfo', async () => {
  hook = noPluginsPrefix;
  const subject = await subjectOf(make(proxy.url, limited), undefined, undefined);
  assert.equal(subject.name, limited.username);
  assert.ok((subject.roles ?? []).length > 0);
});

test('the same proxy: checkDomain answers with the same prefix (one rule)', async () => {
  hook = noPluginsPrefix;
  const report = await checkDomain(make(proxy.url, limited)) as unknown as Record<string, unknown>;
  assert.match(JSON.stringify(report), /_opendistro\/_security/);
});

test('GET / names Open Distro: checkPermission reads _opendistro/_security first and never _plugins/_security', async () => {
  hook = openDistroRoot;
  seen = [];
  const c = await checkPermission(make(proxy.url, limited), REQUEST, { admin: make(proxy.url, master), mode: 'local' });
  assert.equal(typeof c.allowed, 'boolean');
  assert.ok(seen.includes('GET /_opendistro/_security/authinfo'), seen.join(', '));
  assert.deepEqual(seen.filter((s) => s.includes('/_plugins/_security/')), []);
});
