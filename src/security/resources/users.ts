/**
 * `users` (internalusers): internal users. Passwords and hashes are write-only: the transport adds
 * every one it sends to the client's secret set, so a refusal that echoes one is redacted by value.
 */
import { setOwn } from '../../errors/redact.js';
import { SecurityModelError, type ModelIssue } from '../model-error.js';
import type { ApiUser, InternalUser } from '../model.js';
import type { JsonPatchOperation } from '../patch.js';
import type { WriteResult } from '../write-result.js';
import { SecurityResourceApi, type EnsureResult, type ResourceContext } from './resource.js';
import { field, opt } from '../../errors/own.js';
import { optionalBoolean, refuseUnknownKeys, requirePlainRecord } from '../../client/options-check.js';
import { hashProblem } from '../password-hash.js';
import { callerUnknown, readAuthInfo } from '../plugin-status.js';
import type { SecurityTransport } from '../transport.js';

/** Options of {@link UsersApi.ensure}. */
export interface UserEnsureOptions {
  /** Also set the password of an existing user (its hash cannot be compared, so this always writes). Default false. */
  updatePassword?: boolean;
}

/**
 * The one flag a users method takes in `options`, checked as plan() checks its own, before any of them is used:
 * undefined is none; null, a non-object or an unknown key is a ConfigError naming `options` (or the key), a non-boolean
 * flag one naming `options.<flag>`.
 */
function flagOption(options: unknown, flag: 'updatePassword' | 'allowSelf', method: string): boolean {
  if (options === undefined) return false;
  const o = requirePlainRecord('options', options, flag);
  refuseUnknownKeys('options', o, [flag], `of users.${method}()`);
  return optionalBoolean(`options.${flag}`, field(o, flag)) ?? false;
}

/** Options of {@link UsersApi.delete}. */
export interface UserDeleteOptions {
  /**
   * Delete the user even when it is the one this client is signed in as (authinfo's `user_name`): the node allows it and
   * every later request of this client is refused (401). Default false: a SecurityModelError naming `name`.
   */
  allowSelf?: boolean;
}

/**
 * The calling user's name (authinfo's `user_name`, as plan's prune reads it), read at most once per SecurityApi: keyed
 * by its transport, which sends every request with the same client and so as the same principal. Only a successful
 * read is kept (a failed one is read again by the next delete).
 */
const CALLERS = new WeakMap<SecurityTransport, Promise<string | undefined>>();

function callerName(transport: SecurityTransport): Promise<string | undefined> {
  let known = CALLERS.get(transport);
  if (known === undefined) {
    known = readAuthInfo(transport).then((info) => (typeof info.user_name === 'string' ? info.user_name : undefined));
    CALLERS.set(transport, known);
    known.catch(() => CALLERS.delete(transport));
  }
  return known;
}

/**
 * A user name as the plugin decodes it (Java's `URLDecoder.decode`, UTF-8: `+` is a space, runs of `%hh`
 * are bytes), or undefined where URLDecoder throws on every node: a `%` without two hex digits. A sign
 * (`%+1`, `%-0`) is read as a number by 2.19.4's JDK and refused by 3.4.0's: left to the node.
 */
