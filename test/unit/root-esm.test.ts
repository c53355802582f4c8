/**
 * Node's `import 'opensearch-fgac'` (dist/index.node.js, written by scripts/lazy-roots.ts) loads what
 * `opensearch-fgac/client` loads; the names of the other subpaths are stand-ins that load their
 * subpath on first use and then rebind to its own objects. Bundlers take the `module` condition
 * (tsup's dist/index.js, everything) instead. Needs `npm run build` first.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { standIns } from '../../src/entries/stand-ins.js';
import { PROJECT_ROOT } from '../domain/paths.js';

let dir = '';

before(() => {
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.node.js')), 'dist/ is built (npm run build)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fgac-esm-root-'));
  // A loader hook that logs every dist/ file Node loads, one per line.
  fs.writeFileSync(path.join(dir, 'hooks.mjs'), [
    "import { appendFileSync } from 'node:fs';",
    'export async function load(url, context, next) {',
    "  if (url.includes('/dist/')) appendFileSync(process.env.LOAD_LOG, url.slice(url.lastIndexOf('/') + 1) + '\\n');",
    '  return next(url, context);',
    '}',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `code` as an ES module in the checkout (so `opensearch-fgac` is the package itself); returns its last line as JSON and the dist files loaded. */
function probe(code: string): { out: Record<string, unknown>; loaded: string[] } {
  const log = path.join(dir, `load-${Math.random().toString(36).slice(2)}.log`);
  fs.writeFileSync(log, '');
  const stdout = execFileSync(process.execPath, ['--import', pathToFileURL(path.join(dir, 'register.mjs')).href, '--input-type=module', '-e', code], {
    cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, LOAD_LOG: log, NODE_OPTIONS: '' },
  });
  const loaded = [...new Set(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean))].sort();
  return { out: JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>, loaded };
}

test("import 'opensearch-fgac' loads exactly what /client loads (plus the root and its stand-ins helper)", () => {
  const root = probe("const m = await import('opensearch-fgac'); m.createClient({ node: 'https://x.example', auth: { mode: 'basic', username: 'u', password: 'p' } }); console.log(JSON.stringify({ names: Object.keys(m).length }));");
  const client = probe("await import('opensearch-fgac/client'); console.log('{}');");
  assert.ok(root.loaded.includes('index.node.js'), `Node resolves the root's import to dist/index.node.js (loaded: ${root.loaded.join(' ')})`);
  assert.deepEqual(root.loaded.filter((f) => f !== 'index.node.js' && f !== 'stand-ins.js'), client.loaded);
  for (const sub of ['verify.js', 'security.js', 'ingest.js', 'diagnose.js', 'index.js']) assert.ok(!root.loaded.includes(sub), `${sub} not loaded`);
  assert.equal(root.out.names, Object.keys(await0()).length, 'every name of the root is there');
});

/** The root's names as tsup builds them (what bundlers get), read in this process. */
function await0(): Record<string, unknown> {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./dist/index.js'); console.log(JSON.stringify(Object.keys(m)));"], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return Object.fromEntries((JSON.parse(stdout) as string[]).map((n) => [n, true]));
}

test('the ESM root has exactly the names of tsup\'s dist/index.js, in the same kinds', () => {
  const { out } = probe(`
    const lazy = await import('opensearch-fgac'); const eager = await import('./dist/index.js');
    const kind = (v) => typeof v;
    const names = Object.keys(lazy); const diff = names.filter((n) => kind(lazy[n]) !== kind(eager[n]));
    console.log(JSON.stringify({ names, eager: Object.keys(eager), diff }));`);
  assert.deepEqual(out.names, out.eager);
  assert.deepEqual(out.diff, []);
});

// Modules that `require()` loads skip the loader hooks, so these two tests watch the bindings instead.
test('first use of a function loads its subpath only and rebinds every name of that subpath to the subpath\'s own', () => {
  const { out } = probe(`
    import * as root from 'opensearch-fgac';
    import { verifyHits as bound, maskValue } from 'opensearch-fgac';
    const before = root.verifyHits;
    const mask = maskValue('secret', { expression: 'ssn::SHA-256' });
    const verify = await import('opensearch-fgac/verify');
    const security = await import('opensearch-fgac/security');
    console.log(JSON.stringify({
      mask, real: verify.maskValue('secret', { expression: 'ssn::SHA-256' }),
      same: root.verifyHits === verify.verifyHits && bound === verify.verifyHits && maskValue === verify.maskValue,
      classes: root.AccessViolationError === verify.AccessViolationError,
      before: before === verify.verifyHits, beforeWorks: typeof before({ hits: { hits: [] } }, { indices: [] }) === 'object',
      securityStill: root.parseDls !== security.parseDls,
    }));`);
  assert.equal(out.mask, out.real, 'the stand-in called the real maskValue');
  assert.equal(out.same, true, 'after first use the root\'s live bindings are the subpath\'s own functions');
  assert.equal(out.classes, true, 'the subpath\'s classes were rebound too');
  assert.equal(out.before, false, 'a stand-in read before first use is a stand-in');
  assert.equal(out.beforeWorks, true, 'and keeps forwarding to the real function');
  assert.equal(out.securityStill, true, 'another subpath\'s names are untouched until their own first use');
});

