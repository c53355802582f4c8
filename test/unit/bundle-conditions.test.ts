/**
 * What a bundler takes from the package: every export's `module` condition names tsup's ES file,
 * so an app bundled with esbuild's default conditions holds one build of the package, whether it
 * imports or requires the root and the subpaths (one copy of each class). Needs `npm run build`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../domain/paths.js';

let dir = '';

before(() => {
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.js')), 'dist/ is built (npm run build)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fgac-bundle-'));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An app whose node_modules links to this checkout, as an installed package would be found. */
function appDir(): string {
  const root = path.join(dir, 'app');
  if (!fs.existsSync(root)) {
    fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    fs.symlinkSync(PROJECT_ROOT, path.join(root, 'node_modules', 'opensearch-fgac'), 'dir');
  }
  return root;
}

const REQUIRE_BANNER = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };

test('an ES Lambda bundle holds tsup\'s dist/index.js and runs outside the package', async () => {
  const { build } = await import('esbuild');
  const app = appDir();
  const entry = path.join(app, 'lambda.mjs');
  fs.writeFileSync(entry, "import { createClient, maskValue } from 'opensearch-fgac';\ncreateClient({ node: 'https://x.example', auth: { mode: 'basic', username: 'u', password: 'p' } });\nconsole.log(maskValue('secret', { expression: 'ssn::SHA-256' }));\n");
  const outfile = path.join(dir, 'out', 'bundle.mjs');
  const result = await build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, metafile: true, logLevel: 'silent',
    absWorkingDir: app,
    banner: REQUIRE_BANNER,
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((f) => f.endsWith('dist/index.js')), `the bundle holds dist/index.js (${inputs.filter((f) => f.includes('dist/')).join(' ')})`);
  const printed = execFileSync(process.execPath, [outfile], { cwd: os.tmpdir(), encoding: 'utf8' }).trim();
  const expected = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('opensearch-fgac/verify'); console.log(m.maskValue('secret', { expression: 'ssn::SHA-256' }));"], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  assert.equal(printed, expected);
});

test('a CommonJS app bundle holds the ES build only (every export has a module condition)', async () => {
  const { build } = await import('esbuild');
  const app = appDir();
  const cjsEntry = path.join(app, 'handler.cjs');
  fs.writeFileSync(cjsEntry, "const root = require('opensearch-fgac');\nconst security = require('opensearch-fgac/security');\nconst verify = require('opensearch-fgac/verify');\nconsole.log(JSON.stringify({ same: root.SecurityModelError === security.SecurityModelError && root.verifyHits === verify.verifyHits && root.ConfigError === require('opensearch-fgac/client').ConfigError }));\n");
  const cjsOut = path.join(dir, 'out', 'handler.cjs');
  const cjsResult = await build({ entryPoints: [cjsEntry], bundle: true, platform: 'node', format: 'cjs', outfile: cjsOut, metafile: true, logLevel: 'silent', absWorkingDir: app });
  const cjsInputs = Object.keys(cjsResult.metafile.inputs).filter((f) => path.resolve(app, f).startsWith(path.join(PROJECT_ROOT, 'dist') + path.sep));
  assert.ok(cjsInputs.length > 0 && cjsInputs.every((f) => f.endsWith('.js')), `only the ES build of the package in the bundle (${cjsInputs.join(' ')})`);
  const same = JSON.parse(execFileSync(process.execPath, [cjsOut], { cwd: os.tmpdir(), encoding: 'utf8' }).trim()) as { same: boolean };
  assert.equal(same.same, true, 'one class and one function per name across root and subpaths');
});

test('an app bundle that both imports and requires the package holds one copy of each class', async () => {
  // An ES module imports the root, a CommonJS helper requires the root and /security. Without the
  // module condition the helper got the CJS build: two copies of each class in one bundle.
  const { build } = await import('esbuild');
  const app = appDir();
  fs.writeFileSync(path.join(app, 'helper.cjs'), "module.exports = { root: require('opensearch-fgac'), security: require('opensearch-fgac/security') };\n");
  const mixedEntry = path.join(app, 'mixed.mjs');
  fs.writeFileSync(mixedEntry, "import * as root from 'opensearch-fgac';\nimport helper from './helper.cjs';\nconsole.log(JSON.stringify({ same: root.SecurityModelError === helper.security.SecurityModelError && root.ConfigError === helper.root.ConfigError && root.createClient === helper.root.createClient }));\n");
  const mixedOut = path.join(dir, 'out', 'mixed.mjs');
  await build({
    entryPoints: [mixedEntry], bundle: true, platform: 'node', format: 'esm', outfile: mixedOut, logLevel: 'silent', absWorkingDir: app, banner: REQUIRE_BANNER,
  });
  const mixed = JSON.parse(execFileSync(process.execPath, [mixedOut], { cwd: os.tmpdir(), encoding: 'utf8' }).trim()) as { same: boolean };
  assert.equal(mixed.same, true, 'import and require in one bundle share one copy of each class');
});
