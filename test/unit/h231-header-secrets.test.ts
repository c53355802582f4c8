/**
 * The secrets INSIDE a secret-named header are the client's secrets too (h228 finding): the token after an auth scheme,
 * a Basic credential's decoded `user:password` and password, each cookie's value. One home (header-secrets.ts) serves
 * the client's secret set (options.ts) and the wire secrets of an attempt (connection.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import util from 'node:util';
import type { AddressInfo } from 'node:net';
import { createClient, validateOptions } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';
import { headerSecretsOf } from '../../src/client/connection.js';
import { secretHeaderValues } from '../../src/client/options.js';

const TOKEN = 'T0kenValue99-h231';
const PW = 'Hand-Wr1tten-Pw-h231';
const basic = (user: string, pw: string): string => 'Basic ' + Buffer.from(`${user}:${pw}`).toString('base64');

/** Every way a user can see an error. */
function shown(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, util.inspect(e, { depth: 8 }), JSON.stringify(e), String(e.cause ?? '')].join('\n');
}

const HEADERS: [string, string, string][] = [
  ['authorization', `Bearer ${TOKEN}`, TOKEN],
  ['Authorization', `ApiKey ${TOKEN}`, TOKEN],
  ['proxy-authorization', `Bearer ${TOKEN}`, TOKEN],
  ['authorization', basic('admin', PW), PW],
  ['authorization', basic('admin', PW), `admin:${PW}`],
  ['cookie', `sid=${TOKEN}`, TOKEN],
  ['cookie', `theme=dark; sid=${TOKEN}; lang=en`, TOKEN],
  ['cookie', `sid="${TOKEN}"`, TOKEN],
];

test('a ConfigError quoting the secret inside a secret-named header shows none of it (createClient and validateOptions)', () => {
  for (const [name, value, secret] of HEADERS) {
    const options = { node: 'https://h.example', auth: { mode: 'none' }, tenant: `${secret} `, clientOptions: { headers: { [name]: value } } } as never;
    for (const call of [() => createClient(options), () => validateOptions(options)]) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof ConfigError, `${name}: refused`);
      assert.equal((caught as ConfigError).option, 'tenant');
      assert.ok(!shown(caught).includes(secret), `${name}: ${value} -> ${(caught as Error).message}`);
    }
  }
});

test('a server echoing the secret inside a secret-named header (client or child header) is redacted', async (t) => {
  let echo = '';
  const srv = http.createServer((req, res) => {
    req.resume();
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `unknown session ${echo}` }));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  t.after(() => srv.close());
  const node = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  for (const [name, value, secret] of HEADERS) {
    echo = secret;
    const client = createClient({ node, auth: { mode: 'none' }, retry: { retries: 0 }, clientOptions: { headers: { [name]: value } } } as never);
    const bare = createClient({ node, auth: { mode: 'none' }, retry: { retries: 0 } } as never);
    const child = bare.child({ headers: { [name]: value } });
    for (const [label, c] of [['client', client], ['child', child]] as const) {
      const error = await c.transport.request({ method: 'GET', path: '/' }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof Error, `${label} ${name}: refused`);
      assert.equal(error.constructor.name, 'ForbiddenError');
      assert.ok(!shown(error).includes(secret), `${label} ${name}: ${value} -> ${error.message}`);
      assert.match(error.message, /unknown session \[REDACTED\]/);
    }
    await client.close();
    await bare.close();
  }
});

test("the client's secret set and an attempt's wire secrets hold the same secrets of a header", () => {
  for (const [name, value, secret] of HEADERS) {
    const headers = { [name]: value };
    assert.ok(secretHeaderValues(headers).includes(secret), `client set: ${name} ${value}`);
    assert.ok(headerSecretsOf(headers).includes(secret), `wire: ${name} ${value}`);
  }
  // a set-cookie's attributes are no secret; its value is
  const set = headerSecretsOf({ 'set-cookie': `sid=${TOKEN}; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT` });
  assert.ok(set.includes(TOKEN));
  assert.ok(!set.some((s) => s.startsWith('Wed')));
  // a name that says nothing of a secret keeps its value
  assert.deepEqual(headerSecretsOf({ 'x-trace': `Bearer ${TOKEN}` }), []);
});
