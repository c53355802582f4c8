/**
 * `DEBUG=opensearch`: opensearch-js prints (the `debug` package) the params of every request
 * (Connection.js "Starting a new request", "Request aborted"), the attempt's params on abort
 * (Transport.js "Aborting request") and every JSON body before serialising it (Serializer.js
 * "Serializing"). Through createClient none of them carries a secret header (x-api-key,
 * Authorization in mode none, per call or per client), a password in a body, or a credential of
 * basic or iam mode; and the bodies sent are byte for byte what JSON.stringify makes of them.
 * Not covered (see debug-output.ts): the query string ("qserialize"), bulk arrays, response bodies.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import opensearch from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { SecurityApi } from '../../src/security/index.js';
import { answer, startRawStub, type RawStub } from '../support/raw-stub.js';

/** The `debug` package opensearch-js prints through (its own dependency, resolved from it). */
type Debug = { enable(ns: string): void; disable(): string; log: (...args: unknown[]) => void };
const debug = createRequire(createRequire(import.meta.url).resolve('@opensearch-project/opensearch'))('debug') as Debug;

let stub: RawStub;
const printed: string[] = [];
let originalLog: Debug['log'];

before(async () => {
  stub = await startRawStub((req, res) => {
    if (req.url.startsWith('/slow')) return; // never answers: the request is aborted or times out
    answer(res, 200, req.url.includes('internalusers') ? { status: 'CREATED', message: 'created' } : { ok: true });
  });
  originalLog = debug.log;
  debug.log = (...args: unknown[]) => { printed.push(format(...args)); };
  debug.enable('opensearch');
});

after(async () => {
  debug.disable();
  debug.log = originalLog;
  await stub.close();
});

const SECRETS = {
  clientKey: 'Client-Api-Key-6c1d9a', clientBearer: 'Client-Bearer-0b77e3', callKey: 'Call-Api-Key-2f9e40', abortKey: 'Abort-Api-Key-77aa01',
  userPassword: 'User-Password-41c9dd', bodyPassword: 'Body-Password-93be12', basicPassword: 'Basic-Password-5d0c2e',
  secretKey: 'Iam-Secret-Key-0123456789', sessionToken: 'IQoJb3JpZ2luX2VjEBARE-debug-session-token',
};

function clientOf(mode: 'none' | 'basic' | 'iam'): ReturnType<typeof createClient> {
  if (mode === 'none') return createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 }, clientOptions: { headers: { 'x-api-key': SECRETS.clientKey, authorization: `Bearer ${SECRETS.clientBearer}` } } });
  if (mode === 'basic') return createClient({ node: stub.url, auth: { mode: 'basic', username: 'alice', password: SECRETS.basicPassword }, retry: { retries: 0 }, allowInsecureTls: true } as Parameters<typeof createClient>[0]);
  return createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'ASIADEBUGPRINT01', secretAccessKey: SECRETS.secretKey, sessionToken: SECRETS.sessionToken } }, retry: { retries: 0 } });
}

describe('what DEBUG=opensearch prints of requests made through createClient', () => {
  for (const mode of ['none', 'basic', 'iam'] as const) {
    test(`mode ${mode}: headers, bodies and credentials stay out of every print, on success, abort and timeout`, async () => {
      const client = clientOf(mode);
      printed.length = 0;
      const signatures: string[] = [];
      try {
        await client.transport.request({ method: 'GET', path: '/info' }, { headers: { 'x-api-key': SECRETS.callKey } });
        await new SecurityApi(client, { prefix: '_plugins/_security', dialect: 'v2' }).users.put('bob', { password: SECRETS.userPassword });
        // aborted by the caller while in flight
        const pending = client.transport.request({ method: 'POST', path: '/slow', body: { password: SECRETS.bodyPassword } }, { headers: { 'x-api-key': SECRETS.abortKey } });
        setTimeout(() => (pending as unknown as { abort(): void }).abort(), 50);
        await assert.rejects(pending);
        // cut by the attempt's deadline
        await assert.rejects(client.transport.request({ method: 'PUT', path: '/slow/doc', body: { password: SECRETS.bodyPassword } }, { requestTimeout: 50, headers: { 'x-api-key': SECRETS.abortKey } }));
        for (const r of stub.received) {
          const sig = /Signature=([0-9a-f]{64})/.exec(String(r.headers.authorization))?.[1];
          if (sig !== undefined) signatures.push(sig);
        }
      } finally {
        await client.close();
      }
      const text = printed.join('\n');
      for (const what of ['Starting a new request', 'Serializing', 'Aborting request', 'Request aborted']) assert.ok(text.includes(what), `${what} was printed`);
      const basic = Buffer.from(`alice:${SECRETS.basicPassword}`).toString('base64');
      for (const secret of [...Object.values(SECRETS), basic, ...signatures]) assert.ok(!text.includes(secret), `${mode}: ${secret} was printed`);
      assert.ok(text.includes("method: 'POST', path: '/slow'"), 'the method and path still are');
    });
  }
});

describe('the bodies sent are the ones opensearch-js would have serialised', () => {
  test('plain objects, arrays, a Date, an object with toJSON, nested toJSON: byte for byte JSON.stringify', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    const bodies: object[] = [
      { query: { match_all: {} }, size: 0 }, [{ a: 1 }, 'x'], new Date(0), { toJSON: (key: string) => ({ key, replaced: true }) },
      { when: new Date(0), nested: { toJSON: () => 'n' }, list: [1, null, 'é'] },
    ];
    try {
      for (const body of bodies) {
        const before = stub.received.length;
        await client.transport.request({ method: 'POST', path: '/echo', body });
        assert.equal(stub.received[before]!.body, JSON.stringify(body));
      }
    } finally {
      await client.close();
    }
  });

  test('a body that cannot be serialised fails as before, its error carrying (a redacted copy of) the body itself', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    try {
      const error = await client.transport.request({ method: 'POST', path: '/echo', body: cyclic }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof opensearch.errors.SerializationError, String(error));
      assert.deepEqual((error as { data?: unknown }).data, { a: 1, self: '[circular]' });
    } finally {
      await client.close();
    }
  });

  test('an application\'s own Serializer gets the body as given', async () => {
    const seen: unknown[] = [];
    class Own extends opensearch.Serializer {
      override serialize(object: Record<string, unknown>): string {
        seen.push(object);
        return super.serialize(object);
      }
    }
    const body = { q: 1 };
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 }, clientOptions: { Serializer: Own } } as Parameters<typeof createClient>[0]);
    try {
      await client.transport.request({ method: 'POST', path: '/echo', body });
      assert.equal(seen[0], body);
    } finally {
      await client.close();
    }
  });
});
