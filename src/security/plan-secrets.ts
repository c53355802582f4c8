/**
 * Plans never show a secret: operation values of secret fields (`password`, `hash`, any field redaction
 * treats as secret) are replaced by `[REDACTED]` in what `plan()` returns, and the real operations are
 * kept here, out of reach of JSON.stringify and util.inspect, for `apply()` of that same plan object.
 */
import { isSensitiveKey, isSensitivePatchPath, REDACTED } from '../errors/redact.js';
import { SecurityModelError } from './model-error.js';
import type { JsonPatchOperation, JsonValue } from './patch.js';

/** Shown operation -> the operation with its real values. */
const realOperations = new WeakMap<JsonPatchOperation, JsonPatchOperation>();

/** `value` with every secret field's value replaced; `found` tells whether there was any. */
function redacted(value: JsonValue, depth = 0): { value: JsonValue; found: boolean } {
  if (value === null || typeof value !== 'object' || depth > 16) return { value, found: false };
  if (Array.isArray(value)) {
    let found = false;
    const out = value.map((item) => {
      const r = redacted(item, depth + 1);
      found ||= r.found;
      return r.value;
    });
    return { value: out, found };
  }
  let found = false;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value)) {
    if (isSensitiveKey(key)) {
      found = true;
      Object.defineProperty(out, key, { value: REDACTED, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const r = redacted(item, depth + 1);
    found ||= r.found;
    Object.defineProperty(out, key, { value: r.value, enumerable: true, writable: true, configurable: true });
  }
  return { value: out, found };
}

/** The operation a plan shows: secret values replaced by `[REDACTED]`; the real one is remembered for apply. */
export function shownOperation(op: JsonPatchOperation): JsonPatchOperation {
  if (op.op === 'remove') return op;
  const shown: JsonPatchOperation = isSensitivePatchPath(op.path)
    ? { ...op, value: REDACTED }
    : (() => {
        const r = redacted(op.value);
        return r.found ? { ...op, value: r.value } : op;
      })();
  if (shown !== op) realOperations.set(shown, op);
  return shown;
}

/** True when the operation carries a `[REDACTED]` placeholder where a secret belongs. */
function holdsPlaceholder(op: JsonPatchOperation): boolean {
  if (op.op === 'remove') return false;
  if (isSensitivePatchPath(op.path)) return op.value === REDACTED;
  const walk = (value: JsonValue, depth: number): boolean => {
    if (value === null || typeof value !== 'object' || depth > 16) return false;
    if (Array.isArray(value)) return value.some((item) => walk(item, depth + 1));
    return Object.entries(value).some(([key, item]) => (isSensitiveKey(key) ? item === REDACTED : walk(item, depth + 1)));
  };
  return walk(op.value, 0);
}

/**
 * The operation apply sends for a shown one: its real values when this process made the plan. A
 * placeholder whose real value is not known here (a copied or deserialised plan) is refused: sending
 * it would set the password to the text `[REDACTED]`.
 */
export function sentOperation(op: JsonPatchOperation, where: string): JsonPatchOperation {
  const real = realOperations.get(op);
  if (real !== undefined) return real;
  if (holdsPlaceholder(op)) {
    throw new SecurityModelError('plan', [{
      path: where,
      message: `the value at ${op.path} was redacted in the plan and is not known here: apply the plan object plan() returned in this process, or plan again`,
      exact: false,
    }]);
  }
  return op;
}
