/** The retry policy: options, the one retry decision, the one back-off, and the p-retry based loop. */
export { resolveRetryOptions, RETRY_DEFAULTS } from './options.js';
export type { RetryOptions, RetryInfo, RetryReason, ResolvedRetryOptions } from './options.js';
export { computeDelay, sleep } from './backoff.js';
export { retryDecision, isIdempotentRequest, isConnectFailure } from './decision.js';
export type { RetryDecision, RetryRequest } from './decision.js';
export { runWithRetry, runWithResolvedRetry } from './run.js';
