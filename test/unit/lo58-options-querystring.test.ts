/**
 * The retry decision judges the query opensearch-js sends: a call's own `options.querystring` is merged into the
 * params' one (its Transport's Object.assign), so `{ querystring: { op_type: 'create' } }` given per call makes a PUT
 * unsafe to repeat, as the same parameter in the params does. Loopback stub answering 503 first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { answer, startRawStub, type RawStub } from '../support/raw-stub.js';

let stub: RawStub;
let seen: string[] = [];
before(async () => {
  stub = await startRawStub((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (seen.length === 1) answer(res, 503, { error: 'unavailable' });
    else answer(res, 201, { result: 'created' });
  });
});
after(async () => stub.close());

const retry = { retries: 2, minDelayMs: 1, maxDelayMs: 2 };

describe('lo58 options.querystring in the retry decision', () => {
  test('op_type=create given per call: one PUT, the 503 reported', async () => {
    for (const options of [{ querystring: { op_type: 'create' } }, { querystring: { op_type: 'CREATE', refresh: 'true' } }]) {
      seen = [];
      const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry });
      try {
        const error = await client.transport.request({ method: 'PUT', path: '/i/_doc/1', body: { a: 1 } }, options).then(() => undefined, (e: unknown) => e);
        assert.equal(seen.length, 1, `${JSON.stringify(options)}: sent once (${seen.join(', ')})`);
        assert.ok(seen[0]?.includes('op_type='), 'the parameter went out');
        assert.equal((error as { meta?: { statusCode?: number } } | undefined)?.meta?.statusCode, 503);
      } finally {
        await client.close();
      }
    }
  });

  test('a PUT that replaces, per-call query without op_type: repeated after the 503 (the guard)', async () => {
    seen = [];
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry });
    try {
      const res = await client.transport.request({ method: 'PUT', path: '/i/_doc/1', body: { a: 1 } }, { querystring: { refresh: 'true' } });
      assert.equal(res.statusCode, 201);
      assert.equal(seen.length, 2);
    } finally {
      await client.close();
    }
  });
});
