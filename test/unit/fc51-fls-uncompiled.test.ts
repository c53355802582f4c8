/**
 * FLS entries the plugin cannot compile (`/`, `~/`, `/[/`; on 2.x also `''`) read as each plugin generation serves them
 * (one rule: uncompiledFlsVerdict in fgac/fls-entry.ts; the node's answers: test/integration/fc51-fls-uncompiled.test.ts):
 * 2.x compares them as exact names while no merged entry holds `.` or `*`, else fails every search; 3.0-3.5 drop the
 * role's FLS from that index permission on (nothing left: no field); 3.6+ ignore the permission's FLS; no version: undecided.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MaskingExpressionError } from '../../src/fgac/errors.js';
import { uncompiledFlsVerdict } from '../../src/fgac/fls-entry.js';
import { compileFls, filterDocument, isFieldVisible } from '../../src/verify/fls.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';

const DOC = { a: 'x', b: 'y', '/': 'z', o: { p: 1 } };
const fails = (re: RegExp) => (e: unknown): boolean => e instanceof MaskingExpressionError && re.test(e.message);

describe('compileFls / filterDocument with an entry that does not compile', () => {
  test("2.x: an exact field name under the shortcut (['/'] shows only '/', ['~/'] hides only '/')", () => {
    assert.deepEqual(filterDocument(DOC, [['/']], { pluginVersion: '2.19.4' }), { '/': 'z' });
    assert.deepEqual(filterDocument(DOC, [['~/']], { pluginVersion: '2.19.4' }), { a: 'x', b: 'y', o: { p: 1 } });
    assert.equal(isFieldVisible('/', [['/']], 'any', { pluginVersion: '2.19.4' }), true);
    assert.equal(isFieldVisible('a', [['/[/']], 'any', { pluginVersion: '2.19.4' }), false);
    assert.deepEqual(filterDocument(DOC, [['/'], ['b']], { pluginVersion: '2.19.4' }), { b: 'y', '/': 'z' });
  });

  test('2.x: past the shortcut (an entry with . or *) every search fails, and so do compileFls and filterDocument', () => {
    for (const rules of [[['/', 'a*']], [['~/[/', '~x.y']], [['/'], ['o.p']]]) {
      assert.throws(() => compileFls(rules, { pluginVersion: '2.19.4' }), fails(/2\.x fails every search/), JSON.stringify(rules));
      assert.throws(() => filterDocument(DOC, rules, { pluginVersion: '2.19.4' }), fails(/2\.x fails every search/), JSON.stringify(rules));
    }
  });

  test("3.0-3.5: a list holding one is dropped; none left is the plugin's DENY_ALL (no field)", () => {
    for (const fls of [['/'], ['~/'], ['/[/'], ['/', 'a*']]) assert.deepEqual(filterDocument(DOC, [fls], { pluginVersion: '3.4.0' }), {}, fls.join());
    assert.deepEqual(filterDocument(DOC, [['/'], ['b']], { pluginVersion: '3.4.0' }), { b: 'y' });
    assert.deepEqual(filterDocument(DOC, [['/'], []], { pluginVersion: '3.4.0' }), DOC);
    assert.equal(compileFls([['~/']], { pluginVersion: '3.4.0' }).isVisible('a'), false);
  });

  test("3.6+: a PatternSyntaxException drops that permission's FLS; '/' alone (the whole role ignored) is undecided", () => {
    assert.deepEqual(filterDocument(DOC, [['/[/', 'a']], { pluginVersion: '3.6.0' }), DOC);
    assert.throws(() => compileFls([['/']], { pluginVersion: '3.6.0' }), MaskingExpressionError);
  });

  test('no version: undecided (a MaskingExpressionError asking for pluginVersion); an empty entry only where generations differ', () => {
    for (const fls of [['/'], ['~/'], ['/[/']]) assert.throws(() => compileFls([fls]), fails(/pass pluginVersion/), fls.join());
    assert.equal(compileFls([['']]).isVisible('a'), false);
    assert.throws(() => compileFls([['', 'a']]).isVisible('a'), fails(/pass pluginVersion/));
    assert.equal(uncompiledFlsVerdict(['a', 'b*'], undefined), undefined);
    assert.equal(uncompiledFlsVerdict([''], '3.4.0'), undefined);
    assert.equal(uncompiledFlsVerdict([''], '2.19.4')?.effect, 'fails');
  });
});

describe('expectationsFromRoles: 3.0-3.5 cut the role from the failing index permission on', () => {
  const role = { index_permissions: [
    { index_patterns: ['i-a'], fls: ['a'] },
    { index_patterns: ['i-b'], fls: ['/'] },
    { index_patterns: ['i-c'], dls: '{"term":{"b":"y"}}', masked_fields: ['a'] },
  ] };
  const flsOf = (index: string, pluginVersion?: string) => expectationsFromRoles({ r: role }, index, undefined, pluginVersion ? { pluginVersion } : {}).indices[0]?.rules.map((r) => r.fls);

  test('a later permission without FLS loses it (its DLS and masks stay); 2.x keeps the roles as written', () => {
    assert.deepEqual(flsOf('i-a', '3.4.0'), [['a']]);
    assert.deepEqual(flsOf('i-c', '3.4.0'), [['/']]);
    const rule = expectationsFromRoles({ r: role }, 'i-c', undefined, { pluginVersion: '3.4.0' }).indices[0]?.rules[0];
    assert.equal(rule?.dls, '{"term":{"b":"y"}}');
    assert.deepEqual(rule?.maskedFields, ['a']);
    assert.deepEqual(flsOf('i-c', '2.19.4'), [undefined]);
    assert.deepEqual(flsOf('i-c', '3.6.0'), [undefined]);
    assert.deepEqual(flsOf('i-c'), [['/']]);
  });

  test('a failing * permission stops only the static table: a later constant pattern still counts', () => {
    const star = { index_permissions: [{ index_patterns: ['*'], fls: ['~/'] }, { index_patterns: ['i-c'] }] };
    const rules = expectationsFromRoles({ r: star }, 'i-c', undefined, { pluginVersion: '3.4.0' }).indices[0]?.rules.map((r) => r.fls);
    assert.deepEqual(rules, [['~/'], undefined]);
    assert.deepEqual(filterDocument(DOC, (rules ?? []).map((f) => f ?? []), { pluginVersion: '3.4.0' }), DOC);
  });
});

describe('verifyHits', () => {
  const exp = (fls: string[], pluginVersion?: string) => ({ indices: [{ indexPatterns: ['i'], rules: [{ fls }] }], ...(pluginVersion ? { pluginVersion } : {}) });
  const hit = (source: Record<string, unknown>) => ({ hits: { hits: [{ _index: 'i', _id: '1', _source: source }] } });

  test('2.x shortcut: judged as exact names', () => {
    assert.equal(verifyHits(hit({ '/': 'z' }), exp(['/'], '2.19.4')).status, 'pass');
    assert.equal(verifyHits(hit({ a: 'x' }), exp(['/'], '2.19.4')).status, 'violation');
  });

  test('2.x past the shortcut, or no version: unverifiable with the reason, never a pass', () => {
    const failing = verifyHits(hit({ a: 'x' }), exp(['/', 'a*'], '2.19.4'));
    assert.equal(failing.status, 'unverifiable');
    assert.match(failing.unverifiable.map((u) => u.reason).join(), /2\.x fails every search/);
    assert.equal(verifyHits(hit({ '/': 'z' }), exp(['/'])).status, 'unverifiable');
  });

  test('3.4: the dropped role shows no field, so any field is a leak', () => {
    assert.equal(verifyHits(hit({}), exp(['~/'], '3.4.0')).status, 'pass');
    assert.equal(verifyHits(hit({ a: 'x' }), exp(['~/'], '3.4.0')).status, 'violation');
  });
});
