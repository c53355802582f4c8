/**
 * Character sets of `java.util.regex` (predefined classes, POSIX classes, Unicode properties) as
 * code-point ranges and JavaScript property escapes, and their rendering into a `u`-flag class.
 */
import { table } from '../../errors/own.js';

/** An inclusive code-point range. */
export type Range = [number, number];

/** A set of code points: ranges plus JavaScript property escapes, possibly negated. */
export interface CharSet {
  ranges: Range[];
  /** JS property escapes such as `\p{L}` or `\P{Lu}` */
  props: string[];
  negated: boolean;
  /** true when the set is case-dependent in a way ASCII folding cannot model (case properties). */
  caseProperty?: boolean;
  /** true when the JDK builds a BMP-only predicate for it (`BmpCharPredicate`; see `Scanner.startS`). */
  bmp?: boolean;
  /** true when case-insensitivity is already applied (no further folding). */
  folded?: boolean;
}

export const MAX_CP = 0x10ffff;
export const LOW_SUR: Range = [0xdc00, 0xdfff];

/** The code point of the first character of `s`. */
export const cp = (s: string): number => s.codePointAt(0) as number;

/** An ASCII digit's code (a scanner position past the end is undefined). */
export const isDigit = (x: number | undefined): x is number => x !== undefined && x >= 0x30 && x <= 0x39;

/** Sorted, merged copy of the ranges. */
export function normalizeRanges(rs: Range[]): Range[] {
  const sorted = rs.map((r) => [r[0], r[1]] as Range).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

/** The ranges of every code point not in `rs`. */
export function complement(rs: Range[]): Range[] {
  const n = normalizeRanges(rs);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of n) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

/** A set of single code points and ranges. */
export function setOf(...rs: Array<number | Range>): CharSet {
  return { ranges: rs.map((r) => (typeof r === 'number' ? [r, r] : r)), props: [], negated: false };
}

/** Predefined classes (`\d`, `\w`, `\s`, `\h`, `\v`; US-ASCII as in the JDK without UNICODE_CHARACTER_CLASS). */
export const SETS = {
  digit: { ...setOf([0x30, 0x39]), bmp: true },
  word: { ...setOf([0x30, 0x39], [0x41, 0x5a], 0x5f, [0x61, 0x7a]), bmp: true },
  space: { ...setOf(0x20, [0x09, 0x0d]), bmp: true },
  hspace: { ...setOf(0x20, 0x09, 0xa0, 0x1680, 0x180e, [0x2000, 0x200a], 0x202f, 0x205f, 0x3000), bmp: true },
  vspace: { ...setOf([0x0a, 0x0d], 0x85, 0x2028, 0x2029), bmp: true },
};

/** POSIX classes (US-ASCII only, as in the JDK without UNICODE_CHARACTER_CLASS). */
export const POSIX: Record<string, CharSet> = table({
  Lower: { ...setOf([0x61, 0x7a]), caseProperty: true, bmp: true },
  Upper: { ...setOf([0x41, 0x5a]), caseProperty: true, bmp: true },
  ASCII: { ...setOf([0x00, 0x7f]), bmp: true },
  Alpha: { ...setOf([0x41, 0x5a], [0x61, 0x7a]), bmp: true },
  Digit: { ...setOf([0x30, 0x39]), bmp: true },
  Alnum: { ...setOf([0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]), bmp: true },
  Punct: { ...setOf([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]), bmp: true },
  Graph: { ...setOf([0x21, 0x7e]), bmp: true },
  Print: { ...setOf([0x20, 0x7e]), bmp: true },
  Blank: { ...setOf(0x20, 0x09), bmp: true },
  Cntrl: { ...setOf([0x00, 0x1f], 0x7f), bmp: true },
  XDigit: { ...setOf([0x30, 0x39], [0x41, 0x46], [0x61, 0x66]), bmp: true },
  Space: { ...setOf(0x20, [0x09, 0x0d]), bmp: true },
});

/** Unicode general categories the JDK and JavaScript both know. */
export const GENERAL_CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'LC', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd',
  'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Co', 'Cs', 'Cn',
]);
/** General categories whose members depend on case. */
export const CASE_CATEGORIES = new Set(['Lu', 'Ll', 'Lt', 'LC']);

/** A set given by one JavaScript property escape. */
export const propSet = (js: string, caseProperty = false): CharSet => ({ ranges: [], props: [js], negated: false, caseProperty });

