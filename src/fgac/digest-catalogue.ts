/**
 * The catalogue of Java MessageDigest names the security plugin's JVM offers for `field::ALGO` masks
 * (the SUN provider plus the Bouncy Castle provider the plugin registers), with their aliases and
 * digest lengths. Every name was accepted by a live OpenSearch 2.19 node (`PUT _plugins/_security/api/roles`
 * with `masked_fields: ["f::NAME"]`); lookups are case-insensitive, as in Java. `jdkNames` records which
 * names the JDK itself provides (the referee found that opensearch-security 3.4.0.0 registers Bouncy
 * Castle FIPS, and `v3` says which digests it keeps). Names and lengths only: validating a role needs
 * this, computing a mask needs digests.ts (its hash code loads with verification, not with the security API).
 */
import { getHashes } from 'node:crypto';

/** How a digest is computed here: by node:crypto under an OpenSSL name, or by this library's own code (digests.ts). */
export type DigestSource = { readonly node: string; readonly outputLength?: number } | 'local';

/** One digest the JVM offers. */
export interface DigestInfo {
  /** The provider's name for it (e.g. `SHA-512/224`). */
  readonly canonical: string;
  /** Every name (aliases and object identifiers) the JVM resolves to it with Bouncy Castle registered (2.x). */
  readonly names: readonly string[];
  /** The names the JDK's own provider resolves (all that 3.x, without Bouncy Castle, accepts). */
  readonly jdkNames: readonly string[];
  /** Whether opensearch-security 3.x accepts it (3.4.0.0 registers Bouncy Castle FIPS: no KECCAK, BLAKE2, BLAKE3, SM3; see the referee). */
  readonly v3: boolean;
  /** Digest length in bytes (the mask is twice as many lowercase hex characters). */
  readonly bytes: number;
  /** Inputs of any other length make the digest throw (Haraka): the 2.x plugin rejects it on PUT. */
  readonly fixedInput?: number;
  /** How it is computed here; undefined where this library cannot. */
  readonly source: DigestSource | undefined;
  /** Whether it can be computed here (a node:crypto digest only when this runtime's OpenSSL offers it). */
  readonly computable: boolean;
}

/** One digest: `jdk` lists the names the JDK's SUN provider knows (none: Bouncy Castle only), `aliases` the rest. */
interface Spec { canonical: string; bytes: number; jdk?: string[]; aliases?: string[]; fixedInput?: number; how?: DigestSource }

/** The SUN provider's NIST hash OIDs, accepted bare and with an `OID.` prefix. */
const nist = (n: number): string[] => [`2.16.840.1.101.3.4.2.${n}`, `OID.2.16.840.1.101.3.4.2.${n}`];

