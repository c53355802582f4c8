/**
 * The Lambda lifecycle and connection reuse, against loopback servers (real sockets; transport behaviour only).
 *
 * A Lambda process is frozen between invocations; meanwhile the server (or a load balancer) closes the idle
 * keep-alive socket. The freeze is simulated by blocking the event loop (Atomics.wait) while the server runs in
 * another process: on "thaw" the next request is handed the stale socket before Node has read the server's FIN/RST,
 * as when the invocation's event and the FIN are delivered in one poll. A socket found reset when the request is
 * written (`write ECONNRESET`) never carried the request: it is sent again whatever the method (it was a typed
 * ConnectionError for POST _doc, scripted updates and client.bulk before). Also: writes whose connection died after
 * the server read them are never repeated, nothing keeps the event loop alive, a long-lived signal collects no
 * listeners, and servers that close or cut sockets never make a record lost, duplicated or misreported.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { getEventListeners } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { Client, errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { ingest } from '../../src/ingest/ingest.js';
import { deadlineSignal } from '../../src/ingest/deadline.js';

// ---------------------------------------------------------------------------------------------
// A server in another process (it keeps running while this process is "frozen")

const CHILD_SERVER = `
const http = require('node:http');
let seen = 0, processed = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/__count') { res.setHeader('connection', 'close'); res.end(JSON.stringify({ seen, processed })); return; }
  if (req.url !== '/') seen++;
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url !== '/') processed++;
    res.setHeader('content-type', 'application/json');
    if (req.url.includes('_bulk')) {
      const lines = body.trim().split('\\n'); const items = [];
      for (let i = 0; i < lines.length; i += 2) { const a = JSON.parse(lines[i]); const k = Object.keys(a)[0];
        items.push({ [k]: { _index: a[k]._index, _id: a[k]._id || 'g' + i, status: 201, result: 'created' } }); }
      res.end(JSON.stringify({ took: 1, errors: false, items }));
    } else if (req.url.includes('_search')) res.end('{"hits":{"hits":[]}}');
    else res.end('{"_index":"i","_id":"x","result":"created"}');
  });
});
server.keepAliveTimeout = 60000;
// an idle keep-alive socket is closed 100 ms after its last answer (a load balancer's idle timeout); RST or FIN
server.on('request', (req, res) => res.on('finish', () => { const s = req.socket; clearTimeout(s.t);
  s.t = setTimeout(() => (process.env.LL_RST ? s.resetAndDestroy() : s.destroy()), 100); }));
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function childServer(rst: boolean): Promise<{ url: string; child: ChildProcess; count(): Promise<{ seen: number; processed: number }> }> {
  const child = spawn(process.execPath, ['-e', CHILD_SERVER], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LL_RST: rst ? '1' : '' } });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  const url = `http://127.0.0.1:${port}`;
  const count = () => new Promise<{ seen: number; processed: number }>((resolve, reject) => {
    http.get(`${url}/__count`, { agent: false }, (res) => {
      let b = '';
      res.on('data', (c) => (b += c));
      res.on('end', () => resolve(JSON.parse(b)));
    }).on('error', reject);
  });
  return { url, child, count };
}

/** The Lambda is frozen: nothing of this process runs (timers, I/O) for `ms`. */
const freeze = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

type Op = 'POST _search' | 'PUT _doc/id' | 'POST _doc' | 'POST _update script' | 'client.bulk';
function send(client: Client, op: Op): Promise<unknown> {
  switch (op) {
    case 'POST _search': return client.search({ index: 'i', body: { query: { match_all: {} } } });
    case 'PUT _doc/id': return client.index({ index: 'i', id: 'x', body: { a: 1 } });
    case 'POST _doc': return client.index({ index: 'i', body: { a: 1 } });
    case 'POST _update script': return client.update({ index: 'i', id: 'x', body: { script: { source: 'ctx._source.n += 1' } } });
    case 'client.bulk': return client.bulk({ body: [{ index: { _index: 'i' } }, { a: 1 }] });
  }
}

