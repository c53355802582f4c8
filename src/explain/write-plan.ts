/**
 * A request's plan expanded into the checks the plugin makes, with what the cluster says about the names it writes to.
 * Measured on 2.19.4 (test/integration/permission-differential.test.ts) and read in OpenSearch's TransportBulkAction,
 * TransportUpdateAction and AutoCreateIndex, and the plugin's PrivilegesEvaluator (auto_create is checked as
 * `indices:admin/create`, auto_put mapping as `indices:admin/mapping/put`):
 * - a write to a missing index that the cluster auto-creates (`action.auto_create_index`) checks `indices:admin/create`
 *   on the name before the shard-level `bulk[s]`; one the cluster does not create fails with 404 before any shard-level
 *   check, as a delete on a missing index does (a delete creates nothing, unless externally versioned);
 * - a document that adds a field to the index's mapping (any document, even `{}`, to a freshly created index without a
 *   template mapping) checks `indices:admin/mapping/put` after the item's action;
 * - an `_update` checks `indices:data/write/update` and, for a missing index, `indices:admin/create`; the bulk actions
 *   follow only when the document exists and the update changes it (a noop does not), or when it is missing and the
 *   request upserts; on a missing document without upsert it ends with 404 (document_missing_exception);
 * - a write through an alias without a write index fails (400) after the top-level checks; the shard-level checks name
 *   the alias (all its members), the mapping update the write index only (write-targets.ts);
 * - the ingest pipelines run after the top-level checks: a missing one fails the item before index creation and the
 *   shard-level checks, one with processors leaves them undecided (`afterPipeline`; ingest-pipelines.ts).
 * What is not known becomes a check's `dependsOn`; `pending` lists the document and mapping facts check-permission
 * may read afterwards, for the refused checks only.
 */
import { and, no, not, or, yes, type Fact, type PipelineFact } from './facts.js';
import { afterPipeline, NO_PIPELINE, pipelineDocument } from './ingest-pipelines.js';
import type { RequestPlan, RequiredPrivilege, WriteItem } from './request-plan.js';
import { isIndexWildcard } from './role-pattern.js';
import { namesThatMustExist } from '../fgac/index-expressions.js';
import { isDateMathExpression } from '../fgac/date-math.js';
import { hasWriteIndex, type ConcreteFact, type ItemFate, type WriteIndexFact } from './write-targets.js';
import { sharedChecks, type ShardMember } from './bulk-shards.js';
import { opt } from '../errors/own.js';

const BULK = 'indices:data/write/bulk';
const BULK_SHARD = 'indices:data/write/bulk[s]';
const CREATE = 'indices:admin/create';
/** The action the plugin checks for a dynamic mapping update (auto_put mapping). */
export const MAPPING_PUT = 'indices:admin/mapping/put';
const ITEM_ACTION: Readonly<Record<WriteItem['op'], string>> = {
  index: 'indices:data/write/index', update: 'indices:data/write/update', delete: 'indices:data/write/delete',
};

export type { Fact };

/** What the cluster says (or is not known to say) about the names a request writes to. */
export interface WriteFacts {
  /** Whether an index, alias or data stream of this name exists. */
  exists(name: string): Fact;
  /** Whether this name is an alias (for `require_alias`). */
  isAlias(name: string): Fact;
  /** Whether the cluster auto-creates a missing index of this name. */
  autoCreates(name: string): Fact;
  /**
   * Whether the existing index a write to this name goes to is open: a write to a closed index fails (400) before the
   * shard-level checks, an `_update` before the bulk actions. Absent: every index is open (requiredPrivileges' view).
   */
  isOpen?(name: string): Fact;
  /** False: mapping updates are not considered (requiredPrivileges' view: no document adds a field). */
  mappings: boolean;
  /** The index a write to this name goes to (an alias's or data stream's write index; null: none). Absent: the name itself. */
  writeIndex?(name: string): WriteIndexFact;
  /**
   * The concrete indices request names resolve to (aliases and data streams to their members, wildcards against the
   * cluster's indices), or why not known. Absent: the names as written (requiredPrivileges' view).
   */
  concrete?(names: readonly string[]): ConcreteFact;
  /** What the ingest pipelines do with the document a write hands them (pipelineDocument). Absent: only a requested pipeline is unknown. */
  pipeline?(w: WriteItem): PipelineFact;
  /** Whether the node fails a bulk item for a data stream's rules before its shard level (write-targets.ts bulkItemFate). Absent: it does not. */
  itemFate?(w: WriteItem): ItemFate;
}


