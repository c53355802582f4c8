"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; } var _class;





var _chunkQ2ZZDPABcjs = require('./chunk-Q2ZZDPAB.cjs');


var _chunkZCS3BYHScjs = require('./chunk-ZCS3BYHS.cjs');






var _chunkCPZWHQJFcjs = require('./chunk-CPZWHQJF.cjs');


var _chunkOJEGTGWYcjs = require('./chunk-OJEGTGWY.cjs');
require('./chunk-DPHKTFA3.cjs');


var _chunkMBVEGIUYcjs = require('./chunk-MBVEGIUY.cjs');



var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/ingest/attempts.ts
var _opensearch = require('@opensearch-project/opensearch');

// src/ingest/item-errors.ts

var MAPPING_TYPES = /* @__PURE__ */ new Set(["mapper_parsing_exception", "strict_dynamic_mapping_exception", "document_parsing_exception"]);
var REJECTED_TYPES = /* @__PURE__ */ new Set(["es_rejected_execution_exception", "rejected_execution_exception"]);
var ITEM_WRITE = { method: "PUT", path: "/_doc" };
var BULK_WRITE = { method: "POST", path: "/_bulk" };
function responseError(status, body, method, path) {
  const meta = {
    body,
    statusCode: status,
    headers: {},
    warnings: null,
    meta: {
      context: null,
      name: "opensearch-fgac-ingest",
      request: { params: { method, path }, options: {}, id: 0 },
      connection: null,
      attempts: 0,
      aborted: false
    }
  };
  return new _opensearch.errors.ResponseError(meta);
}
function classifyItem(status, type) {
  if (status === 429 || type !== void 0 && REJECTED_TYPES.has(type)) return { kind: "throttled", retryable: true };
  if (type === "security_exception" || status === 403 || status === 401) return { kind: "security", retryable: false };
  if (type === "version_conflict_engine_exception" || status === 409) return { kind: "conflict", retryable: false };
  if (type !== void 0 && MAPPING_TYPES.has(type)) return { kind: "mapping", retryable: false };
  if (type === "document_missing_exception" || type === "index_not_found_exception" || status === 404) return { kind: "not_found", retryable: false };
  if (status >= 500) return { kind: "server", retryable: _chunkCPZWHQJFcjs.retryDecision.call(void 0, responseError(status, {}, ITEM_WRITE.method, ITEM_WRITE.path), ITEM_WRITE).retry };
  return { kind: "validation", retryable: false };
}
function itemTypedError(status, error, method, path, secrets) {
  const body = { error: { root_cause: [{ type: error.type, reason: error.reason }], ...error }, status };
  const typed = _chunkMBVEGIUYcjs.toTypedError.call(void 0, responseError(status, body, method, path), secrets === void 0 ? {} : { secrets });
  return typed instanceof Error ? typed : new Error(String(_nullishCoalesce(_nullishCoalesce(error.reason, () => ( error.type)), () => ( "bulk item failed"))));
}
function statusOf(e) {
  const status = e instanceof _opensearch.errors.ResponseError ? _optionalChain([e, 'access', _ => _.meta, 'optionalAccess', _2 => _2.statusCode]) : void 0;
  return typeof status === "number" ? status : void 0;
}
function classifyRequestFailure(e) {
  const decision = _chunkCPZWHQJFcjs.retryDecision.call(void 0, e, BULK_WRITE, { retryUnsafeWrites: true });
  const after = decision.retryAfterMs !== void 0 ? { retryAfterMs: decision.retryAfterMs } : {};
  if (e instanceof _opensearch.errors.DeserializationError) return { kind: "response_mismatch", retryable: true, ambiguous: true };
  if (e instanceof _opensearch.errors.TimeoutError) return { kind: "transport", retryable: decision.retry, ambiguous: true, ...after };
  if (e instanceof _opensearch.errors.NoLivingConnectionsError) return { kind: "transport", retryable: true, ambiguous: false };
  if (e instanceof _opensearch.errors.ConnectionError) {
    return { kind: "transport", retryable: decision.retry, ambiguous: !_chunkCPZWHQJFcjs.isConnectFailure.call(void 0, String(_nullishCoalesce(e.message, () => ( "")))), ...after };
  }
  const status = statusOf(e);
  const ambiguous = status === 502 || status === 504;
  let kind;
  if (status === void 0) kind = "transport";
  else if (status === 401 || status === 403) kind = "security";
  else if (status === 429) kind = "throttled";
  else if (status >= 500) kind = "server";
  else if (status === 404) kind = "not_found";
  else kind = "validation";
  return { kind, retryable: decision.retry, ambiguous, ...after };
}

