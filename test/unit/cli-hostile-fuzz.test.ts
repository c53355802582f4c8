/**
 * Seeded, property-based hostile-server (and hostile-user) check of the command line (`opensearch-fgac`, run
 * in-process through `main`) and of `checkDomain` / `diagnoseError`.
 *
 * One loopback node:http stub plays a domain with fine-grained access control (authinfo, account, the
 * security REST API, search, aliases, the version). Every request is answered from a PRNG seeded by (case
 * seed, route, how often that route was asked before), so a case replays the same answers whatever order
 * concurrent requests arrive in. Answers range from honest to hostile: the Authorization header, the
 * password, base64 `user:password`, the session token and SigV4 signature echoed into bodies, headers
 * (`www-authenticate`, `location`, custom ones), HTML pages, plain text and JSON keys; ANSI escape sequences,
 * C0/C1 control characters, lone surrogates, bytes that are not UTF-8 and 256 KB strings in names and
 * messages; wrong shapes (arrays, null, strings, numbers, 3000 levels of nesting, a 204, JSON cut short);
 * 3xx/400/401/403/404/409/429/5xx with AWS-shaped, plugin-shaped, security-API-shaped, plain-text, HTML and
 * empty bodies; resets, bodies cut mid-way and answers that never come. Commands: every one the README
 * documents (whoami/check, explain --action [--index] [--user], explain --request, verify [--size]
 * [--query] [--roles-file], compare, plan, apply --yes), as text or --json, auth basic (a password full of
 * shell metacharacters) or iam (static keys with a session token), some with hostile flags and files.
 *
 * Invariants:
 *  C1 no secret (the passwords, `user:password`, the IAM secret key and session token, each SigV4 signature
 *     the stub received; each plain, base64, URL-encoded, JSON-escaped and HTML-escaped) appears in stdout or
 *     stderr, in text or --json output, whatever the server echoed.
 *  C2 the exit code is one of the README's: 0 ok, 1 a finding or a failure to run it, 2 a usage or
 *     configuration error (only for the argv/file mistakes generated here, and for the documented
 *     server-dependent usage errors: `explain --user` of a user that does not exist, a `--roles-file`
 *     defining none of the caller's roles); a command whose critical request the server kept failing
 *     (every answer of that route a refusal, a wrong shape, a redirect, a reset, a cut or no answer) never
 *     exits 0; no stack trace is printed and no exception escapes `main`.
 *  C3 --json prints exactly one JSON document on stdout and nothing on stderr, whatever the server said;
 *     text output holds no raw control character (C0 but tab and newline, DEL, C1) on either stream.
 *  C4 checkDomain (createClient basic/iam clients, plain opensearch-js Clients with `auth` or URL user info)
 *     resolves with a report for every server misbehaviour, and neither its JSON nor its util.inspect form
 *     holds a secret; diagnoseError of any error such a client's request produced holds none either.
 *  C5 text a server quotes from documents or data (hit sources, names, an OpenSearch error's reason) never
 *     changes the outcome: each CLI case runs twice, with hostile words there (ExpiredToken,
 *     security_exception, Unauthorized, ...) and with neutral words, same structure; exit code, JSON `kind`,
 *     whoami's diagnosis codes and verify's status agree.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { inspect } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@opensearch-project/opensearch';
import { createClient } from '../../src/index.js';
import { checkDomain, diagnoseError } from '../../src/diagnose/index.js';
import { rng } from '../domain/seed-data.js';
import { runCli } from '../support/cli-run.js';
import { shareSeeds, takesAllCases } from '../support/fuzz-share.js';
import { loopbackUrl } from '../support/loopback-client.js';

// ---------------------------------------------------------------------------------------------------------
// Secrets and their forms.

const USER = 'fz-alice';
const PASSWORD = 'Fz"9$(id)`;|&<q>\'%2F\\Pw';
const ADMIN = 'fz-admin';
const ADMIN_PASSWORD = 'Adm1n!$HOME;"x"\\y&&z';
const ACCESS_KEY_ID = 'AKIAFZ0123456789ABCD';
const SECRET_KEY = 'fZsecret/Key+0123456789abcdefghijKLMNOPQR';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEFz+Fuzz/Session0Token0123456789abcdefXYZ==';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const jsonEscaped = (s: string): string => JSON.stringify(s).slice(1, -1);
const htmlEscaped = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Every form of every secret the output must not hold. */
function formsOf(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of secrets) for (const f of [s, b64(s), encodeURIComponent(s), jsonEscaped(s), htmlEscaped(s), JSON.stringify(jsonEscaped(s)).slice(1, -1)]) out.add(f);
  return [...out];
}
/** The secrets a CLI run holds: those of its environment (a secret it never saw is an argument, not its secret). */
function secretsOfEnv(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  if (env.OPENSEARCH_PASSWORD !== undefined) out.push(env.OPENSEARCH_PASSWORD, `${env.OPENSEARCH_USERNAME ?? ''}:${env.OPENSEARCH_PASSWORD}`);
  if (env.OPENSEARCH_ADMIN_PASSWORD !== undefined) out.push(env.OPENSEARCH_ADMIN_PASSWORD, `${env.OPENSEARCH_ADMIN_USERNAME ?? ''}:${env.OPENSEARCH_ADMIN_PASSWORD}`);
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const) if (env[name] !== undefined) out.push(env[name]);
  return out;
}

/** The secrets a request carried (its SigV4 signature), as the stub saw them. */
function wireSecrets(headers: http.IncomingHttpHeaders): string[] {
  const auth = headers.authorization;
  const sig = typeof auth === 'string' ? /Signature=([0-9a-f]{64})/.exec(auth)?.[1] : undefined;
  return sig === undefined ? [] : [sig];
}

