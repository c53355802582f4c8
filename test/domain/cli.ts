/** `npm run domain:start | domain:stop | domain:status`. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, status, stop } from './launcher.js';
import { DOMAIN_DIR } from './paths.js';

/** The matrix's 3.x domains live inside this one (test/matrix/run.ts); `stop` stops them too when they were left running. */
function stopNested(): void {
  for (const name of ['opensearch-3', 'opensearch-3-dfm']) {
    const nested = path.join(DOMAIN_DIR, name);
    if (!fs.existsSync(path.join(nested, 'state.json'))) continue;
    spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'stop'], { stdio: 'inherit', env: { ...process.env, FGAC_DOMAIN_DIR: nested } });
  }
}

const command = process.argv[2];
try {
  if (command === 'start') await start();
  else if (command === 'stop') {
    await stop();
    stopNested();
  }
  else if (command === 'status') process.exitCode = (await status()) ? 0 : 1;
  else {
    console.error('usage: tsx test/domain/cli.ts start|stop|status');
    process.exitCode = 2;
  }
} catch (e) {
  console.error(`[domain] ${command} failed: ${(e as Error).message}`);
  process.exitCode = 1;
}
