/**
 * A call's own options and params (`client.search(params, options)`, `transport.request(params, options)`) are read
 * once: a getter or Proxy cannot answer the transport's checks one value and opensearch-js another. Before, per-call
 * `headers` were read ~4 times and `requestTimeout` ~3: an Authorization getter answering undefined to the refusal of
 * per-call auth headers and `Basic ...` later went through (the mode's own Authorization went out), a maxRetries
 * getter made opensearch-js repeat a non-idempotent write itself, a requestTimeout getter gave opensearch-js another
 * socket timeout than the call's deadline. Checked on the wire of a loopback stub. An object literal of data
 * properties is used as it is (no copy). A class-instance `clientOptions`' getters reach the Client.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, createClient } from '../../src/index.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';
import { configRefusal } from '../support/settle.js';

let stub: RecordingStub;
useRecordingStub((s) => { stub = s; });

const BASIC = { mode: 'basic', username: 'h193-user', password: 'h193-Password!' } as const;
const IAM = { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDH193EXAMPLE', secretAccessKey: 'h193-secret-access-key' } } as const;
const SMUGGLED = 'Basic aDE5My1zbXVnZ2xlZA==';

function client(auth: typeof BASIC | typeof IAM = BASIC, extra: Record<string, unknown> = {}) {
  return createClient({ node: stub.url, auth, allowInsecureHttp: true, retry: { retries: 0 }, ...extra } as never);
}

/** A getter's reads counted; it answers `first` on the first read and `later` after. */
function flipping<T>(first: T, later: T): { reads: number; get(): T } {
  const state = { reads: 0, get: (): T => (state.reads++ === 0 ? first : later) };
  return state;
}

const refusal = configRefusal;

describe('per-call headers read once: a header undefined to the check cannot come back later', () => {
  const shapes: Record<string, (h: ReturnType<typeof flipping<string | undefined>>) => object> = {
    'a getter on a headers literal': (h) => ({ headers: { get Authorization() { return h.get(); } } }),
    'a class instance of headers': (h) => {
      class Headers { get Authorization() { return h.get(); } }
      return { headers: new Headers() };
    },
    'a Proxy of headers': (h) => ({ headers: new Proxy({ Authorization: 'x' }, { get: (t, k) => (k === 'Authorization' ? h.get() : Reflect.get(t, k)) }) }),
  };
  for (const [name, make] of Object.entries(shapes)) {
    test(`basic: ${name} is refused by name, read once, nothing sent`, async () => {
      const c = client();
      const h = flipping<string | undefined>(undefined, SMUGGLED);
      // undefined once: no header, nothing to refuse; what is checked is what would be sent
      await c.search({ index: 'a' }, make(h));
      assert.equal(h.reads, 1, 'the getter was read once');
      assert.equal(stub.received.length, 1);
      assert.match(String(stub.received[0]?.headers.authorization?.[0]), /^Basic /);
      assert.notEqual(stub.received[0]?.headers.authorization?.[0], SMUGGLED);
      // the value on the first read: refused before anything is sent
      const v = flipping<string | undefined>(SMUGGLED, undefined);
      const e = await refusal(c.search({ index: 'a' }, make(v)));
      assert.equal(e.option, 'options.headers.Authorization');
      assert.equal(v.reads, 1);
      assert.equal(stub.received.length, 1, 'nothing more was sent');
      await c.close();
    });
  }

  test('iam: an options getter for headers is read once; a session token it hands over later is refused, not stripped on the wire', async () => {
    const c = client(IAM);
    let reads = 0;
    const options = { get headers() { return reads++ === 0 ? { 'x-app': 'h193' } : { 'x-app': 'h193', 'x-amz-security-token': 'h193-token' }; } };
    await c.search({ index: 'a' }, options);
    assert.equal(reads, 1, 'options.headers was read once');
    assert.equal(stub.received[0]?.headers['x-app']?.[0], 'h193');
    assert.equal(stub.received[0]?.headers['x-amz-security-token'], undefined);
    class Options { reads = 0; get headers() { return this.reads++ === 0 ? { 'X-Amz-Security-Token': 'h193-token' } : {}; } }
    const instance = new Options();
    assert.equal((await refusal(c.search({ index: 'a' }, instance))).option, 'options.headers.X-Amz-Security-Token');
    assert.equal(instance.reads, 1);
    assert.equal(stub.received.length, 1);
    await c.close();
  });

  test('a getter that throws is a ConfigError naming the option (a rejection, not a synchronous throw)', async () => {
    const c = client();
    const options = { get requestTimeout(): number { throw new Error('h193-secret-in-message'); } };
    let promise: Promise<unknown> | undefined;
    assert.doesNotThrow(() => { promise = c.search({ index: 'a' }, options); });
    const e = await refusal(promise as Promise<unknown>);
    assert.equal(e.option, 'options.requestTimeout');
    assert.ok(!e.message.includes('h193-secret'));
    assert.equal(stub.received.length, 0);
    await c.close();
  });
});

