/**
 * Reads a bulk response item by item against the records that were sent. Items are matched by
 * position AND cross-checked by `_id` (which the node writes on every item) and `_index`: an item
 * that is missing, null, malformed, under another action, without `_id`, names another document or
 * has a result its action cannot produce never counts as the record's answer. A response with the
 * wrong number of items accounts for none of its records.
 */
import { redactExcerpt } from '../errors/redact.js';
import type { SecretSet } from '../errors/secrets.js';
import type { BulkItemError } from './item-errors.js';
import type { IngestAction } from './types.js';
import { field, hasOwnKey } from '../errors/own.js';

/** What was sent for one record (position in the request = position in this list). */
export interface SentItem {
  action: IngestAction;
  index: string;
  id: string;
}

/** The verdict on one sent record. */
export type ItemVerdict =
  | { type: 'ok'; status: number; result: string }
  /** `bare`: a failure status without an error object (a delete of a missing document answers 404 so). */
  | { type: 'error'; status: number; error: BulkItemError; bare: boolean }
  | { type: 'mismatch'; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Server text past a cut kept until it is redacted: a secret that crosses the cut is still whole when
 * redaction looks for it (cut first, and its first characters would stay), and a huge text is not
 * redacted whole.
 */
const REDACT_SLACK = 8192;

/** `text` redacted with `secrets` (the answer's: the client's plus the request's wire values), then cut to `max` characters. */
function cutRedacted(text: string, max: number, secrets: SecretSet | undefined): string {
  return redactExcerpt(text.length > max + REDACT_SLACK ? text.slice(0, max + REDACT_SLACK) : text, max, secrets, '...');
}

function quote(value: unknown, secrets: SecretSet | undefined): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    return 'an unprintable value';
  }
  return cutRedacted(text, 80, secrets);
}

/** The verdict on the item at the sent record's position, in a response with the right count. */
/** Longest item `reason` kept (the server's text may be megabytes; whole-request messages are cut too). */
const MAX_ITEM_REASON = 4000;
/** Largest item error kept whole (as JSON); a larger one keeps its type and cut reason only. */
const MAX_ITEM_ERROR_JSON = 64 * 1024;

/**
 * The item's error with a string type (or none) and a bounded reason, redacted before it is cut;
 * oversized or unserialisable errors keep type and reason only.
 */
function boundedItemError(error: unknown, secrets: SecretSet | undefined): BulkItemError {
  const e: BulkItemError = isRecord(error) ? { ...error } : { reason: quote(error, secrets) };
  if (typeof e.type !== 'string') delete e.type;
  if (typeof e.reason !== 'string') e.reason = e.reason === undefined ? undefined : quote(e.reason, secrets);
  if (typeof e.reason === 'string' && e.reason.length > MAX_ITEM_REASON) {
    e.reason = `${cutRedacted(e.reason, MAX_ITEM_REASON, secrets)} (${e.reason.length} characters)`;
  }
  let size: number;
  try {
    size = JSON.stringify(e).length;
  } catch {
    size = Number.POSITIVE_INFINITY;
  }
  if (size <= MAX_ITEM_ERROR_JSON) return e;
  return e.type === undefined ? { reason: e.reason } : { type: e.type, reason: e.reason };
}

/**
 * The item results each action can get from OpenSearch (kept as they are, without a redaction pass): `noop` is also a
 * document an ingest pipeline dropped (index, create, an update's upsert), `created` an update's upsert; a delete of a
 * missing document answers `not_found` (with 404).
 */
const RESULTS: Readonly<Record<IngestAction, ReadonlySet<string>>> = {
  index: new Set(['created', 'updated', 'noop']),
  create: new Set(['created', 'noop']),
  update: new Set(['updated', 'noop', 'created']),
  delete: new Set(['deleted', 'not_found']),
};

/** The targets each document id of a request was sent to. */
function targetsById(sent: readonly SentItem[]): ReadonlyMap<string, ReadonlySet<string>> {
  const byId = new Map<string, Set<string>>();
  for (const s of sent) {
    const targets = byId.get(s.id);
    if (targets === undefined) byId.set(s.id, new Set([s.index]));
    else targets.add(s.index);
  }
  return byId;
}

