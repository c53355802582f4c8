/**
 * checkPermission's local judgement: the definitions (roles, action groups, aliases) and the cluster facts read with
 * the admin client, a request's plan expanded with them (write-plan.ts), each check judged by explainPermission, and
 * the facts a refused check rests on read afterwards (write-facts.ts).
 */
import { ConfigError } from '../errors/classes.js';
import { dataStreamFact, indexAliasesFrom, type IndexAliases } from '../fgac/aliases.js';
import { isDateMathExpression, resolveDateMath } from '../fgac/date-math.js';
import { parsePluginVersion } from '../fgac/plugin-version.js';
import { readDnfofContext, readIndexStates, type DnfofSettings } from './dnfof.js';
import { isIndexWildcard } from './role-pattern.js';
import { isAllName } from '../fgac/index-expressions.js';
import { explainPermission } from './permission.js';
import { subjectOf } from './subject.js';
import { SecurityPrefixReader as SecurityReader } from '../security/prefix.js';
import { pipelineDocument, readPipelineFacts, type DocumentPipelines, type PipelineFact, type SettingsSource } from './ingest-pipelines.js';
import { autoCreateFact, readAutoCreate, settlePending } from './write-facts.js';
import { expandPlan, type Fact, type WriteFacts } from './write-plan.js';
import { bulkItemFate, concreteIndicesOf, singleIndexItemFate, writeIndexOf, writeIndicesFrom, type ConcreteFact, type ItemFate, type WriteIndices } from './write-targets.js';
import type { CheckPermissionClient } from './dry-run.js';
import type { RequestPlan, RequiredPrivilege, WriteItem } from './request-plan.js';
import type { PermissionActionGroups, PermissionRoles, PermissionSubject } from './types.js';
import type { PrivilegeVerdict } from './verdicts.js';
import { opt } from '../errors/own.js';
import { targetQuery } from '../fgac/query-params.js';

/** What the local path reads, or is given instead: part of checkPermission's options. */
export interface LocalJudgeOptions extends DnfofSettings {
  /**
   * A client allowed to read the security configuration, `GET /` and `GET _alias` (e.g. the master user), and for
   * writes the cluster settings, index templates, mappings and documents: needed by the local path unless `roles` is given.
   */
  admin?: CheckPermissionClient;
  /** Role definitions for the local path (default: read with `admin`). */
  roles?: PermissionRoles;
  /** Custom action groups for the local path (default: read with `admin`). */
  actionGroups?: PermissionActionGroups;
  /** Aliases and data streams (default: read with `admin` from `GET _alias` and `GET _data_stream`). */
  aliases?: IndexAliases;
  /**
   * The cluster setting `action.auto_create_index` (`true`, `false` or `+a*,-b*`): whether a write to a missing index
   * creates it (checked as `indices:admin/create`) or fails with 404. Default: read with `admin` (`GET _cluster/settings`).
   */
  autoCreateIndex?: boolean | string;
  /**
   * `false`: no index or template sets `index.default_pipeline` / `index.final_pipeline`, so only a pipeline the
   * request names applies to a write. Default: read with `admin` (with the pipelines); without `admin` a write whose
   * checks after the pipelines are all granted is undecided.
   */
  ingestPipelines?: false;
}

/** What the local judgements read: the definitions and the subject. */
export interface LocalDefinitions {
  roles: PermissionRoles;
  aliases: IndexAliases | undefined;
  subject: PermissionSubject;
}

/** What explainPermission is told besides the roles: aliases, the plugin version, do_not_fail_on_forbidden and the cluster's indices. */
export interface LocalContext extends DnfofSettings {
  aliases?: IndexAliases;
  pluginVersion?: string;
  /** The instant date-math names are resolved at (default: now). */
  now?: number;
}

