/**
 * Action groups and actions as the plugin evaluates them: the static catalogue plus custom groups,
 * flattened recursively (loops terminate), entries matched as WildcardMatcher patterns; the plugin's split of
 * actions into cluster-level and index-level ones is re-exported from fgac/cluster-actions.ts.
 */
import { STATIC_ACTION_GROUPS } from '../fgac/action-groups.js';
import { compileFieldPattern, isExactPattern, isRegexPattern, type FieldMatcher } from '../fgac/field-patterns.js';
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { isClusterAction } from '../fgac/cluster-actions.js';
import type { PermissionActionGroup, PermissionActionGroups } from './types.js';

// the plugin's split of actions into cluster-level and index-level ones: one home, fgac/cluster-actions.ts
export { isClusterAction };

/** The members of every action group: the static catalogue overridden by `custom`. */
export function groupTable(custom: PermissionActionGroups | undefined): Map<string, readonly string[]> {
  const table = new Map<string, readonly string[]>();
  for (const [name, group] of Object.entries(STATIC_ACTION_GROUPS)) table.set(name, group.allowed_actions);
  for (const [name, group] of Object.entries(custom ?? {})) {
    // a group that is neither a list nor { allowed_actions: [...] } (a misbehaving server) grants nothing
    const members: unknown = group === null || typeof group !== 'object' ? [] : isStringList(group) ? group : group.allowed_actions;
    table.set(name, Array.isArray(members) ? members.filter((m): m is string => typeof m === 'string') : []);
  }
  return table;
}

function isStringList(value: PermissionActionGroup): value is readonly string[] {
  return Array.isArray(value);
}

function looksLikeAction(entry: string): boolean {
  return entry.includes(':') || !isExactPattern(entry);
}

/**
 * Why WildcardMatcher.from(`permission`) throws (a `/regex/` the JDK refuses, `/` alone included), or undefined when it
 * compiles (an exact name is never compiled). A regex only this SDK cannot run is taken to compile.
 */
export function actionPatternFailure(permission: string): string | undefined {
  if (!isRegexPattern(permission)) return undefined;
  try {
    compileFieldPattern(permission);
    return undefined;
  } catch (err) {
    if (err instanceof UnsupportedMaskingError) return undefined;
    return err instanceof Error ? err.message : String(err);
  }
}

/** Loop warnings listed per resolver; past them one line says there are more (400 groups naming each other close 80 200 loops). */
export const LOOP_WARNINGS_SHOWN = 100;

/** Loop paths longer than this many names are shown with their middle elided (a 100 000-group chain's warning stays short). */
const LOOP_PATH_SHOWN = 12;

/** `path` joined with ` -> `, its middle elided when it is longer than LOOP_PATH_SHOWN names. */
function loopText(path: readonly string[]): string {
  if (path.length <= LOOP_PATH_SHOWN) return path.join(' -> ');
  const half = LOOP_PATH_SHOWN / 2;
  return [...path.slice(0, half), `... (${path.length - LOOP_PATH_SHOWN} more)`, ...path.slice(-half)].join(' -> ');
}

/**
 * Resolves action groups and matches entries against one action, remembering compiled patterns, loops seen and
 * each entry's chain per action: explaining one action over 3 000 roles that all name a 10 000-action group
 * expands the group once, not once per role and pass.
 */
export class ActionResolver {
  private readonly groups: Map<string, readonly string[]>;
  private readonly compiled = new Map<string, FieldMatcher>();
  private readonly chains = new Map<string, Map<string, string[] | undefined>>();
  private readonly warned = new Set<string>();
  private readonly loopEdges = new Set<string>();
  private expandedCount = 0;
  readonly warnings: string[] = [];

  constructor(groups: Map<string, readonly string[]>) {
    this.groups = groups;
  }

  /** How many group expansions this resolver has made (each group at most once per entry and action). */
  get expansions(): number {
    return this.expandedCount;
  }

  isGroup(name: string): boolean {
    return this.groups.has(name);
  }

  /** Every name `name` expands to (its members, theirs, ..., each once), in no particular order (the plugin's is a hash set's). */
  members(name: string): string[] {
    const out = new Set<string>();
    const stack = [...(this.groups.get(name) ?? [])];
    while (stack.length > 0) {
      const m = stack.pop() as string;
      if (out.has(m)) continue;
      out.add(m);
      for (const n of this.groups.get(m) ?? []) stack.push(n);
    }
    return [...out];
  }

