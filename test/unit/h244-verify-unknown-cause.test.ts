/**
 * h244 (review 243): a hit verifyHits cannot read whole (no original; `_source` filtered by the search, or no
 * `_source`) leaves DLS unverifiable, as before; the reason names that cause. It said "field FlightDelay is hidden
 * or masked in the returned document" of a field the hit returned, which the roles neither hide nor mask.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyHits } from '../../src/verify/verifier.js';
import { expectationsFromRoles, type AccessExpectations, type RoleLike } from '../../src/verify/expectations.js';

const ROLE: RoleLike = { name: 'r', index_permissions: [{ index_patterns: ['flights'], dls: '{"term": {"FlightDelay": true}}', allowed_actions: ['read'] }] };
const TYPES = { FlightDelay: 'boolean', Carrier: 'keyword' } as const;
const expectations = (extra: Partial<AccessExpectations>): AccessExpectations =>
  ({ ...expectationsFromRoles([ROLE], 'flights', { name: 'u', roles: [] }, { fieldTypes: TYPES }), ...extra });
const answer = (source: Record<string, unknown> | undefined): unknown =>
  ({ hits: { total: { value: 1, relation: 'eq' }, hits: [{ _index: 'flights', _id: '1', ...(source === undefined ? {} : { _source: source }) }] } });

test('a _source the search filtered, no original: DLS unverifiable, the reason names the filter (not "hidden or masked")', () => {
  const report = verifyHits(answer({ FlightDelay: true }), expectations({ sourceComplete: false }));
  assert.equal(report.status, 'unverifiable');
  assert.equal(report.findings.length, 0);
  const reason = report.unverifiable.find((u) => u.aspect === 'dls')?.reason ?? '';
  assert.match(reason, /FlightDelay/);
  assert.match(reason, /the search filtered _source and no original is known/);
  assert.doesNotMatch(reason, /hidden or masked/);
});

test('a hit without _source, no original: the reason says the hit has no _source', () => {
  const report = verifyHits(answer(undefined), expectations({}));
  assert.equal(report.status, 'unverifiable');
  const reason = report.unverifiable.find((u) => u.aspect === 'dls')?.reason ?? '';
  assert.match(reason, /FlightDelay cannot be read: the hit has no _source/);
  assert.doesNotMatch(reason, /hidden or masked/);
});

test('unchanged: a field the roles hide still reads "hidden or masked"; a complete _source is judged', () => {
  const hidden: RoleLike = { name: 'h', index_permissions: [{ index_patterns: ['flights'], dls: '{"term": {"FlightDelay": true}}', fls: ['~FlightDelay'], allowed_actions: ['read'] }] };
  const exp = { ...expectationsFromRoles([hidden], 'flights', { name: 'u', roles: [] }, { fieldTypes: TYPES }) };
  const report = verifyHits(answer({ Carrier: 'x' }), exp);
  assert.match(report.unverifiable.find((u) => u.aspect === 'dls')?.reason ?? '', /field FlightDelay is hidden or masked in the returned document/);
  assert.equal(verifyHits(answer({ FlightDelay: true }), expectations({})).status, 'pass');
  assert.equal(verifyHits(answer({ FlightDelay: false }), expectations({})).status, 'violation');
});
