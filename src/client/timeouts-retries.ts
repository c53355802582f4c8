/**
 * The one home of how a request timeout and a retry count are read (README "Options"). Two timeout families:
 * - our own `...Ms` options (createClient's and checkDomain's `requestTimeoutMs`): an integer from 1 to 2^31 - 1 ms;
 * - opensearch-js's `requestTimeout` (a child's, a call's): what opensearch-js takes for it, a number of ms above 0
 *   (fractions too) or a string in the `ms` format it reads (`'30s'`, `'1.5s'`); a value above 2^31 - 1 ms counts as
 *   2^31 - 1 (Node truncates a socket timeout so, with a TimeoutOverflowWarning; the transport caps it without one).
 *   Anything else (0, negative, NaN, Infinity, '', 'abc', '-1s', a boolean, null on a child) is refused: opensearch-js
 *   would send with the client's timeout or with none.
 * One retry count: an integer from 0 to MAX_RETRIES everywhere (retry.retries, a call's maxRetries, ingest's and
 * checkDomain's retries).
 */
import ms from 'ms';
import { fail, MAX_TIMER_MS, optionalInteger, typeName } from './options-check.js';

/** Most retries accepted anywhere (a larger number is a mistake, not a policy). */
export const MAX_RETRIES = 1000;

/** One of our own `...Ms` request timeouts when given: an integer from 1 to 2^31 - 1 ms, else a ConfigError naming `option`. */
export function optionalTimeoutMs(option: string, value: unknown): number | undefined {
  return optionalInteger(option, value, 1, MAX_TIMER_MS, ' ms (a positive number of milliseconds)');
}

/**
 * The ms an opensearch-js `requestTimeout` stands for: a number, or a string in the `ms` format opensearch-js itself
 * reads (`'1s'`); undefined when absent or no usable duration. Not capped (the transport caps at 2^31 - 1).
 */
export function requestTimeoutMsOf(value: unknown): number | undefined {
  // ms() throws for an empty string and reads at most 100 characters
  const n = typeof value === 'string' ? (value.length > 0 ? ms(value as Parameters<typeof ms>[0]) : undefined) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** An opensearch-js `requestTimeout` when given (see requestTimeoutMsOf), else a ConfigError naming `option`; the value is not repeated. */
export function checkRequestTimeout(option: string, value: unknown): void {
  if (value === undefined || requestTimeoutMsOf(value) !== undefined) return;
  const got = typeof value === 'number' ? String(value) : typeof value === 'string' ? 'a string that is not one' : typeName(value);
  fail(option, `must be a positive number of milliseconds or a duration such as '30s', got ${got}`);
}

/** A retry count when given: an integer from 0 to MAX_RETRIES, else a ConfigError naming `option`. */
export function optionalRetryCount(option: string, value: unknown): number | undefined {
  return optionalInteger(option, value, 0, MAX_RETRIES, ' (retries after the first attempt)');
}
