/**
 * Signed requests over http:// to a remote node (iam, cognito) are refused as basic credentials are: anyone on the
 * path can replay them for minutes and read any session token. An Amazon OpenSearch endpoint over http:// is refused
 * in every mode: with fine-grained access control the domain takes HTTPS only (Serverless always). allowInsecureHttp
 * (OPENSEARCH_ALLOW_INSECURE_HTTP) opts out; loopback stays allowed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, fromEnv, validateOptions } from '../../src/index.js';

const KEY = { accessKeyId: 'AKIAEXAMPLELO61', secretAccessKey: 'lo61-Secret/Access+Key', sessionToken: 'lo61-Session-Token' };
const IAM = { mode: 'iam', region: 'us-east-1', credentials: KEY } as const;
const COGNITO = {
  mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEfGhI', clientId: 'abcdefghijklmnopqrstuvwxy1',
  identityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555', username: 'svc', password: 'lo61-Pw!',
} as const;

function refused(options: unknown, option: string, pattern: RegExp, env: NodeJS.ProcessEnv = {}): void {
  assert.throws(() => validateOptions(options as never, env), (e: unknown) => {
    assert.ok(e instanceof ConfigError, String(e));
    assert.equal(e.option, option, e.message);
    assert.match(e.message, pattern);
    for (const secret of [KEY.secretAccessKey, KEY.sessionToken, COGNITO.password]) assert.ok(!e.message.includes(secret), e.message);
    return true;
  });
}

test('iam and cognito refuse an http:// node on another host, naming node and the opt-out', () => {
  for (const auth of [IAM, COGNITO]) {
    for (const node of ['http://search.corp.example.com:9200', 'http://10.0.0.5:9200', ['https://a.example.com', 'http://b.example.com']]) {
      refused({ node, auth }, 'node', /signed requests .*clear text .*allowInsecureHttp: true/);
    }
  }
});

test('allowInsecureHttp opts out; loopback http and https nodes are accepted', () => {
  for (const auth of [IAM, COGNITO]) {
    validateOptions({ node: 'http://search.corp.example.com:9200', auth, allowInsecureHttp: true } as never, {});
    for (const node of ['http://127.0.0.1:9200', 'http://localhost:9200', 'http://[::1]:9200', 'https://search.corp.example.com']) {
      validateOptions({ node, auth } as never, {});
    }
  }
});

test('sniffing over a loopback http:// node is refused for signed requests too', () => {
  refused({ node: 'http://127.0.0.1:9200', auth: IAM, clientOptions: { sniffOnStart: true } }, 'clientOptions.sniffOnStart', /signed requests/);
});

test('an Amazon OpenSearch endpoint over http:// is refused in every mode, also mode none', () => {
  for (const node of ['http://search-x.us-east-1.es.amazonaws.com', 'http://abc.us-east-1.aoss.amazonaws.com', 'http://search-x.aos.eu-west-1.on.aws']) {
    refused({ node, auth: { mode: 'none' } }, 'node', /Amazon OpenSearch endpoint.*HTTPS/);
    validateOptions({ node, auth: { mode: 'none' }, allowInsecureHttp: true } as never, {});
  }
});

test('fromEnv names OPENSEARCH_URL and OPENSEARCH_ALLOW_INSECURE_HTTP', () => {
  const env = { OPENSEARCH_URL: 'http://search.corp.example.com', OPENSEARCH_AUTH: 'iam', AWS_REGION: 'us-east-1' };
  assert.throws(() => fromEnv(env), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.option, 'OPENSEARCH_URL');
    assert.match(e.message, /OPENSEARCH_ALLOW_INSECURE_HTTP=true/);
    return true;
  });
  assert.doesNotThrow(() => fromEnv({ ...env, OPENSEARCH_ALLOW_INSECURE_HTTP: 'true' }));
});

test('an IPv4-mapped loopback address is loopback; a mapped remote one is not', () => {
  for (const node of ['http://[::ffff:127.0.0.1]:9200', 'http://[::ffff:127.1.2.3]:9200']) validateOptions({ node, auth: IAM } as never, {});
  refused({ node: 'http://[::ffff:10.0.0.1]:9200', auth: IAM }, 'node', /signed requests/);
});
