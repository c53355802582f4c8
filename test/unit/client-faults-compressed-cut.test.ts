/**
 * A gzip or deflate answer whose connection is cut (reset, close, half-close) after its headers or in the middle of
 * its body: the call rejects with a ConnectionError (what raw opensearch-js gives for it), once, and the process
 * lives on (the response guard's inflater used to re-emit the cut as an 'error' nobody listened to: an
 * uncaughtException). Runs against both majors (the matrix's opensearch-js 2.x leg; raw 2.x itself dies of the
 * reset cases, which the SDK's connection also covers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { deflateSync, gzipSync } from 'node:zlib';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';

type Encoding = 'gzip' | 'deflate';
type Cut = 'reset' | 'close' | 'half-close';
type Phase = 'after-headers' | 'mid-body';

const payload = Buffer.from(JSON.stringify({ hits: { hits: [] }, pad: 'x'.repeat(4000) }));
const encoded: Record<Encoding, Buffer> = { gzip: gzipSync(payload), deflate: deflateSync(payload) };

/** A raw TCP server that starts a compressed answer to every request and then cuts the connection. */
async function cuttingServer(encoding: Encoding, phase: Phase, cut: Cut): Promise<{ url: string; close(): Promise<void> }> {
  const body = encoded[encoding];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: ${encoding}\r\ncontent-length: ${body.length}\r\n\r\n`);
      if (phase === 'mid-body') socket.write(body.subarray(0, Math.floor(body.length / 2)));
      // the client reads the headers (and the half body) first, then the connection goes
      setTimeout(() => {
        if (cut === 'reset') socket.resetAndDestroy();
        else if (cut === 'close') socket.destroy();
        else socket.end();
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cases: Array<[Encoding, Phase, Cut]> = [];
for (const encoding of ['gzip', 'deflate'] as const) {
  for (const phase of ['after-headers', 'mid-body'] as const) {
    for (const cut of ['reset', 'close', 'half-close'] as const) cases.push([encoding, phase, cut]);
  }
}

test('a compressed answer cut off rejects the call with a ConnectionError, once, and nothing escapes', async (t) => {
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown): void => {
    uncaught.push(e);
  };
  process.on('uncaughtException', onUncaught);
  try {
    for (const [encoding, phase, cut] of cases) {
      await t.test(`${encoding}, ${phase}, ${cut}`, async () => {
        const stub = await cuttingServer(encoding, phase, cut);
        const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'Pw-faults-cut-1' }, retry: { retries: 0 } });
        try {
          for (const call of [() => client.transport.request({ method: 'GET', path: '/movies/_search' }), () => client.search({ index: 'movies' })]) {
            let outcomes = 0;
            await assert.rejects(call(), (e: unknown) => {
              outcomes += 1;
              return e instanceof errors.ConnectionError;
            });
            assert.equal(outcomes, 1);
          }
          // the response's own 'error' and the inflater's come after the rejection: let them run
          await new Promise((resolve) => setTimeout(resolve, 50));
        } finally {
          await client.close();
          await stub.close();
        }
        assert.deepEqual(uncaught.map(String), [], 'no unhandled error event');
      });
    }
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});
