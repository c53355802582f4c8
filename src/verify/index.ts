/** Client-side verification of document-level security, field-level security and field masking. */
export {
  maskValue, parseMaskedField, isMaskShaped, maskShape, effectiveMask, applyEffectiveMask, saltBytes, javaUtf8Bytes, pluginMajor,
  DEFAULT_COMPLIANCE_SALT,
} from '../fgac/masking.js';
export type {
  MaskingAlgorithm, MaskingOptions, MaskValueOptions, ParsedMaskedField, RegexReplacement, EffectiveMask,
} from '../fgac/masking.js';
export { digestLength } from '../fgac/digest-catalogue.js';
export { maskDocument, compileMaskedFields, type MaskedFieldSet } from './masking.js';
export { compileJavaRegex, javaReplaceAll, javaMatches, javaUtf8RoundTrip, type JavaRegex, type JavaRegexInfo } from '../fgac/java-regex/index.js';
export { compileFieldPattern, matchesFieldPattern, normalizeFieldName, type FieldMatcher } from '../fgac/field-patterns.js';
export { compileFls, isFieldVisible, visibleFields, filterDocument, fieldPaths, flsHiddenMetaFields } from './fls.js';
export type { FlsRules, FlsOptions, CompiledFls, FieldOccurrence, FlsMetaField, FlsMetaFields, FlsMetaOptions, MaskedMetaField } from './fls.js';
export { maskedHitId } from './fls-source.js';
export {
  evaluateDls, evaluateDlsQueries, prepareDls, evaluatePreparedDls, substituteUserVariables, fieldTypesFromMapping, standardTokens, parseDateMillis,
  minimumShouldMatch, valuesAt, anyOf,
} from './dls/index.js';
export type { DlsUser, DlsResult, DlsEvalOptions, FieldTypeInfo, FieldTypes, Substitution, PreparedDls } from './dls/index.js';
export { verifyHits, assertAccess, hitsOf, type AssertAccessOptions, type SearchHit } from './verifier.js';
export { serverDlsVerdicts, verifyHitsWithServer } from './server-dls.js';
export type { DlsReaderClient, ServerDlsOptions, ServerDlsVerdicts, ServerVerificationReport } from './server-dls.js';
export { indexAliasesFrom, expandAliases, containersOf, type IndexAliases } from '../fgac/aliases.js';
export { expectationsFromRoles } from './expectations.js';
export type {
  RoleLike, RoleIndexPermission, IndexRule, IndexExpectation, AccessExpectations, OriginalsSource, ExpectationsFromRolesOptions,
} from './expectations.js';
export type { SearchTime, SearchInstant } from './search-time.js';
export type { Finding, UnverifiableItem, HitReport, VerificationReport } from './report.js';
export { compareAccess, diffDocuments } from './compare.js';
export type { SearchClientLike, CompareSearchRequest, DocumentDifference, AccessComparison } from './compare.js';
export { AccessViolationError } from './errors.js';
export { MaskingExpressionError, JavaPatternSyntaxError, UnsupportedMaskingError, UnsupportedJavaRegexError } from '../fgac/errors.js';
