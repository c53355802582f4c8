"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } async function _asyncNullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return await rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; } var _class; var _class2;





















var _chunk3Z7MCOS5cjs = require('./chunk-3Z7MCOS5.cjs');


var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/fgac/masking.ts
var DEFAULT_COMPLIANCE_SALT = "e1ukloTsQlOgPquJ";
function javaUtf8Bytes(s) {
  return new Uint8Array(Buffer.from(_chunk3Z7MCOS5cjs.javaUtf8RoundTrip.call(void 0, s), "utf8"));
}
var HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function toHex(bytes) {
  let s = "";
  for (const b of bytes) s += HEX[b];
  return s;
}
function saltBytes(salt = DEFAULT_COMPLIANCE_SALT) {
  const bytes = typeof salt === "string" ? new Uint8Array(Buffer.from(salt, "utf8")) : salt;
  if (bytes.length < 16) {
    const shown = typeof salt === "string" ? `${salt} ` : "";
    throw new (0, _chunk3Z7MCOS5cjs.MaskingExpressionError)(`Provided compliance salt ${shown}must at least contain 16 bytes`, typeof salt === "string" ? salt : "<bytes>");
  }
  return bytes.slice(0, 16);
}
function pluginMajor(opts = {}) {
  const major = _chunk3Z7MCOS5cjs.pluginMajorVersion.call(void 0, opts.pluginVersion);
  if (major !== void 0) return major;
  return _optionalChain([opts, 'access', _2 => _2.defaultAlgorithm, 'optionalAccess', _3 => _3.toUpperCase, 'call', _4 => _4()]) === "BLAKE2B" ? 3 : 2;
}
var parseCache = /* @__PURE__ */ new Map();
function parseMaskedField(expression, opts = {}) {
  const major = pluginMajor(opts);
  const key2 = `${major}\0${expression}`;
  const hit = parseCache.get(key2);
  if (hit) return hit;
  const a = _chunk3Z7MCOS5cjs.analyzeMaskedField.call(void 0, expression, { dialect: major >= 3 ? "v3" : "v2" });
  if (a.rejected) throw new (0, _chunk3Z7MCOS5cjs.MaskingExpressionError)(_nullishCoalesce(a.rejected.serverMessage, () => ( a.rejected.message)), expression);
  const e = a.expression;
  if (e === void 0) throw new (0, _chunk3Z7MCOS5cjs.MaskingExpressionError)("unparsable masked field", expression);
  const parsed = e.kind === "default" ? { source: expression, field: e.field, kind: "default" } : e.kind === "hash" ? { source: expression, field: e.field, kind: "digest", algorithm: e.algorithm } : { source: expression, field: e.field, kind: "regex", replacements: e.replacements.map((r) => ({ ...r })) };
  if (a.unsupported !== void 0) parsed.unsupported = a.unsupported;
  if (parseCache.size > 1e3) parseCache.clear();
  parseCache.set(key2, parsed);
  return parsed;
}
function applyRegexChain(value, chain, jdk19) {
  let s = _chunk3Z7MCOS5cjs.javaUtf8RoundTrip.call(void 0, value);
  for (const rr of chain) s = _chunk3Z7MCOS5cjs.javaReplaceAll.call(void 0, s, rr.regex, rr.replacement, { jdk19 });
  return _chunk3Z7MCOS5cjs.javaUtf8RoundTrip.call(void 0, s);
}
var saltStates = /* @__PURE__ */ new Map();
var statesFromKey = (key2) => ({ legacy: _chunk3Z7MCOS5cjs.blake2bState.call(void 0, 32, void 0, key2), salted: _chunk3Z7MCOS5cjs.blake2bState.call(void 0, 32, key2) });
var lastSalt;
var lastStates;
function statesOf(salt) {
  if (typeof salt !== "string" && salt !== void 0) return statesFromKey(saltBytes(salt));
  const k = _nullishCoalesce(salt, () => ( DEFAULT_COMPLIANCE_SALT));
  if (k === lastSalt && lastStates !== void 0) return lastStates;
  let v = saltStates.get(k);
  if (!v) {
    v = statesFromKey(saltBytes(k));
    if (saltStates.size > 100) saltStates.clear();
    saltStates.set(k, v);
  }
  lastSalt = k;
  lastStates = v;
  return v;
}
function blake2bMask(value, salt, legacy) {
  const states = statesOf(salt);
  return _chunk3Z7MCOS5cjs.blake2bHexOfString.call(void 0, legacy ? states.legacy : states.salted, value, 32);
}
function digestMask(bytes, algorithm, expression) {
  const info = _chunk3Z7MCOS5cjs.findDigest.call(void 0, algorithm);
  if (!info) throw new (0, _chunk3Z7MCOS5cjs.MaskingExpressionError)(`java.security.NoSuchAlgorithmException: ${algorithm} MessageDigest not available`, expression);
  const hash = info.hash;
  if (!hash) throw new (0, _chunk3Z7MCOS5cjs.UnsupportedMaskingError)(`digest ${algorithm}`, expression, "not available in this runtime");
  return toHex(hash(bytes));
}
function effectiveMask(parsed, opts = {}) {
  if (parsed.kind === "regex") return { kind: "regex", replacements: _nullishCoalesce(parsed.replacements, () => ( [])), ...pluginMajor(opts) >= 3 ? { jdk19: true } : {} };
  const def = _nullishCoalesce(opts.defaultAlgorithm, () => ( "BLAKE2B_LEGACY_DEFAULT"));
  const defUpper = def.toUpperCase();
  const legacySetting = defUpper === "BLAKE2B_LEGACY_DEFAULT";
  const major = pluginMajor(opts);
  if (major >= 3) {
    if (legacySetting) return { kind: "blake2b", legacy: true };
    if (parsed.algorithm) return { kind: "digest", algorithm: parsed.algorithm };
    if (def !== "" && defUpper !== "BLAKE2B") return { kind: "digest", algorithm: def };
    return { kind: "blake2b", legacy: false };
  }
  if (parsed.algorithm) return { kind: "digest", algorithm: parsed.algorithm };
  if (def !== "" && !legacySetting && defUpper !== "BLAKE2B") return { kind: "digest", algorithm: def };
  return { kind: "blake2b", legacy: defUpper !== "BLAKE2B" };
}
function maskValue(value, opts = {}) {
  const expression = _nullishCoalesce(opts.expression, () => ( "*"));
  const parsed = parseMaskedField(expression, opts);
  return applyEffectiveMask(value, effectiveMask(parsed, opts), opts.salt, expression);
}
function applyEffectiveMask(value, eff, salt, expression = "") {
  switch (eff.kind) {
    case "regex":
      return applyRegexChain(value, eff.replacements, eff.jdk19 === true);
    case "digest":
      return digestMask(javaUtf8Bytes(value), eff.algorithm, expression);
    case "blake2b":
      return blake2bMask(value, salt, eff.legacy);
  }
}
function effectiveMaskEquals(value, eff, salt, expression, mask) {
  if (eff.kind === "blake2b") {
    const states = statesOf(salt);
    return _chunk3Z7MCOS5cjs.blake2bHexEquals.call(void 0, eff.legacy ? states.legacy : states.salted, value, 32, mask);
  }
  return applyEffectiveMask(value, eff, salt, expression) === mask;
}
function isMaskShaped(value) {
  return typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
}

// src/fgac/field-patterns.ts
function globMatch(pattern, s) {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = -1;
  while (i < s.length) {
    const pc = pattern[p];
    if (pc === "*") {
      starP = ++p;
      starI = i;
    } else if (pc !== void 0 && (pc === "?" || pc === s[i])) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP;
      i = ++starI;
    } else {
      return false;
    }
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}
function compileFieldPattern(pattern) {
  if (pattern.trim() === "") return () => false;
  if (pattern === "*") return () => true;
  if (pattern.startsWith("/") && pattern.endsWith("/")) {
    if (pattern.length < 2) throw new (0, _chunk3Z7MCOS5cjs.MaskingExpressionError)('pattern "/" is not a regular expression', pattern);
    const rx = _chunk3Z7MCOS5cjs.compileJavaRegex.call(void 0, pattern.slice(1, -1));
    return (candidate) => _chunk3Z7MCOS5cjs.javaMatches.call(void 0, rx, candidate);
  }
  if (!pattern.includes("*") && !pattern.includes("?")) return (candidate) => candidate === pattern;
  return (candidate) => globMatch(pattern, candidate);
}
function matchesFieldPattern(pattern, candidate) {
  return compileFieldPattern(pattern)(candidate);
}
function normalizeFieldName(field) {
  return field.endsWith(".keyword") ? field.slice(0, -".keyword".length) : field;
}

// src/verify/masking.ts
function compileMaskedFields(expressions, opts = {}) {
  const entries = expressions.map((e) => {
    const parsed = parseMaskedField(e, opts);
    return { parsed, matcher: compileFieldPattern(parsed.field) };
  });
  return {
    match(path) {
      const n = normalizeFieldName(path);
      return entries.filter((e) => e.matcher(n)).map((e) => e.parsed);
    }
  };
}
function maskDocument(source, expressions, opts = {}) {
  const set = compileMaskedFields(expressions, opts);
  const v3 = pluginMajor(opts) >= 3;
  const maskAt = (path, s) => {
    const m = set.match(path)[0];
    return m ? maskValue(s, { ...opts, expression: m.source }) : s;
  };
  const visit = (value, path, inArray) => {
    if (typeof value === "string") return maskAt(path, value);
    if (Array.isArray(value)) {
      if (!v3 && inArray) return value;
      return value.map((v) => !v3 && (Array.isArray(v) || v !== null && typeof v === "object") ? v : visit(v, path, true));
    }
    if (value !== null && typeof value === "object") {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = visit(v, path ? `${path}.${k}` : k, false);
      return out;
    }
    return value;
  };
  return visit(source, "", false);
}

// src/verify/fls.ts
function rolesOf(rules) {
  if (rules.length === 0) return [];
  if (rules.every((r) => typeof r === "string")) return [rules];
  return rules.map((r) => r);
}
function compileFls(rules, opts = {}) {
  const roles = rolesOf(rules);
  const restricted = roles.filter((r) => r.length > 0);
  const unrestricted = roles.length - restricted.length;
  let result;
  if (restricted.length === 0 || unrestricted > 0 && opts.dfmEmptyOverridesAll) {
    result = { mode: "all", patterns: [], isVisible: () => true };
  } else {
    const all = [...new Set(restricted.flat())];
    const excludes = [];
    const includes = [];
    for (const p of all) {
      const entry = _chunk3Z7MCOS5cjs.toFlsEntry.call(void 0, p);
      if (entry.exclude !== void 0) excludes.push({ source: p, matcher: compileFieldPattern(entry.exclude) });
      else includes.push({ source: p, matcher: compileFieldPattern(entry.include) });
    }
    if (excludes.length > 0) {
      const excluded = (f) => excludes.some((e) => e.matcher(f));
      result = {
        mode: "exclude",
        patterns: excludes.map((e) => e.source),
        isVisible(path) {
          const f = normalizeFieldName(path);
          if (excluded(f)) return false;
          for (let dot = f.lastIndexOf("."); dot > 0; dot = f.lastIndexOf(".", dot - 1)) if (excluded(f.slice(0, dot))) return false;
          return true;
        }
      };
    } else if (includes.some((p) => p.source === "*")) {
      result = { mode: "all", patterns: ["*"], isVisible: () => true };
    } else {
      const parentSources = /* @__PURE__ */ new Set();
      for (const p of includes) {
        if (p.source.startsWith("/") && p.source.endsWith("/")) continue;
        for (let dot = p.source.indexOf("."); dot !== -1; dot = p.source.indexOf(".", dot + 1)) parentSources.add(p.source.slice(0, dot));
      }
      for (const p of includes) parentSources.delete(p.source);
      const parents = [...parentSources].map((s) => compileFieldPattern(s));
      const included = (f) => includes.some((i) => i.matcher(f));
      result = {
        mode: "include",
        patterns: includes.map((i) => i.source),
        isVisible(path, kind = "any") {
          const f = normalizeFieldName(path);
          if (included(f)) return true;
          for (let dot = f.lastIndexOf("."); dot > 0; dot = f.lastIndexOf(".", dot - 1)) if (included(f.slice(0, dot))) return true;
          return kind !== "leaf" && parents.some((m) => m(f));
        }
      };
    }
  }
  return result;
}
function isFieldVisible(path, rules, kind = "any", opts = {}) {
  const c = "isVisible" in rules ? rules : compileFls(rules, opts);
  return c.isVisible(path, kind);
}
function fieldPaths(doc) {
  const out = /* @__PURE__ */ new Map();
  const visit = (v, path) => {
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, path));
      return;
    }
    if (typeof v === "object" && v !== null) {
      if (path) out.set(path, "object");
      for (const [k, x] of Object.entries(v)) visit(x, path ? `${path}.${k}` : k);
      return;
    }
    if (path && out.get(path) !== "object") out.set(path, "leaf");
  };
  visit(doc, "");
  return [...out].map(([path, kind]) => ({ path, kind }));
}
function visibleFields(doc, rules, opts = {}) {
  const c = "isVisible" in rules ? rules : compileFls(rules, opts);
  const filtered = filterDocument(doc, c);
  return fieldPaths(filtered).map((f) => f.path);
}
function filterDocument(doc, rules, opts = {}) {
  const c = "isVisible" in rules ? rules : compileFls(rules, opts);
  if (c.mode === "all") return doc;
  const visit = (v, path) => {
    if (Array.isArray(v)) return v.map((x) => visit(x, path));
    if (typeof v === "object" && v !== null) {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        const isObject = Array.isArray(x) ? x.some((e) => typeof e === "object" && e !== null) : typeof x === "object" && x !== null;
        if (!c.isVisible(p, isObject ? "object" : "leaf")) continue;
        out[k] = visit(x, p);
      }
      return out;
    }
    return v;
  };
  return visit(doc, "");
}

// src/fgac/dls-variables.ts
var quoted = (xs) => xs.map((x) => `"${x}"`).join(",");
function substituteUserVariables(query, user = {}, options = {}) {
  const values = /* @__PURE__ */ new Map();
  const put = (k, v) => {
    values.set(k, v);
    values.set(k.replaceAll(".", "_"), v);
  };
  if (user.name !== void 0) put("user.name", user.name);
  if (user.roles) put("user.roles", quoted(user.roles));
  if (user.securityRoles) put("user.securityRoles", quoted(user.securityRoles));
  for (const [k, v] of Object.entries(_nullishCoalesce(user.attributes, () => ( {})))) put(k, v);
  const legacy = (_nullishCoalesce(_chunk3Z7MCOS5cjs.pluginMajorVersion.call(void 0, options.pluginVersion), () => ( 3))) < 3;
  const unresolved = [];
  const defaults = [];
  let out = "";
  let i = 0;
  while (i < query.length) {
    const at = query.indexOf("${", i);
    if (at < 0) {
      out += query.slice(i);
      break;
    }
    if (!legacy && at > 0 && query[at - 1] === "$") {
      out += query.slice(i, at - 1) + "${";
      i = at + 2;
      continue;
    }
    const end = query.indexOf("}", at + 2);
    if (end < 0) {
      out += query.slice(i);
      break;
    }
    out += query.slice(i, at);
    const body = query.slice(at + 2, end);
    const dflt = body.indexOf(":-");
    if (dflt >= 0) defaults.push(body);
    const name = dflt >= 0 && !legacy ? body.slice(0, dflt) : body;
    const v = values.get(name);
    if (v !== void 0) out += v;
    else if (dflt >= 0 && !legacy) out += body.slice(dflt + 2);
    else {
      out += query.slice(at, end + 1);
      unresolved.push(name);
    }
    i = end + 1;
  }
  return { text: out, unresolved, defaults };
}

