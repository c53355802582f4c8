/**
 * `ingest` when the server or the input refuses more than one record at a time: a bulk request
 * refused whole over one record (400 request validation, 413), records OpenSearch would refuse
 * for the whole request, ids a caller's generator repeats, inputs that throw or never end, and a
 * stop while an earlier attempt may have been applied. Loopback stub (transport behaviour only).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { ingest } from '../../src/ingest/ingest.js';
import { createClient } from '../../src/client/create-client.js';
import { toBatchItemFailures, toFirehoseResponse } from '../../src/ingest/adapters.js';
import { IngestSourceError } from '../../src/ingest/errors.js';
import type { IngestOutcome, IngestRecord } from '../../src/ingest/types.js';
import { honest, startBulkStub, type BulkStub, type StubItem, type StubPlan, type StubReply } from '../support/bulk-stub.js';

let stub: BulkStub;
before(async () => { stub = await startBulkStub(); });
after(async () => { await stub.close(); });

function reset(plan?: StubPlan): void {
  stub.store.clear();
  stub.requests.length = 0;
  stub.plan = plan ?? ((items, _n, s) => honest(items.map((i) => s.apply(i))));
}

const client = (): Client => new Client({ node: stub.url, maxRetries: 0 });
const records = (n: number, poison: ReadonlySet<number> = new Set()): IngestRecord[] =>
  Array.from({ length: n }, (_, i) => ({ index: 'r', id: `d${i}`, key: `k${i}`, document: poison.has(i) ? { i, poison: true } : { i } }));

/** OpenSearch's answer to a bulk request it refuses whole (BulkRequest validation). */
const validation400: StubReply = {
  kind: 'json', status: 400,
  body: { error: { root_cause: [{ type: 'action_request_validation_exception', reason: 'Validation Failed: 1: stub rule;' }], type: 'action_request_validation_exception', reason: 'Validation Failed: 1: stub rule;' }, status: 400 },
};
const isPoison = (i: StubItem): boolean => (i.document as { poison?: boolean } | undefined)?.poison === true;

describe('a bulk request refused whole is sent again in halves: a bad record fails alone', () => {
  test('one poisoned record of 40: the 39 others are stored, it alone fails (validation), within a bounded number of requests', async () => {
    reset((items, _n, s) => (items.some(isPoison) ? validation400 : honest(items.map((i) => s.apply(i)))));
    const c = client();
    const report = await ingest(c, records(40, new Set([17])), { minDelayMs: 0, maxDelayMs: 1 });
    await c.close();
    const failed = report.outcomes.filter((o) => o.status === 'failed');
    assert.deepEqual(failed.map((o) => [o.position, o.status === 'failed' && o.kind, o.status === 'failed' && o.retryable]), [[17, 'validation', false]]);
    assert.equal(stub.store.size, 39);
    assert.equal(report.stats.indexed, 39);
    assert.equal(report.stats.bulkRequests, stub.requests.length);
    // 1 + 2 per level of halving (40 -> 20 -> 10 -> 5 -> 3 -> 2 -> 1): 13
    assert.ok(stub.requests.length <= 13, `${stub.requests.length} requests`);
    assert.deepEqual(toBatchItemFailures(report).batchItemFailures, [{ itemIdentifier: 'k17' }]);
  });

  test('a 413 for a request of more than 8 records: every record is stored in smaller requests', async () => {
    reset((items, _n, s) => (items.length > 8 ? { kind: 'raw', status: 413, text: '' } : honest(items.map((i) => s.apply(i)))));
    const c = client();
    const report = await ingest(c, records(30), { minDelayMs: 0, maxDelayMs: 1 });
    await c.close();
    assert.equal(report.stats.indexed, 30);
    assert.equal(stub.store.size, 30);
    assert.ok(stub.requests.every((r, k) => k === 0 || r.length <= 15));
  });

  test('a server refusing every request whole: each record gets its failure, and halving stops at its budget', async () => {
    reset(() => validation400);
    const c = client();
    const report = await ingest(c, records(1000), { minDelayMs: 0, maxDelayMs: 1 });
    await c.close();
    assert.equal(report.stats.failed, 1000);
    assert.ok(report.outcomes.every((o) => o.status === 'failed' && o.kind === 'validation'));
    assert.ok(stub.requests.length <= 1 + 64, `${stub.requests.length} requests`);
    // a record refused alone is refused for good; one refused together with others past the budget may succeed apart
    const alone = new Set(stub.requests.filter((r) => r.length === 1).map((r) => (r[0] as StubItem).id));
    assert.ok(alone.size > 0);
    for (const o of report.outcomes) assert.equal(o.status === 'failed' && o.retryable, !alone.has(o.id ?? ""), o.id);
  });

  test('past the split budget, records refused together with a bad one stay retryable: none is deleted from the queue unstored', async () => {
    const poison = new Set(Array.from({ length: 8 }, (_, k) => 60 + k * 117));
    reset((items, _n, s) => (items.some(isPoison) ? validation400 : honest(items.map((i) => s.apply(i)))));
    const c = client();
    const report = await ingest(c, records(1000, poison), { minDelayMs: 0, maxDelayMs: 1 });
    await c.close();
    const lost = report.outcomes.filter((o) => o.status === 'failed' && !o.retryable && !poison.has(o.position));
    assert.deepEqual(lost.map((o) => o.position), []);
    assert.ok(report.stats.failed > 8, 'the budget ran out before every bad record was isolated');
    const redelivered = new Set(toBatchItemFailures(report, { onlyRetryable: true }).batchItemFailures.map((f) => f.itemIdentifier));
    for (const o of report.outcomes) if (o.status === 'failed' && !poison.has(o.position)) assert.ok(redelivered.has(o.key as string), o.key);
    assert.equal(stub.store.size, report.stats.indexed);
  });

  test('fifo: after the halves, a group that failed in the first half fails in the second too, in order', async () => {
    reset((items, _n, s) => (items.some(isPoison) ? validation400 : honest(items.map((i) => s.apply(i)))));
    const input: IngestRecord[] = records(8, new Set([2])).map((r, i) => ({ ...r, groupId: i % 2 === 0 ? 'even' : 'odd' }));
    const c = client();
    const report = await ingest(c, input, { fifo: true, minDelayMs: 0, maxDelayMs: 1 });
    await c.close();
    const kinds = report.outcomes.map((o) => (o.status === 'indexed' ? 'ok' : o.kind));
    assert.deepEqual(kinds, ['ok', 'ok', 'validation', 'ok', 'fifo_group_failed', 'ok', 'fifo_group_failed', 'ok']);
    assert.ok(!stub.store.has('r/d4') && !stub.store.has('r/d6'), 'later records of the failed group are not stored out of order');
  });
});

