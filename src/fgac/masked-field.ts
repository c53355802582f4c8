/**
 * THE masked-field expression parser (`masked_fields` of a role's index permission), with the
 * security plugin's own rules and messages in both generations:
 * - `v2`: OpenSearch 1.x/2.x `MaskedField`, whose REST validation masks the probe bytes 1..5, so regex
 *   syntax errors are reported in order and replacement errors only when a regex matches the probe;
 * - `v3`: OpenSearch 3.x `FieldMaskingExpression`, which validates while parsing and never looks at
 *   replacement strings.
 * Role validation (`security/`) and response verification (`verify/`) both read its verdict.
 */
import { BoundedCache } from './bounded-cache.js';
import { checkJavaRegex, checkJavaReplacement } from './java-regex/check.js';
import { javaReplaceAll } from './java-regex/replace.js';
import { MaskingExpressionError, UnsupportedJavaRegexError } from './errors.js';
import { findDigest } from './digest-catalogue.js';
import { pluginMajorVersion, pluginVersionOrUnknown, type PluginDialect } from './plugin-version.js';
import { compileFieldPattern, isExactPattern, isRegexPattern } from './field-patterns.js';
import { ArgumentTypeError, ArgumentRangeError } from './argument-error.js';
import { opt } from '../errors/own.js';
import { isJavaBlank } from './java-blank.js';

export type { PluginDialect } from './plugin-version.js';

/** One `/regex/::replacement` pair; `regex` is stored without the slashes. */
export interface MaskRegexReplacement {
  regex: string;
  replacement: string;
}

/** A parsed masked-field expression. */
export type MaskedFieldExpression =
  /** `field`: the default mask (BLAKE2b, salted by the domain's salt). */
  | { kind: 'default'; field: string }
  /** `field::ALGO`: lowercase hex of a Java MessageDigest. */
  | { kind: 'hash'; field: string; algorithm: string }
  /** `field::/re/::rep(::/re/::rep)*`: Java `replaceAll` applied in order. */
  | { kind: 'regex'; field: string; replacements: MaskRegexReplacement[] };

/** What went wrong with an expression. */
export type MaskedFieldErrorCode = 'token-count' | 'unknown-algorithm' | 'regex-token' | 'regex-syntax' | 'replacement' | 'field-pattern';

/** A rejected expression; `exact` is true when `message` is the text the plugin itself returns. */
export interface MaskedFieldError {
  code: MaskedFieldErrorCode;
  message: string;
  exact: boolean;
  /** The plugin's own text, when `message` is not exactly it (regex syntax errors). */
  serverMessage?: string;
}

/** Everything the plugin decides about one masked-field expression. */
export interface MaskedFieldAnalysis {
  source: string;
  /** The parsed expression (also when the entry fails later). */
  expression?: MaskedFieldExpression;
  /** The plugin rejects the role (2.x: the roles API answers `Wrong datatype`; 3.x: the configuration is invalid). */
  rejected?: MaskedFieldError;
  /** Accepted by the plugin, but masking (or field matching) fails once a value reaches it. */
  failsOnUse?: MaskedFieldError;
  /** Accepted by the plugin, but this library cannot reproduce the masks it makes. */
  unsupported?: string;
  /** Things worth knowing that are not errors. */
  warnings: string[];
}

/** Options of {@link analyzeMaskedField}. */
export interface MaskedFieldAnalysisOptions {
  /** Rules and messages of which plugin generation (default `v2`, the OpenSearch 2.x line). */
  dialect?: PluginDialect;
  /** Digest names your domain's JCA providers offer beyond the built-in catalogue. */
  extraAlgorithms?: readonly string[];
}

const V3_FORM_MESSAGE =
  "A field masking expression must have the form 'field_name', 'field_name::algorithm', 'field_name::regex::replacement' or 'field_name::(regex::replacement)+'";
const V2_PROBE = '\u0001\u0002\u0003\u0004\u0005';

/** The key under which the plugin reports a rejected expression in its `Wrong datatype` response. */
export function maskedFieldErrorKey(source: string): string {
  return `Masked field not valid: ${source}`;
}

/**
 * Java's `String.substring` bounds message, as the plugin leaks it for too-short regex tokens: 2.x runs on
 * JDK 17 (`begin 0, end -1, length 0`); 3.x needs JDK 21+, whose `Preconditions` wording is
 * `Range [0, -1) out of bounds for length 0` (checked on the Temurin JDK the referee runs).
 */
