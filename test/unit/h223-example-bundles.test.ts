/**
 * The example Lambda handlers bundle with the README's "Lambda guidance" flags, CommonJS and ES
 * (`--bundle --platform=node --target=node22`, the createRequire banner for ES), and the bundle is a
 * handler module: loading it runs nothing (the local-run block stays out of a runtime's way), and its
 * handler answers as the source does. Top-level await in the local-run block made the CommonJS build
 * fail ("Top-level await is currently not supported with the "cjs" output format").
 * The handlers are called here with events refused before any request; test/integration/h223-*
 * calls the bundles against the local domain.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../domain/paths.js';

const REQUIRE_BANNER = { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" };
export const LAMBDA_EXAMPLES = ['sqs-ingestor', 'firehose-ingestor', 'lambda-search'] as const;

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h223-bundles-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Builds examples/<name>.ts as a Lambda bundle; returns its path and esbuild's warnings. */
async function bundle(name: string, format: 'cjs' | 'esm'): Promise<{ file: string; warnings: string[] }> {
  const { build } = await import('esbuild');
  const file = path.join(dir, `${name}.${format === 'cjs' ? 'cjs' : 'mjs'}`);
  const result = await build({
    entryPoints: [path.join(PROJECT_ROOT, 'examples', `${name}.ts`)], bundle: true, platform: 'node', target: 'node22', format,
    outfile: file, logLevel: 'silent', absWorkingDir: PROJECT_ROOT, ...(format === 'esm' ? { banner: REQUIRE_BANNER } : {}),
  });
  assert.deepEqual(result.errors, []);
  return { file, warnings: result.warnings.map((w) => `${w.id} at ${w.location?.file ?? '?'}: ${w.text}`) };
}

/** Loads the bundle in a fresh node (as a runtime would: not as the main script) and calls its handler with `event`. */
function callBundle(file: string, event: unknown): { loadedOutput: string; exports: string[]; result?: unknown; error?: { name: string; message: string } } {
  const probe = `
    const { pathToFileURL } = require('node:url');
    (async () => {
      const lines = [];
      const log = console.log, err = console.error;
      console.log = console.error = (...a) => lines.push(a.join(' '));
      const mod = await import(pathToFileURL(process.env.H223_BUNDLE).href);
      await new Promise((r) => setTimeout(r, 50));
      console.log = log; console.error = err;
      const out = { loadedOutput: lines.join('\\n'), exports: Object.keys(mod).filter((k) => k !== 'default' && k !== 'module.exports').sort() };
      try {
        out.result = await mod.handler(JSON.parse(process.argv[1]), undefined, () => undefined);
      } catch (e) {
        out.error = { name: e.name, message: e.message };
      }
      process.stdout.write(JSON.stringify(out));
      process.exit(0);
    })();`;
  // The bundle is not node's main script (argv[1]), as under the Lambda runtime.
  const env = { H223_BUNDLE: file, PATH: process.env.PATH ?? '', OPENSEARCH_URL: 'https://127.0.0.1:9', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'bundle-test-pw', AWS_REGION: 'us-east-1' };
  return JSON.parse(execFileSync(process.execPath, ['-e', probe, JSON.stringify(event)], { env, cwd: os.tmpdir(), encoding: 'utf8', timeout: 30_000 })) as ReturnType<typeof callBundle>;
}

describe('example handlers bundle with the Lambda guidance flags', () => {
  for (const format of ['cjs', 'esm'] as const) {
    for (const name of LAMBDA_EXAMPLES) {
      test(`${name} as ${format}: builds, loads without running the local block, and its handler answers`, async () => {
        const { file, warnings } = await bundle(name, format);
        // Expected only: the project's own `sideEffects: false` drops `import './local-domain.js'` from the bundle, and
        // the import.meta of test/domain/paths.ts, which that helper imports, is read but not bundled.
        const expected = (w: string): boolean => /^ignored-bare-import at examples\/(sqs-ingestor|firehose-ingestor|lambda-search)\.ts:/.test(w)
          || (format === 'cjs' && w.startsWith('empty-import-meta at test/domain/paths.ts:'));
        assert.deepEqual(warnings.filter((w) => !expected(w)), [], warnings.join('\n'));
        assert.ok(!fs.readFileSync(file, 'utf8').includes('connection.json'), 'the local-domain helper is not bundled');
        const ingestor = name !== 'lambda-search';
        const out = callBundle(file, ingestor ? { Records: 'x', records: 'x' } : null);
        assert.equal(out.loadedOutput, '', 'loading the bundle ran nothing');
        assert.ok(out.exports.includes('handler'), out.exports.join(','));
        if (ingestor) {
          assert.equal(out.error?.name, 'MalformedEventError');
          assert.match(out.error.message, /^malformed event: (Records|records) must be an array, got string$/);
        } else {
          assert.deepEqual(out.result, { statusCode: 400, body: JSON.stringify({ error: 'event must be an object, got null', field: 'event' }) });
        }
      });
    }
  }
});
