/**
 * Readers of what verification is given, shared by the expectations' check (check-expectations.ts),
 * the DLS evaluator and expectationsFromRoles: each property read once into a copy, a mistake a
 * ConfigError naming its path, a salt never echoed. The primitives (a record, a list, a string list),
 * the DLS user, field types, the evaluator's options, a role's grants and an alias table.
 */
import { fail, isPlainRecord, typeName } from '../client/options-check.js';
import { guarded, MAX_LIST, unreadable } from '../client/options-snapshot.js';
import { ConfigError } from '../errors/classes.js';
import { field } from '../errors/own.js';
import { setOwn } from '../errors/redact.js';
import { DLS_USER_FIELDS, readUserObject, type DlsUser } from '../fgac/dls-variables.js';
import type { IndexPermissionJson } from '../fgac/role-shape.js';
import type { DlsEvalOptions, FieldTypeInfo, FieldTypes } from './dls/types.js';

export type Kind = 'string' | 'boolean' | 'function' | 'number';

// The readers below use try/catch, not `guarded(() => ...)`: verifyHits reads its expectations on
// every call, and a closure per property read cost more than the rest of a small verification.

/**
 * `object[key]`, read once (a getter or Proxy that throws is a ConfigError naming `path.key`); a key only a polluted
 * Object.prototype holds is absent (own.ts `field`).
 */
export function read(path: string, object: Record<string, unknown>, key: string): unknown {
  try {
    return field(object, key);
  } catch {
    return unreadable(`${path}.${key}`);
  }
}

/** The value at `path` when it is undefined or of type `type`; a ConfigError otherwise. */
export function optional(path: string, value: unknown, type: Kind): void {
  if (value !== undefined && typeof value !== type) fail(path, `must be a ${type} when given, got ${typeName(value)}`);
}

/** Sets `out[key]` to `object[key]` when that is given and of type `type`. */
export function copyOptional(out: Record<string, unknown>, path: string, object: Record<string, unknown>, key: string, type: Kind): void {
  const value = read(path, object, key);
  if (value === undefined) return;
  if (typeof value !== type) optional(`${path}.${key}`, value, type);
  out[key] = value;
}

/** Whether `value` is a plain object literal; a Proxy whose trap throws is a ConfigError naming `path`. */
export function isPlain(path: string, value: unknown): boolean {
  try {
    return isPlainRecord(value);
  } catch {
    return unreadable(path);
  }
}

/** Requires a plain object literal (a Map is named as such); a throwing Proxy trap is a ConfigError too. */
export function record(path: string, value: unknown, hint: string): Record<string, unknown> {
  if (!isPlain(path, value)) fail(path, `must be a plain object (${hint}), got ${guarded(path, () => typeName(value))}`);
  return value as Record<string, unknown>;
}

/** The entries of an array, each read once; a longer list than MAX_LIST (or a Proxy claiming one) is refused. */
export function list(path: string, value: unknown, what: string): unknown[] {
  let length = 0;
  try {
    if (Array.isArray(value)) length = value.length;
    else fail(path, `must be an array of ${what}, got ${typeName(value)}`);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    unreadable(path);
  }
  if (length > MAX_LIST) fail(path, `holds more than ${MAX_LIST} entries`);
  const items = value as unknown[];
  const out = new Array<unknown>(length);
  for (let i = 0; i < length; i++) {
    try {
      out[i] = items[i];
    } catch {
      unreadable(`${path}[${i}]`);
    }
  }
  return out;
}

/** A copied list of strings (list), each entry checked. */
export function stringList(path: string, value: unknown): string[] {
  const items = list(path, value, 'strings');
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') fail(`${path}[${i}]`, `must be a string, got ${typeName(items[i])}`);
  return items as string[];
}

/** `path[key]`: how a key of an object keyed by name is shown in a path. */
export const keyPath = (path: string, key: string): string => `${path}[${JSON.stringify(key.slice(0, 60))}]`;

