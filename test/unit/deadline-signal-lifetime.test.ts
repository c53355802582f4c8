/**
 * deadlineSignal in a long-lived process (a Lambda container runs one invocation after another): with a
 * `signal` of the caller's that outlives the invocations (a shutdown signal), a combined signal the handler
 * dropped must not stay reachable from that signal nor keep its deadline's timer, and a combined signal still
 * held must keep working after garbage collection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { deadlineSignal } from '../../src/ingest/deadline.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Full collections with turns of the event loop between them, so that finalizers run. */
async function collect(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const longInvocation = { getRemainingTimeInMillis: () => 900_000 };

test('combined signals the handler dropped leave nothing on the caller\'s signal and release their memory', async () => {
  const shutdown = new AbortController();
  await collect();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 5000; i++) deadlineSignal(longInvocation, { signal: shutdown.signal });
  // all 5000 wait on the caller's signal through one shared listener while they live
  assert.equal(getEventListeners(shutdown.signal, 'abort').length, 1);
  await collect();
  assert.equal(getEventListeners(shutdown.signal, 'abort').length, 0, 'a dropped combined signal is still waited for');
  const grown = process.memoryUsage().heapUsed - before;
  // before the change each one kept ~3.7 KB (its deadline signal, timer and waits) until its deadline fired: ~18 MB
  assert.ok(grown < 4_000_000, `heap grew ${grown} bytes for 5000 dropped signals`);
});

test('a combined signal that is still held aborts at its deadline after garbage collection', async () => {
  const shutdown = new AbortController();
  const held = deadlineSignal({ getRemainingTimeInMillis: () => 2500 }, { marginMs: 1000, signal: shutdown.signal });
  await collect();
  assert.equal(held.aborted, false);
  // the deadline's timer does not keep the process alive: this one does while the test waits
  const keepAlive = setTimeout(() => undefined, 30_000);
  await new Promise<void>((resolve) => held.addEventListener('abort', () => resolve(), { once: true }));
  clearTimeout(keepAlive);
  assert.equal((held.reason as DOMException).name, 'TimeoutError');
  assert.equal(getEventListeners(shutdown.signal, 'abort').length, 0, 'the deadline ended the wait on the caller\'s signal');
});

test('a combined signal that is still held aborts with the caller\'s signal after garbage collection', async () => {
  const shutdown = new AbortController();
  const held = deadlineSignal(longInvocation, { signal: shutdown.signal });
  await collect();
  const reason = new Error('shutting down');
  shutdown.abort(reason);
  assert.equal(held.aborted, true);
  assert.equal(held.reason, reason);
});
