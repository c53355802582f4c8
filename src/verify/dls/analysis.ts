/** Text analysis (standard analyzer subset) and date parsing of the DLS evaluator. */
import { JsonNumber } from '../../fgac/json.js';

/** The standard tokenizer's default `max_token_length`. */
const MAX_TOKEN_LENGTH = 255;

/**
 * Tokenizes like the standard analyzer for ASCII text (UAX#29 word rules that matter for ASCII:
 * letters/digits/underscore runs, `'` `.` `:` inside letters, `.` `,` `;` `'` inside digits),
 * split at the standard tokenizer's `max_token_length` (255), then lowercases. Returns undefined for text
 * outside that subset.
 */
export function standardTokens(text: string): string[] | undefined {
  if (!/^[\x20-\x7e\t\n\r]*$/.test(text)) return undefined;
  const isL = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
  const isN = (c: string | undefined): boolean => c !== undefined && /[0-9]/.test(c);
  const isW = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isW(text[i])) { i++; continue; }
    let j = i;
    for (;;) {
      while (j < text.length && isW(text[j])) j++;
      const mid = text[j];
      const prev = text[j - 1];
      const next = text[j + 1];
      const letterJoin = (mid === "'" || mid === '.' || mid === ':') && isL(prev) && isL(next);
      const digitJoin = (mid === '.' || mid === ',' || mid === ';' || mid === "'") && isN(prev) && isN(next);
      if (letterJoin || digitJoin) { j += 1; continue; }
      break;
    }
    // a word longer than max_token_length is cut into pieces of that length
    for (let k = i; k < j; k += MAX_TOKEN_LENGTH) {
      const tok = text.slice(k, Math.min(j, k + MAX_TOKEN_LENGTH));
      if (/[A-Za-z0-9]/.test(tok)) tokens.push(tok.toLowerCase());
    }
    i = j;
  }
  return tokens;
}

/** Date formats the evaluator reads (the default ones). */
export const DEFAULT_DATE_FORMATS = new Set(['strict_date_optional_time||epoch_millis', 'strict_date_optional_time', 'date_optional_time', 'epoch_millis', 'strict_date_optional_time||epoch_millis||date_optional_time']);

/**
 * Parses a date as a field with `format` (default `strict_date_optional_time||epoch_millis`) does: the formats
 * in their order, so a 4-digit number is a year, a longer one epoch millis. `roundUp` (the upper end of a
 * term, `lte`, `gt`) fills a missing time with 23:59:59.999, a missing month or day with 1, as the node does.
 * Undefined when the value is not in a form read here.
 */
export function parseDateMillis(v: unknown, roundUp = false, format?: string): number | undefined {
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    text = Number.isInteger(v) ? String(v) : '';
    if (text === '' || text.includes('e')) return Math.trunc(v);
  } else if (v instanceof JsonNumber) {
    text = v.raw;
  } else if (typeof v === 'string') {
    text = v;
  } else {
    return undefined;
  }
  const formats = (format ?? 'strict_date_optional_time||epoch_millis').split('||');
  for (const f of formats) {
    if (f === 'strict_date_optional_time' || f === 'date_optional_time') {
      // the lenient form reads years of other lengths too: only strings it cannot take for a year are read here
      if (f === 'date_optional_time' && /^[+-]?\d+$/.test(text) && !/^\d{4}$/.test(text)) return undefined;
      const t = isoMillis(text, roundUp);
      if (t !== undefined) return t;
    } else if (f === 'epoch_millis') {
      if (/^-?\d+$/.test(text)) return Number(text);
      if (/^-?\d*\.\d+$/.test(text)) return typeof v === 'number' ? Math.trunc(v) : undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** strict_date_optional_time to epoch millis; undefined when the text is not in that form. */
function isoMillis(v: string, roundUp: boolean): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (zone && !h) return undefined;
  const year = Number(y);
  // rounding up fills only the time fields with their maximum (month and day default to 1, as on the node)
  const month = mo ? Number(mo) : 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = d ? Number(d) : 1;
  const hour = h ? Number(h) : roundUp ? 23 : 0;
  const minute = mi ? Number(mi) : roundUp ? 59 : 0;
  const second = s ? Number(s) : roundUp ? 59 : 0;
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : roundUp ? 999 : 0;
  if (month < 1 || month > 12 || day < 1 || day > lastDay || hour > 23 || minute > 59 || second > 59) return undefined;
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year < 100) {
    const dt = new Date(t);
    dt.setUTCFullYear(year);
    t = dt.getTime();
  }
  if (zone && zone !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!zm) return undefined;
    const off = (Number(zm[2]) * 60 + Number(zm[3] ?? '0')) * 60000;
    t -= zm[1] === '+' ? off : -off;
  }
  return t;
}
