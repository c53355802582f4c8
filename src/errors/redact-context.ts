/**
 * What stands around a key in free text once escapes are decoded, for the by-key scanners: the one decoder of the
 * escapes a text may carry a character in (JSON `\n`, `\u000a`, `\/`, `\"`, URL `%0A`, and the same escaped again:
 * `\\n`), where a key's name starts after one, and which context a `key: value` pair stands in (structure, the start
 * of a line or string, prose), with the test that tells a prose word from a secret-looking value and how far a prose
 * value runs. Every look is bounded, so callers stay linear.
 */
import { table } from './own.js';

// JSON's one-letter escapes (and `\"`), as the character each stands for.
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = table({ b: 8, t: 9, n: 10, f: 12, r: 13, '/': 47, '"': 34 });
// How far back spaces and tabs before a key, and extra backslashes of a doubly escaped character, are looked at.
const MAX_LOOK_BACK = 100;
const MAX_BACKSLASHES = 16;

/** The value of the `count` hex digits at `at`, or -1. */
function hexAt(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = parseInt(text[i] as string, 16);
    if (Number.isNaN(digit)) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** The escape starting at `i` (its `%` or `\`): [the character code it stands for, where it ends], or undefined. */
function escapeAt(text: string, i: number): readonly [number, number] | undefined {
  const lead = text.charCodeAt(i);
  if (lead === 37) {
    const code = hexAt(text, i + 1, 2);
    return code < 0 ? undefined : [code, i + 3];
  }
  if (lead !== 92) return undefined;
  const letter = text[i + 1];
  if (letter === 'u') {
    const code = hexAt(text, i + 2, 4);
    return code < 0 ? undefined : [code, i + 6];
  }
  const code = letter === undefined ? undefined : SIMPLE_ESCAPES[letter];
  return code === undefined ? undefined : [code, i + 2];
}

/**
 * The escape ending right at `end` (`\uXXXX`, `%XX`, `\n`...): [the character code it stands for, where it starts,
 * extra backslashes of a doubly escaped one (`\\n`) included], or undefined.
 */
export function escapeBefore(text: string, end: number): readonly [number, number] | undefined {
  for (const length of [6, 3, 2]) {
    const escape = escapeAt(text, end - length);
    if (escape === undefined || escape[1] !== end) continue;
    let start = end - length;
    if (text.charCodeAt(start) === 92) while (start > 0 && end - start < MAX_BACKSLASHES && text.charCodeAt(start - 1) === 92) start--;
    return [escape[0], start];
  }
  return undefined;
}

/**
 * Where a key's name starts when an escape stands right before it (`%26pass=`, `\u0026pass=`, `\npass=`): the escape's
 * hex digits or letter are not part of the name. `start` is where the name's characters start, `limit` the latest
 * start allowed (the matched ending).
 */
export function afterEscape(text: string, start: number, limit: number): number {
  const escape = escapeAt(text, start - 1);
  return escape !== undefined && escape[1] <= limit ? escape[1] : start;
}

/**
 * Where an unquoted key stands, judged by what precedes it once decoded (spaces skipped):
 * - `structure`: a pair of a flow mapping or list (after `{`, `[`, `,`, a list item's `- `), of a parenthesis or a
 *   table cell (`(`, `|`), or after a tab (a column);
 * - `line`: a plain name (letters, digits, `_`, `-`) opening a line (after a line break or form feed in any spelling):
 *   the shape of a header or YAML line;
 * - `string`: a plain name opening a string (after `"` or `'`, escaped or not): a header line quoted, or one of the
 *   SDK's messages inside a JSON string (`{"message":"FGAC_PASSWORD: is not set"}`), told apart by the value;
 * - `prose`: anything else: running text, a dotted name opening a line (`auth.password: contains a line break` is how
 *   the SDK's own messages open), after `;` (`password: is empty; hash: is empty` joins the SDK's model issues), `/`
 *   (`cannot read /run/secrets/db_password: ENOENT`) or `.`.
 */
export function keyContext(text: string, start: number, end: number): 'structure' | 'line' | 'string' | 'prose' {
  let i = start;
  let tab = false;
  while (i > 0 && start - i < MAX_LOOK_BACK) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 9) {
      tab ||= c === 9;
      i--;
      continue;
    }
    const escape = escapeBefore(text, i);
    if (escape === undefined || (escape[0] !== 32 && escape[0] !== 9)) break;
    tab ||= escape[0] === 9;
    i = escape[1];
  }
  if (tab) return 'structure';
  const escape = i > 0 ? escapeBefore(text, i) : undefined;
  const c = escape !== undefined ? escape[0] : i > 0 ? text.charCodeAt(i - 1) : 10;
  if (c === 123 || c === 91 || c === 44 || c === 40 || c === 124) return 'structure';
  if (c === 45 && escape === undefined && i < start) {
    // a list item's `- ` at a line's start or after a space
    const before = text.charCodeAt(i - 2);
    if (i === 1 || before === 32 || before === 9 || before === 10 || before === 13) return 'structure';
  }
  if (!/^[A-Za-z0-9_-]+$/.test(text.slice(start, end))) return 'prose';
  if (c === 10 || c === 13 || c === 11 || c === 12) return 'line';
  return c === 34 || c === 39 ? 'string' : 'prose';
}

// A word as prose writes it: letters (lower case, a capital first, or all capitals), words joined by `-`, `.` or a
// typographic apostrophe (`multi-field`, `ssl.cert`, `don’t`), a full stop or colon after it (not `!` or `?`,
// common at a password's end); or a count of up to 3 digits
// (`logs-api_token: 3 hit(s)`; a PIN has 4 or more).
// Built on first use: parsing the Unicode property classes costs ~0.4 ms, paid by every import of the client otherwise.
let proseWord: RegExp | undefined;
const MAX_PROSE_WORD = 24;

/**
 * True when a bare value (the token after a separator and any auth scheme) looks like a secret rather than a prose
 * word: it holds a digit (past a short count), a symbol or mixed case, or is longer than MAX_PROSE_WORD characters.
 */
export function looksLikeSecret(token: string): boolean {
  proseWord ??= /^(?:(?:\p{L}\p{Ll}*|\p{Lu}+)(?:[-.\u2019]\p{Ll}+)*[.:]?|\d{1,3}[.:]?)$/u;
  return token.replace(/[.:]$/, '').length > MAX_PROSE_WORD || !proseWord.test(token);
}

// A value in prose runs to whitespace; it also ends at a double quote (in any spelling) or a backslash, the string or
// escape of a text around it, and at `<`, the end of an XML element's text.
const PROSE_VALUE = /(?:[^\s\\"<&%]|&(?!quot;|#34;|#[xX]22;)|%(?!22)){1,4000}/y;
const CLOSER_OF: Readonly<Record<string, string>> = table({ '(': ')', '[': ']', '{': '}' });
const CLOSERS = ")]}'";

/**
 * The end of a value in prose starting at `v` (`v` when there is none): the whole token up to whitespace
 * (`Tr0ub4dor&3`, `hunter2's`, `ab;cd`), less the closing brackets and quote at its end that close what opened before
 * it (`(the password: hunter2)`).
 */
export function proseValueEnd(text: string, v: number): number {
  PROSE_VALUE.lastIndex = v;
  const m = PROSE_VALUE.exec(text);
  if (m === null) return v;
  // closers minus openers of each kind (a quote counts for itself), over the token
  const excess = new Map<string, number>();
  for (const ch of m[0]) {
    const closer = CLOSER_OF[ch];
    if (closer !== undefined) excess.set(closer, (excess.get(closer) ?? 0) - 1);
    else if (CLOSERS.includes(ch)) excess.set(ch, (excess.get(ch) ?? 0) + 1);
  }
  let end = v + m[0].length;
  while (end > v) {
    const ch = text[end - 1] as string;
    const count = excess.get(ch) ?? 0;
    const closesOuter = ch === "'" ? count % 2 === 1 : CLOSERS.includes(ch) && count > 0;
    if (!closesOuter) break;
    excess.set(ch, count - 1);
    end--;
  }
  return end;
}
