/**
 * Options, params and headers made in another realm (a `vm` context; under Jest, objects Node's core makes) are plain
 * data: used as given, never copied with their realm's `__proto__` accessor as a key; and a Proxy whose prototype
 * cannot be read is a ConfigError naming it, never passed on to answer each read anew. Loopback stub.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError } from '../../src/errors/classes.js';
import { answer, startRawStub, type RawRequest, type RawStub } from '../support/raw-stub.js';

let stub: RawStub;
const seen: RawRequest[] = [];
before(async () => {
  stub = await startRawStub((req, res) => {
    seen.push(req);
    answer(res, 200, { ok: true });
  });
});
after(async () => stub.close());

describe('lo58 objects from another realm', () => {
  test('createClient options, call params, querystring and headers from a vm context go out as given', async () => {
    const realm = vm.createContext({ url: stub.url });
    const options = vm.runInContext('({ node: url, auth: { mode: "basic", username: "realm-user", password: "realm-pass-5d1e" }, allowInsecureHttp: true, retry: { retries: 0 } })', realm) as object;
    const client = createClient(options as never);
    try {
      seen.length = 0;
      const params = vm.runInContext('({ method: "GET", path: "/i/_search", querystring: { size: 1 } })', realm) as object;
      const callOptions = vm.runInContext('({ headers: { "x-realm": "yes" } })', realm) as object;
      const res = await client.transport.request(params as never, callOptions as never);
      assert.equal(res.statusCode, 200);
      const req = seen[0];
      assert.ok(req !== undefined);
      assert.equal(req.url, '/i/_search?size=1', 'no __proto__ parameter');
      assert.equal(req.headers['x-realm'], 'yes');
      assert.ok(!Object.keys(req.headers).some((h) => h.includes('proto')), 'no __proto__ header');
      assert.match(String(req.headers.authorization), /^Basic /);
    } finally {
      await client.close();
    }
  });

  test('a Proxy whose prototype cannot be read is refused, naming it', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      seen.length = 0;
      const headers = new Proxy({}, { getPrototypeOf() { throw new Error('trap-secret-91b2'); } });
      const error = await client.transport.request({ method: 'GET', path: '/i/_search' }, { headers } as never).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ConfigError, `a ConfigError, got ${String(error)}`);
      assert.match(error.message, /options\.headers/);
      assert.ok(!error.message.includes('trap-secret-91b2'));
      assert.equal(seen.length, 0, 'nothing sent');
    } finally {
      await client.close();
    }
  });
});
