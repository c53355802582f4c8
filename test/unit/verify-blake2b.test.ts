/**
 * The BLAKE2b used for default masks (src/fgac/blake2b.ts): the WebAssembly and the JavaScript
 * compression functions agree with @noble/hashes for every length around the block boundaries,
 * every digest length the digests use, with and without salt and personalization; strings hash
 * as their Java UTF-8 bytes (lone surrogates as `?`).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';
import { blake2bBytes, blake2bBytesJs, blake2bHexEquals, blake2bHexOfString, blake2bState } from '../../src/fgac/blake2b.js';
import { wasmBlake2b } from '../../src/fgac/blake2b-wasm.js';
import { javaUtf8Bytes } from '../../src/fgac/masking.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('BLAKE2b', () => {
  test('WebAssembly is used on this platform (the fast path is the one tested)', () => {
    assert.equal(typeof wasmBlake2b(), 'function');
  });

  test('WebAssembly, JavaScript and @noble/hashes agree (lengths 0-400, digest lengths, salt, personalization)', () => {
    let cases = 0;
    for (let len = 0; len <= 400; len += len < 260 ? 1 : 7) {
      for (const dkLen of [20, 32, 48, 64]) {
        const data = randomBytes(len);
        const salt = randomBytes(16);
        const personalization = randomBytes(16);
        for (const [s, p] of [[undefined, undefined], [salt, undefined], [undefined, personalization], [salt, personalization]] as const) {
          const expected = hex(blake2b(data, { dkLen, ...(s ? { salt: s } : {}), ...(p ? { personalization: p } : {}) }));
          const state = blake2bState(dkLen, s, p);
          assert.equal(hex(blake2bBytes(state, data, dkLen)), expected, `len ${len} dkLen ${dkLen}`);
          assert.equal(hex(blake2bBytesJs(state, data, dkLen)), expected, `len ${len} dkLen ${dkLen} (JavaScript)`);
          cases++;
        }
      }
    }
    assert.ok(cases > 1000);
  });

  test('blake2bHexEquals: true exactly for the lowercase hex of the digest', () => {
    const state = blake2bState(32, undefined, randomBytes(16));
    for (const s of ['', 'Zurich Airport 1', '€'.repeat(60), 'a'.repeat(300)]) {
      const mask = blake2bHexOfString(state, s, 32);
      assert.equal(blake2bHexEquals(state, s, 32, mask), true, JSON.stringify(s));
      assert.equal(blake2bHexEquals(state, `${s}.`, 32, mask), false);
      assert.equal(blake2bHexEquals(state, s, 32, mask.slice(0, 63)), false);
      assert.equal(blake2bHexEquals(state, s, 32, `${mask}0`), false);
      if (/[a-f]/.test(mask)) assert.equal(blake2bHexEquals(state, s, 32, mask.toUpperCase()), false);
      for (const at of [0, 1, 31, 62, 63]) {
        for (const c of ['0', '9', 'a', 'f', 'g', 'F', '\u0130', '\u0161']) {
          const other = mask.slice(0, at) + c + mask.slice(at + 1);
          assert.equal(blake2bHexEquals(state, s, 32, other), other === mask, `${JSON.stringify(s)} ${at} ${c}`);
        }
      }
    }
  });

  test('strings hash as their Java UTF-8 bytes', () => {
    const key = randomBytes(16);
    const state = blake2bState(32, undefined, key);
    const strings = ['', 'foobar', 'é', '€', '😀', '\ud800', 'x\udc00y', '\ud800\ud800\udc00', `${'a'.repeat(200)}😀\udfff`];
    for (let i = 0; i < 300; i++) strings.push(Array.from({ length: i % 150 }, () => String.fromCharCode(Math.floor(Math.random() * 0x10000))).join(''));
    for (const s of strings) {
      assert.equal(blake2bHexOfString(state, s, 32), hex(blake2b(javaUtf8Bytes(s), { dkLen: 32, personalization: key })), JSON.stringify(s));
    }
  });

  test('bad parameters are refused', () => {
    assert.throws(() => blake2bState(0), RangeError);
    assert.throws(() => blake2bState(65), RangeError);
    assert.throws(() => blake2bState(32, new Uint8Array(17)), RangeError);
  });
});
