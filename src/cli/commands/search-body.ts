/** The search a verify or compare command runs: a JSON/YAML query file or match_all. */
import { isHitCount } from '../flags.js';
import { UsageError } from '../usage-error.js';
import { readYamlFile } from '../yaml-file.js';
import { field, hasOwnKey } from '../../errors/own.js';

/** Hits fetched when neither `--size` nor the query file sets a size. */
export const DEFAULT_SIZE = 1000;

/**
 * The top-level keys of a search body (OpenSearch's SearchSourceBuilder, 2.19/3.x): a file holding any of them is a
 * whole body, sent as it is; any other file is a query. No query type is named like one of them, so a query is never
 * taken for a body (`{"_source": [...]}` alone was sent as a query: 400 "[_source] query malformed").
 */
const SEARCH_BODY_KEYS: ReadonlySet<string> = new Set([
  'from', 'size', 'timeout', 'terminate_after', 'query', 'post_filter', 'min_score', 'version', 'seq_no_primary_term',
  'explain', '_source', 'stored_fields', 'docvalue_fields', 'fields', 'script_fields', 'derived', 'sort', 'track_scores',
  'include_named_queries_score', 'track_total_hits', 'indices_boost', 'aggregations', 'aggs', 'highlight', 'suggest',
  'rescore', 'stats', 'ext', 'profile', 'search_after', 'collapse', 'slice', 'pit', 'search_pipeline', 'verbose_pipeline',
]);

/**
 * The body of the search: the file's content (a query or a whole search body), or match_all. The number of hits comes
 * from `--size` (`size`) or from the file's own `size`, never both: given twice with no way to tell which one was
 * meant (the file's had won, silently), it is refused naming both, as a flag given twice is. Without either, DEFAULT_SIZE.
 * The file's `size` follows the flag's rule (a `size: 0` made verify pass on no hit at all).
 */
export function searchBody(file: string | undefined, size: number | undefined): Record<string, unknown> {
  if (file === undefined) return { size: size ?? DEFAULT_SIZE, query: { match_all: {} } };
  const value = readYamlFile('--query', file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--query ${file}: must hold a JSON/YAML object`);
  const body = value as Record<string, unknown>;
  if (!Object.keys(body).some((k) => SEARCH_BODY_KEYS.has(k))) return { size: size ?? DEFAULT_SIZE, query: body };
  if (!(hasOwnKey(body, 'size'))) return { size: size ?? DEFAULT_SIZE, ...body };
  if (size !== undefined) throw new UsageError(`--size ${size} and the size in --query ${file} (${shortJson(body.size)}) both set how many hits to fetch: give one of them`);
  if (!isHitCount(body.size)) throw new UsageError(`--query ${file}: size must be a whole number from 1 to 999999 (got ${shortJson(body.size)})`);
  return body;
}

/** A file's value as JSON, cut to a few characters (a message names it, the file may hold anything there). */
function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Whether a search body filters what `_source` holds (fields absent for that reason cannot be judged by the verifier). */
export function filtersSource(body: Record<string, unknown>): boolean {
  const source = field(body, '_source');
  return (source !== undefined && source !== true) || field(body, 'stored_fields') !== undefined || field(body, '_source_includes') !== undefined || field(body, '_source_excludes') !== undefined;
}
