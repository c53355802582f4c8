import { d as MaskRegexReplacement, I as IndexPermissionJson, R as RoleJson, A as ActionGroupJson, b as RoleMappingJson } from './role-shape-ZTCjTHaq.js';
import { d as FgacUser, S as SecurityExceptionError } from './permission-errors-DJiM4zlv.js';
import '@opensearch-project/opensearch';
import 'node:util';

/**
 * Default-mask flavours, named like the values of `plugins.security.masked_fields.algorithm.default`:
 * `BLAKE2B` = 3.x (salt passed as BLAKE2b salt), `BLAKE2B_LEGACY_DEFAULT` = 1.x/2.x (salt passed as
 * BLAKE2b personalization; in 3.x the setting value that restores it).
 */
type MaskingAlgorithm = 'BLAKE2B' | 'BLAKE2B_LEGACY_DEFAULT';
/** Cluster-side masking configuration. */
interface MaskingOptions {
    /** `plugins.security.compliance.salt` (string: first 16 UTF-8 bytes used; bytes: first 16). Default `e1ukloTsQlOgPquJ`. */
    salt?: string | Uint8Array;
    /**
     * Default algorithm: `BLAKE2B_LEGACY_DEFAULT` (default, 1.x/2.x), `BLAKE2B` (3.x), or a Java
     * MessageDigest name the cluster setting names (e.g. `SHA-256`) to hash plain `field` entries with.
     */
    defaultAlgorithm?: MaskingAlgorithm | string;
    /**
     * Security plugin / OpenSearch version (e.g. `2.19.4`, `3.1.0`); only the major matters.
     * Default: 3 when `defaultAlgorithm` is `BLAKE2B`, else 2. In 3.x `BLAKE2B_LEGACY_DEFAULT` also
     * overrides `field::ALGO` digests, regexes must be wrapped in `/.../`, and strings inside arrays
     * of objects are masked (2.x leaves them as they are).
     */
    pluginVersion?: string;
}
/** Options of `maskValue`. */
interface MaskValueOptions extends MaskingOptions {
    /** The masked_fields entry; default: a plain field (default algorithm). */
    expression?: string;
}
/** One `/regex/::replacement` step (the regex without the surrounding slashes). */
type RegexReplacement = MaskRegexReplacement;
/** A parsed masked_fields entry. */
interface ParsedMaskedField {
    /** The entry as written. */
    source: string;
    /** Field pattern (exact, `*`/`?` wildcards or `/regex/`). */
    field: string;
    kind: 'default' | 'digest' | 'regex';
    /** Java MessageDigest name as written (kind `digest`). */
    algorithm?: string;
    /** Replacement chain (kind `regex`). */
    replacements?: RegexReplacement[];
    /** Set when the plugin accepts the entry but this library cannot reproduce its output. */
    unsupported?: string;
}
/**
 * Parses a masked_fields entry and throws MaskingExpressionError (with the plugin's message) exactly
 * when the plugin rejects it (3.x FieldMaskingExpression rules and wording for 3.x options, 2.x
 * MaskedField otherwise). Entries the plugin accepts but this library cannot reproduce carry `unsupported`.
 */
declare function parseMaskedField(expression: string, opts?: Pick<MaskingOptions, 'pluginVersion' | 'defaultAlgorithm'>): ParsedMaskedField;
/**
 * The masked form of a string value, byte for byte as the plugin produces it (the value's UTF-8
 * bytes are hashed; lone surrogates count as `?` like Java's encoder).
 * Throws MaskingExpressionError for entries the plugin rejects and UnsupportedMaskingError for
 * entries it accepts but that cannot be reproduced here.
 */
declare function maskValue(value: string, opts?: MaskValueOptions): string;
/** True for a string shaped like a default mask: 64 lowercase hex characters. */
declare function isMaskShaped(value: unknown): boolean;

/**
 * Applies masked_fields to a `_source` document the way the plugin does: only string values are
 * masked (numbers, booleans and null pass), strings directly inside arrays are masked, nested
 * objects match on dotted paths; 3.x also masks strings inside arrays of objects, 2.x does not.
 * When several entries match a field, the first one wins.
 */
declare function maskDocument<T>(source: T, expressions: readonly string[], opts?: MaskingOptions): T;

/** One-off match of `candidate` against a WildcardMatcher pattern. */
declare function matchesFieldPattern(pattern: string, candidate: string): boolean;

