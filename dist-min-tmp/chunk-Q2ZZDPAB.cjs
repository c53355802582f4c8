"use strict";Object.defineProperty(exports, "__esModule", {value: true}); var _class; var _class2; var _class3; var _class4; var _class5;// src/ingest/errors.ts
var InvalidRecordError = (_class = class extends Error {constructor(...args) { super(...args); _class.prototype.__init.call(this); }
  __init() {this.name = "InvalidRecordError"}
}, _class);
var BulkResponseMismatchError = (_class2 = class extends Error {constructor(...args2) { super(...args2); _class2.prototype.__init2.call(this); }
  __init2() {this.name = "BulkResponseMismatchError"}
}, _class2);
var IngestAbortedError = (_class3 = class extends Error {
  __init3() {this.name = "IngestAbortedError"}
  /** Whether a bulk request carrying the record was cut while in flight (it may have been applied). */
  
  constructor(message, inFlight, cause) {
    super(message, cause === void 0 ? void 0 : { cause });_class3.prototype.__init3.call(this);;
    this.inFlight = inFlight;
  }
}, _class3);
var FifoGroupFailedError = (_class4 = class extends Error {
  /** The group, and the input position of the earlier record that failed. */
  constructor(message, groupId, failedPosition) {
    super(message);_class4.prototype.__init4.call(this);;
    this.groupId = groupId;
    this.failedPosition = failedPosition;
  }
  
  
  __init4() {this.name = "FifoGroupFailedError"}
}, _class4);
var IngestSourceError = (_class5 = class extends Error {
  constructor(message, report, cause) {
    super(message, { cause });_class5.prototype.__init5.call(this);;
    this.report = report;
  }
  
  __init5() {this.name = "IngestSourceError"}
}, _class5);







exports.InvalidRecordError = InvalidRecordError; exports.BulkResponseMismatchError = BulkResponseMismatchError; exports.IngestAbortedError = IngestAbortedError; exports.FifoGroupFailedError = FifoGroupFailedError; exports.IngestSourceError = IngestSourceError;
//# sourceMappingURL=chunk-Q2ZZDPAB.cjs.map