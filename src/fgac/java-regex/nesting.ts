/**
 * The bounds of the Java regex parser, checked before it runs: nesting (a linear pre-check, so a
 * hostile pattern cannot overflow its recursion) and length.
 */
import { UnsupportedJavaRegexError } from '../errors.js';

/**
 * Longest pattern checked (UTF-16 code units). Why 32 768: V8 refuses a JavaScript regex of that many
 * plain characters ("Regular expression too large"), so no longer pattern could be reproduced here
 * anyway; role patterns are hand-written (the plugin's examples are tens of characters, a generated
 * alternation of a thousand index names is ~20 000); and checking costs about 1-4 microseconds per
 * character (a 10 MB pattern took ~10 s, blocking the event loop). A longer pattern is not judged:
 * unsupported and unverified, never reported as valid or invalid.
 */
export const MAX_JAVA_REGEX_LENGTH = 32_768;

/** A pattern cut for a message (it may be megabytes long). */
export const shownPattern = (pattern: string): string => (pattern.length > 60 ? `${pattern.slice(0, 60)}...` : pattern);

/** Throws UnsupportedJavaRegexError for a pattern longer than MAX_JAVA_REGEX_LENGTH (see there). */
export function refuseOversize(pattern: string): void {
  if (pattern.length > MAX_JAVA_REGEX_LENGTH) {
    throw new UnsupportedJavaRegexError(`a pattern longer than ${MAX_JAVA_REGEX_LENGTH} characters`, shownPattern(pattern), `${pattern.length} characters: too long to check here`);
  }
}

/** Deepest nesting of groups and classes the (recursive) parser follows. */
export const MAX_REGEX_NESTING = 200;

/**
 * Throws UnsupportedJavaRegexError for a pattern nested deeper than MAX_REGEX_NESTING (the parser
 * recurses, and the JDK's own recursive compiler would overflow its stack somewhere past it too): a
 * linear scan of `(` and `[` that skips escapes; nothing the JDK accepts is refused as invalid.
 */
export function refuseDeepNesting(pattern: string): void {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0x5c) i++; // backslash: the next character is escaped
    else if (c === 0x28 || c === 0x5b) {
      if (++depth > MAX_REGEX_NESTING) {
        throw new UnsupportedJavaRegexError(`groups or classes nested deeper than ${MAX_REGEX_NESTING} levels`, shownPattern(pattern), 'too deep to check here');
      }
    } else if ((c === 0x29 || c === 0x5d) && depth > 0) depth--;
  }
}
