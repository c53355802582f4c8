/**
 * The example Lambda handlers, invoked as the Lambda Node.js runtime does (test/support/lambda-runtime.ts),
 * against the local domain:
 * - a body or payload that JSON.parse would change (an integer beyond 2^53, 1e400, 1e-400, -0, a key
 *   twice, also as `\u0061`) fails alone (SQS batchItemFailures, Firehose ProcessingFailed), its reason
 *   logged without its text, and nothing of it is stored; the bodies kept are stored byte for byte
 *   (digits, quotes, escapes and key-like text inside strings, the same key in two objects);
 * - lambda-search answers 400 naming the field for an event it cannot read (null, a carrier object that
 *   went into the term query, an unknown key, an empty carrier) and still searches for a good one;
 * - the handlers bundled with the README's flags (CommonJS and ES) answer as the sources do.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConnection } from '../domain/connection.js';
import { request } from '../domain/http.js';
import { PROJECT_ROOT } from '../domain/paths.js';
import { localEnv } from '../support/local-env.js';

const run = promisify(execFile);
const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = `${conn.users.master.username}:${conn.users.master.password}`;
const INDEX = 'h223-example-handlers';
let dir = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h223-handlers-'));
  await request(`${conn.opensearch.url}/${INDEX}`, { method: 'DELETE', basic: master, ca });
});
after(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await request(`${conn.opensearch.url}/${INDEX}`, { method: 'DELETE', basic: master, ca });
});

type Payload = { result?: unknown; error?: { name?: string; message?: string } };

/** Runs `modulePath`'s handler as the runtime does; its result and what it logged. */
async function invoke(modulePath: string, event: unknown, mode: 'basic' | 'iam' = 'basic'): Promise<{ payload: Payload; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...localEnv(conn, mode, 'master'), INGEST_INDEX: INDEX };
  const pending = run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test', 'support', 'lambda-runtime.ts'), modulePath, 'handler', '30000'],
    { env, cwd: PROJECT_ROOT, timeout: 60_000 });
  pending.child.stdin?.end(JSON.stringify(event));
  const { stdout, stderr } = await pending;
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('@@lambda-result '));
  assert.ok(line !== undefined, `no result line in: ${stdout}`);
  return { payload: JSON.parse(line.slice('@@lambda-result '.length)) as Payload, stderr };
}
const source = (name: string): string => path.join(PROJECT_ROOT, 'examples', `${name}.ts`);

/** The stored _source text of each id, byte for byte (undefined: not stored). */
async function storedText(ids: string[]): Promise<Record<string, string | undefined>> {
  await request(`${conn.opensearch.url}/${INDEX}/_refresh`, { method: 'POST', basic: master, ca });
  const out: Record<string, string | undefined> = {};
  for (const id of ids) {
    const r = await request(`${conn.opensearch.url}/${INDEX}/_source/${encodeURIComponent(id)}`, { basic: master, ca });
    out[id] = r.status === 200 ? r.text : undefined;
  }
  return out;
}

/** Bodies JSON.parse would change: each must fail alone and not be stored. */
const LOSSY: Record<string, string> = {
  big: '{"id":9007199254740993,"note":"a 64-bit id"}',
  pow60: '{"id":1152921504606846976}',
  huge: '{"x":1e400}',
  tiny: '{"x":1e-400}',
  negzero: '{"x":-0.0}',
  dup: '{"a":1,"a":2}',
  escdup: '{"a":1,"\\u0061":2}',
  nesteddup: '{"o":{"k":[{"b":1,"b":2}]}}',
  review: '{"big": 9007199254740993, "huge": 1e400, "neg0": -0}',
};
/** Bodies that survive: JSON.stringify(JSON.parse(body)) === body, so the stored _source must be the body itself. */
const KEPT: Record<string, string> = {
  digits: '{"s":"9007199254740993","t":"1e400 and -0"}',
  quotes: '{"s":"\\"a\\":1,\\"a\\":2","t":"\\\\","u":"x\\\\\\"y"}',
  samekey: '{"a":{"a":1},"b":{"a":2},"c":[{"a":3},{"a":4}]}',
  exact: '{"n":9007199254740992,"m":9007199254740994,"f":0.1,"z":0}',
  unicode: '{"é":"\\u0000","k\\\\":1,"k":2}', // keys of its own: a field mapped as an object by another body would refuse a number
};
for (const body of Object.values(KEPT)) assert.equal(JSON.stringify(JSON.parse(body)), body);

