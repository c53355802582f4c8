/**
 * The default-mask hash's fast paths (src/fgac/blake2b.ts, blake2b-wasm.ts): blake2bHexEquals compares two UTF-16
 * units of the mask at a time, so a unit carrying another digit's bits is still refused; the WebAssembly memory holds
 * the message schedule at its end, so messages encoded in place stop before it (longer ones take the copying path)
 * and hash right on either side of that limit, and every hash after them is still right.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';
import { blake2bHexEquals, blake2bHexOfString, blake2bState } from '../../src/fgac/blake2b.js';
import { wasmBlake2bInPlace } from '../../src/fgac/blake2b-wasm.js';
import { javaUtf8Bytes } from '../../src/fgac/masking.js';

const reference = (s: string, key: Uint8Array): string => Buffer.from(blake2b(javaUtf8Bytes(s), { dkLen: 32, personalization: key })).toString('hex');

describe('BLAKE2b fast paths', () => {
  test('blake2bHexEquals refuses a digit replaced by a unit holding it and its neighbour in other bits', () => {
    const key = randomBytes(16);
    const state = blake2bState(32, undefined, key);
    for (const s of ['Zurich Airport 7', 'x', '€uro']) {
      const mask = blake2bHexOfString(state, s, 32);
      assert.equal(blake2bHexEquals(state, s, 32, mask), true);
      for (let i = 0; i < 32; i++) {
        const c0 = mask.charCodeAt(2 * i);
        const c1 = mask.charCodeAt(2 * i + 1);
        // packed 8 bits apart these units would read as the right pair
        for (const unit of [c0 | (c1 << 8), c0 | 0xff00, c0 + 0x100]) {
          const forged = mask.slice(0, 2 * i) + String.fromCharCode(unit & 0xffff) + mask.slice(2 * i + 1);
          assert.equal(blake2bHexEquals(state, s, 32, forged), false, `${JSON.stringify(s)} digit ${2 * i} as U+${(unit & 0xffff).toString(16)}`);
        }
        const second = mask.slice(0, 2 * i + 1) + String.fromCharCode(c1 | 0x3000) + mask.slice(2 * i + 2);
        assert.equal(blake2bHexEquals(state, s, 32, second), false, `${JSON.stringify(s)} digit ${2 * i + 1}`);
      }
    }
  });

  test('long strings hash right on both sides of the in-place limit, and the hashes after them too', () => {
    const key = randomBytes(16);
    const state = blake2bState(32, undefined, key);
    const short = 'Tokyo Haneda 12';
    const capacity = wasmBlake2bInPlace()?.capacity;
    assert.ok(capacity !== undefined && capacity <= 65_536 - 64 - 192, 'the schedule lies beyond the in-place messages');
    // 3 bytes of room per UTF-16 unit: units up to capacity / 3 are encoded in place; the page ends at 21 824
    const limit = Math.floor(capacity / 3);
    for (const n of [limit - 40, limit, limit + 1, limit + 2, 21_760, 21_800, 21_824, 21_850]) {
      for (const unit of ['a', '€']) {
        const s = unit.repeat(n);
        const expected = reference(s, key);
        assert.equal(blake2bHexOfString(state, s, 32), expected, `${n} x ${unit}`);
        assert.equal(blake2bHexEquals(state, s, 32, expected), true, `${n} x ${unit} (equals)`);
        assert.equal(blake2bHexOfString(state, short, 32), reference(short, key), `after ${n} x ${unit}`);
      }
    }
  });
});
