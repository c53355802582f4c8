/**
 * Seeded, property-based hostile-server check of the security REST API helpers (SecurityApi). A loopback
 * node:http stub models the plugin's REST API over an in-memory store (entities per type, reserved/static
 * flags, server-side PATCH applied to the current state as the plugin does) and, from a seeded PRNG,
 * misbehaves on one read or write of each case: 409 once or forever, a concurrent writer between our read
 * and our write, 2xx bodies saying failure, 4xx/5xx bodies saying OK, non-JSON, truncated, empty, 10 MB and
 * deeply nested bodies, flags flipping between reads, unknown fields and concurrency tokens (`_seq_no`,
 * `_primary_term`, ETag) it never honours, hashes and passwords echoed, a connection reset before or after
 * applying a write, hostile Retry-After values, redirects, gateway 502s.
 *
 * Invariants, checked after every operation against the stub's store:
 * 1. Report agrees with the store: an operation reported done has its change in the store; one that failed
 *    with an error that says "not applied" (anything but an uncertain error, below) had none of its writes
 *    applied; an uncertain error (the answer lost: a connection error, a timeout, a gateway's 502/504, a
 *    2xx or a contradictory answer that is not the plugin's) may go either way. apply(): the types in
 *    planProgress.applied were applied, the failed one was not when outcome is `not_applied`.
 * 2. No lost update: a concurrent writer's change made between our read and our write survives (or the
 *    operation fails with a conflict error); a non-idempotent write is never re-sent after its answer was lost.
 * 3. plan/apply never deletes or overwrites a reserved or static entity.
 * 4. No secret (the user passwords the calls carry, the client's own password, hashes the server echoes)
 *    appears in a result, or in an error's message, stack, cause chain, JSON or util.inspect output, or in
 *    the client's events.
 * 5. Every error thrown is one of the SDK's (isFgacError, SecurityModelError, ConfigError) or an
 *    opensearch-js transport error that passed its error boundary (ConnectionError, TimeoutError...).
 * 6. Nothing hangs: every case is bounded.
 * Documented limits not asserted: a server that answers a well-formed `{status: OK}` (or a plugin error)
 * while doing something else (a partial PATCH) cannot be told from the plugin; ensure's create (PUT) and
 * the list edits' whole-list writes have a one-round-trip window (README).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { inspect } from 'node:util';
import { Client, errors } from '@opensearch-project/opensearch';
import { createClient } from '../../src/client/create-client.js';
import { ConfigError, isFgacError } from '../../src/errors/classes.js';
import { SecurityApi } from '../../src/security/api.js';
import { SecurityModelError } from '../../src/security/model-error.js';
import type { SecurityResourceKind } from '../../src/security/canonical.js';
import type { SecurityPlan } from '../../src/security/plan-types.js';
import { isUnconfirmedWrite } from '../../src/security/write-result.js';
import { retryDecision } from '../../src/retry/decision.js';
import { rng as prng } from '../domain/seed-data.js';
import { loopbackUrl } from '../support/loopback-client.js';
import { shareSeeds } from '../support/fuzz-share.js';

type Entity = Record<string, unknown>;
type TypeName = 'roles' | 'rolesmapping' | 'internalusers' | 'actiongroups' | 'tenants';
const TYPES: TypeName[] = ['roles', 'rolesmapping', 'internalusers', 'actiongroups', 'tenants'];

const CLIENT_PASSWORD = 'Client-Own-Pw-7q3Z';
const USER_PASSWORD = 'Fz-User-Secret-91xK';
const SERVER_HASH = '$2y$12$ServerEchoedHashAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const SECRETS = [CLIENT_PASSWORD, USER_PASSWORD, SERVER_HASH];

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

// ---------------------------------------------------------------------------------------------------------
// The stub.

type WriteFault =
  | 'none' | 'conflict-once' | 'conflict-forever' | 'concurrent' | 'ok-says-error' | 'error-says-ok' | 'non-json' | 'truncated'
  | 'empty' | 'huge' | 'nested' | 'reset-after' | 'reset-before' | 'redirect' | 'retry-after' | 'gateway-502' | 'echo-secrets' | 'own-503';
type ReadFault =
  | 'none' | 'non-json' | 'truncated' | 'empty' | 'huge' | 'nested' | 'says-error' | 'flip-flags' | 'extra-fields' | 'echo-hash'
  | 'reset' | 'gateway-502' | 'redirect' | 'retry-after';

const WRITE_FAULTS: WriteFault[] = ['none', 'conflict-once', 'conflict-forever', 'concurrent', 'ok-says-error', 'error-says-ok', 'non-json', 'truncated',
  'empty', 'huge', 'nested', 'reset-after', 'reset-before', 'redirect', 'retry-after', 'gateway-502', 'echo-secrets', 'own-503'];
const READ_FAULTS: ReadFault[] = ['none', 'non-json', 'truncated', 'empty', 'huge', 'nested', 'says-error', 'flip-flags', 'extra-fields', 'echo-hash',
  'reset', 'gateway-502', 'redirect', 'retry-after'];
const HOSTILE_RETRY_AFTER = ['-1', 'NaN', '1e400', '99999999999', 'Wed, 21 Oct 2015 07:28:00 GMT', '', '0.5', '\u0000', 'Infinity'];

interface Flags { reserved?: boolean; static?: boolean; hidden?: boolean }
interface AppliedWrite { method: string; path: string; body: unknown; applied?: boolean }

interface StubState {
  store: Record<TypeName, Map<string, Entity>>;
  flags: Map<string, Flags>;
  writeFault: WriteFault;
  writeNth: number;
  readFault: ReadFault;
  readNth: number;
  applies: boolean;
  retryAfter: string;
  writes: number;
  reads: number;
  /** SDK writes the stub applied (a reset-after write included). */
  applied: AppliedWrite[];
  /** Every write the SDK sent: a non-idempotent write sent twice after a lost answer shows here. */
  sent: AppliedWrite[];
  concurrent: ((s: StubState) => void) | undefined;
  /** Picks among variants of a fault (status codes). */
  alt: number;
  /** The case's client signs in as `case<id>`: a late request of an earlier case never touches this case's store. */
  caseId: number;
  concurrentRan?: boolean;
  /** Per `type/name`, the protected flags (reserved, static, hidden) some read answer showed true (flipped ones included). */
  shown: Map<string, Set<string>>;
}

