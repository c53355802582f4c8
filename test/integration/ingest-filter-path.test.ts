/**
 * The real node honours the `filter_path` ingest asks for: a bulk response carries exactly what the
 * outcome accounting reads (errors; per item _id, _index, status, result, error), and a refused request
 * keeps its error and status. ingest() then accounts for the same records from that reduced response.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { bulkSender } from '../../src/ingest/send.js';
import { ingest } from '../../src/ingest/ingest.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const INDEX = 'p14-filter-path';
const client = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca }, maxRetries: 0 });

async function admin(method: string, path: string, body?: unknown): Promise<void> {
  const r = await request(`${conn.opensearch.url}${path}`, { method, basic: master, ca, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(r.status < 300 || (method === 'DELETE' && r.status === 404), `${method} ${path}: ${r.status} ${r.text}`);
}

const ndjson = (...lines: unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

before(async () => {
  await admin('DELETE', `/${INDEX}`);
  await admin('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
  await admin('PUT', `/${INDEX}/_doc/exists?refresh=true`, { n: 0 });
});

after(async () => {
  await admin('DELETE', `/${INDEX}`);
  await client.close();
});

describe('bulk filter_path on the real node', () => {
  test('items keep only _id, _index, status, result and error; no _version, _shards, _seq_no, _primary_term, took', async () => {
    const send = bulkSender(client, false);
    const { body: answer } = await send(ndjson(
      { index: { _index: INDEX, _id: 'new' } }, { n: 1 },
      { index: { _index: INDEX, _id: 'exists' } }, { n: 2 },
      { create: { _index: INDEX, _id: 'exists' } }, { n: 3 },
      { delete: { _index: INDEX, _id: 'missing' } },
    ), undefined);
    const body = answer as { errors: unknown; items: Array<Record<string, Record<string, unknown>>> };
    assert.deepEqual(Object.keys(body).sort(), ['errors', 'items']);
    assert.equal(body.errors, true);
    assert.deepEqual(body.items.map((i) => Object.keys(i)), [['index'], ['index'], ['create'], ['delete']]);
    const [created, updated, conflict, missing] = body.items.map((i) => Object.values(i)[0] as Record<string, unknown>);
    assert.deepEqual(created, { _id: 'new', _index: INDEX, result: 'created', status: 201 });
    assert.deepEqual(updated, { _id: 'exists', _index: INDEX, result: 'updated', status: 200 });
    assert.deepEqual(Object.keys(conflict ?? {}).sort(), ['_id', '_index', 'error', 'status']);
    assert.equal(conflict?._id, 'exists');
    assert.equal(conflict?.status, 409);
    assert.equal((conflict?.error as { type?: unknown }).type, 'version_conflict_engine_exception');
    assert.deepEqual(missing, { _id: 'missing', _index: INDEX, result: 'not_found', status: 404 });
  });

  test('a refused request keeps error and status', async () => {
    const send = bulkSender(client, false);
    // an unknown action makes the node refuse the whole request (400), not one item
    const error = await send(ndjson({ explode: { _index: INDEX, _id: 'x' } }, { n: 1 }), undefined).then(() => undefined, (e: unknown) => e);
    assert.ok(error !== undefined, 'a bulk body with an unknown action is refused');
    const b = (error as { meta?: { body?: unknown; statusCode?: unknown } }).meta?.body as Record<string, unknown> | undefined;
    assert.ok(b !== undefined && typeof b === 'object', `the error carries the response body (${String(error)})`);
    assert.deepEqual(Object.keys(b).sort(), ['error', 'status']);
    assert.equal(b.status, 400);
  });

  test('ingest() accounts for each record from the reduced response', async () => {
    const report = await ingest(client, [
      { index: INDEX, id: 'a', document: { n: 1 } },
      { index: INDEX, id: 'exists', document: { n: 4 } },
      { index: INDEX, id: 'exists', action: 'create', document: { n: 5 } },
      { index: INDEX, id: 'gone', action: 'delete' },
    ], { retries: 0 });
    const outcomes = report.outcomes.map((o) => (o.status === 'indexed' ? `${o.id} ${o.result}` : `${o.id} failed ${o.kind}`));
    assert.deepEqual(outcomes, ['a created', 'exists updated', 'exists failed conflict', 'gone not_found']);
    assert.equal(report.stats.bulkRequests, 1);
  });
});