/** One role's FLS list, or several roles' lists (one array per role). */
type FlsRules = readonly string[] | readonly (readonly string[])[];
/** Options mirroring plugin settings. */
interface FlsOptions {
    /** `plugins.security.dfm_empty_overrides_all` (default false). */
    dfmEmptyOverridesAll?: boolean;
}
/** A compiled FLS rule set. */
interface CompiledFls {
    /** `all` = no restriction; `include` = only listed fields; `exclude` = all but listed fields. */
    readonly mode: 'all' | 'include' | 'exclude';
    /** The effective patterns (as written). */
    readonly patterns: readonly string[];
    /**
     * Whether the field at `path` is visible. `kind` `object` also accepts the parent objects of
     * included fields; `leaf` does not; `any` (default) accepts either.
     */
    isVisible(path: string, kind?: 'leaf' | 'object' | 'any'): boolean;
}
/** Whether a field path is visible under the rules (see `CompiledFls.isVisible`). */
declare function isFieldVisible(path: string, rules: FlsRules | CompiledFls, kind?: 'leaf' | 'object' | 'any', opts?: FlsOptions): boolean;
/** The field paths (objects and leaves) of `doc` that remain visible under the rules. */
declare function visibleFields(doc: unknown, rules: FlsRules | CompiledFls, opts?: FlsOptions): string[];
/** The document as the rules let a user see it (hidden fields removed, emptied parents kept). */
declare function filterDocument<T>(doc: T, rules: FlsRules | CompiledFls, opts?: FlsOptions): T;

/** The principal whose attributes DLS variables refer to. */
interface DlsUser {
    /** `${user.name}` */
    name?: string;
    /** Backend roles: `${user.roles}` */
    roles?: readonly string[];
    /** Security (mapped) roles: `${user.securityRoles}` */
    securityRoles?: readonly string[];
    /** Custom attributes by full name, e.g. `{ 'attr.internal.dept': 'sales' }` (`${attr.internal.dept}`). */
    attributes?: Readonly<Record<string, string>>;
}

/** Types of the local DLS evaluator: results, field types, evaluation options. */

/** Outcome of evaluating a DLS query against a document. */
interface DlsResult {
    /** `unverifiable` when the evaluator cannot decide with certainty (never a pass). */
    result: 'match' | 'no-match' | 'unverifiable';
    /** Why the result is unverifiable (or which clause decided a no-match). */
    reason?: string;
}
/** Mapping information for one field path. */
interface FieldTypeInfo {
    /** OpenSearch field type (`keyword`, `text`, `boolean`, `long`, `float`, `date`, ...). */
    type: string;
    /** keyword `ignore_above` */
    ignoreAbove?: number;
    /** date `format` */
    format?: string;
    /** text `analyzer` / `search_analyzer` */
    analyzer?: string;
    searchAnalyzer?: string;
    /** keyword `normalizer` */
    normalizer?: string;
    /** set when the mapping defines `null_value` */
    hasNullValue?: boolean;
    /** For multi-fields (`title.keyword`): the source field whose values it indexes. */
    sourceField?: string;
}
/** Field path -> mapping info (see `fieldTypesFromMapping`). */
type FieldTypes = Readonly<Record<string, FieldTypeInfo | string>>;
/** Options for evaluating DLS against one document. */
interface DlsEvalOptions {
    /** Field types (from the index mapping). Without them only booleans and numbers are typed. */
    fieldTypes?: FieldTypes;
    /** The document `_id` (for `ids` queries). */
    id?: string;
    /** The user for variable substitution. */
    user?: DlsUser;
    /** Fields whose values in `doc` are not the indexed ones (hidden by FLS, masked, not returned). */
    unknownField?: (path: string) => boolean;
    /** OpenSearch / plugin version (e.g. `2.19.4`): variable substitution differs between 1.x/2.x and 3.x. */
    pluginVersion?: string;
}

/** Evaluates one DLS query (the role's string, or an already parsed object) against a document. */
declare function evaluateDls(query: string | object, doc: unknown, opts?: DlsEvalOptions): DlsResult;

/**
 * Flattens an index mapping (the body of `GET index/_mapping`, one index's `mappings`, or a
 * `properties` object) into field path -> type info, multi-fields included.
 */
declare function fieldTypesFromMapping(mapping: unknown): Record<string, FieldTypeInfo>;

/**
 * Index aliases and data streams as the plugin (2.19 `IndexPattern.matches`, `ConfigModelV7`
 * `getResolvedIndexPattern`) treats them: a request naming an alias or a data stream is resolved to its
 * concrete member indices, and a role's index pattern covers a concrete index when it matches the
 * index name, the name of its data stream, or the name of any alias the index belongs to. The same
 * holds for DLS, FLS and masked fields: the rules of a pattern on an alias apply to its member indices.
 */
