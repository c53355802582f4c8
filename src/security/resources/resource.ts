/**
 * The generic resource of the security REST API, written once: list, get, put, patch, delete and
 * ensure over `<prefix>/api/<endpoint>`, typed both ways. Concurrency model of the plugin, which this
 * builds on: every write loads the whole config document of its type (roles, rolesmapping, ...),
 * applies the change and saves it with `if_seq_no`/`if_primary_term`; a concurrent write in between
 * makes it fail with 409 CONFLICT and nothing is applied. PUT replaces an entity wholesale, so `ensure`
 * changes existing entities with PATCH (applied to the state current at the server). put, delete and patch retry
 * 409s (patch not when an operation addresses a list entry by position); ensure reads again after a 409 instead.
 */
import { isPlainRecord, typeName } from '../../client/options-check.js';
import { isRetryable } from '../../errors/guards.js';
import { isConflictRetryable } from '../../retry/decision.js';
import { readOnce } from '../../client/options-snapshot.js';
import { SecurityApiError } from '../../errors/classes.js';
import { isOpenSearchRefusal, openSearchErrorOf } from '../../errors/body.js';
import { setOwn } from '../../errors/redact.js';
import { canonicalFields, changedFields, type ApiEntity, type SecurityResourceKind } from '../canonical.js';
import { flavourPluginVersion, type SecurityFlavour } from '../compat.js';
import type { ConflictRetry } from '../conflict.js';
import { assertWithinRestLimits, entityAfterPatch } from '../input-limits.js';
import { SecurityModelError } from '../model-error.js';
import type { Stored } from '../model.js';
import { fieldOperations, nonEmptyBody } from '../operations.js';
import { checkedOperations, refuseMisreadEntityPaths, refuseMisshapenValues, type JsonPatchOperation } from '../patch.js';
import type { SecurityTransport } from '../transport.js';
import { answerLost } from '../progress.js';
import { toWriteResult, unconfirmedWrite, type WriteResult } from '../write-result.js';

/** What a resource needs from its SecurityApi: the transport, the cluster's flavour, the conflict policy, the error boundary. */
export interface ResourceContext {
  readonly transport: SecurityTransport;
  /** The prefix, user shape and dialect in use. */
  flavour(): Promise<SecurityFlavour>;
  readonly conflicts: ConflictRetry;
  /** Passes an error the helpers build themselves through the error boundary (redacted with the client's secrets). */
  typedError(err: unknown): unknown;
}

/** What `ensure` did. */
export interface EnsureResult {
  name: string;
  action: 'created' | 'updated' | 'unchanged';
  /** Top-level fields that differed, and those a PATCH of this call whose answer was lost wrote (empty when created or unchanged; every field when its PUT replaced an entity another client created meanwhile). */
  changedFields: string[];
}

/** True for the 404 of an entity that does not exist (not for a hidden one, which is `resourceState: 'hidden'`). */
export function isNotFound(err: unknown): err is SecurityApiError {
  return err instanceof SecurityApiError && err.statusCode === 404 && err.resourceState === 'not-found';
}

/** The type word of the plugin's `<type> '<name>' not found.` for each kind (EndpointValidator, measured on 2.19.4). */
const NOT_FOUND_TYPE: Readonly<Record<SecurityResourceKind, string>> = { users: 'user', roles: 'role', roleMappings: 'rolesmapping', actionGroups: 'actiongroup', tenants: 'tenant' };

/**
 * True for the 404 saying that entity itself does not exist: the message's type and name are the entity asked for
 * (`Resource` is the older plugins' GET word). Not a 404 naming another entity, e.g. `role 'r' not found.` for a
 * user or mapping that references a missing role: the same write would get it again.
 */
export function isEntityNotFound(err: unknown, kind: SecurityResourceKind, name: string): err is SecurityApiError {
  return isNotFound(err) && err.resourceName === name && (err.resourceType === NOT_FOUND_TYPE[kind] || err.resourceType === 'Resource');
}

/** A 400 too_long_http_line_exception: the request line (method, path, query) is over the node's `http.max_initial_line_length`. */
function isLongLineRefusal(err: unknown): boolean {
  return isOpenSearchRefusal(err, 400, 'too_long_http_line_exception', /./);
}

