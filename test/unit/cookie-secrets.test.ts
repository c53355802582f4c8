/**
 * A cookie header's values are secrets when they are credentials (a session-like cookie name, or a token-length
 * value), not preferences: `theme=dark; consent=true` made every `dark` and `true` of an error text `[REDACTED]`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/index.js';
import { headerSecretsOf } from '../../src/client/connection.js';
import { secretHeaderValues } from '../../src/client/options.js';

const SESSION = 'Fe26.2**a1b2c3d4e5f6';

test('preference cookies are no secrets; session cookies and token-length values are', () => {
  const headers = { cookie: `consent=true; theme=dark; lang=en-US; sid=abcd1234; JSESSIONID=x9y8z7w6; prefs=${'v'.repeat(20)}; security_authentication=${SESSION}` };
  for (const secrets of [secretHeaderValues(headers), headerSecretsOf(headers)]) {
    for (const plain of ['true', 'dark', 'en-US']) assert.ok(!secrets.includes(plain), `${plain} is no secret`);
    for (const secret of ['abcd1234', 'x9y8z7w6', 'v'.repeat(20), SESSION]) assert.ok(secrets.includes(secret), `${secret} is a secret`);
  }
});

test("an error text quoting a word that is also a preference cookie's value keeps it", async () => {
  const server = http.createServer((req, res) => {
    const body = JSON.stringify({ error: { type: 'illegal_argument_exception', reason: 'field [dark] of index [orders] must be true or false; the value is true' }, status: 400 });
    res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createClient({ node: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: { mode: 'none' }, clientOptions: { headers: { cookie: `consent=true; theme=dark; sid=${SESSION}` } } });
  try {
    const error = await client.search({ index: 'orders' }).then(() => undefined, (e: unknown) => e);
    const reason = JSON.stringify((error as { meta?: { body?: unknown } }).meta?.body);
    assert.match(reason, /field \[dark\] of index \[orders\] must be true or false; the value is true/);
  } finally {
    await client.close();
    server.close();
  }
});
