/**
 * Secret header and field names (errors/sensitive-key.ts), the rule written there: a name is secret when what it holds
 * lets its holder act as someone (a bearer credential) or proves a secret. A session id is such a credential
 * (`x-session-id` was not secret: its value showed in error meta and texts). Ids that name without granting and words
 * about sessions stay ordinary.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSensitiveKey, redactText } from '../../src/errors/redact.js';
import { redactHeaders } from '../../src/errors/redact-value.js';
import { SENSITIVE_KEY_ENDING, SENSITIVE_KEY_HINT } from '../../src/errors/sensitive-key.js';
import { REDACTED } from '../../src/errors/spans.js';

const SECRET = ['x-session-id', 'X-Session-Id', 'session_id', 'sessionId', 'SESSION.ID', 'x-sessionid', 'PHPSESSID', 'JSESSIONID', 'session_ids',
  'userSessionID', 'user_session_id', 'php-sessid',
  'x-amz-security-token', 'x-session-token', 'x-auth-token', 'x-api-key', 'proxy-authorization', 'x-csrf-token', 'x-xsrf-token'];
const ORDINARY = ['x-request-id', 'x-opaque-id', 'x-amzn-requestid', 'client_id', 'session-count', 'sessions', 'session', 'session_start', 'x-session-count', 'obsession',
  // review 240: the word must start at a boundary (`assess_id` was redacted)
  'assess_id', 'reassess_id', 'possess_id', 'obsess_id', 'obsession_id', 'assessId'];

test('session ids are secret names; request ids, counts and other session words are not', () => {
  for (const name of SECRET) assert.ok(isSensitiveKey(name), `${name} should be secret`);
  for (const name of ORDINARY) assert.ok(!isSensitiveKey(name), `${name} should not be secret`);
});

test('SENSITIVE_KEY_HINT and SENSITIVE_KEY_ENDING find the session-id names (scanners of bodies and texts)', () => {
  const hint = new RegExp(SENSITIVE_KEY_HINT, 'i');
  const ending = new RegExp(`(?:${SENSITIVE_KEY_ENDING})$`, 'i');
  for (const name of ['x-session-id', 'sessionId', 'session_id', 'PHPSESSID', 'JSESSIONID', 'session_ids']) {
    assert.ok(hint.test(name), `hint misses ${name}`);
    assert.ok(ending.test(name), `ending misses ${name}`);
  }
});

test('a session id header or field is redacted by key; a request id is kept', () => {
  const sid = 'f3a9c0d2e7b14a55';
  assert.deepEqual(redactHeaders({ 'x-session-id': sid, 'x-request-id': 'req-123456' }), { 'x-session-id': REDACTED, 'x-request-id': 'req-123456' });
  assert.equal(redactText(`x-session-id: ${sid}\nx-request-id: req-123456`), `x-session-id: ${REDACTED}\nx-request-id: req-123456`);
  assert.equal(redactText(`{"sessionId":"${sid}","session_count":3}`), `{"sessionId":"${REDACTED}","session_count":3}`);
  assert.equal(redactText('assess_id: 42 done'), 'assess_id: 42 done');
});