test('class stand-ins: new, instanceof, extends and statics behave as the real class', () => {
  const { out } = probe(`
    import { SecurityModelError, SecurityApi, STATIC_ACTION_GROUPS, ingest, DlsParseError } from 'opensearch-fgac';
    const captured = { SecurityModelError, SecurityApi, STATIC_ACTION_GROUPS, ingest, DlsParseError };
    const ingestKeys = Object.keys(captured.ingest).length;
    const ingestName = captured.ingest.name;
    const groups = Object.keys(captured.STATIC_ACTION_GROUPS);
    const security = await import('opensearch-fgac/security');
    const made = new captured.SecurityModelError('role', [{ path: 'x', message: 'bad' }]);
    const real = new security.SecurityModelError('role', [{ path: 'y', message: 'bad' }]);
    class Mine extends captured.SecurityApi { mine() { return 'mine'; } }
    const { createClient } = await import('opensearch-fgac');
    const m = new Mine(createClient({ node: 'https://x.example', auth: { mode: 'basic', username: 'u', password: 'p' } }));
    let thrown; try { security.parseDls('{'); } catch (e) { thrown = e; }
    console.log(JSON.stringify({
      madeIsReal: made instanceof security.SecurityModelError && made.constructor === security.SecurityModelError,
      realIsStandIn: real instanceof captured.SecurityModelError, dls: thrown instanceof captured.DlsParseError,
      notInstance: !({} instanceof captured.SecurityModelError),
      mine: m.mine(), mineIsApi: m instanceof security.SecurityApi && m instanceof Mine && typeof m.roles === 'object',
      nameLength: [captured.SecurityApi.name, captured.SecurityApi.length, security.SecurityApi.length],
      protoDescriptor: Object.getOwnPropertyDescriptor(captured.SecurityApi, 'prototype').value === security.SecurityApi.prototype,
      groups: JSON.stringify(groups) === JSON.stringify(Object.keys(security.STATIC_ACTION_GROUPS)),
      groupsJson: JSON.stringify(captured.STATIC_ACTION_GROUPS) === JSON.stringify(security.STATIC_ACTION_GROUPS),
      frozen: Object.isFrozen(security.STATIC_ACTION_GROUPS),
      descriptor: JSON.stringify(Object.getOwnPropertyDescriptor(captured.STATIC_ACTION_GROUPS, groups[0])) === JSON.stringify(Object.getOwnPropertyDescriptor(security.STATIC_ACTION_GROUPS, groups[0])),
      ingestKeys, ingestName,
    }));`);
  assert.equal(out.madeIsReal, true, 'new on a stand-in constructs the real class');
  assert.equal(out.realIsStandIn, true, 'an instance of the real class is instanceof the stand-in');
  assert.equal(out.dls, true);
  assert.equal(out.notInstance, true);
  assert.equal(out.mine, 'mine', 'a class extending a stand-in keeps its own methods');
  assert.equal(out.mineIsApi, true, 'and is an instance of the real class, built by its constructor');
  const [name, standInLength, realLength] = out.nameLength as [string, number, number];
  assert.equal(name, 'SecurityApi');
  assert.equal(standInLength, realLength);
  assert.equal(out.protoDescriptor, true, 'the prototype descriptor is the real one');
  assert.equal(out.groups, true, 'an object stand-in lists the real keys');
  assert.equal(out.groupsJson, true);
  assert.equal(out.frozen, true, 'the real table is frozen: its descriptors are non-configurable, which a Proxy may only report when mirrored');
  assert.equal(out.descriptor, true, 'and reports the real descriptors');
  assert.equal(out.ingestKeys, 0, 'an async function stand-in has no own keys the real one lacks');
  assert.equal(out.ingestName, 'ingest');
});

