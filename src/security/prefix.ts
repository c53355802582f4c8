/**
 * The one home of the security plugin's REST prefix: the prefixes and their order, the prefix a distribution's plugin
 * answers on, what says a prefix is missing, and a reader that detects the prefix once. SecurityApi (transport.ts,
 * through compat.ts's flavour from `GET /`), checkDomain (diagnose/probe.ts) and checkPermission's reads (authinfo,
 * roles, action groups, securityconfig, internal users: src/explain) all decide with these. It imports only the
 * light error-body readers: light for every entry that reads it.
 */
import { statusOf } from '../errors/body.js';

/** The security plugin's REST prefixes, in the order tried when nothing tells which one the cluster answers. */
export const SECURITY_API_PREFIXES = ['_plugins/_security', '_opendistro/_security'] as const;

/** The path prefix of the security plugin's endpoints. */
export type SecurityApiPrefix = (typeof SECURITY_API_PREFIXES)[number];

/** Whether `value` is one of the security plugin's prefixes. */
export function isSecurityApiPrefix(value: unknown): value is SecurityApiPrefix {
  return typeof value === 'string' && (SECURITY_API_PREFIXES as readonly string[]).includes(value);
}

/** The prefix the plugin of a distribution (`GET /` `version.distribution`; absent: `elasticsearch`) answers on. */
export function prefixOfDistribution(distribution: string): SecurityApiPrefix {
  return distribution.toLowerCase() === 'opensearch' ? '_plugins/_security' : '_opendistro/_security';
}

/** The prefixes to try, in order: `first` (given or detected) when known, then the others in their order. */
export function prefixesToTry(first?: SecurityApiPrefix): SecurityApiPrefix[] {
  return first === undefined ? [...SECURITY_API_PREFIXES] : [first, ...SECURITY_API_PREFIXES.filter((p) => p !== first)];
}

/**
 * Whether an answer's HTTP status says the prefix is missing: the node answered the path as one it does not route
 * (400 `no handler found for uri`, 404, 405), so the next prefix is tried. Any other answer (2xx, 401, 403, 5xx)
 * came from the plugin: that prefix is the cluster's.
 */
export function isMissingPrefixStatus(status: unknown): boolean {
  return status === 400 || status === 404 || status === 405;
}

/** Whether a failed read says the prefix is missing (its HTTP status, {@link isMissingPrefixStatus}); a getter that throws says not. */
export function isMissingPrefixError(err: unknown): boolean {
  return isMissingPrefixStatus(statusOrNone(err));
}

/** The part of an opensearch-js `Client` a reader uses. */
export interface PrefixReaderClient {
  transport: { request(params: { method: string; path: string }): Promise<{ body: unknown; statusCode: number | null }> };
}

/** The HTTP status an error carries (errors/body.ts statusOf); a getter that throws gives none. */
function statusOrNone(err: unknown): number | undefined {
  try {
    return statusOf(err);
  } catch {
    return undefined;
  }
}

/**
 * GETs below the security prefix, detected once: the prefixes are tried in order (`first` first) until one is not
 * missing; the first answer from the plugin (a refusal too) settles the prefix for every later read, whichever client
 * makes it. A failure without a status (the connection) settles nothing. One reader per call (checkPermission's).
 */
export class SecurityPrefixReader {
  readonly #order: readonly SecurityApiPrefix[];
  #settled: SecurityApiPrefix | undefined;
  /** One detection at a time: a read arriving meanwhile waits for it, then uses what it settled. */
  #turn: Promise<void> = Promise.resolve();

  /** `first`: the prefix to try first (e.g. the distribution's `GET /` names); default the first of SECURITY_API_PREFIXES. */
  constructor(first?: SecurityApiPrefix) {
    this.#order = prefixesToTry(first);
  }

  /** The prefix settled so far (undefined until a read was answered by the plugin). */
  get prefix(): SecurityApiPrefix | undefined {
    return this.#settled;
  }

  /** `GET /<prefix>/<path>` with `client` (`path` like `authinfo` or `api/roles`); rejects as the client does. */
  async get(client: PrefixReaderClient, path: string): Promise<{ body: unknown; statusCode: number | null }> {
    if (this.#settled !== undefined) return send(client, this.#settled, path);
    const previous = this.#turn;
    let release = (): void => undefined;
    this.#turn = new Promise<void>((resolve) => { release = resolve; });
    try {
      await previous;
      if (this.#settled !== undefined) {
        // settled while this read waited: it goes now, without holding up the others
        release();
        return await send(client, this.#settled, path);
      }
      let lastMissing: unknown;
      for (const prefix of this.#order) {
        try {
          const res = await send(client, prefix, path);
          this.#settled = prefix;
          return res;
        } catch (err) {
          if (isMissingPrefixError(err)) {
            lastMissing = err;
            continue;
          }
          // the plugin answered (a refusal, a 5xx): this prefix is the cluster's
          if (statusOrNone(err) !== undefined) this.#settled = prefix;
          throw err;
        }
      }
      throw lastMissing;
    } finally {
      release();
    }
  }
}

function send(client: PrefixReaderClient, prefix: SecurityApiPrefix, path: string): Promise<{ body: unknown; statusCode: number | null }> {
  return client.transport.request({ method: 'GET', path: `/${prefix}/${path}` });
}
