/**
 * A scrubbed error's stack reuses its message's redaction for the `Name: message` head (a long message is searched
 * once, not twice). Oracle: redactText over the whole original stack, as before; for generated messages mixing the
 * client's secret (plain, base64 of user:password, percent-encoded), sensitive `key: value` lines, URL user info and
 * long plain text, the scrubbed stack must equal it, and never show a secret.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { errors } from '@opensearch-project/opensearch';
import { toTypedError } from '../../src/errors/classify.js';
import { redactText } from '../../src/errors/redact.js';
import { SecretSet } from '../../src/errors/secrets.js';

const PASSWORD = 'Stack-Secret-Pw-4411';
const USER = 'svc-reader';

function secrets(): SecretSet {
  const set = new SecretSet();
  set.add(PASSWORD);
  set.add(`${USER}:${PASSWORD}`);
  return set;
}

const piece = fc.oneof(
  fc.constantFrom(PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString('base64'), encodeURIComponent(`${PASSWORD}/x`), `https://${USER}:${PASSWORD}@host.example/`,
    '\npassword: hunter22', '\ntoken=abcDEF0123456789xyz', ' api_key: "k-1234567890abcdef" ', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl', '…', '...',
    ' failed to parse field [n] of type [integer] ', '; [query_shard_exception] Reason: failed to create query for shard 7', '\n', ' '),
  fc.string({ minLength: 0, maxLength: 40 }),
);
const longMessage = fc.array(piece, { minLength: 8, maxLength: 60 }).map((parts) => `mapper_parsing_exception: ${parts.join('')}`.padEnd(300, ' x'));

function responseError(message: string): errors.ResponseError {
  const meta = { body: { error: { type: 'x', reason: 'y' }, status: 500 }, statusCode: 500, headers: {}, warnings: null, meta: { context: null, name: 'c', request: { params: { method: 'GET', path: '/i/_search' }, options: {}, id: 1 }, connection: null, attempts: 0, aborted: false } };
  const error = new errors.ResponseError(meta as unknown as ConstructorParameters<typeof errors.ResponseError>[0]);
  error.message = message;
  return error;
}

test('a scrubbed stack equals the whole stack redacted, and shows no secret', () => {
  fc.assert(fc.property(longMessage, fc.boolean(), (message, frames) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = frames ? 10 : 0;
    let error: errors.ResponseError;
    try {
      error = responseError(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    const original = error.stack as string;
    assert.ok(original.startsWith(`ResponseError: ${message}`), 'the stack head is formatted from the final message');
    const set = secrets();
    const typed = toTypedError(error, { secrets: set }) as Error;
    assert.equal(typed.stack, redactText(original, set));
    assert.equal(typed.message, redactText(message, set));
    for (const shown of [typed.stack ?? '', typed.message]) assert.ok(!shown.includes(PASSWORD), shown.slice(0, 200));
  }), { seed: 20261205, numRuns: 400 });
});

test('a stack whose head is not `Name: message` is redacted whole', () => {
  const set = secrets();
  const error = responseError(`failed: ${'z'.repeat(300)}`);
  error.stack = `Custom head with ${PASSWORD}\n    at frame (file.js:1:1)`;
  const typed = toTypedError(error, { secrets: set }) as Error;
  assert.ok(!(typed.stack ?? '').includes(PASSWORD));
  assert.equal(typed.stack, redactText(`Custom head with ${PASSWORD}\n    at frame (file.js:1:1)`, set));
});
