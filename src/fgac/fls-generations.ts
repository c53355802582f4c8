/**
 * FLS without a plugin version: the merged entries of a user's roles read as every plugin generation reads them, and
 * one answer per field where they all agree. The entries 1.x/2.x and 3.x read differently (all compile): `''` (1.x/2.x
 * fail every search on the index: no field can be read; 3.x match nothing with it), and, under 2.x's exact-name
 * shortcut (no merged entry holds `.` or `*`), a `?`, `/regex/` or blank entry (2.x: an exact field name; 3.x: a
 * wildcard, a regex, nothing); and, for what a search reads (FlsQuestion `search`), the members of an object an entry
 * names (`o.x` under `o`: 3.x covers them, 1.x/2.x read each field by its own name, an exclusion under the shortcut
 * aside: flsNameReading). 3.0-3.5 and 3.6+ differ only on entries that do not compile (verify/fls.ts keeps those
 * undecided without a version).
 */
import { compileDotPrefixMatcher, compileFieldPattern, isExactPattern, normalizeFieldName, type DotPrefixMatcher } from './field-patterns.js';
import { compileMergedFls, type CompiledFls } from './fls-compiled.js';
import { flsNameReading, splitFlsEntry, uncompiledFlsVerdict, v2FlsExactNames, type FlsQuestion } from './fls-entry.js';

/** How one generation reads the merged entries: a rule set, or every search failing (`fails`: why). */
interface FlsReading {
  generation: string;
  fls: CompiledFls | undefined;
  fails: string | undefined;
}

/** Makes the error a field the generations read differently throws (its message names pluginVersion). */
export type UndecidedFlsError = (message: string, entry: string) => Error;

/** The first merged entry (all compile) that 1.x/2.x and 3.x read differently for `question`; undefined when they read all alike. */
export function flsVersionDependentEntry(merged: readonly string[], question: FlsQuestion): string | undefined {
  if (merged.includes('')) return '';
  const shortcut = v2FlsExactNames(merged);
  const shape = shortcut ? merged.find((p) => {
    const { pattern } = splitFlsEntry(p);
    return !isExactPattern(pattern) || pattern.trim() === '';
  }) : undefined;
  if (shape !== undefined || question === 'roles') return shape;
  // what a search reads of the members of a name an entry matches: 3.x covers them, 1.x/2.x do not (an exclusion under the shortcut does)
  const exclude = merged.find((p) => splitFlsEntry(p).excluded);
  if (exclude !== undefined) return shortcut ? undefined : exclude;
  return merged.includes('*') ? undefined : merged[0];
}

/**
 * The merged entries `merged` (every one compiles) read by 1.x/2.x and by 3.x for `question`: a rule set answering each
 * field the generations agree on, and throwing `undecided` (naming pluginVersion) for a field they read differently.
 */
export function compileFlsAcrossGenerations(merged: readonly string[], undecided: UndecidedFlsError, question: FlsQuestion): CompiledFls {
  const entry = flsVersionDependentEntry(merged, question);
  const v3 = compileMergedFls(merged, flsNameReading(merged, '3', question));
  if (entry === undefined) return v3;
  const v2 = uncompiledFlsVerdict(merged, '2');
  const readings: FlsReading[] = [
    v2 === undefined || v2.effect === 'exact-names'
      ? { generation: '1.x/2.x', fls: compileMergedFls(merged, flsNameReading(merged, '2', question)), fails: undefined }
      : { generation: '1.x/2.x', fls: undefined, fails: v2.message },
    { generation: '3.x', fls: v3, fails: undefined },
  ];
  // a generation failing every search (`''`): that entry is the cause; else the entry deciding the field's name
  const failing = readings.some((r) => r.fails !== undefined);
  const modes = new Set(readings.map((r) => r.fls?.mode ?? 'include'));
  const [mode] = modes.size === 1 ? [...modes] : ['include' as const];
  return {
    mode: mode ?? 'include',
    patterns: merged,
    merged,
    isVisible(path: string, kind: 'leaf' | 'object' | 'any' = 'any'): boolean {
      // a generation whose every search fails shows no field
      const answers = readings.map((r) => r.fls !== undefined && r.fls.isVisible(path, kind));
      if (answers.every((a) => a === answers[0])) return answers[0] as boolean;
      const words = readings.map((r, i) => `${r.generation}: ${answers[i] === true ? 'visible' : r.fails !== undefined ? `hidden (${r.fails})` : 'hidden'}`);
      throw undecided(`whether '${path}' is visible under FLS ${JSON.stringify(merged)} depends on the plugin version (${words.join('; ')}): pass pluginVersion`, failing ? entry : coveringEntry(merged, path, entry));
    },
  };
}

/**
 * The first merged entry of the kind that takes effect (the excludes when there are any) matching `path` or an object
 * above it, read as a pattern or as an exact name (the entry that decides the field a generation reads differently);
 * `fallback` when none does. Only on the error path.
 */
function coveringEntry(merged: readonly string[], path: string, fallback: string): string {
  const f = normalizeFieldName(path);
  const excluding = merged.some((p) => splitFlsEntry(p).excluded);
  for (const p of merged) {
    const { excluded, pattern } = splitFlsEntry(p);
    if (excluded !== excluding) continue;
    // `f` or a prefix of it before a dot (`''` before a leading one), each matched as a pattern or as an exact name
    let matches: (name: string) => boolean;
    let prefix: DotPrefixMatcher;
    try {
      matches = compileFieldPattern(pattern);
      prefix = compileDotPrefixMatcher(pattern);
    } catch {
      continue;
    }
    if (f === pattern || matches(f) || compileDotPrefixMatcher(pattern, true)(f, 0) || prefix(f, 0)) return p;
  }
  return fallback;
}
