/** A single-document endpoint of the security REST API (the caller's account, the tenancy config). */
import type { ConflictRetry } from '../conflict.js';
import type { SecurityTransport } from '../transport.js';

/** One document at `<prefix>/<path>`, read and written through the security API's transport. */
export abstract class SecurityEndpoint<T> {
  readonly #transport: SecurityTransport;
  readonly #path: string;
  readonly #conflicts: ConflictRetry;

  /** @internal */
  constructor(transport: SecurityTransport, path: string, conflicts: ConflictRetry) {
    this.#transport = transport;
    this.#path = path;
    this.#conflicts = conflicts;
  }

  /** Reads the document. */
  async get(): Promise<T> {
    return (await this.#transport.request('GET', this.#path)).body as T;
  }

  /**
   * Sends `body` with `method` to the document's path (a 409 repeated like every write's); resolves to the response.
   * `once`: never re-sent after an ambiguous failure (a write whose second send would be judged against the first's effect).
   */
  protected send(method: 'PUT' | 'PATCH', body: unknown, once = false): ReturnType<SecurityTransport['request']> {
    return this.#conflicts.run(() => this.#transport.request(method, this.#path, body, once ? { once: true } : undefined));
  }
}
