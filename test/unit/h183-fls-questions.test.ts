/**
 * FLS by question, helper 183's mends. (1) Without pluginVersion, the error for a field the generations read
 * differently names the entry that covers it (was: the list's first include or exclude). (2) verifyHits reports each
 * `fields`/`highlight` key FLS hides, `t.raw` beside `t` in any order (a leak under an earlier-reported `t` was dropped
 * as if `fields` were a tree; measured on 2.19.4: test/integration/h183-fls-questions.test.ts). (3) Hostile names
 * through flsNameReading: each answer is the plugin's (a reference written from DlsFlsFilterLeafReader 2.19.4 and
 * FieldPrivileges 3.4.0), or without a version a MaskingExpressionError naming pluginVersion and an entry of the
 * list; a leading dot's parent is `''`, as the plugin's `lastIndexOf('.')` walks read it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFls, filterDocument, isFieldVisible } from '../../src/verify/fls.js';
import { compileFieldPattern } from '../../src/fgac/field-patterns.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';

/** The entry a MaskingExpressionError names, or what else `f` did. */
function named(f: () => unknown): string {
  try {
    return `answered ${String(f())}`;
  } catch (e) {
    const x = e as Error & { expression?: unknown };
    return x.name === 'MaskingExpressionError' && /pass pluginVersion/.test(x.message) ? String(x.expression) : `${x.name}: ${x.message}`;
  }
}

test('without pluginVersion the undecided error names the entry covering the field, not the first one', () => {
  assert.equal(named(() => isFieldVisible('o.x', [['p', 'o']], 'leaf')), 'o');
  assert.equal(named(() => isFieldVisible('o.x', [['p'], ['q.r', 'o']], 'leaf')), 'o');
  assert.equal(named(() => compileFls([['~a.b', '~t']]).isVisible('t.raw')), '~t');
  assert.equal(named(() => isFieldVisible('b1', [['a?', 'b?']], 'leaf')), 'b?');
  // mixed lists: the exclusions take effect, so one of them is named
  assert.equal(named(() => isFieldVisible('t.raw', [['z', '~a.b', '~t']], 'leaf')), '~t');
});

