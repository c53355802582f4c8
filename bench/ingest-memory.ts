/**
 * Benchmark: memory of `ingest()` for 1 000 000 small records against a loopback `_bulk` stub that
 * answers every item with success (its own process, so its memory is not counted). Each variant
 * runs in a fresh Node process; RSS and heap are sampled every 10 ms during the call and the peak
 * above the process's RSS just before the call is reported, with the live heap (after a full GC
 * every 100 bulk responses), which is what the call really retains. Variants: an async generator with
 * `outcomes: 'none'` (stats only), `'failed'`, and the default `'all'` (one outcome object per
 * record is kept, so that one grows with the input), and an array of 1M records built up front.
 * Records: `{ index, id: 'd<i>', document: { n, text } }`, 1000 per request, concurrency 2.
 *
 *   npx tsx bench/ingest-memory.ts            (BENCH_MEM_RECORDS to change the count)
 *
 * The client and `ingest` are loaded from src/ through tsx (the same code as dist/, transpiled).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { emit, isMain, num, type BenchResult, type Row } from './lib.js';

const RECORDS = Number(process.env.BENCH_MEM_RECORDS ?? 1_000_000);
const VARIANTS = ['async-none', 'async-failed', 'async-all', 'array-all'] as const;
type Variant = (typeof VARIANTS)[number];
const SELF = fileURLToPath(import.meta.url);

/** The stub: answers each bulk request with one success item per action line, echoing `_id`. */
function serveStub(): void {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const lines = Buffer.concat(chunks).toString('utf8').split('\n');
      const items: string[] = [];
      for (let i = 0; i < lines.length; i += 2) {
        const line = lines[i];
        if (line === undefined || line === '') continue;
        const id = /"_id":("(?:[^"\\]|\\.)*")/.exec(line)?.[1] ?? '""';
        items.push(`{"index":{"_id":${id},"status":201,"result":"created"}}`);
      }
      const body = `{"took":1,"errors":false,"items":[${items.join(',')}]}`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`port=${(server.address() as AddressInfo).port}\n`));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

/** One measured run in this (fresh) process; prints a JSON line with the peaks. */
async function measure(variant: Variant, url: string): Promise<void> {
  const { Client } = await import('@opensearch-project/opensearch');
  const { ingest } = await import('../src/ingest/ingest.js');
  const client = new Client({ node: url, maxRetries: 0 });
  const record = (i: number) => ({ index: 'bench-mem', id: `d${i}`, document: { n: i, text: 'a small record' } });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);
  const t0 = performance.now();
  async function* stream() {
    for (let i = 0; i < RECORDS; i++) yield record(i);
  }
  const input = variant === 'array-all' ? Array.from({ length: RECORDS }, (_, i) => record(i)) : stream();
  const outcomes = variant === 'async-none' ? 'none' : variant === 'async-failed' ? 'failed' : 'all';
  // Live heap: after a full GC every 100 bulk responses (what is really retained, not garbage not yet collected).
  let liveHeap = 0;
  let responses = 0;
  const onProgress = (): void => {
    if (gc === undefined || ++responses % 100 !== 0) return;
    gc();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed - base.heapUsed);
  };
  const report = await ingest(client, input, { maxBatchCount: 1000, concurrency: 2, outcomes, onProgress });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const end = process.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  if (report.stats.indexed !== RECORDS) throw new Error(`${variant}: indexed ${report.stats.indexed}/${RECORDS}`);
  await client.close();
  process.stdout.write(`${JSON.stringify({ variant, baseRss: base.rss, peakRss, baseHeap: base.heapUsed, peakHeap, liveHeap, seconds, kept: report.outcomes.length })}\n`);
}

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').at(-1) ?? '') : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

/** Runs every variant and returns the rows. */
export async function runBench(): Promise<BenchResult> {
  const started = Date.now();
  const stub = spawn(process.execPath, ['--import', 'tsx', SELF, '--stub'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: stub.stdout }).on('line', (line) => {
      const m = /^port=(\d+)$/.exec(line);
      if (m !== null) resolve(Number(m[1]));
    });
    stub.once('exit', (code) => reject(new Error(`stub exited with ${code}`)));
  });
  const rows: Row[] = [];
  const mb = (bytes: number): string => `${num(bytes / 2 ** 20, 1)} MB`;
  try {
    for (const variant of VARIANTS) {
      const r = JSON.parse(await runChild(['--measure', variant, `http://127.0.0.1:${port}`])) as
        { baseRss: number; peakRss: number; baseHeap: number; peakHeap: number; liveHeap: number; seconds: number; kept: number };
      rows.push({
        group: `ingest memory, ${num(RECORDS)} records`,
        variant: `${variant} (${num(r.kept)} outcomes kept)`,
        value: `+${mb(r.peakRss - r.baseRss)} RSS`,
        spread: `live heap after GC +${mb(r.liveHeap)} (peak heap +${mb(r.peakHeap - r.baseHeap)}); RSS before ${mb(r.baseRss)}; ${num(RECORDS / r.seconds)} records/s`,
        ratio: '—',
        baseline: '',
      });
    }
  } finally {
    stub.stdin?.end();
  }
  return {
    name: 'ingest-memory',
    rows,
    notes: [`ingest-memory: ${num(RECORDS)} records of ~70 bytes of NDJSON each, 1000 per request, concurrency 2, loopback stub in its own process; peak RSS/heap above the value just before the call, sampled every 10 ms; each variant in a fresh process.`],
    elapsedMs: Date.now() - started,
  };
}

if (isMain(import.meta.url)) {
  const [mode, variant, url] = process.argv.slice(2);
  if (mode === '--stub') serveStub();
  else if (mode === '--measure') await measure(variant as Variant, url ?? '');
  else emit(await runBench());
}
