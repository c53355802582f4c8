/**
 * h212: no ConfigError quotes a secret in scope (a secret-named header's value in another option, a parent's secret in a
 * child's option, a client's secret in an ingest option), a seeded sweep over the entry points that take a client; a
 * call's own requestTimeout / maxRetries that cannot be used is refused naming it; a throwing 'response' or
 * 'deserialization' listener fails the call (no hang, no uncaughtException); a credential-bearing header over http:// to
 * a remote host is refused unless allowInsecureHttp; an AWS-shaped 400 saying "Signature expired" is no signature error.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { ConfigError, SecurityApi, SignatureMismatchError, checkDomain, createClient, ingest, runWithRetry } from '../../src/index.js';
import { classifyResponse } from '../../src/errors/classify.js';
import { rng } from '../domain/seed-data.js';

const PW = 'h212-Sup3rS3cret!pw';
const KEY = 'h212-ApiKeyValue-0123456789';
const REMOTE = 'https://search-x.us-east-1.es.amazonaws.com';

/** Everything an error shows (message, stack, inspect, JSON). */
function shown(e: unknown): string {
  const err = e as { message?: unknown; stack?: unknown };
  return `${String(err?.message)}\n${String(err?.stack)}\n${inspect(e, { depth: 6 })}\n${JSON.stringify(e ?? null)}`;
}

/** The error `run` throws or rejects with (undefined when it succeeds). */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
    return undefined;
  } catch (e) {
    return e;
  }
}

function assertClean(e: unknown, label: string, secrets: readonly string[] = [PW, KEY]): void {
  const text = shown(e);
  for (const s of secrets) assert.ok(!text.includes(s), `${label}: ${text.slice(0, 300)}`);
}

describe('h212 ConfigErrors never quote a secret in scope', () => {
  test('createClient: a secret-named header value given again in tenant or ssl.servername is redacted', () => {
    for (const [option, extra] of [['tenant', { tenant: `${KEY} ` }], ['ssl.servername', { ssl: { servername: `${KEY} ` } }]] as const) {
      for (const header of ['x-api-key', 'authorization', 'cookie']) {
        const e = (() => {
          try {
            createClient({ node: REMOTE, auth: { mode: 'none' }, ...extra, clientOptions: { headers: { [header]: KEY } } } as never);
          } catch (err) {
            return err;
          }
          return undefined;
        })();
        assert.ok(e instanceof ConfigError, `${option} ${header}: ${String(e)}`);
        assert.equal(e.option, option);
        assertClean(e, `${option} with ${header}`);
      }
    }
  });

  test("a child's ConfigError is redacted with the parent's secrets and the child's own secret headers", async () => {
    const parent = createClient({ node: REMOTE, auth: { mode: 'basic', username: 'svc', password: PW }, clientOptions: { headers: { 'x-api-key': KEY } } });
    try {
      for (const given of [{ opaqueIdPrefix: `${PW}\n` }, { opaqueIdPrefix: `${KEY}\n` }, { [PW]: 1 }, { headers: { 'x-auth-token': 'h212-childKey-987' }, opaqueIdPrefix: 'h212-childKey-987\n' }]) {
        const e = await failure(() => parent.child(given as never));
        assert.ok(e instanceof ConfigError, String(e));
        assertClean(e, JSON.stringify(Object.keys(given)), [PW, KEY, 'h212-childKey-987']);
      }
      // a child of a child: the same set
      const e = await failure(() => parent.child({}).child({ opaqueIdPrefix: `${PW}\n` } as never));
      assert.ok(e instanceof ConfigError);
      assertClean(e, 'grandchild');
    } finally {
      await parent.close();
    }
  });

  test("ingest's option errors are redacted with the client's secrets, unknown keys too", async () => {
    const client = createClient({ node: REMOTE, auth: { mode: 'basic', username: 'svc', password: PW } });
    try {
      for (const options of [{ refresh: PW }, { outcomes: PW }, { idempotentCreate: PW }, { fifo: PW }, { [PW]: 1 }]) {
        const e = await failure(() => ingest(client, [], options as never));
        assert.ok(e instanceof ConfigError, String(e));
        assertClean(e, Object.keys(options)[0] as string);
      }
    } finally {
      await client.close();
    }
  });

  test('seeded sweep: option errors of the entry points taking a client hold none of its secrets', async () => {
    const client = createClient({ node: REMOTE, auth: { mode: 'basic', username: 'svc', password: PW }, clientOptions: { headers: { 'x-api-key': KEY } } });
    const random = rng(212);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    try {
      for (let round = 0; round < 60; round++) {
        const secret = pick([PW, KEY]);
        const value: unknown = pick([secret, `${secret}\n`, ` ${secret}`, { [secret]: 1 }, [secret], `${secret}\t`]);
        const key = pick(['tenant', 'opaqueIdPrefix', 'name', 'refresh', 'outcomes', 'fifo', 'retries', 'requestTimeoutMs', 'account', 'prefix', secret]);
        const api = new SecurityApi(client);
        const entries: [string, () => unknown][] = [
          ['createClient', () => createClient({ node: REMOTE, auth: { mode: 'basic', username: 'svc', password: PW }, clientOptions: { headers: { 'x-api-key': KEY } }, [key]: value } as never)],
          ['child', () => client.child({ [key]: value } as never)],
          ['ingest', () => ingest(client, [], { [key]: value } as never)],
          ['checkDomain', () => checkDomain(client, { [key]: value } as never)],
          ['runWithRetry', () => runWithRetry(async () => 1, { method: 'GET', path: '/' }, { [key]: value } as never)],
          ['roles.get', () => api.roles.get(value as never)],
          ['users.get', () => api.users.get(value as never)],
        ];
        const [label, run] = pick(entries);
        const e = await failure(run);
        if (e !== undefined) assertClean(e, `round ${round} ${label} ${JSON.stringify(key === secret ? '<secret>' : key)}`);
      }
    } finally {
      await client.close();
    }
  });
});