/** Every written index exists, no document adds a field and no index names an ingest pipeline (requiredPrivileges' view). */
export const EXISTING: WriteFacts = { exists: () => yes, isAlias: () => yes, autoCreates: () => yes, isOpen: () => yes, mappings: false };

/** What the pipelines do with `w`'s document (none when it hands them none). */
function pipelineOf(w: WriteItem, facts: WriteFacts): PipelineFact {
  const doc = pipelineDocument(w);
  if (doc === undefined) return NO_PIPELINE;
  const pipeline = opt(facts, 'pipeline');
  if (pipeline !== undefined) return pipeline(w);
  return doc.requested === undefined || doc.requested === '_none' ? NO_PIPELINE : { kind: 'unknown', why: `what the ingest pipeline ${JSON.stringify(doc.requested)} does with the document (not read)` };
}

/** The index a write to `w.index` goes to: itself when created or no alias, else the write index (facts.writeIndex). */
function writeIndexFor(w: WriteItem, target: Target, facts: WriteFacts): WriteIndexFact {
  if (target.state === 'created') return { known: true, value: w.index };
  return opt(facts, 'writeIndex')?.(w.index) ?? { known: true, value: w.index };
}

/** The indices the mapping update of a write names: the write index when it is another name, else the name; unknown: the name, with why. */
function mappingTarget(w: WriteItem, written: WriteIndexFact): { indices: string[]; dependsOn?: string } {
  if (!written.known) return { indices: [w.index], dependsOn: written.why };
  return { indices: [written.value ?? w.index] };
}

/** A fact read afterwards (only when one of `checks` is refused): it makes them certain or drops them. */
export type PendingFact =
  /** Does `document` add a field to the mapping of `index` (`fresh`: an index this request creates)? */
  | { kind: 'mapping'; index: string; document: unknown; fresh: boolean; checks: RequiredPrivilege[] }
  /** Does the single `_update` of `index`/`id` reach the bulk actions (`checks`), and then add a field (`mapping`)? */
  | { kind: 'update'; index: string; id: string | undefined; body: unknown; checks: RequiredPrivilege[]; mapping?: RequiredPrivilege; cas?: WriteItem['cas'] };

/** A plan's checks in the order the plugin makes them, and the facts that may settle some of them. */
export interface ExpandedPlan {
  checks: RequiredPrivilege[];
  pending: PendingFact[];
}

/**
 * Where a write's target stands: whether the creation / shard-level checks happen (Facts); `open`: it is known to be
 * open (or created), so a fact read later about its document or mapping settles its checks.
 */
interface Target { create: Fact; shard: Fact; state: 'exists' | 'created' | 'ends' | 'unknown'; open: boolean; ends?: string }


const CLOSED = (name: string): string => `the index ${name} writes to is closed (index_closed_exception)`;

