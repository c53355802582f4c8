/**
 * How far a multi-step security write got when one step failed: whether a failed write's answer was lost (so it may
 * have been applied), and the progress record set on the error it throws (`apply`'s `planProgress`,
 * `addMasterUser`'s `masterUserProgress`).
 */
import { errors } from '@opensearch-project/opensearch';
import { retryDecision } from '../retry/decision.js';
import { SecurityModelError } from './model-error.js';
import { isUnconfirmedWrite } from './write-result.js';

/**
 * True when a write's answer was lost rather than given: an abort, or what the retry policy judges a write that
 * may already have been applied (a connection lost after sending, a timeout, a gateway's 502/504 or foreign 503).
 * A 2xx that is not the plugin's answer is unknown too. A refusal by the plugin, a connection never made and a TLS
 * failure are not. `signal`: the SecurityApi's, whose abort rejects a request in flight with its reason, whatever the
 * caller made that reason (an Error of its own, a string).
 */
export function answerLost(err: unknown, signal?: AbortSignal): boolean {
  if (err instanceof errors.RequestAbortedError) return true;
  if (signal?.aborted === true && err === signal.reason) return true;
  // the default reasons of a signal's abort (AbortSignal.abort(), AbortSignal.timeout())
  if (err instanceof DOMException && (err.name === 'AbortError' || err.name === 'TimeoutError')) return true;
  // a 2xx that is not the plugin's answer (a gateway's page, write-result.ts): nothing says whether it applied it
  if (isUnconfirmedWrite(err)) return true;
  return retryDecision(err, { method: 'PATCH', path: '' }).reason === 'unsafe_write';
}

/**
 * The error a multi-step write throws when step `failed` failed with `err`: `err` itself with `progress` set on it as
 * the enumerable property `key`, or, when `err` cannot hold it (an abort reason that is a string or number, a frozen
 * error), a SecurityModelError holding it, whose `cause` is `err`: the progress (an `outcome` of "unknown" above all)
 * is never lost with the value thrown.
 */
export function withProgress(err: unknown, key: string, progress: object, failed: string): unknown {
  let holder: object = err as object;
  if (err === null || typeof err !== 'object' || !Object.isExtensible(err)) {
    const issue = { path: failed, message: `failed; the value thrown there (see cause) cannot carry ${key}`, exact: false };
    holder = new SecurityModelError(key === 'planProgress' ? 'plan' : 'master user mapping', [issue], { cause: err });
  }
  Object.defineProperty(holder, key, { value: progress, enumerable: true, configurable: true });
  return holder;
}
