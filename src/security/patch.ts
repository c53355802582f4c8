/** RFC 6902 JSON Patch operations, limited to what the security plugin supports (`add`, `replace`, `remove`). */
import { isPlainRecord, typeName } from '../client/options-check.js';
import { guarded, readOnce } from '../client/options-snapshot.js';
import { ConfigError } from '../errors/base.js';
import { decodePointerToken, setOwn } from '../errors/redact.js';
import { MAX_NESTING_DEPTH } from '../fgac/json.js';
import { SecurityModelError } from './model-error.js';
import { patchValueIssues, type ShapedKind } from './model-shape.js';

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One supported JSON Patch operation. `replace` and `remove` fail on a missing path; `add` sets or replaces an object member. */
export type JsonPatchOperation =
  | { op: 'add'; path: string; value: JsonValue }
  | { op: 'replace'; path: string; value: JsonValue }
  | { op: 'remove'; path: string };

/** Escapes one reference token of a JSON Pointer (`~` -> `~0`, `/` -> `~1`; errors/redact.ts decodePointerToken decodes). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON Pointer from unescaped tokens, e.g. `pointer('new-role', 'users', '-')` -> `/new-role/users/-`. */
export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${escapePointerToken(String(t))}`).join('');
}

/** RFC 6902's operation names (the plugin supports three of them). */
const JSON_PATCH_OPS: ReadonlySet<string> = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** A list read once: its length, then each entry (readOnce one level deep: a throwing getter or trap is a ConfigError naming `at` or its entry). */
function readList(list: readonly unknown[], at: string): unknown[] {
  return readOnce(list as unknown[], at, undefined, 0, 0);
}

/**
 * `value` copied as the JSON data it is sent as, every property read exactly once: lists (each entry) and plain objects
 * (their own enumerable keys, the ones JSON sends) all the way down, into null-prototype objects. What is checked is then
 * what is sent. A getter or Proxy trap that throws is a ConfigError naming where (never what it threw); so is anything
 * JSON has no faithful form of (a BigInt, a function, a Date, Map or class instance) and a cycle or nesting past
 * MAX_NESTING_DEPTH. `ancestors`: the objects above `value` (a value shared by two places is copied twice, as JSON writes it).
 */
function jsonSnapshot(value: unknown, at: string, ancestors: Set<object>, depth: number): unknown {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') throw new ConfigError(at, `${at}: a BigInt cannot be sent as JSON; give a number or a string`);
  const list = typeof value === 'object' && guarded(at, () => Array.isArray(value));
  if (typeof value !== 'object' || (!list && !guarded(at, () => isPlainRecord(value)))) {
    throw new ConfigError(at, `${at}: must be JSON data (a plain object, a list, a string, a number, a boolean or null), got ${typeName(value)}`);
  }
  if (depth >= MAX_NESTING_DEPTH || ancestors.has(value)) throw new ConfigError(at, `${at}: nests deeper than ${MAX_NESTING_DEPTH} levels (or holds a cycle)`);
  ancestors.add(value);
  try {
    if (list) return readList(value as unknown[], at).map((entry, i) => jsonSnapshot(entry, `${at}[${i}]`, ancestors, depth + 1));
    const source = value as Record<string, unknown>;
    const copy = Object.create(null) as Record<string, unknown>;
    for (const key of guarded(at, () => Object.keys(source))) {
      setOwn(copy, key, jsonSnapshot(guarded(`${at}.${key}`, () => source[key]), `${at}.${key}`, ancestors, depth + 1));
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * Throws a ConfigError naming `operations[i]` when the list or an operation is not a plain object of the
 * JSON Patch shape, and a RangeError when an operation is one the plugin refuses (it answers 400
 * `Unsupported patch operation`). Returns a copy read once: the list, each operation's `op`, `path` and other fields,
 * and its `value` all the way down (jsonSnapshot), so a getter cannot pass with one value and be sent with another; a
 * getter or Proxy that throws is a ConfigError naming the field (`operations[1].value.index_permissions[0].dls`).
 */
export function checkedOperations(ops: unknown): JsonPatchOperation[] {
  if (!guarded('operations', () => Array.isArray(ops))) throw new ConfigError('operations', `operations: must be an array of JSON Patch operations, got ${typeName(ops)}`);
  const list = readList(ops as unknown[], 'operations');
  if (list.length === 0) throw new RangeError('a JSON patch needs at least one operation (the plugin answers "Wrong request body")');
  return list.map((op: unknown, i) => {
    const at = `operations[${i}]`;
    if (!guarded(at, () => isPlainRecord(op))) throw new ConfigError(at, `${at}: must be a plain object { op, path, value? }, got ${typeName(op)}`);
    const given = op as Record<string, unknown>;
    // each field read once; `op` and `path` are judged below as they are, every other field is copied as JSON data
    const fields = guarded(at, () => Object.keys(given)).map((key): [string, unknown] => [key, guarded(`${at}.${key}`, () => given[key])]);
    const read = new Map(fields);
    const name = read.get('op');
    if (name !== 'add' && name !== 'replace' && name !== 'remove') {
      // only JSON Patch's own operation names are quoted: any other value may be a secret put in the wrong field
      const shown = typeof name === 'string' && JSON_PATCH_OPS.has(name) ? name : `${at}.op (${typeof name === 'string' ? `a string of ${name.length} characters` : typeName(name)})`;
      throw new RangeError(`Unsupported patch operation: ${shown}. Supported are: remove,replace,add`);
    }
    const path = read.get('path');
    if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) {
      throw new RangeError(`${at}.path: invalid JSON pointer (${typeof path === 'string' ? 'it must be empty or start with /' : typeName(path)})`);
    }
    if (name !== 'remove' && read.get('value') === undefined) {
      throw new ConfigError(`${at}.value`, `${at}.value: a '${name}' operation needs a value (undefined is dropped from JSON and the plugin answers 400)`);
    }
    const copy: Record<string, unknown> = {};
    for (const [key, value] of fields) {
      // a remove's value is ignored by the plugin (RFC 6902: a member an operation does not define): left out, not judged
      if (name === 'remove' && key === 'value') continue;
      setOwn(copy, key, key === 'op' || key === 'path' ? value : jsonSnapshot(value, `${at}.${key}`, new Set(), 0));
    }
    return copy as JsonPatchOperation;
  });
}

/**
 * True when the plugin's collection PATCH would add, replace or remove another entity than `name` as a whole:
 * it decodes a whole-entity pointer twice (2.19.4 and 3.4.0: `/x~01`, the pointer of `x~1`, stores `x/`;
 * `/x~00` stores `x~`), which changes a name holding `~0` or `~1`. Field paths (`/x~01/users`) are read right.
 */
export function wholeEntityPointerMisread(name: string): boolean {
  return /~[01]/.test(name);
}

/** The refusal of a whole-entity collection PATCH operation on `name` (see {@link wholeEntityPointerMisread}). */
export function misreadEntityError(kind: string, name: string): SecurityModelError {
  return new SecurityModelError(kind, [{
    path: 'name',
    message: `${JSON.stringify(name)} holds '~0' or '~1', which the plugin's collection PATCH decodes twice for a whole entity ` +
      '(it would create, replace or delete another one): create, replace or delete it with put, ensure or delete, which address it exactly',
    exact: false,
  }]);
}

