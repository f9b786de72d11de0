/**
 * Output files are written whole or not at all: the file system's errors name the file in words, any other error
 * (the user's AtlasError, or a fault in making the bytes) comes out as it is, and neither leaves a partial file or
 * touches the file already there.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { checkOutputPaths, writeFilesAtomically } from '../../../../main/cli/write-files';

describe('writeFilesAtomically', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bas-write-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every file whole, from bytes, chunks or a writer of the open file', async () => {
    const chunks = Object.assign([Uint8Array.of(1, 2), Uint8Array.of(3)], { byteLength: 3 });
    await writeFilesAtomically([
      { path: join(dir, 'a.bin'), bytes: Uint8Array.of(9, 8) },
      { path: join(dir, 'b.bin'), bytes: chunks },
      {
        path: join(dir, 'c.bin'),
        write: (fd) => {
          writeFileSync(fd, Uint8Array.of(7, 7, 7));
        },
      },
    ]);
    expect([...readFileSync(join(dir, 'a.bin'))]).toEqual([9, 8]);
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    expect([...readFileSync(join(dir, 'c.bin'))]).toEqual([7, 7, 7]);
    expect(readdirSync(dir).sort()).toEqual(['a.bin', 'b.bin', 'c.bin']);
  });

  it('says in words why the file system refused, naming the file and the folder', async () => {
    const target = join(dir, 'no-such-dir', 'x.glb');
    const e = await writeFilesAtomically([{ path: target, bytes: Uint8Array.of(1) }]).catch((x) => x);
    expect(e).toBeInstanceOf(AtlasError);
    expect(e.message).toBe(`cannot write ${target}: the folder ${join(dir, 'no-such-dir')} does not exist`);
  });

  it('says a part of the path is a file, not the cleanup’s error with the temp name', async () => {
    // Removing the temp file after the failed write fails too (ENOTDIR: force ignores only ENOENT); that second
    // error must not replace the first.
    writeFileSync(join(dir, 'ok.gii'), 'old');
    const target = join(dir, 'ok.gii', 'x.gii');
    const e = await writeFilesAtomically([{ path: target, bytes: Uint8Array.of(1) }]).catch((x) => x);
    expect(e).toBeInstanceOf(AtlasError);
    expect(e.message).toBe(`cannot write ${target}: ${join(dir, 'ok.gii')} is a file, not a folder`);
    expect(readdirSync(dir)).toEqual(['ok.gii']);
    expect(readFileSync(join(dir, 'ok.gii'), 'utf8')).toBe('old');
  });

  it('throws a fault in making the bytes as it is, not as the file’s, and leaves the old file', async () => {
    const target = join(dir, 'x.glb');
    writeFileSync(target, 'old');
    const fault = new TypeError('x is not a function');
    const e = await writeFilesAtomically([
      {
        path: target,
        write: (fd) => {
          writeFileSync(fd, 'half');
          throw fault;
        },
      },
    ]).catch((x) => x);
    expect(e).toBe(fault);
    const user = new AtlasError('invalid-argument', 'no region 999');
    expect(
      await writeFilesAtomically([
        {
          path: target,
          write: () => {
            throw user;
          },
        },
      ]).catch((x) => x),
    ).toBe(user);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['x.glb']);
  });

  it('checkOutputPaths refuses before any work what cannot be written, naming the folder', async () => {
    const refusal = (path: string) =>
      checkOutputPaths([path]).then(
        () => 'ok',
        (e: AtlasError) => e.message,
      );
    const missing = join(dir, 'nodir');
    expect(await refusal(join(missing, 'x.gii'))).toBe(
      `cannot write ${join(missing, 'x.gii')}: the folder ${missing} does not exist`,
    );
    expect(await refusal(join(missing, 'deeper', 'x.gii'))).toBe(
      `cannot write ${join(missing, 'deeper', 'x.gii')}: the folder ${join(missing, 'deeper')} does not exist`,
    );
    writeFileSync(join(dir, 'file'), '');
    expect(await refusal(join(dir, 'file', 'x.gii'))).toBe(
      `cannot write ${join(dir, 'file', 'x.gii')}: ${join(dir, 'file')} is a file, not a folder`,
    );
    mkdirSync(join(dir, 'taken.glb'));
    expect(await refusal(join(dir, 'taken.glb'))).toBe(`cannot write ${join(dir, 'taken.glb')}: it is a folder`);
    expect(await refusal(`${dir}/x.glb/`)).toBe(
      `cannot write ${dir}/x.glb/: it ends in a slash, so it names a folder, not a file`,
    );
    // A new file in a folder that is there, and a file that is there (it is replaced): nothing to say.
    expect(await refusal(join(dir, 'new.glb'))).toBe('ok');
    expect(await refusal(join(dir, 'file'))).toBe('ok');
    expect(await refusal('relative-name.glb')).toBe('ok');
    // The first path that cannot be written is the one named.
    expect(await checkOutputPaths([join(dir, 'a.mtl'), join(dir, 'taken.glb')]).catch((e) => e.message)).toBe(
      `cannot write ${join(dir, 'taken.glb')}: it is a folder`,
    );
  });
});