function targetOf(w: WriteItem, facts: WriteFacts): Target {
  if (opt(w, 'requireAlias') === true) {
    // a name that is not an alias fails (404) before anything is created or written
    const alias = facts.isAlias(w.index);
    const open = alias.known && alias.value ? facts.isOpen?.(w.index) ?? yes : yes;
    const ends = alias.known && !alias.value ? `require_alias, and ${w.index} is no alias (index_not_found_exception)` : open.known && !open.value ? CLOSED(w.index) : undefined;
    return { create: no, shard: and(alias, open), state: alias.known ? (alias.value ? 'exists' : 'ends') : 'unknown', open: open.known && open.value, ...(ends !== undefined ? { ends } : {}) };
  }
  const exists = facts.exists(w.index);
  const creating = w.op !== 'delete' || w.createsIndex === true;
  const auto = creating ? facts.autoCreates(w.index) : no;
  const create = and(not(exists), auto);
  const open = exists.known && !exists.value ? yes : facts.isOpen?.(w.index) ?? yes;
  // it exists (and is open), or it is missing and created: exists or auto (for a delete, auto is false)
  const shard = open.known && open.value ? or(exists, auto) : or(and(exists, open), and(not(exists), auto));
  const state = exists.known && exists.value ? 'exists' : create.known && create.value ? 'created' : shard.known && !shard.value ? 'ends' : 'unknown';
  const ends = !shard.known || shard.value ? undefined : exists.known && exists.value ? CLOSED(w.index)
    : `no such index, and ${w.op === 'delete' ? 'a delete' : 'the cluster (action.auto_create_index)'} does not create it (index_not_found_exception)`;
  return { create, shard, state, open: state === 'created' || (open.known && open.value), ...(ends !== undefined ? { ends } : {}) };
}

/**
 * Whether a write gets to its shard-level checks: its target is reached (it exists and is open, or is created), it has a
 * write index, and (a bulk item) a data stream's rules let it through (facts.itemFate); `why`: why not, when it surely does not.
 */
function passageOf(w: WriteItem, target: Target, written: WriteIndexFact, facts: WriteFacts, created?: ReadonlyMap<string, Fact>): { reach: Fact; why?: string } {
  const fate: ItemFate = w.single ? { fails: 'no' } : opt(facts, 'itemFate')?.(w) ?? { fails: 'no' };
  const why = opt(fate, 'why') ?? '';
  // a bulk delete on a name another item creates: the index exists by the time it goes to its shard
  const createdHere = w.single || w.op !== 'delete' || target.state === 'exists' ? undefined : created?.get(w.index);
  const steps: Array<[Fact, string]> = [
    [createdHere === undefined ? target.shard : or(target.shard, createdHere), opt(target, 'ends') ?? ''],
    // a data stream always has one (its newest backing index), whether or not its name was read
    [streamed(w, facts) ? yes : hasWriteIndex(written), `${w.index} has no write index (illegal_argument_exception)`],
    [fate.fails === 'no' ? yes : fate.fails === 'yes' ? no : { known: false, why }, why],
  ];
  const reach = steps.map(([f]) => f).reduce(and, yes);
  return reach.known && !reach.value ? { reach, why: steps.filter(([f]) => f.known && !f.value).map(([, why]) => why).join('; ') } : { reach };
}

/**
 * Whether bulk item `w` surely names a data stream: an existing name that is no alias, whose write index is still not
 * known (only an alias's or a data stream's can be unknown: facts.writeIndex gives any other name itself).
 */
function streamed(w: WriteItem, facts: WriteFacts): boolean {
  if (w.single || opt(w, 'requireAlias') === true) return false;
  const alias = facts.isAlias(w.index);
  const exists = facts.exists(w.index);
  return alias.known && !alias.value && exists.known && exists.value && opt(facts, 'writeIndex')?.(w.index).known === false;
}

/** The shard-level checks of bulk item `item`, which the node fails before making them (or may: `why`), marked so. */
function failedItem(w: WriteItem, item: number, why: string): RequiredPrivilege[] {
  const indices = [w.index];
  return [BULK_SHARD, ITEM_ACTION[w.op]].map((action) => ({ action, indices, itemLevel: true as const, item, failsBefore: why }));
}

/** `check` when `fact` holds: as is, with dependsOn when unknown, or nothing. */
function when(fact: Fact, check: RequiredPrivilege): RequiredPrivilege[] {
  if (fact.known) return fact.value ? [check] : [];
  return [{ ...check, dependsOn: opt(check, 'dependsOn') === undefined ? fact.why : `${fact.why}; ${check.dependsOn}` }];
}

