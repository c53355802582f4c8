/** Turns records into bulk NDJSON lines and groups them into size- and count-bounded chunks. */
import { InvalidRecordError } from './errors.js';
import type { IngestAction } from './types.js';
import { isSharedPrototype, opt } from '../errors/own.js';

export { InvalidRecordError } from './errors.js';

/** A record ready to send: its two (or one, for delete) NDJSON lines and byte size. */
export interface PreparedItem {
  position: number;
  action: IngestAction;
  index: string;
  id: string;
  generatedId: boolean;
  lines: string;
  bytes: number;
  /** The record's key and group (both checked to be strings). */
  key?: string;
  groupId?: string;
}

/** What an outcome names of a record, read once and defensively (a record may be anything). */
export interface RecordLabel {
  key: string | undefined;
  action: IngestAction;
  index: string;
  id: string | undefined;
  groupId: string | undefined;
}

const ACTIONS: ReadonlySet<string> = new Set(['index', 'create', 'update', 'delete']);

/** The fields of a record, each read once; a throwing getter or Proxy makes the record invalid. */
interface RecordFields {
  index: unknown;
  action: unknown;
  id: unknown;
  document: unknown;
  upsert: unknown;
  routing: unknown;
  pipeline: unknown;
  key: unknown;
  groupId: unknown;
}

/** A record's fields, each read once, as far as they could be read. */
export interface RecordRead {
  fields: Partial<RecordFields>;
  /** Why the record cannot be used as read, as the end of "record N...": ` is not an object`, `: reading its id threw (...)`. */
  problem?: string;
}

const NOT_AN_OBJECT = ' is not an object';

const FIELD_NAMES = ['index', 'action', 'id', 'document', 'upsert', 'routing', 'pipeline', 'key', 'groupId'] as const;

/**
 * True when `record` or a prototype of its own class declares `name`: a field inherited from
 * Object.prototype (polluted elsewhere in the app: `Object.prototype.action = 'delete'`) is no field of a record.
 */
function declares(record: object, name: string): boolean {
  // (another realm's Object.prototype is no class of the record either: isSharedPrototype)
  for (let o: object | null = record; o !== null && o !== Object.prototype && !(Object.getPrototypeOf(o) === null && isSharedPrototype(o)); o = Object.getPrototypeOf(o) as object | null) {
    if (Object.hasOwn(o, name)) return true;
  }
  return false;
}

/**
 * Reads every field of `record` once. When a getter or Proxy throws, the fields are read one by one
 * so the others (the `key` an adapter reports the record by) survive; the record is then invalid.
 */
export function readRecord(record: unknown): RecordRead {
  if (record === null || typeof record !== 'object') return { fields: {}, problem: NOT_AN_OBJECT };
  const r = record as Record<string, unknown>;
  // a value Object.prototype holds (polluted) counts only when the record or its class declares the field; a Proxy's get answers as read
  const f = (name: (typeof FIELD_NAMES)[number]): unknown => {
    // checked before the read: a getter planted on Object.prototype is never called
    if (!Object.hasOwn(r, name) && name in Object.prototype && !declares(r, name)) return undefined;
    return r[name];
  };
  try {
    return { fields: { index: f('index'), action: f('action'), id: f('id'), document: f('document'), upsert: f('upsert'), routing: f('routing'), pipeline: f('pipeline'), key: f('key'), groupId: f('groupId') } };
  } catch {
    const fields: Partial<RecordFields> = {};
    let problem: string | undefined;
    for (const name of FIELD_NAMES) {
      try {
        fields[name] = f(name);
      } catch (e) {
        problem ??= `: reading its ${name} threw (${errorText(e)})`;
      }
    }
    return { fields, problem: problem ?? ': reading its fields threw' };
  }
}

/** What was thrown, without its text (a record's getter, toJSON or generateId may throw anything, a secret too). */
function errorText(e: unknown): string {
  try {
    if (e instanceof TypeError && /BigInt/.test(e.message)) return 'a BigInt value';
    if (e instanceof TypeError && /circular/i.test(e.message)) return 'a cycle';
    if (e instanceof RangeError) return 'a RangeError: too large or too deep';
  } catch {
    // a thrown value whose message cannot be read
  }
  return 'an error was thrown; its text is not repeated';
}

