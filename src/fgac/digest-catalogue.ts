/**
 * The catalogue of Java MessageDigest names the security plugin's JVM offers for `field::ALGO` masks, per
 * plugin generation, with their digest lengths. Each generation's names are its JVM's JCA providers:
 * - 2.x (OpenSearch 2.19 on JDK 17): the SUN provider plus Bouncy Castle (`bcprov`), which the plugin adds;
 * - 3.x (OpenSearch 3.4 on JDK 21+): the SUN provider (which now also has SHAKE and MD2/MD5 object
 *   identifiers) plus Bouncy Castle FIPS (`bc-fips`, in the plugin's folder), which the 3.x plugin adds
 *   instead: no MD4, KECCAK, BLAKE2, BLAKE3, SM3, DSTU7564, Skein, ParallelHash, TupleHash or Haraka.
 * Every name was checked against a live node of each generation (`PUT _plugins/_security/api/roles` with
 * `masked_fields: ["f::NAME"]`): 2.19.4 accepts the 142 2.x names but HARAKA-256/512 (its 5-byte probe
 * breaks them), 3.4.0 exactly the 98 3.x names; neither accepts another name here, nor an `OID.` form
 * not listed. Lookups are case-insensitive, as in Java. Names and lengths only: validating a role needs
 * this, computing a mask needs digests.ts.
 */
import { getHashes } from 'node:crypto';
import type { PluginDialect } from './plugin-version.js';

/** How a digest is computed here: by node:crypto under an OpenSSL name, or by this library's own code (digests.ts). */
export type DigestSource = { readonly node: string; readonly outputLength?: number } | 'local';

/** One digest the plugin's JVM offers in at least one generation. */
export interface DigestInfo {
  /** A provider's name for it (e.g. `SHA-512/224`). */
  readonly canonical: string;
  /** Every name (aliases and object identifiers) some generation resolves to it. */
  readonly names: readonly string[];
  /** The names each generation's JVM resolves to it (empty: that generation answers `no such algorithm`). */
  readonly accepted: Readonly<Record<PluginDialect, readonly string[]>>;
  /** Digest length in bytes (the mask is twice as many lowercase hex characters). */
  readonly bytes: number;
  /** Inputs of any other length make the digest throw (Haraka): the 2.x plugin rejects it on PUT. */
  readonly fixedInput?: number;
  /** How it is computed here; undefined where this library cannot. */
  readonly source: DigestSource | undefined;
  /** Whether it can be computed here (a node:crypto digest only when this runtime's OpenSSL offers it). */
  readonly computable: boolean;
}

/**
 * One digest: `canonical` and `aliases` are accepted by every generation that has the digest (`only` when
 * one generation lacks it altogether); `v2` and `v3` list the names just one generation accepts.
 */
interface Spec {
  canonical: string;
  bytes: number;
  aliases?: string[];
  v2?: string[];
  v3?: string[];
  only?: PluginDialect;
  fixedInput?: number;
  how?: DigestSource;
}

/** An object identifier with its `OID.` form (both resolve in the providers that list the identifier). */
const oid = (id: string): string[] => [id, `OID.${id}`];
/** The NIST hash identifiers 2.16.840.1.101.3.4.2.n. */
const nist = (n: number): string[] => oid(`2.16.840.1.101.3.4.2.${n}`);

