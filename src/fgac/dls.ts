/**
 * Document-level security query text <-> query. The API stores a role's `dls` as a string holding a
 * query DSL object, into which the plugin substitutes variables textually before parsing it
 * (`${user.name}`, `${user.roles}`, `${user.securityRoles}`, `${attr.internal.X}`, `${attr.jwt.X}`,
 * `${attr.ldap.X}`, `${attr.proxy.X}` and their `_` spellings). Inside JSON strings a variable is just
 * text; a variable that stands for JSON itself (e.g. `${user.roles}` expands to `"a","b"`) is a
 * {@link DlsVariable} and serialised unquoted.
 *
 * Parsing follows the plugin (JsonXContent + parseInnerQueryBuilder): duplicate keys are refused,
 * comments are white space, the query must be an object and text after it is never read (checked
 * against OpenSearch 2.19.4 and 3.4.0). What the plugin does with a text it cannot read differs by
 * version: {@link dlsRules} holds those rules, the one place they live. Validation of roles
 * (security/) and verification of responses (verify/) both read DLS here, so they give the same verdict.
 */
import { setOwn } from '../errors/redact.js';
import { isObjectPrototype } from '../errors/own.js';
import { parsePluginVersion } from './plugin-version.js';
import { JsonNumber, MAX_NESTING_DEPTH, NestingTooDeepError, readStrictJsonPrefix, StrictJsonError, type JsonWith, type RawValue } from './json.js';
import { ArgumentRangeError, ArgumentTypeError } from './argument-error.js';
import { DlsParseError } from './errors.js';

/**
 * The DLS rules that differ between plugin versions (each observed on a real node unless noted).
 * 2.19.4 reads a role's DLS at every search; 3.x (privileges evaluation rewritten in 3.0) parses a
 * text without `${` once when the roles load and a text with `${` at every search, after substitution.
 */
export interface DlsRules {
  /**
   * How `${...}` is substituted. `exact`: each known `${name}` is replaced as plain text, nothing else
   * (2.19.4 and 3.4.0: `${x:-d}` and `$${x}` are no syntax). `substitutor`: `${x:-default}` and `$${x}`
   * escapes too (3.7.0 and later, read from the plugin's source: commons-text StringSubstitutor; not run here).
   */
  variables: 'exact' | 'substitutor';
  /** 3.x: any `${` left in the text after substitution (even in a string or after the query) fails every search; 2.x keeps it literally. */
  leftoverVariableFails: boolean;
  /**
   * A text without `${` that the plugin cannot parse. `search-fails` (2.x): every search under the role fails.
   * `role-ignored` (3.0-3.5): the role is dropped when the roles load (logged, nothing fails): it grants no documents
   * on any index it covers, the user's other roles alone decide (no other role: no documents); seen on 3.4.0.
   * `permission-ignored` (3.6+, CompiledRoles.createDlsQuery; read in the plugin's source, not run here): that
   * index permission is kept without DLS, so it restricts nothing: with no other role's DLS on an index the user
   * sees every document there (and with dfm_empty_overrides_all it lifts the other roles' DLS too).
   */
  unreadableConstant: 'search-fails' | 'role-ignored' | 'permission-ignored';
  /** A `dls` of spaces, tabs and line breaks only: no DLS for 3.x; for 2.x a query that fails every search (only `""` means none). */
  blankIsNoDls: boolean;
}

const RULES_2X: DlsRules = { variables: 'exact', leftoverVariableFails: false, unreadableConstant: 'search-fails', blankIsNoDls: false };
const RULES_3X: DlsRules = { variables: 'exact', leftoverVariableFails: true, unreadableConstant: 'role-ignored', blankIsNoDls: true };
const RULES_36: DlsRules = { ...RULES_3X, unreadableConstant: 'permission-ignored' };
const RULES_37: DlsRules = { ...RULES_36, variables: 'substitutor' };

/** The DLS rules of a plugin (or OpenSearch) version; undefined when the version is unknown (callers then judge nothing where versions differ). */
export function dlsRules(pluginVersion: string | undefined | null): DlsRules | undefined {
  const v = parsePluginVersion(pluginVersion);
  if (v === undefined) return undefined;
  if (v.major < 3) return RULES_2X;
  if (v.major > 3 || v.minor >= 7) return RULES_37;
  return v.minor >= 6 ? RULES_36 : RULES_3X;
}

const BLANK = /^[ \t\n\r]*$/;

/**
 * True when the plugin reads a role's `dls` as a query: `""` (or none) never is; a text of white space only
 * is no DLS for 3.x but a failing query for 2.x (and taken as a query when the version is unknown, which then judges nothing).
 */
