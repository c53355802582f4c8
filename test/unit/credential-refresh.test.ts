/**
 * The forced credential refresh after an expired-token 403, against a loopback stub: it is bounded like
 * every wait for credentials (abort(), maxElapsedMs), it asks the source for NEW credentials
 * (`forceRefresh: true`, which the AWS SDK's memoised default chain needs), and credentials a provider
 * refreshes in place are signed for with their new secret (re-signed by @smithy/signature-v4 to check).
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { errors } from '@opensearch-project/opensearch';
import { authStrategyOf, createClient } from '../../src/client/create-client.js';
import type { AwsCredentialIdentity } from '../../src/auth/aws-credentials.js';
import { ConfigError } from '../../src/errors/classes.js';
import type { ReceivedRequest } from '../domain/edge/sigv4.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
useRecordingStub((s) => { stub = s; });

const EXPIRED = { status: 403, body: { message: 'The security token included in the request is expired' } };
const tokenOf = (req: ReceivedRequest): string | undefined => req.headers['x-amz-security-token']?.[0];

/** The request re-signed by @smithy/signature-v4 with `secret` at the time it carries: true when the signatures agree. */
async function smithyAgrees(req: ReceivedRequest, secret: string): Promise<boolean> {
  const auth = req.headers.authorization?.[0] ?? '';
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)/.exec(auth);
  assert.ok(m !== null, auth);
  const [, accessKeyId, region, service, signedHeaders, signature] = m as unknown as string[];
  const headers: Record<string, string> = {};
  for (const name of (signedHeaders as string).split(';')) headers[name] = req.headers[name]?.[0] ?? '';
  const amzDate = headers['x-amz-date'] as string;
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const url = new URL(req.url, 'http://stub');
  const token = tokenOf(req);
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId as string, secretAccessKey: secret, ...(token !== undefined ? { sessionToken: token } : {}) },
    region: region as string, service: service as string, sha256: Sha256,
  });
  const signed = await signer.sign(new HttpRequest({
    method: req.method, hostname: headers.host ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: req.body,
  }), { signingDate });
  return String(signed.headers.authorization).endsWith(`Signature=${signature}`);
}

describe('the forced refresh after an expired-token 403', () => {
  test('a provider that refreshes ONE credentials object in place: the retry is signed with the new secret', async () => {
    const holder: AwsCredentialIdentity = { accessKeyId: 'AKIDONE', secretAccessKey: 'secret-one-xxxx', sessionToken: 'tok-one' };
    let calls = 0;
    const provider = async (): Promise<AwsCredentialIdentity> => {
      calls += 1;
      if (calls > 1) Object.assign(holder, { accessKeyId: 'AKIDTWO', secretAccessKey: 'secret-two-yyyy', sessionToken: 'tok-two' });
      return holder;
    };
    stub.reply = (req) => (tokenOf(req) === 'tok-one' ? EXPIRED : {});
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider }, retry: { retries: 0 } });
    try {
      assert.equal((await client.search({ index: 'x' })).statusCode, 200);
      assert.deepEqual(stub.received.map(tokenOf), ['tok-one', 'tok-two']);
      assert.equal(await smithyAgrees(stub.received[0] as ReceivedRequest, 'secret-one-xxxx'), true);
      assert.equal(await smithyAgrees(stub.received[1] as ReceivedRequest, 'secret-two-yyyy'), true, 'signed with the secret the object holds now');
    } finally {
      await client.close();
    }
  });

  test('the provider is asked with { forceRefresh: true } (and without it on the first call)', async () => {
    const asked: unknown[] = [];
    let n = 0;
    const provider = async (options?: { forceRefresh?: boolean }): Promise<AwsCredentialIdentity> => {
      asked.push(options);
      n += 1;
      return { accessKeyId: `AKID${n}`, secretAccessKey: `secret-${n}`, sessionToken: `tok-${n}` };
    };
    stub.reply = (req) => (tokenOf(req) === 'tok-1' ? EXPIRED : {});
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: provider } });
    try {
      await client.search({ index: 'x' });
      assert.deepEqual(asked, [{ forceRefresh: false }, { forceRefresh: true }]);
    } finally {
      await client.close();
    }
  });

  for (const how of ['abort()', 'retry.maxElapsedMs'] as const) {
    test(`${how} ends a forced refresh that waits for a provider that does not answer`, async () => {
      let calls = 0;
      const provider = async (): Promise<AwsCredentialIdentity> => {
        calls += 1;
        if (calls === 1) return { accessKeyId: 'AKIDFIRST', secretAccessKey: 'secret-first', sessionToken: 'tok-first' };
        return new Promise<AwsCredentialIdentity>(() => undefined);
      };
      stub.reply = () => EXPIRED;
      const client = createClient({
        node: stub.url, requestTimeoutMs: 20_000,
        auth: { mode: 'iam', region: 'us-east-1', credentials: provider },
        retry: { retries: 0, maxElapsedMs: how === 'abort()' ? 60_000 : 400 },
      });
      try {
        const started = Date.now();
        const call = client.search({ index: 'x' });
        if (how === 'abort()') setTimeout(() => call.abort(), 300);
        const error = await call.then(() => undefined, (e: unknown) => e);
        const took = Date.now() - started;
        assert.ok(how === 'abort()' ? error instanceof errors.RequestAbortedError : error instanceof errors.TimeoutError, String(error));
        assert.ok(took < 5_000, `ended after ${took} ms, not at the provider timeout (20 s)`);
        assert.equal(calls, 2);
      } finally {
        await client.close();
      }
    });
  }
});

