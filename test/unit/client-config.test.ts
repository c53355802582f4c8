import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromEnv } from '../../src/client/from-env.js';
import { EVERY_MODE_SCOPE } from '../../src/auth/modes.js';
import { resolveOptions as resolveIn, validateOptions, type FgacClientOptions } from '../../src/client/options.js';
import { ConfigError } from '../../src/errors/classes.js';
import { makeClientPki } from '../support/client-pki.js';

const DOMAIN = 'https://search-fgac-abc.us-east-1.es.amazonaws.com';
const AOSS = 'https://abc123.us-west-2.aoss.amazonaws.com';
const NO_ENV = {};
const resolveOptions = (options: FgacClientOptions, env: NodeJS.ProcessEnv) => resolveIn(options, env, EVERY_MODE_SCOPE);

function refuses(options: unknown, option: string, pattern: RegExp, env: NodeJS.ProcessEnv = NO_ENV): void {
  assert.throws(
    () => validateOptions(options as FgacClientOptions, env),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, `ConfigError expected, got ${String(e)}`);
      assert.equal(e.option, option);
      assert.match(e.message, pattern);
      return true;
    },
  );
}

describe('validateOptions refuses what cannot work, naming the option and the fix', () => {
  test('iam without region, AWS_REGION or a regional host', () => {
    refuses({ node: 'https://localhost:9200', auth: { mode: 'iam' } }, 'auth.region', /AWS_REGION/);
  });
  test('iam region from AWS_REGION, or from the host (which wins over the environment)', () => {
    assert.equal(resolveOptions({ node: 'https://localhost:9200', auth: { mode: 'iam' } }, { AWS_REGION: 'eu-west-1' }).signing?.region, 'eu-west-1');
    assert.equal(resolveOptions({ node: DOMAIN, auth: { mode: 'iam' } }, { AWS_REGION: 'eu-west-1' }).signing?.region, 'us-east-1');
  });
  test('explicit region not matching the host region', () => {
    refuses({ node: DOMAIN, auth: { mode: 'iam', region: 'eu-west-1' } }, 'auth.region', /does not match the region "us-east-1"/);
  });
  test('region mismatch with a signingHost', () => {
    refuses(
      { node: 'https://localhost:9200', auth: { mode: 'iam', region: 'eu-west-1', signingHost: 'vpc-x-1.us-east-1.es.amazonaws.com' } },
      'auth.region',
      /auth\.signingHost/,
    );
  });
  test('service auto-detected: aoss for *.aoss.amazonaws.com, es otherwise; a contradicting service is refused', () => {
    assert.equal(resolveOptions({ node: AOSS, auth: { mode: 'iam' } }, NO_ENV).signing?.service, 'aoss');
    assert.equal(resolveOptions({ node: DOMAIN, auth: { mode: 'iam' } }, NO_ENV).signing?.service, 'es');
    refuses({ node: AOSS, auth: { mode: 'iam', service: 'es' } }, 'auth.service', /use "aoss"/);
  });
  test('signingHost must be a bare host', () => {
    refuses({ node: DOMAIN, auth: { mode: 'iam', signingHost: 'https://x.us-east-1.es.amazonaws.com/' } }, 'auth.signingHost', /bare host/);
  });
  test('static credentials missing a secret', () => {
    refuses({ node: DOMAIN, auth: { mode: 'iam', credentials: { accessKeyId: 'A', secretAccessKey: '' } } }, 'auth.credentials.secretAccessKey', /non-empty/);
  });
  test('basic with an empty password / username with a colon', () => {
    refuses({ node: DOMAIN, auth: { mode: 'basic', username: 'u', password: '' } }, 'auth.password', /non-empty/);
    refuses({ node: DOMAIN, auth: { mode: 'basic', username: 'a:b', password: 'p' } }, 'auth.username', /":"/);
  });
  test('basic over plain http to a remote host (credentials in clear), unless allowInsecureHttp', () => {
    refuses({ node: 'http://search-fgac-abc.us-east-1.es.amazonaws.com', auth: { mode: 'basic', username: 'u', password: 'p' } }, 'node', /clear text/);
    refuses({ node: 'http://10.0.0.5:9200', auth: { mode: 'basic', username: 'u', password: 'p' } }, 'node', /https/);
    validateOptions({ node: 'http://127.0.0.1:9200', auth: { mode: 'basic', username: 'u', password: 'p' } }, NO_ENV);
    validateOptions({ node: 'http://10.0.0.5:9200', auth: { mode: 'basic', username: 'u', password: 'p' }, allowInsecureHttp: true }, NO_ENV);
  });
  test('basic against OpenSearch Serverless', () => {
    refuses({ node: AOSS, auth: { mode: 'basic', username: 'u', password: 'p' } }, 'auth.mode', /only SigV4/);
  });
  test('basic and IAM credentials together', () => {
    refuses({ node: DOMAIN, auth: { mode: 'basic', username: 'u', password: 'p', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } } }, 'auth', /cannot both/);
    refuses({ node: DOMAIN, auth: { mode: 'iam', username: 'u', password: 'p' } }, 'auth', /cannot both/);
    refuses({ node: 'https://u:p@search-fgac-abc.us-east-1.es.amazonaws.com', auth: { mode: 'iam' } }, 'node', /credentials from the URL/);
  });
  test('cognito missing identityPoolId, or with no password / idToken / refreshToken', () => {
    const base = { mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_abc', clientId: 'c', username: 'u', password: 'p' };
    refuses({ node: DOMAIN, auth: { ...base } }, 'auth.identityPoolId', /identity pool/);
    refuses({ node: DOMAIN, auth: { ...base, identityPoolId: 'us-east-1:1', password: undefined } }, 'auth.password', /one of password, idToken or refreshToken/);
    refuses({ node: DOMAIN, auth: { ...base, identityPoolId: 'nope' } }, 'auth.identityPoolId', /<region>:<uuid>/);
    validateOptions({ node: DOMAIN, auth: { ...base, identityPoolId: 'us-east-1:1' } } as FgacClientOptions, NO_ENV);
  });
  test('rejectUnauthorized: false without the explicit opt-in', () => {
    refuses({ node: DOMAIN, auth: { mode: 'none' }, ssl: { rejectUnauthorized: false } }, 'ssl.rejectUnauthorized', /allowInsecureTls/);
    validateOptions({ node: DOMAIN, auth: { mode: 'none' }, ssl: { rejectUnauthorized: false }, allowInsecureTls: true }, NO_ENV);
  });
  test('unknown mode, malformed URL, bad timeout, clientOptions that this package owns', () => {
    refuses({ node: DOMAIN, auth: { mode: 'saml' } }, 'auth.mode', /unknown mode "saml"/);
    refuses({ node: 'search-x.us-east-1.es.amazonaws.com', auth: { mode: 'none' } }, 'node', /not a URL/);
    refuses({ node: 'ftp://x', auth: { mode: 'none' } }, 'node', /protocol/);
    refuses({ node: [], auth: { mode: 'none' } }, 'node', /endpoint/);
    refuses({ node: DOMAIN, auth: { mode: 'none' }, requestTimeoutMs: 0 }, 'requestTimeoutMs', /positive/);
    refuses({ node: DOMAIN, auth: { mode: 'none' }, clientOptions: { maxRetries: 5 } }, 'clientOptions.maxRetries', /retry\.retries/);
    refuses({ node: DOMAIN, auth: { mode: 'none' }, clientOptions: { auth: { username: 'a', password: 'b' } } }, 'clientOptions.auth', /auth/);
  });
});

