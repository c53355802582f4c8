import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkItems, InvalidRecordError, prepareItem, readRecord, type PreparedItem } from '../../src/ingest/chunk.js';
import type { IngestRecord } from '../../src/ingest/types.js';

/** prepareItem on a record read the way ingest reads it. */
const prepare = (record: IngestRecord<unknown>, position: number, generateId: () => string): PreparedItem => prepareItem(readRecord(record), position, generateId);
import { classifyItem } from '../../src/ingest/item-errors.js';
import { itemRetryDelay as backoff } from '../../src/ingest/attempts.js';
import { toBatchItemFailures, toFirehoseResponse } from '../../src/ingest/adapters.js';
import type { IngestOutcome } from '../../src/ingest/types.js';

let n = 0;
const gen = () => `gen-${n++}`;

describe('prepareItem', () => {
  test('index without id gets a generated id so retries cannot duplicate', () => {
    const item = prepare({ index: 'flights', document: { a: 1 } }, 0, () => 'fixed-id');
    assert.equal(item.id, 'fixed-id');
    assert.equal(item.generatedId, true);
    assert.equal(item.lines, '{"index":{"_index":"flights","_id":"fixed-id"}}\n{"a":1}\n');
    assert.equal(item.bytes, Buffer.byteLength(item.lines));
  });

  test('delete has one line; update wraps doc and upsert', () => {
    assert.equal(prepare({ index: 'i', action: 'delete', id: 'x' }, 1, gen).lines, '{"delete":{"_index":"i","_id":"x"}}\n');
    assert.equal(prepare({ index: 'i', action: 'update', id: 'x', document: { a: 1 }, upsert: { a: 0 } }, 2, gen).lines,
      '{"update":{"_index":"i","_id":"x"}}\n{"doc":{"a":1},"upsert":{"a":0}}\n');
  });

  test('bad records are refused with what to fix', () => {
    assert.throws(() => prepare({ index: '', document: {} }, 3, gen), (e: unknown) => e instanceof InvalidRecordError && /record 3: index is required/.test(e.message));
    assert.throws(() => prepare({ index: 'i', action: 'delete' }, 4, gen), /record 4: delete needs an id/);
    assert.throws(() => prepare({ index: 'i', action: 'upsert' as never, document: {} }, 5, gen), /action must be/);
    assert.throws(() => prepare({ index: 'i' }, 6, gen), /index needs a document object/);
    assert.throws(() => prepare({ index: 'i', id: '', document: {} }, 7, gen), /id must be a non-empty string/);
  });

  test('unicode documents are measured in bytes', () => {
    const item = prepare({ index: 'i', id: 'é', document: { t: '日本' } }, 0, gen);
    assert.ok(item.bytes > item.lines.length);
  });
});

describe('chunkItems', () => {
  const items = Array.from({ length: 10 }, (_, i) => prepare({ index: 'i', id: String(i), document: { v: 'x'.repeat(i * 10) } }, i, gen));

  test('respects the count limit and keeps order', () => {
    const chunks = chunkItems(items, 1e9, 3);
    assert.deepEqual(chunks.map((c) => c.length), [3, 3, 3, 1]);
    assert.deepEqual(chunks.flat().map((i) => i.position), items.map((i) => i.position));
  });

  test('respects the byte limit; an oversized item gets a chunk of its own', () => {
    const limit = items[5]!.bytes + items[6]!.bytes - 1;
    const chunks = chunkItems(items, limit, 100);
    for (const c of chunks) {
      const size = c.reduce((s, i) => s + i.bytes, 0);
      assert.ok(size <= limit || c.length === 1, `chunk of ${size} bytes over ${limit}`);
    }
    assert.equal(chunks.flat().length, items.length);
    assert.equal(chunkItems([items[9]!], 10, 100).length, 1);
  });
});

describe('classifyItem', () => {
  const cases: Array<[number, string | undefined, string, boolean]> = [
    [429, 'es_rejected_execution_exception', 'throttled', true],
    [503, 'unavailable_shards_exception', 'server', true],
    [403, 'security_exception', 'security', false],
    [401, undefined, 'security', false],
    [403, undefined, 'security', false],
    // a 403 with a type that is neither a permission refusal nor a block
    [403, 'some_other_exception', 'validation', false],
    // a write block is not a permission refusal (as for whole requests: README, Guarantees)
    [403, 'cluster_block_exception', 'validation', false],
    [409, 'version_conflict_engine_exception', 'conflict', false],
    [400, 'mapper_parsing_exception', 'mapping', false],
    [400, 'illegal_argument_exception', 'validation', false],
    [404, 'document_missing_exception', 'not_found', false],
    [404, 'index_not_found_exception', 'not_found', false],
  ];
  for (const [status, type, kind, retryable] of cases) {
    test(`${status} ${type} -> ${kind}`, () => assert.deepEqual(classifyItem(status, type), { kind, retryable }));
  }
});

