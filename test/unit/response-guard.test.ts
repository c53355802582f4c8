/**
 * Response bodies a hostile server can make too big: a streamed body longer than a string can be,
 * or a gzip bomb, used to throw inside opensearch-js's stream handler and end the process. Now the
 * attempt fails with a ConnectionError that is not retried; a corrupt compressed body is a
 * ConnectionError too; ordinary compressed answers still work.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync, deflateSync } from 'node:zlib';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { isRetryable } from '../../src/errors/guards.js';
import { guardResponse, MAX_BODY_LENGTH } from '../../src/client/response-guard.js';
import { loopbackUrl } from '../support/loopback-client.js';

let hits = 0;
const server = http.createServer((req, res) => {
  hits++;
  const mode = (req.url ?? '').split('/')[1];
  const json = { 'content-type': 'application/json' };
  if (mode === 'bomb') {
    // ~0.7 MB of gzip that inflates past the limit
    res.writeHead(200, { ...json, 'content-encoding': 'gzip' });
    res.end(gzipSync(Buffer.alloc(MAX_BODY_LENGTH + 16 * 1024 * 1024, 0x20), { level: 9 }));
  } else if (mode === 'corrupt') {
    res.writeHead(503, { ...json, 'content-encoding': 'gzip' });
    res.end('this is not gzip');
  } else if (mode === 'gzip' || mode === 'deflate') {
    res.writeHead(200, { ...json, 'content-encoding': mode });
    const body = Buffer.from(JSON.stringify({ hello: 'world' }));
    res.end(mode === 'gzip' ? gzipSync(body) : deflateSync(body));
  } else if (mode === 'chunked') {
    // no content-length: streamed until past the limit
    res.writeHead(200, json);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const write = (): void => {
      while (sent <= MAX_BODY_LENGTH) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      res.end();
    };
    res.on('close', () => (sent = Number.POSITIVE_INFINITY));
    write();
  } else if (mode === 'empty') {
    // no body, yet a content-encoding header (a HEAD answer, a 204 behind a compressing proxy)
    res.writeHead(req.method === 'HEAD' ? 200 : 204, { ...json, 'content-encoding': 'gzip' });
    res.end();
  } else if (mode === 'small-stream') {
    res.writeHead(200, json);
    res.end(Buffer.alloc(3 * 1024 * 1024, 0x20));
  } else {
    res.writeHead(200, json);
    res.end('{"ok":true}');
  }
});
const url = loopbackUrl(server);

describe('response bodies are bounded', () => {
  test('a gzip bomb fails the attempt with a ConnectionError, once, and the process carries on', { timeout: 120_000 }, async () => {
    const client = createClient({ node: url(), auth: { mode: 'none' } });
    hits = 0;
    await assert.rejects(client.transport.request({ method: 'GET', path: '/bomb' }), (e: unknown) => {
      assert.ok(e instanceof errors.ConnectionError, String(e));
      assert.match(e.message, /response body is longer than/);
      assert.equal(isRetryable(e), false);
      return true;
    });
    assert.equal(hits, 1, 'not retried: the same body would come again');
    assert.deepEqual((await client.transport.request({ method: 'GET', path: '/ok' })).body, { ok: true });
    await client.close();
  });

  test('a streamed body without a length fails the attempt at the bound, once', { timeout: 120_000 }, async () => {
    const client = createClient({ node: url(), auth: { mode: 'none' } });
    hits = 0;
    await assert.rejects(client.transport.request({ method: 'GET', path: '/chunked' }), (e: unknown) => e instanceof errors.ConnectionError && /longer than/.test(e.message));
    assert.equal(hits, 1);
    await client.close();
  });

  test('a corrupt compressed body is a ConnectionError, not a bare zlib Error', async () => {
    const client = createClient({ node: url(), auth: { mode: 'none' }, retry: { retries: 0 } });
    await assert.rejects(client.transport.request({ method: 'GET', path: '/corrupt' }), (e: unknown) => e instanceof errors.ConnectionError);
    await client.close();
  });

  test('an empty body under a content-encoding header is an empty body (opensearch-js alone fails it)', async () => {
    const client = createClient({ node: url(), auth: { mode: 'none' }, retry: { retries: 0 } });
    for (const method of ['HEAD', 'GET', 'DELETE']) {
      const res = await client.transport.request({ method, path: '/empty' });
      assert.ok(res.statusCode === 200 || res.statusCode === 204, method);
    }
    await client.close();
  });

  test('gzip and deflate answers are inflated as before', async () => {
    const client = createClient({ node: url(), auth: { mode: 'none' } });
    for (const mode of ['gzip', 'deflate']) {
      const res = await client.transport.request({ method: 'GET', path: `/${mode}` });
      assert.deepEqual(res.body, { hello: 'world' }, mode);
    }
    await client.close();
  });

  test('the bound itself, at a small limit: plain and streamed bodies over it fail, under it pass; asStream is untouched', async () => {
    const read = (path: string, limit: number, asStream = false): Promise<string> => new Promise((resolve, reject) => {
      const req = http.get(`${url()}${path}`, (response) => {
        guardResponse({ asStream }, (err, res) => {
          if (err !== null || res === null) return reject(err);
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('error', reject);
          res.on('end', () => resolve(body));
        }, limit)(null, response);
      });
      req.on('error', reject);
    });
    await assert.rejects(read('/small-stream', 1024 * 1024), /response body is longer than 1048576/);
    assert.equal((await read('/small-stream', 4 * 1024 * 1024)).length, 3 * 1024 * 1024);
    assert.equal((await read('/small-stream', 1024, true)).length, 3 * 1024 * 1024);
    assert.equal(await read('/gzip', 1024), '{"hello":"world"}');
  });
});
