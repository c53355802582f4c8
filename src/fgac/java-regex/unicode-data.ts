/**
 * Where `\p{..}` answers depend on the Unicode version: JavaScript's tables (Node's) against the JDK's
 * (JDK 17: Unicode 13, JDK 21+: 15 and later). A pattern reading them is declined on input holding a
 * code point whose data differs (the generated UNICODE_DELTA), rather than answered with Node's data.
 */
import { UnsupportedJavaRegexError } from '../errors.js';
import { DELTA_UNICODE_VERSION, UNICODE_DELTA } from './unicode-delta.js';

let delta: Array<[number, number]> | undefined;

function deltaRanges(): Array<[number, number]> {
  delta ??= UNICODE_DELTA.flatMap((line) => line.split(' ')).map((r) => {
    const [lo, hi = lo] = r.split('-');
    return [parseInt(lo as string, 16), parseInt(hi as string, 16)];
  });
  return delta;
}

const version = (v: string): number => {
  const [major = 0, minor = 0] = v.split('.').map(Number);
  return major * 1000 + minor;
};

/** Whether this JavaScript engine's Unicode is newer than the one the table was made with (its changes are not listed). */
const newerEngine = version(process.versions.unicode ?? DELTA_UNICODE_VERSION) > version(DELTA_UNICODE_VERSION);

function inDelta(c: number): boolean {
  const rs = deltaRanges();
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = rs[mid] as [number, number];
    if (c < a) hi = mid - 1;
    else if (c > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Throws UnsupportedJavaRegexError when `input` holds a code point whose Unicode data the JDK and JavaScript disagree on. */
export function refuseUnicodeDelta(source: string, input: string): void {
  for (const ch of input) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x295) continue;
    if (newerEngine || inDelta(c)) {
      throw new UnsupportedJavaRegexError('Unicode property on a character the JDK classifies differently', source,
        `U+${c.toString(16).toUpperCase().padStart(4, '0')}: JavaScript's Unicode ${process.versions.unicode} tables and the JDK's (17: Unicode 13, 21+: 15 or later) differ on it`);
    }
  }
}
