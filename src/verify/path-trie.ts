/**
 * Dotted paths held by segment, so that finding the shortest held one among a path and its ancestors (`a`, `a.b`,
 * `a.b.c`; `''` before a leading dot, as the plugin names a key `''`'s members) reads the path once: a Set lookup per
 * ancestor slice was quadratic in a path's dots.
 */
interface TrieNode<V> {
  value: V | undefined;
  children: Map<string, TrieNode<V>> | undefined;
}

/** Values by dotted path (verifyHits' reported FLS leaks and their notes). */
export class PathTrie<V> {
  private readonly root: TrieNode<V> = { value: undefined, children: undefined };

  /** Holds `value` at `path` (a value already held there stays). */
  set(path: string, value: V): void {
    let n = this.root;
    for (const seg of path.split('.')) {
      n.children ??= new Map();
      let c = n.children.get(seg);
      if (c === undefined) {
        c = { value: undefined, children: undefined };
        n.children.set(seg, c);
      }
      n = c;
    }
    n.value ??= value;
  }

  /** The value of the shortest of `path`'s ancestors and `path` itself that holds one. */
  shortest(path: string): V | undefined {
    let n: TrieNode<V> | undefined = this.root;
    for (const seg of path.split('.')) {
      n = n.children?.get(seg);
      if (n === undefined) return undefined;
      if (n.value !== undefined) return n.value;
    }
    return undefined;
  }
}
