/** What the transport reads of one attempt beyond the parent's own reading: its timeout option, and an error answer the parent could not parse. */
import ms from 'ms';
import { errors } from '@opensearch-project/opensearch';
import type { ApiResponse } from '@opensearch-project/opensearch';
import { rec } from '../errors/body.js';

/** A per-call `requestTimeout` in ms: a number, or a string in the `ms` format opensearch-js itself accepts (`'1s'`); undefined when absent or unusable. */
export function timeoutMsOf(value: unknown): number | undefined {
  // ms() throws for an empty string and reads at most 100 characters
  const n = typeof value === 'string' ? (value.length > 0 ? ms(value as Parameters<typeof ms>[0]) : undefined) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
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
