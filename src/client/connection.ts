/**
 * The Connection subclass: signs the final request object of every attempt, i.e. after the
 * Transport serialised and gzipped the body and the node was picked, so the signature covers
 * exactly the bytes and the host that go on the wire. It remembers the secret values it put on
 * the wire (Authorization, security token, signature, the password inside Basic) per attempt, so
 * the error boundary can remove them by value when the server echoes them.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Connection } from '@opensearch-project/opensearch';
import type { RequestAuthorizer, SignedParts } from '../auth/strategy.js';
import { isSensitiveKey } from '../errors/redact.js';

/** Key under which the Transport hands an attempt's authorizer to the Connection. */
export const kAuthorizer: unique symbol = Symbol('opensearch-fgac.authorizer');

/** Request params as the Transport passes them to Connection.request. */
export interface AttemptParams {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string | number | string[] | undefined>;
  querystring?: string;
  [kAuthorizer]?: RequestAuthorizer;
  [key: string]: unknown;
}

type Callback = (err: Error | null, response: IncomingMessage | null) => void;
type BuiltRequest = { method?: string; path?: string | null; headers?: Record<string, unknown> };

/** The request object of an attempt, built once and signed (handed from request() to buildRequestObject()). */
const signedRequests = new WeakMap<object, BuiltRequest>();

/** The signed headers of an attempt (keyed by the attempt's params), read only when the attempt fails. */
const sentHeaders = new WeakMap<object, Record<string, string>>();

/**
 * The secret values an attempt put on the wire: every secret header's value, the token after an
 * auth scheme, a SigV4 `Signature=`, and the `user:password` and password inside a Basic credential.
 */
export function sentSecretsOf(attemptParams: object): string[] {
  const headers = sentHeaders.get(attemptParams);
  if (headers === undefined) return [];
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!isSensitiveKey(name) || typeof value !== 'string') continue;
    out.push(value);
    const scheme = /^\s*(\w[\w-]*)\s+(\S+)\s*$/.exec(value);
    if (scheme?.[2] !== undefined) {
      out.push(scheme[2]);
      if (scheme[1]?.toLowerCase() === 'basic') {
        const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon >= 0) out.push(decoded, decoded.slice(colon + 1));
      }
    }
    for (const m of value.matchAll(/Signature=([0-9a-f]{16,})/gi)) if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

function isStream(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}

/** Sets the signed headers on the built request (replacing any of the same name, in any case) and the signed path. */
function applySignature(request: BuiltRequest, parts: SignedParts): void {
  const headers = request.headers ?? {};
  for (const name in headers) {
    // a same-named header in lower case is simply overwritten below; another spelling is removed
    const lower = name.toLowerCase();
    if (lower !== name && lower in parts.headers) delete headers[name];
  }
  Object.assign(headers, parts.headers);
  request.headers = headers;
  if (parts.path !== undefined) request.path = parts.path;
}

/** A Connection that applies the attempt's authorizer (SigV4, basic, ...) to the final request. */
export class SigningConnection extends Connection {
  override request(params: Parameters<Connection['request']>[0], callback: Callback): ClientRequest {
    const p = params as unknown as AttemptParams;
    const authorizer = p[kAuthorizer];
    if (authorizer !== undefined) {
      try {
        if (isStream(p.body)) throw new Error('opensearch-fgac: a streamed body cannot be signed; the transport should have buffered it');
        // Built once here (the parent builds a fresh copy, with fresh headers, on every call) and handed to
        // the parent's request() through buildRequestObject() below.
        const built = super.buildRequestObject(p) as BuiltRequest;
        const parts = authorizer.sign({
          method: built.method ?? p.method,
          host: this.url.host,
          path: built.path ?? p.path,
          headers: (built.headers ?? {}) as Record<string, string | number | string[] | undefined>,
          body: (p.body ?? null) as string | Buffer | null,
        });
        applySignature(built, parts);
        signedRequests.set(p, built);
        sentHeaders.set(p, parts.headers);
      } catch (error) {
        // Fail the attempt through the callback, like any connection error (never throw into the Transport).
        process.nextTick(callback, error instanceof Error ? error : new Error(String(error)), null);
        return { abort: () => undefined } as unknown as ClientRequest;
      }
    }
    return super.request(params, callback);
  }

  override buildRequestObject(params: unknown): ReturnType<Connection['buildRequestObject']> {
    if (typeof params === 'object' && params !== null) {
      const built = signedRequests.get(params);
      if (built !== undefined) {
        signedRequests.delete(params);
        return built as ReturnType<Connection['buildRequestObject']>;
      }
    }
    return super.buildRequestObject(params);
  }
}
