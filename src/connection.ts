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

const signatures = new WeakMap<object, SignedParts>();

function isStream(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}

function applySignature(request: BuiltRequest, parts: SignedParts): void {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (!(name.toLowerCase() in parts.headers)) headers[name] = value;
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
        const built = super.buildRequestObject(p) as BuiltRequest;
        const parts = authorizer.sign({
          method: built.method ?? p.method,
          host: this.url.host,
          path: built.path ?? p.path,
          headers: (built.headers ?? {}) as Record<string, string | number | string[] | undefined>,
          body: (p.body ?? null) as string | Buffer | null,
        });
        signatures.set(p, parts);
      } catch (error) {
        // Fail the attempt through the callback, like any connection error (never throw into the Transport).
        process.nextTick(callback, error instanceof Error ? error : new Error(String(error)), null);
        return { abort: () => undefined } as unknown as ClientRequest;
      }
    }
    return super.request(params, callback);
  }

  override buildRequestObject(params: unknown): ReturnType<Connection['buildRequestObject']> {
    const request = super.buildRequestObject(params);
    const parts = typeof params === 'object' && params !== null ? signatures.get(params) : undefined;
    if (parts !== undefined) applySignature(request as BuiltRequest, parts);
    return request;
  }
}