const SPECS: readonly Spec[] = [
  { canonical: 'MD2', bytes: 16, aliases: ['1.2.840.113549.2.2'], v3: ['OID.1.2.840.113549.2.2'] },
  { canonical: 'MD4', bytes: 16, aliases: ['1.2.840.113549.2.4'], only: 'v2' },
  { canonical: 'MD5', bytes: 16, aliases: ['1.2.840.113549.2.5'], v3: ['OID.1.2.840.113549.2.5'], how: { node: 'md5' } },
  { canonical: 'SHA-1', bytes: 20, aliases: ['SHA', 'SHA1', ...oid('1.3.14.3.2.26')], how: { node: 'sha1' } },
  { canonical: 'SHA-224', bytes: 28, aliases: ['SHA224', ...nist(4)], how: { node: 'sha224' } },
  { canonical: 'SHA-256', bytes: 32, aliases: ['SHA256', ...nist(1)], how: { node: 'sha256' } },
  { canonical: 'SHA-384', bytes: 48, aliases: ['SHA384', ...nist(2)], how: { node: 'sha384' } },
  { canonical: 'SHA-512', bytes: 64, aliases: ['SHA512', ...nist(3)], how: { node: 'sha512' } },
  { canonical: 'SHA-512/224', bytes: 28, aliases: ['SHA512/224', ...nist(5), 'SHA-512(224)', 'SHA512(224)'], v2: ['SHA512224'], how: { node: 'sha512-224' } },
  { canonical: 'SHA-512/256', bytes: 32, aliases: ['SHA512/256', ...nist(6), 'SHA-512(256)', 'SHA512(256)'], v2: ['SHA512256'], how: { node: 'sha512-256' } },
  { canonical: 'SHA3-224', bytes: 28, aliases: nist(7), how: { node: 'sha3-224' } },
  { canonical: 'SHA3-256', bytes: 32, aliases: nist(8), how: { node: 'sha3-256' } },
  { canonical: 'SHA3-384', bytes: 48, aliases: nist(9), how: { node: 'sha3-384' } },
  { canonical: 'SHA3-512', bytes: 64, aliases: nist(10), how: { node: 'sha3-512' } },
  { canonical: 'SHAKE128-256', bytes: 32, aliases: ['SHAKE128', ...nist(11)], how: { node: 'shake128', outputLength: 32 } },
  { canonical: 'SHAKE256-512', bytes: 64, aliases: ['SHAKE256', ...nist(12)], how: { node: 'shake256', outputLength: 64 } },
  { canonical: 'SM3', bytes: 32, aliases: ['1.2.156.10197.1.401', '1.2.156.197.1.401'], only: 'v2', how: { node: 'sm3' } },
  { canonical: 'RIPEMD128', bytes: 16, aliases: ['1.3.36.3.2.2'], v3: ['RIPEMD-128', 'OID.1.3.36.3.2.2', ...oid('1.0.10118.3.0.50')] },
  { canonical: 'RIPEMD160', bytes: 20, aliases: ['1.3.36.3.2.1'], v3: ['RIPEMD-160', 'OID.1.3.36.3.2.1', ...oid('1.0.10118.3.0.49')], how: 'local' },
  { canonical: 'RIPEMD256', bytes: 32, aliases: ['1.3.36.3.2.3'], v3: ['RIPEMD-256', 'OID.1.3.36.3.2.3'] },
  { canonical: 'RIPEMD320', bytes: 40, v3: ['RIPEMD-320'], how: 'local' },
  { canonical: 'KECCAK-224', bytes: 28, only: 'v2', how: 'local' },
  { canonical: 'KECCAK-256', bytes: 32, only: 'v2', how: 'local' },
  { canonical: 'KECCAK-288', bytes: 36, only: 'v2' },
  { canonical: 'KECCAK-384', bytes: 48, only: 'v2', how: 'local' },
  { canonical: 'KECCAK-512', bytes: 64, only: 'v2', how: 'local' },
  ...[[160, 5], [256, 8], [384, 12], [512, 16]].map(([bits, arc]) => ({
    canonical: `BLAKE2B-${bits}`, bytes: (bits as number) / 8, aliases: [`1.3.6.1.4.1.1722.12.2.1.${arc}`], only: 'v2' as const, how: 'local' as const,
  })),
  ...[[128, 4], [160, 5], [224, 7], [256, 8]].map(([bits, arc]) => ({
    canonical: `BLAKE2S-${bits}`, bytes: (bits as number) / 8, aliases: [`1.3.6.1.4.1.1722.12.2.2.${arc}`], only: 'v2' as const, how: 'local' as const,
  })),
  { canonical: 'BLAKE3-256', bytes: 32, aliases: ['1.3.6.1.4.1.1722.12.2.3.8'], only: 'v2', how: 'local' },
  { canonical: 'TIGER', bytes: 24, v3: oid('1.3.6.1.4.1.11591.12.2') },
  { canonical: 'WHIRLPOOL', bytes: 64, aliases: oid('1.0.10118.3.0.55') },
  { canonical: 'GOST3411', bytes: 32, aliases: ['GOST', 'GOST-3411', '1.2.643.2.2.9'], v3: ['OID.1.2.643.2.2.9'] },
  ...[[256, 2], [512, 3]].map(([bits, arc]) => ({
    canonical: `GOST3411-2012-${bits}`, bytes: (bits as number) / 8,
    aliases: [`GOST-2012-${bits}`, `GOST-3411-2012-${bits}`, `1.2.643.7.1.1.2.${arc}`], v3: [`OID.1.2.643.7.1.1.2.${arc}`],
  })),
  ...[256, 384, 512].map((bits, k) => ({ canonical: `DSTU7564-${bits}`, bytes: bits / 8, aliases: oid(`1.2.804.2.1.1.1.1.2.2.${k + 1}`), only: 'v2' as const })),
  ...([[256, [128, 160, 224, 256]], [512, [128, 160, 224, 256, 384, 512]], [1024, [384, 512, 1024]]] as const).flatMap(([state, outs]) =>
    outs.map((bits) => ({ canonical: `SKEIN-${state}-${bits}`, bytes: bits / 8, only: 'v2' as const }))),
  { canonical: 'PARALLELHASH128-256', bytes: 32, aliases: ['PARALLELHASH128'], only: 'v2' },
  { canonical: 'PARALLELHASH256-512', bytes: 64, aliases: ['PARALLELHASH256'], only: 'v2' },
  { canonical: 'TUPLEHASH128-256', bytes: 32, aliases: ['TUPLEHASH128'], only: 'v2' },
  { canonical: 'TUPLEHASH256-512', bytes: 64, aliases: ['TUPLEHASH256'], only: 'v2' },
  { canonical: 'HARAKA-256', bytes: 32, fixedInput: 32, only: 'v2' },
  { canonical: 'HARAKA-512', bytes: 32, fixedInput: 64, only: 'v2' },
];

