/**
 * The signing Connection with the client's TLS settings on every HTTPS request. opensearch-js
 * applies `ssl` only to the agent it builds itself; with `agent: false` or an agent factory the
 * settings would be dropped. Request-level TLS options fill in what the agent does not set (an
 * agent's own options win in Node, which is why tls.ts refuses agents that switch verification off).
 */
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { SigningConnection } from './connection.js';

const TLS_REQUEST_KEYS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'rejectUnauthorized'] as const;

/** SigningConnection that puts the client's TLS settings (`ssl`) on each HTTPS request it builds. */
export class TlsSigningConnection extends SigningConnection {
  override buildRequestObject(params: unknown): ReturnType<SigningConnection['buildRequestObject']> {
    const request = super.buildRequestObject(params);
    const ssl = (this as unknown as { ssl: TlsConnectionOptions | null }).ssl;
    if (ssl !== null && this.url.protocol === 'https:') {
      const target = request as unknown as Record<string, unknown>;
      for (const key of TLS_REQUEST_KEYS) {
        if (ssl[key] !== undefined && target[key] === undefined) target[key] = ssl[key];
      }
    }
    return request;
  }
}
