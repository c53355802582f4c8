/**
 * Whether the cluster auto-creates a missing index a write names: OpenSearch's AutoCreateIndex over the cluster setting
 * `action.auto_create_index` (`true` by default; `false`; or comma-separated index patterns, each `+` to allow or `-` to
 * forbid, the first that matches deciding and none matching forbidding; `*` is the only wildcard). A name the setting
 * forbids fails with 404 (index_not_found) before any shard-level check. System indices are always created, and
 * which names they are is not known here: a forbidden name starting with `.` is undecided. Measured on 2.19.4 with
 * `false`, `+pattern` and `-pattern,+*` (test/integration/permission-differential.test.ts).
 */
import type { Fact } from './facts.js';
import { simpleMatch } from '../fgac/index-expressions.js';

/** `action.auto_create_index` as OpenSearch reads it; `invalid` for a value it refuses (it cannot be set). */
export type AutoCreateSetting =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'patterns'; expressions: ReadonlyArray<{ pattern: string; include: boolean }>; text: string }
  | { kind: 'invalid'; text: string };

/** The setting's value parsed as AutoCreateIndex.AutoCreate does (Booleans.parseBoolean: exactly `true` / `false`). */
export function parseAutoCreate(value: string | boolean): AutoCreateSetting {
  // an empty list has no pattern: everything is created (AutoCreate's "matches not set")
  if (value === true || value === 'true' || value === '') return { kind: 'boolean', value: true };
  if (value === false || value === 'false') return { kind: 'boolean', value: false };
  const expressions: Array<{ pattern: string; include: boolean }> = [];
  for (const raw of value.split(',')) {
    const pattern = raw.trim();
    if (pattern === '' || pattern === '+' || pattern === '-') return { kind: 'invalid', text: value };
    if (pattern.startsWith('-')) expressions.push({ pattern: pattern.slice(1), include: false });
    else expressions.push({ pattern: pattern.startsWith('+') ? pattern.slice(1) : pattern, include: true });
  }
  return { kind: 'patterns', expressions, text: value };
}

// Regex.simpleMatch has one home (fgac/index-expressions.ts); re-exported for the template readers
export { simpleMatch };

/** Whether a missing index `name` is auto-created under `setting` (undefined: the setting is not known). */
export function autoCreateFact(setting: AutoCreateSetting | undefined, name: string): Fact {
  if (setting === undefined) return { known: false, why: `whether the cluster auto-creates ${name} (action.auto_create_index could not be read: pass options.autoCreateIndex)` };
  let creates: boolean;
  if (setting.kind === 'invalid') return { known: false, why: `action.auto_create_index is ${JSON.stringify(setting.text)}, which OpenSearch does not accept` };
  if (setting.kind === 'boolean') creates = setting.value;
  else creates = setting.expressions.find((e) => simpleMatch(e.pattern, name))?.include ?? false;
  if (!creates && name.startsWith('.')) return { known: false, why: `whether ${name} is a system index, which the cluster creates whatever action.auto_create_index says` };
  return { known: true, value: creates };
}
