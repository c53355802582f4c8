/**
 * te52 (with the proposed permission-errors.ts fields): SecurityExceptionError names the user refused impersonation
 * and the target (`refusal`, `user`, `impersonatedUser`), and a multi-index path's indices read "one or more of".
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errors, type ApiResponse } from '@opensearch-project/opensearch';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import { toTypedError } from '../../src/errors/classify.js';
import { SecretSet } from '../../src/errors/secrets.js';

const MID = "' is not allowed to impersonate as '";
const early = (reason: string): string => JSON.stringify({ error: { status: 'error', reason } });
function typed(statusCode: number, body: unknown, path = '/_cluster/health', options: { secrets?: SecretSet; principal?: { name: string } } = {}): SecurityExceptionError {
  const meta = { statusCode, headers: {}, body, warnings: null, meta: { request: { params: { method: 'GET', path } } } } as unknown as ApiResponse;
  const err = toTypedError(new errors.ResponseError(meta), options);
  assert.ok(err instanceof SecurityExceptionError, String(err));
  return err;
}

describe('te52 class fields', () => {
  test('impersonation refused: user, target, refusal, message', () => {
    const err = typed(403, early(`'master-user${MID}new-user'`));
    assert.equal(err.refusal, 'impersonation_not_allowed');
    assert.deepEqual(err.user, { name: 'master-user', backendRoles: [] });
    assert.equal(err.impersonatedUser, 'new-user');
    assert.match(err.message, /^User master-user may not impersonate new-user /);
    assert.equal((err.toJSON() as { impersonatedUser?: string }).impersonatedUser, 'new-user');
  });
  test('names holding the middle: the principal picks, else nobody is named', () => {
    const reason = `'a${MID}b${MID}c'`;
    const doubt = typed(403, early(reason));
    assert.equal(doubt.user, null);
    assert.equal(doubt.impersonatedUser, null);
    assert.equal(doubt.ambiguous, true);
    const picked = typed(403, early(reason), '/', { principal: { name: `a${MID}b` } });
    assert.equal(picked.user?.name, `a${MID}b`);
    assert.equal(picked.impersonatedUser, 'c');
  });
  test('admin DN, unknown user, reserved header', () => {
    assert.equal(typed(403, early("It is not allowed to impersonate as an adminuser  'CN=x'")).impersonatedUser, 'CN=x');
    assert.equal(typed(403, early('No such user:ghost')).refusal, 'impersonation_unknown_user');
  });
  test('a secret target is redacted in the field and the message', () => {
    const pw = 'Te52-Secret-Pw-77!q';
    const secrets = new SecretSet();
    secrets.add(pw);
    const err = typed(403, early(`'u${MID}${pw}'`), '/', { secrets });
    assert.ok(!String(err.impersonatedUser).includes(pw));
    assert.ok(!err.message.includes(pw));
  });
  test('a denial on a multi-index path says one or more of them; one index stays exact', () => {
    const reason = 'no permissions for [indices:data/read/search] and User [name=u, backend_roles=[], requestedTenant=null]';
    const body = JSON.stringify({ error: { type: 'security_exception', reason }, status: 403 });
    assert.match(typed(403, body, '/a,b/_search').message, /lacks indices:data\/read\/search on one or more of \[a, b\]$/);
    assert.match(typed(403, body, '/a/_search').message, /lacks indices:data\/read\/search on \[a\]$/);
    assert.equal(typed(403, body, '/a,b/_search').refusal, null);
  });
});
