/**
 * The engine of the prototype-pollution property check: plants hostile properties on Object.prototype /
 * Array.prototype (a plain value, a getter that records each read, a setter that records each write and keeps
 * nothing, a getter that throws), runs the public-API scenarios under them and compares what a caller observes,
 * and what went on the wire, with a clean run. Every plant is removed in a finally block, also when a scenario
 * throws or hangs.
 */
import { Rng } from './seeded-rng.js';
import type { PrototypeDomain } from './prototype-domain.js';
import { observe, SECRETS, type Scenario, type ScenarioContext } from './prototype-scenarios.js';

/** Hostile values a polluted property may hold. */
export const HOSTILE_VALUES: readonly unknown[] = [
  true, false, 'none', '*', 'https://evil.example.com', 'AKIAEVILEVILEVIL0000', 'Evil-Secret-Pw-0000', 0, 1, 9_999_999, -1, null, {}, { evil: true }, ['*'], [],
];

/** How one name is planted. */
export interface Plant {
  name: string;
  on: 'Object' | 'Array';
  /** `recording-value`: a value that records who reads or writes it (a write makes the receiver's own property), to say whose code a plain value misled. */
  kind: 'value' | 'getter' | 'setter' | 'throwing-getter' | 'recording-value';
  /** Index into HOSTILE_VALUES (value and getter kinds). */
  value: number;
  enumerable: boolean;
}

/** A read or write a planted accessor saw, and where from (the first stack frames outside this file). */
export interface Access {
  name: string;
  op: 'get' | 'set';
  site: string;
  /** What was written (set only), as `observe` shows it. */
  written?: string;
}

/**
 * A lower-case HTTP header field name (`content-type`, `x-amz-date`) or a one-word one a response may carry. Node 24
 * builds `res.headers` on first read with `dest[name] === undefined` tests on a plain object: a name planted on
 * Object.prototype is then no header of the response (and opensearch-js's `headers['content-type'].indexOf` throws
 * inside Node's event emitter), whoever's client reads it. Part 2 leaves these names to the platform; part 1 still
 * records every read the SDK's own code makes of them.
 */
export const HEADER_LIKE = /^(?:[a-z0-9]+(?:-[a-z0-9]+)+|host|date|connection|authorization|server|vary|etag|location|allow|warning|cookie|age|link|via|upgrade|trailer|expires|pragma)$/;

/** Draws how to plant each of `names`. */
export function drawPlants(rng: Rng, names: readonly string[]): Plant[] {
  return names.map((name) => {
    const roll = rng.next();
    const numeric = /^\d+$/.test(name);
    // an index is only ever a plain value: an accessor there is called (or, without a setter, throws) by every push
    // onto a list of that length (Array.prototype.push assigns through the prototype chain), in the platform's
    // code as much as in the SDK's
    const kind: Plant['kind'] = roll < 0.4 || numeric ? 'value' : roll < 0.7 ? 'getter' : roll < 0.9 ? 'setter' : 'throwing-getter';
    // an index goes on Array.prototype only: on Object.prototype it is also what every read past a string's end
    // returns (String.prototype inherits from it), and a dependency's lexer (yaml's) then never reaches the end
    const on: Plant['on'] = numeric ? 'Array' : 'Object';
    const value = rng.int(0, HOSTILE_VALUES.length - 1);
    // a value is enumerable, as `Object.prototype.x = v` makes it, but for null: the AWS SDK's own for...in over its
    // feature table reads `.length` of every enumerable value (a null one throws inside it, outside this SDK); an
    // accessor is not enumerable, for the same reason (that loop would call it)
    return { name, on, kind, value, enumerable: kind === 'value' && HOSTILE_VALUES[value] !== null };
  });
}

const MAX_SITES_PER_NAME = 8;

