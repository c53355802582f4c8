/**
 * Stand-ins for Node's ESM root (dist/index.node.js, written by scripts/lazy-roots.ts): the names of
 * `/ingest`, `/security`, `/verify` and `/diagnose` are Proxies that load their subpath with a
 * synchronous `require()` of its ES module (Node >= 20.19) on first use: a call, `new`, `extends`,
 * `instanceof` or a property read. Loading then replaces the root's live bindings with the
 * subpath's own objects, so later reads (and every `import { name }` binding) are the real thing;
 * a stand-in captured before that keeps forwarding to it.
 */

/**
 * What a name holds at run time; decides the Proxy's target, whose non-configurable properties the
 * Proxy must keep: `constructor` (a class or plain function, with its own `prototype`), `callable`
 * (an async or arrow function, without one) or `object`.
 */
export type StandInKind = 'constructor' | 'callable' | 'object';

/** One subpath as the generated root describes it. */
export interface LazySubpath {
  /** The subpath, for messages: `verify` for `opensearch-fgac/verify`. */
  subpath: string;
  /** Loads the subpath's module namespace synchronously. */
  load: () => Record<string, unknown>;
  /** Each lazy name and its kind, as the build found them. */
  kinds: Record<string, StandInKind>;
  /** Assigns the loaded values to the root's live bindings. */
  settle: (loaded: Record<string, unknown>) => void;
}

/** Returns one stand-in per name of `spec.kinds`; the first use of any of them loads the subpath once. */
export function standIns(spec: LazySubpath): Record<string, unknown> {
  let loaded: Record<string, unknown> | undefined;
  const resolve = (name: string): object => {
    if (loaded === undefined) {
      try {
        loaded = spec.load();
      } catch (cause) {
        const code = (cause as { code?: unknown } | null)?.code;
        throw new Error(
          `opensearch-fgac: loading "opensearch-fgac/${spec.subpath}" on first use of ${name} failed${typeof code === 'string' ? ` (${code})` : ''}; ` +
            `import ${name} from "opensearch-fgac/${spec.subpath}" instead (Node without require() of ES modules, or a bundler that skipped the package's "module" condition)`,
          { cause },
        );
      }
      spec.settle(loaded);
    }
    return loaded[name] as object;
  };
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec.kinds)) out[name] = standIn(name, kind, () => resolve(name));
  return out;
}

function standIn(name: string, kind: StandInKind, real: () => object): object {
  // A function target so `apply` (and, with a prototype, `construct`) reach the handler. Module code
  // is strict: neither target has `caller`/`arguments`.
  const target: object = kind === 'constructor' ? function () {} : kind === 'callable' ? () => {} : {};
  if (kind !== 'object') Object.defineProperty(target, 'name', { value: name });
  const proxy: object = new Proxy(target, {
    get: (_t, key) => Reflect.get(real(), key),
    set: (_t, key, value) => Reflect.set(real(), key, value),
    has: (_t, key) => Reflect.has(real(), key),
    deleteProperty: (_t, key) => Reflect.deleteProperty(real(), key),
    defineProperty: (_t, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    ownKeys: () => Reflect.ownKeys(real()),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    getOwnPropertyDescriptor: (t, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // A Proxy may report a non-configurable property only if its target has the same one: mirror
      // it (a function's `prototype` is non-configurable on both sides).
      if (descriptor !== undefined && descriptor.configurable === false) Reflect.defineProperty(t, key, descriptor);
      return descriptor;
    },
    apply: (_t, self, args) => Reflect.apply(real() as (...a: unknown[]) => unknown, self, args),
    construct: (_t, args, newTarget) => {
      const constructor = real() as new (...a: unknown[]) => object;
      // `new standIn()` constructs the real class; `class Mine extends standIn` keeps Mine's prototype.
      return Reflect.construct(constructor, args, newTarget === proxy ? constructor : newTarget);
    },
  });
  return proxy;
}
