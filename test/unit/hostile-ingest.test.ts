/**
 * `ingest` under a hostile server, hostile records and hostile callbacks: exactly one outcome per
 * record, never `indexed` for a document the server did not store, stats that add up.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { Client } from '@opensearch-project/opensearch';
import { ingest } from '../../src/ingest/ingest.js';
import { toBatchItemFailures, toFirehoseResponse } from '../../src/ingest/adapters.js';
import type { IngestOutcome, IngestRecord, IngestReport } from '../../src/ingest/types.js';
import { createClient } from '../../src/index.js';
import { honest, startBulkStub, type BulkStub, type ItemAnswer, type StubReply } from '../support/bulk-stub.js';

type Perturbation =
  | { kind: 'none' | 'extra' | 'reset' | 'garbage' | 'noItems' | 'status503' | 'status429' | 'reverse' }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'drop' | 'null' | 'wrongAction' | 'badStatus' | 'idOfOther' | 'randomId' | 'indexOfOther'; at: number };

const perturbation: fc.Arbitrary<Perturbation> = fc.oneof(
  fc.constantFrom<Perturbation>({ kind: 'none' }, { kind: 'none' }, { kind: 'extra' }, { kind: 'reset' }, { kind: 'garbage' }, { kind: 'noItems' },
    { kind: 'status503' }, { kind: 'status429' }, { kind: 'reverse' }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(40), b: fc.nat(40) }),
  fc.record({ kind: fc.constantFrom('drop' as const, 'null' as const, 'wrongAction' as const, 'badStatus' as const, 'idOfOther' as const, 'randomId' as const, 'indexOfOther' as const), at: fc.nat(40) }),
);
const itemFate = fc.constantFrom<'ok' | 'reject429' | 'mapping400'>('ok', 'ok', 'ok', 'reject429', 'mapping400');

/** Builds the reply from the honest answers and one perturbation. */
function perturb(answers: ItemAnswer[], p: Perturbation): StubReply {
  const items: unknown[] = answers.map((a) => a.item);
  const n = items.length;
  const inner = (i: number): Record<string, unknown> => Object.values(items[i] as Record<string, Record<string, unknown>>)[0]!;
  switch (p.kind) {
    case 'none': return honest(answers);
    case 'extra': items.push({ index: { _index: 'x', _id: 'extra', status: 201, result: 'created' } }); break;
    case 'reset': return { kind: 'reset' };
    case 'garbage': return { kind: 'raw', status: 200, text: '{"took":1,"items":[{"index":' };
    case 'noItems': return { kind: 'json', body: { took: 1, errors: false } };
    case 'status503': return { kind: 'json', status: 503, body: { error: { type: 'unavailable', reason: 'stub' }, status: 503 } };
    case 'status429': return { kind: 'json', status: 429, body: { error: { type: 'too_many_requests', reason: 'stub' }, status: 429 }, headers: { 'retry-after': '0' } };
    case 'reverse': items.reverse(); break;
    case 'swap': [items[p.a % n], items[p.b % n]] = [items[p.b % n], items[p.a % n]]; break;
    case 'drop': items.splice(p.at % n, 1); break;
    case 'null': items[p.at % n] = null; break;
    case 'wrongAction': { const i = p.at % n; items[i] = { bogus: inner(i) }; break; }
    case 'badStatus': inner(p.at % n).status = 'ok'; break;
    case 'idOfOther': inner(p.at % n)._id = inner((p.at + 1) % n)._id; break;
    case 'randomId': inner(p.at % n)._id = `other-${p.at}`; break;
    case 'indexOfOther': inner(p.at % n)._index = inner((p.at + 1) % n)._index; break;
  }
  return { kind: 'json', body: { took: 1, errors: true, items } };
}

const KINDS = new Set(['security', 'mapping', 'validation', 'conflict', 'not_found', 'throttled', 'server', 'transport', 'invalid_record',
  'response_mismatch', 'aborted', 'deadline', 'fifo_group_failed']);
const TRANSIENT = new Set(['throttled', 'transport', 'response_mismatch', 'aborted', 'deadline']);

