/**
 * A secret-named query parameter's value is also removed as the node decodes it (fgac/query-params.ts decodePart),
 * not only as sent and as decodeURIComponent reads it. Measured on 2.19.4 (helper 220): `GET /_search?timeout=ab%%cd`
 * answers 400 "failed to parse [ab%cd]" and `?timeout=caf%e9xy` "... with value [caf\uFFFDxy] ...": the node reads
 * `%%` as `%` and a Latin-1 escape as a replacement character, and echoes what it read. Before, `api_token=Sup3r%%...`
 * registered only the raw text and an echo of `Sup3r%...` reached the user; a name the node reads as a secret's
 * (`%e9api%5Fkey`: decodeURIComponent throws on `%e9`) was not a secret name at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createClient } from '../../src/client/create-client.js';
import { queryNamesSecret, querySecretsOf, redactQueryValues } from '../../src/client/query-secrets.js';
import { startRawStub } from '../support/raw-stub.js';

/** Every rendering of `value` a user could print: message, stack, JSON, inspect, through causes and meta. */
function seen(value: unknown): string {
  const parts: string[] = [];
  const visited = new Set<unknown>();
  const visit = (x: unknown, depth: number): void => {
    if (depth > 6 || x === null || x === undefined || visited.has(x)) return;
    if (typeof x !== 'object') return void parts.push(String(x));
    visited.add(x);
    parts.push(inspect(x, { depth: Infinity, showHidden: true, getters: true }));
    try {
      parts.push(JSON.stringify(x));
    } catch {
      // a cycle: inspect has it
    }
    if (x instanceof Error) parts.push(x.message, String(x.stack));
    for (const key of Reflect.ownKeys(x)) visit((x as Record<PropertyKey, unknown>)[key], depth + 1);
  };
  visit(value, 0);
  return parts.join('\n');
}

/** What the node reads for each sent value (written from the 2.19.4 answers above, not from the SDK's decoder). */
const CASES = [
  { query: 'api_token=Sup3r%%Secr3t-v4lue', read: 'Sup3r%Secr3t-v4lue', tail: 'Secr3t-v4lue' },
  { query: 'access_token=caf%e9-Hid9en-v4lue', read: 'caf\uFFFD-Hid9en-v4lue', tail: 'Hid9en-v4lue' },
  { query: 'token=%%Qz7%C3%A9-Priv4te-x', read: '%Qz7\u00e9-Priv4te-x', tail: 'Priv4te-x' },
  { query: '%e9api%5Fkey=Nam3d-By-N0de-k3y', read: 'Nam3d-By-N0de-k3y', tail: 'N0de-k3y' },
];

test('an echo of what the node read from a secret query parameter is removed from the error, its meta and retries', async () => {
  const leaks: string[] = [];
  for (const { query, read, tail } of CASES) {
    const stub = await startRawStub((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'illegal_argument_exception', reason: `failed to parse setting [x] with value [${read}]` }, status: 400 }));
    });
    const retries: unknown[] = [];
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'svc', password: 'Pw7-h220-query' }, allowInsecureHttp: true, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2, onRetry: (info) => void retries.push(info) } });
    try {
      const error = await client.transport.request({ method: 'GET', path: `/idx/_search?${query}` }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof Error, `${query}: it fails`);
      const text = seen([error, retries]);
      assert.ok(text.includes('failed to parse setting'), `${query}: the server's reason is shown`);
      if (text.includes(tail)) leaks.push(`${query}: ${text.split('\n').find((l) => l.includes(tail))?.trim()}`);
    } finally {
      await client.close();
      await stub.close();
    }
  }
  assert.deepEqual(leaks, []);
});

test('querySecretsOf registers the node reading beside the forms it registered before', () => {
  for (const { query, read } of CASES) {
    const out: string[] = [];
    querySecretsOf(query, out);
    assert.ok(out.includes(read), `${query}: ${JSON.stringify(out)}`);
    assert.ok(out.includes(query.slice(query.indexOf('=') + 1)), `${query}: the value as sent stays`);
  }
  const out: string[] = [];
  querySecretsOf('token=Sup%20er-v4lue-1', out);
  assert.deepEqual(out, ['Sup%20er-v4lue-1', 'Sup er-v4lue-1'], 'a value both decoders read alike is registered once per form');
  const malformed: string[] = [];
  querySecretsOf('token=Bad%2-escape-v4lue', malformed);
  assert.deepEqual(malformed, ['Bad%2-escape-v4lue'], 'a malformed escape (the node answers 400): as sent');
});

test('a parameter name the node reads as a secret\'s names a secret for the request meta too', () => {
  for (const name of ['%e9api%5Fkey', '%%api%5Fkey']) {
    const q = `a=1&${name}=Nam3d-By-N0de-k3y&b=2`;
    assert.equal(queryNamesSecret(q), true, name);
    assert.equal(redactQueryValues(q, '[REDACTED]'), `a=1&${name}=[REDACTED]&b=2`, name);
  }
  assert.equal(queryNamesSecret('a=1&caf%e9=x'), false, 'a name neither decoding makes a secret\'s');
});