/** Alias or data-stream name -> the concrete indices behind it (data stream: its backing indices). */
type IndexAliases = Readonly<Record<string, readonly string[]>>;
/**
 * Builds the table from the bodies of `GET _alias` (`{index: {aliases: {name: {...}}}}`) and, optionally,
 * `GET _data_stream` (`{data_streams: [{name, indices: [{index_name}]}]}`). Malformed parts are skipped.
 */
declare function indexAliasesFrom(aliasBody: unknown, dataStreamBody?: unknown): Record<string, string[]>;

/** One `index_permissions` entry of a role, as the security REST API returns it. */
type RoleIndexPermission = IndexPermissionJson;
/** A role as the security plugin's REST API represents it, with an optional name for reports. */
type RoleLike = RoleJson & {
    name?: string;
};
/** One grant (index_permissions entry) that applies to an index. */
interface IndexRule {
    /** Role name, for reports. */
    role?: string;
    /** DLS query string; absent = this grant does not restrict documents. */
    dls?: string;
    /** FLS patterns; absent/empty = this grant does not restrict fields. */
    fls?: readonly string[];
    /** masked_fields entries; absent/empty = this grant masks nothing. */
    maskedFields?: readonly string[];
}
/** What the roles promise for indices matching `indexPatterns`. */
interface IndexExpectation {
    /** Index name patterns (`*`, `?`, `/regex/`). */
    indexPatterns: readonly string[];
    /** The grants that apply (merged the way the plugin merges several roles). */
    rules: readonly IndexRule[];
    /** Field types for DLS evaluation (e.g. `fieldTypesFromMapping(GET index/_mapping)`). */
    fieldTypes?: FieldTypes;
    /** Per-index override of the cluster masking options. */
    masking?: MaskingOptions;
}
/** Original documents (as an unrestricted principal sees them), keyed `${_index}/${_id}`, or a lookup. */
type OriginalsSource = ReadonlyMap<string, unknown> | ((index: string, id: string) => unknown);
/** Everything `verifyHits` checks a response against. */
interface AccessExpectations {
    indices: readonly IndexExpectation[];
    /** The user (for `${user.name}` etc. in DLS queries). */
    user?: DlsUser;
    /** Compliance salt; when known (with originals) masks are recomputed exactly. */
    salt?: string | Uint8Array;
    /** Masking flavour (`BLAKE2B_LEGACY_DEFAULT` for 1.x/2.x, `BLAKE2B` for 3.x) or a digest name. */
    defaultAlgorithm?: MaskingAlgorithm | string;
    /** OpenSearch / plugin version, e.g. `2.19.4` (see MaskingOptions). */
    pluginVersion?: string;
    /** Original `_source` documents; enable exact DLS evaluation and mask comparison. */
    originals?: OriginalsSource;
    /** `plugins.security.dfm_empty_overrides_all` (default false). */
    dfmEmptyOverridesAll?: boolean;
    /** False when the request filtered `_source` (fields absent for that reason cannot be judged). Default true. */
    sourceComplete?: boolean;
    /** When true, masks checked only for shape (salt or original unknown) count as unverifiable. */
    strictMasks?: boolean;
    /**
     * Aliases and data streams (name -> concrete member indices, see `indexAliasesFrom`): a hit's `_index` is
     * also matched against expectations given for an alias or data stream it belongs to.
     */
    aliases?: IndexAliases;
    /**
     * DLS verdicts decided elsewhere, e.g. by the cluster (`verifyHitsWithServer`); `undefined` for a hit
     * falls back to the local evaluator.
     */
    dlsVerdict?: (index: string, id: string) => DlsResult | undefined;
}
/** Options of `expectationsFromRoles`. */
type ExpectationsFromRolesOptions = Omit<AccessExpectations, 'indices' | 'user'> & {
    /** Field types for DLS evaluation of this index. */
    fieldTypes?: FieldTypes;
};
/**
 * Builds expectations for one index from role definitions (the plugin's role JSON): every
 * index_permissions entry whose index_patterns match the index contributes its DLS, FLS and
 * masked fields (allowed_actions do not matter, as in the plugin). With `options.aliases`, a pattern on an
 * alias or data stream the index belongs to counts too.
 */
declare function expectationsFromRoles(roles: readonly RoleLike[] | Readonly<Record<string, RoleLike>>, index: string, user?: DlsUser, options?: ExpectationsFromRolesOptions): AccessExpectations;

/** What `verifyHits` reports: findings, unverifiable items, per-hit outcomes and their tally. */

