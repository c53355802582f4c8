/**
 * SecurityApi loads its resources, plan/apply and the master-user mapping on the first call of one
 * of them, so binding SecurityApi (Node's import of the root binds every class) loads neither them
 * nor the DLS parser. Its `users`, `roles`, ... stand-ins have exactly the public methods, `kind`
 * and `endpoint` of the resource classes, and their calls reach the real code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@opensearch-project/opensearch';
import { SecurityApi } from '../../src/security/api.js';
import { DlsParseError as fromErrors } from '../../src/fgac/errors.js';
import { DlsParseError as fromDls, parseDls } from '../../src/fgac/dls.js';
import { DlsParseError as fromSecurity } from '../../src/entries/security.js';
import { AccountApi } from '../../src/security/resources/account.js';
import { ActionGroupsApi } from '../../src/security/resources/action-groups.js';
import { RoleMappingsApi } from '../../src/security/resources/role-mappings.js';
import { RolesApi } from '../../src/security/resources/roles.js';
import { TenancyConfigApi } from '../../src/security/resources/tenancy-config.js';
import { TenantsApi } from '../../src/security/resources/tenants.js';
import { UsersApi } from '../../src/security/resources/users.js';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
/** The resource classes' protected methods (not part of the public surface the stand-ins forward). */
const PROTECTED = new Set(['constructor', 'collectionPath', 'path', 'named', 'createBody', 'ensureWith', 'send']);
/** What SecurityApi must not load before a resource, plan, apply or addMasterUser call. */
const HEAVY = /src\/(security\/(resources\/|plan|apply|master-user|input-limits|canonical|patch|operations)|fgac\/dls\.ts)/;

function publicMethods(proto: object | null): string[] {
  const names = new Set<string>();
  for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (!PROTECTED.has(name) && typeof Object.getOwnPropertyDescriptor(p, name)?.value === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

const client = (): Client => new Client({ node: 'http://127.0.0.1:9' });

test('the resource stand-ins have the public methods, kind and endpoint of the resource classes', () => {
  const api = new SecurityApi(client());
  const real: Record<string, { proto: object; kind?: string; endpoint?: string }> = {
    users: { proto: UsersApi.prototype, kind: 'users', endpoint: 'internalusers' },
    roles: { proto: RolesApi.prototype, kind: 'roles', endpoint: 'roles' },
    roleMappings: { proto: RoleMappingsApi.prototype, kind: 'roleMappings', endpoint: 'rolesmapping' },
    actionGroups: { proto: ActionGroupsApi.prototype, kind: 'actionGroups', endpoint: 'actiongroups' },
    tenants: { proto: TenantsApi.prototype, kind: 'tenants', endpoint: 'tenants' },
    account: { proto: AccountApi.prototype },
    tenancyConfig: { proto: TenancyConfigApi.prototype },
  };
  for (const [name, { proto, kind, endpoint }] of Object.entries(real)) {
    const standIn = (api as unknown as Record<string, object>)[name]!;
    assert.deepEqual(publicMethods(Object.getPrototypeOf(standIn) as object), publicMethods(proto), name);
    assert.equal(standIn.constructor.name, proto.constructor.name, name);
    assert.equal((standIn as { kind?: string }).kind, kind, `${name}.kind`);
    assert.equal((standIn as { endpoint?: string }).endpoint, endpoint, `${name}.endpoint`);
  }
});

test('a stand-in call reaches the real resource: its checks answer, before anything is sent', async () => {
  const api = new SecurityApi(client());
  await assert.rejects(api.roles.patch([{ op: 'test', path: '/x', value: 1 }] as never), /^RangeError: Unsupported patch operation: test\./);
  await assert.rejects(api.addMasterUser('arn:aws:sts::123456789012:assumed-role/admin/session'), /is an STS session/);
  const detached = api.users.get;
  await assert.rejects(detached('x'), TypeError, 'a stand-in method called without its object rejects, as the real one does');
});

test('DlsParseError is one class wherever it is imported from', () => {
  assert.equal(fromDls, fromErrors);
  assert.equal(fromSecurity, fromErrors);
  assert.throws(() => parseDls('{"match": '), (e: unknown) => e instanceof fromErrors && e.name === 'DlsParseError');
});

/** A resolve hook that appends every src/ module it resolves to `log`. */
const hookFor = (log: string): string => `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.includes('/src/')) appendFileSync(${JSON.stringify(log)}, r.url.replace(/^.*\\/src\\//, 'src/') + '\\n');
  return r;
}`;

test('binding the classes of the root (src/entries/node-root-eager.ts) loads no resource, plan or DLS code; a resource call does', async () => {
  const eager = pathToFileURL(join(PROJECT, 'src/entries/node-root-eager.ts')).href;
  const log = join(mkdtempSync(join(tmpdir(), 'fgac-security-lazy-')), 'resolved.txt');
  writeFileSync(log, '');
  const script = `import { register } from 'node:module';
import { appendFileSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hookFor(log))}));
const m = await import(${JSON.stringify(eager)});
const { Client } = await import('@opensearch-project/opensearch');
const api = new m.SecurityApi(new Client({ node: 'http://127.0.0.1:9' }));
appendFileSync(${JSON.stringify(log)}, '--constructed\\n');
await api.roles.patch([{ op: 'test', path: '/x', value: 1 }]).catch(() => {});
appendFileSync(${JSON.stringify(log)}, '--called\\n');`;
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT });
  const [before = '', after = ''] = readFileSync(log, 'utf8').split('--constructed');
  assert.match(before, /src\/security\/api\.ts/);
  assert.deepEqual(before.split('\n').filter((f) => HEAVY.test(f)), []);
  assert.match(after, /src\/security\/resources\/resource\.ts/);
  assert.match(after, /--called/);
});

test('in the build, node-root-eager.cjs (what Node\'s import of the root binds) loads no resource, plan or DLS code', () => {
  assert.ok(existsSync(join(PROJECT, 'dist', 'node-root-eager.cjs')), 'dist/ is built (npm run build)');
  const probe = `
    const fs = require('node:fs');
    const dist = process.cwd() + '/dist/';
    require(dist + 'node-root-eager.cjs');
    const sources = Object.keys(require.cache).filter((f) => f.startsWith(dist)).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/^\\/\\/ (src\\/\\S+)/gm)].map((m) => m[1]));
    console.log(JSON.stringify(sources));`;
  const sources = JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: PROJECT, encoding: 'utf8' })) as string[];
  assert.ok(sources.includes('src/security/api.ts'), 'SecurityApi is bound');
  assert.deepEqual(sources.filter((f) => HEAVY.test(f)), []);
});
