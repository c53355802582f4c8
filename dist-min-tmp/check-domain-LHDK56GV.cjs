"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }

var _chunkOJEGTGWYcjs = require('./chunk-OJEGTGWY.cjs');





var _chunkOBZUFQQGcjs = require('./chunk-OBZUFQQG.cjs');
require('./chunk-DPHKTFA3.cjs');


var _chunkMBVEGIUYcjs = require('./chunk-MBVEGIUY.cjs');



var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/diagnose/identity.ts
function rec(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}
function strings(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}
var IAM_ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+/;
var IAM_USER = /^arn:aws[a-z-]*:iam::\d{12}:user\/.+/;
var ASSUMED_ROLE = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/.+/;
var COGNITO_USER = /^Cognito\/[^/]+\/.+/;
function principalKindOf(user, hints = {}) {
  if (IAM_ROLE.test(user)) return "iam-role";
  if (IAM_USER.test(user)) return "iam-user";
  if (ASSUMED_ROLE.test(user)) return "iam-assumed-role";
  if (COGNITO_USER.test(user)) return "cognito-user";
  if (hints.internalUser === true) return "internal-user";
  if (hints.internalUser === void 0 && hints.authMode === "basic") return "internal-user";
  return "external-user";
}
function identityFromAuthInfo(authinfo, hints = {}) {
  const info = _nullishCoalesce(rec(authinfo), () => ( {}));
  const user = typeof info.user_name === "string" ? info.user_name : "";
  const roles = strings(info.roles);
  const tenants = {};
  for (const [k, v] of Object.entries(_nullishCoalesce(rec(info.tenants), () => ( {})))) if (typeof v === "boolean") tenants[k] = v;
  const requested = info.user_requested_tenant;
  return {
    user,
    backendRoles: strings(info.backend_roles),
    roles,
    tenants,
    requestedTenant: typeof requested === "string" && requested !== "" ? requested : null,
    kind: principalKindOf(user, hints),
    internalUser: hints.internalUser,
    master: roles.includes("all_access"),
    securityManager: roles.includes("all_access") || roles.includes("security_manager"),
    prefix: _nullishCoalesce(hints.prefix, () => ( "_plugins/_security"))
  };
}
function matchConfiguration(identity, authMode) {
  const iam = identity.kind === "iam-role" || identity.kind === "iam-user" || identity.kind === "iam-assumed-role";
  if (identity.roles.length === 0) {
    return {
      id: "unmapped",
      recommended: [],
      summary: `${identity.user} is authenticated but mapped to no role: FGAC refuses it everything except authinfo`
    };
  }
  if (identity.kind === "cognito-user" || authMode === "cognito") {
    return {
      id: "cognito",
      recommended: ["c"],
      summary: identity.kind === "cognito-user" ? `a Cognito user pool user (${identity.user}): Dashboards sign-in through Amazon Cognito, configuration (c)` : `Cognito identity pool credentials, seen as ${identity.user}: the identity pool role is mapped in FGAC, as in configuration (c)${identity.master ? " (it is a master user: all_access)" : ""}`
    };
  }
  if (iam && identity.master) {
    return {
      id: "iam-master",
      recommended: ["a", "c", "d"],
      summary: `the master user is an IAM principal (${identity.user} has all_access) and API calls are SigV4-signed: configurations (a), (c) and (d)`
    };
  }
  if (iam) {
    return {
      id: "iam-principal",
      recommended: ["a", "b", "c", "d"],
      summary: `a limited IAM principal (${identity.user}, roles ${identity.roles.join(", ")}) making SigV4-signed API calls, as every recommended configuration allows`
    };
  }
  if (identity.kind === "internal-user") {
    return identity.master ? {
      id: "internal-master",
      recommended: ["b"],
      summary: `the master user is an internal user (${identity.user} has all_access) authenticated with HTTP basic: configuration (b)`
    } : {
      id: "internal-user",
      recommended: ["b"],
      summary: `an internal user of the internal user database (${identity.user}, roles ${identity.roles.join(", ")}) with HTTP basic: configuration (b)`
    };
  }
  return {
    id: "external",
    recommended: [],
    summary: `${identity.user} comes from an external identity provider (SAML, JWT, LDAP or proxy authentication), not one of the guide's API-client configurations`
  };
}