/** A violation of what the roles promise. */
interface Finding {
    kind: 'dls-violation' | 'fls-leak' | 'unmasked' | 'wrong-mask' | 'inconsistent-mask';
    index: string;
    id: string;
    /** Field path (dotted) when the finding concerns a field. */
    path?: string;
    /** Where in the hit: `_source`, `fields`, `highlight`. */
    location?: '_source' | 'fields' | 'highlight';
    /** The masked_fields entry concerned. */
    expression?: string;
    detail: string;
}
/** Something that could not be decided (never counted as a pass). */
interface UnverifiableItem {
    aspect: 'dls' | 'fls' | 'mask' | 'hit';
    index: string;
    id: string;
    path?: string;
    reason: string;
}
/** Outcome of one hit. */
interface HitReport {
    index: string;
    id: string;
    status: 'pass' | 'violation' | 'unverifiable';
    /** DLS decision for the hit (`match` when the index has no DLS). */
    dls: DlsResult;
    findings: Finding[];
    unverifiable: UnverifiableItem[];
    /** Masked values recomputed and compared exactly. */
    masksRecomputed: number;
    /** Masked values checked for shape (and consistency) only. */
    masksShapeChecked: number;
}
/** Result of `verifyHits`. */
interface VerificationReport {
    /** True when no violation was found (unverifiable items may remain; see `status`). */
    ok: boolean;
    /** `pass` only when everything was verified and nothing violated. */
    status: 'pass' | 'violation' | 'unverifiable';
    hits: HitReport[];
    /** All findings, including cross-hit mask inconsistencies. */
    findings: Finding[];
    unverifiable: UnverifiableItem[];
    counts: {
        hits: number;
        passedHits: number;
        violatingHits: number;
        unverifiableHits: number;
        dlsViolations: number;
        flsLeaks: number;
        unmasked: number;
        wrongMasks: number;
        inconsistentMasks: number;
        unverifiable: number;
        masksRecomputed: number;
        masksShapeChecked: number;
    };
}

/** A search hit as verifyHits reads it. */
interface SearchHit {
    _index: string;
    _id: string;
    _source?: unknown;
    fields?: Record<string, unknown>;
    highlight?: Record<string, unknown>;
}
/** Checks the hits of a search response against the expectations; never throws on violations. */
declare function verifyHits(response: unknown, expectations: AccessExpectations): VerificationReport;
/** Options of `assertAccess`. */
interface AssertAccessOptions {
    /** Accept unverifiable items (default false: they fail the assertion too). */
    allowUnverifiable?: boolean;
}
/** Verifies and throws AccessViolationError (carrying the report) unless every hit passes. */
declare function assertAccess(response: unknown, expectations: AccessExpectations, options?: AssertAccessOptions): VerificationReport;

/** The part of an opensearch-js `Client` the server check uses (`client.transport.request`). */
interface DlsReaderClient {
    transport: {
        request(params: {
            method: string;
            path: string;
            body?: string;
        }): Promise<{
            body: unknown;
        }>;
    };
}
/** Options of {@link serverDlsVerdicts} and {@link verifyHitsWithServer}. */
interface ServerDlsOptions {
    /** A principal that reads the indices without DLS of its own (e.g. the master user). */
    reader: DlsReaderClient;
    /** Ids per search (default 500). */
    batchSize?: number;
}
/** What the cluster said about the hits: `index\u0000id` -> verdict, plus the groups it could not judge. */
interface ServerDlsVerdicts {
    verdicts: Map<string, DlsResult>;
    /** Searches that failed (their hits keep the local verdict), with the error message. */
    failures: Array<{
        index: string;
        ids: number;
        error: string;
    }>;
}
/** `verifyHits` with DLS decided by the cluster; `dlsByServer` counts the hits whose DLS verdict is the cluster's. */
type ServerVerificationReport = VerificationReport & {
    dlsByServer: number;
    dlsFailures: ServerDlsVerdicts['failures'];
};
/** Asks the cluster, through `options.reader`, whether each hit of `response` matches its index's DLS queries. */
declare function serverDlsVerdicts(response: unknown, expectations: AccessExpectations, options: ServerDlsOptions): Promise<ServerDlsVerdicts>;
/**
 * `verifyHits` where the cluster decides DLS (see {@link serverDlsVerdicts}); FLS and masking are checked
 * locally as before, and hits the cluster could not judge keep the local DLS evaluator's verdict.
 */
declare function verifyHitsWithServer(response: unknown, expectations: AccessExpectations, options: ServerDlsOptions): Promise<ServerVerificationReport>;

