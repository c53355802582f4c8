/** Document ids with special characters, indexed and fetched through the SigV4 edge as the IAM master. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createClient } from '../../src/client/create-client.js';
import { loadConnection } from '../domain/connection.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const INDEX = 'p2-ids';
const IDS = ['a:b', 'with space', '100%', 'café', 'a/b', "it's(1)*!", '日本語', '🚀', 'plus+sign', 'q?x=1&y', '%2F', '~t'];
const { accessKeyId, secretAccessKey, sessionToken } = conn.iam.master;
const client = createClient({
  node: conn.edge.url,
  ssl: { ca },
  auth: { mode: 'iam', region: conn.region, credentials: { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) } },
});

before(async () => {
  await client.indices.delete({ index: INDEX }, { ignore: [404] });
  await client.indices.create({ index: INDEX, body: { settings: { number_of_replicas: 0 } } });
});
after(async () => {
  await client.indices.delete({ index: INDEX }, { ignore: [404] });
  await client.close();
});

describe('special-character ids through the edge', () => {
  for (const id of IDS) {
    test(`index, get, update and delete ${JSON.stringify(id)}`, async () => {
      const put = await client.index({ index: INDEX, id, body: { id, n: 1 }, refresh: true });
      assert.equal(put.body._id, id);
      const got = await client.get({ index: INDEX, id });
      assert.equal(got.body._id, id);
      assert.deepEqual(got.body._source, { id, n: 1 });
      await client.update({ index: INDEX, id, body: { doc: { n: 2 } } });
      assert.equal((await client.get({ index: INDEX, id })).body._source.n, 2);
      assert.equal((await client.exists({ index: INDEX, id })).body, true);
    });
  }

  test('all ids come back from a search, and mget by id finds each', async () => {
    await client.indices.refresh({ index: INDEX });
    const r = await client.search({ index: INDEX, body: { size: 100, query: { match_all: {} } } });
    assert.deepEqual(r.body.hits.hits.map((h) => String(h._id)).sort(), [...IDS].sort());
    const m = await client.mget({ index: INDEX, body: { ids: IDS } });
    assert.ok(m.body.docs.every((d) => 'found' in d && d.found === true));
    for (const id of IDS) await client.delete({ index: INDEX, id });
    assert.equal((await client.exists({ index: INDEX, id: IDS[0] as string })).body, false);
  });
});
