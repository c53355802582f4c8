/**
 * A date-math index name over an interval of time: the node resolves it at one unknown instant of the request it
 * serves (a search that ran between two known instants), so the name is known only when it is the same throughout.
 */
import { isDateMathExpression, resolveDateMathStep, type DateMathResolution } from './date-math.js';
import { MAX_MS } from './date-math-time.js';

/** A date-math name over an interval of time: one name throughout, or the names it takes (`varies`). */
export type DateMathSpanResolution = DateMathResolution | { kind: 'varies'; names: string[]; reason: string };

/** Instants resolveDateMathDuring evaluates at most (a day at one per second); a longer span is `unsupported`. */
export const MAX_SPAN_STEPS = 86_400;

/**
 * `name` resolved at every instant from `from` to `to` (epoch ms, inclusive): `resolved` when it names one index
 * throughout, `varies` with the names it takes otherwise. Exact: a name changes only where a printed field or the
 * math's result does, which is at a whole second (zone offsets and their transitions are whole seconds), or at a
 * millisecond when a sub-second field (S n A N) is printed; one instant of each such step is evaluated (at most
 * MAX_SPAN_STEPS, else `unsupported`).
 */
export function resolveDateMathDuring(name: string, from: number, to: number): DateMathSpanResolution {
  const { resolution: first, step } = resolveDateMathStep(name, from);
  if (first.kind === 'resolved' && isDateMathExpression(name) && !(Math.abs(to) <= MAX_MS)) return resolveDateMathStep(name, to).resolution;
  if (first.kind !== 'resolved' || to <= from || !isDateMathExpression(name)) return first;
  // the first step boundary after `from`, then every boundary up to `to`
  const start = Math.floor(from / step) * step + step;
  const steps = start > to ? 0 : Math.floor((to - start) / step) + 1;
  if (steps > MAX_SPAN_STEPS) {
    return { kind: 'unsupported', reason: `${name} over ${to - from} ms: more than ${MAX_SPAN_STEPS} ${step === 1 ? 'milliseconds' : 'seconds'} to resolve it at (give a narrower search time)` };
  }
  const names = new Set([first.name]);
  for (let i = 0; i < steps; i++) {
    const r = resolveDateMathStep(name, start + i * step).resolution;
    if (r.kind !== 'resolved') return r;
    names.add(r.name);
  }
  if (names.size === 1) return first;
  const list = [...names];
  const shownNames = list.length === 2 ? `${list[0]} and then ${list[1]}` : `${list.length} indices (${list.slice(0, 3).join(', ')}, ...)`;
  return { kind: 'varies', names: list, reason: `${name} names ${shownNames} between ${new Date(from).toISOString()} and ${new Date(to).toISOString()}: which one the node resolved is unknown` };
}
