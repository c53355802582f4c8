/**
 * Configuration that Node or the client used to ignore silently, now a ConfigError naming the option or variable and
 * never quoting a key: a passphrase beside a key (or PKCS#12 bundle) that is not encrypted, a private key in the CA
 * (ssl.ca, OPENSEARCH_CA_FILE) or another key in ssl.cert, and fromEnv's signing variables in a mode that signs nothing
 * (createClient refuses the options they stand for), without breaking the CLI's admin that shares the caller's region.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createClient, fromEnv } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';
import { CliContext } from '../../src/cli/context.js';
import { makeClientPki, type ClientPki } from '../support/client-pki.js';

const PASSPHRASE = 'tx54-Right-Passphrase-q7';
const HTTPS = 'https://127.0.0.1:9200';
let pki: ClientPki;
let plainKey: string;
let plainKeyFile: string;
let otherKey: string;
let pfxProtected: Buffer;
let pfxOpen: Buffer;

before(() => {
  pki = makeClientPki(PASSPHRASE, 'tx54');
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: pki.dir, stdio: 'ignore' });
  };
  run('pkey', '-in', 'client.key', '-passin', `pass:${PASSPHRASE}`, '-out', 'client-plain.key');
  run('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client-plain.key', '-out', 'protected.p12', '-passout', `pass:${PASSPHRASE}`);
  // a bundle with neither encryption nor MAC: Node loads it without a passphrase
  run('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client-plain.key', '-out', 'open.p12', '-keypbe', 'NONE', '-certpbe', 'NONE', '-nomac', '-passout', 'pass:');
  plainKeyFile = join(pki.dir, 'client-plain.key');
  plainKey = readFileSync(plainKeyFile, 'utf8');
  otherKey = readFileSync(join(pki.dir, 'ca.key'), 'utf8');
  pfxProtected = readFileSync(join(pki.dir, 'protected.p12'));
  pfxOpen = readFileSync(join(pki.dir, 'open.p12'));
});

after(() => rmSync(pki.dir, { recursive: true, force: true }));

/** The base64 lines of a PEM key: none may appear wherever the error can be printed. */
function keyLines(pem: string): string[] {
  return pem.split(/\r?\n/).filter((l) => l.length >= 16 && !l.startsWith('-----'));
}

/** A ConfigError naming `option`, matching `why`, whose message, stack and printed form show none of `hidden`. */
function refusal(option: string, why: RegExp, hidden: string[] = []): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof ConfigError, `not a ConfigError: ${String(e)}`);
    assert.equal(e.option, option, e.message);
    assert.match(e.message, why);
    const shown = [e.message, String(e.stack), inspect(e, { depth: 5 }), JSON.stringify(e), String((e as { cause?: unknown }).cause)].join('\n');
    for (const h of hidden) assert.ok(!shown.includes(h), `the error shows a secret: ${h.slice(0, 12)}...`);
    return true;
  };
}

const client = (ssl: Record<string, unknown>): unknown => createClient({ node: HTTPS, auth: { mode: 'none' }, ssl } as never);

describe('ssl.passphrase beside a key that is not encrypted', () => {
  test('an unencrypted ssl.key with a passphrase is refused naming ssl.passphrase (Node would ignore it)', () => {
    assert.throws(() => client({ ca: pki.ca, cert: pki.cert, key: plainKey, passphrase: PASSPHRASE }), refusal('ssl.passphrase', /ssl\.key is not encrypted/, [PASSPHRASE, ...keyLines(plainKey)]));
  });

  test('a PKCS#12 bundle without encryption or MAC, with a passphrase, is refused naming ssl.passphrase', () => {
    assert.throws(() => client({ ca: pki.ca, pfx: pfxOpen, passphrase: PASSPHRASE }), refusal('ssl.passphrase', /ssl\.pfx is not encrypted/, [PASSPHRASE]));
  });

  test('the encrypted key and the protected bundle with their passphrase, and the plain key without one, are still accepted', () => {
    for (const ssl of [{ cert: pki.cert, key: pki.key, passphrase: PASSPHRASE }, { pfx: pfxProtected, passphrase: PASSPHRASE }, { cert: pki.cert, key: plainKey }, { pfx: pfxOpen }]) {
      const c = client({ ca: pki.ca, ...ssl }) as { close(): Promise<void> };
      void c.close();
    }
  });

  test('fromEnv: OPENSEARCH_KEY_PASSPHRASE beside an unencrypted OPENSEARCH_KEY_FILE names the passphrase variable', () => {
    const env = { OPENSEARCH_URL: HTTPS, OPENSEARCH_AUTH: 'none', OPENSEARCH_CERT_FILE: pki.certFile, OPENSEARCH_KEY_FILE: plainKeyFile, OPENSEARCH_KEY_PASSPHRASE: PASSPHRASE };
    assert.throws(() => fromEnv(env), refusal('OPENSEARCH_KEY_PASSPHRASE', /OPENSEARCH_KEY_FILE is not encrypted/, [PASSPHRASE, ...keyLines(plainKey)]));
  });
});

