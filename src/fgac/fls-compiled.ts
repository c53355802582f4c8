/**
 * A compiled FLS rule set (the visibility predicate compileFls returns) and how the merged entries of a user's roles
 * compile into one, read as one plugin generation reads them (verify/fls.ts decides which).
 */
import { compileFieldPattern, isRegexPattern, normalizeFieldName, parentDot, type FieldMatcher } from './field-patterns.js';
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


interface Pat { source: string; matcher: FieldMatcher }

/**
 * Visibility of a field whose parent (a path `parentLength` long) is visible, and whether the field or an
 * ancestor was itself included. filterDocument's walk reads only the dots inside each key (re-reading every
 * ancestor made deep documents cost depth³); `isVisible` is the same rule from the top (`parentLength` 0).
 */
export type WalkRule = (path: string, parentLength: number, kind: 'leaf' | 'object' | 'any', underIncluded: boolean) => 'hidden' | 'visible' | 'included';
/** The walk rule of each rule set compileMergedFls made (filterDocument reads it). */
export const walkRules = new WeakMap<CompiledFls, WalkRule>();

/**
 * True when `test` holds for a prefix of `f` ending before a dot after `from` (`from` 0: from the top, where a leading
 * dot makes the prefix `''`, as the plugin's parent walks read it).
 */
function somePrefixAfter(f: string, from: number, test: (prefix: string) => boolean): boolean {
  for (let dot = f.indexOf('.', from === 0 ? 0 : from + 1); dot !== -1; dot = f.indexOf('.', dot + 1)) if (test(f.slice(0, dot))) return true;
  return false;
}

/** Paths remembered per prefix test; cleared past this many (a rule set lives on in the verifier's cache). */
const PREFIX_MEMO_SIZE = 4096;
/** Characters of the paths remembered per prefix test (a prefix is a slice: it may keep its whole path); cleared past this. */
const PREFIX_MEMO_CHARS = 262_144;

/**
 * `test(f) || somePrefixAfter(f, 0, test)`, each prefix answered once: a path's answer is its parent's or its own
 * test. Asked for every path of a document, re-testing every ancestor of each cost depth³ (a 2000-deep `_source`
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
      if (exclude !== undefined) excludes.push({ source: p, matcher: matcherOf(exclude) });
      else includes.push({ source: p, matcher: matcherOf(entry.include as string) });
    }
    if (excludes.length > 0) {
      const excluded = (f: string): boolean => excludes.some((e) => e.matcher(f));
      const rule: WalkRule = (path, parentLength) => {
        const f = normalizeFieldName(path);
        return excluded(f) || somePrefixAfter(f, parentLength, excluded) ? 'hidden' : 'visible';
      };
      const hidden = excludesMembers ? prefixTest(excluded) : excluded;
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
      const parentSources = new Set<string>();
      for (const p of includes) {
        if (isRegexPattern(p.source)) continue;
        for (let dot = p.source.indexOf('.'); dot !== -1; dot = p.source.indexOf('.', dot + 1)) parentSources.add(p.source.slice(0, dot));
      }
      for (const p of includes) parentSources.delete(p.source);
      const parents = [...parentSources].map((s) => matcherOf(s));
      const included = (f: string): boolean => includes.some((i) => i.matcher(f));
      const rule: WalkRule = (path, parentLength, kind, underIncluded) => {
        const f = normalizeFieldName(path);
        if (underIncluded || included(f) || somePrefixAfter(f, parentLength, included)) return 'included';
        return kind !== 'leaf' && parents.some((m) => m(f)) ? 'visible' : 'hidden';
      };
      const includedAt = includesMembers ? prefixTest(included) : included;
      result = {
        mode: 'include',
        patterns: includes.map((i) => i.source),
        merged: all,
        isVisible: (path: string, kind: 'leaf' | 'object' | 'any' = 'any'): boolean => {
          const f = normalizeFieldName(path);
          return includedAt(f) || (kind !== 'leaf' && parents.some((m) => m(f)));
        },
      };
      if (includesMembers) walkRules.set(result, rule);
    }
  }
  return result;
}

