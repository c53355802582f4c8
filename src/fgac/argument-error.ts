/**
 * The errors this library throws about an argument, told apart from what a caller's getter, Proxy trap or toString
 * throws while a public function reads its arguments: those are replaced by a TypeError naming the function, so
 * their text (which may hold anything) is never repeated.
 */
import { isFgacErrorObject } from '../errors/base.js';

const OWN = Symbol('opensearch-fgac.own-error');

/** Marks the errors of `errorClass` (and its subclasses) as this library's own. */
export function ownErrorClass(errorClass: { prototype: object }): void {
  Object.defineProperty(errorClass.prototype, OWN, { value: true });
}

/** A TypeError about an argument, thrown on purpose. */
export class ArgumentTypeError extends TypeError {}
ownErrorClass(ArgumentTypeError);

/** A RangeError about an argument, thrown on purpose. */
export class ArgumentRangeError extends RangeError {}
ownErrorClass(ArgumentRangeError);

function isOwn(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  try {
    return (error as Record<symbol, unknown>)[OWN] === true || isFgacErrorObject(error);
  } catch {
    return false;
  }
}

/** What public function `fn` rethrows for `error`: this library's own errors as they are, anything else without its text. */
export function inputFailure(fn: string, error: unknown): Error {
  if (isOwn(error)) return error as Error;
  if (error instanceof RangeError && error.message === 'Maximum call stack size exceeded') return new ArgumentTypeError(`${fn}: an argument is nested too deeply`);
  return new ArgumentTypeError(`${fn}: an argument could not be read (a getter, Proxy or toString threw); pass plain values`);
}