describe('records OpenSearch would refuse for the whole request fail alone, before sending', () => {
  test('an id over 512 UTF-8 bytes and an empty pipeline are invalid_record; a 512-byte id is sent', async () => {
    reset();
    const c = client();
    const report = await ingest(c, [
      { index: 'r', id: 'x'.repeat(513), document: {} },
      { index: 'r', id: 'é'.repeat(257), document: {} },
      { index: 'r', id: 'y'.repeat(512), document: {} },
      { index: 'r', id: 'p', pipeline: '', document: {} },
      { index: 'r', id: 'ok', document: {} },
    ]);
    await c.close();
    const kinds = report.outcomes.map((o) => (o.status === 'indexed' ? 'ok' : o.kind));
    assert.deepEqual(kinds, ['invalid_record', 'invalid_record', 'ok', 'invalid_record', 'ok']);
    assert.match(String((report.outcomes[1] as IngestOutcome & { error: Error }).error.message), /514 bytes/);
    assert.equal(stub.requests.length, 1);
  });
});

describe('ids from the caller\'s generateId are the caller\'s ids', () => {
  test('a repeated generated id meets 409 on its first send: conflict, not created', async () => {
    reset();
    const ids = ['g0', 'g0', 'g1'];
    let k = 0;
    const c = client();
    const report = await ingest(c, [0, 1, 2].map((i) => ({ index: 'r', action: 'create' as const, document: { i } })), { generateId: () => ids[k++]! });
    await c.close();
    const [a, b, d] = report.outcomes as [IngestOutcome, IngestOutcome, IngestOutcome];
    assert.ok(a.status === 'indexed' && d.status === 'indexed');
    assert.ok(b.status === 'failed' && b.kind === 'conflict', JSON.stringify(b));
  });

  test('after an ambiguous attempt, a 409 on a caller-generated id is created, marked ambiguous', async () => {
    reset((items, n, s) => {
      const answers = items.map((i) => s.apply(i));
      return n === 0 ? { kind: 'reset' } : honest(answers);
    });
    const c = client();
    const report = await ingest(c, [{ index: 'r', action: 'create', document: {} }], { generateId: () => 'fixed', minDelayMs: 0, maxDelayMs: 1 });
    await c.close();
    const o = report.outcomes[0]!;
    assert.ok(o.status === 'indexed' && o.result === 'created' && o.ambiguous === true, JSON.stringify(o));
  });
});

