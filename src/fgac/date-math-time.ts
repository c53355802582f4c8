/**
 * The time side of date-math index names (src/fgac/date-math.ts): time zones as OpenSearch reads them
 * (DateUtils.of, ZoneId.of, ZoneOffset.of), zoned date-times over the runtime's zone rules, and the date math
 * itself (JavaDateMathParser.parseMath, roundUp false). Errors are `Invalid` (OpenSearch refuses) or
 * `Unsupported` (not reproducible here).
 */
import { table } from '../errors/own.js';

/** What OpenSearch refuses (an invalid pattern, zone or math). */
export class Invalid extends Error {}
/** What OpenSearch accepts but this SDK does not reproduce. */
export class Unsupported extends Error {}

/** One day in milliseconds. */
export const DAY = 86_400_000;
/**
 * The instants this computes with: JavaScript's Date range (+-8.64e15 ms, years about +-275 000) less a day, so a
 * local date-time in any zone (offsets within a day) is still a Date; beyond it this cannot compute (Java can).
 */
export const MAX_MS = 8.64e15 - DAY;

// ---- time zones -------------------------------------------------------------------------------------------------

/** A time zone: an IANA id, or a fixed offset (seconds east of UTC). */
export interface Zone { id: string; fixed?: number }

/** ZoneOffset.of: ±h, ±hh, ±hh:mm, ±hhmm, ±hh:mm:ss, ±hhmmss, within ±18:00; seconds east of UTC. */
function offsetOf(text: string): number {
  const m = /^([+-])(\d{1,2})(?:(:?)(\d{2})(?:\3(\d{2}))?)?$/.exec(text);
  if (m === null || (m[2]!.length === 1 && m[4] !== undefined)) throw new Invalid(`invalid ID for ZoneOffset: ${text}`);
  const [h, min, s] = [Number(m[2]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (h > 18 || min > 59 || s > 59 || (h === 18 && (min > 0 || s > 0))) throw new Invalid(`zone offset ${text} is out of range`);
  return (m[1] === '-' ? -1 : 1) * (h * 3600 + min * 60 + s);
}

let ianaZones: ReadonlySet<string> | undefined;
const DEPRECATED_SHORT: Readonly<Record<string, string>> = table({ EST: '-05:00', HST: '-10:00', MST: '-07:00', ROC: 'Asia/Taipei', Eire: 'Europe/London' });

/** DateUtils.of: the deprecated short ids, then ZoneId.of. */
export function zoneOf(given: string): Zone {
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
export function utc(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** The non-negative remainder of a / b. */
export const mod = (a: number, b: number): number => ((a % b) + b) % b;

/** A ZonedDateTime: its local date-time (ms, read as UTC) and offset (seconds). */
export interface Zoned { local: number; offset: number }

const instantOf = (z: Zoned): number => z.local - z.offset * 1000;
/** The zoned date-time of an instant (ms) in `zone`. */
export const ofInstant = (zone: Zone, instant: number): Zoned => ({ local: instant + offsetAt(zone, instant) * 1000, offset: offsetAt(zone, instant) });

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
/** Year, month, day and time of day (ms) of a local date-time. */
export const fieldsOf = (local: number): Fields => {
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

/** `start` (ms) moved by date math such as `-1d/M` in `zone`: JavaDateMathParser.parseMath with roundUp false. */
export function applyMath(math: string, start: number, zone: Zone): number {
  let z = ofInstant(zone, check(start));
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
