/** How the CLI speaks: human text (colour only on a TTY) or JSON, always with secrets removed. */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { redactText, setOwn } from '../errors/redact.js';
import type { SecretSet } from '../errors/secrets.js';
import { shortenEchoes } from './flags.js';
import { field, hasField, opt } from '../errors/own.js';

/** Exit codes: 0 ok, 1 a finding or violation, 2 a usage or configuration error. */
export const EXIT = { ok: 0, finding: 1, usage: 2 } as const;

/** Writes the CLI's output; every line passes the same redaction by key and by value. */
export class Printer {
  readonly json: boolean;
  readonly #colour: boolean;
  /** Colour on stderr: decided by stderr's own terminal. */
  readonly #errColour: boolean;
  readonly #secrets: SecretSet;
  readonly #clientSecrets: () => readonly SecretSet[];
  readonly #echoes: readonly string[];
  /** Where paint() put a colour: a noncharacter and a nonce, then the SGR code (see paint). */
  readonly #mark = `\uFDD0${randomBytes(6).toString('hex')}`;
  readonly #painted = new RegExp(`${this.#mark}(\\d{1,2})\uFDD1`, 'g');

  /**
   * `clientSecrets`: the secret sets of the clients made so far (credentials from profiles, IMDS, Cognito...);
   * `echoes`: the command line's arguments, shortened where an error message repeats a long one.
   */
  constructor(options: { json: boolean; secrets: SecretSet; clientSecrets?: () => readonly SecretSet[]; stream?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv; echoes?: readonly string[] }) {
    this.json = options.json;
    this.#secrets = options.secrets;
    // each read as the object's own: a polluted Object.prototype's `isTTY` or `NO_COLOR` is none of them.
    // NO_COLOR counts only when not empty (no-color.org), as the SDK reads every empty variable as unset
    this.#clientSecrets = opt(options, 'clientSecrets') ?? (() => []);
    this.#echoes = opt(options, 'echoes') ?? [];
    const env = opt(options, 'env') ?? process.env;
    const colourAllowed = !options.json && (field(env, 'NO_COLOR') ?? '') === '' && field(env, 'TERM') !== 'dumb';
    this.#colour = colourAllowed && field(opt(options, 'stream') ?? process.stdout, 'isTTY') === true;
    this.#errColour = colourAllowed && field(process.stderr, 'isTTY') === true;
  }

  /** Removes every secret the CLI holds (by value) and every secret-shaped text (by key), both judged on the text as given. */
  clean(text: string): string {
    return redactText(text, [this.#secrets, ...this.#clientSecrets()]);
  }

  /** Cleaned `text` with the long arguments it repeats shortened (compared cleaned too: only removed text, never a secret's start, is cut). */
  short(cleaned: string): string {
    return this.#echoes.length === 0 ? cleaned : shortenEchoes(cleaned, this.#echoes.map((a) => this.clean(a)));
  }

  /**
   * clean() for one line on a terminal (oneLine: a server's escape sequences and line breaks shown as `?`); then the
   * colours paint() marked become escape sequences.
   */
  #forTerminal(text: string): string {
    const shown = oneLine(this.clean(text));
    return this.#colour ? shown.replace(this.#painted, '\u001b[$1m') : shown;
  }

  /** A line of human output (ignored in --json mode). */
  line(text = ''): void {
    if (!this.json) process.stdout.write(`${this.#forTerminal(text)}\n`);
  }

  /**
   * The machine-readable result (only in --json mode). Redacted value by value before serialising: redacting
   * the JSON text could replace a literal (`true` as a secret's value) or eat an escaped quote.
   */
  result(value: unknown): void {
    if (this.json) this.#write(value);
  }

  /** Writes `value` as JSON, every string cleaned except the top-level `error` when it is `cleanError` (cleaned already). */
  #write(value: unknown, cleanError?: string): void {
    process.stdout.write(`${JSON.stringify(value, (key, v: unknown) => (cleanError !== undefined && key === 'error' && v === cleanError ? v : this.#cleanJson(key, v)), 2)}\n`);
  }

  /** jsonReplacer, then each string (and each key of an object) cleaned. */
  #cleanJson(_key: string, value: unknown): unknown {
    const v = jsonReplacer(_key, value);
    if (typeof v === 'string') return this.clean(v);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) setOwn(out, this.clean(k), child);
    return out;
  }

  /** Progress of a long operation, on stderr and only on a terminal. */
  progress(text: string): void {
    if (!this.json && field(process.stderr, 'isTTY') === true) process.stderr.write(`${this.#forTerminal(text)}\n`);
  }

  /**
   * An error message on stderr (JSON on stdout in --json mode). `subject`: the option or variable the message
   * starts with (`OPENSEARCH_PASSWORD: is not set`), cleaned apart from the rest: the whole text has the shape of
   * a `name: value` line and would come out as `OPENSEARCH_PASSWORD: [REDACTED]`, which says nothing.
   */
  error(message: string, extra: Record<string, unknown> = {}, subject?: string): void {
    const prefix = subject === undefined || subject === '' ? '' : `${subject}: `;
    const cleaned = this.short(prefix !== '' && message.startsWith(prefix) ? `${this.clean(subject as string)}: ${this.clean(message.slice(prefix.length))}` : this.clean(message));
    if (this.json) this.#write({ ok: false, error: cleaned, ...extra }, cleaned);
    else process.stderr.write(`${this.#errColour ? `\u001b[31merror\u001b[39m` : 'error'}: ${oneLine(cleaned)}\n`);
  }

  /**
   * Colours `text` when writing to a terminal. The colour is marked, not written: line() replaces every escape
   * sequence of the text it is given (a server's), so the marks (holding this printer's nonce, which no server can
   * know) become escape sequences only after that.
   */
  paint(colour: 'red' | 'green' | 'yellow' | 'bold' | 'dim', text: string): string {
    if (!this.#colour) return text;
    const codes = { red: [31, 39], green: [32, 39], yellow: [33, 39], bold: [1, 22], dim: [2, 22] }[colour];
    return `${this.#mark}${codes[0]}\uFDD1${text}${this.#mark}${codes[1]}\uFDD1`;
  }
}

/**
 * Control characters a server put in its text (escape sequences; C0 but tab and line feed, DEL, C1) and the
 * formatting characters that make a terminal show text in another order or on another line (bidirectional
 * overrides, embeddings and isolates, line and paragraph separators) shown as `?`.
 */
export function shownOnTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');
}

/** shownOnTerminal, and a line break shown as `?` too: a server's text never starts a line of its own (a line that reads as the CLI's). */
function oneLine(text: string): string {
  return shownOnTerminal(text).replace(/\n/g, '?');
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, ...(hasField(value, 'kind') ? { kind: field(value, 'kind') } : {}) };
  if (typeof value === 'function' || typeof value === 'symbol') return inspect(value);
  return value;
}
