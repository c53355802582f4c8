/** Which generation of the plugin's rules (and messages) to apply. */
type PluginDialect = 'v2' | 'v3';
/** One `/regex/::replacement` pair; `regex` is stored without the slashes. */
interface MaskRegexReplacement {
    regex: string;
    replacement: string;
}
/** A parsed masked-field expression. */
type MaskedFieldExpression = 
/** `field`: the default mask (BLAKE2b, salted by the domain's salt). */
{
    kind: 'default';
    field: string;
}
/** `field::ALGO`: lowercase hex of a Java MessageDigest. */
 | {
    kind: 'hash';
    field: string;
    algorithm: string;
}
/** `field::/re/::rep(::/re/::rep)*`: Java `replaceAll` applied in order. */
 | {
    kind: 'regex';
    field: string;
    replacements: MaskRegexReplacement[];
};
/** What went wrong with an expression. */
type MaskedFieldErrorCode = 'token-count' | 'unknown-algorithm' | 'regex-token' | 'regex-syntax' | 'replacement' | 'field-pattern';
/** A rejected expression; `exact` is true when `message` is the text the plugin itself returns. */
interface MaskedFieldError {
    code: MaskedFieldErrorCode;
    message: string;
    exact: boolean;
    /** The plugin's own text, when `message` is not exactly it (regex syntax errors). */
    serverMessage?: string;
}
/** Formats a parsed expression back into the string the API stores. Throws when a part contains `::`. */
declare function formatMaskedFieldExpression(expression: MaskedFieldExpression): string;

/**
 * The security plugin's wire JSON for roles, role mappings and action groups: what `GET
 * _plugins/_security/api/roles` returns and PUT accepts. The one declaration the security API
 * (which writes it), the verifier and the permission explainer (which read it) share. Lists are
 * readonly here so frozen and `as const` values are accepted; {@link Writable} gives the writable form.
 */
/** Flags the server adds to the entities it returns; read-only except for a certificate admin. */
interface ResourceFlags {
    reserved?: boolean;
    hidden?: boolean;
    static?: boolean;
}
/** One entry of a role's `index_permissions`. */
interface IndexPermissionJson {
    index_patterns?: readonly string[];
    allowed_actions?: readonly string[];
    /** A query DSL object serialised as a string. */
    dls?: string;
    /** FLS patterns (`~` or legacy `!` excludes). */
    fls?: readonly string[];
    /** masked_fields expressions (`field`, `field::ALGO`, `field::/regex/::replacement`). */
    masked_fields?: readonly string[];
}
/** One entry of a role's `tenant_permissions`. */
interface TenantPermissionJson {
    tenant_patterns?: readonly string[];
    allowed_actions?: readonly string[];
}
/** A role as the API stores it. */
interface RoleJson extends ResourceFlags {
    description?: string;
    cluster_permissions?: readonly string[];
    index_permissions?: readonly IndexPermissionJson[];
    tenant_permissions?: readonly TenantPermissionJson[];
}
/** A role mapping as the API stores it. */
interface RoleMappingJson extends ResourceFlags {
    users?: readonly string[];
    backend_roles?: readonly string[];
    and_backend_roles?: readonly string[];
    hosts?: readonly string[];
    description?: string;
}
/** An action group as the API stores it. */
interface ActionGroupJson extends ResourceFlags {
    allowed_actions?: readonly string[];
    type?: string;
    description?: string;
}
/** A wire shape with every list (and nested list) writable. */
type Writable<T> = T extends string | number | boolean | null | undefined ? T : T extends readonly (infer U)[] ? Writable<U>[] : {
    -readonly [K in keyof T]: Writable<T[K]>;
};

export { type ActionGroupJson as A, type IndexPermissionJson as I, type MaskedFieldExpression as M, type PluginDialect as P, type RoleJson as R, type TenantPermissionJson as T, type Writable as W, type MaskedFieldError as a, type RoleMappingJson as b, type ResourceFlags as c, type MaskRegexReplacement as d, formatMaskedFieldExpression as f };
