/**
 * A module-level memo that a long-lived process (a Lambda container serving thousands of invocations) cannot grow
 * with its inputs: at most `entries` entries and `chars` characters together (cleared when either would be passed),
 * and an entry weighing more than `maxEntryChars` is not kept (computed again each time: real ones are short).
 */
export class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  #chars = 0;

  constructor(private readonly limits: { entries: number; chars: number; maxEntryChars: number }) {}

  /** The value kept for `key`, if any. */
  get(key: string): V | undefined {
    return this.#map.get(key);
  }

  /** Keeps `value` for `key` when its weight (default: the key's length) is within the entry bound. */
  set(key: string, value: V, weight = key.length): void {
    if (weight > this.limits.maxEntryChars) return;
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
