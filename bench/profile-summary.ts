/** Summarises a .cpuprofile: self time per function (top N) and per package/file group, in µs per request when `requests` is given. */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
const [file, requestsArg, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file as string, 'utf8')) as { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
const requests = Number(requestsArg ?? 0);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i] as number;
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const byFn = new Map<string, number>();
const byGroup = new Map<string, number>();
const group = (url: string, fn: string): string => {
  if (url === '') return fn.startsWith('(') ? fn : '(native/builtin)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] as string;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/([^/]+).*/, 'node:$1');
  const d = /\/(dist|src)\/(.*)$/.exec(url);
  return d ? `${d[1]}/${d[2]}` : url;
};
let total = 0;
for (const [id, us] of self) {
  const n = byId.get(id) as Node;
  const key = `${n.callFrame.functionName || '(anon)'} ${group(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + us);
  const g = group(n.callFrame.url, n.callFrame.functionName);
  byGroup.set(g, (byGroup.get(g) ?? 0) + us);
  total += us;
}
const per = (us: number): string => (requests > 0 ? `${(us / requests).toFixed(2)} µs/req` : `${(us / 1000).toFixed(1)} ms`);
console.log(`total sampled ${(total / 1000).toFixed(0)} ms${requests > 0 ? `, ${per(total)}` : ''}`);
console.log('\nby file/package:');
for (const [k, v] of [...byGroup].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${per(v).padStart(16)}  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
console.log('\nby function:');
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 30))) console.log(`  ${per(v).padStart(16)}  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
