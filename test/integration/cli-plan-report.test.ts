/**
 * What `opensearch-fgac plan` / `apply` report, run from src (bin.ts through tsx) against the real node (2.19.4 by
 * default; 3.4.0 with FGAC_DOMAIN_DIR=/var/tmp/d34): a file copied from GET internalusers (`hash: ""`), the
 * entities `--prune` keeps, the password among the changed fields, and an apply whose answer was lost (a loopback
 * proxy forwards the PATCH to the node and drops the answer) against one the node refused. Entities named `cpr-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi } from '../../src/security/index.js';
import { loadConnection } from '../domain/connection.js';
import { PROJECT_ROOT } from '../domain/paths.js';
import { startHookProxy } from '../support/hook-proxy.js';
import { localEnv } from '../support/local-env.js';
import { testPassword } from '../support/test-password.js';

const execFileP = promisify(execFile);
const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca } });
const api = new SecurityApi(master);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-plan-'));
const PW1 = testPassword('CprOne');
const PW2 = testPassword('CprTwo');
const env = { ...localEnv(conn, 'basic', 'master'), CPR_PASSWORD: PW2 };

interface Run { code: number; stdout: string; stderr: string }

/** The CLI from src, as a subprocess. */
async function cli(args: string[], vars: Record<string, string> = env): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'cli', 'bin.ts'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...vars }, cwd: PROJECT_ROOT, timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

function file(name: string, content: unknown): string {
  const at = path.join(tmp, name);
  fs.writeFileSync(at, JSON.stringify(content));
  return at;
}

async function raw(p: string): Promise<Record<string, unknown>> {
  return (await master.transport.request({ method: 'GET', path: `/_plugins/_security/api/${p}` })).body as Record<string, unknown>;
}

before(async () => {
  await api.users.put('cpr-u', { password: PW1, backend_roles: ['cpr-a'], attributes: { team: 'x' } });
});

