/**
 * The kind of a failed bulk item is judged once per distinct (status, error) of an answer where the verdict is asked
 * (tens of microseconds each): a batch throttled or refused item by item repeats one error per record.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyItem, itemKindsOfAnswer } from '../../src/ingest/item-errors.js';

test('one judgement per distinct item error of an answer, equal to classifyItem', () => {
  const kinds = itemKindsOfAnswer();
  for (const [status, error] of [
    [429, { type: 'es_rejected_execution_exception', reason: 'rejected execution of coordinating operation' }],
    [403, { type: 'security_exception', reason: 'no permissions for [indices:data/write/bulk[s]] and User [name=u, backend_roles=[], requestedTenant=null]' }],
    [503, { type: 'security_exception', reason: 'OpenSearch Security not initialized.' }],
    [403, { type: 'cluster_block_exception', reason: 'index [x] blocked by: [FORBIDDEN/8/index write (api)];' }],
  ] as const) {
    const first = kinds(status, { ...error });
    assert.deepEqual(first, classifyItem(status, { ...error }));
    for (let i = 0; i < 50; i++) assert.equal(kinds(status, { ...error }), first, `${status} ${error.type}`);
  }
  // another answer judges afresh
  assert.notEqual(itemKindsOfAnswer()(429, { type: 'es_rejected_execution_exception', reason: 'x' }), kinds(429, { type: 'es_rejected_execution_exception', reason: 'x' }));
});

test('an error too long to remember is judged each time, alike', () => {
  const kinds = itemKindsOfAnswer();
  const long = { type: 'security_exception', reason: `no permissions for [x] ${'y'.repeat(20_000)}` };
  assert.deepEqual(kinds(403, long), classifyItem(403, long));
  assert.notEqual(kinds(403, long), kinds(403, long));
});
