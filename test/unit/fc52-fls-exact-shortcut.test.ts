/** 2.x's FLS exact-name shortcut in compileFls (the live nodes referee it in test/integration/fc52-fls-exact-shortcut.test.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flsComparesExactNames } from '../../src/fgac/fls-entry.js';
import { compileFls, isFieldVisible } from '../../src/verify/fls.js';

const visible = (fls: string[], version: string | undefined): string[] =>
  ['abc', 'a?c', 'ab', '/ab+/', 'x', 'x.y'].filter((f) => isFieldVisible(f, [fls], 'leaf', version === undefined ? {} : { pluginVersion: version }));

test('1.x and 2.x compare every entry as an exact name while none holds . or *', () => {
  for (const version of ['1.3.20', '2.19.4']) {
    assert.deepEqual(visible(['a?c'], version), ['a?c']);
    assert.deepEqual(visible(['/ab+/'], version), ['/ab+/']);
    assert.deepEqual(visible(['~a?c'], version), ['abc', 'ab', '/ab+/', 'x', 'x.y']);
  }
});

test('a . or * in any merged entry (another role too) turns the shortcut off', () => {
  assert.deepEqual(visible(['a?c', 'x.y'], '2.19.4'), ['abc', 'a?c', 'x.y']);
  assert.equal(compileFls([['a?c'], ['x*']], { pluginVersion: '2.19.4' }).isVisible('abc'), true);
  assert.equal(compileFls([['a?c'], ['x']], { pluginVersion: '2.19.4' }).isVisible('abc'), false);
});

test('3.x reads the entries as patterns; an unknown version answers only the fields both readings agree on', () => {
  assert.deepEqual(visible(['a?c'], '3.4.0'), ['abc', 'a?c']);
  assert.deepEqual(visible(['/ab+/'], '3.4.0'), ['ab']);
  for (const version of [undefined, 'not-a-version']) {
    assert.throws(() => visible(['a?c'], version), /pass pluginVersion/);
    const opts = version === undefined ? {} : { pluginVersion: version };
    assert.deepEqual(['a?c', 'x', 'x.y'].filter((f) => isFieldVisible(f, [['a?c']], 'leaf', opts)), ['a?c']);
  }
  assert.equal(flsComparesExactNames(['a?c'], undefined), false);
  assert.equal(flsComparesExactNames([''], '2.19.4'), false);
  assert.equal(flsComparesExactNames(['a?c'], '2.19.4'), true);
});