export function hasDlsQuery(text: string | undefined | null, pluginVersion?: string): text is string {
  if (typeof text !== 'string' || text === '') return false;
  return !(BLANK.test(text) && dlsRules(pluginVersion)?.blankIsNoDls === true);
}

/** A variable that is substituted as raw JSON text (not inside a string), e.g. `[${user.roles}]`. */
export class DlsVariable {
  /** The name between `${` and `}`, e.g. `user.roles`. */
  readonly name: string;

  constructor(name: string) {
    if (name.length === 0 || /[{}]/.test(name)) throw new ArgumentRangeError(`invalid DLS variable name ${JSON.stringify(name)}`);
    this.name = name;
  }

  /** The text the plugin substitutes, `${name}`. */
  toString(): string {
    return `\${${this.name}}`;
  }
}

/** A JSON value inside a DLS query, possibly with raw variables. */
export type DlsValue = string | number | boolean | null | DlsVariable | DlsValue[] | DlsObject;

/** A JSON object inside a DLS query (`undefined` members are omitted when serialised). */
export interface DlsObject {
  [key: string]: DlsValue | undefined;
}

/** A DLS query: a query DSL object such as `{ match: { FlightDelay: true } }`. */
export type DlsQuery = DlsObject;

// The class lives in errors.ts (light), so binding it loads no parser.
export { DlsParseError };

/** Creates a raw variable, e.g. `dlsVariable('user.roles')` serialises as `${user.roles}`. */
export function dlsVariable(name: string): DlsVariable {
  return new DlsVariable(name);
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value !== 'object') return `a ${typeof value}`;
  const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof ctor === 'string' && ctor !== '' ? `a ${ctor}` : 'an object';
}

/**
 * JSON text of a DLS value. Only what JSON holds is accepted: a bigint, Date, Map, function, a class
 * instance or an array hole would otherwise serialise as `{}`, `null` or nothing (a different query).
 */
function serializeValue(value: DlsValue, sortKeys: boolean, path = '', depth = 0): string {
  if (value instanceof DlsVariable) return value.toString();
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ArgumentRangeError(`DLS queries cannot hold ${value}`);
    return JSON.stringify(value);
  }
  if (depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the DLS query');
  const where = path === '' ? 'the query' : path;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new DlsParseError(`DLS queries hold JSON values only: ${where}[${i}] is a hole in the array`);
      parts.push(serializeValue(value[i] as DlsValue, sortKeys, `${where}[${i}]`, depth + 1));
    }
    return `[${parts.join(',')}]`;
  }
  const proto = typeof value === 'object' ? (Object.getPrototypeOf(value) as unknown) : undefined;
  if (typeof value !== 'object' || (proto !== null && !isObjectPrototype(proto))) {
    throw new DlsParseError(`DLS queries hold JSON values only: ${where} is ${describeValue(value)}`);
  }
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (sortKeys) keys.sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${serializeValue(value[k] as DlsValue, sortKeys, path === '' ? k : `${path}.${k}`, depth + 1)}`).join(',')}}`;
}

/** Serialises a query into the string the API stores in `dls` (compact JSON; raw variables unquoted). */
export function serializeDls(query: DlsQuery): string {
  return serializeValue(query, false);
}

/** Reads `${name}` where a JSON value is expected. */
function rawVariable(text: string, at: number): RawValue<DlsVariable> | undefined {
  if (text[at] !== '$' || text[at + 1] !== '{') return undefined;
  const end = text.indexOf('}', at + 2);
  if (end === -1) throw new DlsParseError(`unterminated variable at offset ${at} of the DLS query`);
  const name = text.slice(at + 2, end);
  if (name.length === 0 || name.includes('{')) throw new DlsParseError(`invalid variable name ${JSON.stringify(name)} at offset ${at} of the DLS query`);
  return { value: new DlsVariable(name), end: end + 1 };
}

/** A DLS text as the plugin reads it: the query object, and the text after it that is never read. */
export interface DlsReading<T = never> {
  query: { [key: string]: JsonWith<T> };
  /** Non-blank text after the query object (the plugin ignores it), or undefined. */
  ignored: string | undefined;
}

function read<T>(text: string, rawValue?: (text: string, at: number) => RawValue<T> | undefined): DlsReading<T> {
  let parsed: { value: JsonWith<T>; end: number };
  try {
    parsed = readStrictJsonPrefix<T>(text, rawValue ? { rawValue } : {});
  } catch (err) {
    if (err instanceof StrictJsonError) throw new DlsParseError(`DLS query is not valid JSON: ${err.message}`);
    throw err;
  }
  const { value, end } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof JsonNumber || value instanceof DlsVariable) {
    throw new DlsParseError('DLS query must be a JSON object');
  }
  // parseInnerQueryBuilder refuses `{}` (2.19.4 fails every search, 3.4.0 ignores the role, as for any unreadable text)
  if (Object.keys(value).length === 0) throw new DlsParseError('DLS query is an empty object (the plugin: query malformed, empty clause found)');
  const rest = text.slice(end).trim();
  return { query: value as { [key: string]: JsonWith<T> }, ignored: rest === '' ? undefined : rest };
}

