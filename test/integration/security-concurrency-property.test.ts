/**
 * Seeded property check of the security helpers against the REAL node: per seed, four SecurityApi instances (the
 * SDK's client and a plain opensearch-js Client, each straight to the node and through a loopback proxy that drops
 * the answer of some writes after the node applied them) edit a small shared set of entities at once (mapping
 * lists, a role's cluster and index permissions, an action group's members, users, a tenant), while two raw
 * actors the SDK does not control write whole entities from stale copies, delete and re-create them, and patch
 * them. At the end one fresh read is judged against the history (test/support/security-history.ts): every value
 * is explained by an applied (or possibly applied) write that no later applied write contradicts, no duplicate
 * comes from a retry, results say what the node did, and no password of a created user shows in a result or error.
 * Entities are named `pcs<seed>-`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { inspect } from 'node:util';
import { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../src/index.js';
import { SecurityApi, type ActionGroupType, type InternalUser, type Role } from '../../src/security/index.js';
import { answerLost } from '../../src/security/progress.js';
import { loadConnection } from '../domain/connection.js';
import { startHookProxy, type Hook } from '../support/hook-proxy.js';
import { quickHash } from '../support/local-clients.js';
import { Rng } from '../support/seeded-rng.js';
import { afterConflicts } from '../support/settle.js';
import { History, type Effect } from '../support/security-history.js';

const conn = loadConnection();
const ca = fs.readFileSync(conn.caFile);
const SEEDS = (process.env.PCS_SEEDS ?? '1,2,3,4,5,6,7,8,9,10,11,12').split(',').map(Number);
const BASE = '/_plugins/_security/api';

const USERS = ['ua', 'ub', 'uc'];
const BACKEND = ['ba', 'bb', 'bc'];
const CLUSTER = ['cluster:monitor/health', 'cluster:monitor/state', 'cluster:monitor/stats'];
const PATTERNS = ['pix-a*', 'pix-b*'];
const ACTIONS = ['indices:data/read/get', 'indices:data/read/mget', 'indices:data/read/search'];
const DEPTS = ['x', 'y'];

type Json = Record<string, unknown>;
const raw = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca }, maxRetries: 0 });

/** One request of a raw actor; resolves to the status and body (a refusal too). */
async function rawRequest(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  try {
    const res = await raw.transport.request(body === undefined ? { method, path } : { method, path, body: body as Json });
    return { status: res.statusCode ?? 0, body: res.body };
  } catch (e) {
    const meta = (e as { meta?: { statusCode?: number; body?: unknown } }).meta;
    if (typeof meta?.statusCode === 'number') return { status: meta.statusCode, body: meta.body };
    throw e;
  }
}

