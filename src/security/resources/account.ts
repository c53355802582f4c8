/** `account`: the calling user's own account (`<prefix>/api/account`). */
import type { ConflictRetry } from '../conflict.js';
import type { SecurityTransport } from '../transport.js';
import { ACCOUNT } from '../read-answer.js';
import { SecurityEndpoint } from './endpoint.js';
import { toWriteResult, type WriteResult } from '../write-result.js';

/** `GET _plugins/_security/api/account`. */
export interface AccountInfo {
  user_name?: string;
  is_reserved?: boolean;
  is_hidden?: boolean;
  is_internal_user?: boolean;
  user_requested_tenant?: string | null;
  backend_roles?: string[];
  custom_attribute_names?: string[];
  tenants?: Record<string, boolean>;
  roles?: string[];
}

/** `account`: the calling user's own account. */
export class AccountApi extends SecurityEndpoint<AccountInfo> {
  /** @internal */
  constructor(transport: SecurityTransport, conflicts: ConflictRetry) {
    super(transport, 'api/account', conflicts, ACCOUNT);
  }

  /**
   * Changes the calling internal user's password (not allowed for internal users on Amazon OpenSearch Service); both
   * passwords are secrets of the client. Sent once: a re-send after a lost answer would present the old password to an
   * account that already has the new one (401). So a connection error or timeout means the change MAY have been applied.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<WriteResult> {
    return toWriteResult(await this.send('PUT', { current_password: currentPassword, password: newPassword }, true));
  }
}
