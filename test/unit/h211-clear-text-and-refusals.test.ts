/**
 * h211: secrets over http:// to a remote Cognito endpoint (one clear-text rule, isLoopbackHost), `*.localhost` is not
 * loopback, OPENSEARCH_CA_FILE without a certificate names its variable, and configurations that cannot work (a user
 * pool id against auth.region, a signing host against the node host's region, validateOptions vs createClient on an
 * agent factory).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, createClient, fromEnv, validateOptions } from '../../src/index.js';
import { isLoopbackHost } from '../../src/client/options-check.js';
import { makeClientPki } from '../support/client-pki.js';

const PW = 'h211-Sup3rS3cret!pw';
const NODE = 'https://search-x.us-east-1.es.amazonaws.com';
const COGNITO = {
  mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEfGhI', clientId: 'abcdefghijklmnopqrstuvwxy1',
  identityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555', username: 'svc', password: PW,
} as const;
const COGNITO_ENV = {
  OPENSEARCH_URL: NODE, OPENSEARCH_AUTH: 'cognito', COGNITO_REGION: 'us-east-1', COGNITO_USER_POOL_ID: COGNITO.userPoolId,
  COGNITO_CLIENT_ID: COGNITO.clientId, COGNITO_IDENTITY_POOL_ID: COGNITO.identityPoolId, COGNITO_USERNAME: 'svc', COGNITO_PASSWORD: PW,
};

/** Asserts `run` throws a ConfigError naming `option` whose message matches `pattern` and never holds the password. */
function refused(run: () => unknown, option: string, pattern: RegExp): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof ConfigError, String(e));
    assert.equal(e.option, option, e.message);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes(PW), e.message);
    return true;
  });
}

/** validateOptions with the given environment only (createClient's is process.env). */
function validate(options: unknown, env: NodeJS.ProcessEnv = {}): void {
  validateOptions(options as never, env);
}

