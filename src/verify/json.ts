/**
 * A strict JSON reader for DLS query strings: rejects duplicate keys (as OpenSearch's parser
 * does) and keeps the source text of numbers (`5.0` and `5` differ as keyword terms).
 */

/** A JSON number together with its source text. */
export class JsonNumber {
  /** @param raw the number as written */
  constructor(readonly raw: string) {}
  /** Numeric value. */
  get value(): number { return Number(this.raw); }
  /** True when written without fraction or exponent. */
  get isIntegerLiteral(): boolean { return /^-?\d+$/.test(this.raw); }
}

/** A parsed JSON value (numbers as JsonNumber). */
export type StrictJson = null | boolean | string | JsonNumber | StrictJson[] | { [key: string]: StrictJson };

/** Thrown for anything the strict reader does not accept. */
export class StrictJsonError extends Error {
  override name = 'StrictJsonError';
}

/** Parses JSON text strictly (no comments, no duplicate keys, nothing after the value). */
export function parseStrictJson(text: string): StrictJson {
  let i = 0;
  const fail = (msg: string): never => { throw new StrictJsonError(`${msg} at offset ${i}`); };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const value = (): StrictJson => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [key: string]: StrictJson } = Object.create(null) as { [key: string]: StrictJson };
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') { i++; return obj; }
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
        if (text[i] === '}') { i++; return obj; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: StrictJson[] = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) { i += 4; return true; }
    if (text.startsWith('false', i)) { i += 5; return false; }
    if (text.startsWith('null', i)) { i += 4; return null; }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return new JsonNumber(m[0]);
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
  const v = value();
  ws();
  if (i < text.length) fail('trailing content');
  return v;
}