const sortedJson = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x)
  ? Object.fromEntries(Object.entries(x as Json).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
const listJson = (l: unknown): string => JSON.stringify([...new Set((l as string[] | undefined) ?? [])].sort());
const has = (l: unknown, v: string): 'present' | 'absent' => (((l as string[] | undefined) ?? []).includes(v) ? 'present' : 'absent');
const GONE = 'gone';

/** The names of one seed's entities. */
function namesOf(seed: number) {
  const p = `pcs${seed}-`;
  return { role: `${p}role`, group: `${p}ag`, users: [`${p}u0`, `${p}u1`], tenant: `${p}t0` };
}
type Names = ReturnType<typeof namesOf>;

/** What one entity's whole content sets (undefined: deleted); `fields` limits it to those written. */
function mappingEffects(m: Json | undefined): Effect[] {
  return [
    { key: 'M.exists', value: m === undefined ? 'absent' : 'present' },
    ...USERS.map((v) => ({ key: `M.users:${v}`, value: has(m?.['users'], v) })),
    ...BACKEND.map((v) => ({ key: `M.backend_roles:${v}`, value: has(m?.['backend_roles'], v) })),
  ];
}
function roleEffects(r: Json, fields = ['cluster_permissions', 'index_permissions']): Effect[] {
  const patterns = ((r['index_permissions'] as Json[] | undefined) ?? []).flatMap((p) => (p['index_patterns'] as string[] | undefined) ?? []);
  return [
    ...(fields.includes('cluster_permissions') ? CLUSTER.map((v) => ({ key: `R.cluster:${v}`, value: has(r['cluster_permissions'], v) })) : []),
    ...(fields.includes('index_permissions') ? PATTERNS.map((p) => ({ key: `R.index:${p}`, value: has(patterns, p) })) : []),
  ];
}
function groupEffects(g: Json | undefined): Effect[] {
  return [{ key: 'G.exists', value: g === undefined ? 'absent' : 'present' }, ...ACTIONS.map((v) => ({ key: `G.actions:${v}`, value: has(g?.['allowed_actions'], v) }))];
}
function userEffects(i: number, u: Json | undefined, fields = ['backend_roles', 'attributes']): Effect[] {
  return [
    { key: `U${i}.exists`, value: u === undefined ? 'absent' : 'present' },
    ...(fields.includes('backend_roles') ? [{ key: `U${i}.backend_roles`, value: u === undefined ? GONE : listJson(u['backend_roles']) }] : []),
    ...(fields.includes('attributes') ? [{ key: `U${i}.attributes`, value: u === undefined ? GONE : sortedJson(u['attributes'] ?? {}) }] : []),
  ];
}
function tenantEffects(t: Json | undefined): Effect[] {
  return [{ key: 'T.exists', value: t === undefined ? 'absent' : 'present' }, { key: 'T.description', value: t === undefined ? GONE : String(t['description'] ?? '') }];
}

/** The entities of a seed as the node holds them now (raw reads; undefined when absent). */
async function readAll(n: Names): Promise<{ mapping?: Json; role?: Json; group?: Json; users: Array<Json | undefined>; tenant?: Json }> {
  const one = async (endpoint: string, name: string): Promise<Json | undefined> => {
    const res = await rawRequest('GET', `${BASE}/${endpoint}/${encodeURIComponent(name)}`);
    if (res.status === 404) return undefined;
    assert.equal(res.status, 200, `GET ${endpoint}/${name}: ${JSON.stringify(res.body)}`);
    return (res.body as Record<string, Json>)[name];
  };
  return {
    mapping: await one('rolesmapping', n.role), role: await one('roles', n.role), group: await one('actiongroups', n.group),
    users: [await one('internalusers', n.users[0] as string), await one('internalusers', n.users[1] as string)], tenant: await one('tenants', n.tenant),
  };
}

/** Every observed key's value in a read. */
function observe(state: Awaited<ReturnType<typeof readAll>>): Map<string, string> {
  const out = new Map<string, string>();
  const put = (effects: Effect[]): void => { for (const e of effects) out.set(e.key, e.value); };
  put(mappingEffects(state.mapping));
  if (state.role !== undefined) put(roleEffects(state.role));
  put(groupEffects(state.group));
  state.users.forEach((u, i) => put(userEffects(i, u)));
  put(tenantEffects(state.tenant));
  return out;
}

/** How often each value is stored in each list (duplicates). */
function counts(state: Awaited<ReturnType<typeof readAll>>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const count = (key: string, list: unknown): void => {
    const m = new Map<string, number>();
    for (const v of (list as string[] | undefined) ?? []) m.set(v, (m.get(v) ?? 0) + 1);
    out.set(key, m);
  };
  count('M.users', state.mapping?.['users']);
  count('M.backend_roles', state.mapping?.['backend_roles']);
  count('R.cluster', state.role?.['cluster_permissions']);
  count('R.index', ((state.role?.['index_permissions'] as Json[] | undefined) ?? []).flatMap((p) => (p['index_patterns'] as string[] | undefined) ?? []));
  count('G.actions', state.group?.['allowed_actions']);
  return out;
}

/** What a lossy proxy forwarded while one operation ran. */
interface Forwarded { method: string; url: string; body: string; status: number; dropped: boolean }

/** A loopback proxy that drops the answer of some writes after the node applied them, logging what it forwarded. */
async function lossyProxy(rng: Rng): Promise<{ url: string; log: Forwarded[]; close: () => Promise<void> }> {
  const log: Forwarded[] = [];
  const hook: Hook = async (req, body, forward, res) => {
    const up = await forward();
    const write = req.method !== 'GET';
    const dropped = write && rng.chance(0.25);
    log.push({ method: req.method ?? '', url: req.url ?? '', body: body.toString('utf8'), status: up.status, dropped });
    if (dropped) {
      res.socket?.destroy();
      return true;
    }
    res.writeHead(up.status, { 'content-type': 'application/json' });
    res.end(up.body);
    return true;
  };
  const proxy = await startHookProxy(conn.opensearch.url, ca, hook);
  return { ...proxy, log };
}

const passwords = new Set<string>();

/** Fails when any password the SDK sent shows in a result or an error. */
function assertNoSecret(what: unknown, where: string): void {
  const shown = [inspect(what, { depth: 12, showHidden: false }), what instanceof Error ? `${what.message}\n${what.stack ?? ''}` : '', safeJson(what)].join('\n');
  for (const p of passwords) assert.ok(!shown.includes(p), `${where} shows a password: ${shown.slice(0, 400)}`);
}
function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** Delay drawn from the actor's own Rng (interleaving only; nothing is timed). */
const pause = (rng: Rng, max: number) => new Promise<void>((r) => setTimeout(r, rng.int(0, max)));

async function cleanup(n: Names): Promise<void> {
  for (const [endpoint, name] of [['rolesmapping', n.role], ['roles', n.role], ['actiongroups', n.group], ['internalusers', n.users[0]], ['internalusers', n.users[1]], ['tenants', n.tenant]] as const) {
    await afterConflicts(async () => {
      const res = await rawRequest('DELETE', `${BASE}/${endpoint}/${encodeURIComponent(name as string)}`);
      if (res.status !== 200 && res.status !== 404) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    });
  }
}

async function setup(n: Names): Promise<void> {
  await cleanup(n);
  const put = (endpoint: string, name: string, body: Json) => afterConflicts(async () => {
    const res = await rawRequest('PUT', `${BASE}/${endpoint}/${encodeURIComponent(name)}`, body);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  });
  await put('roles', n.role, { cluster_permissions: ['cluster_monitor'], index_permissions: [{ index_patterns: ['pix-base*'], allowed_actions: ['read'] }] });
  await put('rolesmapping', n.role, { users: ['ua'] });
  await put('actiongroups', n.group, { allowed_actions: ['indices:data/read/get'], type: 'index' });
  await put('internalusers', n.users[0] as string, { hash: quickHash(`Init-${n.role}-Pw#9x`), backend_roles: ['ba'], attributes: { dept: 'x' } });
  await put('tenants', n.tenant, { description: 'd0' });
}

interface Violations { list: string[] }

/** One SDK operation, drawn from `rng`, recorded in `h`; result checks go to `v`. */
async function sdkOp(api: SecurityApi, actor: string, rng: Rng, n: Names, h: History, v: Violations, log?: Forwarded[]): Promise<void> {
  const kind = rng.pick(['mapAdd', 'mapAdd', 'mapRemove', 'mapRemove', 'clusterAdd', 'clusterRemove', 'indexAdd', 'indexRemove', 'groupAdd', 'groupRemove',
    'userEnsure', 'userPut', 'userDelete', 'tenantEnsure', 'tenantDelete'] as const);
  const field = rng.pick(['users', 'backend_roles'] as const);
  const value = field === 'users' ? rng.pick(USERS) : rng.pick(BACKEND);
  const ui = rng.int(0, 1);
  const user = n.users[ui] as string;
  const password = `Pcs-${actor}-${rng.int(100000, 999999)}!Qz#${rng.int(10, 99)}`;
  const cp = rng.pick(CLUSTER);
  const pattern = rng.pick(PATTERNS);
  const action = rng.pick(ACTIONS);
  const userModel: InternalUser = { password, backend_roles: BACKEND.filter(() => rng.chance(0.5)), attributes: rng.chance(0.3) ? {} : { dept: rng.pick(DEPTS) } };
  const userJson = userModel as unknown as Json;
  const description = `d${rng.int(1, 3)}`;
  const from = log?.length ?? 0;
  const start = h.clock.tick();
  let effects: Effect[] = [];
  const appends: string[] = [];
  let result: unknown;
  let label: string = kind;
  let status: 'ok' | 'unknown' | 'failed' = 'ok';
  try {
    switch (kind) {
      case 'mapAdd': {
        label = `add ${field} ${value}`;
        // on a missing mapping (or an empty list) the add writes the whole mapping (list), replacing one another client
        // created meanwhile (README: the documented window): it may explain any other value's absence, never force it
        const whole = mappingEffects({ [field]: [value] }).filter((e) => e.value === 'absent').map((e) => ({ ...e, allowOnly: true }));
        effects = [{ key: 'M.exists', value: 'present' }, { key: `M.${field}:${value}`, value: 'present' }, ...whole];
        const r = await (field === 'users' ? api.roleMappings.addUsers(n.role, [value]) : api.roleMappings.addBackendRoles(n.role, [value]));
        result = r;
        if (r.changed.includes(value)) appends.push(`M.${field}:${value}`);
        if (r.changed.length + r.unchanged.length !== 1 || ![...r.changed, ...r.unchanged].includes(value)) v.list.push(`${actor} ${label}: changed/unchanged ${JSON.stringify(r)}`);
        if (log !== undefined) {
          const puts = log.slice(from).filter((f) => f.method === 'PUT');
          if (puts.some((f) => f.status === 201 && !f.dropped) && !r.created) v.list.push(`${actor} ${label}: the node answered its PUT 201, yet created is false`);
          if (r.created && !puts.some((f) => f.status === 201 || f.dropped)) v.list.push(`${actor} ${label}: created, yet no PUT of it created (or may have created) the mapping`);
        }
        break;
      }
      case 'mapRemove': {
        label = `remove ${field} ${value}`;
        const r = await (field === 'users' ? api.roleMappings.removeUsers(n.role, [value]) : api.roleMappings.removeBackendRoles(n.role, [value]));
        result = r;
        effects = [{ key: `M.${field}:${value}`, value: 'absent' }, ...r.suspectedCollateral.map((c) => ({ key: `M.${field}:${c}`, value: 'absent', allowOnly: true }))];
        if (r.changed.includes(value) && r.unchanged.includes(value)) v.list.push(`${actor} ${label}: both changed and unchanged ${JSON.stringify(r)}`);
        // judged after the run (whether another removal overlapped): kept on the record
        if (!r.changed.includes(value) && !r.unchanged.includes(value)) label += ' [neither]';
        break;
      }
      case 'clusterAdd': {
        label = `cluster add ${cp}`;
        effects = [{ key: `R.cluster:${cp}`, value: 'present' }];
        const role = await api.roles.getRaw(n.role);
        if (role === undefined || has(role.cluster_permissions, cp) === 'present') break;
        appends.push(`R.cluster:${cp}`);
        result = await api.roles.patch(n.role, [{ op: 'add', path: '/cluster_permissions/-', value: cp }]);
        break;
      }
      case 'indexAdd': {
        label = `index add ${pattern}`;
        effects = [{ key: `R.index:${pattern}`, value: 'present' }];
        const role = await api.roles.getRaw(n.role);
        if (role === undefined || (role.index_permissions ?? []).some((p) => (p.index_patterns ?? []).includes(pattern))) break;
        appends.push(`R.index:${pattern}`);
        result = await api.roles.patch(n.role, [{ op: 'add', path: '/index_permissions/-', value: { index_patterns: [pattern], allowed_actions: ['read'] } }]);
        break;
      }
      case 'clusterRemove':
      case 'indexRemove': {
        label = kind === 'clusterRemove' ? `cluster remove ${cp}` : `index remove ${pattern}`;
        const role = await api.roles.get(n.role);
        if (role === undefined) break;
        const desired: Role = kind === 'clusterRemove'
          ? { ...role, cluster_permissions: (role.cluster_permissions ?? []).filter((c) => c !== cp) }
          : { ...role, index_permissions: (role.index_permissions ?? []).filter((p) => !(p.index_patterns ?? []).includes(pattern)) };
        const asApi = await api.roles.toApi(desired, await api.flavour()) as unknown as Json;
        effects = roleEffects(asApi);
        const r = await api.roles.ensure(n.role, desired);
        result = r;
        effects = r.action === 'unchanged' ? [] : roleEffects(asApi, r.changedFields);
        break;
      }
      case 'groupAdd': {
        label = `group add ${action}`;
        const group = await api.actionGroups.getRaw(n.group);
        if (group === undefined) {
          effects = groupEffects({ allowed_actions: [action] });
          result = await api.actionGroups.ensure(n.group, { allowed_actions: [action], type: 'index' });
          break;
        }
        effects = [{ key: `G.actions:${action}`, value: 'present' }];
        if (has(group.allowed_actions, action) === 'present') break;
        appends.push(`G.actions:${action}`);
        result = await api.actionGroups.patch(n.group, [{ op: 'add', path: '/allowed_actions/-', value: action }]);
        break;
      }
      case 'groupRemove': {
        label = `group remove ${action}`;
        const group = await api.actionGroups.getRaw(n.group);
        if (group === undefined) break;
        const desired = { ...group, allowed_actions: (group.allowed_actions ?? []).filter((a) => a !== action) };
        effects = groupEffects(desired as Json);
        const r = await api.actionGroups.ensure(n.group, { allowed_actions: desired.allowed_actions, type: (group.type ?? 'index') as ActionGroupType, ...(group.description !== undefined ? { description: group.description } : {}) });
        result = r;
        effects = r.action === 'unchanged' ? [] : groupEffects(desired as Json).filter((e) => e.key !== 'G.exists' || r.action === 'created');
        break;
      }
      case 'userEnsure': {
        label = `user ensure ${ui} ${JSON.stringify(userModel.backend_roles)} ${JSON.stringify(userModel.attributes)}`;
        passwords.add(password);
        effects = userEffects(ui, userJson);
        const r = await api.users.ensure(user, userModel);
        result = r;
        effects = r.action === 'created' ? userEffects(ui, userJson) : r.action === 'updated' ? userEffects(ui, userJson, r.changedFields) : [];
        if (log !== undefined) {
          const mine = log.slice(from);
          // created: a PUT of this call answered 201, or one whose answer was lost (it may have been the creation)
          const created = mine.some((f) => f.method === 'PUT' && f.status === 201 && !f.dropped);
          const mayHaveCreated = mine.some((f) => f.method === 'PUT' && (f.status === 201 || f.dropped));
          if (created ? r.action !== 'created' : r.action === 'created' && !mayHaveCreated) {
            v.list.push(`${actor} ${label}: action ${r.action} but the node answered ${JSON.stringify(mine.map((f) => `${f.method} ${f.status}${f.dropped ? ' (dropped)' : ''}`))}`);
          }
          // a write the node refused (a PUT or PATCH answered 409 after another client's write) changed nothing
          if (r.action === 'unchanged' && mine.some((f) => f.method !== 'GET' && f.status >= 200 && f.status < 300)) {
            v.list.push(`${actor} ${label}: unchanged but the node applied ${JSON.stringify(mine.map((f) => `${f.method} ${f.status}${f.dropped ? ' (dropped)' : ''}`))}`);
          }
        }
        break;
      }
      case 'userPut': {
        label = `user put ${ui} ${JSON.stringify(userModel.backend_roles)} ${JSON.stringify(userModel.attributes)}`;
        passwords.add(password);
        effects = userEffects(ui, userJson);
        result = await api.users.put(user, userModel);
        break;
      }
      case 'userDelete':
        label = `user delete ${ui}`;
        effects = userEffects(ui, undefined);
        result = await api.users.delete(user);
        break;
      case 'tenantEnsure': {
        label = `tenant ensure ${description}`;
        effects = tenantEffects({ description });
        const r = await api.tenants.ensure(n.tenant, { description });
        result = r;
        if (r.action === 'unchanged') effects = [];
        break;
      }
      case 'tenantDelete':
        label = 'tenant delete';
        effects = tenantEffects(undefined);
        result = await api.tenants.delete(n.tenant);
        break;
    }
  } catch (err) {
    status = answerLost(err) ? 'unknown' : 'failed';
    // an add whose answer was lost may have appended its value
    if (kind === 'mapAdd' && status === 'unknown') appends.push(`M.${field}:${value}`);
    result = err;
    label += ` !${(err as Error).constructor.name}: ${String((err as Error).message).slice(0, 120)}`;
  }
  const end = h.clock.tick();
  assertNoSecret(result, `${actor} ${label}`);
  // what an ensure reported (the judge's effects follow it): shown in the history printed on failure
  if (result !== null && typeof result === 'object' && 'action' in result && 'changedFields' in result) {
    label += ` => ${String(result.action)} ${JSON.stringify(result.changedFields)}`;
    // through a lossy proxy the node's own answers are known: an update names every field a PATCH of its applied
    // (also one whose answer was dropped), or the judge misses a value that PATCH replaced
    if (log !== undefined && result.action === 'updated') {
      const reported = result.changedFields as string[];
      const written = log.slice(from).filter((f) => f.method === 'PATCH' && f.status >= 200 && f.status < 300)
        .flatMap((f) => (JSON.parse(f.body) as Array<{ path: string }>).map((o) => o.path.split('/')[1] ?? ''));
      const missing = [...new Set(written)].filter((field) => !reported.includes(field));
      if (missing.length > 0) v.list.push(`${actor} ${label}: the node applied a PATCH of ${JSON.stringify(missing)}, not reported as changed`);
    }
  }
  h.add({ actor, label, start, end, status, effects, appends });
}

/** Writable fields of an entity read raw (what a stale whole-entity PUT sends back). */
function writable(endpoint: string, e: Json | undefined, rng: Rng): Json {
  const pick = (keys: string[]): Json => Object.fromEntries(keys.filter((k) => e?.[k] !== undefined).map((k) => [k, e?.[k]]));
  switch (endpoint) {
    case 'rolesmapping': {
      const m = pick(['users', 'backend_roles', 'description']);
      if (rng.chance(0.5)) m['users'] = [...new Set([...((m['users'] as string[] | undefined) ?? []), rng.pick(USERS)])];
      return Object.keys(m).length > 0 ? m : { users: [] };
    }
    case 'roles': {
      const r = pick(['cluster_permissions', 'index_permissions', 'tenant_permissions', 'description']);
      if (rng.chance(0.5)) r['cluster_permissions'] = [...new Set([...((r['cluster_permissions'] as string[] | undefined) ?? []), rng.pick(CLUSTER)])];
      return r;
    }
    case 'actiongroups':
      return { allowed_actions: (e?.['allowed_actions'] as string[] | undefined) ?? [rng.pick(ACTIONS)], type: 'index' };
    case 'internalusers':
      return { ...pick(['backend_roles', 'attributes', 'description']), password: `Raw-${rng.int(100000, 999999)}-Pw#Zz` };
    default:
      return e === undefined ? { description: 'raw' } : pick(['description']);
  }
}

/** One raw actor's operation: a stale whole-entity PUT, a delete then re-create, or a raw PATCH. */
async function rawOp(actor: string, rng: Rng, n: Names, h: History): Promise<void> {
  const target = rng.pick([['rolesmapping', n.role], ['roles', n.role], ['actiongroups', n.group], ['internalusers', n.users[0]], ['internalusers', n.users[1]], ['tenants', n.tenant]] as const);
  const [endpoint, name] = target as readonly [string, string];
  const path = `${BASE}/${endpoint}/${encodeURIComponent(name)}`;
  const ui = n.users.indexOf(name);
  const effectsOf = (body: Json | undefined): Effect[] => {
    switch (endpoint) {
      case 'rolesmapping': return mappingEffects(body);
      case 'roles': return body === undefined ? [] : roleEffects(body);
      case 'actiongroups': return groupEffects(body);
      case 'internalusers': return userEffects(ui, body);
      default: return tenantEffects(body);
    }
  };
  const send = async (label: string, method: string, body: unknown, effects: Effect[], appends: string[] = []): Promise<void> => {
    const start = h.clock.tick();
    let status: 'ok' | 'failed' | 'unknown';
    try {
      const res = await rawRequest(method, path, body);
      status = res.status >= 200 && res.status < 300 ? 'ok' : 'failed';
      label += ` -> ${res.status}`;
    } catch {
      status = 'unknown';
    }
    h.add({ actor, label: `${label} ${endpoint}`, start, end: h.clock.tick(), status, effects, appends });
  };
  const read = await rawRequest('GET', path);
  const copy = read.status === 200 ? (read.body as Record<string, Json>)[name] : undefined;
  const what = rng.pick(['stalePut', 'stalePut', 'deleteRecreate', 'patch'] as const);
  if (what === 'stalePut' || (what === 'deleteRecreate' && endpoint === 'roles')) {
    const body = writable(endpoint, copy, rng);
    await pause(rng, 60);
    await send('stale PUT', 'PUT', body, effectsOf(body));
  } else if (what === 'deleteRecreate') {
    await send('DELETE', 'DELETE', undefined, effectsOf(undefined));
    await pause(rng, 40);
    const body = writable(endpoint, copy, rng);
    await send('re-create PUT', 'PUT', body, effectsOf(body));
  } else {
    await pause(rng, 30);
    switch (endpoint) {
      case 'rolesmapping': {
        if (rng.chance(0.5)) {
          const v = rng.pick(USERS);
          await send(`PATCH append users ${v}`, 'PATCH', [{ op: 'add', path: '/users/-', value: v }], [{ key: 'M.exists', value: 'present' }, { key: `M.users:${v}`, value: 'present' }], [`M.users:${v}`]);
        } else {
          const list = BACKEND.filter(() => rng.chance(0.5));
          await send(`PATCH set backend_roles ${JSON.stringify(list)}`, 'PATCH', [{ op: 'add', path: '/backend_roles', value: list }],
            [{ key: 'M.exists', value: 'present' }, ...BACKEND.map((b) => ({ key: `M.backend_roles:${b}`, value: list.includes(b) ? 'present' : 'absent' }))]);
        }
        break;
      }
      case 'roles': {
        const v = rng.pick(CLUSTER);
        await send(`PATCH append cluster ${v}`, 'PATCH', [{ op: 'add', path: '/cluster_permissions/-', value: v }], [{ key: `R.cluster:${v}`, value: 'present' }], [`R.cluster:${v}`]);
        break;
      }
      case 'actiongroups': {
        const v = rng.pick(ACTIONS);
        await send(`PATCH append action ${v}`, 'PATCH', [{ op: 'add', path: '/allowed_actions/-', value: v }], [{ key: `G.actions:${v}`, value: 'present' }], [`G.actions:${v}`]);
        break;
      }
      case 'internalusers': {
        const attributes = { dept: rng.pick(DEPTS) };
        await send(`PATCH attributes ${JSON.stringify(attributes)}`, 'PATCH', [{ op: 'add', path: '/attributes', value: attributes }], [{ key: `U${ui}.attributes`, value: sortedJson(attributes) }]);
        break;
      }
      default: {
        const d = `raw${rng.int(1, 3)}`;
        await send(`PATCH description ${d}`, 'PATCH', [{ op: 'add', path: '/description', value: d }], [{ key: 'T.description', value: d }]);
      }
    }
  }
}

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const seed of SEEDS) await cleanup(namesOf(seed)).catch(() => undefined);
  for (const close of closers) await close();
  await raw.close();
});

