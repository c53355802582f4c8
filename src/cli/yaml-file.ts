/** The files the CLI reads (roles-as-code, role definitions, queries as YAML/JSON; request bodies as text): bounded, then parsed. */
import { parse } from 'yaml';
import { readBoundedFile } from '../client/bounded-file.js';
import { UsageError } from './usage-error.js';

/** Largest file read: roles-as-code files are a few hundred KB even for large clusters. */
export const MAX_CLI_FILE_BYTES = 8 * 1024 * 1024;

/** The text of `file` (given with `flag`), as UTF-8; a usage error naming both when it cannot be read. */
export function readTextFile(flag: string, file: string): string {
  const read = readBoundedFile(file, MAX_CLI_FILE_BYTES);
  if (!read.ok) throw new UsageError(`${flag} ${file}: ${read.problem}`);
  return read.data.toString('utf8');
}

/** The parsed content of `file` (given with `flag`); a usage error naming both when it cannot be read or parsed. */
export function readYamlFile(flag: string, file: string): unknown {
  const text = readTextFile(flag, file);
  try {
    // logLevel 'error': the library's warnings (an unknown tag) would print the line they are about to stderr
    return parse(text, { logLevel: 'error' });
  } catch (e) {
    throw new UsageError(`${flag} ${file}: ${parseProblem(e)}`);
  }
}

/**
 * Where and what kind of parse error, never the file's text: the library's message quotes the failing line (and an
 * alias error the alias), which in a users file may hold a password.
 */
function parseProblem(e: unknown): string {
  const { code, linePos } = (e ?? {}) as { code?: unknown; linePos?: Array<{ line?: unknown; col?: unknown }> };
  const at = linePos?.[0];
  const where = typeof at?.line === 'number' && typeof at.col === 'number' ? ` at line ${at.line}, column ${at.col}` : '';
  const what = typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code.toLowerCase().replace(/_/g, ' ') : 'not valid YAML or JSON';
  return `cannot be parsed (${what})${where}; the line is not shown, as it may hold a secret`;
}
