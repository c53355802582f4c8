/**
 * SigV4 signing of one final request with aws4, from the exact path and query that are sent,
 * so what is signed and what goes on the wire cannot diverge.
 *
 * - The payload hash is computed over exactly the bytes sent (after gzip) and always sent and
 *   signed as `x-amz-content-sha256` (Serverless requires it).
 * - Only `host`, `content-type` and `x-amz-*` are signed: hop-by-hop headers (connection,
 *   keep-alive, transfer-encoding...), `content-length`, `user-agent` and anything a proxy
 *   may rewrite are left out.
 * - Path: sent as the caller gave it, percent-encoded once. Escapes already in it (`a%3Ab`,
 *   as opensearch-js puts ids on the wire) are kept byte for byte; only characters that may
 *   not appear raw in a path (space, non-ASCII, `"`, `#`, `%` not starting an escape...) are
 *   encoded. The canonical URI is that wire path normalised (empty, `.` and `..` segments)
 *   and encoded once more, segment by segment (`a%253Ab`), as AWS expects for every
 *   service but S3.
 * - Query: every pair the caller gave (no limit on their number, order kept) is decoded with
 *   form semantics (`+` is a space) and re-encoded once in SigV4's encoding, so the wire query
 *   is already canonical; the canonical query is the same pairs sorted by key, then value.
 *   aws4 signs; it is given the parsed path and query rather than re-parsing `path?query`
 *   (its parser re-encodes existing escapes when the query holds raw non-ASCII, and keeps at
 *   most 1000 query keys).
 * - `signingHost` replaces the host both in the signature and in the `Host` header sent,
 *   so tunnels and VPC endpoints verify against the domain's name.
 */
import crypto, { createHmac } from 'node:crypto';
import type aws4 from 'aws4';
import type { AwsCredentialIdentity } from '../aws-credentials.js';
import type { OutgoingRequest, SignedParts } from '../strategy.js';
import type { SigV4Scope } from './scope.js';
import { SIGNER_AMZ_HEADERS } from './own-headers.js';
import { canonicalUri, wireTarget } from './wire-path.js';
import { defineField, opt, setOwn } from '../../errors/own.js';

/** aws4, once loaded (it signs only the targets the plain fast path does not cover). */
let aws4Module: typeof aws4 | undefined;
let aws4Loading: Promise<void> | undefined;

/**
 * Loads aws4 (once; later calls resolve at once). signRequest is synchronous (it signs the final
 * bytes), so the SigV4 strategy awaits this while it waits for credentials, before it hands out
 * its first authorizer: neither importing this package nor the other modes load aws4.
 */
export function loadSigner(): Promise<void> {
  aws4Loading ??= import('aws4').then((m) => {
    aws4Module = ((m as { default?: typeof aws4 }).default ?? m) as typeof aws4;
  });
  return aws4Loading;
}

/** SHA-256 of an empty payload. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';


/** Lower-case hex SHA-256 (one-shot: no Hash object per call). */
function sha256Hex(data: string | Buffer): string {
  return crypto.hash('sha256', data, 'hex');
}

/** Lower-case hex SHA-256 of the body bytes (a string is hashed as UTF-8, as Node sends it). */
export function payloadHash(body: string | Buffer | null | undefined): string {
  if (body === undefined || body === null || body.length === 0) return EMPTY_SHA256;
  return sha256Hex(body);
}

/** `YYYYMMDDTHHMMSSZ`. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The last second formatted by amzDateAt (most requests in a second share it). */
let lastSecond = Number.NaN;
let lastAmzDate = '';

/** `YYYYMMDDTHHMMSSZ` of an epoch time in ms, formatted once per second. */
function amzDateAt(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastAmzDate = amzDate(new Date(second * 1000));
    lastSecond = second;
  }
  return lastAmzDate;
}

/** Room for a string to sign after the 64-byte HMAC key block (longer ones take createHmac). */
const MESSAGE_ROOM = 448;

/**
 * The signing key of one (credentials, day, region, service), with what every signature under it
 * shares: the credential scope, and the HMAC-SHA256 key blocks (key XOR ipad / opad) written once,
 * so a signature is two one-shot SHA-256 calls instead of an Hmac object.
 */
