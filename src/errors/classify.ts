/**
 * Classification in one import: `classifyResponse` (status + headers + body -> kind, details and
 * message), `toTypedError` (the error boundary) and the parsers they are built from.
 */
export { classifyResponse } from './verdict.js';
export type { Classification, Verdict, DetailsByKind, ResponseShape } from './verdict.js';
export { toTypedError } from './boundary.js';
export type { TypedErrorOptions } from './boundary.js';
export { parseRetryAfter } from './body.js';
export { parseSecurityReason, indicesFromPath } from './parse-plugin.js';
