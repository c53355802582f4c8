"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _optionalChain(ops) { let lastAccessLHS = undefined; let value = ops[0]; let i = 1; while (i < ops.length) { const op = ops[i]; const fn = ops[i + 1]; i += 2; if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) { return undefined; } if (op === 'access' || op === 'optionalAccess') { lastAccessLHS = value; value = fn(value); } else if (op === 'call' || op === 'optionalCall') { value = fn((...args) => value.call(lastAccessLHS, ...args)); lastAccessLHS = undefined; } } return value; }

var _chunkCPZWHQJFcjs = require('./chunk-CPZWHQJF.cjs');

// src/client/abortable-request.ts
async function abortableRequest(start, signal) {
  if (_optionalChain([signal, 'optionalAccess', _ => _.aborted])) throw signal.reason;
  const pending = start();
  if (signal === void 0) return pending;
  const onAbort = () => {
    try {
      _optionalChain([pending, 'access', _2 => _2.abort, 'optionalCall', _3 => _3()]);
    } catch (e) {
    }
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const settled = Promise.resolve(pending);
  settled.then(void 0, () => void 0);
  try {
    return await _chunkCPZWHQJFcjs.boundedWait.call(void 0, settled, signal, Number.POSITIVE_INFINITY, () => void 0);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}



exports.abortableRequest = abortableRequest;
//# sourceMappingURL=chunk-ZCS3BYHS.cjs.map