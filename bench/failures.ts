/**
 * Benchmark (f): what failures cost, against the raw client given the same answers. A loopback server in its own
 * process answers every request with a failure; this process measures its own CPU time (process.cpuUsage) per
 * scenario, ours and the raw client's alternating within each round; ratio = median of the per-round ratios (lower
 * is better; 1.00x: a failure costs what it costs the raw client).
 *
 * - ingest() vs helpers.bulk, 5 000 records that all fail: each with its own item error (a mapping error naming its
 *   document), and all with one same error (a strict mapping); no retries on either side.
 * - a 5 MB NDJSON bulk body refused with a 400.
 * - search answered 500 with 20 000 root causes (a 1.4 MB error body).
 * - 200 searches each refused 403 `security_exception` (the fixed cost of a typed error).
 *
 *   npx tsx bench/failures.ts             (needs `npm run build`)
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Client } from '@opensearch-project/opensearch';
import { emit, isMain, loadPackageAsNode, median, num, ratio, rangeOf, type BenchResult, type Row } from './lib.js';

const ROUNDS = Number(process.env.BENCH_FAILURE_ROUNDS ?? 7);
const RECORDS = 5_000;
const PASSWORD = 'Bench-Failure-Pw-81';

/** The server: every bulk item fails (in index `same` all with one error), `/big` 400, `/rc` 500 with many root causes, else 403. */
const SERVER = `
const http = require('node:http');
const rc = JSON.stringify({ error: { root_cause: Array.from({ length: 20000 }, (_, i) => ({ type: 'query_shard_exception', reason: 'failed to create query for shard ' + i, index: 'idx-' + (i % 50) })), type: 'search_phase_execution_exception', reason: 'all shards failed' }, status: 500 });
const denied = JSON.stringify({ error: { root_cause: [{ type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=bench, backend_roles=[], requestedTenant=null]' }], type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=bench, backend_roles=[], requestedTenant=null]' }, status: 403 });
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.url.startsWith('/_bulk')) {
      const lines = Buffer.concat(chunks).toString('utf8').split('\\n');
      const items = [];
      for (let i = 0; i + 1 < lines.length; i += 2) {
        const action = JSON.parse(lines[i]); const kind = Object.keys(action)[0]; const id = action[kind]._id;
        const error = action[kind]._index === 'same' ? { type: 'strict_dynamic_mapping_exception', reason: 'mapping set to strict, dynamic introduction of [extra] within [_doc] is not allowed' }
          : { type: 'mapper_parsing_exception', reason: "failed to parse field [n] of type [integer] in document with id '" + id + "'. Preview of field's value: 'x" + id + "'" };
        items.push({ [kind]: { _index: action[kind]._index, _id: id, status: 400, error } });
      }
      return res.end(JSON.stringify({ took: 1, errors: true, items }));
    }
    if (req.url.startsWith('/big')) { res.statusCode = 400; return res.end('{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"bad"}],"type":"illegal_argument_exception","reason":"bad"},"status":400}'); }
    if (req.url.startsWith('/rc')) { res.statusCode = 500; return res.end(rc); }
    res.statusCode = 403; res.end(denied);
  });
}).listen(0, '127.0.0.1', function () { process.stdout.write('port=' + this.address().port + '\\n'); });
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
`;

async function startServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^port=(\d+)$/.exec(line);
      if (m !== null) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.stdin.end() };
}

/** CPU ms of this process while `run` runs. */
async function cpuOf(run: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Runs the benchmark and returns its rows. */
export async function runBench(): Promise<BenchResult> {
  const started = Date.now();
  const pkg = await loadPackageAsNode();
  const server = await startServer();
  const ours = pkg.createClient({ node: server.url, auth: { mode: 'basic', username: 'bench', password: PASSWORD }, allowInsecureTls: true, retry: { retries: 0 } } as Parameters<typeof pkg.createClient>[0]);
  const raw = new Client({ node: server.url, auth: { username: 'bench', password: PASSWORD }, maxRetries: 0 });
  const docs = Array.from({ length: RECORDS }, (_, i) => ({ id: `d${i}`, n: i }));
  const bigBody = Array.from({ length: 60_000 }, (_, i) => `{"index":{"_index":"x","_id":"d${i}"}}\n{"n":${i},"text":"some text of document ${i}"}\n`).join('');
  const swallow = (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, () => undefined);
  const ingestAll = (index: string) => (): Promise<unknown> =>
    pkg.ingest(ours, docs.map((d) => ({ index, id: d.id, document: d })), { retries: 0, maxBatchCount: 1000, concurrency: 1 });
  // flushBytes: 1000 documents of this size per request, as ingest() sends
  const bulkAll = (index: string) => (): Promise<unknown> => raw.helpers.bulk({
    datasource: docs, onDocument: (d: { id: string }) => ({ index: { _index: index, _id: d.id } }), retries: 0, concurrency: 1, flushBytes: 60_000,
    onDrop: () => undefined,
  });
  const request = (client: Client, method: string, path: string, body?: string) => (): Promise<unknown> =>
    swallow(client.transport.request({ method, path, ...(body !== undefined ? { body } : {}) }));
  const scenarios: Array<{ label: string; ours: () => Promise<unknown>; raw: () => Promise<unknown> }> = [
    { label: `ingest() vs helpers.bulk, ${RECORDS} records each failing with its own item error`, ours: ingestAll('x'), raw: bulkAll('x') },
    { label: `ingest() vs helpers.bulk, ${RECORDS} records failing with one same item error`, ours: ingestAll('same'), raw: bulkAll('same') },
    { label: `a ${(bigBody.length / 1e6).toFixed(1)} MB bulk body refused 400`, ours: request(ours, 'POST', '/big/_bulk', bigBody), raw: request(raw, 'POST', '/big/_bulk', bigBody) },
    { label: 'a search answered 500 with 20 000 root causes', ours: request(ours, 'GET', '/rc/_search'), raw: request(raw, 'GET', '/rc/_search') },
    {
      label: '200 searches refused 403 security_exception',
      ours: async () => { for (let i = 0; i < 200; i++) await request(ours, 'GET', '/denied/_search')(); },
      raw: async () => { for (let i = 0; i < 200; i++) await request(raw, 'GET', '/denied/_search')(); },
    },
  ];
  const rows: Row[] = [];
  try {
    for (const s of scenarios) {
      await s.ours();
      await s.raw();
      const oursMs: number[] = [];
      const rawMs: number[] = [];
      const ratios: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const first = r % 2 === 0;
        const a = first ? await cpuOf(s.ours) : 0;
        const b = await cpuOf(s.raw);
        const c = first ? a : await cpuOf(s.ours);
        oursMs.push(c);
        rawMs.push(b);
        ratios.push(c / b);
      }
      rows.push({ group: 'failures, client CPU', variant: s.label, value: `${num(median(oursMs), 1)} ms`, spread: rangeOf(oursMs, 1, ' ms'), ratio: ratio(median(ratios)), baseline: `raw client ${num(median(rawMs), 1)} ms` });
    }
  } finally {
    await Promise.all([ours.close(), raw.close()]);
    server.stop();
  }
  return {
    name: 'failures',
    rows,
    notes: [`failures: a loopback server in its own process answers every request with a failure; CPU time of the client process per scenario, ours and the raw client alternating, ${ROUNDS} rounds after one warm-up each; ratio = median of per-round ratios (ours / raw, lower is better). Both sides send the same requests (ingest() and helpers.bulk 1000 documents per request, no retries).`],
    elapsedMs: Date.now() - started,
  };
}

if (isMain(import.meta.url)) {
  emit(await runBench());
}
