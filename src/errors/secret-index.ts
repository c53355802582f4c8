/**
 * Finding many secret forms in a text at once. Looking for each form with `indexOf` costs one pass over the text per
 * form: fine for a client's few credentials, 8192 passes per string once a long-lived process has sent thousands of
 * passwords (about 20 ms per error redacted). Past INDEX_FROM forms, the forms are indexed by a hash of their first
 * MIN_SECRET_LENGTH characters and the text is walked once, checking only the forms whose first characters match.
 * Both ways report every occurrence, overlapping ones included.
 */
import { readyRegExp } from './ready-regexp.js';

/** A form redaction looks for; `wholeWord`: only where no letter, digit or `_` touches it. */
export interface SecretForm {
  readonly text: string;
  readonly wholeWord: boolean;
}

/** Forms below this count are looked for one by one (each `indexOf` pass is faster than a hashed walk). */
export const INDEX_FROM = 64;

/** Every form is at least this long (MIN_SECRET_LENGTH of secrets.ts: shorter values are never held). */
const KEY_LENGTH = 4;

/** Forms by the hash of their first KEY_LENGTH characters (positions into the forms' list). */
export type FormIndex = ReadonlyMap<number, readonly number[]>;

/** The hash of `text`'s KEY_LENGTH characters from `at` (a small integer: collisions are checked by the caller). */
function keyAt(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + KEY_LENGTH; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash & 0x3fffffff;
}

/** The index of `forms` (each at least KEY_LENGTH characters long). */
export function indexForms(forms: readonly SecretForm[]): FormIndex {
  const index = new Map<number, number[]>();
  forms.forEach((form, position) => {
    const key = keyAt(form.text, 0);
    const bucket = index.get(key);
    if (bucket === undefined) index.set(key, [position]);
    else bucket.push(position);
  });
  return index;
}

/**
 * The shortest prefix of `form` that counts as the secret when the text marks a cut (`...`, `…`) right after it: a
 * server that truncates an echo inside a password still shows most of it. Whole-word forms and short ones have none.
 * The end of a text is no such mark: a word there ("Weak password") is often a prefix of some secret
 * (`password123`, or `user:password` starting with a user name that ends a parsed field).
 */
function truncatedFrom(form: SecretForm): number {
  return form.wholeWord || form.text.length <= TRUNCATED_MIN ? Infinity : Math.max(TRUNCATED_MIN, Math.ceil(form.text.length / 2));
}

/** At least this many characters of a secret cut by a truncation are redacted (fewer say too little to matter). */
const TRUNCATED_MIN = 8;

/** True where a text marks a cut: an ellipsis. */
function cutAt(text: string, at: number): boolean {
  return text.charCodeAt(at) === 0x2026 || text.startsWith('...', at);
}

/**
 * How many characters of `form` stand at `at` in `text`: the whole form, or a prefix of at least its truncation
 * length that the text cuts right after; 0 otherwise.
 */
function matchAt(text: string, at: number, form: SecretForm): number {
  const target = form.text;
  const limit = Math.min(target.length, text.length - at);
  let k = 0;
  while (k < limit && text.charCodeAt(at + k) === target.charCodeAt(k)) k++;
  if (k === target.length) return k;
  return k >= truncatedFrom(form) && cutAt(text, at + k) ? k : 0;
}

/** The text eachOccurrence looks for with indexOf: a cut prefix's first TRUNCATED_MIN characters, or the whole form. */
function headOf(form: SecretForm): string {
  return form.text.length > TRUNCATED_MIN && !form.wholeWord ? form.text.slice(0, TRUNCATED_MIN) : form.text;
}

/** Longest head in a heads pattern (see headsPattern). */
const HEAD_PATTERN_MAX = 64;
/** Most distinct heads one heads pattern holds (past them the indexed walk alone looks). */
const HEADS_MAX = 64;

/**
 * One pattern for the heads of `forms`: a text it does not match holds no form, nor a cut prefix of one (every
 * occurrence either walk reports starts with its form's head), so eachOccurrence would find nothing there. Looking
 * for 18 forms with indexOf took ~2 us on a short request body (an iam client's success path redacts every body by
 * value); one test of this pattern ~0.2 us. Gated on the distinct heads, not the forms: a password holding `"`, `'`
 * and `&` has 70+ forms (escapings) but ~30 heads, and without the pattern every body took the indexed walk (3 KB:
 * ~5 -> ~58 us, review 213). Undefined past HEADS_MAX heads or when the pattern cannot be built.
 */
export function headsPattern(forms: readonly SecretForm[]): RegExp | undefined {
  if (forms.length === 0) return undefined;
  // each head cut to HEAD_PATTERN_MAX characters: a text holding a head holds its start too, and the pattern stays
  // small (a 100 KB secret would make one V8 refuses to compile, at its first test rather than here)
  const heads = new Set(forms.map((form) => headOf(form).slice(0, HEAD_PATTERN_MAX)));
  if (heads.size > HEADS_MAX) return undefined;
  try {
    // no flags: matched code unit by code unit, as indexOf matches (a head cut inside a surrogate pair included)
    return readyRegExp([...heads].map((head) => head.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|'));
  } catch {
    return undefined;
  }
}

/**
 * Calls `found` with every occurrence of a form of `forms` in `text` (through `index` when given), and with every
 * prefix of one that the text cuts (see truncatedFrom), with the length that stands there.
 */
export function eachOccurrence(text: string, forms: readonly SecretForm[], index: FormIndex | undefined, found: (form: SecretForm, at: number, length: number) => void): void {
  if (index === undefined) {
    for (const form of forms) {
      // a cut prefix starts with at least the first TRUNCATED_MIN characters: look for those, then see how far it goes
      const head = headOf(form);
      for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
        const length = head === form.text ? head.length : matchAt(text, at, form);
        if (length > 0) found(form, at, length);
      }
    }
    return;
  }
  const last = text.length - KEY_LENGTH;
  for (let at = 0; at <= last; at++) {
    const bucket = index.get(keyAt(text, at));
    if (bucket === undefined) continue;
    for (const position of bucket) {
      const form = forms[position] as SecretForm;
      const length = matchAt(text, at, form);
      if (length > 0) found(form, at, length);
    }
  }
}
