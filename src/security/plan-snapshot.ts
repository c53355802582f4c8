/**
 * What plan() saw of each entity it writes, so apply() can refuse to write over a change made after it: a plan
 * applied later (after a prompt, in another step of a pipeline) must not undo another admin's edit (no lost update).
 * Kept beside each operation object plan() returns, not in the plan (a plan stays plain data): a copy of the plan or a
 * plan with some operations left out still carries its operations' snapshots (as it carries their real passwords,
 * plan-secrets.ts); an operation rebuilt from JSON or written by hand has none.
 */
import { sameEntity, type ApiEntity, type SecurityResourceKind } from './canonical.js';

interface Seen {
  kind: SecurityResourceKind;
  /** The entity the operation writes. */
  name: string;
  /** The entity plan() diffed against (null: absent). */
  before: ApiEntity | null;
  pluginVersion: string | undefined;
}

const SEEN = new WeakMap<object, Seen>();

/** Records that the operations `ops` (as the plan holds them) write entity `name` of `kind`, which plan() saw as `actual` (undefined: absent). */
export function rememberSeen(ops: readonly object[], kind: SecurityResourceKind, name: string, actual: ApiEntity | undefined, pluginVersion: string | undefined): void {
  for (const op of ops) SEEN.set(op, { kind, name, before: actual ?? null, pluginVersion });
}

/** What plan() saw for the entities `operations` of `kind` write (one entry per entity; operations without a snapshot left out). */
function seenOf(operations: readonly unknown[], kind: SecurityResourceKind): Seen[] {
  const byName = new Map<string, Seen>();
  for (const op of operations) {
    const seen = op !== null && typeof op === 'object' ? SEEN.get(op) : undefined;
    if (seen !== undefined && seen.kind === kind) byName.set(seen.name, seen);
  }
  return [...byName.values()];
}

/** True when one of `operations` (a plan's operations of `kind`) came from plan() in this process with what it saw. */
export function hasSnapshot(operations: readonly unknown[], kind: SecurityResourceKind): boolean {
  return seenOf(operations, kind).length > 0;
}

/** The entities `operations` write that are no longer as plan() saw them in `now` (created, deleted or changed since). */
export function changedSincePlan(operations: readonly unknown[], kind: SecurityResourceKind, now: Readonly<Record<string, ApiEntity>>): string[] {
  const changed: string[] = [];
  for (const { name, before, pluginVersion } of seenOf(operations, kind)) {
    const after = Object.hasOwn(now, name) ? now[name] : undefined;
    if (before === null ? after !== undefined : after === undefined || !sameEntity(kind, before, after, pluginVersion)) changed.push(name);
  }
  return changed;
}
