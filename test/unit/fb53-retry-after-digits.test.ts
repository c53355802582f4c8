/**
 * Retry-After is read as RFC 9110 says and the README states: delay-seconds (whole digits) or an HTTP-date; any
 * other value, a fraction such as "1.5" among them, is ignored (no retryAfterMs, the usual back-off applies).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { parseRetryAfter } from '../../src/errors/body.js';
import { ThrottledError } from '../../src/errors/classes.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
useRecordingStub((s) => {
  stub = s;
});

test('parseRetryAfter: whole digits and HTTP-dates are read; fractions, signs and exponents are not', () => {
  assert.equal(parseRetryAfter('2'), 2000);
  assert.equal(parseRetryAfter(' 0 '), 0);
  assert.equal(parseRetryAfter('007'), 7000);
  assert.equal(parseRetryAfter(3), 3000);
  for (const bad of ['1.5', '0.5', '1.', '.5', '+1', '1e3', '1,5', '１', 1.5, 0.25]) assert.equal(parseRetryAfter(bad), undefined, String(bad));
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:50 GMT')), 10_000);
});

for (const [value, expected] of [['1.5', undefined], ['2', 2000]] as const) {
  test(`a 429 with Retry-After "${value}": retryAfterMs ${String(expected)}`, async () => {
    stub.reply = () => ({ status: 429, headers: { 'retry-after': value }, body: { error: { type: 'too_many_requests', reason: 'slow down' }, status: 429 } });
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      const e = await client.search({ index: 'i' }).then(
        () => assert.fail('a 429'),
        (x: unknown) => x,
      );
      assert.ok(e instanceof ThrottledError, String(e));
      assert.equal(e.retryAfterMs, expected);
    } finally {
      await client.close();
    }
  });
}
