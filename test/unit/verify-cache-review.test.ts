/**
 * A review of what verifyHits keeps between calls and reads from its caller: a report's DLS verdict is never an object
 * later verifications answer with (a caller changing one report cannot change the next ones, or evaluateDls'), a
 * dlsVerdict answer is read once into a verdict of the report's own, and `searchedAt` is the time a Date holds (any
 * realm, whatever its methods claim) within the range a Date can hold; date math near that range's edge is
 * unsupported, never a NaN name or a RangeError.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { evaluateDls, expectationsFromRoles, prepareDls, verifyHits, type AccessExpectations } from '../../src/verify/index.js';
import { resolveDateMathDuring } from '../../src/fgac/date-math-span.js';
import { ConfigError } from '../../src/errors/classes.js';
import { Rng } from '../support/seeded-rng.js';

const response = (...docs: Array<Record<string, unknown>>): unknown => ({ hits: { hits: docs.map((d, i) => ({ _index: 'i', _id: String(i), _source: d })) } });
const expecting = (dls: string | undefined, extra: Partial<AccessExpectations> = {}): AccessExpectations =>
  ({ indices: [{ indexPatterns: ['i'], rules: [{ role: 'r', ...(dls !== undefined ? { dls } : {}) }] }], ...extra });

/** Changes every field of `target` a caller could change, ignoring a refusal (a frozen object). */
function tamper(target: object): void {
  try {
    Object.assign(target, { result: 'no-match', reason: 'changed by the caller' });
  } catch {
    // refused: what this test wants
  }
}

describe('a report\'s DLS verdict is its own', () => {
  test('changing a report\'s dls changes no later verification or evaluation (seeded queries)', () => {
    const rng = new Rng(20260411);
    const queries = ['{"match_all":{}}', '{"term":{"a":1}}', '{"bool":{"should":[{"term":{"a":1}},{"term":{"a":2}}]}}', '{bad json', '{"script":{}}', '{"term":{"a":"${user.nope}"}}', '{"match_none":{}}'];
    let changed = 0;
    for (let i = 0; i < 60; i++) {
      const dls = rng.pick([...queries, undefined]);
      const docs = Array.from({ length: rng.int(1, 4) }, () => ({ a: rng.int(0, 2) }));
      const exp = expecting(dls, { pluginVersion: rng.pick(['2.19.4', '3.4.0']) });
      const before = JSON.stringify(verifyHits(response(...docs), exp));
      const first = verifyHits(response(...docs), exp);
      for (const h of first.hits) tamper(h.dls);
      changed += first.hits.length;
      assert.equal(JSON.stringify(verifyHits(response(...docs), exp)), before, `query ${dls} after a caller changed the reports`);
    }
    assert.ok(changed > 60);
    assert.deepEqual(evaluateDls({ match_all: {} }, {}), { result: 'match' });
    assert.deepEqual(verifyHits(response({ a: 1 }), expecting(undefined)).hits[0]?.dls, { result: 'match' });
  });

  test('a prepared query that failed answers with a result no caller can change', () => {
    const prepared = prepareDls('{bad json');
    assert.equal(prepared.ok, false);
    if (!prepared.ok) {
      const reason = prepared.result.reason;
      tamper(prepared.result);
      assert.equal(prepared.result.result, 'unverifiable');
      assert.equal(prepared.result.reason, reason);
    }
  });
});