// A UTF-16 surrogate without its pair in an index name: OpenSearch never answers such a bulk request (2.19 and 3.4 measured)
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function describeAction(action: unknown): string {
  return typeof action === 'string' ? JSON.stringify(action.length > 40 ? `${action.slice(0, 40)}...` : action) : `a ${action === null ? 'null' : typeof action}`;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The key, action, index, id and group of a record as far as they can be read (never throws). */
export function labelOf(record: unknown): RecordLabel {
  return labelFrom(readRecord(record));
}

/** True when a record read has a groupId that cannot name its group: not a string, or its read threw. */
export function groupUnusable(read: RecordRead): boolean {
  const f = read.fields;
  if (Object.hasOwn(f, 'groupId')) return f.groupId !== undefined && typeof f.groupId !== 'string';
  // read field by field after a throw: a missing groupId is one that threw (a record that is no object has no group)
  return read.problem !== undefined && read.problem !== NOT_AN_OBJECT;
}

/** The label of a record already read. */
export function labelFrom(read: RecordRead): RecordLabel {
  const f = read.fields;
  const action = typeof f.action === 'string' && ACTIONS.has(f.action) ? (f.action as IngestAction) : 'index';
  return { key: optionalString(f.key), action, index: optionalString(f.index) ?? '', id: optionalString(f.id), groupId: optionalString(f.groupId) };
}

/** JSON text of a document, or InvalidRecordError when JSON cannot represent it as an object (BigInt, cycles, a throwing toJSON). */
function serialise(value: unknown, what: string, position: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new InvalidRecordError(`record ${position}: the ${what} cannot be serialised to JSON (${errorText(e)})`);
  }
  if (typeof text !== 'string' || !text.startsWith('{')) throw new InvalidRecordError(`record ${position}: the ${what} does not serialise to a JSON object`);
  return text;
}

/** The index name last found free of lone surrogates (records of one call mostly share an index). */
let lastWellFormedIndex: string | undefined;

/** The JSON text of the index name last quoted (records of one call mostly share an index). */
let lastIndex: string | undefined;
let lastQuoted = '';

function quotedIndex(index: string): string {
  if (index !== lastIndex) {
    lastQuoted = JSON.stringify(index);
    lastIndex = index;
  }
  return lastQuoted;
}

/** Longest document id OpenSearch accepts, in UTF-8 bytes. */
const MAX_ID_BYTES = 512;