// src/ingest/response.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function quote(value) {
  try {
    const text = _nullishCoalesce(JSON.stringify(value), () => ( String(value)));
    return text.length > 80 ? `${text.slice(0, 80)}...` : text;
  } catch (e2) {
    return "an unprintable value";
  }
}
function judgeItem(sent, wrapped, position, targets) {
  if (!isRecord(wrapped)) return { type: "mismatch", reason: `bulk response item ${position} is ${wrapped === null ? "null" : quote(wrapped)}` };
  const keys = Object.keys(wrapped);
  if (keys.length !== 1 || keys[0] !== sent.action) {
    return { type: "mismatch", reason: `bulk response item ${position} is not a "${sent.action}" result (keys ${quote(keys)})` };
  }
  const res = wrapped[sent.action];
  if (!isRecord(res)) return { type: "mismatch", reason: `bulk response item ${position} has no ${sent.action} result object` };
  if ("_id" in res && res._id !== sent.id) {
    return { type: "mismatch", reason: `bulk response item ${position} names document ${quote(res._id)}, but ${quote(sent.id)} was sent there` };
  }
  if ("_index" in res && res._index !== sent.index && (typeof res._index !== "string" || targets.has(res._index))) {
    return { type: "mismatch", reason: `bulk response item ${position} names index ${quote(res._index)}, but ${quote(sent.index)} was sent there` };
  }
  const status = res.status;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 200 || status > 599) {
    return { type: "mismatch", reason: `bulk response item ${position} has no valid status (${quote(status)})` };
  }
  const error = res.error;
  if (error !== void 0 && error !== null) {
    if (status < 300) return { type: "mismatch", reason: `bulk response item ${position} has status ${status} and an error` };
    const e = isRecord(error) ? { ...error } : { reason: String(quote(error)) };
    if (typeof e.type !== "string") delete e.type;
    if (typeof e.reason !== "string") e.reason = e.reason === void 0 ? void 0 : quote(e.reason);
    return { type: "error", status, error: e, bare: false };
  }
  if (status >= 300) return { type: "error", status, error: { type: "unknown", reason: `status ${status}` }, bare: true };
  return { type: "ok", status, result: typeof res.result === "string" ? res.result : "ok" };
}
function matchBulkResponse(sent, body) {
  const items = isRecord(body) ? body.items : void 0;
  if (!Array.isArray(items) || items.length !== sent.length) {
    const got = Array.isArray(items) ? `${items.length} items` : "no items";
    const reason = `the bulk response had ${got} for ${sent.length} records: no item can be attributed`;
    return sent.map(() => ({ type: "mismatch", reason }));
  }
  const targets = new Set(sent.map((s) => s.index));
  return sent.map((s, i) => judgeItem(s, items[i], i, targets));
}

