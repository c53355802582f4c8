/**
 * SigV4 verification for the edge, independent of `aws4` (which the SDK signs with):
 * the signature is recomputed by @smithy/signature-v4 from the received request and
 * compared in constant time. A second, hand-written canonical request is built only
 * to produce AWS's "should have been" diagnostic on a mismatch.
 *
 * Path encoding, worked out against aws4 1.13 and @smithy/signature-v4 5.x (and AWS's
 * SigV4 documentation: "each path segment must be URI-encoded twice, except for S3"):
 * the client percent-encodes a document id ONCE to put it on the wire
 * (`/idx/_doc/a%3Ab`), and the canonical URI is the wire path encoded ONCE MORE
 * (`/idx/_doc/a%253Ab`), segment by segment, after removing empty, `.` and `..` segments.
 * So the edge hands the RAW wire path, NOT decoded, to SignatureV4 with
 * `uriEscapePath: true`, which performs exactly that second encoding. Decoding it first
 * would yield the single-encoded form and every id containing `:`, space, `%` or
 * non-ASCII would fail to verify. (aws4 does the same for non-S3 services: its
 * `decodePath` is false for `es`, it encodes each wire segment with encodeURIComponent
 * plus `!'()*`; a path with raw non-ASCII/space is first rewritten by aws4 to its
 * encodeURI form, which is also what it then sends.) The query string, in contrast, is
 * decoded (`+` = space, like aws4's querystring.parse and OpenSearch) and re-encoded once.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** A credential the edge knows: access key -> secret -> principal ARN. */
export interface EdgeCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ISO 8601; after it the key is rejected as expired. */
  expiration?: string;
  /** Principal ARN, e.g. arn:aws:iam::123456789012:role/IAMLimitedUserRole. */
  arn: string;
}

/** The parts of a received request that SigV4 covers. */
export interface ReceivedRequest {
  method: string;
  /** Raw request target as received: path plus optional `?query`, not decoded. */
  url: string;
  /** Lower-case header names, every received value (Node's `headersDistinct`). */
  headers: Record<string, string[] | undefined>;
  body: Uint8Array;
}

/** What the verifier needs to know about the domain and its clock. */
export interface VerifyOptions {
  region: string;
  service: string;
  now: Date;
  findCredential: (accessKeyId: string) => EdgeCredential | undefined;
  /** Allowed clock skew, default 5 minutes. */
  maxSkewMs?: number;
}

/** Why a signed request was rejected. */
export type VerifyFailure = 'malformed' | 'invalid-token' | 'expired-token' | 'signature-expired' | 'scope' | 'signature-mismatch';

/** Result of verification: the credential used, or an AWS-shaped 403 message. */
export type VerifyResult =
  | { ok: true; credential: EdgeCredential }
  | { ok: false; reason: VerifyFailure; message: string };

/** The fields of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  scopeTerminator: string;
  signedHeaders: string[];
  signature: string;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';
const MISMATCH_PREFIX =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** True when an Authorization header value claims SigV4. */
export function isSigV4Authorization(value: string | undefined): boolean {
  return value !== undefined && value.startsWith(ALGORITHM);
}

/** Parses a SigV4 Authorization header, or returns an AWS-like error message. */
export function parseAuthorization(value: string): ParsedAuthorization | string {
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !fields.get(k));
  if (missing.length > 0) {
    return `${missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ')} Authorization=${value}`;
  }
  const credential = (fields.get('Credential') ?? '').split('/');
  if (credential.length !== 5) return `Credential is malformed, expected AKID/date/region/service/aws4_request. Authorization=${value}`;
  const [accessKeyId = '', scopeDate = '', scopeRegion = '', scopeService = '', scopeTerminator = ''] = credential;
  return {
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    scopeTerminator,
    signedHeaders: (fields.get('SignedHeaders') ?? '').split(';').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''),
    signature: (fields.get('Signature') ?? '').toLowerCase(),
  };
}

/** Splits a raw request target into its raw path and raw query (without `?`). */
export function splitUrl(url: string): { path: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url || '/', rawQuery: '' } : { path: url.slice(0, q) || '/', rawQuery: url.slice(q + 1) };
}

