/**
 * `roleMappings` (rolesmapping): who gets a role, with list edits that lose no concurrent change. The
 * plugin has no JSON-patch `test` and no removal by value, so adding and removing values are
 * read-modify-write rounds repeated under the SDK's conflict policy (409, a list that changed shape
 * under us, a mapping deleted meanwhile). A creating PUT that replaced a mapping another client created meanwhile
 * cannot be undone (the plugin has no create-only write): it is thrown, never reported as a success.
 */
import { isRetryable, SecurityApiError } from '../../errors/classes.js';
import { isConflictRetryable, retryDecision } from '../../retry/decision.js';
import { appliedOverConcurrentWrite, isUnconfirmedWrite, toWriteResult, unconfirmedWrite } from '../write-result.js';
import { SecurityModelError } from '../model-error.js';
import { principalNameProblem } from '../entity-name.js';
import { conflictExhausted } from '../conflict.js';
import type { ApiRoleMapping, RoleMapping } from '../model.js';
import { pointer, type JsonPatchOperation } from '../patch.js';
import { isEntityNotFound, SecurityResourceApi, type ResourceContext } from './resource.js';

/** A list field of a role mapping. */
export type MappingListField = 'users' | 'backend_roles' | 'and_backend_roles' | 'hosts';

/** Result of a safe role-mapping update. */
export interface MappingUpdateResult {
  role: string;
  field: MappingListField;
  /**
   * The mapping did not exist and this call created it (or sent the PUT creating it and lost the answer, and the mapping
   * then existed). When another client created it between this call's read and its PUT, the call throws instead.
   */
  created: boolean;
  /** Values this call added (add) or removed (remove), counting a write whose answer was lost (it may have been applied). */
  changed: string[];
  /** Values that were already present (add) or already absent (remove): every value asked is in `changed` or here. */
  unchanged: string[];
  /**
   * remove only: values that were in the list when it was read, were not to be removed, and were gone
   * after the write. Usually a concurrent removal by someone else; see `removeValues` for the case where
   * it was this call.
   */
  suspectedCollateral: string[];
  /** Read-write rounds used. */
  attempts: number;
}

const LIST_FIELDS: ReadonlySet<string> = new Set(['users', 'backend_roles', 'and_backend_roles', 'hosts']);

/**
 * The distinct values to add or remove: a list of non-empty strings (a bare string is refused: spread
 * into characters, `'admin'` would become five entries); `field` must be one of the mapping's lists.
 */
function uniq(field: MappingListField, values: readonly string[], adding: boolean): string[] {
  if (!LIST_FIELDS.has(field)) throw new SecurityModelError('role mapping', [{ path: 'field', message: 'must be users, backend_roles, and_backend_roles or hosts', exact: false }]);
  if (!Array.isArray(values)) {
    throw new SecurityModelError('role mapping', [{ path: field, message: `the values must be a list of strings, got ${typeof values === 'string' ? 'a string (write [name])' : typeof values}`, exact: false }]);
  }
  const bad = values.findIndex((v) => typeof v !== 'string' || v === '');
  if (bad >= 0) throw new SecurityModelError('role mapping', [{ path: `${field}[${bad}]`, message: 'must be a non-empty string', exact: false }]);
  // an added name with whitespace around it, a line break or another control or format character maps no one
  // (entity-name.ts); one already in the list may still be removed
  for (let i = 0; adding && i < values.length; i++) {
    const problem = principalNameProblem(values[i] as string);
    if (problem !== undefined) throw new SecurityModelError('role mapping', [{ path: `${field}[${i}]`, message: `${problem}: the plugin would store it as given and it would map no one`, exact: false }]);
  }
  return [...new Set(values)];
}

/** 409, a list that changed shape under us (400 Missing field / index), or a mapping deleted meanwhile. */
/**
 * The list edits are computed from a read: each write is sent once (a re-send by the client's retry policy
 * would land a stale list or index over newer state), and a failure the policy would have retried
 * (429, 503, a lost connection, a timeout) re-reads in the next round instead.
 */
const ONCE = { once: true } as const;

function isRetryableRound(err: unknown, creating: boolean, role: string): boolean {
  if (isConflictRetryable(err) || isRetryable(err)) return true;
  if (!(err instanceof SecurityApiError)) return false;
  if (err.statusCode === 400 && /^Missing field |out of bound/i.test(err.reason)) return true;
  // the mapping itself deleted meanwhile (not a 404 naming its missing role): read again
  return !creating && isEntityNotFound(err, 'roleMappings', role);
}

