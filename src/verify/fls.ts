/**
 * Field-level security as the security plugin evaluates it: which field paths of a document a
 * set of roles' FLS rules leave visible.
 *
 * - patterns: exact names, `*`/`?` wildcards, `/regex/`; `~` (or `!`) marks an exclusion;
 * - field names are normalised by stripping a trailing `.keyword`;
 * - including `a.b.c` keeps the parent objects `a` and `a.b`; including an object keeps its subtree;
 * - excluding an object removes its subtree;
 * - mixed includes and excludes (also across roles): only the excludes apply;
 * - several roles: includes are unioned, a field excluded by any role is hidden;
 * - a role without FLS only counts when no other role restricts the index, unless
 *   `dfmEmptyOverridesAll` is set.
 */
import { setOwn } from '../errors/redact.js';
import { compileFieldPattern, normalizeFieldName, type FieldMatcher } from '../fgac/field-patterns.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../fgac/json.js';
import { toFlsEntry } from '../fgac/fls-entry.js';

/** One role's FLS list, or several roles' lists (one array per role). */
export type FlsRules = readonly string[] | readonly (readonly string[])[];

/** Options mirroring plugin settings. */
export interface FlsOptions {
  /** `plugins.security.dfm_empty_overrides_all` (default false). */
  dfmEmptyOverridesAll?: boolean;
}

/** A compiled FLS rule set. */
export interface CompiledFls {
  /** `all` = no restriction; `include` = only listed fields; `exclude` = all but listed fields. */
  readonly mode: 'all' | 'include' | 'exclude';
  /** The effective patterns (as written). */
  readonly patterns: readonly string[];
  /**
   * Whether the field at `path` is visible. `kind` `object` also accepts the parent objects of
   * included fields; `leaf` does not; `any` (default) accepts either.
   */
  isVisible(path: string, kind?: 'leaf' | 'object' | 'any'): boolean;
}

interface Pat { source: string; matcher: FieldMatcher }

function rolesOf(rules: FlsRules): (readonly string[])[] {
  const shape = 'FLS rules must be a list of patterns (one role) or a list of such lists (one per role)';
  if (!Array.isArray(rules)) throw new TypeError(shape);
  if (rules.length === 0) return [];
  if (rules.every((r) => typeof r === 'string')) return [rules as readonly string[]];
  if (!rules.every((r) => Array.isArray(r) && r.every((p: unknown) => typeof p === 'string'))) throw new TypeError(shape);
  return (rules as readonly (readonly string[])[]).map((r) => r);
}

/** Compiles one or several roles' FLS lists into a visibility predicate. */
export function compileFls(rules: FlsRules, opts: FlsOptions = {}): CompiledFls {
  const roles = rolesOf(rules);
  const restricted = roles.filter((r) => r.length > 0);
  const unrestricted = roles.length - restricted.length;
  let result: CompiledFls;
  if (restricted.length === 0 || (unrestricted > 0 && opts.dfmEmptyOverridesAll)) {
    result = { mode: 'all', patterns: [], isVisible: () => true };
  } else {
    const all = [...new Set(restricted.flat())];
    const excludes: Pat[] = [];
    const includes: Pat[] = [];
    for (const p of all) {
      const entry = toFlsEntry(p);
      if (entry.exclude !== undefined) excludes.push({ source: p, matcher: compileFieldPattern(entry.exclude) });
      else includes.push({ source: p, matcher: compileFieldPattern(entry.include) });
    }
    if (excludes.length > 0) {
      const excluded = (f: string): boolean => excludes.some((e) => e.matcher(f));
      result = {
        mode: 'exclude',
        patterns: excludes.map((e) => e.source),
        isVisible(path: string): boolean {
          const f = normalizeFieldName(path);
          if (excluded(f)) return false;
          for (let dot = f.lastIndexOf('.'); dot > 0; dot = f.lastIndexOf('.', dot - 1)) if (excluded(f.slice(0, dot))) return false;
          return true;
        },
      };
    } else if (includes.some((p) => p.source === '*')) {
      result = { mode: 'all', patterns: ['*'], isVisible: () => true };
    } else {
      const parentSources = new Set<string>();
      for (const p of includes) {
        if (p.source.startsWith('/') && p.source.endsWith('/')) continue;
        for (let dot = p.source.indexOf('.'); dot !== -1; dot = p.source.indexOf('.', dot + 1)) parentSources.add(p.source.slice(0, dot));
      }
      for (const p of includes) parentSources.delete(p.source);
      const parents = [...parentSources].map((s) => compileFieldPattern(s));
      const included = (f: string): boolean => includes.some((i) => i.matcher(f));
      result = {
        mode: 'include',
        patterns: includes.map((i) => i.source),
        isVisible(path: string, kind: 'leaf' | 'object' | 'any' = 'any'): boolean {
          const f = normalizeFieldName(path);
          if (included(f)) return true;
          for (let dot = f.lastIndexOf('.'); dot > 0; dot = f.lastIndexOf('.', dot - 1)) if (included(f.slice(0, dot))) return true;
          return kind !== 'leaf' && parents.some((m) => m(f));
        },
      };
    }
  }
  return result;
}

/** Whether a field path is visible under the rules (see `CompiledFls.isVisible`). */
export function isFieldVisible(path: string, rules: FlsRules | CompiledFls, kind: 'leaf' | 'object' | 'any' = 'any', opts: FlsOptions = {}): boolean {
  const c = 'isVisible' in rules ? rules : compileFls(rules, opts);
  return c.isVisible(path, kind);
}

/** A field occurrence in a document: dotted path and whether it holds an object. */
export interface FieldOccurrence {
  path: string;
  kind: 'leaf' | 'object';
}

/** Every field path of a document (objects and leaves; arrays are transparent), in document order. */
export function fieldPaths(doc: unknown): FieldOccurrence[] {
  const out = new Map<string, 'leaf' | 'object'>();
  const visit = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'object' && v !== null && depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
    if (Array.isArray(v)) { v.forEach((x) => visit(x, path, depth + 1)); return; }
    if (typeof v === 'object' && v !== null) {
      if (path) out.set(path, 'object');
      for (const [k, x] of Object.entries(v)) visit(x, path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    if (path && out.get(path) !== 'object') out.set(path, 'leaf');
  };
  visit(doc, '', 0);
  return [...out].map(([path, kind]) => ({ path, kind }));
}

/** The field paths (objects and leaves) of `doc` that remain visible under the rules. */
export function visibleFields(doc: unknown, rules: FlsRules | CompiledFls, opts: FlsOptions = {}): string[] {
  const c = 'isVisible' in rules ? rules : compileFls(rules, opts);
  const filtered = filterDocument(doc, c);
  return fieldPaths(filtered).map((f) => f.path);
}

/** The document as the rules let a user see it (hidden fields removed, emptied parents kept). */
export function filterDocument<T>(doc: T, rules: FlsRules | CompiledFls, opts: FlsOptions = {}): T {
  const c = 'isVisible' in rules ? rules : compileFls(rules, opts);
  if (c.mode === 'all') return doc;
  const visit = (v: unknown, path: string, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
    if (Array.isArray(v)) return v.map((x) => visit(x, path, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      const isObject = (Array.isArray(x) ? x.some((e) => typeof e === 'object' && e !== null) : typeof x === 'object' && x !== null);
      if (!c.isVisible(p, isObject ? 'object' : 'leaf')) continue;
      // setOwn: a field named `__proto__` stays a field of the copy.
      setOwn(out, k, visit(x, p, depth + 1));
    }
    return out;
  };
  return visit(doc, '', 0) as T;
}
