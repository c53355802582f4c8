/**
 * Typed models of the security REST API's entities, their wire shapes, and the conversions between the two. Roles
 * are here; internal users, role mappings, action groups and tenants in model-entities.ts (re-exported). Roles are
 * where typing pays off: `dls` is a query object instead of a JSON string, `fls` entries are include/exclude
 * patterns, and masked fields are parsed and validated with the plugin's rules before anything is sent.
 */
import type { ClusterPermission, IndexAction, TenantAction } from '../fgac/action-groups.js';
import { checkDlsText, dlsFailureWords, hasDlsQuery, parseDlsExactly, serializeDls, type DlsQuery } from '../fgac/dls.js';
import { stringList, type IndexPermissionJson, type RoleJson, type TenantPermissionJson, type Writable } from '../fgac/role-shape.js';
import { flsListWarnings, formatFlsEntry, parseFlsPattern, toFlsEntry, type FlsEntry } from '../fgac/fls-entry.js';
import { maskedFieldClashMessage, maskedFieldNameClashes, maskedFieldOverlapMessage, maskedFieldPatternOverlaps, masksId } from '../fgac/masked-field.js';
import { dialectOfMajor, parsePluginVersion, pluginMajorVersion } from '../fgac/plugin-version.js';
import { restContentIssues } from './input-limits.js';
import { SecurityModelError, type ModelIssue } from './model-error.js';
import { apiRoleIssues, modelShapeIssues } from './model-shape.js';
import {
  formatMaskedFieldExpression,
  parseMaskedFieldExpression,
  type MaskedFieldExpression,
  type MaskedFieldParseOptions,
  type PluginDialect,
} from './masked-fields.js';
import { opt } from '../errors/own.js';
import { assertShape, copy, descriptionOf, flagsOf } from './model-convert.js';
import type { Stored } from './model-entities.js';

export {
  fromApiActionGroup, fromApiRoleMapping, fromApiTenant, fromApiUser, toApiActionGroup, toApiRoleMapping, toApiTenant, toApiUser,
  type ActionGroup, type ApiActionGroup, type ApiRoleMapping, type ApiTenant, type ApiUser, type InternalUser, type RoleMapping, type Stored,
  type Tenant, type UserShape,
} from './model-entities.js';

// ---------------------------------------------------------------------------------------------------------
// Wire shapes (what GET returns and PUT/PATCH accept). Roles, mappings and action groups: fgac/role-shape.ts.

export type { ResourceFlags } from '../fgac/role-shape.js';
/** An index permission as the API stores it. */
export type ApiIndexPermission = Writable<IndexPermissionJson>;
/** A tenant permission as the API stores it. */
export type ApiTenantPermission = Writable<TenantPermissionJson>;
/** A role as the API stores it. */
export type ApiRole = Writable<RoleJson>;

// ---------------------------------------------------------------------------------------------------------
// Typed models.

/** A masked field: an expression string (`Dest`, `Dest::SHA-256`, `Dest::/x/::y`) or its parsed form. */
export type MaskedField = string | MaskedFieldExpression;

/** An index permission with typed DLS, FLS and masking. */
export interface IndexPermission {
  index_patterns: string[];
  allowed_actions?: IndexAction[];
  /** A query DSL object; a string is passed through verbatim (and is what unparseable server values become). */
  dls?: DlsQuery | string;
  /** Typed entries, or the plugin's own strings (`~secret`, `name*`). */
  fls?: Array<FlsEntry | string>;
  masked_fields?: MaskedField[];
}

/** A tenant permission. */
export interface TenantPermission {
  tenant_patterns: string[];
  allowed_actions?: TenantAction[];
}

/** A role. */
export interface Role {
  description?: string;
  cluster_permissions?: ClusterPermission[];
  index_permissions?: IndexPermission[];
  tenant_permissions?: TenantPermission[];
}

/** Errors (which would be rejected or break evaluation) and warnings (accepted but probably not meant). */
export interface ValidationReport {
  errors: ModelIssue[];
  warnings: ModelIssue[];
}

/** Options shared by the conversions. */
export interface ModelOptions {
  /** Plugin generation whose masked-field rules apply (default `v2`). */
  dialect?: PluginDialect;
  /** Extra MessageDigest names the domain offers. */
  extraAlgorithms?: MaskedFieldParseOptions['extraAlgorithms'];
  /** Skip client-side validation (default false). */
  skipValidation?: boolean;
  /**
   * OpenSearch version the role is meant for, e.g. `3.8.0` (validateRole only): from 3.8 on, string values
   * longer than 256 characters (a long `dls`) warn, because that version's REST API refuses them.
   */
  pluginVersion?: string;
}

/** The objects of a list the server returned (anything else is skipped). */
function records<T extends object>(list: readonly T[] | undefined): T[] {
  return Array.isArray(list) ? (list as readonly T[]).filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}


