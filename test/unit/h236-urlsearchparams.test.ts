/**
 * A URLSearchParams as a call's querystring (params.querystring or options.querystring). Measured on the raw
 * opensearch-js client: it sends one as no parameters at all (its entries are no own fields). Ours copied its fields,
 * its prototype's `size` getter included, and sent `?size=2` for `new URLSearchParams('size=1&q=x')` (a search's size
 * changed). Now a ConfigError naming the option, before anything is sent; literals keep the fast path.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { isOptionsObject } from '../../src/client/options-check.js';
import { ConfigError } from '../../src/errors/classes.js';
import { answer, startRawStub, type RawStub } from '../support/raw-stub.js';

let stub: RawStub;
const seen: string[] = [];

before(async () => {
  stub = await startRawStub((req, res) => {
    seen.push(req.url);
    answer(res, 200, { ok: true });
  });
});
after(async () => stub.close());

const GET = { method: 'GET', path: '/x/_search' } as const;
const query = (): URLSearchParams => new URLSearchParams('size=1&q=x');

test('the raw client sends a URLSearchParams querystring as no parameters, in params and in options', async () => {
  const raw = new Client({ node: stub.url });
  try {
    seen.length = 0;
    await raw.transport.request({ ...GET, querystring: query() } as never);
    await raw.transport.request({ ...GET }, { querystring: query() } as never);
    assert.deepEqual(seen, ['/x/_search', '/x/_search']);
  } finally {
    await raw.close();
  }
});

test('a URLSearchParams as params.querystring or options.querystring is a ConfigError naming it, and nothing is sent', async () => {
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
  try {
    for (const [label, call, option, fix] of [
      ['params', () => client.transport.request({ ...GET, querystring: query() } as never), 'params.querystring', /toString\(\)/],
      ['options', () => client.transport.request({ ...GET }, { querystring: query() } as never), 'options.querystring', /Object\.fromEntries/],
      ['options beside a params object', () => client.transport.request({ ...GET, querystring: { a: '1' } } as never, { querystring: query() } as never), 'options.querystring', /Object\.fromEntries/],
      ['an API method', () => client.search({ index: 'x' }, { querystring: query() } as never), 'options.querystring', /URLSearchParams/],
    ] as const) {
      seen.length = 0;
      const err = await call().then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ConfigError && err.option === option, `${label}: ${String(err)}`);
      assert.match(err.message, /got a URLSearchParams/, label);
      assert.match(err.message, fix, label);
      assert.deepEqual(seen, [], `${label}: nothing sent (before: ?size=2)`);
    }
    // the same parameters as an object go out as given
    seen.length = 0;
    await client.transport.request({ ...GET }, { querystring: Object.fromEntries(query()) } as never);
    await client.transport.request({ ...GET, querystring: query().toString() } as never);
    assert.deepEqual(seen, ['/x/_search?size=1&q=x', '/x/_search?size=1&q=x']);
  } finally {
    await client.close();
  }
});

test('isOptionsObject: a URLSearchParams is no options object; literals and null-prototype objects still are', () => {
  assert.equal(isOptionsObject(query()), false);
  assert.equal(isOptionsObject({ size: 1 }), true);
  assert.equal(isOptionsObject(Object.create(null)), true);
  class Options { size = 1; }
  assert.equal(isOptionsObject(new Options()), true);
});
