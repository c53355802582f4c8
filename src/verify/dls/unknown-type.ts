/**
 * What a document's value tells when no mapping gives its field's type (evaluateDls / verifyHits without
 * `fieldTypes`): the one home of the readings the node may have made of it. A leaf is decided only when every
 * reading agrees; otherwise it is unverifiable, never a match or a no-match picked from one reading.
 */
import { unverifiable } from './results.js';
import type { DlsResult } from './types.js';

/**
 * A JSON number in a field of unknown type. The node may hold it as a `long` / `integer` / `short` / `byte` (truncated:
 * 5.7 is 5), a `double`, a `float` or `half_float` (rounded), a `scaled_float` (rounded to its factor), or as the source
 * text in a `keyword` (`5.0` is "5.0", not "5") or as that text's tokens in a `text` field (`-5` is the token "5",
 * `5e+2` the tokens "5e" and "2"). The source text is lost to `JSON.parse`, so no reading of a term, terms, match or
 * range on it is certain (measured, 2.19.4: test/integration/h222-untyped-readings.test.ts).
 */
export function untypedNumber(field: string): DlsResult {
  return unverifiable(`no mapping gives the type of ${field}: a number reads differently as a long (5.7 is 5), a double, a float, a scaled_float or the source text of a keyword or text field ("5.0" is not "5"), which parsing lost (pass fieldTypes: fieldTypesFromMapping of GET <index>)`);
}

/**
 * `exists` on a field of unknown type: undefined when every type that can hold the values indexes one of them (a number,
 * a boolean, a non-empty string), else why not: `""` is no value of a numeric field (a keyword holds it).
 */
export function untypedExists(field: string, values: readonly unknown[]): DlsResult | undefined {
  if (values.every((v) => v === '')) return unverifiable(`no mapping gives the type of ${field}, which holds "": no value in a numeric field, a term of a keyword field (pass fieldTypes: fieldTypesFromMapping of GET <index>)`);
  return undefined;
}

/**
 * A field of unknown type the document sets to `null` (and to no other value): a mapping's `null_value` indexes that
 * value in its place, so "no value" is not certain.
 */
export function untypedNull(field: string, raw: readonly unknown[]): DlsResult | undefined {
  if (raw.some((v) => v === null)) return unverifiable(`no mapping for ${field}, which the document sets to null: a null_value in the mapping would index a value (pass fieldTypes: fieldTypesFromMapping of GET <index>)`);
  return undefined;
}