/** The own entries of a plain object, each value read once (a path is only built for a refusal). */
export function entries(path: string, object: Record<string, unknown>): Array<[string, unknown]> {
  const keys = guarded(path, () => Object.keys(object));
  if (keys.length > MAX_LIST) fail(path, `holds more than ${MAX_LIST} entries`);
  const out = new Array<[string, unknown]>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    try {
      out[i] = [key, object[key]];
    } catch {
      unreadable(keyPath(path, key));
    }
  }
  return out;
}

/** Requires a compliance salt of at least 16 bytes (string or bytes); the value never appears in the message. */
export function checkSalt(path: string, salt: unknown): void {
  if (salt === undefined) return;
  const bytes = guarded(path, () => salt instanceof Uint8Array);
  if (typeof salt !== 'string' && !bytes) fail(path, `must be a string or a Uint8Array, got ${typeName(salt)}`);
  const length = typeof salt === 'string' ? Buffer.byteLength(salt, 'utf8') : guarded(path, () => (salt as Uint8Array).length);
  if (length < 16) fail(path, `must hold at least 16 bytes (the plugin refuses a shorter compliance salt), got ${length}`);
}

/** A checked DLS user (`${user.name}`, role lists, attributes); see readUserObject. */
export function readDlsUser(path: string, user: unknown): DlsUser {
  return readUserObject(path, user, DLS_USER_FIELDS, fail) as DlsUser;
}

/** The keys of a FieldTypeInfo and their types. */
const FIELD_TYPE_INFO: Readonly<Record<string, Kind>> = {
  type: 'string', ignoreAbove: 'number', format: 'string', analyzer: 'string', searchAnalyzer: 'string', normalizer: 'string',
  hasNullValue: 'boolean', sourceField: 'string', aliasPath: 'string', copyToTarget: 'boolean', notIndexed: 'boolean', nestedInRoot: 'boolean',
  storedOnly: 'boolean', ignoreMalformed: 'boolean', coerce: 'boolean', dynamic: 'string',
};
const FIELD_TYPE_KEYS = new Map(Object.entries(FIELD_TYPE_INFO));
const FIELD_TYPE_KEY_LIST: ReadonlyArray<[string, undefined]> = Object.keys(FIELD_TYPE_INFO).map((key) => [key, undefined]);
/** The copies readFieldTypeInfo made: the DLS evaluator takes them as they are (no copy per hit). */
const checkedInfos = new WeakSet<object>();

/** A field type info of type `type` and nothing else, every key own (undefined but `type`). */
export function bareInfo(type: string): FieldTypeInfo {
  const info = Object.fromEntries(FIELD_TYPE_KEY_LIST) as Record<string, unknown>;
  info.type = type;
  return info as unknown as FieldTypeInfo;
}

/** Whether `info` is a copy readFieldTypeInfo made (checked, nobody else holds it). */
export const isCheckedFieldTypeInfo = (info: unknown): info is FieldTypeInfo => typeof info === 'object' && info !== null && checkedInfos.has(info);

/**
 * A checked copy of one field's type: a type name, or `{ type, ignoreAbove?, format?, ... }` (other keys
 * are not read). `path` is built only for a refusal (a mapping has thousands of fields).
 */
export function readFieldTypeInfo(path: () => string, value: unknown): FieldTypeInfo | string {
  if (typeof value === 'string') return value;
  let keys: string[] | undefined;
  try {
    if (isPlainRecord(value)) keys = Object.keys(value);
  } catch {
    guarded(path(), () => Object.keys(value as object));
  }
  if (keys === undefined) record(path(), value, 'a type name or { type, ignoreAbove?, format?, ... }');
  const info = value as Record<string, unknown>;
  // every key own (undefined when not given), defined, not assigned: the evaluator's reads of an absent one, and
  // these writes, never reach Object.prototype (and every copy has one shape)
  const copy: Record<string, unknown> = Object.fromEntries(FIELD_TYPE_KEY_LIST);
  for (const key of keys as string[]) {
    const kind = FIELD_TYPE_KEYS.get(key);
    if (kind === undefined) continue;
    let v: unknown;
    try {
      v = field(info, key);
    } catch {
      guarded(`${path()}.${key}`, () => field(info, key));
    }
    if (v === undefined) continue;
    if (typeof v !== kind) optional(`${path()}.${key}`, v, kind);
    copy[key] = v;
  }
  if (typeof copy.type !== 'string') fail(`${path()}.type`, `must be a string (the mapping type), got ${typeName(copy.type)}`);
  checkedInfos.add(copy);
  return copy as unknown as FieldTypeInfo;
}

