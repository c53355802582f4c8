/**
 * P2 class 6, time is bounded: requestTimeoutMs bounds a whole attempt (a server trickling a byte
 * every 300 ms fails at ~1 s, not after the 60 s the trickle lasts), retry.maxElapsedMs bounds the whole call, abort() ends everything at
 * once (a back-off wait, a hanging credential provider), and no abort listener is left behind
 * however many back-off rounds or requests share the caller's signal.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { answer, startRawStub, trickle, type RawStub } from '../support/raw-stub.js';

let slow: RawStub;
let busy: RawStub;
before(async () => {
  // The trickle lasts 60 s: a deadline that is not applied lets a call run far past the bounds below.
  slow = await startRawStub((_req, res) => trickle(res, 300, 60_000));
  busy = await startRawStub((_req, res) => answer(res, 503, { error: { type: 'unavailable', reason: 'busy' }, status: 503 }));
});
after(async () => {
  await slow.close();
  await busy.close();
});

const BASIC = { mode: 'basic' as const, username: 'u', password: 'time-test-password' };

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  try {
    await run();
    return { ms: performance.now() - started, error: undefined };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

describe('hostile time: every attempt has a hard deadline', () => {
  test('a response trickling one byte every 300 ms fails at ~1 s with requestTimeoutMs 1000 (search)', async () => {
    const client = createClient({ node: slow.url, auth: BASIC, requestTimeoutMs: 1000, retry: { retries: 0 } });
    const { ms, error } = await timed(() => client.search({ index: 'flights', body: { query: { match_all: {} } } }));
    assert.ok(error instanceof errors.TimeoutError, `expected TimeoutError, got ${String(error)}`);
    // not before the 1 s deadline; the 5 s bound only rules out a deadline not applied (the trickle lasts 60 s)
    assert.ok(ms >= 950 && ms < 5_000, `took ${Math.round(ms)} ms`);
    await client.close();
  });

  test('the same for a bulk write (not retried: it may have been applied)', async () => {
    const before = slow.received.length;
    const client = createClient({ node: slow.url, auth: BASIC, requestTimeoutMs: 700, retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2 } });
    const { ms, error } = await timed(() => client.bulk({ body: [{ index: { _index: 'x' } }, { a: 1 }] }));
    assert.ok(error instanceof errors.TimeoutError, String(error));
    // rules out the 60 s trickle running to its end (requestTimeoutMs not applied); a retry shows in `received`
    assert.ok(ms < 5_000, `took ${Math.round(ms)} ms`);
    assert.equal(slow.received.length - before, 1);
    await client.close();
  });

  test('retry.maxElapsedMs bounds the whole call, the attempt in flight included', async () => {
    const client = createClient({ node: slow.url, auth: BASIC, requestTimeoutMs: 30_000, retry: { retries: 5, maxElapsedMs: 800 } });
    const { ms, error } = await timed(() => client.info());
    assert.ok(error instanceof errors.TimeoutError, String(error));
    // not before the 800 ms budget; the 5 s bound rules out the attempt in flight running to requestTimeoutMs (30 s)
    assert.ok(ms >= 750 && ms < 5_000, `took ${Math.round(ms)} ms`);
    await client.close();
  });
});

describe('hostile time: abort() ends everything at once', () => {
  test('abort during a back-off wait rejects at once with RequestAbortedError', async () => {
    const realRandom = Math.random;
    Math.random = () => 0.999; // full jitter at its top: the back-off is ~30 s, not a random fraction of it
    try {
      const client = createClient({ node: busy.url, auth: BASIC, retry: { retries: 5, minDelayMs: 30_000, maxDelayMs: 30_000 } });
      const pending = client.info();
      await new Promise((r) => setTimeout(r, 300)); // the first 503 is in, the 30 s wait started
      const started = performance.now();
      pending.abort();
      await assert.rejects(pending, (e: unknown) => e instanceof errors.RequestAbortedError);
      // rules out waiting for the 30 s back-off; generous for a slow machine
      assert.ok(performance.now() - started < 5_000, `ended ${Math.round(performance.now() - started)} ms after abort()`);
      await client.close();
    } finally {
      Math.random = realRandom;
    }
  });

  test('abort while a credential provider hangs rejects at once (requestTimeoutMs is long)', async () => {
    const client = createClient({
      node: busy.url,
      auth: { mode: 'iam', region: 'us-east-1', credentials: () => new Promise<never>(() => undefined) },
      requestTimeoutMs: 30_000,
    });
    const pending = client.info();
    setTimeout(() => pending.abort(), 50);
    const { ms, error } = await timed(() => pending);
    assert.ok(error instanceof errors.RequestAbortedError, String(error));
    // rules out waiting for the provider (it never answers) until requestTimeoutMs or the provider timeout (30 s)
    assert.ok(ms < 5_000, `took ${Math.round(ms)} ms`);
  });

  test('a hanging credential provider cannot outlive retry.maxElapsedMs', async () => {
    const client = createClient({
      node: busy.url,
      auth: { mode: 'iam', region: 'us-east-1', credentials: () => new Promise<never>(() => undefined) },
      requestTimeoutMs: 30_000,
      retry: { maxElapsedMs: 400 },
    });
    const { ms, error } = await timed(() => client.info());
    assert.ok(error instanceof Error, String(error));
    // rules out waiting for requestTimeoutMs or the provider timeout (both 30 s) instead of the 400 ms budget
    assert.ok(ms < 5_000, `took ${Math.round(ms)} ms`);
  });

  test('abort while the response trickles ends the attempt at once', async () => {
    const client = createClient({ node: slow.url, auth: BASIC, requestTimeoutMs: 30_000 });
    const pending = client.info();
    setTimeout(() => pending.abort(), 400);
    const { ms, error } = await timed(() => pending);
    assert.ok(error instanceof errors.RequestAbortedError, String(error));
    // rules out the attempt running on until requestTimeoutMs (30 s) or the trickle's end (60 s)
    assert.ok(ms < 5_000, `took ${Math.round(ms)} ms`);
    await client.close();
  });
});

describe('hostile time: no listener leak', () => {
  test('20 back-off rounds and 30 concurrent requests on one caller signal: no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(`${w.name}: ${w.message}`);
    };
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const client = createClient({ node: busy.url, auth: BASIC, retry: { retries: 20, minDelayMs: 1, maxDelayMs: 2, signal: controller.signal } });
      await assert.rejects(client.info());
      await Promise.allSettled(Array.from({ length: 30 }, () => client.info({}, { maxRetries: 1 })));
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings.filter((w) => /MaxListeners|memory leak/i.test(w)), []);
      // The caller's signal still aborts what is in flight.
      const pending = client.info();
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(pending);
      await client.close();
    } finally {
      process.off('warning', onWarning);
    }
  });
});
