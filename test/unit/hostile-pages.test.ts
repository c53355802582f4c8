/**
 * Refusals that do not look like what they are: an error page labelled application/json (or cut
 * off), pages that open with an XML prolog or a comment, AWS throttling answered with 400; and
 * option values that pass a shallow check but fail later (an agent factory that throws, a session
 * token a header cannot carry, a child client's misspelt key). Loopback stub.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError, CredentialsError, ForbiddenError, SecurityExceptionError, ThrottledError, UnauthorizedError, ServiceUnavailableError, isPermissionError, isRetryable } from '../../src/errors/classes.js';
import { startRawStub, type RawStub } from '../support/raw-stub.js';

let stub: RawStub;
let next: { status: number; text: string; type: string; headers?: Record<string, string> } = { status: 200, text: '{}', type: 'application/json' };
before(async () => {
  stub = await startRawStub((_req, res) => {
    res.writeHead(next.status, { 'content-type': next.type, 'content-length': Buffer.byteLength(next.text), ...next.headers });
    res.end(next.text);
  });
});
after(async () => { await stub.close(); });

const PAGE = '<html><body><h1>Service Unavailable</h1></body></html>';
const basic = (password = 'page-test-password') =>
  createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password }, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });

describe('an error status whose body is not the JSON its content type claims is judged by its status', () => {
  for (const [status, text, expected, sends] of [
    [503, PAGE, ServiceUnavailableError, 3],
    [429, 'Too Many Requests', ThrottledError, 3],
    [403, '<html><head><title>403 Forbidden</title></head></html>', ForbiddenError, 1],
    [401, 'Unauthorized', UnauthorizedError, 1],
  ] as const) {
    test(`${status} with a non-JSON body labelled application/json -> ${expected.name}, sent ${sends}x`, async () => {
      next = { status, text, type: 'application/json' };
      const client = basic();
      const before = stub.received.length;
      const error = await client.search({ index: 'x' }).catch((e: unknown) => e);
      await client.close();
      assert.ok(error instanceof expected, inspect(error));
      assert.equal((error as { statusCode?: number }).statusCode, status);
      assert.equal(stub.received.length - before, sends);
    });
  }

  test('a plugin 403 cut off mid-JSON is still a SecurityExceptionError naming the action', async () => {
    const full = JSON.stringify({ error: { root_cause: [{ type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=u, backend_roles=[], requestedTenant=null]' }] } });
    next = { status: 403, text: full.slice(0, full.length - 20), type: 'application/json; charset=UTF-8' };
    const client = basic();
    const error = await client.search({ index: 'x' }).catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof SecurityExceptionError, inspect(error));
    assert.ok(isPermissionError(error));
    assert.deepEqual(error.actions, ['indices:data/read/search']);
  });

  test('a 200 whose JSON cannot be read stays a DeserializationError (the request ran)', async () => {
    next = { status: 200, text: '{"hits":', type: 'application/json' };
    const client = basic();
    const error = await client.search({ index: 'x' }).catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof errors.DeserializationError, inspect(error));
  });
});

describe('pages that open with an XML prolog or a comment, or are served as HTML, are pages', () => {
  for (const [label, text, type] of [
    ['an XML prolog (lighttpd)', '<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head><body>token has expired</body></html>', 'text/html'],
    ['a leading comment', '<!-- gateway 7 -->\n<html><head><title>403 Forbidden</title></head><body>The security token included in the request is expired</body></html>', 'text/html'],
    ['text/html naming no tag first', 'The security token included in the request is expired', 'text/html; charset=utf-8'],
  ] as const) {
    test(`${label}: a gateway ForbiddenError; an iam client neither refreshes nor re-sends the write`, async () => {
      next = { status: 403, text, type };
      let calls = 0;
      const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: async () => (calls++, { accessKeyId: `AKIDPAGE${calls}`, secretAccessKey: 'page-secret' }) } });
      const before = stub.received.length;
      const error = await client.index({ index: 'x', body: { a: 1 } }).catch((e: unknown) => e);
      await client.close();
      assert.ok(error instanceof ForbiddenError, inspect(error));
      assert.equal(error.origin, 'gateway');
      assert.equal(stub.received.length - before, 1);
      assert.equal(calls, 1);
    });
  }

  test('a page of 100 000 unclosed comments is judged at once (no backtracking)', async () => {
    next = { status: 403, text: '<!--'.repeat(100_000), type: 'text/plain' };
    const client = basic();
    const started = process.hrtime.bigint();
    const error = await client.info().catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof ForbiddenError, inspect(error));
    assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
  });
});

test('AWS throttling answered with 400 (ThrottlingException) is retried like 429, as isRetryable says', async () => {
  next = { status: 400, text: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }), type: 'application/x-amz-json-1.1' };
  const client = basic();
  const before = stub.received.length;
  const error = await client.search({ index: 'x' }).catch((e: unknown) => e);
  await client.close();
  assert.ok(error instanceof ThrottledError, inspect(error));
  assert.equal(isRetryable(error), true);
  assert.equal(stub.received.length - before, 3);
});

describe('values that pass a shallow check but would fail later', () => {
  test('an agent factory that throws (quoting the password): ConfigError naming clientOptions.agent, without its text', () => {
    const password = 'Agent-Factory-Secret-91!';
    for (const agent of [
      () => { throw new Error(`cannot build agent for u:${password}@host`); },
      () => new Proxy({}, { get() { throw new Error(`read failed ${password}`); } }),
    ]) {
      const error = (() => {
        try {
          createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password }, clientOptions: { agent } });
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof ConfigError, inspect(error));
      assert.equal(error.option, 'clientOptions.agent');
      assert.ok(!inspect(error, { showHidden: true, depth: 5 }).includes(password));
    }
  });

  test('a session token with a character no header can carry: ConfigError (static) or CredentialsError (provider)', async () => {
    const credentials = { accessKeyId: 'AKIDTOKEN', secretAccessKey: 'token-secret', sessionToken: 'IQoJb3JpZ2luX2VjE\u201cquoted\u201d' };
    assert.throws(() => createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials } }),
      (e: unknown) => e instanceof ConfigError && e.option === 'auth.credentials.sessionToken' && !e.message.includes('quoted'));
    next = { status: 200, text: '{}', type: 'application/json' };
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: async () => credentials } });
    const error = await client.info().catch((e: unknown) => e);
    await client.close();
    assert.ok(error instanceof CredentialsError, inspect(error));
    assert.ok(!inspect(error, { showHidden: true }).includes('quoted'));
  });

  test('client.child() refuses a key it cannot take (a typo, or createClient\'s own option names)', () => {
    const client = basic();
    for (const opts of [{ headrs: { securitytenant: 'other' } }, { requestTimeoutMs: 5 }]) {
      const key = Object.keys(opts)[0]!;
      assert.throws(() => client.child(opts as never), (e: unknown) => e instanceof ConfigError && e.option === `child.${key}`);
    }
    const child = client.child({ headers: { securitytenant: 'other' }, requestTimeout: 1000, opaqueIdPrefix: 'x-' });
    assert.ok(child);
    void client.close();
  });
});
