/** The search a verify or compare command runs: a JSON/YAML query file or match_all. */
import { UsageError } from '../usage-error.js';
import { readYamlFile } from '../yaml-file.js';

/** The body of the search: the file's content (a query or a whole search body), or match_all; size defaults to 1000. */
export function searchBody(file: string | undefined, size: number): Record<string, unknown> {
  if (file === undefined) return { size, query: { match_all: {} } };
  const value = readYamlFile('--query', file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--query ${file}: must hold a JSON/YAML object`);
  const body = value as Record<string, unknown>;
  return 'query' in body || 'size' in body || 'aggs' in body ? { size, ...body } : { size, query: body };
}

/** Whether a search body filters what `_source` holds (fields absent for that reason cannot be judged by the verifier). */
export function filtersSource(body: Record<string, unknown>): boolean {
  const source = body._source;
  return (source !== undefined && source !== true) || body.stored_fields !== undefined || body._source_includes !== undefined || body._source_excludes !== undefined;
}
