/**
 * The second half of `npm test`: the same test files against the other opensearch-js major and on
 * the other Node.js majors Lambda runs.
 *
 *   tsx test/matrix/run.ts [opensearch-js-2] [opensearch-js-2-floor] [node-22] [node-24] [opensearch-3] [dfm]   (no argument: all of them)
 *
 * - `opensearch-js-2`: the test files that touch the client's internals (transport, connection,
 *   errors, signing, ingest, security API), run again with every `@opensearch-project/opensearch`
 *   import and require redirected to the `opensearch-js-2` alias devDependency
 *   (test/support/opensearch-js-alias.mjs, passed through NODE_OPTIONS so child processes follow).
 * - `opensearch-js-2-floor`: the same unit files against opensearch-js 2.1.0, the floor of the peer range
 *   (alias devDependency `opensearch-js-2-floor`).
 * - `node-22`, `node-24`: all unit tests and the integration smoke on that Node.js, a binary
 *   installed from the npm package node-<os>-<arch> into .local-domain/node/<version>/.
 * - In these four legs each seeded fuzz runs one quarter of its default cases, another quarter per leg
 *   (FGAC_FUZZ_SHARE, test/support/fuzz-share.ts); the Node 20 run after the matrix runs them all.
 * - `opensearch-3`: a second local domain, OpenSearch 3.4.0 with the real security plugin 3.4.0.0
 *   (in .local-domain/opensearch-3/, test/domain/extended-plugins.ts), started, given the integration
 *   files that judge the plugin's behaviour, and stopped again.
 * - `dfm`: one more 3.4.0 node, with `plugins.security.dfm_empty_overrides_all: true` (a node setting the
 *   API cannot change), for the integration files named dfm-*; the main run judges them with it off.
 *
 * Each run is one `node --test` process; every run is made, and any failure fails the command.
 *
 * Two lanes run side by side (the machine has two cores; a leg is one test process at a time): the 2.19.4 domain's
 * legs (opensearch-js 2.x, the floor, Node 22) stream their output; the 3.4.0 legs and Node 24's unit tests, which
 * never touch the 2.19.4 domain, print theirs when each ends. Node 24's integration smoke runs after both lanes, so no
 * two legs use the 2.19.4 domain at once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMAIN_DIR, DOWNLOADS_DIR, PROJECT_ROOT } from '../domain/paths.js';
import { nodeBinary, NODE_RUNTIMES } from './node-binaries.js';

/** Test files (by name prefix) that reach opensearch-js internals; each prefix must match a file. */
const OPENSEARCH_JS_2_FILES = {
  unit: ['client-after-response', 'client-config', 'client-faults-', 'client-transport', 'credentials', 'errors-', 'hostile-', 'ingest', 'retry', 'security-', 'sigv4', 'check-domain', 'opensearch-js-version', 'transport-'],
  integration: ['client-', 'errors-', 'ingest', 'security-', 'permissions', 'check-domain'],
};

/** The integration smoke on the other Node.js majors: the domain, typed errors of every auth mode, ingestion. */
const SMOKE_FILES = { integration: ['domain', 'errors-real', 'ingest', 'client-views'] };

function select(dir: 'unit' | 'integration', prefixes: readonly string[] | 'all'): string[] {
  const all = fs.readdirSync(path.join(PROJECT_ROOT, 'test', dir)).filter((f) => f.endsWith('.test.ts')).sort();
  if (prefixes === 'all') return all.map((f) => path.join('test', dir, f));
  const chosen = new Set<string>();
  for (const p of prefixes) {
    const hits = all.filter((f) => f.startsWith(p));
    if (hits.length === 0) throw new Error(`test/matrix/run.ts: no test/${dir}/${p}*.test.ts (renamed? update the list)`);
    for (const h of hits) chosen.add(h);
  }
  return [...chosen].map((f) => path.join('test', dir, f));
}

/**
 * Integration files not run against the 3.x domain, and why: the consumer projects (npm, Jest, pnpm, a layer) and the
 * in-process referee do not depend on the domain's version (the referee runs both plugin generations).
 */
const NOT_ON_OPENSEARCH_3 = ['consumer', 'install-layouts', 'referee-masking'];

/** The 3.x domain's directory (its own node, certificates, ports and state). */
const OPENSEARCH_3_DIR = path.join(DOMAIN_DIR, 'opensearch-3');
const OPENSEARCH_3_VERSIONS = '3.4.0';

const failed: string[] = [];

