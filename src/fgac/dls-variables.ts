/**
 * The plugin's user-variable substitution, applied textually to DLS queries and index patterns
 * before they are parsed or matched: `${user.name}`, `${user.roles}`, `${user.securityRoles}`,
 * custom attributes (`${attr.internal.X}`, ...) and their underscore spellings. How is a rule of the
 * version (`dlsRules(...).variables` in dls.ts): up to 3.6 exact references only (2.19.4 and 3.4.0 run
 * here), 3.7+ also `${x:-default}` and `$${x}` escapes.
 */
import { isPlainRecord, typeName } from '../client/options-check.js';
import { MAX_LIST } from '../client/options-snapshot.js';
import { field } from '../errors/own.js';
import { setOwn } from '../errors/redact.js';
import { dlsRules } from './dls.js';

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

/**
 * The user variables the plugin fills for every user (an empty list without backend roles), and the {@link DlsUser}
 * field that gives each: one the caller did not pass is unknown, never "undefined on the node" (DLS and index patterns alike).
 */
export const BUILT_IN_USER_VARIABLES: ReadonlyMap<string, string> = new Map([
  ['user.name', 'name'], ['user_name', 'name'], ['user.roles', 'roles (backend roles)'], ['user_roles', 'roles (backend roles)'],
  ['user.securityRoles', 'securityRoles (mapped roles)'], ['user_securityRoles', 'securityRoles (mapped roles)'],
]);

/** Throws the caller's error (a ConfigError, or a TypeError where the function's contract says so) naming `path`. */
export type Refuse = (path: string, message: string) => never;

const KEY = /^[A-Za-z_$][A-Za-z0-9_$]{0,59}$/;
const UNREADABLE = 'could not be read (a getter or Proxy threw); pass plain values';

