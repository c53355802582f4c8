/**
 * The security plugin's field/index pattern matching (WildcardMatcher): exact names, `*` (any
 * sequence, dots included) and `?` (one UTF-16 unit) wildcards, `/regex/` full matches with Java
 * regex syntax; case-sensitive; a blank pattern matches nothing. Used for FLS entries, masked-field
 * patterns and index patterns alike.
 */
import { MaskingExpressionError } from './errors.js';
import { compileJavaRegex } from './java-regex/emit.js';
import { javaMatches } from './java-regex/replace.js';
import { ArgumentTypeError, inputFailure } from './argument-error.js';

/** A compiled pattern. */
export type FieldMatcher = (candidate: string) => boolean;

/**
 * Whether `s` is all of (`match`) or a prefix of (`prefix`) some string `pattern` matches, with `*` any
 * sequence (dots included) and, when `questionMark` is set, `?` any one UTF-16 unit (WildcardMatcher;
 * OpenSearch's simple-match patterns have no `?`). Iterative, single-star backtracking, no recursion.
 */
export function globWalk(pattern: string, s: string, questionMark: boolean): 'match' | 'prefix' | 'fail' {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = -1;
  while (i < s.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = ++p;
      starI = i;
    } else if (pc !== undefined && ((questionMark && pc === '?') || pc === s[i])) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP;
      i = ++starI;
    } else {
      return 'fail';
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length ? 'match' : 'prefix';
}

const globMatch = (pattern: string, s: string): boolean => globWalk(pattern, s, true) === 'match';

/** Whether WildcardMatcher reads `p` as a `/regex/` (a lone `/` included: the plugin then fails to compile it). */
export function isRegexPattern(p: string): boolean {
  return p.startsWith('/') && p.endsWith('/');
}

/** Whether WildcardMatcher reads `p` as one exact name (no `*`, no `?`, not a `/regex/`). */
export function isExactPattern(p: string): boolean {
  return !p.includes('*') && !p.includes('?') && !isRegexPattern(p);
}

/** Compiles a pattern the way WildcardMatcher.from(pattern) does. */
export function compileFieldPattern(pattern: string): FieldMatcher {
  if (typeof pattern !== 'string') throw new ArgumentTypeError('a field or index pattern must be a string');
  if (pattern.trim() === '') return () => false;
  if (pattern === '*') return () => true;
  if (isRegexPattern(pattern)) {
    if (pattern.length < 2) throw new MaskingExpressionError('pattern "/" is not a regular expression', pattern);
    const rx = compileJavaRegex(pattern.slice(1, -1));
    return (candidate) => javaMatches(rx, candidate);
  }
  if (isExactPattern(pattern)) return (candidate) => candidate === pattern;
  return (candidate) => globMatch(pattern, candidate);
}

/**
 * Whether a prefix of `s` ending at a dot at index `from` or later (`''` for a leading dot) matches the pattern: the
 * plugin's parent walk (every prefix tested, quadratic in the dots) in one pass over `s`.
 */
export type DotPrefixMatcher = (s: string, from: number) => boolean;

/** Whether `seg` (`?` any one unit when `qm`) matches `s` at `at`. */
function segmentAt(seg: string, s: string, at: number, qm: boolean): boolean {
  if (at < 0 || at + seg.length > s.length) return false;
  if (!qm || !seg.includes('?')) return s.startsWith(seg, at);
  for (let j = 0; j < seg.length; j++) if (seg[j] !== '?' && seg[j] !== s[at + j]) return false;
  return true;
}

/** The first index at or after `at` where `seg` matches `s`, -1 when none. */
function segmentFrom(seg: string, s: string, at: number, qm: boolean): number {
  if (!qm || !seg.includes('?')) return s.indexOf(seg, at);
  for (let i = at; i + seg.length <= s.length; i++) if (segmentAt(seg, s, i, qm)) return i;
  return -1;
}

/**
 * The DotPrefixMatcher of a `*` (and `?` when `questionMark`) glob: the pattern's segments between stars placed
 * leftmost (the earliest end leaves the most room), then the last segment ending at a dot after them.
 */
