/**
 * fromEnv(env) and the AWS SDK's endpoint variables. The SDK's Cognito clients read AWS_ENDPOINT_URL_* (and
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) from process.env only, whatever environment fromEnv was given; createClient
 * checks process.env. fromEnv(customEnv) checked only customEnv: with `AWS_ENDPOINT_URL=http://remote` in process.env
 * it passed and the createClient after it refused (or, for an https:// one, the sign-in went where customEnv never
 * said). Now fromEnv refuses, naming the variable, whenever the two environments name different endpoints for a
 * Cognito client that auth.endpoints does not set; where they agree (or COGNITO_*_ENDPOINT is set) both pass.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ConfigError, createClient, fromEnv } from '../../src/index.js';

const PW = 'h236-Sup3rS3cret!pw';
const COGNITO_ENV = {
  OPENSEARCH_URL: 'https://search-x.us-east-1.es.amazonaws.com', OPENSEARCH_AUTH: 'cognito', COGNITO_REGION: 'us-east-1',
  COGNITO_USER_POOL_ID: 'us-east-1_AbCdEfGhI', COGNITO_CLIENT_ID: 'abcdefghijklmnopqrstuvwxy1',
  COGNITO_IDENTITY_POOL_ID: 'us-east-1:11111111-2222-3333-4444-555555555555', COGNITO_USERNAME: 'svc', COGNITO_PASSWORD: PW,
};
const SDK_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', 'AWS_ENDPOINT_URL_COGNITO_IDENTITY', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
const saved = Object.fromEntries(SDK_VARIABLES.map((n) => [n, process.env[n]]));

function setProcessEnv(values: Record<string, string>): void {
  for (const n of SDK_VARIABLES) delete process.env[n];
  Object.assign(process.env, values);
}
afterEach(() => {
  for (const n of SDK_VARIABLES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
});

/** What fromEnv(env) does, and what createClient does with the options it gave. */
async function outcome(env: Record<string, string>): Promise<{ fromEnv: ConfigError | 'ok'; createClient?: ConfigError | 'ok' }> {
  let options;
  try {
    options = fromEnv(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    assert.ok(!e.message.includes(PW));
    return { fromEnv: e };
  }
  try {
    await createClient(options).close();
    return { fromEnv: 'ok', createClient: 'ok' };
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return { fromEnv: 'ok', createClient: e };
  }
}

test('AWS_ENDPOINT_URL=http://remote in process.env: fromEnv(customEnv) refuses it naming the variable (createClient would)', async () => {
  setProcessEnv({ AWS_ENDPOINT_URL: 'http://idp.corp.example.com' });
  const result = await outcome(COGNITO_ENV);
  assert.ok(result.fromEnv instanceof ConfigError, `fromEnv passed; createClient then: ${String(result.createClient)}`);
  assert.equal(result.fromEnv.option, 'AWS_ENDPOINT_URL');
  assert.match(result.fromEnv.message, /process\.env.*COGNITO_IDP_ENDPOINT/);
});

test('an https:// AWS_ENDPOINT_URL in process.env only: refused too (the sign-in would go where customEnv never said)', async () => {
  setProcessEnv({ AWS_ENDPOINT_URL_COGNITO_IDENTITY: 'https://identity.corp.example.com' });
  const result = await outcome(COGNITO_ENV);
  assert.ok(result.fromEnv instanceof ConfigError && result.fromEnv.option === 'AWS_ENDPOINT_URL_COGNITO_IDENTITY', String(result.fromEnv));
});

test('an AWS_ENDPOINT_URL_* in customEnv only is refused: the AWS SDK would not read it', async () => {
  setProcessEnv({});
  const result = await outcome({ ...COGNITO_ENV, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'https://idp.example.com' });
  assert.ok(result.fromEnv instanceof ConfigError && result.fromEnv.option === 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', String(result.fromEnv));
  assert.match(result.fromEnv.message, /reads its endpoint variables from process\.env only/);
});

test('where both environments agree, or COGNITO_*_ENDPOINT overrides, fromEnv and createClient both pass', async () => {
  setProcessEnv({ AWS_ENDPOINT_URL: 'https://all.example.com' });
  assert.deepEqual(await outcome({ ...COGNITO_ENV, AWS_ENDPOINT_URL: 'https://all.example.com' }), { fromEnv: 'ok', createClient: 'ok' });
  // the service's own variable names the same endpoint as the general one the SDK reads: the same URL
  assert.deepEqual(await outcome({ ...COGNITO_ENV, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'https://all.example.com', AWS_ENDPOINT_URL_COGNITO_IDENTITY: 'https://all.example.com' }), { fromEnv: 'ok', createClient: 'ok' });
  setProcessEnv({ AWS_ENDPOINT_URL: 'http://idp.corp.example.com' });
  assert.deepEqual(await outcome({ ...COGNITO_ENV, COGNITO_IDP_ENDPOINT: 'https://idp.example.com', COGNITO_IDENTITY_ENDPOINT: 'https://id.example.com' }), { fromEnv: 'ok', createClient: 'ok' });
  // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true in process.env: the SDK reads none, as customEnv says
  setProcessEnv({ AWS_ENDPOINT_URL: 'http://idp.corp.example.com', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
  assert.deepEqual(await outcome(COGNITO_ENV), { fromEnv: 'ok', createClient: 'ok' });
  setProcessEnv({});
  assert.deepEqual(await outcome(COGNITO_ENV), { fromEnv: 'ok', createClient: 'ok' });
});

test('fromEnv() of process.env itself: its own clear-text refusal, unchanged', async () => {
  setProcessEnv({ AWS_ENDPOINT_URL: 'http://idp.corp.example.com' });
  const before = Object.fromEntries(Object.keys(COGNITO_ENV).map((n) => [n, process.env[n]]));
  Object.assign(process.env, COGNITO_ENV);
  try {
    assert.throws(() => fromEnv(), (e: unknown) => e instanceof ConfigError && e.option === 'AWS_ENDPOINT_URL' && /clear text/.test(e.message));
  } finally {
    for (const [n, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  }
});