/** Decodes a raw query string (form semantics: `+` is a space) into a multi-map. */
export function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** `YYYYMMDDTHHMMSSZ` -> Date, or null when malformed. */
export function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date -> `YYYYMMDDTHHMMSSZ`. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** encodeURIComponent plus the RFC 3986 reserved `!'()*` (the SigV4 URI encoding). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Canonical URI of a raw wire path for non-S3 services: normalised, each segment encoded again. */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  if (segments.length === 0) return '/';
  return `/${segments.join('/')}${rawPath.endsWith('/') ? '/' : ''}`;
}

/** Canonical query string of a raw query: decoded, re-encoded, sorted by key then value. */
export function canonicalQuery(rawQuery: string): string {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([uriEncode(key), uriEncode(value)]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** A header's canonical value: every value trimmed, inner whitespace runs collapsed, joined by `,`. */
export function canonicalHeaderValue(values: string[]): string {
  return values.map((v) => v.replace(/\s+/g, ' ').trim()).join(',');
}

/** Hex SHA-256 of bytes or a string. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The canonical request (hand-written, used for the mismatch diagnostic and in tests). */
export function buildCanonicalRequest(req: ReceivedRequest, signedHeaders: string[], payloadHash: string): string {
  const { path, rawQuery } = splitUrl(req.url);
  const names = [...signedHeaders].sort();
  const headerLines = names.map((name) => `${name}:${canonicalHeaderValue(req.headers[name] ?? [])}\n`).join('');
  return [req.method.toUpperCase(), canonicalUri(path), canonicalQuery(rawQuery), headerLines, names.join(';'), payloadHash].join('\n');
}

/** The SigV4 string to sign for a canonical request. */
export function buildStringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
}

/** HMAC signature of a string to sign (hand-written key derivation, used in tests). */
export function signString(secretAccessKey: string, shortDate: string, region: string, service: string, stringToSign: string): string {
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, shortDate), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function firstHeader(req: ReceivedRequest, name: string): string | undefined {
  return req.headers[name]?.[0];
}

/** AWS wording for a request date outside the allowed skew. */
function skewMessage(amzDate: string, requestTime: Date, now: Date, maxSkewMs: number): string | null {
  const minutes = Math.round(maxSkewMs / 60000);
  if (requestTime.getTime() < now.getTime() - maxSkewMs) {
    const limit = formatAmzDate(new Date(now.getTime() - maxSkewMs));
    return `Signature expired: ${amzDate} is now earlier than ${limit} (${formatAmzDate(now)} - ${minutes} min.)`;
  }
  if (requestTime.getTime() > now.getTime() + maxSkewMs) {
    const limit = formatAmzDate(new Date(now.getTime() + maxSkewMs));
    return `Signature not yet current: ${amzDate} is still later than ${limit} (${formatAmzDate(now)} + ${minutes} min.)`;
  }
  return null;
}

/** Checks credential identity, token, expiry and date; returns a failure or null. */
function checkCredential(
  auth: ParsedAuthorization,
  credential: EdgeCredential | undefined,
  req: ReceivedRequest,
  opts: VerifyOptions,
): VerifyResult | null {
  if (credential === undefined) return { ok: false, reason: 'invalid-token', message: INVALID_TOKEN_MESSAGE };
  const token = firstHeader(req, 'x-amz-security-token');
  const tokenOk = credential.sessionToken === undefined ? token === undefined : token !== undefined && safeEqual(token, credential.sessionToken);
  if (!tokenOk) return { ok: false, reason: 'invalid-token', message: INVALID_TOKEN_MESSAGE };
  if (credential.expiration !== undefined && Date.parse(credential.expiration) < opts.now.getTime()) {
    return { ok: false, reason: 'expired-token', message: EXPIRED_TOKEN_MESSAGE };
  }
  const authValue = firstHeader(req, 'authorization') ?? '';
  const amzDate = firstHeader(req, 'x-amz-date');
  const requestTime = amzDate === undefined ? null : parseAmzDate(amzDate);
  if (amzDate === undefined || requestTime === null) {
    return { ok: false, reason: 'malformed', message: `Authorization header requires existence of a valid 'X-Amz-Date' header. Authorization=${authValue}` };
  }
  const skew = skewMessage(amzDate, requestTime, opts.now, opts.maxSkewMs ?? 5 * 60 * 1000);
  if (skew !== null) return { ok: false, reason: 'signature-expired', message: skew };
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    return { ok: false, reason: 'scope', message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.` };
  }
  if (auth.scopeRegion !== opts.region) {
    return { ok: false, reason: 'scope', message: `Credential should be scoped to a valid region, not '${auth.scopeRegion}'. ` };
  }
  if (auth.scopeService !== opts.service) {
    return { ok: false, reason: 'scope', message: `Credential should be scoped to correct service: '${opts.service}'. ` };
  }
  if (auth.scopeTerminator !== 'aws4_request') {
    return { ok: false, reason: 'scope', message: `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.scopeTerminator}'. ` };
  }
  return null;
}