/** How `key` of the object at `path` is named in a message. */
const childPath = (path: string, key: string): string => (KEY.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key.slice(0, 60))}]`);

/** Describes a value of the wrong type for a message (a Map as such); never the value itself. */
function got(path: string, value: unknown, refuse: Refuse): string {
  try {
    return typeName(value);
  } catch {
    return refuse(path, UNREADABLE);
  }
}

/** The own keys of a plain object at `path` (refused otherwise, or when a Proxy trap throws). */
function plainKeys(path: string, value: unknown, hint: string, refuse: Refuse): string[] {
  let keys: string[] | undefined;
  try {
    if (isPlainRecord(value)) keys = Object.keys(value);
  } catch {
    return refuse(path, UNREADABLE);
  }
  if (keys === undefined) return refuse(path, `must be a plain object (${hint}), got ${got(path, value, refuse)}`);
  if (keys.length > MAX_LIST) refuse(path, `holds more than ${MAX_LIST} entries`);
  return keys;
}

/** `object[key]`, read once; a getter or Proxy trap that throws is refused naming the key. */
function readKey(path: string, object: unknown, key: string | number, refuse: Refuse): unknown {
  try {
    return (object as Record<string | number, unknown>)[key];
  } catch {
    return refuse(typeof key === 'number' ? `${path}[${key}]` : childPath(path, key), UNREADABLE);
  }
}

/** A string, or refused naming `path`. */
function text(path: string, value: unknown, refuse: Refuse): string {
  return typeof value === 'string' ? value : refuse(path, `must be a string, got ${got(path, value, refuse)}`);
}

/** A list of strings, copied. */
function stringItems(path: string, value: unknown, refuse: Refuse): string[] {
  let length = -1;
  try {
    if (Array.isArray(value)) length = value.length;
  } catch {
    return refuse(path, UNREADABLE);
  }
  if (length < 0) return refuse(path, `must be an array of strings, got ${got(path, value, refuse)}`);
  if (length > MAX_LIST) refuse(path, `holds more than ${MAX_LIST} entries`);
  const items = new Array<string>(length);
  for (let i = 0; i < length; i++) {
    const item = readKey(path, value, i, refuse);
    items[i] = typeof item === 'string' ? item : text(`${path}[${i}]`, item, refuse);
  }
  return items;
}

/** The accepted field names of a field table, for messages (the tables are module constants). */
const fieldNames = new WeakMap<object, string>();

/**
 * A checked copy of a user object: each property is read once, and anything but a plain object of
 * `fields` (a key not among them, a value of the wrong type, hence any cycle or deeper nesting, a Map
 * or class instance, a getter or Proxy trap that throws) is refused through `refuse` naming its path.
 * Neither the value nor a thrown message is quoted (either may hold a secret).
 */
export function readUserObject(path: string, value: unknown, fields: Readonly<Record<string, UserFieldKind>>, refuse: Refuse): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let names = fieldNames.get(fields);
  if (names === undefined) fieldNames.set(fields, (names = Object.keys(fields).join(', ')));
  for (const key of plainKeys(path, value, names, refuse)) {
    const kind = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (kind === undefined) refuse(childPath(path, key), `is not a field of the user; accepted: ${names}`);
    const v = readKey(path, value, key, refuse);
    if (v === undefined) continue;
    if (kind === 'string') setOwn(out, key, typeof v === 'string' ? v : text(childPath(path, key), v, refuse));
    else if (kind === 'list') setOwn(out, key, stringItems(childPath(path, key), v, refuse));
    else {
      const at = childPath(path, key);
      const values: Record<string, string> = {};
      for (const name of plainKeys(at, v, 'attribute name -> string value', refuse)) {
        const item = readKey(at, v, name, refuse);
        const checked = typeof item === 'string' ? item : text(childPath(at, name), item, refuse);
        setOwn(values, name, checked); // an attribute named `__proto__` stays an attribute
      }
      setOwn(out, key, values);
    }
  }
  return out;
}

/**
 * Adds the attributes' values to `values` (each under its name and its `_` spelling) and tells whether the plugin's
 * text may depend on the order it replaces them in (a HashMap's, not fixed), seen on 2.19.4 and 3.4.0: a name two
 * attributes spell alike (`a.b` and `a_b` both give `attr_internal_a_b`) referenced with different values, or a
 * referenced name holding `$`, `{` or `}` (`${attr.internal.c}x}` is the attribute `c}x`, or `c` followed by `x}`).
 * `user.name`, `user.roles` and `user.securityRoles` are replaced before any attribute: an attribute never takes their place.
 */
function attributeOrderMatters(values: Map<string, string>, attributes: Readonly<Record<string, string>>, special: RegExp, referenced: (name: string) => boolean): boolean {
  const fixed = new Set(values.keys());
  let matters = false;
  for (const [k, v] of Object.entries(attributes)) {
    for (const name of new Set([k, k.replaceAll('.', '_')])) {
      if (fixed.has(name)) continue;
      const before = values.get(name);
      if (before !== undefined && before !== v && referenced(name)) matters = true;
      if (special.test(name) && referenced(name)) matters = true;
      if (before === undefined) values.set(name, v);
    }
  }
  return matters;
}

/** Result of substituting user variables into a DLS query string. */
export interface Substitution {
  text: string;
  /** Variable names left unresolved (no value, no default); they stay in `text` literally. */
  unresolved: string[];
  /** `${x:-default}` forms met (honoured by 3.7+; earlier versions leave them literally). */
  defaults: string[];
  /** `$${x}` escapes met (3.7+ turns them into a literal `${x}`; earlier versions replace the `${x}` in them). */
  escapes: string[];
  /**
   * True when the plugin's text may differ from `text`: a value inserted (or an attribute name) holds `$`, `{`
   * or `}`, or a reference nests `${`. The plugin replaces one name after another (custom attributes in an
   * order it does not fix), so such inserts can form or break other references: judge nothing.
   */
  uncertain: boolean;
}

const quoted = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(',');

/**
 * Replaces `${user.name}`, `${user.roles}` (`"a","b"`), `${user.securityRoles}`, custom attributes
 * such as `${attr.internal.X}` and their underscore forms (`${user_name}`). Values are inserted as
 * they are (not JSON-escaped), as the plugin does. 3.7+ (and an unknown version) also honours
 * `${x:-default}` and `$${x}` escapes; with `pluginVersion` before 3.7 only exact `${name}` references are replaced.
 */
export function substituteUserVariables(query: string, user: DlsUser = {}, options: { pluginVersion?: string } = {}): Substitution {
  const values = new Map<string, string>();
  const put = (k: string, v: string): void => {
    values.set(k, v);
    values.set(k.replaceAll('.', '_'), v);
  };
  // the user's own fields: one a polluted Object.prototype holds is none of the user's
  const name = field(user, 'name') as DlsUser['name'];
  const roles = field(user, 'roles') as DlsUser['roles'];
  const securityRoles = field(user, 'securityRoles') as DlsUser['securityRoles'];
  if (name !== undefined) put('user.name', name);
  if (roles) put('user.roles', quoted(roles));
  if (securityRoles) put('user.securityRoles', quoted(securityRoles));
  const special = /[${}]/;
  const referenced = (name: string): boolean => query.includes(`\${${name}}`) || query.includes(`\${${name}:-`);
  let uncertain = attributeOrderMatters(values, (field(user, 'attributes') as DlsUser['attributes']) ?? {}, special, referenced);
  const legacy = dlsRules(field(options, 'pluginVersion') as string | undefined)?.variables === 'exact';
  const unresolved: string[] = [];
  const defaults: string[] = [];
  const escapes: string[] = [];
  let out = '';
  let i = 0;
  // the next `}` after an escape, searched again only once passed (-1: none left): linear on many `$${`
  let close = -2;
  while (i < query.length) {
    const at = query.indexOf('${', i);
    if (at < 0) { out += query.slice(i); break; }
    if (at > 0 && query[at - 1] === '$') {
      if (close !== -1 && close < at + 2) close = query.indexOf('}', at + 2);
      escapes.push(query.slice(at + 2, close < 0 ? query.length : close));
      if (!legacy) {
        // `$${x}` is an escaped literal `${x}` for the 3.7+ substitutor
        out += query.slice(i, at - 1) + '${';
        i = at + 2;
        continue;
      }
    }
    const end = query.indexOf('}', at + 2);
    if (end < 0) { out += query.slice(i); break; }
    out += query.slice(i, at);
    const body = query.slice(at + 2, end);
    if (body.includes('${')) uncertain = true;
    const dflt = body.indexOf(':-');
    if (dflt >= 0) defaults.push(body);
    const name = dflt >= 0 && !legacy ? body.slice(0, dflt) : body;
    const v = values.get(name);
    if (v !== undefined && (special.test(v) || special.test(name))) uncertain = true;
    if (v !== undefined) out += v;
    else if (dflt >= 0 && !legacy) out += body.slice(dflt + 2);
    else { out += query.slice(at, end + 1); unresolved.push(name); }
    i = end + 1;
  }
  return { text: out, unresolved, defaults, escapes, uncertain };
}