/** `\d`, `\w`, `\s` under UNICODE_CHARACTER_CLASS `(?U)`: the JDK's DIGIT, WORD and WHITE_SPACE predicates. */
export const UNICODE_SETS = {
  digit: propSet('\\p{Nd}'),
  word: { ranges: [], props: ['\\p{Alphabetic}', '\\p{Mn}', '\\p{Me}', '\\p{Mc}', '\\p{Nd}', '\\p{Pc}', '\\p{Join_Control}'], negated: false },
  space: { ranges: [[0x09, 0x0d], [0x85, 0x85]], props: ['\\p{Zs}', '\\p{Zl}', '\\p{Zp}'], negated: false },
} satisfies Record<string, CharSet>;

/** `java.lang.Character` properties (`\p{javaXxx}`) with an exact JS equivalent. */
export const NAMED_PROPS: Record<string, CharSet> = table({
  javaLowerCase: propSet('\\p{Lowercase}', true),
  javaUpperCase: propSet('\\p{Uppercase}', true),
  javaLetter: propSet('\\p{L}'),
  javaDigit: propSet('\\p{Nd}'),
  javaLetterOrDigit: { ranges: [], props: ['\\p{L}', '\\p{Nd}'], negated: false },
  javaAlphabetic: propSet('\\p{Alphabetic}'),
  javaIdeographic: propSet('\\p{Ideographic}'),
  javaWhitespace: setOf([0x09, 0x0d], [0x1c, 0x20], 0x1680, [0x2000, 0x2006], [0x2008, 0x200a], 0x2028, 0x2029, 0x205f, 0x3000),
});

/** `java.lang.Character` properties the JDK knows (`\p{javaXxx}`) but that have no exact JS equivalent. */
export const OTHER_JAVA_PROPS = new Set([
  'javaMirrored', 'javaIdentifierIgnorable', 'javaISOControl', 'javaJavaIdentifierPart', 'javaJavaIdentifierStart', 'javaSpaceChar',
  'javaTitleCase', 'javaUnicodeIdentifierPart', 'javaUnicodeIdentifierStart', 'javaDefined',
]);

/** `Is` binary properties (JDK 17+) with an exact JavaScript equivalent, by upper-case name. */
export const BINARY_PROPS: Readonly<Record<string, string>> = table({
  ALPHABETIC: '\\p{Alphabetic}', IDEOGRAPHIC: '\\p{Ideographic}', LETTER: '\\p{L}', LOWERCASE: '\\p{Lowercase}', UPPERCASE: '\\p{Uppercase}',
  TITLECASE: '\\p{Lt}', PUNCTUATION: '\\p{P}', CONTROL: '\\p{Cc}', WHITESPACE: '\\p{White_Space}', WHITE_SPACE: '\\p{White_Space}',
  DIGIT: '\\p{Nd}', JOINCONTROL: '\\p{Join_Control}', JOIN_CONTROL: '\\p{Join_Control}', NONCHARACTERCODEPOINT: '\\p{Noncharacter_Code_Point}',
  NONCHARACTER_CODE_POINT: '\\p{Noncharacter_Code_Point}', ASSIGNED: '\\P{Cn}',
});
/** The JDK's HEX_DIGIT (`CharPredicates.HEX_DIGIT`): decimal digits plus the ASCII and fullwidth hex letters. */
const HEX_DIGIT: CharSet = { ranges: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66], [0xff10, 0xff19], [0xff21, 0xff26], [0xff41, 0xff46]], props: ['\\p{Nd}'], negated: false };
/** `Is` binary properties the JDK builds from several Unicode sets (`CharPredicates`), by upper-case name. */
export const BINARY_COMPOSED: Readonly<Record<string, CharSet>> = table({
  HEXDIGIT: HEX_DIGIT,
  HEX_DIGIT: HEX_DIGIT,
  WORD: { ranges: [], props: ['\\p{Alphabetic}', '\\p{Mn}', '\\p{Me}', '\\p{Mc}', '\\p{Nd}', '\\p{Pc}', '\\p{Join_Control}'], negated: false },
});
/**
 * The Unicode meanings of the POSIX names (`CharPredicates.getPosixPredicate`), by upper-case name: what
 * `\\p{IsAlpha}` (any case) and, under UNICODE_CHARACTER_CLASS, `\\p{Alpha}` denote.
 */
