/**
 * Complexity and resource exhaustion under hostile input (stop 48), without timings:
 *  - regular expressions: every RegExp run during a call is recorded (RegExp.prototype.exec is wrapped; test, match,
 *    replace and split all go through it), and a regex holding a shape found quadratic in this review (recheck
 *    "2nd degree polynomial", confirmed by n/2n/4n/8n runs, see the report) must not be run on more than
 *    LINEAR_ONLY_ABOVE characters. A fix that caps the input, rewrites the regex without the shape or uses indexOf
 *    passes.
 *  - loops: operations counted (Array.prototype.some callbacks + String.prototype.startsWith calls) at n and 2n.
 *  - deep input: a typed result or typed error, never a RangeError.
 * Tests named `was:` failed on 5ba3700 (each a quadratic path found then); `fine:` pins what was found linear.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { errors } from '@opensearch-project/opensearch';
import { toTypedError } from '../../src/errors/boundary.js';
import { redactText } from '../../src/errors/redact.js';
import { redactValue } from '../../src/errors/redact-value.js';
import { itemTypedError } from '../../src/ingest/item-errors.js';
import { evaluateDls } from '../../src/verify/dls/index.js';
import { verifyHits } from '../../src/verify/verifier.js';
import { checkSsl, sslSecrets } from '../../src/client/tls.js';
import { SecretSet } from '../../src/errors/secrets.js';
import { readYamlFile } from '../../src/cli/yaml-file.js';

/** Above this many characters only linear regexes may run (a quadratic one costs ~0.5 s at 75 KB already). */
const LINEAR_ONLY_ABOVE = 4096;

/** Regex fragments this review measured quadratic on hostile input (file:line of the current code). */
const QUADRATIC_SHAPES: ReadonlyArray<[string, string]> = [
  ['no such index \\[([^\\]]*)\\]', 'src/errors/verdict.ts:64'],
  ['\\d+\\.?\\d*', 'src/verify/dls/numbers.ts:14/16 (DECIMAL, JAVA_DOUBLE_EXTRA)'],
  ['[\\x00-\\x20]+$', 'src/verify/dls/numbers.ts:35 (trim)'],
  ['-----BEGIN CERTIFICATE-----[\\s\\S]*?-----END CERTIFICATE-----', 'src/client/tls.ts:41 (CERTIFICATE_BLOCK)'],
  ['([\\s\\S]*?)-----END', 'src/client/tls.ts:184 (the key blocks of sslSecrets)'],
];

/** Runs `fn`, returning what it returned and every (regex source, input length) run meanwhile. */
function regexRuns<T>(fn: () => T): { value: T; runs: Array<{ source: string; length: number }> } {
  const exec = RegExp.prototype.exec;
  const runs: Array<{ source: string; length: number }> = [];
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    runs.push({ source: this.source, length: String(s).length - (this.lastIndex > 0 ? this.lastIndex : 0) });
    return exec.call(this, s);
  };
  try {
    return { value: fn(), runs };
  } finally {
    RegExp.prototype.exec = exec;
  }
}

/** The quadratic regexes run on more than LINEAR_ONLY_ABOVE characters (empty when none). */
function quadraticRuns(runs: ReadonlyArray<{ source: string; length: number }>): string[] {
  const out = new Set<string>();
  for (const r of runs) {
    if (r.length <= LINEAR_ONLY_ABOVE) continue;
    for (const [shape, where] of QUADRATIC_SHAPES) if (r.source.includes(shape)) out.add(`${where} on ${r.length} chars`);
  }
  return [...out];
}

function responseError(body: unknown, statusCode: number): Error {
  return new errors.ResponseError({
    body, statusCode, headers: {}, warnings: null,
    meta: { request: { params: { method: 'GET', path: '/x' } }, connection: { url: new URL('http://localhost:9200/') } },
  } as never);
}

