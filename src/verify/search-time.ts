/**
 * When a search ran, as `expectationsFromRoles` takes it (`options.searchedAt`): the plugin resolved the role's
 * date-math index patterns (`<logs-{now/d}>`) with the node's clock while it served the search, not when the hits are
 * verified. An instant, or the interval from sending the search to its answer.
 */
import { fail, isPlainRecord, typeName } from '../client/options-check.js';
import { guarded } from '../client/options-snapshot.js';

/** An instant: epoch milliseconds or a Date. */
export type SearchInstant = number | Date;

/** When the search ran: an instant, or `{ from, to }` (sent, answered) when the instant is not known more closely. */
export type SearchTime = SearchInstant | { from: SearchInstant; to: SearchInstant };

/** Epoch ms of a finite number or a valid Date (read once); a ConfigError naming `path` otherwise. */
function instant(path: string, value: unknown): number {
  const ms = guarded(path, () => (value instanceof Date ? value.getTime() : value));
  if (typeof ms !== 'number' || !Number.isFinite(ms)) fail(path, `must be epoch milliseconds or a valid Date, got ${typeName(value)}`);
  return ms;
}

/** The interval [from, to] (epoch ms) a SearchTime names; a ConfigError naming `path` for anything else. */
export function readSearchTime(path: string, value: unknown): [number, number] {
  if (typeof value === 'number' || guarded(path, () => value instanceof Date)) {
    const at = instant(path, value);
    return [at, at];
  }
  if (!guarded(path, () => isPlainRecord(value))) fail(path, `must be an instant (epoch ms or a Date) or { from, to }, got ${typeName(value)}`);
  const { from, to } = guarded(path, () => ({ from: (value as { from?: unknown }).from, to: (value as { to?: unknown }).to }));
  const span: [number, number] = [instant(`${path}.from`, from), instant(`${path}.to`, to)];
  if (span[0] > span[1]) fail(`${path}.to`, 'must not be before from');
  return span;
}