const IGNORED_LIMIT = 40;

/** The message for text after a DLS query that the plugin never reads. */
export function ignoredTextMessage(ignored: string): string {
  const shown = ignored.length > IGNORED_LIMIT ? `${ignored.slice(0, IGNORED_LIMIT)}...` : ignored;
  return `the plugin reads the first query object only and ignores the text after it (${JSON.stringify(shown)})`;
}

/** The plugin's verdict on a DLS text: parses cleanly, parses but text after the query is ignored, or fails. */
export type DlsTextCheck =
  | { status: 'ok' }
  | { status: 'ignored-text'; message: string }
  /**
   * The plugin cannot read it. `effect` (when the version is known): every search under the role fails, or
   * (3.x, a text without `${`) the role is ignored for DLS: it grants no documents (see {@link DlsRules}).
   */
  | { status: 'rejected'; message: string; effect?: DlsFailureEffect }
  /** Nested deeper than the SDK reads (MAX_NESTING_DEPTH): no verdict either way. */
  | { status: 'too-deep'; message: string };

/** What a DLS text the plugin cannot read does: every search under the role fails, or (3.x) the role or (3.6+) the index permission is ignored for DLS. */
export type DlsFailureEffect = DlsRules['unreadableConstant'];

/** The effect of a DLS text the plugin cannot read (`raw`: the role's stored text); undefined when the version is unknown. */
export function dlsFailureEffect(raw: string, pluginVersion?: string): DlsFailureEffect | undefined {
  const rules = dlsRules(pluginVersion);
  if (rules === undefined) return undefined;
  return raw.includes('${') ? 'search-fails' : rules.unreadableConstant;
}

/** The words for a failure effect, appended to a message. */
export function dlsFailureWords(effect: DlsFailureEffect | undefined): string {
  if (effect === 'search-fails') return 'every search under the role fails';
  if (effect === 'role-ignored') return 'the plugin (3.0-3.5) ignores the whole role for DLS: it grants no documents on any index it covers, the other roles alone decide';
  if (effect === 'permission-ignored') return 'the plugin (3.6+) drops this DLS from its index permission, which then restricts nothing: unless another role restricts the index, the user sees EVERY document of it';
  return '2.x fails every search under the role, 3.0-3.5 ignore the whole role for DLS, 3.6+ drop this DLS so its index permission restricts nothing; pass pluginVersion';
}

/**
 * Checks a DLS text as the plugin parses it. `rawVariables`: a role's stored text, where `${...}` may stand
 * for JSON (checked before substitution); without it the text is taken as already substituted.
 * `pluginVersion` decides white-space-only texts, `${` that no variable can close (3.x) and `effect`.
 */