// src/ingest/attempts.ts
function itemRetryDelay(round, minMs, maxMs, random = Math.random, retryAfterMs) {
  const floor = Math.max(minMs / 2, _nullishCoalesce(retryAfterMs, () => ( 0)));
  return _chunkCPZWHQJFcjs.computeDelay.call(void 0, round, { minDelayMs: minMs, maxDelayMs: maxMs }, floor, random);
}
function judge(state, p, verdict) {
  const { item } = p;
  if (verdict.type === "ok") return { p, type: "ok", outcome: state.success(p, verdict.result) };
  if (verdict.type === "mismatch") {
    p.ambiguous = true;
    return { p, type: "retry", failure: state.failure(p, new (0, _chunkQ2ZZDPABcjs.BulkResponseMismatchError)(_chunkSHQPWJW6cjs.redactText.call(void 0, verdict.reason, state.secrets)), "response_mismatch", true) };
  }
  const { status, error } = verdict;
  if (item.action === "delete" && status === 404 && verdict.bare) {
    return { p, type: "ok", outcome: state.success(p, "not_found") };
  }
  const { kind, retryable } = classifyItem(status, error.type);
  if (kind === "conflict" && item.action === "create" && p.ambiguous) {
    return { p, type: "ok", outcome: state.success(p, "created", !item.generatedId) };
  }
  const failure = state.failure(p, itemTypedError(status, error, "POST", "/_bulk", state.secrets), kind, retryable);
  return { p, type: retryable ? "retry" : "fail", failure };
}
function bulkBodyOf(pending) {
  const parts = new Array(pending.length);
  for (let i = 0; i < pending.length; i++) parts[i] = pending[i].item.lines;
  return parts.join("");
}
async function attemptOnce(state, send, pending, bulkBody) {
  for (const p of pending) p.attempts++;
  state.stats.bulkRequests++;
  const signal = state.opts.signal;
  let body;
  try {
    body = await send(_nullishCoalesce(bulkBody, () => ( bulkBodyOf(pending))), signal);
  } catch (e) {
    if (_optionalChain([signal, 'optionalAccess', _3 => _3.aborted]) || e instanceof _opensearch.errors.RequestAbortedError) {
      state.abortAll(pending, true);
      return void 0;
    }
    const typed = _chunkMBVEGIUYcjs.toTypedError.call(void 0, e, state.secrets === void 0 ? {} : { secrets: state.secrets });
    const error = typed instanceof Error ? typed : new Error(String(typed));
    const rf = classifyRequestFailure(typed);
    return pending.map((p) => {
      p.ambiguous ||= rf.ambiguous;
      if (rf.retryAfterMs !== void 0) p.retryAfterMs = rf.retryAfterMs;
      return { p, type: rf.retryable ? "retry" : "fail", failure: state.failure(p, error, rf.kind, rf.retryable) };
    });
  }
  const verdicts = matchBulkResponse(pending.map((p) => p.item), body);
  return pending.map((p, i) => judge(state, p, _nullishCoalesce(verdicts[i], () => ( { type: "mismatch", reason: "no verdict" }))));
}
function apply(state, results) {
  const retry = [];
  const retrying = /* @__PURE__ */ new Set();
  for (const r of results) {
    const { p } = r;
    const before = state.failedBefore(p.item);
    if (before !== void 0) {
      state.settleFifo(p, before, true);
      continue;
    }
    const group = _nullishCoalesce(p.item.groupId, () => ( ""));
    if (r.type === "ok") {
      if (state.opts.fifo && retrying.has(group)) state.settleFifo(p, retryHead(retry, group), true);
      else state.settlePending(p, r.outcome);
    } else if (r.type === "fail") {
      state.settlePending(p, r.failure);
    } else {
      p.lastFailure = r.failure;
      retrying.add(group);
      retry.push(p);
    }
  }
  return retry;
}
function retryHead(retry, group) {
  return _nullishCoalesce(_optionalChain([retry, 'access', _4 => _4.find, 'call', _5 => _5((p) => (_nullishCoalesce(p.item.groupId, () => ( ""))) === group), 'optionalAccess', _6 => _6.item, 'access', _7 => _7.position]), () => ( -1));
}
async function runChunk(state, send, chunk, firstBody) {
  const { opts } = state;
  let pending = chunk;
  try {
    for (let round = 1; ; round++) {
      const sendable = [];
      for (const p of pending) {
        const before = state.failedBefore(p.item);
        if (before !== void 0) state.settleFifo(p, before, false);
        else sendable.push(p);
      }
      if (sendable.length === 0) return;
      if (_optionalChain([opts, 'access', _8 => _8.signal, 'optionalAccess', _9 => _9.aborted])) {
        state.abortAll(sendable, false);
        return;
      }
      const results = await attemptOnce(state, send, sendable, round === 1 && sendable.length === chunk.length ? firstBody : void 0);
      const retry = results === void 0 ? [] : apply(state, results);
      state.progress();
      if (retry.length === 0) return;
      if (round > opts.retries) {
        for (const p of retry) if (p.lastFailure !== void 0) state.settlePending(p, p.lastFailure);
        return;
      }
      const retryAfter = Math.max(0, ...retry.map((p) => _nullishCoalesce(p.retryAfterMs, () => ( 0))));
      try {
        await _chunkCPZWHQJFcjs.sleep.call(void 0, itemRetryDelay(round, opts.minDelayMs, opts.maxDelayMs, Math.random, retryAfter), opts.signal);
      } catch (e3) {
        state.abortAll(retry, false);
        return;
      }
      state.stats.retries += retry.length;
      pending = retry;
    }
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    for (const p of chunk) if (!p.done) state.settlePending(p, state.failure(p, error, "transport", true));
  }
}

