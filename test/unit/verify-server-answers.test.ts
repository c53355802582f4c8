/**
 * Focused regressions for the server-truth paths (found by verify-server-hostile-fuzz): serverDlsVerdicts takes no
 * verdict from a partial, inconsistent or malformed answer, its failures hold no reader secret and a hostile error
 * cannot escape; compareAccess refuses partial / malformed answers and claims completeness (and `extra`) only when
 * the answers' totals support it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Client, errors as osErrors } from '@opensearch-project/opensearch';
import { serverDlsVerdicts, type DlsReaderClient } from '../../src/verify/server-dls.js';
import { compareAccess, type SearchClientLike } from '../../src/verify/compare.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';
import { ArgumentTypeError } from '../../src/fgac/argument-error.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

const EXP: AccessExpectations = { indices: [{ indexPatterns: ['i'], rules: [{ dls: '{"term": {"k": "a"}}' }], fieldTypes: { k: 'keyword' } }], pluginVersion: '2.19.4' };
const RESPONSE = { hits: { hits: [{ _index: 'i', _id: '1', _source: { k: 'a' } }, { _index: 'i', _id: '2', _source: { k: 'b' } }] } };
const hit = (id: unknown): unknown => ({ _index: 'i', _id: id });
/** An honest answer for RESPONSE: only `1` matches. */
const honest = (): Record<string, unknown> => ({ timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: 1, relation: 'eq' }, hits: [hit('1')] } });
const readerOf = (res: unknown): DlsReaderClient => ({ transport: { request: async () => res as { body: unknown } } });

describe('serverDlsVerdicts takes verdicts from whole, consistent answers only', () => {
  test('an honest answer decides both hits', async () => {
    const { verdicts, failures } = await serverDlsVerdicts(RESPONSE, EXP, { reader: readerOf({ statusCode: 200, body: honest() }) });
    assert.deepEqual(failures, []);
    assert.deepEqual([...verdicts.values()].map((v) => v.result), ['match', 'no-match']);
  });
  const cases: Array<[string, (b: Record<string, unknown>) => Record<string, unknown>, RegExp]> = [
    ['timed out', (b) => ({ ...b, timed_out: true, hits: { hits: [] } }), /timed out/],
    ['a shard failed', (b) => ({ ...b, _shards: { total: 2, successful: 1, failed: 1, failures: [{ reason: {} }] }, hits: { hits: [] } }), /shard\(s\) failed/],
    ['fewer shards answered than asked', (b) => ({ ...b, _shards: { total: 3, successful: 2, failed: 0 }, hits: { hits: [] } }), /2 of 3 shard/],
    ['more shards answered than there are', (b) => ({ ...b, _shards: { total: 1, successful: 3, failed: 0 } }), /3 of 1 shard/],
    ['terminated early', (b) => ({ ...b, terminated_early: true, hits: { hits: [] } }), /terminated early/],
    ['timed_out of the wrong type', (b) => ({ ...b, timed_out: 'false' }), /timed_out is not a boolean/],
    ['a list cut short of its total', (b) => ({ ...b, hits: { total: { value: 1, relation: 'eq' }, hits: [] } }), /cut short/],
    ['a total above what was asked', (b) => ({ ...b, hits: { total: 5, hits: [hit('1')] } }), /differs/],
    ['a hit twice', (b) => ({ ...b, hits: { total: { value: 2, relation: 'eq' }, hits: [hit('1'), hit('1')] } }), /twice/],
    ['an id not asked for', (b) => ({ ...b, hits: { total: { value: 2, relation: 'eq' }, hits: [hit('1'), hit('9')] } }), /not asked/],
    ['an id as a number', (b) => ({ ...b, hits: { total: { value: 1, relation: 'eq' }, hits: [hit(1)] } }), /string _id/],
    ['no total (a cluster answers one: the search asks for track_total_hits)', (b) => ({ ...b, hits: { hits: [hit('1')] } }), /no exact hits.total/],
    ['a lower-bound total', (b) => ({ ...b, hits: { total: { value: 1, relation: 'gte' }, hits: [hit('1')] } }), /no exact hits.total/],
    ['a hit of another index', (b) => ({ ...b, hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'other', _id: '1' }] } }), /another index/],
  ];
  for (const [name, tamper, why] of cases) {
    test(`${name}: no verdict, a failure naming it`, async () => {
      const { verdicts, failures } = await serverDlsVerdicts(RESPONSE, EXP, { reader: readerOf({ statusCode: 200, body: tamper(honest()) }) });
      assert.equal(verdicts.size, 0, 'a hit absent from a partial answer is not no-match');
      assert.equal(failures.length, 1);
      assert.match(failures[0]?.error ?? '', why);
    });
  }
  test('a 3xx (or any non-2xx) answer with a hits body is not an answer', async () => {
    const { verdicts, failures } = await serverDlsVerdicts(RESPONSE, EXP, { reader: readerOf({ statusCode: 302, body: { hits: { hits: [] } } }) });
    assert.equal(verdicts.size, 0);
    assert.match(failures[0]?.error ?? '', /status 302/);
  });
  test('an error whose message getter throws is a failure, not a rejection with what it threw', async () => {
    const hostile = new Error('x');
    Object.defineProperty(hostile, 'message', { get: () => { throw new Error('from the getter'); } });
    const reader: DlsReaderClient = { transport: { request: async () => { throw hostile; } } };
    const { verdicts, failures } = await serverDlsVerdicts(RESPONSE, EXP, { reader });
    assert.equal(verdicts.size, 0);
    assert.equal(failures.length, 1);
    assert.ok(!failures[0]?.error.includes('from the getter'));
  });
});

