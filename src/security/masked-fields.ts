/**
 * Masked-field expressions (`masked_fields` of a role's index permission), parsed and validated on the
 * client with the security plugin's own rules and messages:
 * - `v2` dialect: OpenSearch 1.x/2.x (`MaskedField`), whose REST validation masks a probe value;
 * - `v3` dialect: OpenSearch 3.x (`FieldMasking.FieldMaskingExpression`), which validates while parsing.
 * The server reports a rejected expression as `{"reason":"Wrong datatype","Masked field not valid: <expr>":"<message>"}`;
 * `message` below is that `<message>` wherever the client can reproduce it (`exact: true`).
 */
import { checkJavaRegex, checkJavaReplacement } from './java-regex.js';

/** Which generation of the plugin's rules (and messages) to apply. */
export type PluginDialect = 'v2' | 'v3';

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
}

/** The outcome of {@link parseMaskedFieldExpression}. */
export type MaskedFieldParseResult =
  | { ok: true; source: string; expression: MaskedFieldExpression; warnings: string[] }
  | { ok: false; source: string; error: MaskedFieldError };

/** Options of {@link parseMaskedFieldExpression}. */
export interface MaskedFieldParseOptions {
  /** Rules and messages of which plugin generation (default `v2`, the OpenSearch 2.x line). */
  dialect?: PluginDialect;
  /** Digest names your domain's JCA providers offer beyond {@link KNOWN_DIGEST_ALGORITHMS}. */
  extraAlgorithms?: readonly string[];
}

/**
 * MessageDigest names accepted by OpenSearch 2.19's JVM (SUN provider + the BouncyCastle provider the
 * plugin registers), verified against a live node. Lookups are case-insensitive, as in Java.
 */
export const KNOWN_DIGEST_ALGORITHMS: readonly string[] = [
  'MD2', 'MD4', 'MD5', 'SHA', 'SHA1', 'SHA-1', 'SHA224', 'SHA-224', 'SHA256', 'SHA-256', 'SHA384', 'SHA-384', 'SHA512', 'SHA-512',
  'SHA512/224', 'SHA-512/224', 'SHA512/256', 'SHA-512/256', 'SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512',
  'KECCAK-224', 'KECCAK-256', 'KECCAK-288', 'KECCAK-384', 'KECCAK-512',
  'BLAKE2B-160', 'BLAKE2B-256', 'BLAKE2B-384', 'BLAKE2B-512', 'BLAKE2S-128', 'BLAKE2S-160', 'BLAKE2S-224', 'BLAKE2S-256', 'BLAKE3-256',
  'RIPEMD128', 'RIPEMD160', 'RIPEMD256', 'RIPEMD320', 'SM3', 'TIGER', 'WHIRLPOOL', 'GOST3411', 'GOST3411-2012-256', 'GOST3411-2012-512',
  'SHAKE128-256', 'SHAKE256-512', 'SHAKE128', 'SHAKE256', 'DSTU7564-256', 'DSTU7564-384', 'DSTU7564-512',
  'SKEIN-256-256', 'SKEIN-512-512', 'SKEIN-1024-1024', 'PARALLELHASH128-256', 'TUPLEHASH128-256',
  // Object identifiers the SUN provider registers for its digests (also accepted with an `OID.` prefix).
  '1.2.840.113549.2.2', '1.2.840.113549.2.5', '1.3.14.3.2.26',
  '2.16.840.1.101.3.4.2.1', '2.16.840.1.101.3.4.2.2', '2.16.840.1.101.3.4.2.3', '2.16.840.1.101.3.4.2.4',
  '2.16.840.1.101.3.4.2.5', '2.16.840.1.101.3.4.2.6', '2.16.840.1.101.3.4.2.7', '2.16.840.1.101.3.4.2.8',
  '2.16.840.1.101.3.4.2.9', '2.16.840.1.101.3.4.2.10',
];

const KNOWN = new Set(KNOWN_DIGEST_ALGORITHMS.map((a) => a.toUpperCase()));
/** Digests that exist but reject the plugin's 5-byte probe (and any input of another length). */
const FIXED_INPUT_DIGESTS: Readonly<Record<string, number>> = { 'HARAKA-256': 32, 'HARAKA-512': 64 };

const V3_FORM_MESSAGE =
  "A field masking expression must have the form 'field_name', 'field_name::algorithm', 'field_name::regex::replacement' or 'field_name::(regex::replacement)+'";

/** The key under which the plugin reports a rejected expression in its `Wrong datatype` response. */
export function maskedFieldErrorKey(source: string): string {
  return `Masked field not valid: ${source}`;
}

