/**
 * The `_source` a plugin generation returns under FLS, reproduced exactly (checked against live 2.19.4
 * and 3.4.0 nodes: test/integration/fls-source-truth.test.ts). It differs from what the roles mean
 * (fls.ts, the verifier's reference) in ways that depend on the document's shape:
 *
 * - 2.x (DlsFlsFilterLeafReader): when no pattern holds `.` or `*`, only top-level keys are kept or
 *   removed by exact name; otherwise OpenSearch's source filtering (XContentMapValues.filter) runs
 *   with the patterns as simple-match patterns: only `*` is a wildcard, so `?` and `/regex/` match
 *   their literal text; an exclusion also removes `<pattern>.keyword`; with inclusions, objects and
 *   array elements left empty are dropped.
 * - 3.x (FlsDocumentFilter): each key is judged on its own full path (`.keyword` stripped); an
 *   inclusion of an object keeps the object but not its members, parents of a dotted inclusion are
 *   kept, and an array at such a parent path keeps its plain values.
 * - Both: keys holding dots (`{"a.b": 1}`) are judged by their full name, not as members of `a`.
 * Beyond `_source`: see pluginHiddenMetaFields (2.x leaves `_id` / `_source` out of hits when an exclusion matches them)
 * and pluginMaskedMetaFields (masked_fields matching `_id` mask the search hits' `_id`, see maskedHitId).
 */
import { isOptionsObject } from '../client/options-check.js';
import { setOwn } from '../errors/redact.js';
import type { PluginDialect } from '../fgac/plugin-version.js';
import { compileFieldPattern, globDotPrefix, inclusionParents, globWalk, normalizeFieldName, type DotPrefixMatcher, type FieldMatcher } from '../fgac/field-patterns.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../fgac/json.js';
import { splitFlsEntry, toFlsEntry, uncompiledFlsVerdict, v2FlsExactNames } from '../fgac/fls-entry.js';
import { applyEffectiveMask, checkMaskingOptions, effectiveMask, javaUtf8Bytes, maskBytesHex, parseMaskedField, type EffectiveMask, type MaskValueOptions } from '../fgac/masking.js';
import { MaskingExpressionError } from '../fgac/errors.js';
import { javaUtf8Decode } from '../fgac/java-utf8.js';
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';
import { opt } from '../errors/own.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkDepth(depth: number): void {
  if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
}

/** Metadata fields of a hit that FLS can leave out (see pluginHiddenMetaFields). */
export type FlsMetaField = '_id' | '_source' | '_routing' | '_ignored';

/**
 * The metadata fields the plugin of major version `major` leaves out of search hits under the merged FLS patterns
 * (checked on 2.19.4 and 3.4.0: test/integration/fls-meta-fields.test.ts; 1.x from the plugin's source). 1.x/2.x
 * (DlsFlsFilterLeafReader) add the metadata names to the patterns as inclusions, so only an exclusion can hide one:
 * it hides the Lucene fields it matches, `_source` (no `_source` in hits, GET or mget) and `_id` (no `_id` in search
 * hits, and queries on `_id` match nothing; GET and mget still show the requested id); `_index`, `_version`,
 * `_seq_no` and `_primary_term` are not read from stored fields and stay. Exclusions are compared with the names
 * exactly when no pattern holds `.` or `*` (`~_i?` and `~/_id/` then hide nothing), else as WildcardMatcher
 * patterns (`~*id`, `~_*`, `~/_i.+/`). 2.x's stored-field reader (Lucene 9) also drops every string field, so
 * `_routing` and `_ignored` are missing under any FLS. 3.x (FlsStoredFieldVisitor, since 3.0.0) keeps them all.
 */
export function pluginHiddenMetaFields(patterns: readonly string[], major: number): FlsMetaField[] {
  if (major >= 3 || patterns.length === 0) return [];
  const excludes: FieldMatcher[] = [];
  const exact = new Set<string>();
  const optimisable = v2FlsExactNames(patterns);
  for (const p of patterns) {
    const e = toFlsEntry(p);
    const exclude = opt(e, 'exclude');
    if (exclude === undefined) continue;
    if (optimisable) exact.add(exclude);
    else excludes.push(compileFieldPattern(exclude));
  }
  const hidden = (name: FlsMetaField): boolean => (major >= 2 && (name === '_routing' || name === '_ignored')) || exact.has(name) || excludes.some((m) => m(name));
  return (['_id', '_source', '_routing', '_ignored'] as const).filter(hidden);
}

/** Metadata fields masked_fields reach (see pluginMaskedMetaFields). */
export type MaskedMetaField = '_id' | '_routing' | '_ignored';