/** Where a leg's output goes: streamed, or kept and printed when the leg ends (a lane beside the streaming one). */
type Output = 'stream' | 'held';

/** Runs `command` to its end; a held run's output is returned instead of printed. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, output: Output): Promise<{ status: number | null; signal: NodeJS.Signals | null; text: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: output === 'stream' ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => chunks.push(Buffer.from(`${String(error)}\n`)));
    child.on('close', (status, signal) => resolve({ status, signal, text: Buffer.concat(chunks).toString('utf8') }));
  });
}

async function runTests(label: string, node: string, files: string[], env: NodeJS.ProcessEnv = {}, output: Output = 'stream'): Promise<void> {
  const started = Date.now();
  const header = `\n=== ${label}: ${files.length} test files on ${node === process.execPath ? `node ${process.version}` : node}`;
  if (output === 'stream') console.log(header);
  // A TAP copy of the results as well: Node 22's runner exits 0 when a describe() callback throws (the suite is
  // printed as failed, the totals say `fail 0`), so a leg also fails on any `not ok` line.
  const tap = path.join(fs.mkdtempSync(path.join(tmpdir(), 'fgac-matrix-')), 'results.tap');
  const r = await run(node, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=dot', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files], env, output);
  const notOk = notOkLines(tap);
  const ok = r.status === 0 && notOk.length === 0;
  const why = r.status !== 0 ? `exit ${r.status ?? r.signal}` : `exit 0 but ${notOk.length} not-ok result(s): ${notOk.slice(0, 3).join('; ')}`;
  const footer = `=== ${label}: ${ok ? 'passed' : `FAILED (${why})`} in ${((Date.now() - started) / 1000).toFixed(0)} s`;
  if (output === 'held') console.log(`${header} (held, printed at its end; TAP: ${tap})\n${r.text}`);
  console.log(footer);
  if (!ok) failed.push(label);
}

/** The `not ok` lines of a TAP file (a missing file counts as one: the results were not written). */
function notOkLines(file: string): string[] {
  if (!fs.existsSync(file)) return [`no TAP results in ${file}`];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => /^\s*not ok \d+/.test(l) && !/# TODO\b/.test(l)).map((l) => l.trim());
}

const wanted = process.argv.slice(2);
const want = (name: string): boolean => wanted.length === 0 || wanted.includes(name);

