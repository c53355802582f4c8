/**
 * runWithRetry's abort: the caller's own abort reason is thrown as it is, the same object, untouched. It used to pass
 * through the error boundary, which redacts in place and annotates `attempts`/`elapsedMs`, so a reason of the caller's
 * was rewritten (fresh fuzz seeds 33, 35, 39 of options-hostile-fuzz). Whatever the point the abort is seen at: before
 * the first attempt, an attempt rejecting with the reason, or a wait between attempts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { runWithRetry } from '../../src/retry/index.js';
import { SecretSet } from '../../src/errors/secrets.js';

const SECRET = 'Caller-Secret-7f3k9q';

function callersReason(): { reason: Error; snapshot: () => string } {
  const reason = new Error(`shutting down (${SECRET})`);
  const taken = JSON.stringify(Reflect.ownKeys(reason).map((k) => [String(k), String((reason as unknown as Record<PropertyKey, unknown>)[k])]));
  return { reason, snapshot: () => taken === JSON.stringify(Reflect.ownKeys(reason).map((k) => [String(k), String((reason as unknown as Record<PropertyKey, unknown>)[k])])) ? 'same' : 'changed' };
}

const secrets = new SecretSet();
secrets.add(SECRET);
const ctx = { method: 'GET', path: '/_search', secrets };

test('aborted before the first attempt: the reason itself, unchanged, and no attempt made', async () => {
  const { reason, snapshot } = callersReason();
  const controller = new AbortController();
  controller.abort(reason);
  let attempts = 0;
  const thrown = await runWithRetry(async () => ++attempts, ctx, { signal: controller.signal }).then(() => undefined, (e: unknown) => e);
  assert.equal(thrown, reason);
  assert.equal(snapshot(), 'same');
  assert.equal(attempts, 0);
});

test('an attempt rejecting with the reason (aborted during it): the reason itself, unchanged', async () => {
  const { reason, snapshot } = callersReason();
  const controller = new AbortController();
  const thrown = await runWithRetry(async () => {
    controller.abort(reason);
    throw reason;
  }, ctx, { signal: controller.signal, retries: 3 }).then(() => undefined, (e: unknown) => e);
  assert.equal(thrown, reason);
  assert.equal(snapshot(), 'same');
});

test('aborted during the wait before a retry: the reason itself, unchanged', async () => {
  const { reason, snapshot } = callersReason();
  const controller = new AbortController();
  let attempts = 0;
  const failure = new errors.ConnectionError('connect ECONNREFUSED');
  // the delay is full jitter (random() x 2000 ms): abort 20 ms into it, or at its start when it is shorter than 40 ms
  // (about 1 run in 50; a fixed 20 ms timer then let the next attempt start first)
  const onRetry = ({ delayMs }: { delayMs: number }): void => {
    if (delayMs >= 40) setTimeout(() => controller.abort(reason), 20);
    else controller.abort(reason);
  };
  const thrown = await runWithRetry(async () => {
    attempts++;
    throw failure;
  }, ctx, { signal: controller.signal, retries: 5, minDelayMs: 2000, maxDelayMs: 2000, onRetry }).then(() => undefined, (e: unknown) => e);
  assert.equal(thrown, reason);
  assert.equal(snapshot(), 'same');
  assert.equal(attempts, 1);
});
