/**
 * What a bundler takes from the package: every export's `module` condition names tsup's ES file,
 * so an app bundled with esbuild's default conditions holds one build of the package, whether it
 * imports or requires the root and the subpaths (one copy of each class); in Node itself
 * `import` takes the `.node.mjs` entries (condition `node-addons`, which only Node sets) that wrap
 * the CommonJS build, so import and require share one copy there too. Needs `npm run build`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
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

/** A script that imports and requires the root and every subpath and reports whether each name is one object. */
const ONE_COPY_PROBE = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const subs = ['client', 'basic', 'iam', 'ingest', 'security', 'verify', 'diagnose'];
const root = await import('opensearch-fgac');
const differ = [];
for (const [label, imported, required] of [['.', root, require('opensearch-fgac')], ...await Promise.all(subs.map(async (s) => [s, await import('opensearch-fgac/' + s), require('opensearch-fgac/' + s)]))]) {
  for (const name of Object.keys(imported)) {
    if (name === 'default' || imported[name] === required[name]) continue;
    // The root's import binds deferred functions (dist/index.node.mjs): the same name, arity and behaviour, loaded on first call.
    const deferred = label === '.' && typeof imported[name] === 'function' && !/^class[\\s{]/.test(String(imported[name]))
      && imported[name].name === name && imported[name].length === required[name].length;
    if (!deferred) differ.push(label + ':' + name);
  }
}
let thrown;
try { require('opensearch-fgac/basic').createClient({ node: 'https://x.example', auth: { mode: 'basic', username: 'u', password: '' } }); } catch (e) { thrown = e; }
const resolved = import.meta.resolve ? import.meta.resolve('opensearch-fgac') : '';
console.log(JSON.stringify({ differ, names: Object.keys(root).length, crossInstanceof: thrown instanceof root.ConfigError, resolved: resolved.split('/').pop() }));
`;

test("Node's import and require hand out one copy of every class and constant (the import entries wrap the CommonJS build)", () => {
  const app = appDir();
  const probe = path.join(app, 'one-copy.mjs');
  fs.writeFileSync(probe, ONE_COPY_PROBE);
  const r = JSON.parse(execFileSync(process.execPath, [probe], { cwd: app, encoding: 'utf8' }).trim()) as { differ: string[]; names: number; crossInstanceof: boolean; resolved: string };
  assert.deepEqual(r.differ, [], 'every name imported is the object required (the root\'s deferred functions: same name and arity)');
  assert.ok(r.names > 80, `the root's names (${r.names})`);
  assert.equal(r.crossInstanceof, true, 'an error thrown through require is instanceof the imported class');
  assert.equal(r.resolved, 'index.node.mjs');
});

test('under tsx (a require hook that compiles modules) import and require still share one copy', () => {
  const app = appDir();
  const probe = path.join(app, 'one-copy-tsx.mts');
  fs.writeFileSync(probe, ONE_COPY_PROBE.replace("import.meta.resolve ? import.meta.resolve('opensearch-fgac') : ''", "''"));
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const r = JSON.parse(execFileSync(tsx, [probe], { cwd: app, encoding: 'utf8' }).trim()) as { differ: string[]; crossInstanceof: boolean };
  assert.deepEqual(r.differ, []);
  assert.equal(r.crossInstanceof, true);
});

