/**
 * A strict reader of HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, the obsolete RFC 850 form and ANSI C
 * asctime, all in GMT. Nothing else is a date here: not ISO 8601, not a zone other than GMT, not the
 * many other strings Date.parse accepts (and reads in the machine's local zone when they name none).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_LONG = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// Names are case-sensitive and separators exactly one SP, as the RFC's grammar (%s"...", SP) has them.
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC850_DATE = new RegExp(`^${DAY_LONG}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` (the day padded with a space, or two digits) */
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

function daysInMonth(year: number, month: number): number {
  if (month !== 1) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] as number;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** RFC 9110: a two-digit year more than 50 years ahead of `now` is the most recent past year with those digits. */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  const past = current - ((((current - twoDigits) % 100) + 100) % 100);
  return past + 100 <= current + 50 ? past + 100 : past;
}

/**
 * The instant, in ms since the epoch, of validated UTC fields; undefined when a field is out of range.
 * Second 60 (a leap second) is taken only as 23:59:60, and read as the next day's 00:00:00.
 */
function instant(year: number, month: string, day: number, hour: number, minute: number, second: number): number | undefined {
  const m = MONTHS.indexOf(month);
  if (m < 0 || day < 1 || day > daysInMonth(year, m) || hour > 23 || minute > 59) return undefined;
  if (second > 60 || (second === 60 && (hour !== 23 || minute !== 59))) return undefined;
  // Date.UTC reads years 0-99 as 1900-1999: set the full year apart
  const date = new Date(0);
  date.setUTCFullYear(year, m, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** An HTTP-date (IMF-fixdate, RFC 850 or asctime, all GMT) as ms since the epoch; undefined for anything else. `now` places RFC 850's two-digit year. */
export function parseHttpDate(text: string, now: number = Date.now()): number | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m !== null) return instant(Number(m[3]), m[2] as string, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  m = RFC850_DATE.exec(text);
  if (m !== null) return instant(fullYear(Number(m[3]), now), m[2] as string, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  m = ASCTIME_DATE.exec(text);
  if (m !== null) return instant(Number(m[6]), m[1] as string, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return undefined;
}
