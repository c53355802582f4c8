/** Text analysis (standard analyzer subset) and date parsing of the DLS evaluator. */
import { JsonNumber } from '../../fgac/json.js';

/**
 * Tokenizes like the standard analyzer for ASCII text (UAX#29 word rules that matter for ASCII:
 * letters/digits/underscore runs, `'` `.` `:` inside letters, `.` `,` `;` `'` inside digits),
 * then lowercases. Returns undefined for text outside that subset.
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
    const tok = text.slice(i, j);
    if (/[A-Za-z0-9]/.test(tok)) tokens.push(tok.toLowerCase());
    i = j;
  }
  return tokens;
}

/** Date formats the evaluator reads (the default ones). */
export const DEFAULT_DATE_FORMATS = new Set(['strict_date_optional_time||epoch_millis', 'strict_date_optional_time', 'date_optional_time', 'epoch_millis', 'strict_date_optional_time||epoch_millis||date_optional_time']);

/** Parses strict_date_optional_time / epoch_millis to epoch millis; roundUp fills missing parts with their maximum. */
export function parseDateMillis(v: unknown, roundUp = false): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (v instanceof JsonNumber) return parseDateMillis(v.value, roundUp);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    if (zone && !h) return undefined;
    const year = Number(y);
    const month = mo ? Number(mo) : roundUp ? 12 : 1;
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = d ? Number(d) : roundUp ? lastDay : 1;
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
  if (/^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

