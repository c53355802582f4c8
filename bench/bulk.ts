/**
 * Benchmark (d): bulk throughput against the REAL local domain (direct node, master user, basic
 * auth over HTTPS with the local CA): this package's `ingest()` vs the raw client's
 * `client.helpers.bulk`, same batch size (500 docs per request), same concurrency, same explicit
 * ids, 10 000 small fixed-size documents into a fresh scratch index `bench-bulk-*` per run
 * (1 shard, 0 replicas), deleted afterwards. Sixteen rounds of A B B A / B A A B, each side keeping
 * its faster run of the round; docs/s median and the median of per-round ratios, client CPU per
 * document. Settings are equal on both sides: 500 documents per request (helpers.bulk's flushBytes is exactly 500 documents' bytes
 * as it counts them, checked per request from its answers), concurrency 2, explicit ids, no refresh. Retries differ (helpers.bulk:
 * 3 per 429 item after a fixed 5 s, the client's 3 per request; ingest(): 5 per item after 200 ms+, none per request), so a run
 * that retried anything is an error, not a number.
 * Every run's index is counted afterwards (not timed): a run that did not index every document is
 * an error, not a number.
 *
 *   npm run domain:start && npx tsx bench/bulk.ts      (needs `npm run build`)
 */
import { readFileSync } from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../test/domain/connection.js';
import { emit, isMain, loadPackageAsNode, median, num, rangeOf, ratio, ratioSummary, undecided, type BenchResult, type Row } from './lib.js';

const DOCS = Number(process.env.BENCH_BULK_DOCS ?? 10_000);
const BATCH = 500;
const CONCURRENCY = 2;
/** Even, so that each side goes first equally often (ABBA / BAAB). */
const ROUNDS = Number(process.env.BENCH_BULK_ROUNDS ?? 16);
/** Rounds are added, four at a time (even: each side first equally often), up to this many while the target lies inside the median's 95% confidence interval. */
const MAX_ROUNDS = Math.max(ROUNDS, Number(process.env.BENCH_BULK_MAX_ROUNDS ?? 32));
const TARGET = 1.05;

interface Doc {
  id: string;
  seq: string;
  carrier: string;
  text: string;
  delayed: boolean;
}