async function afterFreeze(which: 'sdk' | 'raw', op: Op, rst: boolean): Promise<{ seen: number; processed: number; error?: unknown }> {
  const server = await childServer(rst);
  const client = which === 'sdk'
    ? createClient({ node: server.url, auth: { mode: 'none' }, retry: { minDelayMs: 1, maxDelayMs: 5 } })
    : new Client({ node: server.url, maxRetries: 3 });
  try {
    await client.transport.request({ method: 'GET', path: '/' }); // the previous invocation: a keep-alive socket stays in the pool
    await new Promise((resolve) => setTimeout(resolve, 5));
    freeze(400); // between invocations; the server closes the idle socket after 100 ms
    let error: unknown;
    try {
      await send(client, op); // the next invocation's first request, sent at once
    } catch (e) {
      error = e;
    }
    return { ...(await server.count()), ...(error !== undefined ? { error } : {}) };
  } finally {
    await client.close();
    server.child.kill();
  }
}

const LIVE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.url.startsWith('/stall')) return;
    if (req.url.startsWith('/own503')) { res.statusCode = 503; return res.end('{"error":{"type":"x","reason":"busy"},"status":503}'); }
    if (req.url.startsWith('/404')) { res.statusCode = 404; return res.end('{"error":{"type":"resource_not_found_exception","reason":"n"},"status":404}'); }
    res.end('{"ok":true}');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

const UNSAFE: Op[] = ['POST _doc', 'POST _update script', 'client.bulk'];