/** The invariants every report must satisfy, whatever happened on the wire. */
function checkReport(report: IngestReport, records: IngestRecord[], stub: BulkStub): void {
  assert.equal(report.outcomes.length, records.length, 'one outcome per record');
  let indexed = 0;
  const byKind: Record<string, number> = {};
  report.outcomes.forEach((o, i) => {
    assert.equal(o.position, i);
    assert.equal(o.key, records[i]!.key);
    if (records[i]!.id !== undefined) assert.equal(o.id, records[i]!.id);
    if (o.status === 'indexed') {
      indexed++;
      assert.ok(stub.store.has(`${o.index}/${o.id}`), `record ${i} reported indexed as ${o.id}, which the server never stored`);
      // ambiguous: an earlier attempt of the record may have been applied, or a create with the caller's id met 409
      if (o.ambiguous) assert.ok(o.attempts > 1 || (o.action === 'create' && !o.generatedId), 'ambiguous only after an earlier attempt, or for a create with the caller id');
    } else {
      byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
      assert.ok(o.error instanceof Error);
      assert.ok(KINDS.has(o.kind), o.kind);
      if (TRANSIENT.has(o.kind)) assert.equal(o.retryable, true, `${o.kind} is retryable`);
    }
  });
  assert.equal(report.stats.total, records.length);
  assert.equal(report.stats.indexed, indexed);
  assert.equal(report.stats.failed, records.length - indexed);
  assert.deepEqual(report.stats.failuresByKind, byKind);
}

let stub: BulkStub;
before(async () => { stub = await startBulkStub(); });

/** Empties the stub's store and request log and sets how it answers (default: honestly, everything applied). */
function reset(plan: BulkStub['plan'] = (items, _k, s) => honest(items.map((i) => s.apply(i)))): void {
  stub.store.clear();
  stub.requests.length = 0;
  stub.plan = plan;
}
after(async () => { await stub.close(); });

describe('random bulk responses (reordered, missing, extra, null, other ids, 429 items, resets, garbage)', () => {
  test('exactly one outcome per record, never a wrong `indexed`', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 24 }),
      fc.array(fc.tuple(perturbation, fc.array(itemFate, { minLength: 1, maxLength: 7 })), { minLength: 1, maxLength: 6 }),
      fc.record({ maxBatchCount: fc.integer({ min: 1, max: 8 }), concurrency: fc.integer({ min: 1, max: 3 }), retries: fc.integer({ min: 0, max: 4 }) }),
      fc.boolean(), fc.boolean(),
      async (n, plans, opts, sdkClient, createAction) => {
        stub.store.clear();
        stub.requests.length = 0;
        stub.plan = (items, k, s) => {
          const [p, fates] = plans[k % plans.length]!;
          const applyAll = p.kind !== 'status503' && p.kind !== 'status429';
          const answers = items.map((item, i) => (applyAll ? s.apply(item, fates[i % fates.length]) : { item: {}, applied: false }));
          return perturb(answers, p);
        };
        const records: IngestRecord[] = Array.from({ length: n }, (_, i) => ({
          index: i % 3 === 0 ? 'h-a' : 'h-b', ...(i % 2 === 0 ? { id: `r${i}` } : {}), action: createAction && i % 4 < 2 ? 'create' : 'index',
          document: { n: i }, key: `k${i}`,
        }));
        const client = sdkClient
          ? createClient({ node: stub.url, auth: { mode: 'none' }, requestTimeoutMs: 3000, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } })
          : new Client({ node: stub.url, maxRetries: 0, requestTimeout: 3000 });
        try {
          const report = await ingest(client, records, { ...opts, minDelayMs: 0, maxDelayMs: 2 });
          checkReport(report, records, stub);
          // The adapters report every record that is not indexed.
          const failed = new Set(report.outcomes.filter((o) => o.status === 'failed').map((o) => o.key));
          assert.deepEqual(new Set(toBatchItemFailures(report.outcomes).batchItemFailures.map((f) => f.itemIdentifier)), failed);
          const firehose = toFirehoseResponse(records.map((r) => ({ recordId: r.key!, data: '' })), report.outcomes);
          assert.deepEqual(new Set(firehose.records.filter((r) => r.result !== 'Ok').map((r) => r.recordId)), failed);
        } finally {
          await client.close();
        }
      },
    ), { numRuns: 120 });
  });
});

