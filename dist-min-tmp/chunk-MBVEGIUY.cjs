"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }












var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/errors/boundary.ts
var _opensearch = require('@opensearch-project/opensearch');

// src/errors/body.ts
var MAX_TEXT = 64 * 1024;
var MAX_JSON_PARSE = 1024 * 1024;
function rec(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}
function str(value) {
  return typeof value === "string" ? value : void 0;
}
function header(headers, name) {
  if (headers === null || headers === void 0 || typeof headers !== "object") return void 0;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== name) continue;
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
  }
  return void 0;
}
function parseRetryAfter(value, now = Date.now()) {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value * 1e3) : void 0;
  if (typeof value !== "string") return void 0;
  const text = value.trim();
  if (text === "" || text.length > 100) return void 0;
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? Math.round(seconds * 1e3) : void 0;
  }
  if (!/[A-Za-z]{3}/.test(text)) return void 0;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return void 0;
  return Math.max(0, at - now);
}
function view(json, text) {
  return { json, text, head: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text };
}
function fromText(raw) {
  const trimmed = raw.trim();
  let json;
  if (trimmed.startsWith("{") && trimmed.length <= MAX_JSON_PARSE) {
    try {
      json = rec(JSON.parse(trimmed));
    } catch (e) {
      json = void 0;
    }
  }
  return view(json, trimmed);
}
function normalizeBody(body) {
  if (body === null || body === void 0) return view(void 0, "");
  if (typeof body === "string") return fromText(body);
  if (body instanceof Uint8Array) {
    const slice = body.subarray(0, MAX_JSON_PARSE);
    return fromText(Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString("utf8"));
  }
  if (typeof body === "object") {
    let text = "";
    try {
      text = _nullishCoalesce(_chunkSHQPWJW6cjs.safeJsonText.call(void 0, body), () => ( ""));
    } catch (e2) {
      text = "";
    }
    return view(rec(body), text);
  }
  return view(void 0, String(body));
}
function openSearchErrorOf(json) {
  if (json === void 0 || !("error" in json)) return void 0;
  const error = rec(json.error);
  if (error === void 0) return { type: void 0, reason: str(json.error), error: void 0 };
  const rootCause = Array.isArray(error.root_cause) ? rec(error.root_cause[0]) : void 0;
  return {
    type: _nullishCoalesce(str(error.type), () => ( str(_optionalChain([rootCause, 'optionalAccess', _ => _.type])))),
    reason: _nullishCoalesce(str(error.reason), () => ( str(_optionalChain([rootCause, 'optionalAccess', _2 => _2.reason])))),
    error
  };
}
function isHtml(text) {
  return /^\s*<(?:!doctype\s+html|html|head|body|title|center|h1)\b/i.test(text);
}

