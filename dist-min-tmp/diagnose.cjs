"use strict";Object.defineProperty(exports, "__esModule", {value: true});require('./chunk-3VF6O5ZH.cjs');


var _chunkOBZUFQQGcjs = require('./chunk-OBZUFQQG.cjs');


var _chunk2QCURFYUcjs = require('./chunk-2QCURFYU.cjs');
require('./chunk-DPHKTFA3.cjs');
require('./chunk-MBVEGIUY.cjs');
require('./chunk-SHQPWJW6.cjs');



exports.checkDomain = _chunk2QCURFYUcjs.checkDomain; exports.diagnoseError = _chunkOBZUFQQGcjs.diagnoseError;
//# sourceMappingURL=diagnose.cjs.map