describe('a dlsVerdict answer is read once, into a verdict of the report\'s own', () => {
  const exp = (answer: () => unknown): AccessExpectations => expecting('{"term":{"a":1}}', { dlsVerdict: answer as AccessExpectations['dlsVerdict'] });

  test('a getter answering "match" to the check and another thing later: the report holds what was read', () => {
    let reads = 0;
    const answer = { get result() { reads++; return reads === 1 ? 'match' : 'no such verdict'; } };
    const r = verifyHits(response({ a: 2 }), exp(() => answer));
    const hit = r.hits[0];
    assert.ok(hit !== undefined);
    assert.deepEqual(hit.dls, { result: 'match' });
    assert.equal(reads, 1);
    assert.equal(hit.status === 'pass', hit.dls.result === 'match', 'a passing hit has a match verdict');
    assert.notEqual(hit.dls, answer);
  });

  test('a Proxy alternating its answers: the verdict and the findings agree (seeded)', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 40; i++) {
      const offset = rng.int(0, 2);
      let reads = offset;
      const verdicts = ['match', 'no-match', 'unverifiable'];
      const answer = new Proxy({}, { get: (_t, k) => (k === 'result' ? verdicts[reads++ % 3] : k === 'reason' ? 'why' : undefined) });
      const r = verifyHits(response({ a: 2 }), exp(() => answer));
      const hit = r.hits[0];
      assert.ok(hit !== undefined);
      assert.equal(Object.getPrototypeOf(hit.dls), Object.prototype, 'a plain copy');
      const want = hit.dls.result === 'match' ? 'pass' : hit.dls.result === 'no-match' ? 'violation' : 'unverifiable';
      assert.equal(hit.status, want, `verdict ${JSON.stringify(hit.dls)}`);
      assert.equal(hit.dls.result, verdicts[offset % 3]);
    }
  });

  test('an answer whose result getter throws: unverifiable, the others judged', () => {
    const r = verifyHits(response({ a: 1 }, { a: 1 }), exp(() => ({ get result(): string { throw new Error('no'); } })));
    assert.equal(r.status, 'unverifiable');
    assert.ok(r.hits.every((h) => h.dls.result === 'unverifiable'));
    assert.doesNotThrow(() => JSON.stringify(r));
  });

  test('a reason that is not a string is left out', () => {
    const r = verifyHits(response({ a: 1 }), exp(() => ({ result: 'no-match', reason: { toString: () => 'x' } })));
    assert.deepEqual(r.hits[0]?.dls, { result: 'no-match' });
  });
});

describe('searchedAt: the time a Date holds, within a Date\'s range', () => {
  const ROLES = { daily: { index_permissions: [{ index_patterns: ['<logs-{now/d}>'], dls: '{"term":{"public":true}}', allowed_actions: ['read'] }] } };
  const NOON = Date.parse('2024-01-01T12:00:00Z');
  const rulesAt = (searchedAt: unknown): number | undefined =>
    expectationsFromRoles(ROLES, 'logs-2024.01.01', undefined, { searchedAt: searchedAt as number }).indices[0]?.rules.length;

  test('a Date subclass whose methods claim another time is read by the time it holds', () => {
    class Claims extends Date {
      override getTime(): number { return NOON; }
      override valueOf(): number { return NOON; }
    }
    assert.equal(rulesAt(new Claims(0)), 0, 'the Date holds 1970: the role names logs-1970.01.01');
    assert.equal(rulesAt(new Claims(NOON + 5)), 1);
    const own = new Date(0);
    Object.defineProperty(own, 'getTime', { value: () => NOON });
    assert.equal(rulesAt(own), 0);
    assert.equal(rulesAt({ from: new Claims(0), to: 1000 }), 0);
  });

  test('a Date of another realm is a Date', () => {
    assert.equal(rulesAt(vm.runInNewContext(`new Date(${NOON})`)), 1);
  });

  test('instants a Date cannot hold are a ConfigError naming searchedAt', () => {
    const cases: Array<[string, unknown]> = [['8.64e15 + 1', 8.64e15 + 1], ['-8.64e15 - 1', -8.64e15 - 1], ['1e20', 1e20], ['to 1e300', { from: 0, to: 1e300 }], ['no Date inside', Object.create(Date.prototype)]];
    for (const [label, bad] of cases) {
      assert.throws(() => rulesAt(bad), (e: unknown) => e instanceof ConfigError && /options\.searchedAt/.test(e.message), label);
    }
  });

  test('date math at the edge of the range is unsupported, never a NaN name or a RangeError', () => {
    for (const at of [8.64e15, -8.64e15, 8.64e15 - 3_600_000]) {
      for (const name of ['<a-{now{yyyy|+14:00}}>', '<a-{now/d{yyyy|Pacific/Kiritimati}}>', '<a-{now{yyyy.MM.dd}}>', '<a-{now-1d{yyyy|-12:00}}>']) {
        const r = resolveDateMathDuring(name, at, at);
        assert.equal(r.kind, 'unsupported', `${name} at ${at}: ${JSON.stringify(r)}`);
      }
    }
    assert.equal(resolveDateMathDuring('plain-name', 8.64e15, 8.64e15).kind, 'resolved');
    const e = expectationsFromRoles({ z: { index_permissions: [{ index_patterns: ['<a-{now{yyyy|+14:00}}>'], allowed_actions: ['read'] }] } }, 'a-x', undefined, { searchedAt: 8.64e15 });
    assert.match(e.indices[0]?.undecided ?? '', /range of dates/);
  });
});