class SigningKey {
  readonly scope: string;
  readonly #key: Buffer;
  readonly #inner = Buffer.alloc(64 + MESSAGE_ROOM);
  readonly #outer = Buffer.alloc(64 + 32);

  constructor(readonly day: string, readonly region: string, readonly service: string, secretAccessKey: string) {
    const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(day).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    this.#key = createHmac('sha256', kService).update('aws4_request').digest();
    this.scope = `${day}/${region}/${service}/aws4_request`;
    for (let i = 0; i < 64; i++) {
      const k = this.#key[i] ?? 0;
      this.#inner[i] = k ^ 0x36;
      this.#outer[i] = k ^ 0x5c;
    }
  }

  /** Hex HMAC-SHA256 of `message` (UTF-8) under this key. */
  sign(message: string): string {
    const written = this.#inner.write(message, 64, 'utf8');
    if (written >= MESSAGE_ROOM - 4) return createHmac('sha256', this.#key).update(message, 'utf8').digest('hex');
    // the inner digest travels as a 'binary' (latin1) string, one char per byte: cheaper than a Buffer from the binding
    this.#outer.write(crypto.hash('sha256', this.#inner.subarray(0, 64 + written), 'binary'), 64, 'binary');
    return crypto.hash('sha256', this.#outer, 'hex');
  }
}

/** The signing key per credentials object (weakly held: no secret is kept as a map key), for one day, region and service. */
const signingKeys = new WeakMap<AwsCredentialIdentity, SigningKey>();

/** The signing key of (credentials, day, region, service), derived once and kept while the day lasts. */
function signingKey(credentials: AwsCredentialIdentity, day: string, region: string, service: string): SigningKey {
  const cached = signingKeys.get(credentials);
  if (cached !== undefined && cached.day === day && cached.region === region && cached.service === service) return cached;
  const key = new SigningKey(day, region, service, credentials.secretAccessKey);
  signingKeys.set(credentials, key);
  return key;
}

/** A path made only of unreserved characters and `/` (its wire form is itself, its encoding the identity). */
const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;
/** A query of `key=value` pairs made only of unreserved characters (keys non-empty). */
const PLAIN_QUERY = /^[A-Za-z0-9\-._~]+=[A-Za-z0-9\-._~]*(?:&[A-Za-z0-9\-._~]+=[A-Za-z0-9\-._~]*)*$/;

/** A plain target's wire form and its canonical URI and query. */
interface PlainTarget {
  wire: string;
  uri: string;
  query: string;
}

/** A path that is its own canonical URI: absolute, no empty segment, no segment starting with `.`. */
const SELF_CANONICAL = /^(?:\/[A-Za-z0-9\-_~][A-Za-z0-9\-._~]*)*\/?$/;

function parsePlainTarget(raw: string): PlainTarget | undefined {
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  if (!PLAIN_PATH.test(path)) return undefined;
  const wirePath = path === '' ? '/' : path;
  const uri = SELF_CANONICAL.test(wirePath) ? wirePath : canonicalUri(wirePath);
  if (q < 0) return { wire: wirePath, uri, query: '' };
  const query = raw.slice(q + 1);
  if (!PLAIN_QUERY.test(query)) return undefined;
  const pairs = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return [pair.slice(0, eq), pair.slice(eq + 1)] as [string, string];
  });
  pairs.sort(([ka, va], [kb, vb]) => (ka !== kb ? (ka < kb ? -1 : 1) : va < vb ? -1 : va > vb ? 1 : 0));
  return { wire: `${wirePath}?${query}`, uri, query: pairs.map(([k, v]) => `${k}=${v}`).join('&') };
}

/** Targets seen lately (an application sends few distinct paths): parsed once. Cleared when full, so it stays small. */
const plainTargets = new Map<string, PlainTarget | null>();
const PLAIN_TARGETS_MAX = 256;

/**
 * The wire target and canonical URI and query of a plain ASCII target (see PLAIN_PATH and
 * PLAIN_QUERY), or undefined: those are signed by aws4 from the parsed target.
 */
function plainTarget(raw: string): PlainTarget | undefined {
  const known = plainTargets.get(raw);
  if (known !== undefined) return known ?? undefined;
  const parsed = parsePlainTarget(raw);
  if (plainTargets.size >= PLAIN_TARGETS_MAX) plainTargets.clear();
  plainTargets.set(raw, parsed ?? null);
  return parsed;
}