/** Anything with an opensearch-js style `search(params)` returning `{ body }`. */
interface SearchClientLike {
    search(params: CompareSearchRequest): Promise<{
        body: unknown;
    }>;
}
/** The search request (opensearch-js `search()` parameters). */
interface CompareSearchRequest {
    index?: string | string[];
    body?: Record<string, unknown>;
    [param: string]: unknown;
}
/** Differences for one document present in both results. */
interface DocumentDifference {
    index: string;
    id: string;
    /** Field paths present for the reference but absent for the subject. */
    hiddenFields: string[];
    /** Field paths whose string values differ (masked for the subject). */
    maskedFields: string[];
    /** Of `maskedFields`, those whose subject value is shaped like a default mask (64 hex). */
    hashShapedFields: string[];
    /** Field paths whose non-string values differ, or that only the subject sees. */
    otherChanges: string[];
}
/** Result of `compareAccess`. */
interface AccessComparison {
    reference: {
        total: number;
        returned: number;
    };
    subject: {
        total: number;
        returned: number;
    };
    /** True when both principals' pages hold every hit (so `missing` is exact). */
    complete: boolean;
    /** Documents the reference sees and the subject does not (index/id); exact only for the reference's page. */
    missing: Array<{
        index: string;
        id: string;
    }>;
    /** Reference documents absent from the subject's page while the subject has more hits than it returned. */
    unresolved: Array<{
        index: string;
        id: string;
    }>;
    /** Documents only the subject sees (should be empty). */
    extra: Array<{
        index: string;
        id: string;
    }>;
    /** Documents in both, with their differences (only documents with at least one difference). */
    documents: DocumentDifference[];
    totals: {
        /** Exact count when both pages are complete, else an estimate from the totals (reference total - subject total). */
        missing: number;
        extra: number;
        common: number;
        /** path -> number of common documents where it is hidden */
        hiddenFields: Record<string, number>;
        /** path -> number of common documents where it is masked */
        maskedFields: Record<string, number>;
    };
}
/** Runs `request` as both principals and reports the differences (see AccessComparison). */
declare function compareAccess(referenceClient: SearchClientLike, subjectClient: SearchClientLike, request: CompareSearchRequest): Promise<AccessComparison>;

/** The error `assertAccess` throws; the masking and regex errors live in fgac/errors.ts. */

/** Thrown by `assertAccess` when a response shows what the roles do not allow (or could not be verified). */
declare class AccessViolationError extends Error {
    readonly report: VerificationReport;
    name: string;
    /** `report`: the full verification report, kept on the error. */
    constructor(message: string, report: VerificationReport);
}

/**
 * Errors for what the security plugin computes (masked-field expressions, Java regular expressions,
 * digests), thrown alike by role validation (`security/`) and response verification (`verify/`).
 */
/**
 * A masked-field expression, regular expression or replacement the security plugin itself would
 * reject (or fail on); the message is worded like the plugin's / the JDK's.
 */
declare class MaskingExpressionError extends Error {
    name: string;
    /** The offending expression (masked_fields entry, regex or replacement). */
    readonly expression: string;
    constructor(message: string, expression: string);
}
/**
 * A `java.util.regex.PatternSyntaxException` equivalent: the message has the JDK's layout
 * (`<description> near index <n>`, the pattern, a caret line).
 */
declare class JavaPatternSyntaxError extends MaskingExpressionError {
    name: string;
    /** The JDK's description, e.g. `Dangling meta character '*'`. */
    readonly description: string;
    /** Index into the pattern (as the JDK reports it; -1 when the JDK reports none). */
    readonly index: number;
    constructor(description: string, pattern: string, index: number);
}
/**
 * A construct the plugin accepts (Java regex feature, digest provider, JDK-version dependent
 * behaviour) that this library cannot reproduce exactly; raised instead of returning a value that
 * might silently differ from the server's.
 */
declare class UnsupportedMaskingError extends Error {
    name: string;
    /** The expression, pattern or algorithm concerned. */
    readonly expression: string;
    /** Short name of the unsupported feature, e.g. `possessive quantifier`. */
    readonly feature: string;
    constructor(feature: string, expression: string, detail?: string);
}
/** A Java regular-expression feature that JavaScript lacks or implements differently. */
declare class UnsupportedJavaRegexError extends UnsupportedMaskingError {
    name: string;
}

/** What `explainPermission` and `explainSecurityException` take and return. */

