/**
 * Output files are written whole or not at all: the file system's errors name the file in words, any other error
 * (the user's AtlasError, or a fault in making the bytes) comes out as it is, and neither leaves a partial file or
 * touches the file already there.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { writeFilesAtomically } from '../../../../main/cli/write-files';

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

  it('says in words why the file system refused, naming the file', async () => {
    const target = join(dir, 'no-such-dir', 'x.glb');
    const e = await writeFilesAtomically([{ path: target, bytes: Uint8Array.of(1) }]).catch((x) => x);
    expect(e).toBeInstanceOf(AtlasError);
    expect(e.message).toBe(`cannot write ${target}: no such directory`);
  });

  it('says a part of the path is not a directory, not the cleanup’s error with the temp name', async () => {
    // Removing the temp file after the failed write fails too (ENOTDIR: force ignores only ENOENT); that second
    // error must not replace the first.
    writeFileSync(join(dir, 'ok.gii'), 'old');
    const target = join(dir, 'ok.gii', 'x.gii');
    const e = await writeFilesAtomically([{ path: target, bytes: Uint8Array.of(1) }]).catch((x) => x);
    expect(e).toBeInstanceOf(AtlasError);
    expect(e.message).toBe(`cannot write ${target}: a part of the path is not a directory`);
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
});
