/**
 * Prototype pollution elsewhere in an app (a dependency's bug sets `Object.prototype.x`) is never read
 * as an option, an environment variable or a record field; misspelt option keys of ingest and
 * SecurityApi are ConfigErrors naming them, and SecurityApi reads its options once.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { fromEnv } from '../../src/client/from-env.js';
import { ConfigError } from '../../src/errors/classes.js';
import { ingest } from '../../src/ingest/ingest.js';
import { deadlineSignal } from '../../src/ingest/deadline.js';
import { SecurityApi } from '../../src/security/index.js';
import { honest, startBulkStub } from '../support/bulk-stub.js';

const polluted = Object.prototype as unknown as Record<string, unknown>;
const keys: string[] = [];
function pollute(key: string, value: unknown): void {
  keys.push(key);
  polluted[key] = value;
}
afterEach(() => {
  for (const key of keys.splice(0)) delete polluted[key];
});

describe('a polluted Object.prototype', () => {
  test('is not an option: allowInsecureTls / allowInsecureHttp stay off', () => {
    pollute('allowInsecureTls', true);
    assert.throws(() => createClient({ node: 'https://search.example.com', auth: { mode: 'none' }, ssl: { rejectUnauthorized: false } }),
      (e: unknown) => e instanceof ConfigError && e.option === 'ssl.rejectUnauthorized');
    pollute('allowInsecureHttp', true);
    assert.throws(() => createClient({ node: 'http://search.example.com', auth: { mode: 'basic', username: 'u', password: 'Secret-Pw-123' } }),
      (e: unknown) => e instanceof ConfigError && e.option === 'node');
  });

  test('is not an environment variable', () => {
    pollute('OPENSEARCH_ALLOW_INSECURE_HTTP', 'true');
    const env = { OPENSEARCH_URL: 'http://search.example.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Secret-Pw-123' };
    assert.throws(() => fromEnv(env), (e: unknown) => e instanceof ConfigError && e.option === 'OPENSEARCH_URL' && /clear text/.test(e.message));
    assert.equal(fromEnv({ ...env, OPENSEARCH_URL: 'https://search.example.com' }).allowInsecureHttp, undefined);
  });

  test("is not a record's field: Object.prototype.action = 'delete' does not turn index requests into deletes", async () => {
    const stub = await startBulkStub();
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const client = new Client({ node: stub.url, maxRetries: 0 });
    try {
      pollute('action', 'delete');
      const report = await ingest(client, [{ index: 'e', id: 'a1', document: { n: 1 } }]);
      assert.equal(report.outcomes[0]?.status, 'indexed');
      assert.equal(report.outcomes[0]?.action, 'index');
      assert.match(JSON.stringify(stub.requests[0]), /"index"/);
      assert.doesNotMatch(JSON.stringify(stub.requests[0]), /"delete"/);
    } finally {
      await client.close();
      await stub.close();
    }
  });

  test('a record of a class with getters is still read through its prototype', async () => {
    class Event {
      get index(): string { return 'e'; }
      get document(): object { return { n: 2 }; }
    }
    const stub = await startBulkStub();
    stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
    const client = new Client({ node: stub.url, maxRetries: 0 });
    try {
      const report = await ingest(client, [new Event() as never]);
      assert.equal(report.outcomes[0]?.status, 'indexed');
    } finally {
      await client.close();
      await stub.close();
    }
  });
});

describe('misspelt option keys', () => {
  const client = new Client({ node: 'https://localhost:9200' });
  test('ingest: signl, fifoo, concurency are ConfigErrors naming them', async () => {
    for (const key of ['signl', 'fifoo', 'concurency', 'Signal']) {
      await assert.rejects(ingest(client, [], { [key]: 1 } as never), (e: unknown) => e instanceof ConfigError && e.option === key, key);
    }
  });
  test('SecurityApi: conflictAtempts, maxElapsedMS, signl are ConfigErrors; a throwing getter is one naming it, without its text', () => {
    for (const key of ['conflictAtempts', 'maxElapsedMS', 'signl']) {
      assert.throws(() => new SecurityApi(client, { [key]: 1 } as never), (e: unknown) => e instanceof ConfigError && e.option === key, key);
    }
    const hostile = { get signal(): never { throw new Error('vault said: password=Hunter2Hunter2'); } };
    assert.throws(() => new SecurityApi(client, hostile as never), (e: unknown) => e instanceof ConfigError && e.option === 'signal' && !e.message.includes('Hunter2'));
  });
});

describe('deadlineSignal with a hostile context or options', () => {
  test('a getRemainingTimeInMillis (or a context Proxy) that throws is a ConfigError naming context, without its text; unknown option keys are refused', () => {
    const throwing = { getRemainingTimeInMillis: (): number => { throw new Error('vault: Hunter2Hunter2'); } };
    const proxy = new Proxy({}, { get: () => { throw new Error('vault: Hunter2Hunter2'); } });
    for (const context of [throwing, proxy]) {
      assert.throws(() => deadlineSignal(context as never), (e: unknown) => e instanceof ConfigError && e.option === 'context' && !e.message.includes('Hunter2'));
    }
    assert.throws(() => deadlineSignal({ getRemainingTimeInMillis: () => 5000 }, { margin: 100 } as never), (e: unknown) => e instanceof ConfigError && e.option === 'margin');
    assert.equal(deadlineSignal({ getRemainingTimeInMillis: () => 5000 }, { marginMs: 100 }).aborted, false);
  });
});

test('a record that is a Proxy answering only get is read through it (as before)', async () => {
  const stub = await startBulkStub();
  stub.plan = (items, _n, s) => honest(items.map((i) => s.apply(i)));
  const client = new Client({ node: stub.url, maxRetries: 0 });
  try {
    const fields: Record<string, unknown> = { index: 'e', id: 'p1', document: { n: 3 } };
    const record = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? fields[key] : undefined) });
    const report = await ingest(client, [record as never]);
    assert.equal(report.outcomes[0]?.status, 'indexed', JSON.stringify(report.outcomes[0]));
  } finally {
    await client.close();
    await stub.close();
  }
});