describe('a failure never repeats the reader\'s password', () => {
  const PASSWORD = 'h5Echo!pw7Qz/k+r=Zp';
  let stub: RecordingStub;
  let client: Client;
  before(async () => {
    stub = await startRecordingStub();
    const forms = [PASSWORD, Buffer.from(PASSWORD).toString('base64'), Buffer.from(`h5-u:${PASSWORD}`).toString('base64'), encodeURIComponent(PASSWORD)];
    stub.reply = () => ({ status: 400, body: { error: { type: 'parsing_exception', reason: `unknown ${forms.join(' ')}`, root_cause: [{ type: 'parsing_exception', reason: `unknown ${forms.join(' ')}` }] }, status: 400 } });
    client = new Client({ node: stub.url, auth: { username: 'h5-u', password: PASSWORD }, maxRetries: 0 });
  });
  after(async () => {
    await client.close();
    await stub.close();
  });
  test('compareAccess with opensearch-js clients whose server echoes the password: a typed ResponseError without it', async () => {
    const error = await compareAccess(client, client, { index: 'i' }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof osErrors.ResponseError, String(error));
    const text = `${(error as Error).message} ${inspect(error, { depth: 8 })} ${JSON.stringify(error)}`;
    for (const s of [PASSWORD, Buffer.from(PASSWORD).toString('base64'), Buffer.from(`h5-u:${PASSWORD}`).toString('base64'), encodeURIComponent(PASSWORD)]) {
      assert.ok(!text.includes(s), `${s} in ${text}`);
    }
  });
  test('an opensearch-js client whose server echoes its password: the failure is redacted', async () => {
    const result = await serverDlsVerdicts(RESPONSE, EXP, { reader: client });
    assert.equal(result.failures.length, 1);
    const text = `${JSON.stringify(result.failures)} ${inspect(result, { depth: 6 })}`;
    for (const s of [PASSWORD, Buffer.from(PASSWORD).toString('base64'), Buffer.from(`h5-u:${PASSWORD}`).toString('base64'), encodeURIComponent(PASSWORD)]) {
      assert.ok(!text.includes(s), `${s} in ${text}`);
    }
  });
});

describe('compareAccess on partial, inconsistent and count-less answers', () => {
  const doc = (id: string): unknown => ({ _index: 'i', _id: id, _source: { k: id } });
  const page = (ids: string[], more: Record<string, unknown> = {}, total: unknown = { value: ids.length, relation: 'eq' }): Record<string, unknown> =>
    ({ timed_out: false, _shards: { total: 1, successful: 1, failed: 0 }, ...more, hits: { ...(total === null ? {} : { total }), hits: ids.map(doc) } });
  const client = (body: unknown, statusCode?: number): SearchClientLike => ({ search: async () => ({ body, ...(statusCode !== undefined ? { statusCode } : {}) }) });
  const REF = client(page(['1', '2', '3']));
  const refuses: Array<[string, SearchClientLike, RegExp]> = [
    ['a timed-out subject answer', client(page(['1'], { timed_out: true })), /subject search answer cannot be compared.*timed out/],
    ['a subject answer with a failed shard', client(page(['1'], { _shards: { total: 2, successful: 1, failed: 1 } })), /shard\(s\) failed/],
    ['a subject answer that terminated early', client(page(['1'], { terminated_early: true })), /terminated early/],
    ['a subject hit twice', client(page(['1', '1'])), /repeats an earlier hit/],
    ['a total below the hits returned', client(page(['1', '2'], {}, { value: 0, relation: 'eq' })), /below the 2 hit/],
    ['a 3xx with a hits body', client(page(['1']), 302), /status 302/],
    ['a response that is not an object', { search: async () => null as unknown as { body: unknown } }, /could not be read/],
  ];
  for (const [name, sub, why] of refuses) {
    test(`${name} is an ArgumentTypeError naming it, not documents "missing"`, async () => {
      await assert.rejects(compareAccess(REF, sub, { index: 'i' }), (e: unknown) => e instanceof ArgumentTypeError && why.test(e.message));
    });
  }
  test('answers without a total (track_total_hits: false) or with a gte total are not complete: absent documents are unresolved', async () => {
    for (const total of [null, { value: 1, relation: 'gte' }]) {
      const c = await compareAccess(REF, client(page(['1'], {}, total)), { index: 'i', body: { size: 1 } });
      assert.equal(c.complete, false, JSON.stringify(total));
      assert.deepEqual(c.missing, []);
      assert.deepEqual(c.unresolved.map((u) => u.id), ['2', '3']);
    }
  });
  test('subject documents off an incomplete reference page are unresolvedExtra, not extra', async () => {
    // size 2: the reference's first page holds 1, 2 of its 4; the subject (which cannot see 1, 2) returns 3, 4
    const c = await compareAccess(client(page(['1', '2'], {}, { value: 4, relation: 'eq' })), client(page(['3', '4'])), { index: 'i', body: { size: 2 } });
    assert.deepEqual(c.extra, []);
    assert.equal(c.totals.extra, 0);
    assert.deepEqual(c.unresolvedExtra.map((u) => u.id), ['3', '4']);
    const whole = await compareAccess(REF, client(page(['1', '9'])), { index: 'i' });
    assert.deepEqual(whole.extra.map((u) => u.id), ['9'], 'a complete reference page still reports extra documents');
    assert.deepEqual(whole.unresolvedExtra, []);
  });
});
