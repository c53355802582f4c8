/**
 * Benchmark (a): requests/s against a loopback HTTP stub (no TLS, tiny JSON response, the stub in
 * its own process), fixed concurrency, warm-up first.
 *
 * Variants: the raw opensearch-js Client without auth; the raw Client with its own AwsSigv4Signer
 * (static credentials); createClient in modes none, basic and iam (static credentials), from dist/.
 * With BENCH_BASELINE_PACKAGE (an ESM build of another commit, e.g. the one before a change) its
 * none/basic/iam clients run in the same rounds too, so before and after meet the same load.
 *
 * The shared machine's load changes from one second to the next, so variants are interleaved
 * finely: a round is BENCH_SLICES slices, and each slice runs every variant for BENCH_SLICE_MS
 * (rotated order); a variant's round figure sums its slices. Ratios are taken within a round (load
 * hits numerator and denominator alike) and the median over rounds is reported with its range.
 *
 *   npx tsx bench/requests.ts   (BENCH_ROUNDS, BENCH_SLICES, BENCH_SLICE_MS, BENCH_CONCURRENCY override)
 */
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import { pathToFileURL } from 'node:url';
import { startStub } from './stub.js';
import { emit, isMain, loadPackage, max, median, min, num, rangeOf, ratio, type BenchResult, type Row } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SLICES = Number(process.env.BENCH_SLICES ?? 8);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 50);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 800);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const BASELINE = process.env.BENCH_BASELINE_PACKAGE;
const CREDENTIALS = { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench/secret+key=', sessionToken: 'bench-session-token' };
const REGION = 'us-east-1';

/** Targets of issue 14 against the raw client without auth (medians of per-round ratios). */
const TARGET_VS_RAW: Record<string, number | undefined> = { none: 0.97, basic: 0.97, iam: 0.85 };

/** The request every variant sends: a small search with a JSON body (so SigV4 hashes a body). */
const SEARCH = { index: 'flights', body: { query: { term: { Carrier: 'Logstash Airways' } }, size: 3 } };

/** What one slice of one variant measured. */
interface Slice {
  done: number;
  ms: number;
  /** Client CPU µs (this process only: the stub runs in its own). */
  cpuUs: number;
}

/** Sends requests with `concurrency` workers until `ms` elapse. */
async function measure(client: Client, ms: number, concurrency: number): Promise<Slice> {
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
  if (failed > 0) throw new Error(`${failed} requests failed during the measurement`);
  return { done, ms: elapsed, cpuUs: used.user + used.system };
}

interface Variant {
  key: string;
  label: string;
  client: Client;
}

type Pkg = Awaited<ReturnType<typeof loadPackage>>;

/** The createClient variants of one build (`suffix` tells builds apart). */
function packageVariants(pkg: Pkg, url: string, suffix: string, label: string): Variant[] {
  return [
    { key: `none${suffix}`, label: `createClient mode 'none'${label}`, client: pkg.createClient({ node: url, auth: { mode: 'none' } }) },
    { key: `basic${suffix}`, label: `createClient mode 'basic'${label}`, client: pkg.createClient({ node: url, auth: { mode: 'basic', username: 'bench-user', password: 'bench-password' } }) },
    { key: `iam${suffix}`, label: `createClient mode 'iam'${label}`, client: pkg.createClient({ node: url, auth: { mode: 'iam', region: REGION, credentials: CREDENTIALS } }) },
  ];
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
    ...packageVariants(pkg, stub.url, '', ''),
  ];
  if (BASELINE !== undefined) {
    const base = (await import(pathToFileURL(BASELINE).href)) as Pkg;
    variants.push(...packageVariants(base, stub.url, '@base', ' (baseline build)'));
  }
  const rps = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const vsRaw = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const iamVsSigner: number[] = [];
  const iamBaseVsSigner: number[] = [];
  // CPU-bound throughput: (raw client's CPU µs per request) / (variant's), per round.
  const cpuVsRaw = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const cpuUs = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const cpuIamVsSigner: number[] = [];
  try {
    for (const v of variants) await measure(v.client, WARMUP_MS, CONCURRENCY);
    let rotation = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const sums = new Map<string, Slice>(variants.map((v) => [v.key, { done: 0, ms: 0, cpuUs: 0 }]));
      for (let slice = 0; slice < SLICES; slice++) {
        rotation++;
        for (let i = 0; i < variants.length; i++) {
          const v = variants[(i + rotation) % variants.length] as Variant;
          const m = await measure(v.client, SLICE_MS, CONCURRENCY);
          const sum = sums.get(v.key) as Slice;
          sum.done += m.done;
          sum.ms += m.ms;
          sum.cpuUs += m.cpuUs;
        }
      }
      const reqPerS = (key: string): number => ((sums.get(key) as Slice).done * 1000) / (sums.get(key) as Slice).ms;
      const cpuPerReq = (key: string): number => (sums.get(key) as Slice).cpuUs / Math.max(1, (sums.get(key) as Slice).done);
      for (const v of variants) {
        rps.get(v.key)?.push(reqPerS(v.key));
        vsRaw.get(v.key)?.push(reqPerS(v.key) / reqPerS('raw'));
        cpuUs.get(v.key)?.push(cpuPerReq(v.key));
        cpuVsRaw.get(v.key)?.push(cpuPerReq('raw') / cpuPerReq(v.key));
      }
      iamVsSigner.push(reqPerS('iam') / reqPerS('rawSigv4'));
      if (BASELINE !== undefined) iamBaseVsSigner.push(reqPerS('iam@base') / reqPerS('rawSigv4'));
      cpuIamVsSigner.push(cpuPerReq('rawSigv4') / cpuPerReq('iam'));
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
      ...(TARGET_VS_RAW[v.key] !== undefined && !v.key.includes('@') ? { target: `>= ${TARGET_VS_RAW[v.key]?.toFixed(2)}x`, meets: median(ratios) >= (TARGET_VS_RAW[v.key] as number) } : {}),
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
  if (BASELINE !== undefined) {
    rows.push({
      group: 'requests/s (loopback)',
      variant: "createClient mode 'iam' (baseline build)",
      value: `${num(median(rps.get('iam@base') as number[]))} req/s`,
      spread: rangeOf(rps.get('iam@base') as number[]),
      ratio: `${ratio(median(iamBaseVsSigner))} (${ratio(min(iamBaseVsSigner))}–${ratio(max(iamBaseVsSigner))})`,
      baseline: 'raw Client + AwsSigv4Signer',
    });
    for (const mode of ['none', 'basic', 'iam']) {
      const ratios = (rps.get(mode) as number[]).map((value, i) => value / ((rps.get(`${mode}@base`) as number[])[i] as number));
      const cpu = (cpuUs.get(mode) as number[]).map((value, i) => ((cpuUs.get(`${mode}@base`) as number[])[i] as number) / value);
      rows.push({
        group: 'this build vs baseline build',
        variant: `createClient mode '${mode}'`,
        value: `req/s ${ratio(median(ratios))}`,
        spread: `CPU-bound ${ratio(median(cpu))} (${ratio(min(cpu))}–${ratio(max(cpu))})`,
        ratio: `${ratio(median(ratios))} (${ratio(min(ratios))}–${ratio(max(ratios))})`,
        baseline: `createClient mode '${mode}' (baseline build)`,
      });
    }
  }
  return {
    name: 'requests',
    rows,
    notes: [
      `requests/s: client.search with a small JSON body, ${CONCURRENCY} concurrent, stub in a separate process; ${ROUNDS} rounds, each ${SLICES} slices of ${SLICE_MS} ms per variant (variants interleaved slice by slice, rotated order); ratio = median of per-round ratios (range in brackets). Client CPU per request: process.cpuUsage() of the benchmark process (user + system, the stub excluded) over the same measurement divided by the requests completed; its ratio (raw / variant) is the req/s ratio a CPU-bound client would see, and is much less moved by other processes' load than wall-clock req/s.`,
    ],
    elapsedMs: Date.now() - started,
  };
}

if (isMain(import.meta.url)) {
  emit(await run());
}
