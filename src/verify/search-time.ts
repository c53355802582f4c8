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

/** The most epoch milliseconds a Date holds either side of 1970 (ECMAScript's time range). */
const MAX_EPOCH_MS = 8.64e15;
const DATE_GET_TIME = Date.prototype.getTime;

/**
 * The time a Date holds (its internal value, whatever a subclass's or the object's own getTime claims; a Date of
 * another realm too); undefined for anything that is no Date.
 */
function dateValue(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return DATE_GET_TIME.call(value);
  } catch {
    return undefined;
  }
}

/** Epoch ms of a number or a Date within ECMAScript's time range (read once); a ConfigError naming `path` otherwise. */
function instant(path: string, value: unknown): number {
  const ms = typeof value === 'number' ? value : dateValue(value);
  if (ms === undefined || !(Math.abs(ms) <= MAX_EPOCH_MS)) fail(path, `must be epoch milliseconds or a valid Date (within +-8.64e15 ms of 1970), got ${typeName(value)}`);
  return ms;
}

/** The interval [from, to] (epoch ms) a SearchTime names; a ConfigError naming `path` for anything else. */
export function readSearchTime(path: string, value: unknown): [number, number] {
  if (typeof value === 'number' || dateValue(value) !== undefined) {
    const at = instant(path, value);
    return [at, at];
  }
  if (!guarded(path, () => isPlainRecord(value))) fail(path, `must be an instant (epoch ms or a Date) or { from, to }, got ${typeName(value)}`);
  const { from, to } = guarded(path, () => ({ from: (value as { from?: unknown }).from, to: (value as { to?: unknown }).to }));
  const span: [number, number] = [instant(`${path}.from`, from), instant(`${path}.to`, to)];
  if (span[0] > span[1]) fail(`${path}.to`, 'must not be before from');
  return span;
}
