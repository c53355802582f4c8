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
import { createHash } from 'node:crypto';
import aws4 from 'aws4';
import type { AwsCredentialIdentity, AwsService } from '../config.js';
import type { OutgoingRequest, SignedParts } from './strategy.js';

/** SHA-256 of an empty payload. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The SigV4 scope of a client. */
export interface SigV4Scope {
  region: string;
  service: AwsService;
  /** Host to sign and send instead of the node's (tunnels, VPC endpoints). */
  signingHost?: string;
}

/** Headers SigV4 must not take from the request (owned by the signer). */
const OWN_AMZ = new Set(['x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']);

/** Lower-case hex SHA-256 of the body bytes (a string is hashed as UTF-8, as Node sends it). */
export function payloadHash(body: string | Buffer | null | undefined): string {
  if (body === undefined || body === null || body.length === 0) return EMPTY_SHA256;
  return createHash('sha256').update(body).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ`. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
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

// ---------------------------------------------------------------- encoding

const HEX_DIGIT = /^[0-9A-Fa-f]$/;
/** RFC 3986 `pchar` minus `%` (unreserved, sub-delims, `:` and `@`), plus the `/` separator. */
const PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;
const utf8 = new TextEncoder();
/** Byte -> itself when unreserved (`A-Z a-z 0-9 - _ . ~`), else its upper-case `%XX`. */
const BYTE_FORM = Array.from({ length: 256 }, (_, b) => {
  const c = String.fromCharCode(b);
  return /^[A-Za-z0-9\-_.~]$/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
});

/** SigV4's URI encoding: everything but `A-Z a-z 0-9 - _ . ~` as upper-case `%XX` of the UTF-8 bytes (lone surrogates as U+FFFD). */
export function sigv4Encode(value: string): string {
  let out = '';
  for (const byte of utf8.encode(value)) out += BYTE_FORM[byte] as string;
  return out;
}

/**
 * A raw path in its wire form, percent-encoded once: existing `%XX` escapes and characters
 * allowed raw in a path are kept, everything else is encoded as UTF-8 bytes.
 */
export function wirePath(path: string): string {
  let out = '';
  let i = 0;
  while (i < path.length) {
    const c = path[i] as string;
    if (c === '%' && HEX_DIGIT.test(path[i + 1] ?? '') && HEX_DIGIT.test(path[i + 2] ?? '')) {
      out += path.slice(i, i + 3);
      i += 3;
      continue;
    }
    const cp = path.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    out += c !== '%' && PATH_SAFE.test(ch) ? ch : sigv4Encode(ch);
    i += ch.length;
  }
  return out === '' ? '/' : out;
}

/** The canonical URI of a wire path (non-S3): empty, `.` and `..` segments resolved, each segment encoded again. */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(sigv4Encode(segment));
  }
  if (segments.length === 0) return '/';
  return `/${segments.join('/')}${path.endsWith('/') ? '/' : ''}`;
}

/** A `path?query` target as it goes on the wire, with its query pairs decoded and encoded. */
interface WireTarget {
  /** The path, percent-encoded once. */
  path: string;
  /** Every `key=value` pair in the caller's order, decoded (form semantics: `+` is a space). */
  decoded: Array<[string, string]>;
  /** The same pairs encoded once in SigV4's encoding. */
  encoded: Array<[string, string]>;
  /** `path?query` to send. */
  wire: string;
}

/** Parses a target once: the wire path, and every query pair decoded and re-encoded once. */
function wireTarget(target: string): WireTarget {
  const q = target.indexOf('?');
  const path = wirePath(q < 0 ? target : target.slice(0, q));
  const decoded: Array<[string, string]> = [];
  if (q >= 0) {
    const raw = target.slice(q + 1);
    // URLSearchParams drops one leading `?`; a query that starts with one keeps it as part of the first key.
    for (const [key, value] of new URLSearchParams(raw.startsWith('?') ? `&${raw}` : raw)) decoded.push([key, value]);
  }
  const encoded = decoded.map(([k, v]): [string, string] => [sigv4Encode(k), sigv4Encode(v)]);
  return { path, decoded, encoded, wire: encoded.length > 0 ? `${path}?${joinPairs(encoded)}` : path };
}

function comparePairs([ka, va]: [string, string], [kb, vb]: [string, string]): number {
  if (ka !== kb) return ka < kb ? -1 : 1;
  return va < vb ? -1 : va > vb ? 1 : 0;
}

function joinPairs(pairs: ReadonlyArray<[string, string]>): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** The path and query to send for a `path?query` target, and their canonical forms (what aws4 signs). */
export function canonicalTarget(target: string): { wire: string; uri: string; query: string } {
  const t = wireTarget(target);
  return { wire: t.wire, uri: canonicalUri(t.path), query: joinPairs([...t.encoded].sort(comparePairs)) };
}

// ---------------------------------------------------------------- signing

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
export function signRequest(request: OutgoingRequest, credentials: AwsCredentialIdentity, scope: SigV4Scope, now: Date = new Date()): SignedParts {
  const host = scope.signingHost ?? request.host;
  const toSign: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    const v = headerValue(value);
    if (v === undefined || !isSignedHeader(lower) || lower === 'host' || OWN_AMZ.has(lower)) continue;
    toSign[lower] = v;
  }
  toSign.host = host;
  toSign['x-amz-content-sha256'] = payloadHash(request.body);
  toSign['x-amz-date'] = amzDate(now);
  if (credentials.sessionToken !== undefined && credentials.sessionToken !== '') {
    toSign['x-amz-security-token'] = credentials.sessionToken;
  }
  const raw = request.path === '' ? '/' : request.path;
  const target = wireTarget(raw);
  // No body is given to aws4: it would add (and sign) content-length and a form content-type; the
  // payload hash comes from x-amz-content-sha256. aws4 re-parses `path?query` itself (re-encoding
  // escapes when the query holds raw non-ASCII, keeping at most 1000 keys), so it is handed the
  // exact wire path and every decoded query pair instead.
  const signer = new aws4.RequestSigner(
    { method: request.method.toUpperCase(), host, path: target.wire, headers: toSign, service: scope.service, region: scope.region },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(toSign['x-amz-security-token'] !== undefined ? { sessionToken: credentials.sessionToken } : {}),
    },
  );
  const parsed = { path: target.path, query: (target.decoded.length > 0 || raw.includes('?') ? queryObject(target.decoded) : null) as Record<string, string | string[]> };
  signer.parsePath = function parsePath(this: aws4.RequestSigner): void {
    this.parsedPath = parsed;
  };
  signer.sign();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signer.request.headers ?? {})) {
    const v = headerValue(value as string | number | string[] | undefined);
    if (v !== undefined) headers[name.toLowerCase()] = v;
  }
  return { headers, path: target.wire };
}