// src/errors/parse-aws.ts
function bareType(raw) {
  if (raw === void 0) return void 0;
  const afterHash = raw.slice(raw.lastIndexOf("#") + 1);
  const type = _nullishCoalesce(_optionalChain([afterHash, 'access', _3 => _3.split, 'call', _4 => _4(":"), 'access', _5 => _5[0], 'optionalAccess', _6 => _6.trim, 'call', _7 => _7()]), () => ( ""));
  return /^[A-Za-z][A-Za-z0-9]{0,99}$/.test(type) ? type : void 0;
}
function awsErrorOf(json, headers, statusCode) {
  if (json === void 0 || "error" in json) return void 0;
  const message = _nullishCoalesce(str(json.Message), () => ( str(json.message)));
  const typeField = _nullishCoalesce(_nullishCoalesce(str(json.__type), () => ( str(json.code))), () => ( str(json.Code)));
  if (message === void 0 && str(json.__type) === void 0) return void 0;
  if ("status" in json && json.status !== statusCode && !("Message" in json)) return void 0;
  return { type: _nullishCoalesce(bareType(typeField), () => ( bareType(header(headers, "x-amzn-errortype")))), message: _nullishCoalesce(message, () => ( "")) };
}
function awsHeaderType(headers) {
  return bareType(header(headers, "x-amzn-errortype"));
}
var ACCESS_POLICY = /User: (\S+) is not authorized to perform: ([A-Za-z0-9:*_-]+)(?: on resource: (\S+))?/;
function parseAccessPolicy(message) {
  const m = ACCESS_POLICY.exec(message);
  if (m === null || m[1] === void 0 || m[2] === void 0) return void 0;
  return {
    principal: m[1],
    action: m[2],
    resource: _optionalChain([m, 'access', _8 => _8[3], 'optionalAccess', _9 => _9.replace, 'call', _10 => _10(/[."',;]+$/, "")]),
    explicitDeny: /with an explicit deny/i.test(message),
    noAllowingPolicy: /because no (?:resource-based|identity-based)? ?polic(?:y|ies) allows?/i.test(message),
    awsMessage: _chunkSHQPWJW6cjs.redactExcerpt.call(void 0, message, 2e3)
  };
}
var EXPIRED_TYPES = /* @__PURE__ */ new Set(["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"]);
var INVALID_TYPES = /* @__PURE__ */ new Set(["InvalidClientTokenId", "UnrecognizedClientException", "InvalidToken", "InvalidTokenException"]);
function parseExpired(message, type) {
  const awsMessage = _chunkSHQPWJW6cjs.redactExcerpt.call(void 0, message, 2e3);
  if (type !== void 0 && EXPIRED_TYPES.has(type)) return { reason: "expired", awsMessage };
  if (type !== void 0 && INVALID_TYPES.has(type)) return { reason: "invalid", awsMessage };
  if (/security token included in the request is expired|\bExpiredToken(?:Exception)?\b|token has expired/i.test(message)) {
    return { reason: "expired", awsMessage };
  }
  if (/security token included in the request is invalid|\bInvalidClientTokenId\b|\bUnrecognizedClientException\b|\bInvalidToken\b/i.test(message)) {
    return { reason: "invalid", awsMessage };
  }
  return void 0;
}
function quotedBlock(message, heading) {
  const at = message.indexOf(heading);
  if (at < 0) return void 0;
  const open = message.indexOf("'", at + heading.length);
  if (open < 0) return void 0;
  const close = message.indexOf("'\n", open + 1);
  const end = close >= 0 ? close : message.lastIndexOf("'");
  if (end <= open) return void 0;
  return message.slice(open + 1, end);
}
function signatureProblem(message, type) {
  if (/Signature expired:|Signature not yet current:|\bRequestTimeTooSkewed\b/i.test(message) || type === "RequestTimeTooSkewed") return "clock_skew";
  if (/Credential should be scoped|Date in Credential scope/i.test(message)) return "credential_scope";
  if (type === "IncompleteSignatureException" || type === "IncompleteSignature") return "malformed";
  if (type === "InvalidSignatureException" || type === "SignatureDoesNotMatch") return "mismatch";
  if (/signature we calculated does not match|Code=InvalidSignature|\bInvalidSignatureException\b|\bSignatureDoesNotMatch\b/i.test(message)) return "mismatch";
  if (/Authorization header requires|Credential is malformed|\bIncompleteSignature(?:Exception)?\b|Invalid key=value pair/i.test(message)) return "malformed";
  return void 0;
}
function parseSignature(message, type) {
  const problem = signatureProblem(message, type);
  if (problem === void 0) return void 0;
  return {
    problem,
    canonicalRequest: quotedBlock(message, "The Canonical String for this request should have been"),
    stringToSign: quotedBlock(message, "The String-to-Sign should have been"),
    awsMessage: _chunkSHQPWJW6cjs.redactExcerpt.call(void 0, message, 4e3)
  };
}
var THROTTLE_TYPES = /* @__PURE__ */ new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "SlowDown", "RequestLimitExceeded"]);
function isThrottleType(type) {
  return type !== void 0 && THROTTLE_TYPES.has(type);
}
function throttleSource(osType, text) {
  if (osType === "es_rejected_execution_exception" || osType === "rejected_execution_exception") return "rejected_execution";
  if (osType === "circuit_breaking_exception") return "circuit_breaker";
  if (/rejected_execution|rejected execution/i.test(text)) return "rejected_execution";
  if (/circuit_breaking_exception|Data too large/i.test(text)) return "circuit_breaker";
  if (/Too many requests|Throttl|Rate exceeded|SlowDown/i.test(text)) return "aws";
  return "unknown";
}
function messageOf(json, text) {
  return _nullishCoalesce(_nullishCoalesce(_nullishCoalesce(str(_optionalChain([json, 'optionalAccess', _11 => _11.Message])), () => ( str(_optionalChain([json, 'optionalAccess', _12 => _12.message])))), () => ( str(_optionalChain([rec, 'call', _13 => _13(_optionalChain([json, 'optionalAccess', _14 => _14.error])), 'optionalAccess', _15 => _15.reason])))), () => ( text));
}

// src/errors/parse-plugin.ts
function splitList(inner) {
  return inner.split(",").map((s) => s.trim()).filter((s) => s !== "");
}
function bracketed(text, open) {
  if (text[open] !== "[") return void 0;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "[") depth++;
    else if (c === "]") {
      depth--;
      if (depth === 0) return { inner: text.slice(open + 1, i), end: i };
    }
  }
  return void 0;
}
function parseUser(text) {
  const start = text.indexOf("User [name=");
  if (start < 0) return void 0;
  const body = text.slice(start + "User [name=".length);
  const marker = /, (backend_roles|roles)=\[/.exec(body);
  let name;
  let backendRoles = [];
  let rest = "";
  if (marker !== null) {
    name = body.slice(0, marker.index);
    const open = marker.index + marker[0].length - 1;
    const roles = bracketed(body, open);
    if (roles !== void 0) {
      backendRoles = splitList(roles.inner);
      rest = body.slice(roles.end + 1);
    }
  } else {
    const stop = body.search(/, requestedTenant=|\]/);
    name = stop < 0 ? body : body.slice(0, stop);
    rest = stop < 0 ? "" : body.slice(stop);
  }
  const tenantMatch = /requestedTenant=([^,\]]*)/.exec(rest);
  const tenantRaw = _optionalChain([tenantMatch, 'optionalAccess', _16 => _16[1], 'optionalAccess', _17 => _17.trim, 'call', _18 => _18()]);
  const requestedTenant = tenantRaw === void 0 || tenantRaw === "" || tenantRaw === "null" ? null : tenantRaw;
  name = name.trim();
  if (name === "") return void 0;
  return { user: { name, backendRoles }, requestedTenant };
}
var ALL_INDICES_ENDPOINTS = /* @__PURE__ */ new Set([
  "_search",
  "_count",
  "_field_caps",
  "_validate",
  "_refresh",
  "_flush",
  "_stats",
  "_mapping",
  "_settings",
  "_segments",
  "_recovery",
  "_forcemerge",
  "_cache",
  "_search_shards",
  "_delete_by_query",
  "_update_by_query"
]);
function pathSegments(path) {
  const clean = _nullishCoalesce((_nullishCoalesce(path.split("?")[0], () => ( ""))).split("#")[0], () => ( ""));
  return clean.split("/").filter((s) => s !== "").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch (e3) {
      return s;
    }
  });
}
function indicesFromPath(path, actions) {
  if (path === void 0 || path === "" || actions.length === 0 || !actions.every((a) => a.startsWith("indices:"))) return null;
  const segments = pathSegments(path);
  const first = segments[0];
  if (first === void 0) return null;
  if (!first.startsWith("_")) return splitList(first);
  return ALL_INDICES_ENDPOINTS.has(first) ? ["*"] : null;
}
function parseSecurityReason(reason, path) {
  const details = { actions: [], user: null, requestedTenant: null, roles: null, indices: null, reason };
  const at = reason.indexOf("no permissions for [");
  if (at >= 0) {
    const actions = bracketed(reason, at + "no permissions for ".length);
    if (actions !== void 0) {
      details.actions = splitList(actions.inner);
      const tail = reason.slice(actions.end + 1);
      const injected = tail.indexOf("associated roles [");
      if (injected >= 0 && !tail.includes("User [name=")) {
        const roles = bracketed(tail, injected + "associated roles ".length);
        details.roles = roles === void 0 ? [] : splitList(roles.inner);
      }
    }
  }
  const user = parseUser(reason);
  if (user !== void 0) {
    details.user = user.user;
    details.requestedTenant = user.requestedTenant;
  }
  details.indices = indicesFromPath(path, details.actions);
  return details;
}

