/** The `{status, message}` body the security REST API answers a successful write with. */
import type { SecurityResponse } from './transport.js';

/** The `{status, message}` body of a successful write, with the HTTP status. */
export interface WriteResult {
  statusCode: number;
  /** `OK` or `CREATED`. */
  status: string;
  message: string;
}

/** Reads a write's response into a {@link WriteResult}. */
export function toWriteResult(res: SecurityResponse): WriteResult {
  const body = (res.body ?? {}) as { status?: unknown; message?: unknown };
  return {
    statusCode: res.statusCode,
    status: typeof body.status === 'string' ? body.status : String(body.status ?? ''),
    message: typeof body.message === 'string' ? body.message : '',
  };
}
