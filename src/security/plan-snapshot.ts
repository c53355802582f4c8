/**
 * What plan() saw of each entity it touches, so apply() can refuse to write over a change made after it: a plan
 * applied later (after a prompt, in another step of a pipeline) must not undo another admin's edit (no lost update).
 * Kept beside the plan object, not in it (a plan stays plain data; one rebuilt from JSON has no snapshot).
 */
import { sameEntity, type ApiEntity, type SecurityResourceKind } from './canonical.js';

interface Seen {
  pluginVersion: string | undefined;
  /** Per type: entity name -> the entity plan() diffed against (null: absent). */
  entities: Map<SecurityResourceKind, Map<string, ApiEntity | null>>;
}

const SNAPSHOTS = new WeakMap<object, Seen>();

/** Starts the snapshot of `plan`. */
export function startSnapshot(plan: object, pluginVersion: string | undefined): void {
  SNAPSHOTS.set(plan, { pluginVersion, entities: new Map() });
}

/** Records that `plan` writes entity `name` of `kind`, which it saw as `actual` (undefined: absent). */
export function rememberSeen(plan: object, kind: SecurityResourceKind, name: string, actual: ApiEntity | undefined): void {
  const seen = SNAPSHOTS.get(plan);
  if (seen === undefined) return;
  let names = seen.entities.get(kind);
  if (names === undefined) seen.entities.set(kind, (names = new Map()));
  names.set(name, actual ?? null);
}

/** True when `plan` has a snapshot of `kind` to check (a plan from plan() in this process that writes the type). */
export function hasSnapshot(plan: object, kind: SecurityResourceKind): boolean {
  return (SNAPSHOTS.get(plan)?.entities.get(kind)?.size ?? 0) > 0;
}

/** The entities of `kind` that plan() touches and that are no longer as it saw them in `now` (created, deleted or changed since). */
export function changedSincePlan(plan: object, kind: SecurityResourceKind, now: Readonly<Record<string, ApiEntity>>): string[] {
  const seen = SNAPSHOTS.get(plan);
  const names = seen?.entities.get(kind);
  if (seen === undefined || names === undefined) return [];
  const changed: string[] = [];
  for (const [name, before] of names) {
    const after = Object.hasOwn(now, name) ? now[name] : undefined;
    if (before === null ? after !== undefined : after === undefined || !sameEntity(kind, before, after, seen.pluginVersion)) changed.push(name);
  }
  return changed;
}
