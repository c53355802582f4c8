/** `verify`: search as the caller and check DLS, FLS and masks against the caller's roles (exit 1 on a violation). */
import { expectationsFromRoles, indexAliasesFrom, SecurityApi, verifyHits, type AccessExpectations, type ExpectationsFromRolesOptions, type RoleLike, type VerificationReport } from '../../index.js';
import type { IndexAliases } from '../../fgac/aliases.js';
import type { DlsUser } from '../../verify/dls/index.js';
import type { CliContext } from '../context.js';
import { EXIT, type Printer } from '../output.js';
import { UsageError } from '../usage-error.js';
import { readYamlFile } from '../yaml-file.js';
import { filtersSource, searchBody } from './search-body.js';
import { callerSubject } from './subject.js';

/** Options of verify. */
export interface VerifyOptions {
  index: string;
  query?: string;
  size: number;
  /** A YAML/JSON file `{ roleName: role }` used instead of reading the roles with the admin principal. */
  rolesFile?: string;
}

/** Runs verify; exit code 0 when everything verified, 1 on a violation or anything unverifiable. */
export async function verify(ctx: CliContext, out: Printer, options: VerifyOptions): Promise<number> {
  const subject = await callerSubject(ctx);
  out.progress(`reading the roles of ${subject.name}...`);
  const warnings: string[] = [];
  const roles = options.rolesFile !== undefined ? rolesFromFile(options.rolesFile, subject.roles, warnings) : await rolesFromDomain(ctx, subject.roles, warnings);
  out.progress(`searching ${options.index} as ${subject.name}...`);
  const body = searchBody(options.query, options.size);
  const res = await ctx.caller().search({ index: options.index, body });
  const salt = ctx.env('OPENSEARCH_MASKING_SALT');
  const algorithm = ctx.env('OPENSEARCH_MASKING_ALGORITHM');
  // With the salt known, the admin's copy of each hit lets every mask be recomputed exactly.
  const originals = salt !== undefined && ctx.hasAdmin() ? await originalsOf(ctx, res.body) : undefined;
  const fromRoles: ExpectationsFromRolesOptions = {
    ...(salt !== undefined ? { salt } : {}),
    ...(originals !== undefined ? { originals } : {}),
    ...(algorithm !== undefined ? { defaultAlgorithm: algorithm } : {}),
    // a body that filters _source leaves fields out that FLS did not hide: they are not evidence either way
    ...(filtersSource(body) ? { sourceComplete: false } : {}),
  };
  const expectations = await expectationsPerIndex(ctx, roles, hitIndices(res.body), { name: subject.name, roles: subject.backendRoles, securityRoles: subject.roles }, fromRoles, warnings);
  const report = verifyHits(res.body, expectations);
  out.result({ subject, index: options.index, status: report.status, ok: report.ok, counts: report.counts, findings: report.findings, unverifiable: report.unverifiable, warnings });
  printReport(out, subject.name, options.index, report);
  for (const w of warnings) out.line(`  warning: ${w}`);
  return report.status === 'pass' ? EXIT.ok : EXIT.finding;
}

/** The concrete index of every hit, once each (`--index` may be a pattern, an alias or a list). */
function hitIndices(body: unknown): string[] {
  const hits = (body as { hits?: { hits?: unknown } } | null)?.hits?.hits;
  if (!Array.isArray(hits)) return [];
  const out = new Set<string>();
  for (const h of hits) if (h !== null && typeof h === 'object' && typeof (h as { _index?: unknown })._index === 'string') out.add((h as { _index: string })._index);
  return [...out];
}

/**
 * Expectations for each index the hits name, read off the roles as the plugin reads them: a pattern on an alias or
 * data stream of the index counts (aliases read with the admin principal). An index no role covers gets no rule, so
 * its hits are violations; unless the aliases could not be read, when a pattern on an alias might cover it: then it
 * gets no expectation (its hits are unverifiable) and a warning says why.
 */
async function expectationsPerIndex(ctx: CliContext, roles: Record<string, RoleLike>, indices: string[], user: DlsUser, options: ExpectationsFromRolesOptions, warnings: string[]): Promise<AccessExpectations> {
  const aliases = indices.length === 0 ? undefined : await aliasesOf(ctx);
  const base = expectationsFromRoles(roles, '', user, aliases !== undefined ? { ...options, aliases } : options);
  const perIndex = indices.map((index) => expectationsFromRoles(roles, index, user, aliases !== undefined ? { ...options, aliases } : options).indices[0]!);
  const ungranted = perIndex.filter((e) => e.rules.length === 0).map((e) => e.indexPatterns[0]!);
  if (ungranted.length > 0 && aliases === undefined) {
    warnings.push(`no role of the caller names ${ungranted.join(', ')}, and the aliases could not be read (a pattern on an alias could cover it): those hits are unverifiable`);
    return { ...base, indices: perIndex.filter((e) => e.rules.length > 0) };
  }
  if (ungranted.length > 0) warnings.push(`no role of the caller covers ${ungranted.join(', ')}: the plugin would return none of its documents`);
  return { ...base, indices: perIndex };
}