describe('fromEnv', () => {
  test('basic', () => {
    const o = fromEnv({ OPENSEARCH_URL: 'https://h:9200', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'p', OPENSEARCH_TENANT: 'team' });
    assert.deepEqual(o, { node: 'https://h:9200', auth: { mode: 'basic', username: 'u', password: 'p' }, tenant: 'team' });
  });
  test('iam with region, service, signing host, timeout, compression and several nodes', () => {
    const o = fromEnv({
      OPENSEARCH_URL: 'https://localhost:9200, https://localhost:9201',
      OPENSEARCH_AUTH: 'IAM',
      AWS_REGION: 'us-west-2',
      OPENSEARCH_SERVICE: 'aoss',
      OPENSEARCH_SIGNING_HOST: 'abc.us-west-2.aoss.amazonaws.com',
      OPENSEARCH_REQUEST_TIMEOUT_MS: '5000',
      OPENSEARCH_COMPRESSION: 'true',
    });
    assert.deepEqual(o, {
      node: ['https://localhost:9200', 'https://localhost:9201'],
      auth: { mode: 'iam', region: 'us-west-2', service: 'aoss', signingHost: 'abc.us-west-2.aoss.amazonaws.com' },
      requestTimeoutMs: 5000,
      compression: true,
    });
    validateOptions(o, NO_ENV);
  });
  test('cognito with endpoints, secret and custom role', () => {
    const o = fromEnv({
      OPENSEARCH_URL: DOMAIN,
      OPENSEARCH_AUTH: 'cognito',
      AWS_REGION: 'us-east-1',
      COGNITO_USER_POOL_ID: 'us-east-1_x',
      COGNITO_CLIENT_ID: 'cid',
      COGNITO_CLIENT_SECRET: 'sec',
      COGNITO_IDENTITY_POOL_ID: 'us-east-1:abc',
      COGNITO_USERNAME: 'bob',
      COGNITO_PASSWORD: 'pw',
      COGNITO_CUSTOM_ROLE_ARN: 'arn:aws:iam::1:role/R',
      COGNITO_IDP_ENDPOINT: 'http://127.0.0.1:5000',
      COGNITO_IDENTITY_ENDPOINT: 'http://127.0.0.1:5000',
    });
    assert.deepEqual(o.auth, {
      mode: 'cognito',
      region: 'us-east-1',
      userPoolId: 'us-east-1_x',
      clientId: 'cid',
      identityPoolId: 'us-east-1:abc',
      username: 'bob',
      password: 'pw',
      clientSecret: 'sec',
      customRoleArn: 'arn:aws:iam::1:role/R',
      endpoints: { cognitoIdp: 'http://127.0.0.1:5000', cognitoIdentity: 'http://127.0.0.1:5000' },
    });
    validateOptions(o, NO_ENV);
  });
  test('OPENSEARCH_CA_FILE is read; a missing file names the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p2-ca-'));
    try {
      // a file holding a certificate (h211: one holding none is refused naming the variable)
      const pki = makeClientPki('p2-ca-pass', 'p2-ca');
      rmSync(pki.dir, { recursive: true, force: true });
      writeFileSync(join(dir, 'ca.pem'), pki.ca);
      const o = fromEnv({ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: join(dir, 'ca.pem') });
      assert.equal(String(o.ssl?.ca), pki.ca);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.throws(() => fromEnv({ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: '/nonexistent/ca.pem' }), (e: unknown) => e instanceof ConfigError && e.option === 'OPENSEARCH_CA_FILE' && /ENOENT/.test(e.message));
  });
  test('missing or invalid variables throw ConfigError naming the variable', () => {
    const cases: Array<[NodeJS.ProcessEnv, string]> = [
      [{}, 'OPENSEARCH_URL'],
      [{ OPENSEARCH_URL: 'not a url', OPENSEARCH_AUTH: 'none' }, 'OPENSEARCH_URL'],
      [{ OPENSEARCH_URL: DOMAIN }, 'OPENSEARCH_AUTH'],
      [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'kerberos' }, 'OPENSEARCH_AUTH'],
      [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u' }, 'OPENSEARCH_PASSWORD'],
      [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'iam', OPENSEARCH_SERVICE: 'lambda' }, 'OPENSEARCH_SERVICE'],
      [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'cognito' }, 'COGNITO_REGION'],
      [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'cognito', AWS_REGION: 'us-east-1', COGNITO_USER_POOL_ID: 'p', COGNITO_CLIENT_ID: 'c', COGNITO_USERNAME: 'u', COGNITO_PASSWORD: 'x' }, 'COGNITO_IDENTITY_POOL_ID'],
      [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'none', OPENSEARCH_REQUEST_TIMEOUT_MS: 'soon' }, 'OPENSEARCH_REQUEST_TIMEOUT_MS'],
      [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'none', OPENSEARCH_COMPRESSION: 'maybe' }, 'OPENSEARCH_COMPRESSION'],
    ];
    for (const [env, variable] of cases) {
      assert.throws(() => fromEnv(env), (e: unknown) => e instanceof ConfigError && e.option === variable && e.message.includes(variable), `${variable} for ${JSON.stringify(env)}`);
    }
  });
  test('errors never echo a password', () => {
    try {
      validateOptions({ node: 'http://10.1.1.1', auth: { mode: 'basic', username: 'u', password: 'Sup3r-Secret!' } }, NO_ENV);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.doesNotMatch(e.message, /Sup3r-Secret/);
    }
  });
});

