/** Turns records into bulk NDJSON lines and groups them into size- and count-bounded chunks. */
import type { IngestAction, IngestRecord } from './types.js';

/** A record ready to send: its two (or one, for delete) NDJSON lines and byte size. */
export interface PreparedItem {
  position: number;
  action: IngestAction;
  index: string;
  id: string;
  generatedId: boolean;
  lines: string;
  bytes: number;
}

/** Why a record cannot be sent at all. */
export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
}

const ACTIONS: ReadonlySet<string> = new Set(['index', 'create', 'update', 'delete']);

/** Builds the bulk lines of one record, or throws InvalidRecordError saying what to fix. */
export function prepareItem(record: IngestRecord<unknown>, position: number, generateId: () => string): PreparedItem {
  if (record === null || typeof record !== 'object') throw new InvalidRecordError(`record ${position} is not an object`);
  const action = record.action ?? 'index';
  if (!ACTIONS.has(action)) throw new InvalidRecordError(`record ${position}: action must be index, create, update or delete, got ${JSON.stringify(action)}`);
  if (typeof record.index !== 'string' || record.index === '') throw new InvalidRecordError(`record ${position}: index is required`);
  if (record.id !== undefined && (typeof record.id !== 'string' || record.id === '')) throw new InvalidRecordError(`record ${position}: id must be a non-empty string`);
  if ((action === 'update' || action === 'delete') && record.id === undefined) throw new InvalidRecordError(`record ${position}: ${action} needs an id`);
  if (action !== 'delete' && (record.document === null || typeof record.document !== 'object')) {
    throw new InvalidRecordError(`record ${position}: ${action} needs a document object`);
  }
  const generatedId = record.id === undefined;
  const id = record.id ?? generateId();
  let lines: string;
  if (record.routing === undefined && record.pipeline === undefined && typeof id === 'string') {
    // The same text as JSON.stringify({ [action]: { _index, _id } }), without building the objects.
    lines = `{"${action}":{"_index":${JSON.stringify(record.index)},"_id":${JSON.stringify(id)}}}\n`;
  } else {
    const meta: Record<string, string> = { _index: record.index, _id: id };
    if (record.routing !== undefined) meta.routing = record.routing;
    if (record.pipeline !== undefined && action !== 'delete' && action !== 'update') meta.pipeline = record.pipeline;
    lines = JSON.stringify({ [action]: meta }) + '\n';
  }
  if (action === 'update') {
    lines += JSON.stringify(record.upsert === undefined ? { doc: record.document } : { doc: record.document, upsert: record.upsert }) + '\n';
  } else if (action !== 'delete') {
    lines += JSON.stringify(record.document) + '\n';
  }
  return { position, action, index: record.index, id, generatedId, lines, bytes: Buffer.byteLength(lines) };
}

/** Groups items into chunks of at most maxBytes and maxCount (an oversized single item gets its own chunk). */
export function chunkItems(items: PreparedItem[], maxBytes: number, maxCount: number): PreparedItem[][] {
  const chunks: PreparedItem[][] = [];
  let current: PreparedItem[] = [];
  let size = 0;
  for (const item of items) {
    if (current.length > 0 && (size + item.bytes > maxBytes || current.length >= maxCount)) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
