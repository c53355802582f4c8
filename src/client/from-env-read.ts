/**
 * Reading environment variables for fromEnv: each value checked on its own (type, range, no
 * surrounding whitespace) and refused with a ConfigError naming the variable, never echoing a
 * secret one. Every auth mode reads its variables through this reader.
 */
import { readBoundedFile } from './bounded-file.js';
import { MAX_PEM_BYTES } from './tls.js';
import { ConfigError } from '../errors/classes.js';
import { MAX_STRING_LENGTH, REGION, preview, typeName, urlPreview } from './options-check.js';
import { field } from '../errors/own.js';

/**
 * A refused value as the message shows it: whole when short (a secret put in the wrong variable is then
 * found by the redaction of the secret variables' values), never cut (a cut one would escape that match).
 */
function shownValue(value: string): string {
  // a value of the wrong shape may be a secret put in the wrong variable (variables swapped): only word-like values
  // (a typo such as "Basic", "us-east-1x", "yes") are quoted
  if (value.length <= 60 && (/^[a-z0-9_.-]+$/.test(value) || /^[A-Za-z_.-]+$/.test(value))) return JSON.stringify(value);
  return `a value of ${value.length} characters (not shown: it may be a secret put in the wrong variable)`;
}

/** True for a value shaped like a file path (a separator, or a file name with an extension, and no whitespace). */
function looksLikePath(value: string): boolean {
  return !/\s/.test(value) && (/[/\\]/.test(value) || /^[\w.-]+\.[A-Za-z0-9]{1,5}$/.test(value));
}

/** Throws ConfigError naming the variable. */
export function envFail(name: string, message: string): never {
  throw new ConfigError(name, `${name}: ${message}`);
}

/** `env[name]`, read once; an environment object whose getter or Proxy throws is refused naming the variable. */
export function readVariable(env: NodeJS.ProcessEnv, name: string): unknown {
  try {
    // a value inherited from a polluted Object.prototype is not the environment (nor is its getter called)
    return field(env, name);
  } catch {
    return envFail(name, 'could not be read (a getter or Proxy threw)');
  }
}

/** How a variable is read. */
export interface EnvReadFlags {
  /** A password, token or secret: never echoed; inner spaces kept. */
  secret?: boolean;
  /** A URL (or list of URLs): echoed without its user info (`user:password@`). */
  url?: boolean;
}

/** Typed, checked access to the variables of one environment. */
export class EnvReader {
  readonly #env: NodeJS.ProcessEnv;

  constructor(env: NodeJS.ProcessEnv) {
    this.#env = env;
  }

  /** The value, or undefined when unset or empty; refused when not a string, with surrounding whitespace (a value of spaces only too) or control characters. */
  string(name: string, flags: EnvReadFlags = {}): string | undefined {
    const raw = readVariable(this.#env, name);
    if (raw === undefined) return undefined;
    // a number, boolean, Buffer, String object or null is no value a process environment holds: never taken for unset
    if (typeof raw !== 'string') envFail(name, `must be a string (environment variables are text), got ${typeName(raw)}`);
    if (raw === '') return undefined;
    if (raw.trim() === '') envFail(name, 'is only whitespace; give a value or leave the variable unset (empty)');
    if (raw.length > MAX_STRING_LENGTH) envFail(name, `is longer than ${MAX_STRING_LENGTH} characters`);
    if (raw.trim() !== raw) {
      const shown = flags.secret === true ? 'the value' : flags.url === true ? urlPreview(raw) : shownValue(raw);
      envFail(name, `${shown} has leading or trailing whitespace (a trailing newline from a file?); remove it`);
    }
    if (/[\0-\x08\x0a-\x1f\x7f]/.test(raw)) envFail(name, 'contains a control character (a line break?)');
    return raw;
  }

  /** A required value. */
  required(name: string, why: string, flags: EnvReadFlags = {}): string {
    const v = this.string(name, flags);
    if (v === undefined) envFail(name, `is not set (${why})`);
    return v;
  }

  /** `true` or `false` (any case), nothing else: one documented list for every boolean variable. */
  boolean(name: string): boolean | undefined {
    const raw = this.string(name);
    const v = raw?.toLowerCase();
    if (raw === undefined || v === undefined) return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    // the value as given (a secret put in the wrong variable is then recognised by the redaction of secret variables)
    return envFail(name, `${shownValue(raw)} is not a boolean: accepted are true and false (any case)`);
  }

  /** A decimal integer in [min, max] (digits only: `0x10`, `1e3`, `5.0` and `+5` are refused). */
  integer(name: string, min: number, max: number): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^\d{1,16}$/.test(v)) envFail(name, `${shownValue(v)} is not a whole number in decimal digits`);
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) envFail(name, `${v} is out of range (${min} to ${max})`);
    return n;
  }

  /** An AWS region name. */
  region(name: string): string | undefined {
    const v = this.string(name);
    if (v !== undefined && !REGION.test(v)) envFail(name, `${shownValue(v)} is not an AWS region name such as "us-east-1"`);
    return v;
  }

  /** One of `values` (compared in lower case). */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const raw = this.string(name);
    const v = raw?.toLowerCase();
    if (raw === undefined || v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) envFail(name, `${shownValue(raw)} is not one of ${values.join(', ')}`);
    return v as T;
  }

  /** An http(s) URL. */
  url(name: string): string | undefined {
    const v = this.string(name, { url: true });
    if (v === undefined) return undefined;
    checkUrl(name, v);
    return v;
  }

  /** A comma-separated list of http(s) URLs. */
  urls(name: string, why: string): string[] {
    const list = this.required(name, why, { url: true })
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (list.length === 0) envFail(name, `is not set (${why})`);
    for (const u of list) checkUrl(name, u);
    return list;
  }

  /** The bytes of the file a variable names, read now. */
  file(name: string): Buffer | undefined {
    const path = this.string(name);
    if (path === undefined) return undefined;
    const read = readBoundedFile(path, MAX_PEM_BYTES);
    if (read.ok) return read.data;
    if (looksLikePath(path)) return envFail(name, `cannot read ${preview(path, 200)}: ${read.problem}`);
    return envFail(name, `cannot read the file it names: ${read.problem}; the value (${path.length} characters) is not shown: it does not look like a path and may be a secret put in the wrong variable`);
  }
}

function checkUrl(name: string, value: string): void {
  let ok = false;
  try {
    const u = new URL(value);
    ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    ok = false;
  }
  // quoted when it has a URL's shape (a scheme, a dot or a port); anything else may be a secret in the wrong variable
  if (!ok) envFail(name, `${/[:.]/.test(value) ? urlPreview(value) : shownValue(value)} is not an http(s) URL`);
}
