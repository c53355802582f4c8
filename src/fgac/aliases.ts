/**
 * Index aliases and data streams as the plugin (2.19 `IndexPattern.matches`, `ConfigModelV7`
 * `getResolvedIndexPattern`) treats them: a request naming an alias or a data stream is resolved to its
 * concrete member indices, and a role's index pattern covers a concrete index when it matches the
 * index name, the name of its data stream, or the name of any alias the index belongs to. The same
 * holds for DLS, FLS and masked fields: the rules of a pattern on an alias apply to its member indices.
 * A data stream the request names (or a wildcard of it matches) is judged itself too, beside its backing indices
 * (IndexResolverReplacer.resolveTo adds core's dataStreamNames to the indices; an alias's name is not): so data
 * streams are kept apart from aliases in the table (DATA_STREAMS).
 */
import { inputFailure } from './argument-error.js';

/**
 * Where a table lists which of its names are data streams, not aliases (indexAliasesFrom sets it from GET _data_stream):
 * a symbol key, not enumerable, so the names of the table stay alias and stream names only (Object.entries, JSON,
 * spread copies and `for...in` never see it: pass the table itself, or set the key on a table of your own).
 * `Symbol.for`: a table built by another copy of the SDK is read the same.
 */
export const DATA_STREAMS: unique symbol = Symbol.for('opensearch-fgac.indexAliases.dataStreams');

/**
 * Alias or data-stream name -> the concrete indices behind it (data stream: its backing indices); under the key
 * DATA_STREAMS, the names that are data streams. A data stream not so listed is read as an alias (its name replaced
 * by its indices, never judged itself).
 */
export type IndexAliases = Readonly<Record<string, readonly string[]>>;

/** The names `aliases` marks as data streams (under DATA_STREAMS; not in the public type, which consumers must be able to name). */
export function dataStreamsOf(aliases: IndexAliases | undefined): unknown {
  return aliases === undefined ? undefined : (aliases as { readonly [DATA_STREAMS]?: unknown })[DATA_STREAMS];
}

const has = (table: IndexAliases, name: string): boolean => Object.prototype.hasOwnProperty.call(table, name);

/** The alias and data-stream names a concrete index belongs to (in table order, without the index itself). */
export function containersOf(index: string, aliases: IndexAliases | undefined): string[] {
  if (aliases === undefined) return [];
  const out: string[] = [];
  for (const [name, members] of Object.entries(aliases)) {
    if (Array.isArray(members) && members.includes(index) && name !== index) out.push(name);
  }
  return out;
}

/** Each concrete index -> the alias and data-stream names it belongs to (as containersOf answers), from one pass over the table. */
export type ContainerTable = ReadonlyMap<string, readonly string[]>;

/** The ContainerTable of `aliases`: build it once when many indices are looked up (containersOf scans the whole table each time). */
export function containerTable(aliases: IndexAliases | undefined): ContainerTable {
  const out = new Map<string, string[]>();
  if (aliases === undefined) return out;
  for (const [name, members] of Object.entries(aliases)) {
    if (!Array.isArray(members)) continue;
    for (const index of new Set(members)) {
      if (typeof index !== 'string' || index === name) continue;
      const list = out.get(index);
      if (list === undefined) out.set(index, [name]);
      else list.push(name);
    }
  }
  return out;
}

/**
 * The names a role pattern is matched against for a concrete index: the index, then its aliases and data stream
 * (looked up in `table`, when given, instead of scanning `aliases`).
 */
export function coveringNames(index: string, aliases: IndexAliases | undefined, table?: ContainerTable): string[] {
  if (table === undefined) return [index, ...containersOf(index, aliases)];
  const containers = table.get(index);
  return containers === undefined ? [index] : [index, ...containers];
}

/** Whether `name` is one of the table's data streams (listed under DATA_STREAMS, with its backing indices). */
export function isDataStream(aliases: IndexAliases | undefined, name: string): boolean {
  if (aliases === undefined || !has(aliases, name)) return false;
  const streams = dataStreamsOf(aliases);
  return Array.isArray(streams) && streams.includes(name);
}

