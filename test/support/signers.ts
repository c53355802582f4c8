/** Independent SigV4 signers for tests: botocore (Python) and @smithy/signature-v4. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { request, type RawResponse } from '../domain/http.js';

export interface Keys { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export interface SignedCall {
  url: string;
  method?: string;
  body?: string;
  keys: Keys;
  region: string;
  caFile: string;
  headers?: Record<string, string>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Signs with botocore's SigV4Auth and sends with Python's urllib. */
export function botocoreRequest(call: SignedCall): { status: number; headers: Record<string, string>; body: string } {
  const out = execFileSync('python3', [path.join(here, 'botocore_request.py')], {
    input: JSON.stringify({ url: call.url, method: call.method ?? 'GET', body: call.body ?? null, region: call.region,
      service: 'es', credentials: call.keys, caFile: call.caFile, headers: call.headers ?? {} }),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { status: number; headers: Record<string, string>; body: string };
}

/** Signs with @smithy/signature-v4 and sends with node:https; `tamper` corrupts the signature. */
export async function smithyRequest(call: SignedCall & { tamper?: boolean }): Promise<RawResponse> {
  const u = new URL(call.url);
  const signer = new SignatureV4({ credentials: call.keys, region: call.region, service: 'es', sha256: Sha256 });
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => { query[k] = v; });
  const headers: Record<string, string> = { host: u.host, ...call.headers };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const signed = await signer.sign({
    method: call.method ?? 'GET', protocol: u.protocol, hostname: u.hostname, port: Number(u.port), path: u.pathname,
    query, headers, body: call.body,
  });
  const out = { ...signed.headers } as Record<string, string>;
  if (call.tamper) out.authorization = out.authorization!.replace(/Signature=([0-9a-f])/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`);
  return request(call.url, { method: call.method ?? 'GET', headers: out, body: call.body, ca: fs.readFileSync(call.caFile) });
}