/** `roleMappings` (rolesmapping), with lost-update-free list edits. */
export class RoleMappingsApi extends SecurityResourceApi<RoleMapping, ApiRoleMapping> {
  /**
   * The mappings this instance's list edits are creating (PUT and read-back in flight), by role: another edit of the
   * same mapping waits for it and reads again, so the edits of one SecurityApi never replace each other's creation.
   */
  readonly #creating = new Map<string, Promise<void>>();

  /** @internal */
  constructor(ctx: ResourceContext) {
    super(ctx, 'roleMappings', 'rolesmapping');
  }

  /** Maps users to `role` (appends; creates the mapping if needed). */
  addUsers(role: string, users: readonly string[]): Promise<MappingUpdateResult> {
    return this.addValues(role, 'users', users);
  }

  /** Unmaps users from `role`. */
  removeUsers(role: string, users: readonly string[]): Promise<MappingUpdateResult> {
    return this.removeValues(role, 'users', users);
  }

  /** Maps backend roles (e.g. IAM role ARNs) to `role`. */
  addBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult> {
    return this.addValues(role, 'backend_roles', backendRoles);
  }

  /** Unmaps backend roles from `role`. */
  removeBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult> {
    return this.removeValues(role, 'backend_roles', backendRoles);
  }

  /** Adds backend roles that are all required (`and_backend_roles`). */
  addAndBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult> {
    return this.addValues(role, 'and_backend_roles', backendRoles);
  }

  /** Removes entries of `and_backend_roles`. */
  removeAndBackendRoles(role: string, backendRoles: readonly string[]): Promise<MappingUpdateResult> {
    return this.removeValues(role, 'and_backend_roles', backendRoles);
  }

  /** Maps hosts to `role`. */
  addHosts(role: string, hosts: readonly string[]): Promise<MappingUpdateResult> {
    return this.addValues(role, 'hosts', hosts);
  }

  /** Unmaps hosts from `role`. */
  removeHosts(role: string, hosts: readonly string[]): Promise<MappingUpdateResult> {
    return this.removeValues(role, 'hosts', hosts);
  }

