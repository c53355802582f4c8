/**
 * The index a write to an alias or data stream goes to: its write index, as OpenSearch's IndexAbstraction gives it
 * (an alias's member flagged `is_write_index: true`, else its only member unless that one is flagged `false`; a data
 * stream's newest backing index). An alias without one fails a write through it with 400 after the top-level checks,
 * before the shard-level `bulk[s]` (measured on 2.19.4: test/integration/permission-ingest-alias.test.ts). The
 * shard-level checks themselves name the alias as written (BulkShardRequest.indices() gives the items' names, so the
 * plugin expands the alias to all its members); the dynamic mapping update names the write index only.
 */
import type { Fact } from './facts.js';
import type { WriteItem } from './request-plan.js';
import { field, opt } from '../errors/own.js';
import { expandAliases, type IndexAliases } from '../fgac/aliases.js';
import { resolveDateMath } from '../fgac/date-math.js';
import { expandRequestNames, requestNameKinds } from '../fgac/index-expressions.js';
import { isAllName } from '../fgac/request-names.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Alias or data stream name -> its write index, or null when it has none. */
export type WriteIndices = ReadonlyMap<string, string | null>;

/** The write indices of the aliases in `GET _alias`'s body and the data streams in `GET _data_stream`'s; malformed parts are left out. */
export function writeIndicesFrom(aliasBody: unknown, streamsBody?: unknown): Map<string, string | null> {
  const members = new Map<string, Array<{ index: string; flag: unknown }>>();
  if (isRecord(aliasBody)) {
    for (const [index, entry] of Object.entries(aliasBody)) {
      if (!isRecord(entry) || !isRecord(entry.aliases)) continue;
      for (const [alias, settings] of Object.entries(entry.aliases)) {
        let list = members.get(alias);
        if (list === undefined) members.set(alias, (list = []));
        list.push({ index, flag: isRecord(settings) ? field(settings, 'is_write_index') : undefined });
      }
    }
  }
  const out = new Map<string, string | null>();
  for (const [alias, list] of members) {
    const flagged = list.filter((m) => m.flag === true);
    const only = list.length === 1 && list[0]?.flag !== false ? list[0]?.index : undefined;
    out.set(alias, flagged.length === 1 ? (flagged[0]?.index ?? null) : flagged.length === 0 ? (only ?? null) : null);
  }
  const streams = isRecord(streamsBody) && Array.isArray(streamsBody.data_streams) ? streamsBody.data_streams as unknown[] : [];
  for (const s of streams) {
    if (!isRecord(s) || typeof s.name !== 'string' || !Array.isArray(s.indices)) continue;
    const last = s.indices[s.indices.length - 1] as unknown;
    if (isRecord(last) && typeof last.index_name === 'string') out.set(s.name, last.index_name);
  }
  return out;
}

/** What a write to a name goes to: the name itself, the write index of the alias or data stream of that name, or null (none). */
export type WriteIndexFact = { known: true; value: string | null } | { known: false; why: string };

/**
 * The write index of `name` (already date-math resolved), given whether it is an alias or data stream (`inTable`) and
 * the write indices read (undefined: not read, e.g. aliases passed as options).
 */
export function writeIndexOf(name: string, inTable: boolean, writeIndices: WriteIndices | undefined): WriteIndexFact {
  if (!inTable) return { known: true, value: name };
  const found = writeIndices?.get(name);
  if (found === undefined) return { known: false, why: `which index ${name} writes to (its write index; without one the write fails with 400 before the shard-level checks): read with admin from GET _alias` };
  return { known: true, value: found };
}

/** Whether a write through `name` has an index to go to, as a Fact. */
export function hasWriteIndex(fact: WriteIndexFact): Fact {
  return fact.known ? { known: true, value: fact.value !== null } : fact;
}

/** The concrete indices request names resolve to, or why that is not known. */
export type ConcreteFact = { known: true; value: string[] } | { known: false; why: string };

