import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialCache, DEFAULT_TTL_MS } from '../../src/auth/credentials.js';
import { refreshBufferFor } from '../../src/auth/refresh-buffer.js';
import { CredentialsError } from '../../src/errors/classes.js';
import { createIamStrategy } from '../../src/auth/iam.js';
import { createBasicStrategy } from '../../src/auth/basic.js';
import type { AwsCredentialIdentity } from '../../src/auth/aws-credentials.js';

const MIN = 60_000;

/** The real setTimeout, captured before any test mocks the timers (a guard that mocked time cannot hold back). */
const realSetTimeout = globalThis.setTimeout;

/** One turn of the event loop (setImmediate is not among the mocked timers). */
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Records how `promise` settles; `state.done` stays false while it is pending. */
function watch(promise: Promise<unknown>): { done: boolean; value?: unknown; error?: unknown } {
  const state: { done: boolean; value?: unknown; error?: unknown } = { done: false };
  promise.then((value) => Object.assign(state, { done: true, value }), (error: unknown) => Object.assign(state, { done: true, error }));
  return state;
}

/** Waits (real time, at most `ms`) until `state` is settled; a guard for a wrong behaviour that would never end. */
async function settledWithin(state: { done: boolean }, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (!state.done && performance.now() < until) await new Promise((r) => realSetTimeout(r, 10));
  return state.done;
}

/** A provider handing out numbered credentials; `calls` counts invocations. */
function counter(expiresInMs: number | undefined, clock: { now: number }, delayMs = 5) {
  const state = { calls: 0 };
  const provider = async (): Promise<AwsCredentialIdentity> => {
    state.calls += 1;
    const n = state.calls;
    await new Promise((r) => setTimeout(r, delayMs));
    return {
      accessKeyId: `AKID${n}`,
      secretAccessKey: `secret${n}`,
      sessionToken: `token${n}`,
      ...(expiresInMs !== undefined ? { expiration: new Date(clock.now + expiresInMs) } : {}),
    };
  };
  return { state, provider };
}

