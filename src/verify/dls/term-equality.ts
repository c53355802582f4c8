/** Equality of indexed values and query terms (term, terms, match on non-text fields), and the sets a terms list is read into once. */
import { JsonNumber, type StrictJson } from '../../fgac/json.js';
import { parseDateMillis } from './analysis.js';
import { hasMember, INTEGER_TYPES, type Indexed } from './fields.js';
import { scalarString } from './params.js';
import { floatTieIn, isFloatTie, javaNumberText, stringQueryNumber } from './java-values.js';
import { MATCH, noMatch, unverifiable } from './results.js';
import type { DlsResult } from './types.js';
import { untypedNumber } from './unknown-type.js';

/** The text lower-cased when it is all ASCII, else undefined (case_insensitive on other text is not verified). */
export function asciiLower(s: string): string | undefined {
  return /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : undefined;
}

/** The text the node compares for a term on a keyword, text or `_id` field (a JSON number as Java renders it); undefined when not a scalar or not known. */
export function termText(v: StrictJson | undefined): string | undefined {
  return v instanceof JsonNumber ? javaNumberText(v) : scalarString(v);
}

/** Whether an indexed value equals a query term (term/terms/match on non-text fields). */
export function termEquals(ix: Indexed, q: StrictJson | undefined, caseInsensitive: boolean, field = 'the field'): DlsResult {
  if (ix.kind === 'none') return noMatch('field has no value');
  const qs = scalarString(q);
  if (qs === undefined) return unverifiable('term value is not a scalar');
  switch (ix.kind) {
    case 'keyword': {
      const ts = termText(q);
      if (ts === undefined) return unverifiable(`term ${qs} is a JSON number whose text is not Java's (Double.toString)`);
      if (caseInsensitive) {
        const lq = asciiLower(ts);
        const lv = ix.values.map(asciiLower);
        if (lq === undefined || lv.some((x) => x === undefined)) return unverifiable('case_insensitive on non-ASCII');
        return lv.includes(lq) ? MATCH : noMatch('no keyword value equals the term');
      }
      return hasMember(ix.values, ts) ? MATCH : noMatch('no keyword value equals the term');
    }
    case 'text': {
      const ts = termText(q);
      if (ts === undefined) return unverifiable(`term ${qs} is a JSON number whose text is not Java's (Double.toString)`);
      return hasMember(ix.tokens, ts) ? MATCH : noMatch('no token equals the term');
    }
    case 'boolean': {
      const b = qs === 'true' ? true : qs === 'false' ? false : undefined;
      if (b === undefined) return unverifiable(`boolean term ${qs}`);
      return hasMember(ix.values, b) ? MATCH : noMatch('boolean differs');
    }
    case 'number': {
      // no mapping: the readings of the number disagree (unknown-type.ts)
      if (ix.numType === 'number') return untypedNumber(field);
      // a long given as a string is read by BigDecimal, truncated ("2.9999999999999999999" is 2)
      const n = typeof q === 'string' ? stringQueryNumber(q, ix.numType) : Number(qs);
      if (qs.trim() === '' || !Number.isFinite(n)) return unverifiable(`numeric term ${qs}`);
      if (floatTieIn(ix.numType, n)) return unverifiable(`term ${qs} lies halfway between two floats`);
      if (INTEGER_TYPES.has(ix.numType) && !Number.isInteger(n)) return unverifiable('decimal term on an integer field');
      const t = ix.numType === 'float' ? Math.fround(n) : n;
      return hasMember(ix.values, t) ? MATCH : noMatch('number differs');
    }
    case 'date': {
      // A date term is a range over the unit the value names (missing parts rounded up for the upper end).
      if (/now|\|\|/.test(qs)) return unverifiable(`date math in term ${qs}`);
      // a number written with a fraction or exponent reaches the node as a Java double (2020e0 is "2020.0", not a year)
      if (q instanceof JsonNumber && !/^-?\d+$/.test(q.raw)) return unverifiable(`date term ${qs} is a decimal number`);
      const raw = q instanceof JsonNumber ? q.value : qs;
      const lo = parseDateMillis(raw, false, ix.format);
      const hi = parseDateMillis(raw, true, ix.format);
      if (lo === undefined || hi === undefined) return unverifiable(`date term ${qs}`);
      return ix.values.some((v) => v >= lo && v <= hi) ? MATCH : noMatch('date differs');
    }
  }
}

/** The scalar terms of a (parsed, read-only) terms list as a set, built once per list. */
const termSets = new WeakMap<readonly StrictJson[], { terms: Set<string>; nonScalar: boolean }>();

export function termSet(list: readonly StrictJson[]): { terms: Set<string>; nonScalar: boolean } {
  let entry = termSets.get(list);
  if (entry === undefined) {
    const terms = new Set<string>();
    let nonScalar = false;
    for (const t of list) {
      const s = termText(t);
      if (s === undefined) nonScalar = true;
      else terms.add(s);
    }
    entry = { terms, nonScalar };
    termSets.set(list, entry);
  }
  return entry;
}

/** A terms list as a set of numbers for one numeric field type (what termEquals compares), or null when a term needs termEquals' own answer. */
const numberSets = new WeakMap<readonly StrictJson[], Map<string, Set<number> | null>>();

export function numberSet(list: readonly StrictJson[], numType: string): Set<number> | null {
  let byType = numberSets.get(list);
  if (byType === undefined) numberSets.set(list, (byType = new Map()));
  let set = byType.get(numType);
  if (set === undefined) {
    set = new Set<number>();
    for (const t of list) {
      const qs = scalarString(t);
      const n = typeof t === 'string' ? stringQueryNumber(t, numType) : Number(qs);
      if (qs === undefined || qs.trim() === '' || !Number.isFinite(n) || (INTEGER_TYPES.has(numType) && !Number.isInteger(n)) || (numType === 'float' && isFloatTie(n))) {
        set = null;
        break;
      }
      set.add(numType === 'float' ? Math.fround(n) : n);
    }
    byType.set(numType, set);
  }
  return set;
}
