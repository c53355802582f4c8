/**
 * The transport's success fast path hands a failed first attempt to runWithRetry (`firstFailure`):
 * a failure that is not retried ends without another attempt (annotated attempts 1), a retryable
 * one continues at attempt 2, and maxElapsedMs counts from `startedAt`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { runWithRetry } from '../../src/retry/index.js';

function responseError(status: number): Error {
  return new errors.ResponseError({ body: { error: { type: 'x', reason: `status ${status}` }, status }, statusCode: status, headers: {}, warnings: null, meta: {} } as never);
}

test('a first failure that is not retryable is thrown as is, with attempts 1, and no attempt runs', async () => {
  const calls: number[] = [];
  const error = await runWithRetry(async (n) => {
    calls.push(n);
    return 'never';
  }, { method: 'GET', path: '/x', firstFailure: { error: responseError(400) } }, { retries: 3, minDelayMs: 0 }).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof errors.ResponseError, String(error));
  assert.equal((error as { attempts?: number }).attempts, 1);
  assert.deepEqual(calls, []);
});

test('a retryable first failure continues at attempt 2 (the policy counts the fast attempt)', async () => {
  const calls: number[] = [];
  const seen: number[] = [];
  const result = await runWithRetry(async (n) => {
    calls.push(n);
    return `ok at ${n}`;
  }, { method: 'GET', path: '/x', firstFailure: { error: responseError(503) } }, { retries: 3, minDelayMs: 1, maxDelayMs: 2, onRetry: (info) => seen.push(info.attempt) });
  assert.equal(result, 'ok at 2');
  assert.deepEqual(calls, [2]);
  assert.deepEqual(seen, [1]);
});

test('retries: 0 ends a retryable first failure at once; maxElapsedMs counts from startedAt', async () => {
  let called = false;
  const noRetries = await runWithRetry(async () => {
    called = true;
    return 'x';
  }, { method: 'GET', path: '/x', firstFailure: { error: responseError(503) } }, { retries: 0 }).then(() => undefined, (e: unknown) => e);
  assert.equal((noRetries as { statusCode?: number }).statusCode, 503);
  assert.equal(called, false);
  const late = await runWithRetry(async () => {
    called = true;
    return 'x';
  }, { method: 'GET', path: '/x', firstFailure: { error: responseError(503) }, startedAt: performance.now() - 10_000 }, { retries: 3, minDelayMs: 50, maxElapsedMs: 5_000 }).then(() => undefined, (e: unknown) => e);
  assert.equal(called, false, 'no time left: no second attempt');
  assert.ok((late as { elapsedMs?: number }).elapsedMs !== undefined && (late as { elapsedMs: number }).elapsedMs >= 10_000);
});
