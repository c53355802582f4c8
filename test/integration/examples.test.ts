/** Every example runs against the local domain, so none can rot. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { PROJECT_ROOT } from '../domain/paths.js';
import { localEnv, type LocalPrincipal } from '../support/local-env.js';
import { flights } from '../domain/seed-data.js';

const run = promisify(execFile);
const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const INGEST_INDEX = 'examples-ingest';

/** Runs examples/<name>.ts with the env of one auth mode and principal; returns stdout. */
async function example(name: string, mode: 'basic' | 'iam' | 'cognito', who: LocalPrincipal, extra: Record<string, string> = {}): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...localEnv(conn, mode, who), INGEST_INDEX, ...extra };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'examples', `${name}.ts`)],
    { env, cwd: PROJECT_ROOT, timeout: 60_000 });
  return stdout;
}

after(async () => {
  await request(`${conn.opensearch.url}/${INGEST_INDEX}`, { method: 'DELETE', basic: master, ca });
});

describe('examples/lambda-search.ts', () => {
  for (const mode of ['basic', 'iam', 'cognito'] as const) {
    test(`limited principal via ${mode}: masked hits, typed 403 on movies`, async () => {
      const out = JSON.parse(await example('lambda-search', mode, 'limited')) as Record<string, { statusCode: number; body: string }>;
      assert.equal(out.first!.statusCode, 200);
      const first = JSON.parse(out.first!.body) as { hits: Array<Record<string, unknown>> };
      assert.ok(first.hits.length > 0);
      for (const h of first.hits) {
        assert.equal(h.Carrier, 'JetBeats');
        assert.equal(h.FlightDelay, true);
        assert.ok(!('FlightNum' in h));
        assert.match(String(h.Dest), /^[0-9a-f]{64}$/);
      }
      assert.equal(out.second!.statusCode, 403);
      const denied = JSON.parse(out.second!.body) as { user: string; actions: string[] };
      assert.equal(denied.user, mode === 'basic' ? 'new-user' : conn.iam.limited.arn);
      assert.deepEqual(denied.actions, ['indices:data/read/search']);
    });
  }

  test('master principal via iam sees FlightNum and clear Dest', async () => {
    const out = JSON.parse(await example('lambda-search', 'iam', 'master')) as Record<string, { statusCode: number; body: string }>;
    const first = JSON.parse(out.first!.body) as { hits: Array<Record<string, unknown>> };
    assert.ok(first.hits.every((h) => typeof h.FlightNum === 'string' && !/^[0-9a-f]{64}$/.test(String(h.Dest))));
    assert.equal(out.second!.statusCode, 200);
  });
});

test('examples/sqs-ingestor.ts reports only the unparsable message for redelivery', async () => {
  const out = await example('sqs-ingestor', 'basic', 'master');
  assert.deepEqual(JSON.parse(out.trim()), { batchItemFailures: [{ itemIdentifier: 'msg-2' }] });
  await request(`${conn.opensearch.url}/${INGEST_INDEX}/_refresh`, { method: 'POST', basic: master, ca });
  const doc = await request(`${conn.opensearch.url}/${INGEST_INDEX}/_doc/msg-3`, { basic: master, ca });
  assert.equal(doc.json<{ _source: { text: string } }>()._source.text, 'world');
});

test('examples/firehose-ingestor.ts answers Ok / Dropped / ProcessingFailed per record', async () => {
  const out = await example('firehose-ingestor', 'iam', 'master');
  assert.deepEqual(JSON.parse(out.trim()), [
    { recordId: 'rec-1', result: 'Ok' }, { recordId: 'rec-2', result: 'Dropped' }, { recordId: 'rec-3', result: 'ProcessingFailed' },
  ]);
});

