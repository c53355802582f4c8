/**
 * A bulk whose answer is lost after the real node applied it (the fault proxy resets the connection after forwarding),
 * then ingest's own retry: the node answers the retry of a delete `not_found` and of an update `noop`, although this
 * call deleted / updated the document. Those results are kept (they are the node's answer) and marked `ambiguous`, as
 * a create that meets 409 after a lost answer is (README "Ambiguous creates"); before, they carried no mark.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { ingest } from '../../src/ingest/ingest.js';
import { startFaultProxy } from '../support/fault-proxy.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const INDEX = 'll-lost-answer';

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return request(`${conn.opensearch.url}${path}`, { method, basic: master, ca, body: body === undefined ? undefined : JSON.stringify(body) });
}

before(async () => {
  await admin('DELETE', `/${INDEX}`);
  await admin('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
  await admin('PUT', `/${INDEX}/_doc/d1?refresh=true`, { n: 1 });
  await admin('PUT', `/${INDEX}/_doc/u1?refresh=true`, { n: 1 });
});
after(async () => {
  await admin('DELETE', `/${INDEX}`);
});

test('delete and update whose answer was lost after the node applied them: the retry\'s not_found / noop is not reported as this call\'s result', async () => {
  const proxy = await startFaultProxy(conn.opensearch.url, ca, [{ kind: 'reset-after-forward' }]);
  const client = new Client({ node: proxy.url, auth: conn.users.master, maxRetries: 0 });
  const report = await ingest(client, [
    { index: INDEX, action: 'delete', id: 'd1' },
    { index: INDEX, action: 'update', id: 'u1', document: { n: 2 } },
  ], { minDelayMs: 5, maxDelayMs: 10, refresh: true });
  await client.close();
  await proxy.close();
  assert.equal(proxy.seen.length, 2, 'the first bulk was applied and its answer lost, the second is ingest\'s retry');
  assert.equal((await admin('GET', `/${INDEX}/_doc/d1`)).status, 404, 'the first attempt deleted d1');
  assert.match((await admin('GET', `/${INDEX}/_doc/u1`)).text, /"n":2/, 'the first attempt updated u1');
  const [del, upd] = report.outcomes;
  assert.equal(del?.status, 'indexed');
  assert.equal(upd?.status, 'indexed');
  // what the node said to the retry (observed: not_found and noop, without ambiguous)
  const said = { del: del?.status === 'indexed' ? [del.result, del.ambiguous] : undefined, upd: upd?.status === 'indexed' ? [upd.result, upd.ambiguous] : undefined };
  assert.ok(del?.status === 'indexed' && (del.result === 'deleted' || del.ambiguous === true), `delete applied by this call reported as ${JSON.stringify(said)}`);
  assert.ok(upd?.status === 'indexed' && (upd.result === 'updated' || upd.ambiguous === true), `update applied by this call reported as ${JSON.stringify(said)}`);
});
