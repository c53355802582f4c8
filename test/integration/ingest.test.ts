/**
 * Ingestion against the real plugin: every record accounted for, FGAC refusals typed per item,
 * mixed actions attributed to the right records, and no loss or duplication under injected faults.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { IngestRecord } from '../../src/ingest/types.js';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { startFaultProxy, type BulkFault } from '../support/fault-proxy.js';
import { createClient } from '../../src/client/create-client.js';
import { randomBytes } from 'node:crypto';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const WRITER = { username: 'p6-user', password: 'p6-Writer-Pass-9f3k!Q' };
const api = `${conn.opensearch.url}/_plugins/_security/api`;

async function admin(method: string, path: string, body?: unknown): Promise<void> {
  const r = await request(`${conn.opensearch.url}${path}`, { method, basic: master, ca, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(r.status < 300 || (method === 'DELETE' && r.status === 404), `${method} ${path}: ${r.status} ${r.text}`);
}

async function count(index: string): Promise<number> {
  await request(`${conn.opensearch.url}/${index}/_refresh`, { method: 'POST', basic: master, ca });
  const r = await request(`${conn.opensearch.url}/${index}/_count`, { basic: master, ca });
  return r.json<{ count: number }>().count;
}

async function ids(index: string): Promise<string[]> {
  await request(`${conn.opensearch.url}/${index}/_refresh`, { method: 'POST', basic: master, ca });
  const r = await request(`${conn.opensearch.url}/${index}/_search`, { method: 'POST', basic: master, ca,
    body: JSON.stringify({ size: 10_000, _source: false, query: { match_all: {} } }) });
  return r.json<{ hits: { hits: Array<{ _id: string }> } }>().hits.hits.map((h) => h._id).sort();
}

const writerClient = () => new Client({ node: conn.opensearch.url, auth: WRITER, ssl: { ca }, maxRetries: 0 });

before(async () => {
  await admin('PUT', '/_plugins/_security/api/roles/p6-writer', {
    cluster_permissions: ['cluster_composite_ops', 'cluster_monitor'],
    index_permissions: [{ index_patterns: ['p6-flights*'], allowed_actions: ['crud', 'create_index'] }],
  });
  await admin('PUT', '/_plugins/_security/api/internalusers/p6-user', { password: WRITER.password, backend_roles: [] });
  await admin('PUT', '/_plugins/_security/api/rolesmapping/p6-writer', { users: ['p6-user'] });
  for (const index of ['p6-flights', 'p6-movies', 'p6-faults']) {
    await admin('DELETE', `/${index}`);
    await admin('PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { properties: { n: { type: 'integer' }, title: { type: 'keyword' } } } });
  }
  void api;
});

after(async () => {
  for (const index of ['p6-flights', 'p6-movies', 'p6-faults', 'p6-faults-iam', 'p6-chaos', 'p6-ambiguous', 'p6-whole']) await admin('DELETE', `/${index}`);
  await admin('DELETE', '/_plugins/_security/api/rolesmapping/p6-writer');
  await admin('DELETE', '/_plugins/_security/api/roles/p6-writer');
  await admin('DELETE', '/_plugins/_security/api/internalusers/p6-user');
});

describe('a principal allowed to write p6-flights but not p6-movies', () => {
  test('a mixed batch: every record accounted for, movies refused with SecurityExceptionError', async () => {
    const records: IngestRecord[] = [];
    for (let i = 0; i < 60; i++) {
      records.push(i % 6 === 5
        ? { index: 'p6-movies', id: `m-${i}`, document: { title: `movie ${i}` }, key: `k${i}` }
        : { index: 'p6-flights', id: `f-${i}`, document: { n: i }, key: `k${i}` });
    }
    const client = writerClient();
    const report = await ingest(client, records, { maxBatchCount: 16, refresh: true });
    await client.close();
    assert.equal(report.outcomes.length, records.length);
    report.outcomes.forEach((o, i) => {
      assert.equal(o.position, i);
      assert.equal(o.key, `k${i}`);
      if (records[i]!.index === 'p6-movies') {
        assert.equal(o.status, 'failed', `record ${i}`);
        if (o.status !== 'failed') return;
        assert.equal(o.kind, 'security');
        assert.equal(o.retryable, false);
        assert.ok(o.error instanceof SecurityExceptionError, `record ${i}: ${o.error.constructor.name}`);
        assert.equal(o.error.user?.name, 'p6-user');
        assert.ok(o.error.actions.some((a) => a.startsWith('indices:data/write')), o.error.actions.join());
      } else {
        assert.equal(o.status, 'indexed', `record ${i}`);
        if (o.status === 'indexed') assert.equal(o.result, 'created');
      }
    });
    assert.equal(report.stats.indexed, 50);
    assert.equal(report.stats.failed, 10);
    assert.equal(report.stats.failuresByKind.security, 10);
    assert.equal(await count('p6-flights'), 50);
    assert.equal(await count('p6-movies'), 0);
  });

  test('mixed index/create/update/delete: failures attributed to the right records', async () => {
    const client = writerClient();
    await ingest(client, [{ index: 'p6-flights', id: 'keep', document: { n: 1 } }, { index: 'p6-flights', id: 'gone', document: { n: 2 } }], { refresh: true });
    const records: IngestRecord[] = [
      { index: 'p6-flights', action: 'delete', id: 'gone', key: 'del-existing' },
      { index: 'p6-flights', action: 'delete', id: 'never-was', key: 'del-missing' },
      { index: 'p6-flights', action: 'create', id: 'keep', document: { n: 3 }, key: 'create-existing' },
      { index: 'p6-flights', action: 'update', id: 'nope', document: { n: 4 }, key: 'update-missing' },
      { index: 'p6-flights', action: 'update', id: 'keep', document: { n: 5 }, key: 'update-existing' },
      { index: 'p6-movies', action: 'delete', id: 'x', key: 'del-forbidden' },
      { index: 'p6-flights', document: { n: 'not a number' }, key: 'bad-mapping' },
      { index: 'p6-flights', document: { n: 6 }, key: 'auto-id' },
      { index: '', document: {}, key: 'invalid' },
    ];
    const report = await ingest(client, records, { refresh: true });
    await client.close();
    const byKey = Object.fromEntries(report.outcomes.map((o) => [o.key, o]));
    const view = (k: string) => {
      const o = byKey[k]!;
      return o.status === 'indexed' ? `indexed:${o.result}` : `failed:${o.kind}:${o.retryable}`;
    };
    assert.deepEqual(Object.fromEntries(records.map((r) => [r.key, view(r.key!)])), {
      'del-existing': 'indexed:deleted',
      'del-missing': 'indexed:not_found',
      'create-existing': 'failed:conflict:false',
      'update-missing': 'failed:not_found:false',
      'update-existing': 'indexed:updated',
      'del-forbidden': 'failed:security:false',
      'bad-mapping': 'failed:mapping:false',
      'auto-id': 'indexed:created',
      invalid: 'failed:invalid_record:false',
    });
    const auto = byKey['auto-id']!;
    assert.ok(auto.status === 'indexed' && auto.generatedId);
    const doc = await request(`${conn.opensearch.url}/p6-flights/_doc/keep`, { basic: master, ca });
    assert.equal(doc.json<{ _source: { n: number } }>()._source.n, 5, 'the update landed on the right document');
  });
});

describe('fault injection through a loopback proxy', () => {
  test('429 bursts, per-item rejections and a connection reset: nothing lost, nothing duplicated', async () => {
    const proxy = await startFaultProxy(conn.opensearch.url, ca, [
      { kind: 'status', status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '0' } },
      { kind: 'reject-items', positions: [1, 3, 5, 7] },
      { kind: 'reset-after-forward' },
      { kind: 'status', status: 503, body: { error: { type: 'unavailable', reason: 'injected' }, status: 503 } },
      { kind: 'reject-items', positions: [0] },
    ]);
    const client = new Client({ node: proxy.url, auth: conn.users.master, maxRetries: 0 });
    // Half the records carry no id: the ids generated client-side make every retry idempotent.
    const records: IngestRecord[] = Array.from({ length: 200 }, (_, i) => ({
      index: 'p6-faults', ...(i % 2 === 0 ? { id: `r-${i}` } : {}), action: i % 4 === 1 ? 'create' : 'index', document: { n: i }, key: String(i),
    }));
    const progress: number[] = [];
    const report = await ingest(client, records, { maxBatchCount: 40, concurrency: 2, minDelayMs: 10, maxDelayMs: 50,
      onProgress: (s) => progress.push(s.indexed + s.failed) });
    await client.close();
    await proxy.close();
    if (process.env.FGAC_DEBUG) console.log(JSON.stringify({ seen: proxy.seen, stats: report.stats }));
    assert.deepEqual(report.outcomes.filter((o) => o.status === 'failed').map((o) => o.status === 'failed' && `${o.key}:${o.kind}:${o.error.message}`), []);
    assert.equal(report.stats.indexed, 200);
    assert.ok(report.stats.retries > 0, 'some records were retried');
    assert.ok(proxy.seen.some((s) => s.fault === 'reset-after-forward') && proxy.seen.some((s) => s.fault === 'reject-items'));
    const expected = report.outcomes.map((o) => o.status === 'indexed' ? o.id : '').sort();
    assert.equal(new Set(expected).size, 200, 'every outcome names a distinct id');
    assert.deepEqual(await ids('p6-faults'), expected, 'the index holds exactly the reported ids: no loss, no duplicate');
    assert.ok(progress.length >= 5 && progress.every((v, i) => i === 0 || v >= progress[i - 1]!), 'progress is reported and monotonic');
  });
});

describe('ingest through a faulty proxy in front of the real node: nothing lost', () => {
  test('an async stream under 429s, per-item rejections, 503s and resets: every record stored or reported failed', async () => {
    // A fault on most requests; resets after the node applied the batch make the answers ambiguous.
    const script: BulkFault[] = [];
    for (let i = 0; i < 30; i++) {
      script.push(
        i % 5 === 0 ? { kind: 'reset-after-forward' }
          : i % 5 === 1 ? { kind: 'status', status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '0' } }
            : i % 5 === 2 ? { kind: 'reject-items', positions: [0, 2, 5, 11, 17] }
              : i % 5 === 3 ? { kind: 'status', status: 503, body: { error: { type: 'unavailable', reason: 'injected' }, status: 503 } }
                : { kind: 'pass' },
      );
    }
    const proxy = await startFaultProxy(conn.opensearch.url, ca, script);
    const client = createClient({ node: proxy.url, auth: { mode: 'basic', ...conn.users.master }, retry: { retries: 1, minDelayMs: 5, maxDelayMs: 20 } });
    const total = 500;
    async function* stream(): AsyncGenerator<IngestRecord> {
      for (let i = 0; i < total; i++) {
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
        // creates with the caller's id, creates and indexes with generated ids, indexes with the caller's id
        const action = i % 3 === 0 ? 'create' : 'index';
        yield { index: 'p6-chaos', ...(i % 2 === 0 ? { id: `c-${i}` } : {}), action, document: { n: i }, key: String(i) };
      }
    }
    // retries above the script's 24 faults: a record can then never run out of attempts, whatever the
    // interleaving of the three lanes (with 8, a loaded CI run once saw two records exhaust them on 503s)
    const report = await ingest(client, stream(), { maxBatchCount: 25, concurrency: 3, retries: 30, minDelayMs: 5, maxDelayMs: 40 });
    await client.close();
    await proxy.close();
    assert.ok(proxy.seen.filter((s) => s.fault !== 'pass').length >= 20, 'faults were injected');
    assert.equal(report.outcomes.length, total);
    const inIndex = new Set(await ids('p6-chaos'));
    const reported = report.outcomes.filter((o) => o.status === 'indexed').map((o) => o.id);
    // Every record is in the index (under the id its outcome names) or reported failed; nothing indexed is missing.
    for (const id of reported) assert.ok(inIndex.has(id), `${id} reported indexed but not in the index`);
    assert.equal(report.stats.indexed + report.stats.failed, total);
    assert.equal(inIndex.size, new Set(reported).size + report.outcomes.filter((o) => o.status === 'failed' && o.id !== undefined && inIndex.has(o.id)).length,
      'no duplicate documents: every stored id belongs to one record');
    assert.equal(report.stats.failed, 0, JSON.stringify({ kinds: report.stats.failuresByKind, failed: report.outcomes.filter((o) => o.status === 'failed').map((o) => o.status === 'failed' && `${o.key}:${o.kind}:${o.attempts}`) }));
    assert.ok(report.stats.retries > 0);
  });

  test('a create with the caller id whose answer was lost: retried, 409, reported indexed and ambiguous', async () => {
    const proxy = await startFaultProxy(conn.opensearch.url, ca, [{ kind: 'reset-after-forward' }]);
    const client = new Client({ node: proxy.url, auth: conn.users.master, maxRetries: 0 });
    const report = await ingest(client, [
      { index: 'p6-ambiguous', action: 'create', id: 'caller-1', document: { n: 1 } },
      { index: 'p6-ambiguous', action: 'create', document: { n: 2 } },
    ], { minDelayMs: 5, maxDelayMs: 10, refresh: true });
    await client.close();
    await proxy.close();
    const [mine, generated] = report.outcomes;
    assert.ok(mine?.status === 'indexed' && mine.result === 'created' && mine.ambiguous === true && mine.attempts === 2, JSON.stringify(mine));
    assert.ok(generated?.status === 'indexed' && generated.ambiguous === undefined && generated.generatedId, JSON.stringify(generated));
    assert.deepEqual(await ids('p6-ambiguous'), [mine.id, generated.id].sort());
  });
});

describe('records the node refuses for the whole bulk request', () => {
  test('an id over 512 bytes and an empty pipeline: the node refuses the whole request; ingest fails only those records', async () => {
    const longId = 'x'.repeat(513);
    for (const meta of [{ index: { _index: 'p6-whole', _id: longId } }, { index: { _index: 'p6-whole', _id: 'p', pipeline: '' } }]) {
      const body = `${JSON.stringify({ index: { _index: 'p6-whole', _id: 'innocent' } })}\n{"n":1}\n${JSON.stringify(meta)}\n{"n":2}\n`;
      const r = await request(`${conn.opensearch.url}/_bulk`, { method: 'POST', basic: master, ca, body, headers: { 'content-type': 'application/x-ndjson' } });
      assert.equal(r.status, 400, `the node refuses the request whole: ${r.text}`);
      assert.match(r.text, /action_request_validation_exception/);
    }
    const client = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca }, maxRetries: 0 });
    const report = await ingest(client, [
      { index: 'p6-whole', id: 'a', document: { n: 1 } },
      { index: 'p6-whole', id: longId, document: { n: 2 } },
      { index: 'p6-whole', id: 'b', pipeline: '', document: { n: 3 } },
      { index: 'p6-whole', id: 'y'.repeat(512), document: { n: 4 } },
    ], { refresh: true });
    await client.close();
    assert.deepEqual(report.outcomes.map((o) => (o.status === 'indexed' ? 'indexed' : o.kind)), ['indexed', 'invalid_record', 'invalid_record', 'indexed']);
    assert.deepEqual(await ids('p6-whole'), ['a', 'y'.repeat(512)]);
  });
});

describe('credentials expiring mid-run (IAM through the edge)', () => {
  after(async () => {
    await request(`${conn.edge.url}/__edge/reset`, { method: 'POST', headers: { 'x-edge-admin': conn.edge.adminToken }, ca });
  });

  test('the expired token is recovered with a forced refresh; every record indexed once', async () => {
    const adminHeaders = { 'x-edge-admin': conn.edge.adminToken };
    const register = async (expiration: Date) => {
      const cred = { accessKeyId: `ASIAP6${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(20).toString('base64url'),
        sessionToken: randomBytes(24).toString('base64url'), expiration: expiration.toISOString(), arn: conn.iam.master.arn };
      const r = await request(`${conn.edge.url}/__edge/credentials`, { method: 'POST', headers: adminHeaders, body: JSON.stringify(cred), ca });
      assert.equal(r.status, 201, r.text);
      return { accessKeyId: cred.accessKeyId, secretAccessKey: cred.secretAccessKey, sessionToken: cred.sessionToken };
    };
    // The first key dies 60 s from now on the edge's clock; the provider does not tell the client (no expiration).
    const first = await register(new Date(Date.now() + 60_000));
    const second = await register(new Date(Date.now() + 3_600_000));
    let calls = 0;
    const client = createClient({ node: conn.edge.url, ssl: { ca }, auth: { mode: 'iam', region: conn.region,
      credentials: async () => (++calls === 1 ? first : second) } });
    const records: IngestRecord[] = Array.from({ length: 300 }, (_, i) => ({ index: 'p6-faults-iam', document: { n: i }, key: String(i) }));
    let clockMoved = false;
    const report = await ingest(client, records, { maxBatchCount: 30, concurrency: 1, onProgress: (s) => {
      if (!clockMoved && s.indexed >= 90) {
        clockMoved = true;
        // Expire the first key mid-run: the edge now answers "The security token included in the request is expired".
        void request(`${conn.edge.url}/__edge/clock`, { method: 'PUT', headers: adminHeaders, ca, body: JSON.stringify({ offsetSeconds: 120 }) });
      }
    } });
    await client.close();
    assert.ok(clockMoved);
    assert.equal(report.stats.failed, 0, JSON.stringify(report.outcomes.find((o) => o.status === 'failed')));
    assert.equal(report.stats.indexed, 300);
    assert.equal(calls, 2, 'one initial provider call and exactly one forced refresh');
    const expected = report.outcomes.map((o) => (o.status === 'indexed' ? o.id : '')).sort();
    assert.deepEqual(await ids('p6-faults-iam'), expected, 'no loss, no duplicate');
    await admin('DELETE', '/p6-faults-iam');
  });
});
