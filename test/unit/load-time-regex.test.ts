/**
 * Loading the client builds no RegExp with Unicode property classes (`\p{...}`): parsing one costs ~0.3 ms,
 * paid by every import of the package, so such patterns are built on first use (errors/redact-context.ts).
 * looksLikeSecret answers as the pattern it builds lazily.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { looksLikeSecret } from '../../src/errors/redact-context.js';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

test("require of the client build (what require('opensearch-fgac') loads) constructs no \\p{...} RegExp", () => {
  assert.ok(existsSync(join(PROJECT, 'dist', 'client.cjs')), 'dist/ is built (npm run build)');
  const probe = `
    const seen = [];
    const Original = RegExp;
    globalThis.RegExp = new Proxy(Original, { construct(target, args) { if (/\\\\p\\{/.test(String(args[0]))) seen.push(String(args[0])); return Reflect.construct(target, args); } });
    const m = require(process.cwd() + '/dist/client.cjs');
    m.createClient({ node: 'https://search-x.us-east-1.es.amazonaws.com', auth: { mode: 'basic', username: 'u', password: 'p' } });
    globalThis.RegExp = Original;
    console.log(JSON.stringify(seen));`;
  const seen = JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: PROJECT, encoding: 'utf8' })) as string[];
  assert.deepEqual(seen, []);
});

test('looksLikeSecret: prose words are not secrets; mixed case, symbols, long tokens and PINs are', () => {
  for (const word of ['hello', 'Hello', 'HTTP', 'multi-field', 'ssl.cert', 'don\u2019t', 'Données', 'done.', 'note:', '3', '123']) {
    assert.equal(looksLikeSecret(word), false, word);
  }
  for (const token of ['hUnter2', 'p@ss', '1234', 'aB', 'x'.repeat(25), 'secret!', 'ABCdef']) {
    assert.equal(looksLikeSecret(token), true, token);
  }
});
