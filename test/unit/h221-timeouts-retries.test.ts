/**
 * One rule per concept (helper 221): a request timeout and a retry count are read by one checker each
 * (src/client/timeouts-retries.ts), whichever option carries them.
 * - our `...Ms` timeouts (createClient's and checkDomain's requestTimeoutMs): an integer from 1 to 2^31 - 1 ms;
 * - opensearch-js's `requestTimeout` (a child's, a call's): a number of ms above 0 or a string in the `ms` format, a
 *   value above 2^31 - 1 capped (as Node caps a socket timeout), anything else a ConfigError naming the option;
 * - retry counts (retry.retries, a call's maxRetries, ingest's and checkDomain's retries): an integer from 0 to 1000.
 * Failed before: checkDomain took 1500.5 ms and refused retries 101; a child refused '30s', 1500.5 and 2^31; a child
 * given `requestTimeout: undefined` expired every attempt at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { validateOptions } from '../../src/client/options.js';
import { checkDomain } from '../../src/diagnose/index.js';
import { resolveIngestOptions } from '../../src/ingest/options.js';
import { resolveRetryOptions } from '../../src/retry/options.js';
import { ConfigError } from '../../src/errors/classes.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
let delayMs = 0;
const AUTHINFO = { user: 'User [name=u]', user_name: 'u', backend_roles: [], roles: [], tenants: {} };

before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => (req.url.includes('/authinfo') ? { body: AUTHINFO } : { body: { ok: true }, delayMs });
});
after(() => stub.close());

/** The option a thrown ConfigError names, or 'accepted'; anything else fails the test. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.option;
  }
}

/** As outcome, for a call; a call that was sent and then failed (a 1 ms timeout expiring) was accepted. */
async function outcomeAsync(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'accepted';
  } catch (e) {
    if (e instanceof ConfigError) return e.option;
    assert.ok(e instanceof errors.TimeoutError, String(e));
    return 'accepted';
  }
}

const NUMBERS: unknown[] = [1, 2, 1500, 1500.5, 0.5, 2 ** 31 - 1, 2 ** 31 - 0.5, 2 ** 31, 2 ** 31 + 5, 2 ** 40, 0, -1, -0, Number.NaN,
  Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '30s', '1500', '', 'abc', '-1s', true, null, {}, [], 30000n];

describe('our ...Ms timeouts: createClient and checkDomain requestTimeoutMs follow one rule', () => {
  test('an integer from 1 to 2^31 - 1 ms, nothing else, at both', async () => {
    const plain = new Client({ node: stub.url });
    try {
      for (const value of NUMBERS) {
        const expected = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 2 ** 31 - 1;
        const created = outcome(() => validateOptions({ node: stub.url, auth: { mode: 'none' }, requestTimeoutMs: value as number }, {}));
        const probed = await outcomeAsync(() => checkDomain(plain, { requestTimeoutMs: value as number, account: false }));
        assert.equal(created, expected ? 'accepted' : 'requestTimeoutMs', `createClient ${String(value)}`);
        // was: checkDomain took 1500.5 and 2^31 - 0.5
        assert.equal(probed, created, `checkDomain ${String(value)}`);
      }
    } finally {
      await plain.close();
    }
  });

  test('the refusal names the rule at both', async () => {
    const plain = new Client({ node: stub.url });
    try {
      await assert.rejects(checkDomain(plain, { requestTimeoutMs: 1500.5 }), (e: unknown) => e instanceof ConfigError && /integer from 1 to 2147483647 ms/.test(e.message));
      assert.throws(() => validateOptions({ node: stub.url, auth: { mode: 'none' }, requestTimeoutMs: 1500.5 }, {}), (e: unknown) => e instanceof ConfigError && /integer from 1 to 2147483647 ms/.test(e.message));
    } finally {
      await plain.close();
    }
  });
});