export const UNICODE_POSIX: Readonly<Record<string, CharSet>> = table({
  ALPHA: propSet('\\p{Alphabetic}'),
  LOWER: propSet('\\p{Lowercase}', true),
  UPPER: propSet('\\p{Uppercase}', true),
  SPACE: propSet('\\p{White_Space}'),
  PUNCT: propSet('\\p{P}'),
  XDIGIT: HEX_DIGIT,
  ALNUM: { ranges: [], props: ['\\p{Alphabetic}', '\\p{Nd}'], negated: false },
  CNTRL: propSet('\\p{Cc}'),
  DIGIT: propSet('\\p{Nd}'),
  BLANK: { ranges: [[0x09, 0x09]], props: ['\\p{Zs}'], negated: false },
  // GRAPH: not space, control, surrogate or unassigned; PRINT: GRAPH plus BLANK, minus controls.
  GRAPH: { ranges: [], props: ['\\p{Z}', '\\p{Cc}', '\\p{Cs}', '\\p{Cn}'], negated: true },
  PRINT: { ranges: [], props: ['\\p{Zl}', '\\p{Zp}', '\\p{Cc}', '\\p{Cs}', '\\p{Cn}'], negated: true },
});
/** `Is` binary properties only JDK 21+ knows. */
export const BINARY_JDK21 = new Set(['EMOJI', 'EMOJI_PRESENTATION', 'EMOJI_MODIFIER', 'EMOJI_MODIFIER_BASE', 'EMOJI_COMPONENT', 'EXTENDED_PICTOGRAPHIC']);
/** The JDK's `L1` (Latin-1), `LD` (letter or digit) and `all`. */
export const EXTRA_PROPS: Readonly<Record<string, CharSet>> = table({
  L1: { ...setOf([0, 0xff]), bmp: true },
  LD: { ranges: [], props: ['\\p{L}', '\\p{Nd}'], negated: false },
  all: setOf([0, MAX_CP]),
});

/** Whether the set may match a lone low surrogate (a match could then start inside a surrogate pair). */
export function setMayMatchLowSurrogate(s: CharSet): boolean {
  const inRanges = s.ranges.some(([lo, hi]) => lo <= LOW_SUR[1] && hi >= LOW_SUR[0]);
  if (s.negated) {
    const covered = normalizeRanges(s.ranges).some(([lo, hi]) => lo <= LOW_SUR[0] && hi >= LOW_SUR[1]);
    return !covered;
  }
  if (inRanges) return true;
  return s.props.some((p) => /^\\P/.test(p) ? !/\{(Cs|C)\}$/.test(p) : /\{(Cs|C|gc=Cs|gc=C)\}$/.test(p));
}

/** Adds the other ASCII case of every ASCII letter in the ranges (Java CASE_INSENSITIVE without UNICODE_CASE). */
export function asciiFold(rs: Range[]): Range[] {
  const extra: Range[] = [];
  for (const [lo, hi] of rs) {
    for (const [a, b, delta] of [[0x41, 0x5a, 0x20], [0x61, 0x7a, -0x20]] as const) {
      const l = Math.max(lo, a);
      const h = Math.min(hi, b);
      if (l <= h) extra.push([l + delta, h + delta]);
    }
  }
  return normalizeRanges([...rs, ...extra]);
}

/** The ranges common to both (inputs need not be normalized). */
export function intersectRanges(a: Range[], b: Range[]): Range[] {
  const x = normalizeRanges(a);
  const y = normalizeRanges(b);
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [alo, ahi] = x[i] as Range;
    const [blo, bhi] = y[j] as Range;
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

const propRanges = new Map<string, Range[]>();
/** The code points a JavaScript property escape matches, as ranges (computed once per escape). */
function propertyRanges(prop: string): Range[] {
  const hit = propRanges.get(prop);
  if (hit) return hit;
  const re = new RegExp(`^[${prop}]$`, 'u');
  const out: Range[] = [];
  let start = -1;
  for (let c = 0; c <= MAX_CP + 1; c++) {
    const inSet = c <= MAX_CP && re.test(String.fromCodePoint(c));
    if (inSet && start < 0) start = c;
    else if (!inSet && start >= 0) { out.push([start, c - 1]); start = -1; }
  }
  propRanges.set(prop, out);
  return out;
}

/** A set as plain code-point ranges (property escapes expanded, negation applied). */
export function setRanges(s: CharSet): Range[] {
  const all = normalizeRanges([...s.ranges, ...s.props.flatMap(propertyRanges)]);
  return s.negated ? complement(all) : all;
}

const hex = (n: number): string => n.toString(16).toUpperCase();

/** A code point as it appears in a `u`-flag JavaScript pattern. */
export const esc = (c: number): string => {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return String.fromCharCode(c);
  return `\\u{${hex(c)}}`;
};

/** The body of a JavaScript character class holding the ranges. */
export function rangesToClassBody(rs: Range[]): string {
  return normalizeRanges(rs).map(([lo, hi]) => (lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`)).join('');
}

const KNOWN_SCRIPTS = new Set<string>();
/** Whether JavaScript knows a Unicode script of that name. */
export function isJsScript(name: string): boolean {
  if (KNOWN_SCRIPTS.has(name)) return true;
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
    KNOWN_SCRIPTS.add(name);
    return true;
  } catch {
    return false;
  }
}

