/**
 * The published package: publint and @arethetypeswrong/cli are clean, and the packed tarball
 * installs into an empty project and works from both `import` and `require`.
 * Needs `npm run build` first (the test command builds before running tests).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../domain/paths.js';

/** The subpath exports (`opensearch-fgac/<name>`) and one export each must have. */
const SUBPATHS = ['client', 'basic', 'iam', 'ingest', 'security', 'verify', 'diagnose'] as const;
const SAMPLE_EXPORT: Record<(typeof SUBPATHS)[number], string> = { client: 'createClient', basic: 'createClient', iam: 'createClient', ingest: 'ingest', security: 'SecurityApi', verify: 'verifyHits', diagnose: 'checkDomain' };
/** The lean entries: their own createClient (fewer auth modes), every other export the root's. */
const LEAN = ['basic', 'iam'];

let dir = '';
let tarball = '';
const npx = (args: string[], cwd = PROJECT_ROOT) => execFileSync('npx', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.cjs')), 'dist/ is built (npm run build)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fgac-pack-'));
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
  tarball = path.join(dir, name);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the tarball holds dist and package.json only (no sources, tests or secrets)', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
  assert.ok(files.includes('package/dist/index.js') && files.includes('package/dist/index.cjs') && files.includes('package/dist/index.d.cts'));
  for (const sub of SUBPATHS) {
    for (const ext of ['js', 'cjs', 'd.ts', 'd.cts']) assert.ok(files.includes(`package/dist/${sub}.${ext}`), `dist/${sub}.${ext} is packed`);
  }
  assert.deepEqual(files.filter((f) => !/^package\/(dist\/|package\.json$|README\.md$|LICENSE)/.test(f)), []);
});

test('the tarball carries the Apache-2.0 LICENSE and source maps without embedded sources', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(files.includes('package/LICENSE'), 'LICENSE is packed');
  const license = execFileSync('tar', ['-xzOf', tarball, 'package/LICENSE'], { encoding: 'utf8' });
  assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
  const maps = files.filter((f) => f.endsWith('.map'));
  assert.ok(maps.length > 0, 'source maps are packed');
  let mapped = 0;
  for (const m of maps) {
    const map = JSON.parse(execFileSync('tar', ['-xzOf', tarball, m], { encoding: 'utf8' })) as { sources: string[]; sourcesContent?: unknown };
    assert.equal(map.sourcesContent, undefined, `${m} embeds no sources`);
    mapped += map.sources.filter((s) => s.includes('src/')).length;
  }
  assert.ok(mapped > 0, 'the maps still point at source paths');
});