describe(`SecurityApi under concurrent writers on the real ${conn.opensearch.version} plugin: seeded property check`, () => {
  let apis: Array<{ actor: string; api: SecurityApi; log?: Forwarded[] }> = [];
  before(async () => {
    const options = { maxElapsedMs: 15_000 };
    const sdkClient = (node: string) => createClient({ node, ssl: { ca }, auth: { mode: 'basic', ...conn.users.master }, retry: { retries: 2, minDelayMs: 10, maxDelayMs: 40 } });
    const plainClient = (node: string) => new Client({ node, auth: conn.users.master, ssl: { ca } });
    const p1 = await lossyProxy(new Rng(9001));
    const p2 = await lossyProxy(new Rng(9002));
    const clients = [sdkClient(conn.opensearch.url), plainClient(conn.opensearch.url), sdkClient(p1.url), plainClient(p2.url)];
    closers.push(...clients.map((c) => () => c.close()), p1.close, p2.close);
    apis = [
      { actor: 'sdk-direct', api: new SecurityApi(clients[0] as Client, options) },
      { actor: 'plain-direct', api: new SecurityApi(clients[1] as Client, options) },
      { actor: 'sdk-lossy', api: new SecurityApi(clients[2] as Client, options), log: p1.log },
      { actor: 'plain-lossy', api: new SecurityApi(clients[3] as Client, options), log: p2.log },
    ];
  });

  for (const seed of SEEDS) {
    test(`seed ${seed}: every stored value is explained by the history, no retry duplicates, results say what happened, no password shown`, { timeout: 60_000 }, async () => {
      const n = namesOf(seed);
      await setup(n);
      const h = new History();
      for (const [k, value] of observe(await readAll(n))) h.initial.set(k, value);
      const v: Violations = { list: [] };
      const OPS = 9;
      await Promise.all([
        ...apis.map(({ actor, api, log }, i) => (async () => {
          const rng = new Rng(seed * 100 + i);
          for (let k = 0; k < OPS; k++) {
            await sdkOp(api, actor, rng, n, h, v, log);
            await pause(rng, 20);
          }
        })()),
        ...[0, 1].map((j) => (async () => {
          const rng = new Rng(seed * 100 + 50 + j);
          for (let k = 0; k < 6; k++) {
            await pause(rng, 40);
            await rawOp(`raw${j}`, rng, n, h);
          }
        })()),
      ]);
      const final = await readAll(n);
      const problems = [...v.list, ...h.unexplained(observe(final)), ...h.unexplainedDuplicates(counts(final))];
      // a removal that reports the value neither removed nor already absent: only when someone else removed it meanwhile
      for (const op of h.ops.filter((o) => o.label.includes('[neither]'))) {
        const key = op.effects[0]?.key;
        const other = h.ops.some((o) => o !== op && o.status !== 'failed' && o.start < op.end && o.end > op.start && o.effects.some((e) => e.key === key && e.value === 'absent'));
        if (!other) problems.push(`#${op.id} ${op.actor} ${op.label}: the value was neither removed by it nor absent, and nobody else removed it meanwhile`);
      }
      const history = h.ops.map((o) => `#${o.id} ${o.actor} [${o.start},${o.end}] ${o.status} ${o.label}`).join('\n  ');
      if (process.env.PCS_DEBUG) console.log(history);
      const statuses = h.ops.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});
      // on failure the whole history (every operation, also those that recorded no effect) and the final state
      assert.deepEqual(problems, [], `seed ${seed} (${h.ops.length} operations ${JSON.stringify(statuses)}):\n${problems.join('\n')}\n` +
        `history:\n  ${history}\nfinal: ${JSON.stringify(final)}`);
    });
  }
});
