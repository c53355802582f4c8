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
/** The examples read the same local domain as this test (the matrix points FGAC_DOMAIN_DIR at the 3.x one). */
const domainDir: Record<string, string> = process.env.FGAC_DOMAIN_DIR !== undefined ? { FGAC_DOMAIN_DIR: process.env.FGAC_DOMAIN_DIR } : {};
const INGEST_INDEX = 'examples-ingest';

/** Runs examples/<name>.ts with the env of one auth mode and principal; returns stdout. */
async function example(name: string, mode: 'basic' | 'iam' | 'cognito', who: LocalPrincipal, extra: Record<string, string> = {}): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...domainDir, ...localEnv(conn, mode, who), INGEST_INDEX, ...extra };
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

/** Runs examples/<name>.ts's `handler(event, context, callback)` as the Lambda Node.js runtime does (test/support/lambda-runtime.ts). */
async function invokeHandler(name: string, event: unknown, mode: 'basic' | 'iam', timeoutMs = 30_000): Promise<unknown> {
  const payload = await invokeRaw(name, event, mode, timeoutMs);
  assert.equal(payload.error, undefined, JSON.stringify(payload.error));
  return payload.result;
}

/** As invokeHandler, but hands back what the handler threw too. */
async function invokeRaw(name: string, event: unknown, mode: 'basic' | 'iam', timeoutMs = 30_000): Promise<{ result?: unknown; error?: { name?: string; message?: string } }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...localEnv(conn, mode, 'master'), INGEST_INDEX };
  const pending = run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test', 'support', 'lambda-runtime.ts'),
    path.join(PROJECT_ROOT, 'examples', `${name}.ts`), 'handler', String(timeoutMs)], { env, cwd: PROJECT_ROOT, timeout: 60_000 });
  pending.child.stdin?.end(JSON.stringify(event));
  const { stdout } = await pending;
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('@@lambda-result '));
  assert.ok(line !== undefined, `no result line in: ${stdout}`);
  return JSON.parse(line.slice('@@lambda-result '.length)) as { result?: unknown; error?: { name?: string; message?: string } };
}

/** The stored sources of `ids` in the ingest index (undefined: not stored). */
async function stored(ids: string[]): Promise<Record<string, Record<string, unknown> | undefined>> {
  const r = await request(`${conn.opensearch.url}/${INGEST_INDEX}/_mget`, { method: 'POST', basic: master, ca, body: JSON.stringify({ ids }) });
  const docs = r.json<{ docs: Array<{ _id: string; found: boolean; _source?: Record<string, unknown> }> }>().docs;
  return Object.fromEntries(docs.map((d) => [d._id, d.found ? d._source : undefined]));
}

