/**
 * requestNameKinds and what follows from it (src/fgac/index-expressions.ts): `-x` is an exclusion only after a name
 * with `*`, `_all` only exactly, `<...>` (`<>` too) date math; the names core must find, and the names the plugin
 * judges with and without the cluster's index list (an exclusion of a name that may be missing is kept as written).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expandRequestNames, isAllName, namesThatMustExist, requestIndices, requestNameKinds } from '../../src/fgac/index-expressions.js';
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
    assert.deepEqual(requestIndices(['a1', '_all'], cluster, undefined), { indices: cluster });
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
    assert.deepEqual(normaliseIndices('a*,-b, _all,,a*'), ['a*', '-b', ' _all', 'a*']);
    assert.deepEqual(normaliseIndices(','), ['*']);
  });
});
