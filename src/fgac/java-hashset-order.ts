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

/** `HashMap.tableSizeFor`: the smallest power of two at least `capacity`. */
function tableSizeFor(capacity: number): number {
  let n = 1;
  while (n < capacity) n *= 2;
  return n;
}

/**
 * Table sizes of `new HashSet<>(collection)` of `size` entries (Guava `Sets.newHashSet`): JDK 17 sizes it
 * `max(size / .75f + 1, 16)`, JDK 19+ `HashMap.newHashMap(max(size, 12))` (the default table). They differ at
 * 12, 24, 48, ... entries, where JDK 17's table is twice as large; which JDK runs a 2.x node is not known.
 */
function copyTableSizes(size: number): [number, number] {
  return [tableSizeFor(Math.max(Math.floor(Math.fround(size / 0.75)) + 1, 16)), javaHashTableSize(size)];
}

/**
 * The 2.x plugin's choice among masked_fields entries matching one field: the first in the iteration order of
 * the HashSet it builds of the entries of every role (`lists`: one per role's index permission). That set is
 * filled role by role (ConfigModelV7: each role's `HashSet` of its list, copied by `Sets.newHashSet`, in an
 * order of the roles that is not fixed), sent through JDK serialization and copied again
 * (SecurityFlsDlsIndexSearcherWrapper). Entries in different buckets of the final table come in bucket order;
 * within a bucket, in the order a role inserts them: its list order, or on JDK 17 the bucket order of the copy's
 * larger table (12, 24, ... entries). Returns the entry that comes first, or every entry that may (entries of
 * one bucket from different roles, roles or JDKs that disagree, a bucket that makes HashMap resize or treeify).
 */
export function javaMaskedFieldSetPicker(lists: readonly (readonly string[])[]): (matches: readonly string[]) => string[] {
  const distinct = [...new Set(lists.flat())];
  const table = javaHashTableSize(distinct.length);
  const counts = new Map<number, number>();
  for (const s of distinct) {
    const b = javaHashBucket(s, table);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  // nine entries in one bucket resize a small table or make a tree bin of a large one: insertion order no longer decides
  if (javaTableMayGrowByBucket(distinct) || [...counts.values()].some((c) => c >= 9)) return (matches) => [...matches];
  const roles = lists.map((list) => {
    const index = new Map<string, number>();
    for (const s of list) if (!index.has(s)) index.set(s, index.size);
    return { index, tables: copyTableSizes(index.size) };
  });
  /** Which of two entries of one final bucket the set holds first, or undefined when that is not fixed. */
  const first = (a: string, b: string): string | undefined => {
    let winner: string | undefined;
    for (const { index, tables } of roles) {
      const ia = index.get(a);
      const ib = index.get(b);
      if (ia === undefined && ib === undefined) continue;
      let order: string | undefined;
      if (ia === undefined || ib === undefined) order = ia === undefined ? b : a;
      else {
        const [jdk17, jdk19] = tables.map((t) => {
          const ba = javaHashBucket(a, t);
          const bb = javaHashBucket(b, t);
          return ba !== bb ? (ba < bb ? a : b) : (ia < ib ? a : b);
        });
        if (jdk17 !== jdk19) return undefined;
        order = jdk17;
      }
      if (winner !== undefined && winner !== order) return undefined;
      winner = order;
    }
    return winner;
  };
  return (matches) => {
    const buckets = matches.map((s) => javaHashBucket(s, table));
    const low = Math.min(...buckets);
    const tied = matches.filter((_, i) => buckets[i] === low);
    // an entry may come first unless another is known to come before it
    return tied.filter((c) => !tied.some((d) => d !== c && first(d, c) === d));
  };
}
