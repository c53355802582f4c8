/**
 * A node that answers and then resets the connection while the request is still being written: the answer stands,
 * nothing is printed (opensearch-js 3.x console.logs that error, on a CLI's --json stdout), and the process does
 * not die of an unhandled 'error' event (2.x leaves no listener). Runs against both majors (the matrix's 2.x leg).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/client/create-client.js';
import { errors } from '@opensearch-project/opensearch';

/** A raw TCP server: on the first bytes of each request it writes a whole 431 answer, then resets the socket. */
async function answerThenReset(): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.once('data', () => {
      const body = '{"error":"request header or body too large","status":431}';
      socket.write(`HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, () => {
        // give the client a moment to read the answer (200 ms: 20 failed on a loaded machine, the answer not yet read),
        // then RST while it is still writing its body (the server reads none of it: 32 MB never fit the socket buffers)
        setTimeout(() => socket.resetAndDestroy(), 200);
      });
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('an error after the answer is neither printed nor fatal; the answer is reported', async () => {
  const stub = await answerThenReset();
  const logged: unknown[][] = [];
  const uncaught: unknown[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    logged.push(args);
  };
  const onUncaught = (e: unknown): void => {
    uncaught.push(e);
  };
  process.on('uncaughtException', onUncaught);
  const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'Pw-after-response-1' }, allowInsecureTls: true, retry: { retries: 0 } });
  try {
    // 32 MB: still being written when the answer comes and the socket is reset
    const big = 'x'.repeat(32 * 1024 * 1024);
    let outcomes = 0;
    for (let i = 0; i < 3; i++) {
      await assert.rejects(client.index({ index: 'movies', body: { big } }), (e: unknown) => {
        outcomes += 1;
        // the node's answer, not the reset that followed it
        return e instanceof errors.ResponseError && e.statusCode === 431;
      });
    }
    assert.equal(outcomes, 3);
    // the reset reaches the request after its answer: let those events run
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    console.log = log;
    process.off('uncaughtException', onUncaught);
    await client.close();
    await stub.close();
  }
  assert.deepEqual(logged.map((args) => String(args[0])), [], 'nothing printed to stdout');
  assert.deepEqual(uncaught.map(String), [], 'no unhandled error event');
});
