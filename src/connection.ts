/**
 * The Connection subclass: signs the final request object of every attempt, i.e. after the
 * Transport serialised and gzipped the body and the node was picked, so the signature covers
 * exactly the bytes and the host that go on the wire.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Connection } from '@opensearch-project/opensearch';
import type { RequestAuthorizer, SignedParts } from './auth/strategy.js';

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

function isStream(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}

/** Sets the signed headers on the built request (replacing any of the same name, in any case) and the signed path. */
function applySignature(request: BuiltRequest, parts: SignedParts): void {
  const headers = request.headers ?? {};
  for (const name in headers) {
    if (name.toLowerCase() in parts.headers) delete headers[name];
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