/**
 * The concrete indices `names` resolve to as core resolves a search's names: date math at `now`, `_all` and wildcards
 * against `clusterIndices` and the alias and data-stream names (expandRequestNames), aliases and data streams to their
 * members. A superset of the indices a search's hits come from (hidden and closed ones included). Not known without
 * the aliases (any name may be one), nor for a wildcard without the cluster's indices.
 */
export function concreteIndicesOf(names: readonly string[], clusterIndices: readonly string[] | undefined, aliases: IndexAliases | undefined, now: number): ConcreteFact {
  const what = `which indices ${names.join(',')} resolve to (the documents found are written to their own index)`;
  if (aliases === undefined) return { known: false, why: `${what}: the aliases are read with admin (GET _alias), or given as options.aliases` };
  const resolved: string[] = [];
  for (const name of names) {
    const date = resolveDateMath(name, now);
    if (date.kind !== 'resolved') return { known: false, why: `${what}: which index ${name} names` };
    resolved.push(date.name);
  }
  const wild = requestNameKinds(resolved).some((k) => k !== 'plain');
  if (wild && clusterIndices === undefined) return { known: false, why: `${what}: the cluster's indices are read with admin, or given as options.clusterIndices` };
  const expanded = wild ? expandRequestNames(resolved, clusterIndices ?? [], aliases) : resolved;
  return { known: true, value: [...new Set(expandAliases(expanded, aliases))].sort() };
}

/** Whether the node fails an item before judging its privileges: `no`, `yes` with why, `unknown` with why. */
export type ItemFate = { fails: 'no' | 'yes' | 'unknown'; why?: string };

/**
 * Why the node fails an mget item naming `written` before any privilege is checked (TransportMultiGetAction resolves
 * each item to ONE open concrete index, `concreteSingleIndex` with strictSingleIndexNoExpandForbidClosed, and answers
 * an item error when it cannot; only then is `indices:data/read/mget[shard]` checked, on that index): a wildcard (not
 * expanded: index_not_found), a data stream (index_not_found), an alias over several indices
 * (illegal_argument_exception), a missing or closed index (index_not_found, index_closed_exception); a name starting
 * with `_` is explainPermission's rule (invalid, already undecided), answered `no` here. `fails`: `no` when the item
 * surely resolves (or is judged elsewhere), `yes` with why, `unknown` with why when the facts needed are not known.
 * Measured on 2.19.4 and 3.4.0: test/integration/h239-item-failures.test.ts.
 */
export function singleIndexItemFate(
  written: string, clusterIndices: readonly string[] | undefined, aliases: IndexAliases | undefined, closed: ReadonlySet<string> | undefined,
  isStream: (name: string) => boolean | undefined, now: number,
): ItemFate {
  const fails = (why: string): { fails: 'yes'; why: string } => ({ fails: 'yes', why: `the node fails the item naming ${written} before judging its privileges (${why})` });
  const unknown = (why: string): { fails: 'unknown'; why: string } => ({ fails: 'unknown', why: `whether the node fails the item naming ${written} before judging its privileges: ${why}` });
  // `_all` resolves to no index without wildcard expansion, as OpenSearch's source reads (not measured): left undecided
  if (isAllName(written)) return unknown('an mget item naming _all resolves to no index as the source reads (not measured)');
  // a name starting with `_`: explainPermission's own rule already leaves it undecided (index-expressions.ts resolutionEnd `invalid`)
  if (written.startsWith('_')) return { fails: 'no' };
  const date = resolveDateMath(written, now);
  if (date.kind !== 'resolved') return { fails: 'no' }; // left to the judgement of the name (date-math.ts: invalid or unsupported)
  const name = date.name;
  if (requestNameKinds([name])[0] !== 'plain') return fails('an mget item names one index: a wildcard or exclusion is not expanded, index_not_found');
  let concrete = name;
  if (aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, name)) {
    const stream = isStream(name);
    if (stream === undefined) return unknown(`whether ${name} is a data stream is not known (the aliases table lost its data-stream marker)`);
    if (stream) return fails('a data stream: index_not_found');
    const members = aliases[name] ?? [];
    if (members.length !== 1) return fails(`the alias has ${members.length} indices: illegal_argument_exception`);
    concrete = members[0] as string;
  } else if (clusterIndices === undefined) {
    return unknown(`whether ${name} exists is not known (pass options.clusterIndices, or admin)`);
  } else if (!clusterIndices.includes(name)) {
    return fails('no such index: index_not_found');
  }
  if (closed === undefined) return unknown(`whether ${concrete} is closed is not known (pass options.closedIndices, or admin)`);
  if (closed.has(concrete)) return fails(`${concrete} is closed: index_closed_exception`);
  return { fails: 'no' };
}

