/**
 * Runs every benchmark, each in its own process and one after the other, and prints ONE table of
 * ratios against the raw client measured in the same run; writes it to bench/results/latest.md
 * (git-ignored). Benchmarks report; nothing here asserts on time.
 *
 *   npx tsx bench/run.ts [--no-build] [--only requests,import-time,bundle-size,install-footprint,bulk,verify,failures]
 *
 * Builds first (`npm run build`: the benchmarks load dist/, what users get) and makes sure the
 * local domain runs (`npm run domain:start`, idempotent) before the bulk benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT, RESULT_MARKER, renderTable, type BenchResult, type Row } from './lib.js';

const BENCHES = [
  { name: 'requests', file: 'requests.ts', what: 'requests/s against a loopback stub' },
  { name: 'import-time', file: 'import-time.ts', what: 'cold import time' },
  { name: 'bundle-size', file: 'bundle-size.ts', what: 'esbuild bundle size' },
  { name: 'install-footprint', file: 'install-footprint.ts', what: 'npm install --omit=dev footprint' },
  { name: 'bulk', file: 'bulk.ts', what: 'bulk throughput against the local domain', needsDomain: true },
  { name: 'verify', file: 'verify.ts', what: 'verification cost' },
  { name: 'failures', file: 'failures.ts', what: 'the cost of failures' },
] as const;

function sh(command: string, args: string[], opts: { quiet?: boolean } = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stdout += text;
      if (opts.quiet !== true) {
        for (const line of text.split('\n')) if (line !== '' && !line.startsWith(RESULT_MARKER)) process.stderr.write(`  ${line}\n`);
      }
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

function parseResult(stdout: string): BenchResult | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_MARKER.length)) as BenchResult);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyArg = args.indexOf('--only');
  const only = onlyArg >= 0 ? new Set((args[onlyArg + 1] ?? '').split(',')) : undefined;
  const started = new Date();
  const loadBefore = loadavg();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

  if (!args.includes('--no-build')) {
    process.stderr.write('[bench] npm run build\n');
    const b = await sh(npm, ['run', 'build'], { quiet: true });
    if (b.code !== 0) throw new Error('npm run build failed');
  }

  const rows: Row[] = [];
  const notes: string[] = [];
  const timings: string[] = [];
  for (const bench of BENCHES) {
    if (only !== undefined && !only.has(bench.name)) continue;
    if ('needsDomain' in bench && bench.needsDomain) {
      process.stderr.write('[bench] npm run domain:start\n');
      const d = await sh(npm, ['run', 'domain:start'], { quiet: true });
      if (d.code !== 0) {
        rows.push({ group: bench.what, variant: '—', value: 'not run', spread: '', ratio: '—', baseline: '—', note: 'local domain did not start' });
        continue;
      }
    }
    process.stderr.write(`[bench] ${bench.name}: ${bench.what}\n`);
    const t0 = Date.now();
    const r = await sh(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', bench.file)]);
    const result = parseResult(r.stdout);
    timings.push(`${bench.name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (r.code !== 0 || result === undefined) {
      rows.push({ group: bench.what, variant: '—', value: 'FAILED', spread: '', ratio: '—', baseline: '—', note: `exit ${r.code}` });
      notes.push(`${bench.name} failed (exit ${r.code}); see its output above.`);
      continue;
    }
    rows.push(...result.rows);
    notes.push(...result.notes);
  }

  const loadAfter = loadavg();
  const header = [
    `# Benchmarks (${started.toISOString()})`,
    '',
    `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after; shared machine: read the spreads, not only the medians.`,
    '',
  ];
  const table = renderTable(rows);
  const unmet = rows.filter((r) => r.meets === false).map((r) => `${r.group}: ${r.variant} ${r.ratio} vs target ${r.target ?? ''}`);
  const text = [
    ...header,
    table,
    '',
    ...notes.map((n) => `- ${n}`),
    ...rows.filter((r) => r.note !== undefined).map((r) => `- ${r.group}: ${r.note ?? ''}`),
    '',
    unmet.length === 0 ? 'All targets met.' : `Targets not met:\n${unmet.map((u) => `- ${u}`).join('\n')}`,
    '',
    `Wall time per benchmark: ${timings.join(', ')}; total ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s (build included).`,
    '',
  ].join('\n');
  console.log(text);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.md'), text);
  process.stderr.write(`[bench] written to bench/results/latest.md\n`);
}

await main();