/**
 * What masked_fields do to metadata fields on the plugin of major version `major` (`matches`: some entry matches
 * the name), checked on 2.19.4 and 3.4.0 (test/integration/masking-meta-fields.test.ts). Both mask `_id` under an
 * entry matching it (`*d`, `_i?`, `*`): stored as bytes, the search hit shows the mask as an id (maskedHitId);
 * `_source` and `_index` are never masked. 2.x also masks `_id`'s terms (ids queries match nothing; GET/mget and
 * `_id` sort values read caches all users share, so they fail or show the clear id), and, as under FLS, its
 * stored-field reader drops `_routing` and `_ignored` (string stored fields its visitors do not pass on) from hits,
 * GET and mget under any masked_fields. 3.x masks only the hit's `_id` (GET, ids queries and sort values see the
 * clear id) and masks `_routing` and each value of `_ignored` (the field names) in hits, GET and mget under an entry
 * matching them (`*`, `_r*`, `*g`, `/_.+/`, `_routing::SHA-256`, regex chains), as any string value (applyEffectiveMask)
 * (checked on 2.19.4 and 3.4.0: test/integration/masked-routing-ignored.test.ts). Neither field reaches `fields`,
 * `docvalue_fields`, sort values or aggregations (no fielddata: those requests fail on both, masked or not).
 */
export function pluginMaskedMetaFields(matches: (name: string) => boolean, major: number): { masked: MaskedMetaField[]; hidden: FlsMetaField[] } {
  const names: MaskedMetaField[] = major >= 3 ? ['_id', '_routing', '_ignored'] : ['_id'];
  return { masked: names.filter((n) => matches(n)), hidden: major === 2 ? ['_routing', '_ignored'] : [] };
}

/** OpenSearch's Lucene bytes of a document id (Uid.encodeId): packed digits, URL-safe base64 decoded, or UTF-8. */
export function uidBytes(id: string): Uint8Array {
  if (/^[0-9]+$/.test(id)) {
    const out = new Uint8Array(1 + Math.floor((id.length + 1) / 2));
    out[0] = 0xfe;
    for (let i = 0; i < id.length; i += 2) out[1 + i / 2] = ((id.charCodeAt(i) - 48) << 4) | (i + 1 === id.length ? 0x0f : id.charCodeAt(i + 1) - 48);
    return out;
  }
  // base64 without padding whose unused low bits are zero, so that the id decodes back to itself
  const tail = id.length % 4;
  const last = id[id.length - 1] ?? '';
  if (/^[A-Za-z0-9_-]+$/.test(id) && tail !== 1 && (tail !== 2 || 'AQgw'.includes(last)) && (tail !== 3 || 'AEIMQUYcgkosw048'.includes(last))) {
    const b = new Uint8Array(Buffer.from(id, 'base64url'));
    return (b[0] as number) >= 0xfd ? Uint8Array.of(0xfd, ...b) : b;
  }
  return Uint8Array.of(0xff, ...Buffer.from(id, 'utf8'));
}

/**
 * The `_id` a search hit shows for document `id` when masked_fields mask `_id` with `eff`. Both generations mask its
 * Lucene bytes: a digest as hex text; a regex chain on the bytes read as Java UTF-8 text (bad bytes as U+FFFD),
 * written back as UTF-8. OpenSearch reads the result as base64-encoded id bytes (URL-safe, no padding); an empty
 * result fails the search (`Ids can't be empty`, seen on 2.19.4), thrown here as MaskingExpressionError.
 */
export function maskedIdOf(id: string, eff: EffectiveMask, salt?: string | Uint8Array, expression = ''): string {
  const bytes = uidBytes(id);
  if (eff.kind !== 'regex') return Buffer.from(maskBytesHex(bytes, eff, salt, expression), 'latin1').toString('base64url');
  const masked = javaUtf8Bytes(applyEffectiveMask(javaUtf8Decode(bytes), eff, salt, expression));
  if (masked.length === 0) throw new MaskingExpressionError("Ids can't be empty", expression);
  return Buffer.from(masked).toString('base64url');
}

/**
 * The `_id` search hits show for document `id` when the masked_fields entry `options.expression` (default `*`, a
 * digest or a `/regex/::replacement` chain) matches `_id` (checked on 2.19.4 and 3.4.0); the other options and the
 * errors as for `maskValue` (a regex that empties the id throws MaskingExpressionError: the plugin's search fails).
 */