/** True for an OpenSearch error document (`{"error":{"type":..,"reason":..}}`): an entity has no `reason` field. */
function isErrorDocument(body: Record<string, unknown>): boolean {
  const os = openSearchErrorOf(body);
  return os?.error !== undefined && typeof os.type === 'string' && typeof os.reason === 'string';
}

/** A 400 illegal_argument_exception "invalid / unterminated / partial escape sequence ..." (the node's URL decoder). */
function isEscapeRefusal(err: unknown): boolean {
  return isOpenSearchRefusal(err, 400, 'illegal_argument_exception', /^(?:invalid|unterminated|partial) escape sequence /);
}

/**
 * True when a JSON Patch path addresses a list entry by its position: a number after a field (after the entity's name
 * in a collection PATCH), except a key of a user's `attributes` object. Such a path was computed from a read.
 */
function positionalPath(path: string, collection: boolean): boolean {
  const tokens = path.split('/').slice(collection ? 2 : 1);
  return tokens.some((t, i) => i > 0 && /^\d+$/.test(t) && tokens[i - 1] !== 'attributes');
}

/** How one resource type converts between the typed model and the API shape (per cluster flavour). */
export interface ResourceCodec<TModel, TApi> {
  toApi(model: TModel, flavour: SecurityFlavour): TApi;
  fromApi(json: TApi, flavour: SecurityFlavour): Stored<TModel>;
}

/**
 * The path below the security prefix of one entity, `api/<endpoint>/<name>` with the name percent-encoded: the one place a
 * name becomes a path segment (the resources' path(), version-gate.ts flushUserCache). An empty or non-string name is
 * refused (it would address the collection: a PATCH there edits other entities), and so is a name holding a lone UTF-16
 * surrogate, which no request path can carry (`remedy` says what addresses it instead).
 */
export function entityPath(kind: string, endpoint: string, name: string, remedy = 'a collection PATCH (patch([...]) or plan/apply) addresses it'): string {
  if (typeof name !== 'string' || name === '') {
    throw new SecurityModelError(kind, [{ path: 'name', message: `must be a non-empty string, got ${name === '' ? 'an empty string' : typeName(name)}`, exact: false }]);
  }
  try {
    return `api/${endpoint}/${encodeURIComponent(name)}`;
  } catch (err) {
    if (!(err instanceof URIError)) throw err;
    throw new SecurityModelError(kind, [{
      path: 'name',
      message: `${JSON.stringify(name)} holds a lone UTF-16 surrogate, which no request path can carry: ${remedy}`,
      exact: false,
    }], { cause: err });
  }
}

/** CRUD on one resource type of the security REST API, typed both ways. */
export abstract class SecurityResourceApi<TModel, TApi extends ApiEntity> {
  /** @internal */
  protected readonly ctx: ResourceContext;
  /** The resource kind (as used by `plan`). */
  readonly kind: SecurityResourceKind;
  /** The endpoint below `<prefix>/api/`, e.g. `rolesmapping`. */
  readonly endpoint: string;

  protected constructor(ctx: ResourceContext, kind: SecurityResourceKind, endpoint: string) {
    this.ctx = ctx;
    this.kind = kind;
    this.endpoint = endpoint;
  }

