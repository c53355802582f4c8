/**
 * rr50 (review): a stack formatted before its message was cut to a line-prefix keeps lines of the old message after
 * the `Name: message` head; redactedStack (boundary.ts) redacts those lines without the head's context, so a private
 * key body (BEGIN line in the message, body and END line after it) or a folded header value stays. Oracle: redactText
 * over the whole stack (what 984e3d4 did).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { toTypedError } from '../../src/errors/classify.js';
import { redactText } from '../../src/errors/redact.js';
import { SecretSet } from '../../src/errors/secrets.js';

const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';

function responseError(): errors.ResponseError {
  const meta = { body: { error: { type: 'x', reason: 'y' }, status: 500 }, statusCode: 500, headers: {}, warnings: null, meta: { context: null, name: 'c', request: { params: { method: 'PUT', path: '/_plugins/_security/api/x' }, options: {}, id: 1 }, connection: null, attempts: 0, aborted: false } };
  return new errors.ResponseError(meta as unknown as ConstructorParameters<typeof errors.ResponseError>[0]);
}

for (const [label, first, rest] of [
  ['a private key block', `settings rejected ${'x'.repeat(260)} -----BEGIN PRIVATE KEY-----`, `${KEY_BODY}\n-----END PRIVATE KEY-----`],
  ['a folded Authorization header', `request echoed ${'x'.repeat(260)}\nAuthorization:`, ` Basic YWxpY2U6Y29ycmVjdGhvcnNlYmF0dGVyeQ==`],
] as const) {
  test(`rr50: stack formatted from a longer message, message then cut to its first line(s): ${label}`, () => {
    const error = responseError();
    error.message = `${first}\n${rest}`;
    const formatted = error.stack as string; // V8 formats the stack here, from this message
    error.message = first; // a caller cuts the message to its first line(s) afterwards
    assert.ok(formatted.startsWith(`ResponseError: ${first}\n`));
    const set = new SecretSet();
    set.add('Client-Pw-1234');
    const typed = toTypedError(error, { secrets: set }) as Error;
    const oracle = redactText(formatted, set);
    const secretPart = label === 'a private key block' ? KEY_BODY : 'YWxpY2U6Y29ycmVjdGhvcnNlYmF0dGVyeQ';
    assert.ok(!oracle.includes(secretPart), 'whole-stack redaction removes it');
    assert.ok(!(typed.stack ?? '').includes(secretPart), `scrubbed stack shows it: ${(typed.stack ?? '').slice(-160)}`);
  });
}

test('rr50: a secret equal to the error class name (a prototype name, not scrubbed as an own field) leaves the stack head', () => {
  class TimeoutError extends Error {}
  Object.defineProperty(TimeoutError.prototype, 'name', { value: 'TimeoutError' });
  const set = new SecretSet();
  set.add('TimeoutError'); // a (word-like) password that happens to be the class name
  const error = new TimeoutError(`request failed ${'y'.repeat(300)}`);
  const formatted = error.stack as string;
  const typed = toTypedError(error, { secrets: set }) as Error;
  assert.ok(!redactText(formatted, set).startsWith('TimeoutError'), 'whole-stack redaction removes it');
  assert.equal(typed.stack, redactText(formatted, set));
});
