/**
 * clientOptions.headers and a child's headers follow the same rule as a call's own headers (options.ts setByMode):
 * refused are only the headers the auth mode sets on every request (`authorization` in every mode but none, the SigV4
 * signer's x-amz-date / -content-sha256 / -security-token in iam and cognito). Before stop 55 they refused every
 * `x-amz-*` header in basic too ("auth mode basic sets this header", which it does not), and in iam a header such as
 * `x-amz-meta-trace` that the signer signs when a call gives it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, createClient } from '../../src/index.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
before(async () => { stub = await startRecordingStub(); });
after(async () => { await stub.close(); });

const MODES = {
  basic: { mode: 'basic', username: 'u', password: 'ch55-Password!' },
  iam: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDCH55EXAMPLE', secretAccessKey: 'ch55-secret-access-key' } },
  none: { mode: 'none' },
} as const;

function client(auth: (typeof MODES)[keyof typeof MODES], headers: Record<string, string>) {
  return createClient({ node: stub.url, auth, allowInsecureHttp: true, retry: { retries: 0 }, clientOptions: { headers } } as never);
}

describe('client-level headers against the auth mode', () => {
  test("basic: an x-amz-* header is the caller's own and goes out; authorization is still refused", async () => {
    const c = client(MODES.basic, { 'x-amz-date': '20200101T000000Z', 'X-Amz-Meta-Note': 'n' });
    stub.received.length = 0;
    await c.search({ index: 'a', body: {} });
    const [r] = stub.received;
    assert.equal(r?.headers['x-amz-date']?.[0], '20200101T000000Z');
    assert.equal(r?.headers['x-amz-meta-note']?.[0], 'n');
    assert.match(String(r?.headers.authorization?.[0]), /^Basic /);
    const child = c.child({ headers: { 'x-amz-meta-child': 'c' } });
    await child.search({ index: 'a', body: {} });
    assert.equal(stub.received[1]?.headers['x-amz-meta-child']?.[0], 'c');
    await c.close();
    assert.throws(() => client(MODES.basic, { Authorization: 'Basic eHg6eXk=' }), (e: unknown) => e instanceof ConfigError && e.option === 'clientOptions.headers.Authorization');
  });

  test('iam: another x-amz-* header is signed; the signer\'s own headers and authorization are refused by name', async () => {
    const c = client(MODES.iam, { 'x-amz-meta-trace': 't1' });
    stub.received.length = 0;
    await c.search({ index: 'a', body: {} });
    const [r] = stub.received;
    assert.equal(r?.headers['x-amz-meta-trace']?.[0], 't1');
    assert.match(String(r?.headers.authorization?.[0]), /^AWS4-HMAC-SHA256 .*SignedHeaders=[^,]*x-amz-meta-trace/);
    assert.throws(() => c.child({ headers: { 'X-Amz-Date': '20200101T000000Z' } }), (e: unknown) => e instanceof ConfigError && e.option === 'child.headers.X-Amz-Date');
    await c.close();
    for (const name of ['x-amz-security-token', 'X-Amz-Content-Sha256', 'authorization']) {
      assert.throws(() => client(MODES.iam, { [name]: 'v' }), (e: unknown) => e instanceof ConfigError && e.option === `clientOptions.headers.${name}` && /auth mode "iam" sets this header/.test(e.message));
    }
  });

  test('none: every header goes out as given', async () => {
    const c = client(MODES.none, { authorization: 'Bearer ch55-token', 'x-amz-date': '20200101T000000Z' });
    stub.received.length = 0;
    await c.search({ index: 'a', body: {} });
    assert.equal(stub.received[0]?.headers.authorization?.[0], 'Bearer ch55-token');
    assert.equal(stub.received[0]?.headers['x-amz-date']?.[0], '20200101T000000Z');
    await c.close();
  });
});
