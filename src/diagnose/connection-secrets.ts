/**
 * The credentials a plain opensearch-js client (not made by createClient) sends, read from its connections: the SDK
 * never saw them, yet a server can echo them into what checkDomain and diagnoseError report.
 */
import { headerSecretsOf, sentSecretsOf } from '../client/connection.js';
import { SecretSet, secretsOf } from '../errors/secrets.js';
import { field } from '../errors/own.js';

/**
 * The credentials one connection carries: its secret headers (Authorization: the header, the token after the scheme,
 * for basic auth `user:password` and the password), and the password of its URL.
 */
export function connectionCredentialsOf(connection: unknown, out: string[] = []): string[] {
  try {
    const conn = connection as { headers?: unknown; url?: unknown } | null;
    out.push(...headerSecretsOf(conn?.headers));
    if (conn?.url instanceof URL && conn.url.password !== '') out.push(decodeURIComponent(conn.url.password));
  } catch {
    // a connection whose fields cannot be read: what was read so far
  }
  return out;
}

/**
 * The credentials of every connection of `client`'s pool, and the secret headers the client sends with every
 * request (opensearch-js's `headers` option: an Authorization or x-api-key set there rides on no connection).
 */
export function connectionSecrets(client: unknown): string[] {
  const out: string[] = [];
  try {
    const connections = (client as { connectionPool?: { connections?: unknown } }).connectionPool?.connections;
    const list: unknown[] = Array.isArray(connections) ? connections : connections instanceof Map ? [...connections.values()] : [];
    for (const c of list) connectionCredentialsOf(c, out);
    out.push(...headerSecretsOf((client as { transport?: { headers?: unknown } }).transport?.headers));
  } catch {
    // a client whose pool cannot be read: what was read so far
  }
  return out;
}

/**
 * The credentials an opensearch-js error's request carried: its connection's (a plain client's `auth` or URL user
 * info) and the secret headers and query parameters of the request itself.
 */
export function errorRequestSecrets(error: unknown): string[] {
  const out: string[] = [];
  try {
    const at = (o: unknown, key: string): unknown => (o !== null && typeof o === 'object' ? field(o, key) : undefined);
    const meta = at(at(error, 'meta'), 'meta');
    connectionCredentialsOf(at(meta, 'connection'), out);
    const params = at(at(meta, 'request'), 'params');
    if (params !== null && typeof params === 'object') out.push(...sentSecretsOf(params));
  } catch {
    // an error whose meta cannot be read
  }
  return out;
}

/**
 * The secrets a client that answered (or failed) holds: the SDK's set for the client and its transport, and what a
 * plain opensearch-js client and `err`'s request carried (its credentials, which a server may echo). Never throws.
 */
export function clientSecretSets(client: unknown, err?: unknown): SecretSet[] {
  const sets: SecretSet[] = [];
  try {
    const sent = [...connectionSecrets(client), ...(err === undefined ? [] : errorRequestSecrets(err))];
    if (typeof client === 'object' && client !== null) sets.push(secretsOf(client).with(sent));
    else if (sent.length > 0) sets.push(new SecretSet().with(sent));
    const transport = typeof client === 'object' && client !== null ? (client as { transport?: unknown }).transport : undefined;
    if (typeof transport === 'object' && transport !== null) sets.push(secretsOf(transport));
  } catch {
    // a client whose fields cannot be read: the sets read so far
  }
  return sets;
}