// src/ingest/chunk.ts
var ACTIONS = /* @__PURE__ */ new Set(["index", "create", "update", "delete"]);
function readFields(record, position) {
  if (record === null || typeof record !== "object") throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position} is not an object`);
  try {
    const r = record;
    return { index: r.index, action: r.action, id: r.id, document: r.document, upsert: r.upsert, routing: r.routing, pipeline: r.pipeline, key: r.key, groupId: r.groupId };
  } catch (e) {
    throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: reading its fields threw (${errorText(e)})`);
  }
}
function errorText(e) {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch (e4) {
    return "unprintable error";
  }
}
function optionalString(value) {
  return typeof value === "string" ? value : void 0;
}
function labelOf(record) {
  let f = {};
  try {
    f = readFields(record, 0);
  } catch (e5) {
  }
  const action = typeof f.action === "string" && ACTIONS.has(f.action) ? f.action : "index";
  return { key: optionalString(f.key), action, index: _nullishCoalesce(optionalString(f.index), () => ( "")), id: optionalString(f.id), groupId: optionalString(f.groupId) };
}
function serialise(value, what, position) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: the ${what} cannot be serialised to JSON (${errorText(e)})`);
  }
  if (typeof text !== "string" || !text.startsWith("{")) throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: the ${what} does not serialise to a JSON object`);
  return text;
}
var lastIndex;
var lastQuoted = "";
function quotedIndex(index) {
  if (index !== lastIndex) {
    lastQuoted = JSON.stringify(index);
    lastIndex = index;
  }
  return lastQuoted;
}
function prepareItem(record, position, generateId) {
  const f = readFields(record, position);
  const action = _nullishCoalesce(f.action, () => ( "index"));
  if (typeof action !== "string" || !ACTIONS.has(action)) throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: action must be index, create, update or delete, got ${JSON.stringify(String(action))}`);
  const act = action;
  if (typeof f.index !== "string" || f.index === "") throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: index is required`);
  if (f.id !== void 0 && (typeof f.id !== "string" || f.id === "")) throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: id must be a non-empty string`);
  if ((act === "update" || act === "delete") && f.id === void 0) throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: ${act} needs an id`);
  if (act !== "delete" && (f.document === null || typeof f.document !== "object")) {
    throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: ${act} needs a document object`);
  }
  if (f.routing !== void 0 && typeof f.routing !== "string") throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: routing must be a string`);
  if (f.pipeline !== void 0 && typeof f.pipeline !== "string") throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: pipeline must be a string`);
  if (f.key !== void 0 && typeof f.key !== "string") throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: key must be a string`);
  if (f.groupId !== void 0 && typeof f.groupId !== "string") throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: groupId must be a string`);
  const generatedId = f.id === void 0;
  let id;
  if (generatedId) {
    try {
      id = generateId();
    } catch (e) {
      throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: generateId threw (${errorText(e)})`);
    }
    if (typeof id !== "string" || id === "") throw new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: generateId must return a non-empty string`);
  } else {
    id = f.id;
  }
  const docId = id;
  const index = f.index;
  let lines;
  if (f.routing === void 0 && f.pipeline === void 0) {
    lines = `{"${act}":{"_index":${quotedIndex(index)},"_id":${JSON.stringify(docId)}}}
`;
  } else {
    const meta = { _index: index, _id: docId };
    if (f.routing !== void 0) meta.routing = f.routing;
    if (f.pipeline !== void 0 && act !== "delete" && act !== "update") meta.pipeline = f.pipeline;
    lines = JSON.stringify({ [act]: meta }) + "\n";
  }
  if (act === "update") {
    const doc = serialise(f.document, "document", position);
    lines += f.upsert === void 0 ? `{"doc":${doc}}
