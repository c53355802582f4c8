/**
 * A SecurityApi call's argument secrets (the password given to users.ensure) are removed from a server's answer to a
 * read the call makes before any write carries them: the transport knows only the client's secrets and each write's
 * own, so a read's error echoing a path that holds the password showed it (options-hostile-fuzz seeds 33, 35, 39).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { inspect } from 'node:util';
import { SecurityApi } from '../../src/security/index.js';
import { loopbackClient } from '../support/loopback-client.js';

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.statusCode = 500;
    res.end(JSON.stringify({ error: { type: 'exception', reason: `cannot read ${decodeURIComponent(req.url ?? '')}` }, status: 500 }));
  });
});
const client = loopbackClient(server);

test('users.ensure: the read before the write is answered with an echo of its path, which holds the password', async () => {
  const password = 'Ensure-Pw-4k7q9z!x';
  const api = new SecurityApi(client(), { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 1 });
  const thrown = await api.users.ensure(`${password}-account`, { password, backend_roles: [] }).then(() => undefined, (e: unknown) => e);
  assert.ok(thrown instanceof Error, String(thrown));
  const texts = [thrown.message, String(thrown.stack), inspect(thrown, { depth: Infinity }), JSON.stringify(thrown)];
  for (const text of texts) assert.ok(!text.includes(password), text.slice(0, 300));
  assert.match(texts.join('\n'), /cannot read/);
});
