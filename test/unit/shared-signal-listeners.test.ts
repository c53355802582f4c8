/**
 * A caller's AbortSignal shared by many waits of ours (an ingest run with concurrency 16 under one deadline,
 * concurrent SecurityApi calls, runWithRetry calls backing off, clients sharing `retry.signal`) carries one
 * listener of ours, not one per wait: past ten, Node printed a MaxListenersExceededWarning on the caller's signal.
 * The abort still ends every wait, and none is left on the signal after the waits end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { getEventListeners } from 'node:events';
import { Client } from '@opensearch-project/opensearch';
import { onAbort } from '../../src/client/abort-listen.js';
import { createClient } from '../../src/client/create-client.js';
import { runWithRetry } from '../../src/retry/run.js';
import { ingest } from '../../src/ingest/ingest.js';
import { SecurityApi } from '../../src/security/api.js';
import { loopbackClient, loopbackUrl } from '../support/loopback-client.js';

const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

/** Collects process warnings while `run` runs. */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onWarning = (w: Error): void => void seen.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    await run();
    // warnings are emitted on the next tick
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return seen;
}

/** Answers after `release()`; counts requests waiting. */
let waitingRequests = 0;
let held: Array<() => void> = [];
const server = http.createServer((req, res) => {
  req.resume();
  waitingRequests++;
  held.push(() => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url?.includes('_bulk') ? '{"took":1,"errors":false,"items":[]}' : '{}');
  });
});
const rawClient = loopbackClient(server);
const url = loopbackUrl(http.createServer((_req, res) => res.writeHead(503, { 'retry-after': '1' }).end('{}')));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'timed out waiting for the condition');
}

test('onAbort: one listener per signal whatever the waits; callbacks run once, in order; a stopped wait does not run', () => {
  const controller = new AbortController();
  const ran: number[] = [];
  const stops = Array.from({ length: 40 }, (_, i) => onAbort(controller.signal, () => void ran.push(i)));
  assert.equal(listeners(controller.signal), 1);
  stops[3]!();
  stops[3]!();
  controller.abort();
  assert.deepEqual(ran, Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 3));
  stops[5]!(); // after the abort: nothing
  assert.equal(listeners(controller.signal), 0);
});

test('ingest with concurrency 16 under one caller signal: one listener on it, no warning, none left', async () => {
  const controller = new AbortController();
  const records = Array.from({ length: 64 }, (_, i) => ({ id: `d${i}`, index: 'shared-signal', document: { n: i } }));
  const warnings = await warningsDuring(async () => {
    waitingRequests = 0;
    const run = ingest(rawClient(), records, { maxBatchCount: 1, concurrency: 16, signal: controller.signal, outcomes: 'none' });
    await until(() => waitingRequests >= 16);
    assert.ok(listeners(controller.signal) <= 1, `${listeners(controller.signal)} listeners on the caller's signal`);
    controller.abort();
    const report = await run;
    assert.equal(report.stats.indexed, 0);
    for (const release of held) release();
    held = [];
  });
  assert.deepEqual(warnings.filter((w) => w.includes('MaxListeners')), []);
});

test('30 concurrent SecurityApi calls under one signal: one listener; the abort ends every call with its reason', async () => {
  const controller = new AbortController();
  const api = new SecurityApi(rawClient(), { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', signal: controller.signal });
  const warnings = await warningsDuring(async () => {
    waitingRequests = 0;
    const calls = Array.from({ length: 30 }, () => api.request('GET', 'authinfo').then(() => 'answered', (e: unknown) => e));
    await until(() => waitingRequests >= 30);
    assert.ok(listeners(controller.signal) <= 1, `${listeners(controller.signal)} listeners on the caller's signal`);
    const reason = new Error('stop all');
    controller.abort(reason);
    assert.deepEqual(new Set(await Promise.all(calls)), new Set([reason]));
    for (const release of held) release();
    held = [];
  });
  assert.deepEqual(warnings.filter((w) => w.includes('MaxListeners')), []);
});

test('50 runWithRetry calls backing off under one signal, and 20 clients sharing retry.signal: one listener each time', async () => {
  const controller = new AbortController();
  const warnings = await warningsDuring(async () => {
    // a raw client without retries of its own: each attempt's 503 is runWithRetry's to retry
    const raw = new Client({ node: url(), maxRetries: 0 });
    let failed = 0;
    const calls = Array.from({ length: 50 }, () => runWithRetry(async () => {
      failed++;
      return raw.info();
    }, { method: 'GET', path: '/' }, { retries: 3, minDelayMs: 5000, maxDelayMs: 5000, signal: controller.signal }).then(() => 'answered', (e: unknown) => e));
    await until(() => failed >= 50);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(listeners(controller.signal) <= 1, `${listeners(controller.signal)} listeners while 50 calls back off`);

    const clients = Array.from({ length: 20 }, () => createClient({ node: url(), auth: { mode: 'none' }, retry: { retries: 3, minDelayMs: 5000, maxDelayMs: 5000, signal: controller.signal } }));
    const clientCalls = clients.map((c) => c.info().then(() => 'answered', (e: unknown) => e));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(listeners(controller.signal) <= 1, `${listeners(controller.signal)} listeners while 20 clients retry`);
    controller.abort(new Error('deadline'));
    for (const outcome of await Promise.all(calls)) assert.ok(outcome instanceof Error && outcome.message === 'deadline', String(outcome));
    for (const outcome of await Promise.all(clientCalls)) assert.ok(outcome instanceof Error, String(outcome));
    await Promise.all([...clients.map((c) => c.close()), raw.close()]);
  });
  assert.deepEqual(warnings.filter((w) => w.includes('MaxListeners')), []);
  assert.equal(listeners(controller.signal), 0);
});

test('a signal shared by waits that ended keeps nothing of theirs: no listener once the last wait stopped', async () => {
  const controller = new AbortController();
  const stops = Array.from({ length: 100 }, () => onAbort(controller.signal, () => assert.fail('an ended wait ran')));
  assert.equal(listeners(controller.signal), 1);
  for (const stop of stops) stop();
  assert.equal(listeners(controller.signal), 0);
  let ran = 0;
  onAbort(controller.signal, () => void ran++);
  assert.equal(listeners(controller.signal), 1);
  controller.abort();
  assert.equal(ran, 1);
});