` : `{"doc":${doc},"upsert":${serialise(f.upsert, "upsert", position)}}
`;
  } else if (act !== "delete") {
    lines += serialise(f.document, "document", position) + "\n";
  }
  return { position, action: act, index, id: docId, generatedId, lines, bytes: Buffer.byteLength(lines), key: f.key, groupId: f.groupId };
}
var ChunkBuilder = class {
  constructor(maxBytes, maxCount, bytesOf) {
    this.maxBytes = maxBytes;
    this.maxCount = maxCount;
    this.bytesOf = bytesOf;
  }
  
  
  
  #current = [];
  #size = 0;
  /** Adds `item`; returns the chunk that adding it closed, if any. */
  add(item) {
    const bytes = this.bytesOf(item);
    let closed;
    if (this.#current.length > 0 && (this.#size + bytes > this.maxBytes || this.#current.length >= this.maxCount)) closed = this.take();
    this.#current.push(item);
    this.#size += bytes;
    return closed;
  }
  /** Removes and returns the chunk being filled (undefined when empty). */
  take() {
    if (this.#current.length === 0) return void 0;
    const chunk = this.#current;
    this.#current = [];
    this.#size = 0;
    return chunk;
  }
};

// src/ingest/options.ts
var _crypto = require('crypto');
var INGEST_DEFAULTS = { maxBatchBytes: 5 * 1024 * 1024, maxBatchCount: 1e3, concurrency: 2, retries: 5, minDelayMs: 200, maxDelayMs: 1e4 };
var MAX_TIMER_MS = 2 ** 31 - 1;
function integer(name, value, fallback, min, max) {
  if (value === void 0) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)(name, `ingest option ${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}
function describe(value) {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === void 0) return String(value);
  return `a ${typeof value}`;
}
function fn(name, value) {
  if (value === void 0) return void 0;
  if (typeof value !== "function") throw new (0, _chunkSHQPWJW6cjs.ConfigError)(name, `ingest option ${name} must be a function, got ${describe(value)}`);
  return value;
}
function isAbortSignal(value) {
  if (value instanceof AbortSignal) return true;
  const s = value;
  return typeof s === "object" && s !== null && typeof s.aborted === "boolean" && typeof s.addEventListener === "function" && typeof s.removeEventListener === "function";
}
function resolveIngestOptions(options) {
  if (options === void 0) options = {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("options", `ingest options must be an object, got ${describe(options)}`);
  }
  const o = options;
  const minDelayMs = integer("minDelayMs", o.minDelayMs, INGEST_DEFAULTS.minDelayMs, 0, MAX_TIMER_MS);
  const maxDelayMs = integer("maxDelayMs", o.maxDelayMs, Math.max(INGEST_DEFAULTS.maxDelayMs, minDelayMs), 0, MAX_TIMER_MS);
  if (maxDelayMs < minDelayMs) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("maxDelayMs", `ingest option maxDelayMs (${maxDelayMs}) is below minDelayMs (${minDelayMs})`);
  if (o.refresh !== void 0 && typeof o.refresh !== "boolean" && o.refresh !== "wait_for") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("refresh", `ingest option refresh must be true, false or 'wait_for', got ${describe(o.refresh)}`);
  }
  if (o.outcomes !== void 0 && o.outcomes !== "all" && o.outcomes !== "failed" && o.outcomes !== "none") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("outcomes", `ingest option outcomes must be 'all', 'failed' or 'none', got ${describe(o.outcomes)}`);
  }
  if (o.signal !== void 0 && !isAbortSignal(o.signal)) throw new (0, _chunkSHQPWJW6cjs.ConfigError)("signal", `ingest option signal must be an AbortSignal, got ${describe(o.signal)}`);
  if (o.fifo !== void 0 && typeof o.fifo !== "boolean") throw new (0, _chunkSHQPWJW6cjs.ConfigError)("fifo", `ingest option fifo must be a boolean, got ${describe(o.fifo)}`);
  const fifo = o.fifo === true;
  const concurrency = integer("concurrency", o.concurrency, INGEST_DEFAULTS.concurrency, 1, 1024);
  return {
    maxBatchBytes: integer("maxBatchBytes", o.maxBatchBytes, INGEST_DEFAULTS.maxBatchBytes, 1, 2 ** 31),
    maxBatchCount: integer("maxBatchCount", o.maxBatchCount, INGEST_DEFAULTS.maxBatchCount, 1, 1e6),
    concurrency: fifo ? 1 : concurrency,
    retries: integer("retries", o.retries, INGEST_DEFAULTS.retries, 0, 1e3),
    minDelayMs,
    maxDelayMs,
    refresh: _nullishCoalesce(o.refresh, () => ( false)),
    onProgress: fn("onProgress", o.onProgress),
    onOutcome: fn("onOutcome", o.onOutcome),
    outcomes: _nullishCoalesce(o.outcomes, () => ( "all")),
    signal: o.signal,
    generateId: _nullishCoalesce(fn("generateId", o.generateId), () => ( _crypto.randomUUID)),
    fifo
  };
}