/** An index permission as far as action privileges go: the REST API JSON shape (`SecurityApi.roles.listRaw()`) or the typed model. */
type PermissionIndexRule = Pick<IndexPermissionJson, 'index_patterns' | 'allowed_actions'>;
/** A role as far as action privileges go: the REST API JSON shape or the typed `Role` model. */
type PermissionRole = Pick<RoleJson, 'cluster_permissions'> & {
    index_permissions?: readonly PermissionIndexRule[];
};
/** A custom action group: the REST API JSON shape (`SecurityApi.actionGroups.listRaw()`), the typed model, or just its members. */
type PermissionActionGroup = Pick<ActionGroupJson, 'allowed_actions'> | readonly string[];
/** A role mapping as far as users and backend roles go (REST API JSON shape or the typed model). */
type PermissionRoleMapping = Pick<RoleMappingJson, 'users' | 'backend_roles' | 'and_backend_roles'>;
/** Role definitions keyed by role name. */
type PermissionRoles = Readonly<Record<string, PermissionRole>>;
/** Custom action groups keyed by name; they are added to (and override) the static catalogue. */
type PermissionActionGroups = Readonly<Record<string, PermissionActionGroup>>;
/**
 * Who asks: the mapped roles to evaluate and what `${...}` variables in index patterns resolve to. `name` and
 * `attributes` are the DLS user's; note that `roles` here are the mapped security roles (authinfo `roles`):
 * only these roles are evaluated (absent: every role given), and `backendRoles` are what `${user.roles}` means.
 */
type PermissionSubject = Pick<DlsUser, 'name' | 'attributes'> & {
    roles?: readonly string[];
    backendRoles?: readonly string[];
};
/** The question `explainPermission` answers. */
interface PermissionQuery {
    /** The action, e.g. `indices:data/read/search` or `cluster:monitor/health`. */
    action: string;
    /**
     * Index-level actions: the index (or indices; a comma-separated string is split) the request targets;
     * `*` or `_all` stands for all indices. Names are matched against role patterns literally, so a wildcard
     * expression is only covered by a pattern that matches it as a string. Absent: which patterns grant the
     * action on any index. Ignored for cluster-level actions.
     */
    index?: string | readonly string[];
    user?: PermissionSubject;
    /**
     * Aliases and data streams (name -> concrete member indices, e.g. `indexAliasesFrom(GET _alias)`): a requested
     * alias is resolved to its members, and a role pattern covers an index when it matches the index, its data
     * stream or one of its aliases, as the plugin does. `indices` and grants then name the concrete indices.
     */
    aliases?: IndexAliases;
    /**
     * Plugin version whose `${...}` substitution rules apply to index patterns: 1.x/2.x (default) replace exact
     * references only; 3.x also honours `${name:-default}`.
     */
    pluginVersion?: string;
}
/** Whether the plugin checks an action against `cluster_permissions` or `index_permissions`. */
type ActionLevel = 'cluster' | 'index';
/** One way a role grants the action. */
interface PermissionGrant {
    role: string;
    permission: ActionLevel;
    /** The index pattern as written in the role (index permissions only). */
    pattern?: string;
    /** The pattern after `${...}` substitution, when that changed it. */
    resolvedPattern?: string;
    /** The requested index this grant covers (when indices were asked about). */
    index?: string;
    /** From the role's `allowed_actions` / `cluster_permissions` entry down to the action pattern that matched, e.g. `['read', 'indices:data/read*']`. */
    via: string[];
}
/** Why a near miss is one. */
type NearMissKind = 'other_indices' | 'action_not_allowed' | 'wrong_section' | 'unresolved_variable' | 'unknown_entry' | 'role_not_found';
/** A role that almost grants the action, or a definition problem that explains why it does not. */
interface PermissionNearMiss {
    role: string;
    kind: NearMissKind;
    reason: string;
    /** Index patterns involved (as written in the role). */
    patterns?: string[];
    /** Requested indices involved. */
    indices?: string[];
}
/** The answer of `explainPermission`. */
interface PermissionExplanation {
    action: string;
    /** `cluster` when the plugin checks the action against cluster_permissions (PrivilegesEvaluator.isClusterPerm). */
    level: ActionLevel;
    /** Requested indices (normalised; `_all` -> `*`), null when none were given or the action is cluster-level. */
    indices: string[] | null;
    /** True when the evaluated roles grant the action (on every requested index). */
    granted: boolean;
    grants: PermissionGrant[];
    nearMisses: PermissionNearMiss[];
    /** Requested indices no evaluated role covers for this action. */
    uncoveredIndices: string[];
    /** Roles evaluated (the subject's mapped roles that have a definition, or every role). */
    rolesEvaluated: string[];
    /** Mapped roles without a definition among the roles given. */
    missingRoles: string[];
    /** When not granted: grants (of what is missing) by roles the subject is not mapped to (only when `user.roles` was given). */
    wouldGrant: PermissionGrant[];
    /** Definition problems met on the way, e.g. action group loops. */
    warnings: string[];
}

