/**
 * validateOptions calls an agent factory as createClient's build does, but never destroys what it returns: a factory
 * handing out a shared keep-alive agent (`agent: () => shared`) must not lose a live client's request in flight
 * (review 213: `socket hang up`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createClient } from '../../src/client/create-client.js';
import { validateOptions } from '../../src/client/options.js';

test('validateOptions with a shared-agent factory leaves a live request of that agent alone', async () => {
  const server = http.createServer((_req, res) => {
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    }, 300);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  const shared = new http.Agent({ keepAlive: true });
  const options = { node: `http://localhost:${port}`, auth: { mode: 'basic' as const, username: 'u', password: 'CorrectHorse9' }, retry: { retries: 0 }, clientOptions: { agent: () => shared } };
  const client = createClient(options);
  try {
    const inFlight = client.transport.request({ method: 'GET', path: '/' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    validateOptions(options);
    assert.equal((await inFlight).statusCode, 200);
  } finally {
    await client.close();
    shared.destroy();
    server.close();
  }
});
