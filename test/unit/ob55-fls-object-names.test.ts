/**
 * FLS naming an object: two questions, each with one home (FlsQuestion, fgac/fls-entry.ts). What a search reads
 * (compileFls / isFieldVisible with a version; the live nodes referee it in test/integration/ob55-fls-object-names.test.ts):
 * 1.x/2.x match each field's own name (an included `o` shows no `o.x`; an excluded `o` hides `o.x` only under the
 * exact-name shortcut), 3.x covers the members both ways. What the roles exclude (verifyHits): a shown member of an
 * excluded object, or a multi-field of an excluded field, is an FLS leak on every generation; a shown member of an
 * included object is no leak (the roles include it; only a 2.x node leaves it out of its searches).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flsNameReading } from '../../src/fgac/fls-entry.js';
import { compileFls, filterDocument, isFieldVisible, visibleFields } from '../../src/verify/fls.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';

const FIELDS = ['o', 'o.x', 'o.x.keyword', 'o.s.t', 'p', 'q.r'];
const leaves = (fls: string[][], pluginVersion: string): string[] => FIELDS.filter((f) => isFieldVisible(f, fls, 'leaf', { pluginVersion }));
const undecided = /depends on the plugin version .*pass pluginVersion/;

test('search, 1.x/2.x: an included object shows none of its members, with or without the shortcut', () => {
  for (const v of ['1.3.20', '2.19.4']) {
    assert.deepEqual(leaves([['o']], v), ['o']);
    assert.deepEqual(leaves([['o', 'p']], v), ['o', 'p']);
    assert.deepEqual(leaves([['o'], ['q.r']], v), ['o', 'q.r']);
    assert.deepEqual(leaves([['o', 'z*']], v), ['o']);
    // a member named by a pattern is read; the object stays a parent of it
    assert.deepEqual(leaves([['o*']], v), ['o', 'o.x', 'o.x.keyword', 'o.s.t']);
    assert.deepEqual(leaves([['o.x']], v), ['o.x', 'o.x.keyword']);
    assert.equal(isFieldVisible('o', [['o.x']], 'object', { pluginVersion: v }), true);
    assert.equal(compileFls([['o']], { pluginVersion: v }).isVisible('o.s', 'object'), false);
  }
});

test('search, 2.x: an excluded object hides its members only under the exact-name shortcut; 3.x: always, an included one shows them', () => {
  assert.deepEqual(leaves([['~o']], '2.19.4'), ['p', 'q.r']);
  assert.deepEqual(leaves([['o', '~o']], '2.19.4'), ['p', 'q.r']);
  assert.deepEqual(leaves([['~o', '~q.r']], '2.19.4'), ['o.x', 'o.x.keyword', 'o.s.t', 'p']);
  assert.deepEqual(leaves([['~o'], ['~z*']], '2.19.4'), ['o.x', 'o.x.keyword', 'o.s.t', 'p', 'q.r']);
  assert.deepEqual(leaves([['~o.*', '~q.r']], '2.19.4'), ['o', 'p']);
  // a multi-field of an excluded field (not `.keyword`, which is read as its field) is a field of its own name
  assert.equal(isFieldVisible('t.raw', [['~t', '~a.b']], 'leaf', { pluginVersion: '2.19.4' }), true);
  assert.equal(isFieldVisible('t.keyword', [['~t', '~a.b']], 'leaf', { pluginVersion: '2.19.4' }), false);
  // 3.x covers an object's members both ways
  assert.deepEqual(leaves([['o']], '3.4.0'), ['o', 'o.x', 'o.x.keyword', 'o.s.t']);
  assert.deepEqual(leaves([['o', 'z*']], '3.4.0'), ['o', 'o.x', 'o.x.keyword', 'o.s.t']);
  assert.deepEqual(leaves([['~o', '~q.r']], '3.4.0'), ['p']);
  assert.equal(isFieldVisible('t.raw', [['~t', '~a.b']], 'leaf', { pluginVersion: '3.4.0' }), false);
});

test('search without pluginVersion: a member the generations read differently throws naming pluginVersion; the rest is answered', () => {
  assert.throws(() => isFieldVisible('o.x', [['o']], 'leaf'), undecided);
  assert.throws(() => isFieldVisible('o.x', [['~o', '~q.r']], 'leaf'), undecided);
  assert.throws(() => compileFls([['~t', '~a.b']]).isVisible('t.raw'), undecided);
  assert.deepEqual(['o', 'p', 'q.r'].map((f) => isFieldVisible(f, [['o']], 'leaf')), [true, false, false]);
  // an exclusion under 2.x's shortcut covers the members as 3.x does; a pattern naming them covers them on both
  assert.deepEqual(['o', 'o.x', 'p'].map((f) => isFieldVisible(f, [['~o']], 'leaf')), [false, false, true]);
  assert.deepEqual(['o', 'o.x', 'p'].map((f) => isFieldVisible(f, [['o*']], 'leaf')), [true, true, false]);
});

test('flsNameReading: 1.x/2.x searches read own names; the roles, 3.x and an unknown version read the tree', () => {
  assert.deepEqual(flsNameReading(['o'], '2.19.4', 'search'), { exactNames: true, ownNames: true });
  assert.deepEqual(flsNameReading(['o', 'q.r'], '1.3.20', 'search'), { exactNames: false, ownNames: true });
  assert.deepEqual(flsNameReading(['o'], '2.19.4', 'roles'), { exactNames: true, ownNames: false });
  assert.deepEqual(flsNameReading(['o'], '3.4.0', 'search'), { exactNames: false, ownNames: false });
  assert.deepEqual(flsNameReading(['o'], undefined, 'search'), { exactNames: false, ownNames: false });
});

test('filterDocument: lists without a version keep what the roles leave; a 2.x rule set given is walked as it answers', () => {
  const doc = { o: { x: 1, s: { t: 2 } }, p: 3, q: { r: 4 } };
  assert.deepEqual(filterDocument(doc, [['o', 'p']]), { o: { x: 1, s: { t: 2 } }, p: 3 });
  assert.deepEqual(visibleFields(doc, [['~o', '~q.r']]), ['p', 'q']);
  assert.deepEqual(filterDocument(doc, compileFls([['o', 'p']], { pluginVersion: '2.19.4' })), { o: {}, p: 3 });
  assert.deepEqual(filterDocument(doc, compileFls([['~o', '~q.r']], { pluginVersion: '2.19.4' })), { p: 3, q: {} });
  assert.deepEqual(filterDocument(doc, compileFls([['o', 'p']], { pluginVersion: '3.4.0' })), { o: { x: 1, s: { t: 2 } }, p: 3 });
});

const rolesOf = (fls: string[]): Parameters<typeof expectationsFromRoles>[0] => ({ r: { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'], fls }] } });
const verify = (fls: string[], hit: Record<string, unknown>, pluginVersion?: string): string[] => {
  const exp = expectationsFromRoles(rolesOf(fls), 'i', { name: 'u' }, pluginVersion === undefined ? {} : { pluginVersion });
  const report = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', ...hit }] } }, exp);
  return [report.status, ...new Set(report.findings.map((f) => `${f.kind} ${f.path} ${f.location}`))];
};

test('verifyHits: a shown member of an excluded object, or a multi-field of an excluded field, is an FLS leak on every generation', () => {
  for (const v of ['2.19.4', '3.4.0', undefined]) {
    // 2.19.4's searches read o.x and t.raw here (no exact-name shortcut), the roles exclude them
    assert.deepEqual(verify(['~o', '~z*'], { _source: { p: 'P' }, fields: { 'o.x': ['X'] } }, v), ['violation', 'fls-leak o.x fields'], String(v));
    assert.deepEqual(verify(['~t', '~a.b'], { _source: {}, fields: { 't.raw': ['Hello'] } }, v), ['violation', 'fls-leak t.raw fields'], String(v));
    assert.deepEqual(verify(['~o', '~q.r'], { _source: { o: { x: 'X' } } }, v).slice(0, 2), ['violation', 'fls-leak o _source'], String(v));
  }
});

test('verifyHits: a shown member of an included object is no leak (the roles include it), with any version', () => {
  for (const v of ['2.19.4', '3.4.0', undefined]) {
    assert.deepEqual(verify(['o'], { _source: { o: { x: 'X' } } }, v), ['pass'], String(v));
    assert.deepEqual(verify(['o', 'q.r'], { _source: { o: { x: 'X' }, q: { r: 'R' } }, fields: { 'o.x': ['X'] } }, v), ['pass'], String(v));
  }
  // absent members are absent: never a finding
  assert.deepEqual(verify(['o'], { _source: {} }, '2.19.4'), ['pass']);
});