describe('CredentialCache', () => {
  test('100 concurrent callers on an empty cache -> exactly one provider call, same value for all', async () => {
    const clock = { now: 1_000_000 };
    const { state, provider } = counter(60 * MIN, clock);
    const cache = new CredentialCache({ source: 'test', provider, expirationOf: (c) => c.expiration, now: () => clock.now });
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.get()));
    assert.equal(state.calls, 1);
    assert.ok(results.every((r) => r.value.accessKeyId === 'AKID1' && r.generation === 1));
  });

  test('1000 concurrent callers across an expiry -> exactly one more provider call', async () => {
    const clock = { now: 1_000_000 };
    const { state, provider } = counter(10 * MIN, clock);
    const cache = new CredentialCache({ source: 'test', provider, expirationOf: (c) => c.expiration, refreshBufferMs: 90_000, now: () => clock.now });
    await cache.get();
    clock.now += 10 * MIN + 1; // past expiry
    const results = await Promise.all(Array.from({ length: 1000 }, () => cache.get()));
    assert.equal(state.calls, 2);
    assert.ok(results.every((r) => r.value.accessKeyId === 'AKID2'));
    // No caller got a mix of keys: secret and token always belong to the access key.
    assert.ok(results.every((r) => r.value.secretAccessKey === 'secret2' && r.value.sessionToken === 'token2'));
  });

  test('refreshes before expiry: not before the buffer, then once inside it', async () => {
    const clock = { now: 5_000_000 };
    const { state, provider } = counter(15 * MIN, clock);
    const buffer = refreshBufferFor(30_000);
    assert.equal(buffer, 90_000);
    const cache = new CredentialCache({ source: 'test', provider, expirationOf: (c) => c.expiration, refreshBufferMs: buffer, now: () => clock.now });
    const first = await cache.get();
    const expiresAt = first.expiresAt ?? 0;
    clock.now = expiresAt - buffer - 1000; // 1 s before the buffer starts
    assert.equal((await cache.get()).generation, 1);
    assert.equal(state.calls, 1);
    clock.now = expiresAt - buffer + 1000; // inside the buffer, credentials still valid for 89 s
    const refreshed = await cache.get();
    assert.equal(state.calls, 2);
    assert.equal(refreshed.value.accessKeyId, 'AKID2');
    assert.ok(refreshed.expiresAt !== undefined && refreshed.expiresAt > expiresAt);
  });

  test('credentials without expiry are refreshed after the TTL (default 15 min)', async () => {
    const clock = { now: 0 };
    const { state, provider } = counter(undefined, clock);
    const cache = new CredentialCache({ source: 'test', provider, now: () => clock.now });
    assert.equal(DEFAULT_TTL_MS, 15 * MIN);
    await cache.get();
    clock.now = DEFAULT_TTL_MS - 1;
    await cache.get();
    assert.equal(state.calls, 1);
    clock.now = DEFAULT_TTL_MS + 1;
    const again = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    assert.equal(state.calls, 2);
    assert.ok(again.every((r) => r.value.accessKeyId === 'AKID2'));
  });

  test('a hanging provider surfaces as CredentialsError naming the source within the timeout', async (t) => {
    // Mocked clock: the wait ends exactly when 200 ms have passed on it, however slow the machine is.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const cache = new CredentialCache({ source: 'aws:credentials-provider', provider: () => new Promise<never>(() => undefined), timeoutMs: 200 });
    const got = watch(cache.get());
    await turn(); // the provider call and its timeout have started
    t.mock.timers.tick(199);
    await turn();
    assert.equal(got.done, false, 'still waiting at 199 ms');
    t.mock.timers.tick(1);
    await turn();
    assert.equal(got.done, true, 'ended at 200 ms');
    const error = got.error;
    assert.ok(error instanceof CredentialsError, String(error));
    assert.equal(error.source, 'aws:credentials-provider');
    assert.match(error.message, /did not answer within 200 ms/);
  });

  test('a failing provider surfaces as CredentialsError with the cause; the next call tries again', async () => {
    let calls = 0;
    const cache = new CredentialCache<string>({
      source: 'src-x',
      provider: async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return 'ok';
      },
    });
    await assert.rejects(cache.get(), (e: unknown) => e instanceof CredentialsError && e.source === 'src-x' && /boom/.test(e.message) && (e.cause as Error).message === 'boom');
    assert.equal((await cache.get()).value, 'ok');
    assert.equal(calls, 2);
  });

  test('a failed proactive refresh keeps the still-valid value and waits the retry interval', async () => {
    const clock = { now: 0 };
    let calls = 0;
    const cache = new CredentialCache<{ v: number; expiration: Date }>({
      source: 'flaky',
      provider: async () => {
        calls += 1;
        if (calls > 1 && calls < 4) throw new Error('sts down');
        return { v: calls, expiration: new Date(clock.now + 10 * MIN) };
      },
      expirationOf: (c) => c.expiration,
      refreshBufferMs: 2 * MIN,
      retryIntervalMs: 5_000,
      now: () => clock.now,
    });
    await cache.get();
    clock.now = 9 * MIN; // inside the buffer, not expired
    assert.equal((await cache.get()).value.v, 1); // refresh failed (call 2), old value still valid
    assert.equal(calls, 2);
    clock.now += 1000;
    assert.equal((await cache.get()).value.v, 1); // quiet period: no call
    assert.equal(calls, 2);
    clock.now += 5000;
    assert.equal((await cache.get()).value.v, 1); // call 3 fails again
    assert.equal(calls, 3);
    clock.now = 10 * MIN + 1; // expired: a failure is now an error... but call 4 succeeds
    assert.equal((await cache.get()).value.v, 4);
  });

  test('an expired value whose refresh fails is an error, not a stale answer', async () => {
    const clock = { now: 0 };
    let calls = 0;
    const cache = new CredentialCache<{ expiration: Date }>({
      source: 'gone',
      provider: async () => {
        calls += 1;
        if (calls > 1) throw new Error('no more');
        return { expiration: new Date(clock.now + MIN) };
      },
      expirationOf: (c) => c.expiration,
      refreshBufferMs: 1000,
      now: () => clock.now,
    });
    await cache.get();
    clock.now = 2 * MIN;
    await assert.rejects(cache.get(), CredentialsError);
  });

  test('forceRefresh: concurrent expired-token failures of one generation cause one provider call', async () => {
    const clock = { now: 0 };
    const { state, provider } = counter(60 * MIN, clock, 20);
    const cache = new CredentialCache({ source: 'test', provider, expirationOf: (c) => c.expiration, now: () => clock.now });
    const used = await cache.get();
    const refreshed = await Promise.all(Array.from({ length: 100 }, () => cache.forceRefresh(used.generation)));
    assert.equal(state.calls, 2);
    assert.ok(refreshed.every((r) => r.generation === 2));
    // A late failure report for generation 1 does not refresh again.
    await cache.forceRefresh(used.generation);
    assert.equal(state.calls, 2);
  });
});