/**
 * What an update creates when its document is missing: the upserted document, or undefined when it creates none;
 * `scripted`: a scripted upsert, whose script decides what is written and whether anything is (`ctx.op = 'none'`).
 */
export function upsertOf(body: unknown): { document: unknown; scripted?: true } | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  if (b.upsert !== undefined && b.upsert !== null) return b.scripted_upsert === true && b.script !== undefined ? { document: undefined, scripted: true } : { document: b.upsert };
  if (b.doc_as_upsert === true && b.doc !== undefined) return { document: b.doc };
  return undefined;
}

/** The checks of `plan` given `facts`, and the facts to read for the ones that depend on a document or a mapping. */
export function expandPlan(plan: RequestPlan, facts: WriteFacts): ExpandedPlan {
  const reach = reachOf(plan, facts);
  const checks: RequiredPrivilege[] = [...headOf(plan, reach)];
  const pending: PendingFact[] = [];
  const creates = createsOf(plan.writes, facts);
  const created = createdNames(creates, facts);
  // which items share a shard request needs their concrete indices: not in requiredPrivileges' view (no writeIndex)
  const members = opt(facts, 'writeIndex') === undefined ? [] : plan.writes.map((w, i) => memberOf(w, i, facts, created));
  for (const [i, w] of plan.writes.entries()) {
    const byQuery = opt(w, 'byQuery');
    if (byQuery === undefined) {
      expandWrite(w, i, facts, checks, pending, creates, sharedChecks(i, members), created);
      continue;
    }
    // a search of a missing source (a reindex's failed validation) ends the request before it writes anything
    if (reach.known && !reach.value) continue;
    const [from, pendingFrom] = [checks.length, pending.length];
    const hitsOf = opt(byQuery, 'hitsOf');
    if (hitsOf !== undefined) checks.push(...hitWrites(w, hitsOf, facts));
    else expandWrite(w, i, facts, checks, pending, creates, sharedChecks(i, members), created);
    // made only for documents the search finds, which are not known here: nothing read later settles them
    pending.splice(pendingFrom);
    checks.splice(from, checks.length - from, ...checks.slice(from).flatMap((c) => when({ known: false, why: byQuery.why }, c)).flatMap((c) => when(reach, c)));
  }
  checks.push(...(opt(plan, 'tail') ?? []).flatMap((c) => (opt(plan, 'absentEndsAfter') === undefined ? [c] : when(reach, c))));
  return { checks, pending };
}

/**
 * The concrete indices `names` (a by-query request's source) resolve to, the writes of the documents found there:
 * `bulk[s]` and the item's action on them (each bulk item names its hit's `_index`; no index is created and no write
 * index is looked up). Without the cluster's names (requiredPrivileges' view) the names as written; when they cannot
 * be resolved, the names as written marked `namesUnresolved` (undecided even when granted).
 */
function hitWrites(w: WriteItem, names: readonly string[], facts: WriteFacts): RequiredPrivilege[] {
  const pipe = pipelineOf(w, facts);
  if (pipe.kind === 'fails') return [];
  const after = afterPipeline(pipe.kind === 'unknown' ? pipe.why : undefined);
  const resolved = opt(facts, 'concrete')?.(names);
  const unresolved = resolved !== undefined && !resolved.known ? { namesUnresolved: resolved.why } : {};
  const indices = resolved?.known === true ? resolved.value : [...names];
  if (indices.length === 0) return [];
  return [{ action: BULK_SHARD, indices, ...unresolved }, { action: ITEM_ACTION[w.op], indices, ...unresolved }].map(after);
}

/**
 * Whether the request gets past `head[absentEndsAfter]`: every plain name of it exists (else index_not_found there),
 * and a `_reindex`'s validation passes (ReindexValidator, before the search: its sources exist, its dest has an index
 * to write to, existing or created, and that one is not among its sources).
 */
