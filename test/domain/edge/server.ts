/**
 * The edge: an HTTPS server that imitates the Amazon OpenSearch Service endpoint in front
 * of the OpenSearch security plugin. Per request: strip impersonation headers, identify
 * (SigV4 / basic / anonymous), evaluate the domain access policy, then forward to the
 * node with proxy-auth headers for IAM identities. `/__edge/*` is a token-guarded admin API.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  actionForMethod,
  denialMessage,
  evaluatePolicy,
  normalizePrincipalArn,
  resourcesForPath,
  validatePolicy,
  type PolicyDocument,
} from './policy.js';
import { isSigV4Authorization, splitUrl, verifySigV4, type EdgeCredential } from './sigv4.js';

export type { EdgeCredential } from './sigv4.js';
export type { PolicyDocument } from './policy.js';

/** Configuration of one edge process (the JSON file given to main.ts). */
export interface EdgeConfig {
  host: string;
  /** 0 = any free port. */
  port: number;
  tls: { certFile: string; keyFile: string };
  /** The OpenSearch node, http:// or https:// (verified against caFile). */
  /** localAddress: the source address to connect from (the node trusts only it as a proxy). */
  upstream: { url: string; caFile?: string; localAddress?: string };
  region: string;
  service: string;
  domainArn: string;
  policy: PolicyDocument;
  credentials: EdgeCredential[];
  adminToken: string;
}

/** A running edge. */
export interface EdgeHandle {
  url: string;
  close(): Promise<void>;
}

/** Who a request is, as far as the edge can tell. */
export type Identity = { kind: 'iam'; arn: string } | { kind: 'basic' } | { kind: 'anonymous' };

/** Mutable runtime state, changed through the admin API. */
interface EdgeState {
  policy: PolicyDocument;
  clockOffsetSeconds: number;
  /** True when every answer's Date header states the edge's (offset) clock, as AWS's does; false: Node's own Date. */
  clockDate: boolean;
  credentials: Map<string, EdgeCredential>;
}

interface EdgeContext {
  config: EdgeConfig;
  state: EdgeState;
  agent: http.Agent;
  upstream: URL;
}

const MAX_BODY_BYTES = 100 * 1024 * 1024;
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect',
]);
/** Headers a client may never send through: identity is the edge's business. */
const IMPERSONATION = new Set(['x-proxy-user', 'x-proxy-roles', 'x-forwarded-for']);

/** Throws when an EdgeCredential is malformed. */
export function validateCredential(value: unknown): asserts value is EdgeCredential {
  if (typeof value !== 'object' || value === null) throw new Error('credential must be an object');
  const c = value as Record<string, unknown>;
  for (const key of ['accessKeyId', 'secretAccessKey', 'arn']) {
    if (typeof c[key] !== 'string' || c[key] === '') throw new Error(`credential.${key} must be a non-empty string`);
  }
  if (c.sessionToken !== undefined && typeof c.sessionToken !== 'string') throw new Error('credential.sessionToken must be a string');
  if (c.expiration !== undefined && (typeof c.expiration !== 'string' || Number.isNaN(Date.parse(c.expiration)))) {
    throw new Error('credential.expiration must be an ISO 8601 date');
  }
  if (!String(c.arn).startsWith('arn:')) throw new Error('credential.arn must be an ARN');
}

