/**
 * verifyHits' checks of `hit.sort` against a masked or hidden field's clear value in the forms the node sorts
 * it by: numeric and date multi-fields of a masked keyword (dates in UTC epoch ms, whatever the machine's
 * time zone), what the SDK cannot compute (a date format it does not read) is unverifiable, and numbers no
 * masked field is known to hold (`_score`, `_doc`, `_shard_doc`; no mapping) do not fail a hit.
 * What the node returns is checked in test/integration/masking-sort-values.test.ts; here the SDK's rules.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import type { FieldTypes } from '../../src/verify/dls/types.js';
import { merge } from '../../src/verify/compiled-rules.js';
import { checkSortValues } from '../../src/verify/sort-checks.js';
import type { HitReport } from '../../src/verify/report.js';

const INDEX = 'sv';
const MASK = 'ab'.repeat(32);
const roles = (rule: Record<string, unknown>) => ({ r: { index_permissions: [{ index_patterns: [INDEX], allowed_actions: ['read'], ...rule }] } });

/** verifyHits over one hit `d1` with `sort`, `_source` as given, the original `orig`. */
function run(rule: Record<string, unknown>, sort: unknown[], source: Record<string, unknown>, orig: Record<string, unknown> | undefined, fieldTypes?: FieldTypes) {
  const body = { hits: { hits: [{ _index: INDEX, _id: 'd1', _source: source, sort }] } };
  const opts = { pluginVersion: '2.19.4', ...(orig ? { originals: new Map([[`${INDEX}/d1`, orig]]) } : {}), ...(fieldTypes ? { fieldTypes } : {}) };
  const r = verifyHits(body, expectationsFromRoles(roles(rule), INDEX, { name: 'u' }, opts));
  return { status: r.status, findings: r.findings.map((f) => [f.kind, f.location, f.path]), unverifiable: r.unverifiable.map((u) => u.reason) };
}

const masked = { masked_fields: ['when'] };
const WHEN = '2024-03-01T10:00:00';
const UTC_MS = 1709287200000;

describe('hit.sort of a masked keyword\'s multi-fields', () => {
  test('the clear date in epoch ms (no offset = UTC) is a leak, mapping known or not; another number passes with the mapping', () => {
    const ft: FieldTypes = { when: 'keyword', 'when.d': { type: 'date', sourceField: 'when' } };
    assert.deepEqual(run(masked, [UTC_MS], { when: MASK }, { when: WHEN }, ft).findings, [['unmasked', 'sort', 'when']]);
    assert.deepEqual(run(masked, [UTC_MS], { when: MASK }, { when: WHEN }).findings, [['unmasked', 'sort', 'when']]);
    // the local-time reading (America/New_York) is not what the node sorts by
    assert.equal(run(masked, [1709305200000], { when: MASK }, { when: WHEN }, ft).status, 'pass');
    assert.equal(run(masked, [1.5], { when: MASK }, { when: WHEN }, { when: 'keyword', 'when.raw': { type: 'keyword', sourceField: 'when' } }).status, 'pass');
  });

  test('a numeric multi-field: long truncates, double keeps the decimal', () => {
    const ft: FieldTypes = { num: 'keyword', 'num.n': { type: 'long', sourceField: 'num' }, 'num.x': { type: 'double', sourceField: 'num' } };
    const rule = { masked_fields: ['num'] };
    for (const v of [7, 7.9]) assert.deepEqual(run(rule, [v], { num: MASK }, { num: '7.9' }, ft).findings, [['unmasked', 'sort', 'num']], String(v));
    assert.deepEqual(run(rule, [7], { num: MASK }, { num: '7.9' }).findings, [['unmasked', 'sort', 'num']], 'no mapping: an integer multi-field is assumed possible');
  });

  test('what the SDK cannot compute is unverifiable, never a pass', () => {
    const custom: FieldTypes = { when: 'keyword', 'when.f': { type: 'date', format: 'dd/MM/yyyy', sourceField: 'when' } };
    const r = run(masked, [1709251200000], { when: MASK }, { when: '01/03/2024' }, custom);
    assert.equal(r.status, 'unverifiable');
    assert.match(r.unverifiable.join('\n'), /when\.f is a date multi-field with format "dd\/MM\/yyyy"/);
    assert.equal(run(masked, [UTC_MS], { when: MASK }, undefined, { when: 'keyword', 'when.d': { type: 'date', sourceField: 'when' } }).status, 'unverifiable', 'original unknown, and the mapping gives the masked field a date multi-field');
    assert.equal(run(masked, [UTC_MS], { when: MASK }, undefined, { when: 'keyword' }).status, 'pass', 'original unknown, but no masked field has a numeric multi-field');
  });

  test('a sort on _id returns the hit\'s own id, which reveals nothing', () => {
    assert.equal(run(masked, ['d1'], { when: MASK }, { when: WHEN }, { when: 'keyword' }).status, 'pass');
  });
});