// src/verify/dls/analysis.ts
function standardTokens(text) {
  if (!/^[\x20-\x7e\t\n\r]*$/.test(text)) return void 0;
  const isL = (c) => c !== void 0 && /[A-Za-z]/.test(c);
  const isN = (c) => c !== void 0 && /[0-9]/.test(c);
  const isW = (c) => c !== void 0 && /[A-Za-z0-9_]/.test(c);
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    if (!isW(text[i])) {
      i++;
      continue;
    }
    let j = i;
    for (; ; ) {
      while (j < text.length && isW(text[j])) j++;
      const mid = text[j];
      const prev = text[j - 1];
      const next = text[j + 1];
      const letterJoin = (mid === "'" || mid === "." || mid === ":") && isL(prev) && isL(next);
      const digitJoin = (mid === "." || mid === "," || mid === ";" || mid === "'") && isN(prev) && isN(next);
      if (letterJoin || digitJoin) {
        j += 1;
        continue;
      }
      break;
    }
    const tok = text.slice(i, j);
    if (/[A-Za-z0-9]/.test(tok)) tokens.push(tok.toLowerCase());
    i = j;
  }
  return tokens;
}
var DEFAULT_DATE_FORMATS = /* @__PURE__ */ new Set(["strict_date_optional_time||epoch_millis", "strict_date_optional_time", "date_optional_time", "epoch_millis", "strict_date_optional_time||epoch_millis||date_optional_time"]);
function parseDateMillis(v, roundUp = false) {
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : void 0;
  if (v instanceof _chunk3Z7MCOS5cjs.JsonNumber) return parseDateMillis(v.value, roundUp);
  if (typeof v !== "string") return void 0;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    if (zone && !h) return void 0;
    const year = Number(y);
    const month = mo ? Number(mo) : roundUp ? 12 : 1;
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = d ? Number(d) : roundUp ? lastDay : 1;
    const hour = h ? Number(h) : roundUp ? 23 : 0;
    const minute = mi ? Number(mi) : roundUp ? 59 : 0;
    const second = s ? Number(s) : roundUp ? 59 : 0;
    const ms = frac ? Number(frac.padEnd(3, "0").slice(0, 3)) : roundUp ? 999 : 0;
    if (month < 1 || month > 12 || day < 1 || day > lastDay || hour > 23 || minute > 59 || second > 59) return void 0;
    let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    if (year < 100) {
      const dt = new Date(t);
      dt.setUTCFullYear(year);
      t = dt.getTime();
    }
    if (zone && zone !== "Z") {
      const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
      if (!zm) return void 0;
      const off = (Number(zm[2]) * 60 + Number(_nullishCoalesce(zm[3], () => ( "0")))) * 6e4;
      t -= zm[1] === "+" ? off : -off;
    }
    return t;
  }
  if (/^-?\d+$/.test(v)) return Number(v);
  return void 0;
}

// src/verify/dls/results.ts
var MATCH = { result: "match" };
var noMatch = (reason) => reason ? { result: "no-match", reason } : { result: "no-match" };
var unverifiable = (reason) => ({ result: "unverifiable", reason });
function and(results) {
  const no = results.find((r) => r.result === "no-match");
  if (no) return no;
  const u = results.find((r) => r.result === "unverifiable");
  return _nullishCoalesce(u, () => ( MATCH));
}
function anyOf(results) {
  if (results.some((r) => r.result === "match")) return MATCH;
  const u = results.find((r) => r.result === "unverifiable");
  return _nullishCoalesce(u, () => ( noMatch(_optionalChain([results, 'access', _5 => _5[0], 'optionalAccess', _6 => _6.reason]))));
}
function not(r) {
  if (r.result === "match") return noMatch("must_not clause matched");
  if (r.result === "no-match") return MATCH;
  return r;
}
function minimumShouldMatch(count, spec) {
  if (spec === void 0 || spec === null) return void 0;
  const s = spec instanceof _chunk3Z7MCOS5cjs.JsonNumber ? spec.raw : typeof spec === "string" ? spec.trim() : void 0;
  if (s === void 0 || s.includes("<")) return void 0;
  let result;
  if (s.endsWith("%")) {
    const p = Number(s.slice(0, -1));
    if (!Number.isInteger(p)) return void 0;
    const calc = Math.fround(Math.fround(count * p) * Math.fround(1 / 100));
    result = calc < 0 ? count + Math.trunc(calc) : Math.trunc(calc);
  } else {
    const n = Number(s);
    if (!Number.isInteger(n)) return void 0;
    result = n < 0 ? count + n : n;
  }
  return Math.max(result, 0);
}
function atLeast(results, k) {
  const m = results.filter((r) => r.result === "match").length;
  const u = results.filter((r) => r.result === "unverifiable");
  if (m >= k) return MATCH;
  if (m + u.length >= k) return _nullishCoalesce(u[0], () => ( unverifiable("should clauses")));
  return noMatch(`fewer than ${k} should clause(s) matched`);
}

// src/verify/dls/fields.ts
var INTEGER_TYPES = /* @__PURE__ */ new Set(["long", "integer", "short", "byte"]);
var FLOAT_TYPES = /* @__PURE__ */ new Set(["double", "float"]);
var bareTypes = /* @__PURE__ */ new Map();
function typeInfo(types, path) {
  const t = _optionalChain([types, 'optionalAccess', _7 => _7[path]]);
  if (t === void 0) return void 0;
  if (typeof t !== "string") return t;
  let info = bareTypes.get(t);
  if (info === void 0) {
    info = Object.freeze({ type: t });
    if (bareTypes.size >= 256) bareTypes.clear();
    bareTypes.set(t, info);
  }
  return info;
}
var isObjectValue = (v) => typeof v === "object";
var hasWildcard = (field) => field.includes("*") || field.includes("?");
function fieldTypesFromMapping(mapping) {
  const out = {};
  const isObj2 = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
  let m = mapping;
  if (isObj2(m) && !("properties" in m) && !("mappings" in m)) {
    const first = Object.values(m)[0];
    if (isObj2(first) && "mappings" in first) m = first;
  }
  if (isObj2(m) && isObj2(m.mappings)) m = m.mappings;
  const walk = (props, prefix) => {
    if (!isObj2(props)) return;
    for (const [name, def] of Object.entries(props)) {
      if (!isObj2(def)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      const info = (d, source) => {
        const type = typeof d.type === "string" ? d.type : isObj2(d.properties) ? "object" : "object";
        const r = { type };
        if (typeof d.ignore_above === "number") r.ignoreAbove = d.ignore_above;
        if (typeof d.format === "string") r.format = d.format;
        if (typeof d.analyzer === "string") r.analyzer = d.analyzer;
        if (typeof d.search_analyzer === "string") r.searchAnalyzer = d.search_analyzer;
        if (typeof d.normalizer === "string") r.normalizer = d.normalizer;
        if ("null_value" in d) r.hasNullValue = true;
        if (source) r.sourceField = source;
        return r;
      };
      out[path] = info(def);
      if (isObj2(def.fields)) {
        for (const [sub, sd] of Object.entries(def.fields)) if (isObj2(sd)) out[`${path}.${sub}`] = info(sd, path);
      }
      if (isObj2(def.properties)) walk(def.properties, path);
    }
  };
  walk(isObj2(m) ? m.properties : void 0, "");
  return out;
}
function valuesAt(doc, path) {
  if (!path.includes(".") && typeof doc === "object" && doc !== null && !Array.isArray(doc)) {
    const v = doc[path];
    if (v === void 0 || !Object.prototype.hasOwnProperty.call(doc, path)) return [];
    if (!Array.isArray(v)) return [v];
  }
  const out = [];
  const segs = path.split(".");
  const visit = (node, from) => {
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n, from));
      return;
    }
    if (from === segs.length) {
      out.push(node);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const obj = node;
    for (let k = from + 1; k <= segs.length; k++) {
      const key2 = segs.slice(from, k).join(".");
      if (Object.prototype.hasOwnProperty.call(obj, key2)) visit(obj[key2], k);
    }
  };
  visit(doc, 0);
  const flat = [];
  const flatten = (v) => {
    if (Array.isArray(v)) v.forEach(flatten);
    else flat.push(v);
  };
  out.forEach(flatten);
  return flat;
}
function hasValue(v) {
  return v !== null && v !== void 0;
}
var ONE_TRUE = Object.freeze({ kind: "boolean", values: Object.freeze([true]) });
var ONE_FALSE = Object.freeze({ kind: "boolean", values: Object.freeze([false]) });
function indexedValues(field, ctx) {
  if (hasWildcard(field)) return unverifiable(`wildcard field name ${field}`);
  if (_optionalChain([ctx, 'access', _8 => _8.opts, 'access', _9 => _9.unknownField, 'optionalCall', _10 => _10(field)])) return unverifiable(`field ${field} is hidden or masked in the returned document`);
  const info = typeInfo(ctx.opts.fieldTypes, field);
  const src = _nullishCoalesce(_optionalChain([info, 'optionalAccess', _11 => _11.sourceField]), () => ( field));
  if (src !== field && _optionalChain([ctx, 'access', _12 => _12.opts, 'access', _13 => _13.unknownField, 'optionalCall', _14 => _14(src)])) return unverifiable(`field ${src} is hidden or masked in the returned document`);
  if (_optionalChain([info, 'optionalAccess', _15 => _15.hasNullValue])) return unverifiable("mapping has null_value");
  let raw = valuesAt(ctx.doc, src);
  if (!raw.every(hasValue)) raw = raw.filter(hasValue);
  if (raw.some(isObjectValue)) return unverifiable(`${field} holds an object`);
  if (raw.length === 0) return { kind: "none" };
  let type = _optionalChain([info, 'optionalAccess', _16 => _16.type]);
  if (!type) {
    if (raw.every((v) => typeof v === "boolean")) type = "boolean";
    else if (raw.every((v) => typeof v === "number")) type = "number";
    else return unverifiable(`no mapping for ${field}`);
  }
  switch (type) {
    case "keyword": {
      if (_optionalChain([info, 'optionalAccess', _17 => _17.normalizer])) return unverifiable("keyword normalizer");
      const vals = [];
      for (const v of raw) {
        if (typeof v === "string") {
          if (_optionalChain([info, 'optionalAccess', _18 => _18.ignoreAbove]) !== void 0 && v.length > info.ignoreAbove) continue;
          vals.push(v);
        } else if (typeof v === "boolean") vals.push(String(v));
        else if (typeof v === "number" && Number.isSafeInteger(v)) vals.push(String(v));
        else return unverifiable(`keyword value ${String(v)} depends on its source text`);
      }
      return { kind: "keyword", values: vals };
    }
    case "text": {
      const an = _nullishCoalesce(_optionalChain([info, 'optionalAccess', _19 => _19.searchAnalyzer]), () => ( _optionalChain([info, 'optionalAccess', _20 => _20.analyzer])));
      if (an && an !== "standard") return unverifiable(`analyzer ${an}`);
      const tokens = [];
      for (const v of raw) {
        const t = standardTokens(typeof v === "string" ? v : String(v));
        if (!t) return unverifiable("text outside the supported analysis subset");
        tokens.push(...t);
      }
      return { kind: "text", tokens };
    }
    case "boolean": {
      if (raw.length === 1) {
        const v = raw[0];
        if (v === true || v === "true") return ONE_TRUE;
        if (v === false || v === "false" || v === "") return ONE_FALSE;
      }
      const vals = [];
      for (const v of raw) {
        if (v === true || v === "true") vals.push(true);
        else if (v === false || v === "false" || v === "") vals.push(false);
        else return unverifiable(`boolean value ${String(v)}`);
      }
      return { kind: "boolean", values: vals };
    }
    case "date": {
      if (_optionalChain([info, 'optionalAccess', _21 => _21.format]) && !DEFAULT_DATE_FORMATS.has(info.format)) return unverifiable(`date format ${info.format}`);
      const vals = [];
      for (const v of raw) {
        const t = parseDateMillis(v);
        if (t === void 0) return unverifiable(`date value ${String(v)}`);
        vals.push(t);
      }
      return { kind: "date", values: vals };
    }
    default: {
      if (type !== "number" && !INTEGER_TYPES.has(type) && !FLOAT_TYPES.has(type)) return unverifiable(`field type ${type}`);
      const vals = [];
      for (const v of raw) {
        const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
        if (!Number.isFinite(n)) return unverifiable(`numeric value ${String(v)}`);
        if (INTEGER_TYPES.has(type) && !Number.isInteger(n)) return unverifiable("decimal in an integer field");
        if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return unverifiable("number beyond 2^53");
        vals.push(type === "float" ? Math.fround(n) : n);
      }
      return { kind: "number", values: vals, numType: type };
    }
  }
}

// src/verify/dls/params.ts
var isObj = (x) => typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof _chunk3Z7MCOS5cjs.JsonNumber);
function clauses(v) {
  if (v === void 0) return [];
  if (Array.isArray(v)) return v;
  if (isObj(v)) return [v];
  return void 0;
}
var P_PLAIN = ["boost", "_name"];
var P_BOOL = ["must", "filter", "should", "must_not", "minimum_should_match", "boost", "_name", "adjust_pure_negative"];
var P_IDS = ["values", "boost", "_name", "type"];
var P_EXISTS = ["field", "boost", "_name"];
var P_TERM = ["value", "boost", "_name", "case_insensitive"];
var P_MATCH = ["query", "operator", "minimum_should_match", "zero_terms_query", "boost", "_name", "auto_generate_synonyms_phrase_query", "lenient"];
var P_PREFIX = ["value", "boost", "_name", "case_insensitive", "rewrite"];
var P_WILDCARD = ["value", "wildcard", "boost", "_name", "case_insensitive", "rewrite"];
var P_RANGE = ["gt", "gte", "lt", "lte", "from", "to", "include_lower", "include_upper", "boost", "_name", "format", "time_zone", "relation"];
var NONE = /* @__PURE__ */ Symbol("none");
function memoPerObject(compute) {
  const cache = /* @__PURE__ */ new WeakMap();
  return (obj, key2) => {
    let byKey = cache.get(obj);
    if (byKey === void 0) {
      byKey = /* @__PURE__ */ new Map();
      cache.set(obj, byKey);
    } else {
      const hit = byKey.get(key2);
      if (hit !== void 0) return hit === NONE ? void 0 : hit;
    }
    const value = compute(obj, key2);
    byKey.set(key2, value === void 0 ? NONE : value);
    return value;
  };
}
var checkParams = memoPerObject((obj, allowed) => Object.keys(obj).find((k) => !allowed.includes(k)));
var queryKeys = /* @__PURE__ */ new WeakMap();
function keysOf(q) {
  let keys = queryKeys.get(q);
  if (keys === void 0) {
    keys = Object.keys(q);
    queryKeys.set(q, keys);
  }
  return keys;
}
var splitOnce = memoPerObject(splitBody);
function fieldAndParams(body, valueKey) {
  return isObj(body) ? splitOnce(body, valueKey) : void 0;
}
function splitBody(body, valueKey) {
  const fields = keysOf(body).filter((k) => k !== "boost" && k !== "_name");
  if (fields.length !== 1) return void 0;
  const field = fields[0];
  const v = body[field];
  if (isObj(v)) return { field, value: v[valueKey], params: v };
  return { field, value: v, params: NO_PARAMS };
}
var NO_PARAMS = Object.freeze(/* @__PURE__ */ Object.create(null));
function scalarString(v) {
  if (typeof v === "string") return v;
  if (v instanceof _chunk3Z7MCOS5cjs.JsonNumber) return v.raw;
  if (typeof v === "boolean") return String(v);
  return void 0;
}