/** Throws {@link misreadEntityError} for an operation of a collection PATCH whose path is a whole entity the plugin would misread. */
export function refuseMisreadEntityPaths(kind: string, ops: readonly JsonPatchOperation[]): void {
  for (const op of ops) {
    const token = /^\/([^/]*)$/.exec(op.path)?.[1];
    if (token === undefined) continue;
    const name = decodePointerToken(token);
    if (wholeEntityPointerMisread(name)) throw misreadEntityError(kind, name);
  }
}

/**
 * Refuses, before anything is sent, an `add`/`replace` whose value does not have the shape a whole-entity write of
 * `kind` is held to (model-shape.ts patchValueIssues: an unknown key in an index permission, a string for a list, a
 * number for `dls`): the node answers those with a 500 (Jackson) or stores them coerced (`dls: 5` as the text "5").
 * A SecurityModelError naming the operation, the entity and the field. `collection`: paths start with the entity name.
 */
export function refuseMisshapenValues(kind: ShapedKind, ops: readonly JsonPatchOperation[], collection: boolean, name?: string): void {
  ops.forEach((op, i) => {
    if (op.op === 'remove') return;
    const tokens = op.path === '' ? [] : op.path.slice(1).split('/').map(decodePointerToken);
    // a collection PATCH of the whole collection (path '') is left to the plugin
    if (collection && tokens.length === 0) return;
    const entity = collection ? tokens.shift() : name;
    const issues = patchValueIssues(kind, tokens, op.value);
    if (issues.length > 0) throw new SecurityModelError(`operations[${i}] (${op.path === '' ? '""' : op.path}) of ${kind}${entity === undefined ? '' : ` ${JSON.stringify(entity)}`}`, issues);
  });
}
