/**
 * Document-level security queries. The API stores a role's `dls` as a string holding a query DSL object,
 * into which the plugin substitutes variables textually before parsing it (`${user.name}`, `${user.roles}`,
 * `${user.securityRoles}`, `${attr.internal.X}`, `${attr.jwt.X}`, `${attr.ldap.X}`, `${attr.proxy.X}` and their
 * `_` spellings). Inside JSON strings a variable is just text; a variable that stands for JSON itself (e.g.
 * `${user.roles}` expands to `"a","b"`) is written with {@link dlsVariable} and serialised unquoted.
 */

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

/** Thrown when a DLS string is not a JSON object (after setting variables aside). */
export class DlsParseError extends Error {
  override readonly name = 'DlsParseError';
}

/** Creates a raw variable, e.g. `dlsVariable('user.roles')` serialises as `${user.roles}`. */
export function dlsVariable(name: string): DlsVariable {
  return new DlsVariable(name);
}

function serializeValue(value: DlsValue, sortKeys: boolean): string {
  if (value instanceof DlsVariable) return value.toString();
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`DLS queries cannot hold ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => serializeValue(v, sortKeys)).join(',')}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (sortKeys) keys.sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${serializeValue(value[k] as DlsValue, sortKeys)}`).join(',')}}`;
}

/** Serialises a query into the string the API stores in `dls` (compact JSON; raw variables unquoted). */
export function serializeDls(query: DlsQuery): string {
  return serializeValue(query, false);
}

const PLACEHOLDER = (i: number): string => `\u0000dls-variable:${i}\u0000`;
const PLACEHOLDER_RE = /^\u0000dls-variable:(\d+)\u0000$/;

function restore(value: unknown, variables: DlsVariable[]): DlsValue {
  if (typeof value === 'string') {
    const m = PLACEHOLDER_RE.exec(value);
    return m ? (variables[Number(m[1])] as DlsVariable) : value;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => restore(v, variables));
  const out: DlsObject = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // defineProperty: a "__proto__" member of the JSON must stay a member, not become the prototype.
    Object.defineProperty(out, k, { value: restore(v, variables), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Parses the API's `dls` string back into a query; raw (unquoted) variables become {@link DlsVariable}s. */
export function parseDls(text: string): DlsQuery {
  const variables: DlsVariable[] = [];
  let json = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      json += c;
      if (c === '\\') {
        json += text[i + 1] ?? '';
        i++;
      } else if (c === '"') {
        inString = false;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      json += c;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end === -1) throw new DlsParseError(`unterminated variable at offset ${i} of the DLS query`);
      variables.push(new DlsVariable(text.slice(i + 2, end)));
      json += JSON.stringify(PLACEHOLDER(variables.length - 1));
      i = end;
      continue;
    }
    json += c;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new DlsParseError(`DLS query is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DlsParseError('DLS query must be a JSON object');
  return restore(parsed, variables) as DlsQuery;
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