describe('ingest examples: a body JSON.parse would change fails alone; the rest is stored as sent', () => {
  const ids = (prefix: string, o: Record<string, string>): string[] => Object.keys(o).map((k) => `${prefix}-${k}`);

  test('sqs-ingestor: exactly the lossy messages are reported for redelivery, with their reasons', async () => {
    const arn = `arn:aws:sqs:${conn.region}:123456789012:h223-queue`;
    const message = (messageId: string, body: string) => ({ messageId, body, eventSourceARN: arn, awsRegion: conn.region, attributes: {} });
    const records = [...Object.entries(KEPT).map(([k, b]) => message(`sqs-${k}`, b)), ...Object.entries(LOSSY).map(([k, b]) => message(`sqs-${k}`, b))];
    const { payload, stderr } = await invoke(source('sqs-ingestor'), { Records: records });
    assert.equal(payload.error, undefined, JSON.stringify(payload.error));
    assert.deepEqual((payload.result as { batchItemFailures: Array<{ itemIdentifier: string }> }).batchItemFailures.map((f) => f.itemIdentifier), ids('sqs', LOSSY));
    const stored = await storedText([...ids('sqs', KEPT), ...ids('sqs', LOSSY)]);
    for (const [k, body] of Object.entries(KEPT)) assert.equal(stored[`sqs-${k}`], body, k);
    for (const k of Object.keys(LOSSY)) assert.equal(stored[`sqs-${k}`], undefined, `${k} is not stored`);
    assert.match(stderr, /^message sqs-big: the number at character 6 \(16 characters\) is an integer beyond 2\^53 that JSON\.parse and JSON\.stringify would change: it would be stored as another number$/m);
    assert.match(stderr, /^message sqs-escdup: the key at character 7 repeats a key of its object: JSON\.parse would keep only the last value$/m);
    assert.match(stderr, /^failed sqs-dup: invalid_record /m);
    assert.ok(!stderr.includes('9007199254740993'), 'no body text in the log');
  });

  test('firehose-ingestor: lossy payloads are ProcessingFailed and not stored, the rest Ok and stored as sent', async () => {
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const records = [...Object.entries(KEPT), ...Object.entries(LOSSY)].map(([k, b]) => ({ recordId: `fh-${k}`, approximateArrivalTimestamp: 1700000000000, data: b64(b) }));
    const event = { invocationId: 'h223', deliveryStreamArn: `arn:aws:firehose:${conn.region}:123456789012:deliverystream/h223`, region: conn.region, records };
    const { payload, stderr } = await invoke(source('firehose-ingestor'), event, 'iam');
    assert.equal(payload.error, undefined, JSON.stringify(payload.error));
    const answered = (payload.result as { records: Array<{ recordId: string; result: string; data: string }> }).records;
    assert.deepEqual(answered, records.map((r) => ({ recordId: r.recordId, result: r.recordId.slice(3) in LOSSY ? 'ProcessingFailed' : 'Ok', data: r.data })));
    const stored = await storedText(records.map((r) => r.recordId));
    for (const [k, body] of Object.entries(KEPT)) assert.equal(stored[`fh-${k}`], body, k);
    for (const k of Object.keys(LOSSY)) assert.equal(stored[`fh-${k}`], undefined, `${k} is not stored`);
    assert.match(stderr, /^record fh-negzero: the number at character 5 \(4 characters\) is negative zero: it would be stored as 0$/m);
  });

  test('the node itself refuses a key twice, and keeps -0.0 apart from 0 in a double field (why both are refused rather than rewritten)', async () => {
    const idx = `${INDEX}-node`;
    const put = (p: string, body: string) => request(`${conn.opensearch.url}/${idx}${p}`, { method: 'PUT', basic: master, ca, body, headers: { 'content-type': 'application/json' } });
    try {
      assert.equal((await put('', JSON.stringify({ mappings: { properties: { d: { type: 'double' } } } }))).status, 200);
      const dup = await put('/_doc/dup', '{"a":1,"a":2}');
      assert.equal(dup.status, 400);
      assert.match(dup.text, /json_parse_exception/);
      assert.equal((await put('/_doc/neg?refresh=true', '{"d":-0.0}')).status, 201);
      assert.equal((await put('/_doc/pos?refresh=true', '{"d":0}')).status, 201);
      const search = await request(`${conn.opensearch.url}/${idx}/_search`, { method: 'POST', basic: master, ca, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: { term: { d: 0 } } }) });
      assert.deepEqual(search.json<{ hits: { hits: Array<{ _id: string }> } }>().hits.hits.map((h) => h._id), ['pos']);
    } finally {
      await request(`${conn.opensearch.url}/${idx}`, { method: 'DELETE', basic: master, ca });
    }
  });
});

