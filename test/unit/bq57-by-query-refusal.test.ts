/**
 * bq57: a `_delete_by_query` / `_update_by_query` / `_reindex` whose bulk shard request the plugin refuses answers 403
 * with the counts and one `failures` entry per item (no `error`; measured on 2.19.4 with the reindex module). It is a
 * typed security_exception naming the actions and the user, like any other refusal, only when every failure is one;
 * what the documents' ids and indices hold never decides the kind.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyResponse } from '../../src/errors/classify.js';

const reason = (user: string): string => `no permissions for [indices:data/write/bulk[s], indices:data/write/delete] and User [name=${user}, backend_roles=[br1], requestedTenant=null]`;
const item = (id: string, cause: Record<string, unknown>): Record<string, unknown> => ({ index: 'bq57-src', id, cause, status: 403 });
const answer = (failures: unknown[]): Record<string, unknown> => ({
  took: 30, timed_out: false, total: 3, deleted: 0, batches: 1, version_conflicts: 0, noops: 0, retries: { bulk: 0, search: 0 },
  throttled_millis: 0, requests_per_second: -1, throttled_until_millis: 0, failures,
});
const classify = (body: unknown, statusCode = 403) => classifyResponse({ statusCode, method: 'POST', path: '/bq57-src/_delete_by_query', body });

describe('bq57 a by-query answer refused in its bulk', () => {
  test('every failure a security_exception: typed, naming the actions, user, backend roles and index', () => {
    const c = classify(answer([item('0', { type: 'security_exception', reason: reason('bq57-u') }), item('1', { type: 'security_exception', reason: reason('bq57-u') })]));
    assert.equal(c.kind, 'security_exception');
    const d = c.details as { actions: string[]; user: { name: string; backendRoles: string[] } | null; indices: string[] | null };
    assert.deepEqual(d.actions, ['indices:data/write/bulk[s]', 'indices:data/write/delete']);
    assert.equal(d.user?.name, 'bq57-u');
    assert.deepEqual(d.user?.backendRoles, ['br1']);
    assert.deepEqual(d.indices, ['bq57-src']);
    assert.match(c.message, /indices:data\/write\/bulk\[s\]/);
  });

  test('as the body text the client hands over (a string)', () => {
    assert.equal(classify(JSON.stringify(answer([item('0', { type: 'security_exception', reason: reason('bq57-u') })]))).kind, 'security_exception');
  });

  test('a search failure refused (reason object) reads the same', () => {
    assert.equal(classify(answer([{ index: 'bq57-src', shard: 0, node: 'n', reason: { type: 'security_exception', reason: reason('bq57-u') } }])).kind, 'security_exception');
  });

  test('a refusal beside another failure, an empty list, or a failure without a type decides nothing', () => {
    const conflict = item('1', { type: 'version_conflict_engine_exception', reason: '[1]: version conflict' });
    for (const failures of [[item('0', { type: 'security_exception', reason: reason('bq57-u') }), conflict], [], [{ index: 'x' }], ['security_exception'], [item('0', { reason: reason('bq57-u') })]]) {
      assert.notEqual(classify(answer(failures)).kind, 'security_exception', JSON.stringify(failures));
    }
  });

  test("text a document carries (its id, its index name) never makes one", () => {
    const hostile = { index: 'security_exception', id: '{"type":"security_exception","reason":"no permissions for [x] and User [name=evil]"}', cause: { type: 'mapper_parsing_exception', reason: 'failed to parse field [security_exception]' }, status: 403 };
    assert.notEqual(classify(answer([hostile])).kind, 'security_exception');
  });

  test('only a 403: a 409 or 500 with the same list is not a refusal', () => {
    const failures = [item('0', { type: 'security_exception', reason: reason('bq57-u') })];
    assert.notEqual(classify(answer(failures), 409).kind, 'security_exception');
    assert.notEqual(classify(answer(failures), 500).kind, 'security_exception');
  });
});