test('the noble digests are built into dist: no output file imports @noble/hashes, which is not a dependency', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.equal(pkg.dependencies['@noble/hashes'], undefined);
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').filter((f) => /\.(c?js)$/.test(f));
  assert.ok(files.length > 10);
  let builtIn = 0;
  for (const f of files) {
    const code = execFileSync('tar', ['-xzOf', tarball, f], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.doesNotMatch(code, /(?:from\s*|require\(|import\()\s*["']@noble\/hashes/, `${f} imports @noble/hashes`);
    if (code.includes('// node_modules/@noble/hashes/sha3.js')) builtIn++;
  }
  assert.ok(builtIn >= 2, 'the ESM and CJS builds carry the noble code');
});

test('publint finds nothing, warnings included', () => {
  const out = npx(['publint', 'run', tarball, '--strict']);
  assert.match(out, /All good!/);
});

test('@arethetypeswrong/cli finds no problem for CJS and ESM consumers', () => {
  // Exit code 0 means no problem in any resolution mode of the strict profile.
  const out = npx(['attw', tarball, '--format', 'json']);
  const report = JSON.parse(out) as { analysis: { problems: unknown[] } };
  assert.deepEqual(report.analysis.problems, []);
});

/** An empty project with the packed tarball installed (made once, shared by the tests below). */
function installedApp(): string {
  const app = path.join(dir, 'app');
  if (!fs.existsSync(path.join(app, 'node_modules', 'opensearch-fgac'))) {
    fs.mkdirSync(app, { recursive: true });
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: 'ignore' });
  }
  return app;
}

test('installs into an empty project and works from require and import', () => {
  const app = installedApp();
  const check = `
    const { Client } = OS;
    const c = m.createClient({ node: 'https://localhost:9200', auth: { mode: 'basic', username: 'u', password: 'p' } });
    if (!(c instanceof Client)) throw new Error('not a Client');
    if (!(new m.SecurityExceptionError({ body: {}, statusCode: 403, headers: {}, meta: {} }, { actions: [], user: null, requestedTenant: null, roles: [], indices: null, reason: '' }) instanceof OS.errors.ResponseError)) throw new Error('not a ResponseError');
    let threw = false;
    try { m.createClient({ node: 'https://x', auth: { mode: 'basic', username: 'u', password: '' } }); } catch (e) { threw = e instanceof m.ConfigError; }
    if (!threw) throw new Error('ConfigError expected');
    console.log('ok ' + typeof m.ingest);`;
  const cjs = execFileSync(process.execPath, ['-e', `const m = require('opensearch-fgac'); const OS = require('@opensearch-project/opensearch'); ${check}`], { cwd: app, encoding: 'utf8' });
  assert.equal(cjs.trim(), 'ok function');
  const esm = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import * as m from 'opensearch-fgac'; import OS from '@opensearch-project/opensearch'; ${check}`], { cwd: app, encoding: 'utf8' });
  assert.equal(esm.trim(), 'ok function');
});

test('the installed package retries from require and import (p-retry, ESM only, loads in the CommonJS build too) and runWithRetry works', () => {
  const app = installedApp();
  // a server that answers 503 first, then 200: one retry through the client, one through runWithRetry
  const check = `
    const http = require_('node:http');
    let hits = 0;
    const srv = http.createServer((req, res) => { hits++; res.writeHead(hits % 2 === 1 ? 503 : 200, { 'content-type': 'application/json' }); res.end(hits % 2 === 1 ? '{"error":{"type":"x","reason":"busy"},"status":503}' : '{"ok":true}'); });
    srv.listen(0, '127.0.0.1', async () => {
      const c = m.createClient({ node: 'http://127.0.0.1:' + srv.address().port, auth: { mode: 'none' }, retry: { minDelayMs: 1, maxDelayMs: 2 } });
      try {
        const r = await c.transport.request({ method: 'GET', path: '/' });
        const once = m.createClient({ node: 'http://127.0.0.1:' + srv.address().port, auth: { mode: 'none' }, retry: { retries: 0 } });
        let n = 0;
        const v = await m.runWithRetry(async () => { n++; if (n === 1) await once.transport.request({ method: 'GET', path: '/' }); return 'again'; }, { method: 'GET', path: '/' }, { minDelayMs: 1, maxDelayMs: 2 });
        await once.close();
        console.log(JSON.stringify([r.body.ok, hits, r.meta.attempts, v, n]));
      } catch (e) { console.log('failed: ' + e.message); }
      await c.close(); srv.close();
    });`;
  const cjs = execFileSync(process.execPath, ['-e', `const m = require('opensearch-fgac'); const require_ = require; ${check}`], { cwd: app, encoding: 'utf8' });
  assert.equal(cjs.trim(), '[true,3,1,"again",2]');
  const esm = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import * as m from 'opensearch-fgac'; import { createRequire } from 'node:module'; const require_ = createRequire(import.meta.url); ${check}`], { cwd: app, encoding: 'utf8' });
  assert.equal(esm.trim(), '[true,3,1,"again",2]');
});

