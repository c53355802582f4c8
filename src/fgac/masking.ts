/**
 * Field masks exactly as the OpenSearch security plugin computes them (`masked_fields`): default
 * BLAKE2b-256 masks in both flavours, `field::ALGO` digests and `field::/regex/::replacement` chains
 * with Java `replaceAll` semantics. Entries are parsed by THE masked-field parser (`masked-field.ts`),
 * the one role validation uses too.
 */
import { BoundedCache } from './bounded-cache.js';
import { isOptionsObject } from '../client/options-check.js';
import { blake2bBytes, blake2bHexEquals, blake2bHexOfString, blake2bState } from './blake2b.js';
import { digestLength, findDigest } from './digest-catalogue.js';
import { hashOf } from './digests.js';
import { MaskingExpressionError, UnsupportedMaskingError } from './errors.js';
import { javaReplaceAll, javaUtf8RoundTrip } from './java-regex/replace.js';
import { analyzeMaskedField, type MaskRegexReplacement } from './masked-field.js';
import { dialectOfMajor, pluginMajorVersion, type PluginDialect } from './plugin-version.js';
import { ArgumentTypeError, inputFailure } from './argument-error.js';
import { field, opt } from '../errors/own.js';

/** The plugin's default `plugins.security.compliance.salt`. */
export const DEFAULT_COMPLIANCE_SALT = 'e1ukloTsQlOgPquJ';

/**
 * Default-mask flavours, named like the values of `plugins.security.masked_fields.algorithm.default`:
 * `BLAKE2B` = 3.x (salt passed as BLAKE2b salt), `BLAKE2B_LEGACY_DEFAULT` = 1.x/2.x (salt passed as
 * BLAKE2b personalization; in 3.x the setting value that restores it).
 */
export type MaskingAlgorithm = 'BLAKE2B' | 'BLAKE2B_LEGACY_DEFAULT';

/** Cluster-side masking configuration. */
export interface MaskingOptions {
  /** `plugins.security.compliance.salt` (string: first 16 UTF-8 bytes used; bytes: first 16). Default `e1ukloTsQlOgPquJ`. */
  salt?: string | Uint8Array;
  /**
   * Default algorithm: `BLAKE2B_LEGACY_DEFAULT` (default for 1.x/2.x), `BLAKE2B` (default for 3.x; on 3.x
   * the legacy value is an explicit cluster setting), or a Java MessageDigest name the cluster setting
   * names (e.g. `SHA-256`) to hash plain `field` entries with.
   */
  defaultAlgorithm?: MaskingAlgorithm | string;
  /**
   * Security plugin / OpenSearch version (e.g. `2.19.4`, `3.1.0`); only the major matters.
   * Default: 3 when `defaultAlgorithm` is `BLAKE2B`, else 2. In 3.x `BLAKE2B_LEGACY_DEFAULT` also
   * overrides `field::ALGO` digests, regexes must be wrapped in `/.../`, and strings inside arrays
   * of objects are masked (2.x leaves them as they are).
   */
  pluginVersion?: string;
}

/** Options of `maskValue`. */
export interface MaskValueOptions extends MaskingOptions {
  /** The masked_fields entry; default: a plain field (default algorithm). */
  expression?: string;
}

/** One `/regex/::replacement` step (the regex without the surrounding slashes). */
export type RegexReplacement = MaskRegexReplacement;

/** A parsed masked_fields entry. */
export interface ParsedMaskedField {
  /** The entry as written. */
  source: string;
  /** Field pattern (exact, `*`/`?` wildcards or `/regex/`). */
  field: string;
  kind: 'default' | 'digest' | 'regex';
  /** Java MessageDigest name as written (kind `digest`). */
  algorithm?: string;
  /** Replacement chain (kind `regex`). */
  replacements?: RegexReplacement[];
  /** Set when the plugin accepts the entry but this library cannot reproduce its output. */
  unsupported?: string;
}

