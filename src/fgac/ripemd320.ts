/**
 * RIPEMD-320 (Dobbertin, Bosselaers, Preneel): RIPEMD-160's two lines kept apart, one register swapped
 * between them after each round, all ten registers output. Bouncy Castle offers it as `RIPEMD320`, so the
 * 2.x plugin and 3.4.0.0 (Bouncy Castle FIPS) accept `field::RIPEMD320`; no Node.js or noble build has it.
 */

const R_LEFT = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
  3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
  4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
];
const R_RIGHT = [
  5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
  15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
  12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
];
const S_LEFT = [
  11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
  11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
  9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
];
const S_RIGHT = [
  8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
  9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
  8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
];
const K_LEFT = [0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e];
const K_RIGHT = [0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0x00000000];
const INIT = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0, 0x76543210, 0xfedcba98, 0x89abcdef, 0x01234567, 0x3c2d1e0f];

const rol = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
function f(j: number, x: number, y: number, z: number): number {
  switch (j) {
    case 0: return (x ^ y ^ z) >>> 0;
    case 1: return ((x & y) | (~x & z)) >>> 0;
    case 2: return ((x | ~y) ^ z) >>> 0;
    case 3: return ((x & z) | (y & ~z)) >>> 0;
    default: return (x ^ (y | ~z)) >>> 0;
  }
}

/** One 64-byte block into the ten registers `h`. */
function compress(h: number[], x: Uint32Array): void {
  // Registers: left line a..e at 0..4, right line at 5..9.
  const v = h.slice();
  for (let j = 0; j < 5; j++) {
    for (let i = 16 * j; i < 16 * j + 16; i++) {
      for (const side of [0, 5]) {
        const left = side === 0;
        const [a, b, c, d, e] = [v[side] as number, v[side + 1] as number, v[side + 2] as number, v[side + 3] as number, v[side + 4] as number];
        const fn = f(left ? j : 4 - j, b, c, d);
        const word = x[(left ? R_LEFT : R_RIGHT)[i] as number] as number;
        const t = (rol((a + fn + word + ((left ? K_LEFT : K_RIGHT)[j] as number)) >>> 0, (left ? S_LEFT : S_RIGHT)[i] as number) + e) >>> 0;
        v[side] = e;
        v[side + 4] = d;
        v[side + 3] = rol(c, 10);
        v[side + 2] = b;
        v[side + 1] = t;
      }
    }
    // After round j the lines exchange register B, D, A, C, E in turn.
    const k = [1, 3, 0, 2, 4][j] as number;
    [v[k], v[k + 5]] = [v[k + 5] as number, v[k] as number];
  }
  for (let k = 0; k < 10; k++) h[k] = ((h[k] as number) + (v[k] as number)) >>> 0;
}

/** RIPEMD-320 of the bytes (40 bytes). */
export function ripemd320(data: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  view.setUint32(padded.length - 8, bits >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bits / 0x100000000), true);
  const h = INIT.slice();
  const block = new Uint32Array(16);
  for (let off = 0; off < padded.length; off += 64) {
    for (let w = 0; w < 16; w++) block[w] = view.getUint32(off + w * 4, true);
    compress(h, block);
  }
  const out = new Uint8Array(40);
  const outView = new DataView(out.buffer);
  h.forEach((word, k) => outView.setUint32(k * 4, word, true));
  return out;
}
