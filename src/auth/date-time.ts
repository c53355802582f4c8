/** Reading a Date a caller or a credential source handed over, without trusting its own methods. */

/**
 * The time a real Date holds (its internal value, whatever its own `getTime` or `valueOf` claim), NaN for
 * an Invalid Date, undefined for anything that is not a Date (a look-alike made with `Object.create`, a
 * Proxy, a string, a number).
 */
export function dateTime(value: unknown): number | undefined {
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
}
