/**
 * A URLSearchParams as a call's querystring (helper 236): the raw client sends one as no parameters at all (its entries
 * are no own fields); ours copied its fields, the prototype's `size` getter included (`?size=2` for `size=1&q=x`). Now
 * a ConfigError naming the option, before anything is sent; literals keep the fast path.
 *
 * A query string as text where opensearch-js would spread it character by character (its Transport merges a call's
 * `options.querystring` into the params' with Object.assign) is refused before anything is sent; a params string on
 * its own still goes out as given. The raw client beside it shows what the refusal prevents.
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

test('the raw client sends a string options.querystring character by character (what is refused below)', async () => {
  const raw = new Client({ node: stub.url });
  try {
    seen.length = 0;
    // a copy: the raw client writes its serialised query string back into the params it is given
    await raw.transport.request({ ...GET }, { querystring: 'a=1' } as never);
    assert.equal(seen[0], '/x/_search?0=a&1=%3D&2=1');
  } finally {
    await raw.close();
  }
});

test('a string options.querystring, or a params string beside options parameters, is a ConfigError and nothing is sent', async () => {
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
  try {
    for (const [label, params, options, option] of [
      ['options string', GET, { querystring: 'a=1' }, 'options.querystring'],
      ['options string, params object', { ...GET, querystring: { b: '2' } }, { querystring: 'a=1' }, 'options.querystring'],
      ['params string, options object', { ...GET, querystring: 'b=2' }, { querystring: { a: '1' } }, 'params.querystring'],
      ['params string, options empty string', { ...GET, querystring: 'b=2' }, { querystring: '' }, 'params.querystring'],
    ] as const) {
      seen.length = 0;
      const promised = await client.transport.request(params as never, options as never).then(() => undefined, (e: unknown) => e);
      assert.ok(promised instanceof ConfigError && promised.option === option, `${label}: ${String(promised)}`);
      const called = await new Promise<unknown>((resolve) => {
        client.transport.request(params as never, options as never, (err: unknown) => resolve(err));
      });
      assert.ok(called instanceof ConfigError && called.option === option, `${label} (callback)`);
      assert.deepEqual(seen, [], `${label}: nothing sent`);
    }
  } finally {
    await client.close();
  }
});

test('a params string alone, a params object with options parameters, and empty options querystrings go out as before', async () => {
  const client = createClient({ node: stub.url, auth: { mode: 'none' }, retry: { retries: 0 } });
  try {
    for (const [params, options, url] of [
      [{ ...GET, querystring: 'a=1&b=2' }, undefined, '/x/_search?a=1&b=2'],
      [{ ...GET, querystring: 'a=1' }, { querystring: null }, '/x/_search?a=1'],
      [{ ...GET, querystring: { a: '1' } }, { querystring: { b: '2' } }, '/x/_search?a=1&b=2'],
      [GET, { querystring: { b: '2' } }, '/x/_search?b=2'],
      // an empty string spreads no character: sent as opensearch-js sends it
      [GET, { querystring: '' }, '/x/_search'],
      [{ ...GET, querystring: '' }, { querystring: { b: '2' } }, '/x/_search?b=2'],
    ] as const) {
      seen.length = 0;
      await client.transport.request(params as never, options as never).catch((e: unknown) => assert.fail(`${url}: ${String(e)}`));
      assert.deepEqual(seen, [url]);
    }
  } finally {
    await client.close();
  }
});

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
