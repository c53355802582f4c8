/**
 * How a bulk item is matched to its record (h205 findings 3-5): `_index` disproves a match only where it truly
 * contradicts (another record of the request sends the same document id to the index the item names), so an alias, a
 * data stream or a date math name resolving to another record's target is no mismatch; an item `result` its action
 * cannot get (2.19.4: index created/updated, create created, update updated/noop/created, delete deleted, 404
 * not_found; a pipeline's drop: noop) and an item without `_id` (the node writes it on every item) are mismatches.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchBulkResponse, type SentItem } from '../../src/ingest/response.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { Client } from '@opensearch-project/opensearch';
import type { IngestAction } from '../../src/ingest/types.js';

const item = (action: IngestAction, fields: Record<string, unknown>): Record<string, unknown> => ({ [action]: fields });
const kinds = (sent: SentItem[], items: unknown[]): string[] => matchBulkResponse(sent, { errors: false, items }).map((v) => (v.type === 'ok' ? `ok ${v.result}` : v.type));

describe('h210 _index disproves a match only where it truly contradicts', () => {
  test('h210 a record through an alias answered with the index another record writes to directly: both ok; real mismatches stay', () => {
    const sent: SentItem[] = [{ action: 'index', index: 'al', id: 'via' }, { action: 'index', index: 'real', id: 'direct' }];
    assert.deepEqual(kinds(sent, [item('index', { _index: 'real', _id: 'via', status: 201, result: 'created' }), item('index', { _index: 'real', _id: 'direct', status: 201, result: 'created' })]), ['ok created', 'ok created']);
    // items of two records sending the same id to different indices, out of order: both mismatches
    const same: SentItem[] = [{ action: 'index', index: 'a', id: 'x' }, { action: 'index', index: 'b', id: 'x' }];
    const swapped = [item('index', { _index: 'b', _id: 'x', status: 400, error: { type: 'mapper_parsing_exception', reason: 'r' } }), item('index', { _index: 'a', _id: 'x', status: 201, result: 'created' })];
    assert.deepEqual(kinds(same, swapped), ['mismatch', 'mismatch']);
    // an _index that is not a string
    assert.deepEqual(kinds([{ action: 'index', index: 'a', id: 'x' }], [item('index', { _index: 5, _id: 'x', status: 201, result: 'created' })]), ['mismatch']);
  });

  test('h210 a date math name and a data stream resolving to another record\'s target: ok', () => {
    const sent: SentItem[] = [{ action: 'create', index: '<logs-{now/d}>', id: 'a' }, { action: 'create', index: 'logs-2026.12.07', id: 'b' }, { action: 'create', index: 'ds', id: 'c' }, { action: 'create', index: '.ds-ds-000001', id: 'd' }];
    const items = [
      item('create', { _index: 'logs-2026.12.07', _id: 'a', status: 201, result: 'created' }), item('create', { _index: 'logs-2026.12.07', _id: 'b', status: 201, result: 'created' }),
      item('create', { _index: '.ds-ds-000001', _id: 'c', status: 201, result: 'created' }), item('create', { _index: '.ds-ds-000001', _id: 'd', status: 201, result: 'created' }),
    ];
    assert.deepEqual(kinds(sent, items), ['ok created', 'ok created', 'ok created', 'ok created']);
  });
});

describe('h210 an item result its action cannot get is a mismatch', () => {
  const can: Record<IngestAction, string[]> = { index: ['created', 'updated', 'noop'], create: ['created', 'noop'], update: ['updated', 'noop', 'created'], delete: ['deleted', 'not_found'] };
  const words = ['created', 'updated', 'deleted', 'noop', 'not_found', 'garbage', 'Created', ''];
  for (const action of ['index', 'create', 'update', 'delete'] as const) {
    test(`h210 ${action}: ${can[action].join(', ')} are answers, other words and non-strings are not`, () => {
      for (const result of [...words, 5, null]) {
        const [v] = matchBulkResponse([{ action, index: 'i', id: 'x' }], { items: [item(action, { _index: 'i', _id: 'x', status: result === 'created' ? 201 : 200, result })] });
        const expected = typeof result === 'string' && can[action].includes(result) ? 'ok' : 'mismatch';
        assert.equal(v?.type, expected, `${action} ${JSON.stringify(result)}`);
      }
      // a 2xx item without result is judged by its status; a delete's 404 not_found is the bare error attempts reads as not_found
      const [none] = matchBulkResponse([{ action, index: 'i', id: 'x' }], { items: [item(action, { _index: 'i', _id: 'x', status: 200 })] });
      assert.equal(none?.type, 'ok');
      if (action === 'delete') {
        const [missing] = matchBulkResponse([{ action, index: 'i', id: 'x' }], { items: [item(action, { _index: 'i', _id: 'x', status: 404, result: 'not_found' })] });
        assert.ok(missing?.type === 'error' && missing.bare);
      }
    });
  }
});

describe('h210 an item without _id is a mismatch', () => {
  test('h210 success and error items without _id account for no record', () => {
    const sent: SentItem[] = [{ action: 'index', index: 'i', id: 'x' }, { action: 'create', index: 'i', id: 'y' }, { action: 'delete', index: 'i', id: 'z' }];
    const items = [item('index', { _index: 'i', status: 201, result: 'created' }), item('create', { _index: 'i', status: 400, error: { type: 'mapper_parsing_exception', reason: 'r' } }), item('delete', { status: 404, result: 'not_found' })];
    assert.deepEqual(kinds(sent, items), ['mismatch', 'mismatch', 'mismatch']);
  });

  test('h210 a server dropping _id and reordering items never gets the refused record reported indexed', async () => {
    const request = (params: { bulkBody: string }): Promise<unknown> => {
      const metas = params.bulkBody.split('\n').filter((l, i) => l !== '' && i % 2 === 0).map((l) => (JSON.parse(l) as { index: { _index: string; _id: string } }).index);
      const items = metas.map((m) => ({ index: m._id === 'm0' ? { _index: m._index, status: 400, error: { type: 'mapper_parsing_exception', reason: 'failed to parse' } } : { _index: m._index, status: 201, result: 'created' } }));
      items.push(items.shift()!);
      return Promise.resolve({ body: { errors: true, items }, statusCode: 200 });
    };
    const client = { transport: { request } } as unknown as Client;
    const report = await ingest(client, ['m0', 'm1', 'm2'].map((id) => ({ index: 'events', id, key: id, document: { n: id } })), { retries: 0 });
    assert.deepEqual(report.outcomes.map((o) => (o.status === 'failed' ? o.kind : o.status)), ['response_mismatch', 'response_mismatch', 'response_mismatch']);
  });
});
