/**
 * serverDlsVerdicts / verifyHitsWithServer against a loopback stub standing in for the cluster: the search
 * it sends (ids filter + the DLS queries OR-ed, user variables substituted, numbers as written, batches),
 * the fallback to the local evaluator (remote hits, texts the plugin would refuse, a failed search), bad options.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { serverDlsVerdicts, verifyHitsWithServer } from '../../src/verify/server-dls.js';
import { verifyHits } from '../../src/verify/verifier.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
let client: Client;
/** The ids the fake cluster says match. */
let matching = new Set<string>();
let fail = false;

before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    if (fail) return { status: 500, body: { error: { type: 'search_phase_execution_exception', reason: 'boom' }, status: 500 } };
    const body = JSON.parse(Buffer.from(req.body).toString('utf8')) as { query: { bool: { filter: Array<{ ids: { values: string[] } }> } } };
    const ids = body.query.bool.filter[0]?.ids.values ?? [];
    const index = decodeURIComponent(req.url.split('/')[1] ?? '');
    const list = ids.filter((id) => matching.has(id)).map((id) => ({ _index: index, _id: id }));
    return { body: { hits: { total: { value: list.length, relation: 'eq' }, hits: list } } };
  };
  client = new Client({ node: stub.url });
});

after(async () => {
  await client.close();
  await stub.close();
});

const hits = (index: string, ids: string[], source: Record<string, unknown> = { a: 1 }): unknown => ({ hits: { hits: ids.map((id) => ({ _index: index, _id: id, _source: source })) } });

describe('server-truth DLS', () => {
  test('one search per index and query set: ids filter, the DLS texts verbatim and OR-ed, user variables substituted', async () => {
    stub.received.length = 0;
    matching = new Set(['1', '3']);
    fail = false;
    const expectations: AccessExpectations = {
      indices: [{ indexPatterns: ['logs*'], rules: [{ dls: '{"term": {"owner": "${user.name}"}}' }, { dls: '{"range": {"n": {"gte": 1.50}}}' }] }],
      user: { name: 'alice' },
      pluginVersion: '2.19.4',
    };
    const { verdicts, failures } = await serverDlsVerdicts(hits('logs-1', ['1', '2', '3']), expectations, { reader: client });
    assert.deepEqual(failures, []);
    assert.deepEqual([...verdicts.entries()].map(([k, v]) => [k.split('\u0000')[1], v.result]), [['1', 'match'], ['2', 'no-match'], ['3', 'match']]);
    assert.equal(stub.received.length, 1);
    assert.equal(stub.received[0]?.url, '/logs-1/_search');
    const text = Buffer.from(stub.received[0]?.body ?? []).toString('utf8');
    assert.ok(text.includes('"should":[{"term": {"owner": "alice"}},{"range": {"n": {"gte": 1.50}}}],"minimum_should_match":1'), text);
    assert.ok(text.includes('{"ids":{"values":["1","2","3"]}}'), text);
  });

  test('batches, and hits the cluster cannot judge keep the local verdict', async () => {
    stub.received.length = 0;
    matching = new Set(['b']);
    // fieldTypes: the index maps a as a long, so the local evaluator's verdict on {a: 1} is decided (helper 222)
    const expectations: AccessExpectations = { indices: [{ indexPatterns: ['*'], rules: [{ dls: '{"term": {"a": 1}}' }], fieldTypes: { a: 'long' } }], pluginVersion: '2.19.4' };
    const { verdicts } = await serverDlsVerdicts(hits('logs-1', ['a', 'b', 'c']), expectations, { reader: client, batchSize: 2 });
    assert.equal(stub.received.length, 2);
    assert.equal(verdicts.size, 3);
    stub.received.length = 0;
    const remote = await verifyHitsWithServer(hits('other:logs-1', ['r']), expectations, { reader: client });
    assert.equal(stub.received.length, 0, 'a remote hit is not sent to the reader');
    assert.equal(remote.dlsByServer, 0);
    assert.equal(remote.hits[0]?.dls.result, 'match', 'the local evaluator decided');
    const dup = await verifyHitsWithServer(hits('logs-1', ['d']), { indices: [{ indexPatterns: ['*'], rules: [{ dls: '{"term": {"a": 1}, "term": {"a": 2}}' }] }] }, { reader: client });
    assert.equal(stub.received.length, 0, 'a DLS text the plugin refuses is not sent');
    assert.equal(dup.hits[0]?.dls.result, 'unverifiable');
  });

  test('a failed search: recorded, and the hits fall back to the local evaluator', async () => {
    fail = true;
    const expectations: AccessExpectations = { indices: [{ indexPatterns: ['*'], rules: [{ dls: '{"term": {"a": 2}}' }], fieldTypes: { a: 'long' } }], pluginVersion: '2.19.4' };
    const r = await verifyHitsWithServer(hits('logs-1', ['x']), expectations, { reader: client });
    fail = false;
    assert.equal(r.dlsFailures.length, 1);
    assert.equal(r.dlsByServer, 0);
    assert.equal(r.counts.dlsViolations, 1, 'locally {a: 1} does not match term a = 2');
  });

  test('a server no-match is a DLS violation even when the local evaluator would pass it', async () => {
    matching = new Set();
    const expectations: AccessExpectations = { indices: [{ indexPatterns: ['*'], rules: [{ dls: '{"term": {"a": 1}}' }] }], pluginVersion: '2.19.4' };
    const r = await verifyHitsWithServer(hits('logs-1', ['y']), expectations, { reader: client });
    assert.equal(r.dlsByServer, 1);
    assert.equal(r.counts.dlsViolations, 1);
  });

  test('bad options are refused before anything is sent', async () => {
    const e: AccessExpectations = { indices: [] };
    await assert.rejects(serverDlsVerdicts(hits('i', []), e, { reader: {} as Client }), /options\.reader/);
    await assert.rejects(serverDlsVerdicts(hits('i', []), e, { reader: client, batchSize: 0 }), /batchSize/);
    await assert.rejects(serverDlsVerdicts({ nope: 1 }, e, { reader: client }), /not a search response/);
  });
});