/**
 * Which role grants `action` (on `index`), or why none does: expands action groups (static catalogue plus
 * `actionGroups`, recursively, loop-safe), matches wildcard action and index patterns (with `${user.name}`
 * substitution) and tells cluster-level from index-level actions as the plugin does. With `user.roles`
 * only those roles are evaluated; roles the user is not mapped to that would grant it land in `wouldGrant`.
 */
declare function explainPermission(roles: PermissionRoles, actionGroups: PermissionActionGroups | undefined, query: PermissionQuery): PermissionExplanation;

/** Explaining a `SecurityExceptionError` (a 403) with role, action group and role mapping definitions. */

/** Options of `explainSecurityException`. */
interface ExplainSecurityExceptionOptions {
    /** The user's mapped security roles (authinfo `roles`). Takes precedence over everything else. */
    userRoles?: readonly string[];
    /** Role mappings (`SecurityApi.roleMappings.listRaw()`): the user's roles are derived from its name and backend roles. */
    roleMappings?: Readonly<Record<string, PermissionRoleMapping>>;
    /** Custom attributes for `${attr...}` in index patterns. */
    attributes?: Readonly<Record<string, string>>;
}
/** Where the evaluated roles came from. */
type RolesSource = 'userRoles' | 'injected' | 'roleMappings' | 'all';
/** The answer of `explainSecurityException`: a sentence for people plus the structured explanations. */
interface SecurityExceptionExplanation {
    /** What was denied, which roles were evaluated, why they do not grant it and what would fix it. */
    message: string;
    /** The explanation of the first denied action (undefined when the denial names no action). */
    explanation: PermissionExplanation | undefined;
    /** One explanation per denied action, in the error's order. */
    explanations: PermissionExplanation[];
    user: FgacUser | null;
    /** The security roles evaluated; null when every role was (mapped roles unknown). */
    roles: string[] | null;
    rolesSource: RolesSource;
}
/**
 * Explains a `SecurityExceptionError` with role (and action group) definitions: for each denied action,
 * which of the user's roles come close and why none grants it, as a message and as `explainPermission`
 * results. The user's roles come from `options.userRoles`, else the error's injected roles, else
 * `options.roleMappings` applied to the error's user; without any of these every role is evaluated.
 * The error is not modified.
 */
declare function explainSecurityException(error: SecurityExceptionError, roles: PermissionRoles, actionGroups?: PermissionActionGroups, options?: ExplainSecurityExceptionOptions): SecurityExceptionExplanation;

/**
 * The roles a user is mapped to by `mappings` (keyed by role name): a `users` pattern matches the name, a
 * `backend_roles` pattern matches one of its backend roles, or every `and_backend_roles` pattern matches
 * one. `hosts` mappings are not evaluated.
 */
declare function mappedRoles(mappings: Readonly<Record<string, PermissionRoleMapping>>, user: {
    name: string;
    backendRoles?: readonly string[];
}): string[];

/**
 * Which privileges a REST request needs, for the local path of `checkPermission`: a small table of common
 * requests (measured against OpenSearch 2.19.4 + security 2.19.4.0). A single-document write goes through
 * the bulk machinery, so the plugin checks the document action, then the cluster-level
 * `indices:data/write/bulk`, then `indices:data/write/bulk[s]` together with the item's action on the
 * index. Bulk, mget and msearch check their top-level action first and each item's action later; a
 * refused item is reported inside a 200 response, not as a 403. Anything else is `unknown`.
 */
/** A request as opensearch-js describes it (`client.transport.request` parameters). */
interface RequestDescription {
    method: string;
    /** The path, e.g. `/flights/_search` (a query string is ignored). */
    path: string;
    body?: unknown;
}
/** One privilege check the plugin makes for a request: an action, on indices unless cluster-level. */
interface RequiredPrivilege {
    action: string;
    /** Indices (or aliases / data streams) named by the request; absent for cluster-level actions. */
    indices?: string[];
    /** True when a refusal shows up as an item error inside a 200 response (bulk, mget, msearch items). */
    itemLevel?: boolean;
}
/** What a request needs: the checks in the order the plugin makes them, or `unknown`. */
type RequestPrivileges = {
    known: true;
    checks: RequiredPrivilege[];
} | {
    known: false;
    reason: string;
};
/** The privileges a request needs, from the table; `known: false` with a reason otherwise. */
declare function requiredPrivileges(request: RequestDescription): RequestPrivileges;
/** An action + index described directly (`{action, index}`) instead of a REST request. */
interface ActionDescription {
    action: string;
    index?: string | readonly string[];
}

