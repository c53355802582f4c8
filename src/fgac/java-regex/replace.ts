/**
 * `Matcher.replaceAll` and `Matcher.matches` with the JDK's semantics on top of the emitted
 * JavaScript pattern, and the replacement-string grammar of `Matcher.appendReplacement`.
 */
import { MaskingExpressionError, UnsupportedJavaRegexError } from '../errors.js';
import { refuseUnicodeDelta } from './unicode-data.js';
import { compileJavaRegex, engineReason, type JavaRegex } from './emit.js';
import { shownPattern } from './nesting.js';

/** The capturing groups a replacement string may refer to. */
export interface ReplacementGroups {
  readonly groupCount: number;
  readonly namedGroups: ReadonlyMap<string, number>;
}

/** A parsed replacement string: literal text and group references. */
export type ReplacementPart = { lit: string } | { group: number };

/**
 * Parses a Java replacement string (`$n`, `${name}`, `\x`) as `Matcher.appendReplacement` (JDK 17+)
 * does; throws MaskingExpressionError with the JDK's message where it would throw.
 */
export function parseJavaReplacement(replacement: string, rx: ReplacementGroups): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let lit = '';
  let i = 0;
  const fail = (msg: string): never => { throw new MaskingExpressionError(msg, replacement); };
  while (i < replacement.length) {
    const ch = replacement[i] as string;
    if (ch === '\\') {
      i++;
      if (i === replacement.length) fail('character to be escaped is missing');
      lit += replacement[i];
      i++;
    } else if (ch === '$') {
      i++;
      if (i === replacement.length) fail('Illegal group reference: group index is missing');
      let ref: number;
      if (replacement[i] === '{') {
        i++;
        let name = '';
        while (i < replacement.length && /[A-Za-z0-9]/.test(replacement[i] as string)) name += replacement[i++];
        if (name.length === 0) fail('named capturing group has 0 length name');
        if (replacement[i] !== '}') fail("named capturing group is missing trailing '}'");
        if (/^[0-9]/.test(name)) fail(`capturing group name {${name}} starts with digit character`);
        const idx = rx.namedGroups.get(name);
        if (idx === undefined) fail(`No group with name {${name}}`);
        ref = idx as number;
        i++;
      } else {
        const d = replacement.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9) fail('Illegal group reference');
        ref = d;
        i++;
        while (i < replacement.length) {
          const n = replacement.charCodeAt(i) - 0x30;
          if (n < 0 || n > 9) break;
          const next = ref * 10 + n;
          if (rx.groupCount < next) break;
          ref = next;
          i++;
        }
      }
      if (ref > rx.groupCount) throw new MaskingExpressionError(`No group ${ref}`, replacement);
      if (lit) parts.push({ lit });
      lit = '';
      parts.push({ group: ref });
    } else {
      lit += ch;
      i++;
    }
  }
  if (lit) parts.push({ lit });
  return parts;
}

const NON_ASCII_WORDISH = /(?![\x00-\x7F])[\p{L}\p{Nd}\p{Mn}]/u;

/** Java's `new String(s.getBytes(UTF_8), UTF_8)`: lone surrogates become `?`. */
export function javaUtf8RoundTrip(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?');
}

function isMidPair(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return false;
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i);
  return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
}


/** Options of {@link javaReplaceAll}: which JDK generation runs the pattern. */
export interface JavaReplaceOptions {
  /**
   * The JDK is 19 or newer (OpenSearch 3.x needs 21+): `\b` and `\B` use ASCII word characters, as JavaScript's
   * `\b` does (a non-spacing mark after a letter or digit still counts as a word character there).
   */
  readonly jdk19?: boolean;
}

const NON_SPACING_MARK = /\p{Mn}/u;

/** Declines input on which the JDK's answer depends on tables JavaScript does not share. */
function inputCheck(rx: JavaRegex, input: string, options: JavaReplaceOptions): void {
  if (rx.info.usesUnicodeData) refuseUnicodeDelta(rx.source, input);
  wordBoundaryCheck(rx, input, options);
}

function wordBoundaryCheck(rx: JavaRegex, input: string, options: JavaReplaceOptions): void {
  if (!rx.info.usesWordBoundary) return;
  if (options.jdk19 ? NON_SPACING_MARK.test(input) : NON_ASCII_WORDISH.test(input)) {
    throw new UnsupportedJavaRegexError('\\b or \\B next to non-ASCII letters', rx.source, options.jdk19
      ? 'the JDK counts a non-spacing mark after a letter or digit as a word character'
      : 'JDK 17 and older treat Unicode letters as word characters, JDK 19 and newer only [A-Za-z0-9_] (pass jdk19 for OpenSearch 3.x)');
  }
}

/**
 * A match attempt at `at`, a position between the halves of a surrogate pair, which the JDK tries (it
 * advances by one char after an empty match and scans every char index) and JavaScript's `u` mode skips:
 * there the JDK sees a lone low surrogate, as JavaScript does at the start of `input.slice(at)`. Exact only
 * when the pattern looks at nothing before the match (no lookbehind, no `^`/`\A`), checked by the caller.
 */
