/**
 * Finding many secret forms in a text at once. Looking for each form with `indexOf` costs one pass over the text per
 * form: fine for a client's few credentials, 8192 passes per string once a long-lived process has sent thousands of
 * passwords (about 20 ms per error redacted). Past INDEX_FROM forms, the forms are indexed by a hash of their first
 * MIN_SECRET_LENGTH characters and the text is walked once, checking only the forms whose first characters match.
 * Both ways report every occurrence, overlapping ones included.
 */
import type { SecretForm } from './secrets.js';

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

/** Calls `found` with every occurrence of a form of `forms` in `text` (through `index` when given). */
export function eachOccurrence(text: string, forms: readonly SecretForm[], index: FormIndex | undefined, found: (form: SecretForm, at: number) => void): void {
  if (index === undefined) {
    for (const form of forms) {
      for (let at = text.indexOf(form.text); at >= 0; at = text.indexOf(form.text, at + 1)) found(form, at);
    }
    return;
  }
  const last = text.length - KEY_LENGTH;
  for (let at = 0; at <= last; at++) {
    const bucket = index.get(keyAt(text, at));
    if (bucket === undefined) continue;
    for (const position of bucket) {
      const form = forms[position] as SecretForm;
      if (text.startsWith(form.text, at)) found(form, at);
    }
  }
}