/** Operations of a loop over found keys: some() callbacks and startsWith() calls made by `fn`. */
function countedOps(fn: () => void): number {
  const some = Array.prototype.some;
  const startsWith = String.prototype.startsWith;
  let ops = 0;
  Array.prototype.some = function (this: unknown[], cb: (v: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown) {
    return some.call(this, (v: unknown, i: number, a: unknown[]) => { ops++; return cb.call(thisArg, v, i, a); });
  };
  String.prototype.startsWith = function (this: string, ...args: [string, number?]) { ops++; return startsWith.apply(this, args); };
  try {
    fn();
  } finally {
    Array.prototype.some = some;
    String.prototype.startsWith = startsWith;
  }
  return ops;
}

describe('review 144: quadratic regexes on hostile input', () => {
  test('was: a 404 index_not_found_exception with a long reason is not scanned by a quadratic regex', () => {
    // a server (or proxy) answering 404 with a 1 MB reason and no error.index: ~15 s at 600 KB, minutes at 2 MB
    const err = responseError({ error: { type: 'index_not_found_exception', reason: 'no such index ['.repeat(2_000) }, status: 404 }, 404);
    const { value, runs } = regexRuns(() => toTypedError(err));
    assert.equal((value as Error).name, 'IndexNotFoundError');
    assert.deepEqual(quadraticRuns(runs), []);
  });

  test('was: the same through a bulk item error (once per failed item)', () => {
    const { value, runs } = regexRuns(() => itemTypedError(404, { type: 'index_not_found_exception', reason: 'no such index ['.repeat(2_000) }, 'POST', '/_bulk'));
    assert.equal(value.name, 'IndexNotFoundError');
    assert.deepEqual(quadraticRuns(runs), []);
  });

  test('was: a long string in a numeric field of a document is not read by a quadratic regex', () => {
    const opts = { fieldTypes: { age: { type: 'integer' } } } as never;
    for (const age of ['0'.repeat(10_000) + 'x', '1' + ' '.repeat(10_000) + '1']) {
      const { value, runs } = regexRuns(() => evaluateDls('{"range":{"age":{"gte":1}}}', { age }, opts));
      assert.equal(value.result, 'unverifiable');
      assert.deepEqual(quadraticRuns(runs), []);
    }
  });

  test('was: a 1 MB ssl.ca without a certificate block is not scanned by a quadratic regex', () => {
    const ca = 'ND CERTIFICATE-----BEGIN CERTIFICATE-----'.repeat(1_000) + 'ND CERTIFICATE-----';
    const { runs } = regexRuns(() => assert.throws(() => checkSsl({ ca }, false), { name: 'ConfigError' }));
    assert.deepEqual(quadraticRuns(runs), []);
  });

  test('was: the key blocks of ssl.key are found without a quadratic regex, and a real key body is still a secret', () => {
    const hostile = '-----BEGIN A-----'.repeat(20_000);
    const { runs } = regexRuns(() => sslSecrets({ key: hostile }, new SecretSet()));
    assert.deepEqual(quadraticRuns(runs), []);
    const secrets = new SecretSet();
    sslSecrets({ key: 'junk\n-----BEGIN PRIVATE KEY-----\nQUJD\nREVG\n-----END PRIVATE KEY-----\n-----BEGIN EC PARAMETERS-----\nR0hJ\n-----END EC PARAMETERS-----\n' }, secrets);
    assert.equal(redactText('echo QUJDREVG and R0hJ', secrets), 'echo [REDACTED] and [REDACTED]');
  });

  test('the index an index_not_found reason names is still read', () => {
    const named = toTypedError(responseError({ error: { type: 'index_not_found_exception', reason: 'no such index [logs-1] and more' }, status: 404 }, 404));
    assert.equal((named as { index?: unknown }).index, 'logs-1');
    const unclosed = toTypedError(responseError({ error: { type: 'index_not_found_exception', reason: 'no such index [logs-1' }, status: 404 }, 404));
    assert.equal((unclosed as { index?: unknown }).index, '');
  });

  test('fine: redactText on hostile shapes runs none of the quadratic shapes', () => {
    for (const text of ['A+'.repeat(20_000), 'password' + '\t'.repeat(50_000) + 'x', '"password":"' + '\\"'.repeat(20_000), 'token='.repeat(20_000)]) {
      const { runs } = regexRuns(() => redactText(text));
      assert.deepEqual(quadraticRuns(runs), []);
    }
  });
});

describe('review 144: super-linear loops', () => {
  test('was: verifyHits reports n FLS leaks of one hit in O(n) operations, not O(n^2)', () => {
    // src/verify/verifier.ts:358 (`reported.some(...)` per hidden field); 20 000 leaked fields took ~11 s, 160 000 ~90 s
    const ops = (n: number): number => {
      const source = Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));
      const response = { hits: { hits: [{ _index: 'i', _id: '1', _source: source }] } };
      return countedOps(() => {
        const report = verifyHits(response, { indices: [{ indexPatterns: ['i'], rules: [{ fls: ['~f*'] }] }] });
        assert.equal(report.findings.length, n);
      });
    };
    const small = ops(1000);
    const large = ops(2000);
    assert.ok(large / small <= 2.5, `operations grew ${(large / small).toFixed(2)}x when the leaked fields doubled (${small} -> ${large})`);
  });
});