/** Where the accessor was called from: the first frames with a file (a built-in's own frame, `Object.assign`, names none) outside this file. */
export function siteOf(): string {
  const stack = new Error().stack?.split('\n').slice(2) ?? [];
  const frames = stack.map((l) => l.trim()).filter((l) => !l.includes('prototype-pollution.ts') && !l.includes('<anonymous>') && !l.includes('(native)'))
    .slice(0, 3).map((l) => l.replace(/^at /, '').replace(ROOT_PREFIX, '').replace(ROOT_FILE_PREFIX, ''));
  return frames.join(' < ');
}
const ROOT_PREFIX = `${process.cwd()}/`;
const ROOT_FILE_PREFIX = `file://${process.cwd()}/`;

/** Plants `plants`; returns the undo (always call it, in a finally). `accesses` receives what the accessors saw. */
export function plant(plants: readonly Plant[], accesses: Access[]): () => void {
  const undo: Array<() => void> = [];
  const counts = new Map<string, number>();
  const record = (a: Omit<Access, 'site'>): void => {
    const n = (counts.get(a.name) ?? 0) + 1;
    counts.set(a.name, n);
    // the first few sites of each name (a name read in a loop would otherwise cost a stack per read)
    if (n <= MAX_SITES_PER_NAME || a.written !== undefined) accesses.push({ ...a, site: n <= MAX_SITES_PER_NAME ? siteOf() : '' });
  };
  try {
    for (const p of plants) {
      const target = (p.on === 'Array' ? Array.prototype : Object.prototype) as unknown as Record<string, unknown>;
      if (Object.hasOwn(target, p.name)) continue;
      const value = HOSTILE_VALUES[p.value];
      let descriptor: PropertyDescriptor;
      if (p.kind === 'value') descriptor = { value, writable: true, enumerable: p.enumerable, configurable: true };
      else if (p.kind === 'recording-value') {
        descriptor = {
          get: () => { record({ name: p.name, op: 'get' }); return value; },
          set(this: object, v: unknown) {
            record({ name: p.name, op: 'set' });
            Object.defineProperty(this, p.name, { value: v, writable: true, enumerable: true, configurable: true });
          },
          enumerable: p.enumerable,
          configurable: true,
        };
      }
      else if (p.kind === 'getter') {
        // a getter alone makes an assignment of that name throw in strict code: the same, with the writer recorded
        descriptor = {
          get: () => { record({ name: p.name, op: 'get' }); return value; },
          set: () => {
            record({ name: p.name, op: 'set' });
            throw new TypeError(`Cannot set property ${p.name} of #<Object> which has only a getter`);
          },
          enumerable: p.enumerable,
          configurable: true,
        };
      }
      else if (p.kind === 'throwing-getter') {
        descriptor = {
          get: () => { record({ name: p.name, op: 'get' }); throw new Error(`planted getter ${p.name} threw`); },
          set: () => {
            record({ name: p.name, op: 'set' });
            throw new TypeError(`Cannot set property ${p.name} of #<Object> which has only a getter`);
          },
          enumerable: p.enumerable,
          configurable: true,
        };
      } else {
        descriptor = {
          get: () => undefined,
          set: (v: unknown) => { record({ name: p.name, op: 'set', written: observe(v).slice(0, 400) }); },
          enumerable: p.enumerable,
          configurable: true,
        };
      }
      Object.defineProperty(target, p.name, descriptor);
      undo.push(() => { delete target[p.name]; });
    }
  } catch (e) {
    for (const u of undo.reverse()) u();
    throw e;
  }
  return () => {
    for (const u of undo.reverse()) u();
  };
}

/** What one scenario showed: the caller's view and the requests it caused (sorted: concurrent requests arrive in any order). */
export interface Observation {
  scenario: string;
  result: string;
  wire: string;
}

// generous: a scenario of many requests takes over 2 s on a loaded 2-core machine (a true hang still fails, later)
const SCENARIO_TIMEOUT_MS = 10_000;