after(async () => {
  await api.roleMappings.delete('cpr-lost').catch(() => undefined);
  await api.roles.delete('cpr-lost').catch(() => undefined);
  for (const name of ['cpr-u', 'cpr-weak']) await api.users.delete(name).catch(() => undefined);
  await master.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a file holding the node\'s own GET of internalusers', () => {
  test('is accepted ("hash": "" dropped) and plans no change; a real hash or a password is still refused', async () => {
    const got = await raw('internalusers/cpr-u');
    assert.equal((got['cpr-u'] as { hash?: unknown }).hash, '', 'GET returns an empty hash');
    const same = await cli(['plan', '-f', file('rt.json', { internal_users: got })]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /No changes: the domain matches the file\./);
    for (const [key, value] of [['hash', '$2y$12$abcdefghijklmnopqrstuv'], ['password', 'Plain-Text-1!'], ['password', '']] as Array<[string, string]>) {
      const bad = await cli(['plan', '-f', file('bad.json', { internal_users: { 'cpr-u': { ...(got['cpr-u'] as object), [key]: value } } })]);
      assert.equal(bad.code, 2, `${key}: ${JSON.stringify(value)}`);
      assert.match(bad.stderr, new RegExp(`internal_users\\.cpr-u\\.${key}: passwords never come from the file`));
    }
  });
});

describe('plan --prune lists what it keeps', () => {
  test('the reserved and static entities the file does not name: listed, and the domain still "matches"', async () => {
    const roles = Object.fromEntries(Object.entries(await raw('roles')).filter(([, r]) => {
      const flags = r as { reserved?: boolean; static?: boolean; hidden?: boolean };
      return flags.reserved !== true && flags.static !== true && flags.hidden !== true;
    }));
    const f = file('prune.json', { roles });
    const human = await cli(['plan', '-f', f, '--prune']);
    assert.equal(human.code, 0, human.stderr);
    const keptLine = human.stdout.split('\n').find((l) => l.startsWith('  = kept (static: prune never deletes it): '));
    assert.ok(keptLine?.includes('kibana_user'), human.stdout);
    const json = JSON.parse((await cli(['plan', '-f', f, '--prune', '--json'])).stdout) as { empty: boolean; matches: boolean; roles: { skipped: Array<{ name: string; reason: string; drift?: boolean }> } };
    assert.deepEqual(json.roles.skipped.find((s) => s.name === 'kibana_user'), { name: 'kibana_user', reason: 'static: prune never deletes it', drift: false });
    // another test may create a role meanwhile (prune then deletes it); the kept ones never make it a mismatch
    assert.equal(json.matches, json.empty);
    const note = '\\(\\d+ reserved, static or restapi:admin entities the file does not name kept: prune never deletes them\\)\\.$';
    assert.match(human.stdout, new RegExp(`^(No changes: the domain matches the file|Plan: \\d+ to create, \\d+ to change, \\d+ to delete) ${note}`, 'm'));
  });
});

describe('plan --update-passwords', () => {
  test('names the password when another field of the user changes too', async () => {
    const f = file('pw.json', { internal_users: { 'cpr-u': { backend_roles: ['cpr-b'], attributes: { team: 'x' }, password_env: 'CPR_PASSWORD' } } });
    const both = await cli(['plan', '-f', f, '--update-passwords']);
    assert.match(both.stdout, /~ cpr-u \(backend_roles, password\)/);
    const json = JSON.parse((await cli(['plan', '-f', f, '--update-passwords', '--json'])).stdout) as { users: { changed: Array<{ fields: string[] }> } };
    assert.deepEqual(json.users.changed[0]?.fields, ['backend_roles', 'password']);
    assert.ok(!both.stdout.includes(PW2));
  });
});

describe('apply that stops part-way says whether the failed type may have been applied', () => {
  test('the answer to the roles PATCH lost: outcome unknown (the node has the role); a refusal: failed, not applied', async () => {
    const proxy = await startHookProxy(conn.opensearch.url, ca, async (req, _body, forward, res) => {
      if (req.method !== 'PATCH' || !(req.url ?? '').endsWith('/api/roles')) return false;
      await forward();
      res.socket?.destroy();
      return true;
    });
    try {
      const f = file('lost.json', { roles: { 'cpr-lost': { cluster_permissions: ['cluster_monitor'] } }, role_mappings: { 'cpr-lost': { users: ['cpr-u'] } } });
      const human = await cli(['apply', '-f', f, '--yes'], { ...env, OPENSEARCH_URL: proxy.url });
      assert.equal(human.code, 1, human.stderr);
      assert.match(human.stdout, /^roles: outcome unknown \(the answer was lost; it may have been applied: plan again to see\); not sent: roleMappings$/m);
      assert.doesNotMatch(human.stdout, /failed at roles/);
      assert.ok((await api.roles.getRaw('cpr-lost')) !== undefined, 'the node applied the PATCH whose answer was lost');
      await api.roles.delete('cpr-lost');
      const json = await cli(['apply', '-f', f, '--yes', '--json'], { ...env, OPENSEARCH_URL: proxy.url });
      const doc = JSON.parse(json.stdout) as { failedAt?: string; outcome?: string; notSent?: string[] };
      assert.deepEqual([doc.failedAt, doc.outcome, doc.notSent], ['roles', 'unknown', ['roleMappings']]);
    } finally {
      await proxy.close();
    }
    // the node refuses a weak password: nothing of users was applied
    const weak = file('weak.json', { internal_users: { 'cpr-weak': { password_env: 'CPR_WEAK' } } });
    const refused = await cli(['apply', '-f', weak, '--yes'], { ...env, CPR_WEAK: 'a' });
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stdout, /^failed at users$/m);
    const doc = JSON.parse((await cli(['apply', '-f', weak, '--yes', '--json'], { ...env, CPR_WEAK: 'a' })).stdout) as { failedAt?: string; outcome?: string };
    assert.deepEqual([doc.failedAt, doc.outcome], ['users', 'not_applied']);
    assert.equal(await api.users.getRaw('cpr-weak'), undefined);
  });
});
