/**
 * Loopback HTTP stub for bench/requests.ts, run in its own process so that the client under test
 * has the event loop to itself: answers every request (body read to the end) with a tiny JSON
 * search response over keep-alive (or, with STUB_BODY_FILE, that file's bytes). Prints
 * `port=<n>` when listening; exits when stdin closes.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const BODY =
  process.env.STUB_BODY_FILE !== undefined
    ? readFileSync(process.env.STUB_BODY_FILE)
    : Buffer.from(JSON.stringify({ took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: 0, relation: 'eq' }, max_score: null, hits: [] } }));
const HEADERS = { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(BODY.length) };

const server = http.createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, HEADERS);
    res.end(BODY);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port=${(server.address() as AddressInfo).port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
