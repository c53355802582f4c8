/**
 * Against the real local domain over verified HTTPS: ssl.ca given in the list forms Node takes (a typed array, a
 * DataView, a bundle list mixing an unrelated CA with the domain's), with client certificate forms beside it (a key
 * list with `{ pem, passphrase }` entries, a pfx list with `{ buf, passphrase }`). The domain does not require a client
 * certificate but checks one it is shown: a throw-away CA's is answered with TLS alert 46 (certificate unknown), which
 * shows the entry forms reach the handshake (without a client certificate the same request succeeds). A list without
 * the domain's CA is still refused by verification.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { createClient } from '../../src/client/create-client.js';
import { loadConnection } from '../domain/connection.js';
import { makeClientPki, type ClientPki } from '../support/client-pki.js';

const conn = loadConnection();
const domainCa = fs.readFileSync(conn.caFile);
const P = 'h181-Integration-Pass-4k';
let pki: ClientPki;
let p12: Buffer;

before(() => {
  pki = makeClientPki(P, 'h181i');
  execFileSync('openssl', ['pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client.key', '-passin', `pass:${P}`, '-out', 'b.p12', '-passout', `pass:${P}`], { cwd: pki.dir, stdio: 'ignore' });
  p12 = fs.readFileSync(join(pki.dir, 'b.p12'));
});

after(() => fs.rmSync(pki.dir, { recursive: true, force: true }));

async function whoami(ssl: Record<string, unknown>): Promise<string> {
  const u = conn.users.limited;
  const client = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', username: u.username, password: u.password }, retry: { retries: 0 }, ssl } as never);
  try {
    const res = await client.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' });
    return String((res.body as { user_name?: unknown }).user_name);
  } finally {
    await client.close();
  }
}

describe('ssl.ca list forms reach the domain over verified HTTPS', () => {
  const view = new DataView(domainCa.buffer, domainCa.byteOffset, domainCa.byteLength);
  const forms: Array<[string, Record<string, unknown>]> = [
    ['[Uint8Array]', { ca: [new Uint8Array(domainCa)] }],
    ['[DataView]', { ca: [view] }],
    ['[other CA text, domain CA Buffer]', { ca: [() => pki.ca, domainCa] }],
    ['a Uint8Array', { ca: new Uint8Array(domainCa) }],
    ['[string]', { ca: [domainCa.toString('utf8')] }],
  ];
  test('[Uint8Array], [DataView], [other CA text, domain CA Buffer], a Uint8Array, [string]', async () => {
    for (const [name, lazy] of forms) {
      // what the PKI (made in before) supplies is read when the test runs
      const ssl = { ...lazy, ca: Array.isArray(lazy.ca) ? lazy.ca.map((x: unknown) => (typeof x === 'function' ? (x as () => unknown)() : x)) : lazy.ca };
      assert.equal(await whoami(ssl), conn.users.limited.username, name);
    }
  });

  test('client certificates from a key list of { pem, passphrase } and a pfx list of { buf, passphrase } are presented', async () => {
    const presented = (e: unknown): boolean => /certificate unknown|alert number 46/i.test(String((e as Error).message));
    await assert.rejects(whoami({ ca: new Uint8Array(domainCa), cert: pki.cert, key: [{ pem: pki.key, passphrase: P }] }), presented);
    await assert.rejects(whoami({ ca: [domainCa], pfx: [{ buf: p12, passphrase: P }] }), presented);
  });

  test('a list without the domain CA is refused by certificate verification', async () => {
    await assert.rejects(whoami({ ca: [new Uint8Array(Buffer.from(pki.ca))] }), (e: unknown) => /certificate|self.signed|issuer/i.test(String((e as Error).message)));
  });
});
