/**
 * The history of a concurrent security API run and its judge: each operation (the SDK's or a raw actor's) is recorded
 * with its start and end on one logical clock, whether it was applied (`ok`), may have been (`unknown`) or was not
 * (`failed`), and its effect on each observed key (`map.users:alice` -> `present`, `user.u0.attributes` -> its JSON).
 * A final value is explained when some applied or possibly applied operation (or the initial state) set it and no
 * applied operation that set another value started after that one ended (real-time order: later wins).
 */

/** One operation's effect on one key. `allowOnly`: may explain the final value, never forces it (a reported collateral). */
export interface Effect { key: string; value: string; allowOnly?: boolean }

/** One operation of the history. */
export interface OpRecord {
  id: number;
  actor: string;
  label: string;
  start: number;
  end: number;
  status: 'ok' | 'unknown' | 'failed';
  effects: Effect[];
  /** Values this operation appended (not a whole-list write): a duplicate needs two such appends. */
  appends: string[];
}

/** A logical clock: every start and end is one tick. */
export class Clock {
  #now = 0;
  /** The next tick. */
  tick(): number {
    return ++this.#now;
  }
}

/** The history and its judge. */
export class History {
  readonly ops: OpRecord[] = [];
  readonly initial = new Map<string, string>();
  readonly clock = new Clock();

  /** Records an operation. */
  add(op: Omit<OpRecord, 'id'>): void {
    this.ops.push({ ...op, id: this.ops.length + 1 });
  }

  /** The final values not explained by the history, each with the operations that touched its key. */
  unexplained(final: ReadonlyMap<string, string>): string[] {
    const problems: string[] = [];
    for (const [key, value] of final) {
      const touching = this.ops.flatMap((op) => op.effects.filter((e) => e.key === key).map((e) => ({ op, e })));
      const candidates = touching.filter(({ op, e }) => op.status !== 'failed' && e.value === value).map(({ op }) => op.end);
      if (this.initial.get(key) === value) candidates.push(0);
      const blockers = touching.filter(({ op, e }) => op.status === 'ok' && !e.allowOnly && e.value !== value).map(({ op }) => op.start);
      if (candidates.some((end) => blockers.every((start) => start < end))) continue;
      const story = touching
        .map(({ op, e }) => `#${op.id} ${op.actor} ${op.label} [${op.start},${op.end}] ${op.status} -> ${e.value}${e.allowOnly ? ' (allowOnly)' : ''}`)
        .join('\n    ');
      problems.push(`${key} = ${value} (initial ${this.initial.get(key) ?? 'none'}) is not explained:\n    ${story}`);
    }
    return problems;
  }

  /** Duplicate list entries the appends (one instance each) and one other source do not account for. `counts`: key of the list -> value -> how often it is stored. */
  unexplainedDuplicates(counts: ReadonlyMap<string, ReadonlyMap<string, number>>): string[] {
    const problems: string[] = [];
    for (const [list, values] of counts) {
      for (const [value, n] of values) {
        if (n < 2) continue;
        const key = `${list}:${value}`;
        const appenders = this.ops.filter((op) => op.status !== 'failed' && op.appends.includes(key));
        // one instance may come from the initial state or a whole-list write; each append adds at most one
        const otherSource = this.initial.get(key) === 'present'
          || this.ops.some((op) => op.status !== 'failed' && !op.appends.includes(key) && op.effects.some((e) => e.key === key && e.value === 'present'));
        if (n > appenders.length + (otherSource ? 1 : 0)) problems.push(`${list} holds ${value} ${n} times; appended by ${appenders.map((o) => `#${o.id} ${o.actor} ${o.label}`).join(', ') || 'no operation'}`);
      }
    }
    return problems;
  }
}
