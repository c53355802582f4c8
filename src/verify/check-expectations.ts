/**
 * The shape of what `verifyHits` and `expectationsFromRoles` are given, checked before anything is
 * judged: a rule of the wrong type (`fls: 'x'`, `maskedFields: {}`, `dls: 42`) would otherwise be
 * ignored and the hit reported as passing. Each mistake is a ConfigError naming its path
 * (`expectations.indices[0].rules[1].fls`); a salt is never echoed.
 *
 * What is checked is a copy, each property read once (as client options are, options-snapshot.ts):
 * a getter or Proxy that throws is a ConfigError naming it, a cycle or deep nesting can only sit where
 * a value of another type is expected (refused), and nothing later walks or serialises the caller's
 * objects (a cyclic `user` used to fail inside JSON.stringify).
 */
import { fail, typeName } from '../client/options-check.js';
import { guarded } from '../client/options-snapshot.js';
import { defaultAlgorithmProblem, type MaskingOptions } from '../fgac/masking.js';
import type { AccessExpectations, IndexExpectation, IndexRule } from './expectations.js';

/** A copy in the making: null prototype, so a key not set reads as absent, never as what a polluted Object.prototype holds, and setting one calls no setter planted there. */
const bag = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;
import { checkSalt, copyOptional, list, read, readAliases, readDlsUser, readFieldTypes, record, stringList } from './read-inputs.js';
import { table } from '../errors/own.js';

const RULE_KEYS = ['role', 'dls', 'fls', 'maskedFields'] as const;
const INDEX_KEYS = ['indexPatterns', 'rules', 'fieldTypes', 'masking', 'undecided'] as const;
const MASKING_KEYS = ['salt', 'defaultAlgorithm', 'pluginVersion'] as const;
const TOP_KEYS = ['indices', 'user', 'salt', 'defaultAlgorithm', 'pluginVersion', 'originals', 'dfmEmptyOverridesAll', 'sourceComplete', 'strictMasks', 'aliases', 'dlsVerdict'] as const;
/** The plugin's role-JSON spellings a caller may copy into expectations, and this API's names for them. */
const ROLE_JSON_NAMES: Readonly<Record<string, string>> = table({ masked_fields: 'maskedFields', index_patterns: 'indexPatterns' });

/**
 * Refuses an own key outside `known`: a misspelt rule (`dsl`, `FLS`, the plugin's `masked_fields`) would
 * otherwise be dropped and a leaking hit reported as passing. A key set to undefined is no rule.
 */
function knownKeysOnly(path: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of guarded(path, () => Object.keys(value))) {
    if (known.includes(key) || guarded(path, () => value[key]) === undefined) continue;
    const name = /^[A-Za-z0-9_$]{1,60}$/.test(key) ? key : '?';
    const instead = Object.hasOwn(ROLE_JSON_NAMES, key) ? ` (did you mean ${ROLE_JSON_NAMES[key]}?)` : '';
    fail(`${path}.${name}`, `is not a field here${instead}; accepted: ${known.join(', ')}`);
  }
}

/** A default masking algorithm the plugin does not know is refused: no mask could be recomputed with it. */
function checkDefaultAlgorithm(path: string, value: unknown): void {
  const problem = typeof value === 'string' ? defaultAlgorithmProblem(value) : undefined;
  if (problem !== undefined) fail(path, problem);
}

function readMasking(path: string, value: unknown): MaskingOptions {
  const masking = record(path, value, 'masking options');
  knownKeysOnly(path, masking, MASKING_KEYS);
  const out = bag();
  const salt = read(path, masking, 'salt');
  checkSalt(`${path}.salt`, salt);
  if (salt !== undefined) out.salt = salt;
  copyOptional(out, path, masking, 'defaultAlgorithm', 'string');
  checkDefaultAlgorithm(`${path}.defaultAlgorithm`, out.defaultAlgorithm);
  copyOptional(out, path, masking, 'pluginVersion', 'string');
  return out as MaskingOptions;
}

