/** Date-math names where explainPermission meets them: a request's names resolved, a role's invalid date-math pattern's reach. */
import { resolveDateMath } from '../fgac/date-math.js';
import { stringList } from '../fgac/role-shape.js';
import type { ActionResolver } from './action-resolver.js';
import { resolvePattern, type SubstitutionContext } from './role-pattern.js';
import type { PermissionIndexRule } from './types.js';

/**
 * The requested names with their date-math names resolved at `now` (src/fgac/date-math.ts), each once; the ones this SDK
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
  return { names: [...new Set(out)], unsupported, invalid };
}

/** True for a pattern the plugin matches upfront (no `${...}`, no date math). */
export const isStaticPattern = (pattern: string): boolean => !pattern.includes('${') && !(pattern.startsWith('<') && pattern.endsWith('>'));

/**
 * The plugin merges a role's index patterns per action (IndexPattern.Builder, in rule order) and matches its date-math
 * patterns in order, throwing at one OpenSearch refuses (the role is then skipped for that index: "Ignoring entry"):
 * the date-math patterns after it never match (`shadowed`), and dynamic patterns (date math, `${...}`) no longer reach
 * an index through its aliases or data stream (static patterns do, precomputed). After one this SDK cannot resolve
 * (which may be refused) the later ones are in doubt (`doubted`, with why). Undefined when the role has neither.
 */
export function dateMathOrder(rules: readonly PermissionIndexRule[], action: string, resolver: ActionResolver, ctx: SubstitutionContext): { shadowed: Set<string>; doubted: Map<string, string> } | undefined {
  const merged = rules.flatMap((rule) => (rule === null || typeof rule !== 'object' || resolver.firstChain(rule.allowed_actions, action) === undefined ? []
    : stringList(rule.index_patterns).filter((p) => p.startsWith('<') && p.endsWith('>'))));
  const invalid = merged.findIndex((p) => resolvePattern(p, ctx).invalid !== undefined);
  const unknown = merged.findIndex((p) => resolvePattern(p, ctx).undecided !== undefined);
  if (invalid === -1 && unknown === -1) return undefined;
  const shadowed = new Set(invalid === -1 ? [] : merged.slice(invalid));
  const doubted = new Map<string, string>();
  if (unknown !== -1 && (invalid === -1 || unknown < invalid)) {
    for (const p of merged.slice(unknown + 1, invalid === -1 ? undefined : invalid)) {
      if (!shadowed.has(p)) doubted.set(p, `${p} is matched after ${merged[unknown]}, which the node may refuse (the plugin then never reaches it)`);
    }
  }
  return { shadowed, doubted };
}
