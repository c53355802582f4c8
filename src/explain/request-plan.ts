/** The shapes of what a request needs: its privilege checks, and its plan before the cluster is consulted. */

/** One privilege check the plugin makes for a request: an action, on indices unless cluster-level. */
export interface RequiredPrivilege {
  action: string;
  /** Indices (or aliases / data streams) named by the request; absent for cluster-level actions. */
  indices?: string[];
  /** True when a refusal shows up as an item error inside a 200 response (bulk, mget, msearch items). */
  itemLevel?: boolean;
  /**
   * The plugin makes this check (or judges these names) only under a fact this SDK does not know, named here (whether an
   * index exists or is auto-created, whether a document exists or an update changes it, whether it adds a field to the
   * mapping): a refusal of it leaves the verdict undecided.
   */
  dependsOn?: string;
  /**
   * Made after an ingest pipeline this SDK does not run (its processors, or pipelines it could not read): the pipeline
   * may send the document to another index, drop it, fail it, change it or make requests of its own, so whether and on
   * which index this check is made is not known (named here). The verdict is then undecided even when every check is
   * granted, unless another check is surely refused.
   */
  afterPipeline?: string;
  /**
   * The concrete indices this check is made on are not known (why named here): the names given stand for them, so
   * granted or not the verdict is undecided, unless another check is surely refused (by-query writes without the
   * cluster's aliases and indices).
   */
  namesUnresolved?: string;
  /** Bulk: the item (its position in the body and in the response's `items`) this check is made for. */
  item?: number;
  /**
   * Bulk: the other items this check is made for too, whose fate its refusal decides as well. The plugin judges a
   * shard request (same concrete index and shard; bulk-shards.ts) once, for all its items' actions on all their names,
   * so a shard-level check names their indices and actions too (`dependsOn` when the sharing is not certain); an
   * index creation fails every item written to the name. An item's answer: the checks naming it in `item` or here.
   */
  sharedWith?: number[];
  /**
   * Bulk: the node fails this item before making this check, whatever the roles say (an item error that is no privilege
   * refusal: a closed index, an alias without write index, a data stream's op rules, ...), or may (`whether ...`): why.
   * Granted or not, the item's answer is undecided (local-judge.ts failingItems), as an mget item's.
   */
  failsBefore?: string;
}

/** What a request needs: the checks in the order the plugin makes them, or `unknown`. */
export type RequestPrivileges = { known: true; checks: RequiredPrivilege[] } | { known: false; reason: string };

/** One document a request writes, whose checks depend on the cluster and the document (expanded by write-plan.ts). */
export interface WriteItem {
  /** The index, alias or data stream named. */
  index: string;
  /** `create` writes as `index` does (`create` tells them apart). */
  op: 'index' | 'update' | 'delete';
  /**
   * An `index` op with op_type create (a `create` action, `_create`, or `op_type: create`): the only write a data stream
   * takes, and one its backing indices refuse (bulk items; write-targets.ts bulkItemFate).
   */
  create?: true;
  /** A bulk item's routing (its own, else the bulk's `?routing`): a data stream refuses a routed write (bulkItemFate). */
  routing?: string;
  /** The `_source` written (index), the update request body (update). */
  document?: unknown;
  /** The document id (single-document requests and bulk items that give one). */
  id?: string;
  /** A single-document request: its refusals are the request's, not an item's. */
  single: boolean;
  /** A delete with external versioning: it auto-creates a missing index, as the other writes do. */
  createsIndex?: boolean;
  /** `require_alias`: a name that is not an alias fails (404) without being created. */
  requireAlias?: boolean;
  /** `if_seq_no` / `if_primary_term` (an `_update` whose document has others ends with 409 before the bulk actions). */
  cas?: { seqNo: number; primaryTerm: number };
  /**
   * The ingest pipeline the request gives the document (a bulk line's `pipeline`, else the bulk's or the single write's
   * `?pipeline`); it replaces the index's `index.default_pipeline`, and the index's final pipeline still runs after it.
   */
  pipeline?: string;
  /**
   * Written by `_delete_by_query`, `_update_by_query` or `_reindex` for the documents their search finds (by-query.ts):
   * its checks are made only when it finds one (`why`), on a document not known here; `rewrites`: a document written
   * back to the index it was read from, which adds no field to the mapping. `hitsOf` (update / delete by query): each
   * document is written to the concrete index it was found in, among those these source names resolve to (`index`
   * only names the request's path); `sources` (`_reindex`): the module validates the dest against them (ReindexValidator,
   * before the search: a missing source 404, a dest without write index or among the sources 400).
   */
  byQuery?: { why: string; rewrites: boolean; hitsOf?: string[]; sources?: string[] };
}

/** A request's checks before the cluster is consulted: `head` in order, then the writes' checks. */
export interface RequestPlan {
  head: RequiredPrivilege[];
  writes: WriteItem[];
  /** A plain name of `head[absentEndsAfter]` that does not exist ends the request there (index_not_found). */
  absentEndsAfter?: number;
  /** Checks made after the writes' (`_reindex`'s next scroll), ended with `head` by `absentEndsAfter`. */
  tail?: RequiredPrivilege[];
  /** What the verdict means for this request beyond allowed / refused (a by-query answered with a task): checkPermission's `reason`. */
  note?: string;
}

/** A plan, or why there is none. */
export type PlanResult = { known: true; plan: RequestPlan } | { known: false; reason: string };
