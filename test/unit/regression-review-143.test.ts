/**
 * Regression review of 9bb3358..HEAD (helper 143): ingest's array source, fifo's unusable groupId, and the
 * `fields` value of a regex-masked normalized keyword.
 * Loopback bulk stub (transport behaviour only).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { ingest } from '../../src/ingest/ingest.js';
import { IngestSourceError } from '../../src/ingest/errors.js';
import type { IngestRecord, IngestReport } from '../../src/ingest/types.js';
import { honest, startBulkStub, type BulkStub } from '../support/bulk-stub.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { expectationsFromRoles, type RoleLike } from '../../src/verify/expectations.js';
import { fieldTypesFromMapping } from '../../src/verify/dls/index.js';

let stub: BulkStub;
before(async () => { stub = await startBulkStub(); });
after(async () => { await stub.close(); });

const rec = (i: number): IngestRecord => ({ index: 'r', id: `d${i}`, key: `k${i}`, document: { i } });

describe('an array changed while ingest reads it', () => {
  test('shrunk while a bulk request is answered, then aborted: not a complete report that skips a record', async () => {
    const records = [0, 1, 2, 3, 4].map(rec);
    const controller = new AbortController();
    stub.store.clear();
    stub.requests.length = 0;
    stub.plan = (items, n, s) => {
      if (n === 1) {
        // (the second bulk request: k0..k3 have been read by then; k4, still in the array, is never read)
        // the caller drops record 2 from its array and stops the run
        records.splice(2, 1);
        controller.abort(new Error('stop'));
      }
      return honest(items.map((i) => s.apply(i)));
    };
    const c = new Client({ node: stub.url, maxRetries: 0 });
    let report: IngestReport | undefined;
    let thrown: unknown;
    try {
      report = await ingest(c, records, { maxBatchCount: 1, concurrency: 1, signal: controller.signal, minDelayMs: 0, maxDelayMs: 1 });
    } catch (e) {
      thrown = e;
    }
    await c.close();
    if (thrown !== undefined) {
      // what next() does for the same change: an IngestSourceError
      assert.ok(thrown instanceof IngestSourceError, String(thrown));
      return;
    }
    const r = report as IngestReport;
    const keys = r.outcomes.map((o) => o.key);
    // every record the array held from start to end (k0, k1, k3, k4) has an outcome in a report that says it is complete
    // (current code: rest() reads up to min(old, new length) from the old position; k4 is left out, complete=true)
    if (r.complete) for (const k of ['k0', 'k1', 'k3', 'k4']) assert.ok(keys.includes(k), `complete report without ${k}: ${JSON.stringify(keys)}`);
  });
});

describe('fifo: a record whose groupId cannot be read fails alone', () => {
  test('a record whose every field read throws does not fail the later records without a group', async () => {
    stub.store.clear();
    stub.requests.length = 0;
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const hostile = new Proxy({}, {
      get: () => { throw new Error('no'); },
      getOwnPropertyDescriptor: () => { throw new Error('no'); },
      has: () => { throw new Error('no'); },
    });
    const c = new Client({ node: stub.url, maxRetries: 0 });
    const report = await ingest(c, [hostile as unknown as IngestRecord, rec(1)], { fifo: true });
    await c.close();
    const later = report.outcomes.find((o) => o.position === 1);
    assert.equal(report.outcomes.find((o) => o.position === 0)?.status, 'failed');
    // its groupId read threw like the others: group unknown, so record 1 (no group) must not pay for it
    assert.equal(later?.status, 'indexed', JSON.stringify(later?.status === 'failed' ? [later.kind, later.error.message] : later));
  });

  test('control: a record whose groupId getter alone throws already fails alone', async () => {
    stub.store.clear();
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const r0 = { index: 'r', id: 'd0', key: 'k0', document: {}, get groupId(): string { throw new Error('no'); } };
    const c = new Client({ node: stub.url, maxRetries: 0 });
    const report = await ingest(c, [r0 as unknown as IngestRecord, rec(1)], { fifo: true });
    await c.close();
    assert.equal(report.outcomes.find((o) => o.position === 1)?.status, 'indexed');
  });
});

describe('verify: a regex-masked keyword with the lowercase normalizer', () => {
  // Node truth (2.19.4, probed by helper 143): nk "Ab1" under `nk::/[0-9]/::X` with normalizer lowercase gives
  // _source "AbX", `fields` (source-based, normalized after masking) "abx", `docvalue_fields` (mask of the normalized term) "abX".
  const SALT = 'unit-test-salt-143-regex-normalized';
  const role: RoleLike = { name: 'r', index_permissions: [{ index_patterns: ['rn-i'], masked_fields: ['nk::/[0-9]/::X'], allowed_actions: ['read'] }] };
  const exp = () => ({
    ...expectationsFromRoles([role], 'rn-i', undefined, { salt: SALT, pluginVersion: '2.19.4', fieldTypes: fieldTypesFromMapping({ 'rn-i': { mappings: { properties: { nk: { type: 'keyword', normalizer: 'lowercase' } } } } }) }),
    originals: new Map([['rn-i/1', { nk: 'Ab1' }]]),
  });
  const answer = (fields: string[]): unknown => ({ hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'rn-i', _id: '1', _source: { nk: 'AbX' }, fields: { nk: fields } }] } });
  test('control: docvalue_fields "abX" (mask of the normalized term) passes', () => {
    const r = verifyHits(answer(['abX']), exp());
    assert.equal(r.hits[0]?.findings.length, 0, JSON.stringify(r.hits[0]?.findings));
  });
  test('the `fields` API value "abx" (the masked source, normalized) is no wrong-mask', () => {
    const r = verifyHits(answer(['abx']), exp());
    assert.equal(r.hits[0]?.findings.length, 0, JSON.stringify(r.hits[0]?.findings));
  });
});