export function globDotPrefix(pattern: string, questionMark: boolean): DotPrefixMatcher {
  const segs = pattern.split('*');
  const first = segs[0] as string;
  const last = segs[segs.length - 1] as string;
  if (segs.length === 1) return (s, from) => pattern.length >= from && s.charCodeAt(pattern.length) === 46 && segmentAt(pattern, s, 0, questionMark);
  return (s, from) => {
    if (!segmentAt(first, s, 0, questionMark)) return false;
    let end = first.length;
    for (let j = 1; j < segs.length - 1; j++) {
      const seg = segs[j] as string;
      const at = segmentFrom(seg, s, end, questionMark);
      if (at < 0) return false;
      end = at + seg.length;
    }
    const min = Math.max(from, end + last.length);
    if (!questionMark || !last.includes('?')) {
      const at = s.indexOf(`${last}.`, min - last.length);
      return at !== -1;
    }
    for (let d = s.indexOf('.', min); d !== -1; d = s.indexOf('.', d + 1)) if (segmentAt(last, s, d - last.length, true)) return true;
    return false;
  };
}

/** The DotPrefixMatcher of a WildcardMatcher pattern (`exact`: compared as an exact name, 2.x's shortcut). */
export function compileDotPrefixMatcher(pattern: string, exact = false): DotPrefixMatcher {
  if (exact) return exactDotPrefix(pattern);
  if (pattern.trim() === '') return () => false;
  if (pattern === '*') return (s, from) => s.indexOf('.', from) !== -1;
  if (isRegexPattern(pattern)) {
    const matcher = compileFieldPattern(pattern);
    // a Java regex may look past the prefix: each prefix is matched on its own
    return (s, from) => {
      for (let d = s.indexOf('.', from); d !== -1; d = s.indexOf('.', d + 1)) if (matcher(s.slice(0, d))) return true;
      return false;
    };
  }
  return isExactPattern(pattern) ? exactDotPrefix(pattern) : globDotPrefix(pattern, true);
}

/** The DotPrefixMatcher of one exact name: only the prefix of its length can match. */
function exactDotPrefix(name: string): DotPrefixMatcher {
  return (s, from) => name.length >= from && s.charCodeAt(name.length) === 46 && s.startsWith(name);
}

/** One-off match of `candidate` against a WildcardMatcher pattern. */
export function matchesFieldPattern(pattern: string, candidate: string): boolean {
  try {
    return matchesFieldPatternOf(pattern, candidate);
  } catch (error) {
    throw inputFailure('matchesFieldPattern', error);
  }
}

function matchesFieldPatternOf(pattern: string, candidate: string): boolean {
  if (typeof candidate !== 'string') throw new ArgumentTypeError('matchesFieldPattern: the candidate must be a string');
  return compileFieldPattern(pattern)(candidate);
}

/**
 * The dot before `dot` in `field`, -1 when none: the plugin walks a path's parents with `lastIndexOf('.', dot - 1)`,
 * so a leading dot's parent '' is one too. Start with `field.lastIndexOf('.')`.
 */
export function parentDot(field: string, dot: number): number {
  return dot === 0 ? -1 : field.lastIndexOf('.', dot - 1);
}

/** Strips one trailing `.keyword` (the plugin's field-name normalisation). */
export function normalizeFieldName(field: string): string {
  return field.endsWith('.keyword') ? field.slice(0, -'.keyword'.length) : field;
}

/**
 * Whether a path names a parent of a dotted inclusion, kept as an object so the member can show (OpenSearch's source
 * filter): a prefix before a dot of an exact entry (a blank prefix never, unless the entries are read as exact names,
 * 2.x's shortcut), or a wildcard entry's prefix before each dot, as a pattern. A `/regex/` entry names no parents.
 */
export function inclusionParents(includes: readonly string[], exactNames: boolean, compile: (pattern: string) => FieldMatcher = compileFieldPattern): (field: string) => boolean {
  const exact: string[] = [];
  const prefixes = new Set<string>();
  for (const p of includes) {
    if (isRegexPattern(p) && !exactNames) continue;
    // (a prefix of `/x/.y` is the regex `/x/`)
    if (exactNames || (isExactPattern(p) && !p.startsWith('/'))) {
      if (p.includes('.')) exact.push(p);
      continue;
    }
    for (let dot = p.indexOf('.'); dot !== -1; dot = p.indexOf('.', dot + 1)) prefixes.add(p.slice(0, dot));
  }
  const globs = [...prefixes].map((s) => compile(s));
  return (f) => ((exactNames || f.trim() !== '') && exact.some((p) => p.charCodeAt(f.length) === 46 && p.startsWith(f))) || globs.some((m) => m(f));
}
