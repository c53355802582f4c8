/**
 * Profiling driver for verifyHits with every mask recomputed (the bench/verify.ts 10 000-hit view,
 * salt and originals known), from dist/ (npm run build first; or `BENCH_MODULE=<file>`):
 * `node --expose-gc --cpu-prof --import tsx bench/profile-verify.ts`.
 * Prints ms per verifyHits and per JSON.parse of the same response (with --expose-gc: a full GC before each).
 */
import { pathToFileURL } from 'node:url';
import { loadPackageAsNode } from './lib.js';
import { originalDoc } from './verify.js';

// BENCH_MODULE: another build of the verify entry (e.g. an esbuild bundle of src/verify/index.ts), else dist/.
const { maskValue, verifyHits } = (process.env.BENCH_MODULE
  ? await import(pathToFileURL(process.env.BENCH_MODULE).href)
  : await loadPackageAsNode()) as Pick<Awaited<ReturnType<typeof loadPackageAsNode>>, 'maskValue' | 'verifyHits'>;

const N = 10_000;
const SALT = 'fgac-local-salt-2f8a1c';
const MASKING = { salt: SALT, defaultAlgorithm: 'BLAKE2B_LEGACY_DEFAULT', pluginVersion: '2.19.4' } as const;
const originals = new Map<string, unknown>();
// the bench's documents (bench/verify.ts originalDoc), FlightNum hidden and Dest masked as the limited user sees them
const hits = Array.from({ length: N }, (_, i) => {
  const doc = originalDoc(i);
  originals.set(`flights/${i}`, doc);
  const { FlightNum: _hidden, ...visible } = doc;
  return { _index: 'flights', _id: String(i), _score: 1, _source: { ...visible, Dest: maskValue(String(doc.Dest), MASKING as never) } };
});
const text = JSON.stringify({ took: 3, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: N, relation: 'eq' }, max_score: 1, hits } });
const response = JSON.parse(text) as unknown;
const expectations = {
  indices: [{ indexPatterns: ['flights*'], rules: [{ role: 'new-role', dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], maskedFields: ['Dest'] }], fieldTypes: { FlightDelay: 'boolean', Dest: 'keyword', FlightNum: 'keyword' } }],
  user: { name: 'new-user', roles: ['new-backend-role'], securityRoles: ['new-role'] },
  originals,
  ...MASKING,
};
const rounds = Number(process.env.ROUNDS ?? 20);
let v = 0;
let p = 0;
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
for (let i = 0; i < rounds; i++) {
  gc();
  const t0 = performance.now();
  JSON.parse(text);
  const t1 = performance.now();
  gc();
  const t2 = performance.now();
  const r = verifyHits(response as never, expectations as never) as { status: string };
  const t3 = performance.now();
  if (r.status !== 'pass') throw new Error(`status ${r.status}`);
  if (i >= 3) {
    p += t1 - t0;
    v += t3 - t2;
  }
}
console.log(`JSON.parse ${(p / (rounds - 3)).toFixed(2)} ms, verifyHits ${(v / (rounds - 3)).toFixed(2)} ms, ratio ${(v / p).toFixed(2)}x`);