let cases = 0;

let state: StubState;

function flagKey(type: TypeName, name: string): string {
  return `${type}/${name}`;
}

function initialStore(): StubState['store'] {
  return {
    roles: new Map<string, Entity>([
      ['r1', { cluster_permissions: ['cluster_monitor'], description: 'one' }],
      ['r2', { cluster_permissions: ['cluster_composite_ops'] }],
      ['locked', { cluster_permissions: ['*'] }],
      ['stat', { cluster_permissions: ['indices_monitor'] }],
      ['all_access', { cluster_permissions: ['*'] }],
      ['security_manager', { cluster_permissions: ['cluster_monitor'] }],
    ]),
    rolesmapping: new Map<string, Entity>([
      ['r1', { users: ['a', 'b'] }],
      ['r2', { backend_roles: ['br'] }],
      ['locked', { users: ['admin'] }],
      ['all_access', { users: ['admin'] }],
    ]),
    internalusers: new Map<string, Entity>([
      ['admin', { hash: '$2y$12$storedhashstoredhashstoredhashstoredhashstoredhashsto', backend_roles: ['admin'] }],
      ['bob', { hash: '$2y$12$bobbobbobbobbobbobbobbobbobbobbobbobbobbobbobbobbobbo', backend_roles: [] }],
    ]),
    actiongroups: new Map<string, Entity>([['ag1', { allowed_actions: ['indices:data/read/*'], type: 'index' }]]),
    tenants: new Map<string, Entity>([['t1', { description: 'tenant one' }]]),
  };
}

function reset(r: () => number): void {
  state = {
    store: initialStore(),
    flags: new Map([[flagKey('roles', 'locked'), { reserved: true }], [flagKey('rolesmapping', 'locked'), { reserved: true }], [flagKey('roles', 'stat'), { static: true }]]),
    writeFault: 'none', writeNth: 0, readFault: 'none', readNth: 0, applies: r() < 0.5, retryAfter: pick(r, HOSTILE_RETRY_AFTER),
    writes: 0, reads: 0, applied: [], sent: [], concurrent: undefined, alt: Math.floor(r() * 1000), caseId: ++cases, shown: new Map(),
  };
}

const MAPPING_LISTS = ['users', 'backend_roles', 'and_backend_roles', 'hosts'];
const PROTECTED_FLAGS = ['reserved', 'static', 'hidden'] as const;

/** What GET shows of an entity: flags, mapping lists filled in, the hash blanked (as the plugin does). */
function view(type: TypeName, name: string, e: Entity, fault: ReadFault): Entity {
  const filled = type === 'rolesmapping' ? Object.fromEntries(MAPPING_LISTS.map((k) => [k, []])) : {};
  const flags = state.flags.get(flagKey(type, name)) ?? {};
  const out: Entity = { ...filled, ...structuredClone(e), reserved: flags.reserved === true, hidden: false, static: flags.static === true };
  if (type === 'internalusers') out['hash'] = '';
  if (fault === 'flip-flags') Object.assign(out, { reserved: !out['reserved'], static: !out['static'] });
  if (fault === 'extra-fields') Object.assign(out, { _seq_no: 41, _primary_term: 3, unknown_field: { nested: [1, 2] } });
  if (fault === 'echo-hash' && type === 'internalusers') Object.assign(out, { hash: SERVER_HASH, password: USER_PASSWORD });
  for (const flag of PROTECTED_FLAGS) {
    if (out[flag] !== true) continue;
    const seen = state.shown.get(flagKey(type, name)) ?? new Set<string>();
    state.shown.set(flagKey(type, name), seen.add(flag));
  }
  return out;
}

/** The plugin's JSON drops empty lists before a PATCH (so `add /users/-` on an empty list fails). */
function withoutEmptyLists(e: Entity): Entity {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
}

