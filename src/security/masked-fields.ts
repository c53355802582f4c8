/**
 * Validation of masked-field expressions in roles you write, on THE parser response verification uses
 * (`fgac/masked-field.ts`), so a role this accepts is one `verifyHits` can check, and vice versa.
 * The server reports a rejected expression as `{"reason":"Wrong datatype","Masked field not valid: <expr>":"<message>"}`;
 * `message` below is that `<message>` wherever the client can reproduce it (`exact: true`).
 */
import { digestNames } from '../fgac/digest-catalogue.js';
import {
  analyzeMaskedField,
  type MaskedFieldError,
  type MaskedFieldExpression,
  type PluginDialect,
} from '../fgac/masked-field.js';
import { opt } from '../errors/own.js';

export { formatMaskedFieldExpression, maskedFieldErrorKey } from '../fgac/masked-field.js';
export type {
  MaskedFieldError, MaskedFieldErrorCode, MaskedFieldExpression, MaskRegexReplacement, PluginDialect,
} from '../fgac/masked-field.js';

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
 * plugin registers), verified against a live node. Lookups are case-insensitive, as in Java. OpenSearch 3.x
 * accepts a different set (see {@link KNOWN_DIGEST_ALGORITHMS_V3}).
 */
export const KNOWN_DIGEST_ALGORITHMS: readonly string[] = digestNames('v2');

/**
 * MessageDigest names accepted by OpenSearch 3.4's JVM (JDK 21+ SUN provider + the Bouncy Castle FIPS
 * provider the plugin registers), verified against a live 3.4.0 node.
 */
export const KNOWN_DIGEST_ALGORITHMS_V3: readonly string[] = digestNames('v3');

/**
 * Parses and validates one masked-field expression (`field`, `field::ALGO`, `field::/re/::rep(::/re/::rep)*`).
 * Stricter than the server in one respect: an entry the server accepts but that fails once a value reaches
 * it (a replacement string the JDK rejects, a broken `/regex/` field pattern) is rejected here, since it
 * fails every search it applies to.
 */
export function parseMaskedFieldExpression(source: string, options: MaskedFieldParseOptions = {}): MaskedFieldParseResult {
  if (typeof source !== 'string') return { ok: false, source: '', error: { code: 'token-count', message: 'a masked_fields entry must be a string', exact: true } };
  const a = analyzeMaskedField(source, options);
  const error = opt(a, 'rejected') ?? opt(a, 'failsOnUse');
  if (error !== undefined || a.expression === undefined) {
    return { ok: false, source, error: error ? { ...error } : { code: 'token-count', message: 'unparsable', exact: false } };
  }
  return { ok: true, source, expression: structuredClone(a.expression), warnings: [...a.warnings] };
}
