/**
 * A held secret that is part of a key name (`password`, `pass`, `secret`, `token` as a client's
 * password) never hides that key's value: by-key and by-value redaction both judge the text as given.
 * Checked on redactText, on errors and successful results of a client (a loopback stub that echoes
 * the request body), after SecurityApi adds a refused weak password to the client's secrets, and on
 * the CLI printer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Printer } from '../../src/cli/output.js';
import { createClient } from '../../src/client/create-client.js';
import { redactText } from '../../src/errors/redact.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { SecurityApi } from '../../src/security/index.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

/** Values the SDK knows only by their key, each under a key that contains a common-word password. */
const BY_KEY = { password: 'Alice-New-Pw-42', client_secret: 'Other-Client-Secret-77', api_token: 'Api-Token-Value-9931', passwd: 'Passwd-Value-5510' };
const KEY_WORDS = ['password', 'pass', 'word', 'secret', 'token', 'passwd'];

function setOf(...values: string[]): SecretSet {
  const set = new SecretSet();
  for (const value of values) set.add(value);
  return set;
}

function assertNoValue(text: string, context: string): void {
  for (const value of Object.values(BY_KEY)) assert.ok(!text.includes(value), `${context}: ${value} in ${text.slice(0, 300)}`);
}

describe('redactText: a secret inside a key name', () => {
  const json = JSON.stringify(BY_KEY);
  const shapes: Record<string, string> = {
    json,
    'escaped json': JSON.stringify(json),
    'header lines': Object.entries(BY_KEY).map(([k, v]) => `${k}: ${v}`).join('\n'),
    'key=value': Object.entries(BY_KEY).map(([k, v]) => `${k}=${v}`).join('&'),
    'patch ops': JSON.stringify(Object.entries(BY_KEY).map(([k, v]) => ({ op: 'add', path: `/alice/${k}`, value: v }))),
    'escaped patch ops': JSON.stringify(JSON.stringify(Object.entries(BY_KEY).map(([k, v]) => ({ op: 'add', path: `/${k}`, value: v })))),
  };

  test('every shape keeps its values out, whatever common word the client password is', () => {
    for (const word of KEY_WORDS) {
      for (const [shape, text] of Object.entries(shapes)) assertNoValue(redactText(text, setOf(word)), `${word} / ${shape}`);
    }
  });

  test('several sets at once (as the CLI passes them) and a secret that spans a key and its value', () => {
    assertNoValue(redactText(json, [setOf('Xy7-strong-pw'), setOf('secret'), setOf('token')]), 'sets');
    const spanning = '{"password":"Alice-New-Pw-42"}';
    assert.equal(redactText(spanning, setOf('word":"Alice')), '{"pass[REDACTED]"}');
  });

  test('the key name is still redacted where the secret occurs in it; a value found by key and by value is one marker', () => {
    assert.equal(redactText('{"password":"Alice-New-Pw-42"}', setOf('password')), '{"[REDACTED]":"[REDACTED]"}');
    assert.equal(redactText('{"client_secret":"v-1234"} v-1234', setOf('v-1234')), '{"client_secret":"[REDACTED]"} [REDACTED]');
  });
});

describe('a client whose password is a common word', () => {
  let stub: RecordingStub;
  before(async () => {
    stub = await startRecordingStub();
  });
  after(() => stub.close());

  test('a 400 echoing the request body: the values of secret keys stay out of the error', async () => {
    stub.reply = (req) => ({ status: 400, body: { error: { type: 'illegal_argument_exception', reason: `cannot parse request body ${req.body.toString()}` }, status: 400 } });
    for (const word of KEY_WORDS) {
      const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'dev', password: word }, retry: { retries: 0 } });
      try {
        const error = await client.transport.request({ method: 'PUT', path: '/_plugins/_security/api/internalusers/alice', body: BY_KEY }).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof Error, `${word}: refused`);
        const reason = String((error as { meta?: { body?: { error?: { reason?: unknown } } } }).meta?.body?.error?.reason);
        assert.match(reason, /^cannot parse request body /, 'the echo is there');
        assertNoValue([error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })].join('\n'), word);
      } finally {
        await client.close();
      }
    }
  });

  test("a successful call's meta.request: a setting password, an api token and a client secret stay redacted", async () => {
    stub.reply = () => ({ body: { acknowledged: true } });
    for (const word of ['password', 'secret', 'token']) {
      const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'dev', password: word }, retry: { retries: 0 } });
      try {
        const settings = { 'plugins.alerting.destination.smtp.default.password': BY_KEY.password, 'x.api_token': BY_KEY.api_token, 'x.client_secret': BY_KEY.client_secret };
        const res = await client.cluster.putSettings({ body: { persistent: settings } });
        assert.equal(res.statusCode, 200);
        assertNoValue(inspect(res.meta, { depth: Infinity }), word);
      } finally {
        await client.close();
      }
    }
  });

  test("SecurityApi adding a refused weak password 'password' does not switch off by-key redaction for the client", async () => {
    stub.reply = (req) => (req.method === 'GET'
      ? { status: 404, body: { status: 'NOT_FOUND', message: 'not found' } }
      : { status: 400, body: { status: 'error', reason: `Weak password; request was ${req.body.toString()}` } });
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'admin', password: 'Adm1n-Strong-77x' }, retry: { retries: 0 } });
    try {
      const api = new SecurityApi(client, { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 1 });
      await assert.rejects(api.users.put('weak_user', { password: 'password' }));
      assert.ok(stub.received.some((r) => r.method === 'PUT' && r.url.endsWith('/internalusers/weak_user')), 'the weak password was sent');
      stub.reply = (req) => ({ status: 400, body: { error: { type: 'illegal_argument_exception', reason: `bad setting in ${req.body.toString()}` }, status: 400 } });
      const error = await client.cluster.putSettings({ body: { persistent: { 'rvi.destination.smtp.password': BY_KEY.password } } }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof Error);
      assertNoValue([error.message, JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })].join('\n'), 'after users.put');
    } finally {
      await client.close();
    }
  });
});

test('the CLI printer: a held common-word secret does not let the value of its key through', () => {
  for (const word of KEY_WORDS) {
    const printer = new Printer({ json: false, secrets: setOf(word), clientSecrets: () => [setOf('token')] });
    assertNoValue(printer.clean(`request body ${JSON.stringify(BY_KEY)}`), `printer / ${word}`);
    assertNoValue(printer.clean(Object.entries(BY_KEY).map(([k, v]) => `${k}=${v}`).join(' ')), `printer k=v / ${word}`);
  }
});
