/**
 * Bulk ingestion that accounts for every record: chunks by bytes and count, bounded concurrency,
 * per-item retries of transient failures only, one outcome per input record in input order.
 */
import { randomUUID } from 'node:crypto';
import { errors, type Client } from '@opensearch-project/opensearch';
import { isRetryable } from '../errors/classes.js';
import { toTypedError } from '../errors/classify.js';
import { chunkItems, InvalidRecordError, prepareItem, type PreparedItem } from './chunk.js';
import { classifyItem, itemTypedError, type BulkItemError } from './item-errors.js';
import type { IngestFailure, IngestFailureKind, IngestOptions, IngestOutcome, IngestRecord, IngestReport, IngestStats } from './types.js';

interface BulkResponseItem {
  status: number;
  _id?: string;
  result?: string;
  error?: BulkItemError;
}

interface Pending {
  item: PreparedItem;
  attempts: number;
  /** A previous attempt may have been applied (the connection died after sending). */
  ambiguous: boolean;
  lastFailure?: IngestFailure;
}

const DEFAULTS = { maxBatchBytes: 5 * 1024 * 1024, maxBatchCount: 1000, concurrency: 2, retries: 5, minDelayMs: 200, maxDelayMs: 10_000 };

/**
 * The parts of a bulk response ingest reads: per item status, _id, result and error (error bodies of
 * the whole request keep `error` and `status`). The node serialises, and the client parses, about a
 * third of a full response (no _index, _version, _shards, _seq_no, _primary_term per item).
 */
const BULK_FILTER_PATH = 'took,errors,items.*._id,items.*.result,items.*.status,items.*.error,error,status';

