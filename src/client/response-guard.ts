/**
 * Bounds what a response body can cost. opensearch-js collects a body into one string, and past
 * V8's string limit (about 512 MiB) that throws inside a stream handler: the process dies. So a
 * body is counted as it arrives and the attempt fails (ConnectionError) at the limit; a gzip or
 * deflate body is inflated here, counted after inflation (a 1 MB gzip bomb can inflate to GBs),
 * and handed on without its content-encoding (meta.headers then show no content-encoding); a
 * corrupt compressed body fails the attempt the same way instead of escaping as a bare Error.
 * Streams the caller asked for (`asStream`) are handed over untouched.
 */
import { constants } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { createUnzip } from 'node:zlib';
import { oversizedBodyMessage } from '../errors/guards.js';
import { assignOwn, field, opt } from '../errors/own.js';

type Callback = (err: Error | null, response: IncomingMessage | null) => void;

/**
 * Longest body read, with a 64 MiB margin below the string limit: the chunk that crosses the bound
 * still reaches the Transport before the stream is destroyed (chunks are 16-64 KB).
 */
export const MAX_BODY_LENGTH = constants.MAX_STRING_LENGTH - 64 * 1024 * 1024;

/**
 * Fails `target` once `source` has delivered `limit` bytes or characters: the error is emitted for
 * the Transport's listener, then the stream is destroyed without one (an error passed to destroy()
 * reaches the request, where opensearch-js logs it to the console).
 */
function countUpTo(source: NodeJS.EventEmitter, target: NodeJS.EventEmitter & { destroy(error?: Error): unknown }, limit: number): void {
  let total = 0;
  let failed = false;
  source.on('data', (chunk: Buffer | string) => {
    total += chunk.length;
    if (total < limit || failed) return;
    failed = true;
    emitIfHeard(target, new Error(oversizedBodyMessage(limit)));
    target.destroy();
  });
}

/**
 * Emits `error` on `target` only while someone listens: once the Transport has finished with a body (it
 * removes its listeners on end, error or 'aborted'), an 'error' with no listener would end the process.
 */
function emitIfHeard(target: NodeJS.EventEmitter, error: Error): void {
  if (target.listenerCount('error') > 0) target.emit('error', error);
}

/**
 * The inflated body as a stream the Transport reads like a response (status, headers without
 * content-encoding). The inflater starts with the first byte: an empty body (a HEAD answer, a 204
 * that carries a content-encoding header) stays an empty body, not "unexpected end of file".
 */
function inflated(response: IncomingMessage, limit: number): IncomingMessage {
  const headers = { ...response.headers };
  delete headers['content-encoding'];
  delete headers['content-length'];
  const body = new PassThrough();
  let unzip: ReturnType<typeof createUnzip> | undefined;
  let failed = false;
  // Once: a connection cut mid-body reports 'aborted' (the Transport then fails the attempt and stops
  // listening) and then the response's own 'error' (and the inflater's), which must go nowhere.
  const fail = (error: Error): void => {
    if (failed) return;
    failed = true;
    emitIfHeard(body, error);
    facade.destroy();
  };
  const facade = assignOwn(body, {
    statusCode: response.statusCode,
    statusMessage: response.statusMessage,
    headers,
    destroy(error?: Error) {
      response.destroy();
      unzip?.destroy();
      return PassThrough.prototype.destroy.call(body, error);
    },
  });
  response.on('data', (chunk: Buffer) => {
    if (unzip === undefined) {
      unzip = createUnzip();
      unzip.on('error', fail);
      unzip.pipe(body);
    }
    unzip.write(chunk);
  });
  response.on('end', () => (unzip === undefined ? body.end() : unzip.end()));
  response.on('error', fail);
  response.on('aborted', () => body.emit('aborted'));
  // abort() and the attempt's deadline abort the request; once the compressed bytes are all in, the response no longer
  // reports 'aborted', and the inflation under way (seconds for a large answer) would end the attempt with a success
  // after abort() and past its deadline: it is stopped here, and the Transport told as for a cut response
  (response as { req?: NodeJS.EventEmitter }).req?.once('abort', () => {
    if (failed || body.readableEnded) return;
    failed = true;
    body.emit('aborted');
    facade.destroy();
  });
  countUpTo(body, facade, limit);
  return facade as unknown as IncomingMessage;
}

/** `callback` with the response body bounded to `limit` (see above); unchanged for `asStream` requests. */
export function guardResponse(params: { asStream?: unknown }, callback: Callback, limit = MAX_BODY_LENGTH): Callback {
  if (opt(params, 'asStream') === true) return callback;
  return (err, response) => {
    if (err !== null || response === null) {
      callback(err, response);
      return;
    }
    const encoding = String(field(response.headers, 'content-encoding') ?? '').toLowerCase();
    if (encoding.includes('gzip') || encoding.includes('deflate')) {
      callback(null, inflated(response, limit));
      return;
    }
    // a declared length is what the HTTP parser delivers: nothing to count (the usual answer)
    const declared = response.headers['content-length'];
    if (declared === undefined || !(Number(declared) < limit)) countUpTo(response, response, limit);
    callback(null, response);
  };
}