class PatchFailure extends Error {}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** RFC 6902 add/replace/remove over a JSON document (objects and arrays), as the plugin's library does. */
function applyOps(doc: Entity, ops: Array<{ op: string; path: string; value?: unknown }>): Entity {
  const root: Entity = structuredClone(doc);
  for (const op of ops) {
    const tokens = op.path.split('/').slice(1).map(unescape);
    if (tokens.length === 0) throw new PatchFailure('empty path');
    let parent: unknown = root;
    for (const t of tokens.slice(0, -1)) {
      const next = Array.isArray(parent) ? parent[Number(t)] : (parent as Entity)[t];
      if (next === null || typeof next !== 'object') throw new PatchFailure(`Missing field "${t}"`);
      parent = next;
    }
    const last = tokens.at(-1) as string;
    if (Array.isArray(parent)) {
      if (op.op === 'add') {
        if (last === '-') parent.push(op.value);
        else if (Number(last) <= parent.length) parent.splice(Number(last), 0, op.value);
        else throw new PatchFailure('out of bounds');
      } else if (Number(last) < parent.length) {
        if (op.op === 'remove') parent.splice(Number(last), 1);
        else parent[Number(last)] = op.value;
      } else throw new PatchFailure('out of bounds');
    } else {
      const obj = parent as Entity;
      if (op.op !== 'add' && !Object.hasOwn(obj, last)) throw new PatchFailure(`Missing field "${last}"`);
      if (op.op === 'remove') delete obj[last];
      else obj[last] = op.value;
    }
  }
  return root;
}

interface Answer { status: number; body: Entity }
const notFound = (type: TypeName, name: string): Answer => ({ status: 404, body: { status: 'NOT_FOUND', message: `${type === 'rolesmapping' ? 'rolesmapping' : type} '${name}' not found.` } });

function protectedAnswer(type: TypeName, name: string): Answer | undefined {
  const f = state.flags.get(flagKey(type, name));
  if (f?.static) return { status: 403, body: { status: 'FORBIDDEN', message: `Resource '${name}' is static.` } };
  if (f?.reserved) return { status: 403, body: { status: 'FORBIDDEN', message: `Resource '${name}' is reserved.` } };
  return undefined;
}

/** Applies a write to the store as the plugin does (all or nothing); returns its answer. */
function write(type: TypeName, name: string | undefined, method: string, body: unknown): Answer {
  const config = state.store[type];
  if (name === undefined) {
    if (method !== 'PATCH') return { status: 501, body: { status: 'NOT_IMPLEMENTED', message: `Method ${method} not supported for this action.` } };
    const ops = body as Array<{ op: string; path: string; value?: unknown }>;
    for (const op of ops) {
      const target = unescape(op.path.split('/')[1] ?? '');
      const refused = protectedAnswer(type, target);
      if (refused !== undefined && config.has(target)) return refused;
    }
    const doc: Entity = Object.fromEntries([...config].map(([n, e]) => [n, withoutEmptyLists(e)]));
    let next: Entity;
    try {
      next = applyOps(doc, ops);
    } catch (err) {
      return { status: 400, body: { status: 'BAD_REQUEST', message: (err as Error).message } };
    }
    config.clear();
    for (const [n, e] of Object.entries(next)) config.set(n, e as Entity);
    return { status: 200, body: { status: 'OK', message: 'Resource updated.' } };
  }
  const refused = protectedAnswer(type, name);
  if (refused !== undefined && (config.has(name) || method === 'PUT')) return refused;
  const current = config.get(name);
  if (method === 'PUT') {
    config.set(name, structuredClone(body) as Entity);
    return current === undefined ? { status: 201, body: { status: 'CREATED', message: `'${name}' created.` } } : { status: 200, body: { status: 'OK', message: `'${name}' updated.` } };
  }
  if (current === undefined) return notFound(type, name);
  if (method === 'DELETE') {
    config.delete(name);
    return { status: 200, body: { status: 'OK', message: `'${name}' deleted.` } };
  }
  if (method === 'PATCH') {
    try {
      config.set(name, applyOps(withoutEmptyLists(current), body as Array<{ op: string; path: string; value?: unknown }>));
    } catch (err) {
      return { status: 400, body: { status: 'BAD_REQUEST', message: (err as Error).message } };
    }
    return { status: 200, body: { status: 'OK', message: `'${name}' updated.` } };
  }
  return { status: 501, body: { status: 'NOT_IMPLEMENTED', message: `Method ${method} not supported for this action.` } };
}

