/** The files the CLI reads (roles-as-code, role definitions, queries as YAML/JSON; request bodies as text): bounded, then parsed. */
import { isUtf8 } from 'node:buffer';
import { parse } from 'yaml';
import { readBoundedFile } from '../client/bounded-file.js';
import { UsageError } from './usage-error.js';
import { table } from '../errors/own.js';

/** Largest file read: roles-as-code files are a few hundred KB even for large clusters. */
export const MAX_CLI_FILE_BYTES = 8 * 1024 * 1024;

/** What the error codes a user meets naming a file mean (the code stays first: scripts match on it). */
const CODE_MEANING: Readonly<Record<string, string>> = table({
  ENOENT: 'no such file or directory',
  ELOOP: 'too many symbolic links, a loop?',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'input/output error (not a file that can be read)',
  EINVAL: 'not a file that can be read',
});

/**
 * The text of `file` (given with `flag`), which must be UTF-8; a usage error naming both when it cannot be read or
 * is not UTF-8 (decoding it anyway turned each bad byte into U+FFFD, and `apply` created a role so named).
 */
export function readTextFile(flag: string, file: string): string {
  const read = readBoundedFile(file, MAX_CLI_FILE_BYTES);
  if (!read.ok) throw new UsageError(`${flag} ${file}: ${read.problem}${Object.hasOwn(CODE_MEANING, read.problem) ? ` (${CODE_MEANING[read.problem]})` : ''}`);
  if (!isUtf8(read.data)) throw new UsageError(`${flag} ${file}: is not UTF-8 text (an invalid byte at offset ${firstInvalidByte(read.data)}); save it as UTF-8`);
  // a byte order mark (Windows editors write one) is no part of the text: a --body starting with one was no NDJSON
  return read.data.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * The offset of the first byte of `bytes` (not UTF-8, isUtf8 said so) that Node's decoder replaced: the first U+FFFD
 * of the decoded text that the bytes do not spell as U+FFFD themselves (EF BF BD).
 */
function firstInvalidByte(bytes: Buffer): number {
  const text = bytes.toString('utf8');
  let offset = 0;
  let from = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
    offset += Buffer.byteLength(text.slice(from, at), 'utf8');
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    offset += 3;
    from = at + 1;
  }
  return 0;
}

/** The parsed content of `file` (given with `flag`); a usage error naming both when it cannot be read or parsed. */
export function readYamlFile(flag: string, file: string): unknown {
  const text = readTextFile(flag, file);
  try {
    // logLevel 'error': the library's warnings (an unknown tag) would print the line they are about to stderr.
    // stringKeys: a key is the text written (`007:` names the role "007", not 7; `0x10:` not 16, `.NaN:` not NaN);
    // a key that is a list or a mapping (`? [a, b]`) is refused (NON_STRING_KEY) rather than named by its printed form
    return parse(text, { logLevel: 'error', stringKeys: true });
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
  const what = code === 'NON_STRING_KEY' ? 'a key that is a list or a mapping; a key must be a name' : typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code.toLowerCase().replace(/_/g, ' ') : 'not valid YAML or JSON';
  return `cannot be parsed (${what})${where}; the line is not shown, as it may hold a secret`;
}