function reachOf(plan: RequestPlan, facts: WriteFacts): Fact {
  const at = opt(plan, 'absentEndsAfter');
  if (at === undefined) return yes;
  const exist = (names: readonly string[]): Fact => [...namesThatMustExist(names), ...names.filter((n) => isDateMathExpression(n) && !isIndexWildcard(n))]
    .map((n) => facts.exists(n)).reduce(and, yes);
  let reach = exist(plan.head[at]?.indices ?? []);
  for (const w of plan.writes) {
    const byQuery = opt(w, 'byQuery');
    const sources = byQuery === undefined ? undefined : opt(byQuery, 'sources');
    if (sources === undefined) continue;
    const target = targetOf(w, facts);
    const written = writeIndexFor(w, target, facts);
    reach = and(and(reach, exist(sources)), and(target.shard, hasWriteIndex(written)));
    const concrete = opt(facts, 'concrete')?.(sources);
    if (concrete === undefined || !written.known || written.value === null) continue;
    reach = and(reach, concrete.known ? { known: true, value: !concrete.value.includes(written.value) } : { known: false, why: `whether ${written.value} is among the indices ${sources.join(',')} resolve to (reindex cannot write into an index it reads from: 400); ${concrete.why}` });
  }
  return reach;
}

/**
 * The `indices:admin/create` check of each name a request creates, by the item that does (the first whose pipelines
 * do not fail it), made once before the shard-level requests; in a bulk its refusal fails every item written to that
 * name (TransportBulkAction), named in `sharedWith`.
 */
function createsOf(writes: readonly WriteItem[], facts: WriteFacts): Map<WriteItem, RequiredPrivilege[]> {
  const out = new Map<WriteItem, RequiredPrivilege[]>();
  const names = new Set<string>();
  for (const [item, w] of writes.entries()) {
    // a single `_update` creates its index itself (expandWrite)
    const pipe = (w.single && w.op === 'update') || names.has(w.index) ? undefined : pipelineOf(w, facts);
    // a missing pipeline fails the item before its index is created
    if (pipe === undefined || pipe.kind === 'fails') continue;
    const others = writes.flatMap((o, i) => (i !== item && !o.single && o.index === w.index && pipelineOf(o, facts).kind !== 'fails' ? [i] : []));
    const level = w.single ? {} : { itemLevel: true as const, item, ...(others.length > 0 ? { sharedWith: others } : {}) };
    const create = when(targetOf(w, facts).create, { action: CREATE, indices: [w.index], ...level }).map(afterPipeline(pipe.kind === 'unknown' ? pipe.why : undefined));
    if (create.length > 0) {
      names.add(w.index);
      out.set(w, create);
    }
  }
  return out;
}

/**
 * Whether each name a bulk creates is created (the creating item's create fact; unknown after a pipeline this SDK
 * does not run): the cluster creates it before any item goes to its shard, so a delete item on it reaches its shard
 * level too (measured on 2.19.4, h241: `index new` + `delete new`, in either order: the delete answers not_found from
 * the shard, not index_not_found).
 */
function createdNames(creates: ReadonlyMap<WriteItem, RequiredPrivilege[]>, facts: WriteFacts): Map<string, Fact> {
  const out = new Map<string, Fact>();
  for (const w of creates.keys()) {
    const pipe = pipelineOf(w, facts);
    out.set(w.index, pipe.kind === 'unknown' ? { known: false, why: pipe.why } : targetOf(w, facts).create);
  }
  return out;
}

/** A bulk item as its shard request sees it (bulk-shards.ts); undefined for a single write or one that fails before. */
function memberOf(w: WriteItem, item: number, facts: WriteFacts, created: ReadonlyMap<string, Fact>): ShardMember | undefined {
  if (w.single) return undefined;
  const pipe = pipelineOf(w, facts);
  if (pipe.kind === 'fails') return undefined;
  const target = targetOf(w, facts);
  const index = opt(facts, 'writeIndex')?.(w.index) ?? { known: true, value: w.index };
  return {
    item, name: w.index, action: ITEM_ACTION[w.op], reach: passageOf(w, target, writeIndexFor(w, target, facts), facts, created).reach, index,
    ...(pipe.kind === 'unknown' ? { rerouted: pipe.why } : {}),
  };
}

