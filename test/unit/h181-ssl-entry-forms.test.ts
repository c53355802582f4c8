/**
 * `ssl` takes every form Node 20's tls.createSecureContext takes for ca, cert, key and pfx: PEM text or bytes (a
 * Buffer, another typed array, a DataView) or a list of them, and in key / pfx lists `{ pem, passphrase }` /
 * `{ buf, passphrase }` entries (mixed with strings and Buffers). Each entry gets the content checks a single value
 * gets, errors name the entry, object entries are read as own.ts reads user objects, and an entry's own passphrase is
 * a secret like ssl.passphrase.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { validateOptions } from '../../src/client/options.js';
import { checkSsl, sslSecrets, tlsOptionsOf } from '../../src/client/tls.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { ConfigError } from '../../src/errors/classes.js';
import { redactText } from '../../src/errors/redact.js';
import { secretsOf } from '../../src/errors/secrets.js';
import { makeClientPki, type ClientPki } from '../support/client-pki.js';

const P = 'h181-Entry"Pass/w+rd&7Qz';
const HTTPS = 'https://127.0.0.1:9200';
let pki: ClientPki;
let plain: string;
let p12: Buffer;
let foreignKey: string;

before(() => {
  pki = makeClientPki(P, 'h181');
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: pki.dir, stdio: 'ignore' });
  };
  run('pkey', '-in', 'client.key', '-passin', `pass:${P}`, '-out', 'plain.key');
  run('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'plain.key', '-out', 'bundle.p12', '-passout', `pass:${P}`);
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
  plain = readFileSync(join(pki.dir, 'plain.key'), 'latin1');
  p12 = readFileSync(join(pki.dir, 'bundle.p12'));
  foreignKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
});

after(() => rmSync(pki.dir, { recursive: true, force: true }));

const optionsWith = (ssl: unknown): Parameters<typeof createClient>[0] => ({ node: HTTPS, auth: { mode: 'none' }, ssl } as never);

async function accepted(ssl: unknown): Promise<void> {
  validateOptions(optionsWith(ssl));
  await createClient(optionsWith(ssl)).close();
}

function refusal(ssl: unknown): ConfigError {
  try {
    createClient(optionsWith(ssl));
  } catch (e) {
    assert.ok(e instanceof ConfigError, `a ConfigError, got ${String(e)}`);
    return e;
  }
  return assert.fail('refused');
}

function refusedAs(ssl: unknown, option: string, message?: RegExp): void {
  const e = refusal(ssl);
  assert.equal(e.option, option, e.message);
  if (message !== undefined) assert.match(e.message, message);
  assert.ok(!e.message.includes(P) && !e.message.includes(JSON.stringify(P).slice(1, -1)), 'the passphrase is echoed');
}

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));
const view = (text: string): DataView => {
  const b = Buffer.from(text);
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
};

describe('the forms Node takes are accepted', () => {
  test('ssl.key as a list of { pem, passphrase }, of { pem } with ssl.passphrase, and mixed with strings and Buffers', async () => {
    await accepted({ cert: pki.cert, key: [{ pem: pki.key, passphrase: P }] });
    await accepted({ cert: pki.cert, key: [{ pem: pki.key }], passphrase: P });
    await accepted({ cert: pki.cert, key: [plain, Buffer.from(plain), { pem: Buffer.from(pki.key), passphrase: P }] });
    await accepted({ cert: pki.cert, key: [{ pem: plain }, pki.key], passphrase: P });
  });

  test('PEM as typed arrays and DataViews: ssl.key, ssl.cert and ssl.ca, alone or in lists', async () => {
    await accepted({ cert: bytes(pki.cert), key: bytes(plain) });
    await accepted({ cert: [view(pki.cert)], key: [view(plain)] });
    await accepted({ ca: [pki.ca, Buffer.from(pki.ca), bytes(pki.ca), view(pki.ca)], cert: [pki.cert], key: [{ pem: bytes(pki.key), passphrase: P }] });
    await accepted({ ca: bytes(pki.ca) });
  });

  test('ssl.pfx as a list of { buf, passphrase }, of { buf } or Buffers with ssl.passphrase, and as a typed array', async () => {
    await accepted({ pfx: [{ buf: p12, passphrase: P }] });
    await accepted({ pfx: [{ buf: p12 }], passphrase: P });
    await accepted({ pfx: [p12, { buf: new Uint8Array(p12), passphrase: P }], passphrase: P });
    await accepted({ pfx: new Uint8Array(p12), passphrase: P });
  });

  test("an entry whose pem comes from its own class's prototype is read (as own.ts reads options); Object.prototype's is not", async () => {
    class KeyFile {
      get pem(): string {
        return plain;
      }
    }
    await accepted({ cert: pki.cert, key: [new KeyFile(), Object.create({ pem: plain }) as object] });
  });

  test('the connection gets list entries as copies with own pem and passphrase: a polluted Object.prototype.pem is not the key Node loads', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.pem = foreignKey;
    try {
      await accepted({ cert: pki.cert, key: [plain] });
      const key = tlsOptionsOf({ cert: pki.cert, key: [plain, { pem: pki.key, passphrase: P }] }).key as unknown as Array<Record<string, unknown>>;
      assert.ok(Object.hasOwn(key[0]!, 'pem') && Object.hasOwn(key[0]!, 'passphrase'));
      assert.equal(key[0]!.pem, plain);
      assert.equal(key[0]!.passphrase, undefined);
      assert.equal(key[1]!.passphrase, P);
    } finally {
      delete proto.pem;
    }
  });
});

/** Runs `use` against a local HTTPS server that asks for a client certificate; returns the CN each request presented. */
async function presentedNames(use: (url: string) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const server = https.createServer({ key: readFileSync(join(pki.dir, 'server.key')), cert: readFileSync(join(pki.dir, 'server.pem')), ca: pki.ca, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    seen.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? 'none'));
    res.setHeader('content-type', 'application/json');
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use(`https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return seen;
  } finally {
    server.close();
  }
}

describe('entries reach the TLS handshake', () => {
  test('a key list with { pem, passphrase } and a pfx list with { buf, passphrase } present the client certificate (own agent, agent: false, a factory)', async () => {
    const seen = await presentedNames(async (url) => {
      const ca = [new Uint8Array(readFileSync(join(pki.dir, 'server.pem')))];
      for (const agent of [undefined, false, (o: unknown) => new https.Agent(o as https.AgentOptions)]) {
        for (const ssl of [{ cert: pki.cert, key: [{ pem: pki.key, passphrase: P }] }, { pfx: [{ buf: p12, passphrase: P }] }]) {
          const client = createClient({ node: url, auth: { mode: 'none' }, retry: { retries: 0 }, ssl: { ca, ...ssl }, clientOptions: agent === undefined ? {} : { agent } } as never);
          try {
            await client.transport.request({ method: 'GET', path: '/' });
          } finally {
            await client.close();
          }
        }
      }
    });
    assert.deepEqual(seen, new Array<string>(6).fill('h181-client'));
  });
});

describe('refusals: typed, naming the entry, never echoing a key or passphrase', () => {
  test('hostile entries: no pem, non-string passphrase, bad pem, unknown field, a single object outside a list', () => {
    refusedAs({ cert: pki.cert, key: [{ passphrase: P }] }, 'ssl.key[0]', /needs its private key as `pem`/);
    refusedAs({ cert: pki.cert, key: [plain, { pem: 42 }] }, 'ssl.key[1].pem', /got a number/);
    refusedAs({ cert: pki.cert, key: [{ pem: pki.key, passphrase: 42 }] }, 'ssl.key[0].passphrase', /must be a string/);
    refusedAs({ cert: pki.cert, key: [{ pem: pki.key, passphrase: Buffer.from(P) }] }, 'ssl.key[0].passphrase', /must be a string/);
    refusedAs({ cert: pki.cert, key: [{ pem: '' }] }, 'ssl.key[0].pem', /is empty/);
    refusedAs({ cert: pki.cert, key: [{ pem: pki.key, passphrase: P, passPhrase: P }] }, 'ssl.key[0].passPhrase', /not a field/);
    refusedAs({ cert: pki.cert, key: { pem: pki.key, passphrase: P } }, 'ssl.key', /goes in a list/);
    refusedAs({ cert: [{ pem: pki.cert }], key: plain }, 'ssl.cert[0]', /PEM text or a Buffer/);
    refusedAs({ ca: [pki.ca, { pem: pki.ca }] }, 'ssl.ca[1]');
    refusedAs({ pfx: [{ passphrase: P }] }, 'ssl.pfx[0]', /`buf`/);
    refusedAs({ pfx: [{ buf: 5 }] }, 'ssl.pfx[0].buf');
    refusedAs({ pfx: [p12, 5], passphrase: P }, 'ssl.pfx[1]');
  });

  test('a pem only Object.prototype holds is no pem', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.pem = plain;
    try {
      refusedAs({ cert: pki.cert, key: [{ passphrase: P }] }, 'ssl.key[0]', /needs its private key/);
    } finally {
      delete proto.pem;
    }
  });

  test('a getter that throws (plain object or class instance) names the field, without what it threw', () => {
    class Throwing {
      get pem(): string {
        throw new Error(`boom ${P}`);
      }
    }
    refusedAs({ cert: pki.cert, key: [new Throwing()] }, 'ssl.key[0].pem', /could not be read/);
    refusedAs({ cert: pki.cert, key: [plain, { get pem(): string { throw new Error(P); } }] }, 'ssl.key[1].pem', /could not be read/);
    refusedAs({ cert: pki.cert, key: [{ pem: pki.key, get passphrase(): string { throw new Error(P); } }] }, 'ssl.key[0].passphrase', /could not be read/);
    refusedAs({ pfx: [{ get buf(): Buffer { throw new Error(P); } }] }, 'ssl.pfx[0].buf', /could not be read/);
  });

  test('huge lists are refused by count, not worked through', () => {
    refusedAs({ cert: pki.cert, key: new Array<string>(10_001).fill(plain) }, 'ssl.key', /more than 10000 entries/);
    refusedAs({ ca: new Array<string>(10_001).fill(pki.ca) }, 'ssl.ca', /more than 10000 entries/);
    refusedAs({ pfx: new Array<Buffer>(10_001).fill(p12), passphrase: P }, 'ssl.pfx', /more than 10000 entries/);
    refusedAs({ cert: pki.cert, key: new Array<unknown>(200_000).fill({ pem: plain }) }, 'ssl.key');
  });

  test('content checks per entry: wrong passphrase, key/cert mismatch, no PEM block, unused own passphrase', async () => {
    refusedAs({ cert: pki.cert, key: [plain, { pem: pki.key, passphrase: 'h181-wrong-pass' }] }, 'ssl.key[1].passphrase', /cannot decrypt ssl\.key\[1\].*wrong or missing/);
    refusedAs({ cert: pki.cert, key: [{ pem: pki.key }] }, 'ssl.passphrase', /cannot decrypt ssl\.key\[0\]/);
    refusedAs({ pfx: [{ buf: p12, passphrase: 'h181-wrong-pass' }] }, 'ssl.pfx[0].passphrase', /cannot decrypt ssl\.pfx\[0\]/);
    refusedAs({ cert: pki.cert, key: [plain, foreignKey] }, 'ssl.key[1]', /KEY_VALUES_MISMATCH.*does not belong to ssl\.cert/);
    refusedAs({ cert: pki.cert, key: [{ pem: ` ${plain}` }] }, 'ssl.key[0]', /does not start a line/);
    refusedAs({ cert: pki.cert, key: [plain, { pem: plain, passphrase: P }] }, 'ssl.key[1].passphrase', /not encrypted/);
    // ssl.passphrase beside entries that all bring their own: Node ignores it, so it is refused as any unused one
    refusedAs({ pfx: [{ buf: p12, passphrase: P }], passphrase: P }, 'ssl.passphrase', /every entry of ssl\.pfx has its own passphrase/);
    refusedAs({ cert: pki.cert, key: [{ pem: pki.key, passphrase: P }], passphrase: P }, 'ssl.passphrase', /every entry of ssl\.key has its own passphrase/);
  });

  test("foreign private keys: in ssl.cert (one an entry's own passphrase decrypts) and in an ssl.ca entry", () => {
    const otherEncrypted = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: P }) as string;
    refusedAs({ cert: pki.cert + otherEncrypted, key: [{ pem: pki.key, passphrase: P }] }, 'ssl.cert', /private key/);
    refusedAs({ ca: [pki.ca, bytes(foreignKey + pki.ca)] }, 'ssl.ca[1]', /private key/);
    refusedAs({ ca: [bytes('not a certificate')] }, 'ssl.ca[0]', /no PEM certificate/);
  });
});

describe("an entry's own passphrase is a secret", () => {
  const leaks = (value: unknown): string[] => {
    const e = value as Error & { cause?: unknown };
    const views = { message: e.message, stack: String(e.stack), cause: inspect(e.cause, { depth: 8 }), json: JSON.stringify(e), inspect: inspect(e, { depth: 8, showHidden: true }) };
    // the passphrase as written, JSON-escaped (a message quotes values with JSON.stringify) and URL-encoded
    const forms = [P, JSON.stringify(P).slice(1, -1), encodeURIComponent(P)];
    return Object.entries(views).filter(([, text]) => forms.some((form) => text.includes(form))).map(([name]) => name);
  };

  test('ConfigErrors from options quoting it (node, an unknown option, tenant) redact it', () => {
    const ssls = [{ cert: pki.cert, key: [{ pem: pki.key, passphrase: P }] }, { pfx: [{ buf: p12, passphrase: P }] }];
    for (const ssl of ssls) {
      for (const extra of [{ node: P }, { [P]: 1 }, { tenant: `${P}\n` }, { auth: { mode: P } }]) {
        let err: unknown;
        try {
          createClient({ node: HTTPS, auth: { mode: 'none' }, ssl, ...extra } as never);
        } catch (e) {
          err = e;
        }
        assert.ok(err instanceof ConfigError, `refused: ${Object.keys(extra).join()}`);
        assert.deepEqual(leaks(err), [], `${Object.keys(extra)[0] === P ? '(key)' : Object.keys(extra).join()}`);
      }
    }
  });

  test('the client holds it, and neither the client nor a request error shows it', async () => {
    const client = createClient({ node: 'https://127.0.0.1:1', auth: { mode: 'none' }, retry: { retries: 0 }, ssl: { cert: pki.cert, key: [plain, { pem: pki.key, passphrase: P }] } } as never);
    const bundled = createClient({ node: 'https://127.0.0.1:1', auth: { mode: 'none' }, retry: { retries: 0 }, ssl: { pfx: [{ buf: p12, passphrase: P }] } } as never);
    try {
      for (const c of [client, bundled]) {
        assert.equal(redactText(`x ${P} y`, secretsOf(c)), 'x [REDACTED] y');
        assert.ok(!inspect(c, { depth: 6, showHidden: true }).includes(P), 'the client prints it');
        let err: unknown;
        try {
          await c.transport.request({ method: 'GET', path: `/${encodeURIComponent(P)}`, querystring: { q: P } });
        } catch (e) {
          err = e;
        }
        assert.ok(err instanceof Error);
        assert.deepEqual(leaks(err), []);
      }
    } finally {
      await client.close();
      await bundled.close();
    }
  });
});

describe('review of stop 56: what is checked is what is sent', () => {
  test("a class entry's getter is read once by the checks and the connection: the key sent is the key checked", async () => {
    let reads = 0;
    class Rotating {
      get pem(): string {
        reads++;
        return reads === 1 ? plain : foreignKey;
      }
    }
    const ssl = { cert: pki.cert, key: [new Rotating()] };
    checkSsl(ssl, false);
    const key = tlsOptionsOf(ssl).key as unknown as Array<Record<string, unknown>>;
    sslSecrets(ssl, new SecretSet());
    assert.equal(reads, 1);
    assert.equal(key[0]!.pem, plain);
    // through createClient: the handshake presents the checked key's certificate (the swapped key would not load)
    reads = 0;
    const seen = await presentedNames(async (url) => {
      const ca = readFileSync(join(pki.dir, 'server.pem'), 'latin1');
      const client = createClient({ node: url, auth: { mode: 'none' }, retry: { retries: 0 }, ssl: { ca, cert: pki.cert, key: [new Rotating()] } } as never);
      try {
        await client.transport.request({ method: 'GET', path: '/' });
      } finally {
        await client.close();
      }
    });
    assert.deepEqual(seen, ['h181-client']);
  });

  test("a pfx entry's empty passphrase is none (Node falls back to ssl.passphrase): the wrong one named is ssl.passphrase", () => {
    refusedAs({ pfx: [{ buf: p12, passphrase: '' }], passphrase: 'h181-wrong-pass' }, 'ssl.passphrase', /cannot decrypt ssl\.pfx\[0\]/);
    validateOptions(optionsWith({ pfx: [{ buf: p12, passphrase: '' }], passphrase: P }));
  });

  test('a polluted Object.prototype.passphrase / cert changes no check', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.passphrase = P;
    try {
      // a valid encrypted entry with its own passphrase still loads; an encrypted key without one is still refused
      validateOptions(optionsWith({ cert: pki.cert, key: [{ pem: pki.key, passphrase: P }] }));
      refusedAs({ cert: pki.cert, key: [pki.key] }, 'ssl.passphrase', /cannot decrypt ssl\.key\[0\]/);
    } finally {
      delete proto.passphrase;
    }
    proto.cert = foreignKey;
    try {
      refusedAs({ cert: pki.cert, key: [plain], passphrase: P }, 'ssl.passphrase', /not encrypted/);
    } finally {
      delete proto.cert;
    }
  });
});