test('backoff uses full jitter within [min/2, min * 2^(round-1)] capped at max', () => {
  assert.equal(backoff(1, 200, 10_000, () => 0), 100);
  assert.equal(backoff(3, 200, 10_000, () => 0.999), 799);
  assert.equal(backoff(20, 200, 10_000, () => 0.999), 9990);
});

describe('AWS adapters', () => {
  const ok = (position: number, key: string): IngestOutcome => ({ status: 'indexed', position, key, action: 'index', index: 'i', id: key, result: 'created', generatedId: false, attempts: 1 });
  const bad = (position: number, key: string, retryable: boolean): IngestOutcome => ({ status: 'failed', position, key, action: 'index', index: 'i', id: key,
    error: new Error('x'), kind: retryable ? 'throttled' : 'security', retryable, attempts: 1 });
  const outcomes = [ok(0, 'a'), bad(1, 'b', true), bad(2, 'c', false)];

  test('Firehose: Ok / ProcessingFailed / Dropped per recordId, data echoed', () => {
    const input = [{ recordId: 'a', data: 'QQ==' }, { recordId: 'b', data: 'Qg==' }, { recordId: 'c', data: 'Qw==' }, { recordId: 'd', data: 'RA==' }];
    const res = toFirehoseResponse(input, outcomes, { dropped: new Set(['d']) });
    assert.deepEqual(res.records.map((r) => [r.recordId, r.result, r.data]), [['a', 'Ok', 'QQ=='], ['b', 'ProcessingFailed', 'Qg=='], ['c', 'ProcessingFailed', 'Qw=='], ['d', 'Dropped', 'RA==']]);
    assert.throws(() => toFirehoseResponse([{ recordId: 'zzz', data: '' }], outcomes), /no outcome for Firehose record zzz/);
  });

  test('SQS/Kinesis: every failure by default, only retryable on request', () => {
    assert.deepEqual(toBatchItemFailures(outcomes), { batchItemFailures: [{ itemIdentifier: 'b' }, { itemIdentifier: 'c' }] });
    assert.deepEqual(toBatchItemFailures(outcomes, { onlyRetryable: true }), { batchItemFailures: [{ itemIdentifier: 'b' }] });
    assert.throws(() => toBatchItemFailures([{ ...bad(0, 'x', true), key: undefined }]), /has no key/);
  });

  test('a record split into several outcomes under one key: any failure fails the key, reported once', () => {
    for (const order of [[ok(0, 'k'), bad(1, 'k', true)], [bad(0, 'k', true), ok(1, 'k')]]) {
      assert.deepEqual(toFirehoseResponse([{ recordId: 'k', data: 'QQ==' }], order).records.map((r) => r.result), ['ProcessingFailed']);
    }
    assert.deepEqual(toFirehoseResponse([{ recordId: 'k', data: 'QQ==' }], [ok(0, 'k'), ok(1, 'k')]).records.map((r) => r.result), ['Ok']);
    assert.deepEqual(toBatchItemFailures([bad(0, 'k', true), bad(1, 'k', false), ok(2, 'm')]), { batchItemFailures: [{ itemIdentifier: 'k' }] });
  });

  test('mapping mistakes throw instead of hiding records: an outcome no input record names, malformed arguments', () => {
    assert.throws(() => toFirehoseResponse([{ recordId: 'a', data: '' }], [ok(0, 'a'), bad(1, 'stray', false)]), /names "stray", which is not a recordId/);
    for (const call of [
      () => toFirehoseResponse(null as never, outcomes),
      () => toFirehoseResponse([null as never], outcomes),
      () => toFirehoseResponse([{ recordId: 'a', data: '' }], null as never),
      () => toFirehoseResponse([{ recordId: 'a', data: '' }], [ok(0, 'a')], { dropped: ['a'] as never }),
      () => toBatchItemFailures(null as never),
      () => toBatchItemFailures([null as never]),
    ]) {
      assert.throws(call, (e: unknown) => e instanceof TypeError && !/Cannot read properties/.test(e.message), String(call));
    }
  });
});