function readRule(path: string, value: unknown): IndexRule {
  const r = record(path, value, 'role, dls, fls, maskedFields');
  knownKeysOnly(path, r, RULE_KEYS);
  const out = bag();
  copyOptional(out, path, r, 'role', 'string');
  copyOptional(out, path, r, 'dls', 'string');
  for (const key of ['fls', 'maskedFields'] as const) {
    const v = read(path, r, key);
    if (v !== undefined) out[key] = stringList(`${path}.${key}`, v);
  }
  return { role: out.role, dls: out.dls, fls: out.fls, maskedFields: out.maskedFields } as IndexRule;
}

function readIndexExpectation(path: string, value: unknown): IndexExpectation {
  const x = record(path, value, 'indexPatterns and rules');
  knownKeysOnly(path, x, INDEX_KEYS);
  const rules = list(`${path}.rules`, read(path, x, 'rules'), 'rules');
  const out = bag() as { -readonly [K in keyof IndexExpectation]: IndexExpectation[K] };
  out.indexPatterns = stringList(`${path}.indexPatterns`, read(path, x, 'indexPatterns'));
  out.rules = rules.map((rule, j) => readRule(`${path}.rules[${j}]`, rule));
  const fieldTypes = read(path, x, 'fieldTypes');
  if (fieldTypes !== undefined) out.fieldTypes = readFieldTypes(`${path}.fieldTypes`, fieldTypes);
  const masking = read(path, x, 'masking');
  if (masking !== undefined) out.masking = readMasking(`${path}.masking`, masking);
  copyOptional(out as Record<string, unknown>, path, x, 'undecided', 'string');
  return { indexPatterns: out.indexPatterns, rules: out.rules, fieldTypes: out.fieldTypes, masking: out.masking, undecided: out.undecided };
}

/**
 * A checked copy of `expectations`: a ConfigError names the first part of the wrong shape, or one
 * that could not be read. `originals` and `dlsVerdict` are kept as given (a Map or functions). The
 * copy, its index expectations and their rules list every key (an absent one undefined): verifyHits'
 * optimised loop reads them, and V8 drops the hidden classes of objects built key by key once they
 * die, and the code made for them with it, at the first GC after each call.
 */
export function readExpectations(expectations: unknown, path = 'expectations'): AccessExpectations {
  const e = record(path, expectations, 'indices, user, salt, originals...');
  knownKeysOnly(path, e, TOP_KEYS);
  const indices = list(`${path}.indices`, read(path, e, 'indices'), 'index expectations');
  const out = bag();
  out.indices = indices.map((entry, i) => readIndexExpectation(`${path}.indices[${i}]`, entry));
  const user = read(path, e, 'user');
  if (user !== undefined) out.user = readDlsUser(`${path}.user`, user);
  const salt = read(path, e, 'salt');
  checkSalt(`${path}.salt`, salt);
  if (salt !== undefined) out.salt = salt;
  copyOptional(out, path, e, 'defaultAlgorithm', 'string');
  checkDefaultAlgorithm(`${path}.defaultAlgorithm`, out.defaultAlgorithm);
  copyOptional(out, path, e, 'pluginVersion', 'string');
  const originals = read(path, e, 'originals');
  if (originals !== undefined) {
    if (!guarded(`${path}.originals`, () => originals instanceof Map) && typeof originals !== 'function') {
      fail(`${path}.originals`, `must be a Map of "index/id" -> document or a function (index, id) => document, got ${typeName(originals)}`);
    }
    out.originals = originals;
  }
  for (const flag of ['dfmEmptyOverridesAll', 'sourceComplete', 'strictMasks'] as const) copyOptional(out, path, e, flag, 'boolean');
  const aliases = read(path, e, 'aliases');
  if (aliases !== undefined) out.aliases = readAliases(`${path}.aliases`, aliases);
  copyOptional(out, path, e, 'dlsVerdict', 'function');
  const o = out as unknown as AccessExpectations;
  return {
    indices: o.indices, user: o.user, salt: o.salt, defaultAlgorithm: o.defaultAlgorithm, pluginVersion: o.pluginVersion, originals: o.originals,
    dfmEmptyOverridesAll: o.dfmEmptyOverridesAll, sourceComplete: o.sourceComplete, strictMasks: o.strictMasks, aliases: o.aliases, dlsVerdict: o.dlsVerdict,
  };
}
