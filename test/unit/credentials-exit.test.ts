/**
 * A credential provider that never answers is bounded (requestTimeoutMs, default 30 s), and that bound keeps the
 * process alive exactly while a caller waits: a script (or a Lambda handler) whose every caller gave up exits on its
 * own, and a caller still waiting, with nothing else alive, gets its CredentialsError. The child processes below run
 * with nothing else in their event loop; "exited" means before the parent's 15 s bound, far below the 30 s one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CredentialCache } from '../../src/auth/credentials.js';

const ROOT = resolve(import.meta.dirname, '../..');
const src = (path: string): string => JSON.stringify(pathToFileURL(join(ROOT, 'src', path)).href);
/** The parent's bound on a child: generous for a loaded machine, and half the provider's 30 s bound. */
const CHILD_BOUND_MS = 15_000;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fgac-credentials-exit-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface ChildEnd {
  /** False when the parent had to kill the child at CHILD_BOUND_MS. */
  exited: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `body` (top-level-await TypeScript) in a child Node process with tsx; never rejects. */
async function runChild(name: string, body: string): Promise<ChildEnd> {
  const file = join(dir, `${name}.mts`);
  await writeFile(file, body);
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, timeout: CHILD_BOUND_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const killed = (error as { killed?: boolean } | null)?.killed === true;
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : null;
      done({ exited: !killed, code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function assertExitedWith(end: ChildEnd, printed: string): void {
  assert.ok(end.exited, `the child was still alive after ${CHILD_BOUND_MS} ms (printed ${JSON.stringify(end.stdout)}; stderr ${end.stderr.slice(0, 500)})`);
  assert.equal(end.code, 0, end.stderr.slice(0, 1000));
  assert.equal(end.stdout.trim(), printed);
}

const HANG = 'credentials: () => new Promise<never>(() => undefined)';

describe('a caller that gave up does not keep the process alive for the provider bound', () => {
  test('client.info() aborted while an iam provider never answers (requestTimeoutMs 30 000): the script exits', async () => {
    const end = await runChild('client-abort', `
      import { createClient } from ${src('client/create-client.ts')};
      const client = createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'iam', region: 'us-east-1', ${HANG} }, requestTimeoutMs: 30_000 });
      const pending = client.info();
      setTimeout(() => pending.abort(), 50);
      try { await pending; console.log('resolved'); } catch (error) { console.log((error as Error).name); }
    `);
    assertExitedWith(end, 'RequestAbortedError');
  });

  test('retry.signal (a handler deadline) aborts the wait: the script exits', async () => {
    const end = await runChild('retry-signal', `
      import { createClient } from ${src('client/create-client.ts')};
      const controller = new AbortController();
      const client = createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'iam', region: 'us-east-1', ${HANG} }, requestTimeoutMs: 30_000, retry: { signal: controller.signal } });
      setTimeout(() => controller.abort(), 50);
      try { await client.info(); console.log('resolved'); } catch (error) { console.log((error as Error).name); }
    `);
    assertExitedWith(end, 'RequestAbortedError');
  });

  test('a basic password provider that never answers, the request aborted: the script exits', async () => {
    const end = await runChild('basic-abort', `
      import { createClient } from ${src('client/create-client.ts')};
      const client = createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'basic', username: 'u', password: () => new Promise<never>(() => undefined) }, requestTimeoutMs: 30_000 });
      const pending = client.info();
      setTimeout(() => pending.abort(), 50);
      try { await pending; console.log('resolved'); } catch (error) { console.log((error as Error).name); }
    `);
    assertExitedWith(end, 'RequestAbortedError');
  });

  test('strategy.authorize({ signal }) awaited directly (default 30 s bound), the signal aborted: the script exits', async () => {
    const end = await runChild('strategy-abort', `
      import { createIamStrategy } from ${src('auth/iam.ts')};
      const strategy = createIamStrategy({ scope: { region: 'us-east-1', service: 'es' }, ${HANG} });
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('caller left')), 50);
      try { await strategy.authorize({ signal: controller.signal }); console.log('resolved'); } catch (error) { console.log((error as Error).message); }
    `);
    assertExitedWith(end, 'caller left');
  });
});

describe('a caller still waiting keeps the process alive until its answer', () => {
  test('strategy.authorize() awaited with nothing else alive receives its CredentialsError at the bound', async () => {
    // timeoutMs is the strategy's existing option (requestTimeoutMs in a client); a short one keeps the test short
    const end = await runChild('strategy-wait', `
      import { createIamStrategy } from ${src('auth/iam.ts')};
      const strategy = createIamStrategy({ scope: { region: 'us-east-1', service: 'es' }, timeoutMs: 1_500, ${HANG} });
      try { await strategy.authorize(); console.log('resolved'); } catch (error) { console.log((error as Error).name, (error as { source?: string }).source); }
    `);
    assertExitedWith(end, 'CredentialsError aws:credentials-provider');
  });

  test('after every caller left, a new caller joins the pending provider call and receives its CredentialsError', async () => {
    const end = await runChild('cache-rejoin', `
      import { CredentialCache } from ${src('auth/credentials.ts')};
      let calls = 0;
      const cache = new CredentialCache<string>({ source: 'hang', provider: () => { calls += 1; return new Promise<never>(() => undefined); }, timeoutMs: 1_500 });
      const controller = new AbortController();
      const first = cache.get({ signal: controller.signal });
      controller.abort(new Error('first left'));
      try { await first; } catch (error) { console.log((error as Error).message); }
      // nobody waits now; this caller must keep the process alive until the bound answers it
      try { await cache.get(); console.log('resolved'); } catch (error) { console.log((error as Error).name, calls); }
    `);
    assertExitedWith(end, 'first left\nCredentialsError 1');
  });
});

describe('the bound is ref\'d exactly while a caller waits (in process)', () => {
  const refTimeouts = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

  test('ref\'d while waiting, unref\'d when the last caller left, ref\'d again for a new caller; a late answer is kept once', async () => {
    let calls = 0;
    let answer: (value: string) => void = () => undefined;
    const cache = new CredentialCache<string>({
      source: 'late',
      provider: () => {
        calls += 1;
        return new Promise<string>((r) => (answer = r));
      },
      timeoutMs: 30_000,
    });
    const base = refTimeouts();
    const a = new AbortController();
    const b = new AbortController();
    const first = cache.get({ signal: a.signal });
    const second = cache.get({ signal: b.signal });
    assert.equal(refTimeouts(), base + 1, 'one bound, ref\'d while two callers wait');
    a.abort(new Error('a left'));
    await assert.rejects(first, /a left/);
    assert.equal(refTimeouts(), base + 1, 'still ref\'d: the second caller waits');
    b.abort(new Error('b left'));
    await assert.rejects(second, /b left/);
    assert.equal(refTimeouts(), base, 'unref\'d: nobody waits');
    const third = cache.get();
    assert.equal(refTimeouts(), base + 1, 'a new caller refs it again');
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, 1, 'the new caller joined the pending call');
    answer('v1');
    assert.deepEqual(await third, { value: 'v1', generation: 1 });
    assert.equal(refTimeouts(), base, 'the bound is cleared with the answer');
    assert.deepEqual(await cache.get(), { value: 'v1', generation: 1 });
    assert.equal(calls, 1);
  });

  test('an answer arriving after every caller left is cached once and handed to the next caller', async () => {
    let calls = 0;
    let answer: (value: string) => void = () => undefined;
    const cache = new CredentialCache<string>({
      source: 'late',
      provider: () => {
        calls += 1;
        return new Promise<string>((r) => (answer = r));
      },
      timeoutMs: 30_000,
    });
    const base = refTimeouts();
    const a = new AbortController();
    const first = cache.get({ signal: a.signal });
    a.abort(new Error('left'));
    await assert.rejects(first, /left/);
    assert.equal(refTimeouts(), base, 'nobody waits: the bound does not hold the process');
    answer('late');
    await new Promise((r) => setImmediate(r));
    assert.equal(refTimeouts(), base, 'the bound is cleared with the answer');
    assert.deepEqual(await cache.get(), { value: 'late', generation: 1 });
    assert.equal(calls, 1);
  });
});

describe('a call out of retry.maxElapsedMs leaves the wait too', () => {
  test('retry.maxElapsedMs ends the wait for a provider that never answers: the script exits', async () => {
    const end = await runChild('max-elapsed', `
      import { createClient } from ${src('client/create-client.ts')};
      const client = createClient({ node: 'http://127.0.0.1:9', auth: { mode: 'iam', region: 'us-east-1', ${HANG} }, requestTimeoutMs: 30_000, retry: { maxElapsedMs: 300 } });
      try { await client.info(); console.log('resolved'); } catch (error) { console.log((error as Error).name); }
    `);
    assertExitedWith(end, 'TimeoutError');
  });
});