// src/verify/dls/leaf-queries.ts
function asciiLower(s) {
  return /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : void 0;
}
function termEquals(ix, q, caseInsensitive) {
  if (ix.kind === "none") return noMatch("field has no value");
  const qs = scalarString(q);
  if (qs === void 0) return unverifiable("term value is not a scalar");
  switch (ix.kind) {
    case "keyword": {
      if (caseInsensitive) {
        const lq = asciiLower(qs);
        const lv = ix.values.map(asciiLower);
        if (lq === void 0 || lv.some((x) => x === void 0)) return unverifiable("case_insensitive on non-ASCII");
        return lv.includes(lq) ? MATCH : noMatch("no keyword value equals the term");
      }
      return ix.values.includes(qs) ? MATCH : noMatch("no keyword value equals the term");
    }
    case "text":
      return ix.tokens.includes(qs) ? MATCH : noMatch("no token equals the term");
    case "boolean": {
      const b = qs === "true" ? true : qs === "false" ? false : void 0;
      if (b === void 0) return unverifiable(`boolean term ${qs}`);
      return ix.values.includes(b) ? MATCH : noMatch("boolean differs");
    }
    case "number": {
      const n = Number(qs);
      if (qs.trim() === "" || !Number.isFinite(n)) return unverifiable(`numeric term ${qs}`);
      if (INTEGER_TYPES.has(ix.numType) && !Number.isInteger(n)) return unverifiable("decimal term on an integer field");
      if (ix.numType === "number") {
        const exact = ix.values.includes(n);
        const asFloat = ix.values.some((v) => Math.fround(v) === Math.fround(n));
        if (exact !== asFloat) return unverifiable("result depends on the numeric field type");
        return exact ? MATCH : noMatch("number differs");
      }
      const t = ix.numType === "float" ? Math.fround(n) : n;
      return ix.values.includes(t) ? MATCH : noMatch("number differs");
    }
    case "date": {
      if (/now|\|\|/.test(qs)) return unverifiable(`date math in term ${qs}`);
      const raw = q instanceof _chunk3Z7MCOS5cjs.JsonNumber ? q.value : qs;
      const lo = parseDateMillis(raw);
      const hi = parseDateMillis(raw, true);
      if (lo === void 0 || hi === void 0) return unverifiable(`date term ${qs}`);
      return ix.values.some((v) => v >= lo && v <= hi) ? MATCH : noMatch("date differs");
    }
  }
}
var globCache = /* @__PURE__ */ new Map();
function globToRegExp(pattern, ci) {
  const key2 = `${ci ? "i" : "s"}${pattern}`;
  let re = globCache.get(key2);
  if (re === void 0) {
    re = compileGlob(pattern, ci);
    if (globCache.size >= 1e3) globCache.clear();
    globCache.set(key2, re);
  }
  return re;
}
function compileGlob(pattern, ci) {
  let src = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) {
      src += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      continue;
    }
    if (c === "*") src += "[\\s\\S]*";
    else if (c === "?") src += "[\\s\\S]";
    else src += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, ci ? "iu" : "u");
}
function evalFieldQuery(type, body, ctx) {
  if (type === "terms") {
    if (!isObj(body)) return unverifiable("terms body");
    const fields = Object.keys(body).filter((k) => k !== "boost" && k !== "_name");
    if (fields.length !== 1) return unverifiable("terms must name exactly one field");
    const field2 = fields[0];
    const list2 = body[field2];
    if (!Array.isArray(list2)) return unverifiable("terms lookup or non-array terms");
    const ix2 = indexedValues(field2, ctx);
    if ("result" in ix2) return ix2;
    if (ix2.kind === "none") return noMatch("field has no value");
    return anyOf(list2.map((t) => termEquals(ix2, t, false)));
  }
  const valueKey = type === "match" ? "query" : type === "range" ? "" : "value";
  const fp = fieldAndParams(body, valueKey);
  if (!fp) return unverifiable(`${type} body`);
  const { field, params } = fp;
  let value = fp.value;
  const ix = indexedValues(field, ctx);
  if ("result" in ix) return ix;
  switch (type) {
    case "term": {
      const bad = checkParams(params, P_TERM);
      if (bad) return unverifiable(`term parameter ${bad}`);
      if (ix.kind === "text" && params.case_insensitive === true) return unverifiable("case_insensitive term on text");
      return termEquals(ix, value, params.case_insensitive === true);
    }
    case "match": {
      const bad = checkParams(params, P_MATCH);
      if (bad) return unverifiable(`match parameter ${bad}`);
      if (ix.kind === "none") return noMatch("field has no value");
      if (ix.kind !== "text") return termEquals(ix, value, false);
      const qs = scalarString(value);
      if (qs === void 0) return unverifiable("match query is not a scalar");
      const qt = standardTokens(qs);
      if (!qt) return unverifiable("match text outside the supported analysis subset");
      if (qt.length === 0) {
        const z = typeof params.zero_terms_query === "string" ? params.zero_terms_query.toLowerCase() : "none";
        return z === "all" ? MATCH : noMatch("query has no terms");
      }
      const results = qt.map((t) => ix.tokens.includes(t) ? MATCH : noMatch(`token ${t} missing`));
      const op = typeof params.operator === "string" ? params.operator.toLowerCase() : "or";
      if (op === "and") return and(results);
      if (op !== "or") return unverifiable(`operator ${op}`);
      if (params.minimum_should_match !== void 0) {
        const k = minimumShouldMatch(qt.length, params.minimum_should_match);
        if (k === void 0) return unverifiable("minimum_should_match form");
        return atLeast(results, Math.max(k, 1));
      }
      return atLeast(results, 1);
    }
    case "prefix":
    case "wildcard": {
      const allowed = type === "prefix" ? P_PREFIX : P_WILDCARD;
      const bad = checkParams(params, allowed);
      if (bad) return unverifiable(`${type} parameter ${bad}`);
      if (type === "wildcard" && value === void 0) value = params.wildcard;
      if (typeof value !== "string") return unverifiable(`${type} value`);
      if (ix.kind === "none") return noMatch("field has no value");
      const ci = params.case_insensitive === true;
      if (ci && asciiLower(value) === void 0) return unverifiable("case_insensitive on non-ASCII");
      const candidates = ix.kind === "keyword" ? ix.values : ix.kind === "text" ? ix.tokens : void 0;
      if (!candidates) return unverifiable(`${type} on a ${ix.kind} field`);
      if (ci && candidates.some((c) => asciiLower(c) === void 0)) return unverifiable("case_insensitive on non-ASCII");
      const pattern = value;
      const ok = type === "prefix" ? candidates.some((c) => ci ? c.toLowerCase().startsWith(pattern.toLowerCase()) : c.startsWith(pattern)) : candidates.some((c) => globToRegExp(pattern, ci).test(c));
      return ok ? MATCH : noMatch(`no value matches the ${type}`);
    }
    case "range":
      return evalRange(ix, params, field);
    default:
      return unverifiable(`query type ${type}`);
  }
}
function evalRange(ix, params, field) {
  const bad = checkParams(params, P_RANGE);
  if (bad) return unverifiable(`range parameter ${bad}`);
  if (params.relation !== void 0 && params.relation !== "intersects" && params.relation !== "INTERSECTS") return unverifiable("range relation");
  if (params.time_zone !== void 0 && !["Z", "UTC", "+00:00", "Etc/UTC"].includes(String(params.time_zone))) return unverifiable("range time_zone");
  let lower = params.from;
  let upper = params.to;
  let incLower = params.include_lower !== false;
  let incUpper = params.include_upper !== false;
  if (params.gt !== void 0) {
    lower = params.gt;
    incLower = false;
  }
  if (params.gte !== void 0) {
    lower = params.gte;
    incLower = true;
  }
  if (params.lt !== void 0) {
    upper = params.lt;
    incUpper = false;
  }
  if (params.lte !== void 0) {
    upper = params.lte;
    incUpper = true;
  }
  if (ix.kind === "none") return noMatch(`${field} has no value`);
  const within = (v, lo, hi) => (lo === void 0 || (incLower ? v >= lo : v > lo)) && (hi === void 0 || (incUpper ? v <= hi : v < hi));
  if (ix.kind === "number") {
    const num = (b) => {
      if (b === void 0 || b === null) return void 0;
      const n = b instanceof _chunk3Z7MCOS5cjs.JsonNumber ? b.value : typeof b === "string" && b.trim() !== "" ? Number(b) : NaN;
      return Number.isFinite(n) ? n : null;
    };
    const lo = num(lower);
    const hi = num(upper);
    if (lo === null || hi === null) return unverifiable("range bound is not a number");
    if (ix.numType === "number") {
      const a = ix.values.some((v) => within(v, lo, hi));
      const b = ix.values.some((v) => within(Math.fround(v), lo === void 0 ? lo : Math.fround(lo), hi === void 0 ? hi : Math.fround(hi)));
      if (a !== b) return unverifiable("result depends on the numeric field type");
      return a ? MATCH : noMatch(`${field} outside the range`);
    }
    const conv = (x) => x === void 0 ? x : ix.numType === "float" ? Math.fround(x) : x;
    return ix.values.some((v) => within(v, conv(lo), conv(hi))) ? MATCH : noMatch(`${field} outside the range`);
  }
  if (ix.kind === "date") {
    if (params.format !== void 0 && !DEFAULT_DATE_FORMATS.has(String(params.format))) return unverifiable("range format");
    const date = (b, roundUp) => {
      if (b === void 0 || b === null) return void 0;
      if (typeof b === "string" && /now|\|\|/.test(b)) return null;
      const t = parseDateMillis(b instanceof _chunk3Z7MCOS5cjs.JsonNumber ? b.value : b, roundUp);
      return t === void 0 ? null : t;
    };
    const lo = date(lower, !incLower);
    const hi = date(upper, incUpper);
    if (lo === null || hi === null) return unverifiable("range bound is not a plain date");
    return ix.values.some((v) => within(v, lo, hi)) ? MATCH : noMatch(`${field} outside the range`);
  }
  if (ix.kind === "keyword") {
    const str = (b) => b === void 0 || b === null ? void 0 : _nullishCoalesce(scalarString(b), () => ( null));
    const lo = str(lower);
    const hi = str(upper);
    if (lo === null || hi === null) return unverifiable("range bound is not a scalar");
    const cmp = (a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
    const ok = ix.values.some((v) => (lo === void 0 || (incLower ? cmp(v, lo) >= 0 : cmp(v, lo) > 0)) && (hi === void 0 || (incUpper ? cmp(v, hi) <= 0 : cmp(v, hi) < 0)));
    return ok ? MATCH : noMatch(`${field} outside the range`);
  }
  return unverifiable(`range on a ${ix.kind} field`);
}

// src/verify/dls/evaluate.ts
function evalQuery(q, ctx) {
  if (!isObj(q)) return unverifiable("query is not an object");
  const keys = keysOf(q);
  if (keys.length !== 1) return unverifiable(`query object must have exactly one key, has ${keys.length}`);
  const type = keys[0];
  const body = q[type];
  switch (type) {
    case "match_all":
      return isObj(body) && checkParams(body, P_PLAIN) === void 0 ? MATCH : unverifiable("match_all parameters");
    case "match_none":
      return isObj(body) && checkParams(body, P_PLAIN) === void 0 ? noMatch("match_none") : unverifiable("match_none parameters");
    case "bool":
      return evalBool(body, ctx);
    case "ids":
      return evalIds(body, ctx);
    case "exists":
      return evalExists(body, ctx);
    case "term":
    case "terms":
    case "match":
    case "range":
    case "prefix":
    case "wildcard":
      return evalFieldQuery(type, body, ctx);
    default:
      return unverifiable(`query type ${type} is not supported by the local evaluator`);
  }
}
function evalBool(body, ctx) {
  if (!isObj(body)) return unverifiable("bool body");
  const bad = checkParams(body, P_BOOL);
  if (bad) return unverifiable(`bool parameter ${bad}`);
  const must = clauses(body.must);
  const filter = clauses(body.filter);
  const should = clauses(body.should);
  const mustNot = clauses(body.must_not);
  if (!must || !filter || !should || !mustNot) return unverifiable("bool clause is neither object nor array");
  if (must.length + filter.length + should.length + mustNot.length === 0) return MATCH;
  const required = [...must, ...filter].map((c) => evalQuery(c, ctx));
  const excluded = mustNot.map((c) => not(evalQuery(c, ctx)));
  const parts = [...required, ...excluded];
  if (should.length > 0) {
    const shouldResults = should.map((c) => evalQuery(c, ctx));
    let k = 0;
    if (body.minimum_should_match !== void 0) {
      const msm = minimumShouldMatch(should.length, body.minimum_should_match);
      if (msm === void 0) return unverifiable("minimum_should_match form");
      k = msm;
    }
    if (must.length + filter.length === 0) k = Math.max(k, 1);
    if (k > 0) parts.push(atLeast(shouldResults, k));
  }
  return and(parts);
}
function evalIds(body, ctx) {
  if (!isObj(body) || checkParams(body, P_IDS) || !Array.isArray(body.values)) return unverifiable("ids body");
  if (ctx.opts.id === void 0) return unverifiable("document _id unknown");
  const ids = body.values.map((v) => v instanceof _chunk3Z7MCOS5cjs.JsonNumber ? v.raw : v);
  return ids.includes(ctx.opts.id) ? MATCH : noMatch("_id not in ids");
}
function evalExists(body, ctx) {
  if (!isObj(body) || checkParams(body, P_EXISTS) || typeof body.field !== "string") return unverifiable("exists body");
  const field = body.field;
  if (/[*?]/.test(field)) return unverifiable("exists with a wildcard field");
  if (_optionalChain([ctx, 'access', _22 => _22.opts, 'access', _23 => _23.unknownField, 'optionalCall', _24 => _24(field)])) return unverifiable(`field ${field} is not visible`);
  const info = typeInfo(ctx.opts.fieldTypes, field);
  const src = _nullishCoalesce(_optionalChain([info, 'optionalAccess', _25 => _25.sourceField]), () => ( field));
  if (_optionalChain([info, 'optionalAccess', _26 => _26.sourceField]) && _optionalChain([ctx, 'access', _27 => _27.opts, 'access', _28 => _28.unknownField, 'optionalCall', _29 => _29(src)])) return unverifiable(`field ${src} is not visible`);
  const values = valuesAt(ctx.doc, src).filter(hasValue);
  if (_optionalChain([info, 'optionalAccess', _30 => _30.hasNullValue])) return unverifiable("mapping has null_value");
  if (values.length === 0) return noMatch(`${field} does not exist`);
  if (values.every((v) => typeof v === "object")) {
    const leaves = [];
    const collect = (x) => {
      if (Array.isArray(x)) x.forEach(collect);
      else if (typeof x === "object" && x !== null) Object.values(x).forEach(collect);
      else if (hasValue(x)) leaves.push(x);
    };
    values.forEach(collect);
    return leaves.length > 0 ? MATCH : noMatch(`${field} has no values`);
  }
  if (_optionalChain([info, 'optionalAccess', _31 => _31.ignoreAbove]) !== void 0 && values.every((v) => typeof v === "string" && v.length > info.ignoreAbove)) {
    return unverifiable("all values exceed ignore_above");
  }
  return MATCH;
}
function prepareDls(query, opts = {}) {
  if (typeof query !== "string") {
    try {
      return { ok: true, query: _chunk3Z7MCOS5cjs.parseStrictJson.call(void 0, JSON.stringify(query)) };
    } catch (e) {
      return { ok: false, result: unverifiable(String(e)) };
    }
  }
  const major = _chunk3Z7MCOS5cjs.pluginMajorVersion.call(void 0, opts.pluginVersion);
  const sub = substituteUserVariables(query, opts.user, opts.pluginVersion ? { pluginVersion: opts.pluginVersion } : {});
  if (major === void 0 && sub.defaults.length > 0) {
    return { ok: false, result: unverifiable(`\${${sub.defaults[0]}} is a default only for 3.x (1.x/2.x keep it literally); pass pluginVersion`) };
  }
  if (sub.unresolved.length > 0 && (major === void 0 || major >= 3)) {
    return { ok: false, result: unverifiable(`undefined user attribute(s) ${sub.unresolved.join(", ")} (3.x rejects the query, 1.x/2.x keep it literally)`) };
  }
  let reading;
  try {
    reading = _chunk3Z7MCOS5cjs.readDlsQuery.call(void 0, sub.text);
  } catch (e) {
    return { ok: false, result: unverifiable(`the server would reject the DLS query: ${e instanceof _chunk3Z7MCOS5cjs.DlsParseError ? e.message : String(e)}`) };
  }
  if (reading.ignored !== void 0) return { ok: false, result: unverifiable(_chunk3Z7MCOS5cjs.ignoredTextMessage.call(void 0, reading.ignored)) };
  return { ok: true, query: reading.query };
}
function evaluatePreparedDls(prepared, doc, opts = {}) {
  return prepared.ok ? evalQuery(prepared.query, { doc, opts }) : prepared.result;
}
function evaluateDls(query, doc, opts = {}) {
  return evaluatePreparedDls(prepareDls(query, opts), doc, opts);
}
function evaluateDlsQueries(queries, doc, opts = {}) {
  if (queries.length === 0) return MATCH;
  const results = [];
  for (const q of queries) {
    const r = typeof q === "string" ? evaluateDls(q, doc, opts) : evaluatePreparedDls(q, doc, opts);
    if (r.result === "match") return r;
    results.push(r);
  }
  return anyOf(results);
}

// src/verify/compiled-rules.ts
var isRecord = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
var compiledCache = /* @__PURE__ */ new Map();
var COMPILED_CACHE_SIZE = 32;
var MAX_PATH_NODES = 2e4;
function newNode(path) {
  return { path, children: void 0, leaf: void 0, object: void 0, any: void 0, mask: void 0, order: void 0, orderNodes: void 0 };
}
function effectiveDlsTexts(exp, all) {
  const withDls = exp.rules.filter((r) => r.dls !== void 0 && r.dls.trim() !== "");
  const unrestricted = withDls.length === 0 || all.dfmEmptyOverridesAll === true && withDls.length < exp.rules.length;
  return unrestricted ? [] : withDls.map((r) => r.dls);
}
function compile(exp, all, masking) {
  const dfm = all.dfmEmptyOverridesAll === true;
  const rules = exp.rules;
  const fls = compileFls(rules.map((r) => _nullishCoalesce(r.fls, () => ( []))), { dfmEmptyOverridesAll: dfm });
  const withMasks = rules.filter((r) => (_nullishCoalesce(_optionalChain([r, 'access', _32 => _32.maskedFields, 'optionalAccess', _33 => _33.length]), () => ( 0))) > 0);
  const maskUnrestricted = withMasks.length === 0 || dfm && withMasks.length < rules.length;
  const maskExpressions = maskUnrestricted ? [] : withMasks.flatMap((r) => _nullishCoalesce(r.maskedFields, () => ( [])));
  const dlsOpts = {
    ...all.user ? { user: all.user } : {},
    ...masking.pluginVersion ? { pluginVersion: masking.pluginVersion } : {}
  };
  const c = {
    dls: effectiveDlsTexts(exp, all).map((text) => prepareDls(text, dlsOpts)),
    fls,
    masks: compileMaskedFields(maskExpressions, masking),
    maskExpressions,
    masking,
    major: pluginMajor(masking),
    fieldTypes: exp.fieldTypes,
    root: newNode(""),
    byPath: /* @__PURE__ */ new Map(),
    unknownField: (p) => !isVisible(c, nodeAt(c, p), "any") || pathMask(c, nodeAt(c, p)) !== null
  };
  return c;
}
function compiledFor(exp, all, masking) {
  const key2 = JSON.stringify([
    exp.rules.map((r) => [r.dls, r.fls, r.maskedFields]),
    exp.fieldTypes,
    all.user,
    all.dfmEmptyOverridesAll === true,
    masking.defaultAlgorithm,
    masking.pluginVersion
  ]);
  let c = compiledCache.get(key2);
  if (c !== void 0) {
    compiledCache.delete(key2);
    if (c.byPath.size > MAX_PATH_NODES) c = void 0;
  }
  c ??= compile(exp, all, masking);
  compiledCache.set(key2, c);
  if (compiledCache.size > COMPILED_CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value);
  return c;
}
function merge(exp, all) {
  const masking = {
    ...all.salt !== void 0 ? { salt: all.salt } : {},
    ...all.defaultAlgorithm !== void 0 ? { defaultAlgorithm: all.defaultAlgorithm } : {},
    ...all.pluginVersion !== void 0 ? { pluginVersion: all.pluginVersion } : {},
    ...exp.masking
  };
  const { salt, ...withoutSalt } = masking;
  const c = compiledFor(exp, all, withoutSalt);
  return {
    dls: c.dls,
    fls: c.fls,
    masks: c.masks,
    maskExpressions: c.maskExpressions,
    masking: c.masking,
    major: c.major,
    fieldTypes: c.fieldTypes,
    root: c.root,
    byPath: c.byPath,
    unknownField: c.unknownField,
    salt,
    memo: /* @__PURE__ */ new Map()
  };
}
function nodeAt(c, path) {
  let n = c.byPath.get(path);
  if (n === void 0) {
    n = newNode(path);
    c.byPath.set(path, n);
  }
  return n;
}
function childOf(c, parent, k) {
  let children = parent.children;
  if (children === void 0) {
    children = /* @__PURE__ */ new Map();
    parent.children = children;
  }
  let n = children.get(k);
  if (n === void 0) {
    n = nodeAt(c, parent.path ? `${parent.path}.${k}` : k);
    children.set(k, n);
  }
  return n;
}
var MAX_ORDER = 64;
function childAt(c, parent, k, i) {
  const order = parent.order;
  if (order !== void 0 && order[i] === k) return parent.orderNodes[i];
  const n = childOf(c, parent, k);
  if (i < MAX_ORDER) {
    if (order === void 0) {
      if (i === 0) {
        parent.order = [k];
        parent.orderNodes = [n];
      }
    } else if (i <= order.length) {
      order[i] = k;
      parent.orderNodes[i] = n;
    }
  }
  return n;
}
function isVisible(c, n, kind) {
  let v = kind === "leaf" ? n.leaf : kind === "object" ? n.object : n.any;
  if (v === void 0) {
    v = c.fls.isVisible(n.path, kind);
    if (kind === "leaf") n.leaf = v;
    else if (kind === "object") n.object = v;
    else n.any = v;
  }
  return v;
}
function isLowerHex(value, length) {
  const n = value.length;
  if (length > 0 ? n !== length : n === 0 || n % 2 !== 0) return false;
  for (let i = 0; i < n; i++) {
    const ch = value.charCodeAt(i);
    if (!(ch >= 48 && ch <= 57 || ch >= 97 && ch <= 102)) return false;
  }
  return true;
}
function shapeTest(eff) {
  if (eff.kind === "blake2b") return (value) => isLowerHex(value, 64);
  if (eff.kind === "digest") {
    const n = _chunk3Z7MCOS5cjs.digestLength.call(void 0, eff.algorithm);
    return n === void 0 ? (value) => isLowerHex(value, 0) : (value) => isLowerHex(value, n * 2);
  }
  return void 0;
}
function pathMask(c, n) {
  let pm = n.mask;
  if (pm === void 0) {
    const candidates = c.masks.match(n.path);
    pm = null;
    if (candidates.length > 0) {
      const effs = candidates.map((x) => effectiveMask(x, c.masking));
      pm = { candidates, expression: candidates.map((x) => x.source).join(" | "), effs, shapes: effs.map(shapeTest) };
    }
    n.mask = pm;
  }
  return pm;
}

// src/verify/errors.ts
var AccessViolationError = (_class = class extends Error {
  /** `report`: the full verification report, kept on the error. */
  constructor(message, report) {
    super(message);_class.prototype.__init.call(this);;
    this.report = report;
  }
  
  __init() {this.name = "AccessViolationError"}
}, _class);

// src/fgac/aliases.ts
var has = (table, name) => Object.prototype.hasOwnProperty.call(table, name);
function containersOf(index, aliases) {
  if (aliases === void 0) return [];
  const out = [];
  for (const [name, members] of Object.entries(aliases)) {
    if (Array.isArray(members) && members.includes(index) && name !== index) out.push(name);
  }
  return out;
}
function coveringNames(index, aliases) {
  return [index, ...containersOf(index, aliases)];
}
function expandAliases(names, aliases) {
  const out = [];
  for (const name of names) {
    const members = aliases !== void 0 && has(aliases, name) ? aliases[name] : void 0;
    for (const n of Array.isArray(members) && members.length > 0 ? members : [name]) if (!out.includes(n)) out.push(n);
  }
  return out;
}
var isRecord2 = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
function indexAliasesFrom(aliasBody, dataStreamBody) {
  const out = /* @__PURE__ */ new Map();
  const add = (name, index) => {
    let list2 = out.get(name);
    if (list2 === void 0) out.set(name, list2 = []);
    if (!list2.includes(index)) list2.push(index);
  };
  if (isRecord2(aliasBody)) {
    for (const [index, entry] of Object.entries(aliasBody)) {
      if (isRecord2(entry) && isRecord2(entry.aliases)) for (const alias of Object.keys(entry.aliases)) add(alias, index);
    }
  }
  if (isRecord2(dataStreamBody) && Array.isArray(dataStreamBody.data_streams)) {
    for (const ds of dataStreamBody.data_streams) {
      if (!isRecord2(ds) || typeof ds.name !== "string" || !Array.isArray(ds.indices)) continue;
      for (const i of ds.indices) if (isRecord2(i) && typeof i.index_name === "string") add(ds.name, i.index_name);
    }
  }
  return Object.fromEntries(out);
}

// src/verify/index-match.ts
function expectationLookup(expectations) {
  const matchers = expectations.indices.map((e) => ({ e, m: e.indexPatterns.map((p) => compileFieldPattern(substituteUserVariables(p, expectations.user).text)) }));
  const cache = /* @__PURE__ */ new Map();
  return (index) => {
    let exp = cache.get(index);
    if (exp === void 0) {
      const localIndex = index.includes(":") ? index.slice(index.indexOf(":") + 1) : index;
      const names = coveringNames(localIndex, expectations.aliases);
      exp = _nullishCoalesce(_optionalChain([matchers, 'access', _34 => _34.find, 'call', _35 => _35(({ m }) => m.some((f) => names.some(f))), 'optionalAccess', _36 => _36.e]), () => ( null));
      cache.set(index, exp);
    }
    return exp;
  };
}

// src/verify/report.ts
var addFinding = (rep, f) => {
  rep.findings.push({ index: rep.index, id: rep.id, ...f });
};
var addUnverifiable = (rep, u) => {
  rep.unverifiable.push({ index: rep.index, id: rep.id, ...u });
};
function summarize(hitReports) {
  const counts = {
    hits: hitReports.length,
    passedHits: 0,
    violatingHits: 0,
    unverifiableHits: 0,
    dlsViolations: 0,
    flsLeaks: 0,
    unmasked: 0,
    wrongMasks: 0,
    inconsistentMasks: 0,
    unverifiable: 0,
    masksRecomputed: 0,
    masksShapeChecked: 0
  };
  const findings = [];
  const unverifiableItems = [];
  for (const h of hitReports) {
    h.status = h.findings.length > 0 ? "violation" : h.unverifiable.length > 0 ? "unverifiable" : "pass";
    if (h.status === "pass") counts.passedHits++;
    else if (h.status === "violation") counts.violatingHits++;
    else counts.unverifiableHits++;
    counts.masksRecomputed += h.masksRecomputed;
    counts.masksShapeChecked += h.masksShapeChecked;
    for (const f of h.findings) {
      findings.push(f);
      if (f.kind === "dls-violation") counts.dlsViolations++;
      else if (f.kind === "fls-leak") counts.flsLeaks++;
      else if (f.kind === "unmasked") counts.unmasked++;
      else if (f.kind === "wrong-mask") counts.wrongMasks++;
      else counts.inconsistentMasks++;
    }
    for (const u of h.unverifiable) unverifiableItems.push(u);
  }
  counts.unverifiable = unverifiableItems.length;
  const ok = findings.length === 0;
  return {
    ok,
    status: !ok ? "violation" : unverifiableItems.length > 0 ? "unverifiable" : "pass",
    hits: hitReports,
    findings,
    unverifiable: unverifiableItems,
    counts
  };
}

// src/verify/mask-checks.ts
var MEMO_SLOTS = 1024;
function memoSlot(value) {
  return fnv1a(value) & MEMO_SLOTS - 1;
}
function recordUse(uses, expression, original, mask, rep, path) {
  let u = uses.get(expression);
  if (u === void 0) {
    u = { origs: [], masks: [], reps: [], paths: [] };
    uses.set(expression, u);
  }
  u.origs.push(original);
  u.masks.push(mask);
  u.reps.push(rep);
  u.paths.push(path);
}
function fnv1a(value) {
  let h = 2166136261;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
  return h >>> 0;
}
function duplicateGroups(values) {
  let size = 16;
  while (size < values.length * 2) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const groups = /* @__PURE__ */ new Map();
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let slot = fnv1a(value) & size - 1;
    for (; ; ) {
      const at = table[slot];
      if (at === -1) {
        table[slot] = i;
        break;
      }
      if (values[at] === value) {
        const g = groups.get(at);
        if (g === void 0) groups.set(at, [at, i]);
        else g.push(i);
        break;
      }
      slot = slot + 1 & size - 1;
    }
  }
  return [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([, g]) => g);
}
function crossHitFindings(uses) {
  const out = [];
  for (const [expression, u] of uses) {
    const where = (g) => g.map((i) => `${u.reps[i].index}/${u.reps[i].id}`).slice(0, 5).join(", ");
    const finding = (g, detail) => {
      const first = g[0];
      const rep = u.reps[first];
      return { kind: "inconsistent-mask", index: rep.index, id: rep.id, path: u.paths[first], expression, location: "_source", detail };
    };
    for (const g of duplicateGroups(u.origs)) {
      const masks = new Set(g.map((i) => u.masks[i]));
      if (masks.size > 1) out.push(finding(g, `the same value got ${masks.size} different masks (${where(g)})`));
    }
    for (const g of duplicateGroups(u.masks)) {
      const origs = new Set(g.map((i) => u.origs[i]));
      if (origs.size > 1) out.push(finding(g, `${origs.size} different values got the same mask (${where(g)})`));
    }
  }
  return out;
}
function memoOf(ctx, pm, i) {
  const c = pm.candidates[i];
  let memo = ctx.m.memo.get(c.source);
  if (memo === void 0) {
    memo = { keys: new Array(MEMO_SLOTS).fill(void 0), values: new Array(MEMO_SLOTS).fill(void 0) };
    ctx.m.memo.set(c.source, memo);
  }
  return memo;
}
function memoMatches(ctx, pm, i, orig, value) {
  const memo = memoOf(ctx, pm, i);
  const slot = memoSlot(orig);
  if (memo.keys[slot] === orig) return memo.values[slot] === value;
  let equal;
  try {
    equal = effectiveMaskEquals(orig, pm.effs[i], ctx.m.salt, pm.candidates[i].source, value);
  } catch (e2) {
    equal = false;
  }
  if (!equal) return memoMask(ctx, pm, i, orig) === value;
  memo.keys[slot] = orig;
  memo.values[slot] = value;
  return true;
}
function memoMask(ctx, pm, i, orig) {
  const c = pm.candidates[i];
  const memo = memoOf(ctx, pm, i);
  const slot = memoSlot(orig);
  if (memo.keys[slot] === orig) return memo.values[slot];
  let r;
  try {
    r = applyEffectiveMask(orig, pm.effs[i], ctx.m.salt, c.source);
  } catch (e) {
    r = e instanceof Error ? e : new Error(String(e));
  }
  memo.keys[slot] = orig;
  memo.values[slot] = r;
  return r;
}
function expectedMasks(ctx, pm, orig) {
  const values = [];
  const unknown = [];
  for (let i = 0; i < pm.candidates.length; i++) {
    if (pm.effs[i].kind === "blake2b" && !ctx.saltKnown) {
      unknown.push("salt unknown");
      continue;
    }
    const r = memoMask(ctx, pm, i, orig);
    if (typeof r === "string") values.push(r);
    else unknown.push(r.message);
  }
  return { values, unknown };
}
function hasShape(pm, value) {
  return pm.shapes.some((s) => s(value));
}
function checkMask(ctx, pm, path, value, origValue, note) {
  const { rep, all } = ctx;
  const location = "_source";
  const expression = pm.expression;
  if (typeof origValue === "string") {
    if (pm.candidates.length === 1 && (ctx.saltKnown || pm.effs[0].kind !== "blake2b") && memoMatches(ctx, pm, 0, origValue, value)) {
      rep.masksRecomputed++;
      return;
    }
    const exp = expectedMasks(ctx, pm, origValue);
    if (exp.values.includes(value)) {
      rep.masksRecomputed++;
      return;
    }
    if (exp.unknown.length === 0) {
      if (value === origValue) addFinding(rep, { kind: "unmasked", path, location, expression, detail: `value of ${path} is not masked${note}` });
      else addFinding(rep, { kind: "wrong-mask", path, location, expression, detail: `value of ${path} differs from the expected mask` });
      return;
    }
    if (value === origValue && exp.values.every((v) => v !== origValue)) {
      addFinding(rep, { kind: "unmasked", path, location, expression, detail: `value of ${path} is not masked${note}` });
      return;
    }
    if (pm.shapes.every((s) => s !== void 0)) {
      if (!hasShape(pm, value)) {
        addFinding(rep, { kind: "wrong-mask", path, location, expression, detail: `value of ${path} is not shaped like a mask` });
        return;
      }
      recordUse(ctx.uses, expression, origValue, value, rep, path);
      if (all.strictMasks) addUnverifiable(rep, { aspect: "mask", path, reason: `mask not recomputed: ${_nullishCoalesce(exp.unknown[0], () => ( ""))}` });
      else rep.masksShapeChecked++;
      return;
    }
    addUnverifiable(rep, { aspect: "mask", path, reason: `cannot recompute the mask: ${_nullishCoalesce(exp.unknown[0], () => ( ""))}` });
    return;
  }
  if (pm.shapes.every((s) => s !== void 0)) {
    if (!hasShape(pm, value)) {
      addFinding(rep, { kind: "unmasked", path, location, expression, detail: `value of ${path} is not shaped like a mask (original unknown)${note}` });
      return;
    }
    if (all.strictMasks) addUnverifiable(rep, { aspect: "mask", path, reason: "original unknown: mask checked for shape only" });
    else rep.masksShapeChecked++;
    return;
  }
  addUnverifiable(rep, { aspect: "mask", path, reason: "regex mask without the original value" });
}
function checkFieldsValue(ctx, pm, key2, value, origVals) {
  const { rep, all } = ctx;
  const expression = pm.expression;
  const strs = _optionalChain([origVals, 'optionalAccess', _37 => _37.filter, 'call', _38 => _38((v) => typeof v === "string")]);
  if (strs && strs.length > 0) {
    const expected = strs.map((o) => expectedMasks(ctx, pm, o));
    if (expected.some((e) => e.values.includes(value))) {
      rep.masksRecomputed++;
      return;
    }
    if (strs.includes(value) && expected.every((e) => !e.values.includes(value))) {
      addFinding(rep, { kind: "unmasked", path: key2, location: "fields", expression, detail: `fields.${key2} is not masked` });
      return;
    }
    if (expected.every((e) => e.unknown.length === 0)) {
      addFinding(rep, { kind: "wrong-mask", path: key2, location: "fields", expression, detail: `fields.${key2} differs from the expected mask` });
      return;
    }
  }
  if (pm.shapes.every((s) => s !== void 0)) {
    if (!hasShape(pm, value)) {
      addFinding(rep, { kind: "unmasked", path: key2, location: "fields", expression, detail: `fields.${key2} is not shaped like a mask` });
      return;
    }
    if (all.strictMasks) addUnverifiable(rep, { aspect: "mask", path: key2, reason: "mask checked for shape only" });
    else rep.masksShapeChecked++;
    return;
  }
  addUnverifiable(rep, { aspect: "mask", path: key2, reason: "regex mask in fields without the original value" });
}

