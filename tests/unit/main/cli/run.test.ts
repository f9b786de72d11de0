import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNifti } from '../../../helpers/nifti-writer';
import { captureCli } from '../../../helpers/run-cli';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas errors', () => {
  it('usage errors exit 2, data errors exit 1 with one line naming the problem', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('query', '1', '2')).code).toBe(2);
    expect((await cli('regions', 'synth', '--json', '--csv')).code).toBe(2);
    const unknown = await cli('regions', 'synthh');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^brain-atlas: .*'synthh'.*synth/);
    expect(unknown.err.split('\n')).toHaveLength(1);
    const remote = await cli('regions', 'synth-remote');
    expect(remote.code).toBe(1);
    expect(remote.err).toMatch(/remote\.nii\.gz/);
  });

  it('a usage error prints the problem, the command’s own usage and where the rest is, not the whole usage', async () => {
    const hint = 'run brain-atlas --help for every command and option';
    expect(await cli('frobnicate')).toEqual({
      code: 2,
      out: '',
      err: `brain-atlas: unknown command "frobnicate"\n${hint}`,
    });
    expect((await cli()).err).toBe(`brain-atlas: no command given\n${hint}`);
    const project =
      'usage: brain-atlas project MAP --hemi left|right [--surface fsaverage5] [--frame N] [--json|--out F.gii]';
    expect(await cli('project', 'zmap.nii.gz', '--hemi', 'both')).toEqual({
      code: 2,
      out: '',
      err: `brain-atlas: --hemi must be left or right (or lh, rh), got "both"\n${project}\n${hint}`,
    });
    expect((await cli('project', 'zmap.nii.gz', '--hemi', 'left', '--json', '--out', 'x.gii')).err).toBe(
      `brain-atlas: give --json or --out, not both\n${project}\n${hint}`,
    );
    // Continuation lines keep their place under the command.
    const mesh = [
      'usage: brain-atlas mesh ID --out FILE.glb|.obj|.stl [--res N] [--variant V] [--regions V,...] [--smooth K]',
      '                      [--detail fine|standard]',
    ].join('\n');
    expect(await cli('mesh', 'synth')).toEqual({
      code: 2,
      out: '',
      err: `brain-atlas: mesh needs --out FILE ending in .glb, .obj or .stl\n${mesh}\n${hint}`,
    });
    expect((await cli('mesh', 'synth', '--out', 'x.glb', '--detail', 'ultra')).err).toBe(
      `brain-atlas: --detail needs standard or fine, got "ultra"\n${mesh}\n${hint}`,
    );
    expect((await cli('mesh', 'synth', '--out', 'x.glb', '--smooth', '-1')).err).toBe(
      `brain-atlas: --smooth needs a number of iterations from 0 to 1000, got "-1"\n${mesh}\n${hint}`,
    );
    // An option the command does not take, and --json with --csv: the same shape.
    expect((await cli('regions', 'synth', '--json', '--csv')).err.split('\n')).toEqual([
      'brain-atlas: choose one of --json and --csv',
      'usage: brain-atlas regions ID [--res N] [--variant V] [--json|--csv]',
      '       brain-atlas regions --file VOLUME [--labels TABLE] [--json|--csv]',
      hint,
    ]);
    // scene: the lines of the subcommand named.
    expect((await cli('scene', 'check')).err.split('\n').slice(1)).toEqual([
      'usage: brain-atlas scene check S.brainscene.json',
      hint,
    ]);
  });

  it('names the file and the problem for a corrupt volume, without a stack trace', async () => {
    const bad = join(s.root, 'bad.nii.gz');
    const good = writeNifti({ dims: DIMS, data: s.labels, affine: AFFINE, gzip: true });
    writeFileSync(bad, good.subarray(0, good.length >> 1));
    const r = await cli('regions', '--file', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^brain-atlas: bad\.nii\.gz: gzip stream ends early at byte/);
    const frac = join(s.root, 'frac.nii');
    writeFileSync(frac, writeNifti({ dims: [2, 2, 2], data: [0, 0.5, 0, 0, 0, 0, 0, 0], dtype: 'float32' }));
    expect((await cli('regions', '--file', frac)).err).toMatch(
      /frac\.nii: label volume holds the fractional value 0\.5 at voxel \(1, 0, 0\)/,
    );
    const series = join(s.root, 'series.nii.gz');
    writeFileSync(series, writeNifti({ dims: [2, 2, 2, 3], data: new Array(24).fill(1), gzip: true }));
    expect((await cli('regions', '--file', series)).err).toMatch(
      /series\.nii\.gz: the image has 3 frames, a label volume has one/,
    );
  });
});