describe('hostile input named in issue 12 (class 4): refused with a ConfigError naming the option or variable', () => {
  const base = { node: DOMAIN, auth: { mode: 'none' } } as const;
  test('clientOptions: null, retry options of the wrong type or range', () => {
    refuses({ ...base, clientOptions: null }, 'clientOptions', /must be an object/);
    refuses({ ...base, retry: 5 }, 'retry', /must be an object/);
    refuses({ ...base, retry: { retries: -1 } }, 'retry.retries', /integer/);
    refuses({ ...base, retry: { retries: '3' } }, 'retry.retries', /got a string/);
    refuses({ ...base, retry: { minDelayMs: 500, maxDelayMs: 100 } }, 'retry.maxDelayMs', /below retry\.minDelayMs/);
    refuses({ ...base, retry: { onRetry: 'log' } }, 'retry.onRetry', /function/);
    refuses({ ...base, retry: { retryUnsafeWrites: 'yes' } }, 'retry.retryUnsafeWrites', /true or false/);
  });
  test('requestTimeoutMs: 2^31 and above (Node timers fire at once), fractions, negatives, strings', () => {
    for (const value of [2 ** 31, 2 ** 40, 1.5, -5, '1000', Number.NaN]) refuses({ ...base, requestTimeoutMs: value }, 'requestTimeoutMs', /integer from 1 to 2147483647/);
    validateOptions({ ...base, requestTimeoutMs: 2 ** 31 - 1 }, NO_ENV);
  });
  test('AWS_REGION with a trailing newline or space, or not a region; real region names accepted', () => {
    for (const region of ['us-east-1\n', 'us-east-1 ', ' us-east-1', 'US-EAST-1', 'moon-base']) {
      refuses({ node: 'https://localhost:9200', auth: { mode: 'iam' } }, 'AWS_REGION', /not an AWS region/, { AWS_REGION: region });
      assert.throws(() => fromEnv({ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'iam', AWS_REGION: region }), (e: unknown) => e instanceof ConfigError && e.option === 'AWS_REGION');
    }
    for (const region of ['us-gov-west-1', 'cn-north-1', 'eu-isoe-west-1', 'us-iso-east-1', 'us-isob-east-1', 'ap-southeast-5', 'il-central-1', 'mx-central-1']) {
      assert.equal(resolveOptions({ node: 'https://localhost:9200', auth: { mode: 'iam' } }, { AWS_REGION: region }).signing?.region, region);
      assert.equal(resolveOptions({ node: 'https://localhost:9200', auth: { mode: 'iam', region } }, NO_ENV).signing?.region, region);
    }
    assert.equal(resolveOptions({ node: 'https://search-x.cn-north-1.es.amazonaws.com.cn', auth: { mode: 'iam' } }, NO_ENV).signing?.region, 'cn-north-1');
  });
  test('OPENSEARCH_REQUEST_TIMEOUT_MS accepts decimal digits only (0x10 is not 16)', () => {
    for (const value of ['0x10', '1e3', '16.0', '+16', '0b10', '16ms']) {
      assert.throws(() => fromEnv({ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'none', OPENSEARCH_REQUEST_TIMEOUT_MS: value }), (e: unknown) => e instanceof ConfigError && e.option === 'OPENSEARCH_REQUEST_TIMEOUT_MS' && /decimal digits/.test(e.message), value);
    }
    assert.equal(fromEnv({ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'none', OPENSEARCH_REQUEST_TIMEOUT_MS: '16' }).requestTimeoutMs, 16);
  });
  test('ssl.ca of the wrong type or without a certificate; unknown options (typos) are refused', () => {
    refuses({ ...base, ssl: { ca: 123 } }, 'ssl.ca', /PEM text or a Buffer/);
    refuses({ ...base, ssl: { ca: [] } }, 'ssl.ca', /empty/);
    refuses({ ...base, ssl: { ca: 'not a certificate' } }, 'ssl.ca', /no PEM certificate/);
    refuses({ ...base, ssl: { ca: ['x'] } }, 'ssl.ca[0]', /no PEM certificate/);
    refuses({ ...base, ssl: { rejectUnauthorised: false } }, 'ssl.rejectUnauthorised', /not an option/);
    refuses({ ...base, requestTimeout: 5 }, 'requestTimeout', /not an option/);
    refuses({ node: DOMAIN, auth: { mode: 'basic', username: 'u', password: 'p', pasword: 'x' } }, 'auth.pasword', /not an option of auth mode "basic"/);
    refuses({ ...base, clientOptions: { nodeSelecter: 'random' } }, 'clientOptions.nodeSelecter', /not an option/);
  });
  test('a tenant or a header value with a line break cannot reach a header', () => {
    refuses({ ...base, tenant: 'team\r\nX-Injected: 1' }, 'tenant', /control character|header/);
    refuses({ ...base, clientOptions: { headers: { 'x-api-key': 'k\nX: 1' } } }, 'clientOptions.headers.x-api-key', /header/);
  });
});

