/**
 * `client.close()` lets the attempt in flight finish (README "Time is bounded"), its body included: opensearch-js's
 * own close() waits for a request only until its response headers arrive and then destroys the agent under a body
 * still being read, so a call whose answer was arriving failed with "Response aborted while reading the body" (a
 * ConnectionError) for a request the server had answered. Found by transport-hostile-fuzz (I4, `close` seeds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';

type Answer = 'plain' | 'gzip' | 'trickle';

/** A server that sends its answer's headers and half its body at once, the rest `restAfterMs` later; `headersSent` resolves on the first part. */
async function halfNowServer(kind: Answer, restAfterMs: number): Promise<{ url: string; headersSent: Promise<void>; close(): Promise<void> }> {
  let sent: () => void = () => undefined;
  const headersSent = new Promise<void>((resolve) => (sent = resolve));
  const raw = Buffer.from(JSON.stringify({ hits: { total: 1, hits: [{ _id: 'a', _source: { note: 'x'.repeat(2000) } }] } }));
  const body = kind === 'gzip' ? gzipSync(raw) : raw;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (kind === 'trickle') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(' ', () => sent());
        const timer = setInterval(() => res.write(' '), 30);
        res.on('close', () => clearInterval(timer));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, ...(kind === 'gzip' ? { 'content-encoding': 'gzip' } : {}) });
      const cut = body.length >> 1;
      res.write(body.subarray(0, cut), () => sent());
      setTimeout(() => {
        if (!res.destroyed) res.end(body.subarray(cut));
      }, restAfterMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    headersSent,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

for (const kind of ['plain', 'gzip'] as const) {
  test(`close() while a ${kind} answer's body is arriving: the call gets the whole answer, then close() settles`, async () => {
    const server = await halfNowServer(kind, 150);
    const client = createClient({ node: server.url, auth: { mode: 'basic', username: 'u', password: 'Pw-close-body-1' }, requestTimeoutMs: 5_000, retry: { retries: 0 } });
    try {
      const call = client.transport.request({ method: 'GET', path: '/i/_search' }).then((r) => r, (e: unknown) => e);
      await server.headersSent;
      await new Promise((resolve) => setTimeout(resolve, 30)); // the headers are in: the body is being read
      let callDone = false;
      void call.then(() => void (callDone = true));
      await client.close();
      const result = await call;
      assert.ok(!(result instanceof Error), `the answer was cut: ${String(result)}`);
      assert.equal((result as { statusCode?: unknown }).statusCode, 200);
      assert.equal((result as { body: { hits: { total: number } } }).body.hits.total, 1);
      assert.ok(callDone, 'close() settled before the call it waited for');
    } finally {
      await server.close();
    }
  });
}

test('close() during a trickling answer: the attempt runs to its own deadline (TimeoutError), not cut by close()', async () => {
  const server = await halfNowServer('trickle', 0);
  const client = createClient({ node: server.url, auth: { mode: 'none' }, requestTimeoutMs: 400, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
  try {
    const call = client.transport.request({ method: 'GET', path: '/i/_search' }).then((r) => r, (e: unknown) => e);
    await server.headersSent;
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closed = client.close();
    const error = await call;
    assert.ok(error instanceof errors.TimeoutError, `${(error as Error)?.constructor?.name}: ${String(error)}`);
    await closed;
  } finally {
    await server.close();
  }
});