test('a stand-in whose subpath cannot load names the subpath and the way out, with the cause', () => {
  const cause = Object.assign(new Error("Cannot find module './verify.js'"), { code: 'MODULE_NOT_FOUND' });
  let loads = 0;
  const settled: unknown[] = [];
  const names = standIns({
    subpath: 'verify',
    load: () => { loads++; throw cause; },
    kinds: { verifyHits: 'constructor', STATIC: 'object' },
    settle: (m) => settled.push(m),
  });
  const call = names.verifyHits as () => unknown;
  assert.throws(() => call(), (e: Error) => {
    assert.match(e.message, /loading "opensearch-fgac\/verify" on first use of verifyHits failed \(MODULE_NOT_FOUND\)/);
    assert.match(e.message, /import verifyHits from "opensearch-fgac\/verify" instead/);
    assert.equal(e.cause, cause);
    return true;
  });
  assert.throws(() => Object.keys(names.STATIC as object), /first use of STATIC failed/);
  assert.equal(loads, 2, 'a failed load is retried on the next use (nothing half-settled)');
  assert.deepEqual(settled, []);
});

test('a stand-in loads its subpath once and settles before forwarding', () => {
  let loads = 0;
  const real = { f: (a: number, b: number) => a + b, o: Object.freeze({ k: 1 }) };
  const bound: Record<string, unknown> = {};
  const names = standIns({
    subpath: 'x',
    load: () => { loads++; return real; },
    kinds: { f: 'callable', o: 'object' },
    settle: (m) => Object.assign(bound, m),
  });
  assert.equal(loads, 0, 'nothing loads before first use');
  assert.equal((names.f as (a: number, b: number) => number)(2, 3), 5);
  assert.equal((names.o as { k: number }).k, 1);
  assert.deepEqual(Object.keys(names.o as object), ['k']);
  assert.equal(loads, 1);
  assert.equal(bound.f, real.f);
  assert.equal(bound.o, real.o);
});

test('a bundler takes the module condition: esbuild bundles tsup\'s ES build (root and subpaths alike), and the bundle runs outside the package', async () => {
  const { build } = await import('esbuild');
  // An app whose node_modules links to this checkout, as an installed package would be found.
  const app = path.join(dir, 'app');
  fs.mkdirSync(path.join(app, 'node_modules'), { recursive: true });
  fs.symlinkSync(PROJECT_ROOT, path.join(app, 'node_modules', 'opensearch-fgac'), 'dir');
  const entry = path.join(app, 'lambda.mjs');
  fs.writeFileSync(entry, "import { createClient, maskValue } from 'opensearch-fgac';\ncreateClient({ node: 'https://x.example', auth: { mode: 'basic', username: 'u', password: 'p' } });\nconsole.log(maskValue('secret', { expression: 'ssn::SHA-256' }));\n");
  const outfile = path.join(dir, 'out', 'bundle.mjs');
  const result = await build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, metafile: true, logLevel: 'silent',
    absWorkingDir: app,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((f) => f.endsWith('dist/index.js')), `the bundle holds dist/index.js (${inputs.filter((f) => f.includes('dist/')).join(' ')})`);
  assert.ok(!inputs.some((f) => f.endsWith('dist/index.node.js')), 'never the Node-only root');
  const printed = execFileSync(process.execPath, [outfile], { cwd: os.tmpdir(), encoding: 'utf8' }).trim();
  const expected = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('opensearch-fgac/verify'); console.log(m.maskValue('secret', { expression: 'ssn::SHA-256' }));"], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  assert.equal(printed, expected);

  // A CommonJS app bundled the same way: root and subpath both resolve to the ES build (every
  // export has a module condition), so they share one copy of each class.
  const cjsEntry = path.join(app, 'handler.cjs');
  fs.writeFileSync(cjsEntry, "const root = require('opensearch-fgac');\nconst security = require('opensearch-fgac/security');\nconst verify = require('opensearch-fgac/verify');\nconsole.log(JSON.stringify({ same: root.SecurityModelError === security.SecurityModelError && root.verifyHits === verify.verifyHits && root.ConfigError === require('opensearch-fgac/client').ConfigError }));\n");
  const cjsOut = path.join(dir, 'out', 'handler.cjs');
  const cjsResult = await build({ entryPoints: [cjsEntry], bundle: true, platform: 'node', format: 'cjs', outfile: cjsOut, metafile: true, logLevel: 'silent', absWorkingDir: app });
  const cjsInputs = Object.keys(cjsResult.metafile.inputs).filter((f) => path.resolve(app, f).startsWith(path.join(PROJECT_ROOT, 'dist') + path.sep));
  assert.ok(cjsInputs.length > 0 && cjsInputs.every((f) => f.endsWith('.js')), `only the ES build of the package in the bundle (${cjsInputs.join(' ')})`);
  const same = JSON.parse(execFileSync(process.execPath, [cjsOut], { cwd: os.tmpdir(), encoding: 'utf8' }).trim()) as { same: boolean };
  assert.equal(same.same, true, 'one class and one function per name across root and subpaths');
});
