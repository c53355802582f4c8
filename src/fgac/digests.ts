/**
 * Computing the digests of the catalogue (digest-catalogue.ts) for `field::ALGO` masks: node:crypto where
 * this runtime's OpenSSL offers the digest, this library's own BLAKE2b and RIPEMD-320, and @noble/hashes
 * for the rest. Only mask computation imports this module.
 */
import { createHash } from 'node:crypto';
import { blake2s } from '@noble/hashes/blake2.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { keccak_224, keccak_256, keccak_384, keccak_512 } from '@noble/hashes/sha3.js';
import { blake2bBytes, blake2bState } from './blake2b.js';
import type { DigestInfo } from './digest-catalogue.js';
import { ripemd320 } from './ripemd320.js';

/** A digest function over bytes. */
export type HashFn = (data: Uint8Array) => Uint8Array;

const blake2b = (bytes: number): HashFn => {
  const state = blake2bState(bytes);
  return (d) => blake2bBytes(state, d, bytes);
};
const blake2sOf = (bytes: number): HashFn => (d) => blake2s(d, { dkLen: bytes });

/** The digests of source `local`, by canonical name (made on first use). */
const LOCAL: Readonly<Record<string, () => HashFn>> = {
  RIPEMD160: () => (d) => ripemd160(d),
  RIPEMD320: () => (d) => ripemd320(d),
  'KECCAK-224': () => (d) => keccak_224(d),
  'KECCAK-256': () => (d) => keccak_256(d),
  'KECCAK-384': () => (d) => keccak_384(d),
  'KECCAK-512': () => (d) => keccak_512(d),
  'BLAKE2B-160': () => blake2b(20),
  'BLAKE2B-256': () => blake2b(32),
  'BLAKE2B-384': () => blake2b(48),
  'BLAKE2B-512': () => blake2b(64),
  'BLAKE2S-128': () => blake2sOf(16),
  'BLAKE2S-160': () => blake2sOf(20),
  'BLAKE2S-224': () => blake2sOf(28),
  'BLAKE2S-256': () => blake2sOf(32),
  'BLAKE3-256': () => (d) => blake3(d, { dkLen: 32 }),
};

const made = new Map<string, HashFn | undefined>();

/** The digest function of a catalogue entry, or undefined where it cannot be computed here. */
export function hashOf(info: DigestInfo): HashFn | undefined {
  if (made.has(info.canonical)) return made.get(info.canonical);
  const how = info.source;
  let fn: HashFn | undefined;
  if (how === 'local') fn = Object.hasOwn(LOCAL, info.canonical) ? LOCAL[info.canonical]?.() : undefined;
  else if (how !== undefined && info.computable) {
    const { node, outputLength } = how;
    fn = (data) => new Uint8Array((outputLength === undefined ? createHash(node) : createHash(node, { outputLength })).update(data).digest());
  }
  made.set(info.canonical, fn);
  return fn;
}
