/**
 * FLS on paths with very many dots, helper 186's mends. The plugin's parent walk (`lastIndexOf('.')` down to `''`)
 * tested every prefix of a path, each one sliced and matched: a 200 000-character path of 100 000 dots took ~0.1-0.25 s
 * per isFieldVisible, compileFls of a long dotted include ~0.9 s, and filterDocument with a 2.x version 27 s (its
 * source-filtering step re-matched the growing path at each dot of a key). Globs and exact names are now matched
 * against every dot prefix in one pass (DotPrefixMatcher), an exact include's parents read by `startsWith`, and
 * verifyHits reads reported leak paths by segment. No timing: each test counts the prefix slices taken
 * (String.prototype.slice wrapped while the call runs), which the old walk took once per dot, and checks the answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFls, filterDocument, isFieldVisible } from '../../src/verify/fls.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';

const DOTS = 100_000;
/** `a.a.a…a.zz`: 200 000 characters, 99 999 dots. */
const LONG = `${'a.'.repeat(DOTS - 1)}zz`;

/** What `f` returns, and how many times String.prototype.slice was called meanwhile. */
function slices<T>(f: () => T): { value: T; count: number } {
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = String.prototype.slice;
  let count = 0;
  String.prototype.slice = function (this: string, ...args: Parameters<string['slice']>): string {
    count++;
    return original.apply(this, args);
  };
  try {
    return { value: f(), count };
  } finally {
    String.prototype.slice = original;
  }
}

/** Far fewer slices than the path has dots (the old walk took one per dot, or more). */
const BOUND = 1000;

const VERSIONS = [undefined, '2.19.4', '3.4.0'] as const;
/** Names LONG `LONG` in a message (the path itself is 200 000 characters). */
const shown = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k === LONG ? 'LONG' : k, y])) : x));

test('isFieldVisible on a 100 000-dot path reads it in one pass (no version, 2.19.4, 3.4.0)', () => {
  // answers without a version, on 2.x (a search reads each field by its own name) and on 3.x (an object covers its members)
  const cases: Array<[string[], [string, string, string]]> = [
    [['~b'], ['true', 'true', 'true']], [['~a'], ['false', 'false', 'false']], [['~a.a.a'], ['MaskingExpressionError', 'true', 'false']],
    [['~b*'], ['true', 'true', 'true']], [['~a*'], ['false', 'false', 'false']], [['~*a.b'], ['true', 'true', 'true']],
    [['~?.a'], ['MaskingExpressionError', 'true', 'false']], [['~*.z'], ['true', 'true', 'true']], [['~b.c'], ['true', 'true', 'true']],
    [['b.c', 'zz'], ['false', 'false', 'false']], [['a'], ['MaskingExpressionError', 'false', 'true']], [['a.a.*'], ['true', 'true', 'true']],
    [['*.zz'], ['true', 'true', 'true']], [['b*', 'x.y'], ['false', 'false', 'false']],
  ];
  for (const [fls, answers] of cases) {
    VERSIONS.forEach((pluginVersion, i) => {
      const run = slices(() => {
        try {
          return String(isFieldVisible(LONG, [fls], 'leaf', pluginVersion === undefined ? {} : { pluginVersion }));
        } catch (e) {
          return (e as Error).name;
        }
      });
      assert.equal(run.value, answers[i], `${JSON.stringify(fls)} ${String(pluginVersion)}`);
      assert.ok(run.count < BOUND, `${JSON.stringify(fls)} ${String(pluginVersion)}: ${run.count} slices`);
    });
  }
});

test('filterDocument of keys with 100 000 dots reads them in one pass (no version, 2.19.4, 3.4.0)', () => {
  const doc = { [LONG]: 1, b: { [LONG]: 2 }, zz: 3 };
  const cases: Array<[string[], [string, string, string]]> = [
    // 3.x's _source judges each key by its own name; the roles and 2.x's source filtering cover an object's members
    [['~a.a'], ['{"b":{"LONG":2},"zz":3}', '{"b":{"LONG":2},"zz":3}', '{"LONG":1,"b":{"LONG":2},"zz":3}']],
    [['~b.a.a.a'], ['{"LONG":1,"b":{},"zz":3}', '{"LONG":1,"b":{},"zz":3}', '{"LONG":1,"b":{"LONG":2},"zz":3}']],
    [['~*.zz'], ['{"b":{},"zz":3}', '{"b":{},"zz":3}', '{"b":{},"zz":3}']],
  ];
  for (const [fls, answers] of cases) {
    VERSIONS.forEach((pluginVersion, i) => {
      const run = slices(() => filterDocument(doc, [fls], pluginVersion === undefined ? {} : { pluginVersion }));
      assert.equal(shown(run.value), answers[i], `${JSON.stringify(fls)} ${String(pluginVersion)}`);
      assert.ok(run.count < BOUND, `${JSON.stringify(fls)} ${String(pluginVersion)}: ${run.count} slices`);
    });
  }
});

test('filterDocument with 2.x source filtering and a dotted include reads a 100 000-dot key in one pass', () => {
  const doc = { [LONG]: 1, b: 2 };
  const run = slices(() => filterDocument(doc, [['b.c', '*.zz']], { pluginVersion: '2.19.4' }));
  assert.equal(shown(run.value), '{"LONG":1}');
  assert.ok(run.count < BOUND, `${run.count} slices`);
});

test('compileFls of a 100 000-dot include finds its parents without a slice per dot', () => {
  const run = slices(() => {
    const c = compileFls([[LONG, 'x']], { pluginVersion: '3.4.0' });
    return [c.isVisible('a', 'object'), c.isVisible('a.a.a', 'object'), c.isVisible('a', 'leaf'), c.isVisible(LONG, 'leaf'), c.isVisible('a.b', 'object')];
  });
  assert.deepEqual(run.value, [true, true, false, true, false]);
  assert.ok(run.count < BOUND, `${run.count} slices`);
});

test('verifyHits reports a leak at a 100 000-dot path once, reading it in one pass', () => {
  const roles = { r: { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'], fls: ['~a'] }] } };
  const exp = expectationsFromRoles(roles, 'i', { name: 'u' }, { pluginVersion: '3.4.0' });
  const hit = { _index: 'i', _id: '1', _source: { [LONG]: 1, b: 2 } };
  const run = slices(() => verifyHits({ hits: { hits: [hit] } }, exp));
  assert.equal(shown(run.value.findings.map((f) => [f.kind, f.path === LONG ? 'LONG' : f.path])), '[["fls-leak","LONG"]]');
  assert.ok(run.count < BOUND, `${run.count} slices`);
});