/** What of a bulk item a data stream's rules read: its op, op_type create, compare-and-set and routing. */
export type StreamRuled = Pick<WriteItem, 'op' | 'create' | 'cas' | 'routing'>;

/**
 * Why the node fails a bulk item naming `written` before any shard-level check, for the rules of data streams
 * (TransportBulkAction, before the items are grouped into shard requests; each an item error, never a privilege refusal,
 * whatever the roles say): on a data stream only `create` is taken (index, update and delete: illegal_argument "only write
 * ops with an op_type of create are allowed in data streams"), and not with a custom routing; on a backing index named
 * directly, `create` is refused and `index` too unless it gives if_seq_no / if_primary_term (update and delete pass).
 * The other failures before the shard level (closed index, alias without write index, require_alias, a missing index
 * not created, a missing pipeline) are write-plan.ts's facts. Same shape as singleIndexItemFate; a data stream and a
 * backing index are known from the aliases table (dataStreamFact; no table: no stream, as singleIndexItemFate reads it,
 * but a `.ds-` index may be a backing index). Measured on 2.19.4 and 3.4.0: test/integration/h241-bulk-item-fates.test.ts.
 */
export function bulkItemFate(
  written: string, item: StreamRuled, aliases: IndexAliases | undefined, isStream: (name: string) => boolean | undefined, now: number,
): ItemFate {
  const fails = (why: string): { fails: 'yes'; why: string } => ({ fails: 'yes', why });
  const unknown = (why: string): { fails: 'unknown'; why: string } => ({ fails: 'unknown', why: `whether ${written} is a data stream or a backing index: ${why}` });
  const date = resolveDateMath(written, now);
  if (date.kind !== 'resolved') return unknown(`which index ${written} names`);
  const name = date.name;
  const create = opt(item, 'create') === true;
  const routing = opt(item, 'routing');
  const stream = isStream(name);
  if (stream === undefined) return unknown('the aliases table lost its data-stream marker');
  if (stream) {
    if (!create) return fails(`a data stream takes only op_type create (illegal_argument_exception: only write ops with an op_type of create are allowed in data streams)`);
    if (routing === '') return unknown(`whether an empty routing is a custom routing (a data stream refuses one; not measured)`);
    if (routing !== undefined) return fails('a data stream refuses a custom routing (illegal_argument_exception)');
    return { fails: 'no' };
  }
  // a backing index: update and delete pass, as an index with compare-and-set does
  if (item.op !== 'index' || (!create && opt(item, 'cas') !== undefined)) return { fails: 'no' };
  const backing = backingIndexFact(name, aliases, isStream);
  if (backing === undefined) return unknown(`whether ${name} is a backing index of a data stream is not known (read with admin, or options.aliases with the data streams)`);
  if (!backing) return { fails: 'no' };
  return fails(create
    ? 'a backing index refuses op_type create (illegal_argument_exception: target the data stream instead)'
    : 'a backing index refuses an index op without if_seq_no / if_primary_term (illegal_argument_exception)');
}

/** Whether `name` is a backing index of a data stream of the table; undefined when not known (no table: a `.ds-` name). */
function backingIndexFact(name: string, aliases: IndexAliases | undefined, isStream: (name: string) => boolean | undefined): boolean | undefined {
  if (aliases === undefined) return name.startsWith('.ds-') ? undefined : false;
  let maybe = false;
  for (const [parent, members] of Object.entries(aliases)) {
    if (!Array.isArray(members) || !members.includes(name)) continue;
    const stream = isStream(parent);
    if (stream === true) return true;
    if (stream === undefined) maybe = true;
  }
  return maybe ? undefined : false;
}
