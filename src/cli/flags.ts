/**
 * The values of the CLI's flags, checked before any command runs: each refusal is an InvalidArgumentError, which
 * commander reports as a usage error (exit 2) naming the flag. And the shortening of the arguments its messages echo.
 */
import { InvalidArgumentError } from 'commander';

/** Longest flag value: names and paths are far shorter (an index name 255 bytes, a request line 4096 by default). */
export const MAX_FLAG_VALUE_LENGTH = 4096;

/**
 * Control characters (C0, DEL, C1), the line and paragraph separators (U+2028, U+2029: a line break to a log or JSON
 * reader) and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069: text shown in another order than
 * it is read): never part of a name, an action, a request line or a path typed on purpose.
 */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** `U+XXXX` of the character at `index` of `text`. */
function codePoint(text: string, index: number): string {
  return `U+${(text.codePointAt(index) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A value-taking option's value. commander hands a flag missing its value the next word, even another flag
 * (`--action --json` explained the action `--json`): a value shaped like a flag of this program is refused, and
 * so is a blank one. A file named like a flag is still reachable as `./--name`. Refused too: a value over
 * MAX_FLAG_VALUE_LENGTH characters, a control character (an escape sequence, a newline pasted in), U+FFFD (what
 * bytes that are not UTF-8 in an argument decode to), and a leading `=` (`-f=file`: a short flag takes no `=`).
 */
export function flagValue(text: string): string {
  if (text.trim() === '') throw new InvalidArgumentError('needs a value (got an empty one)');
  if (/^--/.test(text) || /^-[a-zA-Z]$/.test(text)) throw new InvalidArgumentError(`needs a value (got the flag ${text})`);
  if (text.length > MAX_FLAG_VALUE_LENGTH) throw new InvalidArgumentError(`is longer than ${MAX_FLAG_VALUE_LENGTH} characters (${text.length})`);
  const control = CONTROL.exec(text);
  if (control !== null) throw new InvalidArgumentError(`contains the control character ${codePoint(text, control.index)} at character ${control.index + 1}`);
  if (text.includes('\uFFFD')) throw new InvalidArgumentError('contains bytes that are not UTF-8 (they read as U+FFFD)');
  if (text.startsWith('=')) throw new InvalidArgumentError("starts with '=' (a short flag takes its value after a space, as in -f file; a file named so is reachable as ./=name)");
  return text;
}

/** A name (`--action`, `--user`): a flag value without whitespace around it (a copy-paste slip the server would take literally). */
export function nameValue(text: string): string {
  flagValue(text);
  if (text.trim() !== text) throw new InvalidArgumentError(`has whitespace around it: ${JSON.stringify(text)}`);
  return text;
}

/** `--index`: at least one non-blank name (a blank list would target every index, or none, depending on the command), none with whitespace around it. */
export function indexListValue(text: string): string {
  flagValue(text);
  const names = text.split(',');
  if (names.every((name) => name.trim() === '')) throw new InvalidArgumentError('names no index (a comma-separated list of index names or patterns)');
  const padded = names.find((name) => name.trim() !== '' && name.trim() !== name);
  if (padded !== undefined) throw new InvalidArgumentError(`has whitespace around the index name ${JSON.stringify(padded)} (write a,b, not a, b)`);
  return text;
}

/** `--size`: a whole number from 1 to 999999, in plain digits (`0x10`, `1e3`, `010` are refused). */
export function positiveIntValue(value: string): number {
  if (!/^[1-9][0-9]{0,6}$/.test(value) || !isHitCount(Number(value))) throw new InvalidArgumentError('must be a whole number from 1 to 999999');
  return Number(value);
}

/** A number of hits to fetch, from `--size` or a query file's `size`: a whole number from 1 to 999999. */
export function isHitCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 999_999;
}

/**
 * A parser per flag that refuses the flag's second occurrence (`--index a --index b` took `b` alone, silently).
 * `seen` is one parse's record (a program is parsed once).
 */
export function once<T>(seen: Set<string>, flag: string, parse: (text: string) => T): (text: string) => T {
  return (text) => {
    if (seen.has(flag)) throw new InvalidArgumentError(`is given more than once (${flag} takes one value)`);
    seen.add(flag);
    return parse(text);
  };
}

/** Arguments at least this long are shortened where a message echoes them. */
const LONG_ARGUMENT = 200;

/**
 * `text` with every long argument of `argv` it echoes (a whole argument, or the value of `--flag=value`) replaced
 * by its start and its length: an error about a 1 MB value is one line, not 1 MB.
 */
export function shortenEchoes(text: string, argv: readonly string[]): string {
  const long = new Set<string>();
  for (const arg of argv) {
    if (arg.length >= LONG_ARGUMENT) long.add(arg);
    const eq = arg.startsWith('-') ? arg.indexOf('=') : -1;
    if (eq > 0 && arg.length - eq - 1 >= LONG_ARGUMENT) long.add(arg.slice(eq + 1));
  }
  let out = text;
  // longest first: a value is a part of its own `--flag=value`
  for (const arg of [...long].sort((a, b) => b.length - a.length)) {
    if (out.includes(arg)) out = out.split(arg).join(`${arg.slice(0, 40)}…(${arg.length} characters)`);
  }
  return out;
}