/** The proxy-auth headers for an IAM principal: roles are the role ARN, users have none. */
export function proxyIdentityFor(arn: string): { user: string; roles?: string } {
  const normalized = normalizePrincipalArn(arn);
  if (/^arn:[^:]+:iam::\d*:role\//.test(normalized)) return { user: normalized, roles: normalized };
  return { user: arn };
}

/** The client address without the IPv4-mapped IPv6 prefix. */
export function clientIp(remoteAddress: string | undefined): string {
  const address = remoteAddress ?? '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

function initialState(config: EdgeConfig): EdgeState {
  const copy = structuredClone(config);
  return {
    policy: copy.policy,
    clockOffsetSeconds: 0,
    clockDate: false,
    credentials: new Map(copy.credentials.map((c) => [c.accessKeyId, c])),
  };
}

function now(state: EdgeState): Date {
  return new Date(Date.now() + state.clockOffsetSeconds * 1000);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---------------------------------------------------------------- admin API

function parseJson(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8'));
}

function stateView(state: EdgeState): unknown {
  return {
    policy: state.policy,
    clockOffsetSeconds: state.clockOffsetSeconds,
    clockDate: state.clockDate,
    now: now(state).toISOString(),
    credentials: [...state.credentials.values()].map((c) => ({
      accessKeyId: c.accessKeyId,
      arn: c.arn,
      expiration: c.expiration ?? null,
      hasSessionToken: c.sessionToken !== undefined,
    })),
  };
}

function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, ctx: EdgeContext): void {
  if (!sameSecret(req.headersDistinct['x-edge-admin']?.[0], ctx.config.adminToken)) {
    sendJson(res, 404, { message: 'Not Found' });
    return;
  }
  const { path } = splitUrl(req.url ?? '/');
  const route = `${req.method ?? 'GET'} ${path.replace(/\/+$/, '')}`;
  const { state } = ctx;
  try {
    if (route === 'GET /__edge/state') return sendJson(res, 200, stateView(state));
    if (route === 'PUT /__edge/policy') {
      const policy = parseJson(body);
      validatePolicy(policy);
      state.policy = policy;
      return sendJson(res, 200, { ok: true, policy });
    }
    if (route === 'PUT /__edge/clock') {
      const { offsetSeconds, date } = parseJson(body) as { offsetSeconds?: unknown; date?: unknown };
      if (typeof offsetSeconds !== 'number' || !Number.isFinite(offsetSeconds)) throw new Error('offsetSeconds must be a finite number');
      if (date !== undefined && typeof date !== 'boolean') throw new Error('date must be a boolean');
      state.clockOffsetSeconds = offsetSeconds;
      state.clockDate = date === true;
      return sendJson(res, 200, { ok: true, clockOffsetSeconds: offsetSeconds, now: now(state).toISOString() });
    }
    if (route === 'POST /__edge/credentials') {
      const credential = parseJson(body);
      validateCredential(credential);
      const replaced = state.credentials.has(credential.accessKeyId);
      state.credentials.set(credential.accessKeyId, credential);
      return sendJson(res, replaced ? 200 : 201, { ok: true, accessKeyId: credential.accessKeyId, replaced });
    }
    const del = /^DELETE \/__edge\/credentials\/([^/]+)$/.exec(route);
    if (del?.[1] !== undefined) {
      const id = decodeURIComponent(del[1]);
      if (!state.credentials.delete(id)) return sendJson(res, 404, { message: `no credential ${id}` });
      return sendJson(res, 200, { ok: true, accessKeyId: id });
    }
    if (route === 'POST /__edge/reset') {
      Object.assign(state, initialState(ctx.config));
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { message: `no admin endpoint ${route}` });
  } catch (error) {
    sendJson(res, 400, { message: error instanceof Error ? error.message : String(error) });
  }
}

// ---------------------------------------------------------------- pipeline

async function identify(req: http.IncomingMessage, body: Buffer, ctx: EdgeContext): Promise<Identity | { status: number; body: unknown }> {
  const authorization = req.headersDistinct.authorization?.[0];
  const { rawQuery } = splitUrl(req.url ?? '/');
  if (/(^|&)x-amz-signature=/i.test(rawQuery)) {
    return { status: 403, body: { message: 'Query-string (presigned) SigV4 is not supported by the local edge.' } };
  }
  if (isSigV4Authorization(authorization)) {
    const result = await verifySigV4(
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headersDistinct, body },
      {
        region: ctx.config.region,
        service: ctx.config.service,
        now: now(ctx.state),
        findCredential: (id) => ctx.state.credentials.get(id),
      },
    );
    return result.ok ? { kind: 'iam', arn: result.credential.arn } : { status: 403, body: { message: result.message } };
  }
  if (authorization?.startsWith('Basic ')) return { kind: 'basic' };
  return { kind: 'anonymous' };
}

/** Headers for the upstream request: no hop-by-hop, no impersonation, no AWS signing for IAM. */
function upstreamHeaders(req: http.IncomingMessage, identity: Identity, body: Buffer): http.OutgoingHttpHeaders {
  const connectionTokens = new Set(
    (req.headersDistinct.connection ?? []).flatMap((v) => v.split(',')).map((t) => t.trim().toLowerCase()),
  );
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values === undefined || HOP_BY_HOP.has(name) || connectionTokens.has(name) || IMPERSONATION.has(name)) continue;
    if (name === 'host' || name === 'content-length' || name === 'x-edge-admin') continue;
    if (identity.kind === 'iam' && (name === 'authorization' || name.startsWith('x-amz-'))) continue;
    headers[name] = values.length === 1 ? values[0] : values;
  }
  if (body.length > 0 || req.headersDistinct['content-length'] !== undefined) headers['content-length'] = body.length;
  if (identity.kind === 'iam') {
    const proxy = proxyIdentityFor(identity.arn);
    headers['x-proxy-user'] = proxy.user;
    if (proxy.roles !== undefined) headers['x-proxy-roles'] = proxy.roles;
  }
  headers['x-forwarded-for'] = clientIp(req.socket.remoteAddress);
  return headers;
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, identity: Identity, ctx: EdgeContext): void {
  const { upstream } = ctx;
  const basePath = upstream.pathname.replace(/\/+$/, '');
  const client = upstream.protocol === 'https:' ? https : http;
  let upstreamReq: http.ClientRequest;
  try {
    upstreamReq = client.request({
      protocol: upstream.protocol,
      hostname: upstream.hostname.replace(/^\[|\]$/g, ''),
      port: upstream.port === '' ? undefined : Number(upstream.port),
      method: req.method,
      path: `${basePath}${req.url ?? '/'}`,
      headers: upstreamHeaders(req, identity, body),
      agent: ctx.agent,
    });
  } catch (error) {
    sendJson(res, 400, { message: `invalid request: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  upstreamReq.on('response', (upstreamRes) => {
    const headers: http.OutgoingHttpHeaders = {};
    const connectionTokens = new Set(String(upstreamRes.headers.connection ?? '').split(',').map((t) => t.trim().toLowerCase()));
    for (const [name, value] of Object.entries(upstreamRes.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name) && !connectionTokens.has(name)) headers[name] = value;
    }
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, headers);
    upstreamRes.pipe(res);
    upstreamRes.on('error', () => res.destroy());
  });
  upstreamReq.on('error', () => {
    if (!res.headersSent) sendJson(res, 502, { message: 'upstream unavailable' });
    else res.destroy();
  });
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  upstreamReq.end(body);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, ctx: EdgeContext): Promise<void> {
  res.setHeader('x-amzn-RequestId', randomUUID());
  if (ctx.state.clockDate) res.setHeader('date', now(ctx.state).toUTCString());
  const body = await readBody(req);
  if (body === null) return sendJson(res, 413, { message: 'Request Entity Too Large' });
  const { path } = splitUrl(req.url ?? '/');
  if (path === '/__edge' || path.startsWith('/__edge/')) return handleAdmin(req, res, body, ctx);

  const identity = await identify(req, body, ctx);
  if ('status' in identity) return sendJson(res, identity.status, identity.body);

  const principal = identity.kind === 'iam' ? identity.arn : null;
  const action = actionForMethod(req.method ?? 'GET');
  const decision = evaluatePolicy(ctx.state.policy, {
    principal,
    action,
    resource: resourcesForPath(ctx.config.domainArn, path),
    sourceIp: clientIp(req.socket.remoteAddress),
  });
  if (decision.decision !== 'allow') {
    return sendJson(res, 403, { Message: denialMessage(principal, action, decision.decision === 'deny') });
  }
  forward(req, res, body, identity, ctx);
}

/** Starts an edge server per `config`; resolves once it listens. */
export async function startEdge(config: EdgeConfig): Promise<EdgeHandle> {
  validatePolicy(config.policy);
  config.credentials.forEach((c) => validateCredential(c));
  const [cert, key, ca] = await Promise.all([
    readFile(config.tls.certFile),
    readFile(config.tls.keyFile),
    config.upstream.caFile === undefined ? Promise.resolve(undefined) : readFile(config.upstream.caFile),
  ]);
  const upstream = new URL(config.upstream.url);
  const local = config.upstream.localAddress === undefined ? {} : { localAddress: config.upstream.localAddress };
  const agent = upstream.protocol === 'https:'
    ? new https.Agent({ keepAlive: true, ...local, ...(ca === undefined ? {} : { ca }) })
    : new http.Agent({ keepAlive: true, ...local });
  const ctx: EdgeContext = { config: structuredClone(config), state: initialState(config), agent, upstream };

  const server = https.createServer({ cert, key }, (req, res) => {
    handle(req, res, ctx).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: `edge error: ${error instanceof Error ? error.message : String(error)}` });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `https://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
