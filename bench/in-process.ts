/**
 * Diagnostic (not part of `npm run bench`): several clients in ONE process against the loopback stub
 * (bench/stub-server.ts, its own process), 16 concurrent searches each, slices rotated per round; prints
 * each client's CPU per request as the median of its per-round ratios to the raw client's. One process
 * removes the per-process spread of bench/requests.ts (identical raw processes differ by up to ~10%
 * there), so what is left is the per-request path itself, with real sockets. The `bypass` client is
 * createClient's with `transport.request` replaced by opensearch-js's own: our connection (signing, TLS,
 * response guard) without our per-call machinery (retries, deadline, meta redaction): the difference
 * between `none` and `bypass` is that machinery's cost (docs/PERFORMANCE.md, stop 43).
 *
 *   npx tsx bench/in-process.ts              (needs `npm run build`; BENCH_ROUNDS, default 40)
 */
import { Client, Transport } from '@opensearch-project/opensearch';
import { startStub } from './stub.js';
import { loadPackageAsNode, median, quantile } from './lib.js';

const SEARCH = { index: 'flights', body: { query: { term: { Carrier: 'Logstash Airways' } }, size: 3 } };
const CREDENTIALS = { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench/secret+key=', sessionToken: 'bench-session-token' };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const SLICE_MS = 120;

/** What a measured client needs: a search and a close. */
interface Searchable {
  search(params: typeof SEARCH): Promise<unknown>;
  close(): Promise<void>;
}

/** CPU microseconds of this process per search over `ms` of 16 concurrent searches. */
async function slice(client: Searchable, ms: number): Promise<number> {
  let done = 0;
  const cpu = process.cpuUsage();
  const end = performance.now() + ms;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (performance.now() < end) {
      await client.search(SEARCH);
      done++;
    }
  }));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / Math.max(1, done);
}

const stub = await startStub();
const pkg = await loadPackageAsNode();
const node = stub.url;
const bypass = pkg.createClient({ node, auth: { mode: 'none' } });
const parentRequest = Transport.prototype.request as (this: Transport, params: unknown, options: unknown) => unknown;
(bypass.transport as unknown as { request: (params: unknown, options?: unknown) => unknown }).request = function request(this: Transport, params: unknown, options?: unknown): unknown {
  return parentRequest.call(this, params, options ?? {});
};
const clients: Record<string, Searchable> = {
  raw: new Client({ node }),
  none: pkg.createClient({ node, auth: { mode: 'none' } }),
  bypass,
  basic: pkg.createClient({ node, auth: { mode: 'basic', username: 'bench-user', password: 'bench-password' } }),
  iam: pkg.createClient({ node, auth: { mode: 'iam', region: 'us-east-1', credentials: CREDENTIALS } }),
};
const names = Object.keys(clients);
for (const name of names) await slice(clients[name] as Searchable, 800);
const ratios: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  const got: Record<string, number> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length] as string;
    got[name] = await slice(clients[name] as Searchable, SLICE_MS);
  }
  for (const name of names) {
    (ratios[name] as number[]).push((got[name] as number) / (got.raw as number));
    (cpu[name] as number[]).push(got[name] as number);
  }
}
console.log(`one process, ${ROUNDS} rounds of ${SLICE_MS} ms slices per client (rotated); CPU per request relative to the raw client in the same round:`);
for (const name of names) {
  const r = ratios[name] as number[];
  console.log(`  ${name.padEnd(7)} ${median(r).toFixed(3)}x (quartiles ${quantile(r, 0.25).toFixed(3)}-${quantile(r, 0.75).toFixed(3)}), ${median(cpu[name] as number[]).toFixed(1)} us CPU per request`);
}
for (const client of Object.values(clients)) await client.close();
await stub.stop();
