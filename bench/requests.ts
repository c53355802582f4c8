/**
 * Benchmark (a): requests/s against a loopback HTTP stub (no TLS, tiny JSON response, the stub in
 * its own process), fixed concurrency, warm-up first.
 *
 * Variants: the raw opensearch-js Client without auth; the raw Client with its own AwsSigv4Signer
 * (static credentials); createClient in modes none, basic and iam (static credentials), from dist/
 * as a Node application's `import('opensearch-fgac')` loads it (see loadPackageAsNode in bench/lib.ts).
 * With BENCH_BASELINE_PACKAGE (an ESM build of another commit, e.g. the one before a change) its
 * none/basic/iam clients run in the same rounds too, so before and after meet the same load.
 *
 * Each variant runs in its own process (bench/request-worker.ts), as an application holds one kind
 * of client: in one process the variants' differently shaped request objects share opensearch-js's
 * inline caches, and a variant's cost then depended on which others were loaded (measured with
 * http.request stubbed out: iam +3 µs per request over the raw client when only the two shared a
 * process, +17 µs with all five). Only the variant being measured sends; the others wait. Each
 * variant may have BENCH_PROCESSES processes (default 1) and its slices rotate over them: two processes of the
 * same client measured up to ~10% apart on this machine (JIT and heap luck), more than the costs
 * being compared. The raw client runs twice (two sets of processes); the second set's ratio is the
 * noise floor printed beside the targets.
 *
 * The shared machine's load changes from one second to the next, so variants are interleaved
 * finely: a round is BENCH_SLICES slices, and each slice runs every variant for BENCH_SLICE_MS
 * (rotated order); a variant's round figure sums its slices. Ratios are taken within a round (load
 * hits numerator and denominator alike) and the median over rounds is reported with its range.
 *
 * BENCH_VARIANTS (comma-separated keys, e.g. `raw,none,none@base`) runs only those variants (the raw
 * client always): fewer processes per round make an A/B of one change resolvable; rows whose
 * variants did not run are left out.
 *
 *   npx tsx bench/requests.ts   (BENCH_ROUNDS, BENCH_SLICES, BENCH_SLICE_MS, BENCH_CONCURRENCY, BENCH_PROCESSES, BENCH_VARIANTS override)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startStub } from './stub.js';
import { emit, isMain, loadPackageAsNode, max, median, min, num, rangeOf, ratio, ratioSummary, undecided, type BenchResult, type Row } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** Rounds are added, five at a time, up to this many while a target lies inside its median's 95% confidence interval. */
const MAX_ROUNDS = Math.max(ROUNDS, Number(process.env.BENCH_MAX_ROUNDS ?? 45));
const SLICES = Number(process.env.BENCH_SLICES ?? 8);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 50);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 800);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const BASELINE = process.env.BENCH_BASELINE_PACKAGE;
/** Processes per variant: a process's own speed differs from an identical one's by up to ~10% here (JIT and heap luck), so each variant's slices rotate over several. */
const PROCESSES = Math.max(1, Number(process.env.BENCH_PROCESSES ?? 1));
/** Variant keys to run (all when unset); the raw client always runs, every ratio is taken against it. */
const ONLY = process.env.BENCH_VARIANTS === undefined ? undefined : new Set(['raw', ...process.env.BENCH_VARIANTS.split(',').map((key) => key.trim())]);

/** Targets of issue 14 against the raw client without auth (medians of per-round ratios). */
const TARGET_VS_RAW: Record<string, number | undefined> = { none: 0.97, basic: 0.97, iam: 0.85 };
/** Target of issue 14 for `iam` against the raw client + AwsSigv4Signer. */
const IAM_VS_SIGNER = 1.1;

/** What one slice of one variant measured. */
interface Slice {
  done: number;
  ms: number;
  /** Client CPU µs (the variant's process only: the stub and the other variants run in their own). */
  cpuUs: number;
}

interface Variant {
  key: string;
  label: string;
  measure: (ms: number) => Promise<Slice>;
  close: () => Promise<void>;
}

