/**
 * The lean entries `opensearch-fgac/basic` and `/iam`: their createClient includes fewer auth
 * modes (the others are refused with a ConfigError naming auth.mode and what to import), every
 * other export is the root's own object, and the root still swaps every mode by configuration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@opensearch-project/opensearch';
import * as root from '../../src/index.js';
import * as client from '../../src/entries/client.js';
import * as basic from '../../src/entries/basic.js';
import * as iam from '../../src/entries/iam.js';
import * as ingestEntry from '../../src/entries/ingest.js';
import * as diagnoseEntry from '../../src/entries/diagnose.js';
import type { AuthOptions, FgacClientOptions } from '../../src/entries/client.js';

const AWS_NODE = 'https://search-x.us-east-1.es.amazonaws.com';
const AUTH: Record<AuthOptions['mode'], AuthOptions> = {
  basic: { mode: 'basic', username: 'u', password: 'p' },
  iam: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' } },
  cognito: { mode: 'cognito', region: 'us-east-1', userPoolId: 'us-east-1_AbCdEf123', clientId: 'abc123', identityPoolId: 'us-east-1:1234abcd-0000', username: 'u', password: 'pw-cognito' },
  none: { mode: 'none' },
};
const options = (mode: AuthOptions['mode']): FgacClientOptions => ({ node: AWS_NODE, auth: AUTH[mode] });

/** The ConfigError a createClient throws for options, or undefined when it makes a client. */
function refusal(create: (o: FgacClientOptions) => Client, o: FgacClientOptions): InstanceType<typeof root.ConfigError> | undefined {
  try {
    assert.ok(create(o) instanceof Client);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof root.ConfigError, `a ConfigError, got ${String(error)}`);
    return error;
  }
}

test('the root and /client createClient swap every mode by configuration', () => {
  assert.equal(root.createClient, client.createClient);
  for (const mode of ['basic', 'iam', 'cognito', 'none'] as const) assert.equal(refusal(root.createClient, options(mode)), undefined, mode);
});

test('opensearch-fgac/basic makes basic and none clients and refuses iam and cognito naming auth.mode and what to import', () => {
  assert.equal(refusal(basic.createClient, options('basic')), undefined);
  assert.equal(refusal(basic.createClient, options('none')), undefined);
  const iamRefused = refusal(basic.createClient, options('iam'));
  assert.equal(iamRefused?.option, 'auth.mode');
  assert.match(iamRefused?.message ?? '', /^auth\.mode: mode "iam" is not included in opensearch-fgac\/basic \(modes: basic, none\)/);
  assert.match(iamRefused?.message ?? '', /import createClient from "opensearch-fgac" or "opensearch-fgac\/client" \(every mode\) or "opensearch-fgac\/iam"/);
  const cognitoRefused = refusal(basic.createClient, options('cognito'));
  assert.equal(cognitoRefused?.option, 'auth.mode');
  assert.match(cognitoRefused?.message ?? '', /mode "cognito" is not included in opensearch-fgac\/basic/);
  assert.doesNotMatch(cognitoRefused?.message ?? '', /pw-cognito/);
});

test('opensearch-fgac/iam makes iam and none clients and refuses basic and cognito', () => {
  assert.equal(refusal(iam.createClient, options('iam')), undefined);
  assert.equal(refusal(iam.createClient, options('none')), undefined);
  const basicRefused = refusal(iam.createClient, options('basic'));
  assert.equal(basicRefused?.option, 'auth.mode');
  assert.match(basicRefused?.message ?? '', /mode "basic" is not included in opensearch-fgac\/iam \(modes: iam, none\).* or "opensearch-fgac\/basic"$/);
  assert.equal(refusal(iam.createClient, options('cognito'))?.option, 'auth.mode');
});

