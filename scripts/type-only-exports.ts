/**
 * Marks `type` in the entries' declaration files (dist/<entry>.d.ts and .d.cts) the names the sources export as types
 * only. The declaration bundler keeps `type` for interfaces and aliases but writes a class exported with `export type`
 * (the security API's resource classes, DlsVariable: made by the SDK, never by the caller) as a value, so TypeScript
 * let `instanceof RolesApi` compile while the name does not exist at run time. After this step every name an entry's
 * declarations give as a value is one its CommonJS build hands out; the build fails on any other mismatch
 * (test/unit/package-types.test.ts checks the same from the compiler's side).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const load = createRequire(join(DIST, 'index.cjs'));

/** Names the entry sources export with `export type { ... }` (by the name they are exported as). */
function typeOnlyNames(): Set<string> {
  const names = new Set<string>();
  const dir = join(ROOT, 'src', 'entries');
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const [, list] of text.matchAll(/export type \{([^}]*)\}/g)) {
      for (const item of (list as string).split(',')) {
        const name = item.trim().split(/\s+as\s+/).pop();
        if (name) names.add(name);
      }
    }
  }
  return names;
}

const typeOnly = typeOnlyNames();
const exportsMap = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).exports as Record<string, unknown>;
const problems: string[] = [];
let marked = 0;
for (const key of Object.keys(exportsMap)) {
  if (key === './package.json') continue;
  const entry = key === '.' ? 'index' : key.slice(2);
  // Object.keys reads no getter: the root's lazy names count without loading their subpaths
  const runtime = new Set(Object.keys(load(`./${entry}.cjs`) as object));
  for (const ext of ['d.ts', 'd.cts']) {
    const file = join(DIST, `${entry}.${ext}`);
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(/export \{([^}]*)\}/g, (statement, list: string) => {
      const items = list.split(',').map((item) => {
        const spec = item.trim();
        if (spec === '' || spec.startsWith('type ')) return item;
        const exported = spec.split(/\s+as\s+/).pop() as string;
        if (runtime.has(exported)) return item;
        if (!typeOnly.has(exported)) {
          problems.push(`dist/${entry}.${ext}: ${exported} is declared as a value but dist/${entry}.cjs has no such export`);
          return item;
        }
        marked++;
        return item.replace(spec, `type ${spec}`);
      });
      return statement.replace(list, items.join(','));
    });
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}
if (problems.length > 0) {
  console.error(`type-only-exports: ${problems.join('\n')}`);
  process.exit(1);
}
console.log(`type-only-exports: ${marked} type-only names marked in the entries' declarations`);
