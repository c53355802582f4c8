/**
 * Validation of Java regular expressions and replacement strings on the same parser that masking and
 * field matching use, so a pattern validated here is exactly one the JDK (and the verifier) accepts.
 */
import { JavaPatternSyntaxError, MaskingExpressionError, UnsupportedJavaRegexError } from '../errors.js';
import { compileParsed } from './emit.js';
import { shownPattern } from './nesting.js';
import { parseJavaRegex } from './parse.js';
import { parseJavaReplacement } from './replace.js';
import { ArgumentTypeError } from '../argument-error.js';
import { opt } from '../../errors/own.js';

/** Capturing groups of a Java pattern: how many, and the names of the named ones. */
export interface JavaRegexGroups {
  count: number;
  names: Map<string, number>;
}

/** Result of checking a Java regex with the JDK's grammar. */
export type JavaRegexCheck =
  | {
    ok: true;
    /** False only when the JDK's verdict cannot be known here (Unicode block or character names, `(?x)`, a pattern too long or nested too deep to parse). */
    verified: boolean;
    groups: JavaRegexGroups;
    /** Whether this library reproduces the pattern's matches (masks and field matches made with it are verifiable). */
    reproducible: boolean;
    /** Why the matches cannot be reproduced, when they cannot. */
    unsupported?: string;
    /** Java-only syntax the pattern uses (JavaScript's RegExp reads it differently or not at all). */
    javaOnly: string[];
    /** Present (false) when the pattern was not parsed (longer than MAX_JAVA_REGEX_LENGTH, or nested too deep): `groups` are then unknown, not none. */
    groupsKnown?: false;
  }
  | {
    ok: false;
    /** The `PatternSyntaxException` message the JDK gives (description, index, pattern, caret). */
    message: string;
    /** The JDK's description alone, e.g. `Illegal repetition`. */
    description: string;
    /** The index the JDK reports (-1: none). */
    index: number;
  };

/** Checks a Java regex the way `Pattern.compile` does, and says whether this library can reproduce its matches. */
export function checkJavaRegex(source: string): JavaRegexCheck {
  if (typeof source !== 'string') throw new ArgumentTypeError('checkJavaRegex: the pattern must be a string');
  let parsed;
  try {
    parsed = parseJavaRegex(source);
  } catch (e) {
    if (e instanceof JavaPatternSyntaxError) return { ok: false, message: e.message, description: e.description, index: e.index };
    // too long or too deep to parse here: neither the JDK's verdict nor the matches are known
    if (e instanceof UnsupportedJavaRegexError) {
      return { ok: true, verified: false, groups: { count: 0, names: new Map() }, reproducible: false, unsupported: e.message, javaOnly: [], groupsKnown: false };
    }
    throw e;
  }
  const groups: JavaRegexGroups = { count: parsed.groupCount, names: new Map(parsed.names) };
  let unsupported: string | undefined;
  try {
    compileParsed(parsed);
  } catch (e) {
    if (!(e instanceof UnsupportedJavaRegexError)) throw e;
    unsupported = e.message;
  }
  return {
    ok: true,
    verified: opt(parsed, 'uncertain') === undefined,
    groups,
    reproducible: unsupported === undefined,
    ...(unsupported !== undefined ? { unsupported } : {}),
    javaOnly: [...parsed.javaOnly],
  };
}

/**
 * Counts capturing groups the way java.util.regex does (escapes, \Q..\E, nested classes, (?<name>...));
 * 0 for an invalid pattern. UnsupportedJavaRegexError for one too long or too deep to parse here (its
 * groups are unknown: 0 would make every `$1` in its replacement look invalid).
 */
export function countJavaGroups(source: string): JavaRegexGroups {
  const check = checkJavaRegex(source);
  if (check.ok && check.groupsKnown === false) throw new UnsupportedJavaRegexError('group count', shownPattern(source), check.unsupported);
  return check.ok ? check.groups : { count: 0, names: new Map() };
}

/**
 * Checks a replacement string with the rules of java.util.regex.Matcher#appendReplacement (JDK 17+) and
 * returns the exception message Java would throw, or null when the replacement is valid.
 */
export function checkJavaReplacement(replacement: string, groups: JavaRegexGroups): string | null {
  try {
    parseJavaReplacement(replacement, { groupCount: groups.count, namedGroups: groups.names });
    return null;
  } catch (e) {
    if (e instanceof MaskingExpressionError) return e.message;
    throw e;
  }
}
