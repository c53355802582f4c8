/**
 * The catalogue of Java MessageDigest names the security plugin's JVM offers for `field::ALGO` masks
 * (the SUN provider plus the Bouncy Castle provider the plugin registers), with their aliases and
 * digest lengths, and how to compute each one here where that is possible. Every name was accepted
 * by a live OpenSearch 2.19 node (`PUT _plugins/_security/api/roles` with `masked_fields: ["f::NAME"]`);
 * lookups are case-insensitive, as in Java. `jdkNames` records which names the JDK itself provides (the
 * referee found that opensearch-security 3.4.0.0 registers Bouncy Castle FIPS, and `v3` says which digests it keeps).
 */
import { createHash, getHashes } from 'node:crypto';
import { blake2s } from '@noble/hashes/blake2.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { keccak_224, keccak_256, keccak_384, keccak_512 } from '@noble/hashes/sha3.js';
import { blake2bBytes, blake2bState } from './blake2b.js';
import { ripemd320 } from './ripemd320.js';

/** A digest function over bytes. */
export type HashFn = (data: Uint8Array) => Uint8Array;

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
  /** Computes the digest here; undefined where this library (or this Node.js build) cannot. */
  readonly hash: HashFn | undefined;
}

/** One digest: `jdk` lists the names the JDK's SUN provider knows (none: Bouncy Castle only), `aliases` the rest. */
interface Spec { canonical: string; bytes: number; jdk?: string[]; aliases?: string[]; fixedInput?: number; make?: () => HashFn | undefined }

let nodeHashes: Set<string> | undefined;
/** A node:crypto digest, when this runtime's OpenSSL offers it. */
const node = (name: string, outputLength?: number) => (): HashFn | undefined => {
  nodeHashes ??= new Set(getHashes().map((h) => h.toLowerCase()));
  if (!nodeHashes.has(name)) return undefined;
  return (data) => new Uint8Array((outputLength === undefined ? createHash(name) : createHash(name, { outputLength })).update(data).digest());
};
const noble = (fn: HashFn) => (): HashFn => fn;
const blake2b = (bytes: number) => (): HashFn => {
  const state = blake2bState(bytes);
  return (d) => blake2bBytes(state, d, bytes);
};

/** The SUN provider's NIST hash OIDs, accepted bare and with an `OID.` prefix. */
const nist = (n: number): string[] => [`2.16.840.1.101.3.4.2.${n}`, `OID.2.16.840.1.101.3.4.2.${n}`];