/** Starts bench/request-worker.ts for one variant (its own process) and waits until its client is built. */
async function startWorker(key: string, label: string, variant: string, stubUrl: string, packageFile: string | undefined): Promise<Variant> {
  const script = fileURLToPath(new URL('./request-worker.ts', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_WORKER_VARIANT: variant, BENCH_STUB_URL: stubUrl, BENCH_CONCURRENCY: String(CONCURRENCY) };
  if (packageFile !== undefined) env.BENCH_PACKAGE = packageFile;
  const child = fork(script, [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending: ((message: Slice & { failed: number }) => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${key} worker exited with ${code}`)));
    child.on('message', (message: { ready?: boolean } & Slice & { failed: number }) => {
      if (message.ready === true) resolve();
      else pending?.(message);
    });
  });
  return {
    key,
    label,
    measure: (ms) =>
      new Promise<Slice>((resolve, reject) => {
        pending = (m) => {
          pending = undefined;
          if (m.failed > 0) reject(new Error(`${key}: ${m.failed} requests failed during the measurement`));
          else resolve({ done: m.done, ms: m.ms, cpuUs: m.cpuUs });
        };
        child.send({ ms });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.send({ close: true });
      }),
  };
}

/** One variant measured in `PROCESSES` processes of its own: its slices go to each in turn. */
async function startVariant(key: string, label: string, variant: string, stubUrl: string, packageFile: string | undefined): Promise<Variant> {
  const workers = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => startWorker(`${key}#${i}`, label, variant, stubUrl, packageFile)));
  let next = 0;
  return {
    key,
    label,
    measure: (ms) => (workers[next++ % workers.length] as Variant).measure(ms),
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/** A variant to start: its key, label, worker variant and package build (undefined: the package by name). */
type Spec = [key: string, label: string, variant: string, packageFile: string | undefined];

/** The createClient variants of one build (`suffix` tells builds apart). */
function packageVariants(packageFile: string | undefined, suffix: string, label: string): Spec[] {
  return ['none', 'basic', 'iam'].map((mode): Spec => [`${mode}${suffix}`, `createClient mode '${mode}'${label}`, mode, packageFile]);
}

/** Runs the benchmark and returns its rows. */
export async function run(): Promise<BenchResult> {
  const started = Date.now();
  await loadPackageAsNode(); // fails early, with the fix, when dist/ is missing
  const stub = await startStub();
  const diagnostic = process.env.BENCH_DIAGNOSTIC === '1';
  const specs: Spec[] = [
    ['raw', 'raw Client, no auth', 'raw', undefined],
    // the same client in other processes: how far apart two identical variants measure (the resolution)
    ['rawTwin', 'raw Client, no auth, other processes (noise floor)', 'raw', undefined],
    ['rawSigv4', 'raw Client + AwsSigv4Signer', 'rawSigv4', undefined],
    ...packageVariants(process.env.BENCH_PACKAGE, '', ''),
    ...(diagnostic ? [['rawSigv4Headers', "raw Client + SigV4's headers, unsigned (diagnostic)", 'rawSigv4Headers', undefined] satisfies Spec] : []),
    ...(diagnostic ? [['rawLoaded', 'raw Client, this package loaded beside it (diagnostic)', 'rawLoaded', undefined] satisfies Spec] : []),
    ...(diagnostic ? [['rawImported', 'raw Client, this package loaded but no client built with it (diagnostic)', 'rawImported', undefined] satisfies Spec] : []),
    ...(BASELINE !== undefined ? packageVariants(BASELINE, '@base', ' (baseline build)') : []),
  ];
  const variants: Variant[] = await Promise.all(
    specs.filter(([key]) => ONLY === undefined || ONLY.has(key)).map(([key, label, variant, packageFile]) => startVariant(key, label, variant, stub.url, packageFile)),
  );
  const ran = (...keys: string[]): boolean => keys.every((key) => variants.some((v) => v.key === key));
  const iamAndSigner = ran('iam', 'rawSigv4');
  const iamBaseAndSigner = ran('iam@base', 'rawSigv4');
  const rps = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const vsRaw = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const iamVsSigner: number[] = [];
  const iamBaseVsSigner: number[] = [];
  // CPU-bound throughput: (raw client's CPU µs per request) / (variant's), per round.
  const cpuVsRaw = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const cpuUs = new Map<string, number[]>(variants.map((v) => [v.key, []]));
  const cpuIamVsSigner: number[] = [];
  try {
    for (const v of variants) await v.measure(WARMUP_MS);
    let rotation = 0;
    // Every target's per-round ratios: while one target sits inside its median's confidence interval, add rounds.
    const decided = (): boolean =>
      Object.entries(TARGET_VS_RAW).every(([key, target]) => target === undefined || !ran(key) || !undecided(vsRaw.get(key) as number[], target)) &&
      (!iamAndSigner || !undecided(iamVsSigner, IAM_VS_SIGNER));
    for (let round = 0; round < ROUNDS || (round < MAX_ROUNDS && (round % 5 !== 0 || !decided())); round++) {
      const sums = new Map<string, Slice>(variants.map((v) => [v.key, { done: 0, ms: 0, cpuUs: 0 }]));
      for (let slice = 0; slice < SLICES; slice++) {
        rotation++;
        for (let i = 0; i < variants.length; i++) {
          const v = variants[(i + rotation) % variants.length] as Variant;
          const m = await v.measure(SLICE_MS);
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
      if (iamAndSigner) iamVsSigner.push(reqPerS('iam') / reqPerS('rawSigv4'));
      if (iamBaseAndSigner) iamBaseVsSigner.push(reqPerS('iam@base') / reqPerS('rawSigv4'));
      if (iamAndSigner) cpuIamVsSigner.push(cpuPerReq('rawSigv4') / cpuPerReq('iam'));
    }
  } finally {
    await Promise.all(variants.map((v) => v.close()));
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
      ratio: v.key === 'raw' ? '1.00x' : ratioSummary(ratios),
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
  if (iamAndSigner) {
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
      ratio: ratioSummary(iamVsSigner),
      baseline: 'raw Client + AwsSigv4Signer',
      target: '>= 1.10x',
      meets: iamMedian >= IAM_VS_SIGNER,
    });
  }
  if (iamBaseAndSigner) {
    rows.push({
      group: 'requests/s (loopback)',
      variant: "createClient mode 'iam' (baseline build)",
      value: `${num(median(rps.get('iam@base') as number[]))} req/s`,
      spread: rangeOf(rps.get('iam@base') as number[]),
      ratio: `${ratio(median(iamBaseVsSigner))} (${ratio(min(iamBaseVsSigner))}–${ratio(max(iamBaseVsSigner))})`,
      baseline: 'raw Client + AwsSigv4Signer',
    });
  }
  if (BASELINE !== undefined) {
    for (const mode of ['none', 'basic', 'iam'].filter((m) => ran(m, `${m}@base`))) {
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
      `requests/s: client.search with a small JSON body, ${CONCURRENCY} concurrent, stub in a separate process; ${(rps.get('raw') as number[]).length} rounds (${ROUNDS}, then five more at a time up to ${MAX_ROUNDS} while a target lay inside its median's 95% confidence interval, the order-statistic interval printed as 'median CI'), each ${SLICES} slices of ${SLICE_MS} ms per variant (variants interleaved slice by slice, rotated order); ratio = median of per-round ratios (range in brackets). Each variant in ${PROCESSES} processes of its own (its slices go to each in turn: one process's speed differs from an identical one's by up to ~10% here); 'noise floor' is the raw client again in other processes, i.e. the resolution of these ratios. Client CPU per request: process.cpuUsage() of the variant's process (user + system; the stub and the other variants excluded) over the same measurement divided by the requests completed; its ratio (raw / variant) is the req/s ratio a CPU-bound client would see, and is much less moved by other processes' load than wall-clock req/s.`,
    ],
    elapsedMs: Date.now() - started,
  };
}

if (isMain(import.meta.url)) {
  emit(await run());
}
