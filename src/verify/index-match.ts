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

/** A lookup `_index` -> the expectation that covers it (null when none does), remembered per index name. */
export function expectationLookup(expectations: AccessExpectations): (index: string) => IndexExpectation | null {
  const matchers = expectations.indices.map((e) => ({ e, m: e.indexPatterns.map((p) => compileFieldPattern(substituteUserVariables(p, expectations.user).text)) }));
  const cache = new Map<string, IndexExpectation | null>();
  let table: ContainerTable | undefined;
  return (index) => {
    let exp = cache.get(index);
    if (exp === undefined) {
      const localIndex = index.includes(':') ? index.slice(index.indexOf(':') + 1) : index;
      table ??= containerTable(expectations.aliases);
      const names = coveringNames(localIndex, expectations.aliases, table);
      exp = matchers.find(({ m }) => m.some((f) => names.some(f)))?.e ?? null;
      cache.set(index, exp);
    }
    return exp;
  };
}
