/** createClient's Connection/Transport plumbing against a loopback stub: auth per attempt, retries, typed errors. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { Client, errors } from '@opensearch-project/opensearch';
import { authStrategyOf, createClient } from '../../src/client/create-client.js';
import { refreshBufferFor } from '../../src/auth/refresh-buffer.js';
import { CredentialsError, ExpiredCredentialsError, SecurityExceptionError } from '../../src/errors/classes.js';
import type { AwsCredentialIdentity } from '../../src/auth/aws-credentials.js';
import { parseAuthorization, verifySigV4, type ReceivedRequest } from '../domain/edge/sigv4.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
useRecordingStub((s) => {
  stub = s;
});

function keyOf(req: ReceivedRequest): string {
  const auth = parseAuthorization(req.headers.authorization?.[0] ?? '');
  return typeof auth === 'string' ? '' : auth.accessKeyId;
}

const EXPIRED = { status: 403, body: { message: 'The security token included in the request is expired' } };
const SECURITY_403 = {
  status: 403,
  body: {
    error: {
      root_cause: [{ type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]' }],
      type: 'security_exception',
      reason: 'no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]',
    },
    status: 403,
  },
};

/** A provider of numbered credentials that the stub can tell apart. */
function numberedProvider(expiresInMs?: number) {
  const state = { calls: 0 };
  const provider = async (): Promise<AwsCredentialIdentity> => {
    state.calls += 1;
    const n = state.calls;
    await new Promise((r) => setTimeout(r, 5));
    return { accessKeyId: `AKID${n}`, secretAccessKey: `secret${n}`, ...(expiresInMs !== undefined ? { expiration: new Date(Date.now() + expiresInMs) } : {}) };
  };
  return { state, provider };
}

