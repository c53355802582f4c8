"use strict";Object.defineProperty(exports, "__esModule", {value: true});

var _chunkDN3JL6UXcjs = require('./chunk-DN3JL6UX.cjs');









var _chunk2QQD7C5Dcjs = require('./chunk-2QQD7C5D.cjs');
require('./chunk-CPZWHQJF.cjs');
require('./chunk-OJEGTGWY.cjs');


var _chunkMBVEGIUYcjs = require('./chunk-MBVEGIUY.cjs');




















var _chunkSHQPWJW6cjs = require('./chunk-SHQPWJW6.cjs');

// src/entries/basic.ts
var BASIC = { name: "opensearch-fgac/basic", specs: { basic: _chunk2QQD7C5Dcjs.basicMode, none: _chunk2QQD7C5Dcjs.noneMode }, factories: { basic: _chunkDN3JL6UXcjs.basicFactory, none: _chunk2QQD7C5Dcjs.noneFactory } };
function createClient(options) {
  return _chunk2QQD7C5Dcjs.createClientWith.call(void 0, options, BASIC);
}


























exports.AccessPolicyDeniedError = _chunkSHQPWJW6cjs.AccessPolicyDeniedError; exports.ConfigError = _chunkSHQPWJW6cjs.ConfigError; exports.CredentialsError = _chunkSHQPWJW6cjs.CredentialsError; exports.ExpiredCredentialsError = _chunkSHQPWJW6cjs.ExpiredCredentialsError; exports.FgacResponseError = _chunkSHQPWJW6cjs.FgacResponseError; exports.ForbiddenError = _chunkSHQPWJW6cjs.ForbiddenError; exports.IndexNotFoundError = _chunkSHQPWJW6cjs.IndexNotFoundError; exports.SecurityApiError = _chunkSHQPWJW6cjs.SecurityApiError; exports.SecurityExceptionError = _chunkSHQPWJW6cjs.SecurityExceptionError; exports.ServiceUnavailableError = _chunkSHQPWJW6cjs.ServiceUnavailableError; exports.SignatureMismatchError = _chunkSHQPWJW6cjs.SignatureMismatchError; exports.ThrottledError = _chunkSHQPWJW6cjs.ThrottledError; exports.UnauthorizedError = _chunkSHQPWJW6cjs.UnauthorizedError; exports.authStrategyOf = _chunk2QQD7C5Dcjs.authStrategyOf; exports.createClient = createClient; exports.fromEnv = _chunk2QQD7C5Dcjs.fromEnv; exports.isFgacError = _chunkSHQPWJW6cjs.isFgacError; exports.isPermissionError = _chunkSHQPWJW6cjs.isPermissionError; exports.isRetryable = _chunkSHQPWJW6cjs.isRetryable; exports.redactHeaders = _chunkSHQPWJW6cjs.redactHeaders; exports.redactText = _chunkSHQPWJW6cjs.redactText; exports.redactUrl = _chunkSHQPWJW6cjs.redactUrl; exports.runWithRetry = _chunk2QQD7C5Dcjs.runWithRetry; exports.toTypedError = _chunkMBVEGIUYcjs.toTypedError; exports.validateOptions = _chunk2QQD7C5Dcjs.validateOptions;
//# sourceMappingURL=basic.cjs.map