  /** This type's conversions; the model's validation code loads on the first one, so the API alone loads little. */
  async #codec(): Promise<ResourceCodec<TModel, TApi>> {
    const { CODECS } = await import('../codecs.js');
    return CODECS[this.kind] as unknown as ResourceCodec<TModel, TApi>;
  }

  /** Converts a model into the API shape for this cluster (validating it). */
  async toApi(model: TModel, flavour: SecurityFlavour): Promise<TApi> {
    // Read once: a getter cannot pass validation with one value and be written with another.
    const snapshot = readOnce(model, this.kind);
    return (await this.#codec()).toApi(snapshot, flavour);
  }

  /** Converts an API entity into the model. */
  async fromApi(json: TApi, flavour: SecurityFlavour): Promise<Stored<TModel>> {
    return (await this.#codec()).fromApi(json, flavour);
  }

  /** The path of the collection below the security prefix. */
  protected collectionPath(): string {
    return `api/${this.endpoint}`;
  }

  /** The path of one entity; an empty or non-string name is refused (it would address the collection: a PATCH there edits other entities). */
  protected path(name: string): string {
    return entityPath(this.kind, this.endpoint, name);
  }

  /**
   * Sends a request to one entity's path. OpenSearch 3.x (seen on 3.4 for PUT; GET, PATCH and DELETE
   * work, 2.19 accepts all) decodes the already-decoded path again and refuses a name with a `%` not
   * followed by two hex digits (400 "invalid / unterminated / partial escape sequence"): that is the name's
   * problem, said as such; a collection PATCH still creates it (not for users: see checkUserName).
   */
  protected async named<T>(name: string, send: (path: string) => Promise<T>): Promise<T> {
    const path = this.path(name);
    try {
      return await send(path);
    } catch (err) {
      if (isEscapeRefusal(err) && /%(?![0-9A-Fa-f]{2})/.test(name)) {
        // users: the plugin's user-name check (URLDecoder) refuses such a name in a collection PATCH too
        const way = this.kind === 'users'
          ? 'the plugin refuses such a user name in a collection PATCH too (400 "URLDecoder: ..."): rename it'
          : 'create or replace it with a collection PATCH (patch([...]) or plan/apply), or rename it';
        throw new SecurityModelError(this.kind, [{
          path: 'name',
          message: `'${name}' holds a '%' not followed by two hex digits, which this node refused in the request path (400 "... escape sequence"; ` +
            `OpenSearch 3.x on PUT): ${way}`,
          exact: false,
        }], { cause: err });
      }
      if (isLongLineRefusal(err)) {
        throw new SecurityModelError(this.kind, [{
          path: 'name',
          message: `a name of ${name.length} characters makes the request line longer than this node accepts (400 too_long_http_line_exception, ` +
            'http.max_initial_line_length, 4 kB by default): list() reads it and a collection PATCH (patch([...]) or plan/apply) writes it, or rename it',
          exact: false,
        }], { cause: err });
      }
      throw err;
    }
  }

  /** All entities as the API returns them (hidden ones omitted unless you are a REST admin). */
  async listRaw(): Promise<Record<string, TApi>> {
    const res = await this.ctx.transport.request('GET', this.collectionPath());
    return this.#answer(res.body, 'the list') as Record<string, TApi>;
  }

  /**
   * A 200 answer must be a JSON object of entities that are JSON objects: a proxy's page or a bare value is
   * not "no entities" (a later write would start from nothing), and an entity of `null` or `42` is not one
   * a PATCH could be computed from.
   */
  #answer(body: unknown, what: string): Record<string, unknown> {
    if (!isPlainRecord(body)) {
      throw new SecurityModelError(this.kind, [{ path: 'response', message: `the server answered ${what} with ${typeName(body)}, not a JSON object of entities`, exact: false }]);
    }
    // a refusal sent with a 2xx (a proxy, a filter): not an entity named `error`, and not "the others are absent"
    if (isErrorDocument(body)) {
      const type = openSearchErrorOf(body)?.type ?? '';
      const shown = /^[\w.]{1,100}$/.test(type) ? ` (${type})` : '';
      throw new SecurityModelError(this.kind, [{ path: 'response', message: `the server answered ${what} with an OpenSearch error document${shown}, not a JSON object of entities`, exact: false }]);
    }
    const bad = Object.entries(body).filter(([, entity]) => !isPlainRecord(entity));
    if (bad.length > 0) {
      throw new SecurityModelError(this.kind, bad.slice(0, 10).map(([name, entity]) => ({ path: `response.${name}`, message: `the server answered ${what} with ${typeName(entity)} for '${name}', not a JSON object`, exact: false })));
    }
    return body;
  }

  /** All entities, typed. */
  async list(): Promise<Record<string, Stored<TModel>>> {
    const [raw, flavour, codec] = await Promise.all([this.listRaw(), this.ctx.flavour(), this.#codec()]);
    const out: Record<string, Stored<TModel>> = {};
    // setOwn: an entity named `__proto__` stays an entry
    for (const [name, json] of Object.entries(raw)) setOwn(out, name, codec.fromApi(json, flavour));
    return out;
  }

  /** One entity as the API returns it, or undefined when it does not exist. */
  async getRaw(name: string): Promise<TApi | undefined> {
    try {
      const res = await this.named(name, (path) => this.ctx.transport.request('GET', path));
      const body = this.#answer(res.body, `'${name}'`) as Record<string, TApi>;
      // own entries only: `constructor` or `toString` is not an entity the server returned
      if (Object.hasOwn(body, name)) return body[name];
      // 200 without the entity: not "absent" (an ensure would then create it over the real one)
      throw new SecurityModelError(this.kind, [{ path: 'response', message: `the server answered 200 for '${name}' without that entity`, exact: false }]);
    } catch (err) {
      if (isEntityNotFound(err, this.kind, name)) return undefined;
      throw err;
    }
  }

  /** One entity, typed, or undefined when it does not exist. */
  async get(name: string): Promise<Stored<TModel> | undefined> {
    const [raw, flavour] = await Promise.all([this.getRaw(name), this.ctx.flavour()]);
    return raw === undefined ? undefined : await this.fromApi(raw, flavour);
  }

  /** Creates or replaces an entity (PUT: replaces it wholesale). 201 when created, 200 when replaced. */
  async put(name: string, model: TModel): Promise<WriteResult> {
    const flavour = await this.ctx.flavour();
    const body = await this.toApi(model, flavour);
    assertWithinRestLimits(this.kind, name, flavour, nonEmptyBody(this.kind, body), { nameInPath: true });
    return this.putRaw(name, body);
  }

  /** PUT with an API-shaped body, unvalidated. */
  async putRaw(name: string, body: TApi): Promise<WriteResult> {
    return this.ctx.conflicts.run(async () =>
      toWriteResult(await this.named(name, (path) => this.ctx.transport.request('PUT', path, nonEmptyBody(this.kind, body)))));
  }

  /** PATCH the whole collection (paths start with `/<name>`; a whole entity whose name holds `~0` or `~1` is refused: use put/delete). */
  patch(operations: JsonPatchOperation[]): Promise<WriteResult>;
  /** PATCH one entity (paths are relative to it, e.g. `/users/-`). */
  patch(name: string, operations: JsonPatchOperation[]): Promise<WriteResult>;
  /**
   * A 409 is retried unless an operation addresses a list entry by position (`/users/2`, not the append `/users/-`):
   * after another write landed the position may hold another entry, so that 409 is thrown for the caller to read again.
   */
  async patch(nameOrOps: string | JsonPatchOperation[], maybeOps?: JsonPatchOperation[]): Promise<WriteResult> {
    // two arguments are patch(name, operations): a list given as the name is a bad name, not a collection PATCH
    if (maybeOps !== undefined && typeof nameOrOps !== 'string') this.path(nameOrOps as never);
    const collection = Array.isArray(nameOrOps);
    const ops = checkedOperations(collection ? nameOrOps : maybeOps);
    if (collection) refuseMisreadEntityPaths(this.kind, ops);
    refuseMisshapenValues(this.kind, ops, collection, collection ? undefined : nameOrOps as string);
    const send = collection
      ? async () => toWriteResult(await this.ctx.transport.request('PATCH', this.collectionPath(), ops))
      : async () => toWriteResult(await this.named(nameOrOps, (path) => this.ctx.transport.request('PATCH', path, ops)));
    return ops.some((op) => positionalPath(op.path, collection)) ? send() : this.ctx.conflicts.run(send);
  }

  /** Deletes an entity. */
  async delete(name: string): Promise<WriteResult> {
    return this.ctx.conflicts.run(async () => toWriteResult(await this.named(name, (path) => this.ctx.transport.request('DELETE', path))));
  }

  /** The body `ensure` creates an entity with (users check that it carries a password). */
  protected createBody(desired: TApi, _model: TModel): TApi {
    return desired;
  }

  /**
   * Makes the entity equal to `model` and writes nothing when it already is. Equality ignores fields the
   * server adds (reserved, hidden, static, hash), list order and DLS formatting (not how its numbers are
   * written; a blank DLS is none on 3.x only). An existing entity is
   * changed with one PATCH of the differing top-level fields; a missing one is created with PUT.
   */
  async ensure(name: string, model: TModel): Promise<EnsureResult> {
    return this.ensureWith(name, model, []);
  }

  /**
   * `ensure` with extra operations to apply when the entity exists (even if otherwise unchanged). Each write is computed
   * from the read just before it and sent once: a 409, a 429/502/503/504, a lost connection or a timeout, and a PATCH
   * of an entity deleted meanwhile (404), re-read and compute the write again (never re-sending one computed from an
   * older read), within the conflict policy's attempts and time. A write whose answer was lost is not sent again when
   * the read after it finds it applied: a creating PUT then reports `created`, and the fields of a lost PATCH stay in
   * `changedFields` whatever a later attempt writes.
   */
  protected async ensureWith(name: string, model: TModel, extraOperations: JsonPatchOperation[]): Promise<EnsureResult> {
    const flavour = await this.ctx.flavour();
    const desired = await this.toApi(model, flavour);
    const pluginVersion = flavourPluginVersion(flavour);
    const round = this.ctx.conflicts.begin();
    // a write of ours whose answer was lost (it may have been applied), whether it was the PUT creating the entity, and
    // the fields every lost PATCH wrote (each may have landed: a later attempt's fields do not replace them)
    let lostWrite = false;
    let lostCreate = false;
    const lostFields = new Set<string>();
    let last: unknown;
    try {
      for (let attempt = 1; ; attempt++) {
        const actual = await this.getRaw(name);
        // still absent: a creating PUT of ours whose answer was lost did not create it (or it is gone again)
        if (actual === undefined) lostCreate = false;
        let fields: string[] = [];
        try {
          if (actual === undefined) {
            const body = nonEmptyBody(this.kind, this.createBody(desired, model));
            assertWithinRestLimits(this.kind, name, flavour, body, { nameInPath: true });
            const res = await this.#sendOnce('PUT', name, body);
            // 200: another client created it between our read and our PUT, which replaced it wholesale (every field)
            return res.statusCode === 201
              ? { name, action: 'created', changedFields: [] }
              : { name, action: 'updated', changedFields: Object.keys(canonicalFields(this.kind, desired, pluginVersion)) };
          }
          fields = changedFields(this.kind, desired, actual, pluginVersion);
          const ops = [...fieldOperations(this.kind, desired, actual, '', flavour.userShape, pluginVersion), ...extraOperations];
          if (ops.length === 0) {
            // equal now: a lost write of ours most likely made it so
            if (lostCreate) return { name, action: 'created', changedFields: [] };
            return lostWrite ? { name, action: 'updated', changedFields: [...lostFields] } : { name, action: 'unchanged', changedFields: [] };
          }
          assertWithinRestLimits(this.kind, name, flavour, entityAfterPatch(actual, ops), { before: actual });
          await this.#sendOnce('PATCH', name, ops);
          return lostCreate ? { name, action: 'created', changedFields: [] } : { name, action: 'updated', changedFields: [...new Set([...lostFields, ...fields])] };
        } catch (err) {
          if (!(isConflictRetryable(err) || isRetryable(err) || (actual !== undefined && isEntityNotFound(err, this.kind, name)))) throw err;
          last = err;
          if (answerLost(err, this.ctx.conflicts.signal)) {
            lostWrite = true;
            if (actual === undefined) lostCreate = true;
            else for (const field of fields) lostFields.add(field);
          }
        }
        if (!(await round.next(attempt))) break;
      }
    } catch (err) {
      // a failure after a write of ours may have been applied is never a clean refusal
      if (!lostWrite || answerLost(err, this.ctx.conflicts.signal)) throw err;
      throw this.ctx.typedError(unconfirmedWrite(`could not ensure ${this.kind} '${name}' after writing to it`, err));
    }
    if (lostWrite && !answerLost(last, this.ctx.conflicts.signal)) throw this.ctx.typedError(unconfirmedWrite(`could not ensure ${this.kind} '${name}'`, last));
    throw last;
  }

  /** One write to the entity, sent once (a re-send by the client's retry policy would land a write computed from an older read). */
  async #sendOnce(method: 'PUT' | 'PATCH', name: string, body: unknown): Promise<WriteResult> {
    return toWriteResult(await this.named(name, (path) => this.ctx.transport.request(method, path, body, { once: true })));
  }
}
