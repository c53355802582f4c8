/**
 * requestNameKinds and what follows from it (src/fgac/index-expressions.ts): `-x` is an exclusion only after a name
 * with `*`, `_all` only exactly, `<...>` (`<>` too) date math; the names core must find, and the names the plugin
 * judges with and without the cluster's index list (an exclusion of a name that may be missing is kept as written).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dateMathFallsBack, expandRequestNames, expansionsWithin, isAllName, namesJudgedAsText, namesThatMustExist, requestIndices, requestNameKinds,
} from '../../src/fgac/index-expressions.js';
import { explainPermission } from '../../src/explain/permission.js';
import { expandIndexWildcards } from '../../src/explain/dnfof.js';
import { normaliseIndices } from '../../src/explain/permission-query.js';

describe('requestNameKinds', () => {
  test('a leading -x is a literal name; after a name with * it is an exclusion', () => {
    assert.deepEqual(requestNameKinds(['-a', 'b*', '-c']), ['plain', 'wildcard', 'exclusion']);
    assert.deepEqual(requestNameKinds(['a', '-b', 'c?', '-d']), ['plain', 'plain', 'plain', 'plain']);
    // a -x* first is a wildcard (matching nothing) and makes the next -y an exclusion
    assert.deepEqual(requestNameKinds(['-x*', 'a', '-a']), ['wildcard', 'plain', 'exclusion']);
    assert.deepEqual(requestNameKinds(['a*', '-b*', '-c']), ['wildcard', 'exclusion', 'exclusion']);
  });
  test('_all exactly, anywhere; date math by <...>, <> included', () => {
    assert.deepEqual(requestNameKinds(['x', '_all', ' _all', '_all ']), ['plain', 'all', 'plain', 'plain']);
    assert.deepEqual(requestNameKinds(['<>', '<a-{now/d}>', '<a*>', '-b', '-<c>']), ['date-math', 'date-math', 'date-math', 'exclusion', 'exclusion']);
    assert.equal(isAllName('_all'), true);
    assert.equal(isAllName(' _all'), false);
  });
});

describe('names core must find, and the names judged', () => {
  test('plain names and plain exclusion targets must exist', () => {
    assert.deepEqual(namesThatMustExist(['-a', 'b*', '-c', '-d*', 'e']), ['-a', 'c', 'e']);
  });
  test('with the cluster list: exclusions remove in order; a missing name makes every name judged as written', () => {
    const cluster = ['a1', 'a2', 'b'];
    assert.deepEqual(expandRequestNames(['a*', '-a2'], cluster), ['a1']);
    assert.deepEqual(expandRequestNames(['a*', '-a2', 'a2'], cluster), ['a1', 'a2']);
    assert.deepEqual(expandRequestNames(['*', '-a*'], cluster, { zb: ['b'] }), ['b']);
    assert.deepEqual(expandRequestNames(['*', '-a*'], cluster, { ab: ['b'] }), []);
    assert.deepEqual(expandIndexWildcards(['a*', 'b', '-a2'], cluster), ['a1', 'b']);
    assert.deepEqual(requestIndices(['-a2', 'a*'], cluster, undefined), { indices: ['-a2', 'a*'] });
    assert.deepEqual(requestIndices(['a*', '-zz'], cluster, undefined), { indices: ['a*', '-zz'] });
    assert.deepEqual(requestIndices(['a1', '_all'], cluster, undefined).indices, cluster);
    assert.equal(requestIndices(['a1', '_x'], cluster, undefined).invalid !== undefined, true);
    assert.equal(requestIndices(['zz', '_x'], cluster, undefined).invalid, undefined);
  });
  test('without the cluster list: exclusions dropped only when no name may be missing', () => {
    assert.deepEqual(requestIndices(['a*', '-a2*'], undefined, undefined), { indices: ['a*'] });
    assert.deepEqual(requestIndices(['a*', '-a2'], undefined, undefined), { indices: ['a*', '-a2'] });
    assert.deepEqual(requestIndices(['a*', 'b', '-c*'], undefined, undefined), { indices: ['a*', 'b', '-c*'] });
    assert.deepEqual(requestIndices(['_all'], undefined, undefined), { indices: ['*'] });
  });
  test('normaliseIndices splits in order and trims nothing', () => {
    assert.deepEqual(normaliseIndices('a*,-b, _all,,a*'), ['a*', '-b', ' _all', '', 'a*']);
    assert.deepEqual(normaliseIndices(','), ['*']);
  });
});

describe('a date-math name without * makes the plugin judge the names by their text (dateMathFallsBack)', () => {
  const cluster = ['a1', 'a2', 'b'];
  const aliases = { al: ['b'] };
  test('which names trigger it', () => {
    assert.equal(dateMathFallsBack(['<a1>', 'x*']), true);
    assert.equal(dateMathFallsBack(['x*', '<a-{now/d}>']), true);
    // a date-math wildcard is a wildcard to the data-stream lookup too; -<x> is no date math
    assert.equal(dateMathFallsBack(['<a*>', 'x*']), false);
    assert.equal(dateMathFallsBack(['x*', '-<a1>', 'a1']), false);
  });
  test('requestIndices: resolved names as written, aliases not followed, with or without the cluster list', () => {
    assert.deepEqual(requestIndices(['a1', '*'], cluster, aliases, ['<a1>', '*']), { indices: ['a1', '*'] });
    assert.deepEqual(requestIndices(['a1', '*'], cluster, aliases).indices, ['a1', 'a2', 'b']);
    assert.deepEqual(requestIndices(['al'], cluster, aliases, ['<al>']), { indices: ['al'] });
    assert.deepEqual(requestIndices(['al'], undefined, aliases, ['<al>']), { indices: ['al'] });
    assert.deepEqual(requestIndices(['al'], cluster, aliases), { indices: ['b'] });
    // a name starting with _ still fails the request first
    assert.equal(requestIndices(['a1', '_x'], cluster, aliases, ['<a1>', '_x']).invalid !== undefined, true);
    assert.deepEqual(namesJudgedAsText(['<a1>', 'x*', 'al', 'b'], ['a1', 'x*', 'al', 'b'], aliases), ['x*', 'al']);
    assert.deepEqual(namesJudgedAsText(['a1', 'x*'], ['a1', 'x*'], aliases), []);
  });
  test('explainPermission: a role reaching b through the alias covers b only when the wildcard is expanded', () => {
    const roles = { r: { index_permissions: [{ index_patterns: ['a*'], allowed_actions: ['read'] }] } };
    const ask = (index: string[], clusterIndices?: string[]) => explainPermission(roles, undefined, {
      action: 'indices:data/read/search', index, user: { name: 'u', roles: ['r'] }, aliases, ...(clusterIndices !== undefined ? { clusterIndices } : {}),
    });
    assert.equal(ask(['a1', '*'], cluster).granted, true);
    const dated = ask(['<a1>', '*'], cluster);
    assert.equal(dated.granted, false);
    assert.deepEqual(dated.indices, ['a1', '*']);
    assert.ok(dated.warnings.some((w) => w.includes('date-math index name without *')));
    // a role matching the wildcard's text is granted there, though the search then reads a2 and b
    const text = { r: { index_permissions: [{ index_patterns: ['a1', '/\\*/'], allowed_actions: ['read'] }] } };
    assert.equal(explainPermission(text, undefined, { action: 'indices:data/read/search', index: ['<a1>', '*'], user: { name: 'u', roles: ['r'] }, clusterIndices: cluster }).granted, true);
  });
});

