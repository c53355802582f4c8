/** How the CLI speaks: human text (colour only on a TTY) or JSON, always with secrets removed. */
import { inspect } from 'node:util';
import { redactText } from '../errors/redact.js';
import type { SecretSet } from '../errors/secrets.js';

/** Exit codes: 0 ok, 1 a finding or violation, 2 a usage or configuration error. */
export const EXIT = { ok: 0, finding: 1, usage: 2 } as const;

/** Writes the CLI's output; every line passes the same redaction by key and by value. */
export class Printer {
  readonly json: boolean;
  readonly #colour: boolean;
  readonly #secrets: SecretSet;
  readonly #clientSecrets: () => readonly SecretSet[];

  /** `clientSecrets`: the secret sets of the clients made so far (credentials from profiles, IMDS, Cognito...). */
  constructor(options: { json: boolean; secrets: SecretSet; clientSecrets?: () => readonly SecretSet[]; stream?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv }) {
    this.json = options.json;
    this.#secrets = options.secrets;
    this.#clientSecrets = options.clientSecrets ?? (() => []);
    const env = options.env ?? process.env;
    this.#colour = !options.json && (options.stream ?? process.stdout).isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  }

  /** Removes every secret the CLI holds (by value) and every secret-shaped text (by key). */
  clean(text: string): string {
    let out = text;
    for (const set of [this.#secrets, ...this.#clientSecrets()]) {
      for (const form of set.forms()) out = out.split(form).join('[REDACTED]');
    }
    return redactText(out);
  }

  /** A line of human output (ignored in --json mode). */
  line(text = ''): void {
    if (!this.json) process.stdout.write(`${this.clean(text)}\n`);
  }

  /** The machine-readable result (only in --json mode). */
  result(value: unknown): void {
    if (this.json) process.stdout.write(`${this.clean(JSON.stringify(value, jsonReplacer, 2))}\n`);
  }

  /** Progress of a long operation, on stderr and only on a terminal. */
  progress(text: string): void {
    if (!this.json && process.stderr.isTTY === true) process.stderr.write(`${this.clean(text)}\n`);
  }

  /** An error message on stderr (JSON on stdout in --json mode). */
  error(message: string, extra: Record<string, unknown> = {}): void {
    if (this.json) this.result({ ok: false, error: message, ...extra });
    else process.stderr.write(`${this.paint('red', 'error')}: ${this.clean(message)}\n`);
  }

  /** Colours `text` when writing to a terminal. */
  paint(colour: 'red' | 'green' | 'yellow' | 'bold' | 'dim', text: string): string {
    if (!this.#colour) return text;
    const codes = { red: [31, 39], green: [32, 39], yellow: [33, 39], bold: [1, 22], dim: [2, 22] }[colour];
    return `\u001b[${codes[0]}m${text}\u001b[${codes[1]}m`;
  }
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, ...(('kind' in value) ? { kind: (value as { kind: unknown }).kind } : {}) };
  if (typeof value === 'function' || typeof value === 'symbol') return inspect(value);
  return value;
}
