/**
 * `users` (internalusers): internal users. Passwords and hashes are write-only: the transport adds
 * every one it sends to the client's secret set, so a refusal that echoes one is redacted by value.
 */
import { SecurityModelError } from '../model-error.js';
import type { ApiUser, InternalUser } from '../model.js';
import type { JsonPatchOperation } from '../patch.js';
import type { WriteResult } from '../write-result.js';
import { SecurityResourceApi, type EnsureResult, type ResourceContext } from './resource.js';

/** Options of {@link UsersApi.ensure}. */
export interface UserEnsureOptions {
  /** Also set the password of an existing user (its hash cannot be compared, so this always writes). Default false. */
  updatePassword?: boolean;
}

/** The plugin's message for a user name it refuses (`:` is not allowed), or null. */
export function invalidUserNameMessage(name: string): string | null {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // Java's URLDecoder would throw too; the name is checked as given.
  }
  return decoded.includes(':') ? "A restricted character(s) was detected in the account name. Please remove: ':'" : null;
}

/** Throws the plugin's own refusal of a user name (`:` is not allowed) before anything is sent. */
export function checkUserName(name: string, entity = 'user name'): void {
  const message = invalidUserNameMessage(name);
  if (message !== null) throw new SecurityModelError(entity, [{ path: 'name', message, exact: true }]);
}

/** Throws when a user to be created has neither a password nor a hash. */
export function checkNewUser(user: InternalUser, entity = 'user'): void {
  if (user.password === undefined && user.hash === undefined) {
    throw new SecurityModelError(entity, [{ path: 'password', message: 'a new internal user needs a password or a hash', exact: false }]);
  }
}

/** `users` (internalusers). */
export class UsersApi extends SecurityResourceApi<InternalUser, ApiUser> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'users', 'internalusers');
  }

  /** Creates or replaces a user; an existing user keeps its password when none is given. */
  override async put(name: string, model: InternalUser): Promise<WriteResult> {
    checkUserName(name);
    return super.put(name, model);
  }

  protected override createBody(desired: ApiUser, model: InternalUser): ApiUser {
    checkNewUser(model);
    return desired;
  }

  /**
   * Makes the user equal to `model` (backend roles, security roles, attributes, description). The password
   * (or hash) is only used to create the user, unless `updatePassword` is set: hashes cannot be compared,
   * so then it is always written.
   */
  override async ensure(name: string, model: InternalUser, options: UserEnsureOptions = {}): Promise<EnsureResult> {
    checkUserName(name);
    const extra: JsonPatchOperation[] = [];
    if (options.updatePassword && model.password !== undefined) extra.push({ op: 'add', path: '/password', value: model.password });
    else if (options.updatePassword && model.hash !== undefined) extra.push({ op: 'add', path: '/hash', value: model.hash });
    return this.ensureWith(name, model, extra);
  }
}
