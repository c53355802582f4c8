/**
 * Reading a file a user names (a CA bundle, a key, a roles-as-code file): only a regular file, at most
 * `maxBytes`, and never blocking. A FIFO, a device (`/dev/zero`), a directory or an oversized file is
 * refused from its `stat` before it is opened, and the read stops at `maxBytes` even when the file
 * grows meanwhile or reports size 0 (`/proc`).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** The file's bytes, or why they were not read (e.g. `is not a regular file`, `ENOENT`). */
export type BoundedRead = { ok: true; data: Buffer } | { ok: false; problem: string };

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'read error';
}

/** Reads the regular file at `path` if it holds at most `maxBytes` bytes. */
export function readBoundedFile(path: string, maxBytes: number): BoundedRead {
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, problem: 'is not a regular file (a directory, FIFO, socket or device)' };
    if (st.size > maxBytes) return { ok: false, problem: `is larger than ${maxBytes} bytes` };
    // O_NONBLOCK: a path swapped for a FIFO after the stat above would otherwise block this open (no writer)
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return { ok: false, problem: 'is not a regular file (it changed while being opened)' };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { ok: false, problem: `is larger than ${maxBytes} bytes` };
    }
    return { ok: true, data: Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, problem: errorCode(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
