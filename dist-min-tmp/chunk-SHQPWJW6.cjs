"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; } var _class; var _class2; var _class3; var _class4; var _class5; var _class6; var _class7; var _class8; var _class9; var _class10; var _class11; var _class12;// src/errors/redact.ts
var REDACTED = "[REDACTED]";
var SENSITIVE_EXACT = /* @__PURE__ */ new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "xamzsecuritytoken",
  "xamzsignature",
  "xamzcredential",
  "signature",
  "credential",
  "credentials",
  "hash",
  "xedgeadmin"
]);
var SENSITIVE_SUFFIXES = ["password", "passwd", "secret", "token", "secretaccesskey", "apikey", "privatekey", "passphrase"];
var MAX_DEPTH = 16;
var MAX_BINARY_AS_TEXT = 4 * 1024 * 1024;
function isSensitiveKey(name) {
  if (typeof name !== "string" || name.length === 0 || name.length > 200) return false;
  const normalized = name.toLowerCase().replace(/[-_. ]/g, "");
  if (SENSITIVE_EXACT.has(normalized)) return true;
  return SENSITIVE_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}
var JSON_PAIR = /"([^"\\\n]{1,100})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
var ESCAPED_JSON_PAIR = /\\"([^"\\\n]{1,100})\\"(\s*:\s*)\\"((?:[^"\\]|\\[^"])*)\\"/g;
var HEADER_LINE = /^([ \t]*)([A-Za-z0-9_-]{1,100})([ \t]*:[ \t]*)([^\r\n]*)$/gm;
var KEY_EQ = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,100})=/g;
var PAIR_VALUE = /(?:(?:Basic|Bearer|Digest|Negotiate|AWS4-HMAC-SHA256)[ \t]+)?[^&\s"',;)]+/y;
var FLAT_OBJECT = /\{[^{}]{1,4000}\}/g;
var PATCH_PATH = /\\?"path\\?"\s*:\s*\\?"([^"\\]{0,500})\\?"/;
var PATCH_VALUE = /("value"\s*:\s*)("(?:[^"\\]|\\.)*"|[^,}\s]+)/;
var ESCAPED_PATCH_VALUE = /(\\"value\\"\s*:\s*)(\\"(?:[^"\\]|\\[^"])*\\"|[^,}\s\\]+)/;
var AUTH_SCHEME = /\b(Basic|Bearer|Negotiate|AWS4-HMAC-SHA256)([ \t]+)(?!realm\b)([A-Za-z0-9+/._~=-]{6,})/g;
var JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
var ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
var BCRYPT = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;
var URL_USERINFO = /\b([a-z][a-z0-9+.-]{0,20}:\/\/)([^/\s@?#"]+)@/gi;
function looksLikeCredential(token) {
  return /[0-9+/=]/.test(token) || /[A-Z]/.test(token.slice(1)) || token.length >= 20;
}
function redactKeyValues(text) {
  let out = "";
  let copied = 0;
  KEY_EQ.lastIndex = 0;
  for (let m = KEY_EQ.exec(text); m !== null; m = KEY_EQ.exec(text)) {
    if (!isSensitiveKey(_nullishCoalesce(m[1], () => ( "")))) continue;
    const valueStart = m.index + m[0].length;
    PAIR_VALUE.lastIndex = valueStart;
    if (!PAIR_VALUE.test(text)) continue;
    out += `${text.slice(copied, valueStart)}${REDACTED}`;
    copied = PAIR_VALUE.lastIndex;
    KEY_EQ.lastIndex = copied;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
function isSensitivePatchPath(path) {
  if (typeof path !== "string") return false;
  const last = path.slice(path.lastIndexOf("/") + 1).replace(/~1/g, "/").replace(/~0/g, "~");
  return isSensitiveKey(last);
}
function redactPatchOps(text) {
  if (!text.includes("path")) return text;
  return text.replace(FLAT_OBJECT, (object) => {
    const path = PATCH_PATH.exec(object);
    if (path === null || !isSensitivePatchPath(path[1])) return object;
    return object.replace(PATCH_VALUE, (_m, head, value) => `${head}${value.startsWith('"') ? `"${REDACTED}"` : REDACTED}`).replace(ESCAPED_PATCH_VALUE, (_m, head, value) => `${head}${value.startsWith('\\"') ? `\\"${REDACTED}\\"` : REDACTED}`);
  });
}
function redactSecretValues(text, secrets) {
  if (secrets === void 0 || secrets.empty || typeof text !== "string" || text.length === 0) return text;
  let out = text;
  for (const form of secrets.forms()) {
    if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  return out;
}
function redactText(text, secrets) {
  if (typeof text !== "string" || text.length === 0) return typeof text === "string" ? text : "";
  try {
    const structured = redactPatchOps(redactSecretValues(text, secrets)).replace(URL_USERINFO, (_m, scheme) => `${scheme}${REDACTED}@`).replace(JSON_PAIR, (m, key, sep) => isSensitiveKey(key) ? `"${key}"${sep}"${REDACTED}"` : m).replace(
      ESCAPED_JSON_PAIR,
      (m, key, sep) => isSensitiveKey(key) ? `\\"${key}\\"${sep}\\"${REDACTED}\\"` : m
    ).replace(
      HEADER_LINE,
      (m, indent, key, sep) => isSensitiveKey(key) ? `${indent}${key}${sep}${REDACTED}` : m
    );
    return redactKeyValues(structured).replace(
      AUTH_SCHEME,
      (m, scheme, space, token) => looksLikeCredential(token) ? `${scheme}${space}${REDACTED}` : m
    ).replace(JWT, REDACTED).replace(ACCESS_KEY_ID, REDACTED).replace(BCRYPT, REDACTED);
  } catch (e2) {
    return REDACTED;
  }
}
function setOwn(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
function redactExcerpt(text, max, secrets) {
  const redacted = redactText(text, secrets);
  if (redacted.length <= max) return redacted;
  let end = Math.max(0, max);
  const last = redacted.charCodeAt(end - 1);
  if (last >= 55296 && last <= 56319) end -= 1;
  return `${redacted.slice(0, end)}\u2026`;
}
function redactHeaders(headers, secrets) {
  const out = {};
  if (headers === null || typeof headers !== "object") return out;
  try {
    for (const [rawName, value] of Object.entries(headers)) {
      const name = redactText(rawName, secrets);
      if (isSensitiveKey(rawName)) setOwn(out, name, REDACTED);
      else if (typeof value === "string") setOwn(out, name, redactText(value, secrets));
      else if (value !== null && typeof value === "object") setOwn(out, name, redactValue(value, secrets));
      else setOwn(out, name, typeof value === "function" ? void 0 : value);
    }
  } catch (e3) {
  }
  return out;
}
function redactUrl(url, secrets) {
  let text;
  try {
    text = typeof url === "string" ? url : String(url);
  } catch (e4) {
    return REDACTED;
  }
  return redactText(text, secrets);
}
function isConnectionLike(value) {
  return "url" in value && value.url instanceof URL && "headers" in value;
}
function redactUrlObject(url, secrets) {
  try {
    const copy = new URL(url.href);
    if (copy.username !== "" || copy.password !== "") {
      copy.username = "REDACTED";
      copy.password = "";
    }
    for (const key of [...copy.searchParams.keys()]) {
      if (isSensitiveKey(key)) copy.searchParams.set(key, REDACTED);
    }
    if (secrets !== void 0 && !secrets.empty && redactSecretValues(copy.href, secrets) !== copy.href) {
      return new URL(`${copy.protocol}//${copy.host}/`);
    }
    return copy;
  } catch (e5) {
    return new URL("http://redacted.invalid/");
  }
}
function redactInner(value, depth, seen, secrets) {
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object") return typeof value === "function" ? void 0 : value;
  if (depth > MAX_DEPTH) return "[depth limit]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  try {
    if (value instanceof URL) return redactUrlObject(value, secrets);
    if (value instanceof Date) return new Date(value.getTime());
    if (value instanceof Uint8Array) {
      if (value.length > MAX_BINARY_AS_TEXT) return `[binary ${value.length} bytes]`;
      const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("utf8");
      return text.includes("\uFFFD") ? `[binary ${value.length} bytes]` : redactText(text, secrets);
    }
    if (typeof value.pipe === "function") return "[stream]";
    if (value instanceof Error) return { name: value.name, message: redactText(value.message, secrets) };
    if (Array.isArray(value)) return value.map((item) => redactInner(item, depth + 1, seen, secrets));
    if (isConnectionLike(value)) {
      const c = value;
      return {
        url: redactUrlObject(c.url, secrets),
        id: typeof c.id === "string" ? redactUrl(c.id, secrets) : c.id,
        headers: redactHeaders(typeof c.headers === "object" ? c.headers : null, secrets),
        status: c.status,
        roles: redactInner(c.roles, depth + 1, seen, secrets),
        deadCount: c.deadCount
      };
    }
    const out = {};
    const patch = isSensitivePatchPath(value.path) && "value" in value;
    for (const key of Object.keys(value)) {
      const item = value[key];
      const outKey = redactText(key, secrets);
      if ((isSensitiveKey(key) || patch && key === "value") && item !== null && item !== void 0 && item !== "") setOwn(out, outKey, REDACTED);
      else {
        const redacted = redactInner(item, depth + 1, seen, secrets);
        if (redacted !== void 0) setOwn(out, outKey, redacted);
      }
    }
    return out;
  } catch (e6) {
    return REDACTED;
  } finally {
    seen.delete(value);
  }
}
function redactValue(value, secrets) {
  try {
    return redactInner(value, 0, /* @__PURE__ */ new WeakSet(), secrets);
  } catch (e7) {
    return REDACTED;
  }
}
function redactApiResponse(response, secrets) {
  try {
    const source = response;
    let warnings = null;
    try {
      warnings = _nullishCoalesce(source.warnings, () => ( null));
    } catch (e8) {
      warnings = null;
    }
    const headers = source.headers;
    return {
      body: redactValue(source.body, secrets),
      statusCode: typeof source.statusCode === "number" ? source.statusCode : null,
      headers: headers !== null && typeof headers === "object" ? redactHeaders(headers, secrets) : null,
      warnings: Array.isArray(warnings) ? warnings.map((w) => redactText(String(w), secrets)) : null,
      meta: redactValue(source.meta, secrets)
    };
  } catch (e9) {
    return { body: null, statusCode: null, headers: null, warnings: null, meta: {} };
  }
}

// src/errors/base.ts
var _util = require('util');
var _opensearch = require('@opensearch-project/opensearch');

// src/errors/json-safe.ts
var UNSERIALISABLE = "[unserialisable]";
function bigintAsString(_key, value) {
  return typeof value === "bigint" ? value.toString() : value;
}
function safeJsonText(value) {
  try {
    return JSON.stringify(value, bigintAsString);
  } catch (e10) {
    return JSON.stringify(UNSERIALISABLE);
  }
}
function jsonSafe(value) {
  const text = safeJsonText(value);
  if (text === void 0) return void 0;
  try {
    return JSON.parse(text);
  } catch (e11) {
    return UNSERIALISABLE;
  }
}
function jsonSafeOwn(source) {
  const out = {};
  let keys;
  try {
    keys = Object.keys(source);
  } catch (e12) {
    return out;
  }
  for (const key of keys) {
    let value;
    try {
      value = source[key];
    } catch (e13) {
      value = UNSERIALISABLE;
    }
    const safe = jsonSafe(value);
    if (safe !== void 0) Object.defineProperty(out, key, { value: safe, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// src/errors/base.ts
var FGAC_ERROR = /* @__PURE__ */ Symbol.for("opensearch-fgac.error");
var REQUEST_ID_HEADERS = ["x-amzn-requestid", "x-amz-request-id", "x-request-id", "x-opaque-id"];
var MAX_MESSAGE_LENGTH = 1e3;
function humanMessage(text, secrets) {
  return redactExcerpt(text, MAX_MESSAGE_LENGTH, secrets);
}
function record(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}
function markFgacError(error) {
  Object.defineProperty(error, FGAC_ERROR, { value: true });
}
function isFgacErrorObject(e) {
  if (typeof e !== "object" || e === null) return false;
  try {
    return e[FGAC_ERROR] === true;
  } catch (e14) {
    return false;
  }
}
function requestIdFromHeaders(headers) {
  const h = record(headers);
  if (h === void 0) return void 0;
  try {
    const lower = /* @__PURE__ */ new Map();
    for (const [k, v] of Object.entries(h)) lower.set(k.toLowerCase(), v);
    for (const name of REQUEST_ID_HEADERS) {
      const raw = lower.get(name);
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (typeof value === "string" && value !== "") return value.slice(0, 200);
    }
  } catch (e15) {
    return void 0;
  }
  return void 0;
}
function requestOf(meta, ctx = {}) {
  let method = ctx.method;
  let path = ctx.path;
  try {
    const params = record(_optionalChain([record, 'call', _ => _(_optionalChain([record, 'call', _2 => _2(_optionalChain([record, 'call', _3 => _3(meta), 'optionalAccess', _4 => _4.meta])), 'optionalAccess', _5 => _5.request])), 'optionalAccess', _6 => _6.params]));
    if (method === void 0 && typeof _optionalChain([params, 'optionalAccess', _7 => _7.method]) === "string") method = params.method;
    if (path === void 0 && typeof _optionalChain([params, 'optionalAccess', _8 => _8.path]) === "string") path = params.path;
  } catch (e16) {
  }
  const cleanPath = _nullishCoalesce((_nullishCoalesce(path, () => ( ""))).split("?")[0], () => ( ""));
  return { method: (_nullishCoalesce(method, () => ( ""))).toUpperCase(), path: redactText(cleanPath, ctx.secrets) };
}
var FgacResponseError = class extends _opensearch.errors.ResponseError {
  /** HTTP method of the refused request (upper case). */
  
  /** Path of the refused request, without the query string. */
  
  /** x-amzn-requestid / x-amz-request-id / x-request-id / x-opaque-id of the response, when present. */
  
  /** Set by runWithRetry on the error it finally throws: how many HTTP attempts were made. */
  
  /** Set by runWithRetry on the error it finally throws: milliseconds spent including back-off. */
  
  /** `describe` turns the (redacted) request coordinates into the human message. */
  constructor(meta, describe, name, ctx = {}) {
    const safe = redactApiResponse(meta, ctx.secrets);
    super({ ...safe, body: null });
    this.meta = safe;
    this.name = name;
    const { method, path } = requestOf(safe, ctx);
    this.method = method;
    this.path = path;
    this.requestId = requestIdFromHeaders(safe.headers);
    this.attempts = void 0;
    this.elapsedMs = void 0;
    this.message = humanMessage(describe({ method, path, statusCode: _nullishCoalesce(safe.statusCode, () => ( null)) }), ctx.secrets);
    Error.captureStackTrace(this, new.target);
    markFgacError(this);
  }
  /** A compact, redacted JSON form for logs. */
  toJSON() {
    const json = {
      name: this.name,
      kind: this.kind,
      message: this.message,
      statusCode: this.statusCode,
      method: this.method,
      path: this.path,
      requestId: this.requestId,
      ...this.details(),
      // jsonSafe: a BigInt in the body (enableLongNumeralSupport) must not make JSON.stringify(err) throw.
      body: jsonSafe(redactValue(this.meta.body))
    };
    if (this.attempts !== void 0) json.attempts = this.attempts;
    if (this.elapsedMs !== void 0) json.elapsedMs = this.elapsedMs;
    return json;
  }
  /** Like ResponseError.toString (the JSON of the redacted body), but BigInt-safe: String(err) never throws. */
  toString() {
    return _nullishCoalesce(safeJsonText(this.meta.body), () => ( "undefined"));
  }
  /** util.inspect / console.log output: the stack and the redacted fields, never the raw meta. */
  [_util.inspect.custom](_depth, options) {
    const { name: _name, message: _message, ...rest } = this.toJSON();
    return `${_nullishCoalesce(this.stack, () => ( `${this.name}: ${this.message}`))} ${_util.inspect.call(void 0, rest, { ...options, depth: 4 })}`;
  }
};
var LOOSE_USERINFO = /\b([a-z][a-z0-9+.-]{0,20}:\/\/)[^\s"'`]*@/gi;
var ConfigError = (_class = class extends Error {
  __init() {this.kind = "config"}
  /** The offending option, e.g. `auth.region` or `retry.retries`. */
  
  constructor(option, message) {
    super(redactText(String(message).replace(LOOSE_USERINFO, (_m, scheme) => `${scheme}[REDACTED]@`)));_class.prototype.__init.call(this);;
    this.name = "ConfigError";
    this.option = option;
    markFgacError(this);
  }
  /** A compact JSON form for logs. */
  toJSON() {
    return { name: this.name, kind: this.kind, option: this.option, message: this.message };
  }
}, _class);
var CredentialsError = (_class2 = class extends Error {
  __init2() {this.kind = "credentials"}
  /** Where the credentials were to come from, e.g. `cognito-idp:InitiateAuth`, `env`, `node-default-chain`. */
  
  constructor(source, message, options = {}) {
    super(redactText(message), options.cause === void 0 ? void 0 : { cause: options.cause });_class2.prototype.__init2.call(this);;
    this.name = "CredentialsError";
    this.source = source;
    markFgacError(this);
  }
  /** A compact JSON form for logs (the cause reduced to its redacted name and message). */
  toJSON() {
    return { name: this.name, kind: this.kind, source: this.source, message: this.message, cause: redactValue(this.cause) };
  }
}, _class2);

// src/errors/permission-errors.ts
function list(items) {
  return items.join(", ");
}
var UnauthorizedError = (_class3 = class _UnauthorizedError extends FgacResponseError {
  __init3() {this.kind = "unauthorized"}
  
  
  
  constructor(meta, details, ctx) {
    super(meta, () => _UnauthorizedError.describe(details), "UnauthorizedError", ctx);_class3.prototype.__init3.call(this);;
    this.reason = details.reason;
    this.challenge = details.challenge === void 0 ? void 0 : redactText(details.challenge, _optionalChain([ctx, 'optionalAccess', _9 => _9.secrets]));
    this.bodyText = details.bodyText === void 0 ? void 0 : redactText(details.bodyText, _optionalChain([ctx, 'optionalAccess', _10 => _10.secrets]));
  }
  /** The human message for these details. */
  static describe(d) {
    const challenge = d.challenge === void 0 ? "" : ` (WWW-Authenticate: ${d.challenge})`;
    switch (d.reason) {
      case "bad_credentials":
        return `Authentication failed: the username/password was missing or wrong${challenge}`;
      case "authentication_failed":
        return `Authentication failed: no authentication domain of the security plugin accepted the request's credentials${challenge}`;
      case "bearer_rejected":
        return `Authentication failed: the bearer token (JWT) was missing, invalid or expired${challenge}`;
      default:
        return `Authentication failed (401)${d.bodyText ? `: ${d.bodyText}` : ""}${challenge}`;
    }
  }
  details() {
    return { reason: this.reason, challenge: this.challenge, bodyText: this.bodyText };
  }
}, _class3);
var SecurityExceptionError = (_class4 = class _SecurityExceptionError extends FgacResponseError {
  __init4() {this.kind = "security_exception"}
  
  
  
  
  
  
  constructor(meta, details, ctx) {
    super(meta, () => _SecurityExceptionError.describe(details), "SecurityExceptionError", ctx);_class4.prototype.__init4.call(this);;
    this.actions = [...details.actions];
    this.user = details.user === null ? null : { name: details.user.name, backendRoles: [...details.user.backendRoles] };
    this.requestedTenant = details.requestedTenant;
    this.roles = details.roles === null ? null : [...details.roles];
    this.indices = details.indices === null ? null : [...details.indices];
    this.reason = redactText(details.reason, _optionalChain([ctx, 'optionalAccess', _11 => _11.secrets]));
  }
  /** The human message for these details. */
  static describe(d) {
    const what = d.actions.length > 0 ? list(d.actions) : "a permission this request needs";
    const on = d.indices !== null && d.indices.length > 0 ? ` on [${list(d.indices)}]` : "";
    if (d.user !== null) {
      const roles = d.user.backendRoles.length > 0 ? `backend roles: ${list(d.user.backendRoles)}` : "no backend roles";
      const tenant = d.requestedTenant !== null ? `, tenant: ${d.requestedTenant}` : "";
      return `User ${d.user.name} (${roles}${tenant}) lacks ${what}${on}`;
    }
    if (d.roles !== null) return `Request with injected roles [${list(d.roles)}] lacks ${what}${on}`;
    return `Security plugin denied the request: ${redactExcerpt(d.reason, 300)}`;
  }
  details() {
    return {
      actions: this.actions,
      user: this.user,
      requestedTenant: this.requestedTenant,
      roles: this.roles,
      indices: this.indices,
      reason: this.reason
    };
  }
}, _class4);
var AccessPolicyDeniedError = (_class5 = class _AccessPolicyDeniedError extends FgacResponseError {
  __init5() {this.kind = "access_policy_denied"}
  
  
  
  
  
  
  constructor(meta, details, ctx) {
    super(meta, () => _AccessPolicyDeniedError.describe(details), "AccessPolicyDeniedError", ctx);_class5.prototype.__init5.call(this);;
    this.principal = details.principal;
    this.action = details.action;
    this.resource = details.resource;
    this.explicitDeny = details.explicitDeny;
    this.noAllowingPolicy = details.noAllowingPolicy;
    this.awsMessage = redactText(details.awsMessage, _optionalChain([ctx, 'optionalAccess', _12 => _12.secrets]));
  }
  /** True when the request was not signed (AWS saw `anonymous`). */
  get anonymous() {
    return this.principal === "anonymous";
  }
  /** The human message for these details. */
  static describe(d) {
    const who = d.principal === "anonymous" ? "Unsigned (anonymous) request" : `Request signed for ${d.principal}`;
    const on = d.resource !== void 0 ? ` on ${d.resource}` : "";
    const why = d.explicitDeny ? " (an explicit Deny statement matches)" : d.noAllowingPolicy ? " (no statement allows it)" : "";
    return `${who} denied by the domain access policy: ${d.action}${on}${why}`;
  }
  details() {
    return {
      principal: this.principal,
      action: this.action,
      resource: this.resource,
      explicitDeny: this.explicitDeny,
      noAllowingPolicy: this.noAllowingPolicy,
      awsMessage: this.awsMessage
    };
  }
}, _class5);
var ExpiredCredentialsError = (_class6 = class _ExpiredCredentialsError extends FgacResponseError {
  __init6() {this.kind = "expired_credentials"}
  
  
  constructor(meta, details, ctx) {
    super(meta, () => _ExpiredCredentialsError.describe(details), "ExpiredCredentialsError", ctx);_class6.prototype.__init6.call(this);;
    this.reason = details.reason;
    this.awsMessage = redactText(details.awsMessage, _optionalChain([ctx, 'optionalAccess', _13 => _13.secrets]));
  }
  /** The human message for these details. */
  static describe(d) {
    return d.reason === "expired" ? "The AWS security token of the request is expired: refresh the credentials and sign again" : "The AWS security token of the request is invalid: the access key is unknown or the session token does not belong to it";
  }
  details() {
    return { reason: this.reason, awsMessage: this.awsMessage };
  }
}, _class6);
var SignatureMismatchError = (_class7 = class _SignatureMismatchError extends FgacResponseError {
  __init7() {this.kind = "signature_mismatch"}
  
  
  
  
  constructor(meta, details, ctx) {
    super(meta, () => _SignatureMismatchError.describe(details), "SignatureMismatchError", ctx);_class7.prototype.__init7.call(this);;
    const s = _optionalChain([ctx, 'optionalAccess', _14 => _14.secrets]);
    this.problem = details.problem;
    this.canonicalRequest = details.canonicalRequest === void 0 ? void 0 : redactText(details.canonicalRequest, s);
    this.stringToSign = details.stringToSign === void 0 ? void 0 : redactText(details.stringToSign, s);
    this.awsMessage = redactText(details.awsMessage, s);
  }
  /** The human message for these details. */
  static describe(d) {
    switch (d.problem) {
      case "clock_skew":
        return `SigV4 signature rejected: the request time is too far from AWS's clock (${d.awsMessage})`;
      case "credential_scope":
        return `SigV4 signature rejected: wrong credential scope (${d.awsMessage.trim()})`;
      case "malformed":
        return `SigV4 signature rejected: malformed Authorization (${d.awsMessage.trim()})`;
      default:
        return `SigV4 signature mismatch: AWS computed a different signature (check the secret key, region, service, signed host and body hash${d.canonicalRequest !== void 0 ? "; see canonicalRequest for what AWS signed" : ""})`;
    }
  }
  details() {
    return {
      problem: this.problem,
      canonicalRequest: this.canonicalRequest,
      stringToSign: this.stringToSign,
      awsMessage: this.awsMessage
    };
  }
}, _class7);
var ForbiddenError = (_class8 = class _ForbiddenError extends FgacResponseError {
  __init8() {this.kind = "forbidden"}
  
  
  constructor(meta, details, ctx) {
    super(meta, () => _ForbiddenError.describe(details), "ForbiddenError", ctx);_class8.prototype.__init8.call(this);;
    this.origin = details.origin;
    this.bodyText = details.bodyText === void 0 ? void 0 : redactText(details.bodyText, _optionalChain([ctx, 'optionalAccess', _15 => _15.secrets]));
  }
  /** The human message for these details. */
  static describe(d) {
    if (d.origin === "serverless") {
      return "Forbidden (403) by OpenSearch Serverless: no data access policy (or network policy) of the collection allows this principal and action";
    }
    if (d.origin === "gateway") return `Forbidden (403) by a gateway in front of the domain (load balancer, proxy or WAF)${d.bodyText ? `: ${d.bodyText}` : ""}`;
    return `Forbidden (403)${d.bodyText ? `: ${d.bodyText}` : ""}`;
  }
  details() {
    return { origin: this.origin, bodyText: this.bodyText };
  }
}, _class8);

// src/errors/service-errors.ts
function list2(items) {
  return items.join(", ");
}
var ThrottledError = (_class9 = class _ThrottledError extends FgacResponseError {
  __init9() {this.kind = "throttled"}
  
  
  
  constructor(meta, details, ctx) {
    super(meta, () => _ThrottledError.describe(details), "ThrottledError", ctx);_class9.prototype.__init9.call(this);;
    this.retryAfterMs = details.retryAfterMs;
    this.source = details.source;
    this.reason = redactText(details.reason, _optionalChain([ctx, 'optionalAccess', _16 => _16.secrets]));
  }
  /** The human message for these details. */
  static describe(d) {
    const source = d.source === "rejected_execution" ? " by a full OpenSearch thread pool queue" : d.source === "circuit_breaker" ? " by an OpenSearch circuit breaker" : d.source === "aws" ? " by AWS" : "";
    const after = d.retryAfterMs !== void 0 ? `; retry after ${Math.ceil(d.retryAfterMs / 1e3)} s` : "";
    return `Request throttled (429)${source}${d.reason ? `: ${d.reason}` : ""}${after}`;
  }
  details() {
    return { retryAfterMs: this.retryAfterMs, source: this.source, reason: this.reason };
  }
}, _class9);
var IndexNotFoundError = (_class10 = class _IndexNotFoundError extends FgacResponseError {
  __init10() {this.kind = "index_not_found"}
  
  
  constructor(meta, details, ctx) {
    super(meta, () => _IndexNotFoundError.describe(details), "IndexNotFoundError", ctx);_class10.prototype.__init10.call(this);;
    this.index = details.index;
    this.reason = redactText(details.reason, _optionalChain([ctx, 'optionalAccess', _17 => _17.secrets]));
  }
  /** The human message for these details. */
  static describe(d) {
    return d.index !== "" ? `Index [${d.index}] does not exist` : `Index does not exist: ${d.reason}`;
  }
  details() {
    return { index: this.index, reason: this.reason };
  }
}, _class10);
var SecurityApiError = (_class11 = class _SecurityApiError extends FgacResponseError {
  __init11() {this.kind = "security_api"}
  
  
  
  
  
  
  
  
  
  constructor(meta, details, ctx) {
    super(meta, (request) => _SecurityApiError.describe(details, request), "SecurityApiError", ctx);_class11.prototype.__init11.call(this);;
    this.apiStatus = details.apiStatus;
    this.reason = redactText(details.reason, _optionalChain([ctx, 'optionalAccess', _18 => _18.secrets]));
    this.invalidKeys = [...details.invalidKeys];
    this.missingKeys = [...details.missingKeys];
    this.wrongDatatypes = { ...details.wrongDatatypes };
    this.resourceState = details.resourceState;
    this.resourceName = details.resourceName;
    this.user = details.user;
    this.securityRoles = details.securityRoles === void 0 ? void 0 : [...details.securityRoles];
  }
  /** The human message for these details. */
  static describe(d, request = { method: "", path: "" }) {
    const target = `${request.method} ${request.path}`.trim();
    const parts = [`Security API${target ? ` ${target}` : ""} refused (${d.apiStatus}): ${d.reason}`];
    if (d.invalidKeys.length > 0) parts.push(`invalid keys: ${list2(d.invalidKeys)}`);
    if (d.missingKeys.length > 0) parts.push(`missing keys: ${list2(d.missingKeys)}`);
    const wrong = Object.entries(d.wrongDatatypes);
    if (wrong.length > 0) parts.push(`wrong datatypes: ${wrong.map(([k, v]) => `${k} (${v})`).join(", ")}`);
    return parts.join("; ");
  }
  details() {
    return {
      apiStatus: this.apiStatus,
      reason: this.reason,
      invalidKeys: this.invalidKeys,
      missingKeys: this.missingKeys,
      wrongDatatypes: this.wrongDatatypes,
      resourceState: this.resourceState,
      resourceName: this.resourceName,
      user: this.user,
      securityRoles: this.securityRoles
    };
  }
}, _class11);
var ServiceUnavailableError = (_class12 = class _ServiceUnavailableError extends FgacResponseError {
  __init12() {this.kind = "unavailable"}
  
  
  
  constructor(meta, details, ctx) {
    super(meta, (request) => _ServiceUnavailableError.describe(details, request.statusCode), "ServiceUnavailableError", ctx);_class12.prototype.__init12.call(this);;
    this.securityNotInitialized = details.securityNotInitialized;
    this.retryAfterMs = details.retryAfterMs;
    this.bodyText = details.bodyText === void 0 ? void 0 : redactText(details.bodyText, _optionalChain([ctx, 'optionalAccess', _19 => _19.secrets]));
  }
  /** The human message for these details. */
  static describe(d, statusCode = 503) {
    if (d.securityNotInitialized) return "OpenSearch Security is not initialized yet (503): retry once the security index is ready";
    const label = statusCode === 502 ? "Bad gateway" : statusCode === 504 ? "Gateway timeout" : "Service unavailable";
    return `${label} (${_nullishCoalesce(statusCode, () => ( 503))})${d.bodyText ? `: ${d.bodyText}` : ""}`;
  }
  details() {
    return { securityNotInitialized: this.securityNotInitialized, retryAfterMs: this.retryAfterMs, bodyText: this.bodyText };
  }
}, _class12);

// src/errors/guards.ts


// src/errors/kinds.ts
function entry(ErrorClass, describe, permission, retryable) {
  return { ErrorClass, describe, permission, retryable };
}
var KINDS = {
  unauthorized: entry(UnauthorizedError, (d) => UnauthorizedError.describe(d), true, false),
  security_exception: entry(SecurityExceptionError, (d) => SecurityExceptionError.describe(d), true, false),
  access_policy_denied: entry(AccessPolicyDeniedError, (d) => AccessPolicyDeniedError.describe(d), true, false),
  expired_credentials: entry(ExpiredCredentialsError, (d) => ExpiredCredentialsError.describe(d), true, false),
  signature_mismatch: entry(SignatureMismatchError, (d) => SignatureMismatchError.describe(d), true, false),
  forbidden: entry(ForbiddenError, (d) => ForbiddenError.describe(d), true, false),
  throttled: entry(ThrottledError, (d) => ThrottledError.describe(d), false, true),
  index_not_found: entry(IndexNotFoundError, (d) => IndexNotFoundError.describe(d), false, false),
  security_api: entry(SecurityApiError, (d, r) => SecurityApiError.describe(d, r), false, false),
  unavailable: entry(ServiceUnavailableError, (d, r) => ServiceUnavailableError.describe(d, r.statusCode), false, true)
};
function isResponseKind(kind) {
  return typeof kind === "string" && Object.prototype.hasOwnProperty.call(KINDS, kind);
}

// src/errors/guards.ts
function isFgacError(e) {
  return isFgacErrorObject(e);
}
function kindOf(e) {
  try {
    return e.kind;
  } catch (e17) {
    return void 0;
  }
}
function isPermissionError(e) {
  if (!isFgacError(e)) return false;
  const kind = kindOf(e);
  return isResponseKind(kind) && KINDS[kind].permission;
}
function isTlsFailureMessage(message) {
  return /certificate|self[- ]signed|CERT_|SSL routines|wrong version number|altnames|unable to (?:verify|get local issuer)/i.test(message);
}
function isRetryable(e) {
  if (isFgacError(e)) {
    const kind = kindOf(e);
    return isResponseKind(kind) && KINDS[kind].retryable;
  }
  if (e instanceof _opensearch.errors.TimeoutError) return true;
  if (e instanceof _opensearch.errors.ConnectionError) return !isTlsFailureMessage(e.message);
  if (e instanceof _opensearch.errors.ResponseError) {
    const status = _optionalChain([e, 'access', _20 => _20.meta, 'optionalAccess', _21 => _21.statusCode]);
    return status === 429 || status === 502 || status === 503 || status === 504;
  }
  return false;
}



































exports.REDACTED = REDACTED; exports.isSensitiveKey = isSensitiveKey; exports.isSensitivePatchPath = isSensitivePatchPath; exports.redactText = redactText; exports.setOwn = setOwn; exports.redactExcerpt = redactExcerpt; exports.redactHeaders = redactHeaders; exports.redactUrl = redactUrl; exports.redactValue = redactValue; exports.redactApiResponse = redactApiResponse; exports.safeJsonText = safeJsonText; exports.jsonSafeOwn = jsonSafeOwn; exports.MAX_MESSAGE_LENGTH = MAX_MESSAGE_LENGTH; exports.isFgacErrorObject = isFgacErrorObject; exports.requestIdFromHeaders = requestIdFromHeaders; exports.FgacResponseError = FgacResponseError; exports.ConfigError = ConfigError; exports.CredentialsError = CredentialsError; exports.UnauthorizedError = UnauthorizedError; exports.SecurityExceptionError = SecurityExceptionError; exports.AccessPolicyDeniedError = AccessPolicyDeniedError; exports.ExpiredCredentialsError = ExpiredCredentialsError; exports.SignatureMismatchError = SignatureMismatchError; exports.ForbiddenError = ForbiddenError; exports.ThrottledError = ThrottledError; exports.IndexNotFoundError = IndexNotFoundError; exports.SecurityApiError = SecurityApiError; exports.ServiceUnavailableError = ServiceUnavailableError; exports.KINDS = KINDS; exports.isFgacError = isFgacError; exports.isPermissionError = isPermissionError; exports.isTlsFailureMessage = isTlsFailureMessage; exports.isRetryable = isRetryable;
//# sourceMappingURL=chunk-SHQPWJW6.cjs.map