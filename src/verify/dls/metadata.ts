/** DLS queries on metadata fields (`_id`, `_index`, ...): they never stand in `_source`, so the hit answers them. */
import type { StrictJson } from '../../fgac/json.js';
import { type Q } from './params.js';
import { termText } from './term-equality.js';
import { MATCH, noMatch, unverifiable } from './results.js';
import type { DlsResult, EvalContext } from './types.js';

/** OpenSearch's metadata field names (and some of earlier versions): never read from `_source`. */
const METADATA_FIELDS = new Set([
  '_id', '_index', '_routing', '_seq_no', '_primary_term', '_version', '_ignored', '_source', '_field_names',
  '_doc_count', '_size', '_nested_path', '_data_stream_timestamp', '_type', '_uid', '_parent', '_all', '_timestamp', '_ttl', '_tier',
]);

/** Whether `field` names a metadata field. */
export function isMetadataField(field: string): boolean {
  return METADATA_FIELDS.has(field);
}

/** `exists` on a metadata field: every document has an `_id` and an `_index`; the others are not known here. */
export function metadataExists(field: string): DlsResult {
  return field === '_id' || field === '_index' ? MATCH : unverifiable(`exists on metadata field ${field}`);
}

/** A term, terms or match query on a metadata field, answered from the hit's `_id` and `_index`. */
export function metadataQuery(type: string, field: string, values: readonly (StrictJson | undefined)[], params: Q, ctx: EvalContext): DlsResult {
  if (type !== 'term' && type !== 'terms' && type !== 'match') return unverifiable(`${type} query on metadata field ${field}`);
  if (Object.keys(params).some((k) => k !== 'boost' && k !== '_name' && k !== 'value' && k !== 'query')) return unverifiable(`${type} parameters on metadata field ${field}`);
  // a JSON number is compared as Java renders it (1e1 is "10.0"); undefined when that is not certain
  const terms = values.map(termText);
  if (terms.some((t) => t === undefined)) return unverifiable(`${type} value on ${field} is not a scalar, or a JSON number whose text is not Java's`);
  if (field === '_id') {
    if (ctx.opts.id === undefined) return unverifiable('document _id unknown');
    return terms.includes(ctx.opts.id) ? MATCH : noMatch('_id differs');
  }
  if (field === '_index') {
    if (ctx.opts.index === undefined) return unverifiable('document index unknown');
    // a term on _index may also name an alias or a pattern of this index: only equality is certain
    return terms.includes(ctx.opts.index) ? MATCH : unverifiable('_index term is not the index name (it may name an alias or pattern)');
  }
  return unverifiable(`metadata field ${field} is not in the document`);
}
