/**
 * filterDocument with `pluginVersion`: the `_source` each plugin generation returns. The expected values
 * are what the live 2.19.4 and 3.4.0 nodes returned for these documents and rules (2026-12-01; the
 * integration test fls-source-truth.test.ts asks the node again on every run), so these cases pin the
 * shapes where the generations differ without a node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFls, filterDocument, visibleFields } from '../../src/verify/index.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { ConfigError } from '../../src/errors/classes.js';
import { MAX_NESTING_DEPTH } from '../../src/fgac/json.js';

const DOC = { a: 'A', b: 'B', obj: { x: 'X', y: 'Y', inner: { p: 'P', q: 'Q' } }, arr: [{ m: 'M1', n: 'N1' }, { n: 'N2' }], tags: ['t1', 't2'], 'dot.ted': 'D', o: { e: {} }, name: 'N' };

// [rules, 2.19.4 returned, 3.4.0 returned]
const CASES: Array<[string[][], unknown, unknown]> = [
  [[['obj']], { obj: DOC.obj }, { obj: {} }],
  [[['obj.inner']], { obj: { inner: { p: 'P', q: 'Q' } } }, { obj: { inner: {} } }],
  [[['obj.*']], { obj: DOC.obj }, { obj: DOC.obj }],
  [[['o*j']], { obj: DOC.obj }, { obj: {} }],
  [[['ob?']], {}, { obj: {} }],
  [[['ob?.x']], {}, { obj: { x: 'X' } }],
  [[['~ob?.x']], DOC, { ...DOC, obj: { y: 'Y', inner: { p: 'P', q: 'Q' } } }],
  [[['/o.*/']], {}, { obj: DOC.obj, o: DOC.o }],
  [[['~/o.*/']], DOC, { a: 'A', b: 'B', arr: DOC.arr, tags: DOC.tags, 'dot.ted': 'D', name: 'N' }],
  [[['arr.m']], { arr: [{ m: 'M1' }] }, { arr: [{ m: 'M1' }, {}] }],
  [[['arr']], { arr: DOC.arr }, { arr: [{}, {}] }],
  [[['tags.x']], {}, { tags: ['t1', 't2'] }],
  [[['o.e.z']], {}, { o: { e: {} } }],
  [[['dot']], {}, {}],
  [[['~dot']], DOC, DOC],
  [[['~dot', '~x.y']], { ...DOC, 'dot.ted': undefined }, DOC],
  [[['~o.e']], { ...DOC, o: {} }, { ...DOC, o: {} }],
  [[['a'], ['~b']], { ...DOC, b: undefined }, { ...DOC, b: undefined }],
  [[['~a'], ['~b']], { ...DOC, a: undefined, b: undefined }, { ...DOC, a: undefined, b: undefined }],
  [[['a'], []], { a: 'A' }, { a: 'A' }],
  [[['name.keyword']], {}, {}],
  [[['~name.keyword']], DOC, DOC],
];

/** JSON equality, ignoring key order and the `undefined` placeholders above. */
const canon = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).filter(([, y]) => y !== undefined).sort(([p], [q]) => (p < q ? -1 : 1))) : x));

test('filterDocument({ pluginVersion }) returns what 2.19.4 and 3.4.0 returned, case by case', () => {
  for (const [rules, v2, v3] of CASES) {
    assert.equal(canon(filterDocument(DOC, rules, { pluginVersion: '2.19.4' })), canon(v2), `2.19.4 ${JSON.stringify(rules)}`);
    assert.equal(canon(filterDocument(DOC, rules, { pluginVersion: '3.4.0' })), canon(v3), `3.4.0 ${JSON.stringify(rules)}`);
  }
});

test('without pluginVersion filterDocument keeps what the roles mean (an included object keeps its members; `?` is a wildcard)', () => {
  assert.deepEqual(filterDocument(DOC, [['obj']]), { obj: DOC.obj });
  assert.deepEqual(filterDocument(DOC, [['ob?.x']]), { obj: { x: 'X' } });
  assert.deepEqual(filterDocument(DOC, [['tags.x']]), {});
});

