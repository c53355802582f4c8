/** Starts and stops bench/stub-server.ts (a loopback HTTP stub in its own process). */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Starts bench/stub-server.ts in its own process (optionally serving `bodyFile`). */
export async function startStub(bodyFile?: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL('./stub-server.ts', import.meta.url));
  const env = { ...process.env, ...(bodyFile !== undefined ? { STUB_BODY_FILE: bodyFile } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^port=(\d+)$/.exec(line);
      if (m !== null) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`stub exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
