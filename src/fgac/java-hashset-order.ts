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

/** The bucket `s` falls in, in a `HashMap` table of `tableSize` slots. */
export function javaHashBucket(s: string, tableSize: number): number {
  const h = javaStringHash(s);
  return (h ^ (h >>> 16)) & (tableSize - 1);
}
