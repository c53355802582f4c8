/**
 * Review 202's finding 11: a round that ran out of attempts on the plugin's 409 says it was a conflict. conflictExhausted
 * (conflict.ts) gives the words for "could not ... in N attempts" messages; any other last failure adds none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { toTypedError } from '../../src/errors/classify.js';
import { conflictExhausted } from '../../src/security/conflict.js';

function refusal(status: number, body: Record<string, unknown>): unknown {
  return toTypedError(new errors.ResponseError({ body, statusCode: status, headers: {}, warnings: null, meta: { request: { params: { method: 'PATCH', path: '/_plugins/_security/api/rolesmapping/r' } } } } as never));
}

test('h207 finding 11: the words after "could not ... in N attempts" name a 409 as a conflict, and only a 409', () => {
  const words = conflictExhausted(refusal(409, { status: 'CONFLICT', message: 'concurrent modification' }));
  assert.match(words, /conflict/);
  assert.match(words, /409 CONFLICT/);
  assert.equal(conflictExhausted(refusal(503, { error: { type: 'unavailable', reason: 'x' }, status: 503 })), '');
  assert.equal(conflictExhausted(undefined), '');
  assert.equal(conflictExhausted(new Error('socket hang up')), '');
});