describe('stale keep-alive socket after a freeze', () => {
  test('stale socket reset while frozen: a non-idempotent write that never left is sent again', async () => {
    const failures: string[] = [];
    for (const op of UNSAFE) {
      const raw = await afterFreeze('raw', op, true);
      const sdk = await afterFreeze('sdk', op, true);
      // raw opensearch-js re-sends: the server gets it once (the first send never reached it)
      assert.deepEqual([raw.seen, raw.processed, raw.error], [1, 1, undefined], `raw ${op}`);
      if (sdk.error !== undefined || sdk.processed !== 1) failures.push(`${op}: server processed ${sdk.processed}, sdk ${sdk.error instanceof Error ? `${sdk.error.name}: ${sdk.error.message}` : 'ok'}`);
    }
    assert.deepEqual(failures, [], 'the write syscall failed (nothing left): safe to send again for any method');
  });

  test('stale socket closed (FIN) while frozen: idempotent requests are re-sent once; non-idempotent ones are never duplicated and fail typed', async () => {
    for (const op of ['POST _search', 'PUT _doc/id'] as Op[]) {
      const sdk = await afterFreeze('sdk', op, false);
      assert.deepEqual([sdk.processed, sdk.error], [1, undefined], op);
    }
    for (const op of UNSAFE) {
      const sdk = await afterFreeze('sdk', op, false);
      assert.ok(sdk.processed <= 1, `${op} processed ${sdk.processed}`);
      if (sdk.error !== undefined) assert.ok(sdk.error instanceof errors.ConnectionError, `${op}: ${String(sdk.error)}`);
    }
  });

  test('ingest after a freeze: the stale socket costs one more bulk, every record indexed once', async () => {
    for (const rst of [true, false]) {
      const server = await childServer(rst);
      const client = createClient({ node: server.url, auth: { mode: 'none' } });
      await client.transport.request({ method: 'GET', path: '/' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      freeze(400);
      const report = await ingest(client, [{ index: 'i', document: { a: 1 } }, { index: 'i', id: 'k', document: { b: 1 } }], { minDelayMs: 1, maxDelayMs: 5 });
      const { processed } = await server.count();
      await client.close();
      server.child.kill();
      assert.deepEqual(report.outcomes.map((o) => o.status), ['indexed', 'indexed']);
      assert.ok(processed === 1, `rst=${rst}: the server applied ${processed} bulks`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// In-process loopback servers

let seen = new Map<string, number>();
let answered = new Map<string, number>();
let behaviour: 'reset-after-body' | 'fin-after-3' | 'truncate-every-3rd' | 'long-cl-every-3rd' | 'ok' = 'ok';
const perSocket = new WeakMap<Socket, number>();
let generated = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    const tag = String(req.headers['x-tag'] ?? req.url);
    seen.set(tag, (seen.get(tag) ?? 0) + 1);
    let out: string;
    if (req.url!.includes('_bulk')) {
      const lines = body.trim().split('\n');
      const items = [];
      for (let i = 0; i < lines.length; i += 2) {
        const a = JSON.parse(lines[i]!) as Record<string, { _index: string; _id?: string }>;
        const k = Object.keys(a)[0]!;
        const id = a[k]!._id ?? `srv${generated++}`;
        seen.set(`doc:${id}`, (seen.get(`doc:${id}`) ?? 0) + 1);
        items.push({ [k]: { _index: a[k]!._index, _id: id, status: 201, result: 'created' } });
      }
      out = JSON.stringify({ took: 1, errors: false, items });
    } else out = JSON.stringify({ _index: 'i', _id: 'x', result: 'created', pad: 'p'.repeat(200) });
    res.setHeader('content-type', 'application/json');
    const third = n % 3 === 0;
    if (behaviour === 'reset-after-body' && req.url !== '/') return void req.socket.resetAndDestroy();
    if (third && behaviour === 'truncate-every-3rd') {
      res.setHeader('content-length', Buffer.byteLength(out));
      res.write(out.slice(0, out.length >> 1));
      return void setImmediate(() => req.socket.destroy());
    }
    if (third && behaviour === 'long-cl-every-3rd') {
      res.setHeader('content-length', Buffer.byteLength(out) + 10);
      res.write(out);
      return void setTimeout(() => req.socket.destroy(), 20);
    }
    answered.set(tag, (answered.get(tag) ?? 0) + 1);
    res.end(out);
    // keep-alive max without `Connection: close`: the socket is closed right after the 3rd answer
    if (third && behaviour === 'fin-after-3') res.on('finish', () => req.socket.end());
  });
});
let url = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  server.closeAllConnections();
});

describe('connection lost after the server read the whole request', () => {
  test('unsafe writes are sent once (raw opensearch-js sends them twice); reads and PUT by id are re-sent', async () => {
    const ops: Array<[Op, boolean]> = [['POST _search', true], ['PUT _doc/id', true], ['POST _doc', false], ['POST _update script', false], ['client.bulk', false]];
    for (const [op, safe] of ops) {
      for (const which of ['sdk', 'raw'] as const) {
        seen = new Map();
        behaviour = 'ok';
        const client = which === 'sdk' ? createClient({ node: url, auth: { mode: 'none' }, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } }) : new Client({ node: url, maxRetries: 1 });
        await client.transport.request({ method: 'GET', path: '/' });
        behaviour = 'reset-after-body';
        let error: unknown;
        try {
          await send(client, op);
        } catch (e) {
          error = e;
        }
        await client.close();
        const sends = [...seen.entries()].filter(([k]) => k !== '/' && !k.startsWith('doc:')).reduce((a, [, v]) => a + v, 0);
        if (which === 'raw') assert.equal(sends, 2, `raw ${op} re-sends`);
        else {
          assert.equal(sends, safe ? 2 : 1, `sdk ${op}`);
          assert.ok(error instanceof errors.ConnectionError, `sdk ${op}: ${String(error)}`);
        }
      }
    }
    behaviour = 'ok';
  });

  test('ingest with retries 0: every record failed, kind transport, retryable (may have been applied)', async () => {
    behaviour = 'reset-after-body';
    const client = createClient({ node: url, auth: { mode: 'none' } });
    const report = await ingest(client, [{ index: 'i', document: {} }, { index: 'i', id: 'a', document: {} }, { index: 'i', action: 'delete', id: 'b' }], { retries: 0 });
    await client.close();
    behaviour = 'ok';
    assert.deepEqual(report.outcomes.map((o) => (o.status === 'failed' ? [o.kind, o.retryable] : o.status)), [['transport', true], ['transport', true], ['transport', true]]);
  });
});

describe('many concurrent calls while the server closes or cuts sockets', () => {
  for (const mode of ['fin-after-3', 'truncate-every-3rd', 'long-cl-every-3rd'] as const) {
    test(`${mode}: no duplicate of an unsafe write, no success without an answer, typed errors; ingest one outcome per record`, async () => {
      behaviour = mode;
      seen = new Map();
      answered = new Map();
      const client = createClient({ node: url, auth: { mode: 'none' }, requestTimeoutMs: 5000, retry: { minDelayMs: 1, maxDelayMs: 10 } });
      const ops = ['POST _search', 'PUT _doc/id', 'POST _doc', 'POST _update script', 'client.bulk'] as const;
      const problems: string[] = [];
      await Promise.all(Array.from({ length: 250 }, async (_, i) => {
        const op = ops[i % ops.length]!;
        const tag = `${op}#${i}`;
        const o = { headers: { 'x-tag': tag } };
        try {
          if (op === 'POST _search') await client.search({ index: 'i', body: {} }, o);
          if (op === 'PUT _doc/id') await client.index({ index: 'i', id: `d${i}`, body: { i } }, o);
          if (op === 'POST _doc') await client.index({ index: 'i', body: { i } }, o);
          if (op === 'POST _update script') await client.update({ index: 'i', id: `d${i}`, body: { script: { source: 'ctx._source.n++' } } }, o);
          if (op === 'client.bulk') await client.bulk({ body: [{ index: { _index: 'i' } }, { i }] }, o);
          if ((answered.get(tag) ?? 0) === 0) problems.push(`${tag}: success without a full answer`);
        } catch (e) {
          if (!(e instanceof errors.ConnectionError || e instanceof errors.TimeoutError)) problems.push(`${tag}: untyped ${String(e)}`);
        }
        if (!op.startsWith('POST _search') && !op.startsWith('PUT') && (seen.get(tag) ?? 0) > 1) problems.push(`${tag}: applied ${seen.get(tag)} times`);
      }));
      seen = new Map();
      const records = Array.from({ length: 600 }, (_, i) => ({ index: 'i', document: { i }, ...(i % 2 ? { id: `r${i}` } : {}) }));
      const report = await ingest(client, records, { maxBatchCount: 10, concurrency: 8, minDelayMs: 1, maxDelayMs: 5 });
      await client.close();
      behaviour = 'ok';
      assert.equal(report.outcomes.length, records.length);
      assert.equal(report.stats.indexed + report.stats.failed, records.length);
      for (const o of report.outcomes) {
        if (o.status === 'indexed') assert.ok((seen.get(`doc:${o.id}`) ?? 0) >= 1, `${o.id} indexed but never received`);
        else assert.ok(o.kind === 'transport' && o.retryable, JSON.stringify(o));
      }
      assert.deepEqual(problems, []);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Event-loop liveness and a long-lived signal

describe('what stays behind', () => {
  test('no active handle or timer after success, error, abort, timeout, back-off abandoned, close()', async () => {
    // the server runs in another process: every handle of this one counted here is the client's
    const child = spawn(process.execPath, ['-e', LIVE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    child.stdout!.destroy();
    const node = `http://127.0.0.1:${port}`;
    const tick = async (): Promise<void> => { for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve)); };
    const counts = (): Record<string, number> => {
      const m: Record<string, number> = {};
      for (const r of process.getActiveResourcesInfo()) m[r] = (m[r] ?? 0) + 1;
      return m;
    };
    await tick();
    const base = counts();
    const grown = (): string[] => Object.entries(counts()).filter(([k, v]) => v > (base[k] ?? 0)).map(([k, v]) => `${k}+${v - (base[k] ?? 0)}`);
    const ctl = new AbortController();
    const client = createClient({ node, auth: { mode: 'basic', username: 'u', password: 'Passw0rd-xyz-1' }, requestTimeoutMs: 300, retry: { minDelayMs: 5000, maxDelayMs: 10_000, signal: ctl.signal } });
    const left: Record<string, string[]> = {};
    const step = async (name: string, run: () => Promise<unknown>): Promise<void> => {
      await run().catch(() => undefined);
      await tick();
      left[name] = grown();
    };
    await step('success', () => client.transport.request({ method: 'GET', path: '/ok' }));
    await step('404', () => client.transport.request({ method: 'GET', path: '/404' }));
    await step('timeout', () => client.transport.request({ method: 'POST', path: '/stall/_doc', body: {} }));
    await step('abort in flight', () => { const p = client.transport.request({ method: 'GET', path: '/stall' }); setTimeout(() => p.abort(), 50); return p; });
    await step('abort in back-off', () => { const p = client.transport.request({ method: 'GET', path: '/own503' }); setTimeout(() => p.abort(), 100); return p; });
    await step('close in back-off', () => { const p = client.transport.request({ method: 'GET', path: '/own503' }); setTimeout(() => void client.close(), 100); return p; });
    await step('after close', () => client.transport.request({ method: 'GET', path: '/ok' }));
    child.kill();
    assert.deepEqual(left, { success: [], '404': [], timeout: [], 'abort in flight': [], 'abort in back-off': [], 'close in back-off': [], 'after close': [] });
  });

  test('one long-lived signal over 10 000 requests and ingest runs: one listener at most while busy, none after, no warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    behaviour = 'ok';
    const life = new AbortController();
    const client = createClient({ node: url, auth: { mode: 'none' }, retry: { signal: life.signal } });
    const context = { getRemainingTimeInMillis: () => 900_000 };
    let most = 0;
    for (let i = 0; i < 10_000; i++) {
      const p = client.transport.request({ method: 'GET', path: '/x' });
      most = Math.max(most, getEventListeners(life.signal, 'abort').length);
      await p;
      if (i % 4 === 0) await ingest(client, [{ index: 'i', id: `a${i}`, document: { i } }], { signal: life.signal });
      if (i % 4 === 1) await ingest(client, [{ index: 'i', id: `b${i}`, document: { i } }], { signal: deadlineSignal(context, { signal: life.signal }) });
    }
    for (let i = 0; i < 5; i++) {
      (globalThis as { gc?: () => void }).gc?.();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.close();
    process.off('warning', onWarning);
    assert.equal(most, 1);
    assert.deepEqual(warnings, []);
    if ((globalThis as { gc?: unknown }).gc !== undefined) assert.equal(getEventListeners(life.signal, 'abort').length, 0);
  });

  test('an already-aborted signal: nothing is sent (client retry.signal, ingest signal, a deadline already passed)', async () => {
    seen = new Map();
    const dead = new AbortController();
    dead.abort(new Error('gone'));
    const client = createClient({ node: url, auth: { mode: 'none' }, retry: { signal: dead.signal } });
    await assert.rejects(client.transport.request({ method: 'GET', path: '/x' }));
    const plain = createClient({ node: url, auth: { mode: 'none' } });
    const r1 = await ingest(plain, [{ index: 'i', id: 'z', document: {} }], { signal: dead.signal });
    const r2 = await ingest(plain, [{ index: 'i', id: 'z', document: {} }], { signal: deadlineSignal({ getRemainingTimeInMillis: () => 500 }, { marginMs: 1000 }) });
    await client.close();
    await plain.close();
    assert.equal(seen.size, 0);
    assert.deepEqual([...r1.outcomes, ...r2.outcomes].map((o) => (o.status === 'failed' ? o.kind : o.status)), ['aborted', 'deadline']);
  });
});