test('a lean entry checks the common options as the root does; another mode is refused at auth.mode, its options unchecked (its rules are not bundled)', () => {
  const other = refusal(basic.createClient, { node: AWS_NODE, auth: { mode: 'iam', region: 'nowhere' } as AuthOptions });
  assert.equal(other?.option, 'auth.mode');
  assert.equal(refusal(iam.createClient, { node: AWS_NODE, auth: { mode: 'basic', username: 'u', password: '' } })?.option, 'auth.mode');
  assert.equal(refusal(basic.createClient, { node: 'ftp://x', auth: { mode: 'basic', username: 'u', password: 'p' } })?.option, 'node');
  assert.equal(refusal(basic.createClient, { node: AWS_NODE, auth: { mode: 'basic', username: 'u', password: '' } })?.option, 'auth.password');
  assert.equal(refusal(iam.createClient, { node: AWS_NODE, auth: { mode: 'iam', region: 'nowhere' } as AuthOptions })?.option, 'auth.region');
  assert.equal(refusal(basic.createClient, { node: AWS_NODE, auth: { mode: 'none' }, requestTimeoutMs: -1 })?.option, 'requestTimeoutMs');
  assert.match(refusal(basic.createClient, { node: AWS_NODE, auth: { mode: 'kerberos' } as unknown as AuthOptions })?.message ?? '', /unknown mode/);
});

test('the lean entries export the names of /client, and all but createClient are the root objects (instanceof holds across entries)', () => {
  for (const lean of [basic, iam]) {
    assert.deepEqual(Object.keys(lean).sort(), Object.keys(client).sort());
    for (const [name, value] of Object.entries(lean)) {
      if (name === 'createClient') assert.notEqual(value, root.createClient);
      else assert.equal(value, (root as Record<string, unknown>)[name], name);
    }
  }
  const error = refusal(basic.createClient, options('iam'));
  assert.ok(error instanceof iam.ConfigError && error instanceof client.ConfigError && root.isFgacError(error));
});

test('ingest and checkDomain load their code on the first call: the same functions at the root and the subpath, and they reach it', async () => {
  assert.equal(root.ingest, ingestEntry.ingest);
  assert.equal(root.checkDomain, diagnoseEntry.checkDomain);
  const c = root.createClient({ node: 'https://localhost:9200', auth: { mode: 'none' } });
  // The implementations' own checks answer: bad options are ConfigErrors naming them, before anything is sent.
  await assert.rejects(root.ingest(c, [], { concurrency: 0 }), (e: unknown) => e instanceof root.ConfigError && e.option.includes('concurrency'));
  await assert.rejects(root.checkDomain({} as never), (e: unknown) => e instanceof root.ConfigError && e.option === 'client');
  await assert.rejects(root.checkDomain(c, { retries: -1 }), (e: unknown) => e instanceof root.ConfigError && e.option === 'retries');
  const report = await root.ingest(c, []);
  assert.equal(report.outcomes.length, 0);
});

/** A resolve hook that appends every src/ module it resolves to `log` (a file: hooks run off the main thread on Node 22+, where their stdout is not the process's). */
const hookFor = (log: string): string => `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.includes('/src/')) appendFileSync(${JSON.stringify(log)}, r.url.replace(/^.*\\/src\\//, 'src/') + '\\n');
  return r;
}`;

test('importing the root (or /ingest, /diagnose) loads neither the ingest nor the checkDomain implementation; calling them does', async () => {
  const index = pathToFileURL(fileURLToPath(new URL('../../src/index.ts', import.meta.url))).href;
  const log = join(mkdtempSync(join(tmpdir(), 'fgac-lazy-')), 'resolved.txt');
  writeFileSync(log, '');
  const script = `import { register } from 'node:module';
import { appendFileSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hookFor(log))}));
const m = await import(${JSON.stringify(index)});
appendFileSync(${JSON.stringify(log)}, '--imported\\n');
await m.ingest(m.createClient({ node: 'https://localhost:9200', auth: { mode: 'none' } }), []);
await m.checkDomain({}).catch(() => {});
appendFileSync(${JSON.stringify(log)}, '--called\\n');`;
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  const stdout = readFileSync(log, 'utf8');
  const [before = '', after = ''] = stdout.split('--imported');
  assert.match(before, /src\/entries\/on-demand\.ts/);
  assert.match(before, /src\/ingest\/adapters\.ts/);
  assert.doesNotMatch(before, /src\/ingest\/ingest\.ts|src\/diagnose\/check-domain\.ts/);
  assert.match(after, /src\/ingest\/ingest\.ts/);
  assert.match(after, /src\/diagnose\/check-domain\.ts/);
  assert.match(after, /--called/);
});
