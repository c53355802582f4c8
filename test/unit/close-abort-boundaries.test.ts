/**
 * close(), abort() and the call's deadline landing exactly at an async boundary of a call (review of the class of
 * bug fixed in 37fb995: the outcome must not depend on which microtask, timer or await the event lands next to).
 * The README contract: close() lets the attempt in flight finish (its answer included) and starts no attempt after
 * it; a call sending or backing off ends with its last attempt's error; retry.maxElapsedMs: no attempt starts after
 * it (TimeoutError). Deterministic: the event is placed by a 'response' listener (emitted synchronously just before
 * the parent calls the attempt back) queueing a microtask, or by a credential provider that moves the clock.
 * No timed assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { ingest } from '../../src/ingest/ingest.js';
import { honest, startBulkStub } from '../support/bulk-stub.js';

type Answer = { status: number; body?: string; headers?: Record<string, string> };

async function startServer(answer: (n: number) => Answer): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    const n = hits++;
    req.resume();
    const a = answer(n);
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body ?? '{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const settle = (p: Promise<unknown>): Promise<unknown> => p.then((r) => r, (e: unknown) => e);
const describeOutcome = (out: unknown): string => (out instanceof Error ? `${out.name}: ${out.message}` : `status ${String((out as { statusCode?: unknown }).statusCode)}`);

// ---------------------------------------------------------------------------------------------------------------
// Mismatch 1: runResolved (src/retry/run.ts) re-checks the call's signal after a successful first attempt
// (`await attempt(1); o.signal?.throwIfAborted()`). close() landing in the microtasks between the attempt's answer
// (#done resolving) and that check aborts the signal with the NoLivingConnectionsError of a call "waiting for
// credentials": the answer of the attempt close() let finish is thrown away. Only on the policy path (first call of
// a client whose credentials are not cached yet, or any call after an expiry): the fast path returns the answer.
// ---------------------------------------------------------------------------------------------------------------

test('close() in the microtask after a policy-path attempt was answered 200: the call gets that answer (close() lets the attempt in flight finish)', { timeout: 10_000 }, async () => {
  const server = await startServer(() => ({ status: 200 }));
  // basic with a fixed password: the client's first call has no cached credentials and runs through the policy
  const client = createClient({ node: server.url, auth: { mode: 'basic', username: 'u', password: 'Pw-boundary-close-ok-1' } });
  let closed: Promise<void> | undefined;
  client.on('response', () => queueMicrotask(() => void (closed ??= client.close())));
  try {
    const out = await settle(client.info());
    assert.ok(!(out instanceof Error), `the attempt was answered 200 before close(), the call ended with ${describeOutcome(out)}`);
    assert.equal((out as { statusCode?: unknown }).statusCode, 200);
    assert.equal(server.hits(), 1);
    await closed;
  } finally {
    await server.close();
  }
});

test('(control, passes) close() in the microtask after a fast-path attempt was answered 200: the call gets that answer', { timeout: 10_000 }, async () => {
  const server = await startServer(() => ({ status: 200 }));
  const client = createClient({ node: server.url, auth: { mode: 'basic', username: 'u', password: 'Pw-boundary-close-ok-2' } });
  try {
    await client.info(); // caches the credentials: the next call takes the fast path
    let closed: Promise<void> | undefined;
    client.on('response', () => queueMicrotask(() => void (closed ??= client.close())));
    const out = await settle(client.info());
    assert.ok(!(out instanceof Error), describeOutcome(out));
    assert.equal((out as { statusCode?: unknown }).statusCode, 200);
    await closed;
  } finally {
    await server.close();
  }
});

test('ingest: close() in the microtask after the first bulk request was answered: its records are indexed, not failed as never sent', { timeout: 10_000 }, async () => {
  const stub = await startBulkStub((items, _n, s) => honest(items.map((i) => s.apply(i))));
  try {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'Pw-boundary-ingest-1' } });
    let closed: Promise<void> | undefined;
    client.on('response', () => queueMicrotask(() => void (closed ??= client.close())));
    const records = Array.from({ length: 5 }, (_, i) => ({ index: 'boundary-idx', id: `b${i}`, document: { n: i } }));
    const report = await ingest(client, records, { maxBatchCount: 10, concurrency: 1, retries: 2, minDelayMs: 1, maxDelayMs: 2 });
    await closed;
    assert.equal(stub.requests.length, 1);
    assert.equal(stub.store.size, 5, 'the server stored every record');
    for (const o of report.outcomes) assert.equal(o.status, 'indexed', `a record the server stored was reported ${JSON.stringify(o)}`);
  } finally {
    await stub.close();
  }
});

// The same window with abort(): on the policy path the answered call ended with RequestAbortedError, on the fast path
// it got its answer. An answer that arrived is returned on both (the request was carried out).
test('abort() in the microtask after a policy-path attempt was answered 200: same outcome as the fast path (the answer)', async () => {
  const server = await startServer(() => ({ status: 200 }));
  const client = createClient({ node: server.url, auth: { mode: 'basic', username: 'u', password: 'Pw-boundary-abort-ok-1' } });
  try {
    let call: (Promise<unknown> & { abort(): unknown }) | undefined;
    client.on('response', () => queueMicrotask(() => void call?.abort()));
    call = client.info();
    const out = await settle(call);
    assert.ok(!(out instanceof Error), describeOutcome(out));
  } finally {
    await client.close();
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Mismatch 2: #policyAttempt (src/client/transport-call.ts) checks the time left before the credential wait but not
// after it. Credentials arriving once maxElapsedMs has passed (before the wait's own timer fires) start an attempt
// anyway, with a 1 ms deadline: a request after retry.maxElapsedMs, which can even succeed.
// ---------------------------------------------------------------------------------------------------------------

test('credentials arriving after maxElapsedMs ran out (before the wait timer fired): no attempt is sent, the call ends with TimeoutError', { timeout: 10_000 }, async () => {
  const server = await startServer(() => ({ status: 200 }));
  const realNow = performance.now.bind(performance);
  let jump = 0;
  // the provider answers as the call's time runs out: the clock is 10 s later when the wait's continuation runs
  const password = async (): Promise<string> => {
    jump = 10_000;
    return 'Pw-boundary-late-credentials-1';
  };
  const client = createClient({ node: server.url, auth: { mode: 'basic', username: 'u', password }, retry: { retries: 2, maxElapsedMs: 5_000 } });
  let requests = 0;
  client.on('request', () => void requests++);
  performance.now = () => realNow() + jump;
  let out: unknown;
  try {
    out = await settle(client.info());
  } finally {
    performance.now = realNow;
  }
  try {
    assert.equal(requests, 0, `an attempt was started after retry.maxElapsedMs (the call ended with ${describeOutcome(out)})`);
    assert.ok(out instanceof errors.TimeoutError, describeOutcome(out));
  } finally {
    await client.close();
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Boundaries checked and found correct (not covered by the existing close/abort tests): these pass.
// ---------------------------------------------------------------------------------------------------------------

const CLOSE_AFTER_ANSWER = [
  { name: 'a fast-path 503 (while the policy loads p-retry): the call ends with that 503, nothing re-sent', auth: { mode: 'none' as const }, status: 503, body: '{"error":"busy","status":503}' },
  { name: 'a policy-path 404 (before the policy reads it): the call ends with that 404, not NoLivingConnectionsError', auth: { mode: 'basic' as const, username: 'u', password: 'Pw-boundary-close-404' }, status: 404, body: '{"error":{"type":"index_not_found_exception","reason":"no such index"},"status":404}' },
  { name: 'a policy-path 503 (retryable): the call ends with that 503, nothing re-sent', auth: { mode: 'basic' as const, username: 'u', password: 'Pw-boundary-close-503' }, status: 503, body: '{"error":"busy","status":503}' },
];

for (const c of CLOSE_AFTER_ANSWER) {
  test(`close() in the microtask after ${c.name}`, { timeout: 10_000 }, async () => {
    const server = await startServer(() => ({ status: c.status, body: c.body }));
    const client = createClient({ node: server.url, auth: c.auth, retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2 } });
    try {
      let closed: Promise<void> | undefined;
      client.on('response', () => queueMicrotask(() => void (closed ??= client.close())));
      const out = await settle(client.info());
      assert.ok(out instanceof errors.ResponseError, describeOutcome(out));
      assert.equal((out as { statusCode?: unknown }).statusCode, c.status);
      assert.equal(server.hits(), 1);
      await closed;
    } finally {
      await server.close();
    }
  });
}

test('close() in the microtask after credentials arrived (before the send): the call ends with NoLivingConnectionsError, nothing sent', { timeout: 10_000 }, async () => {
  const server = await startServer(() => ({ status: 200 }));
  let closed: Promise<void> | undefined;
  let close: () => void = () => undefined;
  const password = async (): Promise<string> => {
    queueMicrotask(() => close());
    return 'Pw-boundary-close-after-creds';
  };
  const client = createClient({ node: server.url, auth: { mode: 'basic', username: 'u', password } });
  close = () => void (closed ??= client.close());
  try {
    const out = await settle(client.info());
    assert.ok(out instanceof errors.NoLivingConnectionsError, describeOutcome(out));
    assert.equal(server.hits(), 0);
    await closed;
  } finally {
    await server.close();
  }
});

test('abort() in the microtask after credentials arrived (before the send): RequestAbortedError, nothing sent', { timeout: 10_000 }, async () => {
  const server = await startServer(() => ({ status: 200 }));
  let abort: () => void = () => undefined;
  const password = async (): Promise<string> => {
    queueMicrotask(() => abort());
    return 'Pw-boundary-abort-after-creds';
  };
  const client = createClient({ node: server.url, auth: { mode: 'basic', username: 'u', password } });
  try {
    const call = client.info();
    abort = () => void call.abort();
    const out = await settle(call);
    assert.ok(out instanceof errors.RequestAbortedError, describeOutcome(out));
    assert.equal(server.hits(), 0);
  } finally {
    await client.close();
    await server.close();
  }
});

test('retry.signal aborted in the microtask after a fast-path 503 (while the policy loads p-retry): RequestAbortedError, nothing re-sent', { timeout: 10_000 }, async () => {
  const server = await startServer(() => ({ status: 503, body: '{"error":"busy","status":503}' }));
  const controller = new AbortController();
  const client = createClient({ node: server.url, auth: { mode: 'none' }, retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2, signal: controller.signal } });
  try {
    client.on('response', () => queueMicrotask(() => controller.abort()));
    const out = await settle(client.info());
    assert.ok(out instanceof errors.RequestAbortedError, describeOutcome(out));
    assert.equal(server.hits(), 1);
  } finally {
    await client.close();
    await server.close();
  }
});

test('close() from onRetry with a zero back-off (no sleep: p-retry starts the next round within microtasks): the call ends with that 503, nothing re-sent', { timeout: 10_000 }, async () => {
  const server = await startServer(() => ({ status: 503, body: '{"error":"busy","status":503}' }));
  // minDelayMs 0: no back-off sleep, the next attempt follows within microtasks and p-retry's own zero-delay turn
  const client = createClient({ node: server.url, auth: { mode: 'none' }, retry: { retries: 1, minDelayMs: 0, maxDelayMs: 0, onRetry: () => void (closed ??= client.close()) } });
  let closed: Promise<void> | undefined;
  try {
    const out = await settle(client.info());
    assert.ok(out instanceof errors.ResponseError, describeOutcome(out));
    assert.equal((out as { statusCode?: unknown }).statusCode, 503);
    assert.equal(server.hits(), 1);
    await closed;
  } finally {
    await server.close();
  }
});
