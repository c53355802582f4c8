/**
 * The retry policy against a loopback stub server, driven through a real opensearch-js Client
 * (its own retries off): what is retried, how often, how long it waits, and what is never repeated.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, errors } from '@opensearch-project/opensearch';
import {
  ConfigError,
  ExpiredCredentialsError,
  SecurityExceptionError,
  ServiceUnavailableError,
  ThrottledError,
  UnauthorizedError,
} from '../../src/errors/classes.js';
import { computeDelay, isIdempotentRequest, resolveRetryOptions, retryDecision, runWithRetry, type RetryInfo } from '../../src/retry/index.js';

/** Node timers may fire up to ~1 ms early; gaps are asserted as lower bounds with this slack. */
const TOLERANCE_MS = 15;

interface Stub {
  url: string;
  port: number;
  /** performance.now() when each request's body had been fully received. */
  hits: number[];
  paths: string[];
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

async function startStub(handler: Handler, port = 0): Promise<Stub> {
  const hits: number[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push(performance.now());
      paths.push(`${req.method} ${req.url}`);
      handler(req, res, hits.length);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    hits,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const OK = { acknowledged: true };
const EXPIRED = { message: 'The security token included in the request is expired' };
const denial = (reason: string): unknown => ({ error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason }, status: 403 });
const FAST = { minDelayMs: 5, maxDelayMs: 50 };

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>, requestTimeout?: number): Promise<T> {
  const client = new Client({ node: url, maxRetries: 0, ...(requestTimeout === undefined ? {} : { requestTimeout }) });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('retried: 429, 5xx, connection failures, timeouts', () => {
  test('429 then 200: retried once, Retry-After honoured (gap measured at the stub)', async () => {
    const stub = await startStub((_req, res, n) => (n === 1 ? send(res, 429, { message: 'Too many requests' }, { 'retry-after': '1' }) : send(res, 200, OK)));
    const infos: RetryInfo[] = [];
    try {
      const result = await withClient(stub.url, (client) =>
        runWithRetry((_n) => client.transport.request({ method: 'GET', path: '/_search' }), { method: 'GET', path: '/_search' }, { ...FAST, maxDelayMs: 5000, onRetry: (i) => infos.push(i) }),
      );
      assert.deepEqual(result.body, OK);
      assert.equal(stub.hits.length, 2);
      const gap = (stub.hits[1] ?? 0) - (stub.hits[0] ?? 0);
      assert.ok(gap >= 1000 - TOLERANCE_MS, `gap ${gap} ms must honour Retry-After: 1`);
      assert.equal(infos.length, 1);
      assert.equal(infos[0]?.reason, 'throttled');
      assert.ok(infos[0]?.error instanceof ThrottledError);
      assert.equal(infos[0]?.attempt, 1);
      assert.ok((infos[0]?.delayMs ?? 0) >= 1000);
    } finally {
      await stub.close();
    }
  });

  test('503 every time: attempts exhausted (retries + 1), last typed error thrown with attempts, growing jittered delays', async () => {
    const stub = await startStub((_req, res) => send(res, 503, 'OpenSearch Security not initialized.'));
    const infos: RetryInfo[] = [];
    const options = { retries: 4, minDelayMs: 10, maxDelayMs: 60, onRetry: (i: RetryInfo) => infos.push(i) };
    try {
      const error = await withClient(stub.url, (client) =>
        runWithRetry(() => client.transport.request({ method: 'GET', path: '/flights/_search' }), { method: 'GET', path: '/flights/_search' }, options).catch((e: unknown) => e),
      );
      assert.ok(error instanceof ServiceUnavailableError);
      assert.ok(error instanceof errors.ResponseError);
      assert.equal(error.securityNotInitialized, true);
      assert.equal(error.attempts, 5);
      assert.ok(typeof error.elapsedMs === 'number');
      assert.equal(stub.hits.length, 5);
      assert.deepEqual(infos.map((i) => i.attempt), [1, 2, 3, 4]);
      infos.forEach((info, k) => {
        const cap = Math.min(60, 10 * 2 ** k);
        assert.ok(info.delayMs >= 0 && info.delayMs <= cap, `delay ${info.delayMs} of retry ${k + 1} within [0, ${cap}]`);
        const gap = (stub.hits[k + 1] ?? 0) - (stub.hits[k] ?? 0);
        assert.ok(gap >= info.delayMs - TOLERANCE_MS, `gap ${gap} >= announced delay ${info.delayMs}`);
        assert.equal(info.reason, 'unavailable');
      });
    } finally {
      await stub.close();
    }
  });

  test('ECONNREFUSED is retried, even for POST _bulk (nothing was sent)', async () => {
    const port = await freePort();
    let late: Stub | undefined;
    const infos: RetryInfo[] = [];
    try {
      const result = await withClient(`http://127.0.0.1:${port}`, (client) =>
        runWithRetry(
          async (n) => {
            if (n === 2) late = await startStub((_req, res) => send(res, 200, { errors: false, items: [] }), port);
            return client.transport.request({ method: 'POST', path: '/_bulk', bulkBody: [{ index: { _index: 'a' } }, { f: 1 }] });
          },
          { method: 'POST', path: '/_bulk' },
          { ...FAST, onRetry: (i) => infos.push(i) },
        ),
      );
      assert.deepEqual(result.body, { errors: false, items: [] });
      assert.equal(infos.length, 1);
      assert.equal(infos[0]?.reason, 'connect_failed');
      assert.ok(infos[0]?.error instanceof errors.ConnectionError);
      assert.match(String((infos[0]?.error as Error).message), /ECONNREFUSED/);
      assert.equal(late?.hits.length, 1);
    } finally {
      await late?.close();
    }
  });

  test('connection reset after sending: GET and POST _search are retried by default', async () => {
    for (const [method, path] of [['GET', '/flights/_doc/1'], ['POST', '/flights/_search']] as const) {
      const stub = await startStub((req, res, n) => (n === 1 ? req.socket.destroy() : send(res, 200, OK)));
      try {
        const result = await withClient(stub.url, (client) =>
          runWithRetry(() => client.transport.request(method === 'GET' ? { method, path } : { method, path, body: { query: { match_all: {} } } }), { method, path }, FAST),
        );
        assert.deepEqual(result.body, OK);
        assert.equal(stub.hits.length, 2, `${method} ${path}`);
      } finally {
        await stub.close();
      }
    }
  });

  test('timeouts: retried for GET, not for POST _doc', async () => {
    const stub = await startStub((_req, res, n) => {
      if (n === 1 || n === 3) return; // hang: the client times out
      send(res, 200, OK);
    });
    try {
      await withClient(
        stub.url,
        async (client) => {
          const ok = await runWithRetry(() => client.transport.request({ method: 'GET', path: '/_cluster/health' }), { method: 'GET', path: '/_cluster/health' }, FAST);
          assert.deepEqual(ok.body, OK);
          assert.equal(stub.hits.length, 2);
          const error = await runWithRetry(() => client.transport.request({ method: 'POST', path: '/flights/_doc', body: { a: 1 } }), { method: 'POST', path: '/flights/_doc' }, FAST).catch((e: unknown) => e);
          assert.ok(error instanceof errors.TimeoutError, String(error));
          assert.equal((error as { attempts?: number }).attempts, 1);
          assert.equal(stub.hits.length, 3);
        },
        150,
      );
    } finally {
      await stub.close();
    }
  });
});

describe('never repeats a write that may have been applied', () => {
  const bulk = [{ index: { _index: 'p3' } }, { n: 1 }];

  test('POST _bulk whose connection died after the body was received: not retried by default', async () => {
    const stub = await startStub((req, res, n) => (n === 1 ? req.socket.destroy() : send(res, 200, { errors: false, items: [] })));
    const infos: RetryInfo[] = [];
    try {
      const error = await withClient(stub.url, (client) =>
        runWithRetry(() => client.transport.request({ method: 'POST', path: '/_bulk', bulkBody: bulk }), { method: 'POST', path: '/_bulk' }, { ...FAST, onRetry: (i) => infos.push(i) }).catch((e: unknown) => e),
      );
      assert.ok(error instanceof errors.ConnectionError, String(error));
      assert.equal((error as { attempts?: number }).attempts, 1);
      assert.equal(stub.hits.length, 1, 'the stub saw exactly one _bulk');
      assert.equal(infos.length, 0);
    } finally {
      await stub.close();
    }
  });

  test('... retried when the caller opts in with retryUnsafeWrites', async () => {
    const stub = await startStub((req, res, n) => (n === 1 ? req.socket.destroy() : send(res, 200, { errors: false, items: [] })));
    const infos: RetryInfo[] = [];
    try {
      const result = await withClient(stub.url, (client) =>
        runWithRetry(() => client.transport.request({ method: 'POST', path: '/_bulk', bulkBody: bulk }), { method: 'POST', path: '/_bulk' }, { ...FAST, retryUnsafeWrites: true, onRetry: (i) => infos.push(i) }),
      );
      assert.deepEqual(result.body, { errors: false, items: [] });
      assert.equal(stub.hits.length, 2);
      assert.equal(infos[0]?.reason, 'connection_lost');
    } finally {
      await stub.close();
    }
  });

  test("502/504 and a proxy's 503 from a gateway: retried for GET, not for POST _bulk; 429 and OpenSearch's own 503 on _bulk are retried", async () => {
    for (const status of [502, 503, 504]) {
      const stub = await startStub((_req, res, n) => (n === 1 ? send(res, status, { message: 'gateway' }) : send(res, 200, OK)));
      try {
        await withClient(stub.url, async (client) => {
          const ok = await runWithRetry(() => client.transport.request({ method: 'GET', path: '/_search' }), { method: 'GET', path: '/_search' }, FAST);
          assert.deepEqual(ok.body, OK);
          assert.equal(stub.hits.length, 2);
        });
      } finally {
        await stub.close();
      }
      const writes = await startStub((_req, res) => send(res, status, { message: 'gateway' }));
      try {
        const error = await withClient(writes.url, (client) =>
          runWithRetry(() => client.transport.request({ method: 'POST', path: '/_bulk', bulkBody: bulk }), { method: 'POST', path: '/_bulk' }, FAST).catch((e: unknown) => e),
        );
        assert.ok(error instanceof ServiceUnavailableError);
        assert.equal(writes.hits.length, 1, `${status} on _bulk is not repeated`);
      } finally {
        await writes.close();
      }
    }
    for (const status of [429, 503]) {
      const own = { error: { type: status === 429 ? 'es_rejected_execution_exception' : 'unavailable_shards_exception', reason: 'busy' }, status };
      const stub = await startStub((_req, res, n) => (n === 1 ? send(res, status, own) : send(res, 200, { errors: false, items: [] })));
      try {
        await withClient(stub.url, (client) => runWithRetry(() => client.transport.request({ method: 'POST', path: '/_bulk', bulkBody: bulk }), { method: 'POST', path: '/_bulk' }, FAST));
        assert.equal(stub.hits.length, 2, `${status} means not processed: retried`);
      } finally {
        await stub.close();
      }
    }
  });
});

describe('not retried: 401, 403, other 4xx', () => {
  test('403 security_exception: exactly one request', async () => {
    const reason = 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]';
    const stub = await startStub((_req, res) => send(res, 403, denial(reason)));
    let refreshed = 0;
    try {
      const error = await withClient(stub.url, (client) =>
        runWithRetry(() => client.transport.request({ method: 'GET', path: '/_search' }), { method: 'GET', path: '/_search', onExpiredCredentials: async () => void refreshed++ }, FAST).catch((e: unknown) => e),
      );
      assert.ok(error instanceof SecurityExceptionError);
      assert.equal(error.attempts, 1);
      assert.equal(stub.hits.length, 1);
      assert.equal(refreshed, 0);
    } finally {
      await stub.close();
    }
  });

  test('401, 400, 404, 409 and an access-policy 403: one request each', async () => {
    const bodies: Array<[number, unknown]> = [
      [401, 'Unauthorized'],
      [400, { error: { type: 'parsing_exception', reason: 'x' }, status: 400 }],
      [404, { error: { type: 'index_not_found_exception', reason: 'no such index [x]', index: 'x' }, status: 404 }],
      [409, { error: { type: 'version_conflict_engine_exception', reason: 'x' }, status: 409 }],
      [403, { Message: 'User: anonymous is not authorized to perform: es:ESHttpGet' }],
    ];
    for (const [status, body] of bodies) {
      const stub = await startStub((_req, res) => send(res, status, body, status === 401 ? { 'www-authenticate': 'Basic realm="OpenSearch Security"' } : {}));
      try {
        const error = await withClient(stub.url, (client) => runWithRetry(() => client.transport.request({ method: 'GET', path: '/x/_search' }), { method: 'GET', path: '/x/_search' }, FAST).catch((e: unknown) => e));
        assert.ok(error instanceof errors.ResponseError);
        if (status === 401) assert.ok(error instanceof UnauthorizedError);
        assert.equal(stub.hits.length, 1, `status ${status}`);
      } finally {
        await stub.close();
      }
    }
  });
});

describe('expired credentials: one forced refresh, then one retry', () => {
  test('expired token -> onExpiredCredentials once -> success', async () => {
    const stub = await startStub((_req, res, n) => (n === 1 ? send(res, 403, EXPIRED) : send(res, 200, OK)));
    let refreshed = 0;
    const infos: RetryInfo[] = [];
    try {
      const result = await withClient(stub.url, (client) =>
        runWithRetry(
          () => client.transport.request({ method: 'POST', path: '/flights/_doc', body: { a: 1 } }),
          { method: 'POST', path: '/flights/_doc', onExpiredCredentials: async () => void refreshed++ },
          { ...FAST, retries: 0, onRetry: (i) => infos.push(i) },
        ),
      );
      assert.deepEqual(result.body, OK);
      assert.equal(refreshed, 1);
      assert.equal(stub.hits.length, 2, 'a 403 was not applied, so even a POST _doc is re-sent once after the refresh');
      assert.equal(infos[0]?.reason, 'expired_credentials');
    } finally {
      await stub.close();
    }
  });

  test('still expired after the refresh: thrown after exactly two requests; no refresh hook: one request', async () => {
    const stub = await startStub((_req, res) => send(res, 403, EXPIRED));
    let refreshed = 0;
    try {
      await withClient(stub.url, async (client) => {
        const error = await runWithRetry(
          () => client.transport.request({ method: 'GET', path: '/_search' }),
          { method: 'GET', path: '/_search', onExpiredCredentials: async () => void refreshed++ },
          FAST,
        ).catch((e: unknown) => e);
        assert.ok(error instanceof ExpiredCredentialsError);
        assert.equal(error.attempts, 2);
        assert.equal(refreshed, 1);
        assert.equal(stub.hits.length, 2);
        const again = await runWithRetry(() => client.transport.request({ method: 'GET', path: '/_search' }), { method: 'GET', path: '/_search' }, FAST).catch((e: unknown) => e);
        assert.ok(again instanceof ExpiredCredentialsError);
        assert.equal(stub.hits.length, 3);
      });
    } finally {
      await stub.close();
    }
  });

  test('a failing refresh is thrown as is and not retried', async () => {
    const stub = await startStub((_req, res) => send(res, 403, EXPIRED));
    const failure = new Error('refresh failed');
    try {
      const error = await withClient(stub.url, (client) =>
        runWithRetry(() => client.transport.request({ method: 'GET', path: '/_search' }), { method: 'GET', path: '/_search', onExpiredCredentials: async () => { throw failure; } }, FAST).catch((e: unknown) => e),
      );
      assert.equal(error, failure);
      assert.equal(stub.hits.length, 1);
    } finally {
      await stub.close();
    }
  });
});

describe('bounds', () => {
  test('maxElapsedMs: no attempt starts after the budget, even with a huge retry count', async () => {
    const stub = await startStub((_req, res) => send(res, 503, { message: 'busy' }));
    const starts: number[] = [];
    const infos: RetryInfo[] = [];
    // 1 s: room for the first attempt and a retry even on a slow machine (the check below would flag it otherwise)
    const maxElapsedMs = 1_000;
    try {
      const t0 = performance.now();
      const error = await withClient(stub.url, (client) =>
        runWithRetry(
          () => {
            starts.push(performance.now() - t0);
            return client.transport.request({ method: 'GET', path: '/_search' });
          },
          { method: 'GET', path: '/_search' },
          // 1000 is the largest retry count the options accept (retry.retries is capped since P2 class 4).
          { retries: 1000, minDelayMs: 20, maxDelayMs: 40, maxElapsedMs, onRetry: (i) => infos.push(i) },
        ).catch((e: unknown) => e),
      );
      assert.ok(error instanceof ServiceUnavailableError);
      assert.ok(starts.length >= 2, 'it did retry');
      assert.ok(starts.length < 1001, 'the elapsed bound, not the count, stopped it');
      assert.equal(error.attempts, starts.length);
      // Each retry was scheduled only when its wait ends within the budget (the policy's own clock readings, so a
      // slow machine cannot make this fail: it only leaves fewer retries); every attempt after the first had one, and
      // the last one may have none (its wait overran the budget on a slow machine: the policy looks again after it).
      assert.ok(infos.length === starts.length - 1 || infos.length === starts.length, `${infos.length} retries, ${starts.length} attempts`);
      for (const i of infos) assert.ok(i.elapsedMs + i.delayMs <= maxElapsedMs, `retry ${i.attempt} at ${i.elapsedMs.toFixed(0)} ms + ${i.delayMs} ms > ${maxElapsedMs}`);
      // and none started long past it (rules out an attempt started regardless of the budget: 1000 retries take ~30 s)
      for (const s of starts) assert.ok(s <= maxElapsedMs + 2_000, `attempt started at ${s} ms`);
    } finally {
      await stub.close();
    }
  });

  test('a Retry-After beyond the remaining budget stops at once instead of sleeping', async () => {
    const stub = await startStub((_req, res) => send(res, 429, { message: 'Too many requests' }, { 'retry-after': '30' }));
    try {
      const error = await withClient(stub.url, (client) =>
        runWithRetry(() => client.transport.request({ method: 'GET', path: '/_search' }), { method: 'GET', path: '/_search' }, { maxElapsedMs: 1000, maxDelayMs: 60_000 }).catch((e: unknown) => e),
      );
      assert.ok(error instanceof ThrottledError);
      assert.equal(error.retryAfterMs, 30_000);
      assert.equal(stub.hits.length, 1);
    } finally {
      await stub.close();
    }
  });

  test('computeDelay: full jitter within [0, min(max, base * 2^(n-1))], Retry-After floor, maxDelay cap', () => {
    const opts = { minDelayMs: 100, maxDelayMs: 2000 };
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    for (let n = 1; n <= 12; n++) {
      const cap = Math.min(2000, 100 * 2 ** (n - 1));
      for (let k = 0; k < 200; k++) {
        const d = computeDelay(n, opts, undefined, random);
        assert.ok(d >= 0 && d <= cap, `attempt ${n}: ${d} not in [0, ${cap}]`);
      }
      assert.equal(computeDelay(n, opts, undefined, () => 0), 0);
      assert.ok(computeDelay(n, opts, undefined, () => 0.999999) >= cap - 1);
    }
    assert.equal(computeDelay(1, opts, 1500, () => 0), 1500, 'Retry-After is a floor');
    assert.equal(computeDelay(1, opts, 30_000, () => 0.5), 2000, 'capped by maxDelayMs');
    assert.equal(computeDelay(3, opts, 10, () => 0.5), 200);
    assert.equal(computeDelay(60, { minDelayMs: 1, maxDelayMs: 20_000 }, undefined, () => 1), 20_000);
    assert.equal(computeDelay(1, {}, undefined, () => 1), 100, 'defaults: minDelayMs 100');
    for (const bad of [Number.NaN, -1, 2, Number.POSITIVE_INFINITY]) {
      const d = computeDelay(2, opts, undefined, () => bad);
      assert.ok(d >= 0 && d <= 200);
    }
  });
});

describe('policy tables and options', () => {
  test('isIdempotentRequest', () => {
    const safe: Array<[string, string]> = [
      ['GET', '/_search'], ['HEAD', '/flights'], ['PUT', '/flights/_doc/1'], ['PUT', '/flights/_mapping'], ['PUT', '/flights/_settings'],
      ['PUT', '/_plugins/_security/api/roles/r'], ['POST', '/_search'], ['POST', '/flights/_search?size=0'],
      ['POST', '/_count'], ['POST', '/_msearch'], ['POST', '/_mget'], ['POST', '/flights/_search/template'],
      ['POST', '/flights/_explain/1'], ['post', '/a,b/_field_caps'],
    ];
    const unsafe: Array<[string, string]> = [
      ['POST', '/_bulk'], ['PUT', '/_bulk'], ['POST', '/flights/_bulk'], ['POST', '/flights/_doc'], ['POST', '/flights/_update/1'],
      ['POST', '/flights/_delete_by_query'], ['POST', '/_search/scroll'], ['POST', '/flights/_search/point_in_time'],
      ['PATCH', '/_plugins/_security/api/internalusers'], ['POST', '/_plugins/_security/api/internalusers/x'], ['POST', '/'], ['POST', '/_reindex'],
      // a second send answers 404/409/400 for the first one's success
      ['DELETE', '/flights/_doc/1'], ['DELETE', '/_plugins/_security/api/roles/r'], ['PUT', '/flights'], ['PUT', '/flights/_create/1'],
      ['PUT', '/flights/_doc/1?op_type=create'], ['PUT', '/flights/_doc/1?refresh=true&if_seq_no=5&if_primary_term=1'],
      ['PUT', '/flights/_doc/1?version=3&version_type=external'], ['PUT', '/_index_template/t?create=true'], ['PUT', '/_snapshot/repo/snap'],
      ['PUT', '/_data_stream/logs-a'], ['PUT', '/flights/_clone/flights-2'], ['PUT', '/flights/_split/flights-4'], ['PUT', '/flights/_shrink/flights-1'],
    ];
    for (const [m, p] of safe) assert.equal(isIdempotentRequest(m, p), true, `${m} ${p}`);
    for (const [m, p] of unsafe) assert.equal(isIdempotentRequest(m, p), false, `${m} ${p}`);
    // opensearch-js keeps the query apart from the path (params.querystring: an object or a string)
    assert.equal(isIdempotentRequest('PUT', '/flights/_doc/1', { op_type: 'create' }), false);
    assert.equal(isIdempotentRequest('PUT', '/flights/_doc/1', { if_seq_no: 0, if_primary_term: 1 }), false);
    assert.equal(isIdempotentRequest('PUT', '/flights/_doc/1', 'version=2'), false);
    assert.equal(isIdempotentRequest('PUT', '/flights/_doc/1', { refresh: 'true', op_type: 'index' }), true);
  });

  test('retryDecision distinguishes could-not-connect from reset-after-send and TLS failures', () => {
    const post = { method: 'POST', path: '/_bulk' };
    assert.deepEqual(retryDecision(new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'), post), { retry: true, reason: 'connect_failed' });
    assert.deepEqual(retryDecision(new errors.ConnectionError('getaddrinfo ENOTFOUND search.example.com'), post), { retry: true, reason: 'connect_failed' });
    assert.deepEqual(retryDecision(new errors.ConnectionError('socket hang up'), post), { retry: false, reason: 'unsafe_write' });
    // a kept-alive socket found reset when the request was written: nothing reached the server whole
    assert.deepEqual(retryDecision(new errors.ConnectionError('write ECONNRESET'), post), { retry: true, reason: 'connect_failed' });
    assert.deepEqual(retryDecision(new errors.ConnectionError('write EPIPE'), post), { retry: true, reason: 'connect_failed' });
    assert.deepEqual(retryDecision(new errors.ConnectionError('read ECONNRESET'), post), { retry: false, reason: 'unsafe_write' });
    assert.deepEqual(retryDecision(new errors.ConnectionError('read ECONNRESET'), post, { retryUnsafeWrites: true }), { retry: true, reason: 'connection_lost' });
    assert.deepEqual(retryDecision(new errors.ConnectionError('self-signed certificate in certificate chain'), { method: 'GET', path: '/' }), { retry: false, reason: 'tls_failure' });
    assert.deepEqual(retryDecision(new Error('random'), { method: 'GET', path: '/' }), { retry: false, reason: 'not_retryable' });
    assert.deepEqual(retryDecision('string', { method: 'GET', path: '/' }), { retry: false, reason: 'not_retryable' });
  });

  test('invalid options throw ConfigError naming the option; retries 0 disables retrying', async () => {
    for (const [key, value] of [['retries', -1], ['retries', 1.5], ['minDelayMs', Number.NaN], ['maxElapsedMs', -5], ['maxDelayMs', Number.POSITIVE_INFINITY]] as const) {
      assert.throws(() => resolveRetryOptions({ [key]: value }), (e: unknown) => e instanceof ConfigError && e.option === `retry.${key}`);
    }
    assert.throws(() => resolveRetryOptions({ minDelayMs: 500, maxDelayMs: 100 }), (e: unknown) => e instanceof ConfigError && e.option === 'retry.maxDelayMs');
    assert.deepEqual(resolveRetryOptions({}), { retries: 3, minDelayMs: 100, maxDelayMs: 20_000, maxElapsedMs: 60_000, retryUnsafeWrites: false, onRetry: undefined, signal: undefined });
    const stub = await startStub((_req, res) => send(res, 503, { message: 'busy' }));
    try {
      const error = await withClient(stub.url, (client) => runWithRetry(() => client.transport.request({ method: 'GET', path: '/' }), { method: 'GET', path: '/' }, { retries: 0 }).catch((e: unknown) => e));
      assert.ok(error instanceof ServiceUnavailableError);
      assert.equal(stub.hits.length, 1);
    } finally {
      await stub.close();
    }
  });

  test('a throwing onRetry does not change the outcome; non-Error throws are rethrown unchanged; abort stops the wait', async () => {
    const stub = await startStub((_req, res, n) => (n === 1 ? send(res, 503, { message: 'busy' }) : send(res, 200, OK)));
    try {
      const ok = await withClient(stub.url, (client) =>
        runWithRetry(() => client.transport.request({ method: 'GET', path: '/' }), { method: 'GET', path: '/' }, { ...FAST, onRetry: () => { throw new Error('observer'); } }),
      );
      assert.deepEqual(ok.body, OK);
    } finally {
      await stub.close();
    }
    const thrown = await runWithRetry(() => Promise.reject('plain string'), { method: 'GET', path: '/' }, FAST).catch((e: unknown) => e);
    assert.equal(thrown, 'plain string');
    const controller = new AbortController();
    const busy = await startStub((_req, res) => send(res, 429, { message: 'Too many requests' }, { 'retry-after': '20' }));
    try {
      setTimeout(() => controller.abort(new Error('stop')), 50);
      const aborted = await withClient(busy.url, (client) =>
        runWithRetry(() => client.transport.request({ method: 'GET', path: '/' }), { method: 'GET', path: '/' }, { maxDelayMs: 30_000, signal: controller.signal }).catch((e: unknown) => e),
      );
      assert.equal((aborted as Error).message, 'stop');
      assert.equal(busy.hits.length, 1);
    } finally {
      await busy.close();
    }
    // aborted while an attempt runs, which then fails retryably: the abort reason is thrown, not that failure
    const during = new AbortController();
    const notices: number[] = [];
    const slowFailure = await runWithRetry(
      async () => {
        setTimeout(() => during.abort(new Error('stopped during the attempt')), 5);
        await new Promise((resolve) => setTimeout(resolve, 40));
        throw new errors.ConnectionError('socket hang up');
      },
      { method: 'GET', path: '/' },
      { ...FAST, retries: 3, signal: during.signal, onRetry: (info) => void notices.push(info.attempt) },
    ).catch((e: unknown) => e);
    assert.equal((slowFailure as Error).message, 'stopped during the attempt');
    assert.deepEqual(notices, [], 'no retry is announced after the abort');
  });
});
