/**
 * Which expectation covers a hit's `_index`: the first whose index patterns (with `${user...}`
 * substituted) match the concrete index, or, when `expectations.aliases` lists them, one of the aliases
 * or the data stream it belongs to (the plugin applies the rules of a pattern on an alias to its member
 * indices). A remote hit (`cluster:index`) is matched by its local part.
 */
import { containerTable, coveringNames, type ContainerTable } from '../fgac/aliases.js';
import { compileFieldPattern } from '../fgac/field-patterns.js';
import { substituteUserVariables } from '../fgac/dls-variables.js';
import type { AccessExpectations, IndexExpectation } from './expectations.js';

/**
 * The expectations' index lookup: per index name, the expectation that covers it (null when none does), remembered.
 * A plain object read by `expectationOf` rather than a closure: verifyHits' optimised loop calls the lookup, and V8
 * throws optimised code away once a function it was specialised for (a closure of an earlier call) is collected.
 */
export interface ExpectationLookup {
  readonly expectations: AccessExpectations;
  readonly matchers: ReadonlyArray<{ e: IndexExpectation; m: Array<(name: string) => boolean> }>;
  readonly cache: Map<string, IndexExpectation | null>;
  table: ContainerTable | undefined;
}

/** The lookup of `_index` -> expectation for these expectations (see expectationOf). */
export function expectationLookup(expectations: AccessExpectations): ExpectationLookup {
  const matchers = expectations.indices.map((e) => ({ e, m: e.indexPatterns.map((p) => compileFieldPattern(substituteUserVariables(p, expectations.user).text)) }));
  return { expectations, matchers, cache: new Map(), table: undefined };
}

/** The expectation that covers `index` (null when none does), remembered per index name. */
export function expectationOf(lookup: ExpectationLookup, index: string): IndexExpectation | null {
  let exp = lookup.cache.get(index);
  if (exp === undefined) {
    const localIndex = index.includes(':') ? index.slice(index.indexOf(':') + 1) : index;
    const aliases = lookup.expectations.aliases;
    lookup.table ??= containerTable(aliases);
    const names = coveringNames(localIndex, aliases, lookup.table);
    exp = lookup.matchers.find(({ m }) => m.some((f) => names.some(f)))?.e ?? null;
    lookup.cache.set(index, exp);
  }
  return exp;
}