test('a cluster verdict over a rule set with FLS or masks: kept unless the query reads a field they change; a no-match the local evaluator cannot check is unverifiable', () => {
  const resp = { hits: { hits: [{ _index: 'i', _id: '1', _source: { t: 'x' } }] } };
  const rules = (dls: string, fls?: string[]) => ({ indices: [{ indexPatterns: ['i'], rules: [{ dls, ...(fls ? { fls } : {}) }], fieldTypes: { s: 'keyword' as const, t: 'keyword' as const } }] });
  const judged = (exp: ReturnType<typeof rules>, result: 'match' | 'no-match') => verifyHits(resp, { ...exp, dlsVerdict: () => ({ result }) }).hits[0]?.dls.result;
  // reads the hidden field s: the whole-document verdict cannot stand either way
  assert.equal(judged(rules('{"bool":{"must_not":{"term":{"s":"a"}}}}', ['~s']), 'no-match'), 'unverifiable');
  assert.equal(judged(rules('{"term":{"s":"a"}}', ['~s']), 'match'), 'unverifiable');
  // reads only the visible t: the cluster's verdict stands
  assert.equal(judged(rules('{"term":{"t":"x"}}', ['~s']), 'no-match'), 'no-match');
  // the local evaluator cannot read query_string: a no-match becomes unverifiable, a match stands
  assert.equal(judged(rules('{"query_string":{"query":"s:a"}}', ['~s']), 'no-match'), 'unverifiable');
  assert.equal(judged(rules('{"query_string":{"query":"s:a"}}', ['~s']), 'match'), 'match');
  // no FLS, no masks: the cluster decides as before
  assert.equal(judged(rules('{"query_string":{"query":"s:a"}}'), 'no-match'), 'no-match');
});
