/**
 * h244 (review 243): a frozen AbortSignal that has not aborted can never abort (Node records the abort on the signal
 * itself: its controller's abort() throws), so every `signal` option still refuses it, but the ConfigError says it is
 * frozen; it said "must be an AbortSignal, got an object" of an AbortSignal. A sealed one is named as sealed; an
 * object that is no AbortSignal is still "must be an AbortSignal"; a frozen signal that has aborted still works.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { ConfigError } from '../../src/errors/classes.js';
import { SecurityApi } from '../../src/security/api.js';
import { createClient } from '../../src/client/create-client.js';
import { ingest } from '../../src/ingest/ingest.js';
import { deadlineSignal } from '../../src/ingest/deadline.js';

const client = new Client({ node: 'http://127.0.0.1:9' });
const lambdaContext = { getRemainingTimeInMillis: () => 60_000 };

/** Each place a signal is accepted, as a function that throws (or rejects with) its refusal of `signal`. */
const SITES: Array<[string, string, (signal: unknown) => Promise<unknown>]> = [
  ['deadlineSignal', 'signal', async (signal) => deadlineSignal(lambdaContext, { signal: signal as AbortSignal })],
  ['SecurityApi', 'signal', async (signal) => new SecurityApi(client, { signal: signal as AbortSignal })],
  ['ingest', 'signal', async (signal) => ingest(client, [], { signal: signal as AbortSignal })],
  ['createClient retry', 'retry.signal', async (signal) => createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'none' }, allowInsecureHttp: true, retry: { signal: signal as AbortSignal } } as never)],
];

async function refusal(run: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e;
  }
  assert.fail('not refused');
}

test('a frozen signal that has not aborted: refused naming the option, the message says it is frozen (not "got an object")', async () => {
  // the premise: it can never abort
  const controller = new AbortController();
  Object.freeze(controller.signal);
  assert.throws(() => controller.abort(), TypeError);
  assert.equal(controller.signal.aborted, false);
  for (const [site, option, run] of SITES) {
    const e = await refusal(() => run(Object.freeze(new AbortController().signal)));
    assert.equal(e.option, option, site);
    assert.match(e.message, /is a frozen AbortSignal that has not aborted: it can never abort/, site);
    assert.doesNotMatch(e.message, /got an object|must be an AbortSignal/, site);
  }
});

test('a sealed (not extensible) signal is named as such; what is no AbortSignal is still "must be an AbortSignal"', async () => {
  for (const [site, option, run] of SITES) {
    const sealed = await refusal(() => run(Object.seal(new AbortController().signal)));
    assert.equal(sealed.option, option, site);
    assert.match(sealed.message, /is a sealed \(not extensible\) AbortSignal that has not aborted/, site);
    const lookAlike = await refusal(() => run({ aborted: false, addEventListener() {}, removeEventListener() {} }));
    assert.match(lookAlike.message, /must be an AbortSignal, got /, site);
  }
});

test('a frozen signal that has aborted is accepted wherever a signal is', async () => {
  const stopped = (): AbortSignal => Object.freeze(AbortSignal.abort(new Error('caller stop')));
  assert.equal((deadlineSignal(lambdaContext, { signal: stopped() }).reason as Error).message, 'caller stop');
  assert.ok(new SecurityApi(client, { signal: stopped() }) instanceof SecurityApi);
  const report = await ingest(client, [], { signal: stopped() });
  assert.equal(report.stats.total, 0);
  const c = createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'none' }, allowInsecureHttp: true, retry: { signal: stopped() } } as never);
  await c.close();
});
