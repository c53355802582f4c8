/**
 * `ingest` inputs (arrays, iterables, async iterables, read lazily), its signal (cancels the bulk
 * request in flight, deadline from a Lambda context) and the SQS FIFO mode, over a loopback stub.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { ingest } from '../../src/ingest/ingest.js';
import { deadlineSignal } from '../../src/ingest/deadline.js';
import { IngestSourceError } from '../../src/ingest/errors.js';
import { ConfigError } from '../../src/errors/classes.js';
import { toBatchItemFailures } from '../../src/ingest/adapters.js';
import type { IngestOutcome, IngestRecord } from '../../src/ingest/types.js';
import { createClient } from '../../src/index.js';
import { honest, startBulkStub, type BulkStub } from '../support/bulk-stub.js';

let stub: BulkStub;
let client: Client;
before(async () => {
  stub = await startBulkStub();
  client = new Client({ node: stub.url, maxRetries: 0 });
});
after(async () => {
  await client.close();
  await stub.close();
});

function reset(plan: BulkStub['plan'] = (items, _k, s) => honest(items.map((i) => s.apply(i)))): void {
  stub.store.clear();
  stub.requests.length = 0;
  stub.plan = plan;
}

const view = (o: IngestOutcome): string => (o.status === 'indexed' ? `${o.key}:ok` : `${o.key}:${o.kind}`);

describe('inputs', () => {
  test('a generator, a Set and an async generator give the same outcomes as an array', async () => {
    const make = (i: number): IngestRecord => ({ index: 's', id: `i${i}`, document: { i }, key: `k${i}` });
    const array = Array.from({ length: 25 }, (_, i) => make(i));
    function* gen(): Generator<IngestRecord> { for (let i = 0; i < 25; i++) yield make(i); }
    async function* agen(): AsyncGenerator<IngestRecord> { for (let i = 0; i < 25; i++) { await new Promise((r) => setImmediate(r)); yield make(i); } }
    const expected = array.map((r) => `${r.key}:ok`);
    for (const input of [array, gen(), new Set(array), agen()]) {
      reset();
      const report = await ingest(client, input, { maxBatchCount: 7 });
      assert.deepEqual(report.outcomes.map(view), expected);
      assert.equal(report.complete, true);
      assert.equal(stub.store.size, 25);
      assert.equal(stub.requests.length, 4);
    }
  });

  test('an async iterable is read lazily: never more than concurrency + 1 chunks ahead of the answers', async () => {
    let read = 0;
    let maxAhead = 0;
    let answered = 0;
    reset(async (items, _k, s) => {
      await new Promise((r) => setTimeout(r, 5));
      answered += items.length;
      return honest(items.map((i) => s.apply(i)));
    });
    async function* source(): AsyncGenerator<IngestRecord> {
      for (let i = 0; i < 400; i++) {
        read++;
        maxAhead = Math.max(maxAhead, read - answered);
        yield { index: 's', document: { i } };
      }
    }
    const report = await ingest(client, source(), { maxBatchCount: 10, concurrency: 2 });
    assert.equal(report.stats.indexed, 400);
    assert.ok(maxAhead <= 10 * (2 + 1) + 1, `read ${maxAhead} records ahead of the answers`);
  });

  test('outcomes: failed keeps only failures; onOutcome sees every record once', async () => {
    reset((items, _k, s) => honest(items.map((i) => s.apply(i, i.id.endsWith('3') ? 'mapping400' : 'ok'))));
    const seen: number[] = [];
    const report = await ingest(client, Array.from({ length: 40 }, (_, i) => ({ index: 's', id: `x${i}`, document: {} })),
      { outcomes: 'failed', onOutcome: (o) => seen.push(o.position), maxBatchCount: 9 });
    assert.deepEqual(report.outcomes.map((o) => o.id), ['x3', 'x13', 'x23', 'x33']);
    assert.deepEqual(seen.sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
    assert.equal(report.stats.total, 40);
  });

  test('an input that throws: IngestSourceError after every record taken has its outcome', async () => {
    reset();
    function* broken(): Generator<IngestRecord> {
      for (let i = 0; i < 12; i++) yield { index: 's', id: `b${i}`, document: {} };
      throw new Error('disk gone');
    }
    await assert.rejects(ingest(client, broken(), { maxBatchCount: 5 }), (e: unknown) => {
      assert.ok(e instanceof IngestSourceError);
      assert.equal((e.cause as Error).message, 'disk gone');
      assert.equal(e.report.outcomes.length, 12);
      assert.ok(e.report.outcomes.every((o) => o.status === 'indexed'));
      return true;
    });
    assert.equal(stub.store.size, 12, 'the records taken were still sent');
  });
});

describe('signal and deadline', () => {
  test('abort cancels the bulk request in flight; its records and the unsent ones fail `aborted`, retryable', async () => {
    reset((_items, k) => (k === 0 ? { kind: 'hang' } : { kind: 'hang' }));
    const controller = new AbortController();
    const t0 = Date.now();
    setTimeout(() => controller.abort(), 150);
    const records = Array.from({ length: 30 }, (_, i) => ({ index: 's', id: `a${i}`, document: {}, key: `k${i}` }));
    const report = await ingest(client, records, { signal: controller.signal, maxBatchCount: 10, concurrency: 1 });
    // the request hangs until the client's 30 s requestTimeout: only not honouring the abort exceeds this
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    assert.equal(report.outcomes.length, 30);
    assert.ok(report.outcomes.every((o) => o.status === 'failed' && o.kind === 'aborted' && o.retryable));
    const first = report.outcomes[0]!;
    assert.ok(first.status === 'failed' && (first.error as { inFlight?: boolean }).inFlight === true && first.attempts === 1);
    const last = report.outcomes[29]!;
    assert.ok(last.status === 'failed' && (last.error as { inFlight?: boolean }).inFlight === false && last.attempts === 0);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(stub.requests.length, 1, 'nothing sent after the abort');
    assert.equal(stub.clientClosed, 1, 'the request in flight was cut (its connection closed)');
    assert.deepEqual(toBatchItemFailures(report.outcomes).batchItemFailures.length, 30);
  });

  test("the client's own abort (createClient retry.signal) ends ingest too: records `aborted`, not retried", async () => {
    reset(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const sdk = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { signal: controller.signal } });
    setTimeout(() => controller.abort(), 100);
    const t0 = Date.now();
    const report = await ingest(sdk, [{ index: 's', id: 'x1', document: {} }, { index: 's', id: 'x2', document: {} }], { minDelayMs: 0, maxDelayMs: 1 });
    await sdk.close();
    // the request hangs until requestTimeoutMs (30 s by default): only not honouring the abort exceeds this
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(report.outcomes.map((o) => o.status === 'failed' && `${o.kind}:${o.retryable}:${o.attempts}`), ['aborted:true:1', 'aborted:true:1']);
    assert.equal(stub.requests.length, 1);
  });

  test('deadlineSignal from a Lambda context: records not acknowledged by then fail `deadline`', async () => {
    reset(async (items, k, s) => (k >= 2 ? { kind: 'hang' } : honest(items.map((i) => s.apply(i)))));
    // the deadline is 1 400 - 400 = 1 000 ms away: ample time for the two answered requests on a slow machine
    const context = { getRemainingTimeInMillis: () => 1_400 };
    const t0 = Date.now();
    const report = await ingest(client, Array.from({ length: 50 }, (_, i) => ({ index: 's', document: { i } })),
      { signal: deadlineSignal(context, { marginMs: 400 }), maxBatchCount: 10, concurrency: 1 });
    const elapsed = Date.now() - t0;
    // not before the deadline; the upper bound only rules out the hung request running to the client's 30 s timeout
    assert.ok(elapsed >= 950 && elapsed < 10_000, `stopped after ${elapsed} ms`);
    assert.ok(report.stats.indexed <= 20, 'only the two answered requests can have indexed records');
    assert.equal(report.stats.failuresByKind.deadline, 50 - report.stats.indexed);
    // normally 3 (the third hung until the deadline); never more: nothing is sent after the deadline
    assert.ok(stub.requests.length >= 1 && stub.requests.length <= 3, `${stub.requests.length} requests; nothing may be sent after the hung third one`);
    assert.ok(report.outcomes.every((o) => o.status === 'indexed' || (o.kind === 'deadline' && o.retryable)));
  });

  test('deadlineSignal: already past, validation, and a second signal', () => {
    assert.equal(deadlineSignal({ getRemainingTimeInMillis: () => 500 }, { marginMs: 1000 }).aborted, true);
    assert.equal(deadlineSignal({ getRemainingTimeInMillis: () => 5000 }).aborted, false);
    assert.throws(() => deadlineSignal({} as never), (e: unknown) => (e as { option?: string }).option === 'context');
    assert.throws(() => deadlineSignal({ getRemainingTimeInMillis: () => 1 }, { marginMs: -1 }), (e: unknown) => (e as { option?: string }).option === 'marginMs');
    // hostile values: a ConfigError naming the option, never a TypeError from deeper down
    const refusals: Array<[() => unknown, string]> = [
      [() => deadlineSignal({ getRemainingTimeInMillis: () => 1000 }, { signal: {} as never }), 'signal'],
      [() => deadlineSignal({ getRemainingTimeInMillis: () => 1000 }, { signal: null as never }), 'signal'],
      [() => deadlineSignal({ getRemainingTimeInMillis: () => 1000 }, { marginMs: Object.create(null) as never }), 'marginMs'],
      [() => deadlineSignal({ getRemainingTimeInMillis: () => Object.create(null) as never }), 'context'],
      [() => deadlineSignal({ getRemainingTimeInMillis: () => 1000 }, 'fast' as never), 'options'],
    ];
    for (const [call, option] of refusals) {
      assert.throws(call, (e: unknown) => e instanceof ConfigError && e.option === option, option);
    }
    const c = new AbortController();
    const s = deadlineSignal({ getRemainingTimeInMillis: () => 60_000 }, { signal: c.signal });
    c.abort();
    assert.equal(s.aborted, true);
  });

  test('an aborted infinite async source ends ingest; `complete` is false', async () => {
    reset();
    const controller = new AbortController();
    let slowReadEnded = false;
    async function* endless(): AsyncGenerator<IngestRecord> {
      for (let i = 0; ; i++) {
        // From record 35 on the source is slow (30 s a record); the abort comes while ingest waits for it.
        if (i >= 35) {
          await new Promise((r) => setTimeout(r, 30_000).unref());
          slowReadEnded = true;
        }
        yield { index: 's', document: { i } };
      }
    }
    const report = await ingest(client, endless(), { signal: controller.signal, maxBatchCount: 10,
      onProgress: (s) => { if (s.indexed >= 30) controller.abort(); } });
    // an ordering fact, not a clock reading: ingest returned while the source was still inside its 30 s wait
    assert.equal(slowReadEnded, false, 'ingest waited for the slow source instead of ending at the abort');
    assert.equal(report.complete, false);
    assert.equal(report.outcomes.length, report.stats.total);
    assert.equal(report.stats.indexed, 30);
    assert.equal(report.stats.failuresByKind.aborted, 5);
  });

  test('a response trickling past requestTimeoutMs ends at the deadline (createClient), records failed and retryable', async () => {
    reset((items, _k, s) => ({ kind: 'trickle', text: JSON.stringify(honest(items.map((i) => s.apply(i))) as object), everyMs: 100 }));
    const sdk = createClient({ node: stub.url, auth: { mode: 'none' }, requestTimeoutMs: 400, retry: { retries: 0 } });
    const t0 = Date.now();
    const report = await ingest(sdk, [{ index: 's', id: 't1', document: {} }], { retries: 0 });
    await sdk.close();
    // the trickled body (139 bytes) takes ~14 s (one byte every 100 ms): only a deadline not applied to the whole response exceeds this
    assert.ok(Date.now() - t0 < 5_000, `took ${Date.now() - t0} ms`);
    const o = report.outcomes[0]!;
    assert.ok(o.status === 'failed' && o.kind === 'transport' && o.retryable, view(o));
  });

  test('many retry rounds on one signal leave no abort listener behind', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => { warnings.push(w.name); };
    process.on('warning', onWarning);
    reset((items, _k, s) => honest(items.map((i) => s.apply(i, 'reject429'))));
    const controller = new AbortController();
    const report = await ingest(client, [{ index: 's', document: {} }], { signal: controller.signal, retries: 30, minDelayMs: 0, maxDelayMs: 1 });
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    assert.equal(report.outcomes[0]!.status === 'failed' && report.outcomes[0]!.attempts, 31);
    assert.deepEqual(warnings.filter((w) => w === 'MaxListenersExceededWarning'), []);
  });
});

describe('fifo mode (SQS FIFO)', () => {
  /** A message record; `valid: false` leaves out its document (an unparsable body). */
  const msg = (id: string, groupId: string, valid = true): IngestRecord => ({ index: 'f', id, key: id, groupId, ...(valid ? { document: { v: id } } : {}) });

  test('after a failure in a group, its later messages fail too; other groups are untouched', async () => {
    reset((items, _k, s) => honest(items.map((i) => s.apply(i, i.id === 'a2' ? 'mapping400' : 'ok'))));
    const records = [msg('a1', 'A'), msg('b1', 'B'), msg('a2', 'A'), msg('b2', 'B'), msg('a3', 'A'), msg('a4', 'A'), msg('b3', 'B')];
    const report = await ingest(client, records, { fifo: true, maxBatchCount: 4 });
    assert.deepEqual(report.outcomes.map(view), ['a1:ok', 'b1:ok', 'a2:mapping', 'b2:ok', 'a3:fifo_group_failed', 'a4:fifo_group_failed', 'b3:ok']);
    // a3 was in the same request as a2 (sent, reported); a4 came in the next request and was not sent.
    assert.deepEqual(stub.requests.map((r) => r.map((i) => i.id)), [['a1', 'b1', 'a2', 'b2'], ['b3']]);
    assert.deepEqual(toBatchItemFailures(report.outcomes).batchItemFailures.map((f) => f.itemIdentifier), ['a2', 'a3', 'a4']);
  });

  test('an invalid message blocks the later messages of its group before they are sent', async () => {
    reset();
    const report = await ingest(client, [msg('a1', 'A'), msg('a2', 'A', false), msg('a3', 'A'), msg('b1', 'B')], { fifo: true });
    assert.deepEqual(report.outcomes.map(view), ['a1:ok', 'a2:invalid_record', 'a3:fifo_group_failed', 'b1:ok']);
    assert.deepEqual(stub.requests.map((r) => r.map((i) => i.id)), [['a1', 'b1']]);
  });

  test('a throttled head: the later message that got in first is reported failed, the head is retried', async () => {
    reset((items, k, s) => honest(items.map((i) => s.apply(i, k === 0 && i.id === 'a1' ? 'reject429' : 'ok'))));
    const report = await ingest(client, [msg('a1', 'A'), msg('a2', 'A'), msg('b1', 'B')], { fifo: true, minDelayMs: 0, maxDelayMs: 1 });
    assert.deepEqual(report.outcomes.map(view), ['a1:ok', 'a2:fifo_group_failed', 'b1:ok']);
    const a2 = report.outcomes[1]!;
    assert.ok(a2.status === 'failed' && a2.retryable && /record 0 of message group "A" is being retried, so this later record was indexed but is reported failed/.test(a2.error.message), a2.status === 'failed' ? a2.error.message : '');
    assert.deepEqual(stub.requests.map((r) => r.map((i) => i.id)), [['a1', 'a2', 'b1'], ['a1']]);
  });

  test('without group ids the whole batch is one group (stop at the first failure)', async () => {
    reset((items, _k, s) => honest(items.map((i) => s.apply(i, i.id === 'm2' ? 'mapping400' : 'ok'))));
    const records: IngestRecord[] = ['m1', 'm2', 'm3'].map((id) => ({ index: 'f', id, key: id, document: {} }));
    const report = await ingest(client, records, { fifo: true });
    assert.deepEqual(report.outcomes.map(view), ['m1:ok', 'm2:mapping', 'm3:fifo_group_failed']);
  });
});
