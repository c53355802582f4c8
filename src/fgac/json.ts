/**
 * JSON as OpenSearch's XContent reader (Jackson, as `JsonXContent` configures it) reads it:
 * duplicate keys are an error (STRICT_DUPLICATE_DETECTION), `/* *\/` and `//` comments count as
 * white space (ALLOW_COMMENTS), nothing else beyond RFC 8259 is accepted. The source text of
 * numbers is kept (`5.0` and `5` differ as keyword terms).
 */
import { ownErrorClass } from './argument-error.js';

/**
 * Deepest nesting of objects and arrays the SDK's readers and walks follow. They recurse, and a
 * fresh Node stack overflows past about 2000 object levels, so deeper input (or a cyclic object)
 * is reported as too deep to judge: unverifiable, never a verdict. Not a server rule: OpenSearch
 * 2.19.4 here stored a document nested 3001 levels deep and ran a DLS query nested 4002 deep.
 */
export const MAX_NESTING_DEPTH = 1000;

/** Input nested deeper than MAX_NESTING_DEPTH (or holding a cycle) met by one of the SDK's readers or walks. */
export class NestingTooDeepError extends RangeError {
  override name = 'RangeError';
  /** @param what what was read or walked, e.g. `the _source` */
  constructor(what: string) {
    super(`${what} nests deeper than ${MAX_NESTING_DEPTH} levels (or holds a cycle), more than the SDK follows: it cannot be judged`);
  }
}
ownErrorClass(NestingTooDeepError);

/** A JSON number together with its source text. */
export class JsonNumber {
  /** @param raw the number as written */
  constructor(readonly raw: string) {}
  /** Numeric value. */
  get value(): number { return Number(this.raw); }
  /** True when written without fraction or exponent. */
  get isIntegerLiteral(): boolean { return /^-?\d+$/.test(this.raw); }
}

/** A parsed JSON value (numbers as JsonNumber) that may also hold raw values of type `T`. */
export type JsonWith<T> = null | boolean | string | JsonNumber | T | JsonWith<T>[] | { [key: string]: JsonWith<T> };

/** A parsed JSON value (numbers as JsonNumber). */
export type StrictJson = JsonWith<never>;

/** Thrown for anything the reader does not accept. */
export class StrictJsonError extends Error {
  override name = 'StrictJsonError';
}
ownErrorClass(StrictJsonError);

/** A value the caller reads itself where a JSON value is expected (e.g. a raw `${user.roles}`). */
export interface RawValue<T> {
  value: T;
  /** Offset just after the raw value. */
  end: number;
}

/** Options of {@link parseStrictJson}. */
export interface StrictJsonOptions<T = never> {
  /** Called where a value is expected and the text does not start one; returns a raw value or undefined. */
  rawValue?: (text: string, at: number) => RawValue<T> | undefined;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A value read from the start of a text, and where it ended. */
export interface JsonPrefix<T> {
  value: JsonWith<T>;
  /** Offset just after the value; the rest of the text was not read. */
  end: number;
}

/** Parses JSON text the way OpenSearch does (no duplicate keys, comments allowed); raw values only with `rawValue`. */
export function parseStrictJson<T = never>(text: string, options: StrictJsonOptions<T> = {}): JsonWith<T> {
  const { value, end } = readStrictJsonPrefix(text, options);
  if (text.slice(end).trim() !== '') throw new StrictJsonError(`trailing content at offset ${end}`);
  return value;
}

/**
 * Reads one JSON value from the start of `text` and stops, as a parser that consumes one object does
 * (the plugin reads a DLS query that way: whatever follows it is never read).
 */
export function readStrictJsonPrefix<T = never>(text: string, options: StrictJsonOptions<T> = {}): JsonPrefix<T> {
  let i = 0;
  let depth = 0;
  const fail = (msg: string): never => { throw new StrictJsonError(`${msg} at offset ${i}`); };
  const open = (): void => {
    if (++depth > MAX_NESTING_DEPTH) throw new NestingTooDeepError('the JSON text');
  };
  const ws = (): void => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
      if (c !== '/') return;
      const next = text[i + 1];
      if (next === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail('unterminated comment');
        i = end + 2;
      } else if (next === '/') {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      } else {
        fail("unexpected character '/'");
      }
    }
  };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('unterminated string');
      if (c === '"') break;
      if (c === '\\') i += 2;
      else if ((c as string).charCodeAt(0) < 0x20) fail('control character in string');
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('bad string escape');
    }
  };
  const value = (): JsonWith<T> => {
    ws();
    const c = text[i];
    if (c === '{') {
      open();
      i++;
      const obj = Object.create(null) as { [key: string]: JsonWith<T> };
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') { i++; depth--; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const k = str();
        if (seen.has(k)) fail(`duplicate key ${JSON.stringify(k)}`);
        seen.add(k);
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        obj[k] = value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; depth--; return obj; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      open();
      i++;
      const arr: JsonWith<T>[] = [];
      ws();
      if (text[i] === ']') { i++; depth--; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; depth--; return arr; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) { i += 4; return true; }
    if (text.startsWith('false', i)) { i += 5; return false; }
    if (text.startsWith('null', i)) { i += 4; return null; }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return new JsonNumber(m[0]);
    }
    const raw = options.rawValue?.(text, i);
    if (raw !== undefined) {
      i = raw.end;
      return raw.value;
    }
    return fail(c === undefined ? 'unexpected end of input' : 'unexpected character');
  };
  const v = value();
  return { value: v, end: i };
}
