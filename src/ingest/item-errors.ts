/** Maps one failed bulk item (status + error object) to a typed error and an ingestion failure kind. */
import { errors } from '@opensearch-project/opensearch';
import { toTypedError } from '../errors/classify.js';
import type { IngestFailureKind } from './types.js';

/** The `error` object OpenSearch puts on a failed bulk item. */
export interface BulkItemError {
  type?: string;
  reason?: string;
  [key: string]: unknown;
}

const MAPPING_TYPES = new Set(['mapper_parsing_exception', 'strict_dynamic_mapping_exception', 'document_parsing_exception']);

/** Decides the failure kind and retryability of a bulk item from its status and error type. */
export function classifyItem(status: number, type: string | undefined): { kind: IngestFailureKind; retryable: boolean } {
  if (status === 429 || type === 'es_rejected_execution_exception' || type === 'rejected_execution_exception') return { kind: 'throttled', retryable: true };
  if (type === 'security_exception' || status === 403 || status === 401) return { kind: 'security', retryable: false };
  if (type === 'version_conflict_engine_exception' || status === 409) return { kind: 'conflict', retryable: false };
  if (type !== undefined && MAPPING_TYPES.has(type)) return { kind: 'mapping', retryable: false };
  if (type === 'document_missing_exception' || type === 'index_not_found_exception' || status === 404) return { kind: 'not_found', retryable: false };
  if (status >= 500) return { kind: 'server', retryable: true };
  return { kind: 'validation', retryable: false };
}

/** Builds the typed error of one bulk item, as if the item had been its own request. */
export function itemTypedError(status: number, error: BulkItemError, method: string, path: string): Error {
  const body = { error: { root_cause: [{ type: error.type, reason: error.reason }], ...error }, status };
  const meta = {
    body, statusCode: status, headers: {}, warnings: null,
    meta: { context: null, name: 'opensearch-fgac-ingest', request: { params: { method, path }, options: {}, id: 0 },
      connection: null, attempts: 0, aborted: false },
  };
  // The client's own constructor types are loose (meta: any); the meta above has its documented shape.
  const typed = toTypedError(new errors.ResponseError(meta as unknown as ConstructorParameters<typeof errors.ResponseError>[0]));
  return typed instanceof Error ? typed : new Error(String(error.reason ?? error.type ?? 'bulk item failed'));
}