function substringBoundsMessage(tokenLength: number, dialect: PluginDialect): string {
  if (dialect === 'v3') return tokenLength === 0 ? 'Range [1, 0) out of bounds for length 0' : 'Range [0, -1) out of bounds for length 0';
  return tokenLength === 0 ? 'begin 1, end 0, length 0' : 'begin 0, end -1, length 0';
}

/**
 * Checks a `/regex/` field pattern. 2.x accepts it on PUT and fails when it evaluates the role; 3.x compiles
 * it first thing in `FieldMaskingExpression` (`WildcardMatcher.from`), so the roles API rejects the entry with
 * the JDK's message (a lone `/` fails a precondition: an IllegalArgumentException without a message).
 */
function fieldPatternProblem(field: string, dialect: PluginDialect, a: MaskedFieldAnalysis): void {
  if (!isRegexPattern(field)) return;
  const fail = (error: MaskedFieldError): void => {
    if (dialect === 'v3') a.rejected = error;
    else a.failsOnUse = error;
  };
  if (field.length < 2) {
    fail({ code: 'field-pattern', message: 'A field regex needs at least one character between the slashes', exact: false });
    return;
  }
  const check = checkJavaRegex(field.slice(1, -1));
  if (!check.ok) fail({ code: 'field-pattern', message: `Invalid regular expression ${field}: ${check.message}`, exact: false, serverMessage: check.message });
  else if (!check.reproducible) a.unsupported ??= check.unsupported;
  if (check.ok && !check.verified) a.warnings.push(`${field}: the client cannot tell whether the JDK accepts it`);
}

function analyzeDigest(field: string, algorithm: string, dialect: PluginDialect, extra: readonly string[], a: MaskedFieldAnalysis): void {
  // Each generation's JVM has its own providers (2.x Bouncy Castle, 3.x Bouncy Castle FIPS): the catalogue says which names each accepts.
  const info = findDigest(algorithm, dialect);
  const isExtra = extra.some((x) => x.toUpperCase() === algorithm.toUpperCase());
  if (info === undefined && !isExtra) {
    const message = dialect === 'v2' ? `java.security.NoSuchAlgorithmException: ${algorithm} MessageDigest not available` : `Invalid algorithm ${algorithm}`;
    a.rejected = { code: 'unknown-algorithm', message, exact: true };
    return;
  }
  a.expression = { kind: 'hash', field, algorithm };
  // Haraka throws on any input but 32/64 bytes, so 2.x's 5-byte probe rejects it (3.x's providers lack Haraka).
  if (info?.fixedInput !== undefined) {
    const message = `input must be exactly ${info.fixedInput} bytes`;
    if (dialect === 'v2') {
      a.rejected = { code: 'unknown-algorithm', message, exact: true };
      return;
    }
    a.warnings.push(`${algorithm} masks only values of exactly ${info.fixedInput} bytes; searches fail on any other value (${message})`);
  }
  if (info?.computable !== true) a.unsupported ??= `digest ${algorithm} is not available in this runtime`;
}

/** Notes on a regex the plugin accepts: Java-only syntax, and what the verifier cannot reproduce. */
function regexNotes(regex: string, check: Extract<ReturnType<typeof checkJavaRegex>, { ok: true }>, a: MaskedFieldAnalysis): void {
  if (!check.reproducible) {
    a.unsupported ??= check.unsupported;
    a.warnings.push(`/${regex}/ uses Java-only regex syntax the client cannot reproduce (${check.unsupported ?? ''}); verifyHits reports such masks as unverifiable`);
  } else if (check.javaOnly.length > 0) {
    a.warnings.push(`/${regex}/ uses Java-only regex syntax (${check.javaOnly.join(', ')}); JavaScript's RegExp reads it differently`);
  }
  if (!check.verified) a.warnings.push(`/${regex}/: the client cannot tell whether the JDK accepts it`);
}

