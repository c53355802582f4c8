/**
 * What the retry policy re-sends and reports, against a loopback stub: a write whose second send would
 * answer 409/404/400 for the first one's success is not re-sent after an ambiguous failure; a 503 a proxy
 * wrote (not OpenSearch's own error) is ambiguous like 502/504; Retry-After longer than maxDelayMs ends
 * the call instead of an early re-send; a per-call `requestTimeout: '1s'` is honoured; meta.attempts
 * counts retries as opensearch-js does; and a security-REST-API write answered by a redirect, a page or an
 * empty 2xx is not reported as applied. Document text never decides "security not initialised".
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError, ServiceUnavailableError, ThrottledError } from '../../src/errors/classes.js';
import { SecurityApi, SecurityModelError } from '../../src/security/index.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
useRecordingStub((s) => { stub = s; });

const FAST = { minDelayMs: 1, maxDelayMs: 5 };
const client = (extra: Record<string, unknown> = {}) => createClient({ node: stub.url, auth: { mode: 'none' }, retry: FAST, requestTimeoutMs: 300, ...extra });
const ENVOY_503 = { status: 503, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination' };
const OWN_503 = { status: 503, body: { error: { type: 'unavailable_shards_exception', reason: 'primary shard is not active' }, status: 503 } };

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => assert.fail('expected a rejection'), (e: unknown) => e);
}

describe('writes whose second send would misreport the first', () => {
  const cases: Array<[string, (c: ReturnType<typeof client>) => Promise<unknown>]> = [
    ['index with op_type=create', (c) => c.index({ index: 'i', id: '1', op_type: 'create', body: { a: 1 } })],
    ['index with if_seq_no/if_primary_term', (c) => c.index({ index: 'i', id: '1', if_seq_no: 3, if_primary_term: 1, body: { a: 1 } })],
    ['delete', (c) => c.delete({ index: 'i', id: '1' })],
    ['indices.create', (c) => c.indices.create({ index: 'i' })],
  ];
  for (const [name, call] of cases) {
    test(`${name}: a timed-out attempt is not re-sent`, async () => {
      stub.reply = () => ({ delayMs: 1000 });
      const c = client();
      try {
        const e = await failure(call(c));
        assert.ok(e instanceof errors.TimeoutError, String(e));
        assert.equal(stub.received.length, 1);
      } finally {
        await c.close();
      }
    });
  }

  test('a plain PUT of a document by id (replace) is still re-sent after a timeout', async () => {
    stub.reply = (_req, i) => (i === 0 ? { delayMs: 1000 } : { body: { result: 'updated' } });
    const c = client();
    try {
      await c.index({ index: 'i', id: '1', body: { a: 1 } });
      assert.equal(stub.received.length, 2);
    } finally {
      await c.close();
    }
  });
});

describe('503s', () => {
  test("a proxy's 503 (text, not OpenSearch's error) on a POST _doc is not re-sent; OpenSearch's own 503 is", async () => {
    const c = client();
    try {
      stub.reply = () => ENVOY_503;
      const e = await failure(c.index({ index: 'i', body: { a: 1 } }));
      assert.ok(e instanceof ServiceUnavailableError, String(e));
      assert.equal(stub.received.length, 1, 'one document, not four');
      stub.received.length = 0;
      stub.reply = (_req, i) => (i === 0 ? OWN_503 : { status: 201, body: { result: 'created' } });
      await c.index({ index: 'i', body: { a: 1 } });
      assert.equal(stub.received.length, 2);
      stub.received.length = 0;
      stub.reply = (_req, i) => (i === 0 ? ENVOY_503 : { body: { hits: { hits: [] } } });
      await c.search({ index: 'i' });
      assert.equal(stub.received.length, 2, 'a read is re-sent after any 503');
    } finally {
      await c.close();
    }
  });

  test("a gateway's JSON 503 (Envoy, Spring, nginx) is a proxy's: a POST _doc is sent once; OpenSearch's {error, status} without details is its own", async () => {
    const gateways = [
      { error: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination', code: 503 },
      { timestamp: '2026-12-02T12:00:00.000+00:00', path: '/i/_doc', status: 503, error: 'Service Unavailable', requestId: 'a1b2c3' },
      { error: 'upstream timed out (110: Connection timed out) while reading response header from upstream' },
      { error: { reason: 'no type: a gateway object' }, status: 503 },
    ];
    const c = client();
    try {
      for (const body of gateways) {
        stub.received.length = 0;
        stub.reply = () => ({ status: 503, body });
        const e = await failure(c.index({ index: 'i', body: { a: 1 } }));
        assert.ok(e instanceof ServiceUnavailableError, String(e));
        assert.equal(stub.received.length, 1, JSON.stringify(body));
      }
      // http.detailed_errors.enabled: false writes exactly {error: "<text>", status}
      stub.received.length = 0;
      stub.reply = (_req, i) => (i === 0 ? { status: 503, body: { error: 'UnavailableShardsException[[i][0] primary shard is not active]', status: 503 } } : { status: 201, body: { result: 'created' } });
      await c.index({ index: 'i', body: { a: 1 } });
      assert.equal(stub.received.length, 2);
    } finally {
      await c.close();
    }
  });

  test('document text quoting "Security not initialized" in a 503 reason is not the plugin saying so; the plugin\'s own text is', async () => {
    const c = client({ retry: { retries: 0 } });
    try {
      stub.reply = () => ({ status: 503, body: { error: { type: 'no_shard_available_action_exception', reason: 'No shard available for [get [i][Security not initialized]: routing [null]]' }, status: 503 } });
      const quoted = await failure(c.get({ index: 'i', id: 'Security not initialized' }));
      assert.ok(quoted instanceof ServiceUnavailableError);
      assert.equal(quoted.securityNotInitialized, false);
      stub.reply = () => ({ status: 503, body: 'OpenSearch Security not initialized.' });
      const own = await failure(c.get({ index: 'i', id: '1' }));
      assert.ok(own instanceof ServiceUnavailableError);
      assert.equal(own.securityNotInitialized, true);
    } finally {
      await c.close();
    }
  });
});

test('Retry-After longer than maxDelayMs: the error goes to the caller at once, not an early re-send', async () => {
  stub.reply = () => ({ status: 429, headers: { 'retry-after': '30' }, body: { error: { type: 'too_many_requests', reason: 'slow down' }, status: 429 } });
  const delays: number[] = [];
  const c = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { minDelayMs: 1, maxDelayMs: 20_000, onRetry: (i) => delays.push(i.delayMs) } });
  try {
    const started = Date.now();
    const e = await failure(c.search({ index: 'i' }));
    assert.ok(e instanceof ThrottledError, String(e));
    assert.equal(e.retryAfterMs, 30_000);
    assert.equal(stub.received.length, 1);
    assert.deepEqual(delays, [], 'no wait was scheduled');
    // A wait the server did not ask for (maxDelayMs, 20 s, in place of its 30 s) would exceed this; a slow machine does not.
    assert.ok(Date.now() - started < 5_000, 'no wait that the server did not ask for');
  } finally {
    await c.close();
  }
});

test("a per-call requestTimeout in opensearch-js's string form ('1s') bounds the attempt", async () => {
  stub.reply = () => ({ delayMs: 4000 });
  const c = createClient({ node: stub.url, auth: { mode: 'none' }, requestTimeoutMs: 6000, retry: { retries: 0 } });
  try {
    const e = await failure(c.search({ index: 'i' }, { requestTimeout: '300ms' }));
    // The stub answers at 4 s, inside the client's own 6 s timeout: a TimeoutError at all means a per-call deadline
    // shorter than 4 s was applied (no clock needed; a per-call timeout ignored gives the stub's 200 instead).
    assert.ok(e instanceof errors.TimeoutError, String(e));
    // a string ms() cannot read (or an empty one, which ms() throws for) is refused, naming the option, and nothing is sent
    stub.reply = () => ({});
    for (const odd of ['', 'soon', 'x'.repeat(200)]) {
      const refused = await failure(c.search({ index: 'i' }, { requestTimeout: odd }));
      assert.ok(refused instanceof ConfigError, String(refused));
      assert.equal((refused as ConfigError).option, 'options.requestTimeout');
    }
  } finally {
    await c.close();
  }
});

test('meta.attempts counts the retries a success needed (as opensearch-js does)', async () => {
  stub.reply = (_req, i) => (i < 2 ? OWN_503 : { body: { hits: { hits: [] } } });
  const c = client();
  try {
    const res = await c.search({ index: 'i' });
    assert.equal(stub.received.length, 3);
    assert.equal(res.meta.attempts, 2);
  } finally {
    await c.close();
  }
});

describe('security REST API writes answered by something other than the plugin', () => {
  const answers: Array<[string, { status?: number; headers?: Record<string, string>; body?: unknown }]> = [
    ['a 302 to a login page', { status: 302, headers: { location: 'https://sso.example.test/login' }, body: '<html>login</html>' }],
    ['a 200 HTML page', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>hello</html>' }],
    ['an empty 204', { status: 204, body: '' }],
    ['a 200 JSON without status', { status: 200, body: { acknowledged: true } }],
  ];
  for (const [what, answer] of answers) {
    test(`${what}: roles.put and roles.delete are SecurityModelError, not applied`, async () => {
      stub.reply = (req) => (req.url === '/' ? { body: { version: { distribution: 'opensearch', number: '2.19.4' } } } : answer);
      const c = client({ retry: { retries: 0 } });
      const api = new SecurityApi(c);
      try {
        assert.ok(await failure(api.roles.put('r', { cluster_permissions: ['cluster_monitor'] })) instanceof SecurityModelError);
        assert.ok(await failure(api.roles.delete('r')) instanceof SecurityModelError);
      } finally {
        await c.close();
      }
    });
  }
  test('the plugin\'s own {status: CREATED} is applied', async () => {
    stub.reply = (req) => (req.url === '/' ? { body: { version: { distribution: 'opensearch', number: '2.19.4' } } } : { status: 201, body: { status: 'CREATED', message: "'r' created." } });
    const c = client();
    try {
      assert.equal((await new SecurityApi(c).roles.put('r', { cluster_permissions: ['cluster_monitor'] })).status, 'CREATED');
    } finally {
      await c.close();
    }
  });
});

test('an async onRetry that rejects changes nothing (no unhandled rejection, which would end a Lambda)', async () => {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown): void => { unhandled.push(reason); };
  process.on('unhandledRejection', listener);
  stub.reply = (_req, i) => (i === 0 ? OWN_503 : { body: { hits: { hits: [] } } });
  let calls = 0;
  const c = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { ...FAST, onRetry: async () => { calls += 1; throw new Error('metrics endpoint down'); } } });
  try {
    assert.equal((await c.search({ index: 'i' })).statusCode, 200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(calls, 1);
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', listener);
    await c.close();
  }
});
