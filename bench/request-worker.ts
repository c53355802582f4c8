/**
 * One variant of bench/requests.ts in its own process (as an application holds one kind of
 * client): builds its client against the stub, then answers each `{ ms }` message from the parent
 * with one measurement `{ done, failed, ms, cpuUs }` (16 concurrent client.search by default).
 * Started by bench/requests.ts with BENCH_WORKER_VARIANT, BENCH_STUB_URL and BENCH_PACKAGE set.
 */
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import { loadPackageAsNode } from './lib.js';

const VARIANT = process.env.BENCH_WORKER_VARIANT ?? 'raw';
const URL_ = process.env.BENCH_STUB_URL ?? '';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CREDENTIALS = { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench/secret+key=', sessionToken: 'bench-session-token' };
const REGION = 'us-east-1';
/** The request every variant sends: a small search with a JSON body (so SigV4 hashes a body). */
const SEARCH = { index: 'flights', body: { query: { term: { Carrier: 'Logstash Airways' } }, size: 3 } };

async function makeClient(): Promise<Client> {
  if (VARIANT === 'raw') return new Client({ node: URL_ });
  if (VARIANT === 'rawImported') {
    // diagnostic: the raw client in a process that has loaded this package but built no client with it
    await loadPackageAsNode();
    return new Client({ node: URL_ });
  }
  if (VARIANT === 'rawLoaded') {
    // diagnostic: the raw client in a process that has also loaded this package (and built one client with it)
    const pkg = await loadPackageAsNode();
    pkg.createClient({ node: URL_, auth: { mode: 'none' } });
    return new Client({ node: URL_ });
  }
  if (VARIANT === 'rawSigv4') return new Client({ ...AwsSigv4Signer({ region: REGION, service: 'es', getCredentials: async () => CREDENTIALS }), node: URL_ });
  if (VARIANT === 'rawSigv4Headers') {
    // diagnostic: the raw client sending static headers of the names and sizes SigV4 adds (no signing)
    const headers = {
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-amz-date': '20261130T224002Z',
      'x-amz-security-token': CREDENTIALS.sessionToken,
      authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/20261130/us-east-1/es/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=${'0'.repeat(64)}`,
    };
    return new Client({ node: URL_, headers });
  }
  const pkg = await loadPackageAsNode();
  if (VARIANT === 'none') return pkg.createClient({ node: URL_, auth: { mode: 'none' } });
  if (VARIANT === 'basic') return pkg.createClient({ node: URL_, auth: { mode: 'basic', username: 'bench-user', password: 'bench-password' } });
  if (VARIANT === 'iam') return pkg.createClient({ node: URL_, auth: { mode: 'iam', region: REGION, credentials: CREDENTIALS } });
  throw new Error(`unknown variant ${VARIANT}`);
}

const client = await makeClient();

/** Sends requests with CONCURRENCY workers until `ms` elapse. */
async function measure(ms: number): Promise<{ done: number; failed: number; ms: number; cpuUs: number }> {
  let done = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      try {
        await client.search(SEARCH);
        done++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { done, failed, ms: elapsed, cpuUs: used.user + used.system };
}

process.on('message', (message: { ms?: number; close?: boolean }) => {
  if (message.close === true) {
    void client.close().then(() => process.exit(0));
    return;
  }
  void measure(message.ms ?? 50).then((result) => process.send?.(result));
});
process.send?.({ ready: true });
