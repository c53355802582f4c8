/**
 * h244 (review 243): examples/lambda-search.ts, invoked as the Lambda Node.js runtime does
 * (test/support/lambda-runtime.ts) against the local domain: an `index` that is not one index name
 * (`flights/_doc` failed the invocation with IndexNotFoundError; a list, a pattern or `_all` searched other
 * indices than the one named) is a 400 naming `index`, before any request; a good name still searches.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConnection } from '../domain/connection.js';
import { PROJECT_ROOT } from '../domain/paths.js';
import { localEnv } from '../support/local-env.js';

const run = promisify(execFile);
const conn = loadConnection();

type Payload = { result?: { statusCode: number; body: string }; error?: { name?: string; message?: string } };

/** Runs the example's handler once per event in one runtime process each, as the runtime does. */
async function invoke(event: unknown): Promise<Payload> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...localEnv(conn, 'basic', 'master') };
  const pending = run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test', 'support', 'lambda-runtime.ts'), path.join(PROJECT_ROOT, 'examples', 'lambda-search.ts'), 'handler', '30000'],
    { env, cwd: PROJECT_ROOT, timeout: 60_000 });
  pending.child.stdin?.end(JSON.stringify(event));
  const { stdout } = await pending;
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('@@lambda-result '));
  assert.ok(line !== undefined, `no result line in: ${stdout}`);
  return JSON.parse(line.slice('@@lambda-result '.length)) as Payload;
}

test('lambda-search: an index that is not one index name is a 400 naming index, not a failed invocation', async () => {
  const names = ['flights/_doc', 'flights,movies', 'fl*', '_all', '_cat', '-flights', '+flights', 'Flights', 'flights ', ' flights', 'fli\tghts',
    'fli\nghts', 'a#b', 'a:b', 'a"b', 'a\\b', 'a?b', 'a<b', 'a|b', '.', '..', 'x'.repeat(256), '<flights-{now/d}>'];
  // three runtimes at a time (the machine is shared)
  const results: Array<{ index: string; payload: Payload }> = [];
  for (let i = 0; i < names.length; i += 3) {
    results.push(...await Promise.all(names.slice(i, i + 3).map(async (index) => ({ index, payload: await invoke({ index }) }))));
  }
  for (const { index, payload } of results) {
    assert.equal(payload.error, undefined, `${JSON.stringify(index)}: the invocation failed: ${JSON.stringify(payload.error)}`);
    assert.equal(payload.result?.statusCode, 400, JSON.stringify(index));
    const body = JSON.parse(payload.result?.body ?? '{}') as { error?: string; field?: string };
    assert.equal(body.field, 'index', JSON.stringify(index));
    assert.match(body.error ?? '', /^index must be one index name: it /, JSON.stringify(index));
  }
  assert.match(JSON.parse(results[0]!.payload.result!.body).error, /contains "\/"/);
});

test('lambda-search: a good index name still searches (a dot, digits, non-ASCII lower case are names)', async () => {
  const payload = await invoke({ index: 'flights', carrier: 'JetBeats' });
  assert.equal(payload.result?.statusCode, 200, JSON.stringify(payload));
  const hits = (JSON.parse(payload.result!.body) as { hits: Array<{ Carrier: string }> }).hits;
  assert.ok(hits.length > 0 && hits.every((h) => h.Carrier === 'JetBeats'));
});
