/**
 * Benchmark (b): cold import time in fresh child processes. Each child records the time from just
 * before `require()` / `import()` of the module to a client created with it (so node's own start-up
 * is excluded), prints it, and exits. Variants run interleaved (one of each per round) so that load
 * on the shared machine spreads evenly; the median of ~15 runs each is reported with its IQR.
 *
 * Ratios: each of our variants against the raw client loaded the same way (CJS vs CJS, ESM vs ESM);
 * the iam variant also against the raw client + its AwsSigv4Signer. The basic variant is loaded
 * from the root ('opensearch-fgac' resolved through package.json, as an app does), from `opensearch-fgac/client` (every auth mode) and from the lean
 * `opensearch-fgac/basic`. Each child reports wall time and its CPU time (process.cpuUsage: user +
 * system, all threads), which other processes on the shared machine move much less.
 *
 *   npx tsx bench/import-time.ts          (needs `npm run build`; BENCH_IMPORT_RUNS overrides 15)
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { DIST_CJS, DIST_ESM, ROOT, emit, iqrOf, isMain, median, num, ratio, ratioSummary, undecided, type BenchResult, type Row } from './lib.js';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
/** Rounds are added, five at a time, up to this many while a target lies inside its paired ratios' median confidence interval. */
const MAX_RUNS = Math.max(RUNS, Number(process.env.BENCH_IMPORT_MAX_RUNS ?? 45));
const run = promisify(execFile);

const CREDS = "{ accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' }";
const NODE = "'https://search-bench.us-east-1.es.amazonaws.com'";

interface Variant {
  key: string;
  label: string;
  format: 'cjs' | 'esm';
  /** Code that loads the module into `m` (and `aws` where needed) and creates a client. */
  load: string;
  baseline?: string;
  target?: { value: number; text: string };
}

const RAW = '@opensearch-project/opensearch';
const RAW_AWS = '@opensearch-project/opensearch/aws';
/**
 * The root by its name, resolved through package.json `exports` from the checkout (cwd ROOT, a
 * self-reference): what an app gets, dist/index.cjs for require and dist/index.js for import.
 */
const PKG = 'opensearch-fgac';
/** The lean subpaths by name, resolved through `exports` as for the root (Node's import: the `.node.mjs` entries). */
const PKG_CLIENT = `${PKG}/client`;
const PKG_BASIC = `${PKG}/basic`;

const VARIANTS: Variant[] = [
  { key: 'raw-cjs', label: 'raw Client (require)', format: 'cjs', load: `const m = require('${RAW}'); new m.Client({ node: ${NODE} });` },
  { key: 'raw-esm', label: 'raw Client (import)', format: 'esm', load: `const m = await import('${RAW}'); new m.Client({ node: ${NODE} });` },
  {
    key: 'raw-sigv4-cjs',
    label: 'raw Client + AwsSigv4Signer (require)',
    format: 'cjs',
    load: `const m = require('${RAW}'); const aws = require('${RAW_AWS}'); new m.Client({ ...aws.AwsSigv4Signer({ region: 'us-east-1', getCredentials: async () => (${CREDS}) }), node: ${NODE} });`,
  },
  {
    key: 'basic-cjs',
    label: "createClient 'basic' (require 'opensearch-fgac')",
    format: 'cjs',
    load: `const m = require('${PKG}'); m.createClient({ node: ${NODE}, auth: { mode: 'basic', username: 'u', password: 'p' } });`,
    baseline: 'raw-cjs',
    target: { value: 1.1, text: '<= 1.10x' },
  },
  {
    key: 'basic-esm',
    label: "createClient 'basic' (import 'opensearch-fgac')",
    format: 'esm',
    load: `const m = await import('${PKG}'); m.createClient({ node: ${NODE}, auth: { mode: 'basic', username: 'u', password: 'p' } });`,
    baseline: 'raw-esm',
    target: { value: 1.1, text: '<= 1.10x' },
  },
  {
    key: 'basic-lean-cjs',
    label: "createClient 'basic' (require 'opensearch-fgac/client')",
    format: 'cjs',
    load: `const m = require('${PKG_CLIENT}'); m.createClient({ node: ${NODE}, auth: { mode: 'basic', username: 'u', password: 'p' } });`,
    baseline: 'raw-cjs',
  },
  {
    key: 'basic-lean-esm',
    label: "createClient 'basic' (import 'opensearch-fgac/client')",
    format: 'esm',
    load: `const m = await import('${PKG_CLIENT}'); m.createClient({ node: ${NODE}, auth: { mode: 'basic', username: 'u', password: 'p' } });`,
    baseline: 'raw-esm',
  },
  {
    key: 'basic-only-cjs',
    label: "createClient 'basic' (require 'opensearch-fgac/basic')",
    format: 'cjs',
    load: `const m = require('${PKG_BASIC}'); m.createClient({ node: ${NODE}, auth: { mode: 'basic', username: 'u', password: 'p' } });`,
    baseline: 'raw-cjs',
  },
  {
    key: 'basic-only-esm',
    label: "createClient 'basic' (import 'opensearch-fgac/basic')",
    format: 'esm',
    load: `const m = await import('${PKG_BASIC}'); m.createClient({ node: ${NODE}, auth: { mode: 'basic', username: 'u', password: 'p' } });`,
    baseline: 'raw-esm',
  },
  {
    key: 'iam-cjs',
    label: "createClient 'iam' (require 'opensearch-fgac')",
    format: 'cjs',
    load: `const m = require('${PKG}'); m.createClient({ node: ${NODE}, auth: { mode: 'iam', credentials: ${CREDS} } });`,
    baseline: 'raw-cjs',
  },
  {
    key: 'iam-esm',
    label: "createClient 'iam' (import 'opensearch-fgac')",
    format: 'esm',
    load: `const m = await import('${PKG}'); m.createClient({ node: ${NODE}, auth: { mode: 'iam', credentials: ${CREDS} } });`,
    baseline: 'raw-esm',
  },
];

