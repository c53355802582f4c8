/**
 * Profiling driver for the per-request cost: one variant (BENCH_VARIANT = raw | rawSigv4 | none |
 * basic | iam) against the loopback stub for BENCH_DURATION_MS, 16 concurrent searches. Run under
 * `node --cpu-prof --import tsx bench/profile-requests.ts`, then `npx tsx bench/profile-summary.ts <file>`.
 */
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import { startStub } from './stub.js';
import { loadPackageAsNode } from './lib.js';

const VARIANT = process.env.BENCH_VARIANT ?? 'iam';
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const CREDENTIALS = { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench/secret+key=', sessionToken: 'bench-session-token' };
const SEARCH = { index: 'flights', body: { query: { term: { Carrier: 'Logstash Airways' } }, size: 3 } };

const pkg = await loadPackageAsNode();
const stub = await startStub();
const clients: Record<string, () => Client> = {
  raw: () => new Client({ node: stub.url }),
  rawSigv4: () => new Client({ ...AwsSigv4Signer({ region: 'us-east-1', service: 'es', getCredentials: async () => CREDENTIALS }), node: stub.url }),
  none: () => pkg.createClient({ node: stub.url, auth: { mode: 'none' } }),
  basic: () => pkg.createClient({ node: stub.url, auth: { mode: 'basic', username: 'bench-user', password: 'bench-password' } }),
  iam: () => pkg.createClient({ node: stub.url, auth: { mode: 'iam', region: 'us-east-1', credentials: CREDENTIALS } }),
};
const client = (clients[VARIANT] as () => Client)();
let done = 0;
const end = performance.now() + DURATION_MS;
const start = performance.now();
await Promise.all(Array.from({ length: 16 }, async () => {
  while (performance.now() < end) {
    await client.search(SEARCH);
    done++;
  }
}));
const elapsed = performance.now() - start;
console.log(`${VARIANT}: ${done} requests, ${((done * 1000) / elapsed).toFixed(0)} req/s, ${((elapsed * 1000 * 1) / done).toFixed(1)} us wall per request (16 in flight)`);
await client.close();
await stub.stop();