/** A header value as SigV4 canonicalises it: trimmed, inner whitespace runs as one space. */
function canonicalValue(value: string): string {
  return /^\S*$/.test(value) ? value : value.trim().replace(/\s+/g, ' ');
}

/** SignedHeaders of the usual requests, by (content-type present, session token present). */
const USUAL_SIGNED = [
  'host;x-amz-content-sha256;x-amz-date',
  'content-type;host;x-amz-content-sha256;x-amz-date',
  'host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
  'content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
] as const;

/** The Authorization header value of a canonical request whose headers part is `canonicalHeaders` (each `name:value\n`). */
function authorization(method: string, target: PlainTarget, canonicalHeaders: string, signedHeaders: string, payload: string, credentials: AwsCredentialIdentity, scope: SigV4Scope, amz: string): string {
  const canonical = `${method}\n${target.uri}\n${target.query}\n${canonicalHeaders}\n${signedHeaders}\n${payload}`;
  const key = signingKey(credentials, amz.slice(0, 8), scope.region, scope.service);
  const signature = key.sign(`AWS4-HMAC-SHA256\n${amz}\n${key.scope}\n${sha256Hex(canonical)}`);
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${key.scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/**
 * Signs a plain target (see plainTarget) with our own canonical request: the same bytes aws4
 * computes for it, without its request object, re-parsing and string arrays; the signing key is
 * derived once per credentials and day. The usual request: nothing signed but content-type (if
 * any), host and the signer's own x-amz-* headers, whose sorted order is known. The headers are
 * an object literal in the order the general path writes them (content-type, host, x-amz-content-sha256,
 * x-amz-date, x-amz-security-token, authorization): a literal defines its keys, so a setter a polluted
 * Object.prototype holds for one of them is never called, and it has one of four fixed shapes.
 */
function signUsual(method: string, target: PlainTarget, contentType: string | undefined, host: string, payload: string, amz: string, token: string | undefined, credentials: AwsCredentialIdentity, scope: SigV4Scope): SignedParts {
  let canonicalHeaders = contentType !== undefined ? `content-type:${canonicalValue(contentType)}\n` : '';
  canonicalHeaders += `host:${canonicalValue(host)}\nx-amz-content-sha256:${payload}\nx-amz-date:${amz}\n`;
  if (token !== undefined) canonicalHeaders += `x-amz-security-token:${canonicalValue(token)}\n`;
  const signed = USUAL_SIGNED[(contentType !== undefined ? 1 : 0) + (token !== undefined ? 2 : 0)] as string;
  const auth = authorization(method, target, canonicalHeaders, signed, payload, credentials, scope, amz);
  let headers: Record<string, string>;
  if (contentType === undefined) {
    headers = token === undefined
      ? { host, 'x-amz-content-sha256': payload, 'x-amz-date': amz, authorization: auth }
      : { host, 'x-amz-content-sha256': payload, 'x-amz-date': amz, 'x-amz-security-token': token, authorization: auth };
  } else {
    headers = token === undefined
      ? { 'content-type': contentType, host, 'x-amz-content-sha256': payload, 'x-amz-date': amz, authorization: auth }
      : { 'content-type': contentType, host, 'x-amz-content-sha256': payload, 'x-amz-date': amz, 'x-amz-security-token': token, authorization: auth };
  }
  return { headers, path: target.wire };
}

/**
 * Signs a plain target whose request signs more than the usual headers (an x-amz-* header of its
 * own): `toSign` holds the signed headers in lower case, in the request's order.
 */
function signPlain(method: string, target: PlainTarget, toSign: Record<string, string>, credentials: AwsCredentialIdentity, scope: SigV4Scope, amz: string): SignedParts {
  let canonicalHeaders = '';
  const names = Object.keys(toSign).sort();
  for (const name of names) canonicalHeaders += `${name}:${canonicalValue(toSign[name] as string)}\n`;
  const signedHeaders = names.join(';');
  setOwn(toSign, 'authorization', authorization(method, target, canonicalHeaders, signedHeaders, toSign['x-amz-content-sha256'] as string, credentials, scope, amz));
  return { headers: toSign, path: target.wire };
}

function headerValue(value: string | number | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** True for the headers this signer includes: host, content-type and x-amz-*. */
export function isSignedHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'host' || n === 'content-type' || n.startsWith('x-amz-');
}

/** Decoded `key -> value(s)`, as aws4 expects its parsed query (it encodes them itself). */
function queryObject(pairs: ReadonlyArray<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of pairs) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/**
 * Signs `request` with `credentials` using aws4: returns the headers to set (host, x-amz-date,
 * x-amz-content-sha256, x-amz-security-token when there is a session token, authorization)
 * and the path to send. Synchronous, so it runs on the bytes of the attempt being sent.
 */
export function signRequest(request: OutgoingRequest, credentials: AwsCredentialIdentity, scope: SigV4Scope, now?: Date): SignedParts {
  const host = opt(scope, 'signingHost') ?? request.host;
  // The signed headers the request gives: content-type alone (nearly every request) is kept as a value; an
  // x-amz-* header of its own as well starts `toSign`, the signed headers in lower case in the request's order,
  // written with setOwn (an assignment of a header no prototype holds, a definition of one a polluted
  // Object.prototype holds)
  let contentType: string | undefined;
  let toSign: Record<string, string> | undefined;
  const given = request.headers;
  for (const name in given) {
    // for...in also lists an enumerable property of a polluted Object.prototype: no header of the request's
    if (!Object.hasOwn(given, name)) continue;
    const lower = name.toLowerCase();
    if (lower !== 'content-type' && !lower.startsWith('x-amz-')) continue;
    const v = headerValue(given[name]);
    if (v === undefined || SIGNER_AMZ_HEADERS.has(lower)) continue;
    if (toSign === undefined && lower !== 'content-type') {
      toSign = {};
      if (contentType !== undefined) setOwn(toSign, 'content-type', contentType);
    }
    if (toSign === undefined) contentType = v;
    else setOwn(toSign, lower, v);
  }
  const payload = payloadHash(request.body);
  const amz = amzDateAt(now === undefined ? Date.now() : now.getTime());
  const sessionToken = opt(credentials, 'sessionToken');
  const token = sessionToken !== undefined && sessionToken !== '' ? sessionToken : undefined;
  const raw = request.path === '' ? '/' : request.path;
  // Plain ASCII targets (nearly every request) take our own canonical request; anything with
  // escapes, non-ASCII or an unusual query is signed by aws4 from the parsed target below.
  const plain = plainTarget(raw);
  if (toSign === undefined) {
    if (plain !== undefined) return signUsual(request.method.toUpperCase(), plain, contentType, host, payload, amz, token, credentials, scope);
    toSign = {};
    if (contentType !== undefined) setOwn(toSign, 'content-type', contentType);
  }
  setOwn(toSign, 'host', host);
  setOwn(toSign, 'x-amz-content-sha256', payload);
  setOwn(toSign, 'x-amz-date', amz);
  if (token !== undefined) setOwn(toSign, 'x-amz-security-token', token);
  if (plain !== undefined) return signPlain(request.method.toUpperCase(), plain, toSign, credentials, scope, amz);
  const target = wireTarget(raw);
  // No body is given to aws4: it would add (and sign) content-length and a form content-type; the
  // payload hash comes from x-amz-content-sha256. aws4 re-parses `path?query` itself (re-encoding
  // escapes when the query holds raw non-ASCII, keeping at most 1000 keys), so it is handed the
  // exact wire path and every decoded query pair instead.
  if (aws4Module === undefined) throw new Error('opensearch-fgac: the SigV4 signer is not loaded yet (await loadSigner() first)');
  const signer = new aws4Module.RequestSigner(
    { method: request.method.toUpperCase(), host, path: target.wire, headers: toSign, service: scope.service, region: scope.region },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(opt(toSign, 'x-amz-security-token') !== undefined ? { sessionToken: credentials.sessionToken } : {}),
    },
  );
  const parsed = { path: target.path, query: (target.decoded.length > 0 || raw.includes('?') ? queryObject(target.decoded) : null) as Record<string, string | string[]> };
  signer.parsePath = function parsePath(this: aws4.RequestSigner): void {
    defineField(this, 'parsedPath', parsed);
  };
  signer.sign();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signer.request.headers ?? {})) {
    const v = headerValue(value as string | number | string[] | undefined);
    if (v !== undefined) setOwn(headers, name.toLowerCase(), v);
  }
  return { headers, path: target.wire };
}