// src/verify/source-walk.ts
var NOTE_2X_ARRAYS = " (the 2.x plugin does not mask strings inside arrays of objects)";
function walkSource(w, v, o, n, inAoO) {
  if (Array.isArray(v)) {
    const oa = Array.isArray(o) ? o : void 0;
    for (let i = 0; i < v.length; i++) walkSource(w, v[i], _optionalChain([oa, 'optionalAccess', _39 => _39[i]]), n, inAoO || isRecord(v[i]));
    return;
  }
  if (isRecord(v)) {
    walkObject(w, v, o, n, inAoO);
    return;
  }
  walkLeaf(w, v, o, n, inAoO);
}
function walkObject(w, v, o, n, inAoO) {
  const m = w.mask.m;
  if (w.fls && n.path !== "" && !(_nullishCoalesce(n.object, () => ( isVisible(m, n, "object"))))) w.hidden.push([n.path, "_source"]);
  let i = -1;
  for (const k in v) {
    i++;
    const x = v[k];
    if (typeof x === "object" && x !== null) {
      walkSource(w, x, isRecord(o) ? o[k] : void 0, childAt(m, n, k, i), inAoO);
      continue;
    }
    if (!w.fls && typeof x !== "string") continue;
    const c = childAt(m, n, k, i);
    if (w.fls && c.path !== "" && !(_nullishCoalesce(c.leaf, () => ( isVisible(m, c, "leaf"))))) w.hidden.push([c.path, "_source"]);
    if (typeof x === "string" && w.masks) maskedLeaf(w, x, c, isRecord(o) ? o[k] : void 0, inAoO);
  }
}
function walkLeaf(w, v, o, n, inAoO) {
  if (w.fls && n.path !== "" && !(_nullishCoalesce(n.leaf, () => ( isVisible(w.mask.m, n, "leaf"))))) w.hidden.push([n.path, "_source"]);
  if (typeof v === "string" && w.masks) maskedLeaf(w, v, n, o, inAoO);
}
function maskedLeaf(w, v, n, o, inAoO) {
  const m = w.mask.m;
  const pm = n.mask === void 0 ? pathMask(m, n) : n.mask;
  if (pm === null) return;
  checkMask(w.mask, pm, n.path, v, w.origKnown ? o : void 0, inAoO && m.major < 3 ? NOTE_2X_ARRAYS : "");
}