describe('lambda-search: the event is checked', () => {
  const bad = (field: string, error: string) => ({ result: { statusCode: 400, body: JSON.stringify({ error, field }) } });
  for (const [event, expected] of [
    [null, bad('event', 'event must be an object, got null')],
    [[1], bad('event', 'event must be an object, got an array')],
    ['flights', bad('event', 'event must be an object, got string')],
    [{ carrier: { value: 'x', case_insensitive: true } }, bad('carrier', 'carrier must be a non-empty string when given, got object')],
    [{ carrier: '' }, bad('carrier', 'carrier must be a non-empty string when given, got an empty string')],
    [{ carrier: null }, bad('carrier', 'carrier must be a non-empty string when given, got null')],
    [{ index: ['flights', 'movies'] }, bad('index', 'index must be a non-empty string when given, got an array')],
    [{ carrer: 'JetBeats' }, bad('event', 'event has a field this handler does not know ("carrer"); it takes index, carrier')],
  ] as const) {
    test(`${JSON.stringify(event)}: a 400 naming the field`, async () => {
      const { payload } = await invoke(source('lambda-search'), event);
      assert.deepEqual(payload, expected);
    });
  }

  test('a good event still searches', async () => {
    const { payload } = await invoke(source('lambda-search'), { carrier: 'JetBeats', index: 'flights' });
    const result = payload.result as { statusCode: number; body: string };
    assert.equal(result.statusCode, 200);
    const hits = (JSON.parse(result.body) as { hits: Array<{ Carrier: string }> }).hits;
    assert.ok(hits.length > 0 && hits.every((h) => h.Carrier === 'JetBeats'));
  });
});

describe('the bundled handlers (README flags) answer as the sources do', () => {
  const REQUIRE_BANNER = { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" };
  async function bundle(name: string, format: 'cjs' | 'esm'): Promise<string> {
    const { build } = await import('esbuild');
    const outfile = path.join(dir, `${name}.${format === 'cjs' ? 'cjs' : 'mjs'}`);
    await build({ entryPoints: [source(name)], bundle: true, platform: 'node', target: 'node22', format, outfile, logLevel: 'silent', absWorkingDir: PROJECT_ROOT,
      ...(format === 'esm' ? { banner: REQUIRE_BANNER } : {}) });
    return outfile;
  }

  for (const format of ['cjs', 'esm'] as const) {
    test(`${format}: sqs-ingestor and firehose-ingestor index the good records and fail the lossy one`, async () => {
      const arn = `arn:aws:sqs:${conn.region}:123456789012:h223-queue`;
      const sqs = await invoke(await bundle('sqs-ingestor', format), { Records: [
        { messageId: `b-${format}-ok`, body: KEPT.quotes!, eventSourceARN: arn, attributes: {} },
        { messageId: `b-${format}-big`, body: LOSSY.big!, eventSourceARN: arn, attributes: {} },
      ] });
      assert.deepEqual(sqs.payload, { result: { batchItemFailures: [{ itemIdentifier: `b-${format}-big` }] } });
      const data = Buffer.from(KEPT.digits!).toString('base64');
      const fh = await invoke(await bundle('firehose-ingestor', format), { invocationId: 'b', deliveryStreamArn: 'arn:aws:firehose:us-east-1:1:deliverystream/b', region: conn.region,
        records: [{ recordId: `bf-${format}-ok`, approximateArrivalTimestamp: 1, data }, { recordId: `bf-${format}-dup`, approximateArrivalTimestamp: 1, data: Buffer.from(LOSSY.dup!).toString('base64') }] });
      assert.deepEqual((fh.payload.result as { records: Array<{ result: string }> }).records.map((r) => r.result), ['Ok', 'ProcessingFailed']);
      const stored = await storedText([`b-${format}-ok`, `b-${format}-big`, `bf-${format}-ok`, `bf-${format}-dup`]);
      assert.deepEqual(stored, { [`b-${format}-ok`]: KEPT.quotes, [`b-${format}-big`]: undefined, [`bf-${format}-ok`]: KEPT.digits, [`bf-${format}-dup`]: undefined });
      const search = await invoke(await bundle('lambda-search', format), { carrier: { value: 'x' } });
      assert.equal((search.payload.result as { statusCode: number }).statusCode, 400);
    });
  }
});
