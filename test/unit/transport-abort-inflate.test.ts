/**
 * abort() and the attempt's deadline end the call while a compressed answer is still being inflated (README "Time
 * is bounded": abort() ends the call at once, requestTimeoutMs bounds each whole attempt). The compressed bytes of a
 * large answer arrive at once and the inflation takes much longer; once they are all in, the response no longer
 * reports 'aborted', so abort() was ignored and the call resolved with a success later (as did an attempt past its
 * deadline). Found while probing the windows transport-hostile-fuzz's `gzipOk` answers open.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';

/** 64 MiB of JSON that gzip makes about 64 KB: it arrives in a moment and takes far longer to inflate. */
const BODY = gzipSync(Buffer.from(JSON.stringify({ pad: '0'.repeat(64 * 1024 * 1024) })));

/** Answers with BODY after `delayMs`; `flushed` resolves when the whole compressed answer was written. */
async function gzipServer(delayMs: number): Promise<{ url: string; flushed: Promise<void>; close(): Promise<void> }> {
  let done: () => void = () => undefined;
  const flushed = new Promise<void>((resolve) => (done = resolve));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length, 'content-encoding': 'gzip' });
      res.end(BODY, () => done());
    }, delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    flushed,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('abort() once the compressed answer is in, while it inflates: the call ends with RequestAbortedError, not a later success', async () => {
  const server = await gzipServer(0);
  const client = createClient({ node: server.url, auth: { mode: 'none' }, requestTimeoutMs: 30_000, retry: { retries: 2 } });
  try {
    const call = client.transport.request({ method: 'GET', path: '/i/_search' });
    const outcome = call.then((r) => r, (e: unknown) => e);
    await server.flushed;
    await new Promise((resolve) => setTimeout(resolve, 10)); // on loopback the bytes are in; the inflation is under way
    call.abort();
    const result = await outcome;
    assert.ok(result instanceof errors.RequestAbortedError, `${(result as object)?.constructor?.name}: ${String((result as { statusCode?: unknown }).statusCode ?? result)}`);
  } finally {
    await client.close();
    await server.close();
  }
});

test("the attempt's deadline passing while a compressed answer inflates ends it (TimeoutError), not a success past it", async () => {
  // the answer comes 250 ms after the request, the deadline 300 ms after it: inside the inflation
  const server = await gzipServer(250);
  const client = createClient({ node: server.url, auth: { mode: 'none' }, requestTimeoutMs: 300, retry: { retries: 0 } });
  try {
    const result = await client.transport.request({ method: 'GET', path: '/i/_search' }).then((r) => r, (e: unknown) => e);
    assert.ok(result instanceof errors.TimeoutError, `${(result as object)?.constructor?.name}: ${String((result as { statusCode?: unknown }).statusCode ?? result)}`);
  } finally {
    await client.close();
    await server.close();
  }
});
