/**
 * One test of a role's constant index patterns (fgac/constant-index-patterns.ts), as the plugin sorts them
 * (IndexPattern.Builder 2.19.4.0 / 3.4.0.0: `<...>` date math, `${` template, else WildcardMatcher.from, which
 * throws only for a regex the JDK refuses) and reads them ahead of requests (getStaticPattern() != NONE: a blank
 * pattern is NONE). Used by explain/role-as-compiled.ts (the precomputed index table) and verify/expectations.ts
 * (the 3.x FLS stateful table); measured for the first on 2.19.4: test/integration/h218-constant-patterns-live.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasStaticIndexPattern, isConstantIndexPattern } from '../../src/fgac/constant-index-patterns.js';
import { explainPermission } from '../../src/explain/permission.js';
import { rolesAsCompiled } from '../../src/explain/role-as-compiled.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import type { PermissionRoles } from '../../src/explain/types.js';

const SEARCH = 'indices:data/read/search';

describe('isConstantIndexPattern / hasStaticIndexPattern', () => {
  test('constant: globs, exact names, blank, and regexes the JDK compiles (this SDK runs them or not)', () => {
    for (const p of ['logs-*', 'logs', '*', ' ', '', '/(a*)*/', '/(x)?\\1/', '/lo.*/', 'a>', '<a']) assert.equal(isConstantIndexPattern(p), true, p);
  });

  test('not constant: date math, a template, a regex the JDK refuses, a lone /', () => {
    for (const p of ['<logs-{now/d}>', '<>', 'logs-${user.name}', '${attr.internal.x}-*', '/[/', '/']) assert.equal(isConstantIndexPattern(p), false, p);
  });

  test('a static part needs a constant pattern that is not blank as Java reads it', () => {
    assert.equal(hasStaticIndexPattern([' ']), false);
    assert.equal(hasStaticIndexPattern(['', '\t', '\u2028', 'a-${user.name}', '<x-{now}>', '/[/']), false);
    // NBSP is no Java whitespace: an exact name
    assert.equal(hasStaticIndexPattern(['\u00a0']), true);
    assert.equal(hasStaticIndexPattern([' ', 'a']), true);
    assert.equal(hasStaticIndexPattern(['/(x)?\\1/']), true);
  });
});

const roleWith = (middle: string[]): PermissionRoles => ({
  r: {
    index_permissions: [
      { index_patterns: ['a'], allowed_actions: [SEARCH] },
      { index_patterns: middle, allowed_actions: ['/[/'] },
      { index_patterns: ['c'], allowed_actions: [SEARCH] },
    ],
  },
});

function verdict(roles: PermissionRoles, pluginVersion: string, clusterIndices?: string[]): { granted: boolean; undecided: unknown } {
  const e = explainPermission(roles, undefined, { action: SEARCH, index: 'c', pluginVersion, ...(clusterIndices ? { clusterIndices } : {}) });
  return { granted: e.granted, undecided: (e as unknown as { undecided?: unknown }).undecided };
}

describe('role-as-compiled: which rules the precomputed table reads after a failing permission', () => {
  test('2.19.4: a blank-only rule is skipped (NONE), so the rule after its failure grants on an existing index', () => {
    // before: the blank rule was read and ended the table (c refused; the node allows it)
    assert.equal(verdict(roleWith([' ']), '2.19.4', ['a', 'c']).granted, true);
    const view = rolesAsCompiled(roleWith([' ']), undefined, SEARCH, { pluginVersion: '2.19.4', clusterIndices: ['a', 'c'] });
    const patterns = view.roles.r?.index_permissions?.map((r) => r.index_patterns) ?? [];
    assert.ok(patterns.some((p) => p?.length === 1 && p[0] === 'c'), JSON.stringify(patterns));
    assert.ok(!patterns.some((p) => p?.includes(' ')), JSON.stringify(patterns));
  });

  test('2.19.4: a regex the JDK compiles but this SDK cannot run is read: its failure ends the table', () => {
    // before: taken as not constant, so the table reached c (the node refuses it)
    assert.equal(verdict(roleWith(['/(x)?\\1/']), '2.19.4', ['a', 'c']).granted, false);
    assert.equal(verdict(roleWith(['/(a*)*/']), '2.19.4', ['a', 'c']).granted, false);
  });

  test('3.4.0 (skips rules matching no existing index): whether such a regex matches one is unknown, a doubt naming it', () => {
    const v = verdict(roleWith(['/(x)?\\1/']), '3.4.0', ['a', 'c']);
    assert.equal(v.granted, false);
    assert.match(JSON.stringify(v.undecided), /which existing indices .*\(x\)\?.* is unknown \(a regular expression this SDK cannot evaluate\)/);
    // a regex this SDK runs: a verdict (matches none of them: skipped, c granted)
    const runs = verdict(roleWith(['/zz.*/']), '3.4.0', ['a', 'c']);
    assert.equal(runs.granted, true);
    assert.equal(runs.undecided, undefined);
  });
});

describe('verify/expectations: the 3.x FLS stateful table skips a blank-only permission', () => {
  test('a failing FLS entry on a blank-only permission does not end the stateful table', () => {
    const role = { index_permissions: [{ index_patterns: ['*'], fls: ['~/'] }, { index_patterns: [' '], fls: ['/'] }, { index_patterns: ['i-c'] }] };
    const fls = expectationsFromRoles({ r: role }, 'i-c', undefined, { pluginVersion: '3.4.0' }).indices[0]?.rules.map((r) => r.fls);
    // before: [['~/'], ['~/']]: the blank permission was counted as the stateful table's first failure
    assert.deepEqual(fls, [['~/'], undefined]);
  });

  test('a constant regex this SDK cannot run is in the stateful table (the plugin compiles it)', () => {
    const role = { index_permissions: [{ index_patterns: ['*'], fls: ['~/'] }, { index_patterns: ['/(x)?\\1/'], fls: ['/'] }, { index_patterns: ['i-c'] }] };
    const fls = expectationsFromRoles({ r: role }, 'i-c', undefined, { pluginVersion: '3.4.0' }).indices[0]?.rules.map((r) => r.fls);
    assert.deepEqual(fls, [['~/'], ['~/']]);
  });
});
