/**
 * The security API's 409 CONFLICT retries use the SDK's one back-off (src/retry/backoff.ts: full-jitter
 * `computeDelay`, abortable `sleep`) and its one retry decision (src/retry/decision.ts), bounded by
 * `conflictAttempts`, `maxElapsedMs` and the caller's signal: an abort during a wait ends the call at
 * once, no listener is left on the signal, and bad options are ConfigErrors naming the option. Against a
 * loopback stub that answers every write with the plugin's 409 body.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@opensearch-project/opensearch';
import { ConfigError, SecurityApiError } from '../../src/errors/classes.js';
import { computeDelay } from '../../src/retry/backoff.js';
import { isConflictRetryable } from '../../src/retry/decision.js';
import { CONFLICT_DEFAULTS } from '../../src/security/conflict.js';
import { SecurityApi, type SecurityApiOptions } from '../../src/security/index.js';

/** Arrival time (ms) of every write the stub refused. */
let writes: number[] = [];

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET') {
      res.end(JSON.stringify({ r: { users: ['seed'], backend_roles: [], and_backend_roles: [], hosts: [] } }));
      return;
    }
    writes.push(performance.now());
    res.statusCode = 409;
    res.end(JSON.stringify({ status: 'CONFLICT', message: 'version conflict, required seqNo [1], primary term [1]. current document has seqNo [2] and primary term [1]' }));
  });
});

