/**
 * A secret-named query parameter is redacted wherever a query is shown, read as the node reads a query: `;` separates
 * parameters as `&` does, and a name may be percent-encoded (`%61ccess_token`). Success results, response events and
 * errors, against a loopback stub.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError } from '../../src/errors/classes.js';
import { answer, startRawStub, type RawStub } from '../support/raw-stub.js';

let stub: RawStub;
before(async () => {
  stub = await startRawStub((req, res) => answer(res, req.url.startsWith('/fail') ? 500 : 200, { ok: true }));
});
after(async () => stub.close());

/** Every rendering a user or a logger may make of `value`. */
function shown(value: unknown): string {
  return `${JSON.stringify(value)}\n${inspect(value, { depth: 12, showHidden: true })}`;
}

const PATHS = [
  (t: string) => `/x/_search?a=1;access_token=${t}`,
  (t: string) => `/x/_search?a=1;b=2;token=${t}&c=3`,
  (t: string) => `/x/_search?%61ccess_token=${t}`,
  (t: string) => `/x/_search?a=1;%74oken=${t}`,
  (t: string) => `/x/_search?a=1;api%5Fkey=${t}`,
  (t: string) => `/x/_search?a=1?access_token=${t}`,
];

describe('lo58 secret-named query parameters after `;` or percent-encoded', () => {
  test('a success result and its response event hold no secret', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    const events: unknown[] = [];
    client.on('response', (err, meta) => events.push(err, meta));
    try {
      for (const [i, pathOf] of PATHS.entries()) {
        const secret = `Query-Secret-${i}-9f3a1c`;
        const res = await client.transport.request({ method: 'GET', path: pathOf(secret) });
        assert.equal((res.body as { ok: boolean }).ok, true);
        assert.ok(!shown(res).includes(secret), `result of ${pathOf('…')}`);
        assert.ok(!shown(events).includes(secret), `response event of ${pathOf('…')}`);
        assert.ok(shown(res).includes('_search?'), 'the rest of the path is kept');
      }
    } finally {
      await client.close();
    }
  });

  test('an error holds no secret', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    try {
      for (const [i, pathOf] of PATHS.entries()) {
        const secret = `Query-Secret-E${i}-41d7b2`;
        const path = pathOf(secret).replace('/x/_search', '/fail');
        const error = await client.transport.request({ method: 'GET', path }).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof Error, `${pathOf('…')} fails`);
        assert.ok(!shown(error).includes(secret) && !String(error.stack).includes(secret), `error of ${pathOf('…')}`);
      }
    } finally {
      await client.close();
    }
  });

  test('a querystring string given in the call options is refused before anything is sent, and the refusal holds no secret', async () => {
    const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
    const events: unknown[] = [];
    client.on('request', (err, meta) => events.push(err, meta));
    try {
      for (const [i, query] of ['access_token=%s', 'a=1;token=%s', '?api_key=%s'].entries()) {
        const secret = `Options-Query-Secret-${i}-7c2e90`;
        // opensearch-js types a querystring as `Object | string`, but its Transport spreads a string character by character
        const options = { querystring: query.replace('%s', secret) };
        const error = await client.transport.request({ method: 'GET', path: '/x/_search' }, options as never).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof ConfigError && error.option === 'options.querystring', `refused: ${query}`);
        assert.equal(options.querystring, query.replace('%s', secret), "the caller's options are not changed");
        const at = shown(error).indexOf(secret);
        assert.ok(at < 0 && !String(error.stack).includes(secret), `error of ${query}: ${shown(error).slice(Math.max(0, at - 300), at + 40)}`);
      }
      assert.equal(events.length, 0, 'nothing was sent');
    } finally {
      await client.close();
    }
  });
});
