/**
 * The request object an attempt hands to Node (src/client/request-object.ts) against opensearch-js's own
 * Connection.buildRequestObject as the referee: for every params shape, the fields Node reads are the same, and the
 * fields Node never reads are not there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection } from '@opensearch-project/opensearch';
import { buildRequest } from '../../src/client/request-object.js';

/** What Node's http.request and its Agent read of a request object (every key the referee passes but those below). */
const NEVER_READ = ['hash', 'search', 'pathname', 'href', 'origin', 'body', 'bulkBody', 'querystring', 'asStream'];

function referee(url: string, headers: Record<string, string> | undefined, params: Record<string, unknown>): Record<string, unknown> {
  const connection = new Connection({ url: new URL(url), ...(headers !== undefined ? { headers } : {}) } as ConstructorParameters<typeof Connection>[0]);
  const built = { ...(Connection.prototype.buildRequestObject.call(connection, params as never) as unknown as Record<string, unknown>) };
  for (const key of NEVER_READ) delete built[key];
  return { built, connection };
}

const URLS = ['http://127.0.0.1:9200', 'https://node.example:443/', 'http://[::1]:9200/prefix', 'http://h:1/prefix/', 'http://h:1/p?x=1', 'http://h:1/p/?x=1#frag'];
const PARAMS: Array<Record<string, unknown>> = [
  { method: 'POST', path: '/flights/_search', body: '{"size":1}', querystring: 'size=3', headers: { 'content-type': 'application/json' }, timeout: 30000 },
  { method: 'GET', path: 'no-slash', querystring: '' },
  { method: 'GET', path: '/', querystring: 'a=1&b=%20' },
  { method: 'HEAD', path: '/x', asStream: true, bulkBody: 'x', timeout: 5 },
  { method: 'GET', path: '/x', auth: { credentials: 1 }, localAddress: '127.0.0.1' },
  { method: 'GET', pathname: '/given', path: '/y', search: '?s=1', querystring: 'q=2' },
  { path: '/y', method: 'GET', pathname: '/later' },
  { method: 'DELETE' },
];

test('the request object matches opensearch-js buildRequestObject on every field Node reads', () => {
  for (const url of URLS) {
    for (const params of PARAMS) {
      for (const headers of [undefined, { 'x-client': 'a', 'content-type': 'text/plain' }]) {
        const { built: expected, connection } = referee(url, headers, params) as { built: Record<string, unknown>; connection: Connection };
        const c = connection as unknown as { url: URL; headers: Record<string, unknown>; agent: unknown };
        const actual: Record<string, unknown> = { ...buildRequest(c.url, c.headers, c.agent, params) };
        // the referee keeps `pathname`/`search` given in params as keys too; both are Node-unread
        for (const key of NEVER_READ) delete actual[key];
        assert.deepEqual(actual, expected, `${url} ${JSON.stringify(params)} ${JSON.stringify(headers)}`);
      }
    }
  }
});

test('the request object holds none of the fields Node never reads', () => {
  const built = buildRequest(new URL('http://h:1/p?x=1#f'), {}, undefined, { method: 'POST', path: '/a', body: 'secret body', bulkBody: 'b', querystring: 'q=1', asStream: true });
  for (const key of ['hash', 'href', 'origin', 'body', 'bulkBody', 'querystring', 'asStream']) assert.equal(Object.hasOwn(built, key), false, key);
  assert.equal(built.path, '/p/a?x=1&q=1');
});

test('a params key a polluted Object.prototype holds as a setter is defined on the request object, not handed to the setter', () => {
  let seen: unknown;
  Object.defineProperty(Object.prototype, 'timeout', { set(v: unknown) { seen = v; }, get() { return undefined; }, configurable: true });
  try {
    const built = buildRequest(new URL('http://h:1'), {}, undefined, { method: 'GET', path: '/', timeout: 1234 });
    assert.equal(Object.getOwnPropertyDescriptor(built, 'timeout')?.value, 1234);
    assert.equal(seen, undefined);
  } finally {
    delete (Object.prototype as { timeout?: unknown }).timeout;
  }
});
