/**
 * The index a write to an alias or data stream goes to: its write index, as OpenSearch's IndexAbstraction gives it
 * (an alias's member flagged `is_write_index: true`, else its only member unless that one is flagged `false`; a data
 * stream's newest backing index). An alias without one fails a write through it with 400 after the top-level checks,
 * before the shard-level `bulk[s]` (measured on 2.19.4: test/integration/permission-ingest-alias.test.ts). The
 * shard-level checks themselves name the alias as written (BulkShardRequest.indices() gives the items' names, so the
 * plugin expands the alias to all its members); the dynamic mapping update names the write index only.
 */
import type { Fact } from './facts.js';
import { field } from '../errors/own.js';
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
): { fails: 'no' | 'yes' | 'unknown'; why?: string } {
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