describe('ConfigError never echoes a secret given in the options', () => {
  const secret = 'Hunter2-Pa55-Word';
  function messageOf(options: unknown): string {
    try {
      validateOptions(options as FgacClientOptions, NO_ENV);
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      return `${e.option}\n${e.message}\n${e.stack}\n${JSON.stringify(e)}`;
    }
    return assert.fail('expected a ConfigError');
  }
  test('a node URL that fails to parse does not echo its user:password@', () => {
    for (const node of [`https://svc:${secret}@`, `https://svc:${secret}@host:99999`, `htps//svc:${secret}@host`, `https://svc:${secret}@ho st`, `svc:${secret}@host`]) {
      const text = messageOf({ node, auth: { mode: 'none' } });
      assert.ok(!text.includes(secret) && !text.includes(encodeURIComponent(secret)), text);
    }
  });
  test('secret values are removed from any ConfigError, whichever option fails', () => {
    const cases: unknown[] = [
      { node: DOMAIN, auth: { mode: 'basic', username: 'u', password: secret }, tenant: `${secret}\n` },
      { node: DOMAIN, auth: { mode: 'basic', username: 'u', password: secret }, ssl: { servername: `${secret}/x` } },
      { node: `https://${secret}.example/`, auth: { mode: 'basic', username: 'u', password: secret }, retry: { retries: -1 } },
      { node: DOMAIN, auth: { mode: 'iam', region: secret, credentials: { accessKeyId: 'AKIAX', secretAccessKey: secret } } },
      { node: DOMAIN, auth: { mode: 'basic', username: `${secret}:x`, password: secret } },
      { node: DOMAIN, auth: { mode: secret, password: secret } },
    ];
    for (const options of cases) assert.ok(!messageOf(options).includes(secret), messageOf(options));
  });
});