/** The roles, action groups and aliases: as given, else read with `admin` (the security API's below the prefix `reader` detects). */
export async function readDefinitions(admin: CheckPermissionClient | undefined, options: LocalJudgeOptions, reader = new SecurityReader()): Promise<{ roles: PermissionRoles; groups: PermissionActionGroups | undefined; aliases: IndexAliases | undefined; writeIndices?: WriteIndices }> {
  const get = async (path: string): Promise<unknown> => (await (admin as CheckPermissionClient).transport.request({ method: 'GET', path })).body;
  if (options.roles === undefined && admin === undefined) throw new ConfigError('options.admin', 'checkPermission: the local path needs options.admin (or options.roles)');
  const security = async (path: string): Promise<unknown> => (await reader.get(admin as CheckPermissionClient, path)).body;
  const roles = options.roles ?? (await security('api/roles')) as PermissionRoles;
  const groups = options.actionGroups ?? (admin !== undefined ? (await security('api/actiongroups')) as PermissionActionGroups : undefined);
  let aliases = options.aliases;
  let writeIndices: WriteIndices | undefined;
  if (aliases === undefined && admin !== undefined) {
    const aliasBody = await get('/_alias');
    let streams: unknown;
    try {
      streams = await get('/_data_stream');
    } catch {
      streams = undefined;
    }
    aliases = indexAliasesFrom(aliasBody, streams);
    // a data stream whose body could not be read has no known write index
    writeIndices = writeIndicesFrom(aliasBody, streams);
  }
  return { roles, groups, aliases, writeIndices };
}

/** The write indices of the aliases `names` when the aliases were given as options: read with `admin`, one GET _alias/<name> each. */
async function readWriteIndices(admin: CheckPermissionClient | undefined, names: readonly string[]): Promise<WriteIndices | undefined> {
  if (admin === undefined || names.length === 0) return undefined;
  const out = new Map<string, string | null>();
  await Promise.all([...new Set(names)].map(async (name) => {
    try {
      const found = writeIndicesFrom((await admin.transport.request({ method: 'GET', path: `/_alias/${encodeURIComponent(name)}` })).body).get(name);
      if (found !== undefined) out.set(name, found);
    } catch {
      // not read: this alias's write index stays unknown
    }
  }));
  return out;
}

/** The local verdict for a list of checks, from definitions (no request is sent). */
export function checkPrivilegesLocally(
  checks: readonly RequiredPrivilege[],
  roles: PermissionRoles,
  actionGroups: PermissionActionGroups | undefined,
  subject: PermissionSubject,
  options: LocalContext = {},
): PrivilegeVerdict[] {
  return checks.map((c) => {
    const explanation = explainPermission(roles, actionGroups, {
      ...options,
      action: c.action,
      ...(opt(c, 'indices') !== undefined ? { index: c.indices } : {}),
      user: subject,
    });
    return { ...c, granted: explanation.granted, explanation };
  });
}

/** The plugin version as explainPermission takes it (a version it cannot read: unknown, see fgac/plugin-version.ts pluginVersionOrUnknown). */
export const knownVersion = (version: string | undefined): { pluginVersion?: string } => (version !== undefined && parsePluginVersion(version) !== undefined ? { pluginVersion: version } : {});

/** The index names a check names (a comma-separated string is several). */
const indicesOf = (c: RequiredPrivilege): string[] => opt(c, 'indices')?.flatMap((i) => i.split(',')) ?? [];

/** Which indices are closed: as given or read with the cluster's indices (readDnfofContext), else read with `admin` (readIndexStates); undefined when not known. */
async function closedOf(known: readonly string[] | undefined, admin: CheckPermissionClient | undefined): Promise<ReadonlySet<string> | undefined> {
  if (known !== undefined) return new Set(known);
  const closed = admin === undefined ? undefined : (await readIndexStates(admin))?.closed;
  return closed === undefined ? undefined : new Set(closed);
}

/**
 * Whether the index a write to a name goes to is open: `closed` as read (`open`: assumed, for a first judgement whose
 * refusals make it read; undefined: not known). Through an alias (or data stream), known when none or all of its
 * indices are closed.
 */
function openFact(closed: ReadonlySet<string> | 'assumed' | undefined, aliases: IndexAliases | undefined, now: number): (written: string) => Fact {
  return (written) => {
    if (closed === 'assumed') return { known: true, value: true };
    const date = resolveDateMath(written, now);
    const name = date.kind === 'resolved' ? date.name : written;
    if (closed === undefined || date.kind !== 'resolved') return { known: false, why: `whether the index ${name} writes to is open (a closed one fails the write with 400 first; closed indices are read with admin)` };
    const members = aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, name) ? aliases[name] ?? [] : [name];
    const shut = members.filter((m) => closed.has(m)).length;
    if (shut === 0) return { known: true, value: true };
    if (shut === members.length) return { known: true, value: false };
    return { known: false, why: `whether the index ${name} writes to is open (some of its indices are closed)` };
  };
}

