/**
 * Events a real Lambda or a test harness could hand the example handlers, and what toFirehoseResponse
 * is given: an event that cannot be answered record by record is refused before anything is indexed
 * (MalformedEventError naming the field), a payload that is not what it claims fails alone, FIFO groups
 * of two queues never hold each other back, and the Firehose response is always one a Firehose accepts
 * (each recordId once, data in every record).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/index.js';
import { ingest } from '../../src/ingest/ingest.js';
import { toBatchItemFailures, toFirehoseResponse } from '../../src/ingest/adapters.js';
import { decodeBase64Utf8, firehoseEventRecords, MalformedEventError, sqsIngestRecords } from '../../examples/handler-support.js';
import { startBulkStub, type BulkStub } from '../support/bulk-stub.js';

let stub: BulkStub;
before(async () => {
  stub = await startBulkStub();
});
after(async () => {
  await stub.close();
});

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:q';
function msg(messageId: unknown, body: unknown, arn: unknown = QUEUE, group?: string): Record<string, unknown> {
  return { messageId, body, eventSourceARN: arn, attributes: group === undefined ? {} : { MessageGroupId: group } };
}

function malformed(field: string): (e: unknown) => boolean {
  return (e) => e instanceof MalformedEventError && e instanceof TypeError && e.field === field && e.message.startsWith(`malformed event: ${field} `);
}

describe('SQS events: refused whole when a message cannot be reported, before anything is indexed', () => {
  test('Records missing, not an array, null; a non-object event; a message that is not an object', () => {
    for (const event of [undefined, null, {}, { Records: null }, { Records: {} }, { Records: 'x' }, [], { records: [] }]) {
      assert.throws(() => sqsIngestRecords(event, 'ix'), malformed('Records'), JSON.stringify(event));
    }
    assert.throws(() => sqsIngestRecords({ Records: [msg('a', '{}'), null] }, 'ix'), malformed('Records[1]'));
    assert.throws(() => sqsIngestRecords({ Records: [[1]] }, 'ix'), malformed('Records[0]'));
    assert.deepEqual(sqsIngestRecords({ Records: [] }, 'ix'), { records: [], fifo: false });
  });

  test('a messageId missing, empty or not a string, and an eventSourceARN missing, name the field', () => {
    for (const id of [undefined, '', 7, null, { id: 'a' }]) {
      assert.throws(() => sqsIngestRecords({ Records: [msg('ok', '{}'), msg(id, '{}')] }, 'ix'), malformed('Records[1].messageId'), String(id));
    }
    assert.throws(() => sqsIngestRecords({ Records: [{ messageId: 'ok', body: '{}' }] }, 'ix'), malformed('Records[0].eventSourceARN'));
    assert.throws(() => sqsIngestRecords({ Records: [msg('ok', '{}', 42)] }, 'ix'), malformed('Records[0].eventSourceARN'));
  });

});

describe('SQS FIFO groups are per queue', () => {
  test('the same MessageGroupId on two FIFO queues: a failure on one queue fails nothing on the other', async () => {
    const a = `${QUEUE}-a.fifo`;
    const b = `${QUEUE}-b.fifo`;
    const event = { Records: [msg('a1', 'not json', a, 'g'), msg('b1', '{"n":1}', b, 'g'), msg('a2', '{"n":2}', a, 'g'), msg('b2', '{"n":3}', b, 'g')] };
    const { records, fifo } = sqsIngestRecords(event, 'hq');
    assert.equal(fifo, true);
    const plain = createClient({ node: stub.url, auth: { mode: 'none' } });
    try {
      const report = await ingest(plain, records, { fifo });
      assert.deepEqual(report.outcomes.map((o) => [o.key, o.status === 'failed' ? o.kind : o.status]),
        [['a1', 'invalid_record'], ['b1', 'indexed'], ['a2', 'fifo_group_failed'], ['b2', 'indexed']]);
      assert.deepEqual(toBatchItemFailures(report), { batchItemFailures: [{ itemIdentifier: 'a1' }, { itemIdentifier: 'a2' }] });
    } finally {
      await plain.close();
    }
  });

  test('a standard queue message in a FIFO event holds no group back; a FIFO message without MessageGroupId shares its queue group', () => {
    const f = `${QUEUE}.fifo`;
    const { records } = sqsIngestRecords({ Records: [msg('s1', '{}'), msg('s2', '{}'), msg('f1', '{}', f), msg('f2', '{}', f), msg('f3', '{}', f, 'g')] }, 'ix');
    const [s1, s2, f1, f2, f3] = records.map((r) => r.groupId);
    assert.notEqual(s1, s2);
    assert.equal(f1, f2);
    assert.notEqual(f1, f3);
    assert.notEqual(s1, f1);
  });

});

describe('Firehose events and data', () => {
  test('records missing or not an array, a recordId missing, empty, not a string or repeated, data not a string', () => {
    for (const event of [undefined, {}, { records: null }, { records: {} }, { Records: [] }]) {
      assert.throws(() => firehoseEventRecords(event), malformed('records'), JSON.stringify(event));
    }
    for (const recordId of [undefined, '', 3]) {
      assert.throws(() => firehoseEventRecords({ records: [{ recordId: 'r0', data: '' }, { recordId, data: '' }] }), malformed('records[1].recordId'));
    }
    assert.throws(() => firehoseEventRecords({ records: [{ recordId: 'r', data: 'e30=' }, { recordId: 'r', data: 'e30=' }] }),
      (e) => malformed('records[1].recordId')(e) && /repeats "r"/.test((e as Error).message));
    for (const data of [undefined, null, 5]) {
      assert.throws(() => firehoseEventRecords({ records: [{ recordId: 'r', data }] }), malformed('records[0].data'));
    }
    assert.deepEqual(firehoseEventRecords({ records: [{ recordId: 'r', data: 'e30=', approximateArrivalTimestamp: 1 }] }), [{ recordId: 'r', data: 'e30=' }]);
  });

  test('data must be canonical base64 of UTF-8: junk, whitespace, missing padding, URL-safe letters and non-UTF-8 bytes are refused', () => {
    const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
    assert.equal(decodeBase64Utf8(b64('{"n":1}')), '{"n":1}');
    assert.equal(decodeBase64Utf8(b64('{"s":"é😀"}')), '{"s":"é😀"}');
    assert.equal(decodeBase64Utf8(''), '');
    const good = b64('{"n":1}');   // eyJuIjoxfQ==
    for (const bad of [`${good}!!!`, `!${good}`, `${good.slice(0, 8)}\n${good.slice(8)}`, ` ${good}`, good.replace(/=+$/, ''), b64('{"k":"??>"}').replace(/\//g, '_').replace(/\+/g, '-'),
      b64(Buffer.from([0x7b, 0xff, 0x7d])), b64(Buffer.from([0xed, 0xa0, 0x80])), 'e30', 'e30==', '====']) {
      assert.equal(decodeBase64Utf8(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('toFirehoseResponse answers only what Firehose accepts', () => {
  const OUTCOMES = [{ status: 'indexed', position: 0, key: 'r', action: 'index', index: 'i', id: 'r', result: 'created', generatedId: false, attempts: 1 }] as const;

  test('a recordId twice in the input throws (it answered the recordId twice, which Firehose refuses)', () => {
    assert.throws(() => toFirehoseResponse([{ recordId: 'r', data: 'e30=' }, { recordId: 'r', data: 'e30=' }], [...OUTCOMES]),
      /input\[1\]\.recordId repeats "r": Firehose refuses a response naming a recordId twice/);
  });

  test('an input record without data throws (it answered Ok with no data)', () => {
    assert.throws(() => toFirehoseResponse([{ recordId: 'r' } as { recordId: string; data: string }], [...OUTCOMES]), /input\[0\]\.data must be a string: Firehose requires data/);
  });

  test('an empty recordId throws, naming the record', () => {
    const empty = [{ ...OUTCOMES[0], key: '' }];
    assert.throws(() => toFirehoseResponse([{ recordId: '', data: 'e30=' }], empty), /input\[0\]\.recordId must be a non-empty string/);
  });
});