function sqsMessage(messageId: string, body: string, queue = 'rt-queue', groupId?: string): Record<string, unknown> {
  return {
    messageId, receiptHandle: `rh-${messageId}`, body, md5OfBody: '', messageAttributes: {}, eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${conn.region}:123456789012:${queue}`, awsRegion: conn.region,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1700000000000', SenderId: 'AIDATEST', ApproximateFirstReceiveTimestamp: '1700000000000',
      ...(groupId !== undefined ? { MessageGroupId: groupId, SequenceNumber: '1', MessageDeduplicationId: messageId } : {}) },
  };
}

describe('example ingest handlers invoked as the Lambda runtime does (event, context)', () => {
  test('sqs-ingestor: every valid message indexed, exactly the invalid ones reported', async () => {
    const valid = Array.from({ length: 10 }, (_, i) => sqsMessage(`rt-sqs-${i}`, JSON.stringify({ n: i, text: `valid ${i}` })));
    const invalid = [sqsMessage('rt-sqs-bad-json', '{"n": 1'), sqsMessage('rt-sqs-array', '[1,2]'), sqsMessage('rt-sqs-mapping', JSON.stringify({ n: 'not a number' }))];
    const records = [...valid.slice(0, 4), invalid[0]!, ...valid.slice(4, 8), invalid[1]!, ...valid.slice(8), invalid[2]!];
    const result = await invokeHandler('sqs-ingestor', { Records: records }, 'basic') as { batchItemFailures: Array<{ itemIdentifier: string }> };
    assert.deepEqual(result.batchItemFailures.map((f) => f.itemIdentifier), ['rt-sqs-bad-json', 'rt-sqs-array', 'rt-sqs-mapping']);
    const docs = await stored([...valid, ...invalid].map((m) => String(m.messageId)));
    valid.forEach((m, i) => assert.deepEqual(docs[String(m.messageId)], { n: i, text: `valid ${i}` }, String(m.messageId)));
    for (const m of invalid) assert.equal(docs[String(m.messageId)], undefined, `${String(m.messageId)} is not stored`);
  });

  test('sqs-ingestor on a FIFO queue: a failed message fails the later messages of its group only', async () => {
    const fifo = (id: string, group: string, body: string) => sqsMessage(id, body, 'rt-queue.fifo', group);
    const records = [
      fifo('rt-fifo-a1', 'A', JSON.stringify({ n: 1 })), fifo('rt-fifo-b1', 'B', JSON.stringify({ n: 2 })),
      fifo('rt-fifo-a2', 'A', 'not json'), fifo('rt-fifo-b2', 'B', JSON.stringify({ n: 3 })),
      fifo('rt-fifo-a3', 'A', JSON.stringify({ n: 4 })), fifo('rt-fifo-b3', 'B', JSON.stringify({ n: 5 })),
    ];
    const result = await invokeHandler('sqs-ingestor', { Records: records }, 'basic') as { batchItemFailures: Array<{ itemIdentifier: string }> };
    assert.deepEqual(result.batchItemFailures.map((f) => f.itemIdentifier), ['rt-fifo-a2', 'rt-fifo-a3']);
    const docs = await stored(records.map((m) => String(m.messageId)));
    assert.deepEqual(Object.entries(docs).filter(([, d]) => d !== undefined).map(([id]) => id), ['rt-fifo-a1', 'rt-fifo-b1', 'rt-fifo-b2', 'rt-fifo-b3']);
  });

  test('sqs-ingestor past its deadline: every message reported for redelivery, none lost', async () => {
    const records = [sqsMessage('rt-late-1', JSON.stringify({ n: 1 })), sqsMessage('rt-late-2', JSON.stringify({ n: 2 }))];
    // 1.5 s left and a 2 s margin: the handler must not start work it cannot finish.
    const result = await invokeHandler('sqs-ingestor', { Records: records }, 'basic', 1500) as { batchItemFailures: Array<{ itemIdentifier: string }> };
    assert.deepEqual(result.batchItemFailures.map((f) => f.itemIdentifier), ['rt-late-1', 'rt-late-2']);
    assert.deepEqual(await stored(['rt-late-1', 'rt-late-2']), { 'rt-late-1': undefined, 'rt-late-2': undefined });
  });

  test('firehose-ingestor (iam): Ok for every valid record and it is indexed, ProcessingFailed exactly for the invalid, Dropped heartbeats', async () => {
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const records = [
      ...Array.from({ length: 8 }, (_, i) => ({ recordId: `rt-fh-${i}`, approximateArrivalTimestamp: 1700000000000, data: b64(JSON.stringify({ n: i, text: `fh ${i}` })) })),
      { recordId: 'rt-fh-heartbeat', approximateArrivalTimestamp: 1700000000000, data: b64('heartbeat') },
      { recordId: 'rt-fh-broken', approximateArrivalTimestamp: 1700000000000, data: b64('{broken') },
      { recordId: 'rt-fh-string', approximateArrivalTimestamp: 1700000000000, data: b64('"just a string"') },
    ];
    const event = { invocationId: 'rt', deliveryStreamArn: `arn:aws:firehose:${conn.region}:123456789012:deliverystream/rt`, region: conn.region, records };
    const result = await invokeHandler('firehose-ingestor', event, 'iam') as { records: Array<{ recordId: string; result: string; data: string }> };
    assert.deepEqual(result.records.map((r) => [r.recordId, r.result]), records.map((r) => [r.recordId,
      r.recordId === 'rt-fh-heartbeat' ? 'Dropped' : r.recordId === 'rt-fh-broken' || r.recordId === 'rt-fh-string' ? 'ProcessingFailed' : 'Ok']));
    assert.deepEqual(result.records.map((r) => r.data), records.map((r) => r.data), 'data is echoed');
    const docs = await stored(records.map((r) => r.recordId));
    for (let i = 0; i < 8; i++) assert.deepEqual(docs[`rt-fh-${i}`], { n: i, text: `fh ${i}` });
    for (const id of ['rt-fh-heartbeat', 'rt-fh-broken', 'rt-fh-string']) assert.equal(docs[id], undefined);
  });
});

/** How many stored documents of the ingest index have `hostile` = `marker` (refreshed first). */
async function countMarked(marker: string): Promise<number> {
  await request(`${conn.opensearch.url}/${INGEST_INDEX}/_refresh`, { method: 'POST', basic: master, ca });
  const r = await request(`${conn.opensearch.url}/${INGEST_INDEX}/_count`, { method: 'POST', basic: master, ca, body: JSON.stringify({ query: { match_phrase: { hostile: marker } } }) });
  return r.json<{ count: number }>().count;
}

describe('example ingest handlers given hostile events', () => {
  test('sqs-ingestor: a message without a messageId fails the invocation before anything is stored (it was stored under a UUID, then the handler threw)', async () => {
    const good = sqsMessage('rt-hostile-nomsg-ok', JSON.stringify({ hostile: 'rt-nomsgid' }));
    const { messageId: _, ...noId } = sqsMessage('unused', JSON.stringify({ hostile: 'rt-nomsgid' }));
    const payload = await invokeRaw('sqs-ingestor', { Records: [good, noId] }, 'basic');
    assert.equal(payload.error?.name, 'MalformedEventError');
    assert.match(String(payload.error?.message), /^malformed event: Records\[1\]\.messageId must be a non-empty string, got undefined$/);
    assert.equal(await countMarked('rt-nomsgid'), 0, 'nothing stored that a redelivery would store a second time');
  });

  test('sqs-ingestor: the same MessageGroupId on two FIFO queues: a failure on one queue holds nothing back on the other', async () => {
    const a = (id: string, body: string) => sqsMessage(id, body, 'rt-hostile-a.fifo', 'g');
    const b = (id: string, body: string) => sqsMessage(id, body, 'rt-hostile-b.fifo', 'g');
    const records = [a('rt-hq-a1', 'not json'), b('rt-hq-b1', JSON.stringify({ n: 1 })), a('rt-hq-a2', JSON.stringify({ n: 2 })), b('rt-hq-b2', JSON.stringify({ n: 3 }))];
    const result = await invokeHandler('sqs-ingestor', { Records: records }, 'basic') as { batchItemFailures: Array<{ itemIdentifier: string }> };
    assert.deepEqual(result.batchItemFailures.map((f) => f.itemIdentifier), ['rt-hq-a1', 'rt-hq-a2']);
    assert.deepEqual(await stored(['rt-hq-a1', 'rt-hq-b1', 'rt-hq-a2', 'rt-hq-b2']), { 'rt-hq-a1': undefined, 'rt-hq-b1': { n: 1 }, 'rt-hq-a2': undefined, 'rt-hq-b2': { n: 3 } });
  });

  test('firehose-ingestor: data that is not canonical base64 of UTF-8 is ProcessingFailed and not stored (it was decoded leniently and stored Ok)', async () => {
    const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
    const good = b64(JSON.stringify({ hostile: 'rt-fh-b64', n: 1 }));
    const records = [
      { recordId: 'rt-fhb-ok', data: good },
      { recordId: 'rt-fhb-junk', data: `${b64(JSON.stringify({ hostile: 'rt-fh-b64', n: 2 }))}!!` },
      { recordId: 'rt-fhb-wrapped', data: b64(JSON.stringify({ hostile: 'rt-fh-b64', n: 3 })).replace(/(.{8})/, '$1\n') },
      { recordId: 'rt-fhb-latin1', data: b64(Buffer.from('{"hostile":"rt-fh-b64","s":"caf\xe9"}', 'latin1')) },
    ].map((r) => ({ ...r, approximateArrivalTimestamp: 1700000000000 }));
    const event = { invocationId: 'rt-h', deliveryStreamArn: `arn:aws:firehose:${conn.region}:123456789012:deliverystream/rt`, region: conn.region, records };
    const result = await invokeHandler('firehose-ingestor', event, 'basic') as { records: Array<{ recordId: string; result: string; data: string }> };
    assert.deepEqual(result.records, records.map((r) => ({ recordId: r.recordId, result: r.recordId === 'rt-fhb-ok' ? 'Ok' : 'ProcessingFailed', data: r.data })));
    assert.deepEqual(await stored(records.map((r) => r.recordId)), { 'rt-fhb-ok': { hostile: 'rt-fh-b64', n: 1 }, 'rt-fhb-junk': undefined, 'rt-fhb-wrapped': undefined, 'rt-fhb-latin1': undefined });
  });

  test('firehose-ingestor: a recordId twice fails the invocation before anything is stored (it stored both and answered the recordId twice)', async () => {
    const data = Buffer.from(JSON.stringify({ hostile: 'rt-fh-dup' })).toString('base64');
    const records = ['rt-fhd-1', 'rt-fhd-2', 'rt-fhd-1'].map((recordId) => ({ recordId, data, approximateArrivalTimestamp: 1700000000000 }));
    const event = { invocationId: 'rt-d', deliveryStreamArn: `arn:aws:firehose:${conn.region}:123456789012:deliverystream/rt`, region: conn.region, records };
    const payload = await invokeRaw('firehose-ingestor', event, 'basic');
    assert.equal(payload.error?.name, 'MalformedEventError');
    assert.match(String(payload.error?.message), /^malformed event: records\[2\]\.recordId repeats "rt-fhd-1"/);
    assert.equal(await countMarked('rt-fh-dup'), 0);
  });
});

test('examples/typed-catch.ts names what to fix for each failure', async () => {
  const lines = (await example('typed-catch', 'basic', 'limited')).trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, /^GET _search: fix the role mapping: User new-user \(backend roles: new-backend-role\) lacks indices:data\/read\/search on one or more of the indices matching \[\*\] \(also an errors\.ResponseError\)$/);
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
    { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...domainDir }, cwd: PROJECT_ROOT, timeout: 120_000 });
  assert.match(stdout, /role new-role: unchanged; user new-user: unchanged; mapping new-role: unchanged/);
  for (const who of ['new-user', 'IAMLimitedUserRole', 'Cognito limited-cognito-user']) {
    assert.match(stdout, new RegExp(`${who}\\s+\\S+\\s+SecurityExceptionError: User \\S+ \\(backend roles: \\S+\\) lacks indices:data/read/search on one or more of the indices matching \\[\\*\\]`));
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
