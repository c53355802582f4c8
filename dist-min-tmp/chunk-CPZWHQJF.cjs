"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }



var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/client/deadline.ts
function boundedWait(promise, signal, ms, onTimeout) {
  if (_optionalChain([signal, 'optionalAccess', _ => _.aborted])) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    let timer;
    const onAbort = () => {
      finish();
      reject(_optionalChain([signal, 'optionalAccess', _2 => _2.reason]));
    };
    const finish = () => {
      if (timer !== void 0) clearTimeout(timer);
      _optionalChain([signal, 'optionalAccess', _3 => _3.removeEventListener, 'call', _4 => _4("abort", onAbort)]);
    };
    if (Number.isFinite(ms)) {
      timer = setTimeout(() => {
        finish();
        reject(onTimeout());
      }, Math.min(Math.max(0, ms), 2 ** 31 - 1));
    }
    _optionalChain([signal, 'optionalAccess', _5 => _5.addEventListener, 'call', _6 => _6("abort", onAbort, { once: true })]);
    promise.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error) => {
        finish();
        reject(error);
      }
    );
  });
}

// src/retry/options.ts
var RETRY_DEFAULTS = { retries: 3, minDelayMs: 100, maxDelayMs: 2e4, maxElapsedMs: 6e4 };
var MAX_DELAY_MS = 2 ** 31 - 1;
var MAX_RETRIES = 1e3;
var KEYS = ["retries", "minDelayMs", "maxDelayMs", "maxElapsedMs", "retryUnsafeWrites", "onRetry", "signal"];
function describeValue(value) {
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
function checkNumber(name, value, fallback, integer, max) {
  if (value === void 0) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > max || integer && !Number.isInteger(value)) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)(`retry.${name}`, `retry.${name} must be a finite ${integer ? "integer" : "number"} from 0 to ${max}, got ${describeValue(value)}`);
  }
  return value;
}
function resolveRetryOptions(options = {}) {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("retry", `retry must be an object { retries?, minDelayMs?, maxDelayMs?, maxElapsedMs?, retryUnsafeWrites?, onRetry?, signal? }, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key) && options[key] !== void 0) {
      const name = /^\w{1,40}$/.test(key) ? key : "?";
      throw new (0, _chunkSHQPWJW6cjs.ConfigError)(`retry.${name}`, `retry.${name} is not a retry option; accepted: ${KEYS.join(", ")}`);
    }
  }
  const retries = checkNumber("retries", options.retries, RETRY_DEFAULTS.retries, true, MAX_RETRIES);
  const minDelayMs = checkNumber("minDelayMs", options.minDelayMs, RETRY_DEFAULTS.minDelayMs, false, MAX_DELAY_MS);
  const maxDelayMs = checkNumber("maxDelayMs", options.maxDelayMs, Math.max(RETRY_DEFAULTS.maxDelayMs, minDelayMs), false, MAX_DELAY_MS);
  const maxElapsedMs = checkNumber("maxElapsedMs", options.maxElapsedMs, RETRY_DEFAULTS.maxElapsedMs, false, Number.MAX_SAFE_INTEGER);
  if (maxDelayMs < minDelayMs) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("retry.maxDelayMs", `retry.maxDelayMs (${maxDelayMs}) is below retry.minDelayMs (${minDelayMs})`);
  if (options.onRetry !== void 0 && typeof options.onRetry !== "function") throw new (0, _chunkSHQPWJW6cjs.ConfigError)("retry.onRetry", `retry.onRetry must be a function, got ${describeValue(options.onRetry)}`);
  if (options.retryUnsafeWrites !== void 0 && typeof options.retryUnsafeWrites !== "boolean") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("retry.retryUnsafeWrites", `retry.retryUnsafeWrites must be true or false, got ${describeValue(options.retryUnsafeWrites)}`);
  }
  if (options.signal !== void 0 && !(options.signal instanceof AbortSignal)) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("retry.signal", `retry.signal must be an AbortSignal, got ${describeValue(options.signal)}`);
  }
  return {
    retries,
    minDelayMs,
    maxDelayMs,
    maxElapsedMs,
    retryUnsafeWrites: options.retryUnsafeWrites === true,
    onRetry: options.onRetry,
    signal: options.signal
  };
}

// src/retry/backoff.ts
function computeDelay(attempt, options = {}, retryAfterMs, random = Math.random) {
  const minDelayMs = _nullishCoalesce(options.minDelayMs, () => ( RETRY_DEFAULTS.minDelayMs));
  const maxDelayMs = _nullishCoalesce(options.maxDelayMs, () => ( Math.max(RETRY_DEFAULTS.maxDelayMs, minDelayMs)));
  const n = Math.max(1, Math.floor(attempt));
  const cap = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(n - 1, 52));
  let r = random();
  if (!Number.isFinite(r) || r < 0) r = 0;
  if (r >= 1) r = 1;
  const jittered = Math.floor(r * cap);
  const floor = retryAfterMs !== void 0 && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 0;
  return Math.min(maxDelayMs, Math.max(jittered, Math.ceil(floor)));
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (_optionalChain([signal, 'optionalAccess', _7 => _7.aborted])) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(_optionalChain([signal, 'optionalAccess', _8 => _8.reason]));
    };
    const timer = setTimeout(() => {
      _optionalChain([signal, 'optionalAccess', _9 => _9.removeEventListener, 'call', _10 => _10("abort", onAbort)]);
      resolve();
    }, ms);
    _optionalChain([signal, 'optionalAccess', _11 => _11.addEventListener, 'call', _12 => _12("abort", onAbort, { once: true })]);
  });
}

// src/retry/decision.ts
var _opensearch = require('@opensearch-project/opensearch');
var READ_ONLY_POST = /* @__PURE__ */ new Set([
  "_count",
  "_msearch",
  "_mget",
  "_field_caps",
  "_validate",
  "_explain",
  "_termvectors",
  "_mtermvectors",
  "_analyze",
  "_rank_eval",
  "_render",
  "_search_shards"
]);
function segmentsOf(path) {
  return (_nullishCoalesce((_nullishCoalesce(path.split("?")[0], () => ( ""))).split("/"), () => ( []))).filter((s) => s !== "");
}
function isIdempotentRequest(method, path) {
  const m = (_nullishCoalesce(method, () => ( ""))).toUpperCase();
  if (m === "GET" || m === "HEAD" || m === "OPTIONS") return true;
  const segments = segmentsOf(_nullishCoalesce(path, () => ( "")));
  if (m === "DELETE") return true;
  if (m === "PUT") return !segments.includes("_bulk");
  if (m !== "POST") return false;
  const at = segments.findIndex((s) => s.startsWith("_"));
  const endpoint = at < 0 ? void 0 : segments[at];
  if (endpoint === void 0) return false;
  if (endpoint === "_search") {
    const next = segments[at + 1];
    return next !== "scroll" && next !== "point_in_time";
  }
  return READ_ONLY_POST.has(endpoint);
}
function isConnectFailure(message) {
  return /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)\b/.test(message);
}
function statusOf(error) {
  if (!(error instanceof _opensearch.errors.ResponseError)) return void 0;
  const status = _optionalChain([error, 'access', _13 => _13.meta, 'optionalAccess', _14 => _14.statusCode]);
  return typeof status === "number" ? status : void 0;
}
function isConflictRetryable(error) {
  return statusOf(error) === 409;
}
function retryDecision(error, request, options = {}) {
  const safe = options.retryUnsafeWrites === true || isIdempotentRequest(request.method, request.path);
  const status = statusOf(error);
  const retryAfterMs = _optionalChain([error, 'optionalAccess', _15 => _15.retryAfterMs]);
  const after = typeof retryAfterMs === "number" ? { retryAfterMs } : {};
  if (status !== void 0) {
    if (status === 429) return { retry: true, reason: "throttled", ...after };
    if (status === 503) return { retry: true, reason: "unavailable", ...after };
    if (status === 502 || status === 504) return safe ? { retry: true, reason: "unavailable", ...after } : { retry: false, reason: "unsafe_write" };
    return { retry: false, reason: "not_retryable" };
  }
  if (_chunkSHQPWJW6cjs.isFgacError.call(void 0, error)) return { retry: false, reason: "not_retryable" };
  if (error instanceof _opensearch.errors.TimeoutError) return safe ? { retry: true, reason: "timeout" } : { retry: false, reason: "unsafe_write" };
  if (error instanceof _opensearch.errors.ConnectionError) {
    const message = String(_nullishCoalesce(error.message, () => ( "")));
    if (_chunkSHQPWJW6cjs.isTlsFailureMessage.call(void 0, message)) return { retry: false, reason: "tls_failure" };
    if (isConnectFailure(message)) return { retry: true, reason: "connect_failed" };
    return safe ? { retry: true, reason: "connection_lost" } : { retry: false, reason: "unsafe_write" };
  }
  return { retry: false, reason: "not_retryable" };
}









exports.boundedWait = boundedWait; exports.resolveRetryOptions = resolveRetryOptions; exports.computeDelay = computeDelay; exports.sleep = sleep; exports.isConnectFailure = isConnectFailure; exports.isConflictRetryable = isConflictRetryable; exports.retryDecision = retryDecision;
//# sourceMappingURL=chunk-CPZWHQJF.cjs.map