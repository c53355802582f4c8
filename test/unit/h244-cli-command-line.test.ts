/**
 * h244 (review 243): how the CLI reads its command line before commander parses it. `--json` given before the
 * command word said "unknown option '--json'" where the mistake is the unknown command (as `nosuch --json` says);
 * after `--` (the end of options) `--json` is an operand and the answer is text; an unknown command is a usage error
 * (exit 2) whatever flags come with it (`nosuch --help` showed the program's help and exited 0).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli-run.js';

const PASSWORD = 'H244-Cli-Secret-7q!';
// port 9 (discard) on loopback: nothing listens, and no case gets as far as sending
const ENV = { OPENSEARCH_URL: 'http://127.0.0.1:9', OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: PASSWORD };

interface Doc { ok: boolean; kind?: string; error?: string; help?: unknown }

async function json(args: string[]): Promise<{ code: number; doc: Doc }> {
  const r = await runCli(args, ENV);
  assert.equal(r.stderr, '', `${args.join(' ')}: ${r.stderr.slice(0, 200)}`);
  return { code: r.code, doc: JSON.parse(r.stdout) as Doc };
}

test('--json before an unknown command: the JSON names the unknown command, as after it', async () => {
  for (const args of [['--json', 'nosuch'], ['nosuch', '--json'], ['--json', 'nosuch', '--index', 'x'], ['--json', '--', 'nosuch']]) {
    const { code, doc } = await json(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(doc.kind, 'usage');
    assert.match(doc.error ?? '', /^unknown command 'nosuch'/, args.join(' '));
  }
  // a misspelt command keeps commander's suggestion
  assert.match((await json(['--json', 'whoam'])).doc.error ?? '', /unknown command 'whoam'\n\(Did you mean whoami\?\)/);
});

test('after --, --json is an operand: the answer is text (stderr), stdout holds nothing', async () => {
  for (const [args, message] of [
    [['whoami', '--', '--json'], /^error: too many arguments for 'whoami'/],
    [['verify', '--index', 'movies', '--', '--json'], /^error: too many arguments for 'verify'/],
    [['--', '--json'], /^error: unknown command '--json'/],
  ] as Array<[string[], RegExp]>) {
    const r = await runCli(args, ENV);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '', `${args.join(' ')}: ${r.stdout.slice(0, 200)}`);
    assert.match(r.stderr, message, args.join(' '));
  }
  // a `--` a flag takes as its value ends nothing: commander reads the --json after it (the value is refused)
  const { code, doc } = await json(['explain', '--action', '--', '--json']);
  assert.equal(code, 2);
  assert.match(doc.error ?? '', /--action <action>' argument '--' is invalid\. needs a value/);
  // --json before the -- still counts
  assert.match((await json(['whoami', '--json', '--', 'x'])).doc.error ?? '', /too many arguments/);
});

test('an unknown command is a usage error whatever flags come with it: --help / -h do not turn it into help asked for', async () => {
  for (const args of [['nosuch', '--help'], ['nosuch', '-h'], ['--help', 'nosuch'], ['-h', 'nosuch'], ['nosuch', '--index', 'x', '--help']]) {
    const r = await runCli(args, ENV);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^error: unknown command 'nosuch'\n\nUsage: opensearch-fgac /, args.join(' '));
  }
  for (const args of [['nosuch', '--json', '--help'], ['--json', '-h', 'nosuch']]) {
    const { code, doc } = await json(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(doc.ok, false);
    assert.match(doc.error ?? '', /^unknown command 'nosuch'/);
  }
  // the word as typed is cleaned like any echo of commander's: a password pasted as the command is not shown
  const pasted = await runCli([PASSWORD, '--help'], ENV);
  assert.equal(pasted.code, 2);
  assert.ok(!pasted.text.includes(PASSWORD));
});

test('unchanged: help asked for of the program or a command exits 0; --json without a command or before a known one is refused', async () => {
  for (const args of [['--help'], ['-h'], ['help'], ['whoami', '--help'], ['help', 'verify'], ['explain', '--json', '-h']]) {
    assert.equal((await runCli(args, ENV)).code, 0, args.join(' '));
  }
  assert.equal((await json(['--json', '-h'])).code, 0);
  assert.match((await json(['--json'])).doc.error ?? '', /^unknown option '--json'/);
  assert.match((await json(['--json', 'whoami'])).doc.error ?? '', /^unknown option '--json'/);
  assert.equal((await runCli(['help', 'nosuch'], ENV)).code, 2);
  // an unknown option before the word is still the mistake named
  const bogus = await runCli(['--bogus', 'nosuch'], ENV);
  assert.equal(bogus.code, 2);
  assert.match(bogus.stderr, /^error: unknown option '--bogus'/);
  // `--action --json`: the flag's value is refused under --json, as before
  assert.match((await json(['explain', '--action', '--json'])).doc.error ?? '', /--action <action>' argument '--json' is invalid/);
});
