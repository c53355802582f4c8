/**
 * Diagnostic: the client code's own CPU per request, without sockets. `http.request` is replaced
 * (in this process only) by a stand-in that answers every request at once with a small JSON
 * search response, so what is measured is opensearch-js plus the variant's code, not the kernel,
 * the stub or the machine's network stack. The raw client and one variant share a process and
 * alternate in short slices; the difference of their CPU µs per request is the variant's cost.
 *
 *   npx tsx bench/client-overhead.ts          (none, basic, iam, raw signer: one process each)
 *   BENCH_VARIANT=iam npx tsx bench/client-overhead.ts   (BENCH_PACKAGE, BENCH_ROUNDS as elsewhere)
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadPackageAsNode, max, median, min } from './lib.js';

const BODY = JSON.stringify({ took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: 0, relation: 'eq' }, max_score: null, hits: [] } });
const HEADERS = { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(BODY.length) };
const CREDENTIALS = { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench/secret+key=', sessionToken: 'bench-session-token' };
const SEARCH = { index: 'flights', body: { query: { term: { Carrier: 'Logstash Airways' } }, size: 3 } };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PER_SLICE = 1600;

/** The stand-in for a ClientRequest: answers on the next turn of the event loop. */
class InstantRequest extends EventEmitter {
  setNoDelay(): void {}
  abort(): void {}
  end(): void {
    setImmediate(() => {
      const response = Object.assign(new Readable({ read() { this.push(BODY); this.push(null); } }), { statusCode: 200, headers: HEADERS });
      this.emit('response', response);
    });
  }
}

interface Searchable { search(params: typeof SEARCH): Promise<unknown> }

async function measureVariant(variant: string): Promise<void> {
  (http as unknown as { request: unknown }).request = () => new InstantRequest();
  const { Client } = await import('@opensearch-project/opensearch');
  const { AwsSigv4Signer } = await import('@opensearch-project/opensearch/aws');
  const node = 'http://127.0.0.1:9';
  const raw: Searchable = new Client({ node });
  let other: Searchable;
  if (variant === 'rawSigv4') other = new Client({ ...AwsSigv4Signer({ region: 'us-east-1', service: 'es', getCredentials: async () => CREDENTIALS }), node });
  else {
    const pkg = await loadPackageAsNode();
    const auth = variant === 'none' ? { mode: 'none' as const } : variant === 'basic' ? { mode: 'basic' as const, username: 'u', password: 'p' } : { mode: 'iam' as const, region: 'us-east-1', credentials: CREDENTIALS };
    other = pkg.createClient({ node, auth });
  }
  const slice = async (client: Searchable, n: number): Promise<number> => {
    const cpu = process.cpuUsage();
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let i = 0; i < n / 16; i++) await client.search(SEARCH);
    }));
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / n;
  };
  await slice(raw, 4000);
  await slice(other, 4000);
  const rawUs: number[] = [];
  const otherUs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let a = 0;
    let b = 0;
    for (let s = 0; s < 6; s++) {
      if ((r + s) % 2 === 0) {
        a += await slice(raw, PER_SLICE);
        b += await slice(other, PER_SLICE);
      } else {
        b += await slice(other, PER_SLICE);
        a += await slice(raw, PER_SLICE);
      }
    }
    rawUs.push(a / 6);
    otherUs.push(b / 6);
  }
  const diffs = otherUs.map((v, i) => v - (rawUs[i] as number));
  console.log(`${variant.padEnd(9)} raw ${median(rawUs).toFixed(1)} µs, variant ${median(otherUs).toFixed(1)} µs per request: +${median(diffs).toFixed(1)} µs (rounds ${min(diffs).toFixed(1)} to ${max(diffs).toFixed(1)})`);
}

const variant = process.env.BENCH_VARIANT;
if (variant !== undefined) {
  await measureVariant(variant);
} else {
  for (const v of ['none', 'basic', 'iam', 'rawSigv4']) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_VARIANT: v }, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