function attemptInsidePair(sticky: RegExp, input: string, at: number): RegExpExecArray | null {
  sticky.lastIndex = 0;
  const m = sticky.exec(input.slice(at));
  if (m) m.index = at;
  return m;
}

/**
 * `Pattern.compile(pattern).matcher(input).replaceAll(replacement)` with the JDK's semantics
 * (replacement syntax `$n`, `${name}`, `\x`; empty-match advance, also into a surrogate pair; `$`/`^`/`.`
 * line terminators; ASCII-only `\s`, `\w`, `(?i)`).
 */
export function javaReplaceAll(input: string, pattern: string | JavaRegex, replacement: string, options: JavaReplaceOptions = {}): string {
  const rx = typeof pattern === 'string' ? compileJavaRegex(pattern) : pattern;
  try {
    return replaceAll(input, rx, replacement, options);
  } catch (e) {
    throw engineFailure(e, rx);
  }
}

/**
 * V8's own failures as UnsupportedJavaRegexError: a regex it cannot build (SyntaxError "too large" or
 * "Stack overflow", possibly only for the `g`/`y`/anchored forms), or its backtracking stack exhausted on
 * a long input (RangeError; the JDK's recursive matcher overflows its stack there too).
 */
function engineFailure(e: unknown, rx: JavaRegex): unknown {
  if (!(e instanceof SyntaxError) && !(e instanceof RangeError)) return e;
  return new UnsupportedJavaRegexError('match', shownPattern(rx.source), `JavaScript's regex engine failed (${engineReason(e)})`);
}

function replaceAll(input: string, rx: JavaRegex, replacement: string, options: JavaReplaceOptions): string {
  inputCheck(rx, input, options);
  const re = new RegExp(rx.jsSource, 'gu');
  const looksBehind = /\(\?<[=!]/.test(rx.jsSource);
  let sticky: RegExp | undefined;
  const inside = (at: number): RegExpExecArray | null => {
    if (looksBehind) {
      throw new UnsupportedJavaRegexError('match attempt inside a surrogate pair', rx.source,
        'the JDK tries positions between the halves of a supplementary character, and this pattern looks behind');
    }
    sticky ??= new RegExp(rx.jsSource, 'uy');
    return attemptInsidePair(sticky, input, at);
  };
  let parts: ReplacementPart[] | undefined;
  let out = '';
  let appendPos = 0;
  let from = 0;
  const midPairStarts = rx.info.mayMatchMidPair && rx.info.scansEveryIndex;
  while (from <= input.length) {
    let m: RegExpExecArray | null = null;
    if (isMidPair(input, from)) {
      // After an empty match before a supplementary character the JDK resumes inside the pair.
      m = rx.info.mayMatchMidPair ? inside(from) : null;
      if (!m) {
        from++;
        continue;
      }
    } else {
      re.lastIndex = from;
      m = re.exec(input);
      // V8 lets an end assertion (`$`, `\z`) match between the halves of a surrogate pair; Java never does.
      while (m && !rx.info.mayMatchMidPair && isMidPair(input, m.index)) {
        re.lastIndex = m.index + 1;
        m = re.exec(input);
      }
      if (midPairStarts) {
        const until = m ? m.index : input.length + 1;
        for (let k = from + 1; k < until && k < input.length; k++) {
          if (!isMidPair(input, k)) continue;
          const mm = inside(k);
          if (mm) {
            m = mm;
            break;
          }
        }
      }
    }
    if (!m) break;
    if (!parts) {
      parts = parseJavaReplacement(replacement, rx);
      for (const p of parts) {
        if (Object.hasOwn(p, 'group') && rx.info.unstableGroups.has((p as { group: number }).group)) {
          const group = (p as { group: number }).group;
          throw new UnsupportedJavaRegexError(`group reference $${group}`, rx.source, rx.info.unstableGroups.get(group));
        }
      }
    }
    out += input.slice(appendPos, m.index);
    for (const p of parts) out += Object.hasOwn(p, 'lit') ? (p as { lit: string }).lit : (m[rx.jsGroups[(p as { group: number }).group] ?? 0] ?? '');
    appendPos = m.index + m[0].length;
    from = m[0].length === 0 ? appendPos + 1 : appendPos;
  }
  return out + input.slice(appendPos);
}

/** `Pattern.compile(pattern).matcher(input).matches()` (whole-input match). */
export function javaMatches(pattern: string | JavaRegex, input: string, options: JavaReplaceOptions = {}): boolean {
  const rx = typeof pattern === 'string' ? compileJavaRegex(pattern) : pattern;
  inputCheck(rx, input, options);
  try {
    return new RegExp(`^(?:${rx.jsSource})(?![\\s\\S])`, 'u').test(input);
  } catch (e) {
    throw engineFailure(e, rx);
  }
}
