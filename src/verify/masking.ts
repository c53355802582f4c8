/**
 * Field masking exactly as the OpenSearch security plugin computes it (`masked_fields`):
 * default BLAKE2b-256 masks in both flavours, `field::ALGO` digests and
 * `field::/regex/::replacement` chains with Java `replaceAll` semantics.
 */
import { pluginMajorVersion } from '../fgac/plugin-version.js';
import { createHash, getHashes } from 'node:crypto';
import { blake2s } from '@noble/hashes/blake2.js';
import { keccak_224, keccak_256, keccak_384, keccak_512 } from '@noble/hashes/sha3.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { blake2bBytes, blake2bHexOfString, blake2bState } from './blake2b.js';
import { compileJavaRegex, javaReplaceAll, javaUtf8RoundTrip } from './java-regex.js';
import { MaskingExpressionError, UnsupportedJavaRegexError, UnsupportedMaskingError } from './errors.js';
import { compileFieldPattern, normalizeFieldName } from './wildcard.js';

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
   * Default algorithm: `BLAKE2B_LEGACY_DEFAULT` (default, 1.x/2.x), `BLAKE2B` (3.x), or a Java
   * MessageDigest name the cluster setting names (e.g. `SHA-256`) to hash plain `field` entries with.
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

/** One `/regex/::replacement` step. */
export interface RegexReplacement {
  /** The Java regex (without the surrounding slashes). */
  regex: string;
  /** The Java replacement string (`$1`, `${name}`, `\$`). */
  replacement: string;
}

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

// ---------------------------------------------------------------------------------------------
// Digests (Java MessageDigest names, case-insensitive; SUN provider + Bouncy Castle, which the plugin registers)

type HashFn = (data: Uint8Array) => Uint8Array;

const nodeHash = (name: string, outputLength?: number): HashFn => (data) => {
  const h = outputLength === undefined ? createHash(name) : createHash(name, { outputLength });
  return new Uint8Array(h.update(data).digest());
};

interface DigestInfo { canonical: string; bytes: number; hash: HashFn; nodeName?: string }

let digestTable: Map<string, DigestInfo> | undefined;

/** The digest table by upper-case name (built on first use, so importing this module costs nothing). */
function digests(): Map<string, DigestInfo> {
  if (digestTable) return digestTable;
  const table = new Map<string, DigestInfo>();
  const addDigest = (names: string[], canonical: string, bytes: number, hash: HashFn, nodeName?: string): void => {
    const info: DigestInfo = { canonical, bytes, hash, ...(nodeName ? { nodeName } : {}) };
    for (const n of [canonical, ...names]) table.set(n.toUpperCase(), info);
  };
  const oid = (o: string): string[] => [o, `OID.${o}`];
  addDigest([], 'MD5', 16, nodeHash('md5'), 'md5');
  addDigest(['SHA', 'SHA1', ...oid('1.3.14.3.2.26')], 'SHA-1', 20, nodeHash('sha1'), 'sha1');
  addDigest(['SHA224', ...oid('2.16.840.1.101.3.4.2.4')], 'SHA-224', 28, nodeHash('sha224'), 'sha224');
  addDigest(['SHA256', ...oid('2.16.840.1.101.3.4.2.1')], 'SHA-256', 32, nodeHash('sha256'), 'sha256');
  addDigest(['SHA384', ...oid('2.16.840.1.101.3.4.2.2')], 'SHA-384', 48, nodeHash('sha384'), 'sha384');
  addDigest(['SHA512', ...oid('2.16.840.1.101.3.4.2.3')], 'SHA-512', 64, nodeHash('sha512'), 'sha512');
  addDigest(['SHA512/224', 'SHA-512(224)', 'SHA512(224)', 'SHA512224', ...oid('2.16.840.1.101.3.4.2.5')], 'SHA-512/224', 28, nodeHash('sha512-224'), 'sha512-224');
  addDigest(['SHA512/256', 'SHA-512(256)', 'SHA512(256)', 'SHA512256', ...oid('2.16.840.1.101.3.4.2.6')], 'SHA-512/256', 32, nodeHash('sha512-256'), 'sha512-256');
  addDigest(oid('2.16.840.1.101.3.4.2.7'), 'SHA3-224', 28, nodeHash('sha3-224'), 'sha3-224');
  addDigest(oid('2.16.840.1.101.3.4.2.8'), 'SHA3-256', 32, nodeHash('sha3-256'), 'sha3-256');
  addDigest(oid('2.16.840.1.101.3.4.2.9'), 'SHA3-384', 48, nodeHash('sha3-384'), 'sha3-384');
  addDigest(oid('2.16.840.1.101.3.4.2.10'), 'SHA3-512', 64, nodeHash('sha3-512'), 'sha3-512');
  addDigest(['SHAKE128', ...oid('2.16.840.1.101.3.4.2.11')], 'SHAKE128-256', 32, nodeHash('shake128', 32), 'shake128');
  addDigest(['SHAKE256', ...oid('2.16.840.1.101.3.4.2.12')], 'SHAKE256-512', 64, nodeHash('shake256', 64), 'shake256');
  addDigest([], 'SM3', 32, nodeHash('sm3'), 'sm3');
  addDigest([], 'RIPEMD160', 20, (d) => ripemd160(d));
  addDigest([], 'KECCAK-224', 28, (d) => keccak_224(d));
  addDigest([], 'KECCAK-256', 32, (d) => keccak_256(d));
  addDigest([], 'KECCAK-384', 48, (d) => keccak_384(d));
  addDigest([], 'KECCAK-512', 64, (d) => keccak_512(d));
  for (const bits of [160, 256, 384, 512]) {
    const state = blake2bState(bits / 8);
    addDigest([], `BLAKE2B-${bits}`, bits / 8, (d) => blake2bBytes(state, d, bits / 8));
  }
  for (const bits of [128, 160, 224, 256]) addDigest([], `BLAKE2S-${bits}`, bits / 8, (d) => blake2s(d, { dkLen: bits / 8 }));
  addDigest([], 'BLAKE3-256', 32, (d) => blake3(d, { dkLen: 32 }));
  digestTable = table;
  return table;
}

