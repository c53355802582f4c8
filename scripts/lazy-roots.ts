/**
 * Rewrites the root's entries for Node so that `opensearch-fgac` loads what `opensearch-fgac/client`
 * loads and nothing more; the names of `/ingest`, `/security`, `/verify` and `/diagnose` load their
 * subpath on first use. Each root hands out the subpath's own objects, so `instanceof` and identity
 * hold across paths. The name lists are read from the built subpath files, and the build fails unless
 * together they are exactly the root's names.
 * - dist/index.cjs (`require`): getters that `require()` the subpath file on first access; bundlers
 *   follow the literal `require()` calls.
 * - dist/index.node.js (`import` under Node, new file): stand-ins (src/entries/stand-ins.ts) that
 *   `require()` the subpath's ES module on first use and then rebind the root's live bindings.
 *   Bundlers resolve the package's `module` condition to tsup's dist/index.js instead, which they
 *   tree-shake; Node never matches `module`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StandInKind } from '../src/entries/stand-ins.js';

/** The subpath whose names the root loads at once; every other subpath loads on first access. */
const EAGER = 'client';
const LAZY = ['ingest', 'security', 'verify', 'diagnose'] as const;

function exportNames(load: NodeRequire, file: string): string[] {
  return Object.keys(load(file) as object).filter((name) => name !== '__esModule');
}

/** The eager names and, per lazy subpath, its names the eager subpath lacks; throws unless they cover `rootNames` exactly. */
function splitNames(rootNames: string[], names: (file: string) => string[], ext: string): { eager: Set<string>; lazy: (readonly [string, string[]])[] } {
  const eager = new Set(names(`./${EAGER}.${ext}`));
  const lazy = LAZY.map((sub) => [sub, names(`./${sub}.${ext}`).filter((name) => !eager.has(name))] as const);
  const covered = [...eager, ...lazy.flatMap(([, list]) => list)];
  const missing = rootNames.filter((name) => !covered.includes(name));
  const extra = covered.filter((name) => !rootNames.includes(name));
  const twice = covered.filter((name, i) => covered.indexOf(name) !== i);
  if (missing.length + extra.length + twice.length > 0) {
    throw new Error(`lazy root (${ext}): the subpaths do not cover the root exactly (missing ${missing.join(', ') || '-'}; extra ${extra.join(', ') || '-'}; twice ${twice.join(', ') || '-'})`);
  }
  return { eager, lazy };
}

/** Rewrites `<dist>/index.cjs`; throws when the subpaths' names differ from the root's. */
export function writeLazyCjsRoot(distDir: string): void {
  const dist = resolve(distDir);
  const load = createRequire(join(dist, 'index.cjs'));
  const { lazy: lazyNames } = splitNames(exportNames(load, './index.cjs'), (file) => exportNames(load, file), 'cjs');
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

function kindOf(name: string, value: unknown): StandInKind {
  if (typeof value === 'function') return Object.hasOwn(value, 'prototype') ? 'constructor' : 'callable';
  if (typeof value === 'object' && value !== null) return 'object';
  throw new Error(`lazy root (js): ${name} is a ${typeof value}; a stand-in can only forward to a function or an object (export it from /${EAGER})`);
}

/** Writes `<dist>/index.node.js`, Node's `import` of the root; throws when the subpaths' names differ from tsup's index.js. */
export function writeLazyEsmRoot(distDir: string): void {
  const dist = resolve(distDir);
  // Node >= 20.19 requires ES modules synchronously; the build runs on the engines' floor or later.
  const load = createRequire(join(dist, 'index.js'));
  const namespace = (file: string) => load(file) as Record<string, unknown>;
  const { lazy } = splitNames(Object.keys(namespace('./index.js')), (file) => Object.keys(namespace(file)), 'js');
  const lines = [
    '// Written by scripts/lazy-roots.ts (npm run build): Node\'s `import` of the root. /client loads now; every other',
    '// name is a stand-in that loads its subpath on first use and then rebinds to the subpath\'s own object.',
    'import { createRequire } from "node:module";',
    'import { standIns } from "./stand-ins.js";',
    `export * from "./${EAGER}.js";`,
    'const load = createRequire(import.meta.url);',
  ];
  for (const [sub, names] of lazy) {
    const loaded = namespace(`./${sub}.js`);
    const kinds = Object.fromEntries(names.map((name) => [name, kindOf(name, loaded[name])]));
    const list = names.join(', ');
    lines.push(
      `export let ${list};`,
      `({ ${list} } = standIns({ subpath: "${sub}", load: () => load("./${sub}.js"), kinds: ${JSON.stringify(kinds)}, settle: (m) => { ({ ${list} } = m); } }));`,
    );
  }
  lines.push('');
  writeFileSync(join(dist, 'index.node.js'), lines.join('\n'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeLazyCjsRoot(process.argv[2] ?? 'dist');
  writeLazyEsmRoot(process.argv[2] ?? 'dist');
}
