/**
 * Secrets found by the shape of what surrounds them rather than a `key: value` pair: the body of a PEM private key
 * block (anyone's key a server or proxy echoes, not only the client's own `ssl.key`), Spring's binding message for a
 * secret field (`on field 'password': rejected value [S]`) and OpenSearch's mapping failure previewing a secret
 * field's value; and the other places a text or an error body repeats what they give away. The scans are linear: each
 * resumes after what it consumed, and a marker found once is searched for again only once the scan has passed it.
 */
import { isSensitiveKey } from './sensitive-key.js';
import { REDACTED, type Span } from './spans.js';

// `-----BEGIN PRIVATE KEY-----`, `RSA`, `EC`, `DSA`, `OPENSSH`, `ENCRYPTED` ... variants.
const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----/g;
const PEM_END = '-----END ';

// What a block's body is made of (headers of an encrypted key first: their names would end the base64 run early).
const PEM_BODY = /(?:(?:Proc-Type|DEK-Info):[^\r\n\\]*|[A-Za-z0-9+/=]|\s|\\[rn])*/y;
const BASE64_RUN = /[A-Za-z0-9+/=]{16,}/;

/**
 * The text between a private key block's BEGIN and END lines. A block cut before its END (a truncated body) is covered
 * as far as it looks like one (base64, line breaks, `Proc-Type:`/`DEK-Info:`), and only when it holds base64: a
 * message that names the header (`must start with -----BEGIN PRIVATE KEY-----; ...`) keeps its text.
 */
function pemPrivateKeySpans(text: string, spans: Span[]): void {
  if (!text.includes('PRIVATE KEY-----')) return;
  let endMissing = false;
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m !== null; m = PEM_BEGIN.exec(text)) {
    const start = m.index + m[0].length;
    const end = endMissing ? -1 : text.indexOf(PEM_END, start);
    if (end >= 0) {
      spans.push([start, end]);
      PEM_BEGIN.lastIndex = end + PEM_END.length;
      continue;
    }
    endMissing = true;
    PEM_BODY.lastIndex = start;
    const body = PEM_BODY.exec(text)?.[0] ?? '';
    if (BASE64_RUN.test(body)) spans.push([start, start + body.length]);
    PEM_BEGIN.lastIndex = Math.max(PEM_BEGIN.lastIndex, start + body.length);
  }
}

/**
 * The next match of the global `pattern` at or after `start` (the text's length when none), for starts that only grow: a position found once stays the answer until a
 * start passes it, so a whole scan stays linear.
 */
function nextFinder(text: string, pattern: RegExp): (start: number) => number {
  let found = -2;
  return (start) => {
    if (found !== -1 && found < start) {
      pattern.lastIndex = start;
      found = pattern.exec(text)?.index ?? -1;
    }
    return found < 0 ? text.length : found;
  };
}

/** True when a field path (`password`, `user.password`, `secrets[0]`, `password.keyword`) names a secret in any part. */
function isSensitivePath(path: string): boolean {
  const plain = path.replace(/(?:\[\d+\])+$/, '');
  return isSensitiveKey(plain) || plain.split('.').some((part) => isSensitiveKey(part.replace(/(?:\[\d+\])+$/, '')));
}

// Spring's FieldError text: `Field error in object 'form' on field 'password': rejected value [S]; codes [...]`.
const REJECTED_VALUE = /on field '([^'\r\n]{1,100})': rejected value \[/g;
const CODES_AFTER = ']; codes [';

/** The rejected value of a Spring binding error on a secret field (up to `]; codes [`, else the last `]` of the line, else its end). */
function rejectedValueSpans(text: string, spans: Span[]): void {
  if (!text.includes('rejected value [')) return;
  const lineEnd = nextFinder(text, /[\r\n]/g);
  let codes = -2; // the next `]; codes [` at or after the scan position (-1: none left)
  REJECTED_VALUE.lastIndex = 0;
  for (let m = REJECTED_VALUE.exec(text); m !== null; m = REJECTED_VALUE.exec(text)) {
    if (!isSensitivePath(m[1] ?? '')) continue;
    const start = m.index + m[0].length;
    if (codes !== -1 && codes < start) codes = text.indexOf(CODES_AFTER, start);
    const eol = lineEnd(start);
    const close = text.slice(start, eol).lastIndexOf(']');
    const end = codes >= 0 && codes < eol ? codes : close >= 0 ? start + close : eol;
    spans.push([start, end]);
    REJECTED_VALUE.lastIndex = Math.max(end, start);
  }
}

