import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromEnv } from '../../src/client/from-env.js';
import { resolveOptions, validateOptions, type FgacClientOptions } from '../../src/client/options.js';
import { ConfigError } from '../../src/errors/classes.js';

const DOMAIN = 'https://search-fgac-abc.us-east-1.es.amazonaws.com';
const AOSS = 'https://abc123.us-west-2.aoss.amazonaws.com';
const NO_ENV = {};

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
      writeFileSync(join(dir, 'ca.pem'), 'PEM');
      const o = fromEnv({ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: join(dir, 'ca.pem') });
      assert.equal(String(o.ssl?.ca), 'PEM');
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
