/**
 * Shared helpers of the benchmarks: statistics, formatting, the JSON hand-off to bench/run.ts, and
 * loading the BUILT package (dist/, what users get) with the types of src/. Benchmarks measure and
 * report; they never assert on time.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The built ESM and CJS entry points (`npm run build`). */
export const DIST_ESM = fileURLToPath(new URL('../dist/index.js', import.meta.url));
export const DIST_CJS = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));

/**
 * The package as built (runtime from dist/, types from src/), or the ESM file named by
 * BENCH_PACKAGE (e.g. a bundle of an older commit, to compare builds). Throws with the fix when missing.
 */
export async function loadPackage(): Promise<typeof import('../src/index.js')> {
  const file = process.env.BENCH_PACKAGE ?? DIST_ESM;
  if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` first`);
  return (await import(pathToFileURL(file).href)) as typeof import('../src/index.js');
}

/** What `import('opensearch-fgac')` resolves to in Node (package exports, condition node-addons): it loads the CommonJS build. */
export const DIST_NODE_IMPORT = fileURLToPath(new URL('../dist/index.node.mjs', import.meta.url));

/**
 * The package as a Node application's `import` loads it (by name, through the package's exports:
 * dist/index.node.mjs and the CommonJS build), or the ESM file named by BENCH_PACKAGE. Every benchmark
 * that runs the package uses this rather than dist/index.js (the ESM build bundlers take): a Node process that
 * had imported that graph of ES modules ran, in most processes, every process.nextTick through V8's
 * runtime (docs/PERFORMANCE.md, stop 41), a cost of the loading path, not of the requests.
 */
export async function loadPackageAsNode(): Promise<typeof import('../src/index.js')> {
  if (process.env.BENCH_PACKAGE !== undefined) return loadPackage();
  if (!existsSync(DIST_NODE_IMPORT)) throw new Error(`${DIST_NODE_IMPORT} not found: run \`npm run build\` first`);
  const name = 'opensearch-fgac';
  return (await import(name)) as typeof import('../src/index.js');
}

/** One row of the final table (see bench/run.ts). */
export interface Row {
  /** Benchmark group, e.g. `requests/s`. */
  group: string;
  /** What was measured, e.g. `iam (createClient)`. */
  variant: string;
  /** The central value (median), formatted with its unit. */
  value: string;
  /** The spread, formatted (e.g. `min–max` or interquartile range). */
  spread: string;
  /** Ratio to the baseline named in `baseline` (same run), formatted, or `—`. */
  ratio: string;
  baseline: string;
  /** The target, when the issue sets one (e.g. `>= 0.95x`), and whether the median meets it. */
  target?: string;
  meets?: boolean;
  note?: string;
}

/** What a benchmark script hands to run.ts. */
export interface BenchResult {
  name: string;
  rows: Row[];
  notes: string[];
  /** Wall time of the benchmark in ms. */
  elapsedMs: number;
}

/** Sorted copy. */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Linear-interpolated quantile (q in [0,1]). */
export function quantile(values: readonly number[], q: number): number {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Distribution-free 95% confidence interval of the median (order statistics, normal approximation
 * of the binomial): the benchmarks extend their rounds while a target lies inside it.
 */
export function medianCi(values: readonly number[]): [number, number] {
  const s = sorted(values);
  const n = s.length;
  if (n === 0) return [Number.NaN, Number.NaN];
  const half = (1.96 * Math.sqrt(n)) / 2;
  const lo = Math.max(0, Math.floor(n / 2 - half));
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half) - 1);
  return [s[lo] as number, s[hi] as number];
}

/** True while `target` lies inside the median's 95% confidence interval: the rounds so far cannot tell met from not met. */
export function undecided(values: readonly number[], target: number): boolean {
  const [lo, hi] = medianCi(values);
  return values.length === 0 || (lo <= target && target <= hi);
}

/** `median (min–max; median CI lo–hi)` of per-round ratios. */
export function ratioSummary(values: readonly number[]): string {
  const [lo, hi] = medianCi(values);
  return `${ratio(median(values))} (${ratio(min(values))}–${ratio(max(values))}; median CI ${ratio(lo)}–${ratio(hi)})`;
}

export function min(values: readonly number[]): number {
  return Math.min(...values);
}

export function max(values: readonly number[]): number {
  return Math.max(...values);
}

/** `1 234` style thousands, with `digits` decimals. */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/,/g, ' ');
}

export function ratio(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)}x` : '—';
}

/** `min–max (n=…)`. */
export function rangeOf(values: readonly number[], digits = 0, unit = ''): string {
  return `${num(min(values), digits)}–${num(max(values), digits)}${unit} (n=${values.length})`;
}

/** `IQR a–b (n=…)`. */
export function iqrOf(values: readonly number[], digits = 1, unit = ''): string {
  return `IQR ${num(quantile(values, 0.25), digits)}–${num(quantile(values, 0.75), digits)}${unit} (n=${values.length})`;
}

/** True when this script was started directly (not imported). */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === metaUrl;
}

/** Marker line run.ts looks for in a benchmark's stdout. */
export const RESULT_MARKER = '@@bench-result@@ ';

/** Prints a result: a readable table always, and the JSON line for run.ts. */
export function emit(result: BenchResult): void {
  console.log(renderTable(result.rows));
  for (const note of result.notes) console.log(`- ${note}`);
  console.log(`${RESULT_MARKER}${JSON.stringify(result)}`);
}

/** A Markdown table of rows. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['benchmark', 'variant', 'median', 'spread', 'ratio', 'vs (same run)', 'target'];
  const lines = rows.map((r) => [
    r.group,
    r.variant,
    r.value,
    r.spread,
    r.ratio,
    r.baseline,
    r.target === undefined ? '' : `${r.target} ${r.meets === undefined ? '' : r.meets ? '(met)' : '(NOT met)'}`.trim(),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

/** Sleeps. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
