/**
 * A 403 wrapping the plugin's refusal (another user's scroll: search_phase_execution_exception whose root causes are
 * security_exception, seen on 2.19.4 and 3.4.0 in test/integration/te51-refusals.test.ts) is a SecurityExceptionError;
 * a refusal nested somewhere in another failure (regression review rr52) does not decide the kind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { toTypedError } from '../../src/errors/boundary.js';

const REFUSAL = { type: 'security_exception', reason: 'Wrong user in reader context' };
function typed(error: Record<string, unknown>): unknown {
  const body = { error, status: 403 };
  const meta = { statusCode: 403, headers: {}, body, warnings: null, meta: { request: { params: { method: 'POST', path: '/_search/scroll' } } } } as unknown as ApiResponse;
  return toTypedError(new errors.ResponseError(meta));
}

test("another user's scroll: every root cause is the plugin's refusal", () => {
  const e = typed({ root_cause: [REFUSAL], type: 'search_phase_execution_exception', reason: 'all shards failed', phase: 'query', caused_by: REFUSAL });
  assert.ok(e instanceof SecurityExceptionError, String(e));
  assert.equal(e.reason, 'Wrong user in reader context');
});

test('without root_cause the innermost caused_by decides', () => {
  assert.ok(typed({ type: 'search_phase_execution_exception', reason: 'x', caused_by: { type: 'a', reason: 'b', caused_by: REFUSAL } }) instanceof SecurityExceptionError);
  assert.ok(!(typed({ type: 'search_phase_execution_exception', reason: 'x', caused_by: { ...REFUSAL, caused_by: { type: 'illegal_state_exception', reason: 'y' } } }) instanceof SecurityExceptionError));
});

test('a refusal nested in another failure, or beside another root cause, does not make it a security exception', () => {
  const nested = typed({ root_cause: [{ type: 'cluster_block_exception', reason: 'blocked by: [FORBIDDEN/8/index write (api)];' }], type: 'cluster_block_exception', reason: 'blocked', caused_by: REFUSAL });
  assert.ok(!(nested instanceof SecurityExceptionError), String(nested));
  const mixed = typed({ root_cause: [REFUSAL, { type: 'illegal_argument_exception', reason: 'z' }], type: 'search_phase_execution_exception', reason: 'all shards failed' });
  assert.ok(!(mixed instanceof SecurityExceptionError), String(mixed));
  const many = typed({ root_cause: Array.from({ length: 65 }, () => REFUSAL), type: 'search_phase_execution_exception', reason: 'all shards failed' });
  assert.ok(!(many instanceof SecurityExceptionError), 'more root causes than are read');
});
