/** Sends one bulk request through the client's transport; the ingest signal cancels it in flight. */
import type { Client } from '@opensearch-project/opensearch';
import { abortableRequest, type AbortablePromise } from '../client/abortable-request.js';
import { kSendStages, kWireSecrets } from '../client/connection.js';
import { ConfigError } from '../errors/classes.js';

/** The signal ended a bulk request before any attempt of it was sent (createClient's client reports this). */
export class AbortedBeforeSending {
  constructor(readonly reason: unknown) {}
}

/** A bulk response body, and the secret values the request that got it put on the wire. */
export interface BulkAnswer {
  body: unknown;
  /** Empty for a client that is not createClient's (its transport does not report them). */
  wireSecrets: readonly string[];
  /** Requests the client sent for this one beyond the first (createClient's transport re-signs once after an expired token). */
  resent: number;
  /** The HTTP status of the answer, when the client reports it (a 3xx passes opensearch-js as a success). */
  status: number | undefined;
}

/** Sends an NDJSON bulk body; resolves to the parsed response body. */
export type BulkSender = (bulkBody: string, signal: AbortSignal | undefined) => Promise<BulkAnswer>;

/**
 * The parts of a bulk response ingest reads: per item status, _id, _index (the cross-check of items
 * out of order), result and error (error bodies of the whole request keep `error` and `status`). The
 * node serialises, and the client parses, well under half a full response (no _version, _shards,
 * _seq_no, _primary_term per item).
 */
const BULK_FILTER_PATH = 'errors,items.*._id,items.*._index,items.*.result,items.*.status,items.*.error,error,status';

type RequestFn = (params: Record<string, unknown>, options?: object) => AbortablePromise<{ body: unknown }>;

/** Requests sent beyond the first, from a count of retries (`meta.attempts`) or of attempts (an error's `attempts`, `first` = 1). */
export function resentOf(count: unknown, first = 0): number {
  return typeof count === 'number' && Number.isInteger(count) && count > first ? count - first : 0;
}

function bodyOf(response: unknown): unknown {
  return (response as { body?: unknown } | null | undefined)?.body;
}

function statusOf(response: unknown): number | undefined {
  const status = (response as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A BulkSender over `client.transport.request` (throws ConfigError when `client` is not an opensearch-js Client). */
export function bulkSender(client: Client, refresh: boolean | 'wait_for'): BulkSender {
  const transport = (client as { transport?: { request?: unknown } } | null | undefined)?.transport;
  if (typeof transport?.request !== 'function') throw new ConfigError('client', 'ingest needs an @opensearch-project/opensearch Client (createClient(...) or new Client(...))');
  const request = (transport.request as RequestFn).bind(transport);
  const querystring = refresh === false ? { filter_path: BULK_FILTER_PATH } : { refresh: String(refresh), filter_path: BULK_FILTER_PATH };
  return async (bulkBody, signal) => {
    let wireSecrets: readonly string[] = [];
    // maxRetries 0: ingest owns every re-send of a bulk, so it knows when an earlier attempt may have
    // been applied (a client's own retry would re-send unseen and turn a stored create into a conflict).
    // kWireSecrets: item errors are built from the answer and redacted as the request's own errors are.
    let accepted = false;
    let sent = false;
    const options = {
      maxRetries: 0,
      [kWireSecrets]: (values: readonly string[]) => { wireSecrets = values; },
      [kSendStages]: (stage: 'accepted' | 'sent') => { if (stage === 'sent') sent = true; else accepted = true; },
    };
    let response: unknown;
    try {
      response = await abortableRequest(() => request({ method: 'POST', path: '/_bulk', bulkBody, querystring }, options), signal);
    } catch (e) {
      // createClient's transport said it took the call but never handed it to a connection (it waited for credentials)
      if (signal?.aborted === true && e === signal.reason && accepted && !sent) throw new AbortedBeforeSending(e);
      throw e;
    }
    return { body: bodyOf(response), wireSecrets, resent: resentOf((response as { meta?: { attempts?: unknown } } | null)?.meta?.attempts), status: statusOf(response) };
  };
}
