/** Heaviest entry the one long slot keeps (a ~1 M-character DLS pattern); a heavier one is computed each time. */
const LONG_ENTRY_MAX_CHARS = 1_048_576;

/**
 * A module-level memo that a long-lived process (a Lambda container serving thousands of invocations) cannot grow
 * with its inputs: at most `entries` entries and `chars` characters together (cleared when either would be passed),
 * and of the entries weighing more than `maxEntryChars` only the last one is kept, up to LONG_ENTRY_MAX_CHARS (so one
 * long input met once per document is computed once, not per document, and no number of long inputs holds more than one).
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
      this.#long = weight <= LONG_ENTRY_MAX_CHARS ? { key, value } : undefined;
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
