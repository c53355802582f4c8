/** RFC 6902 JSON Patch operations, limited to what the security plugin supports (`add`, `replace`, `remove`). */

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One supported JSON Patch operation. `replace` and `remove` fail on a missing path; `add` sets or replaces an object member. */
export type JsonPatchOperation =
  | { op: 'add'; path: string; value: JsonValue }
  | { op: 'replace'; path: string; value: JsonValue }
  | { op: 'remove'; path: string };

/** Escapes one reference token of a JSON Pointer (`~` -> `~0`, `/` -> `~1`). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON Pointer from unescaped tokens, e.g. `pointer('new-role', 'users', '-')` -> `/new-role/users/-`. */
export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${escapePointerToken(String(t))}`).join('');
}

/** Throws a RangeError when an operation is not one the plugin accepts (it answers 400 `Unsupported patch operation`). */
export function assertSupportedOperations(ops: readonly JsonPatchOperation[]): void {
  if (ops.length === 0) throw new RangeError('a JSON patch needs at least one operation (the plugin answers "Wrong request body")');
  for (const op of ops) {
    const name = (op as { op: unknown }).op;
    if (name !== 'add' && name !== 'replace' && name !== 'remove') {
      throw new RangeError(`Unsupported patch operation: ${String(name)}. Supported are: remove,replace,add`);
    }
    if (typeof op.path !== 'string' || (op.path !== '' && !op.path.startsWith('/'))) {
      throw new RangeError(`invalid JSON pointer ${JSON.stringify(op.path)}`);
    }
  }
}
