/**
 * The declarations tell the truth about each entry's run-time names: every name the compiler accepts as a value (from
 * dist/<entry>.d.ts for `import`, .d.cts for `require`) is one the entry hands out at run time, and every run-time
 * name is declared. Before scripts/type-only-exports.ts, nine classes exported as types only (RolesApi, DlsVariable...)
 * compiled as values (`x instanceof RolesApi`) and failed at run time. Needs `npm run build`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../domain/paths.js';

const DIST = path.join(PROJECT_ROOT, 'dist');
const ENTRIES = ['index', 'client', 'basic', 'iam', 'ingest', 'security', 'verify', 'diagnose'];
const OPTIONS: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true, types: [] };

/** Compiles `files` (name -> text) in a scratch directory; returns the program and the files' paths. */
function compile(files: Record<string, string>): { program: ts.Program; paths: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fgac-types-'));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) fs.writeFileSync((paths[name] = path.join(dir, name)), text);
  return { program: ts.createProgram(Object.values(paths), OPTIONS), paths };
}

/** For each entry and format, the names its declarations export and, of those, the ones the compiler takes as values. */
function declared(): Map<string, { all: string[]; values: Set<string> }> {
  const probes: Record<string, string> = {};
  for (const entry of ENTRIES) {
    probes[`${entry}-esm.mts`] = `import * as M from ${JSON.stringify(path.join(DIST, `${entry}.js`))};\nexport { M };\n`;
    probes[`${entry}-cjs.cts`] = `import M = require(${JSON.stringify(path.join(DIST, `${entry}.cjs`))});\nexport { M };\n`;
  }
  const { program, paths } = compile(probes);
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  for (const [name, file] of Object.entries(paths)) {
    const source = program.getSourceFile(file) as ts.SourceFile;
    const statement = source.statements[0] as ts.ImportDeclaration | ts.ImportEqualsDeclaration;
    const specifier = ts.isImportDeclaration(statement)
      ? statement.moduleSpecifier
      : ((statement.moduleReference as ts.ExternalModuleReference).expression);
    const module = checker.getSymbolAtLocation(specifier);
    assert.ok(module, `${name}: the declarations of its entry resolve`);
    names.set(name, checker.getExportsOfModule(module).map((s) => s.name));
  }
  // one line per name, used as a value: the lines the compiler refuses are the type-only names
  const uses: Record<string, string> = {};
  for (const [name, list] of names) uses[name] = `${probes[name]}${list.map((n) => `void M.${n};`).join('\n')}\n`;
  const second = compile(uses);
  const out = new Map<string, { all: string[]; values: Set<string> }>();
  for (const [name, file] of Object.entries(second.paths)) {
    const source = second.program.getSourceFile(file) as ts.SourceFile;
    const refused = new Set<number>();
    for (const d of second.program.getSemanticDiagnostics(source)) refused.add(source.getLineAndCharacterOfPosition(d.start ?? 0).line);
    const list = names.get(name) as string[];
    out.set(name, { all: list, values: new Set(list.filter((_, i) => !refused.has(i + 2))) });
  }
  return out;
}

test('every name an entry declares as a value exists at run time, for import and require, and every run-time name is declared', async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.cjs')), 'dist/ is built (npm run build)');
  const require = createRequire(path.join(DIST, 'index.cjs'));
  const found = declared();
  for (const entry of ENTRIES) {
    // Object.keys reads no getter: the root's lazy names count without loading their subpaths
    const cjs = new Set(Object.keys(require(`./${entry}.cjs`) as object));
    const esm = new Set(Object.keys(await import(path.join(DIST, `${entry}.node.mjs`)) as object));
    for (const [format, runtime] of [['cjs', cjs], ['esm', esm]] as const) {
      const { all, values } = found.get(`${entry}-${format}.${format === 'esm' ? 'mts' : 'cts'}`) as { all: string[]; values: Set<string> };
      assert.ok(all.length > 0 && values.size > 0, `${entry} (${format}): names were read`);
      const missing = [...values].filter((n) => !runtime.has(n));
      assert.deepEqual(missing, [], `${entry} (${format}): declared as values, absent at run time`);
      const undeclared = [...runtime].filter((n) => !values.has(n));
      assert.deepEqual(undeclared, [], `${entry} (${format}): at run time, not declared as values`);
    }
  }
});

test('the resource classes made by SecurityApi are types only: `instanceof RolesApi` does not compile', () => {
  const { program, paths } = compile({
    'probe.mts': `import { RolesApi, DlsVariable, SecurityApi } from ${JSON.stringify(path.join(DIST, 'security.js'))};\n` +
      'declare const api: SecurityApi;\nconst roles: RolesApi = api.roles;\nvoid roles;\nvoid (api.roles instanceof RolesApi);\nvoid ((null as unknown) instanceof DlsVariable);\n',
  });
  const source = program.getSourceFile(paths['probe.mts'] as string) as ts.SourceFile;
  const codes = program.getSemanticDiagnostics(source).map((d) => `${source.getLineAndCharacterOfPosition(d.start ?? 0).line}:${d.code}`);
  // lines 5 and 6 use the names as values (refused); line 3 uses RolesApi as a type (fine)
  assert.deepEqual(codes.filter((c) => c.startsWith('2:') || c.startsWith('3:')), []);
  assert.equal(codes.filter((c) => c.startsWith('4:') || c.startsWith('5:')).length, 2, codes.join(' '));
});

test('a consumer emitting declarations can name every type the public functions and classes take and give', () => {
  const files: Record<string, string> = {};
  const require = createRequire(path.join(DIST, 'index.cjs'));
  for (const entry of ENTRIES) {
    const names = Object.keys(require(`./${entry}.cjs`) as object);
    const lines = [`import * as M from 'opensearch-fgac${entry === 'index' ? '' : `/${entry}`}';`];
    for (const name of names) {
      lines.push(`export const v_${name} = M.${name};`);
      // a function's (or constructor's) parameters and result, as a library wrapping the SDK would re-export them
      // each parameter and the result, as a wrapping library's inferred exports would carry them (an expression, so the
      // emitted declaration must name the types itself rather than repeat what was written)
      lines.push(`export const p_${name} = (null as unknown as (typeof M.${name} extends (...args: any) => any ? Parameters<typeof M.${name}> : typeof M.${name} extends abstract new (...args: any) => any ? ConstructorParameters<typeof M.${name}> : never[])).slice();`);
      lines.push(`export const r_${name} = (null as unknown as { r: typeof M.${name} extends (...args: any) => any ? ReturnType<typeof M.${name}> : never }).r;`);
    }
    files[`${entry}-decl.mts`] = `${lines.join('\n')}\n`;
  }
  // a consumer's project: the package by name through its `exports` (symlinks kept, so the chunk files stay unnameable
  // as in an installed copy), opensearch-js beside it
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fgac-decl-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  const installed = path.join(dir, 'node_modules', 'opensearch-fgac');
  fs.mkdirSync(installed);
  for (const part of ['package.json', 'dist']) fs.symlinkSync(path.join(PROJECT_ROOT, part), path.join(installed, part));
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules', '@opensearch-project'), path.join(dir, 'node_modules', '@opensearch-project'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  const paths = Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
  const program = ts.createProgram(paths, { ...OPTIONS, noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: path.join(dir, 'out'), preserveSymlinks: true });
  const result = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics]
    .filter((d) => d.file !== undefined && paths.includes(d.file.fileName))
    .map((d) => `${path.basename(d.file?.fileName ?? '')}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ').slice(0, 160)}`);
  assert.deepEqual(problems, []);
});
