/**
 * `brain-atlas mesh` on the synthetic atlas: the line that says what was written counts regions in words, and an
 * --out whose folder is missing is refused before the atlas is read.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas mesh', () => {
  it('says "1 region" for one, "2 regions" for two', async () => {
    const one = join(s.root, 'one.glb');
    const r1 = await cli('mesh', 'synth', '--regions', '1', '--out', one);
    expect(r1.code, r1.err).toBe(0);
    expect(r1.out).toMatch(
      new RegExp(`^synth: 1 region, [\\d ]+ triangles, [\\d ]+ vertices, [\\d ]+ bytes -> ${one}$`),
    );
    const two = join(s.root, 'two.stl');
    const r2 = await cli('mesh', 'synth', '--out', two);
    expect(r2.code, r2.err).toBe(0);
    expect(r2.out).toMatch(/^synth: 2 regions, /);
  });

  it('refuses an --out in a folder that is not there before reading the atlas, naming the folder', async () => {
    const folder = join(s.root, 'no-such-folder');
    // An atlas that does not exist: the folder is checked first.
    expect(await cli('mesh', 'no-such-atlas', '--out', join(folder, 'x.glb'))).toEqual({
      code: 1,
      out: '',
      err: `brain-atlas: cannot write ${join(folder, 'x.glb')}: the folder ${folder} does not exist`,
    });
    // .obj writes its .mtl first: that is the file named.
    expect((await cli('mesh', 'synth', '--out', join(folder, 'x.obj'))).err).toBe(
      `brain-atlas: cannot write ${join(folder, 'x.mtl')}: the folder ${folder} does not exist`,
    );
    expect(existsSync(folder)).toBe(false);
  });
});
