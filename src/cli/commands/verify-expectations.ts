/**
 * What `verify` holds each hit to: the caller's roles read as the plugin reads them for the hit's own concrete
 * index, with the aliases and data streams the index belongs to (read with the admin principal).
 */
import { expectationsFromRoles, fieldTypesFromMapping, indexAliasesFrom, type AccessExpectations, type ExpectationsFromRolesOptions, type IndexExpectation, type RoleLike } from '../../index.js';
import type { FieldTypes } from '../../verify/dls/index.js';
import { ConfigError, CredentialsError } from '../../errors/classes.js';
import type { IndexAliases } from '../../fgac/aliases.js';
import type { DlsUser } from '../../verify/dls/index.js';
import type { CliContext } from '../context.js';
import { opt } from '../../errors/own.js';

/** The concrete index of every hit, once each (`--index` may be a pattern, an alias or a list). */
export function hitIndices(body: unknown): string[] {
  const hits = (body as { hits?: { hits?: unknown } } | null)?.hits?.hits;
  if (!Array.isArray(hits)) return [];
  const out = new Set<string>();
  for (const h of hits) if (h !== null && typeof h === 'object' && typeof (h as { _index?: unknown })._index === 'string') out.add((h as { _index: string })._index);
  return [...out];
}

/**
 * One expectation per index the hits name. An index no role covers gets no rule, so its hits are violations. When
 * the aliases or data streams are not known (no admin principal, or reading them failed), an index that some index
 * permission of the caller's roles does not name might still be covered through one of them: its expectation is
 * undecided (its hits unverifiable), and a warning says why.
 */
export async function expectationsPerIndex(ctx: CliContext, roles: Record<string, RoleLike>, indices: string[], user: DlsUser, options: ExpectationsFromRolesOptions, warnings: string[]): Promise<AccessExpectations> {
  const table = indices.length === 0 ? { aliases: undefined } : await aliasesOf(ctx);
  const withAliases = table.aliases !== undefined ? { ...options, aliases: table.aliases } : options;
  const base = expectationsFromRoles(roles, '', user, withAliases);
  const permissions = Object.values(roles).reduce((n, r) => n + (Array.isArray(r?.index_permissions) ? r.index_permissions.length : 0), 0);
  // each index's field types (GET <index>: mappings and settings), so DLS clauses on numbers are decided as the node reads them
  const types = await Promise.all(indices.map((index) => fieldTypesOf(ctx, index)));
  const untyped = indices.filter((_, i) => types[i] === undefined);
  if (untyped.length > 0) warnings.push(`the mappings of ${untyped.join(', ')} could not be read: DLS clauses on numbers (and fields a normalizer may change) are unverifiable there`);
  const perIndex: IndexExpectation[] = indices.map((index, i) => {
    const fieldTypes = types[i];
    const e = expectationsFromRoles(roles, index, user, fieldTypes !== undefined ? { ...withAliases, fieldTypes } : withAliases).indices[0]!;
    if (opt(table, 'unknown') === undefined || opt(e, 'undecided') !== undefined || e.rules.length === permissions) return e;
    return { ...e, undecided: `${table.unknown}, and ${permissions - e.rules.length} index permission(s) of the caller's roles do not name ${index} (they may cover it through an alias or data stream)` };
  });
  const undecided = perIndex.filter((e) => opt(e, 'undecided') !== undefined).map((e) => e.indexPatterns[0]!);
  if (undecided.length > 0) warnings.push(`which grants apply to ${undecided.join(', ')} is unknown: its hits are unverifiable (see each hit's reason)`);
  const ungranted = perIndex.filter((e) => opt(e, 'undecided') === undefined && e.rules.length === 0).map((e) => e.indexPatterns[0]!);
  if (ungranted.length > 0) warnings.push(`no role of the caller covers ${ungranted.join(', ')}: the plugin would return none of its documents`);
  return { ...base, indices: perIndex };
}

/**
 * The field types of `index` (the body of GET <index>), read with the admin principal (the caller without one);
 * undefined when it cannot be read. A configuration or credentials problem is the user's to fix: thrown.
 */
async function fieldTypesOf(ctx: CliContext, index: string): Promise<FieldTypes | undefined> {
  try {
    const res = await ctx.admin().transport.request({ method: 'GET', path: `/${encodeURIComponent(index)}` });
    return fieldTypesFromMapping(res.body);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof CredentialsError) throw e;
    return undefined;
  }
}

/**
 * The aliases and data streams of the cluster, read with the admin principal; `unknown` says why the table is not
 * whole. The caller's own read is no table: the plugin refuses it, or under do_not_fail_on_forbidden shows part of it.
 */
async function aliasesOf(ctx: CliContext): Promise<{ aliases?: IndexAliases; unknown?: string }> {
  if (!ctx.hasAdmin()) return { unknown: 'the aliases and data streams are read only with an admin principal (OPENSEARCH_ADMIN_* variables)' };
  const get = async (path: string): Promise<unknown> => (await ctx.admin().transport.request({ method: 'GET', path })).body;
  let aliasBody: unknown;
  let streams: unknown;
  try {
    aliasBody = await get('/_alias');
    streams = await get('/_data_stream');
  } catch (e) {
    // a configuration or credentials problem of the admin principal is the user's to fix: said, not hidden
    if (e instanceof ConfigError || e instanceof CredentialsError) throw e;
    return { ...(aliasBody !== undefined ? { aliases: indexAliasesFrom(aliasBody) } : {}), unknown: `the ${aliasBody === undefined ? 'aliases' : 'data streams'} could not be read with the admin principal` };
  }
  return { aliases: indexAliasesFrom(aliasBody, streams) };
}
