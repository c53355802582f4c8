/**
 * `ingest` on a client that is closed before or during the run: nothing more is sent, no back-off is waited
 * for, and every record has one outcome: failed, kind `transport`, retryable (it never reached the server),
 * carrying the client's NoLivingConnectionsError. createClient's client and a plain opensearch-js Client alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, errors } from '@opensearch-project/opensearch';
import { ingest } from '../../src/ingest/ingest.js';
import { createClient } from '../../src/index.js';
import { honest, startBulkStub } from '../support/bulk-stub.js';

const records = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ index: 'closed-idx', id: `r${from + i}`, document: { n: from + i } }));

/** Every record failed because of the closed client, none of them counted as sent. */
function assertAllClosed(report: Awaited<ReturnType<typeof ingest>>, total: number): void {
  assert.equal(report.outcomes.length, total);
  for (const o of report.outcomes) {
    assert.equal(o.status, 'failed', JSON.stringify(o));
    if (o.status !== 'failed') continue;
    assert.equal(o.kind, 'transport');
    assert.equal(o.retryable, true);
    assert.equal(o.attempts, 0);
    assert.ok(o.error instanceof errors.NoLivingConnectionsError, String(o.error));
  }
  assert.equal(report.stats.failed, total);
  assert.equal(report.stats.bulkRequests, 0);
  assert.equal(report.stats.retries, 0);
}

// createClient's client: before, every chunk backed off through all its retries (about 22 s for 40 records)
test('createClient: ingest after close() sends nothing, waits for no back-off, fails every record retryable', { timeout: 8_000 }, async () => {
  const stub = await startBulkStub();
  try {
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    await client.close();
    const report = await ingest(client, records(40), { maxBatchCount: 5, retries: 5, minDelayMs: 1000, maxDelayMs: 5000 });
    assertAllClosed(report, 40);
    assert.equal(report.complete, true);
    assert.equal(stub.requests.length, 0);
  } finally {
    await stub.close();
  }
});

test('a plain opensearch-js Client: ingest after close() fails every record at once, nothing sent', { timeout: 8_000 }, async () => {
  const stub = await startBulkStub();
  try {
    const client = new Client({ node: stub.url });
    await client.close();
    const report = await ingest(client, records(12), { maxBatchCount: 4, retries: 5, minDelayMs: 1000, maxDelayMs: 5000 });
    assertAllClosed(report, 12);
    assert.equal(stub.requests.length, 0);
  } finally {
    await stub.close();
  }
});

test('close() while ingest runs: the request in flight is answered, nothing is sent after it, every record has one outcome', { timeout: 8_000 }, async () => {
  let close: (() => void) | undefined;
  const stub = await startBulkStub(async (items, n, s) => {
    // the first request is answered only after close() was called
    if (n === 0) await new Promise<void>((resolve) => { close = resolve; });
    return honest(items.map((i) => s.apply(i)));
  });
  try {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'Pw-ingest-closed-1' } });
    const run = ingest(client, records(30), { maxBatchCount: 10, concurrency: 1, retries: 5, minDelayMs: 1000, maxDelayMs: 5000 });
    while (close === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    const closed = client.close();
    close();
    const report = await run;
    await closed;
    assert.equal(stub.requests.length, 1);
    assert.equal(report.outcomes.length, 30);
    const indexed = report.outcomes.filter((o) => o.status === 'indexed').map((o) => o.position);
    assert.deepEqual(indexed, Array.from({ length: 10 }, (_, i) => i));
    for (const o of report.outcomes.slice(10)) {
      assert.ok(o.status === 'failed' && o.kind === 'transport' && o.retryable && o.error instanceof errors.NoLivingConnectionsError, JSON.stringify(o));
    }
    assert.equal(report.stats.bulkRequests, 1);
    assert.equal(report.stats.indexed + report.stats.failed, 30);
    assert.equal(report.complete, true);
  } finally {
    await stub.close();
  }
});

test('an async source on a closed client: reading stops, the records taken fail retryable, the report says it is not complete', { timeout: 8_000 }, async () => {
  const stub = await startBulkStub();
  let read = 0;
  async function* source() {
    for (let i = 0; i < 10_000; i++) {
      read++;
      yield records(1, i)[0]!;
    }
  }
  try {
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    await client.close();
    const report = await ingest(client, source(), { maxBatchCount: 5, concurrency: 1, retries: 5, minDelayMs: 1000 });
    assert.equal(report.complete, false);
    assert.ok(read < 10_000, `read ${read}`);
    assert.equal(report.outcomes.length, report.stats.total);
    assertAllClosed(report, report.stats.total);
    assert.equal(stub.requests.length, 0);
  } finally {
    await stub.close();
  }
});
