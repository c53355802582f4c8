/**
 * Client-side checks of Java regular expressions and `Matcher.replaceAll` replacement strings, as the
 * security plugin uses them for masked fields (`/regex/::replacement`) and FLS patterns (`/regex/`).
 */

/** Capturing groups of a Java pattern: how many, and the names of the named ones. */
export interface JavaRegexGroups {
  count: number;
  names: Map<string, number>;
}

/** Result of checking a Java regex on the client. `verified: false` means JS cannot judge it (Java-only syntax). */
export type JavaRegexCheck =
  | { ok: true; verified: boolean; groups: JavaRegexGroups }
  | { ok: false; message: string };

const JAVA_ONLY_SYNTAX: readonly RegExp[] = [
  /\(\?[a-zA-Z]*-?[a-zA-Z]+[:)]/, // inline flags (?i) (?i:...) (?-i)
  /\(\?>/, // atomic group
  /[*+?}]\+/, // possessive quantifier
  /\\[QEAZzGhHRXvV]/, // \Q..\E quoting and anchors / classes JS lacks
  /&&\[/, // class intersection
  /\\p\{[A-Za-z]/, // \p{Alpha}, \p{javaLowerCase}
];

/** Counts capturing groups the way java.util.regex does (escapes, \Q..\E, nested classes, (?<name>...)). */
export function countJavaGroups(source: string): JavaRegexGroups {
  const names = new Map<string, number>();
  let count = 0;
  let classDepth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (source[i + 1] === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        i = end === -1 ? source.length : end + 1;
      } else {
        i++;
      }
      continue;
    }
    if (classDepth > 0) {
      if (c === '[') classDepth++;
      else if (c === ']') classDepth--;
      continue;
    }
    if (c === '[') {
      classDepth = 1;
      // A ']' right after '[' or '[^' is a literal member.
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
      continue;
    }
    if (c !== '(') continue;
    if (source[i + 1] !== '?') {
      count++;
      continue;
    }
    if (source[i + 2] === '<') {
      const m = /^[a-zA-Z][a-zA-Z0-9]*>/.exec(source.slice(i + 3));
      if (m) {
        count++;
        names.set(m[0].slice(0, -1), count);
      }
    }
  }
  return { count, names };
}

/** Checks a Java regex with the JS engine where the syntaxes agree; Java-only constructs are left to the server. */
export function checkJavaRegex(source: string): JavaRegexCheck {
  const groups = countJavaGroups(source);
  try {
    new RegExp(source);
    return { ok: true, verified: true, groups };
  } catch (err) {
    if (JAVA_ONLY_SYNTAX.some((re) => re.test(source))) return { ok: true, verified: false, groups };
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, message: reason };
  }
}

const isAsciiLetter = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);
const isAsciiDigit = (c: string | undefined): boolean => c !== undefined && /^[0-9]$/.test(c);

/**
 * Checks a replacement string with the rules of java.util.regex.Matcher#appendReplacement (JDK 17+) and
 * returns the exception message Java would throw, or null when the replacement is valid.
 */
export function checkJavaReplacement(replacement: string, groups: JavaRegexGroups): string | null {
  let cursor = 0;
  while (cursor < replacement.length) {
    const ch = replacement[cursor];
    if (ch === '\\') {
      cursor++;
      if (cursor === replacement.length) return 'character to be escaped is missing';
      cursor++;
      continue;
    }
    if (ch !== '$') {
      cursor++;
      continue;
    }
    cursor++;
    if (cursor === replacement.length) return 'Illegal group reference: group index is missing';
    let next = replacement[cursor];
    if (next === '{') {
      cursor++;
      let name = '';
      while (cursor < replacement.length) {
        next = replacement[cursor];
        if (isAsciiLetter(next) || isAsciiDigit(next)) {
          name += next;
          cursor++;
        } else {
          break;
        }
      }
      if (name.length === 0) return 'named capturing group has 0 length name';
      if (next !== '}') return "named capturing group is missing trailing '}'";
      if (isAsciiDigit(name[0])) return `capturing group name {${name}} starts with digit character`;
      if (!groups.names.has(name)) return `No group with name {${name}}`;
      cursor++;
      continue;
    }
    if (!isAsciiDigit(next)) return 'Illegal group reference';
    let ref = Number(next);
    cursor++;
    while (cursor < replacement.length && isAsciiDigit(replacement[cursor])) {
      const candidate = ref * 10 + Number(replacement[cursor]);
      if (candidate > groups.count) break;
      ref = candidate;
      cursor++;
    }
    if (ref > groups.count) return `No group ${ref}`;
  }
  return null;
}
