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
 *   request upserts; on a missing document without upsert it ends with 404 (document_missing_exception).
 * What is not known becomes a check's `dependsOn`; `pending` lists the document and mapping facts check-permission
 * may read afterwards, for the refused checks only.
 */
import type { RequestPlan, RequiredPrivilege, WriteItem } from './request-plan.js';
import { isIndexWildcard } from './role-pattern.js';

const BULK = 'indices:data/write/bulk';
const BULK_SHARD = 'indices:data/write/bulk[s]';
const CREATE = 'indices:admin/create';
/** The action the plugin checks for a dynamic mapping update (auto_put mapping). */
export const MAPPING_PUT = 'indices:admin/mapping/put';
const ITEM_ACTION: Readonly<Record<WriteItem['op'], string>> = {
  index: 'indices:data/write/index', update: 'indices:data/write/update', delete: 'indices:data/write/delete',
};

/** A fact that is known (true / false) or not, with why. */
export type Fact = { known: true; value: boolean } | { known: false; why: string };

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
}

const yes: Fact = { known: true, value: true };
const no: Fact = { known: true, value: false };

/** Every written index exists and no document adds a field (requiredPrivileges' view). */
export const EXISTING: WriteFacts = { exists: () => yes, isAlias: () => yes, autoCreates: () => yes, isOpen: () => yes, mappings: false };

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
interface Target { create: Fact; shard: Fact; state: 'exists' | 'created' | 'ends' | 'unknown'; open: boolean }

const and = (a: Fact, b: Fact): Fact => (a.known && !a.value) || (b.known && !b.value) ? no
  : a.known && b.known ? yes : { known: false, why: [a, b].flatMap((f) => (f.known ? [] : [f.why])).join('; ') };
const or = (a: Fact, b: Fact): Fact => (a.known && a.value) || (b.known && b.value) ? yes
  : a.known && b.known ? no : { known: false, why: [a, b].flatMap((f) => (f.known ? [] : [f.why])).join('; ') };
const not = (a: Fact): Fact => (a.known ? { known: true, value: !a.value } : a);

function targetOf(w: WriteItem, facts: WriteFacts): Target {
  if (w.requireAlias === true) {
    // a name that is not an alias fails (404) before anything is created or written
    const alias = facts.isAlias(w.index);
    const open = alias.known && alias.value ? facts.isOpen?.(w.index) ?? yes : yes;
    return { create: no, shard: and(alias, open), state: alias.known ? (alias.value ? 'exists' : 'ends') : 'unknown', open: open.known && open.value };
  }
  const exists = facts.exists(w.index);
  const creating = w.op !== 'delete' || w.createsIndex === true;
  const auto = creating ? facts.autoCreates(w.index) : no;
  const create = and(not(exists), auto);
  const open = exists.known && !exists.value ? yes : facts.isOpen?.(w.index) ?? yes;
  // it exists (and is open), or it is missing and created: exists or auto (for a delete, auto is false)
  const shard = open.known && open.value ? or(exists, auto) : or(and(exists, open), and(not(exists), auto));
  const state = exists.known && exists.value ? 'exists' : create.known && create.value ? 'created' : shard.known && !shard.value ? 'ends' : 'unknown';
  return { create, shard, state, open: state === 'created' || (open.known && open.value) };
}

/** `check` when `fact` holds: as is, with dependsOn when unknown, or nothing. */
function when(fact: Fact, check: RequiredPrivilege): RequiredPrivilege[] {
  if (fact.known) return fact.value ? [check] : [];
  return [{ ...check, dependsOn: check.dependsOn === undefined ? fact.why : `${fact.why}; ${check.dependsOn}` }];
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
  const checks: RequiredPrivilege[] = [...headOf(plan, facts)];
  const pending: PendingFact[] = [];
  const creates = new Set<string>();
  for (const w of plan.writes) expandWrite(w, facts, checks, pending, creates);
  return { checks, pending };
}

/** The head of a plan: cut after `absentEndsAfter` when one of its plain names does not exist (index_not_found there). */
function headOf(plan: RequestPlan, facts: WriteFacts): RequiredPrivilege[] {
  const at = plan.absentEndsAfter;
  if (at === undefined) return plan.head;
  const plain = (plan.head[at]?.indices ?? []).filter((n) => !isIndexWildcard(n) && !n.startsWith('-') && n !== '_all');
  const all = plain.map((n) => facts.exists(n)).reduce(and, yes);
  return [...plan.head.slice(0, at + 1), ...plan.head.slice(at + 1).flatMap((c) => when(all, c))];
}

