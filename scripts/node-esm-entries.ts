/**
 * Writes `dist/<entry>.node.mjs` for every entry of package.json `exports`: what Node's `import`
 * resolves. Each file imports that entry's CommonJS build and re-exports its names, so in Node
 * `import` and `require` hand out one copy of every class (an app that imports the package while a
 * CommonJS dependency of it requires the package sees one ConfigError, SecurityExceptionError...),
 * and Node loads the CommonJS files faster than the same code as ES modules. The condition is
 * `node-addons` under `import`: Node sets it (unless run with --no-addons, which then gets the ES
 * build), bundlers do not, even with custom conditions that drop `module`, so a bundle keeps the
 * tree-shaken ES build and never gets CommonJS code in ES output (which cannot `require` Node's
 * built-ins without a banner). The build fails unless each wrapper exports exactly the names of
 * that entry's ES build. A wrapper loads the CommonJS file with `createRequire`, not `import x from
 * './x.cjs'`: the ES loader would first scan that file and the files it re-exports for their names
 * (cjs-module-lexer), which cost the root's import ~2 ms of CPU (measured: 21.1 -> 19.1 ms median
 * of 30 cold imports each; /client 16.5 -> 15.5 ms); the names are written into the wrapper anyway.
 *
 * The root is the exception: an ES module binds every name at once, so a plain wrapper would load
 * every subpath. Its wrapper binds the names of dist/node-root-eager.cjs (src/entries/node-root-eager.ts:
 * the light subpaths, every class and constant) and defines each other name as a function that
 * requires the root's CommonJS build on its first call and calls the real function. The build fails
 * if a name left out of node-root-eager is not a plain function (a class or a constant cannot be
 * deferred), or if node-root-eager hands out an object other than the root's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ExportTarget {
  module: string;
  import: { types: string; 'node-addons': string; default: string };
  require: { types: string; default: string };
}

function namesOf(module: object): string[] {
  return Object.keys(module).filter((name) => name !== '__esModule' && name !== 'default').sort();
}

/** The module Node's import of the root binds at once (a build of src/entries/node-root-eager.ts). */
const ROOT_EAGER = 'node-root-eager.cjs';

/** A function that is not a class (a class needs `new`, and its identity matters for `instanceof`). */
function isPlainFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function' && !/^class[\s{]/.test(Function.prototype.toString.call(value));
}

/** The lines of the root's wrapper: eager names bound at once, the rest deferred functions. */
function rootWrapperLines(distDir: string, cjs: string, names: string[], load: NodeRequire): string[] {
  const root = load(join(distDir, basename(cjs))) as Record<string, unknown>;
  const eager = load(join(distDir, ROOT_EAGER)) as Record<string, unknown>;
  const eagerNames = namesOf(eager);
  const foreign = eagerNames.filter((name) => !names.includes(name) || eager[name] !== root[name]);
  if (foreign.length > 0) throw new Error(`node ESM entries: ${ROOT_EAGER} hands out names the root does not, or other objects: ${foreign.join(', ')}`);
  const deferred = names.filter((name) => !eagerNames.includes(name));
  const notFunctions = deferred.filter((name) => !isPlainFunction(root[name]));
  if (notFunctions.length > 0) {
    throw new Error(`node ESM entries: ${notFunctions.join(', ')} cannot be deferred (not a plain function): export it from src/entries/node-root-eager.ts`);
  }
  return [
    `// Written by scripts/node-esm-entries.ts (npm run build): Node's import of the root binds the names of ${ROOT_EAGER} at once (one copy`,
    `// with require); every other name is a function that loads the root's CommonJS build on its first call.`,
    `import { createRequire } from 'node:module';`,
    `const load = createRequire(import.meta.url);`,
    `const eager = load('./${ROOT_EAGER}');`,
    `export const { ${eagerNames.join(', ')} } = eager;`,
    `let root;`,
    `const full = () => (root ??= load('./${basename(cjs)}'));`,
    // The real function is taken once, on the first call: like an ES binding, later writes to the
    // CommonJS exports object do not reach importers.
    ...deferred.flatMap((name) => [
      `let real_${name};`,
      `export function ${name}(...args) { return (real_${name} ??= full().${name}).apply(this, args); }`,
      `Object.defineProperty(${name}, 'length', { value: ${(root[name] as (...args: unknown[]) => unknown).length} });`,
    ]),
    '',
  ];
}

/** Writes the wrappers; throws when package.json and the build disagree. */
export async function writeNodeEsmEntries(projectDir: string): Promise<string[]> {
  const root = resolve(projectDir);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, ExportTarget | string> };
  const load = createRequire(join(root, 'package.json'));
  const written: string[] = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue; // ./package.json
    const cjs = target.require.default;
    const wrapper = target.import['node-addons'];
    if (!cjs.endsWith('.cjs') || wrapper !== cjs.replace(/\.cjs$/, '.node.mjs')) {
      throw new Error(`node ESM entries: exports["${subpath}"] must map import["node-addons"] to ${cjs.replace(/\.cjs$/, '.node.mjs')} (has ${wrapper})`);
    }
    const names = namesOf(load(join(root, cjs)) as object);
    const esNames = namesOf((await import(pathToFileURL(join(root, target.import.default)).href)) as object);
    if (names.join() !== esNames.join()) {
      throw new Error(`node ESM entries: ${cjs} and ${target.import.default} export different names (${names.filter((n) => !esNames.includes(n)).join(', ')} / ${esNames.filter((n) => !names.includes(n)).join(', ')})`);
    }
    const lines = subpath === '.' ? rootWrapperLines(join(root, 'dist'), cjs, names, load) : [
      `// Written by scripts/node-esm-entries.ts (npm run build): Node's import of this entry loads its CommonJS build (one copy for import and require).`,
      `import { createRequire } from 'node:module';`,
      `const cjs = createRequire(import.meta.url)('./${basename(cjs)}');`,
      `export const { ${names.join(', ')} } = cjs;`,
      '',
    ];
    writeFileSync(join(root, wrapper), lines.join('\n'));
    written.push(wrapper);
  }
  return written;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await writeNodeEsmEntries(process.argv[2] ?? '.');
