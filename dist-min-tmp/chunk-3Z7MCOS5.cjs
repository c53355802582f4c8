"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; } var _class; var _class2; var _class3; var _class4; var _class5; var _class6; var _class7; var _class8; var _class9; var _class10; var _class11; var _class12; var _class13; var _class14;// src/fgac/action-groups.ts
var STATIC_ACTION_GROUPS = {
  kibana_all_write: { type: "kibana", allowed_actions: ["kibana:saved_objects/*/write"], description: "Allow writing in all OpenSearch Dashboards apps" },
  kibana_all_read: { type: "kibana", allowed_actions: ["kibana:saved_objects/*/read"], description: "Allow reading in all OpenSearch Dashboards apps" },
  cluster_all: { type: "cluster", allowed_actions: ["cluster:*"], description: "Allow everything on cluster level" },
  crud: { type: "index", allowed_actions: ["read", "write"], description: "Allow all read/write operations on data" },
  search: {
    type: "index",
    allowed_actions: ["indices:data/read/search*", "indices:data/read/msearch*", "indices:admin/resolve/index", "suggest"],
    description: "Allow searching"
  },
  data_access: { type: "index", allowed_actions: ["indices:data/*", "crud"], description: "Allow all read/write operations on data" },
  create_index: { type: "index", allowed_actions: ["indices:admin/create", "indices:admin/mapping/put"], description: "Allow creating new indices" },
  write: { type: "index", allowed_actions: ["indices:data/write*", "indices:admin/mapping/put"], description: "Allow writing data" },
  manage_aliases: { type: "index", allowed_actions: ["indices:admin/aliases*"], description: "Allow managing index aliases" },
  read: {
    type: "index",
    allowed_actions: ["indices:data/read*", "indices:admin/mappings/fields/get*", "indices:admin/resolve/index"],
    description: "Allow all read operations"
  },
  indices_all: { type: "index", allowed_actions: ["indices:*"], description: "Allow readonly everything with indices and data" },
  delete: { type: "index", allowed_actions: ["indices:data/write/delete*"], description: "Allow deleting documents" },
  cluster_composite_ops: {
    type: "cluster",
    allowed_actions: ["indices:data/write/bulk", "indices:admin/aliases*", "indices:data/write/reindex", "cluster_composite_ops_ro"],
    description: "Allow read/write bulk and m* operations"
  },
  cluster_composite_ops_ro: {
    type: "cluster",
    allowed_actions: [
      "indices:data/read/mget",
      "indices:data/read/msearch",
      "indices:data/read/mtv",
      "indices:admin/aliases/exists*",
      "indices:admin/aliases/get*",
      "indices:data/read/scroll",
      "indices:admin/resolve/index"
    ],
    description: "Allow readonly bulk and m* operations"
  },
  get: { type: "index", allowed_actions: ["indices:data/read/get*", "indices:data/read/mget*"], description: "Allow get" },
  manage: { type: "index", allowed_actions: ["indices:monitor/*", "indices:admin/*"], description: "Allow indices management" },
  cluster_monitor: { type: "cluster", allowed_actions: ["cluster:monitor/*"], description: "Allow monitoring the cluster" },
  manage_snapshots: { type: "cluster", allowed_actions: ["cluster:admin/snapshot/*", "cluster:admin/repository/*"], description: "Allow snapshots" },
  index: {
    type: "index",
    allowed_actions: ["indices:data/write/index*", "indices:data/write/update*", "indices:admin/mapping/put", "indices:data/write/bulk*"],
    description: "Allow indexing"
  },
  unlimited: { type: "all", allowed_actions: ["*"], description: "Allow all" },
  indices_monitor: { type: "index", allowed_actions: ["indices:monitor/*"], description: "Allow monitoring indices" },
  suggest: { type: "index", allowed_actions: ["indices:data/read/suggest*"], description: "Allow suggestions" },
  cluster_manage_index_templates: {
    type: "cluster",
    allowed_actions: ["indices:admin/template/*", "indices:admin/index_template/*", "cluster:admin/component_template/*"],
    description: "Manage index templates"
  },
  cluster_manage_pipelines: { type: "cluster", allowed_actions: ["cluster:admin/ingest/pipeline/*"], description: "Manage pipelines" },
  manage_data_streams: {
    type: "index",
    allowed_actions: ["indices:admin/data_stream/*", "indices:monitor/data_stream/stats"],
    description: "Manage data streams"
  },
  manage_point_in_time: {
    type: "index",
    allowed_actions: [
      "indices:data/read/point_in_time/create",
      "indices:data/read/point_in_time/delete",
      "indices:data/read/point_in_time/readall",
      "indices:data/read/search",
      "indices:monitor/point_in_time/segments"
    ],
    description: "Manage point in time actions"
  }
};
function isStaticActionGroup(name2) {
  return Object.prototype.hasOwnProperty.call(STATIC_ACTION_GROUPS, name2);
}

// src/fgac/json.ts
var JsonNumber = class {
  /** @param raw the number as written */
  constructor(raw) {
    this.raw = raw;
  }
  
  /** Numeric value. */
  get value() {
    return Number(this.raw);
  }
  /** True when written without fraction or exponent. */
  get isIntegerLiteral() {
    return /^-?\d+$/.test(this.raw);
  }
};
var StrictJsonError = (_class = class extends Error {constructor(...args) { super(...args); _class.prototype.__init.call(this); }
  __init() {this.name = "StrictJsonError"}
}, _class);
var NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
function parseStrictJson(text, options = {}) {
  const { value, end } = readStrictJsonPrefix(text, options);
  if (text.slice(end).trim() !== "") throw new StrictJsonError(`trailing content at offset ${end}`);
  return value;
}
function readStrictJsonPrefix(text, options = {}) {
  let i = 0;
  const fail = (msg) => {
    throw new StrictJsonError(`${msg} at offset ${i}`);
  };
  const ws = () => {
    for (; ; ) {
      const c = text[i];
      if (c === " " || c === "	" || c === "\n" || c === "\r") {
        i++;
        continue;
      }
      if (c !== "/") return;
      const next = text[i + 1];
      if (next === "*") {
        const end = text.indexOf("*/", i + 2);
        if (end < 0) fail("unterminated comment");
        i = end + 2;
      } else if (next === "/") {
        while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
      } else {
        fail("unexpected character '/'");
      }
    }
  };
  const str = () => {
    const start = i;
    i++;
    for (; ; ) {
      const c = text[i];
      if (c === void 0) fail("unterminated string");
      if (c === '"') break;
      if (c === "\\") i += 2;
      else if (c.charCodeAt(0) < 32) fail("control character in string");
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i));
    } catch (e2) {
      return fail("bad string escape");
    }
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj = /* @__PURE__ */ Object.create(null);
      const seen = /* @__PURE__ */ new Set();
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (; ; ) {
        ws();
        if (text[i] !== '"') fail("expected a key");
        const k = str();
        if (seen.has(k)) fail(`duplicate key ${JSON.stringify(k)}`);
        seen.add(k);
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        obj[k] = value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const arr = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (; ; ) {
        arr.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m2 = NUMBER.exec(text);
    if (m2) {
      i += m2[0].length;
      return new JsonNumber(m2[0]);
    }
    const raw = _optionalChain([options, 'access', _2 => _2.rawValue, 'optionalCall', _3 => _3(text, i)]);
    if (raw !== void 0) {
      i = raw.end;
      return raw.value;
    }
    return fail(c === void 0 ? "unexpected end of input" : "unexpected character");
  };
  const v = value();
  return { value: v, end: i };
}

// src/fgac/dls.ts
var DlsVariable = class {
  /** The name between `${` and `}`, e.g. `user.roles`. */
  
  constructor(name2) {
    if (name2.length === 0 || /[{}]/.test(name2)) throw new RangeError(`invalid DLS variable name ${JSON.stringify(name2)}`);
    this.name = name2;
  }
  /** The text the plugin substitutes, `${name}`. */
  toString() {
    return `\${${this.name}}`;
  }
};
var DlsParseError = (_class2 = class extends Error {constructor(...args2) { super(...args2); _class2.prototype.__init2.call(this); }
  __init2() {this.name = "DlsParseError"}
}, _class2);
function dlsVariable(name2) {
  return new DlsVariable(name2);
}
function serializeValue(value, sortKeys) {
  if (value instanceof DlsVariable) return value.toString();
  if (value === null || typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`DLS queries cannot hold ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => serializeValue(v, sortKeys)).join(",")}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== void 0);
  if (sortKeys) keys.sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${serializeValue(value[k], sortKeys)}`).join(",")}}`;
}
function serializeDls(query) {
  return serializeValue(query, false);
}
function rawVariable(text, at) {
  if (text[at] !== "$" || text[at + 1] !== "{") return void 0;
  const end = text.indexOf("}", at + 2);
  if (end === -1) throw new DlsParseError(`unterminated variable at offset ${at} of the DLS query`);
  const name2 = text.slice(at + 2, end);
  if (name2.length === 0 || name2.includes("{")) throw new DlsParseError(`invalid variable name ${JSON.stringify(name2)} at offset ${at} of the DLS query`);
  return { value: new DlsVariable(name2), end: end + 1 };
}
function read(text, rawValue) {
  let parsed;
  try {
    parsed = readStrictJsonPrefix(text, rawValue ? { rawValue } : {});
  } catch (err) {
    if (err instanceof StrictJsonError) throw new DlsParseError(`DLS query is not valid JSON: ${err.message}`);
    throw err;
  }
  const { value, end } = parsed;
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof JsonNumber || value instanceof DlsVariable) {
    throw new DlsParseError("DLS query must be a JSON object");
  }
  const rest = text.slice(end).trim();
  return { query: value, ignored: rest === "" ? void 0 : rest };
}
var IGNORED_LIMIT = 40;
function ignoredTextMessage(ignored) {
  const shown = ignored.length > IGNORED_LIMIT ? `${ignored.slice(0, IGNORED_LIMIT)}...` : ignored;
  return `the plugin reads the first query object only and ignores the text after it (${JSON.stringify(shown)})`;
}
function checkDlsText(text, options = {}) {
  try {
    const { ignored } = options.rawVariables ? read(text, rawVariable) : read(text);
    return ignored === void 0 ? { status: "ok" } : { status: "ignored-text", message: ignoredTextMessage(ignored) };
  } catch (err) {
    if (err instanceof DlsParseError) return { status: "rejected", message: err.message };
    throw err;
  }
}
function readDlsQuery(text) {
  return read(text);
}
function toDlsValue(value) {
  if (value instanceof JsonNumber) return value.value;
  if (value === null || typeof value !== "object" || value instanceof DlsVariable) return value;
  if (Array.isArray(value)) return value.map(toDlsValue);
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: toDlsValue(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
function parseDls(text) {
  const { query, ignored } = read(text, rawVariable);
  if (ignored !== void 0) throw new DlsParseError(ignoredTextMessage(ignored));
  return toDlsValue(query);
}
function canonicalDls(dls) {
  if (typeof dls !== "string") return serializeValue(dls, true);
  try {
    return serializeValue(parseDls(dls), true);
  } catch (e3) {
    return dls;
  }
}
function dlsEquals(a, b) {
  return canonicalDls(a) === canonicalDls(b);
}

// src/fgac/errors.ts
var MaskingExpressionError = (_class3 = class extends Error {
  __init3() {this.name = "MaskingExpressionError"}
  /** The offending expression (masked_fields entry, regex or replacement). */
  
  constructor(message, expression) {
    super(message);_class3.prototype.__init3.call(this);;
    this.expression = expression;
  }
}, _class3);
var JavaPatternSyntaxError = (_class4 = class extends MaskingExpressionError {
  __init4() {this.name = "JavaPatternSyntaxError"}
  /** The JDK's description, e.g. `Dangling meta character '*'`. */
  
  /** Index into the pattern (as the JDK reports it; -1 when the JDK reports none). */
  
  constructor(description, pattern, index) {
    const caret = index >= 0 && index < pattern.length ? `
${" ".repeat(index)}^` : "";
    super(`${description}${index >= 0 ? ` near index ${index}` : ""}
${pattern}${caret}`, pattern);_class4.prototype.__init4.call(this);;
    this.description = description;
    this.index = index;
  }
}, _class4);
var UnsupportedMaskingError = (_class5 = class extends Error {
  __init5() {this.name = "UnsupportedMaskingError"}
  /** The expression, pattern or algorithm concerned. */
  
  /** Short name of the unsupported feature, e.g. `possessive quantifier`. */
  
  constructor(feature, expression, detail) {
    super(`cannot reproduce ${feature} in ${JSON.stringify(expression)}${detail ? `: ${detail}` : ""}`);_class5.prototype.__init5.call(this);;
    this.feature = feature;
    this.expression = expression;
  }
}, _class5);
var UnsupportedJavaRegexError = (_class6 = class extends UnsupportedMaskingError {constructor(...args3) { super(...args3); _class6.prototype.__init6.call(this); }
  __init6() {this.name = "UnsupportedJavaRegexError"}
}, _class6);

// src/fgac/java-regex/charset.ts
var MAX_CP = 1114111;
var LOW_SUR = [56320, 57343];
var cp = (s) => s.codePointAt(0);
function normalizeRanges(rs) {
  const sorted = rs.map((r) => [r[0], r[1]]).sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}
function complement(rs) {
  const n = normalizeRanges(rs);
  const out = [];
  let next = 0;
  for (const [lo, hi] of n) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}
function setOf(...rs) {
  return { ranges: rs.map((r) => typeof r === "number" ? [r, r] : r), props: [], negated: false };
}
var SETS = {
  digit: { ...setOf([48, 57]), bmp: true },
  word: { ...setOf([48, 57], [65, 90], 95, [97, 122]), bmp: true },
  space: { ...setOf(32, [9, 13]), bmp: true },
  hspace: { ...setOf(32, 9, 160, 5760, 6158, [8192, 8202], 8239, 8287, 12288), bmp: true },
  vspace: { ...setOf([10, 13], 133, 8232, 8233), bmp: true }
};
var POSIX = {
  Lower: { ...setOf([97, 122]), caseProperty: true, bmp: true },
  Upper: { ...setOf([65, 90]), caseProperty: true, bmp: true },
  ASCII: { ...setOf([0, 127]), bmp: true },
  Alpha: { ...setOf([65, 90], [97, 122]), bmp: true },
  Digit: { ...setOf([48, 57]), bmp: true },
  Alnum: { ...setOf([48, 57], [65, 90], [97, 122]), bmp: true },
  Punct: { ...setOf([33, 47], [58, 64], [91, 96], [123, 126]), bmp: true },
  Graph: { ...setOf([33, 126]), bmp: true },
  Print: { ...setOf([32, 126]), bmp: true },
  Blank: { ...setOf(32, 9), bmp: true },
  Cntrl: { ...setOf([0, 31], 127), bmp: true },
  XDigit: { ...setOf([48, 57], [65, 70], [97, 102]), bmp: true },
  Space: { ...setOf(32, [9, 13]), bmp: true }
};
var GENERAL_CATEGORIES = /* @__PURE__ */ new Set([
  "L",
  "Lu",
  "Ll",
  "Lt",
  "LC",
  "Lm",
  "Lo",
  "M",
  "Mn",
  "Mc",
  "Me",
  "N",
  "Nd",
  "Nl",
  "No",
  "P",
  "Pc",
  "Pd",
  "Ps",
  "Pe",
  "Pi",
  "Pf",
  "Po",
  "S",
  "Sm",
  "Sc",
  "Sk",
  "So",
  "Z",
  "Zs",
  "Zl",
  "Zp",
  "C",
  "Cc",
  "Cf",
  "Co",
  "Cs",
  "Cn"
]);
var CASE_CATEGORIES = /* @__PURE__ */ new Set(["Lu", "Ll", "Lt", "LC"]);
var propSet = (js, caseProperty = false) => ({ ranges: [], props: [js], negated: false, caseProperty });
var UNICODE_SETS = {
  digit: propSet("\\p{Nd}"),
  word: { ranges: [], props: ["\\p{Alphabetic}", "\\p{Mn}", "\\p{Me}", "\\p{Mc}", "\\p{Nd}", "\\p{Pc}", "\\p{Join_Control}"], negated: false },
  space: { ranges: [[9, 13], [133, 133]], props: ["\\p{Zs}", "\\p{Zl}", "\\p{Zp}"], negated: false }
};
var NAMED_PROPS = {
  javaLowerCase: propSet("\\p{Lowercase}", true),
  javaUpperCase: propSet("\\p{Uppercase}", true),
  javaLetter: propSet("\\p{L}"),
  javaDigit: propSet("\\p{Nd}"),
  javaLetterOrDigit: { ranges: [], props: ["\\p{L}", "\\p{Nd}"], negated: false },
  javaAlphabetic: propSet("\\p{Alphabetic}"),
  javaIdeographic: propSet("\\p{Ideographic}"),
  javaWhitespace: setOf([9, 13], [28, 32], 5760, [8192, 8198], [8200, 8202], 8232, 8233, 8287, 12288)
};
var OTHER_JAVA_PROPS = /* @__PURE__ */ new Set([
  "javaMirrored",
  "javaIdentifierIgnorable",
  "javaISOControl",
  "javaJavaIdentifierPart",
  "javaJavaIdentifierStart",
  "javaSpaceChar",
  "javaTitleCase",
  "javaUnicodeIdentifierPart",
  "javaUnicodeIdentifierStart",
  "javaDefined"
]);
var BINARY_PROPS = {
  ALPHABETIC: "\\p{Alphabetic}",
  IDEOGRAPHIC: "\\p{Ideographic}",
  LETTER: "\\p{L}",
  LOWERCASE: "\\p{Lowercase}",
  UPPERCASE: "\\p{Uppercase}",
  TITLECASE: "\\p{Lt}",
  PUNCTUATION: "\\p{P}",
  CONTROL: "\\p{Cc}",
  WHITESPACE: "\\p{White_Space}",
  WHITE_SPACE: "\\p{White_Space}",
  DIGIT: "\\p{Nd}",
  JOINCONTROL: "\\p{Join_Control}",
  JOIN_CONTROL: "\\p{Join_Control}",
  NONCHARACTERCODEPOINT: "\\p{Noncharacter_Code_Point}",
  NONCHARACTER_CODE_POINT: "\\p{Noncharacter_Code_Point}",
  ASSIGNED: "\\P{Cn}"
};
var BINARY_UNSUPPORTED = /* @__PURE__ */ new Set(["HEXDIGIT", "HEX_DIGIT", "WORD"]);
var BINARY_JDK21 = /* @__PURE__ */ new Set(["EMOJI", "EMOJI_PRESENTATION", "EMOJI_MODIFIER", "EMOJI_MODIFIER_BASE", "EMOJI_COMPONENT", "EXTENDED_PICTOGRAPHIC"]);
var EXTRA_PROPS = {
  L1: { ...setOf([0, 255]), bmp: true },
  LD: { ranges: [], props: ["\\p{L}", "\\p{Nd}"], negated: false },
  all: setOf([0, MAX_CP])
};
function setMayMatchLowSurrogate(s) {
  const inRanges = s.ranges.some(([lo, hi]) => lo <= LOW_SUR[1] && hi >= LOW_SUR[0]);
  if (s.negated) {
    const covered = normalizeRanges(s.ranges).some(([lo, hi]) => lo <= LOW_SUR[0] && hi >= LOW_SUR[1]);
    return !covered;
  }
  if (inRanges) return true;
  return s.props.some((p) => /^\\P/.test(p) ? !/\{(Cs|C)\}$/.test(p) : /\{(Cs|C|gc=Cs|gc=C)\}$/.test(p));
}
function asciiFold(rs) {
  const extra = [];
  for (const [lo, hi] of rs) {
    for (const [a, b, delta] of [[65, 90, 32], [97, 122, -32]]) {
      const l = Math.max(lo, a);
      const h2 = Math.min(hi, b);
      if (l <= h2) extra.push([l + delta, h2 + delta]);
    }
  }
  return normalizeRanges([...rs, ...extra]);
}
function intersectRanges(a, b) {
  const x = normalizeRanges(a);
  const y = normalizeRanges(b);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [alo, ahi] = x[i];
    const [blo, bhi] = y[j];
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}
var propRanges = /* @__PURE__ */ new Map();
function propertyRanges(prop) {
  const hit = propRanges.get(prop);
  if (hit) return hit;
  const re = new RegExp(`^[${prop}]$`, "u");
  const out = [];
  let start = -1;
  for (let c = 0; c <= MAX_CP + 1; c++) {
    const inSet = c <= MAX_CP && re.test(String.fromCodePoint(c));
    if (inSet && start < 0) start = c;
    else if (!inSet && start >= 0) {
      out.push([start, c - 1]);
      start = -1;
    }
  }
  propRanges.set(prop, out);
  return out;
}
function setRanges(s) {
  const all = normalizeRanges([...s.ranges, ...s.props.flatMap(propertyRanges)]);
  return s.negated ? complement(all) : all;
}
var hex = (n) => n.toString(16).toUpperCase();
var esc = (c) => {
  if (c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122) return String.fromCharCode(c);
  return `\\u{${hex(c)}}`;
};
function rangesToClassBody(rs) {
  return normalizeRanges(rs).map(([lo, hi]) => lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`).join("");
}
var KNOWN_SCRIPTS = /* @__PURE__ */ new Set();
function isJsScript(name2) {
  if (KNOWN_SCRIPTS.has(name2)) return true;
  try {
    new RegExp(`\\p{Script=${name2}}`, "u");
    KNOWN_SCRIPTS.add(name2);
    return true;
  } catch (e4) {
    return false;
  }
}

