/** The error of client-side validation of the security model, apart from the model's code (the security API throws it without loading validation). */
import { ownErrorClass } from '../fgac/argument-error.js';

/** One problem found by client-side validation; `path` points into the entity (e.g. `index_permissions[0].masked_fields[1]`). */
export interface ModelIssue {
  path: string;
  message: string;
  /** True when `message` is the text the plugin itself would return. */
  exact: boolean;
}

/** Thrown by the `toApi*` conversions when client-side validation finds errors. */
export class SecurityModelError extends Error {
  override readonly name = 'SecurityModelError';
  readonly issues: ModelIssue[];

  constructor(entity: string, issues: ModelIssue[], options?: { cause?: unknown }) {
    super(`invalid ${entity}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, options);
    this.issues = issues;
  }
}
ownErrorClass(SecurityModelError);
