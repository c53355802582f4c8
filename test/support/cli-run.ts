/** Runs the CLI's `main` in this process, capturing what it writes to stdout and stderr. */
import { main } from '../../src/cli/main.js';

/** Runs `main` with `args` and `env`; resolves to its exit code, stdout, stderr and both in order (`text`). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string; text: string }> {
  let stdout = '';
  let stderr = '';
  let text = '';
  const err = process.stderr.write.bind(process.stderr);
  const out = process.stdout.write.bind(process.stdout);
  // the CLI writes strings; bytes are the test runner's own reports to its parent, passed on
  const capture = (write: (...a: unknown[]) => boolean, keep: (text: string) => void) => (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk !== 'string') return write(chunk, ...rest);
    keep(chunk);
    text += chunk;
    return true;
  };
  process.stderr.write = capture(err as (...a: unknown[]) => boolean, (t) => (stderr += t)) as typeof process.stderr.write;
  process.stdout.write = capture(out as (...a: unknown[]) => boolean, (t) => (stdout += t)) as typeof process.stdout.write;
  try {
    const code = await main(['node', 'opensearch-fgac', ...args], env);
    return { code, stdout, stderr, text };
  } finally {
    process.stderr.write = err;
    process.stdout.write = out;
  }
}
