/**
 * Benchmark (f): what `npm install --omit=dev` puts into an empty project: the packed
 * opensearch-fgac (with its peer @opensearch-project/opensearch, which npm installs; the optional
 * AWS SDK peers are not installed) beside the raw client alone. Packages = entries of
 * `npm ls --all --parseable` (the project itself excluded); MB = `du` of node_modules.
 * Needs the registry (or a warm npm cache) and `npm run build`.
 *
 *   npx tsx bench/install-footprint.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, emit, isMain, num, type BenchResult, type Row } from './lib.js';

interface Footprint { packages: number; bytes: number; names: string[] }

function install(dir: string, specs: string[]): Footprint {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'footprint', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, stdio: 'ignore' });
  const lines = execFileSync('npm', ['ls', '--all', '--parseable', '--omit=dev'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').slice(1);
  const kb = Number(execFileSync('du', ['-sk', join(dir, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
  return { packages: lines.length, bytes: kb * 1024, names: lines.map((l) => l.slice(l.lastIndexOf('node_modules/') + 'node_modules/'.length)) };
}

/** Runs the benchmark and returns its rows. */
export async function runBench(): Promise<BenchResult> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'fgac-footprint-'));
  try {
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string;
    const peer = (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@opensearch-project', 'opensearch', 'package.json'), 'utf8')) as { version: string }).version;
    const rawDir = mkdtempSync(join(work, 'raw-'));
    const oursDir = mkdtempSync(join(work, 'ours-'));
    const raw = install(rawDir, [`@opensearch-project/opensearch@${peer}`]);
    const ours = install(oursDir, [join(work, tgz)]);
    const row = (variant: string, f: Footprint): Row => ({
      group: 'npm install --omit=dev',
      variant,
      value: `${f.packages} packages`,
      spread: `${num(f.bytes / 1024 / 1024, 1)} MB`,
      ratio: f === raw ? '1.00x' : `+${f.packages - raw.packages} packages, +${num((f.bytes - raw.bytes) / 1024 / 1024, 1)} MB`,
      baseline: 'raw client',
    });
    const extra = ours.names.filter((n) => !raw.names.includes(n));
    return {
      name: 'install-footprint',
      rows: [row(`raw client (@opensearch-project/opensearch@${peer})`, raw), row('opensearch-fgac (+ its peer opensearch-js)', ours)],
      notes: [`install footprint: packages opensearch-fgac adds to the raw client: ${extra.join(', ')}.`],
      elapsedMs: Date.now() - started,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  emit(await runBench());
}
