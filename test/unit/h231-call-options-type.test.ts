/**
 * A call's own options must be an object of options (README: a Map, Set, Date or list ... is a ConfigError), as must
 * its options.headers and options.querystring and params.querystring (a querystring may also be a query string as text).
 * h228: a Map's maxRetries 0 was ignored (4 attempts), a string's or a list's indexes went out as headers "0", "1".
 * Loopback stub answering 503 (retries would show).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';

let srv: http.Server;
let node = '';
let seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
before(async () => {
  srv = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end('{"error":"unavailable"}');
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  node = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
});
after(() => srv.close());

const retry = { retries: 3, minDelayMs: 1, maxDelayMs: 2 };
const GET = { method: 'GET', path: '/x' };

class CallOptions {
  maxRetries = 0;
  headers = { 'x-from-class': 'yes' };
}

const REFUSED: [string, unknown, object, RegExp][] = [
  ['options', new Map([['maxRetries', 0]]), GET, /got a Map/],
  ['options', [['maxRetries', 0]], GET, /got an array/],
  ['options', new Set(['x']), GET, /got a Set/],
  ['options', new Date(), GET, /got a Date/],
  ['options', /x/, GET, /got a RegExp/],
  ['options', new String('x'), GET, /got a boxed string/],
  ['options', 'maxRetries=0', GET, /got a string/],
  ['options', 5, GET, /got a number/],
  ['options', true, GET, /got a boolean/],
  ['options.headers', { headers: 'x-a: 1' }, GET, /got a string/],
  ['options.headers', { headers: [['x-a', '1']] }, GET, /got an array/],
  ['options.headers', { headers: new Map([['x-a', '1']]) }, GET, /got a Map/],
  ['options.querystring', { querystring: [['a', '1']] }, GET, /got an array/],
  ['options.querystring', { querystring: new Map([['a', '1']]) }, GET, /got a Map/],
  ['params.querystring', {}, { ...GET, querystring: new Map([['a', '1']]) }, /got a Map/],
  ['params.querystring', {}, { ...GET, querystring: [['a', '1']] }, /got an array/],
];

test('options that are not an object of options are refused naming the option, nothing sent (promise and callback)', async () => {
  const client = createClient({ node, auth: { mode: 'none' }, retry });
  try {
    for (const [option, options, params, shape] of REFUSED) {
      seen = [];
      const label = `${option} ${String(options)}`;
      const error = await client.transport.request(params as never, options as never).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ConfigError, `${label}: a ConfigError (${String(error)})`);
      assert.equal(error.option, option, label);
      assert.match(error.message, shape, label);
      const viaCallback = await new Promise<unknown>((resolve) => {
        client.transport.request(params as never, options as never, (e: unknown) => resolve(e));
      });
      assert.ok(viaCallback instanceof ConfigError && viaCallback.option === option, `${label}: callback gets the ConfigError`);
      assert.equal(seen.length, 0, `${label}: nothing sent`);
    }
    // through an API method as well
    const error = await client.search({ index: 'i' }, new Map([['maxRetries', 0]]) as never).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ConfigError && error.option === 'options');
    assert.equal(seen.length, 0);
  } finally {
    await client.close();
  }
});

test('objects of options still work: a literal, a null-prototype object, a class instance; none given; a query string as text in params', async () => {
  const client = createClient({ node, auth: { mode: 'none' }, retry });
  try {
    const nullProto = Object.assign(Object.create(null) as object, { maxRetries: 0, headers: Object.assign(Object.create(null) as object, { 'x-n': '1' }) });
    for (const [label, options, attempts] of [
      ['literal', { maxRetries: 0, headers: { 'x-l': '1' }, querystring: { q: '1' } }, 1],
      ['null-prototype', nullProto, 1],
      ['class instance', new CallOptions(), 1],
      ['undefined', undefined, 4],
      ['null', null, 4],
      ['null headers and querystring', { maxRetries: 0, headers: null, querystring: null }, 1],
    ] as const) {
      seen = [];
      const error = await client.transport.request(GET as never, options as never).then(() => undefined, (e: unknown) => e);
      assert.equal((error as Error).constructor.name, 'ServiceUnavailableError', label);
      assert.equal(seen.length, attempts, `${label}: attempts`);
    }
    seen = [];
    await client.transport.request({ ...GET, querystring: 'a=1&b=2' } as never, { maxRetries: 0 }).catch(() => undefined);
    assert.equal(seen[0]?.url, '/x?a=1&b=2');
    seen = [];
    await client.transport.request(GET as never, new CallOptions() as never).catch(() => undefined);
    assert.equal(seen[0]?.headers['x-from-class'], 'yes');
  } finally {
    await client.close();
  }
});
