"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _nullishCoalesce(lhs, rhsFn) { if (lhs != null) { return lhs; } else { return rhsFn(); } } function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }

var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/ingest/adapters.ts
function keyOf(o) {
  if (o.key === void 0) throw new TypeError(`outcome of record ${o.position} has no key: set IngestRecord.key to the recordId / messageId`);
  return o.key;
}
function toFirehoseResponse(input, outcomes, options = {}) {
  const byKey = new Map(outcomes.map((o) => [keyOf(o), o]));
  return {
    records: input.map(({ recordId, data }) => {
      if (_optionalChain([options, 'access', _ => _.dropped, 'optionalAccess', _2 => _2.has, 'call', _3 => _3(recordId)])) return { recordId, result: "Dropped", data };
      const outcome = byKey.get(recordId);
      if (!outcome) throw new Error(`no outcome for Firehose record ${recordId}: every input record must be ingested or dropped`);
      return { recordId, result: outcome.status === "indexed" ? "Ok" : "ProcessingFailed", data };
    })
  };
}
function toBatchItemFailures(outcomes, options = {}) {
  return {
    batchItemFailures: outcomes.filter((o) => o.status === "failed" && (!options.onlyRetryable || o.retryable)).map((o) => ({ itemIdentifier: keyOf(o) }))
  };
}

// src/ingest/deadline.ts
function deadlineSignal(context, options = {}) {
  if (typeof _optionalChain([context, 'optionalAccess', _4 => _4.getRemainingTimeInMillis]) !== "function") {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("context", "deadlineSignal needs the Lambda context (an object with getRemainingTimeInMillis())");
  }
  const marginMs = _nullishCoalesce(_optionalChain([options, 'optionalAccess', _5 => _5.marginMs]), () => ( 1e3));
  if (typeof marginMs !== "number" || !Number.isInteger(marginMs) || marginMs < 0 || marginMs > 2 ** 31 - 1) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("marginMs", `deadlineSignal option marginMs must be an integer >= 0, got ${String(marginMs)}`);
  }
  const remaining = context.getRemainingTimeInMillis();
  if (typeof remaining !== "number" || Number.isNaN(remaining)) {
    throw new (0, _chunkSHQPWJW6cjs.ConfigError)("context", `context.getRemainingTimeInMillis() returned ${String(remaining)}, not a number of milliseconds`);
  }
  const budget = Math.min(Math.floor(remaining - marginMs), 2 ** 31 - 1);
  const deadline = budget > 0 ? AbortSignal.timeout(budget) : AbortSignal.abort(new DOMException("the invocation deadline has passed", "TimeoutError"));
  return _optionalChain([options, 'optionalAccess', _6 => _6.signal]) === void 0 ? deadline : AbortSignal.any([deadline, options.signal]);
}





exports.toFirehoseResponse = toFirehoseResponse; exports.toBatchItemFailures = toBatchItemFailures; exports.deadlineSignal = deadlineSignal;
//# sourceMappingURL=chunk-3JHBYQWN.cjs.map