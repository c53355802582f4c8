/**
 * A polluted Object.prototype / Array.prototype never changes what the SDK does, over the whole public API.
 *
 * The names: every property name src/ reads or writes (its TypeScript syntax tree: property accesses, destructuring
 * keys, string-literal element accesses, object literal keys, `in` tests) and the README's option and variable
 * names (test/support/prototype-names.ts). The scenarios: every public entry point against a loopback stand-in of
 * the domain and of Cognito (test/support/prototype-scenarios.ts): createClient in each mode and entry (basic, iam,
 * cognito, none; TLS trusted and refused), fromEnv, validateOptions, requests and their errors' classification,
 * toTypedError, redaction, runWithRetry, ingest and the Lambda adapters, SecurityApi (reads, ensure, list edits,
 * users, plan/apply, the master user), the security model, verifyHits and the verification helpers, the server-truth
 * calls, explain/checkPermission, checkDomain/diagnoseError and the CLI in process.
 *
 * 1. Every name planted at once as a recording accessor that changes nothing (reads undefined, a write becomes the
 *    receiver's own property): no read or write from the SDK's own code (src/) reaches it. Reads from Node and the
 *    dependencies are recorded too: those names are what 2 leaves out.
 * 2. Seeded: the names in groups, each planted as a hostile value (true, false, 'none', '*', a URL, a credential-like
 *    string, numbers, objects; enumerable, as `Object.prototype.x = v` makes it), a getter that returns one, or a
 *    setter that keeps nothing; every scenario's observable result (values, errors' class and message, what the CLI
 *    printed) and the requests on the wire must equal the clean run's, nothing may escape as uncaught, and no secret
 *    may reach a planted setter. A group that differs is split to the single names that do.
 * 3. TLS: `ca`, `secureContext`, `rejectUnauthorized: false` or a `checkServerIdentity` on Object.prototype never
 *    make a certificate nothing vouches for acceptable (default agent and `agent: false`).
 * 4. The verifier's reports (made by a constructor on the hot path): setters or getters planted for their field
 *    names neither see nor change a report.
 * 5. The source: no `'name' in x` test and no for...in loop without an own-property check (own.ts helpers).
 *
 * FGAC_PROTO_SEEDS=1,2,3 runs more seeds of 2 (default 1 and 2; each leg of test/matrix/run.ts runs one other; an
 * empty value runs none: the Node 24 leg, see there).
 * A group of names that differs is halved until the single names (or a part that only differs together) are found.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import ts from 'typescript';
import { createClient, maskValue, verifyHits, expectationsFromRoles } from '../../src/index.js';
import { FLIGHTS, startPrototypeDomain, type PrototypeDomain } from '../support/prototype-domain.js';
import { harvestNames } from '../support/prototype-names.js';
import { chargedTo, drawPlants, observeAll, pollutedRun, violationsOf, HEADER_LIKE, HOSTILE_VALUES, type Observation, type Plant, type Violation } from '../support/prototype-pollution.js';
import { observe, SALT, SCENARIOS, scenarioFiles } from '../support/prototype-scenarios.js';
import { Rng } from '../support/seeded-rng.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEEDS = (process.env.FGAC_PROTO_SEEDS ?? '1,2').split(',').filter((s) => s.trim() !== '').map(Number);
const GROUP = 80;

let domain: PrototypeDomain;
let dir: string;
let clean: Observation[];
const { names } = harvestNames();
/** Names Node or a dependency reads through a prototype in the scenarios (part 1): left out of part 2. */
const platformRead = new Set<string>();

before(async () => {
  domain = await startPrototypeDomain(new Map(FLIGHTS.map((f) => [f.doc.Dest, maskValue(f.doc.Dest, { salt: SALT })])));
  dir = scenarioFiles();
  // a first run loads every lazy module; the second is the reference
  await observeAll(SCENARIOS, { domain, dir }, domain);
  clean = await observeAll(SCENARIOS, { domain, dir }, domain);
});

