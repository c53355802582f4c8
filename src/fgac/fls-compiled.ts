/**
 * A compiled FLS rule set (the visibility predicate compileFls returns) and how the merged entries of a user's roles
 * compile into one, read as one plugin generation reads them (verify/fls.ts decides which).
 */
import { compileDotPrefixMatcher, compileFieldPattern, inclusionParents, isRegexPattern, normalizeFieldName, parentDot, type DotPrefixMatcher, type FieldMatcher } from './field-patterns.js';
import { toFlsEntry, type FlsNameReading } from './fls-entry.js';
import { opt } from '../errors/own.js';

/** A compiled FLS rule set. */
export interface CompiledFls {
  /** `all` = no restriction; `include` = only listed fields; `exclude` = all but listed fields. */
  readonly mode: 'all' | 'include' | 'exclude';
  /** The effective patterns (as written). */
  readonly patterns: readonly string[];
  /** Every role's patterns merged (includes too when excludes make them ineffective); what the plugin's own filtering reads. */
  readonly merged?: readonly string[];
  /**
   * Whether the field at `path` is visible. `kind` `object` also accepts the parent objects of
   * included fields; `leaf` does not; `any` (default) accepts either.
   */
  isVisible(path: string, kind?: 'leaf' | 'object' | 'any'): boolean;
}


interface Pat { source: string; matcher: FieldMatcher; prefix: DotPrefixMatcher; regex: boolean }

/**
 * Visibility of a field whose parent is visible, and whether the field or an ancestor was itself included. `from`:
 * where the dots inside the field's own key start (0 at the top, where a leading dot's prefix `''` counts too; else
 * one past the dot joining the key to its parent), so filterDocument's walk reads only those (re-reading every
 * ancestor made deep documents cost depth³); `isVisible` is the same rule from the top.
 */
export type WalkRule = (path: string, from: number, kind: 'leaf' | 'object' | 'any', underIncluded: boolean) => 'hidden' | 'visible' | 'included';
/** The walk rule of each rule set compileMergedFls made (filterDocument reads it). */
export const walkRules = new WeakMap<CompiledFls, WalkRule>();

/**
 * Whether a pattern of `pats` matches a prefix of `f` ending at a dot at `from` or later: each glob or exact name in
 * one pass over `f` (DotPrefixMatcher), a `/regex/` on each prefix (remembered per prefix by `regexAt`).
 */
function anyPrefix(pats: readonly Pat[], f: string, from: number, regexAt: ((prefix: string) => boolean) | undefined): boolean {
  if (pats.some((p) => !p.regex && p.prefix(f, from))) return true;
  if (regexAt === undefined) return false;
  // the longest prefix answers for all (regexAt's memo): those before `from` hold no match (the walk's parent was answered)
  const dot = f.lastIndexOf('.');
  return dot >= from && regexAt(f.slice(0, dot));
}

/** Paths remembered per prefix test; cleared past this many (a rule set lives on in the verifier's cache). */
const PREFIX_MEMO_SIZE = 4096;
/** Characters of the paths remembered per prefix test (a prefix is a slice: it may keep its whole path); cleared past this. */
const PREFIX_MEMO_CHARS = 262_144;

/**
 * Whether `test` holds for `f` or a prefix of it ending at a dot (`''` before a leading one), each prefix answered
 * once: a path's answer is its parent's or its own test (used for `/regex/` entries only). Asked for every path of a document, re-testing every ancestor of each cost depth³ (a 2000-deep `_source`
 * under `~o*.b` took seconds per hit in verifyHits).
 */
function prefixTest(test: (prefix: string) => boolean): (f: string) => boolean {
  const memo = new Map<string, boolean>();
  let chars = 0;
  return (f) => {
    const cached = memo.get(f);
    if (cached !== undefined) return cached;
    const unknown = [f];
    let answer = false;
    for (let dot = f.lastIndexOf('.'); dot !== -1; dot = parentDot(f, dot)) {
      const prefix = f.slice(0, dot);
      const known = memo.get(prefix);
      if (known !== undefined) {
        answer = known;
        break;
      }
      unknown.push(prefix);
    }
    // what the new entries keep: `f` itself (each prefix is a slice of it), and a little per entry
    const cost = f.length + 16 * unknown.length;
    if (memo.size + unknown.length > PREFIX_MEMO_SIZE || chars + cost > PREFIX_MEMO_CHARS) {
      memo.clear();
      chars = 0;
    }
    const keep = cost <= PREFIX_MEMO_CHARS;
    if (keep) chars += cost;
    for (let i = unknown.length - 1; i >= 0; i--) {
      const p = unknown[i] as string;
      answer ||= test(p);
      if (keep) memo.set(p, answer);
    }
    return answer;
  };
}

