/**
 * verifyHits' checks of `hit.sort` against a masked or hidden field's clear value in the forms the node sorts
 * it by: numeric and date multi-fields of a masked keyword (dates in UTC epoch ms, whatever the machine's
 * time zone), and what the SDK cannot compute (a date format it does not read, no mapping) is unverifiable.
 * What the node returns is checked in test/integration/masking-sort-values.test.ts; here the SDK's rules.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';
import type { FieldTypes } from '../../src/verify/dls/types.js';

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
    assert.equal(run(masked, [5], { when: MASK }, { when: 'x' }).status, 'unverifiable', 'no mapping given');
    assert.equal(run(masked, [UTC_MS], { when: MASK }, undefined).status, 'unverifiable', 'original unknown');
    assert.equal(run(masked, [UTC_MS], { when: MASK }, undefined, { when: 'keyword' }).status, 'pass', 'original unknown, but no masked field has a numeric multi-field');
  });

  test('a sort on _id returns the hit\'s own id, which reveals nothing', () => {
    assert.equal(run(masked, ['d1'], { when: MASK }, { when: WHEN }, { when: 'keyword' }).status, 'pass');
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
