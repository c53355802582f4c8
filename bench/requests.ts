/**
 * Benchmark (a): requests/s against a loopback HTTP stub (no TLS, tiny JSON response, the stub in
 * its own process), fixed concurrency, fixed duration per measurement, warm-up first.
 *
 * Variants: the raw opensearch-js Client without auth; the raw Client with its own AwsSigv4Signer
 * (static credentials); createClient in modes none, basic and iam (static credentials), from dist/.
 * Each round measures every variant once, in a rotated order; ratios are taken within a round (so
 * load on the shared machine hits numerator and denominator alike) and the median over rounds is
 * reported with its range. Many short rounds (21 x 400 ms per variant) rather than a few long ones:
 * the variants of a round run within ~2.5 s of each other, so the load of the shared machine,
 * which changes over seconds, hits both sides of a ratio alike.
 *
 *   npx tsx bench/requests.ts            (BENCH_ROUNDS, BENCH_DURATION_MS, BENCH_CONCURRENCY override)
 */
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import { startStub } from './stub.js';
import { emit, isMain, loadPackage, max, median, min, num, rangeOf, ratio, type BenchResult, type Row } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 400);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 800);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CREDENTIALS = { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench/secret+key=', sessionToken: 'bench-session-token' };
const REGION = 'us-east-1';

/** Targets of issue 14 against the raw client without auth (medians of per-round ratios). */
const TARGET_VS_RAW: Record<string, number | undefined> = { none: 0.97, basic: 0.97, iam: 0.85 };

/** The request every variant sends: a small search with a JSON body (so SigV4 hashes a body). */
const SEARCH = { index: 'flights', body: { query: { term: { Carrier: 'Logstash Airways' } }, size: 3 } };

/** CPU µs per request of the last measure() (this process only: the stub runs in its own). */
let lastCpuPerRequest = 0;

/** Sends requests with `concurrency` workers until `ms` elapse; returns completed requests per second. */
async function measure(client: Client, ms: number, concurrency: number): Promise<number> {
  let done = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      try {
        await client.search(SEARCH);
        done++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  lastCpuPerRequest = (used.user + used.system) / Math.max(1, done);
  if (failed > 0) throw new Error(`${failed} requests failed during the measurement`);
  return (done * 1000) / elapsed;
}

interface Variant {
  key: string;
  label: string;
  client: Client;
}

/** Runs the benchmark and returns its rows. */
export async function run(): Promise<BenchResult> {
  const started = Date.now();
  const pkg = await loadPackage();
  const stub = await startStub();
  const variants: Variant[] = [
    { key: 'raw', label: 'raw Client, no auth', client: new Client({ node: stub.url }) },
    {
      key: 'rawSigv4',
      label: 'raw Client + AwsSigv4Signer',
      client: new Client({ ...AwsSigv4Signer({ region: REGION, service: 'es', getCredentials: async () => CREDENTIALS }), node: stub.url }),
    },
    { key: 'none', label: "createClient mode 'none'", client: pkg.createClient({ node: stub.url, auth: { mode: 'none' } }) },
    { key: 'basic', label: "createClient mode 'basic'", client: pkg.createClient({ node: stub.url, auth: { mode: 'basic', username: 'bench-user', password: 'bench-password' } }) },
    { key: 'iam', label: "createClient mode 'iam'", client: pkg.createClient({ node: stub.url, auth: { mode: 'iam', region: REGION, credentials: CREDENTIALS } }) },
  ];
  const rps = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const vsRaw = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const iamVsSigner: number[] = [];
  // CPU-bound throughput: (raw client's CPU µs per request) / (variant's), per round.
  const cpuVsRaw = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const cpuUs = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const cpuIamVsSigner: number[] = [];
  try {
    for (const v of variants) await measure(v.client, WARMUP_MS, CONCURRENCY);
    for (let round = 0; round < ROUNDS; round++) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length] as Variant);
      const thisRound = new Map<string, number>();
      const cpuRound = new Map<string, number>();
      for (const v of order) {
        await measure(v.client, 100, CONCURRENCY);
        const value = await measure(v.client, DURATION_MS, CONCURRENCY);
        thisRound.set(v.key, value);
        rps.get(v.key)?.push(value);
        cpuRound.set(v.key, lastCpuPerRequest);
        cpuUs.get(v.key)?.push(lastCpuPerRequest);
      }
      for (const v of variants) cpuVsRaw.get(v.key)?.push((cpuRound.get('raw') as number) / (cpuRound.get(v.key) as number));
      cpuIamVsSigner.push((cpuRound.get('rawSigv4') as number) / (cpuRound.get('iam') as number));
      const raw = thisRound.get('raw') as number;
      for (const v of variants) vsRaw.get(v.key)?.push((thisRound.get(v.key) as number) / raw);
      iamVsSigner.push((thisRound.get('iam') as number) / (thisRound.get('rawSigv4') as number));
    }
  } finally {
    await Promise.all(variants.map((v) => v.client.close()));
    await stub.stop();
  }

  const rows: Row[] = [];
  for (const v of variants) {
    const values = rps.get(v.key) as number[];
    const ratios = vsRaw.get(v.key) as number[];
    rows.push({
      group: 'requests/s (loopback)',
      variant: v.label,
      value: `${num(median(values))} req/s`,
      spread: rangeOf(values),
      ratio: v.key === 'raw' ? '1.00x' : `${ratio(median(ratios))} (${ratio(min(ratios))}–${ratio(max(ratios))})`,
      baseline: 'raw Client, no auth',
      ...(TARGET_VS_RAW[v.key] !== undefined ? { target: `>= ${TARGET_VS_RAW[v.key]?.toFixed(2)}x`, meets: median(ratios) >= (TARGET_VS_RAW[v.key] as number) } : {}),
    });
  }
  for (const v of variants) {
    const ratios = cpuVsRaw.get(v.key) as number[];
    rows.push({
      group: 'client CPU per request (loopback)',
      variant: v.label,
      value: `${num(median(cpuUs.get(v.key) as number[]), 1)} µs`,
      spread: rangeOf(cpuUs.get(v.key) as number[], 1),
      ratio: v.key === 'raw' ? '1.00x' : `${ratio(median(ratios))} (${ratio(min(ratios))}–${ratio(max(ratios))})`,
      baseline: 'raw Client, no auth (raw CPU / variant CPU: CPU-bound req/s ratio)',
    });
  }
  rows.push({
    group: 'client CPU per request (loopback)',
    variant: "createClient mode 'iam'",
    value: `${num(median(cpuUs.get('iam') as number[]), 1)} µs`,
    spread: rangeOf(cpuUs.get('iam') as number[], 1),
    ratio: `${ratio(median(cpuIamVsSigner))} (${ratio(min(cpuIamVsSigner))}–${ratio(max(cpuIamVsSigner))})`,
    baseline: 'raw Client + AwsSigv4Signer (CPU-bound req/s ratio)',
  });
  const iamMedian = median(iamVsSigner);
  rows.push({
    group: 'requests/s (loopback)',
    variant: "createClient mode 'iam'",
    value: `${num(median(rps.get('iam') as number[]))} req/s`,
    spread: rangeOf(rps.get('iam') as number[]),
    ratio: `${ratio(iamMedian)} (${ratio(min(iamVsSigner))}–${ratio(max(iamVsSigner))})`,
    baseline: 'raw Client + AwsSigv4Signer',
    target: '>= 1.10x',
    meets: iamMedian >= 1.1,
  });
  return {
    name: 'requests',
    rows,
    notes: [
      `requests/s: client.search with a small JSON body, ${CONCURRENCY} concurrent, ${ROUNDS} rounds x ${DURATION_MS} ms per variant (rotated order, 100 ms re-warm each), stub in a separate process; ratio = median of per-round ratios (range in brackets). Client CPU per request: process.cpuUsage() of the benchmark process (user + system, the stub excluded) over the same measurement divided by the requests completed; its ratio (raw / variant) is the req/s ratio a CPU-bound client would see, and is much less moved by other processes' load than wall-clock req/s.`,
    ],
    elapsedMs: Date.now() - started,
  };
}

if (isMain(import.meta.url)) {
  emit(await run());
}
