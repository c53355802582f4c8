/**
 * The real 2.19.4 node, one ingest request writing through a write alias AND to the alias's own index (h205 finding
 * 3): the node stores both and names the concrete index on the alias record's item, which is the other record's
 * target. Both records are indexed (created) by the one request: no response_mismatch, no re-send. Also each item the
 * node answers carries `_id` (h205 finding 5): a refused record is failed as the node said, not a mismatch.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restAnswer, restOk } from '../support/local-clients.js';
import { ingest } from '../../src/ingest/ingest.js';

const conn = loadConnection();
const { master, closeAll } = localBasicClients(conn);
const INDEX = 'h210-real';
const ALIAS = 'h210-al';

describe('h210 ingest through an alias and to its index in one request (live)', () => {
  before(async () => {
    await restAnswer(master, 'DELETE', `/${INDEX}`);
    await restOk(master, 'PUT', `/${INDEX}`, { mappings: { dynamic: 'strict', properties: { n: { type: 'integer' } } }, aliases: { [ALIAS]: { is_write_index: true } } });
  });
  after(async () => {
    await restAnswer(master, 'DELETE', `/${INDEX}`);
    await closeAll();
  });

  for (const action of ['index', 'create'] as const) {
    for (const retries of [0, 2]) {
      test(`h210 ${action}, retries ${retries}: both created by one bulk request`, async () => {
        const via = `via-${action}-${retries}`;
        const direct = `direct-${action}-${retries}`;
        const report = await ingest(master, [
          { index: ALIAS, action, id: via, key: 'via', document: { n: 1 } },
          { index: INDEX, action, id: direct, key: 'direct', document: { n: 2 } },
          { index: ALIAS, action, id: `bad-${action}-${retries}`, key: 'bad', document: { zz: 1 } },
        ], { retries, minDelayMs: 10, maxDelayMs: 20 });
        assert.deepEqual(report.outcomes.map((o) => (o.status === 'indexed' ? `${o.result}${o.ambiguous ? ' ambiguous' : ''}` : o.kind)), ['created', 'created', 'mapping']);
        assert.equal(report.stats.bulkRequests, 1);
        const stored = await restAnswer(master, 'GET', `/${INDEX}/_doc/${via}`);
        assert.equal((stored.body as { found?: unknown }).found, true);
      });
    }
  }
});