// src/verify/verifier.ts
function rawHitsOf(response) {
  let r = response;
  if (isRecord(r) && isRecord(r.body) && !("hits" in r)) r = r.body;
  if (!isRecord(r) || !isRecord(r.hits) || !Array.isArray(r.hits.hits)) {
    throw new TypeError("not a search response: expected hits.hits[]");
  }
  return r.hits.hits;
}
var ALWAYS_UNKNOWN = () => true;
var NOT_YET = { result: "match" };
function verifyHits(response, expectations) {
  const rawHits = rawHitsOf(response);
  const expectationFor = expectationLookup(expectations);
  const inUse = /* @__PURE__ */ new Map();
  const uses = /* @__PURE__ */ new Map();
  const hitReports = [];
  const sourceComplete = expectations.sourceComplete !== false;
  const saltKnown = expectations.salt !== void 0;
  const originals = expectations.originals;
  const dlsVerdict = expectations.dlsVerdict;
  const hidden = [];
  let lastIndex;
  let lastUse = null;
  let keyPrefix = "";
  let inOrder = isPlainMap(originals) ? originals.entries() : void 0;
  for (const h of rawHits) {
    if (!isRecord(h)) continue;
    const index = String(h._index);
    const id = String(h._id);
    const source = "_source" in h ? h._source : void 0;
    const fields = isRecord(h.fields) ? h.fields : void 0;
    const highlight = isRecord(h.highlight) ? h.highlight : void 0;
    const rep = { index, id, status: "pass", dls: NOT_YET, findings: [], unverifiable: [], masksRecomputed: 0, masksShapeChecked: 0 };
    hitReports.push(rep);
    if (index !== lastIndex) {
      lastIndex = index;
      keyPrefix = `${index}/`;
      const exp = expectationFor(index);
      lastUse = exp ? _nullishCoalesce(inUse.get(exp), () => ( null)) : null;
      if (exp && !lastUse) {
        lastUse = useOf(merge(exp, expectations), expectations, saltKnown, uses, hidden);
        inUse.set(exp, lastUse);
      }
    }
    const use = lastUse;
    if (use === null) {
      rep.dls = { result: "match" };
      rep.unverifiable.push({ aspect: "hit", index, id, reason: "no expectation covers this index" });
      continue;
    }
    const m = use.m;
    let orig;
    if (!originals) orig = void 0;
    else if (typeof originals === "function") orig = originals(index, id);
    else if (inOrder !== void 0) {
      const next = inOrder.next();
      if (!next.done && isKeyOf(next.value[0], index, id)) orig = next.value[1];
      else {
        inOrder = void 0;
        orig = originals.get(keyPrefix + id);
      }
    } else orig = originals.get(keyPrefix + id);
    const known = orig !== void 0;
    if (m.dls.length > 0) {
      const dlsOptions = use.dlsOptions;
      dlsOptions.id = id;
      dlsOptions.unknownField = known ? void 0 : source === void 0 || !sourceComplete ? ALWAYS_UNKNOWN : m.unknownField;
      rep.dls = _nullishCoalesce(_optionalChain([dlsVerdict, 'optionalCall', _40 => _40(index, id)]), () => ( evaluateDlsQueries(m.dls, known ? orig : source, dlsOptions)));
      if (rep.dls.result === "no-match") addFinding(rep, { kind: "dls-violation", detail: `document does not match the roles' DLS (${_nullishCoalesce(rep.dls.reason, () => ( "no query matched"))})` });
      else if (rep.dls.result === "unverifiable") addUnverifiable(rep, { aspect: "dls", reason: _nullishCoalesce(rep.dls.reason, () => ( "unverifiable")) });
    } else {
      rep.dls = { result: "match" };
    }
    const walk = use.walk;
    const flsFindingsAt = rep.findings.length;
    if (walk.fls || walk.masks) {
      hidden.length = 0;
      walk.mask.rep = rep;
      walk.origKnown = known;
      if (source !== void 0) walkSource(walk, source, orig, m.root, false);
    }
    if (walk.fls) {
      if (fields) {
        for (const key2 of Object.keys(fields)) if (!isVisible(m, nodeAt(m, key2), "leaf")) hidden.push([key2, "fields"]);
      }
      if (highlight) {
        for (const key2 of Object.keys(highlight)) if (!isVisible(m, nodeAt(m, key2), "leaf")) hidden.push([key2, "highlight"]);
      }
      if (hidden.length > 0) flsFindings(rep, m, hidden, flsFindingsAt);
    }
    if (walk.masks && fields) {
      for (const [key2, vals] of Object.entries(fields)) {
        const pm = pathMask(m, nodeAt(m, key2));
        if (!pm) continue;
        const list2 = Array.isArray(vals) ? vals : [vals];
        const origVals = orig === void 0 ? void 0 : valuesAt(orig, key2.replace(/\.keyword$/, ""));
        for (const v of list2) if (typeof v === "string") checkFieldsValue(walk.mask, pm, key2, v, origVals);
      }
    }
  }
  const crossFindings = uses.size > 0 ? crossHitFindings(uses) : [];
  if (crossFindings.length > 0) {
    const firstReport = /* @__PURE__ */ new Map();
    for (const r of hitReports) {
      const key2 = `${r.index}\0${r.id}`;
      if (!firstReport.has(key2)) firstReport.set(key2, r);
    }
    for (const f of crossFindings) _optionalChain([firstReport, 'access', _41 => _41.get, 'call', _42 => _42(`${f.index}\0${f.id}`), 'optionalAccess', _43 => _43.findings, 'access', _44 => _44.push, 'call', _45 => _45(f)]);
  }
  return summarize(hitReports);
}
var MAP_GET = Map.prototype.get;
var MAP_ENTRIES = Map.prototype.entries;
function isPlainMap(o) {
  return o instanceof Map && Object.getPrototypeOf(o) === Map.prototype && o.get === MAP_GET && o.entries === MAP_ENTRIES;
}
function isKeyOf(key2, index, id) {
  return typeof key2 === "string" && key2.length === index.length + 1 + id.length && key2.charCodeAt(index.length) === 47 && key2.startsWith(index) && key2.endsWith(id);
}
function useOf(m, all, saltKnown, uses, hidden) {
  const dlsOptions = { id: "" };
  if (m.fieldTypes) dlsOptions.fieldTypes = m.fieldTypes;
  const mask = { rep: void 0, m, all, saltKnown, uses };
  return { m, dlsOptions, walk: { mask, fls: m.fls.mode !== "all", masks: m.maskExpressions.length > 0, origKnown: false, hidden } };
}
function flsFindings(rep, m, hidden, at) {
  const reported = [];
  const before = rep.findings.splice(at);
  for (const [path, location] of hidden) {
    const key2 = `${location}\0${path}`;
    if (reported.some((r) => key2 === r || key2.startsWith(`${r}.`))) continue;
    reported.push(key2);
    addFinding(rep, { kind: "fls-leak", path, location, detail: `field ${path} is visible but FLS (${m.fls.patterns.join(", ")}) hides it` });
  }
  for (const f of before) rep.findings.push(f);
}
function assertAccess(response, expectations, options = {}) {
  const report = verifyHits(response, expectations);
  if (!report.ok || report.status === "unverifiable" && !options.allowUnverifiable) {
    const c = report.counts;
    const head = report.ok ? `${c.unverifiable} item(s) could not be verified` : `${report.findings.length} access violation(s): ${c.dlsViolations} DLS, ${c.flsLeaks} FLS leak(s), ${c.unmasked} unmasked, ${c.wrongMasks} wrong mask(s), ${c.inconsistentMasks} inconsistent mask(s)`;
    const sample = (report.ok ? report.unverifiable.map((u) => `${u.index}/${u.id}${u.path ? ` ${u.path}` : ""}: ${u.reason}`) : report.findings.map((f) => `${f.kind} ${f.index}/${f.id}${f.path ? ` ${f.path}` : ""}`)).slice(0, 5);
    throw new AccessViolationError(`${head} in ${c.hits} hit(s)${sample.length ? `; ${sample.join("; ")}` : ""}`, report);
  }
  return report;
}

