/**
 * A wait for credentials that starts after its caller's signal already aborted leaves no unhandled
 * rejection. The transport asks for the one forced refresh after an expired-token 403 with the call's
 * signal, and that signal may have aborted by then (client.close() ends the call with its last failure,
 * another request of the same call gave up): the bounded wait then rejects at once without ever
 * handling the strategy's own promise, which rejects with the same reason. Under Node's default
 * `--unhandled-rejections=throw` that ended the process (found by credentials-hostile-fuzz, seed 46:
 * five concurrent requests refused as expired, close() when the server saw the first).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIamStrategy } from '../../src/auth/iam.js';
import { createBasicStrategy } from '../../src/auth/basic.js';
import { createClient } from '../../src/client/create-client.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
useRecordingStub((s) => { stub = s; });

/** Runs `body`, then a few turns of the event loop; returns the unhandled rejections seen meanwhile. */
async function unhandledDuring(body: () => Promise<void> | void): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (e: unknown): void => { seen.push(e); };
  process.on('unhandledRejection', listener);
  try {
    await body();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

const scope = { region: 'us-east-1', service: 'es' } as const;

test('onExpired() and authorize() with a signal that already aborted: the caller may drop the promise', async () => {
  const reason = new Error('the call ended');
  let calls = 0;
  const iam = createIamStrategy({ scope, credentials: async () => { calls += 1; return { accessKeyId: 'AKIDONE', secretAccessKey: 'secret-one-xxxx' }; } });
  const basic = createBasicStrategy({ username: 'u', password: async () => { calls += 1; return 'pw-one-xxxx'; } });
  await iam.authorize();
  const seen = await unhandledDuring(() => {
    // what a bounded wait does with an aborted signal: rejects at once and never looks at the promise
    void iam.onExpired?.(1, { signal: AbortSignal.abort(reason) });
    void basic.authorize({ signal: AbortSignal.abort(reason) });
  });
  assert.deepEqual(seen, []);
  assert.equal(calls, 1, 'a caller that already gave up starts no provider call');
  // a caller that awaits still gets the reason
  await assert.rejects(iam.onExpired?.(1, { signal: AbortSignal.abort(reason) }) ?? Promise.resolve(), (e: unknown) => e === reason);
  await assert.rejects(basic.authorize({ signal: AbortSignal.abort(reason) }), (e: unknown) => e === reason);
  assert.equal(calls, 1);
});

test('five concurrent requests refused as expired, close() when the server sees the first: every call ends, nothing unhandled', async () => {
  let calls = 0;
  const client = createClient({
    node: stub.url, requestTimeoutMs: 5_000,
    auth: { mode: 'iam', region: 'us-east-1', credentials: async () => { calls += 1; return { accessKeyId: `AKID${calls}`, secretAccessKey: `secret-${calls}-xxxx` }; } },
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 4 },
  });
  let closing: Promise<void> | undefined;
  stub.reply = () => {
    closing ??= client.close();
    return { status: 403, body: { message: 'The security token included in the request is expired' } };
  };
  let outcomes: unknown[] = [];
  const seen = await unhandledDuring(async () => {
    outcomes = await Promise.all(Array.from({ length: 5 }, () => client.info().then(() => 'ok', (e: unknown) => (e as Error).name)));
    await closing;
  });
  assert.deepEqual(seen.map((e) => (e as Error).name), []);
  assert.equal(outcomes.length, 5);
  assert.ok(outcomes.every((o) => o === 'ExpiredCredentialsError' || o === 'NoLivingConnectionsError'), String(outcomes));
});
