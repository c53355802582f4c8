/** `npm run domain:start | domain:stop | domain:status`. */
import { start, status, stop } from './launcher.js';

const command = process.argv[2];
try {
  if (command === 'start') await start();
  else if (command === 'stop') await stop();
  else if (command === 'status') process.exitCode = (await status()) ? 0 : 1;
  else {
    console.error('usage: tsx test/domain/cli.ts start|stop|status');
    process.exitCode = 2;
  }
} catch (e) {
  console.error(`[domain] ${command} failed: ${(e as Error).message}`);
  process.exitCode = 1;
}
