/**
 * Whether indexing a document updates an index's mapping (a dynamic mapping update, which the plugin checks as
 * `indices:admin/mapping/put`), read off the mapping `GET <index>/_mapping` shows. Measured on 2.19.4: a value at a
 * path the mapping lacks adds it (a string, even empty; a number; an empty object; an array of values), unless the
 * nearest object's `dynamic` is false (ignored) or `strict` (the document fails with 400: nothing is updated); null, an
 * empty array and an array of nulls add nothing; an object field with `enabled: false`, or a field of another type,
 * takes what lies below it as its own value. A mapping without fields (`{}`) may or may not have its root mapping yet
 * (the first document of an index created without one adds it, even `{}`): a document adding no field to it is
 * undecided. Dotted keys are object paths (`a.b` is `a` then `b`). A document beyond the default mapping limits
 * (20 levels, 1000 fields) is undecided.
 */

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `dynamic` as a mapping states it: true, false, 'strict', or a value not modelled here (undefined). */
function dynamicOf(value: unknown, inherited: DynamicMode): DynamicMode {
  if (value === undefined) return inherited;
  if (value === true || value === 'true') return 'true';
  if (value === false || value === 'false') return 'false';
  if (value === 'strict') return 'strict';
  return 'unknown';
}

type DynamicMode = 'true' | 'false' | 'strict' | 'unknown';

/** Deeper documents or mappings are not walked (undecided): a hostile one cannot exhaust the stack. */
const MAX_DEPTH = 200;

/**
 * A document deeper than the default `index.mapping.depth.limit` (20) or with more keys than the default
 * `index.mapping.total_fields.limit` (1000) may fail to parse (400) instead of updating the mapping: undecided.
 * Measured without recursion (a document nested 100 000 deep is only looked at).
 */
function withinLimits(document: unknown): boolean {
  const stack: Array<[unknown, number]> = [[document, 0]];
  let keys = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (Array.isArray(value)) {
      for (const v of value) stack.push([v, depth]);
    } else if (isRecord(value)) {
      if (depth >= 18) return false; // near the limit (how OpenSearch counts levels) is left undecided
      for (const [key, v] of Object.entries(value)) {
        if (++keys > 1000) return false;
        stack.push([v, depth + key.split('.').length]);
      }
    }
  }
  return true;
}

/** What walking a document found: a field it adds, a strict refusal (the document fails), or something undecidable. */
interface Walk { adds: boolean; strict: boolean; unknown: boolean }

/** An object mapping: its fields (`properties`) and its dynamic mode; undefined for a field of another type. */
function objectOf(node: Record<string, unknown>): Record<string, unknown> | undefined {
  const type = node.type;
  if (type !== undefined && type !== 'object' && type !== 'nested') return undefined;
  return isRecord(node.properties) ? node.properties : {};
}

function walkValue(value: unknown, node: Record<string, unknown> | undefined, dynamic: DynamicMode, out: Walk, depth: number): void {
  if (value === null || value === undefined) return;
  if (depth > MAX_DEPTH) {
    out.unknown = true;
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) walkValue(v, node, dynamic, out, depth + 1);
    return;
  }
  if (node === undefined) {
    // a path the mapping lacks: a value (or an object, even empty) adds it, as the nearest object's dynamic allows
    if (dynamic === 'true') out.adds = true;
    else if (dynamic === 'strict') out.strict = true;
    else if (dynamic === 'unknown') out.unknown = true;
    return;
  }
  if (!isRecord(value)) return; // a value for a mapped field: nothing to add (a mismatch fails the document)
  if (node.enabled === false) return;
  const fields = objectOf(node);
  if (fields === undefined) return; // a typed field taking an object (geo_point, range, flat_object, ...) reads it itself
  walkObject(value, fields, dynamicOf(node.dynamic, dynamic), out, depth + 1);
}

function walkObject(doc: Record<string, unknown>, fields: Record<string, unknown>, dynamic: DynamicMode, out: Walk, depth: number): void {
  for (const [key, value] of Object.entries(doc)) {
    const segments = key.split('.');
    if (segments.some((s) => s === '')) {
      out.unknown = true;
      continue;
    }
    // a dotted key walks down the object mappings (a missing step: the rest is new below it)
    let node: Record<string, unknown> | undefined;
    let here = fields;
    let mode = dynamic;
    for (let i = 0; i < segments.length; i++) {
      const step = here[segments[i] as string];
      node = isRecord(step) ? step : undefined;
      if (i === segments.length - 1) break;
      const inner = node === undefined ? undefined : objectOf(node);
      if (node === undefined || inner === undefined || node.enabled === false) {
        if (node !== undefined) node = { type: 'object', enabled: false }; // below a typed or disabled field: its value
        break;
      }
      mode = dynamicOf(node.dynamic, mode);
      here = inner;
    }
    walkValue(value, node, mode, out, depth);
  }
}

/**
 * Whether indexing `document` into an index whose mapping is `mappings` (its `mappings` object) updates the mapping:
 * true, false, or undefined when that cannot be told (an unusual `dynamic` value, a malformed key, an index without
 * fields given a document that adds none, a document that is not an object).
 */
export function addsToMapping(mappings: unknown, document: unknown): boolean | undefined {
  if (!isRecord(mappings) || !isRecord(document) || !withinLimits(document)) return undefined;
  const out: Walk = { adds: false, strict: false, unknown: false };
  const fields = isRecord(mappings.properties) ? mappings.properties : undefined;
  for (const key of Object.keys(document)) if (key.startsWith('_')) out.unknown = true; // metadata fields fail the document
  walkObject(document, fields ?? {}, dynamicOf(mappings.dynamic, 'true'), out, 0);
  if (out.strict) return false; // the document fails to parse: no mapping update is made
  if (out.unknown) return undefined;
  if (!out.adds && fields === undefined && Object.keys(mappings).length === 0) return undefined;
  return out.adds;
}

/** Whether a template (composable or legacy) that gives mappings matches `name`: a fresh index then starts with them. */
export function templateMayMap(name: string, composable: unknown, legacy: unknown, matches: (pattern: string, name: string) => boolean): boolean {
  const patternsOf = (x: unknown): string[] => (Array.isArray(x) ? x.filter((p): p is string => typeof p === 'string') : typeof x === 'string' ? [x] : []);
  const list = isRecord(composable) && Array.isArray(composable.index_templates) ? composable.index_templates : [];
  for (const t of list) {
    const body = isRecord(t) && isRecord(t.index_template) ? t.index_template : undefined;
    if (body === undefined) return true;
    const gives = (isRecord(body.template) && body.template.mappings !== undefined) || (Array.isArray(body.composed_of) && body.composed_of.length > 0);
    if (gives && patternsOf(body.index_patterns).some((p) => matches(p, name))) return true;
  }
  for (const t of Object.values(isRecord(legacy) ? legacy : {})) {
    if (!isRecord(t)) return true;
    const mappings = t.mappings;
    if (isRecord(mappings) && Object.keys(mappings).length > 0 && patternsOf(t.index_patterns ?? t.template).some((p) => matches(p, name))) return true;
  }
  return false;
}
