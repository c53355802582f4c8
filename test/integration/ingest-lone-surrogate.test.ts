/**
 * A record naming an index with a lone UTF-16 surrogate: the real node never answers a bulk request holding
 * one (2.19.4 and 3.4.0, review rv4 X), so every record of that request timed out, on every redelivery. Such a
 * record now fails alone (`invalid_record`) before anything is sent; the others are stored, and an id or
 * routing with a lone surrogate is stored as sent (JSON escapes it; review rv4 RR).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { IngestRecord } from '../../src/ingest/types.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const INDEX = 'p15-lone-surrogate';
const client = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca }, maxRetries: 0, requestTimeout: 10_000 });

const drop = async (): Promise<void> => {
  await request(`${conn.opensearch.url}/${INDEX}?ignore_unavailable=true`, { method: 'DELETE', basic: master, ca });
};
before(drop);
after(async () => {
  await drop();
  await client.close();
});

test('a record whose index holds a lone surrogate fails alone as invalid_record; the rest of the batch, lone-surrogate ids and routing included, is stored at once', async () => {
  const records: IngestRecord[] = [
    { index: INDEX, id: 'ok-1', key: 'k0', document: { n: 1 } },
    { index: `${INDEX}-a\uD800b`, id: 'bad-index', key: 'k1', document: { n: 2 } },
    { index: INDEX, id: 'bad-\uDC00-id', key: 'k2', document: { n: 3 } },
    { index: INDEX, id: 'bad-routing', routing: 'r\uD83D', key: 'k3', document: { n: 4 } },
    { index: INDEX, id: 'ok-2\uD83D\uDE00', key: 'k4', document: { n: 5, text: 'lone \uD800 in a document is JSON-escaped and fine' } },
  ];
  const report = await ingest(client, records, { retries: 0, refresh: 'wait_for' });
  const summary = report.outcomes.map((o) => [o.key, o.status === 'indexed' ? 'indexed' : o.kind]);
  assert.deepEqual(summary, [['k0', 'indexed'], ['k1', 'invalid_record'], ['k2', 'indexed'], ['k3', 'indexed'], ['k4', 'indexed']]);
  assert.equal(report.stats.bulkRequests, 1);
  const count = await request(`${conn.opensearch.url}/${INDEX}/_count`, { method: 'GET', basic: master, ca });
  assert.equal((JSON.parse(count.text) as { count: number }).count, 4);
});