/** The head of a plan: what follows `head[absentEndsAfter]` made only when the request gets past it (`reach`). */
function headOf(plan: RequestPlan, reach: Fact): RequiredPrivilege[] {
  const at = opt(plan, 'absentEndsAfter');
  if (at === undefined) return plan.head;
  return [...plan.head.slice(0, at + 1), ...plan.head.slice(at + 1).flatMap((c) => when(reach, c))];
}

function expandWrite(
  w: WriteItem, item: number, facts: WriteFacts, out: RequiredPrivilege[], pending: PendingFact[], creates: ReadonlyMap<WriteItem, RequiredPrivilege[]>,
  shared: RequiredPrivilege[], created: ReadonlyMap<string, Fact>,
): void {
  const level = w.single ? {} : { itemLevel: true as const, item };
  const indices = [w.index];
  const target = targetOf(w, facts);
  const pipe = pipelineOf(w, facts);
  const written = writeIndexFor(w, target, facts);
  if (w.op === 'update' && w.single) {
    // TransportUpdateAction creates a missing index before anything else: its pipelines run in the bulk it then sends
    out.push(...when(target.create, { action: CREATE, indices }));
    expandSingleUpdate(w, target, written, pipe, facts.mappings, out, pending);
    return;
  }
  // the pipelines run first: a missing one fails the item before its index is created and before its shard-level checks
  if (pipe.kind === 'fails') {
    if (!w.single) out.push(...failedItem(w, item, `the node fails bulk item ${item} (${w.index}) before its shard-level checks: the ingest pipeline ${JSON.stringify(pipe.pipeline)} does not exist (illegal_argument_exception)`));
    return;
  }
  const after = afterPipeline(pipe.kind === 'unknown' ? pipe.why : undefined);
  // bulk: the cluster creates each missing index once, before the shard-level requests
  out.push(...(creates.get(w) ?? []));
  // through an alias without a write index the item fails (400) before its shard-level checks, as for a data stream's rules
  const passage = passageOf(w, target, written, facts, created);
  const shard = passage.reach;
  // a bulk item the node fails (or may fail) before its shard-level checks: undecided whatever the roles say
  if (!w.single && opt(w, 'byQuery') === undefined && !(shard.known && shard.value)) {
    out.push(...failedItem(w, item, shard.known ? `the node fails bulk item ${item} (${w.index}) before its shard-level checks: ${opt(passage, 'why') ?? ''}`
      : `whether the node fails bulk item ${item} (${w.index}) before its shard-level checks: ${shard.why}`));
    return;
  }
  out.push(...when(shard, { action: BULK_SHARD, indices, ...level }).map(after), ...when(shard, { action: ITEM_ACTION[w.op], indices, ...level }).map(after));
  // the shard request it shares with other items is judged for all of them (bulk-shards.ts)
  out.push(...shared.flatMap((c) => when(shard, c)).map(after));
  if (!facts.mappings || w.op === 'delete' || opt(w, 'byQuery')?.rewrites === true) return;
  const upsert = w.op === 'update' ? upsertOf(w.document) : undefined;
  // a bulk update on a fresh index finds no document: without upsert it writes nothing
  if (w.op === 'update' && target.state === 'created' && upsert === undefined) return;
  const document = w.op === 'update' ? upsert?.document : w.document;
  const adds: Fact = w.op === 'update' && target.state !== 'created'
    ? { known: false, why: `whether the update of ${w.index}${w.id !== undefined ? `/${w.id}` : ''} writes a document that adds a field to its mapping` }
    : { known: false, why: `whether the document adds a field to the mapping of ${w.index}` };
  // the mapping update names the index the document is written to (an alias's write index)
  const mappedTo = mappingTarget(w, written);
  const mapped = mappedTo.indices;
  const dependsOn = opt(mappedTo, 'dependsOn');
  const mapping = when(and(shard, adds), { action: MAPPING_PUT, indices: mapped, ...level, ...(dependsOn !== undefined ? { dependsOn } : {}) }).map(after);
  out.push(...mapping);
  const fresh = target.state === 'created';
  if (pipe.kind === 'none' && mapping.length > 0 && target.open && (fresh || (target.state === 'exists' && w.op === 'index'))) pending.push({ kind: 'mapping', index: w.index, document, fresh, checks: mapping });
}

