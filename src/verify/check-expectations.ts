/**
 * The shape of what `verifyHits` and `expectationsFromRoles` are given, checked before anything is
 * judged: a rule of the wrong type (`fls: 'x'`, `maskedFields: {}`, `dls: 42`) would otherwise be
 * ignored and the hit reported as passing. Each mistake is a ConfigError naming its path
 * (`expectations.indices[0].rules[1].fls`); a salt is never echoed.
 */
import { fail, isStringList, requirePlainRecord, typeName } from '../client/options-check.js';
import type { AccessExpectations } from './expectations.js';

function optional(path: string, value: unknown, type: 'string' | 'boolean' | 'function'): void {
  if (value !== undefined && typeof value !== type) fail(path, `must be a ${type} when given, got ${typeName(value)}`);
}

function requireStringList(path: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (!Array.isArray(value)) fail(path, `must be an array of strings, got ${typeName(value)}`);
  if (isStringList(value)) return;
  const items = value as unknown[];
  const at = items.findIndex((v) => typeof v !== 'string');
  fail(`${path}[${at}]`, `must be a string, got ${typeName(items[at])}`);
}

/** Requires a compliance salt of at least 16 bytes (string or bytes); the value never appears in the message. */
export function checkSalt(path: string, salt: unknown): void {
  if (salt === undefined) return;
  if (typeof salt !== 'string' && !(salt instanceof Uint8Array)) fail(path, `must be a string or a Uint8Array, got ${typeName(salt)}`);
  const length = typeof salt === 'string' ? Buffer.byteLength(salt, 'utf8') : salt.length;
  if (length < 16) fail(path, `must hold at least 16 bytes (the plugin refuses a shorter compliance salt), got ${length}`);
}

/** Throws a ConfigError naming the first part of `expectations` of the wrong shape. */
export function checkExpectations(expectations: unknown, path = 'expectations'): asserts expectations is AccessExpectations {
  const e = requirePlainRecord(path, expectations, 'indices, user, salt, originals...');
  if (!Array.isArray(e.indices)) fail(`${path}.indices`, `must be an array of index expectations, got ${typeName(e.indices)}`);
  e.indices.forEach((entry: unknown, i: number) => {
    const at = `${path}.indices[${i}]`;
    const x = requirePlainRecord(at, entry, 'indexPatterns and rules');
    requireStringList(`${at}.indexPatterns`, x.indexPatterns, true);
    if (!Array.isArray(x.rules)) fail(`${at}.rules`, `must be an array of rules, got ${typeName(x.rules)}`);
    x.rules.forEach((rule: unknown, j: number) => {
      const r = requirePlainRecord(`${at}.rules[${j}]`, rule, 'role, dls, fls, maskedFields');
      optional(`${at}.rules[${j}].role`, r.role, 'string');
      optional(`${at}.rules[${j}].dls`, r.dls, 'string');
      requireStringList(`${at}.rules[${j}].fls`, r.fls, false);
      requireStringList(`${at}.rules[${j}].maskedFields`, r.maskedFields, false);
    });
    if (x.fieldTypes !== undefined) requirePlainRecord(`${at}.fieldTypes`, x.fieldTypes, 'fieldTypesFromMapping(...)');
    if (x.masking !== undefined) {
      const masking = requirePlainRecord(`${at}.masking`, x.masking, 'masking options');
      checkSalt(`${at}.masking.salt`, masking.salt);
      optional(`${at}.masking.defaultAlgorithm`, masking.defaultAlgorithm, 'string');
      optional(`${at}.masking.pluginVersion`, masking.pluginVersion, 'string');
    }
  });
  if (e.user !== undefined) requirePlainRecord(`${path}.user`, e.user, 'name, roles, attributes');
  checkSalt(`${path}.salt`, e.salt);
  optional(`${path}.defaultAlgorithm`, e.defaultAlgorithm, 'string');
  optional(`${path}.pluginVersion`, e.pluginVersion, 'string');
  if (e.originals !== undefined && !(e.originals instanceof Map) && typeof e.originals !== 'function') {
    fail(`${path}.originals`, `must be a Map of "index/id" -> document or a function (index, id) => document, got ${typeName(e.originals)}`);
  }
  for (const flag of ['dfmEmptyOverridesAll', 'sourceComplete', 'strictMasks'] as const) optional(`${path}.${flag}`, e[flag], 'boolean');
  if (e.aliases !== undefined) {
    const aliases = requirePlainRecord(`${path}.aliases`, e.aliases, 'indexAliasesFrom(...)');
    for (const [name, members] of Object.entries(aliases)) requireStringList(`${path}.aliases[${JSON.stringify(name.slice(0, 60))}]`, members, true);
  }
  optional(`${path}.dlsVerdict`, e.dlsVerdict, 'function');
}