/** Fixed-size documents, so that a byte threshold of 500 x one document's size is exactly 500 documents. */
function makeDocs(n: number, tag: string): Doc[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${String(i).padStart(7, '0')}`,
    seq: String(i).padStart(7, '0'),
    carrier: ['Logstash Airways', 'JetBeats Airways', 'Kibana Airlines A', 'OpenSearch Air AB'][i % 4] as string,
    text: 'small document for the bulk benchmark',
    delayed: false,
  }));
}

/** Runs the benchmark and returns its rows. */
export async function runBench(): Promise<BenchResult> {
  const started = Date.now();
  const pkg = await loadPackageAsNode();
  const conn = loadConnection();
  const ca = readFileSync(conn.caFile, 'utf8');
  const { username, password } = conn.users.master;
  const admin = new Client({ node: conn.opensearch.url, auth: { username, password }, ssl: { ca } });
  const raw = new Client({ node: conn.opensearch.url, auth: { username, password }, ssl: { ca } });
  const ours = pkg.createClient({ node: conn.opensearch.url, auth: { mode: 'basic', username, password }, ssl: { ca } });
  let rawBulkRequests = 0;
  /** Items per bulk answer of the raw client, in order: helpers.bulk must send BATCH documents per request, as ingest() does. */
  const rawBulkItems: number[] = [];
  raw.on('response', (_err, result) => {
    if (result?.meta.request.params.path === '/_bulk') {
      rawBulkRequests++;
      rawBulkItems.push(((result.body as { items?: unknown[] } | undefined)?.items ?? []).length);
    }
  });
  const created: string[] = [];
  const stamp = `${Date.now().toString(36)}-${process.pid}`;

  const freshIndex = async (label: string): Promise<string> => {
    const index = `bench-bulk-${stamp}-${created.length}-${label}`;
    created.push(index);
    await admin.indices.create({ index, body: { settings: { number_of_shards: 1, number_of_replicas: 0 } } });
    return index;
  };
  const checkCount = async (index: string, expected: number): Promise<void> => {
    await admin.indices.refresh({ index });
    const count = (await admin.count({ index })).body.count as number;
    if (count !== expected) throw new Error(`${index}: ${count} documents indexed, expected ${expected}`);
  };

  const runOurs = async (docs: Doc[]): Promise<{ seconds: number; requests: number; cpuUs: number }> => {
    const index = await freshIndex('ingest');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await pkg.ingest(ours, docs.map((d) => ({ index, id: d.id, document: d })), { maxBatchCount: BATCH, concurrency: CONCURRENCY });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    if (report.stats.indexed !== docs.length) throw new Error(`ingest indexed ${report.stats.indexed}/${docs.length}: ${JSON.stringify(report.stats.failuresByKind)}`);
    if (report.stats.retries !== 0) throw new Error(`ingest retried ${report.stats.retries} records: not comparable`);
    await checkCount(index, docs.length);
    await admin.indices.delete({ index });
    return { seconds, requests: report.stats.bulkRequests, cpuUs: cpu.user + cpu.system };
  };
  const runRaw = async (docs: Doc[]): Promise<{ seconds: number; requests: number; cpuUs: number }> => {
    const index = await freshIndex('helpers');
    // helpers.bulk counts the bytes of the action and document lines WITHOUT their newlines and flushes
    // once the count reaches flushBytes; the documents are not all one size (the carrier names are 16 or
    // 17 characters), so the threshold is the exact count of the first BATCH documents (every run of
    // BATCH documents has the same count: BATCH is a multiple of the 4-document pattern, ids have one length).
    let flushBytes = 0;
    for (const d of docs.slice(0, BATCH)) flushBytes += Buffer.byteLength(JSON.stringify({ index: { _index: index, _id: d.id } })) + Buffer.byteLength(JSON.stringify(d));
    const before = rawBulkRequests;
    const itemsBefore = rawBulkItems.length;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const stats = await raw.helpers.bulk({
      datasource: docs,
      onDocument: (d: Doc) => ({ index: { _index: index, _id: d.id } }),
      flushBytes,
      concurrency: CONCURRENCY,
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    if (stats.successful !== docs.length) throw new Error(`helpers.bulk indexed ${stats.successful}/${docs.length} (failed ${stats.failed})`);
    const sizes = rawBulkItems.slice(itemsBefore);
    if (sizes.some((n, i) => n !== Math.min(BATCH, docs.length - i * BATCH))) throw new Error(`helpers.bulk sent ${sizes.join(', ')} documents per request, not ${BATCH}`);
    if (stats.retry !== 0) throw new Error(`helpers.bulk retried ${stats.retry} lines (a 429 costs it a fixed 5 s wait): not comparable`);
    await checkCount(index, docs.length);
    await admin.indices.delete({ index });
    return { seconds, requests: rawBulkRequests - before, cpuUs: cpu.user + cpu.system };
  };

  const oursRate: number[] = [];
  const rawRate: number[] = [];
  const perRound: number[] = [];
  const cpuPerDoc = { ours: [] as number[], raw: [] as number[] };
  const requests = { ours: 0, raw: 0 };
  try {
    // Warm-up (JIT, TLS sessions, the node's caches): a tenth of the documents each.
    await runOurs(makeDocs(DOCS / 10, 'warm-a'));
    await runRaw(makeDocs(DOCS / 10, 'warm-b'));
    for (let round = 0; round < ROUNDS || (round < MAX_ROUNDS && (round % 4 !== 0 || undecided(perRound, TARGET))); round++) {
      const docs = makeDocs(DOCS, `r${round}`);
      // A B B A (B A A B in odd rounds): a drift of the node's speed within the round meets both sides
      // alike; each side keeps its faster run, so a run slowed by another process is not compared
      const first = round % 2 === 0 ? 'ours' : 'raw';
      const second = first === 'ours' ? 'raw' : 'ours';
      const order = [first, second, second, first] as const;
      const rates: Record<'ours' | 'raw', number> = { ours: 0, raw: 0 };
      const cpus: Record<'ours' | 'raw', number> = { ours: Number.POSITIVE_INFINITY, raw: Number.POSITIVE_INFINITY };
      for (const which of order) {
        const r = which === 'ours' ? await runOurs(docs) : await runRaw(docs);
        rates[which] = Math.max(rates[which], DOCS / r.seconds);
        cpus[which] = Math.min(cpus[which], r.cpuUs / DOCS);
        requests[which] = r.requests;
      }
      cpuPerDoc.ours.push(cpus.ours);
      cpuPerDoc.raw.push(cpus.raw);
      oursRate.push(rates.ours);
      rawRate.push(rates.raw);
      perRound.push(rates.ours / rates.raw);
    }
  } finally {
    for (const index of created) await admin.indices.delete({ index }, { ignore: [404] }).catch(() => undefined);
    await Promise.all([admin.close(), raw.close(), ours.close()]);
  }
  const r = median(perRound);
  const rows: Row[] = [
    { group: 'bulk docs/s (local domain)', variant: `raw helpers.bulk (${requests.raw} requests)`, value: `${num(median(rawRate))} docs/s`, spread: rangeOf(rawRate), ratio: '1.00x', baseline: 'raw helpers.bulk' },
    {
      group: 'bulk docs/s (local domain)',
      variant: `ingest() (${requests.ours} requests)`,
      value: `${num(median(oursRate))} docs/s`,
      spread: rangeOf(oursRate),
      ratio: ratioSummary(perRound),
      baseline: 'raw helpers.bulk',
      target: `>= ${TARGET.toFixed(2)}x`,
      meets: r >= TARGET,
    },
    { group: 'bulk client CPU per document', variant: 'raw helpers.bulk', value: `${num(median(cpuPerDoc.raw), 1)} µs`, spread: rangeOf(cpuPerDoc.raw, 1), ratio: '1.00x', baseline: 'raw helpers.bulk' },
    {
      group: 'bulk client CPU per document',
      variant: 'ingest()',
      value: `${num(median(cpuPerDoc.ours), 1)} µs`,
      spread: rangeOf(cpuPerDoc.ours, 1),
      ratio: `${ratio(median(cpuPerDoc.raw) / median(cpuPerDoc.ours))} (raw / ours)`,
      baseline: 'raw helpers.bulk',
    },
  ];
  return {
    name: 'bulk',
    rows,
    notes: [
      `bulk: ${DOCS} fixed-size docs (${BATCH} per request, concurrency ${CONCURRENCY}, explicit ids, no refresh, no compression, the client's default retries) into a fresh 1-shard/0-replica index per run; ${perRound.length} rounds after a warm-up (${ROUNDS}, then four more at a time up to ${MAX_ROUNDS} while ${TARGET.toFixed(2)}x lay inside the median's 95% confidence interval, printed as 'median CI'), each running the two sides A B B A (B A A B in odd rounds) and keeping each side's faster run (and lower CPU per document); ratio = median of per-round ratios (range in brackets); HTTPS + basic auth as master-user on the node; counts checked after every run (not timed).`,
      'bulk, what each side does: both send POST /_bulk with an `{"index":{"_index","_id"}}` line and the document per record, one NDJSON string per request (helpers.bulk: two JSON.stringify per document through the client serializer, the lines of a request joined by the transport; ingest(): the action line from a template and one JSON.stringify, the lines joined once per request, built while earlier requests are in flight). helpers.bulk reads the full response (every item with _index, _version, _shards, _seq_no, _primary_term); ingest() asks for `filter_path=errors,items.*._id,items.*._index,items.*.result,items.*.status,items.*.error,error,status` (what its accounting reads: status, result, error, and _id and _index for the cross-check) and judges every item (count, action, _id, status) into one outcome per record.',
      'bulk client CPU: process.cpuUsage() of the benchmark process (user + system, TLS included) over each run divided by the documents; the node (JVM) shares the same 2 cores, so client CPU is taken from the server.',
    ],
    elapsedMs: Date.now() - started,
  };
}

if (isMain(import.meta.url)) {
  emit(await runBench());
}
