/**
 * Classification in one import, for tests and tools: `classifyResponse` (status + headers + body -> kind,
 * details and message), `toTypedError` (the error boundary) and the parsers they are built from. The
 * package's own modules import the defining modules instead: a module of re-exports only becomes an
 * empty chunk in dist/ that every entry reaching it loads as one more file.
 */
export { classifyResponse } from './verdict.js';
export type { Classification, Verdict, DetailsByKind, ResponseShape } from './verdict.js';
export { toTypedError } from './boundary.js';
export type { TypedErrorOptions } from './boundary.js';
export { parseRetryAfter } from './body.js';
export { parseSecurityReason, indicesFromPath } from './parse-plugin.js';
