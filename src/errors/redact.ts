/**
 * Redaction of secrets (Authorization, AWS signatures and session tokens, cookies, passwords,
 * password hashes, bearer tokens) from text and URLs: by key (header, field and parameter names), by
 * shape (auth schemes, JWTs, JSON-patch operations on a secret path) and, given a client's SecretSet,
 * by value in every encoded form. Structured values (objects, headers, the `meta` of opensearch-js
 * errors): redact-value.ts. Every function here is total: it never throws, whatever it is given.
 */
import type { FormLevel, SecretSet } from './secrets.js';
import { eachOccurrence } from './secret-index.js';
import { shapeSpans } from './redact-block-shapes.js';
import { afterEscape, escapeBefore } from './redact-context.js';
import { isWordChar, keyShapeSpans, stickyMatch, VALUE_QUOTE, valueSpanAt } from './redact-key-shapes.js';
import { isSensitiveKey } from './sensitive-key.js';
import { groupSpans, inside, jwtSpans, masked, REDACTED, replaceSpans, type Span } from './spans.js';
import { setOwn } from './own.js';

/** What every redacted value is replaced with. */
export { REDACTED } from './spans.js';
export { isSensitiveKey } from './sensitive-key.js';


// Every pattern below is linear: no nested quantifiers over overlapping classes.
const JSON_PAIR = /"([^"\\\n]{1,100})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/dg;
const ESCAPED_JSON_PAIR = /\\"([^"\\\n]{1,100})\\"(\s*:\s*)\\"((?:[^"\\]|\\[^"])*)\\"/dg;
const HEADER_LINE = /^([ \t]*)([A-Za-z0-9_-]{1,100})([ \t]*:[ \t]*)([^\r\n]*)$/dgm;
const KEY_EQ = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,100})=/g;
// A value may be `Scheme token` (`authorization=Basic dXNl...`): both words are the secret.
const PAIR_VALUE = /(?:(?:Basic|Bearer|Digest|Negotiate|AWS4-HMAC-SHA256)[ \t]+)?[^&\s"',;)]+/y;
// A flat JSON object (a JSON-patch operation) in text, its `path` and `value` fields quoted in any spelling: `"`, escaped
// inside a string (`\"`, `\\\"`...), `\u0022`, `&quot;`, `&#34;`, `&#x22;` (a path's `/` may be written `\/`).
const FLAT_OBJECT = /\{[^{}]{1,4000}\}/g;
const PATCH_PATH = /(\\{0,15}"|\\u0022|&quot;|&#34;|&#[xX]22;)path\1\s*:\s*\1((?:[^"\\&]|\\\/){0,500})\1/;
const PATCH_VALUE = /(\\{0,15}"|\\u0022|&quot;|&#34;|&#[xX]22;)value\1\s*:\s*/;
const AUTH_SCHEME = /\b(Basic|Bearer|Negotiate|AWS4-HMAC-SHA256)([ \t]+)(?!realm\b)([A-Za-z0-9+/._~=-]{6,})/dg;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
const BCRYPT = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;
// User info ends at the first `/ ? # @` or whitespace. `"` is excluded because URL serialisation
// always escapes it (and it closes JSON strings); every other character, `'` included, may be a raw
// part of a password in a URL. Linear: a match attempt never scans past the next `/`.
// Also `http:\\user:pass@host` (the WHATWG URL parser reads backslashes as slashes) and a
// protocol-relative `//user:pass@host`.
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]{0,20}:[\\/]{2}|(?<![\w:\\/])[\\/]{2})([^/\\\s@?#"]+)@/dgi;

/** True for a token that looks like an encoded credential rather than an English word. */
function looksLikeCredential(token: string): boolean {
  return /[0-9+/=]/.test(token) || /[A-Z]/.test(token.slice(1)) || token.length >= 20;
}

/**
 * The end of a pair's value without the `]` and `}` that close groups opened before the key on its line
 * (`[token=abc]`, `{user=bob, token=abc}`, `roles=[token=abc]]`); a value holding `]` itself is still covered but
 * for its trailing ones.
 */
function withoutGroupClosers(text: string, keyStart: number, valueStart: number, end: number): number {
  const last = text[end - 1];
  if (last !== ']' && last !== '}') return end;
  const before = text.slice(Math.max(0, keyStart - 200), keyStart);
  const line = before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1);
  const count = (c: string): number => line.split(c).length - 1;
  let squares = count('[') - count(']');
  let curlies = count('{') - count('}');
  while (end - 1 > valueStart) {
    const c = text[end - 1];
    if (c === ']' && squares > 0) squares--;
    else if (c === '}' && curlies > 0) curlies--;
    else break;
    end--;
  }
  return end;
}

/**
 * The values of `key=value` pairs with a secret key. A pair with a harmless key never hides what
 * follows its `=` (`roles=[password=x]`): scanning resumes right after each `key=`, and a value is
 * only consumed when it is secret, so the pass stays linear.
 */
function keyValueSpans(text: string, spans: Span[]): void {
  KEY_EQ.lastIndex = 0;
  for (let m = KEY_EQ.exec(text); m !== null; m = KEY_EQ.exec(text)) {
    const name = m[1] ?? '';
    if (!isSensitiveKey(text.slice(afterEscape(text, m.index, m.index + name.length - 1), m.index + name.length))) continue;
    const valueStart = m.index + m[0].length;
    if (stickyMatch(VALUE_QUOTE, text, valueStart) !== null) continue; // quoted (`\"x y\"` too): keyShapeSpans reads it
    PAIR_VALUE.lastIndex = valueStart;
    if (!PAIR_VALUE.test(text)) continue;
    spans.push([valueStart, withoutGroupClosers(text, m.index, valueStart, PAIR_VALUE.lastIndex)]);
    KEY_EQ.lastIndex = PAIR_VALUE.lastIndex;
  }
}

/**
 * One reference token of a JSON Pointer decoded (RFC 6901: `~1` -> `/`, then `~0` -> `~`, so `~01` is `~1`). The one
 * decoding (security/patch.ts escapePointerToken encodes): here, low in the error layer, as redaction reads patch paths.
 */
export function decodePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** True when a JSON-patch path (`/password`, `/alice/hash`, `/attributes/api_token`) ends in a secret key. */
export function isSensitivePatchPath(path: unknown): boolean {
  if (typeof path !== 'string') return false;
  return isSensitiveKey(decodePointerToken(path.slice(path.lastIndexOf('/') + 1)));
}

/** The values of JSON-patch operations in text whose path ends in a secret key (to each string's real end: valueSpanAt). */
function patchOpSpans(text: string, spans: Span[]): void {
  if (!text.includes('path')) return;
  FLAT_OBJECT.lastIndex = 0;
  for (let m = FLAT_OBJECT.exec(text); m !== null; m = FLAT_OBJECT.exec(text)) {
    const path = PATCH_PATH.exec(m[0]);
    if (path === null || !isSensitivePatchPath((path[2] ?? '').replace(/\\\//g, '/'))) continue;
    const value = PATCH_VALUE.exec(m[0]);
    if (value === null) continue;
    const quote = value[1] ?? '';
    valueSpanAt(text, m.index + value.index + value[0].length, quote.endsWith('"') ? quote.length - 1 : 0, spans);
  }
}

/** What the by-key and by-shape patterns find secret in `text`: field, header, parameter and patch values, user info, auth schemes, JWTs, key ids, hashes. */
function keySpans(text: string, spans: Span[]): void {
  // each pattern only where the literal it cannot match without is present (most texts are short and plain)
  const colon = text.includes(':');
  patchOpSpans(text, spans);
  if (text.includes('@')) groupSpans(text, URL_USERINFO, 2, spans);
  if (colon && text.includes('"')) {
    groupSpans(text, JSON_PAIR, 3, spans, (m) => isSensitiveKey(m[1] ?? ''));
    if (text.includes('\\"')) groupSpans(text, ESCAPED_JSON_PAIR, 3, spans, (m) => isSensitiveKey(m[1] ?? ''));
  }
  if (colon) groupSpans(text, HEADER_LINE, 4, spans, (m) => isSensitiveKey(m[2] ?? ''));
  if (text.includes('=')) keyValueSpans(text, spans);
  keyShapeSpans(text, spans);
  groupSpans(text, AUTH_SCHEME, 3, spans, (m) => looksLikeCredential(m[3] ?? ''));
  jwtSpans(text, spans);
  if (text.includes('AKIA') || text.includes('ASIA')) groupSpans(text, ACCESS_KEY_ID, 0, spans);
  if (text.includes('$2')) groupSpans(text, BCRYPT, 0, spans);
}

// An OpenSearch permission (`indices:data/read/search`, `cluster:admin/opendistro/...`): the plugin's
// vocabulary, never an echo; a word-like secret (`search`) is not removed from inside one.
const ACTION = /(?<![\w:/])(?:cluster|indices|internal):[a-z0-9_*/:.[\]-]+/g;

/** True when the stretch `[start, end)` of `text` is a whole word (an escape before it counts as a separator) outside any permission name. */
function standsAlone(text: string, start: number, end: number, actions: readonly Span[]): boolean {
  if (isWordChar(text.charCodeAt(end))) return false;
  // an escape ending right before it (`%3A`, `\n`, `\u00e9`) is a separator: the word starts there
  if (isWordChar(text.charCodeAt(start - 1)) && escapeBefore(text, start) === undefined) return false;
  return !inside(actions, start, end);
}

// A SecretSet of another build of this package (boundary.ts accepts those by shape) may predate levels() or
// matchers(): its forms are then matched as one level, or anywhere.
function levelsOf(set: SecretSet): readonly FormLevel[] {
  if (typeof set.levels === 'function') return set.levels();
  return [{ matchers: typeof set.matchers === 'function' ? set.matchers() : set.forms().map((text) => ({ text, wholeWord: false })), index: undefined }];
}

/** Where the forms of `sets` occur in `text` (overlapping occurrences included). */
function valueSpans(text: string, sets: readonly (SecretSet | undefined)[], spans: Span[]): void {
  let actions: Span[] | undefined;
  const seen = new Set<FormLevel>();
  for (const set of sets) {
    if (set === undefined || set.empty) continue;
    for (const level of levelsOf(set)) {
      // a level shared by two of the sets (a client's set and a child of it) is looked for once
      if (seen.has(level)) continue;
      seen.add(level);
      // most texts (a request body on the success path) hold none of the level's forms: one pattern test says so
      if (level.heads !== undefined && !level.heads.test(text)) continue;
      eachOccurrence(text, level.matchers, level.index, ({ wholeWord }, at, length) => {
        if (wholeWord) {
          if (actions === undefined) groupSpans(text, ACTION, 0, (actions = []));
          if (!standsAlone(text, at, at + length, actions)) return;
        }
        spans.push([at, at + length]);
      });
    }
  }
}

/** True when some form of `secrets` occurs in `text` anywhere (whole word or not, a cut prefix included): a superset of what redaction replaces by value. */
export function holdsSecretForm(text: string, secrets: SecretSet): boolean {
  let found = false;
  for (const level of levelsOf(secrets)) {
    if (!found) eachOccurrence(text, level.matchers, level.index, () => { found = true; });
  }
  return found;
}

/** Every form of every secret of `secrets` in `text` replaced (word-like secrets only where they stand as whole words). */
export function redactSecretValues(text: string, secrets: SecretSet | undefined): string {
  if (secrets === undefined || secrets.empty || typeof text !== 'string' || text.length === 0) return text;
  const spans: Span[] = [];
  valueSpans(text, [secrets], spans);
  return replaceSpans(text, spans);
}

/**
 * Removes secrets from free text: the values of `secrets` (one set or several) in any encoded form,
 * JSON fields, header lines, `key=value` pairs, JSON-patch values on secret paths, auth schemes, JWTs,
 * URL user info. Every pattern judges the ORIGINAL text and the union of what they find is replaced, so
 * a secret that is part of a key name (`password` as a password) cannot hide that key's value.
 */
export function redactText(text: string, secrets?: SecretSet | readonly (SecretSet | undefined)[]): string {
  if (typeof text !== 'string' || text.length === 0) return typeof text === 'string' ? text : '';
  try {
    const sets: readonly (SecretSet | undefined)[] = Array.isArray(secrets) ? secrets : [secrets as SecretSet | undefined];
    const values: Span[] = [];
    valueSpans(text, sets, values);
    const spans: Span[] = [...values];
    keySpans(text, spans);
    shapeSpans(text, spans);
    // Also judged with the values already covered, as if removed first: a secret holding a quote,
    // brace or line break must not shift a key pattern off the pair that follows it.
    if (values.length > 0) keySpans(masked(text, values), spans);
    return replaceSpans(text, spans);
  } catch {
    return REDACTED;
  }
}

/** (in own.ts, with the other reads and writes a polluted prototype cannot reach) */
export { setOwn };

/**
 * `text` redacted, then cut to at most `max` characters (plus `ellipsis`). Redacting first matters: a cut
 * through a secret (`"password":"hun…`) would leave a fragment no pattern recognises.
 */
export function redactExcerpt(text: string, max: number, secrets?: SecretSet, ellipsis = '…'): string {
  const redacted = redactText(text, secrets);
  if (redacted.length <= max) return redacted;
  let end = Math.max(0, max);
  const last = redacted.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // never split a surrogate pair
  return `${redacted.slice(0, end)}${ellipsis}`;
}

/** A URL (absolute or a path with a query) with credentials in its user info and secret query values removed. */
export function redactUrl(url: string | URL, secrets?: SecretSet): string {
  let text: string;
  try {
    text = typeof url === 'string' ? url : String(url);
  } catch {
    return REDACTED;
  }
  return redactText(text, secrets);
}
