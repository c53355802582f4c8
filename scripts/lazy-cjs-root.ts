/**
 * Rewrites dist/index.cjs (the root's `require` entry) so that `require('opensearch-fgac')` loads
 * what `opensearch-fgac/client` loads and nothing more: the names of `/ingest`, `/security`,
 * `/verify` and `/diagnose` are getters that `require()` their subpath file on first access. Each
 * getter hands out the subpath's own object, so `instanceof` and identity hold across paths, and
 * bundlers follow the literal `require()` calls. Every name stays writable and configurable as in
 * tsup's output (test doubles replace names). The name lists are read from the built subpath
 * files, and the build fails unless together they are exactly the names tsup's index.cjs had.
 * (ESM cannot load a module synchronously on first use, so dist/index.js stays as tsup builds it.)
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The subpath whose names the root loads at once; every other subpath loads on first access. */
const EAGER = 'client';
const LAZY = ['ingest', 'security', 'verify', 'diagnose'] as const;

function exportNames(load: NodeRequire, file: string): string[] {
  return Object.keys(load(file) as object).filter((name) => name !== '__esModule');
}

/** Rewrites `<dist>/index.cjs`; throws when the subpaths' names differ from the root's. */
export function writeLazyCjsRoot(distDir: string): void {
  const dist = resolve(distDir);
  const load = createRequire(join(dist, 'index.cjs'));
  const rootNames = exportNames(load, './index.cjs');
  const eagerNames = new Set(exportNames(load, `./${EAGER}.cjs`));
  const lazyNames = LAZY.map((sub) => [sub, exportNames(load, `./${sub}.cjs`).filter((name) => !eagerNames.has(name))] as const);
  const covered = [...eagerNames, ...lazyNames.flatMap(([, names]) => names)];
  const missing = rootNames.filter((name) => !covered.includes(name));
  const extra = covered.filter((name) => !rootNames.includes(name));
  const twice = covered.filter((name, i) => covered.indexOf(name) !== i);
  if (missing.length + extra.length + twice.length > 0) {
    throw new Error(`lazy CJS root: the subpaths do not cover the root exactly (missing ${missing.join(', ') || '-'}; extra ${extra.join(', ') || '-'}; twice ${twice.join(', ') || '-'})`);
  }
  const lines = [
    '"use strict";',
    '// Written by scripts/lazy-cjs-root.ts (npm run build): /client loads now, the other subpaths on first access.',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    `const eager = require("./${EAGER}.cjs");`,
    // Plain data properties, as tsup writes them: writable and configurable, so test doubles
    // (jest.spyOn, sinon.stub) can replace a name as they could before.
    'for (const name of Object.keys(eager)) if (name !== "__esModule") exports[name] = eager[name];',
    '// A lazy name is a configurable getter/setter until its subpath loads; then every name of that',
    '// subpath becomes a plain data property (so reads cost nothing more and assignment works).',
    'function lazy(load, names) {',
    '  const settle = () => {',
    '    const loaded = load();',
    '    for (const name of names) Object.defineProperty(exports, name, { value: loaded[name], writable: true, enumerable: true, configurable: true });',
    '  };',
    '  for (const name of names) {',
    '    Object.defineProperty(exports, name, {',
    '      enumerable: true,',
    '      configurable: true,',
    '      get() { settle(); return exports[name]; },',
    '      set(value) { settle(); exports[name] = value; },',
    '    });',
    '  }',
    '}',
    ...lazyNames.map(([sub, names]) => `lazy(() => require("./${sub}.cjs"), ${JSON.stringify(names)});`),
    '',
  ];
  writeFileSync(join(dist, 'index.cjs'), lines.join('\n'));
  // The map described tsup's index.cjs; this file is short and hand-readable.
  rmSync(join(dist, 'index.cjs.map'), { force: true });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) writeLazyCjsRoot(process.argv[2] ?? 'dist');