/** A checked copy of field types (path -> type name or FieldTypeInfo). */
export function readFieldTypes(path: string, value: unknown): FieldTypes {
  // a plain object, not Object.create(null): the compiled-rules cache key serialises it on every call,
  // and JSON.stringify is several times slower on a dictionary-mode object (setOwn keeps `__proto__` a key)
  const out: Record<string, FieldTypeInfo | string> = {};
  for (const [field, t] of entries(path, record(path, value, 'fieldTypesFromMapping(...)'))) {
    setOwn(out, field, typeof t === 'string' ? t : readFieldTypeInfo(() => keyPath(path, field), t));
  }
  return out;
}

/**
 * The options of `evaluateDls`, checked: the user copied (readDlsUser), `fieldTypes` a plain object
 * whose entries the evaluator checks as it reads them (copying a mapping of thousands of fields for
 * every document would cost more than the evaluation).
 */
export function readDlsOptions(opts: Record<string, unknown>, path = 'options'): DlsEvalOptions {
  // null prototype: an option not given reads as absent, never as what a polluted Object.prototype holds
  const out = Object.create(null) as Record<string, unknown>;
  const user = read(path, opts, 'user');
  if (user !== undefined) out.user = readDlsUser(`${path}.user`, user);
  const fieldTypes = read(path, opts, 'fieldTypes');
  if (fieldTypes !== undefined) out.fieldTypes = record(`${path}.fieldTypes`, fieldTypes, 'fieldTypesFromMapping(...)');
  copyOptional(out, path, opts, 'id', 'string');
  copyOptional(out, path, opts, 'index', 'string');
  copyOptional(out, path, opts, 'unknownField', 'function');
  copyOptional(out, path, opts, 'pluginVersion', 'string');
  // every option own (undefined when not given): the evaluator's reads never reach a polluted Object.prototype
  return { user: out.user, fieldTypes: out.fieldTypes, id: out.id, index: out.index, unknownField: out.unknownField, pluginVersion: out.pluginVersion } as DlsEvalOptions;
}

/**
 * The index_permissions of one role as expectationsFromRoles reads them: a role from a server is not
 * trusted to have the API's shape (null reads as absent, as fromApiRole reads it).
 */
export function readRoleGrants(path: string, role: unknown): { name: string | undefined; grants: IndexPermissionJson[] } {
  const r = record(path, role, 'a role as the security API returns it');
  const given = (key: string): unknown => read(path, r, key) ?? undefined;
  const name = given('name');
  optional(`${path}.name`, name, 'string');
  const perms = given('index_permissions');
  const grants = perms === undefined ? [] : list(`${path}.index_permissions`, perms, 'index permissions').map((entry, i) => {
    const at = `${path}.index_permissions[${i}]`;
    const perm = record(at, entry, 'index_patterns, dls, fls, masked_fields');
    const out = Object.create(null) as { -readonly [K in keyof IndexPermissionJson]: IndexPermissionJson[K] };
    for (const key of ['index_patterns', 'fls', 'masked_fields'] as const) {
      const v = read(at, perm, key) ?? undefined;
      if (v !== undefined) out[key] = stringList(`${at}.${key}`, v);
    }
    const dls = read(at, perm, 'dls') ?? undefined;
    optional(`${at}.dls`, dls, 'string');
    if (dls !== undefined) out.dls = dls as string;
    return out;
  });
  return { name: name as string | undefined, grants };
}

/** A checked copy of an alias table (alias -> member index names). */
export function readAliases(path: string, value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, members] of entries(path, record(path, value, 'indexAliasesFrom(...)'))) setOwn(out, name, stringList(keyPath(path, name), members));
  return out;
}

