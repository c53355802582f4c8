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

/** A date-math name resolved (`name`), refused by OpenSearch (`invalid`), or not reproducible here (`unsupported`). */
export type DateMathResolution =
  | { kind: 'resolved'; name: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unsupported'; reason: string };

/** True when OpenSearch reads `name` as a date-math expression: it starts with `<` and ends with `>`. */
export const isDateMathExpression = (name: string): boolean => name.startsWith('<') && name.endsWith('>');

class Invalid extends Error {}
class Unsupported extends Error {}

const DAY = 86_400_000;
/** JavaScript's Date range (years about ±275 000): beyond it this cannot compute (Java can). */
const MAX_MS = 8.64e15;

// ---- time zones -------------------------------------------------------------------------------------------------

interface Zone { id: string; fixed?: number }

/** ZoneOffset.of: ±h, ±hh, ±hh:mm, ±hhmm, ±hh:mm:ss, ±hhmmss, within ±18:00; seconds east of UTC. */
function offsetOf(text: string): number {
  const m = /^([+-])(\d{1,2})(?:(:?)(\d{2})(?:\3(\d{2}))?)?$/.exec(text);
  if (m === null || (m[2]!.length === 1 && m[4] !== undefined)) throw new Invalid(`invalid ID for ZoneOffset: ${text}`);
  const [h, min, s] = [Number(m[2]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (h > 18 || min > 59 || s > 59 || (h === 18 && (min > 0 || s > 0))) throw new Invalid(`zone offset ${text} is out of range`);
  return (m[1] === '-' ? -1 : 1) * (h * 3600 + min * 60 + s);
}

let ianaZones: ReadonlySet<string> | undefined;
const DEPRECATED_SHORT: Readonly<Record<string, string>> = { EST: '-05:00', HST: '-10:00', MST: '-07:00', ROC: 'Asia/Taipei', Eire: 'Europe/London' };

/** DateUtils.of: the deprecated short ids, then ZoneId.of. */
function zoneOf(given: string): Zone {
  const id = DEPRECATED_SHORT[given] ?? given;
  if (id === 'Z' || id === 'UTC' || id === 'GMT' || id === 'UT') return { id, fixed: 0 };
  if (id.startsWith('+') || id.startsWith('-')) return { id, fixed: offsetOf(id) };
  const prefixed = /^(UTC|GMT|UT)([+-].*)$/.exec(id);
  if (prefixed !== null) return { id, fixed: offsetOf(prefixed[2]!) };
  if (!/^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(id)) throw new Invalid(`invalid time zone id ${JSON.stringify(given)}`);
  ianaZones ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  if (!ianaZones.has(id)) throw new Unsupported(`time zone ${given} is not an IANA zone id this runtime knows by that exact name (the JDK may know it, as an alias, or not at all)`);
  return { id };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset (seconds) at `instant` (ms). */
function offsetAt(zone: Zone, instant: number): number {
  if (zone.fixed !== undefined) return zone.fixed;
  let f = formatters.get(zone.id);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone.id, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone.id, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(instant))) p[part.type] = part.value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const local = utc(year, Number(p.month), Number(p.day)) + Number(p.hour) * 3_600_000 + Number(p.minute) * 60_000 + Number(p.second) * 1000;
  return Math.round((local - (instant - mod(instant, 1000))) / 1000);
}

/** Epoch ms of a proleptic Gregorian date at midnight UTC (any year, unlike Date.UTC's two-digit quirk). */
function utc(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

const mod = (a: number, b: number): number => ((a % b) + b) % b;

/** A ZonedDateTime: its local date-time (ms, read as UTC) and offset (seconds). */
interface Zoned { local: number; offset: number }

const instantOf = (z: Zoned): number => z.local - z.offset * 1000;
const ofInstant = (zone: Zone, instant: number): Zoned => ({ local: instant + offsetAt(zone, instant) * 1000, offset: offsetAt(zone, instant) });

/** ZonedDateTime.ofLocal: the preferred offset if valid, the earlier one in an overlap, shifted by the gap in a gap. */
function ofLocal(zone: Zone, local: number, preferred: number): Zoned {
  if (zone.fixed !== undefined) return { local, offset: zone.fixed };
  const before = offsetAt(zone, local - DAY);
  const after = offsetAt(zone, local + DAY);
  const valid = [...new Set([before, after, offsetAt(zone, local)])].filter((o) => offsetAt(zone, local - o * 1000) === o);
  if (valid.length === 1) return { local, offset: valid[0]! };
  if (valid.length > 1) return { local, offset: valid.includes(preferred) ? preferred : Math.max(...valid) };
  return { local: local + (after - before) * 1000, offset: after };
}

// ---- date math (JavaDateMathParser.parseMath, roundUp false) ---------------------------------------------------

interface Fields { year: number; month: number; day: number; ms: number }
const fieldsOf = (local: number): Fields => {
  const d = new Date(local);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), ms: mod(local, DAY) };
};
const monthLength = (year: number, month: number): number => (utc(year, month + 1, 1) - utc(year, month, 1)) / DAY;
const check = (ms: number): number => {
  if (!(Math.abs(ms) <= MAX_MS)) throw new Unsupported('the date leaves the range this SDK can compute');
  return ms;
};

/** LocalDateTime.plusMonths: the day clamped to the new month's length. */
function plusMonths(local: number, months: number): number {
  const f = fieldsOf(local);
  const total = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = mod(total, 12) + 1;
  return check(utc(year, month, Math.min(f.day, monthLength(year, month))) + f.ms);
}

function applyMath(math: string, start: number, zone: Zone): number {
  let z = ofInstant(zone, start);
  const local = (l: number): void => { z = ofLocal(zone, check(l), z.offset); };
  for (let i = 0; i < math.length;) {
    const c = math[i++]!;
    if (c !== '/' && c !== '+' && c !== '-') throw new Invalid(`operator not supported for date math [${math}]`);
    const round = c === '/';
    if (i >= math.length) throw new Invalid(`truncated date math [${math}]`);
    let num = 1;
    if (/\p{Nd}/u.test(math[i]!)) {
      const from = i;
      while (i < math.length && /\p{Nd}/u.test(math[i]!)) i++;
      if (i >= math.length) throw new Invalid(`truncated date math [${math}]`);
      const digits = math.slice(from, i);
      if (!/^[0-9]+$/.test(digits)) throw new Unsupported(`date math [${math}] uses non-ASCII digits`);
      num = Number(digits);
      if (num > 2_147_483_647) throw new Invalid(`the number in date math [${math}] is not an int`);
    }
    if (round && num !== 1) throw new Invalid(`rounding \`/\` can only be used on single unit types [${math}]`);
    const n = (c === '-' ? -1 : 1) * num;
    const unit = math[i++];
    const f = fieldsOf(z.local);
    switch (unit) {
      case 'y':
        if (round) { local(utc(f.year, 1, 1) + f.ms); local(utc(f.year, 1, 1)); } else local(plusMonths(z.local, 12 * n));
        break;
      case 'M':
        if (round) { local(utc(f.year, f.month, 1) + f.ms); local(utc(f.year, f.month, 1)); } else local(plusMonths(z.local, n));
        break;
      case 'w':
        if (round) { const monday = z.local - f.ms - mod(new Date(z.local).getUTCDay() - 1, 7) * DAY; local(monday + f.ms); local(z.local - fieldsOf(z.local).ms); } else local(z.local + 7 * DAY * n);
        break;
      case 'd':
        if (round) local(z.local - f.ms); else local(z.local + DAY * n);
        break;
      case 'h': case 'H':
        if (round) { local(z.local - mod(z.local, 3_600_000) + mod(z.local, 60_000)); local(z.local - mod(z.local, 60_000) + mod(z.local, 1000)); local(z.local - mod(z.local, 1000)); } else z = ofInstant(zone, check(instantOf(z) + 3_600_000 * n));
        break;
      case 'm':
        if (round) { local(z.local - mod(z.local, 60_000) + mod(z.local, 1000)); local(z.local - mod(z.local, 1000)); } else z = ofInstant(zone, check(instantOf(z) + 60_000 * n));
        break;
      case 's':
        if (round) local(z.local - mod(z.local, 1000)); else z = ofInstant(zone, check(instantOf(z) + 1000 * n));
        break;
      default:
        throw new Invalid(`unit [${unit ?? ''}] not supported for date math [${math}]`);
    }
  }
  return instantOf(z);
}

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
  try {
    return { kind: 'resolved', name: resolve(name, now, probe) };
  } catch (err) {
    if (err instanceof Invalid) return { kind: 'invalid', reason: `OpenSearch refuses ${name}: ${err.message}` };
    if (err instanceof Unsupported) return { kind: 'unsupported', reason: `${name} uses what this SDK does not reproduce: ${err.message}` };
    throw err;
  }
}