function nested(depth: number): string {
  return `{"message":"m","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

function sendRaw(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Misbehaves as `fault` says, or answers `answer`; `apply` runs the write when the fault lets it through. */
function misbehave(res: http.ServerResponse, fault: WriteFault | ReadFault, answer: () => Answer, apply: boolean, echo: string[]): void {
  const ok = (): Answer => answer();
  const maybe = (): void => {
    if (apply) answer();
  };
  switch (fault) {
    case 'reset-before':
    case 'reset':
      res.socket?.destroy();
      return;
    case 'reset-after':
      answer();
      res.socket?.destroy();
      return;
    case 'ok-says-error':
    case 'says-error':
      maybe();
      return sendRaw(res, 200, JSON.stringify({ status: 'error', reason: 'Invalid configuration', message: `failed ${echo.join(' ')}` }));
    case 'error-says-ok':
      maybe();
      return sendRaw(res, [400, 500][state.alt % 2] as number, JSON.stringify({ status: 'OK', message: 'updated.' }));
    case 'non-json':
      maybe();
      return sendRaw(res, 200, '<html><body>OK</body></html>', { 'content-type': 'text/html' });
    case 'truncated': {
      maybe();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"OK","message":"upd');
      return;
    }
    case 'empty':
      maybe();
      return sendRaw(res, 200, '');
    case 'huge': {
      const a = ok();
      return sendRaw(res, a.status, JSON.stringify({ ...a.body, pad: 'x'.repeat(10 * 1024 * 1024) }));
    }
    case 'nested':
      maybe();
      return sendRaw(res, 200, nested(200_000));
    case 'redirect':
      maybe();
      return sendRaw(res, [301, 302, 307, 308][state.alt % 4] as number, '', { location: 'http://127.0.0.1:1/elsewhere' });
    case 'retry-after':
      return sendRaw(res, 429, JSON.stringify({ error: { type: 'too_many_requests', reason: 'slow down' }, status: 429 }), { 'retry-after': state.retryAfter });
    case 'own-503':
      return sendRaw(res, 503, JSON.stringify({ error: { type: 'cluster_block_exception', reason: 'blocked' }, status: 503 }));
    case 'gateway-502':
      maybe();
      return sendRaw(res, 502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' });
    case 'echo-secrets': {
      const a = ok();
      return sendRaw(res, a.status, JSON.stringify({ ...a.body, message: `${String(a.body['message'])} ${echo.join(' ')}` }));
    }
    default: {
      const a = ok();
      return sendRaw(res, a.status, JSON.stringify(a.body));
    }
  }
}

function secretsIn(body: unknown): string[] {
  const text = JSON.stringify(body ?? null);
  return [...SECRETS.filter((s) => text.includes(s)), ...[...text.matchAll(/"(?:password|hash|current_password)":"([^"]*)"/g)].map((m) => m[1] as string)];
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const user = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':')[0];
  if (user !== `case${state.caseId}`) return sendRaw(res, 503, JSON.stringify({ error: { type: 'stale_case', reason: 'an earlier case' }, status: 503 }));
  if (url === '/') return sendRaw(res, 200, JSON.stringify({ version: { distribution: 'opensearch', number: '2.19.4' } }));
  if (url.endsWith('/authinfo')) return sendRaw(res, 200, JSON.stringify({ user_name: 'admin', roles: ['all_access'], backend_roles: [] }));
  const m = /^\/_plugins\/_security\/api\/(\w+)(?:\/([^/?]+))?$/.exec(url);
  const type = m?.[1] as TypeName | undefined;
  if (m === null || type === undefined || !TYPES.includes(type)) return sendRaw(res, 404, JSON.stringify({ status: 'NOT_FOUND', message: 'no such endpoint' }));
  const name = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  const body: unknown = raw === '' ? undefined : JSON.parse(raw);
  if (method === 'GET') {
    const n = state.reads++;
    const fault = n === state.readNth ? state.readFault : 'none';
    const config = state.store[type];
    const answer = (): Answer => {
      if (name === undefined) return { status: 200, body: Object.fromEntries([...config].map(([k, e]) => [k, view(type, k, e, fault)])) };
      const e = config.get(name);
      return e === undefined ? notFound(type, name) : { status: 200, body: { [name]: view(type, name, e, fault) } };
    };
    return misbehave(res, fault, answer, false, []);
  }
  const n = state.writes++;
  const sent: AppliedWrite = { method, path: url, body, applied: false };
  state.sent.push(sent);
  let fault: WriteFault = 'none';
  if (state.writeFault === 'conflict-forever' || (n === state.writeNth)) fault = state.writeFault;
  if (fault === 'conflict-once' || fault === 'conflict-forever') {
    return sendRaw(res, 409, JSON.stringify({ status: 'CONFLICT', message: `[${type}]: version conflict, required seqNo [4], primary term [1]. current document has seqNo [5] and primary term [1]` }));
  }
  if (fault === 'concurrent') {
    state.concurrent?.(state);
    state.concurrentRan = true;
  }
  const answer = (): Answer => {
    const a = write(type, name, method, body);
    if (a.status < 300) {
      state.applied.push({ method, path: url, body });
      sent.applied = true;
    }
    return a;
  };
  return misbehave(res, fault, answer, state.applies, [...secretsIn(body), CLIENT_PASSWORD, SERVER_HASH]);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
      if (!res.headersSent) sendRaw(res, 500, JSON.stringify({ status: 'INTERNAL_SERVER_ERROR', message: String(err) }));
    });
  });
});

const stubUrl = loopbackUrl(server);

// ---------------------------------------------------------------------------------------------------------
// The oracle.

/** The answer was lost or is not the plugin's: the SDK cannot know whether the write was applied (apply's `unknown`). */
function uncertain(err: unknown): boolean {
  if (err instanceof errors.RequestAbortedError) return true;
  if (isUnconfirmedWrite(err)) return true;
  return retryDecision(err, { method: 'PATCH', path: '' }).reason === 'unsafe_write';
}

function typedError(err: unknown): boolean {
  return isFgacError(err) || err instanceof SecurityModelError || err instanceof ConfigError || err instanceof errors.OpenSearchClientError;
}

/** Every text a caller may see of a value: JSON, inspect, and for errors message, stack and causes. */
function texts(value: unknown): string {
  const out: string[] = [];
  let v: unknown = value;
  for (let i = 0; i < 6 && v !== undefined && v !== null; i++) {
    try {
      out.push(JSON.stringify(v) ?? '');
    } catch (err) {
      out.push(`<json threw ${String(err)}>`);
    }
    out.push(inspect(v, { depth: 8, showHidden: true, maxStringLength: 200_000 }));
    if (v instanceof Error) {
      out.push(String(v.message), String(v.stack));
      v = (v as { cause?: unknown }).cause;
    } else break;
  }
  return out.join('\n');
}

interface Case {
  seed: number;
  label: string;
  run(api: SecurityApi): Promise<unknown>;
  /** The op's change is in the store. */
  done(s: StubState): boolean;
  /** For ops with one target: the target is as it was before (modulo the concurrent writer). */
  writesSent?: boolean;
  /** plan+apply: the plan it applied (once plan answered). */
  planned?: () => SecurityPlan | undefined;
}

const STUB_TYPE: Record<SecurityResourceKind, TypeName> = { roles: 'roles', roleMappings: 'rolesmapping', users: 'internalusers', actionGroups: 'actiongroups', tenants: 'tenants' };

/**
 * True when `plan` reports `name` of `kind` in `skipped` with plan's documented reason for an unwritable entity
 * (`<hidden|static|reserved>: the REST API refuses to change it (differs in …)`, or `…: prune never deletes it`
 * with `drift: false`), for a flag a read answer of the stub really showed for that entity. Any other skip (no
 * such flag shown, another reason, the wrong `drift`) is not accepted.
 */
function skippedAsProtected(s: StubState, plan: SecurityPlan | undefined, kind: SecurityResourceKind, name: string, why: 'change' | 'prune'): boolean {
  const entry = plan?.[kind].skipped.find((e) => e.name === name);
  if (entry === undefined) return false;
  const m = /^(hidden|static|reserved): (.*)$/s.exec(entry.reason);
  if (m === null || !(s.shown.get(flagKey(STUB_TYPE[kind], name))?.has(m[1] as string) ?? false)) return false;
  if (why === 'prune') return m[2] === 'prune never deletes it' && entry.drift === false;
  return /^the REST API refuses to change it \(differs in .+\)$/s.test(m[2] as string) && entry.drift === undefined;
}

const wanted = {
  role: { cluster_permissions: ['cluster_monitor', 'indices_monitor'], description: 'ours' },
};

function roleIs(s: StubState, name: string, want: Entity): boolean {
  const e = s.store.roles.get(name);
  return e !== undefined && JSON.stringify(e['cluster_permissions']) === JSON.stringify(want['cluster_permissions']) && e['description'] === want['description'];
}

/** Builds one case from a seed: an operation, a fault and its position, and what "done" means for it. */
function makeCase(seed: number): { c: Case; r: () => number } {
  const r = prng(seed);
  reset(r);
  state.writeFault = pick(r, WRITE_FAULTS);
  state.writeNth = Math.floor(r() * 2);
  state.readFault = pick(r, READ_FAULTS);
  state.readNth = Math.floor(r() * 3);
  const target = pick(r, ['r1', 'r2', 'new1']);
  let planned: SecurityPlan | undefined;
  const ops: Array<Omit<Case, 'seed'>> = [
    { label: `roles.put ${target}`, run: (api) => api.roles.put(target, wanted.role), done: (s) => roleIs(s, target, wanted.role) },
    {
      label: `roles.patch ${target}`,
      run: (api) => api.roles.patch(target, [{ op: 'add', path: '/description', value: 'ours' }, { op: 'add', path: '/cluster_permissions/-', value: 'indices_monitor' }]),
      done: (s) => s.store.roles.get(target)?.['description'] === 'ours',
    },
    { label: `roles.delete ${target}`, run: (api) => api.roles.delete(target), done: (s) => !s.store.roles.has(target) },
    { label: `roles.ensure ${target}`, run: (api) => api.roles.ensure(target, wanted.role), done: (s) => roleIs(s, target, wanted.role) },
    {
      label: `roleMappings.addUsers ${target}`,
      run: (api) => api.roleMappings.addUsers(target, ['u1', 'u2']),
      done: (s) => ['u1', 'u2'].every((u) => (s.store.rolesmapping.get(target)?.['users'] as string[] | undefined)?.includes(u) === true),
    },
    {
      label: `roleMappings.removeUsers ${target}`,
      run: (api) => api.roleMappings.removeUsers(target, ['a']),
      done: (s) => !((s.store.rolesmapping.get(target)?.['users'] as string[] | undefined) ?? []).includes('a'),
    },
    {
      label: `users.put ${target}`,
      run: (api) => api.users.put(target, { password: USER_PASSWORD, backend_roles: ['x'] }),
      done: (s) => s.store.internalusers.get(target)?.['password'] === USER_PASSWORD,
    },
    {
      label: `users.ensure bob updatePassword`,
      run: (api) => api.users.ensure('bob', { password: USER_PASSWORD, backend_roles: ['y'] }, { updatePassword: true }),
      done: (s) => s.store.internalusers.get('bob')?.['password'] === USER_PASSWORD,
    },
    {
      label: 'tenants collection patch',
      run: (api) => api.tenants.patch([{ op: 'add', path: '/t2', value: { description: 'two' } }, { op: 'remove', path: '/t1' }]),
      done: (s) => s.store.tenants.has('t2') && !s.store.tenants.has('t1'),
    },
    { label: 'addMasterUser', run: (api) => api.addMasterUser('arn:aws:iam::123456789012:role/Admin'), done: (s) => (s.store.rolesmapping.get('all_access')?.['backend_roles'] as string[] | undefined)?.includes('arn:aws:iam::123456789012:role/Admin') === true },
    {
      label: 'plan+apply prune',
      run: async (api) => {
        planned = await api.plan({
          roles: { r1: wanted.role, locked: { cluster_permissions: [] }, stat: { cluster_permissions: [] }, all_access: { cluster_permissions: ['*'] }, security_manager: { cluster_permissions: ['cluster_monitor'] } },
          roleMappings: { r1: { users: ['z'] }, all_access: { users: ['admin'] } },
          users: { admin: { backend_roles: ['admin'] }, carol: { password: USER_PASSWORD } },
        }, { prune: true });
        return api.apply(planned);
      },
      // r1 changed and r2 pruned, unless the plan skipped them as documented for what the server showed (a flag
      // flipped on read makes them reserved or static: plan reports them in `skipped`, README); carol is new and
      // never skippable
      done: (s) => (roleIs(s, 'r1', wanted.role) || skippedAsProtected(s, planned, 'roles', 'r1', 'change'))
        && (!s.store.roles.has('r2') || skippedAsProtected(s, planned, 'roles', 'r2', 'prune'))
        && s.store.internalusers.get('carol')?.['password'] === USER_PASSWORD,
      planned: () => planned,
    },
    { label: `users.get bob / list`, run: async (api) => [await api.users.get('bob'), await api.users.list(), await api.users.getRaw('bob'), await api.users.listRaw()], done: () => true },
    { label: `roles.get ${target}`, run: async (api) => [await api.roles.get(target), await api.roles.list()], done: () => true },
  ];
  const op = pick(r, ops);
  // the concurrent writer edits the target between our read and our write
  state.concurrent = (s) => {
    const mapping = s.store.rolesmapping.get(target);
    if (mapping !== undefined) mapping['users'] = [...((mapping['users'] as string[] | undefined) ?? []), 'intruder'];
    const role = s.store.roles.get(target);
    if (role !== undefined) role['index_permissions'] = [{ index_patterns: ['theirs*'], allowed_actions: ['read'] }];
  };
  return { c: { seed, ...op }, r };
}

interface Violation { seed: number; label: string; fault: string; problem: string }

const nonIdempotent = (w: AppliedWrite): boolean => w.method === 'PATCH' || w.method === 'DELETE';

async function runCase(seed: number, rawClient: boolean): Promise<Violation[]> {
  const { c, r } = makeCase(seed);
  const fault = `write:${state.writeFault}@${state.writeNth} read:${state.readFault}@${state.readNth} applies:${state.applies} retry-after:${JSON.stringify(state.retryAfter)}${rawClient ? ' raw-client' : ''}`;
  const out: Violation[] = [];
  const bad = (problem: string): void => void out.push({ seed, label: c.label, fault, problem });
  const events: unknown[] = [];
  const client = rawClient
    ? new Client({ node: stubUrl(), auth: { username: `case${state.caseId}`, password: CLIENT_PASSWORD } })
    : createClient({ node: stubUrl(), auth: { mode: 'basic', username: `case${state.caseId}`, password: CLIENT_PASSWORD }, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 20 }, requestTimeoutMs: 5000 });
  client.on('response', (err: unknown, meta: unknown) => events.push(err, meta));
  const api = new SecurityApi(client as never, { settleMs: 1, conflictAttempts: 1 + Math.floor(r() * 3), maxElapsedMs: 2000 });
  let result: unknown;
  let error: unknown;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), 15_000);
  });
  try {
    const settled = await Promise.race([c.run(api).then((v) => ({ v }), (e: unknown) => ({ e })), hang]);
    if (settled === 'hang') bad('hung (no answer within the case bound)');
    else if ('e' in settled) error = settled.e;
    else result = settled.v;
  } finally {
    clearTimeout(timer);
    await client.close();
  }
  // 5: typed errors
  if (error !== undefined && !typedError(error)) bad(`untyped error: ${inspect(error).slice(0, 300)}`);
  // 4: secrets
  // a plain opensearch-js Client's own events are its own (the SDK cannot reach them)
  for (const [what, value] of [['result', result], ['error', error], ['events', rawClient ? [] : events]] as const) {
    const text = texts(value);
    for (const s of SECRETS) if (text.includes(s)) bad(`secret ${s.slice(0, 8)}... in the ${what}`);
  }
  // 2: a non-idempotent write never sent twice after its answer was lost
  const seen = new Set<string>();
  for (const w of state.sent.filter(nonIdempotent)) {
    const key = `${w.method} ${w.path} ${JSON.stringify(w.body)}`;
    if (seen.has(key)) bad(`re-sent an applied non-idempotent write: ${key.slice(0, 160)}`);
    if (w.applied === true) seen.add(key);
  }
  // 3: reserved/static never written
  for (const a of state.applied) {
    for (const name of ['locked', 'stat']) if (a.path.endsWith(`/${name}`) || JSON.stringify(a.body ?? '').includes(`"/${name}`)) bad(`wrote protected ${name}: ${a.method} ${a.path}`);
  }
  // 3: an entity plan reported in `skipped` is never written by apply
  const plan = c.planned?.();
  for (const kind of plan === undefined ? [] : Object.keys(STUB_TYPE) as SecurityResourceKind[]) {
    for (const { name } of plan?.[kind].skipped ?? []) {
      const base = `/_plugins/_security/api/${STUB_TYPE[kind]}`;
      const path = `"path":${JSON.stringify(`/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`)}`;
      const hits = state.applied.filter((a) => a.path === `${base}/${encodeURIComponent(name)}` || (a.path === base && (JSON.stringify(a.body ?? '').includes(path) || JSON.stringify(a.body ?? '').includes(`${path.slice(0, -1)}/`))));
      if (hits.length > 0) bad(`wrote ${kind} ${name}, which plan reported skipped: ${hits.map((a) => `${a.method} ${a.path}`).join(', ')}`);
    }
  }
  // 1: report vs store
  const progress = (error as { planProgress?: { applied: Array<{ kind: string }>; failed: string; outcome: string } } | undefined)?.planProgress;
  if (error === undefined) {
    if (!c.done(state)) bad('reported done, but the change is not in the store');
  } else if (progress !== undefined) {
    const endpoint: Record<string, string> = { roles: 'roles', roleMappings: 'rolesmapping', users: 'internalusers', actionGroups: 'actiongroups', tenants: 'tenants' };
    const appliedPaths = new Set(state.applied.map((a) => a.path.split('/').pop()));
    for (const kind of progress.applied.map((a) => a.kind)) if (!appliedPaths.has(endpoint[kind])) bad(`planProgress says ${kind} applied; the store did not get it`);
    if (progress.outcome === 'not_applied' && appliedPaths.has(endpoint[progress.failed])) bad(`planProgress says ${progress.failed} not_applied; the store has it (${inspect(error).slice(0, 200)})`);
  } else if (c.label === 'addMasterUser') {
    // where it stopped: every mapping it reports is in the store; a failed role `not_applied` got no write
    const stopped = (error as { masterUserProgress?: { mappings: Array<{ role: string }>; failed: string; outcome: string; pending: string[] } }).masterUserProgress;
    const mapped = (role: string): boolean => state.applied.some((a) => a.path.endsWith(`/rolesmapping/${role}`) || (a.path.endsWith('/rolesmapping') && JSON.stringify(a.body ?? '').includes(`"/${role}`)));
    if (stopped === undefined) bad(`addMasterUser failed without masterUserProgress: ${inspect(error).slice(0, 200)}`);
    else {
      for (const m of stopped.mappings) if (!mapped(m.role)) bad(`masterUserProgress says ${m.role} mapped; the store did not get it`);
      if (stopped.outcome === 'not_applied' && mapped(stopped.failed)) bad(`masterUserProgress says ${stopped.failed} not_applied; the store has it`);
      if (stopped.outcome === 'not_applied' && uncertain(error)) bad('masterUserProgress says not_applied for an error whose answer was lost');
    }
  } else if (!uncertain(error) && state.applied.length > 0) {
    bad(`failed as "not applied" (${String((error as Error).name)}: ${String((error as Error).message).slice(0, 160)}), but the store applied ${state.applied.map((a) => `${a.method} ${a.path}`).join(', ')}`);
  }
  // 2: the concurrent writer's change survives (it never touches a field our op writes, except whole-entity PUT/delete)
  if (state.concurrentRan === true && error === undefined && (c.label.startsWith('roleMappings.') || c.label.startsWith('roles.patch') || c.label.startsWith('roles.ensure'))) {
    const target = c.label.split(' ')[1] as string;
    const mapping = state.store.rolesmapping.get(target);
    const role = state.store.roles.get(target);
    if (c.label.startsWith('roleMappings.') && mapping !== undefined && state.applied.length > 0 && !((mapping['users'] as string[] | undefined) ?? []).includes('intruder')) {
      // documented window: a whole-list write (empty list, missing mapping) may replace a concurrent add
      const wholeList = state.sent.some((w) => w.method === 'PUT' || JSON.stringify(w.body).includes('"path":"/users"'));
      if (!wholeList) bad('a concurrent writer\'s mapping edit was lost');
    }
    if (!c.label.startsWith('roleMappings.') && role !== undefined && state.applied.length > 0 && role['index_permissions'] === undefined && !state.sent.some((w) => w.method === 'PUT')) bad('a concurrent writer\'s role edit was lost');
  }
  return out;
}