/** Runs every scenario once and observes it (the domain is reset before each). */
export async function observeAll(scenarios: readonly Scenario[], ctx: ScenarioContext, domain: PrototypeDomain): Promise<Observation[]> {
  const out: Observation[] = [];
  for (const s of scenarios) {
    domain.reset();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let result: unknown;
    try {
      result = { value: await Promise.race([s.run(ctx), new Promise((_r, reject) => { timer = setTimeout(() => reject(new Error('scenario hung')), SCENARIO_TIMEOUT_MS); })]) };
    } catch (e) {
      result = { crashed: e };
    } finally {
      clearTimeout(timer);
    }
    let text: string;
    try {
      text = observe(result);
    } catch (e) {
      text = `[observe threw ${String(e)}]`;
    }
    out.push({ scenario: s.name, result: text, wire: domain.seen.map((r) => `${r.line}\n${r.headers}\n${r.body}`).sort().join('\n--\n') });
  }
  return out;
}

/** One way a polluted run differed from the clean one. */
export interface Violation {
  plants: Plant[];
  scenario: string;
  what: 'result' | 'wire' | 'secret' | 'tls' | 'uncaught';
  /** The clean and polluted text around the first difference. */
  clean: string;
  polluted: string;
}

function around(a: string, b: string): [string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 160);
  return [a.slice(from, i + 200), b.slice(from, i + 200)];
}

const SECRET_VALUES = Object.values(SECRETS);

/** Compares a polluted run with the clean one; `accesses` are checked for secrets handed to a planted setter. */
export function violationsOf(plants: Plant[], clean: readonly Observation[], polluted: readonly Observation[], accesses: readonly Access[], uncaught: readonly string[]): Violation[] {
  const found: Violation[] = [];
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i] as Observation;
    const p = polluted[i] as Observation;
    if (c.result !== p.result) {
      const [a, b] = around(c.result, p.result);
      const tls = /TLS/.test(c.scenario) && /untrusted=Object\{threw/.test(c.result) && !/untrusted=Object\{threw/.test(p.result);
      found.push({ plants, scenario: c.scenario, what: tls ? 'tls' : 'result', clean: a, polluted: b });
    }
    if (c.wire !== p.wire) {
      const [a, b] = around(c.wire, p.wire);
      found.push({ plants, scenario: c.scenario, what: 'wire', clean: a, polluted: b });
    }
    // fromEnv and toApiUser return the password they were given: a secret counts when it shows more often than clean
    for (const secret of SECRET_VALUES) {
      if (p.result.split(secret).length > c.result.split(secret).length) found.push({ plants, scenario: p.scenario, what: 'secret', clean: '', polluted: `the result shows ${secret.slice(0, 4)}...` });
    }
  }
  for (const a of accesses) {
    if (a.written !== undefined && SECRET_VALUES.some((s) => (a.written as string).includes(s))) {
      found.push({ plants, scenario: '(any)', what: 'secret', clean: '', polluted: `a secret was written to the planted setter ${a.name} from ${a.site}` });
    }
  }
  for (const u of uncaught) found.push({ plants, scenario: '(process)', what: 'uncaught', clean: '', polluted: u });
  return found;
}

/** Runs the scenarios under `plants`; returns the observations, the accesses and what escaped as uncaught. */
export async function pollutedRun(plants: Plant[], scenarios: readonly Scenario[], ctx: ScenarioContext, domain: PrototypeDomain): Promise<{ observed: Observation[]; accesses: Access[]; uncaught: string[] }> {
  const accesses: Access[] = [];
  const uncaught: string[] = [];
  const onError = (e: unknown): void => {
    uncaught.push(String(e instanceof Error ? e.stack?.split('\n').slice(0, 4).join(' | ') : e));
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  let observed: Observation[];
  const undo = plant(plants, accesses);
  try {
    observed = await observeAll(scenarios, ctx, domain);
  } finally {
    undo();
    // a late rejection of this run still lands here
    await new Promise((resolve) => setImmediate(resolve));
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  }
  return { observed, accesses, uncaught };
}

/** Who a violation is charged to: the SDK when an access of a culprit name came from src/, else the code that read it. */
export function chargedTo(accesses: readonly Access[], names: ReadonlySet<string>): string[] {
  const sites = new Set<string>();
  for (const a of accesses) {
    if (!names.has(a.name) || a.site === '') continue;
    const first = a.site.split(' < ')[0] ?? '';
    sites.add(`${a.op} ${a.name} @ ${first}`);
  }
  return [...sites];
}
