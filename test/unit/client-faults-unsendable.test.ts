/**
 * A request Node refuses to send: a per-call header value with a line break or a character above U+00FF, an
 * undefined header value, a raw `transport.request` path with a space or a non-Latin-1 character. The call rejects
 * with a TypeError naming the header (never its value: it may be a secret) or the path, and `client.close()`
 * settles (opensearch-js counted such a request open and never closed it: close() polled for ever). Every auth
 * mode's path through the Connection: unsigned (none), a fixed header (basic), a signature (iam: the signed path
 * is percent-encoded, so those paths are sent). Such a request is refused before a node is picked: with several nodes
 * none is marked dead for it (the request's fault, not the node's).
 * Runs against both majors (the matrix's opensearch-js 2.x leg).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { loopbackUrl } from '../support/loopback-client.js';

let hits = 0;
const server = http.createServer((_req, res) => {
  hits++;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
const url = loopbackUrl(server);

const AUTHS = {
  none: { mode: 'none' },
  basic: { mode: 'basic', username: 'u', password: 'Pw-unsendable-1' },
  iam: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIAUNSENDABLE0001', secretAccessKey: 'unsendable-secret-key-0123456789' } },
} as const;

/** Requests Node refuses, with what the error must name and the value it must not repeat. */
const REFUSED: Array<{ what: string; send(client: Client): Promise<unknown>; names: RegExp; hidden?: string; path?: true }> = [
  { what: 'a header value above U+00FF', send: (c) => c.info({}, { headers: { 'x-request-note': 'café 研究-v4lue' } }), names: /"x-request-note"/, hidden: '研究-v4lue' },
  { what: 'a header value with a line break', send: (c) => c.info({}, { headers: { 'x-api-key': 'line1-s3cret\nline2' } }), names: /"x-api-key"/, hidden: 'line1-s3cret' },
  { what: 'an undefined header value', send: (c) => c.info({}, { headers: { 'x-unset': undefined as unknown as string } }), names: /"x-unset"/ },
  { what: 'an opaqueId with a line break', send: (c) => c.info({}, { opaqueId: 'trace-1\r\nx-injected: 1' }), names: /"x-opaque-id"/ },
  { what: 'a path with a space', send: (c) => c.transport.request({ method: 'GET', path: '/my index/_search' }), names: /"\/my index\/_search"/, path: true },
  { what: 'a path above U+00FF', send: (c) => c.transport.request({ method: 'GET', path: '/研究/_search' }), names: /path "\/研究\/_search"/, path: true },
];

for (const [mode, auth] of Object.entries(AUTHS)) {
  test(`${mode}: a request Node refuses fails with a TypeError naming the header or path, and close() settles`, { timeout: 30_000 }, async () => {
    const client = createClient({ node: url(), auth, allowInsecureHttp: true, retry: { retries: 2 } } as Parameters<typeof createClient>[0]);
    const connection = (client.connectionPool as unknown as { connections: Array<{ _openRequests: number }> }).connections[0]!;
    hits = 0;
    let sent = 0;
    for (const refused of REFUSED) {
      if (refused.path === true && mode === 'iam') {
        assert.equal((await refused.send(client) as { statusCode: number }).statusCode, 200, refused.what);
        sent++;
        continue;
      }
      await assert.rejects(refused.send(client), (e: unknown) => {
        assert.ok(e instanceof TypeError, `${refused.what}: ${String(e)}`);
        assert.match(e.message, refused.names, refused.what);
        if (refused.hidden !== undefined) assert.ok(!JSON.stringify({ m: e.message, s: e.stack }).includes(refused.hidden), `${refused.what}: the value is repeated`);
        return true;
      });
      assert.equal(connection._openRequests, 0, `${refused.what}: the request is still counted open`);
    }
    assert.equal(hits, sent, 'nothing refused was sent, and nothing retried');
    // the client still works, and closes
    assert.deepEqual((await client.info()).body, { ok: true });
    await client.close();
  });
}

