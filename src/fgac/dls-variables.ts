/**
 * The plugin's user-variable substitution, applied textually to DLS queries and index patterns
 * before they are parsed or matched: `${user.name}`, `${user.roles}`, `${user.securityRoles}`,
 * custom attributes (`${attr.internal.X}`, ...) and their underscore spellings. 3.x also honours
 * `${x:-default}` and `$${x}` escapes; 1.x/2.x replace exact references only.
 */
import { isPlainRecord, typeName } from '../client/options-check.js';
import { MAX_LIST } from '../client/options-snapshot.js';
import { pluginMajorVersion } from './plugin-version.js';

/** The principal whose attributes DLS variables refer to. */
export interface DlsUser {
  /** `${user.name}` */
  name?: string;
  /** Backend roles: `${user.roles}` */
  roles?: readonly string[];
  /** Security (mapped) roles: `${user.securityRoles}` */
  securityRoles?: readonly string[];
  /** Custom attributes by full name, e.g. `{ 'attr.internal.dept': 'sales' }` (`${attr.internal.dept}`). */
  attributes?: Readonly<Record<string, string>>;
}

/** How a field of a user object is read: a string, a list of strings, or an object of string values. */
export type UserFieldKind = 'string' | 'list' | 'strings';

/** The fields of a {@link DlsUser}. */
export const DLS_USER_FIELDS: Readonly<Record<string, UserFieldKind>> = { name: 'string', roles: 'list', securityRoles: 'list', attributes: 'strings' };

/** Throws the caller's error (a ConfigError, or a TypeError where the function's contract says so) naming `path`. */
export type Refuse = (path: string, message: string) => never;

const KEY = /^[A-Za-z_$][A-Za-z0-9_$]{0,59}$/;

/**
 * A checked copy of a user object: each property is read once, and anything but a plain object of
 * `fields` (a key not among them, a value of the wrong type, hence any cycle or deeper nesting, a Map
 * or class instance, a getter or Proxy trap that throws) is refused through `refuse` naming its path.
 * Neither the value nor a thrown message is quoted (either may hold a secret).
 */
export function readUserObject(path: string, value: unknown, fields: Readonly<Record<string, UserFieldKind>>, refuse: Refuse): Record<string, unknown> {
  const guard = <T>(at: string, read: () => T): T => {
    try {
      return read();
    } catch {
      return refuse(at, 'could not be read (a getter or Proxy threw); pass plain values');
    }
  };
  const got = (at: string, v: unknown): string => guard(at, () => (v instanceof Map ? 'a Map' : typeName(v)));
  const entriesOf = (at: string, v: unknown, hint: string): Array<[string, string, unknown]> => {
    if (!guard(at, () => isPlainRecord(v))) refuse(at, `must be a plain object (${hint}), got ${got(at, v)}`);
    const keys = guard(at, () => Object.keys(v as object));
    if (keys.length > MAX_LIST) refuse(at, `holds more than ${MAX_LIST} entries`);
    return keys.map((k) => {
      const child = KEY.test(k) ? `${at}.${k}` : `${at}[${JSON.stringify(k.slice(0, 60))}]`;
      return [k, child, guard(child, () => (v as Record<string, unknown>)[k])];
    });
  };
  const text = (at: string, v: unknown): string => {
    if (typeof v !== 'string') refuse(at, `must be a string, got ${got(at, v)}`);
    return v;
  };
  const names = Object.keys(fields);
  const out: Record<string, unknown> = {};
  for (const [key, at, v] of entriesOf(path, value, names.join(', '))) {
    const kind = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (kind === undefined) refuse(at, `is not a field of the user; accepted: ${names.join(', ')}`);
    if (v === undefined) continue;
    if (kind === 'string') out[key] = text(at, v);
    else if (kind === 'strings') {
      const values: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [k, child, item] of entriesOf(at, v, 'attribute name -> string value')) values[k] = text(child, item);
      out[key] = values;
    } else {
      if (!guard(at, () => Array.isArray(v))) refuse(at, `must be an array of strings, got ${got(at, v)}`);
      const list = v as unknown[];
      const length = guard(at, () => list.length);
      if (length > MAX_LIST) refuse(at, `holds more than ${MAX_LIST} entries`);
      const items: string[] = [];
      for (let i = 0; i < length; i++) items.push(text(`${at}[${i}]`, guard(`${at}[${i}]`, () => list[i])));
      out[key] = items;
    }
  }
  return out;
}

/** Result of substituting user variables into a DLS query string. */
export interface Substitution {
  text: string;
  /** Variable names left unresolved (no value, no default); they stay in `text` literally. */
  unresolved: string[];
  /** `${x:-default}` forms met (honoured by 3.x; 1.x/2.x leave them literally). */
  defaults: string[];
}

const quoted = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(',');

/**
 * Replaces `${user.name}`, `${user.roles}` (`"a","b"`), `${user.securityRoles}`, custom attributes
 * such as `${attr.internal.X}` and their underscore forms (`${user_name}`). Values are inserted as
 * they are (not JSON-escaped), as the plugin does. 3.x (default) also honours `${x:-default}` and
 * `$${x}` escapes; with `pluginVersion` 1.x/2.x only exact `${name}` references are replaced.
 */
export function substituteUserVariables(query: string, user: DlsUser = {}, options: { pluginVersion?: string } = {}): Substitution {
  const values = new Map<string, string>();
  const put = (k: string, v: string): void => {
    values.set(k, v);
    values.set(k.replaceAll('.', '_'), v);
  };
  if (user.name !== undefined) put('user.name', user.name);
  if (user.roles) put('user.roles', quoted(user.roles));
  if (user.securityRoles) put('user.securityRoles', quoted(user.securityRoles));
  for (const [k, v] of Object.entries(user.attributes ?? {})) put(k, v);
  const legacy = (pluginMajorVersion(options.pluginVersion) ?? 3) < 3;
  const unresolved: string[] = [];
  const defaults: string[] = [];
  let out = '';
  let i = 0;
  while (i < query.length) {
    const at = query.indexOf('${', i);
    if (at < 0) { out += query.slice(i); break; }
    if (!legacy && at > 0 && query[at - 1] === '$') {
      // `$${x}` is an escaped literal `${x}` for the 3.x substitutor
      out += query.slice(i, at - 1) + '${';
      i = at + 2;
      continue;
    }
    const end = query.indexOf('}', at + 2);
    if (end < 0) { out += query.slice(i); break; }
    out += query.slice(i, at);
    const body = query.slice(at + 2, end);
    const dflt = body.indexOf(':-');
    if (dflt >= 0) defaults.push(body);
    const name = dflt >= 0 && !legacy ? body.slice(0, dflt) : body;
    const v = values.get(name);
    if (v !== undefined) out += v;
    else if (dflt >= 0 && !legacy) out += body.slice(dflt + 2);
    else { out += query.slice(at, end + 1); unresolved.push(name); }
    i = end + 1;
  }
  return { text: out, unresolved, defaults };
}
