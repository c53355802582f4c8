/**
 * What Node's `import` of the root binds at once (dist/index.node.mjs, written by
 * scripts/node-esm-entries.ts): the names of `/client`, and every class and constant of the other
 * subpaths, from modules that load neither validation, verification, ingestion nor diagnosis. The
 * root's other names are functions, bound to their code on first call, so `import 'opensearch-fgac'`
 * in Node loads about what `opensearch-fgac/client` loads. Not a public path: bundlers take the root's
 * ES build and tree-shake it.
 */
export * from './client.js';
export { InvalidRecordError, BulkResponseMismatchError, IngestAbortedError, FifoGroupFailedError, IngestSourceError } from '../ingest/errors.js';
export { SecurityApi } from '../security/api.js';
export { SecurityApiUnavailableError } from '../security/version-gate.js';
export { SecurityModelError } from '../security/model-error.js';
export { DlsParseError } from '../fgac/errors.js';
export { STATIC_ACTION_GROUPS } from '../fgac/action-groups.js';
export { MaskingExpressionError, JavaPatternSyntaxError, UnsupportedMaskingError, UnsupportedJavaRegexError } from '../fgac/errors.js';
export { AccessViolationError } from '../verify/errors.js';