  /**
   * After our whole-list write (or creation) the node answered OK: re-read after `settleMs`. Another round is due
   * when a concurrent whole-list write (or creation) replaced ours: the mapping lacks some of our values and holds a
   * value, in any list, that neither was there before nor came from us, or still holds some of ours (an overlapping
   * set). A deleted mapping, or ours removed with nothing new, is someone's later removal, which a re-add would undo.
   */
  async #replacedByAnotherSet(role: string, field: MappingListField, written: readonly string[], before: ApiRoleMapping | undefined): Promise<boolean> {
    await this.ctx.conflicts.settle();
    const after = await this.getRaw(role);
    if (after === undefined) return false;
    const list = after[field] ?? [];
    if (written.every((v) => list.includes(v))) return false;
    if (list.some((v) => written.includes(v))) return true;
    for (const f of LIST_FIELDS as ReadonlySet<MappingListField>) {
      const was = before?.[f] ?? [];
      if ((after[f] ?? []).some((v) => !was.includes(v) && !(f === field && written.includes(v)))) return true;
    }
    return false;
  }

  /**
   * The error of a round that ran out of attempts or time, through the error boundary: a SecurityModelError with the
   * last failure as its cause, the unconfirmed-write one when a write of ours was (or may have been) applied.
   */
  #gaveUp(what: string, role: string, field: MappingListField, attempts: number, last: unknown, wrote: boolean): unknown {
    const message = `could not ${what} role mapping '${role}' in ${attempts} attempts${conflictExhausted(last)}`;
    const cause = last === undefined ? undefined : { cause: last };
    return this.ctx.typedError(wrote ? unconfirmedWrite(message, last) : new SecurityModelError('role mapping', [{ path: field, message, exact: false }], cause));
  }

  /**
   * A failure after a write of ours was (or may have been) applied, e.g. the re-read that checks it: thrown as the
   * unconfirmed-write error (its cause the failure), never as a clean refusal that says nothing was changed.
   */
  #afterWrite(err: unknown, what: string, role: string, wrote: boolean): unknown {
    if (!wrote || isUnconfirmedWrite(err)) return err;
    return this.ctx.typedError(unconfirmedWrite(`could not ${what} role mapping '${role}' after writing to it`, err));
  }

  /**
   * The error of a creating PUT answered 200: another client created the mapping between our read and our PUT, which
   * replaced it whole. What that client wrote is gone and was never read, so nothing can restore it: thrown (after the
   * write, so read as "may be in place", never as a clean refusal) rather than reported as a success.
   */
  #replacedCreation(role: string, field: MappingListField, wrote: readonly string[]): unknown {
    return this.ctx.typedError(appliedOverConcurrentWrite(
      `the PUT creating role mapping '${role}' was answered 200, not 201: another client created that mapping after this call ` +
      `read it as missing, and the PUT replaced it whole (every list and the description; the plugin has no create-only write). ` +
      `What that client wrote is lost unless it writes it again; this call's ${field} ${JSON.stringify(wrote)} are stored in its place. ` +
      'Read the mapping and restore what is missing',
    ));
  }

  /**
   * Adds values to a list of the mapping without losing concurrent changes:
   * - non-empty list: one PATCH of `add /<field>/-` per missing value (appends commute; 409 -> re-read, retry);
   * - empty list: the plugin drops empty lists before applying a patch, so `/<field>/-` fails; the list is
   *   set with `add /<field>` and re-read after `settleMs`, and the round repeats only if a concurrent writer's
   *   set replaced ours (the list holds other new values and not ours; an emptied list or a deleted mapping is a
   *   later removal and stays);
   * - no mapping: created with PUT (the role must exist), then verified the same way. The plugin has no create-only
   *   write (PUT and a collection PATCH `add` replace; PATCH knows only add, remove and replace): a PUT answered 200,
   *   not 201, replaced a mapping another client created after our read, and is thrown (see #replacedCreation);
   *   edits of one SecurityApi wait for its own creation of the mapping instead (then they append).
   * Every answer must be the plugin's `{status: OK|CREATED}`. `changed` lists the values a write of this call
   * carried (applied, or answered by nothing: possibly applied); a value found present after a 409 is `unchanged`.
   */
  async addValues(role: string, field: MappingListField, values: readonly string[]): Promise<MappingUpdateResult> {
    const wanted = uniq(field, values, true);
    const result: MappingUpdateResult = { role, field, created: false, changed: [], unchanged: [], suspectedCollateral: [], attempts: 0 };
    if (wanted.length === 0) return result;
    // values a write of ours carried that the node applied, or may have applied (the answer was lost)
    const written = new Set<string>();
    let maybeCreated = false;
    // a creating PUT of ours whose answer was lost may land later (a gateway's 504): a later PUT's 200 may then have
    // replaced our own mapping, so it is no proof of another writer (that one case goes unreported, see README)
    let ownPutMayLand = false;
    let last: unknown;
    const path = this.path(role);
    const round = this.ctx.conflicts.begin();
    let done = false;
    try {
      for (let attempt = 1; ; attempt++) {
        result.attempts = attempt;
        const current = await this.getRaw(role);
        // still absent: a creating PUT of ours whose answer was lost did not create it (or its mapping is gone again)
        if (current === undefined) maybeCreated = false;
        const list = current?.[field] ?? [];
        const missing = wanted.filter((v) => !list.includes(v));
        if (current !== undefined && missing.length === 0) {
          done = true;
          break;
        }
        try {
          if (current === undefined) {
            const creating = this.#creating.get(role);
            if (creating !== undefined) {
              // an edit of this instance is creating it: read again once it is done, then append
              await creating;
              continue;
            }
            let created!: () => void;
            this.#creating.set(role, new Promise<void>((r) => { created = r; }));
            try {
              const res = await this.named(role, (at) => this.ctx.transport.request('PUT', at, { [field]: missing }, ONCE));
              toWriteResult(res);
              for (const v of missing) written.add(v);
              if (res.statusCode !== 201 && !ownPutMayLand) throw this.#replacedCreation(role, field, missing);
              result.created = true;
              done = !(await this.#replacedByAnotherSet(role, field, missing, current));
            } finally {
              this.#creating.delete(role);
              created();
            }
          } else if (list.length === 0) {
            toWriteResult(await this.named(role, (at) => this.ctx.transport.request('PATCH', at, [{ op: 'add', path: pointer(field), value: missing }], ONCE)));
            for (const v of missing) written.add(v);
            done = !(await this.#replacedByAnotherSet(role, field, missing, current));
          } else {
            toWriteResult(await this.named(role, (at) => this.ctx.transport.request('PATCH', at, missing.map((value): JsonPatchOperation => ({ op: 'add', path: pointer(field, '-'), value })), ONCE)));
            for (const v of missing) written.add(v);
            done = true;
          }
        } catch (err) {
          if (!isRetryableRound(err, current === undefined, role)) throw err;
          last = err;
          // a failure after sending (connection lost, timeout, gateway 502/503/504) may have been applied
          if (retryDecision(err, { method: 'PATCH', path }).reason === 'unsafe_write') {
            for (const v of missing) written.add(v);
            // our creating PUT may have been applied: the mapping a later read finds is reported as created by this call
            if (current === undefined) maybeCreated = ownPutMayLand = true;
          }
        }
        if (done || !(await round.next(attempt))) break;
      }
    } catch (err) {
      throw this.#afterWrite(err, `add ${field} to`, role, written.size > 0);
    }
    if (!done) throw this.#gaveUp(`add ${field} to`, role, field, result.attempts, last, written.size > 0);
    if (maybeCreated) result.created = true;
    result.changed = wanted.filter((v) => written.has(v));
    result.unchanged = wanted.filter((v) => !written.has(v));
    return result;
  }

  /**
   * Removes values from a list of the mapping. The plugin has no `test` operation and no way to remove
   * by value, so this reads the list, removes the matching indices (highest first) in one PATCH, and re-reads:
   * - concurrent appends never shift existing indices, so they are safe;
   * - 409 (someone wrote in between at the server) -> re-read and retry;
   * - residual race: if another writer removes or reorders entries *before* one of ours between our read
   *   and our PATCH, the index can hit a different entry. The re-read then still shows our value (we retry)
   *   and the other entry is gone: it is reported in `suspectedCollateral`, not restored (it may equally
   *   have been the other writer's own removal).
   */
  async removeValues(role: string, field: MappingListField, values: readonly string[]): Promise<MappingUpdateResult> {
    const targets = new Set(uniq(field, values, false));
    const result: MappingUpdateResult = { role, field, created: false, changed: [], unchanged: [], suspectedCollateral: [], attempts: 0 };
    if (targets.size === 0) return result;
    const removed = new Set<string>();
    // targets a removal of ours carried whose answer was lost: possibly removed by this call
    const maybeRemoved = new Set<string>();
    let last: unknown;
    let wrote = false;
    const path = this.path(role);
    const round = this.ctx.conflicts.begin();
    let done = false;
    try {
      for (let attempt = 1; ; attempt++) {
        result.attempts = attempt;
        const current = await this.getRaw(role);
        const list = current?.[field] ?? [];
        const indices = list.flatMap((v, i) => (targets.has(v) ? [i] : [])).sort((a, b) => b - a);
        if (current === undefined || indices.length === 0) {
          done = true;
          break;
        }
        try {
          toWriteResult(await this.named(role, (at) => this.ctx.transport.request('PATCH', at, indices.map((i): JsonPatchOperation => ({ op: 'remove', path: pointer(field, i) })), ONCE)));
          for (const i of indices) removed.add(list[i] as string);
          const after = (await this.getRaw(role))?.[field] ?? [];
          // an entry of another value gone (counted: a list may hold a value twice) means our indices hit it
          const left = new Map<string, number>();
          for (const v of after) left.set(v, (left.get(v) ?? 0) + 1);
          let hitOther = false;
          for (const v of list) {
            if (targets.has(v)) continue;
            const n = left.get(v) ?? 0;
            if (n > 0) {
              left.set(v, n - 1);
              continue;
            }
            hitOther = true;
            if (!result.suspectedCollateral.includes(v)) result.suspectedCollateral.push(v);
          }
          // a target seen again is another round only when our indices hit other entries (the list shifted under us);
          // otherwise it is a concurrent writer's later add, which another removal would undo
          done = !(hitOther && after.some((v) => targets.has(v)));
        } catch (err) {
          if (!isRetryableRound(err, false, role)) throw err;
          last = err;
          if (retryDecision(err, { method: 'PATCH', path }).reason === 'unsafe_write') {
            wrote = true;
            for (const i of indices) maybeRemoved.add(list[i] as string);
          }
        }
        if (done || !(await round.next(attempt))) break;
      }
    } catch (err) {
      throw this.#afterWrite(err, `remove ${field} from`, role, wrote || removed.size > 0);
    }
    if (!done) throw this.#gaveUp(`remove ${field} from`, role, field, result.attempts, last, wrote || removed.size > 0);
    // a removal whose answer was lost and whose value the next read no longer found is reported as ours, as addValues
    // reports an add whose answer was lost: otherwise the value would be neither changed nor unchanged
    result.changed = [...targets].filter((v) => removed.has(v) || maybeRemoved.has(v));
    // the rest was absent when the round ended: never there, or removed by someone else (e.g. the mapping deleted
    // between our read and our PATCH, whose 404 ended the round), so each value asked is in one list exactly
    result.unchanged = [...targets].filter((v) => !removed.has(v) && !maybeRemoved.has(v));
    return result;
  }
}
