/**
 * Date-math index names (`<logs-{now/d}>`, `<logs-{now/M{yyyy.MM}}>`, `<logs-{now/d-1d{yyyy.MM.dd|+12:00}}>`) resolved
 * as OpenSearch resolves them: IndexNameExpressionResolver.DateMathExpressionResolver.resolveExpression (the same in
 * 2.19 and 3.x), JavaDateMathParser.parseMath, DateFormatter.forPattern (a leading `8` stripped) over
 * DateTimeFormatterBuilder.appendPattern (Locale.ROOT) and DateUtils.of / ZoneId.of for the time zone. The security
 * plugin resolves a role's `<...>` index pattern this way before matching it as a wildcard pattern (IndexPattern, no
 * `${...}` substitution in it), and a request's index names too (IndexResolverReplacer), each with the current time.
 *
 * Reproduced exactly: the grammar and its `\` escapes, `now` with `+`/`-` arithmetic and `/` rounding in y M w d h H m s,
 * the numeric pattern letters (u y M L d D H h K k m s S n A N Q q), quoted literals and `[...]` sections, and time
 * zones given as offsets (`+12:00`, `Z`, `UTC+1`, EST/MST/HST) or as IANA zone ids the JavaScript runtime knows by that
 * exact name. Anything else OpenSearch accepts (a date instead of `now`, text fields such as MMM or EEE, week fields, zone
 * names, named formats like `basic_date`, other zone ids) is `unsupported`, never guessed. What OpenSearch refuses with
 * an error is `invalid` (in a role the plugin ignores the pattern; in a request the node fails it with 400).
 * Zone rules come from the runtime's ICU data, the JDK's from its tzdb: they agree except after a rule change one
 * of them lacks.
 */
import { applyMath, DAY, fieldsOf, Invalid, MAX_MS, mod, ofInstant, Unsupported, utc, zoneOf, type Zone, type Zoned } from './date-math-time.js';