export function maskedHitId(id: string, opts: MaskValueOptions = {}): string {
  try {
    if (typeof id !== 'string' || id === '') throw new ArgumentTypeError('maskedHitId: id must be a document id (a non-empty string)');
    if (!isOptionsObject(opts as unknown)) throw new ArgumentTypeError('maskedHitId: options must be an object');
    // the options' own fields (what a polluted Object.prototype holds is none of them)
    const expression = opt(opts, 'expression') ?? '*';
    const salt = opt(opts, 'salt');
    const defaultAlgorithm = opt(opts, 'defaultAlgorithm');
    const pluginVersion = opt(opts, 'pluginVersion');
    if (salt !== undefined && typeof salt !== 'string' && !(salt instanceof Uint8Array)) throw new ArgumentTypeError('maskedHitId: options.salt must be a string or bytes');
    checkMaskingOptions('maskedHitId', { defaultAlgorithm, pluginVersion });
    const masking = { ...(defaultAlgorithm !== undefined ? { defaultAlgorithm } : {}), ...(pluginVersion !== undefined ? { pluginVersion } : {}) };
    return maskedIdOf(id, effectiveMask(parseMaskedField(expression, masking), masking), salt, expression);
  } catch (error) {
    throw inputFailure('maskedHitId', error);
  }
}

/** `doc` as the plugin generation `dialect` returns it under the merged FLS patterns (every role's, see mergedFlsPatterns). */
export function pluginSourceView<T>(doc: T, patterns: readonly string[], dialect: PluginDialect): T {
  if (patterns.length === 0 || !isObject(doc)) return doc;
  return (dialect === 'v3' ? viewV3(doc, patterns) : viewV2(doc, patterns)) as T;
}

// ---- 3.x: FlsRule + FlsDocumentFilter ----

function viewV3(doc: Record<string, unknown>, patterns: readonly string[]): Record<string, unknown> {
  const includes: string[] = [];
  const excludes: FieldMatcher[] = [];
  for (const p of patterns) {
    const e = toFlsEntry(p);
    if (e.exclude !== undefined) excludes.push(compileFieldPattern(e.exclude));
    else includes.push(e.include);
  }
  const excluding = excludes.length > 0;
  if (!excluding && includes.includes('*')) return doc;
  const included = includes.map((s) => compileFieldPattern(s));
  // Parents of a dotted inclusion: objects (and arrays) kept so the member can show.
  const isParent = excluding ? () => false : inclusionParents(includes, false);
  const allowed = (full: string): boolean => {
    const f = normalizeFieldName(full);
    return excluding ? !excludes.some((m) => m(f)) : included.some((m) => m(f));
  };
  const keep = (full: string, container: boolean): boolean => allowed(full) || (container && !excluding && isParent(full));
  const visitObject = (obj: Record<string, unknown>, parent: string | undefined, depth: number): Record<string, unknown> => {
    checkDepth(depth);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const full = parent === undefined ? k : `${parent}.${k}`;
      const container = typeof v === 'object' && v !== null;
      if (!keep(full, container)) continue;
      setOwn(out, k, container ? visitValue(v, full, depth + 1) : v);
    }
    return out;
  };
  // Inside an array, objects are judged with the array's name as their parent; plain values are kept.
  const visitValue = (v: unknown, name: string, depth: number): unknown => {
    checkDepth(depth);
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x !== null ? visitValue(x, name, depth + 1) : x));
    return visitObject(v as Record<string, unknown>, name, depth);
  };
  return visitObject(doc, undefined, 0);
}

// ---- 2.x: DlsFlsFilterLeafReader + XContentMapValues.filter ----

/** A state of the include or exclude automaton: the path read so far, every path (match-all), or none (dead). */
type State = { path: string } | 'all' | 'dead';

/** Simple-match (only `*` is special) of `pattern` against all of `s`, or `s` as a prefix of a match. */
const simpleWalk = (pattern: string, s: string): 'match' | 'prefix' | 'fail' => globWalk(pattern, s, false);
const simpleMatch = (pattern: string, s: string): boolean => simpleWalk(pattern, s) === 'match';

/**
 * Simple-match patterns as OpenSearch's source filtering compiles them: each pattern also matches
 * `<pattern>.<anything>` (an object matches its members).
 */
class Patterns {
  private readonly prefixes: readonly DotPrefixMatcher[];

  constructor(readonly list: readonly string[]) {
    this.prefixes = list.map((p) => globDotPrefix(p, false));
  }

  /** Some prefix of `path` ending at a dot at `from` or later matches a pattern (one pass per pattern). */
  acceptsBefore(path: string, from: number): boolean {
    return this.prefixes.some((m) => m(path, from));
  }

  /** Some path starting with `path` matches a pattern. */
  alive(path: string): boolean {
    return this.list.some((p) => simpleWalk(p, path) !== 'fail');
  }

  accepts(path: string): boolean {
    return this.list.some((p) => simpleMatch(p, path));
  }
}

/** Reads `text` (a key, or the `.` between an object and its members) after the path of `s`. */
function step(a: Patterns, s: State, text: string): State {
  if (s === 'all' || s === 'dead') return s;
  const path = s.path + text;
  // A dot after a matched path (inside a key too: `{"a.b": 1}` reads as a.b) accepts everything below it.
  if (text.includes('.') && a.acceptsBefore(path, s.path.length)) return 'all';
  return a.alive(path) ? { path } : 'dead';
}

