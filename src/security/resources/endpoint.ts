/** A single-document endpoint of the security REST API (the caller's account, the tenancy config). */
import type { ConflictRetry } from '../conflict.js';
import { readAnswer, type AnswerShape } from '../read-answer.js';
import type { SecurityTransport } from '../transport.js';

/** One document at `<prefix>/<path>`, read and written through the security API's transport. */
export abstract class SecurityEndpoint<T> {
  readonly #transport: SecurityTransport;
  readonly #path: string;
  readonly #conflicts: ConflictRetry;
  /** The fields the plugin's answer always has. */
  readonly #shape: AnswerShape;

  /** @internal */
  constructor(transport: SecurityTransport, path: string, conflicts: ConflictRetry, shape: AnswerShape) {
    this.#transport = transport;
    this.#path = path;
    this.#conflicts = conflicts;
    this.#shape = shape;
  }

  /** Reads the document; a 2xx that is not the plugin's answer (a proxy's page, another JSON body) is a SecurityModelError. */
  async get(): Promise<T> {
    return readAnswer<T>(this.#shape, (await this.#transport.request('GET', this.#path)).body);
  }

  /**
   * Sends `body` with `method` to the document's path (a 409 repeated like every write's); resolves to the response.
   * `once`: never re-sent after an ambiguous failure (a write whose second send would be judged against the first's effect).
   */
  protected send(method: 'PUT' | 'PATCH', body: unknown, once = false): ReturnType<SecurityTransport['request']> {
    return this.#conflicts.run(() => this.#transport.request(method, this.#path, body, once ? { once: true } : undefined));
  }
}