/** The write facts the cluster's index names and aliases give (a date-math name: the index it names now). */
function factsOf(
  indices: readonly string[] | undefined, aliases: IndexAliases | undefined, autoCreates: (name: string) => Fact, isOpen: (name: string) => Fact,
  now: number, writeIndices?: WriteIndices, pipeline?: (w: WriteItem) => PipelineFact,
): WriteFacts {
  const inTable = (name: string): boolean => aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, name);
  // an index behind an alias or data stream exists, whether or not the cluster's index list could be read
  const members = new Set(Object.values(aliases ?? {}).flatMap((m) => (Array.isArray(m) ? m : [])));
  const unknown = (name: string): Fact => ({ known: false, why: `whether ${name} exists (the cluster's indices are not known: pass options.clusterIndices, or admin)` });
  const exists = (written: string): Fact => {
    const date = resolveDateMath(written, now);
    if (date.kind !== 'resolved') return { known: false, why: `which index ${written} names` };
    if (indices === undefined) return inTable(date.name) || members.has(date.name) ? { known: true, value: true } : unknown(date.name);
    return { known: true, value: indices.includes(date.name) || inTable(date.name) };
  };
  const isAlias = (name: string): Fact => {
    // a data stream is in the table too (no alias): the table says which names are, unless a copy lost its marker
    if (inTable(name)) {
      const stream = dataStreamFact(aliases, name);
      return stream === undefined ? { known: false, why: `whether ${name} is an alias or a data stream` } : { known: true, value: !stream };
    }
    return indices === undefined ? { known: false, why: `whether ${name} is an alias` } : { known: true, value: false };
  };
  const writeIndex = (written: string): ReturnType<typeof writeIndexOf> => {
    const date = resolveDateMath(written, now);
    if (date.kind !== 'resolved') return { known: false, why: `which index ${written} names` };
    return writeIndexOf(date.name, inTable(date.name), writeIndices);
  };
  const concrete = (names: readonly string[]): ConcreteFact => concreteIndicesOf(names, indices, aliases, now);
  const itemFate = (w: WriteItem): ItemFate => bulkItemFate(w.index, w, aliases, (name) => dataStreamFact(aliases, name), now);
  return { exists, isAlias, autoCreates, isOpen, mappings: true, writeIndex, concrete, itemFate, ...(pipeline !== undefined ? { pipeline } : {}) };
}

/**
 * Where the index settings of a write's pipelines come from, as IngestService looks the name up as written: a
 * date-math expression is no index (the templates matching its text), an alias or data stream gives its write
 * index's (none: the templates matching its name), an existing index its own, a missing one the templates'.
 */
function settingsSource(name: string, facts: WriteFacts): SettingsSource {
  if (isDateMathExpression(name)) return { kind: 'template', name };
  const exists = facts.exists(name);
  if (!exists.known) return { kind: 'unknown', why: exists.why };
  if (!exists.value) return { kind: 'template', name };
  const written = opt(facts, 'writeIndex')?.(name) ?? { known: true, value: name };
  if (!written.known) return { kind: 'unknown', why: written.why };
  return written.value === null ? { kind: 'template', name } : { kind: 'index', index: written.value };
}

/** With respect_request_indices_options on, which index checks the request's own index options decide. */
function respectedOptions<T extends RequiredPrivilege>(checks: T[], path: string | undefined): T[] {
  // as the node reads the query (fgac/query-params.ts); a query it refuses was answered before (requestPlan: unknown)
  const query = (path === undefined ? undefined : targetQuery(path)) ?? new Map<string, string>();
  const given = ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'ignore_throttled'].filter((p) => query.has(p));
  const why = 'respect_request_indices_options is on: the plugin resolves these names with the request\'s own index options (hidden and closed indices, ' +
    `${given.length > 0 ? given.join(', ') : 'the defaults of its request type'}), which this SDK does not model`;
  return checks.map((c) => (c.indices !== undefined && (given.length > 0 || indicesOf(c).some((n) => isIndexWildcard(n) || isAllName(n)))
    ? { ...c, dependsOn: opt(c, 'dependsOn') === undefined ? why : `${c.dependsOn}; ${why}` } : c));
}

