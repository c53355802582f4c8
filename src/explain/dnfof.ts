/**
 * `do_not_fail_on_forbidden` (config.dynamic of the security plugin's config.yml): for the actions it
 * covers, a request naming indices the user's roles do not all cover is narrowed to the ones they do
 * instead of refused; with `do_not_fail_on_forbidden_empty` a request that keeps none answers empty
 * (when its request type can be narrowed to nothing) instead of 403. Read in the plugin's source
 * (PrivilegesEvaluatorImpl DNFOF_MATCHER and the narrowing after the index check, the same at 2.19.4.0,
 * 3.4.0.0 and 3.8.0.0's default evaluator) and observed on the real 2.19.4 and 3.4.0 nodes
 * (test/integration/dnfof.test.ts).
 */
import { globWalk } from '../fgac/field-patterns.js';
import type { CheckPermissionClient } from './dry-run.js';
import type { PermissionQuery } from './types.js';
import { isIndexWildcard } from './role-pattern.js';
import { expandRequestNames, isAllName } from '../fgac/index-expressions.js';
import { field, opt } from '../errors/own.js';
import { SecurityPrefixReader as SecurityReader } from '../security/prefix.js';

/**
 * The cluster's do_not_fail_on_forbidden flags and index names, as checkPermission's options take them (and
 * explainPermission's query): read with an admin client by readDnfofContext when not given.
 */
export interface DnfofSettings {
  /** `config.dynamic.do_not_fail_on_forbidden` (`GET <prefix>/api/securityconfig`; off when unreadable). */
  doNotFailOnForbidden?: boolean;
  /** `config.dynamic.do_not_fail_on_forbidden_empty`. */
  doNotFailOnForbiddenEmpty?: boolean;
  /** The cluster's index names, against which wildcard expressions are judged as the plugin does (`_cat/indices`). */
  clusterIndices?: readonly string[];
  /**
   * The closed ones among `clusterIndices` (`_cat/indices` status `close`): the plugin's wildcards skip them (explainPermission's
   * query.closedIndices); a write to one fails before its shard checks. Read with `clusterIndices` when not given.
   */
  closedIndices?: readonly string[];
  /**
   * `config.dynamic.respect_request_indices_options` (default false): when on, the plugin resolves a request's names with
   * the request's own index options; the checks whose names those decide (wildcards, `ignore_unavailable`, ...) then
   * carry `dependsOn` (a refusal there is undecided).
   */
  respectRequestIndicesOptions?: boolean;
}

/** The action patterns do_not_fail_on_forbidden applies to (the plugin's DNFOF_MATCHER). */
export const DNFOF_ACTION_PATTERNS: readonly string[] = [
  'indices:data/read/*',
  'indices:admin/mappings/fields/get*',
  'indices:admin/shards/search_shards',
  'indices:admin/resolve/index',
  'indices:monitor/settings/get',
  'indices:monitor/stats',
  'indices:admin/aliases/get',
];

const matches = (pattern: string, s: string): boolean => globWalk(pattern, s, false) === 'match';

/** Whether do_not_fail_on_forbidden applies to `action` (an index-level action the plugin narrows instead of refusing). */
export function dnfofApplies(action: string): boolean {
  return DNFOF_ACTION_PATTERNS.some((p) => matches(p, action));
}

/**
 * What a covered request that keeps no index answers under do_not_fail_on_forbidden_empty (observed on
 * 2.19.4 and 3.4.0): the plugin empties its index list, and an empty list means "nothing" to a search but
 * "every index" to the settings, stats and alias reads, which then answer for every index of the cluster,
 * including the ones the roles do not cover; field_caps answers for every index the roles cover. A
 * document read (get, termvectors, ...) names one index and cannot be emptied: refused.
 */
export type DnfofEmptyAnswer = 'nothing' | 'covered' | 'every-index' | 'refused';

const EMPTY_ANSWERS: ReadonlyArray<readonly [string, DnfofEmptyAnswer]> = [
  ['indices:data/read/search', 'nothing'],
  ['indices:admin/shards/search_shards', 'nothing'],
  ['indices:admin/mappings/fields/get*', 'nothing'],
  ['indices:admin/resolve/index', 'nothing'],
  ['indices:data/read/field_caps', 'covered'],
  ['indices:monitor/settings/get', 'every-index'],
  ['indices:monitor/stats', 'every-index'],
  ['indices:admin/aliases/get', 'every-index'],
];

/** What a covered request of `action` that keeps no index answers under do_not_fail_on_forbidden_empty. */
export function dnfofEmptyAnswer(action: string): DnfofEmptyAnswer {
  return EMPTY_ANSWERS.find(([pattern]) => matches(pattern, action))?.[1] ?? 'refused';
}

/**
 * `names` as core resolves them against the cluster's indices, in order: each wildcard expression replaced by the
 * indices it matches, a `-x` after a wildcard removing what `x` names, other names kept (expandRequestNames).
 */
export function expandIndexWildcards(names: readonly string[], clusterIndices: readonly string[]): string[] {
  return expandRequestNames(names, clusterIndices);
}

/** The cluster's indices and the closed ones among them, as `_cat/indices` lists them. */
export interface IndexStates {
  indices: string[];
  /** Undefined when a row's status is not `open` or `close` (not read). */
  closed?: string[];
}

