/**
 * Date-math index names at instants near and beyond the range a JavaScript Date holds: resolveDateMath answers
 * `unsupported` (never a name with NaN in it, never a RangeError), whatever the zone and the math.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveDateMath } from '../../src/fgac/date-math.js';
import { resolveDateMathDuring } from '../../src/fgac/date-math-span.js';

const NAMES = ['<a-{now{yyyy|+14:00}}>', '<a-{now{yyyy.MM.dd|-12:00}}>', '<a-{now+1d{yyyy.MM.dd|Pacific/Kiritimati}}>', '<a-{now-1y/y{yyyy}}>', '<a-{now/M{yyyy.MM|America/New_York}}>', '<a-{now+1h/h{HH}}>'];
const EDGE = 8.64e15;
const INSTANTS = [EDGE, -EDGE, EDGE + 1, EDGE - 1, EDGE - 3_600_000, EDGE - 86_400_000, -EDGE + 3_600_000, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE];

test('an instant at, beyond or within a day of the Date range is unsupported, never a NaN name or a RangeError', () => {
  for (const now of INSTANTS) {
    for (const name of NAMES) {
      const r = resolveDateMath(name, now);
      if (r.kind === 'resolved') assert.doesNotMatch(r.name, /NaN/, `${name} at ${now}`);
      if (Math.abs(now) > EDGE - 86_400_000 || Number.isNaN(now)) assert.equal(r.kind, 'unsupported', `${name} at ${now}`);
    }
  }
});

test('math that leaves the range from an instant inside it is unsupported', () => {
  const r = resolveDateMath('<a-{now+2d{yyyy.MM.dd}}>', EDGE - 86_400_000 - 1000);
  assert.equal(r.kind, 'unsupported');
});

test('ordinary instants still resolve', () => {
  const at = Date.UTC(2026, 11, 4, 12);
  assert.deepEqual(resolveDateMath('<a-{now{yyyy.MM.dd|+14:00}}>', at), { kind: 'resolved', name: 'a-2026.12.05' });
  assert.deepEqual(resolveDateMathDuring('<a-{now{yyyy.MM.dd}}>', at, at + 1000), { kind: 'resolved', name: 'a-2026.12.04' });
});

test('an interval reaching beyond the range is unsupported', () => {
  assert.equal(resolveDateMathDuring('<a-{now{yyyy}}>', EDGE - 86_400_000 - 5000, EDGE).kind, 'unsupported');
  assert.equal(resolveDateMathDuring('<a-{now{yyyy}}>', 0, Number.POSITIVE_INFINITY).kind, 'unsupported');
});
