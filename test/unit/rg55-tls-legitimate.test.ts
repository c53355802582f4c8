/**
 * Working mTLS setups the refusals of stop 54 (tls.ts: an unused passphrase, a private key in ssl.cert / ssl.ca /
 * OPENSEARCH_CA_FILE) must not break: an empty passphrase (how openssl's `-passout pass:` bundle and many configs spell
 * "none"), and one PEM file holding the certificates and the key given as each option, whatever PEM form its key and
 * ssl.key's take. What those refusals are for still holds: another key, a key in a CA without mTLS, a real passphrase
 * beside a key that is not encrypted.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { createClient, fromEnv } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';
import { makeClientPki, type ClientPki } from '../support/client-pki.js';

const PASSPHRASE = 'rg55-Right-Passphrase-k2';
const HTTPS = 'https://127.0.0.1:9200';
let pki: ClientPki;
const pem: Record<string, string> = {};
let pfxEmptyPassword: Buffer;

before(() => {
  pki = makeClientPki(PASSPHRASE, 'rg55');
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: pki.dir, stdio: 'ignore' });
  };
  run('pkey', '-in', 'client.key', '-passin', `pass:${PASSPHRASE}`, '-out', 'plain.key');
  // the same key as a traditional (SEC1 "EC PRIVATE KEY") file
  run('pkey', '-in', 'plain.key', '-traditional', '-out', 'traditional.key');
  run('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'plain.key', '-certfile', 'ca.pem', '-out', 'bundle.p12', '-passout', `pass:${PASSPHRASE}`);
  // an export with an empty password, as `-passout pass:` makes it
  run('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'plain.key', '-out', 'empty.p12', '-passout', 'pass:');
  // what `openssl pkcs12 -in` writes: Bag Attributes text, the certificates and the key (PKCS#8), plain or encrypted
  run('pkcs12', '-in', 'bundle.p12', '-passin', `pass:${PASSPHRASE}`, '-nodes', '-out', 'combined.pem');
  run('pkcs12', '-in', 'bundle.p12', '-passin', `pass:${PASSPHRASE}`, '-passout', `pass:${PASSPHRASE}`, '-out', 'combined-enc.pem');
  for (const name of ['plain.key', 'traditional.key', 'combined.pem', 'combined-enc.pem']) pem[name] = readFileSync(join(pki.dir, name), 'latin1');
  pfxEmptyPassword = readFileSync(join(pki.dir, 'empty.p12'));
});

after(() => rmSync(pki.dir, { recursive: true, force: true }));

const client = (ssl: Record<string, unknown>): { close(): Promise<void> } => createClient({ node: HTTPS, auth: { mode: 'none' }, ssl } as never) as never;

async function accepted(ssl: Record<string, unknown>): Promise<void> {
  await client(ssl).close();
}

function refusedAs(option: string): (e: unknown) => boolean {
  return (e: unknown) => e instanceof ConfigError && e.option === option;
}

describe('an empty ssl.passphrase is no passphrase', () => {
  test('a PKCS#12 bundle exported with an empty password, given passphrase "", is accepted', async () => {
    assert.ok(pem['combined.pem']?.includes('Bag Attributes'), 'openssl wrote its bag text');
    await accepted({ pfx: pfxEmptyPassword, passphrase: '' });
  });

  test('a key that is not encrypted with passphrase "" is accepted; a real passphrase there is still refused', async () => {
    await accepted({ cert: pki.cert, key: pem['plain.key'], passphrase: '' });
    assert.throws(() => client({ cert: pki.cert, key: pem['plain.key'], passphrase: PASSPHRASE }), refusedAs('ssl.passphrase'));
  });
});

describe('one PEM file holding the certificates and the key, given as each option', () => {
  test('the openssl pkcs12 output as ssl.cert, and the same key as a traditional EC file as ssl.key, is accepted', async () => {
    await accepted({ cert: pem['combined.pem'], key: pem['traditional.key'] });
    await accepted({ cert: Buffer.from(pem['combined.pem'] ?? '', 'latin1'), key: [Buffer.from(pem['traditional.key'] ?? '', 'latin1')] });
  });

  test('the output with an encrypted key as ssl.cert, and the key file without encryption as ssl.key, is accepted', async () => {
    await accepted({ cert: pem['combined-enc.pem'], key: pem['plain.key'] });
    await accepted({ cert: pem['combined-enc.pem'], key: pki.key, passphrase: PASSPHRASE });
    // another key there is still refused, whatever its form
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
    const otherEncrypted = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }) as string;
    assert.throws(() => client({ cert: pki.cert + other, key: pem['plain.key'] }), refusedAs('ssl.cert'));
    assert.throws(() => client({ cert: pki.cert + otherEncrypted, key: pki.key, passphrase: PASSPHRASE }), refusedAs('ssl.cert'));
    assert.throws(() => client({ ca: pki.ca + other, cert: pki.cert, key: pem['plain.key'] }), refusedAs('ssl.ca'));
  });

  test('the same file as ssl.ca, ssl.cert and ssl.key (CRLF line endings too) is accepted, and as the three fromEnv files', async () => {
    const crlf = (pem['combined.pem'] ?? '').replace(/\r?\n/g, '\r\n');
    await accepted({ ca: pem['combined.pem'], cert: pem['combined.pem'], key: pem['combined.pem'] });
    await accepted({ ca: crlf, cert: crlf, key: pem['traditional.key'] });
    const file = join(pki.dir, 'all-in-one.pem');
    writeFileSync(file, crlf);
    const options = fromEnv({ OPENSEARCH_URL: HTTPS, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: file, OPENSEARCH_CERT_FILE: file, OPENSEARCH_KEY_FILE: file });
    await (createClient(options) as unknown as { close(): Promise<void> }).close();
    // without ssl.key (no mTLS) a key in the CA is still refused
    assert.throws(() => client({ ca: pem['combined.pem'] }), refusedAs('ssl.ca'));
    assert.throws(() => fromEnv({ OPENSEARCH_URL: HTTPS, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: file }), refusedAs('OPENSEARCH_CA_FILE'));
  });
});
