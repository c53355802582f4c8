/**
 * NETWORK REACH: a domain behind a reverse proxy that serves it under a path prefix (`https://gw/opensearch/`).
 * A loopback proxy forwards only `/opensearch/...` (prefix stripped) to the real local node and answers anything
 * else 404 with a marker, so a helper that drops the prefix fails visibly. Every entry point must keep the prefix,
 * with and without the trailing slash: search, SecurityApi, checkDomain, ingest and the CLI (OPENSEARCH_URL).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createClient, checkDomain, ingest } from '../../src/index.js';
import { SecurityApi } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { runCli } from '../support/cli-run.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const upstream = new URL(conn.opensearch.url);
const PREFIX = '/opensearch';
const seen: string[] = [];
let server: http.Server;
let base = '';

before(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    seen.push(url);
    if (url !== PREFIX && !url.startsWith(`${PREFIX}/`) && !url.startsWith(`${PREFIX}?`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`netreach: no route for ${url.split('?')[0]}`);
      return;
    }
    const headers = { ...req.headers, host: upstream.host };
    const up = https.request({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: url.slice(PREFIX.length) || '/', headers, ca }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

for (const slash of ['', '/']) {
  describe(`node URL with a path prefix${slash === '' ? '' : ' and a trailing slash'}`, () => {
    const node = () => `${base}${slash}`;
    const master = () => createClient({ node: node(), auth: { mode: 'basic', username: conn.users.master.username, password: conn.users.master.password }, retry: { retries: 0 } });

    test('search and a raw transport call keep the prefix', async () => {
      const c = master();
      try {
        const res = await c.search({ index: 'flights', body: { size: 1, query: { match_all: {} } } });
        assert.equal(res.statusCode, 200);
        const root = await c.transport.request({ method: 'GET', path: '/' });
        assert.equal(typeof (root.body as { version?: { number?: string } }).version?.number, 'string');
      } finally {
        await c.close();
      }
    });

    test('SecurityApi (flavour detection, authinfo, roles) keeps the prefix', async () => {
      const c = master();
      try {
        const api = new SecurityApi(c);
        const who = await api.authInfo();
        assert.equal((who as { user_name?: string }).user_name, conn.users.master.username);
        const roles = await api.roles.list();
        assert.ok(Object.keys(roles).length > 0);
      } finally {
        await c.close();
      }
    });

    test('checkDomain keeps the prefix and reports the caller', async () => {
      const c = master();
      try {
        const report = await checkDomain(c);
        assert.equal(JSON.stringify(report).includes('netreach: no route'), false, JSON.stringify(report).slice(0, 400));
        assert.ok(JSON.stringify(report).includes(conn.users.master.username), JSON.stringify(report).slice(0, 400));
      } finally {
        await c.close();
      }
    });

    test('ingest keeps the prefix', async () => {
      const c = master();
      const index = `netreach-prefix-${slash === '' ? 'a' : 'b'}`;
      try {
        const report = await ingest(c, [{ index, id: '1', document: { n: 1 } }, { index, id: '2', document: { n: 2 } }], { refresh: true });
        assert.equal(report.stats.indexed, 2, JSON.stringify(report).slice(0, 400));
      } finally {
        await c.transport.request({ method: 'DELETE', path: `/${index}` }).catch(() => undefined);
        await c.close();
      }
    });

    test('the CLI (OPENSEARCH_URL with the prefix) keeps it', async () => {
      const run = await runCli(['whoami', '--json'], {
        OPENSEARCH_URL: node(), OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: conn.users.master.username, OPENSEARCH_PASSWORD: conn.users.master.password,
      });
      assert.equal(run.code, 0, run.text.slice(0, 600));
      assert.ok(run.stdout.includes(conn.users.master.username));
    });
  });
}

test('no request reached the proxy without the prefix', () => {
  const outside = seen.filter((u) => !u.startsWith(PREFIX));
  assert.deepEqual(outside, []);
  assert.ok(seen.length > 10);
});