describe('specific hostile answers', () => {
  const records = (n: number): IngestRecord[] => Array.from({ length: n }, (_, i) => ({ index: 'h', id: `d${i}`, document: { n: i }, key: `k${i}` }));
  const rawClient = (): Client => new Client({ node: stub.url, maxRetries: 0 });

  test('items naming other documents: those records fail (response_mismatch, retryable), never indexed under another id', async () => {
    reset((items, _k, s) => {
      const answers = items.map((i) => s.apply(i));
      const out = answers.map((a) => a.item);
      // Every answer names the next record's document, as a server confusing its items would.
      const shifted = out.map((_, i) => ({ index: { ...out[(i + 1) % out.length]!.index, status: 201 } }));
      return { kind: 'json', body: { took: 1, errors: false, items: shifted } };
    });
    const client = rawClient();
    const report = await ingest(client, records(4), { retries: 2, minDelayMs: 0, maxDelayMs: 1 });
    await client.close();
    assert.deepEqual(report.outcomes.map((o) => o.status === 'failed' && o.kind), Array(4).fill('response_mismatch'));
    assert.ok(report.outcomes.every((o) => o.status === 'failed' && o.retryable && o.error.name === 'BulkResponseMismatchError' && o.attempts === 3));
    assert.deepEqual(toBatchItemFailures(report.outcomes).batchItemFailures.map((f) => f.itemIdentifier), ['k0', 'k1', 'k2', 'k3']);
    assert.equal(report.stats.failed, 4);
    assert.equal(report.stats.indexed, 0);
  });

  test('a null item does not throw; only its record fails; no record counted twice', async () => {
    reset((items, _k, s) => {
      const out: unknown[] = items.map((i) => s.apply(i).item);
      out[1] = null;
      return { kind: 'json', body: { took: 1, errors: false, items: out } };
    });
    const client = rawClient();
    const report = await ingest(client, records(3), { retries: 0 });
    await client.close();
    assert.deepEqual(report.outcomes.map((o) => o.status), ['indexed', 'failed', 'indexed']);
    assert.deepEqual(report.stats.failuresByKind, { response_mismatch: 1 });
    assert.equal(report.stats.indexed + report.stats.failed, 3);
  });

  test('a wrong item count accounts for none of the records, and the retry recovers them', async () => {
    reset((items, k, s) => {
      const answers = items.map((i) => s.apply(i));
      return k === 0 ? { kind: 'json', body: { took: 1, errors: false, items: answers.slice(1).map((a) => a.item) } } : honest(answers);
    });
    const client = rawClient();
    const report = await ingest(client, [...records(3), { index: 'h', action: 'create', id: 'c1', document: { n: 9 }, key: 'kc' }], { minDelayMs: 0, maxDelayMs: 1 });
    await client.close();
    assert.deepEqual(report.outcomes.map((o) => o.status), ['indexed', 'indexed', 'indexed', 'indexed']);
    const created = report.outcomes[3]!;
    // The first request stored c1; the retry met 409: created, but only ambiguously proven (caller's id).
    assert.ok(created.status === 'indexed' && created.result === 'created' && created.ambiguous === true && created.attempts === 2);
    assert.equal(report.stats.retries, 4);
  });
  test('a server echoing the client password as an item id: the mismatch error does not carry it', async () => {
    const password = 'hostile-Echo-Pass-7731';
    reset((items, _k, s) => {
      const out = items.map((i) => s.apply(i).item);
      out[0]!.index!._id = `${password}`;
      return { kind: 'json', body: { took: 1, errors: false, items: out } };
    });
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password }, retry: { retries: 0 } });
    const seen: string[] = [];
    const report = await ingest(client, records(2), { retries: 0, onOutcome: (o) => seen.push(JSON.stringify(o) + (o.status === 'failed' ? o.error.message : '')) });
    await client.close();
    const failed = report.outcomes[0]!;
    assert.ok(failed.status === 'failed' && failed.kind === 'response_mismatch');
    assert.ok(!failed.error.message.includes(password) && !String(failed.error.stack).includes(password), failed.error.message);
    assert.ok(!seen.join('\n').includes(password));
  });
});

