/**
 * Options given as class instances (prototype getters) or Proxies of them are read once, like plain objects: every
 * getter of createClient's options (the root, auth, auth.credentials, auth.endpoints, ssl, retry, clientOptions) and
 * of ingest's, runWithRetry's and SecurityApi's options is called exactly once between the call and the first request;
 * what the connection gets is what was checked; and what redaction knows as a secret is the value that was read.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError } from '../../src/errors/classes.js';
import { redactText } from '../../src/errors/redact.js';
import { secretsOf } from '../../src/errors/secrets.js';
import { runWithRetry } from '../../src/retry/run.js';
import { SecurityApi } from '../../src/security/api.js';
import { makeClientPki, type ClientPki } from '../support/client-pki.js';

const P = 'h187-Read"Once/Pass+9Qz';
let pki: ClientPki;
let plainKey: string;
let otherKey: string;
let server: http.Server;
let url = '';

before(async () => {
  pki = makeClientPki(P, 'h187');
  execFileSync('openssl', ['pkey', '-in', 'client.key', '-passin', `pass:${P}`, '-out', 'plain.key'], { cwd: pki.dir, stdio: 'ignore' });
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'other.key'], { cwd: pki.dir, stdio: 'ignore' });
  plainKey = readFileSync(join(pki.dir, 'plain.key'), 'utf8');
  otherKey = readFileSync(join(pki.dir, 'other.key'), 'utf8');
  server = http.createServer((_q, s) => {
    s.setHeader('content-type', 'application/json');
    s.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  rmSync(pki.dir, { recursive: true, force: true });
});

/** Reads of each getter, by `label.field`. */
const reads = new Map<string, number>();

/** A class instance whose every field is a prototype getter counting its reads; `values(n)` answers the nth read. */
function counting<T extends Record<string, unknown>>(label: string, values: T, later: Partial<T> = {}): T {
  class Options {}
  for (const key of Object.keys(values)) {
    Object.defineProperty(Options.prototype, key, {
      configurable: true,
      get() {
        const n = (reads.get(`${label}.${key}`) ?? 0) + 1;
        reads.set(`${label}.${key}`, n);
        return n > 1 && key in later ? later[key] : values[key];
      },
    });
  }
  return new Options() as T;
}

/** A Proxy of `target` (a class instance) counting its `get` traps by `label.field`. */
function proxied<T extends object>(label: string, target: T): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string') reads.set(`${label}.${key}`, (reads.get(`${label}.${key}`) ?? 0) + 1);
      return Reflect.get(t, key, receiver) as unknown;
    },
  });
}

function multiRead(): string[] {
  return [...reads].filter(([, n]) => n > 1).map(([k, n]) => `${k} x${n}`);
}

async function oneRequest(client: Client): Promise<void> {
  try {
    await client.transport.request({ method: 'GET', path: '/' });
  } finally {
    await client.close();
  }
}

type ConnectionSsl = { key?: unknown; passphrase?: unknown; servername?: unknown; ca?: unknown; cert?: unknown };

function connectionSsl(client: Client): ConnectionSsl {
  const pool = client.connectionPool as unknown as { connections: Array<{ ssl: ConnectionSsl }> };
  return pool.connections[0]!.ssl;
}

describe('createClient reads every getter of its options once (class instances and Proxies of them)', () => {
  const cases: Array<[string, () => unknown]> = [
    ['the root', () => counting('root', { node: url, auth: { mode: 'basic', username: 'u', password: 'h187-pw-root' }, allowInsecureHttp: true, retry: { retries: 0 } })],
    ['auth (basic)', () => ({ node: url, allowInsecureHttp: true, retry: { retries: 0 }, auth: counting('auth', { mode: 'basic', username: 'u', password: 'h187-pw-auth' }) })],
    ['auth.credentials (iam)', () => ({ node: url, allowInsecureHttp: true, retry: { retries: 0 }, auth: { mode: 'iam', region: 'us-east-1', credentials: counting('cred', { accessKeyId: 'AKIDH187', secretAccessKey: 'h187-secret-key' }) } })],
    ['retry', () => ({ node: url, auth: { mode: 'none' }, retry: counting('retry', { retries: 0, minDelayMs: 10, maxDelayMs: 20 }) })],
    ['clientOptions', () => ({ node: url, auth: { mode: 'none' }, retry: { retries: 0 }, clientOptions: counting('co', { headers: { 'x-h187': '1' }, name: 'h187' }) })],
    ['ssl', () => ({ node: url, auth: { mode: 'none' }, retry: { retries: 0 }, ssl: counting('ssl', { ca: pki.ca, cert: pki.cert, key: pki.key, passphrase: P, servername: 'localhost', rejectUnauthorized: true }) })],
    ['ssl as a Proxy of a class instance', () => ({ node: url, auth: { mode: 'none' }, retry: { retries: 0 }, ssl: proxied('pssl', new (class Ssl { ca = pki.ca; cert = pki.cert; key = pki.key; passphrase = P })()) })],
  ];
  for (const [name, make] of cases) {
    test(name, async () => {
      reads.clear();
      await oneRequest(createClient(make() as never));
      assert.ok(reads.size > 0);
      assert.deepEqual(multiRead(), []);
    });
  }

  test('auth.endpoints (cognito, no request)', () => {
    reads.clear();
    const client = createClient({
      node: url, retry: { retries: 0 },
      auth: { mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_abc', clientId: 'cid', identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', username: 'u', password: 'h187-cog', endpoints: counting('ep', { cognitoIdp: 'https://idp.example' }) },
    } as never);
    void client.close();
    assert.deepEqual(multiRead(), []);
  });
});

