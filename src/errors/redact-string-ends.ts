/**
 * Where a value that opens at a given place in free text ends, for the by-key scanners: a double-quoted string at any
 * escape level (to its real end, escapes honoured, whatever a server escaped only in part), a single-quoted one, one
 * closed by a spelt quote (`%22`, `&quot;`, `\u0022`, `”`), a JSON or flow array or object, an XML element's text.
 * Every scan stops after MAX_VALUE characters.
 */

/** The most characters a value scan passes over. */
export const MAX_VALUE = 4000;

/**
 * A double-quoted string of escape level `n` (the number of backslashes before its quotes: 0 in JSON,
 * 1 in JSON inside a JSON string, 3 twice escaped) whose content starts at `p`: [content end, resume].
 * A quote after `r` backslashes is one of this level when `r - n` is a multiple of `n + 1`, and then
 * closes the string when the quotient (the escaping backslashes it had at level 0) is even. A quote
 * after fewer than `n` belongs to an outer level (the text was cut there). A server escaping only the
 * quotes, or only the backslashes, of a JSON body it echoes writes a secret's own `\"` as `\\"`: inside
 * `\"...\"` that quote is of no level, and at level 0 it reads as an escaped backslash and a close; so a
 * quote of no level, and a close right after an escaped backslash that text follows (never so in JSON), are
 * part of the content and the string runs on to its real end. A raw line break ends a string too.
 */
export function quotedEnd(text: string, p: number, n: number): [number, number] {
  const stop = Math.min(text.length, p + MAX_VALUE);
  let run = 0;
  for (let i = p; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      run++;
      continue;
    }
    if (c === 34) {
      const quote = quoteAt(text, i, run, n);
      if (quote === 'outer') return [i - run, i - run];
      if (quote === 'close') return [i - n, i + 1];
    } else if (c === 10 || c === 13) return [i - run, i];
    run = 0;
  }
  return [stop, stop];
}

/**
 * What the double quote at `i` after `run` backslashes is to a string of escape level `n` (see quotedEnd): its close,
 * a quote of an outer level, or content (escaped, of no level, or a close after an escaped backslash that a
 * character no string end is followed by follows).
 */
function quoteAt(text: string, i: number, run: number, n: number): 'close' | 'outer' | 'content' {
  const m = run - n;
  if (m < 0) return 'outer';
  if (m % (n + 1) !== 0 || (m / (n + 1)) % 2 !== 0) return 'content';
  return m === 0 || followsStringEnd(text.charCodeAt(i + 1)) ? 'close' : 'content';
}

/** True for what may follow a string's end: nothing, whitespace, a JSON delimiter, or the start of an escape or markup. */
function followsStringEnd(code: number): boolean {
  // NaN (the text's end), controls and space, `"` `%` `&` `)` `,` `:` `;` `<` `\` `]` `}`
  return Number.isNaN(code) || code <= 32 || code === 34 || code === 37 || code === 38 || code === 41 || code === 44 || code === 58 || code === 59 || code === 60 || code === 92 || code === 93 || code === 125;
}

/** A single-quoted string (backslash escapes; `''` is a quote in YAML) whose content starts at `p`: [content end, resume]. */
export function singleQuotedEnd(text: string, p: number): [number, number] {
  const stop = Math.min(text.length, p + MAX_VALUE);
  let run = 0;
  for (let i = p; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      run++;
      continue;
    }
    if (c === 39 && run % 2 === 0) {
      if (text.charCodeAt(i + 1) !== 39) return [i, i + 1];
      i++;
    } else if (c === 10 || c === 13) return [i, i];
    run = 0;
  }
  return [stop, stop];
}

/**
 * A string closed by `close` (`%22`, `&quot;`, `&#34;`, `”`) whose content starts at `p`: [content end, resume].
 * A close after an odd run of `escape` (`%5C` before `%22`, `\` before `&quot;`) is part of the content.
 */
export function delimitedEnd(text: string, p: number, close: string, escape = ''): [number, number] {
  const stop = Math.min(text.length, p + MAX_VALUE);
  const window = text.slice(p, stop + close.length - 1);
  for (let at = window.indexOf(close); at >= 0; at = window.indexOf(close, at + 1)) {
    let run = 0;
    if (escape !== '') {
      for (let j = at - escape.length; j >= 0 && window.slice(j, j + escape.length).toUpperCase() === escape; j -= escape.length) run++;
    }
    if (run % 2 === 0) return [p + at, p + at + close.length];
  }
  return [stop, stop];
}

/** True when the `'` at `i` opens a string inside a flow collection (after `[`, `{`, `,` or `:`). */
function opensSingleQuoted(text: string, i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 91 || c === 123 || c === 44 || c === 58;
  }
  return false;
}

/**
 * The end of the JSON (or YAML flow, Python repr) array or object opening at `p`, at escape level `n`:
 * brackets counted outside strings (a quote of no level is content, as in quotedEnd). Unbalanced within
 * MAX_VALUE, or cut by a quote of an outer level, it ends there.
 */
export function bracketEnd(text: string, p: number, n: number): number {
  const stop = Math.min(text.length, p + MAX_VALUE);
  let depth = 0;
  let quote = 0;
  let run = 0;
  for (let i = p; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      run++;
      continue;
    }
    if (c === 34 && quote !== 39) {
      const m = run - n;
      if (m < 0) return i - run;
      // a string opens at a quote of this level; it closes where quotedEnd's would
      if (quote === 0 ? m % (n + 1) === 0 && (m / (n + 1)) % 2 === 0 : quoteAt(text, i, run, n) === 'close') quote = quote === 34 ? 0 : 34;
    } else if (quote === 39) {
      if (c === 39 && run % 2 === 0) quote = 0;
    } else if (quote === 0) {
      if (c === 39 && n === 0 && opensSingleQuoted(text, i)) quote = 39;
      else if (c === 91 || c === 123) depth++;
      else if ((c === 93 || c === 125) && --depth === 0) return i + 1;
    }
    run = 0;
  }
  return stop;
}

/** The text of an XML element starting at `p` (a whole CDATA section, or up to the next `<`): [end, resume]. */
export function xmlTextEnd(text: string, p: number): [number, number] {
  if (text.startsWith('<![CDATA[', p)) {
    const resume = delimitedEnd(text, p + 9, ']]>')[1];
    return [resume, resume];
  }
  const stop = Math.min(text.length, p + MAX_VALUE);
  let i = p;
  while (i < stop && text.charCodeAt(i) !== 60) i++;
  return [i, i];
}