describe('strategies over the cache', () => {
  test('iam: 100 concurrent authorize() -> one provider call; the signature uses that one credential', async () => {
    let calls = 0;
    const strategy = createIamStrategy({
      scope: { region: 'us-east-1', service: 'es' },
      credentials: async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 10));
        return { accessKeyId: `AKID${calls}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(Date.now() + 3600_000) };
      },
    });
    const authorizers = await Promise.all(Array.from({ length: 100 }, () => strategy.authorize()));
    assert.equal(calls, 1);
    const headers = authorizers[0]!.sign({ method: 'GET', host: 'h', path: '/', headers: {}, body: null }).headers;
    assert.match(headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKID1\//);
  });

  test('iam: the default chain is loaded lazily, once, and a hanging chain fails with the source named', async () => {
    let loads = 0;
    const strategy = createIamStrategy({
      scope: { region: 'us-east-1', service: 'es' },
      timeoutMs: 150,
      loadDefaultChain: async () => {
        loads += 1;
        return () => new Promise<never>(() => undefined);
      },
    });
    assert.equal(loads, 0, 'nothing loaded at creation');
    await assert.rejects(strategy.authorize(), (e: unknown) => e instanceof CredentialsError && e.source === 'aws:default-chain');
    assert.equal(loads, 1);
  });

  test('basic: a password provider is called once for any number of requests', async () => {
    let calls = 0;
    const strategy = createBasicStrategy({
      username: 'u',
      password: async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 10));
        return 'p@ss';
      },
    });
    const all = await Promise.all(Array.from({ length: 50 }, () => strategy.headersFor({ method: 'GET', host: 'h', path: '/', headers: {} })));
    await strategy.authorize();
    assert.equal(calls, 1);
    assert.ok(all.every((h) => h.authorization === `Basic ${Buffer.from('u:p@ss').toString('base64')}`));
  });

  test('basic: a failing password provider is a CredentialsError with source basic:password', async () => {
    const strategy = createBasicStrategy({ username: 'u', password: async () => Promise.reject(new Error('secrets manager down')) });
    await assert.rejects(strategy.authorize(), (e: unknown) => e instanceof CredentialsError && e.source === 'basic:password');
  });
});

describe('time bounds and hostile providers', () => {
  test('an aborted signal ends the wait on a hanging provider at once, with the signal reason', async (t) => {
    // Mocked clock, never advanced: the 1.5 s timeout cannot end the wait, only abort() can, and it must
    // do so at once (within the event loop's turn), whatever the machine's load.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const cache = new CredentialCache({ source: 'hang', provider: () => new Promise<never>(() => undefined), timeoutMs: 1500 });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const pending = watch(cache.get({ signal: controller.signal }));
    await turn();
    assert.equal(pending.done, false);
    controller.abort(reason);
    await turn();
    assert.equal(pending.done, true, 'ended at once');
    assert.equal(pending.error, reason);
    // An already-aborted signal rejects without waiting.
    await assert.rejects(cache.get({ signal: AbortSignal.abort(reason) }), (e: unknown) => e === reason);
  });

  test('abort through a strategy: iam authorize({ signal }) with a hanging provider ends at once', async (t) => {
    // Mocked clock, never advanced: only abort() can end the wait (see above).
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const strategy = createIamStrategy({ scope: { region: 'us-east-1', service: 'es' }, timeoutMs: 1500, credentials: () => new Promise<never>(() => undefined) });
    const controller = new AbortController();
    const pending = watch(strategy.authorize({ signal: controller.signal }));
    await turn();
    assert.equal(pending.done, false);
    controller.abort(new Error('stop'));
    await turn();
    assert.equal(pending.done, true, 'ended at once');
    assert.match(String(pending.error), /stop/);
  });

  test('one caller aborting does not fail the others sharing the provider call', async () => {
    let release: (v: string) => void = () => undefined;
    const cache = new CredentialCache<string>({ source: 's', provider: () => new Promise<string>((r) => (release = r)) });
    const controller = new AbortController();
    const aborted = cache.get({ signal: controller.signal });
    const other = cache.get();
    controller.abort(new Error('one'));
    await assert.rejects(aborted, /one/);
    release('value');
    assert.equal((await other).value, 'value');
  });

  test('already-expired credentials are never used: one immediate re-fetch, then CredentialsError', async () => {
    let calls = 0;
    const expiredThenFresh = createIamStrategy({
      scope: { region: 'us-east-1', service: 'es' },
      credentials: async () => {
        calls += 1;
        const expiration = new Date(Date.now() + (calls === 1 ? -60_000 : 3600_000));
        return { accessKeyId: `AKID${calls}`, secretAccessKey: 's', expiration };
      },
    });
    const signed = (await expiredThenFresh.authorize()).sign({ method: 'GET', host: 'h', path: '/', headers: {} });
    assert.equal(calls, 2);
    assert.match(signed.headers.authorization ?? '', /Credential=AKID2\//);

    let always = 0;
    const alwaysExpired = createIamStrategy({
      scope: { region: 'us-east-1', service: 'es' },
      credentials: async () => {
        always += 1;
        return { accessKeyId: 'AKIDOLD', secretAccessKey: 's', expiration: new Date(Date.now() - 1000) };
      },
    });
    await assert.rejects(alwaysExpired.authorize(), (e: unknown) => e instanceof CredentialsError && e.source === 'aws:credentials-provider' && /already expired/.test(e.message));
    assert.equal(always, 2);
  });

  test('a provider error carrying a session token: CredentialsError and its cause hold no secret (inspect, JSON, stack)', async () => {
    const { SecretSet } = await import('../../src/errors/secrets.js');
    const { inspect } = await import('node:util');
    const secrets = new SecretSet();
    const token = 'IQoJb3JpZ2luX2VjEHdummySessionToken0123456789abcdef';
    secrets.add(token);
    const cause = Object.assign(new Error(`sts refused token ${token}`), {
      sessionToken: token,
      $response: { headers: { 'x-amz-security-token': token }, body: `{"token":"${token}"}` },
      $metadata: { httpStatusCode: 403, requestId: 'req-1' },
    });
    const cache = new CredentialCache({ source: 'sts', provider: async () => Promise.reject(cause), secrets });
    const error = await cache.get().catch((e: unknown) => e);
    assert.ok(error instanceof CredentialsError);
    const rendered = [error.message, error.stack, inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error), inspect(error.cause, { depth: 10 })].join('\n');
    assert.ok(!rendered.includes(token), rendered);
    assert.ok(!rendered.includes(token.slice(0, 30)), 'no prefix of the token either');
    // What helps diagnosis stays: the cause's message shape and the AWS request id.
    assert.match(String((error.cause as Error).message), /sts refused token/);
    assert.equal((error.cause as { $metadata?: { requestId?: string } }).$metadata?.requestId, 'req-1');
  });

  test('strategies add the secrets they hold or fetch to the client set', async () => {
    const { SecretSet } = await import('../../src/errors/secrets.js');
    const { redactText } = await import('../../src/errors/redact.js');
    const secrets = new SecretSet();
    const iamStrategy = createIamStrategy({
      scope: { region: 'us-east-1', service: 'es' },
      secrets,
      credentials: async () => ({ accessKeyId: 'AKIDX', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/secretkey', sessionToken: 'FwoGZXIvYXdzEBYaDummyToken' }),
    });
    await iamStrategy.authorize();
    const basic = createBasicStrategy({ username: 'alice', password: async () => 'Pr0vided-Passw0rd' }, { secrets });
    await basic.authorize();
    const echoed = `key wJalrXUtnFEMI/K7MDENG/secretkey token FwoGZXIvYXdzEBYaDummyToken pw Pr0vided-Passw0rd b64 ${Buffer.from('alice:Pr0vided-Passw0rd').toString('base64')}`;
    const clean = redactText(echoed, secrets);
    for (const s of ['wJalrXUtnFEMI', 'FwoGZXIvYXdzEBYa', 'Pr0vided-Passw0rd', Buffer.from('alice:Pr0vided-Passw0rd').toString('base64')]) assert.ok(!clean.includes(s), clean);
  });
});

describe('through createClient', () => {
  test('abort() of a request waiting on a hanging credential provider ends it at once', async (t) => {
    const { createClient } = await import('../../src/client/create-client.js');
    // Mocked clock, never advanced: requestTimeoutMs and the provider timeout cannot end the call, only abort().
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let calls = 0;
    const client = createClient({
      node: 'https://127.0.0.1:9',
      requestTimeoutMs: 1500,
      auth: { mode: 'iam', region: 'us-east-1', credentials: () => { calls += 1; return new Promise<never>(() => undefined); } },
    });
    const pending = client.info();
    const state = watch(pending);
    for (let i = 0; i < 5 && calls === 0; i++) await turn();
    assert.equal(calls, 1, 'waiting on the provider');
    assert.equal(state.done, false);
    pending.abort();
    // the 5 s (real time) guard only ends a wrong run that would never settle on the frozen clock
    assert.equal(await settledWithin(state, 5_000), true, 'abort() ended the call');
    assert.equal((state.error as Error).name, 'RequestAbortedError', String(state.error));
    assert.equal(calls, 1);
  });

  test('a hanging provider is bounded by requestTimeoutMs: CredentialsError naming the source', async (t) => {
    const { createClient } = await import('../../src/client/create-client.js');
    // Mocked clock: the call ends when 300 ms have passed on it (not at the provider's own 30 s timeout).
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let calls = 0;
    const client = createClient({ node: 'https://127.0.0.1:9', requestTimeoutMs: 300, retry: { retries: 0 }, auth: { mode: 'iam', region: 'us-east-1', credentials: () => { calls += 1; return new Promise<never>(() => undefined); } } });
    const state = watch(client.info());
    for (let i = 0; i < 5 && calls === 0; i++) await turn();
    assert.equal(calls, 1, 'waiting on the provider');
    t.mock.timers.tick(299);
    await turn();
    assert.equal(state.done, false, 'still waiting at 299 ms');
    t.mock.timers.tick(1);
    assert.equal(await settledWithin(state, 5_000), true, 'ended at 300 ms');
    const error = state.error;
    assert.ok(error instanceof Error);
    assert.ok(error instanceof CredentialsError || /credential/i.test(error.message), String(error));
  });
});