/** One operation against the stub with a fixed fault: what it returned or threw, and the stub's state after. */
async function fixed(setup: Partial<StubState>, run: (api: SecurityApi) => Promise<unknown>, rawClient = false): Promise<{ result?: unknown; error?: unknown; s: StubState }> {
  reset(prng(1));
  Object.assign(state, { writeFault: 'none', readFault: 'none', applies: true }, setup);
  const client = rawClient
    ? new Client({ node: stubUrl(), auth: { username: `case${state.caseId}`, password: CLIENT_PASSWORD } })
    : createClient({ node: stubUrl(), auth: { mode: 'basic', username: `case${state.caseId}`, password: CLIENT_PASSWORD }, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } });
  try {
    return { result: await run(new SecurityApi(client as never, { settleMs: 1, conflictAttempts: 2 })), s: state };
  } catch (error) {
    return { error, s: state };
  } finally {
    await client.close();
  }
}

describe('focused regressions (each failed before its fix)', () => {
  test('a plain opensearch-js Client never re-sends a PATCH or DELETE whose answer was lost (its own retries would append twice, or answer 404 for our deletion)', async () => {
    const patch = await fixed({ writeFault: 'reset-after' }, (api) => api.roles.patch('r1', [{ op: 'add', path: '/cluster_permissions/-', value: 'indices_monitor' }]), true);
    assert.deepEqual(patch.s.store.roles.get('r1')?.['cluster_permissions'], ['cluster_monitor', 'indices_monitor']);
    assert.equal(patch.s.sent.length, 1);
    assert.ok(uncertain(patch.error), String(patch.error));
    const del = await fixed({ writeFault: 'gateway-502', applies: true }, (api) => api.roles.delete('r2'), true);
    assert.equal(del.s.sent.length, 1);
    assert.ok(uncertain(del.error), String(del.error));
  });

  for (const [label, writeFault] of [['a redirect', 'redirect'], ['a 2xx body cut short', 'truncated'], ['an error status whose body says OK', 'error-says-ok']] as const) {
    test(`a write answered by ${label} is not known to be applied: an unconfirmed-write error, and apply's outcome is unknown`, async () => {
      const del = await fixed({ writeFault, alt: 1 }, (api) => api.roles.delete('r2'));
      assert.equal(del.s.store.roles.has('r2'), false);
      assert.ok(del.error instanceof SecurityModelError && isUnconfirmedWrite(del.error), String(del.error));
      const applied = await fixed({ writeFault, alt: 2 }, async (api) => api.apply(await api.plan({ roles: { r1: wanted.role } })));
      assert.equal((applied.error as { planProgress?: { outcome?: string } }).planProgress?.outcome, 'unknown', String(applied.error));
    });
  }

  test("users' raw reads never return a hash or password the server echoes (the plugin blanks the hash)", async () => {
    const { result, error } = await fixed({ readFault: 'echo-hash', readNth: 0 }, async (api) => [await api.users.getRaw('bob'), await api.users.listRaw()]);
    assert.equal(error, undefined);
    for (const s of [SERVER_HASH, USER_PASSWORD]) assert.ok(!texts(result).includes(s));
    assert.equal((result as Array<{ hash?: string }>)[0]?.hash, '');
  });

  test('a role-mapping edit that runs out of attempts throws a typed error (the last failure as its cause), not a plain Error', async () => {
    const { error } = await fixed({ writeFault: 'conflict-forever' }, (api) => api.roleMappings.addUsers('r1', ['u1']));
    assert.ok(error instanceof SecurityModelError, String(error));
    assert.match(error.message, /could not add users to role mapping 'r1' in 2 attempts/);
    assert.equal((error.cause as { statusCode?: number }).statusCode, 409);
  });

  test('a role-mapping edit whose check read fails after its write may have been applied throws the unconfirmed-write error, and addMasterUser says where it stopped', async () => {
    const master = await fixed({ writeFault: 'gateway-502', writeNth: 1, readFault: 'redirect', readNth: 1, applies: true }, (api) => api.addMasterUser('arn:aws:iam::123456789012:role/Admin'));
    assert.ok(isUnconfirmedWrite(master.error), String(master.error));
    assert.deepEqual((master.error as { masterUserProgress?: unknown }).masterUserProgress, { field: 'backend_roles', mappings: [], skipped: [], failed: 'all_access', outcome: 'unknown', pending: ['security_manager'] });
    const removal = await fixed({ writeFault: 'reset-after', writeNth: 0, readFault: 'huge', readNth: 1, applies: false }, (api) => api.roleMappings.removeUsers('r1', ['a']));
    assert.ok(removal.s.applied.length > 0, "the removal reached the store");
    assert.ok(isUnconfirmedWrite(removal.error), String(removal.error));
  });

  test("a plain opensearch-js Client's own password, echoed in an accepted write's message, is redacted", async () => {
    const { result, error } = await fixed({ writeFault: 'echo-secrets' }, (api) => api.roles.put('r1', wanted.role), true);
    assert.equal(error, undefined);
    assert.ok(!texts(result).includes(CLIENT_PASSWORD), JSON.stringify(result));
  });
});

// ---------------------------------------------------------------------------------------------------------

/** FUZZ_SEED=a,b,c runs those seeds instead of the default 400 or a share of them (FGAC_FUZZ_SHARE; each with the SDK client; every fourth with a plain Client too). */
const SEEDS = process.env.FUZZ_SEED !== undefined ? process.env.FUZZ_SEED.split(',').map(Number) : shareSeeds(400, 1000);

describe('hostile security REST API server: seeded property check', () => {
  test(`${SEEDS.length} seeded cases (SDK client) and ${Math.ceil(SEEDS.length / 4)} (plain opensearch-js Client): every invariant holds`, { timeout: 55_000 }, async () => {
    const violations: Violation[] = [];
    for (const seed of SEEDS) violations.push(...await runCase(seed, false));
    for (const seed of SEEDS.filter((_, i) => i % 4 === 0)) violations.push(...await runCase(seed, true));
    assert.deepEqual(violations.map((v) => `seed ${v.seed} [${v.label}] {${v.fault}}: ${v.problem}`).slice(0, 40), []);
  });
});

export { runCase, makeCase };