let table: Map<string, DigestInfo> | undefined;
let nodeHashes: Set<string> | undefined;

/** Whether this runtime's OpenSSL offers a node:crypto digest. */
function nodeOffers(name: string): boolean {
  nodeHashes ??= new Set(getHashes().map((h) => h.toLowerCase()));
  return nodeHashes.has(name);
}

/** The catalogue by upper-case name (built on first use, so importing this module costs nothing). */
function catalogue(): Map<string, DigestInfo> {
  if (table) return table;
  const t = new Map<string, DigestInfo>();
  for (const s of SPECS) {
    const shared = [s.canonical, ...(s.aliases ?? [])];
    const accepted = {
      v2: s.only === 'v3' ? [] : [...shared, ...(s.v2 ?? [])],
      v3: s.only === 'v2' ? [] : [...shared, ...(s.v3 ?? [])],
    };
    const names = [...new Set([...accepted.v2, ...accepted.v3])];
    const how = s.how;
    const info: DigestInfo = {
      canonical: s.canonical,
      names,
      accepted,
      bytes: s.bytes,
      ...(s.fixedInput !== undefined ? { fixedInput: s.fixedInput } : {}),
      source: how,
      get computable(): boolean {
        return how === 'local' || (how !== undefined && nodeOffers(how.node));
      },
    };
    for (const n of names) {
      if (t.has(n.toUpperCase())) throw new Error(`digest catalogue: ${n} listed twice`);
      t.set(n.toUpperCase(), info);
    }
  }
  table = t;
  return t;
}

/**
 * The digest a Java MessageDigest name resolves to (case-insensitive): in the given generation's JVM, or
 * in either when none is given; undefined when that JVM does not know the name.
 */
export function findDigest(name: string, generation?: PluginDialect): DigestInfo | undefined {
  const info = catalogue().get(name.toUpperCase());
  if (info === undefined || generation === undefined) return info;
  const upper = name.toUpperCase();
  return info.accepted[generation].some((n) => n.toUpperCase() === upper) ? info : undefined;
}

/** Every MessageDigest name the given generation's JVM accepts (canonical names, aliases and object identifiers); both generations' when none is given. */
export function digestNames(generation?: PluginDialect): string[] {
  return [...new Set(catalogue().values())].flatMap((d) => (generation === undefined ? d.names : d.accepted[generation]));
}

/** Digest length in bytes of a Java MessageDigest name (of either generation), or undefined when unknown. */
export function digestLength(algorithm: string): number | undefined {
  return findDigest(algorithm)?.bytes;
}