describe('records that cannot be serialised, and callbacks that throw', () => {
  test('BigInt, a cycle, a throwing toJSON or getter: those records fail alone (invalid_record)', async () => {
    reset();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const hostile = new Proxy({}, { get() { throw new Error('trap'); } });
    const input = [
      { index: 'h', id: 'ok1', document: { a: 1 } },
      { index: 'h', id: 'big', document: { n: 10n } },
      { index: 'h', id: 'cyc', document: cyclic },
      { index: 'h', id: 'tj', document: { toJSON() { throw new Error('no'); } } },
      hostile,
      { index: 'h', id: 'num', document: { toJSON: () => 5 } },
      { index: 'h', id: 'ok2', document: { b: 2 } },
    ] as unknown as IngestRecord[];
    const client = new Client({ node: stub.url, maxRetries: 0 });
    const report = await ingest(client, input);
    await client.close();
    assert.deepEqual(report.outcomes.map((o) => (o.status === 'indexed' ? 'indexed' : o.kind)),
      ['indexed', 'invalid_record', 'invalid_record', 'invalid_record', 'invalid_record', 'invalid_record', 'indexed']);
    assert.ok(stub.store.has('h/ok1') && stub.store.has('h/ok2') && stub.store.size === 2);
  });

  test('a field whose getter throws fails its record but keeps the key the adapters report it by; each field is read once', async () => {
    reset();
    let idReads = 0;
    const input = [
      { index: 'h', key: 'm1', get document(): unknown { throw new Error('boom'); } },
      { index: 'h', key: 'm2', get id(): unknown { idReads++; return idReads === 1 ? 'first' : 'second'; }, document: { a: 1 } },
      { index: 'h', key: 'm3', document: { b: 2 } },
    ] as unknown as IngestRecord[];
    const client = new Client({ node: stub.url, maxRetries: 0 });
    const report = await ingest(client, input);
    await client.close();
    assert.deepEqual(report.outcomes.map((o) => [o.key, o.status === 'indexed' ? 'indexed' : o.kind]), [['m1', 'invalid_record'], ['m2', 'indexed'], ['m3', 'indexed']]);
    assert.equal(idReads, 1);
    assert.equal(report.outcomes[1]?.id, 'first');
    assert.ok(stub.store.has('h/first') && !stub.store.has('h/second'));
    assert.deepEqual(toBatchItemFailures(report.outcomes), { batchItemFailures: [{ itemIdentifier: 'm1' }] });
    const firehose = toFirehoseResponse(['m1', 'm2', 'm3'].map((recordId) => ({ recordId, data: '' })), report.outcomes);
    assert.deepEqual(firehose.records.map((r) => r.result), ['ProcessingFailed', 'Ok', 'Ok']);
  });

  test('onProgress and onOutcome that throw: ingest resolves, nothing is sent afterwards', async () => {
    reset();
    const client = new Client({ node: stub.url, maxRetries: 0 });
    let calls = 0;
    const report = await ingest(client, Array.from({ length: 50 }, (_, i) => ({ index: 'h', document: { i } })), {
      maxBatchCount: 5, concurrency: 3,
      onProgress: () => { calls++; throw new Error('observer failed'); },
      onOutcome: () => Promise.reject(new Error('async observer failed')),
    });
    const sent = stub.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    await client.close();
    assert.equal(report.stats.indexed, 50);
    assert.equal(calls, 10);
    assert.equal(sent, 10);
    assert.equal(stub.requests.length, sent, 'no request after ingest resolved');
  });
});

