/**
 * boundedWait (src/client/deadline.ts): a wait given up, whatever the reason, never leaves the
 * awaited work's later failure unhandled (an unhandled rejection ends a Node process).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedWait } from '../../src/client/deadline.js';

/** Runs `body`, then lets the event loop turn a few times, and returns the unhandled rejections seen meanwhile. */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    await body();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return seen;
}

/** A promise and the function that rejects it later. */
function later(): { promise: Promise<string>; fail: (error: Error) => void } {
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<string>((_, reject) => {
    fail = reject;
  });
  return { promise, fail };
}

test('a signal aborted before the wait: rejects with its reason, and the work failing later is not an unhandled rejection', async () => {
  const work = later();
  const controller = new AbortController();
  const reason = new Error('aborted first');
  controller.abort(reason);
  const seen = await unhandledDuring(async () => {
    await assert.rejects(boundedWait(work.promise, controller.signal, 1_000, () => new Error('timeout')), (error) => error === reason);
    work.fail(new Error('the work failed after its waiter left'));
  });
  assert.deepEqual(seen, []);
});

test('a signal aborted during the wait: rejects with its reason, and the work failing later is not an unhandled rejection', async () => {
  const work = later();
  const controller = new AbortController();
  const reason = new Error('aborted while waiting');
  const seen = await unhandledDuring(async () => {
    const waiting = boundedWait(work.promise, controller.signal, Number.POSITIVE_INFINITY, () => new Error('timeout'));
    controller.abort(reason);
    await assert.rejects(waiting, (error) => error === reason);
    work.fail(new Error('the work failed after its waiter left'));
  });
  assert.deepEqual(seen, []);
});

test('the budget running out: rejects with onTimeout(), and the work failing later is not an unhandled rejection', async () => {
  const work = later();
  const timeout = new Error('out of time');
  const seen = await unhandledDuring(async () => {
    await assert.rejects(boundedWait(work.promise, undefined, 1, () => timeout), (error) => error === timeout);
    work.fail(new Error('the work failed after its waiter left'));
  });
  assert.deepEqual(seen, []);
});

test('the work answering first: its value, and its failure as the rejection', async () => {
  assert.equal(await boundedWait(Promise.resolve('value'), new AbortController().signal, 1_000, () => new Error('timeout')), 'value');
  const failure = new Error('work failed');
  await assert.rejects(boundedWait(Promise.reject(failure), undefined, 1_000, () => new Error('timeout')), (error) => error === failure);
});