describe("opensearch-js's requestTimeout: a child's and a call's follow one rule", () => {
  const usable = (value: unknown): boolean => typeof value === 'number' ? Number.isFinite(value) && value > 0 : value === '30s' || value === '1500';

  test('what opensearch-js takes is taken at both, the rest refused naming each option; null on a call is the client\'s value', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      for (const value of NUMBERS) {
        const child = outcome(() => client.child({ requestTimeout: value as number }));
        const sentBefore = stub.received.length;
        const call = await outcomeAsync(() => client.info({}, { requestTimeout: value as number }));
        // was: a child refused 1500.5, '30s', 2^31 and above
        assert.equal(child, usable(value) ? 'accepted' : 'child.requestTimeout', `child ${String(value)}`);
        if (value === null) assert.equal(call, 'accepted', 'null on a call');
        else assert.equal(call, usable(value) ? 'accepted' : 'options.requestTimeout', `call ${String(value)}`);
        if (call !== 'accepted') assert.equal(stub.received.length, sentBefore, 'nothing sent');
      }
    } finally {
      await client.close();
    }
  });

  test('a refused string is not repeated in the message', () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      assert.throws(() => client.child({ requestTimeout: 'Hunter2-Secret-h221' as never }), (e: unknown) => e instanceof ConfigError && !e.message.includes('Hunter2') && /duration such as '30s'/.test(e.message));
    } finally {
      void client.close();
    }
  });

  test("a child's string is its timeout ('100ms' cuts a 300 ms answer; '30s' waits for it)", async () => {
    delayMs = 300;
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      await assert.rejects(client.child({ requestTimeout: '100ms' as never }).info(), (e: unknown) => e instanceof errors.TimeoutError);
      const answer = await client.child({ requestTimeout: '30s' as never }).info();
      assert.equal(answer.statusCode, 200);
    } finally {
      delayMs = 0;
      await client.close();
    }
  });

  test("a child's timeout above 2^31 - 1 ms is capped: the call works, no TimeoutOverflowWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => { if (w.name === 'TimeoutOverflowWarning') warnings.push(w.message); };
    process.on('warning', onWarning);
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { maxElapsedMs: 2 ** 40 } });
    try {
      const answer = await client.child({ requestTimeout: 2 ** 40 }).info();
      assert.equal(answer.statusCode, 200);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, []);
    } finally {
      process.off('warning', onWarning);
      await client.close();
    }
  });

  test("a child given requestTimeout: undefined keeps the parent's timeout (was: every attempt expired at once)", async () => {
    delayMs = 50;
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      const answer = await client.child({ requestTimeout: undefined }).info();
      assert.equal(answer.statusCode, 200);
    } finally {
      delayMs = 0;
      await client.close();
    }
  });
});

describe('retry counts: one range (0 to 1000) at every option', () => {
  const COUNTS: unknown[] = [0, 1, 100, 101, 1000, 1001, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5', null, true];
  const expected = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000;

  test('retry.retries, a call\'s maxRetries, ingest\'s retries and checkDomain\'s retries accept and refuse the same values', async () => {
    const plain = new Client({ node: stub.url });
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      for (const value of COUNTS) {
        const ok = expected(value);
        assert.equal(outcome(() => resolveRetryOptions({ retries: value as number })), ok ? 'accepted' : 'retry.retries', `retry.retries ${String(value)}`);
        assert.equal(outcome(() => resolveIngestOptions({ retries: value })), ok ? 'accepted' : 'retries', `ingest retries ${String(value)}`);
        // was: checkDomain refused 101 and 1000
        assert.equal(await outcomeAsync(() => checkDomain(plain, { retries: value as number, account: false })), ok ? 'accepted' : 'retries', `checkDomain retries ${String(value)}`);
        // null on a call is the client's value, as in opensearch-js
        const call = await outcomeAsync(() => client.info({}, { maxRetries: value as number }));
        assert.equal(call, ok || value === null ? 'accepted' : 'options.maxRetries', `call maxRetries ${String(value)}`);
      }
    } finally {
      await plain.close();
      await client.close();
    }
  });

  test('each refusal states the one range', async () => {
    const plain = new Client({ node: stub.url });
    try {
      const range = (e: unknown): boolean => e instanceof ConfigError && /integer from 0 to 1000/.test(e.message);
      assert.throws(() => resolveRetryOptions({ retries: 1001 }), range);
      assert.throws(() => resolveIngestOptions({ retries: 1001 }), range);
      await assert.rejects(checkDomain(plain, { retries: 1001 }), range);
    } finally {
      await plain.close();
    }
  });
});
