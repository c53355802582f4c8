/**
 * Rewrites the CommonJS build (dist/*.cjs) so that it loads its own lazy chunks and `aws4` with `require()`, not
 * `import()`: Rollup keeps a dynamic `import()` as written, and a module system that runs CommonJS without an ES
 * loader refuses every `import()` (Jest in its default mode, Yarn Plug'n'Play run with `-r .pnp.cjs`). The call
 * stays lazy (`Promise.resolve().then(() => require(...))`) and on its line, so the source maps' lines still hold.
 * Every code path reads what it loads both ways (a module namespace or `module.exports`). The optional AWS SDK
 * packages (a variable specifier, src/auth/lazy-sdk.ts) are not rewritten: that loader falls back to `require`.
 * The build fails when a literal `import()` of another specifier is left in a .cjs file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the CommonJS build may load with `require()` instead: its own chunks and aws4 (CommonJS itself). */
const REWRITTEN = /\bimport\((['"])(\.\/[\w.-]+\.cjs|aws4)\1\)/g;
/** Any literal `import()` left (a string specifier). */
const LITERAL_IMPORT = /\bimport\(\s*(['"])[^'"]*\1\s*\)/;

/** Rewrites every .cjs file of `distDir`; returns how many calls were rewritten. */
export function requireChunksInCjs(distDir: string): number {
  let count = 0;
  for (const name of readdirSync(distDir)) {
    if (!name.endsWith('.cjs')) continue;
    const file = join(distDir, name);
    const code = readFileSync(file, 'utf8');
    const out = code.replace(REWRITTEN, (_all, quote: string, specifier: string) => {
      count++;
      return `Promise.resolve().then(() => require(${quote}${specifier}${quote}))`;
    });
    const left = LITERAL_IMPORT.exec(out);
    if (left !== null) throw new Error(`cjs-require-chunks: ${name} still loads ${left[0]} with import()`);
    if (out !== code) writeFileSync(file, out);
  }
  return count;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = requireChunksInCjs(resolve('dist'));
  console.log(`cjs-require-chunks: ${count} import() calls of the CommonJS build now require()`);
}
