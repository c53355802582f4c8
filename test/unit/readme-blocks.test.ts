/**
 * Every ```ts block of the README compiles under `--strict`, as a reader would paste it into an
 * ESM TypeScript project: each block is its own module importing 'opensearch-fgac' (mapped to
 * src/), checked by the project's tsc. No placeholders, no undeclared variables.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../domain/paths.js';

const run = promisify(execFile);
const README = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
/** The ```ts blocks with the README line they start on. */
const BLOCKS = [...README.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({
  code: m[1] as string,
  line: README.slice(0, m.index).split('\n').length,
}));

// Inside node_modules so the blocks resolve the project's packages (aws-lambda types, opensearch-js).
const DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', `readme-blocks-${process.pid}`);

before(() => {
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  BLOCKS.forEach((b, i) => fs.writeFileSync(path.join(DIR, `block-${i + 1}-line-${b.line}.ts`), b.code));
  fs.writeFileSync(path.join(DIR, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true,
      types: ['node'], typeRoots: [path.join(PROJECT_ROOT, 'node_modules', '@types')],
      paths: {
        'opensearch-fgac': [path.join(PROJECT_ROOT, 'src', 'index.ts')],
        'opensearch-fgac/*': [path.join(PROJECT_ROOT, 'src', 'entries', '*.ts')],
      },
    },
    include: ['*.ts'],
  }));
});
after(() => fs.rmSync(DIR, { recursive: true, force: true }));

/** tsc over the blocks with `tsconfig` (DIR/<name>.json); returns what it printed. */
async function tscOver(config: string): Promise<string> {
  const tsc = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  return run(process.execPath, [tsc, '-p', path.join(DIR, config), '--pretty', 'false'], { cwd: DIR }).then(
    () => '',
    (e: { stdout?: string }) => e.stdout ?? String(e),
  );
}

test('the README has TypeScript blocks and none holds a `{...}` placeholder', () => {
  assert.ok(BLOCKS.length >= 4, `found ${BLOCKS.length} ts blocks`);
  for (const b of BLOCKS) assert.doesNotMatch(b.code, /\{\s*\.\.\.\s*\}|\[\s*\.\.\.\s*\]/, `README line ${b.line}`);
});

test('every ts block of the README compiles under --strict', async () => {
  const result = await tscOver('tsconfig.json');
  // Errors come out as "block-<n>-line-<README line>.ts(line,col): error TS...": the README line is in the name.
  const ownErrors = result.split('\n').filter((l) => l.startsWith('block-'));
  assert.deepEqual(ownErrors, [], result);
  assert.equal(result, '', 'tsc reports nothing, not even in src/');
});

test('the blocks compile against the published declarations (dist/*.d.ts) with exactOptionalPropertyTypes and without skipLibCheck', async () => {
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.d.ts')), 'dist/ is built (npm run build)');
  fs.writeFileSync(path.join(DIR, 'tsconfig.dist.json'), JSON.stringify({
    compilerOptions: {
      strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
      types: ['node'], typeRoots: [path.join(PROJECT_ROOT, 'node_modules', '@types')],
      paths: {
        'opensearch-fgac': [path.join(PROJECT_ROOT, 'dist', 'index.d.ts')],
        'opensearch-fgac/*': [path.join(PROJECT_ROOT, 'dist', '*.d.ts')],
      },
    },
    include: ['*.ts'],
  }));
  const result = await tscOver('tsconfig.dist.json');
  assert.equal(result, '', result);
});
