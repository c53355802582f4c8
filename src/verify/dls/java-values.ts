/**
 * Query and document values as the node's Java code reads them where JavaScript reads them otherwise: a JSON
 * number's text (Jackson gives a Long or a Double, compared by its toString), a `long` string (BigDecimal,
 * truncated), a `float` (Float.parseFloat rounds once; Math.fround(Number(s)) twice).
 */
import type { JsonNumber } from '../../fgac/json.js';

/** A JSON integer (what Jackson reads as an int, long or BigInteger). */
const JSON_INTEGER = /^-?\d+$/;

/** The text the node compares for a JSON number on a keyword/text/_id field (integer digits, `-0` as "0"; a decimal only when its text is Double.toString's: `1e1` is "10.0", then undefined). */
export function javaNumberText(n: JsonNumber): string | undefined {
  if (JSON_INTEGER.test(n.raw)) return BigInt(n.raw).toString();
  // In computerized notation (below 1e-3, from 1e7) JDK 17's Double.toString is not always the shortest (a 2.x node
  // may run on it: 1.0E23 prints as 9.999999999999999E22); in plain notation JDK 17 and 25 agreed on 1.1 million
  // random decimals of 1-17 digits (stop 48)
  const a = Math.abs(n.value);
  if (a !== 0 && !(a >= 1e-3 && a < 1e7)) return undefined;
  return n.raw === javaDoubleString(n.value) ? n.raw : undefined;
}

/** Double.toString (JDK 19+: the shortest decimal that reads back, at least two digits), for a finite number. */
export function javaDoubleString(d: number): string | undefined {
  if (!Number.isFinite(d)) return undefined;
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const a = Math.abs(d);
  // shortest digits; with one digit only, Java takes the closest two-digit decimal
  let [mant, exp] = a.toExponential().split('e') as [string, string];
  if (!mant.includes('.')) [mant, exp] = a.toExponential(1).split('e') as [string, string];
  const digits = mant.replace('.', '').replace(/0+$/, '') || '0';
  const e = Number(exp);
  if (a >= 1e-3 && a < 1e7) {
    if (e >= 0) return `${sign}${digits.slice(0, e + 1).padEnd(e + 1, '0')}.${digits.slice(e + 1) || '0'}`;
    return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  }
  return `${sign}${digits[0] as string}.${digits.slice(1) || '0'}E${e}`;
}

/** A plain decimal as BigDecimal reads it. */
const DECIMAL_PARTS = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal string's integer part, truncated toward zero as BigDecimal.toBigInteger (a `long` given as a string); undefined for forms not read here. */
export function truncatedDecimal(text: string): bigint | undefined {
  const m = DECIMAL_PARTS.exec(text);
  if (m === null) return undefined;
  const [, sign, int = '', frac = '', expText = '0'] = m;
  if (int === '' && frac === '') return undefined;
  if (expText.replace(/^[+-]?0*/, '').length > 9) return undefined;
  const digits = `${int}${frac}`.replace(/^0+/, '');
  if (digits === '') return 0n;
  // value = digits * 10^(exp - frac.length)
  const shift = Number(expText) - frac.length;
  let big: bigint;
  if (shift >= 0) {
    // beyond 10^40 no long is reached: cap the power (the caller range-checks)
    big = BigInt(digits) * 10n ** BigInt(Math.min(shift, 40));
  } else {
    const drop = -shift;
    big = drop >= digits.length ? 0n : BigInt(digits.slice(0, digits.length - drop));
  }
  return sign === '-' ? -big : big;
}

/** The smallest and largest long. */
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

/** A `long` query value given as a string: when its double has no fraction, BigDecimal's truncation ("2.9999999999999999999" is 2); undefined if not read here. */
export function longQueryNumber(text: string): number | undefined {
  const n = Number(text);
  if (!Number.isInteger(n)) return n;
  const big = truncatedDecimal(text);
  return big === undefined ? undefined : Number(big);
}

/** A numeric query value given as a string, as the node reads it for a field of `numType` (a long: BigDecimal, truncated); NaN when not read. */
export function stringQueryNumber(text: string, numType: string): number {
  return numType === 'long' ? longQueryNumber(text) ?? NaN : Number(text);
}

/** Whether `d` lies halfway between two floats in a field of `numType` (float, or a number of unknown width) read as a float. */
export function floatTieIn(numType: string, d: number): boolean {
  return (numType === 'float' || numType === 'number') && isFloatTie(d);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Whether a double lies exactly halfway between two floats (Math.fround rounds it again; Float.parseFloat of its text rounds once, either way). */
export function isFloatTie(d: number): boolean {
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(f)) return false;
  f32[0] = f;
  // the neighbouring float on d's side of f
  const awayFromZero = Math.abs(d) > Math.abs(f);
  if (f === 0) return Math.abs(d) === 2 ** -150;
  u32[0] = awayFromZero ? (u32[0] as number) + 1 : (u32[0] as number) - 1;
  const g = f32[0] as number;
  return d === (f + g) / 2;
}
