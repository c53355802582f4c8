/**
 * The signing Connection with the client's TLS settings on every HTTPS request, and a last
 * check on every TLS socket. opensearch-js applies `ssl` only to the agent it builds itself; with
 * `agent: false` or an agent factory the settings would be dropped, so request-level TLS options
 * fill in what the agent does not set (an agent's own options win in Node, which is why tls.ts
 * refuses agents that switch verification off). Whatever an agent does inside (its own
 * createConnection, say), a socket whose server certificate was not verified is destroyed as
 * soon as the handshake ends, unless `allowInsecureTls` is set.
 */
import type { ClientRequest } from 'node:http';
import { inspect } from 'node:util';
import type { ConnectionOptions as TlsConnectionOptions, TLSSocket } from 'node:tls';
import { SigningConnection } from './connection.js';
import { guardResponse } from './response-guard.js';
import { field, setOwn } from '../errors/own.js';

const TLS_REQUEST_KEYS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'secureContext', 'rejectUnauthorized'] as const;

/** Marks the `ssl` object of a client that set `allowInsecureTls` (not enumerable: never copied into agents). */
const kAllowInsecure: unique symbol = Symbol('opensearch-fgac.allowInsecureTls');

/** The TLS options handed to opensearch-js as `ssl`, marked when unverified servers are allowed. */
export function markTlsOptions(ssl: TlsConnectionOptions, allowInsecureTls: boolean): TlsConnectionOptions {
  Object.defineProperty(ssl, kAllowInsecure, { value: allowInsecureTls, enumerable: false });
  hideWhenPrinted(ssl, 'TLS options');
  return ssl;
}

/**
 * Gives `target` (the `ssl` options, a connection's agent: both hold the mTLS key and passphrase, one property away
 * from `meta.connection`) a util.inspect / toJSON view that names what it is and shows none of its values.
 * Non-enumerable, so option spreads into agents and sockets do not copy it.
 */
function hideWhenPrinted(target: unknown, what: string): void {
  if (target === null || typeof target !== 'object' || !Object.isExtensible(target)) return;
  const view = (): string => `${what} (opensearch-fgac: not shown, they may hold the TLS key and passphrase)`;
  try {
    Object.defineProperty(target, inspect.custom, { value: view, configurable: true, writable: true, enumerable: false });
    Object.defineProperty(target, 'toJSON', { value: view, configurable: true, writable: true, enumerable: false });
  } catch {
    // a target that refuses the view: printed as opensearch-js would
  }
}

/** Sockets already seen verified (keep-alive sockets are checked once). */
const verified = new WeakSet<object>();

function refuse(socket: TLSSocket): void {
  const why = String(socket.authorizationError ?? 'unknown reason');
  socket.destroy(new Error(`opensearch-fgac: the server certificate was not verified (${why}); trust its CA with ssl.ca, or set allowInsecureTls: true`));
}

/** Destroys `socket` when TLS completed (or completes) without a verified server certificate. */
function guardSocket(socket: unknown): void {
  const tlsSocket = socket as TLSSocket;
  if (tlsSocket.encrypted !== true || verified.has(tlsSocket)) return;
  const check = (): void => {
    if (tlsSocket.authorized) verified.add(tlsSocket);
    else refuse(tlsSocket);
  };
  // The handshake is over once the certificate was judged (authorized, or authorizationError set). Before that,
  // `authorized` is false and no application data has been exchanged: wait for it. A TLS socket a proxy agent wraps
  // around an already connected tunnel is neither `connecting` nor without a protocol while its handshake still runs.
  const judged = tlsSocket.authorized === true || tlsSocket.authorizationError != null || (tlsSocket as { _secureEstablished?: unknown })._secureEstablished === true;
  if (judged) check();
  else tlsSocket.once('secureConnect', check);
}

/** SigningConnection that puts the client's TLS settings (`ssl`) on each HTTPS request and checks every TLS socket it uses. */
export class TlsSigningConnection extends SigningConnection {
  /** The node's protocol is https: (its URL never changes). */
  readonly #https: boolean;

  constructor(...args: ConstructorParameters<typeof SigningConnection>) {
    super(...args);
    this.#https = this.url.protocol === 'https:';
    const ssl = (this as unknown as { ssl?: unknown }).ssl;
    if (this.#https && ssl !== null && typeof ssl === 'object' && Object.keys(ssl).length > 0) hideWhenPrinted((this as unknown as { agent?: unknown }).agent, 'Agent');
  }

  override request(params: Parameters<SigningConnection['request']>[0], callback: Parameters<SigningConnection['request']>[1]): ClientRequest {
    const request = super.request(params, guardResponse(params as { asStream?: unknown }, callback));
    const ssl = (this as unknown as { ssl: (TlsConnectionOptions & { [kAllowInsecure]?: boolean }) | null }).ssl;
    if (this.#https && ssl?.[kAllowInsecure] !== true && typeof (request as Partial<ClientRequest>).once === 'function') {
      request.once('socket', guardSocket);
    }
    return request;
  }

  override buildRequestObject(params: unknown): ReturnType<SigningConnection['buildRequestObject']> {
    const request = super.buildRequestObject(params);
    const ssl = (this as unknown as { ssl: TlsConnectionOptions | null }).ssl;
    if (ssl !== null && this.#https) {
      const target = request as unknown as Record<string, unknown>;
      for (const key of TLS_REQUEST_KEYS) {
        // set on the request unless it has its own (an undefined one too: Node would read an absent one from the
        // prototype, where a bug elsewhere in the app may have put `ca` or `rejectUnauthorized: false`)
        if (!Object.hasOwn(target, key) || target[key] === undefined) setOwn(target, key, field(ssl, key));
      }
    }
    return request;
  }
}
