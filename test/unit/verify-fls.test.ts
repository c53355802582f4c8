/** FLS evaluator: every rule of fgac-reference.md §5 plus the plugin's own FlsDocumentFilter cases. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFls, filterDocument, isFieldVisible, visibleFields, fieldPaths } from '../../src/verify/fls.js';

describe('isFieldVisible', () => {
  const table: Array<[string, readonly string[] | readonly (readonly string[])[], string, boolean, string?]> = [
    ['no rules', [], 'a', true],
    ['exclude simple', ['~b'], 'b', false],
    ['exclude keeps others', ['~b'], 'a', true],
    ['! is a legacy exclude prefix', ['!b'], 'b', false],
    ['exclude .keyword normalised', ['~FlightNum'], 'FlightNum.keyword', false],
    ['exclude pattern itself not normalised', ['~FlightNum.keyword'], 'FlightNum', true],
    ['exclude object removes subtree', ['~b'], 'b.x.y', false],
    ['exclude leaf keeps siblings', ['~b.x'], 'b.y', true],
    ['exclude leaf keeps parent', ['~b.x'], 'b', true],
    ['exclude wildcard *', ['~Flight*'], 'FlightDelay', false],
    ['exclude wildcard * crosses dots', ['~a*'], 'a.b', false],
    ['exclude wildcard ?', ['~Fligh?Num'], 'FlightNum', false, '3.4.0'],
    ['exclude ? is one character', ['~F?Num'], 'FlightNum', true],
    ['exclude regex', ['~/Flight(Num|Delay)/'], 'FlightDelay', false, '3.4.0'],
    ['exclude regex is a full match', ['~/Flight/'], 'FlightNum', true],
    ['include simple', ['b'], 'b', true],
    ['include hides others', ['b'], 'a', false],
    ['include .keyword normalised', ['Dest'], 'Dest.keyword', true],
    ['include leaf keeps parents as objects', ['a.b.c'], 'a.b', true],
    ['include leaf keeps top parent', ['a.b.c'], 'a', true],
    ['include leaf hides siblings', ['a.b.c'], 'a.b.d', false],
    ['include object keeps subtree (3.x)', ['a'], 'a.b.c', true, '3.4.0'],
    ['include object: 1.x/2.x searches read only the field so named', ['a'], 'a.b.c', false, '2.19.4'],
    ['include wildcard', ['Fl*'], 'FlightNum', true],
    ['include regex', ['/[A-Z]\\w+/'], 'Carrier', true, '3.4.0'],
    ['include regex full match', ['/[A-Z]/'], 'Carrier', false],
    ['include *', ['*'], 'anything', true],
    ['mixed: only excludes apply', ['a', '~b'], 'c', true],
    ['mixed: exclude still hides', ['a', '~b'], 'b', false],
    ['two roles: includes unioned', [['a'], ['b']], 'b', true],
    ['two roles: includes unioned, others hidden', [['a'], ['b']], 'c', false],
    ['two roles: excluded by any role', [['~a'], ['~b']], 'a', false],
    ['two roles: excluded by any role (2)', [['~a'], ['~b']], 'b', false],
    ['two roles: include + exclude -> excludes only', [['a'], ['~b']], 'c', true],
    ['role without FLS ignored when another restricts', [[], ['~b']], 'b', false],
    ['roles without FLS only -> all', [[], []], 'x', true],
    ['blank pattern matches nothing', ['  '], 'x', false],
  ];
  // a version where 1.x/2.x (exact names under their shortcut) and 3.x read the field differently
  for (const [name, rules, path, want, pluginVersion] of table) {
    test(`${name}: ${JSON.stringify(rules)} ${path} -> ${want}`, () => assert.equal(isFieldVisible(path, rules, 'any', pluginVersion === undefined ? {} : { pluginVersion }), want));
  }
  test('leaf vs object parents in include mode', () => {
    assert.equal(isFieldVisible('a', ['a.b'], 'object'), true);
    assert.equal(isFieldVisible('a', ['a.b'], 'leaf'), false);
  });
  test('dfm_empty_overrides_all: a role without FLS lifts the restriction', () => {
    assert.equal(isFieldVisible('b', [[], ['~b']], 'any', { dfmEmptyOverridesAll: true }), true);
    assert.equal(compileFls([[], ['~b']], { dfmEmptyOverridesAll: true }).mode, 'all');
    assert.equal(compileFls([['~b']]).mode, 'exclude');
    assert.equal(compileFls(['a', 'b']).mode, 'include');
  });
});

describe('filterDocument / visibleFields (the plugin\'s FlsDocumentFilterTest cases)', () => {
  test('filterSimpleAttribute_exclusion / inclusion', () => {
    assert.deepEqual(filterDocument({ a: 41, b: 42, c: 43 }, ['~b']), { a: 41, c: 43 });
    assert.deepEqual(filterDocument({ a: 41, b: 42, c: 43 }, ['b']), { b: 42 });
  });
  test('filterObject_exclusion / filterObjectAttribute_exclusion', () => {
    assert.deepEqual(filterDocument({ a: 41, b: { x: 123, y: 456 }, c: 43 }, ['~b']), { a: 41, c: 43 });
    assert.deepEqual(filterDocument({ a: 41, b: { x: 123, y: 456 }, c: 43 }, ['~b.x']), { a: 41, b: { y: 456 }, c: 43 });
  });
  test('filterObjectAttribute_inclusion drops unrelated empty objects', () => {
    assert.deepEqual(filterDocument({ a: 41, b: { x: 123, y: 456 }, c: 43, d: {} }, ['b.x', 'c']), { b: { x: 123 }, c: 43 });
  });
  test('arrays containing objects', () => {
    const doc = { a: 41, b: [{ x: 12, y: 34 }, { x: 56, y: 78 }], c: 43 };
    assert.deepEqual(filterDocument(doc, ['~b.x']), { a: 41, b: [{ y: 34 }, { y: 78 }], c: 43 });
    assert.deepEqual(filterDocument(doc, ['b.y', 'c']), { b: [{ y: 34 }, { y: 78 }], c: 43 });
  });
  test('the tutorial role', () => {
    const flight = { FlightNum: 'X1', Dest: 'Oslo', Origin: 'Rome', FlightDelay: true };
    assert.deepEqual(visibleFields(flight, ['~FlightNum']), ['Dest', 'Origin', 'FlightDelay']);
  });
  test('nested include with wildcard parents', () => {
    const doc = { user: { name: 'n', address: { city: 'c', zip: 'z' } }, other: 1 };
    assert.deepEqual(visibleFields(doc, ['user.address.c*']), ['user', 'user.address', 'user.address.city']);
  });
  test('fieldPaths lists objects and leaves once', () => {
    assert.deepEqual(fieldPaths({ a: [{ b: 1 }, { b: 2, c: [3] }] }), [
      { path: 'a', kind: 'object' }, { path: 'a.b', kind: 'leaf' }, { path: 'a.c', kind: 'leaf' },
    ]);
  });
});