describe('hit.sort numbers under masks alone that no masked field is known to hold (_score, _doc, _shard_doc)', () => {
  const email = { masked_fields: ['email'] };
  /** verifyHits over hit d1 `{ email: MASK, n: 5 }` with `_score` 1.2345 (the regression review's reproducer). */
  const scored = (sort: unknown[], orig?: Record<string, unknown>, fieldTypes?: FieldTypes) => {
    const body = { hits: { hits: [{ _index: INDEX, _id: 'd1', _score: 1.2345, _source: { email: MASK, n: 5 }, sort }] } };
    const opts = { pluginVersion: '2.19.4', ...(orig ? { originals: new Map([[`${INDEX}/d1`, orig]]) } : {}), ...(fieldTypes ? { fieldTypes } : {}) };
    const r = verifyHits(body, expectationsFromRoles(roles(email), INDEX, { name: 'u' }, opts));
    return { status: r.status, findings: r.findings.map((f) => [f.kind, f.location, f.path]), unverifiable: r.unverifiable.map((u) => u.reason) };
  };

  test('no mapping, no originals: a number is noted in the README, never an unverifiable item (a string still is)', () => {
    for (const sort of [[1.2345], [0.87], [5], [42, 17], [UTC_MS]]) assert.deepEqual(scored(sort), { status: 'pass', findings: [], unverifiable: [] }, JSON.stringify(sort));
    assert.equal(scored(['zzz']).status, 'unverifiable');
  });

  test('no mapping, original known: only a number or default-format date reading of a masked clear value matters', () => {
    assert.equal(scored([42, 17], { email: 'alice@example.com', n: 5 }).status, 'pass');
    assert.equal(scored([1.2345, 3], { email: 'alice@example.com', n: 5 }).status, 'pass');
    // the leaks the SDK computes without a mapping stay violations
    assert.deepEqual(scored([UTC_MS, 17], { email: WHEN, n: 5 }).findings, [['unmasked', 'sort', 'email']]);
    assert.deepEqual(scored([42, 17], { email: '42.5', n: 5 }).findings, [['unmasked', 'sort', 'email']]);
  });

  test('a mapping with a numeric multi-field of a masked field, the hit\'s own _score ties (unverifiable if a clear value equals it too), a _doc or _shard_doc integer stays unverifiable', () => {
    const ft: FieldTypes = { email: 'keyword', 'email.n': { type: 'long', sourceField: 'email' }, n: 'long' };
    const all = expectationsFromRoles(roles(email), INDEX, { name: 'u' }, { pluginVersion: '2.19.4', fieldTypes: ft });
    const exp = all.indices[0];
    assert.ok(exp !== undefined);
    const m = merge(exp, all);
    // checkSortValues itself: verifyHits passes the hit's _score to it (see the verifier)
    const check = (sort: unknown[], score: unknown, orig?: Record<string, unknown>) => {
      const rep: HitReport = { index: INDEX, id: 'd1', status: 'pass', dls: { result: 'match' }, findings: [], unverifiable: [], masksRecomputed: 0, masksShapeChecked: 0 };
      checkSortValues({ rep, m, all, saltKnown: false, uses: new Map() }, false, true, sort, { email: MASK, n: 5 }, undefined, orig, 'd1', score);
      return orig === undefined ? rep.unverifiable.map((u) => u.reason) : [...rep.findings.map((f) => f.kind), ...rep.unverifiable.map((u) => u.aspect)];
    };
    assert.deepEqual(check([1.2345], 1.2345), []);
    assert.deepEqual(check([1.2345, 5], 1.2345), []);
    assert.equal(check([1.2345], undefined).length, 1, 'without the hit\'s _score the value is not tied');
    // `_doc` / `_shard_doc` (3.4.0: (shard << 32) | doc) are integers an `email.n` sort also gives: not told apart
    assert.equal(check([1.2345, 4294967296], 1.2345).length, 1);
    // with the original: a _score equal to a masked value's form is either, never a pass; without the _score it is the leak
    assert.deepEqual(check([1], 1, { email: '1', n: 5 }), ['mask']);
    assert.deepEqual(check([1], undefined, { email: '1', n: 5 }), ['unmasked']);
    assert.deepEqual(check([1.2345, 3], 1.2345, { email: '12', n: 5 }), []);
  });

  test('verifyHits hands the hit\'s _score to the sort check: a _score sort under a masked numeric multi-field passes', () => {
    const ft: FieldTypes = { email: 'keyword', 'email.n': { type: 'long', sourceField: 'email' }, n: 'long' };
    const exp = expectationsFromRoles(roles(email), INDEX, { name: 'u' }, { pluginVersion: '2.19.4', fieldTypes: ft });
    const hit = (sort: unknown[]) => ({ hits: { hits: [{ _index: INDEX, _id: 'd1', _score: 1.2345, _source: { email: MASK, n: 5 }, sort }] } });
    assert.equal(verifyHits(hit([1.2345]), exp).status, 'pass');
    assert.equal(verifyHits(hit([7.5]), exp).status, 'unverifiable');
  });
});