const SPECS: readonly Spec[] = [
  { canonical: 'MD2', bytes: 16, jdk: ['MD2'], aliases: ['1.2.840.113549.2.2'] },
  { canonical: 'MD4', bytes: 16, aliases: ['1.2.840.113549.2.4'] },
  { canonical: 'MD5', bytes: 16, jdk: ['MD5'], aliases: ['1.2.840.113549.2.5'], how: { node: 'md5' } },
  { canonical: 'SHA-1', bytes: 20, jdk: ['SHA-1', 'SHA', 'SHA1', '1.3.14.3.2.26', 'OID.1.3.14.3.2.26'], how: { node: 'sha1' } },
  { canonical: 'SHA-224', bytes: 28, jdk: ['SHA-224', 'SHA224', ...nist(4)], how: { node: 'sha224' } },
  { canonical: 'SHA-256', bytes: 32, jdk: ['SHA-256', 'SHA256', ...nist(1)], how: { node: 'sha256' } },
  { canonical: 'SHA-384', bytes: 48, jdk: ['SHA-384', 'SHA384', ...nist(2)], how: { node: 'sha384' } },
  { canonical: 'SHA-512', bytes: 64, jdk: ['SHA-512', 'SHA512', ...nist(3)], how: { node: 'sha512' } },
  { canonical: 'SHA-512/224', bytes: 28, jdk: ['SHA-512/224', 'SHA512/224', ...nist(5)], aliases: ['SHA-512(224)', 'SHA512(224)', 'SHA512224'], how: { node: 'sha512-224' } },
  { canonical: 'SHA-512/256', bytes: 32, jdk: ['SHA-512/256', 'SHA512/256', ...nist(6)], aliases: ['SHA-512(256)', 'SHA512(256)', 'SHA512256'], how: { node: 'sha512-256' } },
  { canonical: 'SHA3-224', bytes: 28, jdk: ['SHA3-224', ...nist(7)], how: { node: 'sha3-224' } },
  { canonical: 'SHA3-256', bytes: 32, jdk: ['SHA3-256', ...nist(8)], how: { node: 'sha3-256' } },
  { canonical: 'SHA3-384', bytes: 48, jdk: ['SHA3-384', ...nist(9)], how: { node: 'sha3-384' } },
  { canonical: 'SHA3-512', bytes: 64, jdk: ['SHA3-512', ...nist(10)], how: { node: 'sha3-512' } },
  { canonical: 'SHAKE128-256', bytes: 32, aliases: ['SHAKE128', ...nist(11)], how: { node: 'shake128', outputLength: 32 } },
  { canonical: 'SHAKE256-512', bytes: 64, aliases: ['SHAKE256', ...nist(12)], how: { node: 'shake256', outputLength: 64 } },
  { canonical: 'SM3', bytes: 32, aliases: ['1.2.156.10197.1.401'], how: { node: 'sm3' } },
  { canonical: 'RIPEMD128', bytes: 16, aliases: ['1.3.36.3.2.2'] },
  { canonical: 'RIPEMD160', bytes: 20, aliases: ['1.3.36.3.2.1'], how: 'local' },
  { canonical: 'RIPEMD256', bytes: 32, aliases: ['1.3.36.3.2.3'] },
  { canonical: 'RIPEMD320', bytes: 40, how: 'local' },
  { canonical: 'KECCAK-224', bytes: 28, how: 'local' },
  { canonical: 'KECCAK-256', bytes: 32, how: 'local' },
  { canonical: 'KECCAK-288', bytes: 36 },
  { canonical: 'KECCAK-384', bytes: 48, how: 'local' },
  { canonical: 'KECCAK-512', bytes: 64, how: 'local' },
  { canonical: 'BLAKE2B-160', bytes: 20, aliases: ['1.3.6.1.4.1.1722.12.2.1.5'], how: 'local' },
  { canonical: 'BLAKE2B-256', bytes: 32, aliases: ['1.3.6.1.4.1.1722.12.2.1.8'], how: 'local' },
  { canonical: 'BLAKE2B-384', bytes: 48, aliases: ['1.3.6.1.4.1.1722.12.2.1.12'], how: 'local' },
  { canonical: 'BLAKE2B-512', bytes: 64, aliases: ['1.3.6.1.4.1.1722.12.2.1.16'], how: 'local' },
  ...[[128, 4], [160, 5], [224, 7], [256, 8]].map(([bits, arc]) => ({
    canonical: `BLAKE2S-${bits}`, bytes: (bits as number) / 8, aliases: [`1.3.6.1.4.1.1722.12.2.2.${arc}`], how: 'local' as const,
  })),
  { canonical: 'BLAKE3-256', bytes: 32, how: 'local' },
  { canonical: 'TIGER', bytes: 24 },
  { canonical: 'WHIRLPOOL', bytes: 64, aliases: ['1.0.10118.3.0.55', 'OID.1.0.10118.3.0.55'] },
  { canonical: 'GOST3411', bytes: 32, aliases: ['GOST', 'GOST-3411', '1.2.643.2.2.9'] },
  { canonical: 'GOST3411-2012-256', bytes: 32, aliases: ['1.2.643.7.1.1.2.2'] },
  { canonical: 'GOST3411-2012-512', bytes: 64, aliases: ['1.2.643.7.1.1.2.3'] },
  ...[256, 384, 512].map((bits, k) => ({
    canonical: `DSTU7564-${bits}`, bytes: bits / 8, aliases: [`1.2.804.2.1.1.1.1.2.2.${k + 1}`, `OID.1.2.804.2.1.1.1.1.2.2.${k + 1}`],
  })),
  ...([[256, [128, 160, 224, 256]], [512, [128, 160, 224, 256, 384, 512]], [1024, [384, 512, 1024]]] as const).flatMap(([state, outs]) =>
    outs.map((bits) => ({ canonical: `SKEIN-${state}-${bits}`, bytes: bits / 8 }))),
  { canonical: 'PARALLELHASH128-256', bytes: 32 },
  { canonical: 'PARALLELHASH256-512', bytes: 64 },
  { canonical: 'TUPLEHASH128-256', bytes: 32 },
  { canonical: 'TUPLEHASH256-512', bytes: 64 },
  { canonical: 'HARAKA-256', bytes: 32, fixedInput: 32 },
  { canonical: 'HARAKA-512', bytes: 32, fixedInput: 64 },
];

/** Bouncy Castle digests that Bouncy Castle FIPS (the provider opensearch-security 3.4.0.0 registers) lacks: the real plugin answers `Invalid algorithm X`. */
const NOT_IN_BC_FIPS = /^(KECCAK-|BLAKE2B-|BLAKE2S-|BLAKE3-|SM3$)/;

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
    const jdkNames = s.jdk ?? [];
    const names = [...new Set([s.canonical, ...jdkNames, ...(s.aliases ?? [])])];
    const how = s.how;
    const info: DigestInfo = {
      canonical: s.canonical,
      names,
      jdkNames,
      v3: !NOT_IN_BC_FIPS.test(s.canonical),
      bytes: s.bytes,
      ...(s.fixedInput !== undefined ? { fixedInput: s.fixedInput } : {}),
      source: how,
      get computable(): boolean {
        return how === 'local' || (how !== undefined && nodeOffers(how.node));
      },
    };
    for (const n of names) t.set(n.toUpperCase(), info);
  }
  table = t;
  return t;
}

/** The digest a Java MessageDigest name resolves to (case-insensitive), or undefined when the plugin's JVM does not know it. */
export function findDigest(name: string): DigestInfo | undefined {
  return catalogue().get(name.toUpperCase());
}

/** Every MessageDigest name the plugin's JVM accepts (canonical names, aliases and object identifiers). */
export function digestNames(): string[] {
  return [...new Set(catalogue().values())].flatMap((d) => d.names);
}

/** Digest length in bytes of a Java MessageDigest name, or undefined when unknown. */
export function digestLength(algorithm: string): number | undefined {
  return findDigest(algorithm)?.bytes;
}
