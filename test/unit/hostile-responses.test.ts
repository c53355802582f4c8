/**
 * Hand-built search responses with getters and Proxies given to verifyHits and verifyHitsWithServer: a hit that
 * cannot be read is unverifiable (never a pass, never a crash), a response that cannot be read is a TypeError, and
 * nothing a getter throws is repeated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyHits } from '../../src/verify/verifier.js';
import { verifyHitsWithServer } from '../../src/verify/server-dls.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { evaluateDls, filterDocument, isFieldVisible, maskDocument, visibleFields } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';

const SECRET = 'Response-Getter-Secret-41b';
const thrower = (): never => {
  throw new TypeError(`not a search response ${SECRET}`);
};
const trap = new Proxy({}, { get: thrower, ownKeys: thrower, has: thrower, getOwnPropertyDescriptor: thrower });
const expectations = expectationsFromRoles({ r: { index_permissions: [{ index_patterns: ['m*'], allowed_actions: ['read'], dls: '{"term":{"a":1}}', fls: ['~b'], masked_fields: ['c'] }] } }, 'movies', undefined, { fieldTypes: { a: 'long' } });
const good = { _index: 'movies', _id: 'ok', _source: { a: 1 } };

const HITS: Record<string, unknown> = {
  'a hit that is a Proxy': trap,
  '_index whose toString throws': { _index: { toString: thrower }, _id: '1', _source: { a: 1 } },
  '_source getter': { _index: 'movies', _id: '1', get _source() { return thrower(); } },
  '_source Proxy': { _index: 'movies', _id: '1', _source: trap },
  'nested Proxy': { _index: 'movies', _id: '1', _source: { a: 1, c: trap } },
  'fields Proxy': { _index: 'movies', _id: '1', _source: { a: 1 }, fields: trap },
  'highlight Proxy': { _index: 'movies', _id: '1', _source: { a: 1 }, highlight: trap },
};

test('verifyHits: a hit that cannot be read is unverifiable, the others are judged, nothing thrown is repeated', () => {
  for (const [name, hit] of Object.entries(HITS)) {
    const report = verifyHits({ hits: { hits: [good, hit] } }, expectations);
    assert.notEqual(report.status, 'pass', name);
    assert.equal(report.hits[0]?.status, 'pass', `${name}: the readable hit is still judged`);
    assert.equal(report.hits[1]?.status, 'unverifiable', name);
    assert.match(report.hits[1]?.unverifiable.map((u) => u.reason).join(' ') ?? '', /could not be read/, name);
    assert.ok(!JSON.stringify(report).includes(SECRET), name);
  }
});

test('a response or hits list that cannot be read is a TypeError without the thrown text', async () => {
  const responses = [{ hits: trap }, trap, { body: trap }, { hits: { hits: new Proxy([good], { get: thrower }) } }];
  for (const response of responses) {
    assert.throws(() => verifyHits(response, expectations), (e: unknown) => e instanceof TypeError && /could not be read/.test(e.message) && !e.message.includes(SECRET));
    const reader = { transport: { request: async () => { throw new Error('never asked'); } } };
    await assert.rejects(verifyHitsWithServer(response, expectations, { reader }), (e: unknown) => e instanceof TypeError && !String((e as Error).message).includes(SECRET));
  }
});

test('verifyHitsWithServer: an unreadable hit is not sent to the cluster and is unverifiable', async () => {
  const asked: string[] = [];
  const reader = {
    transport: {
      request: async (params: { path: string }) => {
        asked.push(params.path);
        return { body: { hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'movies', _id: 'ok' }] } } };
      },
    },
  };
  const report = await verifyHitsWithServer({ hits: { hits: [good, HITS['_source getter']] } }, expectations, { reader });
  assert.deepEqual(asked, ['/movies/_search'], 'only the readable hit was asked about');
  assert.equal(report.dlsByServer, 1);
  assert.equal(report.hits[0]?.status, 'pass');
  assert.equal(report.hits[1]?.status, 'unverifiable');
  assert.ok(!JSON.stringify(report).includes(SECRET));
});

test("a throwing originals or dlsVerdict callback is a ConfigError naming it (never a hit turned unverifiable, hiding its findings)", () => {
  const leaking = { hits: { hits: [{ _index: 'movies', _id: '1', _source: { a: 2, b: 'hidden' } }] } };
  for (const [option, extra] of [['expectations.originals', { originals: thrower }], ['expectations.dlsVerdict', { dlsVerdict: thrower }]] as const) {
    assert.throws(() => verifyHits(leaking, { ...expectations, ...extra }), (e: unknown) => e instanceof ConfigError && e.option === option && !e.message.includes(SECRET), option);
  }
  // a throwing getter on highlight or fields leaves _source judged: its leak is still found
  const hit = { _index: 'movies', _id: '1', _source: { a: 1, b: 'hidden' }, get highlight() { return thrower(); } };
  const report = verifyHits({ hits: { hits: [hit] } }, expectations);
  assert.equal(report.counts.flsLeaks, 1);
  assert.match(report.unverifiable.map((u) => u.reason).join(' '), /highlight could not be read/);
  // so does a fields, highlight or inner_hits object whose keys cannot be listed (a Proxy)
  const unlistable = new Proxy({}, { ownKeys: () => thrower() });
  for (const part of ['fields', 'highlight', 'inner_hits'] as const) {
    const r = verifyHits({ hits: { hits: [{ _index: 'movies', _id: '1', _source: { a: 1, b: 'hidden' }, [part]: unlistable }] } }, expectations);
    assert.equal(r.counts.flsLeaks, 1, part);
    assert.match(r.unverifiable.map((u) => u.reason).join(' '), new RegExp(`${part} could not be read`), part);
  }
});

test('plain wrong arguments are named for what they are, not blamed on a getter', () => {
  const cases: Array<[() => unknown, RegExp]> = [
    [() => filterDocument({ a: 1 }, ['a'], null as never), /filterDocument: options must be an object/],
    [() => visibleFields({ a: 1 }, ['a'], 'x' as never), /visibleFields: options must be an object/],
    [() => maskDocument({ a: 'x' }, ['a'], null as never), /maskDocument: options must be an object/],
    [() => isFieldVisible(42 as never, ['a']), /isFieldVisible: path must be/],
    [() => evaluateDls(undefined as never, { a: 1 }), /evaluateDls: query must be/],
    [() => evaluateDls((() => 1) as never, { a: 1 }), /evaluateDls: query must be/],
  ];
  for (const [call, message] of cases) assert.throws(call, (e: unknown) => e instanceof TypeError && message.test(e.message) && !/could not be read/.test(e.message), String(message));
});
