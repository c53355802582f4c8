/** Client-side verification of document-level security, field-level security and field masking. */
export {
  maskValue, parseMaskedField, isMaskShaped, maskDocument, maskShape, effectiveMask, applyEffectiveMask, compileMaskedFields,
  saltBytes, javaUtf8Bytes, digestLength, pluginMajor, DEFAULT_COMPLIANCE_SALT,
} from './masking.js';
export type {
  MaskingAlgorithm, MaskingOptions, MaskValueOptions, ParsedMaskedField, RegexReplacement, EffectiveMask, MaskedFieldSet,
} from './masking.js';
export { compileJavaRegex, javaReplaceAll, javaMatches, javaUtf8RoundTrip } from './java-regex.js';
export type { JavaRegex, JavaRegexInfo } from './java-regex.js';
export { compileFieldPattern, matchesFieldPattern, normalizeFieldName } from './wildcard.js';
export type { FieldMatcher } from './wildcard.js';
export { compileFls, isFieldVisible, visibleFields, filterDocument, fieldPaths } from './fls.js';
export type { FlsRules, FlsOptions, CompiledFls, FieldOccurrence } from './fls.js';
export {
  evaluateDls, evaluateDlsQueries, prepareDls, evaluatePreparedDls, substituteUserVariables, fieldTypesFromMapping, standardTokens, parseDateMillis,
  minimumShouldMatch, valuesAt, anyOf,
} from './dls/index.js';
export type { DlsUser, DlsResult, DlsEvalOptions, FieldTypeInfo, FieldTypes, Substitution, PreparedDls } from './dls/index.js';
export { verifyHits, assertAccess, expectationsFromRoles, hitsOf } from './verifier.js';
export type {
  RoleLike, RoleIndexPermission, IndexRule, IndexExpectation, AccessExpectations, OriginalsSource, Finding,
  UnverifiableItem, HitReport, VerificationReport, AssertAccessOptions, ExpectationsFromRolesOptions, SearchHit,
} from './verifier.js';
export { compareAccess, diffDocuments } from './compare.js';
export type { SearchClientLike, CompareSearchRequest, DocumentDifference, AccessComparison } from './compare.js';
export {
  AccessViolationError, MaskingExpressionError, JavaPatternSyntaxError, UnsupportedMaskingError, UnsupportedJavaRegexError,
} from './errors.js';