/** Digest names the JDK/Bouncy Castle know but this library does not compute. */
const KNOWN_UNREPRODUCIBLE = /^(MD2|MD4|KECCAK-288|TIGER|WHIRLPOOL|GOST.*|SKEIN-.*|DSTU7564-.*|HARAKA-.*|PARALLELHASH.*|TUPLEHASH.*|RIPEMD(128|256|320)|SHA-?512\/(?!224$|256$).*|(OID\.)?1\.2\.804\..*|(OID\.)?1\.0\.10118\..*|(OID\.)?1\.2\.643\..*)$/i;

let nodeHashes: Set<string> | undefined;
function lookupDigest(name: string): DigestInfo | undefined {
  const info = digests().get(name.toUpperCase());
  if (!info) return undefined;
  if (info.nodeName) {
    nodeHashes ??= new Set(getHashes().map((h) => h.toLowerCase()));
    if (!nodeHashes.has(info.nodeName)) return undefined;
  }
  return info;
}

/** Digest length in bytes of a Java MessageDigest name, or undefined when unknown. */
export function digestLength(algorithm: string): number | undefined {
  return digests().get(algorithm.toUpperCase())?.bytes;
}

/** Whether the JDK/Bouncy Castle know the name (even if this library cannot compute it). */
function javaKnowsDigest(name: string): boolean {
  return digests().has(name.toUpperCase()) || KNOWN_UNREPRODUCIBLE.test(name);
}

// ---------------------------------------------------------------------------------------------
// Bytes

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
    const shown = typeof salt === 'string' ? `${salt} ` : '';
    throw new MaskingExpressionError(`Provided compliance salt ${shown}must at least contain 16 bytes`, typeof salt === 'string' ? salt : '<bytes>');
  }
  return bytes.slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** The plugin major version implied by the options (see `MaskingOptions.pluginVersion`). */
export function pluginMajor(opts: Pick<MaskingOptions, 'pluginVersion' | 'defaultAlgorithm'> = {}): number {
  const major = pluginMajorVersion(opts.pluginVersion);
  if (major !== undefined) return major;
  return opts.defaultAlgorithm?.toUpperCase() === 'BLAKE2B' ? 3 : 2;
}

const parseCache = new Map<string, ParsedMaskedField>();

/**
 * Parses and validates a masked_fields entry like the plugin does (3.x FieldMaskingExpression
 * wording by default for 3.x options, 2.x MaskedField wording otherwise).
 */