function childScript(v: Variant): string {
  const body = `const c0 = process.cpuUsage(); const t0 = performance.now(); ${v.load} const t1 = performance.now(); const c = process.cpuUsage(c0); process.stdout.write(String(t1 - t0) + ' ' + String((c.user + c.system) / 1000));`;
  return v.format === 'esm' ? body : `(async () => { ${body} })();`;
}

/** One fresh child: wall and CPU milliseconds from before the import to the created client. */
async function once(v: Variant): Promise<{ wall: number; cpu: number }> {
  const args = v.format === 'esm' ? ['--input-type=module', '-e', childScript(v)] : ['--input-type=commonjs', '-e', childScript(v)];
  const { stdout } = await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } });
  const [wall, cpu] = stdout.trim().split(' ').map(Number);
  if (!Number.isFinite(wall) || !Number.isFinite(cpu)) throw new Error(`${v.key}: child printed ${stdout}`);
  return { wall: wall as number, cpu: cpu as number };
}

/** Runs the benchmark and returns its rows. */
export async function runBench(): Promise<BenchResult> {
  const started = Date.now();
  if (!existsSync(DIST_CJS) || !existsSync(DIST_ESM)) throw new Error('dist/ not found: run `npm run build` first');
  const times = new Map<string, number[]>(VARIANTS.map((v) => [v.key, []]));
  const cpuTimes = new Map<string, number[]>(VARIANTS.map((v) => [v.key, []]));
  // One throw-away round warms the OS file cache (the runs are meant cold for V8, not for the disk).
  for (const v of VARIANTS) await once(v);
  const pairedRatios = (measured: Map<string, number[]>, key: string, base: string): number[] => {
    const a = measured.get(key) as number[];
    const b = measured.get(base) as number[];
    return a.map((x, i) => x / (b[i] as number));
  };
  const baseOf = (v: Variant): string => v.baseline ?? (v.key.endsWith('esm') ? 'raw-esm' : 'raw-cjs');
  const decided = (): boolean => VARIANTS.every((v) => v.target === undefined || !undecided(pairedRatios(times, v.key, baseOf(v)), v.target.value));
  for (let r = 0; r < RUNS || (r < MAX_RUNS && (r % 5 !== 0 || !decided())); r++) {
    const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length] as Variant);
    for (const v of order) {
      const t = await once(v);
      times.get(v.key)?.push(t.wall);
      cpuTimes.get(v.key)?.push(t.cpu);
    }
  }
  const rows: Row[] = [];
  for (const [group, measured] of [['cold import + client', times], ['cold import + client, CPU time', cpuTimes]] as const) {
    const med = (key: string): number => median(measured.get(key) as number[]);
    // Paired: the ratio of the two children of the same round, then the median over rounds.
    const pairedRatio = (key: string, base: string): number => median(pairedRatios(measured, key, base));
    for (const v of VARIANTS) {
      const values = measured.get(v.key) as number[];
      const base = baseOf(v);
      const r = pairedRatio(v.key, base);
      const baseLabel = VARIANTS.find((x) => x.key === base)?.label ?? base;
      rows.push({
        group,
        variant: v.label,
        value: `${num(med(v.key), 1)} ms`,
        spread: iqrOf(values, 1, ' ms'),
        ratio: v.key === base ? '1.00x' : v.target !== undefined ? ratioSummary(pairedRatios(measured, v.key, base)) : ratio(r),
        baseline: baseLabel,
        ...(v.target !== undefined ? { target: v.target.text, meets: r <= v.target.value } : {}),
      });
      if (v.key.startsWith('iam-cjs')) {
        rows.push({ group, variant: v.label, value: `${num(med(v.key), 1)} ms`, spread: iqrOf(values, 1, ' ms'), ratio: ratio(pairedRatio(v.key, 'raw-sigv4-cjs')), baseline: 'raw Client + AwsSigv4Signer (require)' });
      }
    }
  }
  return {
    name: 'import-time',
    rows,
    notes: [`cold import: ${(times.get('raw-cjs') as number[]).length} fresh \`node -e\` processes per variant (interleaved, after one throw-away round; ${RUNS}, then five more at a time up to ${MAX_RUNS} while a target lay inside the median's 95% confidence interval of its paired ratios, printed as 'median CI'); time from before require()/import() to a created client, node start-up excluded; median with interquartile range; ratio = median of per-round ratios. CPU time: process.cpuUsage() of the same span (user + system, every thread of the child).`],
    elapsedMs: Date.now() - started,
  };
}

if (isMain(import.meta.url)) {
  emit(await runBench());
}
