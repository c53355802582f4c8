/**
 * `opensearch-fgac/verify`: what a principal actually sees (DLS, FLS, masking) checked client-side
 * or against the cluster, and why a principal may or may not do an action.
 */

// Verifying search results against role definitions
export { verifyHits, assertAccess, expectationsFromRoles, verifyHitsWithServer, serverDlsVerdicts, indexAliasesFrom } from '../verify/index.js';
export type {
  AssertAccessOptions, SearchHit, RoleLike, RoleIndexPermission, IndexRule, IndexExpectation, AccessExpectations, OriginalsSource,
  ExpectationsFromRolesOptions, Finding, UnverifiableItem, HitReport, VerificationReport, DlsReaderClient, ServerDlsOptions,
  ServerDlsVerdicts, ServerVerificationReport, IndexAliases, SearchTime, SearchInstant,
} from '../verify/index.js';
export { compareAccess } from '../verify/index.js';
export type { SearchClientLike, CompareSearchRequest, DocumentDifference, AccessComparison } from '../verify/index.js';

// Masking, FLS and DLS as the plugin computes them
export { maskValue, parseMaskedField, isMaskShaped, maskDocument, maskedHitId } from '../verify/index.js';
export type { MaskingAlgorithm, MaskingOptions, MaskValueOptions, ParsedMaskedField, RegexReplacement } from '../verify/index.js';
export { visibleFields, isFieldVisible, filterDocument, matchesFieldPattern, flsHiddenMetaFields } from '../verify/index.js';
export type { FlsRules, FlsOptions, FlsMetaField, FlsMetaFields, FlsMetaOptions, MaskedMetaField } from '../verify/index.js';
export type { CompiledFls } from '../verify/fls.js';
export type { PermissionRole, PermissionActionGroup } from '../explain/types.js';
export { evaluateDls, fieldTypesFromMapping } from '../verify/index.js';
export type { DlsUser, DlsResult, DlsEvalOptions, FieldTypeInfo, FieldTypes } from '../verify/index.js';

// Errors of verification and of Java regexes JavaScript cannot reproduce
export {
  AccessViolationError, MaskingExpressionError, JavaPatternSyntaxError, UnsupportedMaskingError, UnsupportedJavaRegexError,
} from '../verify/index.js';

// Why a principal may or may not do an action
export { explainPermission, explainSecurityException, checkPermission, mappedRoles, requiredPrivileges } from '../explain/index.js';
export type {
  PermissionRoles, PermissionActionGroups, PermissionQuery, PermissionGrant, PermissionNearMiss, PermissionExplanation, PermissionSubject,
  SecurityExceptionExplanation, ExplainSecurityExceptionOptions, CheckPermissionClient, CheckPermissionOptions, PermissionCheck,
  PrivilegeVerdict, ActionDescription, RequestDescription, RequestPrivileges, RequiredPrivilege,
} from '../explain/index.js';
