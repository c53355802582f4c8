/**
 * One loopback stand-in for everything the prototype-pollution property check talks to: an OpenSearch 2.19 node
 * with the security plugin (root, authinfo, account, health, the security REST API over an in-memory store with
 * PUT/PATCH/DELETE, search, `_bulk`, aliases, settings, mappings, a refused index) and Cognito's JSON protocol
 * (InitiateAuth, GetId, GetCredentialsForIdentity). It answers over HTTP and over HTTPS (a certificate made by
 * openssl for this run, signed by a CA of its own). Deterministic: the same requests get the same answers, so a
 * run under a polluted prototype can be compared with a clean one request by request.
 *
 * The stub itself must not change under the pollution it is used to judge: every object it reads is a copy with
 * a null prototype, and it builds its answers as literals (define semantics, never assignment into an object).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** One request as received (the secrets of a SigV4 signature and the volatile headers left out). */
export interface SeenRequest {
  readonly line: string;
  readonly headers: string;
  readonly body: string;
}

/** The running stand-in. */
export interface PrototypeDomain {
  readonly url: string;
  readonly tlsUrl: string;
  /** The CA that signed the HTTPS certificate (PEM). */
  readonly ca: Buffer;
  readonly cognitoUrl: string;
  /** Every request, both listeners, in arrival order. */
  readonly seen: SeenRequest[];
  /** Empties the security store and the request log. */
  reset(): void;
  close(): Promise<void>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deep copy of parsed JSON whose objects have a null prototype (the stub's reads never reach Object.prototype). */
function bare(value: unknown): Json {
  if (Array.isArray(value)) return Array.from(value, bare);
  if (value !== null && typeof value === 'object') {
    const out = Object.create(null) as Record<string, Json>;
    for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: bare((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value as Json;
}

const own = (o: unknown, key: string): unknown => (o !== null && typeof o === 'object' && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);

/** Sets `key` of `o` as an own data property (no setter of any prototype is called). */
function put(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

export const STUB_VERSION = '2.19.4';
const SEARCHABLE = ['flights'];

/** The tutorial's flights as the limited user sees them (DLS FlightDelay: true, FLS ~FlightNum, Dest masked by the caller's test). */
export const FLIGHTS: ReadonlyArray<{ id: string; doc: { FlightNum: string; Dest: string; Origin: string; FlightDelay: boolean; FlightDelayMin: number } }> =
  Array.from({ length: 6 }, (_, i) => ({
    id: `f${i}`,
    doc: { FlightNum: `N${i}`, Dest: ['Oslo', 'Rome', 'Tokyo'][i % 3] as string, Origin: ['Lima', 'Cairo'][i % 2] as string, FlightDelay: i % 2 === 0, FlightDelayMin: i * 15 },
  }));

const INITIAL_ROLES: Record<string, Json> = {
  'new-role': {
    reserved: false, hidden: false, static: false, cluster_permissions: ['cluster_composite_ops_ro'],
    index_permissions: [{ index_patterns: ['flights*'], dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], masked_fields: ['Dest'], allowed_actions: ['read'] }],
    tenant_permissions: [],
  },
  'all_access': { reserved: true, hidden: false, static: true, cluster_permissions: ['*'], index_permissions: [{ index_patterns: ['*'], allowed_actions: ['*'], fls: [], masked_fields: [] }], tenant_permissions: [] },
};
const INITIAL_MAPPINGS: Record<string, Json> = {
  'new-role': { reserved: false, hidden: false, users: ['new-user'], backend_roles: ['new-backend-role'], and_backend_roles: [], hosts: [] },
  'all_access': { reserved: false, hidden: false, users: ['master-user'], backend_roles: [], and_backend_roles: [], hosts: [] },
};
const INITIAL_USERS: Record<string, Json> = {
  'new-user': { reserved: false, hidden: false, hash: '', backend_roles: ['new-backend-role'], attributes: { team: 'a' }, opendistro_security_roles: [] },
};

function jwt(note: string): string {
  const b = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  // a fixed far expiry: the same token every run
  return `${b({ alg: 'none' })}.${b({ exp: 4102444800, sub: 'sub-1', note })}.sig`;
}

/** Headers worth comparing: every one but the date, the SigV4 signature value, the connection's own ones. */
function seenHeaders(headers: http.IncomingHttpHeaders): string {
  const names = Object.keys(headers).filter((n) => !['x-amz-date', 'date', 'host', 'connection', 'content-length', 'keep-alive', 'amz-sdk-invocation-id', 'amz-sdk-request', 'user-agent', 'x-amz-user-agent'].includes(n)).sort();
  return names.map((n) => {
    const v = String(headers[n]);
    return `${n}: ${n === 'authorization' ? v.replace(/Signature=[0-9a-f]+/, 'Signature=<sig>') : v}`;
  }).join('\n');
}

/** Applies one JSON-patch operation to `doc` (an entity, or the collection when `collection`). */
function applyOp(store: Record<string, Json>, entity: string | undefined, op: Json): void {
  const o = own(op, 'op');
  const tokens = String(own(op, 'path')).split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [first, ...rest] = entity === undefined ? tokens : [entity, ...tokens];
  if (first === undefined) return;
  if (rest.length === 0) {
    if (o === 'remove') delete store[first];
    else put(store, first, bare(own(op, 'value')));
    return;
  }
  const doc = store[first] as Record<string, Json> | undefined;
  if (doc === undefined) return;
  const [field, index] = rest as [string, string | undefined];
  if (index === undefined) {
    if (o === 'remove') delete doc[field];
    else put(doc, field, bare(own(op, 'value')));
    return;
  }
  const list = Array.isArray(doc[field]) ? (doc[field] as Json[]) : [];
  if (!Array.isArray(doc[field])) put(doc, field, list);
  if (index === '-') list.push(bare(own(op, 'value')));
  else if (o === 'remove') list.splice(Number(index), 1);
  else list.splice(Number(index), o === 'replace' ? 1 : 0, bare(own(op, 'value')));
}

type Answer = { status: number; body: Json; headers?: Record<string, string> };

/** Starts the stand-in (openssl makes the certificates); `masks` maps each Dest to its masked value (computed before any pollution). */
export async function startPrototypeDomain(masks: ReadonlyMap<string, string>): Promise<PrototypeDomain> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proto-domain-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=proto-ca');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'node.key', '-out', 'node.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl('x509', '-req', '-in', 'node.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'node.pem', '-days', '2', '-extfile', 'ext.cnf');
  const ca = fs.readFileSync(path.join(dir, 'ca.pem'));
  const tlsOptions = { key: fs.readFileSync(path.join(dir, 'node.key')), cert: fs.readFileSync(path.join(dir, 'node.pem')) };
  fs.rmSync(dir, { recursive: true, force: true });

  const seen: SeenRequest[] = [];
  let roles = bare(INITIAL_ROLES) as Record<string, Json>;
  let mappings = bare(INITIAL_MAPPINGS) as Record<string, Json>;
  let users = bare(INITIAL_USERS) as Record<string, Json>;
  let groups = bare({}) as Record<string, Json>;
  let tenants = bare({ global_tenant: { reserved: true, hidden: false, description: 'Global tenant', static: false } }) as Record<string, Json>;
  const stores = (): Record<string, Record<string, Json>> => ({ roles, rolesmapping: mappings, internalusers: users, actiongroups: groups, tenants });
  const NAMES: Record<string, string> = { roles: 'role', rolesmapping: 'rolesmapping', internalusers: 'user', actiongroups: 'actiongroup', tenants: 'tenant' };

  const security = (method: string, kind: string, name: string | undefined, body: Json): Answer => {
    const store = stores()[kind];
    if (store === undefined) return { status: 400, body: { status: 'BAD_REQUEST', message: `unknown ${kind}` } };
    if (method === 'GET' && name === undefined) return { status: 200, body: store };
    if (method === 'GET') {
      const entity = store[name as string];
      return entity === undefined ? { status: 404, body: { status: 'NOT_FOUND', message: `${NAMES[kind]} '${name}' not found.` } } : { status: 200, body: { [name as string]: entity } };
    }
    if (method === 'PUT' && name !== undefined) {
      const existed = store[name] !== undefined;
      const value = bare(body) as Record<string, Json>;
      if (kind === 'internalusers') {
        delete value.password;
        put(value, 'hash', '$2y$12$stubhash');
      }
      put(store, name, { reserved: false, hidden: false, ...(kind === 'roles' ? { static: false } : {}), ...value });
      return { status: existed ? 200 : 201, body: { status: existed ? 'OK' : 'CREATED', message: `'${name}' ${existed ? 'updated' : 'created'}.` } };
    }
    if (method === 'DELETE' && name !== undefined) {
      if (store[name] === undefined) return { status: 404, body: { status: 'NOT_FOUND', message: `${NAMES[kind]} '${name}' not found.` } };
      delete store[name];
      return { status: 200, body: { status: 'OK', message: `'${name}' deleted.` } };
    }
    if (method === 'PATCH') {
      if (name !== undefined && store[name] === undefined) return { status: 404, body: { status: 'NOT_FOUND', message: `${NAMES[kind]} '${name}' not found.` } };
      for (const op of Array.isArray(body) ? body : []) applyOp(store, name, op);
      return { status: 200, body: { status: 'OK', message: 'Resource updated.' } };
    }
    return { status: 405, body: { status: 'METHOD_NOT_ALLOWED', message: method } };
  };

  const searchAnswer = (authorization: string, index: string): Answer => {
    const master = authorization.includes(Buffer.from('master-user:').toString('base64').slice(0, 12)) || authorization.includes('AKIAMASTER');
    if (!SEARCHABLE.includes(index)) {
      return {
        status: 403,
        body: {
          error: {
            root_cause: [{ type: 'security_exception', reason: `no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]` }],
            type: 'security_exception', reason: `no permissions for [indices:data/read/search] and User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]`,
          },
          status: 403,
        },
      };
    }
    const hits = FLIGHTS.filter((f) => master || f.doc.FlightDelay).map((f) => {
      const { FlightNum, ...rest } = f.doc;
      const source = master ? { FlightNum, ...rest } : { ...rest, Dest: masks.get(f.doc.Dest) ?? '' };
      return { _index: index, _id: f.id, _score: 1, _source: source };
    });
    return { status: 200, body: { took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: hits.length, relation: 'eq' }, max_score: 1, hits } } };
  };

  const bulk = (text: string): Answer => {
    const lines = text.split('\n').filter((l) => l.length > 0);
    const items: Json[] = [];
    for (let i = 0; i < lines.length;) {
      const meta = bare(JSON.parse(lines[i] as string)) as Record<string, Record<string, Json>>;
      const action = Object.keys(meta)[0] as string;
      const m = meta[action] as Record<string, Json>;
      const status = action === 'delete' ? 404 : action === 'create' ? 201 : 201;
      items.push({ [action]: { _index: m._index ?? 'x', _id: m._id ?? 'generated', status, result: action === 'delete' ? 'not_found' : 'created', _seq_no: i, _primary_term: 1 } });
      i += action === 'delete' ? 1 : 2;
    }
    return { status: 200, body: { took: 1, errors: false, items } };
  };

  const cognito = (target: string, input: Json): Answer => {
    if (target === 'InitiateAuth') return { status: 200, body: { AuthenticationResult: { IdToken: jwt('fresh'), ExpiresIn: 3600, TokenType: 'Bearer' } } };
    if (target === 'GetId') return { status: 200, body: { IdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555' } };
    if (target === 'GetCredentialsForIdentity') return { status: 200, body: { Credentials: { AccessKeyId: 'ASIACOG1', SecretKey: 'cog-Secret-Key-zzzz', SessionToken: 'cog-Session-Token-1', Expiration: 4102444800 } } };
    return { status: 400, body: { __type: 'UnknownOperationException', message: String(own(input, 'x')) } };
  };

  const answer = (method: string, url: URL, headers: http.IncomingHttpHeaders, text: string): Answer => {
    const target = own(headers, 'x-amz-target');
    if (typeof target === 'string') return cognito(target.split('.').pop() ?? '', bare(JSON.parse(text || '{}')));
    const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
    const authorization = String(own(headers, 'authorization') ?? '');
    const json = (): Json => (text === '' ? null : bare(JSON.parse(text)));
    if (parts.length === 0) return { status: 200, body: { name: 'node-1', cluster_name: 'proto', version: { distribution: 'opensearch', number: STUB_VERSION, build_type: 'tar' }, tagline: 'The OpenSearch Project' } };
    const [p0, p1, p2, p3] = parts;
    if (p0 === '_plugins' && p1 === '_security') {
      if (p2 === 'authinfo') {
        const master = authorization.includes('AKIAMASTER');
        return { status: 200, body: master
          ? { user: 'User [name=arn:aws:iam::123456789012:role/Master, backend_roles=[arn:aws:iam::123456789012:role/Master], requestedTenant=null]', user_name: 'arn:aws:iam::123456789012:role/Master', user_requested_tenant: null, remote_address: '127.0.0.1:1', backend_roles: ['arn:aws:iam::123456789012:role/Master'], custom_attribute_names: [], roles: ['all_access', 'own_index'], tenants: { global_tenant: true }, principal: null, peer_certificates: '0', sso_logout_url: null }
          : { user: 'User [name=new-user, backend_roles=[new-backend-role], requestedTenant=null]', user_name: 'new-user', user_requested_tenant: null, remote_address: '127.0.0.1:1', backend_roles: ['new-backend-role'], custom_attribute_names: ['attr.internal.team'], roles: ['new-role', 'own_index'], tenants: { 'new-user': true, global_tenant: true }, principal: null, peer_certificates: '0', sso_logout_url: null } };
      }
      if (p2 === 'health') return { status: 200, body: { message: null, mode: 'strict', status: 'UP' } };
      if (p2 === 'api' && p3 === 'account') return { status: 200, body: { user_name: 'new-user', is_reserved: false, is_hidden: false, is_internal_user: true, user_requested_tenant: null, backend_roles: ['new-backend-role'], custom_attribute_names: [], tenants: { global_tenant: true }, roles: ['new-role'] } };
      if (p2 === 'api' && p3 === 'permissionsinfo') return { status: 200, body: { user: 'User [name=admin]', user_name: 'admin', has_api_access: true, disabled_endpoints: {} } };
      if (p2 === 'api' && p3 === 'securityconfig') return { status: 200, body: { config: { dynamic: { do_not_fail_on_forbidden: false, kibana: { multitenancy_enabled: true } } } } };
      if (p2 === 'api' && p3 === 'tenancy') return { status: 200, body: { multitenancy_enabled: true, private_tenant_enabled: true, default_tenant: '' } };
      if (p2 === 'api' && p3 === 'cache') return { status: 200, body: { status: 'OK', message: 'Cache flushed successfully.' } };
      // (an index past the end is read as absent: Array.prototype may hold it while this stand-in serves a polluted run)
      if (p2 === 'api' && p3 !== undefined) return security(method, p3, parts.length > 4 ? parts[4] : undefined, json());
    }
    if (p0 === '_alias') return { status: 200, body: { flights: { aliases: { 'flights-alias': {} } }, movies: { aliases: {} } } };
    if (p0 === '_data_stream') return { status: 200, body: { data_streams: [] } };
    if (p0 === '_cluster' && p1 === 'settings') return { status: 200, body: { persistent: {}, transient: {}, defaults: { 'action.auto_create_index': 'true' } } };
    if (p0 === '_cluster' && p1 === 'health') return { status: 200, body: { cluster_name: 'proto', status: 'green', number_of_nodes: 1 } };
    if (p0 === '_cat' && p1 === 'indices') return { status: 200, body: [{ index: 'flights', status: 'open' }, { index: 'movies', status: 'open' }] };
    if (p0 === '_index_template') return { status: 200, body: { index_templates: [] } };
    if (p0 === '_template') return { status: 200, body: {} };
    if (p0 === '_bulk' || p1 === '_bulk') return bulk(text);
    if (p1 === '_search' || p0 === '_search') return searchAnswer(authorization, p1 === '_search' ? (p0 as string) : 'flights');
    if (p1 === '_mapping') {
      return { status: 200, body: { flights: { mappings: { properties: { FlightNum: { type: 'keyword' }, Dest: { type: 'keyword' }, Origin: { type: 'keyword' }, FlightDelay: { type: 'boolean' }, FlightDelayMin: { type: 'integer' } } } } } };
    }
    if (p1 === '_doc' && method === 'GET') return { status: 404, body: { _index: p0 as string, _id: p2 as string, found: false } };
    if (p0 === 'flights' && parts.length === 1) return { status: 200, body: { flights: { aliases: {}, mappings: {}, settings: {} } } };
    return { status: 404, body: { error: { root_cause: [{ type: 'index_not_found_exception', reason: `no such index [${p0}]` }], type: 'index_not_found_exception', reason: `no such index [${p0}]`, index: p0 as string }, status: 404 } };
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      seen.push({ line: `${method} ${req.url ?? ''}`, headers: seenHeaders(req.headers), body: text });
      let a: Answer;
      try {
        a = answer(method, new URL(req.url ?? '/', 'http://stub'), req.headers, text);
      } catch (e) {
        a = { status: 500, body: { error: { type: 'stub_failure', reason: String(e) }, status: 500 } };
      }
      const body = JSON.stringify(a.body);
      const amz = typeof own(req.headers, 'x-amz-target') === 'string';
      res.writeHead(a.status, { 'content-type': amz ? 'application/x-amz-json-1.1' : 'application/json', 'content-length': String(Buffer.byteLength(body)), ...a.headers });
      res.end(body);
    });
  };
  const plain = http.createServer(handler);
  const secure = https.createServer(tlsOptions, handler);
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  return {
    url,
    tlsUrl: `https://127.0.0.1:${(secure.address() as AddressInfo).port}`,
    ca,
    cognitoUrl: url,
    seen,
    reset() {
      seen.length = 0;
      roles = bare(INITIAL_ROLES) as Record<string, Json>;
      mappings = bare(INITIAL_MAPPINGS) as Record<string, Json>;
      users = bare(INITIAL_USERS) as Record<string, Json>;
      groups = bare({}) as Record<string, Json>;
      tenants = bare({ global_tenant: { reserved: true, hidden: false, description: 'Global tenant', static: false } }) as Record<string, Json>;
    },
    close: async () => {
      for (const server of [plain, secure]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