/**
 * `verdicts` without the refused checks that depend on an unknown fact and come after a certain refusal: the request
 * is refused before it, and whether it would be needed is not known (a check needed whenever the request gets that
 * far stays: it is missing too).
 */
function unreached(verdicts: PrivilegeVerdict[]): PrivilegeVerdict[] {
  const first = verdicts.findIndex((v) => !v.granted && opt(v, 'dependsOn') === undefined && opt(v.explanation, 'undecided') === undefined);
  return first === -1 ? verdicts : verdicts.filter((v, i) => i <= first || v.granted || opt(v, 'dependsOn') === undefined);
}

/**
 * Reads the definitions, the subject and the cluster facts (see the options), expands `plan` with them and judges its
 * checks locally (without the first when `skipFirst`: the server's dry-run judged it); `path` is the request's (its
 * index options), when it is a REST request. `reader`: the call's reads of the security API (one detected prefix).
 */
export async function judgePlan(
  plan: RequestPlan, skipFirst: boolean, path: string | undefined, client: CheckPermissionClient, options: LocalJudgeOptions,
  givenSubject: PermissionSubject | undefined, version: string | undefined, now: number = Date.now(), reader = new SecurityReader(),
): Promise<{ verdicts: PrivilegeVerdict[]; read: LocalDefinitions }> {
  const named = [...plan.head.flatMap(indicesOf), ...plan.writes.map((w) => w.index)];
  const [{ roles, groups, aliases, writeIndices: read }, subject, dnfof] = await Promise.all([readDefinitions(options.admin, options, reader), subjectOf(client, givenSubject, options.admin, reader), readDnfofContext(options.admin, options, named, true, reader)]);
  // an alias's write index matters to writes only: read when the aliases were given as options
  const aliased = plan.writes.flatMap((w) => { const d = resolveDateMath(w.index, now); return d.kind === 'resolved' && aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, d.name) ? [d.name] : []; });
  const writeIndices = read ?? await readWriteIndices(options.admin, aliased);
  const known = factsOf(opt(dnfof, 'clusterIndices'), aliases, () => ({ known: true, value: true }), () => ({ known: true, value: true }), now, writeIndices);
  // the setting is read only when a write names a missing index
  const missing = plan.writes.some((w) => { const e = known.exists(w.index); return !e.known || !e.value; });
  const documents = plan.writes.flatMap((w): Array<[WriteItem, DocumentPipelines]> => {
    const doc = pipelineDocument(w);
    return doc === undefined ? [] : [[w, { requested: doc.requested, settings: settingsSource(w.index, known) }]];
  });
  const [auto, pipelines] = await Promise.all([
    missing ? readAutoCreate(options.admin, options.autoCreateIndex) : undefined,
    readPipelineFacts(options.admin, documents.map(([, d]) => d), options.ingestPipelines === false),
  ]);
  const byWrite = new Map(documents);
  const pipeline = (w: WriteItem): PipelineFact => {
    const d = byWrite.get(w);
    return d === undefined ? { kind: 'none' } : pipelines(d);
  };
  // the setting apart from the rest (own keys only: destructuring would read a polluted Object.prototype's)
  const respect = opt(dnfof, 'respectRequestIndicesOptions');
  const context = { ...dnfof };
  delete context.respectRequestIndicesOptions;
  const factsWith = (closed: ReadonlySet<string> | 'assumed' | undefined): WriteFacts => factsOf(opt(dnfof, 'clusterIndices'), aliases, (name) => autoCreateFact(auto, name), openFact(closed, aliases, now), now, writeIndices, pipeline);
  const checksOf = (expanded: RequiredPrivilege[]): RequiredPrivilege[] => {
    const top = expanded[0];
    const same = (c: RequiredPrivilege): boolean => c.action === top?.action && String(c.indices) === String(top?.indices);
    return skipFirst ? expanded.slice(1).filter((c) => !same(c)) : expanded;
  };
  const judge = async (closed: ReadonlySet<string> | 'assumed' | undefined): Promise<{ checks: RequiredPrivilege[]; judged: PrivilegeVerdict[]; settled: PrivilegeVerdict[] }> => {
    const expanded = expandPlan(plan, factsWith(closed));
    const checks = checksOf(expanded.checks);
    const judged = checkPrivilegesLocally(checks, roles, groups, subject, { ...context, ...(aliases !== undefined ? { aliases } : {}), ...knownVersion(version), now });
    return { checks, judged, settled: await settlePending(judged, checks, expanded.pending, options.admin) };
  };
  // A write to a closed index fails (400) before its shard-level checks. Judged first with every index open; when only
  // checks a closed index would skip are surely refused, whether it is open decides the verdict: read with admin. A bulk
  // item on a closed index is undecided whatever the roles say (failingItems): judged with the closed ones from the start.
  const bulk = plan.writes.some((w) => !w.single);
  const first = await judge(bulk ? await closedOf(opt(dnfof, 'closedIndices'), options.admin) : 'assumed');
  let settled = first.settled;
  if (!bulk && plan.writes.length > 0 && settled.some((v) => !v.granted)) {
    const doubted = checksOf(expandPlan(plan, factsWith(undefined)).checks);
    const dependsOn = (c: RequiredPrivilege | undefined): unknown => (c === undefined ? undefined : opt(c, 'dependsOn'));
    const skippable = (i: number): boolean => dependsOn(doubted[i]) !== dependsOn(first.checks[i]);
    const refusedAnyway = first.judged.some((v, i) => !skippable(i) && !v.granted && opt(v, 'dependsOn') === undefined && opt(v.explanation, 'undecided') === undefined);
    if (!refusedAnyway) settled = (await judge(await closedOf(opt(dnfof, 'closedIndices'), options.admin))).settled;
  }
  const items = await failingItems(settled, opt(dnfof, 'clusterIndices'), aliases, opt(dnfof, 'closedIndices'), options.admin, now);
  const verdicts = respect === true ? respectedOptions(items, path) : items;
  return { verdicts: unreached(verdicts), read: { roles, aliases, subject } };
}

