/**
 * Secrets the client put on the wire outside headers, and those of a plain opensearch-js client, are removed by
 * value from everything a user sees: a secret query parameter (`querystring: { token }` or `?api_key=` in the path)
 * echoed bare by a server; a path Node refuses whose query holds a token with a space; diagnoseError of a plain
 * Client's error whose server echoed its basic credentials.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { diagnoseError } from '../../src/diagnose/diagnosis.js';
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

const TOKEN = 'Qs8Tok-n3Pz5Wv1Lk7Mj';

test('a secret query parameter echoed without its key (bare, in a JSON reason, percent-encoded) is removed by value', async () => {
  const echoes = {
    bare: (q: string) => ({ status: 502, type: 'text/plain', body: `invalid value [${q}]` }),
    reason: (q: string) => ({ status: 400, type: 'application/json', body: JSON.stringify({ error: { type: 'illegal_argument_exception', reason: `unknown token [${q}]` }, status: 400 }) }),
    encodedUrl: (_q: string, url: string) => ({ status: 502, type: 'text/plain', body: `bad path ${encodeURIComponent(url)}` }),
  };
  for (const [shape, echo] of Object.entries(echoes)) {
    const stub = await startRawStub((req, res) => {
      const params = new URL(req.url, 'http://x').searchParams;
      const answer = echo(params.get('token') ?? params.get('api_key') ?? '', req.url);
      res.writeHead(answer.status, { 'content-type': answer.type });
      res.end(answer.body);
    });
    const retries: unknown[] = [];
    const client = createClient({ node: stub.url, auth: { mode: 'basic', username: 'svc', password: 'Pw7-query-secrets' }, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2, onRetry: (info) => void retries.push(info) } });
    try {
      for (const params of [{ method: 'GET', path: '/idx/_search', querystring: { token: TOKEN } }, { method: 'GET', path: `/idx/_search?api_key=${TOKEN}` }]) {
        const error = await client.transport.request(params).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof Error, `${shape}: it fails`);
        const text = seen([error, retries]);
        assert.ok(text.includes('Qs8') === false, `${shape} ${params.path}: ${text.split('\n').find((l) => l.includes('Qs8'))}`);
      }
    } finally {
      await client.close();
      await stub.close();
    }
  }
});

test('a path Node refuses whose query string holds a token with a space: the message quotes the path only', async () => {
  const client = createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'basic', username: 'svc', password: 'Pw7-bad-path' }, allowInsecureHttp: true });
  const none = createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'none' } });
  try {
    for (const c of [client, none]) {
      const error = await c.transport.request({ method: 'GET', path: '/idx/_search?api_key=sekret Value 42x' }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof TypeError, String(error));
      assert.match(error.message, /"\/idx\/_search" \(its query string not shown\)/);
      for (const part of ['sekret', 'Value 42x']) assert.ok(!seen(error).includes(part), error.message);
    }
  } finally {
    await Promise.all([client.close(), none.close()]);
  }
});

test("diagnoseError of a plain Client's error: the basic credentials a server echoed are removed in every form", async () => {
  const password = 'Pw7!Qx#Lm2$Rt9vZk4';
  for (const status of [500, 403, 502]) {
    const stub = await startRawStub((req, res) => {
      const header = String(req.headers.authorization);
      const pair = Buffer.from(header.slice(6), 'base64').toString();
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(`failed for ${pair} / ${pair.split(':')[1]} / ${header.slice(6)}`);
    });
    const client = new Client({ node: stub.url, auth: { username: 'svc', password } });
    try {
      const error = await client.search({ index: 'i' }).then(() => undefined, (e: unknown) => e);
      const diagnosis = diagnoseError(error);
      assert.match(diagnosis.problem, new RegExp(`${status}`));
      const text = seen(diagnosis);
      for (const form of [password, Buffer.from(`svc:${password}`).toString('base64')]) assert.ok(!text.includes(form), `${status}: ${diagnosis.problem}`);
    } finally {
      await client.close();
      await stub.close();
    }
  }
});
