/** An index mapping (and settings) read into field path -> type info, as the DLS evaluator needs it. */
import { setOwn } from '../../errors/redact.js';
import { FLOAT_TYPES, INTEGER_TYPES } from './fields.js';
import type { FieldTypeInfo } from './types.js';
import { inputFailure } from '../../fgac/argument-error.js';
import { globWalk } from '../../fgac/field-patterns.js';
import { hasOwnKey, ownJson } from '../../errors/own.js';

/** A mapping flag as OpenSearch reads it (`true`, `"true"`, `false`, `"false"`); undefined otherwise. */
function flag(v: unknown): boolean | undefined {
  return v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
}

/** Index settings the mapping does not show: numeric defaults and the default analyzers. */
interface IndexDefaults { ignoreMalformed?: boolean; coerce?: boolean; analyzer?: string; searchAnalyzer?: string }

/** Reads `index.mapping.ignore_malformed`, `index.mapping.coerce` and the `default` / `default_search` analyzers (nested or flat settings). */
function indexDefaults(settings: unknown): IndexDefaults {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const at = (path: string): unknown => {
    if (!isObj(settings)) return undefined;
    if (Object.prototype.hasOwnProperty.call(settings, path)) return settings[path];
    let node: unknown = settings;
    for (const seg of path.split('.')) node = isObj(node) && Object.prototype.hasOwnProperty.call(node, seg) ? node[seg] : undefined;
    return node;
  };
  const out = Object.create(null) as IndexDefaults;
  const im = flag(at('index.mapping.ignore_malformed'));
  if (im !== undefined) out.ignoreMalformed = im;
  const co = flag(at('index.mapping.coerce'));
  if (co !== undefined) out.coerce = co;
  const analyzer = (name: string): string | undefined => {
    const type = at(`index.analysis.analyzer.${name}.type`);
    const def = at(`index.analysis.analyzer.${name}`);
    if (type === undefined && def === undefined) return undefined;
    // only a plain `standard` analyzer is the one the evaluator knows; anything else is named by its index setting
    const flatExtra = isObj(settings) && Object.keys(settings).some((k) => k.startsWith(`index.analysis.analyzer.${name}.`) && k !== `index.analysis.analyzer.${name}.type`);
    const plain = type === 'standard' && !flatExtra && (!isObj(def) || Object.keys(def).length === 1);
    return plain ? 'standard' : `${name} (index setting)`;
  };
  const a = analyzer('default');
  if (a !== undefined) out.analyzer = a;
  const sa = analyzer('default_search');
  if (sa !== undefined) out.searchAnalyzer = sa;
  return out;
}

/** Whether a `_source` includes/excludes pattern (`*` any text, as Regex.simpleMatch) names `path` or an object above it. */
function sourcePatternCovers(pattern: string, path: string): boolean {
  const covers = (candidate: string): boolean => globWalk(pattern, candidate, false) === 'match';
  for (let dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) if (covers(path.slice(0, dot))) return true;
  return covers(path);
}

/** Marks fields the mapping's `_source` (enabled: false, includes, excludes) leaves out of hits, and the objects above them, as not in `_source` (copyToTarget). */
function markSourceFiltered(out: Record<string, FieldTypeInfo>, source: Record<string, unknown> | undefined): void {
  if (source === undefined) return;
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
  const includes = list(source.includes);
  const excludes = list(source.excludes);
  const disabled = source.enabled === false || source.enabled === 'false';
  if (!disabled && includes.length === 0 && excludes.length === 0) return;
  const left = (path: string): boolean => disabled
    || (includes.length > 0 && !includes.some((p) => sourcePatternCovers(p, path)))
    || excludes.some((p) => sourcePatternCovers(p, path));
  const marked = new Set<string>();
  for (const [path, info] of Object.entries(out)) {
    if (path === '' || !left(info.sourceField ?? path)) continue;
    marked.add(path);
    for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) marked.add(path.slice(0, dot));
  }
  for (const path of marked) if (Object.prototype.hasOwnProperty.call(out, path)) setOwn(out, path, { ...out[path] as FieldTypeInfo, copyToTarget: true });
}

/**
 * Flattens an index mapping (the body of `GET index/_mapping`, one index's `mappings`, or a
 * `properties` object) into field path -> type info: multi-fields, alias paths, copy_to targets,
 * unindexed fields (`enabled: false`, `index` and `doc_values` false, text `index: false`), stored fields,
 * numeric `ignore_malformed` / `coerce`, objects' `dynamic` (the root's at path `''`) and nested
 * include_in_parent/root. Given the body of `GET <index>` (mappings with settings), the index's
 * `index.mapping.*` defaults and `default` / `default_search` analyzers are applied; from a mapping alone
 * text is assumed to be analysed with `standard` and numbers parsed with the defaults.
 */
export function fieldTypesFromMapping(mapping: unknown): Record<string, FieldTypeInfo> {
  try {
    return fieldTypesFromMappingOf(mapping);
  } catch (error) {
    throw inputFailure('fieldTypesFromMapping', error);
  }
}

