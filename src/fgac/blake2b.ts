/**
 * BLAKE2b (RFC 7693) in plain 32-bit arithmetic (and, where available, with the compression
 * function in WebAssembly, see blake2b-wasm.ts), tuned for the plugin's default field masks:
 * short inputs, a 32-byte digest, a 16-byte salt or personalization, lowercase hex out. The
 * parameter block (digest length, salt, personalization) is folded into an initial state once
 * per salt (`blake2bState`), and strings are UTF-8 encoded (Java-style: a lone surrogate becomes
 * `?`) straight into a reused buffer, so hashing a value allocates only the result string.
 */
import { wasmBlake2b, wasmBlake2bInPlace, type Blake2bInPlace, type Blake2bRunner } from './blake2b-wasm.js';

// 64-bit words are stored as [low, high] 32-bit pairs: word i at 2i (low) and 2i+1 (high).

/** The BLAKE2b IV (the SHA-512 IV) as [low, high] pairs. */
const IV = /* @__PURE__ */ Int32Array.of(
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
);

/** The message schedule of RFC 7693 section 2.7, rounds 0-9 (rounds 10 and 11 reuse 0 and 1), as doubled word indices. */
const SIGMA = /* @__PURE__ */ Uint8Array.from(
  [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
    7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
    9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
    2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
    12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
    13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
    6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
    10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
  ],
  (x) => x * 2,
);

const TWO_32 = 4294967296;

// Message words and chaining state of the hash in progress (hashing is synchronous).
const m = new Int32Array(32);
const h = new Int32Array(16);
/** The last (zero-padded) block. */
const tail = new Uint8Array(128);
/** UTF-8 bytes of the string being hashed, reused up to SCRATCH_MAX bytes: a longer string gets a buffer of its own,
 * dropped after the hash (a long-lived process must not keep 3 bytes per character of the longest value it masked). */
let scratch = new Uint8Array(1024);
const SCRATCH_MAX = 64 * 1024;

/** @internal The byte length of the reused scratch buffer (tests check it stays bounded). */
export function scratchBytes(): number {
  return scratch.length;
}

/**
 * The compression function F on the 128-byte block at `block[off]`, with the byte counter
 * `count`. The 16 words of the working vector live in locals (v0l/v0h ... v15l/v15h, low and
 * high halves); each round applies G to the four columns and the four diagonals. Int32
 * arithmetic throughout: a carry out of a low half is detected by an unsigned comparison, and
 * the rotations by 32, 24, 16 and 63 bits are done on the two halves.
 */