describe('per-call numbers read once: the deadline, the retries and opensearch-js see one value', () => {
  test('maxRetries: a getter answering a count only to opensearch-js does not make it repeat a write', async () => {
    const c = client();
    stub.reply = () => ({ status: 503, body: { error: 'busy' } });
    let reads = 0;
    const options = { get maxRetries() { return reads++ < 2 ? undefined : 3; } };
    await assert.rejects(c.index({ index: 'h193', body: { a: 1 } }, options as never));
    assert.equal(reads, 1, 'maxRetries was read once');
    assert.equal(stub.received.length, 1, 'the POST went out once');
    await c.close();
  });

  test('requestTimeout: a class instance\'s getter is read once, the attempt\'s socket timeout is the deadline', async () => {
    const c = client();
    stub.reply = () => ({ delayMs: 150 });
    class Options { reads = 0; get requestTimeout() { return this.reads++ < 2 ? 30_000 : 1; } }
    const options = new Options();
    const result = await c.search({ index: 'a' }, options as never);
    assert.equal(result.statusCode, 200);
    assert.equal(options.reads, 1);
    // an object literal of data properties is used as it is: the meta names the caller's own object
    const plain = { requestTimeout: 30_000, headers: { 'x-app': 'h193' } };
    const second = await c.search({ index: 'a' }, plain);
    assert.equal(second.meta.request.options, plain);
    await c.close();
  });

  test('transport.request: getters on params (method, path, querystring) read once across a retry', async () => {
    const c = client(BASIC, { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 1 } });
    stub.reply = (_req, i) => (i === 0 ? { status: 503, body: { error: 'busy' } } : {});
    const reads = { method: 0, path: 0, querystring: 0 };
    const params = {
      get method() { reads.method++; return 'GET'; },
      get path() { reads.path++; return '/h193/_search'; },
      get querystring() { reads.querystring++; return { q: 'a' }; },
    };
    const result = await c.transport.request(params as never);
    assert.equal(result.statusCode, 200);
    assert.deepEqual(reads, { method: 1, path: 1, querystring: 1 });
    assert.deepEqual(stub.received.map((r) => `${r.method} ${r.url}`), ['GET /h193/_search?q=a', 'GET /h193/_search?q=a']);
    await c.close();
  });
});

describe('a class-instance clientOptions (or child options): its getters reach the Client', () => {
  test('opaqueIdPrefix and headers given as getters go out on the wire; an owned option as a getter is refused', async () => {
    class Options {
      get opaqueIdPrefix() { return 'h193-'; }
      get headers() { return { 'x-h193-client': 'yes' }; }
    }
    const c = client(BASIC, { clientOptions: new Options() });
    await c.search({ index: 'a' }, { opaqueId: 'one' });
    assert.equal(stub.received[0]?.headers['x-opaque-id']?.[0], 'h193-one');
    assert.equal(stub.received[0]?.headers['x-h193-client']?.[0], 'yes');
    // a child's options as a class instance: the same
    class ChildOptions { get opaqueIdPrefix() { return 'h193c-'; } }
    await c.child(new ChildOptions() as never).search({ index: 'a' }, { opaqueId: 'two' });
    assert.equal(stub.received[1]?.headers['x-opaque-id']?.[0], 'h193c-two');
    await c.close();
    class Owned { get Transport() { return class {}; } }
    assert.throws(() => client(BASIC, { clientOptions: new Owned() }), (e: unknown) => e instanceof ConfigError && e.option === 'clientOptions.Transport');
  });
});