export function checkDlsText(text: string, options: { rawVariables?: boolean; pluginVersion?: string } = {}): DlsTextCheck {
  const rules = dlsRules(options.pluginVersion);
  if (text !== '' && !hasDlsQuery(text, options.pluginVersion)) return { status: 'ok' };
  const effect = options.rawVariables ? dlsFailureEffect(text, options.pluginVersion) : undefined;
  const rejected = (message: string): DlsTextCheck => (effect === undefined ? { status: 'rejected', message } : { status: 'rejected', message, effect });
  if (options.rawVariables && rules?.leftoverVariableFails === true) {
    // no variable name holds `"` or `{`, or lacks its `}`: such a `${` stays after any substitution
    for (let open = text.indexOf('${'); open >= 0; open = text.indexOf('${', open + 2)) {
      const close = text.indexOf('}', open + 2);
      if (close < 0 || /["{]/.test(text.slice(open + 2, close))) return rejected(`\`\${\` at offset ${open} is no variable and stays after substitution: 3.x fails every search under it`);
    }
  }
  try {
    const { ignored } = options.rawVariables ? read(text, rawVariable) : read<never>(text);
    return ignored === undefined ? { status: 'ok' } : { status: 'ignored-text', message: ignoredTextMessage(ignored) };
  } catch (err) {
    if (err instanceof DlsParseError) return rejected(err.message);
    if (err instanceof NestingTooDeepError) return { status: 'too-deep', message: err.message };
    throw err;
  }
}

/** The effect of a role's stored `dls` text the plugin cannot read at this version; undefined for a readable one (or no query). */
export function unreadableDlsEffect(text: string | undefined, pluginVersion?: string): DlsFailureEffect | undefined {
  return hasDlsQuery(text, pluginVersion) && checkDlsText(text, { rawVariables: true, pluginVersion }).status === 'rejected' ? dlsFailureEffect(text, pluginVersion) : undefined;
}

/**
 * The one answer to "does this index permission's `dls` put DLS on its indices at this version": a query
 * ({@link hasDlsQuery}), unless 3.6+ drops it as unreadable (`permission-ignored`). An unknown version: DLS.
 */
export function permissionHasDls(dls: unknown, pluginVersion?: string): dls is string {
  return typeof dls === 'string' && hasDlsQuery(dls, pluginVersion) && unreadableDlsEffect(dls, pluginVersion) !== 'permission-ignored';
}

/**
 * Reads a DLS query text after variable substitution, as the plugin does: the query object with numbers
 * as {@link JsonNumber} (their source text kept) and the text after it, which the plugin never reads.
 * Throws {@link DlsParseError} where the plugin fails, NestingTooDeepError past MAX_NESTING_DEPTH.
 */
export function readDlsQuery(text: string): DlsReading {
  return read<never>(text);
}

function toDlsValue(value: JsonWith<DlsVariable>): DlsValue {
  if (value instanceof JsonNumber) return value.value;
  if (value === null || typeof value !== 'object' || value instanceof DlsVariable) return value;
  if (Array.isArray(value)) return value.map(toDlsValue);
  const out: DlsObject = {};
  for (const [k, v] of Object.entries(value)) {
    setOwn(out, k, toDlsValue(v)); // a "__proto__" member of the JSON stays a member, not the prototype
  }
  return out;
}

/**
 * Parses the API's `dls` string into a query; raw (unquoted) variables become {@link DlsVariable}s. Throws
 * {@link DlsParseError} where the plugin fails, and for text after the query (a query cannot hold it).
 */
export function parseDls(text: string): DlsQuery {
  if (typeof text !== 'string') throw new ArgumentTypeError('parseDls: text must be the DLS query string the API stores');
  const { query, ignored } = read(text, rawVariable);
  if (ignored !== undefined) throw new DlsParseError(ignoredTextMessage(ignored));
  return toDlsValue(query) as DlsQuery;
}

/** True when every number of `value` is written the way JSON.stringify writes it back (2^53 + 1, `1.0`, `1e2` are not). */
function numbersRoundTrip(value: JsonWith<DlsVariable>): boolean {
  if (value instanceof JsonNumber) return value.raw === JSON.stringify(value.value);
  if (value === null || typeof value !== 'object' || value instanceof DlsVariable) return true;
  if (Array.isArray(value)) return value.every(numbersRoundTrip);
  return Object.values(value).every(numbersRoundTrip);
}

/**
 * parseDls, but undefined when serialising the query would not give back the same numbers: the node reads
 * 9007199254740993 and 9007199254740992, or `1.0` and `1`, as different terms, so such a text must stay text.
 */
export function parseDlsExactly(text: string): DlsQuery | undefined {
  const { query, ignored } = read(text, rawVariable);
  if (ignored !== undefined) throw new DlsParseError(ignoredTextMessage(ignored));
  return numbersRoundTrip(query) ? (toDlsValue(query) as DlsQuery) : undefined;
}

/**
 * Sorted-key compact text of a parsed DLS text. Numbers keep the spelling they were written with: the
 * node reads `1` and `1.0`, `100` and `1e2`, or 2^53 and 2^53+1 as different terms.
 */
function canonicalText(value: JsonWith<DlsVariable>): string {
  if (value instanceof JsonNumber) return value.raw;
  if (value instanceof DlsVariable) return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalText(value[k] as JsonWith<DlsVariable>)}`).join(',')}}`;
}

/**
 * A canonical form (sorted keys, compact, numbers as written) for comparing queries; unparseable strings
 * compare verbatim. A query object's numbers read as `serializeDls` writes them.
 */
export function canonicalDls(dls: DlsQuery | string): string {
  if (typeof dls !== 'string') return serializeValue(dls, true);
  try {
    const { query, ignored } = read(dls, rawVariable);
    return ignored === undefined ? canonicalText(query) : dls;
  } catch {
    return dls;
  }
}

/** True when two DLS queries (objects or API strings) are the same query, ignoring whitespace and key order (not number spelling). */
export function dlsEquals(a: DlsQuery | string, b: DlsQuery | string): boolean {
  return canonicalDls(a) === canonicalDls(b);
}

/** Names of all variables a DLS query uses, inside strings or raw. */
export function dlsVariableNames(dls: DlsQuery | string): string[] {
  const text = typeof dls === 'string' ? dls : serializeDls(dls);
  return [...new Set([...text.matchAll(/\$\{([^{}]+)\}/g)].map((m) => m[1] as string))];
}