/** `String.getBytes(UTF_8)` as the JDK does it: lone surrogates become `?`. */
export function javaUtf8Bytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(javaUtf8RoundTrip(s), 'utf8'));
}

const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b];
  return s;
}

/** The 16 bytes of key material the plugin derives from the salt setting. */
export function saltBytes(salt: string | Uint8Array = DEFAULT_COMPLIANCE_SALT): Uint8Array {
  const bytes = typeof salt === 'string' ? new Uint8Array(Buffer.from(salt, 'utf8')) : salt;
  if (bytes.length < 16) {
    // The plugin's message quotes the salt; a salt is a secret, so this one does not.
    throw new MaskingExpressionError(`Provided compliance salt must at least contain 16 bytes (got ${bytes.length})`, '<salt>');
  }
  return bytes.slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Masking options of the wrong type are named at once (a number as defaultAlgorithm threw from inside). */
export function checkMaskingOptions(fn: string, opts: unknown): void {
  if (!isOptionsObject(opts)) throw new ArgumentTypeError(`${fn}: options must be an object`);
  const o = { defaultAlgorithm: field(opts, 'defaultAlgorithm'), pluginVersion: field(opts, 'pluginVersion') };
  if (o.defaultAlgorithm !== undefined && typeof o.defaultAlgorithm !== 'string') throw new ArgumentTypeError(`${fn}: options.defaultAlgorithm must be a string such as BLAKE2B_LEGACY_DEFAULT`);
  if (o.pluginVersion !== undefined && typeof o.pluginVersion !== 'string') throw new ArgumentTypeError(`${fn}: options.pluginVersion must be a string such as 2.19.0`);
}

/** The plugin major version implied by the options (see `MaskingOptions.pluginVersion`). */
export function pluginMajor(opts: Pick<MaskingOptions, 'pluginVersion' | 'defaultAlgorithm'> = {}): number {
  const major = pluginMajorVersion(opt(opts, 'pluginVersion'));
  if (major !== undefined) return major;
  return opt(opts, 'defaultAlgorithm')?.toUpperCase() === 'BLAKE2B' ? 3 : 2;
}

/**
 * Parsed entries by plugin major and text (bounded: of the entries over 4096 characters only the last is kept).
 */
const parseCache = new BoundedCache<ParsedMaskedField>({ entries: 1000, chars: 262_144, maxEntryChars: 4096 });

/** @internal What the module's caches hold (tests check the bounds). */
export function maskingCacheSizes(): { parsed: number; parsedChars: number; salts: number; saltChars: number } {
  const parsed = parseCache.size();
  return { parsed: parsed.entries, parsedChars: parsed.chars, salts: saltStates.size, saltChars };
}

/**
 * Parses a masked_fields entry and throws MaskingExpressionError (with the plugin's message) exactly
 * when the plugin rejects it (3.x FieldMaskingExpression rules and wording for 3.x options, 2.x
 * MaskedField otherwise). Entries the plugin accepts but this library cannot reproduce carry `unsupported`.
 */
export function parseMaskedField(expression: string, opts: Pick<MaskingOptions, 'pluginVersion' | 'defaultAlgorithm'> = {}): ParsedMaskedField {
  try {
    return parseMaskedFieldOf(expression, opts);
  } catch (error) {
    throw inputFailure('parseMaskedField', error);
  }
}

function parseMaskedFieldOf(expression: string, opts: Pick<MaskingOptions, 'pluginVersion' | 'defaultAlgorithm'> = {}): ParsedMaskedField {
  if (typeof expression !== 'string') throw new ArgumentTypeError('parseMaskedField: expression must be a masked_fields entry (a string)');
  checkMaskingOptions('parseMaskedField', opts);
  const major = pluginMajor(opts);
  const key = `${major}\u0000${expression}`;
  const hit = parseCache.get(key);
  if (hit) return hit;
  const a = analyzeMaskedField(expression, { dialect: dialectOfMajor(major) });
  if (a.rejected) throw new MaskingExpressionError(a.rejected.serverMessage ?? a.rejected.message, expression);
  const e = a.expression;
  if (e === undefined) throw new MaskingExpressionError('unparsable masked field', expression);
  const parsed: ParsedMaskedField = e.kind === 'default' ? { source: expression, field: e.field, kind: 'default' }
    : e.kind === 'hash' ? { source: expression, field: e.field, kind: 'digest', algorithm: e.algorithm }
    : { source: expression, field: e.field, kind: 'regex', replacements: e.replacements.map((r) => ({ ...r })) };
  if (a.unsupported !== undefined) parsed.unsupported = a.unsupported;
  parseCache.set(key, parsed);
  return parsed;
}

function applyRegexChain(value: string, chain: readonly RegexReplacement[], jdk19: boolean): string {
  let s = javaUtf8RoundTrip(value);
  for (const rr of chain) s = javaReplaceAll(s, rr.regex, rr.replacement, { jdk19 });
  return javaUtf8RoundTrip(s);
}

/** BLAKE2b-256 initial states of a salt: as personalization (legacy, 1.x/2.x) and as salt (3.x). */
interface SaltStates { legacy: Int32Array; salted: Int32Array }

/** States by salt: at most SALT_CACHE_SIZE salts of at most MAX_CACHED_SALT characters each (a longer one by its start, see statesOf). */
const saltStates = new Map<string, SaltStates>();
const SALT_CACHE_SIZE = 100;
const MAX_CACHED_SALT = 1024;
let saltChars = 0;
const statesFromKey = (key: Uint8Array): SaltStates => ({ legacy: blake2bState(32, undefined, key), salted: blake2bState(32, key) });
/** The states of the salt string last asked for (a verification asks thousands of times in a row). */
let lastSalt: string | undefined;
let lastStates: SaltStates | undefined;

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

function statesOf(salt: string | Uint8Array | undefined): SaltStates {
  if (typeof salt !== 'string' && salt !== undefined) return statesFromKey(saltBytes(salt));
  let k = salt ?? DEFAULT_COMPLIANCE_SALT;
  // only the first 16 bytes count: a long salt is held as its first 16 characters (16 bytes at least; a pair kept whole)
  // (copied: a slice of 13 characters or more would keep the whole salt alive)
  if (k.length > MAX_CACHED_SALT) k = k.slice(0, isHighSurrogate(k.charCodeAt(15)) ? 17 : 16).split('').join('');
  if (k === lastSalt && lastStates !== undefined) return lastStates;
  let v = saltStates.get(k);
  if (!v) {
    v = statesFromKey(saltBytes(k));
    if (saltStates.size >= SALT_CACHE_SIZE) {
      saltStates.clear();
      saltChars = 0;
    }
    saltStates.set(k, v);
    saltChars += k.length;
  }
  lastSalt = k;
  lastStates = v;
  return v;
}

/** The default mask of a string: BLAKE2b-256 of its Java UTF-8 bytes, the salt as personalization (legacy) or salt. */
function blake2bMask(value: string, salt: string | Uint8Array | undefined, legacy: boolean): string {
  const states = statesOf(salt);
  return blake2bHexOfString(legacy ? states.legacy : states.salted, value, 32);
}

function digestMask(bytes: Uint8Array, algorithm: string, expression: string, generation?: PluginDialect): string {
  const info = findDigest(algorithm, generation);
  if (!info) throw new MaskingExpressionError(`java.security.NoSuchAlgorithmException: ${algorithm} MessageDigest not available`, expression);
  const hash = hashOf(info);
  if (!hash) throw new UnsupportedMaskingError(`digest ${algorithm}`, expression, 'not available in this runtime');
  return toHex(hash(bytes));
}

/** How a parsed entry will actually be applied with the given options. */
export type EffectiveMask =
  | { kind: 'blake2b'; legacy: boolean }
  /** `generation`: whose JCA providers resolve the name (a default-algorithm setting is not checked when roles are written, and a role may outlive an upgrade). */
  | { kind: 'digest'; algorithm: string; generation?: PluginDialect }
  /** `jdk19`: OpenSearch 3.x runs on JDK 21+, whose `\b` uses ASCII word characters. */
  | { kind: 'regex'; replacements: RegexReplacement[]; jdk19?: boolean };

/** Resolves which masking the plugin applies for an entry under the given cluster options. */
export function effectiveMask(parsed: ParsedMaskedField, opts: MaskingOptions = {}): EffectiveMask {
  if (parsed.kind === 'regex') return { kind: 'regex', replacements: opt(parsed, 'replacements') ?? [], ...(pluginMajor(opts) >= 3 ? { jdk19: true } : {}) };
  const major = pluginMajor(opts);
  // 3.x with the setting unset hashes with BLAKE2B; its legacy flavour is an explicit cluster setting there
  const def = opt(opts, 'defaultAlgorithm') ?? (major >= 3 ? 'BLAKE2B' : 'BLAKE2B_LEGACY_DEFAULT');
  const algorithm = opt(parsed, 'algorithm');
  const defUpper = def.toUpperCase();
  const legacySetting = defUpper === 'BLAKE2B_LEGACY_DEFAULT';
  if (major >= 3) {
    if (legacySetting) return { kind: 'blake2b', legacy: true };
    if (algorithm) return { kind: 'digest', algorithm, generation: 'v3' };
    if (def !== '' && defUpper !== 'BLAKE2B') return { kind: 'digest', algorithm: def, generation: 'v3' };
    return { kind: 'blake2b', legacy: false };
  }
  if (algorithm) return { kind: 'digest', algorithm, generation: 'v2' };
  if (def !== '' && !legacySetting && defUpper !== 'BLAKE2B') return { kind: 'digest', algorithm: def, generation: 'v2' };
  return { kind: 'blake2b', legacy: defUpper !== 'BLAKE2B' };
}

/**
 * Why `defaultAlgorithm` is no masking default the plugin's setting takes (`BLAKE2B`, `BLAKE2B_LEGACY_DEFAULT` or a Java
 * MessageDigest name a plugin JVM knows), or undefined: with an unknown name no mask could be recomputed, and every
 * masked value would be checked by its shape alone. The value is not repeated.
 */
export function defaultAlgorithmProblem(value: string): string | undefined {
  const eff = effectiveMask(parseMaskedField('field'), { defaultAlgorithm: value });
  if (eff.kind !== 'digest' || findDigest(eff.algorithm) !== undefined) return undefined;
  // the value is not repeated: a salt set in the algorithm's place would be printed
  return 'is no masking algorithm the plugin knows (BLAKE2B, BLAKE2B_LEGACY_DEFAULT, or a Java MessageDigest name such as SHA-256; the value is not shown)';
}

/** `value instanceof Uint8Array`, false for a Proxy whose getPrototypeOf trap throws (what it threw is not repeated). */
function isBytes(value: unknown): boolean {
  try {
    return value instanceof Uint8Array;
  } catch {
    return false;
  }
}

/**
 * The masked form of a string value, byte for byte as the plugin produces it (the value's UTF-8
 * bytes are hashed; lone surrogates count as `?` like Java's encoder).
 * Throws MaskingExpressionError for entries the plugin rejects and UnsupportedMaskingError for
 * entries it accepts but that cannot be reproduced here.
 */
export function maskValue(value: string, given: MaskValueOptions = {}): string {
  try {
    return maskValueOf(value, given);
  } catch (error) {
    throw inputFailure('maskValue', error);
  }
}

function maskValueOf(value: string, given: MaskValueOptions = {}): string {
  if (typeof value !== 'string') throw new ArgumentTypeError('maskValue: value must be a string (the plugin masks string values only)');
  if (!isOptionsObject(given as unknown)) throw new ArgumentTypeError('maskValue: options must be an object');
  let opts: MaskValueOptions;
  try {
    // read once: a getter cannot pass the checks and give the mask another value; what it throws (a salt vault's message) is not repeated
    // the options' own fields (one a polluted Object.prototype holds is none of them, and its getter is not called)
    opts = { expression: opt(given, 'expression'), salt: opt(given, 'salt'), defaultAlgorithm: opt(given, 'defaultAlgorithm'), pluginVersion: opt(given, 'pluginVersion') };
  } catch {
    throw new ArgumentTypeError('maskValue: options could not be read (a getter or Proxy threw)');
  }
  if (opts.expression !== undefined && typeof opts.expression !== 'string') throw new ArgumentTypeError('maskValue: options.expression must be a masked_fields entry (a string)');
  if (opts.salt !== undefined && typeof opts.salt !== 'string' && !isBytes(opts.salt)) throw new ArgumentTypeError('maskValue: options.salt must be a string or bytes');
  checkMaskingOptions('maskValue', opts);
  const expression = opts.expression ?? '*';
  const parsed = parseMaskedField(expression, opts);
  return applyEffectiveMask(value, effectiveMask(parsed, opts), opts.salt, expression);
}

/** Applies an already resolved masking (see `effectiveMask`) to a string value. */
export function applyEffectiveMask(value: string, eff: EffectiveMask, salt?: string | Uint8Array, expression = ''): string {
  switch (eff.kind) {
    case 'regex': return applyRegexChain(value, eff.replacements, opt(eff, 'jdk19') === true);
    case 'digest': return digestMask(javaUtf8Bytes(value), eff.algorithm, expression, eff.generation);
    case 'blake2b': return blake2bMask(value, salt, eff.legacy);
  }
}

/**
 * The mask of raw bytes (a stored binary field such as `_id`'s Lucene bytes) as lower-case hex; a regex entry
 * masks text only, so it throws UnsupportedMaskingError here.
 */
export function maskBytesHex(bytes: Uint8Array, eff: EffectiveMask, salt?: string | Uint8Array, expression = ''): string {
  if (eff.kind === 'digest') return digestMask(bytes, eff.algorithm, expression, eff.generation);
  if (eff.kind === 'blake2b') {
    const states = statesOf(salt);
    return toHex(blake2bBytes(eff.legacy ? states.legacy : states.salted, bytes, 32));
  }
  throw new UnsupportedMaskingError('a regex entry on a binary field', expression, 'the plugin masks the bytes of a binary field such as _id, which no regex replacement reproduces here');
}

/**
 * Whether `mask` is exactly `applyEffectiveMask(value, eff, salt, expression)` (it throws when that
 * throws); a default (BLAKE2b) mask is compared against the digest without making its hex string.
 */
export function effectiveMaskEquals(value: string, eff: EffectiveMask, salt: string | Uint8Array | undefined, expression: string, mask: string): boolean {
  if (eff.kind === 'blake2b') {
    const states = statesOf(salt);
    return blake2bHexEquals(eff.legacy ? states.legacy : states.salted, value, 32, mask);
  }
  return applyEffectiveMask(value, eff, salt, expression) === mask;
}

/** True for a string shaped like a default mask: 64 lowercase hex characters. */
export function isMaskShaped(value: unknown): boolean {
  try {
    return isMaskShapedOf(value);
  } catch (error) {
    throw inputFailure('isMaskShaped', error);
  }
}

function isMaskShapedOf(value: unknown): boolean {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** The shape a masked value must have (hex of the digest length), or undefined for regex masks. */
export function maskShape(parsed: ParsedMaskedField, opts: MaskingOptions = {}): RegExp | undefined {
  const eff = effectiveMask(parsed, opts);
  if (eff.kind === 'blake2b') return /^[0-9a-f]{64}$/;
  if (eff.kind === 'digest') {
    const n = digestLength(eff.algorithm);
    return n === undefined ? /^(?:[0-9a-f]{2})+$/ : new RegExp(`^[0-9a-f]{${n * 2}}$`);
  }
  return undefined;
}
