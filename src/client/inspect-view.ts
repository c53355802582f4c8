/**
 * What `console.log(client)` and `JSON.stringify(client)` show of a client made by createClient:
 * its auth mode and node URLs, nothing else. opensearch-js keeps the options it was given (the
 * mTLS key and passphrase, sensitive headers, a proxy URL with credentials) on the client, its
 * transport and its connection pool, and prints them whole.
 */
import { inspect, type InspectOptions } from 'node:util';
import type { Client } from '@opensearch-project/opensearch';
import { ConfigError } from '../errors/classes.js';
import { redactUrl } from '../errors/redact.js';
import { secretsOf } from '../errors/secrets.js';

interface ClientView {
  mode: string;
  nodes: string[];
}

function nodesOf(client: Client): string[] {
  try {
    const connections = (client.connectionPool as unknown as { connections?: Iterable<{ url?: URL }> }).connections ?? [];
    // by value too: a password written where the URL parser reads a host or path (`https://PassWord/x@host`) is no user info
    const secrets = secretsOf(client);
    return [...connections].flatMap((c) => (c.url instanceof URL ? [redactUrl(c.url, secrets)] : []));
  } catch {
    return [];
  }
}

/** Gives `client`, its transport and its connection pool a summary for util.inspect and toJSON. */
export function summarizeForInspection(client: Client, mode: string): void {
  const view = (): ClientView => ({ mode, nodes: nodesOf(client) });
  const targets: Array<[object | undefined, string]> = [
    [client, 'Client'],
    [client.transport as object | undefined, 'Transport'],
    [client.connectionPool as object | undefined, 'ConnectionPool'],
  ];
  for (const [target, name] of targets) {
    if (target === undefined || target === null) continue;
    try {
      Object.defineProperty(target, inspect.custom, {
        value: (_depth: number, options: InspectOptions, format: typeof inspect = inspect) => `${name} (opensearch-fgac) ${format(view(), options)}`,
        configurable: true,
        writable: true,
      });
      Object.defineProperty(target, 'toJSON', { value: view, configurable: true, writable: true });
    } catch {
      // a caller's class whose instances are frozen or not extensible: printed whole, it would show the TLS key
      throw new ConfigError(`clientOptions.${name}`, `clientOptions.${name}: its instances cannot take properties (frozen, sealed or not extensible): createClient gives the ${name} a util.inspect/toJSON view that keeps TLS keys, passphrases and credentials out of logs; pass a class whose instances are extensible`);
    }
  }
}