const rolesOf = (fls: string[]): Parameters<typeof expectationsFromRoles>[0] => ({ r: { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'], fls }] } });
const leaks = (fls: string[], hit: Record<string, unknown>, pluginVersion?: string): string[] => {
  const report = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', ...hit }] } }, expectationsFromRoles(rolesOf(fls), 'i', { name: 'u' }, pluginVersion === undefined ? {} : { pluginVersion }));
  return [...new Set(report.findings.map((f) => `${f.kind} ${f.path} ${f.location}`))].sort();
};

test('verifyHits: each hidden fields/highlight key is a leak, t.raw after t too (fields are flat keys, not a tree)', () => {
  for (const v of ['2.19.4', '3.4.0', undefined]) {
    for (const fls of [['~t'], ['o'], ['o*'], ['~t', '~a.b']]) {
      const both = ['fls-leak t fields', 'fls-leak t.raw fields'];
      assert.deepEqual(leaks(fls, { _source: {}, fields: { t: ['Hello'], 't.raw': ['Hello'] } }, v), both, `${JSON.stringify(fls)} ${String(v)}`);
      assert.deepEqual(leaks(fls, { _source: {}, fields: { 't.raw': ['Hello'], t: ['Hello'] } }, v), both, `${JSON.stringify(fls)} ${String(v)}`);
      assert.deepEqual(leaks(fls, { _source: {}, highlight: { t: ['<em>Hello</em>'], 't.raw': ['<em>Hello</em>'] } }, v), ['fls-leak t highlight', 'fls-leak t.raw highlight']);
    }
    // _source still reports a hidden object once, not each member
    assert.deepEqual(leaks(['~o'], { _source: { o: { x: 'X', y: 'Y' } } }, v), ['fls-leak o _source']);
  }
});

test('a leading dot: its parent is the empty name (2.x shortcut `~` hides .x; 3.x a regex matching "" covers it)', () => {
  assert.equal(isFieldVisible('.x', [['~']], 'leaf', { pluginVersion: '2.19.4' }), false);
  assert.equal(isFieldVisible('.x', [['~']], 'leaf', { pluginVersion: '3.4.0' }), true);
  assert.equal(named(() => isFieldVisible('.x', [['~']], 'leaf')), '~');
  assert.equal(isFieldVisible('.x', [['/(|z)/']], 'leaf', { pluginVersion: '3.4.0' }), true);
  assert.equal(isFieldVisible('.x', [['~/(|z)/']], 'leaf', { pluginVersion: '3.4.0' }), false);
  // a compiled 2.x rule set walks a document as it answers
  assert.deepEqual(filterDocument({ '.x': 1, y: 2 }, compileFls([['~']], { pluginVersion: '2.19.4' })), { y: 2 });
});

const KW = '.keyword';
const handleKeyword = (f: string): string => (f.endsWith(KW) ? f.slice(0, -KW.length) : f);
const anyMatch = (patterns: string[], name: string): boolean => patterns.some((p) => compileFieldPattern(p)(name));
/** `name` and its parents, as the plugin's `for (dot = lastIndexOf('.'); dot != -1; ...)` walks them (a leading dot: `''`). */
const selfAndParents = (name: string): string[] => {
  const out = [name];
  for (let d = name.lastIndexOf('.'); d !== -1; d = d === 0 ? -1 : name.lastIndexOf('.', d - 1)) out.push(name.slice(0, d));
  return out;
};
const isExcl = (e: string): boolean => e[0] === '~' || e[0] === '!';
/** DlsFlsFilterLeafReader (2.19.4): whether a search reads field `name` (a field of the index) under the merged entries. */
function pluginV2(merged: string[], name: string): boolean {
  const optimize = !merged.some((e) => e.includes('.') || e.includes('*'));
  const excludes = merged.filter(isExcl).flatMap((e) => [e.slice(1), e.slice(1) + KW]);
  const includes = merged.filter((e) => !isExcl(e));
  const n = handleKeyword(name);
  if (optimize) return excludes.length > 0 ? !selfAndParents(n).some((p) => excludes.includes(p)) : includes.includes(n);
  return excludes.length > 0 ? !anyMatch(excludes, n) : anyMatch(includes, n);
}
/** FieldPrivileges.FlsRule.isAllowedRecursive (3.4.0). */
function pluginV3(merged: string[], name: string): boolean {
  const excludes = merged.filter(isExcl).map((e) => e.slice(1));
  const includes = merged.filter((e) => !isExcl(e));
  const names = selfAndParents(handleKeyword(name));
  if (excludes.length > 0) return !names.some((p) => anyMatch(excludes, p));
  return includes.includes('*') || names.some((p) => anyMatch(includes, p));
}

const HOSTILE = ['a..b', 'a.', '.a', 'a', '*', '?', 'a*', '*.b', '/a.*/', '/(|z)/', 'é', '𝒳', 'x'.repeat(5000), '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a.b', ' '];
const ENTRIES = [...HOSTILE, ...HOSTILE.map((e) => `~${e}`), '!a', '~', '!', '~~a', '~*', '!*'];
const PATHS = ['a..b', 'a', 'a.', '.a', 'a.b', 'a.b.c', 'b', 'é', 'é.x', '𝒳', '𝒳.y', '__proto__', '__proto__.x', 'constructor.a', 'toString', 'valueOf', 'x'.repeat(5000), `${'x'.repeat(5000)}.y`, '.x', '.', '', 'a.keyword', 'zz', ' ', 'a.b.keyword', '.keyword', '*', '~a'];
/** Every entry alone, and each next to a few others (a dotted one turns 2.x's shortcut off). */
const LISTS = [...ENTRIES.map((e) => [e]), ...ENTRIES.flatMap((e) => ['a.b', '~q.r', 'é', '~o*', '?'].map((o) => [e, o]))];

test('hostile names: isFieldVisible with 2.19.4 / 3.4.0 gives the plugin\'s answer for every list and path', () => {
  const wrong: string[] = [];
  for (const list of LISTS) {
    for (const path of PATHS) {
      for (const [version, plugin] of [['2.19.4', pluginV2], ['3.4.0', pluginV3]] as const) {
        const got = named(() => isFieldVisible(path, [list], 'leaf', { pluginVersion: version }));
        const want = `answered ${String(plugin(list, path))}`;
        if (got !== want) wrong.push(`${version} ${JSON.stringify(list).slice(0, 40)} ${JSON.stringify(path).slice(0, 20)}: ${got.slice(0, 120)}, plugin ${want}`);
      }
    }
  }
  assert.deepEqual(wrong.slice(0, 10), []);
});

test('hostile names without a version: the answer both generations give, or MaskingExpressionError naming pluginVersion and an entry of the list', () => {
  const wrong: string[] = [];
  for (const list of LISTS) {
    for (const path of PATHS) {
      const [v2, v3] = [pluginV2(list, path), pluginV3(list, path)];
      const got = named(() => isFieldVisible(path, [list], 'leaf'));
      const ok = v2 === v3 ? got === `answered ${String(v2)}` : list.includes(got);
      if (!ok) wrong.push(`${JSON.stringify(list).slice(0, 40)} ${JSON.stringify(path).slice(0, 20)}: ${got.slice(0, 120)} (2.x ${v2}, 3.x ${v3})`);
    }
  }
  assert.deepEqual(wrong.slice(0, 10), []);
});