/** An FLS entry as the API writes it; the plugin's own string form (`~secret`) is accepted as is. */
function flsSource(entry: FlsEntry | string): string {
  return typeof entry === 'string' ? entry : formatFlsEntry(entry);
}

function maskedToString(field: MaskedField): string {
  return typeof field === 'string' ? field : formatMaskedFieldExpression(field);
}

/** Validates a role on the client: masked fields, FLS patterns, DLS and required index patterns. */
export function validateRole(role: Role, options: ModelOptions = {}): ValidationReport {
  const shape = modelShapeIssues('roles', role);
  if (shape.length > 0) return { errors: shape, warnings: [] };
  const errors: ModelIssue[] = [];
  const warnings: ModelIssue[] = [];
  // a version without a dialect names its generation (3.4.0 is v3); neither: v2, the documented default
  const major = pluginMajorVersion(opt(options, 'pluginVersion'));
  const dialect = opt(options, 'dialect') ?? (major === undefined ? 'v2' : dialectOfMajor(major));
  // the version decides what a DLS text the plugin cannot read does (dls.ts dlsRules); without one, the dialect's major
  const dlsVersion = opt(options, 'pluginVersion') ?? (dialect === 'v3' ? '3' : '2');
  const minorKnown = opt(options, 'pluginVersion') !== undefined || dialect !== 'v3';
  (opt(role, 'index_permissions') ?? []).forEach((perm, i) => {
    const patterns = opt(perm, 'index_patterns');
    const dls = opt(perm, 'dls');
    const fls = opt(perm, 'fls') ?? [];
    const at = `index_permissions[${i}]`;
    if (!Array.isArray(patterns) || patterns.length === 0) {
      warnings.push({ path: `${at}.index_patterns`, message: 'no index patterns: the permission applies to no index', exact: false });
    }
    if (typeof dls === 'string' && hasDlsQuery(dls, dlsVersion)) {
      const check = checkDlsText(dls, { rawVariables: true, pluginVersion: dlsVersion });
      if (check.status === 'rejected') {
        // a 3.x dialect without pluginVersion: 3.0-3.5 and 3.6+ differ, so the words name both
        const effect = minorKnown || check.effect === 'search-fails' ? check.effect : undefined;
        warnings.push({ path: `${at}.dls`, message: `${check.message} (the plugin accepts it on PUT; ${dlsFailureWords(effect)})`, exact: false });
      }
      else if (check.status === 'ignored-text' || check.status === 'too-deep') warnings.push({ path: `${at}.dls`, message: check.message, exact: false });
    }
    fls.forEach((entry, j) => {
      const path = `${at}.fls[${j}]`;
      const parsed = parseFlsPattern(flsSource(entry), { dialect });
      if (!parsed.ok) errors.push({ path, message: parsed.error.message, exact: parsed.error.exact });
      else parsed.warnings.forEach((message) => warnings.push({ path, message, exact: false }));
    });
    const flsEntries = fls.map((entry) => (typeof entry === 'string' ? toFlsEntry(entry) : entry));
    flsListWarnings(flsEntries).forEach((message) => warnings.push({ path: `${at}.fls`, message, exact: false }));
    const maskedSources: string[] = [];
    (opt(perm, 'masked_fields') ?? []).forEach((field, j) => {
      const path = `${at}.masked_fields[${j}]`;
      let source: string;
      try {
        source = maskedToString(field);
      } catch (err) {
        errors.push({ path, message: err instanceof Error ? err.message : String(err), exact: false });
        return;
      }
      maskedSources.push(source);
      const parsed = parseMaskedFieldExpression(source, { dialect, extraAlgorithms: opt(options, 'extraAlgorithms') });
      if (!parsed.ok) errors.push({ path, message: parsed.error.message, exact: parsed.error.exact });
      else {
        parsed.warnings.forEach((message) => warnings.push({ path, message, exact: false }));
        if (masksId(parsed.expression.field)) warnings.push({ path, message: `${JSON.stringify(parsed.expression.field)} also matches the metadata field _id: the plugin masks every hit's _id (seen on 2.19 and 3.4), so hits no longer name their documents`, exact: false });
      }
    });
    for (const clash of maskedFieldNameClashes(maskedSources, dialect)) warnings.push({ path: `${at}.masked_fields`, message: maskedFieldClashMessage(clash), exact: false });
    for (const overlap of maskedFieldPatternOverlaps(maskedSources)) warnings.push({ path: `${at}.masked_fields`, message: maskedFieldOverlapMessage(overlap), exact: false });
  });
  warnings.push(...restLimitWarnings(role, options));
  return { errors, warnings };
}

