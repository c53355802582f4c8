/** The error `assertAccess` throws; the masking and regex errors live in fgac/errors.ts. */
import type { VerificationReport } from './report.js';
import { ownErrorClass } from '../fgac/argument-error.js';

/** Thrown by `assertAccess` when a response shows what the roles do not allow (or could not be verified). */
export class AccessViolationError extends Error {
  override name = 'AccessViolationError';

  /** `report`: the full verification report, kept on the error. */
  constructor(message: string, readonly report: VerificationReport) {
    super(message);
  }
}
ownErrorClass(AccessViolationError);