function fieldTypesFromMappingOf(mapping: unknown): Record<string, FieldTypeInfo> {
  const out: Record<string, FieldTypeInfo> = {};
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  // a null-prototype copy: the walk's reads by name (`d.type`, `'null_value' in d`) never meet a polluted Object.prototype
  let m: unknown = ownJson(mapping);
  if (isObj(m) && !hasOwnKey(m, 'properties') && !hasOwnKey(m, 'mappings')) {
    const first = Object.values(m)[0];
    if (isObj(first) && hasOwnKey(first, 'mappings')) m = first;
  }
  const defaults = isObj(m) && hasOwnKey(m, 'mappings') ? indexDefaults(m.settings) : {};
  if (isObj(m) && isObj(m.mappings)) m = m.mappings;
  const NUMERIC = new Set([...INTEGER_TYPES, ...FLOAT_TYPES, 'half_float', 'scaled_float', 'unsigned_long', 'date', 'date_nanos']);
  const TEXT = new Set(['text', 'match_only_text']);
  const MALFORMED_TYPES = new Set([...NUMERIC, 'ip', 'geo_point', 'geo_shape']);
  const walk = (props: unknown, prefix: string): void => {
    if (!isObj(props)) return;
    for (const [name, def] of Object.entries(props)) {
      if (!isObj(def)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      const info = (d: Record<string, unknown>, source?: string): FieldTypeInfo => {
        const type = typeof d.type === 'string' ? d.type : isObj(d.properties) ? 'object' : 'object';
        const r = Object.create(null) as FieldTypeInfo;
        r.type = type;
        if (typeof d.ignore_above === 'number') r.ignoreAbove = d.ignore_above;
        if (typeof d.format === 'string') r.format = d.format;
        if (typeof d.analyzer === 'string') r.analyzer = d.analyzer;
        if (typeof d.search_analyzer === 'string') r.searchAnalyzer = d.search_analyzer;
        if (TEXT.has(type)) {
          // a field's own analyzer is also its search analyzer; only without one do the index defaults apply
          if (r.analyzer === undefined && defaults.analyzer !== undefined) r.analyzer = defaults.analyzer;
          if (r.searchAnalyzer === undefined && typeof d.analyzer !== 'string' && defaults.searchAnalyzer !== undefined) r.searchAnalyzer = defaults.searchAnalyzer;
        }
        if (typeof d.normalizer === 'string') r.normalizer = d.normalizer;
        // a keyword splitting match queries on white space analyses them with a whitespace search analyzer
        if (type === 'keyword' && flag(d.split_queries_on_whitespace) === true) r.searchAnalyzer = 'whitespace (split_queries_on_whitespace)';
        if (hasOwnKey(d, 'null_value')) r.hasNullValue = true;
        if (source) r.sourceField = source;
        if (type === 'alias' && typeof d.path === 'string') r.aliasPath = d.path;
        const index = flag(d.index);
        const stored = flag(d.store) === true;
        // a stored field is in _field_names: `exists` finds it, so it is not "nothing indexed"
        // binary is never searchable (a query on it fails the search); `exists` finds it when stored or in doc values
        if (type === 'binary') {
          if (stored || flag(d.doc_values) === true) r.storedOnly = true;
          else r.notIndexed = true;
        } else if (index === false && stored && (flag(d.doc_values) === false || TEXT.has(type))) r.storedOnly = true;
        else if (d.enabled === false || (index === false && (flag(d.doc_values) === false || TEXT.has(type)))) r.notIndexed = true;
        // ignore_malformed: numbers, dates, ip, geo types (the index setting applies to the types that take it)
        const im = flag(d.ignore_malformed) ?? (MALFORMED_TYPES.has(type) ? defaults.ignoreMalformed : undefined);
        if (im !== undefined) r.ignoreMalformed = im;
        if (NUMERIC.has(type)) {
          const co = flag(d.coerce) ?? defaults.coerce;
          if (co !== undefined) r.coerce = co;
        }
        if (d.dynamic !== undefined) r.dynamic = String(d.dynamic);
        if (type === 'nested' && (d.include_in_parent === true || d.include_in_root === true)) r.nestedInRoot = true;
        const copyTo = typeof d.copy_to === 'string' ? [d.copy_to] : Array.isArray(d.copy_to) ? d.copy_to : [];
        for (const t of copyTo) if (typeof t === 'string') copyTargets.add(t);
        // handed out as a plain object (its fields defined by the spread)
        return { ...r };
      };
      // setOwn: a field named `__proto__` (a mapping is server data) is a field, not the table's prototype
      setOwn(out, path, info(def));
      if (isObj(def.fields)) {
        for (const [sub, sd] of Object.entries(def.fields)) if (isObj(sd)) setOwn(out, `${path}.${sub}`, info(sd, path));
      }
      if (isObj(def.properties)) walk(def.properties, path);
    }
  };
  const copyTargets = new Set<string>();
  walk(isObj(m) ? m.properties : undefined, '');
  if (isObj(m) && m.dynamic !== undefined && String(m.dynamic) !== 'true') setOwn(out, '', { type: 'object', dynamic: String(m.dynamic) });
  for (const t of copyTargets) {
    const known = Object.prototype.hasOwnProperty.call(out, t) ? out[t] : undefined;
    setOwn(out, t, { ...(known ?? { type: 'keyword' }), copyToTarget: true });
  }
  markSourceFiltered(out, isObj(m) && isObj(m._source) ? m._source : undefined);
  return out;
}