describe('h211 Cognito endpoints over http:// to a remote host (finding 1)', () => {
  test('auth.endpoints.cognitoIdp / cognitoIdentity over http:// to a remote host are refused naming the option', () => {
    for (const key of ['cognitoIdp', 'cognitoIdentity'] as const) {
      const auth = { ...COGNITO, endpoints: { [key]: 'http://cognito.corp.example.com' } };
      refused(() => createClient({ node: NODE, auth } as never), `auth.endpoints.${key}`, /clear text to cognito\.corp\.example\.com.*allowInsecureHttp: true/);
      refused(() => validate({ node: NODE, auth }), `auth.endpoints.${key}`, /clear text/);
      // what allowInsecureHttp lets through, and what never needed it: https://, loopback (the local moto server)
      validate({ node: NODE, auth, allowInsecureHttp: true });
      for (const ok of ['https://cognito.corp.example.com', 'http://127.0.0.1:5000', 'http://localhost:5000', 'http://[::1]:5000']) {
        validate({ node: NODE, auth: { ...COGNITO, endpoints: { [key]: ok } } });
      }
    }
  });

  test('fromEnv: COGNITO_IDP_ENDPOINT / COGNITO_IDENTITY_ENDPOINT over http:// to a remote host name the variable and its fix', () => {
    for (const name of ['COGNITO_IDP_ENDPOINT', 'COGNITO_IDENTITY_ENDPOINT']) {
      const env = { ...COGNITO_ENV, [name]: 'http://cognito.corp.example.com' };
      refused(() => fromEnv(env), name, /clear text.*OPENSEARCH_ALLOW_INSECURE_HTTP=true/);
      assert.ok(fromEnv({ ...env, OPENSEARCH_ALLOW_INSECURE_HTTP: 'true' }));
      assert.ok(fromEnv({ ...env, [name]: 'http://127.0.0.1:5000' }));
    }
  });

  test("the AWS SDK's own AWS_ENDPOINT_URL_* variables (used when auth.endpoints is not set) are held to the same rule", () => {
    const options = { node: NODE, auth: COGNITO };
    refused(() => validate(options, { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://idp.corp.example.com' }), 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', /clear text to idp\.corp\.example\.com/);
    refused(() => validate(options, { AWS_ENDPOINT_URL_COGNITO_IDENTITY: 'http://id.corp.example.com' }), 'AWS_ENDPOINT_URL_COGNITO_IDENTITY', /AWS credentials/);
    refused(() => validate(options, { AWS_ENDPOINT_URL: 'http://all.corp.example.com' }), 'AWS_ENDPOINT_URL', /clear text/);
    // the service's own variable wins over the general one, as in the SDK
    validate(options, { AWS_ENDPOINT_URL: 'http://all.corp.example.com', AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'https://idp.example.com', AWS_ENDPOINT_URL_COGNITO_IDENTITY: 'http://127.0.0.1:5000' });
    validate(options, { AWS_ENDPOINT_URL: 'http://all.corp.example.com', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
    validate({ ...options, allowInsecureHttp: true }, { AWS_ENDPOINT_URL: 'http://all.corp.example.com' });
    // fromEnv names the variable, its fix in variable terms
    refused(() => fromEnv({ ...COGNITO_ENV, AWS_ENDPOINT_URL: 'http://all.corp.example.com' }), 'AWS_ENDPOINT_URL', /COGNITO_IDP_ENDPOINT is not set.*OPENSEARCH_ALLOW_INSECURE_HTTP=true/);
    // an explicit endpoint is what the SDK uses: the variable is then not read
    validate({ node: NODE, auth: { ...COGNITO, endpoints: { cognitoIdp: 'https://idp.example.com', cognitoIdentity: 'https://id.example.com' } } }, { AWS_ENDPOINT_URL: 'http://all.corp.example.com' });
  });
});

describe('h211 loopback is localhost itself, 127.0.0.0/8 and ::1 (finding 4)', () => {
  test('*.localhost and localhost. (resolved by DNS, not pinned) are not loopback: basic over http:// to them is refused', () => {
    for (const host of ['h211.localhost', 'a.b.localhost', 'localhost.', 'localhost.example.com']) assert.equal(isLoopbackHost(host), false, host);
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.10.20.30', '[::1]', '::1']) assert.equal(isLoopbackHost(host), true, host);
    for (const node of ['http://h211-test.localhost:9200', 'http://localhost.:9200']) {
      refused(() => createClient({ node, auth: { mode: 'basic', username: 'u', password: PW } }), 'node', /clear text/);
    }
    createClient({ node: 'http://localhost:9200', auth: { mode: 'basic', username: 'u', password: PW } }).close().catch(() => undefined);
    refused(() => validate({ node: NODE, auth: { ...COGNITO, endpoints: { cognitoIdp: 'http://moto.localhost:5000' } } }), 'auth.endpoints.cognitoIdp', /clear text/);
  });
});

describe('h211 fromEnv: OPENSEARCH_CA_FILE without a certificate names the variable (finding 5)', () => {
  test('non-PEM text and a PUBLIC KEY block are refused by fromEnv naming OPENSEARCH_CA_FILE; a real CA is accepted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h211-ca-'));
    const dirs = [dir];
    try {
      const files = { text: 'this is not a certificate\n', block: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n' };
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, `${name}.pem`);
        fs.writeFileSync(file, content);
        refused(() => fromEnv({ OPENSEARCH_URL: NODE, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: file }), 'OPENSEARCH_CA_FILE', /holds no PEM certificate.*\(option ssl\.ca\)/);
      }
      const pki = makeClientPki('h211-pass', 'h211');
      dirs.push(pki.dir);
      const options = fromEnv({ OPENSEARCH_URL: NODE, OPENSEARCH_AUTH: 'none', OPENSEARCH_CA_FILE: pki.caFile });
      createClient(options).close().catch(() => undefined);
    } finally {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('h211 configurations that cannot work (finding 9)', () => {
  test("a userPoolId naming another region than auth.region is refused; an identity pool in another region is not (AWS federates across regions)", () => {
    refused(() => validate({ node: NODE, auth: { ...COGNITO, userPoolId: 'eu-west-1_AbCdEfGhI' } }), 'auth.userPoolId', /"eu-west-1".*auth\.region.*"us-east-1"/);
    validate({ node: NODE, auth: { ...COGNITO, identityPoolId: 'ap-south-1:11111111-2222-3333-4444-555555555555' } });
    refused(() => fromEnv({ ...COGNITO_ENV, COGNITO_USER_POOL_ID: 'eu-west-1_AbCdEfGhI' }), 'COGNITO_USER_POOL_ID', /COGNITO_REGION/);
    // without COGNITO_REGION, AWS_REGION (a Lambda's own region) never contradicts the pool's id: the pool's region is used
    const lambda = fromEnv({ ...COGNITO_ENV, COGNITO_REGION: undefined, AWS_REGION: 'eu-west-1' });
    assert.equal((lambda.auth as { region: string }).region, 'us-east-1');
    createClient(lambda).close().catch(() => undefined);
  });

  test('a signingHost naming another region than an AWS node host is refused; tunnels, VPC endpoints and custom domains are not', () => {
    const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: PW };
    const iam = (node: string | string[], signingHost: string) => ({ node, auth: { mode: 'iam', credentials, signingHost } });
    refused(() => validate(iam('https://search-x.eu-west-1.es.amazonaws.com', 'search-y.us-east-1.es.amazonaws.com')), 'auth.signingHost', /search-x\.eu-west-1\.es\.amazonaws\.com/);
    refused(() => validate(iam(['https://localhost:9443', 'https://search-x.eu-west-1.es.amazonaws.com'], 'search-y.us-east-1.es.amazonaws.com')), 'auth.signingHost', /node\[1\]/);
    refused(() => validate({ ...iam('https://search-x.eu-west-1.es.amazonaws.com', 'search-y.us-east-1.es.amazonaws.com'), auth: { ...COGNITO, signingHost: 'search-y.us-east-1.es.amazonaws.com' } }), 'auth.signingHost', /another region/);
    for (const node of ['https://localhost:9443', 'https://vpce-0abc-xyz.es.us-east-1.vpce.amazonaws.com', 'https://search.corp.example.com', 'https://vpc-x-abc.us-east-1.es.amazonaws.com']) {
      validate(iam(node, 'search-y.us-east-1.es.amazonaws.com'));
    }
    validate(iam('https://search-x.eu-west-1.es.amazonaws.com', 'search.corp.example.com'), { AWS_REGION: 'eu-west-1' });
    refused(() => fromEnv({ OPENSEARCH_URL: 'https://search-x.eu-west-1.es.amazonaws.com', OPENSEARCH_AUTH: 'iam', OPENSEARCH_SIGNING_HOST: 'search-y.us-east-1.es.amazonaws.com' }), 'OPENSEARCH_SIGNING_HOST', /another region/);
  });

  test('validateOptions refuses an agent factory whose agent createClient refuses; a good factory is called per node and its agent left alone (a live client may share it)', () => {
    const insecure = { node: NODE, auth: { mode: 'none' }, clientOptions: { agent: () => new https.Agent({ rejectUnauthorized: false }) } };
    refused(() => createClient(insecure as never), 'clientOptions.agent', /rejectUnauthorized: false/);
    refused(() => validate(insecure), 'clientOptions.agent', /rejectUnauthorized: false/);
    validate({ ...insecure, allowInsecureTls: true });
    let made = 0;
    let destroyed = 0;
    const good = () => {
      made += 1;
      const agent = new https.Agent({ keepAlive: true });
      const destroy = agent.destroy.bind(agent);
      agent.destroy = () => {
        destroyed += 1;
        destroy();
      };
      return agent;
    };
    validate({ node: [NODE, 'https://search-y.us-east-1.es.amazonaws.com'], auth: { mode: 'none' }, clientOptions: { agent: good } });
    assert.deepEqual({ made, destroyed }, { made: 2, destroyed: 0 });
  });
});
