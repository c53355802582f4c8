/** The error of a call made after client.close(), and how other parts (ingest) recognise a closed client. */
import { errors } from '@opensearch-project/opensearch';

/** Why a call made after client.close() is not sent. */
export const CLOSED_MESSAGE = 'opensearch-fgac: client.close() was called: this client starts no more requests';

const closedErrors = new WeakSet<object>();

/** Marks `error` as the answer to a call made after client.close(); returns it. */
export function markClosed<E extends object>(error: E): E {
  closedErrors.add(error);
  return error;
}

/**
 * True when `error` says the client is closed: createClient's call after close(), or any client's
 * NoLivingConnectionsError once its pool holds no connection (opensearch-js's close() empties it). A plain Client's
 * pool a sniff emptied (nodes without an http address) counts too: it sniffs through the pool, so it never refills
 * (createClient's sniff keeps the pool instead, transport.ts).
 */
export function isClientClosedError(error: unknown, client: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  if (closedErrors.has(error)) return true;
  if (!(error instanceof errors.NoLivingConnectionsError)) return false;
  try {
    const connections = (client as { connectionPool?: { connections?: unknown } } | null)?.connectionPool?.connections;
    return Array.isArray(connections) && connections.length === 0;
  } catch {
    return false;
  }
}
