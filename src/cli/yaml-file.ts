/** The files the CLI reads (roles-as-code, role definitions, queries as YAML/JSON; request bodies as text): bounded, then parsed. */
import { parse } from 'yaml';
import { readBoundedFile } from '../client/bounded-file.js';
import { UsageError } from './usage-error.js';

/** Largest file read: roles-as-code files are a few hundred KB even for large clusters. */
export const MAX_CLI_FILE_BYTES = 8 * 1024 * 1024;

/** What the error codes a user meets naming a file mean (the code stays first: scripts match on it). */
const CODE_MEANING: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ELOOP: 'too many symbolic links, a loop?',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'input/output error (not a file that can be read)',
  EINVAL: 'not a file that can be read',
};

/**
 * The text of `file` (given with `flag`), which must be UTF-8; a usage error naming both when it cannot be read or
 * is not UTF-8 (decoding it anyway turned each bad byte into U+FFFD, and `apply` created a role so named).
 */
export function readTextFile(flag: string, file: string): string {
  const read = readBoundedFile(file, MAX_CLI_FILE_BYTES);
  if (!read.ok) throw new UsageError(`${flag} ${file}: ${read.problem}${Object.hasOwn(CODE_MEANING, read.problem) ? ` (${CODE_MEANING[read.problem]})` : ''}`);
  const bad = firstInvalidUtf8(read.data);
  if (bad >= 0) throw new UsageError(`${flag} ${file}: is not UTF-8 text (an invalid byte at offset ${bad}); save it as UTF-8`);
  // a byte order mark (Windows editors write one) is no part of the text: a --body starting with one was no NDJSON
  return read.data.toString('utf8').replace(/^\uFEFF/, '');
}

/** The offset of the first byte of `bytes` that does not begin a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const c = bytes[i]!;
    const more = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0) return i;
    // the second byte's range excludes overlong forms, surrogates and code points over U+10FFFF
    const low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= more; k++) {
      const d = bytes[i + k];
      if (d === undefined || d < (k === 1 ? low : 0x80) || d > (k === 1 ? high : 0xbf)) return i;
    }
    i += more + 1;
  }
  return -1;
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
