/**
 * ingest under a test's fake timers (node:test mock.timers, as vitest's and sinon's fake setImmediate): a run whose
 * requests answer at once must finish without the clock being moved. Stop 59 gave the event loop one turn after each
 * chunk is started (setImmediate); alone, that wait never ended under fake timers.
 */
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { Client } from '@opensearch-project/opensearch';
import { ingest } from '../../src/ingest/ingest.js';

/** A client whose bulk requests succeed at once, every item created. */
function instantClient(): Client {
  const request = (params: { bulkBody?: unknown; body?: unknown }) => {
    const lines = String(params.bulkBody ?? params.body).split('\n').filter((line) => line !== '');
    const items: unknown[] = [];
    for (let i = 0; i < lines.length; i += 2) {
      const action = JSON.parse(lines[i] as string) as Record<string, { _index?: string; _id?: string }>;
      const name = Object.keys(action)[0] as string;
      const meta = action[name] ?? {};
      items.push({ [name]: { _index: meta._index, _id: meta._id, result: 'created', status: 201 } });
    }
    return Object.assign(Promise.resolve({ body: { errors: false, items }, statusCode: 200, headers: {}, meta: {} }), { abort: () => undefined });
  };
  return { transport: { request } } as unknown as Client;
}

test('ingest finishes under fake setImmediate/setTimeout when every request answers at once', async (t) => {
  mock.timers.enable({ apis: ['setImmediate', 'setTimeout', 'setInterval'] });
  t.after(() => mock.timers.reset());
  const records = Array.from({ length: 10 }, (_, i) => ({ index: 'lo59-i', id: `r${i}`, document: { n: i } }));
  let settled = false;
  const run = ingest(instantClient(), records, { maxBatchCount: 2, concurrency: 4 }).finally(() => { settled = true; });
  // a few microtask/poll rounds without moving the fake clock (real I/O turns still happen)
  for (let i = 0; i < 50 && !settled; i++) await new Promise<void>((resolve) => process.nextTick(resolve));
  assert.equal(settled, true, 'ingest did not settle without the fake clock moving');
  const report = await run;
  assert.equal(report.stats.indexed, 10);
  assert.equal(report.stats.failed, 0);
});
