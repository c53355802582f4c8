/**
 * Drop-in fidelity of createClient against the raw opensearch-js Client: the same calls against one loopback stub,
 * each test asserting what the raw client does (an event listener gets an asStream body as the stream; a result's
 * meta.request.options are the caller's; a timeout is not reported aborted; an error's meta.attempts counts the
 * retries), and one documented difference (iam percent-encodes a path the other modes refuse).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/index.js';

let url = '';
let busy = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url?.startsWith('/busy')) {
      busy++;
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":{"root_cause":[{"type":"x","reason":"busy"}],"type":"x","reason":"busy"},"status":503}');
      return;
    }
    if (req.url?.startsWith('/slow')) {
      setTimeout(() => { if (!res.destroyed) { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); } }, 2000);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const clients = (): Array<[string, Client]> => [
  ['raw', new Client({ node: url })],
  ['none', createClient({ node: url, auth: { mode: 'none' } })],
];

test('a response listener of an asStream call gets the body stream, as with the raw client', async () => {
  for (const [who, c] of clients()) {
    let seen: unknown;
    c.on('response', (_e, r) => { seen = r?.body; });
    const res = await c.search({ index: 'i' }, { asStream: true });
    (res.body as unknown as NodeJS.ReadableStream).resume();
    assert.equal(typeof (seen as { pipe?: unknown } | undefined)?.pipe, 'function', `${who}: event body is a ${typeof seen}`);
    assert.equal(seen, res.body, `${who}: the very stream the caller gets`);
    await c.close();
  }
});

test('meta.request.options of a success is what the caller passed (maxRetries, requestTimeout)', async () => {
  for (const [who, c] of clients()) {
    const options = { maxRetries: 1, requestTimeout: '2s' };
    const res = await c.search({ index: 'i' }, options);
    assert.deepEqual(res.meta.request.options, options, who);
    await c.close();
  }
});

test('a TimeoutError of requestTimeout is not reported as aborted in meta (raw: aborted false)', async () => {
  for (const [who, c] of clients()) {
    const err = await c.transport.request({ method: 'GET', path: '/slow' }, { requestTimeout: 100, maxRetries: 0 }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof errors.TimeoutError, who);
    assert.equal((err as { meta: { meta: { aborted: boolean } } }).meta.meta.aborted, false, who);
    await c.close();
  }
});

test('iam percent-encodes a transport.request path with a space or a non-Latin-1 character (none and basic refuse it, README)', async () => {
  const c = createClient({ node: url, auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } } });
  const outcome = await c.transport.request({ method: 'GET', path: '/\u4e2d b/_search' }).then((r) => r.statusCode, (e: unknown) => e);
  await c.close();
  assert.equal(outcome, 200);
  const plain = createClient({ node: url, auth: { mode: 'none' } });
  const refused = await plain.transport.request({ method: 'GET', path: '/\u4e2d b/_search' }).then(() => undefined, (e: unknown) => e);
  await plain.close();
  assert.ok(refused instanceof TypeError, String(refused));
});

test('an error after retries counts them in meta.meta.attempts, as the raw client does', async () => {
  const raw = new Client({ node: url, maxRetries: 2 });
  busy = 0;
  const rawError = await raw.transport.request({ method: 'GET', path: '/busy' }).then(() => undefined, (e: unknown) => e) as errors.ResponseError;
  await raw.close();
  assert.equal(busy, 3);
  const ours = createClient({ node: url, auth: { mode: 'none' }, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } });
  busy = 0;
  const ourError = await ours.transport.request({ method: 'GET', path: '/busy' }).then(() => undefined, (e: unknown) => e) as errors.ResponseError;
  await ours.close();
  assert.equal(busy, 3);
  assert.equal(ourError.meta.meta.attempts, rawError.meta.meta.attempts);
  assert.equal(ourError.meta.meta.attempts, 2);
});
