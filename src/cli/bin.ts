#!/usr/bin/env node
/** The `opensearch-fgac` executable: runs the CLI and sets the exit code. */
import { redactText } from '../errors/redact.js';
import { main } from './main.js';
import { shownOnTerminal } from './output.js';

// A reader that stopped reading (`| head -1`) is not a failure of the command: end quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // last resort (main answers its own errors): never echo a secret a message may carry
    process.stderr.write(`error: ${shownOnTerminal(redactText(e instanceof Error ? e.message : String(e)))}\n`);
    process.exitCode = 2;
  },
);