/** A date-math name resolved (`name`), refused by OpenSearch (`invalid`), or not reproducible here (`unsupported`). */
export type DateMathResolution =
  | { kind: 'resolved'; name: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unsupported'; reason: string };

/** True when OpenSearch reads `name` as a date-math expression: it starts with `<` and ends with `>`. */
export const isDateMathExpression = (name: string): boolean => name.startsWith('<') && name.endsWith('>');

// ---- formatting (DateTimeFormatterBuilder.appendPattern, Locale.ROOT) ------------------------------------------

type Printer = (z: Zoned) => string;

/** What resolving an expression learnt beyond its name: whether a printed field changes within a second (S, n, A, N). */
interface Probe { subSecond: boolean }

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
/** appendValue(field, min, 19, style): zero-padded to `min`; EXCEEDS_PAD prints `+` when wider than `min`. */
const value = (get: (z: Zoned) => number, min: number, exceeds = false): Printer => (z) => {
  const v = get(z);
  if (v < 0) throw new Unsupported('a negative year');
  const s = pad(v, min);
  return exceeds && s.length > min ? `+${s}` : s;
};
const year = (z: Zoned): number => {
  const y = fieldsOf(z.local).year;
  if (y < 1) throw new Unsupported('a year before 1 (era and proleptic years differ)');
  return y;
};
const NUMERIC: Readonly<Record<string, { get: (z: Zoned) => number; max: number }>> = {
  d: { get: (z) => fieldsOf(z.local).day, max: 2 },
  H: { get: (z) => Math.floor(mod(z.local, DAY) / 3_600_000), max: 2 },
  k: { get: (z) => Math.floor(mod(z.local, DAY) / 3_600_000) || 24, max: 2 },
  K: { get: (z) => Math.floor(mod(z.local, DAY) / 3_600_000) % 12, max: 2 },
  h: { get: (z) => Math.floor(mod(z.local, DAY) / 3_600_000) % 12 || 12, max: 2 },
  m: { get: (z) => Math.floor(mod(z.local, 3_600_000) / 60_000), max: 2 },
  s: { get: (z) => Math.floor(mod(z.local, 60_000) / 1000), max: 2 },
};
const dayOfYear = (z: Zoned): number => Math.floor((z.local - utc(fieldsOf(z.local).year, 1, 1)) / DAY) + 1;
/** Pattern letters the JDK knows that this does not print (text, weeks, zones, padding): unsupported, not invalid. */
const KNOWN_UNSUPPORTED = 'GEecaBwWYFVvzOXxZgp';

function printerOf(letter: string, count: number, probe?: Probe): Printer {
  if (probe !== undefined && 'SnAN'.includes(letter)) probe.subSecond = true;
  const tooMany = (): never => { throw new Invalid(`too many pattern letters: ${letter.repeat(count)}`); };
  switch (letter) {
    case 'u': case 'y':
      if (count === 2) return (z) => pad(year(z) % 100, 2);
      if (count > 19) return tooMany();
      return value(year, count, count >= 4);
    case 'M': case 'L':
      if (count > 5) return tooMany();
      if (count > 2) throw new Unsupported(`${letter.repeat(count)} (a month name)`);
      return value((z) => fieldsOf(z.local).month, count);
    case 'Q': case 'q':
      if (count > 5) return tooMany();
      if (count > 2) throw new Unsupported(`${letter.repeat(count)} (a quarter name)`);
      return value((z) => Math.ceil(fieldsOf(z.local).month / 3), count);
    case 'D':
      if (count > 3) return tooMany();
      return value(dayOfYear, count);
    case 'S':
      if (count > 9) return tooMany();
      return (z) => pad(mod(z.local, 1000) * 1_000_000, 9).slice(0, count);
    case 'n': case 'A': case 'N': {
      if (count > 19) return tooMany();
      const get = letter === 'n' ? (z: Zoned) => mod(z.local, 1000) * 1_000_000 : letter === 'A' ? (z: Zoned) => mod(z.local, DAY) : (z: Zoned) => mod(z.local, DAY) * 1_000_000;
      if (count === 1) return value(get, 1);
      // appendValue(field, width): a fixed width, and an error when the value is wider
      return (z) => {
        const s = pad(get(z), count);
        if (s.length > count) throw new Invalid(`${letter.repeat(count)} cannot print ${s}: it exceeds the width`);
        return s;
      };
    }
    default: {
      const numeric = NUMERIC[letter];
      if (numeric !== undefined) return count > numeric.max ? tooMany() : value(numeric.get, count);
      if (KNOWN_UNSUPPORTED.includes(letter)) throw new Unsupported(`pattern letter ${letter} (text, week or zone fields are not reproduced)`);
      throw new Invalid(`unknown pattern letter: ${letter}`);
    }
  }
}

/** The printers of a Java DateTimeFormatter pattern (its optional `[...]` sections print in full). */
function compileFormat(pattern: string, literals?: Set<string>, probe?: Probe): Printer[] {
  const out: Printer[] = [];
  let depth = 0;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out.push(printerOf(c, j - i, probe));
      i = j;
    } else if (c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new Invalid(`pattern ends with an incomplete string literal: ${pattern}`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") { text += "'"; j += 2; continue; }
          break;
        }
        text += pattern[j++];
      }
      const literal = j === i + 1 ? "'" : text;
      for (const ch of literal) literals?.add(ch);
      out.push(() => literal);
      i = j + 1;
    } else if (c === '[') {
      depth++;
      i++;
    } else if (c === ']') {
      if (depth-- === 0) throw new Invalid(`pattern invalid as it contains ] without previous [: ${pattern}`);
      i++;
    } else if (c === '{' || c === '}' || c === '#') {
      throw new Invalid(`pattern includes reserved character: '${c}'`);
    } else {
      literals?.add(c);
      out.push(() => c);
      i++;
    }
  }
  return out;
}

/** DateFormatter.forPattern's reading of a format: a leading `8` dropped, named formats not reproduced. */
function formatOf(given: string, literals?: Set<string>, probe?: Probe): Printer[] {
  const pattern = given.startsWith('8') ? given.slice(1) : given;
  if (pattern === '') throw new Invalid('no date pattern provided');
  try {
    return compileFormat(pattern, literals, probe);
  } catch (err) {
    // a name such as basic_date or strictDateOptionalTime is a built-in format, not letters
    if (err instanceof Invalid && /^[A-Za-z_]+$/.test(pattern)) throw new Unsupported(`format ${pattern} (a built-in named format, or letters the JDK refuses)`);
    throw err;
  }
}

// ---- the expression (DateMathExpressionResolver.resolveExpression) ---------------------------------------------

