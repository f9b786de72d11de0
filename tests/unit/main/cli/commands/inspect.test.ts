import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
});