function analyzeRegexChain(field: string, tokens: readonly string[], dialect: PluginDialect, a: MaskedFieldAnalysis): void {
  const replacements: MaskRegexReplacement[] = [];
  // Token shape: 3.x checks each pair as it goes; 2.x cuts every token first (substring errors come first).
  for (let i = 1; i < tokens.length - 1; i += 2) {
    const token = tokens[i] as string;
    const wrapped = isRegexPattern(token);
    if (dialect === 'v3' && !wrapped) {
      a.rejected = { code: 'regex-token', message: 'A regular expression needs to be wrapped in /.../', exact: true };
      return;
    }
    if (token.length < 2) {
      a.rejected = { code: 'regex-token', message: substringBoundsMessage(token.length, dialect), exact: true };
      return;
    }
    if (dialect === 'v3') {
      const check = checkJavaRegex(token.slice(1, -1));
      if (!check.ok) {
        a.rejected = regexSyntax(token.slice(1, -1), check.message);
        return;
      }
    }
    if (!wrapped) a.warnings.push(`'${token}' is not wrapped in /.../: OpenSearch 2.x strips its first and last character, OpenSearch 3.x rejects it`);
    replacements.push({ regex: token.slice(1, -1), replacement: tokens[i + 1] as string });
  }
  a.expression = { kind: 'regex', field, replacements };
  // Regexes in order; 2.x compiles each while masking the probe, so a replacement error on a match stops it there.
  let probe: string | undefined = dialect === 'v2' ? V2_PROBE : undefined;
  for (const { regex, replacement } of replacements) {
    const check = checkJavaRegex(regex);
    if (!check.ok) {
      a.rejected = regexSyntax(regex, check.message);
      return;
    }
    regexNotes(regex, check, a);
    // a pattern too long or too deep to parse has unknown groups: its `$1` cannot be judged
    const replacementError = check.groupsKnown === false ? null : checkJavaReplacement(replacement, check.groups);
    if (probe !== undefined) {
      try {
        probe = javaReplaceAll(probe, regex, replacement);
      } catch (e) {
        if (e instanceof UnsupportedJavaRegexError) probe = undefined;
        else if (e instanceof MaskingExpressionError) {
          a.rejected = { code: 'replacement', message: e.message, exact: true };
          return;
        } else throw e;
      }
    }
    if (replacementError !== null) a.failsOnUse ??= { code: 'replacement', message: replacementError, exact: true };
  }
}

function regexSyntax(regex: string, jdkMessage: string): MaskedFieldError {
  return { code: 'regex-syntax', message: `Invalid regular expression /${regex}/: ${jdkMessage}`, exact: false, serverMessage: jdkMessage };
}

/** The part after the field: nothing, a digest name, or `/regex/::replacement` pairs. */
function analyzeTokens(tokens: readonly string[], dialect: PluginDialect, extra: readonly string[], a: MaskedFieldAnalysis): void {
  const field = tokens[0] ?? '';
  if (tokens.length === 1) a.expression = { kind: 'default', field };
  else if (tokens.length === 2) analyzeDigest(field, tokens[1] ?? '', dialect, extra, a);
  else if (tokens.length % 2 === 0) {
    const message = dialect === 'v2' ? `Expected 1 or 2 or >=3 (but then odd count) tokens, got ${tokens.length}` : V3_FORM_MESSAGE;
    a.rejected = { code: 'token-count', message, exact: true };
  } else analyzeRegexChain(field, tokens, dialect, a);
}

/** Analyses by dialect, extra algorithms and text. */
const cache = new BoundedCache<MaskedFieldAnalysis>({ entries: 1000, chars: 262_144, maxEntryChars: 4096 });

/** @internal What the analysis cache holds (tests check the bounds). */
export function analysisCacheSize(): { entries: number; chars: number } {
  return cache.size();
}

/**
 * Parses one masked-field expression (`field`, `field::ALGO`, `field::/re/::rep(::/re/::rep)*`) and says
 * what the plugin does with it: rejects it, accepts it but fails when masking, or accepts it (and whether
 * this library can reproduce its masks). Results are cached; treat them as read-only.
 */
