/**
 * JSON rendering of error data that never throws. opensearch-js parses long numerals into BigInt
 * when `enableLongNumeralSupport` is on, and bare JSON.stringify rejects BigInt; here a BigInt is
 * written as its decimal string, and anything else unserialisable (cycles, throwing toJSON) as a
 * marker, so String(err) and JSON.stringify(err) work on any error this package hands out.
 */

/** What an unserialisable value is rendered as. */
const UNSERIALISABLE = '[unserialisable]';

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** JSON text of `value` (BigInt as decimal strings); `undefined` where JSON.stringify gives none. Never throws. */
export function safeJsonText(value: unknown): string | undefined {
  try {
    // without a replacer first: a replacer runs per value (~10x slower on a large body); only a BigInt needs it
    return JSON.stringify(value);
  } catch {
    try {
      return JSON.stringify(value, bigintAsString);
    } catch {
      return JSON.stringify(UNSERIALISABLE);
    }
  }
}

/** A JSON-compatible copy of `value` (BigInt as decimal strings), for `toJSON` methods. Never throws. */
export function jsonSafe(value: unknown): unknown {
  const text = safeJsonText(value);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return UNSERIALISABLE;
  }
}

/** A JSON-compatible copy of an object's own enumerable properties, each made safe on its own. Never throws. */
export function jsonSafeOwn(source: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(source);
  } catch {
    return out;
  }
  for (const key of keys) {
    let value: unknown;
    try {
      value = (source as Record<string, unknown>)[key];
    } catch {
      value = UNSERIALISABLE;
    }
    const safe = jsonSafe(value);
    if (safe !== undefined) Object.defineProperty(out, key, { value: safe, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
