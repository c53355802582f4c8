/**
 * Errors for what the security plugin computes (masked-field expressions, Java regular expressions,
 * digests), thrown alike by role validation (`security/`) and response verification (`verify/`).
 */
import { ownErrorClass } from './argument-error.js';

/**
 * A masked-field expression, regular expression or replacement the security plugin itself would
 * reject (or fail on); the message is worded like the plugin's / the JDK's.
 */
export class MaskingExpressionError extends Error {
  override name = 'MaskingExpressionError';
  /** The offending expression (masked_fields entry, regex or replacement). */
  readonly expression: string;
  constructor(message: string, expression: string) {
    super(message);
    this.expression = expression;
  }
}
ownErrorClass(MaskingExpressionError);

/**
 * A `java.util.regex.PatternSyntaxException` equivalent: the message has the JDK's layout
 * (`<description> near index <n>`, the pattern, a caret line).
 */
export class JavaPatternSyntaxError extends MaskingExpressionError {
  override name = 'JavaPatternSyntaxError';
  /** The JDK's description, e.g. `Dangling meta character '*'`. */
  readonly description: string;
  /** Index into the pattern (as the JDK reports it; -1 when the JDK reports none). */
  readonly index: number;
  constructor(description: string, pattern: string, index: number) {
    const caret = index >= 0 && index < pattern.length ? `\n${' '.repeat(index)}^` : '';
    super(`${description}${index >= 0 ? ` near index ${index}` : ''}\n${pattern}${caret}`, pattern);
    this.description = description;
    this.index = index;
  }
}

/**
 * A construct the plugin accepts (Java regex feature, digest provider, JDK-version dependent
 * behaviour) that this library cannot reproduce exactly; raised instead of returning a value that
 * might silently differ from the server's.
 */
export class UnsupportedMaskingError extends Error {
  override name = 'UnsupportedMaskingError';
  /** The expression, pattern or algorithm concerned. */
  readonly expression: string;
  /** Short name of the unsupported feature, e.g. `possessive quantifier`. */
  readonly feature: string;
  constructor(feature: string, expression: string, detail?: string) {
    super(`cannot reproduce ${feature} in ${JSON.stringify(expression)}${detail ? `: ${detail}` : ''}`);
    this.feature = feature;
    this.expression = expression;
  }
}
ownErrorClass(UnsupportedMaskingError);

/** A Java regular-expression feature that JavaScript lacks or implements differently. */
export class UnsupportedJavaRegexError extends UnsupportedMaskingError {
  override name = 'UnsupportedJavaRegexError';
}

/** Thrown when a DLS string is not one the plugin can parse (not JSON, duplicate keys, not an object). */
export class DlsParseError extends Error {
  override readonly name = 'DlsParseError';
}
ownErrorClass(DlsParseError);