describe('options are validated up front (ConfigError naming the option)', () => {
  const numeric = ['concurrency', 'retries', 'maxBatchBytes', 'maxBatchCount', 'minDelayMs', 'maxDelayMs'] as const;
  test('NaN, negative, fractional, infinite, strings, null: refused before anything is sent', async () => {
    const client = new Client({ node: stub.url, maxRetries: 0 });
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...numeric),
      fc.oneof(fc.constant(Number.NaN), fc.constant(-1), fc.constant(Infinity), fc.constant(null), fc.double({ min: 0.01, max: 0.99 }).map((x) => 3 + x),
        fc.string().map((s) => `3${s}`), fc.constant(true), fc.constant([])),
      async (name, value) => {
        stub.requests.length = 0;
        let settled = false;
        const refused = ingest(client, [{ index: 'h', document: {} }], { [name]: value } as never).finally(() => { settled = true; });
        refused.catch(() => undefined);
        // up front: refused within the event loop's current turn (no I/O, no timer), however slow the machine
        await new Promise((r) => setImmediate(r));
        assert.equal(settled, true, 'refused before any I/O or timer');
        await assert.rejects(refused,
          (e: unknown) => (e as { name?: string }).name === 'ConfigError' && (e as { option?: string }).option === name && String((e as Error).message).includes(name));
        assert.equal(stub.requests.length, 0);
      },
    ), { numRuns: 80 });
    for (const [options, option] of [[{ concurrency: 0 }, 'concurrency'], [{ maxDelayMs: 5, minDelayMs: 10 }, 'maxDelayMs'], [{ refresh: 'yes' }, 'refresh'],
      [{ onProgress: 'log' }, 'onProgress'], [{ signal: {} }, 'signal'], [{ outcomes: 'some' }, 'outcomes'], [{ fifo: 1 }, 'fifo']] as const) {
      await assert.rejects(ingest(client, [], options as never), (e: unknown) => (e as { option?: string }).option === option);
    }
    await assert.rejects(ingest(client, null as never), (e: unknown) => (e as { option?: string }).option === 'records');
    await assert.rejects(ingest(client, 'abc' as never), (e: unknown) => (e as { option?: string }).option === 'records');
    await assert.rejects(ingest({} as never, []), (e: unknown) => (e as { option?: string }).option === 'client');
    await client.close();
  });

  test('undefined values mean the defaults (no infinite loop)', async () => {
    reset();
    const client = new Client({ node: stub.url, maxRetries: 0 });
    const report = await ingest(client, [{ index: 'h', document: {} }], { concurrency: undefined, retries: undefined, maxBatchCount: undefined, minDelayMs: undefined });
    await client.close();
    assert.equal(report.stats.indexed, 1);
  });
});

describe('ambiguous creates', () => {
  test('a create re-sent after a reset that had been applied: indexed, ambiguous only for the caller id', async () => {
    reset((items, k, s) => {
      const answers = items.map((i) => s.apply(i));
      return k === 0 ? { kind: 'reset' } : honest(answers);
    });
    const client = new Client({ node: stub.url, maxRetries: 0 });
    const report = await ingest(client, [
      { index: 'h', action: 'create', id: 'mine', document: { a: 1 } },
      { index: 'h', action: 'create', document: { a: 2 } },
    ], { minDelayMs: 0, maxDelayMs: 1 });
    await client.close();
    const [mine, generated] = report.outcomes as [IngestOutcome, IngestOutcome];
    assert.ok(mine.status === 'indexed' && mine.result === 'created' && mine.ambiguous === true, JSON.stringify(mine));
    assert.ok(generated.status === 'indexed' && generated.result === 'created' && generated.ambiguous === undefined && generated.generatedId);
    assert.equal(stub.store.size, 2);
  });

  test('a create that meets 409 without an earlier ambiguous attempt stays a conflict', async () => {
    reset();
    stub.store.add('h/taken');
    const client = new Client({ node: stub.url, maxRetries: 0 });
    const report = await ingest(client, [{ index: 'h', action: 'create', id: 'taken', document: {} }]);
    await client.close();
    const o = report.outcomes[0]!;
    assert.ok(o.status === 'failed' && o.kind === 'conflict' && !o.retryable);
  });
});