// src/fgac/java-regex/case-groups.ts
var CASE_GROUPS = [
  "41 61,42 62,43 63,44 64,45 65,46 66,47 67,48 68,49 69 130 131,4a 6a,4b 6b 212a,4c 6c,4d 6d,4e 6e,4f 6f,50 70,51 71,52 72,53 73 17f,54 74,55 75,56 76,57 77,58 78",
  "59 79,5a 7a,!df 1e9e,c0 e0,c1 e1,c2 e2,c3 e3,c4 e4,c5 e5 212b,c6 e6,c7 e7,c8 e8,c9 e9,ca ea,cb eb,cc ec,cd ed,ce ee,cf ef,d0 f0,d1 f1,d2 f2,d3 f3,d4 f4",
  "d5 f5,d6 f6,d8 f8,d9 f9,da fa,db fb,dc fc,dd fd,de fe,ff 178,100 101,102 103,104 105,106 107,108 109,10a 10b,10c 10d,10e 10f,110 111,112 113,114 115,116 117,118 119,11a 11b",
  "11c 11d,11e 11f,120 121,122 123,124 125,126 127,128 129,12a 12b,12c 12d,12e 12f,132 133,134 135,136 137,139 13a,13b 13c,13d 13e,13f 140,141 142,143 144,145 146,147 148,14a 14b,14c 14d,14e 14f",
  "150 151,152 153,154 155,156 157,158 159,15a 15b,15c 15d,15e 15f,160 161,162 163,164 165,166 167,168 169,16a 16b,16c 16d,16e 16f,170 171,172 173,174 175,176 177,179 17a,17b 17c,17d 17e,180 243",
  "182 183,184 185,187 188,18b 18c,191 192,195 1f6,198 199,19a 23d,19e 220,1a0 1a1,1a2 1a3,1a4 1a5,1a7 1a8,1ac 1ad,1af 1b0,1b3 1b4,1b5 1b6,1b8 1b9,1bc 1bd,1bf 1f7,1c4 1c5 1c6,1c7 1c8 1c9,1ca 1cb 1cc,1cd 1ce",
  "1cf 1d0,1d1 1d2,1d3 1d4,1d5 1d6,1d7 1d8,1d9 1da,1db 1dc,18e 1dd,1de 1df,1e0 1e1,1e2 1e3,1e4 1e5,1e6 1e7,1e8 1e9,1ea 1eb,1ec 1ed,1ee 1ef,1f1 1f2 1f3,1f4 1f5,1f8 1f9,1fa 1fb,1fc 1fd,1fe 1ff,200 201",
  "202 203,204 205,206 207,208 209,20a 20b,20c 20d,20e 20f,210 211,212 213,214 215,216 217,218 219,21a 21b,21c 21d,21e 21f,222 223,224 225,226 227,228 229,22a 22b,22c 22d,22e 22f,230 231,232 233",
  "23b 23c,23f 2c7e,240 2c7f,241 242,246 247,248 249,24a 24b,24c 24d,24e 24f,250 2c6f,251 2c6d,252 2c70,181 253,186 254,189 256,18a 257,18f 259,190 25b,25c a7ab,193 260,261 a7ac,194 263,265 a78d,266 a7aa",
  "197 268,196 269,26a a7ae,26b 2c62,26c a7ad,19c 26f,271 2c6e,19d 272,19f 275,27d 2c64,1a6 280,282 a7c5,1a9 283,287 a7b1,1ae 288,244 289,1b1 28a,1b2 28b,245 28c,1b7 292,29d a7b2,29e a7b0,370 371,372 373",
  "376 377,37b 3fd,37c 3fe,37d 3ff,386 3ac,388 3ad,389 3ae,38a 3af,391 3b1,392 3b2 3d0,393 3b3,394 3b4,395 3b5 3f5,396 3b6,397 3b7,398 3b8 3d1 3f4,345 399 3b9 1fbe,39a 3ba 3f0,39b 3bb,b5 39c 3bc,39d 3bd,39e 3be,39f 3bf,3a0 3c0 3d6",
  "3a1 3c1 3f1,3a3 3c2 3c3,3a4 3c4,3a5 3c5,3a6 3c6 3d5,3a7 3c7,3a8 3c8,3a9 3c9 2126,3aa 3ca,3ab 3cb,38c 3cc,38e 3cd,38f 3ce,3cf 3d7,3d8 3d9,3da 3db,3dc 3dd,3de 3df,3e0 3e1,3e2 3e3,3e4 3e5,3e6 3e7,3e8 3e9,3ea 3eb",
  "3ec 3ed,3ee 3ef,3f2 3f9,37f 3f3,3f7 3f8,3fa 3fb,410 430,411 431,412 432 1c80,413 433,414 434 1c81,415 435,416 436,417 437,418 438,419 439,41a 43a,41b 43b,41c 43c,41d 43d,41e 43e 1c82,41f 43f,420 440,421 441 1c83",
  "422 442 1c84 1c85,423 443,424 444,425 445,426 446,427 447,428 448,429 449,42a 44a 1c86,42b 44b,42c 44c,42d 44d,42e 44e,42f 44f,400 450,401 451,402 452,403 453,404 454,405 455,406 456,407 457,408 458,409 459",
  "40a 45a,40b 45b,40c 45c,40d 45d,40e 45e,40f 45f,460 461,462 463 1c87,464 465,466 467,468 469,46a 46b,46c 46d,46e 46f,470 471,472 473,474 475,476 477,478 479,47a 47b,47c 47d,47e 47f,480 481,48a 48b",
  "48c 48d,48e 48f,490 491,492 493,494 495,496 497,498 499,49a 49b,49c 49d,49e 49f,4a0 4a1,4a2 4a3,4a4 4a5,4a6 4a7,4a8 4a9,4aa 4ab,4ac 4ad,4ae 4af,4b0 4b1,4b2 4b3,4b4 4b5,4b6 4b7,4b8 4b9,4ba 4bb",
  "4bc 4bd,4be 4bf,4c1 4c2,4c3 4c4,4c5 4c6,4c7 4c8,4c9 4ca,4cb 4cc,4cd 4ce,4c0 4cf,4d0 4d1,4d2 4d3,4d4 4d5,4d6 4d7,4d8 4d9,4da 4db,4dc 4dd,4de 4df,4e0 4e1,4e2 4e3,4e4 4e5,4e6 4e7,4e8 4e9,4ea 4eb",
  "4ec 4ed,4ee 4ef,4f0 4f1,4f2 4f3,4f4 4f5,4f6 4f7,4f8 4f9,4fa 4fb,4fc 4fd,4fe 4ff,500 501,502 503,504 505,506 507,508 509,50a 50b,50c 50d,50e 50f,510 511,512 513,514 515,516 517,518 519,51a 51b",
  "51c 51d,51e 51f,520 521,522 523,524 525,526 527,528 529,52a 52b,52c 52d,52e 52f,531 561,532 562,533 563,534 564,535 565,536 566,537 567,538 568,539 569,53a 56a,53b 56b,53c 56c,53d 56d,53e 56e",
  "53f 56f,540 570,541 571,542 572,543 573,544 574,545 575,546 576,547 577,548 578,549 579,54a 57a,54b 57b,54c 57c,54d 57d,54e 57e,54f 57f,550 580,551 581,552 582,553 583,554 584,555 585,556 586",
  "10d0 1c90,10d1 1c91,10d2 1c92,10d3 1c93,10d4 1c94,10d5 1c95,10d6 1c96,10d7 1c97,10d8 1c98,10d9 1c99,10da 1c9a,10db 1c9b,10dc 1c9c,10dd 1c9d,10de 1c9e,10df 1c9f,10e0 1ca0,10e1 1ca1,10e2 1ca2,10e3 1ca3,10e4 1ca4,10e5 1ca5,10e6 1ca6,10e7 1ca7",
  "10e8 1ca8,10e9 1ca9,10ea 1caa,10eb 1cab,10ec 1cac,10ed 1cad,10ee 1cae,10ef 1caf,10f0 1cb0,10f1 1cb1,10f2 1cb2,10f3 1cb3,10f4 1cb4,10f5 1cb5,10f6 1cb6,10f7 1cb7,10f8 1cb8,10f9 1cb9,10fa 1cba,10fd 1cbd,10fe 1cbe,10ff 1cbf,13f0 13f8,13f1 13f9",
  "13f2 13fa,13f3 13fb,13f4 13fc,13f5 13fd,1d79 a77d,1d7d 2c63,1d8e a7c6,1e00 1e01,1e02 1e03,1e04 1e05,1e06 1e07,1e08 1e09,1e0a 1e0b,1e0c 1e0d,1e0e 1e0f,1e10 1e11,1e12 1e13,1e14 1e15,1e16 1e17,1e18 1e19,1e1a 1e1b,1e1c 1e1d,1e1e 1e1f,1e20 1e21",
  "1e22 1e23,1e24 1e25,1e26 1e27,1e28 1e29,1e2a 1e2b,1e2c 1e2d,1e2e 1e2f,1e30 1e31,1e32 1e33,1e34 1e35,1e36 1e37,1e38 1e39,1e3a 1e3b,1e3c 1e3d,1e3e 1e3f,1e40 1e41,1e42 1e43,1e44 1e45,1e46 1e47,1e48 1e49,1e4a 1e4b,1e4c 1e4d,1e4e 1e4f,1e50 1e51",
  "1e52 1e53,1e54 1e55,1e56 1e57,1e58 1e59,1e5a 1e5b,1e5c 1e5d,1e5e 1e5f,1e60 1e61 1e9b,1e62 1e63,1e64 1e65,1e66 1e67,1e68 1e69,1e6a 1e6b,1e6c 1e6d,1e6e 1e6f,1e70 1e71,1e72 1e73,1e74 1e75,1e76 1e77,1e78 1e79,1e7a 1e7b,1e7c 1e7d,1e7e 1e7f,1e80 1e81",
  "1e82 1e83,1e84 1e85,1e86 1e87,1e88 1e89,1e8a 1e8b,1e8c 1e8d,1e8e 1e8f,1e90 1e91,1e92 1e93,1e94 1e95,1ea0 1ea1,1ea2 1ea3,1ea4 1ea5,1ea6 1ea7,1ea8 1ea9,1eaa 1eab,1eac 1ead,1eae 1eaf,1eb0 1eb1,1eb2 1eb3,1eb4 1eb5,1eb6 1eb7,1eb8 1eb9,1eba 1ebb",
  "1ebc 1ebd,1ebe 1ebf,1ec0 1ec1,1ec2 1ec3,1ec4 1ec5,1ec6 1ec7,1ec8 1ec9,1eca 1ecb,1ecc 1ecd,1ece 1ecf,1ed0 1ed1,1ed2 1ed3,1ed4 1ed5,1ed6 1ed7,1ed8 1ed9,1eda 1edb,1edc 1edd,1ede 1edf,1ee0 1ee1,1ee2 1ee3,1ee4 1ee5,1ee6 1ee7,1ee8 1ee9,1eea 1eeb",
  "1eec 1eed,1eee 1eef,1ef0 1ef1,1ef2 1ef3,1ef4 1ef5,1ef6 1ef7,1ef8 1ef9,1efa 1efb,1efc 1efd,1efe 1eff,1f00 1f08,1f01 1f09,1f02 1f0a,1f03 1f0b,1f04 1f0c,1f05 1f0d,1f06 1f0e,1f07 1f0f,1f10 1f18,1f11 1f19,1f12 1f1a,1f13 1f1b,1f14 1f1c,1f15 1f1d",
  "1f20 1f28,1f21 1f29,1f22 1f2a,1f23 1f2b,1f24 1f2c,1f25 1f2d,1f26 1f2e,1f27 1f2f,1f30 1f38,1f31 1f39,1f32 1f3a,1f33 1f3b,1f34 1f3c,1f35 1f3d,1f36 1f3e,1f37 1f3f,1f40 1f48,1f41 1f49,1f42 1f4a,1f43 1f4b,1f44 1f4c,1f45 1f4d,1f51 1f59,1f53 1f5b",
  "1f55 1f5d,1f57 1f5f,1f60 1f68,1f61 1f69,1f62 1f6a,1f63 1f6b,1f64 1f6c,1f65 1f6d,1f66 1f6e,1f67 1f6f,1f70 1fba,1f71 1fbb,1f72 1fc8,1f73 1fc9,1f74 1fca,1f75 1fcb,1f76 1fda,1f77 1fdb,1f78 1ff8,1f79 1ff9,1f7a 1fea,1f7b 1feb,1f7c 1ffa,1f7d 1ffb",
  "1f80 1f88,1f81 1f89,1f82 1f8a,1f83 1f8b,1f84 1f8c,1f85 1f8d,1f86 1f8e,1f87 1f8f,1f90 1f98,1f91 1f99,1f92 1f9a,1f93 1f9b,1f94 1f9c,1f95 1f9d,1f96 1f9e,1f97 1f9f,1fa0 1fa8,1fa1 1fa9,1fa2 1faa,1fa3 1fab,1fa4 1fac,1fa5 1fad,1fa6 1fae,1fa7 1faf",
  "1fb0 1fb8,1fb1 1fb9,1fb3 1fbc,1fc3 1fcc,1fd0 1fd8,1fd1 1fd9,1fe0 1fe8,1fe1 1fe9,1fe5 1fec,1ff3 1ffc,2132 214e,2160 2170,2161 2171,2162 2172,2163 2173,2164 2174,2165 2175,2166 2176,2167 2177,2168 2178,2169 2179,216a 217a,216b 217b,216c 217c",
  "216d 217d,216e 217e,216f 217f,2183 2184,24b6 24d0,24b7 24d1,24b8 24d2,24b9 24d3,24ba 24d4,24bb 24d5,24bc 24d6,24bd 24d7,24be 24d8,24bf 24d9,24c0 24da,24c1 24db,24c2 24dc,24c3 24dd,24c4 24de,24c5 24df,24c6 24e0,24c7 24e1,24c8 24e2,24c9 24e3",
  "24ca 24e4,24cb 24e5,24cc 24e6,24cd 24e7,24ce 24e8,24cf 24e9,2c00 2c30,2c01 2c31,2c02 2c32,2c03 2c33,2c04 2c34,2c05 2c35,2c06 2c36,2c07 2c37,2c08 2c38,2c09 2c39,2c0a 2c3a,2c0b 2c3b,2c0c 2c3c,2c0d 2c3d,2c0e 2c3e,2c0f 2c3f,2c10 2c40,2c11 2c41",
  "2c12 2c42,2c13 2c43,2c14 2c44,2c15 2c45,2c16 2c46,2c17 2c47,2c18 2c48,2c19 2c49,2c1a 2c4a,2c1b 2c4b,2c1c 2c4c,2c1d 2c4d,2c1e 2c4e,2c1f 2c4f,2c20 2c50,2c21 2c51,2c22 2c52,2c23 2c53,2c24 2c54,2c25 2c55,2c26 2c56,2c27 2c57,2c28 2c58,2c29 2c59",
  "2c2a 2c5a,2c2b 2c5b,2c2c 2c5c,2c2d 2c5d,2c2e 2c5e,2c60 2c61,23a 2c65,23e 2c66,2c67 2c68,2c69 2c6a,2c6b 2c6c,2c72 2c73,2c75 2c76,2c80 2c81,2c82 2c83,2c84 2c85,2c86 2c87,2c88 2c89,2c8a 2c8b,2c8c 2c8d,2c8e 2c8f,2c90 2c91,2c92 2c93,2c94 2c95",
  "2c96 2c97,2c98 2c99,2c9a 2c9b,2c9c 2c9d,2c9e 2c9f,2ca0 2ca1,2ca2 2ca3,2ca4 2ca5,2ca6 2ca7,2ca8 2ca9,2caa 2cab,2cac 2cad,2cae 2caf,2cb0 2cb1,2cb2 2cb3,2cb4 2cb5,2cb6 2cb7,2cb8 2cb9,2cba 2cbb,2cbc 2cbd,2cbe 2cbf,2cc0 2cc1,2cc2 2cc3,2cc4 2cc5",
  "2cc6 2cc7,2cc8 2cc9,2cca 2ccb,2ccc 2ccd,2cce 2ccf,2cd0 2cd1,2cd2 2cd3,2cd4 2cd5,2cd6 2cd7,2cd8 2cd9,2cda 2cdb,2cdc 2cdd,2cde 2cdf,2ce0 2ce1,2ce2 2ce3,2ceb 2cec,2ced 2cee,2cf2 2cf3,10a0 2d00,10a1 2d01,10a2 2d02,10a3 2d03,10a4 2d04,10a5 2d05",
  "10a6 2d06,10a7 2d07,10a8 2d08,10a9 2d09,10aa 2d0a,10ab 2d0b,10ac 2d0c,10ad 2d0d,10ae 2d0e,10af 2d0f,10b0 2d10,10b1 2d11,10b2 2d12,10b3 2d13,10b4 2d14,10b5 2d15,10b6 2d16,10b7 2d17,10b8 2d18,10b9 2d19,10ba 2d1a,10bb 2d1b,10bc 2d1c,10bd 2d1d",
  "10be 2d1e,10bf 2d1f,10c0 2d20,10c1 2d21,10c2 2d22,10c3 2d23,10c4 2d24,10c5 2d25,10c7 2d27,10cd 2d2d,a640 a641,a642 a643,a644 a645,a646 a647,a648 a649,1c88 a64a a64b,a64c a64d,a64e a64f,a650 a651,a652 a653,a654 a655,a656 a657,a658 a659,a65a a65b",
  "a65c a65d,a65e a65f,a660 a661,a662 a663,a664 a665,a666 a667,a668 a669,a66a a66b,a66c a66d,a680 a681,a682 a683,a684 a685,a686 a687,a688 a689,a68a a68b,a68c a68d,a68e a68f,a690 a691,a692 a693,a694 a695,a696 a697,a698 a699,a69a a69b,a722 a723",
  "a724 a725,a726 a727,a728 a729,a72a a72b,a72c a72d,a72e a72f,a732 a733,a734 a735,a736 a737,a738 a739,a73a a73b,a73c a73d,a73e a73f,a740 a741,a742 a743,a744 a745,a746 a747,a748 a749,a74a a74b,a74c a74d,a74e a74f,a750 a751,a752 a753,a754 a755",
  "a756 a757,a758 a759,a75a a75b,a75c a75d,a75e a75f,a760 a761,a762 a763,a764 a765,a766 a767,a768 a769,a76a a76b,a76c a76d,a76e a76f,a779 a77a,a77b a77c,a77e a77f,a780 a781,a782 a783,a784 a785,a786 a787,a78b a78c,a790 a791,a792 a793,a794 a7c4",
  "a796 a797,a798 a799,a79a a79b,a79c a79d,a79e a79f,a7a0 a7a1,a7a2 a7a3,a7a4 a7a5,a7a6 a7a7,a7a8 a7a9,a7b4 a7b5,a7b6 a7b7,a7b8 a7b9,a7ba a7bb,a7bc a7bd,a7be a7bf,a7c2 a7c3,a7c7 a7c8,a7c9 a7ca,a7f5 a7f6,a7b3 ab53,13a0 ab70,13a1 ab71,13a2 ab72",
  "13a3 ab73,13a4 ab74,13a5 ab75,13a6 ab76,13a7 ab77,13a8 ab78,13a9 ab79,13aa ab7a,13ab ab7b,13ac ab7c,13ad ab7d,13ae ab7e,13af ab7f,13b0 ab80,13b1 ab81,13b2 ab82,13b3 ab83,13b4 ab84,13b5 ab85,13b6 ab86,13b7 ab87,13b8 ab88,13b9 ab89,13ba ab8a",
  "13bb ab8b,13bc ab8c,13bd ab8d,13be ab8e,13bf ab8f,13c0 ab90,13c1 ab91,13c2 ab92,13c3 ab93,13c4 ab94,13c5 ab95,13c6 ab96,13c7 ab97,13c8 ab98,13c9 ab99,13ca ab9a,13cb ab9b,13cc ab9c,13cd ab9d,13ce ab9e,13cf ab9f,13d0 aba0,13d1 aba1,13d2 aba2",
  "13d3 aba3,13d4 aba4,13d5 aba5,13d6 aba6,13d7 aba7,13d8 aba8,13d9 aba9,13da abaa,13db abab,13dc abac,13dd abad,13de abae,13df abaf,13e0 abb0,13e1 abb1,13e2 abb2,13e3 abb3,13e4 abb4,13e5 abb5,13e6 abb6,13e7 abb7,13e8 abb8,13e9 abb9,13ea abba",
  "13eb abbb,13ec abbc,13ed abbd,13ee abbe,13ef abbf,ff21 ff41,ff22 ff42,ff23 ff43,ff24 ff44,ff25 ff45,ff26 ff46,ff27 ff47,ff28 ff48,ff29 ff49,ff2a ff4a,ff2b ff4b,ff2c ff4c,ff2d ff4d,ff2e ff4e,ff2f ff4f,ff30 ff50,ff31 ff51,ff32 ff52,ff33 ff53",
  "ff34 ff54,ff35 ff55,ff36 ff56,ff37 ff57,ff38 ff58,ff39 ff59,ff3a ff5a,10400 10428,10401 10429,10402 1042a,10403 1042b,10404 1042c,10405 1042d,10406 1042e,10407 1042f,10408 10430,10409 10431,1040a 10432,1040b 10433,1040c 10434,1040d 10435,1040e 10436,1040f 10437,10410 10438",
  "10411 10439,10412 1043a,10413 1043b,10414 1043c,10415 1043d,10416 1043e,10417 1043f,10418 10440,10419 10441,1041a 10442,1041b 10443,1041c 10444,1041d 10445,1041e 10446,1041f 10447,10420 10448,10421 10449,10422 1044a,10423 1044b,10424 1044c,10425 1044d,10426 1044e,10427 1044f,104b0 104d8",
  "104b1 104d9,104b2 104da,104b3 104db,104b4 104dc,104b5 104dd,104b6 104de,104b7 104df,104b8 104e0,104b9 104e1,104ba 104e2,104bb 104e3,104bc 104e4,104bd 104e5,104be 104e6,104bf 104e7,104c0 104e8,104c1 104e9,104c2 104ea,104c3 104eb,104c4 104ec,104c5 104ed,104c6 104ee,104c7 104ef,104c8 104f0",
  "104c9 104f1,104ca 104f2,104cb 104f3,104cc 104f4,104cd 104f5,104ce 104f6,104cf 104f7,104d0 104f8,104d1 104f9,104d2 104fa,104d3 104fb,10c80 10cc0,10c81 10cc1,10c82 10cc2,10c83 10cc3,10c84 10cc4,10c85 10cc5,10c86 10cc6,10c87 10cc7,10c88 10cc8,10c89 10cc9,10c8a 10cca,10c8b 10ccb,10c8c 10ccc",
  "10c8d 10ccd,10c8e 10cce,10c8f 10ccf,10c90 10cd0,10c91 10cd1,10c92 10cd2,10c93 10cd3,10c94 10cd4,10c95 10cd5,10c96 10cd6,10c97 10cd7,10c98 10cd8,10c99 10cd9,10c9a 10cda,10c9b 10cdb,10c9c 10cdc,10c9d 10cdd,10c9e 10cde,10c9f 10cdf,10ca0 10ce0,10ca1 10ce1,10ca2 10ce2,10ca3 10ce3,10ca4 10ce4",
  "10ca5 10ce5,10ca6 10ce6,10ca7 10ce7,10ca8 10ce8,10ca9 10ce9,10caa 10cea,10cab 10ceb,10cac 10cec,10cad 10ced,10cae 10cee,10caf 10cef,10cb0 10cf0,10cb1 10cf1,10cb2 10cf2,118a0 118c0,118a1 118c1,118a2 118c2,118a3 118c3,118a4 118c4,118a5 118c5,118a6 118c6,118a7 118c7,118a8 118c8,118a9 118c9",
  "118aa 118ca,118ab 118cb,118ac 118cc,118ad 118cd,118ae 118ce,118af 118cf,118b0 118d0,118b1 118d1,118b2 118d2,118b3 118d3,118b4 118d4,118b5 118d5,118b6 118d6,118b7 118d7,118b8 118d8,118b9 118d9,118ba 118da,118bb 118db,118bc 118dc,118bd 118dd,118be 118de,118bf 118df,16e40 16e60,16e41 16e61",
  "16e42 16e62,16e43 16e63,16e44 16e64,16e45 16e65,16e46 16e66,16e47 16e67,16e48 16e68,16e49 16e69,16e4a 16e6a,16e4b 16e6b,16e4c 16e6c,16e4d 16e6d,16e4e 16e6e,16e4f 16e6f,16e50 16e70,16e51 16e71,16e52 16e72,16e53 16e73,16e54 16e74,16e55 16e75,16e56 16e76,16e57 16e77,16e58 16e78,16e59 16e79",
  "16e5a 16e7a,16e5b 16e7b,16e5c 16e7c,16e5d 16e7d,16e5e 16e7e,16e5f 16e7f,1e900 1e922,1e901 1e923,1e902 1e924,1e903 1e925,1e904 1e926,1e905 1e927,1e906 1e928,1e907 1e929,1e908 1e92a,1e909 1e92b,1e90a 1e92c,1e90b 1e92d,1e90c 1e92e,1e90d 1e92f,1e90e 1e930,1e90f 1e931,1e910 1e932,1e911 1e933",
  "1e912 1e934,1e913 1e935,1e914 1e936,1e915 1e937,1e916 1e938,1e917 1e939,1e918 1e93a,1e919 1e93b,1e91a 1e93c,1e91b 1e93d,1e91c 1e93e,1e91d 1e93f,1e91e 1e940,1e91f 1e941,1e920 1e942,1e921 1e943"
];
var CASE_JDK_DEPENDENT = [
  "19b 264 1c89 1c8a 2c2f 2c5f a7c0 a7c1 a7cb a7cc a7cd a7d0 a7d1 a7d6 a7d7 a7d8 a7d9 a7da a7db a7dc 10570 10571 10572 10573",
  "10574 10575 10576 10577 10578 10579 1057a 1057c 1057d 1057e 1057f 10580 10581 10582 10583 10584 10585 10586 10587 10588 10589 1058a 1058c 1058d",
  "1058e 1058f 10590 10591 10592 10594 10595 10597 10598 10599 1059a 1059b 1059c 1059d 1059e 1059f 105a0 105a1 105a3 105a4 105a5 105a6 105a7 105a8",
  "105a9 105aa 105ab 105ac 105ad 105ae 105af 105b0 105b1 105b3 105b4 105b5 105b6 105b7 105b8 105b9 105bb 105bc 10d50 10d51 10d52 10d53 10d54 10d55",
  "10d56 10d57 10d58 10d59 10d5a 10d5b 10d5c 10d5d 10d5e 10d5f 10d60 10d61 10d62 10d63 10d64 10d65 10d70 10d71 10d72 10d73 10d74 10d75 10d76 10d77",
  "10d78 10d79 10d7a 10d7b 10d7c 10d7d 10d7e 10d7f 10d80 10d81 10d82 10d83 10d84 10d85"
];

