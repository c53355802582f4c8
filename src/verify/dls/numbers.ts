/** Numeric field values as OpenSearch's NumberFieldMapper parses them (Java, not JavaScript, number syntax). */
import type { FieldTypeInfo } from './types.js';
import { opt, table } from '../../errors/own.js';
import { LONG_MAX, LONG_MIN, truncatedDecimal } from './java-values.js';

/** Integer field types and their ranges (byte, short and integer are range-checked after parsing). */
const INT_RANGES: Readonly<Record<string, readonly [number, number]>> = table({
  byte: [-128, 127], short: [-32768, 32767], integer: [-2147483648, 2147483647], long: [-(2 ** 63), 2 ** 63],
});

/** What the node does with one value of a numeric field: indexes a number, indexes nothing, or (unknown) why not. */
export type NumericParse = { value: number } | { skip: true } | { doubt: string };

/** A plain decimal (BigDecimal and Double.parseDouble read it the same way). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Anything else Double.parseDouble reads: NaN, Infinity, hex floats, f/d suffixes. */
const JAVA_DOUBLE_EXTRA = /^[+-]?(?:NaN|Infinity|0[xX](?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[fFdD])$/;

/**
 * One value of a numeric field as the node indexes it. `""` is null to the node (no value); a string is read
 * with Java's syntax: `long` by Long.parseLong / BigDecimal (no white space, no hex), the other types by
 * Double.parseDouble (which trims ASCII control characters and spaces); byte, short and integer must be in
 * range, float and double finite. A value the node rejects is not indexed under `ignore_malformed` (the
 * document could not have been indexed otherwise), else unknown; forms JavaScript cannot read as Java does
 * are unknown.
 */
export function parseNumeric(v: unknown, type: string, info: FieldTypeInfo | undefined): NumericParse {
  const malformed = (why: string): NumericParse => ((info === undefined ? undefined : opt(info, 'ignoreMalformed')) === true
    ? { skip: true }
    : { doubt: `${why}: the node indexes a document with it only under ignore_malformed (not indexed) or from a mapping other than the one given` });
  let n: number;
  const coerce = info === undefined ? undefined : opt(info, 'coerce');
  if (typeof v === 'string') {
    if (v === '') return coerce === false ? malformed('"" in a numeric field with coerce: false') : { skip: true };
    if (coerce === false) return malformed(`string ${JSON.stringify(v)} in a numeric field with coerce: false`);
    const text = type === 'long' ? v : javaTrim(v);
    if (type === 'long' && DECIMAL.test(text)) return longString(text, malformed);
    if (DECIMAL.test(text)) n = Number(text);
    else if (type !== 'long' && JAVA_DOUBLE_EXTRA.test(text)) return { doubt: `numeric value ${JSON.stringify(v)} (Java number syntax)` };
    else return malformed(`${type} value ${JSON.stringify(v)} is not a number to the node`);
  } else if (typeof v === 'number') {
    n = v;
  } else if (typeof v === 'boolean') {
    return malformed(`${type} value ${String(v)} is a boolean`);
  } else {
    return { doubt: `numeric value ${String(v)}` };
  }
  const range = INT_RANGES[type];
  if (range !== undefined) {
    // Jackson's (or Double.parseDouble's) value is range-checked as an int (a long), then truncated; byte and short
    // check the truncated int (32767.5 is a short 32767)
    if (!Number.isInteger(n) && coerce === false) return malformed(`${type} value ${String(v)} has a decimal part (coerce: false)`);
    if (type === 'long' && Math.abs(n) === 2 ** 63) return { doubt: `long value ${String(v)} is at 2^63 in JavaScript: its JSON text decides whether it is in range` };
    // (a short given as a string is read by shortValue: its double is range-checked as a short)
    const outer = type === 'long' || (type === 'short' && typeof v === 'string') ? range : INT_RANGES.integer as readonly [number, number];
    if (n < outer[0] || n > outer[1] || (type === 'long' && n === outer[1])) return malformed(`${type} value ${String(v)} is out of range`);
    n = Math.trunc(n);
    if (n < range[0] || n > range[1]) return malformed(`${type} value ${String(v)} is out of range`);
  }
  if (type === 'float' && !Number.isFinite(Math.fround(n))) return malformed(`float value ${String(v)} is not finite`);
  if (!Number.isFinite(n)) return malformed(`value ${String(v)} is not finite`);
  return { value: n };
}

/** A `long` given as a decimal string: Long.parseLong, else BigDecimal truncated toward zero, in the long range. */
function longString(text: string, malformed: (why: string) => NumericParse): NumericParse {
  const big = truncatedDecimal(text);
  if (big === undefined) return { doubt: `long value ${JSON.stringify(text)} (a form not read here)` };
  if (big < LONG_MIN || big > LONG_MAX) return malformed(`long value ${JSON.stringify(text)} is out of range`);
  return { value: Number(big) };
}

/** Java's String.trim (every character up to U+0020 off both ends); a loop: the regex `[\x00-\x20]+$` is quadratic on inner runs. */
function javaTrim(v: string): string {
  let a = 0;
  let b = v.length;
  while (a < b && v.charCodeAt(a) <= 0x20) a++;
  while (b > a && v.charCodeAt(b - 1) <= 0x20) b--;
  return v.slice(a, b);
}