// src/diagnose/probe.ts
function rec2(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
}
function authModeOf(client) {
  try {
    const mode = _optionalChain([rec2, 'call', _ => _(_optionalChain([rec2, 'call', _2 => _2(client.transport), 'optionalAccess', _3 => _3.authStrategy])), 'optionalAccess', _4 => _4.mode]);
    return mode === "iam" || mode === "basic" || mode === "cognito" || mode === "none" ? mode : void 0;
  } catch (e) {
    return void 0;
  }
}
function isMissingEndpoint(err) {
  if (err instanceof _chunkSHQPWJW6cjs.IndexNotFoundError) return true;
  const status = _chunkOBZUFQQGcjs.statusOf.call(void 0, err);
  return status === 400 || status === 404 || status === 405;
}
function checkProbeInput(client, options) {
  const transport = _optionalChain([rec2, 'call', _5 => _5(client), 'optionalAccess', _6 => _6.transport]);
  if (rec2(transport) === void 0 || typeof _optionalChain([rec2, 'call', _7 => _7(transport), 'optionalAccess', _8 => _8.request]) !== "function") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("client", "client must be an opensearch-js Client (an object whose transport has request())");
  }
  if (options !== void 0 && rec2(options) === void 0) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options", "options must be an object");
  const o = _nullishCoalesce(rec2(options), () => ( {}));
  const { retries, requestTimeoutMs, account, prefix } = o;
  if (retries !== void 0 && (typeof retries !== "number" || !Number.isInteger(retries) || retries < 0 || retries > 100)) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("retries", "retries must be an integer from 0 to 100");
  }
  if (requestTimeoutMs !== void 0 && (typeof requestTimeoutMs !== "number" || !Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0 || requestTimeoutMs >= 2 ** 31)) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("requestTimeoutMs", "requestTimeoutMs must be a number of ms above 0 and below 2^31");
  }
  if (account !== void 0 && typeof account !== "boolean") throw new (0, _chunkSHQPWJW6cjs.ConfigError)("account", "account must be a boolean");
  if (prefix !== void 0 && prefix !== "_plugins/_security" && prefix !== "_opendistro/_security") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("prefix", "prefix must be _plugins/_security or _opendistro/_security");
  }
}
async function probeDomain(client, options = {}) {
  checkProbeInput(client, options);
  const secrets = _chunkOJEGTGWYcjs.secretsOf.call(void 0, client.transport);
  const requestOptions = {
    maxRetries: _nullishCoalesce(options.retries, () => ( 0)),
    ...options.requestTimeoutMs !== void 0 ? { requestTimeout: options.requestTimeoutMs } : {}
  };
  const prefixes = options.prefix !== void 0 ? [options.prefix] : ["_plugins/_security", "_opendistro/_security"];
  let lastMissing;
  for (const prefix of prefixes) {
    let authinfo;
    try {
      authinfo = (await client.transport.request({ method: "GET", path: `/${prefix}/authinfo` }, requestOptions)).body;
    } catch (err) {
      const typed = _chunkMBVEGIUYcjs.toTypedError.call(void 0, err, { secrets });
      if (isMissingEndpoint(typed)) {
        lastMissing = typed;
        continue;
      }
      return { outcome: "failed", error: typed };
    }
    if (typeof _optionalChain([rec2, 'call', _9 => _9(authinfo), 'optionalAccess', _10 => _10.user_name]) !== "string") return { outcome: "not-authinfo", prefix, lastMissing };
    return { outcome: "answered", prefix, authinfo, internalUser: options.account === false ? void 0 : await isInternalUser(client, prefix, requestOptions) };
  }
  return { outcome: "missing", tried: prefixes, lastMissing };
}
async function isInternalUser(client, prefix, requestOptions) {
  try {
    const res = await client.transport.request({ method: "GET", path: `/${prefix}/api/account` }, requestOptions);
    const flag = _optionalChain([rec2, 'call', _11 => _11(res.body), 'optionalAccess', _12 => _12.is_internal_user]);
    return typeof flag === "boolean" ? flag : void 0;
  } catch (e2) {
    return void 0;
  }
}

// src/diagnose/check-domain.ts
async function checkDomain(client, options = {}) {
  checkProbeInput(client, options);
  const authMode = authModeOf(client);
  const report = { ok: false, ...authMode !== void 0 ? { authMode } : {}, diagnosis: [] };
  const probe = await probeDomain(client, options);
  if (probe.outcome === "failed") {
    report.diagnosis.push(_chunkOBZUFQQGcjs.diagnoseError.call(void 0, probe.error, authMode));
    return report;
  }
  if (probe.outcome === "missing") {
    report.diagnosis.push(_chunkOBZUFQQGcjs.noSecurityPlugin.call(void 0, void 0, probe.tried, probe.lastMissing));
    return report;
  }
  if (probe.outcome === "not-authinfo") {
    report.diagnosis.push(_chunkOBZUFQQGcjs.noSecurityPlugin.call(void 0, probe.prefix, [probe.prefix], probe.lastMissing));
    return report;
  }
  const hints = {
    ...probe.internalUser !== void 0 ? { internalUser: probe.internalUser } : {},
    ...authMode !== void 0 ? { authMode } : {},
    prefix: probe.prefix
  };
  const identity = identityFromAuthInfo(probe.authinfo, hints);
  report.identity = identity;
  report.configuration = matchConfiguration(identity, authMode);
  report.diagnosis.push(..._chunkOBZUFQQGcjs.diagnoseIdentity.call(void 0, identity));
  report.ok = !report.diagnosis.some((d) => d.severity === "error");
  return report;
}


exports.checkDomain = checkDomain;
//# sourceMappingURL=check-domain-LHDK56GV.cjs.map