// src/fgac/java-regex/unicode-blocks.ts
var UNICODE_BLOCKS = [
  "BASIC_LATIN 0 7f BASIC LATIN|BASICLATIN|BASIC_LATIN",
  "LATIN_1_SUPPLEMENT 80 ff LATIN-1 SUPPLEMENT|LATIN-1SUPPLEMENT|LATIN_1_SUPPLEMENT",
  "LATIN_EXTENDED_A 100 17f LATIN EXTENDED-A|LATINEXTENDED-A|LATIN_EXTENDED_A",
  "LATIN_EXTENDED_B 180 24f LATIN EXTENDED-B|LATINEXTENDED-B|LATIN_EXTENDED_B",
  "IPA_EXTENSIONS 250 2af IPA EXTENSIONS|IPAEXTENSIONS|IPA_EXTENSIONS",
  "SPACING_MODIFIER_LETTERS 2b0 2ff SPACING MODIFIER LETTERS|SPACINGMODIFIERLETTERS|SPACING_MODIFIER_LETTERS",
  "COMBINING_DIACRITICAL_MARKS 300 36f COMBINING DIACRITICAL MARKS|COMBININGDIACRITICALMARKS|COMBINING_DIACRITICAL_MARKS",
  "GREEK 370 3ff GREEK|GREEK AND COPTIC|GREEKANDCOPTIC",
  "CYRILLIC 400 4ff CYRILLIC",
  "CYRILLIC_SUPPLEMENTARY 500 52f CYRILLIC SUPPLEMENT|CYRILLIC SUPPLEMENTARY|CYRILLICSUPPLEMENT|CYRILLICSUPPLEMENTARY|CYRILLIC_SUPPLEMENTARY",
  "ARMENIAN 530 58f ARMENIAN",
  "HEBREW 590 5ff HEBREW",
  "ARABIC 600 6ff ARABIC",
  "SYRIAC 700 74f SYRIAC",
  "ARABIC_SUPPLEMENT 750 77f ARABIC SUPPLEMENT|ARABICSUPPLEMENT|ARABIC_SUPPLEMENT",
  "THAANA 780 7bf THAANA",
  "NKO 7c0 7ff NKO",
  "SAMARITAN 800 83f SAMARITAN",
  "MANDAIC 840 85f MANDAIC",
  "SYRIAC_SUPPLEMENT 860 86f SYRIAC SUPPLEMENT|SYRIACSUPPLEMENT|SYRIAC_SUPPLEMENT",
  "ARABIC_EXTENDED_A 8a0 8ff ARABIC EXTENDED-A|ARABICEXTENDED-A|ARABIC_EXTENDED_A",
  "DEVANAGARI 900 97f DEVANAGARI",
  "BENGALI 980 9ff BENGALI",
  "GURMUKHI a00 a7f GURMUKHI",
  "GUJARATI a80 aff GUJARATI",
  "ORIYA b00 b7f ORIYA",
  "TAMIL b80 bff TAMIL",
  "TELUGU c00 c7f TELUGU",
  "KANNADA c80 cff KANNADA",
  "MALAYALAM d00 d7f MALAYALAM",
  "SINHALA d80 dff SINHALA",
  "THAI e00 e7f THAI",
  "LAO e80 eff LAO",
  "TIBETAN f00 fff TIBETAN",
  "MYANMAR 1000 109f MYANMAR",
  "GEORGIAN 10a0 10ff GEORGIAN",
  "HANGUL_JAMO 1100 11ff HANGUL JAMO|HANGULJAMO|HANGUL_JAMO",
  "ETHIOPIC 1200 137f ETHIOPIC",
  "ETHIOPIC_SUPPLEMENT 1380 139f ETHIOPIC SUPPLEMENT|ETHIOPICSUPPLEMENT|ETHIOPIC_SUPPLEMENT",
  "CHEROKEE 13a0 13ff CHEROKEE",
  "UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS 1400 167f UNIFIED CANADIAN ABORIGINAL SYLLABICS|UNIFIEDCANADIANABORIGINALSYLLABICS|UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS",
  "OGHAM 1680 169f OGHAM",
  "RUNIC 16a0 16ff RUNIC",
  "TAGALOG 1700 171f TAGALOG",
  "HANUNOO 1720 173f HANUNOO",
  "BUHID 1740 175f BUHID",
  "TAGBANWA 1760 177f TAGBANWA",
  "KHMER 1780 17ff KHMER",
  "MONGOLIAN 1800 18af MONGOLIAN",
  "UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS_EXTENDED 18b0 18ff UNIFIED CANADIAN ABORIGINAL SYLLABICS EXTENDED|UNIFIEDCANADIANABORIGINALSYLLABICSEXTENDED|UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS_EXTENDED",
  "LIMBU 1900 194f LIMBU",
  "TAI_LE 1950 197f TAI LE|TAILE|TAI_LE",
  "NEW_TAI_LUE 1980 19df NEW TAI LUE|NEWTAILUE|NEW_TAI_LUE",
  "KHMER_SYMBOLS 19e0 19ff KHMER SYMBOLS|KHMERSYMBOLS|KHMER_SYMBOLS",
  "BUGINESE 1a00 1a1f BUGINESE",
  "TAI_THAM 1a20 1aaf TAI THAM|TAITHAM|TAI_THAM",
  "COMBINING_DIACRITICAL_MARKS_EXTENDED 1ab0 1aff COMBINING DIACRITICAL MARKS EXTENDED|COMBININGDIACRITICALMARKSEXTENDED|COMBINING_DIACRITICAL_MARKS_EXTENDED",
  "BALINESE 1b00 1b7f BALINESE",
  "SUNDANESE 1b80 1bbf SUNDANESE",
  "BATAK 1bc0 1bff BATAK",
  "LEPCHA 1c00 1c4f LEPCHA",
  "OL_CHIKI 1c50 1c7f OL CHIKI|OLCHIKI|OL_CHIKI",
  "CYRILLIC_EXTENDED_C 1c80 1c8f CYRILLIC EXTENDED-C|CYRILLICEXTENDED-C|CYRILLIC_EXTENDED_C",
  "GEORGIAN_EXTENDED 1c90 1cbf GEORGIAN EXTENDED|GEORGIANEXTENDED|GEORGIAN_EXTENDED",
  "SUNDANESE_SUPPLEMENT 1cc0 1ccf SUNDANESE SUPPLEMENT|SUNDANESESUPPLEMENT|SUNDANESE_SUPPLEMENT",
  "VEDIC_EXTENSIONS 1cd0 1cff VEDIC EXTENSIONS|VEDICEXTENSIONS|VEDIC_EXTENSIONS",
  "PHONETIC_EXTENSIONS 1d00 1d7f PHONETIC EXTENSIONS|PHONETICEXTENSIONS|PHONETIC_EXTENSIONS",
  "PHONETIC_EXTENSIONS_SUPPLEMENT 1d80 1dbf PHONETIC EXTENSIONS SUPPLEMENT|PHONETICEXTENSIONSSUPPLEMENT|PHONETIC_EXTENSIONS_SUPPLEMENT",
  "COMBINING_DIACRITICAL_MARKS_SUPPLEMENT 1dc0 1dff COMBINING DIACRITICAL MARKS SUPPLEMENT|COMBININGDIACRITICALMARKSSUPPLEMENT|COMBINING_DIACRITICAL_MARKS_SUPPLEMENT",
  "LATIN_EXTENDED_ADDITIONAL 1e00 1eff LATIN EXTENDED ADDITIONAL|LATINEXTENDEDADDITIONAL|LATIN_EXTENDED_ADDITIONAL",
  "GREEK_EXTENDED 1f00 1fff GREEK EXTENDED|GREEKEXTENDED|GREEK_EXTENDED",
  "GENERAL_PUNCTUATION 2000 206f GENERAL PUNCTUATION|GENERALPUNCTUATION|GENERAL_PUNCTUATION",
  "SUPERSCRIPTS_AND_SUBSCRIPTS 2070 209f SUPERSCRIPTS AND SUBSCRIPTS|SUPERSCRIPTSANDSUBSCRIPTS|SUPERSCRIPTS_AND_SUBSCRIPTS",
  "CURRENCY_SYMBOLS 20a0 20cf CURRENCY SYMBOLS|CURRENCYSYMBOLS|CURRENCY_SYMBOLS",
  "COMBINING_MARKS_FOR_SYMBOLS 20d0 20ff COMBINING DIACRITICAL MARKS FOR SYMBOLS|COMBINING MARKS FOR SYMBOLS|COMBININGDIACRITICALMARKSFORSYMBOLS|COMBININGMARKSFORSYMBOLS|COMBINING_MARKS_FOR_SYMBOLS",
  "LETTERLIKE_SYMBOLS 2100 214f LETTERLIKE SYMBOLS|LETTERLIKESYMBOLS|LETTERLIKE_SYMBOLS",
  "NUMBER_FORMS 2150 218f NUMBER FORMS|NUMBERFORMS|NUMBER_FORMS",
  "ARROWS 2190 21ff ARROWS",
  "MATHEMATICAL_OPERATORS 2200 22ff MATHEMATICAL OPERATORS|MATHEMATICALOPERATORS|MATHEMATICAL_OPERATORS",
  "MISCELLANEOUS_TECHNICAL 2300 23ff MISCELLANEOUS TECHNICAL|MISCELLANEOUSTECHNICAL|MISCELLANEOUS_TECHNICAL",
  "CONTROL_PICTURES 2400 243f CONTROL PICTURES|CONTROLPICTURES|CONTROL_PICTURES",
  "OPTICAL_CHARACTER_RECOGNITION 2440 245f OPTICAL CHARACTER RECOGNITION|OPTICALCHARACTERRECOGNITION|OPTICAL_CHARACTER_RECOGNITION",
  "ENCLOSED_ALPHANUMERICS 2460 24ff ENCLOSED ALPHANUMERICS|ENCLOSEDALPHANUMERICS|ENCLOSED_ALPHANUMERICS",
  "BOX_DRAWING 2500 257f BOX DRAWING|BOXDRAWING|BOX_DRAWING",
  "BLOCK_ELEMENTS 2580 259f BLOCK ELEMENTS|BLOCKELEMENTS|BLOCK_ELEMENTS",
  "GEOMETRIC_SHAPES 25a0 25ff GEOMETRIC SHAPES|GEOMETRICSHAPES|GEOMETRIC_SHAPES",
  "MISCELLANEOUS_SYMBOLS 2600 26ff MISCELLANEOUS SYMBOLS|MISCELLANEOUSSYMBOLS|MISCELLANEOUS_SYMBOLS",
  "DINGBATS 2700 27bf DINGBATS",
  "MISCELLANEOUS_MATHEMATICAL_SYMBOLS_A 27c0 27ef MISCELLANEOUS MATHEMATICAL SYMBOLS-A|MISCELLANEOUSMATHEMATICALSYMBOLS-A|MISCELLANEOUS_MATHEMATICAL_SYMBOLS_A",
  "SUPPLEMENTAL_ARROWS_A 27f0 27ff SUPPLEMENTAL ARROWS-A|SUPPLEMENTALARROWS-A|SUPPLEMENTAL_ARROWS_A",
  "BRAILLE_PATTERNS 2800 28ff BRAILLE PATTERNS|BRAILLEPATTERNS|BRAILLE_PATTERNS",
  "SUPPLEMENTAL_ARROWS_B 2900 297f SUPPLEMENTAL ARROWS-B|SUPPLEMENTALARROWS-B|SUPPLEMENTAL_ARROWS_B",
  "MISCELLANEOUS_MATHEMATICAL_SYMBOLS_B 2980 29ff MISCELLANEOUS MATHEMATICAL SYMBOLS-B|MISCELLANEOUSMATHEMATICALSYMBOLS-B|MISCELLANEOUS_MATHEMATICAL_SYMBOLS_B",
  "SUPPLEMENTAL_MATHEMATICAL_OPERATORS 2a00 2aff SUPPLEMENTAL MATHEMATICAL OPERATORS|SUPPLEMENTALMATHEMATICALOPERATORS|SUPPLEMENTAL_MATHEMATICAL_OPERATORS",
  "MISCELLANEOUS_SYMBOLS_AND_ARROWS 2b00 2bff MISCELLANEOUS SYMBOLS AND ARROWS|MISCELLANEOUSSYMBOLSANDARROWS|MISCELLANEOUS_SYMBOLS_AND_ARROWS",
  "GLAGOLITIC 2c00 2c5f GLAGOLITIC",
  "LATIN_EXTENDED_C 2c60 2c7f LATIN EXTENDED-C|LATINEXTENDED-C|LATIN_EXTENDED_C",
  "COPTIC 2c80 2cff COPTIC",
  "GEORGIAN_SUPPLEMENT 2d00 2d2f GEORGIAN SUPPLEMENT|GEORGIANSUPPLEMENT|GEORGIAN_SUPPLEMENT",
  "TIFINAGH 2d30 2d7f TIFINAGH",
  "ETHIOPIC_EXTENDED 2d80 2ddf ETHIOPIC EXTENDED|ETHIOPICEXTENDED|ETHIOPIC_EXTENDED",
  "CYRILLIC_EXTENDED_A 2de0 2dff CYRILLIC EXTENDED-A|CYRILLICEXTENDED-A|CYRILLIC_EXTENDED_A",
  "SUPPLEMENTAL_PUNCTUATION 2e00 2e7f SUPPLEMENTAL PUNCTUATION|SUPPLEMENTALPUNCTUATION|SUPPLEMENTAL_PUNCTUATION",
  "CJK_RADICALS_SUPPLEMENT 2e80 2eff CJK RADICALS SUPPLEMENT|CJKRADICALSSUPPLEMENT|CJK_RADICALS_SUPPLEMENT",
  "KANGXI_RADICALS 2f00 2fdf KANGXI RADICALS|KANGXIRADICALS|KANGXI_RADICALS",
  "IDEOGRAPHIC_DESCRIPTION_CHARACTERS 2ff0 2fff IDEOGRAPHIC DESCRIPTION CHARACTERS|IDEOGRAPHICDESCRIPTIONCHARACTERS|IDEOGRAPHIC_DESCRIPTION_CHARACTERS",
  "CJK_SYMBOLS_AND_PUNCTUATION 3000 303f CJK SYMBOLS AND PUNCTUATION|CJKSYMBOLSANDPUNCTUATION|CJK_SYMBOLS_AND_PUNCTUATION",
  "HIRAGANA 3040 309f HIRAGANA",
  "KATAKANA 30a0 30ff KATAKANA",
  "BOPOMOFO 3100 312f BOPOMOFO",
  "HANGUL_COMPATIBILITY_JAMO 3130 318f HANGUL COMPATIBILITY JAMO|HANGULCOMPATIBILITYJAMO|HANGUL_COMPATIBILITY_JAMO",
  "KANBUN 3190 319f KANBUN",
  "BOPOMOFO_EXTENDED 31a0 31bf BOPOMOFO EXTENDED|BOPOMOFOEXTENDED|BOPOMOFO_EXTENDED",
  "CJK_STROKES 31c0 31ef CJK STROKES|CJKSTROKES|CJK_STROKES",
  "KATAKANA_PHONETIC_EXTENSIONS 31f0 31ff KATAKANA PHONETIC EXTENSIONS|KATAKANAPHONETICEXTENSIONS|KATAKANA_PHONETIC_EXTENSIONS",
  "ENCLOSED_CJK_LETTERS_AND_MONTHS 3200 32ff ENCLOSED CJK LETTERS AND MONTHS|ENCLOSEDCJKLETTERSANDMONTHS|ENCLOSED_CJK_LETTERS_AND_MONTHS",
  "CJK_COMPATIBILITY 3300 33ff CJK COMPATIBILITY|CJKCOMPATIBILITY|CJK_COMPATIBILITY",
  "CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A 3400 4dbf CJK UNIFIED IDEOGRAPHS EXTENSION A|CJKUNIFIEDIDEOGRAPHSEXTENSIONA|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A",
  "YIJING_HEXAGRAM_SYMBOLS 4dc0 4dff YIJING HEXAGRAM SYMBOLS|YIJINGHEXAGRAMSYMBOLS|YIJING_HEXAGRAM_SYMBOLS",
  "CJK_UNIFIED_IDEOGRAPHS 4e00 9fff CJK UNIFIED IDEOGRAPHS|CJKUNIFIEDIDEOGRAPHS|CJK_UNIFIED_IDEOGRAPHS",
  "YI_SYLLABLES a000 a48f YI SYLLABLES|YISYLLABLES|YI_SYLLABLES",
  "YI_RADICALS a490 a4cf YI RADICALS|YIRADICALS|YI_RADICALS",
  "LISU a4d0 a4ff LISU",
  "VAI a500 a63f VAI",
  "CYRILLIC_EXTENDED_B a640 a69f CYRILLIC EXTENDED-B|CYRILLICEXTENDED-B|CYRILLIC_EXTENDED_B",
  "BAMUM a6a0 a6ff BAMUM",
  "MODIFIER_TONE_LETTERS a700 a71f MODIFIER TONE LETTERS|MODIFIERTONELETTERS|MODIFIER_TONE_LETTERS",
  "LATIN_EXTENDED_D a720 a7ff LATIN EXTENDED-D|LATINEXTENDED-D|LATIN_EXTENDED_D",
  "SYLOTI_NAGRI a800 a82f SYLOTI NAGRI|SYLOTINAGRI|SYLOTI_NAGRI",
  "COMMON_INDIC_NUMBER_FORMS a830 a83f COMMON INDIC NUMBER FORMS|COMMONINDICNUMBERFORMS|COMMON_INDIC_NUMBER_FORMS",
  "PHAGS_PA a840 a87f PHAGS-PA|PHAGS_PA",
  "SAURASHTRA a880 a8df SAURASHTRA",
  "DEVANAGARI_EXTENDED a8e0 a8ff DEVANAGARI EXTENDED|DEVANAGARIEXTENDED|DEVANAGARI_EXTENDED",
  "KAYAH_LI a900 a92f KAYAH LI|KAYAHLI|KAYAH_LI",
  "REJANG a930 a95f REJANG",
  "HANGUL_JAMO_EXTENDED_A a960 a97f HANGUL JAMO EXTENDED-A|HANGULJAMOEXTENDED-A|HANGUL_JAMO_EXTENDED_A",
  "JAVANESE a980 a9df JAVANESE",
  "MYANMAR_EXTENDED_B a9e0 a9ff MYANMAR EXTENDED-B|MYANMAREXTENDED-B|MYANMAR_EXTENDED_B",
  "CHAM aa00 aa5f CHAM",
  "MYANMAR_EXTENDED_A aa60 aa7f MYANMAR EXTENDED-A|MYANMAREXTENDED-A|MYANMAR_EXTENDED_A",
  "TAI_VIET aa80 aadf TAI VIET|TAIVIET|TAI_VIET",
  "MEETEI_MAYEK_EXTENSIONS aae0 aaff MEETEI MAYEK EXTENSIONS|MEETEIMAYEKEXTENSIONS|MEETEI_MAYEK_EXTENSIONS",
  "ETHIOPIC_EXTENDED_A ab00 ab2f ETHIOPIC EXTENDED-A|ETHIOPICEXTENDED-A|ETHIOPIC_EXTENDED_A",
  "LATIN_EXTENDED_E ab30 ab6f LATIN EXTENDED-E|LATINEXTENDED-E|LATIN_EXTENDED_E",
  "CHEROKEE_SUPPLEMENT ab70 abbf CHEROKEE SUPPLEMENT|CHEROKEESUPPLEMENT|CHEROKEE_SUPPLEMENT",
  "MEETEI_MAYEK abc0 abff MEETEI MAYEK|MEETEIMAYEK|MEETEI_MAYEK",
  "HANGUL_SYLLABLES ac00 d7af HANGUL SYLLABLES|HANGULSYLLABLES|HANGUL_SYLLABLES",
  "HANGUL_JAMO_EXTENDED_B d7b0 d7ff HANGUL JAMO EXTENDED-B|HANGULJAMOEXTENDED-B|HANGUL_JAMO_EXTENDED_B",
  "HIGH_SURROGATES d800 db7f HIGH SURROGATES|HIGHSURROGATES|HIGH_SURROGATES",
  "HIGH_PRIVATE_USE_SURROGATES db80 dbff HIGH PRIVATE USE SURROGATES|HIGHPRIVATEUSESURROGATES|HIGH_PRIVATE_USE_SURROGATES",
  "LOW_SURROGATES dc00 dfff LOW SURROGATES|LOWSURROGATES|LOW_SURROGATES",
  "PRIVATE_USE_AREA e000 f8ff PRIVATE USE AREA|PRIVATEUSEAREA|PRIVATE_USE_AREA",
  "CJK_COMPATIBILITY_IDEOGRAPHS f900 faff CJK COMPATIBILITY IDEOGRAPHS|CJKCOMPATIBILITYIDEOGRAPHS|CJK_COMPATIBILITY_IDEOGRAPHS",
  "ALPHABETIC_PRESENTATION_FORMS fb00 fb4f ALPHABETIC PRESENTATION FORMS|ALPHABETICPRESENTATIONFORMS|ALPHABETIC_PRESENTATION_FORMS",
  "ARABIC_PRESENTATION_FORMS_A fb50 fdff ARABIC PRESENTATION FORMS-A|ARABICPRESENTATIONFORMS-A|ARABIC_PRESENTATION_FORMS_A",
  "VARIATION_SELECTORS fe00 fe0f VARIATION SELECTORS|VARIATIONSELECTORS|VARIATION_SELECTORS",
  "VERTICAL_FORMS fe10 fe1f VERTICAL FORMS|VERTICALFORMS|VERTICAL_FORMS",
  "COMBINING_HALF_MARKS fe20 fe2f COMBINING HALF MARKS|COMBININGHALFMARKS|COMBINING_HALF_MARKS",
  "CJK_COMPATIBILITY_FORMS fe30 fe4f CJK COMPATIBILITY FORMS|CJKCOMPATIBILITYFORMS|CJK_COMPATIBILITY_FORMS",
  "SMALL_FORM_VARIANTS fe50 fe6f SMALL FORM VARIANTS|SMALLFORMVARIANTS|SMALL_FORM_VARIANTS",
  "ARABIC_PRESENTATION_FORMS_B fe70 feff ARABIC PRESENTATION FORMS-B|ARABICPRESENTATIONFORMS-B|ARABIC_PRESENTATION_FORMS_B",
  "HALFWIDTH_AND_FULLWIDTH_FORMS ff00 ffef HALFWIDTH AND FULLWIDTH FORMS|HALFWIDTHANDFULLWIDTHFORMS|HALFWIDTH_AND_FULLWIDTH_FORMS",
  "SPECIALS fff0 ffff SPECIALS",
  "LINEAR_B_SYLLABARY 10000 1007f LINEAR B SYLLABARY|LINEARBSYLLABARY|LINEAR_B_SYLLABARY",
  "LINEAR_B_IDEOGRAMS 10080 100ff LINEAR B IDEOGRAMS|LINEARBIDEOGRAMS|LINEAR_B_IDEOGRAMS",
  "AEGEAN_NUMBERS 10100 1013f AEGEAN NUMBERS|AEGEANNUMBERS|AEGEAN_NUMBERS",
  "ANCIENT_GREEK_NUMBERS 10140 1018f ANCIENT GREEK NUMBERS|ANCIENTGREEKNUMBERS|ANCIENT_GREEK_NUMBERS",
  "ANCIENT_SYMBOLS 10190 101cf ANCIENT SYMBOLS|ANCIENTSYMBOLS|ANCIENT_SYMBOLS",
  "PHAISTOS_DISC 101d0 101ff PHAISTOS DISC|PHAISTOSDISC|PHAISTOS_DISC",
  "LYCIAN 10280 1029f LYCIAN",
  "CARIAN 102a0 102df CARIAN",
  "COPTIC_EPACT_NUMBERS 102e0 102ff COPTIC EPACT NUMBERS|COPTICEPACTNUMBERS|COPTIC_EPACT_NUMBERS",
  "OLD_ITALIC 10300 1032f OLD ITALIC|OLDITALIC|OLD_ITALIC",
  "GOTHIC 10330 1034f GOTHIC",
  "OLD_PERMIC 10350 1037f OLD PERMIC|OLDPERMIC|OLD_PERMIC",
  "UGARITIC 10380 1039f UGARITIC",
  "OLD_PERSIAN 103a0 103df OLD PERSIAN|OLDPERSIAN|OLD_PERSIAN",
  "DESERET 10400 1044f DESERET",
  "SHAVIAN 10450 1047f SHAVIAN",
  "OSMANYA 10480 104af OSMANYA",
  "OSAGE 104b0 104ff OSAGE",
  "ELBASAN 10500 1052f ELBASAN",
  "CAUCASIAN_ALBANIAN 10530 1056f CAUCASIAN ALBANIAN|CAUCASIANALBANIAN|CAUCASIAN_ALBANIAN",
  "LINEAR_A 10600 1077f LINEAR A|LINEARA|LINEAR_A",
  "CYPRIOT_SYLLABARY 10800 1083f CYPRIOT SYLLABARY|CYPRIOTSYLLABARY|CYPRIOT_SYLLABARY",
  "IMPERIAL_ARAMAIC 10840 1085f IMPERIAL ARAMAIC|IMPERIALARAMAIC|IMPERIAL_ARAMAIC",
  "PALMYRENE 10860 1087f PALMYRENE",
  "NABATAEAN 10880 108af NABATAEAN",
  "HATRAN 108e0 108ff HATRAN",
  "PHOENICIAN 10900 1091f PHOENICIAN",
  "LYDIAN 10920 1093f LYDIAN",
  "MEROITIC_HIEROGLYPHS 10980 1099f MEROITIC HIEROGLYPHS|MEROITICHIEROGLYPHS|MEROITIC_HIEROGLYPHS",
  "MEROITIC_CURSIVE 109a0 109ff MEROITIC CURSIVE|MEROITICCURSIVE|MEROITIC_CURSIVE",
  "KHAROSHTHI 10a00 10a5f KHAROSHTHI",
  "OLD_SOUTH_ARABIAN 10a60 10a7f OLD SOUTH ARABIAN|OLDSOUTHARABIAN|OLD_SOUTH_ARABIAN",
  "OLD_NORTH_ARABIAN 10a80 10a9f OLD NORTH ARABIAN|OLDNORTHARABIAN|OLD_NORTH_ARABIAN",
  "MANICHAEAN 10ac0 10aff MANICHAEAN",
  "AVESTAN 10b00 10b3f AVESTAN",
  "INSCRIPTIONAL_PARTHIAN 10b40 10b5f INSCRIPTIONAL PARTHIAN|INSCRIPTIONALPARTHIAN|INSCRIPTIONAL_PARTHIAN",
  "INSCRIPTIONAL_PAHLAVI 10b60 10b7f INSCRIPTIONAL PAHLAVI|INSCRIPTIONALPAHLAVI|INSCRIPTIONAL_PAHLAVI",
  "PSALTER_PAHLAVI 10b80 10baf PSALTER PAHLAVI|PSALTERPAHLAVI|PSALTER_PAHLAVI",
  "OLD_TURKIC 10c00 10c4f OLD TURKIC|OLDTURKIC|OLD_TURKIC",
  "OLD_HUNGARIAN 10c80 10cff OLD HUNGARIAN|OLDHUNGARIAN|OLD_HUNGARIAN",
  "HANIFI_ROHINGYA 10d00 10d3f HANIFI ROHINGYA|HANIFIROHINGYA|HANIFI_ROHINGYA",
  "RUMI_NUMERAL_SYMBOLS 10e60 10e7f RUMI NUMERAL SYMBOLS|RUMINUMERALSYMBOLS|RUMI_NUMERAL_SYMBOLS",
  "YEZIDI 10e80 10ebf YEZIDI",
  "OLD_SOGDIAN 10f00 10f2f OLD SOGDIAN|OLDSOGDIAN|OLD_SOGDIAN",
  "SOGDIAN 10f30 10f6f SOGDIAN",
  "CHORASMIAN 10fb0 10fdf CHORASMIAN",
  "ELYMAIC 10fe0 10fff ELYMAIC",
  "BRAHMI 11000 1107f BRAHMI",
  "KAITHI 11080 110cf KAITHI",
  "SORA_SOMPENG 110d0 110ff SORA SOMPENG|SORASOMPENG|SORA_SOMPENG",
  "CHAKMA 11100 1114f CHAKMA",
  "MAHAJANI 11150 1117f MAHAJANI",
  "SHARADA 11180 111df SHARADA",
  "SINHALA_ARCHAIC_NUMBERS 111e0 111ff SINHALA ARCHAIC NUMBERS|SINHALAARCHAICNUMBERS|SINHALA_ARCHAIC_NUMBERS",
  "KHOJKI 11200 1124f KHOJKI",
  "MULTANI 11280 112af MULTANI",
  "KHUDAWADI 112b0 112ff KHUDAWADI",
  "GRANTHA 11300 1137f GRANTHA",
  "NEWA 11400 1147f NEWA",
  "TIRHUTA 11480 114df TIRHUTA",
  "SIDDHAM 11580 115ff SIDDHAM",
  "MODI 11600 1165f MODI",
  "MONGOLIAN_SUPPLEMENT 11660 1167f MONGOLIAN SUPPLEMENT|MONGOLIANSUPPLEMENT|MONGOLIAN_SUPPLEMENT",
  "TAKRI 11680 116cf TAKRI",
  "~AHOM 11700 1173f AHOM",
  "DOGRA 11800 1184f DOGRA",
  "WARANG_CITI 118a0 118ff WARANG CITI|WARANGCITI|WARANG_CITI",
  "DIVES_AKURU 11900 1195f DIVES AKURU|DIVESAKURU|DIVES_AKURU",
  "NANDINAGARI 119a0 119ff NANDINAGARI",
  "ZANABAZAR_SQUARE 11a00 11a4f ZANABAZAR SQUARE|ZANABAZARSQUARE|ZANABAZAR_SQUARE",
  "SOYOMBO 11a50 11aaf SOYOMBO",
  "PAU_CIN_HAU 11ac0 11aff PAU CIN HAU|PAUCINHAU|PAU_CIN_HAU",
  "BHAIKSUKI 11c00 11c6f BHAIKSUKI",
  "MARCHEN 11c70 11cbf MARCHEN",
  "MASARAM_GONDI 11d00 11d5f MASARAM GONDI|MASARAMGONDI|MASARAM_GONDI",
  "GUNJALA_GONDI 11d60 11daf GUNJALA GONDI|GUNJALAGONDI|GUNJALA_GONDI",
  "MAKASAR 11ee0 11eff MAKASAR",
  "LISU_SUPPLEMENT 11fb0 11fbf LISU SUPPLEMENT|LISUSUPPLEMENT|LISU_SUPPLEMENT",
  "TAMIL_SUPPLEMENT 11fc0 11fff TAMIL SUPPLEMENT|TAMILSUPPLEMENT|TAMIL_SUPPLEMENT",
  "CUNEIFORM 12000 123ff CUNEIFORM",
  "CUNEIFORM_NUMBERS_AND_PUNCTUATION 12400 1247f CUNEIFORM NUMBERS AND PUNCTUATION|CUNEIFORMNUMBERSANDPUNCTUATION|CUNEIFORM_NUMBERS_AND_PUNCTUATION",
  "EARLY_DYNASTIC_CUNEIFORM 12480 1254f EARLY DYNASTIC CUNEIFORM|EARLYDYNASTICCUNEIFORM|EARLY_DYNASTIC_CUNEIFORM",
  "EGYPTIAN_HIEROGLYPHS 13000 1342f EGYPTIAN HIEROGLYPHS|EGYPTIANHIEROGLYPHS|EGYPTIAN_HIEROGLYPHS",
  "~EGYPTIAN_HIEROGLYPH_FORMAT_CONTROLS 13430 1343f EGYPTIAN HIEROGLYPH FORMAT CONTROLS|EGYPTIANHIEROGLYPHFORMATCONTROLS|EGYPTIAN_HIEROGLYPH_FORMAT_CONTROLS",
  "ANATOLIAN_HIEROGLYPHS 14400 1467f ANATOLIAN HIEROGLYPHS|ANATOLIANHIEROGLYPHS|ANATOLIAN_HIEROGLYPHS",
  "BAMUM_SUPPLEMENT 16800 16a3f BAMUM SUPPLEMENT|BAMUMSUPPLEMENT|BAMUM_SUPPLEMENT",
  "MRO 16a40 16a6f MRO",
  "BASSA_VAH 16ad0 16aff BASSA VAH|BASSAVAH|BASSA_VAH",
  "PAHAWH_HMONG 16b00 16b8f PAHAWH HMONG|PAHAWHHMONG|PAHAWH_HMONG",
  "MEDEFAIDRIN 16e40 16e9f MEDEFAIDRIN",
  "MIAO 16f00 16f9f MIAO",
  "IDEOGRAPHIC_SYMBOLS_AND_PUNCTUATION 16fe0 16fff IDEOGRAPHIC SYMBOLS AND PUNCTUATION|IDEOGRAPHICSYMBOLSANDPUNCTUATION|IDEOGRAPHIC_SYMBOLS_AND_PUNCTUATION",
  "TANGUT 17000 187ff TANGUT",
  "TANGUT_COMPONENTS 18800 18aff TANGUT COMPONENTS|TANGUTCOMPONENTS|TANGUT_COMPONENTS",
  "KHITAN_SMALL_SCRIPT 18b00 18cff KHITAN SMALL SCRIPT|KHITANSMALLSCRIPT|KHITAN_SMALL_SCRIPT",
  "~TANGUT_SUPPLEMENT 18d00 18d8f TANGUT SUPPLEMENT|TANGUTSUPPLEMENT|TANGUT_SUPPLEMENT",
  "KANA_SUPPLEMENT 1b000 1b0ff KANA SUPPLEMENT|KANASUPPLEMENT|KANA_SUPPLEMENT",
  "KANA_EXTENDED_A 1b100 1b12f KANA EXTENDED-A|KANAEXTENDED-A|KANA_EXTENDED_A",
  "SMALL_KANA_EXTENSION 1b130 1b16f SMALL KANA EXTENSION|SMALLKANAEXTENSION|SMALL_KANA_EXTENSION",
  "NUSHU 1b170 1b2ff NUSHU",
  "DUPLOYAN 1bc00 1bc9f DUPLOYAN",
  "SHORTHAND_FORMAT_CONTROLS 1bca0 1bcaf SHORTHAND FORMAT CONTROLS|SHORTHANDFORMATCONTROLS|SHORTHAND_FORMAT_CONTROLS",
  "BYZANTINE_MUSICAL_SYMBOLS 1d000 1d0ff BYZANTINE MUSICAL SYMBOLS|BYZANTINEMUSICALSYMBOLS|BYZANTINE_MUSICAL_SYMBOLS",
  "MUSICAL_SYMBOLS 1d100 1d1ff MUSICAL SYMBOLS|MUSICALSYMBOLS|MUSICAL_SYMBOLS",
  "ANCIENT_GREEK_MUSICAL_NOTATION 1d200 1d24f ANCIENT GREEK MUSICAL NOTATION|ANCIENTGREEKMUSICALNOTATION|ANCIENT_GREEK_MUSICAL_NOTATION",
  "MAYAN_NUMERALS 1d2e0 1d2ff MAYAN NUMERALS|MAYANNUMERALS|MAYAN_NUMERALS",
  "TAI_XUAN_JING_SYMBOLS 1d300 1d35f TAI XUAN JING SYMBOLS|TAIXUANJINGSYMBOLS|TAI_XUAN_JING_SYMBOLS",
  "COUNTING_ROD_NUMERALS 1d360 1d37f COUNTING ROD NUMERALS|COUNTINGRODNUMERALS|COUNTING_ROD_NUMERALS",
  "MATHEMATICAL_ALPHANUMERIC_SYMBOLS 1d400 1d7ff MATHEMATICAL ALPHANUMERIC SYMBOLS|MATHEMATICALALPHANUMERICSYMBOLS|MATHEMATICAL_ALPHANUMERIC_SYMBOLS",
  "SUTTON_SIGNWRITING 1d800 1daaf SUTTON SIGNWRITING|SUTTONSIGNWRITING|SUTTON_SIGNWRITING",
  "GLAGOLITIC_SUPPLEMENT 1e000 1e02f GLAGOLITIC SUPPLEMENT|GLAGOLITICSUPPLEMENT|GLAGOLITIC_SUPPLEMENT",
  "NYIAKENG_PUACHUE_HMONG 1e100 1e14f NYIAKENG PUACHUE HMONG|NYIAKENGPUACHUEHMONG|NYIAKENG_PUACHUE_HMONG",
  "WANCHO 1e2c0 1e2ff WANCHO",
  "MENDE_KIKAKUI 1e800 1e8df MENDE KIKAKUI|MENDEKIKAKUI|MENDE_KIKAKUI",
  "ADLAM 1e900 1e95f ADLAM",
  "INDIC_SIYAQ_NUMBERS 1ec70 1ecbf INDIC SIYAQ NUMBERS|INDICSIYAQNUMBERS|INDIC_SIYAQ_NUMBERS",
  "OTTOMAN_SIYAQ_NUMBERS 1ed00 1ed4f OTTOMAN SIYAQ NUMBERS|OTTOMANSIYAQNUMBERS|OTTOMAN_SIYAQ_NUMBERS",
  "ARABIC_MATHEMATICAL_ALPHABETIC_SYMBOLS 1ee00 1eeff ARABIC MATHEMATICAL ALPHABETIC SYMBOLS|ARABICMATHEMATICALALPHABETICSYMBOLS|ARABIC_MATHEMATICAL_ALPHABETIC_SYMBOLS",
  "MAHJONG_TILES 1f000 1f02f MAHJONG TILES|MAHJONGTILES|MAHJONG_TILES",
  "DOMINO_TILES 1f030 1f09f DOMINO TILES|DOMINOTILES|DOMINO_TILES",
  "PLAYING_CARDS 1f0a0 1f0ff PLAYING CARDS|PLAYINGCARDS|PLAYING_CARDS",
  "ENCLOSED_ALPHANUMERIC_SUPPLEMENT 1f100 1f1ff ENCLOSED ALPHANUMERIC SUPPLEMENT|ENCLOSEDALPHANUMERICSUPPLEMENT|ENCLOSED_ALPHANUMERIC_SUPPLEMENT",
  "ENCLOSED_IDEOGRAPHIC_SUPPLEMENT 1f200 1f2ff ENCLOSED IDEOGRAPHIC SUPPLEMENT|ENCLOSEDIDEOGRAPHICSUPPLEMENT|ENCLOSED_IDEOGRAPHIC_SUPPLEMENT",
  "MISCELLANEOUS_SYMBOLS_AND_PICTOGRAPHS 1f300 1f5ff MISCELLANEOUS SYMBOLS AND PICTOGRAPHS|MISCELLANEOUSSYMBOLSANDPICTOGRAPHS|MISCELLANEOUS_SYMBOLS_AND_PICTOGRAPHS",
  "EMOTICONS 1f600 1f64f EMOTICONS",
  "ORNAMENTAL_DINGBATS 1f650 1f67f ORNAMENTAL DINGBATS|ORNAMENTALDINGBATS|ORNAMENTAL_DINGBATS",
  "TRANSPORT_AND_MAP_SYMBOLS 1f680 1f6ff TRANSPORT AND MAP SYMBOLS|TRANSPORTANDMAPSYMBOLS|TRANSPORT_AND_MAP_SYMBOLS",
  "ALCHEMICAL_SYMBOLS 1f700 1f77f ALCHEMICAL SYMBOLS|ALCHEMICALSYMBOLS|ALCHEMICAL_SYMBOLS",
  "GEOMETRIC_SHAPES_EXTENDED 1f780 1f7ff GEOMETRIC SHAPES EXTENDED|GEOMETRICSHAPESEXTENDED|GEOMETRIC_SHAPES_EXTENDED",
  "SUPPLEMENTAL_ARROWS_C 1f800 1f8ff SUPPLEMENTAL ARROWS-C|SUPPLEMENTALARROWS-C|SUPPLEMENTAL_ARROWS_C",
  "SUPPLEMENTAL_SYMBOLS_AND_PICTOGRAPHS 1f900 1f9ff SUPPLEMENTAL SYMBOLS AND PICTOGRAPHS|SUPPLEMENTALSYMBOLSANDPICTOGRAPHS|SUPPLEMENTAL_SYMBOLS_AND_PICTOGRAPHS",
  "CHESS_SYMBOLS 1fa00 1fa6f CHESS SYMBOLS|CHESSSYMBOLS|CHESS_SYMBOLS",
  "SYMBOLS_AND_PICTOGRAPHS_EXTENDED_A 1fa70 1faff SYMBOLS AND PICTOGRAPHS EXTENDED-A|SYMBOLSANDPICTOGRAPHSEXTENDED-A|SYMBOLS_AND_PICTOGRAPHS_EXTENDED_A",
  "SYMBOLS_FOR_LEGACY_COMPUTING 1fb00 1fbff SYMBOLS FOR LEGACY COMPUTING|SYMBOLSFORLEGACYCOMPUTING|SYMBOLS_FOR_LEGACY_COMPUTING",
  "CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B 20000 2a6df CJK UNIFIED IDEOGRAPHS EXTENSION B|CJKUNIFIEDIDEOGRAPHSEXTENSIONB|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B",
  "CJK_UNIFIED_IDEOGRAPHS_EXTENSION_C 2a700 2b73f CJK UNIFIED IDEOGRAPHS EXTENSION C|CJKUNIFIEDIDEOGRAPHSEXTENSIONC|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_C",
  "CJK_UNIFIED_IDEOGRAPHS_EXTENSION_D 2b740 2b81f CJK UNIFIED IDEOGRAPHS EXTENSION D|CJKUNIFIEDIDEOGRAPHSEXTENSIOND|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_D",
  "CJK_UNIFIED_IDEOGRAPHS_EXTENSION_E 2b820 2ceaf CJK UNIFIED IDEOGRAPHS EXTENSION E|CJKUNIFIEDIDEOGRAPHSEXTENSIONE|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_E",
  "CJK_UNIFIED_IDEOGRAPHS_EXTENSION_F 2ceb0 2ebef CJK UNIFIED IDEOGRAPHS EXTENSION F|CJKUNIFIEDIDEOGRAPHSEXTENSIONF|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_F",
  "CJK_COMPATIBILITY_IDEOGRAPHS_SUPPLEMENT 2f800 2fa1f CJK COMPATIBILITY IDEOGRAPHS SUPPLEMENT|CJKCOMPATIBILITYIDEOGRAPHSSUPPLEMENT|CJK_COMPATIBILITY_IDEOGRAPHS_SUPPLEMENT",
  "CJK_UNIFIED_IDEOGRAPHS_EXTENSION_G 30000 3134f CJK UNIFIED IDEOGRAPHS EXTENSION G|CJKUNIFIEDIDEOGRAPHSEXTENSIONG|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_G",
  "TAGS e0000 e007f TAGS",
  "VARIATION_SELECTORS_SUPPLEMENT e0100 e01ef VARIATION SELECTORS SUPPLEMENT|VARIATIONSELECTORSSUPPLEMENT|VARIATION_SELECTORS_SUPPLEMENT",
  "SUPPLEMENTARY_PRIVATE_USE_AREA_A f0000 fffff SUPPLEMENTARY PRIVATE USE AREA-A|SUPPLEMENTARYPRIVATEUSEAREA-A|SUPPLEMENTARY_PRIVATE_USE_AREA_A",
  "SUPPLEMENTARY_PRIVATE_USE_AREA_B 100000 10ffff SUPPLEMENTARY PRIVATE USE AREA-B|SUPPLEMENTARYPRIVATEUSEAREA-B|SUPPLEMENTARY_PRIVATE_USE_AREA_B",
  "+ARABIC_EXTENDED_B 870 89f ARABIC EXTENDED-B|ARABICEXTENDED-B|ARABIC_EXTENDED_B",
  "+VITHKUQI 10570 105bf VITHKUQI",
  "+TODHRI 105c0 105ff TODHRI",
  "+LATIN_EXTENDED_F 10780 107bf LATIN EXTENDED-F|LATINEXTENDED-F|LATIN_EXTENDED_F",
  "+GARAY 10d40 10d8f GARAY",
  "+ARABIC_EXTENDED_C 10ec0 10eff ARABIC EXTENDED-C|ARABICEXTENDED-C|ARABIC_EXTENDED_C",
  "+OLD_UYGHUR 10f70 10faf OLD UYGHUR|OLDUYGHUR|OLD_UYGHUR",
  "+TULU_TIGALARI 11380 113ff TULU-TIGALARI|TULU_TIGALARI",
  "+MYANMAR_EXTENDED_C 116d0 116ff MYANMAR EXTENDED-C|MYANMAREXTENDED-C|MYANMAR_EXTENDED_C",
  "+UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS_EXTENDED_A 11ab0 11abf UNIFIED CANADIAN ABORIGINAL SYLLABICS EXTENDED-A|UNIFIEDCANADIANABORIGINALSYLLABICSEXTENDED-A|UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS_EXTENDED_A",
  "+DEVANAGARI_EXTENDED_A 11b00 11b5f DEVANAGARI EXTENDED-A|DEVANAGARIEXTENDED-A|DEVANAGARI_EXTENDED_A",
  "+SUNUWAR 11bc0 11bff SUNUWAR",
  "+KAWI 11f00 11f5f KAWI",
  "+CYPRO_MINOAN 12f90 12fff CYPRO-MINOAN|CYPRO_MINOAN",
  "+EGYPTIAN_HIEROGLYPHS_EXTENDED_A 13460 143ff EGYPTIAN HIEROGLYPHS EXTENDED-A|EGYPTIANHIEROGLYPHSEXTENDED-A|EGYPTIAN_HIEROGLYPHS_EXTENDED_A",
  "+GURUNG_KHEMA 16100 1613f GURUNG KHEMA|GURUNGKHEMA|GURUNG_KHEMA",
  "+TANGSA 16a70 16acf TANGSA",
  "+KIRAT_RAI 16d40 16d7f KIRAT RAI|KIRATRAI|KIRAT_RAI",
  "+KANA_EXTENDED_B 1aff0 1afff KANA EXTENDED-B|KANAEXTENDED-B|KANA_EXTENDED_B",
  "+SYMBOLS_FOR_LEGACY_COMPUTING_SUPPLEMENT 1cc00 1cebf SYMBOLS FOR LEGACY COMPUTING SUPPLEMENT|SYMBOLSFORLEGACYCOMPUTINGSUPPLEMENT|SYMBOLS_FOR_LEGACY_COMPUTING_SUPPLEMENT",
  "+ZNAMENNY_MUSICAL_NOTATION 1cf00 1cfcf ZNAMENNY MUSICAL NOTATION|ZNAMENNYMUSICALNOTATION|ZNAMENNY_MUSICAL_NOTATION",
  "+KAKTOVIK_NUMERALS 1d2c0 1d2df KAKTOVIK NUMERALS|KAKTOVIKNUMERALS|KAKTOVIK_NUMERALS",
  "+LATIN_EXTENDED_G 1df00 1dfff LATIN EXTENDED-G|LATINEXTENDED-G|LATIN_EXTENDED_G",
  "+CYRILLIC_EXTENDED_D 1e030 1e08f CYRILLIC EXTENDED-D|CYRILLICEXTENDED-D|CYRILLIC_EXTENDED_D",
  "+TOTO 1e290 1e2bf TOTO",
  "+NAG_MUNDARI 1e4d0 1e4ff NAG MUNDARI|NAGMUNDARI|NAG_MUNDARI",
  "+OL_ONAL 1e5d0 1e5ff OL ONAL|OLONAL|OL_ONAL",
  "+ETHIOPIC_EXTENDED_B 1e7e0 1e7ff ETHIOPIC EXTENDED-B|ETHIOPICEXTENDED-B|ETHIOPIC_EXTENDED_B",
  "+CJK_UNIFIED_IDEOGRAPHS_EXTENSION_I 2ebf0 2ee5f CJK UNIFIED IDEOGRAPHS EXTENSION I|CJKUNIFIEDIDEOGRAPHSEXTENSIONI|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_I",
  "+CJK_UNIFIED_IDEOGRAPHS_EXTENSION_H 31350 323af CJK UNIFIED IDEOGRAPHS EXTENSION H|CJKUNIFIEDIDEOGRAPHSEXTENSIONH|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_H"
];

