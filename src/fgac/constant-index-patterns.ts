/**
 * A role's constant index patterns as the plugin sorts them (IndexPattern.Builder, the same in 2.19.4.0 and 3.4.0.0): a
 * `<...>` pattern is date math, else one holding `${` is a template (UserAttributes.needsAttributeSubstitution), else it
 * is constant and compiled at once (WildcardMatcher.from; a `/regex/` the JDK refuses is logged and left out). Only the
 * constant ones can be matched against indices ahead of requests: the precomputed index privileges and the 3.x DLS/FLS
 * tables read a permission only when their compiled union (getStaticPattern) is not WildcardMatcher.NONE. Whether this
 * SDK can run a constant pattern (a regex it cannot evaluate) is another question: explain/role-pattern.ts answers it.
 */
import { isDateMathExpression } from './date-math.js';
import { wildcardPatternFailure } from './fls-entry.js';
import { isJavaBlank } from './java-blank.js';

/** Whether the plugin holds `pattern` as a constant pattern: not date math, no `${`, and WildcardMatcher.from compiles it. */
export const isConstantIndexPattern = (pattern: string): boolean =>
  !isDateMathExpression(pattern) && !pattern.includes('${') && wildcardPatternFailure(pattern) === undefined;

/**
 * Whether `patterns` have a static part the plugin can match ahead of requests (IndexPattern.getStaticPattern() is not
 * NONE): a constant pattern that is not blank (a blank one compiles to NONE, and a union of NONE alone is NONE).
 */
export const hasStaticIndexPattern = (patterns: readonly string[]): boolean => patterns.some((p) => isConstantIndexPattern(p) && !isJavaBlank(p));