after(async () => {
  await domain.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The first stack frame outside this file and the accessor: `src/...`, `node_modules/...`, `node:...`. */
function callerFrame(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1).map((l) => l.trim());
  // a built-in's own frame (`Object.assign`, a spread) names no file: its caller's does
  const outside = frames.find((l) => !l.includes('hostile-prototype-fuzz.test.ts') && !l.includes('<anonymous>') && !l.includes('(native)'));
  return (outside ?? '').replace(/^at /, '').replace(`${ROOT}/`, '').replace(`file://${ROOT}/`, '');
}

describe('the names and the scenarios', () => {
  test('the harvest holds every option, variable and field name the SDK reads (spot checks) and more than a thousand in all', () => {
    for (const n of ['allowInsecureTls', 'allowInsecureHttp', 'rejectUnauthorized', 'OPENSEARCH_ALLOW_INSECURE_HTTP', 'action', 'index', 'status', 'masksRecomputed', '_source', 'undecided', 'dependsOn', 'pluginVersion', 'salt']) {
      assert.ok(names.includes(n), n);
    }
    assert.ok(names.length > 1000, String(names.length));
  });

  test('a clean run is deterministic and does what the scenarios expect', async () => {
    const again = await observeAll(SCENARIOS, { domain, dir }, domain);
    assert.deepEqual(again.map((o) => o.result), clean.map((o) => o.result));
    assert.deepEqual(again.map((o) => o.wire), clean.map((o) => o.wire));
    const text = clean.map((o) => o.result).join('\n');
    assert.match(text, /search=Object\{value=Object\{took=<volatile>/);
    assert.match(text, /untrusted=Object\{threw=ConnectionError/);
    assert.match(text, /report=Object\{ok=true,status="pass"/);
    assert.doesNotMatch(text, /crashed=/);
  });
});

describe('1. every harvested name as a recording accessor on Object.prototype', () => {
  test('no read or write of the SDK\'s own code (src/) goes through it', async () => {
    const sdkSites = new Map<string, number>();
    const undo: Array<() => void> = [];
    const record = (op: string, name: string): void => {
      // every read is looked at (no cap per name): Node and the dependencies read `body`, `headers` or `path`
      // through the prototype dozens of times, and a cap hid the SDK's own reads after theirs (seen on Node 24 only,
      // where Node reads fewer of them first)
      const frame = callerFrame();
      if (/(^|\()src\//.test(frame)) sdkSites.set(`${op} ${name} @ ${frame}`, (sdkSites.get(`${op} ${name} @ ${frame}`) ?? 0) + 1);
      else if (!/test\/support|test\/unit/.test(frame)) platformRead.add(name);
    };
    try {
      for (const name of names) {
        if (/^\d+$/.test(name)) continue;
        Object.defineProperty(Object.prototype, name, {
          configurable: true,
          enumerable: false,
          get(): undefined {
            record('get', name);
            return undefined;
          },
          set(this: object, value: unknown) {
            record('set', name);
            Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
          },
        });
        undo.push(() => { delete (Object.prototype as Record<string, unknown>)[name]; });
      }
      await observeAll(SCENARIOS, { domain, dir }, domain);
    } finally {
      for (const u of undo) u();
    }
    assert.deepEqual([...sdkSites.keys()].sort(), [], `reads or writes of src/ through Object.prototype:\n${[...sdkSites.keys()].sort().join('\n')}`);
    // the platform does read some (its own objects): part 2 leaves those to Node and the dependencies
    assert.ok(platformRead.size > 0 && platformRead.size < names.length / 4, String(platformRead.size));
  });

  test('index names on Array.prototype: no read of the SDK\'s own code past a list\'s end or at a hole reaches them', async () => {
    const sdkReads = new Set<string>();
    const proto = Array.prototype as unknown as Record<string, unknown>;
    const indices = names.filter((n) => /^\d+$/.test(n));
    assert.ok(indices.length >= 8, String(indices.length));
    try {
      for (const name of indices) {
        Object.defineProperty(proto, name, {
          configurable: true,
          enumerable: false,
          get(): undefined {
            const frame = callerFrame();
            if (/(^|\()src\//.test(frame)) sdkReads.add(`get [${name}] @ ${frame}`);
            return undefined;
          },
          // a push or an assignment at that index (the platform's too) makes the element, as without the accessor
          set(this: object, value: unknown) {
            Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
          },
        });
      }
      await observeAll(SCENARIOS, { domain, dir }, domain);
    } finally {
      for (const name of indices) delete proto[name];
    }
    assert.deepEqual([...sdkReads].sort(), []);
  });
});

describe('2. hostile values, getters and setters on the shared prototypes (seeded)', () => {
  for (const seed of SEEDS) {
    test(`seed ${seed}: no scenario's result, requests or secrets change under any group of planted names`, async (t) => {
      assert.ok(platformRead.size > 0, 'part 1 ran first');
      const rng = new Rng(seed);
      const list = names.filter((n) => !platformRead.has(n) && !HEADER_LIKE.test(n));
      for (let i = list.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [list[i], list[j]] = [list[j] as string, list[i] as string];
      }
      const plants = drawPlants(rng, list);
      const charged: Array<{ v: Violation; sites: string[] }> = [];
      const dependency: Array<{ v: Violation; sites: string[] }> = [];
      type Run = Awaited<ReturnType<typeof pollutedRun>>;
      const violating = (group: Plant[], run: Run): Violation[] => violationsOf(group, clean, run.observed, run.accesses, run.uncaught);
      /**
       * The parts of a group that differ: halved until single names (about 2 log2(GROUP) runs for one such name, where
       * trying every name alone took GROUP), or a part whose names only differ together.
       */
      const differing = async (group: Plant[], run: Run): Promise<Array<{ group: Plant[]; run: Run }>> => {
        if (violating(group, run).length === 0) return [];
        if (group.length === 1) return [{ group, run }];
        const found: Array<{ group: Plant[]; run: Run }> = [];
        const mid = group.length >> 1;
        for (const half of [group.slice(0, mid), group.slice(mid)]) found.push(...(await differing(half, await pollutedRun(half, SCENARIOS, { domain, dir }, domain))));
        return found.length > 0 ? found : [{ group, run }];
      };
      let groups = 0;
      for (let i = 0; i < plants.length; i += GROUP) {
        const group = plants.slice(i, i + GROUP);
        groups++;
        for (const part of await differing(group, await pollutedRun(group, SCENARIOS, { domain, dir }, domain))) {
          // whose code read or wrote its names: a value is planted again as one that records its readers
          const recorded = part.group.some((p) => p.kind === 'value')
            ? (await pollutedRun(part.group.map((p) => (p.kind === 'value' ? { ...p, kind: 'recording-value' as const } : p)), SCENARIOS, { domain, dir }, domain)).accesses
            : [];
          const sites = chargedTo([...part.run.accesses, ...recorded], new Set(part.group.map((p) => p.name)));
          // the SDK's when its own code (src/) read or wrote a name, or nobody's code did (an `in` test or a for...in
          // the recording cannot see); Node's or a dependency's when only theirs did
          const sdk = sites.length === 0 || sites.some((s) => / @ src\//.test(s));
          for (const x of violating(part.group, part.run)) (sdk ? charged : dependency).push({ v: x, sites });
        }
      }
      const shown = (p: Plant): string => `${p.name} on ${p.on}.prototype as ${p.kind}${p.kind === 'setter' ? '' : ` ${JSON.stringify(HOSTILE_VALUES[p.value])}`}`;
      const describe = ({ v, sites }: { v: Violation; sites: string[] }): string =>
        `${v.plants.map(shown).join(' + ')}: [${v.what}] ${v.scenario} (read/written by ${sites.slice(0, 3).join('; ') || 'no recorded code'})\n  clean:    ${v.clean.replace(/\n/g, '\\n').slice(0, 300)}\n  polluted: ${v.polluted.replace(/\n/g, '\\n').slice(0, 300)}`;
      // what Node or a dependency does with its own objects under a polluted prototype is theirs: said, not failed
      if (dependency.length > 0) t.diagnostic(`${dependency.length} difference(s) from Node or a dependency:\n${[...new Set(dependency.map(describe))].slice(0, 12).join('\n')}`);
      assert.equal(charged.length, 0, `${charged.length} violation(s) in ${groups} groups of ${plants.length} names:\n${charged.slice(0, 20).map(describe).join('\n')}`);
      assert.ok(groups >= list.length / GROUP, String(groups));
    });
  }
});

describe('3. TLS settings on Object.prototype', () => {
  const plants: Array<[string, string, () => unknown]> = [
    ['ca', 'the stand-in\'s own CA', () => domain.ca],
    ['secureContext', 'a context trusting the stand-in', () => tls.createSecureContext({ ca: domain.ca })],
    ['rejectUnauthorized', 'false', () => false],
    ['checkServerIdentity', 'a function accepting any name', () => () => undefined],
  ];
  for (const [name, what, value] of plants) {
    const label = `${name}: ${what}`;
    test(`${label}: a certificate nothing vouches for is still refused, with the default agent and with agent: false`, async () => {
      const proto = Object.prototype as Record<string, unknown>;
      for (const agent of [undefined, false] as const) {
        const client = createClient({ node: domain.tlsUrl, auth: { mode: 'none' }, retry: { retries: 0 }, ...(agent === false ? { clientOptions: { agent: false } } : {}) });
        proto[name] = value();
        try {
          await assert.rejects(client.info(), (e: unknown) => e instanceof Error && /certificate/.test(e.message), `${label}, agent ${String(agent)}`);
        } finally {
          delete proto[name];
          await client.close();
        }
      }
    });
  }
});

describe('4. the verifier\'s reports', () => {
  const FIELDS = ['index', 'id', 'status', 'dls', 'findings', 'unverifiable', 'masksRecomputed', 'masksShapeChecked'];
  const roles = { r: { index_permissions: [{ index_patterns: ['flights*'], dls: '{"match": {"FlightDelay": true}}', fls: ['~FlightNum'], masked_fields: ['Dest'], allowed_actions: ['read'] }] } };
  const response = (): unknown => ({
    hits: { hits: FLIGHTS.filter((f) => f.doc.FlightDelay).map((f) => ({ _index: 'flights', _id: f.id, _source: { Dest: maskValue(f.doc.Dest, { salt: SALT }), Origin: f.doc.Origin, FlightDelay: true, FlightDelayMin: f.doc.FlightDelayMin } })) },
  });
  const expectations = (): ReturnType<typeof expectationsFromRoles> => expectationsFromRoles(roles, 'flights', undefined, { salt: SALT, originals: new Map(FLIGHTS.map((f) => [`flights/${f.id}`, f.doc])) });

  test('setters planted for every field name see no value and leave each report whole', () => {
    const want = observe(verifyHits(response(), expectations()));
    const written: string[] = [];
    const proto = Object.prototype as Record<string, unknown>;
    try {
      for (const f of FIELDS) Object.defineProperty(proto, f, { configurable: true, get: () => undefined, set: (v: unknown) => { written.push(`${f}=${observe(v).slice(0, 40)}`); } });
      const got = verifyHits(response(), expectations());
      assert.equal(observe(got), want);
      assert.equal(got.hits[0]?.status, 'pass');
      assert.equal(Object.getPrototypeOf(got.hits[0]), Object.prototype);
    } finally {
      for (const f of FIELDS) delete proto[f];
    }
    assert.deepEqual(written, []);
  });

  test('getters planted for every field name (an assignment to one would throw) change nothing either', () => {
    const want = observe(verifyHits(response(), expectations()));
    const proto = Object.prototype as Record<string, unknown>;
    try {
      for (const f of FIELDS) Object.defineProperty(proto, f, { configurable: true, get: () => 'planted' });
      assert.equal(observe(verifyHits(response(), expectations())), want);
    } finally {
      for (const f of FIELDS) delete proto[f];
    }
  });

  test('an enumerable property of Object.prototype is no key of a hit\'s _source (no FLS leak, no stray field)', () => {
    const want = observe(verifyHits(response(), expectations()));
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.FlightNum = 'N0';
      assert.equal(observe(verifyHits(response(), expectations())), want);
    } finally {
      delete proto.FlightNum;
    }
  });
});

describe('5. the source', () => {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) files.push(full);
    }
  };
  walk(path.join(ROOT, 'src'));
  const rel = (f: string): string => path.relative(ROOT, f);

  /**
   * The per-hit path keeps `'name' in x` where the compiler inlines it, guarded: the false branch of
   * `<polluted flag> ? Object.hasOwn(x, 'name') | hasField(x, 'name') : 'name' in x`.
   */
  const guardedIn = (node: ts.BinaryExpression): boolean => {
    let child: ts.Node = node;
    let parent = node.parent;
    while (ts.isParenthesizedExpression(parent)) {
      child = parent;
      parent = parent.parent;
    }
    return ts.isConditionalExpression(parent) && parent.whenFalse === child && /polluted|guard/.test(parent.condition.getText())
      && /^(Object\.hasOwn|hasField)\(/.test(parent.whenTrue.getText());
  };

  test('no `\'name\' in x` test (it counts a polluted prototype\'s name): own.ts hasOwnKey / hasField instead', () => {
    const found: string[] = [];
    for (const file of files) {
      if (rel(file) === 'src/errors/own.ts') continue;
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword && ts.isStringLiteralLike(node.left) && !guardedIn(node)) {
          found.push(`${rel(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 80)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.deepEqual(found, []);
  });

  test('every for...in loop skips what is not the object\'s own first (it also lists a polluted prototype\'s enumerable names)', () => {
    const found: string[] = [];
    let loops = 0;
    for (const file of files) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isForInStatement(node)) {
          loops++;
          const first = ts.isBlock(node.statement) ? node.statement.statements[0] : node.statement;
          const guarded = first !== undefined && ts.isIfStatement(first) && /Object\.hasOwn\(|hasField\(/.test(first.expression.getText())
            && (ts.isContinueStatement(first.thenStatement) || (ts.isBlock(first.thenStatement) && first.thenStatement.statements.length === 1 && ts.isContinueStatement(first.thenStatement.statements[0] as ts.Node)));
          if (!guarded) found.push(`${rel(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.deepEqual(found, []);
    assert.ok(loops > 0);
  });
});
