/**
 * What a successful result's `meta.request.params.body` shows: a document body whose keys merely contain
 * `auth`, `key` or `hash` (author, keyword, hash_id) is left as sent, without redacting it whole (a 200 KB
 * document paid ~5 ms per call for that: review rv4 Z); a key that names a secret (password, api_key) or
 * the client's own secret as a value still has it replaced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/client/create-client.js';
import { useRecordingStub, type RecordingStub } from '../support/recording-stub.js';

let stub: RecordingStub;
useRecordingStub((s) => { stub = s; });
const PASSWORD = 'Succ3ss-Meta-Passw0rd';

async function sentBody(document: Record<string, unknown>): Promise<unknown> {
  stub.reply = () => ({ status: 201, body: { result: 'created' } });
  const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'u', password: PASSWORD } });
  try {
    const result = await client.index({ index: 'i', body: document });
    return (result.meta as { request: { params: { body?: unknown } } }).request.params.body;
  } finally {
    await client.close();
  }
}

test('a document whose keys only contain secret-like words is shown as sent', async () => {
  const document = { author: 'Ann', keyword: 'k', hash_id: 'h1', monkey: 3, authorization_level: undefined, text: 'lorem '.repeat(20_000) };
  assert.equal(await sentBody(document), JSON.stringify(document));
});

test('a key naming a secret, or the client\'s own password as a value, is replaced', async () => {
  const keyed = await sentBody({ author: 'Ann', password: 'doc-level-Secret-99' });
  assert.equal(typeof keyed, 'string');
  assert.ok(!(keyed as string).includes('doc-level-Secret-99'), String(keyed));
  assert.ok((keyed as string).includes('Ann'));
  const valued = await sentBody({ author: 'Ann', note: `copied ${PASSWORD} here` });
  assert.ok(!(valued as string).includes(PASSWORD), String(valued));
});

test('a connector or repository secret_key in a successful request body is replaced (review rv4 RR)', async () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const body = await sentBody({ name: 'c', protocol: 'aws_sigv4', credential: { access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: SECRET }, 's3.client.default.secret_key': SECRET });
  assert.ok(!(body as string).includes(SECRET), String(body));
});
