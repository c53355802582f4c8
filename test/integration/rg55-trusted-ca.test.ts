/**
 * A CA given in OpenSSL's trusted-certificate form (`-----BEGIN TRUSTED CERTIFICATE-----`, what trust bundles such as
 * `ca-bundle.trust.crt` hold) is a CA Node trusts: ssl.ca and OPENSEARCH_CA_FILE accept it, and the local domain's
 * real HTTPS endpoint is reached through it. Before stop 55 the option check refused it as "holds no PEM certificate".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, fromEnv } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';
import { loadConnection } from '../domain/connection.js';

const conn = loadConnection();
let dir: string;
let trusted: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rg55-trusted-'));
  const file = join(dir, 'ca.trust.pem');
  execFileSync('openssl', ['x509', '-in', conn.caFile, '-addtrust', 'serverAuth', '-out', file], { stdio: 'ignore' });
  trusted = readFileSync(file, 'latin1');
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('a CA in the trusted-certificate form', () => {
  test('ssl.ca holding only the trusted form reaches the domain over verified HTTPS', async () => {
    assert.match(trusted, /^-----BEGIN TRUSTED CERTIFICATE-----/);
    assert.doesNotMatch(trusted, /BEGIN CERTIFICATE-----/);
    const { username, password } = conn.users.master;
    const client = createClient({ node: conn.opensearch.url, auth: { mode: 'basic', username, password }, ssl: { ca: trusted } });
    try {
      const info = await client.info();
      assert.equal(info.statusCode, 200);
    } finally {
      await client.close();
    }
  });

  test('OPENSEARCH_CA_FILE naming a trust bundle (both forms) is read; a trusted block that does not parse is still refused', async () => {
    const bundle = join(dir, 'bundle.pem');
    writeFileSync(bundle, `${readFileSync(conn.caFile, 'latin1')}\n${trusted}`);
    const options = fromEnv({ OPENSEARCH_URL: conn.opensearch.url, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: bundle });
    assert.ok(options.ssl?.ca !== undefined);
    await createClient(options).close();
    const broken = '-----BEGIN TRUSTED CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END TRUSTED CERTIFICATE-----\n';
    assert.throws(
      () => createClient({ node: conn.opensearch.url, auth: { mode: 'none' }, ssl: { ca: broken } }),
      (e: unknown) => e instanceof ConfigError && e.option === 'ssl.ca' && /cannot be parsed/.test(e.message),
    );
  });
});