/** Builds the bulk lines of one record, or throws InvalidRecordError saying what to fix. */
export function prepareItem(read: RecordRead, position: number, generateId: () => string): PreparedItem {
  const problem = opt(read, 'problem');
  if (problem !== undefined) throw new InvalidRecordError(`record ${position}${problem}`);
  const f = read.fields;
  const action = f.action ?? 'index';
  if (typeof action !== 'string' || !ACTIONS.has(action)) throw new InvalidRecordError(`record ${position}: action must be index, create, update or delete, got ${describeAction(action)}`);
  const act = action as IngestAction;
  if (typeof f.index !== 'string' || f.index === '') throw new InvalidRecordError(`record ${position}: index is required`);
  if (f.id !== undefined && (typeof f.id !== 'string' || f.id === '')) throw new InvalidRecordError(`record ${position}: id must be a non-empty string`);
  if ((act === 'update' || act === 'delete') && f.id === undefined) throw new InvalidRecordError(`record ${position}: ${act} needs an id`);
  if (act !== 'delete' && (f.document === null || typeof f.document !== 'object')) {
    throw new InvalidRecordError(`record ${position}: ${act} needs a document object`);
  }
  if (f.routing !== undefined && typeof f.routing !== 'string') throw new InvalidRecordError(`record ${position}: routing must be a string`);
  if (f.pipeline !== undefined && (typeof f.pipeline !== 'string' || f.pipeline === '')) throw new InvalidRecordError(`record ${position}: pipeline must be a non-empty string`);
  if (f.key !== undefined && typeof f.key !== 'string') throw new InvalidRecordError(`record ${position}: key must be a string`);
  if (f.groupId !== undefined && typeof f.groupId !== 'string') throw new InvalidRecordError(`record ${position}: groupId must be a string`);
  const generatedId = f.id === undefined;
  let id: unknown;
  if (generatedId) {
    try {
      id = generateId();
    } catch (e) {
      throw new InvalidRecordError(`record ${position}: generateId threw (${errorText(e)})`);
    }
    if (typeof id !== 'string' || id === '') throw new InvalidRecordError(`record ${position}: generateId must return a non-empty string`);
  } else {
    id = f.id;
  }
  const docId = id as string;
  // OpenSearch refuses the WHOLE bulk request over one such id (DocWriteRequest.validateDocIdLength): it fails alone here.
  if (docId.length > MAX_ID_BYTES / 3 && Buffer.byteLength(docId, 'utf8') > MAX_ID_BYTES) {
    throw new InvalidRecordError(`record ${position}: the id is ${Buffer.byteLength(docId, 'utf8')} bytes long; OpenSearch takes at most ${MAX_ID_BYTES} (UTF-8)`);
  }
  const index = f.index;
  // (an id or routing with one is stored as sent: JSON.stringify escapes it; 2.19 and 3.4 measured).
  // Checked once per run of records naming the same index, like its quoting.
  if (index !== lastWellFormedIndex && LONE_SURROGATE.test(index)) throw new InvalidRecordError(`record ${position}: the index name holds a lone UTF-16 surrogate (not valid Unicode; OpenSearch would not answer the whole bulk request)`);
  lastWellFormedIndex = index;
  let lines: string;
  if (f.routing === undefined && f.pipeline === undefined) {
    // The same text as JSON.stringify({ [action]: { _index, _id } }), without building the objects.
    lines = `{"${act}":{"_index":${quotedIndex(index)},"_id":${JSON.stringify(docId)}}}\n`;
  } else {
    const meta: Record<string, string> = {
      _index: index, _id: docId,
      ...(f.routing !== undefined ? { routing: f.routing as string } : {}),
      ...(f.pipeline !== undefined && act !== 'delete' && act !== 'update' ? { pipeline: f.pipeline as string } : {}),
    };
    lines = JSON.stringify({ [act]: meta }) + '\n';
  }
  if (act === 'update') {
    const doc = serialise(f.document, 'document', position);
    lines += f.upsert === undefined ? `{"doc":${doc}}\n` : `{"doc":${doc},"upsert":${serialise(f.upsert, 'upsert', position)}}\n`;
  } else if (act !== 'delete') {
    lines += serialise(f.document, 'document', position) + '\n';
  }
  // every field set at once (one object shape for all records; key and groupId undefined when absent)
  return { position, action: act, index, id: docId, generatedId, lines, bytes: Buffer.byteLength(lines), key: f.key as string | undefined, groupId: f.groupId as string | undefined };
}

/** Collects items into chunks of at most maxBytes and maxCount, one item at a time (an oversized item gets a chunk of its own). */
export class ChunkBuilder<T> {
  #current: T[] = [];
  #size = 0;

  constructor(readonly maxBytes: number, readonly maxCount: number, readonly bytesOf: (item: T) => number) {}

  /** Adds `item`; returns the chunk that adding it closed, if any. */
  add(item: T): T[] | undefined {
    const bytes = this.bytesOf(item);
    let closed: T[] | undefined;
    if (this.#current.length > 0 && (this.#size + bytes > this.maxBytes || this.#current.length >= this.maxCount)) closed = this.take();
    this.#current.push(item);
    this.#size += bytes;
    return closed;
  }

  /** Removes and returns the chunk being filled (undefined when empty). */
  take(): T[] | undefined {
    if (this.#current.length === 0) return undefined;
    const chunk = this.#current;
    this.#current = [];
    this.#size = 0;
    return chunk;
  }
}

/** Groups items into chunks of at most maxBytes and maxCount (an oversized single item gets its own chunk). */
export function chunkItems(items: PreparedItem[], maxBytes: number, maxCount: number): PreparedItem[][] {
  const builder = new ChunkBuilder<PreparedItem>(maxBytes, maxCount, (i) => i.bytes);
  const chunks: PreparedItem[][] = [];
  for (const item of items) {
    const closed = builder.add(item);
    if (closed !== undefined) chunks.push(closed);
  }
  const last = builder.take();
  if (last !== undefined) chunks.push(last);
  return chunks;
}