/**
 * Whether `name` is one of the table's data streams, as far as the table says: true (listed under DATA_STREAMS), false
 * (not in the table, the table lists its streams and not this name, or its members are not named as this stream's
 * backing indices), undefined when the table lists no streams (a spread or JSON copy loses the hidden key, as does a
 * table written by hand) and every member of `name` is named as its backing indices are (`.ds-<name>-...`): then it may
 * be a data stream (an alias cannot point at a backing index) and whether the plugin judges its name is not known.
 * The one reading of "is this a data stream" for the request's names (index-expressions.ts) and writes (local-judge.ts).
 */
export function dataStreamFact(aliases: IndexAliases | undefined, name: string): boolean | undefined {
  if (aliases === undefined || !has(aliases, name)) return false;
  const streams = dataStreamsOf(aliases);
  if (Array.isArray(streams)) return streams.includes(name);
  return looksLikeStream(name, aliases[name]) ? undefined : false;
}

/** Members all named as the backing indices of a data stream `name` (`.ds-<name>-...`). */
const looksLikeStream = (name: string, members: unknown): boolean => Array.isArray(members) && members.length > 0 && members.every((m) => typeof m === 'string' && m.startsWith(`.ds-${name}-`));

/** The table's names dataStreamFact answers true (`streams`) and undefined (`maybe`) for, from one read of the table (`entries`: its Object.entries, when read already). */
export function streamNamesIn(aliases: IndexAliases | undefined, entries?: ReadonlyArray<readonly [string, readonly string[]]>): { streams: string[]; maybe: string[] } {
  if (aliases === undefined) return { streams: [], maybe: [] };
  const marked = dataStreamsOf(aliases);
  if (Array.isArray(marked)) return { streams: marked.filter((s): s is string => typeof s === 'string' && has(aliases, s)), maybe: [] };
  return { streams: [], maybe: (entries ?? Object.entries(aliases)).flatMap(([name, members]) => (looksLikeStream(name, members) ? [name] : [])) };
}

/** Replaces alias and data-stream names by their concrete member indices (other names are kept), without duplicates. */
export function expandAliases(names: readonly string[], aliases: IndexAliases | undefined): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const members = aliases !== undefined && has(aliases, name) ? aliases[name] : undefined;
    for (const n of Array.isArray(members) && members.length > 0 ? members : [name]) out.add(n);
  }
  return [...out];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Builds the table from the bodies of `GET _alias` (`{index: {aliases: {name: {...}}}}`) and, optionally,
 * `GET _data_stream` (`{data_streams: [{name, indices: [{index_name}]}]}`), the streams' names listed under
 * DATA_STREAMS. Malformed parts are skipped.
 */
export function indexAliasesFrom(aliasBody: unknown, dataStreamBody?: unknown): Record<string, string[]> {
  try {
    return indexAliasesFromOf(aliasBody, dataStreamBody);
  } catch (error) {
    throw inputFailure('indexAliasesFrom', error);
  }
}

function indexAliasesFromOf(aliasBody: unknown, dataStreamBody?: unknown): Record<string, string[]> {
  const out = new Map<string, string[]>();
  const streams: string[] = [];
  const add = (name: string, index: string): void => {
    let list = out.get(name);
    if (list === undefined) out.set(name, (list = []));
    if (!list.includes(index)) list.push(index);
  };
  if (isRecord(aliasBody)) {
    for (const [index, entry] of Object.entries(aliasBody)) {
      if (isRecord(entry) && isRecord(entry.aliases)) for (const alias of Object.keys(entry.aliases)) add(alias, index);
    }
  }
  if (isRecord(dataStreamBody) && Array.isArray(dataStreamBody.data_streams)) {
    for (const ds of dataStreamBody.data_streams as unknown[]) {
      if (!isRecord(ds) || typeof ds.name !== 'string' || !Array.isArray(ds.indices)) continue;
      for (const i of ds.indices as unknown[]) if (isRecord(i) && typeof i.index_name === 'string') add(ds.name, i.index_name);
      if (out.has(ds.name) && !streams.includes(ds.name)) streams.push(ds.name);
    }
  }
  const table: Record<string, string[]> = Object.fromEntries(out);
  // not enumerable: the table compares, copies by Object.entries and prints as a plain table of names; set whenever the
  // streams were read (an empty list: no name of the table is a stream, dataStreamFact)
  if (streams.length > 0 || (isRecord(dataStreamBody) && Array.isArray(dataStreamBody.data_streams))) Object.defineProperty(table, DATA_STREAMS, { value: streams, enumerable: false });
  return table;
}
