/**
 * Bulk items that share a shard request. OpenSearch's TransportBulkAction groups a bulk's items by shard (the
 * concrete index an item's name resolves to: the index, an alias's or data stream's write index, a date-math name's
 * index; then the shard its `_id` / routing hashes to) and sends one `indices:data/write/bulk[s]` per group. The
 * plugin judges each BulkShardRequest once: `bulk[s]` and the item actions of all its items (PrivilegesEvaluatorImpl
 * evaluateAdditionalIndexPermissions, 2.19.4.0 and 3.4.0.0) on all the names its items used as written
 * (BulkShardRequest.indices(); a date-math name among them makes the plugin judge them all as text, see
 * fgac/index-expressions.ts dateMathFallsBack). One refusal fails every item of the shard request with the same
 * 403; items on other concrete indices or other shards are judged apart. Measured on 2.19.4 and 3.4.0
 * (test/integration/bs53-bulk-shard-groups.test.ts): `index a` + `delete a` are both refused for a role without
 * delete, `index a` + `delete b` only the delete; `<a>` + an alias of `a` are both refused for a role granting `a`
 * (the alias judged by its name), though each alone is granted.
 *
 * Each item that may share its shard request gets checks on the whole group's names and actions (`sharedWith`).
 * Whether items share one is certain only for the same known concrete index with one primary shard; the number of
 * primary shards is read afterwards (bulk-shards-settle.ts), the rest of the doubt is kept apart until then so that the
 * local judge does not drop these checks as unreached.
 */
import type { Fact } from './facts.js';
import type { RequiredPrivilege } from './request-plan.js';
import type { WriteIndexFact } from './write-targets.js';

const BULK_SHARD = 'indices:data/write/bulk[s]';

/** A bulk item as far as its shard request goes. */
export interface ShardMember {
  item: number;
  /** The name the item writes to, as written. */
  name: string;
  /** Its item action (index, delete, update). */
  action: string;
  /** Whether it gets to the shard level (the index exists or is created, an alias has a write index, ...). */
  reach: Fact;
  /** The concrete index it is written to. */
  index: WriteIndexFact;
  /** An ingest pipeline this SDK does not run may send the document elsewhere (why). */
  rerouted?: string;
}

/** What settleSharing needs of a shared check: the concrete index (its shard count) and the doubt about the sharing. */
export const SHARING = Symbol('sharing');
/** The concrete index of a shared check (its shard count decides) and why the sharing itself is in doubt. */
export interface Sharing { index?: string; doubt?: string }
type Shared = RequiredPrivilege & { [SHARING]?: Sharing };

export const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** Why `m` may not be in the shard request of `me` (undefined: it surely is, shards aside). */
function doubtOf(me: ShardMember, m: ShardMember): string | undefined {
  const why = [
    ...(m.reach.known ? [] : [m.reach.why]),
    ...(me.index.known ? [] : [me.index.why]),
    ...(m.index.known ? [] : [m.index.why]),
    ...(m.rerouted !== undefined ? [m.rerouted] : []),
    ...(me.rerouted !== undefined ? [me.rerouted] : []),
  ];
  return why.length === 0 ? undefined : `whether bulk items ${me.item} and ${m.item} go to the same shard request (${unique(why).join('; ')})`;
}

/** May `m` be in the shard request of `me`: it may get to the shard level, and its concrete index may be the same. */
function mayShare(me: ShardMember, m: ShardMember): boolean {
  if (m.item === me.item || (m.reach.known && !m.reach.value)) return false;
  return !(me.index.known && m.index.known && me.index.value !== m.index.value);
}

/**
 * The checks of item `item`'s shard request when other items may share it: `bulk[s]` and every item action of the
 * group, each on all the group's names; none when it is alone. `members` holds every bulk item (undefined: a single write).
 */
export function sharedChecks(item: number, members: ReadonlyArray<ShardMember | undefined>): RequiredPrivilege[] {
  // past the end a read would reach Array.prototype
  const me = item < members.length ? members[item] : undefined;
  if (me === undefined || (me.reach.known && !me.reach.value)) return [];
  const others = members.filter((m): m is ShardMember => m !== undefined && mayShare(me, m));
  if (others.length === 0) return [];
  const doubts = others.flatMap((m) => { const d = doubtOf(me, m); return d === undefined ? [] : [d]; });
  const sharing: Sharing = {
    ...(me.index.known && me.index.value !== null ? { index: me.index.value } : {}),
    ...(doubts.length > 0 ? { doubt: doubts.join('; ') } : {}),
  };
  const indices = unique([me.name, ...others.map((m) => m.name)]);
  const sharedWith = others.map((m) => m.item);
  return unique([BULK_SHARD, me.action, ...others.map((m) => m.action)])
    .map((action): Shared => ({ action, indices, itemLevel: true, item, sharedWith, [SHARING]: sharing }));
}