/** validateRole's warnings for what the REST API of `options.pluginVersion` refuses for its content (input-limits.ts). */
function restLimitWarnings(role: Role, options: ModelOptions): ModelIssue[] {
  const version = opt(options, 'pluginVersion');
  if (version !== undefined && (typeof version !== 'string' || parsePluginVersion(version) === undefined)) {
    throw new TypeError(`validateRole: options.pluginVersion must be a version such as 3.8.0, got ${typeof version === 'string' ? JSON.stringify(version) : typeof version}`);
  }
  const dialect = opt(options, 'dialect');
  if (version === undefined && dialect !== 'v3') return [];
  return restContentIssues(toApiRole(role, { ...options, skipValidation: true }), version, dialect === 'v3')
    .map((issue) => ({ ...issue, message: `${issue.message}; roles.yml loaded by securityadmin is not limited` }));
}

/** Converts a typed role into the API's shape (DLS serialised, FLS `~` prefixes, masked-field strings). Throws {@link SecurityModelError}. */
export function toApiRole(role: Role, options: ModelOptions = {}): ApiRole {
  assertShape('roles', 'role', role);
  if (!opt(options, 'skipValidation')) {
    const { errors } = validateRole(role, options);
    if (errors.length > 0) throw new SecurityModelError('role', errors);
  }
  // the model's own fields read, the API's built as literals: neither reaches what a polluted Object.prototype holds
  const description = opt(role, 'description');
  const cluster = opt(role, 'cluster_permissions');
  const index = opt(role, 'index_permissions');
  const tenant = opt(role, 'tenant_permissions');
  return {
    ...(description !== undefined ? { description } : {}),
    ...(cluster !== undefined ? { cluster_permissions: [...cluster] } : {}),
    ...(index !== undefined ? {
      index_permissions: index.map((perm): ApiIndexPermission => {
        const dls = opt(perm, 'dls');
        const fls = opt(perm, 'fls');
        const masked = opt(perm, 'masked_fields');
        const actions = opt(perm, 'allowed_actions');
        return {
          // absent patterns are the empty list the plugin stores for them (validateRole warns that it matches nothing)
          index_patterns: [...(opt(perm, 'index_patterns') ?? [])],
          ...(dls !== undefined ? { dls: typeof dls === 'string' ? dls : serializeDls(dls) } : {}),
          ...(fls !== undefined ? { fls: fls.map(flsSource) } : {}),
          ...(masked !== undefined ? { masked_fields: masked.map(maskedToString) } : {}),
          ...(actions !== undefined ? { allowed_actions: [...actions] } : {}),
        };
      }),
    } : {}),
    ...(tenant !== undefined ? {
      tenant_permissions: tenant.map((perm): ApiTenantPermission => {
        const actions = opt(perm, 'allowed_actions');
        return { tenant_patterns: [...(opt(perm, 'tenant_patterns') ?? [])], ...(actions !== undefined ? { allowed_actions: [...actions] } : {}) };
      }),
    } : {}),
  };
}

/** Converts a role as returned by the API into the typed model (DLS parsed; unparseable DLS stays a string). */
export function fromApiRole(json: ApiRole, options: Pick<ModelOptions, 'dialect' | 'extraAlgorithms'> = {}): Stored<Role> {
  const misread = apiRoleIssues(json);
  if (misread.length > 0) throw new SecurityModelError('role as the server returned it', misread);
  const dialect = opt(options, 'dialect');
  const extraAlgorithms = opt(options, 'extraAlgorithms');
  return {
    ...flagsOf(json),
    ...descriptionOf(json),
    cluster_permissions: copy(opt(json, 'cluster_permissions')) ?? [],
    index_permissions: records(opt(json, 'index_permissions')).map((api): IndexPermission => {
      const text = opt(api, 'dls');
      let dls: IndexPermission['dls'];
      if (typeof text === 'string' && text !== '') {
        try {
          dls = parseDlsExactly(text) ?? text;
        } catch {
          dls = text;
        }
      }
      return {
        index_patterns: copy(opt(api, 'index_patterns')) ?? [],
        allowed_actions: copy(opt(api, 'allowed_actions')) ?? [],
        ...(dls !== undefined ? { dls } : {}),
        fls: stringList(opt(api, 'fls')).map(toFlsEntry),
        masked_fields: stringList(opt(api, 'masked_fields')).map((source) => {
          const parsed = parseMaskedFieldExpression(source, { dialect, extraAlgorithms });
          return parsed.ok && maskedToString(parsed.expression) === source ? parsed.expression : source;
        }),
      };
    }),
    tenant_permissions: records(opt(json, 'tenant_permissions')).map((api) => ({
      tenant_patterns: copy(opt(api, 'tenant_patterns')) ?? [],
      allowed_actions: copy(opt(api, 'allowed_actions')) ?? [],
    })),
  };
}
