"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _interopRequireWildcard(obj) { if (obj && obj.__esModule) { return obj; } else { var newObj = {}; if (obj != null) { for (var key in obj) { if (Object.prototype.hasOwnProperty.call(obj, key)) { newObj[key] = obj[key]; } } } newObj.default = obj; return newObj; } } function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; } function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }






var _chunk2QQD7C5Dcjs = require('./chunk-2QQD7C5D.cjs');

// src/auth/sigv4/sign.ts
var _crypto = require('crypto'); var _crypto2 = _interopRequireDefault(_crypto);

// src/auth/sigv4/wire-path.ts
var HEX_DIGIT = /^[0-9A-Fa-f]$/;
var PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;
var utf8 = new TextEncoder();
var UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
var BYTE_FORM = Array.from({ length: 256 }, (_, b) => {
  const c = String.fromCharCode(b);
  return /^[A-Za-z0-9\-_.~]$/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
});
function sigv4Encode(value) {
  if (UNRESERVED.test(value)) return value;
  let out = "";
  for (const byte of utf8.encode(value)) out += BYTE_FORM[byte];
  return out;
}
function wirePath(path) {
  let out = "";
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === "%" && HEX_DIGIT.test(_nullishCoalesce(path[i + 1], () => ( ""))) && HEX_DIGIT.test(_nullishCoalesce(path[i + 2], () => ( "")))) {
      out += path.slice(i, i + 3);
      i += 3;
      continue;
    }
    const cp = _nullishCoalesce(path.codePointAt(i), () => ( 0));
    const ch = String.fromCodePoint(cp);
    out += c !== "%" && PATH_SAFE.test(ch) ? ch : sigv4Encode(ch);
    i += ch.length;
  }
  return out === "" ? "/" : out;
}
function canonicalUri(path) {
  const segments = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(sigv4Encode(segment));
  }
  if (segments.length === 0) return "/";
  return `/${segments.join("/")}${path.endsWith("/") ? "/" : ""}`;
}
function wireTarget(target) {
  const q = target.indexOf("?");
  const path = wirePath(q < 0 ? target : target.slice(0, q));
  const decoded = [];
  if (q >= 0) {
    const raw = target.slice(q + 1);
    for (const [key, value] of new URLSearchParams(raw.startsWith("?") ? `&${raw}` : raw)) decoded.push([key, value]);
  }
  const encoded = decoded.map(([k, v]) => [sigv4Encode(k), sigv4Encode(v)]);
  return { path, decoded, encoded, wire: encoded.length > 0 ? `${path}?${joinPairs(encoded)}` : path };
}
function joinPairs(pairs) {
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

// src/auth/sigv4/sign.ts
var aws4Module;
var aws4Loading;
function loadSigner() {
  aws4Loading ??= Promise.resolve().then(() => _interopRequireWildcard(require("aws4"))).then((m) => {
    aws4Module = _nullishCoalesce(m.default, () => ( m));
  });
  return aws4Loading;
}
var EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
var OWN_AMZ = /* @__PURE__ */ new Set(["x-amz-date", "x-amz-security-token", "x-amz-content-sha256"]);
function sha256Hex(data) {
  return _crypto2.default.hash("sha256", data, "hex");
}
function payloadHash(body) {
  if (body === void 0 || body === null || body.length === 0) return EMPTY_SHA256;
  return sha256Hex(body);
}
function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
var lastSecond = Number.NaN;
var lastAmzDate = "";
function amzDateAt(ms) {
  const second = Math.floor(ms / 1e3);
  if (second !== lastSecond) {
    lastAmzDate = amzDate(new Date(second * 1e3));
    lastSecond = second;
  }
  return lastAmzDate;
}
var MESSAGE_ROOM = 448;
var SigningKey = class {
  constructor(day, region, service, secretAccessKey) {
    this.day = day;
    this.region = region;
    this.service = service;
    const kDate = _crypto.createHmac.call(void 0, "sha256", `AWS4${secretAccessKey}`).update(day).digest();
    const kRegion = _crypto.createHmac.call(void 0, "sha256", kDate).update(region).digest();
    const kService = _crypto.createHmac.call(void 0, "sha256", kRegion).update(service).digest();
    this.#key = _crypto.createHmac.call(void 0, "sha256", kService).update("aws4_request").digest();
    this.scope = `${day}/${region}/${service}/aws4_request`;
    for (let i = 0; i < 64; i++) {
      const k = _nullishCoalesce(this.#key[i], () => ( 0));
      this.#inner[i] = k ^ 54;
      this.#outer[i] = k ^ 92;
    }
  }
  
  
  
  
  #key;
  #inner = Buffer.alloc(64 + MESSAGE_ROOM);
  #outer = Buffer.alloc(64 + 32);
  /** Hex HMAC-SHA256 of `message` (UTF-8) under this key. */
  sign(message) {
    const written = this.#inner.write(message, 64, "utf8");
    if (written >= MESSAGE_ROOM - 4) return _crypto.createHmac.call(void 0, "sha256", this.#key).update(message, "utf8").digest("hex");
    this.#outer.write(_crypto2.default.hash("sha256", this.#inner.subarray(0, 64 + written), "binary"), 64, "binary");
    return _crypto2.default.hash("sha256", this.#outer, "hex");
  }
};
var signingKeys = /* @__PURE__ */ new WeakMap();
function signingKey(credentials, day, region, service) {
  const cached = signingKeys.get(credentials);
  if (cached !== void 0 && cached.day === day && cached.region === region && cached.service === service) return cached;
  const key = new SigningKey(day, region, service, credentials.secretAccessKey);
  signingKeys.set(credentials, key);
  return key;
}
var PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;
var PLAIN_QUERY = /^[A-Za-z0-9\-._~]+=[A-Za-z0-9\-._~]*(?:&[A-Za-z0-9\-._~]+=[A-Za-z0-9\-._~]*)*$/;
var SELF_CANONICAL = /^(?:\/[A-Za-z0-9\-_~][A-Za-z0-9\-._~]*)*\/?$/;
function parsePlainTarget(raw) {
  const q = raw.indexOf("?");
  const path = q < 0 ? raw : raw.slice(0, q);
  if (!PLAIN_PATH.test(path)) return void 0;
  const wirePath2 = path === "" ? "/" : path;
  const uri = SELF_CANONICAL.test(wirePath2) ? wirePath2 : canonicalUri(wirePath2);
  if (q < 0) return { wire: wirePath2, uri, query: "" };
  const query = raw.slice(q + 1);
  if (!PLAIN_QUERY.test(query)) return void 0;
  const pairs = query.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  });
  pairs.sort(([ka, va], [kb, vb]) => ka !== kb ? ka < kb ? -1 : 1 : va < vb ? -1 : va > vb ? 1 : 0);
  return { wire: `${wirePath2}?${query}`, uri, query: pairs.map(([k, v]) => `${k}=${v}`).join("&") };
}
var plainTargets = /* @__PURE__ */ new Map();
var PLAIN_TARGETS_MAX = 256;
function plainTarget(raw) {
  const known = plainTargets.get(raw);
  if (known !== void 0) return _nullishCoalesce(known, () => ( void 0));
  const parsed = parsePlainTarget(raw);
  if (plainTargets.size >= PLAIN_TARGETS_MAX) plainTargets.clear();
  plainTargets.set(raw, _nullishCoalesce(parsed, () => ( null)));
  return parsed;
}
function canonicalValue(value) {
  return /^\S*$/.test(value) ? value : value.trim().replace(/\s+/g, " ");
}
var USUAL_SIGNED = [
  "host;x-amz-content-sha256;x-amz-date",
  "content-type;host;x-amz-content-sha256;x-amz-date",
  "host;x-amz-content-sha256;x-amz-date;x-amz-security-token",
  "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token"
];
function signPlain(method, target, toSign, usual, credentials, scope, amz) {
  let canonicalHeaders = "";
  let signedHeaders;
  const payload = toSign["x-amz-content-sha256"];
  if (usual) {
    const contentType = toSign["content-type"];
    const token = toSign["x-amz-security-token"];
    if (contentType !== void 0) canonicalHeaders = `content-type:${canonicalValue(contentType)}
`;
    canonicalHeaders += `host:${canonicalValue(toSign.host)}
x-amz-content-sha256:${payload}
x-amz-date:${amz}
`;
    if (token !== void 0) canonicalHeaders += `x-amz-security-token:${canonicalValue(token)}
`;
    signedHeaders = USUAL_SIGNED[(contentType !== void 0 ? 1 : 0) + (token !== void 0 ? 2 : 0)];
  } else {
    const names = Object.keys(toSign).sort();
    for (const name of names) canonicalHeaders += `${name}:${canonicalValue(toSign[name])}
`;
    signedHeaders = names.join(";");
  }
  const canonical = `${method}
${target.uri}
${target.query}
${canonicalHeaders}
${signedHeaders}
${payload}`;
  const key = signingKey(credentials, amz.slice(0, 8), scope.region, scope.service);
  const signature = key.sign(`AWS4-HMAC-SHA256
${amz}
${key.scope}
${sha256Hex(canonical)}`);
  toSign.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${key.scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers: toSign, path: target.wire };
}
function headerValue(value) {
  if (value === void 0) return void 0;
  return Array.isArray(value) ? value.join(",") : String(value);
}
function queryObject(pairs) {
  const out = /* @__PURE__ */ Object.create(null);
  for (const [key, value] of pairs) {
    const prev = out[key];
    out[key] = prev === void 0 ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
function signRequest(request, credentials, scope, now) {
  const host = _nullishCoalesce(scope.signingHost, () => ( request.host));
  const toSign = {};
  let usual = true;
  const given = request.headers;
  for (const name in given) {
    const lower = name.toLowerCase();
    if (lower !== "content-type" && !lower.startsWith("x-amz-")) continue;
    const v = headerValue(given[name]);
    if (v === void 0 || OWN_AMZ.has(lower)) continue;
    if (lower !== "content-type") usual = false;
    toSign[lower] = v;
  }
  toSign.host = host;
  toSign["x-amz-content-sha256"] = payloadHash(request.body);
  toSign["x-amz-date"] = amzDateAt(now === void 0 ? Date.now() : now.getTime());
  if (credentials.sessionToken !== void 0 && credentials.sessionToken !== "") {
    toSign["x-amz-security-token"] = credentials.sessionToken;
  }
  const raw = request.path === "" ? "/" : request.path;
  const plain = plainTarget(raw);
  if (plain !== void 0) return signPlain(request.method.toUpperCase(), plain, toSign, usual, credentials, scope, toSign["x-amz-date"]);
  const target = wireTarget(raw);
  if (aws4Module === void 0) throw new Error("opensearch-fgac: the SigV4 signer is not loaded yet (await loadSigner() first)");
  const signer = new aws4Module.RequestSigner(
    { method: request.method.toUpperCase(), host, path: target.wire, headers: toSign, service: scope.service, region: scope.region },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...toSign["x-amz-security-token"] !== void 0 ? { sessionToken: credentials.sessionToken } : {}
    }
  );
  const parsed = { path: target.path, query: target.decoded.length > 0 || raw.includes("?") ? queryObject(target.decoded) : null };
  signer.parsePath = function parsePath() {
    this.parsedPath = parsed;
  };
  signer.sign();
  const headers = {};
  for (const [name, value] of Object.entries(_nullishCoalesce(signer.request.headers, () => ( {})))) {
    const v = headerValue(value);
    if (v !== void 0) headers[name.toLowerCase()] = v;
  }
  return { headers, path: target.wire };
}

// src/auth/sigv4/strategy.ts
function rememberAwsSecrets(credentials, secrets) {
  _optionalChain([secrets, 'optionalAccess', _2 => _2.add, 'call', _3 => _3(credentials.secretAccessKey, { rotating: true })]);
  _optionalChain([secrets, 'optionalAccess', _4 => _4.add, 'call', _5 => _5(credentials.sessionToken, { rotating: true })]);
  return credentials;
}
function sigv4Strategy(mode, cache, scope) {
  return _chunk2QQD7C5Dcjs.cachedStrategy.call(void 0, 
    mode,
    true,
    cache,
    ({ value: credentials, generation, expiresAt }) => ({ generation, ...expiresAt !== void 0 ? { expiresAt } : {}, sign: (request) => signRequest(request, credentials, scope) }),
    async (usedGeneration) => {
      await cache.forceRefresh(usedGeneration);
    },
    loadSigner
  );
}

// src/auth/iam.ts
function createIamStrategy(options) {
  const given = options.credentials;
  const { secrets } = options;
  let source;
  let provider;
  if (typeof given === "function") {
    source = "aws:credentials-provider";
    provider = async () => _chunk2QQD7C5Dcjs.checkAwsCredentials.call(void 0, rememberAwsSecrets(await given(), secrets), source);
  } else if (given !== void 0) {
    source = "aws:static-credentials";
    provider = async () => _chunk2QQD7C5Dcjs.checkAwsCredentials.call(void 0, rememberAwsSecrets(given, secrets), source);
  } else {
    source = "aws:default-chain";
    const load = _nullishCoalesce(options.loadDefaultChain, () => ( _chunk2QQD7C5Dcjs.loadNodeDefaultChain));
    let chain;
    provider = async () => {
      chain ??= load().catch((error) => {
        chain = void 0;
        throw error;
      });
      return _chunk2QQD7C5Dcjs.checkAwsCredentials.call(void 0, rememberAwsSecrets(await (await chain)(), secrets), source);
    };
  }
  const cache = new (0, _chunk2QQD7C5Dcjs.CredentialCache)({
    source,
    provider,
    expirationOf: (c) => c.expiration,
    refreshBufferMs: _nullishCoalesce(options.refreshBufferMs, () => ( _chunk2QQD7C5Dcjs.refreshBufferFor.call(void 0, 3e4))),
    timeoutMs: _nullishCoalesce(options.timeoutMs, () => ( _chunk2QQD7C5Dcjs.DEFAULT_PROVIDER_TIMEOUT_MS)),
    ...options.ttlMs !== void 0 ? { ttlMs: options.ttlMs } : {},
    ...secrets !== void 0 ? { secrets } : {}
  });
  return sigv4Strategy("iam", cache, options.scope);
}
var iamFactory = (auth, { signing }, { requestTimeoutMs, refreshBufferMs, secrets }) => {
  if (signing === void 0) throw new Error("unreachable: iam without a signing scope");
  return createIamStrategy({ scope: signing, ...auth.credentials !== void 0 ? { credentials: auth.credentials } : {}, refreshBufferMs, timeoutMs: requestTimeoutMs, secrets });
};





exports.rememberAwsSecrets = rememberAwsSecrets; exports.sigv4Strategy = sigv4Strategy; exports.iamFactory = iamFactory;
//# sourceMappingURL=chunk-JSFLJOVR.cjs.map