let client: Client;
const realRandom = Math.random;

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new Client({ node: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
afterEach(() => {
  Math.random = realRandom;
  writes = [];
});
after(async () => {
  await client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A SecurityApi that needs no `GET /` (flavour given). */
function api(options: SecurityApiOptions = {}): SecurityApi {
  return new SecurityApi(client, { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', settleMs: 0, ...options });
}

/** The real setTimeout, captured before any test mocks the timers. */
const realSetTimeout = globalThis.setTimeout;

/**
 * Math.random for the back-off (0.999: each wait near its cap) that aborts `controller` right after the wait
 * that follows refused write number `n` has started (the call is then inside sleep()), and at that moment
 * starts a real timer of `raceMs`. `arm(call)` resolves 'call' if `call` settles first, else 'timer': an
 * ordering fact, not a clock reading, so a slow machine delays both alike.
 */
function abortDuringWait(n: number, controller: AbortController, reason: unknown, raceMs: number): { arm: (call: Promise<unknown>) => Promise<'call' | 'timer' | 'no wait seen'> } {
  let armed: ((call: 'call' | 'timer' | 'no wait seen') => void) | undefined;
  let call: Promise<unknown> | undefined;
  const outcome = new Promise<'call' | 'timer' | 'no wait seen'>((resolve) => { armed = resolve; });
  let fired = false;
  Math.random = () => {
    // computeDelay reads random() just before sleep(); this microtask runs once sleep() has set its timer
    if (writes.length === n && !fired) {
      fired = true;
      queueMicrotask(() => {
        controller.abort(reason);
        const timer = realSetTimeout(() => armed?.('timer'), raceMs);
        void call?.then(() => { clearTimeout(timer); armed?.('call'); }, () => { clearTimeout(timer); armed?.('call'); });
      });
    }
    return 0.999;
  };
  return {
    arm: (c) => {
      call = c;
      // the call ended without the back-off ever reading random() after write n: nothing was aborted, a failure
      const ended = (): void => { if (!fired) armed?.('no wait seen'); };
      void c.then(ended, ended);
      return outcome;
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return assert.fail('expected a rejection');
}

describe('409 CONFLICT retries of the security API', () => {
  test('the decision is retry/decision.ts isConflictRetryable: the 409 is retried, the last one thrown typed', async () => {
    const err = await rejection(api({ conflictAttempts: 3 }).roles.put('r', { cluster_permissions: [] }));
    assert.ok(err instanceof SecurityApiError && err.statusCode === 409, String(err));
    assert.equal(isConflictRetryable(err), true);
    assert.equal(writes.length, 3);
  });

  test('the waits are computeDelay of retry/backoff.ts (full jitter over 25 ms x 2^n, capped at 1 s)', async () => {
    Math.random = () => 0.999;
    await rejection(api({ conflictAttempts: 5 }).roles.put('r', { cluster_permissions: [] }));
    assert.equal(writes.length, 5);
    for (let attempt = 1; attempt < writes.length; attempt++) {
      const expected = computeDelay(attempt, CONFLICT_DEFAULTS, undefined, () => 0.999);
      const waited = (writes[attempt] as number) - (writes[attempt - 1] as number);
      assert.ok(waited >= expected - 2, `wait after attempt ${attempt}: ${waited.toFixed(1)} ms, computeDelay says ${expected}`);
    }
  });

  test('with random() = 0 the same policy waits 0 ms (on a mocked clock that never advances)', async (t) => {
    // Every wait must end on tick(0): a wait of 1 ms or more never ends on this clock (the 12 attempts would
    // otherwise wait up to 6.6 s); the load of the machine cannot change that.
    Math.random = () => 0;
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let done = false;
    const call = rejection(api({ conflictAttempts: 12 }).roles.put('r', { cluster_permissions: [] })).finally(() => { done = true; });
    // a real-time guard, only for a wrong run that would never end on the mocked clock
    const until = performance.now() + 10_000;
    while (!done && performance.now() < until) {
      t.mock.timers.tick(0);
      await new Promise((r) => realSetTimeout(r, 2));
    }
    assert.equal(done, true, `stuck after ${writes.length} writes: a wait longer than 0 ms`);
    await call;
    assert.equal(writes.length, 12);
  });

  test('abort during a back-off wait ends the call at once with the abort reason; no listener is left', async () => {
    const controller = new AbortController();
    const reason = new Error('p12 caller gave up');
    // After the 6th refusal the wait is 799 ms; abort() comes once it has started. The call must settle before
    // a timer of 400 ms started at abort() fires; waiting out the back-off (ending ~400 ms after it) cannot.
    const race = abortDuringWait(6, controller, reason, 400);
    const security = api({ signal: controller.signal });
    const call = rejection(security.roles.put('r', { cluster_permissions: [] }));
    assert.equal(await race.arm(call), 'call', 'the call ended before the back-off wait would have');
    const err = await call;
    assert.equal(err, reason);
    const count = writes.length;
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(writes.length, count, 'no write after abort()');
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  test('abort also ends the role-mapping rounds (addUsers) and a signal already aborted sends nothing', async () => {
    const controller = new AbortController();
    // after the 5th refusal the wait is 399 ms: the call must settle before a 200 ms timer started at abort()
    const race = abortDuringWait(5, controller, undefined, 200);
    const call = rejection(api({ signal: controller.signal }).roleMappings.addUsers('r', ['alice']));
    assert.equal(await race.arm(call), 'call', 'the call ended before the back-off wait would have');
    const err = await call;
    assert.equal((err as Error).name, 'AbortError');
    writes = [];
    assert.equal(await rejection(api({ signal: controller.signal }).roles.delete('r')), controller.signal.reason);
    assert.equal(writes.length, 0);
  });

  test('many waits on one signal leave no listener behind (no MaxListenersExceededWarning)', async () => {
    Math.random = () => 0;
    const controller = new AbortController();
    const security = api({ signal: controller.signal, conflictAttempts: 15 });
    await Promise.all([1, 2, 3].map(() => rejection(security.tenants.put('t', {}))));
    assert.equal(writes.length, 45);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  test('maxElapsedMs bounds an operation: no retry starts after it', async () => {
    Math.random = () => 0.999;
    // Waits of 24, 49, 99, 199, 399, 799 ms...: within 1.5 s at most 6 attempts start (fewer on a slow machine);
    // without the bound all 12 default attempts would run (~6.6 s). No clock reading is asserted.
    const err = await rejection(api({ maxElapsedMs: 1_500 }).roles.put('r', { cluster_permissions: [] }));
    assert.ok(err instanceof SecurityApiError && err.statusCode === 409);
    assert.ok(writes.length >= 2 && writes.length <= 6, `${writes.length} attempts`);
    writes = [];
    const rounds = await rejection(api({ maxElapsedMs: 1_500 }).roleMappings.addUsers('r', ['bob']));
    const attempts = Number(/could not add users to role mapping 'r' in (\d+) attempts/.exec(String((rounds as Error).message))?.[1]);
    assert.ok(attempts >= 2 && attempts <= 6, String((rounds as Error).message));
  });

  test('bad options (and a missing client) are ConfigErrors naming the option', () => {
    const bad: Array<[SecurityApiOptions, string]> = [
      [{ conflictAttempts: Number.NaN }, 'conflictAttempts'],
      [{ conflictAttempts: -1 }, 'conflictAttempts'],
      [{ conflictAttempts: 1.5 }, 'conflictAttempts'],
      [{ conflictAttempts: '3' as unknown as number }, 'conflictAttempts'],
      [{ settleMs: -5 }, 'settleMs'],
      [{ maxElapsedMs: Number.POSITIVE_INFINITY }, 'maxElapsedMs'],
      [{ signal: 'stop' as unknown as AbortSignal }, 'signal'],
    ];
    bad.push(
      [{ prefix: '_security' as unknown as SecurityApiOptions['prefix'] }, 'prefix'],
      [{ userShape: 'users' as unknown as SecurityApiOptions['userShape'] }, 'userShape'],
      [{ dialect: 3 as unknown as SecurityApiOptions['dialect'] }, 'dialect'],
    );
    for (const [options, option] of bad) {
      assert.throws(() => api(options), (e: unknown) => e instanceof ConfigError && e.option === option, JSON.stringify(options));
    }
    for (const notAClient of [null, undefined, {}, { transport: {} }, 'http://localhost:9200']) {
      assert.throws(() => new SecurityApi(notAClient as unknown as Client), (e: unknown) => e instanceof ConfigError && e.option === 'client');
    }
    assert.throws(() => new SecurityApi(client, null as unknown as SecurityApiOptions), (e: unknown) => e instanceof ConfigError && e.option === 'options');
    assert.doesNotThrow(() => api({ conflictAttempts: 0, settleMs: 0, maxElapsedMs: 0 }));
  });
});