const MGET_SHARD = 'indices:data/read/mget[shard]';

/** `v` undecided for `why` (an item the node fails, or may fail, before judging it). */
function undecidedItem(v: PrivilegeVerdict, why: string): PrivilegeVerdict {
  const before = opt(v.explanation, 'undecided') ?? [];
  return { ...v, granted: false, explanation: { ...v.explanation, granted: false, undecided: before.includes(why) ? before : [why, ...before] } };
}

/**
 * `verdicts` with each item the node fails before judging its privileges, or may fail when the facts are not known,
 * left undecided: granted or not, the item ends in an error that is no privilege refusal. An mget item by
 * singleIndexItemFate (`_`-prefixed, wildcard, data stream, alias over several indices, missing or closed index), a bulk
 * item as write-plan.ts marked it (`failsBefore`: a closed index, an alias without write index, a data stream's rules,
 * require_alias, a missing index not created, a missing pipeline).
 */
async function failingItems(
  verdicts: PrivilegeVerdict[], clusterIndices: readonly string[] | undefined, aliases: IndexAliases | undefined,
  closedGiven: readonly string[] | undefined, admin: CheckPermissionClient | undefined, now: number,
): Promise<PrivilegeVerdict[]> {
  const marked = verdicts.map((v) => { const why = opt(v, 'failsBefore'); return why === undefined ? v : undecidedItem(v, why); });
  const items = marked.filter((v) => v.action === MGET_SHARD && opt(v, 'itemLevel') === true);
  if (items.length === 0) return marked;
  const closed = await closedOf(closedGiven, admin);
  const isStream = (name: string): boolean | undefined => dataStreamFact(aliases, name);
  return marked.map((v) => {
    if (v.action !== MGET_SHARD || opt(v, 'itemLevel') !== true) return v;
    // the item's name as written: an mget item is not split at commas (`a,b` is one missing name)
    const why = (opt(v, 'indices') ?? []).map((name) => singleIndexItemFate(name, clusterIndices, aliases, closed, isStream, now)).find((f) => f.fails !== 'no')?.why;
    return why === undefined ? v : undecidedItem(v, why);
  });
}
