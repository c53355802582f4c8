/**
 * The transport's fast path (a first attempt with cached credentials, sent without the retry
 * policy) keeps the guarantees of the policy path: the caller's params and options are left as
 * given, a failure the parent reports synchronously still leaves as one typed error, a retryable
 * first failure is retried by the policy, the basic header wins over any spelling of a caller's
 * Authorization, and a result carries no secret.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError } from '../../src/errors/classes.js';
import { verifySigV4 } from '../domain/edge/sigv4.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
useRecordingStub((s) => {
  stub = s;
});

const PASSWORD = 'fast-path-password-9f3c';
const basic = (): ReturnType<typeof createClient> => createClient({ node: stub.url, auth: { mode: 'basic', username: 'fast-user', password: PASSWORD } });

describe('transport fast path', () => {
  test("the caller's params and options objects are not changed by a request", async () => {
    for (const client of [createClient({ node: stub.url, auth: { mode: 'none' } }), basic()]) {
      const params = { method: 'POST', path: '/i/_search', body: { query: { match_all: {} } }, querystring: { size: 1 } };
      const options = { headers: { 'x-fast': '1' } };
      const paramsBefore = structuredClone(params);
      const optionsBefore = structuredClone(options);
      await client.transport.request(params, options);
      await client.transport.request(params, options);
      assert.deepEqual(params, paramsBefore);
      assert.deepEqual(options, optionsBefore);
      assert.equal(Object.getOwnPropertySymbols(params).length, 0);
    }
    assert.equal(stub.received.length, 4);
    assert.ok(stub.received.every((r) => r.headers['x-fast']?.[0] === '1' && r.body.toString() === '{"query":{"match_all":{}}}'));
  });

  test('a path Node would refuse (unescaped) fails the call before any attempt, once, and abort() afterwards is harmless', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
    const pending = client.transport.request({ method: 'GET', path: '/a b\u00e9' });
    const error = (await pending.then(() => undefined, (e: unknown) => e)) as Error & { attempts?: number };
    assert.ok(error instanceof Error);
    assert.match(error.message, /ERR_UNESCAPED_CHARACTERS|unescaped/i);
    assert.equal(error.attempts, undefined, 'no attempt was made');
    pending.abort();
    assert.equal(stub.received.length, 0);
  });

  test("a 'request' listener that throws fails that request (a rejection, its deadline timer cleared), the next one goes through", async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const listener = (): void => {
      throw new Error('listener failed');
    };
    client.on('request', listener);
    const error = (await client.info().then(() => undefined, (e: unknown) => e)) as Error;
    assert.match(error.message, /listener failed/);
    assert.equal(timers(), before);
    client.off('request', listener);
    assert.equal((await client.info()).statusCode, 200);
  });

  test('a retryable first failure on the fast path is retried by the policy (503 then 200)', async () => {
    stub.reply = (_req, i) => (i === 0 ? { status: 503, body: { error: 'busy' } } : {});
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
    const result = await client.info();
    assert.equal(result.statusCode, 200);
    assert.equal(stub.received.length, 2);
  });

  test("basic: a caller's Authorization in any spelling is refused (stop 54: it was silently replaced); the error shows no secret", async () => {
    const client = basic();
    const expected = `Basic ${Buffer.from(`fast-user:${PASSWORD}`).toString('base64')}`;
    for (const name of ['Authorization', 'authorization', 'AUTHORIZATION']) {
      const error = await client.info({}, { headers: { [name]: 'Bearer not-ours' } }).then(() => assert.fail('sent'), (e: unknown) => e);
      assert.ok(error instanceof ConfigError && error.option === `options.headers.${name}`, `${name}: ${String(error)}`);
      const shown = `${inspect(error, { depth: 8 })}${JSON.stringify(error)}`;
      assert.ok(!shown.includes(PASSWORD) && !shown.includes(expected.slice(6)) && !shown.includes('not-ours'), `${name}: a secret is visible in the error`);
    }
    assert.equal(stub.received.length, 0);
  });

  test('iam: a plain and a non-ASCII target are signed on every attempt, the retry included (verified by @smithy/signature-v4)', async () => {
    stub.reply = (_req, i) => (i % 2 === 0 ? { status: 503, body: { error: 'busy' } } : {});
    const client = createClient({
      node: stub.url,
      auth: { mode: 'iam', region: 'eu-west-1', credentials: { accessKeyId: 'AKIDFAST', secretAccessKey: 'fast/secret', sessionToken: 'fast-token' } },
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
    });
    await client.transport.request({ method: 'GET', path: '/plain/_doc/1' });
    await client.transport.request({ method: 'GET', path: '/caf\u00e9/_doc/%C3%A9', querystring: { q: 'a b' } });
    assert.equal(stub.received.length, 4);
    for (const r of stub.received) {
      assert.match(r.headers.authorization?.[0] ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDFAST\/\d{8}\/eu-west-1\/es\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
      assert.deepEqual(r.headers['x-amz-security-token'], ['fast-token']);
      const v = await verifySigV4(r, {
        region: 'eu-west-1',
        service: 'es',
        now: new Date(),
        findCredential: (id) => (id === 'AKIDFAST' ? { accessKeyId: id, secretAccessKey: 'fast/secret', sessionToken: 'fast-token', arn: 'arn:aws:iam::1:role/R' } : undefined),
      });
      assert.ok(v.ok, !v.ok ? v.message : '');
    }
    assert.match(stub.received[2]?.url ?? '', /^\/caf%C3%A9\/_doc\/%C3%A9\?q=a%20b$/);
  });
});