describe('the machine\'s time zone never changes a verdict', () => {
  test('the same findings under TZ=America/New_York and TZ=UTC (a child process each)', () => {
    const script = `
      import { expectationsFromRoles } from './src/verify/expectations.ts';
      import { verifyHits } from './src/verify/verifier.ts';
      const out = [];
      for (const [rule, sort] of [[{ fls: ['~when'] }, [${UTC_MS}]], [{ masked_fields: ['when'] }, [${UTC_MS}]], [{ fls: ['~when'] }, [1709305200000]]]) {
        const body = { hits: { hits: [{ _index: 'sv', _id: 'd1', _source: rule.fls ? {} : { when: '${MASK}' }, sort }] } };
        const exp = expectationsFromRoles({ r: { index_permissions: [{ index_patterns: ['sv'], allowed_actions: ['read'], ...rule }] } }, 'sv', { name: 'u' },
          { pluginVersion: '2.19.4', originals: new Map([['sv/d1', { when: '${WHEN}' }]]), fieldTypes: { when: 'keyword', 'when.d': { type: 'date', sourceField: 'when' } } });
        const r = verifyHits(body, exp);
        out.push([r.status, r.findings.map((f) => f.kind + ' ' + f.location + ' ' + f.path)]);
      }
      process.stdout.write(JSON.stringify(out));`;
    const verdicts = ['America/New_York', 'UTC'].map((tz) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as unknown;
    });
    assert.deepEqual(verdicts[0], verdicts[1]);
    assert.deepEqual(verdicts[1], [['violation', ['fls-leak sort when']], ['violation', ['unmasked sort when']], ['pass', []]]);
  });
});
