/**
 * The object-graph walk of test/unit/secrets-reachability.test.ts against the real node: every value a caller holds
 * after SecurityApi writes with a new password (put, ensure, plan, apply), a refused login (error, diagnoseError,
 * checkDomain) is walked by Reflect.ownKeys (symbol and hidden keys, getters), Map/Set entries and causes, and
 * rendered (inspect showHidden, JSON, String, structuredClone, stack); none may hold the password in plain, base64
 * or URL-encoded form. And a successful search result hands out no function that yields the credential. Users are
 * named `h140-*` and removed in `after`.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { inspect } from 'node:util';
import { createClient, SecurityApi, checkDomain, diagnoseError } from '../../src/index.js';
import { loadConnection } from '../domain/connection.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const M = conn.users.master;
const master = createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', username: M.username, password: M.password }, retry: { retries: 0 } });
const security = new SecurityApi(master);
const NEW_PASSWORD = testPassword('Reach');
const WRONG = testPassword('Wrong');
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

function forms(user: string, password: string): Record<string, string> {
  return { password, 'base64(password)': b64(password), 'base64(user:password)': b64(`${user}:${password}`), 'urlencoded(password)': encodeURIComponent(password) };
}
const ALL = { ...forms(M.username, M.password), ...Object.fromEntries(Object.entries(forms('h140-reach', NEW_PASSWORD)).map(([k, v]) => [`new ${k}`, v])) };

/** Paths under `root` (own string and symbol keys, getters, Map/Set entries; not Node sockets or agents) holding a form. */
function walk(root: unknown, name: string, f: Record<string, string>): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'string') {
      for (const [form, value] of Object.entries(f)) if (v.includes(value)) out.push(`${path} holds ${form}`);
      return;
    }
    if (v === null || typeof v !== 'object' || seen.has(v) || depth > 12) return;
    seen.add(v);
    const ctor = (v as { constructor?: { name?: string } }).constructor?.name ?? '';
    if (/Socket|Agent|ClientRequest|IncomingMessage/.test(ctor)) return;
    if (v instanceof Map) for (const [k, x] of v) visit(x, `${path}.get(${String(k)})`, depth + 1);
    if (v instanceof Set) for (const x of v) visit(x, `${path}<item>`, depth + 1);
    for (const key of Reflect.ownKeys(v)) {
      const d = Reflect.getOwnPropertyDescriptor(v, key);
      const p = `${path}${typeof key === 'symbol' ? `[${String(key)}]` : `.${key}`}`;
      if (d === undefined) continue;
      if ('value' in d) visit(d.value, p, depth + 1);
      else if (d.get !== undefined) {
        try {
          visit(d.get.call(v), `${p}<get>`, depth + 1);
        } catch {
          // a throwing getter
        }
      }
    }
  };
  visit(root, name, 0);
  const renderings: Array<[string, () => string]> = [
    ['inspect', () => inspect(root, { showHidden: true, depth: Infinity })],
    ['json', () => JSON.stringify(root) ?? ''],
    ['string', () => String(root)],
    ['structuredClone', () => inspect(structuredClone(root), { showHidden: true, depth: Infinity })],
    ['stack', () => String((root as { stack?: unknown } | null)?.stack)],
  ];
  for (const [rendering, render] of renderings) {
    let text = '';
    try {
      text = render();
    } catch {
      continue;
    }
    for (const [form, value] of Object.entries(f)) if (text.includes(value)) out.push(`${rendering}(${name}) shows ${form}`);
  }
  return out;
}

after(async () => {
  for (const user of ['h140-reach', 'h140-planned']) await security.users.delete(user).catch(() => undefined);
  await master.close();
});

test('SecurityApi writes with a new password on the real node: results and plans hold it nowhere', async () => {
  const values: Array<[string, unknown]> = [];
  values.push(['users.put', await security.users.put('h140-reach', { password: NEW_PASSWORD, backend_roles: ['h140'] })]);
  values.push(['users.ensure', await security.users.ensure('h140-reach', { password: NEW_PASSWORD, backend_roles: ['h140b'] }, { updatePassword: true })]);
  const plan = await security.plan({ users: { 'h140-planned': { password: NEW_PASSWORD, backend_roles: [] } } });
  values.push(['plan', plan]);
  values.push(['apply', await security.apply(plan)]);
  values.push(['users.get', await security.users.get('h140-reach')]);
  const found = values.flatMap(([name, v]) => walk(v, name, ALL));
  assert.deepEqual(found, []);
});

test('a refused login on the real node: the error, diagnoseError and checkDomain hold the wrong password nowhere', async () => {
  const bad = createClient({ node: conn.opensearch.url, ssl: { ca }, auth: { mode: 'basic', username: M.username, password: WRONG }, retry: { retries: 0 } });
  try {
    const err = await bad.search({ index: 'flights' }).then(() => assert.fail('refused'), (e: unknown) => e);
    const f = forms(M.username, WRONG);
    const found = [...walk(err, 'err', f), ...walk(diagnoseError(err, 'basic', bad), 'diagnoseError', f), ...walk(await checkDomain(bad), 'checkDomain', f)];
    assert.deepEqual(found, []);
  } finally {
    await bad.close();
  }
});

test('a successful search result on the real node hands out no function that yields the credential', async () => {
  const result = await master.search({ index: 'flights', size: 1 });
  const params = (result.meta as unknown as { request: { params: Record<string | symbol, unknown> } }).request.params;
  const yielded: string[] = [];
  for (const key of Object.getOwnPropertySymbols(params)) {
    const held = params[key] as { sentHeaders?: () => unknown; authorizer?: { sign?: (r: object) => unknown } } | null;
    if (held === null || typeof held !== 'object') continue;
    if (typeof held.sentHeaders === 'function') yielded.push(...walk(held.sentHeaders(), `params[${String(key)}].sentHeaders()`, forms(M.username, M.password)));
    if (typeof held.authorizer?.sign === 'function') yielded.push(...walk(held.authorizer.sign({ method: 'GET', host: 'elsewhere.example', path: '/', headers: {}, body: null }), `params[${String(key)}].authorizer.sign()`, forms(M.username, M.password)));
  }
  assert.deepEqual(yielded, [], 'the master password (base64 user:password) is one call away from any result');
});
