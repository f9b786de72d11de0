/** Writing output files all-or-nothing: temp names beside the targets, renamed into place when all are written. */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, access, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtlasError } from '../../core/errors';

/**
 * A file's bytes made as they are written. A chunk may be overwritten once the one after the next is asked for, so
 * one chunk is written while the next is made.
 */
export interface ByteChunks extends Iterable<Uint8Array> {
  byteLength: number;
}

/**
 * A file's bytes as a writer puts them in the file open (empty) at `fd`, in any order (positioned writes), before it
 * returns.
 */
export type FileWriter = (fd: number) => void | Promise<void>;

/**
 * Each file goes to a temporary name beside it and is renamed when complete; on error nothing half-written stays. The
 * file system's errors become an AtlasError that names the file and says why in words; any other error from making
 * the bytes (an AtlasError, the user's: a region that is not there; or a fault) is thrown as it is.
 */
export async function writeFilesAtomically(
  files: ({ path: string; bytes: Uint8Array | ByteChunks } | { path: string; write: FileWriter })[],
): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps = files.map((f) => `${f.path}.${tag}.part`);
  let current = files[0].path;
  try {
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      const file = files[i];
      if ('write' in file) await writeWith(temps[i], file.write);
      else if (file.bytes instanceof Uint8Array) await writeFile(temps[i], file.bytes);
      else await writeChunks(temps[i], file.bytes);
    }
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      await rename(temps[i], files[i].path);
    }
  } catch (e) {
    // Cleanup must never hide the error that brought us here: a temp name under a regular file makes rm fail with
    // ENOTDIR (force ignores only ENOENT), and one that was never made cannot be left behind anyway.
    await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => {})));
    const code = (e as NodeJS.ErrnoException).code;
    // The user's error, or one that is not the file system's (a fault in making the bytes), as it is: only the file
    // system's errors are the file's.
    if (e instanceof AtlasError || typeof code !== 'string') throw e;
    // The folder may have gone (or changed) since the command checked it: say which part of the path is wrong.
    const problem = code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' ? await outputProblem(current) : null;
    const reason: Record<string, string> = {
      ENOENT: 'no such folder',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on the device',
      EISDIR: 'it is a folder',
      ENOTDIR: 'a part of the path is not a folder',
    };
    throw new AtlasError(
      'invalid-argument',
      `cannot write ${current}: ${problem ?? reason[code] ?? (e as Error).message}`,
    );
  }
}

/**
 * Refuses, before any work, output paths that cannot be written: a folder that does not exist or is a file, a target
 * that is a folder, a folder this process may not write in. Throws the AtlasError "cannot write PATH: why", naming
 * the folder; other problems (a full disk) are left for the write to report.
 */
export async function checkOutputPaths(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const problem = await outputProblem(path);
    if (problem) throw new AtlasError('invalid-argument', `cannot write ${path}: ${problem}`);
  }
}

/** Why `path` cannot be written, in words naming the folder, or null when nothing is seen to be wrong. */
async function outputProblem(path: string): Promise<string | null> {
  if (/[\\/]$/.test(path)) return 'it ends in a slash, so it names a folder, not a file';
  const dir = dirname(path);
  try {
    if (!(await stat(dir)).isDirectory()) return `${dir} is a file, not a folder`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `the folder ${dir} does not exist`;
    if (code === 'ENOTDIR') return `the folder ${dir} does not exist (a part of its path is a file)`;
    if (code === 'EACCES' || code === 'EPERM') return `permission denied to the folder ${dir}`;
    return null;
  }
  const target = await stat(path).catch(() => null);
  if (target?.isDirectory()) return 'it is a folder';
  try {
    await access(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return `the folder ${dir} is on a read-only file system`;
    if (code === 'EACCES' || code === 'EPERM') return `permission denied to write in the folder ${dir}`;
  }
  return null;
}

async function writeWith(path: string, write: FileWriter): Promise<void> {
  const file = await open(path, 'w');
  try {
    await write(file.fd);
  } finally {
    await file.close();
  }
}

async function writeChunks(path: string, chunks: ByteChunks): Promise<void> {
  const file = await open(path, 'w');
  // The chunk being written while the next is made.
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const chunk of chunks) {
      await writing;
      writing = writeAll(file, chunk);
    }
    await writing;
  } finally {
    await writing.catch(() => {}); // its error, if any, is already on its way out
    await file.close();
  }
}

async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let at = 0; at < chunk.length; ) at += (await file.write(chunk, at)).bytesWritten;
}