export function analyzeMaskedField(source: string, options: MaskedFieldAnalysisOptions = {}): MaskedFieldAnalysis {
  const dialect = opt(options, 'dialect') ?? 'v2';
  const extra = opt(options, 'extraAlgorithms') ?? [];
  const key = `${dialect}\u0000${extra.join('\u0000')}\u0000${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const tokens = source.split('::');
  const field = tokens[0] ?? '';
  const a: MaskedFieldAnalysis = { source, warnings: [] };
  // 3.x compiles the field pattern before it looks at the rest; 2.x only when it evaluates the role.
  if (dialect === 'v3') fieldPatternProblem(field, dialect, a);
  if (a.rejected === undefined) analyzeTokens(tokens, dialect, extra, a);
  if (dialect === 'v2' && a.rejected === undefined) fieldPatternProblem(field, dialect, a);
  cache.set(key, a);
  return a;
}

/** Formats a parsed expression back into the string the API stores. Throws when a part contains `::`. */
export function formatMaskedFieldExpression(expression: MaskedFieldExpression): string {
  if (expression === null || typeof expression !== 'object' || typeof expression.field !== 'string' || typeof expression.kind !== 'string') {
    throw new ArgumentTypeError('formatMaskedFieldExpression: expression must be a parsed masked field ({ field, kind, ... })');
  }
  const parts: string[] = [expression.field];
  if (expression.kind === 'hash') parts.push(expression.algorithm);
  if (expression.kind === 'regex') {
    if (expression.replacements.length === 0) throw new ArgumentRangeError('a regex masked field needs at least one /regex/::replacement pair');
    for (const r of expression.replacements) parts.push(`/${r.regex}/`, r.replacement);
  }
  for (const part of parts) {
    if (part.includes('::')) throw new ArgumentRangeError(`masked field part ${JSON.stringify(part)} contains '::', which the plugin uses as separator`);
  }
  return parts.join('::');
}

/** Field names that two different masked_fields entries name (see {@link maskedFieldNameClashes}). */
export interface MaskedFieldNameClash {
  field: string;
  /** The different entries naming it, in order. */
  entries: string[];
}

/**
 * The masked_fields entries that apply to an index (every role covering it: the plugin unions them as
 * strings) that clash. 2.x keys its masks by field name, so two different entries naming one field
 * (`s` and `s::SHA-256`) make every search on the index fail ("Multiple entries with same key"),
 * checked on a 2.19.4 node; identical entries count once, blank field patterns are one field. 3.x takes the
 * first entry: no clash.
 */
export function maskedFieldNameClashes(sources: readonly string[], dialect: PluginDialect = 'v2'): MaskedFieldNameClash[] {
  if (dialect === 'v3') return [];
  const byField = new Map<string, MaskedFieldNameClash>();
  for (const source of new Set(sources)) {
    const field = source.split('::')[0] ?? '';
    // every blank pattern is WildcardMatcher's one NONE matcher, so ' ' and '' are one key (seen on 2.19.4)
    const key = isJavaBlank(field) ? '' : field;
    const clash = byField.get(key);
    if (clash === undefined) byField.set(key, { field, entries: [source] });
    else clash.entries.push(source);
  }
  return [...byField.values()].filter((c) => c.entries.length > 1);
}

/** The sentence that says what a clash does on 2.x (role validation, the verifier and maskDocument use it). */
export function maskedFieldClashMessage(clash: MaskedFieldNameClash): string {
  return `on 2.x the masked_fields entries ${clash.entries.map((e) => `'${e}'`).join(', ')} name the same field '${clash.field}': every search on the index fails (Multiple entries with same key); keep one entry per field, across the user's roles too`;
}

/** What a masked_fields name clash means on a node: 2.x fails every search (`fails`); without a version it is `undecided`. */
export interface MaskedFieldClashVerdict {
  kind: 'fails' | 'undecided';
  message: string;
  /** The second entry naming the field (the one to remove). */
  entry: string;
}

/**
 * The one reading of a name clash for `pluginVersion` (maskDocument and verifyHits both ask it): 2.x fails every search
 * on the index, 3.x masks with the first entry (undefined); an unknown version (pluginVersionOrUnknown) leaves it
 * undecided: whether the document is served at all, and masked how, cannot be predicted.
 */
export function maskedFieldClashVerdict(sources: readonly string[], pluginVersion: string | undefined): MaskedFieldClashVerdict | undefined {
  const major = pluginMajorVersion(pluginVersionOrUnknown(pluginVersion));
  if (major !== undefined && major >= 3) return undefined;
  const clashes = maskedFieldNameClashes(sources, 'v2');
  if (clashes.length === 0) return undefined;
  const clash = clashes[0] as MaskedFieldNameClash;
  const entry = clash.entries[1] as string;
  if (major !== undefined) return { kind: 'fails', message: maskedFieldClashMessage(clash), entry };
  const names = clash.entries.map((e) => `'${e}'`).join(', ');
  return {
    kind: 'undecided',
    entry,
    message: `masked_fields entries ${names} name the same field '${clash.field}': 2.x fails every search on the index (Multiple entries with same key), 3.x masks with the first; without the plugin version its masked value cannot be predicted (pass pluginVersion)`,
  };
}

