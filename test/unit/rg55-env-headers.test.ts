/**
 * Stop 54's refusals, held to what they are for. fromEnv: OPENSEARCH_REGION / SERVICE / SIGNING_HOST in basic or none
 * mode are unused and change nothing sent, and apps set those names for their own code (beside basic credentials
 * too), so they are no longer refused (the credentials of another mode still are); the CLI runs in such a shell.
 * Per-call headers: the signer's own x-amz-* never reach the wire from the request, even when a getter passed the check
 * with one value and hands opensearch-js another; mode none still sends any spelling of them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, createClient, fromEnv } from '../../src/index.js';
import { CliContext } from '../../src/cli/context.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

const DOMAIN = 'https://search-x.us-east-1.es.amazonaws.com';
const BASIC = { OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'rg55-Pw-4' };
const SCOPE = { OPENSEARCH_REGION: 'us-east-1', OPENSEARCH_SERVICE: 'es', OPENSEARCH_SIGNING_HOST: 'search-x.us-east-1.es.amazonaws.com' };

describe('fromEnv in basic or none mode beside signing scope variables', () => {
  test('OPENSEARCH_REGION / SERVICE / SIGNING_HOST (and AWS_REGION) are accepted in basic and none, and not used; OPENSEARCH_USERNAME in iam is still refused', () => {
    for (const base of [BASIC, { OPENSEARCH_AUTH: 'none' }]) {
      const options = fromEnv({ OPENSEARCH_URL: DOMAIN, ...base, ...SCOPE, AWS_REGION: 'eu-west-1' });
      assert.deepEqual(Object.keys(options.auth).sort(), base === BASIC ? ['mode', 'password', 'username'] : ['mode']);
    }
    // the credentials of another mode are still refused
    assert.throws(() => fromEnv({ OPENSEARCH_URL: DOMAIN, OPENSEARCH_AUTH: 'iam', OPENSEARCH_USERNAME: 'u' }), (e: unknown) => e instanceof ConfigError && e.option === 'OPENSEARCH_USERNAME');
  });

  test('the CLI with a basic caller and no admin runs in a shell that also sets OPENSEARCH_REGION and OPENSEARCH_SERVICE', async () => {
    const ctx = new CliContext({ OPENSEARCH_URL: DOMAIN, ...BASIC, OPENSEARCH_REGION: 'us-east-1', OPENSEARCH_SERVICE: 'es' });
    try {
      assert.ok(ctx.caller() !== undefined);
      assert.ok(ctx.admin() !== undefined);
    } finally {
      await ctx.close();
    }
  });
});

describe("a call's headers on the wire", () => {
  let stub: RecordingStub;
  before(async () => { stub = await startRecordingStub(); });
  after(async () => { await stub.close(); });

  const client = (auth: Record<string, unknown>) => createClient({ node: stub.url, auth, allowInsecureHttp: true, retry: { retries: 0 } } as never);

  test('iam: an x-amz-security-token a getter hides from the check never goes out beside the signature; mode none sends one as given', async () => {
    const c = client({ mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDRG55EXAMPLE', secretAccessKey: 'rg55-secret-key' } });
    let reads = 0;
    const headers = Object.defineProperty({ 'x-app': 'a' }, 'X-Amz-Security-Token', { enumerable: true, get: () => (reads++ === 0 ? undefined : 'rg55-foreign-token') });
    stub.received.length = 0;
    try {
      await c.info({}, { headers: headers as Record<string, string> });
      const sent = stub.received[0]?.headers ?? {};
      // read once (client/call-input.ts): the headers checked are the headers sent
      assert.equal(reads, 1, 'the getter is read once');
      assert.equal(sent['x-amz-security-token'], undefined, 'no unsigned session token');
      assert.match(String(sent.authorization?.[0]), /^AWS4-HMAC-SHA256 /);
      assert.equal(sent['x-app']?.[0], 'a');
      // mode none signs nothing: Authorization and X-Amz-* in any case go out as given
      const none = client({ mode: 'none' });
      stub.received.length = 0;
      await none.info({}, { headers: { Authorization: 'Bearer rg55-opaque', 'X-Amz-Security-Token': 'rg55-own' } });
      assert.equal(stub.received[0]?.headers.authorization?.[0], 'Bearer rg55-opaque');
      assert.equal(stub.received[0]?.headers['x-amz-security-token']?.[0], 'rg55-own');
      await none.close();
    } finally {
      await c.close();
    }
  });
});
