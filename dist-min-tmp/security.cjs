"use strict";Object.defineProperty(exports, "__esModule", {value: true});















var _chunkIIMBNLGTcjs = require('./chunk-IIMBNLGT.cjs');
require('./chunk-ZCS3BYHS.cjs');
require('./chunk-CPZWHQJF.cjs');
require('./chunk-OJEGTGWY.cjs');












var _chunk3Z7MCOS5cjs = require('./chunk-3Z7MCOS5.cjs');
require('./chunk-DPHKTFA3.cjs');
require('./chunk-MBVEGIUY.cjs');
require('./chunk-SHQPWJW6.cjs');



























exports.DlsParseError = _chunk3Z7MCOS5cjs.DlsParseError; exports.STATIC_ACTION_GROUPS = _chunk3Z7MCOS5cjs.STATIC_ACTION_GROUPS; exports.SecurityApi = _chunkIIMBNLGTcjs.SecurityApi; exports.SecurityApiUnavailableError = _chunkIIMBNLGTcjs.SecurityApiUnavailableError; exports.SecurityModelError = _chunkIIMBNLGTcjs.SecurityModelError; exports.checkJavaRegex = _chunk3Z7MCOS5cjs.checkJavaRegex; exports.dlsEquals = _chunk3Z7MCOS5cjs.dlsEquals; exports.dlsVariable = _chunk3Z7MCOS5cjs.dlsVariable; exports.flsExclude = _chunk3Z7MCOS5cjs.flsExclude; exports.flsInclude = _chunk3Z7MCOS5cjs.flsInclude; exports.formatMaskedFieldExpression = _chunk3Z7MCOS5cjs.formatMaskedFieldExpression; exports.fromApiActionGroup = _chunkIIMBNLGTcjs.fromApiActionGroup; exports.fromApiRole = _chunkIIMBNLGTcjs.fromApiRole; exports.fromApiRoleMapping = _chunkIIMBNLGTcjs.fromApiRoleMapping; exports.fromApiTenant = _chunkIIMBNLGTcjs.fromApiTenant; exports.fromApiUser = _chunkIIMBNLGTcjs.fromApiUser; exports.isStaticActionGroup = _chunk3Z7MCOS5cjs.isStaticActionGroup; exports.parseDls = _chunk3Z7MCOS5cjs.parseDls; exports.parseMaskedFieldExpression = _chunkIIMBNLGTcjs.parseMaskedFieldExpression; exports.serializeDls = _chunk3Z7MCOS5cjs.serializeDls; exports.toApiActionGroup = _chunkIIMBNLGTcjs.toApiActionGroup; exports.toApiRole = _chunkIIMBNLGTcjs.toApiRole; exports.toApiRoleMapping = _chunkIIMBNLGTcjs.toApiRoleMapping; exports.toApiTenant = _chunkIIMBNLGTcjs.toApiTenant; exports.toApiUser = _chunkIIMBNLGTcjs.toApiUser; exports.validateRole = _chunkIIMBNLGTcjs.validateRole;
//# sourceMappingURL=security.cjs.map