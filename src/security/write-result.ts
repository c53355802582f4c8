/** The `{status, message}` body the security REST API answers a successful write with. */
import { SecurityModelError } from './model-error.js';
import type { SecurityResponse } from './transport.js';

/** The `{status, message}` body of a successful write, with the HTTP status. */
export interface WriteResult {
  statusCode: number;
  /** `OK` or `CREATED`. */
  status: string;
  message: string;
}

/** Statuses of a write the plugin applied (it answers others with their HTTP code). */
const APPLIED = new Set(['OK', 'CREATED']);

/**
 * Reads a write's response into a {@link WriteResult}. A 2xx whose body names another status (a proxy's or
 * a broken server's `{"status":"FORBIDDEN"}`) is a SecurityModelError: the write is not known to be applied.
 */
export function toWriteResult(res: SecurityResponse): WriteResult {
  const body = (res.body ?? {}) as { status?: unknown; message?: unknown };
  if (typeof body.status === 'string' && !APPLIED.has(body.status.toUpperCase())) {
    throw new SecurityModelError('write', [{ path: 'response.status', message: `HTTP ${res.statusCode} answered with a status other than OK or CREATED: the write is not known to be applied`, exact: false }]);
  }
  return {
    statusCode: res.statusCode,
    status: typeof body.status === 'string' ? body.status : String(body.status ?? ''),
    message: typeof body.message === 'string' ? body.message : '',
  };
}