// src/verify/server-dls.ts
var isRecord3 = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
var key = (index, id) => `${index}\0${id}`;
function hitsOf(response) {
  let r = response;
  if (isRecord3(r) && isRecord3(r.body) && !("hits" in r)) r = r.body;
  if (!isRecord3(r) || !isRecord3(r.hits) || !Array.isArray(r.hits.hits)) throw new TypeError("not a search response: expected hits.hits[]");
  return r.hits.hits.filter(isRecord3).map((h) => ({ index: String(h._index), id: String(h._id) }));
}
async function serverDlsVerdicts(response, expectations, options) {
  const reader = options.reader;
  if (reader === null || typeof reader !== "object" || typeof _optionalChain([reader, 'access', _46 => _46.transport, 'optionalAccess', _47 => _47.request]) !== "function") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options.reader", "serverDlsVerdicts: options.reader must be an opensearch-js Client (transport.request)");
  }
  const batch = _nullishCoalesce(options.batchSize, () => ( 500));
  if (!Number.isInteger(batch) || batch < 1 || batch > 1e4) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options.batchSize", "serverDlsVerdicts: options.batchSize must be an integer from 1 to 10000");
  const lookup = expectationLookup(expectations);
  const subOpts = expectations.pluginVersion !== void 0 ? { pluginVersion: expectations.pluginVersion } : {};
  const prepOpts = { ...expectations.user !== void 0 ? { user: expectations.user } : {}, ...subOpts };
  const groups = /* @__PURE__ */ new Map();
  for (const { index, id } of hitsOf(response)) {
    if (index.includes(":")) continue;
    const exp = lookup(index);
    if (exp === null) continue;
    const texts = effectiveDlsTexts(exp, expectations);
    if (texts.length === 0) continue;
    if (texts.some((t) => !prepareDls(t, prepOpts).ok)) continue;
    const queries = texts.map((t) => substituteUserVariables(t, expectations.user, subOpts).text.trim());
    const g = `${index}\0${queries.join("\0")}`;
    let group = groups.get(g);
    if (group === void 0) groups.set(g, group = { index, queries, ids: [] });
    if (!group.ids.includes(id)) group.ids.push(id);
  }
  const verdicts = /* @__PURE__ */ new Map();
  const failures = [];
  for (const { index, queries, ids } of groups.values()) {
    for (let i = 0; i < ids.length; i += batch) {
      const part = ids.slice(i, i + batch);
      const body = `{"size":${part.length},"_source":false,"track_total_hits":false,"query":{"bool":{"filter":[{"ids":{"values":${JSON.stringify(part)}}}],"should":[${queries.join(",")}],"minimum_should_match":1}}}`;
      let matched;
      try {
        const res = await reader.transport.request({ method: "POST", path: `/${encodeURIComponent(index)}/_search`, body });
        matched = new Set(hitsOf(res.body).map((h) => h.id));
      } catch (err) {
        failures.push({ index, ids: part.length, error: err instanceof Error ? err.message : String(err) });
        continue;
      }
      for (const id of part) {
        verdicts.set(key(index, id), matched.has(id) ? { result: "match" } : { result: "no-match", reason: "the cluster says the document does not match the DLS query" });
      }
    }
  }
  return { verdicts, failures };
}
async function verifyHitsWithServer(response, expectations, options) {
  const { verdicts, failures } = await serverDlsVerdicts(response, expectations, options);
  const report = verifyHits(response, { ...expectations, dlsVerdict: (index, id) => verdicts.get(key(index, id)) });
  return { ...report, dlsByServer: report.hits.filter((h) => verdicts.has(key(h.index, h.id))).length, dlsFailures: failures };
}

// src/verify/expectations.ts
function expectationsFromRoles(roles, index, user, options = {}) {
  const list2 = Array.isArray(roles) ? [...roles] : Object.entries(roles).map(([name, r]) => ({ name, ...r }));
  const rules = [];
  const names = coveringNames(index, options.aliases);
  for (const role of list2) {
    for (const perm of _nullishCoalesce(role.index_permissions, () => ( []))) {
      const matches = (_nullishCoalesce(perm.index_patterns, () => ( []))).some((p) => names.some(compileFieldPattern(substituteUserVariables(p, user).text)));
      if (!matches) continue;
      const rule = {};
      if (role.name !== void 0) rule.role = role.name;
      if (perm.dls !== void 0 && perm.dls.trim() !== "") rule.dls = perm.dls;
      if (perm.fls && perm.fls.length > 0) rule.fls = perm.fls;
      if (perm.masked_fields && perm.masked_fields.length > 0) rule.maskedFields = perm.masked_fields;
      rules.push(rule);
    }
  }
  const { fieldTypes, ...rest } = options;
  return {
    ...rest,
    ...user ? { user } : {},
    indices: [{ indexPatterns: [index], rules, ...fieldTypes ? { fieldTypes } : {} }]
  };
}

// src/verify/compare.ts
function readHits(body) {
  const b = body;
  const hits = (_nullishCoalesce(_optionalChain([b, 'access', _48 => _48.hits, 'optionalAccess', _49 => _49.hits]), () => ( []))).map((h) => ({ index: String(h._index), id: String(h._id), source: h._source }));
  const t = _optionalChain([b, 'access', _50 => _50.hits, 'optionalAccess', _51 => _51.total]);
  const total = typeof t === "number" ? t : typeof _optionalChain([t, 'optionalAccess', _52 => _52.value]) === "number" ? t.value : hits.length;
  return { total, hits };
}
function leafValues(doc) {
  const out = /* @__PURE__ */ new Map();
  const visit = (v, path) => {
    if (Array.isArray(v)) {
      v.forEach((x) => visit(x, path));
      return;
    }
    if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) visit(x, path ? `${path}.${k}` : k);
      return;
    }
    if (path) out.set(path, [..._nullishCoalesce(out.get(path), () => ( [])), v]);
  };
  visit(doc, "");
  return out;
}
function diffDocuments(index, id, reference, subject) {
  const refPaths = fieldPaths(reference);
  const subPaths = new Set(fieldPaths(subject).map((f) => f.path));
  const hidden = refPaths.filter((f) => !subPaths.has(f.path)).map((f) => f.path);
  const hiddenFields = hidden.filter((p) => !hidden.some((q) => q !== p && p.startsWith(`${q}.`)));
  const rv = leafValues(reference);
  const sv = leafValues(subject);
  const maskedFields = [];
  const hashShapedFields = [];
  const otherChanges = [];
  for (const [path, svals] of sv) {
    const rvals = rv.get(path);
    if (!rvals) {
      otherChanges.push(path);
      continue;
    }
    if (JSON.stringify(rvals) === JSON.stringify(svals)) continue;
    const stringsDiffer = svals.some((s, i) => typeof s === "string" && s !== rvals[i]);
    if (stringsDiffer && svals.length === rvals.length) {
      maskedFields.push(path);
      if (svals.every((s) => typeof s !== "string" || isMaskShaped(s))) hashShapedFields.push(path);
    } else {
      otherChanges.push(path);
    }
  }
  return { index, id, hiddenFields, maskedFields, hashShapedFields, otherChanges };
}
async function compareAccess(referenceClient, subjectClient, request) {
  const [refRes, subRes] = await Promise.all([referenceClient.search(request), subjectClient.search(request)]);
  const ref = readHits(refRes.body);
  const sub = readHits(subRes.body);
  const key2 = (h) => `${h.index}\0${h.id}`;
  const subByKey = new Map(sub.hits.map((h) => [key2(h), h]));
  const refKeys = new Set(ref.hits.map(key2));
  const complete = ref.hits.length >= ref.total && sub.hits.length >= sub.total;
  const subComplete = sub.hits.length >= sub.total;
  const absent = ref.hits.filter((h) => !subByKey.has(key2(h))).map(({ index, id }) => ({ index, id }));
  const missing = subComplete ? absent : [];
  const unresolved = subComplete ? [] : absent;
  const extra = sub.hits.filter((h) => !refKeys.has(key2(h))).map(({ index, id }) => ({ index, id }));
  const documents = [];
  const hiddenTotals = {};
  const maskedTotals = {};
  let common = 0;
  for (const r of ref.hits) {
    const s = subByKey.get(key2(r));
    if (!s) continue;
    common++;
    const d = diffDocuments(r.index, r.id, r.source, s.source);
    for (const p of d.hiddenFields) hiddenTotals[p] = (_nullishCoalesce(hiddenTotals[p], () => ( 0))) + 1;
    for (const p of d.maskedFields) maskedTotals[p] = (_nullishCoalesce(maskedTotals[p], () => ( 0))) + 1;
    if (d.hiddenFields.length + d.maskedFields.length + d.otherChanges.length > 0) documents.push(d);
  }
  return {
    reference: { total: ref.total, returned: ref.hits.length },
    subject: { total: sub.total, returned: sub.hits.length },
    complete,
    missing,
    unresolved,
    extra,
    documents,
    totals: { missing: complete ? missing.length : Math.max(ref.total - sub.total, missing.length), extra: extra.length, common, hiddenFields: hiddenTotals, maskedFields: maskedTotals }
  };
}

