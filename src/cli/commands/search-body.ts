/** The search a verify or compare command runs: a JSON/YAML query file or match_all. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError } from '../usage-error.js';

/** The body of the search: the file's content (a query or a whole search body), or match_all; size defaults to 1000. */
export function searchBody(file: string | undefined, size: number): Record<string, unknown> {
  if (file === undefined) return { size, query: { match_all: {} } };
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--query ${file}: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--query ${file}: must hold a JSON/YAML object`);
  const body = value as Record<string, unknown>;
  return 'query' in body || 'size' in body || 'aggs' in body ? { size, ...body } : { size, query: body };
}
