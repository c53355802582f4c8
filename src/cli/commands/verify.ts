/** `verify`: search as the caller and check DLS, FLS and masks against the caller's roles (exit 1 on a violation). */
import { SecurityApi, verifyHits, type ExpectationsFromRolesOptions, type RoleLike, type VerificationReport } from '../../index.js';
import { subjectOf } from '../../explain/subject.js';
import { detectVersion } from '../../explain/check-permission.js';
import { knownVersion } from '../../explain/local-judge.js';
import { ConfigError } from '../../errors/classes.js';
import { expectationsPerIndex, hitIndices } from './verify-expectations.js';
import type { CliContext } from '../context.js';
import { EXIT, type Printer } from '../output.js';
import { UsageError } from '../usage-error.js';
import { readYamlFile } from '../yaml-file.js';
import { filtersSource, searchBody } from './search-body.js';
import { isRecord } from '../../verify/compiled-rules.js';
import { searchAnswerState } from '../../verify/response-hits.js';
import type { Subject } from './subject.js';
import { opt } from '../../errors/own.js';
import { defaultAlgorithmProblem } from '../../fgac/masking.js';
import { modelShapeIssues } from '../../security/model-shape.js';
import { SECTIONS } from './desired-file.js';
import { keyPath, readRoleGrants } from '../../verify/read-inputs.js';

/** Options of verify. */
export interface VerifyOptions {
  index: string;
  query?: string;
  /** `--size`; unset: the query file's own size, else DEFAULT_SIZE. */
  size?: number;
  /** A YAML/JSON file `{ roleName: role }` used instead of reading the roles with the admin principal. */
  rolesFile?: string;
}