/**
 * Every index of the cluster (hidden and closed ones too) and which are closed, read with `admin` (`_cat/indices`): the
 * one reading of the cluster's index list and open/closed states; undefined when it cannot be read.
 */
export async function readIndexStates(admin: CheckPermissionClient): Promise<IndexStates | undefined> {
  try {
    const rows = (await admin.transport.request({ method: 'GET', path: '/_cat/indices', querystring: { h: 'index,status', format: 'json', expand_wildcards: 'all' } })).body;
    if (!Array.isArray(rows)) return undefined;
    const indices: string[] = [];
    let closed: string[] | undefined = [];
    for (const r of rows as unknown[]) {
      const row = typeof r === 'object' && r !== null ? r as { index?: unknown; status?: unknown } : {};
      if (typeof row.index !== 'string') continue;
      indices.push(row.index);
      if (row.status === 'close') closed?.push(row.index);
      else if (row.status !== 'open') closed = undefined;
    }
    return closed === undefined ? { indices } : { indices, closed };
  } catch {
    return undefined;
  }
}

/**
 * The settings not given in `options`, read with `admin` (securityconfig, `_cat/indices`); what cannot be read
 * stays unset. The index names are read only when they can change a verdict on `requested` (the indices the
 * checks name): do_not_fail_on_forbidden is on, or one of them is a wildcard expression; with `anyIndex`, whenever
 * an index is named (whether a name exists changes what the plugin checks: see write-plan.ts and
 * explainPermission's names judged as written). `reader`: the call's security reads (security-read.ts).
 */
export async function readDnfofContext(admin: CheckPermissionClient | undefined, options: DnfofSettings, requested: readonly string[], anyIndex = false, reader = new SecurityReader()): Promise<DnfofSettings> {
  // the options' own settings (what a polluted Object.prototype holds is none of them)
  let on = opt(options, 'doNotFailOnForbidden');
  let empty = opt(options, 'doNotFailOnForbiddenEmpty');
  let respect = opt(options, 'respectRequestIndicesOptions');
  if ((on === undefined || empty === undefined || respect === undefined) && admin !== undefined) {
    try {
      const body: unknown = (await reader.get(admin, 'api/securityconfig')).body;
      const at = (o: unknown, key: string): unknown => (o !== null && typeof o === 'object' ? field(o, key) : undefined);
      const dynamic = at(at(body, 'config'), 'dynamic');
      on ??= at(dynamic, 'do_not_fail_on_forbidden') === true;
      empty ??= at(dynamic, 'do_not_fail_on_forbidden_empty') === true;
      respect ??= at(dynamic, 'respect_request_indices_options') === true;
    } catch {
      // not readable by this admin (e.g. without REST API access): off, as the plugin's default
    }
  }
  let indices = opt(options, 'clusterIndices');
  let closed = opt(options, 'closedIndices');
  const wild = requested.some((name) => isIndexWildcard(name) || isAllName(name));
  const needed = on === true || (anyIndex && requested.length > 0) || wild;
  // one read gives both; the closed ones alone only for a wildcard (a write reads them later, when they decide: local-judge.ts).
  // Not readable: wildcard expressions are judged as written (and without the closed ones, a refusal through one is undecided)
  if ((indices === undefined || (closed === undefined && wild)) && admin !== undefined && needed) {
    const states = await readIndexStates(admin);
    if (states !== undefined) {
      indices ??= states.indices;
      closed ??= states.closed;
    }
  }
  return {
    ...(on === true ? { doNotFailOnForbidden: true, doNotFailOnForbiddenEmpty: empty === true } : {}),
    ...(respect === true ? { respectRequestIndicesOptions: true } : {}),
    ...(indices !== undefined ? { clusterIndices: indices } : {}),
    ...(closed !== undefined ? { closedIndices: closed } : {}),
  };
}

/**
 * What do_not_fail_on_forbidden does with a request of `action` on `indices` (dnfof.ts): keeps the covered ones
 * when there are any (or when a wildcard matched no index: nothing to check); otherwise, with the `empty`
 * setting, answers per dnfofEmptyAnswer; else refuses (undefined `narrowedTo`, not allowed).
 */
export function dnfofNarrowed(
  action: string,
  indices: readonly string[],
  covered: ReadonlySet<string>,
  query: PermissionQuery,
  coveredOf: (names: readonly string[]) => ReadonlySet<string>,
): { allowed: boolean; narrowedTo?: string[]; warning?: string } {
  const kept = indices.filter((i) => covered.has(i));
  if (kept.length > 0 || indices.length === 0) return { allowed: true, narrowedTo: kept };
  if (query.doNotFailOnForbiddenEmpty !== true) return { allowed: false };
  const answer = dnfofEmptyAnswer(action);
  if (answer === 'refused') return { allowed: false };
  if (answer === 'nothing') return { allowed: true, narrowedTo: [] };
  const all = query.clusterIndices;
  const what = answer === 'every-index' ? 'every index of the cluster, including those the roles do not cover' : 'every index the roles cover';
  if (all === undefined) return { allowed: true, warning: `with do_not_fail_on_forbidden_empty the plugin answers ${action} for ${what}: pass query.clusterIndices to name them` };
  if (answer === 'every-index') return { allowed: true, narrowedTo: [...all], warning: `with do_not_fail_on_forbidden_empty the plugin answers ${action} for ${what}` };
  const coveredAll = coveredOf(all);
  return { allowed: true, narrowedTo: all.filter((i) => coveredAll.has(i)) };
}