for (const [mode, auth] of Object.entries(AUTHS)) {
  test(`${mode}: with two nodes, a request Node refuses marks no node dead`, async () => {
    const node = new URL(url());
    const client = createClient({ node: [node.href, `http://localhost:${node.port}/`], auth, allowInsecureHttp: true, retry: { retries: 2 } } as Parameters<typeof createClient>[0]);
    const pool = client.connectionPool as unknown as { dead: string[]; connections: Array<{ status: string }> };
    try {
      for (const refused of REFUSED) {
        if (refused.path === true && mode === 'iam') continue;
        for (let i = 0; i < 2; i++) await assert.rejects(refused.send(client), TypeError, refused.what);
        assert.deepEqual(pool.dead, [], `${refused.what}: a node was marked dead`);
        assert.ok(pool.connections.every((c) => c.status === 'alive'), refused.what);
      }
    } finally {
      await client.close();
    }
  });
}

test('headers the client sets itself are not refused up front: an undefined content-type or content-encoding, a content-length with a body, an iam signature header', async () => {
  const seen: Array<Record<string, string | string[] | undefined>> = [];
  const echo = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const node = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
  const none = createClient({ node, auth: { mode: 'none' } });
  const gzip = createClient({ node, auth: { mode: 'none' }, compression: true });
  const iam = createClient({ node, auth: AUTHS.iam, allowInsecureHttp: true } as Parameters<typeof createClient>[0]);
  try {
    const body = { query: { match_all: {} } };
    await none.search({ index: 'x', body }, { headers: { 'content-type': undefined as unknown as string } });
    assert.match(String(seen.at(-1)?.['content-type']), /json/);
    await none.search({ index: 'x', body }, { headers: { 'content-length': '1\n2' } });
    assert.match(String(seen.at(-1)?.['content-length']), /^\d+$/);
    await gzip.search({ index: 'x', body }, { headers: { 'content-encoding': undefined as unknown as string } });
    assert.equal(seen.at(-1)?.['content-encoding'], 'gzip');
    await iam.info({}, { headers: { 'x-amz-date': undefined as unknown as string, authorization: undefined as unknown as string } });
    assert.match(String(seen.at(-1)?.authorization), /^AWS4-HMAC-SHA256 /);
    assert.equal(seen.length, 4);
  } finally {
    await Promise.all([none.close(), gzip.close(), iam.close()]);
    echo.close();
  }
});

test('a header the client may set itself, given with a value Node refuses and kept (not replaced): TypeError naming it, no node marked dead', async () => {
  // opensearch-js keeps a caller's content-type; none mode keeps a caller's authorization; x-amz-* outside iam
  const cases: Array<{ auth: (typeof AUTHS)[keyof typeof AUTHS]; header: string }> = [
    { auth: AUTHS.none, header: 'content-type' },
    { auth: AUTHS.basic, header: 'content-type' },
    { auth: AUTHS.iam, header: 'content-type' },
    { auth: AUTHS.none, header: 'authorization' },
    { auth: AUTHS.basic, header: 'x-amz-meta-note' },
  ];
  const node = new URL(url());
  for (const { auth, header } of cases) {
    const client = createClient({ node: [node.href, `http://localhost:${node.port}/`], auth, allowInsecureHttp: true, retry: { retries: 2 } } as Parameters<typeof createClient>[0]);
    const pool = client.connectionPool as unknown as { dead: string[]; connections: Array<{ status: string }> };
    try {
      hits = 0;
      for (let i = 0; i < 3; i++) {
        await assert.rejects(client.search({ index: 'x', body: { query: { match_all: {} } } }, { headers: { [header]: 'kept-s3cret\nvalue' } }), (e: unknown) => {
          assert.ok(e instanceof TypeError, `${auth.mode} ${header}: ${String(e)}`);
          assert.match(e.message, new RegExp(`"${header}"`));
          assert.ok(!`${e.message}${e.stack}`.includes('kept-s3cret'), 'the value is repeated');
          return true;
        });
      }
      assert.equal(hits, 0, `${auth.mode} ${header}: sent`);
      assert.deepEqual(pool.dead, [], `${auth.mode} ${header}: a node was marked dead`);
      assert.ok(pool.connections.every((c) => c.status === 'alive'), `${auth.mode} ${header}`);
    } finally {
      await client.close();
    }
  }
});