describe('ssl as a class instance: the connection and redaction get what was checked', () => {
  test('a key getter answering another key on a later read: the connection gets the checked key, and it is a secret', async () => {
    reads.clear();
    const client = createClient({ node: url, auth: { mode: 'none' }, ssl: counting('ssl', { cert: pki.cert, key: plainKey }, { key: otherKey }) } as never);
    try {
      assert.equal(connectionSsl(client).key, plainKey);
      // a message quoting the checked key is redacted by the client's secrets
      const body = /-----BEGIN [A-Z ]*PRIVATE KEY-----\n([\s\S]*?)\n-----END/.exec(plainKey)![1]!.replace(/\s+/g, '');
      const shown = redactText(`the key was ${body}`, secretsOf(client));
      assert.ok(!shown.includes(body), shown);
    } finally {
      await client.close();
    }
  });

  test('a passphrase getter answering another passphrase on a later read: checked and used is the first', async () => {
    reads.clear();
    const client = createClient({ node: url, auth: { mode: 'none' }, ssl: counting('ssl', { cert: pki.cert, key: pki.key, passphrase: P }, { passphrase: 'h187-later-passphrase' }) } as never);
    try {
      assert.equal(connectionSsl(client).passphrase, P);
      assert.ok(!redactText(`said ${P}`, secretsOf(client)).includes(P));
    } finally {
      await client.close();
    }
  });

  test('Buffers and class-instance list entries inside a class-instance ssl are kept as given; a throwing getter is named', async () => {
    const cert = Buffer.from(pki.cert);
    class Entry {
      get pem(): string {
        return pki.key;
      }
      get passphrase(): string {
        return P;
      }
    }
    class Ssl {
      get cert(): Buffer {
        return cert;
      }
      get key(): unknown[] {
        return [new Entry()];
      }
    }
    const client = createClient({ node: url, auth: { mode: 'none' }, ssl: new Ssl() } as never);
    try {
      assert.equal(connectionSsl(client).cert, cert);
      assert.deepEqual(connectionSsl(client).key, [{ pem: pki.key, passphrase: P }]);
    } finally {
      await client.close();
    }
    class Throwing {
      get cert(): string {
        return pki.cert;
      }
      get key(): string {
        throw new Error(`vault said ${P}`);
      }
    }
    assert.throws(() => createClient({ node: url, auth: { mode: 'none' }, ssl: new Throwing() } as never), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.option, 'ssl.key');
      assert.ok(!String(e.stack).includes(P));
      return true;
    });
  });

  test('a password seen by the checks is the one redacted, though a later read answers another', () => {
    // the first read of the password is what the checks see; an error message quoting it (here as an unknown top-level
    // key of the same text) must be redacted, whatever a later read of the getter answers
    const first = 'h187FirstReadPassword';
    const options = { node: url, allowInsecureHttp: true, auth: counting('auth', { mode: 'basic', username: 'u', password: first }, { password: 'h187-later-password' }), [first]: 1 };
    reads.clear();
    assert.throws(() => createClient(options as never), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.ok(!e.message.includes(first), e.message);
      assert.ok(!String(e.stack).includes(first));
      return true;
    });
  });
});

describe('the other entry points read a class instance of options once', () => {
  test('runWithRetry: options and ctx', async () => {
    reads.clear();
    const ctx = counting('ctx', { method: 'GET', path: '/' });
    const options = counting('retry', { retries: 1, minDelayMs: 1, maxDelayMs: 2, onRetry: () => undefined });
    assert.equal(await runWithRetry(async () => 7, ctx as never, options as never), 7);
    assert.deepEqual(multiRead(), []);
  });

  test('SecurityApi: its options', () => {
    reads.clear();
    const client = createClient({ node: url, auth: { mode: 'none' } } as never);
    try {
      new SecurityApi(client, counting('api', { prefix: '_plugins/_security', conflictAttempts: 2, settleMs: 0 }) as never);
      assert.ok(reads.size > 0);
      assert.deepEqual(multiRead(), []);
    } finally {
      void client.close();
    }
  });
});