function leaked(text: string, secrets: readonly string[]): string | undefined {
  for (const f of formsOf(secrets)) if (f.length >= 4 && text.includes(f)) return f;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// PRNG helpers.

type R = () => number;
const pick = <T>(r: R, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const chance = (r: R, p: number): boolean => r() < p;
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------------
// Hostile material.

/** Words a data field or an OpenSearch error's reason quotes; hostile ones name refusals. */
const HOSTILE_WORDS = ['ExpiredToken', 'The security token included in the request is expired', 'security_exception', 'Unauthorized',
  'no permissions for [indices:data/read/search] and User [name=fz-alice, backend_roles=[], requestedTenant=null]', 'InvalidSignatureException',
  'The request signature we calculated does not match the signature you provided', 'AccessDeniedException',
  'User: anonymous is not authorized to perform: es:ESHttpGet', 'OpenSearch Security not initialized.', 'UnrecognizedClientException', 'Forbidden',
  'throttling_exception Rate exceeded', 'index_not_found_exception'];
const NEUTRAL_WORDS = HOSTILE_WORDS.map((w) => w.replace(/[A-Za-z]/g, (c, i: number) => ('quiet harbour morning'[i % 21] ?? 'q').replace(' ', 'x')));

/** Terminal hazards a name or message may carry. */
const TERMINAL = ['\nFAKE-LINE ok', '\u2028FAKE-LINE', '\u001b[2J\u001b[H', '\u001b]0;pwned\u0007', '\u001b[31mred\u001b[0m', '\u009b6n', '\u0000nul', 'a\rCARRIAGE', '\u0008\u0008bs', '\u007fdel', '\u001b]52;c;cHduZWQ=\u0007'];
const WEIRD = ['\ud800lone', 'lone\udfff', '\u202eevil', '\ufeffbom', '\u0085nel'];
/** Replaced by bytes that are not UTF-8 when the body is sent. */
const RAW_BYTES = '@@RAWFF@@';

/** What a server can echo of a request: its credentials in many forms. */
function echoes(req: http.IncomingMessage): string[] {
  const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
  const token = auth.replace(/^\S+\s+/, '');
  const out = [auth, token, `Authorization: ${auth}`, PASSWORD, b64(PASSWORD), encodeURIComponent(PASSWORD), jsonEscaped(PASSWORD), htmlEscaped(PASSWORD),
    SESSION_TOKEN, SECRET_KEY, `password=${PASSWORD}`, `{"password":"${jsonEscaped(PASSWORD)}"}`];
  if (/^basic /i.test(auth)) {
    const pair = Buffer.from(token, 'base64').toString('utf8');
    out.push(pair, pair.slice(pair.indexOf(':') + 1), b64(pair.slice(pair.indexOf(':') + 1)));
  }
  const amz = req.headers['x-amz-security-token'];
  if (typeof amz === 'string') out.push(amz, encodeURIComponent(amz));
  const sig = /Signature=([0-9a-f]{64})/.exec(auth)?.[1];
  if (sig !== undefined) out.push(sig, `Signature=${sig}`);
  return out.filter((e) => e !== '');
}
/** Echoes that can stand in a header value (Latin-1, no line break). */
const headerSafe = (list: string[]): string[] => list.filter((e) => /^[\u0020-\u007e]*$/.test(e));

// ---------------------------------------------------------------------------------------------------------
// The stub's honest domain.

const ROLE_R1 = { reserved: false, hidden: false, static: false, cluster_permissions: [], index_permissions: [{ index_patterns: ['movies*'], dls: '', fls: [], masked_fields: [], allowed_actions: ['read'] }], tenant_permissions: [] };

/** A decorator of names and messages: identity for an honest answer. */
type Deco = (base: string) => string;

/** The honest answer of a route (`key` is `METHOD /path` with the security prefix normalised); words fill data fields. */
function honest(key: string, d: Deco, words: string, version = '2.19.0'): { status: number; body: unknown } | undefined {
  const [method, path = ''] = key.split(' ');
  const name = d(USER);
  const user = { user: `User [name=${name}, backend_roles=[br], requestedTenant=null]`, user_name: name, user_requested_tenant: null, remote_address: '127.0.0.1:1', backend_roles: ['br', d('br2')], custom_attribute_names: [], roles: ['r1', d('r-extra')], tenants: { [name]: true, [d('global')]: false }, principal: null, peer_certificates: '0', sso_logout_url: null };
  if (key.endsWith(' DRYRUN')) return { status: 200, body: { accessAllowed: true, missingPrivileges: [d('indices:data/read/search')] } };
  if (method === 'GET' && path === '/') return { status: 200, body: { name: d('node-1'), cluster_name: d('fz'), cluster_uuid: 'u', version: { distribution: 'opensearch', number: version, build_type: 'tar' }, tagline: 'The OpenSearch Project: https://opensearch.org/' } };
  if (path === '/SEC/authinfo') return { status: 200, body: user };
  if (path === '/SEC/api/account') return { status: 200, body: { ...user, is_reserved: false, is_hidden: false, is_internal_user: true } };
  if (path === '/SEC/api/securityconfig') return { status: 200, body: { config: { dynamic: { do_not_fail_on_forbidden: false, do_not_fail_on_forbidden_empty: false } } } };
  if (method === 'GET' && path === '/SEC/api/roles') return { status: 200, body: { r1: ROLE_R1, [d('r-extra')]: { ...ROLE_R1, description: `${d('described')} ${words}`, index_permissions: [{ ...ROLE_R1.index_permissions[0], index_patterns: [d('other*')] }] } } };
  if (method === 'GET' && path === '/SEC/api/roles/r1') return { status: 200, body: { r1: { ...ROLE_R1, description: words } } };
  if (method === 'GET' && path.startsWith('/SEC/api/roles/')) return { status: 404, body: { status: 'NOT_FOUND', message: `Resource '${d(path.slice(15))}' not found.` } };
  if (method === 'GET' && path === '/SEC/api/actiongroups') return { status: 200, body: { [d('ag')]: { reserved: false, hidden: false, static: false, allowed_actions: ['indices:data/read/get'], type: 'index', description: words } } };
  if (method === 'GET' && path === '/SEC/api/rolesmapping') return { status: 200, body: { r1: { reserved: false, hidden: false, users: [USER], backend_roles: [], hosts: [], and_backend_roles: [], description: words } } };
  if (method === 'GET' && path === '/SEC/api/internalusers') return { status: 200, body: { [USER]: { hash: '', reserved: false, hidden: false, static: false, backend_roles: ['br'], attributes: { team: words }, opendistro_security_roles: [] } } };
  if (method === 'GET' && path === `/SEC/api/internalusers/${USER}`) return { status: 200, body: { [USER]: { hash: '', reserved: false, hidden: false, static: false, backend_roles: ['br'], attributes: { team: words }, opendistro_security_roles: [] } } };
  if (method === 'GET' && path.startsWith('/SEC/api/internalusers/')) return { status: 404, body: { status: 'NOT_FOUND', message: `Resource '${d('x')}' not found.` } };
  if (method === 'GET' && path === '/SEC/api/tenants') return { status: 200, body: {} };
  if ((method === 'PATCH' || method === 'PUT' || method === 'DELETE') && path.startsWith('/SEC/api/')) return { status: 200, body: { status: 'OK', message: `${d("'r2' updated.")}` } };
  if (path === '/_cluster/health') return { status: 400, body: { error: { root_cause: [{ type: 'illegal_argument_exception', reason: 'request [/_cluster/health] contains unrecognized parameter: [perform_permission_check]' }], type: 'illegal_argument_exception', reason: 'request [/_cluster/health] contains unrecognized parameter: [perform_permission_check]' }, status: 400 } };
  if (/\/_search$/.test(path)) {
    const hits = [1, 2].map((i) => ({ _index: 'movies', _id: d(`m${i}`), _score: 1, _source: { title: d(`Title ${i}`), note: words, [d('genre')]: words } }));
    return { status: 200, body: { took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: hits.length, relation: 'eq' }, max_score: 1, hits } } };
  }
  if (path === '/_alias') return { status: 200, body: { movies: { aliases: {} } } };
  if (path === '/_data_stream') return { status: 200, body: { data_streams: [] } };
  if (path === '/_cat/indices') return { status: 200, body: [{ index: 'movies' }] };
  if (path === '/_mget') return { status: 200, body: { docs: [] } };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Faults.

type Style = 'aws' | 'plugin' | 'secapi' | 'plain' | 'html' | 'empty' | 'honest-body';
type Shape = 'array' | 'null' | 'string' | 'number' | 'deep' | 'no-content' | 'cut-json' | 'html-200' | 'huge-string';
type Fault =
  | { kind: 'honest' }
  | { kind: 'decorate'; seed: number }
  | { kind: 'status'; status: number; style: Style; seed: number }
  | { kind: 'shape'; shape: Shape }
  | { kind: 'reset' }
  | { kind: 'cut' }
  | { kind: 'stall' };

/** Faults after which the request cannot have been served (when every answer of the route is one). */
function failing(f: Fault): boolean {
  if (f.kind === 'honest' || f.kind === 'decorate') return false;
  if (f.kind === 'status') return f.status !== 404 && f.status !== 400;
  return true;
}

/** Faults the retry policy answers with a back-off and another attempt. */
function retried(f: Fault): boolean {
  return f.kind === 'reset' || f.kind === 'cut' || f.kind === 'stall' || (f.kind === 'status' && (f.status === 429 || f.status >= 500));
}

function randomFault(r: R): Fault {
  const k = r();
  if (k < 0.3) return { kind: 'decorate', seed: Math.floor(r() * 2 ** 31) };
  if (k < 0.68) return { kind: 'status', status: pick(r, [301, 302, 307, 400, 401, 401, 403, 403, 403, 404, 409, 429, 500, 502, 503, 504]), style: pick(r, ['aws', 'plugin', 'plugin', 'secapi', 'plain', 'html', 'empty', 'honest-body'] as const), seed: Math.floor(r() * 2 ** 31) };
  if (k < 0.88) return { kind: 'shape', shape: pick(r, ['array', 'null', 'string', 'number', 'deep', 'no-content', 'cut-json', 'html-200', 'huge-string'] as const) };
  if (k < 0.94) return { kind: 'reset' };
  if (k < 0.993) return { kind: 'cut' };
  return { kind: 'stall' };
}

/** A decorator drawn from `seed`: each name gets an echo, a terminal hazard, odd text, bytes that are not UTF-8, or stays. */
function decorator(seed: number, req: http.IncomingMessage): Deco {
  const r = rng(seed);
  const list = echoes(req);
  return (base) => {
    const k = r();
    if (k < 0.3) return `${base} ${pick(r, list)}`;
    if (k < 0.5) return `${base}${pick(r, TERMINAL)}`;
    if (k < 0.6) return `${base}${pick(r, WEIRD)}`;
    if (k < 0.68) return `${base}${RAW_BYTES}`;
    if (k < 0.7) return `${base}${'Z'.repeat(256 * 1024)}`;
    if (k < 0.75) return pick(r, list);
    return base;
  };
}

interface Answer { status: number; headers: Record<string, string>; body: string | Buffer | undefined; action?: 'reset' | 'cut' | 'stall' }

const AWS_MESSAGES = [
  ['ExpiredTokenException', 'The security token included in the request is expired'],
  ['AccessDeniedException', 'User: anonymous is not authorized to perform: es:ESHttpGet because no resource-based policy allows the es:ESHttpGet action'],
  ['InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.'],
  ['UnrecognizedClientException', 'The security token included in the request is invalid.'],
  ['InvalidSignatureException', 'Signature expired: 20200101T000000Z is now earlier than 20200101T000500Z (20200101T001000Z - 5 min.)'],
  ['ThrottlingException', 'Rate exceeded'],
] as const;
const OS_TYPES = ['mapper_parsing_exception', 'illegal_argument_exception', 'search_phase_execution_exception', 'cluster_block_exception', 'parse_exception', 'status_exception', 'security_exception'];

function render(f: Fault, key: string, req: http.IncomingMessage, words: string, version = '2.19.0'): Answer {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (f.kind === 'reset') return { status: 0, headers: {}, body: undefined, action: 'reset' };
  if (f.kind === 'stall') return { status: 0, headers: {}, body: undefined, action: 'stall' };
  if (f.kind === 'cut') return { status: 200, headers: { 'content-type': 'application/json', 'content-length': '100000' }, body: '{"user_name":"', action: 'cut' };
  if (f.kind === 'honest' || f.kind === 'decorate') {
    const d = f.kind === 'honest' ? (s: string) => s : decorator(f.seed, req);
    const h = honest(key, d, words, version) ?? { status: 404, body: { error: { root_cause: [{ type: 'index_not_found_exception', reason: `no such index [${d('x')}]` }], type: 'index_not_found_exception', reason: `no such index [${d('x')}]` }, status: 404 } };
    return json(h.status, h.body);
  }
  if (f.kind === 'shape') {
    switch (f.shape) {
      case 'array': return json(200, [honest(key, (s) => s, words, version)?.body ?? {}]);
      case 'null': return { status: 200, headers: { 'content-type': 'application/json' }, body: 'null' };
      case 'string': return json(200, `${words} ${pick(rng(hash(key)), echoes(req))}`);
      case 'number': return json(200, 42);
      case 'deep': return { status: 200, headers: { 'content-type': 'application/json' }, body: `${'{"a":['.repeat(3000)}1${']}'.repeat(3000)}` };
      case 'no-content': return { status: 204, headers: {}, body: undefined };
      case 'cut-json': return { status: 200, headers: { 'content-type': 'application/json' }, body: `{"user_name":"${jsonEscaped(PASSWORD)}","roles":["r1"` };
      case 'html-200': return { status: 200, headers: { 'content-type': 'text/html' }, body: `<html><body><h1>Sign in</h1><p>${htmlEscaped(pick(rng(hash(key)), echoes(req)))}</p>\u001b[2J</body></html>` };
      case 'huge-string': return json(200, 'Y'.repeat(300 * 1024));
    }
  }
  const r = rng(f.seed);
  const echo = pick(r, echoes(req));
  const safe = headerSafe(echoes(req));
  const headers: Record<string, string> = { 'retry-after': '0' };
  if (chance(r, 0.4)) headers['www-authenticate'] = `Basic realm="${pick(r, safe)}"`;
  if (chance(r, 0.3)) headers['x-echo'] = pick(r, safe);
  if (f.status >= 300 && f.status < 400) headers.location = pick(r, [`http://127.0.0.1:1/login/${encodeURIComponent(pick(r, safe))}?token=${encodeURIComponent(pick(r, safe))}`, `/${pick(r, safe)}`, `https://${USER}:${encodeURIComponent(PASSWORD)}@sso.invalid/${b64(PASSWORD)}`]);
  const tail = chance(r, 0.5) ? ` ${echo}` : chance(r, 0.5) ? pick(r, TERMINAL) : '';
  switch (f.style) {
    case 'aws': {
      const [type, message] = pick(r, AWS_MESSAGES);
      const body = chance(r, 0.5) ? { message: `${message}${tail}` } : { Message: `${message}${tail}`, __type: `com.amazon.coral.service#${type}` };
      return json(f.status, body, { ...headers, 'x-amzn-errortype': `${type}:` });
    }
    case 'plugin': {
      const type = pick(r, OS_TYPES);
      // a security_exception's reason is the plugin's own text; any other type's reason quotes data (the words)
      const reason = type === 'security_exception' ? `no permissions for [indices:data/read/search] and User [name=${USER}, backend_roles=[], requestedTenant=null]${tail}`
        : `failed to parse field [title] of type [text] in document with id '1'. Preview of field's value: '${words}'${tail}`;
      return json(f.status, { error: { root_cause: [{ type, reason }], type, reason, caused_by: { type: 'x_content_parse_exception', reason: `[1:2] ${words}` } }, status: f.status }, headers);
    }
    case 'secapi': return json(f.status, { status: pick(r, ['FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'INTERNAL_SERVER_ERROR', 'UNAUTHORIZED']), message: `Resource not available${tail}` }, headers);
    case 'plain': return { status: f.status, headers: { ...headers, 'content-type': 'text/plain' }, body: `${pick(r, ['Unauthorized', 'Forbidden', 'Too Many Requests', 'Bad Gateway', 'upstream connect error'])}${tail}` };
    case 'html': return { status: f.status, headers: { ...headers, 'content-type': 'text/html' }, body: `<html><head><title>${f.status}</title></head><body><h1>${htmlEscaped(echo)}</h1>${pick(r, TERMINAL)}<pre>${echo}</pre></body></html>` };
    case 'empty': return { status: f.status, headers, body: undefined };
    case 'honest-body': return json(f.status, honest(key, (s) => s, words, version)?.body ?? {}, headers);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The stub.

interface Scenario {
  seed: number;
  /** The version GET / names (3.2+: explain --request asks the plugin's dry-run). */
  version?: string;
  /** Chance that a route misbehaves at all. */
  hostility: number;
  words: string;
  /** Per route: [fault of the first answer, mode]. */
  faults: Map<string, { first: Fault; always: boolean }>;
  asked: Map<string, number>;
  /** Signatures the stub received (secrets of their own). */
  signatures: Set<string>;
  stalled: http.ServerResponse[];
  /** A fixed answer (a regression case), or undefined for the seeded one; `delayMs` holds it back. */
  override?: (key: string, req: http.IncomingMessage) => (Answer & { delayMs?: number }) | undefined;
}

function routeKey(method: string, url: string): string {
  const path = url.split('?')[0]!.replace(/^\/_(?:plugins|opendistro)\/_security/, '/SEC').replace(/\/+$/, '') || '/';
  // the plugin's dry-run (3.2+) of any request: a route of its own
  return `${method} ${path}${/[?&]perform_permission_check=true/.test(url) ? ' DRYRUN' : ''}`;
}

/** The fault of `key`'s `n`-th answer (0-based): drawn once per route from the case seed. */
function faultOf(s: Scenario, key: string, n: number): Fault {
  let entry = s.faults.get(key);
  if (entry === undefined) {
    const r = rng((s.seed * 7919) ^ hash(key));
    // a fault the client retries (5xx, 429, a reset, a cut, no answer) is kept up on fewer routes: each costs back-offs
    const first = chance(r, s.hostility) ? randomFault(r) : undefined;
    entry = first !== undefined ? { first, always: chance(r, retried(first) ? 0.3 : 0.6) } : { first: { kind: 'honest' }, always: false };
    s.faults.set(key, entry);
  }
  return n === 0 || entry.always ? entry.first : { kind: 'honest' };
}

let scenario: Scenario | undefined;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const s = scenario;
    if (s === undefined) {
      res.writeHead(500).end();
      return;
    }
    for (const sig of wireSecrets(req.headers)) s.signatures.add(sig);
    const key = routeKey(req.method ?? 'GET', req.url ?? '/');
    const n = s.asked.get(key) ?? 0;
    s.asked.set(key, n + 1);
    const fixed = s.override?.(key, req);
    if (fixed !== undefined) {
      setTimeout(() => send(s, req, res, fixed), fixed.delayMs ?? 0);
      return;
    }
    const fault = faultOf(s, key, n);
    const a = render(fault, key, req, s.words, s.version);
    // a refusal answered a little after its honest siblings: the CLI closes its clients as soon as one request
    // fails, and opensearch-js's close() waits a whole second for a request still in flight
    if (failing(fault)) setTimeout(() => send(s, req, res, a), 10);
    else send(s, req, res, a);
  });
});

function send(s: Scenario, req: http.IncomingMessage, res: http.ServerResponse, a: Answer): void {
  {
    if (a.action === 'reset') {
      req.socket.destroy();
      return;
    }
    if (a.action === 'stall') {
      s.stalled.push(res);
      return;
    }
    let body: Buffer | undefined;
    if (typeof a.body === 'string') {
      const parts = a.body.split(RAW_BYTES).map((p) => Buffer.from(p, 'utf8'));
      body = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from([0xff, 0xfe, 0xc3]), p])));
    }
    const headers = { ...a.headers };
    if (body !== undefined && a.action !== 'cut') headers['content-length'] = String(body.length);
    res.writeHead(a.status, headers);
    if (a.action === 'cut') {
      res.write(body ?? '');
      setImmediate(() => req.socket.destroy());
      return;
    }
    res.end(body);
  }
}