describe('without the cluster list, a wildcard is covered only by a pattern covering all it may expand to', () => {
  test('expansionsWithin', () => {
    assert.equal(expansionsWithin('x-*', 'x-*'), true);
    assert.equal(expansionsWithin('*-t-*', 'x-t-*'), true);
    assert.equal(expansionsWithin('x-?', 'x-*'), false);
    assert.equal(expansionsWithin('x-a*', 'x-*'), false);
    assert.equal(expansionsWithin('/x-\\*/', 'x-*'), false);
    assert.equal(expansionsWithin('a?c*', 'abc*'), true);
  });
  test('explainPermission: a pattern matching only the text is undecided, not granted', () => {
    const roles = { r: { index_permissions: [{ index_patterns: ['a1', '/a\\*/'], allowed_actions: ['read'] }] } };
    const blind = explainPermission(roles, undefined, { action: 'indices:data/read/search', index: ['a1', 'a*'], user: { name: 'u', roles: ['r'] } });
    assert.equal(blind.granted, false);
    assert.equal(blind.undecided?.some((u) => u.includes('not surely every index')), true);
    const glob = { r: { index_permissions: [{ index_patterns: ['a*'], allowed_actions: ['read'] }] } };
    assert.equal(explainPermission(glob, undefined, { action: 'indices:data/read/search', index: ['a1', 'a*'], user: { name: 'u', roles: ['r'] } }).granted, true);
  });
});
