/**
 * Whether a partial-document `_update` changes the stored document, as OpenSearch decides it before writing anything
 * (UpdateHelper with detect_noop, XContentHelper.update): the partial document is merged into the source key by key,
 * objects recursively; a key the source lacks is a change; otherwise values are compared with Java's equals, so a change
 * is found only in a key not yet preceded by one. A noop writes nothing: the bulk actions are not checked. Equal numbers
 * are undecided: Java tells 1 from 1.0 (Integer, Double) where JSON read here does not.
 */

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Deeper values are not compared (undecided): a hostile document cannot exhaust the stack. */
const MAX_DEPTH = 200;

/** Java's equals over JSON values (maps, lists, strings, booleans, null); undefined for equal numbers. */
function javaEquals(a: unknown, b: unknown, depth = 0): boolean | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' && typeof b === 'number') return a === b ? undefined : false;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    let unsure = false;
    for (let i = 0; i < a.length; i++) {
      const e = javaEquals(a[i], b[i], depth + 1);
      if (e === false) return false;
      if (e === undefined) unsure = true;
    }
    return unsure ? undefined : true;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length || keys.some((k) => !Object.hasOwn(b, k))) return false;
    let unsure = false;
    for (const k of keys) {
      const e = javaEquals(a[k], b[k], depth + 1);
      if (e === false) return false;
      if (e === undefined) unsure = true;
    }
    return unsure ? undefined : true;
  }
  return a === b;
}

/** XContentHelper.update(source, changes, check): whether merging `changes` modifies `source`; undefined when unknown. */
function merges(source: Record<string, unknown>, changes: Record<string, unknown>, check: boolean, depth = 0): boolean | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let modified = false;
  for (const [key, value] of Object.entries(changes)) {
    if (!Object.hasOwn(source, key)) {
      modified = true;
      continue;
    }
    const old = source[key];
    if (isRecord(old) && isRecord(value)) {
      const inner = merges(old, value, check && !modified, depth + 1);
      if (inner === undefined) return undefined;
      modified ||= inner;
      continue;
    }
    if (modified) continue;
    if (!check) {
      modified = true;
      continue;
    }
    const equal = javaEquals(old, value);
    if (equal === undefined) return undefined;
    modified = !equal;
  }
  return modified;
}

/**
 * Whether the `_update` request `body` changes the stored `source` (a partial `doc`; `detect_noop: false` always
 * writes): true, false (a noop), or undefined (a script, an odd body, or equal numbers).
 */
export function updateChanges(source: unknown, body: unknown): boolean | undefined {
  if (!isRecord(body) || body.script !== undefined || !isRecord(body.doc) || !isRecord(source)) return undefined;
  if (body.detect_noop === false) return true;
  return merges(source, body.doc, true);
}