// src/fgac/java-regex/jdk-tables.ts
var byName;
function findUnicodeBlock(name2) {
  if (!byName) {
    byName = /* @__PURE__ */ new Map();
    for (const line of UNICODE_BLOCKS) {
      const mark = line[0] === "~" ? "range" : line[0] === "+" ? "newer-jdk" : void 0;
      const m2 = /^(\S+) ([0-9a-f]+) ([0-9a-f]+) (.+)$/.exec(mark ? line.slice(1) : line);
      const block2 = { id: m2[1], names: m2[4].split("|"), lo: parseInt(m2[2], 16), hi: parseInt(m2[3], 16), jdkDependent: mark };
      for (const n of block2.names) byName.set(n, block2);
    }
  }
  return byName.get(name2.toUpperCase());
}
var classes;
var dependent;
var selfOnly = /* @__PURE__ */ new Set();
function unicodeCaseClass(c) {
  if (!classes || !dependent) {
    classes = /* @__PURE__ */ new Map();
    for (const line of CASE_GROUPS) {
      for (const g of line.split(",")) {
        const members = g.split(" ").map((h2) => parseInt(h2.replace("!", ""), 16));
        for (const h2 of g.split(" ")) {
          if (h2.startsWith("!")) selfOnly.add(parseInt(h2.slice(1), 16));
          else classes.set(parseInt(h2, 16), members);
        }
      }
    }
    dependent = new Set(CASE_JDK_DEPENDENT.flatMap((l) => l.split(" ")).map((h2) => parseInt(h2, 16)));
  }
  if (dependent.has(c) || selfOnly.has(c)) return void 0;
  return _nullishCoalesce(classes.get(c), () => ( [c]));
}

