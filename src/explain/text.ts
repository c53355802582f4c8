/** Small text helpers of the explanations. */

/** `entry (a > b)` for an expansion chain. */
export function chainText(via: readonly string[]): string {
  return via.length <= 1 ? (via[0] ?? '') : `${via[0]} (${via.slice(1).join(' > ')})`;
}

/** `[a, b]` for a list. */
export function list(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}