/** Re-signs the received request with @smithy/signature-v4 and returns its signature. */
async function smithySignature(req: ReceivedRequest, auth: ParsedAuthorization, credential: EdgeCredential, opts: VerifyOptions): Promise<string> {
  const { path, rawQuery } = splitUrl(req.url);
  // Only the headers the client listed in SignedHeaders take part.
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const values = req.headers[name];
    if (values !== undefined) headers[name] = canonicalHeaderValue(values);
  }
  const signedToken = auth.signedHeaders.includes('x-amz-security-token');
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      // SignatureV4 adds the token header to the signature whenever it has one.
      ...(signedToken && credential.sessionToken !== undefined ? { sessionToken: credential.sessionToken } : {}),
    },
    region: opts.region,
    service: opts.service,
    sha256: Sha256,
    uriEscapePath: true, // raw wire path in, encoded once more (see the file comment)
    applyChecksum: false, // never invent an x-amz-content-sha256 the client did not sign
  });
  const request = new HttpRequest({
    method: req.method.toUpperCase(),
    protocol: 'https:',
    hostname: (req.headers.host?.[0] ?? 'localhost').replace(/:\d+$/, ''),
    path,
    query: parseQuery(rawQuery),
    headers,
    body: req.body,
  });
  const signingDate = parseAmzDate(firstHeader(req, 'x-amz-date') ?? '') ?? opts.now;
  const signed = await signer.sign(request, { signingDate, signableHeaders: new Set(auth.signedHeaders) });
  const authorization = String(signed.headers.authorization ?? signed.headers.Authorization ?? '');
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '';
}

function mismatch(req: ReceivedRequest, auth: ParsedAuthorization, payloadHash: string, opts: VerifyOptions): VerifyResult {
  const amzDate = firstHeader(req, 'x-amz-date') ?? '';
  const canonical = buildCanonicalRequest(req, auth.signedHeaders, payloadHash);
  const scope = `${amzDate.slice(0, 8)}/${opts.region}/${opts.service}/aws4_request`;
  const toSign = buildStringToSign(amzDate, scope, canonical);
  const message = `${MISMATCH_PREFIX}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`;
  return { ok: false, reason: 'signature-mismatch', message };
}

/** Verifies a SigV4 header-signed request (the whole body must already be read). */
export async function verifySigV4(req: ReceivedRequest, opts: VerifyOptions): Promise<VerifyResult> {
  const authValue = firstHeader(req, 'authorization') ?? '';
  const auth = parseAuthorization(authValue);
  if (typeof auth === 'string') return { ok: false, reason: 'malformed', message: auth };
  const credential = opts.findCredential(auth.accessKeyId);
  const failure = checkCredential(auth, credential, req, opts);
  if (failure !== null || credential === undefined) return failure ?? { ok: false, reason: 'invalid-token', message: INVALID_TOKEN_MESSAGE };

  const bodyHash = sha256Hex(req.body);
  const declaredHash = firstHeader(req, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== bodyHash) return mismatch(req, auth, bodyHash, opts);

  const expected = await smithySignature(req, auth, credential, opts);
  if (expected === '' || !safeEqual(expected, auth.signature)) return mismatch(req, auth, bodyHash, opts);
  return { ok: true, credential };
}
