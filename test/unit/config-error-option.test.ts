/**
 * A ConfigError's message names the option a user must change: the constructor puts `option: ` in front of a message
 * that does not already name it (many refusals were written as prose, e.g. ingest's "needs a Client").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, ingest } from '../../src/index.js';

describe('ConfigError names its option', () => {
  test('a message without the option gets it in front; one naming it is left as written', () => {
    assert.equal(new ConfigError('auth.region', 'must be a region such as us-east-1').message, 'auth.region: must be a region such as us-east-1');
    assert.equal(new ConfigError('auth.region', 'auth.region must be a string').message, 'auth.region must be a string');
    assert.equal(new ConfigError('retry.retries', 'retry.retries: must be >= 0').message, 'retry.retries: must be >= 0');
    assert.equal(new ConfigError('', 'no option at all').message, 'no option at all');
  });

  test('with the option in front, the message is still redacted', () => {
    const e = new ConfigError('headers', 'holds Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    assert.ok(e.message.startsWith('headers: '), e.message);
    assert.ok(!e.message.includes('eyJzdWIiOiJ4In0'), e.message);
    assert.equal(e.option, 'headers');
  });

  test('a real refusal written as prose: ingest without a client', async () => {
    await assert.rejects(
      () => ingest({} as never, [{ index: 'i', document: {} }] as never),
      (e: unknown) => e instanceof ConfigError && e.option === 'client' && e.message.startsWith('client: ingest needs'),
    );
  });
});