// OpenSearch's mapping failure: `failed to parse field [password] of type [long] in document with id '1'. Preview of
// field's value: 'S'` (2.x and 3.x FieldMapper), whose `caused_by` may repeat the value with no name (by-value pass).
const FIELD_PREVIEW = /failed to parse field \[([^\]\r\n]{1,200})\] of type \[[^\]\r\n]{0,100}\][^\r\n]{0,300}?Preview of field's value: '/g;

/** The previewed value of a secret field in a mapping failure: up to the last `'` before the reason's closing quote or the line's end. */
function fieldPreviewSpans(text: string, spans: Span[]): void {
  if (!text.includes("Preview of field's value: '")) return;
  const lineEnd = nextFinder(text, /[\r\n]/g);
  // the reason's closing quote in JSON: a `"` no backslash escapes
  const closingQuote = nextFinder(text, /(?<!\\)"/g);
  FIELD_PREVIEW.lastIndex = 0;
  for (let m = FIELD_PREVIEW.exec(text); m !== null; m = FIELD_PREVIEW.exec(text)) {
    if (!isSensitivePath(m[1] ?? '')) continue;
    const start = m.index + m[0].length;
    const stop = Math.min(lineEnd(start), closingQuote(start));
    const quote = text.slice(start, stop).lastIndexOf("'");
    const end = quote >= 0 ? start + quote : stop;
    spans.push([start, end]);
    FIELD_PREVIEW.lastIndex = Math.max(end, start);
  }
}

/** What the block shapes give away in `text`: private key bodies, Spring's and OpenSearch's previews of a secret field. */
function blockSpans(text: string): Span[] {
  const shaped: Span[] = [];
  pemPrivateKeySpans(text, shaped);
  rejectedValueSpans(text, shaped);
  fieldPreviewSpans(text, shaped);
  return shaped;
}

/**
 * The values the block shapes give away, and their other occurrences in the text: a server repeats such a value
 * without its name (a mapping failure's `caused_by`: `For input string: "S"`).
 */
export function shapeSpans(text: string, spans: Span[]): void {
  const shaped = blockSpans(text);
  for (const span of shaped) spans.push(span);
  echoSpans(text, shaped, spans);
}

const SHAPED_MAX_STRINGS = 1000;
const MAX_SHAPED_DEPTH = 16;
const MAX_SHAPED_TEXT = 4 * 1024 * 1024;

/**
 * The values the block shapes give away anywhere in `value`'s strings (an error body: the preview in `reason`, its
 * echo in `caused_by.reason`, another string): as secrets by value they are removed from every field of the error.
 */
export function shapedSecretValues(value: unknown): string[] {
  const found = new Set<string>();
  let strings = 0;
  const visit = (v: unknown, depth: number): void => {
    if (found.size >= ECHOED_VALUES || strings >= SHAPED_MAX_STRINGS || depth > MAX_SHAPED_DEPTH) return;
    if (typeof v === 'string') {
      strings++;
      if (v.length === 0 || v.length > MAX_SHAPED_TEXT) return;
      for (const [a, b] of blockSpans(v)) {
        const shaped = v.slice(a, b);
        if (shaped.length >= ECHOED_MIN_LENGTH && !shaped.includes(REDACTED)) found.add(shaped);
      }
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const child of Array.isArray(v) ? v : Object.values(v)) visit(child, depth + 1);
  };
  try {
    visit(value, 0);
  } catch {
    // a getter that throws or a Proxy: what was found so far
  }
  return [...found].slice(0, ECHOED_VALUES);
}

/** How many shaped values are also looked for elsewhere in the text, and from what length. */
const ECHOED_VALUES = 20;
const ECHOED_MIN_LENGTH = 4;

/** Other occurrences in `text` of the values at `found` (the first ECHOED_VALUES distinct ones). */
function echoSpans(text: string, found: readonly Span[], spans: Span[]): void {
  const seen = new Set<string>();
  for (const [start, end] of found) {
    if (seen.size >= ECHOED_VALUES) break;
    if (end - start < ECHOED_MIN_LENGTH) continue;
    const value = text.slice(start, end);
    if (seen.has(value)) continue;
    seen.add(value);
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) if (at !== start) spans.push([at, at + value.length]);
  }
}