const stubUrl = loopbackUrl(server);

function endScenario(s: Scenario): void {
  for (const res of s.stalled) res.destroy();
  scenario = undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The environment: IAM keys come from the default chain, which reads process.env.

const SAVED_ENV: Record<string, string | undefined> = {};
const IAM_PROCESS_ENV = {
  AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN,
  AWS_CONFIG_FILE: '/nonexistent-fz', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent-fz', AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: undefined, NO_COLOR: '1',
};
before(async () => {
  for (const [k, v] of Object.entries(IAM_PROCESS_ENV)) {
    SAVED_ENV[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  // The chain loads its providers on first use (module loading: 100-300 ms on a loaded machine), which the cases'
  // 200 ms credential bound would count against whichever case came first: loaded once here.
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  await defaultProvider()();
});
after(() => {
  for (const [k, v] of Object.entries(SAVED_ENV)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

type Auth = 'basic' | 'iam';
function cliEnv(auth: Auth, admin: boolean): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { OPENSEARCH_URL: stubUrl(), OPENSEARCH_REQUEST_TIMEOUT_MS: '200', NO_COLOR: '1' };
  const caller: NodeJS.ProcessEnv = auth === 'basic'
    ? { OPENSEARCH_AUTH: 'basic', OPENSEARCH_USERNAME: USER, OPENSEARCH_PASSWORD: PASSWORD }
    : { OPENSEARCH_AUTH: 'iam', OPENSEARCH_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN };
  return { ...base, ...caller, ...(admin ? { OPENSEARCH_ADMIN_AUTH: 'basic', OPENSEARCH_ADMIN_USERNAME: ADMIN, OPENSEARCH_ADMIN_PASSWORD: ADMIN_PASSWORD } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// Commands and files.

const dir = mkdtempSync(join(tmpdir(), 'h2-cli-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const GOOD_ROLES_YAML = 'roles:\n  r2:\n    cluster_permissions: [cluster_monitor]\n    index_permissions:\n      - index_patterns: ["movies*"]\n        allowed_actions: [read]\n';
/** Files of the wrong shape or type: each a usage error (exit 2) before anything is sent. */
const BAD_PLAN_FILES: string[] = [
  'roles: [r1, r2]\n',
  'roles:\n  r2:\n    cluster_permissions: cluster_monitor\n',
  'roles:\n  r2:\n    index_permissions: {index_patterns: movies}\n',
  `internal_users:\n  bob:\n    password: "${jsonEscaped(PASSWORD)}"\n`,
  '{"roles": {"r2": {"cluster_permissions": [1, 2]}}}',
  '{"roles": {"r2": {"cluster_permissions": [[]]}}}',
  'roles:\n  " r2 ":\n    cluster_permissions: []\n',
  'rolez:\n  r2: {}\n',
  'roles: !!binary aGVsbG8=\n',
  'roles:\n  r2: &a\n    cluster_permissions: *a\n',
  `internal_users:\n  bob:\n    password_env: "${jsonEscaped(PASSWORD)}"\n`,
  '[]\n',
  '42\n',
  '',
];
const BAD_QUERY_FILES: string[] = ['size: "10"\nquery: {match_all: {}}\n', 'size: 0\n', 'size: 1e9\n', '[1, 2]\n', 'size: -1\n', '"just a string"\n'];

interface Case {
  args: string[];
  /** Routes whose every failing answer means the command could not complete. */
  critical: RegExp;
  admin: boolean;
  /** The exit code when the argv or a file is a mistake (no server answer can change it). */
  usage?: true;
  /** The server's answers may make it a documented usage error (a user that does not exist, a roles file of other roles). */
  serverUsage?: true;
}

function makeCase(r: R, seed: number): Case {
  const k = r();
  const roleFile = (): string => file(`roles-${seed}.yaml`, chance(r, 0.5) ? GOOD_ROLES_YAML : JSON.stringify({ roles: { r2: { cluster_permissions: ['cluster_monitor'] } } }));
  if (chance(r, 0.12)) {
    // hostile argv and files: a usage error whatever the server
    const variants: Array<() => string[]> = [
      () => ['verify', '--index', 'movies', '--index', 'flights'],
      () => ['explain', '--action', 'indices:data/read/search', '--action', PASSWORD],
      () => ['explain', `--action=${PASSWORD}`, '--index', 'movies', '--index=movies'],
      () => ['plan', '-f', file(`bad-${seed}.yaml`, pick(r, BAD_PLAN_FILES))],
      () => ['apply', '--yes', '-f', file(`bad-${seed}.json`, pick(r, BAD_PLAN_FILES))],
      () => ['verify', '--index', 'movies', '--query', file(`q-${seed}.yaml`, pick(r, BAD_QUERY_FILES))],
      () => ['verify', '--index', 'movies', '--size', `10; rm -rf / ${PASSWORD}`],
      () => ['plan', '-f', file(`bin-${seed}.yaml`, Buffer.from([0x72, 0x6f, 0x6c, 0x65, 0x73, 0x3a, 0xff, 0x0a]))],
      () => ['explain', '--request', `GET /movies/_search?password=${PASSWORD}`, '--index', 'movies'],
      () => ['whoami', `--password=${PASSWORD}`],
      () => ['explain', '--action', `indices:data/read/search${pick(r, TERMINAL)}`],
      () => ['compare', '--index', ' movies'],
      () => [PASSWORD],
    ];
    return { args: pick(r, variants)(), critical: /^$/, admin: chance(r, 0.5), usage: true };
  }
  if (k < 0.25) return { args: [pick(r, ['whoami', 'check'])], critical: /^GET \/SEC\/authinfo$/, admin: false };
  if (k < 0.45) {
    const args = ['explain', '--action', pick(r, ['indices:data/read/search', 'cluster:monitor/health', `indices:data/read/${PASSWORD}`])];
    if (chance(r, 0.5)) args.push('--index', pick(r, ['movies', 'mov*', 'movies,flights']));
    const user = chance(r, 0.3);
    if (user) args.push('--user', pick(r, [USER, 'nobody']));
    return { args, critical: user ? /^GET \/SEC\/api\/(roles|actiongroups|rolesmapping|internalusers\/.*)$/ : /^GET \/SEC\/(authinfo|api\/roles|api\/actiongroups)$/, admin: chance(r, 0.5), ...(user ? { serverUsage: true as const } : {}) };
  }
  if (k < 0.55) return { args: ['explain', '--request', pick(r, ['GET /movies/_search', 'GET /_cluster/health', `GET /movies/_doc/${encodeURIComponent(PASSWORD)}`])], critical: /^$/, admin: chance(r, 0.5) };
  if (k < 0.72) {
    const args = ['verify', '--index', pick(r, ['movies', 'mov*'])];
    if (chance(r, 0.3)) args.push('--size', String(1 + Math.floor(r() * 50)));
    else if (chance(r, 0.2)) args.push('--query', file(`query-${seed}.yaml`, `query:\n  match:\n    title: "${jsonEscaped(PASSWORD)}"\nsize: 5\n`));
    const rolesFile = chance(r, 0.2);
    if (rolesFile) args.push('--roles-file', file(`rf-${seed}.yaml`, `r1:\n  index_permissions:\n    - index_patterns: ["movies*"]\n      allowed_actions: [read]\n`));
    return { args, critical: rolesFile ? /^(GET \/SEC\/authinfo|POST \/[^/]+\/_search)$/ : /^(GET \/SEC\/authinfo|GET \/SEC\/api\/roles\/r1|POST \/[^/]+\/_search)$/, admin: chance(r, 0.4), ...(rolesFile ? { serverUsage: true as const } : {}) };
  }
  if (k < 0.8) return { args: ['compare', '--index', 'movies'], critical: /^POST \/movies\/_search$/, admin: true };
  if (k < 0.9) return { args: ['plan', '-f', roleFile()], critical: /^GET \/SEC\/api\/roles$/, admin: chance(r, 0.5) };
  return { args: ['apply', '-f', roleFile(), '--yes'], critical: /^(GET \/SEC\/api\/roles|PATCH \/SEC\/api\/roles)$/, admin: chance(r, 0.5) };
}

// ---------------------------------------------------------------------------------------------------------
// Checks.

/** What a terminal must not be handed from a server: C0 (but tab and line feed), DEL, C1, bidirectional controls, line separators. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The CLI's own colours (paint). */
const OWN_COLOURS = /\u001b\[(?:1|2|22|31|32|33|39)m/g;
const STACK = /^\s+at .+(?:\(.*:\d+:\d+\)|:\d+:\d+)$/m;

interface Outcome { code: number; kind?: string; codes?: string; status?: string }
interface Run { outcome: Outcome; scenario: Scenario; text: string; stdout: string; stderr: string; secrets: string[] }

/** Runs the CLI with stdout and stderr taken for terminals (colour, progress) when `tty`. */
async function runOn(tty: boolean, args: string[], env: NodeJS.ProcessEnv): Promise<Awaited<ReturnType<typeof runCli>>> {
  if (!tty) return runCli(args, env);
  const [out, err] = [process.stdout.isTTY, process.stderr.isTTY];
  process.stdout.isTTY = true;
  process.stderr.isTTY = true;
  try {
    const { NO_COLOR: _, ...coloured } = env;
    return await runCli(args, coloured);
  } finally {
    process.stdout.isTTY = out;
    process.stderr.isTTY = err;
  }
}

async function runCase(seed: number, words: string, c: Case, auth: Auth, json: boolean, hostility: number, tty = false): Promise<Run> {
  const s: Scenario = { seed, version: seed % 3 === 0 ? '3.2.0' : '2.19.0', hostility, words, faults: new Map(), asked: new Map(), signatures: new Set(), stalled: [] };
  scenario = s;
  let r: Awaited<ReturnType<typeof runCli>>;
  const env = cliEnv(auth, c.admin);
  try {
    r = await runOn(tty, [...c.args, ...(json ? ['--json'] : [])], env);
  } finally {
    endScenario(s);
  }
  const outcome: Outcome = { code: r.code };
  if (json) {
    const doc = JSON.parse(r.stdout) as { kind?: unknown; diagnosis?: Array<{ code: string }>; status?: unknown };
    if (typeof doc.kind === 'string') outcome.kind = doc.kind;
    if (Array.isArray(doc.diagnosis)) outcome.codes = doc.diagnosis.map((d) => d.code).join(',');
    if (typeof doc.status === 'string') outcome.status = doc.status;
  }
  return { outcome, scenario: s, text: r.text, stdout: r.stdout, stderr: r.stderr, secrets: [...secretsOfEnv(env), ...s.signatures] };
}

function checkRun(label: string, c: Case, json: boolean, run: Run): void {
  const { outcome, scenario: s, text, stdout, stderr } = run;
  const where = `${label}: ${c.args.join(' ').slice(0, 160)}${json ? ' --json' : ''} -> ${outcome.code}\n${text.slice(0, 1500)}`;
  // C1
  const leak = leaked(text, run.secrets);
  assert.equal(leak, undefined, `C1 ${where}\nleaked ${JSON.stringify(leak)}`);
  // C2
  assert.ok([0, 1, 2].includes(outcome.code), `C2 exit code ${where}`);
  assert.doesNotMatch(text, STACK, `C2 a stack trace is printed: ${where}`);
  if (c.usage === true) assert.equal(outcome.code, 2, `C2 a usage error: ${where}`);
  else if (outcome.code === 2) assert.ok(c.serverUsage === true, `C2 exit 2 for a server's answer: ${where}`);
  if (c.usage !== true) {
    const failed = [...s.faults.entries()].filter(([key, f]) => c.critical.test(key) && f.always && failing(f.first));
    if (failed.length > 0) assert.notEqual(outcome.code, 0, `C2 exit 0 although ${failed.map(([k, f]) => `${k}: ${JSON.stringify(f.first)}`).join('; ')} failed every time: ${where}`);
  }
  // C3
  if (json) {
    assert.equal(stderr, '', `C3 --json writes nothing on stderr: ${where}`);
    assert.doesNotThrow(() => JSON.parse(stdout), `C3 one JSON document: ${where}`);
  } else {
    const bad = CONTROL.exec(text.replace(OWN_COLOURS, ''));
    assert.ok(!text.split('\n').some((line) => line.startsWith('FAKE-LINE')), `C3 a server's line break starts a line: ${where}`);
    assert.equal(bad, null, `C3 a raw control character U+${(bad?.[0].codePointAt(0) ?? 0).toString(16)} at ${bad?.index}: ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 80), (bad?.index ?? 0) + 40))} ${where}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The properties.

const CLI_SEEDS = shareSeeds(200, 1);

describe('opensearch-fgac against hostile servers, flags and files (seeded)', () => {
  const escaped: unknown[] = [];
  const onEscape = (e: unknown): void => void escaped.push(e);
  before(() => {
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
  });
  after(() => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
  });

  test(`C1-C3, C5 on ${CLI_SEEDS.length} seeded cases (each twice: hostile and neutral words)`, async () => {
    const tally = { ok: 0, finding: 0, usage: 0 };
    let coloured = 0;
    let dryRuns = 0;
    for (const seed of CLI_SEEDS) {
      const r = rng(seed);
      const c = makeCase(r, seed);
      const auth: Auth = chance(r, 0.35) ? 'iam' : 'basic';
      const json = chance(r, 0.5);
      const tty = !json && chance(r, 0.5);
      const hostility = seed % 9 === 0 ? 0 : pick(r, [0.3, 0.6, 1]);
      const wordIndex = Math.floor(r() * HOSTILE_WORDS.length);
      const hostile = await runCase(seed, HOSTILE_WORDS[wordIndex]!, c, auth, json, hostility, tty);
      const neutral = await runCase(seed, NEUTRAL_WORDS[wordIndex]!, c, auth, json, hostility, tty);
      if (tty && /\u001b\[/.test(hostile.stdout)) coloured++;
      if ([...hostile.scenario.asked.keys()].some((k) => k.endsWith(' DRYRUN'))) dryRuns++;
      checkRun(`seed ${seed} hostile words`, c, json, hostile);
      checkRun(`seed ${seed} neutral words`, c, json, neutral);
      // C5: same structure, same outcome
      // (with two failing requests in flight at once, which one is reported first is a race: then the exit code only)
      const racing = [...hostile.scenario.faults.values()].filter((f) => failing(f.first)).length > 1;
      assert.deepEqual(racing ? hostile.outcome.code : hostile.outcome, racing ? neutral.outcome.code : neutral.outcome, `C5 seed ${seed}: ${c.args.join(' ')} ${HOSTILE_WORDS[wordIndex]}\nhostile: ${hostile.text.slice(0, 800)}\nneutral: ${neutral.text.slice(0, 800)}`);
      tally[(['ok', 'finding', 'usage'] as const)[hostile.outcome.code]!]++;
    }
    if (takesAllCases()) {
      // the cases reach every outcome
      assert.ok(tally.ok > 20 && tally.finding > 40 && tally.usage > 15, JSON.stringify(tally));
      // on a terminal the CLI's own colours are written as escape sequences
      assert.ok(coloured > 10, `coloured runs: ${coloured}`);
      // explain --request reached the plugin's dry-run (3.2+) too
      assert.ok(dryRuns > 3, `dry-runs: ${dryRuns}`);
    }
    assert.deepEqual(escaped, []);
  });
});

// ---------------------------------------------------------------------------------------------------------
// C4: checkDomain and diagnoseError, with clients made by createClient and plain opensearch-js Clients.

type ClientKind = 'basic' | 'iam' | 'plain-auth' | 'plain-url' | 'plain-header';
const CLIENT_KINDS: ClientKind[] = ['basic', 'iam', 'plain-auth', 'plain-url', 'plain-header'];

function makeClient(kind: ClientKind): Client {
  const port = new URL(stubUrl()).port;
  switch (kind) {
    case 'basic': return createClient({ node: stubUrl(), auth: { mode: 'basic', username: USER, password: PASSWORD }, requestTimeoutMs: 200, retry: { minDelayMs: 1, maxDelayMs: 5 } });
    case 'iam': return createClient({ node: stubUrl(), auth: { mode: 'iam', region: 'us-east-1', credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN } }, requestTimeoutMs: 200, retry: { minDelayMs: 1, maxDelayMs: 5 } });
    case 'plain-auth': return new Client({ node: stubUrl(), auth: { username: USER, password: PASSWORD }, requestTimeout: 200, maxRetries: 0 });
    case 'plain-url': return new Client({ node: `http://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`, requestTimeout: 200, maxRetries: 0 });
    case 'plain-header': return new Client({ node: stubUrl(), headers: { authorization: `Basic ${b64(`${USER}:${PASSWORD}`)}` }, requestTimeout: 200, maxRetries: 0 });
  }
}

const SECRETS_OF_KIND: Record<ClientKind, string[]> = {
  basic: [PASSWORD, `${USER}:${PASSWORD}`],
  iam: [SECRET_KEY, SESSION_TOKEN],
  'plain-auth': [PASSWORD, `${USER}:${PASSWORD}`],
  'plain-url': [PASSWORD, `${USER}:${PASSWORD}`],
  'plain-header': [PASSWORD, `${USER}:${PASSWORD}`],
};

const DIAG_SEEDS = shareSeeds(120, 10_001);

describe('checkDomain and diagnoseError against hostile servers (seeded)', () => {
  test(`C4 on ${DIAG_SEEDS.length} seeded cases`, async () => {
    const codes = new Set<string>();
    for (const seed of DIAG_SEEDS) {
      const r = rng(seed);
      const kind = pick(r, CLIENT_KINDS);
      const s: Scenario = { seed, hostility: pick(r, [0.5, 1, 1]), words: pick(r, HOSTILE_WORDS), faults: new Map(), asked: new Map(), signatures: new Set(), stalled: [] };
      scenario = s;
      const client = makeClient(kind);
      try {
        const options = { ...(chance(r, 0.3) ? { retries: 1 } : {}), ...(chance(r, 0.2) ? { account: false } : {}) };
        const report = await checkDomain(client, options);
        const where = `seed ${seed} ${kind}: ${[...s.faults.entries()].map(([k, f]) => `${k}=${JSON.stringify(f.first)}`).join(' ')}`;
        assert.ok(Array.isArray(report.diagnosis), where);
        for (const d of report.diagnosis) codes.add(d.code);
        const secrets = [...SECRETS_OF_KIND[kind], ...s.signatures];
        for (const [form, text] of [['JSON', JSON.stringify(report)], ['inspect', inspect(report, { depth: null, showHidden: true })]] as const) {
          const leak = leaked(text, secrets);
          assert.equal(leak, undefined, `C4 checkDomain ${form} ${where}\n${text.slice(0, 3000)}`);
        }
        // an error of the client's own request, diagnosed
        const err = await client.transport.request({ method: 'GET', path: pick(r, ['/_plugins/_security/authinfo', '/_plugins/_security/api/account', '/movies/_search']) }).then(() => undefined, (e: unknown) => e);
        if (err !== undefined) {
          // given the client, always; without it, when the error names its request (a DeserializationError of a plain
          // Client names none: nothing in it tells the credentials that client sent) or the client is createClient's
          const mode = kind === 'basic' ? 'basic' : kind === 'iam' ? 'iam' : undefined;
          const names = (err as { meta?: { meta?: unknown } }).meta?.meta !== undefined || !kind.startsWith('plain');
          // (the boundary scrubs an error in place: the diagnosis without the client first)
          const diagnoses = names ? [diagnoseError(err, mode)] : [];
          diagnoses.push(diagnoseError(err, mode, client));
          for (const d of diagnoses) {
            codes.add(d.code);
            for (const [form, text] of [['JSON', JSON.stringify(d)], ['inspect', inspect(d, { depth: null, showHidden: true })], ['String', `${d.problem} ${d.fix} ${String(d.error)}`]] as const) {
              const leak = leaked(text, secrets);
              assert.equal(leak, undefined, `C4 diagnoseError ${form} ${where}\n${text.slice(0, 3000)}`);
            }
          }
        }
      } finally {
        endScenario(s);
        await client.close();
      }
    }
    if (takesAllCases()) assert.ok(codes.size >= 8, [...codes].join(', '));
  });
});

// ---------------------------------------------------------------------------------------------------------
// The defects the properties found, one focused case each.

/** A scenario answering with `override` (honest otherwise). */
function fixedScenario(override: NonNullable<Scenario['override']>): Scenario {
  const s: Scenario = { seed: 1, hostility: 0, words: 'plain', faults: new Map(), asked: new Map(), signatures: new Set(), stalled: [], override };
  scenario = s;
  return s;
}
const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const AUTHINFO = { user_name: USER, backend_roles: [], roles: ['r1'], tenants: {}, user_requested_tenant: null };

describe('regressions found by the properties', () => {
  test('checkDomain: a redirect whose target path carries the credentials is named without them', async () => {
    for (const kind of ['basic', 'plain-auth', 'plain-url'] as const) {
      const s = fixedScenario((key) => (key === 'GET /SEC/authinfo'
        ? jsonAnswer(302, {}, { location: `https://sso.invalid/login/${b64(PASSWORD)}/${encodeURIComponent(PASSWORD)}?next=x` })
        : undefined));
      const client = makeClient(kind);
      try {
        const report = await checkDomain(client);
        assert.equal(report.diagnosis[0]?.code, 'redirected', kind);
        assert.match(report.diagnosis[0]?.problem ?? '', /redirecting to https:\/\/sso\.invalid\/login\//, kind);
        assert.equal(leaked(JSON.stringify(report), SECRETS_OF_KIND[kind]), undefined, `${kind}: ${JSON.stringify(report)}`);
      } finally {
        endScenario(s);
        await client.close();
      }
    }
  });

  test("checkDomain of a plain Client whose `headers` option carries the Authorization: the password it echoes is removed", async () => {
    for (const answer of [
      jsonAnswer(200, { ...AUTHINFO, user_name: `${USER} ${PASSWORD}`, backend_roles: [b64(`${USER}:${PASSWORD}`)] }),
      jsonAnswer(409, { Message: `The security token included in the request is invalid. ${PASSWORD}` }),
      { status: 403, headers: { 'content-type': 'text/html' }, body: `<h1>${htmlEscaped(PASSWORD)}</h1>` },
    ]) {
      const s = fixedScenario((key) => (key === 'GET /SEC/authinfo' ? answer : undefined));
      const client = makeClient('plain-header');
      try {
        const report = await checkDomain(client, { account: false });
        for (const text of [JSON.stringify(report), inspect(report, { depth: null })]) assert.equal(leaked(text, SECRETS_OF_KIND['plain-header']), undefined, text.slice(0, 2000));
        if (answer.status === 200) assert.equal(report.identity?.user, `${USER} [REDACTED]`);
      } finally {
        endScenario(s);
        await client.close();
      }
    }
  });

  test("diagnoseError(err, mode, client): a plain Client's DeserializationError (it names no request) holds none of the client's credentials", async () => {
    for (const kind of ['plain-auth', 'plain-url', 'plain-header'] as const) {
      const s = fixedScenario((key) => (key === 'GET /SEC/authinfo' ? { status: 200, headers: { 'content-type': 'application/json' }, body: `{"user_name":"${jsonEscaped(PASSWORD)}","echo":"${b64(`${USER}:${PASSWORD}`)}",` } : undefined));
      const client = makeClient(kind);
      try {
        const err = await client.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' }).then(() => undefined, (e: unknown) => e);
        assert.equal((err as Error | undefined)?.name, 'DeserializationError', kind);
        const d = diagnoseError(err, undefined, client);
        assert.equal(d.code, 'unexpected');
        for (const text of [JSON.stringify(d), inspect(d, { depth: null, showHidden: true })]) assert.equal(leaked(text, SECRETS_OF_KIND[kind]), undefined, `${kind}: ${text.slice(0, 2000)}`);
      } finally {
        endScenario(s);
        await client.close();
      }
    }
  });

  test('text on a terminal: the CLI\'s own colours are escape sequences, a server\'s escapes, bidirectional controls and line breaks are not', async () => {
    const s = fixedScenario((key) => (key === 'GET /SEC/authinfo'
      ? jsonAnswer(200, { ...AUTHINFO, user_name: `${USER}\u202e\u2066evil\u001b[8m`, backend_roles: ['br\nFAKE-LINE ok', 'x\u2028FAKE-LINE'] })
      : undefined));
    try {
      const r = await runOn(true, ['whoami'], cliEnv('basic', false));
      assert.equal(r.code, 0, r.text);
      assert.ok(r.stdout.includes('\u001b[1muser\u001b[22m'), JSON.stringify(r.stdout.slice(0, 200)));
      assert.ok(r.stdout.includes('\u001b[32mok\u001b[39m'), JSON.stringify(r.stdout.slice(-100)));
      assert.ok(!r.stdout.includes('?[1m') && !r.stdout.includes('\uFDD0'), JSON.stringify(r.stdout.slice(0, 200)));
      assert.equal(CONTROL.exec(r.stdout.replace(OWN_COLOURS, '')), null, JSON.stringify(r.stdout));
      assert.ok(!r.stdout.split('\n').some((line) => line.startsWith('FAKE-LINE')), r.stdout);
      assert.match(r.stdout, /fz-alice\?\?evil\?\[8m/);
      // --json keeps the server's text as it came (escaped by JSON)
      const j = await runOn(false, ['whoami', '--json'], cliEnv('basic', false));
      assert.equal((JSON.parse(j.stdout) as { identity: { user: string } }).identity.user, `${USER}\u202e\u2066evil\u001b[8m`);
    } finally {
      endScenario(s);
    }
  });

  test('verify warns when the search answer is partial (timed out, a failed shard): a pass judges only the hits it holds', async () => {
    for (const change of [{ timed_out: true }, { _shards: { total: 2, successful: 1, skipped: 0, failed: 1, failures: [{ shard: 1, reason: { type: 'x' } }] } }]) {
      const s = fixedScenario((key, req) => {
        if (key !== 'POST /movies/_search') return undefined;
        const honest = render({ kind: 'honest' }, key, req, 'plain');
        return { ...honest, body: JSON.stringify({ ...(JSON.parse(String(honest.body)) as object), ...change }) };
      });
      try {
        const r = await runCli(['verify', '--index', 'movies', '--json'], cliEnv('basic', true));
        const out = JSON.parse(r.stdout) as { warnings: string[] };
        assert.ok(out.warnings.some((w) => /the search answer is partial or inconsistent/.test(w)), r.stdout.slice(0, 800));
      } finally {
        endScenario(s);
      }
    }
  });

  test('a command that fails while another of its requests is open closes its clients once that request ended (opensearch-js re-checks a second later)', async () => {
    const adminAuth = `Basic ${b64(`${ADMIN}:${ADMIN_PASSWORD}`)}`;
    const s = fixedScenario((key, req) => {
      if (key !== 'POST /movies/_search') return undefined;
      return req.headers.authorization === adminAuth
        ? jsonAnswer(400, { error: { type: 'parse_exception', reason: 'bad query' }, status: 400 })
        : { ...render({ kind: 'honest' }, key, req, 'plain'), delayMs: 60 };
    });
    const proto = Connection.prototype as unknown as { close: (cb?: () => void) => void; _openRequests?: number };
    const close = proto.close;
    let closedOpen = 0;
    proto.close = function (this: { _openRequests?: number }, ...rest: [(() => void)?]) {
      if ((this._openRequests ?? 0) > 0) closedOpen++;
      return close.apply(this, rest);
    };
    try {
      const r = await runCli(['compare', '--index', 'movies', '--json'], cliEnv('basic', true));
      assert.equal(r.code, 1, r.text);
      assert.match(r.stdout, /bad query/);
      assert.equal(s.asked.get('POST /movies/_search'), 2);
      assert.equal(closedOpen, 0, 'a connection was closed with a request still open');
    } finally {
      proto.close = close;
      endScenario(s);
    }
  });
});