describe('createClient: one secret set per client, holding what the strategies hold and derive', () => {
  test('basic: the password and user:password (plain and base64) are in the client set', async () => {
    const { createClient } = await import('../../src/client/create-client.js');
    const { secretsOf } = await import('../../src/errors/secrets.js');
    const { redactText } = await import('../../src/errors/redact.js');
    const client = createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'basic', username: 'alice', password: 'S3cret-Alice-Pw' } });
    const text = `echo S3cret-Alice-Pw ${Buffer.from('alice:S3cret-Alice-Pw').toString('base64')} ${encodeURIComponent('S3cret-Alice-Pw')}`;
    const clean = redactText(text, secretsOf(client));
    assert.ok(!clean.includes('S3cret-Alice-Pw') && !clean.includes(Buffer.from('alice:S3cret-Alice-Pw').toString('base64')), clean);
    assert.equal(secretsOf(client), secretsOf(client.transport), 'the client and its transport share one set');
    // Another client has its own set.
    const other = createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'none' } });
    assert.equal(redactText('S3cret-Alice-Pw', secretsOf(other)), 'S3cret-Alice-Pw');
  });
  test('a secret header of clientOptions.headers is in the client set', async () => {
    const { createClient } = await import('../../src/client/create-client.js');
    const { secretsOf } = await import('../../src/errors/secrets.js');
    const { redactText } = await import('../../src/errors/redact.js');
    const client = createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'none' }, clientOptions: { headers: { 'x-api-key': 'Api-Key-0123456789' } } });
    assert.ok(!redactText('key Api-Key-0123456789', secretsOf(client)).includes('Api-Key-0123456789'));
  });
});

