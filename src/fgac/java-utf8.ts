/**
 * The JDK's `new String(bytes, UTF_8)` (the encoder is masking.ts javaUtf8Bytes): how the security plugin reads a
 * binary field's bytes (`_id`'s Lucene bytes) as text before a regex mask. Malformed input becomes U+FFFD, but
 * not as the WHATWG decoder (TextDecoder) does: the JDK replaces an encoded surrogate (`ED A0 80`) with one U+FFFD,
 * `ED A0` followed by a non-continuation byte with one, and a truncated sequence at the end with one (checked on
 * 2.19.4 with crafted base64 ids).
 */

const REPL = 0xfffd;
const cont = (b: number | undefined): boolean => b !== undefined && (b & 0xc0) === 0x80;

/** Decodes `bytes` as the JDK's String constructor does with UTF-8 (JDK 17 and 21 agree). */
export function javaUtf8Decode(bytes: Uint8Array): string {
  const out: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b1 = bytes[i++] as number;
    if (b1 < 0x80) out.push(b1);
    else if (b1 >= 0xc2 && b1 <= 0xdf) {
      if (cont(bytes[i])) out.push(((b1 & 0x1f) << 6) | ((bytes[i++] as number) & 0x3f));
      else out.push(REPL);
    } else if (b1 >= 0xe0 && b1 <= 0xef) {
      const b2 = bytes[i];
      // E0 needs A0..BF second (no overlong forms); ED A0..BF (a surrogate) is not refused here
      const bad2 = !cont(b2) || (b1 === 0xe0 && ((b2 as number) & 0xe0) === 0x80);
      if (bad2) out.push(REPL);
      else if (i + 1 >= n) {
        i = n; // a truncated sequence ends the input: one U+FFFD for the rest
        out.push(REPL);
      } else if (!cont(bytes[i + 1])) {
        i += 1;
        out.push(REPL);
      } else {
        const c = ((b1 & 0x0f) << 12) | (((b2 as number) & 0x3f) << 6) | ((bytes[i + 1] as number) & 0x3f);
        i += 2;
        out.push(c >= 0xd800 && c <= 0xdfff ? REPL : c);
      }
    } else if (b1 >= 0xf0 && b1 <= 0xf7) {
      const b2 = bytes[i];
      const bad2 = b1 > 0xf4 || !cont(b2) || (b1 === 0xf0 && (b2 as number) < 0x90) || (b1 === 0xf4 && (b2 as number) > 0x8f);
      if (bad2) out.push(REPL);
      else if (i + 1 >= n) {
        i = n;
        out.push(REPL);
      } else if (!cont(bytes[i + 1])) {
        i += 1;
        out.push(REPL);
      } else if (i + 2 >= n) {
        i = n;
        out.push(REPL);
      } else if (!cont(bytes[i + 2])) {
        i += 2;
        out.push(REPL);
      } else {
        const cp = ((b1 & 0x07) << 18) | (((b2 as number) & 0x3f) << 12) | (((bytes[i + 1] as number) & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f);
        i += 3;
        out.push(((cp - 0x10000) >> 10) | 0xd800, (cp & 0x3ff) | 0xdc00);
      }
    } else out.push(REPL);
  }
  let s = '';
  for (let k = 0; k < out.length; k += 4096) s += String.fromCharCode(...out.slice(k, k + 4096));
  return s;
}
