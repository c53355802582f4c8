/** RFC 6902 JSON Patch operations, limited to what the security plugin supports (`add`, `replace`, `remove`). */
import { isPlainRecord, typeName } from '../client/options-check.js';
import { ConfigError } from '../errors/base.js';
import { decodePointerToken } from '../errors/redact.js';
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

/**
 * Throws a ConfigError naming `operations[i]` when the list or an operation is not a plain object of the
 * JSON Patch shape, and a RangeError when an operation is one the plugin refuses (it answers 400
 * `Unsupported patch operation`). Returns a copy read once (a getter cannot pass with one value and be sent with another).
 */
export function checkedOperations(ops: unknown): JsonPatchOperation[] {
  if (!Array.isArray(ops)) throw new ConfigError('operations', `operations: must be an array of JSON Patch operations, got ${typeName(ops)}`);
  if (ops.length === 0) throw new RangeError('a JSON patch needs at least one operation (the plugin answers "Wrong request body")');
  return ops.map((op: unknown, i) => {
    if (!isPlainRecord(op)) throw new ConfigError(`operations[${i}]`, `operations[${i}]: must be a plain object { op, path, value? }, got ${typeName(op)}`);
    const copy = { ...op };
    const name = copy['op'];
    if (name !== 'add' && name !== 'replace' && name !== 'remove') {
      // only JSON Patch's own operation names are quoted: any other value may be a secret put in the wrong field
      const shown = typeof name === 'string' && JSON_PATCH_OPS.has(name) ? name : `operations[${i}].op (${typeof name === 'string' ? `a string of ${name.length} characters` : typeName(name)})`;
      throw new RangeError(`Unsupported patch operation: ${shown}. Supported are: remove,replace,add`);
    }
    if (typeof copy['path'] !== 'string' || (copy['path'] !== '' && !copy['path'].startsWith('/'))) {
      throw new RangeError(`operations[${i}].path: invalid JSON pointer (${typeof copy['path'] === 'string' ? 'it must be empty or start with /' : typeName(copy['path'])})`);
    }
    if (name !== 'remove' && copy['value'] === undefined) {
      throw new ConfigError(`operations[${i}].value`, `operations[${i}].value: a '${name}' operation needs a value (undefined is dropped from JSON and the plugin answers 400)`);
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