describe('headers and child clients cannot undo what createClient set up', () => {
  test('clientOptions.headers may not carry Authorization / x-amz-* in a signing mode, nor securitytenant next to tenant', () => {
    refuses({ node: DOMAIN, auth: { mode: 'basic', username: 'u', password: 'p' }, clientOptions: { headers: { Authorization: 'Basic eDp5' } } }, 'clientOptions.headers.Authorization', /sets this header/);
    refuses({ node: DOMAIN, auth: { mode: 'iam' }, clientOptions: { headers: { 'x-amz-security-token': 'tok' } } }, 'clientOptions.headers.x-amz-security-token', /sets this header/);
    refuses({ node: DOMAIN, auth: { mode: 'none' }, tenant: 'a', clientOptions: { headers: { securitytenant: 'b' } } }, 'clientOptions.headers.securitytenant', /tenant/);
    validateOptions({ node: DOMAIN, auth: { mode: 'none' }, clientOptions: { headers: { authorization: 'Bearer x' } } }, NO_ENV);
  });
  test('client.child() refuses auth, TLS and transport overrides, checks headers, and shares the secret set', async () => {
    const { createClient } = await import('../../src/client/create-client.js');
    const { secretsOf } = await import('../../src/errors/secrets.js');
    const client = createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'basic', username: 'u', password: 'Child-Secret-1' } });
    for (const [opts, option] of [
      [{ auth: { username: 'x', password: 'y' } }, 'child.auth'],
      [{ ssl: { rejectUnauthorized: false } }, 'child.ssl'],
      [{ Transport: class {} }, 'child.Transport'],
      [{ headers: { 'x-a': 'a\r\nb' } }, 'child.headers.x-a'],
      [{ requestTimeout: 'abc' }, 'child.requestTimeout'],
      // the mode's Authorization would silently win over a child's (as for clientOptions.headers)
      [{ headers: { Authorization: 'Basic eDp5' } }, 'child.headers.Authorization'],
    ] as const) {
      assert.throws(() => client.child(opts as never), (e: unknown) => e instanceof ConfigError && e.option === option, option);
    }
    // basic sets no x-amz-* header: a child's is its own (stop 55: one rule with per-call headers; ch55 for iam)
    assert.ok(client.child({ headers: { 'X-Amz-Date': '20200101T000000Z' } }));
    // a child may switch the tenant, and in mode none carry its own Authorization
    const open = createClient({ node: 'https://127.0.0.1:9', auth: { mode: 'none' } });
    assert.ok(open.child({ headers: { authorization: 'Bearer t' } }));
    const child = client.child({ headers: { securitytenant: '__user__', 'x-api-key': 'Child-Api-Key-9' } });
    assert.equal(secretsOf(child), secretsOf(client));
    assert.equal(secretsOf(child.child({})), secretsOf(client));
    const { redactText } = await import('../../src/errors/redact.js');
    assert.equal(redactText('Child-Api-Key-9 Child-Secret-1', secretsOf(client)), '[REDACTED] [REDACTED]');
  });
});

