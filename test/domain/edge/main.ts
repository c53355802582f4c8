/**
 * Edge process entry: `tsx test/domain/edge/main.ts <path-to-edge.json>`.
 * Prints "edge listening on <url>" once ready; exits cleanly on SIGTERM / SIGINT.
 */
import { readFile } from 'node:fs/promises';
import { startEdge, type EdgeConfig } from './server.js';

async function main(): Promise<void> {
  const configPath = process.argv[2];
  if (configPath === undefined) {
    process.stderr.write('usage: tsx test/domain/edge/main.ts <path-to-edge.json>\n');
    process.exit(2);
  }
  const config = JSON.parse(await readFile(configPath, 'utf8')) as EdgeConfig;
  const edge = await startEdge(config);
  process.stdout.write(`edge listening on ${edge.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    edge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`edge failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