/** Runs verify; exit code 0 when everything verified, 1 on a violation or anything unverifiable. */
export async function verify(ctx: CliContext, out: Printer, options: VerifyOptions): Promise<number> {
  // before anything is sent: a blank masking variable is a configuration error naming it
  const salt = maskingVariable(ctx, 'OPENSEARCH_MASKING_SALT');
  const algorithm = maskingAlgorithm(maskingVariable(ctx, 'OPENSEARCH_MASKING_ALGORITHM'));
  // the principals' configuration (no request is sent to make a client), then the files: a usage error in them is
  // said before the domain is asked anything
  const [caller, admin] = [ctx.caller(), ctx.admin()];
  const body = searchBody(opt(options, 'query'), opt(options, 'size'));
  const rolesFile = opt(options, 'rolesFile');
  const rolesDoc = rolesFile !== undefined ? readRolesFile(rolesFile) : undefined;
  // authinfo, with the values of an internal user's attr.internal.* read by the admin principal (for ${attr...} in patterns and DLS)
  // the plugin version, detected as checkPermission detects it (admin first, then the caller): the rules that differ by version follow it
  const [who, pluginVersion] = await Promise.all([subjectOf(caller, undefined, admin), detectVersion([admin, caller])]);
  const subject: Subject = { name: who.name ?? '', backendRoles: [...(who.backendRoles ?? [])], roles: [...(who.roles ?? [])], source: 'authinfo' };
  out.progress(`reading the roles of ${subject.name}...`);
  const warnings: string[] = [];
  const roles = rolesDoc !== undefined && rolesFile !== undefined ? rolesFromFile(rolesDoc, rolesFile, subject.roles, warnings) : await rolesFromDomain(ctx, subject.roles, warnings);
  out.progress(`searching ${options.index} as ${subject.name}...`);
  // the node resolved the roles' date-math patterns at some instant of this search: between sending and the answer
  const searchFrom = Date.now();
  const res = await caller.search({ index: options.index, body });
  const searchedAt = { from: searchFrom, to: Date.now() };
  // verifyHits judges the hits an answer holds: a partial answer leaves documents out unseen, which a pass must not hide
  const partial = isRecord(res.body) && isRecord(res.body.hits) && Array.isArray(res.body.hits.hits) ? searchAnswerState(res.body, res.body.hits.hits.length).problem : undefined;
  if (partial !== undefined) warnings.push(`the search answer is partial or inconsistent (${partial}): the hits it holds are judged, the documents it left out are not`);
  // With the salt known, the admin's copy of each hit lets every mask be recomputed exactly.
  const originals = salt !== undefined && ctx.hasAdmin() ? await originalsOf(ctx, res.body) : undefined;
  const fromRoles: ExpectationsFromRolesOptions = {
    searchedAt,
    ...knownVersion(pluginVersion),
    ...(salt !== undefined ? { salt } : {}),
    ...(originals !== undefined ? { originals } : {}),
    ...(algorithm !== undefined ? { defaultAlgorithm: algorithm } : {}),
    // a body that filters _source leaves fields out that FLS did not hide: they are not evidence either way
    ...(filtersSource(body) ? { sourceComplete: false } : {}),
    ...(opt(who, 'attributeNames') !== undefined ? { attributeNames: who.attributeNames } : {}),
  };
  const user = { name: subject.name, roles: subject.backendRoles, securityRoles: subject.roles, ...(opt(who, 'attributes') !== undefined ? { attributes: who.attributes } : {}) };
  const report = await expectationsPerIndex(ctx, roles, hitIndices(res.body), user, fromRoles, warnings)
    .then((expectations) => verifyHits(res.body, expectations))
    .catch((e: unknown) => {
      // a role of --roles-file the library cannot read: named as the flag's file (the library names only `roles["x"]`)
      if (rolesFile !== undefined && e instanceof ConfigError && /^roles\[/.test(e.option)) throw new UsageError(`--roles-file ${rolesFile}: ${e.message}`);
      throw asMaskingVariableError(e);
    });
  out.result({ subject, index: options.index, status: report.status, ok: report.ok, counts: report.counts, findings: report.findings, unverifiable: report.unverifiable, warnings });
  printReport(out, subject.name, options.index, report);
  for (const w of warnings) out.line(`  warning: ${w}`);
  return report.status === 'pass' ? EXIT.ok : EXIT.finding;
}

/** A masking variable: unset or empty is unset (as fromEnv reads variables); whitespace alone is a configuration error naming it. */
function maskingVariable(ctx: CliContext, name: string): string | undefined {
  const value = ctx.env(name);
  if (value === undefined || value === '') return undefined;
  if (value.trim() === '') throw new ConfigError(name, `${name}: is only whitespace; give a value or leave the variable unset (empty)`);
  return value;
}

/**
 * OPENSEARCH_MASKING_ALGORITHM as the plugin's setting takes it (fgac/masking.ts defaultAlgorithmProblem): any other
 * value (a typo such as SHA-265) would recompute no mask, so it is a configuration error naming the variable.
 */
function maskingAlgorithm(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = defaultAlgorithmProblem(value);
  if (problem !== undefined) throw new ConfigError('OPENSEARCH_MASKING_ALGORITHM', `OPENSEARCH_MASKING_ALGORITHM: ${problem}`);
  return value;
}

/** The library names its own options (`expectations.salt`): here they come from the masking variables, named instead. */
function asMaskingVariableError(e: unknown): unknown {
  if (!(e instanceof ConfigError)) return e;
  const name = /(?:^|\.)salt$/.test(e.option) ? 'OPENSEARCH_MASKING_SALT' : /(?:^|\.)defaultAlgorithm$/.test(e.option) ? 'OPENSEARCH_MASKING_ALGORITHM' : undefined;
  return name === undefined ? e : new ConfigError(name, e.message.split(e.option).join(name));
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
 * The role definitions of `--roles-file`: a mapping of role names, each checked for shape as `-f` checks a role (an
 * unknown key such as `dsl` for `dls` was dropped silently, and the hits judged without that DLS). A roles-as-code
 * file (`roles:` and the other sections of `-f`) is read for its `roles` section. `name`, which a role of the
 * library's RoleLike may carry, is accepted.
 */
function readRolesFile(file: string): Record<string, RoleLike> {
  const where = `--roles-file ${file}`;
  const value = readYamlFile('--roles-file', file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${where}: must map role names to role definitions`);
  // the plugin's own roles.yml carries a `_meta` section (type, config_version): no role
  const { _meta: _ignored, ...roles } = rolesSection(value as Record<string, unknown>, where);
  for (const [name, role] of Object.entries(roles)) {
    // first as the library reads a role (the types of what it uses, its messages), then the keys as -f checks them
    try {
      readRoleGrants(keyPath('roles', name), role);
    } catch (e) {
      if (e instanceof ConfigError && /^roles\[/.test(e.option)) throw new UsageError(`${where}: ${e.message}`);
      throw e;
    }
    const { name: _name, ...rest } = role as Record<string, unknown>;
    const issues = modelShapeIssues('roles', rest);
    if (issues.length > 0) throw new UsageError(`${where}: ${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  return roles as Record<string, RoleLike>;
}

/**
 * The roles of a --roles-file document: the document itself, or its `roles` section when it is a roles-as-code file
 * (every key a section name of -f, and one of them not shaped like a role).
 */
function rolesSection(doc: Record<string, unknown>, where: string): Record<string, unknown> {
  const sections = new Set<string>(Object.values(SECTIONS).flat());
  const keys = Object.keys(doc).filter((k) => k !== '_meta');
  const sectioned = keys.length > 0 && keys.every((k) => sections.has(k)) && keys.some((k) => modelShapeIssues('roles', doc[k]).length > 0);
  if (!sectioned) return doc;
  const roles = Object.hasOwn(doc, 'roles') ? doc.roles : undefined;
  if (roles === undefined) throw new UsageError(`${where}: is a roles-as-code file (sections ${keys.join(', ')}) without a roles section`);
  if (roles === null || typeof roles !== 'object' || Array.isArray(roles)) throw new UsageError(`${where}: roles: must map role names to role definitions`);
  return roles as Record<string, unknown>;
}

/**
 * The caller's roles as `file` defines them. A file that defines none of them (a typo, another user's file) is a
 * usage error: verifying against it would judge the hits by nothing. One that lacks some is used with a warning:
 * the grants of the missing roles are not counted, so what they would show comes out as a violation.
 */
function rolesFromFile(all: Record<string, RoleLike>, file: string, names: string[], warnings: string[]): Record<string, RoleLike> {
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
  for (const f of report.findings.slice(0, 20)) out.line(`  ${f.kind} ${f.index}/${f.id}${opt(f, 'path') ? ` ${f.path}` : ''}`);
  if (report.findings.length > 20) out.line(`  ... and ${report.findings.length - 20} more`);
  for (const u of report.unverifiable.slice(0, 10)) out.line(`  unverifiable ${u.index}/${u.id}${opt(u, 'path') ? ` ${u.path}` : ''}: ${u.reason}`);
}
