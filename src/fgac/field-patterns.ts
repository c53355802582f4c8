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