// src/fgac/java-regex/properties.ts
var nothing = () => ({ ranges: [], props: [], negated: false });
function block(name2, ctx) {
  const b = findUnicodeBlock(name2);
  if (!b) return void 0;
  ctx.javaOnly.add("Unicode block property");
  if (b.jdkDependent === "newer-jdk") {
    ctx.unsupported("Unicode block property", `${b.id} is known to JDK 21 and newer only`);
    ctx.unknowable(`Unicode block ${name2} (JDK 21 and newer only)`);
    return nothing();
  }
  if (b.jdkDependent === "range") {
    ctx.unsupported("Unicode block property", `the range of ${b.id} differs between JDK versions`);
    return nothing();
  }
  return { ranges: [[b.lo, b.hi]], props: [], negated: false };
}
function propertySet(name2, ctx) {
  const eq = name2.indexOf("=");
  if (eq >= 0) {
    const key = name2.slice(0, eq).toLowerCase();
    const value = name2.slice(eq + 1);
    const unknown = () => ctx.fail(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
    if (key === "script" || key === "sc") return _nullishCoalesce(script(value), () => ( unknown()));
    if (key === "general_category" || key === "gc") {
      if (!GENERAL_CATEGORIES.has(value)) unknown();
      return propSet(`\\p{${value}}`, CASE_CATEGORIES.has(value));
    }
    if (key === "block" || key === "blk") return _nullishCoalesce(block(value, ctx), () => ( unknown()));
    return unknown();
  }
  if (name2.startsWith("In")) return _nullishCoalesce(block(name2.slice(2), ctx), () => ( ctx.fail(`Unknown character property name {${name2}}`)));
  const direct = namedProperty(name2, ctx);
  if (direct) return direct;
  if (name2.startsWith("Is")) {
    const rest = name2.slice(2);
    const set = _nullishCoalesce(_nullishCoalesce(binaryProperty(rest, ctx), () => ( namedProperty(rest, ctx))), () => ( script(rest)));
    if (set) return set;
  }
  return ctx.fail(`Unknown character property name {${name2}}`);
}
function namedProperty(name2, ctx) {
  if (ctx.unicodeClasses && POSIX[name2]) {
    ctx.unsupported(`\\p{${name2}} with UNICODE_CHARACTER_CLASS (?U)`);
    return nothing();
  }
  const posix = _nullishCoalesce(POSIX[name2], () => ( EXTRA_PROPS[name2]));
  if (posix) {
    ctx.javaOnly.add(`\\p{${name2}}`);
    return posix;
  }
  const named = NAMED_PROPS[name2];
  if (named) {
    ctx.javaOnly.add(`\\p{${name2}}`);
    return named;
  }
  if (OTHER_JAVA_PROPS.has(name2)) {
    ctx.unsupported(`character property ${name2}`);
    return nothing();
  }
  if (GENERAL_CATEGORIES.has(name2)) return propSet(`\\p{${name2}}`, CASE_CATEGORIES.has(name2));
  return void 0;
}
function binaryProperty(name2, ctx) {
  const upper = name2.toUpperCase();
  const js = BINARY_PROPS[upper];
  if (js !== void 0) return propSet(js, upper === "LOWERCASE" || upper === "UPPERCASE" || upper === "TITLECASE");
  if (BINARY_UNSUPPORTED.has(upper)) {
    ctx.unsupported(`character property Is${name2}`);
    return nothing();
  }
  if (BINARY_JDK21.has(upper)) {
    ctx.unsupported(`character property Is${name2}`);
    ctx.unknowable(`character property Is${name2} (JDK 21 and newer only)`);
    return nothing();
  }
  return void 0;
}
function script(name2) {
  const titled = name2.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("_");
  for (const candidate of [name2, titled]) if (/^[A-Za-z_]+$/.test(candidate) && isJsScript(candidate)) return propSet(`\\p{Script=${candidate}}`);
  return void 0;
}

// src/fgac/java-regex/scanner.ts
var isDigit = (x) => x !== void 0 && x >= 48 && x <= 57;
var isLatinLetter = (x) => x !== void 0 && (x >= 65 && x <= 90 || x >= 97 && x <= 122);
var Scanner = (_class7 = class {
  constructor(pattern, original) {;_class7.prototype.__init7.call(this);_class7.prototype.__init8.call(this);_class7.prototype.__init9.call(this);_class7.prototype.__init10.call(this);_class7.prototype.__init11.call(this);_class7.prototype.__init12.call(this);
    this.original = original;
    this.cps = Array.from(pattern, (ch) => ch.codePointAt(0));
  }
  
  
  __init7() {this.pos = 0}
  __init8() {this.flags = { i: false, m: false, s: false, d: false, x: false, u: false, U: false }}
  /** Constructs the JDK accepts but JavaScript cannot reproduce, in order of appearance. */
  __init9() {this.unsupportedFeatures = []}
  /** Java-only syntax met (JavaScript's RegExp reads it differently or not at all). */
  __init10() {this.javaOnly = /* @__PURE__ */ new Set()}
  /** Set when the JDK's verdict on the pattern cannot be known here (e.g. a Unicode block or character name). */
  
  /** Nested character classes met so far. */
  __init11() {this.nestedClasses = 0}
  /**
   * The JDK's `hasSupplementary`: the pattern holds a surrogate or supplementary character, a complement
   * (`\P`, negated class or shorthand) or a class the JDK cannot build as a BMP-only predicate. Its matcher
   * then starts attempts only at code-point boundaries (`StartS`); otherwise at every char index.
   */
  __init12() {this.startS = false}
  /** The next code point; in COMMENTS mode `(?x)` whitespace and `#` comments are skipped first, as the JDK's `peek` does. */
  peek(off = 0) {
    if (off === 0 && this.flags.x) this.skipComments();
    return this.cps[this.pos + off];
  }
  next() {
    if (this.flags.x) this.skipComments();
    return this.rawNext();
  }
  /** The next code point as it is (the character after a backslash: the JDK never skips there). */
  rawNext() {
    if (this.pos >= this.cps.length) return void 0;
    return this.cps[this.pos++];
  }
  skipComments() {
    const space = (c) => c === 32 || c !== void 0 && c >= 9 && c <= 13;
    const eol = (c) => this.flags.d ? c === 10 : c === 10 || c === 13 || c === 133 || c === 8232 || c === 8233;
    for (; ; ) {
      const c = this.cps[this.pos];
      if (space(c)) this.pos++;
      else if (c === cp("#")) {
        this.pos++;
        while (this.pos < this.cps.length && !eol(this.cps[this.pos])) this.pos++;
      } else return;
    }
  }
  syntax(desc, index = this.pos) {
    throw new JavaPatternSyntaxError(desc, this.original, index);
  }
  unsupported(feature, detail) {
    this.unsupportedFeatures.push(detail === void 0 ? { feature } : { feature, detail });
  }
  unknowable(why) {
    this.uncertain ??= why;
  }
  /** CASE_INSENSITIVE with UNICODE_CASE (`(?iu)`, `(?iU)`): the JDK folds with its own case tables. */
  unicodeCase() {
    if (this.flags.u) this.unsupported("UNICODE_CASE flag (?u)", "Unicode case folding with CASE_INSENSITIVE");
  }
  setNode(set) {
    if (set.negated || set.bmp !== true) this.startS = true;
    return { t: "char", js: this.emitSet(set), lowSur: setMayMatchLowSurrogate(set) };
  }
  foldSet(set) {
    if (!this.flags.i || set.folded) return set;
    this.unicodeCase();
    if (set.caseProperty) this.unsupported("case-dependent property with CASE_INSENSITIVE", "the JDK folds case properties in its own way");
    return { ...set, ranges: asciiFold(set.ranges) };
  }
  emitSet(set) {
    const s = this.foldSet(set);
    if (!s.negated && s.props.length === 1 && s.ranges.length === 0) return s.props[0];
    const body = rangesToClassBody(s.ranges) + s.props.join("");
    if (body === "") return s.negated ? "[\\s\\S]" : "[]";
    return `[${s.negated ? "^" : ""}${body}]`;
  }
  /** A group name after `(?<` or `\k<`, up to and including the `>`. */
  groupName() {
    let s = "";
    if (!isLatinLetter(this.peek())) this.syntax("capturing group name does not start with a Latin letter");
    for (let c = this.peek(); c !== void 0 && (isLatinLetter(c) || isDigit(c)); c = this.peek()) {
      s += String.fromCodePoint(c);
      this.pos++;
    }
    if (this.peek() !== cp(">")) this.syntax("named capturing group is missing trailing '>'");
    this.pos++;
    return s;
  }
  /** `\N{name}`: the JDK checks the Unicode name, which JavaScript cannot look up. */
  namedCharacter() {
    this.unsupported("\\N{name} named character");
    this.unknowable("\\N{name} (the JDK checks the Unicode character name)");
    if (this.peek() !== cp("{")) this.syntax("Illegal character name escape", this.pos);
    while (this.peek() !== void 0 && this.peek() !== cp("}")) this.pos++;
    if (this.next() === void 0) this.syntax("Unclosed character name escape sequence", this.pos);
  }
  /** Predefined/property classes; undefined when `ch` is not one. */
  escapeSet(ch) {
    const neg = (s) => ({ ...s, negated: !s.negated });
    if ("hHvV".includes(ch)) this.javaOnly.add(`\\${ch}`);
    const u = this.flags.U ? UNICODE_SETS : SETS;
    switch (ch) {
      case "d":
        return u.digit;
      case "D":
        return neg(u.digit);
      case "w":
        return u.word;
      case "W":
        return neg(u.word);
      case "s":
        return u.space;
      case "S":
        return neg(u.space);
      case "h":
        return SETS.hspace;
      case "H":
        return neg(SETS.hspace);
      case "v":
        return SETS.vspace;
      case "V":
        return neg(SETS.vspace);
      case "p":
        return this.property(false);
      case "P":
        return this.property(true);
      default:
        return void 0;
    }
  }
  property(negated) {
    if (negated) this.startS = true;
    let name2;
    const c = this.next();
    if (c === void 0) this.syntax("Unknown character property name {\0}");
    if (c === cp("{")) {
      name2 = "";
      for (let d = this.next(); d !== cp("}"); d = this.next()) {
        if (d === void 0) this.syntax("Unclosed character family");
        name2 += String.fromCodePoint(d);
      }
    } else {
      name2 = String.fromCodePoint(c);
    }
    const at = this.pos - 1;
    const set = propertySet(name2, {
      unsupported: (f2, d) => this.unsupported(f2, d),
      unknowable: (w) => this.unknowable(w),
      javaOnly: this.javaOnly,
      fail: (desc) => this.syntax(desc, at),
      unicodeClasses: this.flags.U
    });
    return negated ? { ...set, negated: !set.negated } : set;
  }
  /** Single-character escapes (`\t`, `\x41`, `\u00e9`, `\0101`, `\cA`, `\.`). */
  escapeChar(ch, c) {
    switch (ch) {
      case "t":
        return 9;
      case "n":
        return 10;
      case "r":
        return 13;
      case "f":
        return 12;
      case "a":
        this.javaOnly.add("\\a");
        return 7;
      case "e":
        this.javaOnly.add("\\e");
        return 27;
      case "0":
        this.javaOnly.add("\\0 octal escape");
        return this.octal();
      case "x":
        return this.hexEscape();
      case "u":
        return this.unicodeEscape();
      case "c": {
        const d = this.next();
        if (d === void 0) this.syntax("Illegal control escape sequence", this.pos - 1);
        return d ^ 64;
      }
      default:
        if (/[A-Za-z]/.test(ch)) this.syntax("Illegal/unsupported escape sequence", this.pos - 1);
        return c;
    }
  }
  octal() {
    const isOct = (x) => x !== void 0 && x >= 48 && x <= 55;
    const n = this.peek();
    if (!isOct(n)) this.syntax("Illegal octal escape sequence");
    this.pos++;
    const m2 = this.peek();
    if (!isOct(m2)) return n - 48;
    this.pos++;
    const o = this.peek();
    if (isOct(o) && n <= 51) {
      this.pos++;
      return (n - 48) * 64 + (m2 - 48) * 8 + (o - 48);
    }
    return (n - 48) * 8 + (m2 - 48);
  }
  hexDigit(x) {
    if (x === void 0) return -1;
    const s = String.fromCodePoint(x);
    return /^[0-9A-Fa-f]$/.test(s) ? parseInt(s, 16) : -1;
  }
  hexEscape() {
    const first = this.peek();
    if (first === cp("{")) {
      this.javaOnly.add("\\x{...}");
      this.pos++;
      let v = 0;
      let digits = 0;
      for (; ; ) {
        const d = this.next();
        if (d === cp("}")) break;
        const h2 = this.hexDigit(d);
        if (h2 < 0) this.syntax("Unclosed hexadecimal escape sequence");
        v = v * 16 + h2;
        digits++;
        if (v > MAX_CP) this.syntax("Hexadecimal codepoint is too big", this.pos - 1);
      }
      if (digits === 0) this.syntax("Illegal hexadecimal escape sequence");
      return v;
    }
    const save = this.pos;
    const a = this.hexDigit(this.peek());
    if (a >= 0) {
      this.pos++;
      const b = this.hexDigit(this.peek());
      if (b >= 0) {
        this.pos++;
        return a * 16 + b;
      }
    }
    this.pos = save;
    return this.syntax("Illegal hexadecimal escape sequence");
  }
  unicodeEscape() {
    const four = () => {
      let v = 0;
      for (let k = 0; k < 4; k++) {
        const h2 = this.hexDigit(this.peek());
        if (h2 < 0) this.syntax("Illegal Unicode escape sequence");
        v = v * 16 + h2;
        this.pos++;
      }
      return v;
    };
    const n = four();
    if (n >= 55296 && n <= 56319) {
      const save = this.pos;
      if (this.peek() === cp("\\") && this.peek(1) === cp("u")) {
        this.pos += 2;
        try {
          const n2 = four();
          if (n2 >= 56320 && n2 <= 57343) return (n - 55296) * 1024 + (n2 - 56320) + 65536;
        } catch (e5) {
        }
      }
      this.pos = save;
    }
    return n;
  }
  /** One member of a class after `[`: a code point, a set, or (nested class) a set after its `]`. */
  classItem(c) {
    if (c === cp("[")) {
      this.javaOnly.add("nested character class");
      this.nestedClasses++;
      return this.parseClass();
    }
    if (c !== cp("\\")) return c;
    const e = this.rawNext();
    if (e === void 0) this.syntax("Unclosed character class", this.cps.length);
    const ech = String.fromCodePoint(e);
    if ("bBAzZGRXk".includes(ech) || ech >= "1" && ech <= "9") this.syntax("Illegal/unsupported escape sequence", this.pos - 1);
    if (ech === "N") {
      this.namedCharacter();
      return { ranges: [], props: [], negated: false };
    }
    return _nullishCoalesce(this.escapeSet(ech), () => ( this.escapeChar(ech, e)));
  }
  /** Parses a character class after `[`. */
  parseClass() {
    const start = this.pos - 1;
    let negated = false;
    if (this.peek() === cp("^")) {
      negated = true;
      this.pos++;
    }
    let ranges = [];
    let props = [];
    let caseProperty = false;
    let first = true;
    const operands = [];
    const nestedBefore = this.nestedClasses;
    let bmp = true;
    const bmpChar = (x) => x < 65536 && (x < 55296 || x > 57343);
    for (; ; ) {
      const c = this.next();
      if (c === void 0) this.syntax("Unclosed character class", this.cps.length - 1);
      if (c === cp("]") && !first) break;
      first = false;
      if (c === cp("&") && this.peek() === cp("&")) {
        this.javaOnly.add("&& (class intersection)");
        operands.push({ ranges, props, negated: false });
        ranges = [];
        props = [];
        this.pos++;
        continue;
      }
      const item = this.classItem(c);
      if (typeof item === "number") {
        if (this.peek() === cp("-") && this.peek(1) === void 0) this.syntax("Illegal character range", this.pos + 1);
        if (this.peek() === cp("-") && this.peek(1) !== void 0 && this.peek(1) !== cp("]")) {
          if (this.peek(1) === cp("[")) {
            ranges.push([item, item], [45, 45]);
            bmp &&= bmpChar(item);
            this.pos++;
            continue;
          }
          this.pos++;
          let hiC = this.next();
          if (hiC === cp("\\")) {
            const e = this.rawNext();
            if (e === void 0) this.syntax("Unexpected internal error");
            const ech = String.fromCodePoint(e);
            if (ech === "p" || ech === "P") this.syntax("Illegal/unsupported escape sequence", this.pos - 1);
            if (this.isSetEscape(ech)) this.syntax("Illegal character range", this.pos - 1);
            hiC = this.escapeChar(ech, e);
          }
          if (hiC < item) this.syntax("Illegal character range", this.pos - 1);
          ranges.push([item, hiC]);
          bmp &&= !this.flags.i && (hiC < 55296 || item > 57343 && hiC < 65536);
        } else {
          ranges.push([item, item]);
          bmp &&= bmpChar(item);
        }
      } else {
        if (item.caseProperty) caseProperty = true;
        bmp &&= item.bmp === true && !item.negated;
        if (!item.negated) {
          ranges.push(...item.ranges);
          props.push(...item.props);
        } else if (item.props.length === 0) {
          ranges.push(...complement(item.ranges));
        } else if (item.props.length === 1 && item.ranges.length === 0) {
          const p = item.props[0];
          props.push(p.startsWith("\\p") ? `\\P${p.slice(2)}` : `\\p${p.slice(2)}`);
        } else {
          ranges.push(...setRanges(item));
        }
      }
    }
    if (operands.length === 0) return { ranges, props, negated, caseProperty, bmp };
    operands.push({ ranges, props, negated: false });
    const used = operands.filter((o) => o.ranges.length + o.props.length > 0);
    if (used.length < operands.length && this.nestedClasses > nestedBefore) {
      this.unsupported("character class intersection with an empty operand after a nested class", `at index ${start}`);
    }
    const fold = (rs) => this.flags.i ? asciiFold(rs) : rs;
    const sets = used.map((o) => fold(setRanges(o)));
    return { ranges: sets.reduce((acc, rs) => intersectRanges(acc, rs)), props: [], negated, caseProperty, bmp };
  }
  isSetEscape(ch) {
    return "dDwWsShHvVpP".includes(ch);
  }
}, _class7);

// src/fgac/java-regex/parse.ts
function removeQE(p) {
  if (!p.includes("\\Q")) return p;
  let out = "";
  let i = 0;
  while (i < p.length) {
    if (p[i] === "\\" && p[i + 1] === "Q") {
      i += 2;
      while (i < p.length && !(p[i] === "\\" && p[i + 1] === "E")) {
        const c = p.codePointAt(i);
        const ch = String.fromCodePoint(c);
        if (/[A-Za-z0-9]/.test(ch) || c > 127) out += ch;
        else out += `\\${ch}`;
        i += ch.length;
      }
      if (i < p.length) i += 2;
    } else if (p[i] === "\\") {
      out += p.slice(i, i + 2);
      i += 2;
    } else {
      out += p[i];
      i += 1;
    }
  }
  return out;
}
var isDigit2 = (x) => x !== void 0 && x >= 48 && x <= 57;
var Parser = (_class8 = class extends Scanner {constructor(...args4) { super(...args4); _class8.prototype.__init13.call(this);_class8.prototype.__init14.call(this);_class8.prototype.__init15.call(this);_class8.prototype.__init16.call(this);_class8.prototype.__init17.call(this);_class8.prototype.__init18.call(this);_class8.prototype.__init19.call(this); }
  __init13() {this.groupCount = 0}
  __init14() {this.names = /* @__PURE__ */ new Map()}
  __init15() {this.closed = /* @__PURE__ */ new Set()}
  __init16() {this.groups = /* @__PURE__ */ new Map()}
  __init17() {this.backrefs = []}
  __init18() {this.usesWordBoundary = false}
  __init19() {this.lookbehindDepth = 0}
  parse() {
    const root = this.parseAlt();
    if (this.pos < this.cps.length) {
      if (this.peek() === cp(")")) this.syntax("Unmatched closing ')'", this.pos - 1);
      this.syntax("Unexpected internal error");
    }
    return root;
  }
  parseAlt() {
    const branches = [this.parseSeq()];
    while (this.peek() === cp("|")) {
      this.pos++;
      branches.push(this.parseSeq());
    }
    return branches.length === 1 ? branches[0] : { t: "alt", branches };
  }
  parseSeq() {
    const items = [];
    for (; ; ) {
      const c = this.peek();
      if (c === void 0 || c === cp("|") || c === cp(")")) break;
      const atom = this.parseAtom();
      if (atom === null) continue;
      items.push(this.parseQuantifier(atom));
    }
    return { t: "seq", items };
  }
  /** `{n}`, `{n,}` or `{n,m}` after the `{`. */
  counted() {
    if (!isDigit2(this.peek())) this.syntax("Illegal repetition");
    const min = this.readInt();
    let max = min;
    if (this.peek() === cp(",")) {
      this.pos++;
      max = isDigit2(this.peek()) ? this.readInt() : Infinity;
    }
    if (this.peek() !== cp("}")) this.syntax("Unclosed counted closure");
    this.pos++;
    if (max < min) this.syntax("Illegal repetition range", this.pos - 1);
    return { min, max };
  }
  parseQuantifier(atom) {
    const c = this.peek();
    let min;
    let max;
    if (c === cp("*")) {
      min = 0;
      max = Infinity;
      this.pos++;
    } else if (c === cp("+")) {
      min = 1;
      max = Infinity;
      this.pos++;
    } else if (c === cp("?")) {
      min = 0;
      max = 1;
      this.pos++;
    } else if (c === cp("{")) {
      this.pos++;
      ({ min, max } = this.counted());
    } else {
      return atom;
    }
    let lazy = false;
    let possessive = false;
    if (this.peek() === cp("?")) {
      lazy = true;
      this.pos++;
    } else if (this.peek() === cp("+")) {
      this.pos++;
      this.javaOnly.add("possessive quantifier");
      possessive = true;
    }
    if (atom.t === "assert" || atom.t === "group" && atom.kind !== "cap" && atom.kind !== "nc" && atom.kind !== "atomic") {
      this.unsupported("quantified zero-width assertion");
    }
    const quant = { t: "quant", min, max, lazy, body: atom };
    return possessive ? { t: "group", kind: "atomic", body: quant } : quant;
  }
  readInt() {
    let n = 0;
    let digits = 0;
    for (let d = this.peek(); isDigit2(d); d = this.peek()) {
      n = n * 10 + (d - 48);
      digits++;
      if (n > 2147483647) this.syntax("Illegal repetition range");
      this.pos++;
    }
    if (digits === 0) this.syntax("Illegal repetition");
    return n;
  }
  literal(c) {
    if (c >= 55296 && (c <= 57343 || c >= 65536)) this.startS = true;
    if (this.flags.i && this.flags.u) {
      const same = unicodeCaseClass(c);
      if (same === void 0) this.unsupported("UNICODE_CASE flag (?u)", `the JDK's folding of U+${c.toString(16).toUpperCase()} depends on its version or on the literal around it`);
      else if (same.length > 1) return this.setNode({ ranges: same.map((x) => [x, x]), props: [], negated: false, bmp: true, folded: true });
      return { t: "char", js: esc(c), lowSur: c >= LOW_SUR[0] && c <= LOW_SUR[1] };
    }
    if (this.flags.i && (c >= 65 && c <= 90 || c >= 97 && c <= 122)) {
      const other = c ^ 32;
      return { t: "char", js: `[${esc(c)}${esc(other)}]`, lowSur: false };
    }
    return { t: "char", js: esc(c), lowSur: c >= LOW_SUR[0] && c <= LOW_SUR[1] };
  }
  dot() {
    if (this.flags.s) return { t: "char", js: "[\\s\\S]", lowSur: true };
    if (this.flags.d) return { t: "char", js: "[^\\n]", lowSur: true };
    return { t: "char", js: "[^\\n\\r\\u0085\\u2028\\u2029]", lowSur: true };
  }
  parseAtom() {
    const c = this.next();
    switch (c) {
      case cp("("):
        return this.parseGroup();
      case cp("["):
        return this.setNode(this.parseClass());
      case cp("."):
        return this.dot();
      case cp("^"):
        if (!this.flags.m) return { t: "assert", js: "(?<![\\s\\S])", midPair: "fail" };
        if (this.flags.d) return { t: "assert", js: "(?=[\\s\\S])(?:(?<![\\s\\S])|(?<=\\n))", midPair: "fail" };
        return { t: "assert", js: "(?=[\\s\\S])(?:(?<![\\s\\S])|(?<=[\\n\\u0085\\u2028\\u2029])|(?<=\\r)(?!\\n))", midPair: "fail" };
      case cp("$"):
        return this.dollar(this.flags.m);
      case cp("*"):
      case cp("+"):
      case cp("?"):
        return this.syntax(`Dangling meta character '${String.fromCodePoint(c)}'`, this.pos - 1);
      case cp("{"): {
        if (!isDigit2(this.peek())) return this.syntax("Illegal repetition");
        this.unsupported("counted quantifier without an operand");
        this.counted();
        return null;
      }
      case cp("\\"):
        return this.parseEscape();
      default:
        return this.literal(c);
    }
  }
  dollar(multiline) {
    if (this.flags.d) {
      return multiline ? { t: "assert", js: "(?=\\n|(?![\\s\\S]))", midPair: "fail" } : { t: "assert", js: "(?=\\n?(?![\\s\\S]))", midPair: "fail" };
    }
    if (multiline) return { t: "assert", js: "(?:(?![\\s\\S])|(?=[\\r\\u0085\\u2028\\u2029])|(?<!\\r)(?=\\n))", midPair: "fail" };
    return {
      t: "assert",
      js: "(?:(?![\\s\\S])|(?=[\\r\\u0085\\u2028\\u2029](?![\\s\\S]))|(?<!\\r)(?=\\n(?![\\s\\S]))|(?=\\r\\n(?![\\s\\S])))",
      midPair: "fail"
    };
  }
  parseGroup() {
    const saved = { ...this.flags };
    let kind = "cap";
    let name2;
    if (this.peek() === cp("?")) {
      this.pos++;
      const c = this.next();
      if (c === void 0) this.syntax("Unknown inline modifier", this.cps.length);
      if (c === cp(":")) kind = "nc";
      else if (c === cp("=")) kind = "la";
      else if (c === cp("!")) kind = "nla";
      else if (c === cp(">")) {
        this.javaOnly.add("atomic group");
        kind = "atomic";
      } else if (c === cp("<")) {
        const d = this.peek();
        if (d === cp("=")) {
          this.pos++;
          kind = "lb";
        } else if (d === cp("!")) {
          this.pos++;
          kind = "nlb";
        } else {
          name2 = this.groupName();
          if (this.names.has(name2)) this.syntax(`Named capturing group <${name2}> is already defined`, this.pos - 1);
        }
      } else {
        this.pos--;
        this.javaOnly.add("inline flags");
        const r = this.inlineFlags();
        if (r === "only") return null;
        kind = "nc";
      }
    }
    let index;
    if (kind === "cap") {
      index = ++this.groupCount;
      if (name2 !== void 0) this.names.set(name2, index);
    }
    if (kind === "lb" || kind === "nlb") this.lookbehindDepth++;
    const body = this.parseAlt();
    if (kind === "lb" || kind === "nlb") this.lookbehindDepth--;
    if (this.peek() !== cp(")")) this.syntax("Unclosed group", this.cps.length);
    this.pos++;
    this.flags = saved;
    const node2 = { t: "group", kind, body };
    if (index !== void 0) {
      node2.index = index;
      this.groups.set(index, node2);
      this.closed.add(index);
    }
    return node2;
  }
  inlineFlags() {
    let on = true;
    for (; ; ) {
      const c = this.next();
      if (c === void 0) this.syntax("Unknown inline modifier");
      const ch = String.fromCodePoint(c);
      if (ch === ")") return "only";
      if (ch === ":") return "scoped";
      if (ch === "-") {
        on = false;
        continue;
      }
      if (ch === "i") this.flags.i = on;
      else if (ch === "m") this.flags.m = on;
      else if (ch === "s") this.flags.s = on;
      else if (ch === "d") this.flags.d = on;
      else if (ch === "x") this.flags.x = on;
      else if (ch === "u") this.flags.u = on;
      else if (ch === "U") {
        this.flags.U = on;
        this.flags.u = on;
      } else this.syntax("Unknown inline modifier", this.pos - 1);
    }
  }
  /** Parses the escape after a backslash outside a class. */
  parseEscape() {
    const c = this.rawNext();
    if (c === void 0) this.syntax("Unexpected internal error");
    const ch = String.fromCodePoint(c);
    if (ch >= "1" && ch <= "9") return this.backref(c - 48);
    const never = { t: "char", js: "[]", lowSur: true };
    if ("AzZGRX".includes(ch)) this.javaOnly.add(`\\${ch}`);
    switch (ch) {
      case "A":
        return { t: "assert", js: "(?<![\\s\\S])", midPair: "fail" };
      case "z":
        return { t: "assert", js: "(?![\\s\\S])", midPair: "fail" };
      case "Z":
        return this.dollar(false);
      case "b":
        if (this.peek() === cp("{") && this.peek(1) === cp("g") && this.peek(2) === cp("}")) {
          this.pos += 3;
          this.javaOnly.add("\\b{g}");
          this.unsupported("grapheme boundary \\b{g}");
        }
        this.usesWordBoundary = true;
        this.unicodeBoundary();
        return { t: "assert", js: "\\b", midPair: "fail" };
      case "B":
        this.usesWordBoundary = true;
        this.unicodeBoundary();
        return { t: "assert", js: "\\B", midPair: "pass" };
      case "G":
        this.unsupported("\\G (end of previous match)");
        return { t: "assert", js: "", midPair: "pass" };
      case "R":
        this.unsupported("\\R linebreak matcher", "its backtracking differs between JDK versions");
        return never;
      case "X":
        this.unsupported("\\X grapheme cluster");
        return never;
      case "N":
        this.namedCharacter();
        return never;
      case "k": {
        if (this.next() !== cp("<")) this.syntax("\\k is not followed by '<' for named capturing group");
        const name2 = this.groupName();
        const idx = this.names.get(name2);
        if (idx === void 0) this.syntax(`named capturing group <${name2}> does not exist`, this.pos - 1);
        return this.makeBackref(idx);
      }
      default: {
        const set = this.escapeSet(ch);
        if (set) return this.setNode(set);
        return this.literal(this.escapeChar(ch, c));
      }
    }
  }
  /** `\b` under `(?U)` uses the JDK's Unicode WORD predicate and its non-spacing-mark rule. */
  unicodeBoundary() {
    if (this.flags.U) this.unsupported("\\b or \\B with UNICODE_CHARACTER_CLASS (?U)");
  }
  backref(first) {
    let ref = first;
    for (; ; ) {
      const d = this.peek();
      if (!isDigit2(d)) break;
      const n = ref * 10 + (d - 48);
      if (this.groupCount < n) break;
      ref = n;
      this.pos++;
    }
    return this.makeBackref(ref);
  }
  makeBackref(index) {
    if (this.flags.i) this.unsupported("back reference with CASE_INSENSITIVE");
    if (this.lookbehindDepth > 0) this.unsupported("back reference inside a lookbehind");
    const node2 = { t: "backref", index };
    this.backrefs.push({ node: node2, closedAtRef: this.closed.has(index) });
    return node2;
  }
}, _class8);
function parseJavaRegex(pattern) {
  const stripped = removeQE(pattern);
  const parser = new Parser(stripped, pattern);
  if (stripped !== pattern) parser.javaOnly.add("\\Q...\\E quoting");
  const root = parser.parse();
  return {
    source: pattern,
    root,
    groupCount: parser.groupCount,
    names: parser.names,
    groups: parser.groups,
    backrefs: parser.backrefs,
    usesWordBoundary: parser.usesWordBoundary,
    startS: parser.startS || /[\uD800-\uDFFF]/.test(pattern),
    unsupported: parser.unsupportedFeatures,
    javaOnly: [...parser.javaOnly],
    ...parser.uncertain !== void 0 ? { uncertain: parser.uncertain } : {}
  };
}

// src/fgac/java-regex/emit.ts
function setParents(node2, parent) {
  if (parent) node2.parent = parent;
  switch (node2.t) {
    case "seq":
      node2.items.forEach((n) => setParents(n, node2));
      break;
    case "alt":
      node2.branches.forEach((n) => setParents(n, node2));
      break;
    case "group":
    case "quant":
      setParents(node2.body, node2);
      break;
    default:
      break;
  }
}
function emitAll(root, groupCount) {
  const jsGroups = new Array(groupCount + 1).fill(0);
  let next = 0;
  const backref = (n) => `(?:\\${n})`;
  const emit = (node2) => {
    switch (node2.t) {
      case "seq":
        return node2.items.map(emit).join("");
      case "alt":
        return node2.branches.map(emit).join("|");
      case "group": {
        if (node2.kind === "atomic") {
          const helper = ++next;
          return `(?:(?=(${emit(node2.body)}))${backref(helper)})`;
        }
        if (node2.kind === "cap" && node2.index !== void 0) jsGroups[node2.index] = ++next;
        const open = { cap: "(", nc: "(?:", la: "(?=", nla: "(?!", lb: "(?<=", nlb: "(?<!" }[node2.kind];
        return `${open}${emit(node2.body)})`;
      }
      case "quant": {
        const body = node2.body.t === "char" || node2.body.t === "group" || node2.body.t === "backref" ? emit(node2.body) : `(?:${emit(node2.body)})`;
        let q;
        if (node2.min === 0 && node2.max === Infinity) q = "*";
        else if (node2.min === 1 && node2.max === Infinity) q = "+";
        else if (node2.min === 0 && node2.max === 1) q = "?";
        else if (node2.max === Infinity) q = `{${node2.min},}`;
        else if (node2.min === node2.max) q = `{${node2.min}}`;
        else q = `{${node2.min},${node2.max}}`;
        return body + q + (node2.lazy ? "?" : "");
      }
      case "char":
        return node2.js;
      case "assert":
        return node2.js;
      // Groups are numbered in order of their opening parenthesis; a back reference only follows its closed group.
      case "backref":
        return node2.never ? "[]" : backref(_nullishCoalesce(jsGroups[node2.index], () => ( 0)));
    }
  };
  return { js: emit(root), jsGroups };
}
function midPair(node2) {
  switch (node2.t) {
    case "char":
      return { may: node2.lowSur, nullable: false };
    case "assert":
      return node2.midPair === "fail" ? { may: false, nullable: false } : { may: false, nullable: true };
    case "backref":
      return node2.never ? { may: false, nullable: false } : { may: true, nullable: true };
    case "group":
      if (node2.kind === "cap" || node2.kind === "nc" || node2.kind === "atomic") return midPair(node2.body);
      return { may: false, nullable: true };
    case "quant": {
      const b = midPair(node2.body);
      return { may: b.may, nullable: node2.min === 0 || b.nullable };
    }
    case "alt": {
      const rs = node2.branches.map(midPair);
      return { may: rs.some((r) => r.may), nullable: rs.some((r) => r.nullable) };
    }
    case "seq": {
      for (const item of node2.items) {
        const r = midPair(item);
        if (r.may) return { may: true, nullable: false };
        if (!r.nullable) return { may: false, nullable: false };
      }
      return { may: true, nullable: true };
    }
  }
}
function certain(g, upTo) {
  let n = g;
  while (n.parent && n.parent !== upTo) {
    const p = n.parent;
    if (p.t === "alt" && p.branches.length > 1) return false;
    if (p.t === "quant" && p.min === 0) return false;
    if (p.t === "group" && (p.kind === "nla" || p.kind === "nlb")) return false;
    n = p;
  }
  if (upTo && n.parent !== upTo) return false;
  return true;
}
function nullable(node2) {
  switch (node2.t) {
    case "char":
      return false;
    case "assert":
      return true;
    case "backref":
      return !node2.never;
    case "group":
      return node2.kind === "cap" || node2.kind === "nc" || node2.kind === "atomic" ? nullable(node2.body) : true;
    case "quant":
      return node2.min === 0 || nullable(node2.body);
    case "alt":
      return node2.branches.some(nullable);
    case "seq":
      return node2.items.every(nullable);
  }
}
function walk(node2, fn) {
  fn(node2);
  if (node2.t === "seq") node2.items.forEach((n) => walk(n, fn));
  else if (node2.t === "alt") node2.branches.forEach((n) => walk(n, fn));
  else if (node2.t === "group" || node2.t === "quant") walk(node2.body, fn);
}
function ancestors(n) {
  const out = [];
  for (let p = n.parent; p; p = p.parent) out.push(p);
  return out;
}
var cache = /* @__PURE__ */ new Map();
function compileJavaRegex(pattern) {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const parsed = parseJavaRegex(pattern);
  const first = parsed.unsupported[0];
  if (first) throw new UnsupportedJavaRegexError(first.feature, pattern, first.detail);
  const root = parsed.root;
  setParents(root);
  walk(root, (n) => {
    if (n.t === "quant" && (n.max > 1 || n.min === 0) && nullable(n.body)) {
      throw new UnsupportedJavaRegexError(
        "repeated group that can match the empty string",
        pattern,
        "Java stops at an empty iteration, JavaScript backtracks into it"
      );
    }
  });
  const unstable = /* @__PURE__ */ new Map();
  for (const [index, g] of parsed.groups) {
    const anc = ancestors(g);
    if (anc.some((a) => a.t === "group" && a.kind === "lb")) {
      unstable.set(index, "capturing group inside a lookbehind (JavaScript matches lookbehinds right to left)");
      continue;
    }
    for (const a of anc) {
      if (a.t === "quant" && a.max > 1 && !certain(g, a)) {
        unstable.set(index, "capturing group that may be skipped inside a repeated group (Java keeps the previous iteration's value, JavaScript resets it)");
        break;
      }
    }
  }
  for (const br of parsed.backrefs) {
    const node2 = br.node;
    if (node2.t !== "backref") continue;
    if (node2.index > parsed.groupCount) {
      node2.never = true;
      continue;
    }
    if (!br.closedAtRef) throw new UnsupportedJavaRegexError("forward or nested back reference", pattern, `\\${node2.index}`);
    const g = parsed.groups.get(node2.index);
    const refAnc = new Set(ancestors(node2));
    const lca = ancestors(g).find((a) => refAnc.has(a));
    if (!certain(g, lca)) {
      throw new UnsupportedJavaRegexError(
        "back reference to an optional group",
        pattern,
        `\\${node2.index}: Java fails where JavaScript matches the empty string`
      );
    }
    const why = unstable.get(node2.index);
    if (why) throw new UnsupportedJavaRegexError("back reference", pattern, why);
  }
  const { js: jsSource, jsGroups } = emitAll(root, parsed.groupCount);
  try {
    new RegExp(jsSource, "u");
  } catch (e) {
    throw new UnsupportedJavaRegexError("pattern", pattern, `no JavaScript equivalent (${e.message})`);
  }
  const mp = midPair(root);
  const compiled = {
    source: pattern,
    jsSource,
    groupCount: parsed.groupCount,
    namedGroups: parsed.names,
    jsGroups,
    info: {
      mayMatchMidPair: mp.may || mp.nullable,
      hasSupplementaryLiteral: /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(pattern),
      scansEveryIndex: !parsed.startS,
      usesWordBoundary: parsed.usesWordBoundary,
      unstableGroups: unstable
    }
  };
  if (cache.size > 500) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

// src/fgac/java-regex/replace.ts
function parseJavaReplacement(replacement, rx) {
  const parts = [];
  let lit = "";
  let i = 0;
  const fail = (msg) => {
    throw new MaskingExpressionError(msg, replacement);
  };
  while (i < replacement.length) {
    const ch = replacement[i];
    if (ch === "\\") {
      i++;
      if (i === replacement.length) fail("character to be escaped is missing");
      lit += replacement[i];
      i++;
    } else if (ch === "$") {
      i++;
      if (i === replacement.length) fail("Illegal group reference: group index is missing");
      let ref;
      if (replacement[i] === "{") {
        i++;
        let name2 = "";
        while (i < replacement.length && /[A-Za-z0-9]/.test(replacement[i])) name2 += replacement[i++];
        if (name2.length === 0) fail("named capturing group has 0 length name");
        if (replacement[i] !== "}") fail("named capturing group is missing trailing '}'");
        if (/^[0-9]/.test(name2)) fail(`capturing group name {${name2}} starts with digit character`);
        const idx = rx.namedGroups.get(name2);
        if (idx === void 0) fail(`No group with name {${name2}}`);
        ref = idx;
        i++;
      } else {
        const d = replacement.charCodeAt(i) - 48;
        if (d < 0 || d > 9) fail("Illegal group reference");
        ref = d;
        i++;
        while (i < replacement.length) {
          const n = replacement.charCodeAt(i) - 48;
          if (n < 0 || n > 9) break;
          const next = ref * 10 + n;
          if (rx.groupCount < next) break;
          ref = next;
          i++;
        }
      }
      if (ref > rx.groupCount) throw new MaskingExpressionError(`No group ${ref}`, replacement);
      if (lit) parts.push({ lit });
      lit = "";
      parts.push({ group: ref });
    } else {
      lit += ch;
      i++;
    }
  }
  if (lit) parts.push({ lit });
  return parts;
}
var NON_ASCII_WORDISH = /(?![\x00-\x7F])[\p{L}\p{Nd}\p{Mn}]/u;
function javaUtf8RoundTrip(s) {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "?");
}
function isMidPair(s, i) {
  if (i <= 0 || i >= s.length) return false;
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i);
  return a >= 55296 && a <= 56319 && b >= 56320 && b <= 57343;
}
var NON_SPACING_MARK = new RegExp("\\p{Mn}", "u");
function wordBoundaryCheck(rx, input, options) {
  if (!rx.info.usesWordBoundary) return;
  if (options.jdk19 ? NON_SPACING_MARK.test(input) : NON_ASCII_WORDISH.test(input)) {
    throw new UnsupportedJavaRegexError("\\b or \\B next to non-ASCII letters", rx.source, options.jdk19 ? "the JDK counts a non-spacing mark after a letter or digit as a word character" : "JDK 17 and older treat Unicode letters as word characters, JDK 19 and newer only [A-Za-z0-9_] (pass jdk19 for OpenSearch 3.x)");
  }
}
function attemptInsidePair(sticky, input, at) {
  sticky.lastIndex = 0;
  const m2 = sticky.exec(input.slice(at));
  if (m2) m2.index = at;
  return m2;
}
function javaReplaceAll(input, pattern, replacement, options = {}) {
  const rx = typeof pattern === "string" ? compileJavaRegex(pattern) : pattern;
  wordBoundaryCheck(rx, input, options);
  const re = new RegExp(rx.jsSource, "gu");
  const looksBehind = /\(\?<[=!]/.test(rx.jsSource);
  let sticky;
  const inside = (at) => {
    if (looksBehind) {
      throw new UnsupportedJavaRegexError(
        "match attempt inside a surrogate pair",
        rx.source,
        "the JDK tries positions between the halves of a supplementary character, and this pattern looks behind"
      );
    }
    sticky ??= new RegExp(rx.jsSource, "uy");
    return attemptInsidePair(sticky, input, at);
  };
  let parts;
  let out = "";
  let appendPos = 0;
  let from = 0;
  const midPairStarts = rx.info.mayMatchMidPair && rx.info.scansEveryIndex;
  while (from <= input.length) {
    let m2 = null;
    if (isMidPair(input, from)) {
      m2 = rx.info.mayMatchMidPair ? inside(from) : null;
      if (!m2) {
        from++;
        continue;
      }
    } else {
      re.lastIndex = from;
      m2 = re.exec(input);
      while (m2 && !rx.info.mayMatchMidPair && isMidPair(input, m2.index)) {
        re.lastIndex = m2.index + 1;
        m2 = re.exec(input);
      }
      if (midPairStarts) {
        const until = m2 ? m2.index : input.length + 1;
        for (let k = from + 1; k < until && k < input.length; k++) {
          if (!isMidPair(input, k)) continue;
          const mm = inside(k);
          if (mm) {
            m2 = mm;
            break;
          }
        }
      }
    }
    if (!m2) break;
    if (!parts) {
      parts = parseJavaReplacement(replacement, rx);
      for (const p of parts) {
        if ("group" in p && rx.info.unstableGroups.has(p.group)) {
          throw new UnsupportedJavaRegexError(`group reference $${p.group}`, rx.source, rx.info.unstableGroups.get(p.group));
        }
      }
    }
    out += input.slice(appendPos, m2.index);
    for (const p of parts) out += "lit" in p ? p.lit : _nullishCoalesce(m2[_nullishCoalesce(rx.jsGroups[p.group], () => ( 0))], () => ( ""));
    appendPos = m2.index + m2[0].length;
    from = m2[0].length === 0 ? appendPos + 1 : appendPos;
  }
  return out + input.slice(appendPos);
}
function javaMatches(pattern, input, options = {}) {
  const rx = typeof pattern === "string" ? compileJavaRegex(pattern) : pattern;
  wordBoundaryCheck(rx, input, options);
  return new RegExp(`^(?:${rx.jsSource})(?![\\s\\S])`, "u").test(input);
}

// src/fgac/java-regex/check.ts
function checkJavaRegex(source) {
  let parsed;
  try {
    parsed = parseJavaRegex(source);
  } catch (e) {
    if (e instanceof JavaPatternSyntaxError) return { ok: false, message: e.message, description: e.description, index: e.index };
    throw e;
  }
  const groups = { count: parsed.groupCount, names: new Map(parsed.names) };
  let unsupported;
  try {
    compileJavaRegex(source);
  } catch (e) {
    if (!(e instanceof UnsupportedJavaRegexError)) throw e;
    unsupported = e.message;
  }
  return {
    ok: true,
    verified: parsed.uncertain === void 0,
    groups,
    reproducible: unsupported === void 0,
    ...unsupported !== void 0 ? { unsupported } : {},
    javaOnly: [...parsed.javaOnly]
  };
}
function checkJavaReplacement(replacement, groups) {
  try {
    parseJavaReplacement(replacement, { groupCount: groups.count, namedGroups: groups.names });
    return null;
  } catch (e) {
    if (e instanceof MaskingExpressionError) return e.message;
    throw e;
  }
}

// src/fgac/fls-entry.ts
function syntaxOf(pattern) {
  if (pattern.trim() === "") return "none";
  if (pattern === "*") return "any";
  if (pattern.startsWith("/") && pattern.endsWith("/")) return "regex";
  const star = pattern.indexOf("*");
  if (star === -1 && !pattern.includes("?")) return "exact";
  if (star === pattern.length - 1 && !pattern.includes("?")) return "prefix";
  return "wildcard";
}
function parseFlsPattern(source, options = {}) {
  const dialect = _nullishCoalesce(options.dialect, () => ( "v2"));
  if (source.length === 0) return { ok: false, source, error: { message: "An FLS pattern must not be empty", exact: false } };
  const first = source[0];
  const excluded = first === "~" || first === "!";
  const pattern = excluded ? source.slice(1) : source;
  const syntax = syntaxOf(pattern);
  const warnings = [];
  if (syntax === "regex") {
    const invalid = () => ({ ok: false, source, error: { message: `Invalid FLS pattern ${source}`, exact: dialect === "v3" } });
    if (pattern.length < 2) return invalid();
    const check = checkJavaRegex(pattern.slice(1, -1));
    if (!check.ok) return invalid();
    if (!check.reproducible) warnings.push(`${pattern} uses Java-only regex syntax the client cannot reproduce (${_nullishCoalesce(check.unsupported, () => ( ""))}); client-side FLS checks cannot evaluate it`);
    if (!check.verified) warnings.push(`${pattern}: the client cannot tell whether the JDK accepts it`);
  }
  if (syntax === "none") warnings.push(`'${source}' names no field and has no effect`);
  if (first === "!") warnings.push(`'!' is an undocumented legacy prefix; use '~${pattern}'`);
  if (pattern.endsWith(".keyword")) {
    warnings.push(`'.keyword' subfields are normalised to their parent field; '${pattern}' matches nothing, use '${pattern.slice(0, -".keyword".length)}'`);
  }
  return { ok: true, source, value: { kind: excluded ? "exclude" : "include", pattern, syntax, legacyBang: first === "!" }, warnings };
}
function flsListWarnings(entries) {
  const hasInclude = entries.some((e) => e.include !== void 0);
  const hasExclude = entries.some((e) => e.exclude !== void 0);
  return hasInclude && hasExclude ? ["fls mixes includes and excludes: the plugin applies only the excludes"] : [];
}
function formatFlsEntry(entry) {
  return entry.exclude !== void 0 ? `~${entry.exclude}` : entry.include;
}
function toFlsEntry(source) {
  const first = source[0];
  return first === "~" || first === "!" ? { exclude: source.slice(1) } : { include: source };
}
function flsInclude(pattern) {
  return { include: pattern };
}
function flsExclude(pattern) {
  return { exclude: pattern };
}

// src/fgac/digests.ts
var _crypto = require('crypto');

// node_modules/@noble/hashes/utils.js
function isBytes(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
}
var atitle = (title) => title ? `"${title}" ` : "";
function anumber(n, title = "") {
  if (typeof n !== "number")
    throw new TypeError(atitle(title) + "expected number, got " + typeof n);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(atitle(title) + "expected integer >= 0, got " + n);
  return n;
}
function abool(value, title = "") {
  if (typeof value !== "boolean")
    throw new TypeError(atitle(title) + "expected boolean, got type=" + typeof value);
  return value;
}
function abytes(value, length, title = "") {
  if (isBytes(value) && (length === void 0 || value.length === length))
    return value;
  if (length !== void 0)
    anumber(length, "length");
  const bytes = isBytes(value);
  const ofLen = length !== void 0 ? ` of length ${length}` : "";
  const got = bytes ? `length=${value.length}` : `type=${typeof value}`;
  const message = atitle(title) + "expected Uint8Array" + ofLen + ", got " + got;
  if (!bytes)
    throw new TypeError(message);
  throw new RangeError(message);
}
function copyBytes(bytes) {
  return Uint8Array.from(abytes(bytes));
}
var aobject = (value, label) => {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new TypeError((label === "object" ? "" : `"${label}" `) + "expected object, got type=" + typeof value);
};
var aopts = (value, label) => {
  aobject(value, label);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    throw new TypeError(`"${label}" expected plain object`);
  if (Object.hasOwn(value, "__proto__"))
    throw new TypeError(`"${label}.__proto__" is not allowed`);
};
function aexists(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("hash was destroyed");
  if (checkFinished && instance.finished)
    throw new Error("digest() was already called");
}
function aoutput(out, instance) {
  abytes(out, void 0, "output");
  const min = instance.outputLen;
  if (!(out.length >= min)) {
    throw new RangeError('"output" expected length >= ' + min);
  }
}
function u8(arr) {
  return new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
}
function u32(arr) {
  return new Uint32Array(arr.buffer, arr.byteOffset, Math.floor(arr.byteLength / 4));
}
function clean(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView(arr) {
  return new DataView(arr.buffer, arr.byteOffset, arr.byteLength);
}
function rotr(word, shift) {
  return word << 32 - shift | word >>> shift;
}
function rotl(word, shift) {
  return word << shift | word >>> 32 - shift >>> 0;
}
var isLE = /* @__PURE__ */ (() => new Uint8Array(new Uint32Array([287454020]).buffer)[0] === 68)();
function byteSwap(word) {
  return word << 24 & 4278190080 | word << 8 & 16711680 | word >>> 8 & 65280 | word >>> 24 & 255;
}
var swap8IfBE = isLE ? (n) => n : (n) => byteSwap(n) >>> 0;
function byteSwap32(arr) {
  for (let i = 0; i < arr.length; i++) {
    arr[i] = byteSwap(arr[i]);
  }
  return arr;
}
var swap32IfBE = isLE ? (u) => u : byteSwap32;
function checkOpts(defaults, opts, title = "opts") {
  aopts(defaults, "defaults");
  if (opts !== void 0)
    aopts(opts, title);
  const merged = Object.assign(/* @__PURE__ */ Object.create(null), defaults, opts);
  return merged;
}
function createHasher(hashCons, info = {}) {
  if (typeof hashCons !== "function")
    throw new TypeError('"hashCons" expected function, got type=' + typeof hashCons);
  info = checkOpts({}, info, "info");
  const hashC = (msg, opts) => hashCons(opts).update(msg).digest();
  const tmp = hashCons(void 0);
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.canXOF = tmp.canXOF;
  hashC.create = (opts) => hashCons(opts);
  Object.assign(hashC, info);
  return Object.freeze(hashC);
}

// node_modules/@noble/hashes/_blake.js
var BSIGMA = /* @__PURE__ */ Uint8Array.from([
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  14,
  10,
  4,
  8,
  9,
  15,
  13,
  6,
  1,
  12,
  0,
  2,
  11,
  7,
  5,
  3,
  11,
  8,
  12,
  0,
  5,
  2,
  15,
  13,
  10,
  14,
  3,
  6,
  7,
  1,
  9,
  4,
  7,
  9,
  3,
  1,
  13,
  12,
  11,
  14,
  2,
  6,
  5,
  10,
  4,
  0,
  15,
  8,
  9,
  0,
  5,
  7,
  2,
  4,
  10,
  15,
  14,
  1,
  11,
  12,
  6,
  8,
  3,
  13,
  2,
  12,
  6,
  10,
  0,
  11,
  8,
  3,
  4,
  13,
  7,
  5,
  15,
  14,
  1,
  9,
  12,
  5,
  1,
  15,
  14,
  13,
  4,
  10,
  0,
  7,
  6,
  3,
  9,
  2,
  8,
  11,
  13,
  11,
  7,
  14,
  12,
  1,
  3,
  9,
  5,
  0,
  15,
  4,
  8,
  6,
  2,
  10,
  6,
  15,
  14,
  9,
  11,
  3,
  0,
  8,
  12,
  2,
  13,
  7,
  1,
  4,
  10,
  5,
  10,
  2,
  8,
  4,
  7,
  6,
  1,
  5,
  15,
  11,
  9,
  14,
  3,
  12,
  13,
  0,
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  14,
  10,
  4,
  8,
  9,
  15,
  13,
  6,
  1,
  12,
  0,
  2,
  11,
  7,
  5,
  3,
  // Blake1, unused in others
  11,
  8,
  12,
  0,
  5,
  2,
  15,
  13,
  10,
  14,
  3,
  6,
  7,
  1,
  9,
  4,
  7,
  9,
  3,
  1,
  13,
  12,
  11,
  14,
  2,
  6,
  5,
  10,
  4,
  0,
  15,
  8,
  9,
  0,
  5,
  7,
  2,
  4,
  10,
  15,
  14,
  1,
  11,
  12,
  6,
  8,
  3,
  13,
  2,
  12,
  6,
  10,
  0,
  11,
  8,
  3,
  4,
  13,
  7,
  5,
  15,
  14,
  1,
  9
]);
function G1s(a, b, c, d, x) {
  a = a + b + x | 0;
  d = rotr(d ^ a, 16);
  c = c + d | 0;
  b = rotr(b ^ c, 12);
  return { a, b, c, d };
}
function G2s(a, b, c, d, x) {
  a = a + b + x | 0;
  d = rotr(d ^ a, 8);
  c = c + d | 0;
  b = rotr(b ^ c, 7);
  return { a, b, c, d };
}

// node_modules/@noble/hashes/_u64.js
var U32_MASK64 = /* @__PURE__ */ (() => BigInt(2 ** 32 - 1))();
var _32n = /* @__PURE__ */ BigInt(32);
function fromBig(n, le = false) {
  if (le)
    return { h: Number(n & U32_MASK64), l: Number(n >> _32n & U32_MASK64) };
  return { h: Number(n >> _32n & U32_MASK64) | 0, l: Number(n & U32_MASK64) | 0 };
}
function split(lst, le = false) {
  const len = lst.length;
  let Ah = new Uint32Array(len);
  let Al = new Uint32Array(len);
  for (let i = 0; i < len; i++) {
    const { h: h2, l } = fromBig(lst[i], le);
    [Ah[i], Al[i]] = [h2, l];
  }
  return [Ah, Al];
}
var fromNumH = (n) => n / 2 ** 32 | 0;
var fromNumL = (n) => n >>> 0;
function setU64FromNum(view, byteOffset, n, isLE2) {
  const h2 = fromNumH(n);
  const l = fromNumL(n);
  view.setUint32(byteOffset, isLE2 ? l : h2, isLE2);
  view.setUint32(byteOffset + 4, isLE2 ? h2 : l, isLE2);
}

// node_modules/@noble/hashes/_md.js
var HashMD = (_class9 = class {
  
  
  __init20() {this.canXOF = false}
  
  
  // For partial updates less than block size
  
  
  __init21() {this.finished = false}
  __init22() {this.length = 0}
  __init23() {this.pos = 0}
  __init24() {this.destroyed = false}
  constructor(blockLen, outputLen, padOffset, isLE2) {;_class9.prototype.__init20.call(this);_class9.prototype.__init21.call(this);_class9.prototype.__init22.call(this);_class9.prototype.__init23.call(this);_class9.prototype.__init24.call(this);
    this.blockLen = blockLen;
    this.outputLen = outputLen;
    this.padOffset = padOffset;
    this.isLE = isLE2;
    this.buffer = new Uint8Array(blockLen);
    this.view = createView(this.buffer);
  }
  update(data) {
    aexists(this);
    abytes(data);
    const { view, buffer, blockLen } = this;
    const len = data.length;
    let processed = false;
    for (let pos = 0; pos < len; ) {
      const take = Math.min(blockLen - this.pos, len - pos);
      if (take === blockLen) {
        const dataView = createView(data);
        for (; blockLen <= len - pos; pos += blockLen)
          this.process(dataView, pos);
        processed = true;
        continue;
      }
      buffer.set(pos === 0 && take === len ? data : data.subarray(pos, pos + take), this.pos);
      this.pos += take;
      pos += take;
      if (this.pos === blockLen) {
        this.process(view, 0);
        this.pos = 0;
        processed = true;
      }
    }
    this.length += data.length;
    if (processed)
      this.roundClean();
    return this;
  }
  digestInto(out) {
    aexists(this);
    aoutput(out, this);
    this.finished = true;
    const { buffer, view, blockLen, isLE: isLE2 } = this;
    let { pos } = this;
    buffer[pos++] = 128;
    buffer.fill(0, pos);
    if (this.padOffset > blockLen - pos) {
      this.process(view, 0);
      buffer.fill(0);
    }
    setU64FromNum(view, blockLen - 8, this.length * 8, isLE2);
    this.process(view, 0);
    this.roundClean();
    const oview = out === buffer ? view : createView(out);
    const len = this.outputLen;
    const outLen = len / 4;
    const state = this.get();
    if (len % 4 || outLen > state.length)
      throw new Error("invalid outputLen");
    for (let i = 0; i < outLen; i++)
      oview.setUint32(4 * i, state[i], isLE2);
  }
  digest() {
    const { buffer, outputLen } = this;
    this.digestInto(buffer);
    const res = buffer.slice(0, outputLen);
    this.destroy();
    return res;
  }
  _cloneIntoMeta(to) {
    const { buffer, length, finished, destroyed, pos } = this;
    to.destroyed = destroyed;
    to.finished = finished;
    to.length = length;
    to.pos = pos;
    if (pos)
      to.buffer.set(buffer);
    return to;
  }
  clone() {
    return this._cloneInto();
  }
}, _class9);
var SHA256_IV = /* @__PURE__ */ Uint32Array.from([
  1779033703,
  3144134277,
  1013904242,
  2773480762,
  1359893119,
  2600822924,
  528734635,
  1541459225
]);

// node_modules/@noble/hashes/blake2.js
function checkBlake2Opts(outputLen, opts = {}, keyLen, saltLen, persLen) {
  anumber(keyLen);
  if (outputLen <= 0 || outputLen > keyLen)
    throw new Error('"dkLen" must be 1..' + keyLen + ", got " + outputLen);
  const { key, salt, personalization } = opts;
  if (key !== void 0 && (key.length < 1 || key.length > keyLen))
    throw new Error('"key" expected to be undefined or of length=1..' + keyLen);
  if (salt !== void 0)
    abytes(salt, saltLen, "salt");
  if (personalization !== void 0)
    abytes(personalization, persLen, "personalization");
}
var _BLAKE2 = (_class10 = class {
  
  
  __init25() {this.finished = false}
  __init26() {this.destroyed = false}
  __init27() {this.length = 0}
  __init28() {this.pos = 0}
  
  
  __init29() {this.canXOF = false}
  constructor(blockLen, outputLen) {;_class10.prototype.__init25.call(this);_class10.prototype.__init26.call(this);_class10.prototype.__init27.call(this);_class10.prototype.__init28.call(this);_class10.prototype.__init29.call(this);
    anumber(blockLen);
    anumber(outputLen);
    this.blockLen = blockLen;
    this.outputLen = outputLen;
    this.buffer = new Uint8Array(blockLen);
    this.buffer32 = u32(this.buffer);
  }
  update(data) {
    aexists(this);
    abytes(data);
    const { blockLen, buffer, buffer32 } = this;
    const len = data.length;
    const offset = data.byteOffset;
    const buf = data.buffer;
    for (let pos = 0; pos < len; ) {
      if (this.pos === blockLen) {
        swap32IfBE(buffer32);
        this.compress(buffer32, 0, false);
        swap32IfBE(buffer32);
        this.pos = 0;
      }
      const take = Math.min(blockLen - this.pos, len - pos);
      const dataOffset = offset + pos;
      if (take === blockLen && !(dataOffset % 4) && pos + take < len) {
        const data32 = new Uint32Array(buf, dataOffset, Math.floor((len - pos) / 4));
        swap32IfBE(data32);
        for (let pos32 = 0; pos + blockLen < len; pos32 += buffer32.length, pos += blockLen) {
          this.length += blockLen;
          this.compress(data32, pos32, false);
        }
        swap32IfBE(data32);
        continue;
      }
      buffer.set(pos === 0 && take === len ? data : data.subarray(pos, pos + take), this.pos);
      this.pos += take;
      this.length += take;
      pos += take;
    }
    return this;
  }
  digestInto(out) {
    aexists(this);
    aoutput(out, this);
    if (out.byteOffset & 3)
      throw new RangeError('"output" expected 4-byte aligned byteOffset, got ' + out.byteOffset);
    const { pos, buffer32 } = this;
    this.finished = true;
    this.buffer.fill(0, pos);
    swap32IfBE(buffer32);
    this.compress(buffer32, 0, true);
    swap32IfBE(buffer32);
    const state = this.get();
    const out32 = out === this.buffer ? buffer32 : u32(out);
    const full = Math.floor(this.outputLen / 4);
    for (let i = 0; i < full; i++)
      out32[i] = swap8IfBE(state[i]);
    const tail2 = this.outputLen % 4;
    if (!tail2)
      return;
    const off = full * 4;
    const word = state[full];
    for (let i = 0; i < tail2; i++)
      out[off + i] = word >>> 8 * i;
  }
  digest() {
    const { buffer, outputLen } = this;
    this.digestInto(buffer);
    const res = buffer.slice(0, outputLen);
    this.destroy();
    return res;
  }
  _cloneInto(to) {
    const { buffer, length, finished, destroyed, outputLen, pos } = this;
    to ||= new this.constructor({ dkLen: outputLen });
    to.set(...this.get());
    to.buffer.set(buffer);
    to.destroyed = destroyed;
    to.finished = finished;
    to.length = length;
    to.pos = pos;
    to.outputLen = outputLen;
    return to;
  }
  clone() {
    return this._cloneInto();
  }
}, _class10);
function _compress(s, offset, msg, rounds, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15) {
  let j = 0;
  for (let i = 0; i < rounds; i++) {
    ({ a: v0, b: v4, c: v8, d: v12 } = G1s(v0, v4, v8, v12, msg[offset + s[j++]]));
    ({ a: v0, b: v4, c: v8, d: v12 } = G2s(v0, v4, v8, v12, msg[offset + s[j++]]));
    ({ a: v1, b: v5, c: v9, d: v13 } = G1s(v1, v5, v9, v13, msg[offset + s[j++]]));
    ({ a: v1, b: v5, c: v9, d: v13 } = G2s(v1, v5, v9, v13, msg[offset + s[j++]]));
    ({ a: v2, b: v6, c: v10, d: v14 } = G1s(v2, v6, v10, v14, msg[offset + s[j++]]));
    ({ a: v2, b: v6, c: v10, d: v14 } = G2s(v2, v6, v10, v14, msg[offset + s[j++]]));
    ({ a: v3, b: v7, c: v11, d: v15 } = G1s(v3, v7, v11, v15, msg[offset + s[j++]]));
    ({ a: v3, b: v7, c: v11, d: v15 } = G2s(v3, v7, v11, v15, msg[offset + s[j++]]));
    ({ a: v0, b: v5, c: v10, d: v15 } = G1s(v0, v5, v10, v15, msg[offset + s[j++]]));
    ({ a: v0, b: v5, c: v10, d: v15 } = G2s(v0, v5, v10, v15, msg[offset + s[j++]]));
    ({ a: v1, b: v6, c: v11, d: v12 } = G1s(v1, v6, v11, v12, msg[offset + s[j++]]));
    ({ a: v1, b: v6, c: v11, d: v12 } = G2s(v1, v6, v11, v12, msg[offset + s[j++]]));
    ({ a: v2, b: v7, c: v8, d: v13 } = G1s(v2, v7, v8, v13, msg[offset + s[j++]]));
    ({ a: v2, b: v7, c: v8, d: v13 } = G2s(v2, v7, v8, v13, msg[offset + s[j++]]));
    ({ a: v3, b: v4, c: v9, d: v14 } = G1s(v3, v4, v9, v14, msg[offset + s[j++]]));
    ({ a: v3, b: v4, c: v9, d: v14 } = G2s(v3, v4, v9, v14, msg[offset + s[j++]]));
  }
  return { v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15 };
}
var B2S_IV = /* @__PURE__ */ SHA256_IV.slice();
var _BLAKE2s = (_class11 = class extends _BLAKE2 {
  // Internal state, same as SHA-256
  __init30() {this.v0 = B2S_IV[0] | 0}
  __init31() {this.v1 = B2S_IV[1] | 0}
  __init32() {this.v2 = B2S_IV[2] | 0}
  __init33() {this.v3 = B2S_IV[3] | 0}
  __init34() {this.v4 = B2S_IV[4] | 0}
  __init35() {this.v5 = B2S_IV[5] | 0}
  __init36() {this.v6 = B2S_IV[6] | 0}
  __init37() {this.v7 = B2S_IV[7] | 0}
  constructor(opts = {}) {
    opts = checkOpts({}, opts);
    const olen = opts.dkLen === void 0 ? 32 : opts.dkLen;
    super(64, olen);_class11.prototype.__init30.call(this);_class11.prototype.__init31.call(this);_class11.prototype.__init32.call(this);_class11.prototype.__init33.call(this);_class11.prototype.__init34.call(this);_class11.prototype.__init35.call(this);_class11.prototype.__init36.call(this);_class11.prototype.__init37.call(this);;
    checkBlake2Opts(olen, opts, 32, 8, 8);
    let { key, personalization, salt } = opts;
    let keyLength = 0;
    if (key !== void 0) {
      abytes(key, void 0, "key");
      keyLength = key.length;
    }
    this.v0 ^= this.outputLen | keyLength << 8 | 1 << 16 | 1 << 24;
    if (salt !== void 0) {
      abytes(salt, void 0, "salt");
      const slt = u32(copyBytes(salt));
      this.v4 ^= swap8IfBE(slt[0]);
      this.v5 ^= swap8IfBE(slt[1]);
    }
    if (personalization !== void 0) {
      abytes(personalization, void 0, "personalization");
      const pers = u32(copyBytes(personalization));
      this.v6 ^= swap8IfBE(pers[0]);
      this.v7 ^= swap8IfBE(pers[1]);
    }
    if (key !== void 0) {
      const tmp = new Uint8Array(this.blockLen);
      tmp.set(key);
      this.update(tmp);
      clean(tmp);
    }
  }
  get() {
    const { v0, v1, v2, v3, v4, v5, v6, v7 } = this;
    return [v0, v1, v2, v3, v4, v5, v6, v7];
  }
  // prettier-ignore
  set(v0, v1, v2, v3, v4, v5, v6, v7) {
    this.v0 = v0 | 0;
    this.v1 = v1 | 0;
    this.v2 = v2 | 0;
    this.v3 = v3 | 0;
    this.v4 = v4 | 0;
    this.v5 = v5 | 0;
    this.v6 = v6 | 0;
    this.v7 = v7 | 0;
  }
  compress(msg, offset, isLast) {
    const l = fromNumL(this.length);
    const h2 = fromNumH(this.length);
    const { v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15 } = _compress(BSIGMA, offset, msg, 10, this.v0, this.v1, this.v2, this.v3, this.v4, this.v5, this.v6, this.v7, B2S_IV[0], B2S_IV[1], B2S_IV[2], B2S_IV[3], l ^ B2S_IV[4], h2 ^ B2S_IV[5], isLast ? ~B2S_IV[6] : B2S_IV[6], B2S_IV[7]);
    this.v0 ^= v0 ^ v8;
    this.v1 ^= v1 ^ v9;
    this.v2 ^= v2 ^ v10;
    this.v3 ^= v3 ^ v11;
    this.v4 ^= v4 ^ v12;
    this.v5 ^= v5 ^ v13;
    this.v6 ^= v6 ^ v14;
    this.v7 ^= v7 ^ v15;
  }
  destroy() {
    this.destroyed = true;
    clean(this.buffer32);
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
  }
}, _class11);
var blake2s = /* @__PURE__ */ createHasher((opts) => new _BLAKE2s(opts));

// node_modules/@noble/hashes/blake3.js
var B3_Flags = {
  CHUNK_START: 1,
  CHUNK_END: 2,
  PARENT: 4,
  ROOT: 8,
  KEYED_HASH: 16,
  DERIVE_KEY_CONTEXT: 32,
  DERIVE_KEY_MATERIAL: 64
};
var B3_IV = /* @__PURE__ */ SHA256_IV.slice();
var B3_SIGMA = /* @__PURE__ */ (() => {
  const Id = Array.from({ length: 16 }, (_, i) => i);
  const permute = (arr) => [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8].map((i) => arr[i]);
  const res = [];
  for (let i = 0, v = Id; i < 7; i++, v = permute(v))
    res.push(...v);
  return Uint8Array.from(res);
})();
var _BLAKE3 = (_class12 = class __BLAKE3 extends _BLAKE2 {
  __init38() {this.canXOF = true}
  __init39() {this.chunkPos = 0}
  // Position of current block in chunk
  // How many chunks we already have; exact while this stays within
  // JS's safe-integer range.
  __init40() {this.chunksDone = 0}
  __init41() {this.flags = 0 | 0}
  
  
  __init42() {this.stack = []}
  // Output
  __init43() {this.posOut = 0}
  __init44() {this.bufferOut32 = new Uint32Array(16)}
  
  // Index of output chunk; exact while this stays within JS's
  // safe-integer range.
  __init45() {this.chunkOut = 0}
  __init46() {this.enableXOF = true}
  constructor(opts = {}, flags = 0) {
    opts = checkOpts({}, opts);
    super(64, opts.dkLen === void 0 ? 32 : opts.dkLen);_class12.prototype.__init38.call(this);_class12.prototype.__init39.call(this);_class12.prototype.__init40.call(this);_class12.prototype.__init41.call(this);_class12.prototype.__init42.call(this);_class12.prototype.__init43.call(this);_class12.prototype.__init44.call(this);_class12.prototype.__init45.call(this);_class12.prototype.__init46.call(this);;
    const { key, context } = opts;
    const hasContext = context !== void 0;
    if (key !== void 0) {
      if (hasContext)
        throw new Error('cannot use both "key" and "context"');
      abytes(key, 32, "key");
      const k = copyBytes(key);
      this.IV = u32(k);
      swap32IfBE(this.IV);
      this.flags = flags | B3_Flags.KEYED_HASH;
    } else if (hasContext) {
      abytes(context, void 0, "context");
      const ctx = context;
      const contextKey = new __BLAKE3({ dkLen: 32 }, B3_Flags.DERIVE_KEY_CONTEXT).update(ctx).digest();
      this.IV = u32(contextKey);
      swap32IfBE(this.IV);
      this.flags = flags | B3_Flags.DERIVE_KEY_MATERIAL;
    } else {
      this.IV = B3_IV;
      this.flags = flags;
    }
    this.state = this.IV.slice();
    this.bufferOut = u8(this.bufferOut32);
  }
  // _BLAKE2's scalar-state hooks are unused here: BLAKE3 keeps its tree/XOF state in arrays and
  // copies it directly in _cloneInto().
  get() {
    return [];
  }
  set() {
  }
  // Truncated chunk/parent compression: seed v8..v15 as IV[0..3], t0, t1,
  // block length, and flags, then keep only the first 8 output words.
  b2Compress(counter, flags, buf, bufPos = 0) {
    const { state: s, pos } = this;
    const t0 = fromNumL(counter);
    const t1 = fromNumH(counter);
    const { v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15 } = _compress(B3_SIGMA, bufPos, buf, 7, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], B3_IV[0], B3_IV[1], B3_IV[2], B3_IV[3], t0, t1, pos, flags);
    s[0] = v0 ^ v8;
    s[1] = v1 ^ v9;
    s[2] = v2 ^ v10;
    s[3] = v3 ^ v11;
    s[4] = v4 ^ v12;
    s[5] = v5 ^ v13;
    s[6] = v6 ^ v14;
    s[7] = v7 ^ v15;
  }
  compress(buf, bufPos = 0, isLast = false) {
    let flags = this.flags;
    if (!this.chunkPos)
      flags |= B3_Flags.CHUNK_START;
    if (this.chunkPos === 15 || isLast)
      flags |= B3_Flags.CHUNK_END;
    if (!isLast)
      this.pos = this.blockLen;
    this.b2Compress(this.chunksDone, flags, buf, bufPos);
    this.chunkPos += 1;
    if (this.chunkPos === 16 || isLast) {
      let chunk = this.state;
      this.state = this.IV.slice();
      for (let last, chunks = this.chunksDone + 1; isLast || !(chunks & 1); chunks = Math.floor(chunks / 2)) {
        if (!(last = this.stack.pop()))
          break;
        this.buffer32.set(last, 0);
        this.buffer32.set(chunk, 8);
        this.pos = this.blockLen;
        this.b2Compress(0, this.flags | B3_Flags.PARENT, this.buffer32, 0);
        chunk = this.state;
        this.state = this.IV.slice();
      }
      this.chunksDone++;
      this.chunkPos = 0;
      this.stack.push(chunk);
    }
    this.pos = 0;
  }
  // Overriding hides _BLAKE2's flat implementation, which would otherwise be inherited
  // and silently miss the tree state (CV stack, chunk counters; get()/set() are stubs here).
  _cloneInto(to) {
    const staleOutput = !!to && to.finished && !to.destroyed;
    to = super._cloneInto(to);
    const { IV: IV3, flags, state, chunkPos, posOut, chunkOut, stack, chunksDone } = this;
    to.state.set(state);
    to.stack = stack.map((i) => Uint32Array.from(i));
    if (IV3 === B3_IV) {
      if (to.IV !== B3_IV)
        clean(to.IV);
      to.IV = B3_IV;
    } else if (to.IV === B3_IV) {
      to.IV = IV3.slice();
    } else {
      to.IV.set(IV3);
    }
    to.flags = flags;
    to.chunkPos = chunkPos;
    to.chunksDone = chunksDone;
    to.posOut = posOut;
    to.chunkOut = chunkOut;
    to.enableXOF = this.enableXOF;
    if (this.finished) {
      to.bufferOut32.set(this.bufferOut32);
    } else if (staleOutput) {
      clean(to.bufferOut32);
    }
    return to;
  }
  destroy() {
    this.destroyed = true;
    clean(this.state, this.buffer32, this.bufferOut32);
    if (this.IV !== B3_IV)
      clean(this.IV);
    clean(...this.stack);
  }
  // Root/XOF compression: rerun the same ROOT inputs with incrementing output
  // counter `t` and materialize all 16 output words.
  // Same as b2Compress, but doesn't modify state and returns 16 u32 array (instead of 8)
  b2CompressOut() {
    const { state: s, pos, flags, buffer32, bufferOut32: out32 } = this;
    const outCounter = this.chunkOut++;
    const t0 = fromNumL(outCounter);
    const t1 = fromNumH(outCounter);
    swap32IfBE(buffer32);
    const { v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15 } = _compress(B3_SIGMA, 0, buffer32, 7, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], B3_IV[0], B3_IV[1], B3_IV[2], B3_IV[3], t0, t1, pos, flags);
    out32[0] = v0 ^ v8;
    out32[1] = v1 ^ v9;
    out32[2] = v2 ^ v10;
    out32[3] = v3 ^ v11;
    out32[4] = v4 ^ v12;
    out32[5] = v5 ^ v13;
    out32[6] = v6 ^ v14;
    out32[7] = v7 ^ v15;
    out32[8] = s[0] ^ v8;
    out32[9] = s[1] ^ v9;
    out32[10] = s[2] ^ v10;
    out32[11] = s[3] ^ v11;
    out32[12] = s[4] ^ v12;
    out32[13] = s[5] ^ v13;
    out32[14] = s[6] ^ v14;
    out32[15] = s[7] ^ v15;
    swap32IfBE(buffer32);
    swap32IfBE(out32);
    this.posOut = 0;
  }
  finish() {
    if (this.finished)
      return;
    this.finished = true;
    this.buffer.fill(0, this.pos);
    let flags = this.flags | B3_Flags.ROOT;
    if (this.stack.length) {
      flags |= B3_Flags.PARENT;
      swap32IfBE(this.buffer32);
      this.compress(this.buffer32, 0, true);
      swap32IfBE(this.buffer32);
      this.chunksDone = 0;
      this.pos = this.blockLen;
    } else {
      flags |= (!this.chunkPos ? B3_Flags.CHUNK_START : 0) | B3_Flags.CHUNK_END;
    }
    this.flags = flags;
    this.b2CompressOut();
  }
  writeInto(out) {
    aexists(this, false);
    abytes(out);
    this.finish();
    const { blockLen, bufferOut } = this;
    for (let pos = 0, len = out.length; pos < len; ) {
      if (this.posOut >= blockLen)
        this.b2CompressOut();
      const take = Math.min(blockLen - this.posOut, len - pos);
      out.set(bufferOut.subarray(this.posOut, this.posOut + take), pos);
      this.posOut += take;
      pos += take;
    }
    return out;
  }
  xofInto(out) {
    if (!this.enableXOF)
      throw new Error("no XOF after digest()");
    return this.writeInto(out);
  }
  xof(bytes) {
    anumber(bytes);
    return this.xofInto(new Uint8Array(bytes));
  }
  digestInto(out) {
    aoutput(out, this);
    if (this.finished)
      throw new Error("digest() was already called");
    this.enableXOF = false;
    this.writeInto(out.length === this.outputLen ? out : out.subarray(0, this.outputLen));
    this.destroy();
  }
  digest() {
    const out = new Uint8Array(this.outputLen);
    this.digestInto(out);
    return out;
  }
}, _class12);
var blake3 = /* @__PURE__ */ createHasher((opts = {}) => new _BLAKE3(opts));