export function parseMaskedField(expression: string, opts: Pick<MaskingOptions, 'pluginVersion' | 'defaultAlgorithm'> = {}): ParsedMaskedField {
  const major = pluginMajor(opts);
  const key = `${major}\u0000${expression}`;
  const hit = parseCache.get(key);
  if (hit) return hit;
  const fail = (msg: string): never => { throw new MaskingExpressionError(msg, expression); };
  const tokens = expression.split('::');
  const field = tokens[0] as string;
  let parsed: ParsedMaskedField;
  if (tokens.length === 1) {
    parsed = { source: expression, field, kind: 'default' };
  } else if (tokens.length === 2) {
    const algorithm = tokens[1] as string;
    if (!javaKnowsDigest(algorithm)) {
      fail(major >= 3 ? `Invalid algorithm ${algorithm}` : `java.security.NoSuchAlgorithmException: ${algorithm} MessageDigest not available`);
    }
    parsed = { source: expression, field, kind: 'digest', algorithm };
    if (!lookupDigest(algorithm)) parsed.unsupported = `digest ${algorithm} is not available in this runtime`;
  } else if (tokens.length % 2 === 1) {
    const replacements: RegexReplacement[] = [];
    let unsupported: string | undefined;
    for (let i = 1; i < tokens.length - 1; i += 2) {
      const raw = tokens[i] as string;
      if (major >= 3 && !(raw.startsWith('/') && raw.endsWith('/'))) fail('A regular expression needs to be wrapped in /.../');
      if (raw.length < 2) fail(raw.length === 0 ? 'begin 1, end 0, length 0' : 'begin 0, end -1, length 0');
      const regex = raw.slice(1, -1);
      try {
        compileJavaRegex(regex);
      } catch (e) {
        if (e instanceof UnsupportedJavaRegexError) unsupported ??= e.message;
        else throw e;
      }
      replacements.push({ regex, replacement: tokens[i + 1] as string });
    }
    parsed = { source: expression, field, kind: 'regex', replacements, ...(unsupported ? { unsupported } : {}) };
    if (major < 3 && !unsupported) {
      // 2.x validates an entry by masking the bytes 1..5; replacement errors surface only if a regex matches them.
      try {
        applyRegexChain('\u0001\u0002\u0003\u0004\u0005', replacements);
      } catch (e) {
        if (e instanceof UnsupportedMaskingError) parsed.unsupported = e.message;
        else throw e;
      }
    }
  } else {
    fail(major >= 3
      ? "A field masking expression must have the form 'field_name', 'field_name::algorithm', 'field_name::regex::replacement' or 'field_name::(regex::replacement)+'"
      : `Expected 1 or 2 or >=3 (but then odd count) tokens, got ${tokens.length}`);
  }
  if (parseCache.size > 1000) parseCache.clear();
  parseCache.set(key, parsed!);
  return parsed!;
}

function applyRegexChain(value: string, chain: RegexReplacement[]): string {
  let s = javaUtf8RoundTrip(value);
  for (const rr of chain) s = javaReplaceAll(s, rr.regex, rr.replacement);
  return javaUtf8RoundTrip(s);
}

// ---------------------------------------------------------------------------------------------
// Masking

/** BLAKE2b-256 initial states of a salt: as personalization (legacy, 1.x/2.x) and as salt (3.x). */
interface SaltStates { legacy: Int32Array; salted: Int32Array }

const saltStates = new Map<string, SaltStates>();
function statesOf(salt: string | Uint8Array | undefined): SaltStates {
  const make = (key: Uint8Array): SaltStates => ({ legacy: blake2bState(32, undefined, key), salted: blake2bState(32, key) });
  if (typeof salt !== 'string' && salt !== undefined) return make(saltBytes(salt));
  const k = salt ?? DEFAULT_COMPLIANCE_SALT;
  let v = saltStates.get(k);
  if (!v) {
    v = make(saltBytes(k));
    if (saltStates.size > 100) saltStates.clear();
    saltStates.set(k, v);
  }
  return v;
}

/** The default mask of a string: BLAKE2b-256 of its Java UTF-8 bytes, the salt as personalization (legacy) or salt. */
function blake2bMask(value: string, salt: string | Uint8Array | undefined, legacy: boolean): string {
  const states = statesOf(salt);
  return blake2bHexOfString(legacy ? states.legacy : states.salted, value, 32);
}

function digestMask(bytes: Uint8Array, algorithm: string, expression: string): string {
  const info = lookupDigest(algorithm);
  if (!info) {
    if (javaKnowsDigest(algorithm)) throw new UnsupportedMaskingError(`digest ${algorithm}`, expression, 'not available in this runtime');
    throw new MaskingExpressionError(`java.security.NoSuchAlgorithmException: ${algorithm} MessageDigest not available`, expression);
  }
  return toHex(info.hash(bytes));
}

/** How a parsed entry will actually be applied with the given options. */
export type EffectiveMask =
  | { kind: 'blake2b'; legacy: boolean }
  | { kind: 'digest'; algorithm: string }
  | { kind: 'regex'; replacements: RegexReplacement[] };

