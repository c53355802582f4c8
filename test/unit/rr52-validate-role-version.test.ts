/** validateRole with `pluginVersion` and no `dialect` applies that version's generation (regression review rr52: 3.4.0 got 2.x words). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRole } from '../../src/security/model.js';

const role = { index_permissions: [{ index_patterns: ['a'], allowed_actions: ['read'], fls: [''] }] };
const texts = (r: { errors: Array<{ message: string }>; warnings: Array<{ message: string }> }): string => JSON.stringify([...r.errors, ...r.warnings].map((i) => i.message));

test("an empty FLS entry: 2.x's failure for 2.19.4 and no version, 3.x's reading for 3.4.0", () => {
  for (const options of [{}, { pluginVersion: '2.19.4' }, { dialect: 'v2' as const, pluginVersion: '3.4.0' }]) {
    assert.match(texts(validateRole(role, options)), /2\.x fails every search/, JSON.stringify(options));
  }
  const v3 = validateRole(role, { pluginVersion: '3.4.0' });
  assert.equal(v3.errors.length, 0, texts(v3));
  assert.doesNotMatch(texts(v3), /2\.x fails every search/);
  assert.match(texts(v3), /names no field/);
  assert.deepEqual(validateRole(role, { pluginVersion: '3.4.0' }), validateRole(role, { pluginVersion: '3.4.0', dialect: 'v3' }));
});
