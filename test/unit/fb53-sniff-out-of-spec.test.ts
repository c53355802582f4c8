/**
 * A sniff answer out of spec (a 200 whose `nodes` is missing, not an object, or holds no node opensearch-js can
 * read) is a failed sniff: the 'sniff' event and the sniff callback get the error, nothing escapes as an
 * unhandled rejection or uncaught exception, and the pool keeps its connections (later calls still reach the
 * node). A well-formed answer still replaces the pool. A throwing callback of transport.request surfaces as
 * opensearch-js's does (an uncaught exception), not as an unhandled rejection. Loopback stubs.
 */
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { startRawStub, type RawStub } from '../support/raw-stub.js';

const OUT_OF_SPEC = [
  '{}',
  'null',
  '[]',
  '"nodes"',
  '{"nodes":null}',
  '{"nodes":[]}',
  '{"nodes":{}}',
  '{"nodes":{"x":{}}}',
  '{"nodes":{"x":null}}',
  '{"nodes":{"x":{"http":null}}}',
  '{"nodes":{"x":{"http":{"publish_address":5},"roles":["data"]}}}',
  '{"nodes":{"x":{"http":{"publish_address":"127.0.0.1:9200"}}}}',
  '{"nodes":{"x":{"http":{"publish_address":"host/no-port"},"roles":["data"]}}}',
  '{"nodes":{"x":{"http":{"publish_address":"file:///etc/passwd"},"roles":["data"]}}}',
  // another protocol than the one the sniff went over (opensearch-js takes an address starting with "http" as a URL)
  '{"nodes":{"x":{"http":{"publish_address":"https:127.0.0.1:9200"},"roles":["data"]}}}',
];

let stub: RawStub;
let sniffBody = '{}';
let escaped: unknown[] = [];
const onEscape = (e: unknown): void => void escaped.push(e);

before(async () => {
  stub = await startRawStub((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url.startsWith('/_nodes') ? sniffBody : '{"ok":true}');
  });
});
after(() => stub.close());
beforeEach(() => {
  escaped = [];
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
});
afterEach(() => {
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
});

type SniffingClient = ReturnType<typeof createClient> & {
  on(event: 'sniff', listener: (err: unknown, result: { meta?: { sniff?: { hosts?: unknown[]; reason?: string } } }) => void): unknown;
  transport: { sniff(cb: (err: unknown, hosts?: unknown[]) => void): void };
  connectionPool: { connections: Array<{ url: URL }> };
};

/** The 'sniff' event of the next sniff (the one started on start or by `start`). */
function nextSniff(client: SniffingClient): Promise<{ err: unknown; reason: string | undefined; hosts: unknown[] | undefined }> {
  return new Promise((resolve) => {
    client.on('sniff', (err, result) => resolve({ err, reason: result?.meta?.sniff?.reason, hosts: result?.meta?.sniff?.hosts }));
  });
}

async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

for (const body of OUT_OF_SPEC) {
  test(`sniffOnStart answered ${body}: a sniff error, the pool kept, nothing escapes`, async () => {
    sniffBody = body;
    for (const how of ['clientOptions', 'child'] as const) {
      const parent = createClient({ node: stub.url, auth: { mode: 'none' }, ...(how === 'clientOptions' ? { clientOptions: { sniffOnStart: true } } : {}) });
      const client = (how === 'child' ? (parent as unknown as { child(o: object): SniffingClient }).child({ sniffOnStart: true }) : parent) as SniffingClient;
      try {
        const seen = await nextSniff(client);
        await settle();
        assert.ok(seen.err instanceof errors.DeserializationError, `${how}: ${String(seen.err)}`);
        assert.match((seen.err as Error).message, /sniff answer .* names no node with a usable http\.publish_address/);
        assert.equal(seen.reason, 'sniff-on-start');
        assert.deepEqual(seen.hosts, []);
        assert.deepEqual(escaped, [], `${how}: nothing escapes`);
        assert.equal(client.connectionPool.connections.length, 1, `${how}: the pool keeps its node`);
        assert.deepEqual(await client.info().then((r) => r.body), { ok: true }, `${how}: later calls still reach the node`);
      } finally {
        await parent.close();
      }
    }
  });
}

test('transport.sniff(callback) on an answer without a usable node: the callback gets the error, the pool is unchanged', async () => {
  sniffBody = '{"nodes":{"a":{},"b":{"roles":["data"]}}}';
  const client = createClient({ node: stub.url, auth: { mode: 'none' } }) as SniffingClient;
  try {
    const before = client.connectionPool.connections.map((c) => c.url.href);
    const failure = await new Promise<unknown>((resolve) => client.transport.sniff((err) => resolve(err)));
    assert.ok(failure instanceof errors.DeserializationError, String(failure));
    assert.deepEqual(client.connectionPool.connections.map((c) => c.url.href), before);
    await settle();
    assert.deepEqual(escaped, []);
  } finally {
    await client.close();
  }
});

test('a node opensearch-js cannot read is skipped; the usable ones replace the pool, as a well-formed answer does', async () => {
  const port = new URL(stub.url).port;
  sniffBody = JSON.stringify({
    nodes: {
      good: { http: { publish_address: `localhost/127.0.0.1:${port}` }, roles: ['data', 'ingest'] },
      bad: { http: { publish_address: 7 }, roles: ['data'] },
      norole: { http: { publish_address: `127.0.0.2:${port}` } },
    },
  });
  const client = createClient({ node: stub.url, auth: { mode: 'none' } }) as SniffingClient;
  try {
    const sniffed = nextSniff(client);
    const hosts = await new Promise<unknown[] | undefined>((resolve, reject) => client.transport.sniff((err, h) => (err ? reject(err as Error) : resolve(h))));
    assert.equal(hosts?.length, 1);
    assert.equal((await sniffed).err, null);
    assert.deepEqual(client.connectionPool.connections.map((c) => c.url.href), [`http://localhost:${port}/`]);
    assert.deepEqual(await client.info().then((r) => r.body), { ok: true });
    await settle();
    assert.deepEqual(escaped, []);
  } finally {
    await client.close();
  }
});

test('a callback of transport.request that throws surfaces as an uncaught exception (as opensearch-js), not an unhandled rejection', async () => {
  // in a child process: the test runner treats either as a failure of the test that runs it
  const create = new URL('../../src/client/create-client.ts', import.meta.url).href;
  const script = `
    const { createClient } = await import(${JSON.stringify(create)});
    const seen = [];
    process.on('unhandledRejection', (e) => seen.push('rejection:' + e.message));
    process.on('uncaughtException', (e) => seen.push('uncaught:' + e.message));
    const client = createClient({ node: ${JSON.stringify(stub.url)}, auth: { mode: 'none' } });
    await new Promise((resolve) => client.transport.request({ method: 'GET', path: '/' }, {}, () => { setTimeout(resolve, 50); throw new Error('callback threw'); }));
    await client.close();
    console.log(JSON.stringify(seen));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, err);
  assert.deepEqual(JSON.parse(out.trim()), ['uncaught:callback threw']);
});
