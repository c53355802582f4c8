/**
 * What the transport reads of one attempt beyond the parent's own reading: its timeout option, an error answer the parent
 * could not parse, and what a 'response' or 'deserialization' listener threw.
 */
import { errors } from '@opensearch-project/opensearch';
import type { ApiResponse } from '@opensearch-project/opensearch';
import { rec } from '../errors/body.js';
import { checkRequestTimeout, requestTimeoutMsOf } from './timeouts-retries.js';

/** A per-call `requestTimeout` in ms (the one rule: timeouts-retries.ts requestTimeoutMsOf); undefined when absent or unusable. */
export const timeoutMsOf = requestTimeoutMsOf;

/**
 * A call's own requestTimeout that is given but is no usable duration (0, -1, NaN, '', 'abc', '-1s', a boolean): a
 * ConfigError naming options.requestTimeout, by the rule a child's requestTimeout follows (opensearch-js would send
 * such a call with the client's timeout or with none). The value itself is not repeated.
 */
export function checkCallTimeout(value: unknown): void {
  // null is the client's value, as opensearch-js reads it (`options.requestTimeout || this.requestTimeout`)
  if (value !== null) checkRequestTimeout('options.requestTimeout', value);
}

/**
 * An error status whose body is not the JSON its content type claims (a proxy's page served as
 * application/json, a cut-off error) fails in the parent as a DeserializationError without status:
 * it is judged as the response it was, its text the body, so the status decides kind and retry.
 * A 2xx stays a DeserializationError (the request ran; its answer is unreadable).
 */
export function answeredError(error: Error, result: ApiResponse | undefined): Error {
  if (!(error instanceof errors.DeserializationError)) return error;
  const status = (result as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status !== 'number' || status < 400) return error;
  const text = (error as { data?: unknown }).data;
  return new errors.ResponseError({ ...(result as ApiResponse), body: typeof text === 'string' ? text : '' });
}

/**
 * The request meta of an answer (a result's `meta`, an error's `meta.meta`) as the raw client reports a call: `attempts`
 * counts its retries, and `request.options` are the caller's (each attempt of ours ran with its own: maxRetries 0, the
 * attempt's time limit). `timedOut`: the attempt was cut by its deadline, which the raw client reports as not aborted.
 */
export function reportAsCall(requestMeta: unknown, attempt: number, callerOptions: object, timedOut = false): void {
  try {
    const meta = rec(requestMeta);
    if (meta === undefined) return;
    if (attempt > 1 || (typeof meta.attempts === 'number' && meta.attempts !== attempt - 1)) meta.attempts = attempt - 1;
    if (timedOut && meta.aborted === true) meta.aborted = false;
    const request = rec(meta.request);
    if (request !== undefined && request.options !== callerOptions && rec(request.options) !== undefined) request.options = callerOptions;
  } catch {
    // a frozen or hostile meta: left as it is
  }
}

/** What a 'response' or 'deserialization' listener threw, by the attempt's result object (transport-events.ts keeps it). */
const listenerFailures = new WeakMap<object, Error>();

/** Keeps what a listener of `result`'s events threw: the attempt fails with it as it settles (the first one thrown). */
export function holdListenerFailure(result: unknown, thrown: unknown): void {
  if (result === null || typeof result !== 'object' || listenerFailures.has(result)) return;
  listenerFailures.set(result, thrown instanceof Error ? thrown : new Error(String(thrown)));
}

/** What a listener threw for the attempt whose result is `result`, if one did. */
export function listenerFailureOf(result: unknown): Error | undefined {
  return result !== null && typeof result === 'object' ? listenerFailures.get(result) : undefined;
}