/** The environment that swaps every opensearch-js import of the test process (and its children) for `alias`. */
function aliasEnv(alias: string): NodeJS.ProcessEnv {
  const hook = path.join(PROJECT_ROOT, 'test', 'support', 'opensearch-js-alias.mjs');
  return { FGAC_OPENSEARCH_JS: alias, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${JSON.stringify(hook)}`.trim() };
}

/**
 * The prototype-pollution check's seeds in a leg (its file says which it runs by default): one other seed per leg,
 * so a CI run covers more seeds for the time of one each.
 */
function protoSeed(seed: number | ''): NodeJS.ProcessEnv {
  return { FGAC_PROTO_SEEDS: process.env.FGAC_PROTO_SEEDS ?? String(seed) };
}

/**
 * Node 24 reads names through Object.prototype inside its own emitters (a response's headers, built on first read;
 * an event listener array's `warned`), so a planted name there throws or misleads opensearch-js outside any code of
 * ours, whoever's client it is: its leg runs the prototype check's parts 1 and 3-5, not the seeded part 2.
 */
const NO_SEEDED_PROTOTYPE_RUN = 24;

/**
 * The other seeded fuzzes' cases in a leg: one quarter each (test/support/fuzz-share.ts), a different quarter per leg, so
 * the four legs add cases to the Node 20 run (which takes them all) for about the time of one.
 */
function fuzzShare(k: 1 | 2 | 3 | 4): NodeJS.ProcessEnv {
  return { FGAC_FUZZ_SHARE: process.env.FGAC_FUZZ_SHARE ?? `${k}/4` };
}

/** The other Node.js majors' binaries (installed on first use) and their legs' seeds and fuzz shares. */
function runtime(version: string): { label: string; node: string; env: NodeJS.ProcessEnv } {
  const major = Number(version.split('.')[0]);
  const node = nodeBinary(version, path.join(DOMAIN_DIR, 'node'));
  return { label: `node ${version}`, node, env: { ...protoSeed(major === NO_SEEDED_PROTOTYPE_RUN ? '' : 5), ...fuzzShare(major === NO_SEEDED_PROTOTYPE_RUN ? 4 : 3) } };
}
const [NODE_22, NODE_24] = NODE_RUNTIMES;

/** Starts a 3.x domain in `dir` (with extra node settings), runs `files` against it, and stops it; its output is held. */
async function withOpenSearch3(label: string, dir: string, nodeSettings: string, files: () => string[]): Promise<void> {
  const env = { FGAC_DOMAIN_DIR: dir, FGAC_DOWNLOADS_DIR: DOWNLOADS_DIR, FGAC_OPENSEARCH_VERSIONS: OPENSEARCH_3_VERSIONS, FGAC_NODE_SETTINGS: nodeSettings };
  const domain = async (command: 'start' | 'stop'): Promise<boolean> => {
    const r = await run(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test', 'domain', 'cli.ts'), command], env, 'held');
    if (r.status !== 0) console.log(`\n=== ${label}: domain ${command} failed (exit ${r.status ?? r.signal})\n${r.text}`);
    return r.status === 0;
  };
  try {
    if (await domain('start')) await runTests(label, process.execPath, files(), env, 'held');
    else failed.push(`${label}: domain start`);
  } finally {
    await domain('stop');
  }
}

/** The 2.19.4 domain's legs, one after another, output streamed. */
async function mainLane(): Promise<void> {
  if (want('opensearch-js-2')) {
    await runTests('opensearch-js 2.x', process.execPath, [...select('unit', OPENSEARCH_JS_2_FILES.unit), ...select('integration', OPENSEARCH_JS_2_FILES.integration)], { ...aliasEnv('opensearch-js-2'), ...protoSeed(3), ...fuzzShare(1) });
  }
  // The peer range's floor (package.json: ^2.1.0): the client-internals unit files, so a change that needs a newer
  // opensearch-js fails here rather than in an app pinned to an older 2.x
  if (want('opensearch-js-2-floor')) {
    await runTests('opensearch-js 2.1.0 (peer floor)', process.execPath, select('unit', OPENSEARCH_JS_2_FILES.unit), { ...aliasEnv('opensearch-js-2-floor'), ...protoSeed(4), ...fuzzShare(2) });
  }
  if (want('node-22')) {
    const { label, node, env } = runtime(NODE_22);
    await runTests(label, node, [...select('unit', 'all'), ...select('integration', SMOKE_FILES.integration)], env);
  }
}

/** The legs that never use the 2.19.4 domain (the 3.4.0 domains, Node 24's unit tests), output held. */
async function sideLane(): Promise<void> {
  if (want('opensearch-3')) {
    await withOpenSearch3(`OpenSearch ${OPENSEARCH_3_VERSIONS} + security plugin`, OPENSEARCH_3_DIR, '', () => {
      select('integration', NOT_ON_OPENSEARCH_3); // each name must still match a file
      return select('integration', 'all').filter((f) => !NOT_ON_OPENSEARCH_3.some((p) => path.basename(f).startsWith(p)));
    });
  }
  if (want('dfm')) {
    await withOpenSearch3(`OpenSearch ${OPENSEARCH_3_VERSIONS}, dfm_empty_overrides_all on`, path.join(DOMAIN_DIR, 'opensearch-3-dfm'), 'plugins.security.dfm_empty_overrides_all: true', () => select('integration', ['dfm-']));
  }
  if (want('node-24')) {
    const { label, node, env } = runtime(NODE_24);
    await runTests(`${label}, unit tests`, node, select('unit', 'all'), env, 'held');
  }
}

// allSettled: a lane that throws (a renamed test file, a Node binary that fails to install) must not end the run
// while the other lane's domain is up and its tests run; the throw is a failure like any leg's
for (const [lane, outcome] of (await Promise.allSettled([mainLane(), sideLane()])).entries()) {
  if (outcome.status === 'rejected') {
    console.error(`\n=== ${lane === 0 ? '2.19.4 lane' : '3.4.0 / Node 24 lane'}: stopped by ${String(outcome.reason)}`);
    failed.push(`${lane === 0 ? '2.19.4' : '3.4.0 / Node 24'} lane`);
  }
}
// after both lanes: the only leg of the side lane that uses the 2.19.4 domain
if (want('node-24')) {
  const { label, node, env } = runtime(NODE_24);
  await runTests(`${label}, integration smoke`, node, select('integration', SMOKE_FILES.integration), env);
}
if (failed.length > 0) {
  console.error(`\ntest matrix: FAILED: ${failed.join(', ')}`);
  process.exit(1);
}