describe("h212 a call's own requestTimeout and maxRetries", () => {
  let server: http.Server;
  let url: string;
  let hits = 0;
  before(async () => {
    server = http.createServer((req, res) => {
      hits++;
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a requestTimeout that is no usable duration is refused naming options.requestTimeout, nothing sent', async () => {
    const client = createClient({ node: url, auth: { mode: 'none' } });
    try {
      for (const requestTimeout of ['abc', -1, Number.NaN, '', '-1s', 0, true]) {
        hits = 0;
        const e = await failure(() => client.transport.request({ method: 'GET', path: '/' }, { requestTimeout } as never));
        assert.ok(e instanceof ConfigError, `${String(requestTimeout)}: ${String(e)}`);
        assert.equal(e.option, 'options.requestTimeout');
        assert.equal(hits, 0);
      }
      // usable ones still work: a number and the ms format opensearch-js reads; null is the client's value, as there
      for (const requestTimeout of [5000, '5s', null]) await client.transport.request({ method: 'GET', path: '/' }, { requestTimeout } as never);
    } finally {
      await client.close();
    }
  });

  test('maxRetries -1 and "5" are refused naming options.maxRetries; 0 and 2 work', async () => {
    const client = createClient({ node: url, auth: { mode: 'none' } });
    try {
      for (const maxRetries of [-1, '5', 1.5, 5000]) {
        hits = 0;
        const e = await failure(() => client.transport.request({ method: 'GET', path: '/' }, { maxRetries } as never));
        assert.ok(e instanceof ConfigError, `${String(maxRetries)}: ${String(e)}`);
        assert.equal(e.option, 'options.maxRetries');
        assert.doesNotMatch(e.message, /retry\.retries/);
        assert.equal(hits, 0);
      }
      for (const maxRetries of [0, 2, null]) await client.transport.request({ method: 'GET', path: '/' }, { maxRetries } as never);
    } finally {
      await client.close();
    }
  });
});

describe("h212 a throwing 'response' or 'deserialization' listener", () => {
  let server: http.Server;
  let url: string;
  let status = 200;
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{}' : `{"error":{"type":"x","reason":"y"},"status":${status}}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('fails the call once with what it threw; nothing reaches uncaughtException', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => void uncaught.push(e);
    // node:test's own handler would fail the test; ours records it instead
    const previous = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      for (const event of ['response', 'deserialization'] as const) {
        for (status of [200, 503]) {
          const client = createClient({ node: url, auth: { mode: 'none' }, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } });
          const boom = new Error(`h212 listener boom ${event}`);
          (client as unknown as { on(event: string, listener: () => void): void }).on(event, () => {
            throw boom;
          });
          let settled = 0;
          const call = client.info().then(
            () => ++settled && 'resolved',
            (e: unknown) => ++settled && e,
          );
          // a call left unsettled would hang here: a generous guard turns that into a failure message
          let guard: NodeJS.Timeout | undefined;
          const outcome = await Promise.race([call, new Promise((resolve) => (guard = setTimeout(resolve, 10_000, 'still pending')))]);
          clearTimeout(guard);
          assert.equal(outcome, boom, `${event} ${status}: ${String(outcome)}`);
          assert.equal(settled, 1);
          await client.close();
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(uncaught, []);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      for (const listener of previous) process.on('uncaughtException', listener);
    }
  });
});