function expandWrite(w: WriteItem, facts: WriteFacts, out: RequiredPrivilege[], pending: PendingFact[], creates: Set<string>): void {
  const level = w.single ? {} : { itemLevel: true as const };
  const indices = [w.index];
  const target = targetOf(w, facts);
  // bulk: the cluster creates each missing index once, before the shard-level requests
  if (!creates.has(w.index)) {
    const create = when(target.create, { action: CREATE, indices, ...level });
    if (create.length > 0) creates.add(w.index);
    out.push(...create);
  }
  if (w.op === 'update' && w.single) {
    expandSingleUpdate(w, target, facts.mappings, out, pending);
    return;
  }
  out.push(...when(target.shard, { action: BULK_SHARD, indices, ...level }), ...when(target.shard, { action: ITEM_ACTION[w.op], indices, ...level }));
  if (!facts.mappings || w.op === 'delete') return;
  const upsert = w.op === 'update' ? upsertOf(w.document) : undefined;
  // a bulk update on a fresh index finds no document: without upsert it writes nothing
  if (w.op === 'update' && target.state === 'created' && upsert === undefined) return;
  const document = w.op === 'update' ? upsert?.document : w.document;
  const adds: Fact = w.op === 'update' && target.state !== 'created'
    ? { known: false, why: `whether the update of ${w.index}${w.id !== undefined ? `/${w.id}` : ''} writes a document that adds a field to its mapping` }
    : { known: false, why: `whether the document adds a field to the mapping of ${w.index}` };
  const mapping = when(and(target.shard, adds), { action: MAPPING_PUT, indices, ...level });
  out.push(...mapping);
  const fresh = target.state === 'created';
  if (mapping.length > 0 && target.open && (fresh || (target.state === 'exists' && w.op === 'index'))) pending.push({ kind: 'mapping', index: w.index, document, fresh, checks: mapping });
}

/** A single `_update` after its create check: the bulk actions, made as the document decides. */
function expandSingleUpdate(w: WriteItem, target: Target, mappings: boolean, out: RequiredPrivilege[], pending: PendingFact[]): void {
  const indices = [w.index];
  const upsert = upsertOf(w.document);
  const path: RequiredPrivilege[] = [{ action: BULK }, { action: BULK_SHARD, indices }, { action: ITEM_ACTION.index, indices }];
  const mappingCheck: RequiredPrivilege = { action: MAPPING_PUT, indices };
  if (target.state === 'created') {
    // a fresh index holds no document: only an upsert writes one (a scripted one only if its script does)
    if (upsert === undefined) return;
    if (upsert.scripted === true) {
      const why = `whether the script of the scripted upsert of ${w.index}/${w.id ?? ''} writes a document`;
      out.push(...path.map((c) => ({ ...c, dependsOn: why })), ...(mappings ? [{ ...mappingCheck, dependsOn: `${why}; whether it adds a field to the mapping of ${w.index}` }] : []));
      return;
    }
    out.push(...path);
    if (!mappings) return;
    const fresh = { ...mappingCheck, dependsOn: `whether the document adds a field to the mapping of ${w.index}` };
    out.push(fresh);
    pending.push({ kind: 'mapping', index: w.index, document: upsert.document, fresh: true, checks: [fresh] });
    return;
  }
  const doc: Fact = { known: false, why: `whether ${w.index}/${w.id ?? ''} exists and the update changes it${upsert !== undefined ? ', or is missing (upserted)' : ''}` };
  const made = and(target.shard, doc);
  const checks = path.flatMap((c) => when(made, c));
  const mapping = mappings ? when(made, { ...mappingCheck, dependsOn: `whether the written document adds a field to the mapping of ${w.index}` }) : [];
  out.push(...checks, ...mapping);
  // the document read settles whether the index is open too: a closed index answers it with an error
  if (target.state === 'exists' && checks.length > 0) {
    pending.push({ kind: 'update', index: w.index, id: w.id, body: w.document, checks, ...(mapping[0] !== undefined ? { mapping: mapping[0] } : {}), ...(w.cas !== undefined ? { cas: w.cas } : {}) });
  }
}