function compress(block: Uint8Array, off: number, count: number, last: boolean): void {
  for (let i = 0; i < 32; i++) {
    const o = off + i * 4;
    m[i] = (block[o] as number) | ((block[o + 1] as number) << 8) | ((block[o + 2] as number) << 16) | ((block[o + 3] as number) << 24);
  }
  let v0l = h[0] as number;
  let v0h = h[1] as number;
  let v1l = h[2] as number;
  let v1h = h[3] as number;
  let v2l = h[4] as number;
  let v2h = h[5] as number;
  let v3l = h[6] as number;
  let v3h = h[7] as number;
  let v4l = h[8] as number;
  let v4h = h[9] as number;
  let v5l = h[10] as number;
  let v5h = h[11] as number;
  let v6l = h[12] as number;
  let v6h = h[13] as number;
  let v7l = h[14] as number;
  let v7h = h[15] as number;
  let v8l = IV[0] as number;
  let v8h = IV[1] as number;
  let v9l = IV[2] as number;
  let v9h = IV[3] as number;
  let v10l = IV[4] as number;
  let v10h = IV[5] as number;
  let v11l = IV[6] as number;
  let v11h = IV[7] as number;
  let v12l = IV[8] as number;
  let v12h = IV[9] as number;
  let v13l = IV[10] as number;
  let v13h = IV[11] as number;
  let v14l = IV[12] as number;
  let v14h = IV[13] as number;
  let v15l = IV[14] as number;
  let v15h = IV[15] as number;
  v12l ^= count;
  v12h ^= Math.floor(count / TWO_32);
  if (last) {
    v14l = ~v14l;
    v14h = ~v14h;
  }
  let t: number;
  let u: number;
  let x: number;
  let y: number;
  for (let r = 0; r < 12; r++) {
    const s = (r % 10) * 16;
    // G(v0, v4, v8, v12) with message words SIGMA[s + 0], SIGMA[s + 1]
    x = SIGMA[s + 0] as number;
    y = SIGMA[s + 1] as number;
    t = (v0l + v4l) | 0; v0h = (v0h + v4h + ((t >>> 0) < (v4l >>> 0) ? 1 : 0)) | 0; v0l = t;
    u = m[x] as number; t = (v0l + u) | 0; v0h = (v0h + (m[x + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v0l = t;
    t = v12l ^ v0l; v12l = v12h ^ v0h; v12h = t;
    t = (v8l + v12l) | 0; v8h = (v8h + v12h + ((t >>> 0) < (v12l >>> 0) ? 1 : 0)) | 0; v8l = t;
    t = v4l ^ v8l; u = v4h ^ v8h; v4l = (t >>> 24) | (u << 8); v4h = (u >>> 24) | (t << 8);
    t = (v0l + v4l) | 0; v0h = (v0h + v4h + ((t >>> 0) < (v4l >>> 0) ? 1 : 0)) | 0; v0l = t;
    u = m[y] as number; t = (v0l + u) | 0; v0h = (v0h + (m[y + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v0l = t;
    t = v12l ^ v0l; u = v12h ^ v0h; v12l = (t >>> 16) | (u << 16); v12h = (u >>> 16) | (t << 16);
    t = (v8l + v12l) | 0; v8h = (v8h + v12h + ((t >>> 0) < (v12l >>> 0) ? 1 : 0)) | 0; v8l = t;
    t = v4l ^ v8l; u = v4h ^ v8h; v4l = (t << 1) | (u >>> 31); v4h = (u << 1) | (t >>> 31);
    // G(v1, v5, v9, v13) with message words SIGMA[s + 2], SIGMA[s + 3]
    x = SIGMA[s + 2] as number;
    y = SIGMA[s + 3] as number;
    t = (v1l + v5l) | 0; v1h = (v1h + v5h + ((t >>> 0) < (v5l >>> 0) ? 1 : 0)) | 0; v1l = t;
    u = m[x] as number; t = (v1l + u) | 0; v1h = (v1h + (m[x + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v1l = t;
    t = v13l ^ v1l; v13l = v13h ^ v1h; v13h = t;
    t = (v9l + v13l) | 0; v9h = (v9h + v13h + ((t >>> 0) < (v13l >>> 0) ? 1 : 0)) | 0; v9l = t;
    t = v5l ^ v9l; u = v5h ^ v9h; v5l = (t >>> 24) | (u << 8); v5h = (u >>> 24) | (t << 8);
    t = (v1l + v5l) | 0; v1h = (v1h + v5h + ((t >>> 0) < (v5l >>> 0) ? 1 : 0)) | 0; v1l = t;
    u = m[y] as number; t = (v1l + u) | 0; v1h = (v1h + (m[y + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v1l = t;
    t = v13l ^ v1l; u = v13h ^ v1h; v13l = (t >>> 16) | (u << 16); v13h = (u >>> 16) | (t << 16);
    t = (v9l + v13l) | 0; v9h = (v9h + v13h + ((t >>> 0) < (v13l >>> 0) ? 1 : 0)) | 0; v9l = t;
    t = v5l ^ v9l; u = v5h ^ v9h; v5l = (t << 1) | (u >>> 31); v5h = (u << 1) | (t >>> 31);
    // G(v2, v6, v10, v14) with message words SIGMA[s + 4], SIGMA[s + 5]
    x = SIGMA[s + 4] as number;
    y = SIGMA[s + 5] as number;
    t = (v2l + v6l) | 0; v2h = (v2h + v6h + ((t >>> 0) < (v6l >>> 0) ? 1 : 0)) | 0; v2l = t;
    u = m[x] as number; t = (v2l + u) | 0; v2h = (v2h + (m[x + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v2l = t;
    t = v14l ^ v2l; v14l = v14h ^ v2h; v14h = t;
    t = (v10l + v14l) | 0; v10h = (v10h + v14h + ((t >>> 0) < (v14l >>> 0) ? 1 : 0)) | 0; v10l = t;
    t = v6l ^ v10l; u = v6h ^ v10h; v6l = (t >>> 24) | (u << 8); v6h = (u >>> 24) | (t << 8);
    t = (v2l + v6l) | 0; v2h = (v2h + v6h + ((t >>> 0) < (v6l >>> 0) ? 1 : 0)) | 0; v2l = t;
    u = m[y] as number; t = (v2l + u) | 0; v2h = (v2h + (m[y + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v2l = t;
    t = v14l ^ v2l; u = v14h ^ v2h; v14l = (t >>> 16) | (u << 16); v14h = (u >>> 16) | (t << 16);
    t = (v10l + v14l) | 0; v10h = (v10h + v14h + ((t >>> 0) < (v14l >>> 0) ? 1 : 0)) | 0; v10l = t;
    t = v6l ^ v10l; u = v6h ^ v10h; v6l = (t << 1) | (u >>> 31); v6h = (u << 1) | (t >>> 31);
    // G(v3, v7, v11, v15) with message words SIGMA[s + 6], SIGMA[s + 7]
    x = SIGMA[s + 6] as number;
    y = SIGMA[s + 7] as number;
    t = (v3l + v7l) | 0; v3h = (v3h + v7h + ((t >>> 0) < (v7l >>> 0) ? 1 : 0)) | 0; v3l = t;
    u = m[x] as number; t = (v3l + u) | 0; v3h = (v3h + (m[x + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v3l = t;
    t = v15l ^ v3l; v15l = v15h ^ v3h; v15h = t;
    t = (v11l + v15l) | 0; v11h = (v11h + v15h + ((t >>> 0) < (v15l >>> 0) ? 1 : 0)) | 0; v11l = t;
    t = v7l ^ v11l; u = v7h ^ v11h; v7l = (t >>> 24) | (u << 8); v7h = (u >>> 24) | (t << 8);
    t = (v3l + v7l) | 0; v3h = (v3h + v7h + ((t >>> 0) < (v7l >>> 0) ? 1 : 0)) | 0; v3l = t;
    u = m[y] as number; t = (v3l + u) | 0; v3h = (v3h + (m[y + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v3l = t;
    t = v15l ^ v3l; u = v15h ^ v3h; v15l = (t >>> 16) | (u << 16); v15h = (u >>> 16) | (t << 16);
    t = (v11l + v15l) | 0; v11h = (v11h + v15h + ((t >>> 0) < (v15l >>> 0) ? 1 : 0)) | 0; v11l = t;
    t = v7l ^ v11l; u = v7h ^ v11h; v7l = (t << 1) | (u >>> 31); v7h = (u << 1) | (t >>> 31);
    // G(v0, v5, v10, v15) with message words SIGMA[s + 8], SIGMA[s + 9]
    x = SIGMA[s + 8] as number;
    y = SIGMA[s + 9] as number;
    t = (v0l + v5l) | 0; v0h = (v0h + v5h + ((t >>> 0) < (v5l >>> 0) ? 1 : 0)) | 0; v0l = t;
    u = m[x] as number; t = (v0l + u) | 0; v0h = (v0h + (m[x + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v0l = t;
    t = v15l ^ v0l; v15l = v15h ^ v0h; v15h = t;
    t = (v10l + v15l) | 0; v10h = (v10h + v15h + ((t >>> 0) < (v15l >>> 0) ? 1 : 0)) | 0; v10l = t;
    t = v5l ^ v10l; u = v5h ^ v10h; v5l = (t >>> 24) | (u << 8); v5h = (u >>> 24) | (t << 8);
    t = (v0l + v5l) | 0; v0h = (v0h + v5h + ((t >>> 0) < (v5l >>> 0) ? 1 : 0)) | 0; v0l = t;
    u = m[y] as number; t = (v0l + u) | 0; v0h = (v0h + (m[y + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v0l = t;
    t = v15l ^ v0l; u = v15h ^ v0h; v15l = (t >>> 16) | (u << 16); v15h = (u >>> 16) | (t << 16);
    t = (v10l + v15l) | 0; v10h = (v10h + v15h + ((t >>> 0) < (v15l >>> 0) ? 1 : 0)) | 0; v10l = t;
    t = v5l ^ v10l; u = v5h ^ v10h; v5l = (t << 1) | (u >>> 31); v5h = (u << 1) | (t >>> 31);
    // G(v1, v6, v11, v12) with message words SIGMA[s + 10], SIGMA[s + 11]
    x = SIGMA[s + 10] as number;
    y = SIGMA[s + 11] as number;
    t = (v1l + v6l) | 0; v1h = (v1h + v6h + ((t >>> 0) < (v6l >>> 0) ? 1 : 0)) | 0; v1l = t;
    u = m[x] as number; t = (v1l + u) | 0; v1h = (v1h + (m[x + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v1l = t;
    t = v12l ^ v1l; v12l = v12h ^ v1h; v12h = t;
    t = (v11l + v12l) | 0; v11h = (v11h + v12h + ((t >>> 0) < (v12l >>> 0) ? 1 : 0)) | 0; v11l = t;
    t = v6l ^ v11l; u = v6h ^ v11h; v6l = (t >>> 24) | (u << 8); v6h = (u >>> 24) | (t << 8);
    t = (v1l + v6l) | 0; v1h = (v1h + v6h + ((t >>> 0) < (v6l >>> 0) ? 1 : 0)) | 0; v1l = t;
    u = m[y] as number; t = (v1l + u) | 0; v1h = (v1h + (m[y + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v1l = t;
    t = v12l ^ v1l; u = v12h ^ v1h; v12l = (t >>> 16) | (u << 16); v12h = (u >>> 16) | (t << 16);
    t = (v11l + v12l) | 0; v11h = (v11h + v12h + ((t >>> 0) < (v12l >>> 0) ? 1 : 0)) | 0; v11l = t;
    t = v6l ^ v11l; u = v6h ^ v11h; v6l = (t << 1) | (u >>> 31); v6h = (u << 1) | (t >>> 31);
    // G(v2, v7, v8, v13) with message words SIGMA[s + 12], SIGMA[s + 13]
    x = SIGMA[s + 12] as number;
    y = SIGMA[s + 13] as number;
    t = (v2l + v7l) | 0; v2h = (v2h + v7h + ((t >>> 0) < (v7l >>> 0) ? 1 : 0)) | 0; v2l = t;
    u = m[x] as number; t = (v2l + u) | 0; v2h = (v2h + (m[x + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v2l = t;
    t = v13l ^ v2l; v13l = v13h ^ v2h; v13h = t;
    t = (v8l + v13l) | 0; v8h = (v8h + v13h + ((t >>> 0) < (v13l >>> 0) ? 1 : 0)) | 0; v8l = t;
    t = v7l ^ v8l; u = v7h ^ v8h; v7l = (t >>> 24) | (u << 8); v7h = (u >>> 24) | (t << 8);
    t = (v2l + v7l) | 0; v2h = (v2h + v7h + ((t >>> 0) < (v7l >>> 0) ? 1 : 0)) | 0; v2l = t;
    u = m[y] as number; t = (v2l + u) | 0; v2h = (v2h + (m[y + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v2l = t;
    t = v13l ^ v2l; u = v13h ^ v2h; v13l = (t >>> 16) | (u << 16); v13h = (u >>> 16) | (t << 16);
    t = (v8l + v13l) | 0; v8h = (v8h + v13h + ((t >>> 0) < (v13l >>> 0) ? 1 : 0)) | 0; v8l = t;
    t = v7l ^ v8l; u = v7h ^ v8h; v7l = (t << 1) | (u >>> 31); v7h = (u << 1) | (t >>> 31);
    // G(v3, v4, v9, v14) with message words SIGMA[s + 14], SIGMA[s + 15]
    x = SIGMA[s + 14] as number;
    y = SIGMA[s + 15] as number;
    t = (v3l + v4l) | 0; v3h = (v3h + v4h + ((t >>> 0) < (v4l >>> 0) ? 1 : 0)) | 0; v3l = t;
    u = m[x] as number; t = (v3l + u) | 0; v3h = (v3h + (m[x + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v3l = t;
    t = v14l ^ v3l; v14l = v14h ^ v3h; v14h = t;
    t = (v9l + v14l) | 0; v9h = (v9h + v14h + ((t >>> 0) < (v14l >>> 0) ? 1 : 0)) | 0; v9l = t;
    t = v4l ^ v9l; u = v4h ^ v9h; v4l = (t >>> 24) | (u << 8); v4h = (u >>> 24) | (t << 8);
    t = (v3l + v4l) | 0; v3h = (v3h + v4h + ((t >>> 0) < (v4l >>> 0) ? 1 : 0)) | 0; v3l = t;
    u = m[y] as number; t = (v3l + u) | 0; v3h = (v3h + (m[y + 1] as number) + ((t >>> 0) < (u >>> 0) ? 1 : 0)) | 0; v3l = t;
    t = v14l ^ v3l; u = v14h ^ v3h; v14l = (t >>> 16) | (u << 16); v14h = (u >>> 16) | (t << 16);
    t = (v9l + v14l) | 0; v9h = (v9h + v14h + ((t >>> 0) < (v14l >>> 0) ? 1 : 0)) | 0; v9l = t;
    t = v4l ^ v9l; u = v4h ^ v9h; v4l = (t << 1) | (u >>> 31); v4h = (u << 1) | (t >>> 31);
  }
  h[0] = (h[0] as number) ^ v0l ^ v8l;
  h[1] = (h[1] as number) ^ v0h ^ v8h;
  h[2] = (h[2] as number) ^ v1l ^ v9l;
  h[3] = (h[3] as number) ^ v1h ^ v9h;
  h[4] = (h[4] as number) ^ v2l ^ v10l;
  h[5] = (h[5] as number) ^ v2h ^ v10h;
  h[6] = (h[6] as number) ^ v3l ^ v11l;
  h[7] = (h[7] as number) ^ v3h ^ v11h;
  h[8] = (h[8] as number) ^ v4l ^ v12l;
  h[9] = (h[9] as number) ^ v4h ^ v12h;
  h[10] = (h[10] as number) ^ v5l ^ v13l;
  h[11] = (h[11] as number) ^ v5h ^ v13h;
  h[12] = (h[12] as number) ^ v6l ^ v14l;
  h[13] = (h[13] as number) ^ v6h ^ v14h;
  h[14] = (h[14] as number) ^ v7l ^ v15l;
  h[15] = (h[15] as number) ^ v7h ^ v15h;
}

/**
 * The initial chaining state for an unkeyed BLAKE2b with a `dkLen`-byte digest (1-64) and an
 * optional 16-byte salt and personalization (shorter values are zero-padded, as in RFC 7693).
 */
export function blake2bState(dkLen: number, salt?: Uint8Array, personalization?: Uint8Array): Int32Array {
  if (!Number.isInteger(dkLen) || dkLen < 1 || dkLen > 64) throw new RangeError(`BLAKE2b digest length must be 1-64 bytes, got ${dkLen}`);
  if ((salt?.length ?? 0) > 16 || (personalization?.length ?? 0) > 16) throw new RangeError('BLAKE2b salt and personalization are at most 16 bytes');
  const p = new Uint8Array(64);
  p[0] = dkLen;
  p[2] = 1; // fanout
  p[3] = 1; // depth
  if (salt) p.set(salt, 32);
  if (personalization) p.set(personalization, 48);
  const state = new Int32Array(16);
  for (let i = 0; i < 16; i++) {
    const o = i * 4;
    const word = ((p[o] as number) | ((p[o + 1] as number) << 8) | ((p[o + 2] as number) << 16) | ((p[o + 3] as number) << 24)) | 0;
    state[i] = ((IV[i] as number) ^ word) | 0;
  }
  return state;
}

let engine: Blake2bRunner | null | undefined;

/** Runs BLAKE2b from `state` over `len` bytes of `data`; the digest is left in `h`. WebAssembly when available. */
function run(state: Int32Array, data: Uint8Array, len: number): void {
  if (engine === undefined) engine = wasmBlake2b() ?? null;
  if (engine !== null) engine(state, data, len, h);
  else runJs(state, data, len);
}

/** run() in JavaScript only. */
function runJs(state: Int32Array, data: Uint8Array, len: number): void {
  h.set(state);
  let off = 0;
  while (len - off > 128) {
    compress(data, off, off + 128, false);
    off += 128;
  }
  tail.fill(0);
  tail.set(data.subarray(off, len));
  compress(tail, 0, len, true);
}

const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** `h` as bytes: on a little-endian host these are the digest bytes in order. */
const hBytes = /* @__PURE__ */ Buffer.from(h.buffer, h.byteOffset, h.byteLength);
const LITTLE_ENDIAN = /* @__PURE__ */ new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The first `dkLen` bytes of the digest in `h`, as lowercase hex (one flat string, encoded natively where possible). */
function hexOf(dkLen: number): string {
  if (LITTLE_ENDIAN) return hBytes.toString('hex', 0, dkLen);
  let s = '';
  for (let i = 0; i < dkLen; i++) s += HEX[((h[i >> 2] as number) >>> ((i & 3) * 8)) & 0xff] as string;
  return s;
}

/** BLAKE2b of `data` from an initial state (see `blake2bState`), as `dkLen` bytes. */
export function blake2bBytes(state: Int32Array, data: Uint8Array, dkLen: number): Uint8Array {
  run(state, data, data.length);
  return digestBytes(dkLen);
}

/** blake2bBytes computed in JavaScript only (the fallback where WebAssembly is unavailable; tests compare the two). */
export function blake2bBytesJs(state: Int32Array, data: Uint8Array, dkLen: number): Uint8Array {
  runJs(state, data, data.length);
  return digestBytes(dkLen);
}

function digestBytes(dkLen: number): Uint8Array {
  const out = new Uint8Array(dkLen);
  for (let i = 0; i < dkLen; i++) out[i] = ((h[i >> 2] as number) >>> ((i & 3) * 8)) & 0xff;
  return out;
}

/**
 * Encodes `s` as UTF-8 the way Java's `String.getBytes(UTF_8)` does (a lone surrogate becomes
 * `?`) into `out` from byte `at` (room for 3 bytes per UTF-16 unit is the caller's); returns the end.
 */
function encodeJavaUtf8Into(s: string, out: Uint8Array, at: number): number {
  const n = s.length;
  let j = at;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[j++] = c;
    } else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out[j++] = 0xf0 | (cp >> 18);
        out[j++] = 0x80 | ((cp >> 12) & 0x3f);
        out[j++] = 0x80 | ((cp >> 6) & 0x3f);
        out[j++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        out[j++] = 0x3f; // '?'
      }
    } else {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    }
  }
  return j;
}

/** The Java UTF-8 bytes of `s` (at most SCRATCH_MAX / 3 characters) in the shared scratch buffer; returns the byte length. */
function encodeJavaUtf8(s: string): number {
  const need = s.length * 3;
  if (scratch.length < need) scratch = new Uint8Array(Math.min(SCRATCH_MAX, Math.max(need, scratch.length * 2)));
  return encodeJavaUtf8Into(s, scratch, 0);
}

let wasmInPlace: Blake2bInPlace | null | undefined;
let wasmDigest: Buffer | undefined;

/**
 * Hashes the Java UTF-8 bytes of `value` encoded straight into the WebAssembly memory (no copy,
 * no view allocated); returns the digest's bytes (a Buffer over that memory, valid until the next
 * hash), or undefined when WebAssembly is unavailable or the value does not fit.
 */
function hashStringInPlace(state: Int32Array, value: string): Buffer | undefined {
  if (wasmInPlace === undefined) {
    wasmInPlace = (engine !== null ? wasmBlake2bInPlace() : undefined) ?? null;
    if (wasmInPlace !== null) wasmDigest = Buffer.from(wasmInPlace.memory.buffer, wasmInPlace.memory.byteOffset, 64);
  }
  const w = wasmInPlace;
  if (w === null || value.length * 3 > w.capacity) return undefined;
  const len = encodeJavaUtf8Into(value, w.memory, w.offset) - w.offset;
  w.hashInPlace(state, len);
  return wasmDigest;
}

/** BLAKE2b of the Java UTF-8 bytes of `value` from an initial state, as `dkLen` bytes of lowercase hex. */
export function blake2bHexOfString(state: Int32Array, value: string, dkLen: number): string {
  const digest = hashStringInPlace(state, value);
  if (digest !== undefined) return digest.toString('hex', 0, dkLen);
  if (value.length * 3 > SCRATCH_MAX) {
    const bytes = new Uint8Array(value.length * 3);
    run(state, bytes, encodeJavaUtf8Into(value, bytes, 0));
  } else {
    // (encoded first: encoding may replace `scratch`)
    const len = encodeJavaUtf8(value);
    run(state, scratch, len);
  }
  return hexOf(dkLen);
}

/** The two lowercase hex digits of each byte value as one number: the first digit's code | the second's << 16. */
const HEX_PAIR = /* @__PURE__ */ Int32Array.from({ length: 256 }, (_, b) => '0123456789abcdef'.charCodeAt(b >> 4) | ('0123456789abcdef'.charCodeAt(b & 15) << 16));

/**
 * Whether `hex` is exactly `blake2bHexOfString(state, value, dkLen)`, compared digit by digit
 * against the digest bytes (no hex string is made for a match).
 */
export function blake2bHexEquals(state: Int32Array, value: string, dkLen: number, hex: string): boolean {
  if (hex.length !== dkLen * 2) return false;
  const digest = hashStringInPlace(state, value);
  if (digest === undefined) return blake2bHexOfString(state, value, dkLen) === hex;
  // two UTF-16 units in one comparison (16 bits each, so no other pair of units gives the same number)
  for (let i = 0; i < dkLen; i++) {
    if ((hex.charCodeAt(2 * i) | (hex.charCodeAt(2 * i + 1) << 16)) !== HEX_PAIR[digest[i] as number]) return false;
  }
  return true;
}