function judgeItem(sent: SentItem, wrapped: unknown, position: number, targets: () => ReadonlyMap<string, ReadonlySet<string>>, secrets: () => SecretSet | undefined): ItemVerdict {
  const quoted = (value: unknown): string => quote(value, secrets());
  if (!isRecord(wrapped)) return { type: 'mismatch', reason: `bulk response item ${position} is ${wrapped === null ? 'null' : quoted(wrapped)}` };
  const keys = Object.keys(wrapped);
  if (keys.length !== 1 || keys[0] !== sent.action) {
    return { type: 'mismatch', reason: `bulk response item ${position} is not a "${sent.action}" result (keys ${quoted(keys)})` };
  }
  const res = wrapped[sent.action];
  if (!isRecord(res)) return { type: 'mismatch', reason: `bulk response item ${position} has no ${sent.action} result object` };
  // every item the node writes names its document (errors too): without it the item may be another record's
  if (!hasOwnKey(res, '_id')) return { type: 'mismatch', reason: `bulk response item ${position} names no document (no _id), but ${quoted(sent.id)} was sent there` };
  if (res._id !== sent.id) {
    return { type: 'mismatch', reason: `bulk response item ${position} names document ${quoted(res._id)}, but ${quoted(sent.id)} was sent there` };
  }
  // An alias, a data stream or a date math name resolves to another index name (an ingest pipeline may set one), so
  // `_index` only disproves a match where `_id` cannot: when it is not a string, or when another record of the request
  // sends this same document id to the index it names (items of two such records out of order).
  if (hasOwnKey(res, '_index') && res._index !== sent.index && (typeof res._index !== 'string' || targets().get(sent.id)?.has(res._index) === true)) {
    return { type: 'mismatch', reason: `bulk response item ${position} names index ${quoted(res._index)}, but ${quoted(sent.index)} was sent there` };
  }
  const status = res.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    return { type: 'mismatch', reason: `bulk response item ${position} has no valid status (${quoted(status)})` };
  }
  const error = field(res, 'error');
  if (error !== undefined && error !== null) {
    if (status < 300) return { type: 'mismatch', reason: `bulk response item ${position} has status ${status} and an error` };
    return { type: 'error', status, error: boundedItemError(error, secrets()), bare: false };
  }
  if (status >= 300) return { type: 'error', status, error: { reason: `status ${status}` }, bare: true };
  const result = field(res, 'result');
  if (result === undefined) return { type: 'ok', status, result: 'ok' };
  // a result the action cannot produce (a create "updated") is no answer of the node's to this record
  if (typeof result !== 'string' || !RESULTS[sent.action].has(result)) {
    return { type: 'mismatch', reason: `bulk response item ${position} has result ${quoted(result)}, which a ${sent.action} cannot get` };
  }
  return { type: 'ok', status, result };
}

/**
 * One verdict per sent record, from a parsed bulk response body and its HTTP status (when known): an
 * answer whose status is not 2xx (a 3xx passes opensearch-js as a success) accounts for none of them.
 * `secrets`: what the server's text quoted in a verdict is redacted with before it is cut.
 */
export function matchBulkResponse(sent: readonly SentItem[], body: unknown, status?: number, secrets: () => SecretSet | undefined = () => undefined): ItemVerdict[] {
  if (status !== undefined && (status < 200 || status > 299)) {
    const reason = `the bulk response had HTTP status ${status}, not 2xx: no item can be attributed`;
    return sent.map(() => ({ type: 'mismatch', reason }));
  }
  const items = isRecord(body) ? body.items : undefined;
  if (!Array.isArray(items) || items.length !== sent.length) {
    const got = Array.isArray(items) ? `${items.length} items` : 'no items';
    const reason = `the bulk response had ${got} for ${sent.length} records: no item can be attributed`;
    return sent.map(() => ({ type: 'mismatch', reason }));
  }
  let byId: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  const targets = (): ReadonlyMap<string, ReadonlySet<string>> => (byId ??= targetsById(sent));
  return sent.map((s, i) => judgeItem(s, items[i], i, targets, secrets));
}
