/**
 * flushUserCache builds its path where every entity path is built (resources/resource.ts entityPath): a user name
 * holding a lone UTF-16 surrogate is a SecurityModelError naming it, nothing sent. Before, it encoded the name itself
 * and a raw URIError ("URI malformed") reached the caller (helper 216, finding 7).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import { startRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;

before(async () => {
  stub = await startRecordingStub();
  stub.reply = (req) => {
    if (req.url === '/') return { body: { version: { distribution: 'opensearch', number: '3.1.0' } } };
    if (req.method === 'DELETE') return { body: { status: 'OK', message: 'Cache invalidated for user: x' } };
    return { status: 500, body: {} };
  };
});

after(async () => stub.close());

test('a user name with a lone surrogate: SecurityModelError naming it and what to do, nothing sent', async () => {
  const client = new Client({ node: stub.url });
  try {
    const api = new SecurityApi(client);
    for (const name of ['a\uD800', '\uDC00bob', 'x\uD83D']) {
      stub.received.length = 0;
      const err = await api.flushUserCache(name).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof SecurityModelError, `${JSON.stringify(name)}: ${String(err)}`);
      assert.ok(err.message.includes(JSON.stringify(name)), err.message);
      assert.match(err.message, /lone UTF-16 surrogate.*flushCache\(\)/);
      assert.ok(err.cause instanceof URIError);
      assert.equal(stub.received.filter((q) => q.method === 'DELETE').length, 0);
    }
    // a well-formed pair is a name like any other
    stub.received.length = 0;
    await api.flushUserCache('b\uD83D\uDE00b');
    assert.deepEqual(stub.received.filter((q) => q.method === 'DELETE').map((q) => q.url), ['/_plugins/_security/api/cache/user/b%F0%9F%98%80b']);
  } finally {
    await client.close();
  }
});