const SPECS: readonly Spec[] = [
  { canonical: 'MD2', bytes: 16, jdk: ['MD2'], aliases: ['1.2.840.113549.2.2'] },
  { canonical: 'MD4', bytes: 16, aliases: ['1.2.840.113549.2.4'] },
  { canonical: 'MD5', bytes: 16, jdk: ['MD5'], aliases: ['1.2.840.113549.2.5'], make: node('md5') },
  { canonical: 'SHA-1', bytes: 20, jdk: ['SHA-1', 'SHA', 'SHA1', '1.3.14.3.2.26', 'OID.1.3.14.3.2.26'], make: node('sha1') },
  { canonical: 'SHA-224', bytes: 28, jdk: ['SHA-224', 'SHA224', ...nist(4)], make: node('sha224') },
  { canonical: 'SHA-256', bytes: 32, jdk: ['SHA-256', 'SHA256', ...nist(1)], make: node('sha256') },
  { canonical: 'SHA-384', bytes: 48, jdk: ['SHA-384', 'SHA384', ...nist(2)], make: node('sha384') },
  { canonical: 'SHA-512', bytes: 64, jdk: ['SHA-512', 'SHA512', ...nist(3)], make: node('sha512') },
  { canonical: 'SHA-512/224', bytes: 28, jdk: ['SHA-512/224', 'SHA512/224', ...nist(5)], aliases: ['SHA-512(224)', 'SHA512(224)', 'SHA512224'], make: node('sha512-224') },
  { canonical: 'SHA-512/256', bytes: 32, jdk: ['SHA-512/256', 'SHA512/256', ...nist(6)], aliases: ['SHA-512(256)', 'SHA512(256)', 'SHA512256'], make: node('sha512-256') },
  { canonical: 'SHA3-224', bytes: 28, jdk: ['SHA3-224', ...nist(7)], make: node('sha3-224') },
  { canonical: 'SHA3-256', bytes: 32, jdk: ['SHA3-256', ...nist(8)], make: node('sha3-256') },
  { canonical: 'SHA3-384', bytes: 48, jdk: ['SHA3-384', ...nist(9)], make: node('sha3-384') },
  { canonical: 'SHA3-512', bytes: 64, jdk: ['SHA3-512', ...nist(10)], make: node('sha3-512') },
  { canonical: 'SHAKE128-256', bytes: 32, aliases: ['SHAKE128', ...nist(11)], make: node('shake128', 32) },
  { canonical: 'SHAKE256-512', bytes: 64, aliases: ['SHAKE256', ...nist(12)], make: node('shake256', 64) },
  { canonical: 'SM3', bytes: 32, aliases: ['1.2.156.10197.1.401'], make: node('sm3') },
  { canonical: 'RIPEMD128', bytes: 16, aliases: ['1.3.36.3.2.2'] },
  { canonical: 'RIPEMD160', bytes: 20, aliases: ['1.3.36.3.2.1'], make: noble((d) => ripemd160(d)) },
  { canonical: 'RIPEMD256', bytes: 32, aliases: ['1.3.36.3.2.3'] },
  { canonical: 'RIPEMD320', bytes: 40, make: noble((d) => ripemd320(d)) },
  { canonical: 'KECCAK-224', bytes: 28, make: noble((d) => keccak_224(d)) },
  { canonical: 'KECCAK-256', bytes: 32, make: noble((d) => keccak_256(d)) },
  { canonical: 'KECCAK-288', bytes: 36 },
  { canonical: 'KECCAK-384', bytes: 48, make: noble((d) => keccak_384(d)) },
  { canonical: 'KECCAK-512', bytes: 64, make: noble((d) => keccak_512(d)) },
  { canonical: 'BLAKE2B-160', bytes: 20, aliases: ['1.3.6.1.4.1.1722.12.2.1.5'], make: blake2b(20) },
  { canonical: 'BLAKE2B-256', bytes: 32, aliases: ['1.3.6.1.4.1.1722.12.2.1.8'], make: blake2b(32) },
  { canonical: 'BLAKE2B-384', bytes: 48, aliases: ['1.3.6.1.4.1.1722.12.2.1.12'], make: blake2b(48) },
  { canonical: 'BLAKE2B-512', bytes: 64, aliases: ['1.3.6.1.4.1.1722.12.2.1.16'], make: blake2b(64) },
  ...[[128, 4], [160, 5], [224, 7], [256, 8]].map(([bits, arc]) => ({
    canonical: `BLAKE2S-${bits}`, bytes: (bits as number) / 8, aliases: [`1.3.6.1.4.1.1722.12.2.2.${arc}`],
    make: noble((d) => blake2s(d, { dkLen: (bits as number) / 8 })),
  })),
  { canonical: 'BLAKE3-256', bytes: 32, make: noble((d) => blake3(d, { dkLen: 32 })) },
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

/** The catalogue by upper-case name (built on first use, so importing this module costs nothing). */
function catalogue(): Map<string, DigestInfo> {
  if (table) return table;
  const t = new Map<string, DigestInfo>();
  for (const s of SPECS) {
    let hash: HashFn | undefined | null = null;
    const jdkNames = s.jdk ?? [];
    const names = [...new Set([s.canonical, ...jdkNames, ...(s.aliases ?? [])])];
    const info: DigestInfo = {
      canonical: s.canonical,
      names,
      jdkNames,
      v3: !NOT_IN_BC_FIPS.test(s.canonical),
      bytes: s.bytes,
      ...(s.fixedInput !== undefined ? { fixedInput: s.fixedInput } : {}),
      get hash(): HashFn | undefined {
        if (hash === null) hash = s.make?.();
        return hash;
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