describe('fromEnv checks the options as a whole and names the variable behind the refused option', () => {
  const cognito = { OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'cognito', AWS_REGION: 'us-east-1', COGNITO_USER_POOL_ID: 'us-east-1_Pool', COGNITO_CLIENT_ID: 'cid', COGNITO_IDENTITY_POOL_ID: 'us-east-1:abc', COGNITO_USERNAME: 'u', COGNITO_PASSWORD: 'Env-Secret-Pw-1' };
  const cases: Array<[NodeJS.ProcessEnv, string, RegExp]> = [
    [{ ...cognito, COGNITO_USER_POOL_ID: 'pool' }, 'COGNITO_USER_POOL_ID', /<region>_<id>/],
    [{ ...cognito, COGNITO_IDENTITY_POOL_ID: 'pool' }, 'COGNITO_IDENTITY_POOL_ID', /<region>:<uuid>/],
    [{ ...cognito, COGNITO_CUSTOM_ROLE_ARN: 'role' }, 'COGNITO_CUSTOM_ROLE_ARN', /role ARN/],
    [{ OPENSEARCH_URL: 'https://u:Env-Secret-Pw-1@h:9200', OPENSEARCH_AUTH: 'none' }, 'OPENSEARCH_URL', /credentials/],
    [{ OPENSEARCH_URL: 'http://10.0.0.5:9200', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Env-Secret-Pw-1' }, 'OPENSEARCH_URL', /clear text/],
    [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'iam', OPENSEARCH_SIGNING_HOST: 'https://x/' }, 'OPENSEARCH_SIGNING_HOST', /bare host/],
    [{ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'iam', AWS_REGION: 'eu-west-1', OPENSEARCH_REGION: 'eu-west-1' }, 'OPENSEARCH_REGION', /does not match the region "us-east-1"/],
    [{ OPENSEARCH_URL: 'https://localhost:9200', OPENSEARCH_AUTH: 'iam' }, 'AWS_REGION', /needs a region/],
    [{ OPENSEARCH_URL: 'https://abc.us-west-2.aoss.amazonaws.com', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'Env-Secret-Pw-1' }, 'OPENSEARCH_AUTH', /only SigV4/],
  ];
  for (const [env, variable, pattern] of cases) {
    test(`${variable}: ${pattern}`, () => {
      assert.throws(() => fromEnv(env), (e: unknown) => {
        assert.ok(e instanceof ConfigError, String(e));
        assert.equal(e.option, variable, e.message);
        assert.match(e.message, pattern);
        assert.ok(e.message.startsWith(`${variable}: `), e.message);
        assert.ok(!`${e.message}${e.stack}${JSON.stringify(e)}`.includes('Env-Secret-Pw-1'), e.message);
        return true;
      });
    });
  }
});

describe('the README tells the truth about the options', () => {
  test('every environment variable fromEnv reads (common and per mode) is in the README table', async () => {
    const { readFileSync } = await import('node:fs');
    const { envVariables } = await import('../../src/client/from-env.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const variables = envVariables();
    assert.ok(variables.length >= 25, String(variables.length));
    for (const { name } of variables) assert.ok(readme.includes(`\`${name}\``), `${name} missing from README`);
  });
});

describe('options that pass a shape check but cannot work (review rv4 X)', () => {
  test('an undefined header value (an unset environment variable) is refused, naming the header; in child() too', async () => {
    const { createClient } = await import('../../src/client/create-client.js');
    assert.throws(
      () => createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'none' }, clientOptions: { headers: { 'x-api-key': undefined } } }),
      (e: unknown) => e instanceof ConfigError && e.option === 'clientOptions.headers.x-api-key',
    );
    const client = createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'none' } });
    try {
      assert.throws(() => client.child({ headers: { 'x-tenant': undefined } as never }), (e: unknown) => e instanceof ConfigError && e.option === 'child.headers.x-tenant');
    } finally {
      await client.close();
    }
  });
  test('retry.maxElapsedMs 0 (every call would end before sending) is refused; 1 is accepted', () => {
    refuses({ node: 'http://127.0.0.1:9', auth: { mode: 'none' }, retry: { maxElapsedMs: 0 } }, 'retry.maxElapsedMs', /from 1 to/);
    assert.doesNotThrow(() => validateOptions({ node: 'http://127.0.0.1:9', auth: { mode: 'none' }, retry: { maxElapsedMs: 1 } }, NO_ENV));
  });
});

test('fromEnv of something that is not an environment, or one whose reads throw: a ConfigError without the thrown text', () => {
  const SECRET = 'Env-Proxy-Thrown-Secret-77';
  for (const env of [null, 'OPENSEARCH_URL=x', new Proxy({}, { ownKeys: () => { throw new Error(SECRET); } }),
    new Proxy({ OPENSEARCH_URL: 'https://h' }, { get: () => { throw new Error(SECRET); } })]) {
    assert.throws(() => fromEnv(env as never), (e: unknown) => e instanceof ConfigError && !e.message.includes(SECRET) && !String(e.stack).includes(SECRET));
  }
});
