/** Java `String.isBlank`: only `Character.isWhitespace` characters (not NBSP, U+2007, U+202F; but U+001C-U+001F). */
const JAVA_BLANK = /^[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]*$/;

/** Whether Java's `text.isBlank()` is true (WildcardMatcher.from reads such a pattern as NONE, matching nothing). */
export const isJavaBlank = (text: string): boolean => JAVA_BLANK.test(text);