// src/errors/parse-security-api.ts
function keysOf(value) {
  const keys = str(_optionalChain([rec, 'call', _19 => _19(value), 'optionalAccess', _20 => _20.keys]));
  return keys === void 0 ? [] : splitList(keys);
}
function parseSecurityApi(json) {
  const apiStatus = str(json.status);
  const reason = _nullishCoalesce(str(json.message), () => ( str(json.reason)));
  if (apiStatus === void 0 || reason === void 0 || "error" in json) return void 0;
  const wrongDatatypes = {};
  for (const [k, v] of Object.entries(json)) {
    if (typeof v === "string" && / expected$/.test(v) && k !== "reason" && k !== "message") _chunkSHQPWJW6cjs.setOwn.call(void 0, wrongDatatypes, k, v);
  }
  let resourceState;
  let resourceName;
  const resource = /(?:Resource|^[\w ]+?) '([^']*)' (is reserved|is static|is not available|not found)\.?/i.exec(reason);
  if (resource !== null) {
    resourceName = resource[1];
    const state = (_nullishCoalesce(resource[2], () => ( ""))).toLowerCase();
    resourceState = state === "is reserved" ? "reserved" : state === "is static" ? "static" : state === "is not available" ? "hidden" : "not-found";
  }
  const admin = /User (\S+) with Security roles \[([^\]]*)\]/.exec(reason);
  return {
    apiStatus,
    reason,
    invalidKeys: keysOf(json.invalid_keys),
    missingKeys: keysOf(json.missing_mandatory_keys),
    wrongDatatypes,
    resourceState,
    resourceName,
    user: _optionalChain([admin, 'optionalAccess', _21 => _21[1]]),
    securityRoles: _optionalChain([admin, 'optionalAccess', _22 => _22[2]]) === void 0 ? void 0 : splitList(admin[2])
  };
}