/** True for errors where the request may or may not have reached the cluster. */
function isTransportFailure(e: unknown): boolean {
  return e instanceof errors.ConnectionError || e instanceof errors.TimeoutError || e instanceof errors.NoLivingConnectionsError;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

/** Bulk-ingests records; never throws for record-level problems, and returns one outcome per record. */
export async function ingest<TDoc>(client: Client, records: Iterable<IngestRecord<TDoc>>, options: IngestOptions = {}): Promise<IngestReport> {
  const opts = { ...DEFAULTS, ...options };
  const started = Date.now();
  const input = [...records];
  const outcomes: Array<IngestOutcome | undefined> = new Array(input.length);
  const stats: IngestStats = { total: input.length, indexed: 0, failed: 0, retries: 0, bulkRequests: 0, failuresByKind: {}, elapsedMs: 0, recordsPerSecond: 0 };
  const generateId = opts.generateId ?? randomUUID;

  const settle = (o: IngestOutcome): void => {
    outcomes[o.position] = o;
    if (o.status === 'indexed') stats.indexed++;
    else {
      stats.failed++;
      stats.failuresByKind[o.kind] = (stats.failuresByKind[o.kind] ?? 0) + 1;
    }
  };
  const fail = (p: Pending, error: Error, kind: IngestFailureKind, retryable: boolean): IngestFailure => ({
    status: 'failed', position: p.item.position, key: input[p.item.position]?.key, action: p.item.action, index: p.item.index,
    id: p.item.id, error, kind, retryable, attempts: p.attempts,
  });

  let queue: Pending[] = [];
  input.forEach((record, position) => {
    try {
      queue.push({ item: prepareItem(record as IngestRecord<unknown>, position, generateId), attempts: 0, ambiguous: false });
    } catch (e) {
      if (!(e instanceof InvalidRecordError)) throw e;
      settle({ status: 'failed', position, key: (record as IngestRecord<unknown> | null)?.key, action: record?.action ?? 'index',
        index: String(record?.index ?? ''), id: record?.id, error: e, kind: 'invalid_record', retryable: false, attempts: 0 });
    }
  });

  const handleResponse = (chunk: Pending[], items: BulkResponseItem[] | undefined, retry: Pending[]): void => {
    if (!Array.isArray(items) || items.length !== chunk.length) {
      const err = new Error(`bulk response had ${Array.isArray(items) ? items.length : 'no'} items for ${chunk.length} records`);
      for (const p of chunk) settle(fail(p, err, 'server', true));
      return;
    }
    chunk.forEach((p, i) => {
      const wrapped = items[i] as unknown as Record<string, BulkResponseItem>;
      const res = wrapped[p.item.action] ?? Object.values(wrapped)[0];
      if (!res) { settle(fail(p, new Error('bulk item without a result'), 'server', true)); return; }
      if (!res.error && res.status < 300) {
        settle({ status: 'indexed', position: p.item.position, key: input[p.item.position]?.key, action: p.item.action, index: p.item.index,
          id: res._id ?? p.item.id, result: res.result ?? 'ok', generatedId: p.item.generatedId, attempts: p.attempts });
        return;
      }
      if (!res.error && p.item.action === 'delete' && res.status === 404) {
        settle({ status: 'indexed', position: p.item.position, key: input[p.item.position]?.key, action: 'delete', index: p.item.index,
          id: p.item.id, result: res.result ?? 'not_found', generatedId: false, attempts: p.attempts });
        return;
      }
      const error = res.error ?? { type: 'unknown', reason: `status ${res.status}` };
      const { kind, retryable } = classifyItem(res.status, error.type);
      // Our own id, an earlier attempt that may have landed, and now "already exists": that earlier attempt created it.
      if (kind === 'conflict' && p.item.action === 'create' && p.item.generatedId && p.ambiguous) {
        settle({ status: 'indexed', position: p.item.position, key: input[p.item.position]?.key, action: 'create', index: p.item.index,
          id: p.item.id, result: 'created', generatedId: true, attempts: p.attempts });
        return;
      }
      const failure = fail(p, itemTypedError(res.status, error, 'POST', '/_bulk'), kind, retryable);
      if (retryable) retry.push({ ...p, lastFailure: failure });
      else settle(failure);
    });
  };

  const sendChunk = async (chunk: Pending[], retry: Pending[]): Promise<void> => {
    for (const p of chunk) p.attempts++;
    stats.bulkRequests++;
    try {
      const res = await client.transport.request({
        method: 'POST', path: '/_bulk', bulkBody: chunk.map((p) => p.item.lines).join(''),
        querystring: opts.refresh === undefined || opts.refresh === false
          ? { filter_path: BULK_FILTER_PATH }
          : { refresh: String(opts.refresh), filter_path: BULK_FILTER_PATH },
      });
      const body = res.body as { items?: BulkResponseItem[] };
      handleResponse(chunk, body.items, retry);
    } catch (e) {
      const typed = toTypedError(e);
      const error = typed instanceof Error ? typed : new Error(String(typed));
      const transport = isTransportFailure(e);
      // TLS verification failures are connection errors too, but retrying cannot fix them.
      const retryable = isRetryable(e);
      for (const p of chunk) {
        const failure = fail(p, error, transport ? 'transport' : classifyRequestKind(e), retryable);
        if (retryable) retry.push({ ...p, ambiguous: p.ambiguous || transport, lastFailure: failure });
        else settle(failure);
      }
    }
    opts.onProgress?.(snapshot(stats, started));
  };

  for (let round = 0; queue.length > 0; round++) {
    if (round > 0) await sleep(backoff(round, opts.minDelayMs, opts.maxDelayMs), opts.signal);
    if (opts.signal?.aborted) break;
    const retry: Pending[] = [];
    const chunks = chunkItems(queue.map((p) => p.item), opts.maxBatchBytes, opts.maxBatchCount);
    const byPosition = new Map(queue.map((p) => [p.item.position, p]));
    const pendingChunks = chunks.map((c) => c.map((item) => byPosition.get(item.position)!));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < pendingChunks.length && !opts.signal?.aborted) {
        const chunk = pendingChunks[next++]!;
        await sendChunk(chunk, retry);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
    // Chunks never sent because of an abort go back to the queue and are failed below.
    const unsent = pendingChunks.slice(next).flat();
    queue = [];
    for (const p of [...retry, ...unsent]) {
      if (p.attempts > opts.retries || opts.signal?.aborted) {
        settle(p.lastFailure ?? fail(p, new Error('ingestion aborted before this record was sent'), 'transport', true));
      } else {
        if (p.attempts > 0) stats.retries++;
        queue.push(p);
      }
    }
  }
  for (const p of queue) settle(p.lastFailure ?? fail(p, new Error('ingestion aborted before this record was sent'), 'transport', true));
  const final = snapshot(stats, started);
  return { outcomes: outcomes as IngestOutcome[], stats: final };
}

function classifyRequestKind(e: unknown): IngestFailureKind {
  const status = e instanceof errors.ResponseError ? e.statusCode : undefined;
  if (status === 401 || status === 403) return 'security';
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'server';
  if (status === 404) return 'not_found';
  return status === undefined ? 'transport' : 'validation';
}

/** Exponential backoff with full jitter. */
export function backoff(round: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** (round - 1));
  return Math.max(minMs / 2, Math.floor(random() * ceiling));
}

function snapshot(stats: IngestStats, started: number): IngestStats {
  stats.elapsedMs = Date.now() - started;
  stats.recordsPerSecond = stats.elapsedMs > 0 ? Math.round(((stats.indexed + stats.failed) * 1000) / stats.elapsedMs) : 0;
  return { ...stats, failuresByKind: { ...stats.failuresByKind } };
}
