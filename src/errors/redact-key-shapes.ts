/**
 * By-key redaction in any textual shape: `<key><close?><sep><value>`. A sensitive key is found by the word its
 * normalised name ends with (isSensitiveKey then judges the whole name), followed by an optional closing quote or
 * bracket, a separator (`:`, `=`, `=>`, `->`, `:=`, `%3A`, `%3D`, `\u003a`, `\u003d`; whitespace after a `--flag`; `>`
 * of an XML element) and a value: a quoted string (plain or escaped double quotes, `'`, `%22`, `&quot;`, `&#x22;`,
 * `\u0022`, curly quotes; to its real end, escapes honoured), a JSON array or object (bracket counting), XML text, the
 * rest of a line, or a bare token. Every scan is bounded (MAX_KEY, MAX_VALUE) and whatever a value scan passes over is
 * consumed (scanning resumes after it), so the pass stays linear.
 */
import { afterEscape, keyContext, looksLikeSecret, proseValueEnd } from './redact-context.js';
import { table } from './own.js';
import { bracketEnd, delimitedEnd, MAX_VALUE, quotedEnd, singleQuotedEnd, xmlTextEnd } from './redact-string-ends.js';
import { isSensitiveKey, SENSITIVE_KEY_ENDING } from './sensitive-key.js';
import type { Span } from './spans.js';