describe('inputs that throw or never end', () => {
  test('an iterable that throws: IngestSourceError whose report is incomplete, which the adapters refuse', async () => {
    reset();
    function* source(): Generator<IngestRecord> {
      yield { index: 'r', id: 'a', key: 'a', document: {} };
      yield { index: 'r', id: 'b', key: 'b', document: {} };
      throw new Error('bad data in record 3');
    }
    const c = client();
    const error = await ingest(c, source()).then(() => undefined, (e: unknown) => e);
    await c.close();
    assert.ok(error instanceof IngestSourceError);
    assert.equal(error.report.complete, false);
    assert.equal(error.report.stats.indexed, 2);
    assert.throws(() => toBatchItemFailures(error.report), /incomplete/);
    // A copy of the report (a worker message, JSON) keeps `complete`: still refused (README: hand over the report).
    assert.throws(() => toBatchItemFailures(structuredClone(error.report)), /incomplete/);
    assert.throws(() => toBatchItemFailures(JSON.parse(JSON.stringify(error.report)) as typeof error.report), /incomplete/);
  });

  test('an endless input of records never sent (invalid, or behind a failed fifo group) still stops at its signal', async () => {
    reset();
    function* invalid(): Generator<IngestRecord> {
      for (;;) yield { index: '', document: {} };
    }
    const c = client();
    const started = Date.now();
    const report = await ingest(c, invalid(), { outcomes: 'none', signal: AbortSignal.timeout(200) });
    assert.equal(report.complete, false);
    assert.ok(report.stats.failed > 0);
    reset(() => validation400);
    async function* blocked(): AsyncGenerator<IngestRecord> {
      for (let i = 0; ; i++) yield { index: 'r', id: `f${i}`, groupId: 'g', document: {} };
    }
    const fifo = await ingest(c, blocked(), { fifo: true, outcomes: 'none', maxBatchCount: 1, signal: AbortSignal.timeout(200) });
    await c.close();
    assert.equal(fifo.complete, false);
    assert.ok((fifo.stats.failuresByKind.fifo_group_failed ?? 0) > 0);
    // both inputs are endless: without the stop at the 200 ms signals neither call would return at all
    assert.ok(Date.now() - started < 10_000);
  });
});

test('a stop during the back-off after an ambiguous attempt: inFlight says the record may be stored', async () => {
  reset((items, _n, s) => {
    items.forEach((i) => s.apply(i));
    return { kind: 'reset' };
  });
  const c = client();
  const report = await ingest(c, records(2), { minDelayMs: 5000, maxDelayMs: 5000, signal: AbortSignal.timeout(300) });
  await c.close();
  assert.equal(stub.store.size, 2, 'the stub stored both before resetting');
  for (const o of report.outcomes) {
    assert.ok(o.status === 'failed' && o.kind === 'deadline' && o.retryable);
    const e = o.error as Error & { inFlight?: boolean };
    assert.equal(e.inFlight, true, e.message);
    assert.match(e.message, /earlier attempt may have stored it/);
  }
});

test('toFirehoseResponse: a recordId both dropped and ingested throws instead of hiding the outcome', () => {
  const outcomes: IngestOutcome[] = [{ status: 'failed', position: 0, key: 'rec-1', action: 'index', index: 'r', id: 'rec-1', error: new Error('x'), kind: 'mapping', retryable: false, attempts: 1 }];
  assert.throws(() => toFirehoseResponse([{ recordId: 'rec-1', data: '' }], outcomes, { dropped: new Set(['rec-1']) }), /both dropped and ingested/);
  assert.deepEqual(toFirehoseResponse([{ recordId: 'rec-2', data: 'd' }], [], { dropped: new Set(['rec-2']) }).records, [{ recordId: 'rec-2', result: 'Dropped', data: 'd' }]);
});

test('a 429 whose Retry-After is longer than maxDelayMs: the records fail retryable at once, not re-sent early', async () => {
  reset(() => ({ kind: 'json', status: 429, headers: { 'retry-after': '30' }, body: { error: { type: 'es_rejected_execution_exception', reason: 'queue full' }, status: 429 } }));
  const c = client();
  const started = Date.now();
  const report = await ingest(c, records(5), { minDelayMs: 0, maxDelayMs: 200 });
  await c.close();
  assert.equal(stub.requests.length, 1);
  // rules out waiting for the 30 s the server asked for (or maxDelayMs) before failing the records
  assert.ok(Date.now() - started < 5_000);
  assert.ok(report.outcomes.every((o) => o.status === 'failed' && o.retryable && o.kind === 'throttled'), JSON.stringify(report.outcomes[0]));
});

