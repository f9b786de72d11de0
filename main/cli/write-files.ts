/** Writing output files all-or-nothing: temp names beside the targets, renamed into place when all are written. */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { AtlasError } from '../../core/errors';

/** Each file goes to a temporary name beside it and is renamed when complete; on error nothing half-written stays. */
export async function writeFilesAtomically(files: { path: string; bytes: Uint8Array }[]): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps = files.map((f) => `${f.path}.${tag}.part`);
  let current = files[0].path;
  try {
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      await writeFile(temps[i], files[i].bytes);
    }
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      await rename(temps[i], files[i].path);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    const code = (e as NodeJS.ErrnoException).code;
    const reason: Record<string, string> = {
      ENOENT: 'no such directory',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on the device',
      EISDIR: 'it is a directory',
      ENOTDIR: 'a part of the path is not a directory',
    };
    throw new AtlasError(
      'invalid-argument',
      `cannot write ${current}: ${(code && reason[code]) || (e as Error).message}`,
    );
  }
}