// src/ingest/run-state.ts
function contained(callback, value) {
  if (callback === void 0) return;
  try {
    const result = callback(value);
    if (typeof _optionalChain([result, 'optionalAccess', _10 => _10.then]) === "function") result.then(void 0, () => void 0);
  } catch (e6) {
  }
}
var IngestState = (_class = class {
  constructor(opts, secrets) {;_class.prototype.__init.call(this);
    this.opts = opts;
    this.secrets = secrets;
  }
  
  
  __init() {this.stats = { total: 0, indexed: 0, failed: 0, retries: 0, bulkRequests: 0, failuresByKind: {}, elapsedMs: 0, recordsPerSecond: 0 }}
  #started = Date.now();
  #kept = [];
  /** fifo mode: per group, the lowest input position of a record of that group that failed. */
  #failedFrom = /* @__PURE__ */ new Map();
  /** Records the final outcome of a record (exactly once per record: callers settle each Pending once). */
  settle(outcome) {
    if (outcome.status === "indexed") this.stats.indexed++;
    else {
      this.stats.failed++;
      this.stats.failuresByKind[outcome.kind] = (_nullishCoalesce(this.stats.failuresByKind[outcome.kind], () => ( 0))) + 1;
    }
    if (this.opts.outcomes === "all") this.#kept[outcome.position] = outcome;
    else if (this.opts.outcomes === "failed" && outcome.status === "failed") this.#kept.push(outcome);
    contained(this.opts.onOutcome, outcome);
  }
  /** Settles a pending record once; later calls for the same record are ignored. */
  settlePending(p, outcome) {
    if (p.done) return;
    p.done = true;
    if (outcome.status === "failed" && this.opts.fifo) this.#markGroupFailed(_nullishCoalesce(p.item.groupId, () => ( "")), p.item.position);
    this.settle(outcome);
  }
  /** Settles a record that could not be prepared. */
  settleInvalid(position, label, error) {
    if (this.opts.fifo) this.#markGroupFailed(_nullishCoalesce(label.groupId, () => ( "")), position);
    this.settle({ status: "failed", position, key: label.key, action: label.action, index: label.index, id: label.id, error, kind: "invalid_record", retryable: false, attempts: 0 });
  }
  #markGroupFailed(group, position) {
    const from = this.#failedFrom.get(group);
    if (from === void 0 || position < from) this.#failedFrom.set(group, position);
  }
  /** fifo mode: the position of an earlier failed record of this record's group, if any. */
  failedBefore(item) {
    if (!this.opts.fifo) return void 0;
    const from = this.#failedFrom.get(_nullishCoalesce(item.groupId, () => ( "")));
    return from !== void 0 && from < item.position ? from : void 0;
  }
  /** A failed outcome of a pending record. */
  failure(p, error, kind, retryable) {
    const { item } = p;
    return { status: "failed", position: item.position, key: item.key, action: item.action, index: item.index, id: item.id, error, kind, retryable, attempts: p.attempts };
  }
  /** A success outcome of a pending record. */
  success(p, result, ambiguous = false) {
    const { item } = p;
    const o = {
      status: "indexed",
      position: item.position,
      key: item.key,
      action: item.action,
      index: item.index,
      id: item.id,
      result,
      generatedId: item.generatedId,
      attempts: p.attempts
    };
    if (ambiguous) o.ambiguous = true;
    return o;
  }
  /** fifo mode: settles `p` as failed because record `failedPosition` of its group failed first. */
  settleFifo(p, failedPosition, sent) {
    const group = _nullishCoalesce(p.item.groupId, () => ( ""));
    const what = sent ? "was sent in the same bulk request and is reported failed" : "was not sent";
    const error = new (0, _chunkQ2ZZDPABcjs.FifoGroupFailedError)(`record ${failedPosition} of message group ${JSON.stringify(group)} failed earlier, so this later record ${what} to keep the group's order`, group, failedPosition);
    this.settlePending(p, this.failure(p, error, "fifo_group_failed", true));
  }
  /** The kind for records stopped by the signal: `deadline` when its reason is a TimeoutError. */
  abortKind() {
    const reason = _optionalChain([this, 'access', _11 => _11.opts, 'access', _12 => _12.signal, 'optionalAccess', _13 => _13.reason]);
    return _optionalChain([reason, 'optionalAccess', _14 => _14.name]) === "TimeoutError" ? "deadline" : "aborted";
  }
  /** The failure of a record stopped by the signal (`inFlight`: its bulk request was cut). */
  abortFailure(p, inFlight) {
    const kind = this.abortKind();
    const when = inFlight ? "cut its bulk request in flight (the record may or may not be stored)" : "stopped ingestion before this record was acknowledged";
    const error = new (0, _chunkQ2ZZDPABcjs.IngestAbortedError)(`the ${kind === "deadline" ? "deadline" : "abort signal"} ${when}`, inFlight, _optionalChain([p, 'access', _15 => _15.lastFailure, 'optionalAccess', _16 => _16.error]));
    return this.failure(p, error, kind, true);
  }
  /** Settles every record of `pending` as stopped by the signal. */
  abortAll(pending, inFlight) {
    for (const p of pending) this.settlePending(p, this.abortFailure(p, inFlight));
  }
  /** Settles a record of an array input that was never taken because the signal stopped ingestion. */
  settleUntaken(position, label) {
    const kind = this.abortKind();
    const error = new (0, _chunkQ2ZZDPABcjs.IngestAbortedError)(`the ${kind === "deadline" ? "deadline" : "abort signal"} stopped ingestion before this record was sent`, false);
    this.settle({ status: "failed", position, key: label.key, action: label.action, index: label.index, id: label.id, error, kind, retryable: true, attempts: 0 });
  }
  /** The running totals (a copy). */
  snapshot() {
    const s = this.stats;
    s.elapsedMs = Date.now() - this.#started;
    s.recordsPerSecond = s.elapsedMs > 0 ? Math.round((s.indexed + s.failed) * 1e3 / s.elapsedMs) : 0;
    return { ...s, failuresByKind: { ...s.failuresByKind } };
  }
  /** Tells onProgress the running totals. */
  progress() {
    if (this.opts.onProgress !== void 0) contained(this.opts.onProgress, this.snapshot());
  }
  /** The final report. */
  report(complete) {
    let outcomes;
    if (this.opts.outcomes === "all") {
      outcomes = this.#kept;
      outcomes.length = this.stats.total;
    } else {
      outcomes = this.#kept.sort((a, b) => a.position - b.position);
    }
    return { outcomes, stats: this.snapshot(), complete };
  }
}, _class);