// src/errors/verdict.ts
function shortText(text) {
  const t = (_nullishCoalesce(text, () => ( ""))).trim();
  if (t === "") return void 0;
  return _chunkSHQPWJW6cjs.redactExcerpt.call(void 0, t, 300);
}
var UNCLASSIFIED = { kind: "unclassified", details: null };
function unauthorized(input, body) {
  const challenge = header(input.headers, "www-authenticate");
  let reason = "unknown";
  if (/Authentication finally failed/i.test(body.head)) reason = "authentication_failed";
  else if (/^\s*Bearer\b/i.test(_nullishCoalesce(challenge, () => ( "")))) reason = "bearer_rejected";
  else if (/^\s*Basic\b/i.test(_nullishCoalesce(challenge, () => ( ""))) || /^Unauthorized$/i.test(body.text.trim())) reason = "bad_credentials";
  return { kind: "unauthorized", details: { reason, challenge: challenge === void 0 ? void 0 : _chunkSHQPWJW6cjs.redactText.call(void 0, challenge), bodyText: shortText(body.text) } };
}
function fromOpenSearchError(input, statusCode, body, os) {
  if ((statusCode === 401 || statusCode === 403) && os.type === "security_exception") {
    return { kind: "security_exception", details: parseSecurityReason(_nullishCoalesce(os.reason, () => ( "")), str(input.path)) };
  }
  if (statusCode === 404 && os.type === "index_not_found_exception") {
    const reason = _nullishCoalesce(os.reason, () => ( ""));
    const index = _nullishCoalesce(_nullishCoalesce(_nullishCoalesce(str(_optionalChain([os, 'access', _23 => _23.error, 'optionalAccess', _24 => _24.index])), () => ( str(_optionalChain([os, 'access', _25 => _25.error, 'optionalAccess', _26 => _26["resource.id"]])))), () => ( _optionalChain([/no such index \[([^\]]*)\]/, 'access', _27 => _27.exec, 'call', _28 => _28(reason), 'optionalAccess', _29 => _29[1]]))), () => ( ""));
    return { kind: "index_not_found", details: { index, reason } };
  }
  if (statusCode === 403 && os.type !== void 0 && /^(?:Forbidden|AccessDenied(?:Exception)?)$/i.test(os.type)) {
    const serverless = "request-id" in (_nullishCoalesce(body.json, () => ( {}))) || /^403 Forbidden$/i.test(_nullishCoalesce(os.reason, () => ( "")));
    return { kind: "forbidden", details: { origin: serverless ? "serverless" : "unknown", bodyText: shortText(os.reason) } };
  }
  if (statusCode === 401) return unauthorized(input, body);
  return UNCLASSIFIED;
}
function fromAwsError(statusCode, aws, retryAfterMs) {
  if (isThrottleType(aws.type)) return { kind: "throttled", details: { retryAfterMs, source: "aws", reason: _nullishCoalesce(shortText(aws.message), () => ( "")) } };
  if (statusCode === 403) {
    const policy = parseAccessPolicy(aws.message);
    if (policy !== void 0) return { kind: "access_policy_denied", details: policy };
  }
  const expired = parseExpired(aws.message, aws.type);
  if (expired !== void 0) return { kind: "expired_credentials", details: expired };
  const signature = parseSignature(aws.message, aws.type);
  if (signature !== void 0) return { kind: "signature_mismatch", details: signature };
  return void 0;
}
function decide(input, statusCode) {
  const body = normalizeBody(input.body);
  const { json, text, head } = body;
  const retryAfterMs = parseRetryAfter(header(input.headers, "retry-after"));
  const os = openSearchErrorOf(json);
  if (statusCode === 429) {
    return { kind: "throttled", details: { retryAfterMs, source: throttleSource(_optionalChain([os, 'optionalAccess', _30 => _30.type]), head), reason: _nullishCoalesce(shortText(_nullishCoalesce(_optionalChain([os, 'optionalAccess', _31 => _31.reason]), () => ( messageOf(json, text)))), () => ( "")) } };
  }
  if (statusCode === 502 || statusCode === 503 || statusCode === 504) {
    return {
      kind: "unavailable",
      details: { securityNotInitialized: /Security not initiali[sz]ed/i.test(head), retryAfterMs, bodyText: shortText(_nullishCoalesce(_optionalChain([os, 'optionalAccess', _32 => _32.reason]), () => ( messageOf(json, text)))) }
    };
  }
  if (os !== void 0) return fromOpenSearchError(input, statusCode, body, os);
  const authStatus = statusCode === 400 || statusCode === 401 || statusCode === 403;
  const aws = awsErrorOf(json, input.headers, statusCode);
  if (aws !== void 0 && (authStatus || isThrottleType(aws.type))) {
    const verdict = fromAwsError(statusCode, aws, retryAfterMs);
    if (verdict !== void 0) return verdict;
  }
  if (json === void 0 && (statusCode === 401 || statusCode === 403) && !isHtml(text)) {
    const verdict = fromAwsError(statusCode, { type: awsHeaderType(input.headers), message: text }, retryAfterMs);
    if (verdict !== void 0) return verdict;
    if (head.includes("no permissions for [")) {
      return { kind: "security_exception", details: parseSecurityReason(text, str(input.path)) };
    }
  }
  if (statusCode === 401) return unauthorized(input, body);
  if (json !== void 0) {
    const api = parseSecurityApi(json);
    if (api !== void 0) return { kind: "security_api", details: api };
  }
  if (statusCode === 403) {
    const page = json === void 0 && isHtml(text);
    const reason = page ? _nullishCoalesce(_optionalChain([/<title>([^<]{1,200})<\/title>/i, 'access', _33 => _33.exec, 'call', _34 => _34(text), 'optionalAccess', _35 => _35[1]]), () => ( "403 Forbidden")) : _nullishCoalesce(_optionalChain([aws, 'optionalAccess', _36 => _36.message]), () => ( (json === void 0 ? text : void 0)));
    return { kind: "forbidden", details: { origin: page ? "gateway" : "unknown", bodyText: shortText(reason) } };
  }
  return UNCLASSIFIED;
}
function redactDetails(value, secrets, depth = 0) {
  if (typeof value === "string") return _chunkSHQPWJW6cjs.redactText.call(void 0, value, secrets);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redactDetails(item, secrets, depth + 1));
  const out = {};
  for (const [key, item] of Object.entries(value)) _chunkSHQPWJW6cjs.setOwn.call(void 0, out, _chunkSHQPWJW6cjs.redactText.call(void 0, key, secrets), redactDetails(item, secrets, depth + 1));
  return out;
}
function describe(verdict, statusCode, method, path, text) {
  if (verdict.kind === "unclassified") {
    const detail = shortText(text);
    return `${method} ${path} failed with status ${statusCode}${detail ? `: ${detail}` : ""}`;
  }
  const entry = _chunkSHQPWJW6cjs.KINDS[verdict.kind];
  return entry.describe(verdict.details, { method, path, statusCode });
}
function classifyResponse(input, secrets) {
  let statusCode = 0;
  let method = "";
  let path = "";
  let requestId;
  try {
    statusCode = typeof _optionalChain([input, 'optionalAccess', _37 => _37.statusCode]) === "number" && Number.isFinite(input.statusCode) ? input.statusCode : 0;
    method = typeof _optionalChain([input, 'optionalAccess', _38 => _38.method]) === "string" ? input.method.toUpperCase() : "";
    path = typeof _optionalChain([input, 'optionalAccess', _39 => _39.path]) === "string" ? _chunkSHQPWJW6cjs.redactExcerpt.call(void 0, _nullishCoalesce(input.path.split("?")[0], () => ( "")), 2e3, secrets) : "";
    requestId = _chunkSHQPWJW6cjs.requestIdFromHeaders.call(void 0, _optionalChain([input, 'optionalAccess', _40 => _40.headers]));
  } catch (e4) {
  }
  try {
    const parsed = decide(rec(input) === void 0 ? { statusCode } : input, statusCode);
    const verdict = { kind: parsed.kind, details: redactDetails(parsed.details, secrets) };
    const { text } = normalizeBody(input.body);
    return { ...verdict, statusCode, method, path, requestId, message: _chunkSHQPWJW6cjs.redactExcerpt.call(void 0, describe(verdict, statusCode, method, path, text), _chunkSHQPWJW6cjs.MAX_MESSAGE_LENGTH, secrets) };
  } catch (e5) {
    return { kind: "unclassified", details: null, statusCode, method, path, requestId, message: `${method} ${path} failed with status ${statusCode}` };
  }
}

