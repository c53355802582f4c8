"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _interopRequireWildcard(obj) { if (obj && obj.__esModule) { return obj; } else { var newObj = {}; if (obj != null) { for (var key in obj) { if (Object.prototype.hasOwnProperty.call(obj, key)) { newObj[key] = obj[key]; } } } newObj.default = obj; return newObj; } } function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; } function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; } var _class;





var _chunkCPZWHQJFcjs = require('./chunk-CPZWHQJF.cjs');



var _chunkOJEGTGWYcjs = require('./chunk-OJEGTGWY.cjs');


var _chunkMBVEGIUYcjs = require('./chunk-MBVEGIUY.cjs');








var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/client/options-check.ts
var REGION = /^[a-z]{2}(?:-[a-z]{1,12}){1,3}-\d{1,2}$/;
var HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
var MAX_STRING_LENGTH = 8192;
var MAX_TIMER_MS = 2 ** 31 - 1;
function fail(option, message) {
  throw new (0, _chunkSHQPWJW6cjs.ConfigError)(option, `${option}: ${message}`);
}
function nonEmptyString(value) {
  return typeof value === "string" && value.trim() !== "";
}
function typeName(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (Buffer.isBuffer(value)) return "a Buffer";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
function preview(value, max = 60) {
  const text = typeof value === "string" ? value : String(value);
  const cut = text.length > max ? `${text.slice(0, max)}...` : text;
  return JSON.stringify(cut);
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
function requireString(option, value, hint, { secret = false } = {}) {
  if (!nonEmptyString(value)) fail(option, `must be a non-empty string (${hint}), got ${typeof value === "string" ? "an empty string" : typeName(value)}`);
  if (value.length > MAX_STRING_LENGTH) fail(option, `is longer than ${MAX_STRING_LENGTH} characters`);
  if (!secret && value.trim() !== value) fail(option, `${preview(value)} has leading or trailing whitespace (${hint})`);
  if (secret && /[\r\n\0]/.test(value)) fail(option, "contains a line break or NUL character (a trailing newline from a file?)");
  if (!secret && /[\0-\x1f\x7f]/.test(value)) fail(option, `contains a control character (${hint})`);
  return value;
}
function optionalString(option, value, hint, flags = {}) {
  return value === void 0 ? void 0 : requireString(option, value, hint, flags);
}
function requireHeaderValue(option, value, hint, flags = {}) {
  const s = requireString(option, value, hint, flags);
  if (!HEADER_VALUE.test(s)) fail(option, `contains characters an HTTP header cannot carry (${hint})`);
  return s;
}
function optionalBoolean(option, value) {
  if (value === void 0) return void 0;
  if (typeof value !== "boolean") fail(option, `must be true or false, got ${typeName(value)}`);
  return value;
}
function optionalInteger(option, value, min, max, unit = "") {
  if (value === void 0) return void 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const got = typeof value === "number" ? String(value) : typeName(value);
    fail(option, `must be an integer from ${min} to ${max}${unit}, got ${got}`);
  }
  return value;
}
function optionalFunction(option, value, hint) {
  if (value !== void 0 && typeof value !== "function") fail(option, `must be a function (${hint}), got ${typeName(value)}`);
}
function optionalRegion(option, value) {
  if (value === void 0) return void 0;
  const s = requireString(option, value, 'an AWS region such as "us-east-1"');
  if (!REGION.test(s)) fail(option, `${preview(s)} is not an AWS region name such as "us-east-1" or "us-gov-west-1"`);
  return s;
}
function refuseUnknownKeys(prefix, object, allowed, hint) {
  for (const key of Object.keys(object)) {
    if (object[key] === void 0 || allowed.includes(key)) continue;
    const name = /^[A-Za-z0-9_$]{1,60}$/.test(key) ? key : preview(key, 30);
    fail(prefix === "" ? name : `${prefix}.${name}`, `is not an option${hint === "" ? "" : ` ${hint}`}; accepted: ${allowed.join(", ")}`);
  }
}
function requireHttpUrl(option, value, hint) {
  const s = requireString(option, value, hint, { secret: true });
  if (s.trim() !== s || /[\0-\x1f\x7f]/.test(s)) fail(option, `${urlPreview(s)} has surrounding whitespace or a control character; write it as ${hint}`);
  let url;
  try {
    url = new URL(s);
  } catch (e) {
    fail(option, `${urlPreview(s)} is not a URL; write it as ${hint}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(option, `protocol ${preview(url.protocol, 20)} is not supported; use https://`);
  if (url.hostname === "") fail(option, `${urlPreview(s)} has no host`);
  return url;
}
function urlPreview(text) {
  let shown = text;
  const at = shown.lastIndexOf("@");
  if (at >= 0) {
    const scheme = _nullishCoalesce(_optionalChain([/^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\//, 'access', _ => _.exec, 'call', _2 => _2(shown), 'optionalAccess', _3 => _3[0]]), () => ( ""));
    shown = `${scheme}[REDACTED]${shown.slice(at)}`;
  }
  return preview(shown.replace(/[?#].*$/s, ""), 100);
}
function userInfoOf(text) {
  const at = text.lastIndexOf("@");
  if (at < 0) return [];
  const start = _nullishCoalesce(_optionalChain([/^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\//, 'access', _4 => _4.exec, 'call', _5 => _5(text), 'optionalAccess', _6 => _6[0], 'access', _7 => _7.length]), () => ( 0));
  const info = text.slice(start, at);
  const password = info.slice(info.indexOf(":") + 1);
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch (e2) {
    decoded = password;
  }
  return [info, password, decoded, ...password.split(/[/?#@]/)];
}
function isLoopbackHost(hostname) {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(h) || h === "::1" || h === "0:0:0:0:0:0:0:1";
}

// src/auth/refresh-buffer.ts
var CLOCK_SKEW_MARGIN_MS = 6e4;
function refreshBufferFor(requestTimeoutMs) {
  return requestTimeoutMs + CLOCK_SKEW_MARGIN_MS;
}

// src/auth/credentials.ts
var DEFAULT_TTL_MS = 15 * 6e4;
var DEFAULT_RETRY_INTERVAL_MS = 5e3;
var DEFAULT_PROVIDER_TIMEOUT_MS = 3e4;
function view(entry) {
  return entry.view ??= Object.freeze(
    entry.expiresAt === void 0 ? { value: entry.value, generation: entry.generation } : { value: entry.value, generation: entry.generation, expiresAt: entry.expiresAt }
  );
}
function safeString(read) {
  try {
    return String(read());
  } catch (e3) {
    return "";
  }
}
function describeFailure(error, secrets) {
  const text = error instanceof Error ? `${safeString(() => error.name)}: ${safeString(() => error.message)}` : safeString(() => error);
  return _chunkSHQPWJW6cjs.redactText.call(void 0, text, secrets).slice(0, 300);
}
function redactedCause(cause, secrets) {
  if (!(cause instanceof Error)) return _chunkSHQPWJW6cjs.redactValue.call(void 0, cause, secrets);
  const copy = new Error(_chunkSHQPWJW6cjs.redactText.call(void 0, safeString(() => cause.message), secrets));
  copy.name = _chunkSHQPWJW6cjs.redactText.call(void 0, safeString(() => cause.name), secrets) || "Error";
  const frames = safeString(() => cause.stack).split("\n").filter((line) => /^\s+at /.test(line));
  copy.stack = [`${copy.name}: ${copy.message}`, ...frames.map((line) => _chunkSHQPWJW6cjs.redactText.call(void 0, line, secrets))].join("\n");
  const extra = cause;
  for (const key of ["code", "$fault", "$metadata"]) {
    const value = safeString(() => _nullishCoalesce(JSON.stringify(extra[key]), () => ( "")));
    if (value !== "" && value !== "undefined") copy[key] = _chunkSHQPWJW6cjs.redactValue.call(void 0, JSON.parse(value), secrets);
  }
  return copy;
}
function credentialsFailure(source, message, cause, secrets) {
  return new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, _chunkSHQPWJW6cjs.redactText.call(void 0, message, secrets), { cause: redactedCause(cause, secrets) });
}
function untilAborted(promise, signal) {
  promise.catch(() => void 0);
  return signal === void 0 ? promise : _chunkCPZWHQJFcjs.boundedWait.call(void 0, promise, signal, Number.POSITIVE_INFINITY, () => void 0);
}
function withTimeout(promise, ms, source) {
  if (!Number.isFinite(ms)) return promise;
  return _chunkCPZWHQJFcjs.boundedWait.call(void 0, promise, void 0, ms, () => new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `credential source ${source} did not answer within ${ms} ms`));
}
var CredentialCache = class {
  
  #provider;
  #expirationOf;
  #bufferMs;
  #ttlMs;
  #timeoutMs;
  #retryIntervalMs;
  #now;
  #secrets;
  #entry;
  #inflight;
  #generation = 0;
  #quietUntil = 0;
  constructor(options) {
    this.source = options.source;
    this.#provider = options.provider;
    this.#expirationOf = _nullishCoalesce(options.expirationOf, () => ( (() => void 0)));
    this.#bufferMs = _nullishCoalesce(options.refreshBufferMs, () => ( refreshBufferFor(3e4)));
    this.#ttlMs = _nullishCoalesce(options.ttlMs, () => ( DEFAULT_TTL_MS));
    this.#timeoutMs = _nullishCoalesce(options.timeoutMs, () => ( DEFAULT_PROVIDER_TIMEOUT_MS));
    this.#retryIntervalMs = _nullishCoalesce(options.retryIntervalMs, () => ( DEFAULT_RETRY_INTERVAL_MS));
    this.#now = _nullishCoalesce(options.now, () => ( Date.now));
    this.#secrets = options.secrets;
  }
  /** Generation of the cached value (0 before the first successful provider call). */
  get generation() {
    return _nullishCoalesce(_optionalChain([this, 'access', _8 => _8.#entry, 'optionalAccess', _9 => _9.generation]), () => ( 0));
  }
  /** The cached value without refreshing it, if any. */
  peek() {
    return this.#entry === void 0 ? void 0 : view(this.#entry);
  }
  /**
   * A value valid for at least the refresh buffer. Concurrent callers share one provider call.
   * When a proactive refresh fails but the cached value has not expired yet, the cached value is
   * returned and the provider is asked again after the retry interval; otherwise CredentialsError.
   * An aborted `signal` ends this caller's wait at once with the signal's reason.
   */
  async get(options = {}) {
    const { signal } = options;
    const entry = this.#entry;
    if (entry === void 0) return untilAborted(this.#refresh(), signal);
    const now = this.#now();
    if (this.#ready(entry, now)) return view(entry);
    try {
      return await untilAborted(this.#refresh(), signal);
    } catch (error) {
      if (_optionalChain([signal, 'optionalAccess', _10 => _10.aborted]) === true) throw error;
      const later = this.#now();
      if (this.#entry === entry && this.#usable(entry, later)) {
        this.#quietUntil = later + this.#retryIntervalMs;
        return view(entry);
      }
      throw error;
    }
  }
  /**
   * What get() would return without calling the provider (the cached value, when it needs no
   * refresh yet or is in its quiet period after a failed refresh), or undefined when get() must be
   * awaited. Synchronous: lets a caller skip a promise per request while the value is fresh.
   */
  getIfReady() {
    const entry = this.#entry;
    return entry !== void 0 && this.#ready(entry, this.#now()) ? view(entry) : void 0;
  }
  /** True when the cached entry is handed out as it is (fresh, or quiet after a failed refresh and still usable). */
  #ready(entry, now) {
    if (!this.#needsRefresh(entry, now)) return true;
    return this.#inflight === void 0 && now < this.#quietUntil && this.#usable(entry, now);
  }
  /**
   * Fetches a new value now (the server said the credentials expired). Pass the generation the
   * failed request used: when a newer value is already cached it is returned without a provider call,
   * so any number of concurrent failures cause one refresh.
   */
  async forceRefresh(usedGeneration, options = {}) {
    const entry = this.#entry;
    if (usedGeneration !== void 0 && entry !== void 0 && entry.generation !== usedGeneration) return view(entry);
    return untilAborted(this.#refresh(), options.signal);
  }
  /** Forgets the cached value (the next get() calls the provider). */
  clear() {
    this.#entry = void 0;
    this.#quietUntil = 0;
  }
  #needsRefresh(entry, now) {
    if (entry.expiresAt !== void 0) return entry.expiresAt - now <= this.#bufferMs;
    return now - entry.fetchedAt >= this.#ttlMs;
  }
  #usable(entry, now) {
    return entry.expiresAt === void 0 || entry.expiresAt > now;
  }
  #refresh() {
    if (this.#inflight === void 0) {
      const inflight = this.#load().finally(() => {
        if (this.#inflight === inflight) this.#inflight = void 0;
      });
      this.#inflight = inflight;
    }
    return this.#inflight;
  }
  /** One provider call, bounded by the timeout; failures become CredentialsError naming the source. */
  async #call() {
    let value;
    try {
      value = await withTimeout(Promise.resolve().then(() => this.#provider()), this.#timeoutMs, this.source);
    } catch (error) {
      if (error instanceof _chunkSHQPWJW6cjs.CredentialsError) throw error;
      throw credentialsFailure(this.source, `credential source ${this.source} failed: ${describeFailure(error, this.#secrets)}`, error, this.#secrets);
    }
    const expiration = this.#expirationOf(value);
    const expiresAt = expiration instanceof Date && !Number.isNaN(expiration.getTime()) ? expiration.getTime() : void 0;
    return { value, expiresAt };
  }
  /**
   * Calls the provider; a value that has already expired is never handed out: the provider is
   * asked once more at once, and a second expired value is a CredentialsError.
   */
  async #load() {
    let fetched = await this.#call();
    if (fetched.expiresAt !== void 0 && fetched.expiresAt <= this.#now()) {
      fetched = await this.#call();
      const now2 = this.#now();
      if (fetched.expiresAt !== void 0 && fetched.expiresAt <= now2) {
        const ago = Math.round((now2 - fetched.expiresAt) / 1e3);
        throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(
          this.source,
          `credential source ${this.source} returned credentials that had already expired (at ${new Date(fetched.expiresAt).toISOString()}, ${ago} s ago), twice; check the provider and the system clock`
        );
      }
    }
    const now = this.#now();
    const entry = { value: fetched.value, generation: ++this.#generation, fetchedAt: now, expiresAt: fetched.expiresAt };
    this.#entry = entry;
    this.#quietUntil = this.#needsRefresh(entry, now) ? now + this.#retryIntervalMs : 0;
    return view(entry);
  }
};

// src/auth/sigv4/scope.ts
var AWS_HOST = /(?:^|\.)([a-z]{2}(?:-[a-z]{1,12}){1,3}-\d{1,2})\.(es|aoss)\.amazonaws\.com(?:\.cn)?$/;
var BARE_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::\d{1,5})?$/;
function awsHostInfo(host) {
  const m = AWS_HOST.exec(host.toLowerCase().replace(/:\d+$/, ""));
  return m === null ? void 0 : { region: m[1], service: m[2] };
}
function envRegion(env) {
  for (const name of ["AWS_REGION", "AWS_DEFAULT_REGION"]) {
    const raw = env[name];
    if (raw === void 0 || raw === "") continue;
    if (typeof raw !== "string" || !REGION.test(raw)) {
      throw new (0, _chunkSHQPWJW6cjs.ConfigError)(name, `${name}: ${typeof raw === "string" ? preview(raw) : "the value"} is not an AWS region name such as "us-east-1" (no spaces or line breaks)`);
    }
    return raw;
  }
  return void 0;
}
function checkSigningHost(value) {
  if (value === void 0) return void 0;
  if (typeof value !== "string" || value.length > 253 || !BARE_HOST.test(value)) {
    fail("auth.signingHost", 'must be a bare host name such as "search-x.us-east-1.es.amazonaws.com" (no scheme or path)');
  }
  return value;
}
function resolveScope(input, nodes, env) {
  const signingHost = checkSigningHost(input.signingHost);
  const explicitRegion = optionalRegion("auth.region", input.region);
  if (input.service !== void 0 && input.service !== "es" && input.service !== "aoss") fail("auth.service", 'must be "es" or "aoss"');
  const hosts = signingHost !== void 0 ? [signingHost] : nodes.map((u) => u.hostname);
  const hostInfo = hosts.map(awsHostInfo).find((i) => i !== void 0);
  const region = _nullishCoalesce(_nullishCoalesce(_nullishCoalesce(explicitRegion, () => ( _optionalChain([hostInfo, 'optionalAccess', _11 => _11.region]))), () => ( input.fallbackRegion)), () => ( envRegion(env)));
  if (region === void 0) fail("auth.region", 'IAM signing needs a region: set auth.region (e.g. "us-east-1") or AWS_REGION');
  if (hostInfo !== void 0 && hostInfo.region !== region) {
    const where = signingHost !== void 0 ? "auth.signingHost" : "node";
    fail("auth.region", `"${region}" does not match the region "${hostInfo.region}" of the ${where} host; signatures would be rejected`);
  }
  const service = _nullishCoalesce(_nullishCoalesce(input.service, () => ( _optionalChain([hostInfo, 'optionalAccess', _12 => _12.service]))), () => ( "es"));
  if (hostInfo !== void 0 && hostInfo.service !== service) {
    fail("auth.service", `"${service}" does not match the ${hostInfo.service === "aoss" ? "OpenSearch Serverless" : "managed domain"} host (use "${hostInfo.service}")`);
  }
  return { region, service, ...signingHost !== void 0 ? { signingHost } : {} };
}

// src/auth/strategy.ts
async function headersVia(strategy, request) {
  const authorizer = await strategy.authorize();
  return { ...authorizer.sign(request).headers };
}
function cachedStrategy(mode, signsBody, cache, makeAuthorizer, onExpired, prepare) {
  let prepared = prepare === void 0;
  let last;
  const authorizerFor = (cached) => {
    if (last !== void 0 && last.value === cached.value && last.generation === cached.generation) return last.authorizer;
    last = { value: cached.value, generation: cached.generation, authorizer: makeAuthorizer(cached) };
    return last.authorizer;
  };
  const strategy = {
    mode,
    signsBody,
    async authorize(options) {
      if (!prepared && prepare !== void 0) {
        const [cached] = await Promise.all([cache.get(options), prepare()]);
        prepared = true;
        return authorizerFor(cached);
      }
      return authorizerFor(await cache.get(options));
    },
    authorizeCached() {
      if (!prepared) return void 0;
      const cached = cache.getIfReady();
      return cached === void 0 ? void 0 : authorizerFor(cached);
    },
    headersFor: (request) => headersVia(strategy, request),
    ...onExpired !== void 0 ? { onExpired } : {}
  };
  return strategy;
}

// src/auth/basic.ts
function basicAuthorization(username, password) {
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}
function createBasicStrategy(auth, options = {}) {
  const { username, password } = auth;
  const source = "basic:password";
  const cache = new CredentialCache({
    source,
    provider: async () => {
      const value = typeof password === "function" ? await password() : password;
      if (typeof value !== "string" || value === "") throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, "the basic auth password provider returned no password");
      _optionalChain([options, 'access', _13 => _13.secrets, 'optionalAccess', _14 => _14.add, 'call', _15 => _15(value)]);
      _optionalChain([options, 'access', _16 => _16.secrets, 'optionalAccess', _17 => _17.add, 'call', _18 => _18(`${username}:${value}`)]);
      if (/[\r\n\0]/.test(value)) throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, "the basic auth password provider returned a password with a line break");
      return basicAuthorization(username, value);
    },
    ttlMs: Number.POSITIVE_INFINITY,
    timeoutMs: _nullishCoalesce(options.timeoutMs, () => ( DEFAULT_PROVIDER_TIMEOUT_MS)),
    ...options.secrets !== void 0 ? { secrets: options.secrets } : {}
  });
  return cachedStrategy("basic", false, cache, ({ value, generation }) => {
    const parts = Object.freeze({ headers: Object.freeze({ authorization: value }) });
    return { generation, fixed: true, sign: () => parts };
  });
}
var IAM_FIELDS = ["credentials", "region", "service", "signingHost"];
var basicMode = {
  mode: "basic",
  description: "HTTP basic against the internal user database",
  keys: ["mode", "username", "password"],
  validate(auth, { nodes, allowInsecureHttp }) {
    const given = auth;
    if (IAM_FIELDS.some((k) => k in given)) fail("auth", "basic auth and IAM credentials cannot both be used: a request is either signed or carries a password");
    const username = requireString("auth.username", given.username, "the internal user name");
    if (username.includes(":")) fail("auth.username", 'HTTP basic user names cannot contain ":"');
    if (typeof given.password !== "function") {
      if (typeof given.password !== "string" || given.password === "") {
        fail("auth.password", `must be a non-empty string or an async function returning one, got ${typeof given.password === "string" ? "an empty string" : typeName(given.password)}`);
      }
      requireString("auth.password", given.password, "the password", { secret: true });
    }
    if (nodes.some((u) => _optionalChain([awsHostInfo, 'call', _19 => _19(u.hostname), 'optionalAccess', _20 => _20.service]) === "aoss")) {
      fail("auth.mode", 'OpenSearch Serverless (*.aoss.amazonaws.com) accepts only SigV4: use mode "iam"');
    }
    const clear = nodes.find((u) => u.protocol === "http:" && !isLoopbackHost(u.hostname));
    if (clear !== void 0 && !allowInsecureHttp) {
      fail("node", `basic credentials would travel in clear text to ${clear.host}; use https:// (or set allowInsecureHttp: true)`);
    }
    return {};
  },
  env: [
    { name: "OPENSEARCH_USERNAME", option: "auth.username" },
    { name: "OPENSEARCH_PASSWORD", option: "auth.password" }
  ],
  fromEnv(read) {
    return {
      mode: "basic",
      username: read.required("OPENSEARCH_USERNAME", "basic auth user"),
      password: read.required("OPENSEARCH_PASSWORD", "basic auth password", { secret: true })
    };
  },
  secrets(auth) {
    return typeof auth.password === "string" ? [auth.password, `${auth.username}:${auth.password}`] : [];
  }
};

// src/auth/lazy-sdk.ts
var _module = require('module');
var _path = require('path'); var _path2 = _interopRequireDefault(_path);
var NEEDED_FOR = {
  "@aws-sdk/credential-provider-node": "auth.mode 'iam' without auth.credentials (the AWS default credential chain)",
  "@aws-sdk/client-cognito-identity-provider": "auth.mode 'cognito' (user pool sign-in)",
  "@aws-sdk/client-cognito-identity": "auth.mode 'cognito' (identity pool credentials)"
};
function isNotFound(error, specifier) {
  const code = _optionalChain([error, 'optionalAccess', _21 => _21.code]);
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && String(error.message).includes(specifier);
}
async function importAtRuntime(specifier) {
  return Promise.resolve().then(() => _interopRequireWildcard(require(
    /* webpackIgnore: true */
    /* @vite-ignore */
    specifier
  )));
}
async function loadOptionalSdk(specifier, source) {
  try {
    return await importAtRuntime(specifier);
  } catch (error) {
    if (!isNotFound(error, specifier)) throw error;
    try {
      return _module.createRequire.call(void 0, _path2.default.join(process.cwd(), "noop.js"))(specifier);
    } catch (fallbackError) {
      if (!isNotFound(fallbackError, specifier)) throw fallbackError;
      throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(
        source,
        `${NEEDED_FOR[specifier]} needs the optional peer dependency ${specifier}, which is not installed: run \`npm install ${specifier}\``,
        { cause: error }
      );
    }
  }
}

// src/auth/aws-credentials.ts
var ACCESS_KEY_ID = /^[A-Za-z0-9]{1,128}$/;
function checkCredentialsOption(value) {
  if (value === void 0 || typeof value === "function") return;
  if (!isPlainObject(value)) fail("auth.credentials", `must be { accessKeyId, secretAccessKey, sessionToken? } or an async provider, got ${typeName(value)}`);
  for (const key of Object.keys(value)) {
    if (!["accessKeyId", "secretAccessKey", "sessionToken", "expiration", "credentialScope", "accountId"].includes(key) && value[key] !== void 0) {
      fail(`auth.credentials.${/^\w{1,40}$/.test(key) ? key : "?"}`, "is not a credentials field; accepted: accessKeyId, secretAccessKey, sessionToken, expiration");
    }
  }
  const id = requireString("auth.credentials.accessKeyId", value.accessKeyId, "the AWS access key id");
  if (!ACCESS_KEY_ID.test(id)) fail("auth.credentials.accessKeyId", 'must be letters and digits only, like "AKIA..." or "ASIA..."');
  requireString("auth.credentials.secretAccessKey", value.secretAccessKey, "the AWS secret access key", { secret: true });
  if (value.sessionToken !== void 0) requireString("auth.credentials.sessionToken", value.sessionToken, "the session token of temporary credentials", { secret: true });
  const exp = value.expiration;
  if (exp !== void 0 && !(exp instanceof Date && !Number.isNaN(exp.getTime()))) fail("auth.credentials.expiration", "must be a valid Date");
  if (exp instanceof Date && exp.getTime() <= Date.now()) fail("auth.credentials.expiration", `the static credentials expired at ${exp.toISOString()}`);
}
function checkAwsCredentials(value, source) {
  const c = value;
  if (typeof c !== "object" || c === null || typeof c.accessKeyId !== "string" || c.accessKeyId === "" || typeof c.secretAccessKey !== "string" || c.secretAccessKey === "") {
    throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `credential source ${source} returned no accessKeyId/secretAccessKey`);
  }
  if (/[\r\n\0]/.test(c.accessKeyId + c.secretAccessKey + (_nullishCoalesce(c.sessionToken, () => ( ""))))) {
    throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `credential source ${source} returned credentials containing a line break`);
  }
  if (c.sessionToken !== void 0 && typeof c.sessionToken !== "string") {
    throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `credential source ${source} returned a sessionToken that is not a string`);
  }
  if (c.expiration !== void 0 && !(c.expiration instanceof Date && !Number.isNaN(c.expiration.getTime()))) {
    throw new (0, _chunkSHQPWJW6cjs.CredentialsError)(source, `credential source ${source} returned an expiration that is not a valid Date`);
  }
  return c;
}
async function loadNodeDefaultChain() {
  const { defaultProvider } = await loadOptionalSdk("@aws-sdk/credential-provider-node", "aws:default-chain");
  const provider = defaultProvider();
  return async () => provider();
}

// src/auth/iam-mode.ts
var iamMode = {
  mode: "iam",
  description: "SigV4 with AWS credentials",
  keys: ["mode", "region", "service", "credentials", "signingHost"],
  validate(auth, { nodes, env }) {
    const given = auth;
    if ("username" in given || "password" in given) fail("auth", "IAM auth and basic credentials cannot both be used: a signed request cannot also carry a password");
    checkCredentialsOption(given.credentials);
    return { signing: resolveScope({ region: given.region, service: given.service, signingHost: given.signingHost }, nodes, env) };
  },
  env: [
    { name: "AWS_REGION", option: "auth.region" },
    { name: "AWS_DEFAULT_REGION", option: "auth.region" },
    { name: "OPENSEARCH_SERVICE", option: "auth.service" },
    { name: "OPENSEARCH_SIGNING_HOST", option: "auth.signingHost" }
  ],
  fromEnv(read) {
    const region = _nullishCoalesce(read.region("AWS_REGION"), () => ( read.region("AWS_DEFAULT_REGION")));
    const service = read.oneOf("OPENSEARCH_SERVICE", ["es", "aoss"]);
    const signingHost = read.string("OPENSEARCH_SIGNING_HOST");
    return {
      mode: "iam",
      ...region !== void 0 ? { region } : {},
      ...service !== void 0 ? { service } : {},
      ...signingHost !== void 0 ? { signingHost } : {}
    };
  },
  secrets(auth) {
    const c = auth.credentials;
    return typeof c === "object" && c !== null ? [c.secretAccessKey, c.sessionToken] : [];
  }
};

// src/auth/none.ts
var NOTHING = { generation: 0, sign: () => ({ headers: {} }) };
function createNoneStrategy() {
  const strategy = {
    mode: "none",
    signsBody: false,
    authorize: async () => NOTHING,
    authorizeCached: () => NOTHING,
    headersFor: (request) => headersVia(strategy, request)
  };
  return strategy;
}
var noneMode = {
  mode: "none",
  description: "no credentials",
  keys: ["mode"],
  validate: () => ({}),
  env: [],
  fromEnv: () => ({ mode: "none" }),
  secrets: () => []
};
var noneFactory = () => createNoneStrategy();

// src/retry/run.ts
function annotate(error, attempts, elapsedMs) {
  if (error === null || typeof error !== "object") return;
  try {
    Object.assign(error, { attempts, elapsedMs: Math.round(elapsedMs) });
  } catch (e4) {
  }
}
var AttemptFailed = class extends Error {
  constructor(original) {
    super("attempt failed");
    this.original = original;
  }
  
};
async function runWithRetry(attempt, ctx, options) {
  const o = _chunkCPZWHQJFcjs.resolveRetryOptions.call(void 0, options);
  const request = { method: (_nullishCoalesce(ctx.method, () => ( ""))).toUpperCase(), path: _nullishCoalesce(ctx.path, () => ( "")) };
  const boundary = { ...ctx.secrets !== void 0 ? { secrets: ctx.secrets } : {} };
  const started = _nullishCoalesce(ctx.startedAt, () => ( performance.now()));
  const elapsed = () => performance.now() - started;
  let calls = 0;
  let replay = ctx.firstFailure;
  let refreshed = false;
  let lastError;
  const notify = (info) => {
    if (o.onRetry === void 0) return;
    try {
      o.onRetry({ ...info, path: _chunkSHQPWJW6cjs.redactText.call(void 0, info.path, ctx.secrets) });
    } catch (e5) {
    }
  };
  const callOnce = async () => {
    calls += 1;
    if (replay !== void 0) {
      const { error } = replay;
      replay = void 0;
      throw _chunkMBVEGIUYcjs.toTypedError.call(void 0, error, boundary);
    }
    try {
      return await attempt(calls);
    } catch (error) {
      throw _chunkMBVEGIUYcjs.toTypedError.call(void 0, error, boundary);
    }
  };
  const logicalAttempt = async () => {
    try {
      try {
        return await callOnce();
      } catch (error) {
        if (error instanceof _chunkSHQPWJW6cjs.ExpiredCredentialsError && !refreshed && ctx.onExpiredCredentials !== void 0) {
          refreshed = true;
          notify({ attempt: calls, error, reason: "expired_credentials", delayMs: 0, elapsedMs: elapsed(), ...request });
          await ctx.onExpiredCredentials();
          return await callOnce();
        }
        throw error;
      }
    } catch (error) {
      lastError = error;
      throw new AttemptFailed(error);
    }
  };
  if (replay === void 0) {
    try {
      _optionalChain([o, 'access', _22 => _22.signal, 'optionalAccess', _23 => _23.throwIfAborted, 'call', _24 => _24()]);
    } catch (error) {
      const final = _chunkMBVEGIUYcjs.toTypedError.call(void 0, error, boundary);
      annotate(final, 0, elapsed());
      throw final;
    }
    try {
      const result = await attempt(1);
      _optionalChain([o, 'access', _25 => _25.signal, 'optionalAccess', _26 => _26.throwIfAborted, 'call', _27 => _27()]);
      return result;
    } catch (error) {
      replay = { error };
    }
  }
  {
    const first = _chunkMBVEGIUYcjs.toTypedError.call(void 0, replay.error, boundary);
    const refreshable = first instanceof _chunkSHQPWJW6cjs.ExpiredCredentialsError && ctx.onExpiredCredentials !== void 0;
    if (!refreshable && (o.retries <= 0 || !_chunkCPZWHQJFcjs.retryDecision.call(void 0, first, request, o).retry)) {
      annotate(first, 1, elapsed());
      throw first;
    }
  }
  try {
    const { default: pRetry } = await Promise.resolve().then(() => _interopRequireWildcard(require("./p-retry-IIAAGQIC.cjs")));
    return await pRetry(logicalAttempt, {
      retries: o.retries,
      minTimeout: 0,
      factor: 1,
      maxRetryTime: o.maxElapsedMs,
      shouldRetry: async ({ retriesConsumed }) => {
        const decision = _chunkCPZWHQJFcjs.retryDecision.call(void 0, lastError, request, o);
        if (!decision.retry) return false;
        const delayMs = _chunkCPZWHQJFcjs.computeDelay.call(void 0, retriesConsumed + 1, o, decision.retryAfterMs);
        if (elapsed() + delayMs > o.maxElapsedMs) return false;
        notify({ attempt: calls, error: lastError, reason: decision.reason, delayMs, elapsedMs: elapsed(), ...request });
        if (delayMs > 0) await _chunkCPZWHQJFcjs.sleep.call(void 0, delayMs, o.signal);
        return elapsed() <= o.maxElapsedMs;
      }
    });
  } catch (error) {
    const final = _chunkMBVEGIUYcjs.toTypedError.call(void 0, error instanceof AttemptFailed ? error.original : error, boundary);
    annotate(final, calls, elapsed());
    throw final;
  }
}
async function runWithResolvedRetry(attempt, ctx, o, signal) {
  const s = signal();
  return runWithRetry(attempt, ctx, { ...o, ...s !== void 0 ? { signal: s } : {} });
}

// src/auth/mode-names.ts
var AUTH_MODE_NAMES = ["iam", "basic", "cognito", "none"];
function isAuthMode(value) {
  return typeof value === "string" && AUTH_MODE_NAMES.includes(value);
}

// src/auth/mode-scope.ts
var LEAN_ENTRY_OF = { basic: "opensearch-fgac/basic", iam: "opensearch-fgac/iam" };
function modeNotIncluded(mode, scope) {
  if (scope.specs[mode] !== void 0) return void 0;
  const included = AUTH_MODE_NAMES.filter((m) => scope.specs[m] !== void 0).join(", ");
  const lean = LEAN_ENTRY_OF[mode];
  return `mode "${mode}" is not included in ${scope.name} (modes: ${included}); import createClient from "opensearch-fgac" or "opensearch-fgac/client" (every mode)${lean !== void 0 ? ` or "${lean}"` : ""}`;
}
function modeDefinition(mode, scope) {
  return scope.specs[mode];
}

// src/auth/cognito.ts
var _crypto = require('crypto');

// src/client/from-env-read.ts
var _fs = require('fs');
function envFail(name, message) {
  throw new (0, _chunkSHQPWJW6cjs.ConfigError)(name, `${name}: ${message}`);
}
var EnvReader = class {
  #env;
  constructor(env) {
    this.#env = env;
  }
  /** The value, or undefined when unset or blank; refused with surrounding whitespace or control characters. */
  string(name, flags = {}) {
    const raw = this.#env[name];
    if (raw === void 0 || raw === null) return void 0;
    if (typeof raw !== "string") envFail(name, "must be a string");
    if (raw.trim() === "") return void 0;
    if (raw.length > MAX_STRING_LENGTH) envFail(name, `is longer than ${MAX_STRING_LENGTH} characters`);
    if (raw.trim() !== raw) {
      envFail(name, `${flags.secret === true ? "the value" : preview(raw)} has leading or trailing whitespace (a trailing newline from a file?); remove it`);
    }
    if (/[\0-\x08\x0a-\x1f\x7f]/.test(raw)) envFail(name, "contains a control character (a line break?)");
    return raw;
  }
  /** A required value. */
  required(name, why, flags = {}) {
    const v = this.string(name, flags);
    if (v === void 0) envFail(name, `is not set (${why})`);
    return v;
  }
  /** `true/1/yes/gzip` or `false/0/no/none` (any case). */
  boolean(name) {
    const v = _optionalChain([this, 'access', _28 => _28.string, 'call', _29 => _29(name), 'optionalAccess', _30 => _30.toLowerCase, 'call', _31 => _31()]);
    if (v === void 0) return void 0;
    if (["1", "true", "yes", "gzip"].includes(v)) return true;
    if (["0", "false", "no", "none"].includes(v)) return false;
    return envFail(name, `${preview(v)} is not a boolean (true/false)`);
  }
  /** A decimal integer in [min, max] (digits only: `0x10`, `1e3`, `5.0` and `+5` are refused). */
  integer(name, min, max) {
    const v = this.string(name);
    if (v === void 0) return void 0;
    if (!/^\d{1,16}$/.test(v)) envFail(name, `${preview(v)} is not a whole number in decimal digits`);
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) envFail(name, `${v} is out of range (${min} to ${max})`);
    return n;
  }
  /** An AWS region name. */
  region(name) {
    const v = this.string(name);
    if (v !== void 0 && !REGION.test(v)) envFail(name, `${preview(v)} is not an AWS region name such as "us-east-1"`);
    return v;
  }
  /** One of `values` (compared in lower case). */
  oneOf(name, values) {
    const v = _optionalChain([this, 'access', _32 => _32.string, 'call', _33 => _33(name), 'optionalAccess', _34 => _34.toLowerCase, 'call', _35 => _35()]);
    if (v === void 0) return void 0;
    if (!values.includes(v)) envFail(name, `${preview(v)} is not one of ${values.join(", ")}`);
    return v;
  }
  /** An http(s) URL. */
  url(name) {
    const v = this.string(name);
    if (v === void 0) return void 0;
    checkUrl(name, v);
    return v;
  }
  /** A comma-separated list of http(s) URLs. */
  urls(name, why) {
    const list = this.required(name, why).split(",").map((s) => s.trim()).filter((s) => s !== "");
    if (list.length === 0) envFail(name, `is not set (${why})`);
    for (const u of list) checkUrl(name, u);
    return list;
  }
  /** The bytes of the file a variable names, read now. */
  file(name) {
    const path2 = this.string(name);
    if (path2 === void 0) return void 0;
    try {
      return _fs.readFileSync.call(void 0, path2);
    } catch (error) {
      return envFail(name, `cannot read ${preview(path2, 200)}: ${_nullishCoalesce(error.code, () => ( "read error"))}`);
    }
  }
};
function checkUrl(name, value) {
  let ok = false;
  try {
    const u = new URL(value);
    ok = (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
  } catch (e6) {
    ok = false;
  }
  if (!ok) envFail(name, `${urlPreview(value)} is not an http(s) URL`);
}

// src/auth/cognito.ts
function secretHash(username, clientId, clientSecret) {
  return _crypto.createHmac.call(void 0, "sha256", clientSecret).update(username + clientId, "utf8").digest("base64");
}
var POOL_PREFIX = /^[a-z]{2}(?:-[a-z]{1,12}){1,3}-\d{1,2}/;
var USER_POOL_ID = /^[a-z]{2}(?:-[a-z]{1,12}){1,3}-\d{1,2}_[A-Za-z0-9]{1,60}$/;
var IDENTITY_POOL_ID = /^[a-z]{2}(?:-[a-z]{1,12}){1,3}-\d{1,2}:[0-9A-Za-z-]{1,80}$/;
var CLIENT_ID = /^[A-Za-z0-9+]{1,128}$/;
var ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{0,12}:role\/[\w+=,.@/-]{1,512}$/;
function checkSignIn(auth) {
  optionalRegion("auth.region", requireString("auth.region", auth.region, 'the user pool region, e.g. "us-east-1"'));
  const userPoolId = requireString("auth.userPoolId", auth.userPoolId, 'e.g. "us-east-1_AbCdEf123"');
  const clientId = requireString("auth.clientId", auth.clientId, "the user pool app client id");
  const identityPoolId = requireString("auth.identityPoolId", auth.identityPoolId, 'e.g. "us-east-1:1234abcd-..."; Cognito auth needs an identity pool to turn the sign-in into AWS credentials');
  requireString("auth.username", auth.username, "the user pool user name");
  if (!USER_POOL_ID.test(userPoolId) || !POOL_PREFIX.test(userPoolId)) fail("auth.userPoolId", `${preview(userPoolId)} does not look like "<region>_<id>"`);
  if (!IDENTITY_POOL_ID.test(identityPoolId)) fail("auth.identityPoolId", `${preview(identityPoolId)} does not look like "<region>:<uuid>"`);
  if (!CLIENT_ID.test(clientId)) fail("auth.clientId", "must be the app client id (letters and digits)");
  for (const key of ["password", "idToken", "refreshToken", "clientSecret"]) {
    optionalString(`auth.${key}`, auth[key], "a non-empty string when given", { secret: true });
  }
  if (auth.password === void 0 && auth.idToken === void 0 && auth.refreshToken === void 0) {
    fail("auth.password", "Cognito auth needs one of password, idToken or refreshToken");
  }
  const role = optionalString("auth.customRoleArn", auth.customRoleArn, "an IAM role ARN");
  if (role !== void 0 && !ROLE_ARN.test(role)) fail("auth.customRoleArn", 'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/Name"');
  const endpoints = auth.endpoints;
  if (endpoints === void 0) return;
  if (!isPlainObject(endpoints)) fail("auth.endpoints", `must be { cognitoIdp?, cognitoIdentity? }, got ${typeName(endpoints)}`);
  refuseUnknownKeys("auth.endpoints", endpoints, ["cognitoIdp", "cognitoIdentity"], "of auth.endpoints");
  for (const key of ["cognitoIdp", "cognitoIdentity"]) {
    if (endpoints[key] === void 0) continue;
    const url = requireHttpUrl(`auth.endpoints.${key}`, endpoints[key], '"https://host[:port]"');
    if (url.username !== "" || url.password !== "") fail(`auth.endpoints.${key}`, "must not carry user:password");
  }
}
var cognitoMode = {
  mode: "cognito",
  description: "Cognito user pool sign-in, identity pool credentials, SigV4",
  keys: ["mode", "region", "userPoolId", "clientId", "clientSecret", "identityPoolId", "username", "password", "idToken", "refreshToken", "customRoleArn", "endpoints", "service", "signingHost"],
  validate(auth, { nodes, env }) {
    const given = auth;
    if ("credentials" in given) fail("auth.credentials", 'Cognito auth gets its AWS credentials from the identity pool; use mode "iam" to give credentials');
    checkSignIn(given);
    return { signing: resolveScope({ fallbackRegion: auth.region, service: given.service, signingHost: given.signingHost }, nodes, env) };
  },
  env: [
    { name: "COGNITO_REGION", option: "auth.region" },
    { name: "COGNITO_USER_POOL_ID", option: "auth.userPoolId" },
    { name: "COGNITO_CLIENT_ID", option: "auth.clientId" },
    { name: "COGNITO_CLIENT_SECRET", option: "auth.clientSecret" },
    { name: "COGNITO_IDENTITY_POOL_ID", option: "auth.identityPoolId" },
    { name: "COGNITO_USERNAME", option: "auth.username" },
    { name: "COGNITO_PASSWORD", option: "auth.password" },
    { name: "COGNITO_ID_TOKEN", option: "auth.idToken" },
    { name: "COGNITO_REFRESH_TOKEN", option: "auth.refreshToken" },
    { name: "COGNITO_CUSTOM_ROLE_ARN", option: "auth.customRoleArn" },
    { name: "COGNITO_IDP_ENDPOINT", option: "auth.endpoints.cognitoIdp" },
    { name: "COGNITO_IDENTITY_ENDPOINT", option: "auth.endpoints.cognitoIdentity" },
    { name: "OPENSEARCH_SERVICE", option: "auth.service" },
    { name: "OPENSEARCH_SIGNING_HOST", option: "auth.signingHost" }
  ],
  fromEnv(read) {
    const region = _nullishCoalesce(_nullishCoalesce(read.region("COGNITO_REGION"), () => ( read.region("AWS_REGION"))), () => ( read.region("AWS_DEFAULT_REGION")));
    if (region === void 0) envFail("COGNITO_REGION", "is not set (nor AWS_REGION): the user pool region");
    const secret = { secret: true };
    const password = read.string("COGNITO_PASSWORD", secret);
    const idToken = read.string("COGNITO_ID_TOKEN", secret);
    const refreshToken = read.string("COGNITO_REFRESH_TOKEN", secret);
    const clientSecret = read.string("COGNITO_CLIENT_SECRET", secret);
    const userPoolId = read.required("COGNITO_USER_POOL_ID", "e.g. us-east-1_AbCdEf123");
    const clientId = read.required("COGNITO_CLIENT_ID", "the user pool app client id");
    const identityPoolId = read.required("COGNITO_IDENTITY_POOL_ID", "e.g. us-east-1:1234abcd-...");
    const username = read.required("COGNITO_USERNAME", "the user pool user");
    if (password === void 0 && idToken === void 0 && refreshToken === void 0) {
      envFail("COGNITO_PASSWORD", "is not set (nor COGNITO_ID_TOKEN / COGNITO_REFRESH_TOKEN)");
    }
    const customRoleArn = read.string("COGNITO_CUSTOM_ROLE_ARN");
    const idp = read.url("COGNITO_IDP_ENDPOINT");
    const identity = read.url("COGNITO_IDENTITY_ENDPOINT");
    const service = read.oneOf("OPENSEARCH_SERVICE", ["es", "aoss"]);
    const signingHost = read.string("OPENSEARCH_SIGNING_HOST");
    return {
      mode: "cognito",
      region,
      userPoolId,
      clientId,
      identityPoolId,
      username,
      ...password !== void 0 ? { password } : {},
      ...idToken !== void 0 ? { idToken } : {},
      ...refreshToken !== void 0 ? { refreshToken } : {},
      ...clientSecret !== void 0 ? { clientSecret } : {},
      ...customRoleArn !== void 0 ? { customRoleArn } : {},
      ...idp !== void 0 || identity !== void 0 ? { endpoints: { ...idp !== void 0 ? { cognitoIdp: idp } : {}, ...identity !== void 0 ? { cognitoIdentity: identity } : {} } } : {},
      ...service !== void 0 ? { service } : {},
      ...signingHost !== void 0 ? { signingHost } : {}
    };
  },
  secrets: (auth) => [auth.password, auth.clientSecret, auth.idToken, auth.refreshToken]
};

// src/auth/modes.ts
var AUTH_MODES = {
  iam: iamMode,
  basic: basicMode,
  cognito: cognitoMode,
  none: noneMode
};
var EVERY_MODE_SCOPE = { name: "opensearch-fgac", specs: AUTH_MODES };

// src/client/tls.ts

var _tls = require('tls');
var SSL_KEYS = ["ca", "rejectUnauthorized", "servername", "cert", "key", "pfx", "passphrase"];
var TLS_AGENT_KEYS = ["rejectUnauthorized", "checkServerIdentity", "ca", "cert", "key", "pfx", "passphrase", "servername", "secureContext", "crl", "ciphers", "minVersion", "maxVersion", "secureProtocol", "secureOptions"];
var CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
var MAX_PEM_BYTES = 1024 * 1024;
function pemList(option, value) {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(option, "must not be an empty list");
  list.forEach((item, i) => {
    const name = Array.isArray(value) ? `${option}[${i}]` : option;
    if (typeof item !== "string" && !Buffer.isBuffer(item)) fail(name, `must be PEM text or a Buffer, got ${typeName(item)}`);
    if (item.length === 0) fail(name, "is empty");
    if (item.length > MAX_PEM_BYTES) fail(name, "is larger than 1 MiB");
  });
  return list;
}
function checkCa(value) {
  for (const [i, item] of pemList("ssl.ca", value).entries()) {
    const name = Array.isArray(value) ? `ssl.ca[${i}]` : "ssl.ca";
    const blocks = _nullishCoalesce(item.toString("latin1").match(CERTIFICATE_BLOCK), () => ( []));
    if (blocks.length === 0) fail(name, 'holds no PEM certificate ("-----BEGIN CERTIFICATE-----"); give the CA certificate in PEM form');
    for (const block of blocks) {
      try {
        new (0, _crypto.X509Certificate)(block);
      } catch (e7) {
        fail(name, "holds a PEM certificate that cannot be parsed");
      }
    }
  }
}
function checkSsl(ssl, allowInsecureTls) {
  if (ssl === void 0) return void 0;
  if (!isPlainObject(ssl)) fail("ssl", `must be an object { ca?, rejectUnauthorized?, servername?, cert?, key?, pfx?, passphrase? }, got ${typeName(ssl)}`);
  refuseUnknownKeys("ssl", ssl, SSL_KEYS, "of ssl");
  if (optionalBoolean("ssl.rejectUnauthorized", ssl.rejectUnauthorized) === false && !allowInsecureTls) {
    fail("ssl.rejectUnauthorized", "false disables certificate checks; give the CA with ssl.ca instead, or set allowInsecureTls: true to accept the risk");
  }
  const servername = optionalString("ssl.servername", ssl.servername, "a host name");
  if (servername !== void 0 && !/^[A-Za-z0-9.-]{1,253}$/.test(servername)) fail("ssl.servername", "must be a host name (letters, digits, dots and dashes)");
  if (ssl.ca !== void 0) checkCa(ssl.ca);
  if (ssl.cert !== void 0) pemList("ssl.cert", ssl.cert);
  if (ssl.key !== void 0) pemList("ssl.key", ssl.key);
  if (ssl.pfx !== void 0 && typeof ssl.pfx !== "string" && !Buffer.isBuffer(ssl.pfx)) fail("ssl.pfx", `must be a Buffer (PKCS#12), got ${typeName(ssl.pfx)}`);
  if (ssl.passphrase !== void 0 && typeof ssl.passphrase !== "string") fail("ssl.passphrase", `must be a string, got ${typeName(ssl.passphrase)}`);
  if (ssl.key !== void 0 && ssl.cert === void 0) fail("ssl.cert", "ssl.key is set: give the client certificate with ssl.cert too");
  if (ssl.cert !== void 0 && ssl.key === void 0) fail("ssl.key", "ssl.cert is set: give its private key with ssl.key too");
  if (ssl.pfx !== void 0 && ssl.cert !== void 0) fail("ssl.pfx", "give the client certificate either as ssl.pfx or as ssl.cert + ssl.key, not both");
  if (ssl.passphrase !== void 0 && ssl.key === void 0 && ssl.pfx === void 0) fail("ssl.passphrase", "is set without ssl.key or ssl.pfx");
  if (ssl.cert !== void 0 || ssl.pfx !== void 0) {
    const field = ssl.pfx !== void 0 ? "ssl.pfx" : "ssl.key";
    try {
      _tls.createSecureContext.call(void 0, { ...pick(ssl, ["cert", "key", "pfx", "passphrase"]) });
    } catch (error) {
      const code = error.code;
      const why = typeof code === "string" && /^[A-Z0-9_]{1,80}$/.test(code) ? code : "not usable";
      if (/BAD_DECRYPT|PASSWORD|MAC_VERIFY/.test(why)) fail("ssl.passphrase", `cannot decrypt ${field} (${why}): the passphrase is wrong or missing`);
      const hint = /KEY_VALUES_MISMATCH/.test(why) ? " (the key does not belong to ssl.cert)" : "";
      fail(field, `the client certificate and key cannot be loaded: ${why}${hint}`);
    }
  }
  return ssl;
}
function pick(source, keys) {
  const out = {};
  for (const key of keys) if (source[key] !== void 0) out[key] = source[key];
  return out;
}
function tlsOptionsOf(ssl) {
  return { ...pick(_nullishCoalesce(ssl, () => ( {})), ["ca", "servername", "cert", "key", "pfx", "passphrase"]), rejectUnauthorized: _optionalChain([ssl, 'optionalAccess', _36 => _36.rejectUnauthorized]) !== false };
}
function sslSecrets(ssl, secrets) {
  if (ssl === void 0) return;
  secrets.add(ssl.passphrase);
  for (const key of Array.isArray(ssl.key) ? ssl.key : ssl.key === void 0 ? [] : [ssl.key]) {
    const text = typeof key === "string" ? key : key.toString("utf8");
    secrets.add(text);
    for (const m of text.matchAll(/-----BEGIN [A-Z ]+-----([\s\S]*?)-----END/g)) secrets.add((_nullishCoalesce(m[1], () => ( ""))).replace(/\s+/g, ""));
  }
}
function checkFactoryAgent(agent, allowInsecureTls) {
  if (agent === void 0 || agent === false) return;
  if (typeof agent !== "object" || agent === null) fail("clientOptions.agent", `the agent factory must return an http(s).Agent, got ${typeName(agent)}`);
  const options = agent.options;
  if (allowInsecureTls || options === void 0 || options === null) return;
  if (options.rejectUnauthorized === false) {
    fail("clientOptions.agent", "the agent factory returned an agent with rejectUnauthorized: false, which trusts any certificate; trust a CA with ssl.ca, or set allowInsecureTls: true to accept the risk");
  }
  if (typeof options.checkServerIdentity === "function") {
    fail("clientOptions.agent", "the agent factory returned an agent with its own checkServerIdentity, which can accept any host; use ssl.servername, or set allowInsecureTls: true");
  }
}
function checkAgent(agent, allowInsecureTls) {
  if (agent === void 0 || agent === false) return agent;
  if (typeof agent === "function") {
    const factory = agent;
    return function guardedAgentFactory(options) {
      const made = factory(options);
      checkFactoryAgent(made, allowInsecureTls);
      return made;
    };
  }
  if (!isPlainObject(agent)) fail("clientOptions.agent", `must be agent options, an agent factory function or false, got ${typeName(agent)}`);
  for (const key of TLS_AGENT_KEYS) {
    if (agent[key] !== void 0) fail(`clientOptions.agent.${key}`, "TLS settings belong in the top-level `ssl` option (verification stays on unless allowInsecureTls is set)");
  }
  optionalBoolean("clientOptions.agent.keepAlive", agent.keepAlive);
  optionalInteger("clientOptions.agent.keepAliveMsecs", agent.keepAliveMsecs, 1, 2 ** 31 - 1, " ms");
  optionalInteger("clientOptions.agent.maxSockets", agent.maxSockets, 1, 1e6);
  optionalInteger("clientOptions.agent.maxFreeSockets", agent.maxFreeSockets, 0, 1e6);
  optionalInteger("clientOptions.agent.maxTotalSockets", agent.maxTotalSockets, 1, 1e6);
  optionalInteger("clientOptions.agent.timeout", agent.timeout, 0, 2 ** 31 - 1, " ms");
  if (agent.scheduling !== void 0 && agent.scheduling !== "fifo" && agent.scheduling !== "lifo") fail("clientOptions.agent.scheduling", 'must be "fifo" or "lifo"');
  return agent;
}

// src/client/options-passthrough.ts
var OWNED = {
  node: "use the top-level `node` option",
  nodes: "use the top-level `node` option",
  auth: "use the top-level `auth` option",
  Connection: "the signing Connection is installed by createClient",
  Transport: "the retrying Transport is installed by createClient",
  cloud: "Elastic Cloud ids are not supported",
  ssl: "use the top-level `ssl` option",
  maxRetries: "use `retry.retries`",
  requestTimeout: "use `requestTimeoutMs`",
  compression: "use `compression: true`"
};
var PASSTHROUGH_KEYS = [
  "ConnectionPool",
  "Serializer",
  "pingTimeout",
  "sniffInterval",
  "sniffOnStart",
  "sniffEndpoint",
  "sniffOnConnectionFault",
  "resurrectStrategy",
  "suggestCompression",
  "agent",
  "nodeFilter",
  "nodeSelector",
  "headers",
  "opaqueIdPrefix",
  "generateRequestId",
  "name",
  "context",
  "proxy",
  "enableMetaHeader",
  "disablePrototypePoisoningProtection",
  "memoryCircuitBreaker",
  "enableLongNumeralSupport"
];
function checkClientOptions(value, allowInsecureTls) {
  if (value === void 0) return {};
  if (!isPlainObject(value)) fail("clientOptions", `must be an object of opensearch-js Client options, got ${typeName(value)}`);
  for (const key of Object.keys(value)) {
    const hint = OWNED[key];
    if (hint !== void 0) fail(`clientOptions.${key}`, `not accepted here: ${hint}`);
  }
  refuseUnknownKeys("clientOptions", value, PASSTHROUGH_KEYS, "of the opensearch-js Client");
  optionalInteger("clientOptions.pingTimeout", value.pingTimeout, 1, MAX_TIMER_MS, " ms");
  if (value.sniffInterval !== void 0 && typeof value.sniffInterval !== "boolean") optionalInteger("clientOptions.sniffInterval", value.sniffInterval, 1, MAX_TIMER_MS, " ms");
  for (const key of ["sniffOnStart", "sniffOnConnectionFault", "suggestCompression", "enableMetaHeader", "enableLongNumeralSupport"]) {
    optionalBoolean(`clientOptions.${key}`, value[key]);
  }
  optionalString("clientOptions.sniffEndpoint", value.sniffEndpoint, 'a path such as "_nodes/_all/http"');
  optionalString("clientOptions.opaqueIdPrefix", value.opaqueIdPrefix, "a prefix for X-Opaque-Id");
  const resurrect = value.resurrectStrategy;
  if (resurrect !== void 0 && resurrect !== "ping" && resurrect !== "optimistic" && resurrect !== "none") fail("clientOptions.resurrectStrategy", 'must be "ping", "optimistic" or "none"');
  for (const key of ["nodeFilter", "generateRequestId", "ConnectionPool", "Serializer"]) optionalFunction(`clientOptions.${key}`, value[key], "see the opensearch-js Client options");
  if (value.nodeSelector !== void 0 && typeof value.nodeSelector !== "function" && value.nodeSelector !== "round-robin" && value.nodeSelector !== "random") {
    fail("clientOptions.nodeSelector", 'must be "round-robin", "random" or a function');
  }
  if (value.name !== void 0 && typeof value.name !== "string" && typeof value.name !== "symbol") fail("clientOptions.name", `must be a string or a symbol, got ${typeName(value.name)}`);
  const dpp = value.disablePrototypePoisoningProtection;
  if (dpp !== void 0 && typeof dpp !== "boolean" && dpp !== "proto" && dpp !== "constructor") fail("clientOptions.disablePrototypePoisoningProtection", 'must be a boolean, "proto" or "constructor"');
  if (value.memoryCircuitBreaker !== void 0 && !isPlainObject(value.memoryCircuitBreaker)) fail("clientOptions.memoryCircuitBreaker", "must be an object { enabled, maxPercentage }");
  if (value.proxy !== void 0) {
    const proxy = value.proxy instanceof URL ? value.proxy.href : value.proxy;
    if (typeof proxy !== "string") fail("clientOptions.proxy", `must be a URL, got ${typeName(value.proxy)}`);
    try {
      new URL(proxy);
    } catch (e8) {
      fail("clientOptions.proxy", "is not a URL");
    }
  }
  checkHeaders("clientOptions.headers", value.headers);
  const out = { ...value };
  if (value.agent !== void 0) out.agent = checkAgent(value.agent, allowInsecureTls);
  return out;
}
function checkHeaders(option, headers) {
  if (headers === void 0) return;
  if (!isPlainObject(headers)) fail(option, `must be an object of header names to values, got ${typeName(headers)}`);
  for (const [name, header] of Object.entries(headers)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(name)) fail(option, "holds a header name that is not a valid HTTP token");
    if (header === void 0 || typeof header === "number") continue;
    requireHeaderValue(`${option}.${name}`, header, "a header value without line breaks", { secret: true });
  }
}
var CHILD_OWNED = ["node", "nodes", "auth", "Connection", "Transport", "ConnectionPool", "Serializer", "cloud", "ssl", "agent", "proxy", "compression"];
function checkChildOptions(value) {
  if (value === void 0) return;
  if (!isPlainObject(value)) fail("child", `client.child() takes an object of opensearch-js Client options, got ${typeName(value)}`);
  for (const key of CHILD_OWNED) {
    if (value[key] !== void 0) fail(`child.${key}`, "cannot be changed in a child client: create another client with createClient");
  }
  checkHeaders("child.headers", value.headers);
  optionalInteger("child.requestTimeout", value.requestTimeout, 1, MAX_TIMER_MS, " ms");
  optionalInteger("child.maxRetries", value.maxRetries, 0, 1e3);
}

// src/client/options.ts
var DEFAULT_REQUEST_TIMEOUT_MS = 3e4;
var TOP_LEVEL_KEYS = ["node", "auth", "tenant", "ssl", "requestTimeoutMs", "compression", "retry", "allowInsecureHttp", "allowInsecureTls", "clientOptions"];
var MAX_NODES = 1e3;
function parseNodes(node) {
  if (typeof node !== "string" && !Array.isArray(node)) {
    fail("node", `give the domain endpoint URL, e.g. "https://search-x.us-east-1.es.amazonaws.com", got ${typeName(node)}`);
  }
  const list = Array.isArray(node) ? node : [node];
  if (list.length === 0) fail("node", 'give the domain endpoint URL, e.g. "https://search-x.us-east-1.es.amazonaws.com"');
  if (list.length > MAX_NODES) fail("node", `more than ${MAX_NODES} nodes`);
  return list.map((value, i) => {
    const option = Array.isArray(node) ? `node[${i}]` : "node";
    if (typeof value !== "string" || value.trim() === "") fail(option, `must be a URL string such as "https://host:443", got ${typeName(value)}`);
    const url = requireHttpUrl(option, value, '"https://host[:port]"');
    if (url.username !== "" || url.password !== "") {
      fail(option, "remove the credentials from the URL and put them in `auth` (a URL with user:password would add basic auth to every request)");
    }
    if (url.search !== "" || url.hash !== "" || value.includes("?") || value.includes("#")) fail(option, "remove the query string / fragment from the node URL");
    return url;
  });
}
function secretsIn(options) {
  const out = [];
  const auth = options.auth;
  if (isPlainObject(auth)) {
    for (const key of ["password", "clientSecret", "idToken", "refreshToken"]) out.push(auth[key]);
    if (isPlainObject(auth.credentials)) out.push(auth.credentials.secretAccessKey, auth.credentials.sessionToken);
    if (typeof auth.username === "string" && typeof auth.password === "string") out.push(`${auth.username}:${auth.password}`);
  }
  const ssl = options.ssl;
  if (isPlainObject(ssl)) {
    out.push(ssl.passphrase);
    for (const key of Array.isArray(ssl.key) ? ssl.key : [ssl.key]) out.push(Buffer.isBuffer(key) ? key.toString("utf8") : key);
  }
  for (const node of Array.isArray(options.node) ? options.node : [options.node]) {
    if (typeof node === "string") out.push(...userInfoOf(node));
  }
  return out;
}
function check(options, env, scope) {
  if (!isPlainObject(options)) fail("options", `pass an options object { node, auth }, got ${typeName(options)}`);
  const given = options;
  const allowInsecureHttp = optionalBoolean("allowInsecureHttp", given.allowInsecureHttp) === true;
  const allowInsecureTls = optionalBoolean("allowInsecureTls", given.allowInsecureTls) === true;
  const nodes = parseNodes(given.node);
  const auth = given.auth;
  if (!isPlainObject(auth)) fail("auth", `give { mode: "iam" | "basic" | "cognito" | "none", ... }, got ${typeName(auth)}`);
  if (!isAuthMode(auth.mode)) {
    const shown = typeof auth.mode === "string" ? preview(auth.mode, 30) : typeName(auth.mode);
    fail("auth.mode", `unknown mode ${shown}; use one of ${AUTH_MODE_NAMES.join(", ")}`);
  }
  const refusal = modeNotIncluded(auth.mode, scope);
  if (refusal !== void 0) fail("auth.mode", refusal);
  const requestTimeoutMs = _nullishCoalesce(optionalInteger("requestTimeoutMs", given.requestTimeoutMs, 1, MAX_TIMER_MS, " ms (a positive number of milliseconds)"), () => ( DEFAULT_REQUEST_TIMEOUT_MS));
  if (given.tenant !== void 0) requireHeaderValue("tenant", given.tenant, "a non-empty tenant name (global_tenant, __user__ or a tenant)");
  optionalBoolean("compression", given.compression);
  checkSsl(given.ssl, allowInsecureTls);
  if (given.retry !== void 0 && !isPlainObject(given.retry)) fail("retry", `must be an object { retries?, minDelayMs?, maxDelayMs?, maxElapsedMs?, retryUnsafeWrites?, onRetry?, signal? }, got ${typeName(given.retry)}`);
  _chunkCPZWHQJFcjs.resolveRetryOptions.call(void 0, given.retry);
  const clientOptions = checkClientOptions(given.clientOptions, allowInsecureTls);
  const definition = modeDefinition(auth.mode, scope);
  const resolution = definition.validate(auth, { nodes, env, allowInsecureHttp });
  refuseUnknownKeys("auth", auth, definition.keys, `of auth mode "${auth.mode}"`);
  checkHeaderConflicts(clientOptions.headers, auth.mode, given.tenant !== void 0);
  refuseUnknownKeys("", given, TOP_LEVEL_KEYS, "of createClient");
  return { nodes, requestTimeoutMs, mode: auth.mode, clientOptions, secrets: definition.secrets(auth), ...resolution };
}
function checkHeaderConflicts(headers, mode, tenant) {
  for (const name of Object.keys(_nullishCoalesce(headers, () => ( {})))) {
    const lower = name.toLowerCase();
    if (mode !== "none" && (lower === "authorization" || lower.startsWith("x-amz-"))) {
      fail(`clientOptions.headers.${name}`, `auth mode "${mode}" sets this header on every request; remove it`);
    }
    if (tenant && lower === "securitytenant") fail(`clientOptions.headers.${name}`, "the `tenant` option sets this header; give the tenant once");
  }
}
function resolveOptions(options, env, scope) {
  try {
    return check(options, env, scope);
  } catch (error) {
    if (!(error instanceof _chunkSHQPWJW6cjs.ConfigError)) throw error;
    const secrets = new (0, _chunkOJEGTGWYcjs.SecretSet)();
    try {
      if (isPlainObject(options)) for (const s of secretsIn(options)) secrets.add(s);
    } catch (e9) {
    }
    if (secrets.empty) throw error;
    const message = _chunkSHQPWJW6cjs.redactText.call(void 0, error.message, secrets);
    const option = _chunkSHQPWJW6cjs.redactText.call(void 0, error.option, secrets);
    if (message === error.message && option === error.option) throw error;
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)(option, message);
  }
}
function validateOptions(options, env = process.env) {
  resolveOptions(options, env, EVERY_MODE_SCOPE);
}

// src/client/build-client.ts
var _opensearch = require('@opensearch-project/opensearch'); var _opensearch2 = _interopRequireDefault(_opensearch);

// src/client/connection.ts

var kAuthorizer = /* @__PURE__ */ Symbol("opensearch-fgac.authorizer");
var AttemptAuth = class {
  constructor(authorizer) {
    this.authorizer = authorizer;
  }
  
  #sent;
  /** Records the headers the attempt sent. */
  sent(headers) {
    this.#sent = headers;
  }
  /** The headers the attempt sent (undefined before it was signed). */
  sentHeaders() {
    return this.#sent;
  }
};
var ANY_REQUEST = { method: "GET", host: "", path: "/", headers: {} };
function sentSecretsOf(attemptParams) {
  const headers = _optionalChain([attemptParams, 'access', _37 => _37[kAuthorizer], 'optionalAccess', _38 => _38.sentHeaders, 'call', _39 => _39()]);
  if (headers === void 0) return [];
  const out = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!_chunkSHQPWJW6cjs.isSensitiveKey.call(void 0, name) || typeof value !== "string") continue;
    out.push(value);
    const scheme = /^\s*(\w[\w-]*)\s+(\S+)\s*$/.exec(value);
    if (_optionalChain([scheme, 'optionalAccess', _40 => _40[2]]) !== void 0) {
      out.push(scheme[2]);
      if (_optionalChain([scheme, 'access', _41 => _41[1], 'optionalAccess', _42 => _42.toLowerCase, 'call', _43 => _43()]) === "basic") {
        const decoded = Buffer.from(scheme[2], "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        if (colon >= 0) out.push(decoded, decoded.slice(colon + 1));
      }
    }
    for (const m of value.matchAll(/Signature=([0-9a-f]{16,})/gi)) if (m[1] !== void 0) out.push(m[1]);
  }
  return out;
}
function isStream(value) {
  return typeof value === "object" && value !== null && typeof value.pipe === "function";
}
function applySignature(request, parts) {
  const headers = _nullishCoalesce(request.headers, () => ( {}));
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (lower !== name && lower in parts.headers) delete headers[name];
  }
  Object.assign(headers, parts.headers);
  request.headers = headers;
  if (parts.path !== void 0) request.path = parts.path;
}
var SigningConnection = class extends _opensearch.Connection {
  /** The params and signed request object of the attempt being sent (set only during the synchronous super.request call). */
  #handoverParams;
  #handoverBuilt;
  request(params, callback) {
    const p = params;
    const auth = p[kAuthorizer];
    if (auth === void 0 || auth.authorizer.fixed === true) return super.request(params, callback);
    let built;
    try {
      if (isStream(p.body)) throw new Error("opensearch-fgac: a streamed body cannot be signed; the transport should have buffered it");
      built = super.buildRequestObject(p);
      const parts = auth.authorizer.sign({
        method: _nullishCoalesce(built.method, () => ( p.method)),
        host: this.url.host,
        path: _nullishCoalesce(built.path, () => ( p.path)),
        headers: _nullishCoalesce(built.headers, () => ( {})),
        body: _nullishCoalesce(p.body, () => ( null))
      });
      applySignature(built, parts);
      auth.sent(parts.headers);
    } catch (error) {
      process.nextTick(callback, error instanceof Error ? error : new Error(String(error)), null);
      return { abort: () => void 0 };
    }
    this.#handoverParams = p;
    this.#handoverBuilt = built;
    try {
      return super.request(params, callback);
    } finally {
      this.#handoverParams = void 0;
      this.#handoverBuilt = void 0;
    }
  }
  buildRequestObject(params) {
    if (params === this.#handoverParams && this.#handoverBuilt !== void 0) {
      const built2 = this.#handoverBuilt;
      this.#handoverParams = void 0;
      this.#handoverBuilt = void 0;
      return built2;
    }
    const built = super.buildRequestObject(params);
    const auth = typeof params === "object" && params !== null ? params[kAuthorizer] : void 0;
    if (auth !== void 0 && auth.authorizer.fixed === true) {
      const parts = auth.authorizer.sign(ANY_REQUEST);
      applySignature(built, parts);
      auth.sent(parts.headers);
    }
    return built;
  }
};

// src/client/tls-connection.ts
var TLS_REQUEST_KEYS = ["ca", "cert", "key", "pfx", "passphrase", "servername", "rejectUnauthorized"];
var kAllowInsecure = /* @__PURE__ */ Symbol("opensearch-fgac.allowInsecureTls");
function markTlsOptions(ssl, allowInsecureTls) {
  Object.defineProperty(ssl, kAllowInsecure, { value: allowInsecureTls, enumerable: false });
  return ssl;
}
var verified = /* @__PURE__ */ new WeakSet();
function refuse(socket) {
  const why = String(_nullishCoalesce(socket.authorizationError, () => ( "unknown reason")));
  socket.destroy(new Error(`opensearch-fgac: the server certificate was not verified (${why}); trust its CA with ssl.ca, or set allowInsecureTls: true`));
}
function guardSocket(socket) {
  const tlsSocket = socket;
  if (tlsSocket.encrypted !== true || verified.has(tlsSocket)) return;
  const check2 = () => {
    if (tlsSocket.authorized) verified.add(tlsSocket);
    else refuse(tlsSocket);
  };
  if (tlsSocket.connecting || _optionalChain([tlsSocket, 'access', _44 => _44.getProtocol, 'optionalCall', _45 => _45()]) === null) tlsSocket.once("secureConnect", check2);
  else check2();
}
var TlsSigningConnection = class extends SigningConnection {
  /** The node's protocol is https: (its URL never changes). */
  #https;
  constructor(...args) {
    super(...args);
    this.#https = this.url.protocol === "https:";
  }
  request(params, callback) {
    const request = super.request(params, callback);
    const ssl = this.ssl;
    if (this.#https && _optionalChain([ssl, 'optionalAccess', _46 => _46[kAllowInsecure]]) !== true && typeof request.once === "function") {
      request.once("socket", guardSocket);
    }
    return request;
  }
  buildRequestObject(params) {
    const request = super.buildRequestObject(params);
    const ssl = this.ssl;
    if (ssl !== null && this.#https) {
      const target = request;
      for (const key of TLS_REQUEST_KEYS) {
        if (ssl[key] !== void 0 && target[key] === void 0) target[key] = ssl[key];
      }
    }
    return request;
  }
};

// src/client/transport.ts


// src/client/transport-call.ts

var parentRequest = _opensearch.Transport.prototype.request;
function isStream2(value) {
  return typeof value === "object" && value !== null && typeof value.pipe === "function";
}
async function drain(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
function emptyResult(params, options, aborted) {
  return {
    body: null,
    statusCode: null,
    headers: null,
    warnings: null,
    meta: { context: null, name: "opensearch-js", request: { params, options, id: null }, connection: null, attempts: 0, aborted }
  };
}
var ClientShared = class {
  
  /** Mode none signs nothing: its attempts carry no authorizer, so the Connection does no extra work. */
  
  
  
  
  
  /** Resolved once per client (lazily: invalid options reject the first request rather than throw at createClient). */
  #baseRetry;
  /** The AttemptAuth of the last fixed authorizer (basic): its headers are the same on every attempt, so it is reused. */
  #fixed;
  /** Calls in flight, when the caller gave a signal: one listener for the whole client aborts them all. */
  #inFlight = /* @__PURE__ */ new Set();
  #listening = false;
  constructor(settings) {
    this.strategy = settings.strategy;
    this.unsigned = settings.strategy.mode === "none";
    this.secrets = _nullishCoalesce(settings.secrets, () => ( new (0, _chunkOJEGTGWYcjs.SecretSet)()));
    this.retry = settings.retry;
    this.onExpired = _optionalChain([settings, 'access', _47 => _47.strategy, 'access', _48 => _48.onExpired, 'optionalAccess', _49 => _49.bind, 'call', _50 => _50(settings.strategy)]);
    this.userSignal = _optionalChain([settings, 'access', _51 => _51.retry, 'optionalAccess', _52 => _52.signal]);
  }
  /** Retry options of a call: once per client, unless the call sets maxRetries or streams its body. */
  retryFor(options, streaming) {
    if (!streaming && typeof options.maxRetries !== "number") return this.#baseRetry ??= _chunkCPZWHQJFcjs.resolveRetryOptions.call(void 0, this.retry);
    return _chunkCPZWHQJFcjs.resolveRetryOptions.call(void 0, {
      ...this.retry,
      ...typeof options.maxRetries === "number" ? { retries: options.maxRetries } : {},
      ...streaming ? { retries: 0 } : {}
    });
  }
  /** What an attempt with `authorizer` hands to the Connection. */
  attemptAuth(authorizer) {
    if (authorizer.fixed !== true) return new AttemptAuth(authorizer);
    const last = this.#fixed;
    if (last !== void 0 && last.authorizer === authorizer) return last;
    return this.#fixed = new AttemptAuth(authorizer);
  }
  /** Aborts `call` when the caller's signal aborts (one listener per client, not per call: no listener leak). */
  follow(call) {
    const signal = this.userSignal;
    if (signal === void 0) return;
    if (!this.#listening) {
      this.#listening = true;
      signal.addEventListener("abort", () => {
        for (const c of [...this.#inFlight]) c.abort();
      }, { once: true });
    }
    if (signal.aborted) call.abort();
    this.#inFlight.add(call);
  }
  unfollow(call) {
    this.#inFlight.delete(call);
  }
};
function expire(call, attempt) {
  call.expire(attempt);
}
var Call = (_class = class {
  constructor(shared, transport, params, options) {;_class.prototype.__init.call(this);_class.prototype.__init2.call(this);_class.prototype.__init3.call(this);
    this.shared = shared;
    this.transport = transport;
    this.params = params;
    this.options = options;
    this.#body = params.body;
    this.#bulkBody = params.bulkBody;
    const timeoutOption = options.requestTimeout;
    this.#requestTimeoutMs = typeof timeoutOption === "number" && timeoutOption > 0 ? timeoutOption : transport.requestTimeout;
    this.#onDone = (error, result) => this.#done(error, result);
  }
  
  
  
  
  __init() {this.aborted = false}
  /** The abort error, made by the first abort(). */
  __init2() {this.reason = void 0}
  #controller = void 0;
  /** The request in flight (the parent's handle), for abort(). */
  #current = void 0;
  #retry = void 0;
  #startedAt = 0;
  #body;
  #bulkBody;
  #requestTimeoutMs;
  __init3() {this.usedGeneration = void 0}
  // The attempt in flight: its number, params, time limit, deadline timer and settle functions.
  #attempt = 0;
  #attemptParams = void 0;
  #limitMs = 0;
  #timer = void 0;
  #expired = false;
  #resolve = void 0;
  #reject = void 0;
  /** True while the attempt in flight is the fast path's (its failure goes on to the policy). */
  #fast = false;
  #onDone;
  boundary(error, secrets = this.shared.secrets) {
    return _chunkMBVEGIUYcjs.toTypedError.call(void 0, error, { secrets });
  }
  abortError() {
    return this.boundary(new _opensearch2.default.errors.RequestAbortedError("Request aborted", emptyResult(this.params, this.options, true)));
  }
  #outOfTime(what) {
    const ms = this.#retry.maxElapsedMs;
    return this.boundary(new _opensearch.errors.TimeoutError(`Request timed out: ${what} (retry.maxElapsedMs ${ms} ms)`, emptyResult(this.params, this.options, false)));
  }
  /** Milliseconds left of the call's maxElapsedMs. */
  #remaining() {
    return Math.max(0, this.#retry.maxElapsedMs - (performance.now() - this.#startedAt));
  }
  /** The signal for waits (credentials, back-off), made when a wait starts; already aborted if abort() came first. */
  signal() {
    if (this.#controller === void 0) {
      this.#controller = new AbortController();
      if (this.reason !== void 0) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }
  abort() {
    if (this.aborted) return;
    this.aborted = true;
    this.reason ??= this.abortError();
    _optionalChain([this, 'access', _53 => _53.#current, 'optionalAccess', _54 => _54.abort, 'call', _55 => _55()]);
    _optionalChain([this, 'access', _56 => _56.#controller, 'optionalAccess', _57 => _57.abort, 'call', _58 => _58(this.reason)]);
  }
  /** Runs the call. */
  run() {
    const { params } = this;
    if (this.shared.strategy.signsBody && (isStream2(params.body) || isStream2(params.bulkBody))) return this.#drainThenStart();
    try {
      return this.#start();
    } catch (error) {
      return Promise.reject(this.boundary(error));
    }
  }
  async #drainThenStart() {
    try {
      if (isStream2(this.#body)) this.#body = await drain(this.#body);
      if (isStream2(this.#bulkBody)) this.#bulkBody = await drain(this.#bulkBody);
    } catch (error) {
      throw this.boundary(error);
    }
    if (this.aborted) throw _nullishCoalesce(this.reason, () => ( this.abortError()));
    return this.#start();
  }
  #start() {
    const { shared } = this;
    const streaming = isStream2(this.#body) || isStream2(this.#bulkBody);
    const retry = this.#retry = shared.retryFor(this.options, streaming);
    this.#startedAt = performance.now();
    shared.follow(this);
    const ready = this.aborted || streaming ? void 0 : _optionalChain([shared, 'access', _59 => _59.strategy, 'access', _60 => _60.authorizeCached, 'optionalCall', _61 => _61()]);
    let run;
    if (ready !== void 0 && retry.maxElapsedMs > 0) {
      this.usedGeneration = ready.generation;
      run = new Promise((resolve, reject) => {
        this.#fast = true;
        this.#send(ready, resolve, reject);
      });
    } else {
      run = this.#policy(void 0);
    }
    if (shared.userSignal !== void 0) {
      const unfollow = () => shared.unfollow(this);
      run.then(unfollow, unfollow);
    }
    return run;
  }
  #policy(firstFailure) {
    const { shared, params } = this;
    const onExpired = shared.onExpired;
    return runWithResolvedRetry(
      () => this.#policyAttempt(),
      {
        method: params.method,
        path: params.path,
        secrets: shared.secrets,
        startedAt: this.#startedAt,
        ...firstFailure !== void 0 ? { firstFailure } : {},
        ...onExpired !== void 0 ? { onExpiredCredentials: () => onExpired(this.usedGeneration) } : {}
      },
      this.#retry,
      () => this.signal()
    );
  }
  /** One attempt run by the policy: credentials (waiting if needed), then the send. */
  async #policyAttempt() {
    if (this.aborted) throw _nullishCoalesce(this.reason, () => ( this.abortError()));
    if (this.#remaining() <= 0) throw this.#outOfTime("no time left for another attempt");
    let authorizer = _optionalChain([this, 'access', _62 => _62.shared, 'access', _63 => _63.strategy, 'access', _64 => _64.authorizeCached, 'optionalCall', _65 => _65()]);
    if (authorizer === void 0) {
      const s = this.signal();
      try {
        authorizer = await _chunkCPZWHQJFcjs.boundedWait.call(void 0, this.shared.strategy.authorize({ signal: s }), s, this.#remaining(), () => this.#outOfTime("waiting for credentials"));
      } catch (error) {
        throw this.boundary(error);
      }
      if (this.aborted) throw _nullishCoalesce(this.reason, () => ( this.abortError()));
    }
    this.usedGeneration = authorizer.generation;
    const chosen = authorizer;
    return new Promise((resolve, reject) => {
      this.#fast = false;
      this.#send(chosen, resolve, reject);
    });
  }
  /** Sends one attempt; `resolve`/`reject` settle it. */
  #send(authorizer, resolve, reject) {
    const { shared } = this;
    const attemptParams = Object.assign({}, this.params);
    if (this.#body !== void 0) attemptParams.body = this.#body;
    else if ("body" in attemptParams) delete attemptParams.body;
    if (this.#bulkBody !== void 0) attemptParams.bulkBody = this.#bulkBody;
    else if ("bulkBody" in attemptParams) delete attemptParams.bulkBody;
    if (!shared.unsigned) attemptParams[kAuthorizer] = shared.attemptAuth(authorizer);
    const limitMs = Math.min(this.#requestTimeoutMs, this.#remaining());
    const attempt = ++this.#attempt;
    this.#attemptParams = attemptParams;
    this.#limitMs = limitMs;
    this.#expired = false;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#timer = setTimeout(expire, Math.min(Math.max(1, limitMs), 2 ** 31 - 1), this, attempt);
    const { options } = this;
    const timeoutOption = options.requestTimeout;
    const asGiven = limitMs === this.#requestTimeoutMs && (timeoutOption === void 0 || timeoutOption === limitMs) && typeof options.maxRetries !== "number";
    const attemptOptions = asGiven ? options : { ...options, maxRetries: 0, requestTimeout: Math.max(1, Math.ceil(limitMs)) };
    let pending;
    try {
      pending = parentRequest.call(this.transport, attemptParams, attemptOptions, this.#onDone);
    } catch (error) {
      this.#done(error instanceof Error ? error : new Error(String(error)), void 0);
      return;
    }
    if (this.#attempt === attempt && this.#resolve !== void 0) this.#current = pending;
  }
  /** The deadline of attempt `attempt` passed: it is aborted (and reported as a timeout). */
  expire(attempt) {
    if (attempt !== this.#attempt || this.#resolve === void 0) return;
    this.#expired = true;
    _optionalChain([this, 'access', _66 => _66.#current, 'optionalAccess', _67 => _67.abort, 'call', _68 => _68()]);
  }
  /** The parent's callback for the attempt in flight. */
  #done(error, result) {
    const resolve = this.#resolve;
    const reject = this.#reject;
    if (resolve === void 0 || reject === void 0) return;
    this.#resolve = void 0;
    this.#reject = void 0;
    clearTimeout(this.#timer);
    this.#timer = void 0;
    this.#current = void 0;
    if (error === null) {
      resolve(result);
      return;
    }
    const failure = this.#failure(error);
    if (this.#fast) {
      this.#fast = false;
      this.#policy({ error: failure }).then(resolve, reject);
    } else {
      reject(failure);
    }
  }
  /** The typed error of a failed attempt. */
  #failure(error) {
    if (this.aborted) return _nullishCoalesce(this.reason, () => ( this.abortError()));
    const attemptParams = this.#attemptParams;
    const attemptSecrets = this.shared.secrets.with(sentSecretsOf(attemptParams));
    if (this.#expired) {
      const what = this.#limitMs < this.#requestTimeoutMs ? "the call ran out of retry.maxElapsedMs" : `the attempt took longer than requestTimeoutMs (${this.#requestTimeoutMs} ms)`;
      const meta = _nullishCoalesce(_optionalChain([error, 'optionalAccess', _69 => _69.meta]), () => ( emptyResult(attemptParams, this.options, false)));
      return this.boundary(new _opensearch.errors.TimeoutError(`Request timed out: ${what}`, meta), attemptSecrets);
    }
    return this.boundary(error, attemptSecrets);
  }
}, _class);

// src/client/transport-events.ts
var _events = require('events');
var REQUEST_EVENTS = /* @__PURE__ */ new Set(["serialization", "request", "deserialization", "response"]);
function paramsOf(result) {
  try {
    const params = _optionalChain([result, 'access', _70 => _70.meta, 'optionalAccess', _71 => _71.request, 'optionalAccess', _72 => _72.params]);
    return params !== null && typeof params === "object" ? params : void 0;
  } catch (e10) {
    return void 0;
  }
}
function redactedView(result, secrets) {
  if (result === null || typeof result !== "object") return result;
  const source = result;
  let meta;
  let safe;
  const whole = () => safe ??= _chunkSHQPWJW6cjs.redactApiResponse.call(void 0, source, secrets());
  return {
    get body() {
      return whole().body;
    },
    get statusCode() {
      return source.statusCode;
    },
    get headers() {
      return whole().headers;
    },
    get warnings() {
      return source.warnings;
    },
    get meta() {
      return meta ??= _chunkSHQPWJW6cjs.redactValue.call(void 0, source.meta, secrets());
    }
  };
}
var kEventEmitter = /* @__PURE__ */ Symbol("opensearch-fgac.event-emitter");
function linkEventEmitter(client) {
  const transport = client.transport;
  if (transport === null || typeof transport !== "object") return;
  for (const key of Object.getOwnPropertySymbols(client)) {
    const value = client[key];
    if (value instanceof _events.EventEmitter) {
      transport[kEventEmitter] = value;
      return;
    }
  }
}
function redactingEmit(emit, secrets, emitterOf = () => void 0) {
  return function redacting(event, error, result) {
    const requestEvent = REQUEST_EVENTS.has(event);
    if (requestEvent) {
      const emitter = emitterOf();
      if (emitter !== void 0 && emitter.listenerCount(event) === 0) return false;
    }
    const args = arguments.length === 3 ? void 0 : Array.prototype.slice.call(arguments, 1);
    if (args !== void 0 && (!requestEvent || args.length < 2)) return emit(event, ...args);
    if (!requestEvent || result !== null && typeof result !== "object") return args === void 0 ? emit(event, error, result) : emit(event, ...args);
    let set;
    const setOf = () => {
      if (set === void 0) {
        const params = result !== null && typeof result === "object" ? paramsOf(result) : void 0;
        set = params !== void 0 ? secrets.with(sentSecretsOf(params)) : secrets;
      }
      return set;
    };
    const failed = error !== null && error !== void 0;
    const safeError = failed ? _chunkMBVEGIUYcjs.toTypedError.call(void 0, error, { secrets: setOf() }) : error;
    const view2 = redactedView(result, setOf);
    return args === void 0 ? emit(event, safeError, view2) : emit(event, safeError, view2, ...args.slice(2));
  };
}

// src/client/transport.ts
function createTransportClass(settings) {
  const shared = new ClientShared(settings);
  const { strategy, secrets } = shared;
  class FgacTransport extends _opensearch.Transport {
    /** The auth strategy of this client. */
    __init4() {this.authStrategy = strategy}
    constructor(opts) {
      super(opts);FgacTransport.prototype.__init4.call(this);;
      this.maxRetries = 0;
      _chunkOJEGTGWYcjs.attachSecrets.call(void 0, this, secrets);
      const self = this;
      if (typeof self.emit === "function") {
        self.emit = redactingEmit(self.emit, secrets, () => this[kEventEmitter]);
      }
    }
    request(params, optionsOrCallback, maybeCallback) {
      const callback = typeof optionsOrCallback === "function" ? optionsOrCallback : maybeCallback;
      const options = typeof optionsOrCallback === "object" && optionsOrCallback !== null ? optionsOrCallback : {};
      const call = new Call(shared, this, params, options);
      const promise = call.run();
      if (callback !== void 0) {
        promise.then(
          (result) => callback(null, result),
          (error) => callback(error, _nullishCoalesce(_optionalChain([error, 'optionalAccess', _73 => _73.meta]), () => ( _chunkSHQPWJW6cjs.redactApiResponse.call(void 0, emptyResult(params, options, call.aborted), secrets))))
        );
        return { abort: () => call.abort() };
      }
      const abortable = promise;
      abortable.abort = function abort() {
        call.abort();
        return this;
      };
      return abortable;
    }
  }
  return FgacTransport;
}

// src/client/build-client.ts
function factoryOf(mode, entry) {
  const factory = entry.factories[mode];
  if (factory === void 0) throw new TypeError(`${entry.name} has the spec of mode "${mode}" but not its factory`);
  return factory;
}
function createAuthStrategy(options, resolved, secrets, entry) {
  const auth = options.auth;
  return factoryOf(resolved.mode, entry)(auth, resolved, {
    requestTimeoutMs: resolved.requestTimeoutMs,
    refreshBufferMs: refreshBufferFor(resolved.requestTimeoutMs),
    secrets
  });
}
function createClientWith(options, entry) {
  const resolved = resolveOptions(options, process.env, entry);
  const secrets = new (0, _chunkOJEGTGWYcjs.SecretSet)();
  for (const secret of resolved.secrets) secrets.add(secret);
  sslSecrets(options.ssl, secrets);
  const strategy = createAuthStrategy(options, resolved, secrets, entry);
  const passthrough = resolved.clientOptions;
  const headers = { ..._nullishCoalesce(passthrough.headers, () => ( {})) };
  for (const [name, value] of Object.entries(headers)) if (_chunkSHQPWJW6cjs.isSensitiveKey.call(void 0, name)) secrets.add(value);
  if (options.tenant !== void 0) headers.securitytenant = options.tenant;
  const clientOptions = {
    ...passthrough,
    node: options.node,
    Connection: TlsSigningConnection,
    Transport: createTransportClass({ strategy, secrets, ...options.retry !== void 0 ? { retry: options.retry } : {} }),
    requestTimeout: resolved.requestTimeoutMs,
    // Used by the bulk helper for per-document 429 retries; request-level retries are runWithRetry's
    // (each attempt is sent with maxRetries 0).
    maxRetries: _nullishCoalesce(_optionalChain([options, 'access', _74 => _74.retry, 'optionalAccess', _75 => _75.retries]), () => ( 3)),
    ssl: markTlsOptions(tlsOptionsOf(options.ssl), options.allowInsecureTls === true),
    headers,
    ...options.compression === true ? { compression: "gzip" } : {}
  };
  _chunkOJEGTGWYcjs.attachSecrets.call(void 0, strategy, secrets);
  return withSecrets(new (0, _opensearch.Client)(clientOptions), secrets);
}
function withSecrets(client, secrets) {
  _chunkOJEGTGWYcjs.attachSecrets.call(void 0, client, secrets);
  linkEventEmitter(client);
  const makeChild = client.child.bind(client);
  client.child = (opts) => {
    checkChildOptions(opts);
    for (const [name, value] of Object.entries(_nullishCoalesce(_optionalChain([opts, 'optionalAccess', _76 => _76.headers]), () => ( {})))) if (_chunkSHQPWJW6cjs.isSensitiveKey.call(void 0, name)) secrets.add(value);
    return withSecrets(makeChild(opts), secrets);
  };
  return client;
}
function authStrategyOf(client) {
  const transport = client.transport;
  return transport.authStrategy;
}

// src/client/from-env.ts
var COMMON_ENV_VARIABLES = [
  { name: "OPENSEARCH_URL", option: "node" },
  { name: "OPENSEARCH_AUTH", option: "auth.mode" },
  { name: "OPENSEARCH_TENANT", option: "tenant" },
  { name: "OPENSEARCH_CA_FILE", option: "ssl.ca" },
  { name: "OPENSEARCH_CERT_FILE", option: "ssl.cert" },
  { name: "OPENSEARCH_KEY_FILE", option: "ssl.key" },
  { name: "OPENSEARCH_KEY_PASSPHRASE", option: "ssl.passphrase" },
  { name: "OPENSEARCH_REQUEST_TIMEOUT_MS", option: "requestTimeoutMs" },
  { name: "OPENSEARCH_COMPRESSION", option: "compression" },
  { name: "OPENSEARCH_ALLOW_INSECURE_HTTP", option: "allowInsecureHttp" }
];
function fromEnv(env = process.env) {
  const read = new EnvReader(env);
  const nodes = read.urls("OPENSEARCH_URL", "the domain endpoint, e.g. https://search-x.us-east-1.es.amazonaws.com");
  const mode = read.oneOf("OPENSEARCH_AUTH", AUTH_MODE_NAMES);
  if (mode === void 0) read.required("OPENSEARCH_AUTH", `one of ${AUTH_MODE_NAMES.join(", ")}`);
  const auth = modeDefinition(mode, EVERY_MODE_SCOPE).fromEnv(read);
  const options = { node: nodes.length === 1 ? nodes[0] : nodes, auth };
  const tenant = read.string("OPENSEARCH_TENANT");
  if (tenant !== void 0) options.tenant = tenant;
  const ca = read.file("OPENSEARCH_CA_FILE");
  const cert = read.file("OPENSEARCH_CERT_FILE");
  const key = read.file("OPENSEARCH_KEY_FILE");
  const passphrase = read.string("OPENSEARCH_KEY_PASSPHRASE", { secret: true });
  if (ca !== void 0 || cert !== void 0 || key !== void 0 || passphrase !== void 0) {
    options.ssl = {
      ...ca !== void 0 ? { ca } : {},
      ...cert !== void 0 ? { cert } : {},
      ...key !== void 0 ? { key } : {},
      ...passphrase !== void 0 ? { passphrase } : {}
    };
  }
  const timeout = read.integer("OPENSEARCH_REQUEST_TIMEOUT_MS", 1, MAX_TIMER_MS);
  if (timeout !== void 0) options.requestTimeoutMs = timeout;
  const compression = read.boolean("OPENSEARCH_COMPRESSION");
  if (compression !== void 0) options.compression = compression;
  const insecureHttp = read.boolean("OPENSEARCH_ALLOW_INSECURE_HTTP");
  if (insecureHttp !== void 0) options.allowInsecureHttp = insecureHttp;
  checkAsAWhole(options, env);
  return options;
}
function variableOf(option, mode, env) {
  const bare = option.replace(/\[\d+\]$/, "");
  const candidates = [...COMMON_ENV_VARIABLES, ...AUTH_MODES[mode].env].filter((v) => v.option === bare || bare.startsWith(`${v.option}.`));
  return _optionalChain([(_nullishCoalesce(candidates.find((v) => env[v.name] !== void 0 && env[v.name] !== ""), () => ( candidates[0]))), 'optionalAccess', _77 => _77.name]);
}
function checkAsAWhole(options, env) {
  try {
    resolveOptions({ ...options, ssl: void 0 }, env, EVERY_MODE_SCOPE);
  } catch (error) {
    if (!(error instanceof _chunkSHQPWJW6cjs.ConfigError)) throw error;
    const variable = variableOf(error.option, options.auth.mode, env);
    if (variable === void 0 || variable === error.option) throw error;
    const detail = error.message.startsWith(`${error.option}: `) ? error.message.slice(error.option.length + 2) : error.message;
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)(variable, `${variable}: ${detail} (option ${error.option})`);
  }
}























exports.refreshBufferFor = refreshBufferFor; exports.DEFAULT_PROVIDER_TIMEOUT_MS = DEFAULT_PROVIDER_TIMEOUT_MS; exports.describeFailure = describeFailure; exports.credentialsFailure = credentialsFailure; exports.CredentialCache = CredentialCache; exports.cachedStrategy = cachedStrategy; exports.createBasicStrategy = createBasicStrategy; exports.basicMode = basicMode; exports.secretHash = secretHash; exports.loadOptionalSdk = loadOptionalSdk; exports.checkAwsCredentials = checkAwsCredentials; exports.loadNodeDefaultChain = loadNodeDefaultChain; exports.iamMode = iamMode; exports.noneMode = noneMode; exports.noneFactory = noneFactory; exports.EVERY_MODE_SCOPE = EVERY_MODE_SCOPE; exports.runWithRetry = runWithRetry; exports.validateOptions = validateOptions; exports.createClientWith = createClientWith; exports.authStrategyOf = authStrategyOf; exports.fromEnv = fromEnv;
//# sourceMappingURL=chunk-2QQD7C5D.cjs.map