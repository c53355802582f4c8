/**
 * The messages of the security plugin's DLS/FLS valve (DlsFlsValveImpl at 2.19.4.0 and 3.4.0.0): requests it refuses
 * whatever the privileges once DLS, FLS or field masking applies, answered 500. Read by the dry-run (explain/dls-fls-valve.ts)
 * and by the error classification (errors/verdict.ts), which types exactly these answers as a plugin refusal.
 */

/** An `_update` or a bulk update item (OpenSearchSecurityException). */
export const VALVE_UPDATE = 'Update is not supported when FLS or DLS or Fieldmasking is activated';
/** A shrink, split or clone (OpenSearchSecurityException). */
export const VALVE_RESIZE = 'Resize is not supported when FLS or DLS or Fieldmasking is activated';
/** A search with `profile: true` under DLS (OpenSearchSecurityException). */
export const VALVE_PROFILE = 'Profiling is not supported when DLS is activated';
/** A top-level terms aggregation with `min_doc_count: 0` under DLS (a plain OpenSearchException: type `exception`). */
export const VALVE_MIN_DOC_COUNT = 'min_doc_count 0 is not supported when DLS is activated';
/**
 * A scroll or `ccs_minimize_roundtrips: true` search across clusters under filter-level DLS (DlsFilterLevelActionHandler,
 * an OpenSearchSecurityException: 500).
 */
export const VALVE_CCS_FILTER_LEVEL = 'Filter-level DLS via cross cluster search is not available for scrolling and minimize_roundtrips=true';

const BY_TYPE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['security_exception', new Set([VALVE_UPDATE, VALVE_RESIZE, VALVE_PROFILE, VALVE_CCS_FILTER_LEVEL])],
  ['exception', new Set([VALVE_MIN_DOC_COUNT])],
]);

/** Whether a 500's error type and reason are exactly one of the valve's refusals (the whole reason, never a part of it). */
export function isValveRefusal(type: string | undefined, reason: string | undefined): boolean {
  return type !== undefined && reason !== undefined && BY_TYPE.get(type)?.has(reason) === true;
}