  private matches(pattern: string, action: string): boolean {
    let m = this.compiled.get(pattern);
    if (m === undefined) {
      try {
        m = compileFieldPattern(pattern);
      } catch (err) {
        this.warn(`pattern ${JSON.stringify(pattern)} is not a valid regular expression (${err instanceof Error ? err.message : String(err)}); it matches nothing`);
        m = () => false;
      }
      this.compiled.set(pattern, m);
    }
    return m(action);
  }

  private warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warnings.push(message);
  }

  /**
   * The expansion chain from `entry` to a pattern matching `action`, or undefined. The entry itself counts as
   * a pattern (the plugin keeps group names in the flattened set), then its members, depth first in order.
   * Each group is expanded once per call, so loops and diamonds terminate; the answer is remembered per entry
   * and action. Iterative (an explicit stack): a chain of 100 000 groups (a hostile server's action groups)
   * cannot overflow the call stack. A loop is warned once per closing edge (group -> member), up to LOOP_WARNINGS_SHOWN.
   */
  chain(entry: string, action: string): string[] | undefined {
    let byEntry = this.chains.get(action);
    if (byEntry === undefined) this.chains.set(action, (byEntry = new Map()));
    if (byEntry.has(entry)) return byEntry.get(entry);
    const found = this.walk(entry, action);
    byEntry.set(entry, found);
    return found;
  }

  private walk(entry: string, action: string): string[] | undefined {
    const expanded = new Set<string>();
    // the groups being expanded, outermost first, with the next member to visit; `onPath` holds their names
    const stack: Array<{ name: string; members: readonly string[]; next: number }> = [];
    const onPath = new Set<string>();
    const path = (last: string): string[] => [...stack.map((frame) => frame.name), last];
    // visits `name` below the current path: its chain when it matches, true when it was pushed for expansion
    const visit = (name: string): string[] | boolean => {
      if (this.matches(name, action)) return path(name);
      const members = this.groups.get(name);
      if (members === undefined || expanded.has(name)) return false;
      expanded.add(name);
      this.expandedCount++;
      stack.push({ name, members, next: 0 });
      onPath.add(name);
      return true;
    };
    const first = visit(entry);
    if (first !== true) return first === false ? undefined : first;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { name: string; members: readonly string[]; next: number };
      if (top.next >= top.members.length) {
        stack.pop();
        onPath.delete(top.name);
        continue;
      }
      const member = top.members[top.next++] as string;
      if (onPath.has(member)) {
        const edge = `${top.name}\u0000${member}`;
        if (!this.loopEdges.has(edge)) {
          this.loopEdges.add(edge);
          if (this.loopEdges.size <= LOOP_WARNINGS_SHOWN) this.warn(`action group loop: ${loopText(path(member))}`);
          else if (this.loopEdges.size === LOOP_WARNINGS_SHOWN + 1) this.warn(`action group loop: more than ${LOOP_WARNINGS_SHOWN} loops; the first ${LOOP_WARNINGS_SHOWN} are listed`);
        }
        continue;
      }
      const found = visit(member);
      if (Array.isArray(found)) return found;
    }
    return undefined;
  }

  /** The first entry of `entries` that grants `action`, with its chain. */
  firstChain(entries: readonly string[] | undefined, action: string): string[] | undefined {
    if (!Array.isArray(entries)) return undefined;
    for (const entry of entries as readonly unknown[]) {
      if (typeof entry !== 'string') continue;
      const found = this.chain(entry, action);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /**
   * Every permission of `entries` flattened as the plugin resolves action groups (a group's name and its members,
   * recursively, each group once) that matches `action`, in order, each once.
   */
  matchingPermissions(entries: readonly string[] | undefined, action: string): string[] {
    if (!Array.isArray(entries)) return [];
    const out = new Set<string>();
    const seen = new Set<string>();
    const stack = (entries as readonly unknown[]).filter((e): e is string => typeof e === 'string').reverse();
    while (stack.length > 0) {
      const name = stack.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      if (this.matches(name, action)) out.add(name);
      const members = this.groups.get(name);
      if (members !== undefined) for (let i = members.length - 1; i >= 0; i--) stack.push(members[i] as string);
    }
    return [...out];
  }

  /** Entries that are neither a known action group nor shaped like an action pattern (probably a misspelt or missing group). */
  unknownEntries(entries: readonly string[] | undefined): string[] {
    if (!Array.isArray(entries)) return [];
    return (entries as readonly unknown[]).filter((e): e is string => typeof e === 'string' && !this.groups.has(e) && !looksLikeAction(e));
  }
}