function javaUrlDecoded(name: string): string | undefined {
  let out = '';
  for (let i = 0; i < name.length;) {
    const c = name[i] as string;
    if (c !== '%') {
      out += c === '+' ? ' ' : c;
      i += 1;
      continue;
    }
    const bytes: number[] = [];
    while (name[i] === '%') {
      const hex = name.slice(i + 1, i + 3);
      if (hex.length < 2 || !/^[+-]?[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) < 0) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 3;
    }
    out += new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
  return out;
}

/** The plugin's refusal of a user name (`exact`: the plugin's own words), or null. */
function userNameRefusal(name: string): { message: string; exact: boolean } | null {
  // a name that is no string is refused where it would be sent (resource.ts path(): "must be a non-empty string")
  if (typeof name !== 'string') return null;
  const decoded = javaUrlDecoded(name);
  if (decoded === undefined) {
    return {
      message: `${JSON.stringify(name)} holds a '%' not followed by two hex digits: the plugin URL-decodes user names and refuses this one ` +
        '(400 "URLDecoder: ...") in every request form, PUT and collection PATCH alike (2.19 and 3.4); rename it',
      exact: false,
    };
  }
  return decoded.includes(':') ? { message: "A restricted character(s) was detected in the account name. Please remove: ':'", exact: true } : null;
}

/** The plugin's message for a user name it refuses (`:`, also as `%3A`; a `%` that is no escape), or null. */
export function invalidUserNameMessage(name: string): string | null {
  return userNameRefusal(name)?.message ?? null;
}

/** Throws the plugin's own refusal of a user name before anything is sent. */
export function checkUserName(name: string, entity = 'user name'): void {
  const refusal = userNameRefusal(name);
  if (refusal !== null) throw new SecurityModelError(entity, [{ path: 'name', ...refusal }]);
}

/** The plugin's fixed password bound (PasswordValidator.MAX_LENGTH, whatever the settings; UTF-16 units, as Java counts). */
const MAX_PASSWORD_LENGTH = 100;

/**
 * Throws when the password or hash to be written is one the plugin always refuses or cannot use: an empty
 * password ("Password is too short"), one over 100 characters ("Password is too long"), an empty hash (stored,
 * but every later change of the user fails), a hash of no form the plugin can verify (stored, but the user can never
 * sign in: password-hash.ts). The value itself is never named.
 */
export function checkPassword(user: InternalUser, entity = 'user'): void {
  // a model of the wrong shape is left to the model's own validation, which names what is wrong
  if (user === null || typeof user !== 'object' || (user.password !== undefined && typeof user.password !== 'string')) return;
  const issues: ModelIssue[] = [];
  if (user.password === '') issues.push({ path: 'password', message: 'is empty: the plugin refuses it (Password is too short)', exact: false });
  if (user.password !== undefined && user.password.length > MAX_PASSWORD_LENGTH) {
    issues.push({ path: 'password', message: `is longer than ${MAX_PASSWORD_LENGTH} characters: the plugin refuses it (Password is too long)`, exact: false });
  }
  const hash = hashProblem(user.hash);
  if (hash !== undefined) issues.push({ path: 'hash', message: hash, exact: false });
  if (issues.length > 0) throw new SecurityModelError(entity, issues);
}

/** Throws when a user to be created has neither a password nor a hash, or one the plugin refuses (checkPassword). */
export function checkNewUser(user: InternalUser, entity = 'user'): void {
  if (user.password === undefined && user.hash === undefined) {
    throw new SecurityModelError(entity, [{ path: 'password', message: 'a new internal user needs a password or a hash', exact: false }]);
  }
  checkPassword(user, entity);
}

/** A user read from the server as the plugin shows one: `hash` blanked (""), no `password` (write-only). */
function withoutSecretFields(raw: ApiUser): ApiUser {
  const out: ApiUser = { ...raw };
  delete out.password;
  if (Object.hasOwn(raw, 'hash')) out.hash = '';
  return out;
}

/** `users` (internalusers). */
export class UsersApi extends SecurityResourceApi<InternalUser, ApiUser> {
  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'users', 'internalusers');
  }

  /** One user as the API returns it (the hash blanked, no password: a server echoing them never puts them in a result). */
  override async getRaw(name: string): Promise<ApiUser | undefined> {
    const raw = await super.getRaw(name);
    return raw === undefined ? undefined : withoutSecretFields(raw);
  }

  /** All users as the API returns them, hashes blanked and passwords dropped (see getRaw). */
  override async listRaw(): Promise<Record<string, ApiUser>> {
    const out: Record<string, ApiUser> = {};
    for (const [name, raw] of Object.entries(await super.listRaw())) setOwn(out, name, withoutSecretFields(raw));
    return out;
  }

  /**
   * Deletes a user. The user this client is signed in as is refused (a SecurityModelError naming `name`, nothing sent):
   * the node would delete it and lock the client out. `options.allowSelf: true` deletes it anyway. Who the caller is
   * comes from one `authinfo` read per SecurityApi (kept after it succeeds); when that read fails, nothing is deleted:
   * a SecurityModelError naming `name` whose `cause` is the read's error (plugin-status.ts callerUnknown).
   */
  override async delete(name: string, options?: UserDeleteOptions): Promise<WriteResult> {
    // a bad name is refused as every request path refuses it, before authinfo is read
    this.path(name);
    const allowSelf = flagOption(options, 'allowSelf', 'delete');
    if (!allowSelf) {
      const caller = await callerName(this.ctx.transport).catch((err: unknown) => {
        throw this.ctx.typedError(callerUnknown(`user ${JSON.stringify(name)}`, 'name', 'nothing was deleted: call delete again, or pass ' +
          '{ allowSelf: true } to delete it without this check', err, this.ctx.conflicts.signal));
      });
      // the node deletes the name as written (2.19.4 and 3.4.0: `a+b` and `x%41` are deleted as such, never `a b` or `xA`)
      if (caller !== undefined && caller === name) {
        throw new SecurityModelError(`user ${JSON.stringify(name)}`, [{
          path: 'name',
          message: 'is the user this client is signed in as: deleting it locks the client out (every later request is refused); ' +
            'pass { allowSelf: true } to delete it anyway, or delete it as another user',
          exact: false,
        }]);
      }
    }
    return super.delete(name);
  }

  /** Creates or replaces a user; an existing user keeps its password when none is given. */
  override async put(name: string, model: InternalUser): Promise<WriteResult> {
    checkUserName(name);
    checkPassword(model);
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
  override async ensure(name: string, model: InternalUser, options?: UserEnsureOptions): Promise<EnsureResult> {
    // a name that is no string is refused as every request path refuses it (before it is put in a message)
    if (typeof name !== 'string') this.path(name);
    checkUserName(name);
    const updatePassword = flagOption(options, 'updatePassword', 'ensure');
    if (updatePassword) checkPassword(model, `user '${name}'`);
    const extra: JsonPatchOperation[] = [];
    // a model that is no object is refused by ensureWith's validation, naming it
    const given = model !== null && typeof model === 'object';
    const password = given ? opt(model, 'password') : undefined;
    const hash = given ? opt(model, 'hash') : undefined;
    if (updatePassword && password !== undefined) extra.push({ op: 'add', path: '/password', value: password });
    else if (updatePassword && hash !== undefined) extra.push({ op: 'add', path: '/hash', value: hash });
    return this.ensureWith(name, model, extra);
  }
}
