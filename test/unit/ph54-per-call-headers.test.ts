/**
 * A call's own `headers` (its second argument) are held to the rule clientOptions.headers and a child's headers follow:
 * in a mode that authenticates, `authorization` and `x-amz-*` are refused with a ConfigError naming
 * `options.headers.<name>`, before anything is sent. Before, basic and iam silently replaced the caller's
 * authorization, and iam sent a caller's x-amz-security-token unsigned beside its own signature.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ConfigError, createClient } from '../../src/index.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';
import { configRefusal } from '../support/settle.js';

let stub: RecordingStub;
before(async () => { stub = await startRecordingStub(); });
after(async () => { await stub.close(); });

const CREDENTIALS = { accessKeyId: 'AKIDPH54EXAMPLE', secretAccessKey: 'ph54-secret-access-key' };
const VALUE = 'Basic cGg1NC1wZXItY2FsbC1zZWNyZXQ=';
const MODES = {
  basic: { mode: 'basic', username: 'u', password: 'ph54-Password!' },
  iam: { mode: 'iam', region: 'us-east-1', credentials: CREDENTIALS },
} as const;

function client(auth: (typeof MODES)[keyof typeof MODES] | { mode: 'none' }, tenant?: string) {
  return createClient({ node: stub.url, auth, allowInsecureHttp: true, retry: { retries: 0 }, ...(tenant !== undefined ? { tenant } : {}) } as never);
}

const refusal = configRefusal;

describe('per-call headers against the auth mode', () => {
  const OWN = { basic: ['authorization', 'Authorization'], iam: ['authorization', 'Authorization', 'x-amz-security-token', 'X-Amz-Date', 'x-amz-content-sha256'] };
  for (const [name, auth] of Object.entries(MODES)) {
    for (const header of OWN[name as keyof typeof OWN]) {
      test(`${name}: a call's ${header} is refused by name, nothing sent, its value never shown`, async () => {
        const c = client(auth);
        const before = stub.received.length;
        const e = await refusal(c.search({ index: 'a', body: {} }, { headers: { [header]: VALUE } }));
        assert.equal(e.option, `options.headers.${header}`);
        assert.match(e.message, new RegExp(`auth mode "${name}" sets this header on every request`));
        for (const shown of [e.message, e.stack ?? '', inspect(e, { depth: 5 }), JSON.stringify(e)]) assert.ok(!shown.includes(VALUE) && !shown.includes('cGg1NC'), 'the value is not shown');
        assert.equal(stub.received.length, before, 'nothing was sent');
        await c.close();
      });
    }
    test(`${name}: the callback style gets the same ConfigError; transport.request and a child's call too`, async () => {
      const c = client(auth);
      const viaCallback = await new Promise<unknown>((resolve) => {
        c.search({ index: 'a', body: {} }, { headers: { Authorization: VALUE } }, (err) => resolve(err));
      });
      assert.ok(viaCallback instanceof ConfigError && viaCallback.option === 'options.headers.Authorization');
      const raw = await refusal(c.transport.request({ method: 'GET', path: '/' }, { headers: { AUTHORIZATION: VALUE } }));
      assert.equal(raw.option, 'options.headers.AUTHORIZATION');
      const child = c.child({ headers: { 'x-app': 'ok' } });
      assert.equal((await refusal(child.info({}, { headers: { authorization: VALUE } }))).option, 'options.headers.authorization');
      await c.close();
    });
  }

  test('other per-call headers still go out, and a call may pick another tenant than the client\'s', async () => {
    const c = client(MODES.basic, 'tenant-a');
    stub.received.length = 0;
    await c.search({ index: 'a', body: {} }, { headers: { 'x-app': 'one', securitytenant: 'tenant-b' } });
    await c.search({ index: 'a', body: {} });
    const [first, second] = stub.received;
    assert.equal(first?.headers['x-app']?.[0], 'one');
    assert.equal(first?.headers.securitytenant?.[0], 'tenant-b');
    assert.equal(second?.headers.securitytenant?.[0], 'tenant-a');
    assert.match(String(first?.headers.authorization?.[0]), /^Basic /);
    await c.close();
  });

  test('headers the mode does not set go out: x-amz-* in basic, x-amz-meta-* signed in iam, an undefined authorization replaced', async () => {
    const basic = client(MODES.basic);
    const iam = client(MODES.iam);
    stub.received.length = 0;
    await basic.search({ index: 'a', body: {} }, { headers: { 'x-amz-date': '20200101T000000Z', 'x-amz-meta-note': 'n' } });
    await iam.search({ index: 'a', body: {} }, { headers: { 'x-amz-meta-trace': 't1', authorization: undefined as unknown as string } });
    const [b, i] = stub.received;
    assert.equal(b?.headers['x-amz-date']?.[0], '20200101T000000Z');
    assert.equal(b?.headers['x-amz-meta-note']?.[0], 'n');
    assert.match(String(b?.headers.authorization?.[0]), /^Basic /);
    assert.equal(i?.headers['x-amz-meta-trace']?.[0], 't1');
    assert.match(String(i?.headers.authorization?.[0]), /^AWS4-HMAC-SHA256 .*SignedHeaders=[^,]*x-amz-meta-trace/);
    await Promise.all([basic.close(), iam.close()]);
  });

  test('a header the object\'s own prototype holds is refused; one a polluted Object.prototype holds is no header of the caller\'s', async () => {
    const c = client(MODES.iam);
    const inherited = Object.create({ 'x-amz-date': '20200101T000000Z' }) as Record<string, string>;
    assert.equal((await refusal(c.info({}, { headers: inherited }))).option, 'options.headers.x-amz-date');
    const proto = Object.prototype as Record<string, unknown>;
    proto.authorization = 'Basic cG9sbHV0ZWQ=';
    try {
      stub.received.length = 0;
      await c.info({}, { headers: { 'x-app': 'a' } });
      assert.equal(stub.received.length, 1);
      assert.match(String(stub.received[0]?.headers.authorization?.[0]), /^AWS4-HMAC-SHA256 /);
    } finally {
      delete proto.authorization;
    }
    await c.close();
  });

  test('mode none sets no credentials: a call\'s own authorization and x-amz-* go out unchanged', async () => {
    const c = client({ mode: 'none' });
    stub.received.length = 0;
    await c.search({ index: 'a', body: {} }, { headers: { authorization: VALUE, 'x-amz-date': '20200101T000000Z' } });
    assert.equal(stub.received[0]?.headers.authorization?.[0], VALUE);
    assert.equal(stub.received[0]?.headers['x-amz-date']?.[0], '20200101T000000Z');
    await c.close();
  });
});