test('every subpath works from require and import, hands out the root\'s own objects, and a client made through it is a Client', () => {
  const app = installedApp();
  const check = `
    const { Client } = OS;
    const subs = ${JSON.stringify(SAMPLE_EXPORT)};
    const lean = ${JSON.stringify(LEAN)};
    const out = [];
    for (const [sub, sample] of Object.entries(subs)) {
      const s = mods[sub];
      if (typeof s[sample] !== 'function') throw new Error(sub + ' lacks ' + sample);
      for (const [name, value] of Object.entries(s)) {
        if (name === 'default' || name === 'module.exports') continue;
        if (lean.includes(sub) && name === 'createClient') { if (value === root.createClient) throw new Error(sub + ' createClient is the root one'); continue; }
        // Node's import of the root binds deferred functions beyond /client (same name and arity; classes and constants are the same objects).
        const deferred = typeof value === 'function' && !/^class[\\s{]/.test(String(value)) && typeof root[name] === 'function' && root[name].name === name && root[name].length === value.length;
        if (root[name] !== value && !(DEFERRED_OK && deferred)) throw new Error('opensearch-fgac/' + sub + ' export ' + name + ' is not the root export of that name');
      }
      out.push(sub + ':' + Object.keys(s).length);
    }
    const c = mods.client.createClient({ node: 'https://localhost:9200', auth: { mode: 'basic', username: 'u', password: 'p' } });
    if (!(c instanceof Client)) throw new Error('not a Client');
    let threw = false;
    try { mods.client.createClient({ node: 'https://x', auth: { mode: 'basic', username: 'u', password: '' } }); } catch (e) { threw = e instanceof root.ConfigError; }
    if (!threw) throw new Error('the subpath throws the root ConfigError class');
    const b = mods.basic.createClient({ node: 'https://localhost:9200', auth: { mode: 'basic', username: 'u', password: 'p' } });
    if (!(b instanceof Client)) throw new Error('opensearch-fgac/basic: not a Client');
    let absent;
    try { mods.basic.createClient({ node: 'https://search-x.us-east-1.es.amazonaws.com', auth: { mode: 'iam' } }); } catch (e) { absent = e; }
    if (!(absent instanceof root.ConfigError) || absent.option !== 'auth.mode' || !absent.message.includes('opensearch-fgac/iam')) throw new Error('opensearch-fgac/basic must refuse iam with a ConfigError naming auth.mode: ' + absent);
    out.push('iam-on-basic:' + absent.option);
    console.log('ok ' + out.join(' '));`;
  const requires = SUBPATHS.map((s) => `${s}: require('opensearch-fgac/${s}')`).join(', ');
  const cjs = execFileSync(process.execPath, ['-e', `const DEFERRED_OK = false; const root = require('opensearch-fgac'); const OS = require('@opensearch-project/opensearch'); const mods = { ${requires} }; ${check}`], { cwd: app, encoding: 'utf8' });
  assert.match(cjs.trim(), /^ok client:\d+ basic:\d+ iam:\d+ ingest:\d+ security:\d+ verify:\d+ diagnose:\d+ iam-on-basic:auth\.mode$/);
  const imports = SUBPATHS.map((s) => `import * as ${s} from 'opensearch-fgac/${s}';`).join(' ');
  const esm = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import * as root from 'opensearch-fgac'; import OS from '@opensearch-project/opensearch'; ${imports} const DEFERRED_OK = true; const mods = { ${SUBPATHS.join(', ')} }; ${check}`], { cwd: app, encoding: 'utf8' });
  assert.equal(esm.trim(), cjs.trim());
});

test('every exported class keeps its own name from import and require, and the CommonJS build is not down-levelled', () => {
  const app = installedApp();
  const check = `
    const wrong = [];
    let classes = 0;
    for (const [path, m] of Object.entries(mods)) {
      for (const [name, value] of Object.entries(m)) {
        if (typeof value !== 'function' || !/^class\\b/.test(Function.prototype.toString.call(value))) continue;
        classes++;
        if (value.name !== name) wrong.push(path + ':' + name + ' is named ' + value.name);
      }
    }
    let printed = '';
    try { mods['.'].createClient({ node: 'https://x', auth: { mode: 'basic', username: 'u', password: '' } }); } catch (e) { printed = inspect(e).split('\\n')[0]; }
    console.log(JSON.stringify({ wrong, classes, printed }));`;
  const paths = ['', ...SUBPATHS.map((s) => `/${s}`)];
  const requires = paths.map((p) => `'${p || '.'}': require('opensearch-fgac${p}')`).join(', ');
  const imports = paths.map((p, i) => `import * as m${i} from 'opensearch-fgac${p}';`).join(' ');
  const viaRequire = JSON.parse(execFileSync(process.execPath, ['-e', `const { inspect } = require('node:util'); const mods = { ${requires} }; ${check}`], { cwd: app, encoding: 'utf8' })) as { wrong: string[]; classes: number; printed: string };
  const viaImport = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `import { inspect } from 'node:util'; ${imports} const mods = { ${paths.map((p, i) => `'${p || '.'}': m${i}`).join(', ')} }; ${check}`], { cwd: app, encoding: 'utf8' })) as typeof viaRequire;
  for (const r of [viaRequire, viaImport]) {
    assert.deepEqual(r.wrong, []);
    assert.ok(r.classes > 20, `${r.classes} classes checked`);
    assert.match(r.printed, /^ConfigError: auth\.password/, 'an error prints under its class name');
  }
  // tsup's own CommonJS conversion (sucrase) turned class fields into per-instance __init calls and
  // optional chains into helper calls: slower code, and classes named `_class`.
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').filter((f) => f.endsWith('.cjs'));
  for (const f of files) {
    const code = execFileSync('tar', ['-xzOf', tarball, f], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.doesNotMatch(code, /_optionalChain\(|_class\.prototype\.__init/, `${f} is down-levelled`);
  }
});

test("require('opensearch-fgac') loads the files /client loads; each other subpath's on first access of one of its names", async () => {
  const probe = `
    const dist = require('path').join(process.cwd(), 'dist');
    const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(dist)).map((f) => require('path').basename(f)).sort();
    require('./dist/client.cjs');
    const client = loaded();
    const root = require('./dist/index.cjs');
    const atRequire = loaded().filter((f) => f !== 'index.cjs');
    const names = Object.keys(root).sort();
    const afterKeys = loaded().filter((f) => f !== 'index.cjs');
    const verifyHits = root.verifyHits;
    const afterVerify = loaded();
    const d = (name) => Object.getOwnPropertyDescriptor(root, name);
    const replaceable = [d('createClient'), d('maskValue')].every((x) => x.configurable === true && x.enumerable === true) && d('createClient').writable === true;
    const stub = () => 'stub';
    root.parseDls = stub;
    const stubbed = root.parseDls === stub && require('./dist/security.cjs').parseDls !== stub;
    const settled = d('verifyHits').writable === true && d('verifyHits').get === undefined;
    console.log(JSON.stringify({ client, atRequire, afterKeys, names, afterVerify, same: verifyHits === require('./dist/verify.cjs').verifyHits, replaceable, stubbed, settled }));`;
  const r = JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: PROJECT_ROOT, encoding: 'utf8' })) as {
    client: string[]; atRequire: string[]; afterKeys: string[]; names: string[]; afterVerify: string[]; same: boolean;
    replaceable: boolean; stubbed: boolean; settled: boolean;
  };
  assert.deepEqual(r.atRequire, r.client, 'the root loads nothing beyond /client');
  assert.deepEqual(r.afterKeys, r.client, 'listing the names loads nothing');
  assert.deepEqual(r.names, Object.keys(await import('../../src/index.js')).sort(), 'the CommonJS root lists every name of the root');
  assert.ok(r.afterVerify.includes('verify.cjs') && !r.afterVerify.includes('security.cjs') && !r.afterVerify.includes('ingest.cjs'), 'verifyHits loads /verify only');
  assert.equal(r.same, true, 'the root hands out the subpath\'s own function');
  assert.equal(r.replaceable, true, 'every name is configurable (and the eager ones writable), as in tsup\'s output: test doubles can replace them');
  assert.equal(r.stubbed, true, 'assigning a lazy name before its first use replaces it on the root only');
  assert.equal(r.settled, true, 'after its subpath loads, a name is a plain writable data property');
});

test("import of 'opensearch-fgac' in Node binds /client and the classes: validation, verification, ingestion and diagnosis load on a function's first call", () => {
  const probe = `
    import { createRequire } from 'node:module';
    import fs from 'node:fs';
    const require = createRequire(import.meta.url);
    const dist = process.cwd() + '/dist/';
    const sources = () => Object.keys(require.cache).filter((f) => f.startsWith(dist)).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/^\\/\\/ (src\\/\\S+)/gm)].map((m) => m[1]));
    const root = await import('opensearch-fgac');
    const atImport = sources();
    const expression = { expression: 'ssn::SHA-256' };
    const masked = root.maskValue('123-45-6789', expression);
    const afterCall = sources();
    const verify = require('opensearch-fgac/verify');
    const required = require('opensearch-fgac');
    const kinds = Object.keys(root).filter((n) => n !== 'default').map((n) => [n, root[n] === required[n] ? 'same' : typeof root[n] === 'function' && root[n].name === n && root[n].length === required[n].length && !/^class[\\s{]/.test(String(required[n])) ? 'deferred' : 'wrong']);
    let thrown;
    try { root.parseDls('{"match": '); } catch (e) { thrown = e; }
    required.maskValue = () => 'forged';
    const fixed = root.maskValue('123-45-6789', expression) === masked;
    console.log(JSON.stringify({ atImport, afterCall, same: masked === verify.maskValue('123-45-6789', expression), kinds, thrownIsClass: thrown instanceof root.DlsParseError, fixed }));`;
  const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: PROJECT_ROOT, encoding: 'utf8' })) as {
    atImport: string[]; afterCall: string[]; same: boolean; kinds: Array<[string, 'same' | 'deferred' | 'wrong']>; thrownIsClass: boolean; fixed: boolean;
  };
  assert.ok(r.atImport.includes('src/security/api.ts') && r.atImport.some((f) => f.startsWith('src/client/')), `SecurityApi and the client are bound at import (${r.atImport.length} modules)`);
  const heavy = /^src\/(security\/model\.ts|security\/codecs|fgac\/java-regex\/|fgac\/digests|fgac\/masking|verify\/verifier|explain\/|ingest\/ingest|diagnose\/diagnosis)/;
  assert.deepEqual(r.atImport.filter((f) => heavy.test(f)), [], 'no validation, Java regex, digest, verification, explain, ingestion or diagnosis code at import');
  assert.ok(r.afterCall.includes('src/fgac/digests.ts') && r.afterCall.includes('src/verify/verifier.ts'), 'the first call loads it');
  assert.equal(r.same, true, 'a deferred function answers as the real one');
  assert.deepEqual(r.kinds.filter(([, kind]) => kind === 'wrong'), [], 'every other name is the object require hands out');
  assert.ok(r.kinds.filter(([, kind]) => kind === 'same').length > 30 && r.kinds.filter(([, kind]) => kind === 'deferred').length > 30, 'about 40 classes and constants bound, 50 functions deferred');
  assert.equal(r.thrownIsClass, true, 'an error a deferred function throws is an instance of the class the root bound at import');
  assert.equal(r.fixed, true, 'like an ES binding, a deferred function keeps the function it took on its first call (a later write to the CommonJS exports does not reach importers)');
});

test("the README's Public API table lists exactly the root's runtime exports", async () => {
  const root = await import('../../src/index.js');
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Public API'), readme.indexOf('### Benchmarks'));
  const table = section.split('\n').filter((l) => l.startsWith('| `opensearch-fgac/')).join('\n');
  const listed = new Set([...table.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((m) => m[1]!));
  const exported = new Set(Object.keys(root));
  assert.deepEqual([...exported].filter((n) => !listed.has(n)).sort(), [], 'exported but not in the README');
  assert.deepEqual([...listed].filter((n) => !exported.has(n)).sort(), [], 'in the README but not exported');
  assert.ok(exported.size <= 100, `${exported.size} runtime exports at the root`);
});
