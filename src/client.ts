/** createClient: options -> auth strategy -> signing Connection + retrying Transport -> a real opensearch-js Client. */
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { Client, type ClientOptions } from '@opensearch-project/opensearch';
import { createBasicStrategy } from './auth/basic.js';
import { createCognitoStrategy } from './auth/cognito.js';
import { refreshBufferFor } from './auth/credentials.js';
import { createIamStrategy } from './auth/iam.js';
import { createNoneStrategy } from './auth/none.js';
import type { AuthStrategy } from './auth/strategy.js';
import { resolveOptions, type FgacClientOptions, type ResolvedOptions } from './config.js';
import { SigningConnection } from './client/connection.js';
import { createTransportClass } from './client/transport.js';

/** The auth strategy for validated options (no network, no AWS SDK loaded yet). */
export function createAuthStrategy(options: FgacClientOptions, resolved: ResolvedOptions): AuthStrategy {
  const { auth } = options;
  const timings = { refreshBufferMs: refreshBufferFor(resolved.requestTimeoutMs), timeoutMs: resolved.requestTimeoutMs };
  switch (auth.mode) {
    case 'basic':
      return createBasicStrategy(auth, { timeoutMs: resolved.requestTimeoutMs });
    case 'none':
      return createNoneStrategy();
    case 'iam':
      if (resolved.signing === undefined) throw new Error('unreachable: iam without a signing scope');
      return createIamStrategy({ scope: resolved.signing, ...(auth.credentials !== undefined ? { credentials: auth.credentials } : {}), ...timings });
    case 'cognito':
      if (resolved.signing === undefined) throw new Error('unreachable: cognito without a signing scope');
      return createCognitoStrategy(auth, resolved.signing, timings);
  }
}

function tlsOptions(options: FgacClientOptions): TlsConnectionOptions {
  const ssl = options.ssl ?? {};
  return {
    rejectUnauthorized: ssl.rejectUnauthorized !== false,
    ...(ssl.ca !== undefined ? { ca: ssl.ca } : {}),
    ...(ssl.servername !== undefined ? { servername: ssl.servername } : {}),
  };
}

/**
 * Creates a real @opensearch-project/opensearch `Client` (`instanceof Client` holds) whose
 * requests are authenticated per `options.auth`, retried per `options.retry` and fail with
 * typed errors. Synchronous and offline: credentials are fetched on the first request.
 * Throws ConfigError when the options cannot work.
 */
export function createClient(options: FgacClientOptions): Client {
  const resolved = resolveOptions(options);
  const strategy = createAuthStrategy(options, resolved);
  const passthrough = options.clientOptions ?? {};
  const headers: Record<string, unknown> = { ...(passthrough.headers ?? {}) };
  if (options.tenant !== undefined) headers.securitytenant = options.tenant;
  const clientOptions: ClientOptions = {
    ...passthrough,
    node: options.node,
    Connection: SigningConnection,
    Transport: createTransportClass({ strategy, ...(options.retry !== undefined ? { retry: options.retry } : {}) }),
    requestTimeout: resolved.requestTimeoutMs,
    // Used by the bulk helper for per-document 429 retries; request-level retries are runWithRetry's
    // (each attempt is sent with maxRetries 0).
    maxRetries: options.retry?.retries ?? 3,
    ssl: tlsOptions(options),
    headers,
    ...(options.compression === true ? { compression: 'gzip' as const } : {}),
  };
  return new Client(clientOptions);
}

/** The auth strategy behind a client made by createClient (or its child()), e.g. to sign a request sent another way. */
export function authStrategyOf(client: Client): AuthStrategy | undefined {
  const transport = client.transport as unknown as { authStrategy?: AuthStrategy };
  return transport.authStrategy;
}