/** The rule set of the merged patterns `all`, compared with field names as `reading` says (flsNameReading). */
export function compileMergedFls(all: readonly string[], reading: FlsNameReading): CompiledFls {
  const matcherOf = (pattern: string): FieldMatcher => (reading.exactNames ? (f) => f === pattern : compileFieldPattern(pattern));
  const patOf = (source: string, pattern: string): Pat => ({
    source,
    matcher: matcherOf(pattern),
    prefix: compileDotPrefixMatcher(pattern, reading.exactNames),
    regex: !reading.exactNames && isRegexPattern(pattern) && pattern.trim() !== '',
  });
  // a `/regex/` is matched on each prefix of a path (it may look past one): remembered per prefix, and for a whole path
  const regexMemo = (pats: readonly Pat[]): ((f: string) => boolean) | undefined => {
    const rx = pats.filter((p) => p.regex);
    return rx.length === 0 ? undefined : prefixTest((f) => rx.some((p) => p.matcher(f)));
  };
  // 1.x/2.x searches keep or drop each field by its own name; only their exclusion by exact names also drops the members
  const includesMembers = !reading.ownNames;
  const excludesMembers = !reading.ownNames || reading.exactNames;
  let result: CompiledFls;
  if (all.length === 0) {
    result = { mode: 'all', patterns: [], merged: [], isVisible: () => true };
  } else {
    const excludes: Pat[] = [];
    const includes: Pat[] = [];
    for (const p of all) {
      const entry = toFlsEntry(p);
      const exclude = opt(entry, 'exclude');
      if (exclude !== undefined) excludes.push(patOf(p, exclude));
      else includes.push(patOf(p, entry.include as string));
    }
    if (excludes.length > 0) {
      const excluded = (f: string): boolean => excludes.some((e) => e.matcher(f));
      const regexAt = regexMemo(excludes);
      const rule: WalkRule = (path, from) => {
        const f = normalizeFieldName(path);
        return excluded(f) || anyPrefix(excludes, f, from, regexAt) ? 'hidden' : 'visible';
      };
      const hidden = excludesMembers ? (f: string): boolean => excluded(f) || anyPrefix(excludes, f, 0, regexAt) : excluded;
      result = {
        mode: 'exclude',
        patterns: excludes.map((e) => e.source),
        merged: all,
        isVisible: (path: string): boolean => !hidden(normalizeFieldName(path)),
      };
      // without a walk rule filterDocument asks isVisible for every path
      if (excludesMembers) walkRules.set(result, rule);
    } else if (includes.some((p) => p.source === '*')) {
      result = { mode: 'all', patterns: ['*'], merged: all, isVisible: () => true };
    } else {
      const isParent = inclusionParents(includes.map((p) => p.source), reading.exactNames, matcherOf);
      const included = (f: string): boolean => includes.some((i) => i.matcher(f));
      const regexAt = regexMemo(includes);
      const rule: WalkRule = (path, from, kind, underIncluded) => {
        const f = normalizeFieldName(path);
        if (underIncluded || included(f) || anyPrefix(includes, f, from, regexAt)) return 'included';
        return kind !== 'leaf' && isParent(f) ? 'visible' : 'hidden';
      };
      const includedAt = includesMembers ? (f: string): boolean => included(f) || anyPrefix(includes, f, 0, regexAt) : included;
      result = {
        mode: 'include',
        patterns: includes.map((i) => i.source),
        merged: all,
        isVisible: (path: string, kind: 'leaf' | 'object' | 'any' = 'any'): boolean => {
          const f = normalizeFieldName(path);
          return includedAt(f) || (kind !== 'leaf' && isParent(f));
        },
      };
      if (includesMembers) walkRules.set(result, rule);
    }
  }
  return result;
}

