/** Java regular expressions as the security plugin runs them: parse, emit to JavaScript, replace, validate. */
export { parseJavaRegex } from './parse.js';
export type { ParsedJavaRegex } from './ast.js';
export { compileJavaRegex, type JavaRegex, type JavaRegexInfo } from './emit.js';
export {
  javaReplaceAll, javaMatches, javaUtf8RoundTrip, parseJavaReplacement, type JavaReplaceOptions, type ReplacementGroups, type ReplacementPart,
} from './replace.js';
export { checkJavaRegex, checkJavaReplacement, countJavaGroups, type JavaRegexCheck, type JavaRegexGroups } from './check.js';
