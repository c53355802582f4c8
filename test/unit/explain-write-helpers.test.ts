/**
 * The pure rules behind checkPermission's write facts, each case as the real 2.19.4 node answered it (a write by a
 * user without indices:admin/mapping/put: 403 when the mapping changed, 201/400 when not) or as OpenSearch's source
 * reads (AutoCreateIndex.AutoCreate and Regex.simpleMatch; XContentHelper.update for an update's noop).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addsToMapping, templateMayMap } from '../../src/explain/mapping-update.js';
import { updateChanges } from '../../src/explain/update-noop.js';
import { autoCreateFact, parseAutoCreate, simpleMatch } from '../../src/explain/auto-create.js';
import { Rng } from '../support/seeded-rng.js';

const MAPPING = {
  properties: {
    n: { type: 'integer' },
    o: { type: 'object', dynamic: false, properties: { a: { type: 'keyword' } } },
    k: { type: 'keyword' },
    d: { type: 'object', enabled: false },
    g: { type: 'geo_point' },
    s: { dynamic: 'strict', properties: { x: { type: 'keyword' } } },
  },
};

describe('addsToMapping (each as the 2.19.4 node answered a user without mapping/put)', () => {
  const cases: Array<[string, unknown, unknown, boolean | undefined]> = [
    ['a mapped field', MAPPING, { n: 1 }, false],
    ['a new field', MAPPING, { z: 1 }, true],
    ['a new field holding null', MAPPING, { z: null }, false],
    ['a new field holding []', MAPPING, { z: [] }, false],
    ['a new field holding [null]', MAPPING, { z: [null] }, false],
    ['a new field holding [1, 2]', MAPPING, { z: [1, 2] }, true],
    ['a new empty object', MAPPING, { e: {} }, true],
    ['a new empty string', MAPPING, { e: '' }, true],
    ['under an object with dynamic false', MAPPING, { o: { zz: 1 } }, false],
    ['a dotted key under it', MAPPING, { 'o.q': 1 }, false],
    ['a mapped dotted key', MAPPING, { 'o.a': 'x' }, false],
    ['an array of mapped objects', MAPPING, { o: [{ a: 'x' }, { a: 'y' }] }, false],
    ['below an object with enabled false', MAPPING, { d: { x: 1, y: { z: 2 } } }, false],
    ['an object for a keyword (400)', MAPPING, { k: { x: 1 } }, false],
    ['an object for a geo_point', MAPPING, { g: { lat: 1, lon: 2 } }, false],
    ['strict: the document fails (400), nothing is added', MAPPING, { s: { y: 1 }, z: 1 }, false],
    ['dynamic false at the root', { dynamic: 'false', properties: { n: { type: 'integer' } } }, { z: 1 }, false],
    ['an index without fields, a field', {}, { z: 1 }, true],
    ['an index without fields, {} (its first document adds the root mapping)', {}, {}, undefined],
    ['an unusual dynamic value', { dynamic: 'false_allow_templates' }, { z: 1 }, undefined],
    ['a metadata-like key', MAPPING, { _id: 'x' }, undefined],
    ['an empty key segment', MAPPING, { 'a..b': 1 }, undefined],
    ['not an object', MAPPING, [1], undefined],
  ];
  for (const [name, mapping, doc, expected] of cases) test(name, () => assert.equal(addsToMapping(mapping, doc), expected));

  test('templateMayMap: only a matching template that gives mappings', () => {
    const composable = { index_templates: [{ name: 'a', index_template: { index_patterns: ['logs-*'], template: { settings: {} } } }, { name: 'b', index_template: { index_patterns: ['m-*'], composed_of: ['c'] } }] };
    assert.equal(templateMayMap('logs-1', composable, {}, simpleMatch), false, 'settings only');
    assert.equal(templateMayMap('m-1', composable, {}, simpleMatch), true, 'component templates may give mappings');
    assert.equal(templateMayMap('x', {}, { t: { index_patterns: ['x*'], mappings: { properties: {} } } }, simpleMatch), true);
    assert.equal(templateMayMap('y', {}, { t: { index_patterns: ['x*'], mappings: { properties: {} } } }, simpleMatch), false);
  });
});

describe('updateChanges (XContentHelper.update with detect_noop)', () => {
  const source = { tag: 'a', list: ['x', 'y'], o: { p: 'q' }, nil: null, n: 1 };
  const cases: Array<[string, unknown, boolean | undefined]> = [
    ['the same string', { doc: { tag: 'a' } }, false],
    ['another string', { doc: { tag: 'b' } }, true],
    ['a new key', { doc: { other: 'a' } }, true],
    ['the same list', { doc: { list: ['x', 'y'] } }, false],
    ['another list', { doc: { list: ['y', 'x'] } }, true],
    ['a nested same value', { doc: { o: { p: 'q' } } }, false],
    ['a nested new key', { doc: { o: { r: 's' } } }, true],
    ['null for null', { doc: { nil: null } }, false],
    ['an equal number (1 or 1.0?)', { doc: { n: 1 } }, undefined],
    ['another number', { doc: { n: 2 } }, true],
    ['detect_noop false', { doc: { tag: 'a' }, detect_noop: false }, true],
    ['a script', { script: { source: 'x' } }, undefined],
    ['no doc', { upsert: { a: 1 } }, undefined],
  ];
  for (const [name, body, expected] of cases) test(name, () => assert.equal(updateChanges(source, body), expected));
});

describe('action.auto_create_index', () => {
  test('parsed as AutoCreate: true/false exactly, else +/- patterns, first match decides, none matching forbids', () => {
    const at = (setting: string, name: string) => autoCreateFact(parseAutoCreate(setting), name);
    assert.deepEqual(at('true', 'x'), { known: true, value: true });
    assert.deepEqual(at('', 'x'), { known: true, value: true }, 'an empty list: created');
    assert.deepEqual(at('false', 'x'), { known: true, value: false });
    assert.deepEqual(at('-logs-*,+*', 'logs-1'), { known: true, value: false });
    assert.deepEqual(at('-logs-*,+*', 'other'), { known: true, value: true });
    assert.deepEqual(at('+logs-*', 'other'), { known: true, value: false });
    assert.deepEqual(at(' +a* , -b* ', 'a1'), { known: true, value: true }, 'patterns are trimmed');
    assert.deepEqual(at('TRUE', 'TRUE'), { known: true, value: true }, 'TRUE is a pattern naming the index TRUE');
    assert.deepEqual(at('TRUE', 'x'), { known: true, value: false });
    assert.equal(at('a,,b', 'a').known, false, 'OpenSearch refuses an empty pattern');
    assert.equal(at('false', '.system-like').known, false, 'a system index is always created');
    assert.equal(autoCreateFact(undefined, 'x').known, false);
  });

  test('simpleMatch equals the glob semantics of `*` alone (seeded)', () => {
    const rng = new Rng(4242);
    const alphabet = ['a', 'b', '*', '.', '-'];
    for (let i = 0; i < 3000; i++) {
      const pattern = Array.from({ length: rng.int(0, 6) }, () => rng.pick(alphabet)).join('');
      const name = Array.from({ length: rng.int(0, 6) }, () => rng.pick(['a', 'b', '.', '-'])).join('');
      const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.\-]/g, '\\$&')).join('.*')}$`, 's');
      assert.equal(simpleMatch(pattern, name), regex.test(name), `${pattern} ~ ${name}`);
    }
  });
});

describe('hostile depth', () => {
  test('a document or mapping nested 100 000 deep is undecided, not a stack overflow', () => {
    let doc: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 100_000; i++) doc = { a: doc };
    assert.equal(addsToMapping({ properties: {} }, { z: 1, deep: doc }), undefined, 'beyond index.mapping.depth.limit: the document may fail instead');
    let mapping: Record<string, unknown> = { type: 'keyword' };
    for (let i = 0; i < 100_000; i++) mapping = { properties: { a: mapping } };
    assert.equal(addsToMapping(mapping, doc), undefined);
    assert.equal(updateChanges({ a: doc }, { doc: { a: doc } }), undefined);
  });
});