// src/errors/boundary.ts
var passed = /* @__PURE__ */ new WeakMap();
var typedOf = /* @__PURE__ */ new WeakMap();
var MAX_CAUSES = 8;
function isApiResponseLike(value) {
  const r = rec(value);
  return r !== void 0 && "meta" in r && "statusCode" in r;
}
function defineHidden(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}
function setQuietly(target, key, value) {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor !== void 0 && descriptor.get === void 0 && descriptor.set === void 0) {
      if (!descriptor.writable && !descriptor.configurable) return false;
      Object.defineProperty(target, key, { ...descriptor, value });
    } else {
      target[key] = value;
    }
    return true;
  } catch (e6) {
    return false;
  }
}
function causeCopy(cause, secrets) {
  if (cause instanceof Error) {
    let name = "Error";
    let message = "";
    try {
      name = String(cause.name);
      message = String(cause.message);
    } catch (e7) {
    }
    const copy = new Error(_chunkSHQPWJW6cjs.redactText.call(void 0, message, secrets));
    copy.name = _chunkSHQPWJW6cjs.redactText.call(void 0, name, secrets);
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
  }
  return _chunkSHQPWJW6cjs.redactValue.call(void 0, cause, secrets);
}
function scrub(err, secrets, depth, rendering) {
  const holder = err;
  let keys = [];
  try {
    keys = Object.keys(err);
  } catch (e8) {
    keys = [];
  }
  for (const key of keys) {
    try {
      const value = holder[key];
      if (key === "meta" && value !== null && value !== void 0) {
        setQuietly(err, key, isApiResponseLike(value) ? _chunkSHQPWJW6cjs.redactApiResponse.call(void 0, value, secrets) : _chunkSHQPWJW6cjs.redactValue.call(void 0, value, secrets));
      } else if (typeof value === "string" || value !== null && typeof value === "object") {
        setQuietly(err, key, _chunkSHQPWJW6cjs.redactValue.call(void 0, value, secrets));
      }
    } catch (e9) {
      setQuietly(err, key, void 0);
    }
  }
  for (const key of ["message", "stack"]) {
    try {
      const value = holder[key];
      if (typeof value === "string") {
        const clean = _chunkSHQPWJW6cjs.redactText.call(void 0, value, secrets);
        if (clean !== value) setQuietly(err, key, clean);
      }
    } catch (e10) {
    }
  }
  try {
    if (Object.prototype.hasOwnProperty.call(err, "cause")) {
      const cause = holder.cause;
      if (cause !== null && typeof cause === "object" && depth < MAX_CAUSES && !Object.isFrozen(cause) && cause instanceof Error) {
        scrub(cause, secrets, depth + 1, "none");
      } else if (cause !== void 0 && cause !== null) {
        if (!setQuietly(err, "cause", causeCopy(cause, secrets))) defineHidden(err, "cause", causeCopy(cause, secrets));
      }
    }
  } catch (e11) {
  }
  if (rendering === "none") return;
  try {
    if (!(err instanceof _chunkSHQPWJW6cjs.FgacResponseError)) {
      defineHidden(err, "toJSON", function toJSON() {
        return _chunkSHQPWJW6cjs.jsonSafeOwn.call(void 0, this);
      });
    }
    if (rendering === "response" && !(err instanceof _chunkSHQPWJW6cjs.FgacResponseError)) {
      defineHidden(err, "toString", function toString() {
        let body;
        try {
          body = _optionalChain([this, 'access', _41 => _41.meta, 'optionalAccess', _42 => _42.body]);
        } catch (e12) {
          body = void 0;
        }
        return _nullishCoalesce(_chunkSHQPWJW6cjs.safeJsonText.call(void 0, body), () => ( "undefined"));
      });
    }
  } catch (e13) {
  }
}
function statusOf(err, meta) {
  if (typeof meta.statusCode === "number") return meta.statusCode;
  try {
    const status = err.statusCode;
    return typeof status === "number" ? status : void 0;
  } catch (e14) {
    return void 0;
  }
}
function typedResponseError(err, secrets) {
  const meta = err.meta;
  const params = rec(_optionalChain([rec, 'call', _43 => _43(_optionalChain([rec, 'call', _44 => _44(_optionalChain([rec, 'call', _45 => _45(meta), 'optionalAccess', _46 => _46.meta])), 'optionalAccess', _47 => _47.request])), 'optionalAccess', _48 => _48.params]));
  const method = typeof _optionalChain([params, 'optionalAccess', _49 => _49.method]) === "string" ? params.method : "";
  const path = typeof _optionalChain([params, 'optionalAccess', _50 => _50.path]) === "string" ? params.path : "";
  const c = classifyResponse({ statusCode: statusOf(err, meta), headers: meta.headers, body: meta.body, method, path }, secrets);
  if (c.kind === "unclassified") return void 0;
  const entry = _chunkSHQPWJW6cjs.KINDS[c.kind];
  return new entry.ErrorClass(meta, c.details, { method, path, ...secrets !== void 0 ? { secrets } : {} });
}
function toTypedError(err, options = {}) {
  if (err === null || typeof err !== "object") return err;
  const secrets = options.secrets !== void 0 && !options.secrets.empty ? options.secrets : void 0;
  const done = passed.get(err);
  if (done !== void 0 && (secrets === void 0 || done === secrets || done !== null && done.inherits(secrets))) return err;
  const mapped = typedOf.get(err);
  if (mapped !== void 0) return toTypedError(mapped, options);
  let response = false;
  let client = false;
  try {
    response = err instanceof _opensearch.errors.ResponseError || err.name === "ResponseError" && isApiResponseLike(err.meta);
    client = response || err instanceof _opensearch.errors.OpenSearchClientError;
  } catch (e15) {
    return err;
  }
  if (response && !_chunkSHQPWJW6cjs.isFgacErrorObject.call(void 0, err)) {
    try {
      const typed = typedResponseError(err, secrets);
      if (typed !== void 0) {
        passed.set(typed, _nullishCoalesce(secrets, () => ( null)));
        typedOf.set(err, typed);
        return typed;
      }
    } catch (e16) {
    }
  }
  if (_chunkSHQPWJW6cjs.isFgacErrorObject.call(void 0, err)) {
    scrub(err, secrets, 0, "none");
  } else if (client) {
    scrub(err, secrets, 0, response ? "response" : "client");
  } else if (secrets !== void 0 && err instanceof Error) {
    scrub(err, secrets, 0, "none");
  } else {
    return err;
  }
  passed.set(err, _nullishCoalesce(secrets, () => ( null)));
  return err;
}



exports.toTypedError = toTypedError;
//# sourceMappingURL=chunk-MBVEGIUY.cjs.map