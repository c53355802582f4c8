/** Date-math names where explainPermission meets them: a request's names resolved, a role's invalid date-math pattern's reach. */
import { WELL_KNOWN_INDEX_ACTIONS } from '../fgac/well-known-actions.js';
import { isDateMathExpression, resolveDateMath } from '../fgac/date-math.js';
import { isExactPattern } from '../fgac/field-patterns.js';
import { stringList } from '../fgac/role-shape.js';
import type { ActionResolver } from './action-resolver.js';
import { resolvePattern, type SubstitutionContext } from './role-pattern.js';
import type { PermissionIndexRule } from './types.js';

/**
 * The requested names with their date-math names resolved at `now` (src/fgac/date-math.ts), in order; the ones this SDK
 * cannot resolve kept as written (`unsupported`: name -> why), and why OpenSearch refuses the invalid ones (`invalid`).
 */
export function requestDateMath(names: string[] | null, now: number): { names: string[] | null; unsupported: Map<string, string>; invalid: string[] } {
  const unsupported = new Map<string, string>();
  const invalid: string[] = [];
  if (names === null) return { names, unsupported, invalid };
  const out = names.map((name) => {
    const r = resolveDateMath(name, now);
    if (r.kind === 'resolved') return r.name;
    if (r.kind === 'unsupported') unsupported.set(name, r.reason);
    else invalid.push(r.reason);
    return name;
  });
  return { names: out, unsupported, invalid };
}

/** True for a pattern the plugin matches upfront (no `${...}`, no date math). */
export const isStaticPattern = (pattern: string): boolean => !pattern.includes('${') && !isDateMathExpression(pattern);

/** One merged index pattern of a role for an action: its date-math patterns' fate when matched in order. */
export interface DateMathGroup {
  /** Date-math patterns never reached: at or after one OpenSearch refuses (the match throws there). */
  shadowed: Set<string>;
  /** Date-math patterns after one this SDK cannot resolve (the node may refuse it), with why. */
  doubted: Map<string, string>;
  /**
   * The match throws for a name no earlier pattern covers: the index's aliases and data stream are never tried, so
   * patterns cover by the index's own name only (static ones excepted for a well-known action, see `staticViaAliases`).
   */
  throws: boolean;
  /** A well-known index action: the plugin's precomputed table lets static patterns reach an index through its aliases even so. */
  staticViaAliases: boolean;
}

/**
 * How the plugin merges a role's index patterns for `action` (ActionPrivileges / RoleBasedActionPrivileges, the same at
 * 2.19.4.0 and 3.4.0.0): per role, one IndexPattern per key, built from the rules in order. For a well-known index
 * action the key is the action (exact permissions and wildcards matching it alike); for another action an exact
 * permission goes to the action's key and each wildcard permission to its own key (evaluated apart, last). A merged
 * pattern matches its date-math expressions in order and throws at one OpenSearch refuses ("Ignoring entry"): the
 * later ones never match, and no pattern reaches an index through its aliases or data stream any more (IndexPattern
 * tries those after its date math), except static ones for a well-known action (precomputed per index, aliases
 * expanded; measured on 2.19.4: `read` through an alias still serves GET and search, not `_mget`'s `[shard]` action). After one this SDK cannot resolve the later ones are in doubt. Answers, per rule (aligned
 * with `rules`), the merged patterns it belongs to; undefined when no merged pattern holds a date-math expression
 * that is refused or undecided.
 */
export function dateMathOrder(rules: readonly PermissionIndexRule[], action: string, resolver: ActionResolver, ctx: SubstitutionContext): DateMathGroup[][] | undefined {
  const wellKnown = WELL_KNOWN_INDEX_ACTIONS.has(action);
  const keysOf = rules.map((rule) => {
    if (rule === null || typeof rule !== 'object' || resolver.firstChain(rule.allowed_actions, action) === undefined) return [];
    if (wellKnown) return [''];
    return [...new Set(resolver.matchingPermissions(rule.allowed_actions, action).map((p) => (isExactPattern(p) ? '' : p)))];
  });
  const merged = new Map<string, string[]>();
  rules.forEach((rule, i) => {
    for (const key of keysOf[i] ?? []) {
      const list = merged.get(key) ?? [];
      list.push(...stringList(rule.index_patterns).filter(isDateMathExpression));
      merged.set(key, list);
    }
  });
  const groups = new Map<string, DateMathGroup>();
  let any = false;
  for (const [key, list] of merged) {
    const invalid = list.findIndex((p) => resolvePattern(p, ctx).invalid !== undefined);
    const unknown = list.findIndex((p) => resolvePattern(p, ctx).undecided !== undefined);
    if (invalid !== -1 || unknown !== -1) any = true;
    // a pattern listed before the refused one is matched before the throw
    const shadowed = new Set(invalid === -1 ? [] : list.filter((p, i) => i >= invalid && list.indexOf(p) >= invalid));
    const doubted = new Map<string, string>();
    if (unknown !== -1 && (invalid === -1 || unknown < invalid)) {
      for (const p of list.slice(unknown + 1, invalid === -1 ? undefined : invalid)) {
        if (!shadowed.has(p) && list.indexOf(p) > unknown) doubted.set(p, `${p} is matched after ${list[unknown]}, which the node may refuse (the plugin then never reaches it)`);
      }
    }
    groups.set(key, { shadowed, doubted, throws: invalid !== -1, staticViaAliases: wellKnown });
  }
  return any ? keysOf.map((keys) => keys.map((k) => groups.get(k) as DateMathGroup)) : undefined;
}