describe('the AWS SDK default chain (a container-credentials endpoint on loopback)', () => {
  let served = 0;
  const endpoint = http.createServer((_req, res) => {
    served += 1;
    const n = served === 1 ? 'A' : 'B';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ AccessKeyId: `ASIAROT${n}`, SecretAccessKey: `rot-secret-${n}`, Token: `rot-token-${n}`, Expiration: new Date(Date.now() + 3_600_000).toISOString() }));
  });
  before(async () => {
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    const none = path.join(os.tmpdir(), 'fgac-no-aws-config');
    Object.assign(process.env, {
      AWS_CONFIG_FILE: none, AWS_SHARED_CREDENTIALS_FILE: none, AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${(endpoint.address() as { port: number }).port}/creds`,
    });
  });
  after(() => new Promise<void>((resolve) => endpoint.close(() => resolve())));

  test('after the server refuses the token as expired, the chain is asked anew and the retry carries the new token', async () => {
    stub.reply = (req) => (tokenOf(req) === 'rot-token-A' ? EXPIRED : {});
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1' } });
    try {
      assert.equal((await client.search({ index: 'x' })).statusCode, 200);
      assert.deepEqual(stub.received.map(tokenOf), ['rot-token-A', 'rot-token-B']);
      assert.equal(served, 2);
      await client.search({ index: 'x' });
      assert.equal(tokenOf(stub.received[2] as ReceivedRequest), 'rot-token-B');
    } finally {
      await client.close();
    }
  });

  test('credentials the SDK resolved (with its `$source` metadata) are accepted as static credentials', async () => {
    stub.reply = () => ({});
    const resolved = { accessKeyId: 'AKIDSDK', secretAccessKey: 'secret-sdk', sessionToken: 'tok-sdk', $source: { CREDENTIALS_ENV_VARS: 'g' } };
    const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: resolved } });
    try {
      await client.search({ index: 'x' });
      assert.equal(tokenOf(stub.received[0] as ReceivedRequest), 'tok-sdk');
    } finally {
      await client.close();
    }
  });
});

test('a query pair without a name (`?=v`) is not sent, so the signature covers exactly what is sent (@smithy re-signs it)', async () => {
  stub.reply = () => ({});
  const client = createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDQ', secretAccessKey: 'secret-q', sessionToken: 'tok-q' } } });
  try {
    for (const path of ['/x/_search?=v', '/x/_search?a=1&=v', '/x/_search?=']) await client.transport.request({ method: 'GET', path });
    assert.deepEqual(stub.received.map((r) => r.url), ['/x/_search', '/x/_search?a=1', '/x/_search']);
    for (const req of stub.received) assert.equal(await smithyAgrees(req, 'secret-q'), true, req.url);
  } finally {
    await client.close();
  }
});

test('nodes that name two regions (or es and aoss) are refused: one client signs for one scope', () => {
  assert.throws(() => createClient({
    node: ['https://search-a.us-east-1.es.amazonaws.com', 'https://search-b.eu-west-1.es.amazonaws.com'],
    auth: { mode: 'iam', credentials: { accessKeyId: 'AKIDQ', secretAccessKey: 'secret-q' } },
  }), (e: unknown) => e instanceof ConfigError && e.option === 'node[1]');
  assert.throws(() => createClient({
    node: ['https://search-a.us-east-1.es.amazonaws.com', 'https://abc.us-east-1.aoss.amazonaws.com'],
    auth: { mode: 'iam', credentials: { accessKeyId: 'AKIDQ', secretAccessKey: 'secret-q' } },
  }), (e: unknown) => e instanceof ConfigError && e.option === 'node[1]');
  assert.ok(createClient({
    node: ['https://search-a.us-east-1.es.amazonaws.com', 'https://search-b.us-east-1.es.amazonaws.com'],
    auth: { mode: 'iam', credentials: { accessKeyId: 'AKIDQ', secretAccessKey: 'secret-q' } },
  }));
});

test("a dual-stack domain endpoint (*.aos.<region>.on.aws) names its region; a trailing dot does not hide it", () => {
  const creds = { accessKeyId: 'AKIDQ', secretAccessKey: 'secret-q' };
  for (const node of ['https://search-d.aos.eu-west-1.on.aws', 'https://vpc-d.aos.eu-west-1.on.aws', 'https://search-d.eu-west-1.es.amazonaws.com.']) {
    assert.equal(authStrategyOf(createClient({ node, auth: { mode: 'iam', credentials: creds } })) !== undefined, true, node);
    assert.throws(() => createClient({ node, auth: { mode: 'iam', region: 'us-east-1', credentials: creds } }),
      (e: unknown) => e instanceof ConfigError && e.option === 'auth.region' && /eu-west-1/.test(e.message), node);
  }
});