/** The part of an opensearch-js `Client` used here (`client.transport.request`). */
interface CheckPermissionClient {
    transport: {
        request(params: {
            method: string;
            path: string;
            body?: Record<string, unknown> | string;
            querystring?: Record<string, unknown>;
        }): Promise<{
            body: unknown;
            statusCode: number | null;
        }>;
    };
}
/** Options of {@link checkPermission}. */
interface CheckPermissionOptions {
    /**
     * A client allowed to read the security configuration, `GET /` and `GET _alias` (e.g. the master user):
     * needed by the local path unless `roles` is given.
     */
    admin?: CheckPermissionClient;
    /** The plugin version (`3.2.0`); detected with `GET /` (admin first, then the caller) when absent. */
    pluginVersion?: string;
    /** `server`: only the dry-run (fails below 3.2); `local`: never the dry-run; `auto` (default): the dry-run where it exists. */
    mode?: 'auto' | 'server' | 'local';
    /** Role definitions for the local path (default: read with `admin`). */
    roles?: PermissionRoles;
    /** Custom action groups for the local path (default: read with `admin`). */
    actionGroups?: PermissionActionGroups;
    /** Aliases and data streams (default: read with `admin` from `GET _alias` and `GET _data_stream`). */
    aliases?: IndexAliases;
    /** The subject for the local path (default: from the caller's `authinfo`). */
    subject?: PermissionSubject;
}
/** One privilege check of the local path and its verdict. */
interface PrivilegeVerdict extends RequiredPrivilege {
    granted: boolean;
    explanation: PermissionExplanation;
}
/** The answer of {@link checkPermission}. */
interface PermissionCheck {
    /** `server`: the plugin's dry-run answered; `local`: computed from the definitions. */
    source: 'server' | 'local';
    /** True / false, or null when the local path does not know which privileges the request needs. */
    allowed: boolean | null;
    /** Privileges (actions) missing; empty when allowed or unknown. */
    missingPrivileges: string[];
    /** Local path: the checks the plugin makes and each verdict (empty for the server path and unknown requests). */
    checks: PrivilegeVerdict[];
    /**
     * True when some checks are per item (bulk, mget, msearch): the server answers such a request with 200 and
     * reports each refused item inside the response. The server's dry-run only judges the top-level action.
     */
    itemLevel: boolean;
    /** Why `allowed` is null (the request is not in the table). */
    reason?: string;
    /** The plugin version the decision was based on, when known. */
    pluginVersion?: string;
}
/**
 * May the caller of `client` make `request` (`{method, path, body?}` as for `client.transport.request`, or
 * `{action, index?}`)? On plugin 3.2+ the server's dry-run answers (`source: 'server'`, nothing is executed);
 * otherwise roles, action groups and aliases are read with `options.admin` and the caller's `authinfo` names
 * the subject (`source: 'local'`). A request outside the table of known requests gives `allowed: null`.
 */
declare function checkPermission(client: CheckPermissionClient, request: RequestDescription | ActionDescription, options?: CheckPermissionOptions): Promise<PermissionCheck>;

export { type AccessComparison, type AccessExpectations, AccessViolationError, type ActionDescription, type AssertAccessOptions, type CheckPermissionClient, type CheckPermissionOptions, type CompareSearchRequest, type DlsEvalOptions, type DlsReaderClient, type DlsResult, type DlsUser, type DocumentDifference, type ExpectationsFromRolesOptions, type ExplainSecurityExceptionOptions, type FieldTypeInfo, type FieldTypes, type Finding, type FlsOptions, type FlsRules, type HitReport, type IndexAliases, type IndexExpectation, type IndexRule, JavaPatternSyntaxError, type MaskValueOptions, type MaskingAlgorithm, MaskingExpressionError, type MaskingOptions, type OriginalsSource, type ParsedMaskedField, type PermissionActionGroups, type PermissionCheck, type PermissionExplanation, type PermissionGrant, type PermissionNearMiss, type PermissionQuery, type PermissionRoles, type PermissionSubject, type PrivilegeVerdict, type RegexReplacement, type RequestDescription, type RequestPrivileges, type RequiredPrivilege, type RoleIndexPermission, type RoleLike, type SearchClientLike, type SearchHit, type SecurityExceptionExplanation, type ServerDlsOptions, type ServerDlsVerdicts, type ServerVerificationReport, UnsupportedJavaRegexError, UnsupportedMaskingError, type UnverifiableItem, type VerificationReport, assertAccess, checkPermission, compareAccess, evaluateDls, expectationsFromRoles, explainPermission, explainSecurityException, fieldTypesFromMapping, filterDocument, indexAliasesFrom, isFieldVisible, isMaskShaped, mappedRoles, maskDocument, maskValue, matchesFieldPattern, parseMaskedField, requiredPrivileges, serverDlsVerdicts, verifyHits, verifyHitsWithServer, visibleFields };
