/**
 * Shared by the example handlers: reading an SQS or Firehose event into ingest records (an event
 * whose shape cannot be answered for is refused before anything is indexed), reading a payload as a
 * JSON object, and a Lambda `Context` for running the handlers on this machine the way the Node.js
 * runtime calls them: `handler(event, context, callback)`, the deadline counting down from `timeoutMs`.
 */
import { randomUUID } from 'node:crypto';
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
 * which fails that message alone as `invalid_record`), and whether FIFO mode is needed. A FIFO record's
 * group is its queue plus its MessageGroupId (a message without one shares its queue's one group), so
 * groups of two queues never hold each other back; a standard queue's record is a group of its own.
 * A messageId seen twice is indexed under one id and, if either copy failed, reported once as failed.
 */
export function sqsIngestRecords(event: unknown, index: string): { records: IngestRecord[]; fifo: boolean } {
  let fifo = false;
  const records = recordsOf(event, 'Records').map((m, i): IngestRecord => {
    const [{ body, eventSourceARN: arn, attributes }, messageId] = idOf(m, `Records[${i}]`, 'messageId');
    if (typeof arn !== 'string' || arn === '') throw new MalformedEventError(`Records[${i}].eventSourceARN`, 'must be a non-empty string (it tells a FIFO queue)');
    const isFifo = arn.endsWith('.fifo');
    fifo ||= isFifo;
    const group = isObject(attributes) && typeof attributes.MessageGroupId === 'string' ? attributes.MessageGroupId : null;
    return {
      index, id: messageId, key: messageId, document: typeof body === 'string' ? parseJsonObject(body) : undefined,
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

/** The JSON object in `text`, or undefined (unparsable, or not an object): the record then fails as invalid_record. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
