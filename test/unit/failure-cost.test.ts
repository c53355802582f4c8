/**
 * The cost of failure paths, counted as redaction passes (no timing): every redactText / valueSpans pass asks the
 * SecretSet for its levels() once, so a SecretSet that counts levels() counts how often the values of the client's
 * secrets are searched for. An error body is searched once per value (its texts joined), not once per string; a
 * failed bulk item costs a few passes; the request body an error echoes is bounded (and never cut through a secret);
 * and what each shortcut skips is still redacted (a secret deep in a body, a getter answering differently later).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from '@opensearch-project/opensearch';
import { SecretSet } from '../../src/errors/secrets.js';
import { toTypedError } from '../../src/errors/classify.js';
import { itemErrorsOfAnswer } from '../../src/ingest/item-errors.js';
import { MAX_ECHOED_BODY, MAX_ECHOED_ITEMS } from '../../src/errors/request-echo.js';
import { inspect } from 'node:util';

const PASSWORD = 'S3cret-Passw0rd!x';

class CountingSet extends SecretSet {
  passes = 0;
  override levels(): ReturnType<SecretSet['levels']> {
    this.passes++;
    return super.levels();
  }
}

function counting(): CountingSet {
  const set = new CountingSet();
  set.add(PASSWORD);
  return set;
}

function responseError(status: number, body: unknown): errors.ResponseError {
  const meta = {
    body, statusCode: status, headers: { 'content-type': 'application/json' }, warnings: null,
    meta: { context: null, name: 'ep', request: { params: { method: 'POST', path: '/x/_search' }, options: {}, id: 1 }, connection: null, attempts: 0, aborted: false },
  };
  return new errors.ResponseError(meta as unknown as ConstructorParameters<typeof errors.ResponseError>[0]);
}

function rootCauses(n: number): unknown {
  return {
    error: { root_cause: Array.from({ length: n }, (_, i) => ({ type: 'query_shard_exception', reason: `failed to create query for shard ${i}`, index: `idx-${i}` })),
      type: 'search_phase_execution_exception', reason: 'all shards failed' },
    status: 500,
  };
}

function passesFor(body: unknown, status: number): number {
  const set = counting();
  const typed = toTypedError(responseError(status, body), { secrets: set }) as Error;
  assert.ok(typed instanceof Error);
  assert.ok(!JSON.stringify(typed).includes(PASSWORD));
  return set.passes;
}

test('redaction passes of one refused request (403 security_exception) are a small constant', (t) => {
  const body = { error: { root_cause: [{ type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=admin, backend_roles=[], requestedTenant=null]' }],
    type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=admin, backend_roles=[], requestedTenant=null]' }, status: 403 };
  const passes = passesFor(body, 403);
  t.diagnostic(`redaction passes for one 403: ${passes}`);
  // 41 at 329103a (a pass per key and per string of the meta); the whole meta's texts are now searched at once
  assert.ok(passes > 0 && passes <= 25, `passes: ${passes}`);
});

test('redaction passes of an error body do not grow with its number of root causes', () => {
  const small = passesFor(rootCauses(10), 500);
  const large = passesFor(rootCauses(1000), 500);
  // observed at 329103a: 10 root causes -> 87 passes, 1000 -> 6027 (proportional)
  assert.ok(large < 2 * small, `passes: 10 root causes ${small}, 1000 root causes ${large}`);
});

test('a bulk answer whose items fail each with their own error costs a few redaction passes per item (35 at 329103a)', () => {
  const set = counting();
  const make = itemErrorsOfAnswer('POST', '/_bulk', () => set);
  const items = 200;
  for (let i = 0; i < items; i++) {
    const e = make(409, { type: 'version_conflict_engine_exception', reason: `[doc-${i}]: version conflict, document already exists (current version [1])`, index: 'x', shard: '0', index_uuid: 'u' });
    assert.ok(e instanceof Error);
  }
  // An item error has 5 strings of its own (type, reason, index, shard, index_uuid) and one message.
  assert.ok(set.passes <= 8 * items, `redaction passes per failed item: ${(set.passes / items).toFixed(1)}`);
});

test('items failing with one same error share one typed error', () => {
  const set = counting();
  const make = itemErrorsOfAnswer('POST', '/_bulk', () => set);
  const first = make(400, { type: 'strict_dynamic_mapping_exception', reason: 'mapping set to strict, dynamic introduction of [x] within [_doc] is not allowed' });
  const passesAfterFirst = set.passes;
  for (let i = 0; i < 100; i++) assert.equal(make(400, { type: 'strict_dynamic_mapping_exception', reason: 'mapping set to strict, dynamic introduction of [x] within [_doc] is not allowed' }), first);
  assert.equal(set.passes, passesAfterFirst);
});

test('a secret deep in a large error body, among thousands of strings, is still removed by value', () => {
  const body = rootCauses(2000) as { error: { root_cause: { reason: string }[] } };
  (body.error.root_cause[1234] as { reason: string }).reason = `shard failed: token ${PASSWORD} rejected`;
  const typed = toTypedError(responseError(500, body), { secrets: counting() }) as Error & { meta: { body: unknown } };
  const rendered = JSON.stringify(typed.meta.body);
  assert.ok(!rendered.includes(PASSWORD));
  assert.ok(rendered.includes('failed to create query for shard 1999'), 'the other root causes are kept');
});

test('a getter answering a secret only on its second read cannot slip past the one search of a value', () => {
  let reads = 0;
  const hostile = { type: 'x', reason: 'plain' } as Record<string, unknown>;
  Object.defineProperty(hostile, 'detail', { enumerable: true, get: () => (++reads === 1 ? 'nothing here' : `now ${PASSWORD}`) });
  const typed = toTypedError(responseError(500, { error: hostile, status: 500 }), { secrets: counting() }) as Error & { meta: unknown };
  assert.ok(!JSON.stringify(typed.meta).includes(PASSWORD));
  assert.ok(!inspect(typed, { depth: 10 }).includes(PASSWORD));
});

test('the request body an error echoes is bounded, cut after a whole NDJSON line, redacted with what follows the cut in view', () => {
  const line = (i: number): string => `{"index":{"_index":"x","_id":"d${i}"}}\n{"n":${i},"text":"document ${i}"}\n`;
  const body = Array.from({ length: 20_000 }, (_, i) => line(i)).join('');
  const withParams = (params: Record<string, unknown>): errors.ResponseError => new errors.ResponseError({
    body: { error: { type: 'illegal_argument_exception', reason: 'bad' }, status: 400 }, statusCode: 400, headers: {}, warnings: null,
    meta: { context: null, name: 'n', request: { params: { method: 'POST', path: '/_bulk', ...params }, options: {}, id: 1 }, connection: null, attempts: 0, aborted: false },
  } as unknown as ConstructorParameters<typeof errors.ResponseError>[0]);
  const echoedBody = (params: Record<string, unknown>): string =>
    ((toTypedError(withParams(params), { secrets: counting() }) as errors.ResponseError).meta.meta as unknown as { request: { params: { body: string } } }).request.params.body;
  const typed = toTypedError(withParams({ body, bulkBody: body.split('\n') }), { secrets: counting() }) as errors.ResponseError;
  const params = (typed.meta.meta as unknown as { request: { params: { body: string; bulkBody: unknown[] } } }).request.params;
  assert.ok(params.body.length < MAX_ECHOED_BODY + 100, `kept ${params.body.length} characters`);
  const note = `[the request body was cut here: ${body.length} characters in all]`;
  assert.ok(params.body.endsWith(`\n${note}`), params.body.slice(-120));
  const kept = params.body.slice(0, -note.length);
  assert.ok(kept.endsWith('\n') && body.startsWith(kept), 'cut after a whole line');
  assert.equal(params.bulkBody.length, MAX_ECHOED_ITEMS + 1);
  assert.match(String(params.bulkBody.at(-1)), /more entries of the request body not kept/);
  // one long line whose cut falls inside the client's password, a URL's user info or a JSON secret field:
  // redacted with the text after the cut in view, so no fragment is left and the note stays
  const pad = (n: number): string => `{"doc":"${'x'.repeat(n)}`;
  const cases = [
    `${pad(MAX_ECHOED_BODY - 13)}${PASSWORD}${'y'.repeat(1000)}"}`,
    `${pad(MAX_ECHOED_BODY - 30)}","url":"https://bob:ThirdPartyPassw0rd@db.example.com/x","z":"${'y'.repeat(1000)}"}`,
    `${pad(MAX_ECHOED_BODY - 25)}","password":"AnotherSecretValue42","z":"${'y'.repeat(1000)}"}`,
  ];
  for (const text of cases) {
    const echoed = echoedBody({ body: text });
    for (const secret of [PASSWORD.slice(0, 6), 'ThirdParty', 'AnotherSec']) assert.ok(!echoed.includes(secret), `${secret} in ${echoed.slice(-160)}`);
    assert.ok(echoed.endsWith(`[the request body was cut here: ${text.length} characters in all]`), echoed.slice(-160));
  }
});

function withConnection(status: number, body: unknown, connection: unknown): errors.ResponseError {
  const error = responseError(status, body);
  (error.meta.meta as unknown as Record<string, unknown>).connection = connection;
  return error;
}

const DENIED = { error: { root_cause: [{ type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=admin, backend_roles=[], requestedTenant=null]' }],
  type: 'security_exception', reason: 'no permissions for [indices:data/read/search] and User [name=admin, backend_roles=[], requestedTenant=null]' }, status: 403 };

test('a refused request whose meta holds the connection (a URL and headers) is not redacted twice', () => {
  const set = counting();
  const connection = { url: new URL('https://node.example:9200/'), id: 'https://node.example:9200/', headers: { 'x-trace': 'abc' }, status: 'alive', roles: {}, deadCount: 0 };
  const typed = toTypedError(withConnection(403, DENIED, connection), { secrets: set }) as Error & { meta: { meta: { connection: { url: URL } } } };
  assert.ok(typed instanceof Error);
  assert.ok(set.passes <= 8, `redaction passes: ${set.passes} (37 at 984e3d4: a connection made the first walk start over)`);
  assert.ok(typed.meta.meta.connection.url instanceof URL, 'the connection URL stays a URL');
});

test('the client\'s secret in the connection\'s URL, id or headers is still removed by value', () => {
  for (const connection of [
    { url: new URL(`https://node.example:9200/${encodeURIComponent(PASSWORD)}/`), id: 'n1', headers: {} },
    { url: new URL('https://node.example:9200/'), id: `n-${PASSWORD}`, headers: {} },
    { url: new URL('https://node.example:9200/'), id: 'n1', headers: { 'x-note': `v ${PASSWORD}` } },
    { url: new URL('https://node.example:9200/'), id: 'n1', headers: { 'x-list': ['a', { deep: PASSWORD }] } },
  ]) {
    const set = counting();
    const typed = toTypedError(withConnection(403, DENIED, connection), { secrets: set }) as Error & { meta: unknown };
    const shown = `${JSON.stringify(typed.meta, (_k, v: unknown) => (v instanceof URL ? v.href : v))} ${inspect(typed, { depth: 12 })}`;
    assert.ok(!shown.includes(PASSWORD) && !shown.includes(encodeURIComponent(PASSWORD)), JSON.stringify(connection.headers));
  }
});

test('a failed item with a long reason: its message is searched once (the stack reuses its redaction; 5 passes at 825ac5b)', (t) => {
  const set = counting();
  const make = itemErrorsOfAnswer('POST', '/_bulk', () => set);
  const items = 100;
  for (let i = 0; i < items; i++) make(400, { type: 'mapper_parsing_exception', reason: `failed to parse field [n] of type [integer] in document with id '${i}'. Preview of field's value: '${'x'.repeat(300)}${i}'` });
  t.diagnostic(`redaction passes per failed item: ${set.passes / items}`);
  assert.ok(set.passes <= 4 * items, `redaction passes per failed item: ${set.passes / items}`);
});

test('connection URL copies: a copy changed by a caller or a source changed since is made again, never with user info', () => {
  const live = new URL('https://node.example:9200/base/');
  const connection = { url: live, id: 'n1', headers: {} };
  const urlOf = (e: unknown): URL => ((e as { meta: { meta: { connection: { url: URL } } } }).meta.meta.connection.url);
  const first = urlOf(toTypedError(withConnection(403, DENIED, connection), { secrets: counting() }));
  assert.equal(first.href, 'https://node.example:9200/base/');
  first.username = 'someone';
  first.password = PASSWORD;
  const second = urlOf(toTypedError(withConnection(403, DENIED, connection), { secrets: counting() }));
  assert.equal(second.href, 'https://node.example:9200/base/', 'a caller\'s change to one error\'s copy is not seen by the next');
  live.username = 'svc';
  live.password = 'Other-Live-Pw-77';
  live.search = '?x_api_key=abc123';
  const third = urlOf(toTypedError(withConnection(403, DENIED, connection), { secrets: counting() }));
  assert.equal(third.username, 'REDACTED');
  assert.equal(third.password, '');
  assert.ok(!third.href.includes('Other-Live-Pw-77') && !third.href.includes('abc123'), third.href);
});
