/**
 * A DLS query's `_name` is read by the node as a value's text: an object or a list under it is a parameter the query's
 * parser does not support (the whole search fails on 2.x; 3.x drops the role), never a match. A string (or a number or
 * boolean, read as text) is a name and changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls } from '../../src/verify/index.js';

const DOC = { public: true, n: 7 };
const TYPES = { public: 'boolean', n: 'integer' } as const;

test('lo58 _name as an object or a list is no name', () => {
  const named = (name: unknown): object[] => [
    { constant_score: { filter: { term: { public: true } }, _name: name } },
    { bool: { filter: [{ term: { public: true } }], _name: name } },
    { term: { public: { value: true, _name: name } } },
    { exists: { field: 'n', _name: name } },
  ];
  for (const name of ['x', 5, true]) {
    for (const q of named(name)) assert.equal(evaluateDls(q, DOC, { fieldTypes: TYPES }).result, 'match', JSON.stringify(q));
  }
  for (const name of [{}, { a: 1 }, [], ['x']]) {
    for (const q of named(name)) {
      const r = evaluateDls(q, DOC, { fieldTypes: TYPES });
      assert.notEqual(r.result, 'match', JSON.stringify(q));
    }
  }
});