describe('the client\'s own retries never re-send a bulk behind ingest\'s back', () => {
  // The first bulk is applied, then its answer is lost: a reset, or a proxy's 503 text. A client
  // retry layer would re-send it unseen and its creates would meet 409: reported as conflicts.
  const records = (): IngestRecord[] => [
    { index: 'amb', action: 'create', document: { n: 1 }, key: 'generated' },
    { index: 'amb', id: 'own', action: 'create', document: { n: 2 }, key: 'own' },
  ];
  const lostAnswer = (reply: StubReply): BulkStub['plan'] => (items, k, s) => {
    const answers = items.map((i) => s.apply(i));
    return k === 0 ? reply : honest(answers);
  };
  const cases: Array<[string, () => Client, StubReply]> = [
    ['a plain Client (maxRetries 3) after a reset', () => new Client({ node: stub.url, requestTimeout: 3000 }), { kind: 'reset' }],
    ['a plain Client after a 502 page', () => new Client({ node: stub.url, requestTimeout: 3000 }), { kind: 'raw', status: 502, text: '<html>Bad Gateway</html>' }],
    ['createClient with retryUnsafeWrites after a reset', () => createClient({ node: stub.url, auth: { mode: 'none' }, requestTimeoutMs: 3000, retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2, retryUnsafeWrites: true } }), { kind: 'reset' }],
    ['createClient after a proxy 503 sent once the cluster applied the bulk', () => createClient({ node: stub.url, auth: { mode: 'none' }, requestTimeoutMs: 3000, retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2 } }), { kind: 'raw', status: 503, text: 'upstream connect error or disconnect/reset before headers' }],
  ];
  for (const [name, make, reply] of cases) {
    test(`${name}: both creates are reported created, one document each, every request counted`, async () => {
      reset(lostAnswer(reply));
      const client = make();
      try {
        const report = await ingest(client, records(), { minDelayMs: 0, maxDelayMs: 2 });
        const byKey = new Map(report.outcomes.map((o) => [o.key, o]));
        for (const key of ['generated', 'own']) {
          const o = byKey.get(key)!;
          assert.equal(o.status, 'indexed', `${key}: ${JSON.stringify(o.status === 'failed' ? o.kind : o)}`);
          if (o.status === 'indexed') assert.equal(o.result, 'created');
        }
        assert.equal(stub.store.size, 2, 'no document stored twice');
        assert.equal(report.stats.bulkRequests, stub.requests.length, 'ingest saw every request sent');
      } finally {
        await client.close();
      }
    });
  }
});

test('a failed item\'s error is bounded: a megabyte reason is cut, the kind still read from its type', async () => {
  const huge = 'r'.repeat(2_000_000);
  reset((items) => ({ kind: 'json', body: { errors: true, items: items.map((i) => ({ [i.action]: { _id: i.id, _index: i.index, status: 400, error: { type: 'mapper_parsing_exception', reason: huge, caused_by: { type: 'x', reason: huge } } } })) } }));
  const client = new Client({ node: stub.url, maxRetries: 0, requestTimeout: 10_000 });
  try {
    const report = await ingest(client, [{ index: 'big', id: 'a', document: { n: 1 }, key: 'a' }], { retries: 0 });
    const o = report.outcomes[0]!;
    assert.equal(o.status, 'failed');
    if (o.status === 'failed') {
      assert.equal(o.kind, 'mapping');
      assert.ok(o.error.message.length < 20_000, `message of ${o.error.message.length} characters`);
      assert.ok(JSON.stringify((o.error as { meta?: { body?: unknown } }).meta?.body ?? {}).length < 80_000, 'the body kept on the error is bounded too');
    }
  } finally {
    await client.close();
  }
});

test('the adapters refuse a report whose iterable was cut short: its untaken messages would read as delivered', async () => {
  reset();
  const client = new Client({ node: stub.url, maxRetries: 0, requestTimeout: 3000 });
  async function* slow(): AsyncGenerator<IngestRecord> {
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 20));
      yield { index: 'cut', id: `m${i}`, document: { i }, key: `m${i}` };
    }
  }
  try {
    const report = await ingest(client, slow(), { maxBatchCount: 2, signal: AbortSignal.timeout(120) });
    assert.equal(report.complete, false, 'the deadline stopped the run before the last record');
    assert.throws(() => toBatchItemFailures(report), /incomplete/);
    assert.throws(() => toFirehoseResponse([], report), /incomplete/);
    const whole = await ingest(client, [{ index: 'cut', id: 'w', document: {}, key: 'w' }]);
    assert.deepEqual(toBatchItemFailures(whole), { batchItemFailures: [] }, 'a complete report is accepted as its outcomes are');
  } finally {
    await client.close();
  }
});

