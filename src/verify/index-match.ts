/**
 * Which expectation covers a hit's `_index`: the first whose index patterns (with `${user...}`
 * substituted) match the concrete index, or, when `expectations.aliases` lists them, one of the aliases
 * or the data stream it belongs to (the plugin applies the rules of a pattern on an alias to its member
 * indices). A remote hit (`cluster:index`) is matched by its local part.
 */
import { containerTable, coveringNames, type ContainerTable } from '../fgac/aliases.js';
import { compileFieldPattern } from '../fgac/field-patterns.js';
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { anything, resolvePattern, type ResolvedPattern } from '../explain/role-pattern.js';
import { substitutionFor } from '../explain/substitution.js';
import type { AccessExpectations, IndexExpectation } from './expectations.js';
import { opt } from '../errors/own.js';

/**
 * The expectations' index lookup: per index name, the expectation that covers it (null when none does), remembered.
 * A plain object read by `expectationOf` rather than a closure: verifyHits' optimised loop calls the lookup, and V8
 * throws optimised code away once a function it was specialised for (a closure of an earlier call) is collected.
 */
export interface ExpectationLookup {
  readonly expectations: AccessExpectations;
  readonly matchers: ReadonlyArray<{ e: IndexExpectation; m: ResolvedPattern[] }>;
  readonly cache: Map<string, IndexExpectation | null>;
  table: ContainerTable | undefined;
}

/**
 * The lookup of `_index` -> expectation for these expectations (see expectationOf): each pattern read as the privilege
 * evaluation reads a role's (explain/role-pattern.ts resolvePattern) for `expectations.user` and `pluginVersion`,
 * date math resolved now.
 */
export function expectationLookup(expectations: AccessExpectations): ExpectationLookup {
  const user = opt(expectations, 'user');
  const ctx = substitutionFor(user, { pluginVersion: opt(expectations, 'pluginVersion') });
  const matchers = expectations.indices.map((e) => ({ e, m: e.indexPatterns.map((p) => refusedRegex(resolvePattern(p, ctx))) }));
  return { expectations, matchers, cache: new Map(), table: undefined };
}

/**
 * A caller's expectation pattern that is a regex this SDK cannot run is refused as before (UnsupportedJavaRegexError:
 * the expectations are the caller's input, not the roles'); everything else undecided answers per index (expectationOf).
 */
function refusedRegex(r: ResolvedPattern): ResolvedPattern {
  if (r.undecided !== undefined && r.resolved === r.pattern && r.pattern.startsWith('/')) {
    try {
      compileFieldPattern(r.pattern);
    } catch (err) {
      if (err instanceof UnsupportedMaskingError) throw err;
    }
  }
  return r;
}

/**
 * The expectation that covers `index` (null when none does), remembered per index name. One whose pattern this SDK
 * cannot evaluate for the index (undecided, see resolvePattern) before any that surely covers it: that expectation
 * with `undecided` set (its hits are unverifiable).
 */
export function expectationOf(lookup: ExpectationLookup, index: string): IndexExpectation | null {
  let exp = lookup.cache.get(index);
  if (exp === undefined) {
    const localIndex = index.includes(':') ? index.slice(index.indexOf(':') + 1) : index;
    const aliases = lookup.expectations.aliases;
    lookup.table ??= containerTable(aliases);
    const names = coveringNames(localIndex, aliases, lookup.table);
    exp = null;
    for (const { e, m } of lookup.matchers) {
      if (m.some((r) => names.some(r.matcher))) { exp = e; break; }
      const doubt = m.find((r) => {
        const declined = names.find((n) => r.declined?.has(n));
        return declined !== undefined || (r.undecided !== undefined && names.some(r.mayMatch ?? anything));
      });
      if (doubt !== undefined) {
        const why = doubt.undecided ?? `the index pattern ${doubt.pattern} cannot be evaluated for ${index}`;
        exp = { ...e, undecided: opt(e, 'undecided') ?? why };
        break;
      }
    }
    lookup.cache.set(index, exp);
  }
  return exp;
}
