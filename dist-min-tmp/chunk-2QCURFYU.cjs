"use strict";Object.defineProperty(exports, "__esModule", {value: true}); function _interopRequireWildcard(obj) { if (obj && obj.__esModule) { return obj; } else { var newObj = {}; if (obj != null) { for (var key in obj) { if (Object.prototype.hasOwnProperty.call(obj, key)) { newObj[key] = obj[key]; } } } newObj.default = obj; return newObj; } }// src/entries/on-demand.ts
async function ingest(client, records, options) {
  const implementation = await Promise.resolve().then(() => _interopRequireWildcard(require("./ingest-BSLP75DL.cjs")));
  return implementation.ingest(client, records, options);
}
async function checkDomain(client, options) {
  const implementation = await Promise.resolve().then(() => _interopRequireWildcard(require("./check-domain-LHDK56GV.cjs")));
  return implementation.checkDomain(client, options);
}




exports.ingest = ingest; exports.checkDomain = checkDomain;
//# sourceMappingURL=chunk-2QCURFYU.cjs.map