import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNifti } from '../../../../helpers/nifti-writer';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas inspect', () => {
  it('describes a volume in words', async () => {
    const r = await cli('inspect', join(s.dir, 'synth', 'synth_2mm.nii.gz'));
    expect(r.out).toMatch(/NIfTI-1, gzip-compressed/);
    expect(r.out).toMatch(/20 × 24 × 22 voxels of 2 × 2 × 2 mm/);
    expect(r.out).toMatch(/orientation: LAS/);
    expect(r.out).toMatch(/a label volume with 2 labels/);
  });

  it('tells a mask, a label volume and a scan stored as whole numbers apart', async () => {
    const file = (name: string, data: number[]) => {
      const path = join(s.dir, name);
      writeFileSync(path, writeNifti({ dims: [20, 20, 20], data, dtype: 'int16' }));
      return path;
    };
    const n = 20 ** 3;
    // Twelve labels in runs of five voxels along x; a mask of half of them; a T1-like scan of varying whole numbers.
    const labels = Array.from({ length: n }, (_, i) => Math.floor(i / 5) % 13);
    const looks = async (name: string, data: number[]) =>
      (await cli('inspect', file(name, data))).out.match(/looks like: +(.*)/)?.[1];
    expect(await looks('labels.nii', labels)).toBe(
      'a label volume with 12 labels (brain-atlas regions --file labels.nii)',
    );
    expect(
      await looks(
        'mask.nii',
        labels.map((v) => (v > 6 ? 1 : 0)),
      ),
    ).toBe('a binary mask');
    expect(
      await looks(
        'mask255.nii',
        labels.map((v) => (v > 6 ? 255 : 0)),
      ),
    ).toBe('a binary mask (of 255)');
    expect(
      await looks(
        'scan.nii',
        labels.map((_, i) => 200 + ((i * 7919) % 601)),
      ),
    ).toMatch(/^an image stored as whole numbers \(a scan\?\): its values vary from voxel to voxel/);
  });
});