test('a Retry-After holds for the answer that carried it: a later failure without one waits the usual back-off', async () => {
  const throttled: StubReply = { kind: 'json', status: 429, headers: { 'retry-after': '2' }, body: { error: { type: 'es_rejected_execution_exception', reason: 'queue full' }, status: 429 } };
  const unavailable: StubReply = { kind: 'json', status: 503, body: { error: { type: 'unavailable_shards_exception', reason: 'primary shard is not active' }, status: 503 } };
  reset((items, n, s) => (n === 0 ? throttled : n === 1 ? unavailable : honest(items.map((i) => s.apply(i)))));
  const c = client();
  // The waits ingest chose, as given to setTimeout (its sleep; the plain Client sets no timer of its own here).
  const waits: number[] = [];
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    waits.push(ms ?? 0);
    return realSetTimeout(fn, ms, ...args);
  }) as typeof setTimeout;
  const started = Date.now();
  let report;
  try {
    report = await ingest(c, records(3), { minDelayMs: 1, maxDelayMs: 3_000 });
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
  const elapsed = Date.now() - started;
  await c.close();
  assert.equal(report.stats.indexed, 3);
  assert.equal(stub.requests.length, 3);
  // 2 s for the Retry-After, then the usual back-off of round 2 (at most 2 ms); keeping the 2 s for the 503 gives [2000, 2000]
  assert.equal(waits.length, 2, `waits ${waits.join(', ')}`);
  assert.equal(waits[0], 2_000);
  assert.ok((waits[1] ?? Infinity) <= 2, `waits ${waits.join(', ')}`);
  // the 2 s was really waited (a lower bound: a slow machine only adds to it)
  assert.ok(elapsed >= 1_900, `${elapsed} ms`);
});

test('idempotentCreate: a create whose id exists (stored by an earlier delivery) is created, ambiguous; without it a conflict', async () => {
  reset();
  stub.store.add('r/d1');
  const input = (): IngestRecord[] => [0, 1, 2].map((i) => ({ action: 'create', index: 'r', id: `d${i}`, key: `k${i}`, document: { i } }));
  const c = client();
  const plain = await ingest(c, input(), { minDelayMs: 0, maxDelayMs: 1 });
  assert.deepEqual(plain.outcomes.map((o) => (o.status === 'indexed' ? o.result : o.kind)), ['created', 'conflict', 'created']);
  assert.deepEqual(toBatchItemFailures(plain).batchItemFailures, [{ itemIdentifier: 'k1' }]);
  const again = await ingest(c, input(), { minDelayMs: 0, maxDelayMs: 1, idempotentCreate: true });
  await assert.rejects(ingest(c, [], { idempotentCreate: 'yes' as unknown as boolean }), /idempotentCreate/);
  await c.close();
  assert.deepEqual(again.outcomes.map((o) => (o.status === 'indexed' ? [o.result, o.ambiguous ?? false] : o.kind)), [['created', true], ['created', true], ['created', true]]);
  assert.deepEqual(toBatchItemFailures(again).batchItemFailures, []);
});

test('an iterator result whose done is truthy but not true ends the input, as for...of reads it', async () => {
  reset();
  let k = 0;
  const iterable = { [Symbol.iterator]: () => ({ next: () => (k < 2 ? { done: false, value: { index: 'r', id: `it${k++}`, document: {} } } : { done: 1 }) }) };
  const c = client();
  const report = await ingest(c, iterable as unknown as Iterable<IngestRecord>, { signal: AbortSignal.timeout(5_000) });
  await c.close();
  assert.equal(report.complete, true);
  assert.equal(report.stats.indexed, 2);
});

test('stats.bulkRequests counts the re-send after an expired-token refresh (createClient re-signs it once)', async () => {
  let n = 0;
  const provider = async () => { n += 1; return { accessKeyId: `AKID${n}`, secretAccessKey: `secret-${n}`, sessionToken: `tok-${n}` }; };
  reset((items, _n, s, headers) => (headers['x-amz-security-token'] === 'tok-1'
    ? { kind: 'json', status: 403, body: { message: 'The security token included in the request is expired' } }
    : honest(items.map((i) => s.apply(i)))));
  const c = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider } });
  const report = await ingest(c, records(6), { maxBatchCount: 3, concurrency: 1 });
  await c.close();
  assert.equal(report.stats.indexed, 6);
  assert.equal(stub.requests.length, 3, 'the first bulk twice (refused, re-signed), the second once');
  assert.equal(report.stats.bulkRequests, stub.requests.length);
});
