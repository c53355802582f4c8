/**
 * Redaction by value when many writes are in flight at once. The client's secret set is bounded (it evicts what a
 * long-lived process no longer needs), so passwords of writes still waiting for their answer may be pushed out of it
 * by later writes' passwords (each call adds its password when it starts). Each answer must still be redacted of its
 * own request's password: a loopback stub refuses half of the writes with a body echoing the password and accepts the
 * other half with a message echoing it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { inspect } from 'node:util';
import { SecurityApi } from '../../src/security/index.js';
import { loopbackClient } from '../support/loopback-client.js';

/** Well past the set's bounds (8192 forms; a password adds several encoded forms): the first ones are evicted. */
const WRITES = 3000;
/** The plugin's longest password. */
const PASSWORD_LENGTH = 100;

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString()));
  req.on('end', () => {
    const password = (JSON.parse(raw === '' ? '{}' : raw) as { password?: string }).password ?? '';
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('/accepted-') === true) {
      res.statusCode = 201;
      res.end(JSON.stringify({ status: 'CREATED', message: `stored ${password}` }));
    } else {
      res.statusCode = 400;
      res.end(JSON.stringify({ status: 'error', reason: `Refused ${password}` }));
    }
  });
});
const client = loopbackClient(server);

test(`${WRITES} writes in flight with distinct ${PASSWORD_LENGTH}-character passwords: no answer shows its own`, async () => {
  const api = new SecurityApi(client(), { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 1 });
  const passwords = Array.from({ length: WRITES }, () => `Pw1!${randomBytes(PASSWORD_LENGTH).toString('base64url')}`.slice(0, PASSWORD_LENGTH));
  const settled = await Promise.allSettled(passwords.map((password, i) => api.users.put(`${i % 2 === 0 ? 'accepted' : 'refused'}-${i}`, { password })));
  let refused = 0;
  let accepted = 0;
  settled.forEach((outcome, i) => {
    const shown = outcome.status === 'fulfilled' ? outcome.value : outcome.reason;
    if (outcome.status === 'fulfilled') accepted++;
    else refused++;
    const texts = [inspect(shown, { depth: Infinity }), JSON.stringify(shown) ?? ''];
    if (shown instanceof Error) texts.push(shown.message, String(shown.stack));
    // a prefix long enough that it cannot be there by chance
    const probe = (passwords[i] as string).slice(0, 48);
    for (const text of texts) assert.ok(!text.includes(probe), `write ${i} (${outcome.status}) shows its password`);
    assert.match(texts.join('\n'), /\[REDACTED\]/, `write ${i}: the echo was there, redacted`);
  });
  assert.equal(accepted, WRITES / 2);
  assert.equal(refused, WRITES / 2);
});