describe('review 144: deep input gives a typed answer, never a RangeError', () => {
  const depth = 100_000;
  test('fine: toTypedError on a 100 000-deep error body (parsed and as text)', () => {
    let inner: unknown = { type: 'x', reason: 'password=hunter2secret' };
    for (let i = 0; i < depth; i++) inner = { caused_by: inner };
    for (const body of [{ error: inner, status: 500 }, '{"error":' + '{"caused_by":'.repeat(depth) + '{"type":"x"}' + '}'.repeat(depth) + ',"status":500}']) {
      const typed = toTypedError(responseError(body, 500)) as Error;
      assert.ok(typed instanceof Error);
      assert.doesNotMatch(`${typed.message} ${JSON.stringify(typed)}`, /hunter2secret/);
    }
  });

  test('fine: evaluateDls on a 100 000-deep bool query and document', () => {
    const query = '{"bool":{"must":['.repeat(depth) + '{"term":{"a":1}}' + ']}}'.repeat(depth);
    assert.equal(evaluateDls(query, { a: 1 }).result, 'unverifiable');
    let doc: unknown = 1;
    for (let i = 0; i < depth; i++) doc = [doc];
    assert.equal(evaluateDls('{"term":{"a":1}}', { a: doc }).result, 'unverifiable');
  });

  test('fine: verifyHits and redactValue on a 100 000-deep _source', () => {
    let doc: unknown = 'password=hunter2secret';
    for (let i = 0; i < depth; i++) doc = { a: doc };
    const report = verifyHits({ hits: { hits: [{ _index: 'i', _id: '1', _source: doc }] } }, { indices: [{ indexPatterns: ['i'], rules: [{ fls: ['~a.a.b'] }] }] });
    assert.equal(report.status, 'unverifiable');
    assert.doesNotMatch(JSON.stringify(redactValue(doc)), /hunter2secret/);
  });

  test('fine: the CLI YAML reader turns billion laughs and deep nesting into a UsageError', () => {
    // one deep parse per process only: a second parse of the same deep text crashes V8 (yaml 2.9.1, node 20)
    const dir = mkdtempSync(join(tmpdir(), 'review144-'));
    try {
      const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')} ]`);
      writeFileSync(join(dir, 'laughs.yaml'), lines.join('\n'));
      writeFileSync(join(dir, 'deep.yaml'), '['.repeat(depth) + ']'.repeat(depth));
      assert.throws(() => readYamlFile('-f', join(dir, 'laughs.yaml')), { name: 'UsageError' });
      assert.throws(() => readYamlFile('-f', join(dir, 'deep.yaml')), { name: 'UsageError' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