// src/explain/action-resolver.ts
var CLUSTER_PREFIXES = ["cluster:", "indices:admin/template/", "indices:admin/index_template/", "indices:data/read/scroll", "indices:data/read/msearch"];
var CLUSTER_EXACT = /* @__PURE__ */ new Set([
  "indices:data/write/bulk",
  "indices:data/read/mget",
  "indices:data/read/mtv",
  "indices:data/write/reindex",
  "cluster:admin/search/template/render"
]);
function isClusterAction(action) {
  return CLUSTER_PREFIXES.some((p) => action.startsWith(p)) || CLUSTER_EXACT.has(action);
}
function groupTable(custom) {
  const table = /* @__PURE__ */ new Map();
  for (const [name, group] of Object.entries(_chunk3Z7MCOS5cjs.STATIC_ACTION_GROUPS)) table.set(name, group.allowed_actions);
  for (const [name, group] of Object.entries(_nullishCoalesce(custom, () => ( {})))) {
    const members = isStringList(group) ? group : _nullishCoalesce(group.allowed_actions, () => ( []));
    table.set(name, members.filter((m) => typeof m === "string"));
  }
  return table;
}
function isStringList(value) {
  return Array.isArray(value);
}
function looksLikeAction(entry) {
  return entry.includes(":") || entry.includes("*") || entry.includes("?") || entry.startsWith("/") && entry.endsWith("/") && entry.length > 1;
}
var ActionResolver = (_class2 = class {
  
  __init2() {this.compiled = /* @__PURE__ */ new Map()}
  __init3() {this.warnings = []}
  constructor(groups) {;_class2.prototype.__init2.call(this);_class2.prototype.__init3.call(this);
    this.groups = groups;
  }
  isGroup(name) {
    return this.groups.has(name);
  }
  matches(pattern, action) {
    let m = this.compiled.get(pattern);
    if (m === void 0) {
      try {
        m = compileFieldPattern(pattern);
      } catch (err) {
        this.warn(`pattern ${JSON.stringify(pattern)} is not a valid regular expression (${err instanceof Error ? err.message : String(err)}); it matches nothing`);
        m = () => false;
      }
      this.compiled.set(pattern, m);
    }
    return m(action);
  }
  warn(message) {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
  /**
   * The expansion chain from `entry` to a pattern matching `action`, or undefined. The entry itself counts as
   * a pattern (the plugin keeps group names in the flattened set), then its members, depth first in order.
   * Each group is expanded once per call, so loops and diamonds terminate.
   */
  chain(entry, action) {
    const expanded = /* @__PURE__ */ new Set();
    const walk = (name, path) => {
      const here = [...path, name];
      if (this.matches(name, action)) return here;
      const members = this.groups.get(name);
      if (members === void 0) return void 0;
      if (path.includes(name)) {
        this.warn(`action group loop: ${here.join(" -> ")}`);
        return void 0;
      }
      if (expanded.has(name)) return void 0;
      expanded.add(name);
      for (const member of members) {
        if (path.includes(member) || member === name) {
          this.warn(`action group loop: ${[...here, member].join(" -> ")}`);
          continue;
        }
        const found = walk(member, here);
        if (found !== void 0) return found;
      }
      return void 0;
    };
    return walk(entry, []);
  }
  /** The first entry of `entries` that grants `action`, with its chain. */
  firstChain(entries, action) {
    if (!Array.isArray(entries)) return void 0;
    for (const entry of entries) {
      if (typeof entry !== "string") continue;
      const found = this.chain(entry, action);
      if (found !== void 0) return found;
    }
    return void 0;
  }
  /** Entries that are neither a known action group nor shaped like an action pattern (probably a misspelt or missing group). */
  unknownEntries(entries) {
    if (!Array.isArray(entries)) return [];
    return entries.filter((e) => typeof e === "string" && !this.groups.has(e) && !looksLikeAction(e));
  }
}, _class2);

// src/explain/text.ts
function chainText(via) {
  return via.length <= 1 ? _nullishCoalesce(via[0], () => ( "")) : `${via[0]} (${via.slice(1).join(" > ")})`;
}
function list(items) {
  return `[${items.join(", ")}]`;
}

// src/explain/permission.ts
function normaliseIndices(index) {
  if (index === void 0) return null;
  const raw = typeof index === "string" ? index.split(",") : index.flatMap((i) => i.split(","));
  const out = [];
  for (const r of raw) {
    const name = r.trim() === "_all" ? "*" : r.trim();
    if (name !== "" && !out.includes(name)) out.push(name);
  }
  return out.length === 0 ? null : out;
}
function resolvePattern(pattern, ctx) {
  const { user, securityRoles } = ctx;
  let resolved = pattern;
  let unresolved = [];
  if (pattern.includes("${")) {
    const sub = substituteUserVariables(pattern, {
      ..._optionalChain([user, 'optionalAccess', _53 => _53.name]) !== void 0 ? { name: user.name } : {},
      ..._optionalChain([user, 'optionalAccess', _54 => _54.backendRoles]) !== void 0 ? { roles: user.backendRoles } : {},
      securityRoles,
      ..._optionalChain([user, 'optionalAccess', _55 => _55.attributes]) !== void 0 ? { attributes: user.attributes } : {}
    }, { pluginVersion: ctx.pluginVersion });
    resolved = sub.text;
    unresolved = sub.unresolved;
  }
  let matcher;
  try {
    matcher = compileFieldPattern(resolved);
  } catch (e3) {
    matcher = () => false;
  }
  return { pattern, resolved, unresolved, matcher };
}
function stringList(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}
function unknownEntryMiss(role, section, unknown) {
  if (unknown.length === 0) return void 0;
  return {
    role,
    kind: "unknown_entry",
    reason: `${role} lists ${list(unknown)} in ${section}: neither a known action group nor an action pattern (a misspelt or undefined action group?)`
  };
}
function evaluateRole(name, role, action, level, indices, resolver, ctx, missIndices) {
  const grants = [];
  const nearMisses = [];
  const indexRules = Array.isArray(role.index_permissions) ? role.index_permissions : [];
  const clusterEntries = Array.isArray(role.cluster_permissions) ? role.cluster_permissions : [];
  if (level === "cluster") {
    const via = resolver.firstChain(clusterEntries, action);
    if (via !== void 0) {
      grants.push({ role: name, permission: "cluster", via });
      return { grants, nearMisses };
    }
    const misplaced = indexRules.flatMap((rule) => {
      if (rule === null || typeof rule !== "object") return [];
      const chain = resolver.firstChain(rule.allowed_actions, action);
      return chain === void 0 ? [] : [{ chain, patterns: stringList(rule.index_patterns) }];
    });
    const first = misplaced[0];
    if (first !== void 0) {
      const patterns = misplaced.flatMap((m) => m.patterns);
      nearMisses.push({
        role: name,
        kind: "wrong_section",
        reason: `${name} allows ${action} via ${chainText(first.chain)} only in index_permissions (on ${list(patterns)}); the plugin checks this action against cluster_permissions`,
        patterns
      });
    }
    const unknown = unknownEntryMiss(name, "cluster_permissions", resolver.unknownEntries(clusterEntries));
    if (unknown !== void 0) nearMisses.push(unknown);
    return { grants, nearMisses };
  }
  const covered = /* @__PURE__ */ new Set();
  const actionOnPatterns = [];
  const patternsWithoutAction = [];
  const unresolvedPatterns = [];
  for (const rule of indexRules) {
    if (rule === null || typeof rule !== "object") continue;
    const patterns = (Array.isArray(rule.index_patterns) ? rule.index_patterns : []).filter((p) => typeof p === "string").map((p) => resolvePattern(p, ctx));
    for (const p of patterns) if (p.unresolved.length > 0) unresolvedPatterns.push({ pattern: p.pattern, unresolved: p.unresolved });
    const via = resolver.firstChain(rule.allowed_actions, action);
    if (via !== void 0) {
      actionOnPatterns.push({ patterns: patterns.map((p) => p.pattern), via });
      if (indices === null) {
        for (const p of patterns) {
          grants.push({ role: name, permission: "index", pattern: p.pattern, ...p.resolved !== p.pattern ? { resolvedPattern: p.resolved } : {}, via });
        }
        continue;
      }
      for (const index of indices) {
        if (covered.has(index)) continue;
        const names = coveringNames(index, ctx.aliases);
        const hit = patterns.find((p) => names.some(p.matcher));
        if (hit === void 0) continue;
        covered.add(index);
        grants.push({
          role: name,
          permission: "index",
          pattern: hit.pattern,
          ...hit.resolved !== hit.pattern ? { resolvedPattern: hit.resolved } : {},
          index,
          via
        });
      }
    } else if (indices !== null) {
      for (const index of indices) {
        const names = coveringNames(index, ctx.aliases);
        const hit = patterns.find((p) => names.some(p.matcher));
        if (hit !== void 0) patternsWithoutAction.push({ pattern: hit.pattern, index, allowed: stringList(rule.allowed_actions) });
      }
    }
  }
  const uncovered = indices === null ? [] : indices.filter((i) => !covered.has(i) && (missIndices === null || missIndices.has(i)));
  const firstOnPatterns = actionOnPatterns[0];
  if (indices !== null && uncovered.length > 0 && firstOnPatterns !== void 0) {
    const patterns = [...new Set(actionOnPatterns.flatMap((a) => a.patterns))];
    nearMisses.push({
      role: name,
      kind: "other_indices",
      reason: `${name} grants ${action} via ${chainText(firstOnPatterns.via)} only on ${list(patterns)}, not on ${list(uncovered)}`,
      patterns,
      indices: uncovered
    });
  }
  for (const index of uncovered) {
    const without = patternsWithoutAction.filter((p) => p.index === index);
    const firstWithout = without[0];
    if (firstWithout === void 0) continue;
    const allowed = [...new Set(without.flatMap((w) => w.allowed))];
    nearMisses.push({
      role: name,
      kind: "action_not_allowed",
      reason: `${name} covers ${index} with ${list([...new Set(without.map((w) => w.pattern))])} but allows only ${list(allowed)} there, which does not include ${action}`,
      patterns: [...new Set(without.map((w) => w.pattern))],
      indices: [index]
    });
  }
  if (grants.length === 0 && (indices === null || missIndices === null || missIndices.size > 0) || uncovered.length > 0) {
    const clusterVia = resolver.firstChain(clusterEntries, action);
    if (clusterVia !== void 0 && !(clusterEntries.includes("*") || clusterEntries.includes("unlimited"))) {
      nearMisses.push({
        role: name,
        kind: "wrong_section",
        reason: `${name} allows ${action} via ${chainText(clusterVia)} in cluster_permissions; the plugin checks index-level actions against index_permissions only`
      });
    }
    const seen = /* @__PURE__ */ new Set();
    for (const u of unresolvedPatterns) {
      if (seen.has(u.pattern)) continue;
      seen.add(u.pattern);
      nearMisses.push({
        role: name,
        kind: "unresolved_variable",
        reason: `${name}'s index pattern ${u.pattern} uses ${u.unresolved.map((v) => `\${${v}}`).join(", ")}, which the user does not define (the pattern then matches nothing)`,
        patterns: [u.pattern]
      });
    }
    const unknown = [...new Set(indexRules.flatMap((r) => r === null || typeof r !== "object" ? [] : resolver.unknownEntries(r.allowed_actions)))];
    const miss = unknownEntryMiss(name, "allowed_actions", unknown);
    if (miss !== void 0) nearMisses.push(miss);
  }
  return { grants, nearMisses };
}
function explainPermission(roles, actionGroups, query) {
  const { action, user } = query;
  if (typeof action !== "string" || action === "") throw new TypeError("explainPermission: query.action must be a non-empty string");
  const level = isClusterAction(action) ? "cluster" : "index";
  const named = level === "index" ? normaliseIndices(query.index) : null;
  const indices = named === null || query.aliases === void 0 ? named : expandAliases(named, query.aliases);
  const resolver = new ActionResolver(groupTable(actionGroups));
  const defined = (name) => Object.prototype.hasOwnProperty.call(roles, name);
  const mapped = _optionalChain([user, 'optionalAccess', _56 => _56.roles]) === void 0 ? void 0 : [...new Set(user.roles)];
  const rolesEvaluated = mapped === void 0 ? Object.keys(roles) : mapped.filter(defined);
  const missingRoles = mapped === void 0 ? [] : mapped.filter((r) => !defined(r));
  const ctx = {
    user,
    securityRoles: _nullishCoalesce(mapped, () => ( [])),
    pluginVersion: _nullishCoalesce(query.pluginVersion, () => ( "2")),
    ...query.aliases !== void 0 ? { aliases: query.aliases } : {}
  };
  const evaluable = rolesEvaluated.flatMap((name) => {
    const role = roles[name];
    return role === void 0 || role === null || typeof role !== "object" ? [] : [{ name, role }];
  });
  const grants = evaluable.flatMap(({ name, role }) => evaluateRole(name, role, action, level, indices, resolver, ctx, null).grants);
  const coveredIndices = new Set(grants.flatMap((g) => g.index === void 0 ? [] : [g.index]));
  const uncoveredIndices = indices === null ? [] : indices.filter((i) => !coveredIndices.has(i));
  const granted = level === "cluster" || indices === null ? grants.length > 0 : uncoveredIndices.length === 0;
  const missIndices = indices === null ? null : new Set(uncoveredIndices);
  const nearMisses = granted && indices === null ? [] : evaluable.flatMap(({ name, role }) => evaluateRole(name, role, action, level, indices, resolver, ctx, missIndices).nearMisses);
  for (const name of missingRoles) {
    nearMisses.push({ role: name, kind: "role_not_found", reason: `${name} is mapped to the user but no definition of it was given (deleted, or hidden from the caller)` });
  }
  const wouldGrant = [];
  if (mapped !== void 0 && !granted) {
    for (const name of Object.keys(roles)) {
      if (mapped.includes(name)) continue;
      const role = roles[name];
      if (role === void 0 || role === null || typeof role !== "object") continue;
      const found = evaluateRole(name, role, action, level, indices, resolver, ctx, null).grants;
      wouldGrant.push(...found.filter((g) => g.index === void 0 || missIndices === null || missIndices.has(g.index)));
    }
  }
  return { action, level, indices, granted, grants, nearMisses, uncoveredIndices, rolesEvaluated, missingRoles, wouldGrant, warnings: [...resolver.warnings] };
}

// src/explain/role-mappings.ts
function mappedRoles(mappings, user) {
  const backend = _nullishCoalesce(user.backendRoles, () => ( []));
  const any = (patterns, values) => (_nullishCoalesce(patterns, () => ( []))).some((p) => typeof p === "string" && safeMatcher(p)(values));
  const out = [];
  for (const [role, mapping] of Object.entries(mappings)) {
    if (mapping === null || typeof mapping !== "object") continue;
    const byUser = any(mapping.users, [user.name]);
    const byBackend = any(mapping.backend_roles, backend);
    const and2 = _nullishCoalesce(mapping.and_backend_roles, () => ( []));
    const byAnd = and2.length > 0 && and2.every((p) => typeof p === "string" && safeMatcher(p)(backend));
    if (byUser || byBackend || byAnd) out.push(role);
  }
  return out;
}
function safeMatcher(pattern) {
  try {
    const m = compileFieldPattern(pattern);
    return (values) => values.some((v) => m(v));
  } catch (e4) {
    return () => false;
  }
}

// src/explain/security-exception.ts
var INDEX_GROUP_PREFERENCE = ["read", "write", "delete", "index", "get", "search", "suggest", "create_index", "manage_aliases", "indices_monitor", "manage", "crud", "data_access", "indices_all"];
var CLUSTER_GROUP_PREFERENCE = ["cluster_monitor", "cluster_composite_ops_ro", "cluster_composite_ops", "manage_snapshots", "cluster_manage_index_templates", "cluster_manage_pipelines", "cluster_all"];
function staticGroupFor(action) {
  const resolver = new ActionResolver(groupTable(void 0));
  const order = isClusterAction(action) ? CLUSTER_GROUP_PREFERENCE : INDEX_GROUP_PREFERENCE;
  return order.find((g) => resolver.chain(g, action) !== void 0);
}
function describeGrant(g) {
  const where = g.permission === "index" ? ` on ${_nullishCoalesce(g.pattern, () => ( "?"))}${g.index !== void 0 && g.index !== g.pattern ? ` (covers ${g.index})` : ""}` : " (cluster_permissions)";
  return `${g.role} via ${chainText(g.via)}${where}`;
}
var SOURCE_TEXT = {
  userRoles: "as given",
  injected: "injected",
  roleMappings: "from the role mappings",
  all: "all"
};
function sentenceFor(e, rolesSource) {
  const lines = [];
  const target = e.level === "cluster" ? `${e.action} (cluster-level)` : `${e.action}${e.indices !== null ? ` on ${list(e.indices)}` : ""}`;
  if (rolesSource === "all") {
    lines.push(`${target}: the user's mapped roles are unknown (pass userRoles from authinfo, or roleMappings), so all ${e.rolesEvaluated.length} roles given were evaluated.`);
    const granting = [...new Set(e.grants.map((g) => g.role))];
    lines.push(granting.length > 0 ? `Roles that grant it: ${e.grants.slice(0, 5).map(describeGrant).join("; ")}${e.grants.length > 5 ? "; ..." : ""}.` : "No role given grants it.");
    for (const n of e.nearMisses) lines.push(`${n.reason}.`);
    if (granting.length > 0) lines.push(`Fix: map the user (or one of its backend roles) to one of ${granting.slice(0, 5).join(", ")}${granting.length > 5 ? ", ..." : ""}, or to a role granting the same.`);
    return lines;
  }
  const rolesText = e.rolesEvaluated.length === 0 ? "no role with a definition" : e.rolesEvaluated.join(", ");
  lines.push(`${target}: roles evaluated (${SOURCE_TEXT[rolesSource]}): ${rolesText}.`);
  if (e.missingRoles.length > 0) lines.push(`Mapped roles without a definition: ${e.missingRoles.join(", ")}.`);
  if (e.granted) {
    lines.push(
      `These roles DO grant it (${e.grants.slice(0, 3).map(describeGrant).join("; ")}): the definitions may have changed since, the user may be mapped differently than assumed, or the request touched other indices (aliases, wildcard expansion) than the ones evaluated.`
    );
    return lines;
  }
  if (e.grants.length > 0) lines.push(`Granted on part of the request: ${e.grants.map(describeGrant).join("; ")}; not covered: ${list(e.uncoveredIndices)}.`);
  for (const n of e.nearMisses) lines.push(`${n.reason}.`);
  if (e.nearMisses.length === 0 && e.grants.length === 0) {
    lines.push(e.rolesEvaluated.length === 0 ? "The user has no role that could grant it." : "None of these roles mentions this action in any form.");
  }
  const fixes = [];
  const group = staticGroupFor(e.action);
  const grantWith = group !== void 0 ? `${e.action} (e.g. action group ${group})` : e.action;
  if (e.nearMisses.some((n) => n.kind === "other_indices")) {
    const patterns = [...new Set(e.nearMisses.filter((n) => n.kind === "other_indices").flatMap((n) => _nullishCoalesce(n.patterns, () => ( []))))];
    fixes.push(`target only indices matching ${list(patterns)}, or give a mapped role ${grantWith} on ${list(e.uncoveredIndices)}`);
  } else if (e.level === "index") {
    fixes.push(`give a mapped role an index permission with ${grantWith}${e.indices !== null ? ` on ${list(e.uncoveredIndices)}` : ""}`);
  } else {
    fixes.push(`add ${grantWith} to the cluster_permissions of a mapped role`);
  }
  const would = [...new Set(e.wouldGrant.map((g) => g.role))];
  if (would.length > 0) fixes.push(`or map the user to a role that grants it: ${would.slice(0, 5).join(", ")}${would.length > 5 ? ", ..." : ""}`);
  lines.push(`Fix: ${fixes.join("; ")}.`);
  return lines;
}
function explainSecurityException(error, roles, actionGroups, options = {}) {
  const user = error.user === null ? null : { name: error.user.name, backendRoles: [...error.user.backendRoles] };
  let rolesSource;
  let subjectRoles;
  if (options.userRoles !== void 0) {
    rolesSource = "userRoles";
    subjectRoles = [...options.userRoles];
  } else if (error.roles !== null) {
    rolesSource = "injected";
    subjectRoles = [...error.roles];
  } else if (options.roleMappings !== void 0 && user !== null) {
    rolesSource = "roleMappings";
    subjectRoles = mappedRoles(options.roleMappings, user);
  } else {
    rolesSource = "all";
  }
  const subject = {
    ...user !== null ? { name: user.name, backendRoles: user.backendRoles } : {},
    ...subjectRoles !== void 0 ? { roles: subjectRoles } : {},
    ...options.attributes !== void 0 ? { attributes: options.attributes } : {}
  };
  const explanations = error.actions.map((action) => explainPermission(roles, actionGroups, { action, ...error.indices !== null ? { index: error.indices } : {}, user: subject }));
  const who = user !== null ? `User ${user.name} (${user.backendRoles.length > 0 ? `backend roles: ${user.backendRoles.join(", ")}` : "no backend roles"})` : error.roles !== null ? `A request with injected roles ${list(error.roles)}` : "The request";
  const lines = [];
  if (explanations.length === 0) {
    lines.push(`${who} was denied, but the denial names no action: ${error.reason}`);
  } else {
    lines.push(`${who} lacks ${error.actions.join(", ")}${error.indices !== null ? ` on ${list(error.indices)}` : ""}.`);
    for (const e of explanations) lines.push(...sentenceFor(e, rolesSource));
  }
  return {
    message: lines.join("\n"),
    explanation: explanations[0],
    explanations,
    user,
    roles: _nullishCoalesce(subjectRoles, () => ( null)),
    rolesSource
  };
}

// src/explain/request-actions.ts
var BULK = "indices:data/write/bulk";
var BULK_SHARD = "indices:data/write/bulk[s]";
function splitPath(path) {
  const bare = _nullishCoalesce(path.split("?")[0], () => ( ""));
  return bare.split("/").filter((s) => s !== "").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch (e5) {
      return s;
    }
  });
}
var indexList = (segment) => segment.split(",").map((s) => s.trim()).filter((s) => s !== "");
function singleWrite(action, index, itemAction) {
  return [{ action, indices: index }, { action: BULK }, { action: BULK_SHARD, indices: index }, { action: itemAction, indices: index }];
}
function ndjsonLines(body) {
  if (Array.isArray(body)) return body;
  if (typeof body !== "string") return void 0;
  const out = [];
  for (const line of body.split("\n")) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line));
    } catch (e6) {
      return void 0;
    }
  }
  return out;
}
var isRecord4 = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
var BULK_OPS = {
  index: "indices:data/write/index",
  create: "indices:data/write/index",
  delete: "indices:data/write/delete",
  update: "indices:data/write/update"
};
function bulkChecks(body, defaultIndex) {
  const lines = ndjsonLines(body);
  if (lines === void 0) return { known: false, reason: "bulk body is not NDJSON or an array" };
  const checks = [{ action: BULK }];
  for (let i = 0; i < lines.length; i++) {
    const meta = lines[i];
    if (!isRecord4(meta)) return { known: false, reason: `bulk line ${i + 1} is not an action` };
    const op = _nullishCoalesce(Object.keys(meta)[0], () => ( ""));
    const action = BULK_OPS[op];
    if (action === void 0) return { known: false, reason: `bulk operation ${op} is unknown` };
    const params = meta[op];
    const index = isRecord4(params) && typeof params._index === "string" ? params._index : defaultIndex;
    if (index === void 0) return { known: false, reason: `bulk line ${i + 1} names no index` };
    checks.push({ action: BULK_SHARD, indices: [index], itemLevel: true }, { action, indices: [index], itemLevel: true });
    if (op !== "delete") i++;
  }
  return { known: true, checks };
}
function msearchChecks(body, defaultIndex) {
  const lines = ndjsonLines(body);
  if (lines === void 0) return { known: false, reason: "msearch body is not NDJSON or an array" };
  const checks = [{ action: "indices:data/read/msearch" }];
  for (let i = 0; i < lines.length; i += 2) {
    const header = lines[i];
    const idx = isRecord4(header) ? header.index : void 0;
    const indices = typeof idx === "string" ? indexList(idx) : Array.isArray(idx) ? idx.filter((x) => typeof x === "string") : defaultIndex !== void 0 ? indexList(defaultIndex) : ["*"];
    checks.push({ action: "indices:data/read/search", indices, itemLevel: true });
  }
  return { known: true, checks };
}
function mgetChecks(body, defaultIndex) {
  const docs = isRecord4(body) && Array.isArray(body.docs) ? body.docs : void 0;
  const checks = [{ action: "indices:data/read/mget" }];
  if (docs === void 0) {
    if (defaultIndex === void 0) return { known: false, reason: "mget body without docs" };
    checks.push({ action: "indices:data/read/mget[shard]", indices: [defaultIndex], itemLevel: true });
    return { known: true, checks };
  }
  for (const d of docs) {
    const index = isRecord4(d) && typeof d._index === "string" ? d._index : defaultIndex;
    if (index === void 0) return { known: false, reason: "mget doc names no index" };
    checks.push({ action: "indices:data/read/mget[shard]", indices: [index], itemLevel: true });
  }
  return { known: true, checks };
}
var CLUSTER_GETS = {
  "": "cluster:monitor/main",
  "_cluster/health": "cluster:monitor/health",
  "_cluster/state": "cluster:monitor/state",
  "_cluster/stats": "cluster:monitor/stats",
  "_cluster/settings": "cluster:monitor/settings",
  "_cat/health": "cluster:monitor/health",
  "_nodes": "cluster:monitor/nodes/info",
  "_nodes/stats": "cluster:monitor/nodes/stats",
  "_index_template": "indices:admin/index_template/get",
  "_template": "indices:admin/template/get"
};
function requiredPrivileges(request) {
  const method = request.method.toUpperCase();
  const parts = splitPath(request.path);
  const [first, second, third] = parts;
  const unknown = () => ({ known: false, reason: `${method} ${request.path} is not in the request table` });
  const read = method === "GET" || method === "POST";
  if (first === void 0 || first.startsWith("_")) {
    const key2 = parts.join("/");
    if (method === "GET" && Object.prototype.hasOwnProperty.call(CLUSTER_GETS, key2)) return { known: true, checks: [{ action: CLUSTER_GETS[key2] }] };
    if (read && key2 === "_search") return { known: true, checks: [{ action: "indices:data/read/search", indices: ["*"] }] };
    if (read && key2 === "_count") return { known: true, checks: [{ action: "indices:data/read/search", indices: ["*"] }] };
    if ((method === "POST" || method === "PUT") && key2 === "_bulk") return bulkChecks(request.body, void 0);
    if (read && key2 === "_msearch") return msearchChecks(request.body, void 0);
    if (read && key2 === "_mget") return mgetChecks(request.body, void 0);
    if (read && key2 === "_search/scroll") return { known: true, checks: [{ action: "indices:data/read/scroll" }] };
    return unknown();
  }
  const indices = indexList(first);
  const one = indices.length === 1 ? indices : void 0;
  if (second === void 0) {
    if (method === "PUT") return { known: true, checks: [{ action: "indices:admin/create", indices }] };
    if (method === "DELETE") return { known: true, checks: [{ action: "indices:admin/delete", indices }] };
    if (method === "GET") return { known: true, checks: [{ action: "indices:admin/get", indices }] };
    return unknown();
  }
  if (read && (second === "_search" || second === "_count") && third === void 0) {
    return { known: true, checks: [{ action: "indices:data/read/search", indices }] };
  }
  if (read && second === "_msearch") return msearchChecks(request.body, first);
  if (read && second === "_mget") return mgetChecks(request.body, _optionalChain([one, 'optionalAccess', _57 => _57[0]]));
  if ((method === "POST" || method === "PUT") && second === "_bulk") return bulkChecks(request.body, _optionalChain([one, 'optionalAccess', _58 => _58[0]]));
  if (method === "GET" && second === "_mapping") {
    return { known: true, checks: [{ action: third === "field" ? "indices:admin/mappings/fields/get" : "indices:admin/mappings/get", indices }] };
  }
  if (method === "GET" && second === "_settings") return { known: true, checks: [{ action: "indices:monitor/settings/get", indices }] };
  if ((method === "POST" || method === "GET") && second === "_refresh") return { known: true, checks: [{ action: "indices:admin/refresh", indices }] };
  if (one !== void 0 && third !== void 0 && parts.length === 3) {
    if (second === "_doc") {
      if (method === "GET" || method === "HEAD") return { known: true, checks: [{ action: "indices:data/read/get", indices: one }] };
      if (method === "PUT" || method === "POST") return { known: true, checks: singleWrite("indices:data/write/index", one, "indices:data/write/index") };
      if (method === "DELETE") return { known: true, checks: singleWrite("indices:data/write/delete", one, "indices:data/write/delete") };
    }
    if (second === "_create" && (method === "PUT" || method === "POST")) {
      return { known: true, checks: singleWrite("indices:data/write/index", one, "indices:data/write/index") };
    }
    if (second === "_update" && method === "POST") return { known: true, checks: singleWrite("indices:data/write/update", one, "indices:data/write/index") };
    if (second === "_source" && method === "GET") return { known: true, checks: [{ action: "indices:data/read/get", indices: one }] };
  }
  if (one !== void 0 && second === "_doc" && parts.length === 2 && method === "POST") {
    return { known: true, checks: singleWrite("indices:data/write/index", one, "indices:data/write/index") };
  }
  return unknown();
}
function privilegesOfAction(description) {
  const { action, index } = description;
  if (index === void 0) return [{ action }];
  const indices = typeof index === "string" ? indexList(index) : index.flatMap(indexList);
  return [{ action, indices }];
}