function placeholder(inner: string, now: number, probe?: Probe): string {
  const open = inner.indexOf('{');
  let math = inner;
  const literals = new Set<string>();
  let printers = formatOf('uuuu.MM.dd', literals);
  let zone: Zone = { id: 'UTC', fixed: 0 };
  if (open >= 0) {
    if (inner.lastIndexOf('}') !== inner.length - 1) throw new Invalid(`missing closing \`}\` for date math format in [${inner}]`);
    if (open === inner.length - 2) throw new Invalid(`missing date format in [${inner}]`);
    math = inner.slice(0, open);
    const spec = inner.slice(open + 1, -1);
    const bar = spec.indexOf('|');
    const pattern = bar === -1 ? spec : spec.slice(0, bar);
    if (bar !== -1) zone = zoneOf(spec.slice(bar + 1));
    literals.clear();
    printers = formatOf(pattern, literals, probe);
  }
  if (!math.startsWith('now')) {
    const bars = math.indexOf('||');
    const date = bars === -1 ? math : math.slice(0, bars);
    if (date === '') throw new Invalid('cannot parse empty date');
    // numeric fields read ASCII digits and signs, the rest must be the format's literals: any other character fails
    const odd = [...date].find((ch) => !/[0-9+-]/.test(ch) && !literals.has(ch));
    if (odd !== undefined) throw new Invalid(`failed to parse date field [${date}]: ${JSON.stringify(odd)} is neither a digit nor in the format`);
    throw new Unsupported(`{${math}} starts from a date, not now (parsing it with the format is not reproduced)`);
  }
  const at = applyMath(math.slice(3), now, zone);
  const z = ofInstant(zone, at);
  return printers.map((p) => p(z)).join('');
}

function resolve(expression: string, now: number, probe?: Probe): string {
  let escape = false;
  let inDateFormat = false;
  let inPlaceholder = false;
  let before = '';
  let inside = '';
  const text = expression.slice(1, -1);
  for (let i = 0; i < text.length; i++) {
    const escaped = escape;
    escape = false;
    const c = text[i]!;
    if (c === '\\') {
      if (escaped) before += c;
      else escape = true;
      continue;
    }
    if (inPlaceholder) {
      if (c === '{') {
        if (inDateFormat && escaped) inside += c;
        else if (!inDateFormat) { inDateFormat = true; inside += c; } else throw new Invalid(`invalid character in placeholder at position [${i + 1}]`);
      } else if (c === '}') {
        if (inDateFormat) {
          if (!escaped) inDateFormat = false;
          inside += c;
        } else {
          before += placeholder(inside, now, probe);
          inside = '';
          inPlaceholder = false;
        }
      } else inside += c;
    } else if (c === '{') {
      if (escaped) before += c;
      else inPlaceholder = true;
    } else {
      if (c === '}' && !escaped) throw new Invalid(`invalid character at position [${i + 1}]: \`{\` and \`}\` are reserved and must be escaped with \`\\\``);
      before += c;
    }
  }
  if (inPlaceholder) throw new Invalid('date math placeholder is open ended');
  if (before === '') throw new Invalid('nothing captured');
  return before;
}

/**
 * `name` resolved as OpenSearch resolves a date-math index expression at the instant `now` (epoch ms, default the
 * current time); a name that is not one (no `<...>`) is returned as it is.
 */
export function resolveDateMath(name: string, now: number = Date.now()): DateMathResolution {
  return resolveProbed(name, now);
}

/** resolveDateMath, and the step (ms) at which its name can change: 1 when a sub-second field is printed, else 1000. */
export function resolveDateMathStep(name: string, now: number): { resolution: DateMathResolution; step: 1 | 1000 } {
  const probe: Probe = { subSecond: false };
  const resolution = resolveProbed(name, now, probe);
  return { resolution, step: probe.subSecond ? 1 : 1000 };
}

function resolveProbed(name: string, now: number, probe?: Probe): DateMathResolution {
  if (!isDateMathExpression(name)) return { kind: 'resolved', name };
  if (!(Math.abs(now) <= MAX_MS)) return { kind: 'unsupported', reason: `${name} at ${String(now)}: an instant near or beyond the range of dates this SDK computes (+-8.64e15 ms of 1970, less a day)` };
  try {
    return { kind: 'resolved', name: resolve(name, now, probe) };
  } catch (err) {
    if (err instanceof Invalid) return { kind: 'invalid', reason: `OpenSearch refuses ${name}: ${err.message}` };
    if (err instanceof Unsupported) return { kind: 'unsupported', reason: `${name} uses what this SDK does not reproduce: ${err.message}` };
    throw err;
  }
}