describe('a private key where certificates belong', () => {
  test('ssl.ca holding a private key beside the CA certificate is refused naming ssl.ca, quoting none of the key', () => {
    for (const key of [plainKey, pki.key]) {
      assert.throws(() => client({ ca: `${pki.ca}\n${key}` }), refusal('ssl.ca', /private key/, keyLines(key)));
      assert.throws(() => client({ ca: [pki.ca, Buffer.from(key)] }), refusal('ssl.ca[1]', /private key/, keyLines(key)));
    }
  });

  test('ssl.ca holding only a private key is refused as a key (not as "no certificate")', () => {
    assert.throws(() => client({ ca: plainKey }), refusal('ssl.ca', /private key/, keyLines(plainKey)));
  });

  test('ssl.cert holding another private key than ssl.key is refused naming ssl.cert; the same key (one combined file) is accepted', () => {
    assert.throws(() => client({ ca: pki.ca, cert: `${otherKey}\n${pki.cert}`, key: plainKey }), refusal('ssl.cert', /private key/, [...keyLines(otherKey), ...keyLines(plainKey)]));
    const combined = `${plainKey}\n${pki.cert}`;
    const c = client({ ca: pki.ca, cert: combined, key: combined }) as { close(): Promise<void> };
    void c.close();
  });

  test('fromEnv: OPENSEARCH_CA_FILE naming a key file is refused naming the variable, quoting none of the key', () => {
    for (const file of [plainKeyFile, pki.keyFile]) {
      const key = readFileSync(file, 'utf8');
      assert.throws(() => fromEnv({ OPENSEARCH_URL: HTTPS, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: file }), refusal('OPENSEARCH_CA_FILE', /private key/, keyLines(key)));
    }
    // the CA file itself is still read as before
    assert.ok(fromEnv({ OPENSEARCH_URL: HTTPS, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: pki.caFile }).ssl?.ca !== undefined);
  });
});

describe("fromEnv's signing variables in a mode that signs nothing are ambient, not options (stop 55: accepted and unused)", () => {
  const DOMAIN = 'https://search-x.us-east-1.es.amazonaws.com';
  const modes = {
    basic: { OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'tx54-Pw-9' },
    none: { OPENSEARCH_AUTH: 'none' },
  };
  const auth = { basic: { mode: 'basic', username: 'u', password: 'tx54-Pw-9' }, none: { mode: 'none' } };
  const variables = [
    ['OPENSEARCH_REGION', 'us-east-1', 'region'],
    ['OPENSEARCH_SERVICE', 'es', 'service'],
    ['OPENSEARCH_SIGNING_HOST', 'search-x.us-east-1.es.amazonaws.com', 'signingHost'],
  ] as const;
  for (const [mode, base] of Object.entries(modes) as Array<[keyof typeof modes, Record<string, string>]>) {
    for (const [name, value, option] of variables) {
      test(`${name} with OPENSEARCH_AUTH=${mode} is accepted and not read (an app's environment may set it for other code), while createClient refuses auth.${option}`, () => {
        assert.throws(() => createClient({ node: DOMAIN, auth: { ...auth[mode], [option]: value } } as never), (e: unknown) => e instanceof ConfigError);
        const options = fromEnv({ OPENSEARCH_URL: DOMAIN, ...base, [name]: value });
        assert.deepEqual(options.auth, auth[mode]);
      });
    }
  }

  test('AWS_REGION and the COGNITO_* variables are still accepted in basic and none mode; iam and cognito still read the three', () => {
    for (const base of Object.values(modes)) {
      assert.ok(fromEnv({ OPENSEARCH_URL: DOMAIN, ...base, AWS_REGION: 'eu-west-1', COGNITO_REGION: 'eu-west-1', COGNITO_CLIENT_ID: 'app' }));
    }
    const iam = fromEnv({ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'iam', OPENSEARCH_REGION: 'us-east-1', OPENSEARCH_SERVICE: 'es', OPENSEARCH_SIGNING_HOST: 'search-x.us-east-1.es.amazonaws.com' });
    assert.deepEqual(iam.auth, { mode: 'iam', region: 'us-east-1', service: 'es', signingHost: 'search-x.us-east-1.es.amazonaws.com' });
  });
});

describe("the CLI admin shares the caller's signing variables only when it signs", () => {
  const CALLER = { OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'iam', OPENSEARCH_REGION: 'us-east-1', OPENSEARCH_SERVICE: 'es', OPENSEARCH_SIGNING_HOST: 'search-x.us-east-1.es.amazonaws.com' };
  const BASIC_ADMIN = { OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: 'admin', OPENSEARCH_ADMIN_PASSWORD: 'tx54-Admin-Pw-3' };

  test("a basic admin beside an iam caller with OPENSEARCH_REGION / SERVICE / SIGNING_HOST is built (the caller's are not handed to it)", async () => {
    const ctx = new CliContext({ ...CALLER, ...BASIC_ADMIN });
    try {
      assert.ok(ctx.admin() !== undefined);
    } finally {
      await ctx.close();
    }
  });

  test("a basic caller's OPENSEARCH_REGION is the iam admin's fallback: the caller is built, with or without such an admin", async () => {
    const caller = { OPENSEARCH_URL: CALLER.OPENSEARCH_URL, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'tx54-Pw-9', OPENSEARCH_REGION: 'us-east-1' };
    const withAdmin = new CliContext({ ...caller, OPENSEARCH_ADMIN_AUTH: 'iam' });
    const alone = new CliContext(caller);
    try {
      assert.ok(withAdmin.caller() !== undefined);
      assert.ok(withAdmin.admin() !== undefined);
      assert.ok(alone.caller() !== undefined);
    } finally {
      await withAdmin.close();
      await alone.close();
    }
  });

  test("the admin's own OPENSEARCH_ADMIN_REGION in basic mode is ignored like the caller's: the basic admin is built", async () => {
    const ctx = new CliContext({ ...CALLER, ...BASIC_ADMIN, OPENSEARCH_ADMIN_REGION: 'us-east-1' });
    try {
      assert.ok(ctx.admin() !== undefined);
    } finally {
      await ctx.close();
    }
  });
});
