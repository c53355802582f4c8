"use strict";
// Written by scripts/lazy-cjs-root.ts (npm run build): /client loads now, the other subpaths on first access.
Object.defineProperty(exports, "__esModule", { value: true });
const eager = require("./client.cjs");
for (const name of Object.keys(eager)) if (name !== "__esModule") exports[name] = eager[name];
// A lazy name is a configurable getter/setter until its subpath loads; then every name of that
// subpath becomes a plain data property (so reads cost nothing more and assignment works).
function lazy(load, names) {
  const settle = () => {
    const loaded = load();
    for (const name of names) Object.defineProperty(exports, name, { value: loaded[name], writable: true, enumerable: true, configurable: true });
  };
  for (const name of names) {
    Object.defineProperty(exports, name, {
      enumerable: true,
      configurable: true,
      get() { settle(); return exports[name]; },
      set(value) { settle(); exports[name] = value; },
    });
  }
}
lazy(() => require("./ingest.cjs"), ["BulkResponseMismatchError","FifoGroupFailedError","IngestAbortedError","IngestSourceError","InvalidRecordError","deadlineSignal","ingest","toBatchItemFailures","toFirehoseResponse"]);
lazy(() => require("./security.cjs"), ["DlsParseError","STATIC_ACTION_GROUPS","SecurityApi","SecurityApiUnavailableError","SecurityModelError","checkJavaRegex","dlsEquals","dlsVariable","flsExclude","flsInclude","formatMaskedFieldExpression","fromApiActionGroup","fromApiRole","fromApiRoleMapping","fromApiTenant","fromApiUser","isStaticActionGroup","parseDls","parseMaskedFieldExpression","serializeDls","toApiActionGroup","toApiRole","toApiRoleMapping","toApiTenant","toApiUser","validateRole"]);
lazy(() => require("./verify.cjs"), ["AccessViolationError","JavaPatternSyntaxError","MaskingExpressionError","UnsupportedJavaRegexError","UnsupportedMaskingError","assertAccess","checkPermission","compareAccess","evaluateDls","expectationsFromRoles","explainPermission","explainSecurityException","fieldTypesFromMapping","filterDocument","indexAliasesFrom","isFieldVisible","isMaskShaped","mappedRoles","maskDocument","maskValue","matchesFieldPattern","parseMaskedField","requiredPrivileges","serverDlsVerdicts","verifyHits","verifyHitsWithServer","visibleFields"]);
lazy(() => require("./diagnose.cjs"), ["checkDomain","diagnoseError"]);