test('esbuild with custom conditions (no module condition) bundles the ES build: ES output runs without a require banner, opensearch-js external', async () => {
  // The Node entries sit under `node-addons`, which only Node sets: a bundler that lost the module
  // condition takes `import.default` (the ES build), never CommonJS code inside ES output.
  const { build } = await import('esbuild');
  const app = appDir();
  const entry = path.join(app, 'custom.mjs');
  fs.writeFileSync(entry, "import * as root from 'opensearch-fgac';\nimport { maskValue } from 'opensearch-fgac/verify';\nroot.createClient({ node: 'https://x.example', auth: { mode: 'basic', username: 'u', password: 'p' } });\nconsole.log(JSON.stringify({ same: root.maskValue === maskValue, mask: maskValue('secret', { expression: 'ssn::SHA-256' }).length }));\n");
  const outfile = path.join(app, 'custom-out.mjs');
  const result = await build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, metafile: true, logLevel: 'silent', absWorkingDir: app, conditions: ['custom'],
    external: ['@opensearch-project/opensearch'],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes('dist/'));
  assert.ok(inputs.some((f) => f.endsWith('dist/index.js')) && !inputs.some((f) => f.endsWith('.cjs') || f.endsWith('.node.mjs')), `the ES build only (${inputs.join(' ')})`);
  // The external opensearch-js resolves from the app's node_modules (a link to the checkout's copy).
  const external = path.join(app, 'node_modules', '@opensearch-project', 'opensearch');
  if (!fs.existsSync(external)) {
    fs.mkdirSync(path.dirname(external), { recursive: true });
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules', '@opensearch-project', 'opensearch'), external, 'dir');
  }
  const r = JSON.parse(execFileSync(process.execPath, [outfile], { cwd: app, encoding: 'utf8' }).trim()) as { same: boolean; mask: number };
  assert.equal(r.same, true);
  assert.ok(r.mask > 0, 'masking runs in the bundle');
});

test('webpack with its defaults keeps the optional AWS SDK loader: the Lambda runtime\'s SDK on NODE_PATH is found, a missing one is named', async () => {
  const { default: webpack } = await import('webpack');
  const { startRawStub, answer } = await import('../support/raw-stub.js');
  const app = appDir();
  const entry = path.join(app, 'iam-lambda.cjs');
  fs.writeFileSync(entry, [
    "const { createClient } = require('opensearch-fgac');",
    "const client = createClient({ node: process.env.STUB_URL, auth: { mode: 'iam', region: 'us-east-1' }, allowInsecureHttp: true, retry: { retries: 0 } });",
    'exports.handler = async () => (await client.info()).statusCode;',
  ].join('\n'));
  const out = path.join(dir, 'webpack-out');
  await new Promise<void>((resolve, reject) => {
    webpack({ mode: 'production', target: 'node', entry, output: { path: out, filename: 'bundle.cjs', library: { type: 'commonjs2' } }, optimization: { minimize: false } }, (err, stats) => {
      if (err !== null && err !== undefined) reject(err);
      else if (stats?.hasErrors() === true) reject(new Error(stats.toString('errors-only')));
      else resolve();
    });
  });
  // What the Lambda Node.js runtime provides on NODE_PATH: a credential chain (here answering fixed keys).
  const runtime = path.join(dir, 'runtime', 'node_modules', '@aws-sdk', 'credential-provider-node');
  fs.mkdirSync(runtime, { recursive: true });
  fs.writeFileSync(path.join(runtime, 'package.json'), JSON.stringify({ name: '@aws-sdk/credential-provider-node', version: '3.0.0', main: 'index.js' }));
  fs.writeFileSync(path.join(runtime, 'index.js'), "exports.defaultProvider = () => async () => ({ accessKeyId: 'AKIDWEBPACKRUNTIME', secretAccessKey: 'webpack-secret' });");
  const stub = await startRawStub((_req, res) => answer(res, 200, { version: { number: '2.19.4', distribution: 'opensearch' } }));
  // asynchronously: the stub answers from this process
  const invoke = async (nodePath: string | undefined): Promise<string> => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, STUB_URL: stub.url, ...(nodePath !== undefined ? { NODE_PATH: nodePath } : {}) };
    const script = "require('./bundle.cjs').handler().then((s) => console.log('status ' + s), (e) => console.log(e.name + ': ' + e.message))";
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: out, env, encoding: 'utf8' });
    return stdout.trim();
  };
  try {
    assert.equal(await invoke(path.join(dir, 'runtime', 'node_modules')), 'status 200');
    assert.match(String(stub.received[0]?.headers.authorization), /Credential=AKIDWEBPACKRUNTIME\//, 'signed with the runtime SDK\'s credentials');
    assert.match(await invoke(undefined), /^CredentialsError: .*npm install @aws-sdk\/credential-provider-node` \(pnpm: `pnpm add @aws-sdk\/credential-provider-node`, yarn: `yarn add @aws-sdk\/credential-provider-node`\)/);
  } finally {
    await stub.close();
  }
});
