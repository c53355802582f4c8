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
 * against OpenSearch 2.19.4). Validation of roles (security/) and verification of responses
 * (verify/) both read DLS here, so they give the same verdict.
 */
import { setOwn } from '../errors/redact.js';
import { JsonNumber, MAX_NESTING_DEPTH, NestingTooDeepError, readStrictJsonPrefix, StrictJsonError, type JsonWith, type RawValue } from './json.js';

/** A variable that is substituted as raw JSON text (not inside a string), e.g. `[${user.roles}]`. */
export class DlsVariable {
  /** The name between `${` and `}`, e.g. `user.roles`. */
  readonly name: string;

  constructor(name: string) {
    if (name.length === 0 || /[{}]/.test(name)) throw new RangeError(`invalid DLS variable name ${JSON.stringify(name)}`);
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

/** Thrown when a DLS string is not one the plugin can parse (not JSON, duplicate keys, not an object). */
export class DlsParseError extends Error {
  override readonly name = 'DlsParseError';
}

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
    if (!Number.isFinite(value)) throw new RangeError(`DLS queries cannot hold ${value}`);
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
  if (typeof value !== 'object' || (proto !== Object.prototype && proto !== null)) {
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
  | { status: 'rejected'; message: string }
  /** Nested deeper than the SDK reads (MAX_NESTING_DEPTH): no verdict either way. */
  | { status: 'too-deep'; message: string };

/**
 * Checks a DLS text as the plugin parses it. `rawVariables`: a role's stored text, where `${...}` may stand
 * for JSON (checked before substitution); without it the text is taken as already substituted.
 */
export function checkDlsText(text: string, options: { rawVariables?: boolean } = {}): DlsTextCheck {
  try {
    const { ignored } = options.rawVariables ? read(text, rawVariable) : read<never>(text);
    return ignored === undefined ? { status: 'ok' } : { status: 'ignored-text', message: ignoredTextMessage(ignored) };
  } catch (err) {
    if (err instanceof DlsParseError) return { status: 'rejected', message: err.message };
    if (err instanceof NestingTooDeepError) return { status: 'too-deep', message: err.message };
    throw err;
  }
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
  if (typeof text !== 'string') throw new TypeError('parseDls: text must be the DLS query string the API stores');
  const { query, ignored } = read(text, rawVariable);
  if (ignored !== undefined) throw new DlsParseError(ignoredTextMessage(ignored));
  return toDlsValue(query) as DlsQuery;
}

/** A canonical form (sorted keys, compact) for comparing queries; unparseable strings compare verbatim. */
export function canonicalDls(dls: DlsQuery | string): string {
  if (typeof dls !== 'string') return serializeValue(dls, true);
  try {
    return serializeValue(parseDls(dls), true);
  } catch {
    return dls;
  }
}

/** True when two DLS queries (objects or API strings) are the same query, ignoring whitespace and key order. */
export function dlsEquals(a: DlsQuery | string, b: DlsQuery | string): boolean {
  return canonicalDls(a) === canonicalDls(b);
}

/** Names of all variables a DLS query uses, inside strings or raw. */
export function dlsVariableNames(dls: DlsQuery | string): string[] {
  const text = typeof dls === 'string' ? dls : serializeDls(dls);
  return [...new Set([...text.matchAll(/\$\{([^{}]+)\}/g)].map((m) => m[1] as string))];
}
