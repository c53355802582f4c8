/**
 * Forms of a secret as HTML escapers that go beyond `&<>"'` write it (an error page echoing a password): named
 * entities for Latin-1 and the HTML 4.0 extended set (Java's `escapeHtml4`, Spring's `HtmlUtils`, PHP's `htmlentities`),
 * PHP's `&#039;`, and numeric references for every character but letters, digits and `,.-_ ` (decimal as .NET writes
 * Latin-1, hex as OWASP's encoder does). A form is made only when the text holds a character concerned.
 */

/** HTML 4.0 entity names of U+00A0..U+00FF, in code point order. */
const LATIN1 = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro ' +
  'para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil ' +
  'Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave ' +
  'Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml ' +
  'igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute ' +
  'thorn yuml'
).split(' ');

/** Greek letters of HTML 4.0 (U+0391..U+03A9 without U+03A2, U+03B1..U+03C9 with `sigmaf` at U+03C2). */
const GREEK = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega'.split(' ');

/** The other HTML 4.0 named characters a password may hold. */
const EXTENDED: ReadonlyArray<[number, string]> = [
  [0x152, 'OElig'], [0x153, 'oelig'], [0x160, 'Scaron'], [0x161, 'scaron'], [0x178, 'Yuml'], [0x192, 'fnof'],
  [0x2c6, 'circ'], [0x2dc, 'tilde'], [0x2013, 'ndash'], [0x2014, 'mdash'], [0x2018, 'lsquo'], [0x2019, 'rsquo'],
  [0x201a, 'sbquo'], [0x201c, 'ldquo'], [0x201d, 'rdquo'], [0x201e, 'bdquo'], [0x2020, 'dagger'], [0x2021, 'Dagger'],
  [0x2022, 'bull'], [0x2026, 'hellip'], [0x2030, 'permil'], [0x2039, 'lsaquo'], [0x203a, 'rsaquo'], [0x20ac, 'euro'],
  [0x2122, 'trade'],
];

let names: Map<string, string> | undefined;

/** Character -> entity name (built on first use). */
function entityNames(): Map<string, string> {
  if (names !== undefined) return names;
  const made = new Map<string, string>([['&', 'amp'], ['<', 'lt'], ['>', 'gt'], ['"', 'quot']]);
  LATIN1.forEach((name, i) => made.set(String.fromCharCode(0xa0 + i), name));
  GREEK.forEach((name, i) => {
    made.set(String.fromCharCode(0x391 + i + (i >= 17 ? 1 : 0)), name);
    made.set(String.fromCharCode(0x3b1 + i + (i >= 17 ? 1 : 0)), name.toLowerCase());
  });
  made.set('\u03c2', 'sigmaf');
  for (const [code, name] of EXTENDED) made.set(String.fromCharCode(code), name);
  return (names = made);
}

/** What OWASP's HTML encoder leaves as it is besides letters and digits. */
const IMMUNE = /[A-Za-z0-9,.\-_ ]/;
/** A character some form below changes. */
const CONCERNED = /[^A-Za-z0-9,.\-_ ]/;

/** The HTML forms of `text` beyond the common escapers' (see the file's comment); none when `text` needs none. */
export function extraHtmlForms(text: string): string[] {
  if (!CONCERNED.test(text)) return [];
  const table = entityNames();
  const named = (apostrophe: string): string => Array.from(text, (c) => (c === "'" ? apostrophe : table.has(c) ? `&${table.get(c) as string};` : c)).join('');
  const numeric = (hex: boolean, all: boolean): string => Array.from(text, (c) => {
    const code = c.codePointAt(0) as number;
    if (IMMUNE.test(c) || (!all && code < 0x80 && !`&<>"'`.includes(c))) return c;
    return hex ? `&#x${code.toString(16)};` : `&#${code};`;
  }).join('');
  const php = Array.from(text, (c) => (c === "'" ? '&#039;' : c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c)).join('');
  return [named("'"), named('&#39;'), named('&#039;'), php, numeric(false, false), numeric(true, false), numeric(false, true), numeric(true, true)];
}
