/**
 * Review 245's two lows (this stop's diff): a `signal` option whose reads throw (an object that only inherits from
 * AbortSignal.prototype, a Proxy whose traps throw) is a ConfigError naming the option, not a raw TypeError; a patch
 * `remove` whose `value` has no JSON form is sent (the plugin ignores a remove's value), as before h242's copy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';
import { checkedOperations } from '../../src/security/index.js';
import { isAbortSignal } from '../../src/client/options-check.js';

const HOSTILE_SIGNALS: Array<[string, () => unknown]> = [
  ['an object inheriting from AbortSignal.prototype', () => Object.create(AbortSignal.prototype)],
  ['a Proxy of a signal whose isExtensible trap throws', () => new Proxy(new AbortController().signal, { isExtensible: () => { throw new Error('trap'); } })],
  ['a Proxy whose getPrototypeOf trap throws', () => new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } })],
];

for (const [label, make] of HOSTILE_SIGNALS) {
  test(`retry.signal as ${label}: a ConfigError naming retry.signal`, () => {
    assert.equal(isAbortSignal(make()), false);
    assert.throws(
      () => createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'none' }, retry: { retries: 0, signal: make() as AbortSignal } }),
      (e: unknown) => e instanceof ConfigError && /^retry\.signal:? (must be an AbortSignal|could not be read)/.test(e.message),
    );
  });
}

test('a real signal, aborted or not, is still accepted; a frozen one that has not aborted is not', () => {
  const open = new AbortController().signal;
  const done = new AbortController();
  done.abort();
  assert.equal(isAbortSignal(open), true);
  assert.equal(isAbortSignal(Object.freeze(done.signal)), true);
  assert.equal(isAbortSignal(Object.freeze(new AbortController().signal)), false);
});

test('a remove whose value has no JSON form is kept, without the value; an add with one is still refused', () => {
  const [op] = checkedOperations([{ op: 'remove', path: '/attributes', value: () => 1 }]);
  assert.deepEqual(op, { op: 'remove', path: '/attributes' });
  assert.throws(() => checkedOperations([{ op: 'add', path: '/attributes', value: { f: () => 1 } }]), ConfigError);
});