describe('item errors are redacted with the secrets the request put on the wire, as request-level errors are', () => {
  const records = (n: number): IngestRecord[] => Array.from({ length: n }, (_, i) => ({ index: 'w', id: `w${i}`, document: { n: i }, key: `w${i}` }));
  /** Every rendering of an outcome's error a user or a logger may produce. */
  const renderings = (e: Error): string => [e.message, String(e.stack), String(e), JSON.stringify(e), inspect(e, { depth: 8 }),
    JSON.stringify((e as { meta?: unknown }).meta ?? null)].join('\n');

  test('a server echoing the SigV4 Authorization header, its signature and the security token into item reasons and ids', async () => {
    const token = 'IQoJb3JpZ2luX2VjEBARE-ingest-session-token-0123456789';
    const echoed: string[] = [];
    reset((items, _n, s, headers) => {
      const authorization = String(headers.authorization);
      const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? 'none';
      echoed.push(signature);
      const answers = items.map((i, k) => {
        const item = s.apply(i, 'mapping400').item;
        const inner = Object.values(item)[0]!;
        if (k === 0) inner.error = { type: 'mapper_parsing_exception', reason: `failed to parse: ${authorization}` };
        if (k === 1) inner.error = { type: 'mapper_parsing_exception', reason: `signature ${signature} token ${String(headers['x-amz-security-token'])}` };
        if (k === 2) inner._id = signature; // an item naming another id: the mismatch error quotes it
        return item;
      });
      return { kind: 'json', body: { took: 1, errors: true, items: answers } };
    });
    const client = createClient({
      node: stub.url,
      auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'ASIAINGESTECHO01', secretAccessKey: 'ingest-secret-key-0123456789', sessionToken: token } },
      retry: { retries: 0 },
    });
    try {
      const report = await ingest(client, records(3), { retries: 0 });
      assert.equal(echoed.length, 1);
      const signature = echoed[0]!;
      assert.match(signature, /^[0-9a-f]{64}$/);
      assert.deepEqual(report.outcomes.map((o) => (o.status === 'failed' ? o.kind : o.status)), ['mapping', 'mapping', 'response_mismatch']);
      for (const o of report.outcomes) {
        assert.ok(o.status === 'failed');
        const text = renderings(o.error);
        assert.ok(text.includes('[REDACTED]'), 'the echo reached the error, redacted');
        for (const secret of [signature, token]) assert.ok(!text.includes(secret), `${o.kind}: ${secret.slice(0, 12)}... survived`);
      }
    } finally {
      await client.close();
    }
  });

  test('the x-api-key and Authorization of a client\'s headers echoed into an item reason', async () => {
    const key = 'ingest-Api-Key-4410cc';
    const bearer = 'ingest-Bearer-81f2';
    reset((items, _n, s, headers) => ({
      kind: 'json',
      body: { took: 1, errors: true, items: items.map((i) => {
        const item = s.apply(i, 'mapping400').item;
        Object.values(item)[0]!.error = { type: 'mapper_parsing_exception', reason: `saw ${String(headers['x-api-key'])} and ${String(headers.authorization)}` };
        return item;
      }) },
    }));
    const parent = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 }, clientOptions: { headers: { 'x-api-key': key } } });
    const client = parent.child({ headers: { authorization: `Bearer ${bearer}` } });
    try {
      const report = await ingest(client, records(1), { retries: 0 });
      const o = report.outcomes[0]!;
      assert.ok(o.status === 'failed' && o.kind === 'mapping');
      const text = renderings(o.error);
      for (const secret of [key, bearer]) assert.ok(!text.includes(secret), `${secret} survived`);
    } finally {
      await parent.close();
    }
  });
});

describe('what a hostile record value throws is not repeated in its outcome', () => {
  test('an action whose toString throws, a getter and a toJSON that throw a secret: invalid_record without the text', async () => {
    const SECRET = 'Thrown-Secret-Zq81-Pw7fK3q9Zx';
    const thrower = { toString: () => { throw new Error(SECRET); } };
    const getter = { index: 'h', get document(): unknown { throw new Error(SECRET); } };
    const records = [
      { index: 'h', action: thrower, document: {} },
      { index: 'h', action: Object.create(null) as unknown, document: {} },
      getter,
      { index: 'h', document: { toJSON: () => { throw new Error(SECRET); } } },
    ] as unknown as IngestRecord[];
    const c = new Client({ node: 'http://127.0.0.1:9', maxRetries: 0 });
    const report = await ingest(c, records, { generateId: () => { throw new Error(SECRET); } });
    await c.close();
    assert.equal(report.outcomes.length, 4);
    for (const o of report.outcomes) {
      assert.equal(o.status === 'failed' && o.kind, 'invalid_record');
      assert.ok(!inspect(o, { depth: 5 }).includes(SECRET), inspect(o));
      assert.ok(!inspect(o, { depth: 5 }).includes('Cannot convert'), inspect(o));
    }
  });
});