/** Two masked_fields entries with different field patterns that can match one field (see {@link maskedFieldPatternOverlaps}). */
export interface MaskedFieldPatternOverlap {
  /** The two entries, in order. */
  entries: [string, string];
  /** A field name both patterns match (a literal one of them names, or one built from two globs). */
  example: string;
}

// a lone `/` is a regex the plugin cannot compile (reported as an error already): neither a glob nor a literal here
const isGlob = (p: string): boolean => !isRegexPattern(p) && !isExactPattern(p);

/** A name two `*`/`?` globs both match, or undefined when none exists (WildcardMatcher semantics). */
function globIntersection(a: string, b: string): string | undefined {
  const memo = new Map<number, string | null>();
  const walk = (i: number, j: number): string | null => {
    const key = i * (b.length + 1) + j;
    const seen = memo.get(key);
    if (seen !== undefined) return seen;
    memo.set(key, null); // no cycles: every step advances i or j
    let out: string | null = null;
    const ca = a[i];
    const cb = b[j];
    if (ca === undefined && cb === undefined) out = '';
    else if (ca === '*') out = walk(i + 1, j) ?? (cb !== undefined ? prefix(cb === '*' ? '' : cb === '?' ? 'x' : cb, walk(i, j + 1)) : null);
    else if (cb === '*') out = walk(i, j + 1) ?? (ca !== undefined ? prefix(ca === '?' ? 'x' : ca, walk(i + 1, j)) : null);
    else if (ca !== undefined && cb !== undefined && (ca === '?' || cb === '?' || ca === cb)) out = prefix(ca === '?' ? (cb === '?' ? 'x' : cb) : ca, walk(i + 1, j + 1));
    memo.set(key, out);
    return out;
  };
  const prefix = (c: string, rest: string | null): string | null => (rest === null ? null : c + rest);
  return walk(0, 0) ?? undefined;
}

/**
 * Pairs of masked_fields entries (of every role on an index) whose different field patterns can match one
 * field: a literal name another entry's glob or `/regex/` matches, or two globs with a common name. Which one
 * masks that field is the plugin's choice (2.x: Java HashSet order of the entry strings, see javaMaskedFieldSetPicker; 3.x: the first
 * within a role, across roles an order that is not stable). Two regexes, or a regex and a glob, are not
 * compared (that needs the index's field names).
 */
export function maskedFieldPatternOverlaps(sources: readonly string[]): MaskedFieldPatternOverlap[] {
  const entries = [...new Set(sources)].map((source) => ({ source, field: source.split('::')[0] ?? '' })).filter((e) => e.field.trim() !== '');
  const out: MaskedFieldPatternOverlap[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i] as { source: string; field: string };
      const b = entries[j] as { source: string; field: string };
      if (a.field === b.field) continue; // the same field text: maskedFieldNameClashes
      let example: string | undefined;
      const literalA = isExactPattern(a.field);
      const literalB = isExactPattern(b.field);
      try {
        if (literalA && !literalB && compileFieldPattern(b.field)(a.field)) example = a.field;
        else if (literalB && !literalA && compileFieldPattern(a.field)(b.field)) example = b.field;
        else if (isGlob(a.field) && isGlob(b.field)) example = globIntersection(a.field, b.field);
      } catch {
        continue; // a pattern the plugin cannot compile is reported as an error already
      }
      if (example !== undefined) out.push({ entries: [a.source, b.source], example });
    }
  }
  return out;
}

/** The warning for an overlap (role validation uses it). */
export function maskedFieldOverlapMessage(overlap: MaskedFieldPatternOverlap): string {
  const [a, b] = overlap.entries;
  return `the masked_fields entries '${a}' and '${b}' both match field '${overlap.example}': which one masks it is the plugin's choice (2.x: Java HashSet order of the entries, the order written only within one bucket; 3.x: the first within a role, across roles not fixed); keep one entry per field`;
}

/** True when a masked_fields pattern matches `_id` (`*`, `_*`, a regex matching anything): the plugin then masks the hit ids (seen on 2.19 and 3.4). */
export function masksId(pattern: string): boolean {
  try {
    return compileFieldPattern(pattern)('_id');
  } catch {
    return false; // a pattern the plugin cannot compile is reported as an error already
  }
}
