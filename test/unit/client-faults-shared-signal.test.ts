/**
 * One process-wide stop signal passed as `retry.signal` to many clients made one after another (a client per
 * invocation, tenant or job): a client waits on the signal only while it has a call in flight, and all of them
 * share one listener on it, so closed (or idle) clients leave none behind and Node prints no MaxListenersExceededWarning; the signal still
 * aborts the calls in flight. Runs against both majors (the matrix's opensearch-js 2.x leg).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import http from 'node:http';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { loopbackUrl } from '../support/loopback-client.js';

/** Answers at once, except /stall, which it never answers. */
const server = http.createServer((req, res) => {
  if (req.url?.startsWith('/stall') === true) return;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
const url = loopbackUrl(server);

const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

test('20 clients sharing a retry.signal, each used and closed, leave no listener and no warning; the signal still aborts calls in flight', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error): void => {
    warnings.push(w.name);
  };
  process.on('warning', onWarning);
  const shutdown = new AbortController();
  const baseline = listeners(shutdown.signal);
  try {
    for (let i = 0; i < 20; i++) {
      const client = createClient({ node: url(), auth: { mode: 'none' }, retry: { signal: shutdown.signal } });
      await client.transport.request({ method: 'GET', path: '/ok' });
      // two calls at once: still one listener for the client
      const both = Promise.all([client.transport.request({ method: 'GET', path: '/a' }), client.transport.request({ method: 'GET', path: '/b' })]);
      assert.equal(listeners(shutdown.signal), baseline + 1, 'one listener per client while calls are in flight');
      await both;
      await client.close();
    }
    // a warning is emitted on a later tick
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(listeners(shutdown.signal), baseline);
    assert.deepEqual(warnings, []);

    // the same signal aborts every call in flight, of every client, and then holds no listener of theirs
    const clients = [0, 1, 2].map(() => createClient({ node: url(), auth: { mode: 'none' }, retry: { signal: shutdown.signal } }));
    try {
      const calls = clients.flatMap((c) => [c.transport.request({ method: 'GET', path: '/stall/1' }), c.transport.request({ method: 'GET', path: '/stall/2' })]);
      // one listener of ours for the three clients (abort-listen.ts), however many calls wait
      assert.equal(listeners(shutdown.signal), baseline + 1);
      shutdown.abort();
      const outcomes = await Promise.allSettled(calls);
      for (const o of outcomes) assert.ok(o.status === 'rejected' && o.reason instanceof errors.RequestAbortedError, String(o.status === 'rejected' ? o.reason : o.status));
      assert.equal(listeners(shutdown.signal), baseline);
      // a call started after the abort is refused at once and adds none
      await assert.rejects(clients[0]!.transport.request({ method: 'GET', path: '/ok' }), errors.RequestAbortedError);
      assert.equal(listeners(shutdown.signal), baseline);
    } finally {
      for (const c of clients) await c.close();
    }
  } finally {
    process.off('warning', onWarning);
  }
});
