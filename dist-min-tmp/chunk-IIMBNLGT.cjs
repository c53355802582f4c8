"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } async function _asyncNullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return await rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; } async function _asyncOptionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = await fn(value); } else if (op === 'call' || op === 'optionalCall') { value = await fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; } var _class; var _class2;

var _chunkZCS3BYHScjs = require('./chunk-ZCS3BYHS.cjs');




var _chunkCPZWHQJFcjs = require('./chunk-CPZWHQJF.cjs');


var _chunkOJEGTGWYcjs = require('./chunk-OJEGTGWY.cjs');














var _chunk3Z7MCOS5cjs = require('./chunk-3Z7MCOS5.cjs');


var _chunkMBVEGIUYcjs = require('./chunk-MBVEGIUY.cjs');






var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/security/conflict.ts
var CONFLICT_DEFAULTS = { conflictAttempts: 12, settleMs: 200, maxElapsedMs: 6e4, minDelayMs: 25, maxDelayMs: 1e3 };
function number(name, value, fallback, integer) {
  if (value === void 0) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || integer && !Number.isInteger(value)) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)(name, `${name} must be a finite ${integer ? "integer" : "number"} >= 0, got ${typeof value === "number" ? String(value) : typeof value}`);
  }
  return value;
}
function resolveConflictOptions(options) {
  const signal = options.signal;
  if (signal !== void 0 && (signal === null || typeof signal !== "object" || typeof signal.aborted !== "boolean" || typeof signal.addEventListener !== "function")) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("signal", "signal must be an AbortSignal");
  }
  return {
    conflictAttempts: Math.max(1, number("conflictAttempts", options.conflictAttempts, CONFLICT_DEFAULTS.conflictAttempts, true)),
    settleMs: number("settleMs", options.settleMs, CONFLICT_DEFAULTS.settleMs, false),
    maxElapsedMs: number("maxElapsedMs", options.maxElapsedMs, CONFLICT_DEFAULTS.maxElapsedMs, false),
    signal
  };
}
var ConflictRound = class {
  #options;
  #started = performance.now();
  /** @internal */
  constructor(options) {
    this.#options = options;
  }
  /**
   * Waits before the attempt after failed attempt `attempt` (1-based). Resolves false, at once, when no
   * attempt is left (`conflictAttempts` used, or the wait would end past `maxElapsedMs`); rejects with the
   * abort reason as soon as the signal aborts.
   */
  async next(attempt) {
    const { conflictAttempts, maxElapsedMs, signal } = this.#options;
    if (_optionalChain([signal, 'optionalAccess', _ => _.aborted])) throw signal.reason;
    if (attempt >= conflictAttempts) return false;
    const delayMs = _chunkCPZWHQJFcjs.computeDelay.call(void 0, attempt, CONFLICT_DEFAULTS);
    if (performance.now() - this.#started + delayMs > maxElapsedMs) return false;
    await _chunkCPZWHQJFcjs.sleep.call(void 0, delayMs, signal);
    return true;
  }
};
var ConflictRetry = class {
  #options;
  constructor(options = {}) {
    this.#options = resolveConflictOptions(options);
  }
  /** Most attempts of one operation. */
  get attempts() {
    return this.#options.conflictAttempts;
  }
  /** The caller's abort signal, if any. */
  get signal() {
    return this.#options.signal;
  }
  /** Starts the attempts of one operation. */
  begin() {
    return new ConflictRound(this.#options);
  }
  /** Runs a write, repeating it while it fails with 409 CONFLICT and attempts and time are left. */
  async run(write) {
    const round = this.begin();
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (!_chunkCPZWHQJFcjs.isConflictRetryable.call(void 0, err) || !await round.next(attempt)) throw err;
      }
    }
  }
  /** Waits `settleMs` (abortable) before a write is verified by reading it back. */
  settle() {
    return _chunkCPZWHQJFcjs.sleep.call(void 0, this.#options.settleMs, this.#options.signal);
  }
};

// src/security/canonical.ts
var set = (a) => [...new Set(_nullishCoalesce(a, () => ( [])))].sort();
var text = (s) => s === void 0 || s === null || s === "" ? null : s;
var sortByJson = (items) => items.map((i) => [JSON.stringify(i), i]).sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0).map(([, i]) => i);
function indexPermission(p) {
  return {
    index_patterns: set(p.index_patterns),
    allowed_actions: set(p.allowed_actions),
    dls: typeof p.dls === "string" && p.dls.trim() !== "" ? _chunk3Z7MCOS5cjs.canonicalDls.call(void 0, p.dls) : null,
    fls: set((_nullishCoalesce(p.fls, () => ( []))).map((f) => f.startsWith("!") ? `~${f.slice(1)}` : f)),
    masked_fields: set(p.masked_fields)
  };
}
function tenantPermission(p) {
  return { tenant_patterns: set(p.tenant_patterns), allowed_actions: set(p.allowed_actions) };
}
function canonicalFields(kind, entity) {
  switch (kind) {
    case "roles": {
      const r = entity;
      return {
        description: text(r.description),
        cluster_permissions: set(r.cluster_permissions),
        index_permissions: sortByJson((_nullishCoalesce(r.index_permissions, () => ( []))).map(indexPermission)),
        tenant_permissions: sortByJson((_nullishCoalesce(r.tenant_permissions, () => ( []))).map(tenantPermission))
      };
    }
    case "roleMappings": {
      const m = entity;
      return {
        description: text(m.description),
        users: set(m.users),
        backend_roles: set(m.backend_roles),
        and_backend_roles: set(m.and_backend_roles),
        hosts: set(m.hosts)
      };
    }
    case "users": {
      const u = entity;
      const attributes = {};
      for (const k of Object.keys(_nullishCoalesce(u.attributes, () => ( {}))).sort()) attributes[k] = _nullishCoalesce((_nullishCoalesce(u.attributes, () => ( {})))[k], () => ( null));
      return {
        description: text(u.description),
        backend_roles: set(_nullishCoalesce(u.backend_roles, () => ( u.roles))),
        opendistro_security_roles: set(u.opendistro_security_roles),
        attributes
      };
    }
    case "actionGroups": {
      const g = entity;
      return { description: text(g.description), allowed_actions: set(g.allowed_actions), type: text(g.type) };
    }
    case "tenants":
      return { description: text(entity.description) };
  }
}
function changedFields(kind, desired, actual) {
  const a = canonicalFields(kind, desired);
  const b = canonicalFields(kind, actual);
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

// src/security/patch.ts
function escapePointerToken(token) {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
function pointer(...tokens) {
  return tokens.map((t) => `/${escapePointerToken(String(t))}`).join("");
}
function assertSupportedOperations(ops) {
  if (ops.length === 0) throw new RangeError('a JSON patch needs at least one operation (the plugin answers "Wrong request body")');
  for (const op of ops) {
    const name = op.op;
    if (name !== "add" && name !== "replace" && name !== "remove") {
      throw new RangeError(`Unsupported patch operation: ${String(name)}. Supported are: remove,replace,add`);
    }
    if (typeof op.path !== "string" || op.path !== "" && !op.path.startsWith("/")) {
      throw new RangeError(`invalid JSON pointer ${JSON.stringify(op.path)}`);
    }
  }
}

// src/security/operations.ts
function nonEmptyBody(kind, body) {
  if (Object.keys(body).length > 0) return body;
  switch (kind) {
    case "roles":
      return { cluster_permissions: [] };
    case "roleMappings":
      return { users: [] };
    case "actionGroups":
      return { allowed_actions: [] };
    default:
      return { description: "" };
  }
}
var ARRAY_FIELDS = /* @__PURE__ */ new Set([
  "cluster_permissions",
  "index_permissions",
  "tenant_permissions",
  "users",
  "backend_roles",
  "roles",
  "and_backend_roles",
  "hosts",
  "opendistro_security_roles",
  "allowed_actions"
]);
function fieldOperations(kind, desired, actual, base, userShape = "backend_roles") {
  const ops = [];
  const d = desired;
  const a = actual;
  for (const field of changedFields(kind, desired, actual)) {
    const wire = kind === "users" && field === "backend_roles" && userShape === "roles" ? "roles" : field;
    const value = d[wire];
    const path = `${base}${pointer(wire)}`;
    if (value !== void 0) ops.push({ op: "add", path, value });
    else if (ARRAY_FIELDS.has(wire)) ops.push({ op: "add", path, value: [] });
    else if (wire === "attributes") ops.push({ op: "add", path, value: {} });
    else if (a[wire] !== void 0) ops.push({ op: "remove", path });
  }
  return ops;
}

// src/security/write-result.ts
function toWriteResult(res) {
  const body = _nullishCoalesce(res.body, () => ( {}));
  return {
    statusCode: res.statusCode,
    status: typeof body.status === "string" ? body.status : String(_nullishCoalesce(body.status, () => ( ""))),
    message: typeof body.message === "string" ? body.message : ""
  };
}

// src/security/resources/resource.ts
function isNotFound(err) {
  return err instanceof _chunkSHQPWJW6cjs.SecurityApiError && err.statusCode === 404 && err.resourceState === "not-found";
}
var SecurityResourceApi = class {
  /** @internal */
  
  /** The resource kind (as used by `plan`). */
  
  /** The endpoint below `<prefix>/api/`, e.g. `rolesmapping`. */
  
  #codec;
  constructor(ctx, kind, endpoint, codec) {
    this.ctx = ctx;
    this.kind = kind;
    this.endpoint = endpoint;
    this.#codec = codec;
  }
  /** Converts a model into the API shape for this cluster (validating it). */
  toApi(model, flavour) {
    return this.#codec.toApi(model, flavour);
  }
  /** Converts an API entity into the model. */
  fromApi(json, flavour) {
    return this.#codec.fromApi(json, flavour);
  }
  /** The path of the collection, or of one entity, below the security prefix. */
  path(name) {
    return name === void 0 ? `api/${this.endpoint}` : `api/${this.endpoint}/${encodeURIComponent(name)}`;
  }
  /** All entities as the API returns them (hidden ones omitted unless you are a REST admin). */
  async listRaw() {
    const res = await this.ctx.transport.request("GET", this.path());
    return _nullishCoalesce(res.body, () => ( {}));
  }
  /** All entities, typed. */
  async list() {
    const [raw, flavour] = await Promise.all([this.listRaw(), this.ctx.flavour()]);
    const out = {};
    for (const [name, json] of Object.entries(raw)) out[name] = this.fromApi(json, flavour);
    return out;
  }
  /** One entity as the API returns it, or undefined when it does not exist. */
  async getRaw(name) {
    try {
      const res = await this.ctx.transport.request("GET", this.path(name));
      return (_nullishCoalesce(res.body, () => ( {})))[name];
    } catch (err) {
      if (isNotFound(err)) return void 0;
      throw err;
    }
  }
  /** One entity, typed, or undefined when it does not exist. */
  async get(name) {
    const [raw, flavour] = await Promise.all([this.getRaw(name), this.ctx.flavour()]);
    return raw === void 0 ? void 0 : this.fromApi(raw, flavour);
  }
  /** Creates or replaces an entity (PUT: replaces it wholesale). 201 when created, 200 when replaced. */
  async put(name, model) {
    const body = this.toApi(model, await this.ctx.flavour());
    return this.putRaw(name, body);
  }
  /** PUT with an API-shaped body, unvalidated. */
  async putRaw(name, body) {
    return this.ctx.conflicts.run(async () => toWriteResult(await this.ctx.transport.request("PUT", this.path(name), nonEmptyBody(this.kind, body))));
  }
  async patch(nameOrOps, maybeOps) {
    const name = typeof nameOrOps === "string" ? nameOrOps : void 0;
    const ops = typeof nameOrOps === "string" ? _nullishCoalesce(maybeOps, () => ( [])) : nameOrOps;
    assertSupportedOperations(ops);
    return this.ctx.conflicts.run(async () => toWriteResult(await this.ctx.transport.request("PATCH", this.path(name), ops)));
  }
  /** Deletes an entity. */
  async delete(name) {
    return this.ctx.conflicts.run(async () => toWriteResult(await this.ctx.transport.request("DELETE", this.path(name))));
  }
  /** The body `ensure` creates an entity with (users check that it carries a password). */
  createBody(desired, _model) {
    return desired;
  }
  /**
   * Makes the entity equal to `model` and writes nothing when it already is. Equality ignores fields the
   * server adds (reserved, hidden, static, hash), list order and DLS formatting. An existing entity is
   * changed with one PATCH of the differing top-level fields; a missing one is created with PUT.
   */
  async ensure(name, model) {
    return this.ensureWith(name, model, []);
  }
  /** `ensure` with extra operations to apply when the entity exists (even if otherwise unchanged). */
  async ensureWith(name, model, extraOperations) {
    const flavour = await this.ctx.flavour();
    const desired = this.toApi(model, flavour);
    const actual = await this.getRaw(name);
    if (actual === void 0) {
      const res = await this.putRaw(name, this.createBody(desired, model));
      return { name, action: res.statusCode === 201 ? "created" : "updated", changedFields: [] };
    }
    const fields = changedFields(this.kind, desired, actual);
    const ops = [...fieldOperations(this.kind, desired, actual, "", flavour.userShape), ...extraOperations];
    if (ops.length === 0) return { name, action: "unchanged", changedFields: [] };
    await this.patch(name, ops);
    return { name, action: "updated", changedFields: fields };
  }
};

// src/security/master-user.ts
var ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+/;
var ASSUMED_ROLE_ARN = /^arn:aws[a-zA-Z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/.+/;
var MASTER_ROLES = ["all_access", "security_manager"];
async function addMasterUser(mappings, userOrArn) {
  const assumed = ASSUMED_ROLE_ARN.exec(userOrArn);
  if (assumed !== null) {
    throw new RangeError(
      `${userOrArn} is an STS session; FGAC sees the role itself: map arn:aws:iam::${assumed[1]}:role/${assumed[2]} (with its path, if any)`
    );
  }
  const field = ROLE_ARN.test(userOrArn) ? "backend_roles" : "users";
  const result = { field, mappings: [], skipped: [] };
  for (const role of MASTER_ROLES) {
    try {
      result.mappings.push(await mappings.addValues(role, field, [userOrArn]));
    } catch (err) {
      if (isNotFound(err) && err.resourceName === role) {
        result.skipped.push({ role, reason: err.reason });
      } else if (err instanceof _chunkSHQPWJW6cjs.SecurityApiError && err.statusCode === 403 && err.reason === "Access denied") {
        result.skipped.push({
          role,
          reason: "Access denied: the role grants REST API admin permissions (restapi:admin/*), so only a REST API admin may change its mapping"
        });
      } else {
        throw err;
      }
    }
  }
  return result;
}

// src/security/masked-fields.ts
var KNOWN_DIGEST_ALGORITHMS = _chunk3Z7MCOS5cjs.digestNames.call(void 0, );
function parseMaskedFieldExpression(source, options = {}) {
  const a = _chunk3Z7MCOS5cjs.analyzeMaskedField.call(void 0, source, options);
  const error = _nullishCoalesce(a.rejected, () => ( a.failsOnUse));
  if (error !== void 0 || a.expression === void 0) {
    return { ok: false, source, error: error ? { ...error } : { code: "token-count", message: "unparsable", exact: false } };
  }
  return { ok: true, source, expression: structuredClone(a.expression), warnings: [...a.warnings] };
}

// src/security/model.ts
var SecurityModelError = (_class = class extends Error {
  __init() {this.name = "SecurityModelError"}
  
  constructor(entity, issues) {
    super(`invalid ${entity}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);_class.prototype.__init.call(this);;
    this.issues = issues;
  }
}, _class);
var copy = (a) => a === void 0 ? void 0 : [...a];
function maskedToString(field) {
  return typeof field === "string" ? field : _chunk3Z7MCOS5cjs.formatMaskedFieldExpression.call(void 0, field);
}
function validateRole(role, options = {}) {
  const errors = [];
  const warnings = [];
  const dialect = _nullishCoalesce(options.dialect, () => ( "v2"));
  (_nullishCoalesce(role.index_permissions, () => ( []))).forEach((perm, i) => {
    const at = `index_permissions[${i}]`;
    if (!Array.isArray(perm.index_patterns) || perm.index_patterns.length === 0) {
      warnings.push({ path: `${at}.index_patterns`, message: "no index patterns: the permission applies to no index", exact: false });
    }
    if (typeof perm.dls === "string" && perm.dls.trim() !== "") {
      const check = _chunk3Z7MCOS5cjs.checkDlsText.call(void 0, perm.dls, { rawVariables: true });
      if (check.status === "rejected") warnings.push({ path: `${at}.dls`, message: `${check.message} (the plugin accepts it on PUT, evaluation fails)`, exact: false });
      else if (check.status === "ignored-text") warnings.push({ path: `${at}.dls`, message: check.message, exact: false });
    }
    (_nullishCoalesce(perm.fls, () => ( []))).forEach((entry, j) => {
      const path = `${at}.fls[${j}]`;
      const parsed = _chunk3Z7MCOS5cjs.parseFlsPattern.call(void 0, _chunk3Z7MCOS5cjs.formatFlsEntry.call(void 0, entry), { dialect });
      if (!parsed.ok) errors.push({ path, message: parsed.error.message, exact: parsed.error.exact });
      else parsed.warnings.forEach((message) => warnings.push({ path, message, exact: false }));
    });
    _chunk3Z7MCOS5cjs.flsListWarnings.call(void 0, _nullishCoalesce(perm.fls, () => ( []))).forEach((message) => warnings.push({ path: `${at}.fls`, message, exact: false }));
    (_nullishCoalesce(perm.masked_fields, () => ( []))).forEach((field, j) => {
      const path = `${at}.masked_fields[${j}]`;
      let source;
      try {
        source = maskedToString(field);
      } catch (err) {
        errors.push({ path, message: err instanceof Error ? err.message : String(err), exact: false });
        return;
      }
      const parsed = parseMaskedFieldExpression(source, { dialect, extraAlgorithms: options.extraAlgorithms });
      if (!parsed.ok) errors.push({ path, message: parsed.error.message, exact: parsed.error.exact });
      else parsed.warnings.forEach((message) => warnings.push({ path, message, exact: false }));
    });
  });
  return { errors, warnings };
}
function toApiRole(role, options = {}) {
  if (!options.skipValidation) {
    const { errors } = validateRole(role, options);
    if (errors.length > 0) throw new SecurityModelError("role", errors);
  }
  const out = {};
  if (role.description !== void 0) out.description = role.description;
  if (role.cluster_permissions !== void 0) out.cluster_permissions = [...role.cluster_permissions];
  if (role.index_permissions !== void 0) {
    out.index_permissions = role.index_permissions.map((perm) => {
      const api = { index_patterns: [...perm.index_patterns] };
      if (perm.dls !== void 0) api.dls = typeof perm.dls === "string" ? perm.dls : _chunk3Z7MCOS5cjs.serializeDls.call(void 0, perm.dls);
      if (perm.fls !== void 0) api.fls = perm.fls.map(_chunk3Z7MCOS5cjs.formatFlsEntry);
      if (perm.masked_fields !== void 0) api.masked_fields = perm.masked_fields.map(maskedToString);
      if (perm.allowed_actions !== void 0) api.allowed_actions = [...perm.allowed_actions];
      return api;
    });
  }
  if (role.tenant_permissions !== void 0) {
    out.tenant_permissions = role.tenant_permissions.map((perm) => {
      const api = { tenant_patterns: [...perm.tenant_patterns] };
      if (perm.allowed_actions !== void 0) api.allowed_actions = [...perm.allowed_actions];
      return api;
    });
  }
  return out;
}
function flagsOf(json) {
  const flags = {};
  if (json.reserved !== void 0) flags.reserved = json.reserved;
  if (json.hidden !== void 0) flags.hidden = json.hidden;
  if (json.static !== void 0) flags.static = json.static;
  return flags;
}
function fromApiRole(json, options = {}) {
  const role = { ...flagsOf(json) };
  if (json.description !== void 0 && json.description !== null) role.description = json.description;
  role.cluster_permissions = _nullishCoalesce(copy(json.cluster_permissions), () => ( []));
  role.index_permissions = (_nullishCoalesce(json.index_permissions, () => ( []))).map((api) => {
    const perm = { index_patterns: _nullishCoalesce(copy(api.index_patterns), () => ( [])) };
    perm.allowed_actions = _nullishCoalesce(copy(api.allowed_actions), () => ( []));
    if (typeof api.dls === "string" && api.dls !== "") {
      try {
        perm.dls = _chunk3Z7MCOS5cjs.parseDls.call(void 0, api.dls);
      } catch (e) {
        perm.dls = api.dls;
      }
    }
    perm.fls = (_nullishCoalesce(api.fls, () => ( []))).map(_chunk3Z7MCOS5cjs.toFlsEntry);
    perm.masked_fields = (_nullishCoalesce(api.masked_fields, () => ( []))).map((source) => {
      const parsed = parseMaskedFieldExpression(source, { dialect: options.dialect, extraAlgorithms: options.extraAlgorithms });
      return parsed.ok && maskedToString(parsed.expression) === source ? parsed.expression : source;
    });
    return perm;
  });
  role.tenant_permissions = (_nullishCoalesce(json.tenant_permissions, () => ( []))).map((api) => ({
    tenant_patterns: _nullishCoalesce(copy(api.tenant_patterns), () => ( [])),
    allowed_actions: _nullishCoalesce(copy(api.allowed_actions), () => ( []))
  }));
  return role;
}
function invalidUserNameMessage(name) {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, " "));
  } catch (e2) {
  }
  return decoded.includes(":") ? "A restricted character(s) was detected in the account name. Please remove: ':'" : null;
}
function toApiUser(user, options = {}) {
  const out = {};
  if (user.password !== void 0) out.password = user.password;
  if (user.hash !== void 0) out.hash = user.hash;
  if (user.backend_roles !== void 0) {
    if (options.userShape === "roles") out.roles = [...user.backend_roles];
    else out.backend_roles = [...user.backend_roles];
  }
  if (user.opendistro_security_roles !== void 0) out.opendistro_security_roles = [...user.opendistro_security_roles];
  if (user.attributes !== void 0) out.attributes = { ...user.attributes };
  if (user.description !== void 0) out.description = user.description;
  return out;
}
function fromApiUser(json) {
  const user = { ...flagsOf(json) };
  user.backend_roles = _nullishCoalesce(copy(_nullishCoalesce(json.backend_roles, () => ( json.roles))), () => ( []));
  user.opendistro_security_roles = _nullishCoalesce(copy(json.opendistro_security_roles), () => ( []));
  user.attributes = { ..._nullishCoalesce(json.attributes, () => ( {})) };
  if (json.description !== void 0 && json.description !== null) user.description = json.description;
  return user;
}
function toApiRoleMapping(mapping) {
  const out = {};
  if (mapping.users !== void 0) out.users = [...mapping.users];
  if (mapping.backend_roles !== void 0) out.backend_roles = [...mapping.backend_roles];
  if (mapping.and_backend_roles !== void 0) out.and_backend_roles = [...mapping.and_backend_roles];
  if (mapping.hosts !== void 0) out.hosts = [...mapping.hosts];
  if (mapping.description !== void 0) out.description = mapping.description;
  return out;
}
function fromApiRoleMapping(json) {
  const out = {
    ...flagsOf(json),
    users: _nullishCoalesce(copy(json.users), () => ( [])),
    backend_roles: _nullishCoalesce(copy(json.backend_roles), () => ( [])),
    and_backend_roles: _nullishCoalesce(copy(json.and_backend_roles), () => ( [])),
    hosts: _nullishCoalesce(copy(json.hosts), () => ( []))
  };
  if (json.description !== void 0 && json.description !== null) out.description = json.description;
  return out;
}
function toApiActionGroup(group) {
  const out = { allowed_actions: [...group.allowed_actions] };
  if (group.type !== void 0) out.type = group.type;
  if (group.description !== void 0) out.description = group.description;
  return out;
}
function fromApiActionGroup(json) {
  const out = { ...flagsOf(json), allowed_actions: _nullishCoalesce(copy(json.allowed_actions), () => ( [])) };
  if (json.type !== void 0 && json.type !== null) out.type = json.type;
  if (json.description !== void 0 && json.description !== null) out.description = json.description;
  return out;
}
function toApiTenant(tenant) {
  return tenant.description === void 0 ? {} : { description: tenant.description };
}
function fromApiTenant(json) {
  const out = { ...flagsOf(json) };
  if (json.description !== void 0 && json.description !== null) out.description = json.description;
  return out;
}

// src/security/plan-secrets.ts
var realOperations = /* @__PURE__ */ new WeakMap();
function redacted(value, depth = 0) {
  if (value === null || typeof value !== "object" || depth > 16) return { value, found: false };
  if (Array.isArray(value)) {
    let found2 = false;
    const out2 = value.map((item) => {
      const r = redacted(item, depth + 1);
      found2 ||= r.found;
      return r.value;
    });
    return { value: out2, found: found2 };
  }
  let found = false;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (_chunkSHQPWJW6cjs.isSensitiveKey.call(void 0, key)) {
      found = true;
      Object.defineProperty(out, key, { value: _chunkSHQPWJW6cjs.REDACTED, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const r = redacted(item, depth + 1);
    found ||= r.found;
    Object.defineProperty(out, key, { value: r.value, enumerable: true, writable: true, configurable: true });
  }
  return { value: out, found };
}
function shownOperation(op) {
  if (op.op === "remove") return op;
  const shown = _chunkSHQPWJW6cjs.isSensitivePatchPath.call(void 0, op.path) ? { ...op, value: _chunkSHQPWJW6cjs.REDACTED } : (() => {
    const r = redacted(op.value);
    return r.found ? { ...op, value: r.value } : op;
  })();
  if (shown !== op) realOperations.set(shown, op);
  return shown;
}
function holdsPlaceholder(op) {
  if (op.op === "remove") return false;
  if (_chunkSHQPWJW6cjs.isSensitivePatchPath.call(void 0, op.path)) return op.value === _chunkSHQPWJW6cjs.REDACTED;
  const walk = (value, depth) => {
    if (value === null || typeof value !== "object" || depth > 16) return false;
    if (Array.isArray(value)) return value.some((item) => walk(item, depth + 1));
    return Object.entries(value).some(([key, item]) => _chunkSHQPWJW6cjs.isSensitiveKey.call(void 0, key) ? item === _chunkSHQPWJW6cjs.REDACTED : walk(item, depth + 1));
  };
  return walk(op.value, 0);
}
function sentOperation(op, where) {
  const real = realOperations.get(op);
  if (real !== void 0) return real;
  if (holdsPlaceholder(op)) {
    throw new SecurityModelError("plan", [{
      path: where,
      message: `the value at ${op.path} was redacted in the plan and is not known here: apply the plan object plan() returned in this process, or plan again`,
      exact: false
    }]);
  }
  return op;
}

// src/security/resources/users.ts
function checkUserName(name, entity = "user name") {
  const message = invalidUserNameMessage(name);
  if (message !== null) throw new SecurityModelError(entity, [{ path: "name", message, exact: true }]);
}
function checkNewUser(user, entity = "user") {
  if (user.password === void 0 && user.hash === void 0) {
    throw new SecurityModelError(entity, [{ path: "password", message: "a new internal user needs a password or a hash", exact: false }]);
  }
}
var UsersApi = class extends SecurityResourceApi {
  /** @internal */
  constructor(ctx) {
    super(ctx, "users", "internalusers", { toApi: (model, flavour) => toApiUser(model, { userShape: flavour.userShape }), fromApi: (json) => fromApiUser(json) });
  }
  /** Creates or replaces a user; an existing user keeps its password when none is given. */
  async put(name, model) {
    checkUserName(name);
    return super.put(name, model);
  }
  createBody(desired, model) {
    checkNewUser(model);
    return desired;
  }
  /**
   * Makes the user equal to `model` (backend roles, security roles, attributes, description). The password
   * (or hash) is only used to create the user, unless `updatePassword` is set: hashes cannot be compared,
   * so then it is always written.
   */
  async ensure(name, model, options = {}) {
    checkUserName(name);
    const extra = [];
    if (options.updatePassword && model.password !== void 0) extra.push({ op: "add", path: "/password", value: model.password });
    else if (options.updatePassword && model.hash !== void 0) extra.push({ op: "add", path: "/hash", value: model.hash });
    return this.ensureWith(name, model, extra);
  }
};

// src/security/plan.ts
var APPLY_ORDER = ["actionGroups", "tenants", "roles", "roleMappings", "users"];
function emptyPlan(kind) {
  return { kind, created: [], changed: [], unchanged: [], deleted: [], skipped: [], operations: [] };
}
function protectedState(entity) {
  if (entity.hidden) return "hidden";
  if (entity.static) return "static";
  if (entity.reserved) return "reserved";
  return void 0;
}
function passwordOperation(name, user) {
  if (user.password !== void 0) return { op: "add", path: pointer(name, "password"), value: user.password };
  if (user.hash !== void 0) return { op: "add", path: pointer(name, "hash"), value: user.hash };
  return void 0;
}
async function planKind(source, kind, wanted, result, flavour, options) {
  const resource = source.resource(kind);
  const actualAll = await resource.listRaw();
  const push = (ops) => {
    for (const op of ops) result.operations.push(shownOperation(op));
  };
  for (const [name, model] of Object.entries(wanted)) {
    const body = resource.toApi(model, flavour);
    const actual = actualAll[name];
    if (actual === void 0) {
      if (kind === "users") {
        checkUserName(name, `user '${name}'`);
        checkNewUser(model, `user '${name}'`);
      }
      push([{ op: "add", path: pointer(name), value: nonEmptyBody(kind, body) }]);
      result.created.push(name);
      continue;
    }
    const fields = changedFields(kind, body, actual);
    const ops = fieldOperations(kind, body, actual, pointer(name), flavour.userShape);
    if (kind === "users" && options.updatePasswords) {
      const op = passwordOperation(name, model);
      if (op !== void 0) ops.push(op);
    }
    if (ops.length === 0) {
      result.unchanged.push(name);
      continue;
    }
    const state = protectedState(actual);
    if (state !== void 0) {
      result.skipped.push({ name, reason: `${state}: the REST API refuses to change it (differs in ${fields.join(", ") || "password"})` });
      continue;
    }
    push(ops);
    result.changed.push({ name, fields: fields.length > 0 ? fields : ["password"] });
  }
  if (!options.prune) return;
  for (const [name, actual] of Object.entries(actualAll)) {
    if (Object.prototype.hasOwnProperty.call(wanted, name) || protectedState(actual) !== void 0) continue;
    if (kind === "users" && name === options.caller) {
      result.skipped.push({ name, reason: "the calling user is never pruned" });
      continue;
    }
    result.operations.push({ op: "remove", path: pointer(name) });
    result.deleted.push(name);
  }
}
async function planSecurity(source, desired, options = {}) {
  const flavour = await source.flavour();
  const plan = {
    prefix: flavour.prefix,
    actionGroups: emptyPlan("actionGroups"),
    tenants: emptyPlan("tenants"),
    roles: emptyPlan("roles"),
    roleMappings: emptyPlan("roleMappings"),
    users: emptyPlan("users"),
    empty: true
  };
  const caller = options.prune && desired.users !== void 0 ? await source.callerName() : void 0;
  for (const kind of APPLY_ORDER) {
    const wanted = desired[kind];
    if (wanted === void 0) continue;
    await planKind(source, kind, wanted, plan[kind], flavour, { ...options, ...caller !== void 0 ? { caller } : {} });
  }
  plan.empty = APPLY_ORDER.every((kind) => plan[kind].operations.length === 0);
  return plan;
}

// src/security/apply.ts
async function applySecurityPlan(source, plan) {
  const applied = [];
  for (const kind of APPLY_ORDER) {
    const shown = plan[kind].operations;
    if (shown.length === 0) continue;
    const ops = shown.map((op, i) => sentOperation(op, `${kind}.operations[${i}]`));
    const result = await source.resource(kind).patch(ops);
    applied.push({ kind, operations: ops.length, result });
  }
  return { applied };
}

// src/security/plugin-status.ts
async function readAuthInfo(transport) {
  return (await transport.request("GET", "authinfo")).body;
}
async function readHealth(transport) {
  return (await transport.request("GET", "health")).body;
}
async function flushAuthCache(transport) {
  return toWriteResult(await transport.request("DELETE", "api/cache"));
}

// src/security/resources/endpoint.ts
var SecurityEndpoint = class {
  #transport;
  #path;
  /** @internal */
  constructor(transport, path) {
    this.#transport = transport;
    this.#path = path;
  }
  /** Reads the document. */
  async get() {
    return (await this.#transport.request("GET", this.#path)).body;
  }
  /** Sends `body` with `method` to the document's path; resolves to the response. */
  send(method, body) {
    return this.#transport.request(method, this.#path, body);
  }
};

// src/security/resources/account.ts
var AccountApi = class extends SecurityEndpoint {
  /** @internal */
  constructor(transport) {
    super(transport, "api/account");
  }
  /** Changes the calling internal user's password (not allowed for internal users on Amazon OpenSearch Service); both passwords are secrets of the client. */
  async changePassword(currentPassword, newPassword) {
    return toWriteResult(await this.send("PUT", { current_password: currentPassword, password: newPassword }));
  }
};

// src/security/resources/action-groups.ts
var ActionGroupsApi = class extends SecurityResourceApi {
  /** @internal */
  constructor(ctx) {
    super(ctx, "actionGroups", "actiongroups", { toApi: toApiActionGroup, fromApi: fromApiActionGroup });
  }
};

// src/security/resources/role-mappings.ts
function uniq(values) {
  return [...new Set(values)];
}
function isRetryableRound(err, creating) {
  if (_chunkCPZWHQJFcjs.isConflictRetryable.call(void 0, err)) return true;
  if (!(err instanceof _chunkSHQPWJW6cjs.SecurityApiError)) return false;
  if (err.statusCode === 400 && /^Missing field |out of bound/i.test(err.reason)) return true;
  return !creating && err.statusCode === 404 && /^rolesmapping '/.test(err.reason);
}
var RoleMappingsApi = class extends SecurityResourceApi {
  /** @internal */
  constructor(ctx) {
    super(ctx, "roleMappings", "rolesmapping", { toApi: toApiRoleMapping, fromApi: fromApiRoleMapping });
  }
  /** Maps users to `role` (appends; creates the mapping if needed). */
  addUsers(role, users) {
    return this.addValues(role, "users", users);
  }
  /** Unmaps users from `role`. */
  removeUsers(role, users) {
    return this.removeValues(role, "users", users);
  }
  /** Maps backend roles (e.g. IAM role ARNs) to `role`. */
  addBackendRoles(role, backendRoles) {
    return this.addValues(role, "backend_roles", backendRoles);
  }
  /** Unmaps backend roles from `role`. */
  removeBackendRoles(role, backendRoles) {
    return this.removeValues(role, "backend_roles", backendRoles);
  }
  /** Adds backend roles that are all required (`and_backend_roles`). */
  addAndBackendRoles(role, backendRoles) {
    return this.addValues(role, "and_backend_roles", backendRoles);
  }
  /** Removes entries of `and_backend_roles`. */
  removeAndBackendRoles(role, backendRoles) {
    return this.removeValues(role, "and_backend_roles", backendRoles);
  }
  /** Maps hosts to `role`. */
  addHosts(role, hosts) {
    return this.addValues(role, "hosts", hosts);
  }
  /** Unmaps hosts from `role`. */
  removeHosts(role, hosts) {
    return this.removeValues(role, "hosts", hosts);
  }
  async #settledContains(role, field, values) {
    await this.ctx.conflicts.settle();
    const after = await this.getRaw(role);
    const list = _nullishCoalesce(_optionalChain([after, 'optionalAccess', _2 => _2[field]]), () => ( []));
    return values.every((v) => list.includes(v));
  }
  /** The error of a round that ran out of attempts or time, through the error boundary. */
  #gaveUp(what, role, attempts) {
    return this.ctx.typedError(new Error(`could not ${what} role mapping '${role}' in ${attempts} attempts`));
  }
  /**
   * Adds values to a list of the mapping without losing concurrent changes:
   * - non-empty list: one PATCH of `add /<field>/-` per missing value (appends commute; 409 -> re-read, retry);
   * - empty list: the plugin drops empty lists before applying a patch, so `/<field>/-` fails; the list is
   *   set with `add /<field>` and re-read after `settleMs`, and the round repeats if a concurrent writer's
   *   set replaced ours (and vice versa);
   * - no mapping: created with PUT (the role must exist), then verified the same way.
   */
  async addValues(role, field, values) {
    const wanted = uniq(values);
    const result = { role, field, created: false, changed: [], unchanged: [], suspectedCollateral: [], attempts: 0 };
    if (wanted.length === 0) return result;
    const initiallyPresent = /* @__PURE__ */ new Set();
    const path = this.path(role);
    const round = this.ctx.conflicts.begin();
    let done = false;
    for (let attempt = 1; ; attempt++) {
      result.attempts = attempt;
      const current = await this.getRaw(role);
      const list = _nullishCoalesce(_optionalChain([current, 'optionalAccess', _3 => _3[field]]), () => ( []));
      if (attempt === 1) {
        for (const v of wanted) if (list.includes(v)) initiallyPresent.add(v);
      }
      const missing = wanted.filter((v) => !list.includes(v));
      if (current !== void 0 && missing.length === 0) {
        done = true;
        break;
      }
      try {
        if (current === void 0) {
          const res = await this.ctx.transport.request("PUT", path, { [field]: missing });
          if (res.statusCode === 201) result.created = true;
          done = await this.#settledContains(role, field, wanted);
        } else if (list.length === 0) {
          await this.ctx.transport.request("PATCH", path, [{ op: "add", path: pointer(field), value: missing }]);
          done = await this.#settledContains(role, field, wanted);
        } else {
          await this.ctx.transport.request("PATCH", path, missing.map((value) => ({ op: "add", path: pointer(field, "-"), value })));
          done = true;
        }
      } catch (err) {
        if (!isRetryableRound(err, current === void 0)) throw err;
      }
      if (done || !await round.next(attempt)) break;
    }
    if (!done) throw this.#gaveUp(`add ${field} to`, role, result.attempts);
    result.changed = wanted.filter((v) => !initiallyPresent.has(v));
    result.unchanged = wanted.filter((v) => initiallyPresent.has(v));
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
  async removeValues(role, field, values) {
    const targets = new Set(uniq(values));
    const result = { role, field, created: false, changed: [], unchanged: [], suspectedCollateral: [], attempts: 0 };
    if (targets.size === 0) return result;
    const removed = /* @__PURE__ */ new Set();
    const path = this.path(role);
    const round = this.ctx.conflicts.begin();
    let initiallyAbsent;
    let done = false;
    for (let attempt = 1; ; attempt++) {
      result.attempts = attempt;
      const current = await this.getRaw(role);
      const list = _nullishCoalesce(_optionalChain([current, 'optionalAccess', _4 => _4[field]]), () => ( []));
      initiallyAbsent ??= [...targets].filter((v) => !list.includes(v));
      const indices = list.flatMap((v, i) => targets.has(v) ? [i] : []).sort((a, b) => b - a);
      if (current === void 0 || indices.length === 0) {
        done = true;
        break;
      }
      try {
        await this.ctx.transport.request("PATCH", path, indices.map((i) => ({ op: "remove", path: pointer(field, i) })));
        for (const i of indices) removed.add(list[i]);
        const after = await _asyncNullishCoalesce(await _asyncOptionalChain([(await this.getRaw(role)), 'optionalAccess', async _5 => _5[field]]), async () => ( []));
        for (const v of list) {
          if (!targets.has(v) && !after.includes(v) && !result.suspectedCollateral.includes(v)) result.suspectedCollateral.push(v);
        }
        done = !after.some((v) => targets.has(v));
      } catch (err) {
        if (!isRetryableRound(err, false)) throw err;
      }
      if (done || !await round.next(attempt)) break;
    }
    if (!done) throw this.#gaveUp(`remove ${field} from`, role, result.attempts);
    result.unchanged = _nullishCoalesce(initiallyAbsent, () => ( []));
    result.changed = [...targets].filter((v) => removed.has(v));
    return result;
  }
};

// src/security/resources/roles.ts
var RolesApi = class extends SecurityResourceApi {
  /** @internal */
  constructor(ctx) {
    super(ctx, "roles", "roles", {
      toApi: (model, flavour) => toApiRole(model, { dialect: flavour.dialect }),
      fromApi: (json, flavour) => fromApiRole(json, { dialect: flavour.dialect })
    });
  }
};

// src/security/resources/tenancy-config.ts
var TenancyConfigApi = class extends SecurityEndpoint {
  /** @internal */
  constructor(transport) {
    super(transport, "api/tenancy/config");
  }
  /** Updates the tenancy configuration; returns the resulting configuration. */
  async put(config) {
    return (await this.send("PUT", config)).body;
  }
};

// src/security/resources/tenants.ts
var TenantsApi = class extends SecurityResourceApi {
  /** @internal */
  constructor(ctx) {
    super(ctx, "tenants", "tenants", { toApi: toApiTenant, fromApi: fromApiTenant });
  }
};

// src/security/compat.ts
function flavourFromRoot(root) {
  const distribution = _nullishCoalesce(_optionalChain([root, 'access', _6 => _6.version, 'optionalAccess', _7 => _7.distribution]), () => ( "elasticsearch"));
  const version = _nullishCoalesce(_optionalChain([root, 'access', _8 => _8.version, 'optionalAccess', _9 => _9.number]), () => ( "unknown"));
  const major = _nullishCoalesce(_chunk3Z7MCOS5cjs.pluginMajorVersion.call(void 0, version), () => ( 0));
  if (distribution.toLowerCase() === "opensearch") {
    return { prefix: "_plugins/_security", userShape: "backend_roles", dialect: major >= 3 ? "v3" : "v2", distribution, version };
  }
  return {
    prefix: "_opendistro/_security",
    userShape: major > 0 && major <= 6 ? "roles" : "backend_roles",
    dialect: "v2",
    distribution,
    version
  };
}
var DEFAULT_FLAVOUR = {
  prefix: "_plugins/_security",
  userShape: "backend_roles",
  dialect: "v2",
  distribution: "unknown",
  version: "unknown"
};

// src/security/transport.ts
var MAX_DEPTH = 8;
function collectSecrets(body, secrets, depth = 0) {
  if (body === null || typeof body !== "object" || depth > MAX_DEPTH) return;
  if (Array.isArray(body)) {
    for (const item of body) collectSecrets(item, secrets, depth + 1);
    return;
  }
  const record = body;
  if (_chunkSHQPWJW6cjs.isSensitivePatchPath.call(void 0, record.path) && "value" in record) addAll(record.value, secrets, depth + 1);
  for (const [key, value] of Object.entries(record)) {
    if (_chunkSHQPWJW6cjs.isSensitiveKey.call(void 0, key)) addAll(value, secrets, depth + 1);
    else collectSecrets(value, secrets, depth + 1);
  }
}
function addAll(value, secrets, depth) {
  if (typeof value === "string") secrets.add(value);
  else if (value !== null && typeof value === "object" && depth <= MAX_DEPTH) {
    for (const item of Object.values(value)) addAll(item, secrets, depth + 1);
  }
}
var PREFIXES = ["_plugins/_security", "_opendistro/_security"];
var USER_SHAPES = ["backend_roles", "roles"];
var DIALECTS = ["v2", "v3"];
function checkChoice(name, value, allowed) {
  if (value !== void 0 && (typeof value !== "string" || !allowed.includes(value))) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)(name, `${name} must be one of ${allowed.join(", ")}, got ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : typeof value}`);
  }
}
function checkTransportInput(client, options) {
  const transport = client !== null && typeof client === "object" ? client.transport : void 0;
  if (transport === null || typeof transport !== "object" || typeof transport.request !== "function") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("client", "client must be an opensearch-js Client (an object whose transport has request())");
  }
  if (options !== void 0 && (options === null || typeof options !== "object")) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options", "options must be an object");
  const o = _nullishCoalesce(options, () => ( {}));
  checkChoice("prefix", o.prefix, PREFIXES);
  checkChoice("userShape", o.userShape, USER_SHAPES);
  checkChoice("dialect", o.dialect, DIALECTS);
}
var ClientSecurityTransport = class {
  #client;
  #options;
  /** The client's secret set(s): the one its transport's error boundary reads, and the one keyed by the Client. */
  #secrets;
  #detected;
  constructor(client, options = {}) {
    checkTransportInput(client, options);
    this.#client = client;
    this.#options = { ...options };
    const own = _chunkOJEGTGWYcjs.secretsOf.call(void 0, client.transport);
    const byClient = _chunkOJEGTGWYcjs.secretsOf.call(void 0, client);
    this.#secrets = own === byClient ? [own] : [own, byClient];
  }
  /**
   * The prefix, user shape and dialect in use: the options given, the rest detected once from `GET /`
   * (if `GET /` is refused with 403, OpenSearch 2.x defaults are assumed).
   */
  flavour() {
    const { prefix, userShape, dialect } = this.#options;
    if (prefix !== void 0 && userShape !== void 0 && dialect !== void 0) {
      return Promise.resolve({ prefix, userShape, dialect, distribution: "unknown", version: "unknown" });
    }
    this.#detected ??= this.#detect().catch((err) => {
      this.#detected = void 0;
      throw err;
    });
    return this.#detected.then((found) => ({
      ...found,
      prefix: _nullishCoalesce(prefix, () => ( found.prefix)),
      userShape: _nullishCoalesce(userShape, () => ( found.userShape)),
      dialect: _nullishCoalesce(dialect, () => ( found.dialect))
    }));
  }
  async #detect() {
    try {
      const res = await this.#send({ method: "GET", path: "/" });
      return flavourFromRoot(_nullishCoalesce(res.body, () => ( {})));
    } catch (err) {
      const typed = this.typedError(err);
      if (typed instanceof Error && typed.statusCode === 403) return DEFAULT_FLAVOUR;
      throw typed;
    }
  }
  /** Sends a request below the security prefix; see {@link SecurityTransport.request}. */
  async request(method, path, body) {
    if (body !== void 0) for (const set2 of this.#secrets) collectSecrets(body, set2);
    const { prefix } = await this.flavour();
    const target = `/${prefix}/${path}`;
    try {
      const res = await this.#send(body === void 0 ? { method, path: target } : { method, path: target, body });
      return { body: res.body, statusCode: _nullishCoalesce(res.statusCode, () => ( 0)) };
    } catch (err) {
      throw this.typedError(err);
    }
  }
  /** Passes an error through the error boundary with this client's secrets (errors the helpers build themselves too). */
  typedError(err) {
    let typed = err;
    for (const secrets of this.#secrets) typed = _chunkMBVEGIUYcjs.toTypedError.call(void 0, typed, { secrets });
    return typed;
  }
  /** One request, ended at once when the signal aborts (the client's own `abort()` is called too). */
  #send(params) {
    return _chunkZCS3BYHScjs.abortableRequest.call(void 0, () => this.#client.transport.request(params), this.#options.signal);
  }
};

// src/security/version-gate.ts
var SecurityApiUnavailableError = (_class2 = class extends Error {
  __init2() {this.name = "SecurityApiUnavailableError"}
  /** The call, e.g. `flushUserCache`. */
  
  /** The first OpenSearch / plugin version that has it, e.g. `3.1.0`. */
  
  /** The version detected from `GET /` (`version.number`). */
  
  /** `opensearch`, `elasticsearch`, ... */
  
  constructor(operation, requiredVersion, flavour) {
    super(`${operation} needs OpenSearch security plugin ${requiredVersion} or later; the cluster runs ${flavour.distribution} ${flavour.version}`);_class2.prototype.__init2.call(this);;
    this.operation = operation;
    this.requiredVersion = requiredVersion;
    this.detectedVersion = flavour.version;
    this.distribution = flavour.distribution;
  }
}, _class2);
function atLeast(flavour, major, minor) {
  if (flavour.distribution.toLowerCase() !== "opensearch") return flavour.distribution === "unknown" ? void 0 : false;
  const v = _chunk3Z7MCOS5cjs.parsePluginVersion.call(void 0, flavour.version);
  if (v === void 0) return void 0;
  return v.major > major || v.major === major && v.minor >= minor;
}
async function readPermissionsInfo(transport) {
  return (await transport.request("GET", "api/permissionsinfo")).body;
}
async function flushUserCache(transport, flavour, username) {
  if (typeof username !== "string" || username === "") throw new (0, _chunkSHQPWJW6cjs.ConfigError)("username", "flushUserCache: username must be a non-empty string");
  if (flavour.prefix !== "_plugins/_security" || atLeast(flavour, 3, 1) === false) throw new SecurityApiUnavailableError("flushUserCache", "3.1.0", flavour);
  return toWriteResult(await transport.request("DELETE", `api/cache/user/${encodeURIComponent(username)}`));
}

// src/security/api.ts
var SecurityApi = class {
  
  
  
  
  
  
  
  #transport;
  #planSource;
  /** Options are validated here: a bad client, `prefix`, `userShape`, `dialect`, `conflictAttempts`, `settleMs`, `maxElapsedMs` or `signal` is a ConfigError naming it. */
  constructor(client, options = {}) {
    checkTransportInput(client, options);
    const conflicts = new ConflictRetry(options);
    const transport = new ClientSecurityTransport(client, {
      ...options.prefix !== void 0 ? { prefix: options.prefix } : {},
      ...options.userShape !== void 0 ? { userShape: options.userShape } : {},
      ...options.dialect !== void 0 ? { dialect: options.dialect } : {},
      ...conflicts.signal !== void 0 ? { signal: conflicts.signal } : {}
    });
    this.#transport = transport;
    const ctx = {
      transport,
      conflicts,
      flavour: () => transport.flavour(),
      typedError: (err) => transport.typedError(err)
    };
    this.users = new UsersApi(ctx);
    this.roles = new RolesApi(ctx);
    this.roleMappings = new RoleMappingsApi(ctx);
    this.actionGroups = new ActionGroupsApi(ctx);
    this.tenants = new TenantsApi(ctx);
    this.account = new AccountApi(transport);
    this.tenancyConfig = new TenancyConfigApi(transport);
    const byKind = {
      roles: this.roles,
      roleMappings: this.roleMappings,
      users: this.users,
      actionGroups: this.actionGroups,
      tenants: this.tenants
    };
    this.#planSource = {
      flavour: () => transport.flavour(),
      callerName: async () => (await readAuthInfo(transport)).user_name,
      resource: (kind) => byKind[kind]
    };
  }
  /**
   * The prefix, user shape and dialect in use: the constructor's options, the rest detected once from `GET /`
   * (if `GET /` is refused with 403, OpenSearch 2.x defaults are assumed).
   */
  flavour() {
    return this.#transport.flavour();
  }
  /**
   * Sends a request below the security prefix (`path` like `api/roles/x` or `authinfo`). Non-2xx responses
   * throw the typed errors of `toTypedError` (`SecurityApiError` for the REST API's own refusals), redacted.
   */
  request(method, path, body) {
    return this.#transport.request(method, path, body);
  }
  /** Who the plugin thinks the caller is (`GET <prefix>/authinfo`). */
  authInfo() {
    return readAuthInfo(this.#transport);
  }
  /** Security plugin health (`GET <prefix>/health`). */
  health() {
    return readHealth(this.#transport);
  }
  /** Flushes the plugin's authentication cache (`DELETE <prefix>/api/cache`). */
  flushCache() {
    return flushAuthCache(this.#transport);
  }
  /** Whether the caller may use the security REST API and which endpoints are disabled for it (`GET <prefix>/api/permissionsinfo`). */
  permissionsInfo() {
    return readPermissionsInfo(this.#transport);
  }
  /** Flushes the caches of one user (`DELETE _plugins/_security/api/cache/user/<name>`, plugin 3.1+; older: SecurityApiUnavailableError). */
  async flushUserCache(username) {
    return flushUserCache(this.#transport, await this.#transport.flavour(), username);
  }
  /**
   * Maps a principal to `all_access` and `security_manager`, as the Amazon OpenSearch Service guide does for
   * an additional master user (IAM role ARN -> `backend_roles`, anything else -> `users`; STS sessions refused);
   * roles missing here or reserved for REST API admins are reported in `skipped`.
   */
  addMasterUser(userOrArn) {
    return addMasterUser(this.roleMappings, userOrArn);
  }
  /**
   * The JSON Patch operations (one collection PATCH per resource type) that turn the cluster's configuration
   * into `desired`. Only the types present in `desired` are planned; with `prune: true`, entities of those
   * types missing from `desired` are deleted (reserved, static and hidden ones, and the calling user, are skipped).
   * Password and hash values in the plan read `[REDACTED]`.
   */
  plan(desired, options = {}) {
    return planSecurity(this.#planSource, desired, options);
  }
  /** Applies a plan made by `plan()`: one PATCH per resource type with operations, in dependency order; 409s are retried. */
  apply(plan) {
    return applySecurityPlan(this.#planSource, plan);
  }
};

















exports.parseMaskedFieldExpression = parseMaskedFieldExpression; exports.SecurityModelError = SecurityModelError; exports.validateRole = validateRole; exports.toApiRole = toApiRole; exports.fromApiRole = fromApiRole; exports.toApiUser = toApiUser; exports.fromApiUser = fromApiUser; exports.toApiRoleMapping = toApiRoleMapping; exports.fromApiRoleMapping = fromApiRoleMapping; exports.toApiActionGroup = toApiActionGroup; exports.fromApiActionGroup = fromApiActionGroup; exports.toApiTenant = toApiTenant; exports.fromApiTenant = fromApiTenant; exports.SecurityApiUnavailableError = SecurityApiUnavailableError; exports.SecurityApi = SecurityApi;
//# sourceMappingURL=chunk-IIMBNLGT.cjs.map