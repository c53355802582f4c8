/**
 * A key named `''` under FLS, helper 186's mend. Both plugin generations name the member `k` of a key `''` `.k` (the
 * 2.x source filter and 3.x's FlsDocumentFilter join parent and key with a dot; measured on 2.19.4 and 3.4.0:
 * test/integration/h186-fls-empty-key.test.ts), as they name a top-level key `.k`; filterDocument, fieldPaths and
 * verifyHits named it `k`, so `~.k` left `{"": {"k": 1}}` whole and `~k` emptied it. Expected values are the nodes'.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldPaths, filterDocument, visibleFields } from '../../src/verify/fls.js';
import { expectationsFromRoles } from '../../src/verify/expectations.js';
import { verifyHits } from '../../src/verify/verifier.js';

const DOC = { '': { k: 1 }, '.k': 2, k: 3, x: 4 };
const NESTED = { a: { '': { k: 1 }, k: 5, '.k': 6 }, b: 7 };

test("filterDocument names the member k of a key '' .k, as both plugin generations do", () => {
  // the _source 2.19.4 and 3.4.0 returned under each list (the same on both)
  assert.deepEqual(filterDocument(DOC, [['~.k']]), { '': {}, k: 3, x: 4 });
  assert.deepEqual(filterDocument(DOC, [['~k']]), { '': { k: 1 }, '.k': 2, x: 4 });
  assert.deepEqual(filterDocument(DOC, [['~*.k']]), { '': {}, k: 3, x: 4 });
  assert.deepEqual(filterDocument(DOC, [['*.k']]), { '': { k: 1 }, '.k': 2 });
  assert.deepEqual(filterDocument(NESTED, [['~a..k']]), { a: { '': {}, k: 5 }, b: 7 });
  assert.deepEqual(filterDocument(NESTED, [['~*.k']]), { a: { '': {} }, b: 7 });
});

test("fieldPaths and visibleFields list a key '' and its members by the plugin's names", () => {
  assert.deepEqual(fieldPaths({ '': { k: 1 }, x: 2 }), [{ path: '', kind: 'object' }, { path: '.k', kind: 'leaf' }, { path: 'x', kind: 'leaf' }]);
  assert.deepEqual(fieldPaths(NESTED).map((f) => f.path), ['a', 'a.', 'a..k', 'a.k', 'b']);
  assert.deepEqual(visibleFields({ '': { k: 1 }, k: 3 }, [['~k']]), ['', '.k']);
});

for (const pluginVersion of ['2.19.4', '3.4.0']) {
  test(`verifyHits judges the member k of a key '' as .k (${pluginVersion})`, () => {
    const check = (fls: string[], source: unknown): string[] => {
      const roles = { r: { index_permissions: [{ index_patterns: ['i'], allowed_actions: ['read'], fls }] } };
      const report = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: source }] } }, expectationsFromRoles(roles, 'i', { name: 'u' }, { pluginVersion }));
      return report.findings.map((f) => `${f.kind} ${String(f.path)}`);
    };
    // an unrestricted user's hit: `~.k` hides "".k (was: no leak found); `~k` does not (was: a false leak)
    assert.deepEqual(check(['~.k'], { '': { k: 1 }, x: 4 }), ['fls-leak .k']);
    assert.deepEqual(check(['~k'], { '': { k: 1 }, x: 4 }), []);
    assert.deepEqual(check(['~a..k'], { a: { '': { k: 1 }, k: 5 } }), ['fls-leak a..k']);
    // the node's own answers pass
    assert.deepEqual(check(['~.k'], { '': {}, k: 3, x: 4 }), []);
    assert.deepEqual(check(['~*.k'], { a: { '': {} }, b: 7 }), []);
  });
}