test('examples/typed-catch.ts names what to fix for each failure', async () => {
  const lines = (await example('typed-catch', 'basic', 'limited')).trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, /^GET _search: fix the role mapping: User new-user \(backend roles: new-backend-role\) lacks indices:data\/read\/search on \[\*\] \(also an errors\.ResponseError\)$/);
  assert.equal(lines[1], 'GET flights/_search: ok');
  assert.match(lines[2]!, /^wrong password: check the credentials: /);
  assert.ok(!lines.join('\n').includes('wrong-password'), 'the password never appears in the error');
});

test('examples/security-admin.ts converges, then plans nothing, and adds users by PATCH', async () => {
  const lines = (await example('security-admin', 'iam', 'master', { EXAMPLE_PREFIX: 'ex-admin' })).trim().split('\n');
  assert.deepEqual(lines.slice(0, 3), [
    'first plan: changes needed',
    'second plan: nothing to do',
    'mapping users: ["alice","bob"] (added ["alice","bob"])',
  ]);
  assert.match(lines[3]!, /^all_access is static: /);
  const gone = await request(`${conn.opensearch.url}/_plugins/_security/api/roles/ex-admin-flights-reader`, { basic: master, ca });
  assert.equal(gone.status, 404, 'the example cleans up after itself');
});

test('examples/demo.ts shows the tutorial differences in every auth mode, verified', async () => {
  const all = flights().length;
  const delayed = flights().filter((f) => f.doc.FlightDelay).length;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'examples', 'demo.ts')],
    { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, cwd: PROJECT_ROOT, timeout: 120_000 });
  assert.match(stdout, /role new-role: unchanged; user new-user: unchanged; mapping new-role: unchanged/);
  for (const who of ['new-user', 'IAMLimitedUserRole', 'Cognito limited-cognito-user']) {
    assert.match(stdout, new RegExp(`${who}\\s+\\S+\\s+SecurityExceptionError: User \\S+ \\(backend roles: \\S+\\) lacks indices:data/read/search on \\[\\*\\]`));
    assert.match(stdout, new RegExp(`${who}\\s+\\S+\\s+${delayed}\\s+hidden\\s+masked \\(${delayed}\\)\\s+yes`));
    assert.match(stdout, new RegExp(`verifyHits ${who}\\s+PASS: ${delayed} hits, 0 DLS violations, 0 FLS leaks, 0 unmasked, ${delayed} masks recomputed`));
  }
  for (const who of ['master-user', 'IAMMasterUserRole']) assert.match(stdout, new RegExp(`${who}\\s+\\S+\\s+${all}\\s+visible\\s+clear\\s+no`));
  assert.match(stdout, new RegExp(`missing for new-user: ${all - delayed}\\b`));
  assert.ok(stdout.includes(`fields hidden: {"FlightNum":${delayed}}; fields masked: {"Dest":${delayed}}`));
});

describe('examples/check-domain.ts', () => {
  const expected = { basic: 'internal-user', iam: 'iam-principal', cognito: 'cognito' } as const;
  for (const mode of ['basic', 'iam', 'cognito'] as const) {
    test(`same program, OPENSEARCH_AUTH=${mode}: identity and configuration`, async () => {
      const lines = (await example('check-domain', mode, 'limited')).trim().split('\n');
      const user = mode === 'basic' ? 'new-user' : conn.iam.limited.arn;
      assert.equal(lines[0], `auth mode: ${mode}; user: ${user}; roles: new-role`);
      assert.match(lines[1]!, new RegExp(`^configuration: ${expected[mode]}: `));
      assert.equal(lines.at(-1), 'ok');
    });
  }
});

test('examples/verify-access.ts passes the real view and catches a planted misconfiguration', async () => {
  const delayed = flights().filter((f) => f.doc.FlightDelay).length;
  const lines = (await example('verify-access', 'basic', 'limited')).trim().split('\n');
  assert.deepEqual(lines, [`flights: pass, ${delayed} hits, ${delayed} masks checked`, `planted misconfiguration: detected (${delayed} FLS leaks)`]);
});