/** Resolves which masking the plugin applies for an entry under the given cluster options. */
export function effectiveMask(parsed: ParsedMaskedField, opts: MaskingOptions = {}): EffectiveMask {
  if (parsed.kind === 'regex') return { kind: 'regex', replacements: parsed.replacements ?? [] };
  const def = opts.defaultAlgorithm ?? 'BLAKE2B_LEGACY_DEFAULT';
  const defUpper = def.toUpperCase();
  const legacySetting = defUpper === 'BLAKE2B_LEGACY_DEFAULT';
  const major = pluginMajor(opts);
  if (major >= 3) {
    if (legacySetting) return { kind: 'blake2b', legacy: true };
    if (parsed.algorithm) return { kind: 'digest', algorithm: parsed.algorithm };
    if (def !== '' && defUpper !== 'BLAKE2B') return { kind: 'digest', algorithm: def };
    return { kind: 'blake2b', legacy: false };
  }
  if (parsed.algorithm) return { kind: 'digest', algorithm: parsed.algorithm };
  if (def !== '' && !legacySetting && defUpper !== 'BLAKE2B') return { kind: 'digest', algorithm: def };
  return { kind: 'blake2b', legacy: defUpper !== 'BLAKE2B' };
}

/**
 * The masked form of a string value, byte for byte as the plugin produces it (the value's UTF-8
 * bytes are hashed; lone surrogates count as `?` like Java's encoder).
 * Throws MaskingExpressionError for entries the plugin rejects and UnsupportedMaskingError for
 * entries it accepts but that cannot be reproduced here.
 */
export function maskValue(value: string, opts: MaskValueOptions = {}): string {
  const expression = opts.expression ?? '*';
  const parsed = parseMaskedField(expression, opts);
  return applyEffectiveMask(value, effectiveMask(parsed, opts), opts.salt, expression);
}

/** Applies an already resolved masking (see `effectiveMask`) to a string value. */
export function applyEffectiveMask(value: string, eff: EffectiveMask, salt?: string | Uint8Array, expression = ''): string {
  switch (eff.kind) {
    case 'regex': return applyRegexChain(value, eff.replacements);
    case 'digest': return digestMask(javaUtf8Bytes(value), eff.algorithm, expression);
    case 'blake2b': return blake2bMask(value, salt, eff.legacy);
  }
}

/** True for a string shaped like a default mask: 64 lowercase hex characters. */
export function isMaskShaped(value: unknown): boolean {
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

// ---------------------------------------------------------------------------------------------
// Field matching and document masking

/** A set of masked_fields entries compiled for field lookup. */
export interface MaskedFieldSet {
  /** Every entry whose field pattern matches the (normalised) path, in order. */
  match(path: string): ParsedMaskedField[];
}

/** Compiles masked_fields entries (of one or several roles, in order) for lookups by field path. */
export function compileMaskedFields(expressions: readonly string[], opts: MaskingOptions = {}): MaskedFieldSet {
  const entries = expressions.map((e) => {
    const parsed = parseMaskedField(e, opts);
    return { parsed, matcher: compileFieldPattern(parsed.field) };
  });
  return {
    match(path: string): ParsedMaskedField[] {
      const n = normalizeFieldName(path);
      return entries.filter((e) => e.matcher(n)).map((e) => e.parsed);
    },
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Applies masked_fields to a `_source` document the way the plugin does: only string values are
 * masked (numbers, booleans and null pass), strings directly inside arrays are masked, nested
 * objects match on dotted paths; 3.x also masks strings inside arrays of objects, 2.x does not.
 * When several entries match a field, the first one wins.
 */
export function maskDocument<T>(source: T, expressions: readonly string[], opts: MaskingOptions = {}): T {
  const set = compileMaskedFields(expressions, opts);
  const v3 = pluginMajor(opts) >= 3;
  const maskAt = (path: string, s: string): string => {
    const m = set.match(path)[0];
    return m ? maskValue(s, { ...opts, expression: m.source }) : s;
  };
  const visit = (value: Json, path: string, inArray: boolean): Json => {
    if (typeof value === 'string') return maskAt(path, value);
    if (Array.isArray(value)) {
      if (!v3 && inArray) return value;
      return value.map((v) => (!v3 && (Array.isArray(v) || (v !== null && typeof v === 'object')) ? v : visit(v, path, true)));
    }
    if (value !== null && typeof value === 'object') {
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(value)) out[k] = visit(v, path ? `${path}.${k}` : k, false);
      return out;
    }
    return value;
  };
  return visit(source as Json, '', false) as T;
}
