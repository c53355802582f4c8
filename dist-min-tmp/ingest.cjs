"use strict";Object.defineProperty(exports, "__esModule", {value: true});



var _chunk3JHBYQWNcjs = require('./chunk-3JHBYQWN.cjs');






var _chunkQ2ZZDPABcjs = require('./chunk-Q2ZZDPAB.cjs');


var _chunk2QCURFYUcjs = require('./chunk-2QCURFYU.cjs');
require('./chunk-SHQPWJW6.cjs');










exports.BulkResponseMismatchError = _chunkQ2ZZDPABcjs.BulkResponseMismatchError; exports.FifoGroupFailedError = _chunkQ2ZZDPABcjs.FifoGroupFailedError; exports.IngestAbortedError = _chunkQ2ZZDPABcjs.IngestAbortedError; exports.IngestSourceError = _chunkQ2ZZDPABcjs.IngestSourceError; exports.InvalidRecordError = _chunkQ2ZZDPABcjs.InvalidRecordError; exports.deadlineSignal = _chunk3JHBYQWNcjs.deadlineSignal; exports.ingest = _chunk2QCURFYUcjs.ingest; exports.toBatchItemFailures = _chunk3JHBYQWNcjs.toBatchItemFailures; exports.toFirehoseResponse = _chunk3JHBYQWNcjs.toFirehoseResponse;
//# sourceMappingURL=ingest.cjs.map