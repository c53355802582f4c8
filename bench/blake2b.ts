/**
 * Benchmark: the hand-written BLAKE2b of the default masks (src/fgac/blake2b.ts: WebAssembly
 * compression with a JavaScript fallback) against @noble/hashes' blake2b, alone and inside verifyHits.
 *
 * - per mask: µs per default mask (BLAKE2B_LEGACY_DEFAULT, the tutorial salt as personalization) of
 *   10 000 distinct airport names, for the WebAssembly path, the JavaScript fallback and @noble/hashes
 *   (each checked to give the same masks first);
 * - verifyHits: 10 000 hits of the tutorial's limited view with the salt and the originals known, so
 *   every mask is recomputed (10 000 BLAKE2b hashes per call, none memoised across calls). The noble
 *   figure is verifyHits with the hand-written masks swapped for noble's: the same call minus the
 *   hand-written masks' time plus noble's, both measured in this run.
 *
 *   npx tsx bench/blake2b.ts          (runs from src/, no build needed)
 */
import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { blake2bBytesJs, blake2bHexOfString, blake2bState } from '../src/fgac/blake2b.js';
import { javaUtf8Bytes, maskValue, saltBytes } from '../src/fgac/masking.js';
import { verifyHits } from '../src/verify/verifier.js';
import { median, num } from './lib.js';

const N = 10_000;
const ROUNDS = Number(process.env.BENCH_BLAKE2B_ROUNDS ?? 21);
const SALT = 'fgac-local-salt-2f8a1c';
const AIRPORTS = ['Zurich Airport', 'Frankfurt am Main Airport', 'Sydney Kingsford Smith', 'Cape Town International', 'Tokyo Haneda', 'Rome-Fiumicino'];
const values = Array.from({ length: N }, (_, i) => `${AIRPORTS[i % AIRPORTS.length] as string} ${i}`);
const key = saltBytes(SALT);
const state = blake2bState(32, undefined, key);

const impls: Record<string, (v: string) => string> = {
  'hand-written (WebAssembly)': (v) => blake2bHexOfString(state, v, 32),
  'hand-written (JavaScript fallback)': (v) => bytesToHex(blake2bBytesJs(state, javaUtf8Bytes(v), 32)),
  '@noble/hashes blake2b': (v) => bytesToHex(blake2b(javaUtf8Bytes(v), { dkLen: 32, personalization: key })),
};

/** Median milliseconds of `fn` over ROUNDS rounds (after 3 warm-ups). */
function time(fn: () => void): number {
  for (let i = 0; i < 3; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const reference = values.map((v) => maskValue(v, { salt: SALT }));
const perMask = new Map<string, number>();
for (const [name, fn] of Object.entries(impls)) {
  if (values.some((v, i) => fn(v) !== reference[i])) throw new Error(`${name} disagrees with maskValue`);
  let sink = 0;
  perMask.set(name, time(() => { for (const v of values) sink += fn(v).length; }));
  if (sink === 0) throw new Error('nothing hashed');
}

const originals = new Map<string, unknown>();
const hits = values.map((Dest, i) => {
  originals.set(`flights/${i}`, { Dest, FlightDelay: true, FlightNum: `FN${i}` });
  return { _index: 'flights', _id: String(i), _source: { Dest: reference[i], FlightDelay: true } };
});
const response = { hits: { hits } };
const expectations = {
  indices: [{ indexPatterns: ['flights'], rules: [{ dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], maskedFields: ['Dest'] }], fieldTypes: { FlightDelay: 'boolean' as const } }],
  originals, salt: SALT, defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT', pluginVersion: '2.19.4',
};
const report = verifyHits(response, expectations);
if (report.status !== 'pass' || report.counts.masksRecomputed !== N) throw new Error(`not timing an error path: ${JSON.stringify(report.counts)}`);
const verifyMs = time(() => verifyHits(response, expectations));

const hand = perMask.get('hand-written (WebAssembly)') as number;
console.log(`BLAKE2b default masks, ${N} distinct values, median of ${ROUNDS} rounds`);
for (const [name, ms] of perMask) console.log(`  ${name.padEnd(36)} ${num((ms * 1000) / N, 2)} µs/mask`);
console.log(`verifyHits, ${N} hits, every mask recomputed`);
console.log(`  hand-written (WebAssembly)           ${num(verifyMs, 1)} ms`);
for (const [name, ms] of perMask) {
  if (name === 'hand-written (WebAssembly)') continue;
  console.log(`  with ${name.padEnd(31)} ${num(verifyMs - hand + ms, 1)} ms (estimated: ${num(verifyMs, 1)} - ${num(hand, 1)} + ${num(ms, 1)})`);
}
