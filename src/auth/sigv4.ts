/**
 * SigV4 signing of one final request with `aws4`.
 *
 * - The payload hash is computed over exactly the bytes sent (after gzip) and always sent and
 *   signed as `x-amz-content-sha256` (Serverless requires it).
 * - Only `host`, `content-type` and `x-amz-*` are signed: hop-by-hop headers (connection,
 *   keep-alive, transfer-encoding...), `content-length`, `user-agent` and anything a proxy
 *   may rewrite are left out.
 * - Paths: opensearch-js puts ids on the wire percent-encoded once (`a%3Ab`); aws4, for
 *   non-S3 services, encodes each wire segment once more for the canonical URI
 *   (`a%253Ab`), which is what the service expects. A path with raw spaces / non-ASCII is
 *   rewritten by aws4 to its encodeURI form, and the rewritten path is what gets sent.
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

/** Headers SigV4 must not cover here (set by aws4 itself or owned by us). */
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

/**
 * Signs `request` with `credentials`: returns the headers to set (host, x-amz-date,
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
  // No body is given to aws4: it would add (and sign) content-length and a form content-type.
  // The payload hash comes from the x-amz-content-sha256 header instead.
  const signed = aws4.sign(
    { method: request.method.toUpperCase(), host, path: request.path, headers: toSign, service: scope.service, region: scope.region },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(toSign['x-amz-security-token'] !== undefined ? { sessionToken: credentials.sessionToken } : {}),
    },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    const v = headerValue(value as string | number | string[] | undefined);
    if (v !== undefined) headers[name.toLowerCase()] = v;
  }
  return { headers, path: signed.path ?? request.path };
}
