/**
 * A module-level memo that a long-lived process (a Lambda container serving thousands of invocations) cannot grow
 * with its inputs: at most `entries` entries and `chars` characters together (cleared when either would be passed),
 * and of the entries weighing more than `maxEntryChars` only the last one is kept (so one long input met once per
 * document is computed once, not per document, and no number of long inputs holds more than one).
 */
export class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  #chars = 0;
  #long: { key: string; value: V } | undefined;

  constructor(private readonly limits: { entries: number; chars: number; maxEntryChars: number }) {}

  /** The value kept for `key`, if any. */
  get(key: string): V | undefined {
    if (this.#long !== undefined && this.#long.key === key) return this.#long.value;
    return this.#map.get(key);
  }

  /** Keeps `value` for `key` (in the one slot for a long entry when its weight, by default the key's length, is over the bound). */
  set(key: string, value: V, weight = key.length): void {
    if (weight > this.limits.maxEntryChars) {
      this.#long = { key, value };
      return;
    }
    if (this.#map.size >= this.limits.entries || this.#chars + weight > this.limits.chars) {
      this.#map.clear();
      this.#chars = 0;
    }
    this.#map.set(key, value);
    this.#chars += weight;
  }

  /** @internal What the cache holds (tests check the bounds). */
  size(): { entries: number; chars: number } {
    return { entries: this.#map.size, chars: this.#chars };
  }
}
