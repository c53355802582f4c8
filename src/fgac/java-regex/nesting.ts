/** The nesting bound of the Java regex parser: a linear pre-check, so a hostile pattern cannot overflow its recursion. */
import { UnsupportedJavaRegexError } from '../errors.js';

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
        const shown = pattern.length > 60 ? `${pattern.slice(0, 60)}...` : pattern;
        throw new UnsupportedJavaRegexError(`groups or classes nested deeper than ${MAX_REGEX_NESTING} levels`, shown, 'too deep to check here');
      }
    } else if ((c === 0x29 || c === 0x5d) && depth > 0) depth--;
  }
}
