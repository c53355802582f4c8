/**
 * Shared by the example handlers: reading an SQS or Firehose event into ingest records (an event
 * whose shape cannot be answered for is refused before anything is indexed), reading a payload as a
 * JSON object that ingest sends as the producer wrote it (readJsonObject), and a Lambda `Context` for
 * running the handlers on this machine the way the Node.js runtime calls them:
 * `handler(event, context, callback)`, the deadline counting down from `timeoutMs`.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import type { IngestRecord } from '../src/index.js';

/**
 * An event the handler cannot answer for record by record (no records array, a record without a usable
 * id, a Firehose recordId twice). Thrown before anything is indexed, so the invocation fails whole and
 * nothing is stored that a retry would store again; `field` names the offending field (`Records[2].messageId`).
 */
export class MalformedEventError extends TypeError {
  override readonly name = 'MalformedEventError';
  constructor(readonly field: string, message: string) {
    super(`malformed event: ${field} ${message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

function recordsOf(event: unknown, field: 'Records' | 'records'): unknown[] {
  const list = isObject(event) ? event[field] : undefined;
  if (!Array.isArray(list)) throw new MalformedEventError(field, `must be an array, got ${describe(list)}`);
  return list;
}

/** The record at `at` as an object, and its `name` field as a non-empty string. */
function idOf(record: unknown, at: string, name: string): [Record<string, unknown>, string] {
  if (!isObject(record)) throw new MalformedEventError(at, `must be an object, got ${describe(record)}`);
  const id = record[name];
  if (typeof id !== 'string' || id === '') throw new MalformedEventError(`${at}.${name}`, `must be a non-empty string, got ${id === '' ? 'an empty string' : describe(id)}`);
  return [record, id];
}

/**
 * An SQS event as ingest records (id and key = messageId, document = the JSON object body or undefined,
 * which fails that message alone as `invalid_record`; `onInvalidBody` hears why, see readJsonObject),
 * and whether FIFO mode is needed. A FIFO record's
 * group is its queue plus its MessageGroupId (a message without one shares its queue's one group), so
 * groups of two queues never hold each other back; a standard queue's record is a group of its own.
 * A messageId seen twice is indexed under one id and, if either copy failed, reported once as failed.
 */
export function sqsIngestRecords(
  event: unknown, index: string, onInvalidBody?: (messageId: string, problem: string) => void,
): { records: IngestRecord[]; fifo: boolean } {
  let fifo = false;
  const records = recordsOf(event, 'Records').map((m, i): IngestRecord => {
    const [{ body, eventSourceARN: arn, attributes }, messageId] = idOf(m, `Records[${i}]`, 'messageId');
    if (typeof arn !== 'string' || arn === '') throw new MalformedEventError(`Records[${i}].eventSourceARN`, 'must be a non-empty string (it tells a FIFO queue)');
    const isFifo = arn.endsWith('.fifo');
    fifo ||= isFifo;
    const group = isObject(attributes) && typeof attributes.MessageGroupId === 'string' ? attributes.MessageGroupId : null;
    const read: JsonObjectReading = typeof body === 'string' ? readJsonObject(body) : { problem: `the body is not a string (${describe(body)})` };
    if (read.problem !== undefined) onInvalidBody?.(messageId, read.problem);
    return {
      index, id: messageId, key: messageId, document: read.document,
      groupId: isFifo ? JSON.stringify([arn, group]) : JSON.stringify([arn, null, i]),
    };
  });
  return { records, fifo };
}

/** A Firehose event's records, refused unless each has a distinct non-empty recordId and string data (the response must echo both). */
export function firehoseEventRecords(event: unknown): Array<{ recordId: string; data: string }> {
  const seen = new Set<string>();
  return recordsOf(event, 'records').map((r, i) => {
    const [{ data }, recordId] = idOf(r, `records[${i}]`, 'recordId');
    if (seen.has(recordId)) throw new MalformedEventError(`records[${i}].recordId`, `repeats ${JSON.stringify(recordId)}: Firehose refuses a response naming a recordId twice`);
    seen.add(recordId);
    if (typeof data !== 'string') throw new MalformedEventError(`records[${i}].data`, `must be a base64 string, got ${describe(data)}`);
    return { recordId, data };
  });
}

/**
 * The text a Firehose record's base64 `data` holds, or undefined when it is not canonical base64
 * (RFC 4648 with padding: no whitespace, no URL-safe letters, no stray characters, which Buffer would
 * skip and so index something else than was sent) or its bytes are not UTF-8 (which would be stored
 * with U+FFFD in place of the bytes).
 */
export function decodeBase64Utf8(data: string): string | undefined {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.toString('base64') !== data) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * True when node was started on examples/<file> (`npx tsx examples/sqs-ingestor.ts`), false when a
 * runtime or a bundle loaded the module. Read from process.argv, not import.meta, which a CommonJS
 * bundle does not have.
 */
export function startedAsScript(file: string): boolean {
  const script = process.argv[1];
  return script !== undefined && path.resolve(script).endsWith(`${path.sep}examples${path.sep}${file}`);
}

/** A Context like the runtime's for function `name` with `timeoutMs` left from now. */
export function localContext(name: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = (): never => {
    throw new Error('context.done/fail/succeed are not available to async handlers');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/${randomUUID()}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** What `readJsonObject` gives: the document to index, or why there is none (no text of the body in it). */
export type JsonObjectReading = { document: Record<string, unknown>; problem?: undefined } | { document?: undefined; problem: string };

/**
 * The JSON object in `text`, read so that what ingest sends (it writes the document back with
 * JSON.stringify) is what the producer sent; otherwise why not, and the record then fails alone as
 * `invalid_record` (SQS redelivers it, Firehose answers ProcessingFailed) rather than being stored
 * changed. Refused besides text that is not JSON or not an object:
 * - an integer (no fraction, no exponent) that JSON.stringify would not write back as it was: beyond
 *   2^53 (a 64-bit id: 9007199254740993 would be stored as 9007199254740992, 2^60 as
 *   1152921504606847000), or from 10^21 up (written back with an exponent);
 * - a number beyond a double's range (1e400: stored as null) or a non-zero one below it (1e-400: 0);
 * - negative zero in any form (-0, -0.0: stored as 0, while the node keeps -0.0 apart from 0.0 in a
 *   double field);
 * - a key twice in one object, escapes decoded (`"a"` and `"\u0061"`): JSON.parse keeps the last value,
 *   the node refuses such a document.
 * A fraction or exponent is read to a double's precision, as the node reads it for a numeric field;
 * a whole number written with one (`1.0`, `1e3`) is sent as `1`, `1000`: map such fields explicitly
 * (a mapping made dynamically from `1` is `long`). The reason names positions and kinds only, never
 * the text (a body may hold secrets).
 */
export function readJsonObject(text: string): JsonObjectReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'the text is not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: `the JSON is not an object (${describe(value)})` };
  const problem = jsonRoundTripProblem(text);
  return problem === undefined ? { document: value as Record<string, unknown> } : { problem };
}

/** The JSON object in `text`, or undefined when readJsonObject refuses it (the record then fails as invalid_record). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  return readJsonObject(text).document;
}

/**
 * Why JSON.stringify(JSON.parse(text)) would not say what `text` says (a number changed, a key
 * repeated), or undefined. `text` is valid JSON (JSON.parse accepted it), so one pass over its tokens
 * suffices: strings are skipped to their closing quote (one not preceded by an odd run of backslashes), and
 * a string right after `{` or after a `,` inside an object is a key.
 */
function jsonRoundTripProblem(text: string): string | undefined {
  const open: Array<Set<string> | null> = []; // per open bracket: an object's keys so far, or null for an array
  let atKey = false;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = text.indexOf('"', i + 1);
      while (escaped(text, end)) end = text.indexOf('"', end + 1);
      if (atKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        const keys = open[open.length - 1]!;
        if (keys.has(key)) return `the key at character ${i} repeats a key of its object: JSON.parse would keep only the last value`;
        keys.add(key);
        atKey = false;
      }
      i = end + 1;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      // in valid JSON a number is the whole run of - + . digits e E from here
      let end = i + 1;
      let integer = true;
      for (let d = text.charCodeAt(end); (d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d; d = text.charCodeAt(++end)) {
        if (d === 0x2e || d === 0x65 || d === 0x45) integer = false;
      }
      const problem = numberProblem(text.slice(i, end), integer);
      if (problem !== undefined) return `the number at character ${i} (${end - i} characters) ${problem}`;
      i = end;
    } else {
      if (c === 0x7b /* { */) open.push(new Set());
      else if (c === 0x5b /* [ */) open.push(null);
      else if (c === 0x7d /* } */ || c === 0x5d /* ] */) open.pop();
      // whitespace keeps the state; a key comes next only after `{`, or after `,` inside an object
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) atKey = c === 0x7b || (c === 0x2c /* , */ && open[open.length - 1] != null);
      i++;
    }
  }
  return undefined;
}

/** True when the quote at `at` is escaped: an odd number of backslashes stands before it. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/** Why the number `token` would be sent changed (a predicate: "is ..."), or undefined. */
function numberProblem(token: string, integer: boolean): string | undefined {
  const value = Number(token);
  if (!Number.isFinite(value)) return 'is beyond the range of a double: it would be stored as null';
  if (value === 0 && /[1-9]/.test(token.replace(/[eE].*$/, ''))) return 'is not zero but below the range of a double: it would be stored as 0';
  if (Object.is(value, -0)) return 'is negative zero: it would be stored as 0';
  // up to 15 digits an integer is a double exactly and written back the same (JSON has no leading zeros)
  if (integer && token.length > (token.charCodeAt(0) === 0x2d ? 16 : 15) && String(value) !== token) {
    return Math.abs(value) < 1e21
      ? 'is an integer beyond 2^53 that JSON.parse and JSON.stringify would change: it would be stored as another number'
      : 'is an integer of 10^21 or more: it would be written back with an exponent';
  }
  return undefined;
}
