/**
 * A role's date-math index pattern (`<logs-{now/d}>`) was resolved by the plugin while it served the search, with the
 * node's clock: `expectationsFromRoles(..., { searchedAt })` resolves it then (an instant, or the interval from sending
 * the search to its answer), not when the hits are verified; within an interval across a change of name the
 * expectation is undecided and the hits unverifiable, never judged by the wrong grant. resolveDateMathDuring is exact.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectationsFromRoles, verifyHits } from '../../src/verify/index.js';
import { resolveDateMathDuring, MAX_SPAN_STEPS } from '../../src/fgac/date-math-span.js';
import { resolveDateMath } from '../../src/fgac/date-math.js';
import { ConfigError } from '../../src/errors/classes.js';
import { Rng } from '../support/seeded-rng.js';

/** A role granting `logs` of the day (UTC) with DLS, and one granting every `logs-*` index without restriction elsewhere. */
const ROLES = {
  daily: { index_permissions: [{ index_patterns: ['<logs-{now/d}>'], dls: '{"term":{"public":true}}', allowed_actions: ['read'] }] },
};
const INDEX = 'logs-2024.01.01';
const NOON = Date.parse('2024-01-01T12:00:00Z');
const hit = (pub: boolean) => ({ hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: INDEX, _id: '1', _source: { public: pub, n: 1 } }] } });

describe('expectationsFromRoles: date-math role patterns resolved when the search ran', () => {
  test('an instant: the role covers the index of that day (the time of the call names another day)', () => {
    const e = expectationsFromRoles(ROLES, INDEX, undefined, { searchedAt: NOON });
    assert.equal(e.indices[0]?.rules.length, 1);
    assert.equal(e.indices[0]?.undecided, undefined);
    assert.equal(verifyHits(hit(false), e).status, 'violation', 'DLS of the grant applies: a non-public document is a violation');
    assert.equal(verifyHits(hit(true), e).status, 'pass');
    const viaDate = expectationsFromRoles(ROLES, INDEX, undefined, { searchedAt: new Date(NOON) });
    assert.equal(viaDate.indices[0]?.rules.length, 1);
  });

  test('without searchedAt the time of the call decides (today is not 2024-01-01): no grant, every hit a violation', () => {
    const e = expectationsFromRoles(ROLES, INDEX);
    assert.equal(e.indices[0]?.rules.length, 0);
  });

  test('an interval within one day is decided; one across midnight is undecided for both days', () => {
    const inDay = expectationsFromRoles(ROLES, INDEX, undefined, { searchedAt: { from: NOON, to: NOON + 3_000 } });
    assert.equal(inDay.indices[0]?.rules.length, 1);
    const midnight = Date.parse('2024-01-02T00:00:00Z');
    for (const index of [INDEX, 'logs-2024.01.02']) {
      const across = expectationsFromRoles(ROLES, index, undefined, { searchedAt: { from: midnight - 800, to: midnight + 400 } });
      assert.equal(across.indices[0]?.rules.length, 0);
      assert.match(across.indices[0]?.undecided ?? '', /logs-2024\.01\.01 and then logs-2024\.01\.02/);
      const report = verifyHits({ hits: { hits: [{ _index: index, _id: '1', _source: { public: true } }] } }, across);
      assert.equal(report.status, 'unverifiable', 'not a violation: the grant may apply');
    }
    const other = expectationsFromRoles(ROLES, 'logs-2023.12.31', undefined, { searchedAt: { from: midnight - 800, to: midnight + 400 } });
    assert.equal(other.indices[0]?.undecided, undefined, 'an index neither name can be is not in doubt');
  });

  test('a bad searchedAt is a ConfigError naming it', () => {
    for (const bad of [Number.NaN, 'yesterday', new Date('x'), { from: 2 }, { from: 5, to: 4 }, [1, 2]]) {
      assert.throws(() => expectationsFromRoles(ROLES, INDEX, undefined, { searchedAt: bad as never }), (e: unknown) => e instanceof ConfigError && /options\.searchedAt/.test(e.message));
    }
  });
});

describe('resolveDateMathDuring is exact', () => {
  test('names taken over an interval equal those of every millisecond in it (seeded)', () => {
    const rng = new Rng(20260101);
    const expressions = ['<a-{now/d}>', '<a-{now{HH.mm.ss}}>', '<a-{now/m{mm}}>', '<a-{now{ss.SSS}}>', '<a-{now-1s{yyyy.MM.dd|+05:30}}>', '<a-{now/H{HH|Europe/Paris}}>', '<a-{now{ss}}>'];
    for (let i = 0; i < 60; i++) {
      const expression = rng.pick(expressions);
      const from = Date.parse('2024-03-31T00:59:58Z') + rng.int(0, 3_000);
      const to = from + rng.int(0, 2_500);
      const every = new Set<string>();
      for (let t = from; t <= to; t++) {
        const r = resolveDateMath(expression, t);
        assert.equal(r.kind, 'resolved');
        if (r.kind === 'resolved') every.add(r.name);
      }
      const span = resolveDateMathDuring(expression, from, to);
      const names = span.kind === 'resolved' ? [span.name] : span.kind === 'varies' ? span.names : [];
      assert.deepEqual([...names].sort(), [...every].sort(), `${expression} ${from}..${to}`);
    }
  });

  test('a span too long to walk is unsupported, not guessed', () => {
    const r = resolveDateMathDuring('<a-{now{ss.SSS}}>', 0, MAX_SPAN_STEPS + 10);
    assert.equal(r.kind, 'unsupported');
    assert.equal(resolveDateMathDuring('<a-{now/d}>', 0, 6 * 3_600_000).kind, 'resolved', 'six hours at second steps');
  });
});
