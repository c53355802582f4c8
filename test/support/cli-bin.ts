/** Runs the built `opensearch-fgac` bin (dist/cli.js, built by `npm test`) as a subprocess in `cwd`. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../domain/paths.js';

const execFileP = promisify(execFile);

/** The bin's path. */
export const CLI_BIN = path.join(PROJECT_ROOT, 'dist', 'cli.js');

/** What one run printed and its exit code. */
export interface CliRun { code: number; stdout: string; stderr: string }

/** Runs the bin with `args` and only PATH, HOME and `env` in its environment. */
export async function runCliBin(args: string[], env: Record<string, string>, cwd: string): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [CLI_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, cwd, timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