describe('createClient', () => {
  test('returns a real Client, synchronously, without network or credential calls', () => {
    const { state, provider } = numberedProvider();
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider } });
    assert.ok(client instanceof Client);
    assert.equal(typeof (client as unknown as { then?: unknown }).then, 'undefined');
    assert.equal(state.calls, 0);
    assert.equal(stub.received.length, 0);
    assert.equal(authStrategyOf(client)?.mode, 'iam');
  });

  test('tenant is sent as the securitytenant header (and a child client can override it)', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'p' }, tenant: 'analysts' });
    await client.info();
    assert.equal(stub.received[0]?.headers.securitytenant?.[0], 'analysts');
    const child = client.child({ headers: { securitytenant: '__user__' } });
    await child.info();
    assert.equal(stub.received[1]?.headers.securitytenant?.[0], '__user__');
    assert.equal(stub.received[1]?.headers.authorization?.[0], `Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  test('basic: Authorization Basic on every request, the password provider called once', async () => {
    let calls = 0;
    const client = createClient({
      node: stub.url,
      auth: { mode: 'basic', username: 'new-user', password: async () => (calls++, 'pw') },
    });
    await Promise.all(Array.from({ length: 20 }, () => client.info()));
    assert.equal(calls, 1);
    assert.equal(stub.received.length, 20);
    assert.ok(stub.received.every((r) => r.headers.authorization?.[0] === `Basic ${Buffer.from('new-user:pw').toString('base64')}`));
  });

  test('none: no Authorization header', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' } });
    await client.info();
    assert.equal(stub.received[0]?.headers.authorization, undefined);
  });

  test('errors are typed and still instanceof errors.ResponseError (promise style)', async () => {
    stub.reply = () => SECURITY_403;
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'p' } });
    await assert.rejects(client.search({ index: 'flights' }), (e: unknown) => {
      assert.ok(e instanceof SecurityExceptionError);
      assert.ok(e instanceof errors.ResponseError);
      assert.equal(e.user?.name, 'new-user');
      assert.equal(e.statusCode, 403);
      return true;
    });
    assert.equal(stub.received.length, 1, 'a 403 is not retried');
  });

  test('callback style: result on success, typed error plus a result object on failure', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'p' } });
    const ok = await new Promise<unknown>((resolve, reject) => {
      client.info({}, {}, (err, result) => (err ? reject(err) : resolve(result.body)));
    });
    assert.deepEqual(ok, { ok: true });
    stub.reply = () => SECURITY_403;
    const [err, result] = await new Promise<[unknown, unknown]>((resolve) => {
      client.search({ index: 'x' }, {}, (e, r) => resolve([e, r]));
    });
    assert.ok(err instanceof SecurityExceptionError);
    assert.equal((result as { statusCode?: number }).statusCode, 403);
  });

  test('abort() stops a request in flight (promise and callback style)', async () => {
    stub.reply = () => ({ delayMs: 2000 });
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: 'p' } });
    const pending = client.info();
    setTimeout(() => pending.abort(), 50);
    await assert.rejects(pending, (e: unknown) => e instanceof errors.RequestAbortedError);
    const aborted = await new Promise<unknown>((resolve) => {
      const handle = client.info({}, {}, (e) => resolve(e));
      setTimeout(() => handle.abort(), 50);
    });
    assert.ok(aborted instanceof errors.RequestAbortedError);
  });

  test('an expired-token 403 causes one forced refresh and a re-signed retry with the new key', async () => {
    const { state, provider } = numberedProvider();
    stub.reply = (req) => (keyOf(req) === 'AKID1' ? EXPIRED : {});
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider }, retry: { retries: 0 } });
    const res = await client.search({ index: 'flights' });
    assert.equal(res.statusCode, 200);
    assert.equal(state.calls, 2);
    assert.deepEqual(stub.received.map(keyOf), ['AKID1', 'AKID2']);
    for (const [i, req] of stub.received.entries()) {
      const n = i + 1;
      const v = await verifySigV4(req, {
        region: 'us-east-1',
        service: 'es',
        now: new Date(),
        findCredential: (id) => (id === `AKID${n}` ? { accessKeyId: id, secretAccessKey: `secret${n}`, arn: 'arn:aws:iam::1:role/R' } : undefined),
      });
      assert.ok(v.ok, !v.ok ? v.message : '');
    }
  });

  test('50 concurrent requests failing with an expired token -> exactly one forced refresh', async () => {
    const { state, provider } = numberedProvider();
    stub.reply = (req) => (keyOf(req) === 'AKID1' ? EXPIRED : {});
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider } });
    await Promise.all(Array.from({ length: 50 }, () => client.info()));
    assert.equal(state.calls, 2);
    assert.equal(stub.received.filter((r) => keyOf(r) === 'AKID2').length, 50);
  });

  test('still expired after the forced refresh -> ExpiredCredentialsError (no loop)', async () => {
    const { state, provider } = numberedProvider();
    stub.reply = () => EXPIRED;
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider } });
    await assert.rejects(client.info(), (e: unknown) => e instanceof ExpiredCredentialsError && e instanceof errors.ResponseError);
    assert.equal(state.calls, 2);
    assert.equal(stub.received.length, 2);
  });

  test('a hanging credential provider fails the request with CredentialsError within the request timeout', async (t) => {
    // Mocked clock: the call must end when 300 ms (requestTimeoutMs) have passed on it, not before, and not at the
    // provider's own 30 s timeout; the machine's load cannot move either point.
    const realSetTimeout = globalThis.setTimeout;
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
    let calls = 0;
    const client = createClient({
      node: stub.url,
      auth: { mode: 'iam', region: 'us-east-1', credentials: () => { calls += 1; return new Promise<never>(() => undefined); } },
      requestTimeoutMs: 300,
    });
    const state: { done: boolean; error?: unknown } = { done: false };
    client.info().then(() => Object.assign(state, { done: true }), (error: unknown) => Object.assign(state, { done: true, error }));
    for (let i = 0; i < 5 && calls === 0; i++) await turn();
    assert.equal(calls, 1, 'waiting on the provider');
    t.mock.timers.tick(299);
    await turn();
    assert.equal(state.done, false, 'still waiting at 299 ms');
    t.mock.timers.tick(1);
    // a real-time guard, only for a wrong run that would never settle on the mocked clock
    for (let i = 0; i < 500 && !state.done; i++) await new Promise((r) => realSetTimeout(r, 10));
    assert.equal(state.done, true, 'ended at 300 ms');
    assert.ok(state.error instanceof CredentialsError && state.error.source === 'aws:credentials-provider', String(state.error));
    assert.equal(stub.received.length, 0);
  });

  test('credentials are refreshed before they expire: a request inside the buffer is signed with new ones', async () => {
    const requestTimeoutMs = 1000;
    const buffer = refreshBufferFor(requestTimeoutMs); // 61 s
    const { state, provider } = numberedProvider(buffer + 1500); // fresh for 1.5 s
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider }, requestTimeoutMs });
    await client.info();
    await client.info();
    assert.equal(state.calls, 1, 'fresh credentials are reused');
    await new Promise((r) => setTimeout(r, 2000));
    await client.info(); // AKID1 still valid for ~59 s, but inside the buffer
    assert.equal(state.calls, 2);
    assert.deepEqual(stub.received.map(keyOf), ['AKID1', 'AKID1', 'AKID2']);
  });

  test('a streamed body is buffered, signed and retryable in iam mode', async () => {
    let first = true;
    stub.reply = () => {
      if (first) {
        first = false;
        // OpenSearch's own 503 (the request was not processed): a bulk is re-sent after it
        return { status: 503, body: { error: { type: 'unavailable_shards_exception', reason: 'busy' }, status: 503 } };
      }
      return {};
    };
    const client = createClient({
      node: stub.url,
      auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDS', secretAccessKey: 'S' } },
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
    });
    const lines = '{"index":{"_index":"x"}}\n{"a":1}\n';
    await client.bulk({ body: Readable.from([Buffer.from(lines)]) as never });
    assert.equal(stub.received.length, 2);
    for (const req of stub.received) {
      assert.equal(Buffer.from(req.body).toString('utf8'), lines);
      const v = await verifySigV4(req, {
        region: 'us-east-1',
        service: 'es',
        now: new Date(),
        findCredential: () => ({ accessKeyId: 'AKIDS', secretAccessKey: 'S', arn: 'arn:aws:iam::1:role/R' }),
      });
      assert.ok(v.ok, !v.ok ? v.message : '');
    }
  });

  test('per-request maxRetries overrides retry.retries; the parent transport never retries by itself', async () => {
    stub.reply = () => ({ status: 503, body: { error: 'busy' } });
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0, minDelayMs: 1, maxDelayMs: 2 } });
    await assert.rejects(client.info());
    assert.equal(stub.received.length, 1);
    stub.received.length = 0;
    await assert.rejects(client.info({}, { maxRetries: 2 }));
    assert.equal(stub.received.length, 3);
  });

  test('the bulk helper (callback style inside) works through the retrying transport', async () => {
    stub.reply = (req) => {
      const lines = Buffer.from(req.body).toString('utf8').trim().split('\n');
      return { body: { took: 1, errors: false, items: Array.from({ length: lines.length / 2 }, () => ({ index: { status: 201 } })) } };
    };
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'B' } } });
    const stats = await client.helpers.bulk({ datasource: [{ a: 1 }, { a: 2 }, { a: 3 }], onDocument: () => ({ index: { _index: 'x' } }) });
    assert.equal(stats.successful, 3);
    assert.ok(stub.received.every((r) => r.headers.authorization?.[0]?.startsWith('AWS4-HMAC-SHA256')));
  });
});
