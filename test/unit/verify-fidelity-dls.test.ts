/** The local DLS evaluator on what `_source` does not hold: metadata, aliases, copy_to, unindexed, nested, dotted keys, number text. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls, fieldTypesFromMapping } from '../../src/verify/dls/index.js';

const MAPPING = {
  idx: {
    mappings: {
      properties: {
        k: { type: 'keyword', copy_to: 'all' },
        all: { type: 'keyword' },
        ka: { type: 'alias', path: 'k' },
        dis: { type: 'object', enabled: false },
        o: { properties: { d: { type: 'object', enabled: false } } },
        ck: { type: 'keyword', index: false, doc_values: false },
        ik: { type: 'keyword', index: false },
        nest: { type: 'nested', properties: { x: { type: 'keyword' } } },
        nin: { type: 'nested', include_in_parent: true, properties: { x: { type: 'keyword' } } },
        t: { type: 'text' },
      },
    },
  },
};
const TYPES = fieldTypesFromMapping(MAPPING);
const result = (q: object, doc: unknown, opts: Parameters<typeof evaluateDls>[2] = { fieldTypes: TYPES }): string => evaluateDls(q, doc, opts).result;

describe('metadata fields are answered from the hit, never read from _source (finding 1)', () => {
  test('_id and _index from the hit; other metadata fields unverifiable', () => {
    const opts = { id: '1', index: 'vf-a' };
    assert.equal(result({ term: { _index: 'vf-a' } }, { k: 'x' }, opts), 'match');
    assert.equal(result({ term: { _index: { value: 'vf-a' } } }, { k: 'x' }, opts), 'match');
    assert.equal(result({ terms: { _id: ['1', '2'] } }, { k: 'x' }, opts), 'match');
    assert.equal(result({ term: { _id: '2' } }, { k: 'x' }, opts), 'no-match');
    assert.equal(result({ exists: { field: '_id' } }, {}, opts), 'match');
    assert.equal(result({ exists: { field: '_index' } }, {}), 'match');
    // another name may be an alias of this index: only equality is certain
    assert.equal(result({ term: { _index: 'vf-alias' } }, {}, opts), 'unverifiable');
    assert.equal(result({ term: { _routing: 'r' } }, {}, opts), 'unverifiable');
    assert.equal(result({ exists: { field: '_seq_no' } }, {}, opts), 'unverifiable');
    assert.equal(result({ term: { _index: 'vf-a' } }, {}, {}), 'unverifiable', 'index unknown');
    assert.equal(result({ prefix: { _id: '1' } }, {}, opts), 'unverifiable');
  });
  test('an unmapped _-prefixed field without a value is unverifiable, not "no value"', () => {
    assert.equal(result({ term: { _custom_meta: 'a' } }, {}, {}), 'unverifiable');
    assert.equal(result({ term: { _own: 'a' } }, { _own: 'a' }, { fieldTypes: { _own: 'keyword' } }), 'match');
    assert.equal(result({ term: { _own: 'a' } }, {}, { fieldTypes: { _own: 'keyword' } }), 'no-match', 'a mapped field is a field');
  });
});

describe('mapping features fieldTypesFromMapping keeps (findings 2, 5, 10)', () => {
  test('the table records alias paths, copy_to targets, unindexed fields and nested include_in_parent', () => {
    assert.equal(TYPES.ka?.aliasPath, 'k');
    assert.equal(TYPES.all?.copyToTarget, true);
    assert.equal(TYPES.dis?.notIndexed, true);
    assert.equal(TYPES.ck?.notIndexed, true);
    assert.equal(TYPES.ik?.notIndexed, undefined, 'doc values still answer an index:false keyword');
    assert.equal(TYPES.nin?.nestedInRoot, true);
  });
  test('an alias is read at its path; a copy_to target is unverifiable', () => {
    assert.equal(result({ term: { ka: 'alpha' } }, { k: 'alpha' }), 'match');
    assert.equal(result({ term: { ka: 'alpha' } }, { k: 'beta' }), 'no-match');
    assert.equal(result({ exists: { field: 'ka' } }, { k: 'alpha' }), 'match');
    assert.equal(result({ term: { all: 'alpha' } }, { k: 'alpha' }), 'unverifiable');
    assert.equal(result({ exists: { field: 'all' } }, { k: 'alpha' }), 'unverifiable');
    const hidden = { fieldTypes: TYPES, unknownField: (p: string) => p === 'k' };
    assert.equal(result({ term: { ka: 'alpha' } }, { k: 'alpha' }, hidden), 'unverifiable', 'the alias reads a hidden field');
  });
  test('enabled:false objects and index:false + doc_values:false fields have no indexed value', () => {
    assert.equal(result({ exists: { field: 'dis' } }, { dis: { a: 1 } }), 'no-match');
    assert.equal(result({ bool: { must_not: { exists: { field: 'dis' } } } }, { dis: { a: 1 } }), 'match');
    assert.equal(result({ exists: { field: 'o.d.q' } }, { o: { d: { q: 'v' } } }), 'no-match');
    assert.equal(result({ term: { 'o.d.q': 'v' } }, { o: { d: { q: 'v' } } }), 'no-match');
    assert.equal(result({ exists: { field: 'ck' } }, { ck: 'v' }), 'no-match');
    assert.equal(result({ exists: { field: 'ik' } }, { ik: 'v' }), 'match');
  });
  test('a field inside nested documents does not match the root document', () => {
    const q = { bool: { should: [{ term: { 'nest.x': 'nx' } }, { term: { k: 'b' } }] } };
    assert.equal(result(q, { nest: [{ x: 'nx' }], k: 'a' }), 'no-match');
    assert.equal(result(q, { nest: [{ x: 'nx' }], k: 'b' }), 'match');
    assert.equal(result({ exists: { field: 'nest' } }, { nest: [{ x: 'nx' }] }), 'no-match');
    assert.equal(result({ term: { 'nin.x': 'nx' } }, { nin: [{ x: 'nx' }] }), 'unverifiable');
  });
});

describe('JSON numbers in keyword and text fields (finding 4)', () => {
  test('the index holds their source text, which JSON.parse lost: unverifiable', () => {
    // {"k":1.0} parses to 1: the node holds "1.0" and does not match term "1"
    assert.equal(result({ term: { k: '1' } }, { k: 1 }), 'unverifiable');
    assert.equal(result({ terms: { k: ['1.0', '1e2'] } }, { k: 100 }), 'unverifiable');
    assert.equal(result({ match: { t: '3.10 1e3' } }, { t: 3.1 }), 'unverifiable');
    assert.equal(result({ term: { k: 'true' } }, { k: true }), 'match', 'booleans have one text');
    assert.equal(result({ match: { t: '3.10' } }, { t: '3.10' }), 'match');
    assert.equal(result({ term: { k: 'x' } }, { k: 'x' }), 'match');
  });
});

describe('exists on an object written with dotted keys (finding 6)', () => {
  test('{"o.x": v} is the object o', () => {
    assert.equal(result({ exists: { field: 'o' } }, { 'o.x': 'dotted' }, {}), 'match');
    assert.equal(result({ exists: { field: 'o' } }, { o: { 'p.q': 1 } }, {}), 'match');
    assert.equal(result({ exists: { field: 'o.p' } }, { o: { 'p.q': 1 } }, {}), 'match');
    // a dotted key set to null: without the mapping a null_value may index a value (helper 222); with it, no value
    const nul = evaluateDls({ exists: { field: 'o' } }, { 'o.x': null }, {});
    assert.equal(nul.result, 'unverifiable');
    assert.match(nul.reason ?? '', /null.*fieldTypes/);
    assert.equal(result({ exists: { field: 'o' } }, { 'o.x': null }, { fieldTypes: { 'o.x': 'keyword' } }), 'no-match');
    assert.equal(result({ exists: { field: 'o' } }, { 'o.x': 'v' }, { fieldTypes: { 'o.x': 'keyword' } }), 'match');
    assert.equal(result({ exists: { field: 'o' } }, { ox: 'v' }, {}), 'no-match');
  });
});