// node_modules/@noble/hashes/legacy.js
var Rho160 = /* @__PURE__ */ Uint8Array.from([
  7,
  4,
  13,
  1,
  10,
  6,
  15,
  3,
  12,
  0,
  9,
  5,
  2,
  14,
  11,
  8
]);
var Id160 = /* @__PURE__ */ (() => Uint8Array.from(new Array(16).fill(0).map((_, i) => i)))();
var Pi160 = /* @__PURE__ */ (() => Id160.map((i) => (9 * i + 5) % 16))();
var idxLR = /* @__PURE__ */ (() => {
  const L = [Id160];
  const R = [Pi160];
  const res = [L, R];
  for (let i = 0; i < 4; i++)
    for (let j of res)
      j.push(j[i].map((k) => Rho160[k]));
  return res;
})();
var idxL = /* @__PURE__ */ (() => idxLR[0])();
var idxR = /* @__PURE__ */ (() => idxLR[1])();
var shifts160 = /* @__PURE__ */ [
  [11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8],
  [12, 13, 11, 15, 6, 9, 9, 7, 12, 15, 11, 13, 7, 8, 7, 7],
  [13, 15, 14, 11, 7, 7, 6, 8, 13, 14, 13, 12, 5, 5, 6, 9],
  [14, 11, 12, 14, 8, 6, 5, 5, 15, 12, 15, 14, 9, 9, 8, 6],
  [15, 12, 13, 13, 9, 5, 8, 6, 14, 11, 12, 11, 8, 6, 5, 5]
].map((i) => Uint8Array.from(i));
var shiftsL160 = /* @__PURE__ */ idxL.map((idx, i) => idx.map((j) => shifts160[i][j]));
var shiftsR160 = /* @__PURE__ */ idxR.map((idx, i) => idx.map((j) => shifts160[i][j]));
var Kl160 = /* @__PURE__ */ Uint32Array.from([
  0,
  1518500249,
  1859775393,
  2400959708,
  2840853838
]);
var Kr160 = /* @__PURE__ */ Uint32Array.from([
  1352829926,
  1548603684,
  1836072691,
  2053994217,
  0
]);
function ripemd_f(group, x, y, z) {
  if (group === 0)
    return x ^ y ^ z;
  if (group === 1)
    return x & y | ~x & z;
  if (group === 2)
    return (x | ~y) ^ z;
  if (group === 3)
    return x & z | y & ~z;
  return x ^ (y | ~z);
}
var BUF_160 = /* @__PURE__ */ new Uint32Array(16);
var _RIPEMD160 = (_class13 = class extends HashMD {
  __init47() {this.h0 = 1732584193 | 0}
  __init48() {this.h1 = 4023233417 | 0}
  __init49() {this.h2 = 2562383102 | 0}
  __init50() {this.h3 = 271733878 | 0}
  __init51() {this.h4 = 3285377520 | 0}
  constructor() {
    super(64, 20, 8, true);_class13.prototype.__init47.call(this);_class13.prototype.__init48.call(this);_class13.prototype.__init49.call(this);_class13.prototype.__init50.call(this);_class13.prototype.__init51.call(this);;
  }
  get() {
    const { h0, h1, h2, h3, h4 } = this;
    return [h0, h1, h2, h3, h4];
  }
  set(h0, h1, h2, h3, h4) {
    this.h0 = h0 | 0;
    this.h1 = h1 | 0;
    this.h2 = h2 | 0;
    this.h3 = h3 | 0;
    this.h4 = h4 | 0;
  }
  _cloneInto(to) {
    (to ||= new this.constructor()).set(...this.get());
    return this._cloneIntoMeta(to);
  }
  process(view, offset) {
    for (let i = 0; i < 16; i++, offset += 4)
      BUF_160[i] = view.getUint32(offset, true);
    let al = this.h0 | 0, ar = al, bl = this.h1 | 0, br = bl, cl = this.h2 | 0, cr = cl, dl = this.h3 | 0, dr = dl, el = this.h4 | 0, er = el;
    for (let group = 0; group < 5; group++) {
      const rGroup = 4 - group;
      const hbl = Kl160[group], hbr = Kr160[group];
      const rl = idxL[group], rr = idxR[group];
      const sl = shiftsL160[group], sr = shiftsR160[group];
      for (let i = 0; i < 16; i++) {
        const tl = rotl(al + ripemd_f(group, bl, cl, dl) + BUF_160[rl[i]] + hbl, sl[i]) + el | 0;
        al = el, el = dl, dl = rotl(cl, 10) | 0, cl = bl, bl = tl;
      }
      for (let i = 0; i < 16; i++) {
        const tr = rotl(ar + ripemd_f(rGroup, br, cr, dr) + BUF_160[rr[i]] + hbr, sr[i]) + er | 0;
        ar = er, er = dr, dr = rotl(cr, 10) | 0, cr = br, br = tr;
      }
    }
    this.set(this.h1 + cl + dr | 0, this.h2 + dl + er | 0, this.h3 + el + ar | 0, this.h4 + al + br | 0, this.h0 + bl + cr | 0);
  }
  roundClean() {
    clean(BUF_160);
  }
  destroy() {
    this.destroyed = true;
    clean(this.buffer);
    this.set(0, 0, 0, 0, 0);
  }
}, _class13);
var ripemd160 = /* @__PURE__ */ createHasher(() => new _RIPEMD160());