const accepts = (a: Patterns, s: State): boolean => s === 'all' || (s !== 'dead' && a.accepts(s.path));

function viewV2(doc: Record<string, unknown>, patterns: readonly string[]): Record<string, unknown> {
  const includes: string[] = [];
  const excludes: string[] = [];
  // an entry that does not compile is an exact name under the shortcut; past it (or an empty entry) every search fails
  const uncompiled = uncompiledFlsVerdict(patterns, '2');
  if (uncompiled !== undefined && uncompiled.effect !== 'exact-names') throw new MaskingExpressionError(uncompiled.message, uncompiled.entry);
  for (const p of patterns) {
    const { excluded, pattern } = splitFlsEntry(p);
    if (excluded) excludes.push(pattern, `${pattern}.keyword`);
    else includes.push(p);
  }
  // The plugin adds the metadata field names as includes: they hold no `.` or `*`, and a document's
  // source cannot have them at its top level, so they change nothing here.
  const exactNames = v2FlsExactNames(patterns);
  if (exactNames) {
    const out: Record<string, unknown> = {};
    const keys = new Set(excludes.length > 0 ? excludes : includes);
    for (const [k, v] of Object.entries(doc)) if (keys.has(k) === (excludes.length === 0)) setOwn(out, k, v);
    return out;
  }
  const inc = new Patterns(includes);
  const exc = new Patterns(excludes);
  const start: State = excludes.length > 0 ? 'all' : { path: '' };
  return filterMap(doc, inc, start, exc, excludes.length > 0 ? { path: '' } : 'dead', 0);
}

function filterMap(map: Record<string, unknown>, inc: Patterns, incStart: State, exc: Patterns, excStart: State, depth: number): Record<string, unknown> {
  checkDepth(depth);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(map)) {
    const incState = step(inc, incStart, key);
    if (incState === 'dead') continue;
    const excState = step(exc, excStart, key);
    if (excState !== 'dead' && accepts(exc, excState)) continue;
    let subInc = incState;
    const included = accepts(inc, incState);
    if (included) {
      if (excState === 'dead' || step(exc, excState, '.') === 'dead') {
        setOwn(out, key, value);
        continue;
      }
      // the object matched: every member is included, only the exclusions still apply
      subInc = 'all';
    }
    if (isObject(value)) {
      const memberInc = step(inc, subInc, '.');
      if (memberInc === 'dead') continue;
      const filtered = filterMap(value, inc, memberInc, exc, step(exc, excState, '.'), depth + 1);
      if (included || Object.keys(filtered).length > 0) setOwn(out, key, filtered);
    } else if (Array.isArray(value)) {
      const filtered = filterList(value, inc, subInc, exc, excState, depth + 1);
      if (included || filtered.length > 0) setOwn(out, key, filtered);
    } else if (included) {
      setOwn(out, key, value);
    }
  }
  return out;
}

function filterList(list: readonly unknown[], inc: Patterns, incState: State, exc: Patterns, excState: State, depth: number): unknown[] {
  checkDepth(depth);
  const out: unknown[] = [];
  const included = accepts(inc, incState);
  for (const value of list) {
    if (isObject(value)) {
      const filtered = filterMap(value, inc, step(inc, incState, '.'), exc, step(exc, excState, '.'), depth + 1);
      if (Object.keys(filtered).length > 0) out.push(filtered);
    } else if (Array.isArray(value)) {
      const filtered = filterList(value, inc, incState, exc, excState, depth + 1);
      if (filtered.length > 0) out.push(filtered);
    } else if (included) {
      out.push(value);
    }
  }
  return out;
}

/**
 * The field paths a `_source` shows: fieldPaths' objects and leaves, and keys whose array holds no value
 * (`[]`, `[[]]`), which fieldPaths (arrays are transparent) does not list.
 */
export function shownPaths(doc: unknown, fieldPathsOf: (d: unknown) => ReadonlyArray<{ path: string }>): Set<string> {
  const out = new Set(fieldPathsOf(doc).map((f) => f.path));
  const empty = (a: readonly unknown[], depth: number): boolean => {
    checkDepth(depth);
    return a.every((e) => Array.isArray(e) && empty(e, depth + 1));
  };
  // `path` undefined: the document itself (a member `k` of a key `''` is `.k`, as fieldPaths names it)
  const visit = (v: unknown, path: string | undefined, depth: number): void => {
    checkDepth(depth);
    if (Array.isArray(v)) {
      if (path !== undefined && empty(v, depth + 1)) out.add(path);
      else for (const x of v) if (typeof x === 'object' && x !== null) visit(x, path, depth + 1);
      return;
    }
    if (isObject(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'object' && x !== null) visit(x, path === undefined ? k : `${path}.${k}`, depth + 1);
  };
  visit(doc, undefined, 0);
  return out;
}
