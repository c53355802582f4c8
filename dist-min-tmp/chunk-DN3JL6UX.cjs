"use strict";Object.defineProperty(exports, "__esModule", {value: true});

var _chunk2QQD7C5Dcjs = require('./chunk-2QQD7C5D.cjs');

// src/auth/basic-factory.ts
var basicFactory = (auth, _resolution, { requestTimeoutMs, secrets }) => _chunk2QQD7C5Dcjs.createBasicStrategy.call(void 0, auth, { timeoutMs: requestTimeoutMs, secrets });



exports.basicFactory = basicFactory;
//# sourceMappingURL=chunk-DN3JL6UX.cjs.map