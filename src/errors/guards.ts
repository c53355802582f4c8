/** Type guards over every error of this package: isFgacError, isPermissionError, isRetryable. */
import { errors } from '@opensearch-project/opensearch';
import { isFgacErrorObject } from './base.js';
import { KINDS, isResponseKind, type FgacError, type PermissionError } from './kinds.js';

export type { FgacError, PermissionError } from './kinds.js';

/** True for any error class of this package (works across ESM/CJS copies). */
export function isFgacError(e: unknown): e is FgacError {
  return isFgacErrorObject(e);
}

function kindOf(e: FgacError): string | undefined {
  try {
    return e.kind;
  } catch {
    return undefined;
  }
}

/** True for the 401/403 kinds: unauthorized, security_exception, access_policy_denied, expired_credentials, signature_mismatch, forbidden. */
export function isPermissionError(e: unknown): e is PermissionError {
  if (!isFgacError(e)) return false;
  const kind = kindOf(e);
  return isResponseKind(kind) && KINDS[kind].permission;
}

/** The message of a ConnectionError for a response body too long to read (client/response-guard.ts). */
export function oversizedBodyMessage(limit: number): string {
  return `the response body is longer than ${limit} (bytes or characters): not read`;
}

/** True for a ConnectionError for a response body too long to read (retrying cannot help). */
export function isOversizedBodyMessage(message: string): boolean {
  return /^the response body is longer than \d+ \(bytes or characters\): not read$/.test(message);
}

/** True for a ConnectionError caused by TLS verification (retrying cannot help). */
export function isTlsFailureMessage(message: string): boolean {
  return /certificate|self[- ]signed|CERT_|SSL routines|wrong version number|altnames|unable to (?:verify|get local issuer)/i.test(message);
}

/**
 * True when the same request may succeed if sent again later without changing anything: 429, 502,
 * 503, 504, connection errors (except TLS verification failures) and timeouts. It does not look at
 * the method: runWithRetry additionally refuses to repeat a write that may already have been applied.
 */
export function isRetryable(e: unknown): boolean {
  try {
    return retryableByType(e);
  } catch {
    return false; // an error whose type or status cannot be read is not known to be retryable
  }
}

function retryableByType(e: unknown): boolean {
  if (isFgacError(e)) {
    const kind = kindOf(e);
    return isResponseKind(kind) && KINDS[kind].retryable;
  }
  if (e instanceof errors.TimeoutError) return true;
  if (e instanceof errors.ConnectionError) return !isTlsFailureMessage(e.message) && !isOversizedBodyMessage(e.message);
  if (e instanceof errors.ResponseError) {
    const status = e.meta?.statusCode;
    return status === 429 || status === 502 || status === 503 || status === 504;
  }
  return false;
}