function isKnownAlgorithm(algorithm: string, extra: readonly string[] | undefined): boolean {
  const upper = algorithm.toUpperCase();
  const bare = upper.startsWith('OID.') ? upper.slice(4) : upper;
  return KNOWN.has(upper) || KNOWN.has(bare) || (extra ?? []).some((a) => a.toUpperCase() === upper);
}

/** Java's `String.substring` bounds message, as the v2 plugin leaks it for too-short regex tokens. */
function substringBoundsMessage(tokenLength: number): string {
  return tokenLength === 0 ? 'begin 1, end 0, length 0' : 'begin 0, end -1, length 0';
}

function fail(source: string, code: MaskedFieldErrorCode, message: string, exact = true): MaskedFieldParseResult {
  return { ok: false, source, error: { code, message, exact } };
}

/**
 * Parses and validates one masked-field expression (`field`, `field::ALGO`, `field::/re/::rep(::/re/::rep)*`).
 * Stricter than the server in one respect: replacement strings are always checked (v2 checks them only when
 * its probe value matches the regex, v3 not at all), since an invalid one fails every search it applies to.
 */
export function parseMaskedFieldExpression(source: string, options: MaskedFieldParseOptions = {}): MaskedFieldParseResult {
  const dialect = options.dialect ?? 'v2';
  const tokens = source.split('::');
  const field = tokens[0] ?? '';
  const warnings: string[] = [];

  if (field.startsWith('/') && field.endsWith('/')) {
    if (field.length < 2) return fail(source, 'field-pattern', 'A field regex needs at least one character between the slashes', false);
    const check = checkJavaRegex(field.slice(1, -1));
    if (!check.ok) return fail(source, 'field-pattern', `Invalid regular expression ${field}: ${check.message}`, false);
  }

  if (tokens.length === 1) return { ok: true, source, expression: { kind: 'default', field }, warnings };

  if (tokens.length === 2) {
    const algorithm = tokens[1] ?? '';
    const fixed = FIXED_INPUT_DIGESTS[algorithm.toUpperCase()];
    if (fixed !== undefined) {
      return fail(source, 'unknown-algorithm', `input must be exactly ${fixed} bytes`, dialect === 'v2');
    }
    if (!isKnownAlgorithm(algorithm, options.extraAlgorithms)) {
      const message = dialect === 'v2'
        ? `java.security.NoSuchAlgorithmException: ${algorithm} MessageDigest not available`
        : `Invalid algorithm ${algorithm}`;
      return fail(source, 'unknown-algorithm', message);
    }
    return { ok: true, source, expression: { kind: 'hash', field, algorithm }, warnings };
  }

  if (tokens.length % 2 === 0) {
    const message = dialect === 'v2' ? `Expected 1 or 2 or >=3 (but then odd count) tokens, got ${tokens.length}` : V3_FORM_MESSAGE;
    return fail(source, 'token-count', message);
  }

  const replacements: MaskRegexReplacement[] = [];
  for (let i = 1; i < tokens.length - 1; i += 2) {
    const token = tokens[i] ?? '';
    const replacement = tokens[i + 1] ?? '';
    const wrapped = token.startsWith('/') && token.endsWith('/');
    if (dialect === 'v3' && !wrapped) return fail(source, 'regex-token', 'A regular expression needs to be wrapped in /.../');
    if (token.length < 2) return fail(source, 'regex-token', substringBoundsMessage(token.length));
    if (!wrapped) {
      warnings.push(`'${token}' is not wrapped in /.../: OpenSearch 2.x strips its first and last character, OpenSearch 3.x rejects it`);
    }
    const regex = token.slice(1, -1);
    const check = checkJavaRegex(regex);
    if (!check.ok) return fail(source, 'regex-syntax', `Invalid regular expression /${regex}/: ${check.message}`, false);
    if (!check.verified) warnings.push(`/${regex}/ uses Java-only regex syntax the client cannot check`);
    const replacementError = checkJavaReplacement(replacement, check.groups);
    if (replacementError !== null) return fail(source, 'replacement', replacementError);
    replacements.push({ regex, replacement });
  }
  return { ok: true, source, expression: { kind: 'regex', field, replacements }, warnings };
}

/** Formats a parsed expression back into the string the API stores. Throws when a part contains `::`. */
export function formatMaskedFieldExpression(expression: MaskedFieldExpression): string {
  const parts: string[] = [expression.field];
  if (expression.kind === 'hash') parts.push(expression.algorithm);
  if (expression.kind === 'regex') {
    if (expression.replacements.length === 0) throw new RangeError('a regex masked field needs at least one /regex/::replacement pair');
    for (const r of expression.replacements) parts.push(`/${r.regex}/`, r.replacement);
  }
  for (const part of parts) {
    if (part.includes('::')) throw new RangeError(`masked field part ${JSON.stringify(part)} contains '::', which the plugin uses as separator`);
  }
  return parts.join('::');
}