describe('h212 credential headers over http:// to a remote host', () => {
  const httpRemote = 'http://search-x.corp.example.com:9200';

  test('mode none with an authorization / cookie / x-api-key header is refused unless allowInsecureHttp', () => {
    for (const header of ['authorization', 'Authorization', 'cookie', 'x-api-key']) {
      const options = { node: httpRemote, auth: { mode: 'none' as const }, clientOptions: { headers: { [header]: `Basic ${Buffer.from(`svc:${PW}`).toString('base64')}` } } };
      assert.throws(() => createClient(options), (e: unknown) => {
        assert.ok(e instanceof ConfigError, String(e));
        assert.equal(e.option, `clientOptions.headers.${header}`);
        assert.match(e.message, /clear text/);
        assertClean(e, header);
        return true;
      });
      // allowed: allowInsecureHttp, a loopback node, https
      createClient({ ...options, allowInsecureHttp: true }).close().catch(() => undefined);
      createClient({ ...options, node: 'http://127.0.0.1:9200' }).close().catch(() => undefined);
      createClient({ ...options, node: 'https://search-x.corp.example.com' }).close().catch(() => undefined);
    }
    // a header that carries no credential is fine
    createClient({ node: httpRemote, auth: { mode: 'none' }, clientOptions: { headers: { 'x-opaque-id': 'a' } } }).close().catch(() => undefined);
  });

  test("a child's credential header is refused the same way", async () => {
    const client = createClient({ node: httpRemote, auth: { mode: 'none' } });
    try {
      const e = await failure(() => client.child({ headers: { authorization: `Basic ${PW}` } }));
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.option, 'child.headers.authorization');
      assertClean(e, 'child');
    } finally {
      await client.close();
    }
  });
});

describe('h212 AWS signature text at 400', () => {
  const message = 'Signature expired: 20261207T000000Z is now earlier than 20261207T001500Z (20261207T002000Z - 5 min.)';

  test('a 400 {"message":"Signature expired: ..."} is no signature mismatch; at 403 it is clock skew', () => {
    assert.notEqual(classifyResponse({ statusCode: 400, body: { message }, method: 'POST', path: '/x/_doc' }).kind, 'signature_mismatch');
    for (const text of ['The request signature we calculated does not match the signature you provided.', "Credential should be scoped to a valid region, not 'eu-west-1'."]) {
      assert.notEqual(classifyResponse({ statusCode: 400, body: { message: text }, method: 'POST', path: '/x/_doc' }).kind, 'signature_mismatch', text);
    }
    const skew = classifyResponse({ statusCode: 403, body: { message }, method: 'GET', path: '/' });
    assert.equal(skew.kind, 'signature_mismatch');
    // AWS's error type still decides at 400
    const typed = classifyResponse({ statusCode: 400, body: { message: 'x' }, headers: { 'x-amzn-errortype': 'InvalidSignatureException' }, method: 'GET', path: '/' });
    assert.equal(typed.kind, 'signature_mismatch');
    assert.ok(SignatureMismatchError);
  });
});
