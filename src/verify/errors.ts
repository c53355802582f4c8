/** The error `assertAccess` throws; the masking and regex errors live in fgac/errors.ts. */
import type { VerificationReport } from './report.js';

/** Thrown by `assertAccess` when a response shows what the roles do not allow (or could not be verified). */
export class AccessViolationError extends Error {
  override name = 'AccessViolationError';
  /** The full verification report. */
  readonly report: VerificationReport;
  constructor(message: string, report: VerificationReport) {
    super(message);
    this.report = report;
  }
}