test('the generation is read from the version: 1.x and 2.x share the 2.x filter, 3.x and later the 3.x one; a CompiledFls works too', () => {
  for (const v of ['1.3.20', '2.19.4.0', 'v2.11']) assert.deepEqual(filterDocument(DOC, [['ob?']], { pluginVersion: v }), {});
  for (const v of ['3.0.0', '3.9.0.0', '4.0.0-SNAPSHOT']) assert.deepEqual(filterDocument(DOC, [['ob?']], { pluginVersion: v }), { obj: {} });
  const compiled = compileFls([['a', '~b'], ['obj.x']]);
  assert.deepEqual(compiled.merged, ['a', '~b', 'obj.x']);
  assert.equal(canon(filterDocument(DOC, compiled, { pluginVersion: '3.4.0' })), canon({ ...DOC, b: undefined }));
  assert.deepEqual(visibleFields({ obj: { x: 1, y: 2 } }, [['obj']], { pluginVersion: '3.4.0' }), ['obj']);
  assert.deepEqual(visibleFields({ obj: { x: 1, y: 2 } }, [['obj']], { pluginVersion: '2.19.4' }), ['obj', 'obj.x', 'obj.y']);
});

test('a pluginVersion that is no version is a ConfigError naming options.pluginVersion; a hand-made CompiledFls without merged patterns names rules', () => {
  for (const bad of ['latest', '', 42, null]) {
    assert.throws(() => filterDocument(DOC, [['a']], { pluginVersion: bad as string }), (e: unknown) => e instanceof ConfigError && e.option === 'options.pluginVersion');
  }
  const handMade = { mode: 'include' as const, patterns: ['a'], isVisible: (p: string) => p === 'a' };
  assert.deepEqual(filterDocument(DOC, handMade), { a: 'A' });
  assert.throws(() => filterDocument(DOC, handMade, { pluginVersion: '3.4.0' }), (e: unknown) => e instanceof ConfigError && e.option === 'rules');
});

test('documents nested past the limit are refused by both generations where they walk them, as without a version', () => {
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < MAX_NESTING_DEPTH + 5; i++) deep = { k: deep };
  for (const v of ['2.19.4', '3.4.0']) {
    assert.throws(() => filterDocument(deep, [['~*.leaf']], { pluginVersion: v }), /nest/i);
  }
  assert.throws(() => filterDocument(deep, [['~*.leaf']]), /nest/i);
  // 2.x hands a subtree no exclusion can reach over without reading it (as OpenSearch's source filtering does)
  assert.equal((filterDocument(deep, [['~nothing.here']], { pluginVersion: '2.19.4' }) as { k: unknown }).k, deep.k);
});

test('verifyHits notes an FLS leak the plugin\'s own filtering produces (version known), and only then', () => {
  const response = { hits: { hits: [{ _index: 'i', _id: '1', _source: { obj: { x: 'X' }, tags: ['t1'] } }] } };
  const leaksOf = (fls: string[], pluginVersion?: string) =>
    verifyHits(response, { indices: [{ indexPatterns: ['i'], rules: [{ fls }] }], ...(pluginVersion !== undefined ? { pluginVersion } : {}) })
      .findings.map((f) => [f.path, /plugin's own _source filtering returns it/.test(f.detail)]);
  // 2.x reads `?` literally: obj.x stays in its _source; 3.x hides it, so there the leak is not its own
  assert.deepEqual(leaksOf(['~ob?.x'], '2.19.4'), [['obj.x', true]]);
  assert.deepEqual(leaksOf(['~ob?.x'], '3.4.0'), [['obj.x', false]]);
  assert.deepEqual(leaksOf(['~ob?.x']), [['obj.x', false]]);
  // 3.x shows an array of plain values at the parent path of an inclusion; 2.x does not
  assert.deepEqual(leaksOf(['tags.x', 'obj.x'], '3.4.0'), [['tags', true]]);
  assert.deepEqual(leaksOf(['tags.x', 'obj.x'], '2.19.4'), [['tags', false]]);
});

test('a hit without _id (2.x under `~*`) is matched to no original, not to one whose id is the text "undefined"', () => {
  const hit = { _index: 'i', _score: 1 };
  const exp = { indices: [{ indexPatterns: ['i'], rules: [{ dls: '{"term":{"k":"v"}}', fls: ['~*'] }] }], pluginVersion: '2.19.4', originals: new Map([['i/undefined', { k: 'v' }]]) };
  const report = verifyHits({ hits: { hits: [hit] } }, exp);
  assert.equal(report.hits[0]?.id, '');
  assert.equal(report.hits[0]?.dls.result, 'unverifiable');
  assert.notEqual(report.status, 'pass');
});
