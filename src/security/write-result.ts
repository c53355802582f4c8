/** The `{status, message}` body the security REST API answers a successful write with. */
import { SecurityModelError } from './model-error.js';

/** The `{status, message}` body of a successful write, with the HTTP status. */
export interface WriteResult {
  statusCode: number;
  /** `OK` or `CREATED`. */
  status: string;
  message: string;
}

/** Statuses of a write the plugin applied (it answers others with their HTTP code). */
const APPLIED = new Set(['OK', 'CREATED']);

/** The issue path of toWriteResult's refusal of a 2xx that is not the plugin's answer. */
const UNCONFIRMED_PATH = 'response.status';

/**
 * Reads a write's response into a {@link WriteResult}. A 2xx whose body is not the plugin's `{status: OK|CREATED}`
 * (a proxy's `{"status":"FORBIDDEN"}` or HTML page, an empty 204) is a SecurityModelError: the write is not known to be applied.
 */
export function toWriteResult(res: { statusCode: number; body: unknown }): WriteResult {
  const body = res.body;
  const status = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { status?: unknown }).status : undefined;
  if (typeof status !== 'string' || !APPLIED.has(status.toUpperCase())) {
    // a proxy's page, an empty 204 or another status: nothing says the plugin applied it
    const what = typeof status === 'string' ? 'a status other than OK or CREATED' : 'no {status: OK|CREATED} body of the security plugin';
    throw new SecurityModelError('write', [{ path: UNCONFIRMED_PATH, message: `HTTP ${res.statusCode} answered with ${what}: the write is not known to be applied`, exact: false }]);
  }
  const message = (body as { message?: unknown }).message;
  return { statusCode: res.statusCode, status, message: typeof message === 'string' ? message : '' };
}

/**
 * The refusal of a write answered by something that says neither "applied" nor "refused" in the plugin's words (a
 * redirect, a body that could not be read, an error status whose body says OK): whether it was applied is unknown.
 */
export function unconfirmedWrite(message: string, cause?: unknown): SecurityModelError {
  return new SecurityModelError('write', [{ path: UNCONFIRMED_PATH, message: `${message}: the write is not known to be applied`, exact: false }], cause === undefined ? undefined : { cause });
}

/**
 * The error of a write the plugin applied over another client's concurrent write that it was meant to leave alone (a
 * creating PUT answered 200, not 201: it replaced the entity another client created meanwhile). It carries the same
 * mark as unconfirmedWrite's, so answerLost (`addMasterUser`'s outcome) and the list edits read it as a write of
 * ours that may be in place (outcome "unknown"), never as a clean refusal.
 */
export function appliedOverConcurrentWrite(message: string): SecurityModelError {
  return new SecurityModelError('write', [{ path: UNCONFIRMED_PATH, message, exact: false }]);
}

/** True for toWriteResult's refusal of a 2xx that is not the plugin's answer (whether the write was applied is unknown), and for appliedOverConcurrentWrite's error. */
export function isUnconfirmedWrite(err: unknown): boolean {
  return err instanceof SecurityModelError && err.issues.some((i) => i.path === UNCONFIRMED_PATH);
}

