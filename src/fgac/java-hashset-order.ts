/**
 * Iteration order of a small `java.util.HashSet<String>` built with `new HashSet<>()` and filled by
 * `add`/`addAll` (JDK 17/21 `HashMap`): buckets in ascending index, where the index is
 * `(h ^ (h >>> 16)) & (table - 1)` of `String.hashCode`; the table starts at 16 and doubles when the
 * size passes 3/4 of it. Within one bucket the order is the order of insertion.
 */

/** Java's `String.hashCode` (31-polynomial over UTF-16 code units, 32-bit overflow). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** The table size of a default `HashMap` holding `size` keys (16, doubled while size > 0.75 x table). */
export function javaHashTableSize(size: number): number {
  let n = 16;
  while (size > n * 0.75) n *= 2;
  return n;
}

/**
 * True when the table may also have grown because one bucket reached 9 entries while the table held fewer
 * than 64 slots (HashMap's treeifyBin resizes instead of building a tree): the final size then depends on the
 * order of insertion, which the roles decide. Checked on the whole set at 16 and 32 slots (an upper bound of
 * any moment's bucket).
 */
export function javaTableMayGrowByBucket(keys: readonly string[]): boolean {
  for (const n of [16, 32]) {
    const counts = new Map<number, number>();
    for (const k of keys) {
      const b = javaHashBucket(k, n);
      const c = (counts.get(b) ?? 0) + 1;
      if (c >= 9) return true;
      counts.set(b, c);
    }
  }
  return false;
}

/** The bucket `s` falls in, in a `HashMap` table of `tableSize` slots. */
export function javaHashBucket(s: string, tableSize: number): number {
  const h = javaStringHash(s);
  return (h ^ (h >>> 16)) & (tableSize - 1);
}