/**
 * A single `_update` after its create check: the bulk actions, made as the document decides, once the update has found
 * its write index; `indices:data/write/bulk` before the document's pipelines, the shard-level checks after them.
 */
function expandSingleUpdate(w: WriteItem, target: Target, written: WriteIndexFact, pipe: PipelineFact, mappings: boolean, out: RequiredPrivilege[], pending: PendingFact[]): void {
  const indices = [w.index];
  const upsert = upsertOf(w.document);
  const after = afterPipeline(pipe.kind === 'unknown' ? pipe.why : undefined);
  // a missing pipeline fails the document after the cluster-level bulk action
  const pre: RequiredPrivilege[] = [{ action: BULK }];
  const post: RequiredPrivilege[] = pipe.kind === 'fails' ? [] : [{ action: BULK_SHARD, indices }, { action: ITEM_ACTION.index, indices }];
  const withMapping = mappings && pipe.kind !== 'fails';
  const { indices: mapped, dependsOn: mappedWhy } = mappingTarget(w, written);
  const mappingWhy = (why: string): string => (mappedWhy === undefined ? why : `${why}; ${mappedWhy}`);
  const mappingCheck: RequiredPrivilege = { action: MAPPING_PUT, indices: mapped };
  if (target.state === 'created') {
    // a fresh index holds no document: only an upsert writes one (a scripted one only if its script does)
    if (upsert === undefined) return;
    if (upsert.scripted === true) {
      const why = `whether the script of the scripted upsert of ${w.index}/${w.id ?? ''} writes a document`;
      out.push(...pre.map((c) => ({ ...c, dependsOn: why })), ...post.map((c) => after({ ...c, dependsOn: why })),
        ...(withMapping ? [after({ ...mappingCheck, dependsOn: mappingWhy(`${why}; whether it adds a field to the mapping of ${w.index}`) })] : []));
      return;
    }
    out.push(...pre, ...post.map(after));
    if (!withMapping) return;
    const fresh = after({ ...mappingCheck, dependsOn: mappingWhy(`whether the document adds a field to the mapping of ${w.index}`) });
    out.push(fresh);
    if (pipe.kind === 'none') pending.push({ kind: 'mapping', index: w.index, document: upsert.document, fresh: true, checks: [fresh] });
    return;
  }
  const doc: Fact = { known: false, why: `whether ${w.index}/${w.id ?? ''} exists and the update changes it${upsert !== undefined ? ', or is missing (upserted)' : ''}` };
  // through an alias without a write index the update fails (400) before the bulk actions
  const made = and(and(target.shard, hasWriteIndex(written)), doc);
  const before = pre.flatMap((c) => when(made, c));
  const afterwards = post.flatMap((c) => when(made, c)).map(after);
  const mapping = withMapping ? when(made, { ...mappingCheck, dependsOn: mappingWhy(`whether the written document adds a field to the mapping of ${w.index}`) }).map(after) : [];
  out.push(...before, ...afterwards, ...mapping);
  // the document read settles whether the index is open too (a closed index answers it with an error); what follows
  // a pipeline this SDK does not run stays as it is
  if (target.state === 'exists' && before.length > 0) {
    const settled = pipe.kind === 'unknown' ? before : [...before, ...afterwards];
    const settledMapping = pipe.kind === 'unknown' ? undefined : mapping[0];
    pending.push({ kind: 'update', index: w.index, id: w.id, body: w.document, checks: settled, ...(settledMapping !== undefined ? { mapping: settledMapping } : {}), ...(w.cas !== undefined ? { cas: w.cas } : {}) });
  }
}
