"use strict";Object.defineProperty(exports, "__esModule", {value: true});























var _chunkKXKZX7OKcjs = require('./chunk-KXKZX7OK.cjs');





var _chunk3Z7MCOS5cjs = require('./chunk-3Z7MCOS5.cjs');
require('./chunk-SHQPWJW6.cjs');




























exports.AccessViolationError = _chunkKXKZX7OKcjs.AccessViolationError; exports.JavaPatternSyntaxError = _chunk3Z7MCOS5cjs.JavaPatternSyntaxError; exports.MaskingExpressionError = _chunk3Z7MCOS5cjs.MaskingExpressionError; exports.UnsupportedJavaRegexError = _chunk3Z7MCOS5cjs.UnsupportedJavaRegexError; exports.UnsupportedMaskingError = _chunk3Z7MCOS5cjs.UnsupportedMaskingError; exports.assertAccess = _chunkKXKZX7OKcjs.assertAccess; exports.checkPermission = _chunkKXKZX7OKcjs.checkPermission; exports.compareAccess = _chunkKXKZX7OKcjs.compareAccess; exports.evaluateDls = _chunkKXKZX7OKcjs.evaluateDls; exports.expectationsFromRoles = _chunkKXKZX7OKcjs.expectationsFromRoles; exports.explainPermission = _chunkKXKZX7OKcjs.explainPermission; exports.explainSecurityException = _chunkKXKZX7OKcjs.explainSecurityException; exports.fieldTypesFromMapping = _chunkKXKZX7OKcjs.fieldTypesFromMapping; exports.filterDocument = _chunkKXKZX7OKcjs.filterDocument; exports.indexAliasesFrom = _chunkKXKZX7OKcjs.indexAliasesFrom; exports.isFieldVisible = _chunkKXKZX7OKcjs.isFieldVisible; exports.isMaskShaped = _chunkKXKZX7OKcjs.isMaskShaped; exports.mappedRoles = _chunkKXKZX7OKcjs.mappedRoles; exports.maskDocument = _chunkKXKZX7OKcjs.maskDocument; exports.maskValue = _chunkKXKZX7OKcjs.maskValue; exports.matchesFieldPattern = _chunkKXKZX7OKcjs.matchesFieldPattern; exports.parseMaskedField = _chunkKXKZX7OKcjs.parseMaskedField; exports.requiredPrivileges = _chunkKXKZX7OKcjs.requiredPrivileges; exports.serverDlsVerdicts = _chunkKXKZX7OKcjs.serverDlsVerdicts; exports.verifyHits = _chunkKXKZX7OKcjs.verifyHits; exports.verifyHitsWithServer = _chunkKXKZX7OKcjs.verifyHitsWithServer; exports.visibleFields = _chunkKXKZX7OKcjs.visibleFields;
//# sourceMappingURL=verify.cjs.map