// node_modules/@noble/hashes/sha3.js
var _0n = BigInt(0);
var _1n = BigInt(1);
var _2n = BigInt(2);
var _7n = BigInt(7);
var _256n = BigInt(256);
var _0x71n = BigInt(113);
var SHA3_PI = [];
var SHA3_ROTL = [];
var _SHA3_IOTA = [];
for (let round = 0, R = _1n, x = 1, y = 0; round < 24; round++) {
  [x, y] = [y, (2 * x + 3 * y) % 5];
  SHA3_PI.push(2 * (5 * y + x));
  SHA3_ROTL.push((round + 1) * (round + 2) / 2 % 64);
  let t = _0n;
  for (let j = 0; j < 7; j++) {
    R = (R << _1n ^ (R >> _7n) * _0x71n) % _256n;
    if (R & _2n)
      t ^= _1n << (_1n << BigInt(j)) - _1n;
  }
  _SHA3_IOTA.push(t);
}
var IOTAS = split(_SHA3_IOTA, true);
var SHA3_IOTA_H = IOTAS[0];
var SHA3_IOTA_L = IOTAS[1];
var rotlSH = (h2, l, s) => h2 << s | l >>> 32 - s;
var rotlSL = (h2, l, s) => l << s | h2 >>> 32 - s;
var rotlBH = (h2, l, s) => l << s - 32 | h2 >>> 64 - s;
var rotlBL = (h2, l, s) => h2 << s - 32 | l >>> 64 - s;
var rotlH = (h2, l, s) => s > 32 ? rotlBH(h2, l, s) : rotlSH(h2, l, s);
var rotlL = (h2, l, s) => s > 32 ? rotlBL(h2, l, s) : rotlSL(h2, l, s);
var B = new Uint32Array(5 * 2);
function keccakP(s, rounds = 24) {
  if (!(s instanceof Uint32Array))
    throw new TypeError('"s" expected Uint32Array(50), got type=' + typeof s);
  if (s.length !== 50)
    throw new RangeError('"s" expected Uint32Array(50), got length=' + s.length);
  anumber(rounds, "rounds");
  if (rounds < 1 || rounds > 24)
    throw new Error('"rounds" expected integer 1..24');
  for (let round = 24 - rounds; round < 24; round++) {
    for (let x = 0; x < 10; x++)
      B[x] = s[x] ^ s[x + 10] ^ s[x + 20] ^ s[x + 30] ^ s[x + 40];
    for (let x = 0; x < 10; x += 2) {
      const idx1 = (x + 8) % 10;
      const idx0 = (x + 2) % 10;
      const B0 = B[idx0];
      const B1 = B[idx0 + 1];
      const Th = rotlH(B0, B1, 1) ^ B[idx1];
      const Tl = rotlL(B0, B1, 1) ^ B[idx1 + 1];
      for (let y = 0; y < 50; y += 10) {
        s[x + y] ^= Th;
        s[x + y + 1] ^= Tl;
      }
    }
    let curH = s[2];
    let curL = s[3];
    for (let t = 0; t < 24; t++) {
      const shift = SHA3_ROTL[t];
      const Th = rotlH(curH, curL, shift);
      const Tl = rotlL(curH, curL, shift);
      const PI = SHA3_PI[t];
      curH = s[PI];
      curL = s[PI + 1];
      s[PI] = Th;
      s[PI + 1] = Tl;
    }
    for (let y = 0; y < 50; y += 10) {
      const b0 = s[y], b1 = s[y + 1], b2 = s[y + 2], b3 = s[y + 3];
      s[y] ^= ~s[y + 2] & s[y + 4];
      s[y + 1] ^= ~s[y + 3] & s[y + 5];
      s[y + 2] ^= ~s[y + 4] & s[y + 6];
      s[y + 3] ^= ~s[y + 5] & s[y + 7];
      s[y + 4] ^= ~s[y + 6] & s[y + 8];
      s[y + 5] ^= ~s[y + 7] & s[y + 9];
      s[y + 6] ^= ~s[y + 8] & b0;
      s[y + 7] ^= ~s[y + 9] & b1;
      s[y + 8] ^= ~b0 & b2;
      s[y + 9] ^= ~b1 & b3;
    }
    s[0] ^= SHA3_IOTA_H[round];
    s[1] ^= SHA3_IOTA_L[round];
  }
  clean(B);
}
var Keccak = (_class14 = class _Keccak {
  
  __init52() {this.pos = 0}
  __init53() {this.posOut = 0}
  __init54() {this.finished = false}
  
  __init55() {this.destroyed = false}
  
  
  
  
  __init56() {this.enableXOF = false}
  
  // NOTE: we accept arguments in bytes instead of bits here.
  constructor(blockLen, suffix, outputLen, enableXOF = false, rounds = 24) {;_class14.prototype.__init52.call(this);_class14.prototype.__init53.call(this);_class14.prototype.__init54.call(this);_class14.prototype.__init55.call(this);_class14.prototype.__init56.call(this);
    anumber(blockLen, "blockLen");
    anumber(suffix, "suffix");
    anumber(rounds, "rounds");
    abool(enableXOF, "enableXOF");
    this.blockLen = blockLen;
    this.suffix = suffix;
    this.outputLen = outputLen;
    this.enableXOF = enableXOF;
    this.canXOF = enableXOF;
    this.rounds = rounds;
    anumber(outputLen, "outputLen");
    if (!(0 < blockLen && blockLen < 200))
      throw new Error('"blockLen" must be 1..199');
    this.state = new Uint8Array(200);
    this.state32 = u32(this.state);
  }
  clone() {
    return this._cloneInto();
  }
  keccak() {
    swap32IfBE(this.state32);
    keccakP(this.state32, this.rounds);
    swap32IfBE(this.state32);
    this.posOut = 0;
    this.pos = 0;
  }
  update(data) {
    aexists(this);
    abytes(data);
    const { blockLen, state, state32 } = this;
    const len = data.length;
    const canUseU32 = blockLen % 4 === 0 && data.byteOffset % 4 === 0;
    const blockLen32 = blockLen / 4;
    const data32 = canUseU32 && len >= blockLen ? u32(data) : void 0;
    for (let pos = 0; pos < len; ) {
      if (data32 !== void 0 && this.pos === 0 && pos % 4 === 0 && len - pos >= blockLen) {
        for (let i = 0, o = pos / 4; i < blockLen32; i++)
          state32[i] ^= data32[o + i];
        pos += blockLen;
        this.pos = blockLen;
        this.keccak();
        continue;
      }
      const take = Math.min(blockLen - this.pos, len - pos);
      for (let i = 0; i < take; i++)
        state[this.pos++] ^= data[pos++];
      if (this.pos === blockLen)
        this.keccak();
    }
    return this;
  }
  finish() {
    if (this.finished)
      return;
    this.finished = true;
    const { state, suffix, pos, blockLen } = this;
    state[pos] ^= suffix;
    if ((suffix & 128) !== 0 && pos === blockLen - 1)
      this.keccak();
    state[blockLen - 1] ^= 128;
    this.keccak();
  }
  writeInto(out) {
    aexists(this, false);
    abytes(out);
    this.finish();
    const bufferOut = this.state;
    const { blockLen } = this;
    for (let pos = 0, len = out.length; pos < len; ) {
      if (this.posOut >= blockLen)
        this.keccak();
      const take = Math.min(blockLen - this.posOut, len - pos);
      out.set(bufferOut.subarray(this.posOut, this.posOut + take), pos);
      this.posOut += take;
      pos += take;
    }
    return out;
  }
  xofInto(out) {
    if (!this.enableXOF)
      throw new Error("XOF is not enabled");
    return this.writeInto(out);
  }
  xof(bytes) {
    anumber(bytes);
    return this.xofInto(new Uint8Array(bytes));
  }
  digestInto(out) {
    aoutput(out, this);
    if (this.finished)
      throw new Error("digest() was already called");
    this.writeInto(out.length === this.outputLen ? out : out.subarray(0, this.outputLen));
    this.destroy();
  }
  digest() {
    const out = new Uint8Array(this.outputLen);
    this.digestInto(out);
    return out;
  }
  destroy() {
    this.destroyed = true;
    clean(this.state);
  }
  _cloneInto(to) {
    const { blockLen, suffix, outputLen, rounds, enableXOF } = this;
    to ||= new _Keccak(blockLen, suffix, outputLen, enableXOF, rounds);
    to.blockLen = blockLen;
    to.state32.set(this.state32);
    to.pos = this.pos;
    to.posOut = this.posOut;
    to.finished = this.finished;
    to.rounds = rounds;
    to.suffix = suffix;
    to.outputLen = outputLen;
    to.enableXOF = enableXOF;
    to.canXOF = this.canXOF;
    to.destroyed = this.destroyed;
    return to;
  }
}, _class14);
var genKeccak = (suffix, blockLen, outputLen, info = {}) => createHasher(() => new Keccak(blockLen, suffix, outputLen), info);
var keccak_224 = /* @__PURE__ */ genKeccak(1, 144, 28);
var keccak_256 = /* @__PURE__ */ genKeccak(1, 136, 32);
var keccak_384 = /* @__PURE__ */ genKeccak(1, 104, 48);
var keccak_512 = /* @__PURE__ */ genKeccak(1, 72, 64);

// src/fgac/blake2b-wasm.ts
var LOCAL_GET = 32;
var LOCAL_SET = 33;
var I32_CONST = 65;
var I64_CONST = 66;
var I64_LOAD = 41;
var I64_STORE = 55;
var I64_ADD = 124;
var I64_OR = 132;
var I64_XOR = 133;
var I64_SHL = 134;
var I64_ROTR = 138;
var I64_EXTEND_I32_U = 173;
var IF = 4;
var END = 11;
var VOID = 64;
var I32 = 127;
var I64 = 126;
var IV = ["6a09e667f3bcc908", "bb67ae8584caa73b", "3c6ef372fe94f82b", "a54ff53a5f1d36f1", "510e527fade682d1", "9b05688c2b3e6c1f", "1f83d9abfb41bd6b", "5be0cd19137e2179"];
var SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0]
];
function u322(n) {
  const out = [];
  let rest = n >>> 0;
  do {
    let byte = rest & 127;
    rest >>>= 7;
    if (rest !== 0) byte |= 128;
    out.push(byte);
  } while (rest !== 0);
  return out;
}
function s64(value) {
  const out = [];
  let v = BigInt.asIntN(64, value);
  for (; ; ) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v === 0n && (byte & 64) === 0 || v === -1n && (byte & 64) !== 0) {
      out.push(byte);
      return out;
    }
    out.push(byte | 128);
  }
}
var vec = (items) => [...u322(items.length), ...items.flat()];
var section = (id, body) => [id, ...u322(body.length), ...body];
var name = (text) => [...u322(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
function blake2bModuleBytes() {
  const code = [];
  const v = (i) => 3 + i;
  const get = (i) => void code.push(LOCAL_GET, ...u322(i));
  const set = (i) => void code.push(LOCAL_SET, ...u322(i));
  const load = (offset) => void code.push(I32_CONST, 0, I64_LOAD, 3, ...u322(offset));
  const rotr2 = (bits) => void code.push(I64_CONST, ...s64(BigInt(bits)), I64_ROTR);
  for (let i = 0; i < 8; i++) {
    load(8 * i);
    set(v(i));
  }
  for (let i = 0; i < 8; i++) {
    code.push(I64_CONST, ...s64(BigInt(`0x${IV[i]}`)));
    set(v(8 + i));
  }
  get(v(12));
  get(0);
  code.push(I64_EXTEND_I32_U);
  get(1);
  code.push(I64_EXTEND_I32_U, I64_CONST, ...s64(32n), I64_SHL, I64_OR, I64_XOR);
  set(v(12));
  get(2);
  code.push(IF, VOID);
  get(v(14));
  code.push(I64_CONST, ...s64(-1n), I64_XOR);
  set(v(14));
  code.push(END);
  const g = (a, b, c, d, x, y) => {
    const add2 = (to, from, word) => {
      get(v(to));
      get(v(from));
      code.push(I64_ADD);
      if (word !== void 0) {
        load(64 + 8 * word);
        code.push(I64_ADD);
      }
      set(v(to));
    };
    const xorRotr = (to, from, bits) => {
      get(v(to));
      get(v(from));
      code.push(I64_XOR);
      rotr2(bits);
      set(v(to));
    };
    add2(a, b, x);
    xorRotr(d, a, 32);
    add2(c, d);
    xorRotr(b, c, 24);
    add2(a, b, y);
    xorRotr(d, a, 16);
    add2(c, d);
    xorRotr(b, c, 63);
  };
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10];
    const w = (i) => s[i];
    g(0, 4, 8, 12, w(0), w(1));
    g(1, 5, 9, 13, w(2), w(3));
    g(2, 6, 10, 14, w(4), w(5));
    g(3, 7, 11, 15, w(6), w(7));
    g(0, 5, 10, 15, w(8), w(9));
    g(1, 6, 11, 12, w(10), w(11));
    g(2, 7, 8, 13, w(12), w(13));
    g(3, 4, 9, 14, w(14), w(15));
  }
  for (let i = 0; i < 8; i++) {
    code.push(I32_CONST, 0);
    load(8 * i);
    get(v(i));
    code.push(I64_XOR);
    get(v(i + 8));
    code.push(I64_XOR, I64_STORE, 3, ...u322(8 * i));
  }
  code.push(END);
  const body = [...vec([[16, I64]]), ...code];
  return Uint8Array.from([
    0,
    97,
    115,
    109,
    1,
    0,
    0,
    0,
    ...section(1, vec([[96, 3, I32, I32, I32, 0]])),
    // type 0: (i32, i32, i32) -> ()
    ...section(3, vec([[0]])),
    // function 0 has type 0
    ...section(5, vec([[0, 1]])),
    // one memory of at least one page
    ...section(7, vec([[...name("compress"), 0, 0], [...name("memory"), 2, 0]])),
    ...section(10, vec([[...u322(body.length), ...body]]))
  ]);
}
var runner;
var inPlace;
function wasmBlake2b() {
  if (runner !== void 0) return _nullishCoalesce(runner, () => ( void 0));
  runner = null;
  try {
    const wasm = globalThis.WebAssembly;
    if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1 || wasm === void 0) return void 0;
    const instance = new wasm.Instance(new wasm.Module(blake2bModuleBytes()));
    const compress3 = instance.exports.compress;
    const buffer = instance.exports.memory.buffer;
    const memory = new Uint8Array(buffer);
    const bytes = new Uint8Array(buffer, 0, 192);
    const words = new Int32Array(buffer, 0, 16);
    const block32 = new Int32Array(buffer, 0, 48);
    runner = (state, data, len, out) => {
      words.set(state);
      let off = 0;
      while (len - off > 128) {
        bytes.set(data.subarray(off, off + 128), 64);
        off += 128;
        compress3(off >>> 0, Math.floor(off / 4294967296), 0);
      }
      bytes.fill(0, 64);
      bytes.set(data.subarray(off, len), 64);
      compress3(len >>> 0, Math.floor(len / 4294967296), 1);
      out.set(words);
    };
    inPlace = {
      memory,
      offset: 64,
      capacity: memory.length - 64,
      hashInPlace(state, len) {
        for (let i = 0; i < 16; i++) words[i] = state[i];
        let off = 64;
        let rest = len;
        while (rest > 128) {
          if (off !== 64) memory.copyWithin(64, off, off + 128);
          off += 128;
          rest -= 128;
          compress3(len - rest, 0, 0);
        }
        if (off !== 64) memory.copyWithin(64, off, off + rest);
        let z = 64 + rest;
        while ((z & 3) !== 0 && z < 192) memory[z++] = 0;
        for (let w = z >> 2; w < 48; w++) block32[w] = 0;
        compress3(len, 0, 1);
      }
    };
  } catch (e6) {
    runner = null;
  }
  return _nullishCoalesce(runner, () => ( void 0));
}
function wasmBlake2bInPlace() {
  if (runner === void 0) wasmBlake2b();
  return inPlace;
}