// src/ingest/send.ts
var BULK_FILTER_PATH = "errors,items.*._id,items.*.result,items.*.status,items.*.error,error,status";
function bodyOf(response) {
  return _optionalChain([response, 'optionalAccess', _17 => _17.body]);
}
function bulkSender(client, refresh) {
  const transport = _optionalChain([client, 'optionalAccess', _18 => _18.transport]);
  if (typeof _optionalChain([transport, 'optionalAccess', _19 => _19.request]) !== "function") throw new (0, _chunkSHQPWJW6cjs.ConfigError)("client", "ingest needs an @opensearch-project/opensearch Client (createClient(...) or new Client(...))");
  const request = transport.request.bind(transport);
  const querystring = refresh === false ? { filter_path: BULK_FILTER_PATH } : { refresh: String(refresh), filter_path: BULK_FILTER_PATH };
  return async (bulkBody, signal) => bodyOf(await _chunkZCS3BYHScjs.abortableRequest.call(void 0, () => request({ method: "POST", path: "/_bulk", bulkBody, querystring }), signal));
}

// src/ingest/source.ts
function toStep(result) {
  if (result === null || typeof result !== "object") throw new TypeError(`the input iterator's next() returned ${result === null ? "null" : typeof result}, not an iterator result`);
  const r = result;
  return r.done === true ? { done: true } : { done: false, value: r.value };
}
function arraySource(records) {
  let next = 0;
  return {
    next: () => next < records.length ? { done: false, value: records[next++] } : { done: true },
    close: () => void 0,
    *rest() {
      for (; next < records.length; next++) {
        let value;
        try {
          value = records[next];
        } catch (e7) {
          value = void 0;
        }
        yield [next, value];
      }
    }
  };
}
function iteratorSource(iterator, async) {
  let finished = false;
  return {
    next: () => {
      const result = iterator.next();
      if (!async) {
        const step = toStep(result);
        if (step.done) finished = true;
        return step;
      }
      return Promise.resolve(result).then((r) => {
        const step = toStep(r);
        if (step.done) finished = true;
        return step;
      });
    },
    close: () => {
      if (finished) return;
      finished = true;
      try {
        const closing = _optionalChain([iterator, 'access', _20 => _20.return, 'optionalCall', _21 => _21()]);
        if (closing !== void 0) Promise.resolve(closing).then(void 0, () => void 0);
      } catch (e8) {
      }
    },
    rest: () => []
  };
}
function openSource(records) {
  if (Array.isArray(records)) return arraySource(records);
  if (records !== null && typeof records === "object") {
    const asyncIt = records[Symbol.asyncIterator];
    if (typeof asyncIt === "function") return iteratorSource(asyncIt.call(records), true);
    const syncIt = records[Symbol.iterator];
    if (typeof syncIt === "function") return iteratorSource(syncIt.call(records), false);
  }
  throw new (0, _chunkSHQPWJW6cjs.ConfigError)("records", `ingest needs an array, an iterable or an async iterable of records, got ${records === null ? "null" : typeof records}`);
}