/** The aliases and data streams of the cluster, read with the admin principal (or the caller); undefined when unreadable. */
async function aliasesOf(ctx: CliContext): Promise<IndexAliases | undefined> {
  const get = async (path: string): Promise<unknown> => (await ctx.admin().transport.request({ method: 'GET', path })).body;
  let aliasBody: unknown;
  try {
    aliasBody = await get('/_alias');
  } catch {
    return undefined;
  }
  let streams: unknown;
  try {
    streams = await get('/_data_stream');
  } catch {
    streams = undefined;
  }
  return indexAliasesFrom(aliasBody, streams);
}

/** The admin's `_source` of every hit of `body`, keyed `index/id`. */
async function originalsOf(ctx: CliContext, body: unknown): Promise<Map<string, unknown>> {
  const hits = ((body as { hits?: { hits?: Array<{ _index?: unknown; _id?: unknown }> } }).hits?.hits ?? [])
    .filter((h) => typeof h._index === 'string' && typeof h._id === 'string');
  const map = new Map<string, unknown>();
  if (hits.length === 0) return map;
  const res = await ctx.admin().mget({ body: { docs: hits.map((h) => ({ _index: h._index as string, _id: h._id as string })) } });
  for (const doc of (res.body as { docs?: Array<{ _index?: string; _id?: string; found?: boolean; _source?: unknown }> }).docs ?? []) {
    if (doc.found === true) map.set(`${doc._index}/${doc._id}`, doc._source);
  }
  return map;
}

async function rolesFromDomain(ctx: CliContext, names: string[], warnings: string[]): Promise<Record<string, RoleLike>> {
  const security = new SecurityApi(ctx.admin());
  const entries = await Promise.all(names.map(async (name) => [name, await security.roles.getRaw(name)] as const));
  // the plugin ignores a mapped role without a definition too; said, since it is often a typo in a mapping
  const undefinedRoles = entries.filter((e) => e[1] === undefined).map((e) => e[0]);
  if (undefinedRoles.length > 0) warnings.push(`the caller's role(s) ${undefinedRoles.join(', ')} have no definition on the domain`);
  return Object.fromEntries(entries.filter((e): e is readonly [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined)) as Record<string, RoleLike>;
}

/**
 * The caller's roles as `file` defines them. A file that defines none of them (a typo, another user's file) is a
 * usage error: verifying against it would judge the hits by nothing. One that lacks some is used with a warning:
 * the grants of the missing roles are not counted, so what they would show comes out as a violation.
 */
function rolesFromFile(file: string, names: string[], warnings: string[]): Record<string, RoleLike> {
  const value = readYamlFile('--roles-file', file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--roles-file ${file}: must map role names to role definitions`);
  const all = value as Record<string, RoleLike>;
  const present = names.filter((n) => Object.hasOwn(all, n));
  if (names.length > 0 && present.length === 0) {
    throw new UsageError(`--roles-file ${file}: defines none of the caller's roles (${names.join(', ')}); it defines ${Object.keys(all).slice(0, 20).join(', ') || 'no role'}`);
  }
  const missing = names.filter((n) => !Object.hasOwn(all, n));
  if (missing.length > 0) warnings.push(`--roles-file does not define the caller's role(s) ${missing.join(', ')}: their grants are not counted`);
  return Object.fromEntries(present.map((n) => [n, all[n]!]));
}

function printReport(out: Printer, user: string, index: string, report: VerificationReport): void {
  const c = report.counts;
  const verdict = report.status === 'pass' ? out.paint('green', 'PASS') : report.status === 'violation' ? out.paint('red', 'VIOLATION') : out.paint('yellow', 'UNVERIFIABLE');
  out.line(`${verdict} ${user} on ${index}: ${c.hits} hit(s), ${c.dlsViolations} DLS violation(s), ${c.flsLeaks} FLS leak(s), ${c.unmasked} unmasked, ${c.wrongMasks} wrong mask(s), ${c.unverifiable} unverifiable`);
  for (const f of report.findings.slice(0, 20)) out.line(`  ${f.kind} ${f.index}/${f.id}${f.path ? ` ${f.path}` : ''}`);
  if (report.findings.length > 20) out.line(`  ... and ${report.findings.length - 20} more`);
  for (const u of report.unverifiable.slice(0, 10)) out.line(`  unverifiable ${u.index}/${u.id}${u.path ? ` ${u.path}` : ''}: ${u.reason}`);
}
