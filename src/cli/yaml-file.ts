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
    return parse(text);
  } catch (e) {
    throw new UsageError(`${flag} ${file}: ${(e as Error).message}`);
  }
}