// src/fgac/blake2b.ts
var IV2 = /* @__PURE__ */ Int32Array.of(
  4089235720,
  1779033703,
  2227873595,
  3144134277,
  4271175723,
  1013904242,
  1595750129,
  2773480762,
  2917565137,
  1359893119,
  725511199,
  2600822924,
  4215389547,
  528734635,
  327033209,
  1541459225
);
var SIGMA2 = /* @__PURE__ */ Uint8Array.from(
  [
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    15,
    14,
    10,
    4,
    8,
    9,
    15,
    13,
    6,
    1,
    12,
    0,
    2,
    11,
    7,
    5,
    3,
    11,
    8,
    12,
    0,
    5,
    2,
    15,
    13,
    10,
    14,
    3,
    6,
    7,
    1,
    9,
    4,
    7,
    9,
    3,
    1,
    13,
    12,
    11,
    14,
    2,
    6,
    5,
    10,
    4,
    0,
    15,
    8,
    9,
    0,
    5,
    7,
    2,
    4,
    10,
    15,
    14,
    1,
    11,
    12,
    6,
    8,
    3,
    13,
    2,
    12,
    6,
    10,
    0,
    11,
    8,
    3,
    4,
    13,
    7,
    5,
    15,
    14,
    1,
    9,
    12,
    5,
    1,
    15,
    14,
    13,
    4,
    10,
    0,
    7,
    6,
    3,
    9,
    2,
    8,
    11,
    13,
    11,
    7,
    14,
    12,
    1,
    3,
    9,
    5,
    0,
    15,
    4,
    8,
    6,
    2,
    10,
    6,
    15,
    14,
    9,
    11,
    3,
    0,
    8,
    12,
    2,
    13,
    7,
    1,
    4,
    10,
    5,
    10,
    2,
    8,
    4,
    7,
    6,
    1,
    5,
    15,
    11,
    9,
    14,
    3,
    12,
    13,
    0
  ],
  (x) => x * 2
);
var TWO_32 = 4294967296;
var m = new Int32Array(32);
var h = new Int32Array(16);
var tail = new Uint8Array(128);
var scratch = new Uint8Array(1024);
function compress(block2, off, count, last) {
  for (let i = 0; i < 32; i++) {
    const o = off + i * 4;
    m[i] = block2[o] | block2[o + 1] << 8 | block2[o + 2] << 16 | block2[o + 3] << 24;
  }
  let v0l = h[0];
  let v0h = h[1];
  let v1l = h[2];
  let v1h = h[3];
  let v2l = h[4];
  let v2h = h[5];
  let v3l = h[6];
  let v3h = h[7];
  let v4l = h[8];
  let v4h = h[9];
  let v5l = h[10];
  let v5h = h[11];
  let v6l = h[12];
  let v6h = h[13];
  let v7l = h[14];
  let v7h = h[15];
  let v8l = IV2[0];
  let v8h = IV2[1];
  let v9l = IV2[2];
  let v9h = IV2[3];
  let v10l = IV2[4];
  let v10h = IV2[5];
  let v11l = IV2[6];
  let v11h = IV2[7];
  let v12l = IV2[8];
  let v12h = IV2[9];
  let v13l = IV2[10];
  let v13h = IV2[11];
  let v14l = IV2[12];
  let v14h = IV2[13];
  let v15l = IV2[14];
  let v15h = IV2[15];
  v12l ^= count;
  v12h ^= Math.floor(count / TWO_32);
  if (last) {
    v14l = ~v14l;
    v14h = ~v14h;
  }
  let t;
  let u;
  let x;
  let y;
  for (let r = 0; r < 12; r++) {
    const s = r % 10 * 16;
    x = SIGMA2[s + 0];
    y = SIGMA2[s + 1];
    t = v0l + v4l | 0;
    v0h = v0h + v4h + (t >>> 0 < v4l >>> 0 ? 1 : 0) | 0;
    v0l = t;
    u = m[x];
    t = v0l + u | 0;
    v0h = v0h + m[x + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v0l = t;
    t = v12l ^ v0l;
    v12l = v12h ^ v0h;
    v12h = t;
    t = v8l + v12l | 0;
    v8h = v8h + v12h + (t >>> 0 < v12l >>> 0 ? 1 : 0) | 0;
    v8l = t;
    t = v4l ^ v8l;
    u = v4h ^ v8h;
    v4l = t >>> 24 | u << 8;
    v4h = u >>> 24 | t << 8;
    t = v0l + v4l | 0;
    v0h = v0h + v4h + (t >>> 0 < v4l >>> 0 ? 1 : 0) | 0;
    v0l = t;
    u = m[y];
    t = v0l + u | 0;
    v0h = v0h + m[y + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v0l = t;
    t = v12l ^ v0l;
    u = v12h ^ v0h;
    v12l = t >>> 16 | u << 16;
    v12h = u >>> 16 | t << 16;
    t = v8l + v12l | 0;
    v8h = v8h + v12h + (t >>> 0 < v12l >>> 0 ? 1 : 0) | 0;
    v8l = t;
    t = v4l ^ v8l;
    u = v4h ^ v8h;
    v4l = t << 1 | u >>> 31;
    v4h = u << 1 | t >>> 31;
    x = SIGMA2[s + 2];
    y = SIGMA2[s + 3];
    t = v1l + v5l | 0;
    v1h = v1h + v5h + (t >>> 0 < v5l >>> 0 ? 1 : 0) | 0;
    v1l = t;
    u = m[x];
    t = v1l + u | 0;
    v1h = v1h + m[x + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v1l = t;
    t = v13l ^ v1l;
    v13l = v13h ^ v1h;
    v13h = t;
    t = v9l + v13l | 0;
    v9h = v9h + v13h + (t >>> 0 < v13l >>> 0 ? 1 : 0) | 0;
    v9l = t;
    t = v5l ^ v9l;
    u = v5h ^ v9h;
    v5l = t >>> 24 | u << 8;
    v5h = u >>> 24 | t << 8;
    t = v1l + v5l | 0;
    v1h = v1h + v5h + (t >>> 0 < v5l >>> 0 ? 1 : 0) | 0;
    v1l = t;
    u = m[y];
    t = v1l + u | 0;
    v1h = v1h + m[y + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v1l = t;
    t = v13l ^ v1l;
    u = v13h ^ v1h;
    v13l = t >>> 16 | u << 16;
    v13h = u >>> 16 | t << 16;
    t = v9l + v13l | 0;
    v9h = v9h + v13h + (t >>> 0 < v13l >>> 0 ? 1 : 0) | 0;
    v9l = t;
    t = v5l ^ v9l;
    u = v5h ^ v9h;
    v5l = t << 1 | u >>> 31;
    v5h = u << 1 | t >>> 31;
    x = SIGMA2[s + 4];
    y = SIGMA2[s + 5];
    t = v2l + v6l | 0;
    v2h = v2h + v6h + (t >>> 0 < v6l >>> 0 ? 1 : 0) | 0;
    v2l = t;
    u = m[x];
    t = v2l + u | 0;
    v2h = v2h + m[x + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v2l = t;
    t = v14l ^ v2l;
    v14l = v14h ^ v2h;
    v14h = t;
    t = v10l + v14l | 0;
    v10h = v10h + v14h + (t >>> 0 < v14l >>> 0 ? 1 : 0) | 0;
    v10l = t;
    t = v6l ^ v10l;
    u = v6h ^ v10h;
    v6l = t >>> 24 | u << 8;
    v6h = u >>> 24 | t << 8;
    t = v2l + v6l | 0;
    v2h = v2h + v6h + (t >>> 0 < v6l >>> 0 ? 1 : 0) | 0;
    v2l = t;
    u = m[y];
    t = v2l + u | 0;
    v2h = v2h + m[y + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v2l = t;
    t = v14l ^ v2l;
    u = v14h ^ v2h;
    v14l = t >>> 16 | u << 16;
    v14h = u >>> 16 | t << 16;
    t = v10l + v14l | 0;
    v10h = v10h + v14h + (t >>> 0 < v14l >>> 0 ? 1 : 0) | 0;
    v10l = t;
    t = v6l ^ v10l;
    u = v6h ^ v10h;
    v6l = t << 1 | u >>> 31;
    v6h = u << 1 | t >>> 31;
    x = SIGMA2[s + 6];
    y = SIGMA2[s + 7];
    t = v3l + v7l | 0;
    v3h = v3h + v7h + (t >>> 0 < v7l >>> 0 ? 1 : 0) | 0;
    v3l = t;
    u = m[x];
    t = v3l + u | 0;
    v3h = v3h + m[x + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v3l = t;
    t = v15l ^ v3l;
    v15l = v15h ^ v3h;
    v15h = t;
    t = v11l + v15l | 0;
    v11h = v11h + v15h + (t >>> 0 < v15l >>> 0 ? 1 : 0) | 0;
    v11l = t;
    t = v7l ^ v11l;
    u = v7h ^ v11h;
    v7l = t >>> 24 | u << 8;
    v7h = u >>> 24 | t << 8;
    t = v3l + v7l | 0;
    v3h = v3h + v7h + (t >>> 0 < v7l >>> 0 ? 1 : 0) | 0;
    v3l = t;
    u = m[y];
    t = v3l + u | 0;
    v3h = v3h + m[y + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v3l = t;
    t = v15l ^ v3l;
    u = v15h ^ v3h;
    v15l = t >>> 16 | u << 16;
    v15h = u >>> 16 | t << 16;
    t = v11l + v15l | 0;
    v11h = v11h + v15h + (t >>> 0 < v15l >>> 0 ? 1 : 0) | 0;
    v11l = t;
    t = v7l ^ v11l;
    u = v7h ^ v11h;
    v7l = t << 1 | u >>> 31;
    v7h = u << 1 | t >>> 31;
    x = SIGMA2[s + 8];
    y = SIGMA2[s + 9];
    t = v0l + v5l | 0;
    v0h = v0h + v5h + (t >>> 0 < v5l >>> 0 ? 1 : 0) | 0;
    v0l = t;
    u = m[x];
    t = v0l + u | 0;
    v0h = v0h + m[x + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v0l = t;
    t = v15l ^ v0l;
    v15l = v15h ^ v0h;
    v15h = t;
    t = v10l + v15l | 0;
    v10h = v10h + v15h + (t >>> 0 < v15l >>> 0 ? 1 : 0) | 0;
    v10l = t;
    t = v5l ^ v10l;
    u = v5h ^ v10h;
    v5l = t >>> 24 | u << 8;
    v5h = u >>> 24 | t << 8;
    t = v0l + v5l | 0;
    v0h = v0h + v5h + (t >>> 0 < v5l >>> 0 ? 1 : 0) | 0;
    v0l = t;
    u = m[y];
    t = v0l + u | 0;
    v0h = v0h + m[y + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v0l = t;
    t = v15l ^ v0l;
    u = v15h ^ v0h;
    v15l = t >>> 16 | u << 16;
    v15h = u >>> 16 | t << 16;
    t = v10l + v15l | 0;
    v10h = v10h + v15h + (t >>> 0 < v15l >>> 0 ? 1 : 0) | 0;
    v10l = t;
    t = v5l ^ v10l;
    u = v5h ^ v10h;
    v5l = t << 1 | u >>> 31;
    v5h = u << 1 | t >>> 31;
    x = SIGMA2[s + 10];
    y = SIGMA2[s + 11];
    t = v1l + v6l | 0;
    v1h = v1h + v6h + (t >>> 0 < v6l >>> 0 ? 1 : 0) | 0;
    v1l = t;
    u = m[x];
    t = v1l + u | 0;
    v1h = v1h + m[x + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v1l = t;
    t = v12l ^ v1l;
    v12l = v12h ^ v1h;
    v12h = t;
    t = v11l + v12l | 0;
    v11h = v11h + v12h + (t >>> 0 < v12l >>> 0 ? 1 : 0) | 0;
    v11l = t;
    t = v6l ^ v11l;
    u = v6h ^ v11h;
    v6l = t >>> 24 | u << 8;
    v6h = u >>> 24 | t << 8;
    t = v1l + v6l | 0;
    v1h = v1h + v6h + (t >>> 0 < v6l >>> 0 ? 1 : 0) | 0;
    v1l = t;
    u = m[y];
    t = v1l + u | 0;
    v1h = v1h + m[y + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v1l = t;
    t = v12l ^ v1l;
    u = v12h ^ v1h;
    v12l = t >>> 16 | u << 16;
    v12h = u >>> 16 | t << 16;
    t = v11l + v12l | 0;
    v11h = v11h + v12h + (t >>> 0 < v12l >>> 0 ? 1 : 0) | 0;
    v11l = t;
    t = v6l ^ v11l;
    u = v6h ^ v11h;
    v6l = t << 1 | u >>> 31;
    v6h = u << 1 | t >>> 31;
    x = SIGMA2[s + 12];
    y = SIGMA2[s + 13];
    t = v2l + v7l | 0;
    v2h = v2h + v7h + (t >>> 0 < v7l >>> 0 ? 1 : 0) | 0;
    v2l = t;
    u = m[x];
    t = v2l + u | 0;
    v2h = v2h + m[x + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v2l = t;
    t = v13l ^ v2l;
    v13l = v13h ^ v2h;
    v13h = t;
    t = v8l + v13l | 0;
    v8h = v8h + v13h + (t >>> 0 < v13l >>> 0 ? 1 : 0) | 0;
    v8l = t;
    t = v7l ^ v8l;
    u = v7h ^ v8h;
    v7l = t >>> 24 | u << 8;
    v7h = u >>> 24 | t << 8;
    t = v2l + v7l | 0;
    v2h = v2h + v7h + (t >>> 0 < v7l >>> 0 ? 1 : 0) | 0;
    v2l = t;
    u = m[y];
    t = v2l + u | 0;
    v2h = v2h + m[y + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v2l = t;
    t = v13l ^ v2l;
    u = v13h ^ v2h;
    v13l = t >>> 16 | u << 16;
    v13h = u >>> 16 | t << 16;
    t = v8l + v13l | 0;
    v8h = v8h + v13h + (t >>> 0 < v13l >>> 0 ? 1 : 0) | 0;
    v8l = t;
    t = v7l ^ v8l;
    u = v7h ^ v8h;
    v7l = t << 1 | u >>> 31;
    v7h = u << 1 | t >>> 31;
    x = SIGMA2[s + 14];
    y = SIGMA2[s + 15];
    t = v3l + v4l | 0;
    v3h = v3h + v4h + (t >>> 0 < v4l >>> 0 ? 1 : 0) | 0;
    v3l = t;
    u = m[x];
    t = v3l + u | 0;
    v3h = v3h + m[x + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v3l = t;
    t = v14l ^ v3l;
    v14l = v14h ^ v3h;
    v14h = t;
    t = v9l + v14l | 0;
    v9h = v9h + v14h + (t >>> 0 < v14l >>> 0 ? 1 : 0) | 0;
    v9l = t;
    t = v4l ^ v9l;
    u = v4h ^ v9h;
    v4l = t >>> 24 | u << 8;
    v4h = u >>> 24 | t << 8;
    t = v3l + v4l | 0;
    v3h = v3h + v4h + (t >>> 0 < v4l >>> 0 ? 1 : 0) | 0;
    v3l = t;
    u = m[y];
    t = v3l + u | 0;
    v3h = v3h + m[y + 1] + (t >>> 0 < u >>> 0 ? 1 : 0) | 0;
    v3l = t;
    t = v14l ^ v3l;
    u = v14h ^ v3h;
    v14l = t >>> 16 | u << 16;
    v14h = u >>> 16 | t << 16;
    t = v9l + v14l | 0;
    v9h = v9h + v14h + (t >>> 0 < v14l >>> 0 ? 1 : 0) | 0;
    v9l = t;
    t = v4l ^ v9l;
    u = v4h ^ v9h;
    v4l = t << 1 | u >>> 31;
    v4h = u << 1 | t >>> 31;
  }
  h[0] = h[0] ^ v0l ^ v8l;
  h[1] = h[1] ^ v0h ^ v8h;
  h[2] = h[2] ^ v1l ^ v9l;
  h[3] = h[3] ^ v1h ^ v9h;
  h[4] = h[4] ^ v2l ^ v10l;
  h[5] = h[5] ^ v2h ^ v10h;
  h[6] = h[6] ^ v3l ^ v11l;
  h[7] = h[7] ^ v3h ^ v11h;
  h[8] = h[8] ^ v4l ^ v12l;
  h[9] = h[9] ^ v4h ^ v12h;
  h[10] = h[10] ^ v5l ^ v13l;
  h[11] = h[11] ^ v5h ^ v13h;
  h[12] = h[12] ^ v6l ^ v14l;
  h[13] = h[13] ^ v6h ^ v14h;
  h[14] = h[14] ^ v7l ^ v15l;
  h[15] = h[15] ^ v7h ^ v15h;
}
function blake2bState(dkLen, salt, personalization) {
  if (!Number.isInteger(dkLen) || dkLen < 1 || dkLen > 64) throw new RangeError(`BLAKE2b digest length must be 1-64 bytes, got ${dkLen}`);
  if ((_nullishCoalesce(_optionalChain([salt, 'optionalAccess', _4 => _4.length]), () => ( 0))) > 16 || (_nullishCoalesce(_optionalChain([personalization, 'optionalAccess', _5 => _5.length]), () => ( 0))) > 16) throw new RangeError("BLAKE2b salt and personalization are at most 16 bytes");
  const p = new Uint8Array(64);
  p[0] = dkLen;
  p[2] = 1;
  p[3] = 1;
  if (salt) p.set(salt, 32);
  if (personalization) p.set(personalization, 48);
  const state = new Int32Array(16);
  for (let i = 0; i < 16; i++) {
    const o = i * 4;
    const word = p[o] | p[o + 1] << 8 | p[o + 2] << 16 | p[o + 3] << 24 | 0;
    state[i] = IV2[i] ^ word | 0;
  }
  return state;
}
var engine;
function run(state, data, len) {
  if (engine === void 0) engine = _nullishCoalesce(wasmBlake2b(), () => ( null));
  if (engine !== null) engine(state, data, len, h);
  else runJs(state, data, len);
}
function runJs(state, data, len) {
  h.set(state);
  let off = 0;
  while (len - off > 128) {
    compress(data, off, off + 128, false);
    off += 128;
  }
  tail.fill(0);
  tail.set(data.subarray(off, len));
  compress(tail, 0, len, true);
}
var HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
var hBytes = /* @__PURE__ */ Buffer.from(h.buffer, h.byteOffset, h.byteLength);
var LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
function hexOf(dkLen) {
  if (LITTLE_ENDIAN) return hBytes.toString("hex", 0, dkLen);
  let s = "";
  for (let i = 0; i < dkLen; i++) s += HEX[h[i >> 2] >>> (i & 3) * 8 & 255];
  return s;
}
function blake2bBytes(state, data, dkLen) {
  run(state, data, data.length);
  return digestBytes(dkLen);
}
function digestBytes(dkLen) {
  const out = new Uint8Array(dkLen);
  for (let i = 0; i < dkLen; i++) out[i] = h[i >> 2] >>> (i & 3) * 8 & 255;
  return out;
}
function encodeJavaUtf8Into(s, out, at) {
  const n = s.length;
  let j = at;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      out[j++] = c;
    } else if (c < 2048) {
      out[j++] = 192 | c >> 6;
      out[j++] = 128 | c & 63;
    } else if (c >= 55296 && c <= 57343) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 56319 && next >= 56320 && next <= 57343) {
        const cp2 = 65536 + (c - 55296 << 10) + (next - 56320);
        out[j++] = 240 | cp2 >> 18;
        out[j++] = 128 | cp2 >> 12 & 63;
        out[j++] = 128 | cp2 >> 6 & 63;
        out[j++] = 128 | cp2 & 63;
        i++;
      } else {
        out[j++] = 63;
      }
    } else {
      out[j++] = 224 | c >> 12;
      out[j++] = 128 | c >> 6 & 63;
      out[j++] = 128 | c & 63;
    }
  }
  return j;
}
function encodeJavaUtf8(s) {
  if (scratch.length < s.length * 3) scratch = new Uint8Array(Math.max(s.length * 3, scratch.length * 2));
  return encodeJavaUtf8Into(s, scratch, 0);
}
var wasmInPlace;
var wasmDigest;
function hashStringInPlace(state, value) {
  if (wasmInPlace === void 0) {
    wasmInPlace = _nullishCoalesce((engine !== null ? wasmBlake2bInPlace() : void 0), () => ( null));
    if (wasmInPlace !== null) wasmDigest = Buffer.from(wasmInPlace.memory.buffer, wasmInPlace.memory.byteOffset, 64);
  }
  const w = wasmInPlace;
  if (w === null || value.length * 3 > w.capacity) return void 0;
  const len = encodeJavaUtf8Into(value, w.memory, w.offset) - w.offset;
  w.hashInPlace(state, len);
  return wasmDigest;
}
function blake2bHexOfString(state, value, dkLen) {
  const digest = hashStringInPlace(state, value);
  if (digest !== void 0) return digest.toString("hex", 0, dkLen);
  const len = encodeJavaUtf8(value);
  run(state, scratch, len);
  return hexOf(dkLen);
}
var HEX_DIGIT = /* @__PURE__ */ Uint8Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
function blake2bHexEquals(state, value, dkLen, hex2) {
  if (hex2.length !== dkLen * 2) return false;
  const digest = hashStringInPlace(state, value);
  if (digest === void 0) return blake2bHexOfString(state, value, dkLen) === hex2;
  for (let i = 0; i < dkLen; i++) {
    const b = digest[i];
    if (hex2.charCodeAt(2 * i) !== HEX_DIGIT[b >> 4] || hex2.charCodeAt(2 * i + 1) !== HEX_DIGIT[b & 15]) return false;
  }
  return true;
}

// src/fgac/ripemd320.ts
var R_LEFT = [
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  7,
  4,
  13,
  1,
  10,
  6,
  15,
  3,
  12,
  0,
  9,
  5,
  2,
  14,
  11,
  8,
  3,
  10,
  14,
  4,
  9,
  15,
  8,
  1,
  2,
  7,
  0,
  6,
  13,
  11,
  5,
  12,
  1,
  9,
  11,
  10,
  0,
  8,
  12,
  4,
  13,
  3,
  7,
  15,
  14,
  5,
  6,
  2,
  4,
  0,
  5,
  9,
  7,
  12,
  2,
  10,
  14,
  1,
  3,
  8,
  11,
  6,
  15,
  13
];
var R_RIGHT = [
  5,
  14,
  7,
  0,
  9,
  2,
  11,
  4,
  13,
  6,
  15,
  8,
  1,
  10,
  3,
  12,
  6,
  11,
  3,
  7,
  0,
  13,
  5,
  10,
  14,
  15,
  8,
  12,
  4,
  9,
  1,
  2,
  15,
  5,
  1,
  3,
  7,
  14,
  6,
  9,
  11,
  8,
  12,
  2,
  10,
  0,
  4,
  13,
  8,
  6,
  4,
  1,
  3,
  11,
  15,
  0,
  5,
  12,
  2,
  13,
  9,
  7,
  10,
  14,
  12,
  15,
  10,
  4,
  1,
  5,
  8,
  7,
  6,
  2,
  13,
  14,
  0,
  3,
  9,
  11
];
var S_LEFT = [
  11,
  14,
  15,
  12,
  5,
  8,
  7,
  9,
  11,
  13,
  14,
  15,
  6,
  7,
  9,
  8,
  7,
  6,
  8,
  13,
  11,
  9,
  7,
  15,
  7,
  12,
  15,
  9,
  11,
  7,
  13,
  12,
  11,
  13,
  6,
  7,
  14,
  9,
  13,
  15,
  14,
  8,
  13,
  6,
  5,
  12,
  7,
  5,
  11,
  12,
  14,
  15,
  14,
  15,
  9,
  8,
  9,
  14,
  5,
  6,
  8,
  6,
  5,
  12,
  9,
  15,
  5,
  11,
  6,
  8,
  13,
  12,
  5,
  12,
  13,
  14,
  11,
  8,
  5,
  6
];
var S_RIGHT = [
  8,
  9,
  9,
  11,
  13,
  15,
  15,
  5,
  7,
  7,
  8,
  11,
  14,
  14,
  12,
  6,
  9,
  13,
  15,
  7,
  12,
  8,
  9,
  11,
  7,
  7,
  12,
  7,
  6,
  15,
  13,
  11,
  9,
  7,
  15,
  11,
  8,
  6,
  6,
  14,
  12,
  13,
  5,
  14,
  13,
  13,
  7,
  5,
  15,
  5,
  8,
  11,
  14,
  14,
  6,
  14,
  6,
  9,
  12,
  9,
  12,
  5,
  15,
  8,
  8,
  5,
  12,
  9,
  12,
  5,
  14,
  6,
  8,
  13,
  6,
  5,
  15,
  13,
  11,
  11
];
var K_LEFT = [0, 1518500249, 1859775393, 2400959708, 2840853838];
var K_RIGHT = [1352829926, 1548603684, 1836072691, 2053994217, 0];
var INIT = [1732584193, 4023233417, 2562383102, 271733878, 3285377520, 1985229328, 4275878552, 2309737967, 19088743, 1009589775];
var rol = (x, n) => (x << n | x >>> 32 - n) >>> 0;
function f(j, x, y, z) {
  switch (j) {
    case 0:
      return (x ^ y ^ z) >>> 0;
    case 1:
      return (x & y | ~x & z) >>> 0;
    case 2:
      return ((x | ~y) ^ z) >>> 0;
    case 3:
      return (x & z | y & ~z) >>> 0;
    default:
      return (x ^ (y | ~z)) >>> 0;
  }
}
function compress2(h2, x) {
  const v = h2.slice();
  for (let j = 0; j < 5; j++) {
    for (let i = 16 * j; i < 16 * j + 16; i++) {
      for (const side of [0, 5]) {
        const left = side === 0;
        const [a, b, c, d, e] = [v[side], v[side + 1], v[side + 2], v[side + 3], v[side + 4]];
        const fn = f(left ? j : 4 - j, b, c, d);
        const word = x[(left ? R_LEFT : R_RIGHT)[i]];
        const t = rol(a + fn + word + (left ? K_LEFT : K_RIGHT)[j] >>> 0, (left ? S_LEFT : S_RIGHT)[i]) + e >>> 0;
        v[side] = e;
        v[side + 4] = d;
        v[side + 3] = rol(c, 10);
        v[side + 2] = b;
        v[side + 1] = t;
      }
    }
    const k = [1, 3, 0, 2, 4][j];
    [v[k], v[k + 5]] = [v[k + 5], v[k]];
  }
  for (let k = 0; k < 10; k++) h2[k] = h2[k] + v[k] >>> 0;
}
function ripemd320(data) {
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 128;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  view.setUint32(padded.length - 8, bits >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bits / 4294967296), true);
  const h2 = INIT.slice();
  const block2 = new Uint32Array(16);
  for (let off = 0; off < padded.length; off += 64) {
    for (let w = 0; w < 16; w++) block2[w] = view.getUint32(off + w * 4, true);
    compress2(h2, block2);
  }
  const out = new Uint8Array(40);
  const outView = new DataView(out.buffer);
  h2.forEach((word, k) => outView.setUint32(k * 4, word, true));
  return out;
}

// src/fgac/digests.ts
var nodeHashes;
var node = (name2, outputLength) => () => {
  nodeHashes ??= new Set(_crypto.getHashes.call(void 0, ).map((h2) => h2.toLowerCase()));
  if (!nodeHashes.has(name2)) return void 0;
  return (data) => new Uint8Array((outputLength === void 0 ? _crypto.createHash.call(void 0, name2) : _crypto.createHash.call(void 0, name2, { outputLength })).update(data).digest());
};
var noble = (fn) => () => fn;
var blake2b = (bytes) => () => {
  const state = blake2bState(bytes);
  return (d) => blake2bBytes(state, d, bytes);
};
var nist = (n) => [`2.16.840.1.101.3.4.2.${n}`, `OID.2.16.840.1.101.3.4.2.${n}`];
var SPECS = [
  { canonical: "MD2", bytes: 16, jdk: ["MD2"], aliases: ["1.2.840.113549.2.2"] },
  { canonical: "MD4", bytes: 16, aliases: ["1.2.840.113549.2.4"] },
  { canonical: "MD5", bytes: 16, jdk: ["MD5"], aliases: ["1.2.840.113549.2.5"], make: node("md5") },
  { canonical: "SHA-1", bytes: 20, jdk: ["SHA-1", "SHA", "SHA1", "1.3.14.3.2.26", "OID.1.3.14.3.2.26"], make: node("sha1") },
  { canonical: "SHA-224", bytes: 28, jdk: ["SHA-224", "SHA224", ...nist(4)], make: node("sha224") },
  { canonical: "SHA-256", bytes: 32, jdk: ["SHA-256", "SHA256", ...nist(1)], make: node("sha256") },
  { canonical: "SHA-384", bytes: 48, jdk: ["SHA-384", "SHA384", ...nist(2)], make: node("sha384") },
  { canonical: "SHA-512", bytes: 64, jdk: ["SHA-512", "SHA512", ...nist(3)], make: node("sha512") },
  { canonical: "SHA-512/224", bytes: 28, jdk: ["SHA-512/224", "SHA512/224", ...nist(5)], aliases: ["SHA-512(224)", "SHA512(224)", "SHA512224"], make: node("sha512-224") },
  { canonical: "SHA-512/256", bytes: 32, jdk: ["SHA-512/256", "SHA512/256", ...nist(6)], aliases: ["SHA-512(256)", "SHA512(256)", "SHA512256"], make: node("sha512-256") },
  { canonical: "SHA3-224", bytes: 28, jdk: ["SHA3-224", ...nist(7)], make: node("sha3-224") },
  { canonical: "SHA3-256", bytes: 32, jdk: ["SHA3-256", ...nist(8)], make: node("sha3-256") },
  { canonical: "SHA3-384", bytes: 48, jdk: ["SHA3-384", ...nist(9)], make: node("sha3-384") },
  { canonical: "SHA3-512", bytes: 64, jdk: ["SHA3-512", ...nist(10)], make: node("sha3-512") },
  { canonical: "SHAKE128-256", bytes: 32, aliases: ["SHAKE128", ...nist(11)], make: node("shake128", 32) },
  { canonical: "SHAKE256-512", bytes: 64, aliases: ["SHAKE256", ...nist(12)], make: node("shake256", 64) },
  { canonical: "SM3", bytes: 32, aliases: ["1.2.156.10197.1.401"], make: node("sm3") },
  { canonical: "RIPEMD128", bytes: 16, aliases: ["1.3.36.3.2.2"] },
  { canonical: "RIPEMD160", bytes: 20, aliases: ["1.3.36.3.2.1"], make: noble((d) => ripemd160(d)) },
  { canonical: "RIPEMD256", bytes: 32, aliases: ["1.3.36.3.2.3"] },
  { canonical: "RIPEMD320", bytes: 40, make: noble((d) => ripemd320(d)) },
  { canonical: "KECCAK-224", bytes: 28, make: noble((d) => keccak_224(d)) },
  { canonical: "KECCAK-256", bytes: 32, make: noble((d) => keccak_256(d)) },
  { canonical: "KECCAK-288", bytes: 36 },
  { canonical: "KECCAK-384", bytes: 48, make: noble((d) => keccak_384(d)) },
  { canonical: "KECCAK-512", bytes: 64, make: noble((d) => keccak_512(d)) },
  { canonical: "BLAKE2B-160", bytes: 20, aliases: ["1.3.6.1.4.1.1722.12.2.1.5"], make: blake2b(20) },
  { canonical: "BLAKE2B-256", bytes: 32, aliases: ["1.3.6.1.4.1.1722.12.2.1.8"], make: blake2b(32) },
  { canonical: "BLAKE2B-384", bytes: 48, aliases: ["1.3.6.1.4.1.1722.12.2.1.12"], make: blake2b(48) },
  { canonical: "BLAKE2B-512", bytes: 64, aliases: ["1.3.6.1.4.1.1722.12.2.1.16"], make: blake2b(64) },
  ...[[128, 4], [160, 5], [224, 7], [256, 8]].map(([bits, arc]) => ({
    canonical: `BLAKE2S-${bits}`,
    bytes: bits / 8,
    aliases: [`1.3.6.1.4.1.1722.12.2.2.${arc}`],
    make: noble((d) => blake2s(d, { dkLen: bits / 8 }))
  })),
  { canonical: "BLAKE3-256", bytes: 32, make: noble((d) => blake3(d, { dkLen: 32 })) },
  { canonical: "TIGER", bytes: 24 },
  { canonical: "WHIRLPOOL", bytes: 64, aliases: ["1.0.10118.3.0.55", "OID.1.0.10118.3.0.55"] },
  { canonical: "GOST3411", bytes: 32, aliases: ["GOST", "GOST-3411", "1.2.643.2.2.9"] },
  { canonical: "GOST3411-2012-256", bytes: 32, aliases: ["1.2.643.7.1.1.2.2"] },
  { canonical: "GOST3411-2012-512", bytes: 64, aliases: ["1.2.643.7.1.1.2.3"] },
  ...[256, 384, 512].map((bits, k) => ({
    canonical: `DSTU7564-${bits}`,
    bytes: bits / 8,
    aliases: [`1.2.804.2.1.1.1.1.2.2.${k + 1}`, `OID.1.2.804.2.1.1.1.1.2.2.${k + 1}`]
  })),
  ...[[256, [128, 160, 224, 256]], [512, [128, 160, 224, 256, 384, 512]], [1024, [384, 512, 1024]]].flatMap(([state, outs]) => outs.map((bits) => ({ canonical: `SKEIN-${state}-${bits}`, bytes: bits / 8 }))),
  { canonical: "PARALLELHASH128-256", bytes: 32 },
  { canonical: "PARALLELHASH256-512", bytes: 64 },
  { canonical: "TUPLEHASH128-256", bytes: 32 },
  { canonical: "TUPLEHASH256-512", bytes: 64 },
  { canonical: "HARAKA-256", bytes: 32, fixedInput: 32 },
  { canonical: "HARAKA-512", bytes: 32, fixedInput: 64 }
];
var NOT_IN_BC_FIPS = /^(KECCAK-|BLAKE2B-|BLAKE2S-|BLAKE3-|SM3$)/;
var table;
function catalogue() {
  if (table) return table;
  const t = /* @__PURE__ */ new Map();
  for (const s of SPECS) {
    let hash = null;
    const jdkNames = _nullishCoalesce(s.jdk, () => ( []));
    const names = [.../* @__PURE__ */ new Set([s.canonical, ...jdkNames, ..._nullishCoalesce(s.aliases, () => ( []))])];
    const info = {
      canonical: s.canonical,
      names,
      jdkNames,
      v3: !NOT_IN_BC_FIPS.test(s.canonical),
      bytes: s.bytes,
      ...s.fixedInput !== void 0 ? { fixedInput: s.fixedInput } : {},
      get hash() {
        if (hash === null) hash = _optionalChain([s, 'access', _6 => _6.make, 'optionalCall', _7 => _7()]);
        return hash;
      }
    };
    for (const n of names) t.set(n.toUpperCase(), info);
  }
  table = t;
  return t;
}
function findDigest(name2) {
  return catalogue().get(name2.toUpperCase());
}
function digestNames() {
  return [...new Set(catalogue().values())].flatMap((d) => d.names);
}
function digestLength(algorithm) {
  return _optionalChain([findDigest, 'call', _8 => _8(algorithm), 'optionalAccess', _9 => _9.bytes]);
}

// src/fgac/masked-field.ts
var V3_FORM_MESSAGE = "A field masking expression must have the form 'field_name', 'field_name::algorithm', 'field_name::regex::replacement' or 'field_name::(regex::replacement)+'";
var V2_PROBE = "";
function substringBoundsMessage(tokenLength, dialect) {
  if (dialect === "v3") return tokenLength === 0 ? "Range [1, 0) out of bounds for length 0" : "Range [0, -1) out of bounds for length 0";
  return tokenLength === 0 ? "begin 1, end 0, length 0" : "begin 0, end -1, length 0";
}
function fieldPatternProblem(field, a) {
  if (!(field.startsWith("/") && field.endsWith("/"))) return;
  if (field.length < 2) {
    a.failsOnUse = { code: "field-pattern", message: "A field regex needs at least one character between the slashes", exact: false };
    return;
  }
  const check = checkJavaRegex(field.slice(1, -1));
  if (!check.ok) a.failsOnUse = { code: "field-pattern", message: `Invalid regular expression ${field}: ${check.message}`, exact: false };
  else if (!check.reproducible) a.unsupported ??= check.unsupported;
}
function analyzeDigest(field, algorithm, dialect, extra, a) {
  const info = findDigest(algorithm);
  const isExtra = extra.some((x) => x.toUpperCase() === algorithm.toUpperCase());
  if ((info === void 0 || dialect === "v3" && !info.v3) && !isExtra) {
    const message = dialect === "v2" ? `java.security.NoSuchAlgorithmException: ${algorithm} MessageDigest not available` : `Invalid algorithm ${algorithm}`;
    a.rejected = { code: "unknown-algorithm", message, exact: true };
    return;
  }
  a.expression = { kind: "hash", field, algorithm };
  if (_optionalChain([info, 'optionalAccess', _10 => _10.fixedInput]) !== void 0) {
    const message = `input must be exactly ${info.fixedInput} bytes`;
    if (dialect === "v2") {
      a.rejected = { code: "unknown-algorithm", message, exact: true };
      return;
    }
    a.warnings.push(`${algorithm} masks only values of exactly ${info.fixedInput} bytes; searches fail on any other value (${message})`);
  }
  if (_optionalChain([info, 'optionalAccess', _11 => _11.hash]) === void 0) a.unsupported ??= `digest ${algorithm} is not available in this runtime`;
}
function regexNotes(regex, check, a) {
  if (!check.reproducible) {
    a.unsupported ??= check.unsupported;
    a.warnings.push(`/${regex}/ uses Java-only regex syntax the client cannot reproduce (${_nullishCoalesce(check.unsupported, () => ( ""))}); verifyHits reports such masks as unverifiable`);
  } else if (check.javaOnly.length > 0) {
    a.warnings.push(`/${regex}/ uses Java-only regex syntax (${check.javaOnly.join(", ")}); JavaScript's RegExp reads it differently`);
  }
  if (!check.verified) a.warnings.push(`/${regex}/: the client cannot tell whether the JDK accepts it`);
}
function analyzeRegexChain(field, tokens, dialect, a) {
  const replacements = [];
  for (let i = 1; i < tokens.length - 1; i += 2) {
    const token = tokens[i];
    const wrapped = token.startsWith("/") && token.endsWith("/");
    if (dialect === "v3" && !wrapped) {
      a.rejected = { code: "regex-token", message: "A regular expression needs to be wrapped in /.../", exact: true };
      return;
    }
    if (token.length < 2) {
      a.rejected = { code: "regex-token", message: substringBoundsMessage(token.length, dialect), exact: true };
      return;
    }
    if (dialect === "v3") {
      const check = checkJavaRegex(token.slice(1, -1));
      if (!check.ok) {
        a.rejected = regexSyntax(token.slice(1, -1), check.message);
        return;
      }
    }
    if (!wrapped) a.warnings.push(`'${token}' is not wrapped in /.../: OpenSearch 2.x strips its first and last character, OpenSearch 3.x rejects it`);
    replacements.push({ regex: token.slice(1, -1), replacement: tokens[i + 1] });
  }
  a.expression = { kind: "regex", field, replacements };
  let probe = dialect === "v2" ? V2_PROBE : void 0;
  for (const { regex, replacement } of replacements) {
    const check = checkJavaRegex(regex);
    if (!check.ok) {
      a.rejected = regexSyntax(regex, check.message);
      return;
    }
    regexNotes(regex, check, a);
    const replacementError = checkJavaReplacement(replacement, check.groups);
    if (probe !== void 0) {
      try {
        probe = javaReplaceAll(probe, regex, replacement);
      } catch (e) {
        if (e instanceof UnsupportedJavaRegexError) probe = void 0;
        else if (e instanceof MaskingExpressionError) {
          a.rejected = { code: "replacement", message: e.message, exact: true };
          return;
        } else throw e;
      }
    }
    if (replacementError !== null) a.failsOnUse ??= { code: "replacement", message: replacementError, exact: true };
  }
}
function regexSyntax(regex, jdkMessage) {
  return { code: "regex-syntax", message: `Invalid regular expression /${regex}/: ${jdkMessage}`, exact: false, serverMessage: jdkMessage };
}
var cache2 = /* @__PURE__ */ new Map();
function analyzeMaskedField(source, options = {}) {
  const dialect = _nullishCoalesce(options.dialect, () => ( "v2"));
  const extra = _nullishCoalesce(options.extraAlgorithms, () => ( []));
  const key = `${dialect}\0${extra.join("\0")}\0${source}`;
  const hit = cache2.get(key);
  if (hit) return hit;
  const tokens = source.split("::");
  const field = _nullishCoalesce(tokens[0], () => ( ""));
  const a = { source, warnings: [] };
  if (tokens.length === 1) a.expression = { kind: "default", field };
  else if (tokens.length === 2) analyzeDigest(field, _nullishCoalesce(tokens[1], () => ( "")), dialect, extra, a);
  else if (tokens.length % 2 === 0) {
    const message = dialect === "v2" ? `Expected 1 or 2 or >=3 (but then odd count) tokens, got ${tokens.length}` : V3_FORM_MESSAGE;
    a.rejected = { code: "token-count", message, exact: true };
  } else analyzeRegexChain(field, tokens, dialect, a);
  if (a.rejected === void 0) fieldPatternProblem(field, a);
  if (cache2.size > 1e3) cache2.clear();
  cache2.set(key, a);
  return a;
}
function formatMaskedFieldExpression(expression) {
  const parts = [expression.field];
  if (expression.kind === "hash") parts.push(expression.algorithm);
  if (expression.kind === "regex") {
    if (expression.replacements.length === 0) throw new RangeError("a regex masked field needs at least one /regex/::replacement pair");
    for (const r of expression.replacements) parts.push(`/${r.regex}/`, r.replacement);
  }
  for (const part of parts) {
    if (part.includes("::")) throw new RangeError(`masked field part ${JSON.stringify(part)} contains '::', which the plugin uses as separator`);
  }
  return parts.join("::");
}

// src/fgac/plugin-version.ts
var VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/;
function parsePluginVersion(version) {
  if (typeof version !== "string") return void 0;
  const text = version.trim();
  const m2 = VERSION.exec(text);
  if (!m2) return void 0;
  return { major: Number(m2[1]), minor: Number(_nullishCoalesce(m2[2], () => ( "0"))), patch: Number(_nullishCoalesce(m2[3], () => ( "0"))), text };
}
function pluginMajorVersion(version) {
  return _optionalChain([parsePluginVersion, 'call', _12 => _12(version), 'optionalAccess', _13 => _13.major]);
}








































exports.STATIC_ACTION_GROUPS = STATIC_ACTION_GROUPS; exports.isStaticActionGroup = isStaticActionGroup; exports.JsonNumber = JsonNumber; exports.parseStrictJson = parseStrictJson; exports.DlsParseError = DlsParseError; exports.dlsVariable = dlsVariable; exports.serializeDls = serializeDls; exports.ignoredTextMessage = ignoredTextMessage; exports.checkDlsText = checkDlsText; exports.readDlsQuery = readDlsQuery; exports.parseDls = parseDls; exports.canonicalDls = canonicalDls; exports.dlsEquals = dlsEquals; exports.MaskingExpressionError = MaskingExpressionError; exports.JavaPatternSyntaxError = JavaPatternSyntaxError; exports.UnsupportedMaskingError = UnsupportedMaskingError; exports.UnsupportedJavaRegexError = UnsupportedJavaRegexError; exports.compileJavaRegex = compileJavaRegex; exports.javaUtf8RoundTrip = javaUtf8RoundTrip; exports.javaReplaceAll = javaReplaceAll; exports.javaMatches = javaMatches; exports.checkJavaRegex = checkJavaRegex; exports.parseFlsPattern = parseFlsPattern; exports.flsListWarnings = flsListWarnings; exports.formatFlsEntry = formatFlsEntry; exports.toFlsEntry = toFlsEntry; exports.flsInclude = flsInclude; exports.flsExclude = flsExclude; exports.blake2bState = blake2bState; exports.blake2bHexOfString = blake2bHexOfString; exports.blake2bHexEquals = blake2bHexEquals; exports.findDigest = findDigest; exports.digestNames = digestNames; exports.digestLength = digestLength; exports.analyzeMaskedField = analyzeMaskedField; exports.formatMaskedFieldExpression = formatMaskedFieldExpression; exports.parsePluginVersion = parsePluginVersion; exports.pluginMajorVersion = pluginMajorVersion;
//# sourceMappingURL=chunk-3Z7MCOS5.cjs.map