const MAX_KEY = 100;
const KEY_ENDING = new RegExp(`(?:${SENSITIVE_KEY_ENDING})(?![A-Za-z0-9])`, 'gi');
// After the key: its closing quote (`"`, `\"`, `\\\"`..., `'`, `%22`, `&quot;`, `&#34;`, `&#x22;`, `\u0022`), then the separator.
const KEY_CLOSE = /(\\{0,15})["']|%22|&quot;|&#34;|&#[xX]22;|\\u0022/y;
// `:` never as part of `::` (a masked field's `field::algorithm`, a Java method reference); `=` and `:` also
// JSON-escaped (`\u003d`), and the space after them also escaped (`\t`, `%20`).
const SEPARATOR = /[ \t]*(?:=>|->|:=|=|:(?!:)|%3[AaDd]|\\{1,15}u003[AaDd])(?:[ \t]|%20|%09|\\{1,15}(?:t|u0009|u0020))*/y;
// Colon-like separators: `key: word` may be prose (keyShapeValue).
const COLON_LIKE = /^[ \t]*(?::|->|%3[Aa]|\\+u003[Aa])/;
// After `key:`, what reads as a value rather than prose when the key is quoted: a quoted string, a bracket, a JSON scalar.
const COLON_VALUE = /(?:\\{0,15}"|'|%22|&quot;|&#34;|&#[xX]22;|\\u0022|\u201c|[[{]|-?\d|true\b|false\b|null\b)/y;
const FLAG_SEPARATOR = /[ \t]+(?![-\s])/y;
// The attributes and `>` of an XML start tag (`<Password attr="1">`); a self-closing tag has no value.
const XML_TAG_END = /(?:[ \t\r\n][^<>]{0,500})?(?<!\/)>/y;
export const VALUE_QUOTE = /(\\{0,15})"|'|%22|&quot;|&#34;|&#[xX]22;|\\u0022|\u201c/y;
// What escapes a quote spelt so inside a string it delimits (an escaped backslash before `\u0022`: `\\\u0022`); else `\`.
const QUOTE_ESCAPE: Readonly<Record<string, string>> = table({ '%22': '%5C', '\\u0022': '\\\\' });
const SCHEME = /(?:Basic|Bearer|Digest|Negotiate|ApiKey|AWS4-HMAC-SHA256)[ \t]+(?=[^\s])/iy;
// A bare value ends at whitespace, a quote, a backslash (an escape of the text around it) or a delimiter.
const BARE = /[^\s\\&"',;)}\]<>]{1,4000}/y;
// The rest of a line (a header or YAML line's value): up to a line break in any spelling, a quote or an escape.
const LINE_REST = /(?:[^\\"\r\n%]|%(?!0[AaDd])){1,4000}/y;
// URL-encoded form pair (`password%3Dx`, where `'`, `(`, `)` stay raw and `%20`, `%2C`... are part of
// the value): it ends at an encoded `&`. In URL-encoded JSON (the key closed by `%22`) a bare value
// (number, `true`) ends at an encoded `,`, `}`, `]`, quote, space or line break.
const BARE_FORM = /(?:[^\s\\&",;}\]<>%]|%(?!26)){1,4000}/y;
const BARE_ENCODED_JSON = /(?:[^\s\\&",;}\]<>%]|%(?!2[026Cc]|7[Dd]|5[Dd]|0[AaDd])){1,4000}/y;

type Encoding = 'none' | 'form' | 'json';
// How far a bare value runs: a token (BARE), the rest of its line (a header line), or a prose token (to whitespace).
type Extent = 'token' | 'line' | 'word';

/** True for a letter, a digit or `_` (an ASCII word character). */
export function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isKeyCode(c: number): boolean {
  // a letter, a digit, `_`, `-` or `.`
  return isWordChar(c) || c === 45 || c === 46;
}

export function stickyMatch(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * The value starting at `v` (after a separator) pushed to `spans`: quoted (its content), bracketed
 * (the whole array or object) or bare. `n` is the escape level of the key's quote; `encoding` tells a
 * URL-encoded JSON pair (the key closed by `%22`) or form pair (a `%3D` or `%3A` separator) from plain
 * text. Returns where scanning resumes (`v` when there is no value).
 */
function pairValue(text: string, v: number, n: number, encoding: Encoding, spans: Span[], extent: Extent = 'token'): number {
  const quote = stickyMatch(VALUE_QUOTE, text, v);
  if (quote !== null) {
    const start = v + quote[0].length;
    let end: [number, number];
    if (quote[1] !== undefined) end = quotedEnd(text, start, quote[1].length);
    else if (quote[0] === "'") end = singleQuotedEnd(text, start);
    else if (quote[0] === '\u201c') end = delimitedEnd(text, start, '\u201d');
    else end = delimitedEnd(text, start, quote[0], QUOTE_ESCAPE[quote[0]] ?? '\\');
    spans.push([start, end[0]]);
    return end[1];
  }
  const c = text.charCodeAt(v);
  if (c === 91 || c === 123) {
    const end = bracketEnd(text, v, n);
    spans.push([v, end]);
    return end;
  }
  if (extent === 'line' && encoding === 'none') {
    const line = stickyMatch(LINE_REST, text, v);
    if (line === null) return v;
    spans.push([v, v + line[0].trimEnd().length]);
    return v + line[0].length;
  }
  const scheme = stickyMatch(SCHEME, text, v);
  const start = scheme === null ? v : v + scheme[0].length;
  if (extent === 'word' && encoding === 'none') {
    const end = proseValueEnd(text, start);
    if (end > start) spans.push([v, end]);
    return end > start ? end : v;
  }
  const bare = stickyMatch(encoding === 'json' ? BARE_ENCODED_JSON : encoding === 'form' ? BARE_FORM : BARE, text, start);
  if (bare === null) return v;
  const end = start + bare[0].length;
  spans.push([v, end]);
  return end;
}

/** The value starting at `v` (a quoted string at escape level `n`, a bracket or a bare token) pushed to `spans`: where scanning resumes. */
export function valueSpanAt(text: string, v: number, n: number, spans: Span[]): number {
  return pairValue(text, v, n, 'none', spans);
}

const BLOCK_INDICATOR = /(?:[|>][-+]?[1-9]?)?[ \t]*\r?\n/y;

/**
 * The end of a YAML block or next-line value starting at `v` (after `key:`): a block indicator (`|`, `>-`...) or
 * nothing, then the lines indented deeper than the key's line (blank lines within). Undefined when `v` is not that.
 */
function yamlBlockEnd(text: string, v: number, keyStart: number): number | undefined {
  const head = stickyMatch(BLOCK_INDICATOR, text, v);
  if (head === null) return undefined;
  let lineStart = keyStart;
  while (lineStart > 0 && keyStart - lineStart < MAX_KEY && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  let indent = 0;
  while (text.charCodeAt(lineStart + indent) === 32 || text.charCodeAt(lineStart + indent) === 9) indent++;
  const stop = Math.min(text.length, v + MAX_VALUE);
  let end = v + head[0].length;
  let last = -1;
  for (let i = end; i < stop;) {
    let depth = 0;
    while (i + depth < stop && (text.charCodeAt(i + depth) === 32 || text.charCodeAt(i + depth) === 9)) depth++;
    const c = text.charCodeAt(i + depth);
    const blank = c === 10 || c === 13;
    if (!blank && depth <= indent) break;
    let eol = i + depth;
    while (eol < stop && text.charCodeAt(eol) !== 10) eol++;
    if (!blank) last = eol;
    i = eol + 1;
  }
  if (last < 0) return undefined;
  end = last;
  return end;
}

const FORM_NAME = /\b(?:name|id)[ \t]*=[ \t]*["']?$/i;
const FORM_VALUE = /\b(?:value|content)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * When the key `[start, end)` is the `name` (or `id`) of an HTML tag (`<input name="password" value="S">`, either
 * order), pushes the span of that tag's `value` / `content` and returns where scanning resumes; else undefined.
 */
function formFieldValue(text: string, start: number, end: number, spans: Span[]): number | undefined {
  if (!FORM_NAME.test(text.slice(Math.max(0, start - 12), start))) return undefined;
  let open = start;
  while (open > 0 && start - open < 500 && text.charCodeAt(open - 1) !== 60 && text.charCodeAt(open - 1) !== 62) open--;
  if (text.charCodeAt(open - 1) !== 60) return undefined;
  let close = end;
  while (close < text.length && close - end < 500 && text.charCodeAt(close) !== 62 && text.charCodeAt(close) !== 60) close++;
  if (text.charCodeAt(close) !== 62) return undefined;
  const tag = text.slice(open, close);
  const m = FORM_VALUE.exec(tag);
  if (m === null) return undefined;
  const inner = m[1] ?? m[2] ?? m[3] ?? '';
  const at = open + (m.index ?? 0) + m[0].length - inner.length - (m[3] === undefined ? 1 : 0);
  if (inner.length > 0) spans.push([at, at + inner.length]);
  return close;
}

const NAME_BEFORE = /"(?:name|key|Name|Key|ParameterKey|ParameterName)"[ \t]*:[ \t]*"$/;
const VALUE_AFTER = /"[ \t]*,[ \t]*"(?:value|Value|ParameterValue)"[ \t]*:[ \t]*/y;

/**
 * When the key `[start, end)` is the string value of a `"name"` field directly followed by a `"value"` field
 * (`{"name":"DB_PASSWORD","value":"S"}`), pushes the span of that value and returns where scanning resumes.
 */
function namedValue(text: string, start: number, end: number, spans: Span[]): number | undefined {
  if (!NAME_BEFORE.test(text.slice(Math.max(0, start - 24), start))) return undefined;
  const after = stickyMatch(VALUE_AFTER, text, end);
  if (after === null) return undefined;
  return pairValue(text, end + after[0].length, 0, 'none', spans);
}

/**
 * Whether the value at `v` after `key:` (or `key ->`, `key%3A`, `key\u003a`) of the key `[start, end)` is a secret's,
 * and how far it runs (false when it is not taken). `key: word` is also how prose and the SDK's own messages read
 * (`internal_users.bob.password: passwords never come from the file`, `Field [api_key]: must be keyword`,
 * `Unrecognized token 'secret': was expecting`, `invalid user: password: is empty; hash: is empty`), so the value is
 * taken when the pair stands in a structure or opens a line (keyContext), when it is quoted (after an unquoted key) or
 * a JSON scalar, bracket or quoted string (after a quoted key), and otherwise whenever its token up to whitespace looks
 * like a secret (a digit, a symbol, mixed case, a long token), then whole: to the end of the string when the pair opens
 * one, else that token. Only a plain word is left, as a leaked secret is far worse than a redacted word.
 */
function colonValueTaken(text: string, start: number, end: number, v: number, quotedKey: boolean, bracketed: boolean): Extent | false {
  if (quotedKey ? stickyMatch(COLON_VALUE, text, v) !== null : !bracketed && stickyMatch(VALUE_QUOTE, text, v) !== null) return 'token';
  const context = quotedKey || bracketed ? 'prose' : keyContext(text, start, end);
  if (context === 'structure') return 'token';
  if (context === 'line') return 'line';
  const scheme = stickyMatch(SCHEME, text, v);
  const at = scheme === null ? v : v + scheme[0].length;
  const tokenEnd = proseValueEnd(text, at);
  if (tokenEnd === at || !looksLikeSecret(text.slice(at, tokenEnd))) return false;
  return context === 'string' ? 'line' : 'word';
}

/** The value of the key `[start, end)` of `text`, if it has one in any shape, pushed to `spans`: where scanning resumes. */
function keyShapeValue(text: string, start: number, end: number, spans: Span[]): number {
  // `<password>`, `<Password attr="1">`: the element's text.
  const tag = text.charCodeAt(start - 1) === 60 ? stickyMatch(XML_TAG_END, text, end) : null;
  if (tag !== null) {
    const v = end + tag[0].length;
    const [valueEnd, resume] = xmlTextEnd(text, v);
    if (valueEnd > v) spans.push([v, valueEnd]);
    return resume;
  }
  // `<input name="password" value="...">`, `<meta name="csrf-token" content="...">`: the value attribute of that tag
  const form = formFieldValue(text, start, end, spans);
  if (form !== undefined) return form;
  // `{"name":"DB_PASSWORD","value":"..."}` (environment and parameter lists): the value of that object
  const named = namedValue(text, start, end, spans);
  if (named !== undefined) return named;
  let at = end;
  let n = 0;
  let encoding: Encoding = 'none';
  let bracketed = false;
  const close = stickyMatch(KEY_CLOSE, text, at);
  if (close !== null) {
    n = close[1]?.length ?? 0;
    if (close[0] === '%22') encoding = 'json';
    at += close[0].length;
  } else if (text.charCodeAt(at) === 93 && text.charCodeAt(start - 1) === 91) {
    at += 1; // user[password]=
    bracketed = true;
  } else if (text.startsWith('%5D', at) || text.startsWith('%5d', at)) at += 3; // user%5Bpassword%5D%3D
  const separator = stickyMatch(SEPARATOR, text, at);
  if (separator !== null) {
    const v = at + separator[0].length;
    if (/%3[AaDd]/.test(separator[0]) && encoding === 'none') encoding = 'form';
    let extent: Extent = 'token';
    if (COLON_LIKE.test(separator[0])) {
      // a YAML block or next-line value (`password: |`, `password:` then indented lines): those lines
      const block = yamlBlockEnd(text, v, start);
      if (block !== undefined) {
        spans.push([v, block]);
        return block;
      }
      const taken = colonValueTaken(text, start, end, v, close !== null, bracketed);
      if (taken === false) return end;
      extent = taken;
    }
    return pairValue(text, v, n, encoding, spans, extent);
  }
  // `--password value` (not `--password --other-flag`).
  if (close === null && at === end && text.startsWith('--', start)) {
    const gap = stickyMatch(FLAG_SEPARATOR, text, end);
    if (gap !== null) return pairValue(text, end + gap[0].length, 0, 'none', spans);
  }
  return end;
}

/** The values of sensitive keys in every shape keyShapeValue reads. Linear: bounded scans, and a value is never scanned twice. */
export function keyShapeSpans(text: string, spans: Span[]): void {
  KEY_ENDING.lastIndex = 0;
  for (let m = KEY_ENDING.exec(text); m !== null; m = KEY_ENDING.exec(text)) {
    let start = m.index;
    const floor = Math.max(0, m.index - MAX_KEY);
    while (start > floor && isKeyCode(text.charCodeAt(start - 1))) start--;
    start = afterEscape(text, start, m.index);
    let end = m.index + m[0].length;
    const ceiling = Math.min(text.length, end + MAX_KEY);
    while (end < ceiling && isKeyCode(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end - 1) === 45 && text.charCodeAt(end) === 62) end--; // `password->x`: the `-` is the separator's
    if (end === ceiling && isKeyCode(text.charCodeAt(end))) {
      KEY_ENDING.lastIndex = end;
      continue;
    }
    const resume = isSensitiveKey(text.slice(start, end)) ? keyShapeValue(text, start, end, spans) : end;
    KEY_ENDING.lastIndex = Math.max(KEY_ENDING.lastIndex, resume);
  }
}