// src/ingest/ingest.ts
async function ingest(client, records, options = {}) {
  const opts = resolveIngestOptions(options);
  const send = bulkSender(client, opts.refresh);
  const source = openSource(records);
  const transport = client.transport;
  const state = new IngestState(opts, transport !== void 0 ? _chunkOJEGTGWYcjs.secretsOf.call(void 0, transport) : void 0);
  const signal = opts.signal;
  const builder = new ChunkBuilder(opts.maxBatchBytes, opts.maxBatchCount, (p) => p.item.bytes);
  const inflight = /* @__PURE__ */ new Set();
  const dispatch = async (chunk) => {
    const body = inflight.size >= opts.concurrency ? bulkBodyOf(chunk) : void 0;
    while (inflight.size >= opts.concurrency) await Promise.race(inflight);
    const task = runChunk(state, send, chunk, body).finally(() => inflight.delete(task));
    inflight.add(task);
  };
  const take = (record, position) => {
    let item;
    try {
      item = prepareItem(record, position, opts.generateId);
    } catch (e) {
      const error = e instanceof _chunkQ2ZZDPABcjs.InvalidRecordError ? e : new (0, _chunkQ2ZZDPABcjs.InvalidRecordError)(`record ${position}: ${e instanceof Error ? e.message : "cannot be prepared"}`);
      state.settleInvalid(position, labelOf(record), error);
      return void 0;
    }
    const p = { item, attempts: 0, ambiguous: false, done: false };
    const before = state.failedBefore(item);
    if (before !== void 0) {
      state.settleFifo(p, before, false);
      return void 0;
    }
    return builder.add(p);
  };
  let complete = true;
  let sourceError;
  try {
    for (; ; ) {
      if (_optionalChain([signal, 'optionalAccess', _22 => _22.aborted])) {
        complete = false;
        break;
      }
      const next = source.next();
      let step;
      if (next instanceof Promise) {
        next.then(void 0, () => void 0);
        try {
          step = await _chunkCPZWHQJFcjs.boundedWait.call(void 0, next, signal, Number.POSITIVE_INFINITY, () => void 0);
        } catch (e) {
          if (_optionalChain([signal, 'optionalAccess', _23 => _23.aborted]) !== true) throw e;
          complete = false;
          break;
        }
      } else {
        step = next;
      }
      if (step.done) break;
      const closed = take(step.value, state.stats.total++);
      if (closed !== void 0) await dispatch(closed);
    }
  } catch (e) {
    sourceError = { error: e };
  } finally {
    source.close();
  }
  const last = builder.take();
  if (last !== void 0) await dispatch(last);
  while (inflight.size > 0) await Promise.race(inflight);
  if (!complete) {
    let untaken = false;
    for (const [position, record] of source.rest()) {
      untaken = true;
      state.stats.total = position + 1;
      state.settleUntaken(position, labelOf(record));
    }
    if (untaken || Array.isArray(records)) complete = true;
  }
  const report = state.report(complete);
  if (sourceError !== void 0) {
    const cause = sourceError.error;
    throw new (0, _chunkQ2ZZDPABcjs.IngestSourceError)(`reading the records failed after ${report.stats.total} records: ${cause instanceof Error ? cause.message : String(cause)}`, report, cause);
  }
  return report;
}


exports.ingest = ingest;
//# sourceMappingURL=ingest-BSLP75DL.cjs.map