// src/explain/check-permission.ts
function hasPermissionDryRun(version) {
  const v = _chunk3Z7MCOS5cjs.parsePluginVersion.call(void 0, version);
  return v !== void 0 && (v.major > 3 || v.major === 3 && v.minor >= 2);
}
var isRecord5 = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
function describe(request) {
  return "path" in request ? `${request.method} ${request.path}` : request.action;
}
async function detectVersion(clients) {
  for (const c of clients) {
    if (c === void 0) continue;
    try {
      const res = await c.transport.request({ method: "GET", path: "/" });
      const b = res.body;
      const number = isRecord5(b) && isRecord5(b.version) && typeof b.version.number === "string" ? b.version.number : void 0;
      const distribution = isRecord5(b) && isRecord5(b.version) && typeof b.version.distribution === "string" ? b.version.distribution : void 0;
      if (number !== void 0) return distribution === void 0 || distribution.toLowerCase() === "opensearch" ? number : `0-${distribution}`;
    } catch (e7) {
    }
  }
  return void 0;
}
async function serverCheck(client, request, version) {
  const [path, query] = request.path.split("?", 2);
  const querystring = {};
  for (const [k, v] of new URLSearchParams(_nullishCoalesce(query, () => ( "")))) querystring[k] = v;
  querystring.perform_permission_check = "true";
  const b0 = request.body;
  const body = b0 === void 0 ? void 0 : typeof b0 === "string" ? b0 : Array.isArray(b0) ? `${b0.map((l) => JSON.stringify(l)).join("\n")}
` : JSON.stringify(b0);
  const res = await client.transport.request({ method: request.method, path, querystring, ...body !== void 0 ? { body } : {} });
  const b = res.body;
  if (!isRecord5(b) || typeof b.accessAllowed !== "boolean" || !Array.isArray(b.missingPrivileges)) {
    throw new TypeError(`checkPermission: the server did not answer the permission check of ${describe(request)} ({accessAllowed, missingPrivileges} expected)`);
  }
  const known = requiredPrivileges(request);
  return {
    source: "server",
    allowed: b.accessAllowed,
    missingPrivileges: b.missingPrivileges.filter((x) => typeof x === "string"),
    checks: [],
    itemLevel: known.known && known.checks.some((c) => c.itemLevel === true),
    ...version !== void 0 ? { pluginVersion: version } : {}
  };
}
async function readDefinitions(admin, options) {
  const get = async (path) => (await admin.transport.request({ method: "GET", path })).body;
  if (options.roles === void 0 && admin === void 0) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options.admin", "checkPermission: the local path needs options.admin (or options.roles)");
  const roles = await _asyncNullishCoalesce(options.roles, async () => ( await get("/_plugins/_security/api/roles")));
  const groups = await _asyncNullishCoalesce(options.actionGroups, async () => ( (admin !== void 0 ? await get("/_plugins/_security/api/actiongroups") : void 0)));
  let aliases = options.aliases;
  if (aliases === void 0 && admin !== void 0) {
    const aliasBody = await get("/_alias");
    let streams;
    try {
      streams = await get("/_data_stream");
    } catch (e8) {
      streams = void 0;
    }
    aliases = indexAliasesFrom(aliasBody, streams);
  }
  return { roles, groups, aliases };
}
async function subjectOf(client, options) {
  if (options.subject !== void 0) return options.subject;
  const info = (await client.transport.request({ method: "GET", path: "/_plugins/_security/authinfo" })).body;
  if (!isRecord5(info)) throw new TypeError("checkPermission: authinfo is not an object");
  const strings = (x) => Array.isArray(x) ? x.filter((v) => typeof v === "string") : [];
  return {
    ...typeof info.user_name === "string" ? { name: info.user_name } : {},
    backendRoles: strings(info.backend_roles),
    roles: strings(info.roles)
  };
}
var isClient = (c) => isRecord5(c) && isRecord5(c.transport) && typeof c.transport.request === "function";
function checkInput(client, request, options) {
  if (!isClient(client)) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("client", "client must be an opensearch-js Client (an object whose transport has request())");
  if (!isRecord5(request)) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("request", "request must be {method, path, body?} or {action, index?}");
  if ("path" in request) {
    if (typeof request.path !== "string" || !request.path.startsWith("/")) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("request.path", "request.path must be a string starting with /");
    if (typeof request.method !== "string" || !/^[A-Za-z]+$/.test(request.method)) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("request.method", "request.method must be an HTTP method name");
  } else if (typeof request.action !== "string" || request.action === "") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("request.action", "request.action must be a non-empty string (or give method and path)");
  }
  if (options === null || typeof options !== "object") throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options", "options must be an object");
  const o = options;
  if (o.mode !== void 0 && o.mode !== "auto" && o.mode !== "server" && o.mode !== "local") throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options.mode", "options.mode must be auto, server or local");
  if (o.admin !== void 0 && !isClient(o.admin)) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options.admin", "options.admin must be an opensearch-js Client");
  if (o.pluginVersion !== void 0 && typeof o.pluginVersion !== "string") throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options.pluginVersion", "options.pluginVersion must be a string such as 3.2.0");
}
function checkPrivilegesLocally(checks, roles, actionGroups, subject, options = {}) {
  return checks.map((c) => {
    const explanation = explainPermission(roles, actionGroups, {
      action: c.action,
      ...c.indices !== void 0 ? { index: c.indices } : {},
      user: subject,
      ...options.aliases !== void 0 ? { aliases: options.aliases } : {},
      ...options.pluginVersion !== void 0 ? { pluginVersion: options.pluginVersion } : {}
    });
    return { ...c, granted: explanation.granted, explanation };
  });
}
async function checkPermission(client, request, options = {}) {
  checkInput(client, request, options);
  const mode = _nullishCoalesce(options.mode, () => ( "auto"));
  const isRest = "path" in request && typeof request.path === "string";
  const version = await _asyncNullishCoalesce(options.pluginVersion, async () => ( (mode === "local" ? void 0 : await detectVersion([options.admin, client]))));
  if (mode !== "local" && isRest && hasPermissionDryRun(version)) return serverCheck(client, request, version);
  if (mode === "server") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options.mode", `checkPermission: the server's dry-run needs security plugin 3.2 or later (${isRest ? `detected ${_nullishCoalesce(version, () => ( "no version"))}` : "and a REST request"})`);
  }
  const needed = isRest ? requiredPrivileges(request) : { known: true, checks: privilegesOfAction(request) };
  const base = { source: "local", ...version !== void 0 ? { pluginVersion: version } : {} };
  if (!needed.known) return { ...base, allowed: null, missingPrivileges: [], checks: [], itemLevel: false, reason: needed.reason };
  const [{ roles, groups, aliases }, subject] = await Promise.all([readDefinitions(options.admin, options), subjectOf(client, options)]);
  const verdicts = checkPrivilegesLocally(needed.checks, roles, groups, subject, {
    ...aliases !== void 0 ? { aliases } : {},
    ...version !== void 0 && _chunk3Z7MCOS5cjs.parsePluginVersion.call(void 0, version) !== void 0 ? { pluginVersion: version } : {}
  });
  const missing = [...new Set(verdicts.filter((v) => !v.granted).map((v) => v.action))];
  return {
    ...base,
    allowed: missing.length === 0,
    missingPrivileges: missing,
    checks: verdicts,
    itemLevel: verdicts.some((v) => v.itemLevel === true)
  };
}

























exports.parseMaskedField = parseMaskedField; exports.maskValue = maskValue; exports.isMaskShaped = isMaskShaped; exports.matchesFieldPattern = matchesFieldPattern; exports.maskDocument = maskDocument; exports.isFieldVisible = isFieldVisible; exports.visibleFields = visibleFields; exports.filterDocument = filterDocument; exports.fieldTypesFromMapping = fieldTypesFromMapping; exports.evaluateDls = evaluateDls; exports.AccessViolationError = AccessViolationError; exports.indexAliasesFrom = indexAliasesFrom; exports.verifyHits = verifyHits; exports.assertAccess = assertAccess; exports.serverDlsVerdicts = serverDlsVerdicts; exports.verifyHitsWithServer = verifyHitsWithServer; exports.expectationsFromRoles = expectationsFromRoles; exports.compareAccess = compareAccess; exports.explainPermission = explainPermission; exports.mappedRoles = mappedRoles; exports.explainSecurityException = explainSecurityException; exports.requiredPrivileges = requiredPrivileges; exports.checkPermission = checkPermission;
//# sourceMappingURL=chunk-KXKZX7OK.cjs.map